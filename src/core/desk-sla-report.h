/* desk-sla-report.h: SLA figures per service for a period, from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "desk-sla.h"
#include "desk-store.h"

G_BEGIN_DECLS

typedef struct
{
  char             *service;
  DeskAvailability  availability;
  DeskStats         mtta;         /* over incidents acknowledged in P */
  DeskStats         mttr;         /* over incidents resolved in P */
  GArray           *outages;      /* merged DeskInterval, clipped to P */
  GArray           *degraded;     /* merged, outside outages */
} DeskSlaRow;

typedef struct
{
  gint64     period_start;
  gint64     period_end;
  gint64     now;
  char      *time_zone;           /* identifier used for the period */
  double     degraded_weight;
  GPtrArray *rows;                /* DeskSlaRow, by service name */
  gint64     latest_detected;     /* of any incident; DESK_TIME_NONE */
} DeskSlaReport;

void           desk_sla_report_free (DeskSlaReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSlaReport, desk_sla_report_free)

/* Every service of @store (or only @service) over [start, end). Open
 * incidents count until @now, and their rows say so (counts_open).
 * Downtime comes from the Outage incidents whose impact interval meets
 * the period; MTTA from the incidents acknowledged inside it, MTTR from
 * those resolved inside it. The store is read one service at a time.
 * An unknown @service fails as desk_store_get_service does; a cancelled
 * @cancellable with DESK_ERROR_CANCELLED.
 */
DeskSlaReport *desk_sla_report_build  (DeskStore     *store,
                                       const char    *service,
                                       gint64         period_start,
                                       gint64         period_end,
                                       GTimeZone     *tz,
                                       double         degraded_weight,
                                       gint64         now,
                                       GCancellable  *cancellable,
                                       GError       **error);
void           desk_sla_report_build_async  (DeskStore     *store,
                                             const char    *service,
                                             gint64         period_start,
                                             gint64         period_end,
                                             GTimeZone     *tz,
                                             double         degraded_weight,
                                             gint64         now,
                                             GCancellable  *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer       user_data);
DeskSlaReport *desk_sla_report_build_finish (GAsyncResult  *result,
                                             GError       **error);

/* The report as CSV through DeskCsvWriter: a header row, then one row
 * per service, written as it goes (memory does not grow with the rows).
 * Columns, in this order (stable snake_case English in every language):
 *
 *   service, period_start, period_end (ISO 8601 with offset in @tz),
 *   period_minutes, target_percent, downtime_minutes (outage plus
 *   weighted degraded), degraded_minutes (outside outages, unweighted),
 *   degraded_weight, uptime_percent, allowed_downtime_minutes,
 *   budget_left_minutes (negative when overspent), state ("Met",
 *   "At risk", "Breached"), outages (Outage incidents meeting P),
 *   mtta_minutes, mtta_count, mtta_median_minutes, mtta_p90_minutes,
 *   mttr_minutes, mttr_count, mttr_median_minutes, mttr_p90_minutes,
 *   mtbf_hours, outage_minutes (the union before weighting),
 *   time_zone, open_counted_until (the report's "now", when an open
 *   incident was counted until then; else empty), method (the text of
 *   desk_sla_report_method, translated).
 *
 * Numbers use '.' as decimal mark in every language and option, with
 * trailing zeros trimmed: minutes and hours to 3 decimals, percentages
 * to 5 ("99.90046"), the weight to 3. The mean, median and percentile
 * cells are empty when their count is 0; mtbf_hours is empty when there
 * was no outage. @tz NULL means the report's own zone. @spreadsheet adds
 * the byte order mark and uses ';' (see desk-csv.h).
 */
gboolean       desk_sla_report_write_csv (DeskSlaReport   *report,
                                          GOutputStream   *out,
                                          GTimeZone       *tz,
                                          gboolean         spreadsheet,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* The method in plain words, printed under every report: the period
 * and zone, how downtime, degraded time, uptime, allowed downtime,
 * budget, state, MTTA, MTTR and MTBF are computed, and whether open
 * incidents were counted until now. Translated; one paragraph.
 */
char          *desk_sla_report_method (const DeskSlaReport *report);

/* TRUE when no incident touched the period: no outage or degraded time,
 * nothing acknowledged or resolved in it, for any service.
 */
gboolean       desk_sla_report_is_quiet (const DeskSlaReport *report);

G_END_DECLS
