/* desk-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-about"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "desk-about.h"

void
desk_show_about (GtkWindow *parent)
{
  const char *developers[] = { "The IncidentDesk developers", NULL };
  const char *designers[] = { "The IncidentDesk developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), parent != NULL);

  adw_about_window_set_application_name (about, _("IncidentDesk"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about,
                                       _("The IncidentDesk developers"));
  adw_about_window_set_comments (about,
                                 _("Record IT incidents, write down their "
                                   "root cause and track SLAs."));
  adw_about_window_set_website (about,
                                "https://github.com/example/IncidentDesk");
  adw_about_window_set_issue_url (about,
                                  "https://github.com/example/IncidentDesk/"
                                  "issues");
  adw_about_window_set_copyright (about,
                                  _("© 2026 The IncidentDesk developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_designers (about, designers);
  /* Translators: your name here, one person a line, as you want it
   * shown in the About window.
   */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  /* The same notes as the metainfo's release 0.1.0.
   * Translators: keep the <p>, <ul> and <li> marks as they are.
   */
  adw_about_window_set_release_notes_version (about, "0.1.0");
  adw_about_window_set_release_notes (about,
    _("<p>The first release.</p>"
      "<ul>"
      "<li>Incidents with their lifecycle, root cause analysis and "
      "timeline</li>"
      "<li>Dashboard, SLA tracker and problem records</li>"
      "<li>CSV export and import, including ServiceNow exports</li>"
      "<li>English and Bahasa Indonesia</li>"
      "</ul>"));

  gtk_window_present (GTK_WINDOW (about));
}
