/* desk-cli.h: the command line without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @argv asks for a command-line action (--import, --export,
 * --sla-report, --summary) rather than the window.
 */
gboolean desk_cli_wants (int    argc,
                         char **argv);

/* Runs it; returns the exit status: 0 success, 1 bad input or data,
 * 2 wrong usage. Never initialises GTK.
 */
int      desk_cli_run   (int    argc,
                         char **argv);

G_END_DECLS
