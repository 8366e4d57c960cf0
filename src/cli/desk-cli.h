/* desk-cli.h: the command line without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @argv is meant for the command line rather than the window:
 * it names an action (--import, --export, --sla-report, --summary) or
 * an option only the command line has (--map, --period, --dry-run …),
 * so that a mistake there gets the command line's usage error. Only
 * looks at the strings; never touches GTK or the display.
 */
gboolean desk_cli_wants (int    argc,
                         char **argv);

/* Runs it; returns the exit status: 0 success, 1 bad input or data,
 * 2 wrong usage. Never initialises GTK.
 */
int      desk_cli_run   (int    argc,
                         char **argv);

G_END_DECLS
