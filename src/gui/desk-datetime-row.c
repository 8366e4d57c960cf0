/* desk-datetime-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-datetime-row"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-datetime-row.h"
#include "desk-time.h"

struct _DeskDatetimeRow
{
  AdwEntryRow  parent_instance;

  GTimeZone   *tz;
  GtkDropDown *fold;
  GtkStringList *fold_model;

  char        *initial_text;
  gboolean     initial_later;
  gint64       initial_value;

  gint64       earlier;
  gint64       later;
  gboolean     ambiguous;
};

G_DEFINE_FINAL_TYPE (DeskDatetimeRow, desk_datetime_row, ADW_TYPE_ENTRY_ROW)

enum {
  VALUE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_offset (gint64     instant,
               GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "UTC%:z");
}

/* Reads both occurrences; a text is ambiguous when they differ. */
static void
update_ambiguity (DeskDatetimeRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  gboolean was = self->ambiguous;

  while (g_ascii_isspace (*text))
    text++;

  self->ambiguous =
    text[0] != '\0' &&
    desk_time_parse (text, self->tz, DESK_FOLD_EARLIER, &self->earlier,
                     NULL) &&
    desk_time_parse (text, self->tz, DESK_FOLD_LATER, &self->later, NULL) &&
    self->earlier != self->later;

  if (self->ambiguous)
    {
      g_autofree char *first = format_offset (self->earlier, self->tz);
      g_autofree char *second = format_offset (self->later, self->tz);
      const char *items[] = { first, second, NULL };
      guint selected = gtk_drop_down_get_selected (self->fold);

      gtk_string_list_splice (self->fold_model, 0,
                              g_list_model_get_n_items (
                                G_LIST_MODEL (self->fold_model)),
                              items);
      gtk_drop_down_set_selected (self->fold, selected == 1 ? 1 : 0);
    }

  if (was != self->ambiguous)
    gtk_widget_set_visible (GTK_WIDGET (self->fold), self->ambiguous);
}

static void
on_text_changed (DeskDatetimeRow *self)
{
  update_ambiguity (self);
  g_signal_emit (self, signals[VALUE_CHANGED], 0);
}

static void
on_fold_selected (DeskDatetimeRow *self)
{
  if (self->ambiguous)
    g_signal_emit (self, signals[VALUE_CHANGED], 0);
}

static void
desk_datetime_row_finalize (GObject *object)
{
  DeskDatetimeRow *self = DESK_DATETIME_ROW (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->initial_text);

  G_OBJECT_CLASS (desk_datetime_row_parent_class)->finalize (object);
}

static void
desk_datetime_row_class_init (DeskDatetimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_datetime_row_finalize;

  signals[VALUE_CHANGED] =
    g_signal_new ("value-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
desk_datetime_row_init (DeskDatetimeRow *self)
{
  GtkWidget *fold;

  self->tz = g_time_zone_new_utc ();
  self->initial_text = g_strdup ("");
  self->initial_value = DESK_TIME_NONE;

  self->fold_model = gtk_string_list_new (NULL);
  fold = gtk_drop_down_new (G_LIST_MODEL (self->fold_model), NULL);
  self->fold = GTK_DROP_DOWN (fold);
  gtk_widget_set_valign (GTK_WIDGET (self->fold), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->fold), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fold),
                               _("This time occurs twice because the clocks "
                                 "went back; choose which one you mean"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fold),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Which occurrence of the time"),
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->fold));

  gtk_editable_set_width_chars (GTK_EDITABLE (self), 8);

  g_signal_connect (self, "changed", G_CALLBACK (on_text_changed), NULL);
  g_signal_connect_swapped (self->fold, "notify::selected",
                            G_CALLBACK (on_fold_selected), self);
}

GtkWidget *
desk_datetime_row_new (void)
{
  return g_object_new (DESK_TYPE_DATETIME_ROW, NULL);
}

void
desk_datetime_row_set_time_zone (DeskDatetimeRow *self,
                                 GTimeZone       *tz)
{
  g_return_if_fail (DESK_IS_DATETIME_ROW (self));
  g_return_if_fail (tz != NULL);

  g_time_zone_unref (self->tz);
  self->tz = g_time_zone_ref (tz);
  update_ambiguity (self);
}

void
desk_datetime_row_set_value (DeskDatetimeRow *self,
                             gint64           instant)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DESK_IS_DATETIME_ROW (self));

  if (instant != DESK_TIME_NONE)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->tz);

      text = g_date_time_format (local,
                                 g_date_time_get_second (local) != 0 ?
                                 "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M");
    }
  else
    text = g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (self), text);
  update_ambiguity (self);

  if (self->ambiguous)
    gtk_drop_down_set_selected (self->fold, instant == self->later ? 1 : 0);

  g_free (self->initial_text);
  self->initial_text = g_steal_pointer (&text);
  self->initial_later = self->ambiguous && instant == self->later;
  self->initial_value = instant;
}

gboolean
desk_datetime_row_get_value (DeskDatetimeRow  *self,
                             gint64           *out,
                             GError          **error)
{
  const char *text;

  g_return_val_if_fail (DESK_IS_DATETIME_ROW (self), FALSE);

  if (!desk_datetime_row_is_changed (self))
    {
      *out = self->initial_value;
      return TRUE;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  while (g_ascii_isspace (*text))
    text++;

  if (text[0] == '\0')
    {
      *out = DESK_TIME_NONE;
      return TRUE;
    }

  if (self->ambiguous)
    {
      *out = gtk_drop_down_get_selected (self->fold) == 1 ?
             self->later : self->earlier;
      return TRUE;
    }

  return desk_time_parse (text, self->tz, DESK_FOLD_EARLIER, out, error);
}

const char *
desk_datetime_row_get_note (DeskDatetimeRow *self)
{
  g_return_val_if_fail (DESK_IS_DATETIME_ROW (self), NULL);

  if (!self->ambiguous)
    return NULL;

  return _("This time occurs twice, because the clocks were put back. "
           "Choose which one you mean by its offset from UTC.");
}

gboolean
desk_datetime_row_is_ambiguous (DeskDatetimeRow *self)
{
  g_return_val_if_fail (DESK_IS_DATETIME_ROW (self), FALSE);

  return self->ambiguous;
}

void
desk_datetime_row_set_later (DeskDatetimeRow *self,
                             gboolean         later)
{
  g_return_if_fail (DESK_IS_DATETIME_ROW (self));

  gtk_drop_down_set_selected (self->fold, later ? 1 : 0);
}

gboolean
desk_datetime_row_is_changed (DeskDatetimeRow *self)
{
  const char *text;

  g_return_val_if_fail (DESK_IS_DATETIME_ROW (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  if (g_strcmp0 (text, self->initial_text) != 0)
    return TRUE;

  return self->ambiguous &&
         (gtk_drop_down_get_selected (self->fold) == 1) != self->initial_later;
}
