/* desk-error.h: the error domain of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DESK_ERROR (desk_error_quark ())

/* Every message carried by a DeskError is one translated, plain sentence
 * that may be shown to the user as it is.
 */
typedef enum
{
  DESK_ERROR_INVALID,      /* a value breaks a rule of the data model */
  DESK_ERROR_TRANSITION,   /* a status change the lifecycle does not allow */
  DESK_ERROR_NOT_FOUND,    /* no such incident, service or problem */
  DESK_ERROR_CONFLICT,     /* someone else saved this record first */
  DESK_ERROR_PARSE,        /* input text (CSV, date, mapping) is malformed */
  DESK_ERROR_READ_ONLY,    /* the database was opened in viewer mode */
  DESK_ERROR_CORRUPT,      /* the file is damaged or not a database */
  DESK_ERROR_TOO_NEW,      /* written by a newer IncidentDesk */
  DESK_ERROR_BUSY,         /* locked by another program */
  DESK_ERROR_NO_SPACE,     /* the disk is full */
  DESK_ERROR_PERMISSION,   /* the file or folder may not be written */
  DESK_ERROR_IO,           /* any other storage failure */
  DESK_ERROR_CANCELLED,    /* the caller cancelled the work */
  DESK_ERROR_UNKNOWN_FORMAT, /* a file whose columns no import knows */
} DeskError;

GQuark desk_error_quark (void);

G_END_DECLS
