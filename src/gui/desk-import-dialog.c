/* desk-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps are pages of one stack: "choose" → ("mapping") → "check" →
 * "progress". The core does the work in worker threads: the header and
 * sample values are read in a GTask, the dry run and the import through
 * desk_import_file_async. The import is one transaction, so stopping it
 * or a failure writes nothing; the dialog then stays on the check page
 * with every choice kept.
 */

#define G_LOG_DOMAIN "desk-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-csv.h"
#include "desk-error.h"
#include "desk-export.h"
#include "desk-gui-util.h"
#include "desk-import-dialog.h"
#include "desk-mapping-row.h"
#include "desk-reflow-box.h"

/* How many data rows are read for the values shown in the mapping, and
 * how many distinct values of a column are offered at most.
 */
#define SAMPLE_ROWS   200
#define SAMPLE_VALUES 12

/* More messages than this are summed up in one line. */
#define MAX_MESSAGES  500

typedef struct
{
  GStrv       columns;
  GHashTable *samples;   /* column → GPtrArray of distinct values */
} Preview;

struct _DeskImportDialog
{
  AdwWindow        parent_instance;

  DeskStore       *store;
  GFile           *file;
  GTimeZone       *desk_tz;
  GCancellable    *cancellable;
  GtkNativeDialog *chooser;
  DeskImportFormat format;
  GStrv            columns;
  GHashTable      *samples;
  GPtrArray       *mapping_rows;
  DeskImportReport *report;
  char            *checked_zone;   /* the zone text of the last dry run */
  guint            busy : 1;
  guint            disposed : 1;

  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkLabel        *message_label;
  GtkWidget       *back_button;
  GtkWidget       *import_button;
  GtkWidget       *next_button;
  GtkWidget       *mapping_footer;
  GtkLabel        *mapping_reason_label;
  GtkWidget       *choose_button;
  GtkSpinner      *read_spinner;
  AdwPreferencesGroup *fields_group;
  AdwComboRow     *skip_column_row;
  AdwEntryRow     *skip_values_row;
  AdwEntryRow     *date_format_row;
  AdwActionRow    *file_row;
  AdwActionRow    *format_row;
  AdwEntryRow     *zone_row;
  GtkSpinner      *check_spinner;
  AdwActionRow    *counts_row;
  GtkListBox      *messages_list;
  GtkProgressBar  *progress_bar;
};

G_DEFINE_FINAL_TYPE (DeskImportDialog, desk_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
preview_free (gpointer data)
{
  Preview *preview = data;

  g_strfreev (preview->columns);
  g_clear_pointer (&preview->samples, g_hash_table_unref);
  g_free (preview);
}

static const char *
format_label (DeskImportFormat format)
{
  switch (format)
    {
    case DESK_IMPORT_FORMAT_INCIDENTDESK:
      return _("IncidentDesk export");

    case DESK_IMPORT_FORMAT_SERVICENOW:
      return _("ServiceNow incident export");

    case DESK_IMPORT_FORMAT_AUTO:
    case DESK_IMPORT_FORMAT_MAPPED:
    default:
      return _("Other CSV — map its columns");
    }
}

static const char *
current_page (DeskImportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
show_message (DeskImportDialog *self,
              const char       *text)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

/* The fields every row needs (desk_import_put and the incident's own
 * checks); status and impact have defaults.
 */
static const DeskField required_fields[] = {
  DESK_FIELD_REFERENCE, DESK_FIELD_TITLE, DESK_FIELD_SERVICE,
  DESK_FIELD_SEVERITY, DESK_FIELD_DETECTED_AT,
};

/* The labels of the required fields given neither a column nor a value,
 * separated by commas; NULL when none is missing.
 */
static char *
missing_fields (DeskImportDialog *self)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (required_fields); i++)
    for (guint r = 0; r < self->mapping_rows->len; r++)
      {
        DeskMappingRow *row = g_ptr_array_index (self->mapping_rows, r);
        const char *constant;

        if (desk_mapping_row_get_field (row) != required_fields[i])
          continue;

        constant = desk_mapping_row_get_constant (row);
        if (desk_mapping_row_get_column (row) != NULL ||
            (constant != NULL && constant[0] != '\0'))
          break;

        if (missing->len > 0)
          /* TRANSLATORS: between the names of fields in a list */
          g_string_append (missing, _(", "));
        g_string_append (missing, desk_field_label (required_fields[i]));
        break;
      }

  if (missing->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&missing), FALSE);
}

/* The one place that decides what can be done now. */
static void
update_state (DeskImportDialog *self)
{
  const char *page = current_page (self);
  gboolean writable = self->store != NULL &&
                      !desk_store_is_read_only (self->store);
  gboolean on_check = g_strcmp0 (page, "check") == 0;
  gboolean on_mapping = g_strcmp0 (page, "mapping") == 0;
  gboolean can_import;
  g_autofree char *missing = NULL;
  g_autofree char *reason = NULL;

  if (on_mapping)
    missing = missing_fields (self);
  if (missing != NULL)
    /* TRANSLATORS: %s lists fields, such as "Title, Service" */
    reason = g_strdup_printf (_("To go on, choose a column or type a value "
                                "for: %s"), missing);
  gtk_label_set_text (self->mapping_reason_label,
                      reason != NULL ? reason : "");

  can_import = writable && on_check && !self->busy && self->report != NULL &&
               self->report->n_errors == 0 && self->report->n_rows > 0;

  gtk_widget_set_visible (self->back_button, on_check || on_mapping);
  gtk_widget_set_visible (self->mapping_footer, on_mapping);
  gtk_widget_set_visible (self->import_button, on_check);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zone_row), !self->busy);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose",
                                 writable && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check",
                                 writable && !self->busy && on_mapping &&
                                 missing == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back",
                                 !self->busy && (on_check || on_mapping));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.save-mapping",
                                 on_mapping && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.load-mapping",
                                 on_mapping && self->chooser == NULL);

  if (on_check)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  else if (on_mapping)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);
  else
    gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
}

static void
set_busy (DeskImportDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_page (DeskImportDialog *self,
           const char       *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* Plain words for what went wrong reading the file; the core's own
 * errors already are.
 */
static void
show_error (DeskImportDialog *self,
            const char       *what,
            const GError     *error)
{
  g_autofree char *text = NULL;

  g_warning ("%s: %s", what, error->message);

  if (error->domain == DESK_ERROR)
    text = g_strdup (error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    text = g_strdup (_("The file could not be found. It may have been moved "
                       "or deleted."));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    text = g_strdup (_("You may not read this file. Choose another one."));
  else
    text = g_strdup (_("The file could not be read. Choose another one."));

  show_message (self, text);
}

/* Reading the header and some values, in a worker thread */

static void
add_sample (GHashTable *seen,
            GPtrArray  *values,
            const char *value)
{
  g_autofree char *text = g_strstrip (g_strdup (value));

  if (text[0] == '\0' || values->len >= SAMPLE_VALUES ||
      g_hash_table_contains (seen, text))
    return;

  g_hash_table_add (seen, g_strdup (text));
  g_ptr_array_add (values, g_steal_pointer (&text));
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GError) error = NULL;
  const char **fields;
  guint n_fields;
  Preview *preview;

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reader = desk_csv_reader_new (G_INPUT_STREAM (stream), 0);
  if (!desk_csv_reader_next (reader, &fields, &n_fields, cancellable, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (DESK_ERROR, DESK_ERROR_PARSE,
                                     _("The file is empty."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  preview = g_new0 (Preview, 1);
  preview->columns = g_new0 (char *, n_fields + 1);
  preview->samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  seen = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < n_fields; i++)
    {
      preview->columns[i] = g_strdup (fields[i]);
      if (!g_hash_table_contains (preview->samples, fields[i]))
        g_hash_table_insert (preview->samples, g_strdup (fields[i]),
                             g_ptr_array_new_with_free_func (g_free));
      g_ptr_array_add (seen, g_hash_table_new_full (g_str_hash, g_str_equal,
                                                    g_free, NULL));
    }

  /* A malformed row further down is for the dry run to report. */
  for (guint row = 0; row < SAMPLE_ROWS; row++)
    {
      if (!desk_csv_reader_next (reader, &fields, &n_fields, cancellable,
                                 NULL))
        break;

      for (guint i = 0; i < n_fields && preview->columns[i] != NULL; i++)
        add_sample (g_ptr_array_index (seen, i),
                    g_hash_table_lookup (preview->samples,
                                         preview->columns[i]),
                    fields[i]);
    }

  g_task_return_pointer (task, preview, preview_free);
}

static void start_check (DeskImportDialog *self);

static gboolean
same_name (const char *column,
           DeskField   field)
{
  g_autofree char *a = g_utf8_casefold (column, -1);
  g_autofree char *b = g_utf8_casefold (desk_field_label (field), -1);

  return g_ascii_strcasecmp (column, desk_field_to_string (field)) == 0 ||
         g_strcmp0 (g_strstrip (a), b) == 0;
}

static void
on_mapping_row_changed (DeskImportDialog *self)
{
  g_clear_pointer (&self->report, desk_import_report_free);
  update_state (self);
}

static void
build_mapping_page (DeskImportDialog *self)
{
  const char * const *names = desk_export_columns ();
  g_autoptr(GtkStringList) skip = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->fields_group,
                                  g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);

  for (guint i = 0; names[i] != NULL; i++)
    {
      DeskField field;
      GtkWidget *row;

      if (!desk_field_from_string (names[i], &field))
        continue;

      row = desk_mapping_row_new (field, (const char * const *) self->columns,
                                  self->samples);
      for (guint c = 0; self->columns[c] != NULL; c++)
        if (same_name (self->columns[c], field))
          {
            desk_mapping_row_set_column (DESK_MAPPING_ROW (row),
                                         self->columns[c]);
            break;
          }
      g_signal_connect_object (row, "changed",
                               G_CALLBACK (on_mapping_row_changed), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->fields_group, row);
      g_ptr_array_add (self->mapping_rows, row);
    }

  gtk_string_list_append (skip, _("Skip no rows"));
  for (guint c = 0; self->columns[c] != NULL; c++)
    gtk_string_list_append (skip, self->columns[c]);
  adw_combo_row_set_model (self->skip_column_row, G_LIST_MODEL (skip));
  adw_combo_row_set_selected (self->skip_column_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->skip_values_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_format_row), "");
}

static void
preview_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DeskImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  Preview *preview;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->disposed)
    {
      g_clear_pointer (&preview, preview_free);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->read_spinner), FALSE);
  gtk_spinner_stop (self->read_spinner);
  set_busy (self, FALSE);

  if (preview == NULL)
    {
      if (!desk_gui_error_is_cancelled (error))
        show_error (self, "Could not read the file's header", error);
      return;
    }

  g_strfreev (self->columns);
  self->columns = g_steal_pointer (&preview->columns);
  g_clear_pointer (&self->samples, g_hash_table_unref);
  self->samples = g_steal_pointer (&preview->samples);
  preview_free (preview);

  self->format = desk_import_detect_format (
    (const char * const *) self->columns, g_strv_length (self->columns));

  name = g_file_get_basename (self->file);
  adw_action_row_set_subtitle (self->file_row, name);
  adw_window_title_set_subtitle (self->window_title, name);
  adw_action_row_set_subtitle (self->format_row, format_label (self->format));

  if (self->format == DESK_IMPORT_FORMAT_AUTO)
    {
      self->format = DESK_IMPORT_FORMAT_MAPPED;
      build_mapping_page (self);
      show_page (self, "mapping");
      if (self->mapping_rows->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->mapping_rows, 0));
      return;
    }

  start_check (self);
}

void
desk_import_dialog_set_file (DeskImportDialog *self,
                             GFile            *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DESK_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  g_clear_pointer (&self->report, desk_import_report_free);
  show_message (self, NULL);
  show_page (self, "choose");
  gtk_widget_set_visible (GTK_WIDGET (self->read_spinner), TRUE);
  gtk_spinner_start (self->read_spinner);
  set_busy (self, TRUE);

  task = g_task_new (NULL, self->cancellable, preview_done,
                     g_object_ref (self));
  g_task_set_source_tag (task, desk_import_dialog_set_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, preview_thread);
}

/* The dry run and the import */

static GTimeZone *
chosen_zone (DeskImportDialog *self)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  GTimeZone *tz;

  text = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->zone_row))));
  if (text[0] == '\0')
    return g_time_zone_ref (self->desk_tz);

  tz = g_time_zone_new_identifier (text);
  if (tz != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->zone_row), "error");
      return tz;
    }

  gtk_widget_add_css_class (GTK_WIDGET (self->zone_row), "error");
  message = g_strdup_printf (_("“%s” is not a time zone name. Type one "
                               "such as Asia/Jakarta or UTC."), text);
  show_message (self, message);

  return NULL;
}

static void
add_message_row (DeskImportDialog        *self,
                 const DeskImportMessage *message)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  gboolean error = message->severity == DESK_IMPORT_ERROR;

  icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic"
                                             : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message->text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "desk-import-message");
  gtk_list_box_append (self->messages_list, row);
}

static void
clear_messages (DeskImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (
            GTK_WIDGET (self->messages_list))) != NULL)
    gtk_list_box_remove (self->messages_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->messages_list), FALSE);
}

static void
show_report (DeskImportDialog *self)
{
  const DeskImportReport *report = self->report;
  g_autofree char *counts = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;

  clear_messages (self);

  /* TRANSLATORS: the dry run's counts, "12 new, 3 updated, 1 skipped" */
  counts = g_strdup_printf (_("%u new, %u updated, %u skipped"),
                            report->n_created, report->n_updated,
                            report->n_skipped);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->counts_row),
                                 counts);

  errors = g_strdup_printf (ngettext ("%u error", "%u errors",
                                      report->n_errors), report->n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings",
                                        report->n_warnings),
                              report->n_warnings);
  if (report->n_errors > 0)
    problems = g_strdup_printf (_("%s, %s. Fix the errors in the file, then "
                                  "choose it again; nothing was imported."),
                                errors, warnings);
  else if (report->n_rows == 0)
    problems = g_strdup (_("The file holds no incidents."));
  else
    problems = g_strdup_printf (_("%s, %s. Ready to import."), errors,
                                warnings);
  adw_action_row_set_subtitle (self->counts_row, problems);

  for (guint i = 0; i < report->messages->len && i < MAX_MESSAGES; i++)
    add_message_row (self, g_ptr_array_index (report->messages, i));

  if (report->messages->len > MAX_MESSAGES)
    {
      DeskImportMessage more = { 0, DESK_FIELD_NONE, DESK_IMPORT_WARNING,
                                 NULL };

      more.text = g_strdup_printf (_("And %u more."),
                                   report->messages->len - MAX_MESSAGES);
      add_message_row (self, &more);
      g_free (more.text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->messages_list),
                          report->messages->len > 0);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DeskImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  DeskImportReport *report;

  report = desk_import_file_finish (result, &error);
  if (self->disposed)
    {
      g_clear_pointer (&report, desk_import_report_free);
      return;
    }

  gtk_spinner_stop (self->check_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), FALSE);

  if (report == NULL)
    {
      set_busy (self, FALSE);
      if (desk_gui_error_is_cancelled (error))
        return;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->counts_row),
                                     _("The file cannot be imported"));
      adw_action_row_set_subtitle (self->counts_row, "");
      show_error (self, "Dry run failed", error);
      return;
    }

  g_clear_pointer (&self->report, desk_import_report_free);
  self->report = report;
  show_report (self);
  set_busy (self, FALSE);

  if (gtk_widget_get_sensitive (self->import_button))
    gtk_widget_grab_focus (self->import_button);
}

static gboolean
fill_options (DeskImportDialog  *self,
              DeskImportOptions *options,
              gboolean           dry_run)
{
  desk_import_options_init (options);
  options->format = self->format;
  options->dry_run = dry_run;
  options->tz = chosen_zone (self);
  if (options->tz == NULL)
    return FALSE;

  if (self->format == DESK_IMPORT_FORMAT_MAPPED)
    options->mapping = desk_import_dialog_get_mapping (self);

  return TRUE;
}

static void
clear_options (DeskImportOptions *options)
{
  g_clear_pointer (&options->tz, g_time_zone_unref);
  g_clear_pointer (&options->mapping, g_key_file_unref);
}

static void
start_check (DeskImportDialog *self)
{
  DeskImportOptions options;

  show_message (self, NULL);
  g_clear_pointer (&self->report, desk_import_report_free);
  clear_messages (self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->counts_row),
                                 _("Checking…"));
  adw_action_row_set_subtitle (self->counts_row, "");
  show_page (self, "check");

  if (!fill_options (self, &options, TRUE))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->counts_row),
                                     _("Not checked yet"));
      return;
    }

  g_free (self->checked_zone);
  self->checked_zone = g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->zone_row)));
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), TRUE);
  gtk_spinner_start (self->check_spinner);
  set_busy (self, TRUE);
  desk_import_file_async (self->store, self->file, &options, NULL, NULL,
                          NULL, self->cancellable, check_done,
                          g_object_ref (self));
  clear_options (&options);
}

static void
import_progress (guint64  rows_done,
                 gpointer user_data)
{
  DeskImportDialog *self = user_data;
  guint total;
  g_autofree char *text = NULL;

  if (self->disposed || self->report == NULL)
    return;

  total = MAX (self->report->n_rows, 1);
  text = g_strdup_printf (_("%u of %u rows"), (guint) MIN (rows_done, total),
                          total);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 MIN (1.0, (double) rows_done / total));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DeskImportDialog) self = user_data;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWindow *parent;
  guint n;

  report = desk_import_file_finish (result, &error);
  if (self->disposed)
    return;

  set_busy (self, FALSE);
  show_page (self, "check");

  if (report == NULL)
    {
      if (desk_gui_error_is_cancelled (error))
        show_message (self, _("The import was stopped. Nothing was "
                              "imported."));
      else
        show_error (self, "Import failed", error);
      return;
    }

  if (report->n_errors > 0 || !report->committed)
    {
      /* The file or the database changed since the dry run. */
      g_clear_pointer (&self->report, desk_import_report_free);
      self->report = g_steal_pointer (&report);
      show_report (self);
      update_state (self);
      show_message (self, _("The file has errors now that it did not have "
                            "in the dry run. Nothing was imported."));
      return;
    }

  n = report->n_created + report->n_updated;
  text = g_strdup_printf (ngettext ("Imported %u incident",
                                    "Imported %u incidents", n), n);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s",
                                  text);
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.reload", NULL);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
action_run (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (widget);
  DeskImportOptions options;

  if (self->busy || self->report == NULL || self->report->n_errors > 0)
    return;

  /* A zone typed since the dry run is checked before anything is
   * written.
   */
  if (g_strcmp0 (self->checked_zone,
                 gtk_editable_get_text (GTK_EDITABLE (self->zone_row))) != 0)
    {
      start_check (self);
      return;
    }

  if (!fill_options (self, &options, FALSE))
    return;

  show_message (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  import_progress (0, self);
  show_page (self, "progress");
  set_busy (self, TRUE);
  desk_import_file_async (self->store, self->file, &options, import_progress,
                          g_object_ref (self), g_object_unref,
                          self->cancellable, import_done,
                          g_object_ref (self));
  clear_options (&options);
}

static void
action_check (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (widget);
  g_autoptr(GKeyFile) mapping = desk_import_dialog_get_mapping (self);
  g_autoptr(GError) error = NULL;

  if (!desk_import_mapping_validate (mapping, &error))
    {
      show_message (self, error->message);
      return;
    }

  start_check (self);
}

static void
on_zone_apply (DeskImportDialog *self)
{
  if (!self->busy && self->file != NULL)
    start_check (self);
}

static void
action_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (widget);

  show_message (self, NULL);
  if (g_strcmp0 (current_page (self), "check") == 0 &&
      self->format == DESK_IMPORT_FORMAT_MAPPED)
    show_page (self, "mapping");
  else
    show_page (self, "choose");
}

/* Stops the work under way, or closes the dialog. */
static void
action_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (widget);

  if (!self->busy)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* File choosers */

static GtkFileFilter *
filter_new (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

static void
on_chooser_response (DeskImportDialog *self,
                     int               response,
                     GtkNativeDialog  *chooser)
{
  const char *purpose = g_object_get_data (G_OBJECT (chooser), "purpose");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  update_state (self);

  if (file == NULL)
    return;

  if (g_str_equal (purpose, "csv"))
    desk_import_dialog_set_file (self, file);
  else if (g_str_equal (purpose, "save") &&
           !desk_import_dialog_save_mapping (self, file, &error))
    show_error (self, "Could not save the mapping", error);
  else if (g_str_equal (purpose, "load") &&
           !desk_import_dialog_load_mapping (self, file, &error))
    show_error (self, "Could not load the mapping", error);
}

static void
run_chooser (DeskImportDialog     *self,
             const char           *purpose,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                         accept, _("_Cancel"));
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_object_set_data (G_OBJECT (chooser), "purpose", (gpointer) purpose);

  if (g_str_equal (purpose, "csv"))
    filter = filter_new (_("CSV files"), "*.csv", "text/csv");
  else
    filter = filter_new (_("Mapping files"), "*.ini", NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (g_str_equal (purpose, "save"))
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                       "mapping.ini");

  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
  update_state (self);
}

static void
action_choose (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run_chooser (DESK_IMPORT_DIALOG (widget), "csv",
               GTK_FILE_CHOOSER_ACTION_OPEN, _("Import from File"),
               _("_Open"));
}

static void
action_save_mapping (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  run_chooser (DESK_IMPORT_DIALOG (widget), "save",
               GTK_FILE_CHOOSER_ACTION_SAVE, _("Save Mapping"), _("_Save"));
}

static void
action_load_mapping (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  run_chooser (DESK_IMPORT_DIALOG (widget), "load",
               GTK_FILE_CHOOSER_ACTION_OPEN, _("Load Mapping"), _("_Open"));
}

/* GObject */

static gboolean
desk_import_dialog_close_request (GtkWindow *window)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (window);

  /* Closing stops the work; an import under way writes nothing. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (desk_import_dialog_parent_class)->close_request (
    window);
}

static void
desk_import_dialog_dispose (GObject *object)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->desk_tz, g_time_zone_unref);
  g_clear_pointer (&self->samples, g_hash_table_unref);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report, desk_import_report_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (desk_import_dialog_parent_class)->dispose (object);
}

static void
desk_import_dialog_finalize (GObject *object)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (object);

  g_strfreev (self->columns);
  g_free (self->checked_zone);

  G_OBJECT_CLASS (desk_import_dialog_parent_class)->finalize (object);
}

static void
desk_import_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskImportDialog *self = DESK_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_PAGE:
      g_value_set_string (value, current_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_import_dialog_class_init (DeskImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = desk_import_dialog_dispose;
  object_class->finalize = desk_import_dialog_finalize;
  object_class->get_property = desk_import_dialog_get_property;
  window_class->close_request = desk_import_dialog_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_REFLOW_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/"
                                               "desk-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        stack);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        message_label);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        back_button);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        import_button);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        next_button);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        mapping_footer);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        mapping_reason_label);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        choose_button);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        read_spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        fields_group);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        skip_column_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        skip_values_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        date_format_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        file_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        format_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        zone_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        check_spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        counts_row);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        messages_list);
  gtk_widget_class_bind_template_child (widget_class, DeskImportDialog,
                                        progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_zone_apply);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL,
                                   action_choose);
  gtk_widget_class_install_action (widget_class, "import.check", NULL,
                                   action_check);
  gtk_widget_class_install_action (widget_class, "import.run", NULL,
                                   action_run);
  gtk_widget_class_install_action (widget_class, "import.back", NULL,
                                   action_back);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL,
                                   action_cancel);
  gtk_widget_class_install_action (widget_class, "import.save-mapping", NULL,
                                   action_save_mapping);
  gtk_widget_class_install_action (widget_class, "import.load-mapping", NULL,
                                   action_load_mapping);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK,
                                       "import.choose", NULL);
}

static void
desk_import_dialog_init (DeskImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->desk_tz = desk_gui_time_zone ();
  self->mapping_rows = g_ptr_array_new ();
  self->columns = g_new0 (char *, 1);
  self->samples = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_editable_set_text (GTK_EDITABLE (self->zone_row),
                         g_time_zone_get_identifier (self->desk_tz));
  update_state (self);
}

GtkWidget *
desk_import_dialog_new (GtkWindow *parent,
                        DeskStore *store)
{
  DeskImportDialog *self;

  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  g_set_object (&self->store, store);

  if (store == NULL)
    show_message (self, _("Open a database before importing."));
  else if (desk_store_is_read_only (store))
    show_message (self, _("This database is open in viewer mode, so nothing "
                          "can be imported into it."));
  update_state (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->choose_button);

  return GTK_WIDGET (self);
}

const DeskImportReport *
desk_import_dialog_get_report (DeskImportDialog *self)
{
  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}

DeskMappingRow *
desk_import_dialog_get_mapping_row (DeskImportDialog *self,
                                    DeskField         field)
{
  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), NULL);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      DeskMappingRow *row = g_ptr_array_index (self->mapping_rows, i);

      if (desk_mapping_row_get_field (row) == field)
        return row;
    }

  return NULL;
}

GKeyFile *
desk_import_dialog_get_mapping (DeskImportDialog *self)
{
  GKeyFile *mapping = g_key_file_new ();
  g_autofree char *date_format = NULL;
  g_autofree char *skip_values = NULL;
  g_autofree char *zone = NULL;
  guint skip;

  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), mapping);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    desk_mapping_row_save (g_ptr_array_index (self->mapping_rows, i),
                           mapping);

  skip = adw_combo_row_get_selected (self->skip_column_row);
  skip_values = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->skip_values_row))));
  if (skip != GTK_INVALID_LIST_POSITION && skip > 0 &&
      skip <= g_strv_length (self->columns) && skip_values[0] != '\0')
    g_key_file_set_string (mapping, "skip", self->columns[skip - 1],
                           skip_values);

  date_format = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->date_format_row))));
  if (date_format[0] != '\0')
    g_key_file_set_string (mapping, "options", "date_format", date_format);

  zone = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->zone_row))));
  if (zone[0] != '\0')
    g_key_file_set_string (mapping, "options", "time_zone", zone);

  return mapping;
}

gboolean
desk_import_dialog_save_mapping (DeskImportDialog  *self,
                                 GFile             *file,
                                 GError           **error)
{
  g_autoptr(GKeyFile) mapping = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_IO,
                           _("Mappings can only be saved in a local "
                             "folder."));
      return FALSE;
    }

  mapping = desk_import_dialog_get_mapping (self);

  return desk_import_mapping_save (mapping, path, error);
}

gboolean
desk_import_dialog_load_mapping (DeskImportDialog  *self,
                                 GFile             *file,
                                 GError           **error)
{
  g_autoptr(GKeyFile) mapping = NULL;
  g_autofree char *path = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *date_format = NULL;
  g_auto(GStrv) skip = NULL;

  g_return_val_if_fail (DESK_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_IO,
                           _("Mappings can only be loaded from a local "
                             "folder."));
      return FALSE;
    }

  mapping = desk_import_mapping_load (path, error);
  if (mapping == NULL)
    return FALSE;

  for (guint i = 0; i < self->mapping_rows->len; i++)
    desk_mapping_row_load (g_ptr_array_index (self->mapping_rows, i),
                           mapping);

  adw_combo_row_set_selected (self->skip_column_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->skip_values_row), "");
  skip = g_key_file_get_keys (mapping, "skip", NULL, NULL);
  for (guint c = 0; skip != NULL && skip[0] != NULL &&
                    self->columns[c] != NULL; c++)
    if (g_str_equal (self->columns[c], skip[0]))
      {
        g_autofree char *values = g_key_file_get_string (mapping, "skip",
                                                         skip[0], NULL);

        adw_combo_row_set_selected (self->skip_column_row, c + 1);
        gtk_editable_set_text (GTK_EDITABLE (self->skip_values_row),
                               values != NULL ? values : "");
        break;
      }

  date_format = g_key_file_get_string (mapping, "options", "date_format",
                                       NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->date_format_row),
                         date_format != NULL ? date_format : "");
  zone = g_key_file_get_string (mapping, "options", "time_zone", NULL);
  if (zone != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->zone_row), zone);

  g_clear_pointer (&self->report, desk_import_report_free);
  show_message (self, NULL);
  update_state (self);

  return TRUE;
}

void
desk_import_dialog_set_time_zone (DeskImportDialog *self,
                                  const char       *zone)
{
  g_return_if_fail (DESK_IS_IMPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->zone_row), zone);
  if (!self->busy && self->file != NULL &&
      g_strcmp0 (current_page (self), "check") == 0)
    start_check (self);
}
