/* desk-datetime-row.h: an entry row for a local date and time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DESK_TYPE_DATETIME_ROW (desk_datetime_row_get_type ())
G_DECLARE_FINAL_TYPE (DeskDatetimeRow, desk_datetime_row,
                      DESK, DATETIME_ROW, AdwEntryRow)

GtkWidget *desk_datetime_row_new           (void);

void       desk_datetime_row_set_time_zone (DeskDatetimeRow *self,
                                            GTimeZone       *tz);
/* Writes @instant (DESK_TIME_NONE: empty) as "2025-03-09 14:05" in the
 * row's zone; that text then counts as unchanged.
 */
void       desk_datetime_row_set_value     (DeskDatetimeRow *self,
                                            gint64           instant);
/* Reads the text: empty gives DESK_TIME_NONE. Text that is not a time,
 * or a local time that does not exist, fails with a plain message. A
 * local time that occurs twice is read as the occurrence chosen in the
 * row, which offers the choice while the text is ambiguous.
 */
gboolean   desk_datetime_row_get_value     (DeskDatetimeRow *self,
                                            gint64          *out,
                                            GError         **error);
gboolean   desk_datetime_row_is_ambiguous  (DeskDatetimeRow *self);
/* While the text is ambiguous, a sentence saying so; otherwise NULL. */
const char *desk_datetime_row_get_note     (DeskDatetimeRow *self);
/* Chooses the earlier (FALSE) or later (TRUE) of two readings. */
void       desk_datetime_row_set_later     (DeskDatetimeRow *self,
                                            gboolean         later);
/* Whether the text or the choice differs from the last set value. */
gboolean   desk_datetime_row_is_changed    (DeskDatetimeRow *self);

G_END_DECLS
