/* desk-types.h: the fixed vocabularies of the data model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Instants are seconds since the Unix epoch, in UTC. */
#define DESK_TIME_NONE G_MININT64

typedef enum
{
  DESK_SEVERITY_SEV1 = 1,
  DESK_SEVERITY_SEV2,
  DESK_SEVERITY_SEV3,
  DESK_SEVERITY_SEV4,
} DeskSeverity;

#define DESK_N_SEVERITIES 4

typedef enum
{
  DESK_IMPACT_OUTAGE,
  DESK_IMPACT_DEGRADED,
  DESK_IMPACT_NONE,
} DeskImpact;

#define DESK_N_IMPACTS 3

typedef enum
{
  DESK_STATUS_NEW,
  DESK_STATUS_INVESTIGATING,
  DESK_STATUS_IDENTIFIED,
  DESK_STATUS_MONITORING,
  DESK_STATUS_ON_HOLD,
  DESK_STATUS_RESOLVED,
  DESK_STATUS_CLOSED,
} DeskStatus;

#define DESK_N_STATUSES 7

typedef enum
{
  DESK_FACTOR_UNSET,
  DESK_FACTOR_PEOPLE,
  DESK_FACTOR_PROCESS,
  DESK_FACTOR_TECHNOLOGY,
  DESK_FACTOR_EXTERNAL,
  DESK_FACTOR_UNKNOWN,
} DeskFactor;

#define DESK_N_FACTORS 6

typedef enum
{
  DESK_PROBLEM_OPEN,
  DESK_PROBLEM_KNOWN_ERROR,
  DESK_PROBLEM_RESOLVED,
} DeskProblemStatus;

/* Stable English names, as used in CSV files and on the command line
 * ("SEV1", "Outage", "On hold", "Technology"). The _label variants
 * return the translated name for the interface ("SEV1 Critical").
 * The parsers accept the stable name in any letter case.
 */
const char *desk_severity_to_string    (DeskSeverity       severity);
const char *desk_severity_label        (DeskSeverity       severity);
gboolean    desk_severity_from_string  (const char        *text,
                                        DeskSeverity      *out);
const char *desk_impact_to_string      (DeskImpact         impact);
const char *desk_impact_label          (DeskImpact         impact);
gboolean    desk_impact_from_string    (const char        *text,
                                        DeskImpact        *out);
const char *desk_status_to_string      (DeskStatus         status);
const char *desk_status_label          (DeskStatus         status);
gboolean    desk_status_from_string    (const char        *text,
                                        DeskStatus        *out);
const char *desk_factor_to_string      (DeskFactor         factor);
const char *desk_factor_label          (DeskFactor         factor);
gboolean    desk_factor_from_string    (const char        *text,
                                        DeskFactor        *out);
const char *desk_problem_status_to_string (DeskProblemStatus status);
const char *desk_problem_status_label  (DeskProblemStatus  status);
gboolean    desk_problem_status_from_string (const char   *text,
                                        DeskProblemStatus *out);

gboolean    desk_status_is_active      (DeskStatus         status);
gboolean    desk_status_is_open        (DeskStatus         status);

G_END_DECLS
