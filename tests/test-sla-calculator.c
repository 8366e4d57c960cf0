/* test-sla-calculator.c: the SLA calculator, typed into like a user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "desk-resources.h"
#include "desk-sla-calculator.h"
#include "desk-gui-test-util.h"

typedef struct
{
  GtkWidget *window;
  GtkWidget *calculator;
} Fixture;

/* One row of the figures table: what is typed, what is shown. */
typedef struct
{
  const char *name;
  guint       period;     /* index in the period row; 5 is Custom */
  const char *custom;
  const char *downtime;
  const char *target;
  const char *uptime;
  const char *allowed;
  const char *budget;
  const char *state;
  const char *state_class;
} FigureCase;

/* 30 days = 2,592,000 s; at 99.9 % the allowed downtime is 2,592 s
 * (43 min 12 s). 43 min = 2,580 s is 99.5 % of it: At risk, uptime
 * 100 × 2,589,420 / 2,592,000 = 99.900462...; 44 min = 2,640 s is over:
 * Breached, 100 × 2,589,360 / 2,592,000 = 99.898148...
 */
static const FigureCase figure_cases[] = {
  { "43-minutes", 2, NULL, "43", "99.9",
    "99.90046 %", "43 min 12 s", "12 s", "At risk", "sla-at-risk" },
  { "44-minutes", 2, NULL, "44", "99.9",
    "99.89815 %", "43 min 12 s", "48 s over", "Breached", "sla-breached" },
  { "no-downtime", 2, NULL, "0", "99.9",
    "100.00000 %", "43 min 12 s", "43 min 12 s", "Met", "sla-met" },
  /* 1 h 5 min = 3,900 s of 604,800 s: 99.35516 %; allowed at 99.5 %
   * is 3,024 s = 50 min 24 s, so 876 s = 14 min 36 s over.
   */
  { "hours-and-minutes", 1, NULL, "1 h 5 min", "99.5",
    "99.35516 %", "50 min 24 s", "14 min 36 s over", "Breached",
    "sla-breached" },
  /* 32 min 24 s is exactly 75 % of 43 min 12 s: At risk from there. */
  { "three-quarters", 2, NULL, "32 min 24 s", "99.9",
    "99.92500 %", "43 min 12 s", "10 min 48 s", "At risk", "sla-at-risk" },
  { "just-under-three-quarters", 2, NULL, "32 min 23 s", "99.9",
    "99.92504 %", "43 min 12 s", "10 min 49 s", "Met", "sla-met" },
  /* A custom 12 h at 99 %: 432 s allowed; 5 min = 300 s, 69 %: Met. */
  { "custom-hours", 5, "12 h", "5", "99",
    "99.30556 %", "7 min 12 s", "2 min 12 s", "Met", "sla-met" },
  /* A custom "45" is 45 days = 3,888,000 s; 100 % allows nothing. */
  { "custom-days-full-target", 5, "45", "1 min", "100",
    "99.99846 %", "0 s", "1 min over", "Breached", "sla-breached" },
  /* Exactly the allowed downtime: nothing left, nothing over. */
  { "whole-budget", 2, NULL, "43.2", "99.9",
    "99.90000 %", "43 min 12 s", "0 s", "At risk", "sla-at-risk" },
  { "comma-decimal-target", 0, NULL, "1,5", "99,95 %",
    "99.89583 %", "43 s", "47 s over", "Breached", "sla-breached" },
};

/* What is typed, and the message that must appear instead of figures. */
typedef struct
{
  const char *name;
  guint       period;
  const char *custom;
  const char *downtime;
  const char *target;
  const char *message;
  const char *error_row;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "target-zero", 2, NULL, "43", "0",
    "Enter a target above 0 and up to 100, such as 99.9.", "target_row" },
  { "target-above-100", 2, NULL, "43", "101",
    "Enter a target above 0 and up to 100, such as 99.9.", "target_row" },
  { "target-not-a-number", 2, NULL, "43", "ninety",
    "Enter a target above 0 and up to 100, such as 99.9.", "target_row" },
  /* 30 days are 43,200 minutes. */
  { "downtime-longer-than-period", 2, NULL, "43201", "99.9",
    "The downtime cannot be longer than the period.", "downtime_row" },
  { "downtime-longer-than-day", 0, NULL, "25 h", "99.9",
    "The downtime cannot be longer than the period.", "downtime_row" },
  { "downtime-negative", 2, NULL, "-5", "99.9",
    "Enter the downtime in minutes, such as 43 or 1 h 5 min.",
    "downtime_row" },
  { "downtime-unknown-unit", 2, NULL, "5 weeks", "99.9",
    "Enter the downtime in minutes, such as 43 or 1 h 5 min.",
    "downtime_row" },
  { "custom-period-empty-length", 5, "0 h", "5", "99.9",
    "Enter the length of the period, such as 30 d or 12 h.", "custom_row" },
  { "custom-period-too-long", 5, "99999999999999999999999 d", "5", "99.9",
    "Enter the length of the period, such as 30 d or 12 h.", "custom_row" },
};

typedef struct
{
  const char *text;
  double      bare_unit;
  gboolean    valid;
  double      seconds;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "43", 60, TRUE, 2580 },
  { " 43 min ", 60, TRUE, 2580 },
  { "1 h 5 min", 60, TRUE, 3900 },
  { "1h5m", 60, TRUE, 3900 },
  { "2,5 h", 60, TRUE, 9000 },
  { "1.5", 60, TRUE, 90 },
  { "1 d 6 h", 60, TRUE, 108000 },
  { "30", 86400, TRUE, 2592000 },
  { "2 jam 3 menit", 60, TRUE, 7380 },
  { "43 mnt 12 dtk", 60, TRUE, 2592 },
  { "90 s", 60, TRUE, 90 },
  { "", 60, FALSE, 0 },
  { "min", 60, FALSE, 0 },
  { "5 5", 60, FALSE, 0 },
  { "1 h 5", 60, FALSE, 0 },
  { "-3", 60, FALSE, 0 },
  { "3 fortnights", 60, FALSE, 0 },
};

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object;

  object = gtk_widget_get_template_child (fixture->calculator,
                                          DESK_TYPE_SLA_CALCULATOR, name);
  g_assert_nonnull (object);

  return GTK_WIDGET (object);
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, name)));
}

static void
type_inputs (Fixture    *fixture,
             guint       period,
             const char *custom,
             const char *downtime,
             const char *target)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "period_row")),
                              period);
  if (custom != NULL)
    gtk_editable_set_text (GTK_EDITABLE (child (fixture, "custom_row")),
                           custom);
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "target_row")),
                         target);
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "downtime_row")),
                         downtime);
  spin_main_loop ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  fixture->calculator = desk_sla_calculator_new ();
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->calculator);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_main_loop ();
}

static void
test_idle (Fixture       *fixture,
           gconstpointer  data)
{
  GtkEditable *target;
  AdwComboRow *period;

  /* Nothing typed yet: a hint, no message, no figures. */
  g_assert_true (gtk_widget_get_visible (child (fixture, "hint_label")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "message_label")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "results_group")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "custom_row")));
  target = GTK_EDITABLE (child (fixture, "target_row"));
  period = ADW_COMBO_ROW (child (fixture, "period_row"));
  g_assert_cmpstr (gtk_editable_get_text (target), ==, "99.9");
  g_assert_cmpuint (adw_combo_row_get_selected (period), ==, 2);
}

/* The hint names what is still missing. */
static void
test_hint_names_missing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_assert_cmpstr (label_text (fixture, "hint_label"), ==,
                   "Type a downtime to see the uptime, the allowed downtime "
                   "and the state.");

  type_inputs (fixture, 2, NULL, "43", "");

  g_assert_true (gtk_widget_get_visible (child (fixture, "hint_label")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "message_label")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "results_group")));
  g_assert_cmpstr (label_text (fixture, "hint_label"), ==,
                   "Type a target to see the uptime, the allowed downtime "
                   "and the state.");
}

static void
test_figures (Fixture       *fixture,
              gconstpointer  data)
{
  const FigureCase *c = data;
  GtkWidget *state;

  type_inputs (fixture, c->period, c->custom, c->downtime, c->target);

  g_assert_false (gtk_widget_get_visible (child (fixture, "message_label")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "hint_label")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "results_group")));
  g_assert_cmpstr (label_text (fixture, "uptime_label"), ==, c->uptime);
  g_assert_cmpstr (label_text (fixture, "allowed_label"), ==, c->allowed);
  g_assert_cmpstr (label_text (fixture, "budget_label"), ==, c->budget);
  g_assert_cmpstr (label_text (fixture, "state_label"), ==, c->state);

  state = child (fixture, "state_label");
  g_assert_true (gtk_widget_has_css_class (state, c->state_class));
  for (const char *const *other = (const char *const[]) {
         "sla-met", "sla-at-risk", "sla-breached", NULL };
       *other != NULL; other++)
    if (g_strcmp0 (*other, c->state_class) != 0)
      g_assert_false (gtk_widget_has_css_class (state, *other));
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  const InvalidCase *c = data;

  type_inputs (fixture, c->period, c->custom, c->downtime, c->target);

  g_assert_true (gtk_widget_get_visible (child (fixture, "message_label")));
  g_assert_cmpstr (label_text (fixture, "message_label"), ==, c->message);
  g_assert_false (gtk_widget_get_visible (child (fixture, "results_group")));
  g_assert_true (gtk_widget_has_css_class (child (fixture, c->error_row),
                                           "error"));
}

static void
test_recovers (Fixture       *fixture,
               gconstpointer  data)
{
  type_inputs (fixture, 2, NULL, "43", "101");
  g_assert_false (gtk_widget_get_visible (child (fixture, "results_group")));

  /* Fixing the target brings the figures back and clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "target_row")), "99.9");
  spin_main_loop ();
  g_assert_false (gtk_widget_get_visible (child (fixture, "message_label")));
  g_assert_false (gtk_widget_has_css_class (child (fixture, "target_row"),
                                            "error"));
  g_assert_cmpstr (label_text (fixture, "uptime_label"), ==, "99.90046 %");

  /* A shorter period makes the same downtime too long. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "period_row")),
                              0);
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "downtime_row")),
                         "1441");
  spin_main_loop ();
  g_assert_true (gtk_widget_get_visible (child (fixture, "message_label")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "results_group")));
}

static void
test_custom_row_shown (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwComboRow *period = ADW_COMBO_ROW (child (fixture, "period_row"));

  adw_combo_row_set_selected (period, 5);
  g_assert_true (gtk_widget_get_visible (child (fixture, "custom_row")));
  adw_combo_row_set_selected (period, 4);
  g_assert_false (gtk_widget_get_visible (child (fixture, "custom_row")));
}

static void
test_labels_are_labelled (Fixture       *fixture,
                          gconstpointer  data)
{
  /* The row titles name the entries for assistive technology. */
  AdwPreferencesRow *row;

  row = ADW_PREFERENCES_ROW (child (fixture, "downtime_row"));
  g_assert_cmpstr (adw_preferences_row_get_title (row), ==,
                   "_Downtime (minutes)");
  for (guint i = 0; i < 2; i++)
    {
      const char *value[] = { "uptime_label", "state_label" };
      const char *title[] = { "Uptime", "State" };
      GtkWidget *beside = gtk_widget_get_prev_sibling (child (fixture,
                                                              value[i]));

      g_assert_true (GTK_IS_LABEL (beside));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (beside)), ==, title[i]);
      gtk_test_accessible_assert_relation (child (fixture, value[i]),
                                           GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                           beside, NULL);
    }
}

static void
test_parse (gconstpointer data)
{
  const ParseCase *c = data;
  double seconds = -1;

  g_assert_cmpint (desk_sla_parse_duration (c->text, c->bare_unit, &seconds),
                   ==, c->valid);
  if (c->valid)
    g_assert_cmpfloat_with_epsilon (seconds, c->seconds, 1e-6);
}

static void
test_format_duration (void)
{
  g_autofree char *a = desk_sla_format_duration (2592);
  g_autofree char *b = desk_sla_format_duration (31536);
  g_autofree char *c = desk_sla_format_duration (45);
  g_autofree char *d = desk_sla_format_duration (3600);
  g_autofree char *e = desk_sla_format_duration (86401);

  g_assert_cmpstr (a, ==, "43 min 12 s");
  g_assert_cmpstr (b, ==, "8 h 45 min 36 s");
  g_assert_cmpstr (c, ==, "45 s");
  g_assert_cmpstr (d, ==, "1 h");
  g_assert_cmpstr (e, ==, "1 d");
}

static void
test_finalizes (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *calculator = desk_sla_calculator_new ();

  g_object_ref (calculator);
  gtk_window_set_child (GTK_WINDOW (window), calculator);
  gtk_window_present (GTK_WINDOW (window));
  spin_main_loop ();
  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
  desk_test_assert_finalized (calculator);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (desk_get_resource ());

  g_test_add ("/sla-calculator/idle", Fixture, NULL,
              fixture_set_up, test_idle, fixture_tear_down);
  g_test_add ("/sla-calculator/hint-names-missing", Fixture, NULL,
              fixture_set_up, test_hint_names_missing, fixture_tear_down);
  g_test_add ("/sla-calculator/recovers", Fixture, NULL,
              fixture_set_up, test_recovers, fixture_tear_down);
  g_test_add ("/sla-calculator/custom-row-shown", Fixture, NULL,
              fixture_set_up, test_custom_row_shown, fixture_tear_down);
  g_test_add ("/sla-calculator/labels-are-labelled", Fixture, NULL,
              fixture_set_up, test_labels_are_labelled, fixture_tear_down);

  for (guint i = 0; i < G_N_ELEMENTS (figure_cases); i++)
    {
      g_autofree char *path = NULL;

      path = g_strdup_printf ("/sla-calculator/figures/%s",
                              figure_cases[i].name);
      g_test_add (path, Fixture, &figure_cases[i],
                  fixture_set_up, test_figures, fixture_tear_down);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = NULL;

      path = g_strdup_printf ("/sla-calculator/invalid/%s",
                              invalid_cases[i].name);
      g_test_add (path, Fixture, &invalid_cases[i],
                  fixture_set_up, test_invalid, fixture_tear_down);
    }

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = NULL;

      path = g_strdup_printf ("/sla-calculator/parse/%u", i);
      g_test_add_data_func (path, &parse_cases[i], test_parse);
    }

  g_test_add_func ("/sla-calculator/format-duration", test_format_duration);
  g_test_add_func ("/sla-calculator/finalizes", test_finalizes);

  return g_test_run ();
}
