/* desk-cli-actions.c: what each command-line action does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-cli-private.h"

int
desk_cli_actions_run (const DeskCliOptions *options)
{
  g_printerr ("%s\n", _("This command-line action is not available yet."));
  return DESK_CLI_EXIT_BAD_INPUT;
}
