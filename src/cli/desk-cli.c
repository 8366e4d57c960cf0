/* desk-cli.c: the command line without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "desk-cli.h"

gboolean
desk_cli_wants (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--import") ||
          g_str_has_prefix (argv[i], "--export") ||
          g_str_has_prefix (argv[i], "--sla-report") ||
          strcmp (argv[i], "--summary") == 0)
        return TRUE;
    }

  return FALSE;
}

int
desk_cli_run (int    argc,
              char **argv)
{
  g_printerr ("%s\n", "The command line is not ready yet.");
  return 2;
}
