/* desk-caption-row.h: a plain-words message under a form row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DESK_TYPE_CAPTION_ROW (desk_caption_row_get_type ())
G_DECLARE_FINAL_TYPE (DeskCaptionRow, desk_caption_row,
                      DESK, CAPTION_ROW, AdwPreferencesRow)

GtkWidget  *desk_caption_row_new         (void);
/* Shows @message (plain text, never markup); NULL hides the row. */
void        desk_caption_row_set_message (DeskCaptionRow *self,
                                          const char     *message);
const char *desk_caption_row_get_message (DeskCaptionRow *self);
/* An error caption, or a neutral note. */
void        desk_caption_row_set_error   (DeskCaptionRow *self,
                                          gboolean        error);

G_END_DECLS
