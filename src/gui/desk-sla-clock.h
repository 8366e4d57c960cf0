/* desk-sla-clock.h: one response or resolution clock of an incident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "desk-sla.h"

G_BEGIN_DECLS

#define DESK_TYPE_SLA_CLOCK (desk_sla_clock_get_type ())
G_DECLARE_FINAL_TYPE (DeskSlaClock, desk_sla_clock, DESK, SLA_CLOCK, GtkBox)

GtkWidget  *desk_sla_clock_new        (const char      *title);
/* Shows @clock; NULL shows that the clock does not apply. */
void        desk_sla_clock_set_clock  (DeskSlaClock    *self,
                                       const DeskClock *clock);
/* The words shown for the state ("On track", "Breached"), for tests. */
const char *desk_sla_clock_get_state_text (DeskSlaClock *self);

G_END_DECLS
