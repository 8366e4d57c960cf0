/* desk-sla-calculator.c: period, downtime and target in, SLA figures out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-sla-calculator"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "desk-sla.h"
#include "desk-time.h"

#include "desk-sla-calculator.h"

#define SECONDS_PER_DAY  86400.0
#define SECONDS_PER_HOUR  3600.0

/* A custom period longer than this is a typing mistake, and a length
 * beyond gint64 seconds cannot be computed with at all.
 */
#define MAX_PERIOD_SECONDS (1000 * 366 * SECONDS_PER_DAY)

struct _DeskSlaCalculator
{
  AdwBin       parent_instance;

  AdwComboRow *period_row;
  AdwEntryRow *custom_row;
  AdwEntryRow *downtime_row;
  AdwEntryRow *target_row;
  GtkLabel    *message_label;
  GtkLabel    *hint_label;
  GtkWidget   *results_group;
  GtkLabel    *period_label;
  GtkLabel    *uptime_label;
  GtkLabel    *allowed_label;
  GtkLabel    *budget_label;
  GtkWidget   *used_row;
  GtkLabel    *used_label;
  GtkLabel    *state_label;
};

G_DEFINE_FINAL_TYPE (DeskSlaCalculator, desk_sla_calculator, ADW_TYPE_BIN)

/* The lengths offered in the period row, in days; the last item is
 * Custom.
 */
static const guint period_days[] = { 1, 7, 30, 90, 365 };

static const char * const state_classes[] = {
  "sla-met", "sla-at-risk", "sla-breached",
};

static const struct
{
  const char *name;
  double      seconds;
} units[] = {
  /* English and Indonesian words, and the abbreviations the figures are
   * shown with in both ("43 min 12 s", "43 mnt 12 dtk"), so a figure can
   * be copied back in.
   */
  { "d", SECONDS_PER_DAY }, { "day", SECONDS_PER_DAY },
  { "days", SECONDS_PER_DAY }, { "hari", SECONDS_PER_DAY },
  { "h", SECONDS_PER_HOUR }, { "hr", SECONDS_PER_HOUR },
  { "hrs", SECONDS_PER_HOUR }, { "hour", SECONDS_PER_HOUR },
  { "hours", SECONDS_PER_HOUR }, { "jam", SECONDS_PER_HOUR },
  { "m", 60 }, { "min", 60 }, { "mins", 60 }, { "minute", 60 },
  { "minutes", 60 }, { "menit", 60 }, { "mnt", 60 },
  { "s", 1 }, { "sec", 1 }, { "secs", 1 }, { "second", 1 },
  { "seconds", 1 }, { "detik", 1 }, { "dtk", 1 },
};

static const char *
skip_spaces (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;

  return p;
}

/* A non-negative decimal number with "." or "," as the decimal mark,
 * read without regard to the locale.
 */
static gboolean
read_number (const char **pp,
             double      *out)
{
  const char *p = *pp;
  double value = 0;
  double scale = 1;
  gboolean digits = FALSE;

  for (; g_ascii_isdigit (*p); p++, digits = TRUE)
    value = value * 10 + (*p - '0');

  if (*p == '.' || *p == ',')
    {
      for (p++; g_ascii_isdigit (*p); p++, digits = TRUE)
        {
          scale /= 10;
          value += (*p - '0') * scale;
        }
    }

  if (!digits)
    return FALSE;

  *pp = p;
  *out = value;

  return TRUE;
}

static gboolean
read_unit (const char **pp,
           double      *out)
{
  const char *p = *pp;
  const char *start = p;

  while (g_ascii_isalpha (*p))
    p++;

  if (p == start)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (strlen (units[i].name) == (gsize) (p - start) &&
          g_ascii_strncasecmp (units[i].name, start, p - start) == 0)
        {
          *pp = p;
          *out = units[i].seconds;

          return TRUE;
        }
    }

  return FALSE;
}

gboolean
desk_sla_parse_duration (const char *text,
                         double      bare_unit,
                         double     *out_seconds)
{
  const char *p;
  double total = 0;
  guint n_parts = 0;

  g_return_val_if_fail (out_seconds != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (p = skip_spaces (text); *p != '\0'; p = skip_spaces (p))
    {
      double number;
      double unit;

      if (!read_number (&p, &number))
        return FALSE;

      p = skip_spaces (p);

      /* A number without a unit is only understood on its own. */
      if (!read_unit (&p, &unit))
        {
          if (n_parts > 0 || *skip_spaces (p) != '\0')
            return FALSE;
          unit = bare_unit;
        }

      total += number * unit;
      n_parts++;
    }

  if (n_parts == 0)
    return FALSE;

  *out_seconds = total;

  return TRUE;
}

gboolean
desk_sla_parse_percent (const char *text,
                        double     *out_percent)
{
  const char *p;
  double value;

  g_return_val_if_fail (out_percent != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  p = skip_spaces (text);
  if (!read_number (&p, &value))
    return FALSE;

  p = skip_spaces (p);
  if (*p == '%')
    p = skip_spaces (p + 1);

  if (*p != '\0')
    return FALSE;

  *out_percent = value;

  return TRUE;
}

char *
desk_sla_format_percent (double percent)
{
  /* TRANSLATORS: an uptime such as "99.90046 %" */
  return g_strdup_printf (_("%.5f %%"), percent);
}

char *
desk_sla_format_duration (double seconds)
{
  gint64 whole = llround (MAX (seconds, 0));
  gint64 rest = whole % 60;
  g_autofree char *minutes = NULL;
  g_autofree char *rest_text = NULL;

  if (whole < 60 || rest == 0 || whole >= SECONDS_PER_DAY)
    return desk_duration_format (whole);

  minutes = desk_duration_format (whole - rest);
  rest_text = desk_duration_format (rest);

  /* TRANSLATORS: a duration and its seconds, "43 min" and "12 s" */
  return g_strdup_printf (_("%s %s"), minutes, rest_text);
}

gboolean
desk_sla_budget_is_over (double budget_seconds)
{
  return budget_seconds <= -0.5;
}

char *
desk_sla_format_budget (double budget_seconds)
{
  g_autofree char *budget = desk_sla_format_duration (fabs (budget_seconds));

  if (!desk_sla_budget_is_over (budget_seconds))
    return g_steal_pointer (&budget);

  /* TRANSLATORS: the downtime went past the allowed downtime by this much */
  return g_strdup_printf (_("%s over"), budget);
}

static void
set_state_class (GtkWidget    *widget,
                 DeskSlaState  state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (widget, state_classes[i]);

  if ((guint) state < G_N_ELEMENTS (state_classes))
    gtk_widget_add_css_class (widget, state_classes[state]);
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static gboolean
read_period (DeskSlaCalculator  *self,
             double             *out_seconds,
             GString            *problems)
{
  guint selected = adw_combo_row_get_selected (self->period_row);
  const char *text;
  double seconds;

  gtk_widget_set_visible (GTK_WIDGET (self->custom_row),
                          selected >= G_N_ELEMENTS (period_days));

  if (selected < G_N_ELEMENTS (period_days))
    {
      set_row_error (self->custom_row, FALSE);
      *out_seconds = period_days[selected] * SECONDS_PER_DAY;

      return TRUE;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->custom_row));
  if (!desk_sla_parse_duration (text, SECONDS_PER_DAY, &seconds) ||
      seconds < 1 || seconds > MAX_PERIOD_SECONDS)
    {
      set_row_error (self->custom_row, *text != '\0');
      if (*text != '\0')
        g_string_append_printf (problems, "%s\n",
                                _("Enter the length of the period, such as "
                                  "30 d or 12 h."));

      return FALSE;
    }

  set_row_error (self->custom_row, FALSE);
  *out_seconds = floor (seconds);

  return TRUE;
}

static void
show_figures (DeskSlaCalculator *self,
              gint64             period_seconds,
              double             downtime_seconds,
              double             target)
{
  DeskAvailability figures;
  g_autofree char *period = NULL;
  g_autofree char *uptime = NULL;
  g_autofree char *allowed = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *used = NULL;

  desk_availability_compute (period_seconds, downtime_seconds, target,
                             &figures);

  period = desk_duration_format (period_seconds);
  uptime = desk_sla_format_percent (figures.uptime_percent);
  allowed = desk_sla_format_duration (figures.allowed_seconds);
  budget = desk_sla_format_budget (figures.budget_seconds);

  gtk_label_set_text (self->period_label, period);
  gtk_label_set_text (self->uptime_label, uptime);
  gtk_label_set_text (self->allowed_label, allowed);
  gtk_label_set_text (self->budget_label, budget);
  gtk_label_set_text (self->state_label,
                      desk_sla_state_label (figures.state));
  set_state_class (GTK_WIDGET (self->state_label), figures.state);

  gtk_widget_set_visible (self->used_row, figures.allowed_seconds > 0);
  if (figures.allowed_seconds > 0)
    {
      /* TRANSLATORS: the share of the allowed downtime used, "99.5 %" */
      used = g_strdup_printf (_("%.1f %%"),
                              100.0 * downtime_seconds /
                              figures.allowed_seconds);
      gtk_label_set_text (self->used_label, used);
    }
}

static void
desk_sla_calculator_update (DeskSlaCalculator *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *downtime_text;
  const char *target_text;
  double period_seconds = 0;
  double downtime = 0;
  double target = 0;
  gboolean have_period;
  gboolean have_downtime;
  gboolean have_target;

  have_period = read_period (self, &period_seconds, problems);

  downtime_text = gtk_editable_get_text (GTK_EDITABLE (self->downtime_row));
  have_downtime = desk_sla_parse_duration (downtime_text, 60, &downtime);
  if (!have_downtime && *downtime_text != '\0')
    g_string_append_printf (problems, "%s\n",
                            _("Enter the downtime in minutes, such as 43 "
                              "or 1 h 5 min."));
  else if (have_downtime && have_period && downtime > period_seconds)
    {
      g_string_append_printf (problems, "%s\n",
                              _("The downtime cannot be longer than the "
                                "period."));
      have_downtime = FALSE;
    }
  set_row_error (self->downtime_row,
                 !have_downtime && *downtime_text != '\0');

  target_text = gtk_editable_get_text (GTK_EDITABLE (self->target_row));
  have_target = desk_sla_parse_percent (target_text, &target) &&
                target > 0 && target <= 100;
  if (!have_target && *target_text != '\0')
    g_string_append_printf (problems, "%s\n",
                            _("Enter a target above 0 and up to 100, such "
                              "as 99.9."));
  set_row_error (self->target_row, !have_target && *target_text != '\0');

  if (problems->len > 0)
    g_string_truncate (problems, problems->len - 1);

  gtk_label_set_text (self->message_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label),
                          problems->len > 0);
  if (!have_downtime)
    gtk_label_set_text (self->hint_label,
                        _("Type a downtime to see the uptime, the allowed "
                          "downtime and the state."));
  else
    gtk_label_set_text (self->hint_label,
                        _("Type a target to see the uptime, the allowed "
                          "downtime and the state."));
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label),
                          problems->len == 0 &&
                          !(have_period && have_downtime && have_target));

  if (have_period && have_downtime && have_target)
    show_figures (self, (gint64) period_seconds, downtime, target);

  gtk_widget_set_visible (self->results_group,
                          have_period && have_downtime && have_target);
}

static void
on_input_changed (DeskSlaCalculator *self)
{
  desk_sla_calculator_update (self);
}

static void
desk_sla_calculator_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object),
                               DESK_TYPE_SLA_CALCULATOR);

  G_OBJECT_CLASS (desk_sla_calculator_parent_class)->dispose (object);
}

static void
desk_sla_calculator_class_init (DeskSlaCalculatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_sla_calculator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/desk-sla-calculator.ui");

  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, period_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, custom_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, downtime_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, target_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, message_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, hint_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, results_group);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, period_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, uptime_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, allowed_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, budget_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, used_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, used_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaCalculator, state_label);

  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
}

static void
desk_sla_calculator_init (DeskSlaCalculator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  desk_sla_calculator_update (self);
}

GtkWidget *
desk_sla_calculator_new (void)
{
  return g_object_new (DESK_TYPE_SLA_CALCULATOR, NULL);
}
