/* desk-incident-object.h: one incident as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "desk-incident.h"

G_BEGIN_DECLS

#define DESK_TYPE_INCIDENT_OBJECT (desk_incident_object_get_type ())
G_DECLARE_FINAL_TYPE (DeskIncidentObject, desk_incident_object,
                      DESK, INCIDENT_OBJECT, GObject)

/* @incident may be NULL for a row that disappeared since the query. */
DeskIncidentObject *desk_incident_object_new          (gint64        id,
                                                       DeskIncident *incident);
/* A row whose incident is still being read from the store. */
DeskIncidentObject *desk_incident_object_new_loading  (gint64        id);
/* Shows another incident, or the same one read again, in place: every
 * property is notified, so a row bound to this object follows.
 */
void                desk_incident_object_update       (DeskIncidentObject *self,
                                                       gint64              id,
                                                       DeskIncident       *incident,
                                                       gboolean            loading);
gint64              desk_incident_object_get_id       (DeskIncidentObject *self);
gboolean            desk_incident_object_get_loading  (DeskIncidentObject *self);
DeskIncident       *desk_incident_object_get_incident (DeskIncidentObject *self);

G_END_DECLS
