/* desk-status-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-status-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-form.h"
#include "desk-incident.h"
#include "desk-status-dialog.h"

struct _DeskStatusDialog
{
  AdwMessageDialog  parent_instance;

  DeskStatus        target;
  GtkTextView      *view;
  GtkLabel         *hint;
};

G_DEFINE_FINAL_TYPE (DeskStatusDialog, desk_status_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
on_text_changed (DeskStatusDialog *self)
{
  g_autofree char *text = desk_status_dialog_dup_text (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply",
                                           text[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->hint), text[0] == '\0');
}

static void
desk_status_dialog_class_init (DeskStatusDialogClass *klass)
{
}

static void
desk_status_dialog_init (DeskStatusDialog *self)
{
  GtkWidget *box;
  GtkWidget *scrolled;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              100);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_add_css_class (scrolled, "desk-text-card");
  gtk_box_append (GTK_BOX (box), scrolled);

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->view, FALSE);
  gtk_text_view_set_top_margin (self->view, 8);
  gtk_text_view_set_bottom_margin (self->view, 8);
  gtk_text_view_set_left_margin (self->view, 8);
  gtk_text_view_set_right_margin (self->view, 8);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (self->view));

  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->hint, 0.0f);
  gtk_label_set_wrap (self->hint, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hint));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  desk_form_text_view_setup (self->view);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->view), "changed",
                            G_CALLBACK (on_text_changed), self);
}

GtkWidget *
desk_status_dialog_new (GtkWindow  *parent,
                        const char *reference,
                        DeskStatus  from,
                        DeskStatus  to,
                        const char *text)
{
  DeskStatusDialog *self;
  g_autofree char *heading = NULL;
  const char *body;
  const char *apply;
  const char *hint;

  if (desk_status_is_reopen (from, to))
    {
      /* Translators: %s is a reference such as INC-000042. */
      heading = g_strdup_printf (_("Reopen %s?"), reference);
      body = _("Write why the incident is being reopened. The reason goes "
               "into the timeline.");
      apply = _("_Reopen");
      hint = _("Write a reason to reopen.");
    }
  else if (to == DESK_STATUS_CLOSED)
    {
      heading = g_strdup_printf (_("Close %s?"), reference);
      body = _("An incident is closed once its root cause is known. Write "
               "the root cause.");
      apply = _("C_lose");
      hint = _("Write the root cause to close.");
    }
  else
    {
      heading = g_strdup_printf (_("Resolve %s?"), reference);
      body = _("Write how the incident was resolved. It is saved as the "
               "resolution.");
      apply = _("_Resolve");
      hint = _("Write the resolution to resolve.");
    }

  self = g_object_new (DESK_TYPE_STATUS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body,
                       NULL);
  self->target = to;
  gtk_label_set_text (self->hint, hint);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, body, -1);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "apply", apply,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self),
                                              "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  desk_status_dialog_set_text (self, text);
  on_text_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));

  return GTK_WIDGET (self);
}

DeskStatus
desk_status_dialog_get_target (DeskStatusDialog *self)
{
  g_return_val_if_fail (DESK_IS_STATUS_DIALOG (self), DESK_STATUS_NEW);

  return self->target;
}

char *
desk_status_dialog_dup_text (DeskStatusDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (DESK_IS_STATUS_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

void
desk_status_dialog_set_text (DeskStatusDialog *self,
                             const char       *text)
{
  g_return_if_fail (DESK_IS_STATUS_DIALOG (self));

  desk_form_text_view_set (self->view, text);
}
