/* desk-problem-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-problem-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-error.h"
#include "desk-problem-editor.h"

struct _DeskProblemEditor
{
  AdwWindow       parent_instance;

  DeskStore      *store;
  DeskProblem    *problem;

  AdwWindowTitle *window_title;
  GtkWidget      *message_label;
  AdwEntryRow    *title_row;
  AdwComboRow    *status_row;
  GtkWidget      *save_hint;
  GtkWidget      *save_button;
  GtkTextView    *root_cause_view;
  GtkTextView    *workaround_view;
};

G_DEFINE_FINAL_TYPE (DeskProblemEditor, desk_problem_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_save (DeskProblemEditor *self)
{
  g_autofree char *title = NULL;
  gboolean read_only;
  gboolean has_title;

  title = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->title_row))));
  has_title = title[0] != '\0';
  read_only = self->store == NULL || desk_store_is_read_only (self->store);

  if (read_only)
    gtk_label_set_text (GTK_LABEL (self->save_hint),
                        _("This database is open in viewer mode, so "
                          "problems cannot be saved."));
  else
    gtk_label_set_text (GTK_LABEL (self->save_hint),
                        _("Give the problem a title to save it."));

  gtk_widget_set_visible (self->save_hint, read_only || !has_title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 has_title && !read_only);
}

static void
on_title_changed (DeskProblemEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  update_save (self);
}

static void
show_message (DeskProblemEditor *self,
              const char        *message)
{
  gtk_label_set_text (GTK_LABEL (self->message_label), message);
  gtk_widget_set_visible (self->message_label, TRUE);
}

static void
save (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  DeskProblemEditor *self = DESK_PROBLEM_EDITOR (widget);
  g_autoptr(DeskProblem) problem = desk_problem_copy (self->problem);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  g_free (problem->title);
  problem->title = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->title_row))));
  problem->status = adw_combo_row_get_selected (self->status_row);
  g_free (problem->root_cause);
  problem->root_cause = text_view_get_text (self->root_cause_view);
  g_free (problem->workaround);
  problem->workaround = text_view_get_text (self->workaround_view);

  if (problem->id == 0)
    saved = desk_store_create_problem (self->store, problem, &error);
  else
    saved = desk_store_update_problem (self->store, problem, &error);

  if (!saved)
    {
      g_warning ("Could not save the problem: %s", error->message);

      if (g_error_matches (error, DESK_ERROR, DESK_ERROR_CONFLICT))
        show_message (self, _("Someone else changed this problem after you "
                              "opened it. Close this window and open the "
                              "problem again to see their change."));
      else if (error->domain == DESK_ERROR)
        show_message (self, error->message);
      else
        show_message (self, _("The problem could not be saved. Try again "
                              "in a moment."));

      if (g_error_matches (error, DESK_ERROR, DESK_ERROR_INVALID))
        gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");

      return;
    }

  g_signal_emit (self, signals[SAVED], 0, problem->reference);
  gtk_window_close (GTK_WINDOW (self));
}

static void
desk_problem_editor_dispose (GObject *object)
{
  DeskProblemEditor *self = DESK_PROBLEM_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->problem, desk_problem_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_PROBLEM_EDITOR);

  G_OBJECT_CLASS (desk_problem_editor_parent_class)->dispose (object);
}

static void
desk_problem_editor_class_init (DeskProblemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_problem_editor_dispose;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/"
                                               "desk-problem-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskProblemEditor,
                                        window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemEditor,
                                        message_label);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemEditor,
                                        title_row);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemEditor,
                                        status_row);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemEditor,
                                        save_hint);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemEditor,
                                        save_button);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemEditor,
                                        root_cause_view);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemEditor,
                                        workaround_view);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
desk_problem_editor_init (DeskProblemEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (DeskProblemStatus s = DESK_PROBLEM_OPEN; s <= DESK_PROBLEM_RESOLVED;
       s++)
    gtk_string_list_append (statuses, desk_problem_status_label (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

GtkWidget *
desk_problem_editor_new (GtkWindow         *parent,
                         DeskStore         *store,
                         const DeskProblem *problem)
{
  DeskProblemEditor *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_PROBLEM_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->problem = problem != NULL ? desk_problem_copy (problem)
                                  : desk_problem_new ();

  if (self->problem->id == 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Problem"));
      adw_window_title_set_title (self->window_title, _("New Problem"));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Problem"));
      adw_window_title_set_title (self->window_title, _("Edit Problem"));
      adw_window_title_set_subtitle (self->window_title,
                                     self->problem->reference);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         self->problem->title);
  adw_combo_row_set_selected (self->status_row, self->problem->status);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->root_cause_view),
                            self->problem->root_cause, -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->workaround_view),
                            self->problem->workaround, -1);
  update_save (self);

  return GTK_WIDGET (self);
}
