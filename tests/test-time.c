/* test-time.c: parsing, formatting and calendar periods in a time zone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "desk-error.h"
#include "desk-time.h"

/* Instants written as UTC text, checked against desk_time_parse itself
 * in /time/parse/utc-reference.
 */
typedef struct
{
  const char *zone;
  const char *text;
  DeskFold    fold;
  const char *utc;    /* expected instant, as UTC ISO; NULL: refused */
  int         code;   /* the error code when refused */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "UTC", "2025-03-09T14:05:00+07:00", DESK_FOLD_REFUSE,
    "2025-03-09T07:05:00+00:00" },
  { "Europe/Berlin", "2025-03-09T14:05:00+07:00", DESK_FOLD_REFUSE,
    "2025-03-09T07:05:00+00:00" },
  { "Asia/Jakarta", "2025-03-09T14:05:00+07:00", DESK_FOLD_REFUSE,
    "2025-03-09T07:05:00+00:00" },
  { "Europe/Berlin", "2025-03-09T14:05:00Z", DESK_FOLD_REFUSE,
    "2025-03-09T14:05:00+00:00" },
  { "UTC", "2025-03-09 14:05", DESK_FOLD_REFUSE, "2025-03-09T14:05:00+00:00" },
  { "Europe/Berlin", "2025-03-09 14:05", DESK_FOLD_REFUSE,
    "2025-03-09T13:05:00+00:00" },
  { "Asia/Jakarta", "2025-03-09 14:05", DESK_FOLD_REFUSE,
    "2025-03-09T07:05:00+00:00" },
  { "Europe/Berlin", "2025-07-01T09:00", DESK_FOLD_REFUSE,
    "2025-07-01T07:00:00+00:00" },
  { "Asia/Jakarta", "2025-03-09", DESK_FOLD_REFUSE,
    "2025-03-08T17:00:00+00:00" },
  { "UTC", "2025-03-09T14:05:07.123Z", DESK_FOLD_REFUSE,
    "2025-03-09T14:05:07+00:00" },
  { "UTC", "2025-03-09T14:05:00+0530", DESK_FOLD_REFUSE,
    "2025-03-09T08:35:00+00:00" },
  { "UTC", "2025-03-09T14:05:00-03", DESK_FOLD_REFUSE,
    "2025-03-09T17:05:00+00:00" },
  { "UTC", "  2025-03-09 14:05:30  ", DESK_FOLD_REFUSE,
    "2025-03-09T14:05:30+00:00" },
  { "UTC", "2024-02-29", DESK_FOLD_REFUSE, "2024-02-29T00:00:00+00:00" },
  { "Europe/Berlin", "2024-02-29 12:00", DESK_FOLD_REFUSE,
    "2024-02-29T11:00:00+00:00" },
  { "Asia/Jakarta", "2024-02-29 12:00", DESK_FOLD_REFUSE,
    "2024-02-29T05:00:00+00:00" },
  { "UTC", "2024-02-30 25:61", DESK_FOLD_REFUSE, NULL, DESK_ERROR_INVALID },
  { "Europe/Berlin", "2024-02-30 25:61", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_INVALID },
  { "Asia/Jakarta", "2024-02-30 25:61", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_INVALID },
  { "UTC", "2023-02-29", DESK_FOLD_REFUSE, NULL, DESK_ERROR_INVALID },
  { "Europe/Berlin", "2023-02-29", DESK_FOLD_EARLIER,
    NULL, DESK_ERROR_INVALID },
  { "Asia/Jakarta", "2023-02-29", DESK_FOLD_REFUSE, NULL, DESK_ERROR_INVALID },
  { "UTC", "2025-04-31 10:00", DESK_FOLD_REFUSE, NULL, DESK_ERROR_INVALID },
  { "UTC", "2025-03-09 24:00", DESK_FOLD_REFUSE, NULL, DESK_ERROR_INVALID },
  { "UTC", "2025-13-01", DESK_FOLD_REFUSE, NULL, DESK_ERROR_INVALID },
  { "UTC", "2025-03-09T14:05:00+25:00", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_PARSE },
  { "UTC", "hello", DESK_FOLD_REFUSE, NULL, DESK_ERROR_PARSE },
  { "UTC", "", DESK_FOLD_REFUSE, NULL, DESK_ERROR_PARSE },
  { "UTC", "2025-3-9", DESK_FOLD_REFUSE, NULL, DESK_ERROR_PARSE },
  { "UTC", "2025-03-09T14", DESK_FOLD_REFUSE, NULL, DESK_ERROR_PARSE },
  { "UTC", "2025-03-09 14:05 tomorrow", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_PARSE },
  { "UTC", "09/03/2025 14:05", DESK_FOLD_REFUSE, NULL, DESK_ERROR_PARSE },
  /* Times that would leave the four-digit years in some zone. */
  { "UTC", "9999-12-31T23:59:59-12:00", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_INVALID },
  { "Asia/Jakarta", "9999-12-31 23:00", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_INVALID },
  { "UTC", "0001-01-01T00:00:00+14:00", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_INVALID },
  { "UTC", "9999-12-30T23:59:59Z", DESK_FOLD_REFUSE,
    "9999-12-30T23:59:59+00:00" },
  { "UTC", "0001-01-02", DESK_FOLD_REFUSE, "0001-01-02T00:00:00+00:00" },
  /* Spring forward: 02:00-03:00 does not exist in Berlin on 30 March. */
  { "Europe/Berlin", "2025-03-30 02:30", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_INVALID },
  { "Europe/Berlin", "2025-03-30 02:30", DESK_FOLD_LATER,
    NULL, DESK_ERROR_INVALID },
  { "Europe/Berlin", " 2025-03-30T02:30:00 ", DESK_FOLD_EARLIER,
    NULL, DESK_ERROR_INVALID },
  { "Europe/Berlin", "2025-03-30 01:59:59", DESK_FOLD_REFUSE,
    "2025-03-30T00:59:59+00:00" },
  { "Europe/Berlin", "2025-03-30 03:00", DESK_FOLD_REFUSE,
    "2025-03-30T01:00:00+00:00" },
  { "UTC", "2025-03-30 02:30", DESK_FOLD_REFUSE, "2025-03-30T02:30:00+00:00" },
  { "Asia/Jakarta", "2025-03-30 02:30", DESK_FOLD_REFUSE,
    "2025-03-29T19:30:00+00:00" },
  /* Fall back: 02:00-03:00 happens twice in Berlin on 26 October. */
  { "Europe/Berlin", "2025-10-26 02:30", DESK_FOLD_REFUSE,
    NULL, DESK_ERROR_INVALID },
  { "Europe/Berlin", "2025-10-26 02:30", DESK_FOLD_EARLIER,
    "2025-10-26T00:30:00+00:00" },
  { "Europe/Berlin", "2025-10-26 02:30", DESK_FOLD_LATER,
    "2025-10-26T01:30:00+00:00" },
  { "Europe/Berlin", "2025-10-26T02:30:00+01:00", DESK_FOLD_REFUSE,
    "2025-10-26T01:30:00+00:00" },
  { "Europe/Berlin", "2025-10-26 03:00", DESK_FOLD_REFUSE,
    "2025-10-26T02:00:00+00:00" },
  { "UTC", "2025-10-26 02:30", DESK_FOLD_REFUSE, "2025-10-26T02:30:00+00:00" },
  { "Asia/Jakarta", "2025-10-26 02:30", DESK_FOLD_REFUSE,
    "2025-10-25T19:30:00+00:00" },
  /* Lord Howe Island moves its clocks by half an hour. */
  { "Australia/Lord_Howe", "2025-04-06 01:45", DESK_FOLD_EARLIER,
    "2025-04-05T14:45:00+00:00" },
  { "Australia/Lord_Howe", "2025-04-06 01:45", DESK_FOLD_LATER,
    "2025-04-05T15:15:00+00:00" },
};

static GTimeZone *
zone (const char *identifier)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *tz;

  tz = desk_time_zone_new (identifier, &error);
  g_assert_no_error (error);

  return tz;
}

static char *
utc_text (gint64 instant)
{
  g_autoptr(GTimeZone) utc = zone ("UTC");

  return desk_time_format_iso (instant, utc);
}

static void
test_parse (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GTimeZone) tz = zone (c->zone);
  g_autoptr(GError) error = NULL;
  gint64 instant = 0;
  gboolean ok;

  ok = desk_time_parse (c->text, tz, c->fold, &instant, &error);

  if (c->utc == NULL)
    {
      g_assert_error (error, DESK_ERROR, c->code);
      g_assert_false (ok);
      if (*c->text != '\0')
        {
          g_autofree char *quoted = g_strstrip (g_strdup (c->text));

          g_assert_nonnull (strstr (error->message, quoted));
        }
    }
  else
    {
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (ok);
      text = utc_text (instant);
      g_assert_cmpstr (text, ==, c->utc);
    }
}

static void
test_parse_utc_reference (void)
{
  g_autoptr(GTimeZone) utc = zone ("UTC");
  g_autoptr(GError) error = NULL;
  gint64 instant = 0;

  /* 2025-03-09T14:05:00Z is 1741529100 seconds after the epoch. */
  g_assert_true (desk_time_parse ("2025-03-09T14:05:00Z", utc,
                                  DESK_FOLD_REFUSE, &instant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (instant, ==, 1741529100);

  g_assert_true (desk_time_parse ("1970-01-01T00:00:00+00:00", utc,
                                  DESK_FOLD_REFUSE, &instant, &error));
  g_assert_cmpint (instant, ==, 0);

  g_assert_true (desk_time_parse ("1969-12-31T23:59:59Z", utc,
                                  DESK_FOLD_REFUSE, &instant, &error));
  g_assert_cmpint (instant, ==, -1);
}

static void
test_from_local_names_time (void)
{
  g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");
  g_autoptr(GError) error = NULL;
  gint64 instant = 0;

  g_assert_false (desk_time_from_local (tz, 2025, 3, 30, 2, 30, 0,
                                        DESK_FOLD_EARLIER, &instant, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-03-30 02:30"));
  g_assert_nonnull (strstr (error->message, "Europe/Berlin"));
  g_clear_error (&error);

  g_assert_true (desk_time_from_local (tz, 2025, 10, 26, 2, 30, 0,
                                       DESK_FOLD_LATER, &instant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (instant, ==, 1761442200);
}

typedef struct
{
  const char *zone;
  const char *period;
  const char *start;  /* expected, in the zone */
  gint64      hours;  /* expected length; 0: refused */
  int         code;
} PeriodCase;

static const PeriodCase period_cases[] = {
  { "UTC", "2025", "2025-01-01T00:00:00+00:00", 8760 },
  { "UTC", "2024", "2024-01-01T00:00:00+00:00", 8784 },
  { "UTC", "2025-Q1", "2025-01-01T00:00:00+00:00", 2160 },
  { "UTC", "2024-Q1", "2024-01-01T00:00:00+00:00", 2184 },
  { "UTC", "2025-q4", "2025-10-01T00:00:00+00:00", 2208 },
  { "UTC", "2025-03", "2025-03-01T00:00:00+00:00", 744 },
  { "UTC", "2025-10", "2025-10-01T00:00:00+00:00", 744 },
  { "UTC", "2024-02", "2024-02-01T00:00:00+00:00", 696 },
  { "UTC", "2023-02", "2023-02-01T00:00:00+00:00", 672 },
  { "UTC", "2025-W10", "2025-03-03T00:00:00+00:00", 168 },
  { "UTC", "2025-W01", "2024-12-30T00:00:00+00:00", 168 },
  { "UTC", "2020-W53", "2020-12-28T00:00:00+00:00", 168 },
  { "UTC", "2025-03-09", "2025-03-09T00:00:00+00:00", 24 },
  { "UTC", "2025-03-30", "2025-03-30T00:00:00+00:00", 24 },
  { "UTC", "2025-01-01/2025-01-31", "2025-01-01T00:00:00+00:00", 744 },
  { "UTC", "2025-01/2025-03", "2025-01-01T00:00:00+00:00", 2160 },
  { "UTC", "2025-03-09T10:00:00Z/2025-03-09T12:00:00Z",
    "2025-03-09T10:00:00+00:00", 2 },
  { "Europe/Berlin", "2025", "2025-01-01T00:00:00+01:00", 8760 },
  { "Europe/Berlin", "2024", "2024-01-01T00:00:00+01:00", 8784 },
  { "Europe/Berlin", "2025-Q1", "2025-01-01T00:00:00+01:00", 2159 },
  { "Europe/Berlin", "2025-Q4", "2025-10-01T00:00:00+02:00", 2209 },
  { "Europe/Berlin", "2025-03", "2025-03-01T00:00:00+01:00", 743 },
  { "Europe/Berlin", "2025-10", "2025-10-01T00:00:00+02:00", 745 },
  { "Europe/Berlin", "2025-07", "2025-07-01T00:00:00+02:00", 744 },
  { "Europe/Berlin", "2024-02", "2024-02-01T00:00:00+01:00", 696 },
  { "Europe/Berlin", "2025-W13", "2025-03-24T00:00:00+01:00", 167 },
  { "Europe/Berlin", "2025-W43", "2025-10-20T00:00:00+02:00", 169 },
  { "Europe/Berlin", "2025-03-30", "2025-03-30T00:00:00+01:00", 23 },
  { "Europe/Berlin", "2025-10-26", "2025-10-26T00:00:00+02:00", 25 },
  { "Europe/Berlin", "2025-03-29/2025-03-30", "2025-03-29T00:00:00+01:00", 47 },
  { "Asia/Jakarta", "2025", "2025-01-01T00:00:00+07:00", 8760 },
  { "Asia/Jakarta", "2024", "2024-01-01T00:00:00+07:00", 8784 },
  { "Asia/Jakarta", "2025-Q1", "2025-01-01T00:00:00+07:00", 2160 },
  { "Asia/Jakarta", "2025-03", "2025-03-01T00:00:00+07:00", 744 },
  { "Asia/Jakarta", "2025-10", "2025-10-01T00:00:00+07:00", 744 },
  { "Asia/Jakarta", "2024-02", "2024-02-01T00:00:00+07:00", 696 },
  { "Asia/Jakarta", "2025-W10", "2025-03-03T00:00:00+07:00", 168 },
  { "Asia/Jakarta", "2025-03-30", "2025-03-30T00:00:00+07:00", 24 },
  /* Cuba puts the clocks forward at midnight: that day starts at 01:00. */
  { "America/Havana", "2025-03-09", "2025-03-09T01:00:00-04:00", 23 },
  { "UTC", "2025-W53", NULL, 0, DESK_ERROR_INVALID },
  { "Europe/Berlin", "2025-13", NULL, 0, DESK_ERROR_INVALID },
  { "Asia/Jakarta", "2023-02-29", NULL, 0, DESK_ERROR_INVALID },
  { "UTC", "2025-Q5", NULL, 0, DESK_ERROR_INVALID },
  { "UTC", "2025-03-10/2025-03-09", NULL, 0, DESK_ERROR_INVALID },
  { "UTC", "2025-03-09/2025-03-09", "2025-03-09T00:00:00+00:00", 24 },
  { "Europe/Berlin", "2025-03-30 02:30/2025-04", NULL, 0, DESK_ERROR_INVALID },
  { "UTC", "last month", NULL, 0, DESK_ERROR_PARSE },
  { "UTC", "2025/2026/2027", NULL, 0, DESK_ERROR_PARSE },
  { "UTC", "", NULL, 0, DESK_ERROR_PARSE },
  { "UTC", "25", NULL, 0, DESK_ERROR_PARSE },
};

static void
test_period (gconstpointer data)
{
  const PeriodCase *c = data;
  g_autoptr(GTimeZone) tz = zone (c->zone);
  g_autoptr(GError) error = NULL;
  gint64 start = 0;
  gint64 end = 0;
  gboolean ok;

  ok = desk_period_parse (c->period, tz, &start, &end, &error);

  if (c->start == NULL)
    {
      g_assert_error (error, DESK_ERROR, c->code);
      g_assert_false (ok);
    }
  else
    {
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (ok);
      text = desk_time_format_iso (start, tz);
      g_assert_cmpstr (text, ==, c->start);
      g_assert_cmpint (end - start, ==, c->hours * 3600);
    }
}

typedef struct
{
  const char *zone;
  gint64      instant;
  const char *iso;
} FormatCase;

static const FormatCase format_cases[] = {
  { "UTC", 1741529100, "2025-03-09T14:05:00+00:00" },
  { "Europe/Berlin", 1741529100, "2025-03-09T15:05:00+01:00" },
  { "Asia/Jakarta", 1741529100, "2025-03-09T21:05:00+07:00" },
  { "UTC", 0, "1970-01-01T00:00:00+00:00" },
  { "UTC", -1, "1969-12-31T23:59:59+00:00" },
  { "Asia/Jakarta", 1709164800, "2024-02-29T07:00:00+07:00" },
  /* Either side of the Berlin changes of 2025. */
  { "Europe/Berlin", 1743296399, "2025-03-30T01:59:59+01:00" },
  { "Europe/Berlin", 1743296400, "2025-03-30T03:00:00+02:00" },
  { "Europe/Berlin", 1761438600, "2025-10-26T02:30:00+02:00" },
  { "Europe/Berlin", 1761442200, "2025-10-26T02:30:00+01:00" },
  /* Berlin kept local mean time until 1893. */
  { "Europe/Berlin", -3786825600, "1850-01-01T00:53:28+00:53:28" },
  /* Beyond the stored transitions the rule goes on. */
  { "Europe/Berlin", 4118601600, "2100-07-07T02:00:00+02:00" },
  { "UTC", DESK_TIME_NONE, "" },
};

static void
test_format_iso (gconstpointer data)
{
  const FormatCase *c = data;
  g_autoptr(GTimeZone) tz = zone (c->zone);
  g_autofree char *text = NULL;
  g_autoptr(GString) appended = g_string_new ("at ");
  char buf[DESK_TIME_ISO_MAX];
  gsize length;

  text = desk_time_format_iso (c->instant, tz);
  g_assert_cmpstr (text, ==, c->iso);

  length = desk_time_format_iso_buf (c->instant, tz, buf);
  g_assert_cmpstr (buf, ==, c->iso);
  g_assert_cmpuint (length, ==, strlen (c->iso));

  desk_time_append_iso (appended, c->instant, tz);
  g_assert_true (g_str_has_suffix (appended->str, c->iso));
  g_assert_cmpuint (appended->len, ==, 3 + strlen (c->iso));

  if (c->instant != DESK_TIME_NONE)
    {
      g_autoptr(GError) error = NULL;
      gint64 back = 0;

      g_assert_true (desk_time_parse (text, tz, DESK_FOLD_REFUSE,
                                      &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, c->instant);
    }
}

/* Every 15 minutes over two years, formatting then parsing gives the same
 * instant and the same text as GDateTime.
 */
static void
test_format_round_trip (gconstpointer data)
{
  const char *identifier = data;
  g_autoptr(GTimeZone) tz = zone (identifier);

  for (gint64 t = 1704067200; t < 1767225600; t += 900)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *expected = g_date_time_format (local, "%FT%T%:z");
      char buf[DESK_TIME_ISO_MAX];
      gint64 back = 0;

      desk_time_format_iso_buf (t, tz, buf);
      g_assert_cmpstr (buf, ==, expected);
      g_assert_true (desk_time_parse (buf, tz, DESK_FOLD_REFUSE, &back, NULL));
      g_assert_cmpint (back, ==, t);
    }
}

static void
test_format_speed (void)
{
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  char buf[DESK_TIME_ISO_MAX];
  gint64 begin;
  double seconds;
  gsize total = 0;

  /* A million rows of six times each, spread over ten years. */
  begin = g_get_monotonic_time ();
  for (guint i = 0; i < 6000000; i++)
    total += desk_time_format_iso_buf (1577836800 + (gint64) i * 53,
                                       berlin, buf);
  seconds = (g_get_monotonic_time () - begin) / 1e6;

  g_test_message ("6,000,000 instants formatted in %.3f s", seconds);
  g_assert_cmpuint (total, ==, 6000000 * 25);
  /* Generous, so that sanitizer builds pass too. */
  g_assert_cmpfloat (seconds, <, 8.0);
}

typedef struct
{
  gint64      seconds;
  const char *text;
} DurationCase;

static const DurationCase duration_cases[] = {
  { 0, "0 s" },
  { 45, "45 s" },
  { 600, "10 min" },
  { 659, "10 min" },
  { 3600, "1 h" },
  { 12300, "3 h 25 min" },
  { 86400, "1 d" },
  { 187200, "2 d 4 h" },
  { -300, "−5 min" },
};

static void
test_duration (gconstpointer data)
{
  const DurationCase *c = data;
  g_autofree char *text = desk_duration_format (c->seconds);

  g_assert_cmpstr (text, ==, c->text);
}

static void
test_display (void)
{
  g_autoptr(GTimeZone) utc = zone ("UTC");
  g_autoptr(GTimeZone) jakarta = zone ("Asia/Jakarta");
  g_autofree char *a = desk_time_format_display (1741529100, utc);
  g_autofree char *b = desk_time_format_display (1741529100, jakarta);
  g_autofree char *none = desk_time_format_display (DESK_TIME_NONE, utc);

  g_assert_cmpstr (a, ==, "9 Mar 2025 14:05");
  g_assert_cmpstr (b, ==, "9 Mar 2025 21:05");
  g_assert_cmpstr (none, ==, "");
}

/* Every prefix of valid texts either parses or fails with a plain
 * DESK_ERROR: never a crash, never a half-read value.
 */
static void
test_prefixes (void)
{
  static const char * const texts[] = {
    "2025-03-09T14:05:07.123+07:00",
    "2025-03-09 14:05:07,5 -03:30",
    "2025-W10/2025-Q2",
    "2025-03-09T10:00:00Z/2025-03-10",
  };
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      for (gsize length = 0; length <= strlen (texts[i]); length++)
        {
          g_autofree char *prefix = g_strndup (texts[i], length);
          g_autoptr(GError) time_error = NULL;
          g_autoptr(GError) period_error = NULL;
          gint64 a = 0;
          gint64 b = 0;

          if (!desk_time_parse (prefix, berlin, DESK_FOLD_REFUSE, &a,
                                &time_error))
            g_assert_true (time_error->domain == DESK_ERROR);
          if (!desk_period_parse (prefix, berlin, &a, &b, &period_error))
            g_assert_true (period_error->domain == DESK_ERROR);
          else
            g_assert_cmpint (a, <, b);
        }
    }
}

static void
test_zone_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) local = NULL;
  GTimeZone *tz;

  tz = desk_time_zone_new ("Nope/Nowhere", &error);
  g_assert_null (tz);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nope/Nowhere"));

  local = desk_time_zone_new ("", NULL);
  g_assert_nonnull (local);
}

static void
test_local_fields_and_grouping (void)
{
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autofree char *day = NULL;
  g_autofree char *week = NULL;
  g_autofree char *month = NULL;
  int y, m, d, h, mi, s, wd;
  /* Sunday 2025-03-30 12:00 in Berlin (summer time since 03:00). */
  gint64 noon = 1743328800;

  desk_time_to_local (noon, berlin, &y, &m, &d, &h, &mi, &s, &wd);
  g_assert_cmpint (y, ==, 2025);
  g_assert_cmpint (m, ==, 3);
  g_assert_cmpint (d, ==, 30);
  g_assert_cmpint (h, ==, 12);
  g_assert_cmpint (mi, ==, 0);
  g_assert_cmpint (s, ==, 0);
  g_assert_cmpint (wd, ==, 7);

  day = desk_time_format_iso (desk_time_start_of_day (noon, berlin), berlin);
  week = desk_time_format_iso (desk_time_start_of_week (noon, berlin), berlin);
  month = desk_time_format_iso (desk_time_start_of_month (noon, berlin),
                                berlin);
  g_assert_cmpstr (day, ==, "2025-03-30T00:00:00+01:00");
  g_assert_cmpstr (week, ==, "2025-03-24T00:00:00+01:00");
  g_assert_cmpstr (month, ==, "2025-03-01T00:00:00+01:00");
  g_assert_cmpint (desk_time_zone_offset (berlin, noon), ==, 7200);
}

static char *
case_path (const char *kind,
           const char *zone_name,
           const char *text)
{
  g_autofree char *name = g_strdup_printf ("%s/%s", zone_name, text);

  g_strdelimit (name, "/ :+.", '_');

  return g_strdup_printf ("/time/%s/%s", kind, g_strstrip (name));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autofree char *text = g_strdup_printf ("%02u-%s-%s", i, c->text,
                                               c->fold == DESK_FOLD_EARLIER ?
                                               "earlier" :
                                               c->fold == DESK_FOLD_LATER ?
                                               "later" : "refuse");
      g_autofree char *path = case_path ("parse", c->zone, text);

      g_test_add_data_func (path, c, test_parse);
    }

  g_test_add_func ("/time/parse/utc-reference", test_parse_utc_reference);
  g_test_add_func ("/time/parse/from-local-message",
                   test_from_local_names_time);

  for (guint i = 0; i < G_N_ELEMENTS (period_cases); i++)
    {
      const PeriodCase *c = &period_cases[i];
      g_autofree char *text = g_strdup_printf ("%02u-%s", i, c->period);
      g_autofree char *path = case_path ("period", c->zone, text);

      g_test_add_data_func (path, c, test_period);
    }

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      g_autofree char *text = g_strdup_printf ("%02u-%s", i,
                                               c->iso[0] ? c->iso : "none");
      g_autofree char *path = case_path ("format", c->zone, text);

      g_test_add_data_func (path, c, test_format_iso);
    }

  g_test_add_data_func ("/time/round-trip/UTC", "UTC",
                        test_format_round_trip);
  g_test_add_data_func ("/time/round-trip/Europe_Berlin", "Europe/Berlin",
                        test_format_round_trip);
  g_test_add_data_func ("/time/round-trip/Asia_Jakarta", "Asia/Jakarta",
                        test_format_round_trip);
  g_test_add_data_func ("/time/round-trip/America_Havana", "America/Havana",
                        test_format_round_trip);
  g_test_add_data_func ("/time/round-trip/Australia_Lord_Howe",
                        "Australia/Lord_Howe", test_format_round_trip);
  g_test_add_func ("/time/format/speed", test_format_speed);

  for (guint i = 0; i < G_N_ELEMENTS (duration_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/time/duration/%"
                                               G_GINT64_FORMAT,
                                               duration_cases[i].seconds);

      g_test_add_data_func (path, &duration_cases[i], test_duration);
    }

  g_test_add_func ("/time/parse/prefixes", test_prefixes);
  g_test_add_func ("/time/display", test_display);
  g_test_add_func ("/time/zone/names", test_zone_names);
  g_test_add_func ("/time/local/fields-and-grouping",
                   test_local_fields_and_grouping);

  return g_test_run ();
}
