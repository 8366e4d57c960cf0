/* desk-reflow-box.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row of equal columns that wraps onto more lines when the children
 * would otherwise be squeezed below their natural width (a dropdown
 * would ellipsize its choice, a button would clip its label).
 */

#define G_LOG_DOMAIN "desk-reflow-box"

#include "desk-reflow-box.h"

struct _DeskReflowBox
{
  GtkWidget parent_instance;

  int       spacing;
};

G_DEFINE_FINAL_TYPE (DeskReflowBox, desk_reflow_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count_visible (DeskReflowBox *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      n++;

  return n;
}

static void
measure_widths (DeskReflowBox *self,
                int           *max_minimum,
                int           *max_natural)
{
  *max_minimum = 0;
  *max_natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum, natural;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, &natural, NULL, NULL);
      *max_minimum = MAX (*max_minimum, minimum);
      *max_natural = MAX (*max_natural, natural);
    }
}

/* How many columns fit in @width with every child at its natural
 * width; at least one.
 */
static guint
columns_for (DeskReflowBox *self,
             int            width)
{
  guint n = count_visible (self);
  int max_minimum, max_natural;

  measure_widths (self, &max_minimum, &max_natural);

  if (width < 0)
    return MAX (n, 1);

  for (guint columns = n; columns > 1; columns--)
    if ((width - self->spacing * ((int) columns - 1)) / (int) columns >=
        max_natural)
      return columns;

  return 1;
}

static int
column_width (DeskReflowBox *self,
              int            width,
              guint          columns)
{
  return MAX (0, (width - self->spacing * ((int) columns - 1)) /
                 (int) columns);
}

static void
desk_reflow_box_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  DeskReflowBox *self = DESK_REFLOW_BOX (widget);
  guint n = count_visible (self);
  guint columns, index = 0;
  int line_minimum = 0, line_natural = 0;
  int child_width;

  *minimum = 0;
  *natural = 0;
  if (n == 0)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int max_minimum, max_natural;

      measure_widths (self, &max_minimum, &max_natural);
      *minimum = max_minimum;
      *natural = max_natural * (int) n + self->spacing * ((int) n - 1);
      return;
    }

  columns = columns_for (self, for_size);
  child_width = for_size < 0 ? -1 : column_width (self, for_size, columns);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum, child_natural;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width,
                          &child_minimum, &child_natural, NULL, NULL);
      line_minimum = MAX (line_minimum, child_minimum);
      line_natural = MAX (line_natural, child_natural);

      index++;
      if (index % columns == 0 || index == n)
        {
          if (index > columns)
            {
              *minimum += self->spacing;
              *natural += self->spacing;
            }
          *minimum += line_minimum;
          *natural += line_natural;
          line_minimum = 0;
          line_natural = 0;
        }
    }
}

static void
desk_reflow_box_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DeskReflowBox *self = DESK_REFLOW_BOX (widget);
  guint columns = columns_for (self, width);
  int child_width = column_width (self, width, columns);
  int n = count_visible (self);
  int lines = (n + (int) columns - 1) / (int) columns;
  int line_height;
  guint index = 0;

  if (n == 0)
    return;

  line_height = MAX (0, (height - self->spacing * (lines - 1)) / lines);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint column = index % columns;
      guint line = index / columns;
      int x = (int) column * (child_width + self->spacing);
      int y = (int) line * (line_height + self->spacing);
      int w = child_width;

      if (!gtk_widget_should_layout (child))
        continue;

      /* The last column takes what the division left over. */
      if (column == columns - 1)
        w = width - x;
      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
        x = width - x - w;

      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { x, y, w, line_height },
                                -1);
      index++;
    }
}

static GtkSizeRequestMode
desk_reflow_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
desk_reflow_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_reflow_box_parent_class)->dispose (object);
}

static void
desk_reflow_box_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DeskReflowBox *self = DESK_REFLOW_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_reflow_box_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DeskReflowBox *self = DESK_REFLOW_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      desk_reflow_box_set_spacing (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_reflow_box_class_init (DeskReflowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_reflow_box_dispose;
  object_class->get_property = desk_reflow_box_get_property;
  object_class->set_property = desk_reflow_box_set_property;

  widget_class->measure = desk_reflow_box_measure;
  widget_class->size_allocate = desk_reflow_box_size_allocate;
  widget_class->get_request_mode = desk_reflow_box_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_reflow_box_init (DeskReflowBox *self)
{
}

GtkWidget *
desk_reflow_box_new (void)
{
  return g_object_new (DESK_TYPE_REFLOW_BOX, NULL);
}

void
desk_reflow_box_set_spacing (DeskReflowBox *self,
                             int            spacing)
{
  g_return_if_fail (DESK_IS_REFLOW_BOX (self));

  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
