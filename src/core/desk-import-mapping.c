/* desk-import-mapping.c: any CSV through a column mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mapping's groups are described in desk-import.h. A value is looked
 * up in [values:FIELD] first (ignoring letter case), then read as it is.
 * The [options] time_zone is used when the import was given no zone.
 */

#define G_LOG_DOMAIN "desk-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-error.h"
#include "desk-import-private.h"

typedef enum
{
  KIND_TEXT,
  KIND_VOCABULARY,
  KIND_TIME,
} Kind;

static const struct
{
  const char *name;
  DeskField   field;
  Kind        kind;
} fields[] = {
  { "reference", DESK_FIELD_REFERENCE, KIND_TEXT },
  { "title", DESK_FIELD_TITLE, KIND_TEXT },
  { "service", DESK_FIELD_SERVICE, KIND_TEXT },
  { "severity", DESK_FIELD_SEVERITY, KIND_VOCABULARY },
  { "impact", DESK_FIELD_IMPACT, KIND_VOCABULARY },
  { "status", DESK_FIELD_STATUS, KIND_VOCABULARY },
  { "detected_at", DESK_FIELD_DETECTED_AT, KIND_TIME },
  { "acknowledged_at", DESK_FIELD_ACKNOWLEDGED_AT, KIND_TIME },
  { "impact_start", DESK_FIELD_IMPACT_START, KIND_TIME },
  { "impact_end", DESK_FIELD_IMPACT_END, KIND_TIME },
  { "resolved_at", DESK_FIELD_RESOLVED_AT, KIND_TIME },
  { "closed_at", DESK_FIELD_CLOSED_AT, KIND_TIME },
  { "assignee", DESK_FIELD_ASSIGNEE, KIND_TEXT },
  { "reporter", DESK_FIELD_REPORTER, KIND_TEXT },
  { "description", DESK_FIELD_DESCRIPTION, KIND_TEXT },
  { "root_cause", DESK_FIELD_ROOT_CAUSE, KIND_TEXT },
  { "five_whys", DESK_FIELD_FIVE_WHYS, KIND_TEXT },
  { "contributing_factor", DESK_FIELD_FACTOR, KIND_VOCABULARY },
  { "workaround", DESK_FIELD_WORKAROUND, KIND_TEXT },
  { "resolution", DESK_FIELD_RESOLUTION, KIND_TEXT },
  { "problem", DESK_FIELD_PROBLEM, KIND_TEXT },
};

#define N_MAPPED G_N_ELEMENTS (fields)

static int
find_field (const char *name)
{
  for (guint i = 0; i < N_MAPPED; i++)
    {
      if (strcmp (fields[i].name, name) == 0)
        return (int) i;
    }

  return -1;
}

static gboolean
check_field_keys (GKeyFile    *mapping,
                  const char  *group,
                  GError     **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (mapping, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (find_field (keys[i]) < 0)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                       _("The mapping names “%s” in [%s], which is not a field "
                         "of an incident."),
                       keys[i], group);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_options (GKeyFile  *mapping,
               GError   **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (mapping, "options", NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (strcmp (keys[i], "time_zone") == 0)
        {
          g_autofree char *zone = g_key_file_get_string (mapping, "options",
                                                         keys[i], NULL);
          g_autoptr(GTimeZone) tz = desk_time_zone_new (zone, error);

          if (tz == NULL)
            return FALSE;
        }
      else if (strcmp (keys[i], "date_format") != 0 &&
               strcmp (keys[i], "separator") != 0)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                       _("The mapping has an unknown option “%s”."), keys[i]);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
desk_import_mapping_validate (GKeyFile  *mapping,
                              GError   **error)
{
  g_auto(GStrv) groups = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (mapping != NULL, FALSE);

  /* GKeyFile takes group and key names as they come; our messages
   * quote them, so they must be text.
   */
  text = g_key_file_to_data (mapping, NULL, NULL);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_PARSE,
                           _("The mapping file is not UTF-8 text."));
      return FALSE;
    }

  groups = g_key_file_get_groups (mapping, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];

      if (strcmp (group, "columns") == 0 || strcmp (group, "constants") == 0)
        {
          if (!check_field_keys (mapping, group, error))
            return FALSE;
        }
      else if (g_str_has_prefix (group, "values:"))
        {
          int f = find_field (group + strlen ("values:"));

          if (f < 0 || fields[f].kind == KIND_TIME)
            {
              g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                           _("The mapping has a group [%s], but “%s” is not a "
                             "field whose values can be translated."),
                           group, group + strlen ("values:"));
              return FALSE;
            }
        }
      else if (strcmp (group, "options") == 0)
        {
          if (!check_options (mapping, error))
            return FALSE;
        }
      else if (strcmp (group, "skip") != 0)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                       _("The mapping has an unknown group [%s]."), group);
          return FALSE;
        }
    }

  if (!g_key_file_has_group (mapping, "columns"))
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_PARSE,
                           _("The mapping has no [columns] group naming the "
                             "columns to read."));
      return FALSE;
    }

  return TRUE;
}

GKeyFile *
desk_import_mapping_load (const char  *path,
                          GError     **error)
{
  g_autoptr(GKeyFile) mapping = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (mapping, path, G_KEY_FILE_NONE,
                                  &local_error))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_debug ("Cannot load mapping %s: %s", path, local_error->message);
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                     _("The mapping file “%s” does not exist."), name);
      else if (local_error->domain == G_KEY_FILE_ERROR)
        g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                     _("The mapping file “%s” is not in the key file format."),
                     name);
      else
        g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                     _("The mapping file “%s” could not be read."), name);
      return NULL;
    }

  if (!desk_import_mapping_validate (mapping, error))
    return NULL;

  return g_steal_pointer (&mapping);
}

gboolean
desk_import_mapping_save (GKeyFile    *mapping,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_key_file_save_to_file (mapping, path, &local_error))
    return TRUE;

  g_debug ("Cannot save mapping %s: %s", path, local_error->message);
  g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
               _("The mapping could not be saved."));

  return FALSE;
}

/* Dates in a date_format */

static gboolean
read_digits (const char **p,
             guint        max,
             int         *out)
{
  guint n = 0;

  *out = 0;
  while (n < max && g_ascii_isdigit (**p))
    {
      *out = *out * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  return n > 0;
}

static gboolean
parse_with_format (const char *text,
                   const char *format,
                   int        *parts)
{
  const char *p = text;

  /* year, month, day, hour, minute, second */
  parts[0] = 0;
  parts[1] = parts[2] = 1;
  parts[3] = parts[4] = parts[5] = 0;

  for (const char *f = format; *f; f++)
    {
      if (*f == '%' && f[1] != '\0')
        {
          const char *spec = strchr ("YmdHMS", f[1]);

          f++;
          if (*f == '%')
            {
              if (*p++ != '%')
                return FALSE;
              continue;
            }
          if (spec == NULL)
            return FALSE;
          if (!read_digits (&p, *f == 'Y' ? 4 : 2, &parts[spec - "YmdHMS"]))
            return FALSE;
        }
      else if (*p++ != *f)
        return FALSE;
    }

  while (*p == ' ')
    p++;

  return *p == '\0';
}

/* The mapping, resolved against the header */

typedef struct
{
  int          column;     /* -1: none */
  char        *constant;
  GHashTable  *values;     /* casefolded source value → our value */
} FieldPlan;

typedef struct
{
  int    column;
  char **values;
} SkipRule;

typedef struct
{
  FieldPlan  plans[N_MAPPED];
  GArray    *skips;
  char      *date_format;
  GTimeZone *tz;
} Plan;

static void
plan_clear (Plan *plan)
{
  for (guint i = 0; i < N_MAPPED; i++)
    {
      g_free (plan->plans[i].constant);
      g_clear_pointer (&plan->plans[i].values, g_hash_table_unref);
    }

  for (guint i = 0; plan->skips && i < plan->skips->len; i++)
    g_strfreev (g_array_index (plan->skips, SkipRule, i).values);
  g_clear_pointer (&plan->skips, g_array_unref);
  g_free (plan->date_format);
  g_clear_pointer (&plan->tz, g_time_zone_unref);
}

static int
header_column (const char * const  *header,
               guint                n_columns,
               const char          *name,
               const char          *purpose,
               GError             **error)
{
  int column = desk_import_find_column (header, n_columns, name);

  if (column < 0)
    g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                 _("The file has no column “%s”, which the mapping names for "
                   "%s."),
                 name, purpose);

  return column;
}

static GHashTable *
load_values (GKeyFile   *mapping,
             const char *group)
{
  g_auto(GStrv) keys = g_key_file_get_keys (mapping, group, NULL, NULL);
  GHashTable *values;

  if (keys == NULL)
    return NULL;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; keys[i] != NULL; i++)
    g_hash_table_insert (values, g_utf8_casefold (keys[i], -1),
                         g_key_file_get_string (mapping, group, keys[i], NULL));

  return values;
}

static gboolean
plan_build (Plan                *plan,
            DeskImportContext   *ctx,
            GKeyFile            *mapping,
            const char * const  *header,
            guint                n_columns,
            GError             **error)
{
  g_auto(GStrv) skip_keys = NULL;
  g_autofree char *zone = NULL;

  for (guint i = 0; i < N_MAPPED; i++)
    {
      FieldPlan *fp = &plan->plans[i];
      g_autofree char *column = NULL;
      g_autofree char *group = g_strconcat ("values:", fields[i].name, NULL);

      fp->column = -1;
      column = g_key_file_get_string (mapping, "columns", fields[i].name, NULL);
      if (column != NULL)
        {
          fp->column = header_column (header, n_columns, column,
                                      fields[i].name, error);
          if (fp->column < 0)
            return FALSE;
          ctx->columns[fields[i].field] = header[fp->column];
        }

      fp->constant = g_key_file_get_string (mapping, "constants",
                                            fields[i].name, NULL);
      fp->values = load_values (mapping, group);
    }

  plan->skips = g_array_new (FALSE, FALSE, sizeof (SkipRule));
  skip_keys = g_key_file_get_keys (mapping, "skip", NULL, NULL);
  for (guint i = 0; skip_keys != NULL && skip_keys[i] != NULL; i++)
    {
      SkipRule rule;

      rule.column = header_column (header, n_columns, skip_keys[i],
                                   _("skipping rows"), error);
      if (rule.column < 0)
        return FALSE;
      rule.values = g_key_file_get_string_list (mapping, "skip", skip_keys[i],
                                                NULL, NULL);
      for (guint j = 0; rule.values != NULL && rule.values[j] != NULL; j++)
        g_strstrip (rule.values[j]);
      g_array_append_val (plan->skips, rule);
    }

  plan->date_format = g_key_file_get_string (mapping, "options",
                                             "date_format", NULL);
  zone = g_key_file_get_string (mapping, "options", "time_zone", NULL);
  if (zone != NULL && !ctx->tz_given)
    {
      plan->tz = desk_time_zone_new (zone, error);
      if (plan->tz == NULL)
        return FALSE;
      ctx->tz = plan->tz;
    }

  return TRUE;
}

static gboolean
row_skipped (Plan        *plan,
             const char **row,
             guint        n)
{
  for (guint i = 0; i < plan->skips->len; i++)
    {
      SkipRule *rule = &g_array_index (plan->skips, SkipRule, i);
      const char *cell = (guint) rule->column < n ? row[rule->column] : "";

      for (guint j = 0; rule->values && rule->values[j]; j++)
        {
          if (g_ascii_strcasecmp (rule->values[j], cell) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static void
apply_time (DeskImportContext *ctx,
            Plan              *plan,
            guint              line,
            DeskIncident      *incident,
            DeskField          field,
            const char        *text)
{
  int parts[6];
  gint64 instant = DESK_TIME_NONE;

  if (plan->date_format == NULL || *text == '\0')
    {
      if (desk_import_parse_time (ctx, line, field, text, &instant))
        desk_incident_set_time (incident, field, instant);
      return;
    }

  if (!parse_with_format (text, plan->date_format, parts))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” does not match the date format “%s” "
                                   "of the mapping."),
                                 text, plan->date_format);
      desk_import_row_error (ctx, line, field, message);
      return;
    }

  if (desk_import_local_time (ctx, line, field, text, parts[0], parts[1],
                              parts[2], parts[3], parts[4], parts[5],
                              &instant))
    desk_incident_set_time (incident, field, instant);
}

static void
read_mapped_row (DeskImportContext  *ctx,
                 Plan               *plan,
                 guint               line,
                 const char        **row,
                 guint               n,
                 DeskIncident       *incident)
{
  gboolean has_severity = FALSE;

  incident->status = DESK_STATUS_NEW;
  incident->impact = DESK_IMPACT_NONE;
  incident->factor = DESK_FACTOR_UNSET;

  for (guint i = 0; i < N_MAPPED; i++)
    {
      FieldPlan *fp = &plan->plans[i];
      DeskField field = fields[i].field;
      const char *text = NULL;

      if (fp->column >= 0)
        text = (guint) fp->column < n ? row[fp->column] : "";
      if ((text == NULL || *text == '\0') && fp->constant != NULL)
        text = fp->constant;
      if (text == NULL)
        continue;

      if (fp->values != NULL)
        {
          g_autofree char *key = g_utf8_casefold (text, -1);
          const char *mapped = g_hash_table_lookup (fp->values, key);

          if (mapped != NULL)
            text = mapped;
        }

      switch (fields[i].kind)
        {
        case KIND_TEXT:
          desk_incident_set_string (incident, field, text);
          break;

        case KIND_TIME:
          apply_time (ctx, plan, line, incident, field, text);
          break;

        case KIND_VOCABULARY:
          if (*text == '\0' && field != DESK_FIELD_FACTOR)
            break;
          if (field == DESK_FIELD_SEVERITY)
            has_severity = TRUE;
          desk_import_set_vocabulary (ctx, line, incident, field, text);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (!has_severity)
    desk_import_row_error (ctx, line, DESK_FIELD_SEVERITY,
                           _("The row has no severity."));
}

gboolean
desk_import_run_mapped (DeskImportContext  *ctx,
                        DeskCsvReader      *reader,
                        const char * const *header,
                        guint               n_columns,
                        GKeyFile           *mapping,
                        GError            **error)
{
  Plan plan = { 0 };
  const char **row;
  guint n;
  gboolean ok = FALSE;

  if (!plan_build (&plan, ctx, mapping, header, n_columns, error))
    goto out;

  while (desk_csv_reader_next (reader, &row, &n, ctx->cancellable, error))
    {
      g_autoptr(DeskIncident) incident = NULL;
      guint line = desk_csv_reader_get_line (reader);
      guint errors = ctx->report->n_errors;

      ctx->report->n_rows++;
      if (!desk_import_tick (ctx, error))
        goto out;

      if (row_skipped (&plan, row, n))
        {
          ctx->report->n_skipped++;
          continue;
        }

      incident = desk_incident_new ();
      read_mapped_row (ctx, &plan, line, row, n, incident);
      if (ctx->report->n_errors > errors)
        continue;

      if (!desk_import_put (ctx, line, incident, NULL, error))
        goto out;
    }

  ok = *error == NULL;

out:
  plan_clear (&plan);

  return ok;
}
