/* desk-gui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-demo.h"
#include "desk-error.h"
#include "desk-gui-util.h"

void
desk_gui_open_error_text (const GError  *error,
                          const char    *path,
                          char         **title,
                          char         **description)
{
  const char *t = _("The database could not be opened");
  const char *d = _("Something went wrong while reading the file. "
                    "Try again, or open another database.");
  g_autofree char *escaped = NULL;

  if (error != NULL && error->domain == DESK_ERROR)
    {
      switch ((DeskError) error->code)
        {
        case DESK_ERROR_CORRUPT:
          t = _("This database is damaged");
          d = _("The file cannot be read as an IncidentDesk database. "
                "It has not been changed. Open another database or "
                "create a new one.");
          break;

        case DESK_ERROR_TOO_NEW:
          t = _("This database needs a newer IncidentDesk");
          d = _("It was written by a newer version of IncidentDesk. "
                "Update the app to open it; the file has not been "
                "changed.");
          break;

        case DESK_ERROR_BUSY:
          t = _("The database is in use");
          d = _("Another program is using the file right now. Wait a "
                "moment, then try again.");
          break;

        case DESK_ERROR_PERMISSION:
          t = _("You may not open this database");
          d = _("You do not have permission to use this file or its "
                "folder. Open another database, or ask the owner of "
                "the file for access.");
          break;

        case DESK_ERROR_NO_SPACE:
          t = _("The disk is full");
          d = _("There is no room left to work with the database. Free "
                "some space on the disk, then try again.");
          break;

        case DESK_ERROR_READ_ONLY:
          t = _("The database can only be read");
          d = _("The file cannot be changed from here. Open it in "
                "viewer mode, or open another database.");
          break;

        case DESK_ERROR_INVALID:
        case DESK_ERROR_TRANSITION:
        case DESK_ERROR_NOT_FOUND:
        case DESK_ERROR_CONFLICT:
        case DESK_ERROR_PARSE:
        case DESK_ERROR_IO:
        case DESK_ERROR_CANCELLED:
        case DESK_ERROR_UNKNOWN_FORMAT:
        default:
          break;
        }
    }

  if (path != NULL)
    escaped = g_markup_escape_text (path, -1);

  *title = g_strdup (t);
  if (escaped != NULL)
    *description = g_strdup_printf ("%s\n\n<small>%s</small>", d, escaped);
  else
    *description = g_strdup (d);
}

static GTimeZone *desk_time_zone;

static void
on_time_zone_changed (void)
{
  g_clear_pointer (&desk_time_zone, g_time_zone_unref);
}

/* Every row of the list shows a time, so the zone is read once and
 * kept until the preference changes.
 */
GTimeZone *
desk_gui_time_zone (void)
{
  static GSettings *settings;

  if (settings == NULL)
    {
      settings = g_settings_new (APP_ID);
      g_signal_connect (settings, "changed::time-zone",
                        G_CALLBACK (on_time_zone_changed), NULL);
    }

  if (desk_time_zone == NULL)
    {
      g_autofree char *name = g_settings_get_string (settings, "time-zone");

      if (name[0] != '\0')
        desk_time_zone = g_time_zone_new_identifier (name);
      if (desk_time_zone == NULL)
        desk_time_zone = g_time_zone_new_local ();
    }

  return g_time_zone_ref (desk_time_zone);
}

char *
desk_gui_format_time (gint64 instant)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (instant == DESK_TIME_NONE)
    return g_strdup ("");

  utc = g_date_time_new_from_unix_utc (instant);
  if (utc == NULL)
    return g_strdup ("");

  tz = desk_gui_time_zone ();
  local = g_date_time_to_timezone (utc, tz);

  /* TRANSLATORS: a date and time in lists, see strftime(3) */
  return g_date_time_format (local, _("%-d %b %Y %H:%M"));
}

void
desk_gui_week_month (GTimeZone *tz,
                     gint64     now,
                     gint64    *week_start,
                     gint64    *month_start,
                     gint64    *month_end)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  day = g_date_time_new (tz, y, m, d, 0, 0, 0);
  monday = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
  /* Re-anchor at midnight: adding days across a daylight-saving change
   * keeps the wall-clock time, which is what we want.
   */
  first = g_date_time_new (tz, y, m, 1, 0, 0, 0);
  next = g_date_time_add_months (first, 1);

  *week_start = g_date_time_to_unix (monday);
  *month_start = g_date_time_to_unix (first);
  *month_end = g_date_time_to_unix (next);
}

const char *
desk_gui_severity_class (DeskSeverity severity)
{
  switch (severity)
    {
    case DESK_SEVERITY_SEV1:
      return "sev1";
    case DESK_SEVERITY_SEV2:
      return "sev2";
    case DESK_SEVERITY_SEV3:
      return "sev3";
    case DESK_SEVERITY_SEV4:
      return "sev4";
    default:
      return "sev4";
    }
}

const char *
desk_gui_status_class (DeskStatus status)
{
  switch (status)
    {
    case DESK_STATUS_NEW:
      return "status-new";
    case DESK_STATUS_INVESTIGATING:
      return "status-investigating";
    case DESK_STATUS_IDENTIFIED:
      return "status-identified";
    case DESK_STATUS_MONITORING:
      return "status-monitoring";
    case DESK_STATUS_ON_HOLD:
      return "status-on-hold";
    case DESK_STATUS_RESOLVED:
      return "status-resolved";
    case DESK_STATUS_CLOSED:
      return "status-closed";
    default:
      return "status-new";
    }
}

static void
demo_fill_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DeskStore *store = task_data;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (desk_demo_fill (store, DESK_DEMO_COUNT, DESK_DEMO_SEED, now,
                      NULL, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
desk_gui_demo_fill_async (DeskStore          *store,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_gui_demo_fill_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, demo_fill_thread);
}

gboolean
desk_gui_demo_fill_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
desk_gui_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, DESK_ERROR, DESK_ERROR_CANCELLED);
}

static void
shrink (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    gtk_editable_set_width_chars (GTK_EDITABLE (widget), 8);
  else if (GTK_IS_LABEL (widget))
    gtk_label_set_wrap (GTK_LABEL (widget), TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    shrink (child);
}

void
desk_gui_fit_shortcuts_window (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  shrink (GTK_WIDGET (window));
}
