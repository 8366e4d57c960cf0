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

#include "desk-store-private.h"
#include "desk-store.h"

/* No control character in a single-line text; tab, LF and CR allowed in
 * a long one. The classes cover C0, DEL and C1 (U+0080 to U+009F, here
 * in UTF-8), as g_unichar_iscntrl does.
 */
#define ONE_LINE_OK(col) \
  col " NOT GLOB '*[\x01-\x1f\x7f-\xc2\x9f]*'"
#define MULTI_LINE_OK(col) \
  col " NOT GLOB '*[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\xc2\x9f]*'"
#define ONE_LINE(col) "CHECK (" ONE_LINE_OK (col) ")"
#define MULTI_LINE(col) "CHECK (" MULTI_LINE_OK (col) ")"

/* A GLOB with a class after '*' reads the class again at every
 * character, which made a large import take twice as long. So the
 * incidents, written in bulk, check all their texts at once with a
 * quicker test first, and the GLOBs only decide when that one cannot:
 * json_array writes every C0 character as an escape (\b, \t, \n, \f,
 * \r, else \u00XX), a GLOB for one plain character is a plain search,
 * and every C1 character in UTF-8 starts with the byte C2.
 */
#define INCIDENT_ONE_LINE "reference, title, assignee, reporter"
#define INCIDENT_MULTI_LINE \
  "description, root_cause, five_whys, workaround, resolution"
#define INCIDENT_TEXTS \
  "reference || title || assignee || reporter || description ||\n" \
  "            root_cause || five_whys || workaround || resolution"

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
  "  reference       TEXT NOT NULL UNIQUE CHECK (length (reference) > 0),\n"
  "  title           TEXT NOT NULL\n"
  "                  CHECK (length (trim (title)) > 0 AND\n"
  "                         length (title) <= 200),\n"
  "  service_id      INTEGER NOT NULL REFERENCES services (id),\n"
  "  severity        INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),\n"
  "  impact          INTEGER NOT NULL CHECK (impact BETWEEN 0 AND 2),\n"
  "  status          INTEGER NOT NULL CHECK (status BETWEEN 0 AND 6),\n"
  "  description     TEXT NOT NULL DEFAULT '',\n"
  "  assignee        TEXT NOT NULL DEFAULT '',\n"
  "  reporter        TEXT NOT NULL DEFAULT '',\n"
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
  "  root_cause      TEXT NOT NULL DEFAULT '',\n"
  "  five_whys       TEXT NOT NULL DEFAULT '',\n"
  "  factor          INTEGER NOT NULL DEFAULT 0\n"
  "                  CHECK (factor BETWEEN 0 AND 5),\n"
  "  workaround      TEXT NOT NULL DEFAULT '',\n"
  "  resolution      TEXT NOT NULL DEFAULT '',\n"
  "  problem_id      INTEGER REFERENCES problems (id) ON DELETE SET NULL,\n"
  "  version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),\n"
  "  created_at      INTEGER NOT NULL,\n"
  "  updated_at      INTEGER NOT NULL,\n"
  "  CHECK ((json_array (" INCIDENT_ONE_LINE ") NOT GLOB '*\\*' AND\n"
  "          json_array (" INCIDENT_MULTI_LINE ")\n"
  "            NOT GLOB '*\\[bfu]*' AND\n"
  "          (" INCIDENT_TEXTS ") NOT GLOB '*\x7f*' AND\n"
  "          instr (" INCIDENT_TEXTS ", '\xc2') = 0) OR\n"
  "         (" ONE_LINE_OK ("reference") " AND\n"
  "          " ONE_LINE_OK ("title") " AND\n"
  "          " ONE_LINE_OK ("assignee") " AND\n"
  "          " ONE_LINE_OK ("reporter") " AND\n"
  "          " MULTI_LINE_OK ("description") " AND\n"
  "          " MULTI_LINE_OK ("root_cause") " AND\n"
  "          " MULTI_LINE_OK ("five_whys") " AND\n"
  "          " MULTI_LINE_OK ("workaround") " AND\n"
  "          " MULTI_LINE_OK ("resolution") ")),\n"
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
