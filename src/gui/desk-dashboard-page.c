/* desk-dashboard-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure comes from one worker-thread task per reload: the summary
 * (GROUP BY in the store), two counts for this week, the SLA report for
 * this month and the few most recent incidents.
 */

#define G_LOG_DOMAIN "desk-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-dashboard-page.h"
#include "desk-gui-util.h"
#include "desk-severity-chart.h"
#include "desk-sla-report.h"

#define N_RECENT 8

struct _DeskDashboardPage
{
  AdwBin             parent_instance;

  GtkStack          *stack;
  GtkSpinner        *spinner;
  AdwStatusPage     *error_page;
  GtkFlowBox        *overview_box;
  GtkFlowBox        *severity_box;
  GtkFlowBox        *status_box;
  DeskSeverityChart *chart;
  GtkListBox        *recent_list;
  GtkButton         *demo_button;
  GtkSpinner        *demo_spinner;
  GtkLabel          *viewer_label;

  DeskStore         *store;
  GCancellable      *cancellable;
  GCancellable      *demo_cancellable;
  GHashTable        *card_labels;   /* filter → GtkLabel (not owned) */
  GHashTable        *card_values;   /* filter → GUINT_TO_POINTER */

  guint              loading : 1;
};

G_DEFINE_FINAL_TYPE (DeskDashboardPage, desk_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  DeskSummary *summary;
  DeskSummary *open_summary;
  guint        opened_week;
  guint        resolved_week;
  guint        breached_month;
  gboolean     sla_ok;
  GPtrArray   *recent;        /* DeskIncident */
} DashboardData;

static void
dashboard_data_free (DashboardData *data)
{
  g_clear_pointer (&data->summary, desk_summary_free);
  g_clear_pointer (&data->open_summary, desk_summary_free);
  g_clear_pointer (&data->recent, g_ptr_array_unref);
  g_free (data);
}

static guint
open_status_mask (void)
{
  guint mask = 0;

  for (guint s = 0; s < DESK_N_STATUSES; s++)
    if (desk_status_is_open (s))
      mask |= 1u << s;

  return mask;
}

static guint
count_breaches (DeskStore    *store,
                GTimeZone    *tz,
                gint64        month_start,
                gint64        month_end,
                gint64        now,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DeskSlaReport) report = NULL;
  guint n = 0;

  report = desk_sla_report_build (store, NULL, month_start, month_end, tz,
                                  g_settings_get_double (settings,
                                                         "degraded-weight"),
                                  now, cancellable, error);
  if (report == NULL)
    return 0;

  for (guint i = 0; i < report->rows->len; i++)
    {
      DeskSlaRow *row = g_ptr_array_index (report->rows, i);

      if (row->availability.state == DESK_SLA_BREACHED)
        n++;
    }

  return n;
}

static gboolean
collect_recent (const DeskIncident *incident,
                gpointer            user_data)
{
  GPtrArray *recent = user_data;

  g_ptr_array_add (recent, desk_incident_copy (incident));

  return recent->len < N_RECENT;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DeskStore *store = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = desk_gui_time_zone ();
  g_autoptr(DeskQuery) query = desk_query_new ();
  DashboardData *data = g_new0 (DashboardData, 1);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 week_start, month_start, month_end;

  desk_gui_week_month (tz, now, &week_start, &month_start, &month_end);

  data->summary = desk_store_summary (store, NULL, &error);
  if (data->summary == NULL)
    goto failed;

  query->status_mask = open_status_mask ();
  data->open_summary = desk_store_summary (store, query, &error);
  if (data->open_summary == NULL)
    goto failed;

  desk_query_free (query);
  query = desk_query_new ();
  query->detected_from = week_start;
  data->opened_week = desk_store_count (store, query, &error);
  if (error != NULL)
    goto failed;

  desk_query_free (query);
  query = desk_query_new ();
  query->resolved_from = week_start;
  data->resolved_week = desk_store_count (store, query, &error);
  if (error != NULL)
    goto failed;

  /* Read only the newest rows, not the ids of every incident. */
  desk_query_free (query);
  query = desk_query_new ();
  query->sort = DESK_SORT_DETECTED;
  query->descending = TRUE;
  data->recent = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                 desk_incident_unref);
  if (!desk_store_foreach_incident (store, query, collect_recent,
                                    data->recent, cancellable, &error))
    goto failed;

  /* The SLA figure is one card among many: if it fails, show the rest. */
  data->breached_month = count_breaches (store, tz, month_start, month_end,
                                         now, cancellable, &error);
  data->sla_ok = error == NULL;
  if (error != NULL && !desk_gui_error_is_cancelled (error))
    g_warning ("Could not compute this month's SLA: %s", error->message);
  g_clear_error (&error);

  g_task_return_pointer (task, data, (GDestroyNotify) dashboard_data_free);
  return;

failed:
  dashboard_data_free (data);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
set_loading (DeskDashboardPage *self,
             gboolean           loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_card (DeskDashboardPage *self,
          const char        *filter,
          guint              value)
{
  GtkLabel *label = g_hash_table_lookup (self->card_labels, filter);
  g_autofree char *text = g_strdup_printf ("%u", value);

  g_hash_table_insert (self->card_values, g_strdup (filter),
                       GUINT_TO_POINTER (value));
  if (label != NULL)
    gtk_label_set_label (label, text);
}

static GtkWidget *
recent_row (DeskIncident *inc)
{
  g_autofree char *when = desk_gui_format_time (inc->detected_at);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *severity;
  GtkWidget *status;
  GtkWidget *box;

  subtitle = g_strdup_printf ("%s · %s · %s", inc->reference, inc->service,
                              when);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), inc->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "incident-id",
                          g_memdup2 (&inc->id, sizeof inc->id), g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  severity = gtk_label_new (desk_severity_to_string (inc->severity));
  gtk_widget_add_css_class (severity, "pill");
  gtk_widget_add_css_class (severity, desk_gui_severity_class (inc->severity));
  gtk_widget_set_tooltip_text (severity, desk_severity_label (inc->severity));
  status = gtk_label_new (desk_status_label (inc->status));
  gtk_widget_add_css_class (status, "pill");
  gtk_widget_add_css_class (status, desk_gui_status_class (inc->status));
  gtk_box_append (GTK_BOX (box), severity);
  gtk_box_append (GTK_BOX (box), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

static void
show_data (DeskDashboardPage *self,
           DashboardData     *data)
{
  GtkWidget *child;

  if (data->summary->total == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  set_card (self, "open", data->summary->open);
  set_card (self, "opened-week", data->opened_week);
  set_card (self, "resolved-week", data->resolved_week);
  set_card (self, "breached-month", data->breached_month);

  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    {
      g_autofree char *filter = NULL;

      filter = g_strdup_printf ("severity=%s", desk_severity_to_string (s));
      set_card (self, filter, data->summary->by_severity[s]);
    }

  for (guint s = 0; s < DESK_N_STATUSES; s++)
    {
      g_autofree char *filter = NULL;

      filter = g_strdup_printf ("status=%s", desk_status_to_string (s));
      set_card (self, filter, data->summary->by_status[s]);
    }

  desk_severity_chart_set_counts (self->chart,
                                  data->open_summary->by_severity);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; i < data->recent->len; i++)
    gtk_list_box_append (self->recent_list,
                         recent_row (g_ptr_array_index (data->recent, i)));

  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  DeskDashboardPage *self;
  DashboardData *data;

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (desk_gui_error_is_cancelled (error))
    return;

  self = DESK_DASHBOARD_PAGE (source);
  g_clear_object (&self->cancellable);

  if (data == NULL)
    {
      g_warning ("Could not load the dashboard: %s", error->message);
      adw_status_page_set_description (self->error_page,
                                       _("The counts could not be read from "
                                         "the database. Try again in a "
                                         "moment."));
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      show_data (self, data);
      dashboard_data_free (data);
    }

  set_loading (self, FALSE);
}

void
desk_dashboard_page_reload (DeskDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DESK_IS_DASHBOARD_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "no-database");
      set_loading (self, FALSE);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button),
                            !desk_store_is_read_only (self->store));
  gtk_widget_set_visible (GTK_WIDGET (self->viewer_label),
                          desk_store_is_read_only (self->store));

  /* Keep showing the old figures while new ones come, unless there are
   * none yet.
   */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack),
                 "content") != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, desk_dashboard_page_reload);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

static void
demo_done (DeskDashboardPage *self,
           gboolean           busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->demo_spinner), busy);
  gtk_spinner_set_spinning (self->demo_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button), !busy);
}

static void
demo_fill_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DeskDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_gui_demo_fill_finish (result, &error))
    {
      if (desk_gui_error_is_cancelled (error))
        return;

      g_warning ("Could not load demo data: %s", error->message);
      demo_done (self, FALSE);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                  _("The demo data could not be added"));
      return;
    }

  demo_done (self, FALSE);
  g_clear_object (&self->demo_cancellable);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                              _("Demo data loaded"));
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL))
    desk_dashboard_page_reload (self);
}

static void
on_demo_clicked (DeskDashboardPage *self)
{
  if (self->store == NULL || desk_store_is_read_only (self->store))
    return;

  demo_done (self, TRUE);
  g_clear_object (&self->demo_cancellable);
  self->demo_cancellable = g_cancellable_new ();
  desk_gui_demo_fill_async (self->store, self->demo_cancellable,
                            demo_fill_cb, g_object_ref (self));
}

static void
on_recent_activated (DeskDashboardPage *self,
                     GtkListBoxRow     *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "incident-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-incident",
                                "x", *id);
}

static void
add_card (DeskDashboardPage *self,
          GtkFlowBox        *box,
          const char        *caption,
          const char        *filter,
          const char        *css_class)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = gtk_label_new ("0");
  GtkWidget *label = gtk_label_new (caption);
  GtkWidget *child;

  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "desk-stat-card");
  gtk_widget_add_css_class (number, "desk-stat-number");
  gtk_widget_add_css_class (label, "desk-stat-caption");
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    {
      gtk_widget_add_css_class (label, "pill");
      gtk_widget_add_css_class (label, css_class);
      gtk_widget_set_halign (label, GTK_ALIGN_START);
    }

  gtk_box_append (GTK_BOX (vbox), number);
  gtk_box_append (GTK_BOX (vbox), label);
  gtk_button_set_child (GTK_BUTTON (button), vbox);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                  "win.filter-incidents");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", filter);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, number, NULL,
                                  -1);

  gtk_flow_box_append (box, button);
  child = gtk_widget_get_parent (button);
  gtk_widget_set_focusable (child, FALSE);

  g_hash_table_insert (self->card_labels, g_strdup (filter), number);
}

static void
build_cards (DeskDashboardPage *self)
{
  add_card (self, self->overview_box, _("Open incidents"), "open", NULL);
  add_card (self, self->overview_box, _("Opened this week"), "opened-week",
            NULL);
  add_card (self, self->overview_box, _("Resolved this week"),
            "resolved-week", NULL);
  add_card (self, self->overview_box, _("SLA breaches this month"),
            "breached-month", NULL);

  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    {
      g_autofree char *filter = NULL;

      filter = g_strdup_printf ("severity=%s", desk_severity_to_string (s));
      add_card (self, self->severity_box, desk_severity_label (s), filter,
                desk_gui_severity_class (s));
    }

  for (guint s = 0; s < DESK_N_STATUSES; s++)
    {
      g_autofree char *filter = NULL;

      filter = g_strdup_printf ("status=%s", desk_status_to_string (s));
      add_card (self, self->status_box, desk_status_label (s), filter,
                desk_gui_status_class (s));
    }
}

static void
desk_dashboard_page_dispose (GObject *object)
{
  DeskDashboardPage *self = DESK_DASHBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  g_clear_object (&self->store);

  /* The bin's child is a template child: let go of it first, or the
   * bin would unparent it a second time.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (desk_dashboard_page_parent_class)->dispose (object);
}

static void
desk_dashboard_page_finalize (GObject *object)
{
  DeskDashboardPage *self = DESK_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->card_labels, g_hash_table_unref);
  g_clear_pointer (&self->card_values, g_hash_table_unref);

  G_OBJECT_CLASS (desk_dashboard_page_parent_class)->finalize (object);
}

static void
desk_dashboard_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DeskDashboardPage *self = DESK_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_dashboard_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DeskDashboardPage *self = DESK_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_dashboard_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_dashboard_page_class_init (DeskDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_dashboard_page_dispose;
  object_class->finalize = desk_dashboard_page_finalize;
  object_class->get_property = desk_dashboard_page_get_property;
  object_class->set_property = desk_dashboard_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_SEVERITY_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/desk-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, severity_box);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, chart);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, demo_spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskDashboardPage, viewer_label);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
  gtk_widget_class_bind_template_callback (widget_class, desk_dashboard_page_reload);
}

static void
desk_dashboard_page_init (DeskDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->card_labels = g_hash_table_new_full (g_str_hash, g_str_equal,
                                             g_free, NULL);
  self->card_values = g_hash_table_new_full (g_str_hash, g_str_equal,
                                             g_free, NULL);
  build_cards (self);
}

GtkWidget *
desk_dashboard_page_new (void)
{
  return g_object_new (DESK_TYPE_DASHBOARD_PAGE, NULL);
}

DeskStore *
desk_dashboard_page_get_store (DeskDashboardPage *self)
{
  g_return_val_if_fail (DESK_IS_DASHBOARD_PAGE (self), NULL);

  return self->store;
}

void
desk_dashboard_page_set_store (DeskDashboardPage *self,
                               DeskStore         *store)
{
  g_return_if_fail (DESK_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_stack_set_visible_child_name (self->stack, "loading");
  desk_dashboard_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
desk_dashboard_page_get_loading (DeskDashboardPage *self)
{
  g_return_val_if_fail (DESK_IS_DASHBOARD_PAGE (self), FALSE);

  return self->loading;
}

const char *
desk_dashboard_page_get_state (DeskDashboardPage *self)
{
  g_return_val_if_fail (DESK_IS_DASHBOARD_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

guint
desk_dashboard_page_get_card_value (DeskDashboardPage *self,
                                    const char        *filter)
{
  g_return_val_if_fail (DESK_IS_DASHBOARD_PAGE (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->card_values, filter));
}

guint
desk_dashboard_page_get_n_recent (DeskDashboardPage *self)
{
  GtkWidget *child;
  guint n = 0;

  g_return_val_if_fail (DESK_IS_DASHBOARD_PAGE (self), 0);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}
