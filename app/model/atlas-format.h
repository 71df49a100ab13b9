/* atlas-format.h — reading and writing Space Atlas data files (format version 1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "atlas-partnership.h"
#include "atlas-read-file.h"

G_BEGIN_DECLS

#define ATLAS_FORMAT_NAME    "space-atlas"
#define ATLAS_FORMAT_VERSION 1

typedef enum
{
  ATLAS_PROBLEM_FILE,    /* the file cannot be read at all */
  ATLAS_PROBLEM_SYNTAX,  /* not JSON; has a line and column */
  ATLAS_PROBLEM_FORMAT,  /* JSON, but not a data file this version reads */
  ATLAS_PROBLEM_RECORD,  /* a record is wrong; has a record number */
} AtlasProblemKind;

/**
 * AtlasProblem:
 * @kind: what kind of problem
 * @line: for a syntax problem, the line (from 1); for a record problem
 *   in a CSV file, the line its row starts on; 0 otherwise
 * @column: for a syntax problem, the column (from 1); for a record
 *   problem in a CSV file, the column of the field (from 1), or 0
 * @record: for a record problem, the record's number (from 1): in a CSV
 *   file, the row's number after the header
 * @record_id: (nullable): the record's id, if it has one
 * @field: (nullable): the member the problem is in ("start", "countries")
 * @message: what is wrong, for people to read
 */
typedef struct
{
  AtlasProblemKind  kind;
  int               line;
  int               column;
  int               record;
  char             *record_id;
  char             *field;
  char             *message;
} AtlasProblem;

#define ATLAS_TYPE_PROBLEM (atlas_problem_get_type ())

GType         atlas_problem_get_type      (void) G_GNUC_CONST;
AtlasProblem *atlas_problem_copy          (const AtlasProblem *problem);
void          atlas_problem_free          (AtlasProblem       *problem);
char         *atlas_problem_to_string     (const AtlasProblem *problem,
                                           const char         *file_name);
char         *atlas_problems_to_string    (GPtrArray          *problems,
                                           const char         *file_name);
guint         atlas_problems_count_records (GPtrArray         *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasProblem, atlas_problem_free)

GPtrArray    *atlas_format_read           (GBytes             *bytes,
                                           JsonObject        **extra,
                                           GPtrArray         **problems);
GPtrArray    *atlas_format_read_full      (GBytes             *bytes,
                                           AtlasProgressFunc   progress,
                                           gpointer            progress_data,
                                           GCancellable       *cancellable,
                                           JsonObject        **extra,
                                           GPtrArray         **problems,
                                           GError            **error);
GPtrArray    *atlas_format_read_file      (GFile              *file,
                                           GCancellable       *cancellable,
                                           JsonObject        **extra,
                                           GPtrArray         **problems);
GPtrArray    *atlas_format_read_file_full (GFile              *file,
                                           AtlasProgressFunc   progress,
                                           gpointer            progress_data,
                                           GCancellable       *cancellable,
                                           JsonObject        **extra,
                                           GPtrArray         **problems,
                                           GError            **error);
GBytes       *atlas_format_write          (GPtrArray          *records,
                                           JsonObject         *extra);
void          atlas_format_append_json    (GString            *out,
                                           JsonNode           *node,
                                           int                 indent);

G_END_DECLS
