/* test-incident-list-page.c: filters, sorting and states of the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "desk-demo.h"
#include "desk-import.h"
#include "desk-incident-list-page.h"
#include "desk-test-util.h"
#include "desk-gui-test-util.h"

#define NOW ((gint64) 1741500000)

typedef struct
{
  char                 *dir;
  DeskStore            *store;
  GtkWidget            *window;
  DeskIncidentListPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = desk_test_tmpdir_new ();
  path = g_build_filename (fixture->dir, "incidents.db", NULL);
  fixture->store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  fixture->page = DESK_INCIDENT_LIST_PAGE (desk_incident_list_page_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window),
                        GTK_WIDGET (fixture->page));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static gboolean
store_gone (gpointer data)
{
  Fixture *fixture = data;

  return fixture->store == NULL;
}

static void spin_until (gboolean (*done) (gpointer data),
                        gpointer   data);

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->page),
                             (gpointer *) &fixture->page);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  desk_test_wait_cleared ((gpointer *) &fixture->page);

  /* Rows still being read hold the store until their thread is done. */
  g_object_add_weak_pointer (G_OBJECT (fixture->store),
                             (gpointer *) &fixture->store);
  g_object_unref (fixture->store);
  spin_until (store_gone, fixture);
  desk_test_tmpdir_free (fixture->dir);
}

static void
fill_demo (Fixture *fixture,
           guint    count)
{
  g_autoptr(GError) error = NULL;

  desk_demo_fill (fixture->store, count, 5, NOW, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
page_idle (gpointer data)
{
  DeskIncidentListModel *model = desk_incident_list_page_get_model (data);

  return !desk_incident_list_model_get_loading (model);
}

static void
spin_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
services_listed (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) services = NULL;

  services = desk_store_list_services (fixture->store, NULL);

  return desk_incident_list_page_get_n_services (fixture->page) ==
         services->len;
}

static void
set_store (Fixture *fixture)
{
  desk_incident_list_page_set_store (fixture->page, fixture->store);
  spin_until (page_idle, fixture->page);
  spin_until (services_listed, fixture);
}

/* The ids shown, compared with what the store answers for @query. */
static void
assert_shows (Fixture   *fixture,
              DeskQuery *query)
{
  DeskIncidentListModel *model = desk_incident_list_page_get_model (fixture->page);
  const GArray *shown;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GError) error = NULL;

  spin_until (page_idle, fixture->page);
  query->sort = DESK_SORT_DETECTED;
  query->descending = TRUE;
  expected = desk_store_query_ids (fixture->store, query, NULL, &error);
  g_assert_no_error (error);

  shown = desk_incident_list_model_get_ids (model);
  g_assert_cmpmem (shown->data, shown->len * sizeof (gint64),
                   expected->data, expected->len * sizeof (gint64));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    expected->len);
}

typedef struct
{
  const char   *name;
  const char   *service;
  DeskSeverity  severity;
  int           status;
} FilterCase;

static const FilterCase filter_cases[] = {
  { "service", "VPN", 0, -1 },
  { "severity", NULL, DESK_SEVERITY_SEV3, -1 },
  { "status", NULL, 0, DESK_STATUS_CLOSED },
  { "service-severity", "Email", DESK_SEVERITY_SEV4, -1 },
  { "service-severity-status", "Printing", DESK_SEVERITY_SEV4,
    DESK_STATUS_CLOSED },
  { "severity-status", NULL, DESK_SEVERITY_SEV2, DESK_STATUS_RESOLVED },
};

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  const FilterCase *c = data;
  g_autoptr(DeskQuery) query = desk_query_new ();
  DeskIncidentListModel *model;

  fill_demo (fixture, 600);
  set_store (fixture);
  desk_incident_list_page_select (fixture->page, c->service, c->severity,
                                  c->status);

  query->service = g_strdup (c->service);
  if (c->severity != 0)
    query->severity_mask = 1u << c->severity;
  if (c->status >= 0)
    query->status_mask = 1u << c->status;
  assert_shows (fixture, query);

  model = desk_incident_list_page_get_model (fixture->page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
}

static void
test_count_text (Fixture       *fixture,
                 gconstpointer  data)
{
  fill_demo (fixture, 120);
  set_store (fixture);

  g_assert_cmpstr (desk_incident_list_page_get_count_text (fixture->page), ==,
                   "120 incidents");
  g_assert_cmpstr (desk_incident_list_page_get_state (fixture->page), ==,
                   "table");
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  set_store (fixture);

  g_assert_cmpstr (desk_incident_list_page_get_state (fixture->page), ==,
                   "no-data");
  g_assert_cmpstr (desk_incident_list_page_get_count_text (fixture->page), ==,
                   "0 incidents");
}

static void
test_no_match_then_clear (Fixture       *fixture,
                          gconstpointer  data)
{
  fill_demo (fixture, 80);
  set_store (fixture);

  desk_incident_list_page_set_search_text (fixture->page,
                                           "no incident says this");
  spin_until (page_idle, fixture->page);
  g_assert_cmpstr (desk_incident_list_page_get_state (fixture->page), ==,
                   "empty");

  desk_incident_list_page_clear_filters (fixture->page);
  spin_until (page_idle, fixture->page);
  g_assert_cmpstr (desk_incident_list_page_get_state (fixture->page), ==,
                   "table");
  g_assert_cmpstr (desk_incident_list_page_get_count_text (fixture->page), ==,
                   "80 incidents");
}

static void
test_search_text (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();

  fill_demo (fixture, 300);
  set_store (fixture);
  desk_incident_list_page_set_search_text (fixture->page, "  vpn ");

  query->text = g_strdup ("vpn");
  assert_shows (fixture, query);
}

typedef struct
{
  const char *filter;
  guint       status_mask;
  guint       severity_mask;
} DashboardFilter;

static const DashboardFilter dashboard_filters[] = {
  { "open", (1u << DESK_STATUS_NEW) | (1u << DESK_STATUS_INVESTIGATING) |
            (1u << DESK_STATUS_IDENTIFIED) | (1u << DESK_STATUS_MONITORING) |
            (1u << DESK_STATUS_ON_HOLD), 0 },
  { "status=On hold", 1u << DESK_STATUS_ON_HOLD, 0 },
  { "severity=SEV1", 0, 1u << DESK_SEVERITY_SEV1 },
};

static void
test_dashboard_filter (Fixture       *fixture,
                       gconstpointer  data)
{
  const DashboardFilter *f = data;
  g_autoptr(DeskQuery) query = desk_query_new ();

  fill_demo (fixture, 300);
  set_store (fixture);
  desk_incident_list_page_set_search_text (fixture->page, "email");

  /* A card replaces whatever filter was there. */
  g_assert_true (desk_incident_list_page_apply_filter (fixture->page,
                                                       f->filter));
  query->status_mask = f->status_mask;
  query->severity_mask = f->severity_mask;
  assert_shows (fixture, query);
}

static void
test_unknown_filter (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_false (desk_incident_list_page_apply_filter (fixture->page,
                                                        "colour=blue"));
}

static void
test_compact (Fixture       *fixture,
              gconstpointer  data)
{
  fill_demo (fixture, 30);
  set_store (fixture);

  desk_incident_list_page_set_compact (fixture->page, TRUE);
  g_assert_cmpstr (desk_incident_list_page_get_state (fixture->page), ==,
                   "cards");
  desk_incident_list_page_set_compact (fixture->page, FALSE);
  g_assert_cmpstr (desk_incident_list_page_get_state (fixture->page), ==,
                   "table");
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The references the table shows, top to bottom. */
static void
collect_references (GtkWidget *widget,
                    GPtrArray *references)
{
  if (GTK_IS_LABEL (widget) &&
      gtk_widget_has_css_class (widget, "desk-reference") &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "INC-"))
    g_ptr_array_add (references,
                     (gpointer) gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_references (child, references);
}

#define ROWS_CHECKED 10

/* The first rows on screen show the first incidents of the result. */
static gboolean
rows_show_result (gpointer data)
{
  Fixture *fixture = data;
  DeskIncidentListModel *model;
  const GArray *ids;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *view = find_widget (GTK_WIDGET (fixture->page),
                                 GTK_TYPE_COLUMN_VIEW);

  model = desk_incident_list_page_get_model (fixture->page);
  ids = desk_incident_list_model_get_ids (model);
  collect_references (view, shown);
  if (shown->len < MIN (ROWS_CHECKED, ids->len))
    return FALSE;

  for (guint i = 0; i < MIN (ROWS_CHECKED, ids->len); i++)
    {
      g_autoptr(DeskIncident) inc = NULL;

      inc = desk_store_get_incident (fixture->store,
                                     g_array_index (ids, gint64, i), NULL);
      if (g_strcmp0 (g_ptr_array_index (shown, i), inc->reference) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Over a thousand rows, the rows on screen follow each new result. */
static void
test_large_change (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DeskQuery) severity = desk_query_new ();
  g_autoptr(DeskQuery) all = desk_query_new ();
  GtkColumnView *view;
  GListModel *shown;

  fill_demo (fixture, 1500);
  set_store (fixture);
  view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (fixture->page),
                                       GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (view);
  spin_until (rows_show_result, fixture);

  desk_incident_list_page_select (fixture->page, NULL, DESK_SEVERITY_SEV2,
                                  -1);
  severity->severity_mask = 1u << DESK_SEVERITY_SEV2;
  assert_shows (fixture, severity);
  spin_until (rows_show_result, fixture);

  shown = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_nonnull (shown);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==,
                    desk_incident_list_model_get_ids (
                      desk_incident_list_page_get_model (fixture->page))->len);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 1500);

  desk_incident_list_page_select (fixture->page, NULL, 0, -1);
  assert_shows (fixture, all);
  spin_until (rows_show_result, fixture);
  shown = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_nonnull (shown);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1500);
  g_assert_cmpstr (desk_incident_list_page_get_count_text (fixture->page), ==,
                   "1500 incidents");
}

static gboolean
scrollable (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) -
         gtk_adjustment_get_page_size (adjustment) > 5000;
}

static gboolean
scrolled_back (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_value (adjustment) == 3000;
}

/* 1,500 incidents in the table, scrolled 3,000 pixels down. */
static GtkAdjustment *
scroll_down (Fixture *fixture)
{
  GtkAdjustment *adjustment;
  GtkWidget *view;

  fill_demo (fixture, 1500);
  set_store (fixture);
  view = find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  spin_until (scrollable, adjustment);
  gtk_adjustment_set_value (adjustment, 3000);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 3000);

  return adjustment;
}

/* A reload of many rows keeps the place in the list. */
static void
test_reload_keeps_place (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DeskQuery) all = desk_query_new ();
  GtkAdjustment *adjustment = scroll_down (fixture);

  desk_incident_list_page_reload (fixture->page);
  assert_shows (fixture, all);
  spin_until (scrolled_back, adjustment);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 3000);
}

static gboolean
at_top (gpointer data)
{
  return gtk_adjustment_get_value (data) == 0;
}

/* A new filter starts at the top of its result. */
static void
test_filter_goes_to_top (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DeskQuery) severity = desk_query_new ();
  GtkAdjustment *adjustment = scroll_down (fixture);

  desk_incident_list_page_select (fixture->page, NULL, DESK_SEVERITY_SEV3,
                                  -1);
  severity->severity_mask = 1u << DESK_SEVERITY_SEV3;
  assert_shows (fixture, severity);
  spin_until (at_top, adjustment);
  spin_until (rows_show_result, fixture);
}

/* Clicking a column header sorts in the store, not in GTK. */
static void
test_sort_by_column (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkColumnView *view;
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) title = NULL;
  g_autoptr(DeskQuery) query = desk_query_new ();
  const DeskQuery *shown;

  fill_demo (fixture, 50);
  set_store (fixture);

  shown = desk_incident_list_page_get_query (fixture->page);
  g_assert_cmpint (shown->sort, ==, DESK_SORT_DETECTED);
  g_assert_true (shown->descending);

  view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                         DESK_TYPE_INCIDENT_LIST_PAGE,
                                                         "column_view"));
  columns = gtk_column_view_get_columns (view);
  title = g_list_model_get_item (columns, 1);
  gtk_column_view_sort_by_column (view, title, GTK_SORT_ASCENDING);
  spin_until (page_idle, fixture->page);

  shown = desk_incident_list_page_get_query (fixture->page);
  g_assert_cmpint (shown->sort, ==, DESK_SORT_TITLE);
  g_assert_false (shown->descending);

  gtk_column_view_sort_by_column (view, title, GTK_SORT_DESCENDING);
  spin_until (page_idle, fixture->page);
  shown = desk_incident_list_page_get_query (fixture->page);
  g_assert_cmpint (shown->sort, ==, DESK_SORT_TITLE);
  g_assert_true (shown->descending);

  query->sort = DESK_SORT_TITLE;
  query->descending = TRUE;
  {
    g_autoptr(GArray) expected = desk_store_query_ids (fixture->store, query,
                                                       NULL, NULL);
    const GArray *ids = desk_incident_list_model_get_ids (desk_incident_list_page_get_model (fixture->page));

    g_assert_cmpmem (ids->data, ids->len * sizeof (gint64),
                     expected->data, expected->len * sizeof (gint64));
  }
}

/* The "done when" of the window: on the uci498 sample, a service, a
 * severity and a status together show what the store (and so --export)
 * gives for the same filters.
 */
static void
test_uci498 (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = desk_test_data_path ("incidents/uci498_incident_event_log_sample.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(DeskQuery) query = desk_query_new ();
  GHashTableIter iter;
  gpointer key, value;
  const char *busiest = NULL;
  guint most = 0;
  DeskImportOptions options;

  if (path == NULL)
    return;

  desk_import_options_init (&options);
  options.format = DESK_IMPORT_FORMAT_SERVICENOW;
  file = g_file_new_for_path (path);
  report = desk_import_file (fixture->store, file, &options, NULL, NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_created, >, 0);

  summary = desk_store_summary (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, summary->by_service);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > most)
      {
        most = GPOINTER_TO_UINT (value);
        busiest = key;
      }
  g_assert_nonnull (busiest);

  set_store (fixture);
  desk_incident_list_page_select (fixture->page, busiest, DESK_SEVERITY_SEV3,
                                  DESK_STATUS_CLOSED);
  query->service = g_strdup (busiest);
  query->severity_mask = 1u << DESK_SEVERITY_SEV3;
  query->status_mask = 1u << DESK_STATUS_CLOSED;
  assert_shows (fixture, query);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (filter_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/incident-list-page/filter/%s",
                                               filter_cases[i].name);

      g_test_add (name, Fixture, &filter_cases[i], fixture_set_up,
                  test_filters, fixture_tear_down);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dashboard_filters); i++)
    {
      g_autofree char *name = NULL;

      name = g_strdup_printf ("/incident-list-page/dashboard-filter/%u", i);
      g_test_add (name, Fixture, &dashboard_filters[i], fixture_set_up,
                  test_dashboard_filter, fixture_tear_down);
    }
  g_test_add ("/incident-list-page/unknown-filter", Fixture, NULL,
              fixture_set_up, test_unknown_filter, fixture_tear_down);
  g_test_add ("/incident-list-page/count-text", Fixture, NULL,
              fixture_set_up, test_count_text, fixture_tear_down);
  g_test_add ("/incident-list-page/empty-database", Fixture, NULL,
              fixture_set_up, test_empty_database, fixture_tear_down);
  g_test_add ("/incident-list-page/no-match-then-clear", Fixture, NULL,
              fixture_set_up, test_no_match_then_clear, fixture_tear_down);
  g_test_add ("/incident-list-page/search-text", Fixture, NULL,
              fixture_set_up, test_search_text, fixture_tear_down);
  g_test_add ("/incident-list-page/compact", Fixture, NULL, fixture_set_up,
              test_compact, fixture_tear_down);
  g_test_add ("/incident-list-page/sort-by-column", Fixture, NULL,
              fixture_set_up, test_sort_by_column, fixture_tear_down);
  g_test_add ("/incident-list-page/uci498", Fixture, NULL, fixture_set_up,
              test_uci498, fixture_tear_down);
  g_test_add ("/incident-list-page/large-change", Fixture, NULL,
              fixture_set_up, test_large_change, fixture_tear_down);
  g_test_add ("/incident-list-page/filter-goes-to-top", Fixture, NULL,
              fixture_set_up, test_filter_goes_to_top, fixture_tear_down);
  g_test_add ("/incident-list-page/reload-keeps-place", Fixture, NULL,
              fixture_set_up, test_reload_keeps_place, fixture_tear_down);

  return g_test_run ();
}
