/* test-concurrent-use.c: the window and a command-line import on one file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "desk-dashboard-page.h"
#include "desk-store.h"
#include "desk-test-util.h"
#include "desk-window.h"
#include "desk-gui-test-util.h"

#define N_IMPORTED 2000
#define N_TYPED    30

typedef struct
{
  char       *dir;
  char       *path;
  char       *csv;
  DeskWindow *window;
} Fixture;

static void
write_import_file (const char *path)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_string_append (csv,
                   "reference,title,service,severity,impact,status,"
                   "detected_at,acknowledged_at,impact_start,impact_end,"
                   "resolved_at,closed_at,downtime_minutes,assignee,"
                   "reporter,description,root_cause,five_whys,"
                   "contributing_factor,workaround,resolution,problem\r\n");
  for (guint i = 1; i <= N_IMPORTED; i++)
    g_string_append_printf (csv,
                            "EXT-%05u,Imported outage %u,Network,SEV3,"
                            "Outage,New,2025-01-06T09:%02u:00+00:00,"
                            ",,,,,,,,,,,,,,\r\n",
                            i, i, i % 60);

  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = desk_test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->dir, "incidents.db", NULL);
  fixture->csv = g_build_filename (fixture->dir, "import.csv", NULL);
  write_import_file (fixture->csv);
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
  g_free (fixture->csv);
}

static void
spin_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

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
  return g_strcmp0 (desk_window_get_state (data), "loading") != 0;
}

static gboolean
dashboard_idle (gpointer data)
{
  GtkWidget *page = desk_window_get_page_widget (data, "dashboard");

  return !desk_dashboard_page_get_loading (DESK_DASHBOARD_PAGE (page));
}

static gboolean
child_exited (gpointer data)
{
  return *(int *) data != G_MININT;
}

static void
on_child_exit (GPid     pid,
               int      wait_status,
               gpointer data)
{
  *(int *) data = wait_status;
  g_spawn_close_pid (pid);
}

static GPid
spawn_import (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    g_getenv ("INCIDENTDESK_BINARY"), "--database", fixture->path,
    "--import", fixture->csv, "--timezone", "UTC", NULL
  };
  GPid pid;

  g_assert_nonnull (argv[0]);
  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  return pid;
}

static gint64
type_incident (DeskStore *store,
               guint      i)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("Typed in the window %u", i);

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Email");
  incident->severity = DESK_SEVERITY_SEV2;
  incident->impact = DESK_IMPACT_DEGRADED;
  incident->detected_at = 1741500000 + i;

  desk_store_create_incident (store, incident, &error);
  g_assert_no_error (error);

  return incident->id;
}

/* Both writers go on at once; neither loses a row, and the window shows
 * the import after a reload.
 */
static void
test_window_and_import (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[N_TYPED];
  int wait_status = G_MININT;
  DeskStore *store;
  GtkWidget *dashboard;

  fixture->window = desk_window_new (NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  desk_window_open_database (fixture->window, fixture->path,
                             DESK_STORE_FLAGS_NONE, FALSE);
  spin_until (window_settled, fixture->window);
  store = desk_window_get_store (fixture->window);
  g_assert_nonnull (store);

  g_child_watch_add (spawn_import (fixture), on_child_exit, &wait_status);

  for (guint i = 0; i < N_TYPED; i++)
    {
      ids[i] = type_incident (store, i);
      g_main_context_iteration (NULL, FALSE);
    }

  spin_until (child_exited, &wait_status);
  g_assert_true (g_spawn_check_wait_status (wait_status, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_TYPED; i++)
    {
      g_autoptr(DeskIncident) stored = NULL;
      g_autofree char *title = g_strdup_printf ("Typed in the window %u", i);

      stored = desk_store_get_incident (store, ids[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (stored->title, ==, title);
    }

  summary = desk_store_summary (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->total, ==, N_IMPORTED + N_TYPED);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window),
                                  "reload", NULL);
  spin_until (dashboard_idle, fixture->window);
  dashboard = desk_window_get_page_widget (fixture->window, "dashboard");
  g_assert_cmpuint (desk_dashboard_page_get_card_value (
                      DESK_DASHBOARD_PAGE (dashboard), "open"),
                    ==, N_IMPORTED + N_TYPED);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/concurrent/window-and-import", Fixture, NULL,
              fixture_set_up, test_window_and_import, fixture_tear_down);

  return g_test_run ();
}
