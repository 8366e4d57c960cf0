/* desk-bench.c: IncidentDesk beside plain sqlite3, on the same files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each size, fills a database with demo incidents, then times each
 * operation of the command line beside the nearest sqlite3 command on
 * the same file in the same run, and prints the ratio. Both sides run as
 * a fresh process (start-up, opening the file and the work), so the
 * ratio compares like with like. Peak memory comes from wait4().
 *
 * Run it through build-aux/bench.sh.
 */

#define G_LOG_DOMAIN "desk-bench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "desk-demo.h"
#include "desk-store.h"

/* The demo's clock: 2026-06-30T12:00:00Z, so that 2025 is a whole year
 * of history at every size from 100,000 up.
 */
#define BENCH_NOW ((gint64) 1782820800)
#define BENCH_YEAR "2025"
#define YEAR_START "1735689600"
#define YEAR_END "1767225600"

typedef struct
{
  double   seconds;       /* wall clock */
  double   cpu_seconds;   /* user + system */
  long     max_rss_kb;
  gboolean ok;
} Sample;

typedef struct
{
  const char *binary;
  const char *sqlite3;
  const char *workdir;
  const char *schema_dir;
  guint       repeat;
  gboolean    keep;
  gboolean    generate_only;
  gboolean    cli;
  gboolean    import_only;
  gboolean    window;
} Options;

/* Runs @argv with stdin from @in_path (or /dev/null) and stdout to
 * @out_path (or /dev/null); stderr goes to the log. Returns the wall
 * time and the peak resident memory of the process and its children.
 */
static Sample
run_process (const char * const *argv,
             const char         *out_path,
             const char         *log_path)
{
  g_autoptr(GError) error = NULL;
  Sample sample = { 0 };
  struct rusage usage = { 0 };
  int out_fd, err_fd, status = 0;
  GPid pid;
  gint64 start;

  out_fd = open (out_path != NULL ? out_path : "/dev/null",
                 O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  err_fd = open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  g_assert (out_fd >= 0 && err_fd >= 0);

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_fds (NULL, (char **) argv, NULL,
                               G_SPAWN_DO_NOT_REAP_CHILD |
                               G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &pid, -1, out_fd, err_fd,
                               &error))
    g_error ("cannot run %s: %s", argv[0], error->message);

  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  sample.seconds = (g_get_monotonic_time () - start) / 1e6;
  sample.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                       (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  sample.max_rss_kb = usage.ru_maxrss;
  sample.ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;

  close (out_fd);
  close (err_fd);

  if (!sample.ok)
    g_printerr ("failed (see %s): %s …\n", log_path, argv[0]);

  return sample;
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const Sample *x = a, *y = b;

  return x->seconds < y->seconds ? -1 : x->seconds > y->seconds;
}

/* What one side of a comparison does, once. @prepare (may be NULL)
 * runs before each repetition and is not timed.
 */
typedef struct
{
  const char * const *argv;
  const char         *out_path;
  void              (*prepare) (gpointer data);
  gpointer            data;
} Side;

static Sample
median_of (GArray *samples)
{
  Sample median;

  g_array_sort (samples, compare_samples);
  median = g_array_index (samples, Sample, samples->len / 2);
  for (guint i = 0; i < samples->len; i++)
    {
      median.ok &= g_array_index (samples, Sample, i).ok;
      median.max_rss_kb = MAX (median.max_rss_kb,
                               g_array_index (samples, Sample, i).max_rss_kb);
    }

  return median;
}

static Sample
run_side (const Side *side,
          const char *log_path)
{
  if (side->prepare != NULL)
    side->prepare (side->data);

  return run_process (side->argv, side->out_path, log_path);
}

/* Runs the two sides in turn, so that a busy machine slows both alike,
 * after one untimed run of each that only reads (so neither pays for
 * a cold file cache). Sets the medians.
 */
static void
measure (const Options *options,
         const Side    *ours,
         const Side    *theirs,
         const char    *log_path,
         Sample        *out_ours,
         Sample        *out_theirs)
{
  g_autoptr(GArray) our_samples = g_array_new (FALSE, FALSE,
                                               sizeof (Sample));
  g_autoptr(GArray) their_samples = g_array_new (FALSE, FALSE,
                                                 sizeof (Sample));

  if (ours->prepare == NULL)
    run_side (ours, log_path);
  if (theirs->prepare == NULL)
    run_side (theirs, log_path);

  for (guint i = 0; i < options->repeat; i++)
    {
      Sample sample;

      sample = run_side (ours, log_path);
      g_array_append_val (our_samples, sample);
      sample = run_side (theirs, log_path);
      g_array_append_val (their_samples, sample);
    }

  *out_ours = median_of (our_samples);
  *out_theirs = median_of (their_samples);
}

static void
remove_database (gpointer data)
{
  const char *path = data;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
}

typedef struct
{
  const char *name;
  double      target;      /* 0: none */
  Sample      ours;
  Sample      theirs;
} Row;

static void
print_time (double seconds)
{
  if (seconds < 1.0)
    printf ("%9.1f ms", seconds * 1000);
  else
    printf ("%9.2f s ", seconds);
}

static void
print_row (const Row *row)
{
  double ratio = row->ours.seconds / row->theirs.seconds;

  printf ("  %-22s", row->name);
  print_time (row->ours.seconds);
  printf ("   ");
  print_time (row->theirs.seconds);
  printf ("   %6.2f×   %6.2f×", ratio,
          row->ours.cpu_seconds / MAX (row->theirs.cpu_seconds, 1e-3));
  if (row->target > 0)
    printf ("   ≤ %.1f×  %s", row->target,
            !row->ours.ok || !row->theirs.ok ? "FAILED"
            : ratio <= row->target ? "ok" : "MISSED");
  else if (!row->ours.ok || !row->theirs.ok)
    printf ("   FAILED");
  printf ("\n");
  fflush (stdout);
}

static const char export_columns_sql[] =
  "SELECT i.reference, i.title, s.name, i.severity, i.impact, i.status, "
  "i.detected_at, i.acknowledged_at, i.impact_start, i.impact_end, "
  "i.resolved_at, i.closed_at, "
  "CASE WHEN i.impact = 0 AND coalesce (i.impact_end, i.resolved_at) "
  "IS NOT NULL THEN (coalesce (i.impact_end, i.resolved_at) - "
  "coalesce (i.impact_start, i.detected_at)) / 60 END, "
  "i.assignee, i.reporter, i.description, i.root_cause, i.five_whys, "
  "i.factor, i.workaround, i.resolution, p.reference "
  "FROM incidents i JOIN services s ON s.id = i.service_id "
  "LEFT JOIN problems p ON p.id = i.problem_id "
  "ORDER BY i.detected_at, i.id;";

static const char summary_sql[] =
  "SELECT status, count (*) FROM incidents GROUP BY status; "
  "SELECT severity, count (*) FROM incidents GROUP BY severity; "
  "SELECT s.name, count (*) FROM incidents i "
  "JOIN services s ON s.id = i.service_id GROUP BY i.service_id;";

/* What the SLA report reads: per service in order of impact start, the
 * incidents whose impact meets the year or that were acknowledged or
 * resolved in it.
 */
static const char intervals_sql[] =
  "SELECT s.name, i.severity, i.impact, i.status, "
  "coalesce (i.impact_start, i.detected_at), "
  "coalesce (i.impact_end, i.resolved_at), "
  "i.detected_at, i.acknowledged_at, i.resolved_at "
  "FROM incidents i JOIN services s ON s.id = i.service_id "
  "WHERE (coalesce (i.impact_start, i.detected_at) < " YEAR_END " "
  "AND coalesce (i.impact_end, i.resolved_at, " YEAR_END ") > "
  YEAR_START ") "
  "OR i.acknowledged_at BETWEEN " YEAR_START " AND " YEAR_END " "
  "OR i.resolved_at BETWEEN " YEAR_START " AND " YEAR_END " "
  "ORDER BY i.service_id, coalesce (i.impact_start, i.detected_at);";

static const char import_table_sql[] =
  "CREATE TABLE t (reference TEXT, title TEXT, service TEXT, "
  "severity TEXT, impact TEXT, status TEXT, detected_at TEXT, "
  "acknowledged_at TEXT, impact_start TEXT, impact_end TEXT, "
  "resolved_at TEXT, closed_at TEXT, downtime_minutes TEXT, "
  "assignee TEXT, reporter TEXT, description TEXT, root_cause TEXT, "
  "five_whys TEXT, contributing_factor TEXT, workaround TEXT, "
  "resolution TEXT, problem TEXT);";

/* The child behind the demo data. The benchmark itself never grows: a
 * child's peak memory as the kernel reports it starts from the size of
 * the process it was forked from.
 */
static int
fill_one (const char *path,
          guint       count)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  if (store == NULL ||
      (count > 0 &&
       !desk_demo_fill (store, count, 1, BENCH_NOW, NULL, NULL, NULL,
                        &error)))
    {
      g_printerr ("Cannot create the demo database: %s\n", error->message);
      return 1;
    }

  return 0;
}

static gboolean
fill_database (const char *self,
               const char *path,
               guint       count,
               const char *log_path)
{
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  const char * const argv[] = { self, "--fill", path, "--count", count_text,
                                NULL };
  Sample sample;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  sample = run_process (argv, NULL, log_path);
  if (!sample.ok)
    {
      remove_database ((gpointer) path);
      return FALSE;
    }

  printf ("  (demo data: %u incidents generated in %.1f s, %.1f s of CPU, "
          "peak memory %.1f MB)\n", count, sample.seconds,
          sample.cpu_seconds, sample.max_rss_kb / 1024.0);

  return TRUE;
}

static char *
file_size_text (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return g_strdup ("?");

  return g_format_size (buf.st_size);
}

typedef struct
{
  long export_kb;
  long report_kb;
} Memory;

static gboolean
bench_size (const Options *options,
            const char    *self,
            guint          count,
            Memory        *memory)
{
  g_autofree char *db = g_strdup_printf ("%s/bench-%u.db", options->workdir,
                                         count);
  g_autofree char *log = g_strdup_printf ("%s/bench-%u.log",
                                          options->workdir, count);
  g_autofree char *own_csv = g_strdup_printf ("%s/export-%u.csv",
                                              options->workdir, count);
  g_autofree char *sq_csv = g_strdup_printf ("%s/sqlite3-%u.csv",
                                             options->workdir, count);
  g_autofree char *report = g_strdup_printf ("%s/sla-%u.csv",
                                             options->workdir, count);
  g_autofree char *import_db = g_strdup_printf ("%s/import-%u.db",
                                                options->workdir, count);
  g_autofree char *sq_import_db = g_strdup_printf ("%s/sqlite3-import-%u.db",
                                                   options->workdir, count);
  g_autofree char *import_cmd = g_strdup_printf (".import --csv --skip 1 "
                                                 "%s t", own_csv);
  g_autofree char *db_size = NULL;
  g_autofree char *csv_size = NULL;
  Row rows[5] = { { 0 } };
  guint n = 0;

  printf ("\n%u incidents\n", count);
  if (!fill_database (self, db, count, log))
    return FALSE;
  if (options->generate_only)
    return TRUE;

  if (options->import_only && !g_file_test (own_csv, G_FILE_TEST_EXISTS))
    {
      const char * const argv[] = { options->binary, "--database", db,
                                    "--export", own_csv, "--timezone",
                                    "UTC", NULL };

      if (!run_process (argv, NULL, log).ok)
        return FALSE;
    }

  if (!options->import_only)
    {
      const char * const ours[] = { self, "--create-one", db, NULL };
      const char * const theirs[] = {
        options->sqlite3, db,
        "INSERT INTO incidents (reference, title, service_id, severity, "
        "impact, status, detected_at, created_at, updated_at) VALUES "
        "('BENCH-' || hex (randomblob (8)), 'Benchmark incident', "
        "(SELECT min (id) FROM services), 3, 2, 0, unixepoch (), "
        "unixepoch (), unixepoch ());",
        NULL };
      Side our_side = { ours, NULL, NULL, NULL };
      Side their_side = { theirs, NULL, NULL, NULL };

      rows[n].name = "create one incident";
      measure (options, &our_side, &their_side, log, &rows[n].ours,
               &rows[n].theirs);
      print_row (&rows[n++]);
    }

  if (!options->import_only)
    {
      const char * const ours[] = { options->binary, "--database", db,
                                    "--export", own_csv, "--timezone", "UTC",
                                    NULL };
      const char * const theirs[] = { options->sqlite3, "-csv", db,
                                      export_columns_sql, NULL };
      Side our_side = { ours, NULL, NULL, NULL };
      Side their_side = { theirs, sq_csv, NULL, NULL };

      rows[n].name = "export CSV";
      rows[n].target = 1.5;
      measure (options, &our_side, &their_side, log, &rows[n].ours,
               &rows[n].theirs);
      memory->export_kb = rows[n].ours.max_rss_kb;
      print_row (&rows[n++]);
    }

  {
    const char * const ours[] = { options->binary, "--database", import_db,
                                  "--import", own_csv, "--format",
                                  "incidentdesk", "--timezone", "UTC",
                                  NULL };
    const char * const theirs[] = { options->sqlite3, "-cmd",
                                    import_table_sql, sq_import_db,
                                    import_cmd, NULL };
    Side our_side = { ours, NULL, remove_database, import_db };
    Side their_side = { theirs, NULL, remove_database, sq_import_db };

    rows[n].name = "import own CSV";
    rows[n].target = 3.0;
    measure (options, &our_side, &their_side, log, &rows[n].ours,
             &rows[n].theirs);
    print_row (&rows[n++]);
  }

  if (!options->import_only)
    {
      const char * const ours[] = { options->binary, "--database", db,
                                    "--summary", NULL };
      const char * const theirs[] = { options->sqlite3, db, summary_sql,
                                      NULL };
      Side our_side = { ours, NULL, NULL, NULL };
      Side their_side = { theirs, NULL, NULL, NULL };

      rows[n].name = "summary";
      rows[n].target = 1.5;
      measure (options, &our_side, &their_side, log, &rows[n].ours,
               &rows[n].theirs);
      print_row (&rows[n++]);
    }

  if (!options->import_only)
    {
      const char * const ours[] = { options->binary, "--database", db,
                                    "--sla-report", report, "--period",
                                    BENCH_YEAR, "--timezone", "UTC", NULL };
      const char * const theirs[] = { options->sqlite3, db, intervals_sql,
                                      NULL };
      Side our_side = { ours, NULL, NULL, NULL };
      Side their_side = { theirs, NULL, NULL, NULL };

      rows[n].name = "SLA report, one year";
      rows[n].target = 2.0;
      measure (options, &our_side, &their_side, log, &rows[n].ours,
               &rows[n].theirs);
      memory->report_kb = rows[n].ours.max_rss_kb;
      print_row (&rows[n++]);
    }

  db_size = file_size_text (db);
  csv_size = file_size_text (own_csv);
  if (!options->import_only)
    printf ("  database %s, exported CSV %s; peak memory: export %.1f MB, "
            "SLA report %.1f MB\n",
            db_size, csv_size, memory->export_kb / 1024.0,
            memory->report_kb / 1024.0);

  if (!options->keep)
    {
      remove_database (import_db);
      remove_database (sq_import_db);
      g_unlink (own_csv);
      g_unlink (sq_csv);
      g_unlink (report);
    }

  for (guint i = 0; i < n; i++)
    {
      if (!rows[i].ours.ok || !rows[i].theirs.ok)
        return FALSE;
    }

  return TRUE;
}

/* The window's side. The binary's benchmark hook prints its own timings
 * (from the start of main() to a painted frame) and its own peak
 * memory, so neither the virtual display nor the session bus count.
 */
#define EMPTY_EXTRA_KB (64 * 1024)

/* What the list runs for a filter: the ids in the list's order, then
 * the rows it reads with them to show at once (PREFETCH in
 * desk-incident-list-model.c).
 */
#define ROWS_SQL(where) \
  "SELECT i.id FROM incidents i WHERE " where " " \
  "ORDER BY i.detected_at DESC, i.id DESC; " \
  "SELECT i.*, s.name, p.reference FROM incidents i " \
  "JOIN services s ON s.id = i.service_id " \
  "LEFT JOIN problems p ON p.id = i.problem_id " \
  "WHERE " where " ORDER BY i.detected_at DESC, i.id DESC LIMIT 100;"

#define LIKE(column) column " LIKE '%printer%' ESCAPE '\\'"

typedef struct
{
  const char *filter;  /* as INCIDENTDESK_BENCHMARK_FILTER */
  const char *sql;
} WindowFilter;

/* One filter an index answers, one that reads every incident. */
static const WindowFilter window_filters[] = {
  { "severity=SEV1", ROWS_SQL ("i.severity IN (1)") },
  { "search=printer",
    ROWS_SQL ("(" LIKE ("i.reference") " OR " LIKE ("i.title") " OR "
              LIKE ("i.description") " OR " LIKE ("i.assignee") " OR "
              LIKE ("i.root_cause") " OR i.service_id IN (SELECT id FROM "
              "services WHERE " LIKE ("name") "))") },
};

typedef struct
{
  double   first_frame_ms;
  double   ready_ms;
  double   filter_result_ms;
  double   filter_ms;
  double   max_stall_ms;
  double   filter_stall_ms;
  guint    filter_rows;
  long     peak_rss_kb;
  gboolean ok;
} WindowSample;

static gboolean
parse_window_output (const char   *path,
                     WindowSample *sample)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint found = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (lines[i], " ", 2);
      double value;

      if (g_strv_length (kv) != 2)
        continue;
      value = g_ascii_strtod (kv[1], NULL);

      if (g_str_equal (kv[0], "first-frame-ms"))
        sample->first_frame_ms = value, found++;
      else if (g_str_equal (kv[0], "ready-ms"))
        sample->ready_ms = value, found++;
      else if (g_str_equal (kv[0], "filter-result-ms"))
        sample->filter_result_ms = value, found++;
      else if (g_str_equal (kv[0], "filter-ms"))
        sample->filter_ms = value, found++;
      else if (g_str_equal (kv[0], "filter-rows"))
        sample->filter_rows = (guint) value, found++;
      else if (g_str_equal (kv[0], "max-stall-ms"))
        sample->max_stall_ms = value, found++;
      else if (g_str_equal (kv[0], "filter-stall-ms"))
        sample->filter_stall_ms = value, found++;
      else if (g_str_equal (kv[0], "peak-rss-kb"))
        sample->peak_rss_kb = (long) value, found++;
    }

  return found == 8;
}

static WindowSample
run_window (const Options *options,
            const char    *db,
            const char    *log_path)
{
  g_autofree char *out = g_strconcat (db, ".window", NULL);
  const char * const argv[] = { options->binary, "--database", db, NULL };
  WindowSample sample = { 0 };
  Sample process;

  process = run_process (argv, out, log_path);
  sample.ok = process.ok && parse_window_output (out, &sample);
  if (!sample.ok)
    g_printerr ("the window gave no timings for %s (see %s)\n", db, out);
  g_unlink (out);

  return sample;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  const double *x = a, *y = b;

  return *x < *y ? -1 : *x > *y;
}

static double
median_double (double *values,
               guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);

  return values[n / 2];
}

/* The median of each figure on its own; the highest peak memory. */
static WindowSample
median_window (const WindowSample *samples,
               guint               n)
{
  g_autofree double *v = g_new (double, n);
  WindowSample m = samples[0];

#define MEDIAN_OF(field) \
  G_STMT_START { \
    for (guint i = 0; i < n; i++) \
      v[i] = samples[i].field; \
    m.field = median_double (v, n); \
  } G_STMT_END

  MEDIAN_OF (first_frame_ms);
  MEDIAN_OF (ready_ms);
  MEDIAN_OF (filter_result_ms);
  MEDIAN_OF (filter_ms);
  MEDIAN_OF (max_stall_ms);
  MEDIAN_OF (filter_stall_ms);
#undef MEDIAN_OF

  for (guint i = 0; i < n; i++)
    {
      m.ok &= samples[i].ok;
      m.peak_rss_kb = MAX (m.peak_rss_kb, samples[i].peak_rss_kb);
    }

  return m;
}

typedef struct
{
  guint        count;
  WindowSample window;
  Sample       query;
} WindowRow;

/* One untimed run of each side, then the window and sqlite3 in turn;
 * @sql is NULL for the window alone.
 */
static void
measure_window (const Options *options,
                const char    *db,
                const char    *sql,
                const char    *log_path,
                WindowRow     *row)
{
  g_autofree WindowSample *samples = g_new0 (WindowSample,
                                             options->repeat);
  g_autoptr(GArray) queries = g_array_new (FALSE, FALSE, sizeof (Sample));
  const char * const query_argv[] = { options->sqlite3, db, sql, NULL };

  run_window (options, db, log_path);
  if (sql != NULL)
    run_process (query_argv, NULL, log_path);

  for (guint i = 0; i < options->repeat; i++)
    {
      samples[i] = run_window (options, db, log_path);
      if (sql != NULL)
        {
          Sample sample = run_process (query_argv, NULL, log_path);

          g_array_append_val (queries, sample);
        }
    }

  row->window = median_window (samples, options->repeat);
  if (sql != NULL)
    row->query = median_of (queries);
}

static const char *
verdict (gboolean ok,
         gboolean met)
{
  return !ok ? "FAILED" : met ? "ok" : "MISSED";
}

#define N_FILTERS G_N_ELEMENTS (window_filters)

/* Every filter on one database, each beside sqlite3 if @with_query. */
static gboolean
measure_filters (const Options   *options,
                 const char      *db,
                 gboolean         with_query,
                 const char      *log_path,
                 WindowRow       *rows)
{
  gboolean ok = TRUE;

  for (guint f = 0; f < N_FILTERS; f++)
    {
      g_setenv ("INCIDENTDESK_BENCHMARK_FILTER", window_filters[f].filter,
                TRUE);
      measure_window (options, db, with_query ? window_filters[f].sql : NULL,
                      log_path, &rows[f]);
      ok &= rows[f].window.ok && (!with_query || rows[f].query.ok);
    }

  return ok;
}

static void
print_empty (const WindowRow *base)
{
  printf ("  %-10s first frame %7.0f ms; ready %7.0f ms; "
          "peak memory %6.1f MB\n", "empty", base[0].window.first_frame_ms,
          base[0].window.ready_ms, base[0].window.peak_rss_kb / 1024.0);
  for (guint f = 0; f < N_FILTERS; f++)
    printf ("  %-10s %-18s result %6.1f ms; shown %6.0f ms; "
            "longest stall %5.0f ms\n", "", window_filters[f].filter,
            base[f].window.filter_result_ms, base[f].window.filter_ms,
            base[f].window.filter_stall_ms);
  fflush (stdout);
}

static void
print_size (guint            count,
            const WindowRow *base,
            const WindowRow *rows)
{
  double frame_ratio = rows[0].window.first_frame_ms /
                       MAX (base[0].window.first_frame_ms, 1e-3);
  long peak = 0, memory_limit = 0;
  double ready = 0, stall = 0;

  printf ("  %-10u first frame %7.0f ms vs %.0f ms: %5.2f×  ≤ 1.5×  %s\n",
          count, rows[0].window.first_frame_ms,
          base[0].window.first_frame_ms, frame_ratio,
          verdict (TRUE, frame_ratio <= 1.5));

  for (guint f = 0; f < N_FILTERS; f++)
    {
      const WindowSample *w = &rows[f].window;
      double query_ms = rows[f].query.seconds * 1000;
      double ratio = w->filter_result_ms / MAX (query_ms, 1e-3);

      printf ("  %-10s %s, %u rows: result %.1f ms vs sqlite3 %.1f ms: "
              "%5.2f×  ≤ 2×  %s\n", "", window_filters[f].filter,
              w->filter_rows, w->filter_result_ms, query_ms, ratio,
              verdict (TRUE, ratio <= 2.0));
      printf ("  %-10s %*s shown on screen %.0f ms (empty database "
              "%.0f ms); longest stall %.0f ms\n", "",
              (int) strlen (window_filters[f].filter), "", w->filter_ms,
              base[f].window.filter_ms, w->filter_stall_ms);
      peak = MAX (peak, w->peak_rss_kb);
      memory_limit = MAX (memory_limit,
                          base[f].window.peak_rss_kb + EMPTY_EXTRA_KB);
      ready = MAX (ready, w->ready_ms);
      stall = MAX (stall, w->max_stall_ms);
    }

  printf ("  %-10s peak memory %6.1f MB vs %.1f MB + 64 MB  %s\n", "",
          peak / 1024.0, (memory_limit - EMPTY_EXTRA_KB) / 1024.0,
          verdict (TRUE, peak <= memory_limit));
  printf ("  %-10s (ready %.0f ms; longest stall of the main loop "
          "from the first frame %.0f ms)\n", "", ready, stall);
  fflush (stdout);
}

static gboolean
bench_window (const Options *options,
              const char    *self,
              char         **size_list)
{
  g_autofree char *empty = g_strdup_printf ("%s/bench-empty.db",
                                            options->workdir);
  g_autofree char *log = g_strdup_printf ("%s/bench-window.log",
                                          options->workdir);
  WindowRow base[N_FILTERS] = { 0 };
  gboolean ok;

  g_setenv ("INCIDENTDESK_BENCHMARK", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (options->schema_dir != NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", options->schema_dir, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  printf ("\nThe window, median of %u runs of a fresh process after one "
          "untimed run.\nEach filter is chosen on the list once the "
          "dashboard and the list are ready,\nand timed to its result "
          "reaching the list (beside sqlite3 running the list's\nquery "
          "and reading the rows shown first) and to the first frame "
          "showing it.\n", options->repeat);

  if (!fill_database (self, empty, 0, log))
    return FALSE;
  ok = measure_filters (options, empty, FALSE, log, base);
  print_empty (base);

  for (guint i = 0; size_list[i] != NULL; i++)
    {
      guint count = (guint) g_ascii_strtoull (size_list[i], NULL, 10);
      g_autofree char *db = g_strdup_printf ("%s/bench-%u.db",
                                             options->workdir, count);
      WindowRow rows[N_FILTERS] = { 0 };

      if (!fill_database (self, db, count, log))
        {
          ok = FALSE;
          continue;
        }

      ok &= measure_filters (options, db, TRUE, log, rows);
      print_size (count, base, rows);
    }

  return ok;
}

/* The child behind "create one incident": open, one durable commit,
 * exit.
 */
static int
create_one (const char *path)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskIncident) incident = desk_incident_new ();
  g_autoptr(GError) error = NULL;

  store = desk_store_open (path, DESK_STORE_FLAGS_NO_CREATE, &error);
  if (store == NULL)
    goto fail;

  desk_incident_set_string (incident, DESK_FIELD_TITLE,
                            "Benchmark incident");
  desk_incident_set_string (incident, DESK_FIELD_SERVICE, "Email");
  incident->severity = DESK_SEVERITY_SEV3;
  incident->impact = DESK_IMPACT_NONE;
  incident->status = DESK_STATUS_NEW;
  incident->detected_at = g_get_real_time () / G_USEC_PER_SEC;

  if (!desk_store_create_incident (store, incident, &error))
    goto fail;

  return 0;

fail:
  g_printerr ("%s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *create = NULL;
  g_autofree char *fill = NULL;
  int fill_count = 0;
  g_autofree char *self = NULL;
  g_auto(GStrv) size_list = NULL;
  g_autoptr(GArray) memory = g_array_new (FALSE, TRUE, sizeof (Memory));
  Options options = { .sqlite3 = "sqlite3", .repeat = 3 };
  g_autofree char *only = NULL;
  gboolean ok = TRUE;
  int repeat = 3;
  const GOptionEntry entries[] = {
    { "binary", 0, 0, G_OPTION_ARG_FILENAME, &options.binary,
      "The incidentdesk executable", "PATH" },
    { "workdir", 0, 0, G_OPTION_ARG_FILENAME, &options.workdir,
      "Folder for the databases and files (reused between runs)", "DIR" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes,
      "Comma-separated incident counts (default 100000,1000000)", "N,…" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat,
      "Runs of each command; the median counts (default 3)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &options.keep,
      "Keep the exported and imported files", NULL },
    { "generate-only", 0, 0, G_OPTION_ARG_NONE, &options.generate_only,
      "Only create the demo databases", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "Only the command line (cli), its import (import) or the window "
      "(window)", "PART" },
    { "schema-dir", 0, 0, G_OPTION_ARG_FILENAME, &options.schema_dir,
      "Folder of the compiled settings schema, for the window", "DIR" },
    { "create-one", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &create,
      NULL, NULL },
    { "fill", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &fill,
      NULL, NULL },
    { "count", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &fill_count,
      NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("— IncidentDesk beside sqlite3");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (create != NULL)
    return create_one (create);
  if (fill != NULL)
    return fill_one (fill, (guint) fill_count);

  if (options.binary == NULL || options.workdir == NULL)
    {
      g_printerr ("--binary and --workdir are needed\n");
      return 2;
    }
  options.repeat = MAX (repeat, 1);
  options.import_only = only != NULL && g_str_equal (only, "import");
  options.cli = only == NULL || g_str_equal (only, "cli") ||
                options.import_only;
  options.window = (only == NULL || g_str_equal (only, "window")) &&
                   !options.generate_only;
  self = g_file_read_link ("/proc/self/exe", NULL);
  size_list = g_strsplit (sizes != NULL ? sizes : "100000,1000000", ",", -1);
  g_mkdir_with_parents (options.workdir, 0700);

  if (options.cli)
    {
      printf ("IncidentDesk beside sqlite3 on the same file. Each time is the "
              "median of %u runs\nof a fresh process, the two sides taking "
              "turns after one untimed run; the ratio\nis of wall-clock times, "
              "the CPU ratio of user + system time.\n", options.repeat);
      printf ("  %-22s%12s   %12s   %7s   %7s   %s\n", "operation",
              "incidentdesk", "sqlite3", "ratio", "CPU", "target");

      for (guint i = 0; size_list[i] != NULL; i++)
        {
          Memory m = { 0 };
          guint count = (guint) g_ascii_strtoull (size_list[i], NULL, 10);

          ok &= bench_size (&options, self, count, &m);
          g_array_append_val (memory, m);
        }

      if (memory->len > 1 && !options.generate_only && !options.import_only)
        {
          Memory *first = &g_array_index (memory, Memory, 0);
          Memory *last = &g_array_index (memory, Memory, memory->len - 1);

          printf ("\nPeak memory from %s to %s incidents: "
                  "export %.1f → %.1f MB, SLA report %.1f → %.1f MB\n",
                  size_list[0], size_list[memory->len - 1],
                  first->export_kb / 1024.0, last->export_kb / 1024.0,
                  first->report_kb / 1024.0, last->report_kb / 1024.0);
        }
    }

  if (options.window)
    ok &= bench_window (&options, self, size_list);

  return ok ? 0 : 1;
}
