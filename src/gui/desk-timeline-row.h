/* desk-timeline-row.h: one change in an incident's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "desk-incident.h"

G_BEGIN_DECLS

#define DESK_TYPE_TIMELINE_ROW (desk_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (DeskTimelineRow, desk_timeline_row,
                      DESK, TIMELINE_ROW, GtkListBoxRow)

GtkWidget  *desk_timeline_row_new      (const DeskTimelineEntry *entry,
                                        GTimeZone               *tz);
/* "Status: New → Investigating", for tests. */
const char *desk_timeline_row_get_what (DeskTimelineRow         *self);

G_END_DECLS
