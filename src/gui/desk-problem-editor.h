/* desk-problem-editor.h: create or edit one problem record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_PROBLEM_EDITOR (desk_problem_editor_get_type ())
G_DECLARE_FINAL_TYPE (DeskProblemEditor, desk_problem_editor,
                      DESK, PROBLEM_EDITOR, AdwWindow)

/* A modal window. @problem (may be NULL for a new one) is copied. On a
 * successful save it emits "saved" with the problem's reference and
 * closes.
 */
GtkWidget *desk_problem_editor_new (GtkWindow         *parent,
                                    DeskStore         *store,
                                    const DeskProblem *problem);

G_END_DECLS
