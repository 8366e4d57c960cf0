/* desk-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_WINDOW (desk_window_get_type ())
G_DECLARE_FINAL_TYPE (DeskWindow, desk_window, DESK, WINDOW,
                      AdwApplicationWindow)

/* @application may be NULL (tests). */
DeskWindow *desk_window_new           (GtkApplication *application);
/* Opens the database at @path off the main thread, showing a spinner,
 * then the pages, or an error page with a way out. With @fill_demo the
 * database is filled with demo incidents first and marked as demo data.
 */
void        desk_window_open_database (DeskWindow     *self,
                                       const char     *path,
                                       DeskStoreFlags  flags,
                                       gboolean        fill_demo);
DeskStore  *desk_window_get_store     (DeskWindow     *self);
/* "loading", "error", "main" or "detail". */
const char *desk_window_get_state     (DeskWindow     *self);
/* The name of the page shown in the view stack. */
const char *desk_window_get_page      (DeskWindow     *self);
GtkWidget  *desk_window_get_page_widget (DeskWindow   *self,
                                         const char   *name);
/* The error page's title and description while in the "error" state. */
const char *desk_window_get_error_title (DeskWindow   *self);
/* The text of the demo / viewer-mode banner, or NULL when hidden. */
const char *desk_window_get_banner_text (DeskWindow   *self);

G_END_DECLS
