/* desk-sla.h: SLA arithmetic, exactly as PRODUCT.md defines it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over instants (UTC seconds); no storage, no time zone
 * beyond the period the caller computed.
 */

#pragma once

#include <glib.h>

#include "desk-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 start;
  gint64 end;
} DeskInterval;

/* Sorts @intervals, clips each to [clip_start, clip_end), merges overlaps
 * and adjacent intervals ([1, 2) and [2, 3) give [1, 3)), drops empty
 * ones; returns the merged set (free with g_array_unref). An interval
 * whose start is DESK_TIME_NONE is skipped; one whose end is
 * DESK_TIME_NONE is still open and runs to @clip_end. Pass G_MININT64
 * and G_MAXINT64 for no clipping (then no end may be open).
 */
GArray *desk_intervals_merge   (const DeskInterval *intervals,
                                guint               n,
                                gint64              clip_start,
                                gint64              clip_end);
gint64  desk_intervals_length  (const GArray       *merged);
/* @a minus @b, both merged; returns merged. */
GArray *desk_intervals_subtract (const GArray      *a,
                                 const GArray      *b);

/* With D the downtime and A the allowed downtime (PRODUCT.md: "Met while
 * D is under 75 % of allowed, At risk from 75 % up to 100 %, Breached
 * above it"):
 *   Met       D < 0.75 × A, and always when D is 0
 *   At risk   0.75 × A ≤ D ≤ A (exactly 75 % and exactly 100 % included)
 *   Breached  D > A
 * So with a 100 % target (A = 0) no downtime is Met and any downtime is
 * Breached. Differences below a microsecond count as equal, so binary
 * rounding of the target never moves a figure across a boundary.
 */
typedef enum
{
  DESK_SLA_MET,
  DESK_SLA_AT_RISK,
  DESK_SLA_BREACHED,
} DeskSlaState;

/* "Met", "At risk", "Breached"; the _label variant is translated. */
const char *desk_sla_state_to_string (DeskSlaState state);
const char *desk_sla_state_label     (DeskSlaState state);

/* Count, mean, median and 90th percentile (nearest rank) of durations in
 * seconds. All zero when count is 0.
 */
typedef struct
{
  guint  count;
  double mean;
  double median;
  double p90;
} DeskStats;

void desk_stats_compute (const gint64 *values,
                         guint         n,
                         DeskStats    *out);

/* The availability figures of one service over one period. */
typedef struct
{
  gint64        period_start;
  gint64        period_end;
  gint64        period_seconds;
  double        target;              /* percent */
  double        degraded_weight;     /* 0..1 */
  gint64        outage_seconds;      /* union of outage intervals */
  gint64        degraded_seconds;    /* degraded outside outages */
  double        downtime_seconds;    /* outage + weight × degraded */
  double        uptime_percent;      /* 0..100 */
  double        allowed_seconds;
  double        budget_seconds;      /* allowed − downtime, may be < 0 */
  DeskSlaState  state;
  guint         n_outages;           /* Outage incidents in the period */
  double        mtbf_seconds;        /* −1 when there were no outages */
  gboolean      counts_open;         /* an open incident counted to now */
} DeskAvailability;

/* Uptime, allowed downtime, budget and state from a period length, a
 * downtime and a target: the calculator and the report share this.
 * Sets every field of @out (the others to 0, mtbf_seconds to −1).
 * The target is clamped to 0–100 and the uptime to 0–100.
 */
void desk_availability_compute (gint64            period_seconds,
                                double            downtime_seconds,
                                double            target,
                                DeskAvailability *out);

/* The whole computation for one service from its merged outage and
 * degraded intervals (as produced by desk_intervals_merge, already
 * clipped to the period and with open ends replaced by now). They are
 * clipped to the period once more; degraded time inside an outage is
 * not counted. MTBF = (|P| − D) / n_outages, −1 when n_outages is 0.
 * counts_open is left FALSE for the caller to set.
 */
void desk_availability_from_intervals (gint64            period_start,
                                       gint64            period_end,
                                       const GArray     *outages,
                                       const GArray     *degraded,
                                       double            degraded_weight,
                                       double            target,
                                       guint             n_outages,
                                       DeskAvailability *out);

/* Response and resolution targets in seconds per severity. */
typedef struct
{
  gint64 response[DESK_N_SEVERITIES + 1];    /* index by DeskSeverity */
  gint64 resolution[DESK_N_SEVERITIES + 1];
} DeskSlaTargets;

void desk_sla_targets_init_default (DeskSlaTargets *targets);

/* Warning from exactly 75 % of the target; breached only above 100 %
 * (exactly 100 % is still a warning). A target of 0 is breached by any
 * elapsed time.
 */
typedef enum
{
  DESK_CLOCK_OK,
  DESK_CLOCK_WARNING,   /* 75 % of the target used */
  DESK_CLOCK_BREACHED,  /* above 100 % */
} DeskClockState;

typedef struct
{
  gint64         elapsed;   /* counted seconds */
  gint64         target;
  double         fraction;  /* elapsed / target */
  DeskClockState state;
  gboolean       running;   /* not stopped yet: counted to now */
} DeskClock;

/* Response clock: detected → acknowledged (or now). Resolution clock:
 * detected → resolved (or now), minus the @on_hold intervals (any
 * DeskInterval, overlapping or not; an open end means still on hold).
 * Elapsed time is never negative.
 */
void desk_clock_response   (gint64          detected_at,
                            gint64          acknowledged_at,
                            gint64          now,
                            gint64          target,
                            DeskClock      *out);
void desk_clock_resolution (gint64          detected_at,
                            gint64          resolved_at,
                            const GArray   *on_hold,
                            gint64          now,
                            gint64          target,
                            DeskClock      *out);

G_END_DECLS
