/* fuzz-timelinejs.c — libFuzzer target: the TimelineJS importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "atlas-timelinejs.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char * const countries[] = { "CN", NULL };
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  if (!atlas_timelinejs_is_timeline (bytes))
    return 0;

  atlas_timelinejs_import (bytes, countries, taken, &records, &extra, &problems);

  if (records != NULL && records->len > 0)
    {
      g_autoptr(GBytes) out = atlas_timelinejs_export (records, extra, "fuzz");
      g_assert (out != NULL);
    }

  return 0;
}
