/* fuzz-time.c: date, time and period parsing in a few zones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the zone; the rest is the text. Whatever parses
 * must format back to text that parses to the same instant.
 */

#define G_LOG_DOMAIN "fuzz-time"

#include <string.h>

#include "desk-error.h"
#include "desk-time.h"
#include "fuzz-common.h"

/* 0001-01-02 and 9999-12-30, UTC. */
#define MIN_ROUND_TRIP G_GINT64_CONSTANT (-62135510400)
#define MAX_ROUND_TRIP G_GINT64_CONSTANT (253402128000)

static const char * const zone_names[] = {
  "UTC",
  "Europe/Berlin",
  "Asia/Jakarta",
  "America/New_York",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "America/St_Johns",
};

static GTimeZone *zones[G_N_ELEMENTS (zone_names)];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  for (guint i = 0; i < G_N_ELEMENTS (zone_names); i++)
    {
      g_autoptr(GError) error = NULL;

      zones[i] = desk_time_zone_new (zone_names[i], &error);
      g_assert_no_error (error);
    }

  return 0;
}

static void
check_parse (const char *text,
             GTimeZone  *tz,
             DeskFold    fold)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  gint64 instant = 0;
  gint64 again = 0;

  if (!desk_time_parse (text, tz, fold, &instant, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == DESK_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_no_error (error);

  /* ISO 8601 without the expanded form has four-digit years: an instant
   * whose local year leaves 1-9999 cannot be written back.
   */
  if (instant < MIN_ROUND_TRIP || instant > MAX_ROUND_TRIP)
    return;

  iso = desk_time_format_iso (instant, tz);
  if (!desk_time_parse (iso, tz, DESK_FOLD_REFUSE, &again, &error))
    g_error ("“%s” parsed, but its formatting “%s” does not: %s",
             text, iso, error->message);
  g_assert_cmpint (again, ==, instant);
}

static void
check_period (const char *text,
              GTimeZone  *tz)
{
  g_autoptr(GError) error = NULL;
  gint64 start = 0;
  gint64 end = 0;

  if (!desk_period_parse (text, tz, &start, &end, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_cmpint (start, <, end);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  GTimeZone *tz;

  if (size < 1 || size > 256)
    return 0;

  tz = zones[data[0] % G_N_ELEMENTS (zones)];
  text = fuzz_strndup (data + 1, size - 1);

  check_parse (text, tz, DESK_FOLD_REFUSE);
  check_parse (text, tz, DESK_FOLD_EARLIER);
  check_parse (text, tz, DESK_FOLD_LATER);
  check_period (text, tz);

  return 0;
}
