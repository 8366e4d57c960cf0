/* desk-sla-calculator.h: period, downtime and target in, SLA figures out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DESK_TYPE_SLA_CALCULATOR (desk_sla_calculator_get_type ())
G_DECLARE_FINAL_TYPE (DeskSlaCalculator, desk_sla_calculator,
                      DESK, SLA_CALCULATOR, AdwBin)

GtkWidget *desk_sla_calculator_new (void);

/* Reads a length typed by a person: "43", "43 min", "1 h 5 min",
 * "2,5 h", "1d 6h". A bare number counts in units of @bare_unit
 * seconds. Returns FALSE for anything else.
 */
gboolean   desk_sla_parse_duration (const char *text,
                                    double      bare_unit,
                                    double     *out_seconds);

/* Reads a percentage: "99.9", "99,9", "99.9 %". */
gboolean   desk_sla_parse_percent  (const char *text,
                                    double     *out_percent);

/* "99.90046 %": five decimals, as every uptime is shown. */
char      *desk_sla_format_percent (double      percent);

/* A duration (not negative) rounded to the second, with the seconds
 * kept below a day ("43 min 12 s", "8 h 45 min 36 s"): budgets are
 * that tight.
 */
char      *desk_sla_format_duration (double     seconds);

/* Whether the downtime went past the allowed downtime by at least what
 * rounds to a second: less is no overrun worth a word.
 */
gboolean   desk_sla_budget_is_over  (double     budget_seconds);

/* The budget left, or "48 s over" once desk_sla_budget_is_over. */
char      *desk_sla_format_budget   (double     budget_seconds);

G_END_DECLS
