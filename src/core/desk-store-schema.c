/* desk-store-schema.c: the database schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The constraints repeat what desk_incident_validate() checks, so that a
 * bug elsewhere can never store a row the model would refuse. Times are
 * UTC seconds; NULL stands for DESK_TIME_NONE, and a comparison with
 * NULL passes a CHECK.
 */

#define G_LOG_DOMAIN "desk-store"

#include <string.h>
#include <sqlite3.h>

#include "desk-store-private.h"
#include "desk-store.h"

#define ONE_LINE(col) \
  "CHECK (" col " NOT GLOB '" DESK_STORE_ONE_LINE_GLOB "')"
#define MULTI_LINE(col) \
  "CHECK (" col " NOT GLOB '" DESK_STORE_MULTI_LINE_GLOB "')"

static const char migration_1[] =
  "PRAGMA application_id = 1229214539;\n"

  "CREATE TABLE counters (\n"
  "  name  TEXT PRIMARY KEY,\n"
  "  value INTEGER NOT NULL CHECK (value >= 0)\n"
  ") STRICT, WITHOUT ROWID;\n"

  "CREATE TABLE services (\n"
  "  id     INTEGER PRIMARY KEY,\n"
  "  name   TEXT NOT NULL UNIQUE CHECK (length (trim (name)) > 0)\n"
  "         " ONE_LINE ("name") ",\n"
  "  target REAL NOT NULL DEFAULT 99.9\n"
  "         CHECK (target > 0 AND target <= 100)\n"
  ") STRICT;\n"

  "CREATE TABLE problems (\n"
  "  id         INTEGER PRIMARY KEY,\n"
  "  reference  TEXT NOT NULL UNIQUE CHECK (length (reference) > 0)\n"
  "             " ONE_LINE ("reference") ",\n"
  "  title      TEXT NOT NULL\n"
  "             CHECK (length (trim (title)) > 0 AND length (title) <= 200)\n"
  "             " ONE_LINE ("title") ",\n"
  "  status     INTEGER NOT NULL CHECK (status BETWEEN 0 AND 2),\n"
  "  root_cause TEXT NOT NULL DEFAULT '' " MULTI_LINE ("root_cause") ",\n"
  "  workaround TEXT NOT NULL DEFAULT '' " MULTI_LINE ("workaround") ",\n"
  "  version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),\n"
  "  created_at INTEGER NOT NULL,\n"
  "  updated_at INTEGER NOT NULL\n"
  ") STRICT;\n"

  "CREATE TABLE incidents (\n"
  "  id              INTEGER PRIMARY KEY,\n"
  "  reference       TEXT NOT NULL UNIQUE CHECK (length (reference) > 0)\n"
  "                  " ONE_LINE ("reference") ",\n"
  "  title           TEXT NOT NULL\n"
  "                  CHECK (length (trim (title)) > 0 AND\n"
  "                         length (title) <= 200)\n"
  "                  " ONE_LINE ("title") ",\n"
  "  service_id      INTEGER NOT NULL REFERENCES services (id),\n"
  "  severity        INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),\n"
  "  impact          INTEGER NOT NULL CHECK (impact BETWEEN 0 AND 2),\n"
  "  status          INTEGER NOT NULL CHECK (status BETWEEN 0 AND 6),\n"
  "  description     TEXT NOT NULL DEFAULT ''\n"
  "                  " MULTI_LINE ("description") ",\n"
  "  assignee        TEXT NOT NULL DEFAULT '' " ONE_LINE ("assignee") ",\n"
  "  reporter        TEXT NOT NULL DEFAULT '' " ONE_LINE ("reporter") ",\n"
  "  detected_at     INTEGER NOT NULL,\n"
  "  acknowledged_at INTEGER CHECK (acknowledged_at >= detected_at),\n"
  "  impact_start    INTEGER,\n"
  "  impact_end      INTEGER,\n"
  "  resolved_at     INTEGER\n"
  "                  CHECK (resolved_at >= detected_at AND\n"
  "                         resolved_at >= coalesce (acknowledged_at,\n"
  "                                                  detected_at)),\n"
  "  closed_at       INTEGER\n"
  "                  CHECK (closed_at >= detected_at AND\n"
  "                         closed_at >= coalesce (acknowledged_at,\n"
  "                                                detected_at) AND\n"
  "                         closed_at >= coalesce (resolved_at,\n"
  "                                                detected_at)),\n"
  "  root_cause      TEXT NOT NULL DEFAULT ''\n"
  "                  " MULTI_LINE ("root_cause") ",\n"
  "  five_whys       TEXT NOT NULL DEFAULT ''\n"
  "                  " MULTI_LINE ("five_whys") ",\n"
  "  factor          INTEGER NOT NULL DEFAULT 0\n"
  "                  CHECK (factor BETWEEN 0 AND 5),\n"
  "  workaround      TEXT NOT NULL DEFAULT ''\n"
  "                  " MULTI_LINE ("workaround") ",\n"
  "  resolution      TEXT NOT NULL DEFAULT ''\n"
  "                  " MULTI_LINE ("resolution") ",\n"
  "  problem_id      INTEGER REFERENCES problems (id) ON DELETE SET NULL,\n"
  "  version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),\n"
  "  created_at      INTEGER NOT NULL,\n"
  "  updated_at      INTEGER NOT NULL,\n"
  "  CHECK (coalesce (impact_end, resolved_at) >=\n"
  "         coalesce (impact_start, detected_at))\n"
  ") STRICT;\n"

  "CREATE TABLE timeline (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  incident_id INTEGER NOT NULL\n"
  "              REFERENCES incidents (id) ON DELETE CASCADE,\n"
  "  at          INTEGER NOT NULL,\n"
  "  actor       TEXT NOT NULL,\n"
  "  field       TEXT NOT NULL CHECK (length (field) > 0),\n"
  "  old_value   TEXT NOT NULL DEFAULT '',\n"
  "  new_value   TEXT NOT NULL DEFAULT '',\n"
  "  note        TEXT NOT NULL DEFAULT '',\n"
  "  imported    INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1))\n"
  ") STRICT;\n"

  "PRAGMA user_version = 1;\n";

/* The list filters and sorts, and the SLA queries by service and impact
 * start (with its default, so the expression must match the queries').
 */
static const char migration_2[] =
  "CREATE INDEX incidents_detected ON incidents (detected_at);\n"
  "CREATE INDEX incidents_status ON incidents (status, detected_at);\n"
  "CREATE INDEX incidents_severity ON incidents (severity, detected_at);\n"
  "CREATE INDEX incidents_updated ON incidents (updated_at);\n"
  "CREATE INDEX incidents_impact\n"
  "  ON incidents (service_id, coalesce (impact_start, detected_at));\n"
  "CREATE INDEX incidents_problem ON incidents (problem_id)\n"
  "  WHERE problem_id IS NOT NULL;\n"
  "CREATE INDEX timeline_incident ON timeline (incident_id);\n"
  "PRAGMA user_version = 2;\n";

static const char * const migrations[] = {
  migration_1,
  migration_2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DESK_STORE_SCHEMA_VERSION);

const char * const *
desk_store_schema_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);

  return migrations;
}

/* One character as SQLite's GLOB reads it: a byte below 0xC0 stands for
 * itself (so a stray continuation byte reads as U+0080 to U+00BF), a
 * lead byte takes every continuation byte after it, and what decodes
 * below U+0080, to a surrogate or to U+FFFE or U+FFFF reads as U+FFFD.
 */
static guint32
read_glob_char (const guchar **p)
{
  guint32 c = *(*p)++;

  if (c < 0xc0)
    return c;

  c = c < 0xe0 ? c & 0x1f
    : c < 0xf0 ? c & 0x0f
    : c < 0xf8 ? c & 0x07
    : c < 0xfc ? c & 0x03
    : c < 0xfe ? c & 0x01
    : 0;
  while ((**p & 0xc0) == 0x80)
    c = (c << 6) + (*(*p)++ & 0x3f);

  if (c < 0x80 || (c & 0xfffff800) == 0xd800 || (c & 0xfffffffe) == 0xfffe)
    c = 0xfffd;

  return c;
}

static gboolean
has_control (const char *text,
             gboolean    multi_line)
{
  const guchar *p = (const guchar *) text;

  while (*p != '\0')
    {
      guint32 c;

      if (*p >= 0x20 && *p < 0x7f)
        {
          p++;
          continue;
        }

      c = read_glob_char (&p);
      if (c >= 0x7f && c <= 0x9f)
        return TRUE;
      if (c < 0x20 &&
          !(multi_line && (c == '\t' || c == '\n' || c == '\r')))
        return TRUE;
    }

  return FALSE;
}

/* A GLOB with a class right after '*' reads the class again at every
 * character, which makes the checks above the largest cost of a large
 * import. The store's connection therefore gives glob() this
 * implementation: one pass over the bytes for the two patterns above,
 * SQLite's own matching for any other. It answers exactly as SQLite's
 * GLOB does, so the file keeps the same rules for every program that
 * writes to it, each with its own glob().
 */
gboolean
desk_store_schema_glob (const char *pattern,
                        const char *text)
{
  if (strcmp (pattern, DESK_STORE_ONE_LINE_GLOB) == 0)
    return has_control (text, FALSE);
  if (strcmp (pattern, DESK_STORE_MULTI_LINE_GLOB) == 0)
    return has_control (text, TRUE);

  return sqlite3_strglob (pattern, text) == 0;
}

/* glob (pattern, text) in place of SQLite's own, with the same answers:
 * see desk_store_schema_glob().
 */
static void
glob_func (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  sqlite3 *db = sqlite3_context_db_handle (context);
  const char *pattern;
  const char *text;

  if (sqlite3_value_bytes (argv[0]) >
      sqlite3_limit (db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, -1))
    {
      sqlite3_result_error (context, "LIKE or GLOB pattern too complex", -1);
      return;
    }

  pattern = (const char *) sqlite3_value_text (argv[0]);
  text = (const char *) sqlite3_value_text (argv[1]);
  if (pattern != NULL && text != NULL)
    sqlite3_result_int (context, desk_store_schema_glob (pattern, text));
}

void
desk_store_schema_add_glob (sqlite3 *db)
{
  sqlite3_create_function_v2 (db, "glob", 2,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                              SQLITE_INNOCUOUS,
                              NULL, glob_func, NULL, NULL, NULL);
}
