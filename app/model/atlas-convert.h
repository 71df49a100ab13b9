/* atlas-convert.h — the file formats records go to and from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-format.h"
#include "atlas-geojson.h"

G_BEGIN_DECLS

/**
 * AtlasFileFormat:
 * @ATLAS_FILE_FORMAT_UNKNOWN: not a format Space Atlas knows
 * @ATLAS_FILE_FORMAT_SPACE_ATLAS: a Space Atlas data file (JSON)
 * @ATLAS_FILE_FORMAT_CSV: CSV, a row for each record (see atlas-csv.h)
 * @ATLAS_FILE_FORMAT_TIMELINEJS: TimelineJS JSON (see atlas-timelinejs.h)
 * @ATLAS_FILE_FORMAT_GEOJSON: GeoJSON points, written only
 *
 * The formats records can be read from and written to.
 */
typedef enum
{
  ATLAS_FILE_FORMAT_UNKNOWN,
  ATLAS_FILE_FORMAT_SPACE_ATLAS,
  ATLAS_FILE_FORMAT_CSV,
  ATLAS_FILE_FORMAT_TIMELINEJS,
  ATLAS_FILE_FORMAT_GEOJSON,
} AtlasFileFormat;

AtlasFileFormat  atlas_file_format_from_name       (const char          *name);
const char      *atlas_file_format_to_name         (AtlasFileFormat      format);
AtlasFileFormat  atlas_file_format_for_output      (const char          *file_name);
AtlasFileFormat  atlas_file_format_for_input       (const char          *file_name,
                                                    GBytes              *contents);

GPtrArray       *atlas_convert_read                (GBytes              *bytes,
                                                    AtlasFileFormat      format,
                                                    JsonObject         **extra,
                                                    GPtrArray          **problems);
GBytes          *atlas_convert_write               (GPtrArray           *records,
                                                    JsonObject          *extra,
                                                    AtlasFileFormat      format,
                                                    AtlasLabelPointFunc  point_func,
                                                    gpointer             point_data,
                                                    guint               *n_skipped);
int              atlas_convert_files               (const char          *input,
                                                    const char          *output,
                                                    const char          *to,
                                                    AtlasLabelPointFunc  point_func,
                                                    gpointer             point_data,
                                                    GString             *out,
                                                    GString             *err);

G_END_DECLS
