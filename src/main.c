/* main.c: locale set-up, then the command line or the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <gmodule.h>

#include "desk-cli.h"

typedef int (*WindowMain) (int argc, char **argv);

static char *
module_in (const char *folder)
{
  char *path = g_build_filename (folder, WINDOW_MODULE_NAME, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;

  g_free (path);

  return NULL;
}

/* Beside the program in a build tree, else where it was installed,
 * seen from the program first so that a moved installation works.
 */
static char *
find_window_module (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *installed = NULL;
  char *path;

  if (program != NULL)
    {
      folder = g_path_get_dirname (program);
      installed = g_build_filename (folder, WINDOW_MODULE_FROM_BINDIR, NULL);
      if ((path = module_in (folder)) || (path = module_in (installed)))
        return path;
    }

  return g_build_filename (WINDOW_MODULE_DIR, WINDOW_MODULE_NAME, NULL);
}

static int
run_window (int   argc,
            char *argv[])
{
  g_autofree char *path = find_window_module ();
  GModule *module;
  WindowMain window_main;

  /* Never unloaded: GTK's types stay registered until the process ends. */
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL ||
      !g_module_symbol (module, "desk_window_main", (gpointer *) &window_main))
    {
      g_printerr (_("The window could not be started, the installation "
                    "is incomplete: %s"),
                  g_module_error ());
      g_printerr ("\n");
      return 1;
    }
  g_module_make_resident (module);

  return window_main (argc, argv);
}

/* The tests and build-aux/screenshots.sh run the uninstalled program in
 * another language with the catalogues of the build tree.
 */
static const char *
locale_folder (void)
{
  const char *folder = g_getenv ("INCIDENTDESK_LOCALEDIR");

  if (folder != NULL && folder[0] != '\0')
    return folder;

  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_folder ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Scripts and cron run the command line where there is no display, so
   * it must decide before anything touches GTK.
   */
  if (desk_cli_wants (argc, argv))
    return desk_cli_run (argc, argv);

  return run_window (argc, argv);
}
