/* test-topojson.c — decoding TopoJSON into country polygons, ISO ids and
 * hit tests: a small hand-made topology with known coordinates, then
 * the bundled Natural Earth data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <gio/gio.h>

#include "atlas-countries.h"
#include "atlas-world-geometry.h"

static AtlasWorldGeometry *
load_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "topojson", "tiny.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  AtlasWorldGeometry *geometry;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new (contents, length);
  geometry = atlas_world_geometry_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (geometry);
  return geometry;
}

static AtlasWorldGeometry *
parse (const char  *json,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return atlas_world_geometry_new_from_bytes (bytes, error);
}

static const AtlasWorldShape *
find_by_name (AtlasWorldGeometry *geometry,
              const char         *name)
{
  for (guint i = 0; i < atlas_world_geometry_get_n_shapes (geometry); i++)
    {
      const AtlasWorldShape *shape = atlas_world_geometry_get_shape (geometry, i);

      if (g_strcmp0 (shape->name, name) == 0)
        return shape;
    }
  return NULL;
}

static const char *
hit (AtlasWorldGeometry *geometry,
     double              lat,
     double              lon)
{
  const AtlasWorldShape *shape = atlas_world_geometry_hit_test (geometry, lat, lon);

  if (shape == NULL)
    return "sea";
  return shape->code ? shape->code : shape->name;
}

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9)

/* The fixture */

static void
test_decode_coordinates (void)
{
  g_autoptr(AtlasWorldGeometry) geometry = load_fixture ();
  const AtlasWorldShape *brazil = atlas_world_geometry_lookup (geometry, "BR");
  const AtlasWorldRing *rings = atlas_world_geometry_get_rings (geometry, NULL);
  const AtlasWorldPoint *degrees = atlas_world_geometry_get_degrees (geometry, NULL);
  const AtlasWorldPoint *points = atlas_world_geometry_get_points (geometry, NULL);
  /* Arc 0, then arc 1 reversed: quantized positions, delta-encoded,
   * scaled by (0.5, 0.25) and moved by (−180, −90) */
  static const AtlasWorldPoint expected[] = {
    { -48, -14 }, { -50, -14 }, { -50, -15 }, { -48, -15 }, { -48, -14 },
  };
  const AtlasWorldRing *ring;

  /* Ten geometries: a point is skipped, the two with id 036 become one */
  g_assert_cmpuint (atlas_world_geometry_get_n_shapes (geometry), ==, 9);

  g_assert_nonnull (brazil);
  g_assert_cmpstr (brazil->numeric, ==, "076");
  g_assert_cmpstr (brazil->name, ==, "Brazil");
  g_assert_cmpuint (brazil->n_rings, ==, 1);

  ring = &rings[brazil->first_ring];
  g_assert_cmpuint (ring->n_points, ==, G_N_ELEMENTS (expected));
  g_assert_false (ring->hole);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      assert_near (degrees[ring->first + i].x, expected[i].x);
      assert_near (degrees[ring->first + i].y, expected[i].y);
      assert_near (points[ring->first + i].x, atlas_world_project_x (expected[i].x));
      assert_near (points[ring->first + i].y, atlas_world_project_y (expected[i].y));
    }

  assert_near (brazil->geo_bounds.min_x, -50);
  assert_near (brazil->geo_bounds.max_x, -48);
  assert_near (brazil->geo_bounds.min_y, -15);
  assert_near (brazil->geo_bounds.max_y, -14);
  assert_near (brazil->bounds.min_x, atlas_world_project_x (-50));
  assert_near (brazil->bounds.min_y, atlas_world_project_y (-14));

  /* The label point is inside */
  g_assert_cmpstr (hit (geometry, brazil->label_lat, brazil->label_lon), ==, "BR");
}

static void
test_decode_ids (void)
{
  g_autoptr(AtlasWorldGeometry) geometry = load_fixture ();
  const AtlasWorldShape *nowhere = find_by_name (geometry, "Nowhere");
  const AtlasWorldShape *atlantis = find_by_name (geometry, "Atlantis");
  const AtlasWorldShape *australia = atlas_world_geometry_lookup (geometry, "AU");

  /* Numeric ids become alpha-2 codes through iso-codes */
  g_assert_cmpstr (atlas_world_geometry_lookup (geometry, "FR")->numeric, ==, "250");
  g_assert_cmpstr (atlas_world_geometry_lookup (geometry, "LS")->name, ==, "Lesotho");
  g_assert_cmpstr (atlas_world_geometry_lookup (geometry, "FJ")->numeric, ==, "242");
  g_assert_null (atlas_world_geometry_lookup (geometry, "XX"));
  g_assert_null (atlas_world_geometry_lookup (geometry, NULL));

  /* No id, or an id that is no country: kept as land without a code */
  g_assert_nonnull (nowhere);
  g_assert_null (nowhere->code);
  g_assert_null (nowhere->numeric);
  g_assert_cmpstr (hit (geometry, 42.5, 20.5), ==, "Nowhere");
  g_assert_nonnull (atlantis);
  g_assert_null (atlantis->code);
  g_assert_cmpstr (atlantis->numeric, ==, "999");

  /* Two geometries with one id are one country with both parts */
  g_assert_nonnull (australia);
  g_assert_cmpuint (australia->n_rings, ==, 2);
  g_assert_cmpstr (hit (geometry, -22, 132), ==, "AU");
  g_assert_cmpstr (hit (geometry, -12.1, 123.2), ==, "AU");
  /* … labelled on the larger part */
  g_assert_cmpfloat (australia->label_lon, >, 130);
  g_assert_cmpfloat (australia->label_lon, <, 135);
}

static void
test_decode_holes (void)
{
  g_autoptr(AtlasWorldGeometry) geometry = load_fixture ();
  const AtlasWorldShape *south_africa = atlas_world_geometry_lookup (geometry, "ZA");
  const AtlasWorldRing *rings = atlas_world_geometry_get_rings (geometry, NULL);

  g_assert_cmpuint (south_africa->n_rings, ==, 2);
  g_assert_false (rings[south_africa->first_ring].hole);
  g_assert_true (rings[south_africa->first_ring + 1].hole);

  /* Even-odd: the hole is Lesotho, not South Africa */
  g_assert_cmpstr (hit (geometry, 20.2, 0.2), ==, "ZA");
  g_assert_cmpstr (hit (geometry, 21, 2), ==, "LS");
  g_assert_cmpstr (hit (geometry, 21.8, 3.8), ==, "ZA");

  /* The label avoids the hole */
  g_assert_cmpstr (hit (geometry, south_africa->label_lat, south_africa->label_lon), ==, "ZA");
}

static const AtlasWorldLine *
find_line (AtlasWorldGeometry *geometry,
           guint               n_points,
           double              lon0,
           double              lat0,
           double              lon1,
           double              lat1)
{
  guint n_lines;
  const AtlasWorldLine *lines = atlas_world_geometry_get_lines (geometry, &n_lines);
  const AtlasWorldPoint *degrees = atlas_world_geometry_get_degrees (geometry, NULL);

  for (guint i = 0; i < n_lines; i++)
    {
      const AtlasWorldPoint *first = &degrees[lines[i].first];
      const AtlasWorldPoint *last = &degrees[lines[i].first + lines[i].n_points - 1];

      if (lines[i].n_points == n_points &&
          first->x == lon0 && first->y == lat0 && last->x == lon1 && last->y == lat1)
        return &lines[i];
    }
  return NULL;
}

static void
test_decode_lines (void)
{
  g_autoptr(AtlasWorldGeometry) geometry = load_fixture ();
  guint n_lines, n_borders = 0;
  const AtlasWorldLine *lines = atlas_world_geometry_get_lines (geometry, &n_lines);
  const AtlasWorldLine *line;

  /* Each arc is one line, drawn once even where two countries share it */
  g_assert_cmpuint (n_lines, ==, 11);
  for (guint i = 0; i < n_lines; i++)
    if (lines[i].kind == ATLAS_WORLD_LINE_BORDER)
      n_borders++;
  g_assert_cmpuint (n_borders, ==, 2);

  /* Brazil and France share a border; Brazil's other sides are coast */
  line = find_line (geometry, 2, -48, -14, -48, -15);
  g_assert_nonnull (line);
  g_assert_cmpint (line->kind, ==, ATLAS_WORLD_LINE_BORDER);
  line = find_line (geometry, 4, -48, -14, -48, -15);
  g_assert_nonnull (line);
  g_assert_cmpint (line->kind, ==, ATLAS_WORLD_LINE_COAST);
  line = find_line (geometry, 4, -48, -15, -48, -14);
  g_assert_nonnull (line);
  g_assert_cmpint (line->kind, ==, ATLAS_WORLD_LINE_COAST);

  /* Lesotho's outline is a border with South Africa, its only neighbour */
  line = find_line (geometry, 5, 1, 20.5, 1, 20.5);
  g_assert_nonnull (line);
  g_assert_cmpint (line->kind, ==, ATLAS_WORLD_LINE_BORDER);
}

static void
test_decode_antimeridian (void)
{
  g_autoptr(AtlasWorldGeometry) geometry = load_fixture ();
  const AtlasWorldShape *fiji = atlas_world_geometry_lookup (geometry, "FJ");
  const AtlasWorldRing *ring = &atlas_world_geometry_get_rings (geometry, NULL)[fiji->first_ring];
  const AtlasWorldPoint *degrees = atlas_world_geometry_get_degrees (geometry, NULL);

  /* The ring jumps from 179° to −179°: unwrapped, it goes on to 181° */
  assert_near (fiji->geo_bounds.min_x, 179);
  assert_near (fiji->geo_bounds.max_x, 181);
  for (guint i = 1; i < ring->n_points; i++)
    g_assert_cmpfloat (fabs (degrees[ring->first + i].x - degrees[ring->first + i - 1].x), <=, 2.);

  /* Found from either side of the antimeridian, and nowhere else */
  g_assert_cmpstr (hit (geometry, -16.5, 179.5), ==, "FJ");
  g_assert_cmpstr (hit (geometry, -16.5, 180), ==, "FJ");
  g_assert_cmpstr (hit (geometry, -16.5, -180), ==, "FJ");
  g_assert_cmpstr (hit (geometry, -16.5, -179.5), ==, "FJ");
  g_assert_cmpstr (hit (geometry, -16.5, 180.5), ==, "FJ");
  g_assert_cmpstr (hit (geometry, -16.5, 178.5), ==, "sea");
  g_assert_cmpstr (hit (geometry, -16.5, -178.5), ==, "sea");
  g_assert_cmpstr (hit (geometry, -16.5, 0), ==, "sea");
}

static void
test_decode_polar (void)
{
  g_autoptr(AtlasWorldGeometry) geometry = load_fixture ();
  const AtlasWorldShape *antarctica = atlas_world_geometry_lookup (geometry, "AQ");
  const AtlasWorldRing *ring = &atlas_world_geometry_get_rings (geometry, NULL)[antarctica->first_ring];
  const AtlasWorldPoint *points = atlas_world_geometry_get_points (geometry, NULL);

  /* A ring around the pole keeps its longitudes and is closed along the
   * pole: no stripe across the world */
  assert_near (antarctica->geo_bounds.min_x, -180);
  assert_near (antarctica->geo_bounds.max_x, 180);
  assert_near (antarctica->geo_bounds.min_y, -90);
  assert_near (antarctica->bounds.max_y, 1.);
  g_assert_cmpuint (ring->n_points, ==, 8);
  for (guint i = 0; i < ring->n_points; i++)
    g_assert_cmpfloat (points[ring->first + i].y, >, atlas_world_project_y (-70));

  g_assert_cmpstr (hit (geometry, -85, 45), ==, "AQ");
  g_assert_cmpstr (hit (geometry, -84, -179.9), ==, "AQ");
  g_assert_cmpstr (hit (geometry, -89.9, -100), ==, "AQ");
  g_assert_cmpstr (hit (geometry, -70, 0), ==, "sea");
  g_assert_cmpstr (hit (geometry, 0, 0), ==, "sea");
}

static void
test_projection (void)
{
  assert_near (atlas_world_project_x (-180), 0);
  assert_near (atlas_world_project_x (0), .5);
  assert_near (atlas_world_project_x (180), 1);
  assert_near (atlas_world_project_y (0), .5);
  g_assert_cmpfloat_with_epsilon (atlas_world_project_y (ATLAS_WORLD_MAX_LATITUDE), 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (atlas_world_project_y (-90), 1, 1e-6);

  for (double lat = -85; lat <= 85; lat += 5)
    g_assert_cmpfloat_with_epsilon (atlas_world_unproject_y (atlas_world_project_y (lat)), lat, 1e-9);
  for (double lon = -180; lon <= 180; lon += 15)
    assert_near (atlas_world_unproject_x (atlas_world_project_x (lon)), lon);
}

static void
test_invalid (void)
{
  static const char * const bad[] = {
    "",
    "not json",
    "[]",
    "{}",
    "{\"type\": \"FeatureCollection\", \"features\": []}",
    "{\"type\": \"Topology\", \"arcs\": []}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": []}}}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": [{\"type\": \"Polygon\", \"arcs\": [[0]]}]}}, \"arcs\": []}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": [{\"type\": \"Polygon\", \"arcs\": [[-2]]}]}}, \"arcs\": [[[0, 0], [1, 1]]]}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": [{\"type\": \"Polygon\", \"arcs\": [[\"0\"]]}]}}, \"arcs\": [[[0, 0], [1, 1]]]}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": [{\"type\": \"Polygon\", \"arcs\": 5}]}}, \"arcs\": [[[0, 0], [1, 1]]]}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": []}}, \"arcs\": [[[0, \"x\"], [1, 1]]]}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": []}}, \"arcs\": [[[0, 0]]]}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": []}}, \"arcs\": [5]}",
    "{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": []}}, \"arcs\": [[[0, 100], [1, 1]]]}",
    "{\"type\": \"Topology\", \"transform\": {\"scale\": [1]}, \"objects\": {\"countries\": {\"geometries\": []}}, \"arcs\": []}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasWorldGeometry) geometry = parse (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (geometry);
      g_assert_nonnull (error);
    }

  /* A ring too short to enclose anything is dropped, not fatal */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AtlasWorldGeometry) geometry =
      parse ("{\"type\": \"Topology\", \"objects\": {\"countries\": {\"geometries\": "
             "[{\"type\": \"Polygon\", \"arcs\": [[0]], \"id\": \"076\"}]}}, \"arcs\": [[[0, 0], [1, 1]]]}",
             &error);

    g_assert_no_error (error);
    g_assert_cmpuint (atlas_world_geometry_get_n_shapes (geometry), ==, 0);
    g_assert_null (atlas_world_geometry_hit_test (geometry, 0.5, 0.5));
  }
}

/* The bundled Natural Earth data */

static void
test_natural_earth_ids (gconstpointer data)
{
  AtlasWorldDetail detail = GPOINTER_TO_INT (data);
  AtlasWorldGeometry *geometry = atlas_world_geometry_get_default (detail);
  guint n_shapes = atlas_world_geometry_get_n_shapes (geometry);
  guint n_without_code = 0;

  g_assert_cmpstr (atlas_world_geometry_lookup (geometry, "BR")->numeric, ==, "076");
  g_assert_cmpstr (atlas_world_geometry_lookup (geometry, "MM")->numeric, ==, "104");
  g_assert_cmpstr (atlas_world_geometry_lookup (geometry, "FR")->numeric, ==, "250");
  g_assert_cmpstr (atlas_world_geometry_lookup (geometry, "CN")->name, ==, "China");

  /* 110m: 177 features; 50m: 241, Australia's two parts are one */
  g_assert_cmpuint (n_shapes, ==, detail == ATLAS_WORLD_DETAIL_COARSE ? 177 : 240);

  for (guint i = 0; i < n_shapes; i++)
    {
      const AtlasWorldShape *shape = atlas_world_geometry_get_shape (geometry, i);

      if (shape->code == NULL)
        {
          /* Kosovo, Somaliland, N. Cyprus (and two more at 50m) */
          g_test_message ("no ISO code: %s", shape->name);
          n_without_code++;
          continue;
        }

      g_assert_true (atlas_countries_is_known (shape->code));
      g_assert_false (atlas_countries_is_historical (shape->code));
      g_assert_true (atlas_world_geometry_lookup (geometry, shape->code) == shape);

      /* Every label point is inside its country */
      if (g_strcmp0 (hit (geometry, shape->label_lat, shape->label_lon), shape->code) != 0)
        g_error ("the label point of %s (%f, %f) is in %s", shape->code,
                 shape->label_lat, shape->label_lon, hit (geometry, shape->label_lat, shape->label_lon));
    }

  g_assert_cmpuint (n_without_code, ==, detail == ATLAS_WORLD_DETAIL_COARSE ? 3 : 5);
  g_assert_nonnull (find_by_name (geometry, "Kosovo"));
  g_assert_null (find_by_name (geometry, "Kosovo")->code);
}

static void
test_natural_earth_hit_test (gconstpointer data)
{
  AtlasWorldGeometry *geometry = atlas_world_geometry_get_default (GPOINTER_TO_INT (data));

  g_assert_cmpstr (hit (geometry, -15.7939, -47.8828), ==, "BR");   /* Brasília */
  g_assert_cmpstr (hit (geometry, 30, -40), ==, "sea");             /* the Atlantic */
  g_assert_cmpstr (hit (geometry, 48.8566, 2.3522), ==, "FR");      /* Paris */
  g_assert_cmpstr (hit (geometry, 39.9042, 116.4074), ==, "CN");    /* Beijing */
  g_assert_cmpstr (hit (geometry, 55.7558, 37.6173), ==, "RU");     /* Moscow */
  g_assert_cmpstr (hit (geometry, 66, -174), ==, "RU");             /* Chukotka, west of 180° */
  g_assert_cmpstr (hit (geometry, -29.31, 27.48), ==, "LS");        /* Maseru, in a hole */
  g_assert_cmpstr (hit (geometry, -26.2, 28.05), ==, "ZA");         /* Johannesburg */
  g_assert_cmpstr (hit (geometry, -80, 0), ==, "AQ");
  g_assert_cmpstr (hit (geometry, 0, -140), ==, "sea");             /* the Pacific */
  g_assert_cmpstr (hit (geometry, 0, 360 - 140), ==, "sea");
  g_assert_cmpstr (hit (geometry, -15.7939, -47.8828 + 360), ==, "BR");
  g_assert_cmpstr (hit (geometry, NAN, 0), ==, "sea");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/topojson/decode/coordinates", test_decode_coordinates);
  g_test_add_func ("/topojson/decode/ids", test_decode_ids);
  g_test_add_func ("/topojson/decode/holes", test_decode_holes);
  g_test_add_func ("/topojson/decode/lines", test_decode_lines);
  g_test_add_func ("/topojson/decode/antimeridian", test_decode_antimeridian);
  g_test_add_func ("/topojson/decode/polar", test_decode_polar);
  g_test_add_func ("/topojson/projection", test_projection);
  g_test_add_func ("/topojson/invalid", test_invalid);
  g_test_add_data_func ("/topojson/natural-earth/110m/ids", GINT_TO_POINTER (ATLAS_WORLD_DETAIL_COARSE),
                        test_natural_earth_ids);
  g_test_add_data_func ("/topojson/natural-earth/50m/ids", GINT_TO_POINTER (ATLAS_WORLD_DETAIL_FINE),
                        test_natural_earth_ids);
  g_test_add_data_func ("/topojson/natural-earth/110m/hit-test", GINT_TO_POINTER (ATLAS_WORLD_DETAIL_COARSE),
                        test_natural_earth_hit_test);
  g_test_add_data_func ("/topojson/natural-earth/50m/hit-test", GINT_TO_POINTER (ATLAS_WORLD_DETAIL_FINE),
                        test_natural_earth_hit_test);

  return g_test_run ();
}
