/* desk-time.c: parsing, formatting and calendar periods in a time zone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-time"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-error.h"
#include "desk-time.h"

#define SECONDS_PER_DAY 86400

/* 0001-01-02T00:00:00Z and 9999-12-30T23:59:59Z: a day inside the
 * four-digit years, the most any UTC offset can move a time.
 */
#define MIN_INSTANT (G_GINT64_CONSTANT (-62135596800) + SECONDS_PER_DAY)
#define MAX_INSTANT (G_GINT64_CONSTANT (253402300799) - SECONDS_PER_DAY)

/* The offset table covers 1900 to 2200; instants outside it ask GLib. */
#define TABLE_MIN G_GINT64_CONSTANT (-2208988800)
#define TABLE_MAX G_GINT64_CONSTANT (7258118400)

typedef struct
{
  char   *identifier;
  gint64 *at;            /* instants where the offset changes, ascending */
  gint32 *offset;        /* offset from at[i] on */
  guint   n;
  gint32  first_offset;  /* offset before at[0] */
} ZoneTable;

typedef struct
{
  GTimeZone *tz;
  ZoneTable *table;
} ZoneCache;

static GMutex zone_tables_lock;
static GHashTable *zone_tables;
static GPrivate zone_cache = G_PRIVATE_INIT (g_free);

/* Calendar arithmetic on the proleptic Gregorian calendar. */

static gboolean
is_leap_year (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (gint64 year,
               int    month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap_year (year))
    return 29;

  return days[month - 1];
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

/* Days since 1970-01-01 of a civil date; month 1-12. */
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  year -= month <= 2;
  era = floor_div (year, 400);
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  days,
                 gint64 *year,
                 int    *month,
                 int    *day)
{
  gint64 era;
  gint64 doe;
  gint64 yoe;
  gint64 doy;
  gint64 mp;

  days += 719468;
  era = floor_div (days, 146097);
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

/* 0 for Monday … 6 for Sunday; 1970-01-01 was a Thursday. */
static int
weekday_from_days (gint64 days)
{
  return (int) ((days % 7 + 7 + 3) % 7);
}

static gint64
iso_week_one_monday (gint64 year)
{
  gint64 jan4 = days_from_civil (year, 1, 4);

  return jan4 - weekday_from_days (jan4);
}

/* The offset table of a zone. */

static int
glib_offset (GTimeZone *tz,
             gint64     instant)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);

  return g_time_zone_get_offset (tz, interval);
}

/* Collects the instants in (lo, hi] where GLib's interval index changes.
 * The index never decreases with time, so equal ends mean no change.
 */
static void
find_transitions (GTimeZone *tz,
                  gint64     lo,
                  int        lo_index,
                  gint64     hi,
                  int        hi_index,
                  GArray    *out)
{
  gint64 mid;
  int mid_index;

  if (lo_index == hi_index)
    return;

  if (hi - lo == 1)
    {
      g_array_append_val (out, hi);
      return;
    }

  mid = lo + (hi - lo) / 2;
  mid_index = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, mid);
  find_transitions (tz, lo, lo_index, mid, mid_index, out);
  find_transitions (tz, mid, mid_index, hi, hi_index, out);
}

static ZoneTable *
zone_table_build (GTimeZone *tz)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (gint64));
  ZoneTable *table = g_new0 (ZoneTable, 1);
  gint32 previous;

  find_transitions (tz,
                    TABLE_MIN,
                    g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL,
                                               TABLE_MIN),
                    TABLE_MAX,
                    g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL,
                                               TABLE_MAX),
                    changes);

  table->identifier = g_strdup (g_time_zone_get_identifier (tz));
  table->first_offset = glib_offset (tz, TABLE_MIN);
  table->at = g_new (gint64, changes->len + 1);
  table->offset = g_new (gint32, changes->len + 1);
  previous = table->first_offset;

  /* Only changes of offset matter here, not of name or daylight flag. */
  for (guint i = 0; i < changes->len; i++)
    {
      gint64 at = g_array_index (changes, gint64, i);
      gint32 offset = glib_offset (tz, at);

      if (offset == previous)
        continue;

      table->at[table->n] = at;
      table->offset[table->n] = offset;
      table->n++;
      previous = offset;
    }

  g_debug ("Time zone %s: %u offset changes between 1900 and 2200",
           table->identifier, table->n);

  return table;
}

static ZoneTable *
zone_table_get (GTimeZone *tz)
{
  ZoneCache *cache = g_private_get (&zone_cache);
  const char *identifier = g_time_zone_get_identifier (tz);
  ZoneTable *table;

  if (cache != NULL && cache->tz == tz &&
      strcmp (cache->table->identifier, identifier) == 0)
    return cache->table;

  g_mutex_lock (&zone_tables_lock);

  if (zone_tables == NULL)
    zone_tables = g_hash_table_new (g_str_hash, g_str_equal);

  table = g_hash_table_lookup (zone_tables, identifier);
  if (table == NULL)
    {
      table = zone_table_build (tz);
      g_hash_table_insert (zone_tables, table->identifier, table);
    }

  g_mutex_unlock (&zone_tables_lock);

  if (cache == NULL)
    {
      cache = g_new0 (ZoneCache, 1);
      g_private_set (&zone_cache, cache);
    }

  cache->tz = tz;
  cache->table = table;

  return table;
}

int
desk_time_zone_offset (GTimeZone *tz,
                       gint64     instant)
{
  ZoneTable *table;
  guint lo;
  guint hi;

  g_return_val_if_fail (tz != NULL, 0);

  if (instant < TABLE_MIN || instant >= TABLE_MAX)
    return glib_offset (tz, instant);

  table = zone_table_get (tz);

  if (table->n == 0 || instant < table->at[0])
    return table->first_offset;

  /* The last change at or before @instant. */
  lo = 0;
  hi = table->n;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (table->at[mid] <= instant)
        lo = mid;
      else
        hi = mid;
    }

  return table->offset[lo];
}

/* Local wall-clock time to instants. */

static gint64
local_seconds (gint64 year,
               int    month,
               int    day,
               int    hour,
               int    minute,
               int    second)
{
  return days_from_civil (year, month, day) * SECONDS_PER_DAY +
         hour * 3600 + minute * 60 + second;
}

/* The instants whose wall clock reads @local: none (skipped), one, or
 * two (repeated). Returns how many, earlier first. For a skipped time
 * *gap_end is the instant the clocks jumped.
 */
static guint
local_candidates (GTimeZone *tz,
                  gint64     local,
                  gint64     out[2],
                  gint64    *gap_end)
{
  int probes[3];
  guint n = 0;

  probes[0] = desk_time_zone_offset (tz, local - 2 * SECONDS_PER_DAY);
  probes[1] = desk_time_zone_offset (tz, local);
  probes[2] = desk_time_zone_offset (tz, local + 2 * SECONDS_PER_DAY);

  for (guint i = 0; i < 3; i++)
    {
      gint64 candidate = local - probes[i];
      gboolean seen = FALSE;

      if (desk_time_zone_offset (tz, candidate) != probes[i])
        continue;

      for (guint j = 0; j < n; j++)
        seen |= out[j] == candidate;

      if (!seen && n < 2)
        out[n++] = candidate;
    }

  if (n == 2 && out[0] > out[1])
    {
      gint64 swap = out[0];

      out[0] = out[1];
      out[1] = swap;
    }

  if (n == 0 && gap_end != NULL)
    {
      /* The clocks jumped between local − later offset and local −
       * earlier offset: find the first instant of the later offset.
       */
      gint64 lo = local - probes[2];
      gint64 hi = local - probes[0];

      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;

          if (desk_time_zone_offset (tz, mid) == probes[0])
            lo = mid;
          else
            hi = mid;
        }

      *gap_end = hi;
    }

  return n;
}

static char *
local_text (gint64 year,
            int    month,
            int    day,
            int    hour,
            int    minute,
            int    second)
{
  if (second != 0)
    return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02d %02d:%02d:%02d",
                            year, month, day, hour, minute, second);

  return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d-%02d %02d:%02d",
                          year, month, day, hour, minute);
}

static gboolean
valid_fields (gint64 year,
              int    month,
              int    day,
              int    hour,
              int    minute,
              int    second)
{
  return year >= 1 && year <= 9999 &&
         month >= 1 && month <= 12 &&
         day >= 1 && day <= days_in_month (year, month) &&
         hour >= 0 && hour <= 23 &&
         minute >= 0 && minute <= 59 &&
         second >= 0 && second <= 59;
}

/* @shown is the text the user gave, quoted in messages; NULL quotes the
 * fields.
 */
static gboolean
from_local (GTimeZone   *tz,
            const char  *shown,
            int          year,
            int          month,
            int          day,
            int          hour,
            int          minute,
            int          second,
            DeskFold     fold,
            gint64      *out,
            GError     **error)
{
  g_autofree char *text = NULL;
  gint64 candidates[2];
  guint n = 0;

  if (valid_fields (year, month, day, hour, minute, second))
    n = local_candidates (tz, local_seconds (year, month, day,
                                             hour, minute, second),
                          candidates, NULL);

  if (n == 1 || (n == 2 && fold != DESK_FOLD_REFUSE))
    {
      *out = (n == 2 && fold == DESK_FOLD_LATER) ? candidates[1]
                                                  : candidates[0];
      return TRUE;
    }

  if (shown == NULL)
    shown = text = local_text (year, month, day, hour, minute, second);

  if (!valid_fields (year, month, day, hour, minute, second))
    g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                 _("“%s” is not a real date and time."), shown);
  else if (n == 0)
    g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                 _("The time “%s” does not exist in the time zone %s, "
                   "because the clocks were put forward then."),
                 shown, g_time_zone_get_identifier (tz));
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                 _("The time “%s” happens twice in the time zone %s, "
                   "because the clocks were put back then; add the "
                   "offset from UTC to say which one is meant."),
                 shown, g_time_zone_get_identifier (tz));

  return FALSE;
}

gboolean
desk_time_from_local (GTimeZone  *tz,
                      int         year,
                      int         month,
                      int         day,
                      int         hour,
                      int         minute,
                      int         second,
                      DeskFold    fold,
                      gint64     *out,
                      GError    **error)
{
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return from_local (tz, NULL, year, month, day, hour, minute, second,
                     fold, out, error);
}

/* The first instant of a local day: midnight, or the moment the clocks
 * jumped past a skipped midnight.
 */
static gint64
start_of_local_day (GTimeZone *tz,
                    gint64     days)
{
  gint64 candidates[2];
  gint64 gap_end = 0;

  if (local_candidates (tz, days * SECONDS_PER_DAY, candidates, &gap_end) == 0)
    return gap_end;

  return candidates[0];
}

/* Parsing */

typedef struct
{
  const char *p;
  const char *end;
} Scanner;

static gboolean
scan_digits (Scanner *s,
             guint    width,
             int     *out)
{
  int value = 0;

  if ((gsize) (s->end - s->p) < width)
    return FALSE;

  for (guint i = 0; i < width; i++)
    {
      if (!g_ascii_isdigit (s->p[i]))
        return FALSE;
      value = value * 10 + (s->p[i] - '0');
    }

  s->p += width;
  *out = value;

  return TRUE;
}

static gboolean
scan_char (Scanner    *s,
           const char *accepted)
{
  if (s->p < s->end && *s->p != '\0' && strchr (accepted, *s->p) != NULL)
    {
      s->p++;
      return TRUE;
    }

  return FALSE;
}

static gboolean
at_end (Scanner *s)
{
  return s->p == s->end;
}

static void
scanner_init (Scanner    *s,
              const char *text)
{
  s->p = text;
  s->end = text + strlen (text);

  while (s->p < s->end && g_ascii_isspace (*s->p))
    s->p++;
  while (s->end > s->p && g_ascii_isspace (s->end[-1]))
    s->end--;
}

typedef struct
{
  int      year, month, day;
  int      hour, minute, second;
  gboolean has_time;
  gboolean has_offset;
  int      offset;
} Fields;

/* "+07:00", "+0700", "+07", "-03:30", "+00:53:28", "Z" */
static gboolean
scan_offset (Scanner *s,
             Fields  *f)
{
  int sign;
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  gboolean colon;

  if (scan_char (s, "Zz"))
    {
      f->has_offset = TRUE;
      f->offset = 0;
      return TRUE;
    }

  if (scan_char (s, "+"))
    sign = 1;
  else if (scan_char (s, "-"))
    sign = -1;
  else
    return FALSE;

  if (!scan_digits (s, 2, &hours))
    return FALSE;

  colon = scan_char (s, ":");
  if (!at_end (s) || colon)
    {
      if (!scan_digits (s, 2, &minutes))
        return FALSE;
      if ((colon ? scan_char (s, ":") : !at_end (s)) &&
          !scan_digits (s, 2, &seconds))
        return FALSE;
    }

  if (hours > 23 || minutes > 59 || seconds > 59)
    return FALSE;

  f->has_offset = TRUE;
  f->offset = sign * (hours * 3600 + minutes * 60 + seconds);

  return TRUE;
}

static gboolean
scan_date (Scanner *s,
           Fields  *f)
{
  return scan_digits (s, 4, &f->year) &&
         scan_char (s, "-") &&
         scan_digits (s, 2, &f->month) &&
         scan_char (s, "-") &&
         scan_digits (s, 2, &f->day);
}

/* Syntax only; the values are checked by the caller. */
static gboolean
scan_date_time (const char *text,
                Fields     *f)
{
  Scanner s;

  memset (f, 0, sizeof *f);
  scanner_init (&s, text);

  if (!scan_date (&s, f))
    return FALSE;

  if (at_end (&s))
    return TRUE;

  if (!scan_char (&s, "Tt "))
    return FALSE;

  while (scan_char (&s, " "))
    ;

  f->has_time = TRUE;
  if (!scan_digits (&s, 2, &f->hour) ||
      !scan_char (&s, ":") ||
      !scan_digits (&s, 2, &f->minute))
    return FALSE;

  if (scan_char (&s, ":"))
    {
      if (!scan_digits (&s, 2, &f->second))
        return FALSE;

      if (scan_char (&s, ".,"))
        {
          int digit;

          if (!scan_digits (&s, 1, &digit))
            return FALSE;
          while (scan_digits (&s, 1, &digit))
            ;
        }
    }

  if (at_end (&s))
    return TRUE;

  scan_char (&s, " ");

  return scan_offset (&s, f) && at_end (&s);
}

gboolean
desk_time_parse (const char  *text,
                 GTimeZone   *tz,
                 DeskFold     fold,
                 gint64      *out,
                 GError     **error)
{
  g_autofree char *shown = NULL;
  gint64 instant;
  Fields f;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || !scan_date_time (text, &f))
    {
      /* The message quotes it, so it must be text whatever came in. */
      shown = g_utf8_make_valid (text != NULL ? text : "", -1);
      g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                   _("“%s” is not a date and time; write it like "
                     "2025-03-09 14:05 or 2025-03-09T14:05:00+07:00."),
                   shown);
      return FALSE;
    }

  if (!valid_fields (f.year, f.month, f.day, f.hour, f.minute, f.second))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is not a real date and time."), text);
      return FALSE;
    }

  if (f.has_offset)
    instant = local_seconds (f.year, f.month, f.day,
                             f.hour, f.minute, f.second) - f.offset;
  else
    {
      g_return_val_if_fail (tz != NULL, FALSE);

      shown = g_strstrip (g_strdup (text));
      if (!from_local (tz, shown, f.year, f.month, f.day,
                       f.hour, f.minute, f.second, fold, &instant, error))
        return FALSE;
    }

  /* An instant must read back with a four-digit year in every zone, or
   * the export would write a time that no import accepts.
   */
  if (instant < MIN_INSTANT || instant > MAX_INSTANT)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is not a real date and time."), text);
      return FALSE;
    }

  *out = instant;

  return TRUE;
}

/* Formatting */

static char *
put_digits (char *p,
            gint64 value,
            int    width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      p[i] = (char) ('0' + value % 10);
      value /= 10;
    }

  return p + width;
}

gsize
desk_time_format_iso_buf (gint64     instant,
                          GTimeZone *tz,
                          char       buf[DESK_TIME_ISO_MAX])
{
  gint64 local;
  gint64 days;
  gint64 seconds;
  gint64 year;
  int month;
  int day;
  int offset;
  int abs_offset;
  char *p = buf;

  if (instant == DESK_TIME_NONE)
    {
      buf[0] = '\0';
      return 0;
    }

  offset = desk_time_zone_offset (tz, instant);
  local = instant + offset;
  days = floor_div (local, SECONDS_PER_DAY);
  seconds = local - days * SECONDS_PER_DAY;
  civil_from_days (days, &year, &month, &day);

  if (year < 0 || year > 9999)
    {
      return (gsize) g_snprintf (buf, DESK_TIME_ISO_MAX,
                                 "%" G_GINT64_FORMAT
                                 "-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                                 year, month, day,
                                 (int) (seconds / 3600),
                                 (int) (seconds / 60 % 60),
                                 (int) (seconds % 60),
                                 offset < 0 ? '-' : '+',
                                 ABS (offset) / 3600, ABS (offset) / 60 % 60);
    }

  p = put_digits (p, year, 4);
  *p++ = '-';
  p = put_digits (p, month, 2);
  *p++ = '-';
  p = put_digits (p, day, 2);
  *p++ = 'T';
  p = put_digits (p, seconds / 3600, 2);
  *p++ = ':';
  p = put_digits (p, seconds / 60 % 60, 2);
  *p++ = ':';
  p = put_digits (p, seconds % 60, 2);

  abs_offset = ABS (offset);
  *p++ = offset < 0 ? '-' : '+';
  p = put_digits (p, abs_offset / 3600, 2);
  *p++ = ':';
  p = put_digits (p, abs_offset / 60 % 60, 2);
  if (abs_offset % 60 != 0)
    {
      *p++ = ':';
      p = put_digits (p, abs_offset % 60, 2);
    }

  *p = '\0';

  return (gsize) (p - buf);
}

char *
desk_time_format_iso (gint64     instant,
                      GTimeZone *tz)
{
  char buf[DESK_TIME_ISO_MAX];
  gsize length;

  length = desk_time_format_iso_buf (instant, tz, buf);

  return g_strndup (buf, length);
}

void
desk_time_append_iso (GString   *out,
                      gint64     instant,
                      GTimeZone *tz)
{
  char buf[DESK_TIME_ISO_MAX];
  gsize length;

  length = desk_time_format_iso_buf (instant, tz, buf);
  g_string_append_len (out, buf, length);
}

void
desk_time_to_local (gint64     instant,
                    GTimeZone *tz,
                    int       *year,
                    int       *month,
                    int       *day,
                    int       *hour,
                    int       *minute,
                    int       *second,
                    int       *weekday)
{
  gint64 local = instant + desk_time_zone_offset (tz, instant);
  gint64 days = floor_div (local, SECONDS_PER_DAY);
  gint64 seconds = local - days * SECONDS_PER_DAY;
  gint64 y;
  int m;
  int d;

  civil_from_days (days, &y, &m, &d);

  if (year != NULL)
    *year = (int) y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;
  if (hour != NULL)
    *hour = (int) (seconds / 3600);
  if (minute != NULL)
    *minute = (int) (seconds / 60 % 60);
  if (second != NULL)
    *second = (int) (seconds % 60);
  if (weekday != NULL)
    *weekday = weekday_from_days (days) + 1;
}

static gint64
local_days (gint64     instant,
            GTimeZone *tz)
{
  return floor_div (instant + desk_time_zone_offset (tz, instant),
                    SECONDS_PER_DAY);
}

gint64
desk_time_start_of_day (gint64     instant,
                        GTimeZone *tz)
{
  return start_of_local_day (tz, local_days (instant, tz));
}

gint64
desk_time_start_of_week (gint64     instant,
                         GTimeZone *tz)
{
  gint64 days = local_days (instant, tz);

  return start_of_local_day (tz, days - weekday_from_days (days));
}

gint64
desk_time_start_of_month (gint64     instant,
                          GTimeZone *tz)
{
  gint64 year;
  int month;
  int day;

  civil_from_days (local_days (instant, tz), &year, &month, &day);

  return start_of_local_day (tz, days_from_civil (year, month, 1));
}

char *
desk_time_format_display (gint64     instant,
                          GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (instant == DESK_TIME_NONE)
    return g_strdup ("");

  utc = g_date_time_new_from_unix_utc (instant);
  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (utc, tz);

  /* TRANSLATORS: a date and time as shown in lists and forms, in
   * g_date_time_format() notation: "9 Mar 2025 14:05".
   */
  return g_date_time_format (local, _("%-d %b %Y %H:%M"));
}

char *
desk_duration_format (gint64 seconds)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *sign = "";
  int days;
  int hours;
  int minutes;

  if (seconds < 0)
    {
      sign = "−";
      seconds = seconds == G_MININT64 ? G_MAXINT64 : -seconds;
    }

  days = (int) MIN (seconds / SECONDS_PER_DAY, G_MAXINT);
  hours = (int) (seconds / 3600 % 24);
  minutes = (int) (seconds / 60 % 60);

  if (seconds < 60)
    {
      /* TRANSLATORS: a duration in seconds */
      first = g_strdup_printf (_("%d s"), (int) seconds);
    }
  else if (seconds < 3600)
    {
      /* TRANSLATORS: a duration in minutes */
      first = g_strdup_printf (_("%d min"), minutes);
    }
  else if (seconds < SECONDS_PER_DAY)
    {
      /* TRANSLATORS: a duration in hours */
      first = g_strdup_printf (_("%d h"), hours);
      if (minutes != 0)
        second = g_strdup_printf (_("%d min"), minutes);
    }
  else
    {
      /* TRANSLATORS: a duration in days */
      first = g_strdup_printf (_("%d d"), days);
      if (hours != 0)
        second = g_strdup_printf (_("%d h"), hours);
    }

  if (second != NULL)
    return g_strconcat (sign, first, " ", second, NULL);

  return g_strconcat (sign, first, NULL);
}

/* Periods */

typedef enum
{
  PERIOD_YEAR,
  PERIOD_QUARTER,
  PERIOD_MONTH,
  PERIOD_WEEK,
  PERIOD_DAY,
} PeriodKind;

/* A calendar period as a range of local days [first, last). Returns
 * FALSE with *syntax_ok TRUE when the text has a period's shape but
 * names no real period ("2025-13", "2025-W54").
 */
static gboolean
scan_period_days (const char *text,
                  gint64     *first,
                  gint64     *last,
                  gboolean   *syntax_ok)
{
  Scanner s;
  int year;
  int number;
  int day;
  PeriodKind kind;

  *syntax_ok = FALSE;
  scanner_init (&s, text);

  if (!scan_digits (&s, 4, &year))
    return FALSE;

  if (at_end (&s))
    kind = PERIOD_YEAR;
  else if (!scan_char (&s, "-"))
    return FALSE;
  else if (scan_char (&s, "Qq"))
    {
      if (!scan_digits (&s, 1, &number) || !at_end (&s))
        return FALSE;
      kind = PERIOD_QUARTER;
    }
  else if (scan_char (&s, "Ww"))
    {
      if (!scan_digits (&s, 2, &number) || !at_end (&s))
        return FALSE;
      kind = PERIOD_WEEK;
    }
  else if (!scan_digits (&s, 2, &number))
    return FALSE;
  else if (at_end (&s))
    kind = PERIOD_MONTH;
  else if (scan_char (&s, "-") && scan_digits (&s, 2, &day) && at_end (&s))
    kind = PERIOD_DAY;
  else
    return FALSE;

  *syntax_ok = TRUE;

  if (year < 1 || year > 9998)
    return FALSE;

  switch (kind)
    {
    case PERIOD_YEAR:
      *first = days_from_civil (year, 1, 1);
      *last = days_from_civil (year + 1, 1, 1);
      return TRUE;

    case PERIOD_QUARTER:
      if (number < 1 || number > 4)
        return FALSE;
      *first = days_from_civil (year, 3 * number - 2, 1);
      *last = number == 4 ? days_from_civil (year + 1, 1, 1)
                          : days_from_civil (year, 3 * number + 1, 1);
      return TRUE;

    case PERIOD_MONTH:
      if (number < 1 || number > 12)
        return FALSE;
      *first = days_from_civil (year, number, 1);
      *last = number == 12 ? days_from_civil (year + 1, 1, 1)
                           : days_from_civil (year, number + 1, 1);
      return TRUE;

    case PERIOD_WEEK:
      {
        gint64 monday = iso_week_one_monday (year);
        gint64 weeks = (iso_week_one_monday (year + 1) - monday) / 7;

        if (number < 1 || number > weeks)
          return FALSE;
        *first = monday + 7 * (number - 1);
        *last = *first + 7;
        return TRUE;
      }

    case PERIOD_DAY:
      if (number < 1 || number > 12 || day < 1 ||
          day > days_in_month (year, number))
        return FALSE;
      *first = days_from_civil (year, number, day);
      *last = *first + 1;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* One side of a period: a calendar period, or an instant (which then
 * both starts and ends there).
 */
static gboolean
parse_period_side (const char  *text,
                   GTimeZone   *tz,
                   gint64      *start,
                   gint64      *end,
                   GError     **error)
{
  gint64 first;
  gint64 last;
  gboolean syntax_ok;

  if (scan_period_days (text, &first, &last, &syntax_ok))
    {
      *start = start_of_local_day (tz, first);
      *end = start_of_local_day (tz, last);
      return TRUE;
    }

  if (syntax_ok)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is not a real period."), text);
      return FALSE;
    }

  if (!desk_time_parse (text, tz, DESK_FOLD_EARLIER, start, error))
    return FALSE;

  *end = *start;

  return TRUE;
}

gboolean
desk_period_parse (const char  *text,
                   GTimeZone   *tz,
                   gint64      *out_start,
                   gint64      *out_end,
                   GError     **error)
{
  g_auto(GStrv) sides = NULL;
  gint64 start;
  gint64 end;
  gint64 unused;
  gboolean syntax_ok = FALSE;

  g_return_val_if_fail (tz != NULL, FALSE);

  if (text == NULL)
    text = "";

  sides = g_strsplit (text, "/", -1);

  if (g_strv_length (sides) == 2)
    {
      g_autoptr(GError) local_error = NULL;

      if (!parse_period_side (sides[0], tz, &start, &unused, &local_error) ||
          !parse_period_side (sides[1], tz, &unused, &end, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (end <= start)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("The period “%s” ends before it starts."), text);
          return FALSE;
        }
    }
  else if (g_strv_length (sides) == 1 &&
           scan_period_days (text, &start, &end, &syntax_ok))
    {
      start = start_of_local_day (tz, start);
      end = start_of_local_day (tz, end);
    }
  else
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      if (g_strv_length (sides) == 1 && syntax_ok)
        g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                     _("“%s” is not a real period."), shown);
      else
        g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                     _("“%s” is not a period; write a year (2025), a "
                       "quarter (2025-Q1), a month (2025-03), a week "
                       "(2025-W10), a day (2025-03-09) or START/END."),
                     shown);
      return FALSE;
    }

  if (out_start != NULL)
    *out_start = start;
  if (out_end != NULL)
    *out_end = end;

  return TRUE;
}

GTimeZone *
desk_time_zone_new (const char  *identifier,
                    GError     **error)
{
  GTimeZone *tz;

  if (identifier == NULL || *identifier == '\0')
    return g_time_zone_new_local ();

  tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (identifier, -1);

      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("“%s” is not a known time zone; use a name such as "
                     "Europe/Berlin, Asia/Jakarta or UTC."),
                   shown);
      return NULL;
    }

  return tz;
}
