/* test-problems-page.c: the Problems page and its editor over a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-gui-test-util.h"
#include "desk-problem-editor.h"
#include "desk-problems-page.h"
#include "desk-resources.h"
#include "desk-test-util.h"

typedef struct
{
  char      *tmpdir;
  char      *path;
  DeskStore *store;
  GtkWidget *window;
  GtkWidget *page;
  GString   *activated;
} Fixture;

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_widget (GtkWidget  *root,
             gboolean  (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_edit_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget),
                    "Edit Problem") == 0;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (
                      ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_nth_text_view (GtkWidget     *widget,
                  gconstpointer  data)
{
  guint *skip = (guint *) data;

  if (!GTK_IS_TEXT_VIEW (widget))
    return FALSE;
  if (*skip == 0)
    return TRUE;
  (*skip)--;

  return FALSE;
}

static const char *
visible_state (Fixture *fixture)
{
  GtkWidget *stack = find_widget (fixture->page, has_name, "problems-stack");

  g_assert_nonnull (stack);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
wait_for_state (Fixture    *fixture,
                const char *state)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_strcmp0 (visible_state (fixture), state) != 0 &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (visible_state (fixture), ==, state);
}

static GtkWidget *
wait_for_row (GtkWidget  *root,
              const char *title)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWidget *row;

  while ((row = find_widget (root, is_row_titled, title)) == NULL &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (row);

  return row;
}

static void
record_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *fixture = user_data;

  if (fixture->activated->len > 0)
    g_string_append_c (fixture->activated, ';');
  g_string_append (fixture->activated, g_action_get_name (G_ACTION (action)));

  if (parameter != NULL && g_variant_is_of_type (parameter,
                                                 G_VARIANT_TYPE_STRING))
    g_string_append_printf (fixture->activated, "(%s)",
                            g_variant_get_string (parameter, NULL));
  else if (parameter != NULL)
    g_string_append_printf (fixture->activated, "(%" G_GINT64_FORMAT ")",
                            g_variant_get_int64 (parameter));
}

static DeskProblem *
add_problem (DeskStore         *store,
             const char        *title,
             DeskProblemStatus  status,
             const char        *workaround)
{
  g_autoptr(DeskProblem) problem = desk_problem_new ();
  g_autoptr(GError) error = NULL;

  g_free (problem->title);
  problem->title = g_strdup (title);
  problem->status = status;
  g_free (problem->workaround);
  problem->workaround = g_strdup (workaround);

  g_assert_true (desk_store_create_problem (store, problem, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&problem);
}

static gint64
add_incident (DeskStore  *store,
              const char *title,
              const char *problem,
              gint64      detected_at)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Payments");
  desk_incident_set_string (incident, DESK_FIELD_PROBLEM, problem);
  incident->severity = DESK_SEVERITY_SEV2;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->status = DESK_STATUS_NEW;
  incident->detected_at = detected_at;

  g_assert_true (desk_store_create_incident (store, incident, &error));
  g_assert_no_error (error);

  return incident->id;
}

static void
show_page (Fixture   *fixture,
           DeskStore *store)
{
  desk_problems_page_set_store (DESK_PROBLEMS_PAGE (fixture->page), store);
  spin_main_loop ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const GActionEntry entries[] = {
    { "show-incident", record_action, "x" },
    { "toast", record_action, "s" },
    { "reload", record_action },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = desk_test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->tmpdir, "desk.db", NULL);
  fixture->store = desk_store_open (fixture->path, DESK_STORE_FLAGS_NONE,
                                    &error);
  g_assert_no_error (error);
  desk_store_set_actor (fixture->store, "tester");

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries,
                                   G_N_ELEMENTS (entries), fixture);
  fixture->activated = g_string_new (NULL);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  fixture->page = desk_problems_page_new ();
  g_object_add_weak_pointer (G_OBJECT (fixture->page),
                             (gpointer *) &fixture->page);
  gtk_widget_insert_action_group (fixture->window, "win",
                                  G_ACTION_GROUP (group));
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  spin_main_loop ();

  g_assert_null (fixture->page);
  desk_test_assert_finalized (fixture->store);
  g_string_free (fixture->activated, TRUE);
  g_free (fixture->path);
  desk_test_tmpdir_free (fixture->tmpdir);
}

static DeskProblemEditor *
find_editor (void)
{
  DeskProblemEditor *editor = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DESK_IS_PROBLEM_EDITOR (l->data))
      editor = l->data;
  g_list_free (toplevels);

  g_assert_nonnull (editor);

  return editor;
}

static GtkWidget *
page_button (Fixture    *fixture,
             const char *label)
{
  GtkWidget *button = find_widget (fixture->page, is_button_labelled, label);

  g_assert_nonnull (button);

  return button;
}

static void
test_no_store (Fixture       *fixture,
               gconstpointer  data)
{
  g_assert_cmpstr (visible_state (fixture), ==, "no-store");
  g_assert_false (gtk_widget_is_sensitive (
    find_widget (fixture->page, has_name, "new-problem")));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  show_page (fixture, fixture->store);
  wait_for_state (fixture, "empty");

  g_assert_true (gtk_widget_is_sensitive (page_button (fixture,
                                                       "_Create Problem")));
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DeskProblem) disk = NULL;
  g_autoptr(DeskProblem) dns = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *count;

  disk = add_problem (fixture->store, "Disk fills up on the log server",
                      DESK_PROBLEM_KNOWN_ERROR, "Rotate the logs by hand.");
  dns = add_problem (fixture->store, "DNS answers slowly",
                     DESK_PROBLEM_OPEN, "");
  add_incident (fixture->store, "Logs stopped", disk->reference, 1700000000);
  add_incident (fixture->store, "Checkout fails", disk->reference,
                1700100000);
  add_incident (fixture->store, "Reports are late", disk->reference,
                1700200000);

  show_page (fixture, fixture->store);
  wait_for_state (fixture, "list");

  row = wait_for_row (fixture->page, "Disk fills up on the log server");
  subtitle = g_strdup_printf ("%s · Known error · 3 incidents",
                              disk->reference);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                   ==, subtitle);

  row = wait_for_row (fixture->page, "DNS answers slowly");
  g_free (subtitle);
  subtitle = g_strdup_printf ("%s · Open · 0 incidents", dns->reference);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                   ==, subtitle);

  count = find_widget (fixture->page, is_row_titled, "Root cause");
  g_assert_nonnull (count);
}

static void
test_linked_incidents (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DeskProblem) disk = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *title = NULL;
  g_autoptr(DeskIncident) late = NULL;
  gint64 id;
  GtkWidget *row;

  disk = add_problem (fixture->store, "Disk fills up",
                      DESK_PROBLEM_OPEN, "");
  add_incident (fixture->store, "Logs stopped", disk->reference, 1700000000);
  id = add_incident (fixture->store, "Reports are late", disk->reference,
                     1700200000);
  add_incident (fixture->store, "Not linked", "", 1700300000);
  late = desk_store_get_incident (fixture->store, id, NULL);

  show_page (fixture, fixture->store);
  wait_for_state (fixture, "list");
  row = wait_for_row (fixture->page, "Disk fills up");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  title = g_strdup_printf ("%s  Reports are late", late->reference);
  row = wait_for_row (fixture->page, title);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "New · SEV2 High · Payments");
  g_assert_null (find_widget (fixture->page, is_row_titled, "Not linked"));

  g_signal_emit_by_name (row, "activated");
  expected = g_strdup_printf ("show-incident(%" G_GINT64_FORMAT ")", id);
  g_assert_cmpstr (fixture->activated->str, ==, expected);
}

static void
test_no_linked_incidents (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DeskProblem) dns = NULL;
  GtkWidget *row;

  dns = add_problem (fixture->store, "DNS answers slowly",
                     DESK_PROBLEM_OPEN, "");
  show_page (fixture, fixture->store);
  wait_for_state (fixture, "list");
  row = wait_for_row (fixture->page, "DNS answers slowly");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  row = wait_for_row (fixture->page, "Linked incidents");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "None yet. Link an incident to this problem from the "
                   "incident’s page.");
}

static void
test_viewer_mode_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DeskStore) viewer = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *status;

  viewer = desk_store_open (fixture->path, DESK_STORE_FLAGS_READ_ONLY,
                            &error);
  g_assert_no_error (error);

  show_page (fixture, viewer);
  wait_for_state (fixture, "empty");

  g_assert_false (gtk_widget_is_sensitive (page_button (fixture,
                                                        "_Create Problem")));
  status = gtk_widget_get_ancestor (page_button (fixture, "_Create Problem"),
                                    ADW_TYPE_STATUS_PAGE);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                   ==,
                   "This database has no problem records, and it is open in "
                   "viewer mode, so none can be added.");

  show_page (fixture, NULL);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  DeskProblemEditor *editor;
  GtkWidget *title;
  const DeskProblem *saved;

  show_page (fixture, fixture->store);
  wait_for_state (fixture, "empty");

  g_assert_true (gtk_widget_activate_action (fixture->page, "problems.new",
                                             NULL));
  spin_main_loop ();
  editor = find_editor ();

  title = find_widget (GTK_WIDGET (editor), is_row_titled, "Title");
  g_assert_nonnull (title);
  g_assert_false (gtk_widget_is_sensitive (
    find_widget (GTK_WIDGET (editor), is_button_labelled, "_Save")));

  gtk_editable_set_text (GTK_EDITABLE (title), "  Printer queue jams  ");
  g_assert_true (gtk_widget_is_sensitive (
    find_widget (GTK_WIDGET (editor), is_button_labelled, "_Save")));
  adw_combo_row_set_selected (
    ADW_COMBO_ROW (find_widget (GTK_WIDGET (editor), is_row_titled,
                                "Status")),
    DESK_PROBLEM_KNOWN_ERROR);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin_main_loop ();

  problems = desk_store_list_problems (fixture->store, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  saved = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (saved->title, ==, "Printer queue jams");
  g_assert_cmpint (saved->status, ==, DESK_PROBLEM_KNOWN_ERROR);

  g_assert_true (g_str_has_prefix (fixture->activated->str,
                                   "toast(Problem PRB-"));
  g_assert_true (g_str_has_suffix (fixture->activated->str,
                                   " saved);reload"));

  wait_for_state (fixture, "list");
  wait_for_row (fixture->page, "Printer queue jams");
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DeskProblem) disk = NULL;
  g_autoptr(DeskProblem) stored = NULL;
  DeskProblemEditor *editor;
  GtkTextView *workaround;
  GtkWidget *row;

  disk = add_problem (fixture->store, "Disk fills up",
                      DESK_PROBLEM_OPEN, "");
  show_page (fixture, fixture->store);
  wait_for_state (fixture, "list");
  wait_for_row (fixture->page, "Disk fills up");

  gtk_widget_activate_action (fixture->page, "problems.edit", "s",
                              disk->reference);
  spin_main_loop ();
  editor = find_editor ();

  /* The second text view holds the workaround. */
  workaround = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (editor),
                                           is_nth_text_view, &(guint) { 1 }));
  g_assert_nonnull (workaround);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (workaround),
                            "Delete old logs in /var/log/app.", -1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin_main_loop ();

  stored = desk_store_find_problem (fixture->store, disk->reference, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->workaround, ==, "Delete old logs in /var/log/app.");
  g_assert_cmpstr (stored->title, ==, "Disk fills up");

  wait_for_state (fixture, "list");
  row = wait_for_row (fixture->page, "Known error and workaround");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Delete old logs in /var/log/app.");
}

static void
test_viewer_mode (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskProblem) disk = NULL;
  g_autoptr(DeskStore) viewer = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *label;

  disk = add_problem (fixture->store, "Disk fills up",
                      DESK_PROBLEM_OPEN, "");
  viewer = desk_store_open (fixture->path, DESK_STORE_FLAGS_READ_ONLY,
                            &error);
  g_assert_no_error (error);

  show_page (fixture, viewer);
  wait_for_state (fixture, "list");

  g_assert_false (gtk_widget_is_sensitive (
    find_widget (fixture->page, has_name, "new-problem")));
  g_assert_false (gtk_widget_is_sensitive (
    find_widget (fixture->page, is_edit_button, NULL)));
  label = find_widget (fixture->page, has_name, "viewer-note");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));

  show_page (fixture, NULL);
  g_assert_cmpstr (visible_state (fixture), ==, "no-store");
}

/* The page in a language (data: "id", or NULL for English). */
static void
fixture_set_up_language (Fixture       *fixture,
                         gconstpointer  data)
{
  desk_test_use_language (data);
  fixture_set_up (fixture, NULL);
}

static void
fixture_tear_down_language (Fixture       *fixture,
                            gconstpointer  data)
{
  fixture_tear_down (fixture, NULL);
  desk_test_use_language (NULL);
}

/* The problem editor fits a phone's 360 pixels and each Alt key reaches
 * one field.
 */
static void
test_editor_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  DeskProblemEditor *editor;
  int width;

  show_page (fixture, fixture->store);
  wait_for_state (fixture, "empty");
  g_assert_true (gtk_widget_activate_action (fixture->page, "problems.new",
                                             NULL));
  spin_main_loop ();
  editor = find_editor ();

  g_assert_cmpuint (desk_test_assert_unique_mnemonics (GTK_WIDGET (editor)),
                    >, 1);
  width = desk_test_minimum_width (GTK_WIDGET (editor));
  desk_test_log_wide_widgets (GTK_WIDGET (editor), 360);
  g_assert_cmpint (width, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the templates in from the static library. */
  g_assert_nonnull (desk_get_resource ());

#define ADD(path, func) \
  g_test_add ("/problems-page/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("no-store", test_no_store);
  ADD ("empty", test_empty);
  ADD ("list", test_list);
  ADD ("linked-incidents", test_linked_incidents);
  ADD ("no-linked-incidents", test_no_linked_incidents);
  ADD ("create", test_create);
  ADD ("edit", test_edit);
  ADD ("viewer-mode", test_viewer_mode);
  ADD ("viewer-mode-empty", test_viewer_mode_empty);

#undef ADD

  g_test_add ("/problems-page/editor-narrow/en", Fixture, NULL,
              fixture_set_up_language, test_editor_narrow,
              fixture_tear_down_language);
  g_test_add ("/problems-page/editor-narrow/id", Fixture, "id",
              fixture_set_up_language, test_editor_narrow,
              fixture_tear_down_language);

  return g_test_run ();
}
