/* desk-import-servicenow.c: ServiceNow incident event logs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file holds one row per audit event and several events per incident
 * number. The rules, field by field:
 *
 * - One incident per number, its reference the number. Its values come
 *   from the event with the highest sys_mod_count (the later row on a
 *   tie), whatever the file order. "?" and empty cells are missing.
 * - title: the file has no short description, so the title is built
 *   from category, subcategory and u_symptom ("Category 55 /
 *   Subcategory 170 / Symptom 72"); "Incident NUMBER" when all three are
 *   missing.
 * - service: cmdb_ci, else category, else "Unknown service" (warning).
 * - severity: priority "1 - Critical" … "4 - Low" (by its digit) to
 *   SEV1 … SEV4; anything else SEV3 (warning).
 * - impact: "1 - High" Outage, "2 - Medium" Degraded, "3 - Low" None;
 *   anything else, or none, None (warning).
 * - status: New → New, Active → Investigating, Awaiting User Info /
 *   Problem / Vendor / Evidence → On hold, Resolved, Closed; any other
 *   state (such as -100) keeps the status of the event before it (New
 *   for a first event), with a warning.
 * - times: opened_at → detected (else sys_created_at, else the first
 *   event's sys_updated_at, with a warning); acknowledged is the
 *   sys_updated_at of the first event whose state left New;
 *   resolved_at and closed_at as given. Dates are read as
 *   "dd-mm-yyyy HH:MM" or "d/m/yyyy HH:MM" (seconds optional) in the
 *   import's time zone.
 * - Fallbacks, each with a warning naming the line: a Resolved or
 *   Closed incident without resolved_at is resolved when its final run
 *   of Resolved/Closed events began; a Closed one without closed_at is
 *   closed when its final run of Closed events began; an incident still
 *   open keeps no resolved or closed time, a Resolved one no closed
 *   time; times out of order are moved up to the time before them
 *   (acknowledged, resolved no earlier than detected; acknowledged no
 *   later than resolved; closed no earlier than resolved).
 * - assignee: assigned_to; reporter: caller_id; resolution: closed_code;
 *   description: contact type, location, assignment group, urgency,
 *   opened by, resolved by, problem, change, vendor and caused by, one
 *   per line, where given.
 * - timeline: one entry per change of state, ordered by sys_mod_count,
 *   at the event's sys_updated_at by its sys_updated_by; the note keeps
 *   the ServiceNow state where it differs from ours.
 */

#define G_LOG_DOMAIN "desk-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-error.h"
#include "desk-import-private.h"

typedef enum
{
  C_NUMBER,
  C_STATE,
  C_MOD_COUNT,
  C_CALLER,
  C_OPENED_BY,
  C_OPENED_AT,
  C_CREATED_AT,
  C_UPDATED_BY,
  C_UPDATED_AT,
  C_CONTACT_TYPE,
  C_LOCATION,
  C_CATEGORY,
  C_SUBCATEGORY,
  C_SYMPTOM,
  C_CI,
  C_IMPACT,
  C_URGENCY,
  C_PRIORITY,
  C_GROUP,
  C_ASSIGNED_TO,
  C_PROBLEM,
  C_RFC,
  C_VENDOR,
  C_CAUSED_BY,
  C_CLOSED_CODE,
  C_RESOLVED_BY,
  C_RESOLVED_AT,
  C_CLOSED_AT,
  N_COLUMNS
} Column;

static const char * const column_names[N_COLUMNS] = {
  "number", "incident_state", "sys_mod_count", "caller_id", "opened_by",
  "opened_at", "sys_created_at", "sys_updated_by", "sys_updated_at",
  "contact_type", "location", "category", "subcategory", "u_symptom",
  "cmdb_ci", "impact", "urgency", "priority", "assignment_group",
  "assigned_to", "problem_id", "rfc", "vendor", "caused_by",
  "closed_code", "resolved_by", "resolved_at", "closed_at",
};

typedef struct
{
  guint   line;
  guint   order;
  gint64  mod_count;
  char   *values[N_COLUMNS];  /* NULL when missing */
} Event;

static void
event_free (gpointer data)
{
  Event *event = data;

  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (event->values[i]);
  g_free (event);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = *(Event * const *) a;
  const Event *eb = *(Event * const *) b;

  if (ea->mod_count != eb->mod_count)
    return ea->mod_count < eb->mod_count ? -1 : 1;

  return ea->order < eb->order ? -1 : ea->order > eb->order;
}

static const char *
value (const Event *event,
       Column       column)
{
  return event->values[column];
}

static char *
clean_value (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (*copy == '\0' || strcmp (copy, "?") == 0)
    return NULL;

  return g_steal_pointer (&copy);
}

/* Status */

typedef enum
{
  STATE_KNOWN,
  STATE_UNKNOWN,
} StateKind;

static StateKind
map_state (const char *state,
           DeskStatus *out)
{
  static const struct
  {
    const char *name;
    DeskStatus  status;
  } states[] = {
    { "New", DESK_STATUS_NEW },
    { "Active", DESK_STATUS_INVESTIGATING },
    { "Awaiting User Info", DESK_STATUS_ON_HOLD },
    { "Awaiting Problem", DESK_STATUS_ON_HOLD },
    { "Awaiting Vendor", DESK_STATUS_ON_HOLD },
    { "Awaiting Evidence", DESK_STATUS_ON_HOLD },
    { "Resolved", DESK_STATUS_RESOLVED },
    { "Closed", DESK_STATUS_CLOSED },
  };

  for (guint i = 0; state != NULL && i < G_N_ELEMENTS (states); i++)
    {
      if (g_ascii_strcasecmp (state, states[i].name) == 0)
        {
          *out = states[i].status;
          return STATE_KNOWN;
        }
    }

  return STATE_UNKNOWN;
}

/* Dates: "29-02-2016 01:16" and "29/2/2016 01:16" */

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *out)
{
  guint n = 0;
  int v = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  *out = v;

  return n >= min_digits && !g_ascii_isdigit (**p);
}

static gboolean
parse_date (const char *text,
            int        *year,
            int        *month,
            int        *day,
            int        *hour,
            int        *minute,
            int        *second)
{
  const char *p = text;
  char sep;

  *second = 0;
  if (!read_number (&p, 1, 2, day))
    return FALSE;
  sep = *p;
  if (sep != '-' && sep != '/')
    return FALSE;
  p++;
  if (!read_number (&p, 1, 2, month) || *p++ != sep)
    return FALSE;
  if (!read_number (&p, 4, 4, year))
    return FALSE;

  if (*p == '\0')
    {
      *hour = *minute = 0;
      return TRUE;
    }

  if (*p++ != ' ')
    return FALSE;
  while (*p == ' ')
    p++;
  if (!read_number (&p, 1, 2, hour) || *p++ != ':')
    return FALSE;
  if (!read_number (&p, 2, 2, minute))
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!read_number (&p, 2, 2, second))
        return FALSE;
    }

  return *p == '\0';
}

static gboolean
event_time (DeskImportContext *ctx,
            const Event       *event,
            Column             column,
            DeskField          field,
            gint64            *out)
{
  const char *text = value (event, column);
  int y, mo, d, h, mi, s;

  *out = DESK_TIME_NONE;
  if (text == NULL)
    return TRUE;

  /* ISO 8601 too, for exports that were converted on the way. */
  if (strlen (text) >= 5 && g_ascii_isdigit (text[0]) && text[4] == '-')
    return desk_import_parse_time (ctx, event->line, field, text, out);

  if (!parse_date (text, &y, &mo, &d, &h, &mi, &s))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” is not a date in the form 29-02-2016 "
                                   "01:16 or 29/2/2016 01:16."),
                                 text);
      desk_import_row_error (ctx, event->line, field, message);
      return FALSE;
    }

  return desk_import_local_time (ctx, event->line, field, text,
                                 y, mo, d, h, mi, s, out);
}

static void
warn (DeskImportContext *ctx,
      guint              line,
      DeskField          field,
      const char        *format,
      ...) G_GNUC_PRINTF (4, 5);

static void
warn (DeskImportContext *ctx,
      guint              line,
      DeskField          field,
      const char        *format,
      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  desk_import_row_warning (ctx, line, field, text);
}

static char *
build_title (const Event *last)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (value (last, C_CATEGORY))
    g_ptr_array_add (parts, (gpointer) value (last, C_CATEGORY));
  if (value (last, C_SUBCATEGORY))
    g_ptr_array_add (parts, (gpointer) value (last, C_SUBCATEGORY));
  if (value (last, C_SYMPTOM))
    g_ptr_array_add (parts, (gpointer) value (last, C_SYMPTOM));

  if (parts->len == 0)
    return g_strdup_printf ("Incident %s", value (last, C_NUMBER));

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" / ", (char **) parts->pdata);
}

static char *
build_description (const Event *last)
{
  static const struct
  {
    Column      column;
    const char *label;
  } lines[] = {
    { C_CONTACT_TYPE, "Contact type" },
    { C_LOCATION, "Location" },
    { C_GROUP, "Assignment group" },
    { C_URGENCY, "Urgency" },
    { C_OPENED_BY, "Opened by" },
    { C_RESOLVED_BY, "Resolved by" },
    { C_PROBLEM, "Problem" },
    { C_RFC, "Change" },
    { C_VENDOR, "Vendor" },
    { C_CAUSED_BY, "Caused by" },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const char *v = value (last, lines[i].column);

      if (v == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %s", lines[i].label, v);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static DeskSeverity
map_priority (DeskImportContext *ctx,
              const Event       *last)
{
  const char *text = value (last, C_PRIORITY);

  if (text != NULL && text[0] >= '1' && text[0] <= '4' &&
      !g_ascii_isdigit (text[1]))
    return (DeskSeverity) (DESK_SEVERITY_SEV1 + (text[0] - '1'));

  if (text == NULL)
    warn (ctx, last->line, DESK_FIELD_SEVERITY, "%s",
          _("The incident has no priority; it was given SEV3."));
  else
    warn (ctx, last->line, DESK_FIELD_SEVERITY,
          _("The priority “%s” is not 1 to 4; the incident was given SEV3."),
          text);

  return DESK_SEVERITY_SEV3;
}

static DeskImpact
map_impact (DeskImportContext *ctx,
            const Event       *last)
{
  const char *text = value (last, C_IMPACT);

  if (text != NULL && !g_ascii_isdigit (text[1]))
    {
      switch (text[0])
        {
        case '1':
          return DESK_IMPACT_OUTAGE;
        case '2':
          return DESK_IMPACT_DEGRADED;
        case '3':
          return DESK_IMPACT_NONE;
        default:
          break;
        }
    }

  if (text == NULL)
    warn (ctx, last->line, DESK_FIELD_IMPACT, "%s",
          _("The incident has no impact; it was given the impact None."));
  else
    warn (ctx, last->line, DESK_FIELD_IMPACT,
          _("The impact “%s” is not 1 to 3; the incident was given the impact "
            "None."),
          text);

  return DESK_IMPACT_NONE;
}

typedef struct
{
  DeskStatus status;
  gint64     at;
  gboolean   known;
} Step;

/* Walks the history in order: fills @timeline, the status of each step
 * and the times the incident first left New and last reached Resolved
 * and Closed.
 */
static void
walk_history (DeskImportContext *ctx,
              GPtrArray         *events,
              GPtrArray         *timeline,
              DeskStatus        *final,
              gint64            *acknowledged,
              gint64            *reached_resolved,
              gint64            *reached_closed)
{
  DeskStatus previous = DESK_STATUS_NEW;

  *acknowledged = DESK_TIME_NONE;
  *reached_resolved = DESK_TIME_NONE;
  *reached_closed = DESK_TIME_NONE;

  for (guint i = 0; i < events->len; i++)
    {
      const Event *event = events->pdata[i];
      const char *state = value (event, C_STATE);
      DeskStatus status = previous;
      gint64 at;

      if (map_state (state, &status) == STATE_UNKNOWN)
        warn (ctx, event->line, DESK_FIELD_STATUS,
              _("The state “%s” is not known; the status %s was kept."),
              state ? state : "", desk_status_to_string (previous));

      event_time (ctx, event, C_UPDATED_AT, DESK_FIELD_ACKNOWLEDGED_AT, &at);

      if (status != DESK_STATUS_NEW && *acknowledged == DESK_TIME_NONE)
        *acknowledged = at;

      if (desk_status_is_open (status))
        *reached_resolved = DESK_TIME_NONE;
      else if (*reached_resolved == DESK_TIME_NONE)
        *reached_resolved = at;

      if (status != DESK_STATUS_CLOSED)
        *reached_closed = DESK_TIME_NONE;
      else if (*reached_closed == DESK_TIME_NONE)
        *reached_closed = at;

      if ((i == 0 || status != previous) && at != DESK_TIME_NONE)
        {
          const char *name = desk_status_to_string (status);
          gboolean same = g_strcmp0 (name, state) == 0;

          const char *old = i == 0 ? "" : desk_status_to_string (previous);

          g_ptr_array_add (timeline,
                           desk_timeline_entry_new (at,
                                                    value (event, C_UPDATED_BY),
                                                    "status", old, name,
                                                    same ? "" : state));
        }

      previous = status;
    }

  *final = previous;
}

static void
fix_times (DeskImportContext *ctx,
           const Event       *last,
           DeskIncident      *incident,
           gint64             reached_resolved,
           gint64             reached_closed)
{
  guint line = last->line;
  DeskStatus status = incident->status;

  if (desk_status_is_open (status))
    {
      if (incident->resolved_at != DESK_TIME_NONE ||
          incident->closed_at != DESK_TIME_NONE)
        warn (ctx, line, DESK_FIELD_RESOLVED_AT, "%s",
              _("The incident is still open, so its resolved and closed times "
                "were left out."));
      incident->resolved_at = DESK_TIME_NONE;
      incident->closed_at = DESK_TIME_NONE;
    }
  else
    {
      if (incident->resolved_at == DESK_TIME_NONE)
        {
          incident->resolved_at = reached_resolved;
          warn (ctx, line, DESK_FIELD_RESOLVED_AT, "%s",
                _("The incident has no resolved time; the time it was first "
                  "marked resolved was used."));
        }

      if (status == DESK_STATUS_RESOLVED &&
          incident->closed_at != DESK_TIME_NONE)
        {
          incident->closed_at = DESK_TIME_NONE;
          warn (ctx, line, DESK_FIELD_CLOSED_AT, "%s",
                _("The incident is resolved but not closed, so its closed time "
                  "was left out."));
        }
      else if (status == DESK_STATUS_CLOSED &&
               incident->closed_at == DESK_TIME_NONE)
        {
          incident->closed_at = reached_closed;
          warn (ctx, line, DESK_FIELD_CLOSED_AT, "%s",
                _("The incident has no closed time; the time it was marked "
                  "closed was used."));
        }
    }

  if (incident->acknowledged_at != DESK_TIME_NONE &&
      incident->acknowledged_at < incident->detected_at)
    {
      incident->acknowledged_at = incident->detected_at;
      warn (ctx, line, DESK_FIELD_ACKNOWLEDGED_AT, "%s",
            _("The incident left New before it was opened; the opening time "
              "was used."));
    }

  if (incident->resolved_at != DESK_TIME_NONE &&
      incident->resolved_at < incident->detected_at)
    {
      incident->resolved_at = incident->detected_at;
      warn (ctx, line, DESK_FIELD_RESOLVED_AT, "%s",
            _("The resolved time is before the opening time; the opening time "
              "was used."));
    }

  if (incident->resolved_at != DESK_TIME_NONE &&
      incident->acknowledged_at != DESK_TIME_NONE &&
      incident->acknowledged_at > incident->resolved_at)
    {
      incident->acknowledged_at = incident->resolved_at;
      warn (ctx, line, DESK_FIELD_ACKNOWLEDGED_AT, "%s",
            _("The incident left New after it was resolved; the resolved time "
              "was used."));
    }

  if (incident->closed_at != DESK_TIME_NONE &&
      incident->resolved_at != DESK_TIME_NONE &&
      incident->closed_at < incident->resolved_at)
    {
      incident->closed_at = incident->resolved_at;
      warn (ctx, line, DESK_FIELD_CLOSED_AT, "%s",
            _("The closed time is before the resolved time; the resolved time "
              "was used."));
    }
}

static gboolean
import_number (DeskImportContext  *ctx,
               GPtrArray          *events,
               GError            **error)
{
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GPtrArray) timeline = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  const Event *last;
  const char *service;
  gint64 reached_resolved, reached_closed;
  guint errors = ctx->report->n_errors;

  g_ptr_array_sort (events, compare_events);
  last = events->pdata[events->len - 1];

  timeline = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                             desk_timeline_entry_free);
  walk_history (ctx, events, timeline, &incident->status,
                &incident->acknowledged_at, &reached_resolved,
                &reached_closed);

  title = build_title (last);
  description = build_description (last);
  service = value (last, C_CI) ? value (last, C_CI) : value (last, C_CATEGORY);
  if (service == NULL)
    {
      service = "Unknown service";
      warn (ctx, last->line, DESK_FIELD_SERVICE, "%s",
            _("The incident has neither a configuration item nor a category; "
              "it was put under “Unknown service”."));
    }

  desk_incident_set_string (incident, DESK_FIELD_REFERENCE,
                            value (last, C_NUMBER));
  desk_incident_set_string (incident, DESK_FIELD_TITLE, title);
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, service);
  desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION, description);
  desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE,
                            value (last, C_ASSIGNED_TO));
  desk_incident_set_string (incident, DESK_FIELD_REPORTER,
                            value (last, C_CALLER));
  desk_incident_set_string (incident, DESK_FIELD_RESOLUTION,
                            value (last, C_CLOSED_CODE));
  incident->severity = map_priority (ctx, last);
  incident->impact = map_impact (ctx, last);

  event_time (ctx, last, C_OPENED_AT, DESK_FIELD_DETECTED_AT,
              &incident->detected_at);
  if (incident->detected_at == DESK_TIME_NONE)
    {
      const Event *first = events->pdata[0];

      event_time (ctx, last, C_CREATED_AT, DESK_FIELD_DETECTED_AT,
                  &incident->detected_at);
      if (incident->detected_at == DESK_TIME_NONE)
        event_time (ctx, first, C_UPDATED_AT, DESK_FIELD_DETECTED_AT,
                    &incident->detected_at);
      warn (ctx, last->line, DESK_FIELD_DETECTED_AT, "%s",
            _("The incident has no opening time; the time it was created was "
              "used."));
    }

  event_time (ctx, last, C_RESOLVED_AT, DESK_FIELD_RESOLVED_AT,
              &incident->resolved_at);
  event_time (ctx, last, C_CLOSED_AT, DESK_FIELD_CLOSED_AT,
              &incident->closed_at);

  if (ctx->report->n_errors > errors)
    return TRUE;

  fix_times (ctx, last, incident, reached_resolved, reached_closed);

  return desk_import_put (ctx, last->line, incident, timeline, error);
}

gboolean
desk_import_run_servicenow (DeskImportContext  *ctx,
                            DeskCsvReader      *reader,
                            const char * const *header,
                            guint               n_columns,
                            GError            **error)
{
  g_autoptr(GHashTable) by_number = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  int index[N_COLUMNS];
  const char **fields;
  guint n, order = 0;

  for (guint i = 0; i < N_COLUMNS; i++)
    index[i] = desk_import_find_column (header, n_columns, column_names[i]);

  ctx->columns[DESK_FIELD_REFERENCE] = "number";
  ctx->columns[DESK_FIELD_STATUS] = "incident_state";
  ctx->columns[DESK_FIELD_DETECTED_AT] = "opened_at";
  ctx->columns[DESK_FIELD_RESOLVED_AT] = "resolved_at";
  ctx->columns[DESK_FIELD_CLOSED_AT] = "closed_at";
  ctx->columns[DESK_FIELD_SEVERITY] = "priority";
  ctx->columns[DESK_FIELD_IMPACT] = "impact";
  ctx->columns[DESK_FIELD_SERVICE] = "cmdb_ci";
  ctx->columns[DESK_FIELD_ASSIGNEE] = "assigned_to";
  ctx->columns[DESK_FIELD_REPORTER] = "caller_id";
  ctx->columns[DESK_FIELD_RESOLUTION] = "closed_code";
  ctx->columns[DESK_FIELD_ACKNOWLEDGED_AT] = "sys_updated_at";

  by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_ptr_array_unref);

  while (desk_csv_reader_next (reader, &fields, &n, ctx->cancellable, error))
    {
      Event *event = g_new0 (Event, 1);
      GPtrArray *events;
      const char *mod;
      char *end = NULL;

      ctx->report->n_rows++;
      if (!desk_import_tick (ctx, error))
        {
          event_free (event);
          return FALSE;
        }

      event->line = desk_csv_reader_get_line (reader);
      event->order = order++;
      for (guint i = 0; i < N_COLUMNS; i++)
        {
          if (index[i] >= 0 && (guint) index[i] < n)
            event->values[i] = clean_value (fields[index[i]]);
        }

      if (value (event, C_NUMBER) == NULL)
        {
          desk_import_row_error (ctx, event->line, DESK_FIELD_REFERENCE,
                                 _("The row has no incident number."));
          event_free (event);
          continue;
        }

      mod = value (event, C_MOD_COUNT);
      if (mod != NULL)
        event->mod_count = g_ascii_strtoll (mod, &end, 10);
      if (end == NULL || *end != '\0')
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (_("The modification count “%s” is not a "
                                    "whole number."),
                                  mod ? mod : "");
          desk_import_message (ctx, event->line, DESK_FIELD_NONE,
                               DESK_IMPORT_ERROR, _("Line %u, %s: %s"),
                               event->line, "sys_mod_count", text);
          event_free (event);
          continue;
        }

      events = g_hash_table_lookup (by_number, value (event, C_NUMBER));
      if (events == NULL)
        {
          events = g_ptr_array_new_with_free_func (event_free);
          g_hash_table_insert (by_number, g_strdup (value (event, C_NUMBER)),
                               events);
          g_ptr_array_add (numbers, events);
        }
      g_ptr_array_add (events, event);
    }

  if (*error != NULL)
    return FALSE;

  for (guint i = 0; i < numbers->len; i++)
    {
      if (!import_number (ctx, numbers->pdata[i], error))
        return FALSE;
      if (i % 1000 == 999 &&
          g_cancellable_set_error_if_cancelled (ctx->cancellable, NULL))
        {
          g_set_error_literal (error, DESK_ERROR, DESK_ERROR_CANCELLED,
                               _("The import was cancelled."));
          return FALSE;
        }
    }

  return TRUE;
}
