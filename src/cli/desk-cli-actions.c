/* desk-cli-actions.c: what each command-line action does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "desk-cli-private.h"
#include "desk-error.h"
#include "desk-export.h"
#include "desk-import.h"
#include "desk-sla-report.h"
#include "desk-store.h"
#include "desk-time.h"

static int
fail (GError *error)
{
  g_printerr ("%s\n", error->message);
  return DESK_CLI_EXIT_BAD_INPUT;
}

static int
fail_literal (const char *message)
{
  g_printerr ("%s\n", message);
  return DESK_CLI_EXIT_BAD_INPUT;
}

/* A value the command line itself got wrong, as in "--period garbage":
 * wrong usage, not bad data.
 */
static int
fail_usage (GError *error)
{
  g_printerr ("%s\n", error->message);
  return DESK_CLI_EXIT_USAGE;
}

static void
set_option_error (GError     **error,
                  const char  *option,
                  GError      *cause)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               /* TRANSLATORS: the first is an option such as "--period",
                * the second a sentence explaining what is wrong
                */
               _("The value given to %s is not valid. %s"),
               option, cause->message);
}

static char *
database_path (const DeskCliOptions *options)
{
  if (options->database != NULL)
    return g_strdup (options->database);

  return desk_store_default_path ();
}

/* Reading never creates a database as a side effect, and never writes
 * to one.
 */
static DeskStore *
open_for_reading (const DeskCliOptions  *options,
                  GError               **error)
{
  g_autofree char *path = database_path (options);
  GStatBuf st;

  /* Only a file that is surely not there; a folder that may not be
   * entered is the store's to explain.
   */
  if (g_stat (path, &st) != 0 && errno == ENOENT)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no database at %s."), path);
      return NULL;
    }

  return desk_store_open (path,
                          DESK_STORE_FLAGS_READ_ONLY |
                          DESK_STORE_FLAGS_NO_CREATE,
                          error);
}

typedef gboolean (*WriteFunc) (GOutputStream  *out,
                               gpointer        data,
                               GError        **error);

static void
set_file_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_PERMISSION,
               _("The file %s cannot be written: %s."),
               path, g_strerror (saved_errno));
}

/* Writes @path through a temporary file beside it that replaces it only
 * once everything was written, so a failure leaves no half file behind
 * and an existing one untouched.
 */
static gboolean
write_file_atomically (const char  *path,
                       WriteFunc    func,
                       gpointer     data,
                       GError     **error)
{
  g_autofree char *tmp_path = g_strdup_printf ("%s.XXXXXX", path);
  g_autoptr(GOutputStream) out = NULL;
  int fd;

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_file_error (error, path, errno);
      return FALSE;
    }

  out = g_unix_output_stream_new (fd, TRUE);

  if (!func (out, data, error))
    goto fail;

  if (!g_output_stream_close (out, NULL, error))
    goto fail;

  if (g_rename (tmp_path, path) != 0)
    {
      set_file_error (error, path, errno);
      g_unlink (tmp_path);
      return FALSE;
    }

  return TRUE;

fail:
  g_output_stream_close (out, NULL, NULL);
  g_unlink (tmp_path);
  return FALSE;
}

static gboolean
is_standard_output (const char *path)
{
  return g_str_equal (path, "-");
}

/* A device or a pipe, such as /dev/stdout: written in place, since a
 * file renamed over it would replace it.
 */
static gboolean
is_special_file (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 &&
         !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode);
}

static gboolean
write_in_place (const char  *path,
                WriteFunc    func,
                gpointer     data,
                GError     **error)
{
  g_autoptr(GOutputStream) out = NULL;
  int fd;

  if (is_standard_output (path))
    {
      fd = STDOUT_FILENO;
    }
  else if ((fd = g_open (path, O_WRONLY | O_CLOEXEC, 0)) < 0)
    {
      set_file_error (error, path, errno);
      return FALSE;
    }

  out = g_unix_output_stream_new (fd, fd != STDOUT_FILENO);

  return func (out, data, error) && g_output_stream_close (out, NULL, error);
}

/* Standard output or a pipe: no word of our own may join the CSV. */
static gboolean
writes_in_place (const char *path)
{
  return is_standard_output (path) || is_special_file (path);
}

/* "-" is standard output, for a pipe; anything else a file. */
static gboolean
write_output (const char  *path,
              WriteFunc    func,
              gpointer     data,
              GError     **error)
{
  if (writes_in_place (path))
    return write_in_place (path, func, data, error);

  return write_file_atomically (path, func, data, error);
}

static GTimeZone *
time_zone (const DeskCliOptions  *options,
           GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  GTimeZone *tz;

  tz = desk_time_zone_new (options->time_zone, &local_error);
  if (tz == NULL)
    set_option_error (error, "--timezone", local_error);

  return tz;
}

/* --summary */

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint        count)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, count);
}

static JsonNode *
summary_to_json (DeskSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) names = NULL;

  json_builder_begin_object (builder);
  add_count (builder, "incidents", summary->total);

  json_builder_set_member_name (builder, "by_status");
  json_builder_begin_object (builder);
  for (guint i = 0; i < DESK_N_STATUSES; i++)
    add_count (builder, desk_status_to_string (i), summary->by_status[i]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "by_severity");
  json_builder_begin_object (builder);
  for (guint i = DESK_SEVERITY_SEV1; i <= DESK_SEVERITY_SEV4; i++)
    add_count (builder, desk_severity_to_string (i),
               summary->by_severity[i]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "by_service");
  json_builder_begin_object (builder);
  if (summary->by_service != NULL)
    names = g_list_sort (g_hash_table_get_keys (summary->by_service),
                         (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    add_count (builder, l->data,
               GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_service,
                                                      l->data)));
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
run_summary (const DeskCliOptions *options)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  store = open_for_reading (options, &error);
  if (store == NULL)
    return fail (error);

  summary = desk_store_summary (store, query, &error);
  if (summary == NULL)
    return fail (error);

  root = summary_to_json (summary);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  fputs (text, stdout);
  fputs ("\n", stdout);

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      if (errno == ENOSPC)
        return fail_literal (_("The summary could not be written because "
                               "the disk is full."));
      return fail_literal (_("The summary could not be written."));
    }

  return DESK_CLI_EXIT_OK;
}

/* --export */

typedef struct
{
  DeskStore       *store;
  DeskQuery       *query;
  GTimeZone       *tz;
  DeskExportFlags  flags;
  guint64          rows;
} ExportJob;

static gboolean
write_export (GOutputStream  *out,
              gpointer        data,
              GError        **error)
{
  ExportJob *job = data;

  return desk_export_incidents (job->store, job->query, out, job->tz,
                                job->flags, NULL, NULL, &job->rows, NULL,
                                error);
}

/* A bare date as --from means from its first second; as --to, up to
 * and including its last.
 */
static gboolean
parse_bound (const char  *option,
             const char  *text,
             GTimeZone   *tz,
             gboolean     upper,
             gint64      *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 start, end;

  if (strlen (text) == 10 &&
      desk_period_parse (text, tz, &start, &end, NULL))
    {
      *out = upper ? end : start;
      return TRUE;
    }

  if (desk_time_parse (text, tz, DESK_FOLD_EARLIER, out, &local_error))
    return TRUE;

  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               /* TRANSLATORS: the first is an option such as "--from",
                * the second a sentence explaining what is wrong
                */
               _("The date given to %s is not valid. %s"),
               option, local_error->message);
  return FALSE;
}

static gboolean
build_query (const DeskCliOptions  *options,
             GTimeZone             *tz,
             DeskQuery             *query,
             GError               **error)
{
  query->sort = DESK_SORT_DETECTED;

  if (options->service != NULL)
    query->service = g_strdup (options->service);

  if (options->severity != NULL)
    {
      DeskSeverity severity;

      if (!desk_severity_from_string (options->severity, &severity))
        {
          g_autoptr(GError) cause = NULL;

          cause = g_error_new (DESK_ERROR, DESK_ERROR_INVALID,
                               _("“%s” is not a severity; use SEV1, SEV2, "
                                 "SEV3 or SEV4."),
                               options->severity);
          set_option_error (error, "--severity", cause);
          return FALSE;
        }
      query->severity_mask = 1u << severity;
    }

  if (options->status != NULL)
    {
      DeskStatus status;

      if (!desk_status_from_string (options->status, &status))
        {
          g_autoptr(GError) cause = NULL;

          cause = g_error_new (DESK_ERROR, DESK_ERROR_INVALID,
                               _("“%s” is not a status; use New, "
                                 "Investigating, Identified, Monitoring, On "
                                 "hold, Resolved or Closed."),
                               options->status);
          set_option_error (error, "--status", cause);
          return FALSE;
        }
      query->status_mask = 1u << status;
    }

  if (options->from != NULL &&
      !parse_bound ("--from", options->from, tz, FALSE,
                    &query->detected_from, error))
    return FALSE;

  if (options->to != NULL &&
      !parse_bound ("--to", options->to, tz, TRUE,
                    &query->detected_to, error))
    return FALSE;

  if (options->from != NULL && options->to != NULL &&
      query->detected_from > query->detected_to)
    {
      g_autoptr(GError) cause = NULL;

      cause = g_error_new (DESK_ERROR, DESK_ERROR_INVALID,
                           _("“%s” is later than the end given to --to."),
                           options->from);
      set_option_error (error, "--from", cause);
      return FALSE;
    }

  return TRUE;
}

static gboolean
service_exists (DeskStore   *store,
                const char  *name,
                GError     **error)
{
  g_autoptr(DeskService) service = desk_store_get_service (store, name,
                                                           error);

  return service != NULL;
}

static int
run_export (const DeskCliOptions *options)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob job = { 0 };

  tz = time_zone (options, &error);
  if (tz == NULL)
    return fail_usage (error);

  if (!build_query (options, tz, query, &error))
    return fail_usage (error);

  store = open_for_reading (options, &error);
  if (store == NULL)
    return fail (error);

  /* A mistyped name would give an empty file without a word. */
  if (options->service != NULL && !service_exists (store, options->service,
                                                   &error))
    return fail (error);

  job.store = store;
  job.query = query;
  job.tz = tz;
  job.flags = options->spreadsheet ? DESK_EXPORT_FLAGS_SPREADSHEET
                                   : DESK_EXPORT_FLAGS_NONE;

  if (!write_output (options->export, write_export, &job, &error))
    return fail (error);

  if (!writes_in_place (options->export))
    g_print (ngettext ("Exported %u incident to %s.\n",
                       "Exported %u incidents to %s.\n",
                       (gulong) job.rows),
             (guint) job.rows, options->export);

  return DESK_CLI_EXIT_OK;
}

/* --sla-report */

typedef struct
{
  DeskSlaReport *report;
  GTimeZone     *tz;
  gboolean       spreadsheet;
} ReportJob;

static gboolean
write_report (GOutputStream  *out,
              gpointer        data,
              GError        **error)
{
  ReportJob *job = data;

  return desk_sla_report_write_csv (job->report, out, job->tz,
                                    job->spreadsheet, NULL, error);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static int
run_sla_report (const DeskCliOptions *options)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskSlaReport) report = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) period_error = NULL;
  g_autoptr(GError) error = NULL;
  ReportJob job = { 0 };
  gint64 start, end;

  tz = time_zone (options, &error);
  if (tz == NULL)
    return fail_usage (error);

  if (!desk_period_parse (options->period, tz, &start, &end, &period_error))
    {
      set_option_error (&error, "--period", period_error);
      return fail_usage (error);
    }

  store = open_for_reading (options, &error);
  if (store == NULL)
    return fail (error);

  report = desk_sla_report_build (store, options->service, start, end, tz,
                                  0.0, now_seconds (), NULL, &error);
  if (report == NULL)
    return fail (error);

  job.report = report;
  job.tz = tz;
  job.spreadsheet = options->spreadsheet;

  if (!write_output (options->sla_report, write_report, &job, &error))
    return fail (error);

  if (!writes_in_place (options->sla_report))
    g_print (ngettext ("Wrote the SLA report for %u service to %s.\n",
                       "Wrote the SLA report for %u services to %s.\n",
                       report->rows->len),
             report->rows->len, options->sla_report);

  return DESK_CLI_EXIT_OK;
}

/* --import */

static void
print_import_report (const DeskImportReport *report)
{
  gboolean written = !report->dry_run && report->n_errors == 0;

  if (report->dry_run)
    g_print ("%s\n", _("Dry run: nothing was written."));
  else if (!written)
    g_print ("%s\n", _("Nothing was imported: fix the errors below and "
                       "try again."));

  g_print (_("Format: %s\n"), desk_import_format_to_string (report->format));
  g_print (_("Rows read: %u\n"), report->n_rows);

  /* After a refused batch these counts would claim rows that were never
   * written.
   */
  if (written || report->dry_run)
    {
      g_print (_("Incidents created: %u\n"), report->n_created);
      g_print (_("Incidents updated: %u\n"), report->n_updated);
    }
  g_print (_("Rows skipped: %u\n"), report->n_skipped);
  g_print (_("Warnings: %u\n"), report->n_warnings);
  g_print (_("Errors: %u\n"), report->n_errors);

  for (guint i = 0; i < report->messages->len; i++)
    {
      const DeskImportMessage *message = report->messages->pdata[i];

      if (message->severity == DESK_IMPORT_ERROR)
        g_printerr ("%s\n", message->text);
      else
        g_print ("%s\n", message->text);
    }
}

/* A dry run must not even create the database file: against a database
 * that does not exist yet, it runs on a throw-away one.
 */
static DeskStore *
open_for_import (const DeskCliOptions  *options,
                 char                 **out_tmpdir,
                 GError               **error)
{
  g_autofree char *path = database_path (options);
  g_autofree char *tmp_path = NULL;

  if (!options->dry_run || g_file_test (path, G_FILE_TEST_EXISTS))
    return desk_store_open (path, DESK_STORE_FLAGS_NONE, error);

  *out_tmpdir = g_dir_make_tmp ("incidentdesk-dry-run-XXXXXX", error);
  if (*out_tmpdir == NULL)
    return NULL;

  tmp_path = g_build_filename (*out_tmpdir, "incidents.db", NULL);

  return desk_store_open (tmp_path, DESK_STORE_FLAGS_NONE, error);
}

static void
remove_tmpdir (char *tmpdir)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmpdir == NULL)
    return;

  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (tmpdir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (tmpdir);
  g_free (tmpdir);
}

/* A database that this failed import created is removed again, so a
 * failure leaves nothing behind.
 */
static void
remove_new_database (const char *path)
{
  const char * const suffixes[] = { "-wal", "-shm", "-journal", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* The outermost folder above @path that is not there yet, if any: the
 * store makes it, and a failed import removes it again.
 */
static char *
first_missing_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  char *missing = NULL;

  while (!g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      char *parent = g_path_get_dirname (folder);

      g_free (missing);
      missing = g_steal_pointer (&folder);
      folder = parent;
    }

  return missing;
}

/* Removes the empty folders from the database's own up to @missing. */
static void
remove_new_folders (const char *path,
                    const char *missing)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (missing == NULL)
    return;

  while (g_rmdir (folder) == 0 && !g_str_equal (folder, missing))
    {
      char *parent = g_path_get_dirname (folder);

      g_free (folder);
      folder = parent;
    }
}

static int
run_import (const DeskCliOptions *options)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GKeyFile) mapping = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  DeskImportOptions import_options;
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  gboolean existed, throwaway;
  char *tmpdir = NULL;

  desk_import_options_init (&import_options);

  tz = time_zone (options, &error);
  if (tz == NULL)
    return fail_usage (error);

  /* desk-cli.c has checked the format's name already. */
  if (options->format != NULL)
    desk_import_format_from_string (options->format, &import_options.format);

  if (options->map != NULL)
    {
      mapping = desk_import_mapping_load (options->map, &error);
      if (mapping == NULL)
        return fail (error);
      import_options.format = DESK_IMPORT_FORMAT_MAPPED;
      import_options.mapping = mapping;
    }

  if (!g_file_test (options->import, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("There is no file to import at %s."),
                                 options->import);
      return fail_literal (message);
    }

  import_options.tz = tz;
  import_options.dry_run = options->dry_run;
  path = database_path (options);
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  missing = first_missing_folder (path);

  store = open_for_import (options, &tmpdir, &error);
  if (store == NULL)
    {
      remove_tmpdir (g_steal_pointer (&tmpdir));
      remove_new_folders (path, missing);
      return fail (error);
    }

  file = g_file_new_for_commandline_arg (options->import);
  report = desk_import_file (store, file, &import_options, NULL, NULL, NULL,
                             &error);

  g_clear_object (&store);
  throwaway = tmpdir != NULL;
  remove_tmpdir (g_steal_pointer (&tmpdir));

  if (!existed && !throwaway && (report == NULL || report->n_errors > 0))
    {
      remove_new_database (path);
      remove_new_folders (path, missing);
    }

  if (g_error_matches (error, DESK_ERROR, DESK_ERROR_UNKNOWN_FORMAT))
    return fail_literal (_("This file is neither an IncidentDesk nor a "
                           "ServiceNow export; name its columns in a "
                           "mapping file and import it with --map FILE."));

  if (report == NULL)
    return fail (error);

  print_import_report (report);

  return report->n_errors > 0 ? DESK_CLI_EXIT_BAD_INPUT : DESK_CLI_EXIT_OK;
}

int
desk_cli_actions_run (const DeskCliOptions *options)
{
  if (options->summary)
    return run_summary (options);
  if (options->export != NULL)
    return run_export (options);
  if (options->sla_report != NULL)
    return run_sla_report (options);
  if (options->import != NULL)
    return run_import (options);

  g_return_val_if_reached (DESK_CLI_EXIT_USAGE);
}
