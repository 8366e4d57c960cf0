/* test-sla.c: SLA arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "desk-csv.h"
#include "desk-sla.h"
#include "desk-test-util.h"
#include "desk-time.h"

#define OPEN DESK_TIME_NONE
#define MAX_SPANS 4

/* Intervals are written as "10-20,30-40" in the expectations. */
static char *
spans_text (const GArray *spans)
{
  GString *out = g_string_new ("");

  for (guint i = 0; i < spans->len; i++)
    {
      const DeskInterval *one = &g_array_index (spans, DeskInterval, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              i > 0 ? "," : "", one->start, one->end);
    }

  return g_string_free (out, FALSE);
}

static GArray *
spans_array (const DeskInterval *spans)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (DeskInterval));

  for (guint i = 0; i < MAX_SPANS; i++)
    {
      if (spans[i].start == 0 && spans[i].end == 0)
        break;
      g_array_append_val (array, spans[i]);
    }

  return array;
}

typedef struct
{
  const char   *name;
  DeskInterval  in[MAX_SPANS];
  gint64        clip_start;
  gint64        clip_end;
  const char   *merged;
  gint64        length;
} MergeCase;

static const MergeCase merge_cases[] = {
  { "empty", { { 0 } }, 0, 100, "", 0 },
  { "single", { { 10, 20 } }, 0, 100, "10-20", 10 },
  { "overlap", { { 10, 30 }, { 20, 40 } }, 0, 100, "10-40", 30 },
  { "containment", { { 10, 50 }, { 20, 30 } }, 0, 100, "10-50", 40 },
  { "touching", { { 10, 20 }, { 20, 30 } }, 0, 100, "10-30", 20 },
  { "zero-length", { { 10, 10 }, { 15, 25 } }, 0, 100, "15-25", 10 },
  { "zero-length-inside", { { 15, 25 }, { 20, 20 } }, 0, 100, "15-25", 10 },
  { "unsorted", { { 50, 60 }, { 10, 20 } }, 0, 100, "10-20,50-60", 20 },
  { "duplicate", { { 10, 20 }, { 10, 20 } }, 0, 100, "10-20", 10 },
  { "chain", { { 10, 20 }, { 15, 25 }, { 24, 30 }, { 40, 45 } }, 0, 100,
    "10-30,40-45", 25 },
  { "clip-edges", { { -10, 5 }, { 95, 120 } }, 0, 100, "0-5,95-100", 10 },
  { "clip-outside", { { -20, 0 }, { 100, 110 } }, 0, 100, "", 0 },
  { "clip-spanning", { { -50, 150 } }, 0, 100, "0-100", 100 },
  { "open-ended", { { 90, OPEN } }, 0, 100, "90-100", 10 },
  { "open-ended-overlap", { { 40, 60 }, { 50, OPEN } }, 0, 100, "40-100", 60 },
  { "open-after-period", { { 120, OPEN } }, 0, 100, "", 0 },
  { "backwards", { { 30, 20 } }, 0, 100, "", 0 },
  { "no-start", { { OPEN, 20 }, { 30, 40 } }, 0, 100, "30-40", 10 },
};

static void
test_merge (gconstpointer data)
{
  const MergeCase *c = data;
  g_autoptr(GArray) in = spans_array (c->in);
  g_autoptr(GArray) merged = NULL;
  g_autofree char *text = NULL;

  merged = desk_intervals_merge ((DeskInterval *) in->data, in->len,
                                 c->clip_start, c->clip_end);
  text = spans_text (merged);

  g_assert_cmpstr (text, ==, c->merged);
  g_assert_cmpint (desk_intervals_length (merged), ==, c->length);
}

typedef struct
{
  const char   *name;
  DeskInterval  a[MAX_SPANS];
  DeskInterval  b[MAX_SPANS];
  const char   *result;
} SubtractCase;

static const SubtractCase subtract_cases[] = {
  { "holes", { { 1, 100 } }, { { 10, 20 }, { 50, 60 } },
    "1-10,20-50,60-100" },
  { "covered", { { 10, 20 } }, { { 1, 100 } }, "" },
  { "straddling", { { 10, 20 }, { 30, 40 } }, { { 15, 35 } }, "10-15,35-40" },
  { "nothing-to-take", { { 10, 20 } }, { { 0 } }, "10-20" },
  { "touching", { { 10, 20 } }, { { 20, 30 } }, "10-20" },
  { "same-start", { { 10, 20 } }, { { 10, 15 } }, "15-20" },
  { "same-end", { { 10, 20 } }, { { 15, 20 } }, "10-15" },
  { "one-cut-many", { { 1, 5 }, { 6, 9 }, { 12, 14 } }, { { 3, 13 } },
    "1-3,13-14" },
};

static void
test_subtract (gconstpointer data)
{
  const SubtractCase *c = data;
  g_autoptr(GArray) a = spans_array (c->a);
  g_autoptr(GArray) b = spans_array (c->b);
  g_autoptr(GArray) result = desk_intervals_subtract (a, b);
  g_autofree char *text = spans_text (result);

  g_assert_cmpstr (text, ==, c->result);
}

typedef struct
{
  const char   *name;
  gint64        period;
  double        downtime;
  double        target;
  double        uptime;
  double        allowed;
  DeskSlaState  state;
} AvailabilityCase;

#define DAYS_30 (30 * 86400)

static const AvailabilityCase availability_cases[] = {
  /* The check case: a 30-day month at 99.9 % allows 43.2 minutes. */
  { "30d-99.9-43min", DAYS_30, 43 * 60, 99.9, 99.900462963, 2592,
    DESK_SLA_AT_RISK },
  { "30d-99.9-44min", DAYS_30, 44 * 60, 99.9, 99.898148148, 2592,
    DESK_SLA_BREACHED },
  { "30d-99.9-exactly-allowed", DAYS_30, 2592, 99.9, 99.9, 2592,
    DESK_SLA_AT_RISK },
  { "30d-99.9-exactly-75", DAYS_30, 1944, 99.9, 99.925, 2592,
    DESK_SLA_AT_RISK },
  { "30d-99.9-just-under-75", DAYS_30, 1943, 99.9, 99.925038580, 2592,
    DESK_SLA_MET },
  { "30d-99.9-none", DAYS_30, 0, 99.9, 100, 2592, DESK_SLA_MET },
  { "99-749", 100000, 749, 99, 99.251, 1000, DESK_SLA_MET },
  { "99-750", 100000, 750, 99, 99.25, 1000, DESK_SLA_AT_RISK },
  { "99-1000", 100000, 1000, 99, 99, 1000, DESK_SLA_AT_RISK },
  { "99-1000.5", 100000, 1000.5, 99, 98.9995, 1000, DESK_SLA_BREACHED },
  { "target-100-none", DAYS_30, 0, 100, 100, 0, DESK_SLA_MET },
  { "target-100-one-second", DAYS_30, 1, 100, 99.999961420, 0,
    DESK_SLA_BREACHED },
  { "target-0-all-down", 3600, 3600, 0, 0, 3600, DESK_SLA_AT_RISK },
  { "more-than-period", 3600, 7200, 99.9, 0, 3.6, DESK_SLA_BREACHED },
};

static void
test_availability (gconstpointer data)
{
  const AvailabilityCase *c = data;
  DeskAvailability a;

  desk_availability_compute (c->period, c->downtime, c->target, &a);

  g_assert_cmpint (a.period_seconds, ==, c->period);
  g_assert_cmpfloat_with_epsilon (a.uptime_percent, c->uptime, 1e-8);
  g_assert_cmpfloat_with_epsilon (a.allowed_seconds, c->allowed, 1e-6);
  g_assert_cmpfloat_with_epsilon (a.budget_seconds, c->allowed - c->downtime,
                                  1e-6);
  g_assert_cmpint (a.state, ==, c->state);
  g_assert_cmpfloat (a.uptime_percent, >=, 0.0);
  g_assert_cmpfloat (a.uptime_percent, <=, 100.0);
}

/* The allowed downtime of calendar periods in each zone. */
typedef struct
{
  const char *zone;
  const char *period;
  double      target;
  double      allowed;
} PeriodAllowedCase;

static const PeriodAllowedCase period_allowed_cases[] = {
  { "UTC", "2025-03", 99.9, 2678.4 },
  { "Europe/Berlin", "2025-03", 99.9, 2674.8 },
  { "Europe/Berlin", "2025-10", 99.9, 2682.0 },
  { "Asia/Jakarta", "2025-03", 99.9, 2678.4 },
  { "UTC", "2024-02", 99.9, 2505.6 },
  { "Europe/Berlin", "2024-02", 99.9, 2505.6 },
  { "Asia/Jakarta", "2024-02", 99.9, 2505.6 },
  { "UTC", "2024", 99.99, 3162.24 },
  { "Europe/Berlin", "2025", 99.99, 3153.6 },
  { "Asia/Jakarta", "2025", 99.99, 3153.6 },
};

static GTimeZone *
zone (const char *identifier)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *tz = desk_time_zone_new (identifier, &error);

  g_assert_no_error (error);

  return tz;
}

static void
test_period_allowed (gconstpointer data)
{
  const PeriodAllowedCase *c = data;
  g_autoptr(GTimeZone) tz = zone (c->zone);
  g_autoptr(GError) error = NULL;
  DeskAvailability a;
  gint64 start;
  gint64 end;

  g_assert_true (desk_period_parse (c->period, tz, &start, &end, &error));
  g_assert_no_error (error);
  desk_availability_compute (end - start, 0, c->target, &a);

  g_assert_cmpfloat_with_epsilon (a.allowed_seconds, c->allowed, 1e-6);
  g_assert_cmpint (a.state, ==, DESK_SLA_MET);
}

/* An outage across the start and one across the end of March, clipped to
 * March in each zone: Berlin's March begins 2025-02-28T23:00Z and ends
 * 2025-03-31T22:00Z, Jakarta's 2025-02-28T17:00Z and 2025-03-31T17:00Z.
 */
typedef struct
{
  const char *zone;
  gint64      outage_seconds;
} ClipCase;

static const ClipCase clip_cases[] = {
  { "UTC", 5400 },            /* the end one, 2025-03-31T22:30Z-24:00Z */
  { "Europe/Berlin", 1800 },  /* the start one, 23:00Z-23:30Z */
  { "Asia/Jakarta", 3600 },   /* the whole start one */
};

static void
test_clip_to_zone_period (gconstpointer data)
{
  const ClipCase *c = data;
  g_autoptr(GTimeZone) tz = zone (c->zone);
  g_autoptr(GTimeZone) utc = zone ("UTC");
  g_autoptr(GArray) merged = NULL;
  DeskInterval spans[2];
  gint64 start;
  gint64 end;

  g_assert_true (desk_period_parse ("2025-03", tz, &start, &end, NULL));
  g_assert_true (desk_time_parse ("2025-02-28T22:30:00Z", utc,
                                  DESK_FOLD_REFUSE, &spans[0].start, NULL));
  g_assert_true (desk_time_parse ("2025-02-28T23:30:00Z", utc,
                                  DESK_FOLD_REFUSE, &spans[0].end, NULL));
  g_assert_true (desk_time_parse ("2025-03-31T22:30:00Z", utc,
                                  DESK_FOLD_REFUSE, &spans[1].start, NULL));
  g_assert_true (desk_time_parse ("2025-04-01T00:30:00Z", utc,
                                  DESK_FOLD_REFUSE, &spans[1].end, NULL));

  merged = desk_intervals_merge (spans, 2, start, end);
  g_assert_cmpint (desk_intervals_length (merged), ==, c->outage_seconds);
}

typedef struct
{
  const char *name;
  double      weight;
  gint64      outage;
  gint64      degraded;
  double      downtime;
  DeskSlaState state;
} DegradedCase;

/* Period [0, 1000) at 90 %: outage [100, 200), degraded [150, 350), so
 * 150 s of degraded time lie outside the outage; allowed is 100 s.
 */
static const DegradedCase degraded_cases[] = {
  { "weight-0", 0.0, 100, 150, 100, DESK_SLA_AT_RISK },
  { "weight-0.5", 0.5, 100, 150, 175, DESK_SLA_BREACHED },
  { "weight-1", 1.0, 100, 150, 250, DESK_SLA_BREACHED },
  { "weight-clamped", 3.0, 100, 150, 250, DESK_SLA_BREACHED },
};

static void
test_degraded (gconstpointer data)
{
  const DegradedCase *c = data;
  DeskInterval outage[] = { { 100, 200 } };
  DeskInterval degraded[] = { { 150, 350 } };
  g_autoptr(GArray) outages = desk_intervals_merge (outage, 1, 0, 1000);
  g_autoptr(GArray) degradeds = desk_intervals_merge (degraded, 1, 0, 1000);
  DeskAvailability a;

  desk_availability_from_intervals (0, 1000, outages, degradeds, c->weight,
                                    90, 1, &a);

  g_assert_cmpint (a.outage_seconds, ==, c->outage);
  g_assert_cmpint (a.degraded_seconds, ==, c->degraded);
  g_assert_cmpfloat_with_epsilon (a.downtime_seconds, c->downtime, 1e-9);
  g_assert_cmpfloat_with_epsilon (a.uptime_percent,
                                  100.0 * (1000 - c->downtime) / 1000, 1e-9);
  g_assert_cmpint (a.state, ==, c->state);
  g_assert_cmpint (a.period_start, ==, 0);
  g_assert_cmpint (a.period_end, ==, 1000);
}

typedef struct
{
  const char *name;
  guint       n_outages;
  double      mtbf;
} MtbfCase;

/* One day with one hour of outage in two pieces. */
static const MtbfCase mtbf_cases[] = {
  { "zero-outages", 0, -1 },
  { "one-outage", 1, 82800 },
  { "two-outages", 2, 41400 },
  { "three-outages", 3, 27600 },
};

static void
test_mtbf (gconstpointer data)
{
  const MtbfCase *c = data;
  DeskInterval spans[] = { { 3600, 5400 }, { 7200, 9000 } };
  g_autoptr(GArray) outages = desk_intervals_merge (spans, 2, 0, 86400);
  DeskAvailability a;

  desk_availability_from_intervals (0, 86400, outages, NULL, 0, 99.9,
                                    c->n_outages, &a);

  g_assert_cmpint (a.outage_seconds, ==, 3600);
  g_assert_cmpuint (a.n_outages, ==, c->n_outages);
  g_assert_cmpfloat_with_epsilon (a.mtbf_seconds, c->mtbf, 1e-9);
}

typedef struct
{
  const char *name;
  gint64      values[20];
  guint       n;
  guint       count;
  double      mean;
  double      median;
  double      p90;
} StatsCase;

static const StatsCase stats_cases[] = {
  { "none", { 0 }, 0, 0, 0, 0, 0 },
  { "one", { 5 }, 1, 1, 5, 5, 5 },
  { "odd", { 30, 10, 20 }, 3, 3, 20, 20, 30 },
  { "even", { 40, 10, 30, 20 }, 4, 4, 25, 25, 40 },
  { "ten", { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 10, 10, 5.5, 5.5, 9 },
  { "eleven", { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 11, 11, 6, 6, 10 },
  { "twenty", { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                18, 19, 20 }, 20, 20, 10.5, 10.5, 18 },
  { "skewed", { 60, 60, 60, 60, 3600 }, 5, 5, 768, 60, 3600 },
};

static void
test_stats (gconstpointer data)
{
  const StatsCase *c = data;
  DeskStats stats;

  desk_stats_compute (c->values, c->n, &stats);

  g_assert_cmpuint (stats.count, ==, c->count);
  g_assert_cmpfloat_with_epsilon (stats.mean, c->mean, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.median, c->median, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.p90, c->p90, 1e-9);
}

typedef struct
{
  const char     *name;
  gboolean        resolution;
  gint64          stop;       /* acknowledged or resolved; OPEN: running */
  DeskInterval    on_hold[MAX_SPANS];
  gint64          now;
  gint64          target;
  gint64          elapsed;
  DeskClockState  state;
} ClockCase;

/* Detected at 0 throughout. */
static const ClockCase clock_cases[] = {
  { "response-ok", FALSE, 600, { { 0 } }, 0, 900, 600, DESK_CLOCK_OK },
  { "response-just-under-75", FALSE, 674, { { 0 } }, 0, 900, 674,
    DESK_CLOCK_OK },
  { "response-exactly-75", FALSE, 675, { { 0 } }, 0, 900, 675,
    DESK_CLOCK_WARNING },
  { "response-exactly-100", FALSE, 900, { { 0 } }, 0, 900, 900,
    DESK_CLOCK_WARNING },
  { "response-over", FALSE, 901, { { 0 } }, 0, 900, 901,
    DESK_CLOCK_BREACHED },
  { "response-running", FALSE, OPEN, { { 0 } }, 300, 900, 300,
    DESK_CLOCK_OK },
  { "response-running-late", FALSE, OPEN, { { 0 } }, 1000, 900, 1000,
    DESK_CLOCK_BREACHED },
  { "resolution-plain", TRUE, 7200, { { 0 } }, 0, 14400, 7200,
    DESK_CLOCK_OK },
  { "resolution-hold-paused", TRUE, 14400, { { 3600, 7200 } }, 0, 14400,
    10800, DESK_CLOCK_WARNING },
  { "resolution-holds-overlap", TRUE, 20000, { { 1000, 8000 }, { 5000, 9000 } },
    0, 14400, 12000, DESK_CLOCK_WARNING },
  { "resolution-two-holds", TRUE, 20000, { { 1000, 2000 }, { 5000, 6000 } },
    0, 14400, 18000, DESK_CLOCK_BREACHED },
  { "resolution-hold-before-detected", TRUE, 10000, { { -500, 500 } }, 0,
    14400, 9500, DESK_CLOCK_OK },
  { "resolution-running-on-hold", TRUE, OPEN, { { 15000, OPEN } }, 20000,
    14400, 15000, DESK_CLOCK_BREACHED },
  { "resolution-running-held-early", TRUE, OPEN, { { 2000, 9000 } }, 12000,
    14400, 5000, DESK_CLOCK_OK },
};

static void
test_clock (gconstpointer data)
{
  const ClockCase *c = data;
  g_autoptr(GArray) holds = spans_array (c->on_hold);
  DeskClock clock;

  if (c->resolution)
    desk_clock_resolution (0, c->stop, holds, c->now, c->target, &clock);
  else
    desk_clock_response (0, c->stop, c->now, c->target, &clock);

  g_assert_cmpint (clock.elapsed, ==, c->elapsed);
  g_assert_cmpint (clock.target, ==, c->target);
  g_assert_cmpint (clock.state, ==, c->state);
  g_assert_cmpint (clock.running, ==, c->stop == OPEN);
  g_assert_cmpfloat_with_epsilon (clock.fraction,
                                  (double) c->elapsed / c->target, 1e-12);
}

static void
test_default_targets (void)
{
  DeskSlaTargets t;

  desk_sla_targets_init_default (&t);

  g_assert_cmpint (t.response[DESK_SEVERITY_SEV1], ==, 15 * 60);
  g_assert_cmpint (t.resolution[DESK_SEVERITY_SEV1], ==, 4 * 3600);
  g_assert_cmpint (t.response[DESK_SEVERITY_SEV2], ==, 30 * 60);
  g_assert_cmpint (t.resolution[DESK_SEVERITY_SEV2], ==, 8 * 3600);
  g_assert_cmpint (t.response[DESK_SEVERITY_SEV3], ==, 2 * 3600);
  g_assert_cmpint (t.resolution[DESK_SEVERITY_SEV3], ==, 24 * 3600);
  g_assert_cmpint (t.response[DESK_SEVERITY_SEV4], ==, 8 * 3600);
  g_assert_cmpint (t.resolution[DESK_SEVERITY_SEV4], ==, 72 * 3600);
}

static void
test_state_names (void)
{
  g_assert_cmpstr (desk_sla_state_to_string (DESK_SLA_MET), ==, "Met");
  g_assert_cmpstr (desk_sla_state_to_string (DESK_SLA_AT_RISK), ==,
                   "At risk");
  g_assert_cmpstr (desk_sla_state_to_string (DESK_SLA_BREACHED), ==,
                   "Breached");
  g_assert_cmpstr (desk_sla_state_label (DESK_SLA_AT_RISK), ==, "At risk");
}

static int
column (const char * const *header,
        guint               n,
        const char         *name)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (header[i], name) == 0)
      return (int) i;

  g_error ("no column %s", name);
}

/* Every published availability table row: the allowed downtime under the
 * row's own period length matches its exact value.
 */
static void
test_nines_reference (void)
{
  g_autofree char *path = desk_test_data_path ("sla/sla_nines_reference.csv");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char **fields;
  guint n_fields;
  int pct_col;
  int days_col;
  int exact_col;
  guint rows = 0;

  if (path == NULL)
    return;

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  reader = desk_csv_reader_new (G_INPUT_STREAM (stream), ',');

  g_assert_true (desk_csv_reader_next (reader, &fields, &n_fields, NULL,
                                       &error));
  pct_col = column (fields, n_fields, "availability_pct");
  days_col = column (fields, n_fields, "period_days_assumed_by_source");
  exact_col = column (fields, n_fields, "exact_seconds_under_that_assumption");

  while (desk_csv_reader_next (reader, &fields, &n_fields, NULL, &error))
    {
      double target = g_ascii_strtod (fields[pct_col], NULL);
      double days = g_ascii_strtod (fields[days_col], NULL);
      double exact = g_ascii_strtod (fields[exact_col], NULL);
      gint64 period = (gint64) llround (days * 86400);
      DeskAvailability a;

      desk_availability_compute (period, 0, target, &a);

      if (fabs (a.allowed_seconds - exact) > 5e-4 + 1e-7 * exact)
        g_error ("line %u: %s %% over %s days allows %.6f s, not %.6f s",
                 desk_csv_reader_get_line (reader), fields[pct_col],
                 fields[days_col], a.allowed_seconds, exact);
      rows++;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 132);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD_CASES(kind, cases, func)                                        \
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)                          \
    {                                                                       \
      g_autofree char *path = g_strdup_printf ("/sla/" kind "/%s",          \
                                               cases[i].name);              \
      g_test_add_data_func (path, &cases[i], func);                         \
    }

  ADD_CASES ("merge", merge_cases, test_merge);
  ADD_CASES ("subtract", subtract_cases, test_subtract);
  ADD_CASES ("availability", availability_cases, test_availability);
  ADD_CASES ("degraded", degraded_cases, test_degraded);
  ADD_CASES ("mtbf", mtbf_cases, test_mtbf);
  ADD_CASES ("stats", stats_cases, test_stats);
  ADD_CASES ("clock", clock_cases, test_clock);

  for (guint i = 0; i < G_N_ELEMENTS (period_allowed_cases); i++)
    {
      const PeriodAllowedCase *c = &period_allowed_cases[i];
      g_autofree char *path = g_strdup_printf ("/sla/period-allowed/%s/%s",
                                               c->zone, c->period);

      g_test_add_data_func (path, c, test_period_allowed);
    }

  for (guint i = 0; i < G_N_ELEMENTS (clip_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sla/clip-march/%s",
                                               clip_cases[i].zone);

      g_test_add_data_func (path, &clip_cases[i], test_clip_to_zone_period);
    }

  g_test_add_func ("/sla/targets/default", test_default_targets);
  g_test_add_func ("/sla/state/names", test_state_names);
  g_test_add_func ("/sla/nines-reference", test_nines_reference);

  return g_test_run ();
}
