/* desk-gui-test-util.c: shared helpers for the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "desk-gui-test-util.h"

void
desk_test_use_language (const char *language)
{
  const char *localedir = g_getenv ("INCIDENTDESK_LOCALEDIR");

  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* gtk_test_init() leaves the C locale, where gettext ignores LANGUAGE;
   * C.UTF-8 (the tests' LC_ALL) honours it.
   */
  if (language != NULL)
    {
      g_setenv ("LANGUAGE", language, TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
    }
  else
    {
      g_unsetenv ("LANGUAGE");
      setlocale (LC_ALL, "C");
    }
}

/* A window asks for at least 360 px itself, so its content is measured:
 * that is what would not fit.
 */
int
desk_test_minimum_width (GtkWidget *widget)
{
  int minimum = 0;

  if (GTK_IS_WINDOW (widget))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        minimum = MAX (minimum, desk_test_minimum_width (child));

      return minimum;
    }

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);

  return minimum;
}

static char *
describe (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));

  return g_strdup_printf ("%s%s%s%s", G_OBJECT_TYPE_NAME (widget),
                          text != NULL ? " \"" : "",
                          text != NULL ? text : "",
                          text != NULL ? "\"" : "");
}

/* Names only the deepest wide widgets: their parents are wide because
 * of them.
 */
static gboolean
log_wide (GtkWidget *widget,
          int        limit)
{
  gboolean child_wide = FALSE;

  if (!gtk_widget_get_visible (widget))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    child_wide |= log_wide (child, limit);

  if (desk_test_minimum_width (widget) <= limit)
    return child_wide;

  if (!child_wide)
    {
      g_autofree char *name = describe (widget);
      g_autofree char *parent = NULL;

      if (gtk_widget_get_parent (widget) != NULL)
        parent = describe (gtk_widget_get_parent (widget));
      g_test_message ("%d px wide: %s in %s",
                      desk_test_minimum_width (widget), name,
                      parent != NULL ? parent : "nothing");
    }

  return TRUE;
}

void
desk_test_log_wide_widgets (GtkWidget *root,
                            int        limit)
{
  log_wide (root, limit);
}

static void
collect_ellipsized (GtkWidget *widget,
                    GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_ellipsized (child, texts);
}

GPtrArray *
desk_test_ellipsized_labels (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_ellipsized (root, texts);
  for (guint i = 0; i < texts->len; i++)
    g_test_message ("cut short: \"%s\"", (char *) texts->pdata[i]);

  return texts;
}

void
desk_test_save_png (GtkWidget  *widget,
                    const char *name)
{
  const char *dir = g_getenv ("INCIDENTDESK_TEST_SHOTS");
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  if (dir == NULL || dir[0] == '\0')
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width,
                                                              height));
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

typedef struct
{
  const char *text;
  GtkWidget  *owner;
} Mnemonic;

/* A row's title may be drawn by more than one label (AdwEntryRow has
 * one for the empty and one for the filled row): those are one control.
 */
static GtkWidget *
owner_of (GtkWidget *label)
{
  GtkWidget *row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? row : label;
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   GString    *clashes,
                   guint      *count)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) &&
      gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      /* Alt+S and Alt+s are the same key to GTK. */
      guint keyval = gdk_keyval_to_lower (
        gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      Mnemonic *other;

      if (keyval != GDK_KEY_VoidSymbol)
        {
          other = g_hash_table_lookup (seen, GUINT_TO_POINTER (keyval));
          if (other == NULL)
            {
              other = g_new (Mnemonic, 1);
              other->text = text;
              other->owner = owner_of (widget);
              g_hash_table_insert (seen, GUINT_TO_POINTER (keyval), other);
              (*count)++;
            }
          else if (other->owner != owner_of (widget))
            g_string_append_printf (clashes, " Alt+%s: \"%s\" and \"%s\";",
                                    gdk_keyval_name (keyval), other->text,
                                    text);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, clashes, count);
}

guint
desk_test_assert_unique_mnemonics (GtkWidget *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (NULL, NULL, NULL,
                                                      g_free);
  g_autoptr(GString) clashes = g_string_new (NULL);
  guint count = 0;

  collect_mnemonics (root, seen, clashes, &count);
  if (clashes->len > 0)
    g_test_message ("The same mnemonic twice:%s", clashes->str);
  g_assert_cmpstr (clashes->str, ==, "");

  return count;
}

void
desk_test_wait_cleared (gpointer *weak_pointer)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*weak_pointer != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

void
desk_test_assert_finalized (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  desk_test_wait_cleared (&weak);
}
