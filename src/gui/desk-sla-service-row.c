/* desk-sla-service-row.c: one service of the SLA report, expandable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-sla-service-row"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "desk-sla-calculator.h"
#include "desk-time.h"

#include "desk-sla-service-row.h"

struct _DeskSlaServiceRow
{
  AdwExpanderRow    parent_instance;

  char             *service;
  GHashTable       *figures;     /* key → shown text */
  DeskAvailability  availability;
  DeskStats         mtta;
  DeskStats         mttr;
  GArray           *outages;
  double            degraded_weight;
  GTimeZone        *tz;
  char             *method;
  GtkWidget        *columns;
  GtkWidget        *state_box;

  /* The rows under the service are made on the first expansion only:
   * hundreds of wrapped labels per service would slow the page down.
   */
  gboolean          filled;
};

G_DEFINE_FINAL_TYPE (DeskSlaServiceRow, desk_sla_service_row,
                     ADW_TYPE_EXPANDER_ROW)

/* Outages listed under a service; a busy year can hold thousands. */
#define MAX_INTERVALS 100

static const char * const state_classes[] = {
  "sla-met", "sla-at-risk", "sla-breached",
};

/* A row with a title on the left, an optional plain explanation under
 * it and the value on the right. The row is named after the title; the
 * value keeps its own text as its name ("99.90046 %") and is described
 * by the title, so assistive technology can read both.
 */
static GtkWidget *
figure_row_new (const char *title,
                const char *value,
                const char *detail)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *text_box;
  GtkWidget *title_label;
  GtkWidget *value_label;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "desk-sla-figure");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text_box);

  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text_box), title_label);

  if (detail != NULL && *detail != '\0')
    {
      GtkWidget *detail_label = gtk_label_new (detail);

      gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
      gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (detail_label),
                               PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (detail_label, "dim-label");
      gtk_widget_add_css_class (detail_label, "caption");
      gtk_box_append (GTK_BOX (text_box), detail_label);
    }

  if (value != NULL)
    {
      value_label = gtk_label_new (value);
      gtk_label_set_xalign (GTK_LABEL (value_label), 1);
      gtk_widget_set_valign (value_label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (value_label, "numeric");
      gtk_box_append (GTK_BOX (box), value_label);

      gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      title_label, NULL,
                                      -1);
    }

  return row;
}

static void
add_figure (DeskSlaServiceRow *self,
            const char        *key,
            const char        *title,
            const char        *value,
            const char        *detail)
{
  if (key != NULL && value != NULL)
    g_hash_table_insert (self->figures, (gpointer) key, g_strdup (value));

  if (self->filled)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (self),
                              figure_row_new (title, value, detail));
}

static char *
stats_detail (const DeskStats *stats)
{
  g_autofree char *median = NULL;
  g_autofree char *p90 = NULL;

  median = desk_sla_format_duration (stats->median);
  p90 = desk_sla_format_duration (stats->p90);

  /* TRANSLATORS: "3 incidents, median 10 min, 90th percentile 20 min" */
  return g_strdup_printf (ngettext ("%u incident, median %s, "
                                    "90th percentile %s",
                                    "%u incidents, median %s, "
                                    "90th percentile %s",
                                    stats->count),
                          stats->count, median, p90);
}

static void
add_stats (DeskSlaServiceRow *self,
           const char        *key,
           const char        *title,
           const DeskStats   *stats,
           const char        *none)
{
  g_autofree char *mean = NULL;
  g_autofree char *detail = NULL;

  if (stats->count == 0)
    {
      add_figure (self, key, title, _("None"), none);
      return;
    }

  mean = desk_sla_format_duration (stats->mean);
  detail = stats_detail (stats);
  add_figure (self, key, title, mean, detail);
}

static char *
format_target (double target)
{
  /* TRANSLATORS: an availability target such as "99.9 %" */
  return g_strdup_printf (_("%g %%"), target);
}

static void
add_intervals (DeskSlaServiceRow *self,
               const GArray      *outages,
               GTimeZone         *tz)
{
  if (outages == NULL || outages->len == 0)
    {
      add_figure (self, NULL, _("Outage intervals"), NULL,
                  _("No outage in this period."));
      return;
    }

  for (guint i = 0; i < MIN (outages->len, MAX_INTERVALS); i++)
    {
      const DeskInterval *interval;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autofree char *length = NULL;
      g_autofree char *title = NULL;
      g_autofree char *number = NULL;
      g_autofree char *seconds = NULL;

      interval = &g_array_index (outages, DeskInterval, i);
      start = desk_time_format_display (interval->start, tz);
      end = desk_time_format_display (interval->end, tz);
      length = desk_duration_format (interval->end - interval->start);
      number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                interval->end - interval->start);

      /* TRANSLATORS: an outage interval,
       * "Outage 9 Mar 2025 14:05 – 9 Mar 2025 15:10"
       */
      title = g_strdup_printf (_("Outage %s – %s"), start, end);
      /* TRANSLATORS: the exact length of an outage, "3900 s" */
      seconds = g_strdup_printf (_("%s s"), number);
      add_figure (self, NULL, title, length, seconds);
    }

  if (outages->len > MAX_INTERVALS)
    {
      g_autofree char *more = NULL;
      guint n = outages->len - MAX_INTERVALS;

      more = g_strdup_printf (ngettext ("And %u more outage, not listed here",
                                        "And %u more outages, not listed here",
                                        n),
                              n);
      add_figure (self, NULL, more, NULL,
                  _("Choose a shorter period to see each of them."));
    }
}

/* The uptime written out with the report's own numbers, so it can be
 * checked with a pocket calculator.
 */
static char *
worked_uptime (const DeskAvailability *a)
{
  g_autofree char *uptime = desk_sla_format_percent (a->uptime_percent);
  g_autofree char *period = NULL;
  g_autofree char *downtime = NULL;

  period = g_strdup_printf ("%" G_GINT64_FORMAT, a->period_seconds);
  downtime = g_strdup_printf ("%.0f", a->downtime_seconds);

  /* TRANSLATORS: "100 × (2674800 s − 2580 s) ÷ 2674800 s = 99.90354 %" */
  return g_strdup_printf (_("100 × (%s s − %s s) ÷ %s s = %s"),
                          period, downtime, period, uptime);
}

/* Every figure, in the order shown; with self->filled unset it only
 * records the texts.
 */
static void
desk_sla_service_row_fill (DeskSlaServiceRow *self)
{
  const DeskAvailability *a = &self->availability;
  g_autofree char *downtime = NULL;
  g_autofree char *uptime = NULL;
  g_autofree char *target = NULL;
  g_autofree char *allowed = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *outage = NULL;
  g_autofree char *degraded = NULL;
  g_autofree char *downtime_detail = NULL;
  g_autofree char *degraded_detail = NULL;
  g_autofree char *worked = NULL;

  downtime = desk_sla_format_duration (a->downtime_seconds);
  uptime = desk_sla_format_percent (a->uptime_percent);
  target = format_target (a->target);
  allowed = desk_sla_format_duration (a->allowed_seconds);
  budget = desk_sla_format_budget (a->budget_seconds);
  outage = desk_duration_format (a->outage_seconds);
  degraded = desk_duration_format (a->degraded_seconds);
  worked = worked_uptime (a);

  /* TRANSLATORS: how the downtime is made up:
   * "Outages 40 min + degraded 6 min × 0.5"
   */
  downtime_detail = g_strdup_printf (_("Outages %s + degraded %s × %g"),
                                     outage, degraded,
                                     self->degraded_weight);
  add_figure (self, "downtime", _("Downtime"), downtime, downtime_detail);
  add_figure (self, "uptime", _("Uptime"), uptime, worked);
  add_figure (self, "target", _("Target"), target, NULL);
  add_figure (self, "allowed", _("Allowed downtime"), allowed,
              _("The period × (1 − target ÷ 100)"));
  add_figure (self, "budget", _("Budget left"), budget,
              _("Allowed downtime − downtime"));

  add_stats (self, "mtta", _("Mean time to acknowledge"), &self->mtta,
             _("No incident was acknowledged in this period."));
  add_stats (self, "mttr", _("Mean time to resolve"), &self->mttr,
             _("No incident was resolved in this period."));

  if (a->n_outages > 0 && a->mtbf_seconds >= 0)
    {
      g_autofree char *mtbf = desk_sla_format_duration (a->mtbf_seconds);
      g_autofree char *detail = NULL;

      detail = g_strdup_printf (ngettext ("Uptime ÷ %u outage",
                                          "Uptime ÷ %u outages",
                                          a->n_outages),
                                a->n_outages);
      add_figure (self, "mtbf", _("Mean time between failures"), mtbf,
                  detail);
    }
  else
    add_figure (self, "mtbf", _("Mean time between failures"), _("None"),
                _("No outage in this period."));

  /* TRANSLATORS: how much of the degraded time counts: "weight 0" */
  degraded_detail = g_strdup_printf (_("Counted with weight %g"),
                                     self->degraded_weight);
  add_figure (self, "degraded", _("Degraded time outside outages"),
              degraded, degraded_detail);

  if (!self->filled)
    return;

  add_intervals (self, self->outages, self->tz);

  if (a->counts_open)
    add_figure (self, NULL,
                _("An incident of this service is still open: its impact "
                  "counts until now."),
                NULL, NULL);

  if (self->method != NULL && *self->method != '\0')
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (self->method);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Method"),
                                      -1);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "desk-sla-figure");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
    }
}

static void
on_expanded (DeskSlaServiceRow *self)
{
  if (self->filled ||
      !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return;

  self->filled = TRUE;
  desk_sla_service_row_fill (self);
}

/* A figure for the wide layout: the value over a small caption. */
static GtkWidget *
column_new (const char *caption,
            const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *caption_label = gtk_label_new (caption);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (caption_label), 1);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_widget_add_css_class (caption_label, "caption");
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), caption_label);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  caption_label, NULL,
                                  -1);

  return box;
}

/* Target, allowed downtime and budget beside the name, shown when the
 * page is wide enough (see desk_sla_service_row_set_wide).
 */
static GtkWidget *
columns_new (DeskSlaServiceRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_append (GTK_BOX (box),
                  column_new (_("Target"),
                              g_hash_table_lookup (self->figures, "target")));
  gtk_box_append (GTK_BOX (box),
                  column_new (_("Allowed downtime"),
                              g_hash_table_lookup (self->figures,
                                                   "allowed")));
  gtk_box_append (GTK_BOX (box),
                  column_new (_("Budget left"),
                              g_hash_table_lookup (self->figures,
                                                   "budget")));
  gtk_widget_set_visible (box, FALSE);

  return box;
}

static void
desk_sla_service_row_set_header (DeskSlaServiceRow *self)
{
  const DeskAvailability *a = &self->availability;
  const char *uptime = g_hash_table_lookup (self->figures, "uptime");
  const char *downtime = g_hash_table_lookup (self->figures, "downtime");
  g_autofree char *budget = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  GtkWidget *state;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->service);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->service,
                                  -1);
  /* TRANSLATORS: under a service name: "99.90046 %, down 43 min" */
  subtitle = g_strdup_printf (_("%s, down %s"), uptime, downtime);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);

  budget = desk_sla_format_duration (fabs (a->budget_seconds));
  if (desk_sla_budget_is_over (a->budget_seconds))
    /* TRANSLATORS: read out by screen readers for a service,
     * "Uptime 99.89815 %, downtime 44 min, 48 s over budget, Breached"
     */
    description = g_strdup_printf (_("Uptime %s, downtime %s, %s over "
                                     "budget, %s"),
                                   uptime, downtime, budget,
                                   desk_sla_state_label (a->state));
  else
    /* TRANSLATORS: read out by screen readers for a service,
     * "Uptime 99.90046 %, downtime 43 min, 12 s of budget left, At risk"
     */
    description = g_strdup_printf (_("Uptime %s, downtime %s, %s of "
                                     "budget left, %s"),
                                   uptime, downtime, budget,
                                   desk_sla_state_label (a->state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description,
                                  -1);

  state = gtk_label_new (desk_sla_state_label (a->state));
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (state, GTK_ALIGN_END);
  gtk_widget_set_hexpand (state, TRUE);
  gtk_widget_add_css_class (state, "pill");
  if ((guint) a->state < G_N_ELEMENTS (state_classes))
    gtk_widget_add_css_class (state, state_classes[a->state]);
  /* The label fills the box to align at its end; the box itself keeps
   * its size, so the row does not spread out.
   */
  self->state_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (self->state_box, FALSE);
  gtk_box_append (GTK_BOX (self->state_box), state);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), self->state_box);

  /* Actions are prepended: the columns come before the state. */
  self->columns = columns_new (self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), self->columns);
  g_hash_table_insert (self->figures, (gpointer) "state",
                       g_strdup (desk_sla_state_label (a->state)));
}

static void
desk_sla_service_row_finalize (GObject *object)
{
  DeskSlaServiceRow *self = DESK_SLA_SERVICE_ROW (object);

  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->figures, g_hash_table_unref);
  g_clear_pointer (&self->outages, g_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->method, g_free);

  G_OBJECT_CLASS (desk_sla_service_row_parent_class)->finalize (object);
}

static void
desk_sla_service_row_class_init (DeskSlaServiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_sla_service_row_finalize;
}

static void
desk_sla_service_row_init (DeskSlaServiceRow *self)
{
  self->figures = g_hash_table_new_full (g_str_hash, g_str_equal,
                                         NULL, g_free);

  g_signal_connect (self, "notify::expanded",
                    G_CALLBACK (on_expanded), NULL);
}

GtkWidget *
desk_sla_service_row_new (const DeskSlaRow    *row,
                          const DeskSlaReport *report,
                          GTimeZone           *tz,
                          const char          *method)
{
  DeskSlaServiceRow *self;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);

  self = g_object_new (DESK_TYPE_SLA_SERVICE_ROW, NULL);
  self->service = g_strdup (row->service);
  self->availability = row->availability;
  self->mtta = row->mtta;
  self->mttr = row->mttr;
  self->outages = row->outages != NULL ? g_array_ref (row->outages) : NULL;
  self->degraded_weight = report->degraded_weight;
  self->tz = g_time_zone_ref (tz);
  self->method = g_strdup (method);

  desk_sla_service_row_fill (self);
  desk_sla_service_row_set_header (self);

  return GTK_WIDGET (self);
}

const char *
desk_sla_service_row_get_service (DeskSlaServiceRow *self)
{
  g_return_val_if_fail (DESK_IS_SLA_SERVICE_ROW (self), NULL);

  return self->service;
}

const char *
desk_sla_service_row_get_figure (DeskSlaServiceRow *self,
                                 const char        *key)
{
  g_return_val_if_fail (DESK_IS_SLA_SERVICE_ROW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->figures, key);
}

guint
desk_sla_service_row_get_n_intervals (DeskSlaServiceRow *self)
{
  g_return_val_if_fail (DESK_IS_SLA_SERVICE_ROW (self), 0);

  return self->outages != NULL ? self->outages->len : 0;
}

void
desk_sla_service_row_set_wide (DeskSlaServiceRow *self,
                               gboolean           wide)
{
  g_return_if_fail (DESK_IS_SLA_SERVICE_ROW (self));

  gtk_widget_set_visible (self->columns, wide);
}

void
desk_sla_service_row_align (DeskSlaServiceRow  *self,
                            GtkSizeGroup      **groups)
{
  GtkWidget *column;
  guint i = 0;

  g_return_if_fail (DESK_IS_SLA_SERVICE_ROW (self));

  for (column = gtk_widget_get_first_child (self->columns);
       column != NULL && i < DESK_SLA_N_COLUMNS - 1;
       column = gtk_widget_get_next_sibling (column))
    gtk_size_group_add_widget (groups[i++], column);

  gtk_size_group_add_widget (groups[DESK_SLA_N_COLUMNS - 1],
                             self->state_box);
}
