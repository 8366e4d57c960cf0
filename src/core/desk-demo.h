/* desk-demo.h: realistic demo incidents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Adds @count incidents (10 … 1,000,000) to @store: a fixed set of
 * services, a realistic mix of severities and statuses, RCA and
 * resolution texts, timelines, a few problems. The same @seed and @now
 * give the same incidents. Runs in one batch. @progress (may be NULL)
 * is called now and then with the fraction done.
 */
gboolean desk_demo_fill (DeskStore      *store,
                         guint           count,
                         guint32         seed,
                         gint64          now,
                         void          (*progress) (double   fraction,
                                                    gpointer user_data),
                         gpointer        user_data,
                         GCancellable   *cancellable,
                         GError        **error);

G_END_DECLS
