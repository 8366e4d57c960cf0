/* desk-cli.c: the command line without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "desk-cli.h"
#include "desk-cli-private.h"

static gboolean
is_option_named (const char *arg,
                 const char *name)
{
  gsize len = strlen (name);

  if (!g_str_has_prefix (arg, "--"))
    return FALSE;

  return strncmp (arg + 2, name, len) == 0 &&
         (arg[2 + len] == '\0' || arg[2 + len] == '=');
}

/* How many arguments from @i on are the window's own (--database FILE,
 * --demo, --read-only, and the one D-Bus activation adds); 0 if the
 * argument at @i is not one of them.
 */
static int
window_arguments (int    argc,
                  char **argv,
                  int    i)
{
  if (strcmp (argv[i], "--demo") == 0 ||
      strcmp (argv[i], "--read-only") == 0 ||
      strcmp (argv[i], "--gapplication-service") == 0 ||
      g_str_has_prefix (argv[i], "--database="))
    return 1;

  if (strcmp (argv[i], "--database") == 0 && i + 1 < argc)
    return 2;

  return 0;
}

gboolean
desk_cli_wants (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; )
    {
      int n = window_arguments (argc, argv, i);

      if (n == 0)
        return TRUE;
      i += n;
    }

  return FALSE;
}

static void
options_clear (DeskCliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import, g_free);
  g_clear_pointer (&options->export, g_free);
  g_clear_pointer (&options->sla_report, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->map, g_free);
  g_clear_pointer (&options->time_zone, g_free);
  g_clear_pointer (&options->service, g_free);
  g_clear_pointer (&options->severity, g_free);
  g_clear_pointer (&options->status, g_free);
  g_clear_pointer (&options->from, g_free);
  g_clear_pointer (&options->to, g_free);
  g_clear_pointer (&options->period, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DeskCliOptions, options_clear)

static int
usage_error (const char *message)
{
  g_printerr ("%s\n", message);
  return DESK_CLI_EXIT_USAGE;
}

static gboolean
entry_takes_value (const GOptionEntry *entry)
{
  return entry->arg != G_OPTION_ARG_NONE;
}

static const GOptionEntry *
find_entry (const GOptionEntry *entries,
            const char         *arg)
{
  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      if (is_option_named (arg, entries[i].long_name))
        return &entries[i];
    }

  return NULL;
}

/* GOptionContext's own messages are terse and untranslated in places;
 * name the argument at fault in a sentence of ours instead.
 */
static int
explain_parse_error (const GOptionEntry *entries,
                     int                 argc,
                     char              **argv,
                     GError             *error)
{
  g_autofree char *message = NULL;

  for (int i = 1; i < argc; i++)
    {
      const GOptionEntry *entry;

      if (strcmp (argv[i], "--") == 0)
        break;
      if (argv[i][0] != '-' || argv[i][1] == '\0')
        continue;

      entry = find_entry (entries, argv[i]);
      if (entry == NULL)
        {
          if (strcmp (argv[i], "-h") == 0 || strcmp (argv[i], "-?") == 0 ||
              is_option_named (argv[i], "help") ||
              is_option_named (argv[i], "help-all"))
            continue;

          message = g_strdup_printf (_("“%s” is not an option of "
                                       "IncidentDesk; run “incidentdesk "
                                       "--help” to see them."),
                                     argv[i]);
          return usage_error (message);
        }

      if (entry_takes_value (entry) && strchr (argv[i], '=') == NULL)
        {
          if (i + 1 >= argc)
            {
              message = g_strdup_printf (_("The option --%s needs a value."),
                                         entry->long_name);
              return usage_error (message);
            }
          i++;
        }
    }

  g_debug ("Option parsing failed: %s", error->message);
  message = g_strdup_printf (_("The command line is not understood: %s."),
                             error->message);
  return usage_error (message);
}

static int
refuse_value_like_option (const char *option,
                          const char *value)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("The option --%s needs a value."), option);
  return usage_error (message);
}

static int
check_values (const DeskCliOptions *o)
{
  struct { const char *name; const char *value; } values[] = {
    { "database", o->database },
    { "import", o->import },
    { "export", o->export },
    { "sla-report", o->sla_report },
    { "format", o->format },
    { "map", o->map },
    { "timezone", o->time_zone },
    { "service", o->service },
    { "severity", o->severity },
    { "status", o->status },
    { "from", o->from },
    { "to", o->to },
    { "period", o->period },
  };

  /* GOptionContext takes the next argument as the value even when it is
   * another option, as in "--export --summary".
   */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i].value != NULL &&
          (values[i].value[0] == '\0' ||
           g_str_has_prefix (values[i].value, "--")))
        return refuse_value_like_option (values[i].name, values[i].value);
    }

  return DESK_CLI_EXIT_OK;
}

static int
refuse_without (const char *option,
                const char *action)
{
  g_autofree char *message = NULL;

  /* TRANSLATORS: both are command-line options, e.g. "--map" and
   * "--import"
   */
  message = g_strdup_printf (_("The option %s can only be used with %s."),
                             option, action);
  return usage_error (message);
}

static int
refuse_without_output (const char *option)
{
  g_autofree char *message = NULL;

  /* TRANSLATORS: %s is a command-line option, e.g. "--service" */
  message = g_strdup_printf (_("The option %s can only be used with "
                               "--export or --sla-report."), option);
  return usage_error (message);
}

static int
check_combination (const DeskCliOptions *o)
{
  guint n_actions = 0;

  n_actions += o->import != NULL;
  n_actions += o->export != NULL;
  n_actions += o->sla_report != NULL;
  n_actions += o->summary;

  if (n_actions > 1)
    return usage_error (_("Choose only one of --import, --export, "
                          "--sla-report and --summary at a time."));
  if (o->demo)
    return usage_error (_("The option --demo opens the window and cannot be "
                          "combined with a command-line action."));

  if (o->import == NULL)
    {
      if (o->format != NULL)
        return refuse_without ("--format", "--import");
      if (o->map != NULL)
        return refuse_without ("--map", "--import");
      if (o->dry_run)
        return refuse_without ("--dry-run", "--import");
    }
  else if (o->read_only)
    {
      return usage_error (_("Importing changes the database, so it cannot "
                            "be done in viewer mode (--read-only)."));
    }

  if (o->export == NULL)
    {
      if (o->severity != NULL)
        return refuse_without ("--severity", "--export");
      if (o->status != NULL)
        return refuse_without ("--status", "--export");
      if (o->from != NULL)
        return refuse_without ("--from", "--export");
      if (o->to != NULL)
        return refuse_without ("--to", "--export");
    }

  if (o->export == NULL && o->sla_report == NULL)
    {
      if (o->service != NULL)
        return refuse_without_output ("--service");
      if (o->spreadsheet)
        return refuse_without_output ("--spreadsheet");
    }

  if (o->sla_report != NULL && o->period == NULL)
    return usage_error (_("The option --sla-report needs --period, for "
                          "example --period 2025 or --period 2025-03."));
  if (o->sla_report == NULL && o->period != NULL)
    return refuse_without ("--period", "--sla-report");

  if (o->summary && o->time_zone != NULL)
    return usage_error (_("The option --timezone has no meaning with "
                          "--summary."));

  if (n_actions == 0)
    return usage_error (_("Choose one of --import, --export, --sla-report "
                          "or --summary; without them IncidentDesk opens "
                          "its window."));

  if (o->format != NULL &&
      g_strcmp0 (o->format, "auto") != 0 &&
      g_strcmp0 (o->format, "incidentdesk") != 0 &&
      g_strcmp0 (o->format, "servicenow") != 0)
    return usage_error (_("The option --format takes auto, incidentdesk or "
                          "servicenow."));

  if (o->map != NULL && o->format != NULL &&
      g_strcmp0 (o->format, "auto") != 0)
    return usage_error (_("A mapping file describes a CSV of another shape, "
                          "so --map cannot be combined with this --format."));

  return DESK_CLI_EXIT_OK;
}

int
desk_cli_run (int    argc,
              char **argv)
{
  g_auto(DeskCliOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int n_args = argc;
  int status;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &options.database,
      N_("The database file (default: in your data folder)"), N_("FILE") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &options.import,
      N_("Import incidents from a CSV file"), N_("IN.csv") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format,
      N_("Format of the imported file: auto, incidentdesk or servicenow"),
      N_("FORMAT") },
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &options.map,
      N_("Mapping file for a CSV of another shape"), N_("MAPPING") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &options.dry_run,
      N_("Report what an import would do, without writing"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &options.export,
      N_("Export incidents to a CSV file (- for standard output)"),
      N_("OUT.csv") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &options.service,
      N_("Only this service"), N_("NAME") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &options.severity,
      N_("Only this severity (SEV1 to SEV4)"), N_("SEVERITY") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &options.status,
      N_("Only this status"), N_("STATUS") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from,
      N_("Only incidents detected from this date on"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options.to,
      N_("Only incidents detected up to this date"), N_("DATE") },
    { "spreadsheet", 0, 0, G_OPTION_ARG_NONE, &options.spreadsheet,
      N_("Write for spreadsheets (byte order mark, semicolons)"), NULL },
    { "sla-report", 0, 0, G_OPTION_ARG_FILENAME, &options.sla_report,
      N_("Write the SLA report to a CSV file (- for standard output)"),
      N_("OUT.csv") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &options.period,
      N_("Report period: 2025, 2025-Q1, 2025-03, 2025-03-09 or START/END"),
      N_("PERIOD") },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &options.time_zone,
      N_("Time zone for dates and periods (default: the system's)"),
      N_("ZONE") },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &options.summary,
      N_("Print counts by status, severity and service as JSON"), NULL },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &options.read_only,
      N_("Open the database in viewer mode"), NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options.demo,
      N_("Open the window on demo data"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Record IT incidents, measure SLAs and "
                                  "exchange CSV files."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  /* Parsing removes what it understood from a shallow copy, so argv
   * stays whole for the error messages.
   */
  {
    char **parsed = g_memdup2 (argv, sizeof (char *) * (argc + 1));
    gboolean ok = g_option_context_parse (context, &n_args, &parsed, &error);

    if (ok && n_args > 1)
      {
        g_autofree char *message = NULL;

        message = g_strdup_printf (_("“%s” is not expected here; options "
                                     "start with two dashes."),
                                   parsed[1]);
        g_free (parsed);
        return usage_error (message);
      }
    g_free (parsed);

    if (!ok)
      return explain_parse_error (entries, argc, argv, error);
  }

  status = check_values (&options);
  if (status != DESK_CLI_EXIT_OK)
    return status;

  status = check_combination (&options);
  if (status != DESK_CLI_EXIT_OK)
    return status;

  return desk_cli_actions_run (&options);
}
