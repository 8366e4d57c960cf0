/* desk-reflow-box.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESK_TYPE_REFLOW_BOX (desk_reflow_box_get_type ())
G_DECLARE_FINAL_TYPE (DeskReflowBox, desk_reflow_box, DESK, REFLOW_BOX,
                      GtkWidget)

/* Children of equal width side by side while each gets its natural
 * width; on a narrower window as many to a line as fit, down to one
 * under the other, so nothing is cut short.
 */
GtkWidget *desk_reflow_box_new         (void);
void       desk_reflow_box_set_spacing (DeskReflowBox *self,
                                        int            spacing);

G_END_DECLS
