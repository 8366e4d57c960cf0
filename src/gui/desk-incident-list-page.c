/* desk-incident-list-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filters build a DeskQuery; the store does the filtering and the
 * sorting. GTK 4.8 has no API to read which column a GtkColumnView is
 * sorted by, so every column gets a sorter that records when it is asked
 * first: comparing once through the view's sorter tells the primary
 * column, and the sign of the answer tells the direction.
 */

#define G_LOG_DOMAIN "desk-list"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-gui-util.h"
#include "desk-incident-list-page.h"
#include "desk-incident-object.h"
#include "desk-reflow-box.h"

#define SPINNER_DELAY_MS 150

typedef enum
{
  EXTRA_NONE,
  EXTRA_OPENED_WEEK,
  EXTRA_RESOLVED_WEEK,
} ExtraFilter;

enum {
  STATUS_ALL,
  STATUS_OPEN,
  STATUS_FIRST,
};

enum {
  COL_REFERENCE,
  COL_TITLE,
  COL_SERVICE,
  COL_SEVERITY,
  COL_STATUS,
  COL_DETECTED,
  COL_ASSIGNEE,
  N_COLUMNS
};

static const DeskSort column_sort[N_COLUMNS] = {
  DESK_SORT_REFERENCE,
  DESK_SORT_TITLE,
  DESK_SORT_SERVICE,
  DESK_SORT_SEVERITY,
  DESK_SORT_STATUS,
  DESK_SORT_DETECTED,
  DESK_SORT_ASSIGNEE,
};

typedef struct _DeskIncidentListPage DeskIncidentListPage;

typedef struct
{
  DeskIncidentListPage *page;
  guint                 column;
} ColumnProbe;

struct _DeskIncidentListPage
{
  AdwBin                 parent_instance;

  GtkBox                *filter_box;
  GtkSearchEntry        *search_entry;
  GtkDropDown           *service_dropdown;
  GtkDropDown           *severity_dropdown;
  GtkDropDown           *status_dropdown;
  GtkLabel              *count_label;
  GtkButton             *extra_button;
  GtkLabel              *extra_label;
  GtkButton             *clear_button;
  GtkSpinner            *loading_spinner;
  GtkStack              *content_stack;
  GtkColumnView         *column_view;
  GtkListView           *list_view;
  GtkColumnViewColumn   *reference_column;
  GtkColumnViewColumn   *title_column;
  GtkColumnViewColumn   *service_column;
  GtkColumnViewColumn   *severity_column;
  GtkColumnViewColumn   *status_column;
  GtkColumnViewColumn   *detected_column;
  GtkColumnViewColumn   *assignee_column;

  DeskStore             *store;
  DeskIncidentListModel *model;
  GtkStringList         *services;
  GCancellable          *services_cancellable;
  ExtraFilter            extra;
  ColumnProbe            probes[N_COLUMNS];
  int                    probed_column;
  DeskSort               sort;
  gboolean               descending;
  guint                  spinner_source;
  GtkNoSelection        *selection;

  guint                  compact : 1;
  guint                  updating : 1;
};

G_DEFINE_FINAL_TYPE (DeskIncidentListPage, desk_incident_list_page,
                     ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filters_active (DeskIncidentListPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return text[0] != '\0' ||
         gtk_drop_down_get_selected (self->service_dropdown) != 0 ||
         gtk_drop_down_get_selected (self->severity_dropdown) != 0 ||
         gtk_drop_down_get_selected (self->status_dropdown) != STATUS_ALL ||
         self->extra != EXTRA_NONE;
}

static void
update_view (DeskIncidentListPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean loading = desk_incident_list_model_get_loading (self->model);
  const char *state;
  g_autofree char *count = NULL;

  if (self->store == NULL)
    state = "no-database";
  else if (desk_incident_list_model_get_error (self->model) != NULL)
    state = "error";
  else if (n > 0 || loading)
    state = self->compact ? "cards" : "table";
  else if (filters_active (self))
    state = "empty";
  else
    state = "no-data";

  gtk_stack_set_visible_child_name (self->content_stack, state);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button),
                          filters_active (self));

  if (loading && n == 0)
    count = g_strdup (_("Loading incidents…"));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u incident", "%u incidents", n),
                             n);
  gtk_label_set_label (self->count_label, count);
}

/* Only the view on screen follows the model: with a million rows each
 * view takes a noticeable moment to take in a change.
 */
static void
attach_view (DeskIncidentListPage *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);

  gtk_column_view_set_model (self->column_view, self->compact ? NULL : model);
  gtk_list_view_set_model (self->list_view, self->compact ? model : NULL);
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

static DeskQuery *
build_query (DeskIncidentListPage *self)
{
  DeskQuery *query = desk_query_new ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint service = gtk_drop_down_get_selected (self->service_dropdown);
  guint severity = gtk_drop_down_get_selected (self->severity_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  g_autoptr(GTimeZone) tz = NULL;
  gint64 now, week_start, month_start, month_end;

  if (service != 0 && service != GTK_INVALID_LIST_POSITION)
    query->service = g_strdup (gtk_string_list_get_string (self->services,
                                                           service));
  if (severity != 0 && severity != GTK_INVALID_LIST_POSITION)
    query->severity_mask = 1u << severity;
  if (status == STATUS_OPEN)
    query->status_mask = open_status_mask ();
  else if (status >= STATUS_FIRST && status != GTK_INVALID_LIST_POSITION)
    query->status_mask = 1u << (status - STATUS_FIRST);

  query->text = g_strstrip (g_strdelimit (g_strdup (text), "\t\n", ' '));
  if (query->text[0] == '\0')
    g_clear_pointer (&query->text, g_free);

  if (self->extra != EXTRA_NONE)
    {
      tz = desk_gui_time_zone ();
      now = g_get_real_time () / G_USEC_PER_SEC;
      desk_gui_week_month (tz, now, &week_start, &month_start, &month_end);
      if (self->extra == EXTRA_OPENED_WEEK)
        query->detected_from = week_start;
      else
        query->resolved_from = week_start;
    }

  query->sort = self->sort;
  query->descending = self->descending;

  return query;
}

/* A new filter or order starts at the top; a reload stays where it is. */
static void
scroll_to_top (DeskIncidentListPage *self)
{
  GtkScrollable *views[] = {
    GTK_SCROLLABLE (self->column_view), GTK_SCROLLABLE (self->list_view),
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (views[i]);

      if (adjustment != NULL)
        gtk_adjustment_set_value (adjustment, 0);
    }
}

static void
apply_query (DeskIncidentListPage *self)
{
  g_autoptr(DeskQuery) query = NULL;
  const DeskQuery *current;

  if (self->updating)
    return;

  query = build_query (self);
  current = desk_incident_list_model_get_query (self->model);
  if (!desk_query_equal (query, current))
    scroll_to_top (self);
  desk_incident_list_model_set_query (self->model, query);
  update_view (self);
}

static void
on_filter_changed (DeskIncidentListPage *self)
{
  apply_query (self);
}

static void
on_stop_search (DeskIncidentListPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
set_extra (DeskIncidentListPage *self,
           ExtraFilter           extra)
{
  self->extra = extra;

  switch (extra)
    {
    case EXTRA_OPENED_WEEK:
      gtk_label_set_label (self->extra_label, _("Opened this week"));
      break;

    case EXTRA_RESOLVED_WEEK:
      gtk_label_set_label (self->extra_label, _("Resolved this week"));
      break;

    case EXTRA_NONE:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->extra_button),
                          extra != EXTRA_NONE);
}

static void
on_extra_clicked (DeskIncidentListPage *self)
{
  set_extra (self, EXTRA_NONE);
  apply_query (self);
}

static void
on_activate (DeskIncidentListPage *self,
             guint                 position)
{
  g_autoptr(DeskIncidentObject) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item == NULL || desk_incident_object_get_incident (item) == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-incident", "x",
                              desk_incident_object_get_id (item));
}

static gboolean
show_spinner (gpointer user_data)
{
  DeskIncidentListPage *self = user_data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), TRUE);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_loading_changed (DeskIncidentListPage *self)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);

  if (desk_incident_list_model_get_loading (self->model))
    {
      self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, show_spinner,
                                            self);
    }
  else
    {
      gtk_spinner_set_spinning (self->loading_spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), FALSE);
    }

  update_view (self);
}

static int
probe_sort (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  ColumnProbe *probe = user_data;

  if (probe->page->probed_column < 0)
    probe->page->probed_column = probe->column;

  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (DeskIncidentListPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;

  /* Any two distinct objects do: gtk_sorter_compare() answers "equal"
   * for the same one without asking the sorters.
   */
  self->probed_column = -1;
  order = gtk_sorter_compare (sorter, self, self->model);

  if (self->probed_column < 0)
    {
      self->sort = DESK_SORT_DETECTED;
      self->descending = TRUE;
    }
  else
    {
      self->sort = column_sort[self->probed_column];
      self->descending = order == GTK_ORDERING_LARGER;
    }

  apply_query (self);
}

/* The table's cells are built in code: GTK 4.8 keeps about two hundred
 * rows of a column view and builds them all anew for a new result, and
 * a label made directly costs a fraction of one read from a template.
 */
typedef struct
{
  const char *text;      /* DeskIncidentObject property shown */
  const char *classes;   /* its colour classes, for pills */
  gboolean    monospace;
} CellKind;

static const CellKind cell_kinds[N_COLUMNS] = {
  { "reference", NULL, TRUE },
  { "title", NULL, FALSE },
  { "service", NULL, FALSE },
  { "severity-label", "severity-classes", FALSE },
  { "status-label", "status-classes", FALSE },
  { "detected-text", NULL, TRUE },
  { "assignee", NULL, FALSE },
};

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const CellKind           *kind)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (kind->classes != NULL)
    gtk_widget_set_halign (label, GTK_ALIGN_START);
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (kind->monospace)
    gtk_widget_add_css_class (label, "desk-reference");

  g_object_set_data (G_OBJECT (item), "desk-cell-kind", (gpointer) kind);
  gtk_list_item_set_child (item, label);
}

static void
cell_show (GtkListItem *item)
{
  const CellKind *kind = g_object_get_data (G_OBJECT (item), "desk-cell-kind");
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  g_auto(GStrv) classes = NULL;
  const char * const none[] = { NULL };

  g_object_get (gtk_list_item_get_item (item), kind->text, &text, NULL);
  gtk_label_set_label (GTK_LABEL (label), text);

  if (kind->classes == NULL)
    return;

  g_object_get (gtk_list_item_get_item (item), kind->classes, &classes, NULL);
  gtk_widget_set_css_classes (label, classes ? (const char **) classes
                                             : (const char **) none);
}

/* The item changes in place when its row shows another incident. */
static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const CellKind           *kind)
{
  g_autofree char *signal = g_strconcat ("notify::", kind->text, NULL);

  g_signal_connect_object (gtk_list_item_get_item (item), signal,
                           G_CALLBACK (cell_show), item, G_CONNECT_SWAPPED);
  cell_show (item);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             const CellKind           *kind)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item),
                                        cell_show, item);
}

static void
setup_cells (DeskIncidentListPage *self)
{
  GtkColumnViewColumn *columns[N_COLUMNS] = {
    self->reference_column, self->title_column, self->service_column,
    self->severity_column, self->status_column, self->detected_column,
    self->assignee_column,
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = NULL;

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup),
                        (gpointer) &cell_kinds[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind),
                        (gpointer) &cell_kinds[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind),
                        (gpointer) &cell_kinds[i]);
      gtk_column_view_column_set_factory (columns[i], factory);
    }
}

static void
setup_sorters (DeskIncidentListPage *self)
{
  GtkColumnViewColumn *columns[N_COLUMNS] = {
    self->reference_column, self->title_column, self->service_column,
    self->severity_column, self->status_column, self->detected_column,
    self->assignee_column,
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkCustomSorter) sorter = NULL;

      self->probes[i].page = self;
      self->probes[i].column = i;
      sorter = gtk_custom_sorter_new (probe_sort, &self->probes[i], NULL);
      gtk_column_view_column_set_sorter (columns[i], GTK_SORTER (sorter));
    }

  self->sort = DESK_SORT_DETECTED;
  self->descending = TRUE;
  gtk_column_view_sort_by_column (self->column_view, self->detected_column,
                                  GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view),
                           "changed", G_CALLBACK (on_sorter_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
ellipsized_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
plain_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
label_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

/* The button shows an ellipsized label so three dropdowns fit in a
 * 360-pixel window; the popup shows the whole text.
 */
static void
setup_dropdown (GtkDropDown *dropdown,
                GListModel  *model)
{
  g_autoptr(GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) popup = gtk_signal_list_item_factory_new ();

  g_signal_connect (button, "setup", G_CALLBACK (ellipsized_setup), NULL);
  g_signal_connect (button, "bind", G_CALLBACK (label_bind), NULL);
  g_signal_connect (popup, "setup", G_CALLBACK (plain_setup), NULL);
  g_signal_connect (popup, "bind", G_CALLBACK (label_bind), NULL);

  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, popup);
  gtk_drop_down_set_model (dropdown, model);
}

static void
setup_filters (DeskIncidentListPage *self)
{
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->services = gtk_string_list_new (NULL);
  gtk_string_list_append (self->services, _("All services"));

  gtk_string_list_append (severities, _("All severities"));
  for (guint s = DESK_SEVERITY_SEV1; s <= DESK_SEVERITY_SEV4; s++)
    gtk_string_list_append (severities, desk_severity_label (s));

  gtk_string_list_append (statuses, _("All statuses"));
  gtk_string_list_append (statuses, _("Open (not resolved)"));
  for (guint s = 0; s < DESK_N_STATUSES; s++)
    gtk_string_list_append (statuses, desk_status_label (s));

  self->updating = TRUE;
  setup_dropdown (self->service_dropdown, G_LIST_MODEL (self->services));
  setup_dropdown (self->severity_dropdown, G_LIST_MODEL (severities));
  setup_dropdown (self->status_dropdown, G_LIST_MODEL (statuses));
  self->updating = FALSE;
}

static void
list_services_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *services;

  services = desk_store_list_services (task_data, &error);
  if (services == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, services, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_services_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DeskIncidentListPage *self = DESK_INCIDENT_LIST_PAGE (source);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *selected = NULL;
  guint position, n, new_selected = 0;

  services = g_task_propagate_pointer (G_TASK (result), &error);
  if (desk_gui_error_is_cancelled (error) || self->services == NULL)
    return;
  if (services == NULL)
    {
      g_warning ("Could not list services: %s", error->message);
      return;
    }

  position = gtk_drop_down_get_selected (self->service_dropdown);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->services));
  if (position != 0 && position != GTK_INVALID_LIST_POSITION)
    selected = g_strdup (gtk_string_list_get_string (self->services, position));

  for (guint i = 0; i < services->len; i++)
    {
      DeskService *service = g_ptr_array_index (services, i);

      g_ptr_array_add (names, service->name);
      if (g_strcmp0 (service->name, selected) == 0)
        new_selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->services, 1, n - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->service_dropdown, new_selected);
  self->updating = FALSE;

  /* A chosen service that no longer exists drops out of the filter. */
  if (selected != NULL && new_selected == 0)
    apply_query (self);
}

/* In a worker thread: the main thread must never wait for the store,
 * which may be busy with a long query for another page.
 */
static void
refresh_services (DeskIncidentListPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->services_cancellable);
  g_clear_object (&self->services_cancellable);
  if (self->store == NULL)
    return;

  self->services_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->services_cancellable, list_services_cb,
                     NULL);
  g_task_set_source_tag (task, refresh_services);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, list_services_thread);
}

static void
desk_incident_list_page_dispose (GObject *object)
{
  DeskIncidentListPage *self = DESK_INCIDENT_LIST_PAGE (object);

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  g_cancellable_cancel (self->services_cancellable);
  g_clear_object (&self->services_cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->column_view != NULL)
    {
      GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

      g_signal_handlers_disconnect_by_data (sorter, self);
    }

  /* The bin's child is a template child: let go of it first, or the
   * bin would unparent it a second time.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_INCIDENT_LIST_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->services);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_incident_list_page_parent_class)->dispose (object);
}

static void
desk_incident_list_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DeskIncidentListPage *self = DESK_INCIDENT_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_list_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DeskIncidentListPage *self = DESK_INCIDENT_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_incident_list_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_COMPACT:
      desk_incident_list_page_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_list_page_class_init (DeskIncidentListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_incident_list_page_dispose;
  object_class->get_property = desk_incident_list_page_get_property;
  object_class->set_property = desk_incident_list_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_INCIDENT_OBJECT);
  g_type_ensure (DESK_TYPE_REFLOW_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/desk-incident-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, extra_button);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, extra_label);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, reference_column);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, service_column);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, severity_column);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, detected_column);
  gtk_widget_class_bind_template_child (widget_class, DeskIncidentListPage, assignee_column);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_extra_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, desk_incident_list_page_clear_filters);
  gtk_widget_class_bind_template_callback (widget_class, desk_incident_list_page_reload);
}

static void
desk_incident_list_page_init (DeskIncidentListPage *self)
{
  GListModel *model;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = desk_incident_list_model_new ();
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (on_loading_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (update_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::failed",
                           G_CALLBACK (update_view), self,
                           G_CONNECT_SWAPPED);

  model = g_object_ref (G_LIST_MODEL (self->model));
  self->selection = gtk_no_selection_new (model);
  attach_view (self);

  setup_filters (self);
  setup_cells (self);
  setup_sorters (self);
  apply_query (self);
}

GtkWidget *
desk_incident_list_page_new (void)
{
  return g_object_new (DESK_TYPE_INCIDENT_LIST_PAGE, NULL);
}

DeskStore *
desk_incident_list_page_get_store (DeskIncidentListPage *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self), NULL);

  return self->store;
}

void
desk_incident_list_page_set_store (DeskIncidentListPage *self,
                                   DeskStore            *store)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  refresh_services (self);
  desk_incident_list_model_set_store (self->model, store);
  apply_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
desk_incident_list_page_get_compact (DeskIncidentListPage *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self), FALSE);

  return self->compact;
}

void
desk_incident_list_page_set_compact (DeskIncidentListPage *self,
                                     gboolean              compact)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;
  attach_view (self);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filter_box),
                                  compact ? GTK_ORIENTATION_VERTICAL
                                          : GTK_ORIENTATION_HORIZONTAL);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

void
desk_incident_list_page_reload (DeskIncidentListPage *self)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self));

  refresh_services (self);
  apply_query (self);
  desk_incident_list_model_reload (self->model);
  update_view (self);
}

static void
reset_filters (DeskIncidentListPage *self)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->service_dropdown, 0);
  gtk_drop_down_set_selected (self->severity_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, STATUS_ALL);
  set_extra (self, EXTRA_NONE);
  self->updating = FALSE;
}

void
desk_incident_list_page_clear_filters (DeskIncidentListPage *self)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self));

  reset_filters (self);
  apply_query (self);
}

gboolean
desk_incident_list_page_apply_filter (DeskIncidentListPage *self,
                                      const char           *filter)
{
  DeskSeverity severity;
  DeskStatus status;
  gboolean known = TRUE;

  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  reset_filters (self);

  self->updating = TRUE;
  if (g_str_equal (filter, "open"))
    gtk_drop_down_set_selected (self->status_dropdown, STATUS_OPEN);
  else if (g_str_has_prefix (filter, "status=") &&
           desk_status_from_string (filter + strlen ("status="), &status))
    gtk_drop_down_set_selected (self->status_dropdown, STATUS_FIRST + status);
  else if (g_str_has_prefix (filter, "severity=") &&
           desk_severity_from_string (filter + strlen ("severity="),
                                      &severity))
    gtk_drop_down_set_selected (self->severity_dropdown, severity);
  else if (g_str_equal (filter, "opened-week"))
    set_extra (self, EXTRA_OPENED_WEEK);
  else if (g_str_equal (filter, "resolved-week"))
    set_extra (self, EXTRA_RESOLVED_WEEK);
  else
    known = FALSE;
  self->updating = FALSE;

  apply_query (self);

  return known;
}

void
desk_incident_list_page_select (DeskIncidentListPage *self,
                                const char           *service,
                                DeskSeverity          severity,
                                int                   status)
{
  guint service_pos = 0;
  guint n;

  g_return_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->services));
  for (guint i = 1; service != NULL && i < n; i++)
    {
      const char *name = gtk_string_list_get_string (self->services, i);

      if (g_strcmp0 (name, service) == 0)
        service_pos = i;
    }

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->service_dropdown, service_pos);
  gtk_drop_down_set_selected (self->severity_dropdown, severity);
  gtk_drop_down_set_selected (self->status_dropdown,
                              status < 0 ? STATUS_ALL : STATUS_FIRST + status);
  self->updating = FALSE;

  apply_query (self);
}

void
desk_incident_list_page_set_search_text (DeskIncidentListPage *self,
                                         const char           *text)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Skip the typing delay: the caller is not typing. */
  apply_query (self);
}

void
desk_incident_list_page_focus_search (DeskIncidentListPage *self)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

const DeskQuery *
desk_incident_list_page_get_query (DeskIncidentListPage *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self), NULL);

  return desk_incident_list_model_get_query (self->model);
}

DeskIncidentListModel *
desk_incident_list_page_get_model (DeskIncidentListPage *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self), NULL);

  return self->model;
}

const char *
desk_incident_list_page_get_state (DeskIncidentListPage *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

guint
desk_incident_list_page_get_n_services (DeskIncidentListPage *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->services)) - 1;
}

const char *
desk_incident_list_page_get_count_text (DeskIncidentListPage *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_PAGE (self), NULL);

  return gtk_label_get_label (self->count_label);
}
