/* desk-help-page.h: the "How to use" guide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_HELP_PAGE (desk_help_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskHelpPage, desk_help_page, DESK, HELP_PAGE, AdwBin)

GtkWidget *desk_help_page_new       (void);

DeskStore *desk_help_page_get_store (DeskHelpPage *self);
void       desk_help_page_set_store (DeskHelpPage *self,
                                     DeskStore    *store);

G_END_DECLS
