/* test-cli.c: the command line, end to end on the real binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the incidentdesk executable named by INCIDENTDESK_BINARY with no
 * display in its environment, as cron and scripts run it.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "desk-csv.h"
#include "desk-incident.h"
#include "desk-test-util.h"

typedef struct
{
  char *tmpdir;
  char *database;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmpdir = desk_test_tmpdir_new ();
  fixture->database = g_build_filename (fixture->tmpdir, "incidents.db",
                                        NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->database);
  desk_test_tmpdir_free (fixture->tmpdir);
}

static char *
tmp_path (Fixture    *fixture,
          const char *name)
{
  return g_build_filename (fixture->tmpdir, name, NULL);
}

/* Runs the binary with @args (NULL-terminated) after it, no display, the
 * data folder inside the fixture's folder; standard output goes to the
 * file at @out_path, or into run->out when that is NULL.
 */
static void
run_to_file (Fixture            *fixture,
             const char         *out_path,
             const char * const *args,
             Run                *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *data_home = tmp_path (fixture, "data-home");
  const char *binary = g_getenv ("INCIDENTDESK_BINARY");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (binary);

  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (out_path == NULL ?
                                         G_SUBPROCESS_FLAGS_STDOUT_PIPE : 0));
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  if (out_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, out_path);

  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL,
                                 out_path == NULL ? &run->out : NULL,
                                 &run->err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void
run_argv (Fixture            *fixture,
          const char * const *args,
          Run                *run)
{
  run_to_file (fixture, NULL, args, run);
}

#define RUN(fixture, run, ...) \
  G_STMT_START { \
    const char * const run_args_[] = { __VA_ARGS__, NULL }; \
    run_argv ((fixture), run_args_, (run)); \
  } G_STMT_END

/* One plain sentence on one line: no log prefixes, no "ERROR". */
static void
assert_one_sentence (const char *err)
{
  gsize len = strlen (err);

  g_assert_cmpuint (len, >, 10);
  g_assert_cmpint (err[len - 1], ==, '\n');
  g_assert_true (strchr (err, '\n') == err + len - 1);
  g_assert_cmpint (err[len - 2], ==, '.');
  g_assert_null (strstr (err, "ERROR"));
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
  g_assert_null (strstr (err, "**"));
  g_assert_null (strstr (err, "GLib"));
  g_assert_null (strstr (err, "(incidentdesk"));
}

static void
assert_no_file (const char *path)
{
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Only the files named are in the fixture's folder (beside the data
 * folder the runs point at).
 */
static void
assert_folder_holds (Fixture            *fixture,
                     const char * const *names)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->tmpdir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_equal (name, "data-home") ||
          g_str_has_prefix (name, "incidents.db"))
        continue;
      if (names == NULL || !g_strv_contains (names, name))
        g_error ("unexpected file %s", name);
    }
}

static char *
fixture_file (const char *name)
{
  g_autofree char *relative = g_build_filename ("cli", name, NULL);

  return desk_test_fixture_path (relative);
}

static void
import_ok (Fixture    *fixture,
           const char *database,
           const char *csv,
           const char *format)
{
  g_auto(Run) run = { 0 };

  RUN (fixture, &run, "--database", database, "--import", csv,
       "--format", format, "--timezone", "UTC");
  if (run.status != 0)
    g_error ("import of %s failed: %s", csv, run.err);
  g_assert_cmpstr (run.err, ==, "");
}

static char *
summary_text (Fixture    *fixture,
              const char *database)
{
  g_auto(Run) run = { 0 };

  RUN (fixture, &run, "--database", database, "--summary");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  return g_steal_pointer (&run.out);
}

static char *
export_text (Fixture    *fixture,
             const char *database,
             const char *zone)
{
  g_autofree char *path = tmp_path (fixture, "export-check.csv");
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  RUN (fixture, &run, "--database", database, "--export", path,
       "--timezone", zone);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);

  return text;
}

/* Usage errors: exit status 2, one sentence (naming the option at
 * fault, where given), nothing written. A value the option cannot take
 * is wrong usage too, refused before the database is opened.
 */

typedef struct
{
  const char *name;
  const char *args[8];
  const char *option;
} UsageCase;

static const UsageCase usage_cases[] = {
  { "two-actions", { "--summary", "--export", "out.csv" } },
  { "import-and-export", { "--import", "in.csv", "--export", "out.csv" } },
  { "unknown-option", { "--summary", "--colour" } },
  { "missing-period", { "--sla-report", "out.csv" } },
  { "period-without-report", { "--summary", "--period", "2025" } },
  { "map-without-import", { "--summary", "--map", "m.ini" } },
  { "format-without-import", { "--export", "out.csv", "--format", "auto" } },
  { "dry-run-without-import", { "--summary", "--dry-run" } },
  { "severity-without-export", { "--summary", "--severity", "SEV1" } },
  { "timezone-with-summary", { "--summary", "--timezone", "UTC" } },
  { "missing-value", { "--export" } },
  { "option-as-value", { "--export", "--summary" } },
  { "stray-argument", { "--summary", "extra" } },
  { "stray-word-alone", { "summary" }, "summary" },
  { "unknown-option-alone", { "--colour" }, "--colour" },
  { "unknown-format", { "--import", "in.csv", "--format", "xml" } },
  { "map-with-format", { "--import", "in.csv", "--map", "m.ini",
                         "--format", "servicenow" } },
  { "import-read-only", { "--import", "in.csv", "--read-only" } },
  { "demo-with-action", { "--demo", "--summary" } },
  { "no-action", { "--dry-run" } },
  { "export-bad-severity", { "--export", "out.csv", "--severity", "SEV7" },
    "--severity" },
  { "export-bad-status", { "--export", "out.csv", "--status", "Done" },
    "--status" },
  { "export-bad-from", { "--export", "out.csv", "--from", "garbage" },
    "--from" },
  { "export-unreal-to", { "--export", "out.csv", "--to", "2025-02-30" },
    "--to" },
  { "export-from-after-to", { "--export", "out.csv", "--from", "2025-03-01",
                              "--to", "2025-01-31" }, "--from" },
  { "export-bad-timezone", { "--export", "out.csv", "--timezone",
                             "Mars/Olympus" }, "--timezone" },
  { "report-bad-period", { "--sla-report", "out.csv", "--period",
                           "garbage" }, "--period" },
  { "report-unreal-period", { "--sla-report", "out.csv", "--period",
                              "2025-13" }, "--period" },
  { "report-reversed-period", { "--sla-report", "out.csv", "--period",
                                "2025-05/2025-03" }, "--period" },
  { "report-bad-timezone", { "--sla-report", "out.csv", "--period", "2025",
                             "--timezone", "Nowhere" }, "--timezone" },
  { "import-bad-timezone", { "--import", "in.csv", "--timezone",
                             "Nowhere" }, "--timezone" },
  { "import-bad-format", { "--import", "in.csv", "--format", "excel" },
    "--format" },
  { "spreadsheet-with-summary", { "--summary", "--spreadsheet" },
    "--export or --sla-report" },
  { "service-with-import", { "--import", "in.csv", "--service", "Mail" },
    "--export or --sla-report" },
};

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const UsageCase *usage = data;
  const char *args[12] = { "--database", fixture->database, NULL };
  g_auto(Run) run = { 0 };

  for (guint i = 0; usage->args[i] != NULL; i++)
    args[2 + i] = usage->args[i];

  run_argv (fixture, args, &run);

  g_assert_cmpint (run.status, ==, 2);
  assert_one_sentence (run.err);
  if (usage->option != NULL)
    g_assert_nonnull (strstr (run.err, usage->option));
  g_assert_cmpstr (run.out, ==, "");
  assert_no_file (fixture->database);
  assert_folder_holds (fixture, NULL);
}

/* Without an action the binary opens the window; the tests run with no
 * display, where it must say so in one sentence.
 */
static void
test_window_without_display (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *args[] = { "--database", fixture->database, NULL };
  g_auto(Run) run = { 0 };

  run_argv (fixture, args, &run);

  g_assert_cmpint (run.status, ==, 1);
  assert_one_sentence (run.err);
  g_assert_nonnull (strstr (run.err, "no display"));
  assert_no_file (fixture->database);
}

/* --help lists every option, the command line's and the window's. */
static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const options[] = {
    "--database", "--import", "--map", "--export", "--sla-report",
    "--period", "--summary", "--demo", "--read-only",
  };
  const char *args[] = { "--help", NULL };
  g_auto(Run) run = { 0 };

  run_argv (fixture, args, &run);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (run.out, options[i]));
}

/* --summary */

static const char small_summary[] =
  "{\n"
  "  \"incidents\" : 6,\n"
  "  \"by_status\" : {\n"
  "    \"New\" : 1,\n"
  "    \"Investigating\" : 1,\n"
  "    \"Identified\" : 0,\n"
  "    \"Monitoring\" : 0,\n"
  "    \"On hold\" : 1,\n"
  "    \"Resolved\" : 1,\n"
  "    \"Closed\" : 2\n"
  "  },\n"
  "  \"by_severity\" : {\n"
  "    \"SEV1\" : 1,\n"
  "    \"SEV2\" : 1,\n"
  "    \"SEV3\" : 3,\n"
  "    \"SEV4\" : 1\n"
  "  },\n"
  "  \"by_service\" : {\n"
  "    \"Customer portal\" : 1,\n"
  "    \"Email\" : 2,\n"
  "    \"Printing\" : 1,\n"
  "    \"VPN\" : 2\n"
  "  }\n"
  "}\n";

static void
test_summary_exact (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *summary = NULL;

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  summary = summary_text (fixture, fixture->database);

  g_assert_cmpstr (summary, ==, small_summary);
}

static void
test_summary_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = tmp_path (fixture, "header.csv");
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_file_set_contents (csv, "reference,title,service,severity,impact,"
                       "status,detected_at,acknowledged_at,impact_start,"
                       "impact_end,resolved_at,closed_at,downtime_minutes,"
                       "assignee,reporter,description,root_cause,five_whys,"
                       "contributing_factor,workaround,resolution,problem"
                       "\r\n", -1, &error);
  g_assert_no_error (error);
  import_ok (fixture, fixture->database, csv, "incidentdesk");
  summary = summary_text (fixture, fixture->database);

  json_parser_load_from_data (parser, summary, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "incidents"), ==, 0);
  g_assert_cmpuint (json_object_get_size (
                      json_object_get_object_member (root, "by_status")),
                    ==, 7);
  g_assert_cmpuint (json_object_get_size (
                      json_object_get_object_member (root, "by_service")),
                    ==, 0);
}

static void
test_summary_read_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("small.csv");
  g_auto(Run) run = { 0 };

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  RUN (fixture, &run, "--database", fixture->database, "--summary",
       "--read-only");

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, small_summary);
}

/* Reading never creates a database. */
static void
test_summary_no_database (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  RUN (fixture, &run, "--database", fixture->database, "--summary");

  g_assert_cmpint (run.status, ==, 1);
  assert_one_sentence (run.err);
  assert_no_file (fixture->database);
}

/* --export */

static void
test_export_fixture_same_bytes (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *expected = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (csv, &expected, NULL, &error);
  g_assert_no_error (error);

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  exported = export_text (fixture, fixture->database, "UTC");

  g_assert_cmpstr (exported, ==, expected);
}

/* "-" sends the CSV to standard output for a pipe, and a pipe named as
 * the target (/dev/stdout) gets it in place: the same bytes as the file,
 * nothing else on standard output, no file made.
 */
static void
test_export_to_pipe (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *target = data;
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  g_file_get_contents (csv, &expected, NULL, &error);
  g_assert_no_error (error);

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  RUN (fixture, &run, "--database", fixture->database, "--export", target,
       "--timezone", "UTC");

  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  assert_no_file ("-");
}

/* A full disk, wherever the CSV or the summary goes: one sentence,
 * status 1, and a device named as the target is written, not replaced.
 */
typedef struct
{
  const char *name;
  gboolean    to_stdout;      /* else the path is the option's value */
  const char *args[6];
} FullCase;

static const FullCase full_cases[] = {
  { "summary", TRUE, { "--summary" } },
  { "export-stdout", TRUE, { "--export", "-" } },
  { "export-device", FALSE, { "--export", "/dev/full" } },
  { "report-stdout", TRUE, { "--sla-report", "-", "--period", "2025" } },
  { "report-device", FALSE, { "--sla-report", "/dev/full", "--period",
                              "2025" } },
};

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  const FullCase *full = data;
  g_autofree char *csv = fixture_file ("small.csv");
  const char *args[10] = { "--database", fixture->database, NULL };
  g_auto(Run) run = { 0 };
  GStatBuf st;

  for (guint i = 0; full->args[i] != NULL; i++)
    args[2 + i] = full->args[i];

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  run_to_file (fixture, full->to_stdout ? "/dev/full" : "/dev/null", args,
               &run);

  g_assert_cmpint (run.status, ==, 1);
  assert_one_sentence (run.err);
  g_assert_nonnull (strstr (run.err, "disk is full"));
  g_assert_cmpint (g_stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

static void
test_sla_report_standard_output (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *path = tmp_path (fixture, "sla.csv");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) to_file = { 0 };
  g_auto(Run) to_pipe = { 0 };

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  RUN (fixture, &to_file, "--database", fixture->database, "--sla-report",
       path, "--period", "2025-01", "--timezone", "UTC");
  g_assert_cmpint (to_file.status, ==, 0);
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);

  RUN (fixture, &to_pipe, "--database", fixture->database, "--sla-report",
       "-", "--period", "2025-01", "--timezone", "UTC");

  g_assert_cmpstr (to_pipe.err, ==, "");
  g_assert_cmpint (to_pipe.status, ==, 0);
  g_assert_true (g_str_has_prefix (to_pipe.out, "service,period_start,"));
  g_assert_cmpstr (to_pipe.out, ==, expected);
  assert_no_file ("-");
}

typedef struct
{
  const char *name;
  const char *args[6];
  const char *references;   /* expected, in order, joined by spaces */
} FilterCase;

static const FilterCase filter_cases[] = {
  { "service", { "--service", "Email" }, "INC-000001 INC-000006" },
  { "severity", { "--severity", "SEV3" },
    "INC-000001 INC-000005 INC-000006" },
  { "status", { "--status", "On hold" }, "INC-000005" },
  { "from", { "--from", "2025-02-03" }, "INC-000004 INC-000005 INC-000006" },
  { "to", { "--to", "2025-01-10" }, "INC-000001 INC-000002" },
  { "from-to", { "--from", "2025-01-07", "--to", "2025-02-01" },
    "INC-000002 INC-000003" },
  { "combined", { "--service", "VPN", "--severity", "SEV3" }, "INC-000005" },
  { "none-match", { "--service", "Email", "--status", "On hold" }, "" },
};

static char *
references_of (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GString) references = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char **fields;
  guint n_fields;
  gboolean header = TRUE;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  reader = desk_csv_reader_new_for_data (text, length, ',');

  while (desk_csv_reader_next (reader, &fields, &n_fields, NULL, &error))
    {
      if (header)
        {
          header = FALSE;
          g_assert_cmpstr (fields[0], ==, "reference");
          continue;
        }
      if (references->len > 0)
        g_string_append_c (references, ' ');
      g_string_append (references, fields[0]);
    }
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&references), FALSE);
}

static void
test_export_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  const FilterCase *filter = data;
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *out = tmp_path (fixture, "out.csv");
  g_autofree char *references = NULL;
  const char *args[16] = { "--database", fixture->database,
                           "--export", out, "--timezone", "UTC", NULL };
  g_auto(Run) run = { 0 };

  for (guint i = 0; filter->args[i] != NULL; i++)
    args[6 + i] = filter->args[i];

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  run_argv (fixture, args, &run);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  references = references_of (out);
  g_assert_cmpstr (references, ==, filter->references);
}

static void
test_export_spreadsheet (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *out = tmp_path (fixture, "out.csv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  RUN (fixture, &run, "--database", fixture->database, "--export", out,
       "--spreadsheet", "--timezone", "UTC");
  g_assert_cmpint (run.status, ==, 0);

  g_file_get_contents (out, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbfreference;title;"));
}

/* Against a database that exists: a bad option value is wrong usage
 * (status 2), an unwritable target bad input (status 1); either way one
 * sentence, no file, no half file.
 */
typedef struct
{
  const char *name;
  const char *args[6];
  int         status;
} BadExportCase;

static const BadExportCase bad_export_cases[] = {
  { "severity", { "--severity", "SEV9" }, 2 },
  { "status", { "--status", "Done" }, 2 },
  { "date", { "--from", "2024-02-30" }, 2 },
  { "zone", { "--timezone", "Mars/Olympus" }, 2 },
  { "folder", { "--service", "Email" }, 1 },
  { "unknown-service", { "--service", "Emial" }, 1 },
};

static void
test_export_bad (Fixture       *fixture,
                 gconstpointer  data)
{
  const BadExportCase *bad = data;
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *out = NULL;
  const char *args[16] = { "--database", fixture->database, "--export",
                           NULL };
  g_auto(Run) run = { 0 };

  if (g_str_equal (bad->name, "folder"))
    out = tmp_path (fixture, "missing/out.csv");
  else
    out = tmp_path (fixture, "out.csv");
  args[3] = out;
  for (guint i = 0; bad->args[i] != NULL; i++)
    args[4 + i] = bad->args[i];

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  run_argv (fixture, args, &run);

  g_assert_cmpint (run.status, ==, bad->status);
  assert_one_sentence (run.err);
  if (g_str_equal (bad->name, "unknown-service"))
    g_assert_nonnull (strstr (run.err, "“Emial”"));
  assert_no_file (out);
  assert_folder_holds (fixture, NULL);
}

/* An export that fails leaves an existing file as it was. */
static void
test_export_keeps_old_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *out = tmp_path (fixture, "out.csv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  const char * const expected[] = { "out.csv", NULL };

  g_file_set_contents (out, "old\r\n", -1, &error);
  g_assert_no_error (error);

  RUN (fixture, &run, "--database", fixture->database, "--export", out);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_sentence (run.err);

  g_file_get_contents (out, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "old\r\n");
  assert_folder_holds (fixture, expected);
}

/* --import of bad data: status 1, a sentence naming the line and the
 * field, the database as it was.
 */
typedef struct
{
  const char *name;
  const char *zone;
  const char *row;       /* line 3 of the file */
  DeskField   fields[2]; /* the sentence names one of these */
} BadDataCase;

#define GOOD_ROW \
  "INC-000100,Disk full,File server,SEV3,None,New," \
  "2024-05-01T10:00:00+00:00,,,,,,,,,,,,,,,\r\n"

static const BadDataCase bad_data_cases[] = {
  { "resolved-before-detected", "UTC",
    "INC-000101,Backup failed,Backups,SEV3,None,Resolved,"
    "2024-05-02T10:00:00+00:00,,,,2024-05-02T09:00:00+00:00,,,,,,,,,,"
    "Fixed,\r\n",
    { DESK_FIELD_RESOLVED_AT, DESK_FIELD_DETECTED_AT } },
  { "unknown-severity", "UTC",
    "INC-000101,Backup failed,Backups,SEV5,None,New,"
    "2024-05-02T10:00:00+00:00,,,,,,,,,,,,,,,\r\n",
    { DESK_FIELD_SEVERITY, DESK_FIELD_SEVERITY } },
  { "impossible-date", "UTC",
    "INC-000101,Backup failed,Backups,SEV3,None,New,"
    "2024-02-30 25:61,,,,,,,,,,,,,,,\r\n",
    { DESK_FIELD_DETECTED_AT, DESK_FIELD_DETECTED_AT } },
  { "skipped-local-time", "Europe/Berlin",
    "INC-000101,Backup failed,Backups,SEV3,None,New,"
    "2025-03-30 02:30,,,,,,,,,,,,,,,\r\n",
    { DESK_FIELD_DETECTED_AT, DESK_FIELD_DETECTED_AT } },
};

static void
test_import_bad_data (Fixture       *fixture,
                      gconstpointer  data)
{
  const BadDataCase *bad = data;
  g_autofree char *small = fixture_file ("small.csv");
  g_autofree char *csv = tmp_path (fixture, "bad.csv");
  g_autofree char *content = NULL;
  g_autofree char *summary_before = NULL;
  g_autofree char *summary_after = NULL;
  g_autofree char *export_before = NULL;
  g_autofree char *export_after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  const char *label_a = desk_field_label (bad->fields[0]);
  const char *label_b = desk_field_label (bad->fields[1]);

  import_ok (fixture, fixture->database, small, "incidentdesk");
  summary_before = summary_text (fixture, fixture->database);
  export_before = export_text (fixture, fixture->database, "UTC");

  content = g_strconcat ("reference,title,service,severity,impact,status,"
                         "detected_at,acknowledged_at,impact_start,"
                         "impact_end,resolved_at,closed_at,downtime_minutes,"
                         "assignee,reporter,description,root_cause,"
                         "five_whys,contributing_factor,workaround,"
                         "resolution,problem\r\n",
                         GOOD_ROW, bad->row, NULL);
  g_file_set_contents (csv, content, -1, &error);
  g_assert_no_error (error);

  RUN (fixture, &run, "--database", fixture->database, "--import", csv,
       "--format", "incidentdesk", "--timezone", bad->zone);

  g_assert_cmpint (run.status, ==, 1);
  assert_one_sentence (run.err);
  g_assert_nonnull (strstr (run.err, "3"));
  /* The good row on line 2 was not written, and the report says so. */
  g_assert_null (strstr (run.out, "Incidents created"));
  g_assert_nonnull (strstr (run.out, "Nothing was imported"));
  /* The field by its label or by its column name. */
  if (strstr (run.err, label_a) == NULL && strstr (run.err, label_b) == NULL &&
      strstr (run.err, desk_field_to_string (bad->fields[0])) == NULL &&
      strstr (run.err, desk_field_to_string (bad->fields[1])) == NULL)
    g_error ("“%s” names neither %s nor %s", run.err, label_a, label_b);

  summary_after = summary_text (fixture, fixture->database);
  export_after = export_text (fixture, fixture->database, "UTC");
  g_assert_cmpstr (summary_after, ==, summary_before);
  g_assert_cmpstr (export_after, ==, export_before);
}

static void
test_import_missing_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *csv = tmp_path (fixture, "nowhere.csv");
  g_auto(Run) run = { 0 };

  RUN (fixture, &run, "--database", fixture->database, "--import", csv);

  g_assert_cmpint (run.status, ==, 1);
  assert_one_sentence (run.err);
  assert_no_file (fixture->database);
}

/* Nor the folders made for it. */
static void
test_import_new_folders (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *csv = tmp_path (fixture, "other.csv");
  g_autofree char *top = tmp_path (fixture, "new");
  g_autofree char *database = g_build_filename (top, "sub", "x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  g_file_set_contents (csv, "name,when\r\nDisk,2025-01-01\r\n", -1,
                       &error);
  g_assert_no_error (error);

  RUN (fixture, &run, "--database", database, "--import", csv);

  g_assert_cmpint (run.status, ==, 1);
  assert_one_sentence (run.err);
  assert_no_file (top);
}

/* A failed import into a new database leaves no database behind. */
static void
test_import_unknown_shape (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *csv = tmp_path (fixture, "other.csv");
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  const char * const expected[] = { "other.csv", NULL };
  g_autofree char *wal = g_strconcat (fixture->database, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->database, "-shm", NULL);

  g_file_set_contents (csv, "name,when\r\nDisk,2025-01-01\r\n", -1,
                       &error);
  g_assert_no_error (error);

  RUN (fixture, &run, "--database", fixture->database, "--import", csv);

  g_assert_cmpint (run.status, ==, 1);
  assert_one_sentence (run.err);
  g_assert_nonnull (strstr (run.err, "--map FILE"));
  assert_no_file (fixture->database);
  assert_no_file (wal);
  assert_no_file (shm);
  assert_folder_holds (fixture, expected);
}

static void
test_import_dry_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("small.csv");
  g_auto(Run) run = { 0 };

  RUN (fixture, &run, "--database", fixture->database, "--import", csv,
       "--dry-run", "--timezone", "UTC");

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "6"));
  assert_no_file (fixture->database);
  assert_folder_holds (fixture, NULL);
}

/* A dry run against a database reports the new incidents and leaves
 * the database as it was.
 */
static void
test_import_dry_run_existing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *small = fixture_file ("small.csv");
  g_autofree char *csv = tmp_path (fixture, "more.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  import_ok (fixture, fixture->database, small, "incidentdesk");
  before = export_text (fixture, fixture->database, "UTC");

  g_file_set_contents (csv, "reference,title,service,severity,impact,"
                       "status,detected_at,acknowledged_at,impact_start,"
                       "impact_end,resolved_at,closed_at,downtime_minutes,"
                       "assignee,reporter,description,root_cause,five_whys,"
                       "contributing_factor,workaround,resolution,problem"
                       "\r\n" GOOD_ROW, -1, &error);
  g_assert_no_error (error);

  RUN (fixture, &run, "--database", fixture->database, "--import", csv,
       "--dry-run", "--timezone", "UTC");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1"));

  after = export_text (fixture, fixture->database, "UTC");
  g_assert_cmpstr (after, ==, before);
}

/* A file with only the header row imports nothing and succeeds; the
 * database is created, empty.
 */
static void
test_import_header_only (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *csv = tmp_path (fixture, "header.csv");
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  g_file_set_contents (csv, "reference,title,service,severity,impact,"
                       "status,detected_at,acknowledged_at,impact_start,"
                       "impact_end,resolved_at,closed_at,downtime_minutes,"
                       "assignee,reporter,description,root_cause,five_whys,"
                       "contributing_factor,workaround,resolution,problem"
                       "\r\n", -1, &error);
  g_assert_no_error (error);

  RUN (fixture, &run, "--database", fixture->database, "--import", csv,
       "--timezone", "UTC");

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Rows read: 0\n"));
  g_assert_nonnull (strstr (run.out, "Incidents created: 0\n"));

  summary = summary_text (fixture, fixture->database);
  g_assert_nonnull (strstr (summary, "\"incidents\" : 0,"));
}

static void
test_import_twice (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *summary = NULL;

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  import_ok (fixture, fixture->database, csv, "auto");
  summary = summary_text (fixture, fixture->database);

  g_assert_cmpstr (summary, ==, small_summary);
}

/* uci498: counts made here from the file itself. */

typedef struct
{
  int   mod_count;
  char *state;
  char *priority;
  char *service;
} EventRow;

static void
event_row_free (EventRow *row)
{
  g_free (row->state);
  g_free (row->priority);
  g_free (row->service);
  g_free (row);
}

static int
column_index (char       **header,
              const char  *name)
{
  for (int i = 0; header[i] != NULL; i++)
    {
      if (g_str_equal (header[i], name))
        return i;
    }

  g_error ("no column %s", name);
}

/* The last event of each number by modification count (a later line on
 * a tie). The file has no quoted cells, so a plain split reads it.
 */
static GHashTable *
last_events (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *events;
  int number, state, mod_count, priority, ci, category;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strchr (text, '"'));

  lines = g_strsplit (text, "\r\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  number = column_index (header, "number");
  state = column_index (header, "incident_state");
  mod_count = column_index (header, "sys_mod_count");
  priority = column_index (header, "priority");
  ci = column_index (header, "cmdb_ci");
  category = column_index (header, "category");

  events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) event_row_free);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      EventRow *previous = g_hash_table_lookup (events, cells[number]);
      EventRow *row;

      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));

      row = g_new0 (EventRow, 1);
      row->mod_count = atoi (cells[mod_count]);
      if (previous != NULL && previous->mod_count > row->mod_count)
        {
          g_free (row);
          continue;
        }

      row->state = g_strdup (cells[state]);
      row->priority = g_strdup (cells[priority]);
      if (!g_str_equal (cells[ci], "?"))
        row->service = g_strdup (cells[ci]);
      else if (!g_str_equal (cells[category], "?"))
        row->service = g_strdup (cells[category]);
      g_hash_table_replace (events, g_strdup (cells[number]), row);
    }

  return events;
}

static const char *
our_status (const char *state)
{
  if (g_str_equal (state, "New"))
    return "New";
  if (g_str_equal (state, "Active"))
    return "Investigating";
  if (g_str_has_prefix (state, "Awaiting"))
    return "On hold";
  if (g_str_equal (state, "Resolved"))
    return "Resolved";
  if (g_str_equal (state, "Closed"))
    return "Closed";

  g_error ("unexpected state %s", state);
}

static void
count_in (GHashTable *counts,
          const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

  g_hash_table_replace (counts, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

static guint
member_or_zero (JsonObject *object,
                const char *name)
{
  if (!json_object_has_member (object, name))
    return 0;

  return json_object_get_int_member (object, name);
}

static void
assert_counts (JsonObject *object,
               GHashTable *expected)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (member_or_zero (object, key) != GPOINTER_TO_UINT (value))
        g_error ("%s: expected %u, got %u", (char *) key,
                 GPOINTER_TO_UINT (value), member_or_zero (object, key));
    }
}

static void
test_servicenow_summary (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GHashTable) events = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  g_autoptr(GHashTable) severities = NULL;
  g_autoptr(GHashTable) services = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *root, *by_service;
  GHashTableIter iter;
  gpointer value;
  guint n_fallback = 0, n_known = 0;
  g_autoptr(GList) names = NULL;

  csv = desk_test_data_path ("incidents/uci498_incident_event_log_sample.csv");
  if (csv == NULL)
    return;

  events = last_events (csv);
  g_assert_cmpuint (g_hash_table_size (events), ==, 731);

  statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  severities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, events);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      EventRow *row = value;
      g_autofree char *severity = NULL;

      count_in (statuses, our_status (row->state));
      severity = g_strdup_printf ("SEV%c", row->priority[0]);
      count_in (severities, severity);
      if (row->service != NULL)
        count_in (services, row->service);
      else
        n_fallback++;
    }

  RUN (fixture, &run, "--database", fixture->database, "--import", csv,
       "--format", "servicenow", "--timezone", "UTC");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "731"));

  summary = summary_text (fixture, fixture->database);
  json_parser_load_from_data (parser, summary, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (json_object_get_int_member (root, "incidents"), ==, 731);
  assert_counts (json_object_get_object_member (root, "by_status"),
                 statuses);
  assert_counts (json_object_get_object_member (root, "by_severity"),
                 severities);
  by_service = json_object_get_object_member (root, "by_service");
  assert_counts (by_service, services);

  /* Records with neither configuration item nor category go to one
   * fallback service.
   */
  names = json_object_get_members (by_service);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (g_hash_table_contains (services, l->data))
        n_known++;
      else
        g_assert_cmpint (json_object_get_int_member (by_service, l->data),
                         ==, n_fallback);
    }
  g_assert_cmpuint (n_known, ==, g_hash_table_size (services));
  g_assert_cmpuint (g_list_length (names), ==,
                    n_known + (n_fallback > 0 ? 1 : 0));
}

/* export → import into a new database → export: the same bytes. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *zone = data;
  g_autofree char *csv = NULL;
  g_autofree char *first_path = tmp_path (fixture, "first.csv");
  g_autofree char *second_db = tmp_path (fixture, "second.db");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  csv = desk_test_data_path ("incidents/uci498_incident_event_log_sample.csv");
  if (csv == NULL)
    return;

  import_ok (fixture, fixture->database, csv, "servicenow");
  first = export_text (fixture, fixture->database, zone);
  g_file_set_contents (first_path, first, -1, &error);
  g_assert_no_error (error);

  import_ok (fixture, second_db, first_path, "auto");
  second = export_text (fixture, second_db, zone);

  g_assert_cmpuint (strlen (first), >, 731 * 50);
  g_assert_true (g_str_equal (first, second));
}

/* --sla-report on the GitHub outage windows: the uptime of the union of
 * the critical and major windows in 2025, computed here.
 */
static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const gint64 *x = a, *y = b;

  return x[0] < y[0] ? -1 : x[0] > y[0];
}

static double
github_uptime_2025 (const char *path)
{
  const gint64 start = 1735689600;  /* 2025-01-01T00:00:00Z */
  const gint64 end = 1767225600;    /* 2026-01-01T00:00:00Z */
  g_autofree char *text = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE,
                                             2 * sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const char **fields;
  guint n_fields;
  gsize length;
  gint64 down = 0, cur_start = 0, cur_end = G_MININT64;
  int col_start = -1, col_end = -1, col_impact = -1;
  gboolean header = TRUE;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  reader = desk_csv_reader_new_for_data (text, length, ',');

  while (desk_csv_reader_next (reader, &fields, &n_fields, NULL, &error))
    {
      g_autoptr(GDateTime) from = NULL;
      g_autoptr(GDateTime) to = NULL;
      gint64 interval[2];

      if (header)
        {
          for (guint i = 0; i < n_fields; i++)
            {
              if (g_str_equal (fields[i], "downtime_start"))
                col_start = i;
              else if (g_str_equal (fields[i], "downtime_end"))
                col_end = i;
              else if (g_str_equal (fields[i], "impact"))
                col_impact = i;
            }
          header = FALSE;
          continue;
        }

      if (!g_str_equal (fields[col_impact], "critical") &&
          !g_str_equal (fields[col_impact], "major"))
        continue;

      from = g_date_time_new_from_iso8601 (fields[col_start], NULL);
      to = g_date_time_new_from_iso8601 (fields[col_end], NULL);
      interval[0] = CLAMP (g_date_time_to_unix (from), start, end);
      interval[1] = CLAMP (g_date_time_to_unix (to), start, end);
      if (interval[1] > interval[0])
        g_array_append_val (intervals, interval);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (intervals->len, >, 10);

  g_array_sort (intervals, compare_intervals);
  for (guint i = 0; i < intervals->len; i++)
    {
      gint64 *interval = &g_array_index (intervals, gint64, 2 * i);

      if (interval[0] > cur_end)
        {
          if (cur_end != G_MININT64)
            down += cur_end - cur_start;
          cur_start = interval[0];
          cur_end = interval[1];
        }
      else
        {
          cur_end = MAX (cur_end, interval[1]);
        }
    }
  down += cur_end - cur_start;

  return 100.0 * (double) (end - start - down) / (double) (end - start);
}

static void
test_github_sla (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autofree char *mapping = desk_test_fixture_path (
    "mappings/github-status.ini");
  g_autofree char *report = tmp_path (fixture, "sla.csv");
  g_autofree char *text = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) report_run = { 0 };
  const char **fields;
  guint n_fields;
  gsize length;
  int col_uptime = -1;
  guint n_rows = 0;
  double expected, uptime = -1;
  char *end;

  csv = desk_test_data_path ("incidents/github_status_downtime_windows.csv");
  if (csv == NULL)
    return;
  expected = github_uptime_2025 (csv);

  RUN (fixture, &run, "--database", fixture->database, "--import", csv,
       "--map", mapping, "--timezone", "UTC");
  if (run.status != 0)
    g_error ("mapped import failed: %s", run.err);

  RUN (fixture, &report_run, "--database", fixture->database,
       "--sla-report", report, "--period", "2025", "--timezone", "UTC");
  g_assert_cmpstr (report_run.err, ==, "");
  g_assert_cmpint (report_run.status, ==, 0);

  g_file_get_contents (report, &text, &length, &error);
  g_assert_no_error (error);
  reader = desk_csv_reader_new_for_data (text, length, ',');
  while (desk_csv_reader_next (reader, &fields, &n_fields, NULL, &error))
    {
      if (col_uptime < 0)
        {
          for (guint i = 0; i < n_fields; i++)
            {
              if (g_str_has_prefix (fields[i], "uptime"))
                col_uptime = i;
            }
          g_assert_cmpint (col_uptime, >=, 0);
          continue;
        }

      n_rows++;
      uptime = g_ascii_strtod (fields[col_uptime], &end);
      g_assert_true (end != fields[col_uptime]);
    }
  g_assert_no_error (error);

  /* One service; its uptime as printed, to the printed precision. */
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpfloat_with_epsilon (uptime, expected, 0.0001);
}

static void
test_sla_report_bad_period (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("small.csv");
  g_autofree char *out = tmp_path (fixture, "sla.csv");
  g_auto(Run) run = { 0 };

  import_ok (fixture, fixture->database, csv, "incidentdesk");
  RUN (fixture, &run, "--database", fixture->database, "--sla-report", out,
       "--period", "2025-13");

  g_assert_cmpint (run.status, ==, 2);
  assert_one_sentence (run.err);
  g_assert_nonnull (strstr (run.err, "--period"));
  assert_no_file (out);
  assert_folder_holds (fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/usage/%s",
                                               usage_cases[i].name);

      ADD (path, test_usage, &usage_cases[i]);
    }
  ADD ("/cli/window/without-display", test_window_without_display, NULL);
  ADD ("/cli/help", test_help, NULL);
  ADD ("/cli/summary/exact", test_summary_exact, NULL);
  ADD ("/cli/summary/empty", test_summary_empty, NULL);
  ADD ("/cli/summary/read-only", test_summary_read_only, NULL);
  ADD ("/cli/summary/no-database", test_summary_no_database, NULL);
  ADD ("/cli/export/fixture-same-bytes", test_export_fixture_same_bytes,
       NULL);
  for (guint i = 0; i < G_N_ELEMENTS (filter_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/export/filter/%s",
                                               filter_cases[i].name);

      ADD (path, test_export_filter, &filter_cases[i]);
    }
  ADD ("/cli/export/spreadsheet", test_export_spreadsheet, NULL);
  ADD ("/cli/export/standard-output", test_export_to_pipe, "-");
  ADD ("/cli/export/pipe-path", test_export_to_pipe, "/dev/stdout");
  for (guint i = 0; i < G_N_ELEMENTS (full_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/disk-full/%s",
                                               full_cases[i].name);

      ADD (path, test_disk_full, &full_cases[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_export_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/export/bad/%s",
                                               bad_export_cases[i].name);

      ADD (path, test_export_bad, &bad_export_cases[i]);
    }
  ADD ("/cli/export/keeps-old-file", test_export_keeps_old_file, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad_data_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/import/bad/%s",
                                               bad_data_cases[i].name);

      ADD (path, test_import_bad_data, &bad_data_cases[i]);
    }
  ADD ("/cli/import/missing-file", test_import_missing_file, NULL);
  ADD ("/cli/import/unknown-shape", test_import_unknown_shape, NULL);
  ADD ("/cli/import/new-folders", test_import_new_folders, NULL);
  ADD ("/cli/import/dry-run", test_import_dry_run, NULL);
  ADD ("/cli/import/dry-run-existing", test_import_dry_run_existing,
       NULL);
  ADD ("/cli/import/header-only", test_import_header_only, NULL);
  ADD ("/cli/import/twice", test_import_twice, NULL);
  ADD ("/cli/import/servicenow-summary", test_servicenow_summary, NULL);
  ADD ("/cli/round-trip/UTC", test_round_trip, "UTC");
  ADD ("/cli/round-trip/Asia-Jakarta", test_round_trip, "Asia/Jakarta");
  ADD ("/cli/sla-report/github-2025", test_github_sla, NULL);
  ADD ("/cli/sla-report/bad-period", test_sla_report_bad_period, NULL);
  ADD ("/cli/sla-report/standard-output", test_sla_report_standard_output,
       NULL);

#undef ADD

  return g_test_run ();
}
