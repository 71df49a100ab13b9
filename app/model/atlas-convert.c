/* atlas-convert.c — the file formats records go to and from
 *
 * One place that knows every format: which one a file is in, how to
 * read records from it and write them to it.  The import and export
 * commands of the window and `space-atlas --convert IN OUT` use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-convert"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-convert.h"
#include "atlas-csv.h"
#include "atlas-read-file.h"
#include "atlas-save.h"
#include "atlas-timelinejs.h"

static const struct
{
  const char      *name;
  AtlasFileFormat  format;
} format_names[] = {
  { "json", ATLAS_FILE_FORMAT_SPACE_ATLAS },
  { "space-atlas", ATLAS_FILE_FORMAT_SPACE_ATLAS },
  { "csv", ATLAS_FILE_FORMAT_CSV },
  { "timelinejs", ATLAS_FILE_FORMAT_TIMELINEJS },
  { "timeline", ATLAS_FILE_FORMAT_TIMELINEJS },
  { "geojson", ATLAS_FILE_FORMAT_GEOJSON },
};

/**
 * atlas_file_format_from_name:
 * @name: what `--to` says: `json` (or `space-atlas`), `csv`,
 *   `timelinejs` (or `timeline`) or `geojson`, in any case
 *
 * Returns: the format, or %ATLAS_FILE_FORMAT_UNKNOWN
 */
AtlasFileFormat
atlas_file_format_from_name (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i].name) == 0)
      return format_names[i].format;

  return ATLAS_FILE_FORMAT_UNKNOWN;
}

/**
 * atlas_file_format_to_name:
 *
 * Returns: (nullable): the format's name for `--to`
 */
const char *
atlas_file_format_to_name (AtlasFileFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;

  return NULL;
}

static gboolean
has_extension (const char *file_name,
               const char *extension)
{
  gsize length = strlen (file_name);
  gsize extension_length = strlen (extension);

  return length > extension_length &&
         g_ascii_strcasecmp (file_name + length - extension_length, extension) == 0;
}

/**
 * atlas_file_format_for_output:
 * @file_name: the name of a file to write
 *
 * The format its extension names: `.json` a Space Atlas data file,
 * `.csv` CSV, `.geojson` GeoJSON.  A TimelineJS file is JSON too: ask
 * for it by name (atlas_file_format_from_name()).
 *
 * Returns: the format, or %ATLAS_FILE_FORMAT_UNKNOWN
 */
AtlasFileFormat
atlas_file_format_for_output (const char *file_name)
{
  g_return_val_if_fail (file_name != NULL, ATLAS_FILE_FORMAT_UNKNOWN);

  if (has_extension (file_name, ".json"))
    return ATLAS_FILE_FORMAT_SPACE_ATLAS;
  if (has_extension (file_name, ".csv"))
    return ATLAS_FILE_FORMAT_CSV;
  if (has_extension (file_name, ".geojson"))
    return ATLAS_FILE_FORMAT_GEOJSON;

  return ATLAS_FILE_FORMAT_UNKNOWN;
}

/* Skipping a byte order mark and white space */
static char
first_character (GBytes *contents)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length ? data[i] : '\0';
}

/**
 * atlas_file_format_for_input:
 * @file_name: the name of a file to read
 * @contents: its contents
 *
 * The format a file is in: CSV by its extension `.csv`; JSON by its
 * extension `.json` or its first character, then TimelineJS when it has
 * a list of "events" and no "format": "space-atlas", else a Space Atlas
 * data file (whose reader says what is wrong with it, if anything).
 * GeoJSON by its extension `.geojson`, though Space Atlas does not read
 * it.
 *
 * Returns: the format, or %ATLAS_FILE_FORMAT_UNKNOWN
 */
AtlasFileFormat
atlas_file_format_for_input (const char *file_name,
                             GBytes     *contents)
{
  g_return_val_if_fail (file_name != NULL, ATLAS_FILE_FORMAT_UNKNOWN);
  g_return_val_if_fail (contents != NULL, ATLAS_FILE_FORMAT_UNKNOWN);

  if (has_extension (file_name, ".csv"))
    return ATLAS_FILE_FORMAT_CSV;
  if (has_extension (file_name, ".geojson"))
    return ATLAS_FILE_FORMAT_GEOJSON;

  if (has_extension (file_name, ".json") || first_character (contents) == '{')
    return atlas_timelinejs_is_timeline (contents) ? ATLAS_FILE_FORMAT_TIMELINEJS
                                                   : ATLAS_FILE_FORMAT_SPACE_ATLAS;

  return ATLAS_FILE_FORMAT_UNKNOWN;
}

/**
 * atlas_convert_read:
 * @bytes: a file's contents
 * @format: its format: a Space Atlas data file, CSV (its columns
 *   guessed from their names) or TimelineJS (whose events must name
 *   their countries, as those Space Atlas writes do)
 * @extra: (out) (optional) (transfer full) (nullable): the data set's
 *   members Space Atlas does not know
 * @problems: (out) (transfer full) (element-type AtlasProblem): every
 *   problem, empty when there is none
 *
 * Reads all the records or none, like atlas_format_read(): what the
 * command line converts is the whole file.  (The window's import dialog
 * lets the curator skip the records with problems instead.)
 *
 * Returns: (transfer full) (nullable) (element-type AtlasPartnership):
 *   the records, or %NULL when there is any problem
 */
GPtrArray *
atlas_convert_read (GBytes           *bytes,
                    AtlasFileFormat   format,
                    JsonObject      **extra,
                    GPtrArray       **problems)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonObject) document_extra = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (extra != NULL)
    *extra = NULL;

  switch (format)
    {
    case ATLAS_FILE_FORMAT_SPACE_ATLAS:
      records = atlas_format_read (bytes, &document_extra, &found);
      break;

    case ATLAS_FILE_FORMAT_CSV:
      {
        g_auto(GStrv) headers = atlas_csv_read_headers (bytes, &found);
        g_autofree AtlasCsvField *mapping = NULL;

        if (headers == NULL)
          break;

        g_clear_pointer (&found, g_ptr_array_unref);
        mapping = atlas_csv_guess_mapping ((const char * const *) headers);
        atlas_csv_import (bytes, mapping, g_strv_length (headers), NULL, &records, &found);
      }
      break;

    case ATLAS_FILE_FORMAT_TIMELINEJS:
      atlas_timelinejs_import (bytes, NULL, NULL, &records, &document_extra, &found);
      break;

    case ATLAS_FILE_FORMAT_GEOJSON:
    case ATLAS_FILE_FORMAT_UNKNOWN:
    default:
      g_return_val_if_reached (NULL);
    }

  if (found == NULL)
    found = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  if (found->len > 0)
    g_clear_pointer (&records, g_ptr_array_unref);

  if (extra != NULL && records != NULL)
    *extra = g_steal_pointer (&document_extra);
  *problems = g_steal_pointer (&found);
  return g_steal_pointer (&records);
}

/**
 * atlas_convert_write:
 * @records: (element-type AtlasPartnership): the records
 * @extra: (nullable): the data set's members Space Atlas does not know,
 *   which the Space Atlas and TimelineJS formats keep
 * @format: the format to write
 * @point_func: (nullable) (scope call): for GeoJSON, where each country
 *   is; see atlas_geojson_export()
 * @point_data: data for @point_func
 * @n_skipped: (out) (optional): for GeoJSON, how many features were left
 *   out for want of a point; 0 otherwise
 *
 * Returns: (transfer full): the file
 */
GBytes *
atlas_convert_write (GPtrArray           *records,
                     JsonObject          *extra,
                     AtlasFileFormat      format,
                     AtlasLabelPointFunc  point_func,
                     gpointer             point_data,
                     guint               *n_skipped)
{
  g_return_val_if_fail (records != NULL, NULL);

  if (n_skipped != NULL)
    *n_skipped = 0;

  switch (format)
    {
    case ATLAS_FILE_FORMAT_SPACE_ATLAS:
      return atlas_format_write (records, extra);
    case ATLAS_FILE_FORMAT_CSV:
      return atlas_csv_export (records);
    case ATLAS_FILE_FORMAT_TIMELINEJS:
      return atlas_timelinejs_export (records, extra, NULL);
    case ATLAS_FILE_FORMAT_GEOJSON:
      g_return_val_if_fail (point_func != NULL, NULL);
      return atlas_geojson_export (records, point_func, point_data, n_skipped);
    case ATLAS_FILE_FORMAT_UNKNOWN:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * atlas_convert_files:
 * @input: the file to read, as named on the command line
 * @output: the file to write, as named on the command line
 * @to: (nullable): the format to write, by name (see
 *   atlas_file_format_from_name()); %NULL to go by @output's extension
 * @point_func: (scope call): for GeoJSON, where each country is
 * @point_data: data for @point_func
 * @out: where to write the problems, one a line, as `--check` does
 * @err: where to write what is wrong with the command itself
 *
 * What `space-atlas --convert IN OUT` does.  It writes @output only when
 * @input has no problem at all, and atomically: never a partial file.
 *
 * Returns: the exit status: 0 on success, 1 when @input has problems or
 *   @output cannot be written, 2 when the command is wrong (a format
 *   that is unknown, or that cannot be read)
 */
int
atlas_convert_files (const char          *input,
                     const char          *output,
                     const char          *to,
                     AtlasLabelPointFunc  point_func,
                     gpointer             point_data,
                     GString             *out,
                     GString             *err)
{
  g_autoptr(GFile) input_file = NULL;
  g_autoptr(GFile) output_file = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GBytes) converted = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;
  AtlasFileFormat input_format, output_format;
  guint n_skipped = 0;

  g_return_val_if_fail (input != NULL, 2);
  g_return_val_if_fail (output != NULL, 2);
  g_return_val_if_fail (out != NULL && err != NULL, 2);

  if (to != NULL)
    {
      output_format = atlas_file_format_from_name (to);
      if (output_format == ATLAS_FILE_FORMAT_UNKNOWN)
        {
          g_string_append_printf (err, _("space-atlas --convert: unknown format “%s”; use json, "
                                         "csv, timelinejs or geojson\n"), to);
          return 2;
        }
    }
  else
    {
      output_format = atlas_file_format_for_output (output);
      if (output_format == ATLAS_FILE_FORMAT_UNKNOWN)
        {
          g_string_append_printf (err, _("space-atlas --convert: cannot tell which format to write "
                                         "from the name “%s”; end it in .json, .csv or .geojson, "
                                         "or name the format with --to\n"), output);
          return 2;
        }
    }

  input_file = g_file_new_for_commandline_arg (input);
  /* Not g_file_load_bytes (): a FIFO would hang it, /dev/zero fill memory */
  contents = atlas_read_file (input_file, ATLAS_READ_FILE_NONE, NULL, NULL, NULL, &error);
  if (contents == NULL)
    {
      g_string_append_printf (out, "%s: %s\n", input, error->message);
      return 1;
    }

  input_format = atlas_file_format_for_input (input, contents);
  if (input_format == ATLAS_FILE_FORMAT_UNKNOWN)
    {
      g_string_append_printf (err, _("space-atlas --convert: cannot tell the format of “%s”; "
                                     "Space Atlas reads its data files and TimelineJS files "
                                     "(.json) and CSV (.csv)\n"), input);
      return 2;
    }
  if (input_format == ATLAS_FILE_FORMAT_GEOJSON)
    {
      g_string_append_printf (err, _("space-atlas --convert: “%s” is GeoJSON, which Space Atlas "
                                     "writes but does not read\n"), input);
      return 2;
    }

  records = atlas_convert_read (contents, input_format, &extra, &problems);
  if (records == NULL)
    {
      g_autofree char *text = atlas_problems_to_string (problems, input);

      g_string_append (out, text);
      return 1;
    }

  converted = atlas_convert_write (records, extra, output_format, point_func, point_data,
                                   &n_skipped);

  output_file = g_file_new_for_commandline_arg (output);
  if (!atlas_save_bytes (output_file, converted, ATLAS_SAVE_FLAGS_NONE, &error))
    {
      g_string_append_printf (err, "space-atlas --convert: %s\n", error->message);
      return 1;
    }

  if (n_skipped > 0)
    g_string_append_printf (err, ngettext ("space-atlas --convert: %u partner country has no "
                                           "place on the map; its feature is left out\n",
                                           "space-atlas --convert: %u partner countries have no "
                                           "place on the map; their features are left out\n",
                                           n_skipped), n_skipped);

  return 0;
}
