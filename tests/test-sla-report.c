/* test-sla-report.c: SLA figures per service from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "desk-error.h"
#include "desk-sla-report.h"
#include "desk-test-util.h"
#include "desk-time.h"

/* Three services over March 2025 (times in UTC):
 *
 *   Mail (99.9 %)
 *     A  Outage    03-10 10:00-10:30, acknowledged 10:10, resolved 10:30
 *     B  Outage    03-10 10:20-10:50, acknowledged 10:25, resolved 10:50
 *     C  Degraded  03-12 08:00-09:00, acknowledged 08:30, resolved 09:00
 *     D  Outage    03-31 22:30-04-01 00:30, acknowledged 22:40, resolved
 *                  00:30 (across the end of March)
 *     E  Outage    02-28 22:30-23:30, acknowledged 22:35, resolved 23:30
 *                  (before March in UTC, inside it in Berlin and Jakarta)
 *   Web (99 %)
 *     F  Outage    03-20 00:00, acknowledged 00:05, still open
 *   Idle (99.9 %), no incidents
 *
 * The report is made at 2025-03-20 02:00 UTC, so F counts 120 minutes.
 */

typedef struct
{
  const char *reference;
  const char *service;
  DeskImpact  impact;
  DeskStatus  status;
  const char *detected;
  const char *acknowledged;
  const char *impact_end;
  const char *resolved;
} Seed;

static const Seed seeds[] = {
  { "A", "Mail", DESK_IMPACT_OUTAGE, DESK_STATUS_RESOLVED,
    "2025-03-10T10:00:00Z", "2025-03-10T10:10:00Z", NULL,
    "2025-03-10T10:30:00Z" },
  { "B", "Mail", DESK_IMPACT_OUTAGE, DESK_STATUS_RESOLVED,
    "2025-03-10T10:20:00Z", "2025-03-10T10:25:00Z", NULL,
    "2025-03-10T10:50:00Z" },
  { "C", "Mail", DESK_IMPACT_DEGRADED, DESK_STATUS_RESOLVED,
    "2025-03-12T08:00:00Z", "2025-03-12T08:30:00Z", NULL,
    "2025-03-12T09:00:00Z" },
  { "D", "Mail", DESK_IMPACT_OUTAGE, DESK_STATUS_RESOLVED,
    "2025-03-31T22:30:00Z", "2025-03-31T22:40:00Z", NULL,
    "2025-04-01T00:30:00Z" },
  { "E", "Mail", DESK_IMPACT_OUTAGE, DESK_STATUS_RESOLVED,
    "2025-02-28T22:30:00Z", "2025-02-28T22:35:00Z", NULL,
    "2025-02-28T23:30:00Z" },
  { "F", "Web", DESK_IMPACT_OUTAGE, DESK_STATUS_INVESTIGATING,
    "2025-03-20T00:00:00Z", "2025-03-20T00:05:00Z", NULL, NULL },
};

#define NOW G_GINT64_CONSTANT (1742436000) /* 2025-03-20T02:00:00Z */

typedef struct
{
  char      *dir;
  DeskStore *store;
} Fixture;

static gint64
utc (const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  gint64 instant = DESK_TIME_NONE;

  if (text == NULL)
    return DESK_TIME_NONE;

  g_assert_true (desk_time_parse (text, tz, DESK_FOLD_REFUSE, &instant, NULL));

  return instant;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DeskService) web = desk_service_new ("Web", 99.0);
  g_autoptr(DeskService) idle = desk_service_new ("Idle", 99.9);
  g_autoptr(DeskService) mail = desk_service_new ("Mail", 99.9);

  f->dir = desk_test_tmpdir_new ();
  path = g_build_filename (f->dir, "incidents.db", NULL);
  f->store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_assert_true (desk_store_save_service (f->store, web, &error));
  g_assert_true (desk_store_save_service (f->store, idle, &error));
  g_assert_true (desk_store_save_service (f->store, mail, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      const Seed *s = &seeds[i];
      g_autoptr(DeskIncident) incident = desk_incident_new ();
      gboolean created = FALSE;

      desk_incident_set_string (incident, DESK_FIELD_REFERENCE, s->reference);
      desk_incident_set_string (incident, DESK_FIELD_TITLE, "Something broke");
      desk_incident_set_string (incident, DESK_FIELD_SERVICE, s->service);
      desk_incident_set_string (incident, DESK_FIELD_RESOLUTION, "Fixed.");
      incident->severity = DESK_SEVERITY_SEV2;
      incident->impact = s->impact;
      incident->status = s->status;
      incident->detected_at = utc (s->detected);
      incident->acknowledged_at = utc (s->acknowledged);
      incident->impact_end = utc (s->impact_end);
      incident->resolved_at = utc (s->resolved);

      g_assert_true (desk_store_import_incident (f->store, incident, NULL,
                                                 &created, &error));
      g_assert_no_error (error);
      g_assert_true (created);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  desk_test_tmpdir_free (f->dir);
}

static DeskSlaReport *
march_report (Fixture    *f,
              const char *zone_name,
              double      weight)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = desk_time_zone_new (zone_name, &error);
  DeskSlaReport *report;
  gint64 start;
  gint64 end;

  g_assert_true (desk_period_parse ("2025-03", tz, &start, &end, &error));
  report = desk_sla_report_build (f->store, NULL, start, end, tz, weight,
                                  NOW, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->rows->len, ==, 3);

  return report;
}

static const DeskSlaRow *
row_named (const DeskSlaReport *report,
           const char          *service)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const DeskSlaRow *row = g_ptr_array_index (report->rows, i);

      if (strcmp (row->service, service) == 0)
        return row;
    }

  g_assert_not_reached ();
}

/* The expected Mail figures in one zone, worked out by hand above. */
typedef struct
{
  const char *zone;
  gint64      period_minutes;
  gint64      outage_minutes;
  guint       n_outages;
  guint       mtta_count;
  double      mtta_mean;      /* minutes */
  double      mtta_median;
  double      mtta_p90;
  guint       mttr_count;
  double      mttr_mean;
  double      mttr_median;
  double      mttr_p90;
  double      web_mtbf_hours;
} ZoneCase;

static const ZoneCase zone_cases[] = {
  /* A∪B 50 min + D's 90 min of March; E is in February. */
  { "UTC", 44640, 140, 3, 4, 13.75, 10, 30, 3, 40, 30, 60, 742 },
  /* March runs 2025-02-28T23:00Z to 03-31T22:00Z: A∪B + half of E. */
  { "Europe/Berlin", 44580, 80, 3, 3, 15, 10, 30, 4, 45, 45, 60, 741 },
  /* March runs 2025-02-28T17:00Z to 03-31T17:00Z: A∪B + all of E. */
  { "Asia/Jakarta", 44640, 110, 3, 4, 12.5, 7.5, 30, 4, 45, 45, 60, 742 },
};

static void
test_zone (Fixture       *f,
           gconstpointer  data)
{
  const ZoneCase *c = data;
  g_autoptr(DeskSlaReport) report = march_report (f, c->zone, 0.0);
  const DeskSlaRow *mail = row_named (report, "Mail");
  const DeskSlaRow *web = row_named (report, "Web");
  const DeskAvailability *a = &mail->availability;
  double period = c->period_minutes * 60.0;
  double downtime = c->outage_minutes * 60.0;

  g_assert_cmpstr (report->time_zone, ==, c->zone);
  g_assert_cmpint (a->period_seconds, ==, c->period_minutes * 60);
  g_assert_cmpint (a->outage_seconds, ==, c->outage_minutes * 60);
  g_assert_cmpint (desk_intervals_length (mail->outages), ==,
                   c->outage_minutes * 60);
  g_assert_cmpint (a->degraded_seconds, ==, 3600);
  g_assert_cmpint (desk_intervals_length (mail->degraded), ==, 3600);
  g_assert_cmpfloat_with_epsilon (a->downtime_seconds, downtime, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->uptime_percent,
                                  100 * (period - downtime) / period, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->allowed_seconds, period / 1000, 1e-6);
  g_assert_cmpint (a->state, ==, DESK_SLA_BREACHED);
  g_assert_cmpuint (a->n_outages, ==, c->n_outages);
  g_assert_cmpfloat_with_epsilon (a->mtbf_seconds,
                                  (period - downtime) / c->n_outages, 1e-6);
  g_assert_false (a->counts_open);

  g_assert_cmpuint (mail->mtta.count, ==, c->mtta_count);
  g_assert_cmpfloat_with_epsilon (mail->mtta.mean, c->mtta_mean * 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (mail->mtta.median, c->mtta_median * 60,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (mail->mtta.p90, c->mtta_p90 * 60, 1e-9);
  g_assert_cmpuint (mail->mttr.count, ==, c->mttr_count);
  g_assert_cmpfloat_with_epsilon (mail->mttr.mean, c->mttr_mean * 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (mail->mttr.median, c->mttr_median * 60,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (mail->mttr.p90, c->mttr_p90 * 60, 1e-9);

  /* The open Web outage counts from 00:00 until now, 02:00. */
  g_assert_true (web->availability.counts_open);
  g_assert_cmpint (web->availability.outage_seconds, ==, 7200);
  g_assert_cmpint (web->availability.state, ==, DESK_SLA_MET);
  g_assert_cmpuint (web->availability.n_outages, ==, 1);
  g_assert_cmpfloat_with_epsilon (web->availability.mtbf_seconds,
                                  c->web_mtbf_hours * 3600, 1e-6);
  g_assert_cmpuint (web->mtta.count, ==, 1);
  g_assert_cmpfloat_with_epsilon (web->mtta.mean, 300, 1e-9);
  g_assert_cmpuint (web->mttr.count, ==, 0);
}

static void
test_idle_service (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskSlaReport) report = march_report (f, "UTC", 0.0);
  const DeskSlaRow *idle = row_named (report, "Idle");

  g_assert_cmpstr (((DeskSlaRow *) report->rows->pdata[0])->service, ==,
                   "Idle");
  g_assert_cmpint (idle->availability.outage_seconds, ==, 0);
  g_assert_cmpfloat (idle->availability.uptime_percent, ==, 100.0);
  g_assert_cmpint (idle->availability.state, ==, DESK_SLA_MET);
  g_assert_cmpfloat (idle->availability.mtbf_seconds, ==, -1);
  g_assert_cmpuint (idle->mtta.count, ==, 0);
  g_assert_cmpuint (idle->outages->len, ==, 0);
}

static DeskSlaReport *
period_report (Fixture    *f,
               const char *period)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  DeskSlaReport *report;
  gint64 start;
  gint64 end;

  g_assert_true (desk_period_parse (period, tz, &start, &end, &error));
  report = desk_sla_report_build (f->store, NULL, start, end, tz, 0.0, NOW,
                                  NULL, &error);
  g_assert_no_error (error);

  return report;
}

/* A period no incident touched says so, and where the latest incident
 * is: D, detected last, on 31 March 22:30.
 */
static void
test_quiet_period (Fixture       *f,
                   gconstpointer  data)
{
  const char * const busy[] = { "2025-02", "2025-03", "2025-04", NULL };
  const char * const quiet[] = { "2024", "2025-05", "2026-12-04", NULL };
  g_autofree char *path = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(DeskStore) empty = NULL;
  g_autoptr(GError) error = NULL;
  gint64 latest = 0;

  /* E in February; A–D and F in March; D's tail, to 00:30, in April. */
  for (guint i = 0; busy[i] != NULL; i++)
    {
      g_autoptr(DeskSlaReport) report = period_report (f, busy[i]);

      g_assert_false (desk_sla_report_is_quiet (report));
      g_assert_cmpint (report->latest_detected, ==,
                       utc ("2025-03-31T22:30:00Z"));
    }

  for (guint i = 0; quiet[i] != NULL; i++)
    {
      g_autoptr(DeskSlaReport) report = period_report (f, quiet[i]);

      g_assert_cmpuint (report->rows->len, ==, 3);
      g_assert_true (desk_sla_report_is_quiet (report));
      g_assert_cmpint (report->latest_detected, ==,
                       utc ("2025-03-31T22:30:00Z"));
    }

  empty = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_latest_detected (empty, &latest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (latest, ==, DESK_TIME_NONE);
}

static void
test_degraded_weight (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskSlaReport) report = march_report (f, "UTC", 0.5);
  const DeskSlaRow *mail = row_named (report, "Mail");

  g_assert_cmpfloat (report->degraded_weight, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (mail->availability.downtime_seconds,
                                  (140 + 30) * 60, 1e-9);
  g_assert_cmpint (mail->availability.degraded_seconds, ==, 3600);
}

static void
test_open_before_now (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(DeskSlaReport) report = NULL;
  const DeskSlaRow *web;

  /* Made on 19 March, before F began: it counts nothing yet. */
  report = desk_sla_report_build (f->store, "Web", utc ("2025-03-01T00:00Z"),
                                  utc ("2025-04-01T00:00Z"), tz, 0,
                                  utc ("2025-03-19T00:00Z"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, 1);
  web = row_named (report, "Web");
  g_assert_cmpint (web->availability.outage_seconds, ==, 0);
  g_assert_false (web->availability.counts_open);
}

static void
import_closed_outage (Fixture    *f,
                      const char *reference,
                      const char *detected,
                      const char *closed)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, reference);
  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Closed long ago");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Idle");
  incident->severity = DESK_SEVERITY_SEV2;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->status = DESK_STATUS_CLOSED;
  incident->detected_at = utc (detected);
  incident->closed_at = utc (closed);

  g_assert_true (desk_store_import_incident (f->store, incident, NULL,
                                             &created, &error));
  g_assert_no_error (error);
}

/* Imported history can close an outage without recording when it
 * ended: such an incident is not still going on. Its closing time, when
 * there is one, ends it.
 */
static void
test_closed_without_end (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(DeskSlaReport) report = NULL;
  const DeskSlaRow *idle;

  import_closed_outage (f, "OLD-1", "2025-03-05T00:00Z", NULL);
  import_closed_outage (f, "OLD-2", "2025-03-06T00:00Z", "2025-03-06T01:00Z");

  report = desk_sla_report_build (f->store, "Idle", utc ("2025-03-01T00:00Z"),
                                  utc ("2025-04-01T00:00Z"), tz, 0, NOW,
                                  NULL, &error);
  g_assert_no_error (error);
  idle = row_named (report, "Idle");
  g_assert_cmpint (idle->availability.outage_seconds, ==, 3600);
  g_assert_false (idle->availability.counts_open);
}

static void
test_unknown_service (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  DeskSlaReport *report;

  report = desk_sla_report_build (f->store, "Nope", 0, 86400, tz, 0, NOW,
                                  NULL, &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DeskSlaReport *report;

  g_cancellable_cancel (cancellable);
  report = desk_sla_report_build (f->store, NULL, 0, 86400, tz, 0, NOW,
                                  cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CANCELLED);
}

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  DeskSlaReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = desk_sla_report_build_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = desk_time_zone_new ("Europe/Berlin", NULL);
  g_autoptr(DeskSlaReport) report = NULL;
  gint64 start;
  gint64 end;

  g_assert_true (desk_period_parse ("2025-03", tz, &start, &end, NULL));
  desk_sla_report_build_async (f->store, NULL, start, end, tz, 0, NOW,
                               NULL, on_built, &report);

  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (report->rows->len, ==, 3);
  g_assert_cmpint (row_named (report, "Mail")->availability.outage_seconds,
                   ==, 80 * 60);
}

static char *
write_csv (DeskSlaReport *report,
           gboolean       spreadsheet)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_sla_report_write_csv (report, out, NULL, spreadsheet,
                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(DeskSlaReport) report = march_report (f, "UTC", 0.0);
  g_autofree char *csv = write_csv (report, FALSE);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);


  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==,
                   "service,period_start,period_end,period_minutes,"
                   "target_percent,downtime_minutes,degraded_minutes,"
                   "degraded_weight,uptime_percent,allowed_downtime_minutes,"
                   "budget_left_minutes,state,outages,mtta_minutes,"
                   "mtta_count,mtta_median_minutes,mtta_p90_minutes,"
                   "mttr_minutes,mttr_count,mttr_median_minutes,"
                   "mttr_p90_minutes,mtbf_hours,outage_minutes,time_zone,"
                   "open_counted_until,method");
  g_assert_true (g_str_has_prefix (lines[1],
                   "Idle,2025-03-01T00:00:00+00:00,2025-04-01T00:00:00+00:00,"
                   "44640,99.9,0,0,0,100,44.64,44.64,Met,0,,0,,,,0,,,,0,UTC,,"
                   "\"The figures cover the period from 1 Mar 2025 00:00 up "
                   "to 1 Apr 2025 00:00 in the time zone UTC."));
  /* 100 × (44640 − 140) / 44640 = 99.686379…; MTBF 14833.3 min. */
  g_assert_true (g_str_has_prefix (lines[2],
                   "Mail,2025-03-01T00:00:00+00:00,2025-04-01T00:00:00+00:00,"
                   "44640,99.9,140,60,0,99.68638,44.64,-95.36,Breached,3,"
                   "13.75,4,10,30,40,3,30,60,247.222,140,UTC,,\""));
  g_assert_true (g_str_has_prefix (lines[3],
                   "Web,2025-03-01T00:00:00+00:00,2025-04-01T00:00:00+00:00,"
                   "44640,99,120,0,0,99.73118,446.4,326.4,Met,1,"
                   "5,1,5,5,,0,,,742,120,UTC,2025-03-20T02:00:00+00:00,\""));
  g_assert_nonnull (strstr (lines[3], "still open are counted until now, "
                                      "20 Mar 2025 02:00."));
  g_assert_cmpstr (lines[4], ==, "");
}

/* A write that fails says so in one translated sentence. */
static void
test_csv_disk_full (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskSlaReport) report = march_report (f, "UTC", 0.0);
  g_autoptr(GFile) full = g_file_new_for_path ("/dev/full");
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  out = g_file_append_to (full, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (desk_sla_report_write_csv (report, G_OUTPUT_STREAM (out),
                                             NULL, FALSE, NULL, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "The SLA report could not be written "
                   "because the disk is full.");
}

static void
test_csv_spreadsheet (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskSlaReport) report = march_report (f, "Europe/Berlin", 0.0);
  g_autofree char *csv = write_csv (report, TRUE);

  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFservice;period_start;"));
  g_assert_nonnull (strstr (csv, "\r\nMail;2025-03-01T00:00:00+01:00;"
                                 "2025-04-01T00:00:00+02:00;44580;"));
}

static void
test_method (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DeskSlaReport) report = march_report (f, "Asia/Jakarta", 0.25);
  g_autofree char *method = desk_sla_report_method (report);

  g_assert_nonnull (strstr (method, "from 1 Mar 2025 00:00 up to "
                                    "1 Apr 2025 00:00 in the time zone "
                                    "Asia/Jakarta."));
  g_assert_nonnull (strstr (method, "the shared time counts once"));
  g_assert_nonnull (strstr (method, "with a weight of 0.25"));
  g_assert_nonnull (strstr (method, "At risk from 75 % up to and including "
                                    "100 %"));
  g_assert_nonnull (strstr (method, "until now, 20 Mar 2025 09:00."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (zone_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sla-report/march/%s",
                                               zone_cases[i].zone);

      g_test_add (path, Fixture, &zone_cases[i],
                  fixture_set_up, test_zone, fixture_tear_down);
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sla-report/idle-service", test_idle_service);
  ADD ("/sla-report/degraded-weight", test_degraded_weight);
  ADD ("/sla-report/quiet-period", test_quiet_period);
  ADD ("/sla-report/open-before-now", test_open_before_now);
  ADD ("/sla-report/closed-without-end", test_closed_without_end);
  ADD ("/sla-report/unknown-service", test_unknown_service);
  ADD ("/sla-report/cancelled", test_cancelled);
  ADD ("/sla-report/async", test_async);
  ADD ("/sla-report/csv/plain", test_csv);
  ADD ("/sla-report/csv/spreadsheet", test_csv_spreadsheet);
  ADD ("/sla-report/csv/disk-full", test_csv_disk_full);
  ADD ("/sla-report/method", test_method);

  return g_test_run ();
}
