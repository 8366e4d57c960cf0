/* test-window.c: the main window, its states and actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <adwaita.h>
#include <sqlite3.h>

#include "desk-dashboard-page.h"
#include "desk-demo.h"
#include "desk-gui-test-util.h"
#include "desk-gui-util.h"
#include "desk-incident-list-page.h"
#include "desk-test-util.h"
#include "desk-window.h"

#define NOW ((gint64) 1741500000)

typedef struct
{
  char       *dir;
  char       *path;
  DeskWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = desk_test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->dir, "incidents.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      desk_test_assert_finalized (fixture->window);
    }

  desk_test_tmpdir_free (fixture->dir);
  g_free (fixture->path);
}

static void
spin_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
window_settled (gpointer data)
{
  const char *state = desk_window_get_state (data);

  return g_strcmp0 (state, "loading") != 0;
}

static gboolean
dashboard_idle (gpointer data)
{
  GtkWidget *page = desk_window_get_page_widget (data, "dashboard");

  return !desk_dashboard_page_get_loading (DESK_DASHBOARD_PAGE (page));
}

static void
fill_database (const char *path,
               guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  if (count > 0)
    desk_demo_fill (store, count, 11, NOW, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Keeps a weak pointer so the fixture can check the window finalizes. */
static DeskWindow *
open_window (Fixture        *fixture,
             DeskStoreFlags  flags)
{
  fixture->window = desk_window_new (NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  desk_window_open_database (fixture->window, fixture->path, flags, FALSE);
  spin_until (window_settled, fixture->window);

  return fixture->window;
}

static gboolean
action_enabled (DeskWindow *window,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  DeskWindow *window = open_window (fixture, DESK_STORE_FLAGS_NONE);
  GtkWidget *dashboard;

  g_assert_cmpstr (desk_window_get_state (window), ==, "main");
  g_assert_nonnull (desk_window_get_store (window));
  g_assert_null (desk_window_get_banner_text (window));

  spin_until (dashboard_idle, window);
  dashboard = desk_window_get_page_widget (window, "dashboard");
  g_assert_cmpstr (desk_dashboard_page_get_state (DESK_DASHBOARD_PAGE (dashboard)),
                   ==, "empty");
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const names[] = {
    "dashboard", "incidents", "sla", "problems", "help",
  };
  DeskWindow *window = open_window (fixture, DESK_STORE_FLAGS_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_nonnull (desk_window_get_page_widget (window, names[i]));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                  names[i]);
      g_assert_cmpstr (desk_window_get_page (window), ==, names[i]);
    }

  g_assert_nonnull (desk_window_get_page_widget (window, "detail"));
}

static void
test_actions_exist (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const names[] = {
    "toast", "show-incident", "back", "new-incident", "show-page",
    "filter-incidents", "search", "export", "import", "reload",
  };
  DeskWindow *window = open_window (fixture, DESK_STORE_FLAGS_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window),
                                                names[i]));
      g_assert_true (action_enabled (window, names[i]));
    }
}

static void
test_viewer_mode (Fixture       *fixture,
                  gconstpointer  data)
{
  DeskWindow *window;
  const char *banner;

  fill_database (fixture->path, 20);
  window = open_window (fixture, DESK_STORE_FLAGS_READ_ONLY);

  g_assert_cmpstr (desk_window_get_state (window), ==, "main");
  g_assert_true (desk_store_is_read_only (desk_window_get_store (window)));
  g_assert_false (action_enabled (window, "new-incident"));
  g_assert_false (action_enabled (window, "import"));
  g_assert_true (action_enabled (window, "export"));
  g_assert_true (action_enabled (window, "search"));

  banner = desk_window_get_banner_text (window);
  g_assert_nonnull (banner);
  g_assert_true (g_str_has_prefix (banner, "Viewer mode: changes are turned off"));
}

typedef struct
{
  const char *name;
  const char *content;
  gsize       length;
  const char *title;
} BadFile;

static const BadFile bad_files[] = {
  { "not-a-database", "This is a shopping list, not a database.\n", 41,
    "This database is damaged" },
  { "truncated-header", "SQLite format 3\0\x10\0\x01\x01", 20,
    "This database is damaged" },
};

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  const BadFile *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gsize after_length;
  DeskWindow *window;

  g_file_set_contents (fixture->path, bad->content, bad->length, &error);
  g_assert_no_error (error);

  g_test_expect_message ("desk-window", G_LOG_LEVEL_WARNING, "Could not open*");
  window = open_window (fixture, DESK_STORE_FLAGS_NONE);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (desk_window_get_state (window), ==, "error");
  g_assert_cmpstr (desk_window_get_error_title (window), ==, bad->title);
  g_assert_null (desk_window_get_store (window));
  g_assert_false (action_enabled (window, "new-incident"));
  g_assert_true (action_enabled (window, "retry-open"));
  g_assert_true (action_enabled (window, "open-database"));
  g_assert_true (action_enabled (window, "new-database"));

  /* The file is never touched. */
  g_file_get_contents (fixture->path, &after, &after_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (after, after_length, bad->content, bad->length);
}

/* A file from a newer IncidentDesk is refused with its own page, and
 * left exactly as it was.
 */
static void
test_newer_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length;
  gsize after_length;
  DeskWindow *window;
  sqlite3 *db;

  fill_database (fixture->path, 0);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_file_get_contents (fixture->path, &before, &before_length, &error);
  g_assert_no_error (error);

  g_test_expect_message ("desk-window", G_LOG_LEVEL_WARNING, "Could not open*");
  window = open_window (fixture, DESK_STORE_FLAGS_NONE);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (desk_window_get_state (window), ==, "error");
  g_assert_cmpstr (desk_window_get_error_title (window), ==,
                   "This database needs a newer IncidentDesk");
  g_assert_true (action_enabled (window, "open-database"));
  g_assert_true (action_enabled (window, "new-database"));

  g_file_get_contents (fixture->path, &after, &after_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (after, after_length, before, before_length);
}

static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DeskWindow *window;

  g_file_set_contents (fixture->path, "garbage", -1, &error);
  g_test_expect_message ("desk-window", G_LOG_LEVEL_WARNING, "Could not open*");
  window = open_window (fixture, DESK_STORE_FLAGS_NONE);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (desk_window_get_state (window), ==, "error");

  /* The user fixes the file elsewhere, then retries. */
  g_unlink (fixture->path);
  fill_database (fixture->path, 10);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-open", NULL);
  spin_until (window_settled, window);

  g_assert_cmpstr (desk_window_get_state (window), ==, "main");
  g_assert_nonnull (desk_window_get_store (window));
}

static gboolean
list_idle (gpointer data)
{
  GtkWidget *page = desk_window_get_page_widget (data, "incidents");
  DeskIncidentListModel *model;

  model = desk_incident_list_page_get_model (DESK_INCIDENT_LIST_PAGE (page));

  return !desk_incident_list_model_get_loading (model);
}

static void
test_filter_incidents (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();
  DeskWindow *window;
  GtkWidget *page;
  DeskIncidentListModel *model;
  guint expected;

  fill_database (fixture->path, 120);
  window = open_window (fixture, DESK_STORE_FLAGS_NONE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-incidents",
                              "s", "severity=SEV2");
  g_assert_cmpstr (desk_window_get_page (window), ==, "incidents");
  spin_until (list_idle, window);

  query->severity_mask = 1u << DESK_SEVERITY_SEV2;
  expected = desk_store_count (desk_window_get_store (window), query, NULL);
  page = desk_window_get_page_widget (window, "incidents");
  model = desk_incident_list_page_get_model (DESK_INCIDENT_LIST_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    expected);
  g_assert_cmpuint (expected, >, 0);

  /* SLA breaches are explained on the SLA page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-incidents",
                              "s", "breached-month");
  g_assert_cmpstr (desk_window_get_page (window), ==, "sla");
}

static void
test_show_incident (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GArray) ids = NULL;
  DeskWindow *window;
  gint64 shown = 0;

  fill_database (fixture->path, 10);
  window = open_window (fixture, DESK_STORE_FLAGS_NONE);
  ids = desk_store_query_ids (desk_window_get_store (window), query, NULL,
                              NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-incident", "x",
                              g_array_index (ids, gint64, 2));
  g_assert_cmpstr (desk_window_get_state (window), ==, "detail");
  g_object_get (desk_window_get_page_widget (window, "detail"),
                "incident-id", &shown,
                NULL);
  g_assert_cmpint (shown, ==, g_array_index (ids, gint64, 2));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_cmpstr (desk_window_get_state (window), ==, "main");
}

static void
test_window_state_saved (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.example.IncidentDesk");
  g_autofree char *last_page = NULL;
  DeskWindow *window;

  window = open_window (fixture, DESK_STORE_FLAGS_NONE);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                              "problems");
  gtk_window_close (GTK_WINDOW (window));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  last_page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (last_page, ==, "problems");

  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_actor_from_settings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.example.IncidentDesk");
  DeskWindow *window;

  g_settings_set_string (settings, "actor-name", "Ana Wijaya");
  window = open_window (fixture, DESK_STORE_FLAGS_NONE);
  g_assert_cmpstr (desk_store_get_actor (desk_window_get_store (window)), ==,
                   "Ana Wijaya");

  g_settings_set_string (settings, "actor-name", "Budi");
  g_assert_cmpstr (desk_store_get_actor (desk_window_get_store (window)), ==,
                   "Budi");
  g_settings_reset (settings, "actor-name");
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DeskSummary) summary = NULL;
  DeskWindow *window;

  fixture->window = desk_window_new (NULL);
  g_object_ref_sink (fixture->window);
  window = fixture->window;
  desk_window_open_database (window, fixture->path, DESK_STORE_FLAGS_NONE,
                             TRUE);
  spin_until (window_settled, window);

  g_assert_cmpstr (desk_window_get_state (window), ==, "main");
  g_assert_true (g_str_has_prefix (desk_window_get_banner_text (window),
                                   "Demo data:"));
  summary = desk_store_summary (desk_window_get_store (window), NULL, NULL);
  g_assert_cmpuint (summary->total, ==, 500);
}

static void
spin_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) &&
      gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;

  return FALSE;
}

/* While a stack slides from one page to the next both are on screen;
 * a slow build (sanitizers) may still be sliding after spin_for().
 */
static gboolean
transitions_done (gpointer data)
{
  return !transition_running (data);
}

typedef struct
{
  const char *name;
  const char *language;
  DeskStoreFlags flags;
  gboolean    demo;
  gboolean    empty;
} NarrowCase;

static const NarrowCase narrow_cases[] = {
  { "en", NULL, DESK_STORE_FLAGS_NONE, FALSE },
  { "en/viewer", NULL, DESK_STORE_FLAGS_READ_ONLY, FALSE },
  { "id", "id", DESK_STORE_FLAGS_NONE, FALSE },
  { "id/viewer", "id", DESK_STORE_FLAGS_READ_ONLY, FALSE },
  { "id/demo", "id", DESK_STORE_FLAGS_NONE, TRUE },
  { "en/empty", NULL, DESK_STORE_FLAGS_NONE, FALSE, TRUE },
  { "id/empty", "id", DESK_STORE_FLAGS_NONE, FALSE, TRUE },
};

/* Every page, the banner and the detail of an incident fit a phone's
 * 360 pixels, in English and in the longer Indonesian; on each, every
 * Alt key reaches one control and no text is cut short.
 */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const pages[] = {
    "dashboard", "incidents", "sla", "problems", "help",
  };
  const NarrowCase *narrow = data;
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) cut = NULL;
  DeskWindow *window;
  int width;

  desk_test_use_language (narrow->language);
  fill_database (fixture->path, narrow->demo || narrow->empty ? 0 : 40);
  fixture->window = desk_window_new (NULL);
  g_object_ref_sink (fixture->window);
  window = fixture->window;
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_present (GTK_WINDOW (window));
  desk_window_open_database (window, fixture->path, narrow->flags,
                             narrow->demo);
  spin_until (window_settled, window);
  if (narrow->demo || narrow->flags & DESK_STORE_FLAGS_READ_ONLY)
    g_assert_nonnull (desk_window_get_banner_text (window));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                  pages[i]);
      spin_for (300);
      spin_until (transitions_done, window);
      g_test_message ("%s: %u mnemonics", pages[i],
                      desk_test_assert_unique_mnemonics (GTK_WIDGET (window)));
      g_clear_pointer (&cut, g_ptr_array_unref);
      cut = desk_test_ellipsized_labels (GTK_WIDGET (window));
      g_assert_cmpuint (cut->len, ==, 0);
    }

  ids = desk_store_query_ids (desk_window_get_store (window), query, NULL,
                              NULL);
  if (ids->len > 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-incident",
                                  "x", g_array_index (ids, gint64, 0));
      spin_for (300);
      spin_until (transitions_done, window);
      g_test_message ("detail: %u mnemonics",
                      desk_test_assert_unique_mnemonics (GTK_WIDGET (window)));
      g_clear_pointer (&cut, g_ptr_array_unref);
      cut = desk_test_ellipsized_labels (GTK_WIDGET (window));
      g_assert_cmpuint (cut->len, ==, 0);
    }

  width = desk_test_minimum_width (GTK_WIDGET (window));
  g_test_message ("The window needs %d px", width);
  desk_test_log_wide_widgets (GTK_WIDGET (window), 360);
  desk_test_use_language (NULL);
  g_assert_cmpint (width, <=, 360);
}

/* The keyboard shortcuts window (gtk/help-overlay.ui) fits a phone's
 * 360 pixels: GTK 4.8 does not fold it.
 */
static void
test_shortcuts_narrow (gconstpointer data)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *window;
  int width;

  desk_test_use_language (data);
  builder = gtk_builder_new_from_resource ("/io/example/IncidentDesk/"
                                           "gtk/help-overlay.ui");
  window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  desk_gui_fit_shortcuts_window (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  spin_for (100);

  width = desk_test_minimum_width (window);
  g_test_message ("The shortcuts window needs %d px", width);
  desk_test_log_wide_widgets (window, 360);
  gtk_window_destroy (GTK_WINDOW (window));
  desk_test_use_language (NULL);
  g_assert_cmpint (width, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/empty-database", Fixture, NULL, fixture_set_up,
              test_empty_database, fixture_tear_down);
  g_test_add ("/window/pages", Fixture, NULL, fixture_set_up, test_pages,
              fixture_tear_down);
  g_test_add ("/window/actions", Fixture, NULL, fixture_set_up,
              test_actions_exist, fixture_tear_down);
  g_test_add ("/window/viewer-mode", Fixture, NULL, fixture_set_up,
              test_viewer_mode, fixture_tear_down);
  g_test_add ("/window/bad-file/newer-version", Fixture, NULL,
              fixture_set_up, test_newer_version, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/window/bad-file/%s",
                                               bad_files[i].name);

      g_test_add (name, Fixture, &bad_files[i], fixture_set_up,
                  test_bad_file, fixture_tear_down);
    }
  g_test_add ("/window/retry", Fixture, NULL, fixture_set_up, test_retry,
              fixture_tear_down);
  g_test_add ("/window/filter-incidents", Fixture, NULL, fixture_set_up,
              test_filter_incidents, fixture_tear_down);
  g_test_add ("/window/show-incident", Fixture, NULL, fixture_set_up,
              test_show_incident, fixture_tear_down);
  g_test_add ("/window/state-saved", Fixture, NULL, fixture_set_up,
              test_window_state_saved, fixture_tear_down);
  g_test_add ("/window/actor", Fixture, NULL, fixture_set_up,
              test_actor_from_settings, fixture_tear_down);
  g_test_add ("/window/demo", Fixture, NULL, fixture_set_up, test_demo,
              fixture_tear_down);

  for (guint i = 0; i < G_N_ELEMENTS (narrow_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/window/narrow/%s",
                                               narrow_cases[i].name);

      g_test_add (name, Fixture, &narrow_cases[i], fixture_set_up,
                  test_narrow, fixture_tear_down);
    }

  g_test_add_data_func ("/window/shortcuts-narrow/en", NULL,
                        test_shortcuts_narrow);
  g_test_add_data_func ("/window/shortcuts-narrow/id", "id",
                        test_shortcuts_narrow);

  return g_test_run ();
}
