/* fuzz-csv.c: the CSV reader and the formula guard on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-csv"

#include <string.h>

#include "desk-csv.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  return 0;
}

static void
read_all (const uint8_t *data,
          size_t         size,
          char           separator)
{
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char **fields;
  guint n_fields;

  reader = desk_csv_reader_new_for_data ((const char *) data, size,
                                         separator);
  while (desk_csv_reader_next (reader, &fields, &n_fields, NULL, &error))
    {
      g_assert_cmpuint (desk_csv_reader_get_line (reader), >=, 1);

      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *guarded = desk_csv_guard (fields[i]);

          /* The reader hands out valid UTF-8 only, and the guard can
           * always be taken off again.
           */
          g_assert_true (g_utf8_validate (fields[i], -1, NULL));
          g_assert_cmpstr (desk_csv_unguard (guarded), ==, fields[i]);
        }
    }

  if (error != NULL)
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  read_all (data, size, 0);
  read_all (data, size, ';');

  return 0;
}
