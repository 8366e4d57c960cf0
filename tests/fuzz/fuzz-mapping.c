/* fuzz-mapping.c: a mapping file (GKeyFile) on any bytes, then a dry
 * run of a small fixed CSV through it when it is accepted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-mapping"

#include <string.h>
#include <glib/gstdio.h>

#include "desk-error.h"
#include "desk-import.h"
#include "fuzz-common.h"

static const char csv_text[] =
  "id,summary,prio,start,end,owner,impact\r\n"
  "A-1,\"Checkout, slow\",P1,29/2/2024 10:00,29/2/2024 11:30,ana,major\r\n"
  "A-2,Test row,test,2024-03-01 10:00,2024-03-01T10:05:00Z,,none\r\n"
  "A-3,Search down,p2,1/3/2024 12:00,,bob,maintenance\r\n";

static DeskStore *store;

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

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GKeyFile) mapping = g_key_file_new ();
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(DeskImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  DeskImportOptions options;

  if (!g_key_file_load_from_data (mapping, (const char *) data, size,
                                  G_KEY_FILE_NONE, NULL))
    return 0;

  if (!desk_import_mapping_validate (mapping, &error))
    {
      /* A wrong time zone name is INVALID, as desk_time_zone_new says. */
      g_assert_true (g_error_matches (error, DESK_ERROR, DESK_ERROR_PARSE) ||
                     g_error_matches (error, DESK_ERROR, DESK_ERROR_INVALID));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  desk_import_options_init (&options);
  options.format = DESK_IMPORT_FORMAT_MAPPED;
  options.mapping = mapping;
  options.dry_run = TRUE;

  input = g_memory_input_stream_new_from_data (csv_text, -1, NULL);
  report = desk_import_stream (store, input, &options, NULL, NULL, NULL,
                               &error);
  if (report == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert_false (report->committed);
  for (guint i = 0; i < report->messages->len; i++)
    {
      const DeskImportMessage *message = report->messages->pdata[i];

      g_assert_true (g_utf8_validate (message->text, -1, NULL));
    }

  return 0;
}
