/* fuzz-csv.c — libFuzzer target: the CSV importer, with the mapping it
 * guesses from the file's own header row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "atlas-csv.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) header_problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) headers = NULL;
  g_autofree AtlasCsvField *mapping = NULL;

  headers = atlas_csv_read_headers (bytes, &header_problems);
  if (headers == NULL)
    return 0;

  mapping = atlas_csv_guess_mapping ((const char * const *) headers);
  atlas_csv_import (bytes, mapping, g_strv_length (headers), taken, &records, &problems);

  /* What was imported exports */
  if (records != NULL && records->len > 0)
    {
      g_autoptr(GBytes) out = atlas_csv_export (records);
      g_assert (out != NULL);
    }

  return 0;
}
