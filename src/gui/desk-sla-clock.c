/* desk-sla-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-sla-clock"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-sla-clock.h"
#include "desk-time.h"

struct _DeskSlaClock
{
  GtkBox       parent_instance;

  GtkLabel    *title;
  GtkLabel    *state;
  GtkLevelBar *bar;
  GtkLabel    *detail;
};

G_DEFINE_FINAL_TYPE (DeskSlaClock, desk_sla_clock, GTK_TYPE_BOX)

static const char *state_classes[] = {
  "clock-ok", "clock-warning", "clock-breached",
};

static const char *bar_classes[] = {
  "desk-clock-ok", "desk-clock-warning", "desk-clock-breached",
};

static void
desk_sla_clock_class_init (DeskSlaClockClass *klass)
{
}

static void
desk_sla_clock_init (DeskSlaClock *self)
{
  GtkWidget *top;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "desk-sla-clock");

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (self), top);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0.0f);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->title));

  self->state = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->state), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->state), "pill");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->state));

  self->bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0.0, 1.0));
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->bar));

  self->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->detail, 0.0f);
  gtk_label_set_wrap (self->detail, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail), "dim-label");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->detail));

  desk_sla_clock_set_clock (self, NULL);
}

GtkWidget *
desk_sla_clock_new (const char *title)
{
  DeskSlaClock *self = g_object_new (DESK_TYPE_SLA_CLOCK, NULL);

  gtk_label_set_text (self->title, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return GTK_WIDGET (self);
}

static const char *
state_text (const DeskClock *clock)
{
  switch (clock->state)
    {
    case DESK_CLOCK_OK:
      return clock->running ? _("On track") : _("Met");

    case DESK_CLOCK_WARNING:
      return clock->running ? _("At risk") : _("Met");

    case DESK_CLOCK_BREACHED:
    default:
      return _("Breached");
    }
}

void
desk_sla_clock_set_clock (DeskSlaClock    *self,
                          const DeskClock *clock)
{
  g_autofree char *elapsed = NULL;
  g_autofree char *target = NULL;
  g_autofree char *detail = NULL;

  g_return_if_fail (DESK_IS_SLA_CLOCK (self));

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->state), state_classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->bar), bar_classes[i]);
    }

  if (clock == NULL || clock->target <= 0)
    {
      gtk_label_set_text (self->state, _("No target"));
      gtk_widget_add_css_class (GTK_WIDGET (self->state), "clock-ok");
      gtk_level_bar_set_value (self->bar, 0.0);
      gtk_label_set_text (self->detail,
                          _("There is no target for this severity."));
      return;
    }

  elapsed = desk_duration_format (clock->elapsed);
  target = desk_duration_format (clock->target);

  if (clock->state == DESK_CLOCK_BREACHED)
    {
      g_autofree char *over = desk_duration_format (clock->elapsed -
                                                    clock->target);

      /* Translators: "25 min over the target of 15 min". */
      detail = g_strdup_printf (_("%s over the target of %s"), over, target);
    }
  else if (clock->running)
    /* Translators: "12 min of 15 min used so far". */
    detail = g_strdup_printf (_("%s of %s used so far"), elapsed, target);
  else
    /* Translators: "Stopped at 10 min of 15 min". */
    detail = g_strdup_printf (_("Stopped at %s of %s"), elapsed, target);

  gtk_label_set_text (self->state, state_text (clock));
  gtk_widget_add_css_class (GTK_WIDGET (self->state),
                            state_classes[MIN (clock->state, 2)]);
  gtk_widget_add_css_class (GTK_WIDGET (self->bar),
                            bar_classes[MIN (clock->state, 2)]);
  gtk_level_bar_set_value (self->bar, CLAMP (clock->fraction, 0.0, 1.0));
  gtk_label_set_text (self->detail, detail);
}

const char *
desk_sla_clock_get_state_text (DeskSlaClock *self)
{
  g_return_val_if_fail (DESK_IS_SLA_CLOCK (self), NULL);

  return gtk_label_get_text (self->state);
}
