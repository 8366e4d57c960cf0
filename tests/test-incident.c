/* test-incident.c: validation and lifecycle of incidents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "desk-error.h"
#include "desk-incident.h"

/* 2025-03-09 10:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1741514400)

static DeskIncident *
valid_incident (void)
{
  DeskIncident *incident = desk_incident_new ();

  desk_incident_set_string (incident, DESK_FIELD_TITLE, "Mail is down");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Email");
  incident->severity = DESK_SEVERITY_SEV2;
  incident->impact = DESK_IMPACT_OUTAGE;
  incident->detected_at = T0;

  return incident;
}

/* Validation: one case per rule, with the field it must report. */

typedef struct
{
  const char *name;
  void      (*break_it) (DeskIncident *incident);
  DeskField   field;       /* DESK_FIELD_NONE: the incident is valid */
  const char *message;     /* NULL: any */
} ValidationCase;

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);

  return g_string_free (s, FALSE);
}

static void
break_nothing (DeskIncident *i)
{
}

static void
break_title_empty (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_TITLE, "");
}

static void
break_title_blank (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_TITLE, "   ");
}

static void
title_200 (DeskIncident *i)
{
  g_autofree char *t = repeat ("é", 200);

  desk_incident_set_string (i, DESK_FIELD_TITLE, t);
}

static void
break_title_201 (DeskIncident *i)
{
  g_autofree char *t = repeat ("a", 201);

  desk_incident_set_string (i, DESK_FIELD_TITLE, t);
}

static void
break_title_newline (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_TITLE, "two\nlines");
}

static void
break_title_utf8 (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_TITLE, "bad \xff byte");
}

static void
break_service_empty (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_SERVICE, "");
}

static void
break_assignee_tab (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_ASSIGNEE, "ana\tb");
}

static void
description_breaks (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_DESCRIPTION,
                            "line one\r\nline\ttwo\n");
}

static void
break_description_bell (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_DESCRIPTION, "ring \a");
}

static void
break_root_cause_c1 (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_ROOT_CAUSE, "next \xc2\x85 line");
}

static void
break_resolution_utf8 (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_RESOLUTION, "\xc3\x28");
}

/* Texts that start as plain ASCII and go on with something else, so
 * that the quick pass over printable ASCII hands over to the full check.
 */
static void
break_title_delete (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_TITLE, "Mail down\x7f");
}

static void
title_beyond_ascii (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_TITLE,
                            "Caf\xc3\xa9 Wi-Fi \xe2\x82\xac \xc2\xa0" "down");
}

static void
break_reporter_cr (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_REPORTER, "Ana\r");
}

static void
break_description_c1_after_latin (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_DESCRIPTION,
                            "line\n\xc3\xa9t\xc3\xa9 \xc2\x9f");
}

static void
break_workaround_utf8_after_lines (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_WORKAROUND, "one\r\ntwo\t\xff");
}

static void
five_whys_beyond_ascii (DeskIncident *i)
{
  desk_incident_set_string (i, DESK_FIELD_FIVE_WHYS,
                            "Kenapa?\nKarena \xc3\xa9\xc2\xa0\tjaringan");
}

static void
break_severity (DeskIncident *i)
{
  i->severity = 0;
}

static void
break_severity_high (DeskIncident *i)
{
  i->severity = 5;
}

static void
break_impact (DeskIncident *i)
{
  i->impact = 3;
}

static void
break_status (DeskIncident *i)
{
  i->status = 7;
}

static void
break_factor (DeskIncident *i)
{
  i->factor = 6;
}

static void
break_detected_missing (DeskIncident *i)
{
  i->detected_at = DESK_TIME_NONE;
}

static void
break_ack_before_detected (DeskIncident *i)
{
  i->acknowledged_at = T0 - 1;
}

static void
break_resolved_before_detected (DeskIncident *i)
{
  i->resolved_at = T0 - 60;
}

static void
break_resolved_before_ack (DeskIncident *i)
{
  i->acknowledged_at = T0 + 600;
  i->resolved_at = T0 + 300;
}

static void
break_closed_before_resolved (DeskIncident *i)
{
  i->resolved_at = T0 + 600;
  i->closed_at = T0 + 599;
}

static void
break_closed_before_detected (DeskIncident *i)
{
  i->closed_at = T0 - 1;
}

static void
times_equal (DeskIncident *i)
{
  i->acknowledged_at = T0;
  i->resolved_at = T0;
  i->closed_at = T0;
}

static void
break_impact_end_before_start (DeskIncident *i)
{
  i->impact_start = T0 + 100;
  i->impact_end = T0 + 50;
}

static void
break_impact_start_after_resolved (DeskIncident *i)
{
  i->resolved_at = T0 + 100;
  i->impact_start = T0 + 200;
}

static void
impact_before_detected (DeskIncident *i)
{
  i->impact_start = T0 - 3600;
}

static const ValidationCase validation_cases[] = {
  { "valid", break_nothing, DESK_FIELD_NONE, NULL },
  { "title-empty", break_title_empty, DESK_FIELD_TITLE,
    "The title cannot be empty." },
  { "title-blank", break_title_blank, DESK_FIELD_TITLE,
    "The title cannot be empty." },
  { "title-200-chars", title_200, DESK_FIELD_NONE, NULL },
  { "title-201-chars", break_title_201, DESK_FIELD_TITLE,
    "The title cannot be longer than 200 characters." },
  { "title-newline", break_title_newline, DESK_FIELD_TITLE,
    "Title contains a control character, which is not allowed." },
  { "title-invalid-utf8", break_title_utf8, DESK_FIELD_TITLE,
    "Title contains text that is not valid UTF-8." },
  { "service-empty", break_service_empty, DESK_FIELD_SERVICE,
    "The service cannot be empty." },
  { "assignee-tab", break_assignee_tab, DESK_FIELD_ASSIGNEE, NULL },
  { "description-line-breaks", description_breaks, DESK_FIELD_NONE, NULL },
  { "description-bell", break_description_bell, DESK_FIELD_DESCRIPTION,
    "Description contains a control character, which is not allowed." },
  { "root-cause-c1-control", break_root_cause_c1, DESK_FIELD_ROOT_CAUSE,
    NULL },
  { "resolution-invalid-utf8", break_resolution_utf8, DESK_FIELD_RESOLUTION,
    NULL },
  { "title-delete-after-ascii", break_title_delete, DESK_FIELD_TITLE,
    "Title contains a control character, which is not allowed." },
  { "title-beyond-ascii", title_beyond_ascii, DESK_FIELD_NONE, NULL },
  { "reporter-carriage-return", break_reporter_cr, DESK_FIELD_REPORTER,
    NULL },
  { "description-c1-after-latin", break_description_c1_after_latin,
    DESK_FIELD_DESCRIPTION,
    "Description contains a control character, which is not allowed." },
  { "workaround-invalid-utf8-after-lines",
    break_workaround_utf8_after_lines, DESK_FIELD_WORKAROUND,
    "Workaround contains text that is not valid UTF-8." },
  { "five-whys-beyond-ascii", five_whys_beyond_ascii, DESK_FIELD_NONE,
    NULL },
  { "severity-zero", break_severity, DESK_FIELD_SEVERITY,
    "The severity must be SEV1, SEV2, SEV3 or SEV4." },
  { "severity-five", break_severity_high, DESK_FIELD_SEVERITY, NULL },
  { "impact-unknown", break_impact, DESK_FIELD_IMPACT, NULL },
  { "status-unknown", break_status, DESK_FIELD_STATUS, NULL },
  { "factor-unknown", break_factor, DESK_FIELD_FACTOR, NULL },
  { "detected-missing", break_detected_missing, DESK_FIELD_DETECTED_AT,
    "The detected time is missing." },
  { "acknowledged-before-detected", break_ack_before_detected,
    DESK_FIELD_ACKNOWLEDGED_AT,
    "The acknowledged time cannot be before the detected time." },
  { "resolved-before-detected", break_resolved_before_detected,
    DESK_FIELD_RESOLVED_AT,
    "The resolved time cannot be before the detected time." },
  { "resolved-before-acknowledged", break_resolved_before_ack,
    DESK_FIELD_RESOLVED_AT,
    "The resolved time cannot be before the acknowledged time." },
  { "closed-before-resolved", break_closed_before_resolved,
    DESK_FIELD_CLOSED_AT,
    "The closed time cannot be before the resolved time." },
  { "closed-before-detected", break_closed_before_detected,
    DESK_FIELD_CLOSED_AT,
    "The closed time cannot be before the detected time." },
  { "times-equal", times_equal, DESK_FIELD_NONE, NULL },
  { "impact-end-before-start", break_impact_end_before_start,
    DESK_FIELD_IMPACT_END,
    "The impact end cannot be before the impact start." },
  { "impact-start-after-resolved", break_impact_start_after_resolved,
    DESK_FIELD_IMPACT_START,
    "The impact end cannot be before the impact start." },
  { "impact-before-detected", impact_before_detected, DESK_FIELD_NONE,
    NULL },
};

static void
test_validation (gconstpointer data)
{
  const ValidationCase *c = data;
  g_autoptr(DeskIncident) incident = valid_incident ();
  g_autoptr(GError) error = NULL;
  DeskField field = DESK_FIELD_PROBLEM;
  gboolean ok;

  c->break_it (incident);
  ok = desk_incident_validate (incident, &field, &error);

  if (c->field == DESK_FIELD_NONE)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (field, ==, DESK_FIELD_NONE);
      return;
    }

  g_assert_false (ok);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (field, ==, c->field);
  if (c->message != NULL)
    g_assert_cmpstr (error->message, ==, c->message);
}

/* Lifecycle: every pair, written out from PRODUCT.md. Rows are "from",
 * columns "to", in the order New, Investigating, Identified, Monitoring,
 * On hold, Resolved, Closed.
 */
static const gboolean allowed[DESK_N_STATUSES][DESK_N_STATUSES] = {
  /* New */           { 0, 1, 1, 1, 1, 1, 0 },
  /* Investigating */ { 0, 0, 1, 1, 1, 1, 0 },
  /* Identified */    { 0, 1, 0, 1, 1, 1, 0 },
  /* Monitoring */    { 0, 1, 1, 0, 1, 1, 0 },
  /* On hold */       { 0, 1, 1, 1, 0, 1, 0 },
  /* Resolved */      { 0, 1, 0, 0, 0, 0, 1 },
  /* Closed */        { 0, 1, 0, 0, 0, 0, 0 },
};

static const gboolean reopens[DESK_N_STATUSES][DESK_N_STATUSES] = {
  [DESK_STATUS_RESOLVED][DESK_STATUS_INVESTIGATING] = TRUE,
  [DESK_STATUS_CLOSED][DESK_STATUS_INVESTIGATING] = TRUE,
};

static void
test_lifecycle (gconstpointer data)
{
  guint pair = GPOINTER_TO_UINT (data);
  DeskStatus from = pair / DESK_N_STATUSES;
  DeskStatus to = pair % DESK_N_STATUSES;

  g_assert_cmpint (desk_status_can_move (from, to), ==, allowed[from][to]);
  if (allowed[from][to])
    g_assert_cmpint (desk_status_is_reopen (from, to), ==,
                     reopens[from][to]);
}

static void
test_next (void)
{
  DeskStatus next[DESK_N_STATUSES];
  guint n;

  n = desk_status_next (DESK_STATUS_NEW, next);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (next[0], ==, DESK_STATUS_INVESTIGATING);
  g_assert_cmpint (next[4], ==, DESK_STATUS_RESOLVED);

  n = desk_status_next (DESK_STATUS_RESOLVED, next);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (next[0], ==, DESK_STATUS_INVESTIGATING);
  g_assert_cmpint (next[1], ==, DESK_STATUS_CLOSED);

  n = desk_status_next (DESK_STATUS_CLOSED, next);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (next[0], ==, DESK_STATUS_INVESTIGATING);

  g_assert_false (desk_status_can_move (7, DESK_STATUS_NEW));
}

static void
test_copy_and_ref (void)
{
  g_autoptr(DeskIncident) incident = valid_incident ();
  g_autoptr(DeskIncident) copy = NULL;
  DeskIncident *ref;

  incident->id = 7;
  incident->version = 3;
  incident->resolved_at = T0 + 10;
  desk_incident_set_string (incident, DESK_FIELD_FIVE_WHYS, "a\nb");

  copy = desk_incident_copy (incident);
  g_assert_true (copy != incident);
  g_assert_cmpint (copy->id, ==, 7);
  g_assert_cmpint (copy->version, ==, 3);
  g_assert_cmpint (copy->resolved_at, ==, T0 + 10);
  g_assert_cmpint (copy->closed_at, ==, DESK_TIME_NONE);
  g_assert_cmpstr (copy->five_whys, ==, "a\nb");
  g_assert_cmpstr (copy->title, ==, "Mail is down");
  g_assert_cmpstr (copy->problem, ==, "");

  ref = desk_incident_ref (incident);
  g_assert_true (ref == incident);
  desk_incident_unref (ref);

  desk_incident_set_string (copy, DESK_FIELD_ASSIGNEE, NULL);
  g_assert_cmpstr (copy->assignee, ==, "");
}

static void
test_effective_impact (void)
{
  g_autoptr(DeskIncident) incident = valid_incident ();

  g_assert_cmpint (desk_incident_effective_impact_start (incident), ==, T0);
  g_assert_cmpint (desk_incident_effective_impact_end (incident), ==,
                   DESK_TIME_NONE);

  incident->resolved_at = T0 + 3600;
  g_assert_cmpint (desk_incident_effective_impact_end (incident), ==,
                   T0 + 3600);

  incident->impact_start = T0 - 60;
  incident->impact_end = T0 + 1800;
  g_assert_cmpint (desk_incident_effective_impact_start (incident), ==,
                   T0 - 60);
  g_assert_cmpint (desk_incident_effective_impact_end (incident), ==,
                   T0 + 1800);
}

static void
test_field_names (void)
{
  DeskField field;

  g_assert_cmpstr (desk_field_to_string (DESK_FIELD_DETECTED_AT), ==,
                   "detected_at");
  g_assert_cmpstr (desk_field_to_string (DESK_FIELD_FACTOR), ==,
                   "contributing_factor");
  g_assert_cmpstr (desk_field_label (DESK_FIELD_RESOLVED_AT), ==,
                   "Resolved");
  g_assert_true (desk_field_from_string ("five_whys", &field));
  g_assert_cmpint (field, ==, DESK_FIELD_FIVE_WHYS);
  g_assert_false (desk_field_from_string ("nope", &field));
}

static void
test_problem_validate (void)
{
  g_autoptr(DeskProblem) problem = desk_problem_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (desk_problem_validate (problem, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  g_free (problem->title);
  problem->title = g_strdup ("Disk fills up");
  g_assert_true (desk_problem_validate (problem, &error));
  g_assert_no_error (error);

  problem->status = 3;
  g_assert_false (desk_problem_validate (problem, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
}

static void
test_service_validate (void)
{
  g_autoptr(DeskService) service = desk_service_new ("Email", 99.9);
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_service_validate (service, &error));
  g_assert_no_error (error);

  service->target = 0;
  g_assert_false (desk_service_validate (service, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_clear_error (&error);

  service->target = 100.5;
  g_assert_false (desk_service_validate (service, &error));
  g_clear_error (&error);

  service->target = 100;
  g_assert_true (desk_service_validate (service, NULL));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const names[DESK_N_STATUSES] = {
    "new", "investigating", "identified", "monitoring", "on-hold",
    "resolved", "closed",
  };

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (validation_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/incident/validate/%s",
                                               validation_cases[i].name);

      g_test_add_data_func (path, &validation_cases[i], test_validation);
    }

  for (guint from = 0; from < DESK_N_STATUSES; from++)
    for (guint to = 0; to < DESK_N_STATUSES; to++)
      {
        g_autofree char *path = g_strdup_printf ("/incident/lifecycle/%s-%s",
                                                 names[from], names[to]);

        g_test_add_data_func (path,
                              GUINT_TO_POINTER (from * DESK_N_STATUSES + to),
                              test_lifecycle);
      }

  g_test_add_func ("/incident/lifecycle/next", test_next);
  g_test_add_func ("/incident/copy-and-ref", test_copy_and_ref);
  g_test_add_func ("/incident/effective-impact", test_effective_impact);
  g_test_add_func ("/incident/field-names", test_field_names);
  g_test_add_func ("/incident/problem-validate", test_problem_validate);
  g_test_add_func ("/incident/service-validate", test_service_validate);

  return g_test_run ();
}
