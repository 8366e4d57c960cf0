/* desk-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-form"

#include "config.h"

#include "desk-caption-row.h"
#include "desk-datetime-row.h"
#include "desk-form.h"
#include "desk-time.h"

GSettings *
desk_form_settings (void)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    return NULL;

  return g_settings_new (APP_ID);
}

GTimeZone *
desk_form_time_zone (void)
{
  g_autoptr(GSettings) settings = desk_form_settings ();
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *tz;

  if (settings != NULL)
    name = g_settings_get_string (settings, "time-zone");

  tz = desk_time_zone_new (name, &error);
  if (tz == NULL)
    {
      g_warning ("Time zone setting ignored: %s", error->message);
      tz = g_time_zone_new_local ();
    }

  return tz;
}

static void
read_targets (GSettings  *settings,
              const char *key,
              gint64     *out)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);
  gsize n = g_variant_n_children (value);

  for (gsize i = 0; i < n && i < DESK_N_SEVERITIES; i++)
    {
      gint32 minutes;

      g_variant_get_child (value, i, "i", &minutes);
      if (minutes > 0)
        out[DESK_SEVERITY_SEV1 + i] = (gint64) minutes * 60;
    }
}

void
desk_form_sla_targets (DeskSlaTargets *targets)
{
  g_autoptr(GSettings) settings = desk_form_settings ();

  desk_sla_targets_init_default (targets);

  if (settings == NULL)
    return;

  read_targets (settings, "response-targets", targets->response);
  read_targets (settings, "resolution-targets", targets->resolution);
}

void
desk_form_set_row_error (GtkWidget  *row,
                         GtkWidget  *caption,
                         const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  if (caption == NULL)
    return;

  /* Without an error, a repeated local time still needs a word. */
  if (message == NULL && DESK_IS_DATETIME_ROW (row))
    {
      const char *note = desk_datetime_row_get_note (DESK_DATETIME_ROW (row));

      desk_caption_row_set_error (DESK_CAPTION_ROW (caption), note == NULL);
      desk_caption_row_set_message (DESK_CAPTION_ROW (caption), note);
      return;
    }

  desk_caption_row_set_error (DESK_CAPTION_ROW (caption), TRUE);
  desk_caption_row_set_message (DESK_CAPTION_ROW (caption), message);
}

char *
desk_form_text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Pango takes minutes to wrap a very long run without spaces at word
 * boundaries (a pasted 200,000-character blob), and seconds at any
 * character; such text is not wrapped but scrolls sideways.
 */
#define LONGEST_WORD 2000

static gboolean
has_long_word (const char *text)
{
  gsize run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        run = 0;
      else if (++run > LONGEST_WORD)
        return TRUE;
    }

  return FALSE;
}

static void
fit_wrap (GtkTextView *view,
          const char  *text)
{
  gtk_text_view_set_wrap_mode (view, has_long_word (text) ?
                                     GTK_WRAP_NONE : GTK_WRAP_WORD_CHAR);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   GtkTextView   *view)
{
  g_autofree char *text = NULL;

  if (gtk_text_buffer_get_char_count (buffer) <= LONGEST_WORD &&
      gtk_text_view_get_wrap_mode (view) == GTK_WRAP_WORD_CHAR)
    return;

  text = desk_form_text_view_get (view);
  fit_wrap (view, text);
}

void
desk_form_text_view_setup (GtkTextView *view)
{
  g_signal_connect_object (gtk_text_view_get_buffer (view), "changed",
                           G_CALLBACK (on_buffer_changed), view, 0);
}

void
desk_form_text_view_set (GtkTextView *view,
                         const char  *text)
{
  text = text != NULL ? text : "";

  /* The wrap mode is chosen before the text is laid out. */
  fit_wrap (view, text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}
