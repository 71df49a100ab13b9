/* atlas-choropleth-layer.c — countries shaded by how many items involve them
 *
 * A map layer drawn with cairo over the basemap's tiles, so the tiles
 * stay independent of the data and a change of counts redraws at once.
 * Counts are read into per-class lists of shapes when they change (for
 * each scale of the polygons, when first drawn); drawing only walks those
 * lists.  It draws, bottom to top: member countries of a partner
 * organization, hatched; the involved countries, filled by class; their
 * outlines; then the outlines of the selected item's countries, of the
 * hovered country and of the selected country.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-choropleth-layer"

#include "config.h"

#include <math.h>

#include "atlas-basemap-source.h"
#include "atlas-choropleth-layer.h"
#include "atlas-world-geometry.h"

struct _AtlasChoroplethLayer
{
  ShumateLayer        parent_instance;

  /* code → count, as given */
  GHashTable         *counts;
  GHashTable         *member_counts;
  guint               max_count;
  guint               n_classes;

  GStrv               highlighted;
  char               *hovered;
  GStrv               selected;
  gboolean            dark;
  AtlasChoroplethPalette palette;

  /* Countries drawing the eye, newest last: code → when it began */
  GPtrArray          *pulses;
  guint               pulse_tick;

  /* Shapes to draw, resolved for one geometry */
  AtlasWorldGeometry *resolved_for;
  GPtrArray          *classes[ATLAS_CHOROPLETH_MAX_CLASSES];
  GPtrArray          *members;
  GPtrArray          *highlighted_shapes;
  GPtrArray          *selected_shapes;
  GArray             *outlines;  /* indices of lines beside a shaded country */
};

G_DEFINE_FINAL_TYPE (AtlasChoroplethLayer, atlas_choropleth_layer, SHUMATE_TYPE_LAYER)

G_DEFINE_ENUM_TYPE (AtlasChoroplethPalette, atlas_choropleth_palette,
                    G_DEFINE_ENUM_VALUE (ATLAS_CHOROPLETH_PALETTE_WARM, "warm"),
                    G_DEFINE_ENUM_VALUE (ATLAS_CHOROPLETH_PALETTE_VIRIDIS, "viridis"),
                    G_DEFINE_ENUM_VALUE (ATLAS_CHOROPLETH_PALETTE_GREYS, "greys"))

#define N_PALETTES 3

/* Palettes, first class first, for light land then for dark land: on
 * light land more is darker; on dark land, from dim to bright, so that
 * more is always more visible.
 *
 * Warm: amber to deep crimson, hues apart from the blue sea.
 * Viridis: the steps of matplotlib's viridis scale (its colours are
 * facts of a published scale, chosen to be even in lightness and legible
 * with colour vision deficiencies), the darkest dropped on dark land,
 * where it would vanish.
 * Greys: even steps of lightness, for printing in black and white. */
static const guint32 palettes[N_PALETTES][2][ATLAS_CHOROPLETH_MAX_CLASSES] = {
  {
    { 0xfce4a8, 0xf8c070, 0xf39a4c, 0xe0673a, 0xbf3c3f, 0x8a2346 },
    { 0x6b5433, 0x8f6430, 0xb9762c, 0xde8a2e, 0xf5a947, 0xffd587 },
  },
  {
    { 0xfde725, 0x90d743, 0x35b779, 0x21918c, 0x31688e, 0x443983 },
    { 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xfde725 },
  },
  {
    { 0xd9d9d9, 0xb4b4b4, 0x8f8f8f, 0x6a6a6a, 0x454545, 0x1f1f1f },
    { 0x5c5c5c, 0x7d7d7d, 0x9e9e9e, 0xbfbfbf, 0xdfdfdf, 0xfcfcfc },
  },
};

/* How long a country draws the eye, and how far its halo reaches, in
 * logical pixels */
#define PULSE_DURATION (1600 * G_TIME_SPAN_MILLISECOND)
#define PULSE_REACH 14.

typedef struct
{
  char   *code;
  gint64  start;
} Pulse;

static void
pulse_free (Pulse *pulse)
{
  g_free (pulse->code);
  g_free (pulse);
}

/* Hatching, in logical pixels */
#define HATCH_SPACING 5.
#define HATCH_WIDTH 1.5

static void
rgba_from_hex (guint32  hex,
               float    alpha,
               GdkRGBA *rgba)
{
  rgba->red = ((hex >> 16) & 0xff) / 255.f;
  rgba->green = ((hex >> 8) & 0xff) / 255.f;
  rgba->blue = (hex & 0xff) / 255.f;
  rgba->alpha = alpha;
}

/* g_set_str() is GLib 2.76 */
static gboolean
replace_str (char       **str,
             const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;

  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

/* Classes and colours */

/**
 * atlas_choropleth_classify:
 * @count: a number of items, at least 1
 *
 * Returns: the class of @count: 0 for 1, 1 for 2–3, 2 for 4–7, …, 5 for
 *   32 and more
 */
guint
atlas_choropleth_classify (guint count)
{
  guint class_index = 0;

  g_return_val_if_fail (count > 0, 0);

  while (count > 1 && class_index + 1 < ATLAS_CHOROPLETH_MAX_CLASSES)
    {
      count >>= 1;
      class_index++;
    }

  return class_index;
}

/**
 * atlas_choropleth_get_n_classes:
 * @max_count: the largest count
 *
 * Returns: how many classes are needed to show counts up to @max_count
 */
guint
atlas_choropleth_get_n_classes (guint max_count)
{
  return max_count == 0 ? 0 : atlas_choropleth_classify (max_count) + 1;
}

/**
 * atlas_choropleth_get_class_range:
 * @first: (out): the smallest count in the class
 * @last: (out): the largest, or %G_MAXUINT for the last class
 */
void
atlas_choropleth_get_class_range (guint  class_index,
                                  guint *first,
                                  guint *last)
{
  g_return_if_fail (class_index < ATLAS_CHOROPLETH_MAX_CLASSES);

  *first = 1u << class_index;
  *last = class_index + 1 == ATLAS_CHOROPLETH_MAX_CLASSES ? G_MAXUINT : (2u << class_index) - 1;
}

/**
 * atlas_choropleth_get_color:
 * @class_index: a class, below @n_classes
 * @n_classes: how many classes the map shows
 * @palette: whose colours
 * @dark: for the dark style
 * @color: (out): the class's colour
 *
 * With fewer than six classes, the colours are spread over the palette
 * so that neighbouring classes stay easy to tell apart.
 */
void
atlas_choropleth_get_color (guint                  class_index,
                            guint                  n_classes,
                            AtlasChoroplethPalette palette,
                            gboolean               dark,
                            GdkRGBA               *color)
{
  guint index, low;

  g_return_if_fail (color != NULL);
  g_return_if_fail (palette < N_PALETTES);

  n_classes = CLAMP (n_classes, 1, ATLAS_CHOROPLETH_MAX_CLASSES);
  class_index = MIN (class_index, n_classes - 1);

  if (n_classes == 1)
    index = 3;
  else
    {
      low = n_classes >= ATLAS_CHOROPLETH_MAX_CLASSES ? 0 : 1;
      index = low + (guint) round ((double) class_index * (ATLAS_CHOROPLETH_MAX_CLASSES - 1 - low) /
                                   (n_classes - 1));
    }

  rgba_from_hex (palettes[palette][dark ? 1 : 0][index], 1.f, color);
}

/**
 * atlas_choropleth_get_member_color:
 * @palette: whose colours
 * @color: (out): the colour of the hatching of countries that are
 *   members of a partner organization
 */
void
atlas_choropleth_get_member_color (AtlasChoroplethPalette  palette,
                                   gboolean                dark,
                                   GdkRGBA                *color)
{
  g_return_if_fail (palette < N_PALETTES);

  rgba_from_hex (palettes[palette][dark ? 1 : 0][2], dark ? .8f : .75f, color);
}

/**
 * atlas_choropleth_get_highlight_color:
 * @color: (out): the colour of the selected item's countries' outlines
 *   and arcs (the accent blue)
 */
void
atlas_choropleth_get_highlight_color (gboolean  dark,
                                      GdkRGBA  *color)
{
  rgba_from_hex (dark ? 0x78aeed : 0x1c71d8, 1.f, color);
}

/* Resolving codes to shapes */

static void
clear_resolved (AtlasChoroplethLayer *self)
{
  for (guint i = 0; i < ATLAS_CHOROPLETH_MAX_CLASSES; i++)
    g_clear_pointer (&self->classes[i], g_ptr_array_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->highlighted_shapes, g_ptr_array_unref);
  g_clear_pointer (&self->selected_shapes, g_ptr_array_unref);
  g_clear_pointer (&self->outlines, g_array_unref);
  self->resolved_for = NULL;
}

static void
add_shapes (GPtrArray          *shapes,
            AtlasWorldGeometry *geometry,
            const char * const *codes)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const AtlasWorldShape *shape = atlas_world_geometry_lookup (geometry, codes[i]);

      if (shape != NULL)
        g_ptr_array_add (shapes, (gpointer) shape);
    }
}

/* Borders between two shaded countries, each once: the fills cover the
 * tiles' lines there.  A coast, or a border with a country that is not
 * shaded, keeps the outer half of the tile's line, which is enough. */
static void
find_outlines (AtlasChoroplethLayer *self,
               AtlasWorldGeometry   *geometry)
{
  guint n_shapes = atlas_world_geometry_get_n_shapes (geometry);
  g_autofree gboolean *shaded = g_new0 (gboolean, n_shapes);
  const AtlasWorldShape *first = n_shapes > 0 ? atlas_world_geometry_get_shape (geometry, 0) : NULL;
  const AtlasWorldLine *lines;
  guint n_lines;

  self->outlines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < ATLAS_CHOROPLETH_MAX_CLASSES; i++)
    for (guint j = 0; j < self->classes[i]->len; j++)
      shaded[(const AtlasWorldShape *) g_ptr_array_index (self->classes[i], j) - first] = TRUE;

  lines = atlas_world_geometry_get_lines (geometry, &n_lines);
  for (guint i = 0; i < n_lines; i++)
    if (lines[i].shapes[0] >= 0 && shaded[lines[i].shapes[0]] &&
        lines[i].shapes[1] >= 0 && shaded[lines[i].shapes[1]])
      g_array_append_val (self->outlines, i);
}

static void
resolve (AtlasChoroplethLayer *self,
         AtlasWorldGeometry   *geometry)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->resolved_for == geometry)
    return;

  clear_resolved (self);
  self->resolved_for = geometry;

  for (guint i = 0; i < ATLAS_CHOROPLETH_MAX_CLASSES; i++)
    self->classes[i] = g_ptr_array_new ();
  self->members = g_ptr_array_new ();
  self->highlighted_shapes = g_ptr_array_new ();
  self->selected_shapes = g_ptr_array_new ();

  if (self->counts != NULL)
    {
      g_hash_table_iter_init (&iter, self->counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const AtlasWorldShape *shape = atlas_world_geometry_lookup (geometry, key);
          guint count = GPOINTER_TO_UINT (value);

          if (shape != NULL && count > 0)
            g_ptr_array_add (self->classes[atlas_choropleth_classify (count)], (gpointer) shape);
        }
    }

  if (self->member_counts != NULL)
    {
      g_hash_table_iter_init (&iter, self->member_counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const AtlasWorldShape *shape = atlas_world_geometry_lookup (geometry, key);

          /* Direct partners are shaded already */
          if (shape != NULL && GPOINTER_TO_UINT (value) > 0 &&
              (self->counts == NULL || !g_hash_table_contains (self->counts, key)))
            g_ptr_array_add (self->members, (gpointer) shape);
        }
    }

  add_shapes (self->highlighted_shapes, geometry, (const char * const *) self->highlighted);
  add_shapes (self->selected_shapes, geometry, (const char * const *) self->selected);
  find_outlines (self, geometry);
}

/* Drawing */

typedef struct
{
  AtlasWorldGeometry *geometry;
  double              world_size;
  double              origin_x;
  double              origin_y;
  AtlasWorldBounds    visible;
} View;

static void
append_shapes (cairo_t    *cr,
               const View *view,
               GPtrArray  *shapes)
{
  for (guint i = 0; i < shapes->len; i++)
    atlas_basemap_append_shape_path (cr, view->geometry, g_ptr_array_index (shapes, i),
                                     view->world_size, view->origin_x, view->origin_y, &view->visible);
}

static void
append_code (cairo_t    *cr,
             const View *view,
             const char *code)
{
  const AtlasWorldShape *shape = atlas_world_geometry_lookup (view->geometry, code);

  if (shape != NULL)
    atlas_basemap_append_shape_path (cr, view->geometry, shape,
                                     view->world_size, view->origin_x, view->origin_y, &view->visible);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

/* Diagonal lines over the current path, which is then cleared */
static void
hatch (cairo_t       *cr,
       const GdkRGBA *color)
{
  double x1, y1, x2, y2;

  cairo_save (cr);
  cairo_clip (cr);
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);

  /* Lines at 45°, on a grid fixed to the view so they do not shimmer */
  for (double c = floor ((x1 + y1) / HATCH_SPACING) * HATCH_SPACING; c <= x2 + y2; c += HATCH_SPACING)
    {
      cairo_move_to (cr, c - y1, y1);
      cairo_line_to (cr, c - y2, y2);
    }

  set_source (cr, color);
  cairo_set_line_width (cr, HATCH_WIDTH);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A halo in the accent colour that widens and fades; without
 * animations, a steady outline for as long */
static void
draw_pulses (AtlasChoroplethLayer *self,
             cairo_t              *cr,
             const View           *view)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  gint64 now = clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  gboolean animate = TRUE;
  GdkRGBA color;

  if (self->pulses == NULL || self->pulses->len == 0)
    return;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animate, NULL);
  atlas_choropleth_get_highlight_color (self->dark, &color);

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->pulses->len; i++)
    {
      const Pulse *pulse = g_ptr_array_index (self->pulses, i);
      double t = CLAMP ((double) (now - pulse->start) / PULSE_DURATION, 0., 1.);

      append_code (cr, view, pulse->code);
      if (animate)
        {
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, .85 * (1. - t) * (1. - t));
          cairo_set_line_width (cr, 2. + PULSE_REACH * t);
        }
      else
        {
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, .85);
          cairo_set_line_width (cr, 3.);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static gboolean
pulse_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  AtlasChoroplethLayer *self = ATLAS_CHOROPLETH_LAYER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  for (guint i = self->pulses->len; i-- > 0;)
    {
      const Pulse *pulse = g_ptr_array_index (self->pulses, i);

      if (now - pulse->start >= PULSE_DURATION)
        g_ptr_array_remove_index (self->pulses, i);
    }

  gtk_widget_queue_draw (widget);

  if (self->pulses->len > 0)
    return G_SOURCE_CONTINUE;

  self->pulse_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
atlas_choropleth_layer_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  AtlasChoroplethLayer *self = ATLAS_CHOROPLETH_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom, rotation, reach_x, reach_y;
  AtlasWorldDetail detail;
  View view;
  GdkRGBA color;
  cairo_t *cr;
  gboolean has_members;

  if (width <= 0 || height <= 0)
    return;

  zoom = shumate_viewport_get_zoom_level (viewport);
  rotation = shumate_viewport_get_rotation (viewport);

  /* The fine polygons once they are read; never wait for them here */
  detail = atlas_basemap_detail_for_zoom (zoom, gtk_widget_get_scale_factor (widget));
  view.geometry = atlas_world_geometry_peek_default (detail);
  if (view.geometry == NULL)
    {
      atlas_world_geometry_preload (detail);
      view.geometry = atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_COARSE);
    }
  resolve (self, view.geometry);

  has_members = self->members->len > 0;
  if (self->max_count == 0 && !has_members && self->highlighted_shapes->len == 0 &&
      self->hovered == NULL && self->selected_shapes->len == 0 && self->pulses->len == 0)
    return;

  view.world_size = ATLAS_BASEMAP_TILE_SIZE * exp2 (zoom);
  view.origin_x = atlas_world_project_x (shumate_location_get_longitude (SHUMATE_LOCATION (viewport))) * view.world_size;
  view.origin_y = atlas_world_project_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport))) * view.world_size;

  /* What the widget shows, whatever the rotation */
  if (rotation == 0.)
    {
      reach_x = width / 2. + 2.;
      reach_y = height / 2. + 2.;
    }
  else
    reach_x = reach_y = hypot (width, height) / 2. + 2.;
  view.visible.min_x = (view.origin_x - reach_x) / view.world_size;
  view.visible.max_x = (view.origin_x + reach_x) / view.world_size;
  view.visible.min_y = (view.origin_y - reach_y) / view.world_size;
  view.visible.max_y = (view.origin_y + reach_y) / view.world_size;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, width / 2., height / 2.);
  cairo_rotate (cr, rotation);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Cairo's best antialiasing costs three times the fast one on large
   * polygons, for edges that lines cover anyway */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  /* Members of partner organizations: hatched, lighter than any class */
  if (has_members)
    {
      append_shapes (cr, &view, self->members);
      atlas_choropleth_get_member_color (self->palette, self->dark, &color);
      hatch (cr, &color);
    }

  /* Partner countries, one fill per class */
  for (guint i = 0; i < self->n_classes; i++)
    {
      if (self->classes[i]->len == 0)
        continue;

      append_shapes (cr, &view, self->classes[i]);
      atlas_choropleth_get_color (i, self->n_classes, self->palette, self->dark, &color);
      set_source (cr, &color);
      cairo_fill (cr);
    }

  /* Borders between them, darker, over the tiles' lines they covered */
  if (self->outlines->len > 0)
    {
      const AtlasWorldLine *lines = atlas_world_geometry_get_lines (view.geometry, NULL);

      for (guint i = 0; i < self->outlines->len; i++)
        atlas_basemap_append_line_path (cr, view.geometry, &lines[g_array_index (self->outlines, guint, i)],
                                        view.world_size, view.origin_x, view.origin_y, &view.visible);
      cairo_save (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_set_source_rgba (cr, 0, 0, 0, self->dark ? .5 : .22);
      cairo_set_line_width (cr, .75);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  if (self->highlighted_shapes->len > 0)
    {
      append_shapes (cr, &view, self->highlighted_shapes);
      atlas_choropleth_get_highlight_color (self->dark, &color);
      set_source (cr, &color);
      cairo_set_line_width (cr, 2.);
      cairo_stroke (cr);
    }

  if (self->hovered != NULL)
    {
      append_code (cr, &view, self->hovered);
      if (self->dark)
        cairo_set_source_rgba (cr, 1, 1, 1, .6);
      else
        cairo_set_source_rgba (cr, 0, 0, 0, .35);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }

  if (self->selected_shapes->len > 0)
    {
      append_shapes (cr, &view, self->selected_shapes);
      if (self->dark)
        cairo_set_source_rgba (cr, 1, 1, 1, .85);
      else
        cairo_set_source_rgba (cr, 0, 0, 0, .65);
      cairo_set_line_width (cr, 2.);
      cairo_stroke (cr);
    }

  draw_pulses (self, cr, &view);

  cairo_destroy (cr);
}

static void
viewport_changed_cb (AtlasChoroplethLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
atlas_choropleth_layer_constructed (GObject *object)
{
  AtlasChoroplethLayer *self = ATLAS_CHOROPLETH_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (atlas_choropleth_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::rotation", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
atlas_choropleth_layer_finalize (GObject *object)
{
  AtlasChoroplethLayer *self = ATLAS_CHOROPLETH_LAYER (object);

  clear_resolved (self);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->member_counts, g_hash_table_unref);
  g_clear_pointer (&self->highlighted, g_strfreev);
  g_clear_pointer (&self->hovered, g_free);
  g_clear_pointer (&self->selected, g_strfreev);
  g_clear_pointer (&self->pulses, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_choropleth_layer_parent_class)->finalize (object);
}

static void
atlas_choropleth_layer_class_init (AtlasChoroplethLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_choropleth_layer_constructed;
  object_class->finalize = atlas_choropleth_layer_finalize;
  widget_class->snapshot = atlas_choropleth_layer_snapshot;

  gtk_widget_class_set_css_name (widget_class, "choroplethlayer");
}

static void
atlas_choropleth_layer_init (AtlasChoroplethLayer *self)
{
  /* The map underneath handles pointer events */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  self->pulses = g_ptr_array_new_with_free_func ((GDestroyNotify) pulse_free);
}

/* Public API */

AtlasChoroplethLayer *
atlas_choropleth_layer_new (ShumateViewport *viewport)
{
  return g_object_new (ATLAS_TYPE_CHOROPLETH_LAYER, "viewport", viewport, NULL);
}

/**
 * atlas_choropleth_layer_set_counts:
 * @counts: (nullable) (element-type utf8 guint): country code → number of
 *   items; the layer keeps a reference and reads it only here
 * @member_counts: (nullable) (element-type utf8 guint): country code →
 *   number of items that involve an organization it is a member of
 */
void
atlas_choropleth_layer_set_counts (AtlasChoroplethLayer *self,
                                   GHashTable           *counts,
                                   GHashTable           *member_counts)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self));

  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->member_counts, g_hash_table_unref);
  self->counts = counts ? g_hash_table_ref (counts) : NULL;
  self->member_counts = member_counts ? g_hash_table_ref (member_counts) : NULL;

  self->max_count = 0;
  if (counts != NULL)
    {
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        self->max_count = MAX (self->max_count, GPOINTER_TO_UINT (value));
    }
  self->n_classes = atlas_choropleth_get_n_classes (self->max_count);

  clear_resolved (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * atlas_choropleth_layer_get_max_count:
 *
 * Returns: the largest count, which sets the classes the map shows
 */
guint
atlas_choropleth_layer_get_max_count (AtlasChoroplethLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self), 0);
  return self->max_count;
}

/**
 * atlas_choropleth_layer_set_highlighted:
 * @codes: (nullable): the countries of the selected item
 */
void
atlas_choropleth_layer_set_highlighted (AtlasChoroplethLayer *self,
                                        const char * const   *codes)
{
  g_return_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self));

  g_clear_pointer (&self->highlighted, g_strfreev);
  self->highlighted = g_strdupv ((char **) codes);
  clear_resolved (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * atlas_choropleth_layer_get_hovered:
 *
 * Returns: (nullable): the country outlined under the pointer
 */
const char *
atlas_choropleth_layer_get_hovered (AtlasChoroplethLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self), NULL);
  return self->hovered;
}

void
atlas_choropleth_layer_set_hovered (AtlasChoroplethLayer *self,
                                    const char           *code)
{
  g_return_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self));

  if (replace_str (&self->hovered, code))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * atlas_choropleth_layer_set_selected:
 * @codes: (nullable): the selected country's shapes (several for a
 *   former country)
 */
void
atlas_choropleth_layer_set_selected (AtlasChoroplethLayer *self,
                                     const char * const   *codes)
{
  g_return_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self));

  g_clear_pointer (&self->selected, g_strfreev);
  self->selected = g_strdupv ((char **) codes);
  clear_resolved (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
atlas_choropleth_layer_set_dark (AtlasChoroplethLayer *self,
                                 gboolean              dark)
{
  g_return_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * atlas_choropleth_layer_set_palette:
 * @palette: whose colours to fill countries with
 */
void
atlas_choropleth_layer_set_palette (AtlasChoroplethLayer   *self,
                                    AtlasChoroplethPalette  palette)
{
  g_return_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self));
  g_return_if_fail (palette < N_PALETTES);

  if (self->palette == palette)
    return;

  self->palette = palette;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * atlas_choropleth_layer_pulse:
 * @codes: countries to draw the eye to
 *
 * Draws a halo around each of @codes that widens and fades in under two
 * seconds: for countries that just joined, while playing through time.
 * A country already pulsing starts again.
 */
void
atlas_choropleth_layer_pulse (AtlasChoroplethLayer *self,
                              const char * const   *codes)
{
  GdkFrameClock *clock;
  gint64 now;

  g_return_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  now = clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      Pulse *pulse;

      for (guint j = self->pulses->len; j-- > 0;)
        if (g_str_equal (((Pulse *) g_ptr_array_index (self->pulses, j))->code, codes[i]))
          g_ptr_array_remove_index (self->pulses, j);

      pulse = g_new0 (Pulse, 1);
      pulse->code = g_strdup (codes[i]);
      pulse->start = now;
      g_ptr_array_add (self->pulses, pulse);
    }

  if (self->pulses->len > 0 && self->pulse_tick == 0)
    self->pulse_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), pulse_tick_cb, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * atlas_choropleth_layer_get_n_pulses:
 *
 * Returns: how many countries are drawing the eye now
 */
guint
atlas_choropleth_layer_get_n_pulses (AtlasChoroplethLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_CHOROPLETH_LAYER (self), 0);
  return self->pulses->len;
}
