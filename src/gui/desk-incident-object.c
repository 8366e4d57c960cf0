/* desk-incident-object.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only properties, so list item templates can bind cells with
 * expressions instead of code. An object stands for a row of the list:
 * when the row shows another incident, the object changes in place and
 * the widgets showing it follow its notifications.
 */

#define G_LOG_DOMAIN "desk-list"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-gui-util.h"
#include "desk-incident-object.h"

struct _DeskIncidentObject
{
  GObject       parent_instance;

  gint64        id;
  DeskIncident *incident;
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (DeskIncidentObject, desk_incident_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REFERENCE,
  PROP_TITLE,
  PROP_SERVICE,
  PROP_ASSIGNEE,
  PROP_SEVERITY_LABEL,
  PROP_SEVERITY_CLASSES,
  PROP_STATUS_LABEL,
  PROP_STATUS_CLASSES,
  PROP_DETECTED_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
string_or_empty (DeskIncidentObject *self,
                 DeskField           field)
{
  if (self->incident == NULL)
    return "";

  return desk_incident_get_string (self->incident, field);
}

static GStrv
pill_classes (const char *klass)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv strv;

  g_strv_builder_add (builder, "pill");
  g_strv_builder_add (builder, klass);
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}

static void
desk_incident_object_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DeskIncidentObject *self = DESK_INCIDENT_OBJECT (object);
  DeskIncident *inc = self->incident;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_REFERENCE:
      g_value_set_string (value, string_or_empty (self, DESK_FIELD_REFERENCE));
      break;

    case PROP_TITLE:
      if (inc == NULL && self->loading)
        g_value_set_string (value, _("Loading…"));
      else if (inc == NULL)
        g_value_set_string (value, _("This incident was deleted"));
      else
        g_value_set_string (value, inc->title);
      break;

    case PROP_SERVICE:
      g_value_set_string (value, string_or_empty (self, DESK_FIELD_SERVICE));
      break;

    case PROP_ASSIGNEE:
      g_value_set_string (value, string_or_empty (self, DESK_FIELD_ASSIGNEE));
      break;

    case PROP_SEVERITY_LABEL:
      g_value_set_string (value,
                          inc ? desk_severity_label (inc->severity) : "");
      break;

    case PROP_SEVERITY_CLASSES:
      if (inc != NULL)
        g_value_take_boxed (value,
                            pill_classes (desk_gui_severity_class (inc->severity)));
      break;

    case PROP_STATUS_LABEL:
      g_value_set_string (value, inc ? desk_status_label (inc->status) : "");
      break;

    case PROP_STATUS_CLASSES:
      if (inc != NULL)
        g_value_take_boxed (value,
                            pill_classes (desk_gui_status_class (inc->status)));
      break;

    case PROP_DETECTED_TEXT:
      g_value_take_string (value,
                           desk_gui_format_time (inc ? inc->detected_at
                                                     : DESK_TIME_NONE));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_object_finalize (GObject *object)
{
  DeskIncidentObject *self = DESK_INCIDENT_OBJECT (object);

  g_clear_pointer (&self->incident, desk_incident_unref);

  G_OBJECT_CLASS (desk_incident_object_parent_class)->finalize (object);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
desk_incident_object_class_init (DeskIncidentObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_incident_object_finalize;
  object_class->get_property = desk_incident_object_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE] = string_property ("reference");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_SERVICE] = string_property ("service");
  properties[PROP_ASSIGNEE] = string_property ("assignee");
  properties[PROP_SEVERITY_LABEL] = string_property ("severity-label");
  properties[PROP_SEVERITY_CLASSES] =
    g_param_spec_boxed ("severity-classes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] = string_property ("status-label");
  properties[PROP_STATUS_CLASSES] =
    g_param_spec_boxed ("status-classes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETECTED_TEXT] = string_property ("detected-text");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_incident_object_init (DeskIncidentObject *self)
{
}

DeskIncidentObject *
desk_incident_object_new (gint64        id,
                          DeskIncident *incident)
{
  DeskIncidentObject *self = g_object_new (DESK_TYPE_INCIDENT_OBJECT, NULL);

  self->id = id;
  if (incident != NULL)
    self->incident = desk_incident_ref (incident);

  return self;
}

DeskIncidentObject *
desk_incident_object_new_loading (gint64 id)
{
  DeskIncidentObject *self = desk_incident_object_new (id, NULL);

  self->loading = TRUE;

  return self;
}

void
desk_incident_object_update (DeskIncidentObject *self,
                             gint64              id,
                             DeskIncident       *incident,
                             gboolean            loading)
{
  g_return_if_fail (DESK_IS_INCIDENT_OBJECT (self));

  if (self->id == id && self->incident == incident &&
      self->loading == !!loading)
    return;

  self->id = id;
  self->loading = !!loading;
  if (incident != NULL)
    desk_incident_ref (incident);
  g_clear_pointer (&self->incident, desk_incident_unref);
  self->incident = incident;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_ID; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
desk_incident_object_get_loading (DeskIncidentObject *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_OBJECT (self), FALSE);

  return self->loading;
}

gint64
desk_incident_object_get_id (DeskIncidentObject *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_OBJECT (self), 0);

  return self->id;
}

DeskIncident *
desk_incident_object_get_incident (DeskIncidentObject *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_OBJECT (self), NULL);

  return self->incident;
}
