/* desk-gui-util.h: small helpers shared by the pages of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* The number of incidents "Load demo data" and --demo create. */
#define DESK_DEMO_COUNT 500
#define DESK_DEMO_SEED  20250309

/* Title and plain description for a database that could not be opened;
 * @error is a DESK_ERROR. Both are translated; the caller frees them.
 */
void        desk_gui_open_error_text (const GError  *error,
                                      const char    *path,
                                      char         **title,
                                      char         **description);

/* The desk's time zone from GSettings "time-zone" (the system's when
 * empty or unknown). The caller unrefs it.
 */
GTimeZone  *desk_gui_time_zone       (void);

/* "9 Mar 2025 14:05" in the desk's time zone; "" for DESK_TIME_NONE. */
char       *desk_gui_format_time     (gint64         instant);

/* Monday 00:00 of the current week and the first of the current month,
 * in @tz, as UTC instants.
 */
void        desk_gui_week_month      (GTimeZone     *tz,
                                      gint64         now,
                                      gint64        *week_start,
                                      gint64        *month_start,
                                      gint64        *month_end);

/* CSS classes from ui/style.css: "sev1", "status-on-hold". */
const char *desk_gui_severity_class  (DeskSeverity   severity);
const char *desk_gui_status_class    (DeskStatus     status);

/* Fills @store with DESK_DEMO_COUNT demo incidents in a worker thread. */
void        desk_gui_demo_fill_async  (DeskStore          *store,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean    desk_gui_demo_fill_finish (GAsyncResult       *result,
                                       GError            **error);

/* Whether @error only says the work was cancelled. */
gboolean    desk_gui_error_is_cancelled (const GError   *error);

/* GTK 4.8 sizes the search entry of a GtkShortcutsWindow for 40
 * characters and never wraps its text, so it is wider than a phone;
 * this lets both shrink.
 */
void        desk_gui_fit_shortcuts_window (GtkWindow    *window);

G_END_DECLS
