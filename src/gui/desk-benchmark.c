/* desk-benchmark.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A frame counts when GDK has painted it (the frame clock's after-paint),
 * so each figure includes the work of showing the result, not only of
 * computing it. Conditions are polled every few milliseconds; once one
 * holds, the next painted frame stops the clock. A filter change is also
 * timed to the moment its result reaches the list on the main thread,
 * before the view takes it in: that is the figure to set beside the
 * same query run by sqlite3.
 */

#define G_LOG_DOMAIN "desk-benchmark"

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include "desk-benchmark.h"
#include "desk-dashboard-page.h"
#include "desk-incident-list-page.h"

typedef enum
{
  PHASE_FIRST_FRAME,
  PHASE_WAIT_READY,
  PHASE_READY_FRAME,
  PHASE_LIST_FRAME,
  PHASE_WAIT_FILTER,
  PHASE_FILTER_FRAME,
  PHASE_DONE,
} Phase;

typedef struct
{
  GtkApplication *application;
  DeskWindow     *window;
  gint64          start;
  gint64          filter_start;
  gint64          filter_result;
  gint64          last_poll;
  gint64          max_stall;
  gint64          filter_stall;
  Phase           phase;
  guint           poll;
} Bench;

static void
report (const char *name,
        double      value)
{
  printf ("%s %.1f\n", name, value);
  fflush (stdout);
}

static gboolean
pages_loaded (Bench *bench)
{
  GtkWidget *dashboard = desk_window_get_page_widget (bench->window,
                                                      "dashboard");
  GtkWidget *list = desk_window_get_page_widget (bench->window, "incidents");
  DeskIncidentListModel *model;

  if (g_strcmp0 (desk_window_get_state (bench->window), "main") != 0)
    return FALSE;

  model = desk_incident_list_page_get_model (DESK_INCIDENT_LIST_PAGE (list));

  return !desk_dashboard_page_get_loading (DESK_DASHBOARD_PAGE (dashboard)) &&
         !desk_incident_list_model_get_loading (model);
}

/* An emission hook runs before the list page's own handler, which
 * already hands the result to the view.
 */
static gboolean
replacing_hook (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               user_data)
{
  Bench *bench = user_data;

  if (bench->phase == PHASE_WAIT_FILTER && bench->filter_result == 0)
    bench->filter_result = g_get_monotonic_time ();

  return TRUE;
}

static void
apply_filter (Bench *bench)
{
  const char *filter = g_getenv ("INCIDENTDESK_BENCHMARK_FILTER");
  GtkWidget *list = desk_window_get_page_widget (bench->window, "incidents");

  if (filter == NULL || filter[0] == '\0')
    filter = "severity=SEV1";

  g_signal_add_emission_hook (g_signal_lookup ("replacing",
                                               DESK_TYPE_INCIDENT_LIST_MODEL),
                              0, replacing_hook, bench, NULL);

  bench->filter_start = g_get_monotonic_time ();
  if (g_str_has_prefix (filter, "search="))
    {
      gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.show-page",
                                  "s", "incidents");
      desk_incident_list_page_set_search_text (DESK_INCIDENT_LIST_PAGE (list),
                                               filter + strlen ("search="));
    }
  else
    {
      gtk_widget_activate_action (GTK_WIDGET (bench->window),
                                  "win.filter-incidents", "s", filter);
    }
}

static gboolean
poll_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->last_poll != 0 && bench->phase != PHASE_FIRST_FRAME)
    bench->max_stall = MAX (bench->max_stall, now - bench->last_poll);
  if (bench->last_poll != 0 && bench->filter_start != 0)
    bench->filter_stall = MAX (bench->filter_stall, now - bench->last_poll);
  bench->last_poll = now;

  if (bench->phase == PHASE_WAIT_READY && pages_loaded (bench))
    {
      bench->phase = PHASE_READY_FRAME;
      gtk_widget_queue_draw (GTK_WIDGET (bench->window));
    }
  else if (bench->phase == PHASE_WAIT_FILTER && pages_loaded (bench))
    {
      /* An empty result of an empty list replaces nothing. */
      if (bench->filter_result == 0)
        bench->filter_result = now;
      bench->phase = PHASE_FILTER_FRAME;
      gtk_widget_queue_draw (GTK_WIDGET (bench->window));
    }

  return G_SOURCE_CONTINUE;
}

static void
finish (Bench *bench)
{
  GtkWidget *list = desk_window_get_page_widget (bench->window, "incidents");
  DeskIncidentListModel *model;
  struct rusage usage;

  model = desk_incident_list_page_get_model (DESK_INCIDENT_LIST_PAGE (list));
  report ("filter-rows", g_list_model_get_n_items (G_LIST_MODEL (model)));

  report ("max-stall-ms", bench->max_stall / 1000.0);
  report ("filter-stall-ms", bench->filter_stall / 1000.0);

  getrusage (RUSAGE_SELF, &usage);
  report ("peak-rss-kb", usage.ru_maxrss);

  bench->phase = PHASE_DONE;
  g_clear_handle_id (&bench->poll, g_source_remove);
  g_application_quit (G_APPLICATION (bench->application));
}

static void
after_paint (GdkFrameClock *clock,
             Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  switch (bench->phase)
    {
    case PHASE_FIRST_FRAME:
      report ("first-frame-ms", (now - bench->start) / 1000.0);
      bench->phase = PHASE_WAIT_READY;
      break;

    case PHASE_READY_FRAME:
      report ("ready-ms", (now - bench->start) / 1000.0);
      /* A filter is changed on the list, so show it first. */
      bench->phase = PHASE_LIST_FRAME;
      gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.show-page",
                                  "s", "incidents");
      break;

    case PHASE_LIST_FRAME:
      bench->phase = PHASE_WAIT_FILTER;
      apply_filter (bench);
      break;

    case PHASE_FILTER_FRAME:
      bench->filter_stall = MAX (bench->filter_stall, now - bench->last_poll);
      report ("filter-result-ms",
              (bench->filter_result - bench->filter_start) / 1000.0);
      report ("filter-ms", (now - bench->filter_start) / 1000.0);
      finish (bench);
      break;

    case PHASE_WAIT_READY:
    case PHASE_WAIT_FILTER:
    case PHASE_DONE:
    default:
      break;
    }
}

static void
on_realize (GtkWidget *widget,
            Bench     *bench)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint), bench);
}

gboolean
desk_benchmark_wanted (void)
{
  return g_strcmp0 (g_getenv ("INCIDENTDESK_BENCHMARK"), "1") == 0;
}

void
desk_benchmark_attach (GtkApplication *application,
                       DeskWindow     *window,
                       gint64          start)
{
  Bench *bench = g_new0 (Bench, 1);

  bench->application = application;
  bench->window = window;
  bench->start = start;
  bench->poll = g_timeout_add (2, poll_cb, bench);

  /* Lives as long as the process: the benchmark quits right after. */
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), bench);
}
