/* bench-world-map.c — how fast the world map reads, draws and answers
 *
 * Each figure is printed as one line,
 *
 *   bench: NAME VALUE UNIT ratio R
 *
 * where R is VALUE divided by a baseline measured in the same run on the
 * same data (or "-" where there is none), so that runs on different
 * machines can be compared by a script.  Times are medians.  Goals: a
 * tile under 10 ms at zoom ≤ 6, the choropleth for the world view under
 * 8 ms, a hit test under 0.1 ms.  Records are synthetic, from a fixed
 * seed: always the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "atlas-world-map-private.h"

#define N_RECORDS 2000
#define SEED 20240501

typedef void (*Work) (gpointer data);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Median milliseconds of @n_runs, after one run to warm caches */
static double
measure (Work     work,
         gpointer data,
         guint    n_runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  work (data);
  for (guint i = 0; i < n_runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      work (data);
      ms = (g_get_monotonic_time () - start) / 1000.;
      g_array_append_val (samples, ms);
    }

  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static void
report (const char *name,
        double      value,
        const char *unit,
        double      baseline)
{
  if (baseline > 0)
    g_print ("bench: %s %.4f %s ratio %.2f\n", name, value, unit, value / baseline);
  else
    g_print ("bench: %s %.4f %s ratio -\n", name, value, unit);
}

/* Geometry */

static void
decode_work (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasWorldGeometry) geometry = atlas_world_geometry_new_from_bytes (data, &error);

  g_assert_no_error (error);
}

static void
parse_work (gpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (data, NULL), g_bytes_get_size (data), NULL));
}

static void
bench_geometry (const char *name,
                const char *file,
                guint       n_runs)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH "/data/world/", file, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  double decode, parse;

  g_assert_nonnull (bytes);

  /* Baseline: json-glib parsing the same bytes, without decoding */
  parse = measure (parse_work, bytes, n_runs);
  decode = measure (decode_work, bytes, n_runs);
  report (name, decode, "ms", parse);
}

/* Tiles */

typedef struct
{
  cairo_surface_t    *surface;
  AtlasWorldGeometry *geometry;
  guint               zoom;
  guint               x;
  guint               y;
  int                 scale;
} TileWork;

static void
tile_work (gpointer data)
{
  TileWork *work = data;
  cairo_t *cr = cairo_create (work->surface);

  atlas_basemap_render_tile (cr, atlas_basemap_style_get (FALSE), work->geometry, work->zoom, work->x, work->y,
                             work->scale);
  cairo_destroy (cr);
}

/* Baseline: the same tile's polygons, filled in one colour: no sea,
 * graticule, coasts or borders */
static void
tile_fill_work (gpointer data)
{
  TileWork *work = data;
  cairo_t *cr = cairo_create (work->surface);
  double size = ATLAS_BASEMAP_TILE_SIZE * work->scale;
  double n_tiles = exp2 (work->zoom);
  AtlasWorldBounds visible = { work->x / n_tiles, work->y / n_tiles, (work->x + 1) / n_tiles, (work->y + 1) / n_tiles };

  for (guint i = 0; i < atlas_world_geometry_get_n_shapes (work->geometry); i++)
    atlas_basemap_append_shape_path (cr, work->geometry, atlas_world_geometry_get_shape (work->geometry, i),
                                     size * n_tiles, work->x * size, work->y * size, &visible);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgb (cr, .9, .9, .9);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
bench_tile (const char *name,
            guint       zoom,
            guint       x,
            guint       y,
            int         scale)
{
  TileWork work = { NULL, NULL, zoom, x, y, scale };
  double time, baseline;

  work.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256 * scale, 256 * scale);
  work.geometry = atlas_world_geometry_get_default (atlas_basemap_detail_for_zoom (zoom, scale));

  baseline = measure (tile_fill_work, &work, 30);
  time = measure (tile_work, &work, 30);
  report (name, time, "ms", baseline);

  cairo_surface_destroy (work.surface);
}

/* Hit tests */

typedef struct
{
  AtlasWorldGeometry *geometry;
  GArray             *points;
  guint               found;
} HitWork;

static void
hit_work (gpointer data)
{
  HitWork *work = data;

  work->found = 0;
  for (guint i = 0; i < work->points->len; i++)
    {
      const AtlasWorldPoint *p = &g_array_index (work->points, AtlasWorldPoint, i);

      if (atlas_world_geometry_hit_test (work->geometry, p->y, p->x) != NULL)
        work->found++;
    }
}

/* Baseline: only the bounding boxes, no point-in-polygon test */
static void
bounds_work (gpointer data)
{
  HitWork *work = data;

  work->found = 0;
  for (guint i = 0; i < work->points->len; i++)
    {
      const AtlasWorldPoint *p = &g_array_index (work->points, AtlasWorldPoint, i);
      double x = atlas_world_project_x (p->x), y = atlas_world_project_y (p->y);

      for (guint j = 0; j < atlas_world_geometry_get_n_shapes (work->geometry); j++)
        {
          const AtlasWorldBounds *b = &atlas_world_geometry_get_shape (work->geometry, j)->bounds;

          if (x >= b->min_x && x <= b->max_x && y >= b->min_y && y <= b->max_y)
            {
              work->found++;
              break;
            }
        }
    }
}

static void
bench_hit_test (const char       *name,
                AtlasWorldDetail  detail)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  HitWork work = { atlas_world_geometry_get_default (detail), NULL, 0 };
  double time, baseline;

  work.points = g_array_new (FALSE, FALSE, sizeof (AtlasWorldPoint));
  for (guint i = 0; i < 2000; i++)
    {
      AtlasWorldPoint p = { g_rand_double_range (rand, -180, 180), g_rand_double_range (rand, -60, 75) };
      g_array_append_val (work.points, p);
    }

  baseline = measure (bounds_work, &work, 5) / work.points->len;
  time = measure (hit_work, &work, 5) / work.points->len;
  report (name, time, "ms", baseline);

  g_array_unref (work.points);
}

/* The map, with synthetic records */

static char **
get_countries (GtkStringObject *item,
               gpointer         user_data)
{
  g_auto(GStrv) parts = g_strsplit (gtk_string_object_get_string (item), "|", 2);

  return g_strsplit (parts[0], " ", -1);
}

static char **
get_organizations (GtkStringObject *item,
                   gpointer         user_data)
{
  g_auto(GStrv) parts = g_strsplit (gtk_string_object_get_string (item), "|", 2);

  return parts[1] && *parts[1] ? g_strsplit (parts[1], " ", -1) : g_new0 (char *, 1);
}

/* A few countries in many records, many in a few, as in real data */
static char *
make_record (GRand   *rand,
             GStrv    codes)
{
  guint n_codes = g_strv_length (codes);
  g_autoptr(GString) record = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n; i++)
    {
      double r = g_rand_double (rand);
      guint index = (guint) (n_codes * r * r * r);

      g_string_append_printf (record, "%s%s", i > 0 ? " " : "", codes[MIN (index, n_codes - 1)]);
    }
  if (g_rand_int_range (rand, 0, 20) == 0)
    g_string_append (record, " SU");
  g_string_append (record, g_rand_boolean (rand) ? "|ESA" : "|");

  return g_string_free (g_steal_pointer (&record), FALSE);
}

typedef struct
{
  GtkWidget          *widget;
  cairo_surface_t    *surface;
  GPtrArray          *shapes;
  AtlasWorldMap      *map;
  GListStore         *store;
  GtkExpression      *countries;
  GtkExpression      *organizations;
  GtkStringObject    *extra;
} MapWork;

/* The layer's own snapshot, as GTK calls it for each frame (a widget
 * paintable would hand back the widget's cached render node) */
static GskRenderNode *
snapshot_layer (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
snapshot_work (gpointer data)
{
  MapWork *work = data;
  g_autoptr(GskRenderNode) node = snapshot_layer (work->widget);

  g_assert_nonnull (node);
}

/* … and drawn into pixels, as a renderer does with a cairo node */
static void
snapshot_draw_work (gpointer data)
{
  MapWork *work = data;
  g_autoptr(GskRenderNode) node = snapshot_layer (work->widget);
  cairo_t *cr;

  g_assert_nonnull (node);
  cr = cairo_create (work->surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
}

/* Baseline: the same countries' polygons, looked up beforehand, filled
 * in one colour on the same surface */
static void
fill_shapes_work (gpointer data)
{
  MapWork *work = data;
  ShumateViewport *viewport = atlas_world_map_get_viewport (work->map);
  double world_size = ATLAS_BASEMAP_TILE_SIZE * exp2 (shumate_viewport_get_zoom_level (viewport));
  double width = cairo_image_surface_get_width (work->surface);
  double height = cairo_image_surface_get_height (work->surface);
  double origin_x = atlas_world_project_x (shumate_location_get_longitude (SHUMATE_LOCATION (viewport))) * world_size;
  double origin_y = atlas_world_project_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport))) * world_size;
  AtlasWorldBounds visible = {
    (origin_x - width / 2) / world_size, (origin_y - height / 2) / world_size,
    (origin_x + width / 2) / world_size, (origin_y + height / 2) / world_size,
  };
  AtlasWorldGeometry *geometry = atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_COARSE);
  cairo_t *cr = cairo_create (work->surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_translate (cr, width / 2, height / 2);
  for (guint i = 0; i < work->shapes->len; i++)
    atlas_basemap_append_shape_path (cr, geometry, g_ptr_array_index (work->shapes, i), world_size,
                                     origin_x, origin_y, &visible);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgb (cr, .9, .5, .2);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
append_work (gpointer data)
{
  MapWork *work = data;

  g_list_store_append (work->store, work->extra);
  g_list_store_remove (work->store, g_list_model_get_n_items (G_LIST_MODEL (work->store)) - 1);
}

/* Baseline: reading every record through the expressions again */
static void
reread_work (gpointer data)
{
  MapWork *work = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (work->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (work->store), i);
      g_auto(GValue) countries = G_VALUE_INIT;
      g_auto(GValue) organizations = G_VALUE_INIT;

      gtk_expression_evaluate (work->countries, item, &countries);
      gtk_expression_evaluate (work->organizations, item, &organizations);
    }
}

static gboolean
is_ready (gpointer data)
{
  MapWork *work = data;
  AtlasBasemapSource *source = _atlas_world_map_get_basemap_source (work->map);

  return gtk_widget_get_width (GTK_WIDGET (work->map)) > 0 &&
         atlas_basemap_source_get_n_filled (source) > 0 &&
         atlas_basemap_source_get_n_pending (source) == 0;
}

static void
bench_map (void)
{
  static const char * const esa[] = { "FR", "DE", "IT", "ES", "GB", "NO", "SE", "NL", "BE", "AT", NULL };
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_auto(GStrv) codes = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  AtlasWorldGeometry *coarse = atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_COARSE);
  GtkWindow *window;
  MapWork work = { 0 };
  gint64 deadline;
  double time, baseline, snapshot_only;

  for (guint i = 0; i < atlas_world_geometry_get_n_shapes (coarse); i++)
    if (atlas_world_geometry_get_shape (coarse, i)->code != NULL)
      g_strv_builder_add (builder, atlas_world_geometry_get_shape (coarse, i)->code);
  codes = g_strv_builder_end (builder);

  work.store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autofree char *text = make_record (rand, codes);
      g_autoptr(GtkStringObject) item = gtk_string_object_new (text);

      g_list_store_append (work.store, item);
    }
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (work.store)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);

  work.countries = gtk_cclosure_expression_new (G_TYPE_STRV, NULL, 0, NULL, G_CALLBACK (get_countries), NULL, NULL);
  work.organizations = gtk_cclosure_expression_new (G_TYPE_STRV, NULL, 0, NULL, G_CALLBACK (get_organizations),
                                                    NULL, NULL);
  work.map = ATLAS_WORLD_MAP (atlas_world_map_new ());
  atlas_world_map_set_organization (work.map, "ESA", "European Space Agency", "FR", esa);
  atlas_world_map_set_countries_expression (work.map, work.countries);
  atlas_world_map_set_organizations_expression (work.map, work.organizations);
  atlas_world_map_set_model (work.map, GTK_SELECTION_MODEL (selection));

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 720);
  gtk_window_set_child (window, GTK_WIDGET (work.map));
  gtk_window_present (window);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!is_ready (&work) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (is_ready (&work));

  /* The world view, with every country the records name */
  work.widget = GTK_WIDGET (_atlas_world_map_get_choropleth (work.map));
  work.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gtk_widget_get_width (work.widget),
                                             gtk_widget_get_height (work.widget));
  work.shapes = g_ptr_array_new ();
  for (guint i = 0; codes[i] != NULL; i++)
    if (atlas_world_map_get_territory_count (work.map, codes[i]) > 0)
      g_ptr_array_add (work.shapes, (gpointer) atlas_world_geometry_lookup (coarse, codes[i]));

  baseline = measure (fill_shapes_work, &work, 30);
  time = measure (snapshot_draw_work, &work, 30);
  snapshot_only = measure (snapshot_work, &work, 30);
  report ("choropleth-world-view", time, "ms", baseline);
  report ("choropleth-world-view-snapshot-only", snapshot_only, "ms", baseline);
  g_print ("# %u countries shaded, %d × %d pixels\n", work.shapes->len,
           cairo_image_surface_get_width (work.surface), cairo_image_surface_get_height (work.surface));

  /* A new record among many: only it is read */
  work.extra = gtk_string_object_new ("CN BR FR|ESA");
  baseline = measure (reread_work, &work, 10);
  time = measure (append_work, &work, 10) / 2.;
  report ("model-change-2000-records", time, "ms", baseline);

  g_clear_object (&work.extra);
  g_ptr_array_unref (work.shapes);
  cairo_surface_destroy (work.surface);
  gtk_expression_unref (work.countries);
  gtk_expression_unref (work.organizations);
  gtk_window_destroy (window);
  g_object_unref (work.store);
}

int
main (int   argc,
      char *argv[])
{
  gtk_init ();

  bench_geometry ("geometry-load-110m", "countries-110m.json", 5);
  bench_geometry ("geometry-load-50m", "countries-50m.json", 3);

  /* The whole world; Europe's coasts and borders; the Aegean's islands */
  bench_tile ("tile-z0", 0, 0, 0, 1);
  bench_tile ("tile-z3", 3, 4, 2, 1);
  bench_tile ("tile-z6", 6, 36, 24, 1);
  bench_tile ("tile-z3-hidpi", 3, 4, 2, 2);

  bench_hit_test ("hit-test-110m", ATLAS_WORLD_DETAIL_COARSE);
  bench_hit_test ("hit-test-50m", ATLAS_WORLD_DETAIL_FINE);

  bench_map ();

  return 0;
}
