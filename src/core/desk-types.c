/* desk-types.c: names of the fixed vocabularies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-types.h"

typedef struct
{
  const char *name;
  const char *label;
} Name;

static const Name severities[] = {
  { NULL, NULL },
  { "SEV1", N_("SEV1 Critical") },
  { "SEV2", N_("SEV2 High") },
  { "SEV3", N_("SEV3 Medium") },
  { "SEV4", N_("SEV4 Low") },
};

static const Name impacts[] = {
  { "Outage", N_("Outage") },
  { "Degraded", N_("Degraded") },
  { "None", N_("No impact") },
};

static const Name statuses[] = {
  { "New", N_("New") },
  { "Investigating", N_("Investigating") },
  { "Identified", N_("Identified") },
  { "Monitoring", N_("Monitoring") },
  { "On hold", N_("On hold") },
  { "Resolved", N_("Resolved") },
  { "Closed", N_("Closed") },
};

static const Name factors[] = {
  { "", N_("Not set") },
  { "People", N_("People") },
  { "Process", N_("Process") },
  { "Technology", N_("Technology") },
  { "External", N_("External") },
  { "Unknown", N_("Unknown") },
};

static const Name problem_statuses[] = {
  { "Open", N_("Open") },
  { "Known error", N_("Known error") },
  { "Resolved", N_("Resolved") },
};

static gboolean
lookup (const Name *names,
        guint       first,
        guint       n,
        const char *text,
        guint      *out)
{
  if (text == NULL)
    return FALSE;

  for (guint i = first; i < n; i++)
    {
      if (g_ascii_strcasecmp (names[i].name, text) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_NAMES(Type, prefix, table, first, n)                        \
  const char *                                                             \
  prefix##_to_string (Type value)                                          \
  {                                                                        \
    g_return_val_if_fail ((guint) value >= first && (guint) value < n,     \
                          NULL);                                           \
    return table[value].name;                                              \
  }                                                                        \
                                                                           \
  const char *                                                             \
  prefix##_label (Type value)                                              \
  {                                                                        \
    g_return_val_if_fail ((guint) value >= first && (guint) value < n,     \
                          NULL);                                           \
    return _(table[value].label);                                          \
  }                                                                        \
                                                                           \
  gboolean                                                                 \
  prefix##_from_string (const char *text,                                  \
                        Type       *out)                                   \
  {                                                                        \
    guint value;                                                           \
                                                                           \
    if (!lookup (table, first, n, text, &value))                           \
      return FALSE;                                                        \
                                                                           \
    *out = (Type) value;                                                   \
    return TRUE;                                                           \
  }

DEFINE_NAMES (DeskSeverity, desk_severity, severities, 1, 5)
DEFINE_NAMES (DeskImpact, desk_impact, impacts, 0, 3)
DEFINE_NAMES (DeskStatus, desk_status, statuses, 0, 7)
DEFINE_NAMES (DeskFactor, desk_factor, factors, 0, 6)
DEFINE_NAMES (DeskProblemStatus, desk_problem_status, problem_statuses, 0, 3)

gboolean
desk_status_is_active (DeskStatus status)
{
  return status == DESK_STATUS_INVESTIGATING ||
         status == DESK_STATUS_IDENTIFIED ||
         status == DESK_STATUS_MONITORING ||
         status == DESK_STATUS_ON_HOLD;
}

gboolean
desk_status_is_open (DeskStatus status)
{
  return status != DESK_STATUS_RESOLVED && status != DESK_STATUS_CLOSED;
}
