/* fuzz-format.c — libFuzzer target: the data file reader
 *
 * Any bytes: the reader must return records or problems, never crash,
 * hang or leak; and what it accepts must write back and read again to
 * the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "atlas-format.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) extra = NULL;

  records = atlas_format_read (bytes, &extra, &problems);
  g_assert (problems != NULL);
  g_assert ((records == NULL) == (problems->len > 0));

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = atlas_problem_to_string (problems->pdata[i], "fuzz.json");
      g_assert (line != NULL);
    }

  if (records != NULL)
    {
      g_autoptr(GBytes) written = atlas_format_write (records, extra);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GPtrArray) again_problems = NULL;
      g_autoptr(JsonObject) again_extra = NULL;
      g_autoptr(GBytes) rewritten = NULL;

      /* Written output is always readable, and stable */
      again = atlas_format_read (written, &again_extra, &again_problems);
      g_assert (again != NULL);
      rewritten = atlas_format_write (again, again_extra);
      g_assert (g_bytes_equal (written, rewritten));
    }

  return 0;
}
