/* desk-help-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every button on the page activates a window action, so the guide
 * never disagrees with the menus and the keyboard shortcuts.
 */

#define G_LOG_DOMAIN "desk-help-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-help-page.h"

struct _DeskHelpPage
{
  AdwBin     parent_instance;

  DeskStore *store;

  GtkWidget *viewer_label;
};

G_DEFINE_FINAL_TYPE (DeskHelpPage, desk_help_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The demo opens in a window of its own, in a new process on a fresh
 * temporary database, so the user's own file is never touched.
 */
static void
try_demo (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  const char *override = g_getenv ("INCIDENTDESK_DEMO_COMMAND");

  if (override != NULL && override[0] != '\0')
    program = g_strdup (override);
  else
    program = g_file_read_link ("/proc/self/exe", &error);

  if (program != NULL)
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                program, "--demo", NULL);

  if (process == NULL)
    {
      g_warning ("Could not start the demo: %s", error->message);
      gtk_widget_activate_action (widget, "win.toast", "s",
                                  _("The demo window could not be "
                                    "started."));
    }
}

static void
update_viewer_mode (DeskHelpPage *self)
{
  gboolean read_only = (self->store != NULL &&
                        desk_store_is_read_only (self->store));

  gtk_widget_set_visible (self->viewer_label, read_only);
}

static void
desk_help_page_dispose (GObject *object)
{
  DeskHelpPage *self = DESK_HELP_PAGE (object);

  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_HELP_PAGE);

  G_OBJECT_CLASS (desk_help_page_parent_class)->dispose (object);
}

static void
desk_help_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DeskHelpPage *self = DESK_HELP_PAGE (object);

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
desk_help_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DeskHelpPage *self = DESK_HELP_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_help_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_help_page_class_init (DeskHelpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_help_page_dispose;
  object_class->get_property = desk_help_page_get_property;
  object_class->set_property = desk_help_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/"
                                               "desk-help-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskHelpPage,
                                        viewer_label);

  gtk_widget_class_install_action (widget_class, "help.try-demo", NULL,
                                   try_demo);
}

static void
desk_help_page_init (DeskHelpPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_help_page_new (void)
{
  return g_object_new (DESK_TYPE_HELP_PAGE, NULL);
}

DeskStore *
desk_help_page_get_store (DeskHelpPage *self)
{
  g_return_val_if_fail (DESK_IS_HELP_PAGE (self), NULL);

  return self->store;
}

void
desk_help_page_set_store (DeskHelpPage *self,
                          DeskStore    *store)
{
  g_return_if_fail (DESK_IS_HELP_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  update_viewer_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
