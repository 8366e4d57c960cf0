/* desk-window-main.c: the window module's entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmodule.h>

#include "desk-application.h"

G_MODULE_EXPORT int desk_window_main (int argc, char *argv[]);

/* Called by main() once it knows a window is wanted. */
int
desk_window_main (int   argc,
                  char *argv[])
{
  g_autoptr(DeskApplication) app = desk_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
