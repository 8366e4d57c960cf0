/* test-hostile.c: hostile text through the store, export, import and
 * the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value here must be stored and given back verbatim, survive
 * export → import, and never crash anything; what cannot be stored
 * (invalid UTF-8, NUL bytes, control characters) is refused with a
 * sentence that names the line or the field.
 */

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "desk-csv.h"
#include "desk-error.h"
#include "desk-export.h"
#include "desk-import.h"
#include "desk-store.h"
#include "desk-test-util.h"

/* 2025-03-09 10:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1741514400)

#define SQL_FRAGMENT "'); DROP TABLE incidents;--"

static const DeskField text_fields[] = {
  DESK_FIELD_REFERENCE,
  DESK_FIELD_TITLE,
  DESK_FIELD_SERVICE,
  DESK_FIELD_DESCRIPTION,
  DESK_FIELD_ASSIGNEE,
  DESK_FIELD_REPORTER,
  DESK_FIELD_ROOT_CAUSE,
  DESK_FIELD_FIVE_WHYS,
  DESK_FIELD_WORKAROUND,
  DESK_FIELD_RESOLUTION,
  DESK_FIELD_PROBLEM,
};

typedef struct
{
  char      *dir;
  DeskStore *store;
  DeskStore *other;   /* a second, empty database to import into */
} Fixture;

static DeskStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  DeskStore *store;

  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  desk_store_set_actor (store, "ana");

  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = desk_test_tmpdir_new ();
  f->store = open_store (f->dir, "one.db");
  f->other = open_store (f->dir, "two.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->other);
  desk_test_tmpdir_free (f->dir);
}

static DeskIncident *
new_incident (const char *title)
{
  DeskIncident *incident = desk_incident_new ();

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  incident->severity = DESK_SEVERITY_SEV2;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->status = DESK_STATUS_NEW;
  incident->detected_at = T0;

  return incident;
}

static GBytes *
export_all (DeskStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;

  desk_export_incidents (store, NULL, out, utc, DESK_EXPORT_FLAGS_NONE,
                         NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static DeskImportReport *
import_bytes (DeskStore *store,
              GBytes    *bytes,
              GError   **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  DeskImportOptions options;

  desk_import_options_init (&options);
  options.tz = utc;

  return desk_import_stream (store, in, &options, NULL, NULL, NULL, error);
}

static DeskImportReport *
import_text (DeskStore  *store,
             const char *text,
             gsize       length,
             GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return import_bytes (store, bytes, error);
}

/* Stores @incident, reads it back, exports, imports into the other
 * store, exports again: every text field is what was given, and the
 * two exports are the same bytes.
 */
static void
round_trip (Fixture      *f,
            DeskIncident *incident)
{
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(DeskIncident) imported = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;

  desk_store_create_incident (f->store, incident, &error);
  g_assert_no_error (error);

  stored = desk_store_get_incident (f->store, incident->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_assert_cmpstr (desk_incident_get_string (stored, text_fields[i]), ==,
                     desk_incident_get_string (incident, text_fields[i]));

  first = export_all (f->store);
  report = import_bytes (f->other, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_created, ==, 1);

  imported = desk_store_find_incident (f->other, stored->reference, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_assert_cmpstr (desk_incident_get_string (imported, text_fields[i]), ==,
                     desk_incident_get_string (stored, text_fields[i]));

  second = export_all (f->other);
  g_assert_true (g_bytes_equal (first, second));
}

/* A 200,000-character description, mostly beyond ASCII. */
static void
test_long_description (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = new_incident ("Long description");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; g_utf8_strlen (text->str, -1) < 200000; i++)
    g_string_append (text, i % 2 ? "Ünïcödé, \"quoted\", 日本語\n"
                                  : "plain ascii text with, commas\r\n");
  while (g_utf8_strlen (text->str, -1) > 200000)
    g_string_truncate (text, g_utf8_prev_char (text->str + text->len) -
                             text->str);
  g_assert_cmpint (g_utf8_strlen (text->str, -1), ==, 200000);

  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, text->str);
  round_trip (f, incident);
}

/* Right-to-left text, bidi controls, emoji with joiners and skin
 * tones, combining marks.
 */
static void
test_rtl_and_emoji (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;

  incident = new_incident ("الخادم لا يستجيب — השרת נפל 🔥👩🏽‍💻");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE,
                            "\u202eliaM\u202c بريد");
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                            "👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag, e\u0301 "
                            "combined, \u200f\u200e marks\n"
                            "שורה שנייה");
  desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, "Żaneta 🦄");
  round_trip (f, incident);
}

/* Markup is text: stored as it is, never unescaped. */
static void
test_markup_in_title (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;

  incident = new_incident ("<b>bold</b> &amp; <span foreground=\"red\">"
                           "&lt;red&gt;</span> & <i");
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                            "<markup>&#x41;&nbsp;</markup>");
  round_trip (f, incident);
}

/* SQL in every text field, and the list search treating it, and LIKE
 * wildcards, as plain text.
 */
static void
test_sql_everywhere (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = new_incident (SQL_FRAGMENT);
  g_autoptr(DeskIncident) other = new_incident ("100% _done_");
  g_autoptr(DeskProblem) problem = NULL;
  g_autoptr(DeskProblem) stored = NULL;
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *value = NULL;

      value = g_strdup_printf ("%s%s %u\" OR 1=1; --", SQL_FRAGMENT,
                               desk_field_to_string (text_fields[i]), i);
      desk_incident_set_string (incident, text_fields[i], value);
    }

  /* An incident may only point at a problem that is stored. */
  problem = desk_problem_new ();
  g_free (problem->reference);
  problem->reference = g_strdup (incident->problem);
  g_free (problem->title);
  problem->title = g_strdup (SQL_FRAGMENT);
  g_free (problem->root_cause);
  problem->root_cause = g_strdup ("\"; DELETE FROM problems; --");
  desk_store_create_problem (f->store, problem, &error);
  g_assert_no_error (error);

  round_trip (f, incident);

  stored = desk_store_find_problem (f->store, problem->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, SQL_FRAGMENT);
  g_assert_cmpstr (stored->root_cause, ==, problem->root_cause);

  desk_store_create_incident (f->store, other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desk_store_count (f->store, query, &error), ==, 2);

  query->text = g_strdup ("' OR 1=1 --");
  g_assert_cmpuint (desk_store_count (f->store, query, &error), ==, 0);
  g_assert_no_error (error);

  g_free (query->text);
  query->text = g_strdup ("%");
  g_assert_cmpuint (desk_store_count (f->store, query, &error), ==, 1);

  g_free (query->text);
  query->text = g_strdup ("_d");
  g_assert_cmpuint (desk_store_count (f->store, query, &error), ==, 1);

  g_free (query->text);
  query->text = g_strdup ("DROP TABLE");
  g_assert_cmpuint (desk_store_count (f->store, query, &error), ==, 1);

  g_free (query->service);
  query->service = g_strdup ("x' OR '1'='1");
  g_free (query->text);
  query->text = NULL;
  g_assert_cmpuint (desk_store_count (f->store, query, &error), ==, 0);
  g_assert_no_error (error);
}

/* The C interface cannot carry a NUL inside a text: it ends the text,
 * as for every C string. What the store keeps is the part before it.
 */
static void
test_nul_through_store (Fixture       *f,
                        gconstpointer  data)
{
  static const char title[] = "before\0after";
  g_autoptr(DeskIncident) incident = new_incident (title);
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GError) error = NULL;

  desk_store_create_incident (f->store, incident, &error);
  g_assert_no_error (error);
  stored = desk_store_get_incident (f->store, incident->id, &error);
  g_assert_cmpstr (stored->title, ==, "before");
}

static void
assert_import_refused (Fixture    *f,
                       const char *text,
                       gsize       length,
                       const char *words)
{
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autofree char *lower = NULL;
  const char *message;

  report = import_text (f->store, text, length, &error);
  if (report != NULL)
    {
      g_assert_cmpuint (report->n_errors, >, 0);
      g_assert_false (report->committed);
      message = ((DeskImportMessage *) report->messages->pdata[0])->text;
    }
  else
    {
      g_assert_error (error, DESK_ERROR, DESK_ERROR_PARSE);
      message = error->message;
    }

  g_test_message ("refused: %s", message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  lower = g_ascii_strdown (message, -1);
  g_assert_nonnull (strstr (lower, words));
  g_assert_cmpuint (desk_store_count (f->store, query, NULL), ==, 0);
}

#define HEADER \
  "reference,title,service,severity,impact,status,detected_at," \
  "acknowledged_at,impact_start,impact_end,resolved_at,closed_at," \
  "downtime_minutes,assignee,reporter,description,root_cause,five_whys," \
  "contributing_factor,workaround,resolution,problem\r\n"
#define GOOD_ROW(ref) \
  ref ",Mail down,Mail,SEV2,Outage,New,2025-03-09T10:00:00+00:00," \
  ",,,,,,,,,,,,,,\r\n"

/* A NUL byte in a CSV file is refused, naming the line. */
static void
test_nul_in_csv (Fixture       *f,
                 gconstpointer  data)
{
  static const char text[] = HEADER GOOD_ROW ("INC-1")
                             "INC-2,Mail\0down,Mail,SEV2,Outage,New,"
                             "2025-03-09T10:00:00+00:00,,,,,,,,,,,,,,,\r\n";

  assert_import_refused (f, text, sizeof text - 1, "line 3");
}

/* Invalid UTF-8 in a CSV file is refused, naming the line. */
static void
test_invalid_utf8_in_csv (Fixture       *f,
                          gconstpointer  data)
{
  static const char text[] = HEADER GOOD_ROW ("INC-1") GOOD_ROW ("INC-2")
                             "INC-3,Mail \xc3\x28 down,Mail,SEV2,Outage,New,"
                             "2025-03-09T10:00:00+00:00,,,,,,,,,,,,,,,\r\n";

  assert_import_refused (f, text, sizeof text - 1, "line 4");
}

/* A control character in a title is refused, naming the line. */
static void
test_control_in_csv (Fixture       *f,
                     gconstpointer  data)
{
  static const char text[] = HEADER GOOD_ROW ("INC-1")
                             "INC-2,Mail \x1b[31mdown,Mail,SEV2,Outage,New,"
                             "2025-03-09T10:00:00+00:00,,,,,,,,,,,,,,,\r\n";

  assert_import_refused (f, text, sizeof text - 1, "line 3");
}

/* Invalid UTF-8 through the store: refused, naming the field. */
static void
test_invalid_utf8_through_store (Fixture       *f,
                                 gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autoptr(DeskIncident) incident = new_incident ("Mail down");
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskQuery) query = desk_query_new ();
      const char *label = desk_field_label (text_fields[i]);

      desk_incident_set_string (incident, text_fields[i], "bad \xff\xfe");
      g_assert_false (desk_store_create_incident (f->store, incident,
                                                  &error));
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_test_message ("%s: %s", desk_field_to_string (text_fields[i]),
                      error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, label));
      g_assert_cmpuint (desk_store_count (f->store, query, NULL), ==, 0);
    }
}

/* The guard rule of PRODUCT.md, written out again. */
static char *
expected_cell (const char *value)
{
  static const char starts[] = "=+-@\t\r\n";

  if (value[0] != '\0' && strchr (starts, value[0]) != NULL)
    return g_strconcat ("'", value, NULL);
  if (value[0] == '\'' && value[1] != '\0' &&
      (strchr (starts, value[1]) != NULL || value[1] == '\''))
    return g_strconcat ("'", value, NULL);

  return g_strdup (value);
}

static gboolean
fits_title (const char *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));

  return desk_text_is_clean (value, FALSE) && stripped[0] != '\0';
}

/* Every value of formula_injection_vectors.csv as a description (and a
 * title, where a title may hold it): the exported cell follows the
 * guard rule and import gives the value back.
 */
static void
test_formula_vectors (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(DeskCsvReader) vectors = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char **fields;
  guint n_fields;
  gsize length;
  guint n_guarded = 0;

  path = desk_test_data_path ("csv/formula-injection/"
                              "formula_injection_vectors.csv");
  if (path == NULL)
    return;
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  vectors = desk_csv_reader_new_for_data (contents, length, ',');
  g_assert_true (desk_csv_reader_next (vectors, &fields, &n_fields, NULL,
                                       &error));
  g_assert_cmpstr (fields[0], ==, "input");
  while (desk_csv_reader_next (vectors, &fields, &n_fields, NULL, &error))
    g_ptr_array_add (values, g_strdup (fields[0]));
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 38);

  for (guint i = 0; i < values->len; i++)
    {
      g_autoptr(DeskIncident) incident = NULL;
      g_autofree char *reference = g_strdup_printf ("INC-%06u", i + 1);
      const char *value = values->pdata[i];

      incident = new_incident (fits_title (value) ? value
                                                 : "Formula vector");
      desk_incident_set_string (incident, DESK_FIELD_REFERENCE, reference);
      desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, value);
      desk_store_create_incident (f->store, incident, &error);
      g_assert_no_error (error);
    }

  /* Each exported description cell, read back as a spreadsheet would
   * see it, carries the guard exactly when the rule says so.
   */
  exported = export_all (f->store);
  reader = desk_csv_reader_new_for_data (g_bytes_get_data (exported, NULL),
                                         g_bytes_get_size (exported), ',');
  g_assert_true (desk_csv_reader_next (reader, &fields, &n_fields, NULL,
                                       &error));
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *expected = expected_cell (values->pdata[i]);
      g_autofree char *guarded = NULL;

      g_assert_true (desk_csv_reader_next (reader, &fields, &n_fields, NULL,
                                           &error));
      g_assert_cmpuint (n_fields, ==, DESK_EXPORT_N_COLUMNS);
      g_assert_cmpstr (fields[15], ==, expected);
      guarded = desk_csv_guard (values->pdata[i]);
      g_assert_cmpstr (guarded, ==, expected);
      n_guarded += strcmp (expected, values->pdata[i]) != 0;
    }
  g_test_message ("%u of %u values guarded", n_guarded, values->len);
  g_assert_cmpuint (n_guarded, >=, 20);

  report = import_bytes (f->other, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  for (guint i = 0; i < values->len; i++)
    {
      g_autoptr(DeskIncident) back = NULL;
      g_autofree char *reference = g_strdup_printf ("INC-%06u", i + 1);

      back = desk_store_find_incident (f->other, reference, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (back->description, ==, values->pdata[i]);
    }
}

/* The command line: a hostile import is refused with a sentence naming
 * the line, and nothing is written.
 */
static void
test_cli_invalid_utf8 (Fixture       *f,
                       gconstpointer  data)
{
  static const char text[] = HEADER GOOD_ROW ("INC-1")
                             "INC-2,Mail \xff down,Mail,SEV2,Outage,New,"
                             "2025-03-09T10:00:00+00:00,,,,,,,,,,,,,,,\r\n";
  const char *binary = g_getenv ("INCIDENTDESK_BINARY");
  g_autofree char *csv = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (binary == NULL)
    {
      g_test_skip ("INCIDENTDESK_BINARY is not set");
      return;
    }

  g_file_set_contents (csv, text, sizeof text - 1, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { binary, "--database", db, "--import", csv, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &out, &err, &status, &error);
    g_assert_no_error (error);
  }

  g_test_message ("stderr: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  g_assert_true (g_utf8_validate (err, -1, NULL));
  lower = g_ascii_strdown (err, -1);
  g_assert_nonnull (strstr (lower, "line 3"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add ("/hostile/long-description", test_long_description);
  add ("/hostile/rtl-and-emoji", test_rtl_and_emoji);
  add ("/hostile/markup-in-title", test_markup_in_title);
  add ("/hostile/sql-everywhere", test_sql_everywhere);
  add ("/hostile/nul/store", test_nul_through_store);
  add ("/hostile/nul/csv", test_nul_in_csv);
  add ("/hostile/invalid-utf8/csv", test_invalid_utf8_in_csv);
  add ("/hostile/invalid-utf8/store", test_invalid_utf8_through_store);
  add ("/hostile/invalid-utf8/cli", test_cli_invalid_utf8);
  add ("/hostile/control-character/csv", test_control_in_csv);
  add ("/hostile/formula-vectors", test_formula_vectors);

  return g_test_run ();
}
