/* desk-sla.c: SLA arithmetic, exactly as PRODUCT.md defines it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-sla"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-sla.h"

/* Downtimes are whole or weighted seconds; closer than this counts as
 * equal, so that 100 − 99.9 not being exact in binary never moves a
 * service from At risk to Breached.
 */
#define EPSILON_SECONDS 1e-6

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const DeskInterval *x = a;
  const DeskInterval *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;

  return 0;
}

GArray *
desk_intervals_merge (const DeskInterval *intervals,
                      guint               n,
                      gint64              clip_start,
                      gint64              clip_end)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (DeskInterval));
  g_autoptr(GArray) clipped = NULL;

  clipped = g_array_sized_new (FALSE, FALSE, sizeof (DeskInterval), n);

  for (guint i = 0; i < n; i++)
    {
      DeskInterval one = intervals[i];

      if (one.start == DESK_TIME_NONE)
        continue;
      if (one.end == DESK_TIME_NONE)
        one.end = clip_end;

      one.start = MAX (one.start, clip_start);
      one.end = MIN (one.end, clip_end);

      if (one.end > one.start)
        g_array_append_val (clipped, one);
    }

  g_array_sort (clipped, compare_intervals);

  for (guint i = 0; i < clipped->len; i++)
    {
      const DeskInterval *one = &g_array_index (clipped, DeskInterval, i);
      DeskInterval *last = NULL;

      if (merged->len > 0)
        last = &g_array_index (merged, DeskInterval, merged->len - 1);

      /* Touching intervals merge too: [1, 2) and [2, 3) are [1, 3). */
      if (last != NULL && one->start <= last->end)
        last->end = MAX (last->end, one->end);
      else
        g_array_append_val (merged, *one);
    }

  return merged;
}

gint64
desk_intervals_length (const GArray *merged)
{
  gint64 total = 0;

  if (merged == NULL)
    return 0;

  for (guint i = 0; i < merged->len; i++)
    {
      const DeskInterval *one = &g_array_index (merged, DeskInterval, i);

      total += one->end - one->start;
    }

  return total;
}

GArray *
desk_intervals_subtract (const GArray *a,
                         const GArray *b)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (DeskInterval));
  guint j = 0;

  if (a == NULL)
    return result;

  for (guint i = 0; i < a->len; i++)
    {
      DeskInterval rest = g_array_index (a, DeskInterval, i);

      /* Skip the parts of @b that end before this interval. */
      while (b != NULL && j < b->len &&
             g_array_index (b, DeskInterval, j).end <= rest.start)
        j++;

      for (guint k = j; b != NULL && k < b->len; k++)
        {
          const DeskInterval *cut = &g_array_index (b, DeskInterval, k);

          if (cut->start >= rest.end)
            break;

          if (cut->start > rest.start)
            {
              DeskInterval piece = { rest.start, cut->start };

              g_array_append_val (result, piece);
            }

          rest.start = MAX (rest.start, cut->end);
          if (rest.start >= rest.end)
            break;
        }

      if (rest.end > rest.start)
        g_array_append_val (result, rest);
    }

  return result;
}

const char *
desk_sla_state_to_string (DeskSlaState state)
{
  switch (state)
    {
    case DESK_SLA_MET:
      return "Met";
    case DESK_SLA_AT_RISK:
      return "At risk";
    case DESK_SLA_BREACHED:
      return "Breached";
    default:
      g_return_val_if_reached ("");
    }
}

const char *
desk_sla_state_label (DeskSlaState state)
{
  switch (state)
    {
    case DESK_SLA_MET:
      return _("Met");
    case DESK_SLA_AT_RISK:
      return _("At risk");
    case DESK_SLA_BREACHED:
      return _("Breached");
    default:
      g_return_val_if_reached ("");
    }
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

void
desk_stats_compute (const gint64 *values,
                    guint         n,
                    DeskStats    *out)
{
  g_autofree gint64 *sorted = NULL;
  double sum = 0;
  guint rank;

  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  if (n == 0)
    return;

  sorted = g_memdup2 (values, n * sizeof (gint64));
  qsort (sorted, n, sizeof (gint64), compare_gint64);

  for (guint i = 0; i < n; i++)
    sum += (double) sorted[i];

  out->count = n;
  out->mean = sum / n;

  if (n % 2 == 1)
    out->median = (double) sorted[n / 2];
  else
    out->median = ((double) sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;

  /* Nearest rank: the smallest value with at least 90 % at or below. */
  rank = (n * 9 + 9) / 10;
  out->p90 = (double) sorted[rank - 1];
}

static DeskSlaState
state_for (double downtime,
           double allowed)
{
  if (downtime <= EPSILON_SECONDS)
    return DESK_SLA_MET;
  if (downtime < 0.75 * allowed - EPSILON_SECONDS)
    return DESK_SLA_MET;
  if (downtime <= allowed + EPSILON_SECONDS)
    return DESK_SLA_AT_RISK;

  return DESK_SLA_BREACHED;
}

void
desk_availability_compute (gint64            period_seconds,
                           double            downtime_seconds,
                           double            target,
                           DeskAvailability *out)
{
  double period;

  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);

  target = CLAMP (target, 0.0, 100.0);
  downtime_seconds = MAX (downtime_seconds, 0.0);
  period = (double) MAX (period_seconds, 0);

  out->period_seconds = MAX (period_seconds, 0);
  out->target = target;
  out->downtime_seconds = downtime_seconds;
  out->mtbf_seconds = -1;

  if (period > 0)
    out->uptime_percent = CLAMP (100.0 * (period - downtime_seconds) / period,
                                 0.0, 100.0);
  else
    out->uptime_percent = downtime_seconds > 0 ? 0.0 : 100.0;

  out->allowed_seconds = period * (100.0 - target) / 100.0;
  out->budget_seconds = out->allowed_seconds - downtime_seconds;
  out->state = state_for (downtime_seconds, out->allowed_seconds);
}

void
desk_availability_from_intervals (gint64            period_start,
                                  gint64            period_end,
                                  const GArray     *outages,
                                  const GArray     *degraded,
                                  double            degraded_weight,
                                  double            target,
                                  guint             n_outages,
                                  DeskAvailability *out)
{
  g_autoptr(GArray) outage_set = NULL;
  g_autoptr(GArray) degraded_set = NULL;
  g_autoptr(GArray) degraded_only = NULL;
  gint64 outage_seconds;
  gint64 degraded_seconds;
  double downtime;

  g_return_if_fail (out != NULL);

  degraded_weight = CLAMP (degraded_weight, 0.0, 1.0);

  /* Clip again, so a caller's slip can never count time outside P. */
  outage_set = desk_intervals_merge (outages != NULL ?
                                       (DeskInterval *) outages->data : NULL,
                                     outages != NULL ? outages->len : 0,
                                     period_start, period_end);
  degraded_set = desk_intervals_merge (degraded != NULL ?
                                         (DeskInterval *) degraded->data : NULL,
                                       degraded != NULL ? degraded->len : 0,
                                       period_start, period_end);
  degraded_only = desk_intervals_subtract (degraded_set, outage_set);

  outage_seconds = desk_intervals_length (outage_set);
  degraded_seconds = desk_intervals_length (degraded_only);
  downtime = (double) outage_seconds + degraded_weight * degraded_seconds;

  desk_availability_compute (period_end - period_start, downtime, target, out);

  out->period_start = period_start;
  out->period_end = period_end;
  out->degraded_weight = degraded_weight;
  out->outage_seconds = outage_seconds;
  out->degraded_seconds = degraded_seconds;
  out->n_outages = n_outages;

  if (n_outages > 0)
    out->mtbf_seconds = ((double) out->period_seconds - downtime) / n_outages;
}

void
desk_sla_targets_init_default (DeskSlaTargets *targets)
{
  g_return_if_fail (targets != NULL);

  memset (targets, 0, sizeof *targets);

  targets->response[DESK_SEVERITY_SEV1] = 15 * 60;
  targets->resolution[DESK_SEVERITY_SEV1] = 4 * 3600;
  targets->response[DESK_SEVERITY_SEV2] = 30 * 60;
  targets->resolution[DESK_SEVERITY_SEV2] = 8 * 3600;
  targets->response[DESK_SEVERITY_SEV3] = 2 * 3600;
  targets->resolution[DESK_SEVERITY_SEV3] = 24 * 3600;
  targets->response[DESK_SEVERITY_SEV4] = 8 * 3600;
  targets->resolution[DESK_SEVERITY_SEV4] = 72 * 3600;
}

static void
clock_finish (DeskClock *clock)
{
  clock->elapsed = MAX (clock->elapsed, 0);

  if (clock->target > 0)
    clock->fraction = (double) clock->elapsed / (double) clock->target;
  else
    clock->fraction = clock->elapsed > 0 ? G_MAXDOUBLE : 0.0;

  /* Exact integer comparisons for the boundaries: 75 % of the target
   * is a warning, only beyond 100 % is a breach.
   */
  if (clock->elapsed > clock->target)
    clock->state = DESK_CLOCK_BREACHED;
  else if (clock->target > 0 && clock->elapsed * 4 >= clock->target * 3)
    clock->state = DESK_CLOCK_WARNING;
  else
    clock->state = DESK_CLOCK_OK;
}

void
desk_clock_response (gint64     detected_at,
                     gint64     acknowledged_at,
                     gint64     now,
                     gint64     target,
                     DeskClock *out)
{
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->target = target;
  out->running = acknowledged_at == DESK_TIME_NONE;

  if (detected_at != DESK_TIME_NONE)
    out->elapsed = (out->running ? now : acknowledged_at) - detected_at;

  clock_finish (out);
}

void
desk_clock_resolution (gint64        detected_at,
                       gint64        resolved_at,
                       const GArray *on_hold,
                       gint64        now,
                       gint64        target,
                       DeskClock    *out)
{
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->target = target;
  out->running = resolved_at == DESK_TIME_NONE;

  if (detected_at != DESK_TIME_NONE)
    {
      gint64 stop = out->running ? now : resolved_at;
      g_autoptr(GArray) paused = NULL;

      paused = desk_intervals_merge (on_hold != NULL ?
                                       (DeskInterval *) on_hold->data : NULL,
                                     on_hold != NULL ? on_hold->len : 0,
                                     detected_at, stop);
      out->elapsed = stop - detected_at - desk_intervals_length (paused);
    }

  clock_finish (out);
}
