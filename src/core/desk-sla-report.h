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
} DeskSlaReport;

void           desk_sla_report_free (DeskSlaReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSlaReport, desk_sla_report_free)

/* Every service of @store (or only @service) over [start, end). Open
 * incidents count until @now.
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

/* The report as CSV (one row per service, then the method as comment-free
 * trailing rows is NOT used: the method goes in a "method" column).
 */
gboolean       desk_sla_report_write_csv (DeskSlaReport   *report,
                                          GOutputStream   *out,
                                          GTimeZone       *tz,
                                          gboolean         spreadsheet,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* The method in plain words, printed under every report. Translated. */
char          *desk_sla_report_method (const DeskSlaReport *report);

G_END_DECLS
