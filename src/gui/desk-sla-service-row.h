/* desk-sla-service-row.h: one service of the SLA report, expandable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-sla-report.h"

G_BEGIN_DECLS

#define DESK_TYPE_SLA_SERVICE_ROW (desk_sla_service_row_get_type ())
G_DECLARE_FINAL_TYPE (DeskSlaServiceRow, desk_sla_service_row,
                      DESK, SLA_SERVICE_ROW, AdwExpanderRow)

/* The figures of @row; the collapsed row shows uptime, downtime and
 * state, the expanded one every figure, the merged outage intervals
 * and @method. Times are shown in @tz.
 */
GtkWidget  *desk_sla_service_row_new          (const DeskSlaRow    *row,
                                               const DeskSlaReport *report,
                                               GTimeZone           *tz,
                                               const char          *method);

const char *desk_sla_service_row_get_service  (DeskSlaServiceRow   *self);
/* The text of a figure by its key ("downtime", "uptime", "target",
 * "allowed", "budget", "state", "mtta", "mttr", "mtbf", "degraded"),
 * as shown; NULL for an unknown key.
 */
const char *desk_sla_service_row_get_figure   (DeskSlaServiceRow   *self,
                                               const char          *key);
guint       desk_sla_service_row_get_n_intervals (DeskSlaServiceRow *self);

/* Whether target, allowed downtime and budget are shown beside the
 * name, as on a wide window.
 */
void        desk_sla_service_row_set_wide (DeskSlaServiceRow *self,
                                           gboolean           wide);

/* The figures beside the name and the state, each in its own group, so
 * that the rows of a list line up as a table.
 */
#define DESK_SLA_N_COLUMNS 4
void        desk_sla_service_row_align    (DeskSlaServiceRow  *self,
                                           GtkSizeGroup      **groups);

G_END_DECLS
