/* fuzz-view-string.c — libFuzzer target: the view-string parser
 *
 * What parses writes back to a string that parses to the same view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "atlas-view-state.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasViewState) state = atlas_view_state_parse (text, &error);

  if (state != NULL)
    {
      g_autofree char *back = atlas_view_state_to_string (state);
      g_autoptr(AtlasViewState) again = atlas_view_state_parse (back, NULL);

      g_assert (again != NULL);
      g_assert (atlas_view_state_equal (state, again));
    }
  else
    g_assert (error != NULL);

  return 0;
}
