/* atlas-csv.h — records to and from CSV (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-format.h"

G_BEGIN_DECLS

/**
 * AtlasCsvField:
 * @ATLAS_CSV_FIELD_IGNORE: the column is not imported
 * @ATLAS_CSV_FIELD_ID: the record's id
 * @ATLAS_CSV_FIELD_TITLE: its title
 * @ATLAS_CSV_FIELD_KIND: its kind
 * @ATLAS_CSV_FIELD_START: its start date
 * @ATLAS_CSV_FIELD_END: its end date
 * @ATLAS_CSV_FIELD_STATUS: its status
 * @ATLAS_CSV_FIELD_COUNTRIES: its partner countries, separated by `;`
 * @ATLAS_CSV_FIELD_ORGANIZATIONS: its organizations, separated by `;`
 * @ATLAS_CSV_FIELD_SUMMARY: its summary
 * @ATLAS_CSV_FIELD_TAGS: its tags, separated by `;`
 * @ATLAS_CSV_FIELD_SOURCE_TITLE: its sources' titles, separated by `;`
 * @ATLAS_CSV_FIELD_SOURCE_DOCUMENT: its sources' documents, separated
 *   by `;`, one for each source title (empty for none)
 * @ATLAS_CSV_FIELD_SOURCE_URL: its sources' URLs, likewise
 *
 * What a column of a CSV file holds.
 */
typedef enum
{
  ATLAS_CSV_FIELD_IGNORE,
  ATLAS_CSV_FIELD_ID,
  ATLAS_CSV_FIELD_TITLE,
  ATLAS_CSV_FIELD_KIND,
  ATLAS_CSV_FIELD_START,
  ATLAS_CSV_FIELD_END,
  ATLAS_CSV_FIELD_STATUS,
  ATLAS_CSV_FIELD_COUNTRIES,
  ATLAS_CSV_FIELD_ORGANIZATIONS,
  ATLAS_CSV_FIELD_SUMMARY,
  ATLAS_CSV_FIELD_TAGS,
  ATLAS_CSV_FIELD_SOURCE_TITLE,
  ATLAS_CSV_FIELD_SOURCE_DOCUMENT,
  ATLAS_CSV_FIELD_SOURCE_URL,
} AtlasCsvField;

#define ATLAS_CSV_N_FIELDS (ATLAS_CSV_FIELD_SOURCE_URL + 1)

/**
 * AtlasCsvRow:
 * @line: the line the row starts on, from 1
 * @number: the row's number: 0 for the header, then 1, 2, … for the
 *   rows after it (blank lines are not rows)
 * @cells: (array zero-terminated=1): its fields, unquoted
 *
 * One row of a CSV file, as atlas_csv_parse() reads it.
 */
typedef struct
{
  int    line;
  int    number;
  char **cells;
} AtlasCsvRow;

#define ATLAS_TYPE_CSV_FIELD (atlas_csv_field_get_type ())
#define ATLAS_TYPE_CSV_ROW (atlas_csv_row_get_type ())

GType          atlas_csv_field_get_type    (void) G_GNUC_CONST;
const char    *atlas_csv_field_to_string   (AtlasCsvField        field);
const char    *atlas_csv_field_get_label   (AtlasCsvField        field);

GType          atlas_csv_row_get_type      (void) G_GNUC_CONST;
AtlasCsvRow   *atlas_csv_row_copy          (const AtlasCsvRow   *row);
void           atlas_csv_row_free          (AtlasCsvRow         *row);

GPtrArray     *atlas_csv_parse             (GBytes              *bytes,
                                            GPtrArray          **problems);
char         **atlas_csv_read_headers      (GBytes              *bytes,
                                            GPtrArray          **problems);
AtlasCsvField *atlas_csv_guess_mapping     (const char * const  *headers);
gboolean       atlas_csv_import            (GBytes              *bytes,
                                            const AtlasCsvField *mapping,
                                            guint                n_columns,
                                            GHashTable          *taken_ids,
                                            GPtrArray          **records,
                                            GPtrArray          **problems);
GBytes        *atlas_csv_export            (GPtrArray           *records);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasCsvRow, atlas_csv_row_free)

G_END_DECLS
