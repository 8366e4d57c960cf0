/* fuzz-validate.c: the validators on records built from any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is cut at 0x1e bytes. The first piece gives the enums and
 * times (as raw bytes, out-of-range values included); the others fill
 * the text fields in order. The service and problem validators get the
 * same texts.
 */

#define G_LOG_DOMAIN "fuzz-validate"

#include <math.h>
#include <string.h>

#include "desk-error.h"
#include "desk-incident.h"
#include "fuzz-common.h"

static const DeskField text_fields[] = {
  DESK_FIELD_REFERENCE,
  DESK_FIELD_TITLE,
  DESK_FIELD_SERVICE,
  DESK_FIELD_DESCRIPTION,
  DESK_FIELD_ASSIGNEE,
  DESK_FIELD_REPORTER,
  DESK_FIELD_ROOT_CAUSE,
  DESK_FIELD_FIVE_WHYS,
  DESK_FIELD_WORKAROUND,
  DESK_FIELD_RESOLUTION,
  DESK_FIELD_PROBLEM,
};

static const DeskField time_fields[] = {
  DESK_FIELD_DETECTED_AT,
  DESK_FIELD_ACKNOWLEDGED_AT,
  DESK_FIELD_IMPACT_START,
  DESK_FIELD_IMPACT_END,
  DESK_FIELD_RESOLVED_AT,
  DESK_FIELD_CLOSED_AT,
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  return 0;
}

/* A time from two bytes: unset, or an instant near 2025 or far away. */
static gint64
time_from (const guint8 *p)
{
  switch (p[0] % 4)
    {
    case 0:
      return DESK_TIME_NONE;
    case 1:
      return 1735689600 + (gint64) p[1] * 3600;
    case 2:
      return -62135596800 + (gint64) p[1];
    default:
      return G_MAXINT64 - p[1];
    }
}

static double
target_from (guint8 b)
{
  switch (b)
    {
    case 0xff:
      return NAN;
    case 0xfe:
      return INFINITY;
    default:
      return (double) (gint8) b * 1.5;
    }
}

static void
check_error (gboolean  ok,
             GError   *error)
{
  if (ok)
    {
      g_assert_no_error (error);
      return;
    }

  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(DeskService) service = NULL;
  g_autoptr(DeskProblem) problem = desk_problem_new ();
  g_autofree char *copy = NULL;
  g_auto(GStrv) pieces = NULL;
  guint8 head[16] = { 0 };
  GError *error = NULL;
  DeskField field = DESK_FIELD_NONE;
  gboolean ok;

  if (size > 4096)
    return 0;

  copy = fuzz_strndup (data, size);
  pieces = g_strsplit (copy, "\x1e", -1);
  if (pieces[0] != NULL)
    memcpy (head, pieces[0], MIN (strlen (pieces[0]), sizeof head));

  incident->severity = head[0] % 8;
  incident->impact = head[1] % 5;
  incident->status = head[2] % 10;
  incident->factor = head[3] % 8;
  for (guint i = 0; i < G_N_ELEMENTS (time_fields); i++)
    desk_incident_set_time (incident, time_fields[i],
                            time_from (head + 4 + 2 * i));

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      if (pieces[0] == NULL || pieces[i + 1] == NULL)
        break;
      desk_incident_set_string (incident, text_fields[i], pieces[i + 1]);
    }

  ok = desk_incident_validate (incident, &field, &error);
  check_error (ok, error);
  if (!ok)
    g_assert_cmpint (field, !=, DESK_FIELD_NONE);
  g_clear_error (&error);

  service = desk_service_new (incident->service, target_from (head[0]));
  ok = desk_service_validate (service, &error);
  check_error (ok, error);
  g_clear_error (&error);

  g_free (problem->title);
  problem->title = g_strdup (incident->title);
  g_free (problem->reference);
  problem->reference = g_strdup (incident->reference);
  problem->status = head[1] % 5;
  ok = desk_problem_validate (problem, &error);
  check_error (ok, error);
  g_clear_error (&error);

  return 0;
}
