/* main.c: locale set-up, then the command line or the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "desk-application.h"
#include "desk-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DeskApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Scripts and cron run the command line where there is no display, so
   * it must decide before anything touches GTK.
   */
  if (desk_cli_wants (argc, argv))
    return desk_cli_run (argc, argv);

  app = desk_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
