/* desk-incident-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-incident-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-incident-detail.h"

struct _DeskIncidentDetail
{
  AdwBin     parent_instance;

  DeskStore *store;
  gint64     incident_id;
};

G_DEFINE_FINAL_TYPE (DeskIncidentDetail, desk_incident_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INCIDENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_incident_detail_dispose (GObject *object)
{
  DeskIncidentDetail *self = DESK_INCIDENT_DETAIL (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_incident_detail_parent_class)->dispose (object);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/example/IncidentDesk/desk-incident-detail.ui");
}

static void
desk_incident_detail_init (DeskIncidentDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  if (g_set_object (&self->store, store))
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
  g_return_if_fail (DESK_IS_INCIDENT_DETAIL (self));

  if (self->incident_id == id)
    return;

  self->incident_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_ID]);
}
