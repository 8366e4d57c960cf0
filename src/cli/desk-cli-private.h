/* desk-cli-private.h: the parsed command line, shared by its two halves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum
{
  DESK_CLI_EXIT_OK = 0,
  DESK_CLI_EXIT_BAD_INPUT = 1,
  DESK_CLI_EXIT_USAGE = 2,
};

/* What desk-cli.c parsed and checked: exactly one action is set, and
 * only options that belong to it.
 */
typedef struct
{
  char     *database;
  char     *import;
  char     *export;
  char     *sla_report;
  gboolean  summary;
  char     *format;
  char     *map;
  gboolean  dry_run;
  char     *time_zone;
  char     *service;
  char     *severity;
  char     *status;
  char     *from;
  char     *to;
  gboolean  spreadsheet;
  char     *period;
  gboolean  read_only;
  gboolean  demo;
} DeskCliOptions;

/* Runs the action; returns the exit status. */
int desk_cli_actions_run (const DeskCliOptions *options);

G_END_DECLS
