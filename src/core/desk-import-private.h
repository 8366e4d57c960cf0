/* desk-import-private.h: what the import formats share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "desk-csv.h"
#include "desk-import.h"
#include "desk-time.h"

G_BEGIN_DECLS

typedef struct
{
  DeskStore          *store;
  DeskImportReport   *report;
  GTimeZone          *tz;
  gboolean            tz_given;
  DeskImportProgress  progress;
  gpointer            progress_data;
  GCancellable       *cancellable;

  /* The column in the file each field comes from, for messages. */
  const char         *columns[DESK_N_FIELDS];

  /* After the first row error nothing more is written, but every row
   * is still checked so that the report lists all errors.
   */
  gboolean            failed;
  guint               n_without_resolution;
  guint               n_without_root_cause;
} DeskImportContext;

void     desk_import_message     (DeskImportContext   *ctx,
                                  guint                line,
                                  DeskField            field,
                                  DeskImportSeverity   severity,
                                  const char          *format,
                                  ...) G_GNUC_PRINTF (5, 6);

/* A row error naming the line and the field's column: "Line 4,
 * severity: …". Marks the import failed.
 */
void     desk_import_row_error   (DeskImportContext   *ctx,
                                  guint                line,
                                  DeskField            field,
                                  const char          *text);
void     desk_import_row_warning (DeskImportContext   *ctx,
                                  guint                line,
                                  DeskField            field,
                                  const char          *text);

/* Reads an instant written as desk_time_parse reads it; adds a row error
 * and returns FALSE when it cannot. Empty text gives DESK_TIME_NONE.
 */
gboolean desk_import_parse_time  (DeskImportContext   *ctx,
                                  guint                line,
                                  DeskField            field,
                                  const char          *text,
                                  gint64              *out);
/* Local wall-clock fields in the import's zone. A repeated local time
 * takes the earlier one with a warning; a skipped one is a row error.
 */
gboolean desk_import_local_time  (DeskImportContext   *ctx,
                                  guint                line,
                                  DeskField            field,
                                  const char          *text,
                                  int year, int month, int day,
                                  int hour, int minute, int second,
                                  gint64              *out);

/* Validates @incident and, unless the import already failed, writes it.
 * Row problems go to the report; FALSE only when the database fails.
 */
gboolean desk_import_put         (DeskImportContext   *ctx,
                                  guint                line,
                                  DeskIncident        *incident,
                                  GPtrArray           *timeline,
                                  GError             **error);

/* Reports progress now and then and checks for cancellation. */
gboolean desk_import_tick        (DeskImportContext   *ctx,
                                  GError             **error);

/* Sets a severity, impact, status or contributing factor from its
 * stable name; adds a row error naming the accepted values when it is
 * not one.
 */
gboolean desk_import_set_vocabulary (DeskImportContext *ctx,
                                     guint              line,
                                     DeskIncident      *incident,
                                     DeskField          field,
                                     const char        *value);

static inline gboolean
desk_import_is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

int      desk_import_find_column (const char * const  *header,
                                  guint                n_columns,
                                  const char          *name);

gboolean desk_import_run_servicenow (DeskImportContext  *ctx,
                                     DeskCsvReader      *reader,
                                     const char * const *header,
                                     guint               n_columns,
                                     GError            **error);
gboolean desk_import_run_mapped     (DeskImportContext  *ctx,
                                     DeskCsvReader      *reader,
                                     const char * const *header,
                                     guint               n_columns,
                                     GKeyFile           *mapping,
                                     GError            **error);

G_END_DECLS
