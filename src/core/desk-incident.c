/* desk-incident.c: incidents, services, problems and timeline entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-incident"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-error.h"
#include "desk-incident.h"

typedef struct
{
  const char *name;
  const char *label;
} FieldName;

static const FieldName field_names[DESK_N_FIELDS] = {
  [DESK_FIELD_NONE] = { "", "" },
  [DESK_FIELD_REFERENCE] = { "reference", N_("Reference") },
  [DESK_FIELD_TITLE] = { "title", N_("Title") },
  [DESK_FIELD_SERVICE] = { "service", N_("Service") },
  [DESK_FIELD_SEVERITY] = { "severity", N_("Severity") },
  [DESK_FIELD_IMPACT] = { "impact", N_("Impact") },
  [DESK_FIELD_STATUS] = { "status", N_("Status") },
  [DESK_FIELD_DESCRIPTION] = { "description", N_("Description") },
  [DESK_FIELD_ASSIGNEE] = { "assignee", N_("Assignee") },
  [DESK_FIELD_REPORTER] = { "reporter", N_("Reporter") },
  [DESK_FIELD_DETECTED_AT] = { "detected_at", N_("Detected") },
  [DESK_FIELD_ACKNOWLEDGED_AT] = { "acknowledged_at", N_("Acknowledged") },
  [DESK_FIELD_IMPACT_START] = { "impact_start", N_("Impact start") },
  [DESK_FIELD_IMPACT_END] = { "impact_end", N_("Impact end") },
  [DESK_FIELD_RESOLVED_AT] = { "resolved_at", N_("Resolved") },
  [DESK_FIELD_CLOSED_AT] = { "closed_at", N_("Closed") },
  [DESK_FIELD_ROOT_CAUSE] = { "root_cause", N_("Root cause") },
  [DESK_FIELD_FIVE_WHYS] = { "five_whys", N_("Five whys") },
  [DESK_FIELD_FACTOR] = { "contributing_factor", N_("Contributing factor") },
  [DESK_FIELD_WORKAROUND] = { "workaround", N_("Workaround") },
  [DESK_FIELD_RESOLUTION] = { "resolution", N_("Resolution") },
  [DESK_FIELD_PROBLEM] = { "problem", N_("Problem") },
};

const char *
desk_field_to_string (DeskField field)
{
  g_return_val_if_fail ((guint) field < DESK_N_FIELDS, NULL);

  return field_names[field].name;
}

const char *
desk_field_label (DeskField field)
{
  g_return_val_if_fail ((guint) field < DESK_N_FIELDS, NULL);

  if (field == DESK_FIELD_NONE)
    return "";

  return _(field_names[field].label);
}

gboolean
desk_field_from_string (const char *text,
                        DeskField  *out)
{
  if (text == NULL)
    return FALSE;

  for (guint i = DESK_FIELD_REFERENCE; i < DESK_N_FIELDS; i++)
    {
      if (g_str_equal (field_names[i].name, text))
        {
          *out = (DeskField) i;
          return TRUE;
        }
    }

  return FALSE;
}

static char **
string_slot (DeskIncident *self,
             DeskField     field)
{
  switch (field)
    {
    case DESK_FIELD_REFERENCE:
      return &self->reference;
    case DESK_FIELD_TITLE:
      return &self->title;
    case DESK_FIELD_SERVICE:
      return &self->service;
    case DESK_FIELD_DESCRIPTION:
      return &self->description;
    case DESK_FIELD_ASSIGNEE:
      return &self->assignee;
    case DESK_FIELD_REPORTER:
      return &self->reporter;
    case DESK_FIELD_ROOT_CAUSE:
      return &self->root_cause;
    case DESK_FIELD_FIVE_WHYS:
      return &self->five_whys;
    case DESK_FIELD_WORKAROUND:
      return &self->workaround;
    case DESK_FIELD_RESOLUTION:
      return &self->resolution;
    case DESK_FIELD_PROBLEM:
      return &self->problem;
    case DESK_FIELD_NONE:
    case DESK_FIELD_SEVERITY:
    case DESK_FIELD_IMPACT:
    case DESK_FIELD_STATUS:
    case DESK_FIELD_DETECTED_AT:
    case DESK_FIELD_ACKNOWLEDGED_AT:
    case DESK_FIELD_IMPACT_START:
    case DESK_FIELD_IMPACT_END:
    case DESK_FIELD_RESOLVED_AT:
    case DESK_FIELD_CLOSED_AT:
    case DESK_FIELD_FACTOR:
    default:
      return NULL;
    }
}

static gint64 *
time_slot (DeskIncident *self,
           DeskField     field)
{
  switch (field)
    {
    case DESK_FIELD_DETECTED_AT:
      return &self->detected_at;
    case DESK_FIELD_ACKNOWLEDGED_AT:
      return &self->acknowledged_at;
    case DESK_FIELD_IMPACT_START:
      return &self->impact_start;
    case DESK_FIELD_IMPACT_END:
      return &self->impact_end;
    case DESK_FIELD_RESOLVED_AT:
      return &self->resolved_at;
    case DESK_FIELD_CLOSED_AT:
      return &self->closed_at;
    case DESK_FIELD_NONE:
    case DESK_FIELD_REFERENCE:
    case DESK_FIELD_TITLE:
    case DESK_FIELD_SERVICE:
    case DESK_FIELD_SEVERITY:
    case DESK_FIELD_IMPACT:
    case DESK_FIELD_STATUS:
    case DESK_FIELD_DESCRIPTION:
    case DESK_FIELD_ASSIGNEE:
    case DESK_FIELD_REPORTER:
    case DESK_FIELD_ROOT_CAUSE:
    case DESK_FIELD_FIVE_WHYS:
    case DESK_FIELD_FACTOR:
    case DESK_FIELD_WORKAROUND:
    case DESK_FIELD_RESOLUTION:
    case DESK_FIELD_PROBLEM:
    default:
      return NULL;
    }
}

/* Incident */

static const DeskField string_fields[] = {
  DESK_FIELD_REFERENCE, DESK_FIELD_TITLE, DESK_FIELD_SERVICE,
  DESK_FIELD_DESCRIPTION, DESK_FIELD_ASSIGNEE, DESK_FIELD_REPORTER,
  DESK_FIELD_ROOT_CAUSE, DESK_FIELD_FIVE_WHYS, DESK_FIELD_WORKAROUND,
  DESK_FIELD_RESOLUTION, DESK_FIELD_PROBLEM,
};

static const DeskField time_fields[] = {
  DESK_FIELD_DETECTED_AT, DESK_FIELD_ACKNOWLEDGED_AT, DESK_FIELD_IMPACT_START,
  DESK_FIELD_IMPACT_END, DESK_FIELD_RESOLVED_AT, DESK_FIELD_CLOSED_AT,
};

typedef struct
{
  DeskIncident  incident;
  gatomicrefcount ref_count;
} IncidentBox;

G_DEFINE_BOXED_TYPE (DeskIncident, desk_incident,
                     desk_incident_ref, desk_incident_unref)

DeskIncident *
desk_incident_new (void)
{
  IncidentBox *box = g_new0 (IncidentBox, 1);
  DeskIncident *self = &box->incident;

  g_atomic_ref_count_init (&box->ref_count);

  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    *string_slot (self, string_fields[i]) = g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (time_fields); i++)
    *time_slot (self, time_fields[i]) = DESK_TIME_NONE;

  self->severity = DESK_SEVERITY_SEV3;
  self->impact = DESK_IMPACT_NONE;
  self->status = DESK_STATUS_NEW;
  self->factor = DESK_FACTOR_UNSET;
  self->created_at = DESK_TIME_NONE;
  self->updated_at = DESK_TIME_NONE;

  return self;
}

DeskIncident *
desk_incident_copy (const DeskIncident *self)
{
  DeskIncident *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = desk_incident_new ();
  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    desk_incident_set_string (copy, string_fields[i],
                              desk_incident_get_string (self,
                                                        string_fields[i]));
  for (guint i = 0; i < G_N_ELEMENTS (time_fields); i++)
    desk_incident_set_time (copy, time_fields[i],
                            desk_incident_get_time (self, time_fields[i]));

  copy->id = self->id;
  copy->version = self->version;
  copy->severity = self->severity;
  copy->impact = self->impact;
  copy->status = self->status;
  copy->factor = self->factor;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;

  return copy;
}

DeskIncident *
desk_incident_ref (DeskIncident *self)
{
  IncidentBox *box = (IncidentBox *) self;

  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&box->ref_count);

  return self;
}

void
desk_incident_unref (DeskIncident *self)
{
  IncidentBox *box = (IncidentBox *) self;

  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    g_free (*string_slot (self, string_fields[i]));

  g_free (box);
}

void
desk_incident_set_string (DeskIncident *self,
                          DeskField     field,
                          const char   *value)
{
  char **slot;
  char *old;

  g_return_if_fail (self != NULL);

  slot = string_slot (self, field);
  g_return_if_fail (slot != NULL);

  old = *slot;
  *slot = g_strdup (value != NULL ? value : "");
  g_free (old);
}

const char *
desk_incident_get_string (const DeskIncident *self,
                          DeskField           field)
{
  char **slot;

  g_return_val_if_fail (self != NULL, NULL);

  slot = string_slot ((DeskIncident *) self, field);
  g_return_val_if_fail (slot != NULL, NULL);

  return *slot != NULL ? *slot : "";
}

gint64
desk_incident_get_time (const DeskIncident *self,
                        DeskField           field)
{
  gint64 *slot;

  g_return_val_if_fail (self != NULL, DESK_TIME_NONE);

  slot = time_slot ((DeskIncident *) self, field);
  g_return_val_if_fail (slot != NULL, DESK_TIME_NONE);

  return *slot;
}

void
desk_incident_set_time (DeskIncident *self,
                        DeskField     field,
                        gint64        value)
{
  gint64 *slot;

  g_return_if_fail (self != NULL);

  slot = time_slot (self, field);
  g_return_if_fail (slot != NULL);

  *slot = value;
}

gint64
desk_incident_effective_impact_start (const DeskIncident *self)
{
  g_return_val_if_fail (self != NULL, DESK_TIME_NONE);

  if (self->impact_start != DESK_TIME_NONE)
    return self->impact_start;

  return self->detected_at;
}

gint64
desk_incident_effective_impact_end (const DeskIncident *self)
{
  g_return_val_if_fail (self != NULL, DESK_TIME_NONE);

  if (self->impact_end != DESK_TIME_NONE)
    return self->impact_end;

  return self->resolved_at;
}

/* Validation */

static gboolean
fail (DeskField   field,
      DeskField  *out_field,
      GError    **error,
      const char *message)
{
  if (out_field != NULL)
    *out_field = field;

  g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID, message);

  return FALSE;
}

/* Whether valid UTF-8 @text holds a control character (C0, DEL or C1);
 * a @multi_line text may hold tab, LF and CR. Works on bytes: C0 and DEL
 * are single bytes, C1 is 0xC2 followed by 0x80 to 0x9F.
 */
static gboolean
has_control (const char *text,
             gboolean    multi_line)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x20)
        {
          if (multi_line && (*p == '\t' || *p == '\n' || *p == '\r'))
            continue;
          return TRUE;
        }

      if (*p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
        return TRUE;
    }

  return FALSE;
}

/* Long texts may hold tabs and line breaks; single-line ones no control
 * character at all.
 */
gboolean
desk_text_is_clean (const char *text,
                    gboolean    multi_line)
{
  return g_utf8_validate (text, -1, NULL) && !has_control (text, multi_line);
}

static gboolean
check_text (const char *text,
            DeskField   field,
            gboolean    multi_line,
            DeskField  *out_field,
            GError    **error)
{
  g_autofree char *message = NULL;
  const guchar *p = (const guchar *) text;

  /* Most texts are printable ASCII, which one pass settles; the checks
   * below go on from the first other byte.
   */
  while ((*p >= 0x20 && *p < 0x7f) ||
         (multi_line && (*p == '\n' || *p == '\r' || *p == '\t')))
    p++;
  if (*p == '\0')
    return TRUE;
  text = (const char *) p;

  if (!g_utf8_validate (text, -1, NULL))
    {
      /* TRANSLATORS: %s is a field name, such as "Title" */
      message = g_strdup_printf (_("%s contains text that is not valid "
                                   "UTF-8."),
                                 desk_field_label (field));
      return fail (field, out_field, error, message);
    }

  if (has_control (text, multi_line))
    {
      /* TRANSLATORS: %s is a field name, such as "Title" */
      message = g_strdup_printf (_("%s contains a control character, "
                                   "which is not allowed."),
                                 desk_field_label (field));
      return fail (field, out_field, error, message);
    }

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  DeskField   later;
  DeskField   earlier;
  const char *message;
} TimeRule;

/* Each set time must not come before any earlier set time; the field
 * reported is the later one, which is what the user usually got wrong.
 */
static const TimeRule time_rules[] = {
  { DESK_FIELD_ACKNOWLEDGED_AT, DESK_FIELD_DETECTED_AT,
    N_("The acknowledged time cannot be before the detected time.") },
  { DESK_FIELD_RESOLVED_AT, DESK_FIELD_DETECTED_AT,
    N_("The resolved time cannot be before the detected time.") },
  { DESK_FIELD_RESOLVED_AT, DESK_FIELD_ACKNOWLEDGED_AT,
    N_("The resolved time cannot be before the acknowledged time.") },
  { DESK_FIELD_CLOSED_AT, DESK_FIELD_DETECTED_AT,
    N_("The closed time cannot be before the detected time.") },
  { DESK_FIELD_CLOSED_AT, DESK_FIELD_ACKNOWLEDGED_AT,
    N_("The closed time cannot be before the acknowledged time.") },
  { DESK_FIELD_CLOSED_AT, DESK_FIELD_RESOLVED_AT,
    N_("The closed time cannot be before the resolved time.") },
};

gboolean
desk_incident_validate (const DeskIncident *self,
                        DeskField          *out_field,
                        GError            **error)
{
  static const DeskField multi_line[] = {
    DESK_FIELD_DESCRIPTION, DESK_FIELD_ROOT_CAUSE, DESK_FIELD_FIVE_WHYS,
    DESK_FIELD_WORKAROUND, DESK_FIELD_RESOLUTION,
  };
  static const DeskField single_line[] = {
    DESK_FIELD_REFERENCE, DESK_FIELD_TITLE, DESK_FIELD_SERVICE,
    DESK_FIELD_ASSIGNEE, DESK_FIELD_REPORTER, DESK_FIELD_PROBLEM,
  };
  gint64 impact_start;
  gint64 impact_end;
  glong title_length;

  g_return_val_if_fail (self != NULL, FALSE);

  if (out_field != NULL)
    *out_field = DESK_FIELD_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (single_line); i++)
    if (!check_text (desk_incident_get_string (self, single_line[i]),
                     single_line[i], FALSE, out_field, error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (multi_line); i++)
    if (!check_text (desk_incident_get_string (self, multi_line[i]),
                     multi_line[i], TRUE, out_field, error))
      return FALSE;

  if (is_blank (self->title))
    return fail (DESK_FIELD_TITLE, out_field, error,
                 _("The title cannot be empty."));

  title_length = g_utf8_strlen (self->title, -1);
  if (title_length > DESK_TITLE_MAX_CHARS)
    return fail (DESK_FIELD_TITLE, out_field, error,
                 _("The title cannot be longer than 200 characters."));

  if (is_blank (self->service))
    return fail (DESK_FIELD_SERVICE, out_field, error,
                 _("The service cannot be empty."));

  if (self->severity < DESK_SEVERITY_SEV1 ||
      self->severity > DESK_SEVERITY_SEV4)
    return fail (DESK_FIELD_SEVERITY, out_field, error,
                 _("The severity must be SEV1, SEV2, SEV3 or SEV4."));

  if ((guint) self->impact >= DESK_N_IMPACTS)
    return fail (DESK_FIELD_IMPACT, out_field, error,
                 _("The impact must be Outage, Degraded or None."));

  if ((guint) self->status >= DESK_N_STATUSES)
    return fail (DESK_FIELD_STATUS, out_field, error,
                 _("The status is not one of the statuses the desk "
                   "knows."));

  if ((guint) self->factor >= DESK_N_FACTORS)
    return fail (DESK_FIELD_FACTOR, out_field, error,
                 _("The contributing factor must be People, Process, "
                   "Technology, External or Unknown."));

  if (self->detected_at == DESK_TIME_NONE)
    return fail (DESK_FIELD_DETECTED_AT, out_field, error,
                 _("The detected time is missing."));

  for (guint i = 0; i < G_N_ELEMENTS (time_rules); i++)
    {
      gint64 later = desk_incident_get_time (self, time_rules[i].later);
      gint64 earlier = desk_incident_get_time (self, time_rules[i].earlier);

      if (later != DESK_TIME_NONE && earlier != DESK_TIME_NONE &&
          later < earlier)
        return fail (time_rules[i].later, out_field, error,
                     _(time_rules[i].message));
    }

  impact_start = desk_incident_effective_impact_start (self);
  impact_end = desk_incident_effective_impact_end (self);
  if (impact_end != DESK_TIME_NONE && impact_end < impact_start)
    return fail (self->impact_end != DESK_TIME_NONE ?
                 DESK_FIELD_IMPACT_END : DESK_FIELD_IMPACT_START,
                 out_field, error,
                 _("The impact end cannot be before the impact start."));

  return TRUE;
}

/* Lifecycle */

gboolean
desk_status_can_move (DeskStatus from,
                      DeskStatus to)
{
  if ((guint) from >= DESK_N_STATUSES || (guint) to >= DESK_N_STATUSES)
    return FALSE;

  if (from == to)
    return FALSE;

  switch (from)
    {
    case DESK_STATUS_NEW:
    case DESK_STATUS_INVESTIGATING:
    case DESK_STATUS_IDENTIFIED:
    case DESK_STATUS_MONITORING:
    case DESK_STATUS_ON_HOLD:
      return desk_status_is_active (to) || to == DESK_STATUS_RESOLVED;

    case DESK_STATUS_RESOLVED:
      return to == DESK_STATUS_CLOSED || to == DESK_STATUS_INVESTIGATING;

    case DESK_STATUS_CLOSED:
      return to == DESK_STATUS_INVESTIGATING;

    default:
      return FALSE;
    }
}

guint
desk_status_next (DeskStatus from,
                  DeskStatus out[DESK_N_STATUSES])
{
  guint n = 0;

  for (guint to = 0; to < DESK_N_STATUSES; to++)
    if (desk_status_can_move (from, (DeskStatus) to))
      out[n++] = (DeskStatus) to;

  return n;
}

gboolean
desk_status_is_reopen (DeskStatus from,
                       DeskStatus to)
{
  return (from == DESK_STATUS_RESOLVED || from == DESK_STATUS_CLOSED) &&
         desk_status_is_open (to);
}

/* Service */

G_DEFINE_BOXED_TYPE (DeskService, desk_service,
                     desk_service_copy, desk_service_free)

DeskService *
desk_service_new (const char *name,
                  double      target)
{
  DeskService *self = g_new0 (DeskService, 1);

  self->name = g_strdup (name != NULL ? name : "");
  self->target = target;

  return self;
}

DeskService *
desk_service_copy (const DeskService *self)
{
  DeskService *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = desk_service_new (self->name, self->target);
  copy->id = self->id;

  return copy;
}

void
desk_service_free (DeskService *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self);
}

gboolean
desk_service_validate (const DeskService *self,
                       GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->name == NULL || is_blank (self->name))
    return fail (DESK_FIELD_SERVICE, NULL, error,
                 _("The service cannot be empty."));

  if (!check_text (self->name, DESK_FIELD_SERVICE, FALSE, NULL, error))
    return FALSE;

  if (!(self->target > 0.0 && self->target <= 100.0))
    return fail (DESK_FIELD_NONE, NULL, error,
                 _("The availability target must be more than 0 and at "
                   "most 100 percent."));

  return TRUE;
}

/* Problem */

G_DEFINE_BOXED_TYPE (DeskProblem, desk_problem,
                     desk_problem_copy, desk_problem_free)

DeskProblem *
desk_problem_new (void)
{
  DeskProblem *self = g_new0 (DeskProblem, 1);

  self->reference = g_strdup ("");
  self->title = g_strdup ("");
  self->status = DESK_PROBLEM_OPEN;
  self->root_cause = g_strdup ("");
  self->workaround = g_strdup ("");

  return self;
}

DeskProblem *
desk_problem_copy (const DeskProblem *self)
{
  DeskProblem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DeskProblem, 1);
  copy->id = self->id;
  copy->version = self->version;
  copy->reference = g_strdup (self->reference);
  copy->title = g_strdup (self->title);
  copy->status = self->status;
  copy->root_cause = g_strdup (self->root_cause);
  copy->workaround = g_strdup (self->workaround);
  copy->n_incidents = self->n_incidents;

  return copy;
}

void
desk_problem_free (DeskProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->reference);
  g_free (self->title);
  g_free (self->root_cause);
  g_free (self->workaround);
  g_free (self);
}

gboolean
desk_problem_validate (const DeskProblem *self,
                       GError           **error)
{
  const char *reference;
  const char *title;

  g_return_val_if_fail (self != NULL, FALSE);

  reference = self->reference != NULL ? self->reference : "";
  title = self->title != NULL ? self->title : "";

  if (!check_text (reference, DESK_FIELD_REFERENCE, FALSE, NULL, error) ||
      !check_text (title, DESK_FIELD_TITLE, FALSE, NULL, error) ||
      !check_text (self->root_cause != NULL ? self->root_cause : "",
                   DESK_FIELD_ROOT_CAUSE, TRUE, NULL, error) ||
      !check_text (self->workaround != NULL ? self->workaround : "",
                   DESK_FIELD_WORKAROUND, TRUE, NULL, error))
    return FALSE;

  if (is_blank (title))
    return fail (DESK_FIELD_TITLE, NULL, error,
                 _("The title cannot be empty."));

  if (g_utf8_strlen (title, -1) > DESK_TITLE_MAX_CHARS)
    return fail (DESK_FIELD_TITLE, NULL, error,
                 _("The title cannot be longer than 200 characters."));

  if ((guint) self->status > DESK_PROBLEM_RESOLVED)
    return fail (DESK_FIELD_STATUS, NULL, error,
                 _("The status of a problem must be Open, Known error or "
                   "Resolved."));

  return TRUE;
}

/* Timeline entry */

G_DEFINE_BOXED_TYPE (DeskTimelineEntry, desk_timeline_entry,
                     desk_timeline_entry_copy, desk_timeline_entry_free)

DeskTimelineEntry *
desk_timeline_entry_new (gint64      at,
                         const char *actor,
                         const char *field,
                         const char *old_value,
                         const char *new_value,
                         const char *note)
{
  DeskTimelineEntry *self = g_new0 (DeskTimelineEntry, 1);

  self->at = at;
  self->actor = g_strdup (actor != NULL ? actor : "");
  self->field = g_strdup (field != NULL ? field : "");
  self->old_value = g_strdup (old_value != NULL ? old_value : "");
  self->new_value = g_strdup (new_value != NULL ? new_value : "");
  self->note = g_strdup (note != NULL ? note : "");

  return self;
}

DeskTimelineEntry *
desk_timeline_entry_copy (const DeskTimelineEntry *self)
{
  DeskTimelineEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = desk_timeline_entry_new (self->at, self->actor, self->field,
                                  self->old_value, self->new_value,
                                  self->note);
  copy->id = self->id;
  copy->incident_id = self->incident_id;

  return copy;
}

void
desk_timeline_entry_free (DeskTimelineEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->actor);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self->note);
  g_free (self);
}
