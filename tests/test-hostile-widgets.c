/* test-hostile-widgets.c: hostile titles shown verbatim in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Markup, a lone ampersand, right-to-left text and emoji in a title are
 * shown as they are, in the incident list (table and cards) and in the
 * detail page. A label that took the title as markup would either show
 * other text or fail to parse it, which GTK reports with a warning that
 * G_DEBUG=fatal-warnings turns into a failure.
 */

#include "config.h"

#include <adwaita.h>

#include "desk-incident-detail.h"
#include "desk-incident-list-page.h"
#include "desk-resources.h"
#include "desk-test-util.h"
#include "desk-gui-test-util.h"

/* 2025-03-09T10:00:00Z */
#define DETECTED 1741514400

static const char * const titles[] = {
  "<b>bold</b> &amp; <span foreground=\"red\">&lt;red&gt;</span>",
  "Tom & Jerry <i unclosed",
  "الخادم لا يستجيب 🔥👩🏽‍💻 &#x41;",
  "'); DROP TABLE incidents;-- <big>",
};

typedef struct
{
  char      *dir;
  DeskStore *store;
  GtkWidget *window;
  gint64     ids[G_N_ELEMENTS (titles)];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = desk_test_tmpdir_new ();
  path = g_build_filename (fixture->dir, "incidents.db", NULL);
  fixture->store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(DeskIncident) incident = desk_incident_new ();

      desk_incident_set_string (incident, DESK_FIELD_TITLE, titles[i]);
      desk_incident_set_string (incident, DESK_FIELD_SERVICE,
                                "<b>Mail</b> & co");
      desk_incident_set_string (incident, DESK_FIELD_ASSIGNEE, "a&b <c>");
      desk_incident_set_string (incident, DESK_FIELD_DESCRIPTION,
                                "<markup>&</markup>");
      incident->severity = DESK_SEVERITY_SEV2;
      incident->impact = DESK_IMPACT_OUTAGE;
      incident->status = DESK_STATUS_NEW;
      incident->detected_at = DETECTED + i * 60;
      desk_store_create_incident (fixture->store, incident, &error);
      g_assert_no_error (error);
      fixture->ids[i] = incident->id;
    }

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  desk_test_assert_finalized (fixture->store);
  desk_test_tmpdir_free (fixture->dir);
}

static void
spin_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Every text the widget tree shows: labels and editables. */
static void
collect_texts (GtkWidget *root,
               GPtrArray *out)
{
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  else if (GTK_IS_EDITABLE (root) && !GTK_IS_TEXT (root))
    g_ptr_array_add (out,
                     (gpointer) gtk_editable_get_text (GTK_EDITABLE (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

static gboolean
shows (GtkWidget  *root,
       const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_texts (root, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      if (g_strcmp0 (texts->pdata[i], text) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
list_loaded (gpointer data)
{
  DeskIncidentListModel *model = desk_incident_list_page_get_model (data);

  return !desk_incident_list_model_get_loading (model) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) ==
         G_N_ELEMENTS (titles);
}

static void
check_list (Fixture  *fixture,
            gboolean  compact)
{
  GtkWidget *page = desk_incident_list_page_new ();
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_set_child (GTK_WINDOW (fixture->window), page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  desk_incident_list_page_set_compact (DESK_INCIDENT_LIST_PAGE (page),
                                       compact);
  desk_incident_list_page_set_store (DESK_INCIDENT_LIST_PAGE (page),
                                     fixture->store);
  while (!list_loaded (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  /* Rows are bound once the list view has laid them out. */
  spin_for (300);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_test_message ("list: %s", titles[i]);
      g_assert_true (shows (page, titles[i]));
    }
}

static void
test_list_table (Fixture       *fixture,
                 gconstpointer  data)
{
  check_list (fixture, FALSE);
}

static void
test_list_cards (Fixture       *fixture,
                 gconstpointer  data)
{
  check_list (fixture, TRUE);
}

static void
test_detail (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *page = desk_incident_detail_new ();

  gtk_window_set_child (GTK_WINDOW (fixture->window), page);
  gtk_window_present (GTK_WINDOW (fixture->window));

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
      gboolean busy = TRUE;

      g_object_set (page, "store", fixture->store,
                    "incident-id", fixture->ids[i], NULL);
      spin_for (50);
      do
        {
          g_assert_cmpint (g_get_monotonic_time (), <, end);
          g_object_get (page, "busy", &busy, NULL);
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (1000);
        }
      while (busy);
      spin_for (100);

      g_test_message ("detail: %s", titles[i]);
      g_assert_true (shows (page, titles[i]));
      g_assert_true (shows (page, "<b>Mail</b> & co"));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (desk_get_resource ());
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/hostile-widgets/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("list/table", test_list_table);
  ADD ("list/cards", test_list_cards);
  ADD ("detail", test_detail);

  return g_test_run ();
}
