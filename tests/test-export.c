/* test-export.c — pictures of the map and the timeline, under Xvfb:
 * PNG, SVG and PDF from a window, from the dialog and from
 * `space-atlas --export`, checked for their size, their colours and
 * their marks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-application.h"
#include "atlas-basemap-source.h"
#include "atlas-choropleth-layer.h"
#include "atlas-export.h"
#include "atlas-export-dialog.h"
#include "atlas-window-private.h"
#include "atlas-world-geometry.h"
#include "atlas-world-map-private.h"

/* The fixture: five records of one kind, each a dot on the timeline, all
 * with China and Brazil */
#define N_MARKS 5

static AtlasApplication *app;
static char *temp_dir;

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition condition,
          gpointer  data)
{
  /* The sanitizer build runs many times slower: build-aux/test.sh says how much */
  const char *slowdown = g_getenv ("ATLAS_TEST_SLOWDOWN");
  gint64 deadline = g_get_monotonic_time () +
                    20 * G_USEC_PER_SEC * (slowdown ? MAX (1, g_ascii_strtoll (slowdown, NULL, 10)) : 1);

  while (!condition (data))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting");
    }
}

static void
iterate (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

static gboolean
is_ready (gpointer data)
{
  AtlasWindow *window = data;

  return !atlas_window_is_busy (window) &&
         gtk_widget_get_width (GTK_WIDGET (_atlas_window_get_world_map (window))) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (_atlas_window_get_timeline (window))) > 0;
}

static char *
fixture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "export", "five-marks.json", NULL);
}

static AtlasWindow *
open_fixture (void)
{
  g_autofree char *path = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = atlas_window_new (app);

  atlas_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_ready, window);
  iterate (5);
  return window;
}

/* The map where the checks below look: Brazil, and the Atlantic */
#define MAP_LATITUDE -15.
#define MAP_LONGITUDE -40.
#define MAP_ZOOM 3.

static void
show_brazil (AtlasWindow *window)
{
  g_autoptr(AtlasViewState) state = atlas_view_state_new ();

  state->has_map = TRUE;
  state->map_latitude = MAP_LATITUDE;
  state->map_longitude = MAP_LONGITUDE;
  state->map_zoom = MAP_ZOOM;
  atlas_window_set_view_state (window, state);
  iterate (3);
}

static char *
temp_file (const char *name)
{
  return g_build_filename (temp_dir, name, NULL);
}

/* Pictures */

typedef struct
{
  guchar *data;
  gsize   stride;
  int     width;
  int     height;
} Pixels;

static void
pixels_clear (Pixels *pixels)
{
  g_clear_pointer (&pixels->data, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pixels, pixels_clear)

static void
decode_png (GBytes *bytes,
            Pixels *pixels)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
}

static guint32
pixel_at (const Pixels *pixels,
          double        x,
          double        y)
{
  int px = (int) round (x), py = (int) round (y);
  const guchar *p;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, pixels->width);
  g_assert_cmpint (py, <, pixels->height);

  /* B, G, R, A in memory */
  p = pixels->data + py * pixels->stride + px * 4;
  return (p[2] << 16) | (p[1] << 8) | p[0];
}

static void
assert_color (const Pixels  *pixels,
              double         x,
              double         y,
              const GdkRGBA *expected,
              const char    *what)
{
  guint32 found = pixel_at (pixels, x, y);
  int r = (found >> 16) & 0xff, g = (found >> 8) & 0xff, b = found & 0xff;

  if (abs (r - (int) round (expected->red * 255)) > 3 ||
      abs (g - (int) round (expected->green * 255)) > 3 ||
      abs (b - (int) round (expected->blue * 255)) > 3)
    g_error ("%s at (%.0f, %.0f): expected #%02x%02x%02x, found #%06x", what, x, y,
             (int) round (expected->red * 255), (int) round (expected->green * 255),
             (int) round (expected->blue * 255), found);
}

/* A picture of one colour would pass many a check by accident */
static guint
count_colors (const Pixels *pixels)
{
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < pixels->height; y += 3)
    for (int x = 0; x < pixels->width; x += 3)
      g_hash_table_add (colors, GUINT_TO_POINTER (pixel_at (pixels, x, y)));

  return g_hash_table_size (colors);
}

/* Where a place is in the picture: the map's area in @layout, centred
 * on its viewport, @scale device pixels a pixel */
static void
place_in_picture (const AtlasExportLayout *layout,
                  double                   scale,
                  double                   latitude,
                  double                   longitude,
                  double                  *x,
                  double                  *y)
{
  double world_size = ATLAS_BASEMAP_TILE_SIZE * exp2 (MAP_ZOOM);

  *x = layout->map.origin.x + layout->map.size.width / 2. +
       (atlas_world_project_x (longitude) - atlas_world_project_x (MAP_LONGITUDE)) * world_size;
  *y = layout->map.origin.y + layout->map.size.height / 2. +
       (atlas_world_project_y (latitude) - atlas_world_project_y (MAP_LATITUDE)) * world_size;
  *x *= scale;
  *y *= scale;
}

static void
expected_brazil_color (GdkRGBA *color)
{
  /* Brazil and China have every record: the one class there is */
  atlas_choropleth_get_color (atlas_choropleth_classify (N_MARKS), atlas_choropleth_get_n_classes (N_MARKS),
                              ATLAS_CHOROPLETH_PALETTE_WARM, FALSE, color);
}

/* Inside Brazil, away from its marker at its label point */
#define BRAZIL_LATITUDE -6.
#define BRAZIL_LONGITUDE -40.
#define ATLANTIC_LATITUDE -25.
#define ATLANTIC_LONGITUDE -25.

static void
check_map_colors (const Pixels            *pixels,
                  const AtlasExportLayout *layout,
                  double                   scale)
{
  const AtlasWorldShape *brazil = atlas_world_geometry_lookup (atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_COARSE), "BR");
  GdkRGBA shade;
  double x, y;

  g_assert_nonnull (brazil);
  g_assert_cmpstr (atlas_world_geometry_hit_test (atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_FINE),
                                                  BRAZIL_LATITUDE, BRAZIL_LONGITUDE)->code, ==, "BR");
  /* Far enough from the marker at Brazil's label point */
  place_in_picture (layout, 1., brazil->label_lat, brazil->label_lon, &x, &y);
  {
    double bx, by;

    place_in_picture (layout, 1., BRAZIL_LATITUDE, BRAZIL_LONGITUDE, &bx, &by);
    g_assert_cmpfloat (hypot (bx - x, by - y), >, 30.);
  }

  expected_brazil_color (&shade);
  place_in_picture (layout, scale, BRAZIL_LATITUDE, BRAZIL_LONGITUDE, &x, &y);
  assert_color (pixels, x, y, &shade, "Brazil");

  place_in_picture (layout, scale, ATLANTIC_LATITUDE, ATLANTIC_LONGITUDE, &x, &y);
  assert_color (pixels, x, y, &atlas_basemap_style_get (FALSE)->sea, "the Atlantic");
}

/* SVG: elements filled with a colour, as cairo writes them */

typedef struct
{
  GdkRGBA color;
  guint   n_filled;
  guint   n_elements;
} SvgCount;

static gboolean
fill_matches (const char    *style,
              const GdkRGBA *color)
{
  const char *fill = strstr (style, "fill:rgb(");
  double r, g, b;

  if (fill == NULL || sscanf (fill, "fill:rgb(%lf%%,%lf%%,%lf%%)", &r, &g, &b) != 3)
    return FALSE;

  return fabs (r / 100. - color->red) < .6 / 255 && fabs (g / 100. - color->green) < .6 / 255 &&
         fabs (b / 100. - color->blue) < .6 / 255;
}

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgCount *count = user_data;

  count->n_elements++;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "style") && fill_matches (values[i], &count->color))
      count->n_filled++;
}

static guint
count_svg_fills (GBytes        *svg,
                 const GdkRGBA *color)
{
  static const GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
  SvgCount count = { *color, 0, 0 };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (svg, &size);

  /* XML, whole: GMarkup parses well-formed XML, and refuses the rest */
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &count, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, size, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.n_elements, >, 10);

  return count.n_filled;
}

/* The colour of the timeline's first lane, as its style sheet says */
static void
get_first_lane_color (AtlasWindow *window,
                      GdkRGBA     *color)
{
  GtkWidget *timeline = GTK_WIDGET (_atlas_window_get_timeline (window));

  for (GtkWidget *child = gtk_widget_get_first_child (timeline); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "lane-1"))
      {
        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        gtk_style_context_get_color (gtk_widget_get_style_context (child), color);
        G_GNUC_END_IGNORE_DEPRECATIONS
        return;
      }

  g_assert_not_reached ();
}

/* Other programs */

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static int
run_full (char              **out,
          char              **err,
          gboolean            with_display,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  /* What the last run said goes */
  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (!with_display)
    {
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
      g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11,wayland", TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, args, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* space-atlas ARGS…, as a user runs it */
static int
run (char **out,
     char **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATLAS_EXECUTABLE"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return run_full (out, err, TRUE, (const char * const *) argv->pdata);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

/* pdfinfo opens it, and says its page's size */
static void
check_pdf (const char *path,
           int         width,
           int         height)
{
  const char *args[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *page_size = g_strdup_printf ("%d x %d pts", width, height);
  g_autoptr(GBytes) bytes = read_file (path);

  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_true (memcmp (g_bytes_get_data (bytes, NULL), "%PDF-", 5) == 0);

  if (!have_program ("pdfinfo"))
    {
      g_test_message ("pdfinfo is missing (poppler-utils): only the header was checked");
      return;
    }

  g_assert_cmpint (run_full (&out, &err, TRUE, args), ==, 0);
  if (strstr (out, page_size) == NULL)
    g_error ("pdfinfo says:\n%s\nnot a page of %s", out, page_size);
}

static void
check_svg_with_xmllint (const char *path)
{
  const char *args[] = { "xmllint", "--noout", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!have_program ("xmllint"))
    return;

  g_assert_cmpint (run_full (&out, &err, TRUE, args), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

/* Options */

static void
test_parse (void)
{
  AtlasExportFormat format;
  AtlasExportViews views;
  int width = 0, height = 0;

  g_assert_true (atlas_export_parse_size ("1600x900", &width, &height));
  g_assert_cmpint (width, ==, 1600);
  g_assert_cmpint (height, ==, 900);
  g_assert_true (atlas_export_parse_size ("800X600", &width, &height));
  g_assert_cmpint (height, ==, 600);
  g_assert_true (atlas_export_parse_size ("320×200", &width, &height));
  g_assert_cmpint (width, ==, 320);
  g_assert_false (atlas_export_parse_size ("1600", &width, &height));
  g_assert_false (atlas_export_parse_size ("1600x", &width, &height));
  g_assert_false (atlas_export_parse_size ("0x900", &width, &height));
  g_assert_false (atlas_export_parse_size ("-5x900", &width, &height));
  g_assert_false (atlas_export_parse_size ("99999x900", &width, &height));
  g_assert_false (atlas_export_parse_size ("16x9px", &width, &height));

  g_assert_true (atlas_export_parse_views ("map", &views));
  g_assert_cmpint (views, ==, ATLAS_EXPORT_VIEWS_MAP);
  g_assert_true (atlas_export_parse_views ("timeline", &views));
  g_assert_cmpint (views, ==, ATLAS_EXPORT_VIEWS_TIMELINE);
  g_assert_true (atlas_export_parse_views ("both", &views));
  g_assert_cmpint (views, ==, ATLAS_EXPORT_VIEWS_BOTH);
  g_assert_false (atlas_export_parse_views ("all", &views));

  g_assert_true (atlas_export_format_for_name ("a/b.PNG", &format));
  g_assert_cmpint (format, ==, ATLAS_EXPORT_FORMAT_PNG);
  g_assert_true (atlas_export_format_for_name ("b.svg", &format));
  g_assert_cmpint (format, ==, ATLAS_EXPORT_FORMAT_SVG);
  g_assert_true (atlas_export_format_for_name ("b.pdf", &format));
  g_assert_cmpint (format, ==, ATLAS_EXPORT_FORMAT_PDF);
  g_assert_false (atlas_export_format_for_name ("b.jpeg", &format));
  g_assert_false (atlas_export_format_for_name ("png", &format));
}

/* Layout */

static void
test_layout (void)
{
  AtlasWindow *window = open_fixture ();
  int map_height = gtk_widget_get_height (GTK_WIDGET (_atlas_window_get_world_map (window)));
  int map_width = gtk_widget_get_width (GTK_WIDGET (_atlas_window_get_world_map (window)));
  int timeline_height = gtk_widget_get_height (GTK_WIDGET (_atlas_window_get_timeline (window)));
  AtlasExportOptions options;
  AtlasExportLayout layout;

  /* As shown: the views at their size, under the caption, one line
   * between them */
  atlas_export_options_init (&options);
  atlas_export_compute_layout (window, &options, &layout);
  g_assert_cmpint (layout.width, ==, map_width);
  g_assert_cmpfloat (layout.caption.size.height, >, 10);
  g_assert_cmpint (layout.height, ==, (int) layout.caption.size.height + map_height + 1 + timeline_height);
  g_assert_cmpfloat (layout.map.size.height, ==, map_height);
  g_assert_cmpfloat (layout.timeline.size.height, ==, timeline_height);
  g_assert_cmpfloat (layout.map.origin.y, ==, layout.caption.size.height);
  g_assert_cmpfloat (layout.timeline.origin.y, >, layout.map.origin.y);

  /* A size of one's own: stacked, in the window's proportions */
  options.width = 1000;
  options.height = 1000;
  atlas_export_compute_layout (window, &options, &layout);
  g_assert_cmpint (layout.width, ==, 1000);
  g_assert_cmpint (layout.height, ==, 1000);
  g_assert_cmpfloat (layout.map.size.width, ==, 1000);
  g_assert_cmpfloat (layout.caption.size.height + layout.map.size.height + 1 + layout.timeline.size.height,
                     ==, 1000);
  g_assert_cmpfloat (fabs (layout.map.size.height / (layout.map.size.height + layout.timeline.size.height) -
                           map_height / (double) (map_height + timeline_height)), <, .01);

  /* Wide: side by side */
  options.width = 2400;
  options.height = 700;
  atlas_export_compute_layout (window, &options, &layout);
  g_assert_cmpfloat (layout.map.origin.y, ==, layout.timeline.origin.y);
  g_assert_cmpfloat (layout.timeline.origin.x, >, layout.map.size.width);
  g_assert_cmpfloat (layout.map.size.width + 1 + layout.timeline.size.width, ==, 2400);

  /* One view takes it all */
  options.views = ATLAS_EXPORT_VIEWS_TIMELINE;
  atlas_export_compute_layout (window, &options, &layout);
  g_assert_true (graphene_rect_equal (&layout.map, graphene_rect_zero ()));
  g_assert_cmpfloat (layout.timeline.size.width, ==, 2400);
  g_assert_cmpfloat (layout.timeline.size.height, ==, 700 - layout.caption.size.height);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* From the window */

static void
test_window_png (void)
{
  AtlasWindow *window = open_fixture ();
  AtlasWorldMap *map = _atlas_window_get_world_map (window);
  int map_width, map_height;
  AtlasExportOptions options;
  AtlasExportLayout layout;
  g_autoptr(GError) error = NULL;
  ShumateViewport *viewport;

  show_brazil (window);
  map_width = gtk_widget_get_width (GTK_WIDGET (map));
  map_height = gtk_widget_get_height (GTK_WIDGET (map));

  /* A given size, at 1× and 2×: as large as asked, and as sharp */
  for (guint scale = 1; scale <= 2; scale++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_auto(Pixels) pixels = { 0 };

      atlas_export_options_init (&options);
      options.width = 1100;
      options.height = 760;
      options.scale = scale;
      bytes = atlas_export_render (window, &options, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);

      decode_png (bytes, &pixels);
      g_assert_cmpint (pixels.width, ==, 1100 * scale);
      g_assert_cmpint (pixels.height, ==, 760 * scale);
      g_assert_cmpuint (count_colors (&pixels), >, 50);

      atlas_export_compute_layout (window, &options, &layout);
      check_map_colors (&pixels, &layout, scale);
    }

  /* As shown */
  {
    g_autoptr(GBytes) bytes = NULL;
    g_auto(Pixels) pixels = { 0 };

    atlas_export_options_init (&options);
    options.views = ATLAS_EXPORT_VIEWS_MAP;
    bytes = atlas_export_render (window, &options, &error);
    g_assert_no_error (error);
    decode_png (bytes, &pixels);
    atlas_export_compute_layout (window, &options, &layout);
    g_assert_cmpint (pixels.width, ==, map_width);
    g_assert_cmpint (pixels.height, ==, layout.height);
    g_assert_cmpint (pixels.height, ==, (int) layout.caption.size.height + map_height);
    check_map_colors (&pixels, &layout, 1.);
  }

  /* The country under the pointer is not outlined in the picture, and
   * is outlined again on screen */
  {
    AtlasChoroplethLayer *choropleth = _atlas_world_map_get_choropleth (map);
    g_autoptr(GBytes) plain = NULL;
    g_autoptr(GBytes) hovered = NULL;

    atlas_export_options_init (&options);
    options.views = ATLAS_EXPORT_VIEWS_MAP;
    plain = atlas_export_render (window, &options, &error);
    atlas_choropleth_layer_set_hovered (choropleth, "BR");
    hovered = atlas_export_render (window, &options, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (plain, hovered));
    g_assert_cmpstr (atlas_choropleth_layer_get_hovered (choropleth), ==, "BR");
    atlas_choropleth_layer_set_hovered (choropleth, NULL);

    /* nor the timeline's item under the pointer (test-timeline checks
     * what hide-hover draws), which is highlighted again afterwards */
    g_assert_false (atlas_timeline_get_hide_hover (_atlas_window_get_timeline (window)));
  }

  /* The window lays its views out again as they were, the map where it
   * was */
  iterate (10);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), ==, map_width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (map)), ==, map_height);
  viewport = atlas_world_map_get_viewport (map);
  g_assert_cmpfloat (fabs (shumate_viewport_get_zoom_level (viewport) - MAP_ZOOM), <, 1e-9);
  g_assert_cmpfloat (fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - MAP_LATITUDE), <, 1e-6);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_svg (void)
{
  AtlasWindow *window = open_fixture ();
  g_autofree char *path = temp_file ("window.svg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AtlasExportOptions options;
  GdkRGBA lane;

  /* The timeline alone: one dot of the lane's colour a record, and the
   * lane's swatch beside its name */
  atlas_export_options_init (&options);
  options.views = ATLAS_EXPORT_VIEWS_TIMELINE;
  options.format = ATLAS_EXPORT_FORMAT_SVG;
  options.width = 1200;
  options.height = 500;
  g_assert_true (atlas_export_save (window, &options, file, &error));
  g_assert_no_error (error);

  check_svg_with_xmllint (path);
  bytes = read_file (path);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "width=\"1200px\""));
  get_first_lane_color (window, &lane);
  g_assert_cmpuint (count_svg_fills (bytes, &lane), ==, N_MARKS + 1);

  /* The map alone: vector, no tiles: the sea is a colour, not a bitmap */
  g_clear_pointer (&bytes, g_bytes_unref);
  options.views = ATLAS_EXPORT_VIEWS_MAP;
  bytes = atlas_export_render (window, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_svg_fills (bytes, &atlas_basemap_style_get (FALSE)->sea), >=, 1);
  g_assert_cmpuint (count_svg_fills (bytes, &atlas_basemap_style_get (FALSE)->land), >=, 1);
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "width=\"256\" height=\"256\""));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_pdf (void)
{
  AtlasWindow *window = open_fixture ();
  g_autofree char *path = temp_file ("window.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AtlasExportOptions options;

  atlas_export_options_init (&options);
  options.format = ATLAS_EXPORT_FORMAT_PDF;
  options.width = 900;
  options.height = 700;
  g_assert_true (atlas_export_save (window, &options, file, &error));
  g_assert_no_error (error);
  check_pdf (path, 900, 700);

  /* 2× enlarges the page */
  options.scale = 2.;
  g_assert_true (atlas_export_save (window, &options, file, &error));
  check_pdf (path, 1800, 1400);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The dialog */

static void
test_dialog (void)
{
  AtlasWindow *window = open_fixture ();
  g_autofree char *path = temp_file ("dialog.svg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  AtlasExportOptions options;
  AtlasExportLayout layout;
  GtkWidget *dialog;
  GdkRGBA lane;

  /* Ctrl+Shift+E, and the main menu's Export Picture… */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.export-picture");

    guint key = 0;
    GdkModifierType modifiers = 0;

    g_assert_nonnull (accels);
    g_assert_true (gtk_accelerator_parse (accels[0], &key, &modifiers));
    g_assert_cmpuint (key, ==, GDK_KEY_e);
    g_assert_cmpuint (modifiers, ==, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-picture", NULL));
  iterate (5);

  dialog = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ATLAS_IS_EXPORT_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Both views, as shown, by default */
  atlas_export_dialog_get_options (ATLAS_EXPORT_DIALOG (dialog), &options);
  g_assert_cmpint (options.views, ==, ATLAS_EXPORT_VIEWS_BOTH);
  g_assert_cmpint (options.width, ==, 0);
  g_assert_cmpfloat (options.scale, ==, 1.);

  /* A folder that is not there: the dialog says so, and stays */
  {
    g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/folder/picture.png");
    GtkWidget *error_dialog = NULL;

    g_assert_false (atlas_export_dialog_save (ATLAS_EXPORT_DIALOG (dialog), nowhere));
    g_assert_nonnull (dialog);
    for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (dialog))
        error_dialog = l->data;
    g_assert_nonnull (error_dialog);
    gtk_window_destroy (GTK_WINDOW (error_dialog));
  }

  /* The file's extension says the format; the dialog goes once done */
  g_assert_true (atlas_export_dialog_save (ATLAS_EXPORT_DIALOG (dialog), file));
  g_assert_null (dialog);

  check_svg_with_xmllint (path);
  bytes = read_file (path);
  atlas_export_compute_layout (window, &options, &layout);
  {
    g_autofree char *width = g_strdup_printf ("width=\"%dpx\"", layout.width);
    g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), width));
  }
  get_first_lane_color (window, &lane);
  g_assert_cmpuint (count_svg_fills (bytes, &lane), ==, N_MARKS + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The command line */

static void
test_cli_png (void)
{
  g_autofree char *fixture = fixture_path ();
  g_autofree char *path = temp_file ("cli.png");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(Pixels) pixels = { 0 };

  g_assert_cmpint (run (&out, &err, "--export", path, "--size", "800x600", fixture, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  bytes = read_file (path);
  decode_png (bytes, &pixels);
  g_assert_cmpint (pixels.width, ==, 800);
  g_assert_cmpint (pixels.height, ==, 600);
  g_assert_cmpuint (count_colors (&pixels), >, 50);

  /* The default size, the bundled data set, a view string */
  g_clear_pointer (&bytes, g_bytes_unref);
  pixels_clear (&pixels);
  g_assert_cmpint (run (&out, &err, "--export", path, "--show", "map",
                        "--view-string", "space-atlas://view?map=-15,-40,3", NULL), ==, 0);
  bytes = read_file (path);
  decode_png (bytes, &pixels);
  g_assert_cmpint (pixels.width, ==, ATLAS_EXPORT_DEFAULT_WIDTH);
  g_assert_cmpint (pixels.height, ==, ATLAS_EXPORT_DEFAULT_HEIGHT);
  g_assert_cmpuint (count_colors (&pixels), >, 50);
}

static void
test_cli_svg (void)
{
  g_autofree char *fixture = fixture_path ();
  g_autofree char *path = temp_file ("cli.svg");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GdkRGBA lane;
  AtlasWindow *window;

  g_assert_cmpint (run (&out, &err, "--export", path, "--show", "timeline", "--size", "1000x400",
                        fixture, NULL), ==, 0);
  check_svg_with_xmllint (path);
  bytes = read_file (path);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "width=\"1000px\""));

  /* The lane's colour as this process's style sheet has it */
  window = open_fixture ();
  get_first_lane_color (window, &lane);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpuint (count_svg_fills (bytes, &lane), ==, N_MARKS + 1);
}

static void
test_cli_pdf (void)
{
  g_autofree char *fixture = fixture_path ();
  g_autofree char *path = temp_file ("cli.pdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--export", path, "--size", "640x480", fixture, NULL), ==, 0);
  check_pdf (path, 640, 480);
}

static void
test_cli_usage (void)
{
  g_autofree char *fixture = fixture_path ();
  g_autofree char *path = temp_file ("usage.png");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  static const char * const bad[][2] = {
    { "--view-string", "http://example.org/view" },
    { "--view-string", "space-atlas://view?kind=nonsense" },
    { "--size", "800" },
    { "--size", "0x600" },
    { "--show", "everything" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (&out, &err, "--export", path, bad[i][0], bad[i][1], fixture, NULL), ==, 2);
      g_assert_cmpstr (err, !=, "");
    }

  /* --view is the same as --view-string */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--export", path, "--view", "nonsense", fixture, NULL), ==, 2);

  /* Too many pixels to draw: refused, nothing written */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--export", path, "--size", "16000x16000", fixture, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "million"));

  /* An extension that is no format, two files, --size alone */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--export", "picture.gif", fixture, NULL), ==, 2);
  g_assert_nonnull (strstr (err, ".png"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--export", path, fixture, fixture, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--size", "800x600", fixture, NULL), ==, 2);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_cli_bad_file (void)
{
  g_autofree char *syntax = g_test_build_filename (G_TEST_DIST, "fixtures", "bad", "syntax-error.json", NULL);
  g_autofree char *path = temp_file ("bad.png");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *where = g_strdup_printf ("%s:5:31: ", syntax);

  /* Printed as --check prints it; nothing written */
  g_assert_cmpint (run (&out, &err, "--export", path, syntax, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, where));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, &err, "--export", path, "/nonexistent/data.json", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "/nonexistent/data.json: "));
}

static void
test_cli_no_display (void)
{
  g_autofree char *fixture = fixture_path ();
  g_autofree char *path = temp_file ("no-display.png");
  const char *args[] = { g_getenv ("ATLAS_EXECUTABLE"), "--export", path, fixture, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_full (&out, &err, FALSE, args), ==, 1);
  g_assert_nonnull (strstr (err, "needs a display"));
  g_assert_nonnull (strstr (err, "xvfb-run"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
remove_temp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (temp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temp_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (temp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = atlas_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  temp_dir = g_dir_make_tmp ("space-atlas-export-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/export/parse", test_parse);
  g_test_add_func ("/export/layout", test_layout);
  g_test_add_func ("/export/window/png", test_window_png);
  g_test_add_func ("/export/window/svg", test_window_svg);
  g_test_add_func ("/export/window/pdf", test_window_pdf);
  g_test_add_func ("/export/dialog", test_dialog);
  g_test_add_func ("/export/cli/png", test_cli_png);
  g_test_add_func ("/export/cli/svg", test_cli_svg);
  g_test_add_func ("/export/cli/pdf", test_cli_pdf);
  g_test_add_func ("/export/cli/usage", test_cli_usage);
  g_test_add_func ("/export/cli/bad-file", test_cli_bad_file);
  g_test_add_func ("/export/cli/no-display", test_cli_no_display);

  status = g_test_run ();

  remove_temp_dir ();
  g_free (temp_dir);
  g_object_unref (app);
  return status;
}
