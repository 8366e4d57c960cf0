/* test-help-page.c: every step's button activates its window action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-help-page.h"
#include "desk-resources.h"

typedef struct
{
  GtkWidget *window;
  GtkWidget *page;
  GString   *activated;
  GSimpleActionGroup *group;
} Fixture;

typedef struct
{
  const char *button;     /* the button's label, as in the template */
  const char *expected;   /* "action(parameter)" recorded */
} StepCase;

static const StepCase step_cases[] = {
  { "_Create Incident", "new-incident" },
  { "_Find an Incident", "search" },
  { "Open _Incidents", "show-page(incidents)" },
  { "Open _SLA", "show-page(sla)" },
  { "_Export…", "export" },
};

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
record_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_string_append (fixture->activated, g_action_get_name (G_ACTION (action)));
  if (parameter != NULL)
    g_string_append_printf (fixture->activated, "(%s)",
                            g_variant_get_string (parameter, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const GActionEntry entries[] = {
    { "new-incident", record_action },
    { "search", record_action },
    { "export", record_action },
    { "show-page", record_action, "s" },
    { "toast", record_action, "s" },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  fixture->group = group;
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries,
                                   G_N_ELEMENTS (entries), fixture);

  fixture->activated = g_string_new (NULL);
  fixture->window = gtk_window_new ();
  fixture->page = desk_help_page_new ();
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
  g_object_add_weak_pointer (G_OBJECT (fixture->page),
                             (gpointer *) &fixture->page);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_main_loop ();
  g_assert_null (fixture->page);
  g_string_free (fixture->activated, TRUE);
  g_clear_object (&fixture->group);
}

static void
test_step_button (Fixture       *fixture,
                  gconstpointer  data)
{
  const StepCase *step = data;
  GtkWidget *button = find_button (fixture->page, step->button);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));

  g_signal_emit_by_name (button, "clicked");
  spin_main_loop ();

  g_assert_cmpstr (fixture->activated->str, ==, step->expected);
}

static void
test_disabled_action (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *button = find_button (fixture->page, "_Create Incident");

  /* Viewer mode: the window disables the action, and the page's button
   * follows it.
   */
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (fixture->group),
                                                 "new-incident")),
    FALSE);
  spin_main_loop ();

  g_assert_false (gtk_widget_is_sensitive (button));
}

static void
test_demo_failure_toasts (Fixture       *fixture,
                          gconstpointer  data)
{
  g_setenv ("INCIDENTDESK_DEMO_COMMAND", "/nonexistent/incidentdesk", TRUE);
  g_test_expect_message ("desk-help-page", G_LOG_LEVEL_WARNING,
                         "Could not start the demo*");

  gtk_widget_activate_action (fixture->page, "help.try-demo", NULL);
  spin_main_loop ();

  g_test_assert_expected_messages ();
  g_assert_cmpstr (fixture->activated->str, ==,
                   "toast(The demo window could not be started.)");
  g_unsetenv ("INCIDENTDESK_DEMO_COMMAND");
}

static void
test_demo_starts (Fixture       *fixture,
                  gconstpointer  data)
{
  /* true(1) stands in for the binary: it must be run with --demo and
   * nothing may be shown.
   */
  g_setenv ("INCIDENTDESK_DEMO_COMMAND", "/bin/true", TRUE);

  gtk_widget_activate_action (fixture->page, "help.try-demo", NULL);
  spin_main_loop ();

  g_assert_cmpstr (fixture->activated->str, ==, "");
  g_unsetenv ("INCIDENTDESK_DEMO_COMMAND");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the templates in from the static library. */
  g_assert_nonnull (desk_get_resource ());

  for (guint i = 0; i < G_N_ELEMENTS (step_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/help-page/step/%s",
                                               step_cases[i].expected);

      g_strdelimit (path, "()", '-');

      g_test_add (path, Fixture, &step_cases[i],
                  fixture_set_up, test_step_button, fixture_tear_down);
    }
  g_test_add ("/help-page/disabled-action", Fixture, NULL,
              fixture_set_up, test_disabled_action, fixture_tear_down);
  g_test_add ("/help-page/demo-failure-toasts", Fixture, NULL,
              fixture_set_up, test_demo_failure_toasts, fixture_tear_down);
  g_test_add ("/help-page/demo-starts", Fixture, NULL,
              fixture_set_up, test_demo_starts, fixture_tear_down);

  return g_test_run ();
}
