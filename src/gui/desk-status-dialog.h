/* desk-status-dialog.h: asks for the text a status change needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-types.h"

G_BEGIN_DECLS

#define DESK_TYPE_STATUS_DIALOG (desk_status_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskStatusDialog, desk_status_dialog,
                      DESK, STATUS_DIALOG, AdwMessageDialog)

/* The change @from → @to needs a resolution, a root cause or a reopen
 * reason; the dialog asks for it, starting from @text (may be NULL),
 * and answers "apply" only with a non-blank text, or "cancel".
 */
GtkWidget  *desk_status_dialog_new        (GtkWindow        *parent,
                                           const char       *reference,
                                           DeskStatus        from,
                                           DeskStatus        to,
                                           const char       *text);
DeskStatus  desk_status_dialog_get_target (DeskStatusDialog *self);
/* The text with the space around it removed. */
char       *desk_status_dialog_dup_text   (DeskStatusDialog *self);
void        desk_status_dialog_set_text   (DeskStatusDialog *self,
                                           const char       *text);

G_END_DECLS
