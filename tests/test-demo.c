/* test-demo.c: the demo generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "desk-demo.h"
#include "desk-error.h"
#include "desk-export.h"
#include "desk-store.h"
#include "desk-test-util.h"

/* 2025-06-15T12:00:00Z */
#define NOW ((gint64) 1749988800)

typedef struct
{
  char      *tmpdir;
  DeskStore *store;
} Fixture;

static DeskStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  DeskStore *store;

  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmpdir = desk_test_tmpdir_new ();
  fixture->store = open_store (fixture, "demo.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  desk_test_tmpdir_free (fixture->tmpdir);
}

static void
fill (DeskStore *store,
      guint      count,
      guint32    seed)
{
  g_autoptr(GError) error = NULL;

  desk_demo_fill (store, count, seed, NOW, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
export_all (DeskStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  guint64 rows = 0;

  desk_export_incidents (store, NULL, out, tz, DESK_EXPORT_FLAGS_NONE,
                         NULL, NULL, &rows, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (out, "", 1, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_same_seed_same_rows (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DeskStore) other = open_store (fixture, "other.db");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  fill (fixture->store, 300, 7);
  fill (other, 300, 7);
  a = export_all (fixture->store);
  b = export_all (other);

  g_assert_cmpuint (strlen (a), >, 300 * 100);
  g_assert_cmpstr (a, ==, b);
}

static void
test_other_seed_other_rows (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(DeskStore) other = open_store (fixture, "other.db");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  fill (fixture->store, 50, 7);
  fill (other, 50, 8);
  a = export_all (fixture->store);
  b = export_all (other);

  g_assert_cmpstr (a, !=, b);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  guint count = GPOINTER_TO_UINT (data);
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskIncident) first = NULL;
  g_autoptr(DeskIncident) last = NULL;
  g_autofree char *last_reference = g_strdup_printf ("INC-%06u", count);

  fill (fixture->store, count, 1);

  summary = desk_store_summary (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->total, ==, count);

  services = desk_store_list_services (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, ==, 12);

  problems = desk_store_list_problems (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 4);

  first = desk_store_find_incident (fixture->store, "INC-000001", &error);
  g_assert_no_error (error);
  last = desk_store_find_incident (fixture->store, last_reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->detected_at, <=, last->detected_at);
  g_assert_cmpint (last->detected_at, <, NOW);
}

/* Mostly SEV3 and SEV4, mostly closed, every status and impact present
 * in a set of a thousand.
 */
static void
test_mix (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint low, high, done;

  fill (fixture->store, 1000, 3);
  summary = desk_store_summary (fixture->store, NULL, &error);
  g_assert_no_error (error);

  high = summary->by_severity[DESK_SEVERITY_SEV1] +
         summary->by_severity[DESK_SEVERITY_SEV2];
  low = summary->by_severity[DESK_SEVERITY_SEV3] +
        summary->by_severity[DESK_SEVERITY_SEV4];
  g_assert_cmpuint (low, >, 4 * high);
  g_assert_cmpuint (summary->by_severity[DESK_SEVERITY_SEV1], >, 0);

  done = summary->by_status[DESK_STATUS_RESOLVED] +
         summary->by_status[DESK_STATUS_CLOSED];
  g_assert_cmpuint (done, >, 900);
  g_assert_cmpuint (summary->open, >, 0);
  g_assert_cmpuint (summary->open + done, ==, 1000);
  g_assert_cmpuint (g_hash_table_size (summary->by_service), ==, 12);
}

typedef struct
{
  guint   n;
  guint   n_open;
  guint   n_with_rca;
  guint   n_outages;
  guint   n_in_problem;
  GString *failures;
} Check;

static gboolean
check_incident (const DeskIncident *incident,
                gpointer            user_data)
{
  Check *check = user_data;
  g_autoptr(GError) error = NULL;
  DeskField field = DESK_FIELD_NONE;

  check->n++;
  if (!desk_incident_validate (incident, &field, &error))
    g_string_append_printf (check->failures, "%s: %s\n",
                            incident->reference, error->message);

  if (desk_status_is_open (incident->status))
    {
      check->n_open++;
      /* Open incidents are recent. */
      if (NOW - incident->detected_at > 14 * 24 * 3600)
        g_string_append_printf (check->failures, "%s: open but old\n",
                                incident->reference);
      if (incident->resolved_at != DESK_TIME_NONE)
        g_string_append_printf (check->failures, "%s: open but resolved\n",
                                incident->reference);
    }
  else
    {
      if (incident->resolution[0] == '\0' || incident->root_cause[0] == '\0')
        g_string_append_printf (check->failures, "%s: no RCA\n",
                                incident->reference);
      check->n_with_rca += incident->five_whys[0] != '\0' &&
                           incident->factor != DESK_FACTOR_UNSET;
    }

  if (incident->status == DESK_STATUS_CLOSED &&
      incident->closed_at == DESK_TIME_NONE)
    g_string_append_printf (check->failures, "%s: closed without time\n",
                            incident->reference);

  /* Services come back within hours, even when the ticket stays open. */
  if (incident->impact != DESK_IMPACT_NONE)
    {
      gint64 start = desk_incident_effective_impact_start (incident);
      gint64 end = desk_incident_effective_impact_end (incident);

      if (end == DESK_TIME_NONE)
        end = NOW;
      if (end - start > 12 * 3600)
        g_string_append_printf (check->failures,
                                "%s: impact of %" G_GINT64_FORMAT " s\n",
                                incident->reference, end - start);
    }

  check->n_outages += incident->impact == DESK_IMPACT_OUTAGE;
  check->n_in_problem += incident->problem[0] != '\0';

  return TRUE;
}

static void
test_every_row_valid (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Check check = { 0 };

  check.failures = g_string_new (NULL);
  fill (fixture->store, 2000, 11);

  desk_store_foreach_incident (fixture->store, NULL, check_incident, &check,
                               NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (check.failures->str, ==, "");
  g_assert_cmpuint (check.n, ==, 2000);
  g_assert_cmpuint (check.n_with_rca, ==, check.n - check.n_open);
  g_assert_cmpuint (check.n_outages, >, 0);
  g_assert_cmpuint (check.n_in_problem, >, 0);
  g_string_free (check.failures, TRUE);
}

static void
test_timeline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  const DeskTimelineEntry *created;

  fill (fixture->store, 10, 5);
  incident = desk_store_find_incident (fixture->store, "INC-000001", &error);
  g_assert_no_error (error);

  /* The first incident is two months old: created, then worked on. */
  timeline = desk_store_list_timeline (fixture->store, incident->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, >=, 3);

  created = timeline->pdata[0];
  g_assert_cmpstr (created->field, ==, "created");
  g_assert_cmpint (created->at, ==, incident->detected_at);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (desk_demo_fill (fixture->store, 100, 1, NOW, NULL, NULL,
                                  cancellable, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CANCELLED);
  g_clear_error (&error);

  summary = desk_store_summary (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->total, ==, 0);
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  double last = 0.0;

  desk_demo_fill (fixture->store, 10000, 2, NOW, count_progress, &last,
                  NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  static const guint counts[] = { 10, 100, 5000 };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/demo/same-seed-same-rows", test_same_seed_same_rows, NULL);
  ADD ("/demo/other-seed-other-rows", test_other_seed_other_rows, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *path = g_strdup_printf ("/demo/counts/%u", counts[i]);

      ADD (path, test_counts, GUINT_TO_POINTER (counts[i]));
    }
  ADD ("/demo/mix", test_mix, NULL);
  ADD ("/demo/every-row-valid", test_every_row_valid, NULL);
  ADD ("/demo/timeline", test_timeline, NULL);
  ADD ("/demo/cancel", test_cancel, NULL);
  ADD ("/demo/progress", test_progress, NULL);

#undef ADD

  return g_test_run ();
}
