/* desk-cli.h: the command line without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @argv is meant for the command line rather than the window:
 * anything but the window's own options (--database FILE, --demo,
 * --read-only), so that an action, --help, a mistyped option or a stray
 * word gets the command line's answer. Only looks at the strings; never
 * touches GTK or the display.
 */
gboolean desk_cli_wants (int    argc,
                         char **argv);

/* Runs it; returns the exit status: 0 success, 1 bad input or data,
 * 2 wrong usage. Never initialises GTK.
 */
int      desk_cli_run   (int    argc,
                         char **argv);

G_END_DECLS
