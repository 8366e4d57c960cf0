/* desk-incident-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-incident-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-caption-row.h"
#include "desk-datetime-row.h"
#include "desk-error.h"
#include "desk-form.h"
#include "desk-incident-editor.h"

typedef enum
{
  URGENCY_HIGH,
  URGENCY_MEDIUM,
  URGENCY_LOW,
  N_URGENCIES
} Urgency;

struct _DeskIncidentEditor
{
  AdwWindow        parent_instance;

  DeskStore       *store;
  GTimeZone       *tz;
  GCancellable    *cancellable;
  GMenu           *service_items;

  gboolean         touched[DESK_N_FIELDS];
  gboolean         show_all_errors;
  gboolean         valid;
  gboolean         saving;
  gboolean         closing;
  gint64           initial_detected;

  /* template widgets */
  GtkWidget       *error_banner;
  GtkLabel        *error_label;
  AdwEntryRow     *title_row;
  GtkWidget       *title_caption;
  AdwEntryRow     *service_row;
  GtkMenuButton   *service_menu;
  GtkWidget       *service_caption;
  DeskDatetimeRow *detected_row;
  GtkWidget       *detected_caption;
  AdwEntryRow     *assignee_row;
  GtkWidget       *assignee_caption;
  AdwComboRow     *impact_row;
  AdwComboRow     *urgency_row;
  AdwActionRow    *suggestion_row;
  AdwComboRow     *severity_row;
  GtkTextView     *description_view;
  GtkLabel        *description_caption;
  GtkLabel        *reason_label;
  GtkSpinner      *spinner;
  GtkWidget       *save_button;
  GtkWidget       *form_box;
};

G_DEFINE_FINAL_TYPE (DeskIncidentEditor, desk_incident_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Impact × urgency → severity, in the spirit of the ITIL priority
 * matrix: an outage that cannot wait is critical, nothing urgent that
 * harms no one is low.
 */
static const DeskSeverity suggestions[DESK_N_IMPACTS][N_URGENCIES] = {
  [DESK_IMPACT_OUTAGE] = { DESK_SEVERITY_SEV1, DESK_SEVERITY_SEV2,
                           DESK_SEVERITY_SEV3 },
  [DESK_IMPACT_DEGRADED] = { DESK_SEVERITY_SEV2, DESK_SEVERITY_SEV3,
                             DESK_SEVERITY_SEV4 },
  [DESK_IMPACT_NONE] = { DESK_SEVERITY_SEV3, DESK_SEVERITY_SEV4,
                         DESK_SEVERITY_SEV4 },
};

static DeskSeverity
selected_severity (DeskIncidentEditor *self)
{
  return DESK_SEVERITY_SEV1 + adw_combo_row_get_selected (self->severity_row);
}

static DeskImpact
selected_impact (DeskIncidentEditor *self)
{
  return (DeskImpact) adw_combo_row_get_selected (self->impact_row);
}

static DeskSeverity
suggested_severity (DeskIncidentEditor *self)
{
  guint urgency = adw_combo_row_get_selected (self->urgency_row);

  return suggestions[selected_impact (self)][MIN (urgency, URGENCY_LOW)];
}

static void
update_suggestion (DeskIncidentEditor *self)
{
  const char *impact = desk_impact_label (selected_impact (self));
  DeskSeverity severity = suggested_severity (self);
  const char *severity_label = desk_severity_label (severity);
  g_autofree char *sentence = NULL;

  switch ((Urgency) adw_combo_row_get_selected (self->urgency_row))
    {
    case URGENCY_HIGH:
      /* Translators: "Outage with high urgency: SEV1 Critical". */
      sentence = g_strdup_printf (_("%s with high urgency: %s"),
                                  impact, severity_label);
      break;

    case URGENCY_MEDIUM:
      sentence = g_strdup_printf (_("%s with medium urgency: %s"),
                                  impact, severity_label);
      break;

    case URGENCY_LOW:
    case N_URGENCIES:
    default:
      sentence = g_strdup_printf (_("%s with low urgency: %s"),
                                  impact, severity_label);
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row),
                                 sentence);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.apply-suggestion",
                                 severity != selected_severity (self));
}

static char *
editable_text (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));

  return g_strstrip (g_strdup (text));
}

/* The incident as typed; FALSE with the field at fault and a message
 * when the detected time cannot be read.
 */
static DeskIncident *
build_incident (DeskIncidentEditor  *self,
                DeskField           *out_field,
                GError             **error)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autofree char *title = editable_text (self->title_row);
  g_autofree char *service = editable_text (self->service_row);
  g_autofree char *assignee = editable_text (self->assignee_row);
  g_autofree char *description = NULL;
  gint64 detected;

  description = desk_form_text_view_get (self->description_view);

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, service);
  desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, assignee);
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, description);
  if (self->store != NULL)
    desk_incident_set_string (incident, DESK_FIELD_REPORTER,
                              desk_store_get_actor (self->store));
  incident->severity = selected_severity (self);
  incident->impact = selected_impact (self);
  incident->status = DESK_STATUS_NEW;

  if (!desk_datetime_row_get_value (self->detected_row, &detected, error))
    {
      *out_field = DESK_FIELD_DETECTED_AT;
      return NULL;
    }
  desk_incident_set_time (incident, DESK_FIELD_DETECTED_AT, detected);

  return g_steal_pointer (&incident);
}

static void
field_widgets (DeskIncidentEditor *self,
               DeskField           field,
               GtkWidget         **row,
               GtkWidget         **caption)
{
  *row = NULL;
  *caption = NULL;

  switch (field)
    {
    case DESK_FIELD_TITLE:
      *row = GTK_WIDGET (self->title_row);
      *caption = self->title_caption;
      break;

    case DESK_FIELD_SERVICE:
      *row = GTK_WIDGET (self->service_row);
      *caption = self->service_caption;
      break;

    case DESK_FIELD_DETECTED_AT:
      *row = GTK_WIDGET (self->detected_row);
      *caption = self->detected_caption;
      break;

    case DESK_FIELD_ASSIGNEE:
    case DESK_FIELD_REPORTER:
      *row = GTK_WIDGET (self->assignee_row);
      *caption = self->assignee_caption;
      break;

    case DESK_FIELD_NONE:
    case DESK_FIELD_REFERENCE:
    case DESK_FIELD_SEVERITY:
    case DESK_FIELD_IMPACT:
    case DESK_FIELD_STATUS:
    case DESK_FIELD_DESCRIPTION:
    case DESK_FIELD_ACKNOWLEDGED_AT:
    case DESK_FIELD_IMPACT_START:
    case DESK_FIELD_IMPACT_END:
    case DESK_FIELD_RESOLVED_AT:
    case DESK_FIELD_CLOSED_AT:
    case DESK_FIELD_ROOT_CAUSE:
    case DESK_FIELD_FIVE_WHYS:
    case DESK_FIELD_FACTOR:
    case DESK_FIELD_WORKAROUND:
    case DESK_FIELD_RESOLUTION:
    case DESK_FIELD_PROBLEM:
    default:
      break;
    }
}

static char *
reason_for (DeskField           field,
            const DeskIncident *incident)
{
  switch (field)
    {
    case DESK_FIELD_TITLE:
      if (incident == NULL || incident->title[0] == '\0')
        return g_strdup (_("Add a title to save"));
      return g_strdup (_("Correct the title to save"));

    case DESK_FIELD_SERVICE:
      if (incident == NULL || incident->service[0] == '\0')
        return g_strdup (_("Add a service to save"));
      return g_strdup (_("Correct the service to save"));

    case DESK_FIELD_DETECTED_AT:
      return g_strdup (_("Correct the detected time to save"));

    case DESK_FIELD_NONE:
    case DESK_FIELD_REFERENCE:
    case DESK_FIELD_SEVERITY:
    case DESK_FIELD_IMPACT:
    case DESK_FIELD_STATUS:
    case DESK_FIELD_DESCRIPTION:
    case DESK_FIELD_ASSIGNEE:
    case DESK_FIELD_REPORTER:
    case DESK_FIELD_ACKNOWLEDGED_AT:
    case DESK_FIELD_IMPACT_START:
    case DESK_FIELD_IMPACT_END:
    case DESK_FIELD_RESOLVED_AT:
    case DESK_FIELD_CLOSED_AT:
    case DESK_FIELD_ROOT_CAUSE:
    case DESK_FIELD_FIVE_WHYS:
    case DESK_FIELD_FACTOR:
    case DESK_FIELD_WORKAROUND:
    case DESK_FIELD_RESOLUTION:
    case DESK_FIELD_PROBLEM:
    default:
      /* Translators: %s is a field name such as "Description". */
      return g_strdup_printf (_("Correct the field “%s” to save"),
                              desk_field_label (field));
    }
}

static void
clear_errors (DeskIncidentEditor *self)
{
  desk_form_set_row_error (GTK_WIDGET (self->title_row),
                           self->title_caption, NULL);
  desk_form_set_row_error (GTK_WIDGET (self->service_row),
                           self->service_caption, NULL);
  desk_form_set_row_error (GTK_WIDGET (self->detected_row),
                           self->detected_caption, NULL);
  desk_form_set_row_error (GTK_WIDGET (self->assignee_row),
                           self->assignee_caption, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->description_caption), FALSE);
}

static void
show_error (DeskIncidentEditor *self,
            DeskField           field,
            const char         *message)
{
  GtkWidget *row;
  GtkWidget *caption;

  if (!self->show_all_errors && !self->touched[field])
    return;

  if (field == DESK_FIELD_DESCRIPTION)
    {
      gtk_label_set_text (self->description_caption, message);
      gtk_widget_set_visible (GTK_WIDGET (self->description_caption), TRUE);
      return;
    }

  field_widgets (self, field, &row, &caption);
  if (row != NULL)
    desk_form_set_row_error (row, caption, message);
}

/* Recomputes everything that depends on what was typed: the errors
 * beside the fields, the reason beside Save, and whether Save works.
 */
static void
validate (DeskIncidentEditor *self)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  DeskField field = DESK_FIELD_NONE;

  clear_errors (self);

  incident = build_incident (self, &field, &error);
  if (incident != NULL)
    desk_incident_validate (incident, &field, &error);

  if (error != NULL)
    show_error (self, field, error->message);

  if (self->store == NULL)
    reason = g_strdup (_("No database is open, so nothing can be saved"));
  else if (desk_store_is_read_only (self->store))
    reason = g_strdup (_("The database is open in viewer mode, so nothing "
                         "can be saved"));
  else if (error != NULL)
    reason = reason_for (field, incident);
  else if (self->saving)
    reason = g_strdup (_("Saving…"));

  self->valid = error == NULL;
  gtk_label_set_text (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 reason == NULL);
}

static gboolean
has_typed_text (DeskIncidentEditor *self)
{
  g_autofree char *description = NULL;

  description = desk_form_text_view_get (self->description_view);

  return gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] != '\0' ||
         gtk_editable_get_text (GTK_EDITABLE (self->service_row))[0] != '\0' ||
         gtk_editable_get_text (GTK_EDITABLE (self->assignee_row))[0] != '\0' ||
         description[0] != '\0' ||
         desk_datetime_row_is_changed (self->detected_row);
}

static void
set_banner (DeskIncidentEditor *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_banner, message != NULL);
}

/* Nothing can be typed while a save runs, or into a viewer. */
static void
update_sensitivity (DeskIncidentEditor *self)
{
  gboolean viewer = self->store != NULL &&
                    desk_store_is_read_only (self->store);

  gtk_widget_set_sensitive (self->form_box, !self->saving && !viewer);
}

/* Saving */

static void
create_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DeskIncidentEditor *self = source_object;
  DeskIncident *incident = task_data;
  GError *error = NULL;

  if (!desk_store_create_incident (self->store, incident, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, incident->id);
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (object);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->saving = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_sensitivity (self);

  id = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      g_warning ("Could not create the incident: %s", error->message);

      if (error->domain == DESK_ERROR)
        set_banner (self, error->message);
      else
        set_banner (self, _("The incident could not be saved. What you "
                            "typed is still here; try again."));
      validate (self);
      return;
    }

  g_debug ("Created incident %" G_GINT64_FORMAT, id);
  self->closing = TRUE;
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (widget);
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GTask) task = NULL;
  DeskField field = DESK_FIELD_NONE;

  self->show_all_errors = TRUE;
  validate (self);
  if (!self->valid || self->saving || self->store == NULL)
    return;

  incident = build_incident (self, &field, NULL);
  g_return_if_fail (incident != NULL);

  self->saving = TRUE;
  set_banner (self, NULL);
  update_sensitivity (self);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  validate (self);

  task = g_task_new (self, self->cancellable, on_created, NULL);
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, g_steal_pointer (&incident),
                        (GDestroyNotify) desk_incident_unref);
  g_task_run_in_thread (task, create_in_thread);
}

static void
apply_suggestion_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (widget);

  adw_combo_row_set_selected (self->severity_row,
                              suggested_severity (self) - DESK_SEVERITY_SEV1);
}

static void
pick_service_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->service_row),
                         g_variant_get_string (parameter, NULL));
}

/* Known services, for the menu beside the service entry */

static void
list_services_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  DeskStore *store = task_data;
  GError *error = NULL;
  GPtrArray *services;

  services = desk_store_list_services (store, &error);
  if (services == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, services,
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
on_services_listed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (object);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;

  services = g_task_propagate_pointer (G_TASK (result), &error);
  if (services == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list services: %s", error->message);
      return;
    }

  g_menu_remove_all (self->service_items);
  for (guint i = 0; i < services->len; i++)
    {
      const DeskService *service = g_ptr_array_index (services, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autoptr(GString) label = g_string_new (service->name);

      /* Menu labels take mnemonics; a name's own underscores stay. */
      g_string_replace (label, "_", "__", 0);
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target (item, "editor.pick-service", "s",
                                         service->name);
      g_menu_append_item (self->service_items, item);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->service_menu), services->len > 0);
}

static void
load_services (DeskIncidentEditor *self)
{
  g_autoptr(GTask) task = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->service_menu), FALSE);
  if (self->store == NULL)
    return;

  task = g_task_new (self, self->cancellable, on_services_listed, NULL);
  g_task_set_source_tag (task, load_services);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_services_in_thread);
}

/* Closing */

static gboolean
close_now (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
on_discard_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     DeskIncidentEditor *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* The dialog is still answering; closing its parent now would
   * destroy it under its own feet.
   */
  self->closing = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_now, g_object_ref (self),
                   g_object_unref);
}

static gboolean
desk_incident_editor_close_request (GtkWindow *window)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (window);
  AdwMessageDialog *dialog;

  if (self->saving)
    return TRUE;

  if (self->closing || !has_typed_text (self))
    {
      GtkWindowClass *parent_class =
        GTK_WINDOW_CLASS (desk_incident_editor_parent_class);

      return parent_class->close_request (window);
    }

  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (window, _("Discard This Incident?"),
                            _("What you typed has not been saved and will "
                              "be lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Set-up */

static void
on_field_changed (DeskIncidentEditor *self,
                  gpointer            widget)
{
  if (widget == self->title_row)
    self->touched[DESK_FIELD_TITLE] = TRUE;
  else if (widget == self->service_row)
    self->touched[DESK_FIELD_SERVICE] = TRUE;
  else if (widget == self->detected_row)
    self->touched[DESK_FIELD_DETECTED_AT] = TRUE;
  else if (widget == self->assignee_row)
    self->touched[DESK_FIELD_ASSIGNEE] = TRUE;
  else
    self->touched[DESK_FIELD_DESCRIPTION] = TRUE;

  validate (self);
}

static void
on_choice_changed (DeskIncidentEditor *self)
{
  update_suggestion (self);
  validate (self);
}

static void
fill_choices (DeskIncidentEditor *self)
{
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) impacts = gtk_string_list_new (NULL);
  const char *urgencies[] = {
    C_("urgency", "High"), C_("urgency", "Medium"), C_("urgency", "Low"),
    NULL
  };
  g_autoptr(GtkStringList) urgency_list = gtk_string_list_new (urgencies);

  for (DeskSeverity s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    gtk_string_list_append (severities, desk_severity_label (s));
  for (guint i = 0; i < DESK_N_IMPACTS; i++)
    gtk_string_list_append (impacts, desk_impact_label ((DeskImpact) i));

  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));
  adw_combo_row_set_model (self->impact_row, G_LIST_MODEL (impacts));
  adw_combo_row_set_model (self->urgency_row, G_LIST_MODEL (urgency_list));

  adw_combo_row_set_selected (self->impact_row, DESK_IMPACT_DEGRADED);
  adw_combo_row_set_selected (self->urgency_row, URGENCY_MEDIUM);
  adw_combo_row_set_selected (self->severity_row,
                              DESK_SEVERITY_SEV3 - DESK_SEVERITY_SEV1);
}

static void
desk_incident_editor_dispose (GObject *object)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_INCIDENT_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->service_items);

  G_OBJECT_CLASS (desk_incident_editor_parent_class)->dispose (object);
}

static void
desk_incident_editor_finalize (GObject *object)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (desk_incident_editor_parent_class)->finalize (object);
}

static void
desk_incident_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_incident_editor_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_editor_class_init (DeskIncidentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = desk_incident_editor_dispose;
  object_class->finalize = desk_incident_editor_finalize;
  object_class->get_property = desk_incident_editor_get_property;
  object_class->set_property = desk_incident_editor_set_property;

  window_class->close_request = desk_incident_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (DESK_TYPE_CAPTION_ROW);
  g_type_ensure (DESK_TYPE_DATETIME_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/example/IncidentDesk/desk-incident-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        error_banner);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        title_row);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        title_caption);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        service_row);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        service_menu);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        service_caption);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        detected_row);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        detected_caption);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        assignee_row);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        assignee_caption);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        impact_row);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        urgency_row);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        suggestion_row);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        severity_row);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        description_view);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        description_caption);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        reason_label);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        save_button);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentEditor,
                                        form_box);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   save_action);
  gtk_widget_class_install_action (widget_class, "editor.apply-suggestion",
                                   NULL, apply_suggestion_action);
  gtk_widget_class_install_action (widget_class, "editor.pick-service", "s",
                                   pick_service_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return,
                                       GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
desk_incident_editor_init (DeskIncidentEditor *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->tz = desk_form_time_zone ();
  self->service_items = g_menu_new ();
  gtk_menu_button_set_menu_model (self->service_menu,
                                  G_MENU_MODEL (self->service_items));
  gtk_widget_set_visible (GTK_WIDGET (self->service_menu), FALSE);

  fill_choices (self);

  desk_datetime_row_set_time_zone (self->detected_row, self->tz);
  self->initial_detected = g_get_real_time () / G_USEC_PER_SEC / 60 * 60;
  desk_datetime_row_set_value (self->detected_row, self->initial_detected);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  g_signal_connect_swapped (self->title_row, "changed",
                            G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->service_row, "changed",
                            G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->detected_row, "value-changed",
                            G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->assignee_row, "changed",
                            G_CALLBACK (on_field_changed), self);
  desk_form_text_view_setup (self->description_view);
  buffer = gtk_text_view_get_buffer (self->description_view);
  g_signal_connect_swapped (buffer, "changed",
                            G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->impact_row, "notify::selected",
                            G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (self->urgency_row, "notify::selected",
                            G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (self->severity_row, "notify::selected",
                            G_CALLBACK (on_choice_changed), self);

  update_suggestion (self);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

GtkWidget *
desk_incident_editor_new (GtkWindow *parent,
                          DeskStore *store)
{
  return g_object_new (DESK_TYPE_INCIDENT_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

DeskStore *
desk_incident_editor_get_store (DeskIncidentEditor *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_EDITOR (self), NULL);

  return self->store;
}

void
desk_incident_editor_set_store (DeskIncidentEditor *self,
                                DeskStore          *store)
{
  g_return_if_fail (DESK_IS_INCIDENT_EDITOR (self));

  if (!g_set_object (&self->store, store))
    return;

  load_services (self);
  update_sensitivity (self);
  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
