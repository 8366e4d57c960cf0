/* desk-incident-detail.h: the page that shows and edits one incident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_INCIDENT_DETAIL (desk_incident_detail_get_type ())
G_DECLARE_FINAL_TYPE (DeskIncidentDetail, desk_incident_detail,
                      DESK, INCIDENT_DETAIL, AdwBin)

GtkWidget *desk_incident_detail_new             (void);

DeskStore *desk_incident_detail_get_store       (DeskIncidentDetail *self);
void       desk_incident_detail_set_store       (DeskIncidentDetail *self,
                                                 DeskStore          *store);
gint64     desk_incident_detail_get_incident_id (DeskIncidentDetail *self);
/* Loads the incident with this id (0: none) from the store. */
void       desk_incident_detail_set_incident_id (DeskIncidentDetail *self,
                                                 gint64              id);
/* Reads the incident again; what the user typed is kept. */
void       desk_incident_detail_reload          (DeskIncidentDetail *self);
/* On a narrow window the header leaves the reference to the page. */
void       desk_incident_detail_set_compact     (DeskIncidentDetail *self,
                                                 gboolean            compact);

G_END_DECLS
