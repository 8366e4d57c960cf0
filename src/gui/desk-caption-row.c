/* desk-caption-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-caption-row"

#include "config.h"

#include "desk-caption-row.h"

/* A preferences row, so that a preferences group puts it in its list
 * right under the row it explains.
 */
struct _DeskCaptionRow
{
  AdwPreferencesRow  parent_instance;

  GtkLabel      *label;
};

G_DEFINE_FINAL_TYPE (DeskCaptionRow, desk_caption_row,
                     ADW_TYPE_PREFERENCES_ROW)

static void
desk_caption_row_class_init (DeskCaptionRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_accessible_role (widget_class,
                                        GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
desk_caption_row_init (DeskCaptionRow *self)
{
  GtkWidget *label;

  label = gtk_label_new (NULL);
  self->label = GTK_LABEL (label);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->label, 0.0f);
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), label);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "desk-caption-row");
  desk_caption_row_set_error (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
desk_caption_row_new (void)
{
  return g_object_new (DESK_TYPE_CAPTION_ROW, NULL);
}

void
desk_caption_row_set_message (DeskCaptionRow *self,
                              const char     *message)
{
  g_return_if_fail (DESK_IS_CAPTION_ROW (self));

  gtk_label_set_text (self->label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self), message != NULL);
}

const char *
desk_caption_row_get_message (DeskCaptionRow *self)
{
  g_return_val_if_fail (DESK_IS_CAPTION_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return NULL;

  return gtk_label_get_text (self->label);
}

void
desk_caption_row_set_error (DeskCaptionRow *self,
                            gboolean        error)
{
  g_return_if_fail (DESK_IS_CAPTION_ROW (self));

  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->label), "dim-label");
    }
}
