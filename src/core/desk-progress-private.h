/* desk-progress-private.h: row progress from a worker thread, reported
 * in the caller's main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*DeskRowsFunc) (guint64  rows_done,
                              gpointer user_data);

typedef struct _DeskProgressTarget DeskProgressTarget;

/* Captures the thread-default main context. Without @func, releases
 * @data at once and returns NULL.
 */
DeskProgressTarget *desk_progress_target_new     (DeskRowsFunc        func,
                                                  gpointer            data,
                                                  GDestroyNotify      destroy);
void                desk_progress_target_release (DeskProgressTarget *target);
/* A DeskRowsFunc taking the target as @user_data, for the worker. */
void                desk_progress_target_report  (guint64             rows,
                                                  gpointer            user_data);

G_END_DECLS
