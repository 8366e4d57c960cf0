/* desk-store-private.h: what the SQLite store shares between its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Written into the file header ("IDSK"), so a database of another
 * program is recognised and left alone.
 */
#define DESK_STORE_APPLICATION_ID 0x4944534b

/* What a text may not hold: no control character in a single-line text;
 * tab, LF and CR allowed in a long one. The classes cover C0, DEL and C1
 * (U+0080 to U+009F, here in UTF-8), as g_unichar_iscntrl does.
 */
#define DESK_STORE_ONE_LINE_GLOB "*[\x01-\x1f\x7f-\xc2\x9f]*"
#define DESK_STORE_MULTI_LINE_GLOB \
  "*[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\xc2\x9f]*"

/* The migrations in order: entry N takes a file from user_version N to
 * N + 1. Each is a script of plain DDL run in one transaction; it sets
 * user_version itself.
 */
const char * const *desk_store_schema_migrations (guint *n_migrations);

/* Whether @text matches the GLOB @pattern, as SQLite's GLOB says, and
 * quickly for the control-character patterns of the schema.
 */
gboolean desk_store_schema_glob (const char *pattern,
                                 const char *text);

/* Gives @db that glob() in place of SQLite's own. */
void     desk_store_schema_add_glob (sqlite3 *db);

G_END_DECLS
