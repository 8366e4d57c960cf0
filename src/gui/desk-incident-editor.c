/* desk-incident-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-incident-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-incident-editor.h"

struct _DeskIncidentEditor
{
  AdwWindow  parent_instance;

  DeskStore *store;
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

static void
desk_incident_editor_dispose (GObject *object)
{
  DeskIncidentEditor *self = DESK_INCIDENT_EDITOR (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_incident_editor_parent_class)->dispose (object);
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

  object_class->dispose = desk_incident_editor_dispose;
  object_class->get_property = desk_incident_editor_get_property;
  object_class->set_property = desk_incident_editor_set_property;

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

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/example/IncidentDesk/desk-incident-editor.ui");
}

static void
desk_incident_editor_init (DeskIncidentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
