/* test-sla-page.c: the SLA tracker on a store with known outages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "desk-gui-test-util.h"
#include "desk-resources.h"
#include "desk-sla-page.h"
#include "desk-sla-service-row.h"
#include "desk-store.h"
#include "desk-test-util.h"
#include "desk-time.h"

typedef struct
{
  char      *tmpdir;
  DeskStore *store;
  GtkWidget *window;
  GtkWidget *page;
} Fixture;

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for_report (Fixture *fixture)
{
  spin_main_loop ();
  while (desk_sla_page_get_loading (DESK_SLA_PAGE (fixture->page)))
    g_main_context_iteration (NULL, TRUE);
  spin_main_loop ();
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object;

  object = gtk_widget_get_template_child (fixture->page, DESK_TYPE_SLA_PAGE,
                                          name);
  g_assert_nonnull (object);

  return GTK_WIDGET (object);
}

static const char *
visible_state (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (fixture,
                                                             "report_stack")));
}

static const char *
period_label (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, "period_label")));
}

static DeskSlaServiceRow *
service_row (Fixture    *fixture,
             const char *service)
{
  GtkWidget *list = child (fixture, "services_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DeskSlaServiceRow *found;

      if (!DESK_IS_SLA_SERVICE_ROW (row))
        continue;

      found = DESK_SLA_SERVICE_ROW (row);
      if (g_strcmp0 (desk_sla_service_row_get_service (found), service) == 0)
        return found;
    }

  g_assert_not_reached ();
}

static const char *
figure (Fixture    *fixture,
        const char *service,
        const char *key)
{
  return desk_sla_service_row_get_figure (service_row (fixture, service), key);
}

static gint64
utc (const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  gint64 instant = 0;

  desk_time_parse (text, tz, DESK_FOLD_REFUSE, &instant, &error);
  g_assert_no_error (error);

  return instant;
}

/* A resolved incident as imported history, detected when its impact
 * began, acknowledged five (or ten) minutes later, resolved when the
 * impact ended.
 */
static void
add_incident (DeskStore  *store,
              const char *reference,
              const char *service,
              DeskImpact  impact,
              const char *start,
              const char *end,
              gint64      ack_after)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  desk_incident_set_string (incident, DESK_FIELD_REFERENCE, reference);
  desk_incident_set_string (incident, DESK_FIELD_TITLE, reference);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, service);
  desk_incident_set_string (incident, DESK_FIELD_RESOLUTION, "Fixed.");
  incident->severity = DESK_SEVERITY_SEV2;
  incident->impact = impact;
  incident->status = DESK_STATUS_RESOLVED;
  incident->detected_at = utc (start);
  incident->acknowledged_at = utc (start) + ack_after;
  incident->impact_start = utc (start);
  incident->impact_end = utc (end);
  incident->resolved_at = utc (end);

  desk_store_import_incident (store, incident, NULL, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
}

static void
add_service (DeskStore  *store,
             const char *name,
             double      target)
{
  g_autoptr(DeskService) service = desk_service_new (name, target);
  g_autoptr(GError) error = NULL;

  desk_store_save_service (store, service, &error);
  g_assert_no_error (error);
}

/* Mail (99.9 %): two overlapping outages on 10 March, 10:00–10:30 and
 * 10:20–10:43, whose union is 43 min = 2,580 s, and an hour degraded
 * on 20 March, which counts with weight 0. Web (99.5 %): one outage
 * from 28 February 23:00 to 1 March 01:00, an hour in each month.
 */
static void
fill_store (DeskStore *store)
{
  add_service (store, "Mail", 99.9);
  add_service (store, "Web", 99.5);

  add_incident (store, "T-1", "Mail", DESK_IMPACT_OUTAGE,
                "2025-03-10T10:00:00Z", "2025-03-10T10:30:00Z", 300);
  add_incident (store, "T-2", "Mail", DESK_IMPACT_OUTAGE,
                "2025-03-10T10:20:00Z", "2025-03-10T10:43:00Z", 300);
  add_incident (store, "T-3", "Mail", DESK_IMPACT_DEGRADED,
                "2025-03-20T08:00:00Z", "2025-03-20T09:00:00Z", 600);
  add_incident (store, "T-4", "Web", DESK_IMPACT_OUTAGE,
                "2025-02-28T23:00:00Z", "2025-03-01T01:00:00Z", 300);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "time-zone");
  g_settings_reset (settings, "degraded-weight");

  fixture->tmpdir = desk_test_tmpdir_new ();
  path = g_build_filename (fixture->tmpdir, "incidents.db", NULL);
  fixture->store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  if (data != NULL)
    fill_store (fixture->store);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  fixture->page = desk_sla_page_new ();
  g_object_ref (fixture->page);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);

  desk_sla_page_set_time_zone (DESK_SLA_PAGE (fixture->page), "UTC", &error);
  g_assert_no_error (error);
  desk_sla_page_set_period (DESK_SLA_PAGE (fixture->page), "2025-03",
                            &error);
  g_assert_no_error (error);
  g_object_set (fixture->page, "store", fixture->store, NULL);

  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_report (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_main_loop ();
  desk_test_assert_finalized (fixture->page);
  desk_test_assert_finalized (fixture->store);
  desk_test_tmpdir_free (fixture->tmpdir);
}

static void
test_month_figures (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *mail_description = "Uptime 99.90367 %, downtime 43 min, "
                                 "1 min 38 s of budget left, At risk";
  DeskSlaServiceRow *mail;

  g_assert_cmpstr (visible_state (fixture), ==, "report");
  g_assert_cmpstr (period_label (fixture), ==, "March 2025 (744\u00a0h)");

  /* March has 2,678,400 s. Mail: 100 × 2,675,820 / 2,678,400; allowed
   * 2,678.4 s; 2,580 s is 96 % of it.
   */
  g_assert_cmpstr (figure (fixture, "Mail", "downtime"), ==, "43 min");
  g_assert_cmpstr (figure (fixture, "Mail", "uptime"), ==, "99.90367 %");
  g_assert_cmpstr (figure (fixture, "Mail", "target"), ==, "99.9 %");
  g_assert_cmpstr (figure (fixture, "Mail", "allowed"), ==, "44 min 38 s");
  g_assert_cmpstr (figure (fixture, "Mail", "budget"), ==, "1 min 38 s");
  g_assert_cmpstr (figure (fixture, "Mail", "state"), ==, "At risk");
  g_assert_cmpstr (figure (fixture, "Mail", "degraded"), ==, "1 h");
  mail = service_row (fixture, "Mail");
  g_assert_cmpuint (desk_sla_service_row_get_n_intervals (mail), ==, 1);
  gtk_test_accessible_assert_property (mail,
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       mail_description);
  gtk_test_accessible_assert_property (mail, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Mail");

  /* MTTA over T-1, T-2 and T-3: (300 + 300 + 600) / 3 = 400 s; MTTR:
   * (1,800 + 1,380 + 3,600) / 3 = 2,260 s.
   */
  g_assert_cmpstr (figure (fixture, "Mail", "mtta"), ==, "6 min 40 s");
  g_assert_cmpstr (figure (fixture, "Mail", "mttr"), ==, "37 min 40 s");

  /* Web: the hour of March; 100 × 2,674,800 / 2,678,400; allowed
   * 13,392 s at 99.5 %. Acknowledged in February, resolved in March.
   */
  g_assert_cmpstr (figure (fixture, "Web", "downtime"), ==, "1 h");
  g_assert_cmpstr (figure (fixture, "Web", "uptime"), ==, "99.86559 %");
  g_assert_cmpstr (figure (fixture, "Web", "allowed"), ==, "3 h 43 min 12 s");
  g_assert_cmpstr (figure (fixture, "Web", "budget"), ==, "2 h 43 min 12 s");
  g_assert_cmpstr (figure (fixture, "Web", "state"), ==, "Met");
  g_assert_cmpstr (figure (fixture, "Web", "mtta"), ==, "None");
  g_assert_cmpstr (figure (fixture, "Web", "mttr"), ==, "2 h");

  g_assert_false (gtk_widget_get_visible (child (fixture, "open_note")));
}

static void
test_navigation (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwExpanderRow *web;
  AdwExpanderRow *mail;

  /* An expanded service stays expanded in the next period. */
  web = ADW_EXPANDER_ROW (service_row (fixture, "Web"));
  adw_expander_row_set_expanded (web, TRUE);
  gtk_widget_activate_action (fixture->page, "sla.previous", NULL);
  wait_for_report (fixture);
  web = ADW_EXPANDER_ROW (service_row (fixture, "Web"));
  mail = ADW_EXPANDER_ROW (service_row (fixture, "Mail"));
  g_assert_true (adw_expander_row_get_expanded (web));
  g_assert_false (adw_expander_row_get_expanded (mail));

  /* February 2025: 672 h; Web's other hour, 100 × 2,415,600 / 2,419,200. */
  g_assert_cmpstr (period_label (fixture), ==, "February 2025 (672\u00a0h)");
  g_assert_cmpstr (figure (fixture, "Web", "uptime"), ==, "99.85119 %");
  g_assert_cmpstr (figure (fixture, "Mail", "uptime"), ==, "100.00000 %");
  g_assert_cmpstr (figure (fixture, "Mail", "state"), ==, "Met");

  gtk_widget_activate_action (fixture->page, "sla.next", NULL);
  gtk_widget_activate_action (fixture->page, "sla.next", NULL);
  wait_for_report (fixture);

  g_assert_cmpstr (period_label (fixture), ==, "April 2025 (720\u00a0h)");
  g_assert_cmpstr (figure (fixture, "Web", "downtime"), ==, "0 s");
  g_assert_cmpstr (figure (fixture, "Mail", "uptime"), ==, "100.00000 %");
}

static void
test_period_kinds (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwComboRow *kind = ADW_COMBO_ROW (child (fixture, "kind_row"));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  /* Day: 10 March holds all of Mail's outage; 86,400 s, 2,580 down. */
  desk_sla_page_set_period (DESK_SLA_PAGE (fixture->page), "2025-03-10",
                            &error);
  g_assert_no_error (error);
  wait_for_report (fixture);
  g_assert_cmpuint (adw_combo_row_get_selected (kind), ==, 0);
  g_assert_cmpstr (period_label (fixture), ==,
                   "Monday 10 March 2025 (24\u00a0h)");
  g_assert_cmpstr (figure (fixture, "Mail", "uptime"), ==, "97.01389 %");

  adw_combo_row_set_selected (kind, 1);
  wait_for_report (fixture);
  g_assert_cmpstr (period_label (fixture), ==,
                   "Week 11, 10 Mar – 16 Mar 2025 (168\u00a0h)");

  adw_combo_row_set_selected (kind, 3);
  wait_for_report (fixture);
  g_assert_cmpstr (period_label (fixture), ==, "Q1 2025 (2160\u00a0h)");

  /* Web's two hours both fall in the quarter: 7,776,000 − 7,200. */
  g_assert_cmpstr (figure (fixture, "Web", "uptime"), ==, "99.90741 %");

  adw_combo_row_set_selected (kind, 4);
  wait_for_report (fixture);
  g_assert_cmpstr (period_label (fixture), ==, "2025 (8760\u00a0h)");

  desk_sla_page_set_period (DESK_SLA_PAGE (fixture->page),
                            "2025-03-10T10:00:00Z/2025-03-10T11:00:00Z",
                            &error);
  g_assert_no_error (error);
  wait_for_report (fixture);
  g_assert_true (gtk_widget_get_visible (child (fixture, "start_row")));
  /* One hour, 43 minutes down: 100 × 1,020 / 3,600. */
  g_assert_cmpstr (figure (fixture, "Mail", "uptime"), ==, "28.33333 %");
  g_assert_cmpstr (figure (fixture, "Mail", "state"), ==, "Breached");

  /* A custom period has no next one. */
  label = g_strdup (period_label (fixture));
  gtk_widget_activate_action (fixture->page, "sla.next", NULL);
  wait_for_report (fixture);
  g_assert_cmpstr (period_label (fixture), ==, label);
}

static void
test_custom_entries (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwComboRow *kind = ADW_COMBO_ROW (child (fixture, "kind_row"));
  GtkWidget *start = child (fixture, "start_row");
  GtkWidget *end = child (fixture, "end_row");
  GtkWidget *message = child (fixture, "period_message");

  adw_combo_row_set_selected (kind, 5);
  wait_for_report (fixture);
  g_assert_true (gtk_widget_get_visible (start));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==,
                   "2025-03-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==,
                   "2025-03-31");

  /* 9 to 10 March: two whole days, 172,800 s; 2,580 down. */
  gtk_editable_set_text (GTK_EDITABLE (start), "2025-03-09");
  gtk_editable_set_text (GTK_EDITABLE (end), "2025-03-10");
  g_signal_emit_by_name (end, "apply");
  wait_for_report (fixture);
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_cmpstr (figure (fixture, "Mail", "uptime"), ==, "98.50694 %");

  gtk_editable_set_text (GTK_EDITABLE (end), "2025-02-30");
  g_signal_emit_by_name (end, "apply");
  spin_main_loop ();
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (figure (fixture, "Mail", "uptime"), ==, "98.50694 %");
}

static void
test_time_zone (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *zone_entry = child (fixture, "zone_entry_row");
  g_autoptr(GError) error = NULL;
  GtkLabel *zone_label;

  /* Clocks go forward on 30 March in Berlin: the month has 743 h. */
  desk_sla_page_set_time_zone (DESK_SLA_PAGE (fixture->page),
                               "Europe/Berlin", &error);
  g_assert_no_error (error);
  wait_for_report (fixture);
  g_assert_cmpstr (period_label (fixture), ==, "March 2025 (743\u00a0h)");

  /* Local March begins at 23:00 UTC on 28 February: Web's outage
   * lies wholly inside it. 2,674,800 s − 7,200 s.
   */
  g_assert_cmpstr (figure (fixture, "Web", "downtime"), ==, "2 h");
  g_assert_cmpstr (figure (fixture, "Web", "uptime"), ==, "99.73082 %");

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "zone_row")),
                              1 + 12);
  g_assert_true (gtk_widget_get_visible (zone_entry));
  gtk_editable_set_text (GTK_EDITABLE (zone_entry), "Mars/Olympus");
  g_signal_emit_by_name (zone_entry, "apply");
  g_assert_true (gtk_widget_has_css_class (zone_entry, "error"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "period_message")));

  gtk_editable_set_text (GTK_EDITABLE (zone_entry), "Asia/Jakarta");
  g_signal_emit_by_name (zone_entry, "apply");
  wait_for_report (fixture);
  g_assert_false (gtk_widget_has_css_class (zone_entry, "error"));
  zone_label = GTK_LABEL (child (fixture, "zone_label"));
  g_assert_cmpstr (gtk_label_get_text (zone_label), ==,
                   "Times in Asia/Jakarta");
}

static void
set_period (Fixture    *fixture,
            const char *period)
{
  g_autoptr(GError) error = NULL;

  desk_sla_page_set_period (DESK_SLA_PAGE (fixture->page), period, &error);
  g_assert_no_error (error);
  wait_for_report (fixture);
}

/* A period with no incident in it, as the current month is for
 * imported history, points to the latest incident: T-3, 20 March 2025.
 */
static void
test_quiet_period (Fixture       *fixture,
                   gconstpointer  data)
{
  struct { const char *period; const char *after; } cases[] = {
    { "2026-12", "March 2025 (744\u00a0h)" },
    { "2024-Q3", "Q1 2025 (2160\u00a0h)" },
    { "2019", "2025 (8760\u00a0h)" },
    { "2020-01-01/2020-01-31", "March 2025 (744\u00a0h)" },
  };
  const char *label;

  /* March has incidents: no hint, and the action does nothing. */
  g_assert_false (gtk_widget_get_visible (child (fixture, "quiet_box")));
  gtk_widget_activate_action (fixture->page, "sla.latest", NULL);
  wait_for_report (fixture);
  g_assert_cmpstr (period_label (fixture), ==, "March 2025 (744\u00a0h)");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set_period (fixture, cases[i].period);
      g_assert_cmpstr (visible_state (fixture), ==, "report");
      g_assert_true (gtk_widget_get_visible (child (fixture, "quiet_box")));
      label = gtk_label_get_text (GTK_LABEL (child (fixture, "quiet_label")));
      g_assert_cmpstr (label, ==, "No incident touched any service in this "
                       "period. The latest incident was detected on "
                       "20 Mar 2025 08:00.");

      gtk_widget_activate_action (fixture->page, "sla.latest", NULL);
      wait_for_report (fixture);

      g_assert_cmpstr (period_label (fixture), ==, cases[i].after);
      g_assert_false (gtk_widget_get_visible (child (fixture, "quiet_box")));
      g_assert_cmpstr (figure (fixture, "Mail", "degraded"), ==, "1 h");
    }

  /* The custom period gave way to a month, its entries hidden. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
                      child (fixture, "kind_row"))), ==, 2);
  g_assert_false (gtk_widget_get_visible (child (fixture, "start_row")));

  /* April: Web's outage ended on 1 March, nothing else; still quiet,
   * though services exist and their figures show.
   */
  set_period (fixture, "2025-04");
  g_assert_true (gtk_widget_get_visible (child (fixture, "quiet_box")));
  g_assert_cmpstr (figure (fixture, "Web", "uptime"), ==, "100.00000 %");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_cmpstr (visible_state (fixture), ==, "empty");
  g_assert_null (gtk_widget_get_first_child (child (fixture,
                                                    "services_list")));
}

static void
test_no_store (Fixture       *fixture,
               gconstpointer  data)
{
  g_object_set (fixture->page, "store", NULL, NULL);
  wait_for_report (fixture);
  g_assert_cmpstr (visible_state (fixture), ==, "no-store");

  g_object_set (fixture->page, "store", fixture->store, NULL);
  wait_for_report (fixture);
  g_assert_cmpstr (visible_state (fixture), ==, "report");
}

static void
test_open_incident (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Still down");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Mail");
  incident->severity = DESK_SEVERITY_SEV1;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->status = DESK_STATUS_NEW;
  incident->detected_at = now - 1;
  desk_store_create_incident (fixture->store, incident, &error);
  g_assert_no_error (error);

  today = g_date_time_format (dt, "%Y-%m-%d");
  desk_sla_page_set_period (DESK_SLA_PAGE (fixture->page), today, &error);
  g_assert_no_error (error);
  wait_for_report (fixture);

  g_assert_true (gtk_widget_get_visible (child (fixture, "open_note")));
}

static void
test_degraded_weight (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* Half of Mail's degraded hour now counts: 2,580 + 1,800 = 4,380 s,
   * over the 2,678.4 s allowed.
   */
  g_settings_set_double (settings, "degraded-weight", 0.5);
  wait_for_report (fixture);

  g_assert_cmpstr (figure (fixture, "Mail", "downtime"), ==, "1 h 13 min");
  g_assert_cmpstr (figure (fixture, "Mail", "uptime"), ==, "99.83647 %");
  g_assert_cmpstr (figure (fixture, "Mail", "state"), ==, "Breached");
  g_assert_cmpstr (figure (fixture, "Web", "uptime"), ==, "99.86559 %");
}

static void
test_default_zone_follows_settings (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  GtkLabel *zone_label = GTK_LABEL (child (fixture, "zone_label"));
  AdwComboRow *zone_row = ADW_COMBO_ROW (child (fixture, "zone_row"));
  GListModel *zones = adw_combo_row_get_model (zone_row);
  g_autofree char *first = NULL;

  desk_sla_page_set_time_zone (DESK_SLA_PAGE (fixture->page), NULL, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "time-zone", "Asia/Jakarta");
  wait_for_report (fixture);

  g_assert_cmpuint (adw_combo_row_get_selected (zone_row), ==, 0);
  first = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (zones), 0));
  g_assert_cmpstr (first, ==, "Default (Asia/Jakarta)");
  g_assert_cmpstr (gtk_label_get_text (zone_label), ==,
                   "Times in Asia/Jakarta");

  /* Jakarta is UTC+7 all year: March is 744 h, from 28 February 17:00
   * UTC, and Web's two hours both fall inside it.
   */
  g_assert_cmpstr (figure (fixture, "Web", "downtime"), ==, "2 h");
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)),
                 action) == 0)
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root);
       c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_viewer_mode (void)
{
  g_autofree char *tmpdir = desk_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "incidents.db", NULL);
  g_autoptr(GError) error = NULL;
  DeskStore *store;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = desk_sla_page_new ();
  GtkWidget *demo;
  GtkLabel *description;
  Fixture fixture = { .page = page };

  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  desk_test_assert_finalized (store);
  store = desk_store_open (path, DESK_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);

  g_object_ref (page);
  gtk_window_set_child (GTK_WINDOW (window), page);
  desk_sla_page_set_store (DESK_SLA_PAGE (page), store);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_report (&fixture);

  g_assert_cmpstr (visible_state (&fixture), ==, "empty");
  description = GTK_LABEL (child (&fixture, "empty_description"));
  g_assert_nonnull (strstr (gtk_label_get_text (description), "viewer mode"));
  demo = find_button (page, "sla.load-demo");
  g_assert_nonnull (demo);
  g_assert_false (gtk_widget_get_sensitive (demo));

  gtk_window_destroy (GTK_WINDOW (window));
  desk_test_assert_finalized (page);
  desk_test_assert_finalized (store);
  desk_test_tmpdir_free (g_steal_pointer (&tmpdir));
}

static guint
count_labels (GtkWidget  *root,
              const char *prefix,
              const char *exact)
{
  guint n = 0;

  if (GTK_IS_LABEL (root))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (root));

      if (g_str_has_prefix (text, prefix) &&
          (exact == NULL || g_str_equal (text, exact)))
        n++;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (root);
       c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += count_labels (c, prefix, exact);

  return n;
}

/* 105 one-minute outages, an hour apart: the first 100 are listed and
 * the rest counted.
 */
static void
test_many_outages (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 start = utc ("2025-03-02T00:00:00Z");
  DeskSlaServiceRow *row;

  for (guint i = 0; i < 105; i++)
    {
      g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (start +
                                                                 i * 3600);
      g_autoptr(GDateTime) to = g_date_time_add_minutes (from, 1);
      g_autofree char *reference = g_strdup_printf ("M-%u", i);
      g_autofree char *a = g_date_time_format_iso8601 (from);
      g_autofree char *b = g_date_time_format_iso8601 (to);

      add_incident (fixture->store, reference, "Many", DESK_IMPACT_OUTAGE,
                    a, b, 30);
    }

  desk_sla_page_reload (DESK_SLA_PAGE (fixture->page));
  wait_for_report (fixture);

  row = service_row (fixture, "Many");
  g_assert_cmpuint (desk_sla_service_row_get_n_intervals (row), ==, 105);
  g_assert_cmpstr (figure (fixture, "Many", "downtime"), ==, "1 h 45 min");

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  spin_main_loop ();
  g_assert_cmpuint (count_labels (GTK_WIDGET (row), "Outage ", NULL), ==, 100);
  g_assert_cmpuint (count_labels (GTK_WIDGET (row), "And ",
                                  "And 5 more outages, not listed here"),
                    ==, 1);
}

static void
test_finalizes_while_loading (void)
{
  g_autofree char *tmpdir = desk_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "incidents.db", NULL);
  g_autoptr(GError) error = NULL;
  DeskStore *store;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = desk_sla_page_new ();

  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fill_store (store);

  g_object_ref (page);
  gtk_window_set_child (GTK_WINDOW (window), page);
  desk_sla_page_set_store (DESK_SLA_PAGE (page), store);
  gtk_window_present (GTK_WINDOW (window));

  /* Closed before the report arrives: the work is cancelled quietly. */
  g_main_context_iteration (NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  while (G_OBJECT (page)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
  desk_test_assert_finalized (page);

  /* The worker thread holds the store until it has finished. */
  while (G_OBJECT (store)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
  desk_test_assert_finalized (store);
  desk_test_tmpdir_free (g_steal_pointer (&tmpdir));
}

/* The filled page in a language (data: "id", or NULL for English). */
static void
fixture_set_up_language (Fixture       *fixture,
                         gconstpointer  data)
{
  desk_test_use_language (data);
  fixture_set_up (fixture, "filled");
}

static void
fixture_tear_down_language (Fixture       *fixture,
                            gconstpointer  data)
{
  fixture_tear_down (fixture, NULL);
  desk_test_use_language (NULL);
}

static void
expand_all (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);

  for (GtkWidget *c = gtk_widget_get_first_child (widget);
       c != NULL;
       c = gtk_widget_get_next_sibling (c))
    expand_all (c);
}

/* Each Alt key reaches one control, with a month and with a custom
 * period, every service open.
 */
static void
test_mnemonics (Fixture       *fixture,
                gconstpointer  data)
{
  AdwComboRow *kind = ADW_COMBO_ROW (child (fixture, "kind_row"));

  expand_all (fixture->page);
  spin_main_loop ();
  g_assert_cmpuint (desk_test_assert_unique_mnemonics (fixture->window), >,
                    2);

  adw_combo_row_set_selected (kind, 5);
  wait_for_report (fixture);
  expand_all (fixture->page);
  spin_main_loop ();
  g_assert_cmpuint (desk_test_assert_unique_mnemonics (fixture->window), >,
                    4);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (desk_get_resource ());

#define ADD(path, func, filled) \
  g_test_add ("/sla-page/" path, Fixture, (filled) ? "filled" : NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("month-figures", test_month_figures, TRUE);
  ADD ("navigation", test_navigation, TRUE);
  ADD ("period-kinds", test_period_kinds, TRUE);
  ADD ("custom-entries", test_custom_entries, TRUE);
  ADD ("time-zone", test_time_zone, TRUE);
  ADD ("open-incident", test_open_incident, TRUE);
  ADD ("no-store", test_no_store, TRUE);
  ADD ("degraded-weight", test_degraded_weight, TRUE);
  ADD ("default-zone-follows-settings", test_default_zone_follows_settings,
       TRUE);
  ADD ("many-outages", test_many_outages, TRUE);
  ADD ("quiet-period", test_quiet_period, TRUE);
  ADD ("empty", test_empty, FALSE);

  g_test_add_func ("/sla-page/viewer-mode", test_viewer_mode);
  g_test_add ("/sla-page/mnemonics/en", Fixture, NULL,
              fixture_set_up_language, test_mnemonics,
              fixture_tear_down_language);
  g_test_add ("/sla-page/mnemonics/id", Fixture, "id",
              fixture_set_up_language, test_mnemonics,
              fixture_tear_down_language);

  g_test_add_func ("/sla-page/finalizes-while-loading",
                   test_finalizes_while_loading);

  return g_test_run ();
}
