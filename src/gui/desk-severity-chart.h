/* desk-severity-chart.h: horizontal bars of open incidents by severity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "desk-types.h"

G_BEGIN_DECLS

#define DESK_TYPE_SEVERITY_CHART (desk_severity_chart_get_type ())
G_DECLARE_FINAL_TYPE (DeskSeverityChart, desk_severity_chart,
                      DESK, SEVERITY_CHART, GtkWidget)

GtkWidget *desk_severity_chart_new        (void);
/* @counts is indexed by DeskSeverity (index 0 unused). */
void       desk_severity_chart_set_counts (DeskSeverityChart *self,
                                           const guint        counts[DESK_N_SEVERITIES + 1]);
guint      desk_severity_chart_get_count  (DeskSeverityChart *self,
                                           DeskSeverity       severity);

G_END_DECLS
