/* desk-progress-private.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-core"

#include "desk-progress-private.h"

struct _DeskProgressTarget
{
  GMainContext   *context;
  DeskRowsFunc    func;
  gpointer        data;
  GDestroyNotify  destroy;
};

typedef struct
{
  GDestroyNotify destroy;
  gpointer       data;
} DestroyCall;

static gboolean
destroy_call_run (gpointer data)
{
  DestroyCall *call = data;

  call->destroy (call->data);
  g_free (call);

  return G_SOURCE_REMOVE;
}

/* The last reference may go in the worker thread: the caller's data is
 * still released in the caller's context.
 */
static void
progress_target_clear (gpointer data)
{
  DeskProgressTarget *target = data;

  if (target->destroy != NULL)
    {
      DestroyCall *call = g_new (DestroyCall, 1);

      call->destroy = target->destroy;
      call->data = target->data;
      g_main_context_invoke (target->context, destroy_call_run, call);
    }
  g_main_context_unref (target->context);
}

DeskProgressTarget *
desk_progress_target_new (DeskRowsFunc   func,
                          gpointer       data,
                          GDestroyNotify destroy)
{
  DeskProgressTarget *target;

  if (func == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return NULL;
    }

  target = g_rc_box_new0 (DeskProgressTarget);
  target->context = g_main_context_ref_thread_default ();
  target->func = func;
  target->data = data;
  target->destroy = destroy;

  return target;
}

void
desk_progress_target_release (DeskProgressTarget *target)
{
  g_rc_box_release_full (target, progress_target_clear);
}

typedef struct
{
  DeskProgressTarget *target;
  guint64             rows;
} ProgressCall;

static gboolean
progress_call_run (gpointer data)
{
  ProgressCall *call = data;

  call->target->func (call->rows, call->target->data);

  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  desk_progress_target_release (call->target);
  g_free (call);
}

void
desk_progress_target_report (guint64  rows,
                             gpointer user_data)
{
  DeskProgressTarget *target = user_data;
  ProgressCall *call = g_new (ProgressCall, 1);

  call->target = g_rc_box_acquire (target);
  call->rows = rows;
  g_main_context_invoke_full (target->context, G_PRIORITY_DEFAULT,
                              progress_call_run, call, progress_call_free);
}
