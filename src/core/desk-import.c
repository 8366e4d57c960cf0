/* desk-import.c: the import driver and the app's own format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-error.h"
#include "desk-progress-private.h"
#include "desk-export.h"
#include "desk-import-private.h"

#define PROGRESS_EVERY 1000

static const char * const format_names[] = {
  "auto",
  "incidentdesk",
  "servicenow",
  "mapped",
};

const char *
desk_import_format_to_string (DeskImportFormat format)
{
  g_return_val_if_fail (format <= DESK_IMPORT_FORMAT_MAPPED, NULL);

  return format_names[format];
}

gboolean
desk_import_format_from_string (const char       *text,
                                DeskImportFormat *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_ascii_strcasecmp (text, format_names[i]) == 0)
        {
          *out = (DeskImportFormat) i;
          return TRUE;
        }
    }

  return FALSE;
}

int
desk_import_find_column (const char * const *header,
                         guint               n_columns,
                         const char         *name)
{
  for (guint i = 0; i < n_columns; i++)
    {
      if (g_strcmp0 (header[i], name) == 0)
        return (int) i;
    }

  return -1;
}

static const char * const servicenow_required[] = {
  "number", "incident_state", "sys_mod_count", "opened_at",
};

DeskImportFormat
desk_import_detect_format (const char * const *columns,
                           guint               n_columns)
{
  const char * const *own = desk_export_columns ();
  gboolean servicenow = TRUE;

  if (n_columns == DESK_EXPORT_N_COLUMNS)
    {
      guint i;

      for (i = 0; i < n_columns && g_strcmp0 (columns[i], own[i]) == 0; i++)
        ;
      if (i == n_columns)
        return DESK_IMPORT_FORMAT_INCIDENTDESK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (servicenow_required); i++)
    {
      if (desk_import_find_column (columns, n_columns,
                                   servicenow_required[i]) < 0)
        servicenow = FALSE;
    }

  return servicenow ? DESK_IMPORT_FORMAT_SERVICENOW : DESK_IMPORT_FORMAT_AUTO;
}

void
desk_import_options_init (DeskImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = DESK_IMPORT_FORMAT_AUTO;
}

static void
message_free (gpointer data)
{
  DeskImportMessage *message = data;

  g_free (message->text);
  g_free (message);
}

static DeskImportReport *
report_new (void)
{
  DeskImportReport *self = g_new0 (DeskImportReport, 1);

  self->messages = g_ptr_array_new_with_free_func (message_free);

  return self;
}

void
desk_import_report_free (DeskImportReport *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->messages);
  g_free (self);
}

/* Messages */

void
desk_import_message (DeskImportContext  *ctx,
                     guint               line,
                     DeskField           field,
                     DeskImportSeverity  severity,
                     const char         *format,
                     ...)
{
  DeskImportMessage *message = g_new0 (DeskImportMessage, 1);
  va_list args;

  va_start (args, format);
  message->text = g_strdup_vprintf (format, args);
  va_end (args);

  message->line = line;
  message->field = field;
  message->severity = severity;
  g_ptr_array_add (ctx->report->messages, message);

  if (severity == DESK_IMPORT_ERROR)
    {
      ctx->report->n_errors++;
      ctx->failed = TRUE;
    }
  else
    ctx->report->n_warnings++;
}

static const char *
column_of (DeskImportContext *ctx,
           DeskField          field)
{
  if (field > DESK_FIELD_NONE && field < DESK_N_FIELDS &&
      ctx->columns[field] != NULL)
    return ctx->columns[field];

  return desk_field_to_string (field);
}

static void
row_message (DeskImportContext  *ctx,
             guint               line,
             DeskField           field,
             DeskImportSeverity  severity,
             const char         *text)
{
  if (field == DESK_FIELD_NONE)
    desk_import_message (ctx, line, field, severity,
                         _("Line %u: %s"), line, text);
  else
    desk_import_message (ctx, line, field, severity,
                         /* Translators: "Line 4, severity: <sentence>" */
                         _("Line %u, %s: %s"), line,
                         column_of (ctx, field), text);
}

void
desk_import_row_error (DeskImportContext *ctx,
                       guint              line,
                       DeskField          field,
                       const char        *text)
{
  row_message (ctx, line, field, DESK_IMPORT_ERROR, text);
}

void
desk_import_row_warning (DeskImportContext *ctx,
                         guint              line,
                         DeskField          field,
                         const char        *text)
{
  row_message (ctx, line, field, DESK_IMPORT_WARNING, text);
}

gboolean
desk_import_parse_time (DeskImportContext *ctx,
                        guint              line,
                        DeskField          field,
                        const char        *text,
                        gint64            *out)
{
  g_autoptr(GError) error = NULL;

  *out = DESK_TIME_NONE;
  if (text == NULL || *text == '\0')
    return TRUE;

  if (desk_time_parse (text, ctx->tz, DESK_FOLD_REFUSE, out, &error))
    return TRUE;

  g_clear_error (&error);
  if (desk_time_parse (text, ctx->tz, DESK_FOLD_EARLIER, out, NULL))
    {
      g_autofree char *warning = NULL;

      warning = g_strdup_printf (_("The time “%s” occurs twice in this time "
                                   "zone; the earlier one was taken."),
                                 text);
      desk_import_row_warning (ctx, line, field, warning);
      return TRUE;
    }

  desk_time_parse (text, ctx->tz, DESK_FOLD_REFUSE, out, &error);
  desk_import_row_error (ctx, line, field, error->message);
  *out = DESK_TIME_NONE;

  return FALSE;
}

gboolean
desk_import_local_time (DeskImportContext *ctx,
                        guint              line,
                        DeskField          field,
                        const char        *text,
                        int                year,
                        int                month,
                        int                day,
                        int                hour,
                        int                minute,
                        int                second,
                        gint64            *out)
{
  g_autoptr(GError) error = NULL;

  if (desk_time_from_local (ctx->tz, year, month, day, hour, minute, second,
                            DESK_FOLD_REFUSE, out, &error))
    return TRUE;

  if (desk_time_from_local (ctx->tz, year, month, day, hour, minute, second,
                            DESK_FOLD_EARLIER, out, NULL))
    {
      g_autofree char *warning = NULL;

      warning = g_strdup_printf (_("The time “%s” occurs twice in this time "
                                   "zone; the earlier one was taken."),
                                 text);
      desk_import_row_warning (ctx, line, field, warning);
      return TRUE;
    }

  desk_import_row_error (ctx, line, field, error->message);
  *out = DESK_TIME_NONE;

  return FALSE;
}

gboolean
desk_import_put (DeskImportContext  *ctx,
                 guint               line,
                 DeskIncident       *incident,
                 GPtrArray          *timeline,
                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  DeskField field = DESK_FIELD_NONE;
  gboolean created = FALSE;

  if (desk_import_is_empty (incident->reference))
    {
      desk_import_row_error (ctx, line, DESK_FIELD_REFERENCE,
                             _("The row has no reference."));
      return TRUE;
    }

  /* The store validates too; validating here only when nothing will be
   * written, or to name the field the store refused, saves a second
   * pass over every text of every row.
   */
  if (ctx->failed && !desk_incident_validate (incident, &field, &local_error))
    {
      desk_import_row_error (ctx, line, field, local_error->message);
      return TRUE;
    }

  if ((incident->status == DESK_STATUS_RESOLVED ||
       incident->status == DESK_STATUS_CLOSED) &&
      desk_import_is_empty (incident->resolution))
    ctx->n_without_resolution++;
  if (incident->status == DESK_STATUS_CLOSED &&
      desk_import_is_empty (incident->root_cause))
    ctx->n_without_root_cause++;

  if (ctx->failed)
    return TRUE;

  if (!desk_store_import_incident (ctx->store, incident, timeline,
                                   &created, &local_error))
    {
      if (local_error->domain == DESK_ERROR &&
          (local_error->code == DESK_ERROR_INVALID ||
           local_error->code == DESK_ERROR_NOT_FOUND ||
           local_error->code == DESK_ERROR_CONFLICT))
        {
          g_autoptr(GError) invalid = NULL;

          if (!desk_incident_validate (incident, &field, &invalid))
            desk_import_row_error (ctx, line, field, invalid->message);
          else
            desk_import_row_error (ctx, line, DESK_FIELD_NONE,
                                   local_error->message);
          return TRUE;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (created)
    ctx->report->n_created++;
  else
    ctx->report->n_updated++;

  return TRUE;
}

gboolean
desk_import_tick (DeskImportContext  *ctx,
                  GError            **error)
{
  if (g_cancellable_is_cancelled (ctx->cancellable))
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_CANCELLED,
                           _("The import was cancelled."));
      return FALSE;
    }

  if (ctx->progress != NULL && ctx->report->n_rows % PROGRESS_EVERY == 0)
    ctx->progress (ctx->report->n_rows, ctx->progress_data);

  return TRUE;
}

/* The app's own format */

typedef enum
{
  KIND_TEXT,
  KIND_TIME,
  KIND_SEVERITY,
  KIND_IMPACT,
  KIND_STATUS,
  KIND_FACTOR,
  KIND_DERIVED,
} Kind;

static const struct
{
  DeskField field;
  Kind      kind;
} own_columns[DESK_EXPORT_N_COLUMNS] = {
  { DESK_FIELD_REFERENCE, KIND_TEXT },
  { DESK_FIELD_TITLE, KIND_TEXT },
  { DESK_FIELD_SERVICE, KIND_TEXT },
  { DESK_FIELD_SEVERITY, KIND_SEVERITY },
  { DESK_FIELD_IMPACT, KIND_IMPACT },
  { DESK_FIELD_STATUS, KIND_STATUS },
  { DESK_FIELD_DETECTED_AT, KIND_TIME },
  { DESK_FIELD_ACKNOWLEDGED_AT, KIND_TIME },
  { DESK_FIELD_IMPACT_START, KIND_TIME },
  { DESK_FIELD_IMPACT_END, KIND_TIME },
  { DESK_FIELD_RESOLVED_AT, KIND_TIME },
  { DESK_FIELD_CLOSED_AT, KIND_TIME },
  { DESK_FIELD_NONE, KIND_DERIVED },
  { DESK_FIELD_ASSIGNEE, KIND_TEXT },
  { DESK_FIELD_REPORTER, KIND_TEXT },
  { DESK_FIELD_DESCRIPTION, KIND_TEXT },
  { DESK_FIELD_ROOT_CAUSE, KIND_TEXT },
  { DESK_FIELD_FIVE_WHYS, KIND_TEXT },
  { DESK_FIELD_FACTOR, KIND_FACTOR },
  { DESK_FIELD_WORKAROUND, KIND_TEXT },
  { DESK_FIELD_RESOLUTION, KIND_TEXT },
  { DESK_FIELD_PROBLEM, KIND_TEXT },
};

static void
value_error (DeskImportContext *ctx,
             guint              line,
             DeskField          field,
             const char        *format,
             const char        *value)
{
  g_autofree char *text = g_strdup_printf (format, value);

  desk_import_row_error (ctx, line, field, text);
}

gboolean
desk_import_set_vocabulary (DeskImportContext *ctx,
                            guint              line,
                            DeskIncident      *incident,
                            DeskField          field,
                            const char        *value)
{
  switch ((int) field)
    {
    case DESK_FIELD_SEVERITY:
      if (desk_severity_from_string (value, &incident->severity))
        return TRUE;
      value_error (ctx, line, field,
                   _("“%s” is not a severity; use SEV1, SEV2, SEV3 or SEV4."),
                   value);
      return FALSE;

    case DESK_FIELD_IMPACT:
      if (desk_impact_from_string (value, &incident->impact))
        return TRUE;
      value_error (ctx, line, field,
                   _("“%s” is not an impact; use Outage, Degraded or None."),
                   value);
      return FALSE;

    case DESK_FIELD_STATUS:
      if (desk_status_from_string (value, &incident->status))
        return TRUE;
      value_error (ctx, line, field,
                   _("“%s” is not a status; use New, Investigating, "
                     "Identified, Monitoring, On hold, Resolved or Closed."),
                   value);
      return FALSE;

    case DESK_FIELD_FACTOR:
      if (*value == '\0')
        {
          incident->factor = DESK_FACTOR_UNSET;
          return TRUE;
        }
      if (desk_factor_from_string (value, &incident->factor))
        return TRUE;
      value_error (ctx, line, field,
                   _("“%s” is not a contributing factor; use People, Process, "
                     "Technology, External or Unknown."),
                   value);
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

static void
read_own_row (DeskImportContext  *ctx,
              guint               line,
              const char        **fields,
              DeskIncident       *incident)
{
  for (guint i = 0; i < DESK_EXPORT_N_COLUMNS; i++)
    {
      DeskField field = own_columns[i].field;
      const char *value = fields[i];
      gint64 instant;

      switch (own_columns[i].kind)
        {
        case KIND_TEXT:
          desk_incident_set_string (incident, field, desk_csv_unguard (value));
          break;

        case KIND_TIME:
          if (desk_import_parse_time (ctx, line, field, value, &instant))
            desk_incident_set_time (incident, field, instant);
          break;

        case KIND_SEVERITY:
        case KIND_IMPACT:
        case KIND_STATUS:
        case KIND_FACTOR:
          desk_import_set_vocabulary (ctx, line, incident, field, value);
          break;

        case KIND_DERIVED:
        default:
          break;
        }
    }
}

static gboolean
run_own (DeskImportContext  *ctx,
         DeskCsvReader      *reader,
         GError            **error)
{
  const char **fields;
  guint n;

  for (guint i = 0; i < DESK_EXPORT_N_COLUMNS; i++)
    {
      if (own_columns[i].field != DESK_FIELD_NONE)
        ctx->columns[own_columns[i].field] = desk_export_columns ()[i];
    }

  while (desk_csv_reader_next (reader, &fields, &n, ctx->cancellable, error))
    {
      g_autoptr(DeskIncident) incident = desk_incident_new ();
      guint line = desk_csv_reader_get_line (reader);
      guint errors = ctx->report->n_errors;

      ctx->report->n_rows++;
      if (!desk_import_tick (ctx, error))
        return FALSE;

      if (n != DESK_EXPORT_N_COLUMNS)
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (ngettext ("The row has %u field, but the "
                                            "header has %u.",
                                            "The row has %u fields, but the header has %u.",
                                            n),
                                  n, DESK_EXPORT_N_COLUMNS);
          desk_import_row_error (ctx, line, DESK_FIELD_NONE, text);
          continue;
        }

      read_own_row (ctx, line, fields, incident);
      if (ctx->report->n_errors > errors)
        continue;

      if (!desk_import_put (ctx, line, incident, NULL, error))
        return FALSE;
    }

  return *error == NULL;
}

/* The driver */

static void
add_summary_warnings (DeskImportContext *ctx)
{
  if (ctx->n_without_resolution > 0)
    desk_import_message (ctx, 0, DESK_FIELD_RESOLUTION, DESK_IMPORT_WARNING,
                         ngettext ("%u resolved or closed incident has no "
                                   "resolution text.",
                                   "%u resolved or closed incidents have no resolution text.",
                                   ctx->n_without_resolution),
                         ctx->n_without_resolution);
  if (ctx->n_without_root_cause > 0)
    desk_import_message (ctx, 0, DESK_FIELD_ROOT_CAUSE, DESK_IMPORT_WARNING,
                         ngettext ("%u closed incident has no root cause.",
                                   "%u closed incidents have no root cause.",
                                   ctx->n_without_root_cause),
                         ctx->n_without_root_cause);
}

static int
compare_messages (gconstpointer a,
                  gconstpointer b)
{
  const DeskImportMessage *ma = *(DeskImportMessage * const *) a;
  const DeskImportMessage *mb = *(DeskImportMessage * const *) b;

  /* Messages about the whole file come last. */
  guint la = ma->line ? ma->line : G_MAXUINT;
  guint lb = mb->line ? mb->line : G_MAXUINT;

  return la < lb ? -1 : la > lb;
}

static char
mapping_separator (GKeyFile *mapping)
{
  g_autofree char *value = NULL;

  if (mapping == NULL)
    return 0;

  value = g_key_file_get_value (mapping, "options", "separator", NULL);
  if (value != NULL && strlen (value) == 1)
    return value[0];
  if (g_strcmp0 (value, "\\t") == 0 || g_strcmp0 (value, "tab") == 0)
    return '\t';

  return 0;
}

static gboolean
run_format (DeskImportContext        *ctx,
            DeskCsvReader            *reader,
            const DeskImportOptions  *options,
            const char * const       *header,
            guint                     n_columns,
            GError                  **error)
{
  switch (ctx->report->format)
    {
    case DESK_IMPORT_FORMAT_INCIDENTDESK:
      return run_own (ctx, reader, error);

    case DESK_IMPORT_FORMAT_SERVICENOW:
      return desk_import_run_servicenow (ctx, reader, header, n_columns, error);

    case DESK_IMPORT_FORMAT_MAPPED:
      return desk_import_run_mapped (ctx, reader, header, n_columns,
                                     options->mapping, error);

    case DESK_IMPORT_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
choose_format (DeskImportReport         *report,
               const DeskImportOptions  *options,
               const char * const       *header,
               guint                     n_columns,
               GError                  **error)
{
  DeskImportFormat detected = desk_import_detect_format (header, n_columns);

  report->format = options->format;
  if (report->format == DESK_IMPORT_FORMAT_AUTO)
    report->format = options->mapping ? DESK_IMPORT_FORMAT_MAPPED : detected;

  switch (report->format)
    {
    case DESK_IMPORT_FORMAT_AUTO:
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_UNKNOWN_FORMAT,
                           _("This file is neither an IncidentDesk nor a "
                             "ServiceNow export; import it with a column "
                             "mapping."));
      return FALSE;

    case DESK_IMPORT_FORMAT_INCIDENTDESK:
      if (detected == DESK_IMPORT_FORMAT_INCIDENTDESK)
        return TRUE;
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_PARSE,
                           _("The first line of this file is not the header of "
                             "an IncidentDesk export."));
      return FALSE;

    case DESK_IMPORT_FORMAT_SERVICENOW:
      for (guint i = 0; i < G_N_ELEMENTS (servicenow_required); i++)
        {
          if (desk_import_find_column (header, n_columns,
                                       servicenow_required[i]) < 0)
            {
              g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                           _("This file has no column “%s”, which a ServiceNow "
                             "export has."),
                           servicenow_required[i]);
              return FALSE;
            }
        }
      return TRUE;

    case DESK_IMPORT_FORMAT_MAPPED:
      if (options->mapping != NULL)
        return desk_import_mapping_validate (options->mapping, error);
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_PARSE,
                           _("A column mapping is needed to import this file."));
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

/* Errors of the input stream become DeskErrors like every other. */
static void
propagate_error (GError **error,
                 GError  *cause)
{
  if (cause->domain == DESK_ERROR)
    {
      g_propagate_error (error, cause);
      return;
    }

  g_debug ("Import stopped: %s", cause->message);
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_CANCELLED,
                         _("The import was cancelled."));
  else
    g_set_error_literal (error, DESK_ERROR, DESK_ERROR_IO,
                         _("The file could not be read to the end."));
  g_error_free (cause);
}

DeskImportReport *
desk_import_stream (DeskStore                *store,
                    GInputStream             *input,
                    const DeskImportOptions  *options,
                    DeskImportProgress        progress,
                    gpointer                  progress_data,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  g_autoptr(DeskImportReport) report = report_new ();
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_auto(GStrv) header = NULL;
  DeskImportOptions defaults;
  DeskImportContext ctx = { 0 };
  GError *run_error = NULL;
  const char **fields;
  guint n_columns;
  char separator = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);

  if (options == NULL)
    {
      desk_import_options_init (&defaults);
      options = &defaults;
    }

  if (options->format == DESK_IMPORT_FORMAT_MAPPED ||
      (options->format == DESK_IMPORT_FORMAT_AUTO && options->mapping))
    separator = mapping_separator (options->mapping);

  reader = desk_csv_reader_new (input, separator);
  if (!desk_csv_reader_next (reader, &fields, &n_columns, cancellable,
                             &run_error))
    {
      if (run_error != NULL)
        propagate_error (error, run_error);
      else
        g_set_error_literal (error, DESK_ERROR, DESK_ERROR_PARSE,
                             _("The file is empty."));
      return NULL;
    }

  header = g_strdupv ((char **) fields);
  if (!choose_format (report, options, (const char * const *) header,
                      n_columns, error))
    return NULL;

  report->dry_run = options->dry_run;
  ctx.store = store;
  ctx.report = report;
  ctx.tz = options->tz;
  ctx.tz_given = options->tz != NULL;
  if (ctx.tz == NULL)
    ctx.tz = local = g_time_zone_new_local ();
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.cancellable = cancellable;

  if (!(options->dry_run ? desk_store_begin (store, error)
                         : desk_store_begin_bulk (store, error)))
    return NULL;

  if (!run_format (&ctx, reader, options, (const char * const *) header,
                   n_columns, &run_error))
    {
      desk_store_rollback (store);
      propagate_error (error, run_error);
      return NULL;
    }

  add_summary_warnings (&ctx);
  g_ptr_array_sort (report->messages, compare_messages);

  if (report->n_errors > 0 || options->dry_run)
    desk_store_rollback (store);
  else if (!desk_store_commit (store, error))
    {
      desk_store_rollback (store);
      return NULL;
    }
  else
    report->committed = TRUE;

  if (progress != NULL)
    progress (report->n_rows, progress_data);

  g_debug ("Import (%s%s): %u rows, %u new, %u replaced, %u skipped, "
           "%u errors, %u warnings",
           desk_import_format_to_string (report->format),
           options->dry_run ? ", dry run" : "",
           report->n_rows, report->n_created, report->n_updated,
           report->n_skipped, report->n_errors, report->n_warnings);

  return g_steal_pointer (&report);
}

static void
set_open_error (GFile   *file,
                GError  *cause,
                GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  int code = DESK_ERROR_IO;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    code = DESK_ERROR_NOT_FOUND;
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    code = DESK_ERROR_PERMISSION;
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    code = DESK_ERROR_CANCELLED;

  g_debug ("Cannot read %s: %s", name, cause->message);
  if (code == DESK_ERROR_NOT_FOUND)
    g_set_error (error, DESK_ERROR, code,
                 _("The file “%s” does not exist."), name);
  else if (code == DESK_ERROR_CANCELLED)
    g_set_error_literal (error, DESK_ERROR, code,
                         _("The import was cancelled."));
  else
    g_set_error (error, DESK_ERROR, code,
                 _("The file “%s” could not be read."), name);
}

DeskImportReport *
desk_import_file (DeskStore                *store,
                  GFile                    *file,
                  const DeskImportOptions  *options,
                  DeskImportProgress        progress,
                  gpointer                  progress_data,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  input = g_file_read (file, cancellable, &local_error);
  if (input == NULL)
    {
      set_open_error (file, local_error, error);
      return NULL;
    }

  return desk_import_stream (store, G_INPUT_STREAM (input), options,
                             progress, progress_data, cancellable, error);
}

/* In a worker thread */

typedef struct
{
  DeskStore         *store;
  GFile             *file;
  DeskImportOptions  options;
  DeskProgressTarget *target;
} ImportTask;

static void
import_task_free (gpointer data)
{
  ImportTask *task = data;

  g_object_unref (task->store);
  g_object_unref (task->file);
  g_clear_pointer (&task->options.mapping, g_key_file_unref);
  g_clear_pointer (&task->options.tz, g_time_zone_unref);
  if (task->target != NULL)
    desk_progress_target_release (task->target);
  g_free (task);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *data = task_data;
  DeskImportReport *report;
  GError *error = NULL;

  report = desk_import_file (data->store, data->file, &data->options,
                             data->target ? desk_progress_target_report : NULL,
                             data->target, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report,
                           (GDestroyNotify) desk_import_report_free);
}

void
desk_import_file_async (DeskStore               *store,
                        GFile                   *file,
                        const DeskImportOptions *options,
                        DeskImportProgress       progress,
                        gpointer                 progress_data,
                        GDestroyNotify           progress_destroy,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *data;

  g_return_if_fail (DESK_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ImportTask, 1);
  data->store = g_object_ref (store);
  data->file = g_object_ref (file);
  if (options != NULL)
    data->options = *options;
  else
    desk_import_options_init (&data->options);
  if (data->options.mapping != NULL)
    g_key_file_ref (data->options.mapping);
  if (data->options.tz != NULL)
    g_time_zone_ref (data->options.tz);

  data->target = desk_progress_target_new (progress, progress_data,
                                           progress_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_import_file_async);
  g_task_set_task_data (task, data, import_task_free);
  g_task_run_in_thread (task, import_thread);
}

DeskImportReport *
desk_import_file_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
