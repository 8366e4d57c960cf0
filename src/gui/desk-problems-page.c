/* desk-problems-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per problem. A problem's incidents are queried only
 * when its row is first expanded, so the page stays quick however many
 * incidents a problem groups.
 */

#define G_LOG_DOMAIN "desk-problems-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-error.h"
#include "desk-problem-editor.h"
#include "desk-problems-page.h"

/* The most linked incidents shown under one problem. */
#define MAX_LINKED 100

typedef struct
{
  DeskProblemsPage *self;
  DeskProblem      *problem;
  AdwExpanderRow   *row;
  GtkWidget        *loading_row;
  gboolean          loaded;
} ProblemRow;

struct _DeskProblemsPage
{
  AdwBin        parent_instance;

  DeskStore    *store;
  GCancellable *cancellable;
  GPtrArray    *problems;     /* DeskProblem, as last loaded */

  GtkStack     *stack;
  GtkSpinner   *spinner;
  AdwStatusPage *error_page;
  AdwStatusPage *empty_page;
  GtkLabel     *count_label;
  GtkWidget    *viewer_label;
  GtkListBox   *list_box;
};

G_DEFINE_FINAL_TYPE (DeskProblemsPage, desk_problems_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, DESK_ERROR, DESK_ERROR_CANCELLED);
}

static gboolean
can_change (DeskProblemsPage *self)
{
  return self->store != NULL && !desk_store_is_read_only (self->store);
}

static void
update_actions (DeskProblemsPage *self)
{
  gboolean writable = can_change (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problems.new", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problems.edit",
                                 writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problems.reload",
                                 self->store != NULL);
  gtk_widget_set_visible (self->viewer_label,
                          self->store != NULL && !writable);
}

static void
show_state (DeskProblemsPage *self,
            const char       *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
problem_row_free (gpointer data)
{
  ProblemRow *pr = data;

  g_clear_pointer (&pr->problem, desk_problem_free);
  g_free (pr);
}

static GtkWidget *
text_row_new (const char *title,
              const char *text,
              const char *if_empty)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean empty = text == NULL || text[0] == '\0';

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), empty ? if_empty : text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");

  return row;
}

static void
on_incident_activated (AdwActionRow *row,
                       gpointer      user_data)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row),
                                                    "incident-id"));

  gtk_widget_activate_action (GTK_WIDGET (row), "win.show-incident", "x",
                              id);
}

static GtkWidget *
incident_row_new (const DeskIncident *incident)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  title = g_strdup_printf ("%s  %s", incident->reference, incident->title);
  /* Translators: an incident's status · severity · service. */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              desk_status_label (incident->status),
                              desk_severity_label (incident->severity),
                              incident->service);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "incident-id",
                     GSIZE_TO_POINTER ((gsize) incident->id));
  g_signal_connect (row, "activated", G_CALLBACK (on_incident_activated),
                    NULL);

  return row;
}

static void
linked_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GObject) keep = user_data;
  ProblemRow *pr = g_object_get_data (keep, "problem-row");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;
  DeskStore *store = DESK_STORE (source);
  guint shown;

  ids = desk_store_query_ids_finish (store, result, &error);
  if (ids == NULL && is_cancelled (error))
    return;

  if (pr == NULL || pr->loading_row == NULL)
    return;

  adw_expander_row_remove (pr->row, pr->loading_row);
  pr->loading_row = NULL;

  if (ids != NULL)
    {
      shown = MIN (ids->len, MAX_LINKED);
      incidents = desk_store_get_incidents (store, (gint64 *) ids->data,
                                            shown, &error);
    }

  if (incidents == NULL)
    {
      g_warning ("Could not read the incidents of %s: %s",
                 pr->problem->reference, error->message);
      adw_expander_row_add_row (pr->row,
                                text_row_new (_("Linked incidents"),
                                              NULL,
                                              _("The linked incidents could "
                                                "not be read. Reload the "
                                                "page to try again.")));
      pr->loaded = FALSE;
      return;
    }

  if (incidents->len == 0)
    adw_expander_row_add_row (pr->row,
                              text_row_new (_("Linked incidents"), NULL,
                                            _("None yet. Link an incident "
                                              "to this problem from the "
                                              "incident’s page.")));

  for (guint i = 0; i < incidents->len; i++)
    adw_expander_row_add_row (pr->row,
                              incident_row_new (g_ptr_array_index (incidents,
                                                                   i)));

  if (ids->len > incidents->len)
    {
      g_autofree char *more = NULL;

      more = g_strdup_printf (_("Showing the first %u of %u incidents."),
                              incidents->len, ids->len);
      adw_expander_row_add_row (pr->row, text_row_new (more, NULL, NULL));
    }
}

static void
load_linked (ProblemRow *pr)
{
  DeskProblemsPage *self = pr->self;
  g_autoptr(DeskQuery) query = desk_query_new ();
  GtkWidget *spinner;

  if (pr->loaded || self->store == NULL)
    return;
  pr->loaded = TRUE;

  pr->loading_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr->loading_row),
                                 _("Looking for linked incidents…"));
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  adw_action_row_add_prefix (ADW_ACTION_ROW (pr->loading_row), spinner);
  adw_expander_row_add_row (pr->row, pr->loading_row);

  query->problem = g_strdup (pr->problem->reference);
  query->sort = DESK_SORT_DETECTED;
  query->descending = TRUE;
  desk_store_query_ids_async (self->store, query, self->cancellable,
                              linked_ready, g_object_ref (pr->row));
}

static void
on_expanded_changed (AdwExpanderRow *row,
                     GParamSpec     *pspec,
                     ProblemRow     *pr)
{
  if (adw_expander_row_get_expanded (row))
    load_linked (pr);
}

static char *
problem_subtitle (const DeskProblem *problem)
{
  g_autofree char *count = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u incident", "%u incidents",
                                        problem->n_incidents),
                           problem->n_incidents);

  /* Translators: a problem's reference · status · number of incidents. */
  return g_strdup_printf (_("%s · %s · %s"), problem->reference,
                          desk_problem_status_label (problem->status), count);
}

static GtkWidget *
problem_row_new (DeskProblemsPage  *self,
                 const DeskProblem *problem)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *edit;
  g_autofree char *subtitle = problem_subtitle (problem);
  ProblemRow *pr = g_new0 (ProblemRow, 1);

  pr->self = self;
  pr->problem = desk_problem_copy (problem);
  pr->row = ADW_EXPANDER_ROW (row);
  g_object_set_data_full (G_OBJECT (row), "problem-row", pr,
                          problem_row_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_name (row, problem->reference);

  edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _("Edit Problem"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Edit Problem"), -1);
  gtk_widget_add_css_class (edit, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "problems.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s",
                                    problem->reference);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), edit);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            text_row_new (_("Root cause"),
                                          problem->root_cause,
                                          _("Not known yet.")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            text_row_new (_("Known error and workaround"),
                                          problem->workaround,
                                          _("No workaround written down "
                                            "yet.")));

  g_signal_connect (row, "notify::expanded",
                    G_CALLBACK (on_expanded_changed), pr);

  return row;
}

static void
show_problems (DeskProblemsPage *self,
               GPtrArray        *problems)
{
  GtkWidget *child;
  g_autofree char *count = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_ptr_array_ref (problems);

  if (problems->len == 0)
    {
      if (can_change (self))
        adw_status_page_set_description (self->empty_page,
                                         _("When several incidents share "
                                           "one cause, record it once as a "
                                           "problem: its root cause, the "
                                           "known error and a workaround the "
                                           "support team can use until it "
                                           "is fixed."));
      else
        adw_status_page_set_description (self->empty_page,
                                         _("This database has no problem "
                                           "records, and it is open in "
                                           "viewer mode, so none can be "
                                           "added."));
      show_state (self, "empty");
      return;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u problem", "%u problems",
                                        problems->len),
                           problems->len);
  gtk_label_set_text (self->count_label, count);

  for (guint i = 0; i < problems->len; i++)
    gtk_list_box_append (self->list_box,
                         problem_row_new (self,
                                          g_ptr_array_index (problems, i)));

  show_state (self, "list");
}

static void
list_problems_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  DeskStore *store = task_data;
  GPtrArray *problems;
  GError *error = NULL;

  problems = desk_store_list_problems (store, &error);
  if (problems == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, problems,
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
list_problems_ready (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (source);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  /* A newer reload or dispose cancelled this one: it owns the page. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  problems = g_task_propagate_pointer (G_TASK (result), &error);
  if (problems == NULL)
    {
      if (is_cancelled (error))
        return;

      g_warning ("Could not list the problems: %s", error->message);
      adw_status_page_set_description (self->error_page,
                                       error->domain == DESK_ERROR
                                       ? error->message
                                       : _("The database could not be "
                                           "read. Try again in a moment."));
      show_state (self, "error");
      return;
    }

  show_problems (self, problems);
}

static void
open_editor (DeskProblemsPage  *self,
             const DeskProblem *problem);

static void
on_editor_saved (DeskProblemEditor *editor,
                 const char        *reference,
                 DeskProblemsPage  *self)
{
  g_autofree char *message = NULL;

  /* Translators: %s is a problem's reference, such as PRB-000007. */
  message = g_strdup_printf (_("Problem %s saved"), reference);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
  desk_problems_page_reload (self);
}

static void
open_editor (DeskProblemsPage  *self,
             const DeskProblem *problem)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  editor = desk_problem_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                         : NULL,
                                    self->store, problem);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved),
                           self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_problem (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (widget);

  if (can_change (self))
    open_editor (self, NULL);
}

static void
edit_problem (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (widget);
  const char *reference = g_variant_get_string (parameter, NULL);

  if (!can_change (self) || self->problems == NULL)
    return;

  for (guint i = 0; i < self->problems->len; i++)
    {
      const DeskProblem *problem = g_ptr_array_index (self->problems, i);

      if (g_strcmp0 (problem->reference, reference) == 0)
        {
          open_editor (self, problem);
          return;
        }
    }
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  desk_problems_page_reload (DESK_PROBLEMS_PAGE (widget));
}

static void
desk_problems_page_dispose (GObject *object)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_PROBLEMS_PAGE);

  G_OBJECT_CLASS (desk_problems_page_parent_class)->dispose (object);
}

static void
desk_problems_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_problems_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskProblemsPage *self = DESK_PROBLEMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_problems_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_problems_page_class_init (DeskProblemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_problems_page_dispose;
  object_class->get_property = desk_problems_page_get_property;
  object_class->set_property = desk_problems_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/"
                                               "desk-problems-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskProblemsPage,
                                        spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemsPage,
                                        error_page);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemsPage,
                                        empty_page);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemsPage,
                                        count_label);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemsPage,
                                        viewer_label);
  gtk_widget_class_bind_template_child (widget_class, DeskProblemsPage,
                                        list_box);

  gtk_widget_class_install_action (widget_class, "problems.new", NULL,
                                   new_problem);
  gtk_widget_class_install_action (widget_class, "problems.edit", "s",
                                   edit_problem);
  gtk_widget_class_install_action (widget_class, "problems.reload", NULL,
                                   reload_action);
}

static void
desk_problems_page_init (DeskProblemsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: AdwBin itself unparents its child. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  show_state (self, "no-store");
  update_actions (self);
}

GtkWidget *
desk_problems_page_new (void)
{
  return g_object_new (DESK_TYPE_PROBLEMS_PAGE, NULL);
}

DeskStore *
desk_problems_page_get_store (DeskProblemsPage *self)
{
  g_return_val_if_fail (DESK_IS_PROBLEMS_PAGE (self), NULL);

  return self->store;
}

void
desk_problems_page_set_store (DeskProblemsPage *self,
                              DeskStore        *store)
{
  g_return_if_fail (DESK_IS_PROBLEMS_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  update_actions (self);
  desk_problems_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
desk_problems_page_reload (DeskProblemsPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DESK_IS_PROBLEMS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      g_clear_pointer (&self->problems, g_ptr_array_unref);
      show_state (self, "no-store");
      return;
    }

  self->cancellable = g_cancellable_new ();
  show_state (self, "loading");

  task = g_task_new (self, self->cancellable, list_problems_ready, NULL);
  g_task_set_source_tag (task, desk_problems_page_reload);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, list_problems_thread);
}
