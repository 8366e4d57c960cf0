/* desk-test-util.h: shared helpers for the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Path of a file in the public data folder (../shared/data), named by
 * INCIDENTDESK_TEST_DATA. Returns NULL and marks the test skipped when
 * the variable is unset; fails the test when it is set and the file
 * cannot be read, so CI never passes by skipping.
 */
char *desk_test_data_path    (const char *relative);

/* Path of a fixture of our own in tests/data. */
char *desk_test_fixture_path (const char *relative);

/* Runs the current test where file modes bind it: as it is for a user;
 * for root, again in a subprocess without the capabilities that
 * override file modes. Returns TRUE where the test body should run,
 * FALSE in a parent whose subprocess has run (and passed) it.
 */
gboolean desk_test_bound_by_file_modes (void);

/* A fresh temporary folder, removed by desk_test_tmpdir_free. */
char *desk_test_tmpdir_new   (void);
void  desk_test_tmpdir_free  (char       *path);

G_END_DECLS
