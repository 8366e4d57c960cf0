/* desk-form.h: small helpers shared by the incident forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-sla.h"

G_BEGIN_DECLS

/* The application's settings, or NULL when the schema is not installed. */
GSettings *desk_form_settings       (void);
/* The desk's time zone: the "time-zone" setting, or the system's. */
GTimeZone *desk_form_time_zone      (void);
/* Response and resolution targets from the settings, in seconds. */
void       desk_form_sla_targets    (DeskSlaTargets *targets);

/* Marks @row as at fault with @message shown in @caption, or clears
 * both when @message is NULL.
 */
void       desk_form_set_row_error  (GtkWidget      *row,
                                     GtkWidget      *caption,
                                     const char     *message);

/* Keeps a text view responsive whatever is pasted into it. */
void       desk_form_text_view_setup (GtkTextView   *view);
char      *desk_form_text_view_get  (GtkTextView    *view);
void       desk_form_text_view_set  (GtkTextView    *view,
                                     const char     *text);

G_END_DECLS
