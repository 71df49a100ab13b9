/* test-world-map.c — AtlasWorldMap under Xvfb: counts read through
 * expressions, selection, former countries, organizations, hit tests and
 * clicks, the offline basemap's tiles, the pixels it draws in light and
 * dark styles, and an online basemap without a network
 *
 * The items are strings ("CN BR|ESA": countries, then organizations),
 * not partnerships: the map knows only its expressions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "test-util.h"

#include <math.h>

#include "atlas-countries.h"
#include "atlas-world-map-private.h"

static guint n_evaluations;

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data,
          double    seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        return FALSE;
    }
  return TRUE;
}

static void
spin (double seconds)
{
  /* The sanitizer build runs many times slower: build-aux/test.sh says how much */
  const char *slowdown = g_getenv ("ATLAS_TEST_SLOWDOWN");
  gint64 deadline = g_get_monotonic_time () +
                    seconds * G_USEC_PER_SEC * (slowdown ? MAX (1, g_ascii_strtoll (slowdown, NULL, 10)) : 1);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

/* Items */

static char **
split_part (GtkStringObject *item,
            guint            part)
{
  g_auto(GStrv) parts = g_strsplit (gtk_string_object_get_string (item), "|", 2);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  n_evaluations++;
  if (g_strv_length (parts) <= part)
    return g_strv_builder_end (builder);

  words = g_strsplit (parts[part], " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);

  return g_strv_builder_end (builder);
}

static char **
get_countries (GtkStringObject *item,
               gpointer         user_data)
{
  return split_part (item, 0);
}

static char **
get_organizations (GtkStringObject *item,
                   gpointer         user_data)
{
  return split_part (item, 1);
}

typedef struct
{
  GtkWindow          *window;
  AtlasWorldMap      *map;
  GListStore         *store;
  GtkSingleSelection *selection;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const *items = data;
  g_autoptr(GtkExpression) countries = NULL;
  g_autoptr(GtkExpression) organizations = NULL;
  static const char * const esa_members[] = { "FR", "DE", "IT", "ES", "GB", "NO", NULL };

  fixture->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autoptr(GtkStringObject) item = gtk_string_object_new (items[i]);
      g_list_store_append (fixture->store, item);
    }

  fixture->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (fixture->store)));
  gtk_single_selection_set_autoselect (fixture->selection, FALSE);
  gtk_single_selection_set_can_unselect (fixture->selection, TRUE);
  gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);

  countries = gtk_cclosure_expression_new (G_TYPE_STRV, NULL, 0, NULL, G_CALLBACK (get_countries), NULL, NULL);
  organizations = gtk_cclosure_expression_new (G_TYPE_STRV, NULL, 0, NULL, G_CALLBACK (get_organizations), NULL, NULL);

  fixture->map = ATLAS_WORLD_MAP (atlas_world_map_new ());
  atlas_world_map_set_organization (fixture->map, "ESA", "European Space Agency", "FR", esa_members);
  atlas_world_map_set_organization (fixture->map, "CNSA", "China National Space Administration", "CN", NULL);
  atlas_world_map_set_countries_expression (fixture->map, countries);
  atlas_world_map_set_organizations_expression (fixture->map, organizations);
  atlas_world_map_set_model (fixture->map, GTK_SELECTION_MODEL (fixture->selection));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 500);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->map));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->store);
  spin (.05);
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

/* Tiles: libshumate cannot tell when they are all there, the source can */
typedef struct
{
  AtlasWorldMap *map;
  gint64         quiet_since;
} TileWait;

static gboolean
tiles_done (gpointer data)
{
  TileWait *wait = data;
  AtlasBasemapSource *source = _atlas_world_map_get_basemap_source (wait->map);
  gint64 now = g_get_monotonic_time ();

  if (atlas_basemap_source_get_n_pending (source) > 0 || atlas_basemap_source_get_n_filled (source) == 0)
    {
      wait->quiet_since = now;
      return FALSE;
    }

  /* Quiet for a while: the layer asks for tiles in an idle callback */
  return now - wait->quiet_since > 200000;
}

static void
wait_for_tiles (AtlasWorldMap *map)
{
  TileWait wait = { map, g_get_monotonic_time () };

  g_assert_true (wait_for (is_allocated, map, 10));
  g_assert_true (wait_for (tiles_done, &wait, 20));
}

/* Rendering, as NOTES.md describes for GTK 4.8 */
static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

typedef struct
{
  guchar *data;
  gsize   stride;
  int     width;
  int     height;
} Pixels;

static Pixels
download (GdkTexture *texture)
{
  Pixels pixels;

  pixels.width = gdk_texture_get_width (texture);
  pixels.height = gdk_texture_get_height (texture);
  pixels.stride = pixels.width * 4;
  pixels.data = g_malloc (pixels.stride * pixels.height);
  gdk_texture_download (texture, pixels.data, pixels.stride);
  return pixels;
}

static void
assert_pixel (Pixels        *pixels,
              double         x,
              double         y,
              const GdkRGBA *expected,
              const char    *what)
{
  int px = (int) round (x), py = (int) round (y);
  const guchar *p;
  int r, g, b;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, pixels->width);
  g_assert_cmpint (py, <, pixels->height);

  /* Cairo's ARGB32, premultiplied and opaque here: B, G, R, A in memory */
  p = pixels->data + py * pixels->stride + px * 4;
  b = p[0];
  g = p[1];
  r = p[2];

  if (abs (r - (int) round (expected->red * 255)) > 3 ||
      abs (g - (int) round (expected->green * 255)) > 3 ||
      abs (b - (int) round (expected->blue * 255)) > 3)
    g_error ("%s at (%d, %d): expected #%02x%02x%02x, found #%02x%02x%02x", what, px, py,
             (int) round (expected->red * 255), (int) round (expected->green * 255),
             (int) round (expected->blue * 255), r, g, b);
}

static void
to_widget (AtlasWorldMap *map,
           double         latitude,
           double         longitude,
           double        *x,
           double        *y)
{
  shumate_viewport_location_to_widget_coords (atlas_world_map_get_viewport (map), GTK_WIDGET (map),
                                              latitude, longitude, x, y);
}

static void
show (AtlasWorldMap *map,
      double         latitude,
      double         longitude,
      double         zoom)
{
  ShumateViewport *viewport = atlas_world_map_get_viewport (map);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
}

static const char * const world_items[] = {
  "CN BR",
  "CN BR FR",
  "CN FR|ESA",
  "CN",
  "CN CN RU",        /* China named twice: counted once */
  "SU",              /* the USSR: drawn on its successors */
  "RU UA",
  "XX CN",           /* not a country: ignored */
  "|CNSA",
  NULL,
};

/* Counting */

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasWorldMap *map = fixture->map;

  g_assert_cmpuint (atlas_world_map_get_count (map, "CN"), ==, 6);
  g_assert_cmpuint (atlas_world_map_get_count (map, "BR"), ==, 2);
  g_assert_cmpuint (atlas_world_map_get_count (map, "FR"), ==, 2);
  g_assert_cmpuint (atlas_world_map_get_count (map, "RU"), ==, 2);
  g_assert_cmpuint (atlas_world_map_get_count (map, "SU"), ==, 1);
  g_assert_cmpuint (atlas_world_map_get_count (map, "XX"), ==, 0);
  g_assert_cmpuint (atlas_world_map_get_count (map, "DE"), ==, 0);
  g_assert_cmpuint (atlas_world_map_get_count (map, NULL), ==, 0);

  /* The USSR's record shades Russia, Ukraine, Kazakhstan… */
  g_assert_cmpuint (atlas_world_map_get_territory_count (map, "RU"), ==, 3);
  g_assert_cmpuint (atlas_world_map_get_territory_count (map, "UA"), ==, 2);
  g_assert_cmpuint (atlas_world_map_get_territory_count (map, "KZ"), ==, 1);
  g_assert_cmpuint (atlas_world_map_get_territory_count (map, "EE"), ==, 1);
  g_assert_cmpuint (atlas_world_map_get_territory_count (map, "SU"), ==, 0);
  g_assert_cmpuint (atlas_world_map_get_territory_count (map, "CN"), ==, 6);

  g_assert_cmpuint (atlas_choropleth_layer_get_max_count (_atlas_world_map_get_choropleth (map)), ==, 6);
}

static void
test_items_changed (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasWorldMap *map = fixture->map;
  g_autoptr(GtkStringObject) item = gtk_string_object_new ("BR JP");
  guint before = n_evaluations;

  /* Only the new item is read: once per expression */
  g_list_store_append (fixture->store, item);
  g_assert_cmpuint (n_evaluations - before, ==, 2);
  g_assert_cmpuint (atlas_world_map_get_count (map, "BR"), ==, 3);
  g_assert_cmpuint (atlas_world_map_get_count (map, "JP"), ==, 1);

  /* Removing the first two items: "CN BR", "CN BR FR" */
  before = n_evaluations;
  g_list_store_splice (fixture->store, 0, 2, NULL, 0);
  g_assert_cmpuint (n_evaluations, ==, before);
  g_assert_cmpuint (atlas_world_map_get_count (map, "BR"), ==, 1);
  g_assert_cmpuint (atlas_world_map_get_count (map, "CN"), ==, 4);
  g_assert_cmpuint (atlas_world_map_get_count (map, "FR"), ==, 1);

  /* A new model is read whole */
  g_list_store_remove_all (fixture->store);
  g_assert_cmpuint (atlas_world_map_get_count (map, "CN"), ==, 0);
  g_assert_cmpuint (atlas_choropleth_layer_get_max_count (_atlas_world_map_get_choropleth (map)), ==, 0);
  g_assert_false (gtk_widget_get_visible (_atlas_world_map_get_legend (map)));

  atlas_world_map_set_model (map, NULL);
  g_assert_null (atlas_world_map_get_model (map));
  atlas_world_map_set_model (map, GTK_SELECTION_MODEL (fixture->selection));
}

static GtkWidget *
find_marker (AtlasWorldMap *map,
             const char    *code)
{
  AtlasMarkerLayer *markers = _atlas_world_map_get_markers (map);

  for (guint i = 0; i < atlas_marker_layer_get_n_markers (markers); i++)
    {
      GtkWidget *marker = atlas_marker_layer_get_marker (markers, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (marker), "atlas-country"), code) == 0)
        return marker;
    }
  return NULL;
}

static GtkWidget *
find_marker_with_text (AtlasWorldMap *map,
                       const char    *text)
{
  AtlasMarkerLayer *markers = _atlas_world_map_get_markers (map);

  for (guint i = 0; i < atlas_marker_layer_get_n_markers (markers); i++)
    {
      GtkWidget *marker = atlas_marker_layer_get_marker (markers, i);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (marker)), text) == 0)
        return marker;
    }
  return NULL;
}

static void
test_markers (Fixture       *fixture,
              gconstpointer  data)
{
  AtlasWorldMap *map = fixture->map;
  AtlasMarkerLayer *markers = _atlas_world_map_get_markers (map);
  GtkWidget *china, *soviet, *esa;
  g_autofree char *soviet_text = NULL;

  g_assert_true (wait_for (is_allocated, map, 10));

  /* One marker per country named, and one per country with partner
   * organizations' headquarters (ESA in France, CNSA in China) */
  g_assert_cmpuint (atlas_marker_layer_get_n_markers (markers), ==, 6 + 2);

  china = find_marker (map, "CN");
  g_assert_nonnull (china);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (china)), ==, "6");

  /* The former country says its name, on its successor's territory */
  soviet = find_marker (map, "SU");
  g_assert_nonnull (soviet);
  soviet_text = g_strdup_printf ("%s · 1", atlas_countries_get_short_name ("SU"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (soviet)), ==, soviet_text);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (soviet)), "USSR"));

  esa = find_marker_with_text (map, "ESA");
  g_assert_nonnull (esa);
  g_assert_nonnull (strstr (_atlas_world_map_get_marker_tooltip (esa), "European Space Agency"));

  /* Markers make room for each other: the most important is shown */
  spin (.2);
  g_assert_true (atlas_marker_layer_is_shown (markers, china));

  /* Under the legend, a marker gives way */
  {
    GtkWidget *legend = _atlas_world_map_get_legend (map);
    GtkWidget *brazil = find_marker (map, "BR");
    const AtlasWorldShape *shape = atlas_world_geometry_lookup (atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_COARSE), "BR");
    double world_size = 256 * 8, width = gtk_widget_get_width (GTK_WIDGET (map));
    double height = gtk_widget_get_height (GTK_WIDGET (map));
    graphene_rect_t bounds;
    double center_x, center_y;

    g_assert_true (gtk_widget_compute_bounds (legend, GTK_WIDGET (map), &bounds));
    center_x = atlas_world_project_x (shape->label_lon) * world_size + width / 2 -
               (bounds.origin.x + bounds.size.width / 2);
    center_y = atlas_world_project_y (shape->label_lat) * world_size + height / 2 -
               (bounds.origin.y + bounds.size.height / 2);
    show (map, atlas_world_unproject_y (center_y / world_size), atlas_world_unproject_x (center_x / world_size), 3);
    spin (.2);
    g_assert_false (atlas_marker_layer_is_shown (markers, brazil));

    show (map, shape->label_lat, shape->label_lon, 3);
    spin (.2);
    g_assert_true (atlas_marker_layer_is_shown (markers, brazil));
  }

  /* Across the antimeridian, markers are in the copy of the world that
   * is in view */
  show (map, 20, -170, 2);
  spin (.2);
  g_assert_true (atlas_marker_layer_is_shown (markers, china));
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (china, GTK_WIDGET (map), &bounds));
    g_assert_cmpfloat (bounds.origin.x, >, 0);
    g_assert_cmpfloat (bounds.origin.x, <, gtk_widget_get_width (GTK_WIDGET (map)) / 2.);
  }

  /* Zoomed in, markers name their countries */
  show (map, 48, 10, 5);
  spin (.1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_marker (map, "FR"))), "France"));
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  AtlasWorldMap *map = fixture->map;
  AtlasArcLayer *arcs = _atlas_world_map_get_arcs (map);

  g_assert_cmpuint (atlas_arc_layer_get_n_arcs (arcs), ==, 0);

  /* Three partners: three arcs, and their markers stand out */
  gtk_single_selection_set_selected (fixture->selection, 1);
  g_assert_cmpuint (atlas_arc_layer_get_n_arcs (arcs), ==, 3);
  g_assert_true (gtk_widget_has_css_class (find_marker (map, "BR"), "highlighted"));
  g_assert_true (gtk_widget_has_css_class (find_marker (map, "FR"), "highlighted"));
  g_assert_false (gtk_widget_has_css_class (find_marker (map, "RU"), "highlighted"));

  /* An organization's headquarters is a partner too, unless it is in a
   * partner country already (ESA is in France) */
  gtk_single_selection_set_selected (fixture->selection, 2);
  g_assert_cmpuint (atlas_arc_layer_get_n_arcs (arcs), ==, 1);
  gtk_single_selection_set_selected (fixture->selection, 3);
  g_assert_cmpuint (atlas_arc_layer_get_n_arcs (arcs), ==, 0);

  /* China and Russia (named twice, counted once) */
  gtk_single_selection_set_selected (fixture->selection, 4);
  g_assert_cmpuint (atlas_arc_layer_get_n_arcs (arcs), ==, 1);

  gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (atlas_arc_layer_get_n_arcs (arcs), ==, 0);
  g_assert_false (gtk_widget_has_css_class (find_marker (map, "BR"), "highlighted"));

  /* Selecting, then removing the selected item */
  gtk_single_selection_set_selected (fixture->selection, 0);
  g_assert_cmpuint (atlas_arc_layer_get_n_arcs (arcs), ==, 1);
  g_list_store_remove (fixture->store, 0);
  g_assert_cmpuint (atlas_arc_layer_get_n_arcs (arcs), ==, 0);
}

static void
test_great_circle (void)
{
  AtlasWorldPoint points[33];

  /* Tokyo to San Francisco goes east across the antimeridian, and north */
  atlas_great_circle (35.68, 139.69, 37.77, -122.42, G_N_ELEMENTS (points), points);
  g_assert_cmpfloat_with_epsilon (points[0].x, 139.69, 1e-6);
  g_assert_cmpfloat_with_epsilon (points[32].x, 360 - 122.42, 1e-6);
  g_assert_cmpfloat_with_epsilon (points[32].y, 37.77, 1e-6);
  for (guint i = 1; i < G_N_ELEMENTS (points); i++)
    g_assert_cmpfloat (points[i].x, >, points[i - 1].x);
  g_assert_cmpfloat (points[16].y, >, 45.);

  /* Along the equator, it is the equator */
  atlas_great_circle (0, 0, 0, 90, G_N_ELEMENTS (points), points);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_assert_cmpfloat_with_epsilon (points[i].y, 0, 1e-9);
      g_assert_cmpfloat_with_epsilon (points[i].x, 90. * i / 32, 1e-9);
    }
}

/* Pointer */

static const char *
country_at (AtlasWorldMap *map,
            double         latitude,
            double         longitude)
{
  double x, y;

  to_widget (map, latitude, longitude, &x, &y);
  return atlas_world_map_get_country_at (map, x, y);
}

static void
test_hit_test (Fixture       *fixture,
               gconstpointer  data)
{
  AtlasWorldMap *map = fixture->map;

  g_assert_true (wait_for (is_allocated, map, 10));

  g_assert_cmpstr (country_at (map, -15.79, -47.88), ==, "BR");   /* Brasília */
  g_assert_cmpstr (country_at (map, 48.86, 2.35), ==, "FR");      /* Paris */
  g_assert_null (country_at (map, 30, -40));                      /* the Atlantic */

  /* Zoomed in, the fine polygons answer */
  show (map, 48.86, 2.35, 6);
  g_assert_cmpstr (country_at (map, 48.86, 2.35), ==, "FR");
  g_assert_cmpstr (country_at (map, 50.85, 4.35), ==, "BE");      /* Brussels */

  /* Beyond the poles */
  show (map, 0, 0, 0);
  g_assert_null (atlas_world_map_get_country_at (map, 10, -500));
}

static GtkGestureClick *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return GTK_GESTURE_CLICK (controller);
    }
  return NULL;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_click (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasWorldMap *map = fixture->map;
  GtkGestureClick *click = find_click_gesture (GTK_WIDGET (_atlas_world_map_get_map (map)));
  guint n_notifications = 0;
  double x, y;

  g_assert_nonnull (click);
  g_assert_true (wait_for (is_allocated, map, 10));
  g_signal_connect (map, "notify::selected-country", G_CALLBACK (count_notify), &n_notifications);

  /* A click on Brazil selects Brazil */
  to_widget (map, -8, -42, &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
  g_assert_cmpstr (atlas_world_map_get_selected_country (map), ==, "BR");
  g_assert_cmpuint (n_notifications, ==, 1);

  /* The end of a drag is no click */
  to_widget (map, 48.86, 2.35, &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, x - 40, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
  g_assert_cmpstr (atlas_world_map_get_selected_country (map), ==, "BR");

  /* At sea, nothing is selected */
  to_widget (map, 30, -40, &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
  g_assert_null (atlas_world_map_get_selected_country (map));
  g_assert_cmpuint (n_notifications, ==, 2);

  /* The property, as the window will use it */
  g_object_set (map, "selected-country", "SU", NULL);
  g_assert_cmpstr (atlas_world_map_get_selected_country (map), ==, "SU");
  g_assert_cmpuint (n_notifications, ==, 3);
  g_object_set (map, "selected-country", "SU", NULL);
  g_assert_cmpuint (n_notifications, ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (map), "map.unselect-country", NULL);
  g_assert_null (atlas_world_map_get_selected_country (map));
}

/* Drawing */

static void
expected_class_color (AtlasWorldMap *map,
                      guint          count,
                      gboolean       dark,
                      GdkRGBA       *color)
{
  guint max_count = atlas_choropleth_layer_get_max_count (_atlas_world_map_get_choropleth (map));

  atlas_choropleth_get_color (atlas_choropleth_classify (count), atlas_choropleth_get_n_classes (max_count),
                              atlas_world_map_get_palette (map), dark, color);
}

static void
check_pixels (AtlasWorldMap *map,
              gboolean       dark)
{
  const AtlasBasemapStyle *style = atlas_basemap_style_get (dark);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  Pixels pixels;
  GdkRGBA brazil, ukraine;
  double x, y;

  /* South America at zoom 3: no marker near the points below */
  show (map, -15, -50, 3);
  wait_for_tiles (map);

  texture = render (GTK_WIDGET (map));
  pixels = download (texture);
  data = pixels.data;

  /* Brazil (2 items) in its class's colour, the sea in the sea's, a
   * country without items in the land's */
  expected_class_color (map, 2, dark, &brazil);
  to_widget (map, -7, -40, &x, &y);
  assert_pixel (&pixels, x, y, &brazil, "Brazil");
  to_widget (map, -25, -25, &x, &y);
  assert_pixel (&pixels, x, y, &style->sea, "the Atlantic");
  to_widget (map, -35, -64, &x, &y);
  assert_pixel (&pixels, x, y, &style->land, "Argentina");

  /* Ukraine: one item of its own and one as part of the USSR */
  show (map, 49, 31, 4);
  wait_for_tiles (map);
  g_clear_object (&texture);
  g_free (g_steal_pointer (&data));
  texture = render (GTK_WIDGET (map));
  pixels = download (texture);
  data = pixels.data;

  expected_class_color (map, 2, dark, &ukraine);
  to_widget (map, 50.5, 25.5, &x, &y);
  assert_pixel (&pixels, x, y, &ukraine, "Ukraine");
  to_widget (map, 43, 34, &x, &y);
  assert_pixel (&pixels, x, y, &style->sea, "the Black Sea");
}

static void
test_render_light (Fixture       *fixture,
                   gconstpointer  data)
{
  check_pixels (fixture->map, FALSE);
}

static gboolean
no_pulses (gpointer data)
{
  return atlas_choropleth_layer_get_n_pulses (_atlas_world_map_get_choropleth (data)) == 0;
}

/* New partners draw the eye for a moment, a former country on its
 * successors' territory, and then the map is as it was */
static void
test_pulse (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasChoroplethLayer *layer = _atlas_world_map_get_choropleth (fixture->map);
  gint64 start;
  double seconds;

  wait_for_tiles (fixture->map);
  g_assert_cmpuint (atlas_choropleth_layer_get_n_pulses (layer), ==, 0);

  atlas_world_map_pulse_countries (fixture->map, (const char *[]) { "BR", "CSHH", NULL });
  g_assert_cmpuint (atlas_choropleth_layer_get_n_pulses (layer), ==, 3);  /* BR, CZ, SK */

  /* Again: starts again rather than twice */
  atlas_world_map_pulse_countries (fixture->map, (const char *[]) { "BR", NULL });
  g_assert_cmpuint (atlas_choropleth_layer_get_n_pulses (layer), ==, 3);

  /* Gone after its time, by the frame clock */
  start = g_get_monotonic_time ();
  g_assert_true (wait_for (no_pulses, fixture->map, 10.));
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("pulses ended after %.2f s", seconds);
  g_assert_cmpfloat (seconds, >, 1.);
}

/* Another palette: the countries in its colours, the legend too */
static void
test_render_palette (Fixture       *fixture,
                     gconstpointer  data)
{
  GdkRGBA warm, viridis;

  wait_for_tiles (fixture->map);
  atlas_choropleth_get_color (1, 2, ATLAS_CHOROPLETH_PALETTE_WARM, FALSE, &warm);
  atlas_choropleth_get_color (1, 2, ATLAS_CHOROPLETH_PALETTE_VIRIDIS, FALSE, &viridis);
  g_assert_false (gdk_rgba_equal (&warm, &viridis));

  g_object_set (fixture->map, "palette", ATLAS_CHOROPLETH_PALETTE_VIRIDIS, NULL);
  g_assert_cmpint (atlas_world_map_get_palette (fixture->map), ==, ATLAS_CHOROPLETH_PALETTE_VIRIDIS);
  check_pixels (fixture->map, FALSE);

  atlas_world_map_set_dark (fixture->map, TRUE);
  check_pixels (fixture->map, TRUE);
}

static void
test_render_dark (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasBasemapSource *light;

  wait_for_tiles (fixture->map);
  light = _atlas_world_map_get_basemap_source (fixture->map);
  g_assert_false (atlas_basemap_source_get_dark (light));

  /* A new look is a new source: tiles are not reused from the cache */
  atlas_world_map_set_dark (fixture->map, TRUE);
  g_assert_true (_atlas_world_map_get_basemap_source (fixture->map) != light);
  g_assert_true (atlas_basemap_source_get_dark (_atlas_world_map_get_basemap_source (fixture->map)));

  check_pixels (fixture->map, TRUE);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
tick_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static void
test_online_without_network (Fixture       *fixture,
                             gconstpointer  data)
{
  AtlasWorldMap *map = fixture->map;
  const AtlasBasemapStyle *style = atlas_basemap_style_get (FALSE);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixel_data = NULL;
  Stall stall = { g_get_monotonic_time (), 0 };
  Pixels pixels;
  guint tick;
  double x, y;

  atlas_world_map_set_basemap (map, ATLAS_WORLD_MAP_BASEMAP_ONLINE);
  g_assert_cmpint (atlas_world_map_get_basemap (map), ==, ATLAS_WORLD_MAP_BASEMAP_ONLINE);
  g_assert_nonnull (_atlas_world_map_get_online_layer (map));

  /* Nothing waits for the network: the main loop keeps turning */
  tick = g_timeout_add (10, tick_cb, &stall);
  show (map, -15, -50, 3);
  wait_for_tiles (map);
  spin (1.);
  g_source_remove (tick);
  g_assert_cmpint (stall.longest, <, G_USEC_PER_SEC / 2);

  /* … and the offline basemap shows where online tiles did not come */
  texture = render (GTK_WIDGET (map));
  pixels = download (texture);
  pixel_data = pixels.data;
  to_widget (map, -25, -25, &x, &y);
  assert_pixel (&pixels, x, y, &style->sea, "the Atlantic");
  to_widget (map, -35, -64, &x, &y);
  assert_pixel (&pixels, x, y, &style->land, "Argentina");

  atlas_world_map_set_basemap (map, ATLAS_WORLD_MAP_BASEMAP_OFFLINE);
  g_assert_null (_atlas_world_map_get_online_layer (map));
}

/* The view */

static gboolean
is_wide (gpointer data)
{
  return gtk_widget_get_width (data) >= 1200;
}

static gboolean
in_view (AtlasWorldMap *map,
         double         latitude,
         double         longitude)
{
  double x, y;

  to_widget (map, latitude, longitude, &x, &y);
  return x >= 0 && y >= 0 && x < gtk_widget_get_width (GTK_WIDGET (map)) &&
         y < gtk_widget_get_height (GTK_WIDGET (map));
}

static void
test_fit (Fixture       *fixture,
          gconstpointer  data)
{
  AtlasWorldMap *map = fixture->map;
  ShumateViewport *viewport = atlas_world_map_get_viewport (map);
  double world_zoom;

  g_assert_true (wait_for (is_allocated, map, 10));
  spin (.1);

  /* On start, the world fits: every continent is in view */
  world_zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_cmpfloat (world_zoom, >, 1.);
  g_assert_cmpfloat (world_zoom, <, 2.5);
  g_assert_true (in_view (map, 64, -150));    /* Alaska */
  g_assert_true (in_view (map, -40, 175));    /* New Zealand */
  g_assert_true (in_view (map, -54, -68));    /* Tierra del Fuego */
  g_assert_true (in_view (map, 77, 100));     /* Taymyr */

  /* The selected item's partners: Brazil and France, close up */
  gtk_single_selection_set_selected (fixture->selection, 1);
  atlas_world_map_fit_partners (map, FALSE);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, world_zoom);
  g_assert_true (in_view (map, -15.79, -47.88));
  g_assert_true (in_view (map, 48.86, 2.35));
  g_assert_true (in_view (map, 35, 105));     /* China's marker */

  /* China and Russia: across Asia, not around the world */
  gtk_single_selection_set_selected (fixture->selection, 4);
  gtk_widget_activate_action (GTK_WIDGET (map), "map.fit-partners", NULL);
  spin (.6);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, world_zoom);

  /* Back to the world */
  gtk_widget_activate_action (GTK_WIDGET (map), "map.fit-world", NULL);
  spin (.6);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), world_zoom, 1e-6);

  /* The world view follows the window's size… */
  gtk_window_set_default_size (fixture->window, 1200, 700);
  g_assert_true (wait_for (is_wide, map, 10));
  spin (.3);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, world_zoom);

  /* … until someone zooms: by whole levels, where tiles are sharp */
  world_zoom = shumate_viewport_get_zoom_level (viewport);
  gtk_widget_activate_action (GTK_WIDGET (map), "map.zoom-in", NULL);
  spin (.6);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), floor (world_zoom) + 1, 1e-6);
  gtk_widget_activate_action (GTK_WIDGET (map), "map.zoom-out", NULL);
  spin (.6);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), floor (world_zoom), 1e-6);
  gtk_widget_activate_action (GTK_WIDGET (map), "map.zoom-in", NULL);
  spin (.6);
  world_zoom = shumate_viewport_get_zoom_level (viewport);

  /* Arrow keys move the map a quarter of its width */
  {
    double longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
    double expected = longitude + 360. * gtk_widget_get_width (GTK_WIDGET (map)) / 4. /
                                  (256. * exp2 (world_zoom));

    gtk_widget_activate_action (GTK_WIDGET (map), "map.pan", "(ii)", 1, 0);
    spin (.6);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                    expected > 180 ? expected - 360 : expected, 1e-6);
  }

  gtk_window_set_default_size (fixture->window, 700, 400);
  spin (.3);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), world_zoom, 1e-6);
}

/* The basemap source on its own */

static void
filled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (!shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
is_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_basemap_source (void)
{
  static const int scales[] = { 1, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autoptr(AtlasBasemapSource) source = atlas_basemap_source_new (FALSE, scales[i]);
      g_autoptr(ShumateTile) tile = shumate_tile_new_full (0, 0, ATLAS_BASEMAP_TILE_SIZE, 0);
      g_autoptr(ShumateTile) cancelled = shumate_tile_new_full (1, 1, ATLAS_BASEMAP_TILE_SIZE, 1);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) cancel_error = NULL;
      g_autofree guchar *data = NULL;
      GdkPaintable *paintable;
      Pixels pixels;
      double x, y;

      g_assert_cmpuint (shumate_map_source_get_tile_size (SHUMATE_MAP_SOURCE (source)), ==, 256);
      g_assert_nonnull (strstr (shumate_map_source_get_license (SHUMATE_MAP_SOURCE (source)), "Natural Earth"));

      shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, filled_cb, &error);
      g_cancellable_cancel (cancellable);
      shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), cancelled, cancellable, filled_cb, &cancel_error);
      g_assert_cmpuint (atlas_basemap_source_get_n_pending (source), ==, 2);

      g_assert_true (wait_for (is_set, &error, 20));
      g_assert_true (wait_for (is_set, &cancel_error, 20));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
      g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (shumate_tile_get_paintable (cancelled));
      g_assert_cmpuint (atlas_basemap_source_get_n_pending (source), ==, 0);

      /* Sharp on HiDPI: drawn at the screen's pixels */
      g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
      paintable = shumate_tile_get_paintable (tile);
      g_assert_true (GDK_IS_TEXTURE (paintable));
      g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 256 * scales[i]);

      /* The whole world at zoom 0: sea in the Pacific, land in Africa */
      pixels = download (GDK_TEXTURE (paintable));
      data = pixels.data;
      x = atlas_world_project_x (-140) * 256 * scales[i];
      y = atlas_world_project_y (5) * 256 * scales[i];
      assert_pixel (&pixels, x, y, &atlas_basemap_style_get (FALSE)->sea, "the Pacific");
      x = atlas_world_project_x (17) * 256 * scales[i];
      y = atlas_world_project_y (27) * 256 * scales[i];
      assert_pixel (&pixels, x, y, &atlas_basemap_style_get (FALSE)->land, "the Sahara");
    }
}

static void
test_classes (void)
{
  static const struct { guint count, class_index; } cases[] = {
    { 1, 0 }, { 2, 1 }, { 3, 1 }, { 4, 2 }, { 7, 2 }, { 8, 3 }, { 15, 3 }, { 16, 4 }, { 31, 4 },
    { 32, 5 }, { 1000, 5 },
  };
  GdkRGBA previous, color;
  guint first, last;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (atlas_choropleth_classify (cases[i].count), ==, cases[i].class_index);

  g_assert_cmpuint (atlas_choropleth_get_n_classes (0), ==, 0);
  g_assert_cmpuint (atlas_choropleth_get_n_classes (1), ==, 1);
  g_assert_cmpuint (atlas_choropleth_get_n_classes (35), ==, 6);
  atlas_choropleth_get_class_range (2, &first, &last);
  g_assert_cmpuint (first, ==, 4);
  g_assert_cmpuint (last, ==, 7);
  atlas_choropleth_get_class_range (5, &first, &last);
  g_assert_cmpuint (last, ==, G_MAXUINT);

  /* Sequential, in every palette: each class darker than the last in
   * the light style, brighter in the dark one; none like the land */
  for (guint palette = ATLAS_CHOROPLETH_PALETTE_WARM; palette <= ATLAS_CHOROPLETH_PALETTE_GREYS; palette++)
    for (int dark = 0; dark <= 1; dark++)
      for (guint n = 1; n <= ATLAS_CHOROPLETH_MAX_CLASSES; n++)
        for (guint i = 0; i < n; i++)
          {
            const GdkRGBA *land = &atlas_basemap_style_get (dark)->land;
            double luminance, previous_luminance;

            atlas_choropleth_get_color (i, n, palette, dark, &color);
            luminance = .2126 * color.red + .7152 * color.green + .0722 * color.blue;
            g_assert_cmpfloat (fabs (luminance - (.2126 * land->red + .7152 * land->green + .0722 * land->blue)) +
                               fabs (color.blue - land->blue), >, .08);

            if (i > 0)
              {
                previous_luminance = .2126 * previous.red + .7152 * previous.green + .0722 * previous.blue;
                if (dark)
                  g_assert_cmpfloat (luminance, >, previous_luminance);
                else
                  g_assert_cmpfloat (luminance, <, previous_luminance);
              }
            previous = color;
          }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int status;

  /* Online tiles must not reach a network, nor the user's cache */
  cache = g_dir_make_tmp ("atlas-world-map-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("http_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("https_proxy", "http://127.0.0.1:9", TRUE);

  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, world_items, fixture_set_up, func, fixture_tear_down)

  ADD ("/world-map/counts", test_counts);
  ADD ("/world-map/items-changed", test_items_changed);
  ADD ("/world-map/markers", test_markers);
  ADD ("/world-map/selection", test_selection);
  ADD ("/world-map/hit-test", test_hit_test);
  ADD ("/world-map/click", test_click);
  ADD ("/world-map/render/light", test_render_light);
  ADD ("/world-map/render/dark", test_render_dark);
  ADD ("/world-map/render/palette", test_render_palette);
  ADD ("/world-map/pulse", test_pulse);
  ADD ("/world-map/online-without-network", test_online_without_network);
  ADD ("/world-map/fit", test_fit);
  g_test_add_func ("/world-map/great-circle", test_great_circle);
  g_test_add_func ("/world-map/basemap-source", test_basemap_source);
  g_test_add_func ("/world-map/classes", test_classes);

  status = g_test_run ();
  test_remove_tree (cache);
  return status;
}
