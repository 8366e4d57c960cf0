/* desk-severity-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per severity: the label, a bar whose length is the share of
 * the largest count, and the count. Bar colours come from the named
 * colours desk_sevN_bar in style.css and style-dark.css.
 */

#define G_LOG_DOMAIN "desk-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-severity-chart.h"

#define ROW_HEIGHT  28
#define ROW_SPACING 8
#define BAR_HEIGHT  14
#define GAP         12

struct _DeskSeverityChart
{
  GtkWidget parent_instance;

  guint     counts[DESK_N_SEVERITIES + 1];
};

G_DEFINE_FINAL_TYPE (DeskSeverityChart, desk_severity_chart, GTK_TYPE_WIDGET)

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  return layout;
}

static int
label_column_width (GtkWidget *widget)
{
  int width = 0;

  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      layout = make_layout (widget, desk_severity_label (s), FALSE);
      pango_layout_get_pixel_size (layout, &w, NULL);
      width = MAX (width, w);
    }

  return width;
}

static void
bar_colour (GtkWidget    *widget,
            DeskSeverity  severity,
            GdkRGBA      *rgba)
{
  g_autofree char *name = g_strdup_printf ("desk_sev%d_bar", severity);

  /* GtkStyleContext is the 4.8 way to read a named colour. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       name, rgba))
    gdk_rgba_parse (rgba, "#1a5fb4");
G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
desk_severity_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  DeskSeverityChart *self = DESK_SEVERITY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int label_width = label_column_width (widget);
  guint max = 1;
  int count_width;
  GdkRGBA fg;
  g_autoptr(PangoLayout) widest = NULL;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    max = MAX (max, self->counts[s]);

  if (max == 1 && self->counts[1] + self->counts[2] + self->counts[3] +
                  self->counts[4] == 0)
    {
      g_autoptr(PangoLayout) none = NULL;
      int w, h;

      none = make_layout (widget, _("No open incidents right now."), FALSE);
      pango_layout_get_pixel_size (none, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (MAX (0, (width - w) / 2),
                                                    (height - h) / 2));
      gtk_snapshot_append_layout (snapshot, none, &fg);
      gtk_snapshot_restore (snapshot);
      return;
    }

  {
    g_autofree char *text = g_strdup_printf ("%u", max);

    widest = make_layout (widget, text, TRUE);
    pango_layout_get_pixel_size (widest, &count_width, NULL);
  }

  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    {
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) count = NULL;
      g_autofree char *count_text = NULL;
      int y = (s - 1) * (ROW_HEIGHT + ROW_SPACING);
      int text_h, text_y, bar_x, bar_max, bar_w;
      graphene_rect_t bounds;
      GdkRGBA colour;

      label = make_layout (widget, desk_severity_label (s), FALSE);
      pango_layout_get_pixel_size (label, NULL, &text_h);
      text_y = y + (ROW_HEIGHT - text_h) / 2;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, text_y));
      gtk_snapshot_append_layout (snapshot, label, &fg);
      gtk_snapshot_restore (snapshot);

      bar_x = label_width + GAP;
      bar_max = MAX (0, width - bar_x - GAP - count_width);
      bar_w = (int) ((double) bar_max * self->counts[s] / max);
      if (self->counts[s] > 0)
        bar_w = MAX (bar_w, 3);

      bar_colour (widget, s, &colour);
      {
        GskRoundedRect rect;

        graphene_rect_init (&bounds, bar_x, y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                            bar_w, BAR_HEIGHT);
        gsk_rounded_rect_init_from_rect (&rect, &bounds, 3);
        gtk_snapshot_push_rounded_clip (snapshot, &rect);
        gtk_snapshot_append_color (snapshot, &colour, &rect.bounds);
        gtk_snapshot_pop (snapshot);
      }

      count_text = g_strdup_printf ("%u", self->counts[s]);
      count = make_layout (widget, count_text, TRUE);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (bar_x + bar_w + GAP / 2,
                                                    text_y));
      gtk_snapshot_append_layout (snapshot, count, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
desk_severity_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = label_column_width (widget) + 2 * GAP + 80;
      *natural = *minimum + 240;
    }
  else
    {
      *minimum = *natural = DESK_N_SEVERITIES * ROW_HEIGHT +
                            (DESK_N_SEVERITIES - 1) * ROW_SPACING;
    }
}

static void
desk_severity_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GtkWidgetClass *parent = GTK_WIDGET_CLASS (desk_severity_chart_parent_class);

  parent->css_changed (widget, change);

  gtk_widget_queue_draw (widget);
}

static void
desk_severity_chart_class_init (DeskSeverityChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = desk_severity_chart_snapshot;
  widget_class->measure = desk_severity_chart_measure;
  widget_class->css_changed = desk_severity_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "severitychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
desk_severity_chart_init (DeskSeverityChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open incidents by severity"),
                                  -1);
}

GtkWidget *
desk_severity_chart_new (void)
{
  return g_object_new (DESK_TYPE_SEVERITY_CHART, NULL);
}

void
desk_severity_chart_set_counts (DeskSeverityChart *self,
                                const guint        counts[DESK_N_SEVERITIES + 1])
{
  GString *description = g_string_new (NULL);

  g_return_if_fail (DESK_IS_SEVERITY_CHART (self));

  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    {
      self->counts[s] = counts[s];
      if (description->len > 0)
        g_string_append (description, ", ");
      /* TRANSLATORS: "SEV1 Critical: 12", read out by screen readers */
      g_string_append_printf (description, _("%s: %u"),
                              desk_severity_label (s), counts[s]);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str,
                                  -1);
  g_string_free (description, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
desk_severity_chart_get_count (DeskSeverityChart *self,
                               DeskSeverity       severity)
{
  g_return_val_if_fail (DESK_IS_SEVERITY_CHART (self), 0);
  g_return_val_if_fail (severity >= 1 && severity <= DESK_N_SEVERITIES, 0);

  return self->counts[severity];
}
