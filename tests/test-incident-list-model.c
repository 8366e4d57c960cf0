/* test-incident-list-model.c: the store-backed incident list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "desk-demo.h"
#include "desk-incident-list-model.h"
#include "desk-incident-object.h"
#include "desk-test-util.h"

#define NOW ((gint64) 1741500000)   /* 2025-03-09 06:00 UTC */
#define N_DEMO 300

typedef struct
{
  char      *dir;
  DeskStore *store;
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

  if (GPOINTER_TO_UINT (data) > 0)
    {
      desk_demo_fill (fixture->store, GPOINTER_TO_UINT (data), 7, NOW,
                      NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static gboolean store_gone (gpointer data);
static void     spin_until (gboolean (*done) (gpointer data),
                            gpointer   data);

/* A worker thread lets go of its task, and of the store with it, a
 * moment after the main thread has taken the result.
 */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->store),
                             (gpointer *) &fixture->store);
  g_object_unref (fixture->store);
  spin_until (store_gone, fixture);
  desk_test_tmpdir_free (fixture->dir);
}

static gboolean
store_gone (gpointer data)
{
  Fixture *fixture = data;

  return fixture->store == NULL;
}

static gboolean
model_idle (gpointer data)
{
  return !desk_incident_list_model_get_loading (data);
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
item_loaded (gpointer data)
{
  return !desk_incident_object_get_loading (data);
}

/* The item at @position once its block has been read. */
static DeskIncidentObject *
loaded_item (DeskIncidentListModel *model,
             guint                  position)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  DeskIncidentObject *item;

  while ((item = g_list_model_get_item (G_LIST_MODEL (model), position)) &&
         desk_incident_object_get_loading (item))
    {
      g_object_unref (item);
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return item;
}

static guint
store_count (DeskStore       *store,
             const DeskQuery *query)
{
  g_autoptr(GError) error = NULL;
  guint n = desk_store_count (store, query, &error);

  g_assert_no_error (error);

  return n;
}

static void
test_no_store (void)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) ==
                 DESK_TYPE_INCIDENT_OBJECT);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_false (desk_incident_list_model_get_loading (model));
}

static void
test_all_rows (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GArray) ids = NULL;
  guint n;

  desk_incident_list_model_set_store (model, fixture->store);
  g_assert_true (desk_incident_list_model_get_loading (model));
  spin_until (model_idle, model);

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, N_DEMO);
  g_assert_null (desk_incident_list_model_get_error (model));

  /* The default order is newest detected first, as the store gives it. */
  query->sort = DESK_SORT_DETECTED;
  query->descending = TRUE;
  ids = desk_store_query_ids (fixture->store, query, NULL, NULL);
  g_assert_cmpuint (ids->len, ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DeskIncidentObject) item = NULL;
      DeskIncident *inc;

      item = loaded_item (model, i);
      inc = desk_incident_object_get_incident (item);
      g_assert_nonnull (inc);
      g_assert_cmpint (inc->id, ==, g_array_index (ids, gint64, i));
      g_assert_cmpint (desk_incident_object_get_id (item), ==, inc->id);
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

/* Walking every row must never keep more than 16 blocks of 50 alive. */
static void
test_bounded_cache (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  guint n;

  desk_incident_list_model_set_store (model, fixture->store);
  spin_until (model_idle, model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 1200);

  /* The first two blocks come with the query. */
  g_assert_cmpuint (desk_incident_list_model_get_n_cached (model), ==, 100);
  for (guint i = 0; i < n; i++)
    g_object_unref (loaded_item (model, i));

  g_assert_cmpuint (desk_incident_list_model_get_n_cached (model), ==, 800);

  /* Going back to the first row reads its block again. */
  g_object_unref (loaded_item (model, 0));
  g_assert_cmpuint (desk_incident_list_model_get_n_cached (model), ==, 800);
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *n_changes)
{
  (*n_changes)++;
}

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *change)
{
  change[0] = position;
  change[1] = removed;
  change[2] = added;
}

static void
test_filter_change (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(DeskQuery) query = desk_query_new ();
  guint n_changes = 0;

  desk_incident_list_model_set_store (model, fixture->store);
  spin_until (model_idle, model);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes),
                    &n_changes);

  query->severity_mask = 1u << DESK_SEVERITY_SEV3;
  query->status_mask = (1u << DESK_STATUS_RESOLVED) | (1u << DESK_STATUS_CLOSED);
  desk_incident_list_model_set_query (model, query);
  spin_until (model_idle, model);

  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    store_count (fixture->store, query));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_true (desk_query_equal (desk_incident_list_model_get_query (model),
                                   query));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(DeskIncidentObject) item = NULL;
      DeskIncident *inc;

      item = loaded_item (model, i);
      inc = desk_incident_object_get_incident (item);
      g_assert_cmpint (inc->severity, ==, DESK_SEVERITY_SEV3);
      g_assert_true (inc->status == DESK_STATUS_RESOLVED ||
                     inc->status == DESK_STATUS_CLOSED);
    }

  /* The same query again does no work. */
  desk_incident_list_model_set_query (model, query);
  g_assert_false (desk_incident_list_model_get_loading (model));
}

/* A query replaced before it finished never reaches the list. */
static void
test_superseded_query (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(DeskQuery) first = desk_query_new ();
  g_autoptr(DeskQuery) second = desk_query_new ();
  guint n_changes = 0;

  desk_incident_list_model_set_store (model, fixture->store);
  spin_until (model_idle, model);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes),
                    &n_changes);

  first->severity_mask = 1u << DESK_SEVERITY_SEV4;
  second->severity_mask = 1u << DESK_SEVERITY_SEV2;
  desk_incident_list_model_set_query (model, first);
  desk_incident_list_model_set_query (model, second);
  spin_until (model_idle, model);

  /* Give a late answer to the first query every chance to arrive. */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    store_count (fixture->store, second));
  g_assert_cmpuint (store_count (fixture->store, first), !=,
                    store_count (fixture->store, second));
}

static void
test_text_search (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(DeskQuery) query = desk_query_new ();

  desk_incident_list_model_set_store (model, fixture->store);
  query->text = g_strdup ("INC-00001");
  desk_incident_list_model_set_query (model, query);
  spin_until (model_idle, model);

  /* INC-000010 … INC-000019 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
}

/* A row deleted after the query keeps its place, marked as gone. */
static void
test_deleted_row (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(DeskIncidentObject) item = NULL;
  g_autoptr(DeskIncidentObject) next = NULL;
  g_autoptr(GError) error = NULL;
  const GArray *ids;
  g_autofree char *title = NULL;
  gint64 moved;

  desk_incident_list_model_set_store (model, fixture->store);
  spin_until (model_idle, model);
  ids = desk_incident_list_model_get_ids (model);

  /* Row 153 lies beyond the rows read with the query. */
  desk_store_delete_incident (fixture->store, g_array_index (ids, gint64, 153),
                              &error);
  g_assert_no_error (error);

  item = loaded_item (model, 153);
  g_assert_null (desk_incident_object_get_incident (item));
  g_object_get (item, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "This incident was deleted");
  next = loaded_item (model, 154);
  moved = g_array_index (ids, gint64, 154);
  g_assert_cmpint (desk_incident_object_get_incident (next)->id, ==, moved);

  /* After a reload the rows held keep their place and show the
   * incidents now there: the next one has moved up.
   */
  desk_incident_list_model_reload (model);
  spin_until (model_idle, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    N_DEMO - 1);
  spin_until (item_loaded, item);
  g_assert_cmpint (desk_incident_object_get_id (item), ==, moved);
  g_assert_cmpint (desk_incident_object_get_incident (item)->id, ==, moved);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n_notify)
{
  (*n_notify)++;
}

/* A row not read yet shows as loading at once, then fills in place:
 * a view showing it need not build the row again.
 */
static void
test_loading_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(DeskIncidentObject) item = NULL;
  g_autoptr(DeskIncidentObject) again = NULL;
  g_autofree char *title = NULL;
  g_autofree char *loaded_title = NULL;
  guint n_changes = 0, n_notify = 0;
  gint64 id;

  desk_incident_list_model_set_store (model, fixture->store);
  spin_until (model_idle, model);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes),
                    &n_changes);

  item = g_list_model_get_item (G_LIST_MODEL (model), 230);
  g_assert_true (desk_incident_object_get_loading (item));
  g_assert_null (desk_incident_object_get_incident (item));
  g_object_get (item, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Loading…");
  id = desk_incident_object_get_id (item);
  g_assert_cmpint (id, ==,
                   g_array_index (desk_incident_list_model_get_ids (model),
                                  gint64, 230));

  /* Asked again while held, the row is the same item. */
  again = g_list_model_get_item (G_LIST_MODEL (model), 230);
  g_assert_true (again == item);

  g_signal_connect (item, "notify::title", G_CALLBACK (count_notify),
                    &n_notify);
  spin_until (item_loaded, item);
  g_assert_cmpint (desk_incident_object_get_incident (item)->id, ==, id);
  g_object_get (item, "title", &loaded_title, NULL);
  g_assert_cmpstr (loaded_title, ==,
                   desk_incident_object_get_incident (item)->title);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (n_changes, ==, 0);
}

/* A new result shows in the rows held, and only the rows added or
 * removed at the end are announced.
 */
static void
test_rows_follow_result (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(DeskIncidentObject) first = NULL;
  g_autoptr(DeskIncidentObject) far = NULL;
  guint change[3] = { 0, 0, 0 };
  guint n_sev1;

  desk_incident_list_model_set_store (model, fixture->store);
  spin_until (model_idle, model);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  far = g_list_model_get_item (G_LIST_MODEL (model), N_DEMO - 1);
  spin_until (item_loaded, far);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change),
                    change);

  query->severity_mask = 1u << DESK_SEVERITY_SEV1;
  n_sev1 = store_count (fixture->store, query);
  g_assert_cmpuint (n_sev1, >, 0);
  g_assert_cmpuint (n_sev1, <, N_DEMO - 1);
  desk_incident_list_model_set_query (model, query);
  spin_until (model_idle, model);

  g_assert_cmpuint (change[0], ==, n_sev1);
  g_assert_cmpuint (change[1], ==, N_DEMO - n_sev1);
  g_assert_cmpuint (change[2], ==, 0);

  /* The first row was read with the result, so it shows at once. */
  g_assert_false (desk_incident_object_get_loading (first));
  g_assert_cmpint (desk_incident_object_get_id (first), ==,
                   g_array_index (desk_incident_list_model_get_ids (model),
                                  gint64, 0));
  g_assert_cmpint (desk_incident_object_get_incident (first)->severity, ==,
                   DESK_SEVERITY_SEV1);

  /* A row past the new end is left alone for the view to drop. */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_DEMO - 1));
  g_assert_nonnull (desk_incident_object_get_incident (far));
}

static void
test_item_properties (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(DeskIncidentObject) item = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *severity = NULL;
  g_auto(GStrv) classes = NULL;
  DeskIncident *inc;

  desk_incident_list_model_set_store (model, fixture->store);
  spin_until (model_idle, model);

  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  inc = desk_incident_object_get_incident (item);
  g_object_get (item,
                "reference", &reference,
                "severity-label", &severity,
                "severity-classes", &classes,
                NULL);
  g_assert_cmpstr (reference, ==, inc->reference);
  g_assert_cmpstr (severity, ==, desk_severity_label (inc->severity));
  g_assert_cmpuint (g_strv_length (classes), ==, 2);
  g_assert_cmpstr (classes[0], ==, "pill");
  g_assert_true (g_str_has_prefix (classes[1], "sev"));
}

/* The time shown in a row is in the desk's time zone, and follows the
 * preference when it changes.
 */
static char *
expected_time (gint64      instant,
               const char *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%-d %b %Y %H:%M");
}

static void
test_time_zone (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskIncidentListModel) model = desk_incident_list_model_new ();
  g_autoptr(GSettings) settings = g_settings_new ("io.example.IncidentDesk");
  g_autoptr(DeskIncidentObject) item = NULL;
  const char * const zones[] = { "UTC", "Asia/Jakarta", "America/New_York" };
  gint64 detected;

  desk_incident_list_model_set_store (model, fixture->store);
  spin_until (model_idle, model);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  detected = desk_incident_object_get_incident (item)->detected_at;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *expected = expected_time (detected, zones[i]);

      g_settings_set_string (settings, "time-zone", zones[i]);
      g_object_get (item, "detected-text", &text, NULL);
      g_assert_cmpstr (text, ==, expected);
    }

  g_settings_reset (settings, "time-zone");
}

static void
test_dispose_while_loading (Fixture       *fixture,
                            gconstpointer  data)
{
  DeskIncidentListModel *model = desk_incident_list_model_new ();

  desk_incident_list_model_set_store (model, fixture->store);
  g_assert_true (desk_incident_list_model_get_loading (model));
  g_object_run_dispose (G_OBJECT (model));
  g_object_unref (model);

  /* The cancelled task still finishes; nothing may touch the model. */
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/incident-list-model/no-store", test_no_store);
  g_test_add ("/incident-list-model/all-rows", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up, test_all_rows,
              fixture_tear_down);
  g_test_add ("/incident-list-model/bounded-cache", Fixture,
              GUINT_TO_POINTER (1200), fixture_set_up, test_bounded_cache,
              fixture_tear_down);
  g_test_add ("/incident-list-model/filter-change", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up, test_filter_change,
              fixture_tear_down);
  g_test_add ("/incident-list-model/superseded-query", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up,
              test_superseded_query, fixture_tear_down);
  g_test_add ("/incident-list-model/text-search", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up, test_text_search,
              fixture_tear_down);
  g_test_add ("/incident-list-model/deleted-row", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up, test_deleted_row,
              fixture_tear_down);
  g_test_add ("/incident-list-model/loading-rows", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up, test_loading_rows,
              fixture_tear_down);
  g_test_add ("/incident-list-model/rows-follow-result", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up,
              test_rows_follow_result, fixture_tear_down);
  g_test_add ("/incident-list-model/item-properties", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up,
              test_item_properties, fixture_tear_down);
  g_test_add ("/incident-list-model/time-zone", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up, test_time_zone,
              fixture_tear_down);
  g_test_add ("/incident-list-model/dispose-while-loading", Fixture,
              GUINT_TO_POINTER (N_DEMO), fixture_set_up,
              test_dispose_while_loading, fixture_tear_down);

  return g_test_run ();
}
