/* test-about.c: the About window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-about.h"
#include "desk-resources.h"

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static AdwAboutWindow *
find_about (void)
{
  AdwAboutWindow *about = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_list_free (toplevels);

  return about;
}

static void
test_shows_facts (void)
{
  GtkWidget *parent = gtk_window_new ();
  AdwAboutWindow *about;
  GtkIconTheme *theme;

  gtk_window_present (GTK_WINDOW (parent));
  desk_show_about (GTK_WINDOW (parent));
  spin_main_loop ();

  about = find_about ();
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) ==
                 GTK_WINDOW (parent));
  g_assert_cmpstr (adw_about_window_get_version (about), ==, "0.1.0");
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==,
                   "IncidentDesk");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==,
                   "io.example.IncidentDesk");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==,
                   GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_release_notes_version (about), ==,
                   "0.1.0");
  g_assert_nonnull (strstr (adw_about_window_get_release_notes (about),
                            "<li>"));

  /* The icon ships in the resources, so it shows before installation. */
  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  gtk_icon_theme_add_resource_path (theme, "/io/example/IncidentDesk/icons");
  g_assert_true (gtk_icon_theme_has_icon (theme, "io.example.IncidentDesk"));
  g_assert_true (gtk_icon_theme_has_icon (theme,
                                          "io.example.IncidentDesk-symbolic"));

  g_object_add_weak_pointer (G_OBJECT (about), (gpointer *) &about);
  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (parent));
  spin_main_loop ();
  g_assert_null (about);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the resources in from the static library. */
  g_assert_nonnull (desk_get_resource ());

  g_test_add_func ("/about/shows-facts", test_shows_facts);

  return g_test_run ();
}
