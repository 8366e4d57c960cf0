/* test-csv.c: the CSV reader, writer and formula guard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "desk-csv.h"
#include "desk-error.h"
#include "desk-test-util.h"

/* A stream that hands out at most a few bytes per read, to cross every
 * buffer boundary the reader has.
 */
typedef struct
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         pos;
  gsize         step;
} TrickleStream;

typedef struct
{
  GInputStreamClass parent_class;
} TrickleStreamClass;

static GType trickle_stream_get_type (void);
G_DEFINE_TYPE (TrickleStream, trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
trickle_stream_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  TrickleStream *self = (TrickleStream *) stream;
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->step), size - self->pos);

  if (n > 0)
    memcpy (buffer, data + self->pos, n);
  self->pos += n;

  return n;
}

static void
trickle_stream_finalize (GObject *object)
{
  g_bytes_unref (((TrickleStream *) object)->bytes);
  G_OBJECT_CLASS (trickle_stream_parent_class)->finalize (object);
}

static void
trickle_stream_class_init (TrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = trickle_stream_read;
}

static void
trickle_stream_init (TrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (const char *data,
                    gsize       length,
                    gsize       step)
{
  TrickleStream *self = g_object_new (trickle_stream_get_type (), NULL);

  self->bytes = g_bytes_new (data, length);
  self->step = step;

  return G_INPUT_STREAM (self);
}

/* Reads every record of @data into a list of string vectors. */
static GPtrArray *
read_all (const char  *data,
          gsize        length,
          char         separator,
          gsize        step,
          GError     **error)
{
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char **fields;
  guint n;

  if (step > 0)
    {
      stream = trickle_stream_new (data, length, step);
      reader = desk_csv_reader_new (stream, separator);
    }
  else
    reader = desk_csv_reader_new_for_data (data, length, separator);

  while (desk_csv_reader_next (reader, &fields, &n, NULL, error))
    g_ptr_array_add (records, g_strdupv ((char **) fields));

  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&records);
}

/* csv-spectrum */

static const char *spectrum_cases[] = {
  "comma_in_quotes",
  "empty",
  "empty_crlf",
  "escaped_quotes",
  "json",
  "newlines",
  "newlines_crlf",
  "quotes_and_newlines",
  "simple",
  "simple_crlf",
  "utf8",
};

/* The public copy of the *_crlf files may have lost its CRLF line ends
 * on the way (upstream keeps them through .gitattributes); restore them
 * so that the case tests what it was written to test.
 */
static char *
restore_crlf (const char *name,
              char       *contents,
              gsize      *length)
{
  g_autoptr(GString) fixed = NULL;

  if (!g_str_has_suffix (name, "_crlf") || strstr (contents, "\r\n") != NULL)
    return contents;

  fixed = g_string_new (NULL);
  for (gsize i = 0; i < *length; i++)
    {
      if (contents[i] == '\n')
        g_string_append_c (fixed, '\r');
      g_string_append_c (fixed, contents[i]);
    }

  g_free (contents);
  *length = fixed->len;

  return g_string_free (g_steal_pointer (&fixed), FALSE);
}

static void
check_spectrum (gconstpointer data,
                gsize         step)
{
  const char *name = data;
  g_autofree char *csv_name = g_strdup_printf ("csv/csv-spectrum/csvs/%s.csv", name);
  g_autofree char *json_name = g_strdup_printf ("csv/csv-spectrum/json/%s.json", name);
  g_autofree char *csv_path = desk_test_data_path (csv_name);
  g_autofree char *json_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *expected;
  char **header;
  gsize length;

  if (csv_path == NULL)
    return;

  json_path = desk_test_data_path (json_name);
  g_file_get_contents (csv_path, &contents, &length, &error);
  g_assert_no_error (error);
  contents = restore_crlf (name, contents, &length);

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  expected = json_node_get_array (json_parser_get_root (parser));

  records = read_all (contents, length, 0, step, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, json_array_get_length (expected) + 1);

  header = records->pdata[0];
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonObject *object = json_array_get_object_element (expected, i);
      char **record = records->pdata[i + 1];

      g_assert_cmpuint (g_strv_length (record), ==, g_strv_length (header));
      g_assert_cmpuint (g_strv_length (record), ==, json_object_get_size (object));
      for (guint j = 0; header[j] != NULL; j++)
        g_assert_cmpstr (record[j], ==,
                         json_object_get_string_member (object, header[j]));
    }
}

static void
test_spectrum (gconstpointer data)
{
  check_spectrum (data, 0);
}

static void
test_spectrum_stream (gconstpointer data)
{
  check_spectrum (data, 3);
}

static void
test_spectrum_location_coordinates (void)
{
  g_autofree char *path = desk_test_data_path ("csv/csv-spectrum/csvs/location_coordinates.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (path == NULL)
    return;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* Damaged upstream: it only has to be read without a crash. */
  g_clear_pointer (&error, g_error_free);
  g_ptr_array_unref (read_all (contents, length, 0, 0, &error) ?: g_ptr_array_new ());
  g_clear_pointer (&error, g_error_free);
  g_ptr_array_unref (read_all (contents, length, 0, 1, &error) ?: g_ptr_array_new ());
}

/* Reader cases of our own */

typedef struct
{
  const char *name;
  const char *input;
  char        separator;
  const char *expected;   /* records joined by '|', fields by '^' */
} ReadCase;

static const ReadCase read_cases[] = {
  { "lf", "a,b\n1,2\n", 0, "a^b|1^2" },
  { "crlf", "a,b\r\n1,2\r\n", 0, "a^b|1^2" },
  { "cr", "a,b\r1,2\r", 0, "a^b|1^2" },
  { "no-final-newline", "a,b\r\n1,2", 0, "a^b|1^2" },
  { "bom", "\xEF\xBB\xBF" "a,b\r\n1,2\r\n", 0, "a^b|1^2" },
  { "bom-semicolon", "\xEF\xBB\xBF" "a;b\r\n\"x;y\";2,5\r\n", 0, "a^b|x;y^2,5" },
  { "detect-comma", "a,b;c\n1,2;3\n", 0, "a^b;c|1^2;3" },
  { "detect-semicolon", "a;b;c,d\n1;2;3,4\n", 0, "a^b^c,d|1^2^3,4" },
  { "detect-ignores-quoted", "\"a;b;c\",d\n1,2\n", 0, "a;b;c^d|1^2" },
  { "given-separator", "a;b\n", ',', "a;b" },
  { "empty-lines-skipped", "a,b\n\n1,2\n\r\n", 0, "a^b|1^2" },
  { "empty-fields", ",,\n", 0, "^^" },
  { "quoted-crlf", "a\r\n\"x\r\ny\"\r\n", 0, "a|x\r\ny" },
  { "quoted-cr", "a\n\"x\ry\"\n", 0, "a|x\ry" },
  { "doubled-quotes", "\"\"\"\",\"a\"\"b\"\n", 0, "\"^a\"b" },
  { "quote-inside-unquoted", "ab\"c,d\n", 0, "ab\"c^d" },
  { "quoted-empty", "\"\",x\n", 0, "^x" },
  { "trailing-separator", "a,\n", 0, "a^" },
  { "spaces-kept", " a , b \n", 0, " a ^ b " },
  { "emoji-rtl", "\xF0\x9F\x94\xA5,\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\n", 0,
    "\xF0\x9F\x94\xA5^\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D" },
};

static char *
join_records (GPtrArray *records)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *joined = g_strjoinv ("^", records->pdata[i]);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, joined);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_read_case (gconstpointer data)
{
  const ReadCase *c = data;
  gsize steps[] = { 0, 1, 2, 5 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autofree char *joined = NULL;

      records = read_all (c->input, strlen (c->input), c->separator,
                          steps[i], &error);
      g_assert_no_error (error);
      joined = join_records (records);
      g_assert_cmpstr (joined, ==, c->expected);
    }
}

typedef struct
{
  const char *name;
  const char *input;
  gsize       length;     /* 0: strlen */
  const char *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "unterminated-quote", "a,b\n1,2\n3,\"never\nclosed\n", 0,
    "Line 3: a quoted field is never closed." },
  { "text-after-quote", "a,b\n\"x\"y,2\n", 0,
    "Line 2: text follows the closing quote of a field." },
  { "invalid-utf8", "a,b\n1,2\n\"x\ny\",\xC3\x28\n", 0,
    "Line 4 is not valid UTF-8 text." },
  { "invalid-utf8-in-quoted-lines", "a\n\"x\r\ny\r\n\xFF\"\n", 0,
    "Line 4 is not valid UTF-8 text." },
  { "nul", "a,b\n1,x\0y\n", 10,
    "Line 2 holds a zero byte, which is not text." },
};

static void
test_bad_case (gconstpointer data)
{
  const BadCase *c = data;
  gsize length = c->length ? c->length : strlen (c->input);
  gsize steps[] = { 0, 1, 4 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *records;

      records = read_all (c->input, length, 0, steps[i], &error);
      g_assert_null (records);
      g_assert_error (error, DESK_ERROR, DESK_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, c->message);
    }
}

static void
test_record_lines (void)
{
  const char *input = "h1,h2\r\n\"a\r\nb\",c\r\n\r\nd,\"e\n\nf\"\nlast,x";
  g_autoptr(DeskCsvReader) reader = NULL;
  guint expected[] = { 1, 2, 5, 8 };
  const char **fields;
  guint n, i = 0;

  reader = desk_csv_reader_new_for_data (input, strlen (input), 0);
  while (desk_csv_reader_next (reader, &fields, &n, NULL, NULL))
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected));
      g_assert_cmpuint (desk_csv_reader_get_line (reader), ==, expected[i]);
      g_assert_cmpuint (n, ==, 2);
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (desk_csv_reader_get_separator (reader), ==, ',');
}

static void
test_long_field (void)
{
  g_autoptr(GString) input = g_string_new ("a,b\r\n\"");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  char **record;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (input, i % 1000 == 999 ? '\n' : 'a' + i % 26);
  g_string_append (input, "\",x\r\n");

  records = read_all (input->str, input->len, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  record = records->pdata[1];
  g_assert_cmpuint (strlen (record[0]), ==, 200000);
  g_assert_cmpstr (record[1], ==, "x");

  g_clear_pointer (&records, g_ptr_array_unref);
  records = read_all (input->str, input->len, 0, 7777, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (((char **) records->pdata[1])[0]), ==, 200000);
}

/* Writer */

static char *
write_rows (const char * const *cells,
            guint               n_columns,
            DeskCsvWriterFlags  flags,
            gboolean            plain)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(DeskCsvWriter) writer = desk_csv_writer_new (out, flags);
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; cells[i] != NULL; i++)
    {
      if (plain)
        desk_csv_writer_add_plain (writer, cells[i]);
      else
        desk_csv_writer_add_text (writer, cells[i]);
      if ((i + 1) % n_columns == 0)
        {
          desk_csv_writer_end_record (writer, NULL, &error);
          g_assert_no_error (error);
        }
    }

  desk_csv_writer_flush (writer, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, &error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_write_quoting (void)
{
  const char *cells[] = {
    "plain", "with,comma", "with \"quote\"", "line\nfeed",
    "carriage\rreturn", "semi;colon", "", "\xF0\x9F\x94\xA5 \xD8\xA7", NULL,
  };
  g_autofree char *text = write_rows (cells, 8, 0, TRUE);

  g_assert_cmpstr (text, ==,
                   "plain,\"with,comma\",\"with \"\"quote\"\"\","
                   "\"line\nfeed\",\"carriage\rreturn\",semi;colon,,"
                   "\xF0\x9F\x94\xA5 \xD8\xA7\r\n");
}

static void
test_write_spreadsheet (void)
{
  const char *cells[] = { "a", "b;c", "1,5", "=x", NULL };
  g_autofree char *text = write_rows (cells, 2, DESK_CSV_WRITER_FLAGS_SPREADSHEET,
                                      FALSE);

  g_assert_cmpstr (text, ==, "\xEF\xBB\xBF" "a;\"b;c\"\r\n1,5;'=x\r\n");
}

static void
test_write_plain_unguarded (void)
{
  const char *cells[] = { "-5", "=1", NULL };
  g_autofree char *plain = write_rows (cells, 2, 0, TRUE);
  g_autofree char *text = write_rows (cells, 2, 0, FALSE);

  g_assert_cmpstr (plain, ==, "-5,=1\r\n");
  g_assert_cmpstr (text, ==, "'-5,'=1\r\n");
}

static void
test_write_read_back (void)
{
  const char *cells[] = {
    "a", "\"", "\"\"", ",", "\r\n", "\n", "\r", " x ", "", "'",
    "=SUM(A1)", "'=", "''", "\t", "-", "@", "+", "long \"q\", \n done",
    "\xE2\x80\x8F\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", "last", NULL,
  };
  DeskCsvWriterFlags flags[] = { 0, DESK_CSV_WRITER_FLAGS_SPREADSHEET };

  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    {
      g_autofree char *text = write_rows (cells, 5, flags[f], FALSE);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;
      guint k = 0;

      records = read_all (text, strlen (text), 0, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, 4);
      for (guint i = 0; i < records->len; i++)
        {
          char **record = records->pdata[i];

          g_assert_cmpuint (g_strv_length (record), ==, 5);
          for (guint j = 0; j < 5; j++)
            g_assert_cmpstr (desk_csv_unguard (record[j]), ==, cells[k++]);
        }
    }
}

static void
test_write_large (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(DeskCsvWriter) writer = desk_csv_writer_new (out, 0);
  g_autoptr(GError) error = NULL;
  guint rows = 50000;

  for (guint i = 0; i < rows; i++)
    {
      desk_csv_writer_add_text (writer, "INC-000001");
      desk_csv_writer_add_text (writer, "a title, with a comma");
      desk_csv_writer_end_record (writer, NULL, &error);
      g_assert_no_error (error);
    }
  desk_csv_writer_flush (writer, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                    ==, rows * strlen ("INC-000001,\"a title, with a comma\"\r\n"));
}

/* Formula guard */

typedef struct
{
  const char *name;
  const char *input;
  const char *guarded;
} GuardCase;

static const GuardCase guard_cases[] = {
  { "equals", "=1+1", "'=1+1" },
  { "plus", "+1", "'+1" },
  { "minus", "-1", "'-1" },
  { "at", "@SUM(A1)", "'@SUM(A1)" },
  { "tab", "\tx", "'\tx" },
  { "cr", "\rx", "'\rx" },
  { "lf", "\nx", "'\nx" },
  { "apostrophe-equals", "'=1", "''=1" },
  { "apostrophe-apostrophe", "''", "'''" },
  { "apostrophe-tab", "'\t", "''\t" },
  { "apostrophe-alone", "'", "'" },
  { "apostrophe-text", "'hello", "'hello" },
  { "empty", "", "" },
  { "plain", "hello", "hello" },
  { "inner-equals", "1=1", "1=1" },
  { "percent", "%1", "%1" },
  { "pipe", "|1", "|1" },
  { "space-equals", " =1", " =1" },
};

static void
test_guard_case (gconstpointer data)
{
  const GuardCase *c = data;
  g_autofree char *guarded = desk_csv_guard (c->input);

  g_assert_cmpstr (guarded, ==, c->guarded);
  g_assert_cmpint (desk_csv_needs_guard (c->input), ==,
                   strcmp (c->input, c->guarded) != 0);
  g_assert_cmpstr (desk_csv_unguard (guarded), ==, c->input);
}

/* Every vector of the public formula-injection list */

#define N_FORMULA_VECTORS 38

static char *
formula_vector (guint index)
{
  g_autofree char *path = desk_test_data_path ("csv/formula-injection/formula_injection_vectors.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (path == NULL)
    return NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  records = read_all (contents, length, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, N_FORMULA_VECTORS + 1);
  g_assert_cmpstr (((char **) records->pdata[0])[0], ==, "input");

  return g_strdup (((char **) records->pdata[index + 1])[0]);
}

static void
test_formula_vector (gconstpointer data)
{
  g_autofree char *input = formula_vector (GPOINTER_TO_UINT (data));
  const char *cells[2] = { NULL, NULL };
  DeskCsvWriterFlags flags[] = { 0, DESK_CSV_WRITER_FLAGS_SPREADSHEET };

  if (input == NULL)
    return;

  cells[0] = input;
  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    {
      g_autofree char *text = write_rows (cells, 1, flags[f], FALSE);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;
      const char *cell;

      /* One cell gives detection nothing to go on. */
      records = read_all (text, strlen (text), f == 0 ? ',' : ';', 0, &error);
      g_assert_no_error (error);

      /* An empty value makes an empty line, which is no record. */
      if (*input == '\0')
        {
          g_assert_cmpuint (records->len, ==, 0);
          continue;
        }

      g_assert_cmpuint (records->len, ==, 1);
      cell = ((char **) records->pdata[0])[0];
      g_assert_false (strchr ("=+-@\t\r\n", cell[0]) != NULL && cell[0] != '\0');
      if (desk_csv_needs_guard (input))
        {
          g_assert_cmpint (cell[0], ==, '\'');
          g_assert_cmpstr (cell + 1, ==, input);
        }
      else
        g_assert_cmpstr (cell, ==, input);
      g_assert_cmpstr (desk_csv_unguard (cell), ==, input);
    }
}

/* Robustness: random input never crashes the reader, and anything the
 * writer writes reads back the same.
 */

static void
test_random_bytes (void)
{
  static const char alphabet[] = ",;\"\r\na \0\xff\xc3\xa9'";
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);

  for (guint i = 0; i < 20000; i++)
    {
      char input[64];
      guint length = g_rand_int_range (rand, 0, sizeof input);
      g_autoptr(GError) error = NULL;
      GPtrArray *records;

      for (guint j = 0; j < length; j++)
        input[j] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

      records = read_all (input, length, 0, i % 4, &error);
      if (records != NULL)
        g_ptr_array_unref (records);
      else
        g_assert_error (error, DESK_ERROR, DESK_ERROR_PARSE);
    }
}

static void
test_random_round_trip (void)
{
  static const char *pieces[] = {
    "a", ",", ";", "\"", "\r", "\n", "\r\n", "'", "=", "-", "+", "@",
    "\t", " ", "\xC3\xA9", "\xF0\x9F\x94\xA5", "\xD7\xA9",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);

  for (guint i = 0; i < 3000; i++)
    {
      DeskCsvWriterFlags flags = i % 2 ? DESK_CSV_WRITER_FLAGS_SPREADSHEET : 0;
      guint n_columns = g_rand_int_range (rand, 2, 6);
      guint n_rows = g_rand_int_range (rand, 1, 4);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      for (guint c = 0; c < n_columns * n_rows; c++)
        {
          g_autoptr(GString) cell = g_string_new (NULL);
          guint n_pieces = g_rand_int_range (rand, 0, 6);

          for (guint k = 0; k < n_pieces; k++)
            g_string_append (cell, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          g_ptr_array_add (cells, g_string_free (g_steal_pointer (&cell), FALSE));
        }
      g_ptr_array_add (cells, NULL);

      text = write_rows ((const char * const *) cells->pdata, n_columns, flags,
                         FALSE);
      records = read_all (text, strlen (text), flags ? ';' : ',', i % 3,
                          &error);
      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, n_rows);
      for (guint r = 0; r < n_rows; r++)
        {
          char **record = records->pdata[r];

          g_assert_cmpuint (g_strv_length (record), ==, n_columns);
          for (guint c = 0; c < n_columns; c++)
            g_assert_cmpstr (desk_csv_unguard (record[c]), ==,
                             cells->pdata[r * n_columns + c]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (spectrum_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/spectrum/%s", spectrum_cases[i]);
      g_autofree char *stream_path = g_strdup_printf ("/csv/spectrum-stream/%s",
                                                      spectrum_cases[i]);

      g_test_add_data_func (path, spectrum_cases[i], test_spectrum);
      g_test_add_data_func (stream_path, spectrum_cases[i], test_spectrum_stream);
    }
  g_test_add_func ("/csv/spectrum/location_coordinates",
                   test_spectrum_location_coordinates);

  for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/read/%s", read_cases[i].name);

      g_test_add_data_func (path, &read_cases[i], test_read_case);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/refuse/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_case);
    }

  g_test_add_func ("/csv/read/record-lines", test_record_lines);
  g_test_add_func ("/csv/read/long-field", test_long_field);
  g_test_add_func ("/csv/write/quoting", test_write_quoting);
  g_test_add_func ("/csv/write/spreadsheet", test_write_spreadsheet);
  g_test_add_func ("/csv/write/plain-unguarded", test_write_plain_unguarded);
  g_test_add_func ("/csv/write/read-back", test_write_read_back);
  g_test_add_func ("/csv/write/large", test_write_large);
  g_test_add_func ("/csv/robust/random-bytes", test_random_bytes);
  g_test_add_func ("/csv/robust/random-round-trip", test_random_round_trip);

  for (guint i = 0; i < G_N_ELEMENTS (guard_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/guard/%s", guard_cases[i].name);

      g_test_add_data_func (path, &guard_cases[i], test_guard_case);
    }

  for (guint i = 0; i < N_FORMULA_VECTORS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/formula-vector/%02u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_formula_vector);
    }

  return g_test_run ();
}
