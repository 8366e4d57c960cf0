/* desk-time.h: parsing, formatting and calendar periods in a time zone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "desk-types.h"

G_BEGIN_DECLS

/* How to read a local time that occurs twice (the hour repeated when
 * clocks go back).
 */
typedef enum
{
  DESK_FOLD_REFUSE,   /* DESK_ERROR_INVALID naming the ambiguity */
  DESK_FOLD_EARLIER,  /* the first occurrence (summer time) */
  DESK_FOLD_LATER,    /* the second occurrence (standard time) */
} DeskFold;

/* A zone by IANA name ("Europe/Berlin", "UTC"); NULL or "" means the
 * system's. Unknown names fail with DESK_ERROR_INVALID.
 */
GTimeZone *desk_time_zone_new        (const char   *identifier,
                                      GError      **error);

/* Reads "2025-03-09T14:05:00+07:00", "...Z", or a local
 * "2025-03-09 14:05[:SS]" / "2025-03-09T14:05" / "2025-03-09" in @tz.
 * Fractions of a second are accepted and dropped; an offset may be
 * written "+07:00", "+0700" or "+07"; space around the text is ignored.
 * Text that is not a date at all fails with DESK_ERROR_PARSE.
 * Impossible dates ("2024-02-30 25:61", "2023-02-29") and local times
 * skipped by a daylight-saving change are refused with
 * DESK_ERROR_INVALID, as is a repeated local time under DESK_FOLD_REFUSE.
 * Every message is one sentence that quotes @text.
 */
gboolean   desk_time_parse           (const char   *text,
                                      GTimeZone    *tz,
                                      DeskFold      fold,
                                      gint64       *out,
                                      GError      **error);
/* Local wall-clock fields to an instant, with the same rules. */
gboolean   desk_time_from_local      (GTimeZone    *tz,
                                      int year, int month, int day,
                                      int hour, int minute, int second,
                                      DeskFold      fold,
                                      gint64       *out,
                                      GError      **error);

/* "2025-03-09T14:05:00+07:00" (UTC gives "+00:00"); "" for DESK_TIME_NONE.
 * Seconds are always written, so desk_time_parse of the result gives
 * the same instant. An offset that is not a whole number of minutes
 * (local mean time before 1900) is written as "+00:53:28".
 */
char      *desk_time_format_iso      (gint64        instant,
                                      GTimeZone    *tz);

/* The same text written into @buf, NUL-terminated; returns its length.
 * Allocates nothing: for exports that format millions of times.
 * Offsets are looked up in a table built once per zone and shared by
 * all threads.
 */
#define DESK_TIME_ISO_MAX 40
gsize      desk_time_format_iso_buf  (gint64        instant,
                                      GTimeZone    *tz,
                                      char          buf[DESK_TIME_ISO_MAX]);
/* Appends the same text to @out. */
void       desk_time_append_iso      (GString      *out,
                                      gint64        instant,
                                      GTimeZone    *tz);

/* The UTC offset in seconds of @tz at @instant (fast, see above). */
int        desk_time_zone_offset     (GTimeZone    *tz,
                                      gint64        instant);
/* The wall-clock fields of @instant in @tz; any pointer may be NULL.
 * @weekday is 1 (Monday) to 7 (Sunday).
 */
void       desk_time_to_local        (gint64        instant,
                                      GTimeZone    *tz,
                                      int          *year,
                                      int          *month,
                                      int          *day,
                                      int          *hour,
                                      int          *minute,
                                      int          *second,
                                      int          *weekday);
/* Midnight at the start of @instant's day in @tz, and of its ISO week
 * (Monday) and month: for grouping by day, week and month.
 */
gint64     desk_time_start_of_day    (gint64        instant,
                                      GTimeZone    *tz);
gint64     desk_time_start_of_week   (gint64        instant,
                                      GTimeZone    *tz);
gint64     desk_time_start_of_month  (gint64        instant,
                                      GTimeZone    *tz);
/* For the interface: "9 Mar 2025 14:05", localised. */
char      *desk_time_format_display  (gint64        instant,
                                      GTimeZone    *tz);
/* "3 h 25 min", "2 d 4 h", "45 s"; for the interface. */
char      *desk_duration_format      (gint64        seconds);

/* A calendar period [start, end) in @tz. Accepts "2025", "2025-Q1",
 * "2025-03", "2025-W10" (ISO week), "2025-03-09", and "START/END" with
 * START and END as accepted by desk_time_parse or as one of the periods
 * above: START means the start of its period, END the end of its period
 * (so a bare date as END means up to the end of that day, and
 * "2025-01/2025-03" is the first quarter). END must come after START.
 * Boundaries are calendar-exact local midnights: March 2025 in
 * Europe/Berlin is 743 hours long. A midnight skipped by a clock change
 * starts the day at the change; a repeated one takes the earlier.
 * Errors: DESK_ERROR_PARSE or DESK_ERROR_INVALID, one sentence.
 */
gboolean   desk_period_parse         (const char   *text,
                                      GTimeZone    *tz,
                                      gint64       *out_start,
                                      gint64       *out_end,
                                      GError      **error);

G_END_DECLS
