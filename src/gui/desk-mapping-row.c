/* desk-mapping-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-mapping-row"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-mapping-row.h"

struct _DeskMappingRow
{
  AdwExpanderRow  parent_instance;

  DeskField       field;
  GStrv           columns;
  GHashTable     *samples;       /* column → GPtrArray of values */
  GHashTable     *translations;  /* file value, lower case → our value */
  GStrv           choices;       /* our values; [0] is "as written" */
  GtkStringList  *choice_labels; /* shared by the value rows */

  AdwComboRow    *column_row;
  AdwEntryRow    *constant_row;
  GPtrArray      *value_rows;
  guint           loading : 1;
};

G_DEFINE_FINAL_TYPE (DeskMappingRow, desk_mapping_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Our stable names and their labels for the fields with fixed values. */
static GStrv
field_choices (DeskField     field,
               GtkStringList *labels)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, "");
  gtk_string_list_append (labels, _("Keep as written"));

  switch (field)
    {
    case DESK_FIELD_SEVERITY:
      for (DeskSeverity s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
        {
          g_autofree char *label = NULL;

          label = g_strdup_printf ("%s %s", desk_severity_to_string (s),
                                   desk_severity_label (s));
          g_strv_builder_add (builder, desk_severity_to_string (s));
          gtk_string_list_append (labels, label);
        }
      break;

    case DESK_FIELD_IMPACT:
      for (DeskImpact i = DESK_IMPACT_OUTAGE; i <= DESK_IMPACT_NONE; i++)
        {
          g_strv_builder_add (builder, desk_impact_to_string (i));
          gtk_string_list_append (labels, desk_impact_label (i));
        }
      break;

    case DESK_FIELD_STATUS:
      for (DeskStatus s = DESK_STATUS_NEW; s <= DESK_STATUS_CLOSED; s++)
        {
          g_strv_builder_add (builder, desk_status_to_string (s));
          gtk_string_list_append (labels, desk_status_label (s));
        }
      break;

    case DESK_FIELD_FACTOR:
      for (DeskFactor f = DESK_FACTOR_PEOPLE; f <= DESK_FACTOR_UNKNOWN; f++)
        {
          g_strv_builder_add (builder, desk_factor_to_string (f));
          gtk_string_list_append (labels, desk_factor_label (f));
        }
      break;

    case DESK_FIELD_NONE:
    case DESK_FIELD_REFERENCE:
    case DESK_FIELD_TITLE:
    case DESK_FIELD_SERVICE:
    case DESK_FIELD_DESCRIPTION:
    case DESK_FIELD_ASSIGNEE:
    case DESK_FIELD_REPORTER:
    case DESK_FIELD_DETECTED_AT:
    case DESK_FIELD_ACKNOWLEDGED_AT:
    case DESK_FIELD_IMPACT_START:
    case DESK_FIELD_IMPACT_END:
    case DESK_FIELD_RESOLVED_AT:
    case DESK_FIELD_CLOSED_AT:
    case DESK_FIELD_ROOT_CAUSE:
    case DESK_FIELD_FIVE_WHYS:
    case DESK_FIELD_WORKAROUND:
    case DESK_FIELD_RESOLUTION:
    case DESK_FIELD_PROBLEM:
    default:
      return NULL;
    }

  return g_strv_builder_end (builder);
}

static void
emit_changed (DeskMappingRow *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
update_subtitle (DeskMappingRow *self)
{
  const char *column = desk_mapping_row_get_column (self);
  const char *constant = desk_mapping_row_get_constant (self);
  g_autofree char *text = NULL;

  if (column != NULL)
    text = g_strdup_printf (_("From the column “%s”"), column);
  else if (constant[0] != '\0')
    text = g_strdup_printf (_("Always “%s”"), constant);
  else
    text = g_strdup (_("Not in file"));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), text);
}

static guint
choice_index (DeskMappingRow *self,
              const char     *value)
{
  if (value == NULL)
    return 0;

  for (guint i = 1; self->choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->choices[i], value) == 0)
      return i;

  return 0;
}

static void
on_value_selected (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   DeskMappingRow *self)
{
  const char *file_value = g_object_get_data (G_OBJECT (row), "file-value");
  guint selected = adw_combo_row_get_selected (row);
  char *key = g_utf8_strdown (file_value, -1);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    g_hash_table_remove (self->translations, key);
  else
    g_hash_table_replace (self->translations, g_strdup (key),
                          g_strdup (self->choices[selected]));
  g_free (key);

  emit_changed (self);
}

/* One row per value seen in the chosen column, for the fields with
 * fixed values.
 */
static void
rebuild_value_rows (DeskMappingRow *self)
{
  const char *column = desk_mapping_row_get_column (self);
  GPtrArray *values;

  for (guint i = 0; i < self->value_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self),
                             g_ptr_array_index (self->value_rows, i));
  g_ptr_array_set_size (self->value_rows, 0);

  if (self->choices == NULL || column == NULL)
    return;

  values = g_hash_table_lookup (self->samples, column);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      g_autofree char *title = NULL;
      g_autofree char *name = NULL;
      g_autofree char *key = g_utf8_strdown (value, -1);
      GtkWidget *row = adw_combo_row_new ();

      /* TRANSLATORS: a value found in the file, such as “P1” */
      title = g_strdup_printf (_("“%s” means"), value);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* Severity and impact may both offer “P1”: the name says which. */
      name = g_strdup_printf ("%s: %s", desk_field_label (self->field),
                              title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row),
                               G_LIST_MODEL (self->choice_labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  choice_index (self,
                                                g_hash_table_lookup (
                                                  self->translations, key)));
      g_object_set_data_full (G_OBJECT (row), "file-value", g_strdup (value),
                              g_free);
      g_signal_connect_object (row, "notify::selected",
                               G_CALLBACK (on_value_selected), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->value_rows, row);
    }
}

static void
on_column_selected (DeskMappingRow *self)
{
  gboolean in_file = desk_mapping_row_get_column (self) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->constant_row), !in_file);
  rebuild_value_rows (self);
  update_subtitle (self);
  emit_changed (self);
}

static void
on_constant_changed (DeskMappingRow *self)
{
  update_subtitle (self);
  emit_changed (self);
}

static void
desk_mapping_row_dispose (GObject *object)
{
  DeskMappingRow *self = DESK_MAPPING_ROW (object);

  g_clear_pointer (&self->samples, g_hash_table_unref);
  g_clear_pointer (&self->translations, g_hash_table_unref);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_object (&self->choice_labels);

  G_OBJECT_CLASS (desk_mapping_row_parent_class)->dispose (object);
}

static void
desk_mapping_row_finalize (GObject *object)
{
  DeskMappingRow *self = DESK_MAPPING_ROW (object);

  g_strfreev (self->columns);
  g_strfreev (self->choices);

  G_OBJECT_CLASS (desk_mapping_row_parent_class)->finalize (object);
}

static void
desk_mapping_row_class_init (DeskMappingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_mapping_row_dispose;
  object_class->finalize = desk_mapping_row_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
desk_mapping_row_init (DeskMappingRow *self)
{
  self->translations = g_hash_table_new_full (g_str_hash, g_str_equal,
                                              g_free, g_free);
  self->value_rows = g_ptr_array_new ();
}

GtkWidget *
desk_mapping_row_new (DeskField           field,
                      const char * const *columns,
                      GHashTable         *samples)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *column_name = NULL;
  g_autofree char *constant_name = NULL;
  DeskMappingRow *self;

  g_return_val_if_fail (field != DESK_FIELD_NONE, NULL);

  self = g_object_new (DESK_TYPE_MAPPING_ROW, NULL);
  self->field = field;
  self->columns = g_strdupv ((char **) columns);
  self->samples = samples != NULL ? g_hash_table_ref (samples)
                                  : g_hash_table_new (g_str_hash, g_str_equal);
  self->choice_labels = gtk_string_list_new (NULL);
  self->choices = field_choices (field, self->choice_labels);

  /* Column names and values come from the file: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 desk_field_label (field));

  gtk_string_list_append (names, _("Not in file"));
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    gtk_string_list_append (names, columns[i]);

  self->column_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->column_row),
                                 _("Column in the file"));
  adw_combo_row_set_model (self->column_row, G_LIST_MODEL (names));
  /* TRANSLATORS: accessible name; %s is a field such as "Title" */
  column_name = g_strdup_printf (_("%s: column in the file"),
                                 desk_field_label (field));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, column_name,
                                  -1);
  g_signal_connect_object (self->column_row, "notify::selected",
                           G_CALLBACK (on_column_selected), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self),
                            GTK_WIDGET (self->column_row));

  self->constant_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->constant_row),
                                 _("Same value for every row"));
  /* TRANSLATORS: accessible name; %s is a field such as "Service" */
  constant_name = g_strdup_printf (_("%s: same value for every row"),
                                   desk_field_label (field));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->constant_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  constant_name, -1);
  g_signal_connect_object (self->constant_row, "changed",
                           G_CALLBACK (on_constant_changed), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self),
                            GTK_WIDGET (self->constant_row));

  update_subtitle (self);

  return GTK_WIDGET (self);
}

DeskField
desk_mapping_row_get_field (DeskMappingRow *self)
{
  g_return_val_if_fail (DESK_IS_MAPPING_ROW (self), DESK_FIELD_NONE);

  return self->field;
}

void
desk_mapping_row_set_column (DeskMappingRow *self,
                             const char     *column)
{
  g_return_if_fail (DESK_IS_MAPPING_ROW (self));

  if (column == NULL)
    {
      adw_combo_row_set_selected (self->column_row, 0);
      return;
    }

  for (guint i = 0; self->columns[i] != NULL; i++)
    if (g_strcmp0 (self->columns[i], column) == 0)
      {
        adw_combo_row_set_selected (self->column_row, i + 1);
        return;
      }
}

const char *
desk_mapping_row_get_column (DeskMappingRow *self)
{
  guint selected;

  g_return_val_if_fail (DESK_IS_MAPPING_ROW (self), NULL);

  selected = adw_combo_row_get_selected (self->column_row);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return self->columns[selected - 1];
}

void
desk_mapping_row_set_constant (DeskMappingRow *self,
                               const char     *value)
{
  g_return_if_fail (DESK_IS_MAPPING_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->constant_row),
                         value != NULL ? value : "");
}

const char *
desk_mapping_row_get_constant (DeskMappingRow *self)
{
  g_return_val_if_fail (DESK_IS_MAPPING_ROW (self), "");

  return gtk_editable_get_text (GTK_EDITABLE (self->constant_row));
}

void
desk_mapping_row_set_translation (DeskMappingRow *self,
                                  const char     *file_value,
                                  const char     *value)
{
  g_autofree char *key = NULL;

  g_return_if_fail (DESK_IS_MAPPING_ROW (self));
  g_return_if_fail (file_value != NULL);

  if (self->choices == NULL)
    return;

  key = g_utf8_strdown (file_value, -1);
  if (value == NULL || choice_index (self, value) == 0)
    g_hash_table_remove (self->translations, key);
  else
    g_hash_table_replace (self->translations, g_strdup (key),
                          g_strdup (self->choices[choice_index (self,
                                                                value)]));

  for (guint i = 0; i < self->value_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->value_rows, i);
      const char *shown = g_object_get_data (G_OBJECT (row), "file-value");
      g_autofree char *shown_key = g_utf8_strdown (shown, -1);

      if (g_str_equal (shown_key, key))
        adw_combo_row_set_selected (row, choice_index (self, value));
    }
}

/* A key GKeyFile can hold and read back as it was. */
static gboolean
is_valid_key (const char *key)
{
  return key[0] != '\0' && key[0] != '[' && key[0] != '#' &&
         strpbrk (key, "=\n\r") == NULL &&
         !g_ascii_isspace (key[0]) &&
         !g_ascii_isspace (key[strlen (key) - 1]);
}

void
desk_mapping_row_save (DeskMappingRow *self,
                       GKeyFile       *mapping)
{
  const char *name = desk_field_to_string (self->field);
  const char *column = desk_mapping_row_get_column (self);
  g_autofree char *constant = NULL;
  g_autofree char *group = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_if_fail (DESK_IS_MAPPING_ROW (self));

  constant = g_strstrip (g_strdup (desk_mapping_row_get_constant (self)));
  if (column != NULL)
    g_key_file_set_string (mapping, "columns", name, column);
  else if (constant[0] != '\0')
    g_key_file_set_string (mapping, "constants", name, constant);

  if (column == NULL || g_hash_table_size (self->translations) == 0)
    return;

  group = g_strconcat ("values:", name, NULL);
  g_hash_table_iter_init (&iter, self->translations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (is_valid_key (key))
      g_key_file_set_string (mapping, group, key, value);
}

void
desk_mapping_row_load (DeskMappingRow *self,
                       GKeyFile       *mapping)
{
  const char *name = desk_field_to_string (self->field);
  g_autofree char *column = NULL;
  g_autofree char *constant = NULL;
  g_autofree char *group = NULL;
  g_auto(GStrv) keys = NULL;

  g_return_if_fail (DESK_IS_MAPPING_ROW (self));

  self->loading = TRUE;

  g_hash_table_remove_all (self->translations);
  group = g_strconcat ("values:", name, NULL);
  keys = g_key_file_get_keys (mapping, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (mapping, group, keys[i],
                                                      NULL);

      if (value != NULL)
        g_hash_table_replace (self->translations,
                              g_utf8_strdown (keys[i], -1),
                              g_strstrip (g_steal_pointer (&value)));
    }

  column = g_key_file_get_string (mapping, "columns", name, NULL);
  constant = g_key_file_get_string (mapping, "constants", name, NULL);
  adw_combo_row_set_selected (self->column_row, 0);
  desk_mapping_row_set_column (self, column);
  desk_mapping_row_set_constant (self, constant);
  rebuild_value_rows (self);

  self->loading = FALSE;
}
