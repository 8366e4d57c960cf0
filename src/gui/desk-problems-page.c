/* desk-problems-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-problems-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-problems-page.h"

struct _DeskProblemsPage
{
  AdwBin     parent_instance;

  DeskStore *store;
};

G_DEFINE_FINAL_TYPE (DeskProblemsPage, desk_problems_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_problems_page_dispose (GObject *object)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (object);

  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_PROBLEMS_PAGE);

  G_OBJECT_CLASS (desk_problems_page_parent_class)->dispose (object);
}

static void
desk_problems_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (object);

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
desk_problems_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_problems_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_problems_page_class_init (DeskProblemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_problems_page_dispose;
  object_class->get_property = desk_problems_page_get_property;
  object_class->set_property = desk_problems_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/desk-problems-page.ui");
}

static void
desk_problems_page_init (DeskProblemsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_problems_page_new (void)
{
  return g_object_new (DESK_TYPE_PROBLEMS_PAGE, NULL);
}

DeskStore *
desk_problems_page_get_store (DeskProblemsPage *self)
{
  g_return_val_if_fail (DESK_IS_PROBLEMS_PAGE (self), NULL);

  return self->store;
}

void
desk_problems_page_set_store (DeskProblemsPage *self,
                              DeskStore        *store)
{
  g_return_if_fail (DESK_IS_PROBLEMS_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  desk_problems_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
desk_problems_page_reload (DeskProblemsPage *self)
{
  g_return_if_fail (DESK_IS_PROBLEMS_PAGE (self));
}
