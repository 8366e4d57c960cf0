/* test-store.c: the incident database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The raw sqlite3 calls here are the only SQL outside the store: they
 * play the part of a damaged file or of a buggy program writing rows
 * behind the store's back.
 */

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <sys/wait.h>
#include <sqlite3.h>

#include "desk-error.h"
#include "desk-store.h"
#include "desk-store-private.h"
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
test_update_unchanged (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Mail down", "Email",
                                             DESK_SEVERITY_SEV2, T0);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 updated_at = incident->updated_at;

  g_assert_true (desk_store_update_incident (f->store, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpint (incident->version, ==, 1);
  g_assert_cmpint (incident->updated_at, ==, updated_at);

  entries = desk_store_list_timeline (f->store, incident->id, &error);
  g_assert_cmpuint (entries->len, ==, 1);
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

/* Damaged and unusable files */

typedef enum
{
  DAMAGE_NOT_A_DATABASE,
  DAMAGE_TRUNCATED,
  DAMAGE_CORRUPT_PAGE,
  DAMAGE_CORRUPT_HEADER,
  DAMAGE_NEWER_VERSION,
  DAMAGE_FOREIGN_DATABASE,
  DAMAGE_FOREIGN_APPLICATION,
} Damage;

typedef struct
{
  const char *name;
  Damage      damage;
  int         code;
} DamageCase;

static const DamageCase damage_cases[] = {
  { "not-a-database", DAMAGE_NOT_A_DATABASE, DESK_ERROR_CORRUPT },
  { "truncated", DAMAGE_TRUNCATED, DESK_ERROR_CORRUPT },
  { "corrupt-page", DAMAGE_CORRUPT_PAGE, DESK_ERROR_CORRUPT },
  { "corrupt-header", DAMAGE_CORRUPT_HEADER, DESK_ERROR_CORRUPT },
  { "newer-version", DAMAGE_NEWER_VERSION, DESK_ERROR_TOO_NEW },
  { "foreign-database", DAMAGE_FOREIGN_DATABASE, DESK_ERROR_CORRUPT },
  { "foreign-application", DAMAGE_FOREIGN_APPLICATION, DESK_ERROR_CORRUPT },
};

/* A store with enough rows to span many pages, closed again. */
static void
fill_and_close (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  desk_store_begin (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(DeskIncident) incident = NULL;

      incident = new_incident ("A fairly long title to fill the pages up",
                               i % 2 ? "Web" : "Email", DESK_SEVERITY_SEV3,
                               T0 + i * 60);
      desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                                "Some description text that takes room.");
      desk_store_create_incident (f->store, incident, &error);
      g_assert_no_error (error);
    }
  desk_store_commit (f->store, &error);
  g_assert_no_error (error);
  close_store (f);
}

static void
overwrite (const char *path,
           goffset     offset,
           const char *bytes,
           gsize       length)
{
  FILE *file = g_fopen (path, "r+b");

  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (bytes, 1, length, file), ==, length);
  fclose (file);
}

static void
damage (Fixture *f,
        Damage   kind)
{
  char junk[4096];
  GStatBuf st;

  memset (junk, 0xa5, sizeof junk);

  switch (kind)
    {
    case DAMAGE_NOT_A_DATABASE:
      close_store (f);
      write_file (f->path, "reference,title\r\nINC-1,Mail\r\n", -1);
      break;
    case DAMAGE_TRUNCATED:
      fill_and_close (f);
      g_assert_cmpint (g_stat (f->path, &st), ==, 0);
      g_assert_cmpint (truncate (f->path, st.st_size / 2), ==, 0);
      break;
    case DAMAGE_CORRUPT_PAGE:
      fill_and_close (f);
      /* Page 3 onwards: the first table and index pages. */
      overwrite (f->path, 2 * 4096, junk, sizeof junk);
      overwrite (f->path, 4 * 4096, junk, sizeof junk);
      break;
    case DAMAGE_CORRUPT_HEADER:
      fill_and_close (f);
      overwrite (f->path, 0, junk, 16);
      break;
    case DAMAGE_NEWER_VERSION:
      close_store (f);
      g_assert_cmpint (raw_exec (f->path, "PRAGMA user_version = 99"), ==,
                       SQLITE_OK);
      break;
    case DAMAGE_FOREIGN_DATABASE:
      close_store (f);
      g_remove (f->path);
      g_assert_cmpint (raw_exec (f->path, "CREATE TABLE notes (x TEXT)"),
                       ==, SQLITE_OK);
      break;
    case DAMAGE_FOREIGN_APPLICATION:
      close_store (f);
      g_assert_cmpint (raw_exec (f->path, "PRAGMA application_id = 42"),
                       ==, SQLITE_OK);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  const DamageCase *c = data;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  damage (f, c->damage);
  before = file_bytes (f->path);

  store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, c->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  store = desk_store_open (f->path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, c->code);

  /* Left exactly as it was. SQLite may leave its shared-memory index and
   * an empty log beside a WAL file it could not check, nothing else.
   */
  assert_same_bytes (before, f->path);
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *side = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (g_str_equal (name, "incidents.db") ||
          g_str_equal (name, "incidents.db-shm"))
        continue;

      g_assert_cmpstr (name, ==, "incidents.db-wal");
      g_assert_cmpint (g_stat (side, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, 0);
    }
}

static void
test_empty_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* An empty file is a new database, as SQLite sees it. */
  close_store (f);
  write_file (f->path, "", 0);
  f->store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desk_store_count (f->store, NULL, &error), ==, 0);
}

static void
test_migration_backup (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Mail down", "Email",
                                             DESK_SEVERITY_SEV2, T0);
  g_autofree char *backup = g_strconcat (f->path, ".bak-v1", NULL);
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;

  /* Make the file look like one written by schema version 1. */
  close_store (f);
  g_assert_cmpint (raw_exec (f->path,
                             "DROP INDEX incidents_detected;"
                             "DROP INDEX incidents_status;"
                             "DROP INDEX incidents_severity;"
                             "DROP INDEX incidents_updated;"
                             "DROP INDEX incidents_impact;"
                             "DROP INDEX incidents_problem;"
                             "DROP INDEX timeline_incident;"
                             "PRAGMA user_version = 1;"), ==, SQLITE_OK);

  f->store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  stored = desk_store_get_incident (f->store, incident->id, &error);
  g_assert_cmpstr (stored->title, ==, "Mail down");
  close_store (f);

  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (sqlite3_open_v2 (backup, &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM "
                      "pragma_user_version), (SELECT count(*) FROM "
                      "incidents), (SELECT count(*) FROM sqlite_schema "
                      "WHERE type = 'index' AND sql IS NOT NULL)",
                      -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM "
                      "pragma_user_version), (SELECT count(*) FROM "
                      "sqlite_schema WHERE type = 'index' AND sql IS NOT "
                      "NULL), (SELECT journal_mode FROM pragma_journal_mode)",
                      -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 7);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = new_incident ("Mail down", "Email",
                                                   DESK_SEVERITY_SEV2, T0);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 start;

  /* Another program holds the write lock for longer than we wait. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  g_assert_false (desk_store_create_incident (f->store, incident, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_BUSY);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * G_USEC_PER_SEC);
  g_clear_error (&error);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  g_assert_true (desk_store_create_incident (f->store, incident, &error));
  g_assert_no_error (error);
}

/* The database's own rules, tried with raw SQL behind the store's back. */

typedef struct
{
  const char *name;
  const char *sql;
  gboolean    allowed;
} CheckCase;

#define INSERT_HEAD \
  "INSERT INTO incidents (reference, title, service_id, severity, impact, " \
  "status, detected_at, acknowledged_at, impact_start, impact_end, " \
  "resolved_at, closed_at, factor, description, version, created_at, " \
  "updated_at) VALUES "

static const CheckCase check_cases[] = {
  { "valid", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, 110, NULL, NULL, 120, 130, 0, '', 1, "
    "1, 1)", TRUE },
  { "title-empty", INSERT_HEAD
    "('X-1', '', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, '', 1, "
    "1, 1)" },
  { "title-201", INSERT_HEAD
    "('X-1', printf ('%.201c', 'a'), 1, 1, 0, 0, 100, NULL, NULL, NULL, "
    "NULL, NULL, 0, '', 1, 1, 1)" },
  { "title-newline", INSERT_HEAD
    "('X-1', 'a' || char (10) || 'b', 1, 1, 0, 0, 100, NULL, NULL, NULL, "
    "NULL, NULL, 0, '', 1, 1, 1)" },
  { "title-c1-control", INSERT_HEAD
    "('X-1', 'a' || char (133), 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, "
    "NULL, 0, '', 1, 1, 1)" },
  { "description-line-breaks", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, "
    "'a' || char (13, 10, 9) || 'b', 1, 1, 1)", TRUE },
  { "title-beyond-c1", INSERT_HEAD
    "('X-1', 'caf' || char (233, 160, 8364), 1, 1, 0, 0, 100, "
    "NULL, NULL, NULL, NULL, NULL, 0, '', 1, 1, 1)", TRUE },
  { "title-tab", INSERT_HEAD
    "('X-1', 'a' || char (9) || 'b', 1, 1, 0, 0, 100, NULL, NULL, NULL, "
    "NULL, NULL, 0, '', 1, 1, 1)" },
  { "title-delete", INSERT_HEAD
    "('X-1', 'a' || char (127), 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, "
    "NULL, 0, '', 1, 1, 1)" },
  { "title-c1-first", INSERT_HEAD
    "('X-1', char (128) || 'a', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, "
    "NULL, 0, '', 1, 1, 1)" },
  { "title-c1-last", INSERT_HEAD
    "('X-1', 'a' || char (159), 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, "
    "NULL, 0, '', 1, 1, 1)" },
  { "title-stray-continuation", INSERT_HEAD
    "('X-1', 'a' || CAST (x'85' AS TEXT), 1, 1, 0, 0, 100, NULL, NULL, "
    "NULL, NULL, NULL, 0, '', 1, 1, 1)" },
  { "reference-escape", INSERT_HEAD
    "('X-1' || char (27), 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, "
    "NULL, 0, '', 1, 1, 1)" },
  { "assignee-newline", "INSERT INTO incidents (reference, title, "
    "service_id, severity, impact, status, detected_at, assignee, "
    "created_at, updated_at) VALUES ('X-1', 'ok', 1, 1, 0, 0, 100, "
    "'a' || char (10), 1, 1)" },
  { "reporter-c1", "INSERT INTO incidents (reference, title, service_id, "
    "severity, impact, status, detected_at, reporter, created_at, "
    "updated_at) VALUES ('X-1', 'ok', 1, 1, 0, 0, 100, char (150), 1, 1)" },
  { "description-start-of-heading", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, "
    "char (1), 1, 1, 1)" },
  { "description-vertical-tab", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, "
    "'a' || char (11) || 'b', 1, 1, 1)" },
  { "description-unit-separator", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, "
    "'a' || char (31), 1, 1, 1)" },
  { "root-cause-form-feed", "INSERT INTO incidents (reference, title, "
    "service_id, severity, impact, status, detected_at, root_cause, "
    "created_at, updated_at) VALUES ('X-1', 'ok', 1, 1, 0, 0, 100, "
    "'a' || char (12), 1, 1)" },
  { "five-whys-delete", "INSERT INTO incidents (reference, title, "
    "service_id, severity, impact, status, detected_at, five_whys, "
    "created_at, updated_at) VALUES ('X-1', 'ok', 1, 1, 0, 0, 100, "
    "'a' || char (10, 127), 1, 1)" },
  { "workaround-c1", "INSERT INTO incidents (reference, title, "
    "service_id, severity, impact, status, detected_at, workaround, "
    "created_at, updated_at) VALUES ('X-1', 'ok', 1, 1, 0, 0, 100, "
    "char (10) || char (133), 1, 1)" },
  { "resolution-backspace", "INSERT INTO incidents (reference, title, "
    "service_id, severity, impact, status, detected_at, resolution, "
    "created_at, updated_at) VALUES ('X-1', 'ok', 1, 1, 0, 0, 100, "
    "'done' || char (8), 1, 1)" },
  { "resolution-quotes-and-backslash", "INSERT INTO incidents (reference, "
    "title, service_id, severity, impact, status, detected_at, resolution, "
    "created_at, updated_at) VALUES ('X-1', 'say \"C:\\new\"', 1, 1, 0, "
    "0, 100, 'a\\b\\u0007 \"x\"' || char (9), 1, 1)", TRUE },
  { "description-bell", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, "
    "'a' || char (7), 1, 1, 1)" },
  { "title-null", INSERT_HEAD
    "('X-1', NULL, 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, '', 1, "
    "1, 1)" },
  { "reference-duplicate", INSERT_HEAD
    "('INC-000001', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, "
    "'', 1, 1, 1)" },
  { "service-unknown", INSERT_HEAD
    "('X-1', 'ok', 99, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, '', "
    "1, 1, 1)" },
  { "severity-5", INSERT_HEAD
    "('X-1', 'ok', 1, 5, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, '', 1, "
    "1, 1)" },
  { "severity-text", INSERT_HEAD
    "('X-1', 'ok', 1, 'SEV1', 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, "
    "'', 1, 1, 1)" },
  { "impact-3", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 3, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, '', 1, "
    "1, 1)" },
  { "status-7", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 7, 100, NULL, NULL, NULL, NULL, NULL, 0, '', 1, "
    "1, 1)" },
  { "factor-6", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 6, '', 1, "
    "1, 1)" },
  { "detected-null", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, '', 1, "
    "1, 1)" },
  { "acknowledged-before-detected", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, 99, NULL, NULL, NULL, NULL, 0, '', 1, "
    "1, 1)" },
  { "resolved-before-detected", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, 99, NULL, 0, '', 1, "
    "1, 1)" },
  { "resolved-before-acknowledged", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, 110, NULL, NULL, 105, NULL, 0, '', 1, "
    "1, 1)" },
  { "closed-before-resolved", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, 120, 119, 0, '', 1, "
    "1, 1)" },
  { "impact-end-before-start", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, 150, 140, NULL, NULL, 0, '', 1, "
    "1, 1)" },
  { "impact-start-after-resolved", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, 150, NULL, 120, NULL, 0, '', 1, "
    "1, 1)" },
  { "version-zero", INSERT_HEAD
    "('X-1', 'ok', 1, 1, 0, 0, 100, NULL, NULL, NULL, NULL, NULL, 0, '', 0, "
    "1, 1)" },
  { "service-target-zero",
    "INSERT INTO services (name, target) VALUES ('Other', 0)" },
  { "service-target-over-100",
    "INSERT INTO services (name, target) VALUES ('Other', 100.01)" },
  { "service-duplicate",
    "INSERT INTO services (name, target) VALUES ('Email', 99)" },
  { "problem-status-3",
    "INSERT INTO problems (reference, title, status, created_at, "
    "updated_at) VALUES ('PRB-9', 'ok', 3, 1, 1)" },
  { "timeline-no-incident",
    "INSERT INTO timeline (incident_id, at, actor, field) "
    "VALUES (999, 1, 'x', 'title')" },
};

static void
check_constraint (Fixture         *f,
                  const CheckCase *c,
                  gboolean         store_glob)
{
  g_autoptr(DeskIncident) incident = create (f, "Mail down", "Email",
                                             DESK_SEVERITY_SEV2, T0);
  sqlite3 *db = NULL;
  int rc;

  close_store (f);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (store_glob)
    desk_store_schema_add_glob (db);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  rc = sqlite3_exec (db, c->sql, NULL, NULL, NULL);
  if (c->allowed)
    g_assert_cmpint (rc, ==, SQLITE_OK);
  else
    g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

/* With SQLite's own GLOB, as any other program writing to the file. */
static void
test_check_constraint (Fixture       *f,
                       gconstpointer  data)
{
  check_constraint (f, data, FALSE);
}

/* With the quicker glob() of the store's own connection. */
static void
test_check_constraint_store_glob (Fixture       *f,
                                  gconstpointer  data)
{
  check_constraint (f, data, TRUE);
}

/* The store's glob() answers as SQLite's GLOB does, on every string
 * checked here: both control-character patterns, and a few others.
 */
static const char * const glob_patterns[] = {
  DESK_STORE_ONE_LINE_GLOB,
  DESK_STORE_MULTI_LINE_GLOB,
  "*",
  "a*",
  "*[ab]?",
  "[^x]*\xc3\xa9",
  "*\x7f*",
};

static void
assert_glob_agrees (const guchar *bytes,
                    gsize         n)
{
  char text[8];

  g_assert_cmpuint (n, <, sizeof text);
  memcpy (text, bytes, n);
  text[n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (glob_patterns); i++)
    {
      gboolean expected = sqlite3_strglob (glob_patterns[i], text) == 0;

      if (desk_store_schema_glob (glob_patterns[i], text) != expected)
        {
          g_autofree char *shown = g_strescape (text, NULL);

          g_error ("glob (%u, \"%s\") should be %d", i, shown, expected);
        }
    }
}

static void
test_glob_one_byte (void)
{
  for (guint a = 1; a < 256; a++)
    assert_glob_agrees ((guchar[]) { a }, 1);
}

static void
test_glob_two_bytes (void)
{
  for (guint a = 1; a < 256; a++)
    for (guint b = 1; b < 256; b++)
      assert_glob_agrees ((guchar[]) { a, b }, 2);
}

/* A lead byte and a continuation byte, then any byte. */
static void
test_glob_three_bytes (void)
{
  for (guint a = 0xc0; a < 256; a++)
    for (guint b = 0x80; b < 0xc0; b++)
      for (guint c = 1; c < 256; c++)
        assert_glob_agrees ((guchar[]) { a, b, c }, 3);
}

/* Longer strings from the bytes where decoding has its edges. */
static void
test_glob_random (void)
{
  static const guchar edges[] = {
    0x01, 0x09, 0x0a, 0x0b, 0x0d, 0x1f, 0x20, 'a', 'x', 0x7e, 0x7f, 0x80,
    0x85, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xed,
    0xef, 0xf0, 0xf4, 0xf8, 0xfc, 0xfe, 0xff,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);

  for (guint i = 0; i < 200000; i++)
    {
      guchar bytes[7];
      gsize n = g_rand_int_range (rand, 1, sizeof bytes + 1);

      for (gsize j = 0; j < n; j++)
        bytes[j] = edges[g_rand_int_range (rand, 0, G_N_ELEMENTS (edges))];
      assert_glob_agrees (bytes, n);
    }
}

/* Queries */

/* Six incidents over two services, written down by hand:
 *
 *   ref          service severity status         detected   resolved
 *   INC-000001   Email   SEV1     Resolved       T0         T0+2h
 *   INC-000002   Web     SEV2     Investigating  T0+1h      -
 *   INC-000003   Email   SEV3     New            T0+2h      -
 *   INC-000004   Web     SEV1     Closed         T0+3h      T0+4h
 *   INC-000005   Email   SEV4     On hold        T0+4h      -
 *   INC-000006   VPN     SEV2     New            T0+5h      -
 */
static void
fill_six (Fixture *f)
{
  static const struct
  {
    const char   *title;
    const char   *service;
    DeskSeverity  severity;
    DeskStatus    status;
    const char   *assignee;
  } rows[] = {
    { "Mail bounces", "Email", DESK_SEVERITY_SEV1, DESK_STATUS_RESOLVED,
      "budi" },
    { "Site slow", "Web", DESK_SEVERITY_SEV2, DESK_STATUS_INVESTIGATING,
      "Ana" },
    { "Spam wave", "Email", DESK_SEVERITY_SEV3, DESK_STATUS_NEW, "citra" },
    { "Certificate expired", "Web", DESK_SEVERITY_SEV1, DESK_STATUS_CLOSED,
      "" },
    { "Über-long queue", "Email", DESK_SEVERITY_SEV4, DESK_STATUS_ON_HOLD,
      "dewi" },
    { "Tunnel drops 100%", "VPN", DESK_SEVERITY_SEV2, DESK_STATUS_NEW,
      "eko" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(DeskIncident) incident = NULL;

      incident = new_incident (rows[i].title, rows[i].service,
                               rows[i].severity, T0 + i * HOUR);
      incident->status = rows[i].status;
      desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE,
                                rows[i].assignee);
      if (rows[i].status == DESK_STATUS_RESOLVED ||
          rows[i].status == DESK_STATUS_CLOSED)
        incident->resolved_at = T0 + (i + 1) * HOUR + (i == 0 ? HOUR : 0);
      if (i == 1)
        desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                                  "Pages take 30 s; CDN suspected");
      if (i == 3)
        desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE,
                                  "Renewal job was disabled");

      desk_store_create_incident (f->store, incident, &error);
      g_assert_no_error (error);
    }
}

typedef struct
{
  const char *name;
  void      (*set) (DeskQuery *query);
  const char *expected;   /* reference numbers in order */
} QueryCase;

static void
q_all (DeskQuery *q)
{
}

static void
q_all_desc (DeskQuery *q)
{
  q->descending = TRUE;
}

static void
q_service (DeskQuery *q)
{
  q->service = g_strdup ("Email");
}

static void
q_severity (DeskQuery *q)
{
  q->severity_mask = (1 << DESK_SEVERITY_SEV1) | (1 << DESK_SEVERITY_SEV2);
}

static void
q_status_open (DeskQuery *q)
{
  q->status_mask = (1 << DESK_STATUS_NEW) | (1 << DESK_STATUS_INVESTIGATING) |
                   (1 << DESK_STATUS_ON_HOLD);
}

static void
q_text_title (DeskQuery *q)
{
  q->text = g_strdup ("BOUNCES");
}

static void
q_text_description (DeskQuery *q)
{
  q->text = g_strdup ("cdn");
}

static void
q_text_root_cause (DeskQuery *q)
{
  q->text = g_strdup ("renewal");
}

static void
q_text_service (DeskQuery *q)
{
  q->text = g_strdup ("vpn");
}

static void
q_text_reference (DeskQuery *q)
{
  q->text = g_strdup ("inc-000003");
}

static void
q_text_assignee (DeskQuery *q)
{
  q->text = g_strdup ("BUDI");
}

static void
q_text_percent (DeskQuery *q)
{
  q->text = g_strdup ("100%");
}

static void
q_text_underscore (DeskQuery *q)
{
  q->text = g_strdup ("_");
}

static void
q_text_unicode (DeskQuery *q)
{
  q->text = g_strdup ("ÜBER");
}

static void
q_text_quote (DeskQuery *q)
{
  q->text = g_strdup ("'; DROP TABLE incidents; --");
}

static void
q_detected (DeskQuery *q)
{
  q->detected_from = T0 + HOUR;
  q->detected_to = T0 + 3 * HOUR;
}

static void
q_resolved (DeskQuery *q)
{
  q->resolved_from = T0 + 3 * HOUR;
}

static void
q_combined (DeskQuery *q)
{
  q->service = g_strdup ("Web");
  q->severity_mask = 1 << DESK_SEVERITY_SEV1;
  q->text = g_strdup ("cert");
}

static void
q_sort_severity (DeskQuery *q)
{
  q->sort = DESK_SORT_SEVERITY;
}

static void
q_sort_severity_desc (DeskQuery *q)
{
  q->sort = DESK_SORT_SEVERITY;
  q->descending = TRUE;
}

static void
q_sort_title (DeskQuery *q)
{
  q->sort = DESK_SORT_TITLE;
}

static void
q_sort_service (DeskQuery *q)
{
  q->sort = DESK_SORT_SERVICE;
}

static void
q_sort_status (DeskQuery *q)
{
  q->sort = DESK_SORT_STATUS;
}

static void
q_sort_assignee (DeskQuery *q)
{
  q->sort = DESK_SORT_ASSIGNEE;
}

static void
q_sort_reference_desc (DeskQuery *q)
{
  q->sort = DESK_SORT_REFERENCE;
  q->descending = TRUE;
}

static void
q_none (DeskQuery *q)
{
  q->service = g_strdup ("Nope");
}

static const QueryCase query_cases[] = {
  { "all", q_all, "1 2 3 4 5 6" },
  { "all-descending", q_all_desc, "6 5 4 3 2 1" },
  { "service", q_service, "1 3 5" },
  { "severity", q_severity, "1 2 4 6" },
  { "status", q_status_open, "2 3 5 6" },
  { "text-title", q_text_title, "1" },
  { "text-description", q_text_description, "2" },
  { "text-root-cause", q_text_root_cause, "4" },
  { "text-service", q_text_service, "6" },
  { "text-reference", q_text_reference, "3" },
  { "text-assignee", q_text_assignee, "1" },
  { "text-percent", q_text_percent, "6" },
  { "text-underscore", q_text_underscore, "" },
  { "text-unicode", q_text_unicode, "5" },
  { "text-sql", q_text_quote, "" },
  { "detected-range", q_detected, "2 3" },
  { "resolved-from", q_resolved, "4" },
  { "combined", q_combined, "4" },
  { "no-match", q_none, "" },
  { "sort-severity", q_sort_severity, "1 4 2 6 3 5" },
  { "sort-severity-descending", q_sort_severity_desc, "5 3 6 2 4 1" },
  { "sort-title", q_sort_title, "4 1 2 3 6 5" },
  { "sort-service", q_sort_service, "1 3 5 6 2 4" },
  { "sort-status", q_sort_status, "3 6 2 5 1 4" },
  { "sort-assignee", q_sort_assignee, "4 2 1 3 5 6" },
  { "sort-reference-descending", q_sort_reference_desc, "6 5 4 3 2 1" },
};

static char *
numbers_of (Fixture *f,
            GArray  *ids)
{
  g_autoptr(GPtrArray) incidents = NULL;
  GString *s = g_string_new (NULL);

  incidents = desk_store_get_incidents (f->store, (gint64 *) ids->data,
                                        ids->len, NULL);
  g_assert_cmpuint (incidents->len, ==, ids->len);

  for (guint i = 0; i < incidents->len; i++)
    {
      DeskIncident *incident = g_ptr_array_index (incidents, i);

      g_assert_cmpint (incident->id, ==, g_array_index (ids, gint64, i));
      g_string_append_printf (s, "%s%d", i ? " " : "",
                              atoi (incident->reference + 4));
    }

  return g_string_free (s, FALSE);
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  const QueryCase *c = data;
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *numbers = NULL;
  guint expected_count;

  fill_six (f);
  c->set (query);

  ids = desk_store_query_ids (f->store, query, NULL, &error);
  g_assert_no_error (error);
  numbers = numbers_of (f, ids);
  g_assert_cmpstr (numbers, ==, c->expected);

  expected_count = *c->expected == '\0' ? 0 : 1;
  for (const char *p = c->expected; *p != '\0'; p++)
    expected_count += *p == ' ';
  g_assert_cmpuint (desk_store_count (f->store, query, &error), ==,
                    expected_count);
  g_assert_no_error (error);
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(DeskSummary) email = NULL;
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GError) error = NULL;

  fill_six (f);

  summary = desk_store_summary (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->total, ==, 6);
  g_assert_cmpuint (summary->open, ==, 4);
  g_assert_cmpuint (summary->by_status[DESK_STATUS_NEW], ==, 2);
  g_assert_cmpuint (summary->by_status[DESK_STATUS_INVESTIGATING], ==, 1);
  g_assert_cmpuint (summary->by_status[DESK_STATUS_IDENTIFIED], ==, 0);
  g_assert_cmpuint (summary->by_status[DESK_STATUS_ON_HOLD], ==, 1);
  g_assert_cmpuint (summary->by_status[DESK_STATUS_RESOLVED], ==, 1);
  g_assert_cmpuint (summary->by_status[DESK_STATUS_CLOSED], ==, 1);
  g_assert_cmpuint (summary->by_severity[DESK_SEVERITY_SEV1], ==, 2);
  g_assert_cmpuint (summary->by_severity[DESK_SEVERITY_SEV2], ==, 2);
  g_assert_cmpuint (summary->by_severity[DESK_SEVERITY_SEV3], ==, 1);
  g_assert_cmpuint (summary->by_severity[DESK_SEVERITY_SEV4], ==, 1);
  g_assert_cmpuint (g_hash_table_size (summary->by_service), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_service,
                                                           "Email")), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_service,
                                                           "Web")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_service,
                                                           "VPN")), ==, 1);

  query->service = g_strdup ("Email");
  email = desk_store_summary (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (email->total, ==, 3);
  g_assert_cmpuint (email->open, ==, 2);
  g_assert_cmpuint (g_hash_table_size (email->by_service), ==, 1);
}

static gboolean
collect_reference (const DeskIncident *incident,
                   gpointer            user_data)
{
  GString *s = user_data;

  g_string_append_printf (s, "%s%s", s->len ? " " : "", incident->title);

  return s->len < 20;
}

static void
test_foreach (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  fill_six (f);
  query->service = g_strdup ("Email");

  g_assert_true (desk_store_foreach_incident (f->store, query,
                                              collect_reference, s, NULL,
                                              &error));
  g_assert_no_error (error);
  /* Stops when the function says so. */
  g_assert_cmpstr (s->str, ==, "Mail bounces Spam wave");
}

static void
test_get_incidents_order (Fixture       *f,
                          gconstpointer  data)
{
  static const gint64 ids[] = { 5, 1, 999, 3 };
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;
  DeskIncident *incident;

  fill_six (f);

  incidents = desk_store_get_incidents (f->store, ids, G_N_ELEMENTS (ids),
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, 3);
  incident = g_ptr_array_index (incidents, 0);
  g_assert_cmpstr (incident->reference, ==, "INC-000005");
  incident = g_ptr_array_index (incidents, 1);
  g_assert_cmpstr (incident->reference, ==, "INC-000001");
  incident = g_ptr_array_index (incidents, 2);
  g_assert_cmpstr (incident->reference, ==, "INC-000003");
}

typedef struct
{
  GMainLoop *loop;
  GArray    *ids;
  GError    *error;
} AsyncResult;

static void
on_query_ids (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ids = desk_store_query_ids_finish (DESK_STORE (source), result,
                                        &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_query_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  fill_six (f);
  query->service = g_strdup ("Web");

  desk_store_query_ids_async (f->store, query, NULL, on_query_ids, &r);
  /* The query was copied: changing ours does not change the search. */
  g_free (query->service);
  query->service = g_strdup ("Email");
  g_main_loop_run (r.loop);

  g_assert_no_error (r.error);
  g_assert_cmpuint (r.ids->len, ==, 2);
  g_assert_cmpint (g_array_index (r.ids, gint64, 0), ==, 2);
  g_assert_cmpint (g_array_index (r.ids, gint64, 1), ==, 4);

  g_array_unref (r.ids);
  g_main_loop_unref (r.loop);
}

static void
test_query_async_cancelled (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  g_autoptr(GError) error = NULL;

  fill_six (f);

  desk_store_query_ids_async (f->store, NULL, cancellable, on_query_ids, &r);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (r.loop);

  g_assert_null (r.ids);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  g_main_loop_unref (r.loop);

  /* The blocking call reports the store's own code. */
  g_assert_null (desk_store_query_ids (f->store, NULL, cancellable, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CANCELLED);
}

static gboolean
cancel_midway (const DeskIncident *incident,
               gpointer            user_data)
{
  g_cancellable_cancel (user_data);

  return TRUE;
}

static void
test_foreach_cancelled (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  fill_and_close (f);
  f->store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);

  /* Cancelled after the first row: the progress handler stops the rest. */
  g_assert_false (desk_store_foreach_incident (f->store, NULL, cancel_midway,
                                               cancellable, cancellable,
                                               &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CANCELLED);
}

static void
test_impacts (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GArray) records = NULL;
  g_autoptr(GArray) web = NULL;
  g_autoptr(GError) error = NULL;
  DeskImpactRecord *r;

  fill_six (f);

  /* [T0+2h, T0+3h): INC-1's impact ends at T0+2h but it was resolved
   * then, so it counts; 2 and 3 are still open; 4 starts at T0+3h and 5
   * and 6 later.
   */
  records = desk_store_list_impacts (f->store, NULL, T0 + 2 * HOUR,
                                     T0 + 3 * HOUR, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  r = &g_array_index (records, DeskImpactRecord, 0);
  g_assert_cmpstr (r->service, ==, "Email");
  g_assert_cmpint (r->incident_id, ==, 1);
  g_assert_cmpint (r->impact_end, ==, T0 + 2 * HOUR);
  r = &g_array_index (records, DeskImpactRecord, 1);
  g_assert_cmpstr (r->service, ==, "Email");
  g_assert_cmpint (r->incident_id, ==, 3);
  g_assert_cmpint (r->impact_start, ==, T0 + 2 * HOUR);
  g_assert_cmpint (r->impact_end, ==, DESK_TIME_NONE);
  r = &g_array_index (records, DeskImpactRecord, 2);
  g_assert_cmpstr (r->service, ==, "Web");
  g_assert_cmpint (r->incident_id, ==, 2);

  web = desk_store_list_impacts (f->store, "Web", DESK_TIME_NONE,
                                 DESK_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (web->len, ==, 2);
  r = &g_array_index (web, DeskImpactRecord, 1);
  g_assert_cmpint (r->incident_id, ==, 4);
  g_assert_cmpint (r->impact_start, ==, T0 + 3 * HOUR);
  g_assert_cmpint (r->impact_end, ==, T0 + 4 * HOUR);
  g_assert_cmpint (r->resolved_at, ==, T0 + 4 * HOUR);
  g_assert_cmpint (r->severity, ==, DESK_SEVERITY_SEV1);
  g_assert_cmpint (r->status, ==, DESK_STATUS_CLOSED);
  g_assert_cmpint (r->impact, ==, DESK_IMPACT_OUTAGE);
}

/* Import */

static void
test_import_upsert (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  incident = new_incident ("Disk full", "Storage", DESK_SEVERITY_SEV2, T0);
  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, "INC0001234");
  incident->status = DESK_STATUS_CLOSED;
  incident->resolved_at = T0 + HOUR;
  incident->closed_at = T0 + 2 * HOUR;
  desk_incident_set_string (incident, DESK_FIELD_PROBLEM, "PRB0000042");

  timeline = g_ptr_array_new_with_free_func (
    (GDestroyNotify) desk_timeline_entry_free);
  g_ptr_array_add (timeline,
                   desk_timeline_entry_new (T0 + 60, "svc-now", "status",
                                            "New", "Active", NULL));

  /* Closed without a root cause stays closed: history as recorded. */
  desk_store_begin (f->store, &error);
  g_assert_true (desk_store_import_incident (f->store, incident, timeline,
                                             &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_cmpint (incident->version, ==, 1);
  desk_store_commit (f->store, &error);
  g_assert_no_error (error);

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Disk really full");
  g_assert_true (desk_store_import_incident (f->store, incident, timeline,
                                             &created, &error));
  g_assert_false (created);
  g_assert_cmpint (incident->version, ==, 2);

  g_assert_cmpuint (desk_store_count (f->store, NULL, NULL), ==, 1);
  stored = desk_store_find_incident (f->store, "INC0001234", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Disk really full");
  g_assert_cmpint (stored->status, ==, DESK_STATUS_CLOSED);
  g_assert_cmpstr (stored->root_cause, ==, "");
  g_assert_cmpstr (stored->problem, ==, "PRB0000042");

  /* Imported history is replaced, not repeated. */
  entries = desk_store_list_timeline (f->store, stored->id, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (entry_at (entries, 0)->field, ==, "status");
  g_assert_cmpstr (entry_at (entries, 0)->actor, ==, "svc-now");
  g_assert_cmpstr (entry_at (entries, 0)->new_value, ==, "Active");
  g_assert_cmpstr (entry_at (entries, 1)->field, ==, "imported");
  g_assert_cmpstr (entry_at (entries, 1)->actor, ==, "ana");
}

static void
test_import_invalid (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created;

  incident = new_incident ("Disk full", "Storage", DESK_SEVERITY_SEV2, T0);
  g_assert_false (desk_store_import_incident (f->store, incident, NULL,
                                              &created, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, "X-1");
  incident->resolved_at = T0 - 1;
  g_assert_false (desk_store_import_incident (f->store, incident, NULL,
                                              &created, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpuint (desk_store_count (f->store, NULL, NULL), ==, 0);
}

static void
test_batch_rollback (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(DeskIncident) after = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created;

  incident = new_incident ("Disk full", "Storage", DESK_SEVERITY_SEV2, T0);
  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, "X-1");

  g_assert_true (desk_store_begin (f->store, &error));
  g_assert_true (desk_store_import_incident (f->store, incident, NULL,
                                             &created, &error));
  desk_store_rollback (f->store);

  g_assert_cmpuint (desk_store_count (f->store, NULL, NULL), ==, 0);
  services = desk_store_list_services (f->store, &error);
  g_assert_cmpuint (services->len, ==, 0);

  /* The service memory was dropped with the rollback. */
  after = create (f, "Again", "Storage", DESK_SEVERITY_SEV2, T0);
  g_assert_cmpstr (after->service, ==, "Storage");
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DeskProblem) problem = desk_problem_new ();
  g_autoptr(DeskProblem) stale = NULL;
  g_autoptr(DeskProblem) found = NULL;
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_free (problem->title);
  problem->title = g_strdup ("Disks fill up");
  g_assert_true (desk_store_create_problem (f->store, problem, &error));
  g_assert_cmpstr (problem->reference, ==, "PRB-000001");
  stale = desk_problem_copy (problem);

  problem->status = DESK_PROBLEM_KNOWN_ERROR;
  g_free (problem->workaround);
  problem->workaround = g_strdup ("Clean /var/log");
  g_assert_true (desk_store_update_problem (f->store, problem, &error));
  g_assert_cmpint (problem->version, ==, 2);

  g_assert_false (desk_store_update_problem (f->store, stale, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_CONFLICT);
  g_clear_error (&error);

  incident = new_incident ("Disk full", "Storage", DESK_SEVERITY_SEV2, T0);
  desk_incident_set_string (incident, DESK_FIELD_PROBLEM, "PRB-000001");
  desk_store_create_incident (f->store, incident, &error);
  g_assert_no_error (error);

  problems = desk_store_list_problems (f->store, &error);
  g_assert_cmpuint (problems->len, ==, 1);
  found = desk_store_find_problem (f->store, "PRB-000001", &error);
  g_assert_cmpint (found->status, ==, DESK_PROBLEM_KNOWN_ERROR);
  g_assert_cmpstr (found->workaround, ==, "Clean /var/log");
  g_assert_cmpuint (found->n_incidents, ==, 1);

  g_clear_pointer (&incident, desk_incident_unref);
  incident = new_incident ("Other", "Storage", DESK_SEVERITY_SEV2, T0);
  desk_incident_set_string (incident, DESK_FIELD_PROBLEM, "PRB-999");
  g_assert_false (desk_store_create_incident (f->store, incident, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

typedef struct
{
  DeskStore *store;
  guint      n;
} ThreadData;

static gpointer
create_many (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < data->n; i++)
    {
      g_autoptr(DeskIncident) incident = NULL;
      g_autoptr(GError) error = NULL;

      incident = new_incident ("From a thread", "Web", DESK_SEVERITY_SEV3,
                               T0 + i);
      desk_store_create_incident (data->store, incident, &error);
      g_assert_no_error (error);
    }

  return NULL;
}

static gpointer
import_batch (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(GError) error = NULL;

  desk_store_begin (data->store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < data->n; i++)
    {
      g_autoptr(DeskIncident) incident = NULL;
      g_autofree char *reference = g_strdup_printf ("IMP-%u", i);
      gboolean created;

      incident = new_incident ("Imported", "Email", DESK_SEVERITY_SEV2,
                               T0 + i);
      desk_incident_set_string (incident, DESK_FIELD_REFERENCE, reference);
      desk_store_import_incident (data->store, incident, NULL, &created,
                                  &error);
      g_assert_no_error (error);
    }

  desk_store_commit (data->store, &error);
  g_assert_no_error (error);

  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  ThreadData writers = { f->store, 40 };
  ThreadData importer = { f->store, 200 };
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GThread *threads[4];

  threads[0] = g_thread_new ("import", import_batch, &importer);
  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("create", create_many, &writers);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (desk_store_count (f->store, NULL, NULL), ==, 320);

  /* Every generated reference is distinct. */
  query->service = g_strdup ("Web");
  ids = desk_store_query_ids (f->store, query, NULL, NULL);
  g_assert_cmpuint (ids->len, ==, 120);
  incidents = desk_store_get_incidents (f->store, (gint64 *) ids->data,
                                        ids->len, NULL);
  for (guint i = 0; i < incidents->len; i++)
    {
      DeskIncident *incident = g_ptr_array_index (incidents, i);

      g_assert_true (g_hash_table_add (seen, incident->reference));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 120);
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DeskStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = desk_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_summary (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeskSummary **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = desk_store_summary_finish (DESK_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_open_and_summary_async (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskSummary) summary = NULL;

  fill_six (f);

  desk_store_open_async (f->path, DESK_STORE_FLAGS_READ_ONLY, NULL,
                         on_opened, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (desk_store_is_read_only (store));

  desk_store_summary_async (store, NULL, NULL, on_summary, &summary);
  while (summary == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (summary->total, ==, 6);
  g_assert_cmpuint (summary->open, ==, 4);
}

static void
test_new_to_resolved (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Blip", "Web",
                                             DESK_SEVERITY_SEV4, T0);
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_change_status (f->store, incident,
                                           DESK_STATUS_RESOLVED,
                                           "Went away by itself", &error));
  g_assert_no_error (error);
  g_assert_cmpint (incident->acknowledged_at, !=, DESK_TIME_NONE);
  g_assert_cmpint (incident->resolved_at, >=, incident->acknowledged_at);
  g_assert_cmpstr (incident->resolution, ==, "Went away by itself");
}

static void
test_future_detected (Fixture       *f,
                      gconstpointer  data)
{
  gint64 future = g_get_real_time () / G_USEC_PER_SEC + 24 * HOUR;
  g_autoptr(DeskIncident) incident = create (f, "Planned", "Web",
                                             DESK_SEVERITY_SEV4, future);
  g_autoptr(GError) error = NULL;

  /* A clock set wrong must not make the times run backwards. */
  g_assert_true (desk_store_change_status (f->store, incident,
                                           DESK_STATUS_INVESTIGATING, NULL,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (incident->acknowledged_at, ==, future);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Blip", "Web",
                                             DESK_SEVERITY_SEV4, T0);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_delete_incident (f->store, incident->id,
                                             &error));
  g_assert_null (desk_store_get_incident (f->store, incident->id, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  entries = desk_store_list_timeline (f->store, incident->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  g_assert_false (desk_store_delete_incident (f->store, incident->id,
                                              &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving a copy of a deleted incident says so. */
  g_assert_false (desk_store_update_incident (f->store, incident, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
}

static void
test_update_empty_reference (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = create (f, "Blip", "Web",
                                             DESK_SEVERITY_SEV4, T0);
  g_autoptr(GError) error = NULL;

  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, "");
  g_assert_false (desk_store_update_incident (f->store, incident, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_file_without_permission (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  if (!desk_test_bound_by_file_modes ())
    return;

  close_store (f);
  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  before = file_bytes (f->path);

  store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_PERMISSION);
  g_clear_error (&error);

  store = desk_store_open (f->path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desk_store_count (store, NULL, NULL), ==, 0);
  g_clear_object (&store);

  assert_same_bytes (before, f->path);
}

/* A folder given as the database is named as a folder, and nothing is
 * made inside it.
 */
static void
test_folder_as_database (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *inside = g_build_filename (folder, "desk", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  g_assert_cmpint (g_mkdir (inside, 0700), ==, 0);

  store = desk_store_open (inside, DESK_STORE_FLAGS_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "folder"));

  dir = g_dir_open (inside, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  g_rmdir (inside);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autoptr(DeskIncident) incident = create (f, "Mail down", "Email",
                                             DESK_SEVERITY_SEV2, T0);
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  if (!desk_test_bound_by_file_modes ())
    return;

  /* A file on read-only media: SQLite cannot add its index files. */
  close_store (f);
  before = file_bytes (f->path);
  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);

  store = desk_store_open (f->path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  stored = desk_store_get_incident (store, incident->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Mail down");
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  assert_same_bytes (before, f->path);
}

static void
test_folder_without_permission (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "sub", "x.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!desk_test_bound_by_file_modes ())
    return;

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_PERMISSION);
}

static void
test_no_create (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "new", "x.db", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = desk_store_open (path, DESK_STORE_FLAGS_NO_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_clear_error (&error);
  store = desk_store_open (f->path, DESK_STORE_FLAGS_NO_CREATE, &error);
  g_assert_no_error (error);
}

static void
test_long_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = new_incident ("Long", "Web",
                                                   DESK_SEVERITY_SEV3, T0);
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  while (text->len < 200000)
    g_string_append (text,
                     "ضوء 🚨 <i>&amp;</i> '); DELETE FROM incidents;\n");

  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, text->str);
  desk_store_create_incident (f->store, incident, &error);
  g_assert_no_error (error);

  stored = desk_store_get_incident (f->store, incident->id, &error);
  g_assert_cmpstr (stored->description, ==, text->str);
}

static void
test_actor (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DeskStore) store = NULL;
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, NULL);
  g_assert_cmpstr (desk_store_get_actor (store), ==, name);

  desk_store_set_actor (store, "Siti");
  g_assert_cmpstr (desk_store_get_actor (store), ==, "Siti");
  desk_store_set_actor (store, "");
  g_assert_cmpstr (desk_store_get_actor (store), ==, g_get_user_name ());
}

static void
test_query_equal (void)
{
  g_autoptr(DeskQuery) a = desk_query_new ();
  g_autoptr(DeskQuery) b = NULL;

  g_assert_cmpint (a->detected_from, ==, DESK_TIME_NONE);
  g_assert_cmpint (a->sort, ==, DESK_SORT_DETECTED);
  g_assert_false (a->descending);

  a->service = g_strdup ("Web");
  a->status_mask = 1 << DESK_STATUS_NEW;
  b = desk_query_copy (a);
  g_assert_true (desk_query_equal (a, b));
  g_assert_true (a->service != b->service);

  /* An empty text is no filter, as NULL. */
  b->text = g_strdup ("");
  g_assert_true (desk_query_equal (a, b));

  b->descending = TRUE;
  g_assert_false (desk_query_equal (a, b));
}

/* Crash safety: a writer killed at a random moment loses nothing it had
 * reported saved, and leaves a file that passes an integrity check.
 */
static void
test_crash_child (void)
{
  const char *path = g_getenv ("DESK_TEST_CRASH_DB");
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (path);

  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0;; i++)
    {
      g_autoptr(DeskIncident) incident = NULL;

      incident = new_incident ("Written before the kill", "Web",
                               DESK_SEVERITY_SEV3, T0 + i);
      if (i % 3 == 0)
        {
          desk_store_begin (store, &error);
          g_assert_no_error (error);
          desk_store_create_incident (store, incident, &error);
          desk_store_commit (store, &error);
        }
      else
        {
          desk_store_create_incident (store, incident, &error);
        }
      g_assert_no_error (error);

      /* Reported only once the store said it was saved. */
      g_print ("SAVED %s\n", incident->reference);
      fflush (stdout);
    }
}

static void
read_saved (int        fd,
            GString   *pending,
            GPtrArray *saved)
{
  char buffer[4096];
  gssize n;
  char *newline;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (pending, buffer, n);

  while ((newline = strchr (pending->str, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (pending->str,
                                         newline - pending->str);

      if (g_str_has_prefix (line, "SAVED "))
        g_ptr_array_add (saved, g_strdup (line + 6));
      g_string_erase (pending, 0, newline - pending->str + 1);
    }
}

static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  const char *argv[] = { NULL, "-p", "/store/crash-child", NULL };
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  guint rounds = 8;

  argv[0] = g_getenv ("DESK_TEST_SELF");
  if (argv[0] == NULL)
    {
      g_test_skip ("DESK_TEST_SELF is not set");
      return;
    }

  close_store (f);
  envp = g_environ_setenv (envp, "DESK_TEST_CRASH_DB", f->path, TRUE);

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GString) pending = g_string_new (NULL);
      g_autoptr(DeskStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *check = NULL;
      gint64 until;
      GPid pid;
      int out_fd;
      int status;
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                                G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      g_unix_set_fd_nonblocking (out_fd, TRUE, NULL);

      until = g_get_monotonic_time () +
              g_test_rand_int_range (150, 600) * 1000;
      while (g_get_monotonic_time () < until)
        {
          read_saved (out_fd, pending, saved);
          g_usleep (2000);
        }

      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      read_saved (out_fd, pending, saved);
      close (out_fd);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));

      store = desk_store_open (f->path, DESK_STORE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < saved->len; i++)
        {
          g_autoptr(DeskIncident) incident = NULL;

          incident = desk_store_find_incident (store,
                                               g_ptr_array_index (saved, i),
                                               &error);
          g_assert_no_error (error);
        }
      g_clear_object (&store);

      g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
      sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_assert_cmpstr (check, ==, "ok");
    }

  g_test_message ("%u kills, %u saves reported and found", rounds,
                  saved->len);
  g_assert_cmpuint (saved->len, >, 0);
}

static gpointer
open_fresh (gpointer user_data)
{
  GError *error = NULL;
  DeskStore *store;

  store = desk_store_open (user_data, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  return store;
}

static void
test_open_together (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "together.db", NULL);
  GThread *threads[4];

  /* Separate connections creating the same new file at once. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_fresh, path);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(DeskStore) store = g_thread_join (threads[i]);
      g_autoptr(DeskIncident) incident = NULL;
      g_autoptr(GError) error = NULL;

      incident = new_incident ("Together", "Web", DESK_SEVERITY_SEV3, T0);
      desk_store_create_incident (store, incident, &error);
      g_assert_no_error (error);
    }
}

static void
test_default_path (void)
{
  g_autofree char *path = desk_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (),
                                                "incidentdesk",
                                                "incidents.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  /* The crash test runs this program again as its writer. */
  if (g_getenv ("DESK_TEST_SELF") == NULL)
    {
      g_autofree char *self = g_canonicalize_filename (argv[0], NULL);

      g_setenv ("DESK_TEST_SELF", self, TRUE);
    }

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
  ADD ("timeline/unchanged", test_update_unchanged);
  ADD ("conflict/same-store", test_conflict);
  ADD ("conflict/two-stores", test_conflict_two_stores);
  ADD ("status/flow", test_status_flow);
  ADD ("status/update-refuses", test_status_update_refuses);
  ADD ("safety/permissions", test_permissions);
  ADD ("safety/read-only", test_read_only);
  ADD ("safety/read-only-missing", test_read_only_missing);

  ADD ("safety/empty-file", test_empty_file);
  ADD ("safety/migration-backup", test_migration_backup);
  ADD ("safety/busy", test_busy);
  ADD ("query/summary", test_summary);
  ADD ("query/foreach", test_foreach);
  ADD ("query/foreach-cancelled", test_foreach_cancelled);
  ADD ("query/get-incidents-order", test_get_incidents_order);
  ADD ("query/async", test_query_async);
  ADD ("query/async-cancelled", test_query_async_cancelled);
  ADD ("query/impacts", test_impacts);
  ADD ("import/upsert", test_import_upsert);
  ADD ("import/invalid", test_import_invalid);
  ADD ("import/batch-rollback", test_batch_rollback);
  ADD ("problems", test_problems);
  ADD ("threads", test_threads);
  ADD ("safety/no-create", test_no_create);
  ADD ("safety/open-together", test_open_together);
  ADD ("long-text", test_long_text);
  ADD ("actor", test_actor);
  ADD ("async/open-and-summary", test_open_and_summary_async);
  ADD ("status/new-to-resolved", test_new_to_resolved);
  ADD ("status/future-detected", test_future_detected);
  ADD ("delete", test_delete);
  ADD ("update/empty-reference", test_update_empty_reference);
  ADD ("safety/file-without-permission", test_file_without_permission);
  ADD ("safety/folder-without-permission", test_folder_without_permission);
  ADD ("safety/read-only-folder", test_read_only_folder);
  ADD ("safety/folder-as-database", test_folder_as_database);

#undef ADD

  g_test_add_func ("/store/default-path", test_default_path);
  /* Only the writer that /store/crash starts and kills runs this. */
  if (g_getenv ("DESK_TEST_CRASH_DB") != NULL)
    g_test_add_func ("/store/crash-child", test_crash_child);
  g_test_add ("/store/crash", Fixture, NULL, fixture_set_up, test_crash,
              fixture_tear_down);
  g_test_add_func ("/store/query/equal", test_query_equal);

  for (guint i = 0; i < G_N_ELEMENTS (damage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/damaged/%s",
                                               damage_cases[i].name);

      g_test_add (path, Fixture, &damage_cases[i], fixture_set_up,
                  test_damaged, fixture_tear_down);
    }

  for (guint i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/check/%s",
                                               check_cases[i].name);

      g_test_add (path, Fixture, &check_cases[i], fixture_set_up,
                  test_check_constraint, fixture_tear_down);
    }

  for (guint i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/check-store-glob/%s",
                                               check_cases[i].name);

      g_test_add (path, Fixture, &check_cases[i], fixture_set_up,
                  test_check_constraint_store_glob, fixture_tear_down);
    }

  g_test_add_func ("/store/glob/one-byte", test_glob_one_byte);
  g_test_add_func ("/store/glob/two-bytes", test_glob_two_bytes);
  g_test_add_func ("/store/glob/three-bytes", test_glob_three_bytes);
  g_test_add_func ("/store/glob/random", test_glob_random);

  for (guint i = 0; i < G_N_ELEMENTS (query_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/query/filter/%s",
                                               query_cases[i].name);

      g_test_add (path, Fixture, &query_cases[i], fixture_set_up,
                  test_query, fixture_tear_down);
    }

  return g_test_run ();
}
