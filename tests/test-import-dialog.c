/* test-import-dialog.c: the Import dialog on our own fixtures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-demo.h"
#include "desk-export.h"
#include "desk-gui-test-util.h"
#include "desk-import-dialog.h"
#include "desk-resources.h"
#include "desk-test-util.h"
#include "desk-time.h"

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

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries,
                                   G_N_ELEMENTS (entries), fixture);
  fixture->activated = g_string_new (NULL);
  fixture->window = gtk_window_new ();
  gtk_widget_insert_action_group (fixture->window, "win",
                                  G_ACTION_GROUP (group));
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin_main_loop ();

  fixture->dialog = desk_import_dialog_new (GTK_WINDOW (fixture->window),
                                            fixture->store);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog),
                             (gpointer *) &fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
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

/* The same, with the dialog in Indonesian. */
static void
fixture_set_up_indonesian (Fixture       *fixture,
                           gconstpointer  data)
{
  desk_test_use_language ("id");
  fixture_set_up (fixture, data);
}

static void
fixture_tear_down_indonesian (Fixture       *fixture,
                              gconstpointer  data)
{
  fixture_tear_down (fixture, data);
  desk_test_use_language (NULL);
}

static AdwPreferencesRow *find_row (GtkWidget  *root,
                                    const char *title);
static gboolean find_label (GtkWidget  *root,
                            const char *text);

static DeskImportDialog *
dialog (Fixture *fixture)
{
  return DESK_IMPORT_DIALOG (fixture->dialog);
}

static gboolean
is_busy (Fixture *fixture)
{
  gboolean busy;

  g_object_get (fixture->dialog, "busy", &busy, NULL);

  return busy;
}

static char *
page (Fixture *fixture)
{
  char *name = NULL;

  g_object_get (fixture->dialog, "page", &name, NULL);

  return name;
}

static void
wait_until_idle (Fixture *fixture)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  spin_main_loop ();
  while (fixture->dialog != NULL && is_busy (fixture) &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  spin_main_loop ();
}

static void
choose_fixture (Fixture    *fixture,
                const char *name)
{
  g_autofree char *path = desk_test_fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  desk_import_dialog_set_file (dialog (fixture), file);
  wait_until_idle (fixture);
}

static void
assert_page (Fixture    *fixture,
             const char *expected)
{
  g_autofree char *name = page (fixture);

  g_assert_cmpstr (name, ==, expected);
}

static guint
count_incidents (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n = desk_store_count (fixture->store, NULL, &error);

  g_assert_no_error (error);

  return n;
}

static void
import_and_wait (Fixture *fixture)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_widget_activate_action (fixture->dialog, "import.run", NULL);
  while (fixture->dialog != NULL && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (fixture->dialog);
}

static void
collect_messages (GtkWidget *widget,
                  GString   *out)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      gtk_widget_has_css_class (widget, "desk-import-message"))
    {
      g_string_append (out, adw_preferences_row_get_title (
        ADW_PREFERENCES_ROW (widget)));
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_messages (child, out);
}

static char *
shown_messages (Fixture *fixture)
{
  GString *out = g_string_new (NULL);

  collect_messages (fixture->dialog, out);

  return g_string_free (out, FALSE);
}

static void
test_own_export (Fixture       *fixture,
                 gconstpointer  data)
{
  const DeskImportReport *report;
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  assert_page (fixture, "choose");
  choose_fixture (fixture, "import/valid.csv");
  assert_page (fixture, "check");

  report = desk_import_dialog_get_report (dialog (fixture));
  g_assert_nonnull (report);
  g_assert_cmpint (report->format, ==, DESK_IMPORT_FORMAT_INCIDENTDESK);
  g_assert_true (report->dry_run);
  g_assert_cmpuint (report->n_created, ==, 2);
  g_assert_cmpuint (report->n_updated, ==, 0);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (count_incidents (fixture), ==, 0);

  import_and_wait (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 2);
  incident = desk_store_find_incident (fixture->store, "INC-100003", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (incident->title, ==, "VPN down");
  g_assert_cmpstr (fixture->activated->str, ==,
                   "toast(Imported 2 incidents);reload");
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("import/valid.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DeskImportReport) first = NULL;
  g_autoptr(GError) error = NULL;
  const DeskImportReport *report;

  first = desk_import_file (fixture->store, file, NULL, NULL, NULL, NULL,
                            &error);
  g_assert_no_error (error);

  choose_fixture (fixture, "import/valid.csv");
  report = desk_import_dialog_get_report (dialog (fixture));
  g_assert_cmpuint (report->n_created, ==, 0);
  g_assert_cmpuint (report->n_updated, ==, 2);
  import_and_wait (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 2);
}

static void
test_spreadsheet_export (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *valid = desk_test_fixture_path ("import/valid.csv");
  g_autofree char *path = g_build_filename (fixture->tmpdir, "sheet.csv",
                                            NULL);
  g_autofree char *other_path = g_build_filename (fixture->tmpdir,
                                                  "other.db", NULL);
  g_autoptr(GFile) valid_file = g_file_new_for_path (valid);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DeskStore) other = NULL;
  g_autoptr(DeskImportReport) first = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  const DeskImportReport *report;

  other = desk_store_open (other_path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  first = desk_import_file (other, valid_file, NULL, NULL, NULL, NULL,
                            &error);
  g_assert_no_error (error);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (desk_export_incidents (other, NULL, G_OUTPUT_STREAM (out),
                                        NULL, DESK_EXPORT_FLAGS_SPREADSHEET,
                                        NULL, NULL, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));

  /* Byte order mark and semicolons: still our own format. */
  desk_import_dialog_set_file (dialog (fixture), file);
  wait_until_idle (fixture);
  assert_page (fixture, "check");
  report = desk_import_dialog_get_report (dialog (fixture));
  g_assert_cmpint (report->format, ==, DESK_IMPORT_FORMAT_INCIDENTDESK);
  g_assert_cmpuint (report->n_created, ==, 2);
  import_and_wait (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 2);
}

static void
test_servicenow (Fixture       *fixture,
                 gconstpointer  data)
{
  const DeskImportReport *report;
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *detected = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  choose_fixture (fixture, "import-dialog/servicenow.csv");
  assert_page (fixture, "check");
  desk_import_dialog_set_time_zone (dialog (fixture), "Asia/Jakarta");
  wait_until_idle (fixture);

  report = desk_import_dialog_get_report (dialog (fixture));
  g_assert_cmpint (report->format, ==, DESK_IMPORT_FORMAT_SERVICENOW);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_created, ==, 2);
  g_assert_cmpuint (report->n_warnings, ==, 1);
  g_assert_cmpuint (report->n_errors, ==, 0);
  messages = shown_messages (fixture);
  g_assert_cmpstr (messages, ==,
                   "Line 3, closed_at: The incident is resolved but not "
                   "closed, so its closed time was left out.\n");

  import_and_wait (fixture);
  incident = desk_store_find_incident (fixture->store, "INC0001001", &error);
  g_assert_no_error (error);
  detected = desk_time_format_iso (incident->detected_at, utc);
  g_assert_cmpstr (detected, ==, "2025-02-03T02:00:00+00:00");
  g_assert_cmpstr (fixture->activated->str, ==,
                   "toast(Imported 2 incidents);reload");
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  const DeskImportReport *report;
  g_autofree char *messages = NULL;

  choose_fixture (fixture, "import/many-errors.csv");
  assert_page (fixture, "check");
  report = desk_import_dialog_get_report (dialog (fixture));
  g_assert_cmpuint (report->n_errors, ==, 6);

  messages = shown_messages (fixture);
  g_assert_cmpstr (messages, ==,
                   "Line 3, resolved_at: The resolved time cannot be before "
                   "the detected time.\n"
                   "Line 4, severity: “SEV7” is not a severity; use SEV1, "
                   "SEV2, SEV3 or SEV4.\n"
                   "Line 5, detected_at: “2024-02-30 25:61” is not a real "
                   "date and time.\n"
                   "Line 6, status: “Done” is not a status; use New, "
                   "Investigating, Identified, Monitoring, On hold, Resolved "
                   "or Closed.\n"
                   "Line 7: The row has 4 fields, but the header has 22.\n"
                   "Line 8, title: The title cannot be empty.\n");

  /* Import stays disabled: nothing happens, nothing is written. */
  gtk_widget_activate_action (fixture->dialog, "import.run", NULL);
  wait_until_idle (fixture);
  g_assert_nonnull (fixture->dialog);
  assert_page (fixture, "check");
  g_assert_cmpuint (count_incidents (fixture), ==, 0);
  g_assert_cmpstr (fixture->activated->str, ==, "");
}

static void
test_not_csv (Fixture       *fixture,
              gconstpointer  data)
{
  g_test_expect_message ("desk-import-dialog", G_LOG_LEVEL_WARNING,
                         "Dry run failed*");
  choose_fixture (fixture, "import/unterminated-quote.csv");
  g_test_assert_expected_messages ();

  assert_page (fixture, "check");
  g_assert_null (desk_import_dialog_get_report (dialog (fixture)));
  gtk_widget_activate_action (fixture->dialog, "import.run", NULL);
  wait_until_idle (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 0);
}

static void
test_zone_typed_after_check (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *detected = NULL;
  AdwPreferencesRow *zone;

  choose_fixture (fixture, "import-dialog/servicenow.csv");
  zone = find_row (fixture->dialog, "Time zone of the file’s times");
  g_assert_nonnull (zone);

  /* Typed but not applied: Import checks the file again first. */
  gtk_editable_set_text (GTK_EDITABLE (zone), "Asia/Jakarta");
  gtk_widget_activate_action (fixture->dialog, "import.run", NULL);
  wait_until_idle (fixture);
  g_assert_nonnull (fixture->dialog);
  g_assert_cmpuint (count_incidents (fixture), ==, 0);

  import_and_wait (fixture);
  incident = desk_store_find_incident (fixture->store, "INC0001001", &error);
  g_assert_no_error (error);
  detected = desk_time_format_iso (incident->detected_at, utc);
  g_assert_cmpstr (detected, ==, "2025-02-03T02:00:00+00:00");
}

static void
test_bad_zone (Fixture       *fixture,
               gconstpointer  data)
{
  choose_fixture (fixture, "import/valid.csv");
  g_assert_nonnull (desk_import_dialog_get_report (dialog (fixture)));

  desk_import_dialog_set_time_zone (dialog (fixture), "Mars/Olympus");
  wait_until_idle (fixture);
  g_assert_null (desk_import_dialog_get_report (dialog (fixture)));
  gtk_widget_activate_action (fixture->dialog, "import.run", NULL);
  wait_until_idle (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 0);
}

static DeskMappingRow *
mapping_row (Fixture   *fixture,
             DeskField  field)
{
  DeskMappingRow *row;

  row = desk_import_dialog_get_mapping_row (dialog (fixture), field);
  g_assert_nonnull (row);

  return row;
}

static void
map_shop_by_hand (Fixture *fixture)
{
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_REFERENCE),
                               "id");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_TITLE),
                               "summary");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_SEVERITY),
                               "prio");
  desk_mapping_row_set_translation (mapping_row (fixture,
                                                 DESK_FIELD_SEVERITY),
                                    "P1", "SEV1");
  desk_mapping_row_set_translation (mapping_row (fixture,
                                                 DESK_FIELD_SEVERITY),
                                    "p2", "SEV2");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_IMPACT),
                               "prio");
  desk_mapping_row_set_translation (mapping_row (fixture, DESK_FIELD_IMPACT),
                                    "P1", "Outage");
  desk_mapping_row_set_translation (mapping_row (fixture, DESK_FIELD_IMPACT),
                                    "p2", "Degraded");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_DETECTED_AT),
                               "start");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_RESOLVED_AT),
                               "end");
  desk_mapping_row_set_constant (mapping_row (fixture, DESK_FIELD_SERVICE),
                                 "Shop");
  desk_mapping_row_set_constant (mapping_row (fixture, DESK_FIELD_STATUS),
                                 "Resolved");
  desk_mapping_row_set_constant (mapping_row (fixture,
                                              DESK_FIELD_RESOLUTION),
                                 "Fixed by the shop team");
}

static AdwPreferencesRow *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)),
                 title) == 0)
    return ADW_PREFERENCES_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_skip_and_dates (Fixture *fixture)
{
  AdwPreferencesRow *skip_column = find_row (fixture->dialog,
                                             "Skip by colu_mn");
  AdwPreferencesRow *skip_values = find_row (fixture->dialog,
                                             "Values to skip, separated by ;");
  AdwPreferencesRow *date_format = find_row (fixture->dialog, "Date format");

  g_assert_nonnull (skip_column);
  g_assert_nonnull (skip_values);
  g_assert_nonnull (date_format);

  /* "Skip no rows", id, summary, prio */
  adw_combo_row_set_selected (ADW_COMBO_ROW (skip_column), 3);
  gtk_editable_set_text (GTK_EDITABLE (skip_values), "test;ignore");
  gtk_editable_set_text (GTK_EDITABLE (date_format), "%d/%m/%Y %H:%M");
}

static void
assert_shop_dry_run (Fixture *fixture)
{
  const DeskImportReport *report;

  gtk_widget_activate_action (fixture->dialog, "import.check", NULL);
  wait_until_idle (fixture);
  assert_page (fixture, "check");

  report = desk_import_dialog_get_report (dialog (fixture));
  g_assert_nonnull (report);
  g_assert_cmpint (report->format, ==, DESK_IMPORT_FORMAT_MAPPED);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_created, ==, 2);
  g_assert_cmpuint (report->n_skipped, ==, 1);
  g_assert_cmpuint (report->n_errors, ==, 0);
}

static void
test_mapped (Fixture       *fixture,
             gconstpointer  data)
{
  AdwPreferencesRow *means;
  g_autoptr(DeskIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  choose_fixture (fixture, "import/shop.csv");
  assert_page (fixture, "mapping");

  /* No column of this file is named after a field. */
  g_assert_null (desk_mapping_row_get_column (
    mapping_row (fixture, DESK_FIELD_TITLE)));

  map_shop_by_hand (fixture);
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_ASSIGNEE),
                               "owner");

  /* The values seen in the column are offered, severity's first:
   * "Keep as written", SEV1 … SEV4.
   */
  desk_mapping_row_set_translation (mapping_row (fixture,
                                                 DESK_FIELD_SEVERITY),
                                    "P1", NULL);
  means = find_row (fixture->dialog, "“P1” means");
  g_assert_nonnull (means);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (means)), ==,
                    0);
  g_assert_nonnull (find_row (fixture->dialog, "“test” means"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (means), 1);
  set_skip_and_dates (fixture);
  desk_import_dialog_set_time_zone (dialog (fixture), "UTC");
  assert_shop_dry_run (fixture);

  import_and_wait (fixture);
  g_assert_cmpuint (count_incidents (fixture), ==, 2);
  incident = desk_store_find_incident (fixture->store, "A-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (incident->title, ==, "Checkout, slow");
  g_assert_cmpstr (incident->service, ==, "Shop");
  g_assert_cmpint (incident->severity, ==, DESK_SEVERITY_SEV1);
  g_assert_cmpint (incident->impact, ==, DESK_IMPACT_OUTAGE);
  g_assert_cmpint (incident->status, ==, DESK_STATUS_RESOLVED);
  g_assert_cmpstr (incident->assignee, ==, "ana");
  g_assert_cmpstr (fixture->activated->str, ==,
                   "toast(Imported 2 incidents);reload");
}

static void
test_mapping_incomplete (Fixture       *fixture,
                         gconstpointer  data)
{
  const DeskImportReport *report;

  choose_fixture (fixture, "import/shop.csv");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_TITLE),
                               "summary");
  gtk_widget_activate_action (fixture->dialog, "import.check", NULL);
  wait_until_idle (fixture);

  /* Reference, service, severity and detected time are missing: there
   * is no dry run to go to.
   */
  assert_page (fixture, "mapping");
  report = desk_import_dialog_get_report (dialog (fixture));
  g_assert_null (report);
  gtk_widget_activate_action (fixture->dialog, "import.run", NULL);
  wait_until_idle (fixture);
  g_assert_nonnull (fixture->dialog);
  g_assert_cmpuint (count_incidents (fixture), ==, 0);
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

/* Next stays off, and says why beside it, until every field a row needs
 * has a column or a value.
 */
static void
test_mapping_needs_fields (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *next;

  choose_fixture (fixture, "import/shop.csv");
  assert_page (fixture, "mapping");
  next = find_button (fixture->dialog, "_Next");
  g_assert_nonnull (next);
  g_assert_true (gtk_widget_get_mapped (next));
  g_assert_false (gtk_widget_get_sensitive (next));
  desk_test_assert_unique_mnemonics (fixture->dialog);
  g_assert_true (find_label (fixture->dialog,
                             "To go on, choose a column or type a value for: "
                             "Reference, Title, Service, Severity, "
                             "Detected"));

  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_REFERENCE),
                               "id");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_TITLE),
                               "summary");
  desk_mapping_row_set_constant (mapping_row (fixture, DESK_FIELD_SERVICE),
                                 "Shop");
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_true (find_label (fixture->dialog,
                             "To go on, choose a column or type a value for: "
                             "Severity, Detected"));

  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_SEVERITY),
                               "prio");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_DETECTED_AT),
                               "start");
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_false (find_label (fixture->dialog,
                              "To go on, choose a column or type a value "
                              "for: Severity, Detected"));

  /* A value typed and then wiped out no longer counts. */
  desk_mapping_row_set_constant (mapping_row (fixture, DESK_FIELD_SERVICE),
                                 "");
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_true (find_label (fixture->dialog,
                             "To go on, choose a column or type a value for: "
                             "Service"));
  gtk_widget_activate_action (fixture->dialog, "import.check", NULL);
  wait_until_idle (fixture);
  assert_page (fixture, "mapping");
}

static void
assert_fits_phone (Fixture    *fixture,
                   const char *step)
{
  g_autofree char *name = g_strconcat ("import-id-360-", step, NULL);
  int width = desk_test_minimum_width (fixture->dialog);

  desk_test_save_png (fixture->dialog, name);

  desk_test_log_wide_widgets (fixture->dialog, 360);
  g_assert_cmpint (width, <=, 360);
  desk_test_assert_unique_mnemonics (fixture->dialog);
}

/* Every step fits a phone's 360 pixels in the longer Indonesian, and
 * its Alt keys each reach one control.
 */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  /* A dialog the size of a phone, to look at with INCIDENTDESK_TEST_SHOTS */
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();
  fixture->dialog = desk_import_dialog_new (GTK_WINDOW (fixture->window),
                                            fixture->store);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog),
                             (gpointer *) &fixture->dialog);
  gtk_window_set_default_size (GTK_WINDOW (fixture->dialog), 360, 720);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  spin_main_loop ();

  g_assert_true (find_label (fixture->dialog, "Impor Insiden"));
  assert_fits_phone (fixture, "choose");

  choose_fixture (fixture, "import/shop.csv");
  assert_page (fixture, "mapping");
  assert_fits_phone (fixture, "mapping");

  /* Without the date format every row is reported, in long lines. */
  map_shop_by_hand (fixture);
  gtk_widget_activate_action (fixture->dialog, "import.check", NULL);
  wait_until_idle (fixture);
  assert_page (fixture, "check");
  assert_fits_phone (fixture, "check");
}

static void
test_mapping_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *shop = desk_test_fixture_path ("mappings/shop.ini");
  g_autofree char *saved_path = NULL;
  g_autoptr(GFile) shop_file = g_file_new_for_path (shop);
  g_autoptr(GFile) saved = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  choose_fixture (fixture, "import/shop.csv");
  g_assert_true (desk_import_dialog_load_mapping (dialog (fixture),
                                                  shop_file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (desk_mapping_row_get_column (
                     mapping_row (fixture, DESK_FIELD_TITLE)), ==, "summary");
  g_assert_cmpstr (desk_mapping_row_get_constant (
                     mapping_row (fixture, DESK_FIELD_SERVICE)), ==, "Shop");

  saved_path = g_build_filename (fixture->tmpdir, "saved.ini", NULL);
  saved = g_file_new_for_path (saved_path);
  g_assert_true (desk_import_dialog_save_mapping (dialog (fixture), saved,
                                                  &error));
  g_assert_no_error (error);

  g_assert_true (g_key_file_load_from_file (keys, saved_path,
                                            G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
#define ASSERT_KEY(group, key, expected) \
  value = g_key_file_get_string (keys, group, key, NULL); \
  g_assert_cmpstr (value, ==, expected); \
  g_clear_pointer (&value, g_free)
  ASSERT_KEY ("columns", "reference", "id");
  ASSERT_KEY ("columns", "title", "summary");
  ASSERT_KEY ("columns", "severity", "prio");
  ASSERT_KEY ("columns", "impact", "prio");
  ASSERT_KEY ("columns", "detected_at", "start");
  ASSERT_KEY ("columns", "resolved_at", "end");
  ASSERT_KEY ("columns", "assignee", "owner");
  ASSERT_KEY ("values:severity", "p1", "SEV1");
  ASSERT_KEY ("values:severity", "p3", "SEV3");
  ASSERT_KEY ("values:impact", "p2", "Degraded");
  ASSERT_KEY ("constants", "service", "Shop");
  ASSERT_KEY ("constants", "status", "Resolved");
  ASSERT_KEY ("constants", "resolution", "Fixed by the shop team");
  ASSERT_KEY ("skip", "prio", "test;ignore");
  ASSERT_KEY ("options", "date_format", "%d/%m/%Y %H:%M");
#undef ASSERT_KEY

  /* Loading what was saved gives the same dry run. */
  g_assert_true (desk_import_dialog_load_mapping (dialog (fixture), saved,
                                                  &error));
  g_assert_no_error (error);
  desk_import_dialog_set_time_zone (dialog (fixture), "UTC");
  assert_shop_dry_run (fixture);
}

static void
test_bad_mapping_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = desk_test_fixture_path ("mappings/unknown-field.ini");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  choose_fixture (fixture, "import/shop.csv");
  desk_mapping_row_set_column (mapping_row (fixture, DESK_FIELD_TITLE),
                               "summary");
  g_assert_false (desk_import_dialog_load_mapping (dialog (fixture), file,
                                                   &error));
  g_assert_nonnull (error);

  /* What was chosen is kept. */
  g_assert_cmpstr (desk_mapping_row_get_column (
                     mapping_row (fixture, DESK_FIELD_TITLE)), ==, "summary");
}

static void
test_back (Fixture       *fixture,
           gconstpointer  data)
{
  choose_fixture (fixture, "import/shop.csv");
  map_shop_by_hand (fixture);
  set_skip_and_dates (fixture);
  assert_shop_dry_run (fixture);

  gtk_widget_activate_action (fixture->dialog, "import.back", NULL);
  assert_page (fixture, "mapping");
  g_assert_cmpstr (desk_mapping_row_get_column (
                     mapping_row (fixture, DESK_FIELD_TITLE)), ==, "summary");
  gtk_widget_activate_action (fixture->dialog, "import.back", NULL);
  assert_page (fixture, "choose");
  gtk_widget_activate_action (fixture->dialog, "import.cancel", NULL);
  spin_main_loop ();
  g_assert_null (fixture->dialog);
}

static gboolean
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root) &&
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
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "big.csv",
                                            NULL);
  g_autofree char *other_path = g_build_filename (fixture->tmpdir,
                                                  "other.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DeskStore) other = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  other = desk_store_open (other_path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (desk_demo_fill (other, 20000, 11, 1741000000, NULL, NULL,
                                 NULL, &error));
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (desk_export_incidents (other, NULL, G_OUTPUT_STREAM (out),
                                        NULL, DESK_EXPORT_FLAGS_NONE, NULL,
                                        NULL, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);

  desk_import_dialog_set_file (dialog (fixture), file);
  wait_until_idle (fixture);
  g_assert_cmpuint (desk_import_dialog_get_report (dialog (fixture))->n_created,
                    ==, 20000);

  gtk_widget_activate_action (fixture->dialog, "import.run", NULL);
  assert_page (fixture, "progress");
  gtk_widget_activate_action (fixture->dialog, "import.cancel", NULL);
  wait_until_idle (fixture);

  /* Stopped: still open on the check page, nothing written. */
  g_assert_nonnull (fixture->dialog);
  assert_page (fixture, "check");
  g_assert_cmpuint (count_incidents (fixture), ==, 0);
  g_assert_true (find_label (fixture->dialog, "The import was stopped. "
                                              "Nothing was imported."));
  g_assert_cmpstr (fixture->activated->str, ==, "");
}

static void
test_markup_shown_verbatim (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir,
                                            "R&D <b>list.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DeskMappingRow *row;

  g_assert_true (g_file_set_contents (path,
                                      "Name & <i>title</i>,when\r\n"
                                      "Disk <full> & slow,2025-03-01\r\n",
                                      -1, &error));
  desk_import_dialog_set_file (dialog (fixture), file);
  wait_until_idle (fixture);
  assert_page (fixture, "mapping");

  row = mapping_row (fixture, DESK_FIELD_TITLE);
  desk_mapping_row_set_column (row, "Name & <i>title</i>");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                   ==, "From the column “Name & <i>title</i>”");
  desk_mapping_row_set_column (row, NULL);
  desk_mapping_row_set_constant (row, "<b>&amp;</b>");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                   ==, "Always “<b>&amp;</b>”");
  spin_main_loop ();
  g_assert_true (find_label (fixture->dialog, "Always “<b>&amp;</b>”"));
  g_assert_true (find_label (fixture->dialog, "R&D <b>list.csv"));
}

static void
test_viewer_mode (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DeskStore) viewer = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *other;

  viewer = desk_store_open (desk_store_get_path (fixture->store),
                            DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);

  other = desk_import_dialog_new (GTK_WINDOW (fixture->window), viewer);
  gtk_window_present (GTK_WINDOW (other));
  spin_main_loop ();
  g_assert_true (find_label (other, "This database is open in viewer mode, "
                                    "so nothing can be imported into it."));
  gtk_window_destroy (GTK_WINDOW (other));
  spin_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (desk_get_resource ());
  /* A page sliding out is still on screen, with its Alt keys. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                NULL);

#define ADD(path, func) \
  g_test_add ("/import-dialog/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("own-export", test_own_export);
  ADD ("update", test_update);
  ADD ("spreadsheet-export", test_spreadsheet_export);
  ADD ("servicenow", test_servicenow);
  ADD ("invalid", test_invalid);
  ADD ("not-csv", test_not_csv);
  ADD ("bad-zone", test_bad_zone);
  ADD ("zone-typed-after-check", test_zone_typed_after_check);
  ADD ("mapped", test_mapped);
  ADD ("mapping-incomplete", test_mapping_incomplete);
  ADD ("mapping-needs-fields", test_mapping_needs_fields);
  ADD ("mapping-round-trip", test_mapping_round_trip);
  ADD ("bad-mapping-file", test_bad_mapping_file);
  ADD ("back", test_back);
  ADD ("markup-shown-verbatim", test_markup_shown_verbatim);
  ADD ("viewer-mode", test_viewer_mode);
  ADD ("cancel", test_cancel);

#undef ADD

  g_test_add ("/import-dialog/narrow/id", Fixture, NULL,
              fixture_set_up_indonesian, test_narrow,
              fixture_tear_down_indonesian);

  return g_test_run ();
}
