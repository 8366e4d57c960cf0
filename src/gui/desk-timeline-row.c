/* desk-timeline-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-timeline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-time.h"
#include "desk-timeline-row.h"

/* Long texts (a 200,000-character description) are cut for the row. */
#define SHORT_VALUE_CHARS 80
#define LONG_VALUE_CHARS 400

struct _DeskTimelineRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *what;
};

G_DEFINE_FINAL_TYPE (DeskTimelineRow, desk_timeline_row, GTK_TYPE_LIST_BOX_ROW)

static void
desk_timeline_row_class_init (DeskTimelineRowClass *klass)
{
}

static void
desk_timeline_row_init (DeskTimelineRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
}

static char *
shorten (const char *text,
         glong       max_chars)
{
  g_autofree char *flat = NULL;

  if (text == NULL || text[0] == '\0')
    return g_strdup (C_("timeline value", "empty"));

  if (g_utf8_strlen (text, max_chars + 1) > max_chars)
    {
      const char *cut = g_utf8_offset_to_pointer (text, max_chars);

      flat = g_strdup_printf ("%.*s…", (int) (cut - text), text);
    }
  else
    flat = g_strdup (text);

  if (max_chars == SHORT_VALUE_CHARS)
    g_strdelimit (flat, "\r\n\t", ' ');

  return g_steal_pointer (&flat);
}

/* Stable names and ISO times in the stored entry become what the
 * interface shows elsewhere.
 */
static char *
display_value (DeskField   field,
               const char *value,
               GTimeZone  *tz)
{
  DeskSeverity severity;
  DeskStatus status;
  DeskImpact impact;
  DeskFactor factor;
  gint64 instant;

  if (value == NULL || value[0] == '\0')
    return shorten (NULL, SHORT_VALUE_CHARS);

  switch (field)
    {
    case DESK_FIELD_SEVERITY:
      if (desk_severity_from_string (value, &severity))
        return g_strdup (desk_severity_label (severity));
      break;

    case DESK_FIELD_STATUS:
      if (desk_status_from_string (value, &status))
        return g_strdup (desk_status_label (status));
      break;

    case DESK_FIELD_IMPACT:
      if (desk_impact_from_string (value, &impact))
        return g_strdup (desk_impact_label (impact));
      break;

    case DESK_FIELD_FACTOR:
      if (desk_factor_from_string (value, &factor))
        return g_strdup (desk_factor_label (factor));
      break;

    case DESK_FIELD_DETECTED_AT:
    case DESK_FIELD_ACKNOWLEDGED_AT:
    case DESK_FIELD_IMPACT_START:
    case DESK_FIELD_IMPACT_END:
    case DESK_FIELD_RESOLVED_AT:
    case DESK_FIELD_CLOSED_AT:
      if (desk_time_parse (value, tz, DESK_FOLD_EARLIER, &instant, NULL))
        return desk_time_format_display (instant, tz);
      break;

    case DESK_FIELD_NONE:
    case DESK_FIELD_REFERENCE:
    case DESK_FIELD_TITLE:
    case DESK_FIELD_SERVICE:
    case DESK_FIELD_DESCRIPTION:
    case DESK_FIELD_ASSIGNEE:
    case DESK_FIELD_REPORTER:
    case DESK_FIELD_ROOT_CAUSE:
    case DESK_FIELD_FIVE_WHYS:
    case DESK_FIELD_WORKAROUND:
    case DESK_FIELD_RESOLUTION:
    case DESK_FIELD_PROBLEM:
    default:
      break;
    }

  return shorten (value, SHORT_VALUE_CHARS);
}

static gboolean
is_long_text (DeskField field)
{
  return field == DESK_FIELD_DESCRIPTION || field == DESK_FIELD_ROOT_CAUSE ||
         field == DESK_FIELD_FIVE_WHYS || field == DESK_FIELD_WORKAROUND ||
         field == DESK_FIELD_RESOLUTION;
}

static char *
describe (const DeskTimelineEntry *entry,
          GTimeZone               *tz,
          char                   **out_extra)
{
  DeskField field;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  *out_extra = NULL;

  if (g_strcmp0 (entry->field, "created") == 0)
    return g_strdup (_("Created"));
  if (g_strcmp0 (entry->field, "imported") == 0)
    return g_strdup (_("Imported"));
  if (g_strcmp0 (entry->field, "reopened") == 0)
    return g_strdup (_("Reopened"));

  if (!desk_field_from_string (entry->field, &field))
    {
      old_value = shorten (entry->old_value, SHORT_VALUE_CHARS);
      new_value = shorten (entry->new_value, SHORT_VALUE_CHARS);

      /* Translators: an unknown change, "field: old → new". */
      return g_strdup_printf (_("%s: %s → %s"), entry->field,
                              old_value, new_value);
    }

  if (is_long_text (field))
    {
      *out_extra = shorten (entry->new_value, LONG_VALUE_CHARS);
      /* Translators: "Description changed". */
      return g_strdup_printf (_("%s changed"), desk_field_label (field));
    }

  old_value = display_value (field, entry->old_value, tz);
  new_value = display_value (field, entry->new_value, tz);

  /* Translators: "Status: New → Investigating". */
  return g_strdup_printf (_("%s: %s → %s"), desk_field_label (field),
                          old_value, new_value);
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_text (label, text);
  gtk_label_set_xalign (label, 0.0f);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  gtk_box_append (box, GTK_WIDGET (label));

  return label;
}

GtkWidget *
desk_timeline_row_new (const DeskTimelineEntry *entry,
                       GTimeZone               *tz)
{
  DeskTimelineRow *self;
  GtkWidget *box;
  GtkLabel *label;
  g_autofree char *what = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (DESK_TYPE_TIMELINE_ROW, NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "desk-timeline-entry");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  what = describe (entry, tz, &extra);
  when = desk_time_format_display (entry->at, tz);
  if (entry->actor != NULL && entry->actor[0] != '\0')
    /* Translators: "9 Mar 2025 14:05 · ana". */
    meta = g_strdup_printf (_("%s · %s"), when, entry->actor);
  else
    meta = g_strdup (when);

  self->what = add_label (GTK_BOX (box), what, "heading");
  if (extra != NULL)
    add_label (GTK_BOX (box), extra, NULL);
  if (entry->note != NULL && entry->note[0] != '\0')
    {
      g_autofree char *note = shorten (entry->note, LONG_VALUE_CHARS);

      add_label (GTK_BOX (box), note, NULL);
    }
  label = add_label (GTK_BOX (box), meta, "caption");
  gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");

  return GTK_WIDGET (self);
}

const char *
desk_timeline_row_get_what (DeskTimelineRow *self)
{
  g_return_val_if_fail (DESK_IS_TIMELINE_ROW (self), NULL);

  return gtk_label_get_text (self->what);
}
