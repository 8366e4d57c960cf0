/* desk-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export writes into a hidden temporary file in the target's folder
 * and renames it over the target only once everything is written, so a
 * stopped or failed export never leaves a partial file, and an older
 * file of the same name stays untouched until the new one is complete.
 */

#define G_LOG_DOMAIN "desk-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-error.h"
#include "desk-export-dialog.h"
#include "desk-export.h"
#include "desk-gui-util.h"
#include "desk-sla-report.h"
#include "desk-time.h"

typedef enum
{
  PERIOD_THIS_MONTH,
  PERIOD_LAST_MONTH,
  PERIOD_THIS_YEAR,
  PERIOD_LAST_YEAR,
  PERIOD_CUSTOM,
} Period;

/* Everything the worker thread needs, copied so that the dialog may
 * change while it runs.
 */
typedef struct
{
  DeskStore  *store;
  DeskQuery  *query;
  GFile      *file;
  GTimeZone  *tz;
  gboolean    spreadsheet;
  gboolean    sla;
  gint64      period_start;
  gint64      period_end;
  double      degraded_weight;
  guint64     rows_written;
  int         rows_done;      /* atomic: progress from the thread */
} ExportJob;

struct _DeskExportDialog
{
  AdwWindow       parent_instance;

  DeskStore      *store;
  DeskQuery      *filter;
  GSettings      *settings;
  GTimeZone      *tz;
  GFile          *file;
  char           *what;
  gboolean        spreadsheet;

  GCancellable   *cancellable;
  GtkNativeDialog *chooser;
  ExportJob      *job;          /* borrowed from the running task */
  guint           progress_source;
  guint           n_all;
  guint           n_filter;
  guint           has_filter : 1;
  guint           running : 1;
  guint           run_after_choose : 1;
  guint           disposed : 1;

  GtkStack       *stack;
  GtkLabel       *message_label;
  AdwActionRow   *all_row;
  AdwActionRow   *filter_row;
  GtkWidget      *period_group;
  AdwComboRow    *period_row;
  GtkWidget      *from_row;
  GtkWidget      *to_row;
  AdwActionRow   *zone_row;
  AdwActionRow   *file_row;
  GtkWidget      *export_button;
  AdwStatusPage  *progress_page;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (DeskExportDialog, desk_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WHAT,
  PROP_SPREADSHEET,
  PROP_FILE,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->store);
  g_clear_pointer (&job->query, desk_query_free);
  g_clear_object (&job->file);
  g_clear_pointer (&job->tz, g_time_zone_unref);
  g_free (job);
}

static gboolean
query_has_filter (const DeskQuery *query)
{
  if (query == NULL)
    return FALSE;

  return (query->service != NULL && query->service[0] != '\0') ||
         (query->text != NULL && query->text[0] != '\0') ||
         (query->problem != NULL && query->problem[0] != '\0') ||
         query->severity_mask != 0 ||
         query->status_mask != 0 ||
         query->detected_from != DESK_TIME_NONE ||
         query->detected_to != DESK_TIME_NONE ||
         query->resolved_from != DESK_TIME_NONE ||
         query->resolved_to != DESK_TIME_NONE;
}

static gboolean
is_sla (DeskExportDialog *self)
{
  return g_strcmp0 (self->what, "sla") == 0;
}

/* The period as desk_period_parse reads it, or NULL when the custom
 * dates are not filled in.
 */
static char *
period_text (DeskExportDialog *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int year;
  int month;

  desk_time_to_local (now, self->tz, &year, &month, NULL, NULL, NULL, NULL,
                      NULL);

  switch ((Period) adw_combo_row_get_selected (self->period_row))
    {
    case PERIOD_THIS_MONTH:
      return g_strdup_printf ("%04d-%02d", year, month);

    case PERIOD_LAST_MONTH:
      if (month == 1)
        return g_strdup_printf ("%04d-12", year - 1);
      return g_strdup_printf ("%04d-%02d", year, month - 1);

    case PERIOD_THIS_YEAR:
      return g_strdup_printf ("%04d", year);

    case PERIOD_LAST_YEAR:
      return g_strdup_printf ("%04d", year - 1);

    case PERIOD_CUSTOM:
    default:
      {
        g_autofree char *from = NULL;
        g_autofree char *to = NULL;

        from = g_strstrip (g_strdup (gtk_editable_get_text (
          GTK_EDITABLE (self->from_row))));
        to = g_strstrip (g_strdup (gtk_editable_get_text (
          GTK_EDITABLE (self->to_row))));
        if (from[0] == '\0' || to[0] == '\0')
          return NULL;

        return g_strdup_printf ("%s/%s", from, to);
      }
    }
}

static gboolean
compute_period (DeskExportDialog  *self,
                gint64            *start,
                gint64            *end,
                GError           **error)
{
  g_autofree char *text = period_text (self);

  if (text == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("Type the first and the last day of the "
                             "period, such as 2025-03-01 and 2025-03-31."));
      return FALSE;
    }

  return desk_period_parse (text, self->tz, start, end, error);
}

static void
show_message (DeskExportDialog *self,
              const char       *text)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

static void
update_file_row (DeskExportDialog *self)
{
  g_autofree char *name = NULL;

  if (self->file != NULL)
    name = g_file_get_parse_name (self->file);

  adw_action_row_set_subtitle (self->file_row,
                               name != NULL ? name
                                            : _("Chosen when you export"));
}

static void
update_counts (DeskExportDialog *self)
{
  g_autofree char *all = NULL;
  g_autofree char *filtered = NULL;

  all = g_strdup_printf (ngettext ("%u incident", "%u incidents",
                                   self->n_all), self->n_all);
  adw_action_row_set_subtitle (self->all_row, all);

  if (!self->has_filter)
    filtered = g_strdup (_("No filter is set in the incident list"));
  else
    filtered = g_strdup_printf (ngettext ("%u incident", "%u incidents",
                                          self->n_filter), self->n_filter);
  adw_action_row_set_subtitle (self->filter_row, filtered);
}

/* The one place that decides what can be done now. */
static void
update_state (DeskExportDialog *self)
{
  gboolean custom;
  gboolean ready;
  gint64 start;
  gint64 end;

  custom = adw_combo_row_get_selected (self->period_row) == PERIOD_CUSTOM;
  gtk_widget_set_visible (self->period_group, is_sla (self));
  gtk_widget_set_visible (self->from_row, custom);
  gtk_widget_set_visible (self->to_row, custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_row), self->has_filter);

  ready = self->store != NULL && !self->running;
  if (g_strcmp0 (self->what, "filter") == 0)
    ready = ready && self->has_filter;
  if (is_sla (self))
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = compute_period (self, &start, &end, &error);

      /* Says why Export is off while the period is incomplete. */
      adw_preferences_group_set_description (
        ADW_PREFERENCES_GROUP (self->period_group),
        valid ? NULL : error->message);
      ready = ready && valid;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.run", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose",
                                 !self->running);
}

static void
on_period_changed (DeskExportDialog *self)
{
  update_state (self);
}

/* The total of a count, or -1 when it failed or the dialog is gone. */
static gint64
finish_count (GObject           *source,
              GAsyncResult      *result,
              GWeakRef          *ref,
              DeskExportDialog **out_self)
{
  g_autoptr(DeskSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  *out_self = g_weak_ref_get (ref);
  g_weak_ref_clear (ref);
  g_free (ref);

  summary = desk_store_summary_finish (DESK_STORE (source), result, &error);
  if (summary == NULL)
    {
      if (!desk_gui_error_is_cancelled (error))
        g_warning ("Could not count the incidents: %s", error->message);
      return -1;
    }
  if (*out_self == NULL || (*out_self)->disposed)
    return -1;

  return summary->total;
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DeskExportDialog) self = NULL;
  gint64 total = finish_count (source, result, user_data, &self);

  if (total < 0)
    return;

  self->n_all = total;
  update_counts (self);
}

static void
count_filtered_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskExportDialog) self = NULL;
  gint64 total = finish_count (source, result, user_data, &self);

  if (total < 0)
    return;

  self->n_filter = total;
  update_counts (self);
}

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);

  return ref;
}

static void
count_incidents (DeskExportDialog *self)
{
  desk_store_summary_async (self->store, NULL, self->cancellable, count_cb,
                            weak_ref_new (self));
  if (self->has_filter)
    desk_store_summary_async (self->store, self->filter, self->cancellable,
                              count_filtered_cb, weak_ref_new (self));
}

static void
export_progress (guint64  rows_done,
                 gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->rows_done, (int) MIN (rows_done, G_MAXINT));
}

static gboolean
write_export (ExportJob      *job,
              GOutputStream  *out,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(DeskSlaReport) report = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!job->sla)
    return desk_export_incidents (job->store, job->query, out, job->tz,
                                  job->spreadsheet
                                  ? DESK_EXPORT_FLAGS_SPREADSHEET
                                  : DESK_EXPORT_FLAGS_NONE,
                                  export_progress, job, &job->rows_written,
                                  cancellable, error);

  report = desk_sla_report_build (job->store, NULL, job->period_start,
                                  job->period_end, job->tz,
                                  job->degraded_weight, now, cancellable,
                                  error);
  if (report == NULL)
    return FALSE;
  job->rows_written = report->rows->len;

  return desk_sla_report_write_csv (report, out, job->tz, job->spreadsheet,
                                    cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GFile) folder = g_file_get_parent (job->file);
  g_autoptr(GFile) partial = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree char *name = g_file_get_basename (job->file);
  g_autofree char *partial_name = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (folder == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                               "Cannot export to %s", name);
      return;
    }

  partial_name = g_strdup_printf (".%s.%08x.part", name, g_random_int ());
  partial = g_file_get_child (folder, partial_name);
  out = g_file_create (partial, G_FILE_CREATE_NONE, cancellable, &error);
  if (out == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ok = write_export (job, G_OUTPUT_STREAM (out), cancellable, &error) &&
       g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, &error) &&
       g_file_move (partial, job->file, G_FILE_COPY_OVERWRITE, NULL, NULL,
                    NULL, &error);
  if (!ok)
    {
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_file_delete (partial, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
update_progress (gpointer user_data)
{
  DeskExportDialog *self = user_data;
  guint done = (guint) g_atomic_int_get (&self->job->rows_done);
  guint total = g_strcmp0 (self->what, "filter") == 0 ? self->n_filter
                                                      : self->n_all;
  g_autofree char *text = NULL;

  if (self->job->sla || total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }

  text = g_strdup_printf (_("%u of %u"), MIN (done, total), total);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 MIN (1.0, (double) done / total));
  gtk_progress_bar_set_text (self->progress_bar, text);

  return G_SOURCE_CONTINUE;
}

static void
show_error (DeskExportDialog *self,
            const GError     *error)
{
  const char *text;

  g_warning ("Export failed: %s", error->message);

  if (error->domain == DESK_ERROR)
    text = error->message;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    text = _("That folder may not be written to. Choose another place for "
             "the file.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    text = _("The disk is full. Free some space or choose another place for "
             "the file.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    text = _("That folder does not exist any more. Choose another place for "
             "the file.");
  else
    text = _("The file could not be written. Choose another place for the "
             "file and try again.");

  show_message (self, text);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWindow *parent;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->job = NULL;
  self->running = FALSE;

  if (self->disposed)
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  gtk_stack_set_visible_child_name (self->stack, "form");
  update_state (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!desk_gui_error_is_cancelled (error))
        show_error (self, error);
      return;
    }

  if (job->sla)
    text = g_strdup_printf (ngettext ("Exported the SLA report of %u service",
                                      "Exported the SLA report of %u services",
                                      (guint) job->rows_written),
                            (guint) job->rows_written);
  else
    text = g_strdup_printf (ngettext ("Exported %u incident",
                                      "Exported %u incidents",
                                      (guint) job->rows_written),
                            (guint) job->rows_written);

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", text);
  gtk_window_close (GTK_WINDOW (self));
}

static void start_export (DeskExportDialog *self);

static void
on_chooser_response (DeskExportDialog *self,
                     int               response,
                     GtkNativeDialog  *chooser)
{
  gboolean run = self->run_after_choose;

  self->run_after_choose = FALSE;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = NULL;

      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      desk_export_dialog_set_file (self, file);
      if (run && file != NULL)
        start_export (self);
      else
        gtk_widget_grab_focus (self->export_button);
    }

  g_clear_object (&self->chooser);
}

static void
choose_file (DeskExportDialog *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export to File"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);

  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser),
                                             folder, NULL);
    }
  name = desk_export_dialog_suggest_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
start_export (DeskExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  if (self->running || self->store == NULL)
    return;

  if (self->file == NULL)
    {
      self->run_after_choose = TRUE;
      choose_file (self);
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->store = g_object_ref (self->store);
  job->file = g_object_ref (self->file);
  job->tz = g_time_zone_ref (self->tz);
  job->spreadsheet = self->spreadsheet;
  job->sla = is_sla (self);
  if (g_strcmp0 (self->what, "filter") == 0 && self->filter != NULL)
    job->query = desk_query_copy (self->filter);
  job->degraded_weight = g_settings_get_double (self->settings,
                                                "degraded-weight");
  if (job->sla && !compute_period (self, &job->period_start,
                                   &job->period_end, &error))
    {
      show_message (self, error->message);
      export_job_free (job);
      return;
    }

  show_message (self, NULL);
  self->running = TRUE;
  self->job = job;
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  adw_status_page_set_title (self->progress_page,
                             job->sla ? _("Exporting the SLA report…")
                                      : _("Exporting incidents…"));
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  update_progress (self);
  self->progress_source = g_timeout_add (100, update_progress, self);

  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
action_run (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  start_export (DESK_EXPORT_DIALOG (widget));
}

static void
action_choose (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (widget);

  self->run_after_choose = FALSE;
  choose_file (self);
}

/* Stops a running export (the dialog stays, with its choices), or
 * closes the dialog.
 */
static void
action_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (widget);

  if (!self->running)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
desk_export_dialog_dispose (GObject *object)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_pointer (&self->filter, desk_query_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (desk_export_dialog_parent_class)->dispose (object);
}

static void
desk_export_dialog_finalize (GObject *object)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (object);

  g_free (self->what);

  G_OBJECT_CLASS (desk_export_dialog_parent_class)->finalize (object);
}

static void
desk_export_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WHAT:
      g_value_set_string (value, self->what);
      break;

    case PROP_SPREADSHEET:
      g_value_set_boolean (value, self->spreadsheet);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_export_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskExportDialog *self = DESK_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WHAT:
      g_free (self->what);
      self->what = g_value_dup_string (value);
      if (self->what == NULL)
        self->what = g_strdup ("all");
      update_state (self);
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_SPREADSHEET:
      if (self->spreadsheet != g_value_get_boolean (value))
        {
          self->spreadsheet = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_FILE:
      desk_export_dialog_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_export_dialog_class_init (DeskExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_export_dialog_dispose;
  object_class->finalize = desk_export_dialog_finalize;
  object_class->get_property = desk_export_dialog_get_property;
  object_class->set_property = desk_export_dialog_set_property;

  properties[PROP_WHAT] =
    g_param_spec_string ("what", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_SPREADSHEET] =
    g_param_spec_boolean ("spreadsheet", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/"
                                               "desk-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        stack);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        message_label);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        all_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        filter_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        period_group);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        period_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        from_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        to_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        zone_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        file_row);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        export_button);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        progress_page);
  gtk_widget_class_bind_template_child (widget_class, DeskExportDialog,
                                        progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);

  gtk_widget_class_install_action (widget_class, "export.run", NULL,
                                   action_run);
  gtk_widget_class_install_action (widget_class, "export.choose", NULL,
                                   action_choose);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL,
                                   action_cancel);
  gtk_widget_class_install_property_action (widget_class, "export.what",
                                            "what");
  gtk_widget_class_install_property_action (widget_class,
                                            "export.spreadsheet",
                                            "spreadsheet");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "export.cancel", NULL);
}

static void
desk_export_dialog_init (DeskExportDialog *self)
{
  self->what = g_strdup ("all");
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->tz = desk_gui_time_zone ();

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_action_row_set_subtitle (self->zone_row,
                               g_time_zone_get_identifier (self->tz));
  self->spreadsheet = g_settings_get_boolean (self->settings,
                                              "csv-spreadsheet");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
  update_file_row (self);
}

GtkWidget *
desk_export_dialog_new (GtkWindow       *parent,
                        DeskStore       *store,
                        const DeskQuery *current_filter)
{
  DeskExportDialog *self;

  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  g_set_object (&self->store, store);
  self->has_filter = query_has_filter (current_filter);
  if (current_filter != NULL)
    self->filter = desk_query_copy (current_filter);

  update_counts (self);
  if (store != NULL)
    count_incidents (self);

  g_object_set (self, "what", self->has_filter ? "filter" : "all", NULL);
  gtk_window_set_focus (GTK_WINDOW (self), self->export_button);

  return GTK_WIDGET (self);
}

void
desk_export_dialog_set_file (DeskExportDialog *self,
                             GFile            *file)
{
  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (!g_set_object (&self->file, file))
    return;

  update_file_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

GFile *
desk_export_dialog_get_file (DeskExportDialog *self)
{
  g_return_val_if_fail (DESK_IS_EXPORT_DIALOG (self), NULL);

  return self->file;
}

char *
desk_export_dialog_suggest_name (DeskExportDialog *self)
{
  g_autofree char *period = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int year;
  int month;
  int day;

  g_return_val_if_fail (DESK_IS_EXPORT_DIALOG (self), NULL);

  if (is_sla (self) && (period = period_text (self)) != NULL)
    {
      g_strdelimit (period, "/", '_');
      return g_strdup_printf ("sla-report-%s.csv", period);
    }

  desk_time_to_local (now, self->tz, &year, &month, &day, NULL, NULL, NULL,
                      NULL);

  return g_strdup_printf ("%s-%04d-%02d-%02d.csv",
                          is_sla (self) ? "sla-report" : "incidents",
                          year, month, day);
}

void
desk_export_dialog_set_custom_period (DeskExportDialog *self,
                                      const char       *from,
                                      const char       *to)
{
  g_return_if_fail (DESK_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->period_row, PERIOD_CUSTOM);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
  update_state (self);
}
