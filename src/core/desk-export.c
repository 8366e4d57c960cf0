/* desk-export.c: the incident list as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-error.h"
#include "desk-progress-private.h"
#include "desk-export.h"
#include "desk-time.h"

#define PROGRESS_EVERY 4096

static const char * const columns[] = {
  "reference",
  "title",
  "service",
  "severity",
  "impact",
  "status",
  "detected_at",
  "acknowledged_at",
  "impact_start",
  "impact_end",
  "resolved_at",
  "closed_at",
  "downtime_minutes",
  "assignee",
  "reporter",
  "description",
  "root_cause",
  "five_whys",
  "contributing_factor",
  "workaround",
  "resolution",
  "problem",
  NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == DESK_EXPORT_N_COLUMNS + 1);

const char * const *
desk_export_columns (void)
{
  return columns;
}

void
desk_export_write_header (DeskCsvWriter *writer)
{
  for (guint i = 0; columns[i] != NULL; i++)
    desk_csv_writer_add_plain (writer, columns[i]);
}

gint64
desk_export_downtime_minutes (const DeskIncident *incident)
{
  gint64 start, end;

  if (incident->impact != DESK_IMPACT_OUTAGE)
    return -1;

  start = desk_incident_effective_impact_start (incident);
  end = desk_incident_effective_impact_end (incident);
  if (start == DESK_TIME_NONE || end == DESK_TIME_NONE || end < start)
    return -1;

  return (end - start) / 60;
}

static void
add_time (DeskCsvWriter *writer,
          gint64         instant,
          GTimeZone     *tz)
{
  char buf[DESK_TIME_ISO_MAX];

  if (instant == DESK_TIME_NONE)
    {
      desk_csv_writer_add_plain (writer, "");
      return;
    }

  desk_time_format_iso_buf (instant, tz, buf);
  desk_csv_writer_add_plain (writer, buf);
}

void
desk_export_write_incident (DeskCsvWriter      *writer,
                            const DeskIncident *incident,
                            GTimeZone          *tz)
{
  gint64 minutes = desk_export_downtime_minutes (incident);
  char number[32] = "";

  if (minutes >= 0)
    g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, minutes);

  desk_csv_writer_add_text (writer, incident->reference);
  desk_csv_writer_add_text (writer, incident->title);
  desk_csv_writer_add_text (writer, incident->service);
  desk_csv_writer_add_plain (writer,
                             desk_severity_to_string (incident->severity));
  desk_csv_writer_add_plain (writer, desk_impact_to_string (incident->impact));
  desk_csv_writer_add_plain (writer, desk_status_to_string (incident->status));
  add_time (writer, incident->detected_at, tz);
  add_time (writer, incident->acknowledged_at, tz);
  add_time (writer, incident->impact_start, tz);
  add_time (writer, incident->impact_end, tz);
  add_time (writer, incident->resolved_at, tz);
  add_time (writer, incident->closed_at, tz);
  desk_csv_writer_add_plain (writer, number);
  desk_csv_writer_add_text (writer, incident->assignee);
  desk_csv_writer_add_text (writer, incident->reporter);
  desk_csv_writer_add_text (writer, incident->description);
  desk_csv_writer_add_text (writer, incident->root_cause);
  desk_csv_writer_add_text (writer, incident->five_whys);
  desk_csv_writer_add_plain (writer, desk_factor_to_string (incident->factor));
  desk_csv_writer_add_text (writer, incident->workaround);
  desk_csv_writer_add_text (writer, incident->resolution);
  desk_csv_writer_add_text (writer, incident->problem);
}

typedef struct
{
  DeskCsvWriter      *writer;
  GTimeZone          *tz;
  DeskExportProgress  progress;
  gpointer            progress_data;
  guint64             rows;
  GCancellable       *cancellable;
  GError             *error;
} ExportRun;

static gboolean
export_one (const DeskIncident *incident,
            gpointer            user_data)
{
  ExportRun *run = user_data;

  desk_export_write_incident (run->writer, incident, run->tz);
  if (!desk_csv_writer_end_record (run->writer, run->cancellable, &run->error))
    return FALSE;

  run->rows++;
  if (run->progress != NULL && run->rows % PROGRESS_EVERY == 0)
    run->progress (run->rows, run->progress_data);

  return TRUE;
}

static void
set_write_error (GError **error,
                 GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_CANCELLED,
                         _("The export was cancelled."));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_NO_SPACE,
                         _("The export could not be written because the disk "
                           "is full."));
  else
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_IO,
                         _("The export file could not be written."));
}

gboolean
desk_export_incidents (DeskStore           *store,
                       const DeskQuery     *query,
                       GOutputStream       *out,
                       GTimeZone           *tz,
                       DeskExportFlags      flags,
                       DeskExportProgress   progress,
                       gpointer             progress_data,
                       guint64             *out_rows,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(DeskCsvWriter) writer = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(DeskQuery) all = NULL;
  ExportRun run = { 0 };
  DeskCsvWriterFlags writer_flags = DESK_CSV_WRITER_FLAGS_NONE;
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  if (query == NULL)
    query = all = desk_query_new ();
  if (flags & DESK_EXPORT_FLAGS_SPREADSHEET)
    writer_flags |= DESK_CSV_WRITER_FLAGS_SPREADSHEET;

  writer = desk_csv_writer_new (out, writer_flags);
  desk_export_write_header (writer);
  if (!desk_csv_writer_end_record (writer, cancellable, &run.error))
    goto failed;

  run.writer = writer;
  run.tz = tz;
  run.progress = progress;
  run.progress_data = progress_data;
  run.cancellable = cancellable;

  ok = desk_store_foreach_incident (store, query, export_one, &run,
                                    cancellable, error);
  if (run.error != NULL)
    goto failed;
  if (!ok)
    return FALSE;

  if (!desk_csv_writer_flush (writer, cancellable, &run.error))
    goto failed;

  if (progress != NULL)
    progress (run.rows, progress_data);
  if (out_rows != NULL)
    *out_rows = run.rows;

  g_debug ("Exported %" G_GUINT64_FORMAT " incidents", run.rows);

  return TRUE;

failed:
  g_debug ("Export failed: %s", run.error->message);
  set_write_error (error, run.error);
  g_clear_error (&run.error);

  return FALSE;
}


typedef struct
{
  DeskStore       *store;
  DeskQuery       *query;
  GOutputStream   *out;
  GTimeZone       *tz;
  DeskExportFlags  flags;
  DeskProgressTarget *target;
  guint64          rows;
} ExportTask;

static void
export_task_free (gpointer data)
{
  ExportTask *task = data;

  g_object_unref (task->store);
  g_clear_pointer (&task->query, desk_query_free);
  g_object_unref (task->out);
  g_clear_pointer (&task->tz, g_time_zone_unref);
  if (task->target != NULL)
    desk_progress_target_release (task->target);
  g_free (task);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *data = task_data;
  GError *error = NULL;

  if (!desk_export_incidents (data->store, data->query, data->out, data->tz,
                              data->flags,
                              data->target ? desk_progress_target_report : NULL,
                              data->target, &data->rows,
                              cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
desk_export_incidents_async (DeskStore           *store,
                             const DeskQuery     *query,
                             GOutputStream       *out,
                             GTimeZone           *tz,
                             DeskExportFlags      flags,
                             DeskExportProgress   progress,
                             gpointer             progress_data,
                             GDestroyNotify       progress_destroy,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  g_return_if_fail (DESK_IS_STORE (store));
  g_return_if_fail (G_IS_OUTPUT_STREAM (out));

  data = g_new0 (ExportTask, 1);
  data->store = g_object_ref (store);
  data->query = query ? desk_query_copy (query) : NULL;
  data->out = g_object_ref (out);
  data->tz = tz ? g_time_zone_ref (tz) : NULL;
  data->flags = flags;

  data->target = desk_progress_target_new (progress, progress_data,
                                           progress_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_export_incidents_async);
  g_task_set_task_data (task, data, export_task_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
desk_export_incidents_finish (GAsyncResult  *result,
                              guint64       *out_rows,
                              GError       **error)
{
  ExportTask *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (out_rows != NULL)
    *out_rows = data->rows;

  return TRUE;
}
