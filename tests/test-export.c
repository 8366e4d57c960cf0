/* test-export.c: the incident list as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "desk-error.h"
#include "desk-export.h"
#include "desk-time.h"
#include "desk-test-util.h"

#define HEADER \
  "reference,title,service,severity,impact,status,detected_at," \
  "acknowledged_at,impact_start,impact_end,resolved_at,closed_at," \
  "downtime_minutes,assignee,reporter,description,root_cause,five_whys," \
  "contributing_factor,workaround,resolution,problem\r\n"

/* 2025-03-09T14:05:00Z */
#define T0 G_GINT64_CONSTANT (1741529100)

typedef struct
{
  char      *dir;
  DeskStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = desk_test_tmpdir_new ();
  path = g_build_filename (f->dir, "export.db", NULL);
  f->store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  desk_store_set_actor (f->store, "tester");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  desk_test_tmpdir_free (f->dir);
}

static DeskIncident *
incident_new (const char   *reference,
              DeskSeverity  severity,
              DeskImpact    impact,
              DeskStatus    status)
{
  DeskIncident *incident = desk_incident_new ();

  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, reference);
  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Title");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  incident->severity = severity;
  incident->impact = impact;
  incident->status = status;
  incident->detected_at = T0;

  return incident;
}

static void
store_incident (Fixture      *f,
                DeskIncident *incident)
{
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  desk_store_import_incident (f->store, incident, NULL, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
}

static DeskIncident *
full_incident (void)
{
  DeskIncident *incident = incident_new ("INC-000001", DESK_SEVERITY_SEV1,
                                         DESK_IMPACT_OUTAGE,
                                         DESK_STATUS_RESOLVED);

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Disk full, on db-1");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Database");
  desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, "ana");
  desk_incident_set_string (incident, DESK_FIELD_REPORTER, "=HYPERLINK(x)");
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                            "line1\nline2 \"q\"");
  desk_incident_set_string (incident, DESK_FIELD_FIVE_WHYS, "why1\nwhy2");
  desk_incident_set_string (incident, DESK_FIELD_WORKAROUND, "-restart");
  desk_incident_set_string (incident, DESK_FIELD_RESOLUTION, "Freed space");
  incident->factor = DESK_FACTOR_TECHNOLOGY;
  incident->acknowledged_at = T0 + 300;
  incident->resolved_at = T0 + 7200;

  return incident;
}

static char *
export_text (Fixture         *f,
             const DeskQuery *query,
             const char      *zone,
             DeskExportFlags  flags)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GError) error = NULL;
  guint64 rows = G_MAXUINT64;

  desk_export_incidents (f->store, query, out, tz, flags, NULL, NULL, &rows,
                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, desk_store_count (f->store, query, NULL));

  g_output_stream_write_all (out, "", 1, NULL, NULL, &error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_columns (void)
{
  const char * const *columns = desk_export_columns ();
  g_autofree char *joined = g_strjoinv (",", (char **) columns);

  g_assert_cmpuint (g_strv_length ((char **) columns), ==, DESK_EXPORT_N_COLUMNS);
  g_assert_cmpstr (joined, ==,
                   "reference,title,service,severity,impact,status,"
                   "detected_at,acknowledged_at,impact_start,impact_end,"
                   "resolved_at,closed_at,downtime_minutes,assignee,"
                   "reporter,description,root_cause,five_whys,"
                   "contributing_factor,workaround,resolution,problem");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = export_text (f, NULL, "UTC", 0);

  g_assert_cmpstr (text, ==, HEADER);
}

static void
test_full_row_utc (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = full_incident ();
  g_autofree char *text = NULL;

  store_incident (f, incident);
  text = export_text (f, NULL, "UTC", 0);

  g_assert_cmpstr (text, ==,
                   HEADER
                   "INC-000001,\"Disk full, on db-1\",Database,SEV1,Outage,"
                   "Resolved,2025-03-09T14:05:00+00:00,"
                   "2025-03-09T14:10:00+00:00,,,2025-03-09T16:05:00+00:00,,"
                   "120,ana,'=HYPERLINK(x),\"line1\nline2 \"\"q\"\"\",,"
                   "\"why1\nwhy2\",Technology,'-restart,Freed space,\r\n");
}

static void
test_full_row_jakarta (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = full_incident ();
  g_autofree char *text = NULL;

  incident->impact_start = T0 - 600;
  incident->closed_at = T0 + 86400;
  incident->status = DESK_STATUS_CLOSED;
  desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE, "Log rotation off");
  store_incident (f, incident);
  text = export_text (f, NULL, "Asia/Jakarta", 0);

  g_assert_cmpstr (text, ==,
                   HEADER
                   "INC-000001,\"Disk full, on db-1\",Database,SEV1,Outage,"
                   "Closed,2025-03-09T21:05:00+07:00,"
                   "2025-03-09T21:10:00+07:00,2025-03-09T20:55:00+07:00,,"
                   "2025-03-09T23:05:00+07:00,2025-03-10T21:05:00+07:00,"
                   "130,ana,'=HYPERLINK(x),\"line1\nline2 \"\"q\"\"\","
                   "Log rotation off,\"why1\nwhy2\",Technology,'-restart,"
                   "Freed space,\r\n");
}

static void
test_spreadsheet (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = incident_new ("INC-000002",
                                                   DESK_SEVERITY_SEV4,
                                                   DESK_IMPACT_NONE,
                                                   DESK_STATUS_NEW);
  g_autofree char *text = NULL;

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "a;b, c");
  store_incident (f, incident);
  text = export_text (f, NULL, "UTC", DESK_EXPORT_FLAGS_SPREADSHEET);

  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "reference;title;service;"));
  g_assert_true (g_str_has_suffix (text,
                                   "\r\nINC-000002;\"a;b, c\";Mail;SEV4;None;New;"
                                   "2025-03-09T14:05:00+00:00;;;;;;;;;;;;;;;\r\n"));
}

typedef struct
{
  const char *name;
  DeskImpact  impact;
  DeskStatus  status;
  gint64      impact_start;  /* relative to T0, or DESK_TIME_NONE */
  gint64      impact_end;
  gint64      resolved;
  gint64      minutes;       /* -1: empty */
} DowntimeCase;

static const DowntimeCase downtime_cases[] = {
  { "outage-defaults", DESK_IMPACT_OUTAGE, DESK_STATUS_RESOLVED,
    DESK_TIME_NONE, DESK_TIME_NONE, 3600, 60 },
  { "outage-explicit", DESK_IMPACT_OUTAGE, DESK_STATUS_RESOLVED,
    600, 1800, 3600, 20 },
  { "outage-rounds-down", DESK_IMPACT_OUTAGE, DESK_STATUS_RESOLVED,
    DESK_TIME_NONE, DESK_TIME_NONE, 119, 1 },
  { "outage-zero", DESK_IMPACT_OUTAGE, DESK_STATUS_RESOLVED,
    DESK_TIME_NONE, DESK_TIME_NONE, 0, 0 },
  { "outage-open", DESK_IMPACT_OUTAGE, DESK_STATUS_INVESTIGATING,
    DESK_TIME_NONE, DESK_TIME_NONE, DESK_TIME_NONE, -1 },
  { "outage-open-with-end", DESK_IMPACT_OUTAGE, DESK_STATUS_MONITORING,
    DESK_TIME_NONE, 900, DESK_TIME_NONE, 15 },
  { "degraded", DESK_IMPACT_DEGRADED, DESK_STATUS_RESOLVED,
    DESK_TIME_NONE, DESK_TIME_NONE, 3600, -1 },
  { "none", DESK_IMPACT_NONE, DESK_STATUS_RESOLVED,
    DESK_TIME_NONE, DESK_TIME_NONE, 3600, -1 },
};

static void
test_downtime (gconstpointer data)
{
  const DowntimeCase *c = data;
  g_autoptr(DeskIncident) incident = incident_new ("INC-1", DESK_SEVERITY_SEV2,
                                                   c->impact, c->status);

  if (c->impact_start != DESK_TIME_NONE)
    incident->impact_start = T0 + c->impact_start;
  if (c->impact_end != DESK_TIME_NONE)
    incident->impact_end = T0 + c->impact_end;
  if (c->resolved != DESK_TIME_NONE)
    incident->resolved_at = T0 + c->resolved;

  g_assert_cmpint (desk_export_downtime_minutes (incident), ==, c->minutes);
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();
  const DeskSeverity severities[] = {
    DESK_SEVERITY_SEV1, DESK_SEVERITY_SEV2, DESK_SEVERITY_SEV1,
  };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    {
      g_autofree char *reference = g_strdup_printf ("INC-%06u", i + 1);
      g_autoptr(DeskIncident) incident = incident_new (reference, severities[i],
                                                       DESK_IMPACT_NONE,
                                                       DESK_STATUS_NEW);

      incident->detected_at = T0 + i * 60;
      store_incident (f, incident);
    }

  query->severity_mask = 1 << DESK_SEVERITY_SEV1;
  query->sort = DESK_SORT_REFERENCE;
  text = export_text (f, query, "UTC", 0);
  lines = g_strsplit (text, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[1], "INC-000001,"));
  g_assert_true (g_str_has_prefix (lines[2], "INC-000003,"));
  g_assert_cmpstr (lines[3], ==, "");
}

static void
count_progress (guint64  rows,
                gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (rows, >=, *last);
  *last = rows;
}

static void
fill (Fixture *f,
      guint    n)
{
  g_autoptr(GError) error = NULL;

  desk_store_begin (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *reference = g_strdup_printf ("INC-%06u", i + 1);
      g_autoptr(DeskIncident) incident = incident_new (reference,
                                                       DESK_SEVERITY_SEV3,
                                                       DESK_IMPACT_NONE,
                                                       DESK_STATUS_NEW);

      desk_store_import_incident (f->store, incident, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  desk_store_commit (f->store, &error);
  g_assert_no_error (error);
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  guint64 last = 0, rows = 0;

  fill (f, 9000);
  desk_export_incidents (f->store, NULL, out, NULL, 0, count_progress, &last,
                         &rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 9000);
  g_assert_cmpuint (last, ==, 9000);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  fill (f, 10);
  g_cancellable_cancel (cancellable);
  g_assert_false (desk_export_incidents (f->store, NULL, out, NULL, 0, NULL,
                                         NULL, NULL, cancellable, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CANCELLED);
}

typedef struct
{
  GMainLoop *loop;
  guint64    rows;
  guint64    progress;
  guint      destroyed;
  GError    *error;
} AsyncState;

static void
async_progress (guint64  rows,
                gpointer user_data)
{
  AsyncState *state = user_data;

  state->progress = rows;
}

static void
async_destroy (gpointer user_data)
{
  AsyncState *state = user_data;

  state->destroyed++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  desk_export_incidents_finish (result, &state->rows, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  AsyncState state = { 0 };

  fill (f, 5000);
  state.loop = g_main_loop_new (NULL, FALSE);
  desk_export_incidents_async (f->store, NULL, out, NULL, 0, async_progress,
                               &state, async_destroy, NULL, async_done,
                               &state);
  g_main_loop_run (state.loop);

  /* Let the last progress calls through. */
  while (state.destroyed == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (state.error);
  g_assert_cmpuint (state.rows, ==, 5000);
  g_assert_cmpuint (state.progress, ==, 5000);
  g_assert_cmpuint (state.destroyed, ==, 1);
  g_main_loop_unref (state.loop);
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/columns", test_columns);
  add ("/export/empty", test_empty);
  add ("/export/row/utc", test_full_row_utc);
  add ("/export/row/jakarta", test_full_row_jakarta);
  add ("/export/spreadsheet", test_spreadsheet);
  add ("/export/query", test_query);
  add ("/export/progress", test_progress);
  add ("/export/cancel", test_cancel);
  add ("/export/async", test_async);

  for (guint i = 0; i < G_N_ELEMENTS (downtime_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export/downtime/%s",
                                               downtime_cases[i].name);

      g_test_add_data_func (path, &downtime_cases[i], test_downtime);
    }

  return g_test_run ();
}
