/* desk-incident-list-model.h: the incident list, backed by the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_INCIDENT_LIST_MODEL (desk_incident_list_model_get_type ())
G_DECLARE_FINAL_TYPE (DeskIncidentListModel, desk_incident_list_model,
                      DESK, INCIDENT_LIST_MODEL, GObject)

/* A GListModel of DeskIncidentObject. It holds only the row ids of the
 * current query and reads incidents in small blocks when asked for
 * them, keeping a few blocks cached.
 *
 * An item stands for a row: while it is held, it shows whatever incident
 * is at its row, and changes in place when a block is read or a new
 * result comes. So a new result announces with "items-changed" only the
 * rows added or removed at the end, and items already handed out are
 * refilled.
 *
 * "replacing" (guint old_n, guint new_n) is emitted when a query's
 * result reaches the model, before any row changes.
 */
DeskIncidentListModel *desk_incident_list_model_new       (void);

DeskStore       *desk_incident_list_model_get_store       (DeskIncidentListModel *self);
void             desk_incident_list_model_set_store       (DeskIncidentListModel *self,
                                                           DeskStore             *store);
const DeskQuery *desk_incident_list_model_get_query       (DeskIncidentListModel *self);
/* Runs @query off the main thread; a query still running is cancelled. */
void             desk_incident_list_model_set_query       (DeskIncidentListModel *self,
                                                           const DeskQuery       *query);
void             desk_incident_list_model_reload          (DeskIncidentListModel *self);
gboolean         desk_incident_list_model_get_loading     (DeskIncidentListModel *self);
/* The error of the last query, or NULL. */
const GError    *desk_incident_list_model_get_error       (DeskIncidentListModel *self);
/* Ids of the rows, in order. */
const GArray    *desk_incident_list_model_get_ids         (DeskIncidentListModel *self);
/* How many items are materialised right now. */
guint            desk_incident_list_model_get_n_cached    (DeskIncidentListModel *self);

G_END_DECLS
