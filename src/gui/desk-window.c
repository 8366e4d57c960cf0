/* desk-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens the store, hands it to every page through their
 * "store" property and offers the win.* actions all pages use. It never
 * reaches into a page: pages talk back through actions.
 */

#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "desk-dashboard-page.h"
#include "desk-export-dialog.h"
#include "desk-gui-util.h"
#include "desk-help-page.h"
#include "desk-import-dialog.h"
#include "desk-incident-detail.h"
#include "desk-incident-editor.h"
#include "desk-incident-list-page.h"
#include "desk-problems-page.h"
#include "desk-sla-page.h"
#include "desk-window.h"

/* Below this width the list shows cards instead of a table. */
#define COMPACT_WIDTH 720

struct _DeskWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *navigation;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  GtkRevealer          *banner_revealer;
  GtkBox               *banner_box;
  GtkImage             *banner_icon;
  GtkLabel             *banner_label;
  DeskDashboardPage    *dashboard_page;
  DeskIncidentListPage *list_page;
  AdwBin               *detail_bin;

  GSettings            *settings;
  DeskStore            *store;
  GCancellable         *cancellable;
  GPtrArray            *store_widgets;    /* widgets with a "store" property */
  GtkWidget            *detail;
  GtkWidget            *sla_page;
  GtkWidget            *problems_page;
  char                 *path;
  DeskStoreFlags        flags;
  char                 *screenshot_page;

  guint                 compact_idle;
  guint                 fill_demo : 1;
  guint                 is_demo : 1;
  guint                 compact : 1;
};

G_DEFINE_FINAL_TYPE (DeskWindow, desk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void finish_open (DeskWindow *self);

static void
toast (DeskWindow *self,
       const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
set_action_enabled (DeskWindow *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The one place that decides what can be done now. */
static void
update_actions (DeskWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean writable = has_store && !desk_store_is_read_only (self->store);
  gboolean opening = self->cancellable != NULL;

  set_action_enabled (self, "new-incident", writable);
  set_action_enabled (self, "import", writable);
  set_action_enabled (self, "export", has_store);
  set_action_enabled (self, "search", has_store);
  set_action_enabled (self, "filter-incidents", has_store);
  set_action_enabled (self, "show-incident", has_store);
  set_action_enabled (self, "reload", has_store);
  set_action_enabled (self, "retry-open", !opening && self->path != NULL);
  set_action_enabled (self, "open-database", !opening);
  set_action_enabled (self, "new-database", !opening);
}

static void
update_banner (DeskWindow *self)
{
  gboolean viewer = self->store != NULL &&
                    desk_store_is_read_only (self->store);
  GString *text = g_string_new (NULL);

  if (self->is_demo)
    g_string_append (text, _("Demo data: this is a temporary database "
                             "filled with made-up incidents. It is deleted "
                             "when you quit."));
  if (viewer)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, _("Viewer mode: changes are turned off because "
                               "the database was opened read-only."));
    }

  gtk_label_set_label (self->banner_label, text->str);
  gtk_image_set_from_icon_name (self->banner_icon,
                                viewer ? "changes-prevent-symbolic"
                                       : "dialog-information-symbolic");
  if (viewer)
    gtk_widget_add_css_class (GTK_WIDGET (self->banner_box), "viewer");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->banner_box), "viewer");
  gtk_revealer_set_reveal_child (self->banner_revealer, text->len > 0);

  g_string_free (text, TRUE);
}

static void
apply_actor (DeskWindow *self)
{
  g_autofree char *actor = NULL;

  if (self->store == NULL)
    return;

  actor = g_settings_get_string (self->settings, "actor-name");
  g_strstrip (actor);
  desk_store_set_actor (self->store,
                        actor[0] != '\0' ? actor : g_get_user_name ());
}

static void
set_store (DeskWindow *self,
           DeskStore  *store)
{
  if (!g_set_object (&self->store, store))
    return;

  apply_actor (self);

  for (guint i = 0; i < self->store_widgets->len; i++)
    g_object_set (g_ptr_array_index (self->store_widgets, i),
                  "store", store,
                  NULL);
  if (self->detail != NULL)
    g_object_set (self->detail, "store", NULL, NULL);

  update_banner (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
show_loading (DeskWindow *self,
              const char *text)
{
  gtk_label_set_label (self->loading_label, text);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->navigation, "loading");
}

static void
show_open_error (DeskWindow   *self,
                 const GError *error)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_warning ("Could not open %s: %s", self->path, error->message);

  desk_gui_open_error_text (error, self->path, &title, &description);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->navigation, "error");
}

static void
demo_fill_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_gui_demo_fill_finish (result, &error))
    {
      if (desk_gui_error_is_cancelled (error))
        return;

      /* The database itself is fine: show what is there and say so. */
      g_warning ("Could not fill the demo database: %s", error->message);
      toast (self, _("The demo data could not be added"));
    }

  g_clear_object (&self->cancellable);
  finish_open (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  store = desk_store_open_finish (result, &error);
  if (desk_gui_error_is_cancelled (error))
    return;

  if (store == NULL)
    {
      g_clear_object (&self->cancellable);
      show_open_error (self, error);
      update_actions (self);
      return;
    }

  g_debug ("Opened %s", desk_store_get_path (store));
  set_store (self, store);

  if (self->fill_demo && !desk_store_is_read_only (store))
    {
      self->fill_demo = FALSE;
      show_loading (self, _("Preparing demo data…"));
      desk_gui_demo_fill_async (store, self->cancellable, demo_fill_cb,
                                g_object_ref (self));
      return;
    }

  g_clear_object (&self->cancellable);
  finish_open (self);
}

static void
first_incident_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(GArray) ids = NULL;

  ids = desk_store_query_ids_finish (DESK_STORE (source), result, NULL);
  if (ids != NULL && ids->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-incident", "x",
                                g_array_index (ids, gint64, 0));
}

/* INCIDENTDESK_SCREENSHOT_PAGE names a page or dialog to show right
 * away, for build-aux/screenshots.sh.
 */
static void
show_screenshot_page (DeskWindow *self)
{
  g_autofree char *page = g_steal_pointer (&self->screenshot_page);

  if (page == NULL || page[0] == '\0')
    return;

  if (g_str_equal (page, "detail"))
    {
      g_autoptr(DeskQuery) query = desk_query_new ();

      query->sort = DESK_SORT_DETECTED;
      query->descending = TRUE;
      desk_store_query_ids_async (self->store, query, NULL,
                                  first_incident_cb, g_object_ref (self));
    }
  else if (g_str_equal (page, "create"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.new-incident", NULL);
  else if (g_str_equal (page, "export") || g_str_equal (page, "import"))
    {
      g_autofree char *action = g_strconcat ("win.", page, NULL);

      gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
    }
  else if (g_str_equal (page, "preferences") || g_str_equal (page, "about"))
    {
      g_autofree char *action = g_strconcat ("app.", page, NULL);

      gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
    }
  else if (g_str_equal (page, "shortcuts"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-help-overlay",
                                NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", page);
}

static void
finish_open (DeskWindow *self)
{
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->navigation, "main");
  update_actions (self);
  show_screenshot_page (self);
}

void
desk_window_open_database (DeskWindow     *self,
                           const char     *path,
                           DeskStoreFlags  flags,
                           gboolean        fill_demo)
{
  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (path != self->path)
    {
      g_free (self->path);
      self->path = g_strdup (path);
    }
  self->flags = flags;
  self->fill_demo = !!fill_demo;
  self->is_demo = self->is_demo || fill_demo;

  set_store (self, NULL);
  show_loading (self, _("Opening the database…"));

  self->cancellable = g_cancellable_new ();
  update_actions (self);
  desk_store_open_async (path, flags, self->cancellable, open_cb,
                         g_object_ref (self));
}

static void
open_chosen_file (DeskWindow *self,
                  GFile      *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      toast (self, _("Only files on this computer can be opened"));
      return;
    }

  self->is_demo = FALSE;
  if (!(self->flags & DESK_STORE_FLAGS_READ_ONLY))
    g_settings_set_string (self->settings, "last-database", path);
  desk_window_open_database (self, path,
                             self->flags & ~DESK_STORE_FLAGS_NO_CREATE, FALSE);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  DeskWindow *self = user_data;
  GtkFileChooserAction action;
  g_autoptr(GFile) file = NULL;

  action = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser));
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      /* Never replace a file: a new database over an existing one opens
       * it instead.
       */
      if (action == GTK_FILE_CHOOSER_ACTION_SAVE &&
          g_file_query_exists (file, NULL))
        toast (self, _("That file already exists, so it was opened "
                       "instead of replaced"));
      open_chosen_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
run_chooser (DeskWindow           *self,
             GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  chooser = gtk_file_chooser_native_new (save ? _("Create New Database")
                                              : _("Open Database"),
                                         GTK_WINDOW (self), action,
                                         save ? _("_Create") : _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                       "incidents.db");

  gtk_file_filter_set_name (filter, _("IncidentDesk databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_pattern (filter, "*.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_toast (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  toast (DESK_WINDOW (user_data), g_variant_get_string (param, NULL));
}

static void
show_page (DeskWindow *self,
           const char *name)
{
  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    {
      g_debug ("No page called %s", name);
      return;
    }

  gtk_stack_set_visible_child_name (self->navigation, "main");
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
action_show_page (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);

  if (self->store == NULL)
    return;

  show_page (self, g_variant_get_string (param, NULL));
}

static void
action_show_incident (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  gint64 id = g_variant_get_int64 (param);

  if (self->detail == NULL || self->store == NULL)
    return;

  /* The detail gets the store only when shown, so it reads nothing
   * while the other pages load.
   */
  g_object_set (self->detail,
                "store", self->store,
                "incident-id", id,
                NULL);
  gtk_stack_set_visible_child_name (self->navigation, "detail");
}

static void
action_back (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);

  if (self->store != NULL)
    gtk_stack_set_visible_child_name (self->navigation, "main");
}

static void
on_incident_saved (DeskWindow *self,
                   gint64      id)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autofree char *text = NULL;

  incident = desk_store_get_incident (self->store, id, NULL);
  if (incident != NULL)
    {
      /* TRANSLATORS: %s is a reference such as INC-000042 */
      text = g_strdup_printf (_("Incident %s saved"), incident->reference);
      toast (self, text);
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-incident", "x", id);
}

static void
action_new_incident (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  GtkWidget *editor;

  if (self->store == NULL || desk_store_is_read_only (self->store))
    return;

  editor = desk_incident_editor_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_incident_saved),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
action_filter_incidents (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  const char *filter = g_variant_get_string (param, NULL);

  /* The list filters one service at a time; the SLA page shows which
   * services breached and why.
   */
  if (g_str_equal (filter, "breached-month"))
    {
      show_page (self, "sla");
      return;
    }

  desk_incident_list_page_apply_filter (self->list_page, filter);
  show_page (self, "incidents");
}

static void
action_search (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);

  show_page (self, "incidents");
  desk_incident_list_page_focus_search (self->list_page);
}

static void
action_export (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  const DeskQuery *query;
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  query = desk_incident_list_page_get_query (self->list_page);
  dialog = desk_export_dialog_new (GTK_WINDOW (self), self->store, query);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_import (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  GtkWidget *dialog;

  if (self->store == NULL || desk_store_is_read_only (self->store))
    return;

  dialog = desk_import_dialog_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_reload (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);

  if (self->store == NULL)
    return;

  desk_dashboard_page_reload (self->dashboard_page);
  desk_incident_list_page_reload (self->list_page);
  desk_sla_page_reload (DESK_SLA_PAGE (self->sla_page));
  desk_problems_page_reload (DESK_PROBLEMS_PAGE (self->problems_page));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->navigation),
                 "detail") == 0)
    desk_incident_detail_reload (DESK_INCIDENT_DETAIL (self->detail));
}

static void
action_retry_open (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  DeskWindow *self = DESK_WINDOW (user_data);
  g_autofree char *path = g_strdup (self->path);

  if (path != NULL)
    desk_window_open_database (self, path, self->flags, self->fill_demo);
}

static void
action_open_database (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  run_chooser (DESK_WINDOW (user_data), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
action_new_database (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  run_chooser (DESK_WINDOW (user_data), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
on_page_changed (DeskWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name != NULL && self->store != NULL)
    g_settings_set_string (self->settings, "last-page", name);
}

static gboolean
apply_compact (gpointer user_data)
{
  DeskWindow *self = user_data;

  self->compact_idle = 0;
  desk_incident_list_page_set_compact (self->list_page, self->compact);
  desk_incident_detail_set_compact (DESK_INCIDENT_DETAIL (self->detail),
                                    self->compact);

  return G_SOURCE_REMOVE;
}

static void
desk_window_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  DeskWindow *self = DESK_WINDOW (widget);
  gboolean compact = width < COMPACT_WIDTH;

  GTK_WIDGET_CLASS (desk_window_parent_class)->size_allocate (widget, width,
                                                              height,
                                                              baseline);

  /* Changing the page's layout during allocation would allocate twice;
   * do it right after.
   */
  if (compact != self->compact)
    {
      self->compact = compact;
      if (self->compact_idle == 0)
        self->compact_idle = g_idle_add (apply_compact, self);
    }
}

static gboolean
desk_window_close_request (GtkWindow *window)
{
  DeskWindow *self = DESK_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (desk_window_parent_class)->close_request (window);
}

static const GActionEntry win_entries[] = {
  { "toast", action_toast, "s" },
  { "show-incident", action_show_incident, "x" },
  { "back", action_back },
  { "new-incident", action_new_incident },
  { "show-page", action_show_page, "s" },
  { "filter-incidents", action_filter_incidents, "s" },
  { "search", action_search },
  { "export", action_export },
  { "import", action_import },
  { "reload", action_reload },
  { "retry-open", action_retry_open },
  { "open-database", action_open_database },
  { "new-database", action_new_database },
};

static void
add_page (DeskWindow *self,
          GtkWidget  *page,
          const char *name,
          const char *title,
          const char *icon)
{
  adw_view_stack_add_titled (self->view_stack, page, name, title);
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (self->view_stack,
                                                              page),
                                     icon);
  g_ptr_array_add (self->store_widgets, page);
}

static void
desk_window_dispose (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->compact_idle, g_source_remove);

  /* libadwaita 1.2 warns when a switcher outlives its stack's pages. */
  if (self->switcher_bar != NULL)
    {
      adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
      adw_view_switcher_title_set_stack (self->switcher_title, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_WINDOW);

  g_clear_pointer (&self->store_widgets, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_window_parent_class)->dispose (object);
}

static void
desk_window_finalize (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

  g_free (self->path);
  g_free (self->screenshot_page);

  G_OBJECT_CLASS (desk_window_parent_class)->finalize (object);
}

static void
desk_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DeskWindow *self = DESK_WINDOW (object);

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
desk_window_class_init (DeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = desk_window_dispose;
  object_class->finalize = desk_window_finalize;
  object_class->get_property = desk_window_get_property;
  widget_class->size_allocate = desk_window_size_allocate;
  window_class->close_request = desk_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_DASHBOARD_PAGE);
  g_type_ensure (DESK_TYPE_INCIDENT_LIST_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, navigation);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, detail_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
}

static void
desk_window_init (DeskWindow *self)
{
  const char *screenshot = g_getenv ("INCIDENTDESK_SCREENSHOT_PAGE");
  const char *screenshot_size = g_getenv ("INCIDENTDESK_SCREENSHOT_SIZE");
  int width, height;
  g_autofree char *last_page = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::actor-name",
                           G_CALLBACK (apply_actor), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings,
                                                   "window-width"),
                               g_settings_get_int (self->settings,
                                                   "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Screenshots start at their size: resizing afterwards races with the
   * switch to the narrow layout.
   */
  if (screenshot_size != NULL &&
      sscanf (screenshot_size, "%dx%d", &width, &height) == 2)
    {
      gtk_window_unmaximize (GTK_WINDOW (self));
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
    }

  self->store_widgets = g_ptr_array_new ();
  g_ptr_array_add (self->store_widgets, self->dashboard_page);
  g_ptr_array_add (self->store_widgets, self->list_page);
  self->sla_page = desk_sla_page_new ();
  add_page (self, self->sla_page, "sla", _("SLA"), "emblem-ok-symbolic");
  self->problems_page = desk_problems_page_new ();
  add_page (self, self->problems_page, "problems", _("Problems"),
            "dialog-warning-symbolic");
  add_page (self, desk_help_page_new (), "help", _("Help"),
            "help-about-symbolic");

  self->detail = desk_incident_detail_new ();
  adw_bin_set_child (self->detail_bin, self->detail);

  last_page = g_settings_get_string (self->settings, "last-page");
  if (adw_view_stack_get_child_by_name (self->view_stack, last_page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, last_page);

  if (screenshot != NULL)
    self->screenshot_page = g_strdup (screenshot);

  update_actions (self);
}

DeskWindow *
desk_window_new (GtkApplication *application)
{
  DeskWindow *self = g_object_new (DESK_TYPE_WINDOW,
                                   "application", application,
                                   NULL);
  GtkShortcutsWindow *overlay;

  /* The application gives the window its shortcuts window on joining. */
  overlay = gtk_application_window_get_help_overlay (
    GTK_APPLICATION_WINDOW (self));
  if (overlay != NULL)
    desk_gui_fit_shortcuts_window (GTK_WINDOW (overlay));

  return self;
}

DeskStore *
desk_window_get_store (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
desk_window_get_state (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->navigation);
}

const char *
desk_window_get_page (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
desk_window_get_page_widget (DeskWindow *self,
                             const char *name)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  if (g_strcmp0 (name, "detail") == 0)
    return self->detail;

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

const char *
desk_window_get_error_title (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return adw_status_page_get_title (self->error_page);
}

const char *
desk_window_get_banner_text (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;

  return gtk_label_get_label (self->banner_label);
}
