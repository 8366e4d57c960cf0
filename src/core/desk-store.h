/* desk-store.h: the incident database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only place that knows how incidents are stored. Nothing about the
 * storage engine (no SQLite type, no SQL text) appears in this header, so
 * another engine can be added behind it later.
 *
 * A DeskStore may be used from any thread; calls are serialised inside.
 * The window calls the _async variants, which run in a worker thread;
 * the command line and the tests call the blocking ones.
 */

#pragma once

#include <gio/gio.h>

#include "desk-incident.h"

G_BEGIN_DECLS

#define DESK_TYPE_STORE (desk_store_get_type ())
G_DECLARE_FINAL_TYPE (DeskStore, desk_store, DESK, STORE, GObject)

typedef enum
{
  DESK_STORE_FLAGS_NONE      = 0,
  DESK_STORE_FLAGS_READ_ONLY = 1 << 0,  /* viewer mode: every change fails */
  DESK_STORE_FLAGS_NO_CREATE = 1 << 1,  /* fail if the file does not exist */
} DeskStoreFlags;

/* The schema version this build writes. A file with a newer version is
 * refused with DESK_ERROR_TOO_NEW; an older one is migrated after a
 * backup copy "FILE.bak-vN" is written beside it.
 */
#define DESK_STORE_SCHEMA_VERSION 2

/* $XDG_DATA_HOME/incidentdesk/incidents.db; the caller frees it. */
char      *desk_store_default_path   (void);

/* Opens or creates the database at @path (NULL: the default path).
 * Creates the folder 0700 and the file 0600. Errors: DESK_ERROR_CORRUPT
 * (damaged, truncated, not a database, or another program's database),
 * _TOO_NEW, _BUSY, _PERMISSION, _NO_SPACE, _IO; _NOT_FOUND when the file
 * is missing and may not be created (NO_CREATE or READ_ONLY); _READ_ONLY
 * when a read-only file needs an upgrade first. A file that cannot be
 * opened is never modified. On a store opened READ_ONLY every call that
 * changes data fails with DESK_ERROR_READ_ONLY before touching the file.
 */
DeskStore *desk_store_open           (const char      *path,
                                      DeskStoreFlags   flags,
                                      GError         **error);
void       desk_store_open_async     (const char      *path,
                                      DeskStoreFlags   flags,
                                      GCancellable    *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer         user_data);
DeskStore *desk_store_open_finish    (GAsyncResult    *result,
                                      GError         **error);

const char *desk_store_get_path      (DeskStore       *self);
gboolean   desk_store_is_read_only   (DeskStore       *self);

/* The name recorded on changes; defaults to the system user's name. */
void        desk_store_set_actor     (DeskStore       *self,
                                      const char      *actor);
const char *desk_store_get_actor     (DeskStore       *self);

/* Services */
GPtrArray   *desk_store_list_services (DeskStore      *self,
                                       GError        **error);  /* DeskService, by name */
DeskService *desk_store_get_service  (DeskStore       *self,
                                      const char      *name,
                                      GError         **error);
gboolean     desk_store_save_service (DeskStore       *self,
                                      DeskService     *service,
                                      GError         **error);

/* Incidents.
 *
 * create: validates, assigns id, version and (if empty) the next
 * "INC-%06d" reference, creates the service if it is new, records a
 * "created" timeline entry. update: validates, refuses a status change
 * the lifecycle does not allow (use change_status for those), writes one
 * timeline entry per changed field, fails with DESK_ERROR_CONFLICT when
 * the stored version moved on. On success both update @incident's
 * version and updated_at in place.
 */
gboolean      desk_store_create_incident (DeskStore     *self,
                                          DeskIncident  *incident,
                                          GError       **error);
gboolean      desk_store_update_incident (DeskStore     *self,
                                          DeskIncident  *incident,
                                          GError       **error);
/* Moves @incident to @to, checking the lifecycle. @text is the
 * resolution (to Resolved), the root cause (to Closed, when the incident
 * has none yet) or the reason (a reopen); it may be NULL when the
 * incident already holds what is needed. Sets acknowledged_at on the
 * first move out of New, resolved_at and closed_at when reached, clears
 * them on reopen.
 */
gboolean      desk_store_change_status   (DeskStore     *self,
                                          DeskIncident  *incident,
                                          DeskStatus     to,
                                          const char    *text,
                                          GError       **error);
DeskIncident *desk_store_get_incident    (DeskStore     *self,
                                          gint64         id,
                                          GError       **error);
DeskIncident *desk_store_find_incident   (DeskStore     *self,
                                          const char    *reference,
                                          GError       **error);
gboolean      desk_store_delete_incident (DeskStore     *self,
                                          gint64         id,
                                          GError       **error);
GPtrArray    *desk_store_list_timeline   (DeskStore     *self,
                                          gint64         incident_id,
                                          GError       **error); /* DeskTimelineEntry, oldest first */

/* Queries over the incident list. Unset filters are NULL, 0 or
 * DESK_TIME_NONE. Masks have bit (1 << value) set for each accepted
 * value; 0 accepts all. text matches reference, title, service,
 * description, assignee and root cause (case-insensitive substring).
 */
typedef enum
{
  DESK_SORT_DETECTED,
  DESK_SORT_REFERENCE,
  DESK_SORT_TITLE,
  DESK_SORT_SERVICE,
  DESK_SORT_SEVERITY,
  DESK_SORT_STATUS,
  DESK_SORT_ASSIGNEE,
  DESK_SORT_UPDATED,
} DeskSort;

typedef struct
{
  char     *service;
  guint     severity_mask;
  guint     status_mask;
  char     *text;
  gint64    detected_from;   /* detected_at >= */
  gint64    detected_to;     /* detected_at <  */
  gint64    resolved_from;
  gint64    resolved_to;
  char     *problem;
  DeskSort  sort;
  gboolean  descending;
} DeskQuery;

#define DESK_TYPE_QUERY (desk_query_get_type ())
GType      desk_query_get_type (void) G_GNUC_CONST;
DeskQuery *desk_query_new      (void);
DeskQuery *desk_query_copy     (const DeskQuery *self);
void       desk_query_free     (DeskQuery       *self);
gboolean   desk_query_equal    (const DeskQuery *a,
                                const DeskQuery *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskQuery, desk_query_free)

/* Row ids (gint64) of the matching incidents in query order: enough to
 * address every row without holding the rows themselves.
 *
 * Cancellation: the blocking calls that take a GCancellable stop within
 * a few thousand steps of SQLite and fail with DESK_ERROR_CANCELLED; the
 * _finish functions report G_IO_ERROR_CANCELLED, as GIO does.
 */
GArray    *desk_store_query_ids      (DeskStore       *self,
                                      const DeskQuery *query,
                                      GCancellable    *cancellable,
                                      GError         **error);
void       desk_store_query_ids_async (DeskStore      *self,
                                      const DeskQuery *query,
                                      GCancellable    *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer         user_data);
GArray    *desk_store_query_ids_finish (DeskStore     *self,
                                      GAsyncResult    *result,
                                      GError         **error);

/* The incidents with these ids, in the same order (missing ids are
 * skipped). For materialising the rows on screen.
 */
GPtrArray *desk_store_get_incidents  (DeskStore       *self,
                                      const gint64    *ids,
                                      guint            n_ids,
                                      GError         **error);

/* When the most recent incident was detected; DESK_TIME_NONE in
 * @latest when there is none.
 */
gboolean   desk_store_latest_detected (DeskStore      *self,
                                       gint64         *latest,
                                       GError        **error);

guint      desk_store_count          (DeskStore       *self,
                                      const DeskQuery *query,
                                      GError         **error);

/* Calls @func for each matching incident in query order, reading one row
 * at a time, so memory stays flat however many match. Stops when @func
 * returns FALSE or @cancellable is cancelled (DESK_ERROR_CANCELLED).
 */
typedef gboolean (*DeskIncidentFunc) (const DeskIncident *incident,
                                      gpointer            user_data);
gboolean   desk_store_foreach_incident (DeskStore       *self,
                                        const DeskQuery *query,
                                        DeskIncidentFunc func,
                                        gpointer         user_data,
                                        GCancellable    *cancellable,
                                        GError         **error);

/* Counts for --summary and the dashboard, by GROUP BY. */
typedef struct
{
  guint       total;
  guint       open;                         /* not Resolved, not Closed */
  guint       by_status[DESK_N_STATUSES];
  guint       by_severity[DESK_N_SEVERITIES + 1]; /* index by DeskSeverity */
  GHashTable *by_service;                   /* char* name → GUINT_TO_POINTER */
} DeskSummary;

#define DESK_TYPE_SUMMARY (desk_summary_get_type ())
GType        desk_summary_get_type (void) G_GNUC_CONST;
void         desk_summary_free     (DeskSummary *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSummary, desk_summary_free)

DeskSummary *desk_store_summary        (DeskStore       *self,
                                        const DeskQuery *query,
                                        GError         **error);
void         desk_store_summary_async  (DeskStore       *self,
                                        const DeskQuery *query,
                                        GCancellable    *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer         user_data);
DeskSummary *desk_store_summary_finish (DeskStore       *self,
                                        GAsyncResult    *result,
                                        GError         **error);

/* What SLA figures are computed from: one record per incident of
 * @service (NULL: every service) whose impact interval meets [from, to),
 * or that was acknowledged or resolved inside it, ordered by service then
 * impact start.
 */
typedef struct
{
  gint64     incident_id;
  const char *service;      /* interned */
  DeskSeverity severity;
  DeskImpact impact;
  DeskStatus status;
  gint64     impact_start;  /* defaults applied */
  gint64     impact_end;    /* DESK_TIME_NONE while still open */
  gint64     detected_at;
  gint64     acknowledged_at;
  gint64     resolved_at;
} DeskImpactRecord;

GArray    *desk_store_list_impacts   (DeskStore       *self,
                                      const char      *service,
                                      gint64           from,
                                      gint64           to,
                                      GCancellable    *cancellable,
                                      GError         **error); /* DeskImpactRecord */

/* Problems */
gboolean     desk_store_create_problem (DeskStore     *self,
                                        DeskProblem   *problem,
                                        GError       **error);
gboolean     desk_store_update_problem (DeskStore     *self,
                                        DeskProblem   *problem,
                                        GError       **error);
GPtrArray   *desk_store_list_problems  (DeskStore     *self,
                                        GError       **error); /* DeskProblem */
DeskProblem *desk_store_find_problem   (DeskStore     *self,
                                        const char    *reference,
                                        GError       **error);

/* Batches: every write between begin and commit lands together or not
 * at all. Used by import and the demo generator; single calls above run
 * in their own transaction. A batch belongs to the thread that began it:
 * calls from other threads wait until it is committed or rolled back.
 * Inside a batch a call that fails after it started writing (a full
 * disk, say) may leave part of its change in the batch: roll the batch
 * back. Checks that fail before any write (validation, lifecycle,
 * conflict) leave the batch as it was. A failed commit rolls back and
 * ends the batch; rollback without a batch does nothing.
 */
gboolean   desk_store_begin          (DeskStore       *self,
                                      GError         **error);
/* Like desk_store_begin(), for a batch that adds many incidents: into a
 * file that holds none yet it writes each page once, through a rollback
 * journal, and goes back to the log when the batch ends. Just as safe.
 */
gboolean   desk_store_begin_bulk     (DeskStore       *self,
                                      GError         **error);
gboolean   desk_store_commit         (DeskStore       *self,
                                      GError         **error);
void       desk_store_rollback       (DeskStore       *self);

/* Writes an incident as imported history: the lifecycle rules are not
 * applied (a closed ticket without root cause stays closed), validation
 * of single fields and time order is. An incident with the same
 * reference is replaced, not duplicated. @timeline (may be NULL) holds
 * DeskTimelineEntry to store with it. Sets *created to whether it was new.
 */
gboolean   desk_store_import_incident (DeskStore      *self,
                                       DeskIncident   *incident,
                                       GPtrArray      *timeline,
                                       gboolean       *created,
                                       GError        **error);

G_END_DECLS
