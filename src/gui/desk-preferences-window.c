/* desk-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-preferences-window.h"
#include "desk-types.h"

/* One SLA target row: a number and its unit, stored in minutes. */
typedef struct
{
  DeskPreferencesWindow *self;
  const char            *key;
  guint                  index;
  GtkSpinButton         *spin;
  GtkDropDown           *unit;
} TargetRow;

enum {
  UNIT_MINUTES,
  UNIT_HOURS,
};

struct _DeskPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkSizeGroup         *unit_group;
  TargetRow             targets[2 * DESK_N_SEVERITIES];
  gboolean              loading;

  AdwPreferencesGroup  *response_group;
  AdwPreferencesGroup  *resolution_group;
  AdwPreferencesGroup  *actor_group;
  AdwEntryRow          *time_zone_row;
  AdwEntryRow          *actor_row;
  GtkSpinButton        *degraded_spin;
  GtkSwitch            *spreadsheet_switch;
};

G_DEFINE_FINAL_TYPE (DeskPreferencesWindow, desk_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
target_row_show (TargetRow *row,
                 gint       minutes)
{
  if (minutes >= 60 && minutes % 60 == 0)
    {
      gtk_drop_down_set_selected (row->unit, UNIT_HOURS);
      gtk_spin_button_set_value (row->spin, minutes / 60);
    }
  else
    {
      gtk_drop_down_set_selected (row->unit, UNIT_MINUTES);
      gtk_spin_button_set_value (row->spin, minutes);
    }
}

static void
load_targets (DeskPreferencesWindow *self)
{
  self->loading = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (self->targets); i++)
    {
      TargetRow *row = &self->targets[i];
      g_autoptr(GVariant) value = g_settings_get_value (self->settings,
                                                        row->key);
      gsize n = 0;
      const gint32 *minutes = g_variant_get_fixed_array (value, &n,
                                                         sizeof (gint32));

      if (row->index < n)
        target_row_show (row, minutes[row->index]);
    }

  self->loading = FALSE;
}

static void
save_target (TargetRow *row)
{
  DeskPreferencesWindow *self = row->self;
  g_autoptr(GVariant) value = NULL;
  gint32 minutes[DESK_N_SEVERITIES] = { 0 };
  const gint32 *stored;
  gsize n = 0;
  gint number;

  if (self->loading)
    return;

  value = g_settings_get_value (self->settings, row->key);
  stored = g_variant_get_fixed_array (value, &n, sizeof (gint32));
  for (gsize i = 0; i < MIN (n, G_N_ELEMENTS (minutes)); i++)
    minutes[i] = stored[i];

  number = gtk_spin_button_get_value_as_int (row->spin);
  if (gtk_drop_down_get_selected (row->unit) == UNIT_HOURS)
    number *= 60;
  minutes[row->index] = number;

  g_settings_set_value (self->settings, row->key,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_INT32,
                                                   minutes,
                                                   G_N_ELEMENTS (minutes),
                                                   sizeof (gint32)));
}

static void
on_target_value_changed (GtkSpinButton *spin,
                         TargetRow     *row)
{
  save_target (row);
}

static void
on_target_unit_changed (GtkDropDown *unit,
                        GParamSpec  *pspec,
                        TargetRow   *row)
{
  save_target (row);
}

static void
on_targets_changed (DeskPreferencesWindow *self,
                    const char            *key,
                    GSettings             *settings)
{
  load_targets (self);
}

static void
add_target_row (DeskPreferencesWindow *self,
                TargetRow             *row,
                AdwPreferencesGroup   *group,
                const char            *key,
                DeskSeverity           severity)
{
  const char * const units[] = { N_("minutes"), N_("hours"), NULL };
  const char *translated[G_N_ELEMENTS (units)];
  g_autofree char *name = NULL;
  GtkWidget *action_row;
  GtkWidget *spin;
  GtkWidget *unit;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    translated[i] = units[i] != NULL ? _(units[i]) : NULL;

  row->self = self;
  row->key = key;
  row->index = severity - DESK_SEVERITY_SEV1;

  action_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                 desk_severity_label (severity));

  spin = gtk_spin_button_new_with_range (1, 99999, 1);
  name = g_strdup_printf ("%s-%s-value", key,
                          desk_severity_to_string (severity));
  gtk_widget_set_name (spin, name);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  action_row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), spin);

  unit = gtk_drop_down_new_from_strings (translated);
  g_free (name);
  name = g_strdup_printf ("%s-%s-unit", key,
                          desk_severity_to_string (severity));
  gtk_widget_set_name (unit, name);
  gtk_widget_set_valign (unit, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (unit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unit"), -1);
  gtk_size_group_add_widget (self->unit_group, unit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), unit);

  row->spin = GTK_SPIN_BUTTON (spin);
  row->unit = GTK_DROP_DOWN (unit);
  g_signal_connect (spin, "value-changed",
                    G_CALLBACK (on_target_value_changed), row);
  g_signal_connect (unit, "notify::selected",
                    G_CALLBACK (on_target_unit_changed), row);

  adw_preferences_group_add (group, action_row);
}

static void
reset_targets (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "response-targets");
  g_settings_reset (self->settings, "resolution-targets");
}

static gboolean
time_zone_is_known (const char *text)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (text[0] == '\0')
    return TRUE;

  tz = g_time_zone_new_identifier (text);

  return tz != NULL;
}

static void
on_time_zone_changed (DeskPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_zone_row), "error");
}

static void
on_time_zone_apply (DeskPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  text = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->time_zone_row))));

  if (!time_zone_is_known (text))
    {
      g_autofree char *message = NULL;

      gtk_widget_add_css_class (GTK_WIDGET (self->time_zone_row), "error");
      /* Translators: %s is what the user typed as a time zone name. */
      message = g_strdup_printf (_("“%s” is not a time zone name. Try one "
                                   "such as Asia/Jakarta."), text);
      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 5);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      return;
    }

  g_settings_set_string (self->settings, "time-zone", text);
}

static void
on_time_zone_setting_changed (DeskPreferencesWindow *self,
                              const char            *key,
                              GSettings             *settings)
{
  g_autofree char *text = g_settings_get_string (settings, "time-zone");

  gtk_editable_set_text (GTK_EDITABLE (self->time_zone_row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_zone_row), "error");
}

static void
desk_preferences_window_dispose (GObject *object)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->unit_group);

  gtk_widget_dispose_template (GTK_WIDGET (self),
                               DESK_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->dispose (object);
}

static void
desk_preferences_window_class_init (DeskPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/"
                                               "desk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        response_group);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        resolution_group);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        actor_group);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        actor_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        degraded_spin);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        spreadsheet_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_time_zone_apply);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_time_zone_changed);

  gtk_widget_class_install_action (widget_class, "prefs.reset-targets",
                                   NULL, reset_targets);
}

static void
desk_preferences_window_init (DeskPreferencesWindow *self)
{
  g_autofree char *actor_hint = NULL;
  guint n = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->unit_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (DeskSeverity s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    add_target_row (self, &self->targets[n++], self->response_group,
                    "response-targets", s);
  for (DeskSeverity s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    add_target_row (self, &self->targets[n++], self->resolution_group,
                    "resolution-targets", s);
  load_targets (self);
  g_signal_connect_swapped (self->settings, "changed::response-targets",
                            G_CALLBACK (on_targets_changed), self);
  g_signal_connect_swapped (self->settings, "changed::resolution-targets",
                            G_CALLBACK (on_targets_changed), self);

  on_time_zone_setting_changed (self, "time-zone", self->settings);
  g_signal_connect_swapped (self->settings, "changed::time-zone",
                            G_CALLBACK (on_time_zone_setting_changed), self);

  g_settings_bind (self->settings, "degraded-weight",
                   self->degraded_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "actor-name",
                   self->actor_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "csv-spreadsheet",
                   self->spreadsheet_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* Translators: %s is the user's login name on this computer. */
  actor_hint = g_strdup_printf (_("Every change you make is recorded under "
                                  "this name. Leave it empty to use your "
                                  "user name, %s."), g_get_user_name ());
  adw_preferences_group_set_description (self->actor_group, actor_hint);
}

GtkWidget *
desk_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (DESK_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
