/* desk-export-dialog.h: export the incident list or the SLA report to CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_EXPORT_DIALOG (desk_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskExportDialog, desk_export_dialog,
                      DESK, EXPORT_DIALOG, AdwWindow)

/* A modal window. @current_filter (may be NULL) is the list's query; it
 * is copied. The export runs in a worker thread into a temporary file
 * beside the target, renamed over it only when complete. On success the
 * dialog activates win.toast on @parent and closes.
 *
 * Actions: export.run, export.cancel, export.choose; stateful
 * export.what ("all", "filter", "sla") and export.spreadsheet, backed by
 * the properties of the same name.
 */
GtkWidget *desk_export_dialog_new      (GtkWindow        *parent,
                                        DeskStore        *store,
                                        const DeskQuery  *current_filter);

/* The target file; the file chooser sets it too. */
void       desk_export_dialog_set_file (DeskExportDialog *self,
                                        GFile            *file);
GFile     *desk_export_dialog_get_file (DeskExportDialog *self);

/* "incidents-2026-12-03.csv" or "sla-report-2026-11.csv". */
char      *desk_export_dialog_suggest_name (DeskExportDialog *self);

/* Chooses a custom period for the SLA report: the days @from to @to,
 * both included, written YYYY-MM-DD (the entries the user types in).
 */
void       desk_export_dialog_set_custom_period (DeskExportDialog *self,
                                                 const char       *from,
                                                 const char       *to);

G_END_DECLS
