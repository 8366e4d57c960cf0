/* desk-dashboard-page.h: counts, a severity chart, the latest incidents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_DASHBOARD_PAGE (desk_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskDashboardPage, desk_dashboard_page,
                      DESK, DASHBOARD_PAGE, AdwBin)

GtkWidget  *desk_dashboard_page_new       (void);
DeskStore  *desk_dashboard_page_get_store (DeskDashboardPage *self);
void        desk_dashboard_page_set_store (DeskDashboardPage *self,
                                           DeskStore         *store);
/* Fetches every count again, off the main thread. */
void        desk_dashboard_page_reload    (DeskDashboardPage *self);
gboolean    desk_dashboard_page_get_loading (DeskDashboardPage *self);
/* "loading", "empty", "error", "content" or "no-database". */
const char *desk_dashboard_page_get_state (DeskDashboardPage *self);
/* The number shown on the card that filters with @filter (the target
 * of win.filter-incidents: "open", "severity=SEV1", "status=New",
 * "opened-week", "resolved-week", "breached-month").
 */
guint       desk_dashboard_page_get_card_value (DeskDashboardPage *self,
                                                const char        *filter);
guint       desk_dashboard_page_get_n_recent   (DeskDashboardPage *self);

G_END_DECLS
