/* desk-sla-page.c: the SLA tracker and calculator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-sla-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-error.h"
#include "desk-sla-report.h"
#include "desk-time.h"

#include "desk-gui-util.h"
#include "desk-sla-calculator.h"
#include "desk-sla-service-row.h"
#include "desk-sla-page.h"

/* Show the spinner only for work that a user would notice. */
#define LOADING_DELAY_MS 150

/* From this width on, service rows show more figures beside the name. */
#define WIDE_WIDTH 720

typedef enum
{
  PERIOD_DAY,
  PERIOD_WEEK,
  PERIOD_MONTH,
  PERIOD_QUARTER,
  PERIOD_YEAR,
  PERIOD_CUSTOM,
} PeriodKind;

struct _DeskSlaPage
{
  AdwBin         parent_instance;

  DeskStore     *store;
  GSettings     *settings;
  GCancellable  *cancellable;
  GCancellable  *demo_cancellable;
  DeskSlaReport *report;
  GTimeZone     *tz;
  char          *zone_name;     /* chosen here; NULL: the desk's default */
  PeriodKind     kind;
  GDate          anchor;        /* a day inside the period, local */
  char          *custom;        /* "START/END" for PERIOD_CUSTOM */
  gint64         period_start;
  gint64         period_end;
  guint          loading_id;
  guint          wide_id;
  gboolean       wide;
  GtkSizeGroup  *columns[DESK_SLA_N_COLUMNS];
  gboolean       loading;
  gboolean       stale;
  gboolean       filling_zones;

  GtkLabel      *period_label;
  GtkLabel      *zone_label;
  AdwComboRow   *kind_row;
  AdwEntryRow   *start_row;
  AdwEntryRow   *end_row;
  AdwComboRow   *zone_row;
  GtkStringList *zone_model;
  AdwEntryRow   *zone_entry_row;
  GtkLabel      *period_message;
  GtkStack      *report_stack;
  GtkSpinner    *spinner;
  GtkListBox    *services_list;
  GtkLabel      *open_note;
  GtkWidget     *quiet_box;
  GtkLabel      *quiet_label;
  GtkLabel      *empty_description;
  GtkLabel      *error_description;
};

G_DEFINE_FINAL_TYPE (DeskSlaPage, desk_sla_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Offered in the time zone row after the default; "Other" comes last. */
static const char * const common_zones[] = {
  "UTC",
  "Asia/Jakarta",
  "Asia/Makassar",
  "Asia/Jayapura",
  "Asia/Singapore",
  "Asia/Kolkata",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Australia/Sydney",
};

#define ZONE_OTHER (1 + G_N_ELEMENTS (common_zones))

static void desk_sla_page_start (DeskSlaPage *self);

static void
replace_string (char       **slot,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

static gboolean
error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, DESK_ERROR, DESK_ERROR_CANCELLED);
}

static char *
default_zone_name (DeskSlaPage *self)
{
  g_autoptr(GTimeZone) local = NULL;
  char *name = NULL;

  if (self->settings != NULL)
    name = g_settings_get_string (self->settings, "time-zone");

  if (name != NULL && *name != '\0')
    return name;

  g_free (name);
  local = g_time_zone_new_local ();

  return g_strdup (g_time_zone_get_identifier (local));
}

static GTimeZone *
zone_for (DeskSlaPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GTimeZone *tz;

  name = self->zone_name != NULL ? g_strdup (self->zone_name)
                                 : default_zone_name (self);

  tz = desk_time_zone_new (name, &error);
  if (tz == NULL)
    {
      g_warning ("Time zone %s is not known, using the system's: %s",
                 name, error->message);
      tz = g_time_zone_new_local ();
    }

  return tz;
}

static double
degraded_weight (DeskSlaPage *self)
{
  if (self->settings == NULL)
    return 0;

  return g_settings_get_double (self->settings, "degraded-weight");
}

static void
set_today (DeskSlaPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);
  int y, m, d;

  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_set_dmy (&self->anchor, d, m, y);
}

static void
set_anchor_from_instant (DeskSlaPage *self,
                         gint64       instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = NULL;
  int y, m, d;

  if (utc == NULL)
    return;

  local = g_date_time_to_timezone (utc, self->tz);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_set_dmy (&self->anchor, d, m, y);
}

/* The period as the command line writes it. */
static char *
period_text (DeskSlaPage *self)
{
  GDate thursday;
  int y = g_date_get_year (&self->anchor);
  int m = g_date_get_month (&self->anchor);
  int d = g_date_get_day (&self->anchor);

  switch (self->kind)
    {
    case PERIOD_DAY:
      return g_strdup_printf ("%04d-%02d-%02d", y, m, d);

    case PERIOD_WEEK:
      /* The ISO year of a week is the year of its Thursday. */
      thursday = self->anchor;
      if (g_date_get_weekday (&thursday) <= G_DATE_THURSDAY)
        g_date_add_days (&thursday,
                         G_DATE_THURSDAY - g_date_get_weekday (&thursday));
      else
        g_date_subtract_days (&thursday,
                              g_date_get_weekday (&thursday) - G_DATE_THURSDAY);
      return g_strdup_printf ("%04d-W%02u", g_date_get_year (&thursday),
                              g_date_get_iso8601_week_of_year (&self->anchor));

    case PERIOD_MONTH:
      return g_strdup_printf ("%04d-%02d", y, m);

    case PERIOD_QUARTER:
      return g_strdup_printf ("%04d-Q%d", y, (m - 1) / 3 + 1);

    case PERIOD_YEAR:
      return g_strdup_printf ("%04d", y);

    case PERIOD_CUSTOM:
    default:
      return g_strdup (self->custom != NULL ? self->custom : "");
    }
}

static GDateTime *
local_time (DeskSlaPage *self,
            gint64       instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  return g_date_time_to_timezone (utc, self->tz);
}

static char *
period_name (DeskSlaPage *self)
{
  g_autoptr(GDateTime) start = local_time (self, self->period_start);
  g_autoptr(GDateTime) last = local_time (self, self->period_end - 1);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  switch (self->kind)
    {
    case PERIOD_DAY:
      /* TRANSLATORS: a day as a report period, see strftime(3) */
      return g_date_time_format (start, _("%A %-d %B %Y"));

    case PERIOD_WEEK:
      /* TRANSLATORS: the first and last day of a week, see strftime(3) */
      from = g_date_time_format (start, _("%-d %b"));
      to = g_date_time_format (last, _("%-d %b %Y"));
      /* TRANSLATORS: "Week 10, 3 Mar – 9 Mar 2025" */
      return g_strdup_printf (_("Week %d, %s – %s"),
                              g_date_time_get_week_of_year (start),
                              from, to);

    case PERIOD_MONTH:
      /* TRANSLATORS: a month as a report period, see strftime(3) */
      return g_date_time_format (start, _("%B %Y"));

    case PERIOD_QUARTER:
      /* TRANSLATORS: a quarter of a year, "Q1 2025" */
      return g_strdup_printf (_("Q%d %d"),
                              (g_date_time_get_month (start) - 1) / 3 + 1,
                              g_date_time_get_year (start));

    case PERIOD_YEAR:
      return g_strdup_printf ("%d", g_date_time_get_year (start));

    case PERIOD_CUSTOM:
    default:
      from = desk_time_format_display (self->period_start, self->tz);
      to = desk_time_format_display (self->period_end, self->tz);
      return g_strdup_printf ("%s – %s", from, to);
    }
}

static void
update_period_label (DeskSlaPage *self)
{
  gint64 seconds = self->period_end - self->period_start;
  g_autofree char *name = period_name (self);
  g_autofree char *length = NULL;
  g_autofree char *text = NULL;
  g_autofree char *zone = NULL;
  g_auto(GStrv) parts = NULL;

  if (seconds % 3600 == 0)
    {
      g_autofree char *hours = NULL;

      hours = g_strdup_printf ("%" G_GINT64_FORMAT, seconds / 3600);
      /* TRANSLATORS: the length of a period in hours, "743 h" */
      length = g_strdup_printf (_("%s h"), hours);
    }
  else
    length = desk_duration_format (seconds);

  /* A narrow window breaks the line before the length, never inside. */
  parts = g_strsplit (length, " ", -1);
  g_free (length);
  length = g_strjoinv ("\u00a0", parts);
  /* TRANSLATORS: a period and its length, "March 2025 (743 h)" */
  text = g_strdup_printf (_("%s (%s)"), name, length);
  gtk_label_set_text (self->period_label, text);

  /* TRANSLATORS: under the period, "Times in Asia/Jakarta" */
  zone = g_strdup_printf (_("Times in %s"),
                          g_time_zone_get_identifier (self->tz));
  gtk_label_set_text (self->zone_label, zone);
}

static void
show_period_message (DeskSlaPage *self,
                     const char  *message)
{
  gtk_label_set_text (self->period_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->period_message),
                          message != NULL);
}

static void
update_actions (DeskSlaPage *self)
{
  gboolean steps = self->kind != PERIOD_CUSTOM;
  gboolean writable = self->store != NULL &&
                      !desk_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.previous", steps);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.next", steps);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.load-demo",
                                 writable && self->demo_cancellable == NULL);
}

/* Works out [start, end) from the chosen period, then computes the
 * report for it.
 */
static void
desk_sla_page_update (DeskSlaPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = period_text (self);
  gint64 start;
  gint64 end;

  update_actions (self);

  if (!desk_period_parse (text, self->tz, &start, &end, &error))
    {
      g_debug ("Period %s refused: %s", text, error->message);
      show_period_message (self, error->message);
      return;
    }

  show_period_message (self, NULL);
  self->period_start = start;
  self->period_end = end;
  update_period_label (self);

  desk_sla_page_reload (self);
}

static void
set_loading (DeskSlaPage *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
show_spinner_cb (gpointer user_data)
{
  DeskSlaPage *self = user_data;

  self->loading_id = 0;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->report_stack, "loading");

  return G_SOURCE_REMOVE;
}

static void
stop_loading (DeskSlaPage *self)
{
  g_clear_handle_id (&self->loading_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
  set_loading (self, FALSE);
}

static void
clear_services (DeskSlaPage *self)
{
  GtkListBox *list = self->services_list;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

/* The services whose rows are expanded, to expand them again after a
 * new report replaced the rows.
 */
static GHashTable *
expanded_services (DeskSlaPage *self)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal,
                                             g_free, NULL);
  GtkWidget *list = GTK_WIDGET (self->services_list);

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (DESK_IS_SLA_SERVICE_ROW (row) &&
          adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        {
          DeskSlaServiceRow *service = DESK_SLA_SERVICE_ROW (row);
          const char *name = desk_sla_service_row_get_service (service);

          g_hash_table_add (names, g_strdup (name));
        }
    }

  return names;
}

/* Imported history often lies years back: a period without a single
 * incident points to the latest one.
 */
static void
show_quiet_hint (DeskSlaPage *self)
{
  gint64 latest = self->report->latest_detected;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  gboolean quiet;

  quiet = latest != DESK_TIME_NONE &&
          (latest < self->report->period_start ||
           latest >= self->report->period_end) &&
          desk_sla_report_is_quiet (self->report);

  if (quiet)
    {
      when = desk_time_format_display (latest, self->tz);
      /* TRANSLATORS: %s is a date and time, "4 Mar 2016 10:00" */
      text = g_strdup_printf (_("No incident touched any service in this "
                                "period. The latest incident was detected "
                                "on %s."), when);
      gtk_label_set_text (self->quiet_label, text);
    }

  gtk_widget_set_visible (self->quiet_box, quiet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.latest", quiet);
}

static void
show_report (DeskSlaPage *self)
{
  g_autofree char *method = desk_sla_report_method (self->report);
  g_autoptr(GHashTable) expanded = expanded_services (self);
  gboolean counts_open = FALSE;

  clear_services (self);

  if (self->report->rows->len == 0)
    {
      const char *text;

      if (desk_store_is_read_only (self->store))
        text = _("Uptime is measured per service, from the incidents "
                 "recorded for it. This database has none, and it is open "
                 "in viewer mode, so nothing can be added here.");
      else
        text = _("Uptime is measured per service, from the incidents "
                 "recorded for it. Create an incident, import a file or "
                 "load demo data to see the figures.");

      gtk_label_set_text (self->empty_description, text);
      gtk_stack_set_visible_child_name (self->report_stack, "empty");
      return;
    }

  for (guint i = 0; i < self->report->rows->len; i++)
    {
      const DeskSlaRow *row = g_ptr_array_index (self->report->rows, i);

      GtkWidget *widget = desk_sla_service_row_new (row, self->report,
                                                    self->tz, method);

      desk_sla_service_row_set_wide (DESK_SLA_SERVICE_ROW (widget),
                                     self->wide);
      desk_sla_service_row_align (DESK_SLA_SERVICE_ROW (widget),
                                  self->columns);
      gtk_list_box_append (self->services_list, widget);

      if (g_hash_table_contains (expanded, row->service))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
      counts_open |= row->availability.counts_open;
    }

  if (counts_open)
    {
      g_autofree char *now = NULL;
      g_autofree char *note = NULL;

      now = desk_time_format_display (self->report->now, self->tz);
      /* TRANSLATORS: %s is the time the report was computed */
      note = g_strdup_printf (_("Some incidents are still open: their "
                                "impact counts until now (%s)."),
                              now);
      gtk_label_set_text (self->open_note, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->open_note), counts_open);
  show_quiet_hint (self);

  gtk_stack_set_visible_child_name (self->report_stack, "report");
}

/* What a report request needs back: the page, and the cancellable it
 * ran with, to tell a stale answer from the current one.
 */
typedef struct
{
  DeskSlaPage  *self;
  GCancellable *cancellable;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
report_built_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DeskSlaPage *self = request->self;
  g_autoptr(GError) error = NULL;
  DeskSlaReport *report;

  report = desk_sla_report_build_finish (result, &error);

  if (g_cancellable_is_cancelled (request->cancellable) ||
      request->cancellable != self->cancellable)
    {
      g_clear_pointer (&report, desk_sla_report_free);
      return;
    }

  g_clear_object (&self->cancellable);
  stop_loading (self);

  if (report == NULL)
    {
      if (error_is_cancelled (error))
        return;

      g_warning ("The SLA report could not be built: %s", error->message);
      gtk_label_set_text (self->error_description, error->message);
      gtk_stack_set_visible_child_name (self->report_stack, "error");
      return;
    }

  g_clear_pointer (&self->report, desk_sla_report_free);
  self->report = report;
  show_report (self);
}

static void
desk_sla_page_start (DeskSlaPage *self)
{
  Request *request;

  self->stale = FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->loading_id, g_source_remove);

  if (self->store == NULL)
    {
      stop_loading (self);
      clear_services (self);
      gtk_stack_set_visible_child_name (self->report_stack, "no-store");
      return;
    }

  if (self->period_end <= self->period_start)
    return;

  self->cancellable = g_cancellable_new ();
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);
  set_loading (self, TRUE);
  self->loading_id = g_timeout_add (LOADING_DELAY_MS, show_spinner_cb, self);

  desk_sla_report_build_async (self->store, NULL,
                               self->period_start, self->period_end,
                               self->tz, degraded_weight (self),
                               g_get_real_time () / G_USEC_PER_SEC,
                               self->cancellable,
                               report_built_cb, request);
}

static void
step_period (DeskSlaPage *self,
             int          direction)
{
  switch (self->kind)
    {
    case PERIOD_DAY:
      if (direction > 0)
        g_date_add_days (&self->anchor, 1);
      else
        g_date_subtract_days (&self->anchor, 1);
      break;

    case PERIOD_WEEK:
      if (direction > 0)
        g_date_add_days (&self->anchor, 7);
      else
        g_date_subtract_days (&self->anchor, 7);
      break;

    case PERIOD_MONTH:
    case PERIOD_QUARTER:
      g_date_set_day (&self->anchor, 1);
      if (direction > 0)
        g_date_add_months (&self->anchor,
                           self->kind == PERIOD_MONTH ? 1 : 3);
      else
        g_date_subtract_months (&self->anchor,
                                self->kind == PERIOD_MONTH ? 1 : 3);
      break;

    case PERIOD_YEAR:
      g_date_set_day (&self->anchor, 1);
      if (direction > 0)
        g_date_add_years (&self->anchor, 1);
      else
        g_date_subtract_years (&self->anchor, 1);
      break;

    case PERIOD_CUSTOM:
    default:
      return;
    }

  desk_sla_page_update (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step_period (DESK_SLA_PAGE (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_period (DESK_SLA_PAGE (widget), 1);
}

/* Shows @kind in the period row without a new report of its own: the
 * caller makes one.
 */
static void
select_kind (DeskSlaPage *self,
             PeriodKind   kind)
{
  /* Setting the row runs on_kind_selected; make it see no change. */
  self->kind = kind;
  adw_combo_row_set_selected (self->kind_row, kind);
  gtk_widget_set_visible (GTK_WIDGET (self->start_row),
                          kind == PERIOD_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row),
                          kind == PERIOD_CUSTOM);
}

/* Shows the period, of the kind chosen, that holds the latest incident;
 * a custom period gives way to that incident's month.
 */
static void
latest_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DeskSlaPage *self = DESK_SLA_PAGE (widget);

  if (self->report == NULL || self->report->latest_detected == DESK_TIME_NONE)
    return;

  set_anchor_from_instant (self, self->report->latest_detected);

  if (self->kind == PERIOD_CUSTOM)
    select_kind (self, PERIOD_MONTH);

  desk_sla_page_update (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  desk_sla_page_start (DESK_SLA_PAGE (widget));
}

static void
demo_filled_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeskSlaPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_gui_demo_fill_finish (result, &error))
    {
      if (desk_gui_error_is_cancelled (error))
        return;

      g_warning ("Could not load demo data: %s", error->message);
      g_clear_object (&self->demo_cancellable);
      update_actions (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                  _("The demo data could not be added"));
      return;
    }

  g_clear_object (&self->demo_cancellable);
  update_actions (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                              _("Demo data loaded"));
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL))
    desk_sla_page_reload (self);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskSlaPage *self = DESK_SLA_PAGE (widget);

  if (self->store == NULL || desk_store_is_read_only (self->store) ||
      self->demo_cancellable != NULL)
    return;

  self->demo_cancellable = g_cancellable_new ();
  update_actions (self);
  desk_gui_demo_fill_async (self->store, self->demo_cancellable,
                            demo_filled_cb, g_object_ref (self));
}

static char *
local_date_text (DeskSlaPage *self,
                 gint64       instant)
{
  g_autoptr(GDateTime) local = local_time (self, instant);

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
on_kind_selected (DeskSlaPage *self)
{
  PeriodKind kind = adw_combo_row_get_selected (self->kind_row);
  gboolean custom = kind == PERIOD_CUSTOM;

  if (kind > PERIOD_CUSTOM || kind == self->kind)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->start_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), custom);

  /* Start the custom period from the one shown, for the user to edit. */
  if (custom && self->period_end > self->period_start)
    {
      g_autofree char *start = local_date_text (self, self->period_start);
      g_autofree char *last = local_date_text (self, self->period_end - 1);

      gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
      gtk_editable_set_text (GTK_EDITABLE (self->end_row), last);
      g_free (self->custom);
      self->custom = g_strdup_printf ("%s/%s", start, last);
    }

  self->kind = kind;
  desk_sla_page_update (self);
}

/* The text of an entry row without surrounding space. */
static char *
entry_text (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return g_strstrip (g_strdup (text));
}

static void
on_custom_apply (DeskSlaPage *self)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  start = entry_text (self->start_row);
  end = entry_text (self->end_row);

  if (*start == '\0' || *end == '\0')
    {
      show_period_message (self, _("Enter both the start and the end of "
                                   "the period."));
      return;
    }

  g_free (self->custom);
  self->custom = g_strdup_printf ("%s/%s", start, end);
  desk_sla_page_update (self);
}

static void
apply_zone (DeskSlaPage *self,
            const char  *name)
{
  replace_string (&self->zone_name, name);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = zone_for (self);

  desk_sla_page_update (self);
}

static void
on_zone_selected (DeskSlaPage *self)
{
  guint selected = adw_combo_row_get_selected (self->zone_row);

  if (self->filling_zones)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->zone_entry_row),
                          selected == ZONE_OTHER);

  if (selected == 0)
    apply_zone (self, NULL);
  else if (selected <= G_N_ELEMENTS (common_zones))
    apply_zone (self, common_zones[selected - 1]);
}

static void
on_zone_apply (DeskSlaPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *name = NULL;

  name = entry_text (self->zone_entry_row);

  if (*name != '\0')
    tz = desk_time_zone_new (name, &error);

  if (tz == NULL)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is what the user typed as a time zone name */
      message = g_strdup_printf (_("“%s” is not a time zone name. Use a "
                                   "name such as Asia/Jakarta or "
                                   "Europe/Berlin."),
                                 name);
      gtk_widget_add_css_class (GTK_WIDGET (self->zone_entry_row), "error");
      show_period_message (self, message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->zone_entry_row), "error");
  apply_zone (self, name);
}

static void
fill_zones (DeskSlaPage *self)
{
  g_autofree char *name = default_zone_name (self);
  g_autofree char *first = NULL;
  guint selected = adw_combo_row_get_selected (self->zone_row);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->zone_model));

  /* TRANSLATORS: the desk's time zone from Preferences,
   * "Default (Asia/Jakarta)"
   */
  first = g_strdup_printf (_("Default (%s)"), name);

  self->filling_zones = TRUE;

  if (n == 0)
    {
      gtk_string_list_append (self->zone_model, first);
      for (guint i = 0; i < G_N_ELEMENTS (common_zones); i++)
        gtk_string_list_append (self->zone_model, common_zones[i]);
      gtk_string_list_append (self->zone_model, _("Other…"));
      selected = 0;
    }
  else
    {
      const char * const replace[] = { first, NULL };

      gtk_string_list_splice (self->zone_model, 0, 1, replace);
    }

  adw_combo_row_set_selected (self->zone_row, selected);
  self->filling_zones = FALSE;
}

static void
on_settings_changed (DeskSlaPage *self,
                     const char  *key)
{
  if (g_strcmp0 (key, "time-zone") == 0)
    {
      fill_zones (self);
      if (self->zone_name == NULL)
        apply_zone (self, NULL);
    }
  else if (g_strcmp0 (key, "degraded-weight") == 0)
    desk_sla_page_reload (self);
}

static gboolean
apply_wide_cb (gpointer user_data)
{
  DeskSlaPage *self = user_data;
  GtkWidget *list = GTK_WIDGET (self->services_list);

  self->wide_id = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (DESK_IS_SLA_SERVICE_ROW (row))
        desk_sla_service_row_set_wide (DESK_SLA_SERVICE_ROW (row),
                                       self->wide);
    }

  return G_SOURCE_REMOVE;
}

static void
layout_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);
}

/* Lays the page out like a bin, and notes whether it is wide. Showing
 * or hiding widgets while sizes are being handed out would ask for
 * another round of sizing in the middle of this one: the change waits
 * for the main loop.
 */
static void
layout_allocate (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  DeskSlaPage *self = DESK_SLA_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean wide = width >= WIDE_WIDTH;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);

  if (wide != self->wide)
    {
      self->wide = wide;
      if (self->wide_id == 0)
        self->wide_id = g_idle_add (apply_wide_cb, self);
    }
}

static void
desk_sla_page_map (GtkWidget *widget)
{
  DeskSlaPage *self = DESK_SLA_PAGE (widget);

  GTK_WIDGET_CLASS (desk_sla_page_parent_class)->map (widget);

  if (self->stale)
    desk_sla_page_start (self);
}

static void
desk_sla_page_dispose (GObject *object)
{
  DeskSlaPage *self = DESK_SLA_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  g_clear_handle_id (&self->loading_id, g_source_remove);
  g_clear_handle_id (&self->wide_id, g_source_remove);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_SLA_PAGE);

  G_OBJECT_CLASS (desk_sla_page_parent_class)->dispose (object);
}

static void
desk_sla_page_finalize (GObject *object)
{
  DeskSlaPage *self = DESK_SLA_PAGE (object);

  for (guint i = 0; i < DESK_SLA_N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_pointer (&self->report, desk_sla_report_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->zone_name, g_free);
  g_clear_pointer (&self->custom, g_free);

  G_OBJECT_CLASS (desk_sla_page_parent_class)->finalize (object);
}

static void
desk_sla_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DeskSlaPage *self = DESK_SLA_PAGE (object);

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
desk_sla_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DeskSlaPage *self = DESK_SLA_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_sla_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sla_page_class_init (DeskSlaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_sla_page_dispose;
  object_class->finalize = desk_sla_page_finalize;
  object_class->get_property = desk_sla_page_get_property;
  object_class->set_property = desk_sla_page_set_property;

  widget_class->map = desk_sla_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_SLA_CALCULATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/example/IncidentDesk/desk-sla-page.ui");

  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, zone_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, start_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, end_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, zone_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, zone_model);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, zone_entry_row);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, period_message);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, report_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, services_list);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, open_note);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, quiet_box);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage,
                                        quiet_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, empty_description);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaPage, error_description);

  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_zone_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_zone_apply);

  gtk_widget_class_install_action (widget_class, "sla.previous", NULL,
                                   previous_action);
  gtk_widget_class_install_action (widget_class, "sla.next", NULL,
                                   next_action);
  gtk_widget_class_install_action (widget_class, "sla.latest", NULL,
                                   latest_action);
  gtk_widget_class_install_action (widget_class, "sla.retry", NULL,
                                   retry_action);
  gtk_widget_class_install_action (widget_class, "sla.load-demo", NULL,
                                   load_demo_action);
}

static void
desk_sla_page_init (DeskSlaPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->kind = PERIOD_MONTH;

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < DESK_SLA_N_COLUMNS; i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL,
                                                        layout_measure,
                                                        layout_allocate));

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_swapped (self->settings, "changed",
                                G_CALLBACK (on_settings_changed), self);
    }

  fill_zones (self);
  self->tz = zone_for (self);
  set_today (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.latest", FALSE);
  gtk_stack_set_visible_child_name (self->report_stack, "no-store");
  desk_sla_page_update (self);
}

GtkWidget *
desk_sla_page_new (void)
{
  return g_object_new (DESK_TYPE_SLA_PAGE, NULL);
}

DeskStore *
desk_sla_page_get_store (DeskSlaPage *self)
{
  g_return_val_if_fail (DESK_IS_SLA_PAGE (self), NULL);

  return self->store;
}

void
desk_sla_page_set_store (DeskSlaPage *self,
                         DeskStore   *store)
{
  g_return_if_fail (DESK_IS_SLA_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_pointer (&self->report, desk_sla_report_free);
  update_actions (self);
  desk_sla_page_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
desk_sla_page_reload (DeskSlaPage *self)
{
  g_return_if_fail (DESK_IS_SLA_PAGE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    desk_sla_page_start (self);
  else
    self->stale = TRUE;
}

static PeriodKind
kind_of (const char *period)
{
  gsize len = strlen (period);

  if (strchr (period, '/') != NULL)
    return PERIOD_CUSTOM;
  if (strchr (period, 'W') != NULL || strchr (period, 'w') != NULL)
    return PERIOD_WEEK;
  if (strchr (period, 'Q') != NULL || strchr (period, 'q') != NULL)
    return PERIOD_QUARTER;
  if (len == 4)
    return PERIOD_YEAR;
  if (len == 7)
    return PERIOD_MONTH;

  return PERIOD_DAY;
}

gboolean
desk_sla_page_set_period (DeskSlaPage  *self,
                          const char   *period,
                          GError      **error)
{
  g_autofree char *text = NULL;
  PeriodKind kind;
  gint64 start;
  gint64 end;

  g_return_val_if_fail (DESK_IS_SLA_PAGE (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  text = g_strstrip (g_strdup (period));
  if (!desk_period_parse (text, self->tz, &start, &end, error))
    return FALSE;

  kind = kind_of (text);
  set_anchor_from_instant (self, start);

  if (kind == PERIOD_CUSTOM)
    {
      g_auto(GStrv) parts = g_strsplit (text, "/", 2);

      replace_string (&self->custom, text);
      gtk_editable_set_text (GTK_EDITABLE (self->start_row), parts[0]);
      gtk_editable_set_text (GTK_EDITABLE (self->end_row),
                             parts[1] != NULL ? parts[1] : "");
    }

  select_kind (self, kind);
  desk_sla_page_update (self);

  return TRUE;
}

gboolean
desk_sla_page_set_time_zone (DeskSlaPage  *self,
                             const char   *identifier,
                             GError      **error)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (DESK_IS_SLA_PAGE (self), FALSE);

  if (identifier == NULL)
    {
      adw_combo_row_set_selected (self->zone_row, 0);
      apply_zone (self, NULL);
      return TRUE;
    }

  tz = desk_time_zone_new (identifier, error);
  if (tz == NULL)
    return FALSE;

  self->filling_zones = TRUE;
  adw_combo_row_set_selected (self->zone_row, ZONE_OTHER);
  for (guint i = 0; i < G_N_ELEMENTS (common_zones); i++)
    if (g_strcmp0 (common_zones[i], identifier) == 0)
      adw_combo_row_set_selected (self->zone_row, i + 1);
  self->filling_zones = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->zone_entry_row),
                          adw_combo_row_get_selected (self->zone_row) ==
                          ZONE_OTHER);
  gtk_editable_set_text (GTK_EDITABLE (self->zone_entry_row), identifier);
  apply_zone (self, identifier);

  return TRUE;
}

gboolean
desk_sla_page_get_loading (DeskSlaPage *self)
{
  g_return_val_if_fail (DESK_IS_SLA_PAGE (self), FALSE);

  return self->loading;
}
