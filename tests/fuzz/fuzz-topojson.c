/* fuzz-topojson.c — libFuzzer target: the TopoJSON decoder behind the
 * world map
 *
 * Any JSON: a geometry or an error, never a crash, a hang or a leak;
 * what decodes has shapes whose rings and lines stay within its points,
 * and answers lookups and hit tests.  Bytes that are not JSON are left
 * out: JsonParser 1.6 leaks what it built when it meets a syntax error
 * (the decoder only ever reads the bundled Natural Earth files), and
 * those leaks are json-glib's, not the decoder's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "atlas-json-syntax.h"
#include "atlas-world-geometry.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasWorldGeometry) geometry = NULL;
  guint n_points = 0, n_lines = 0;
  const AtlasWorldPoint *points;

  if (!g_utf8_validate_len ((const char *) data, size, NULL) ||
      !atlas_json_check_syntax ((const char *) data, size, ATLAS_JSON_MAX_DEPTH, NULL, NULL))
    return 0;

  geometry = atlas_world_geometry_new_from_bytes (bytes, &error);

  if (geometry == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  g_assert (error == NULL);
  points = atlas_world_geometry_get_points (geometry, &n_points);
  g_assert (n_points == 0 || points != NULL);

  {
    guint n_rings = 0;
    const AtlasWorldRing *rings = atlas_world_geometry_get_rings (geometry, &n_rings);
    const AtlasWorldLine *lines = atlas_world_geometry_get_lines (geometry, &n_lines);

    for (guint r = 0; r < n_rings; r++)
      g_assert ((guint64) rings[r].first + rings[r].n_points <= n_points);
    for (guint l = 0; l < n_lines; l++)
      g_assert ((guint64) lines[l].first + lines[l].n_points <= n_points);

    for (guint i = 0; i < atlas_world_geometry_get_n_shapes (geometry); i++)
      {
        const AtlasWorldShape *shape = atlas_world_geometry_get_shape (geometry, i);

        g_assert ((guint64) shape->first_ring + shape->n_rings <= n_rings);
        if (shape->code != NULL)
          g_assert (atlas_world_geometry_lookup (geometry, shape->code) != NULL);
      }
  }

  for (double lat = -80; lat < 90; lat += 40)
    for (double lon = -170; lon < 180; lon += 60)
      atlas_world_geometry_hit_test (geometry, lat, lon);

  return 0;
}
