/* fuzz-import.c: one import format on any bytes, as a dry run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once per format with FUZZ_FORMAT set to incidentdesk,
 * servicenow or mapped. Every input runs as a dry run against one
 * temporary database opened once, so nothing is ever written.
 */

#define G_LOG_DOMAIN "fuzz-import"

#include <string.h>
#include <glib/gstdio.h>

#include "desk-error.h"
#include "desk-import.h"
#include "fuzz-common.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT must be INCIDENTDESK, SERVICENOW or MAPPED"
#endif

#define CAT(a, b) a ## b
#define FORMAT(f) CAT (DESK_IMPORT_FORMAT_, f)

/* A fixed mapping that uses every group, for the mapped format. */
static const char mapping_text[] =
  "[columns]\n"
  "reference=id\n"
  "title=summary\n"
  "severity=prio\n"
  "impact=prio\n"
  "status=state\n"
  "detected_at=start\n"
  "resolved_at=end\n"
  "assignee=owner\n"
  "description=summary\n"
  "[values:severity]\n"
  "p1=SEV1\np2=SEV2\np3=SEV3\n"
  "[values:impact]\n"
  "p1=Outage\np2=Degraded\np3=None\n"
  "[values:status]\n"
  "open=Investigating\ndone=Resolved\n"
  "[constants]\n"
  "service=Shop\n"
  "resolution=Fixed by the shop team\n"
  "[skip]\n"
  "prio=test;maintenance\n"
  "[options]\n"
  "time_zone=Europe/Berlin\n"
  "date_format=%d/%m/%Y %H:%M\n";

static DeskStore *store;
static GKeyFile *mapping;
static GTimeZone *tz;

static void
remove_database (void)
{
  g_autofree char *folder = NULL;
  const char *path;
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (store == NULL)
    return;

  path = desk_store_get_path (store);
  folder = g_path_get_dirname (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }

  g_clear_object (&store);
  g_rmdir (folder);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;

  folder = g_dir_make_tmp ("incidentdesk-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "fuzz.db", NULL);

  store = desk_store_open (path, DESK_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  atexit (remove_database);

  mapping = g_key_file_new ();
  g_key_file_load_from_data (mapping, mapping_text, -1, G_KEY_FILE_NONE,
                             &error);
  g_assert_no_error (error);
  desk_import_mapping_validate (mapping, &error);
  g_assert_no_error (error);

  tz = g_time_zone_new_identifier ("Asia/Jakarta");
  g_assert_nonnull (tz);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  DeskImportOptions options;

  desk_import_options_init (&options);
  options.format = FORMAT (FUZZ_FORMAT);
  options.mapping = options.format == DESK_IMPORT_FORMAT_MAPPED ? mapping
                                                                : NULL;
  options.tz = tz;
  options.dry_run = TRUE;

  input = g_memory_input_stream_new_from_data (data, size, NULL);
  report = desk_import_stream (store, input, &options, NULL, NULL, NULL,
                               &error);

  if (report == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert_no_error (error);
  g_assert_false (report->committed);
  g_assert_cmpuint (report->n_errors + report->n_warnings, ==,
                    report->messages->len);

  for (guint i = 0; i < report->messages->len; i++)
    {
      const DeskImportMessage *message = report->messages->pdata[i];

      g_assert_true (g_utf8_validate (message->text, -1, NULL));
    }

  return 0;
}
