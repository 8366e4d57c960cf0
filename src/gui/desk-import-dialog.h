/* desk-import-dialog.h: bring incidents in from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-import.h"
#include "desk-mapping-row.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_IMPORT_DIALOG (desk_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskImportDialog, desk_import_dialog,
                      DESK, IMPORT_DIALOG, AdwWindow)

/* A modal window in steps: choose a file, map its columns when its
 * format is not known, check it with a dry run, import. Every read and
 * the import run in worker threads. On success the dialog activates
 * win.toast and win.reload on @parent and closes.
 *
 * Actions: import.choose, import.check (mapping → dry run),
 * import.run, import.back, import.cancel, import.save-mapping,
 * import.load-mapping. The property "busy" is TRUE while work runs;
 * "page" names the step shown: "choose", "mapping", "check",
 * "progress".
 */
GtkWidget        *desk_import_dialog_new     (GtkWindow        *parent,
                                              DeskStore        *store);

/* Reads @file's header and goes on as the file chooser would. */
void              desk_import_dialog_set_file (DeskImportDialog *self,
                                               GFile            *file);

/* The last dry run, or NULL. */
const DeskImportReport *desk_import_dialog_get_report (DeskImportDialog *self);

/* The mapping step, for unknown CSV files. */
DeskMappingRow   *desk_import_dialog_get_mapping_row (DeskImportDialog *self,
                                                      DeskField         field);
/* The mapping the widgets describe; the caller frees it. */
GKeyFile         *desk_import_dialog_get_mapping     (DeskImportDialog *self);
/* The mapping file chooser's response does these. */
gboolean          desk_import_dialog_save_mapping    (DeskImportDialog *self,
                                                      GFile            *file,
                                                      GError          **error);
gboolean          desk_import_dialog_load_mapping    (DeskImportDialog *self,
                                                      GFile            *file,
                                                      GError          **error);

/* Text typed as the time zone of the file's times, then checked again. */
void              desk_import_dialog_set_time_zone   (DeskImportDialog *self,
                                                      const char       *zone);

G_END_DECLS
