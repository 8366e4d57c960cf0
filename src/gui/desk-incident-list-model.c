/* desk-incident-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With a million incidents the id array is 8 MB; incidents are read only
 * for the rows a view asks for, BLOCK_SIZE at a time, and a few blocks
 * are kept. An item stands for a row, not for an incident: while a view
 * holds it, a new result or a block read changes it in place. GTK 4.8
 * builds every row widget of a view anew for items it has not seen, so
 * a filter change announces only the rows added or removed at the end.
 */

#define G_LOG_DOMAIN "desk-list"

#include "config.h"

#include "desk-gui-util.h"
#include "desk-incident-list-model.h"
#include "desk-incident-object.h"

#define BLOCK_SIZE 50
#define MAX_BLOCKS 16
/* Rows read together with the ids, so a new list shows at once. */
#define PREFETCH   (2 * BLOCK_SIZE)

struct _DeskIncidentListModel
{
  GObject       parent_instance;

  DeskStore    *store;
  DeskQuery    *query;
  GArray       *ids;
  GCancellable *cancellable;      /* the running query */
  GCancellable *block_cancellable; /* block reads for the current ids */
  GError       *error;

  GHashTable   *blocks;   /* block index → Block */
  GQueue        recent;   /* block indices, most recently used first */
  GHashTable   *rows;     /* position → Row, for items someone holds */

  guint         loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskIncidentListModel, desk_incident_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPLACING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A block's incidents, one per id in the list's order, NULL for an id
 * deleted since the query; no array while the block is being read.
 */
typedef struct
{
  GPtrArray *incidents;
} Block;

/* An item handed out, watched until it is finalized. */
typedef struct
{
  DeskIncidentListModel *model;
  DeskIncidentObject    *item;
  guint                  position;
} Row;

typedef struct
{
  DeskStore *store;
  DeskQuery *query;
  GArray    *ids;        /* a block's ids, for a block read */
  guint      block;
} Work;

typedef struct
{
  GArray    *ids;
  GPtrArray *incidents;  /* the first PREFETCH rows, or a block's */
} Result;

static void
work_free (Work *work)
{
  g_clear_object (&work->store);
  g_clear_pointer (&work->query, desk_query_free);
  g_clear_pointer (&work->ids, g_array_unref);
  g_free (work);
}

static void
result_free (Result *result)
{
  g_clear_pointer (&result->ids, g_array_unref);
  g_clear_pointer (&result->incidents, g_ptr_array_unref);
  g_free (result);
}

static GType
desk_incident_list_model_get_item_type (GListModel *model)
{
  return DESK_TYPE_INCIDENT_OBJECT;
}

static guint
desk_incident_list_model_get_n_items (GListModel *model)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (model);

  return self->ids->len;
}

static void
block_free (Block *block)
{
  g_clear_pointer (&block->incidents, g_ptr_array_unref);
  g_free (block);
}

static void
clear_cache (DeskIncidentListModel *self)
{
  g_cancellable_cancel (self->block_cancellable);
  g_clear_object (&self->block_cancellable);
  self->block_cancellable = g_cancellable_new ();

  g_hash_table_remove_all (self->blocks);
  g_queue_clear (&self->recent);
}

static void
incident_unref_nullable (gpointer incident)
{
  if (incident != NULL)
    desk_incident_unref (incident);
}

/* Pairs each of @n ids with its incident among @incidents, which the
 * store gives in the same order but without the ids deleted since the
 * query: those keep their place with no incident.
 */
static GPtrArray *
pair_incidents (const gint64 *ids,
                guint         n,
                GPtrArray    *incidents)
{
  GPtrArray *paired = g_ptr_array_new_full (n, incident_unref_nullable);
  guint j = 0;

  for (guint i = 0; i < n; i++)
    {
      DeskIncident *inc = NULL;

      if (incidents != NULL && j < incidents->len &&
          ((DeskIncident *) g_ptr_array_index (incidents, j))->id == ids[i])
        inc = desk_incident_ref (g_ptr_array_index (incidents, j++));

      g_ptr_array_add (paired, inc);
    }

  return paired;
}

static void
insert_block (DeskIncidentListModel *self,
              guint                  index,
              Block                 *block)
{
  gpointer key = GUINT_TO_POINTER (index);

  g_hash_table_insert (self->blocks, key, block);
  g_queue_remove (&self->recent, key);
  g_queue_push_head (&self->recent, key);

  if (g_queue_get_length (&self->recent) > MAX_BLOCKS)
    g_hash_table_remove (self->blocks, g_queue_pop_tail (&self->recent));
}

/* Shows in @row what the cache knows of its position. */
static void
fill_row (DeskIncidentListModel *self,
          Row                   *row,
          Block                 *block)
{
  gint64 id = g_array_index (self->ids, gint64, row->position);
  DeskIncident *inc = NULL;

  if (block->incidents != NULL)
    inc = g_ptr_array_index (block->incidents, row->position % BLOCK_SIZE);

  desk_incident_object_update (row->item, id, inc,
                               block->incidents == NULL);
}

static void
fill_block_rows (DeskIncidentListModel *self,
                 guint                  index,
                 Block                 *block)
{
  guint start = index * BLOCK_SIZE;
  guint end = MIN (start + BLOCK_SIZE, self->ids->len);

  for (guint p = start; p < end; p++)
    {
      Row *row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (p));

      if (row != NULL)
        fill_row (self, row, block);
    }
}

static void
read_block_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Work *work = task_data;
  Result *result = g_new0 (Result, 1);
  GError *error = NULL;

  result->incidents = desk_store_get_incidents (work->store,
                                                (gint64 *) work->ids->data,
                                                work->ids->len, &error);
  if (result->incidents == NULL)
    {
      result_free (result);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) result_free);
}

static void
read_block_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (source);
  Work *work = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  Result *result;
  Block *block;
  guint start = work->block * BLOCK_SIZE;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (desk_gui_error_is_cancelled (error))
    return;
  if (result == NULL)
    g_warning ("Could not read incidents %u to %u: %s",
               start, start + work->ids->len, error->message);

  /* Kept even if the block left the cache meanwhile: its rows wait. */
  block = g_new0 (Block, 1);
  block->incidents = pair_incidents ((gint64 *) work->ids->data,
                                     work->ids->len,
                                     result ? result->incidents : NULL);
  insert_block (self, work->block, block);
  fill_block_rows (self, work->block, block);

  g_clear_pointer (&result, result_free);
}

/* Never waits for the store on the main thread: the rows of a block not
 * read yet show as loading until a worker thread has read it.
 */
static Block *
start_block (DeskIncidentListModel *self,
             guint                  index)
{
  g_autoptr(GTask) task = NULL;
  Block *block = g_new0 (Block, 1);
  Work *work = g_new0 (Work, 1);
  guint start = index * BLOCK_SIZE;
  guint n = MIN (BLOCK_SIZE, self->ids->len - start);

  work->store = g_object_ref (self->store);
  work->block = index;
  work->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (work->ids, &g_array_index (self->ids, gint64, start),
                       n);

  task = g_task_new (self, self->block_cancellable, read_block_cb, NULL);
  g_task_set_source_tag (task, start_block);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, read_block_thread);

  insert_block (self, index, block);

  return block;
}

static Block *
ensure_block (DeskIncidentListModel *self,
              guint                  index)
{
  gpointer key = GUINT_TO_POINTER (index);
  Block *block = g_hash_table_lookup (self->blocks, key);

  if (block == NULL)
    return start_block (self, index);

  g_queue_remove (&self->recent, key);
  g_queue_push_head (&self->recent, key);

  return block;
}

static void
row_finalized (gpointer  data,
               GObject  *where_the_object_was)
{
  Row *row = data;

  g_hash_table_remove (row->model->rows, GUINT_TO_POINTER (row->position));
}

static void
forget_row (DeskIncidentListModel *self,
            Row                   *row)
{
  g_object_weak_unref (G_OBJECT (row->item), row_finalized, row);
  g_hash_table_remove (self->rows, GUINT_TO_POINTER (row->position));
}

static gpointer
desk_incident_list_model_get_item (GListModel *model,
                                   guint       position)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (model);
  Row *row;

  if (position >= self->ids->len || self->store == NULL)
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row->item);

  row = g_new0 (Row, 1);
  row->model = self;
  row->position = position;
  row->item = desk_incident_object_new_loading (0);
  g_object_weak_ref (G_OBJECT (row->item), row_finalized, row);
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);

  fill_row (self, row, ensure_block (self, position / BLOCK_SIZE));

  return row->item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_incident_list_model_get_item_type;
  iface->get_n_items = desk_incident_list_model_get_n_items;
  iface->get_item = desk_incident_list_model_get_item;
}

static void
set_loading (DeskIncidentListModel *self,
             gboolean               loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The rows of the first result come with it, so a new list shows at
 * once.
 */
static void
seed_cache (DeskIncidentListModel *self,
            GPtrArray             *first)
{
  guint n = MIN (self->ids->len, PREFETCH);

  for (guint start = 0; first != NULL && start < n; start += BLOCK_SIZE)
    {
      Block *block = g_new0 (Block, 1);
      g_autoptr(GPtrArray) part = g_ptr_array_new ();

      for (guint i = start; i < first->len && i < start + BLOCK_SIZE; i++)
        g_ptr_array_add (part, g_ptr_array_index (first, i));
      block->incidents = pair_incidents (&g_array_index (self->ids, gint64,
                                                         start),
                                         MIN (BLOCK_SIZE, n - start), part);
      insert_block (self, start / BLOCK_SIZE, block);
    }
}

/* Every item a view holds shows its row of the new result; those past
 * its end are left as they are until the view lets them go.
 */
static void
refill_rows (DeskIncidentListModel *self)
{
  g_autoptr(GList) rows = g_hash_table_get_values (self->rows);

  for (GList *l = rows; l != NULL; l = l->next)
    {
      Row *row = l->data;

      if (row->position >= self->ids->len)
        forget_row (self, row);
      else
        fill_row (self, row, ensure_block (self, row->position / BLOCK_SIZE));
    }
}

static void
replace_ids (DeskIncidentListModel *self,
             GArray                *ids,
             GPtrArray             *first)
{
  guint old_n = self->ids->len;
  guint new_n = ids->len;

  if (old_n != 0 || new_n != 0)
    g_signal_emit (self, signals[REPLACING], 0, old_n, new_n);

  g_array_unref (self->ids);
  self->ids = ids;
  clear_cache (self);
  seed_cache (self, first);
  refill_rows (self);

  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);

  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_error (DeskIncidentListModel *self,
           GError                *error)
{
  gboolean was_failed = self->error != NULL;

  g_clear_error (&self->error);
  self->error = error;

  if (was_failed != (error != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Work *work = task_data;
  Result *result = g_new0 (Result, 1);
  GError *error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  result->ids = desk_store_query_ids (work->store, work->query, cancellable,
                                      &error);
  g_debug ("query took %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  if (result->ids != NULL && result->ids->len > 0)
    result->incidents = desk_store_get_incidents (work->store,
                                                  (gint64 *) result->ids->data,
                                                  MIN (result->ids->len,
                                                       PREFETCH),
                                                  &error);

  if (error != NULL)
    {
      result_free (result);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) result_free);
}

static void
query_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (source);
  g_autoptr(GError) error = NULL;
  Result *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* A newer query replaced this one; it owns the loading state. */
  if (desk_gui_error_is_cancelled (error))
    return;

  g_clear_object (&self->cancellable);

  if (result == NULL)
    {
      g_warning ("Incident query failed: %s", error->message);
      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)), NULL);
      set_error (self, g_steal_pointer (&error));
    }
  else
    {
      set_error (self, NULL);
      replace_ids (self, g_steal_pointer (&result->ids), result->incidents);
      result_free (result);
    }

  set_loading (self, FALSE);
}

void
desk_incident_list_model_reload (DeskIncidentListModel *self)
{
  g_autoptr(GTask) task = NULL;
  Work *work;

  g_return_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      set_error (self, NULL);
      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)), NULL);
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  work = g_new0 (Work, 1);
  work->store = g_object_ref (self->store);
  work->query = desk_query_copy (self->query);
  task = g_task_new (self, self->cancellable, query_cb, NULL);
  g_task_set_source_tag (task, desk_incident_list_model_reload);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, query_thread);
}

static void
forget_rows (DeskIncidentListModel *self)
{
  g_autoptr(GList) rows = g_hash_table_get_values (self->rows);

  for (GList *l = rows; l != NULL; l = l->next)
    forget_row (self, l->data);
}

static void
desk_incident_list_model_dispose (GObject *object)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  forget_rows (self);
  g_hash_table_remove_all (self->blocks);
  g_queue_clear (&self->recent);
  g_cancellable_cancel (self->block_cancellable);
  g_clear_object (&self->block_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_incident_list_model_parent_class)->dispose (object);
}

static void
desk_incident_list_model_finalize (GObject *object)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (object);

  g_clear_pointer (&self->blocks, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->query, desk_query_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (desk_incident_list_model_parent_class)->finalize (object);
}

static void
desk_incident_list_model_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    case PROP_FAILED:
      g_value_set_boolean (value, self->error != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_list_model_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_incident_list_model_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_incident_list_model_class_init (DeskIncidentListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_incident_list_model_dispose;
  object_class->finalize = desk_incident_list_model_finalize;
  object_class->get_property = desk_incident_list_model_get_property;
  object_class->set_property = desk_incident_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REPLACING] =
    g_signal_new ("replacing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
                  G_TYPE_UINT);
}

static void
desk_incident_list_model_init (DeskIncidentListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->block_cancellable = g_cancellable_new ();
  self->blocks = g_hash_table_new_full (NULL, NULL, NULL,
                                        (GDestroyNotify) block_free);
  self->rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->query = desk_query_new ();
  self->query->sort = DESK_SORT_DETECTED;
  self->query->descending = TRUE;
}

DeskIncidentListModel *
desk_incident_list_model_new (void)
{
  return g_object_new (DESK_TYPE_INCIDENT_LIST_MODEL, NULL);
}

DeskStore *
desk_incident_list_model_get_store (DeskIncidentListModel *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self), NULL);

  return self->store;
}

void
desk_incident_list_model_set_store (DeskIncidentListModel *self,
                                    DeskStore             *store)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  desk_incident_list_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const DeskQuery *
desk_incident_list_model_get_query (DeskIncidentListModel *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self), NULL);

  return self->query;
}

void
desk_incident_list_model_set_query (DeskIncidentListModel *self,
                                    const DeskQuery       *query)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  /* The same query, done or running, needs no new work. */
  if (desk_query_equal (self->query, query) && self->error == NULL)
    return;

  g_clear_pointer (&self->query, desk_query_free);
  self->query = desk_query_copy (query);
  desk_incident_list_model_reload (self);
}

gboolean
desk_incident_list_model_get_loading (DeskIncidentListModel *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self), FALSE);

  return self->loading;
}

const GError *
desk_incident_list_model_get_error (DeskIncidentListModel *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self), NULL);

  return self->error;
}

const GArray *
desk_incident_list_model_get_ids (DeskIncidentListModel *self)
{
  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self), NULL);

  return self->ids;
}

guint
desk_incident_list_model_get_n_cached (DeskIncidentListModel *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self), 0);

  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Block *block = value;

      if (block->incidents != NULL)
        n += block->incidents->len;
    }

  return n;
}
