/* desk-csv.h: reading and writing CSV (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reader
 *
 * Streams records from a GInputStream or a memory buffer. Accepts LF,
 * CRLF and bare CR line ends, an optional UTF-8 byte order mark, quoted
 * fields holding separators, doubled quotes and line breaks. A quote in
 * the middle of an unquoted field is kept as an ordinary character (as
 * csv-spectrum expects); text after the closing quote of a quoted field,
 * a quoted field that is never closed, invalid UTF-8 and NUL bytes are
 * refused with DESK_ERROR_PARSE and a message naming the line. Empty
 * lines between records are skipped.
 */
typedef struct _DeskCsvReader DeskCsvReader;

/* @separator: ',' or ';' (or any ASCII byte other than a quote, CR or
 * LF); 0 detects ',' or ';' from the first line (whichever occurs more
 * often outside quotes; ',' on a tie).
 */
DeskCsvReader *desk_csv_reader_new           (GInputStream   *stream,
                                              char            separator);
/* Reads @data, which must stay alive as long as the reader. */
DeskCsvReader *desk_csv_reader_new_for_data  (const char     *data,
                                              gsize           length,
                                              char            separator);
void           desk_csv_reader_free          (DeskCsvReader  *self);

/* Reads the next record. Returns TRUE and sets @fields (owned by the
 * reader, valid until the next call) and @n_fields; FALSE at the end of
 * the input with @error unset, or FALSE with @error set: DESK_ERROR_PARSE
 * for malformed input, or the stream's own error.
 */
gboolean       desk_csv_reader_next          (DeskCsvReader  *self,
                                              const char   ***fields,
                                              guint          *n_fields,
                                              GCancellable   *cancellable,
                                              GError        **error);
/* The 1-based line on which the last record read starts. */
guint          desk_csv_reader_get_line      (DeskCsvReader  *self);
/* The separator in use (after detection: once the first record is read). */
char           desk_csv_reader_get_separator (DeskCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCsvReader, desk_csv_reader_free)

/* Writer
 *
 * RFC 4180: comma, CRLF after every record, a field quoted when it holds
 * the separator, a quote, CR or LF, quotes doubled. The spreadsheet flag
 * starts the output with a UTF-8 byte order mark and separates with ';'.
 * Output is gathered in a buffer and written in large chunks.
 */
typedef enum
{
  DESK_CSV_WRITER_FLAGS_NONE        = 0,
  DESK_CSV_WRITER_FLAGS_SPREADSHEET = 1 << 0,
} DeskCsvWriterFlags;

typedef struct _DeskCsvWriter DeskCsvWriter;

DeskCsvWriter *desk_csv_writer_new           (GOutputStream      *stream,
                                              DeskCsvWriterFlags  flags);
void           desk_csv_writer_free          (DeskCsvWriter      *self);

/* A text cell, with the formula guard (desk_csv_guard) applied. */
void           desk_csv_writer_add_text      (DeskCsvWriter      *self,
                                              const char         *text);
/* A cell written as it is: numbers, and the header. */
void           desk_csv_writer_add_plain     (DeskCsvWriter      *self,
                                              const char         *text);
/* Ends the record; writes the buffer out when it is large. */
gboolean       desk_csv_writer_end_record    (DeskCsvWriter      *self,
                                              GCancellable       *cancellable,
                                              GError            **error);
/* Writes out what is buffered; call it after the last record, as
 * desk_csv_writer_free drops what is left. Does not close the stream.
 */
gboolean       desk_csv_writer_flush         (DeskCsvWriter      *self,
                                              GCancellable       *cancellable,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCsvWriter, desk_csv_writer_free)

/* Formula guard
 *
 * A text cell that begins with '=', '+', '-', '@', tab, CR or LF gets a
 * leading apostrophe, so that a spreadsheet never runs it as a formula.
 * So that the guard can be taken off exactly, a cell that begins with an
 * apostrophe followed by one of those characters or by another
 * apostrophe gets one too. desk_csv_unguard removes one leading
 * apostrophe exactly when it is followed by one of those characters or
 * an apostrophe: unguard (guard (x)) == x for every x.
 */
gboolean       desk_csv_needs_guard          (const char         *text);
/* Returns a newly allocated copy, guarded when needed. */
char          *desk_csv_guard                (const char         *text);
/* Returns @text itself or @text + 1. */
const char    *desk_csv_unguard              (const char         *text);

G_END_DECLS
