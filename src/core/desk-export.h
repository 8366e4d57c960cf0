/* desk-export.h: the incident list as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns, in this order (DESK_EXPORT_COLUMNS):
 *
 *   reference,title,service,severity,impact,status,detected_at,
 *   acknowledged_at,impact_start,impact_end,resolved_at,closed_at,
 *   downtime_minutes,assignee,reporter,description,root_cause,five_whys,
 *   contributing_factor,workaround,resolution,problem
 *
 * Severity is written SEV1…SEV4; impact, status and contributing factor
 * by their stable English names. Times are ISO 8601 with the UTC offset
 * of the chosen zone ("2025-03-09T14:05:00+07:00"); an unset time is an
 * empty cell. impact_start and impact_end are written as stored (empty
 * when they default to detected and resolved).
 *
 * downtime_minutes: for an Outage incident, the length of its impact
 * interval with the defaults applied (impact start defaults to detected,
 * impact end to resolved) in whole minutes, rounded down. Empty for
 * Degraded and None impact, and while the impact has no end (the
 * incident is still open). It is derived, so import ignores it.
 *
 * The five whys are one cell, the whys separated by line feeds. Text
 * cells carry the formula guard (see desk-csv.h); the numeric
 * downtime_minutes does not.
 */

#pragma once

#include <gio/gio.h>

#include "desk-csv.h"
#include "desk-incident.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_EXPORT_N_COLUMNS 22

/* The column names in order; NULL-terminated. */
const char * const *desk_export_columns (void);

typedef enum
{
  DESK_EXPORT_FLAGS_NONE        = 0,
  DESK_EXPORT_FLAGS_SPREADSHEET = 1 << 0,  /* byte order mark and ';' */
} DeskExportFlags;

/* Called with the number of rows written so far: every few thousand
 * rows and once at the end.
 */
typedef void (*DeskExportProgress) (guint64  rows_done,
                                    gpointer user_data);

/* The building blocks, for other writers of the same format. */
void     desk_export_write_header   (DeskCsvWriter       *writer);
void     desk_export_write_incident (DeskCsvWriter       *writer,
                                     const DeskIncident  *incident,
                                     GTimeZone           *tz);
/* The downtime_minutes cell's value, or -1 when it is empty. */
gint64   desk_export_downtime_minutes (const DeskIncident *incident);

/* Writes the header and every incident matching @query (NULL: all) to
 * @out, one row at a time, so memory stays flat. @tz NULL means the
 * system's zone. Does not close @out. Sets @out_rows (may be NULL) to
 * the number of incidents written. Cancelling fails with
 * DESK_ERROR_CANCELLED.
 */
gboolean desk_export_incidents      (DeskStore           *store,
                                     const DeskQuery     *query,
                                     GOutputStream       *out,
                                     GTimeZone           *tz,
                                     DeskExportFlags      flags,
                                     DeskExportProgress   progress,
                                     gpointer             progress_data,
                                     guint64             *out_rows,
                                     GCancellable        *cancellable,
                                     GError             **error);

/* The same in a worker thread. @progress is called in the thread-default
 * main context of the caller. @out must not be used by anyone else until
 * the callback runs.
 */
void     desk_export_incidents_async  (DeskStore           *store,
                                       const DeskQuery     *query,
                                       GOutputStream       *out,
                                       GTimeZone           *tz,
                                       DeskExportFlags      flags,
                                       DeskExportProgress   progress,
                                       gpointer             progress_data,
                                       GDestroyNotify       progress_destroy,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean desk_export_incidents_finish (GAsyncResult        *result,
                                       guint64             *out_rows,
                                       GError             **error);

G_END_DECLS
