/* test-crash-safety.c: the writer that test-crash-safety.py kills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   test-crash-safety DATABASE SEED RUN
 *
 * Opens DATABASE and, until it is killed, makes bursts of creates,
 * edits and imports chosen by SEED. Before each write it prints what it
 * is about to do ("begin …"), after the store reported it done what it
 * did ("done …"); each line is flushed at once, so that every "done"
 * the harness reads was reported before the kill.
 *
 *   begin create TITLE          done create REFERENCE TITLE
 *   begin edit REFERENCE VALUE  done edit REFERENCE VALUE
 *   begin import PREFIX K       done import PREFIX K
 *
 * Imports write K incidents whose references start with PREFIX, in the
 * app's own format, through desk_import_file. On a file that holds no
 * incident yet the first write is a large import, which goes through a
 * rollback journal instead of the log (desk_store_begin_bulk), so that
 * kills land inside that too.
 */

#define G_LOG_DOMAIN "test-crash-safety"

#include <stdio.h>
#include <stdlib.h>

#include <gio/gio.h>

#include "desk-export.h"
#include "desk-import.h"
#include "desk-store.h"

#define DETECTED_AT G_GINT64_CONSTANT (1740823200)  /* 2025-03-01 10:00 */
#define BULK_ROWS 8000
#define BULK_RUN_NUMBER 1000000

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
  fputc ('\n', stdout);
  fflush (stdout);
}

static DeskIncident *
new_incident (const char *title,
              guint       n)
{
  DeskIncident *incident = desk_incident_new ();
  g_autofree char *service = g_strdup_printf ("Service %u", n % 5);

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, service);
  incident->severity = DESK_SEVERITY_SEV1 + n % 4;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->status = DESK_STATUS_NEW;
  incident->detected_at = DETECTED_AT + n * 60;

  return incident;
}

static void
do_create (DeskStore *store,
           GArray    *ids,
           guint      run,
           guint      n)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("create-%u-%u", run, n);

  incident = new_incident (title, n);
  say ("begin create %s", title);
  if (!desk_store_create_incident (store, incident, &error))
    g_error ("create: %s", error->message);

  g_array_append_val (ids, incident->id);
  say ("done create %s %s", incident->reference, title);
}

static void
do_edit (DeskStore *store,
         GArray    *ids,
         GRand     *rand,
         guint      run,
         guint      n)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strdup_printf ("edit-%u-%u", run, n);
  gint64 id;

  if (ids->len == 0)
    return;

  id = g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len));
  incident = desk_store_get_incident (store, id, &error);
  if (incident == NULL)
    g_error ("get: %s", error->message);

  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, value);
  say ("begin edit %s %s", incident->reference, value);
  if (!desk_store_update_incident (store, incident, &error))
    g_error ("edit: %s", error->message);

  say ("done edit %s %s", incident->reference, value);
}

static void
write_import_file (const char *path,
                   const char *prefix,
                   guint       k)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(DeskCsvWriter) writer = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                        &error);
  if (out == NULL)
    g_error ("%s: %s", path, error->message);

  writer = desk_csv_writer_new (G_OUTPUT_STREAM (out),
                                DESK_CSV_WRITER_FLAGS_NONE);
  desk_export_write_header (writer);
  desk_csv_writer_end_record (writer, NULL, NULL);

  for (guint i = 0; i < k; i++)
    {
      g_autoptr(DeskIncident) incident = NULL;
      g_autofree char *reference = g_strdup_printf ("%s%02u", prefix, i);
      g_autofree char *title = g_strdup_printf ("imported %s", reference);

      incident = new_incident (title, i);
      desk_incident_set_string (incident, DESK_FIELD_REFERENCE, reference);
      desk_export_write_incident (writer, incident, utc);
      desk_csv_writer_end_record (writer, NULL, NULL);
    }

  if (!desk_csv_writer_flush (writer, NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    g_error ("%s: %s", path, error->message);
}

static void
do_import (DeskStore  *store,
           const char *folder,
           guint       k,
           guint       run,
           guint       n)
{
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *prefix = g_strdup_printf ("IMP-%u-%u-", run, n);
  g_autofree char *path = NULL;
  DeskImportOptions options;

  path = g_strdup_printf ("%s/import-%u-%u.csv", folder, run, n);
  write_import_file (path, prefix, k);

  desk_import_options_init (&options);
  options.format = DESK_IMPORT_FORMAT_INCIDENTDESK;

  file = g_file_new_for_path (path);
  say ("begin import %s %u", prefix, k);
  report = desk_import_file (store, file, &options, NULL, NULL, NULL,
                             &error);
  if (report == NULL)
    g_error ("import: %s", error->message);
  if (report->n_errors > 0 || !report->committed ||
      report->n_created != k)
    g_error ("import: %u errors, %u created of %u", report->n_errors,
             report->n_created, k);

  say ("done import %s %u", prefix, k);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *folder = NULL;
  guint run;

  if (argc != 4)
    {
      g_printerr ("usage: %s DATABASE SEED RUN\n", argv[0]);
      return 2;
    }

  rand = g_rand_new_with_seed (strtoul (argv[2], NULL, 10));
  run = strtoul (argv[3], NULL, 10);
  folder = g_path_get_dirname (argv[1]);

  say ("begin open");
  store = desk_store_open (argv[1], DESK_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    g_error ("open: %s", error->message);
  desk_store_set_actor (store, "crash-test");

  ids = desk_store_query_ids (store, query, NULL, &error);
  if (ids == NULL)
    g_error ("query: %s", error->message);
  say ("done open %u", ids->len);

  if (ids->len == 0)
    do_import (store, folder, BULK_ROWS, run, BULK_RUN_NUMBER);

  for (guint n = 0; ; n++)
    {
      guint op = g_rand_int_range (rand, 0, 10);

      if (op < 4)
        do_create (store, ids, run, n);
      else if (op < 8)
        do_edit (store, ids, rand, run, n);
      else
        do_import (store, folder, g_rand_int_range (rand, 2, 20), run, n);
    }

  return 0;
}
