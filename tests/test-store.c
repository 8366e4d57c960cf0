/* test-store.c: the incident database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The raw sqlite3 calls here are the only SQL outside the store: they
 * play the part of a damaged file or of a buggy program writing rows
 * behind the store's back.
 */

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "desk-error.h"
#include "desk-store.h"
#include "desk-test-util.h"

/* 2025-03-09 10:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1741514400)
#define HOUR 3600

typedef struct
{
  char      *dir;
  char      *path;
  DeskStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = desk_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "desk", "incidents.db", NULL);
  f->store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  desk_store_set_actor (f->store, "ana");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->path);
  desk_test_tmpdir_free (f->dir);
}

static void
close_store (Fixture *f)
{
  g_clear_object (&f->store);
}

static DeskIncident *
new_incident (const char   *title,
              const char   *service,
              DeskSeverity  severity,
              gint64        detected_at)
{
  DeskIncident *incident = desk_incident_new ();

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, service);
  incident->severity = severity;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->detected_at = detected_at;

  return incident;
}

static DeskIncident *
create (Fixture      *f,
        const char   *title,
        const char   *service,
        DeskSeverity  severity,
        gint64        detected_at)
{
  DeskIncident *incident = new_incident (title, service, severity,
                                         detected_at);
  g_autoptr(GError) error = NULL;

  desk_store_create_incident (f->store, incident, &error);
  g_assert_no_error (error);

  return incident;
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_same_bytes (GBytes     *before,
                   const char *path)
{
  g_autoptr(GBytes) after = file_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Runs SQL on the file directly, as another program would. */
static int
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);

  return rc;
}

/* Round trip */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(DeskProblem) problem = desk_problem_new ();
  g_autoptr(GError) error = NULL;

  g_free (problem->title);
  problem->title = g_strdup ("Certificates expire unnoticed");
  desk_store_create_problem (f->store, problem, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (problem->reference, ==, "PRB-000001");

  incident = new_incident ("Mail <b>down</b> & 'x'; DROP TABLE incidents;--",
                           "Email", DESK_SEVERITY_SEV1, T0);
  incident->impact = DESK_IMPACT_DEGRADED;
  incident->status = DESK_STATUS_IDENTIFIED;
  incident->acknowledged_at = T0 + 60;
  incident->impact_start = T0 - 300;
  incident->impact_end = T0 + 2 * HOUR;
  incident->resolved_at = T0 + 3 * HOUR;
  incident->closed_at = T0 + 4 * HOUR;
  incident->factor = DESK_FACTOR_TECHNOLOGY;
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                            "Users see \"550\".\r\nمرحبا 🚒\tend");
  desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, "Budi");
  desk_incident_set_string (incident, DESK_FIELD_REPORTER, "Siti");
  desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE, "Expired cert");
  desk_incident_set_string (incident, DESK_FIELD_FIVE_WHYS, "why 1\nwhy 2");
  desk_incident_set_string (incident, DESK_FIELD_WORKAROUND, "Use webmail");
  desk_incident_set_string (incident, DESK_FIELD_RESOLUTION, "Renewed");
  desk_incident_set_string (incident, DESK_FIELD_PROBLEM, "PRB-000001");

  g_assert_true (desk_store_create_incident (f->store, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpint (incident->id, >, 0);
  g_assert_cmpint (incident->version, ==, 1);
  g_assert_cmpstr (incident->reference, ==, "INC-000001");
  g_assert_cmpint (incident->created_at, >, T0);

  /* Through a fresh connection, so nothing comes from memory. */
  close_store (f);
  f->store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  stored = desk_store_find_incident (f->store, "INC-000001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->id, ==, incident->id);
  g_assert_cmpint (stored->version, ==, 1);
  g_assert_cmpstr (stored->title, ==,
                   "Mail <b>down</b> & 'x'; DROP TABLE incidents;--");
  g_assert_cmpstr (stored->service, ==, "Email");
  g_assert_cmpint (stored->severity, ==, DESK_SEVERITY_SEV1);
  g_assert_cmpint (stored->impact, ==, DESK_IMPACT_DEGRADED);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_IDENTIFIED);
  g_assert_cmpstr (stored->description, ==,
                   "Users see \"550\".\r\nمرحبا 🚒\tend");
  g_assert_cmpstr (stored->assignee, ==, "Budi");
  g_assert_cmpstr (stored->reporter, ==, "Siti");
  g_assert_cmpint (stored->detected_at, ==, T0);
  g_assert_cmpint (stored->acknowledged_at, ==, T0 + 60);
  g_assert_cmpint (stored->impact_start, ==, T0 - 300);
  g_assert_cmpint (stored->impact_end, ==, T0 + 2 * HOUR);
  g_assert_cmpint (stored->resolved_at, ==, T0 + 3 * HOUR);
  g_assert_cmpint (stored->closed_at, ==, T0 + 4 * HOUR);
  g_assert_cmpstr (stored->root_cause, ==, "Expired cert");
  g_assert_cmpstr (stored->five_whys, ==, "why 1\nwhy 2");
  g_assert_cmpint (stored->factor, ==, DESK_FACTOR_TECHNOLOGY);
  g_assert_cmpstr (stored->workaround, ==, "Use webmail");
  g_assert_cmpstr (stored->resolution, ==, "Renewed");
  g_assert_cmpstr (stored->problem, ==, "PRB-000001");
  g_assert_cmpint (stored->created_at, ==, incident->created_at);
  g_assert_cmpint (stored->updated_at, ==, incident->updated_at);
}

static void
test_unset_times (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Slow VPN", "VPN",
                                             DESK_SEVERITY_SEV4, T0);
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = desk_store_get_incident (f->store, incident->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->acknowledged_at, ==, DESK_TIME_NONE);
  g_assert_cmpint (stored->impact_start, ==, DESK_TIME_NONE);
  g_assert_cmpint (stored->impact_end, ==, DESK_TIME_NONE);
  g_assert_cmpint (stored->resolved_at, ==, DESK_TIME_NONE);
  g_assert_cmpint (stored->closed_at, ==, DESK_TIME_NONE);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_NEW);
  g_assert_cmpint (stored->factor, ==, DESK_FACTOR_UNSET);
  g_assert_cmpstr (stored->problem, ==, "");
}

static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DeskIncident) a = create (f, "A", "Web", DESK_SEVERITY_SEV3, T0);
  g_autoptr(DeskIncident) b = create (f, "B", "Web", DESK_SEVERITY_SEV3, T0);
  g_autoptr(DeskIncident) c = NULL;
  g_autoptr(DeskIncident) own = NULL;
  g_autoptr(DeskIncident) dup = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (a->reference, ==, "INC-000001");
  g_assert_cmpstr (b->reference, ==, "INC-000002");

  /* A deleted number is not handed out again. */
  desk_store_delete_incident (f->store, b->id, &error);
  g_assert_no_error (error);
  c = create (f, "C", "Web", DESK_SEVERITY_SEV3, T0);
  g_assert_cmpstr (c->reference, ==, "INC-000003");

  /* A number already taken by hand is skipped. */
  own = new_incident ("Own", "Web", DESK_SEVERITY_SEV3, T0);
  desk_incident_set_string (own, DESK_FIELD_REFERENCE, "INC-000004");
  desk_store_create_incident (f->store, own, &error);
  g_assert_no_error (error);
  g_clear_pointer (&c, desk_incident_unref);
  c = create (f, "D", "Web", DESK_SEVERITY_SEV3, T0);
  g_assert_cmpstr (c->reference, ==, "INC-000005");

  dup = new_incident ("Dup", "Web", DESK_SEVERITY_SEV3, T0);
  desk_incident_set_string (dup, DESK_FIELD_REFERENCE, "INC-000001");
  g_assert_false (desk_store_create_incident (f->store, dup, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Another incident already has the reference INC-000001.");
  g_assert_cmpint (dup->id, ==, 0);
  g_assert_cmpstr (dup->reference, ==, "INC-000001");
}

static void
test_create_invalid (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = new_incident ("", "Web",
                                                   DESK_SEVERITY_SEV3, T0);
  g_autoptr(GError) error = NULL;

  g_assert_false (desk_store_create_incident (f->store, incident, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (incident->id, ==, 0);
  g_assert_cmpstr (incident->reference, ==, "");
  g_assert_cmpuint (desk_store_count (f->store, NULL, NULL), ==, 0);
}

static void
test_services (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DeskIncident) a = create (f, "A", "Web", DESK_SEVERITY_SEV3, T0);
  g_autoptr(DeskIncident) b = create (f, "B", "Email", DESK_SEVERITY_SEV3,
                                      T0);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(DeskService) web = NULL;
  g_autoptr(DeskService) bad = desk_service_new ("Web", 0);
  g_autoptr(GError) error = NULL;
  DeskService *service;

  services = desk_store_list_services (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, ==, 2);
  service = g_ptr_array_index (services, 0);
  g_assert_cmpstr (service->name, ==, "Email");
  g_assert_cmpfloat (service->target, ==, 99.9);

  web = desk_store_get_service (f->store, "Web", &error);
  g_assert_no_error (error);
  web->target = 99.5;
  desk_store_save_service (f->store, web, &error);
  g_assert_no_error (error);
  g_clear_pointer (&web, desk_service_free);
  web = desk_store_get_service (f->store, "Web", &error);
  g_assert_cmpfloat (web->target, ==, 99.5);

  g_assert_false (desk_store_save_service (f->store, bad, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (desk_store_get_service (f->store, "Nope", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
}

/* Updates and the timeline */

static const DeskTimelineEntry *
entry_at (GPtrArray *entries,
          guint      i)
{
  g_assert_cmpuint (i, <, entries->len);

  return g_ptr_array_index (entries, i);
}

static void
test_update_timeline (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Mail down", "Email",
                                             DESK_SEVERITY_SEV2, T0);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const DeskTimelineEntry *e;

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Mail is down");
  incident->severity = DESK_SEVERITY_SEV1;
  desk_store_set_actor (f->store, "budi");
  g_assert_true (desk_store_update_incident (f->store, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpint (incident->version, ==, 2);

  entries = desk_store_list_timeline (f->store, incident->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);

  e = entry_at (entries, 0);
  g_assert_cmpstr (e->field, ==, "created");
  g_assert_cmpstr (e->actor, ==, "ana");
  g_assert_cmpstr (e->new_value, ==, "INC-000001");

  e = entry_at (entries, 1);
  g_assert_cmpstr (e->field, ==, "title");
  g_assert_cmpstr (e->old_value, ==, "Mail down");
  g_assert_cmpstr (e->new_value, ==, "Mail is down");
  g_assert_cmpstr (e->actor, ==, "budi");
  g_assert_cmpint (e->incident_id, ==, incident->id);

  e = entry_at (entries, 2);
  g_assert_cmpstr (e->field, ==, "severity");
  g_assert_cmpstr (e->old_value, ==, "SEV2");
  g_assert_cmpstr (e->new_value, ==, "SEV1");
}

static void
test_update_time_text (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Mail down", "Email",
                                             DESK_SEVERITY_SEV2, T0);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const DeskTimelineEntry *e;

  incident->impact_end = T0 + HOUR;
  desk_store_update_incident (f->store, incident, &error);
  g_assert_no_error (error);

  entries = desk_store_list_timeline (f->store, incident->id, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  e = entry_at (entries, 1);
  g_assert_cmpstr (e->field, ==, "impact_end");
  g_assert_cmpstr (e->old_value, ==, "");
  g_assert_cmpstr (e->new_value, ==, "2025-03-09T11:00:00Z");
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DeskIncident) mine = create (f, "Mail down", "Email",
                                         DESK_SEVERITY_SEV2, T0);
  g_autoptr(DeskIncident) theirs = NULL;
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GError) error = NULL;

  theirs = desk_store_get_incident (f->store, mine->id, &error);
  desk_incident_set_string (theirs, DESK_FIELD_ASSIGNEE, "budi");
  g_assert_true (desk_store_update_incident (f->store, theirs, &error));

  desk_incident_set_string (mine, DESK_FIELD_ASSIGNEE, "ana");
  g_assert_false (desk_store_update_incident (f->store, mine, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==,
                   "Someone else changed INC-000001 since you opened it.");
  g_assert_cmpint (mine->version, ==, 1);
  g_clear_error (&error);

  g_assert_false (desk_store_change_status (f->store, mine,
                                            DESK_STATUS_INVESTIGATING, NULL,
                                            &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CONFLICT);

  stored = desk_store_get_incident (f->store, mine->id, NULL);
  g_assert_cmpstr (stored->assignee, ==, "budi");
  g_assert_cmpint (stored->version, ==, 2);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_NEW);
}

static void
test_conflict_two_stores (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DeskIncident) mine = create (f, "Mail down", "Email",
                                         DESK_SEVERITY_SEV2, T0);
  g_autoptr(DeskStore) other = NULL;
  g_autoptr(DeskIncident) theirs = NULL;
  g_autoptr(GError) error = NULL;

  other = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  theirs = desk_store_get_incident (other, mine->id, &error);
  desk_incident_set_string (theirs, DESK_FIELD_TITLE, "Theirs");
  g_assert_true (desk_store_update_incident (other, theirs, &error));

  desk_incident_set_string (mine, DESK_FIELD_TITLE, "Mine");
  g_assert_false (desk_store_update_incident (f->store, mine, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CONFLICT);
}

/* Status changes */

static void
test_status_flow (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_real_time () / G_USEC_PER_SEC;
  const DeskTimelineEntry *e;

  incident = create (f, "Mail down", "Email", DESK_SEVERITY_SEV2, T0);

  g_assert_true (desk_store_change_status (f->store, incident,
                                           DESK_STATUS_INVESTIGATING, NULL,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (incident->status, ==, DESK_STATUS_INVESTIGATING);
  g_assert_cmpint (incident->acknowledged_at, >=, start);
  g_assert_cmpint (incident->version, ==, 2);

  /* Resolved needs a resolution. */
  g_assert_false (desk_store_change_status (f->store, incident,
                                            DESK_STATUS_RESOLVED, NULL,
                                            &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (desk_store_change_status (f->store, incident,
                                           DESK_STATUS_RESOLVED,
                                           "Restarted the relay", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (incident->resolution, ==, "Restarted the relay");
  g_assert_cmpint (incident->resolved_at, >=, incident->acknowledged_at);

  /* Closed needs a root cause. */
  g_assert_false (desk_store_change_status (f->store, incident,
                                            DESK_STATUS_CLOSED, NULL,
                                            &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (desk_store_change_status (f->store, incident,
                                           DESK_STATUS_CLOSED, "Full disk",
                                           &error));
  g_assert_cmpstr (incident->root_cause, ==, "Full disk");
  g_assert_cmpint (incident->closed_at, >=, incident->resolved_at);

  /* Closed is final except for a reopen, which needs a reason. */
  g_assert_false (desk_store_change_status (f->store, incident,
                                            DESK_STATUS_MONITORING, "x",
                                            &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_TRANSITION);
  g_clear_error (&error);
  g_assert_false (desk_store_change_status (f->store, incident,
                                            DESK_STATUS_INVESTIGATING, "",
                                            &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (desk_store_change_status (f->store, incident,
                                           DESK_STATUS_INVESTIGATING,
                                           "It came back", &error));
  g_assert_no_error (error);
  g_assert_cmpint (incident->resolved_at, ==, DESK_TIME_NONE);
  g_assert_cmpint (incident->closed_at, ==, DESK_TIME_NONE);

  stored = desk_store_get_incident (f->store, incident->id, &error);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_INVESTIGATING);
  g_assert_cmpint (stored->resolved_at, ==, DESK_TIME_NONE);
  g_assert_cmpint (stored->acknowledged_at, ==, incident->acknowledged_at);
  g_assert_cmpint (stored->version, ==, incident->version);

  entries = desk_store_list_timeline (f->store, incident->id, &error);
  e = entry_at (entries, entries->len - 3);
  g_assert_cmpstr (e->field, ==, "status");
  g_assert_cmpstr (e->old_value, ==, "Closed");
  g_assert_cmpstr (e->new_value, ==, "Investigating");
  g_assert_cmpstr (e->note, ==, "It came back");
  e = entry_at (entries, entries->len - 2);
  g_assert_cmpstr (e->field, ==, "resolved_at");
  g_assert_cmpstr (e->new_value, ==, "");
  e = entry_at (entries, entries->len - 1);
  g_assert_cmpstr (e->field, ==, "closed_at");
}

static void
test_status_update_refuses (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Mail down", "Email",
                                             DESK_SEVERITY_SEV2, T0);
  g_autoptr(GError) error = NULL;

  incident->status = DESK_STATUS_CLOSED;
  g_assert_false (desk_store_update_incident (f->store, incident, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_TRANSITION);
  g_assert_cmpint (incident->version, ==, 1);
  g_clear_error (&error);

  incident->status = DESK_STATUS_MONITORING;
  g_assert_true (desk_store_update_incident (f->store, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpint (incident->acknowledged_at, !=, DESK_TIME_NONE);
}

/* Permissions and viewer mode */

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  GStatBuf st;
  mode_t old_umask = umask (0);

  /* A lax umask must not leak into the modes. */
  close_store (f);
  g_remove (f->path);
  g_rmdir (folder);
  f->store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, NULL);
  umask (old_umask);
  g_assert_nonnull (f->store);

  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Mail down", "Email",
                                             DESK_SEVERITY_SEV2, T0);
  g_autoptr(DeskIncident) other = new_incident ("New", "Web",
                                                DESK_SEVERITY_SEV2, T0);
  g_autoptr(DeskService) service = desk_service_new ("Web", 99);
  g_autoptr(DeskProblem) problem = desk_problem_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created;

  close_store (f);
  before = file_bytes (f->path);

  f->store = desk_store_open (f->path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_is_read_only (f->store));
  g_assert_cmpuint (desk_store_count (f->store, NULL, &error), ==, 1);

#define REFUSED(call) \
  G_STMT_START { \
    g_assert_false (call); \
    g_assert_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY); \
    g_clear_error (&error); \
  } G_STMT_END

  REFUSED (desk_store_create_incident (f->store, other, &error));
  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Changed");
  REFUSED (desk_store_update_incident (f->store, incident, &error));
  REFUSED (desk_store_change_status (f->store, incident,
                                     DESK_STATUS_INVESTIGATING, NULL,
                                     &error));
  REFUSED (desk_store_delete_incident (f->store, incident->id, &error));
  REFUSED (desk_store_save_service (f->store, service, &error));
  REFUSED (desk_store_create_problem (f->store, problem, &error));
  REFUSED (desk_store_update_problem (f->store, problem, &error));
  REFUSED (desk_store_begin (f->store, &error));
  desk_incident_set_string (other, DESK_FIELD_REFERENCE, "X-1");
  REFUSED (desk_store_import_incident (f->store, other, NULL, &created,
                                       &error));
#undef REFUSED

  close_store (f);
  assert_same_bytes (before, f->path);
}

static void
test_read_only_missing (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "none.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = desk_store_open (path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("unset-times", test_unset_times);
  ADD ("references", test_references);
  ADD ("create-invalid", test_create_invalid);
  ADD ("services", test_services);
  ADD ("timeline/update", test_update_timeline);
  ADD ("timeline/time-text", test_update_time_text);
  ADD ("conflict/same-store", test_conflict);
  ADD ("conflict/two-stores", test_conflict_two_stores);
  ADD ("status/flow", test_status_flow);
  ADD ("status/update-refuses", test_status_update_refuses);
  ADD ("safety/permissions", test_permissions);
  ADD ("safety/read-only", test_read_only);
  ADD ("safety/read-only-missing", test_read_only_missing);

#undef ADD

  return g_test_run ();
}
