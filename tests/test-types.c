/* test-types.c: names of the fixed vocabularies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "desk-types.h"

static void
test_severity_round_trip (void)
{
  DeskSeverity severity;

  g_assert_cmpstr (desk_severity_to_string (DESK_SEVERITY_SEV2), ==, "SEV2");
  g_assert_true (desk_severity_from_string ("sev3", &severity));
  g_assert_cmpint (severity, ==, DESK_SEVERITY_SEV3);
  g_assert_false (desk_severity_from_string ("SEV5", &severity));
  g_assert_false (desk_severity_from_string ("", &severity));
  g_assert_false (desk_severity_from_string (NULL, &severity));
}

static void
test_status_names (void)
{
  DeskStatus status;

  g_assert_cmpstr (desk_status_to_string (DESK_STATUS_ON_HOLD), ==,
                   "On hold");
  g_assert_true (desk_status_from_string ("on hold", &status));
  g_assert_cmpint (status, ==, DESK_STATUS_ON_HOLD);
  g_assert_false (desk_status_from_string ("Active", &status));
  g_assert_true (desk_status_is_active (DESK_STATUS_MONITORING));
  g_assert_false (desk_status_is_active (DESK_STATUS_NEW));
  g_assert_false (desk_status_is_open (DESK_STATUS_CLOSED));
}

static void
test_factor_unset_is_not_parsed (void)
{
  DeskFactor factor;

  g_assert_true (desk_factor_from_string ("TECHNOLOGY", &factor));
  g_assert_cmpint (factor, ==, DESK_FACTOR_TECHNOLOGY);
  g_assert_false (desk_factor_from_string ("Hardware", &factor));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/types/severity/round-trip", test_severity_round_trip);
  g_test_add_func ("/types/status/names", test_status_names);
  g_test_add_func ("/types/factor/unset", test_factor_unset_is_not_parsed);

  return g_test_run ();
}
