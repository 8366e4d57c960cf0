/* desk-gui-test-util.h: shared helpers for the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows the following widgets in LANGUAGE ("id"), with the catalogues
 * compiled into the build tree (INCIDENTDESK_LOCALEDIR); NULL goes back
 * to the untranslated text.
 */
void  desk_test_use_language          (const char *language);

/* The width WIDGET cannot be narrower than. Widgets under ROOT wider
 * than LIMIT are named in the test log, to show what to fix.
 */
int   desk_test_minimum_width         (GtkWidget  *widget);
void  desk_test_log_wide_widgets      (GtkWidget  *root,
                                       int         limit);

/* Writes what WIDGET shows to NAME.png in the folder named by
 * INCIDENTDESK_TEST_SHOTS, to look at; does nothing when it is unset.
 */
void  desk_test_save_png              (GtkWidget  *widget,
                                       const char *name);

/* Fails when two mapped labels under ROOT (button and row labels too)
 * answer to the same Alt key. Returns how many mnemonics it saw.
 */
guint desk_test_assert_unique_mnemonics (GtkWidget *root);
/* Spins the main loop until the weak pointer is cleared: a worker thread
 * or an idle may hold the last reference a moment after the window is
 * gone. Fails after 10 seconds, so that a leak still shows.
 */
void  desk_test_wait_cleared          (gpointer   *weak_pointer);
/* g_assert_finalize_object() that waits as desk_test_wait_cleared() does. */
void  desk_test_assert_finalized      (gpointer    object);
/* The texts of the mapped labels shown cut short with an ellipsis. */
GPtrArray *desk_test_ellipsized_labels (GtkWidget *root);

G_END_DECLS
