/* desk-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads --database, --demo and --read-only, opens one window on the
 * chosen database and owns the app.* actions. Started plainly (from the
 * desktop, or by D-Bus activation) it is unique: a second start shows
 * the first window. Started on a chosen database, it runs on its own.
 * AdwApplication loads style.css and style-dark.css from the resources
 * by itself.
 */

#define G_LOG_DOMAIN "desk-app"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>

#include "desk-about.h"
#include "desk-application.h"
#include "desk-benchmark.h"
#include "desk-preferences-window.h"
#include "desk-store.h"
#include "desk-window.h"

struct _DeskApplication
{
  AdwApplication parent_instance;

  char          *database;
  char          *demo_dir;
  gint64         start_time;
  gboolean       demo;
  gboolean       read_only;
  gboolean       no_display;
};

G_DEFINE_FINAL_TYPE (DeskApplication, desk_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open this database file"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Try the app on a temporary database filled with demo incidents"),
    NULL },
  { "read-only", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Viewer mode: open the database without allowing changes"), NULL },
  { NULL }
};

static int
desk_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  DeskApplication *self = DESK_APPLICATION (app);
  g_autofree char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    self->database = g_steal_pointer (&database);
  self->demo = g_variant_dict_contains (options, "demo");
  self->read_only = g_variant_dict_contains (options, "read-only");

  if (self->demo && self->database != NULL)
    {
      g_printerr ("%s\n", _("Use either --demo or --database, not both."));
      return 2;
    }

  /* The running window would ignore the database asked for. */
  if (self->database != NULL || self->demo || self->read_only)
    g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);

  /* Scripts that forget their action land here on machines without a
   * display: one sentence rather than GTK's warning.
   */
  if (!gtk_init_check ())
    {
      self->no_display = TRUE;
      g_printerr ("%s\n", _("The window cannot open because there is no "
                            "display. On the command line, use --summary, "
                            "--import, --export or --sla-report."));
      return 1;
    }

  return -1;
}

static gboolean
desk_application_local_command_line (GApplication   *app,
                                     char         ***arguments,
                                     int            *exit_status)
{
  DeskApplication *self = DESK_APPLICATION (app);
  GApplicationClass *parent = G_APPLICATION_CLASS (desk_application_parent_class);
  gboolean handled;

  handled = parent->local_command_line (app, arguments, exit_status);

  /* GApplication gives status 1 for an option it cannot parse; for the
   * desk, as for its command line, that is wrong usage.
   */
  if (handled && *exit_status == 1 && !self->no_display)
    *exit_status = 2;

  return handled;
}

/* The demo database lives in its own temporary folder, removed on quit. */
static char *
make_demo_path (DeskApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->demo_dir = g_dir_make_tmp ("incidentdesk-demo-XXXXXX", &error);
  if (self->demo_dir == NULL)
    {
      g_warning ("Could not make a folder for demo data: %s", error->message);
      return g_build_filename (g_get_tmp_dir (), "incidentdesk-demo.db", NULL);
    }

  return g_build_filename (self->demo_dir, "demo.db", NULL);
}

static void
remove_demo_dir (DeskApplication *self)
{
  static const char * const names[] = {
    "demo.db", "demo.db-wal", "demo.db-shm", "demo.db-journal",
  };

  if (self->demo_dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (self->demo_dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);
}

static char *
database_path (DeskApplication *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *last = NULL;

  if (self->database != NULL)
    return g_strdup (self->database);

  settings = g_settings_new (APP_ID);
  last = g_settings_get_string (settings, "last-database");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&last);

  return desk_store_default_path ();
}

static void
desk_application_activate (GApplication *app)
{
  DeskApplication *self = DESK_APPLICATION (app);
  GtkWindow *window;
  g_autofree char *path = NULL;
  DeskStoreFlags flags = DESK_STORE_FLAGS_NONE;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (desk_window_new (GTK_APPLICATION (app)));
  if (desk_benchmark_wanted ())
    desk_benchmark_attach (GTK_APPLICATION (app), DESK_WINDOW (window),
                           self->start_time);
  if (self->read_only)
    flags |= DESK_STORE_FLAGS_READ_ONLY;

  if (self->demo)
    {
      path = make_demo_path (self);
      /* The demo has to be written before it can be viewed. */
      desk_window_open_database (DESK_WINDOW (window), path,
                                 DESK_STORE_FLAGS_NONE, TRUE);
    }
  else
    {
      path = database_path (self);
      desk_window_open_database (DESK_WINDOW (window), path, flags, FALSE);
    }

  gtk_window_present (window);
}

static void
action_quit (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing saves the window's size and page. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }

  g_application_quit (G_APPLICATION (app));
}

static void
action_preferences (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (user_data);

  gtk_window_present (GTK_WINDOW (desk_preferences_window_new (window)));
}

static void
action_help (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (user_data);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                "help");
}

static void
action_about (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  desk_show_about (gtk_application_get_active_window (user_data));
}

static const GActionEntry app_entries[] = {
  { "quit", action_quit },
  { "preferences", action_preferences },
  { "help", action_help },
  { "about", action_about },
};

static void
set_accels (GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } table[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.new-incident", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.reload", { "<Control>r", "F5", NULL } },
    { "win.back", { "<Alt>Left", "Escape", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    gtk_application_set_accels_for_action (app, table[i].action,
                                           table[i].accels);
}

/* A terminated demo still removes its temporary database. */
static gboolean
on_terminate (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

static void
desk_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (desk_application_parent_class)->startup (app);

  g_unix_signal_add (SIGTERM, on_terminate, app);
  g_unix_signal_add (SIGINT, on_terminate, app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  set_accels (GTK_APPLICATION (app));
}

static void
desk_application_shutdown (GApplication *app)
{
  G_APPLICATION_CLASS (desk_application_parent_class)->shutdown (app);

  remove_demo_dir (DESK_APPLICATION (app));
}

static void
desk_application_finalize (GObject *object)
{
  DeskApplication *self = DESK_APPLICATION (object);

  remove_demo_dir (self);
  g_free (self->database);

  G_OBJECT_CLASS (desk_application_parent_class)->finalize (object);
}

static void
desk_application_class_init (DeskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = desk_application_finalize;
  app_class->local_command_line = desk_application_local_command_line;
  app_class->handle_local_options = desk_application_handle_local_options;
  app_class->startup = desk_application_startup;
  app_class->activate = desk_application_activate;
  app_class->shutdown = desk_application_shutdown;
}

static void
desk_application_init (DeskApplication *self)
{
  self->start_time = g_get_monotonic_time ();
  g_application_add_main_option_entries (G_APPLICATION (self),
                                         option_entries);
}

DeskApplication *
desk_application_new (void)
{
  return g_object_new (DESK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
