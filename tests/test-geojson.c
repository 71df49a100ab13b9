/* test-geojson.c — records as GeoJSON points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-format.h"
#include "atlas-geojson.h"

typedef struct
{
  guint calls;
} FakeMap;

/* Label points for a few countries; none for the rest */
static gboolean
fake_label_point (const char *code,
                  double     *longitude,
                  double     *latitude,
                  gpointer    data)
{
  static const struct
  {
    const char *code;
    double      longitude;
    double      latitude;
  } points[] = {
    { "CN", 104.1954123456, 35.8616649 },
    { "BR", -51.925280, -14.235004 },
    { "IR", 53.688046, 32.427908 },
    { "MN", 500.0, 0.0 },   /* out of range: left out */
  };
  FakeMap *map = data;

  map->calls++;
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    if (strcmp (points[i].code, code) == 0)
      {
        *longitude = points[i].longitude;
        *latitude = points[i].latitude;
        return TRUE;
      }

  return FALSE;
}

static GPtrArray *
read_fixture_records (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  GPtrArray *records = atlas_format_read_file (file, NULL, NULL, &problems);

  g_assert_nonnull (records);
  return records;
}

static JsonNode *
parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static void
test_features (void)
{
  g_autoptr(GPtrArray) records = read_fixture_records ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) names = NULL;
  FakeMap map = { 0 };
  guint skipped = 0;
  JsonObject *collection, *feature, *geometry, *properties;
  JsonArray *features, *coordinates;
  static const char * const property_names[] = {
    "id", "title", "kind", "start", "end", "status", "country", "country_name",
    "organizations", "summary", "sources", "tags",
  };
  guint i = 0;

  bytes = atlas_geojson_export (records, fake_label_point, &map, &skipped);
  root = parse (bytes);

  /* 14 record-country pairs: SU, DD, CN×3, BR×2, BD, IR, MN, PK, PE, TH, TR;
   * 8 without a point (MN is out of range) */
  g_assert_cmpuint (map.calls, ==, 14);
  g_assert_cmpuint (skipped, ==, 8);

  collection = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "FeatureCollection");
  features = json_object_get_array_member (collection, "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 6);

  /* Sorted as in a data file, then in the record's order of countries */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (features, 0), "id"),
                   ==, "cbers/CN");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (features, 1), "id"),
                   ==, "cbers/BR");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (features, 2), "id"),
                   ==, "cbers-2/CN");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (features, 5), "id"),
                   ==, "apsco/IR");

  /* Longitude first, five decimals */
  feature = json_array_get_object_element (features, 0);
  g_assert_cmpstr (json_object_get_string_member (feature, "type"), ==, "Feature");
  geometry = json_object_get_object_member (feature, "geometry");
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "Point");
  coordinates = json_object_get_array_member (geometry, "coordinates");
  g_assert_cmpuint (json_array_get_length (coordinates), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coordinates, 0), 104.19541, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coordinates, 1), 35.86166, 1e-9);

  /* The properties, in a fixed order */
  properties = json_object_get_object_member (feature, "properties");
  names = json_object_get_members (properties);
  for (const GList *l = names; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, property_names[i]);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (property_names));

  g_assert_cmpstr (json_object_get_string_member (properties, "id"), ==, "cbers");
  g_assert_cmpstr (json_object_get_string_member (properties, "kind"), ==, "joint-mission");
  g_assert_cmpstr (json_object_get_string_member (properties, "start"), ==, "1988-07");
  g_assert_true (json_object_get_null_member (properties, "end"));
  g_assert_cmpstr (json_object_get_string_member (properties, "country"), ==, "CN");
  g_assert_cmpstr (json_object_get_string_member (properties, "country_name"), ==, "China");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (properties, "organizations")),
                    ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (properties, "sources"), 0),
                   ==, "002_980ba927a7cd4ee4.txt");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (properties, "tags"), 0),
                   ==, "earth-observation");

  /* The other partner's feature has the same record */
  properties = json_object_get_object_member (json_array_get_object_element (features, 1),
                                              "properties");
  g_assert_cmpstr (json_object_get_string_member (properties, "country"), ==, "BR");
  g_assert_cmpstr (json_object_get_string_member (properties, "country_name"), ==, "Brazil");
  g_assert_cmpstr (json_object_get_string_member (properties, "title"), ==,
                   "China–Brazil Earth Resources Satellite programme");

  /* The layout of the data file */
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL),
                                   "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n"
                                   "    {\n      \"type\": \"Feature\",\n      \"id\": \"cbers/CN\",\n"
                                   "      \"geometry\": {\n        \"type\": \"Point\",\n"
                                   "        \"coordinates\": [\n          104.19541,\n"
                                   "          35.86166\n        ]\n      },\n"));
}

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) records = read_fixture_records ();
  g_autoptr(GPtrArray) reversed = g_ptr_array_new ();
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  FakeMap map = { 0 };

  for (guint i = records->len; i > 0; i--)
    g_ptr_array_add (reversed, records->pdata[i - 1]);

  a = atlas_geojson_export (records, fake_label_point, &map, NULL);
  b = atlas_geojson_export (reversed, fake_label_point, &map, NULL);
  g_assert_true (g_bytes_equal (a, b));
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  FakeMap map = { 0 };
  guint skipped = 1;
  g_autoptr(GBytes) bytes = atlas_geojson_export (records, fake_label_point, &map, &skipped);
  g_autoptr(JsonNode) root = parse (bytes);

  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "features")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geojson/features", test_features);
  g_test_add_func ("/geojson/deterministic", test_deterministic);
  g_test_add_func ("/geojson/empty", test_empty);

  return g_test_run ();
}
