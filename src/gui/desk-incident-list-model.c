/* desk-incident-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With a million incidents the id array is 8 MB; the items themselves are
 * only ever built for the rows a view asks for, BLOCK_SIZE at a time.
 */

#define G_LOG_DOMAIN "desk-list"

#include "config.h"

#include "desk-gui-util.h"
#include "desk-incident-list-model.h"
#include "desk-incident-object.h"

#define BLOCK_SIZE 50
#define MAX_BLOCKS 16

struct _DeskIncidentListModel
{
  GObject       parent_instance;

  DeskStore    *store;
  DeskQuery    *query;
  GArray       *ids;
  GCancellable *cancellable;
  GError       *error;

  GHashTable   *blocks;   /* block index → GPtrArray of DeskIncidentObject */
  GQueue        recent;   /* block indices, most recently used first */

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
clear_cache (DeskIncidentListModel *self)
{
  g_hash_table_remove_all (self->blocks);
  g_queue_clear (&self->recent);
}

static GPtrArray *
load_block (DeskIncidentListModel *self,
            guint                  block)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  const gint64 *ids;
  guint start = block * BLOCK_SIZE;
  guint n = MIN (BLOCK_SIZE, self->ids->len - start);
  guint j = 0;

  ids = &g_array_index (self->ids, gint64, start);
  incidents = desk_store_get_incidents (self->store, ids, n, &error);
  if (incidents == NULL)
    g_warning ("Could not read incidents %u to %u: %s",
               start, start + n, error->message);

  /* The store skips ids deleted since the query; keep their place. */
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      DeskIncident *inc = NULL;

      if (incidents != NULL && j < incidents->len &&
          ((DeskIncident *) g_ptr_array_index (incidents, j))->id == ids[i])
        inc = g_ptr_array_index (incidents, j++);

      g_ptr_array_add (items, desk_incident_object_new (ids[i], inc));
    }

  return items;
}

static gpointer
desk_incident_list_model_get_item (GListModel *model,
                                   guint       position)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (model);
  gpointer key;
  GPtrArray *items;
  guint block;

  if (position >= self->ids->len || self->store == NULL)
    return NULL;

  block = position / BLOCK_SIZE;
  key = GUINT_TO_POINTER (block);
  items = g_hash_table_lookup (self->blocks, key);

  if (items != NULL)
    {
      g_queue_remove (&self->recent, key);
    }
  else
    {
      items = load_block (self, block);
      g_hash_table_insert (self->blocks, key, items);

      if (g_queue_get_length (&self->recent) >= MAX_BLOCKS)
        g_hash_table_remove (self->blocks, g_queue_pop_tail (&self->recent));
    }

  g_queue_push_head (&self->recent, key);

  return g_object_ref (g_ptr_array_index (items, position % BLOCK_SIZE));
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

static void
replace_ids (DeskIncidentListModel *self,
             GArray                *ids)
{
  guint old_n = self->ids->len;
  guint new_n = ids->len;

  g_array_unref (self->ids);
  self->ids = ids;
  clear_cache (self);

  if (old_n != 0 || new_n != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
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
query_ids_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DeskIncidentListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = desk_store_query_ids_finish (DESK_STORE (source), result, &error);

  /* A newer query replaced this one; it owns the loading state. */
  if (desk_gui_error_is_cancelled (error))
    return;

  g_clear_object (&self->cancellable);

  if (ids == NULL)
    {
      g_warning ("Incident query failed: %s", error->message);
      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
      set_error (self, g_steal_pointer (&error));
    }
  else
    {
      set_error (self, NULL);
      replace_ids (self, ids);
    }

  set_loading (self, FALSE);
}

void
desk_incident_list_model_reload (DeskIncidentListModel *self)
{
  g_return_if_fail (DESK_IS_INCIDENT_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      set_error (self, NULL);
      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  desk_store_query_ids_async (self->store, self->query, self->cancellable,
                              query_ids_cb, g_object_ref (self));
}

static void
desk_incident_list_model_dispose (GObject *object)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_cache (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_incident_list_model_parent_class)->dispose (object);
}

static void
desk_incident_list_model_finalize (GObject *object)
{
  DeskIncidentListModel *self = DESK_INCIDENT_LIST_MODEL (object);

  g_clear_pointer (&self->blocks, g_hash_table_unref);
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
}

static void
desk_incident_list_model_init (DeskIncidentListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->blocks = g_hash_table_new_full (NULL, NULL, NULL,
                                        (GDestroyNotify) g_ptr_array_unref);
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
    n += ((GPtrArray *) value)->len;

  return n;
}
