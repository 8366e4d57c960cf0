/* desk-incident.h: incidents, services, problems and timeline entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "desk-types.h"

G_BEGIN_DECLS

/* The fields of an incident a user or an import can set. Used to name the
 * field at fault in a validation error, and the field a timeline entry
 * describes.
 */
typedef enum
{
  DESK_FIELD_NONE,
  DESK_FIELD_REFERENCE,
  DESK_FIELD_TITLE,
  DESK_FIELD_SERVICE,
  DESK_FIELD_SEVERITY,
  DESK_FIELD_IMPACT,
  DESK_FIELD_STATUS,
  DESK_FIELD_DESCRIPTION,
  DESK_FIELD_ASSIGNEE,
  DESK_FIELD_REPORTER,
  DESK_FIELD_DETECTED_AT,
  DESK_FIELD_ACKNOWLEDGED_AT,
  DESK_FIELD_IMPACT_START,
  DESK_FIELD_IMPACT_END,
  DESK_FIELD_RESOLVED_AT,
  DESK_FIELD_CLOSED_AT,
  DESK_FIELD_ROOT_CAUSE,
  DESK_FIELD_FIVE_WHYS,
  DESK_FIELD_FACTOR,
  DESK_FIELD_WORKAROUND,
  DESK_FIELD_RESOLUTION,
  DESK_FIELD_PROBLEM,
} DeskField;

#define DESK_N_FIELDS (DESK_FIELD_PROBLEM + 1)

/* snake_case name of the field, as in the CSV header ("detected_at"). */
const char *desk_field_to_string (DeskField field);
/* Translated name for messages and labels ("Detected"). */
const char *desk_field_label     (DeskField field);
/* The inverse of desk_field_to_string; FALSE for an unknown name. */
gboolean    desk_field_from_string (const char *text,
                                    DeskField  *out);

/* Whether @text is valid UTF-8 without control characters; a
 * @multi_line text may hold tabs, line feeds and carriage returns.
 */
gboolean    desk_text_is_clean   (const char *text,
                                  gboolean    multi_line);

#define DESK_TITLE_MAX_CHARS 200

/* A plain, reference-counted record. Strings are owned UTF-8 and never
 * NULL once set through the setters (empty means "not given"); times are
 * UTC seconds or DESK_TIME_NONE.
 *
 * id is 0 until the incident is stored. version is the store's revision
 * of the row this copy was read from; a save of a copy whose version is
 * no longer current fails with DESK_ERROR_CONFLICT.
 */
typedef struct
{
  gint64        id;
  gint64        version;
  char         *reference;   /* "INC-000042" or as imported */
  char         *title;
  char         *service;     /* the service's name */
  DeskSeverity  severity;
  DeskImpact    impact;
  DeskStatus    status;
  char         *description;
  char         *assignee;
  char         *reporter;
  gint64        detected_at;
  gint64        acknowledged_at;
  gint64        impact_start;  /* DESK_TIME_NONE: same as detected_at */
  gint64        impact_end;    /* DESK_TIME_NONE: same as resolved_at */
  gint64        resolved_at;
  gint64        closed_at;
  char         *root_cause;
  char         *five_whys;     /* one "why" per line */
  DeskFactor    factor;
  char         *workaround;
  char         *resolution;
  char         *problem;       /* the problem's reference, or "" */
  gint64        created_at;
  gint64        updated_at;
} DeskIncident;

#define DESK_TYPE_INCIDENT (desk_incident_get_type ())

GType         desk_incident_get_type    (void) G_GNUC_CONST;
DeskIncident *desk_incident_new         (void);
DeskIncident *desk_incident_copy        (const DeskIncident *self);
DeskIncident *desk_incident_ref         (DeskIncident       *self);
void          desk_incident_unref       (DeskIncident       *self);

/* Replaces a string field, taking a copy; NULL becomes "". */
void          desk_incident_set_string  (DeskIncident       *self,
                                         DeskField           field,
                                         const char         *value);
const char   *desk_incident_get_string  (const DeskIncident *self,
                                         DeskField           field);
gint64        desk_incident_get_time    (const DeskIncident *self,
                                         DeskField           field);
void          desk_incident_set_time    (DeskIncident       *self,
                                         DeskField           field,
                                         gint64              value);

/* The impact interval with its defaults applied: start defaults to
 * detected_at, end to resolved_at; an end of DESK_TIME_NONE means the
 * impact is still going on.
 */
gint64        desk_incident_effective_impact_start (const DeskIncident *self);
gint64        desk_incident_effective_impact_end   (const DeskIncident *self);

/* Checks every rule that one record must meet on its own: title length,
 * non-empty service, fixed vocabularies, a detected time, order of times,
 * valid UTF-8 and no control characters (long texts may hold tab, line
 * feed and carriage return). On
 * failure sets @out_field (if not NULL) and a DESK_ERROR_INVALID whose
 * message names the field.
 */
gboolean      desk_incident_validate    (const DeskIncident *self,
                                         DeskField          *out_field,
                                         GError            **error);

/* Lifecycle rules for changes made in the desk. */
gboolean      desk_status_can_move      (DeskStatus          from,
                                         DeskStatus          to);
/* The statuses @from may move to, in display order; returns the count. */
guint         desk_status_next          (DeskStatus          from,
                                         DeskStatus          out[DESK_N_STATUSES]);
/* Whether moving @from → @to counts as a reopen (needs a reason). */
gboolean      desk_status_is_reopen     (DeskStatus          from,
                                         DeskStatus          to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskIncident, desk_incident_unref)

typedef struct
{
  gint64  id;
  char   *name;
  double  target;        /* availability target in percent, default 99.9 */
} DeskService;

#define DESK_DEFAULT_TARGET 99.9

#define DESK_TYPE_SERVICE (desk_service_get_type ())
GType        desk_service_get_type (void) G_GNUC_CONST;
DeskService *desk_service_new      (const char *name,
                                    double      target);
DeskService *desk_service_copy     (const DeskService *self);
void         desk_service_free     (DeskService       *self);
/* Non-empty single-line name, 0 < target <= 100. */
gboolean     desk_service_validate (const DeskService *self,
                                    GError           **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskService, desk_service_free)

typedef struct
{
  gint64             id;
  gint64             version;
  char              *reference;   /* "PRB-000007" */
  char              *title;
  DeskProblemStatus  status;
  char              *root_cause;
  char              *workaround;
  guint              n_incidents; /* filled by queries */
} DeskProblem;

#define DESK_TYPE_PROBLEM (desk_problem_get_type ())
GType        desk_problem_get_type (void) G_GNUC_CONST;
DeskProblem *desk_problem_new      (void);
DeskProblem *desk_problem_copy     (const DeskProblem *self);
void         desk_problem_free     (DeskProblem       *self);
gboolean     desk_problem_validate (const DeskProblem *self,
                                    GError           **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskProblem, desk_problem_free)

/* One change: "status" from "New" to "Investigating" by "ana" at 1700000000.
 * field is the snake_case field name, or "created", "reopened", "imported"
 * for events that are not a single field; note holds a reopen reason or a
 * comment.
 */
typedef struct
{
  gint64  id;
  gint64  incident_id;
  gint64  at;
  char   *actor;
  char   *field;
  char   *old_value;
  char   *new_value;
  char   *note;
} DeskTimelineEntry;

#define DESK_TYPE_TIMELINE_ENTRY (desk_timeline_entry_get_type ())
GType              desk_timeline_entry_get_type (void) G_GNUC_CONST;
/* NULL strings become "". */
DeskTimelineEntry *desk_timeline_entry_new      (gint64      at,
                                                 const char *actor,
                                                 const char *field,
                                                 const char *old_value,
                                                 const char *new_value,
                                                 const char *note);
DeskTimelineEntry *desk_timeline_entry_copy     (const DeskTimelineEntry *self);
void               desk_timeline_entry_free     (DeskTimelineEntry       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskTimelineEntry, desk_timeline_entry_free)

G_END_DECLS
