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

GtkWidget *desk_sla_page_new       (void);
DeskStore *desk_sla_page_get_store (DeskSlaPage *self);
void       desk_sla_page_set_store (DeskSlaPage *self,
                                    DeskStore   *store);

G_END_DECLS
