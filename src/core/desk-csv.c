/* desk-csv.c: reading and writing CSV (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "desk-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "desk-csv.h"
#include "desk-error.h"

#define READ_CHUNK   (64 * 1024)
#define WRITE_CHUNK  (1024 * 1024)

typedef enum
{
  STATE_RECORD_START,
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_SEEN,
} State;

struct _DeskCsvReader
{
  GInputStream *stream;
  GByteArray   *chunk;
  const guint8 *data;
  gsize         length;
  gsize         pos;
  gboolean      eof;
  gboolean      started;

  char          separator;
  guint         line;
  guint         record_line;
  gboolean      after_cr;

  GString      *text;
  GArray       *starts;
  GPtrArray    *fields;
};

static DeskCsvReader *
reader_new (char separator)
{
  DeskCsvReader *self = g_new0 (DeskCsvReader, 1);

  self->separator = separator;
  self->line = 1;
  self->text = g_string_sized_new (1024);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();

  return self;
}

DeskCsvReader *
desk_csv_reader_new (GInputStream *stream,
                     char          separator)
{
  DeskCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = reader_new (separator);
  self->stream = g_object_ref (stream);
  self->chunk = g_byte_array_sized_new (READ_CHUNK);

  return self;
}

DeskCsvReader *
desk_csv_reader_new_for_data (const char *data,
                              gsize       length,
                              char        separator)
{
  DeskCsvReader *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = reader_new (separator);
  self->data = (const guint8 *) data;
  self->length = length;
  self->eof = TRUE;

  return self;
}

void
desk_csv_reader_free (DeskCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  if (self->chunk != NULL)
    g_byte_array_unref (self->chunk);
  g_string_free (self->text, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

guint
desk_csv_reader_get_line (DeskCsvReader *self)
{
  return self->record_line;
}

char
desk_csv_reader_get_separator (DeskCsvReader *self)
{
  return self->separator;
}

/* Appends up to one chunk to the buffer, keeping what is unread when
 * @keep is set. Returns FALSE on a read error.
 */
static gboolean
reader_read_more (DeskCsvReader  *self,
                  gboolean        keep,
                  GCancellable   *cancellable,
                  GError        **error)
{
  gsize old;
  gssize n;

  if (self->eof)
    return TRUE;

  if (!keep)
    {
      g_byte_array_set_size (self->chunk, 0);
      self->pos = 0;
    }

  old = self->chunk->len;
  g_byte_array_set_size (self->chunk, old + READ_CHUNK);
  n = g_input_stream_read (self->stream, self->chunk->data + old,
                           READ_CHUNK, cancellable, error);
  if (n < 0)
    {
      g_byte_array_set_size (self->chunk, old);
      self->data = self->chunk->data;
      self->length = old;
      return FALSE;
    }

  g_byte_array_set_size (self->chunk, old + n);
  self->data = self->chunk->data;
  self->length = self->chunk->len;
  if (n == 0)
    self->eof = TRUE;

  return TRUE;
}

/* Whether the buffer holds the whole first line; sets the separator
 * counts seen on it.
 */
static gboolean
scan_first_line (DeskCsvReader *self,
                 guint         *n_commas,
                 guint         *n_semicolons)
{
  gboolean quoted = FALSE;

  *n_commas = 0;
  *n_semicolons = 0;

  for (gsize i = self->pos; i < self->length; i++)
    {
      guint8 c = self->data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == ',')
        (*n_commas)++;
      else if (c == ';')
        (*n_semicolons)++;
      else if (c == '\n' || c == '\r')
        return TRUE;
    }

  return FALSE;
}

static gboolean
reader_start (DeskCsvReader  *self,
              GCancellable   *cancellable,
              GError        **error)
{
  guint n_commas, n_semicolons;

  while (!scan_first_line (self, &n_commas, &n_semicolons) && !self->eof)
    {
      if (!reader_read_more (self, TRUE, cancellable, error))
        return FALSE;
    }

  if (self->length - self->pos >= 3 &&
      memcmp (self->data + self->pos, "\xEF\xBB\xBF", 3) == 0)
    self->pos += 3;

  if (self->separator == 0)
    self->separator = n_semicolons > n_commas ? ';' : ',';

  self->started = TRUE;

  return TRUE;
}

static void
end_field (DeskCsvReader *self)
{
  gsize start;

  g_string_append_c (self->text, '\0');
  start = self->text->len;
  g_array_append_val (self->starts, start);
}

static guint
count_lines (const char *text,
             const char *end)
{
  guint n = 0;

  for (const char *p = text; p < end; p++)
    {
      if (*p == '\n' && !(p > text && p[-1] == '\r'))
        n++;
      else if (*p == '\r')
        n++;
    }

  return n;
}

static gboolean
finish_record (DeskCsvReader  *self,
               const char   ***fields,
               guint          *n_fields,
               GError        **error)
{
  const char *text = self->text->str;
  guint n = self->starts->len - 1;
  gboolean ascii = TRUE;

  g_ptr_array_set_size (self->fields, 0);

  /* A record in plain ASCII is valid UTF-8 as a whole. */
  for (gsize i = 0; i < self->text->len && ascii; i++)
    ascii = (guchar) text[i] < 0x80;

  for (guint i = 0; i < n; i++)
    {
      gsize start = g_array_index (self->starts, gsize, i);
      gsize end = g_array_index (self->starts, gsize, i + 1) - 1;
      const char *bad;

      if (!ascii && !g_utf8_validate (text + start, end - start, &bad))
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                       _("Line %u is not valid UTF-8 text."),
                       self->record_line + count_lines (text, bad));
          return FALSE;
        }

      g_ptr_array_add (self->fields, (gpointer) (text + start));
    }

  g_ptr_array_add (self->fields, NULL);
  *fields = (const char **) self->fields->pdata;
  *n_fields = n;

  return TRUE;
}

/* Counts the line break @c; a LF right after a CR belongs to it. */
static inline void
count_break (DeskCsvReader *self,
             guint8         c)
{
  if (c == '\r')
    self->line++;
  else if (!self->after_cr)
    self->line++;

  self->after_cr = c == '\r';
}

static gsize
scan_run (const guint8 *data,
          gsize         pos,
          gsize         length,
          guint8        special)
{
  gsize i = pos;

  while (i < length)
    {
      guint8 c = data[i];

      if (c == special || c == '\n' || c == '\r' || c == '\0')
        break;
      i++;
    }

  return i;
}

gboolean
desk_csv_reader_next (DeskCsvReader  *self,
                      const char   ***fields,
                      guint          *n_fields,
                      GCancellable   *cancellable,
                      GError        **error)
{
  State state = STATE_RECORD_START;
  guint quote_line = 0;
  guint8 sep;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->started && !reader_start (self, cancellable, error))
    return FALSE;

  sep = (guint8) self->separator;
  g_string_truncate (self->text, 0);
  g_array_set_size (self->starts, 0);
  g_array_append_val (self->starts, self->text->len);

  for (;;)
    {
      guint8 c;

      if (self->pos >= self->length)
        {
          if (!self->eof && !reader_read_more (self, FALSE, cancellable, error))
            return FALSE;

          if (self->pos >= self->length)
            {
              if (state == STATE_RECORD_START)
                return FALSE;

              if (state == STATE_QUOTED)
                {
                  g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                               _("Line %u: a quoted field is never closed."),
                               quote_line);
                  return FALSE;
                }

              end_field (self);
              return finish_record (self, fields, n_fields, error);
            }
        }

      if (state == STATE_UNQUOTED || state == STATE_QUOTED)
        {
          gsize end = scan_run (self->data, self->pos, self->length,
                                state == STATE_QUOTED ? '"' : sep);

          if (end > self->pos)
            {
              g_string_append_len (self->text,
                                   (const char *) self->data + self->pos,
                                   end - self->pos);
              self->pos = end;
              self->after_cr = FALSE;
              continue;
            }
        }

      c = self->data[self->pos++];

      if (c == '\0')
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                       _("Line %u holds a zero byte, which is not text."),
                       self->line);
          return FALSE;
        }

      if (c != '\r' && c != '\n')
        self->after_cr = FALSE;

      switch (state)
        {
        case STATE_RECORD_START:
          if (c == '\n' || c == '\r')
            {
              /* The LF of a CRLF that ended the previous record, or an
               * empty line: neither is a record.
               */
              count_break (self, c);
              continue;
            }
          self->record_line = self->line;
          G_GNUC_FALLTHROUGH;

        case STATE_FIELD_START:
          if (c == '"')
            {
              quote_line = self->line;
              state = STATE_QUOTED;
            }
          else if (c == sep)
            {
              end_field (self);
              state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              count_break (self, c);
              end_field (self);
              return finish_record (self, fields, n_fields, error);
            }
          else
            {
              g_string_append_c (self->text, (char) c);
              state = STATE_UNQUOTED;
            }
          break;

        case STATE_UNQUOTED:
          if (c == sep)
            {
              end_field (self);
              state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              count_break (self, c);
              end_field (self);
              return finish_record (self, fields, n_fields, error);
            }
          else
            {
              /* Only a quote gets here: kept as it is. */
              g_string_append_c (self->text, (char) c);
            }
          break;

        case STATE_QUOTED:
          if (c == '"')
            state = STATE_QUOTE_SEEN;
          else
            {
              count_break (self, c);
              g_string_append_c (self->text, (char) c);
            }
          break;

        case STATE_QUOTE_SEEN:
          if (c == '"')
            {
              g_string_append_c (self->text, '"');
              state = STATE_QUOTED;
            }
          else if (c == sep)
            {
              end_field (self);
              state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              count_break (self, c);
              end_field (self);
              return finish_record (self, fields, n_fields, error);
            }
          else
            {
              g_set_error (error, DESK_ERROR, DESK_ERROR_PARSE,
                           _("Line %u: text follows the closing quote of a "
                             "field."),
                           self->line);
              return FALSE;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Writer */

struct _DeskCsvWriter
{
  GOutputStream *stream;
  GString       *buffer;
  char           separator;
  gboolean       record_started;
  guint8         special[256];
};

DeskCsvWriter *
desk_csv_writer_new (GOutputStream      *stream,
                     DeskCsvWriterFlags  flags)
{
  DeskCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (DeskCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_string_sized_new (WRITE_CHUNK + 64 * 1024);
  self->separator = ',';

  if (flags & DESK_CSV_WRITER_FLAGS_SPREADSHEET)
    {
      self->separator = ';';
      g_string_append (self->buffer, "\xEF\xBB\xBF");
    }

  self->special[(guint8) self->separator] = 1;
  self->special['"'] = 1;
  self->special['\r'] = 1;
  self->special['\n'] = 1;

  return self;
}

void
desk_csv_writer_free (DeskCsvWriter *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->stream);
  g_string_free (self->buffer, TRUE);
  g_free (self);
}

static void
append_cell (DeskCsvWriter *self,
             const char    *prefix,
             const char    *text)
{
  GString *buffer = self->buffer;
  const guint8 *p;
  gboolean quote = FALSE;

  if (self->record_started)
    g_string_append_c (buffer, self->separator);
  self->record_started = TRUE;

  if (text == NULL)
    return;

  for (p = (const guint8 *) text; *p; p++)
    {
      if (self->special[*p])
        {
          quote = TRUE;
          break;
        }
    }

  if (!quote)
    {
      if (prefix != NULL)
        g_string_append (buffer, prefix);
      g_string_append_len (buffer, text, (const char *) p - text);
      return;
    }

  g_string_append_c (buffer, '"');
  if (prefix != NULL)
    g_string_append (buffer, prefix);

  for (const char *run = text; *run; )
    {
      const char *quote_pos = strchr (run, '"');

      if (quote_pos == NULL)
        {
          g_string_append (buffer, run);
          break;
        }

      g_string_append_len (buffer, run, quote_pos - run + 1);
      g_string_append_c (buffer, '"');
      run = quote_pos + 1;
    }

  g_string_append_c (buffer, '"');
}

void
desk_csv_writer_add_text (DeskCsvWriter *self,
                          const char    *text)
{
  append_cell (self, desk_csv_needs_guard (text) ? "'" : NULL, text);
}

void
desk_csv_writer_add_plain (DeskCsvWriter *self,
                           const char    *text)
{
  append_cell (self, NULL, text);
}

gboolean
desk_csv_writer_flush (DeskCsvWriter  *self,
                       GCancellable   *cancellable,
                       GError        **error)
{
  if (self->buffer->len == 0)
    return TRUE;

  if (!g_output_stream_write_all (self->stream, self->buffer->str,
                                  self->buffer->len, NULL,
                                  cancellable, error))
    return FALSE;

  g_string_truncate (self->buffer, 0);

  return TRUE;
}

gboolean
desk_csv_writer_end_record (DeskCsvWriter  *self,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_string_append_len (self->buffer, "\r\n", 2);
  self->record_started = FALSE;

  if (self->buffer->len >= WRITE_CHUNK)
    return desk_csv_writer_flush (self, cancellable, error);

  return TRUE;
}

/* Formula guard */

static inline gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' ||
         c == '\t' || c == '\r' || c == '\n';
}

gboolean
desk_csv_needs_guard (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;

  if (is_formula_start (text[0]))
    return TRUE;

  return text[0] == '\'' && (is_formula_start (text[1]) || text[1] == '\'');
}

char *
desk_csv_guard (const char *text)
{
  if (desk_csv_needs_guard (text))
    return g_strconcat ("'", text, NULL);

  return g_strdup (text != NULL ? text : "");
}

const char *
desk_csv_unguard (const char *text)
{
  if (text != NULL && text[0] == '\'' &&
      (is_formula_start (text[1]) || text[1] == '\''))
    return text + 1;

  return text;
}
