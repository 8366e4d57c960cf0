/* test-dashboard-page.c: the dashboard's figures against the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "desk-dashboard-page.h"
#include "desk-demo.h"
#include "desk-gui-util.h"
#include "desk-import.h"
#include "desk-test-util.h"
#include "desk-gui-test-util.h"

typedef struct
{
  char      *dir;
  DeskStore *store;
  GtkWidget *window;
  DeskDashboardPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint count = GPOINTER_TO_UINT (data);

  fixture->dir = desk_test_tmpdir_new ();
  path = g_build_filename (fixture->dir, "incidents.db", NULL);
  fixture->store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* Demo incidents around the real now, so "this week" has some. */
  if (count > 0)
    desk_demo_fill (fixture->store, count, 3,
                    g_get_real_time () / G_USEC_PER_SEC, NULL, NULL, NULL,
                    &error);
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  fixture->page = DESK_DASHBOARD_PAGE (desk_dashboard_page_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->page),
                             (gpointer *) &fixture->page);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_null (fixture->page);
  desk_test_assert_finalized (fixture->store);
  desk_test_tmpdir_free (fixture->dir);
}

static gboolean
page_idle (gpointer data)
{
  return !desk_dashboard_page_get_loading (data);
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

static void
test_no_store (Fixture       *fixture,
               gconstpointer  data)
{
  g_assert_cmpstr (desk_dashboard_page_get_state (fixture->page), ==,
                   "no-database");
  g_assert_false (desk_dashboard_page_get_loading (fixture->page));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  desk_dashboard_page_set_store (fixture->page, fixture->store);
  g_assert_true (desk_dashboard_page_get_loading (fixture->page));
  spin_until (page_idle, fixture->page);

  g_assert_cmpstr (desk_dashboard_page_get_state (fixture->page), ==, "empty");
}

static void
test_counts_equal_summary (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  desk_dashboard_page_set_store (fixture->page, fixture->store);
  spin_until (page_idle, fixture->page);
  g_assert_cmpstr (desk_dashboard_page_get_state (fixture->page), ==,
                   "content");

  summary = desk_store_summary (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->total, ==, 400);

  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page, "open"),
                    ==, summary->open);
  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    {
      g_autofree char *filter = NULL;

      filter = g_strdup_printf ("severity=%s", desk_severity_to_string (s));
      g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                            filter),
                        ==, summary->by_severity[s]);
    }
  for (guint s = 0; s < DESK_N_STATUSES; s++)
    {
      g_autofree char *filter = NULL;

      filter = g_strdup_printf ("status=%s", desk_status_to_string (s));
      g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                            filter),
                        ==, summary->by_status[s]);
    }

  g_assert_cmpuint (desk_dashboard_page_get_n_recent (fixture->page), ==, 8);
}

static void
test_week_counts (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = desk_gui_time_zone ();
  g_autoptr(DeskQuery) opened = desk_query_new ();
  g_autoptr(DeskQuery) resolved = desk_query_new ();
  gint64 week, month, month_end;

  desk_gui_week_month (tz, g_get_real_time () / G_USEC_PER_SEC, &week,
                       &month, &month_end);
  opened->detected_from = week;
  resolved->resolved_from = week;

  desk_dashboard_page_set_store (fixture->page, fixture->store);
  spin_until (page_idle, fixture->page);

  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                        "opened-week"),
                    ==, desk_store_count (fixture->store, opened, NULL));
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                        "resolved-week"),
                    ==, desk_store_count (fixture->store, resolved, NULL));
}

/* 2025-03-12 is a Wednesday; its week starts on Monday 10 March. */
static void
test_week_start (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) jakarta = g_time_zone_new_identifier ("Asia/Jakarta");
  gint64 week, month, month_end;

  desk_gui_week_month (utc, 1741780800, &week, &month, &month_end);
  g_assert_cmpint (week, ==, 1741564800);       /* 2025-03-10 00:00Z */
  g_assert_cmpint (month, ==, 1740787200);      /* 2025-03-01 00:00Z */
  g_assert_cmpint (month_end, ==, 1743465600);  /* 2025-04-01 00:00Z */

  desk_gui_week_month (jakarta, 1741780800, &week, &month, &month_end);
  g_assert_cmpint (week, ==, 1741564800 - 7 * 3600);
  g_assert_cmpint (month, ==, 1740787200 - 7 * 3600);
}

static void
test_reload_after_change (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;
  guint before;

  desk_dashboard_page_set_store (fixture->page, fixture->store);
  spin_until (page_idle, fixture->page);
  before = desk_dashboard_page_get_card_value (fixture->page, "status=New");

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Mail is down");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  incident->severity = DESK_SEVERITY_SEV1;
  incident->detected_at = g_get_real_time () / G_USEC_PER_SEC - 60;
  desk_store_create_incident (fixture->store, incident, &error);
  g_assert_no_error (error);

  desk_dashboard_page_reload (fixture->page);
  spin_until (page_idle, fixture->page);
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                        "status=New"),
                    ==, before + 1);
}

static gboolean
page_has_content (gpointer data)
{
  return g_strcmp0 (desk_dashboard_page_get_state (data), "content") == 0 &&
         !desk_dashboard_page_get_loading (data);
}

static void
test_load_demo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskSummary) summary = NULL;
  GtkWidget *button;

  desk_dashboard_page_set_store (fixture->page, fixture->store);
  spin_until (page_idle, fixture->page);
  g_assert_cmpstr (desk_dashboard_page_get_state (fixture->page), ==, "empty");

  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                      DESK_TYPE_DASHBOARD_PAGE,
                                                      "demo_button"));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (button));
  spin_until (page_has_content, fixture->page);

  summary = desk_store_summary (fixture->store, NULL, NULL);
  g_assert_cmpuint (summary->total, ==, DESK_DEMO_COUNT);
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page, "open"),
                    ==, summary->open);
}

static void
test_viewer_mode (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskStore) viewer = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;

  viewer = desk_store_open (desk_store_get_path (fixture->store),
                            DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  desk_dashboard_page_set_store (fixture->page, viewer);
  spin_until (page_idle, fixture->page);

  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                      DESK_TYPE_DASHBOARD_PAGE,
                                                      "demo_button"));
  g_assert_false (gtk_widget_get_sensitive (button));
  desk_dashboard_page_set_store (fixture->page, NULL);
}

/* The "done when" of the window: on the uci498 sample the cards show
 * what --summary prints.
 */
static void
test_uci498 (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  DeskImportOptions options;

  path = desk_test_data_path ("incidents/uci498_incident_event_log_sample.csv");
  if (path == NULL)
    return;

  desk_import_options_init (&options);
  options.format = DESK_IMPORT_FORMAT_SERVICENOW;
  file = g_file_new_for_path (path);
  report = desk_import_file (fixture->store, file, &options, NULL, NULL,
                             NULL, &error);
  g_assert_no_error (error);

  desk_dashboard_page_set_store (fixture->page, fixture->store);
  spin_until (page_idle, fixture->page);

  summary = desk_store_summary (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->total, ==, 731);
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                        "status=Closed"),
                    ==, 731);
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                        "severity=SEV1"),
                    ==, 13);
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                        "severity=SEV2"),
                    ==, 31);
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                        "severity=SEV3"),
                    ==, 619);
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page,
                                                        "severity=SEV4"),
                    ==, 68);
  g_assert_cmpuint (desk_dashboard_page_get_card_value (fixture->page, "open"),
                    ==, summary->open);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dashboard-page/week-start", test_week_start);
  g_test_add ("/dashboard-page/no-store", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_no_store, fixture_tear_down);
  g_test_add ("/dashboard-page/empty", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/dashboard-page/counts-equal-summary", Fixture,
              GUINT_TO_POINTER (400), fixture_set_up,
              test_counts_equal_summary, fixture_tear_down);
  g_test_add ("/dashboard-page/week-counts", Fixture, GUINT_TO_POINTER (400),
              fixture_set_up, test_week_counts, fixture_tear_down);
  g_test_add ("/dashboard-page/uci498", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_uci498, fixture_tear_down);
  g_test_add ("/dashboard-page/load-demo", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_load_demo, fixture_tear_down);
  g_test_add ("/dashboard-page/viewer-mode", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_viewer_mode, fixture_tear_down);
  g_test_add ("/dashboard-page/reload-after-change", Fixture,
              GUINT_TO_POINTER (50), fixture_set_up,
              test_reload_after_change, fixture_tear_down);

  return g_test_run ();
}
