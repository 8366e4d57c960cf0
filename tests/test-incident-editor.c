/* test-incident-editor.c: the Create incident dialog over a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-datetime-row.h"
#include "desk-gui-test-util.h"
#include "desk-incident-editor.h"
#include "desk-resources.h"
#include "desk-test-util.h"

typedef struct
{
  char      *tmpdir;
  char      *path;
  DeskStore *store;
  GtkWidget *editor;
  gint64     saved_id;
  guint      n_saved;
} Fixture;

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_widget (GtkWidget    *root,
             gboolean    (*match) (GtkWidget *, gconstpointer),
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
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (
                      ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_visible_label (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static GtkWidget *
row (Fixture    *fixture,
     const char *title)
{
  GtkWidget *found = find_widget (fixture->editor, is_row_titled, title);

  g_assert_nonnull (found);

  return found;
}

static void
type (Fixture    *fixture,
      const char *title,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, title)), text);
  spin_main_loop ();
}

static void
choose (Fixture    *fixture,
        const char *title,
        guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, title)), position);
  spin_main_loop ();
}

static gboolean
label_shown (Fixture    *fixture,
             const char *text)
{
  return find_widget (fixture->editor, is_visible_label, text) != NULL;
}

static gboolean
save_enabled (Fixture *fixture)
{
  GtkWidget *button = find_widget (fixture->editor, is_visible_label,
                                   "Save");

  g_assert_nonnull (button);

  return gtk_widget_is_sensitive (gtk_widget_get_parent (button));
}

static void
on_saved (DeskIncidentEditor *editor,
          gint64              id,
          Fixture            *fixture)
{
  fixture->saved_id = id;
  fixture->n_saved++;
}

static void
wait_until_closed (Fixture *fixture)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (fixture->editor != NULL && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (fixture->editor);
}

static guint
count_incidents (Fixture *fixture)
{
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GError) error = NULL;
  guint count;

  count = desk_store_count (fixture->store, query, &error);
  g_assert_no_error (error);

  return count;
}

static void
open_editor (Fixture *fixture)
{
  fixture->editor = desk_incident_editor_new (NULL, fixture->store);
  g_object_add_weak_pointer (G_OBJECT (fixture->editor),
                             (gpointer *) &fixture->editor);
  g_signal_connect (fixture->editor, "saved", G_CALLBACK (on_saved), fixture);
  gtk_window_present (GTK_WINDOW (fixture->editor));
  spin_main_loop ();
}

/* A fresh dialog, once the old one is gone. */
static void
reopen_editor (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->editor));
  wait_until_closed (fixture);
  open_editor (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "time-zone", "UTC");

  fixture->tmpdir = desk_test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->tmpdir, "desk.db", NULL);
  fixture->store = desk_store_open (fixture->path, DESK_STORE_FLAGS_NONE,
                                    &error);
  g_assert_no_error (error);
  desk_store_set_actor (fixture->store, "tester");

  open_editor (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gint64 give_up;

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  spin_main_loop ();

  /* A worker still finishing holds the widget until its answer is in. */
  give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (fixture->editor != NULL && g_get_monotonic_time () < give_up)
    {
      g_usleep (1000);
      spin_main_loop ();
    }

  g_assert_null (fixture->editor);
  desk_test_assert_finalized (fixture->store);
  g_free (fixture->path);
  desk_test_tmpdir_free (fixture->tmpdir);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  type (fixture, "_Title", "Mail is down");
  type (fixture, "_Service", "Mail");
  type (fixture, "_Detected", "2025-03-09 14:05");
  type (fixture, "_Assignee", "ana");
  choose (fixture, "_Impact", DESK_IMPACT_OUTAGE);
  choose (fixture, "_Urgency", 0);
  gtk_widget_activate_action (fixture->editor, "editor.apply-suggestion",
                              NULL);
  view = find_widget (fixture->editor, is_text_view, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "Nobody gets mail.\nSince 14:00.", -1);
  spin_main_loop ();

  g_assert_true (save_enabled (fixture));
  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  wait_until_closed (fixture);

  g_assert_cmpuint (fixture->n_saved, ==, 1);
  stored = desk_store_get_incident (fixture->store, fixture->saved_id,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->reference, ==, "INC-000001");
  g_assert_cmpstr (stored->title, ==, "Mail is down");
  g_assert_cmpstr (stored->service, ==, "Mail");
  g_assert_cmpstr (stored->assignee, ==, "ana");
  g_assert_cmpstr (stored->description, ==, "Nobody gets mail.\nSince 14:00.");
  g_assert_cmpint (stored->severity, ==, DESK_SEVERITY_SEV1);
  g_assert_cmpint (stored->impact, ==, DESK_IMPACT_OUTAGE);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_NEW);
  /* 2025-03-09T14:05:00Z */
  g_assert_cmpint (stored->detected_at, ==, 1741529100);
}

static void
test_empty_title (Fixture       *fixture,
                  gconstpointer  data)
{
  type (fixture, "_Service", "Mail");

  g_assert_false (save_enabled (fixture));
  g_assert_true (label_shown (fixture, "Add a title to save"));

  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  spin_main_loop ();

  g_assert_nonnull (fixture->editor);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_cmpuint (count_incidents (fixture), ==, 0);
}

static void
test_blank_title_shows_error (Fixture       *fixture,
                              gconstpointer  data)
{
  type (fixture, "_Service", "Mail");
  type (fixture, "_Title", "   ");

  g_assert_true (gtk_widget_has_css_class (row (fixture, "_Title"), "error"));
  g_assert_true (label_shown (fixture, "The title cannot be empty."));
  g_assert_true (label_shown (fixture, "Add a title to save"));
  g_assert_false (save_enabled (fixture));
}

static void
test_empty_service (Fixture       *fixture,
                    gconstpointer  data)
{
  type (fixture, "_Title", "Mail is down");

  g_assert_false (save_enabled (fixture));
  g_assert_true (label_shown (fixture, "Add a service to save"));
}

static void
test_bad_time (Fixture       *fixture,
               gconstpointer  data)
{
  type (fixture, "_Title", "Mail is down");
  type (fixture, "_Service", "Mail");
  type (fixture, "_Detected", "2024-02-30 10:00");

  g_assert_true (gtk_widget_has_css_class (row (fixture, "_Detected"),
                                           "error"));
  g_assert_true (label_shown (fixture, "Correct the detected time to save"));
  g_assert_false (save_enabled (fixture));

  type (fixture, "_Detected", "2024-02-29 10:00");
  g_assert_false (gtk_widget_has_css_class (row (fixture, "_Detected"),
                                            "error"));
  g_assert_true (save_enabled (fixture));
}

typedef struct
{
  const char *name;
  DeskImpact  impact;
  guint       urgency;
  const char *sentence;
  DeskSeverity severity;
} SuggestionCase;

static const SuggestionCase suggestion_cases[] = {
  { "outage-high", DESK_IMPACT_OUTAGE, 0,
    "Outage with high urgency: SEV1 Critical", DESK_SEVERITY_SEV1 },
  { "outage-low", DESK_IMPACT_OUTAGE, 2,
    "Outage with low urgency: SEV3 Medium", DESK_SEVERITY_SEV3 },
  { "degraded-high", DESK_IMPACT_DEGRADED, 0,
    "Degraded with high urgency: SEV2 High", DESK_SEVERITY_SEV2 },
  { "degraded-medium", DESK_IMPACT_DEGRADED, 1,
    "Degraded with medium urgency: SEV3 Medium", DESK_SEVERITY_SEV3 },
  { "none-low", DESK_IMPACT_NONE, 2,
    "No impact with low urgency: SEV4 Low", DESK_SEVERITY_SEV4 },
};

static void
test_suggestion (Fixture       *fixture,
                 gconstpointer  data)
{
  const SuggestionCase *c = data;
  GtkWidget *severity;

  choose (fixture, "_Impact", c->impact);
  choose (fixture, "_Urgency", c->urgency);
  g_assert_nonnull (find_widget (fixture->editor, is_row_titled, c->sentence));

  gtk_widget_activate_action (fixture->editor, "editor.apply-suggestion",
                              NULL);
  spin_main_loop ();
  severity = row (fixture, "Se_verity");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (severity)), ==,
                    c->severity - DESK_SEVERITY_SEV1);
}

static void
test_skipped_time (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The editor reads the zone when it opens. */
  g_settings_set_string (settings, "time-zone", "Europe/Berlin");
  reopen_editor (fixture);

  type (fixture, "_Title", "Mail is down");
  type (fixture, "_Service", "Mail");
  type (fixture, "_Detected", "2025-03-30 02:30");

  g_assert_true (gtk_widget_has_css_class (row (fixture, "_Detected"),
                                           "error"));
  g_assert_false (save_enabled (fixture));
}

static void
test_repeated_time (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DeskIncident) stored = NULL;
  GtkWidget *detected;

  g_settings_set_string (settings, "time-zone", "Europe/Berlin");
  reopen_editor (fixture);

  type (fixture, "_Title", "Mail is down");
  type (fixture, "_Service", "Mail");
  type (fixture, "_Detected", "2025-10-26 02:30");

  detected = row (fixture, "_Detected");
  g_assert_true (desk_datetime_row_is_ambiguous (DESK_DATETIME_ROW (detected)));
  g_assert_true (label_shown (fixture, "UTC+02:00"));
  g_assert_true (label_shown (fixture, "This time occurs twice, because the "
                                       "clocks were put back. Choose which "
                                       "one you mean by its offset from "
                                       "UTC."));
  desk_datetime_row_set_later (DESK_DATETIME_ROW (detected), TRUE);
  spin_main_loop ();
  g_assert_true (save_enabled (fixture));

  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  wait_until_closed (fixture);

  stored = desk_store_get_incident (fixture->store, fixture->saved_id, NULL);
  /* The second 02:30 is in winter time: 01:30 UTC. */
  g_assert_cmpint (stored->detected_at, ==, 1761442200);
}

static void
test_failed_save_keeps_text (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(DeskStore) blocker = NULL;
  g_autoptr(GError) error = NULL;
  gint64 give_up;

  /* Another program holds the write lock until the save gives up. */
  blocker = desk_store_open (fixture->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_begin (blocker, &error));

  type (fixture, "_Title", "Mail is down");
  type (fixture, "_Service", "Mail");
  g_test_expect_message ("desk-incident-editor", G_LOG_LEVEL_WARNING,
                         "Could not create the incident*");
  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);

  give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!save_enabled (fixture) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);

  g_test_assert_expected_messages ();
  g_assert_nonnull (fixture->editor);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_true (label_shown (fixture, "The database is in use by another "
                                       "program. Try again in a moment."));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture,
                                                             "_Title"))),
                   ==, "Mail is down");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture,
                                                             "_Service"))),
                   ==, "Mail");
  g_assert_true (save_enabled (fixture));

  desk_store_rollback (blocker);
  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  wait_until_closed (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 1);
}

static void
test_hostile_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DeskIncident) stored = NULL;

  type (fixture, "_Title", "<b>&amp; ' OR 1=1; --</b>");
  type (fixture, "_Service", "Mail & <i>Chat</i>");
  gtk_widget_activate_action (fixture->editor, "editor.save", NULL);
  wait_until_closed (fixture);

  stored = desk_store_get_incident (fixture->store, fixture->saved_id, NULL);
  g_assert_cmpstr (stored->title, ==, "<b>&amp; ' OR 1=1; --</b>");
  g_assert_cmpstr (stored->service, ==, "Mail & <i>Chat</i>");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static void
test_close_asks (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwMessageDialog *dialog;

  type (fixture, "_Title", "Half typed");
  gtk_widget_activate_action (fixture->editor, "window.close", NULL);
  spin_main_loop ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (fixture->editor);

  adw_message_dialog_response (dialog, "keep");
  spin_main_loop ();
  g_assert_nonnull (fixture->editor);

  gtk_widget_activate_action (fixture->editor, "window.close", NULL);
  spin_main_loop ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  wait_until_closed (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 0);
}

static void
test_close_untouched (Fixture       *fixture,
                      gconstpointer  data)
{
  gtk_widget_activate_action (fixture->editor, "window.close", NULL);
  wait_until_closed (fixture);
  g_assert_null (find_message_dialog ());
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskStore) viewer = NULL;
  g_autoptr(GError) error = NULL;

  viewer = desk_store_open (fixture->path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  desk_incident_editor_set_store (DESK_INCIDENT_EDITOR (fixture->editor),
                                  viewer);
  type (fixture, "_Title", "Mail is down");
  type (fixture, "_Service", "Mail");

  g_assert_false (save_enabled (fixture));
  g_assert_true (label_shown (fixture, "The database is open in viewer mode, "
                                       "so nothing can be saved"));
  g_assert_false (gtk_widget_is_sensitive (row (fixture, "_Title")));

  desk_incident_editor_set_store (DESK_INCIDENT_EDITOR (fixture->editor),
                                  fixture->store);
  g_assert_true (save_enabled (fixture));
  g_assert_true (gtk_widget_is_sensitive (row (fixture, "_Title")));
}

static gboolean
is_type_menu_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static gboolean
is_gtk_text (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_TEXT (widget);
}

static void
press_enter_in (Fixture    *fixture,
                const char *title)
{
  GtkWidget *text = find_widget (row (fixture, title), is_gtk_text, NULL);

  g_assert_nonnull (text);
  /* What the Enter key binding of a text entry does. */
  g_signal_emit_by_name (text, "activate");
  spin_main_loop ();
}

static void
test_enter_saves_when_valid (Fixture       *fixture,
                             gconstpointer  data)
{
  type (fixture, "_Title", "Mail is down");
  press_enter_in (fixture, "_Title");
  g_assert_nonnull (fixture->editor);
  g_assert_cmpuint (count_incidents (fixture), ==, 0);

  type (fixture, "_Service", "Mail");
  type (fixture, "_Assignee", "ana");
  press_enter_in (fixture, "_Assignee");
  wait_until_closed (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 1);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *content;
  int minimum;

  g_settings_set_string (settings, "time-zone", "Europe/Berlin");
  reopen_editor (fixture);

  type (fixture, "_Title", "A title long enough to wrap in a narrow window");
  content = adw_window_get_content (ADW_WINDOW (fixture->editor));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width without choice %d", minimum);
  g_assert_cmpint (minimum, <=, 360);

  /* A repeated time shows its choice of offsets in the row. */
  type (fixture, "_Detected", "2025-10-26 02:30");
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
}

static void
test_pasted_long_word (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *blob = g_strnfill (200000, 'x');
  GtkWidget *view = find_widget (fixture->editor, is_text_view, NULL);
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (fixture->editor));
  int minimum;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            blob, -1);
  spin_main_loop ();

  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==,
                   GTK_WRAP_NONE);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

static void
test_known_services (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Earlier");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Payments_EU");
  incident->severity = DESK_SEVERITY_SEV3;
  incident->detected_at = 1741514400;
  g_assert_true (desk_store_create_incident (fixture->store, incident,
                                             &error));

  /* A fresh dialog lists the services known now. */
  reopen_editor (fixture);
  while (!gtk_widget_get_visible (find_widget (row (fixture, "_Service"),
                                               is_type_menu_button, NULL)))
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_activate_action (fixture->editor, "editor.pick-service", "s",
                              "Payments_EU");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture,
                                                             "_Service"))),
                   ==, "Payments_EU");
}

/* The dialog in a language (data: "id", or NULL for English). */
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

/* Each Alt key reaches one field, and the dialog fits 360 pixels. */
static void
test_mnemonics (Fixture       *fixture,
                gconstpointer  data)
{
  int width;

  g_assert_cmpuint (desk_test_assert_unique_mnemonics (fixture->editor), >,
                    5);
  width = desk_test_minimum_width (fixture->editor);
  desk_test_log_wide_widgets (fixture->editor, 360);
  g_assert_cmpint (width, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (desk_get_resource ());
  /* Without a window manager, a blinking cursor in a window that lost
   * focus warns; the blink is not what these tests are about.
   */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

#define ADD(path, func, data) \
  g_test_add ("/incident-editor/" path, Fixture, data, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("create", test_create, NULL);
  ADD ("empty-title", test_empty_title, NULL);
  ADD ("blank-title-shows-error", test_blank_title_shows_error, NULL);
  ADD ("empty-service", test_empty_service, NULL);
  ADD ("bad-time", test_bad_time, NULL);
  ADD ("skipped-time", test_skipped_time, NULL);
  ADD ("repeated-time", test_repeated_time, NULL);
  ADD ("failed-save-keeps-text", test_failed_save_keeps_text, NULL);
  ADD ("hostile-text", test_hostile_text, NULL);
  ADD ("close-asks", test_close_asks, NULL);
  ADD ("close-untouched", test_close_untouched, NULL);
  ADD ("read-only", test_read_only, NULL);
  ADD ("enter-saves-when-valid", test_enter_saves_when_valid, NULL);
  ADD ("narrow", test_narrow, NULL);
  ADD ("known-services", test_known_services, NULL);
  ADD ("pasted-long-word", test_pasted_long_word, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suggestion_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/incident-editor/suggestion/%s",
                                               suggestion_cases[i].name);

      g_test_add (path, Fixture, &suggestion_cases[i], fixture_set_up,
                  test_suggestion, fixture_tear_down);
    }

#undef ADD

  g_test_add ("/incident-editor/mnemonics/en", Fixture, NULL,
              fixture_set_up_language, test_mnemonics,
              fixture_tear_down_language);
  g_test_add ("/incident-editor/mnemonics/id", Fixture, "id",
              fixture_set_up_language, test_mnemonics,
              fixture_tear_down_language);

  return g_test_run ();
}
