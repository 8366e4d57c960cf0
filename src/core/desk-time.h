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
 * Impossible dates ("2024-02-30 25:61") and local times skipped by a
 * daylight-saving change are refused with DESK_ERROR_INVALID.
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

/* "2025-03-09T14:05:00+07:00" (UTC gives "+00:00"); "" for DESK_TIME_NONE. */
char      *desk_time_format_iso      (gint64        instant,
                                      GTimeZone    *tz);
/* For the interface: "9 Mar 2025 14:05", localised. */
char      *desk_time_format_display  (gint64        instant,
                                      GTimeZone    *tz);
/* "3 h 25 min", "2 d 4 h", "45 s"; for the interface. */
char      *desk_duration_format      (gint64        seconds);

/* A calendar period [start, end) in @tz. Accepts "2025", "2025-Q1",
 * "2025-03", "2025-W10" (ISO week), "2025-03-09", and "START/END" with
 * START and END as accepted by desk_time_parse (a bare date as END
 * means up to the end of that day).
 */
gboolean   desk_period_parse         (const char   *text,
                                      GTimeZone    *tz,
                                      gint64       *out_start,
                                      gint64       *out_end,
                                      GError      **error);

G_END_DECLS
