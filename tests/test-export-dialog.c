/* test-export-dialog.c: the Export dialog writing real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-demo.h"
#include "desk-export-dialog.h"
#include "desk-gui-test-util.h"
#include "desk-resources.h"
#include "desk-test-util.h"
#include "desk-time.h"

#define INCIDENT_HEADER \
  "reference,title,service,severity,impact,status,detected_at," \
  "acknowledged_at,impact_start,impact_end,resolved_at,closed_at," \
  "downtime_minutes,assignee,reporter,description,root_cause,five_whys," \
  "contributing_factor,workaround,resolution,problem\r\n"

#define SLA_HEADER \
  "service,period_start,period_end,period_minutes,target_percent," \
  "downtime_minutes,degraded_minutes,degraded_weight,uptime_percent," \
  "allowed_downtime_minutes,budget_left_minutes,state,outages," \
  "mtta_minutes,mtta_count,mtta_median_minutes,mtta_p90_minutes," \
  "mttr_minutes,mttr_count,mttr_median_minutes,mttr_p90_minutes," \
  "mtbf_hours,outage_minutes,time_zone,open_counted_until,method\r\n"

typedef struct
{
  char      *tmpdir;
  DeskStore *store;
  GtkWidget *window;
  GtkWidget *dialog;
  GString   *activated;
} Fixture;

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
add_incident (DeskStore    *store,
              const char   *title,
              const char   *service,
              DeskSeverity  severity,
              const char   *detected)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;

  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, service);
  incident->severity = severity;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->status = DESK_STATUS_NEW;
  g_assert_true (desk_time_parse (detected, NULL, DESK_FOLD_EARLIER,
                                  &incident->detected_at, &error));
  g_assert_true (desk_store_create_incident (store, incident, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const GActionEntry entries[] = {
    { "toast", record_action, "s" },
    { "reload", record_action },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->tmpdir = desk_test_tmpdir_new ();
  path = g_build_filename (fixture->tmpdir, "desk.db", NULL);
  fixture->store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  add_incident (fixture->store, "Mail is slow", "Mail", DESK_SEVERITY_SEV2,
                "2025-03-01T10:00:00Z");
  add_incident (fixture->store, "VPN down", "VPN", DESK_SEVERITY_SEV1,
                "2025-03-02T08:00:00Z");
  add_incident (fixture->store, "Printer jam", "Mail", DESK_SEVERITY_SEV4,
                "2025-03-03T09:00:00Z");

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries,
                                   G_N_ELEMENTS (entries), fixture);
  fixture->activated = g_string_new (NULL);
  fixture->window = gtk_window_new ();
  gtk_widget_insert_action_group (fixture->window, "win",
                                  G_ACTION_GROUP (group));
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

  g_assert_null (fixture->dialog);
  desk_test_assert_finalized (fixture->store);
  g_string_free (fixture->activated, TRUE);
  desk_test_tmpdir_free (fixture->tmpdir);
}

static void
open_dialog (Fixture         *fixture,
             const DeskQuery *filter)
{
  fixture->dialog = desk_export_dialog_new (GTK_WINDOW (fixture->window),
                                            fixture->store, filter);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog),
                             (gpointer *) &fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();
}

static GFile *
target (Fixture    *fixture,
        const char *name)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);

  return g_file_new_for_path (path);
}

/* Runs the export and waits until the dialog has closed and gone. */
static void
export_and_wait (Fixture *fixture)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (gtk_widget_activate_action (fixture->dialog, "export.run",
                                             NULL));
  while (fixture->dialog != NULL && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (fixture->dialog);
}

static gboolean
is_running (Fixture *fixture)
{
  gboolean running;

  g_object_get (fixture->dialog, "running", &running, NULL);

  return running;
}

/* Waits for a running export to end, with the dialog still open. */
static void
wait_until_idle (Fixture *fixture)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  spin_main_loop ();
  while (fixture->dialog != NULL && is_running (fixture) &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  spin_main_loop ();
}

static char *
read_file (GFile *file,
           gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, length, NULL,
                                       &error));
  g_assert_no_error (error);

  return contents;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "\r\n"); p != NULL;
       p = strstr (p + 2, "\r\n"))
    n++;

  return n;
}

/* Files beside the database and its journal. */
static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "desk.db"))
      n++;

  return n;
}

static void
test_all (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GFile) file = target (fixture, "all.csv");
  g_autofree char *text = NULL;
  g_autofree char *what = NULL;

  open_dialog (fixture, NULL);
  g_object_get (fixture->dialog, "what", &what, NULL);
  g_assert_cmpstr (what, ==, "all");

  desk_export_dialog_set_file (DESK_EXPORT_DIALOG (fixture->dialog), file);
  g_object_set (fixture->dialog, "spreadsheet", FALSE, NULL);
  export_and_wait (fixture);

  text = read_file (file, NULL);
  g_assert_true (g_str_has_prefix (text, INCIDENT_HEADER));
  g_assert_cmpuint (count_lines (text), ==, 4);
  g_assert_nonnull (strstr (text, ",VPN down,VPN,SEV1,Outage,New,"));
  g_assert_cmpstr (fixture->activated->str, ==, "toast(Exported 3 incidents)");
  /* No temporary file left behind. */
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 1);
}

static void
test_filtered (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GFile) file = target (fixture, "mail.csv");
  g_autofree char *text = NULL;
  g_autofree char *what = NULL;

  query->service = g_strdup ("Mail");
  open_dialog (fixture, query);
  g_object_get (fixture->dialog, "what", &what, NULL);
  g_assert_cmpstr (what, ==, "filter");

  desk_export_dialog_set_file (DESK_EXPORT_DIALOG (fixture->dialog), file);
  g_object_set (fixture->dialog, "spreadsheet", FALSE, NULL);
  export_and_wait (fixture);

  text = read_file (file, NULL);
  g_assert_true (g_str_has_prefix (text, INCIDENT_HEADER));
  g_assert_cmpuint (count_lines (text), ==, 3);
  g_assert_null (strstr (text, "VPN"));
  g_assert_cmpstr (fixture->activated->str, ==, "toast(Exported 2 incidents)");
}

static void
test_no_filter (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();
  g_autoptr(GFile) file = target (fixture, "none.csv");
  g_autofree char *what = NULL;

  /* A sort order alone is no filter, so there is nothing to export. */
  query->sort = DESK_SORT_TITLE;
  open_dialog (fixture, query);
  g_object_get (fixture->dialog, "what", &what, NULL);
  g_assert_cmpstr (what, ==, "all");
  g_object_set (fixture->dialog, "what", "filter", NULL);
  desk_export_dialog_set_file (DESK_EXPORT_DIALOG (fixture->dialog), file);
  gtk_widget_activate_action (fixture->dialog, "export.run", NULL);
  wait_until_idle (fixture);

  g_assert_nonnull (fixture->dialog);
  g_assert_false (g_file_query_exists (file, NULL));
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();
}

static void
test_sla (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GFile) file = target (fixture, "sla.csv");
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  open_dialog (fixture, NULL);
  g_object_set (fixture->dialog, "what", "sla", NULL);
  desk_export_dialog_set_custom_period (DESK_EXPORT_DIALOG (fixture->dialog),
                                        "2025-03-01", "2025-03-31");
  name = desk_export_dialog_suggest_name (DESK_EXPORT_DIALOG (fixture->dialog));
  g_assert_cmpstr (name, ==, "sla-report-2025-03-01_2025-03-31.csv");

  desk_export_dialog_set_file (DESK_EXPORT_DIALOG (fixture->dialog), file);
  g_object_set (fixture->dialog, "spreadsheet", FALSE, NULL);
  export_and_wait (fixture);

  text = read_file (file, NULL);
  g_assert_true (g_str_has_prefix (text, SLA_HEADER));
  g_assert_nonnull (strstr (text, "\r\nMail,2025-03-01T00:00:00+00:00,"
                                  "2025-04-01T00:00:00+00:00,44640,"));
  g_assert_nonnull (strstr (text, "\r\nVPN,"));
  g_assert_cmpstr (fixture->activated->str, ==,
                   "toast(Exported the SLA report of 2 services)");
}

static void
test_sla_period_needed (Fixture       *fixture,
                        gconstpointer  data)
{
  open_dialog (fixture, NULL);
  g_object_set (fixture->dialog, "what", "sla", NULL);
  desk_export_dialog_set_custom_period (DESK_EXPORT_DIALOG (fixture->dialog),
                                        "2025-03-01", "");
  gtk_widget_activate_action (fixture->dialog, "export.run", NULL);
  wait_until_idle (fixture);
  g_assert_nonnull (fixture->dialog);
  desk_export_dialog_set_custom_period (DESK_EXPORT_DIALOG (fixture->dialog),
                                        "2025-03-31", "2025-03-01");
  gtk_widget_activate_action (fixture->dialog, "export.run", NULL);
  wait_until_idle (fixture);
  g_assert_nonnull (fixture->dialog);
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 0);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();
}

static void
test_spreadsheet (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = target (fixture, "sheet.csv");
  g_autofree char *text = NULL;
  gsize length;

  open_dialog (fixture, NULL);
  desk_export_dialog_set_file (DESK_EXPORT_DIALOG (fixture->dialog), file);
  g_assert_true (gtk_widget_activate_action (fixture->dialog,
                                             "export.spreadsheet", NULL));
  export_and_wait (fixture);

  text = read_file (file, &length);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "reference;title;"
                                         "service;severity;"));
  g_assert_cmpuint (count_lines (text), ==, 4);
}

static void
test_spreadsheet_setting (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gboolean spreadsheet;

  g_settings_set_boolean (settings, "csv-spreadsheet", TRUE);
  open_dialog (fixture, NULL);
  g_object_get (fixture->dialog, "spreadsheet", &spreadsheet, NULL);
  g_assert_true (spreadsheet);
  g_settings_reset (settings, "csv-spreadsheet");
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = target (fixture, "big.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (desk_demo_fill (fixture->store, 20000, 7,
                                 1741000000, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (file, "old\n", 4, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL,
                                          &error));

  open_dialog (fixture, NULL);
  desk_export_dialog_set_file (DESK_EXPORT_DIALOG (fixture->dialog), file);
  g_assert_true (gtk_widget_activate_action (fixture->dialog, "export.run",
                                             NULL));
  g_assert_true (gtk_widget_activate_action (fixture->dialog,
                                             "export.cancel", NULL));

  /* The dialog stays, ready to export again. */
  wait_until_idle (fixture);
  g_assert_nonnull (fixture->dialog);
  text = read_file (file, NULL);
  g_assert_cmpstr (text, ==, "old\n");
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 1);
  g_assert_cmpstr (fixture->activated->str, ==, "");
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();
}

static void
test_bad_folder (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = target (fixture, "missing/out.csv");

  open_dialog (fixture, NULL);
  desk_export_dialog_set_file (DESK_EXPORT_DIALOG (fixture->dialog), file);
  g_test_expect_message ("desk-export-dialog", G_LOG_LEVEL_WARNING,
                         "Export failed*");
  g_assert_true (gtk_widget_activate_action (fixture->dialog, "export.run",
                                             NULL));
  wait_until_idle (fixture);
  g_test_assert_expected_messages ();

  /* Still open, the choices kept, nothing written. */
  g_assert_nonnull (fixture->dialog);
  g_assert_true (desk_export_dialog_get_file (
    DESK_EXPORT_DIALOG (fixture->dialog)) != NULL);
  g_assert_cmpuint (count_files (fixture->tmpdir), ==, 0);
  g_assert_cmpstr (fixture->activated->str, ==, "");
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();
}

static gboolean
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

static void
test_markup_file_name (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = target (fixture, "R&D <b>.csv");
  g_autofree char *shown = NULL;

  open_dialog (fixture, NULL);
  desk_export_dialog_set_file (DESK_EXPORT_DIALOG (fixture->dialog), file);
  spin_main_loop ();
  shown = g_file_get_parse_name (file);
  g_assert_true (find_label (fixture->dialog, shown));

  export_and_wait (fixture);
  g_assert_true (g_file_query_exists (file, NULL));
}

static void
test_suggest_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *name = NULL;

  open_dialog (fixture, NULL);
  name = desk_export_dialog_suggest_name (DESK_EXPORT_DIALOG (fixture->dialog));
  g_assert_true (g_str_has_prefix (name, "incidents-20"));
  g_assert_true (g_str_has_suffix (name, ".csv"));
  g_assert_cmpuint (strlen (name), ==, strlen ("incidents-2026-12-03.csv"));
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();
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

static void
assert_fits_phone (Fixture *fixture)
{
  int width = desk_test_minimum_width (fixture->dialog);

  desk_test_log_wide_widgets (fixture->dialog, 360);
  g_assert_cmpint (width, <=, 360);
  desk_test_assert_unique_mnemonics (fixture->dialog);
}

/* Both kinds of export fit a phone's 360 pixels, and each Alt key
 * reaches one control.
 */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DeskQuery) query = desk_query_new ();

  query->service = g_strdup ("Mail");
  open_dialog (fixture, query);
  assert_fits_phone (fixture);

  g_object_set (fixture->dialog, "what", "sla", NULL);
  desk_export_dialog_set_custom_period (DESK_EXPORT_DIALOG (fixture->dialog),
                                        "2025-03-01", "2025-03-31");
  spin_main_loop ();
  assert_fits_phone (fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (desk_get_resource ());

#define ADD(path, func) \
  g_test_add ("/export-dialog/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("all", test_all);
  ADD ("filtered", test_filtered);
  ADD ("no-filter", test_no_filter);
  ADD ("sla", test_sla);
  ADD ("sla-period-needed", test_sla_period_needed);
  ADD ("spreadsheet", test_spreadsheet);
  ADD ("spreadsheet-setting", test_spreadsheet_setting);
  ADD ("cancel", test_cancel);
  ADD ("bad-folder", test_bad_folder);
  ADD ("suggest-name", test_suggest_name);
  ADD ("markup-file-name", test_markup_file_name);

#undef ADD

  g_test_add ("/export-dialog/narrow/en", Fixture, NULL,
              fixture_set_up_language, test_narrow,
              fixture_tear_down_language);
  g_test_add ("/export-dialog/narrow/id", Fixture, "id",
              fixture_set_up_language, test_narrow,
              fixture_tear_down_language);

  return g_test_run ();
}
