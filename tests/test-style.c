/* test-style.c: the colours of ui/style.css and ui/style-dark.css
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every colour class is a foreground on its own background; each pair
 * must reach the WCAG 2 contrast of 4.5:1 for normal text, in the light
 * style and in the dark one.
 */

#include <math.h>
#include <gio/gio.h>

#include "desk-gui-util.h"
#include "desk-sla.h"

#define MIN_CONTRAST 4.5

typedef struct
{
  const char *file;
  char       *klass;
} Case;

static const char * const styles[] = { "style.css", "style-dark.css" };

static const char * const other_classes[] = {
  "sla-met", "sla-at-risk", "sla-breached",
  "clock-ok", "clock-warning", "clock-breached",
};

static char *
read_style (const char *file)
{
  g_autofree char *path = g_strconcat ("/io/example/IncidentDesk/", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Finds ".klass { color: #rrggbb; background-color: #rrggbb; }". */
static gboolean
find_pair (const char *css,
           const char *klass,
           char      **fg,
           char      **bg)
{
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  pattern = g_strdup_printf ("^\\.%s\\s*\\{\\s*color:\\s*(#[0-9a-fA-F]{6});"
                             "\\s*background-color:\\s*(#[0-9a-fA-F]{6});"
                             "\\s*\\}",
                             klass);
  regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  if (!g_regex_match (regex, css, 0, &match))
    return FALSE;

  *fg = g_match_info_fetch (match, 1);
  *bg = g_match_info_fetch (match, 2);

  return TRUE;
}

static double
channel (guint value)
{
  double c = value / 255.0;

  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const char *hex)
{
  guint rgb = (guint) g_ascii_strtoull (hex + 1, NULL, 16);

  return 0.2126 * channel ((rgb >> 16) & 0xff) +
         0.7152 * channel ((rgb >> 8) & 0xff) +
         0.0722 * channel (rgb & 0xff);
}

static double
contrast (const char *a,
          const char *b)
{
  double la = luminance (a);
  double lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
test_known_values (void)
{
  g_assert_cmpfloat_with_epsilon (contrast ("#000000", "#ffffff"), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (contrast ("#777777", "#777777"), 1.0, 1e-9);
  /* #767676 on white is the classic smallest grey that passes. */
  g_assert_cmpfloat (contrast ("#767676", "#ffffff"), >=, 4.5);
  g_assert_cmpfloat (contrast ("#777777", "#ffffff"), <, 4.5);
}

static void
test_pair (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *css = read_style (c->file);
  g_autofree char *fg = NULL;
  g_autofree char *bg = NULL;
  double ratio;

  if (!find_pair (css, c->klass, &fg, &bg))
    g_error ("%s has no colour pair for .%s", c->file, c->klass);

  ratio = contrast (fg, bg);
  if (ratio < MIN_CONTRAST)
    g_error ("%s: .%s %s on %s has contrast %.2f:1", c->file, c->klass,
             fg, bg, ratio);
}

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->klass);
  g_free (c);
}

static void
add_case (const char *file,
          const char *klass)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *base = g_strndup (file, strlen (file) - strlen (".css"));
  g_autofree char *name = NULL;

  c->file = file;
  c->klass = g_strdup (klass);
  name = g_strdup_printf ("/style/contrast/%s/%s", base, klass);
  g_test_add_data_func_full (name, c, test_pair, case_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/style/contrast-formula", test_known_values);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
        add_case (styles[i], desk_gui_severity_class (s));
      for (guint s = 0; s < DESK_N_STATUSES; s++)
        add_case (styles[i], desk_gui_status_class (s));
      for (guint k = 0; k < G_N_ELEMENTS (other_classes); k++)
        add_case (styles[i], other_classes[k]);
    }

  return g_test_run ();
}
