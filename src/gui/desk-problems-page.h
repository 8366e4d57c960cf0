/* desk-problems-page.h: problem records and the incidents they group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_PROBLEMS_PAGE (desk_problems_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskProblemsPage, desk_problems_page,
                      DESK, PROBLEMS_PAGE, AdwBin)

GtkWidget *desk_problems_page_new       (void);

DeskStore *desk_problems_page_get_store (DeskProblemsPage *self);
void       desk_problems_page_set_store (DeskProblemsPage *self,
                                         DeskStore        *store);
/* Reads the problems again from the store, off the main thread. */
void       desk_problems_page_reload    (DeskProblemsPage *self);

G_END_DECLS
