/* desk-store.c: the incident database over SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection per store, serialised by a recursive mutex: a batch
 * (begin … commit) keeps the mutex for its whole length, so writes from
 * other threads wait instead of landing inside it. Every value reaches
 * SQLite as a bound parameter; statements on the hot paths are prepared
 * once and kept.
 */

#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "desk-error.h"
#include "desk-store-private.h"
#include "desk-store.h"

#define BUSY_TIMEOUT_MS 5000
#define QUICK_CHECK_MAX_BYTES (16 * 1024 * 1024)
#define PROGRESS_STEPS 4096

/* The page cache, as negative KiB for PRAGMA cache_size. A large batch
 * gets a bigger one for its length: otherwise pages of the indexes leave
 * the cache and are written to the log again and again.
 */
#define CACHE_KIB "-8192"
#define BATCH_CACHE_KIB "-65536"

#define SELECT_INCIDENT \
  "SELECT i.id, i.version, i.reference, i.title, s.name, i.severity, " \
  "i.impact, i.status, i.description, i.assignee, i.reporter, " \
  "i.detected_at, i.acknowledged_at, i.impact_start, i.impact_end, " \
  "i.resolved_at, i.closed_at, i.root_cause, i.five_whys, i.factor, " \
  "i.workaround, i.resolution, p.reference, i.created_at, i.updated_at " \
  "FROM incidents i JOIN services s ON s.id = i.service_id " \
  "LEFT JOIN problems p ON p.id = i.problem_id "

/* Parameters ?1 … ?23 of the three statements that write a whole row. */
#define INCIDENT_COLUMNS \
  "reference, title, service_id, severity, impact, status, description, " \
  "assignee, reporter, detected_at, acknowledged_at, impact_start, " \
  "impact_end, resolved_at, closed_at, root_cause, five_whys, factor, " \
  "workaround, resolution, problem_id, created_at, updated_at"
#define INCIDENT_VALUES \
  "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, " \
  "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23"
#define INCIDENT_SET(src) \
  "reference = " src "1, title = " src "2, service_id = " src "3, " \
  "severity = " src "4, impact = " src "5, status = " src "6, " \
  "description = " src "7, assignee = " src "8, reporter = " src "9, " \
  "detected_at = " src "10, acknowledged_at = " src "11, " \
  "impact_start = " src "12, impact_end = " src "13, " \
  "resolved_at = " src "14, closed_at = " src "15, " \
  "root_cause = " src "16, five_whys = " src "17, factor = " src "18, " \
  "workaround = " src "19, resolution = " src "20, " \
  "problem_id = " src "21, updated_at = " src "23"

typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_SERVICE_ID,
  STMT_SERVICE_INSERT,
  STMT_SERVICE_GET,
  STMT_SERVICE_LIST,
  STMT_SERVICE_UPSERT,
  STMT_INCIDENT_BY_ID,
  STMT_INCIDENT_BY_REFERENCE,
  STMT_INCIDENT_EXISTS,
  STMT_INCIDENT_INSERT,
  STMT_INCIDENT_IMPORT,
  STMT_INCIDENT_UPDATE,
  STMT_INCIDENT_REPLACE,
  STMT_INCIDENT_VERSION,
  STMT_INCIDENT_DELETE,
  STMT_COUNTER_GET,
  STMT_COUNTER_SET,
  STMT_TIMELINE_INSERT,
  STMT_TIMELINE_LIST,
  STMT_TIMELINE_DROP_IMPORTED,
  STMT_PROBLEM_ID,
  STMT_PROBLEM_INSERT,
  STMT_PROBLEM_UPDATE,
  STMT_PROBLEM_LIST,
  STMT_PROBLEM_BY_REFERENCE,
  STMT_LATEST_DETECTED,
  N_STMTS
} StmtId;

static const char * const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_SERVICE_ID] = "SELECT id FROM services WHERE name = ?1",
  [STMT_SERVICE_INSERT] =
    "INSERT INTO services (name, target) VALUES (?1, ?2)",
  [STMT_SERVICE_GET] =
    "SELECT id, name, target FROM services WHERE name = ?1",
  [STMT_SERVICE_LIST] =
    "SELECT id, name, target FROM services ORDER BY name",
  [STMT_SERVICE_UPSERT] =
    "INSERT INTO services (name, target) VALUES (?1, ?2) "
    "ON CONFLICT (name) DO UPDATE SET target = excluded.target "
    "RETURNING id",
  [STMT_INCIDENT_BY_ID] = SELECT_INCIDENT "WHERE i.id = ?1",
  [STMT_INCIDENT_BY_REFERENCE] = SELECT_INCIDENT "WHERE i.reference = ?1",
  [STMT_INCIDENT_EXISTS] =
    "SELECT id FROM incidents WHERE reference = ?1",
  [STMT_INCIDENT_INSERT] =
    "INSERT INTO incidents (" INCIDENT_COLUMNS ", version) "
    "VALUES (" INCIDENT_VALUES ", 1)",
  [STMT_INCIDENT_IMPORT] =
    "INSERT INTO incidents (" INCIDENT_COLUMNS ", version) "
    "VALUES (" INCIDENT_VALUES ", 1) ON CONFLICT (reference) DO NOTHING",
  [STMT_INCIDENT_UPDATE] =
    "UPDATE incidents SET " INCIDENT_SET ("?") ", version = version + 1 "
    "WHERE id = ?24 AND version = ?25",
  [STMT_INCIDENT_REPLACE] =
    "UPDATE incidents SET " INCIDENT_SET ("?") ", version = version + 1 "
    "WHERE id = ?24",
  [STMT_INCIDENT_VERSION] =
    "SELECT version, created_at FROM incidents WHERE id = ?1",
  [STMT_INCIDENT_DELETE] = "DELETE FROM incidents WHERE id = ?1",
  [STMT_COUNTER_GET] = "SELECT value FROM counters WHERE name = ?1",
  [STMT_COUNTER_SET] =
    "INSERT INTO counters (name, value) VALUES (?1, ?2) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
  [STMT_TIMELINE_INSERT] =
    "INSERT INTO timeline (incident_id, at, actor, field, old_value, "
    "new_value, note, imported) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [STMT_TIMELINE_LIST] =
    "SELECT id, incident_id, at, actor, field, old_value, new_value, note "
    "FROM timeline WHERE incident_id = ?1 ORDER BY at, id",
  [STMT_TIMELINE_DROP_IMPORTED] =
    "DELETE FROM timeline WHERE incident_id = ?1 AND imported = 1",
  [STMT_PROBLEM_ID] = "SELECT id FROM problems WHERE reference = ?1",
  [STMT_PROBLEM_INSERT] =
    "INSERT INTO problems (reference, title, status, root_cause, "
    "workaround, version, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)",
  [STMT_PROBLEM_UPDATE] =
    "UPDATE problems SET reference = ?1, title = ?2, status = ?3, "
    "root_cause = ?4, workaround = ?5, updated_at = ?6, "
    "version = version + 1 WHERE id = ?7 AND version = ?8",
  [STMT_PROBLEM_LIST] =
    "SELECT p.id, p.version, p.reference, p.title, p.status, p.root_cause, "
    "p.workaround, (SELECT count(*) FROM incidents i "
    "WHERE i.problem_id = p.id) FROM problems p ORDER BY p.reference",
  [STMT_PROBLEM_BY_REFERENCE] =
    "SELECT p.id, p.version, p.reference, p.title, p.status, p.root_cause, "
    "p.workaround, (SELECT count(*) FROM incidents i "
    "WHERE i.problem_id = p.id) FROM problems p WHERE p.reference = ?1",
  [STMT_LATEST_DETECTED] = "SELECT max(detected_at) FROM incidents",
};

struct _DeskStore
{
  GObject         parent_instance;

  char           *path;
  DeskStoreFlags  flags;
  sqlite3        *db;
  sqlite3_stmt   *stmts[N_STMTS];

  GRecMutex       lock;
  GThread        *batch_owner;
  gboolean        bulk;          /* the batch runs on a rollback journal */
  char           *actor;
  GHashTable     *service_ids;   /* name → gint64 *, within this file */
  GCancellable   *cancellable;   /* of the call running now */
};

G_DEFINE_FINAL_TYPE (DeskStore, desk_store, G_TYPE_OBJECT)

/* Errors */

static gboolean
set_error (GError     **error,
           DeskError    code,
           const char  *message)
{
  g_set_error_literal (error, DESK_ERROR, code, message);

  return FALSE;
}

static gboolean
read_only_error (GError **error)
{
  return set_error (error, DESK_ERROR_READ_ONLY,
                    _("The database is open read-only, so nothing can be "
                      "changed."));
}

/* Turns a SQLite result into a DeskError. The technical detail goes to
 * the debug log only; callers show the plain sentence.
 */
static gboolean
set_sqlite_error (DeskStore   *self,
                  int          rc,
                  const char  *what,
                  GError     **error)
{
  DeskError code;
  const char *message;

  g_debug ("%s: %s: %s (%d)", self->path, what,
           self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
           rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = DESK_ERROR_CORRUPT;
      message = _("The database file is damaged or is not an IncidentDesk "
                  "database.");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = DESK_ERROR_BUSY;
      message = _("The database is in use by another program. Try again in "
                  "a moment.");
      break;
    case SQLITE_FULL:
      code = DESK_ERROR_NO_SPACE;
      message = _("The disk is full, so the database could not be "
                  "written.");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      code = DESK_ERROR_PERMISSION;
      message = _("You do not have permission to use the database file.");
      break;
    case SQLITE_INTERRUPT:
      code = DESK_ERROR_CANCELLED;
      message = _("The work was cancelled.");
      break;
    case SQLITE_CONSTRAINT:
      code = DESK_ERROR_INVALID;
      message = _("The database refused a value that breaks its rules.");
      break;
    default:
      code = DESK_ERROR_IO;
      message = _("The database could not be read or written.");
      break;
    }

  return set_error (error, code, message);
}

static gboolean
set_errno_error (int          saved_errno,
                 const char  *path,
                 GError     **error)
{
  g_debug ("%s: %s", path, g_strerror (saved_errno));

  switch (saved_errno)
    {
    case EACCES:
    case EPERM:
    case EROFS:
      return set_error (error, DESK_ERROR_PERMISSION,
                        _("You do not have permission to use the database "
                          "file."));
    case ENOSPC:
    case EDQUOT:
      return set_error (error, DESK_ERROR_NO_SPACE,
                        _("The disk is full, so the database could not be "
                          "written."));
    case ENOENT:
      return set_error (error, DESK_ERROR_NOT_FOUND,
                        _("There is no database file there."));
    default:
      return set_error (error, DESK_ERROR_IO,
                        _("The database could not be read or written."));
    }
}

static gboolean
cancelled_error (GError **error)
{
  return set_error (error, DESK_ERROR_CANCELLED, _("The work was cancelled."));
}

/* Statements */

static sqlite3_stmt *
get_stmt (DeskStore  *self,
          StmtId      id,
          GError    **error)
{
  int rc;

  if (self->stmts[id] != NULL)
    return self->stmts[id];

  rc = sqlite3_prepare_v3 (self->db, stmt_sql[id], -1,
                           SQLITE_PREPARE_PERSISTENT, &self->stmts[id], NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, "prepare", error);
      return NULL;
    }

  return self->stmts[id];
}

static void
done_stmt (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Runs a statement that returns no rows (or whose rows are ignored). */
static gboolean
run_stmt (DeskStore  *self,
          StmtId      id,
          GError    **error)
{
  sqlite3_stmt *stmt = get_stmt (self, id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  done_stmt (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, stmt_sql[id], error);

  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1,
                     SQLITE_STATIC);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           gint64        value)
{
  if (value == DESK_TIME_NONE)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? (const char *) text : "";
}

static gint64
column_time (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return DESK_TIME_NONE;

  return sqlite3_column_int64 (stmt, column);
}

static int
on_progress (void *user_data)
{
  DeskStore *self = user_data;

  return self->cancellable != NULL &&
         g_cancellable_is_cancelled (self->cancellable);
}

/* desk_contains (needle, text, …): whether any text holds @needle, which
 * the caller has case-folded already. For needles beyond ASCII, where
 * LIKE does not fold case.
 */
static void
contains_func (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *needle = (const char *) sqlite3_value_text (argv[0]);

  for (int i = 1; needle != NULL && i < argc; i++)
    {
      const char *text = (const char *) sqlite3_value_text (argv[i]);
      g_autofree char *folded = NULL;

      if (text == NULL)
        continue;

      folded = g_utf8_casefold (text, -1);
      if (strstr (folded, needle) != NULL)
        {
          sqlite3_result_int (context, 1);
          return;
        }
    }

  sqlite3_result_int (context, 0);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Locking and transactions */

static void
store_lock (DeskStore *self)
{
  g_rec_mutex_lock (&self->lock);
}

static void
store_unlock (DeskStore *self)
{
  g_rec_mutex_unlock (&self->lock);
}

static gboolean
in_batch (DeskStore *self)
{
  return !sqlite3_get_autocommit (self->db);
}

/* A single change runs in its own transaction. Inside a batch it joins
 * the batch's transaction without a savepoint of its own: a savepoint
 * per row costs a fifth of a large import, and the batch's owner rolls
 * the whole batch back when a call fails. Each statement is still atomic,
 * and a call checks everything it can before its first write.
 */
static gboolean
write_begin (DeskStore  *self,
             gboolean   *own,
             GError    **error)
{
  *own = !in_batch (self);

  if (!*own)
    return TRUE;

  return run_stmt (self, STMT_BEGIN, error);
}

/* Commits; on failure undoes what the call wrote, unless it is part of
 * a batch.
 */
static gboolean
write_end (DeskStore  *self,
           gboolean    own,
           gboolean    ok,
           GError    **error)
{
  if (!own)
    {
      if (!ok)
        g_hash_table_remove_all (self->service_ids);
      return ok;
    }

  if (ok && run_stmt (self, STMT_COMMIT, error))
    return TRUE;

  g_hash_table_remove_all (self->service_ids);

  if (in_batch (self))
    run_stmt (self, STMT_ROLLBACK, NULL);

  return FALSE;
}

/* Opening */

char *
desk_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "incidentdesk",
                           "incidents.db", NULL);
}

static gboolean
ensure_folder (const char  *path,
               GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return set_errno_error (errno, folder, error);

  /* The umask may have taken bits away or left some; be explicit. */
  if (g_chmod (folder, 0700) != 0)
    return set_errno_error (errno, folder, error);

  return TRUE;
}

/* Creates @path 0600 whatever the umask. Another program that got there
 * first is fine when @exist_ok: its file is then left alone.
 */
static gboolean
create_private_file (const char  *path,
                     gboolean     exist_ok,
                     GError     **error)
{
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST && exist_ok)
    return TRUE;
  if (fd < 0)
    return set_errno_error (errno, path, error);

  close (fd);

  if (g_chmod (path, 0600) != 0)
    return set_errno_error (errno, path, error);

  return TRUE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) |
         ((guint32) p[2] << 8) | p[3];
}

static gboolean
has_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Reads the 100-byte header ourselves: the magic string, the page size
 * and, when the header vouches for it, the page count against the size
 * of the file. Cheap, and catches a foreign or truncated file before
 * SQLite is given a chance to write to it.
 */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 header[100];
  GStatBuf st;
  guint32 page_size;
  guint32 n_pages;
  gssize n_read;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_errno_error (errno, path, error);

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (saved_errno, path, error);
    }

  n_read = read (fd, header, sizeof header);
  close (fd);

  /* SQLite treats an empty file as an empty database. */
  if (st.st_size == 0)
    return TRUE;

  if (n_read != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    goto corrupt;

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    goto corrupt;

  /* A checkpoint cut short may leave the header ahead of the file; SQLite
   * finishes it from the log, so only judge the size without one.
   */
  n_pages = read_be32 (header + 28);
  if (n_pages != 0 && read_be32 (header + 24) == read_be32 (header + 92) &&
      (guint64) st.st_size < (guint64) n_pages * page_size &&
      !has_log (path))
    goto corrupt;

  return TRUE;

corrupt:
  g_debug ("%s: not a complete SQLite file", path);
  return set_error (error, DESK_ERROR_CORRUPT,
                    _("The database file is damaged or is not an "
                      "IncidentDesk database."));
}

static gboolean
query_int (DeskStore   *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, sql, error);

  return TRUE;
}

static gboolean
query_text (DeskStore   *self,
            const char  *sql,
            char       **out,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = g_strdup (column_text (stmt, 0));
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, sql, error);

  return TRUE;
}

static gboolean
exec_sql (DeskStore   *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, "exec", error);

  return TRUE;
}

static gboolean
write_backup (DeskStore  *self,
              gint64      version,
              GError    **error)
{
  g_autofree char *backup_path = NULL;
  sqlite3_backup *backup;
  sqlite3 *dest = NULL;
  int fd = -1;
  int rc;

  /* Claim a free name atomically: another program opening the same
   * old file may be writing its own backup at this moment.
   */
  for (guint i = 1; fd < 0; i++)
    {
      g_free (backup_path);
      if (i == 1)
        backup_path = g_strdup_printf ("%s.bak-v%" G_GINT64_FORMAT,
                                       self->path, version);
      else
        backup_path = g_strdup_printf ("%s.bak-v%" G_GINT64_FORMAT "-%u",
                                       self->path, version, i);

      fd = g_open (backup_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno != EEXIST)
        return set_errno_error (errno, backup_path, error);
    }
  close (fd);
  if (g_chmod (backup_path, 0600) != 0)
    return set_errno_error (errno, backup_path, error);

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dest);
    }
  sqlite3_close (dest);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, "backup", error);

  g_debug ("%s: backup of schema version %" G_GINT64_FORMAT " in %s",
           self->path, version, backup_path);

  return TRUE;
}

static gboolean
migrate (DeskStore  *self,
         gint64      from,
         GError    **error)
{
  const char * const *migrations;
  guint n_migrations;

  migrations = desk_store_schema_migrations (&n_migrations);

  for (gint64 v = from; v < n_migrations; v++)
    {
      gint64 current = 0;

      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Another program may have migrated the file while we waited. */
      if (!query_int (self, "PRAGMA user_version", &current, error))
        {
          exec_sql (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (current > v)
        {
          exec_sql (self, "ROLLBACK", NULL);
          v = current - 1;
          continue;
        }

      if (!exec_sql (self, migrations[v], error))
        {
          exec_sql (self, "ROLLBACK", NULL);
          return FALSE;
        }

      if (!exec_sql (self, "COMMIT", error))
        {
          exec_sql (self, "ROLLBACK", NULL);
          return FALSE;
        }

      g_debug ("%s: migrated to schema version %" G_GINT64_FORMAT,
               self->path, v + 1);
    }

  return TRUE;
}

/* Changing the journal mode does not wait on SQLite's busy handler, and
 * another program may be setting up the same new file: retry for as long
 * as the busy timeout would have waited.
 */
static gboolean
set_wal (DeskStore  *self,
         char      **journal,
         GError    **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      GError *local_error = NULL;

      if (query_text (self, "PRAGMA journal_mode = WAL", journal,
                      &local_error))
        return TRUE;

      if (attempt >= 100 ||
          !g_error_matches (local_error, DESK_ERROR, DESK_ERROR_BUSY))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }

      g_clear_error (&local_error);
      g_usleep (50 * 1000);
    }
}

static gboolean
not_ours_error (DeskStore  *self,
                GError    **error)
{
  g_debug ("%s: not an IncidentDesk database", self->path);

  return set_error (error, DESK_ERROR_CORRUPT,
                    _("The database file is damaged or is not an "
                      "IncidentDesk database."));
}

/* Opens the connection for @filename (a path, or a file: URI for a
 * read-only snapshot) and sets it up.
 */
static gboolean
open_connection (DeskStore   *self,
                 const char  *filename,
                 GError     **error)
{
  gboolean read_only = (self->flags & DESK_STORE_FLAGS_READ_ONLY) != 0;
  int rc;

  rc = sqlite3_open_v2 (filename, &self->db,
                        (read_only ? SQLITE_OPEN_READONLY
                                   : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE |
                        (filename != self->path ? SQLITE_OPEN_URI : 0),
                        NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, "open", error);

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_progress_handler (self->db, PROGRESS_STEPS, on_progress, self);
  sqlite3_create_function_v2 (self->db, "desk_contains", -1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                              SQLITE_DIRECTONLY,
                              NULL, contains_func, NULL, NULL, NULL);
  desk_store_schema_add_glob (self->db);

  return TRUE;
}

/* Everything before the first write only reads, so a file that turns out
 * to be foreign, damaged or newer is left exactly as it was.
 */
static gboolean
store_open (DeskStore  *self,
            GError    **error)
{
  gboolean read_only = (self->flags & DESK_STORE_FLAGS_READ_ONLY) != 0;
  g_autofree char *journal = NULL;
  g_autofree char *check = NULL;
  gint64 version = 0;
  gint64 application_id = 0;
  gint64 n_objects = 0;
  gint64 unversioned = 0;
  GError *local_error = NULL;
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    {
      if (errno != ENOENT)
        return set_errno_error (errno, self->path, error);

      if (read_only || (self->flags & DESK_STORE_FLAGS_NO_CREATE) != 0)
        return set_error (error, DESK_ERROR_NOT_FOUND,
                          _("There is no database file there."));

      if (!ensure_folder (self->path, error) ||
          !create_private_file (self->path, TRUE, error))
        return FALSE;

      if (g_stat (self->path, &st) != 0)
        return set_errno_error (errno, self->path, error);
    }

  if (S_ISDIR (st.st_mode))
    return set_error (error, DESK_ERROR_NOT_FOUND,
                      _("This is a folder; choose the database file in it."));

  if (!S_ISREG (st.st_mode))
    return not_ours_error (self, error);

  if (!check_header (self->path, error))
    return FALSE;

  if (!open_connection (self, self->path, error))
    return FALSE;

  /* Reading the header fields makes SQLite read page 1 and the schema,
   * which refuses a file that is not a database.
   */
  if (!query_int (self, "PRAGMA user_version", &version, &local_error) &&
      read_only &&
      g_error_matches (local_error, DESK_ERROR, DESK_ERROR_PERMISSION))
    {
      g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      /* On read-only media SQLite cannot add the index of a WAL file;
       * a viewer may then read the file as a snapshot.
       */
      g_debug ("%s: reading as an immutable snapshot", self->path);
      g_clear_error (&local_error);
      sqlite3_close (self->db);
      self->db = NULL;

      if (!open_connection (self, immutable, error))
        return FALSE;
      query_int (self, "PRAGMA user_version", &version, &local_error);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* One statement reads one snapshot: another program may be creating
   * the schema of this very file right now.
   */
  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema",
                  &n_objects, error) ||
      !query_int (self,
                  "SELECT count(*) FROM sqlite_schema "
                  "WHERE (SELECT user_version FROM pragma_user_version) = 0",
                  &unversioned, error))
    return FALSE;

  if (application_id != 0 && application_id != DESK_STORE_APPLICATION_ID)
    return not_ours_error (self, error);
  if (unversioned > 0)
    return not_ours_error (self, error);

  if (version > DESK_STORE_SCHEMA_VERSION)
    {
      g_debug ("%s: schema version %" G_GINT64_FORMAT " is newer than %d",
               self->path, version, DESK_STORE_SCHEMA_VERSION);
      return set_error (error, DESK_ERROR_TOO_NEW,
                        _("The database was written by a newer version of "
                          "IncidentDesk. Update IncidentDesk to open it."));
    }

  if (st.st_size <= QUICK_CHECK_MAX_BYTES && n_objects > 0)
    {
      if (!query_text (self, "PRAGMA quick_check", &check, error))
        return FALSE;
      if (g_strcmp0 (check, "ok") != 0)
        {
          g_debug ("%s: quick_check: %s", self->path, check);
          return set_error (error, DESK_ERROR_CORRUPT,
                            _("The database file is damaged or is not an "
                              "IncidentDesk database."));
        }
    }

  if (read_only)
    {
      if (version < DESK_STORE_SCHEMA_VERSION)
        return set_error (error, DESK_ERROR_READ_ONLY,
                          _("The database must be upgraded before it can "
                            "be viewed, and it is open read-only."));

      return exec_sql (self, "PRAGMA cache_size = " CACHE_KIB, error) &&
             exec_sql (self, "PRAGMA query_only = ON", error);
    }

  /* SQLite quietly falls back to reading when it may not write. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_debug ("%s: the file may not be written", self->path);
      return set_error (error, DESK_ERROR_PERMISSION,
                        _("You do not have permission to change the "
                          "database file. Open it read-only to view it."));
    }

  /* synchronous = FULL makes a commit durable in WAL mode too. */
  if (!set_wal (self, &journal, error) ||
      !exec_sql (self, "PRAGMA synchronous = FULL", error) ||
      !exec_sql (self, "PRAGMA cache_size = " CACHE_KIB, error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (g_ascii_strcasecmp (journal, "wal") != 0)
    g_debug ("%s: journal mode stays %s", self->path, journal);

  if (version < DESK_STORE_SCHEMA_VERSION)
    {
      if (version > 0 && !write_backup (self, version, error))
        return FALSE;

      if (!migrate (self, version, error))
        return FALSE;
    }

  return TRUE;
}

static void
desk_store_finalize (GObject *object)
{
  DeskStore *self = (DeskStore *) object;

  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        g_warning ("Could not close %s: %s", self->path,
                   sqlite3_errstr (rc));
    }

  g_clear_pointer (&self->service_ids, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (desk_store_parent_class)->finalize (object);
}

static void
desk_store_class_init (DeskStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_store_finalize;
}

static void
desk_store_init (DeskStore *self)
{
  const char *name = g_get_real_name ();

  g_rec_mutex_init (&self->lock);
  self->service_ids = g_hash_table_new_full (g_str_hash, g_str_equal,
                                             g_free, g_free);

  /* GLib answers "Unknown" when the system has no real name. */
  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  self->actor = g_strdup (name);
}

DeskStore *
desk_store_open (const char      *path,
                 DeskStoreFlags   flags,
                 GError         **error)
{
  static gsize configured = 0;
  g_autoptr(DeskStore) self = NULL;

  /* Allocation statistics cost a global mutex per malloc; the store does
   * not read them. Only possible before SQLite initialises, so it may
   * quietly not apply when another user came first.
   */
  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }

  self = g_object_new (DESK_TYPE_STORE, NULL);
  self->path = path != NULL ? g_strdup (path) : desk_store_default_path ();
  self->flags = flags;

  if (!store_open (self, error))
    return NULL;

  g_debug ("%s: open%s", self->path,
           (flags & DESK_STORE_FLAGS_READ_ONLY) ? " read-only" : "");

  return g_steal_pointer (&self);
}

typedef struct
{
  char           *path;
  DeskStoreFlags  flags;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  DeskStore *store;

  store = desk_store_open (data->path, data->flags, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
desk_store_open_async (const char          *path,
                       DeskStoreFlags       flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  data = g_new0 (OpenData, 1);
  data->path = g_strdup (path);
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_store_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

DeskStore *
desk_store_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
desk_store_get_path (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  return self->path;
}

gboolean
desk_store_is_read_only (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), TRUE);

  return (self->flags & DESK_STORE_FLAGS_READ_ONLY) != 0;
}

void
desk_store_set_actor (DeskStore  *self,
                      const char *actor)
{
  g_return_if_fail (DESK_IS_STORE (self));

  if (actor == NULL || *actor == '\0')
    actor = g_get_user_name ();

  store_lock (self);
  g_free (self->actor);
  self->actor = g_strdup (actor);
  store_unlock (self);
}

const char *
desk_store_get_actor (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  return self->actor;
}

/* Services */

static DeskService *
service_from_row (sqlite3_stmt *stmt)
{
  DeskService *service;

  service = desk_service_new (column_text (stmt, 1),
                              sqlite3_column_double (stmt, 2));
  service->id = sqlite3_column_int64 (stmt, 0);

  return service;
}

/* The id of service @name, added with the default target when it is
 * new. Ids are remembered for the life of the store: services are never
 * deleted, and the memory is dropped when a transaction rolls back.
 */
static gboolean
resolve_service (DeskStore   *self,
                 const char  *name,
                 gint64      *out_id,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 *cached;
  int rc;

  cached = g_hash_table_lookup (self->service_ids, name);
  if (cached != NULL)
    {
      *out_id = *cached;
      return TRUE;
    }

  if (!(stmt = get_stmt (self, STMT_SERVICE_ID, error)))
    return FALSE;

  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = sqlite3_column_int64 (stmt, 0);
  done_stmt (stmt);

  if (rc == SQLITE_DONE)
    {
      if (!(stmt = get_stmt (self, STMT_SERVICE_INSERT, error)))
        return FALSE;

      bind_text (stmt, 1, name);
      sqlite3_bind_double (stmt, 2, DESK_DEFAULT_TARGET);
      rc = sqlite3_step (stmt);
      done_stmt (stmt);
      *out_id = sqlite3_last_insert_rowid (self->db);
      if (rc == SQLITE_DONE)
        rc = SQLITE_ROW;
    }

  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, "service", error);

  g_hash_table_insert (self->service_ids, g_strdup (name),
                       g_memdup2 (out_id, sizeof *out_id));

  return TRUE;
}

typedef gpointer (*RowReader) (sqlite3_stmt *stmt);

/* Every row of a listing statement, each made by @from_row. */
static GPtrArray *
list_rows (DeskStore       *self,
           StmtId           id,
           RowReader        from_row,
           GDestroyNotify   free_row,
           const char      *what,
           GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  store_lock (self);

  if (!(stmt = get_stmt (self, id, error)))
    {
      store_unlock (self);
      return NULL;
    }

  rows = g_ptr_array_new_with_free_func (free_row);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  done_stmt (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, what, error);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }

  store_unlock (self);

  return g_steal_pointer (&rows);
}

GPtrArray *
desk_store_list_services (DeskStore  *self,
                          GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  return list_rows (self, STMT_SERVICE_LIST,
                    (RowReader) service_from_row,
                    (GDestroyNotify) desk_service_free,
                    "list services", error);
}

DeskService *
desk_store_get_service (DeskStore   *self,
                        const char  *name,
                        GError     **error)
{
  DeskService *service = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  store_lock (self);

  if ((stmt = get_stmt (self, STMT_SERVICE_GET, error)))
    {
      bind_text (stmt, 1, name);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        service = service_from_row (stmt);
      done_stmt (stmt);

      if (rc == SQLITE_DONE)
        g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                     _("There is no service “%s”."), name);
      else if (rc != SQLITE_ROW)
        set_sqlite_error (self, rc, "get service", error);
    }

  store_unlock (self);

  return service;
}

gboolean
desk_store_save_service (DeskStore    *self,
                         DeskService  *service,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean own = FALSE;
  gboolean ok = FALSE;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (service != NULL, FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  if (!desk_service_validate (service, error))
    return FALSE;

  store_lock (self);

  if (write_begin (self, &own, error))
    {
      if ((stmt = get_stmt (self, STMT_SERVICE_UPSERT, error)))
        {
          bind_text (stmt, 1, service->name);
          sqlite3_bind_double (stmt, 2, service->target);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            id = sqlite3_column_int64 (stmt, 0);
          done_stmt (stmt);

          ok = rc == SQLITE_ROW || set_sqlite_error (self, rc, "save service",
                                                     error);
        }

      ok = write_end (self, own, ok, error);
    }

  if (ok)
    service->id = id;

  store_unlock (self);

  return ok;
}

/* Reading incidents */

static DeskIncident *
incident_from_row (sqlite3_stmt *stmt)
{
  DeskIncident *incident = desk_incident_new ();

  incident->id = sqlite3_column_int64 (stmt, 0);
  incident->version = sqlite3_column_int64 (stmt, 1);
  desk_incident_set_string (incident, DESK_FIELD_REFERENCE,
                            column_text (stmt, 2));
  desk_incident_set_string (incident, DESK_FIELD_TITLE,
                            column_text (stmt, 3));
  desk_incident_set_string (incident, DESK_FIELD_SERVICE,
                            column_text (stmt, 4));
  incident->severity = sqlite3_column_int (stmt, 5);
  incident->impact = sqlite3_column_int (stmt, 6);
  incident->status = sqlite3_column_int (stmt, 7);
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                            column_text (stmt, 8));
  desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE,
                            column_text (stmt, 9));
  desk_incident_set_string (incident, DESK_FIELD_REPORTER,
                            column_text (stmt, 10));
  incident->detected_at = column_time (stmt, 11);
  incident->acknowledged_at = column_time (stmt, 12);
  incident->impact_start = column_time (stmt, 13);
  incident->impact_end = column_time (stmt, 14);
  incident->resolved_at = column_time (stmt, 15);
  incident->closed_at = column_time (stmt, 16);
  desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE,
                            column_text (stmt, 17));
  desk_incident_set_string (incident, DESK_FIELD_FIVE_WHYS,
                            column_text (stmt, 18));
  incident->factor = sqlite3_column_int (stmt, 19);
  desk_incident_set_string (incident, DESK_FIELD_WORKAROUND,
                            column_text (stmt, 20));
  desk_incident_set_string (incident, DESK_FIELD_RESOLUTION,
                            column_text (stmt, 21));
  desk_incident_set_string (incident, DESK_FIELD_PROBLEM,
                            column_text (stmt, 22));
  incident->created_at = column_time (stmt, 23);
  incident->updated_at = column_time (stmt, 24);

  return incident;
}

/* Looks up one incident with a cached statement whose ?1 is the key. */
static DeskIncident *
load_incident (DeskStore   *self,
               StmtId       id,
               gint64       key_id,
               const char  *key_reference,
               GError     **error)
{
  DeskIncident *incident = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_stmt (self, id, error)))
    return NULL;

  if (key_reference != NULL)
    bind_text (stmt, 1, key_reference);
  else
    sqlite3_bind_int64 (stmt, 1, key_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    incident = incident_from_row (stmt);
  done_stmt (stmt);

  if (rc == SQLITE_DONE)
    {
      if (key_reference != NULL)
        g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                     _("There is no incident %s."), key_reference);
      else
        set_error (error, DESK_ERROR_NOT_FOUND,
                   _("The incident no longer exists; someone may have "
                     "deleted it."));
    }
  else if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, "get incident", error);
    }

  return incident;
}

DeskIncident *
desk_store_get_incident (DeskStore  *self,
                         gint64      id,
                         GError    **error)
{
  DeskIncident *incident;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  store_lock (self);
  incident = load_incident (self, STMT_INCIDENT_BY_ID, id, NULL, error);
  store_unlock (self);

  return incident;
}

DeskIncident *
desk_store_find_incident (DeskStore   *self,
                          const char  *reference,
                          GError     **error)
{
  DeskIncident *incident;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  store_lock (self);
  incident = load_incident (self, STMT_INCIDENT_BY_REFERENCE, 0, reference,
                            error);
  store_unlock (self);

  return incident;
}

GPtrArray *
desk_store_get_incidents (DeskStore     *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_autoptr(GPtrArray) incidents = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  incidents = g_ptr_array_new_full (n_ids,
                                    (GDestroyNotify) desk_incident_unref);

  store_lock (self);

  if (!(stmt = get_stmt (self, STMT_INCIDENT_BY_ID, error)))
    {
      store_unlock (self);
      return NULL;
    }

  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (incidents, incident_from_row (stmt));
      sqlite3_reset (stmt);

      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        break;
    }
  done_stmt (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, "get incidents", error);
      g_clear_pointer (&incidents, g_ptr_array_unref);
    }

  store_unlock (self);

  return g_steal_pointer (&incidents);
}

/* Writing incidents */

static char *
time_to_text (gint64 value)
{
  g_autoptr(GDateTime) dt = NULL;

  if (value == DESK_TIME_NONE)
    return g_strdup ("");

  dt = g_date_time_new_from_unix_utc (value);
  if (dt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* A field's value as the timeline writes it: stable English names for
 * the vocabularies and UTC ISO 8601 for times.
 */
static char *
field_text (const DeskIncident *incident,
            DeskField           field)
{
  switch (field)
    {
    case DESK_FIELD_SEVERITY:
      return g_strdup (desk_severity_to_string (incident->severity));
    case DESK_FIELD_IMPACT:
      return g_strdup (desk_impact_to_string (incident->impact));
    case DESK_FIELD_STATUS:
      return g_strdup (desk_status_to_string (incident->status));
    case DESK_FIELD_FACTOR:
      return g_strdup (desk_factor_to_string (incident->factor));
    case DESK_FIELD_DETECTED_AT:
    case DESK_FIELD_ACKNOWLEDGED_AT:
    case DESK_FIELD_IMPACT_START:
    case DESK_FIELD_IMPACT_END:
    case DESK_FIELD_RESOLVED_AT:
    case DESK_FIELD_CLOSED_AT:
      return time_to_text (desk_incident_get_time (incident, field));
    case DESK_FIELD_REFERENCE:
    case DESK_FIELD_TITLE:
    case DESK_FIELD_SERVICE:
    case DESK_FIELD_DESCRIPTION:
    case DESK_FIELD_ASSIGNEE:
    case DESK_FIELD_REPORTER:
    case DESK_FIELD_ROOT_CAUSE:
    case DESK_FIELD_FIVE_WHYS:
    case DESK_FIELD_WORKAROUND:
    case DESK_FIELD_RESOLUTION:
    case DESK_FIELD_PROBLEM:
      return g_strdup (desk_incident_get_string (incident, field));
    case DESK_FIELD_NONE:
    default:
      return g_strdup ("");
    }
}

static gboolean
add_timeline (DeskStore   *self,
              gint64       incident_id,
              gint64       at,
              const char  *actor,
              const char  *field,
              const char  *old_value,
              const char  *new_value,
              const char  *note,
              gboolean     imported,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_stmt (self, STMT_TIMELINE_INSERT, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, incident_id);
  sqlite3_bind_int64 (stmt, 2, at);
  bind_text (stmt, 3, actor);
  bind_text (stmt, 4, field);
  bind_text (stmt, 5, old_value);
  bind_text (stmt, 6, new_value);
  bind_text (stmt, 7, note);
  sqlite3_bind_int (stmt, 8, imported ? 1 : 0);
  rc = sqlite3_step (stmt);
  done_stmt (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "timeline", error);

  return TRUE;
}

/* One timeline entry per field whose value differs; @note goes on the
 * status entry (a reopen reason).
 */
static gboolean
add_changes (DeskStore           *self,
             const DeskIncident  *before,
             const DeskIncident  *after,
             gint64               at,
             const char          *note,
             GError             **error)
{
  for (guint f = DESK_FIELD_REFERENCE; f < DESK_N_FIELDS; f++)
    {
      g_autofree char *old_value = field_text (before, f);
      g_autofree char *new_value = field_text (after, f);

      if (g_str_equal (old_value, new_value))
        continue;

      if (!add_timeline (self, after->id, at, self->actor,
                         desk_field_to_string (f), old_value, new_value,
                         f == DESK_FIELD_STATUS ? note : NULL, FALSE,
                         error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
differs (const DeskIncident *a,
         const DeskIncident *b)
{
  for (guint f = DESK_FIELD_REFERENCE; f < DESK_N_FIELDS; f++)
    {
      g_autofree char *text_a = field_text (a, f);
      g_autofree char *text_b = field_text (b, f);

      if (!g_str_equal (text_a, text_b))
        return TRUE;
    }

  return FALSE;
}

static gboolean
reference_exists (DeskStore   *self,
                  const char  *reference,
                  gint64      *out_id,
                  gboolean    *exists,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_stmt (self, STMT_INCIDENT_EXISTS, error)))
    return FALSE;

  bind_text (stmt, 1, reference);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && out_id != NULL)
    *out_id = sqlite3_column_int64 (stmt, 0);
  done_stmt (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "reference", error);

  *exists = rc == SQLITE_ROW;

  return TRUE;
}

static gboolean
counter_get (DeskStore   *self,
             const char  *name,
             gint64      *value,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_stmt (self, STMT_COUNTER_GET, error)))
    return FALSE;

  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  done_stmt (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "counter", error);

  return TRUE;
}

static gboolean
counter_set (DeskStore   *self,
             const char  *name,
             gint64       value,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_stmt (self, STMT_COUNTER_SET, error)))
    return FALSE;

  bind_text (stmt, 1, name);
  sqlite3_bind_int64 (stmt, 2, value);
  rc = sqlite3_step (stmt);
  done_stmt (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "counter", error);

  return TRUE;
}

static gboolean
problem_id_for (DeskStore   *self,
                const char  *reference,
                gint64      *out_id,
                GError     **error);

/* The next free "INC-000042": numbers are never handed out twice, even
 * after a delete, and a number taken by an import is skipped.
 */
static char *
next_reference (DeskStore   *self,
                const char  *counter,
                const char  *prefix,
                GError     **error)
{
  gint64 n;

  if (!counter_get (self, counter, &n, error))
    return NULL;

  for (;;)
    {
      g_autofree char *reference = NULL;
      gboolean exists = FALSE;
      gint64 problem_id = 0;

      n++;
      reference = g_strdup_printf ("%s-%06" G_GINT64_FORMAT, prefix, n);

      if (g_str_equal (prefix, "PRB"))
        {
          if (!problem_id_for (self, reference, &problem_id, error))
            return NULL;
          exists = problem_id != 0;
        }
      else if (!reference_exists (self, reference, NULL, &exists, error))
        {
          return NULL;
        }

      if (!exists)
        {
          if (!counter_set (self, counter, n, error))
            return NULL;
          return g_steal_pointer (&reference);
        }
    }
}

/* 0 in *out_id when there is no such problem. */
static gboolean
problem_id_for (DeskStore   *self,
                const char  *reference,
                gint64      *out_id,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_id = 0;
  if (reference == NULL || *reference == '\0')
    return TRUE;

  if (!(stmt = get_stmt (self, STMT_PROBLEM_ID, error)))
    return FALSE;

  bind_text (stmt, 1, reference);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = sqlite3_column_int64 (stmt, 0);
  done_stmt (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "problem", error);

  return TRUE;
}

static gboolean
resolve_problem (DeskStore           *self,
                 const DeskIncident  *incident,
                 gint64              *out_id,
                 GError             **error)
{
  if (!problem_id_for (self, incident->problem, out_id, error))
    return FALSE;

  if (*incident->problem != '\0' && *out_id == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("There is no problem %s."), incident->problem);
      return FALSE;
    }

  return TRUE;
}

static void
bind_incident (sqlite3_stmt       *stmt,
               const DeskIncident *incident,
               gint64              service_id,
               gint64              problem_id)
{
  bind_text (stmt, 1, incident->reference);
  bind_text (stmt, 2, incident->title);
  sqlite3_bind_int64 (stmt, 3, service_id);
  sqlite3_bind_int (stmt, 4, incident->severity);
  sqlite3_bind_int (stmt, 5, incident->impact);
  sqlite3_bind_int (stmt, 6, incident->status);
  bind_text (stmt, 7, incident->description);
  bind_text (stmt, 8, incident->assignee);
  bind_text (stmt, 9, incident->reporter);
  bind_time (stmt, 10, incident->detected_at);
  bind_time (stmt, 11, incident->acknowledged_at);
  bind_time (stmt, 12, incident->impact_start);
  bind_time (stmt, 13, incident->impact_end);
  bind_time (stmt, 14, incident->resolved_at);
  bind_time (stmt, 15, incident->closed_at);
  bind_text (stmt, 16, incident->root_cause);
  bind_text (stmt, 17, incident->five_whys);
  sqlite3_bind_int (stmt, 18, incident->factor);
  bind_text (stmt, 19, incident->workaround);
  bind_text (stmt, 20, incident->resolution);
  bind_id (stmt, 21, problem_id);
  bind_time (stmt, 22, incident->created_at);
  bind_time (stmt, 23, incident->updated_at);
}

static gboolean
duplicate_reference_error (const char  *reference,
                           GError     **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("Another incident already has the reference %s."),
               reference);

  return FALSE;
}

static gboolean
create_locked (DeskStore     *self,
               DeskIncident  *row,
               GError       **error)
{
  g_autofree char *reference = NULL;
  sqlite3_stmt *stmt;
  gint64 service_id;
  gint64 problem_id;
  gboolean exists;
  int rc;

  if (!resolve_service (self, row->service, &service_id, error) ||
      !resolve_problem (self, row, &problem_id, error))
    return FALSE;

  if (*row->reference == '\0')
    {
      reference = next_reference (self, "incident", "INC", error);
      if (reference == NULL)
        return FALSE;
      desk_incident_set_string (row, DESK_FIELD_REFERENCE, reference);
    }
  else
    {
      if (!reference_exists (self, row->reference, NULL, &exists, error))
        return FALSE;
      if (exists)
        return duplicate_reference_error (row->reference, error);
    }

  if (!(stmt = get_stmt (self, STMT_INCIDENT_INSERT, error)))
    return FALSE;

  bind_incident (stmt, row, service_id, problem_id);
  rc = sqlite3_step (stmt);
  done_stmt (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "create incident", error);

  row->id = sqlite3_last_insert_rowid (self->db);
  row->version = 1;

  return add_timeline (self, row->id, row->created_at, self->actor,
                       "created", "", row->reference, NULL, FALSE, error);
}

static void
copy_back (DeskIncident       *incident,
           const DeskIncident *row)
{
  for (guint f = DESK_FIELD_REFERENCE; f < DESK_N_FIELDS; f++)
    {
      g_autofree char *a = field_text (incident, f);
      g_autofree char *b = field_text (row, f);

      if (g_str_equal (a, b))
        continue;

      switch ((DeskField) f)
        {
        case DESK_FIELD_SEVERITY:
          incident->severity = row->severity;
          break;
        case DESK_FIELD_IMPACT:
          incident->impact = row->impact;
          break;
        case DESK_FIELD_STATUS:
          incident->status = row->status;
          break;
        case DESK_FIELD_FACTOR:
          incident->factor = row->factor;
          break;
        case DESK_FIELD_DETECTED_AT:
        case DESK_FIELD_ACKNOWLEDGED_AT:
        case DESK_FIELD_IMPACT_START:
        case DESK_FIELD_IMPACT_END:
        case DESK_FIELD_RESOLVED_AT:
        case DESK_FIELD_CLOSED_AT:
          desk_incident_set_time (incident, f,
                                  desk_incident_get_time (row, f));
          break;
        case DESK_FIELD_REFERENCE:
        case DESK_FIELD_TITLE:
        case DESK_FIELD_SERVICE:
        case DESK_FIELD_DESCRIPTION:
        case DESK_FIELD_ASSIGNEE:
        case DESK_FIELD_REPORTER:
        case DESK_FIELD_ROOT_CAUSE:
        case DESK_FIELD_FIVE_WHYS:
        case DESK_FIELD_WORKAROUND:
        case DESK_FIELD_RESOLUTION:
        case DESK_FIELD_PROBLEM:
          desk_incident_set_string (incident, f,
                                    desk_incident_get_string (row, f));
          break;
        case DESK_FIELD_NONE:
        default:
          break;
        }
    }

  incident->id = row->id;
  incident->version = row->version;
  incident->created_at = row->created_at;
  incident->updated_at = row->updated_at;
}

gboolean
desk_store_create_incident (DeskStore     *self,
                            DeskIncident  *incident,
                            GError       **error)
{
  g_autoptr(DeskIncident) row = NULL;
  gboolean own = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (incident != NULL, FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  row = desk_incident_copy (incident);
  row->created_at = row->updated_at = now_seconds ();
  if (row->detected_at == DESK_TIME_NONE)
    row->detected_at = row->created_at;

  if (!desk_incident_validate (row, NULL, error))
    return FALSE;

  store_lock (self);

  if (write_begin (self, &own, error))
    {
      ok = create_locked (self, row, error);
      ok = write_end (self, own, ok, error);
    }

  if (ok)
    copy_back (incident, row);

  store_unlock (self);

  return ok;
}

static gint64
max_time (gint64 a,
          gint64 b)
{
  if (a == DESK_TIME_NONE)
    return b;
  if (b == DESK_TIME_NONE)
    return a;

  return MAX (a, b);
}

static gboolean
has_text (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0';
       p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/* Applies the lifecycle to @row, which holds the stored values, for a
 * move from @from to row->status. Times never go backwards, even when
 * the detected time lies in the future.
 */
static gboolean
apply_transition (DeskIncident  *row,
                  DeskStatus     from,
                  const char    *text,
                  gint64         now,
                  GError       **error)
{
  DeskStatus to = row->status;

  if (!desk_status_can_move (from, to))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_TRANSITION,
                   /* TRANSLATORS: both are status names */
                   _("An incident that is %s cannot move to %s."),
                   desk_status_label (from), desk_status_label (to));
      return FALSE;
    }

  if (desk_status_is_reopen (from, to))
    {
      if (!has_text (text))
        return set_error (error, DESK_ERROR_INVALID,
                          _("Give a reason for reopening the incident."));

      row->resolved_at = DESK_TIME_NONE;
      row->closed_at = DESK_TIME_NONE;
      return TRUE;
    }

  if (from == DESK_STATUS_NEW && row->acknowledged_at == DESK_TIME_NONE)
    row->acknowledged_at = max_time (now, row->detected_at);

  if (to == DESK_STATUS_RESOLVED)
    {
      if (has_text (text))
        desk_incident_set_string (row, DESK_FIELD_RESOLUTION, text);
      if (!has_text (row->resolution))
        return set_error (error, DESK_ERROR_INVALID,
                          _("Write down the resolution before marking the "
                            "incident resolved."));

      if (row->resolved_at == DESK_TIME_NONE)
        row->resolved_at = max_time (now, row->acknowledged_at);
    }

  if (to == DESK_STATUS_CLOSED)
    {
      if (has_text (text) && !has_text (row->root_cause))
        desk_incident_set_string (row, DESK_FIELD_ROOT_CAUSE, text);
      if (!has_text (row->root_cause))
        return set_error (error, DESK_ERROR_INVALID,
                          _("Write down the root cause before closing the "
                            "incident."));

      if (row->closed_at == DESK_TIME_NONE)
        row->closed_at = max_time (now, row->resolved_at);
    }

  return TRUE;
}

static gboolean
conflict_error (const DeskIncident  *incident,
                GError             **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_CONFLICT,
               _("Someone else changed %s since you opened it."),
               incident->reference);

  return FALSE;
}

/* Writes @row over the stored @before, checking the version @row was
 * read at, and logs the differences.
 */
static gboolean
rewrite_locked (DeskStore           *self,
                const DeskIncident  *before,
                DeskIncident        *row,
                const char          *note,
                GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 service_id;
  gint64 problem_id;
  gboolean exists;
  int rc;

  if (!resolve_service (self, row->service, &service_id, error) ||
      !resolve_problem (self, row, &problem_id, error))
    return FALSE;

  if (!g_str_equal (before->reference, row->reference))
    {
      if (!reference_exists (self, row->reference, NULL, &exists, error))
        return FALSE;
      if (exists)
        return duplicate_reference_error (row->reference, error);
    }

  if (!(stmt = get_stmt (self, STMT_INCIDENT_UPDATE, error)))
    return FALSE;

  bind_incident (stmt, row, service_id, problem_id);
  sqlite3_bind_int64 (stmt, 24, before->id);
  sqlite3_bind_int64 (stmt, 25, row->version);
  rc = sqlite3_step (stmt);
  done_stmt (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "update incident", error);
  if (sqlite3_changes (self->db) == 0)
    return conflict_error (before, error);

  row->version++;

  return add_changes (self, before, row, row->updated_at, note, error);
}

/* Reads the stored row for a change and checks that @incident was read
 * at its current version.
 */
static DeskIncident *
load_for_change (DeskStore           *self,
                 const DeskIncident  *incident,
                 GError             **error)
{
  g_autoptr(DeskIncident) before = NULL;

  before = load_incident (self, STMT_INCIDENT_BY_ID, incident->id, NULL,
                          error);
  if (before == NULL)
    return NULL;

  if (before->version != incident->version)
    {
      conflict_error (before, error);
      return NULL;
    }

  return g_steal_pointer (&before);
}

static gboolean
update_locked (DeskStore     *self,
               DeskIncident  *row,
               GError       **error)
{
  g_autoptr(DeskIncident) before = NULL;

  if (!(before = load_for_change (self, row, error)))
    return FALSE;

  if (before->status != row->status &&
      !apply_transition (row, before->status, NULL, row->updated_at, error))
    return FALSE;

  if (!desk_incident_validate (row, NULL, error))
    return FALSE;

  /* Saving an unchanged copy is not a change: no new version, no entry. */
  if (!differs (before, row))
    {
      row->updated_at = before->updated_at;
      return TRUE;
    }

  return rewrite_locked (self, before, row, NULL, error);
}

gboolean
desk_store_update_incident (DeskStore     *self,
                            DeskIncident  *incident,
                            GError       **error)
{
  g_autoptr(DeskIncident) row = NULL;
  gboolean own = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (incident != NULL, FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  if (!desk_incident_validate (incident, NULL, error))
    return FALSE;

  if (!has_text (incident->reference))
    return set_error (error, DESK_ERROR_INVALID,
                      _("The reference cannot be empty."));

  row = desk_incident_copy (incident);
  row->updated_at = now_seconds ();

  store_lock (self);

  if (write_begin (self, &own, error))
    {
      ok = update_locked (self, row, error);
      ok = write_end (self, own, ok, error);
    }

  if (ok)
    copy_back (incident, row);

  store_unlock (self);

  return ok;
}

static gboolean
change_status_locked (DeskStore     *self,
                      DeskIncident  *incident,
                      DeskStatus     to,
                      const char    *text,
                      DeskIncident **out_row,
                      GError       **error)
{
  g_autoptr(DeskIncident) before = NULL;
  g_autoptr(DeskIncident) row = NULL;
  const char *note = NULL;

  if (!(before = load_for_change (self, incident, error)))
    return FALSE;

  row = desk_incident_copy (before);
  row->status = to;
  row->updated_at = now_seconds ();

  if (!apply_transition (row, before->status, text, row->updated_at, error))
    return FALSE;

  if (!desk_incident_validate (row, NULL, error))
    return FALSE;

  if (desk_status_is_reopen (before->status, to))
    note = text;

  if (!rewrite_locked (self, before, row, note, error))
    return FALSE;

  *out_row = g_steal_pointer (&row);

  return TRUE;
}

gboolean
desk_store_change_status (DeskStore     *self,
                          DeskIncident  *incident,
                          DeskStatus     to,
                          const char    *text,
                          GError       **error)
{
  g_autoptr(DeskIncident) row = NULL;
  gboolean own = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (incident != NULL, FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  if ((guint) to >= DESK_N_STATUSES)
    return set_error (error, DESK_ERROR_INVALID,
                      _("The status is not one of the statuses the desk "
                        "knows."));

  store_lock (self);

  if (write_begin (self, &own, error))
    {
      ok = change_status_locked (self, incident, to, text, &row, error);
      ok = write_end (self, own, ok, error);
    }

  if (ok)
    {
      incident->status = row->status;
      incident->acknowledged_at = row->acknowledged_at;
      incident->resolved_at = row->resolved_at;
      incident->closed_at = row->closed_at;
      desk_incident_set_string (incident, DESK_FIELD_RESOLUTION,
                                row->resolution);
      desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE,
                                row->root_cause);
      incident->version = row->version;
      incident->updated_at = row->updated_at;
    }

  store_unlock (self);

  return ok;
}

gboolean
desk_store_delete_incident (DeskStore  *self,
                            gint64      id,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean own = FALSE;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  store_lock (self);

  if (write_begin (self, &own, error))
    {
      if ((stmt = get_stmt (self, STMT_INCIDENT_DELETE, error)))
        {
          sqlite3_bind_int64 (stmt, 1, id);
          rc = sqlite3_step (stmt);
          done_stmt (stmt);

          if (rc != SQLITE_DONE)
            set_sqlite_error (self, rc, "delete incident", error);
          else if (sqlite3_changes (self->db) == 0)
            set_error (error, DESK_ERROR_NOT_FOUND,
                       _("The incident no longer exists; someone may have "
                         "deleted it."));
          else
            ok = TRUE;
        }

      ok = write_end (self, own, ok, error);
    }

  store_unlock (self);

  return ok;
}

static DeskTimelineEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  DeskTimelineEntry *entry;

  entry = desk_timeline_entry_new (sqlite3_column_int64 (stmt, 2),
                                   column_text (stmt, 3),
                                   column_text (stmt, 4),
                                   column_text (stmt, 5),
                                   column_text (stmt, 6),
                                   column_text (stmt, 7));
  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->incident_id = sqlite3_column_int64 (stmt, 1);

  return entry;
}

GPtrArray *
desk_store_list_timeline (DeskStore  *self,
                          gint64      incident_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  store_lock (self);

  if (!(stmt = get_stmt (self, STMT_TIMELINE_LIST, error)))
    {
      store_unlock (self);
      return NULL;
    }

  entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) desk_timeline_entry_free);

  sqlite3_bind_int64 (stmt, 1, incident_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  done_stmt (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, "timeline", error);
      g_clear_pointer (&entries, g_ptr_array_unref);
    }

  store_unlock (self);

  return g_steal_pointer (&entries);
}

/* Queries */

G_DEFINE_BOXED_TYPE (DeskQuery, desk_query, desk_query_copy, desk_query_free)

DeskQuery *
desk_query_new (void)
{
  DeskQuery *self = g_new0 (DeskQuery, 1);

  self->detected_from = DESK_TIME_NONE;
  self->detected_to = DESK_TIME_NONE;
  self->resolved_from = DESK_TIME_NONE;
  self->resolved_to = DESK_TIME_NONE;
  self->sort = DESK_SORT_DETECTED;

  return self;
}

DeskQuery *
desk_query_copy (const DeskQuery *self)
{
  DeskQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->service = g_strdup (self->service);
  copy->text = g_strdup (self->text);
  copy->problem = g_strdup (self->problem);

  return copy;
}

void
desk_query_free (DeskQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->service);
  g_free (self->text);
  g_free (self->problem);
  g_free (self);
}

static const char *
non_empty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
desk_query_equal (const DeskQuery *a,
                  const DeskQuery *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (non_empty (a->service), non_empty (b->service)) == 0 &&
         g_strcmp0 (non_empty (a->text), non_empty (b->text)) == 0 &&
         g_strcmp0 (non_empty (a->problem), non_empty (b->problem)) == 0 &&
         a->severity_mask == b->severity_mask &&
         a->status_mask == b->status_mask &&
         a->detected_from == b->detected_from &&
         a->detected_to == b->detected_to &&
         a->resolved_from == b->resolved_from &&
         a->resolved_to == b->resolved_to &&
         a->sort == b->sort &&
         !a->descending == !b->descending;
}

/* A statement built for one query: the SQL text and, separately, the
 * values for its numbered parameters.
 */
typedef struct
{
  GString   *sql;
  GPtrArray *texts;    /* char *, NULL for a number */
  GArray    *numbers;  /* gint64 */
} Builder;

static void
builder_init (Builder    *b,
              const char *head)
{
  b->sql = g_string_new (head);
  b->texts = g_ptr_array_new_with_free_func (g_free);
  b->numbers = g_array_new (FALSE, TRUE, sizeof (gint64));
}

static void
builder_clear (Builder *b)
{
  g_string_free (b->sql, TRUE);
  g_ptr_array_unref (b->texts);
  g_array_unref (b->numbers);
}

static guint
builder_number (Builder *b,
                gint64   value)
{
  g_ptr_array_add (b->texts, NULL);
  g_array_append_val (b->numbers, value);

  return b->texts->len;
}

static guint
builder_text (Builder    *b,
              const char *text)
{
  gint64 unused = 0;

  g_ptr_array_add (b->texts, g_strdup (text));
  g_array_append_val (b->numbers, unused);

  return b->texts->len;
}

static void
builder_and (Builder    *b,
             gboolean   *first)
{
  g_string_append (b->sql, *first ? " WHERE " : " AND ");
  *first = FALSE;
}

static void
builder_mask (Builder    *b,
              gboolean   *first,
              const char *column,
              guint       mask,
              guint       lowest,
              guint       n_values)
{
  gboolean any = FALSE;

  if (mask == 0)
    return;

  builder_and (b, first);
  g_string_append_printf (b->sql, "%s IN (", column);
  for (guint v = lowest; v < lowest + n_values; v++)
    {
      if ((mask & (1u << v)) == 0)
        continue;

      g_string_append_printf (b->sql, "%s?%u", any ? ", " : "",
                              builder_number (b, v));
      any = TRUE;
    }
  g_string_append (b->sql, any ? ")" : "NULL)");
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

/* The free-text filter. ASCII needles use LIKE, which folds ASCII case in
 * C; others go through desk_contains(), which folds with GLib.
 */
static void
builder_text_filter (Builder    *b,
                     gboolean   *first,
                     const char *text)
{
  static const char * const columns[] = {
    "i.reference", "i.title", "i.description", "i.assignee", "i.root_cause",
  };
  guint n;

  builder_and (b, first);

  if (is_ascii (text))
    {
      GString *pattern = g_string_new ("%");

      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');

      n = builder_text (b, pattern->str);
      g_string_free (pattern, TRUE);

      g_string_append (b->sql, "(");
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        g_string_append_printf (b->sql, "%s LIKE ?%u ESCAPE '\\' OR ",
                                columns[i], n);
      g_string_append_printf (b->sql,
                              "i.service_id IN (SELECT id FROM services "
                              "WHERE name LIKE ?%u ESCAPE '\\'))", n);
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);

      n = builder_text (b, folded);
      g_string_append_printf (b->sql, "(desk_contains (?%u", n);
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        g_string_append_printf (b->sql, ", %s", columns[i]);
      g_string_append_printf (b->sql,
                              ") OR i.service_id IN (SELECT id FROM services "
                              "WHERE desk_contains (?%u, name)))", n);
    }
}

static void
builder_time (Builder    *b,
              gboolean   *first,
              const char *condition,
              gint64      value)
{
  if (value == DESK_TIME_NONE)
    return;

  builder_and (b, first);
  g_string_append_printf (b->sql, condition, builder_number (b, value));
}

static void
builder_where (Builder         *b,
               const DeskQuery *query)
{
  gboolean first = TRUE;

  if (query == NULL)
    return;

  if (non_empty (query->service))
    {
      builder_and (b, &first);
      g_string_append_printf (b->sql,
                              "i.service_id = (SELECT id FROM services "
                              "WHERE name = ?%u)",
                              builder_text (b, query->service));
    }

  builder_mask (b, &first, "i.severity", query->severity_mask,
                DESK_SEVERITY_SEV1, DESK_N_SEVERITIES);
  builder_mask (b, &first, "i.status", query->status_mask,
                0, DESK_N_STATUSES);

  if (non_empty (query->text))
    builder_text_filter (b, &first, query->text);

  builder_time (b, &first, "i.detected_at >= ?%u", query->detected_from);
  builder_time (b, &first, "i.detected_at < ?%u", query->detected_to);
  builder_time (b, &first, "i.resolved_at >= ?%u", query->resolved_from);
  builder_time (b, &first, "i.resolved_at < ?%u", query->resolved_to);

  if (non_empty (query->problem))
    {
      builder_and (b, &first);
      g_string_append_printf (b->sql,
                              "i.problem_id = (SELECT id FROM problems "
                              "WHERE reference = ?%u)",
                              builder_text (b, query->problem));
    }
}

/* Ties are broken by detected time and then id, in the same direction,
 * so the (column, detected_at) indexes can deliver the order directly.
 */
static void
builder_order (Builder         *b,
               const DeskQuery *query)
{
  DeskSort sort = query != NULL ? query->sort : DESK_SORT_DETECTED;
  const char *dir = query != NULL && query->descending ? " DESC" : "";
  const char *key;

  switch (sort)
    {
    case DESK_SORT_REFERENCE:
      g_string_append_printf (b->sql, " ORDER BY i.reference%s", dir);
      return;
    case DESK_SORT_UPDATED:
      g_string_append_printf (b->sql, " ORDER BY i.updated_at%s, i.id%s",
                              dir, dir);
      return;
    case DESK_SORT_TITLE:
      key = "i.title COLLATE NOCASE";
      break;
    case DESK_SORT_SERVICE:
      key = "(SELECT name FROM services WHERE id = i.service_id)";
      break;
    case DESK_SORT_SEVERITY:
      key = "i.severity";
      break;
    case DESK_SORT_STATUS:
      key = "i.status";
      break;
    case DESK_SORT_ASSIGNEE:
      key = "i.assignee COLLATE NOCASE";
      break;
    case DESK_SORT_DETECTED:
    default:
      g_string_append_printf (b->sql, " ORDER BY i.detected_at%s, i.id%s",
                              dir, dir);
      return;
    }

  g_string_append_printf (b->sql, " ORDER BY %s%s, i.detected_at%s, i.id%s",
                          key, dir, dir, dir);
}

static sqlite3_stmt *
builder_prepare (DeskStore  *self,
                 Builder    *b,
                 GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, b->sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, b->sql->str, error);
      return NULL;
    }

  for (guint i = 0; i < b->texts->len; i++)
    {
      const char *text = g_ptr_array_index (b->texts, i);

      if (text != NULL)
        sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1,
                            g_array_index (b->numbers, gint64, i));
    }

  return stmt;
}

/* Sets the cancellable the progress handler watches for this call and
 * gives back the one it replaces.
 */
static GCancellable *
watch_cancellable (DeskStore    *self,
                   GCancellable *cancellable)
{
  GCancellable *previous = self->cancellable;

  self->cancellable = cancellable;

  return previous;
}

static gboolean
step_error (DeskStore     *self,
            int            rc,
            GCancellable  *cancellable,
            const char    *what,
            GError       **error)
{
  if ((rc & 0xff) == SQLITE_INTERRUPT ||
      g_cancellable_is_cancelled (cancellable))
    return cancelled_error (error);

  return set_sqlite_error (self, rc, what, error);
}

GArray *
desk_store_query_ids (DeskStore       *self,
                      const DeskQuery *query,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  GCancellable *previous;
  sqlite3_stmt *stmt;
  Builder b;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (g_cancellable_is_cancelled (cancellable))
    {
      cancelled_error (error);
      return NULL;
    }

  builder_init (&b, "SELECT i.id FROM incidents i");
  builder_where (&b, query);
  builder_order (&b, query);

  store_lock (self);
  previous = watch_cancellable (self, cancellable);

  if ((stmt = builder_prepare (self, &b, error)))
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      sqlite3_finalize (stmt);

      if (rc != SQLITE_DONE)
        {
          step_error (self, rc, cancellable, "query", error);
          g_clear_pointer (&ids, g_array_unref);
        }
    }

  watch_cancellable (self, previous);
  store_unlock (self);
  builder_clear (&b);

  return g_steal_pointer (&ids);
}

static void
query_ids_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GArray *ids;

  ids = desk_store_query_ids (source_object, task_data, cancellable, &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

void
desk_store_query_ids_async (DeskStore           *self,
                            const DeskQuery     *query,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DESK_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_store_query_ids_async);
  g_task_set_task_data (task,
                        query != NULL ? desk_query_copy (query)
                                      : desk_query_new (),
                        (GDestroyNotify) desk_query_free);
  g_task_run_in_thread (task, query_ids_thread);
}

GArray *
desk_store_query_ids_finish (DeskStore     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
desk_store_count (DeskStore       *self,
                  const DeskQuery *query,
                  GError         **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;
  Builder b;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);

  builder_init (&b, "SELECT count(*) FROM incidents i");
  builder_where (&b, query);

  store_lock (self);

  if ((stmt = builder_prepare (self, &b, error)))
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else
        set_sqlite_error (self, rc, "count", error);
      sqlite3_finalize (stmt);
    }

  store_unlock (self);
  builder_clear (&b);

  return count;
}

gboolean
desk_store_latest_detected (DeskStore  *self,
                            gint64     *latest,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (latest != NULL, FALSE);

  *latest = DESK_TIME_NONE;

  store_lock (self);

  if ((stmt = get_stmt (self, STMT_LATEST_DETECTED, error)))
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
            *latest = sqlite3_column_int64 (stmt, 0);
          ok = TRUE;
        }
      else
        {
          set_sqlite_error (self, rc, "latest detected", error);
        }
      done_stmt (stmt);
    }

  store_unlock (self);

  return ok;
}

gboolean
desk_store_foreach_incident (DeskStore        *self,
                             const DeskQuery  *query,
                             DeskIncidentFunc  func,
                             gpointer          user_data,
                             GCancellable     *cancellable,
                             GError          **error)
{
  GCancellable *previous;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  Builder b;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return cancelled_error (error);

  builder_init (&b, SELECT_INCIDENT);
  builder_where (&b, query);
  builder_order (&b, query);

  store_lock (self);
  previous = watch_cancellable (self, cancellable);

  if ((stmt = builder_prepare (self, &b, error)))
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(DeskIncident) incident = incident_from_row (stmt);

          if (!func (incident, user_data))
            {
              rc = SQLITE_DONE;
              break;
            }
        }
      sqlite3_finalize (stmt);

      ok = rc == SQLITE_DONE ||
           step_error (self, rc, cancellable, "foreach", error);
    }

  watch_cancellable (self, previous);
  store_unlock (self);
  builder_clear (&b);

  return ok;
}

/* Summary */

static DeskSummary *
desk_summary_copy (const DeskSummary *self)
{
  DeskSummary *copy = g_memdup2 (self, sizeof *self);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  copy->by_service = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            g_free, NULL);
  g_hash_table_iter_init (&iter, self->by_service);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->by_service, g_strdup (key), value);

  return copy;
}

G_DEFINE_BOXED_TYPE (DeskSummary, desk_summary,
                     desk_summary_copy, desk_summary_free)

void
desk_summary_free (DeskSummary *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->by_service, g_hash_table_unref);
  g_free (self);
}

/* Runs "SELECT key, count(*) … GROUP BY key" for the query's rows and
 * hands each pair to @add.
 */
static gboolean
group_count (DeskStore        *self,
             const DeskQuery  *query,
             const char       *head,
             const char       *group,
             void            (*add) (DeskSummary  *summary,
                                     sqlite3_stmt *stmt),
             DeskSummary      *summary,
             GError          **error)
{
  sqlite3_stmt *stmt;
  Builder b;
  int rc = SQLITE_ERROR;

  builder_init (&b, head);
  builder_where (&b, query);
  g_string_append (b.sql, group);

  if ((stmt = builder_prepare (self, &b, error)))
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        add (summary, stmt);
      sqlite3_finalize (stmt);

      if (rc != SQLITE_DONE)
        step_error (self, rc, self->cancellable, "summary", error);
    }

  builder_clear (&b);

  return rc == SQLITE_DONE;
}

static void
add_status (DeskSummary  *summary,
            sqlite3_stmt *stmt)
{
  int status = sqlite3_column_int (stmt, 0);
  guint count = sqlite3_column_int64 (stmt, 1);

  if (status < 0 || status >= DESK_N_STATUSES)
    return;

  summary->by_status[status] = count;
  summary->total += count;
  if (desk_status_is_open (status))
    summary->open += count;
}

static void
add_severity (DeskSummary  *summary,
              sqlite3_stmt *stmt)
{
  int severity = sqlite3_column_int (stmt, 0);

  if (severity >= DESK_SEVERITY_SEV1 && severity <= DESK_SEVERITY_SEV4)
    summary->by_severity[severity] = sqlite3_column_int64 (stmt, 1);
}

static void
add_service (DeskSummary  *summary,
             sqlite3_stmt *stmt)
{
  g_hash_table_insert (summary->by_service,
                       g_strdup (column_text (stmt, 0)),
                       GUINT_TO_POINTER (sqlite3_column_int64 (stmt, 1)));
}

static DeskSummary *
summary_with (DeskStore        *self,
              const DeskQuery  *query,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(DeskSummary) summary = g_new0 (DeskSummary, 1);
  GCancellable *previous;
  gboolean ok;

  summary->by_service = g_hash_table_new_full (g_str_hash, g_str_equal,
                                               g_free, NULL);

  store_lock (self);
  previous = watch_cancellable (self, cancellable);

  ok = group_count (self, query,
                    "SELECT i.status, count(*) FROM incidents i",
                    " GROUP BY i.status", add_status, summary, error) &&
       group_count (self, query,
                    "SELECT i.severity, count(*) FROM incidents i",
                    " GROUP BY i.severity", add_severity, summary, error) &&
       group_count (self, query,
                    "SELECT (SELECT name FROM services "
                    "WHERE id = i.service_id), count(*) FROM incidents i",
                    " GROUP BY i.service_id", add_service, summary, error);

  watch_cancellable (self, previous);
  store_unlock (self);

  if (!ok)
    return NULL;

  return g_steal_pointer (&summary);
}

DeskSummary *
desk_store_summary (DeskStore        *self,
                    const DeskQuery  *query,
                    GError          **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  return summary_with (self, query, NULL, error);
}

static void
summary_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  DeskSummary *summary;

  summary = summary_with (source_object, task_data, cancellable, &error);
  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary,
                           (GDestroyNotify) desk_summary_free);
}

void
desk_store_summary_async (DeskStore           *self,
                          const DeskQuery     *query,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DESK_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_store_summary_async);
  g_task_set_task_data (task,
                        query != NULL ? desk_query_copy (query)
                                      : desk_query_new (),
                        (GDestroyNotify) desk_query_free);
  g_task_run_in_thread (task, summary_thread);
}

DeskSummary *
desk_store_summary_finish (DeskStore     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SLA intervals */

GArray *
desk_store_list_impacts (DeskStore     *self,
                         const char    *service,
                         gint64         from,
                         gint64         to,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GArray) records = NULL;
  GCancellable *previous;
  sqlite3_stmt *stmt;
  Builder b;
  guint n_from;
  guint n_to;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (g_cancellable_is_cancelled (cancellable))
    {
      cancelled_error (error);
      return NULL;
    }

  builder_init (&b,
                "SELECT i.id, s.name, i.severity, i.impact, i.status, "
                "coalesce (i.impact_start, i.detected_at), "
                "coalesce (i.impact_end, i.resolved_at, i.closed_at), "
                "i.detected_at, i.acknowledged_at, i.resolved_at "
                "FROM incidents i JOIN services s ON s.id = i.service_id "
                "WHERE ");
  n_from = builder_number (&b, from != DESK_TIME_NONE ? from : G_MININT64);
  n_to = builder_number (&b, to != DESK_TIME_NONE ? to : G_MAXINT64);

  if (non_empty (service))
    g_string_append_printf (b.sql,
                            "i.service_id = (SELECT id FROM services "
                            "WHERE name = ?%u) AND ",
                            builder_text (&b, service));

  g_string_append_printf (b.sql,
                          "((coalesce (i.impact_start, i.detected_at) < ?%u "
                          "AND (coalesce (i.impact_end, i.resolved_at, i.closed_at) "
                          "IS NULL OR coalesce (i.impact_end, i.resolved_at, i.closed_at) "
                          "> ?%u)) "
                          "OR (i.acknowledged_at >= ?%u "
                          "AND i.acknowledged_at < ?%u) "
                          "OR (i.resolved_at >= ?%u AND i.resolved_at < ?%u)) "
                          "ORDER BY s.name, "
                          "coalesce (i.impact_start, i.detected_at), i.id",
                          n_to, n_from, n_from, n_to, n_from, n_to);

  store_lock (self);
  previous = watch_cancellable (self, cancellable);

  if ((stmt = builder_prepare (self, &b, error)))
    {
      records = g_array_new (FALSE, TRUE, sizeof (DeskImpactRecord));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DeskImpactRecord record;

          record.incident_id = sqlite3_column_int64 (stmt, 0);
          record.service = g_intern_string (column_text (stmt, 1));
          record.severity = sqlite3_column_int (stmt, 2);
          record.impact = sqlite3_column_int (stmt, 3);
          record.status = sqlite3_column_int (stmt, 4);
          record.impact_start = column_time (stmt, 5);
          record.impact_end = column_time (stmt, 6);
          record.detected_at = column_time (stmt, 7);
          record.acknowledged_at = column_time (stmt, 8);
          record.resolved_at = column_time (stmt, 9);
          g_array_append_val (records, record);
        }
      sqlite3_finalize (stmt);

      if (rc != SQLITE_DONE)
        {
          step_error (self, rc, cancellable, "impacts", error);
          g_clear_pointer (&records, g_array_unref);
        }
    }

  watch_cancellable (self, previous);
  store_unlock (self);
  builder_clear (&b);

  return g_steal_pointer (&records);
}

/* Problems */

static DeskProblem *
problem_from_row (sqlite3_stmt *stmt)
{
  DeskProblem *problem = g_new0 (DeskProblem, 1);

  problem->id = sqlite3_column_int64 (stmt, 0);
  problem->version = sqlite3_column_int64 (stmt, 1);
  problem->reference = g_strdup (column_text (stmt, 2));
  problem->title = g_strdup (column_text (stmt, 3));
  problem->status = sqlite3_column_int (stmt, 4);
  problem->root_cause = g_strdup (column_text (stmt, 5));
  problem->workaround = g_strdup (column_text (stmt, 6));
  problem->n_incidents = sqlite3_column_int64 (stmt, 7);

  return problem;
}

static void
bind_problem (sqlite3_stmt      *stmt,
              const DeskProblem *problem,
              gint64             now)
{
  bind_text (stmt, 1, problem->reference);
  bind_text (stmt, 2, problem->title);
  sqlite3_bind_int (stmt, 3, problem->status);
  bind_text (stmt, 4, problem->root_cause);
  bind_text (stmt, 5, problem->workaround);
  sqlite3_bind_int64 (stmt, 6, now);
}

static gboolean
insert_problem (DeskStore    *self,
                DeskProblem  *problem,
                gint64        now,
                GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_stmt (self, STMT_PROBLEM_INSERT, error)))
    return FALSE;

  bind_problem (stmt, problem, now);
  rc = sqlite3_step (stmt);
  done_stmt (stmt);

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Another problem already has the reference %s."),
                   problem->reference);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "create problem", error);

  problem->id = sqlite3_last_insert_rowid (self->db);
  problem->version = 1;

  return TRUE;
}

gboolean
desk_store_create_problem (DeskStore    *self,
                           DeskProblem  *problem,
                           GError      **error)
{
  g_autoptr(DeskProblem) row = NULL;
  gboolean own = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (problem != NULL, FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  if (!desk_problem_validate (problem, error))
    return FALSE;

  row = desk_problem_copy (problem);

  store_lock (self);

  if (write_begin (self, &own, error))
    {
      if (row->reference == NULL || *row->reference == '\0')
        {
          g_free (row->reference);
          row->reference = next_reference (self, "problem", "PRB", error);
        }

      ok = row->reference != NULL &&
           insert_problem (self, row, now_seconds (), error);
      ok = write_end (self, own, ok, error);
    }

  if (ok)
    {
      g_free (problem->reference);
      problem->reference = g_strdup (row->reference);
      problem->id = row->id;
      problem->version = row->version;
    }

  store_unlock (self);

  return ok;
}

gboolean
desk_store_update_problem (DeskStore    *self,
                           DeskProblem  *problem,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean own = FALSE;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (problem != NULL, FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  if (!desk_problem_validate (problem, error))
    return FALSE;

  store_lock (self);

  if (write_begin (self, &own, error))
    {
      if ((stmt = get_stmt (self, STMT_PROBLEM_UPDATE, error)))
        {
          bind_problem (stmt, problem, now_seconds ());
          sqlite3_bind_int64 (stmt, 7, problem->id);
          sqlite3_bind_int64 (stmt, 8, problem->version);
          rc = sqlite3_step (stmt);
          done_stmt (stmt);

          if ((rc & 0xff) == SQLITE_CONSTRAINT)
            g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                         _("Another problem already has the reference %s."),
                         problem->reference);
          else if (rc != SQLITE_DONE)
            set_sqlite_error (self, rc, "update problem", error);
          else if (sqlite3_changes (self->db) == 0)
            g_set_error (error, DESK_ERROR, DESK_ERROR_CONFLICT,
                         _("Someone else changed %s since you opened it."),
                         problem->reference);
          else
            ok = TRUE;
        }

      ok = write_end (self, own, ok, error);
    }

  if (ok)
    problem->version++;

  store_unlock (self);

  return ok;
}

GPtrArray *
desk_store_list_problems (DeskStore  *self,
                          GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  return list_rows (self, STMT_PROBLEM_LIST,
                    (RowReader) problem_from_row,
                    (GDestroyNotify) desk_problem_free,
                    "list problems", error);
}

DeskProblem *
desk_store_find_problem (DeskStore   *self,
                         const char  *reference,
                         GError     **error)
{
  DeskProblem *problem = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  store_lock (self);

  if ((stmt = get_stmt (self, STMT_PROBLEM_BY_REFERENCE, error)))
    {
      bind_text (stmt, 1, reference);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        problem = problem_from_row (stmt);
      done_stmt (stmt);

      if (rc == SQLITE_DONE)
        g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                     _("There is no problem %s."), reference);
      else if (rc != SQLITE_ROW)
        set_sqlite_error (self, rc, "find problem", error);
    }

  store_unlock (self);

  return problem;
}

/* Batches */

gboolean
desk_store_begin (DeskStore  *self,
                  GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  store_lock (self);

  if (self->batch_owner != NULL)
    {
      store_unlock (self);
      g_critical ("A batch is already open on %s", self->path);
      return set_error (error, DESK_ERROR_IO,
                        _("The database could not be read or written."));
    }

  if (!run_stmt (self, STMT_BEGIN, error))
    {
      store_unlock (self);
      return FALSE;
    }

  /* The lock stays taken until commit or rollback. */
  self->batch_owner = g_thread_self ();
  exec_sql (self, "PRAGMA cache_size = " BATCH_CACHE_KIB, NULL);

  return TRUE;
}

static void
end_batch (DeskStore *self)
{
  exec_sql (self, "PRAGMA cache_size = " CACHE_KIB, NULL);

  if (self->bulk)
    {
      g_autofree char *journal = NULL;
      g_autoptr(GError) error = NULL;

      self->bulk = FALSE;
      if (!set_wal (self, &journal, &error))
        g_debug ("%s: the log stays off until the next opening: %s",
                 self->path, error->message);
    }

  self->batch_owner = NULL;
  store_unlock (self);
}

static gboolean
has_incidents (DeskStore *self)
{
  gint64 any = 1;

  query_int (self, "SELECT EXISTS (SELECT 1 FROM incidents)", &any, NULL);

  return any != 0;
}

/* The log (WAL) writes every page twice, once into the log and once
 * when it is copied back. A file that holds no incidents yet loses
 * nothing but a few pages if the batch goes through a rollback journal
 * instead: new pages are written once, and the journal keeps the old
 * ones, so the batch still lands whole or not at all, even after a
 * crash. Leaving the log needs the file to itself; when another
 * connection has it open, the batch simply keeps the log.
 */
gboolean
desk_store_begin_bulk (DeskStore  *self,
                       GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  store_lock (self);

  if (self->batch_owner == NULL && !in_batch (self) &&
      !has_incidents (self))
    {
      g_autofree char *journal = NULL;

      if (query_text (self, "PRAGMA journal_mode = DELETE", &journal, NULL))
        self->bulk = g_ascii_strcasecmp (journal, "delete") == 0;
      g_debug ("%s: bulk batch with journal mode %s", self->path,
               journal != NULL ? journal : "unchanged");
    }

  ok = desk_store_begin (self, error);
  if (!ok && self->bulk)
    {
      g_autofree char *journal = NULL;

      self->bulk = FALSE;
      set_wal (self, &journal, NULL);
    }

  store_unlock (self);

  return ok;
}

gboolean
desk_store_commit (DeskStore  *self,
                   GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_owner == g_thread_self (), FALSE);

  ok = run_stmt (self, STMT_COMMIT, error);
  if (!ok)
    {
      run_stmt (self, STMT_ROLLBACK, NULL);
      g_hash_table_remove_all (self->service_ids);
    }

  end_batch (self);

  return ok;
}

void
desk_store_rollback (DeskStore *self)
{
  g_return_if_fail (DESK_IS_STORE (self));

  if (self->batch_owner != g_thread_self ())
    return;

  if (in_batch (self))
    run_stmt (self, STMT_ROLLBACK, NULL);
  g_hash_table_remove_all (self->service_ids);

  end_batch (self);
}

/* Import */

static gboolean
ensure_problem (DeskStore   *self,
                const char  *reference,
                gint64       now,
                gint64      *out_id,
                GError     **error)
{
  g_autoptr(DeskProblem) problem = NULL;

  if (!problem_id_for (self, reference, out_id, error))
    return FALSE;
  if (*out_id != 0 || *reference == '\0')
    return TRUE;

  /* An import may name a problem this file does not hold yet. */
  problem = desk_problem_new ();
  g_free (problem->reference);
  problem->reference = g_strdup (reference);
  g_free (problem->title);
  /* g_utf8_substring reads past the end of a shorter text. */
  problem->title = g_utf8_substring (reference, 0,
                                     MIN (g_utf8_strlen (reference, -1),
                                          DESK_TITLE_MAX_CHARS));

  if (!insert_problem (self, problem, now, error))
    return FALSE;

  *out_id = problem->id;

  return TRUE;
}

static gboolean
import_locked (DeskStore     *self,
               DeskIncident  *row,
               GPtrArray     *timeline,
               gboolean      *created,
               GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 service_id;
  gint64 problem_id;
  int rc;

  if (!resolve_service (self, row->service, &service_id, error) ||
      !ensure_problem (self, row->problem, row->updated_at, &problem_id,
                       error))
    return FALSE;

  /* A new reference, the common case of a large import, costs one
   * statement and no lookup before it; a repeated one replaces the row.
   */
  if (!(stmt = get_stmt (self, STMT_INCIDENT_IMPORT, error)))
    return FALSE;

  bind_incident (stmt, row, service_id, problem_id);
  rc = sqlite3_step (stmt);
  done_stmt (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, "import incident", error);

  *created = sqlite3_changes (self->db) > 0;
  if (*created)
    {
      row->id = sqlite3_last_insert_rowid (self->db);
      row->version = 1;
    }
  else
    {
      gboolean exists = FALSE;

      if (!reference_exists (self, row->reference, &row->id, &exists,
                             error))
        return FALSE;

      if (!(stmt = get_stmt (self, STMT_INCIDENT_REPLACE, error)))
        return FALSE;

      bind_incident (stmt, row, service_id, problem_id);
      sqlite3_bind_int64 (stmt, 24, row->id);
      rc = sqlite3_step (stmt);
      done_stmt (stmt);

      if (rc != SQLITE_DONE)
        return set_sqlite_error (self, rc, "import incident", error);

      if (!(stmt = get_stmt (self, STMT_INCIDENT_VERSION, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, row->id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          row->version = sqlite3_column_int64 (stmt, 0);
          row->created_at = sqlite3_column_int64 (stmt, 1);
        }
      done_stmt (stmt);

      if (rc != SQLITE_ROW)
        return set_sqlite_error (self, rc, "import incident", error);

      if (!(stmt = get_stmt (self, STMT_TIMELINE_DROP_IMPORTED, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, row->id);
      rc = sqlite3_step (stmt);
      done_stmt (stmt);

      if (rc != SQLITE_DONE)
        return set_sqlite_error (self, rc, "import timeline", error);
    }

  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    {
      DeskTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (!add_timeline (self, row->id,
                         entry->at != DESK_TIME_NONE ? entry->at
                                                     : row->updated_at,
                         has_text (entry->actor) ? entry->actor : self->actor,
                         has_text (entry->field) ? entry->field : "imported",
                         entry->old_value, entry->new_value, entry->note,
                         TRUE, error))
        return FALSE;
    }

  return add_timeline (self, row->id, row->updated_at, self->actor,
                       "imported", "", row->reference, NULL, TRUE, error);
}

gboolean
desk_store_import_incident (DeskStore     *self,
                            DeskIncident  *incident,
                            GPtrArray     *timeline,
                            gboolean      *created,
                            GError       **error)
{
  DeskIncident row;
  gboolean is_new = FALSE;
  gboolean own = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (incident != NULL, FALSE);

  if (desk_store_is_read_only (self))
    return read_only_error (error);

  if (!has_text (incident->reference))
    return set_error (error, DESK_ERROR_INVALID,
                      _("An imported incident needs a reference."));

  if (!desk_incident_validate (incident, NULL, error))
    return FALSE;

  /* Only numbers change, so a shallow copy spares copying every text of
   * every row of a large import.
   */
  row = *incident;
  row.updated_at = now_seconds ();
  row.created_at = row.updated_at;

  store_lock (self);

  if (write_begin (self, &own, error))
    {
      ok = import_locked (self, &row, timeline, &is_new, error);
      ok = write_end (self, own, ok, error);
    }

  if (ok)
    {
      incident->id = row.id;
      incident->version = row.version;
      incident->created_at = row.created_at;
      incident->updated_at = row.updated_at;
      if (created != NULL)
        *created = is_new;
    }

  store_unlock (self);

  return ok;
}
