/* desk-sla-page.h: the SLA tracker and calculator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_SLA_PAGE (desk_sla_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskSlaPage, desk_sla_page, DESK, SLA_PAGE, AdwBin)

GtkWidget  *desk_sla_page_new            (void);
DeskStore  *desk_sla_page_get_store      (DeskSlaPage  *self);
void        desk_sla_page_set_store      (DeskSlaPage  *self,
                                          DeskStore    *store);

/* Computes the report again from the store, now if the page is shown,
 * otherwise the next time it is.
 */
void        desk_sla_page_reload         (DeskSlaPage  *self);

/* Shows a period written as on the command line: "2025", "2025-Q1",
 * "2025-03", "2025-W10", "2025-03-09" or "START/END".
 */
gboolean    desk_sla_page_set_period     (DeskSlaPage  *self,
                                          const char   *period,
                                          GError      **error);
/* An IANA name, or NULL for the desk's default zone. */
gboolean    desk_sla_page_set_time_zone  (DeskSlaPage  *self,
                                          const char   *identifier,
                                          GError      **error);

/* Whether a report is being computed. */
gboolean    desk_sla_page_get_loading    (DeskSlaPage  *self);

G_END_DECLS
