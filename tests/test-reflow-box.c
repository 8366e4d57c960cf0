/* test-reflow-box.c: equal columns that wrap when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "desk-reflow-box.h"

/* Three children 100 px wide and 20 px high, 6 px apart. */
static GtkWidget *
new_box (void)
{
  GtkWidget *box = desk_reflow_box_new ();

  desk_reflow_box_set_spacing (DESK_REFLOW_BOX (box), 6);
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *child = gtk_label_new (NULL);

      gtk_widget_set_size_request (child, 100, 20);
      gtk_widget_set_parent (child, box);
    }

  return g_object_ref_sink (box);
}

static void
test_widths (void)
{
  g_autoptr(GtkWidget) box = new_box ();
  int minimum, natural;

  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 100);
  g_assert_cmpint (natural, ==, 312);
}

typedef struct
{
  const char *name;
  int         width;
  int         height;
  int         x[3];
  int         y[3];
} Case;

static const Case cases[] = {
  /* One line: 100 + 6 + 100 + 6 + 100 fits. */
  { "one-line", 312, 20, { 0, 106, 212 }, { 0, 0, 0 } },
  /* Two to a line: (250 - 6) / 2 = 122 each. */
  { "two-lines", 250, 46, { 0, 128, 0 }, { 0, 0, 26 } },
  /* One under the other. */
  { "three-lines", 150, 72, { 0, 0, 0 }, { 0, 26, 52 } },
};

static void
test_layout (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GtkWidget) box = new_box ();
  GtkWidget *child = gtk_widget_get_first_child (box);
  int minimum, natural;

  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, c->width,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, c->height);

  gtk_widget_size_allocate (box,
                            &(GtkAllocation) { 0, 0, c->width, c->height },
                            -1);
  for (guint i = 0; i < 3; i++, child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (child, box, &bounds));
      g_assert_cmpint ((int) bounds.origin.x, ==, c->x[i]);
      g_assert_cmpint ((int) bounds.origin.y, ==, c->y[i]);
      g_assert_cmpint ((int) bounds.size.height, ==, 20);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reflow-box/widths", test_widths);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/reflow-box/layout/%s",
                                               cases[i].name);

      g_test_add_data_func (path, &cases[i], test_layout);
    }

  return g_test_run ();
}
