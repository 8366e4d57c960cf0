/* desk-incident-list-page.h: the filterable, sortable incident list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-incident-list-model.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_INCIDENT_LIST_PAGE (desk_incident_list_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskIncidentListPage, desk_incident_list_page,
                      DESK, INCIDENT_LIST_PAGE, AdwBin)

GtkWidget       *desk_incident_list_page_new           (void);
DeskStore       *desk_incident_list_page_get_store     (DeskIncidentListPage *self);
void             desk_incident_list_page_set_store     (DeskIncidentListPage *self,
                                                        DeskStore            *store);
/* Cards instead of a table, for a narrow window. */
gboolean         desk_incident_list_page_get_compact   (DeskIncidentListPage *self);
void             desk_incident_list_page_set_compact   (DeskIncidentListPage *self,
                                                        gboolean              compact);
void             desk_incident_list_page_reload        (DeskIncidentListPage *self);
void             desk_incident_list_page_clear_filters (DeskIncidentListPage *self);
/* Resets the filters, then applies one given as the target of
 * win.filter-incidents ("open", "status=New", "severity=SEV1",
 * "opened-week", "resolved-week"). Returns FALSE for an unknown one.
 */
gboolean         desk_incident_list_page_apply_filter  (DeskIncidentListPage *self,
                                                        const char           *filter);
/* Chooses in the dropdowns: a service name or NULL for all, a severity
 * or 0 for all, a status or -1 for all.
 */
void             desk_incident_list_page_select        (DeskIncidentListPage *self,
                                                        const char           *service,
                                                        DeskSeverity          severity,
                                                        int                   status);
void             desk_incident_list_page_set_search_text (DeskIncidentListPage *self,
                                                          const char           *text);
void             desk_incident_list_page_focus_search  (DeskIncidentListPage *self);
/* The query behind what is shown, for export. */
const DeskQuery *desk_incident_list_page_get_query     (DeskIncidentListPage *self);
DeskIncidentListModel *desk_incident_list_page_get_model (DeskIncidentListPage *self);
/* The name of the visible state: "table", "cards", "empty", "no-data",
 * "error" or "no-database".
 */
const char      *desk_incident_list_page_get_state     (DeskIncidentListPage *self);
const char      *desk_incident_list_page_get_count_text (DeskIncidentListPage *self);
/* Services offered in the filter (read in a worker thread). */
guint            desk_incident_list_page_get_n_services (DeskIncidentListPage *self);

G_END_DECLS
