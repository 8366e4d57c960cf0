/* desk-sla-report.c: SLA figures per service for a period, from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-sla-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-csv.h"
#include "desk-error.h"
#include "desk-sla-report.h"
#include "desk-time.h"

static const char * const csv_columns[] = {
  "service",
  "period_start",
  "period_end",
  "period_minutes",
  "target_percent",
  "downtime_minutes",
  "degraded_minutes",
  "degraded_weight",
  "uptime_percent",
  "allowed_downtime_minutes",
  "budget_left_minutes",
  "state",
  "outages",
  "mtta_minutes",
  "mtta_count",
  "mtta_median_minutes",
  "mtta_p90_minutes",
  "mttr_minutes",
  "mttr_count",
  "mttr_median_minutes",
  "mttr_p90_minutes",
  "mtbf_hours",
  "outage_minutes",
  "time_zone",
  "open_counted_until",
  "method",
};

static void
sla_row_free (DeskSlaRow *row)
{
  g_free (row->service);
  g_clear_pointer (&row->outages, g_array_unref);
  g_clear_pointer (&row->degraded, g_array_unref);
  g_free (row);
}

void
desk_sla_report_free (DeskSlaReport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->time_zone);
  g_free (self);
}

static gboolean
inside (gint64 instant,
        gint64 start,
        gint64 end)
{
  return instant != DESK_TIME_NONE && instant >= start && instant < end;
}

/* Whether an impact interval [s, e) meets [start, end); an interval of no
 * length meets the period when its instant lies inside.
 */
static gboolean
meets (gint64 s,
       gint64 e,
       gint64 start,
       gint64 end)
{
  if (s == e)
    return inside (s, start, end);

  return s < end && e > start;
}

static DeskSlaRow *
build_row (const DeskService      *service,
           const DeskImpactRecord *records,
           guint                   n_records,
           gint64                  start,
           gint64                  end,
           double                  degraded_weight,
           gint64                  now)
{
  DeskSlaRow *row = g_new0 (DeskSlaRow, 1);
  g_autoptr(GArray) outages = NULL;
  g_autoptr(GArray) degraded = NULL;
  g_autoptr(GArray) degraded_all = NULL;
  g_autoptr(GArray) acknowledge = NULL;
  g_autoptr(GArray) resolve = NULL;
  gboolean counts_open = FALSE;
  guint n_outages = 0;

  outages = g_array_new (FALSE, FALSE, sizeof (DeskInterval));
  degraded = g_array_new (FALSE, FALSE, sizeof (DeskInterval));
  acknowledge = g_array_new (FALSE, FALSE, sizeof (gint64));
  resolve = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n_records; i++)
    {
      const DeskImpactRecord *r = &records[i];

      if (inside (r->acknowledged_at, start, end) &&
          r->detected_at != DESK_TIME_NONE)
        {
          gint64 value = MAX (r->acknowledged_at - r->detected_at, 0);

          g_array_append_val (acknowledge, value);
        }

      if (inside (r->resolved_at, start, end) &&
          r->detected_at != DESK_TIME_NONE)
        {
          gint64 value = MAX (r->resolved_at - r->detected_at, 0);

          g_array_append_val (resolve, value);
        }

      if ((r->impact == DESK_IMPACT_OUTAGE ||
           r->impact == DESK_IMPACT_DEGRADED) &&
          r->impact_start != DESK_TIME_NONE)
        {
          DeskInterval span = { r->impact_start, r->impact_end };
          gboolean open = span.end == DESK_TIME_NONE;

          /* Imported history may close an incident without any end
           * time: it has no measurable downtime, and must not count as
           * still going on.
           */
          if (open && !desk_status_is_open (r->status))
            {
              span.end = span.start;
              open = FALSE;
            }

          /* Still going on: it counts until now. */
          if (open)
            span.end = MAX (now, span.start);

          if (!meets (span.start, span.end, start, end))
            continue;

          if (open && MIN (span.end, end) > MAX (span.start, start))
            counts_open = TRUE;

          if (r->impact == DESK_IMPACT_OUTAGE)
            {
              g_array_append_val (outages, span);
              n_outages++;
            }
          else
            g_array_append_val (degraded, span);
        }
    }

  row->service = g_strdup (service->name);
  row->outages = desk_intervals_merge ((DeskInterval *) outages->data,
                                       outages->len, start, end);
  degraded_all = desk_intervals_merge ((DeskInterval *) degraded->data,
                                       degraded->len, start, end);
  row->degraded = desk_intervals_subtract (degraded_all, row->outages);

  desk_availability_from_intervals (start, end, row->outages, row->degraded,
                                    degraded_weight, service->target,
                                    n_outages, &row->availability);
  row->availability.counts_open = counts_open;

  desk_stats_compute ((gint64 *) acknowledge->data, acknowledge->len,
                      &row->mtta);
  desk_stats_compute ((gint64 *) resolve->data, resolve->len, &row->mttr);

  return row;
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;

  g_set_error (error, DESK_ERROR, DESK_ERROR_CANCELLED,
               _("The report was cancelled."));

  return TRUE;
}

DeskSlaReport *
desk_sla_report_build (DeskStore     *store,
                       const char    *service,
                       gint64         period_start,
                       gint64         period_end,
                       GTimeZone     *tz,
                       double         degraded_weight,
                       gint64         now,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(DeskSlaReport) report = NULL;
  g_autoptr(GPtrArray) services = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (period_start <= period_end, NULL);

  if (service != NULL)
    {
      DeskService *one = desk_store_get_service (store, service, error);

      if (one == NULL)
        return NULL;

      services = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                 desk_service_free);
      g_ptr_array_add (services, one);
    }
  else
    {
      services = desk_store_list_services (store, error);
      if (services == NULL)
        return NULL;
    }

  report = g_new0 (DeskSlaReport, 1);
  report->period_start = period_start;
  report->period_end = period_end;
  report->now = now;
  report->time_zone = g_strdup (tz != NULL ? g_time_zone_get_identifier (tz)
                                           : "UTC");
  report->degraded_weight = CLAMP (degraded_weight, 0.0, 1.0);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                 sla_row_free);

  /* One service at a time, so memory follows the busiest service rather
   * than the whole database.
   */
  for (guint i = 0; i < services->len; i++)
    {
      const DeskService *one = g_ptr_array_index (services, i);
      g_autoptr(GArray) records = NULL;

      if (check_cancelled (cancellable, error))
        return NULL;

      records = desk_store_list_impacts (store, one->name,
                                         period_start, period_end,
                                         cancellable, error);
      if (records == NULL)
        return NULL;

      g_ptr_array_add (report->rows,
                       build_row (one,
                                  (DeskImpactRecord *) records->data,
                                  records->len,
                                  period_start, period_end,
                                  report->degraded_weight, now));
    }

  if (!desk_store_latest_detected (store, &report->latest_detected, error))
    return NULL;

  g_debug ("SLA report: %u services", report->rows->len);

  return g_steal_pointer (&report);
}

typedef struct
{
  char      *service;
  gint64     period_start;
  gint64     period_end;
  GTimeZone *tz;
  double     degraded_weight;
  gint64     now;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->service);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_free (data);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;
  DeskSlaReport *report;

  report = desk_sla_report_build (source_object, data->service,
                                  data->period_start, data->period_end,
                                  data->tz, data->degraded_weight, data->now,
                                  cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report,
                           (GDestroyNotify) desk_sla_report_free);
}

void
desk_sla_report_build_async (DeskStore           *store,
                             const char          *service,
                             gint64               period_start,
                             gint64               period_end,
                             GTimeZone           *tz,
                             double               degraded_weight,
                             gint64               now,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  g_return_if_fail (DESK_IS_STORE (store));

  data = g_new0 (BuildData, 1);
  data->service = g_strdup (service);
  data->period_start = period_start;
  data->period_end = period_end;
  data->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  data->degraded_weight = degraded_weight;
  data->now = now;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sla_report_build_async);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

DeskSlaReport *
desk_sla_report_build_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        desk_sla_report_build_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* CSV */

/* Fixed decimals with trailing zeros trimmed, always with a '.' as the
 * decimal mark: "43.2", "44640", "99.90046".
 */
static void
add_number (DeskCsvWriter *writer,
            double         value,
            int            decimals)
{
  char format[8];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *dot;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, value);

  dot = strchr (buf, '.');
  if (dot != NULL)
    {
      char *last = buf + strlen (buf) - 1;

      while (last > dot && *last == '0')
        *last-- = '\0';
      if (last == dot)
        *last = '\0';
    }

  desk_csv_writer_add_plain (writer, strcmp (buf, "-0") == 0 ? "0" : buf);
}

static void
add_minutes (DeskCsvWriter *writer,
             double         seconds)
{
  add_number (writer, seconds / 60.0, 3);
}

static void
add_stats (DeskCsvWriter   *writer,
           const DeskStats *stats)
{
  char count[16];

  g_snprintf (count, sizeof count, "%u", stats->count);

  if (stats->count == 0)
    desk_csv_writer_add_plain (writer, "");
  else
    add_minutes (writer, stats->mean);

  desk_csv_writer_add_plain (writer, count);

  if (stats->count == 0)
    {
      desk_csv_writer_add_plain (writer, "");
      desk_csv_writer_add_plain (writer, "");
    }
  else
    {
      add_minutes (writer, stats->median);
      add_minutes (writer, stats->p90);
    }
}

static void
add_row (DeskCsvWriter       *writer,
         const DeskSlaReport *report,
         const DeskSlaRow    *row,
         GTimeZone           *tz,
         const char          *method)
{
  const DeskAvailability *a = &row->availability;
  char buf[DESK_TIME_ISO_MAX];
  char count[16];

  desk_csv_writer_add_text (writer, row->service);
  desk_time_format_iso_buf (report->period_start, tz, buf);
  desk_csv_writer_add_plain (writer, buf);
  desk_time_format_iso_buf (report->period_end, tz, buf);
  desk_csv_writer_add_plain (writer, buf);
  add_minutes (writer, (double) a->period_seconds);
  add_number (writer, a->target, 5);
  add_minutes (writer, a->downtime_seconds);
  add_minutes (writer, (double) a->degraded_seconds);
  add_number (writer, a->degraded_weight, 3);
  add_number (writer, a->uptime_percent, 5);
  add_minutes (writer, a->allowed_seconds);
  add_minutes (writer, a->budget_seconds);
  desk_csv_writer_add_plain (writer, desk_sla_state_to_string (a->state));
  g_snprintf (count, sizeof count, "%u", a->n_outages);
  desk_csv_writer_add_plain (writer, count);
  add_stats (writer, &row->mtta);
  add_stats (writer, &row->mttr);

  if (a->mtbf_seconds < 0)
    desk_csv_writer_add_plain (writer, "");
  else
    add_number (writer, a->mtbf_seconds / 3600.0, 3);

  add_minutes (writer, (double) a->outage_seconds);
  desk_csv_writer_add_text (writer, report->time_zone);

  if (a->counts_open)
    desk_time_format_iso_buf (report->now, tz, buf);
  else
    buf[0] = '\0';
  desk_csv_writer_add_plain (writer, buf);

  desk_csv_writer_add_text (writer, method);
}

static GTimeZone *
report_zone (const DeskSlaReport *report)
{
  GTimeZone *tz = NULL;

  if (report->time_zone != NULL && *report->time_zone != '\0')
    tz = g_time_zone_new_identifier (report->time_zone);

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static void
set_write_error (GError **error,
                 GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_CANCELLED,
                         _("The SLA report was cancelled."));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_NO_SPACE,
                         _("The SLA report could not be written because "
                           "the disk is full."));
  else
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_IO,
                         _("The SLA report file could not be written."));
}

static gboolean
write_csv (DeskSlaReport  *report,
           DeskCsvWriter  *writer,
           GTimeZone      *tz,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autofree char *method = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    desk_csv_writer_add_plain (writer, csv_columns[i]);

  if (!desk_csv_writer_end_record (writer, cancellable, error))
    return FALSE;

  method = desk_sla_report_method (report);

  for (guint i = 0; i < report->rows->len; i++)
    {
      add_row (writer, report, g_ptr_array_index (report->rows, i), tz,
               method);

      if (!desk_csv_writer_end_record (writer, cancellable, error))
        return FALSE;
    }

  return desk_csv_writer_flush (writer, cancellable, error);
}

gboolean
desk_sla_report_write_csv (DeskSlaReport  *report,
                           GOutputStream  *out,
                           GTimeZone      *tz,
                           gboolean        spreadsheet,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(DeskCsvWriter) writer = NULL;
  g_autoptr(GTimeZone) own_tz = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (tz == NULL)
    tz = own_tz = report_zone (report);

  writer = desk_csv_writer_new (out, spreadsheet ?
                                       DESK_CSV_WRITER_FLAGS_SPREADSHEET :
                                       DESK_CSV_WRITER_FLAGS_NONE);

  if (write_csv (report, writer, tz, cancellable, &local_error))
    return TRUE;

  set_write_error (error, local_error);

  return FALSE;
}

/* The method in words */

static gboolean
any_open (const DeskSlaReport *report)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const DeskSlaRow *row = g_ptr_array_index (report->rows, i);

      if (row->availability.counts_open)
        return TRUE;
    }

  return FALSE;
}

char *
desk_sla_report_method (const DeskSlaReport *report)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GString *text = g_string_new ("");

  g_return_val_if_fail (report != NULL, NULL);

  tz = report_zone (report);
  from = desk_time_format_display (report->period_start, tz);
  to = desk_time_format_display (report->period_end, tz);

  g_string_append_printf (text,
                          _("The figures cover the period from %s up to %s "
                            "in the time zone %s."),
                          from, to, report->time_zone);
  g_string_append_c (text, ' ');
  g_string_append (text,
                   _("Downtime is the time a service was down: every "
                     "incident with an Outage impact, from its impact "
                     "start to its impact end, cut to the period. When "
                     "incidents overlap, the shared time counts once."));
  g_string_append_c (text, ' ');

  if (report->degraded_weight > 0)
    {
      char weight[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (weight, sizeof weight, "%.2f",
                       report->degraded_weight);
      g_string_append_printf (text,
                              _("Time when a service only partly worked "
                                "(Degraded incidents, outside outages) "
                                "counts as downtime with a weight of %s."),
                              weight);
    }
  else
    {
      g_string_append (text,
                       _("Time when a service only partly worked "
                         "(Degraded incidents, outside outages) is shown "
                         "as degraded minutes but does not count as "
                         "downtime."));
    }

  g_string_append_c (text, ' ');
  /* xgettext:no-c-format */
  g_string_append (text,
                   _("Uptime is the share of the period without downtime. "
                     "Allowed downtime is the share of the period that the "
                     "target leaves for downtime: 0.1 % of it for a target "
                     "of 99.9 %. The budget left is the allowed downtime "
                     "minus the downtime."));
  g_string_append_c (text, ' ');
  /* xgettext:no-c-format */
  g_string_append (text,
                   _("The state is Met while the downtime is under 75 % of "
                     "the allowed downtime, At risk from 75 % up to and "
                     "including 100 %, and Breached above it."));
  g_string_append_c (text, ' ');
  g_string_append (text,
                   _("MTTA is the average time from detection to "
                     "acknowledgement, over the incidents acknowledged in "
                     "the period; MTTR is the average time from detection "
                     "to resolution, over the incidents resolved in the "
                     "period. Both come with their count, median and 90th "
                     "percentile."));
  g_string_append_c (text, ' ');
  g_string_append (text,
                   _("MTBF is the length of the period minus the downtime, "
                     "divided by the number of outage incidents in the "
                     "period."));

  if (any_open (report))
    {
      g_autofree char *now = desk_time_format_display (report->now, tz);

      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              _("Incidents that are still open are counted "
                                "until now, %s."),
                              now);
    }

  return g_string_free (text, FALSE);
}

gboolean
desk_sla_report_is_quiet (const DeskSlaReport *report)
{
  g_return_val_if_fail (report != NULL, TRUE);

  for (guint i = 0; i < report->rows->len; i++)
    {
      const DeskSlaRow *row = g_ptr_array_index (report->rows, i);

      if (row->outages->len > 0 || row->degraded->len > 0 ||
          row->mtta.count > 0 || row->mttr.count > 0)
        return FALSE;
    }

  return TRUE;
}
