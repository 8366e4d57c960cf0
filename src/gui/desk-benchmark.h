/* desk-benchmark.h: timings of the window for the project's benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "desk-window.h"

G_BEGIN_DECLS

/* With INCIDENTDESK_BENCHMARK=1 in the environment, the application
 * times its window and prints, one "name value" pair a line on standard
 * output, then quits:
 *
 *   first-frame-ms  first frame painted, from @start (monotonic, µs)
 *   ready-ms        first frame with the database open and the
 *                   dashboard and the list loaded
 *   filter-result-ms  from applying a filter on the list page
 *                   (INCIDENTDESK_BENCHMARK_FILTER, as for
 *                   win.filter-incidents, or "search=TEXT"; default
 *                   "severity=SEV1") to its result reaching the list
 *                   on the main thread: the ids and the first rows
 *   filter-ms       from applying the filter to the first frame
 *                   showing the filtered list
 *   filter-rows     rows in the filtered list
 *   max-stall-ms    the longest the main loop was kept busy, after the
 *                   first frame
 *   filter-stall-ms the same, from applying the filter to its frame
 *   peak-rss-kb     peak resident memory of the process
 */
gboolean desk_benchmark_wanted (void);
void     desk_benchmark_attach (GtkApplication *application,
                                DeskWindow     *window,
                                gint64          start);

G_END_DECLS
