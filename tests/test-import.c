/* test-import.c: the app's own format, ServiceNow and mapped imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <sqlite3.h>

#include "desk-csv.h"
#include "desk-error.h"
#include "desk-export.h"
#include "desk-import.h"
#include "desk-sla-report.h"
#include "desk-time.h"
#include "desk-test-util.h"

/* 2025-03-09T14:05:00Z */
#define T0 G_GINT64_CONSTANT (1741529100)

typedef struct
{
  char      *dir;
  DeskStore *store;
  DeskStore *other;
} Fixture;

static DeskStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  DeskStore *store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  desk_store_set_actor (store, "tester");

  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = desk_test_tmpdir_new ();
  f->store = open_store (f, "first.db");
  f->other = open_store (f, "second.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->other);
  desk_test_tmpdir_free (f->dir);
}

static guint
count (DeskStore *store)
{
  g_autoptr(GError) error = NULL;
  guint n = desk_store_count (store, NULL, &error);

  g_assert_no_error (error);

  return n;
}

static GBytes *
export_bytes (DeskStore       *store,
              const char      *zone,
              DeskExportFlags  flags)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GError) error = NULL;

  desk_export_incidents (store, NULL, out, tz, flags, NULL, NULL, NULL,
                         NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static DeskImportReport *
import_bytes (DeskStore        *store,
              GBytes           *bytes,
              DeskImportFormat  format,
              const char       *zone,
              gboolean          dry_run,
              GError          **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GTimeZone) tz = zone ? g_time_zone_new_identifier (zone) : NULL;
  DeskImportOptions options;

  desk_import_options_init (&options);
  options.format = format;
  options.tz = tz;
  options.dry_run = dry_run;

  return desk_import_stream (store, in, &options, NULL, NULL, NULL, error);
}

static DeskImportReport *
import_path (DeskStore        *store,
             const char       *path,
             DeskImportFormat  format,
             GKeyFile         *mapping,
             const char       *zone,
             gboolean          dry_run,
             GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GTimeZone) tz = zone ? g_time_zone_new_identifier (zone) : NULL;
  DeskImportOptions options;

  desk_import_options_init (&options);
  options.format = format;
  options.mapping = mapping;
  options.tz = tz;
  options.dry_run = dry_run;

  return desk_import_file (store, file, &options, NULL, NULL, NULL, error);
}

static const DeskImportMessage *
message_at (DeskImportReport *report,
            guint             index)
{
  g_assert_cmpuint (index, <, report->messages->len);

  return report->messages->pdata[index];
}

static void
store_incident (DeskStore    *store,
                DeskIncident *incident)
{
  g_autoptr(GError) error = NULL;

  desk_store_import_incident (store, incident, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  gsize la, lb;
  const char *da = g_bytes_get_data (a, &la);
  const char *db = g_bytes_get_data (b, &lb);

  g_assert_cmpmem (da, la, db, lb);
}

/* The own format: export → import → export */

static const char *tricky_titles[] = {
  "Comma, \"quote\" and more",
  "=1+1",
  "-5 degrees in the server room",
  "+31 20 555 0100 is down",
  "@channel outage",
  "'quoted",
  "''",
  "'=already guarded",
  "'",
  "Fire \xF0\x9F\x94\xA5 and a check \xE2\x9C\x93",
  "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D \xE2\x80\x8F(RTL)",
  "\xD8\xA7\xD9\x84\xD8\xAE\xD8\xA7\xD8\xAF\xD9\x85 \xD9\x84\xD8\xA7 \xD9\x8A\xD8\xB9\xD9\x85\xD9\x84",
  "  spaces around  ",
  "semi;colon",
  "<b>markup</b> &amp; '); DROP TABLE incidents; --",
};

static const char *tricky_texts[] = {
  "Line one\nLine two, with a comma\nLine \"three\"",
  "\ttab first",
  "\nline feed first",
  "\rcarriage return first\r\nand CRLF inside",
  "-",
  "=HYPERLINK(\"http://example.com\",\"click\")",
  "",
  "trailing newline\n",
};

static void
fill_tricky (DeskStore *store)
{
  g_autoptr(GString) long_text = g_string_new (NULL);

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (long_text, i % 80 == 79 ? '\n' : 'a' + i % 26);

  for (guint i = 0; i < G_N_ELEMENTS (tricky_titles); i++)
    {
      g_autoptr(DeskIncident) incident = desk_incident_new ();
      g_autofree char *reference = g_strdup_printf ("INC-%06u", i + 1);
      const char *text = tricky_texts[i % G_N_ELEMENTS (tricky_texts)];

      desk_incident_set_string (incident, DESK_FIELD_REFERENCE, reference);
      desk_incident_set_string (incident, DESK_FIELD_TITLE, tricky_titles[i]);
      desk_incident_set_string (incident, DESK_FIELD_SERVICE,
                                i % 2 ? "Mail, internal" : "=Web");
      desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                                i == 3 ? long_text->str : text);
      desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, tricky_titles[(i + 1) % G_N_ELEMENTS (tricky_titles)]);
      desk_incident_set_string (incident, DESK_FIELD_REPORTER, "-reporter");
      desk_incident_set_string (incident, DESK_FIELD_FIVE_WHYS,
                                "Why one?\nWhy two, really?\n=why three");
      desk_incident_set_string (incident, DESK_FIELD_WORKAROUND, text);
      incident->severity = DESK_SEVERITY_SEV1 + i % 4;
      incident->impact = (DeskImpact) (i % 3);
      incident->detected_at = T0 + i * 3671;
      if (i % 3 != 0)
        {
          incident->status = DESK_STATUS_CLOSED;
          incident->acknowledged_at = incident->detected_at + 60;
          incident->impact_start = incident->detected_at + 30;
          incident->impact_end = incident->detected_at + 5000;
          incident->resolved_at = incident->detected_at + 7200;
          incident->closed_at = incident->detected_at + 90000;
          incident->factor = DESK_FACTOR_PEOPLE + i % 5;
          desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE, text);
          desk_incident_set_string (incident, DESK_FIELD_RESOLUTION, "@fixed");
        }
      else
        incident->status = DESK_STATUS_INVESTIGATING;
      if (i == 5)
        desk_incident_set_string (incident, DESK_FIELD_PROBLEM, "PRB-000001");

      store_incident (store, incident);
    }
}

static void
check_round_trip (Fixture         *f,
                  const char      *zone,
                  DeskExportFlags  flags)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fill_tricky (f->store);
  first = export_bytes (f->store, zone, flags);

  report = import_bytes (f->other, first, DESK_IMPORT_FORMAT_AUTO, NULL,
                         FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->format, ==, DESK_IMPORT_FORMAT_INCIDENTDESK);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->n_rows, ==, G_N_ELEMENTS (tricky_titles));
  g_assert_cmpuint (report->n_created, ==, G_N_ELEMENTS (tricky_titles));
  g_assert_cmpuint (count (f->other), ==, G_N_ELEMENTS (tricky_titles));

  second = export_bytes (f->other, zone, flags);
  assert_bytes_equal (first, second);
}

static void
test_round_trip_utc (Fixture       *f,
                     gconstpointer  data)
{
  check_round_trip (f, "UTC", 0);
}

static void
test_round_trip_berlin (Fixture       *f,
                        gconstpointer  data)
{
  check_round_trip (f, "Europe/Berlin", 0);
}

static void
test_round_trip_spreadsheet (Fixture       *f,
                             gconstpointer  data)
{
  check_round_trip (f, "Asia/Jakarta", DESK_EXPORT_FLAGS_SPREADSHEET);
}

static void
test_round_trip_values (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fill_tricky (f->store);
  bytes = export_bytes (f->store, "UTC", 0);
  report = import_bytes (f->other, bytes, DESK_IMPORT_FORMAT_INCIDENTDESK,
                         NULL, FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tricky_titles); i++)
    {
      g_autofree char *reference = g_strdup_printf ("INC-%06u", i + 1);
      g_autoptr(DeskIncident) a = desk_store_find_incident (f->store, reference, &error);
      g_autoptr(DeskIncident) b = desk_store_find_incident (f->other, reference, &error);

      g_assert_no_error (error);
      for (DeskField field = DESK_FIELD_REFERENCE; field < DESK_N_FIELDS; field++)
        {
          if (field >= DESK_FIELD_DETECTED_AT && field <= DESK_FIELD_CLOSED_AT)
            g_assert_cmpint (desk_incident_get_time (a, field), ==,
                             desk_incident_get_time (b, field));
          else if (field == DESK_FIELD_SEVERITY)
            g_assert_cmpint (a->severity, ==, b->severity);
          else if (field == DESK_FIELD_IMPACT)
            g_assert_cmpint (a->impact, ==, b->impact);
          else if (field == DESK_FIELD_STATUS)
            g_assert_cmpint (a->status, ==, b->status);
          else if (field == DESK_FIELD_FACTOR)
            g_assert_cmpint (a->factor, ==, b->factor);
          else
            g_assert_cmpstr (desk_incident_get_string (a, field), ==,
                             desk_incident_get_string (b, field));
        }
    }
}

static void
test_twice_no_duplicate (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/valid.csv");
  g_autoptr(DeskImportReport) first = NULL;
  g_autoptr(DeskImportReport) second = NULL;
  g_autoptr(GError) error = NULL;

  first = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                       FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_created, ==, 2);
  g_assert_cmpuint (first->n_updated, ==, 0);

  second = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_created, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 2);
  g_assert_cmpuint (count (f->store), ==, 2);
}

/* A large import into a file without incidents goes through a rollback
 * journal (desk_store_begin_bulk); the file is back on its log after,
 * whether the import landed or was refused, and an import while another
 * program reads the file keeps the log all along.
 */
static char *
journal_mode (Fixture    *f,
              const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *mode;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return mode;
}

static void
assert_no_journal (Fixture    *f,
                   const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_bulk_back_to_log (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/valid.csv");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);
  g_assert_cmpuint (count (f->store), ==, 2);
  assert_no_journal (f, "first.db");

  mode = journal_mode (f, "first.db");
  g_assert_cmpstr (mode, ==, "wal");
}

static void
test_bulk_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/many-errors.csv");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (report->committed);
  g_assert_cmpuint (count (f->store), ==, 0);
  assert_no_journal (f, "first.db");

  mode = journal_mode (f, "first.db");
  g_assert_cmpstr (mode, ==, "wal");
}

static void
test_bulk_beside_reader (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/valid.csv");
  g_autofree char *db_path = g_build_filename (f->dir, "first.db", NULL);
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *reader = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &reader, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  sqlite3_exec (reader, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (reader, "SELECT count(*) FROM incidents", -1, &stmt,
                      NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);
  g_assert_cmpuint (count (f->store), ==, 2);

  /* The reader still sees the file as it was when it began. */
  sqlite3_prepare_v2 (reader, "SELECT count(*) FROM incidents", -1, &stmt,
                      NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (reader);

  mode = journal_mode (f, "first.db");
  g_assert_cmpstr (mode, ==, "wal");
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/valid.csv");
  g_autoptr(DeskImportReport) dry = NULL;
  g_autoptr(DeskImportReport) real = NULL;
  g_autoptr(GError) error = NULL;

  dry = import_path (f->store, path, DESK_IMPORT_FORMAT_INCIDENTDESK, NULL,
                     "UTC", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (dry->dry_run);
  g_assert_false (dry->committed);
  g_assert_cmpuint (dry->n_rows, ==, 2);
  g_assert_cmpuint (dry->n_created, ==, 2);
  g_assert_cmpuint (count (f->store), ==, 0);

  real = import_path (f->store, path, DESK_IMPORT_FORMAT_INCIDENTDESK, NULL,
                      "UTC", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (real->committed);
  g_assert_cmpuint (real->n_created, ==, dry->n_created);
  g_assert_cmpuint (real->messages->len, ==, dry->messages->len);
  g_assert_cmpuint (count (f->store), ==, 2);
}

/* Refused input: nothing of the batch is written */

typedef struct
{
  const char *name;
  const char *zone;
  guint       line;
  DeskField   field;
  const char *message;
} RefuseCase;

static const RefuseCase refuse_cases[] = {
  { "resolved-before-detected", "UTC", 3, DESK_FIELD_RESOLVED_AT,
    "Line 3, resolved_at: The resolved time cannot be before the detected time." },
  { "unknown-severity", "UTC", 3, DESK_FIELD_SEVERITY,
    "Line 3, severity: “Critical” is not a severity; use SEV1, SEV2, SEV3 or SEV4." },
  { "impossible-date", "UTC", 3, DESK_FIELD_DETECTED_AT, NULL },
  { "nonexistent-local-time", "Europe/Berlin", 3, DESK_FIELD_DETECTED_AT, NULL },
};

static void
test_refuse (Fixture       *f,
             gconstpointer  data)
{
  const RefuseCase *c = data;
  g_autofree char *name = g_strdup_printf ("import/%s.csv", c->name);
  g_autofree char *path = desk_test_fixture_path (name);
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const DeskImportMessage *message;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL,
                        c->zone, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 1);
  g_assert_false (report->committed);
  g_assert_cmpuint (count (f->store), ==, 0);

  message = message_at (report, 0);
  g_assert_cmpint (message->severity, ==, DESK_IMPORT_ERROR);
  g_assert_cmpuint (message->line, ==, c->line);
  g_assert_cmpint (message->field, ==, c->field);
  if (c->message != NULL)
    g_assert_cmpstr (message->text, ==, c->message);
  else
    g_assert_true (g_str_has_prefix (message->text, "Line 3, detected_at: "));
}

static void
test_refuse_many (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/many-errors.csv");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const guint lines[] = { 3, 4, 5, 6, 7, 8 };
  const DeskField fields[] = {
    DESK_FIELD_RESOLVED_AT, DESK_FIELD_SEVERITY, DESK_FIELD_DETECTED_AT,
    DESK_FIELD_STATUS, DESK_FIELD_NONE, DESK_FIELD_TITLE,
  };
  guint n = 0;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, G_N_ELEMENTS (lines));
  g_assert_cmpuint (report->n_rows, ==, 7);

  for (guint i = 0; i < report->messages->len; i++)
    {
      const DeskImportMessage *message = message_at (report, i);

      if (message->severity != DESK_IMPORT_ERROR)
        continue;
      g_assert_cmpuint (message->line, ==, lines[n]);
      g_assert_cmpint (message->field, ==, fields[n]);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (lines));
  g_assert_cmpstr (message_at (report, 4)->text, ==,
                   "Line 7: The row has 4 fields, but the header has 22.");
  g_assert_cmpuint (count (f->store), ==, 0);
}

static void
test_refuse_dry_run (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/many-errors.csv");
  g_autoptr(DeskImportReport) real = NULL;
  g_autoptr(DeskImportReport) dry = NULL;
  g_autoptr(GError) error = NULL;

  dry = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                     TRUE, &error);
  g_assert_no_error (error);
  real = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                      FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (dry->n_errors, ==, real->n_errors);
  g_assert_cmpuint (dry->messages->len, ==, real->messages->len);
  for (guint i = 0; i < dry->messages->len; i++)
    g_assert_cmpstr (message_at (dry, i)->text, ==, message_at (real, i)->text);
}

typedef struct
{
  const char *name;
  const char *message;
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  { "unterminated-quote", "Line 3: a quoted field is never closed." },
  { "nul-byte", "Line 2 holds a zero byte, which is not text." },
  { "invalid-utf8", "Line 3 is not valid UTF-8 text." },
};

static void
test_malformed_csv (Fixture       *f,
                    gconstpointer  data)
{
  const MalformedCase *c = data;
  g_autofree char *name = g_strdup_printf ("import/%s.csv", c->name);
  g_autofree char *path = desk_test_fixture_path (name);
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, c->message);
  g_assert_cmpuint (count (f->store), ==, 0);
}

static void
test_unknown_format (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/shop.csv");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_UNKNOWN_FORMAT);
  g_assert_cmpuint (count (f->store), ==, 0);
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "nothing.csv", NULL);
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
}

/* Format detection */

static void
test_detect (void)
{
  const char *servicenow[] = { "number", "incident_state", "active",
                               "sys_mod_count", "opened_at" };
  const char *almost[] = { "number", "incident_state", "opened_at" };
  const char * const *own = desk_export_columns ();
  DeskImportFormat format;

  g_assert_cmpint (desk_import_detect_format (own, DESK_EXPORT_N_COLUMNS), ==,
                   DESK_IMPORT_FORMAT_INCIDENTDESK);
  g_assert_cmpint (desk_import_detect_format (own, DESK_EXPORT_N_COLUMNS - 1), ==,
                   DESK_IMPORT_FORMAT_AUTO);
  g_assert_cmpint (desk_import_detect_format (servicenow, 5), ==,
                   DESK_IMPORT_FORMAT_SERVICENOW);
  g_assert_cmpint (desk_import_detect_format (almost, 3), ==,
                   DESK_IMPORT_FORMAT_AUTO);

  g_assert_true (desk_import_format_from_string ("ServiceNow", &format));
  g_assert_cmpint (format, ==, DESK_IMPORT_FORMAT_SERVICENOW);
  g_assert_false (desk_import_format_from_string ("excel", &format));
  g_assert_cmpstr (desk_import_format_to_string (DESK_IMPORT_FORMAT_MAPPED), ==,
                   "mapped");
}

/* Formula-injection vectors through export and back */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

#define N_FORMULA_VECTORS 38

static char *
formula_vector (guint index)
{
  g_autofree char *path = desk_test_data_path ("csv/formula-injection/formula_injection_vectors.csv");
  g_autofree char *contents = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char **fields;
  char *value = NULL;
  guint n, row = 0;
  gsize length;

  if (path == NULL)
    return NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  reader = desk_csv_reader_new_for_data (contents, length, ',');
  while (desk_csv_reader_next (reader, &fields, &n, NULL, &error))
    {
      if (row++ == index + 1)
        value = g_strdup (fields[0]);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row, ==, N_FORMULA_VECTORS + 1);

  return value;
}

static void
test_formula_vector (Fixture       *f,
                     gconstpointer  data)
{
  guint index = GPOINTER_TO_UINT (data);
  g_autofree char *vector = formula_vector (index);
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(DeskIncident) back = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  gboolean single_line;
  const char **fields;
  guint n;
  gsize length;
  const char *data_text;

  if (vector == NULL)
    return;

  single_line = desk_text_is_clean (vector, FALSE) && !is_blank (vector);
  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, "INC-000001");
  desk_incident_set_string (incident, DESK_FIELD_TITLE,
                            single_line ? vector : "Formula vector");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Sheets");
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, vector);
  desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE, vector);
  if (desk_text_is_clean (vector, FALSE))
    desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, vector);
  incident->detected_at = T0;
  store_incident (f->store, incident);

  first = export_bytes (f->store, "UTC", 0);

  /* Every cell of the export obeys the guard. */
  data_text = g_bytes_get_data (first, &length);
  reader = desk_csv_reader_new_for_data (data_text, length, ',');
  while (desk_csv_reader_next (reader, &fields, &n, NULL, &error))
    {
      g_assert_cmpuint (n, ==, DESK_EXPORT_N_COLUMNS);
      for (guint i = 0; i < n; i++)
        g_assert_null (strchr ("=+-@\t\r\n", fields[i][0] ? fields[i][0] : 'x'));
      if (desk_csv_reader_get_line (reader) > 1)
        {
          g_autofree char *guarded = desk_csv_guard (vector);

          /* description */
          g_assert_cmpstr (fields[15], ==, guarded);
        }
    }
  g_assert_no_error (error);

  report = import_bytes (f->other, first, DESK_IMPORT_FORMAT_INCIDENTDESK,
                         NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);

  back = desk_store_find_incident (f->other, "INC-000001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->description, ==, vector);
  g_assert_cmpstr (back->root_cause, ==, vector);
  g_assert_cmpstr (back->title, ==, incident->title);
  g_assert_cmpstr (back->assignee, ==, incident->assignee);

  second = export_bytes (f->other, "UTC", 0);
  assert_bytes_equal (first, second);
}

/* ServiceNow */

static void
test_servicenow_events (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("servicenow/events.csv");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskIncident) one = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected_status[] = { "New", "Investigating", "Resolved", "Closed" };
  guint n_status = 0;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                        FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->format, ==, DESK_IMPORT_FORMAT_SERVICENOW);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_rows, ==, 7);
  g_assert_cmpuint (report->n_created, ==, 2);

  one = desk_store_find_incident (f->store, "INC0000001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (one->status, ==, DESK_STATUS_CLOSED);
  g_assert_cmpint (one->severity, ==, DESK_SEVERITY_SEV2);
  g_assert_cmpint (one->impact, ==, DESK_IMPACT_OUTAGE);
  g_assert_cmpstr (one->service, ==, "Category 7");
  g_assert_cmpstr (one->title, ==, "Category 7 / Subcategory 70 / Symptom 4");
  g_assert_cmpstr (one->assignee, ==, "Resolver 8");
  g_assert_cmpstr (one->reporter, ==, "Caller 11");
  g_assert_cmpstr (one->resolution, ==, "code 3");
  /* 2016-03-01 08:55, 09:30 (left New at mod 1), 11:00; 03-06 12:00 UTC */
  g_assert_cmpint (one->detected_at, ==, 1456822500);
  g_assert_cmpint (one->acknowledged_at, ==, 1456824600);
  g_assert_cmpint (one->resolved_at, ==, 1456830000);
  g_assert_cmpint (one->closed_at, ==, 1457265600);

  timeline = desk_store_list_timeline (f->store, one->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    {
      DeskTimelineEntry *entry = timeline->pdata[i];

      if (g_strcmp0 (entry->field, "status") != 0)
        continue;
      g_assert_cmpuint (n_status, <, G_N_ELEMENTS (expected_status));
      g_assert_cmpstr (entry->new_value, ==, expected_status[n_status]);
      n_status++;
    }
  g_assert_cmpuint (n_status, ==, 4);
}

static void
test_servicenow_fallbacks (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("servicenow/events.csv");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskIncident) two = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_SERVICENOW, NULL,
                        "UTC", FALSE, &error);
  g_assert_no_error (error);

  two = desk_store_find_incident (f->store, "INC0000002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (two->status, ==, DESK_STATUS_CLOSED);
  g_assert_cmpint (two->severity, ==, DESK_SEVERITY_SEV3);
  g_assert_cmpint (two->impact, ==, DESK_IMPACT_NONE);
  g_assert_cmpstr (two->service, ==, "Unknown service");
  g_assert_cmpstr (two->title, ==, "Incident INC0000002");
  /* Opened 2016-03-02 10:00; resolved and closed when it reached Closed,
   * 2016-03-03 10:00 UTC; acknowledged then too (the -100 kept it New).
   */
  g_assert_cmpint (two->detected_at, ==, 1456912800);
  g_assert_cmpint (two->resolved_at, ==, 1456999200);
  g_assert_cmpint (two->closed_at, ==, 1456999200);
  g_assert_cmpint (two->acknowledged_at, ==, 1456999200);

  for (guint i = 0; i < report->messages->len; i++)
    g_string_append_printf (all, "%s\n", message_at (report, i)->text);

  g_assert_cmpstr (all->str, ==,
                   "Line 7, incident_state: The state “-100” is not known; the status New was kept.\n"
                   "Line 8, cmdb_ci: The incident has neither a configuration item nor a category; it was put under “Unknown service”.\n"
                   "Line 8, priority: The priority “5 - Planning” is not 1 to 4; the incident was given SEV3.\n"
                   "Line 8, impact: The incident has no impact; it was given the impact None.\n"
                   "Line 8, resolved_at: The incident has no resolved time; the time it was first marked resolved was used.\n"
                   "Line 8, closed_at: The incident has no closed time; the time it was marked closed was used.\n"
                   "1 resolved or closed incident has no resolution text.\n"
                   "2 closed incidents have no root cause.\n");
  g_assert_cmpuint (report->n_warnings, ==, 8);
}

/* Counts made from the file without the importer: final values per
 * number by the highest sys_mod_count (later row on a tie).
 */
typedef struct
{
  gint64  mod;
  char   *state;
  char   *priority;
  char   *service;
} Final;

static void
final_free (gpointer data)
{
  Final *final = data;

  g_free (final->state);
  g_free (final->priority);
  g_free (final->service);
  g_free (final);
}

static void
test_servicenow_sample (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = desk_test_data_path ("incidents/uci498_incident_event_log_sample.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) finals = NULL;
  g_autoptr(GHashTable) by_service = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskImportReport) again = NULL;
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint by_status[DESK_N_STATUSES] = { 0 };
  guint by_severity[DESK_N_SEVERITIES + 1] = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  if (path == NULL)
    return;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,"));

  finals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, final_free);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      gint64 mod = g_ascii_strtoll (cells[5], NULL, 10);
      Final *final = g_hash_table_lookup (finals, cells[0]);

      g_assert_cmpuint (g_strv_length (cells), ==, 36);
      if (final != NULL && final->mod > mod)
        continue;
      if (final == NULL)
        {
          final = g_new0 (Final, 1);
          g_hash_table_insert (finals, g_strdup (cells[0]), final);
        }
      final->mod = mod;
      g_free (final->state);
      g_free (final->priority);
      g_free (final->service);
      final->state = g_strdup (cells[1]);
      final->priority = g_strdup (cells[22]);
      if (strcmp (cells[19], "?") != 0)
        final->service = g_strdup (cells[19]);
      else if (strcmp (cells[16], "?") != 0)
        final->service = g_strdup (cells[16]);
      else
        final->service = g_strdup ("Unknown service");
    }
  g_assert_cmpuint (g_hash_table_size (finals), ==, 731);

  by_service = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, finals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Final *final = value;
      DeskStatus status;

      if (strcmp (final->state, "Closed") == 0)
        status = DESK_STATUS_CLOSED;
      else if (strcmp (final->state, "Resolved") == 0)
        status = DESK_STATUS_RESOLVED;
      else if (strcmp (final->state, "Active") == 0)
        status = DESK_STATUS_INVESTIGATING;
      else if (strcmp (final->state, "New") == 0)
        status = DESK_STATUS_NEW;
      else
        status = DESK_STATUS_ON_HOLD;
      by_status[status]++;
      by_severity[final->priority[0] - '0']++;
      g_hash_table_insert (by_service, final->service,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (by_service, final->service)) + 1));
    }

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_SERVICENOW, NULL,
                        "UTC", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_rows, ==, 4989);
  g_assert_cmpuint (report->n_created, ==, 731);
  g_assert_true (report->committed);

  summary = desk_store_summary (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->total, ==, 731);
  for (guint s = 0; s < DESK_N_STATUSES; s++)
    g_assert_cmpuint (summary->by_status[s], ==, by_status[s]);
  g_assert_cmpuint (summary->by_status[DESK_STATUS_CLOSED], ==, 731);
  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    g_assert_cmpuint (summary->by_severity[s], ==, by_severity[s]);
  g_assert_cmpuint (g_hash_table_size (summary->by_service), ==,
                    g_hash_table_size (by_service));
  g_hash_table_iter_init (&iter, by_service);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_service, key)),
                      ==, GPOINTER_TO_UINT (value));

  /* The same file again replaces, never duplicates. */
  again = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                       FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_created, ==, 0);
  g_assert_cmpuint (again->n_updated, ==, 731);
  g_assert_cmpuint (count (f->store), ==, 731);
}

static void
test_servicenow_origformat (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *orig = desk_test_data_path ("incidents/uci498_incident_event_log_origformat_198rows.csv");
  g_autofree char *sample = NULL;
  g_autoptr(DeskImportReport) a = NULL;
  g_autoptr(DeskImportReport) b = NULL;
  g_autoptr(DeskIncident) first = NULL;
  g_autoptr(DeskIncident) second = NULL;
  g_autoptr(GError) error = NULL;

  if (orig == NULL)
    return;
  sample = desk_test_data_path ("incidents/uci498_incident_event_log_sample.csv");

  a = import_path (f->store, orig, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                   FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->n_errors, ==, 0);
  g_assert_cmpuint (a->n_rows, ==, 198);

  b = import_path (f->other, sample, DESK_IMPORT_FORMAT_AUTO, NULL, "UTC",
                   FALSE, &error);
  g_assert_no_error (error);

  /* INC0000045: opened 29/2/2016 01:16, resolved 29/2/2016 11:29 and
   * closed 5/3/2016 12:00 in both date styles.
   */
  first = desk_store_find_incident (f->store, "INC0000045", &error);
  g_assert_no_error (error);
  second = desk_store_find_incident (f->other, "INC0000045", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->detected_at, ==, 1456708560);
  g_assert_cmpint (first->resolved_at, ==, 1456745340);
  g_assert_cmpint (first->closed_at, ==, 1457179200);
  g_assert_cmpint (second->detected_at, ==, first->detected_at);
  g_assert_cmpint (second->resolved_at, ==, first->resolved_at);
  g_assert_cmpint (second->closed_at, ==, first->closed_at);
  g_assert_cmpint (second->acknowledged_at, ==, first->acknowledged_at);
  g_assert_cmpint (second->status, ==, first->status);
}

static void
test_servicenow_zone (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("servicenow/events.csv");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskIncident) one = NULL;
  g_autoptr(GError) error = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_SERVICENOW, NULL,
                        "Asia/Jakarta", FALSE, &error);
  g_assert_no_error (error);

  one = desk_store_find_incident (f->store, "INC0000001", &error);
  g_assert_no_error (error);
  /* 08:55 in Jakarta is 01:55 UTC. */
  g_assert_cmpint (one->detected_at, ==, 1456822500 - 7 * 3600);
}

/* Mapped */

static GKeyFile *
load_mapping (const char *name)
{
  g_autofree char *path = desk_test_fixture_path (name);
  g_autoptr(GError) error = NULL;
  GKeyFile *mapping = desk_import_mapping_load (path, &error);

  g_assert_no_error (error);

  return mapping;
}

static void
test_mapped_shop (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/shop.csv");
  g_autoptr(GKeyFile) mapping = load_mapping ("mappings/shop.ini");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskIncident) a1 = NULL;
  g_autoptr(DeskIncident) a3 = NULL;
  g_autoptr(GError) error = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, mapping,
                        "Europe/Berlin", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->format, ==, DESK_IMPORT_FORMAT_MAPPED);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_skipped, ==, 1);
  g_assert_cmpuint (report->n_created, ==, 2);

  a1 = desk_store_find_incident (f->store, "A-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a1->title, ==, "Checkout, slow");
  g_assert_cmpstr (a1->service, ==, "Shop");
  g_assert_cmpstr (a1->assignee, ==, "ana");
  g_assert_cmpstr (a1->resolution, ==, "Fixed by the shop team");
  g_assert_cmpint (a1->severity, ==, DESK_SEVERITY_SEV1);
  g_assert_cmpint (a1->impact, ==, DESK_IMPACT_OUTAGE);
  g_assert_cmpint (a1->status, ==, DESK_STATUS_RESOLVED);
  /* 2024-02-29 10:00 in Berlin (UTC+1) */
  g_assert_cmpint (a1->detected_at, ==, 1709197200);
  g_assert_cmpint (a1->resolved_at, ==, 1709197200 + 5400);

  a3 = desk_store_find_incident (f->store, "A-3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (a3->severity, ==, DESK_SEVERITY_SEV2);
  g_assert_cmpint (a3->impact, ==, DESK_IMPACT_DEGRADED);
}

static void
test_mapped_refuse (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/shop-bad.csv");
  g_autoptr(GKeyFile) mapping = load_mapping ("mappings/shop.ini");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_MAPPED, mapping,
                        "UTC", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 4);
  g_assert_cmpstr (message_at (report, 0)->text, ==,
                   "Line 3, prio: “p9” is not a severity; use SEV1, SEV2, SEV3 or SEV4.");
  g_assert_cmpstr (message_at (report, 1)->text, ==,
                   "Line 3, prio: “p9” is not an impact; use Outage, Degraded or None.");
  g_assert_cmpuint (message_at (report, 2)->line, ==, 4);
  g_assert_cmpint (message_at (report, 2)->field, ==, DESK_FIELD_DETECTED_AT);
  g_assert_true (g_str_has_prefix (message_at (report, 2)->text, "Line 4, start: "));
  g_assert_cmpstr (message_at (report, 3)->text, ==,
                   "Line 5, end: The resolved time cannot be before the detected time.");
  g_assert_cmpuint (count (f->store), ==, 0);
}

static void
test_mapped_zone (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/shop.csv");
  g_autoptr(GKeyFile) mapping = load_mapping ("mappings/shop-jakarta.ini");
  g_autoptr(DeskImportReport) first = NULL;
  g_autoptr(DeskImportReport) second = NULL;
  g_autoptr(DeskIncident) a1 = NULL;
  g_autoptr(DeskIncident) b1 = NULL;
  g_autoptr(GError) error = NULL;

  /* No zone given: the mapping's. 2024-02-29 10:00 in Jakarta. */
  first = import_path (f->store, path, DESK_IMPORT_FORMAT_MAPPED, mapping,
                       NULL, FALSE, &error);
  g_assert_no_error (error);
  a1 = desk_store_find_incident (f->store, "A-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (a1->detected_at, ==, 1709175600);

  /* A zone given to the import wins. */
  second = import_path (f->other, path, DESK_IMPORT_FORMAT_MAPPED, mapping,
                        "UTC", FALSE, &error);
  g_assert_no_error (error);
  b1 = desk_store_find_incident (f->other, "A-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (b1->detected_at, ==, 1709200800);
}

static void
test_mapped_missing_column (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/shop.csv");
  g_autoptr(GKeyFile) mapping = load_mapping ("mappings/missing-column.ini");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_path (f->store, path, DESK_IMPORT_FORMAT_MAPPED, mapping,
                        "UTC", FALSE, &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "The file has no column “priority”, which the mapping "
                   "names for severity.");
  g_assert_cmpuint (count (f->store), ==, 0);
}

static void
test_mapping_save_load (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GKeyFile) mapping = load_mapping ("mappings/github-status.ini");
  g_autoptr(GKeyFile) loaded = NULL;
  g_autofree char *path = g_build_filename (f->dir, "saved.ini", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GError) error = NULL;

  desk_import_mapping_save (mapping, path, &error);
  g_assert_no_error (error);
  loaded = desk_import_mapping_load (path, &error);
  g_assert_no_error (error);

  a = g_key_file_to_data (mapping, NULL, NULL);
  b = g_key_file_to_data (loaded, NULL, NULL);
  g_assert_cmpstr (a, ==, b);
}

typedef struct
{
  const char *name;
  const char *message;
} BadMapping;

static const BadMapping bad_mappings[] = {
  { "unknown-field",
    "The mapping names “severity_level” in [columns], which is not a field of an incident." },
  { "unknown-group", "The mapping has an unknown group [colums]." },
};

static void
test_mapping_refuse (gconstpointer data)
{
  const BadMapping *c = data;
  g_autofree char *name = g_strdup_printf ("mappings/%s.ini", c->name);
  g_autofree char *path = desk_test_fixture_path (name);
  g_autoptr(GKeyFile) mapping = NULL;
  g_autoptr(GError) error = NULL;

  mapping = desk_import_mapping_load (path, &error);
  g_assert_null (mapping);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, c->message);
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const DeskInterval *ia = a;
  const DeskInterval *ib = b;

  return ia->start < ib->start ? -1 : ia->start > ib->start;
}

/* The union of the critical and major windows of 2025, merged by hand. */
static gint64
github_outage_2025 (const char *path,
                    guint      *n_rows,
                    guint      *n_maintenance)
{
  const gint64 year_start = 1735689600;  /* 2025-01-01T00:00:00Z */
  const gint64 year_end = 1767225600;    /* 2026-01-01T00:00:00Z */
  g_autofree char *contents = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GArray) windows = g_array_new (FALSE, FALSE, sizeof (DeskInterval));
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char **fields;
  gint64 total = 0, end = G_MININT64, start = 0;
  guint n;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  reader = desk_csv_reader_new_for_data (contents, length, ',');
  desk_csv_reader_next (reader, &fields, &n, NULL, &error);
  g_assert_cmpstr (fields[1], ==, "downtime_start");
  g_assert_cmpstr (fields[6], ==, "impact");

  *n_rows = 0;
  *n_maintenance = 0;
  while (desk_csv_reader_next (reader, &fields, &n, NULL, &error))
    {
      g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (fields[1], utc);
      g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (fields[2], utc);
      DeskInterval w;

      (*n_rows)++;
      if (strcmp (fields[6], "maintenance") == 0)
        (*n_maintenance)++;
      if (strcmp (fields[6], "critical") != 0 && strcmp (fields[6], "major") != 0)
        continue;

      w.start = CLAMP (g_date_time_to_unix (a), year_start, year_end);
      w.end = CLAMP (g_date_time_to_unix (b), year_start, year_end);
      if (w.end > w.start)
        g_array_append_val (windows, w);
    }
  g_assert_no_error (error);

  g_array_sort (windows, compare_intervals);
  for (guint i = 0; i < windows->len; i++)
    {
      DeskInterval *w = &g_array_index (windows, DeskInterval, i);

      if (w->start > end)
        {
          if (end > G_MININT64)
            total += end - start;
          start = w->start;
          end = w->end;
        }
      else
        end = MAX (end, w->end);
    }
  if (end > G_MININT64)
    total += end - start;

  return total;
}

static void
test_mapped_github (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = desk_test_data_path ("incidents/github_status_downtime_windows.csv");
  g_autoptr(GKeyFile) mapping = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskSlaReport) sla = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  DeskSlaRow *row;
  guint n_rows, n_maintenance;
  gint64 expected;

  if (path == NULL)
    return;

  expected = github_outage_2025 (path, &n_rows, &n_maintenance);
  g_assert_cmpint (expected, >, 0);

  mapping = load_mapping ("mappings/github-status.ini");
  report = import_path (f->store, path, DESK_IMPORT_FORMAT_AUTO, mapping,
                        "UTC", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_rows, ==, n_rows);
  g_assert_cmpuint (report->n_skipped, ==, n_maintenance);
  g_assert_cmpuint (report->n_created, ==, n_rows - n_maintenance);

  sla = desk_sla_report_build (f->store, "GitHub", 1735689600, 1767225600,
                               utc, 0.0, 1800000000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sla->rows->len, ==, 1);
  row = sla->rows->pdata[0];
  g_assert_cmpstr (row->service, ==, "GitHub");
  g_assert_cmpint (row->availability.outage_seconds, ==, expected);
  g_assert_cmpint (desk_intervals_length (row->outages), ==, expected);
}

/* Progress, cancellation, async */

static void
count_progress (guint64  rows,
                gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (rows, >=, *last);
  *last = rows;
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = desk_test_data_path ("incidents/uci498_incident_event_log_sample.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint64 last = 0;

  if (path == NULL)
    return;

  file = g_file_new_for_path (path);
  report = desk_import_file (f->store, file, NULL, count_progress, &last,
                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, 4989);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/valid.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  report = desk_import_file (f->store, file, NULL, NULL, NULL, cancellable,
                             &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CANCELLED);
  g_assert_cmpuint (count (f->store), ==, 0);
}

typedef struct
{
  GMainLoop        *loop;
  DeskImportReport *report;
  GError           *error;
  guint64           progress;
  guint             destroyed;
} AsyncState;

static void
async_progress (guint64  rows,
                gpointer user_data)
{
  ((AsyncState *) user_data)->progress = rows;
}

static void
async_destroy (gpointer user_data)
{
  ((AsyncState *) user_data)->destroyed++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->report = desk_import_file_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("servicenow/events.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  AsyncState state = { 0 };
  DeskImportOptions options;

  desk_import_options_init (&options);
  options.tz = utc;
  state.loop = g_main_loop_new (NULL, FALSE);
  desk_import_file_async (f->store, file, &options, async_progress, &state,
                          async_destroy, NULL, async_done, &state);
  g_main_loop_run (state.loop);
  while (state.destroyed == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (state.report->n_created, ==, 2);
  g_assert_cmpuint (state.progress, ==, 7);
  g_assert_cmpuint (state.destroyed, ==, 1);
  g_assert_cmpuint (count (f->store), ==, 2);

  desk_import_report_free (state.report);
  g_main_loop_unref (state.loop);
}

static void
add (const char    *path,
     gconstpointer  data,
     void         (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("/import/own/round-trip/utc", NULL, test_round_trip_utc);
  add ("/import/own/round-trip/berlin", NULL, test_round_trip_berlin);
  add ("/import/own/round-trip/spreadsheet", NULL, test_round_trip_spreadsheet);
  add ("/import/own/round-trip/values", NULL, test_round_trip_values);
  add ("/import/own/twice-no-duplicate", NULL, test_twice_no_duplicate);
  add ("/import/own/dry-run", NULL, test_dry_run);
  add ("/import/own/bulk/back-to-log", NULL, test_bulk_back_to_log);
  add ("/import/own/bulk/refused", NULL, test_bulk_refused);
  add ("/import/own/bulk/beside-reader", NULL, test_bulk_beside_reader);
  add ("/import/refuse/many-errors", NULL, test_refuse_many);
  add ("/import/refuse/dry-run-same-report", NULL, test_refuse_dry_run);
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/refuse/%s",
                                               malformed_cases[i].name);

      add (path, &malformed_cases[i], test_malformed_csv);
    }
  add ("/import/refuse/unknown-format", NULL, test_unknown_format);
  add ("/import/refuse/missing-file", NULL, test_missing_file);
  g_test_add_func ("/import/detect", test_detect);

  for (guint i = 0; i < G_N_ELEMENTS (refuse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/refuse/%s",
                                               refuse_cases[i].name);

      add (path, &refuse_cases[i], test_refuse);
    }

  for (guint i = 0; i < N_FORMULA_VECTORS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/formula-vector/%02u", i);

      add (path, GUINT_TO_POINTER (i), test_formula_vector);
    }

  add ("/import/servicenow/events", NULL, test_servicenow_events);
  add ("/import/servicenow/fallbacks", NULL, test_servicenow_fallbacks);
  add ("/import/servicenow/zone", NULL, test_servicenow_zone);
  add ("/import/servicenow/sample", NULL, test_servicenow_sample);
  add ("/import/servicenow/origformat", NULL, test_servicenow_origformat);

  add ("/import/mapped/shop", NULL, test_mapped_shop);
  add ("/import/mapped/refuse", NULL, test_mapped_refuse);
  add ("/import/mapped/zone", NULL, test_mapped_zone);
  add ("/import/mapped/missing-column", NULL, test_mapped_missing_column);
  add ("/import/mapped/github-outages-2025", NULL, test_mapped_github);
  add ("/import/mapping/save-load", NULL, test_mapping_save_load);
  for (guint i = 0; i < G_N_ELEMENTS (bad_mappings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/mapping/refuse/%s",
                                               bad_mappings[i].name);

      g_test_add_data_func (path, &bad_mappings[i], test_mapping_refuse);
    }

  add ("/import/progress", NULL, test_progress);
  add ("/import/cancel", NULL, test_cancel);
  add ("/import/async", NULL, test_async);

  return g_test_run ();
}
