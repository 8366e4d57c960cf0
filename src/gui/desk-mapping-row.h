/* desk-mapping-row.h: where one incident field comes from in a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "desk-incident.h"

G_BEGIN_DECLS

#define DESK_TYPE_MAPPING_ROW (desk_mapping_row_get_type ())
G_DECLARE_FINAL_TYPE (DeskMappingRow, desk_mapping_row,
                      DESK, MAPPING_ROW, AdwExpanderRow)

/* An expander row for @field: a dropdown of the file's @columns (or
 * "Not in file"), a value used for every row, and for severity, impact,
 * status and contributing factor what each value seen in the chosen
 * column means. @samples maps a column name to a GPtrArray of the
 * distinct values seen in the first rows; it is referenced. Emits
 * "changed" when the user changes any of it.
 */
GtkWidget  *desk_mapping_row_new          (DeskField           field,
                                           const char * const *columns,
                                           GHashTable         *samples);

DeskField   desk_mapping_row_get_field    (DeskMappingRow     *self);

/* NULL: not in the file. An unknown column name is ignored. */
void        desk_mapping_row_set_column   (DeskMappingRow     *self,
                                           const char         *column);
const char *desk_mapping_row_get_column   (DeskMappingRow     *self);

void        desk_mapping_row_set_constant (DeskMappingRow     *self,
                                           const char         *value);
const char *desk_mapping_row_get_constant (DeskMappingRow     *self);

/* What @file_value of the chosen column means (our stable name, such as
 * "SEV1"); NULL keeps it as written. Only for the fields that have
 * fixed values, and only for values seen in the first rows.
 */
void        desk_mapping_row_set_translation (DeskMappingRow  *self,
                                              const char      *file_value,
                                              const char      *value);

/* Writes [columns], [constants] and [values:FIELD] entries to @mapping,
 * and reads them back from it.
 */
void        desk_mapping_row_save         (DeskMappingRow     *self,
                                           GKeyFile           *mapping);
void        desk_mapping_row_load         (DeskMappingRow     *self,
                                           GKeyFile           *mapping);

G_END_DECLS
