/* fuzz-date.c — libFuzzer target: the date parser
 *
 * What parses prints back as the same text, and compares consistently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "atlas-date.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  AtlasDate date;

  if (atlas_date_parse (text, &date, &error))
    {
      g_autofree char *back = atlas_date_to_string (&date);
      g_autofree char *shown = atlas_date_format (&date);

      g_assert (strcmp (back, text) == 0);
      g_assert (shown != NULL && *shown != '\0');
      g_assert (atlas_date_get_first_day (&date) <= atlas_date_get_last_day (&date));
      g_assert (atlas_date_compare (&date, &date) == 0);
      g_assert (!atlas_date_is_before (&date, &date));
    }
  else
    {
      g_assert (error != NULL && error->message != NULL);
      g_assert (!atlas_date_is_set (&date));
    }

  return 0;
}
