/* desk-incident-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page keeps the incident as last read from the store (the base)
 * apart from the widgets. What the user typed is whatever differs from
 * the base, so a reload after a status change or a conflict can bring
 * in the stored values and still keep every edit.
 */

#define G_LOG_DOMAIN "desk-incident-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-caption-row.h"
#include "desk-datetime-row.h"
#include "desk-error.h"
#include "desk-form.h"
#include "desk-incident-detail.h"
#include "desk-sla-clock.h"
#include "desk-status-dialog.h"
#include "desk-time.h"
#include "desk-timeline-row.h"

#define N_WHYS 5
#define CLOCK_REFRESH_SECONDS 30

typedef enum
{
  KIND_NONE,
  KIND_ENTRY,
  KIND_TEXT,
  KIND_TIME,
  KIND_COMBO,
  KIND_WHYS,
} FieldKind;

struct _DeskIncidentDetail
{
  AdwBin           parent_instance;

  DeskStore       *store;
  gint64           incident_id;
  DeskIncident    *incident;      /* the base */
  GPtrArray       *timeline;
  GPtrArray       *problem_refs;  /* char*, [0] is "" for None */
  GTimeZone       *tz;
  DeskSlaTargets   targets;
  GCancellable    *load_cancellable;
  GMenu           *service_items;
  char            *why_texts[N_WHYS];
  guint            clock_source;
  GSettings       *settings;
  guint            busy : 1;
  guint            back_after_save : 1;
  guint            filling : 1;
  guint            valid : 1;
  guint            dirty : 1;
  guint            disposed : 1;

  GtkWidget       *field_widget[DESK_N_FIELDS];
  GtkWidget       *field_caption[DESK_N_FIELDS];

  /* template widgets */
  GtkLabel        *reference_label;
  GtkWidget       *save_button;
  GtkSpinner      *spinner;
  GtkWidget       *viewer_banner;
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  AdwStatusPage   *error_page;
  GtkWidget       *form_box;
  GtkWidget       *error_banner;
  GtkLabel        *error_label;
  GtkLabel        *heading_label;
  GtkLabel        *status_badge;
  GtkLabel        *severity_badge;
  GtkLabel        *service_label;
  GtkWidget       *status_box;
  GtkFlowBox      *status_buttons;
  GtkFlowBox      *clock_box;
  DeskSlaClock    *response_clock;
  DeskSlaClock    *resolution_clock;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *times_group;
  AdwPreferencesGroup *whys_group;
  AdwEntryRow     *title_row;
  GtkWidget       *title_caption;
  AdwEntryRow     *service_row;
  GtkMenuButton   *service_menu;
  GtkWidget       *service_caption;
  AdwComboRow     *severity_row;
  AdwComboRow     *impact_row;
  AdwEntryRow     *assignee_row;
  GtkWidget       *assignee_caption;
  AdwEntryRow     *reporter_row;
  GtkWidget       *reporter_caption;
  AdwComboRow     *problem_row;
  GtkWidget       *problem_caption;
  DeskDatetimeRow *detected_row;
  GtkWidget       *detected_caption;
  DeskDatetimeRow *acknowledged_row;
  GtkWidget       *acknowledged_caption;
  DeskDatetimeRow *impact_start_row;
  GtkWidget       *impact_start_caption;
  DeskDatetimeRow *impact_end_row;
  GtkWidget       *impact_end_caption;
  DeskDatetimeRow *resolved_row;
  GtkWidget       *resolved_caption;
  DeskDatetimeRow *closed_row;
  GtkWidget       *closed_caption;
  GtkTextView     *description_view;
  GtkWidget       *description_caption;
  GtkTextView     *root_cause_view;
  GtkWidget       *root_cause_caption;
  AdwEntryRow     *why_rows[N_WHYS];
  GtkWidget       *whys_caption;
  AdwComboRow     *factor_row;
  GtkTextView     *workaround_view;
  GtkWidget       *workaround_caption;
  GtkTextView     *resolution_view;
  GtkWidget       *resolution_caption;
  GtkListBox      *timeline_list;
};

G_DEFINE_FINAL_TYPE (DeskIncidentDetail, desk_incident_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INCIDENT_ID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The fields a user edits on this page, in the order they are shown. */
static const DeskField editable_fields[] = {
  DESK_FIELD_TITLE, DESK_FIELD_SERVICE, DESK_FIELD_SEVERITY,
  DESK_FIELD_IMPACT, DESK_FIELD_ASSIGNEE, DESK_FIELD_REPORTER,
  DESK_FIELD_PROBLEM, DESK_FIELD_DETECTED_AT, DESK_FIELD_ACKNOWLEDGED_AT,
  DESK_FIELD_IMPACT_START, DESK_FIELD_IMPACT_END, DESK_FIELD_RESOLVED_AT,
  DESK_FIELD_CLOSED_AT, DESK_FIELD_DESCRIPTION, DESK_FIELD_ROOT_CAUSE,
  DESK_FIELD_FIVE_WHYS, DESK_FIELD_FACTOR, DESK_FIELD_WORKAROUND,
  DESK_FIELD_RESOLUTION,
};

static void load (DeskIncidentDetail *self,
                  gboolean            keep_typed);
static void validate (DeskIncidentDetail *self);

static FieldKind
field_kind (DeskField field)
{
  switch (field)
    {
    case DESK_FIELD_TITLE:
    case DESK_FIELD_SERVICE:
    case DESK_FIELD_ASSIGNEE:
    case DESK_FIELD_REPORTER:
      return KIND_ENTRY;

    case DESK_FIELD_DESCRIPTION:
    case DESK_FIELD_ROOT_CAUSE:
    case DESK_FIELD_WORKAROUND:
    case DESK_FIELD_RESOLUTION:
      return KIND_TEXT;

    case DESK_FIELD_DETECTED_AT:
    case DESK_FIELD_ACKNOWLEDGED_AT:
    case DESK_FIELD_IMPACT_START:
    case DESK_FIELD_IMPACT_END:
    case DESK_FIELD_RESOLVED_AT:
    case DESK_FIELD_CLOSED_AT:
      return KIND_TIME;

    case DESK_FIELD_SEVERITY:
    case DESK_FIELD_IMPACT:
    case DESK_FIELD_FACTOR:
    case DESK_FIELD_PROBLEM:
      return KIND_COMBO;

    case DESK_FIELD_FIVE_WHYS:
      return KIND_WHYS;

    case DESK_FIELD_NONE:
    case DESK_FIELD_REFERENCE:
    case DESK_FIELD_STATUS:
    default:
      return KIND_NONE;
    }
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* Reading the widgets */

static guint
combo_index_for (DeskIncidentDetail *self,
                 DeskField           field,
                 const DeskIncident *incident)
{
  if (field == DESK_FIELD_SEVERITY)
    return incident->severity - DESK_SEVERITY_SEV1;

  if (field == DESK_FIELD_IMPACT)
    return incident->impact;

  if (field == DESK_FIELD_FACTOR)
    return incident->factor;

  for (guint i = 0; i < self->problem_refs->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->problem_refs, i),
                   incident->problem) == 0)
      return i;

  return 0;
}

static char *
widget_text (DeskIncidentDetail *self,
             DeskField           field)
{
  GtkWidget *widget = self->field_widget[field];

  if (field_kind (field) == KIND_TEXT)
    return desk_form_text_view_get (GTK_TEXT_VIEW (widget));

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static gboolean
whys_changed (DeskIncidentDetail *self)
{
  for (guint i = 0; i < N_WHYS; i++)
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->why_rows[i])),
                   self->why_texts[i]) != 0)
      return TRUE;

  return FALSE;
}

static char *
whys_text (DeskIncidentDetail *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint last = 0;

  for (guint i = 0; i < N_WHYS; i++)
    if (gtk_editable_get_text (GTK_EDITABLE (self->why_rows[i]))[0] != '\0')
      last = i + 1;

  for (guint i = 0; i < last; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, gtk_editable_get_text (
                               GTK_EDITABLE (self->why_rows[i])));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Whether the widget of @field differs from the base. */
static gboolean
field_changed (DeskIncidentDetail *self,
               DeskField           field)
{
  g_autofree char *text = NULL;

  if (self->incident == NULL)
    return FALSE;

  switch (field_kind (field))
    {
    case KIND_ENTRY:
    case KIND_TEXT:
      text = widget_text (self, field);
      return g_strcmp0 (text,
                        desk_incident_get_string (self->incident, field)) != 0;

    case KIND_TIME:
      return desk_datetime_row_is_changed (
        DESK_DATETIME_ROW (self->field_widget[field]));

    case KIND_COMBO:
      return adw_combo_row_get_selected (
               ADW_COMBO_ROW (self->field_widget[field])) !=
             combo_index_for (self, field, self->incident);

    case KIND_WHYS:
      return whys_changed (self);

    case KIND_NONE:
    default:
      return FALSE;
    }
}

/* The base with every typed change applied, or NULL when a time cannot
 * be read; @messages (indexed by field) then says why.
 */
static DeskIncident *
build_incident (DeskIncidentDetail *self,
                char              **messages)
{
  g_autoptr(DeskIncident) incident = desk_incident_copy (self->incident);
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (editable_fields); i++)
    {
      DeskField field = editable_fields[i];
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      guint selected;
      gint64 instant;

      if (!field_changed (self, field))
        continue;

      switch (field_kind (field))
        {
        case KIND_ENTRY:
        case KIND_TEXT:
          text = widget_text (self, field);
          desk_incident_set_string (incident, field, text);
          break;

        case KIND_WHYS:
          text = whys_text (self);
          desk_incident_set_string (incident, field, text);
          break;

        case KIND_TIME:
          if (desk_datetime_row_get_value (
                DESK_DATETIME_ROW (self->field_widget[field]), &instant,
                &error))
            desk_incident_set_time (incident, field, instant);
          else
            {
              messages[field] = g_strdup (error->message);
              ok = FALSE;
            }
          break;

        case KIND_COMBO:
          selected = adw_combo_row_get_selected (
            ADW_COMBO_ROW (self->field_widget[field]));
          if (field == DESK_FIELD_SEVERITY)
            incident->severity = DESK_SEVERITY_SEV1 + selected;
          else if (field == DESK_FIELD_IMPACT)
            incident->impact = (DeskImpact) selected;
          else if (field == DESK_FIELD_FACTOR)
            incident->factor = (DeskFactor) selected;
          else if (selected < self->problem_refs->len)
            desk_incident_set_string (incident, field,
                                      g_ptr_array_index (self->problem_refs,
                                                         selected));
          break;

        case KIND_NONE:
        default:
          break;
        }
    }

  return ok ? g_steal_pointer (&incident) : NULL;
}

static void
set_field_error (DeskIncidentDetail *self,
                 DeskField           field,
                 const char         *message)
{
  GtkWidget *widget = self->field_widget[field];
  GtkWidget *caption = self->field_caption[field];

  if (widget == NULL)
    return;

  switch (field_kind (field))
    {
    case KIND_TEXT:
      gtk_label_set_text (GTK_LABEL (caption), message != NULL ? message : "");
      gtk_widget_set_visible (caption, message != NULL);
      if (message != NULL)
        gtk_widget_add_css_class (gtk_widget_get_parent (widget), "error");
      else
        gtk_widget_remove_css_class (gtk_widget_get_parent (widget), "error");
      break;

    case KIND_WHYS:
      for (guint i = 0; i < N_WHYS; i++)
        desk_form_set_row_error (GTK_WIDGET (self->why_rows[i]), NULL,
                                 message);
      desk_caption_row_set_message (DESK_CAPTION_ROW (caption), message);
      break;

    case KIND_ENTRY:
    case KIND_TIME:
    case KIND_COMBO:
      desk_form_set_row_error (widget, caption, message);
      break;

    case KIND_NONE:
    default:
      break;
    }
}

static void
set_banner (DeskIncidentDetail *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_banner, message != NULL);
}

static gboolean
can_edit (DeskIncidentDetail *self)
{
  return self->store != NULL && self->incident != NULL &&
         !desk_store_is_read_only (self->store);
}

static void
update_actions (DeskIncidentDetail *self)
{
  gboolean can_save = can_edit (self) && self->dirty && self->valid &&
                      !self->busy;
  const char *why = NULL;

  if (!can_edit (self))
    why = _("This incident cannot be changed here");
  else if (!self->dirty)
    why = _("Nothing has changed since the last save");
  else if (!self->valid)
    why = _("Correct the fields marked in red to save");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.save", can_save);
  gtk_widget_set_tooltip_text (self->save_button,
                               why != NULL ? why : _("Save the changes"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.change-status",
                                 can_edit (self) && !self->busy);
}

/* Recomputes the errors beside the fields and whether Save works. */
static void
validate (DeskIncidentDetail *self)
{
  char *messages[DESK_N_FIELDS] = { NULL, };
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  DeskField bad = DESK_FIELD_NONE;

  if (self->filling || self->incident == NULL)
    return;

  incident = build_incident (self, messages);
  if (incident != NULL &&
      !desk_incident_validate (incident, &bad, &error) &&
      bad != DESK_FIELD_NONE)
    messages[bad] = g_strdup (error->message);

  self->valid = incident != NULL && error == NULL;
  if (error != NULL && self->field_widget[bad] == NULL)
    set_banner (self, error->message);

  self->dirty = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (editable_fields); i++)
    {
      DeskField field = editable_fields[i];

      set_field_error (self, field, messages[field]);
      self->dirty |= field_changed (self, field);
      g_free (messages[field]);
    }

  update_actions (self);
}

/* Filling the widgets */

static void
set_combo_strings (AdwComboRow *row,
                   const char **items)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (items);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
fill_problems (DeskIncidentDetail *self,
               GPtrArray          *problems,
               const char         *current,
               const char         *typed)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gboolean found = current == NULL || current[0] == '\0';
  gboolean typed_found = typed == NULL || typed[0] == '\0' ||
                         g_strcmp0 (typed, current) == 0;

  g_ptr_array_set_size (self->problem_refs, 0);
  g_ptr_array_add (self->problem_refs, g_strdup (""));
  gtk_string_list_append (labels, C_("linked problem", "None"));

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DeskProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *label = NULL;

      /* Translators: "PRB-000007 · Mail queue stuck". */
      label = g_strdup_printf (_("%s · %s"), problem->reference,
                               problem->title);
      g_ptr_array_add (self->problem_refs, g_strdup (problem->reference));
      gtk_string_list_append (labels, label);
      found |= g_strcmp0 (problem->reference, current) == 0;
      typed_found |= g_strcmp0 (problem->reference, typed) == 0;
    }

  /* A reference the list does not hold stays choosable, so a save
   * never drops it without the user asking.
   */
  if (!found)
    {
      g_ptr_array_add (self->problem_refs, g_strdup (current));
      gtk_string_list_append (labels, current);
    }
  if (!typed_found)
    {
      g_ptr_array_add (self->problem_refs, g_strdup (typed));
      gtk_string_list_append (labels, typed);
    }

  adw_combo_row_set_model (self->problem_row, G_LIST_MODEL (labels));
}

static void
fill_services (DeskIncidentDetail *self,
               GPtrArray          *services)
{
  g_menu_remove_all (self->service_items);

  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      const DeskService *service = g_ptr_array_index (services, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autoptr(GString) label = g_string_new (service->name);

      g_string_replace (label, "_", "__", 0);
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target (item, "detail.pick-service", "s",
                                         service->name);
      g_menu_append_item (self->service_items, item);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->service_menu),
                          services != NULL && services->len > 0);
}

static void
fill_field (DeskIncidentDetail *self,
            DeskField           field,
            const DeskIncident *incident)
{
  GtkWidget *widget = self->field_widget[field];
  g_auto(GStrv) whys = NULL;
  guint n;

  switch (field_kind (field))
    {
    case KIND_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (widget),
                             desk_incident_get_string (incident, field));
      break;

    case KIND_TEXT:
      desk_form_text_view_set (GTK_TEXT_VIEW (widget),
                               desk_incident_get_string (incident, field));
      break;

    case KIND_TIME:
      desk_datetime_row_set_value (DESK_DATETIME_ROW (widget),
                                   desk_incident_get_time (incident, field));
      break;

    case KIND_COMBO:
      adw_combo_row_set_selected (ADW_COMBO_ROW (widget),
                                  combo_index_for (self, field, incident));
      break;

    case KIND_WHYS:
      /* One why a line; lines past the fifth share the last row. */
      whys = g_strsplit (incident->five_whys, "\n", -1);
      n = g_strv_length (whys);
      for (guint i = 0; i < N_WHYS; i++)
        {
          g_autofree char *text = NULL;

          if (i == N_WHYS - 1 && n > N_WHYS)
            text = g_strjoinv (" ", whys + i);
          else
            text = g_strdup (i < n ? whys[i] : "");

          gtk_editable_set_text (GTK_EDITABLE (self->why_rows[i]), text);
          g_free (self->why_texts[i]);
          self->why_texts[i] = g_steal_pointer (&text);
        }
      break;

    case KIND_NONE:
    default:
      break;
    }
}

/* A time row keeps its typed text while its base value changes. */
static void
refill_time_keeping_text (DeskIncidentDetail *self,
                          DeskField           field,
                          const DeskIncident *incident)
{
  DeskDatetimeRow *row = DESK_DATETIME_ROW (self->field_widget[field]);
  g_autofree char *typed = NULL;
  gint64 instant;
  gboolean later = FALSE;

  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (desk_datetime_row_is_ambiguous (row) &&
      desk_datetime_row_get_value (row, &instant, NULL))
    {
      gint64 earlier;

      later = desk_time_parse (typed, self->tz, DESK_FOLD_EARLIER, &earlier,
                               NULL) && earlier != instant;
    }

  desk_datetime_row_set_value (row, desk_incident_get_time (incident, field));
  gtk_editable_set_text (GTK_EDITABLE (row), typed);
  desk_datetime_row_set_later (row, later);
}

static void
update_status_buttons (DeskIncidentDetail *self)
{
  GtkWidget *buttons = GTK_WIDGET (self->status_buttons);
  DeskStatus next[DESK_N_STATUSES];
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (buttons)))
    gtk_flow_box_remove (self->status_buttons, child);

  n = desk_status_next (self->incident->status, next);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button;
      const char *label = desk_status_label (next[i]);

      button = gtk_button_new_with_label (label);
      if (desk_status_is_reopen (self->incident->status, next[i]))
        {
          g_autofree char *reopen = NULL;

          /* Translators: "Reopen as Investigating". */
          reopen = g_strdup_printf (_("Reopen as %s"), label);
          gtk_button_set_label (GTK_BUTTON (button), reopen);
        }
      if (next[i] == DESK_STATUS_RESOLVED || next[i] == DESK_STATUS_CLOSED)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                      "detail.change-status");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        desk_status_to_string (next[i]));
      gtk_flow_box_append (self->status_buttons, button);
    }

  gtk_widget_set_visible (self->status_box, n > 0 && can_edit (self));
}

static const char *
status_class (DeskStatus status)
{
  static const char *classes[] = {
    "status-new", "status-investigating", "status-identified",
    "status-monitoring", "status-on-hold", "status-resolved",
    "status-closed",
  };

  return classes[MIN ((guint) status, DESK_N_STATUSES - 1)];
}

static void
set_badge (GtkLabel   *badge,
           const char *text,
           const char *css_class)
{
  const char *keep[] = { "pill", css_class, NULL };

  gtk_widget_set_css_classes (GTK_WIDGET (badge), keep);
  gtk_label_set_text (badge, text);
}

/* On-hold intervals come from the status entries of the timeline. */
static GArray *
on_hold_intervals (DeskIncidentDetail *self,
                   gint64              now)
{
  GArray *intervals = g_array_new (FALSE, FALSE, sizeof (DeskInterval));
  gint64 start = DESK_TIME_NONE;

  for (guint i = 0; self->timeline != NULL && i < self->timeline->len; i++)
    {
      const DeskTimelineEntry *entry = g_ptr_array_index (self->timeline, i);
      DeskStatus status;

      if (g_strcmp0 (entry->field, "status") != 0 ||
          !desk_status_from_string (entry->new_value, &status))
        continue;

      if (status == DESK_STATUS_ON_HOLD && start == DESK_TIME_NONE)
        start = entry->at;
      else if (status != DESK_STATUS_ON_HOLD && start != DESK_TIME_NONE)
        {
          DeskInterval interval = { start, entry->at };

          g_array_append_val (intervals, interval);
          start = DESK_TIME_NONE;
        }
    }

  if (start != DESK_TIME_NONE && self->incident->status == DESK_STATUS_ON_HOLD)
    {
      DeskInterval interval = { start, now };

      g_array_append_val (intervals, interval);
    }

  return intervals;
}

static void
update_clocks (DeskIncidentDetail *self)
{
  const DeskIncident *incident = self->incident;
  g_autoptr(GArray) on_hold = NULL;
  DeskClock response;
  DeskClock resolution;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (incident == NULL || incident->severity < DESK_SEVERITY_SEV1 ||
      incident->severity > DESK_SEVERITY_SEV4)
    return;

  on_hold = on_hold_intervals (self, now);
  desk_clock_response (incident->detected_at, incident->acknowledged_at, now,
                       self->targets.response[incident->severity], &response);
  desk_clock_resolution (incident->detected_at, incident->resolved_at,
                         on_hold, now,
                         self->targets.resolution[incident->severity],
                         &resolution);

  desk_sla_clock_set_clock (self->response_clock, &response);
  desk_sla_clock_set_clock (self->resolution_clock, &resolution);
}

static gboolean
refresh_clocks (gpointer user_data)
{
  update_clocks (user_data);

  return G_SOURCE_CONTINUE;
}

static void
fill_timeline (DeskIncidentDetail *self)
{
  GtkWidget *list = GTK_WIDGET (self->timeline_list);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)))
    gtk_list_box_remove (self->timeline_list, child);

  for (guint i = 0; self->timeline != NULL && i < self->timeline->len; i++)
    {
      const DeskTimelineEntry *entry = g_ptr_array_index (self->timeline, i);

      gtk_list_box_append (self->timeline_list,
                           desk_timeline_row_new (entry, self->tz));
    }
}

static void
fill_summary (DeskIncidentDetail *self)
{
  const DeskIncident *incident = self->incident;
  g_autofree char *sev_class = g_strdup_printf ("sev%d", incident->severity);
  g_autofree char *summary = NULL;

  gtk_label_set_text (self->reference_label, incident->reference);
  gtk_label_set_text (self->heading_label, incident->title);
  set_badge (self->status_badge, desk_status_label (incident->status),
             status_class (incident->status));
  set_badge (self->severity_badge, desk_severity_label (incident->severity),
             sev_class);
  /* Translators: "INC-000042 · Mail", under the incident's title. */
  summary = g_strdup_printf (_("%s · %s"), incident->reference,
                             incident->service);
  gtk_label_set_text (self->service_label, summary);
}

/* A resolved or closed time belongs to that step of the lifecycle: the
 * status change sets it, and only then may it be corrected here. One
 * already there (imported history) stays editable, so it can be cleared.
 */
static void
limit_lifecycle_time (DeskDatetimeRow *row,
                      gint64           value,
                      gboolean         reached,
                      const char      *why)
{
  gboolean open = reached || value != DESK_TIME_NONE;

  gtk_widget_set_sensitive (GTK_WIDGET (row), open);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), open ? NULL : why);
}

static void
apply_lifecycle_times (DeskIncidentDetail *self)
{
  DeskIncident *incident = self->incident;

  if (incident == NULL)
    return;

  limit_lifecycle_time (self->resolved_row, incident->resolved_at,
                        incident->status >= DESK_STATUS_RESOLVED,
                        _("Set when the incident is resolved."));
  limit_lifecycle_time (self->closed_row, incident->closed_at,
                        incident->status == DESK_STATUS_CLOSED,
                        _("Set when the incident is closed."));
}

static void
apply_read_only (DeskIncidentDetail *self)
{
  gboolean editable = can_edit (self);
  GtkTextView *views[] = {
    self->description_view, self->root_cause_view, self->workaround_view,
    self->resolution_view,
  };

  gtk_widget_set_visible (self->viewer_banner,
                          self->store != NULL &&
                          desk_store_is_read_only (self->store));
  gtk_widget_set_visible (self->save_button, self->store == NULL ||
                          !desk_store_is_read_only (self->store));

  gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->times_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->whys_group), editable);
  apply_lifecycle_times (self);

  /* Text stays readable and selectable, only not editable. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_text_view_set_editable (views[i], editable);
      gtk_text_view_set_cursor_visible (views[i], editable);
    }
}

/* Shows @incident; a field flagged in @keep keeps what the user typed
 * and only the others take the new values.
 */
static void
fill_form (DeskIncidentDetail *self,
           DeskIncident       *incident,
           const gboolean     *keep)
{
  g_clear_pointer (&self->incident, desk_incident_unref);
  self->incident = desk_incident_ref (incident);

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (editable_fields); i++)
    {
      DeskField field = editable_fields[i];

      if (keep == NULL || !keep[field])
        fill_field (self, field, incident);
      else if (field == DESK_FIELD_PROBLEM)
        continue;
      else if (field_kind (field) == KIND_TIME)
        refill_time_keeping_text (self, field, incident);
      else if (field_kind (field) == KIND_WHYS)
        {
          g_auto(GStrv) typed = g_new0 (char *, N_WHYS + 1);

          for (guint w = 0; w < N_WHYS; w++)
            typed[w] = g_strdup (gtk_editable_get_text (
                                   GTK_EDITABLE (self->why_rows[w])));
          fill_field (self, field, incident);
          for (guint w = 0; w < N_WHYS; w++)
            gtk_editable_set_text (GTK_EDITABLE (self->why_rows[w]), typed[w]);
        }
    }
  self->filling = FALSE;

  fill_summary (self);
  fill_timeline (self);
  update_status_buttons (self);
  update_clocks (self);
  apply_read_only (self);
  validate (self);
}

/* Loading */

typedef struct
{
  DeskStore    *store;
  gint64        id;
  gboolean      keep_typed;
  DeskIncident *incident;
  GPtrArray    *timeline;
  GPtrArray    *problems;
  GPtrArray    *services;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load_data = data;

  g_clear_object (&load_data->store);
  g_clear_pointer (&load_data->incident, desk_incident_unref);
  g_clear_pointer (&load_data->timeline, g_ptr_array_unref);
  g_clear_pointer (&load_data->problems, g_ptr_array_unref);
  g_clear_pointer (&load_data->services, g_ptr_array_unref);
  g_free (load_data);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) list_error = NULL;
  GError *error = NULL;

  data->incident = desk_store_get_incident (data->store, data->id, &error);
  if (data->incident == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->timeline = desk_store_list_timeline (data->store, data->id, &error);
  if (data->timeline == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Without the problem or service lists the page still works. */
  data->problems = desk_store_list_problems (data->store, &list_error);
  if (data->problems == NULL)
    g_warning ("Could not list problems: %s", list_error->message);
  g_clear_error (&list_error);

  data->services = desk_store_list_services (data->store, &list_error);
  if (data->services == NULL)
    g_warning ("Could not list services: %s", list_error->message);

  g_task_return_boolean (task, TRUE);
}

static void
set_busy (DeskIncidentDetail *self,
          gboolean            busy)
{
  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *typed_problem = NULL;
  g_autofree char *description = NULL;
  gboolean keep[DESK_N_FIELDS] = { FALSE, };
  guint selected;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          self->disposed)
        return;

      g_warning ("Could not open incident %" G_GINT64_FORMAT ": %s",
                 data->id, error->message);
      set_busy (self, FALSE);
      gtk_spinner_stop (self->loading_spinner);
      /* The status page reads its description as markup. */
      description = g_markup_escape_text (error->domain == DESK_ERROR ?
                                          error->message :
                                          _("The database could not be read."),
                                          -1);
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (self->disposed)
    return;

  set_busy (self, FALSE);
  gtk_spinner_stop (self->loading_spinner);

  g_clear_pointer (&self->timeline, g_ptr_array_unref);
  self->timeline = g_steal_pointer (&data->timeline);

  /* What was typed is measured against the old base, before anything
   * is replaced.
   */
  for (guint i = 0; data->keep_typed && i < G_N_ELEMENTS (editable_fields);
       i++)
    keep[editable_fields[i]] = field_changed (self, editable_fields[i]);

  selected = adw_combo_row_get_selected (self->problem_row);
  if (keep[DESK_FIELD_PROBLEM] && selected < self->problem_refs->len)
    typed_problem = g_strdup (g_ptr_array_index (self->problem_refs,
                                                 selected));

  self->filling = TRUE;
  fill_problems (self, data->problems, data->incident->problem,
                 typed_problem);
  fill_services (self, data->services);
  self->filling = FALSE;

  if (!data->keep_typed)
    set_banner (self, NULL);
  fill_form (self, data->incident, keep);

  if (typed_problem != NULL)
    {
      for (guint i = 0; i < self->problem_refs->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->problem_refs, i),
                       typed_problem) == 0)
          adw_combo_row_set_selected (self->problem_row, i);
    }
  gtk_stack_set_visible_child_name (self->stack, "incident");
}

static void
load (DeskIncidentDetail *self,
      gboolean            keep_typed)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->store == NULL || self->incident_id <= 0)
    {
      g_clear_pointer (&self->incident, desk_incident_unref);
      gtk_label_set_text (self->reference_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_busy (self, FALSE);
      update_actions (self);
      return;
    }

  /* Another incident, or a plain reload: what was typed goes. */
  if (self->incident == NULL || self->incident->id != self->incident_id)
    {
      keep_typed = FALSE;
      g_clear_pointer (&self->incident, desk_incident_unref);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->loading_spinner);
    }

  self->load_cancellable = g_cancellable_new ();
  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (self->store);
  data->id = self->incident_id;
  data->keep_typed = keep_typed;

  set_busy (self, TRUE);
  task = g_task_new (self, self->load_cancellable, on_loaded, NULL);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, data, load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_in_thread);
}

/* Saving and status changes */

typedef struct
{
  DeskStore    *store;
  DeskIncident *incident;
  gboolean      change_status;
  DeskStatus    to;
  char         *text;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write_data = data;

  g_clear_object (&write_data->store);
  g_clear_pointer (&write_data->incident, desk_incident_unref);
  g_free (write_data->text);
  g_free (write_data);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->change_status)
    ok = desk_store_change_status (data->store, data->incident, data->to,
                                   data->text, &error);
  else
    ok = desk_store_update_incident (data->store, data->incident, &error);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
toast (DeskIncidentDetail *self,
       const char         *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
on_conflict_response (AdwMessageDialog   *dialog,
                      const char         *response,
                      DeskIncidentDetail *self)
{
  if (g_strcmp0 (response, "reload") == 0)
    {
      set_banner (self, NULL);
      g_clear_pointer (&self->incident, desk_incident_unref);
      load (self, FALSE);
      return;
    }

  set_banner (self, _("Their changes are now in the form and what you typed "
                      "is kept. Save again to store your changes."));
  load (self, TRUE);
}

static void
show_conflict (DeskIncidentDetail *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Translators: %s is a reference such as INC-000042. */
  heading = g_strdup_printf (_("Someone else changed %s since you opened it"),
                             self->incident->reference);
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            heading,
                            _("Reload to see their version and discard your "
                              "changes, or keep editing: their other changes "
                              "come in, what you typed stays, and you save "
                              "again.")));
  adw_message_dialog_add_responses (dialog,
                                    "reload", _("_Reload and Discard Mine"),
                                    "keep", _("_Keep Editing"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "keep",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_conflict_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (object);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->disposed)
    return;

  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Could not save %s: %s", data->incident->reference,
                 error->message);

      self->back_after_save = FALSE;

      if (g_error_matches (error, DESK_ERROR, DESK_ERROR_CONFLICT))
        show_conflict (self);
      else if (error->domain == DESK_ERROR)
        set_banner (self, error->message);
      else
        set_banner (self, _("The incident could not be saved. What you "
                            "typed is still here; try again."));
      return;
    }

  set_banner (self, NULL);
  if (self->back_after_save && !data->change_status)
    {
      self->back_after_save = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
    }

  if (data->change_status)
    /* Translators: "INC-000042 is now Resolved". */
    message = g_strdup_printf (_("%s is now %s"), data->incident->reference,
                               desk_status_label (data->to));
  else
    /* Translators: "Incident INC-000042 saved". */
    message = g_strdup_printf (_("Incident %s saved"),
                               data->incident->reference);
  toast (self, message);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);

  load (self, TRUE);
}

static void
start_write (DeskIncidentDetail *self,
             WriteData          *data)
{
  g_autoptr(GTask) task = NULL;

  data->store = g_object_ref (self->store);
  set_busy (self, TRUE);

  task = g_task_new (self, NULL, on_written, NULL);
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, data, write_data_free);
  g_task_run_in_thread (task, write_in_thread);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (widget);
  char *messages[DESK_N_FIELDS] = { NULL, };
  DeskIncident *incident;
  WriteData *data;

  validate (self);
  if (!can_edit (self) || !self->dirty || !self->valid || self->busy)
    return;

  incident = build_incident (self, messages);
  for (guint i = 0; i < DESK_N_FIELDS; i++)
    g_free (messages[i]);
  g_return_if_fail (incident != NULL);

  data = g_new0 (WriteData, 1);
  data->incident = incident;
  start_write (self, data);
}

static void
change_status (DeskIncidentDetail *self,
               DeskStatus          to,
               const char         *text)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->incident = desk_incident_copy (self->incident);
  data->change_status = TRUE;
  data->to = to;
  data->text = g_strdup (text);
  start_write (self, data);
}

static void
on_status_dialog_response (DeskStatusDialog   *dialog,
                           const char         *response,
                           DeskIncidentDetail *self)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "apply") != 0 || self->incident == NULL)
    return;

  text = desk_status_dialog_dup_text (dialog);
  if (text[0] == '\0')
    return;

  change_status (self, desk_status_dialog_get_target (dialog), text);
}

static void
change_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (widget);
  DeskStatus from;
  DeskStatus to;
  g_autofree char *initial = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (!can_edit (self) || self->busy ||
      !desk_status_from_string (g_variant_get_string (parameter, NULL), &to))
    return;

  from = self->incident->status;
  if (!desk_status_can_move (from, to))
    return;

  /* What the form holds, typed or stored, is offered as the text. */
  if (desk_status_is_reopen (from, to))
    initial = NULL;
  else if (to == DESK_STATUS_RESOLVED)
    initial = widget_text (self, DESK_FIELD_RESOLUTION);
  else if (to == DESK_STATUS_CLOSED && is_blank (self->incident->root_cause))
    initial = widget_text (self, DESK_FIELD_ROOT_CAUSE);
  else
    {
      change_status (self, to, NULL);
      return;
    }

  root = gtk_widget_get_root (widget);
  dialog = desk_status_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) :
                                   NULL,
                                   self->incident->reference, from, to,
                                   initial);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_status_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_leave_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   DeskIncidentDetail *self)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      self->back_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "detail.save", NULL);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      g_autoptr(DeskIncident) base = desk_incident_ref (self->incident);

      set_banner (self, NULL);
      fill_form (self, base, NULL);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
    }
}

/* Leaving the page with unsaved changes asks first. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (widget);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  GtkRoot *root;

  validate (self);
  if (!can_edit (self) || !self->dirty)
    {
      gtk_widget_activate_action (widget, "win.back", NULL);
      return;
    }

  root = gtk_widget_get_root (widget);
  /* Translators: %s is a reference such as INC-000042. */
  body = g_strdup_printf (_("The changes to %s have not been saved."),
                          self->incident->reference);
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            _("Save Your Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  if (self->valid && !self->busy)
    {
      adw_message_dialog_add_response (dialog, "save", _("_Save"));
      adw_message_dialog_set_response_appearance (dialog, "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_leave_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  load (DESK_INCIDENT_DETAIL (widget), TRUE);
}

static void
pick_service_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->service_row),
                         g_variant_get_string (parameter, NULL));
}

/* Set-up */

static void
on_field_changed (DeskIncidentDetail *self)
{
  validate (self);
}

static void
connect_fields (DeskIncidentDetail *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (editable_fields); i++)
    {
      DeskField field = editable_fields[i];
      GtkWidget *widget = self->field_widget[field];

      switch (field_kind (field))
        {
        case KIND_ENTRY:
          g_signal_connect_swapped (widget, "changed",
                                    G_CALLBACK (on_field_changed), self);
          break;

        case KIND_TEXT:
          desk_form_text_view_setup (GTK_TEXT_VIEW (widget));
          g_signal_connect_swapped (gtk_text_view_get_buffer (
                                      GTK_TEXT_VIEW (widget)),
                                    "changed",
                                    G_CALLBACK (on_field_changed), self);
          break;

        case KIND_TIME:
          g_signal_connect_swapped (widget, "value-changed",
                                    G_CALLBACK (on_field_changed), self);
          break;

        case KIND_COMBO:
          g_signal_connect_swapped (widget, "notify::selected",
                                    G_CALLBACK (on_field_changed), self);
          break;

        case KIND_WHYS:
          for (guint w = 0; w < N_WHYS; w++)
            g_signal_connect_swapped (self->why_rows[w], "changed",
                                      G_CALLBACK (on_field_changed), self);
          break;

        case KIND_NONE:
        default:
          break;
        }
    }
}

static void
map_fields (DeskIncidentDetail *self)
{
  DeskDatetimeRow *times[] = {
    self->detected_row, self->acknowledged_row, self->impact_start_row,
    self->impact_end_row, self->resolved_row, self->closed_row,
  };
  GtkWidget *time_captions[] = {
    self->detected_caption, self->acknowledged_caption,
    self->impact_start_caption, self->impact_end_caption,
    self->resolved_caption, self->closed_caption,
  };

#define MAP(field, widget, caption) \
  G_STMT_START { \
    self->field_widget[field] = GTK_WIDGET (widget); \
    self->field_caption[field] = caption; \
  } G_STMT_END

  MAP (DESK_FIELD_TITLE, self->title_row, self->title_caption);
  MAP (DESK_FIELD_SERVICE, self->service_row, self->service_caption);
  MAP (DESK_FIELD_SEVERITY, self->severity_row, NULL);
  MAP (DESK_FIELD_IMPACT, self->impact_row, NULL);
  MAP (DESK_FIELD_ASSIGNEE, self->assignee_row, self->assignee_caption);
  MAP (DESK_FIELD_REPORTER, self->reporter_row, self->reporter_caption);
  MAP (DESK_FIELD_PROBLEM, self->problem_row, self->problem_caption);
  MAP (DESK_FIELD_DESCRIPTION, self->description_view,
       self->description_caption);
  MAP (DESK_FIELD_ROOT_CAUSE, self->root_cause_view,
       self->root_cause_caption);
  MAP (DESK_FIELD_FIVE_WHYS, self->why_rows[0], self->whys_caption);
  MAP (DESK_FIELD_FACTOR, self->factor_row, NULL);
  MAP (DESK_FIELD_WORKAROUND, self->workaround_view,
       self->workaround_caption);
  MAP (DESK_FIELD_RESOLUTION, self->resolution_view,
       self->resolution_caption);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    MAP (DESK_FIELD_DETECTED_AT + i, times[i], time_captions[i]);

#undef MAP
}

static void
fill_choices (DeskIncidentDetail *self)
{
  const char *severities[DESK_N_SEVERITIES + 1] = { NULL, };
  const char *impacts[DESK_N_IMPACTS + 1] = { NULL, };
  const char *factors[DESK_N_FACTORS + 1] = { NULL, };

  for (guint i = 0; i < DESK_N_SEVERITIES; i++)
    severities[i] = desk_severity_label (DESK_SEVERITY_SEV1 + i);
  for (guint i = 0; i < DESK_N_IMPACTS; i++)
    impacts[i] = desk_impact_label ((DeskImpact) i);
  for (guint i = 0; i < DESK_N_FACTORS; i++)
    factors[i] = desk_factor_label ((DeskFactor) i);

  set_combo_strings (self->severity_row, severities);
  set_combo_strings (self->impact_row, impacts);
  set_combo_strings (self->factor_row, factors);
  fill_problems (self, NULL, NULL, NULL);
}

static void setup_time_zone (DeskIncidentDetail *self);

static void
on_settings_changed (DeskIncidentDetail *self,
                     const char         *key)
{
  if (g_strcmp0 (key, "time-zone") == 0)
    {
      g_clear_pointer (&self->tz, g_time_zone_unref);
      self->tz = desk_form_time_zone ();
      setup_time_zone (self);
      load (self, TRUE);
    }
  else if (g_strcmp0 (key, "response-targets") == 0 ||
           g_strcmp0 (key, "resolution-targets") == 0)
    {
      desk_form_sla_targets (&self->targets);
      update_clocks (self);
    }
}

static void
setup_time_zone (DeskIncidentDetail *self)
{
  g_autofree char *description = NULL;
  DeskDatetimeRow *times[] = {
    self->detected_row, self->acknowledged_row, self->impact_start_row,
    self->impact_end_row, self->resolved_row, self->closed_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    desk_datetime_row_set_time_zone (times[i], self->tz);

  /* Translators: %s is a time zone such as "Asia/Jakarta". */
  description = g_strdup_printf (_("Times are in %s, written as "
                                   "2025-03-09 14:05. Leave impact start or "
                                   "end empty to use the detected and "
                                   "resolved times."),
                                 g_time_zone_get_identifier (self->tz));
  adw_preferences_group_set_description (self->times_group, description);
}

static void
desk_incident_detail_dispose (GObject *object)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_INCIDENT_DETAIL);
  g_clear_object (&self->store);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->service_items);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_incident_detail_parent_class)->dispose (object);
}

static void
desk_incident_detail_finalize (GObject *object)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (object);

  g_clear_pointer (&self->incident, desk_incident_unref);
  g_clear_pointer (&self->timeline, g_ptr_array_unref);
  g_clear_pointer (&self->problem_refs, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  for (guint i = 0; i < N_WHYS; i++)
    g_free (self->why_texts[i]);

  G_OBJECT_CLASS (desk_incident_detail_parent_class)->finalize (object);
}

static void
desk_incident_detail_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_INCIDENT_ID:
      g_value_set_int64 (value, self->incident_id);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_detail_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_incident_detail_set_store (self, g_value_get_object (value));
      break;

    case PROP_INCIDENT_ID:
      desk_incident_detail_set_incident_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_detail_class_init (DeskIncidentDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_incident_detail_dispose;
  object_class->finalize = desk_incident_detail_finalize;
  object_class->get_property = desk_incident_detail_get_property;
  object_class->set_property = desk_incident_detail_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INCIDENT_ID] =
    g_param_spec_int64 ("incident-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_CAPTION_ROW);
  g_type_ensure (DESK_TYPE_DATETIME_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/example/IncidentDesk/desk-incident-detail.ui");

#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentDetail, name)
#define BIND_WHY(i) \
  gtk_widget_class_bind_template_child_full (widget_class, "why" #i "_row", \
    FALSE, G_STRUCT_OFFSET (DeskIncidentDetail, why_rows[i - 1]))

  BIND (reference_label);
  BIND (save_button);
  BIND (spinner);
  BIND (viewer_banner);
  BIND (stack);
  BIND (loading_spinner);
  BIND (error_page);
  BIND (form_box);
  BIND (error_banner);
  BIND (error_label);
  BIND (heading_label);
  BIND (status_badge);
  BIND (severity_badge);
  BIND (service_label);
  BIND (status_box);
  BIND (status_buttons);
  BIND (clock_box);
  BIND (details_group);
  BIND (times_group);
  BIND (whys_group);
  BIND (title_row);
  BIND (title_caption);
  BIND (service_row);
  BIND (service_menu);
  BIND (service_caption);
  BIND (severity_row);
  BIND (impact_row);
  BIND (assignee_row);
  BIND (assignee_caption);
  BIND (reporter_row);
  BIND (reporter_caption);
  BIND (problem_row);
  BIND (problem_caption);
  BIND (detected_row);
  BIND (detected_caption);
  BIND (acknowledged_row);
  BIND (acknowledged_caption);
  BIND (impact_start_row);
  BIND (impact_start_caption);
  BIND (impact_end_row);
  BIND (impact_end_caption);
  BIND (resolved_row);
  BIND (resolved_caption);
  BIND (closed_row);
  BIND (closed_caption);
  BIND (description_view);
  BIND (description_caption);
  BIND (root_cause_view);
  BIND (root_cause_caption);
  BIND_WHY (1);
  BIND_WHY (2);
  BIND_WHY (3);
  BIND_WHY (4);
  BIND_WHY (5);
  BIND (whys_caption);
  BIND (factor_row);
  BIND (workaround_view);
  BIND (workaround_caption);
  BIND (resolution_view);
  BIND (resolution_caption);
  BIND (timeline_list);

#undef BIND
#undef BIND_WHY

  gtk_widget_class_install_action (widget_class, "detail.save", NULL,
                                   save_action);
  gtk_widget_class_install_action (widget_class, "detail.change-status", "s",
                                   change_status_action);
  gtk_widget_class_install_action (widget_class, "detail.reload", NULL,
                                   reload_action);
  gtk_widget_class_install_action (widget_class, "detail.back", NULL,
                                   back_action);
  gtk_widget_class_install_action (widget_class, "detail.pick-service", "s",
                                   pick_service_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK, "detail.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left,
                                       GDK_ALT_MASK, "detail.back", NULL);
}

static void
desk_incident_detail_init (DeskIncidentDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->problem_refs = g_ptr_array_new_with_free_func (g_free);
  self->service_items = g_menu_new ();
  self->tz = desk_form_time_zone ();
  desk_form_sla_targets (&self->targets);
  for (guint i = 0; i < N_WHYS; i++)
    self->why_texts[i] = g_strdup ("");

  gtk_menu_button_set_menu_model (self->service_menu,
                                  G_MENU_MODEL (self->service_items));
  gtk_widget_set_visible (GTK_WIDGET (self->service_menu), FALSE);

  self->response_clock = DESK_SLA_CLOCK (desk_sla_clock_new (_("Response")));
  self->resolution_clock =
    DESK_SLA_CLOCK (desk_sla_clock_new (_("Resolution")));
  gtk_flow_box_append (self->clock_box, GTK_WIDGET (self->response_clock));
  gtk_flow_box_append (self->clock_box, GTK_WIDGET (self->resolution_clock));

  map_fields (self);
  fill_choices (self);
  setup_time_zone (self);
  connect_fields (self);

  self->settings = desk_form_settings ();
  if (self->settings != NULL)
    {
      g_autofree char *zone = NULL;

      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (on_settings_changed), self,
                               G_CONNECT_SWAPPED);
      /* Some backends only report changes of keys read once. */
      zone = g_settings_get_string (self->settings, "time-zone");
      g_variant_unref (g_settings_get_value (self->settings,
                                             "response-targets"));
      g_variant_unref (g_settings_get_value (self->settings,
                                             "resolution-targets"));
    }

  self->clock_source = g_timeout_add_seconds (CLOCK_REFRESH_SECONDS,
                                              refresh_clocks, self);
  update_actions (self);
}

GtkWidget *
desk_incident_detail_new (void)
{
  return g_object_new (DESK_TYPE_INCIDENT_DETAIL, NULL);
}

DeskStore *
desk_incident_detail_get_store (DeskIncidentDetail *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_DETAIL (self), NULL);

  return self->store;
}

void
desk_incident_detail_set_store (DeskIncidentDetail *self,
                                DeskStore          *store)
{
  g_return_if_fail (DESK_IS_INCIDENT_DETAIL (self));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_pointer (&self->incident, desk_incident_unref);
  load (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gint64
desk_incident_detail_get_incident_id (DeskIncidentDetail *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_DETAIL (self), 0);

  return self->incident_id;
}

void
desk_incident_detail_set_incident_id (DeskIncidentDetail *self,
                                      gint64              id)
{
  gboolean same;

  g_return_if_fail (DESK_IS_INCIDENT_DETAIL (self));

  same = self->incident_id == id;
  self->incident_id = id;

  /* Showing the same incident again refreshes it and keeps any edits. */
  load (self, TRUE);

  if (!same)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_ID]);
}

void
desk_incident_detail_reload (DeskIncidentDetail *self)
{
  g_return_if_fail (DESK_IS_INCIDENT_DETAIL (self));

  load (self, TRUE);
}

void
desk_incident_detail_set_compact (DeskIncidentDetail *self,
                                  gboolean            compact)
{
  g_return_if_fail (DESK_IS_INCIDENT_DETAIL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->reference_label), !compact);
}
