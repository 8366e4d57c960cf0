/* test-permissions.c: private files, viewer mode and who changed what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "desk-error.h"
#include "desk-import.h"
#include "desk-store.h"
#include "desk-test-util.h"

/* 2025-03-09 10:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1741514400)

#define OWN_CSV \
  "reference,title,service,severity,impact,status,detected_at," \
  "acknowledged_at,impact_start,impact_end,resolved_at,closed_at," \
  "downtime_minutes,assignee,reporter,description,root_cause,five_whys," \
  "contributing_factor,workaround,resolution,problem\r\n" \
  "INC-900001,Printer on fire,Office,SEV3,None,New," \
  "2025-03-09T10:00:00+00:00,,,,,,,,,,,,,,,\r\n"

typedef struct
{
  char      *dir;
  char      *path;
  gint64     id;      /* an incident stored before the test */
  gint64     problem; /* and a problem */
} Fixture;

static DeskIncident *
new_incident (const char *title)
{
  DeskIncident *incident = desk_incident_new ();

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  incident->severity = DESK_SEVERITY_SEV2;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->detected_at = T0;

  return incident;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskIncident) incident = new_incident ("Mail down");
  g_autoptr(DeskProblem) problem = desk_problem_new ();
  g_autoptr(GError) error = NULL;

  f->dir = desk_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "private", "incidents.db", NULL);

  store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  desk_store_set_actor (store, "ana");
  desk_store_create_incident (store, incident, &error);
  g_assert_no_error (error);
  f->id = incident->id;

  g_free (problem->title);
  problem->title = g_strdup ("Mail keeps failing");
  desk_store_create_problem (store, problem, &error);
  g_assert_no_error (error);
  f->problem = problem->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->path);
  desk_test_tmpdir_free (f->dir);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 07777;
}

/* The bytes and the modification time of a file, to compare. */
static char *
fingerprint (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *digest = NULL;
  GStatBuf st;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                        (const guchar *) contents, length);

  return g_strdup_printf ("%s %" G_GINT64_FORMAT ".%09ld", digest,
                          (gint64) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/* Whatever the umask, the folder is 0700 and the file 0600. */
static void
test_private_modes (Fixture       *f,
                    gconstpointer  data)
{
  mode_t masks[] = { 0, 022, 077 };

  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      g_autoptr(DeskStore) store = NULL;
      g_autoptr(DeskIncident) incident = new_incident ("Umask");
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("umask-%03o", masks[i]);
      g_autofree char *folder = g_build_filename (f->dir, name, "a", "b",
                                                  NULL);
      g_autofree char *path = g_build_filename (folder, "incidents.db",
                                                NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      mode_t old = umask (masks[i]);

      store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      desk_store_create_incident (store, incident, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (mode_of (folder), ==, 0700);
      g_assert_cmpuint (mode_of (path), ==, 0600);
      /* SQLite gives its journal the mode of the database. */
      g_assert_cmpuint (mode_of (wal), ==, 0600);
      umask (old);
    }
}

/* The default database lives in the user's data folder. */
static void
test_default_path (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = desk_store_default_path ();
  g_autofree char *expected = NULL;

  expected = g_build_filename (g_get_user_data_dir (), "incidentdesk",
                               "incidents.db", NULL);
  g_assert_cmpstr (path, ==, expected);
}

/* Takes the address of the error, which the call has set by the time
 * it is read here.
 */
static void
assert_read_only (gboolean   ok,
                  GError   **error)
{
  g_assert_false (ok);
  g_assert_error (*error, DESK_ERROR, DESK_ERROR_READ_ONLY);
  g_assert_true (g_utf8_validate ((*error)->message, -1, NULL));
  g_clear_error (error);
}

/* Viewer mode: every call that changes data fails, and the file keeps
 * its bytes and its time.
 */
static void
test_viewer_store (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(DeskIncident) fresh = new_incident ("Viewer create");
  g_autoptr(DeskService) service = desk_service_new ("Mail", 99.5);
  g_autoptr(DeskProblem) problem = NULL;
  g_autoptr(DeskProblem) new_problem = desk_problem_new ();
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before = fingerprint (f->path);
  g_autofree char *after = NULL;
  DeskImportOptions options;
  GError *error = NULL;
  gboolean created;

  store = desk_store_open (f->path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_is_read_only (store));

  incident = desk_store_get_incident (store, f->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (incident->title, ==, "Mail down");

  assert_read_only (desk_store_create_incident (store, fresh, &error),
                    &error);

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Changed");
  assert_read_only (desk_store_update_incident (store, incident, &error),
                    &error);

  assert_read_only (desk_store_change_status (store, incident,
                                              DESK_STATUS_INVESTIGATING,
                                              NULL, &error), &error);

  assert_read_only (desk_store_delete_incident (store, f->id, &error),
                    &error);

  assert_read_only (desk_store_save_service (store, service, &error),
                    &error);

  g_free (new_problem->title);
  new_problem->title = g_strdup ("Viewer problem");
  assert_read_only (desk_store_create_problem (store, new_problem, &error),
                    &error);

  problems = desk_store_list_problems (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = desk_problem_copy (problems->pdata[0]);
  g_free (problem->title);
  problem->title = g_strdup ("Changed");
  assert_read_only (desk_store_update_problem (store, problem, &error),
                    &error);

  assert_read_only (desk_store_import_incident (store, fresh, NULL,
                                                &created, &error), &error);

  desk_import_options_init (&options);
  input = g_memory_input_stream_new_from_data (OWN_CSV, -1, NULL);
  report = desk_import_stream (store, input, &options, NULL, NULL, NULL,
                               &error);
  g_assert_null (report);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_clear_object (&store);
  after = fingerprint (f->path);
  g_assert_cmpstr (after, ==, before);
}

static char *
run_cli (const char * const *args,
         int                *exit_status,
         char              **err)
{
  const char *binary = g_getenv ("INCIDENTDESK_BINARY");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL,
                NULL, &out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  *exit_status = WEXITSTATUS (status);

  return out;
}

/* Viewer mode on the command line: importing is refused as wrong
 * usage, reading works, and the file is left as it was.
 */
static void
test_viewer_cli (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "in.csv", NULL);
  g_autofree char *out_csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("INCIDENTDESK_BINARY") == NULL)
    {
      g_test_skip ("INCIDENTDESK_BINARY is not set");
      return;
    }

  g_file_set_contents (csv, OWN_CSV, -1, &error);
  g_assert_no_error (error);
  before = fingerprint (f->path);

  {
    const char *args[] = { "--read-only", "--database", f->path,
                           "--import", csv, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    out = run_cli (args, &status, &err);
    g_test_message ("--read-only --import: %s", err);
    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "viewer mode"));
  }

  {
    const char *args[] = { "--read-only", "--database", f->path,
                           "--import", csv, "--dry-run", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    out = run_cli (args, &status, &err);
    g_assert_cmpint (status, ==, 2);
  }

  {
    const char *args[] = { "--read-only", "--database", f->path,
                           "--summary", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    out = run_cli (args, &status, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "\"incidents\" : 1"));
  }

  {
    const char *args[] = { "--read-only", "--database", f->path,
                           "--export", out_csv, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    out = run_cli (args, &status, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (g_file_test (out_csv, G_FILE_TEST_IS_REGULAR));
  }

  after = fingerprint (f->path);
  g_assert_cmpstr (after, ==, before);
}

static void
assert_actors (DeskStore  *store,
               gint64      id,
               const char *actor,
               guint       at_least)
{
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = desk_store_list_timeline (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, >=, at_least);

  for (guint i = 0; i < timeline->len; i++)
    {
      const DeskTimelineEntry *entry = timeline->pdata[i];

      g_test_message ("%s: %s by %s", entry->field, entry->new_value,
                      entry->actor);
      g_assert_cmpstr (entry->actor, ==, actor);
    }
}

/* Each change of an incident leaves a timeline entry naming who made
 * it: the name set on the store, or by default the system user.
 */
static void
test_actor_recorded (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskStore) plain = NULL;
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(DeskIncident) other = new_incident ("Default actor");
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(DeskIncident) imported = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  DeskImportOptions options;
  const char *user;

  store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  desk_store_set_actor (store, "Budi Santoso");
  g_assert_cmpstr (desk_store_get_actor (store), ==, "Budi Santoso");

  incident = desk_store_get_incident (store, f->id, &error);
  g_assert_no_error (error);
  desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, "dina");
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, "Queue full");
  desk_store_update_incident (store, incident, &error);
  g_assert_no_error (error);
  desk_store_change_status (store, incident, DESK_STATUS_INVESTIGATING,
                            NULL, &error);
  g_assert_no_error (error);
  desk_store_change_status (store, incident, DESK_STATUS_RESOLVED,
                            "Restarted the queue", &error);
  g_assert_no_error (error);

  /* Created by "ana" in the fixture, every change since by Budi. */
  {
    g_autoptr(GPtrArray) timeline = NULL;
    guint n_budi = 0;

    timeline = desk_store_list_timeline (store, f->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((DeskTimelineEntry *) timeline->pdata[0])->field, ==,
                     "created");
    g_assert_cmpstr (((DeskTimelineEntry *) timeline->pdata[0])->actor, ==,
                     "ana");
    for (guint i = 1; i < timeline->len; i++)
      {
        const DeskTimelineEntry *entry = timeline->pdata[i];

        g_assert_cmpstr (entry->actor, ==, "Budi Santoso");
        n_budi++;
      }
    g_assert_cmpuint (n_budi, >=, 4);
  }

  desk_import_options_init (&options);
  input = g_memory_input_stream_new_from_data (OWN_CSV, -1, NULL);
  report = desk_import_stream (store, input, &options, NULL, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);
  imported = desk_store_find_incident (store, "INC-900001", &error);
  g_assert_no_error (error);
  assert_actors (store, imported->id, "Budi Santoso", 1);
  g_clear_object (&store);

  /* Without a name set: the system user (real name, else login). */
  plain = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  user = g_get_real_name ();
  if (user == NULL || *user == '\0' || g_str_equal (user, "Unknown"))
    user = g_get_user_name ();
  g_assert_cmpstr (desk_store_get_actor (plain), ==, user);
  desk_store_create_incident (plain, other, &error);
  g_assert_no_error (error);
  assert_actors (plain, other->id, user, 1);

  /* An empty name falls back to the login name, never to nobody. */
  desk_store_set_actor (plain, "");
  g_assert_cmpstr (desk_store_get_actor (plain), ==, g_get_user_name ());
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

  add ("/permissions/private-modes", test_private_modes);
  add ("/permissions/default-path", test_default_path);
  add ("/permissions/viewer/store", test_viewer_store);
  add ("/permissions/viewer/cli", test_viewer_cli);
  add ("/permissions/actor-recorded", test_actor_recorded);

  return g_test_run ();
}
