/* atlas-geojson.c — records as GeoJSON points, for GIS tools
 *
 * A FeatureCollection (RFC 7946) with one Point feature for each record
 * and each of its partner countries, at the country's label point:
 * a record of China and Brazil is two features, one in each country,
 * with the same properties but "country" and "country_name".  GIS tools
 * can count, filter and join them like any point layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-geojson"

#include "config.h"

#include <math.h>

#include "atlas-countries.h"
#include "atlas-format.h"
#include "atlas-geojson.h"

/* Five decimals: about a metre, more than a label point means */
#define COORDINATE_SCALE 1e5

static JsonArray *
strv_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

static void
set_date_member (JsonObject      *object,
                 const char      *member,
                 const AtlasDate *date)
{
  g_autofree char *text = NULL;

  if (!atlas_date_is_set (date))
    {
      json_object_set_null_member (object, member);
      return;
    }

  text = atlas_date_to_string (date);
  json_object_set_string_member (object, member, text);
}

static JsonObject *
feature_properties (AtlasPartnership *record,
                    const char       *country)
{
  JsonObject *properties = json_object_new ();
  GPtrArray *sources = atlas_partnership_get_sources (record);
  const char *name = atlas_countries_get_name (country);
  JsonArray *source_array = json_array_new ();

  json_object_set_string_member (properties, "id", atlas_partnership_get_id (record));
  json_object_set_string_member (properties, "title", atlas_partnership_get_title (record));
  json_object_set_string_member (properties, "kind",
                                 atlas_kind_to_string (atlas_partnership_get_kind (record)));
  set_date_member (properties, "start", atlas_partnership_get_start (record));
  set_date_member (properties, "end", atlas_partnership_get_end (record));
  json_object_set_string_member (properties, "status",
                                 atlas_status_to_string (atlas_partnership_get_status (record)));
  json_object_set_string_member (properties, "country", country);
  json_object_set_string_member (properties, "country_name", name ? name : country);
  json_object_set_array_member (properties, "organizations",
                                strv_array (atlas_partnership_get_organizations (record)));
  json_object_set_string_member (properties, "summary", atlas_partnership_get_summary (record));

  /* Where to read more: a URL, or else the seed document's name */
  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);

      if (source->url != NULL)
        json_array_add_string_element (source_array, source->url);
      else if (source->document != NULL)
        json_array_add_string_element (source_array, source->document);
    }
  json_object_set_array_member (properties, "sources", source_array);

  json_object_set_array_member (properties, "tags",
                                strv_array (atlas_partnership_get_tags (record)));
  return properties;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return atlas_partnership_compare (*(AtlasPartnership **) a, *(AtlasPartnership **) b);
}

/**
 * atlas_geojson_export:
 * @records: (element-type AtlasPartnership): the records, in any order
 * @point_func: (scope call): where each country's label point is
 * @data: data for @point_func
 * @n_skipped: (out) (optional): how many features were left out because
 *   @point_func had no point for their country
 *
 * Writes @records as a GeoJSON FeatureCollection with one Point feature
 * for each record and partner country, sorted as records are in a data
 * file, then in the record's order of countries.  Each feature's id is
 * "RECORD/COUNTRY"; its properties are the record's id, title, kind,
 * start, end (or null), status, country (the code), country_name (in
 * the current language), organizations, summary, sources (each one's
 * URL, or else its document) and tags.  Coordinates are longitude then
 * latitude (RFC 7946), with five decimals.
 *
 * Returns: (transfer full): the file, in the data file's JSON layout
 */
GBytes *
atlas_geojson_export (GPtrArray           *records,
                      AtlasLabelPointFunc  point_func,
                      gpointer             data,
                      guint               *n_skipped)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *collection = json_object_new ();
  JsonArray *features = json_array_new ();
  guint skipped = 0;
  GString *out;

  g_return_val_if_fail (records != NULL, NULL);
  g_return_val_if_fail (point_func != NULL, NULL);

  sorted = g_ptr_array_sized_new (records->len);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (records, i));
  g_ptr_array_sort (sorted, compare_records);

  for (guint i = 0; i < sorted->len; i++)
    {
      AtlasPartnership *record = g_ptr_array_index (sorted, i);
      const char * const *countries = atlas_partnership_get_countries (record);

      for (guint c = 0; countries != NULL && countries[c] != NULL; c++)
        {
          JsonObject *feature, *geometry;
          JsonArray *coordinates;
          g_autofree char *id = NULL;
          double longitude = NAN, latitude = NAN;

          if (!point_func (countries[c], &longitude, &latitude, data) ||
              !isfinite (longitude) || !isfinite (latitude) ||
              fabs (latitude) > 90 || fabs (longitude) > 180)
            {
              skipped++;
              continue;
            }

          coordinates = json_array_sized_new (2);
          json_array_add_double_element (coordinates,
                                         round (longitude * COORDINATE_SCALE) / COORDINATE_SCALE);
          json_array_add_double_element (coordinates,
                                         round (latitude * COORDINATE_SCALE) / COORDINATE_SCALE);

          geometry = json_object_new ();
          json_object_set_string_member (geometry, "type", "Point");
          json_object_set_array_member (geometry, "coordinates", coordinates);

          id = g_strdup_printf ("%s/%s", atlas_partnership_get_id (record), countries[c]);
          feature = json_object_new ();
          json_object_set_string_member (feature, "type", "Feature");
          json_object_set_string_member (feature, "id", id);
          json_object_set_object_member (feature, "geometry", geometry);
          json_object_set_object_member (feature, "properties",
                                         feature_properties (record, countries[c]));
          json_array_add_object_element (features, feature);
        }
    }

  json_object_set_string_member (collection, "type", "FeatureCollection");
  json_object_set_array_member (collection, "features", features);
  root = json_node_init_object (json_node_alloc (), collection);
  json_object_unref (collection);

  if (n_skipped != NULL)
    *n_skipped = skipped;

  out = g_string_sized_new (1024 + 1024 * sorted->len);
  atlas_format_append_json (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}
