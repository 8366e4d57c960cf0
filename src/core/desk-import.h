/* desk-import.h: bringing incidents in from CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three formats:
 *
 * incidentdesk — the app's own export (desk-export.h), recognised by its
 *   exact header. The formula guard is taken off text cells again, so
 *   export → import → export gives the same bytes. downtime_minutes is
 *   derived and ignored.
 *
 * servicenow — a ServiceNow incident event log (one row per audit event,
 *   recognised by the columns number, incident_state, sys_mod_count and
 *   opened_at). One incident per number; its values come from the event
 *   with the highest sys_mod_count (the later row on a tie), not from the
 *   file order. See desk-import-servicenow.c for the field by field rules
 *   and the fallbacks for what a record lacks.
 *
 * mapped — any CSV through a mapping (a GKeyFile):
 *
 *     [columns]            field=column name in the file; one column may
 *                          feed several fields
 *     [values:FIELD]       value in the file=our value, e.g. in
 *                          [values:severity] critical=SEV1 (matched
 *                          ignoring letter case; other values are read
 *                          as they are)
 *     [constants]          field=value for fields the file lacks
 *     [skip]               column=value;value… skips rows holding one of
 *                          these values in that column
 *     [options]            time_zone=Europe/Berlin (used when the import
 *                          is given no zone), date_format=%d/%m/%Y %H:%M
 *                          (%Y %m %d %H %M %S, other characters literal;
 *                          default: ISO 8601 as desk_time_parse reads it),
 *                          separator=; (default: detected)
 *
 *   Fields are named as the export's columns (reference, title, service,
 *   severity, impact, status, detected_at, acknowledged_at, impact_start,
 *   impact_end, resolved_at, closed_at, assignee, reporter, description,
 *   root_cause, five_whys, contributing_factor, workaround, resolution,
 *   problem). A row without status is New; without impact, None.
 *
 * Always: one transaction, so that any row error writes nothing; every
 * error and warning is reported with its line; a dry run validates
 * everything and writes nothing; an incident whose reference is already
 * stored is replaced, not duplicated.
 */

#pragma once

#include <gio/gio.h>

#include "desk-incident.h"
#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_IMPORT_FORMAT_AUTO,          /* detect; mapped when a mapping is given */
  DESK_IMPORT_FORMAT_INCIDENTDESK,
  DESK_IMPORT_FORMAT_SERVICENOW,
  DESK_IMPORT_FORMAT_MAPPED,
} DeskImportFormat;

/* "auto", "incidentdesk", "servicenow", "mapped". */
const char *desk_import_format_to_string   (DeskImportFormat  format);
gboolean    desk_import_format_from_string (const char       *text,
                                            DeskImportFormat *out);

/* The format a header row belongs to: INCIDENTDESK, SERVICENOW, or AUTO
 * when it is neither (a mapping is needed).
 */
DeskImportFormat desk_import_detect_format (const char * const *columns,
                                            guint               n_columns);

typedef struct
{
  DeskImportFormat  format;
  GKeyFile         *mapping;   /* for MAPPED; not owned */
  GTimeZone        *tz;        /* local times in the file; NULL: system's */
  gboolean          dry_run;
} DeskImportOptions;

void desk_import_options_init (DeskImportOptions *options);

typedef enum
{
  DESK_IMPORT_WARNING,
  DESK_IMPORT_ERROR,
} DeskImportSeverity;

typedef struct
{
  guint               line;     /* 1-based; 0 for the file as a whole */
  DeskField           field;    /* DESK_FIELD_NONE when no single field */
  DeskImportSeverity  severity;
  char               *text;     /* one translated sentence naming the line */
} DeskImportMessage;

typedef struct
{
  DeskImportFormat  format;     /* as detected */
  gboolean          dry_run;
  gboolean          committed;  /* the rows were written */
  guint             n_rows;     /* data rows read */
  guint             n_created;  /* incidents new to the store */
  guint             n_updated;  /* incidents replaced by reference */
  guint             n_skipped;  /* rows skipped by the mapping */
  guint             n_errors;
  guint             n_warnings;
  GPtrArray        *messages;   /* DeskImportMessage, in line order */
} DeskImportReport;

void desk_import_report_free (DeskImportReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskImportReport, desk_import_report_free)

/* Called with the number of data rows read so far. */
typedef void (*DeskImportProgress) (guint64  rows_done,
                                    gpointer user_data);

/* Imports @input into @store. Returns NULL with @error set only when the
 * import cannot run at all: the file cannot be read, is not CSV
 * (DESK_ERROR_PARSE naming the line), its format is not recognised, the
 * mapping is wrong, the database fails, or @cancellable was cancelled.
 * Otherwise returns the report; when it holds errors
 * (report->n_errors > 0) nothing was written, and n_created and
 * n_updated only count the rows before the first error. A dry run
 * reports the same messages and counts as the real import would.
 */
DeskImportReport *desk_import_stream  (DeskStore                *store,
                                       GInputStream             *input,
                                       const DeskImportOptions  *options,
                                       DeskImportProgress        progress,
                                       gpointer                  progress_data,
                                       GCancellable             *cancellable,
                                       GError                  **error);
DeskImportReport *desk_import_file    (DeskStore                *store,
                                       GFile                    *file,
                                       const DeskImportOptions  *options,
                                       DeskImportProgress        progress,
                                       gpointer                  progress_data,
                                       GCancellable             *cancellable,
                                       GError                  **error);

/* desk_import_file in a worker thread. @progress is called in the
 * thread-default main context of the caller.
 */
void              desk_import_file_async  (DeskStore               *store,
                                           GFile                   *file,
                                           const DeskImportOptions *options,
                                           DeskImportProgress       progress,
                                           gpointer                 progress_data,
                                           GDestroyNotify           progress_destroy,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
DeskImportReport *desk_import_file_finish (GAsyncResult            *result,
                                           GError                 **error);

/* Mapping files. load checks the groups and field names and fails with
 * DESK_ERROR_PARSE naming what is wrong; save writes the key file as it
 * is.
 */
GKeyFile *desk_import_mapping_load     (const char  *path,
                                        GError     **error);
gboolean  desk_import_mapping_save     (GKeyFile    *mapping,
                                        const char  *path,
                                        GError     **error);
gboolean  desk_import_mapping_validate (GKeyFile    *mapping,
                                        GError     **error);

G_END_DECLS
