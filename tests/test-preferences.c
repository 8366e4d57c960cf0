/* test-preferences.c: the Preferences window against GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-gui-test-util.h"
#include "desk-preferences-window.h"
#include "desk-resources.h"

typedef struct
{
  GSettings *settings;
  GtkWidget *window;
} Fixture;

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get_named (Fixture    *fixture,
           const char *name)
{
  GtkWidget *widget = find_named (fixture->window, name);

  g_assert_nonnull (widget);

  return widget;
}

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gint32
target_at (GSettings  *settings,
           const char *key,
           guint       index)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);
  gsize n = 0;
  const gint32 *minutes = g_variant_get_fixed_array (value, &n,
                                                     sizeof (gint32));

  g_assert_cmpuint (index, <, n);

  return minutes[index];
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  for (const char *const *key = (const char *const[]) {
         "response-targets", "resolution-targets", "time-zone",
         "degraded-weight", "actor-name", "csv-spreadsheet", NULL };
       *key != NULL; key++)
    g_settings_reset (fixture->settings, *key);

  fixture->window = desk_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_main_loop ();
  g_clear_object (&fixture->settings);
}

static void
test_shows_defaults (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *spin = get_named (fixture, "response-targets-SEV1-value");
  GtkWidget *unit = get_named (fixture, "response-targets-SEV1-unit");

  /* 15 min stays in minutes; 240 min reads better as 4 hours. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)),
                   ==, 15);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (unit)), ==, 0);

  spin = get_named (fixture, "resolution-targets-SEV1-value");
  unit = get_named (fixture, "resolution-targets-SEV1-unit");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)),
                   ==, 4);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (unit)), ==, 1);

  spin = get_named (fixture, "resolution-targets-SEV4-value");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)),
                   ==, 72);
}

static void
test_response_minutes_saved (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *spin = get_named (fixture, "response-targets-SEV2-value");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 45);

  g_assert_cmpint (target_at (fixture->settings, "response-targets", 0),
                   ==, 15);
  g_assert_cmpint (target_at (fixture->settings, "response-targets", 1),
                   ==, 45);
  g_assert_cmpint (target_at (fixture->settings, "response-targets", 2),
                   ==, 120);
  g_assert_cmpint (target_at (fixture->settings, "response-targets", 3),
                   ==, 480);
}

static void
test_unit_change_saved (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *spin = get_named (fixture, "response-targets-SEV4-value");
  GtkWidget *unit = get_named (fixture, "response-targets-SEV4-unit");

  /* SEV4 response is 480 min, shown as 8 hours; "8 minutes" is 8. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)),
                   ==, 8);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (unit), 0);
  g_assert_cmpint (target_at (fixture->settings, "response-targets", 3),
                   ==, 8);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 90);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (unit), 1);
  g_assert_cmpint (target_at (fixture->settings, "response-targets", 3),
                   ==, 5400);
}

static void
test_external_change_shown (Fixture       *fixture,
                            gconstpointer  data)
{
  const gint32 minutes[] = { 300, 480, 1440, 90 };
  GtkWidget *spin;
  GtkWidget *unit;

  g_settings_set_value (fixture->settings, "resolution-targets",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_INT32,
                                                   minutes, 4,
                                                   sizeof (gint32)));

  spin = get_named (fixture, "resolution-targets-SEV1-value");
  unit = get_named (fixture, "resolution-targets-SEV1-unit");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)),
                   ==, 5);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (unit)), ==, 1);

  spin = get_named (fixture, "resolution-targets-SEV4-value");
  unit = get_named (fixture, "resolution-targets-SEV4-unit");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)),
                   ==, 90);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (unit)), ==, 0);
}

static void
test_reset_targets (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *spin = get_named (fixture, "resolution-targets-SEV3-value");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 12);
  g_assert_cmpint (target_at (fixture->settings, "resolution-targets", 2),
                   ==, 720);

  gtk_widget_activate_action (fixture->window, "prefs.reset-targets", NULL);
  g_assert_cmpint (target_at (fixture->settings, "resolution-targets", 2),
                   ==, 1440);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)),
                   ==, 24);
}

static void
test_time_zone_valid (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *row = get_named (fixture, "time-zone");
  g_autofree char *saved = NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), " Asia/Jakarta ");
  g_signal_emit_by_name (row, "apply");

  saved = g_settings_get_string (fixture->settings, "time-zone");
  g_assert_cmpstr (saved, ==, "Asia/Jakarta");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

static void
test_time_zone_invalid (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *row = get_named (fixture, "time-zone");
  g_autofree char *saved = NULL;

  g_settings_set_string (fixture->settings, "time-zone", "Europe/Berlin");
  gtk_editable_set_text (GTK_EDITABLE (row), "Mars/Olympus");
  g_signal_emit_by_name (row, "apply");

  saved = g_settings_get_string (fixture->settings, "time-zone");
  g_assert_cmpstr (saved, ==, "Europe/Berlin");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  g_free (saved);
  saved = g_settings_get_string (fixture->settings, "time-zone");
  g_assert_cmpstr (saved, ==, "");
}

static void
test_bound_settings (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *weight = get_named (fixture, "degraded-weight");
  GtkWidget *actor = get_named (fixture, "actor-name");
  GtkWidget *spreadsheet = get_named (fixture, "csv-spreadsheet");
  g_autofree char *name = NULL;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 0.25);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings,
                                            "degraded-weight"), ==, 0.25);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 7);
  g_assert_cmpfloat (g_settings_get_double (fixture->settings,
                                            "degraded-weight"), ==, 1.0);

  gtk_editable_set_text (GTK_EDITABLE (actor), "Dewi Lestari");
  name = g_settings_get_string (fixture->settings, "actor-name");
  g_assert_cmpstr (name, ==, "Dewi Lestari");

  gtk_switch_set_active (GTK_SWITCH (spreadsheet), TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings,
                                         "csv-spreadsheet"));
}

static void
test_finalizes (void)
{
  GtkWidget *window = desk_preferences_window_new (NULL);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  spin_main_loop ();
  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
  desk_test_assert_finalized (window);
}

static void
find_pages (GtkWidget *widget,
            GPtrArray *pages)
{
  if (ADW_IS_PREFERENCES_PAGE (widget) &&
      ADW_IS_VIEW_STACK (gtk_widget_get_parent (widget)))
    g_ptr_array_add (pages, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_pages (child, pages);
}

/* Every page fits a phone's 360 pixels, and on each every Alt key
 * reaches one control (data: "id", or NULL for English).
 */
static void
test_narrow (gconstpointer data)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  GtkWidget *window;
  int width;

  desk_test_use_language (data);
  window = desk_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  spin_main_loop ();

  find_pages (window, pages);
  g_assert_cmpuint (pages->len, >=, 2);
  for (guint i = 0; i < pages->len; i++)
    {
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                               pages->pdata[i]);
      spin_main_loop ();
      desk_test_assert_unique_mnemonics (window);
    }

  width = desk_test_minimum_width (window);
  g_test_message ("The window needs %d px", width);
  desk_test_log_wide_widgets (window, 360);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
  desk_test_use_language (NULL);
  g_assert_cmpint (width, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the templates in from the static library; they register
   * themselves when loaded.
   */
  g_assert_nonnull (desk_get_resource ());

#define ADD(path, func) \
  g_test_add ("/preferences/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("defaults", test_shows_defaults);
  ADD ("response-minutes-saved", test_response_minutes_saved);
  ADD ("unit-change-saved", test_unit_change_saved);
  ADD ("external-change-shown", test_external_change_shown);
  ADD ("reset-targets", test_reset_targets);
  ADD ("time-zone-valid", test_time_zone_valid);
  ADD ("time-zone-invalid", test_time_zone_invalid);
  ADD ("bound-settings", test_bound_settings);
  g_test_add_func ("/preferences/finalizes", test_finalizes);
  g_test_add_data_func ("/preferences/narrow/en", NULL, test_narrow);
  g_test_add_data_func ("/preferences/narrow/id", "id", test_narrow);

#undef ADD

  return g_test_run ();
}
