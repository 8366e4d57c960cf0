/* desk-store-private.h: what the SQLite store shares between its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Written into the file header ("IDSK"), so a database of another
 * program is recognised and left alone.
 */
#define DESK_STORE_APPLICATION_ID 0x4944534b

/* The migrations in order: entry N takes a file from user_version N to
 * N + 1. Each is a script of plain DDL run in one transaction; it sets
 * user_version itself.
 */
const char * const *desk_store_schema_migrations (guint *n_migrations);

G_END_DECLS
