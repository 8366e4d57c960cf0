/* desk-incident-editor.h: the Create incident dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_INCIDENT_EDITOR (desk_incident_editor_get_type ())
G_DECLARE_FINAL_TYPE (DeskIncidentEditor, desk_incident_editor,
                      DESK, INCIDENT_EDITOR, AdwWindow)

/* A modal window over @parent. Emits "saved" (gint64 id) after the new
 * incident is stored, then closes.
 */
GtkWidget *desk_incident_editor_new       (GtkWindow          *parent,
                                           DeskStore          *store);

DeskStore *desk_incident_editor_get_store (DeskIncidentEditor *self);
void       desk_incident_editor_set_store (DeskIncidentEditor *self,
                                           DeskStore          *store);

G_END_DECLS
