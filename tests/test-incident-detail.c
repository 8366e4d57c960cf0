/* test-incident-detail.c: the incident detail page over a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-gui-test-util.h"
#include "desk-incident-detail.h"
#include "desk-resources.h"
#include "desk-sla-clock.h"
#include "desk-status-dialog.h"
#include "desk-test-util.h"
#include "desk-timeline-row.h"

/* 2025-03-09T10:00:00Z */
#define DETECTED 1741514400

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

static void
find_all (GtkWidget    *root,
          gboolean    (*match) (GtkWidget *, gconstpointer),
          gconstpointer data,
          GPtrArray    *out)
{
  if (match (root, data))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, match, data, out);
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
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_status_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "detail.change-status") == 0;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_text_view_labelled (GtkWidget     *widget,
                       gconstpointer  mnemonic)
{
  GtkWidget *box;
  GtkWidget *label;

  if (!GTK_IS_TEXT_VIEW (widget))
    return FALSE;

  /* label, scrolled window (viewport-less), text view */
  box = gtk_widget_get_parent (gtk_widget_get_parent (widget));
  label = gtk_widget_get_first_child (box);

  return GTK_IS_LABEL (label) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), mnemonic) == 0;
}

static GtkWidget *
row (Fixture    *fixture,
     const char *title)
{
  GtkWidget *found = find_widget (fixture->page, is_row_titled, title);

  g_assert_nonnull (found);

  return found;
}

static const char *
row_text (Fixture    *fixture,
          const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (row (fixture, title)));
}

static void
type (Fixture    *fixture,
      const char *title,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, title)), text);
  spin_main_loop ();
}

static GtkTextView *
text_view (Fixture    *fixture,
           const char *mnemonic)
{
  GtkWidget *view = find_widget (fixture->page, is_text_view_labelled,
                                 mnemonic);

  g_assert_nonnull (view);

  return GTK_TEXT_VIEW (view);
}

static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
action_enabled (Fixture    *fixture,
                const char *name)
{
  GtkWidget *button = find_widget (fixture->page, is_visible_label, "Save");

  g_assert_nonnull (button);
  g_assert_cmpstr (name, ==, "detail.save");

  return gtk_widget_is_sensitive (gtk_widget_get_parent (button));
}

static void
wait_idle (Fixture *fixture)
{
  gint64 give_up = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  gboolean busy = TRUE;

  spin_main_loop ();
  while (g_get_monotonic_time () < give_up)
    {
      g_object_get (fixture->page, "busy", &busy, NULL);
      if (!busy)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_false (busy);
  spin_main_loop ();
}

static void
show (Fixture *fixture,
      gint64   id)
{
  g_object_set (fixture->page, "store", fixture->store, "incident-id", id,
                NULL);
  wait_idle (fixture);
}

static gint64
add_incident (Fixture    *fixture,
              const char *title)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, "ana");
  incident->severity = DESK_SEVERITY_SEV2;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->status = DESK_STATUS_NEW;
  incident->detected_at = DETECTED;

  g_assert_true (desk_store_create_incident (fixture->store, incident,
                                             &error));
  g_assert_no_error (error);

  return incident->id;
}

static DeskIncident *
get (Fixture *fixture,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  DeskIncident *incident;

  incident = desk_store_get_incident (fixture->store, id, &error);
  g_assert_no_error (error);

  return incident;
}

static DeskStatusDialog *
find_status_dialog (void)
{
  DeskStatusDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DESK_IS_STATUS_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      found = l->data;
  g_list_free (toplevels);

  return found;
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

  if (parameter != NULL)
    g_string_append_printf (fixture->activated, "(%s)",
                            g_variant_get_string (parameter, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const GActionEntry entries[] = {
    { "toast", record_action, "s" },
    { "reload", record_action },
    { "back", record_action },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "time-zone", "UTC");

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
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  fixture->page = desk_incident_detail_new ();
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
  gint64 give_up;

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  spin_main_loop ();

  /* A worker still finishing holds the widget until its answer is in. */
  give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (fixture->page != NULL && g_get_monotonic_time () < give_up)
    {
      g_usleep (1000);
      spin_main_loop ();
    }

  g_assert_null (fixture->page);
  desk_test_assert_finalized (fixture->store);
  g_string_free (fixture->activated, TRUE);
  g_free (fixture->path);
  desk_test_tmpdir_free (fixture->tmpdir);
}

static void
test_no_store (Fixture       *fixture,
               gconstpointer  data)
{
  g_object_set (fixture->page, "incident-id", (gint64) 1, NULL);
  spin_main_loop ();

  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "No Incident Chosen"));
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_test_expect_message ("desk-incident-detail", G_LOG_LEVEL_WARNING,
                         "Could not open incident 42*");
  show (fixture, 42);
  g_test_assert_expected_messages ();

  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "This Incident Could Not Be Opened"));
}

static void
test_shows_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = add_incident (fixture, "<b>&amp; Mail</b> is down");
  g_autofree char *description = NULL;

  show (fixture, id);

  g_assert_cmpstr (row_text (fixture, "_Title"), ==,
                   "<b>&amp; Mail</b> is down");
  g_assert_cmpstr (row_text (fixture, "_Service"), ==, "Mail");
  g_assert_cmpstr (row_text (fixture, "_Assignee"), ==, "ana");
  g_assert_cmpstr (row_text (fixture, "_Detected"), ==, "2025-03-09 10:00");
  g_assert_cmpstr (row_text (fixture, "Reso_lved"), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
                      row (fixture, "Se_verity"))), ==, 1);
  /* Shown verbatim, never read as markup. */
  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "<b>&amp; Mail</b> is down"));
  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "INC-000001"));
  g_assert_nonnull (find_widget (fixture->page, is_visible_label, "Created"));
  g_assert_false (action_enabled (fixture, "detail.save"));
}

static void
test_edit_and_save (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;

  show (fixture, id);
  type (fixture, "_Title", "Mail is slow");
  type (fixture, "_Assignee", "bob");
  type (fixture, "Why _1", "The queue filled up");
  type (fixture, "Why _2", "Nobody watched it");
  type (fixture, "Impact e_nd", "2025-03-09 11:30");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (
                              text_view (fixture, "Root _cause")),
                            "Disk full on mx1", -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture,
                                                  "Contributing _factor")),
                              DESK_FACTOR_TECHNOLOGY);
  spin_main_loop ();

  g_assert_true (action_enabled (fixture, "detail.save"));
  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);

  stored = get (fixture, id);
  g_assert_cmpstr (stored->title, ==, "Mail is slow");
  g_assert_cmpstr (stored->assignee, ==, "bob");
  g_assert_cmpstr (stored->service, ==, "Mail");
  g_assert_cmpstr (stored->five_whys, ==,
                   "The queue filled up\nNobody watched it");
  g_assert_cmpstr (stored->root_cause, ==, "Disk full on mx1");
  g_assert_cmpint (stored->factor, ==, DESK_FACTOR_TECHNOLOGY);
  g_assert_cmpint (stored->impact_end, ==, DETECTED + 90 * 60);
  g_assert_cmpint (stored->detected_at, ==, DETECTED);
  g_assert_cmpstr (fixture->activated->str, ==,
                   "toast(Incident INC-000001 saved);reload");
  g_assert_false (action_enabled (fixture, "detail.save"));
}

static void
test_save_shortcut_needs_changes (Fixture       *fixture,
                                  gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;

  show (fixture, id);
  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);

  stored = get (fixture, id);
  g_assert_cmpint (stored->version, ==, 1);
  g_assert_cmpstr (fixture->activated->str, ==, "");
}

static gint64
import_with_status (Fixture    *fixture,
                    DeskStatus  status)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;

  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, "EXT-1");
  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Imported");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  incident->severity = DESK_SEVERITY_SEV3;
  incident->impact = DESK_IMPACT_DEGRADED;
  incident->status = status;
  incident->detected_at = DETECTED;
  if (status != DESK_STATUS_NEW)
    incident->acknowledged_at = DETECTED + 60;
  if (status == DESK_STATUS_RESOLVED || status == DESK_STATUS_CLOSED)
    {
      incident->resolved_at = DETECTED + 3600;
      desk_incident_set_string (incident, DESK_FIELD_RESOLUTION, "Fixed");
    }
  if (status == DESK_STATUS_CLOSED)
    {
      incident->closed_at = DETECTED + 7200;
      desk_incident_set_string (incident, DESK_FIELD_ROOT_CAUSE, "Bug");
    }

  g_assert_true (desk_store_import_incident (fixture->store, incident, NULL,
                                             NULL, &error));
  g_assert_no_error (error);

  return incident->id;
}

static void
test_resolved_before_detected (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 id = import_with_status (fixture, DESK_STATUS_RESOLVED);
  g_autoptr(DeskIncident) stored = NULL;

  show (fixture, id);
  type (fixture, "Reso_lved", "2025-03-09 09:00");

  g_assert_true (gtk_widget_has_css_class (row (fixture, "Reso_lved"),
                                           "error"));
  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "The resolved time cannot be before the "
                                 "detected time."));
  g_assert_false (action_enabled (fixture, "detail.save"));

  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);
  stored = get (fixture, id);
  g_assert_cmpint (stored->resolved_at, ==, DETECTED + 3600);
  g_assert_cmpint (stored->version, ==, 1);

  type (fixture, "Reso_lved", "");
  g_assert_false (gtk_widget_has_css_class (row (fixture, "Reso_lved"),
                                            "error"));
}

/* The resolved and closed times open for editing with their step of
 * the lifecycle, so an open incident cannot get a closing time that
 * would block its next status change.
 */
static void
test_lifecycle_times (Fixture       *fixture,
                      gconstpointer  data)
{
  const struct {
    DeskStatus status;
    gboolean   resolved;
    gboolean   closed;
  } cases[] = {
    { DESK_STATUS_NEW, FALSE, FALSE },
    { DESK_STATUS_INVESTIGATING, FALSE, FALSE },
    { DESK_STATUS_RESOLVED, TRUE, FALSE },
    { DESK_STATUS_CLOSED, TRUE, TRUE },
  };
  g_autoptr(DeskIncident) odd = desk_incident_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 id = import_with_status (fixture, cases[i].status);

      show (fixture, id);
      g_assert_true (gtk_widget_is_sensitive (row (fixture, "Ac_knowledged")));
      g_assert_cmpint (gtk_widget_is_sensitive (row (fixture, "Reso_lved")),
                       ==, cases[i].resolved);
      g_assert_cmpint (gtk_widget_is_sensitive (row (fixture, "Cl_osed")),
                       ==, cases[i].closed);
      if (!cases[i].closed)
        g_assert_cmpstr (gtk_widget_get_tooltip_text (row (fixture, "Cl_osed")),
                         ==, "Set when the incident is closed.");

      desk_store_delete_incident (fixture->store, id, &error);
      g_assert_no_error (error);
    }

  /* Imported history with a closing time on an open incident: the time
   * can still be cleared.
   */
  desk_incident_set_string (odd, DESK_FIELD_REFERENCE, "EXT-2");
  desk_incident_set_string (odd, DESK_FIELD_TITLE, "Odd history");
  desk_incident_set_string (odd, DESK_FIELD_SERVICE, "Mail");
  odd->status = DESK_STATUS_INVESTIGATING;
  odd->detected_at = DETECTED;
  odd->closed_at = DETECTED + 600;
  g_assert_true (desk_store_import_incident (fixture->store, odd, NULL, NULL,
                                             &error));
  g_assert_no_error (error);

  show (fixture, odd->id);
  g_assert_false (gtk_widget_is_sensitive (row (fixture, "Reso_lved")));
  g_assert_true (gtk_widget_is_sensitive (row (fixture, "Cl_osed")));
}

static void
test_bad_time_text (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");

  show (fixture, id);
  type (fixture, "Ac_knowledged", "yesterday");

  g_assert_true (gtk_widget_has_css_class (row (fixture, "Ac_knowledged"),
                                           "error"));
  g_assert_false (action_enabled (fixture, "detail.save"));
}

static void
test_status_buttons (Fixture       *fixture,
                     gconstpointer  data)
{
  DeskStatus status = GPOINTER_TO_INT (data);
  DeskStatus next[DESK_N_STATUSES];
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n;

  show (fixture, import_with_status (fixture, status));

  find_all (fixture->page, is_status_button, NULL, buttons);
  n = desk_status_next (status, next);
  g_assert_cmpuint (buttons->len, ==, n);

  for (guint i = 0; i < n; i++)
    {
      GVariant *target = gtk_actionable_get_action_target_value (
        GTK_ACTIONABLE (g_ptr_array_index (buttons, i)));

      g_assert_cmpstr (g_variant_get_string (target, NULL), ==,
                       desk_status_to_string (next[i]));
    }
}

static void
test_simple_move (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;

  show (fixture, id);
  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Investigating");
  wait_idle (fixture);

  g_assert_null (find_status_dialog ());
  stored = get (fixture, id);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_INVESTIGATING);
  g_assert_cmpint (stored->acknowledged_at, !=, DESK_TIME_NONE);
  g_assert_cmpstr (fixture->activated->str, ==,
                   "toast(INC-000001 is now Investigating);reload");
  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "Status: New → Investigating"));
}

static void
test_move_not_allowed (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;

  show (fixture, id);
  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Closed");
  wait_idle (fixture);

  g_assert_null (find_status_dialog ());
  stored = get (fixture, id);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_NEW);
}

static void
test_resolve_asks (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;
  g_autofree char *shown = NULL;
  DeskStatusDialog *dialog;

  show (fixture, id);
  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Resolved");
  spin_main_loop ();

  dialog = find_status_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                   ==, "Resolve INC-000001?");
  g_assert_false (adw_message_dialog_get_response_enabled (
                    ADW_MESSAGE_DIALOG (dialog), "apply"));

  desk_status_dialog_set_text (dialog, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (
                    ADW_MESSAGE_DIALOG (dialog), "apply"));

  desk_status_dialog_set_text (dialog, "Restarted the mail server");
  g_assert_true (adw_message_dialog_get_response_enabled (
                   ADW_MESSAGE_DIALOG (dialog), "apply"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  wait_idle (fixture);

  stored = get (fixture, id);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_RESOLVED);
  g_assert_cmpstr (stored->resolution, ==, "Restarted the mail server");
  g_assert_cmpint (stored->resolved_at, !=, DESK_TIME_NONE);

  shown = text_view_get (text_view (fixture, "Resol_ution"));
  g_assert_cmpstr (shown, ==, "Restarted the mail server");
  g_assert_false (action_enabled (fixture, "detail.save"));
}

static void
test_resolve_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;
  DeskStatusDialog *dialog;

  show (fixture, id);
  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Resolved");
  spin_main_loop ();

  dialog = find_status_dialog ();
  desk_status_dialog_set_text (dialog, "Restarted");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  wait_idle (fixture);

  stored = get (fixture, id);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_NEW);
}

static void
test_close_asks_root_cause (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 id = import_with_status (fixture, DESK_STATUS_RESOLVED);
  g_autoptr(DeskIncident) stored = NULL;
  DeskStatusDialog *dialog;

  show (fixture, id);
  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Closed");
  spin_main_loop ();

  dialog = find_status_dialog ();
  g_assert_nonnull (dialog);
  desk_status_dialog_set_text (dialog, "Certificate expired");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  wait_idle (fixture);

  stored = get (fixture, id);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_CLOSED);
  g_assert_cmpstr (stored->root_cause, ==, "Certificate expired");
}

static void
test_reopen_asks_reason (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 id = import_with_status (fixture, DESK_STATUS_CLOSED);
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  gboolean noted = FALSE;
  DeskStatusDialog *dialog;

  show (fixture, id);
  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Investigating");
  spin_main_loop ();

  dialog = find_status_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                   ==, "Reopen EXT-1?");
  desk_status_dialog_set_text (dialog, "It happened again");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  wait_idle (fixture);

  stored = get (fixture, id);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_INVESTIGATING);

  timeline = desk_store_list_timeline (fixture->store, id, NULL);
  for (guint i = 0; i < timeline->len; i++)
    {
      const DeskTimelineEntry *entry = g_ptr_array_index (timeline, i);

      noted |= g_strcmp0 (entry->note, "It happened again") == 0;
    }
  g_assert_true (noted);
  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "It happened again"));
}

static void
change_behind_the_back (Fixture    *fixture,
                        gint64      id,
                        const char *assignee)
{
  g_autoptr(DeskIncident) other = get (fixture, id);
  g_autoptr(GError) error = NULL;

  desk_incident_set_string (other, DESK_FIELD_ASSIGNEE, assignee);
  g_assert_true (desk_store_update_incident (fixture->store, other, &error));
  g_assert_no_error (error);
}

static AdwMessageDialog *
save_into_conflict (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  g_test_expect_message ("desk-incident-detail", G_LOG_LEVEL_WARNING,
                         "Could not save INC-000001*");
  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);
  g_test_assert_expected_messages ();

  dialog = find_message_dialog ("Someone else changed INC-000001 since you "
                                "opened it");
  g_assert_nonnull (dialog);

  return dialog;
}

static void
test_conflict_keep_editing (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;
  AdwMessageDialog *dialog;

  show (fixture, id);
  type (fixture, "_Title", "Mine: the relay is down");
  change_behind_the_back (fixture, id, "bob");

  dialog = save_into_conflict (fixture);
  g_assert_cmpstr (row_text (fixture, "_Title"), ==,
                   "Mine: the relay is down");

  adw_message_dialog_response (dialog, "keep");
  wait_idle (fixture);

  /* What I typed stays; what they changed comes in. */
  g_assert_cmpstr (row_text (fixture, "_Title"), ==,
                   "Mine: the relay is down");
  g_assert_cmpstr (row_text (fixture, "_Assignee"), ==, "bob");
  stored = get (fixture, id);
  g_assert_cmpstr (stored->title, ==, "Mail is down");

  g_assert_true (action_enabled (fixture, "detail.save"));
  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);

  g_clear_pointer (&stored, desk_incident_unref);
  stored = get (fixture, id);
  g_assert_cmpstr (stored->title, ==, "Mine: the relay is down");
  g_assert_cmpstr (stored->assignee, ==, "bob");
}

static void
test_conflict_reload (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  AdwMessageDialog *dialog;

  show (fixture, id);
  type (fixture, "_Title", "Mine");
  change_behind_the_back (fixture, id, "bob");

  dialog = save_into_conflict (fixture);
  adw_message_dialog_response (dialog, "reload");
  wait_idle (fixture);

  g_assert_cmpstr (row_text (fixture, "_Title"), ==, "Mail is down");
  g_assert_cmpstr (row_text (fixture, "_Assignee"), ==, "bob");
  g_assert_false (action_enabled (fixture, "detail.save"));
}

static void
test_failed_save_keeps_text (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskStore) blocker = NULL;
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GError) error = NULL;

  show (fixture, id);
  type (fixture, "_Title", "Mail is slow");

  /* Another program holds the write lock until the save gives up. */
  blocker = desk_store_open (fixture->path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_begin (blocker, &error));

  g_test_expect_message ("desk-incident-detail", G_LOG_LEVEL_WARNING,
                         "Could not save INC-000001*");
  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);
  g_test_assert_expected_messages ();

  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "The database is in use by another "
                                 "program. Try again in a moment."));
  g_assert_cmpstr (row_text (fixture, "_Title"), ==, "Mail is slow");
  g_assert_true (action_enabled (fixture, "detail.save"));

  desk_store_rollback (blocker);
  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);
  stored = get (fixture, id);
  g_assert_cmpstr (stored->title, ==, "Mail is slow");
  g_assert_null (find_widget (fixture->page, is_visible_label,
                              "The database is in use by another "
                              "program. Try again in a moment."));
}

static void
test_conflict_on_status_change (Fixture       *fixture,
                                gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;
  AdwMessageDialog *dialog;

  show (fixture, id);
  change_behind_the_back (fixture, id, "bob");

  g_test_expect_message ("desk-incident-detail", G_LOG_LEVEL_WARNING,
                         "Could not save INC-000001*");
  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Investigating");
  wait_idle (fixture);
  g_test_assert_expected_messages ();

  dialog = find_message_dialog ("Someone else changed INC-000001 since you "
                                "opened it");
  g_assert_nonnull (dialog);
  stored = get (fixture, id);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_NEW);

  adw_message_dialog_response (dialog, "keep");
  wait_idle (fixture);
  g_assert_cmpstr (row_text (fixture, "_Assignee"), ==, "bob");

  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Investigating");
  wait_idle (fixture);
  g_clear_pointer (&stored, desk_incident_unref);
  stored = get (fixture, id);
  g_assert_cmpint (stored->status, ==, DESK_STATUS_INVESTIGATING);
  g_assert_cmpstr (stored->assignee, ==, "bob");
}

static void
test_status_change_keeps_typed (Fixture       *fixture,
                                gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");

  show (fixture, id);
  type (fixture, "_Assignee", "carol");
  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Identified");
  wait_idle (fixture);

  g_assert_cmpstr (row_text (fixture, "_Assignee"), ==, "carol");
  g_assert_cmpstr (row_text (fixture, "Ac_knowledged"), !=, "");
  g_assert_true (action_enabled (fixture, "detail.save"));
}

static void
test_viewer_mode (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskStore) viewer = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  viewer = desk_store_open (fixture->path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_object_set (fixture->page, "store", viewer, "incident-id", id, NULL);
  wait_idle (fixture);

  g_assert_nonnull (find_widget (fixture->page, is_visible_label,
                                 "This database is open in viewer mode: you "
                                 "can read this incident, but not change "
                                 "it."));
  g_assert_false (gtk_widget_is_sensitive (row (fixture, "_Title")));
  g_assert_false (gtk_widget_is_sensitive (row (fixture, "Reso_lved")));
  g_assert_false (gtk_widget_is_sensitive (row (fixture, "Why _1")));
  g_assert_false (gtk_text_view_get_editable (text_view (fixture,
                                                         "D_escription")));
  find_all (fixture->page, is_status_button, NULL, buttons);
  g_assert_cmpuint (buttons->len, ==, 0);

  gtk_widget_activate_action (fixture->page, "detail.change-status", "s",
                              "Investigating");
  wait_idle (fixture);
  g_assert_null (find_status_dialog ());

  g_object_set (fixture->page, "store", NULL, NULL);
  spin_main_loop ();
}

static void
test_long_description (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;
  const char *unit = data;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *description = NULL;
  g_autofree char *shown = NULL;
  gint64 start;

  while (text->len < 200000)
    g_string_append (text, unit);
  g_string_truncate (text, 200000);
  description = g_string_free (g_steal_pointer (&text), FALSE);

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Long");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, description);
  incident->severity = DESK_SEVERITY_SEV4;
  incident->impact = DESK_IMPACT_NONE;
  incident->detected_at = DETECTED;
  g_assert_true (desk_store_create_incident (fixture->store, incident,
                                             &error));

  start = g_get_monotonic_time ();
  show (fixture, incident->id);
  type (fixture, "_Title", "Long, edited");
  g_test_message ("shown and edited in %.1f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  /* Sanitizers slow text layout tenfold; the bound is for real builds. */
  if (g_getenv ("ASAN_OPTIONS") == NULL)
    g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  shown = text_view_get (text_view (fixture, "D_escription"));
  g_assert_cmpuint (strlen (shown), ==, 200000);

  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);
  g_clear_pointer (&incident, desk_incident_unref);
  incident = get (fixture, 1);
  g_assert_cmpstr (incident->title, ==, "Long, edited");
  g_assert_cmpuint (strlen (incident->description), ==, 200000);
}

static void
test_clocks (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GPtrArray) clocks = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* SEV1: 15 min to respond, 4 h to resolve; detected 20 min ago. */
  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Down");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  incident->severity = DESK_SEVERITY_SEV1;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->detected_at = now - 20 * 60;
  g_assert_true (desk_store_create_incident (fixture->store, incident,
                                             &error));

  show (fixture, incident->id);
  find_all (fixture->page, is_type, GSIZE_TO_POINTER (DESK_TYPE_SLA_CLOCK),
            clocks);
  g_assert_cmpuint (clocks->len, ==, 2);
  g_assert_cmpstr (desk_sla_clock_get_state_text (clocks->pdata[0]), ==,
                   "Breached");
  g_assert_cmpstr (desk_sla_clock_get_state_text (clocks->pdata[1]), ==,
                   "On track");
}

static void
test_linked_problem (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DeskProblem) problem = desk_problem_new ();
  g_autoptr(DeskIncident) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_incident (fixture, "Mail is down");
  GtkWidget *combo;

  g_free (problem->title);
  problem->title = g_strdup ("Relay <keeps> failing");
  g_assert_true (desk_store_create_problem (fixture->store, problem, &error));

  show (fixture, id);
  combo = row (fixture, "Linked _problem");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (
                      adw_combo_row_get_model (ADW_COMBO_ROW (combo))), ==, 2);

  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
  spin_main_loop ();
  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);

  stored = get (fixture, id);
  g_assert_cmpstr (stored->problem, ==, problem->reference);
}

static void
test_timeline (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  show (fixture, id);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "Se_verity")), 0);
  spin_main_loop ();
  gtk_widget_activate_action (fixture->page, "detail.save", NULL);
  wait_idle (fixture);

  find_all (fixture->page, is_type, GSIZE_TO_POINTER (DESK_TYPE_TIMELINE_ROW),
            rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (desk_timeline_row_get_what (rows->pdata[0]), ==, "Created");
  g_assert_cmpstr (desk_timeline_row_get_what (rows->pdata[1]), ==,
                   "Severity: SEV2 High → SEV1 Critical");
}

static void
test_back_unchanged (Fixture       *fixture,
                     gconstpointer  data)
{
  show (fixture, add_incident (fixture, "Mail is down"));
  gtk_widget_activate_action (fixture->page, "detail.back", NULL);
  spin_main_loop ();

  g_assert_null (find_message_dialog ("Save Your Changes?"));
  g_assert_cmpstr (fixture->activated->str, ==, "back");
}

static void
test_back_asks_and_saves (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;
  AdwMessageDialog *dialog;

  show (fixture, id);
  type (fixture, "_Title", "Mail is slow");
  gtk_widget_activate_action (fixture->page, "detail.back", NULL);
  spin_main_loop ();

  dialog = find_message_dialog ("Save Your Changes?");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (fixture->activated->str, ==, "");

  adw_message_dialog_response (dialog, "save");
  wait_idle (fixture);

  stored = get (fixture, id);
  g_assert_cmpstr (stored->title, ==, "Mail is slow");
  g_assert_cmpstr (fixture->activated->str, ==,
                   "back;toast(Incident INC-000001 saved);reload");
}

static void
test_back_asks_and_discards (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 id = add_incident (fixture, "Mail is down");
  g_autoptr(DeskIncident) stored = NULL;
  AdwMessageDialog *dialog;

  show (fixture, id);
  type (fixture, "_Title", "Mail is slow");
  gtk_widget_activate_action (fixture->page, "detail.back", NULL);
  spin_main_loop ();

  dialog = find_message_dialog ("Save Your Changes?");
  adw_message_dialog_response (dialog, "cancel");
  spin_main_loop ();
  g_assert_cmpstr (row_text (fixture, "_Title"), ==, "Mail is slow");
  g_assert_cmpstr (fixture->activated->str, ==, "");

  gtk_widget_activate_action (fixture->page, "detail.back", NULL);
  spin_main_loop ();
  dialog = find_message_dialog ("Save Your Changes?");
  adw_message_dialog_response (dialog, "discard");
  spin_main_loop ();

  g_assert_cmpstr (fixture->activated->str, ==, "back");
  g_assert_cmpstr (row_text (fixture, "_Title"), ==, "Mail is down");
  stored = get (fixture, id);
  g_assert_cmpstr (stored->title, ==, "Mail is down");
}

static void
test_time_zone_setting (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  show (fixture, add_incident (fixture, "Mail is down"));
  g_assert_cmpstr (row_text (fixture, "_Detected"), ==, "2025-03-09 10:00");

  g_settings_set_string (settings, "time-zone", "Asia/Jakarta");
  wait_idle (fixture);
  g_assert_cmpstr (row_text (fixture, "_Detected"), ==, "2025-03-09 17:00");
  g_assert_false (action_enabled (fixture, "detail.save"));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  int minimum;

  show (fixture, import_with_status (fixture, DESK_STATUS_RESOLVED));
  gtk_widget_measure (fixture->page, GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
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

/* Each Alt key reaches one control of the page, with every section
 * open, on an open and on a resolved incident.
 */
static void
test_mnemonics (Fixture       *fixture,
                gconstpointer  data)
{
  const DeskStatus statuses[] = { DESK_STATUS_NEW, DESK_STATUS_RESOLVED };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      gint64 id = import_with_status (fixture, statuses[i]);

      show (fixture, id);
      find_all (fixture->page, is_type,
                GSIZE_TO_POINTER (ADW_TYPE_EXPANDER_ROW), expanders);
      for (guint e = 0; e < expanders->len; e++)
        adw_expander_row_set_expanded (expanders->pdata[e], TRUE);
      spin_main_loop ();

      g_assert_cmpuint (desk_test_assert_unique_mnemonics (fixture->window),
                        >, 10);
      g_assert_true (desk_store_delete_incident (fixture->store, id, &error));
      g_assert_no_error (error);
    }
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

#define ADD(path, func) \
  g_test_add ("/incident-detail/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("no-store", test_no_store);
  ADD ("missing", test_missing);
  ADD ("shows-fields", test_shows_fields);
  ADD ("edit-and-save", test_edit_and_save);
  ADD ("save-needs-changes", test_save_shortcut_needs_changes);
  ADD ("resolved-before-detected", test_resolved_before_detected);
  ADD ("lifecycle-times", test_lifecycle_times);
  ADD ("bad-time-text", test_bad_time_text);
  ADD ("simple-move", test_simple_move);
  ADD ("move-not-allowed", test_move_not_allowed);
  ADD ("resolve-asks", test_resolve_asks);
  ADD ("resolve-cancelled", test_resolve_cancelled);
  ADD ("close-asks-root-cause", test_close_asks_root_cause);
  ADD ("reopen-asks-reason", test_reopen_asks_reason);
  ADD ("conflict-keep-editing", test_conflict_keep_editing);
  ADD ("conflict-reload", test_conflict_reload);
  ADD ("status-change-keeps-typed", test_status_change_keeps_typed);
  ADD ("conflict-on-status-change", test_conflict_on_status_change);
  ADD ("failed-save-keeps-text", test_failed_save_keeps_text);
  ADD ("viewer-mode", test_viewer_mode);
  ADD ("clocks", test_clocks);
  ADD ("linked-problem", test_linked_problem);
  ADD ("timeline", test_timeline);
  ADD ("narrow", test_narrow);
  ADD ("back-unchanged", test_back_unchanged);
  ADD ("back-asks-and-saves", test_back_asks_and_saves);
  ADD ("back-asks-and-discards", test_back_asks_and_discards);
  ADD ("time-zone-setting", test_time_zone_setting);

#undef ADD

  g_test_add ("/incident-detail/mnemonics/en", Fixture, NULL,
              fixture_set_up_language, test_mnemonics,
              fixture_tear_down_language);
  g_test_add ("/incident-detail/mnemonics/id", Fixture, "id",
              fixture_set_up_language, test_mnemonics,
              fixture_tear_down_language);

  /* 200,000 characters: one word, words in one paragraph, short lines. */
  g_test_add ("/incident-detail/long-description/one-word", Fixture, "x",
              fixture_set_up, test_long_description, fixture_tear_down);
  g_test_add ("/incident-detail/long-description/one-paragraph", Fixture,
              "word ", fixture_set_up, test_long_description,
              fixture_tear_down);
  g_test_add ("/incident-detail/long-description/lines", Fixture,
              "a line of an incident report\n", fixture_set_up,
              test_long_description, fixture_tear_down);

  for (guint i = 0; i < DESK_N_STATUSES; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = g_ascii_strdown (
        desk_status_to_string ((DeskStatus) i), -1);

      g_strdelimit (name, " ", '-');
      path = g_strdup_printf ("/incident-detail/status-buttons/%s", name);
      g_test_add (path, Fixture, GINT_TO_POINTER (i), fixture_set_up,
                  test_status_buttons, fixture_tear_down);
    }

  return g_test_run ();
}
