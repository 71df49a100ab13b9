/* atlas-basemap-source.c — offline map tiles drawn from Natural Earth
 *
 * A ShumateMapSource that needs no network: each tile is drawn with cairo
 * from the bundled country polygons, in a worker thread, at the size of
 * the screen's pixels (a 256 px tile is drawn at 512 px for a scale
 * factor of 2).  Tiles show land, sea, coastlines, borders and a faint
 * graticule, nothing that depends on the data set, so libshumate's
 * memory cache can keep them; the colours for dark and light styles and
 * the scale factor are part of the source's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-basemap-source"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-basemap-source.h"
#include "atlas-cairo-texture.h"

struct _AtlasBasemapSource
{
  ShumateMapSource parent_instance;

  gboolean         dark;
  int              scale_factor;
  guint            n_pending;
  guint            n_filled;
};

G_DEFINE_FINAL_TYPE (AtlasBasemapSource, atlas_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  PROP_0,
  PROP_DARK,
  PROP_SCALE_FACTOR,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a worker needs to draw one tile; nothing in it is shared */
typedef struct
{
  ShumateTile       *tile;
  AtlasBasemapStyle  style;
  AtlasWorldDetail   detail;
  guint              zoom_level;
  guint              x;
  guint              y;
  int                scale_factor;
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_clear_object (&job->tile);
  g_free (job);
}

/* Below this distance, in device pixels, a point adds nothing visible */
#define MIN_STEP 0.35

/* Graticule spacing, in degrees, by zoom level */
static double
graticule_step (guint zoom_level)
{
  if (zoom_level <= 2)
    return 30.;
  if (zoom_level <= 4)
    return 10.;
  return 5.;
}

/* Styles */

#define RGBA(r, g, b) { r / 255.f, g / 255.f, b / 255.f, 1.f }

static const AtlasBasemapStyle styles[2] = {
  /* Light: a pale, slightly cool sea and warm off-white land, so that
   * the choropleth's colours carry the information */
  {
    .sea = RGBA (0xd4, 0xe1, 0xeb),
    .land = RGBA (0xf7, 0xf5, 0xf1),
    .coast = RGBA (0x9f, 0xb4, 0xc6),
    .border = RGBA (0xbd, 0xb8, 0xb0),
    .graticule = RGBA (0xc6, 0xd5, 0xe1),
  },
  /* Dark: the same relations, inverted in lightness */
  {
    .sea = RGBA (0x1b, 0x22, 0x2b),
    .land = RGBA (0x39, 0x3a, 0x3d),
    .coast = RGBA (0x50, 0x5e, 0x6c),
    .border = RGBA (0x5c, 0x5c, 0x60),
    .graticule = RGBA (0x25, 0x2e, 0x39),
  },
};

#undef RGBA

/**
 * atlas_basemap_style_get:
 * @dark: whether the application uses a dark style
 *
 * Returns: (transfer none): the basemap's colours
 */
const AtlasBasemapStyle *
atlas_basemap_style_get (gboolean dark)
{
  return &styles[dark ? 1 : 0];
}

/**
 * atlas_basemap_detail_for_zoom:
 * @zoom_level: the map's zoom level
 * @scale_factor: the screen's scale factor
 *
 * Returns: the coarse polygons while the whole world is at most about
 *   1000 device pixels wide, the fine ones beyond
 */
AtlasWorldDetail
atlas_basemap_detail_for_zoom (double zoom_level,
                               int    scale_factor)
{
  return zoom_level + log2 (MAX (1, scale_factor)) >= 2.5 ? ATLAS_WORLD_DETAIL_FINE : ATLAS_WORLD_DETAIL_COARSE;
}

/* Drawing */

static void
set_source (cairo_t       *cr,
            const GdkRGBA *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

static gboolean
intersects (const AtlasWorldBounds *bounds,
            double                  shift,
            const AtlasWorldBounds *visible)
{
  return bounds->min_x + shift <= visible->max_x && bounds->max_x + shift >= visible->min_x &&
         bounds->min_y <= visible->max_y && bounds->max_y >= visible->min_y;
}

/* Appends points scaled to device pixels, leaving out those that would
 * not move the pen visibly */
static void
append_points (cairo_t               *cr,
               const AtlasWorldPoint *p,
               guint                  n_points,
               double                 scale,
               double                 origin_x,
               double                 origin_y,
               gboolean               closed)
{
  double last_x = p[0].x * scale - origin_x;
  double last_y = p[0].y * scale - origin_y;
  guint end = closed ? n_points - 1 : n_points;

  cairo_move_to (cr, last_x, last_y);
  for (guint i = 1; i < end; i++)
    {
      double x = p[i].x * scale - origin_x;
      double y = p[i].y * scale - origin_y;

      if (fabs (x - last_x) + fabs (y - last_y) < MIN_STEP && i + 1 < end)
        continue;

      cairo_line_to (cr, x, y);
      last_x = x;
      last_y = y;
    }

  if (closed)
    cairo_close_path (cr);
}

/**
 * atlas_basemap_append_shape_path:
 * @cr: where to add the path
 * @geometry: the polygons
 * @shape: the country
 * @world_size: the width of the whole world, in @cr's units
 * @origin_x: where the world's left edge is, negated: x = X × size − origin
 * @origin_y: where the world's top edge is, negated
 * @visible: what is visible, in normalized projected coordinates
 *
 * Adds the rings of @shape that are visible, in every copy of the world
 * that is visible (the map repeats east and west), to fill with the
 * even-odd rule.
 */
void
atlas_basemap_append_shape_path (cairo_t                *cr,
                                 AtlasWorldGeometry     *geometry,
                                 const AtlasWorldShape  *shape,
                                 double                  world_size,
                                 double                  origin_x,
                                 double                  origin_y,
                                 const AtlasWorldBounds *visible)
{
  const AtlasWorldRing *rings = atlas_world_geometry_get_rings (geometry, NULL);
  const AtlasWorldPoint *points = atlas_world_geometry_get_points (geometry, NULL);
  int first_copy = (int) floor (visible->min_x - shape->bounds.max_x);
  int last_copy = (int) ceil (visible->max_x - shape->bounds.min_x);

  for (int copy = first_copy; copy <= last_copy; copy++)
    {
      if (!intersects (&shape->bounds, copy, visible))
        continue;

      for (guint r = shape->first_ring; r < shape->first_ring + shape->n_rings; r++)
        if (intersects (&rings[r].bounds, copy, visible))
          append_points (cr, points + rings[r].first, rings[r].n_points, world_size,
                         origin_x - copy * world_size, origin_y, TRUE);
    }
}

/**
 * atlas_basemap_append_line_path:
 * @line: a coast or a border
 *
 * Adds @line to the path, in every copy of the world that is visible,
 * like atlas_basemap_append_shape_path().
 */
void
atlas_basemap_append_line_path (cairo_t                *cr,
                                AtlasWorldGeometry     *geometry,
                                const AtlasWorldLine   *line,
                                double                  world_size,
                                double                  origin_x,
                                double                  origin_y,
                                const AtlasWorldBounds *visible)
{
  const AtlasWorldPoint *points = atlas_world_geometry_get_points (geometry, NULL);
  int first_copy = (int) floor (visible->min_x - line->bounds.max_x);
  int last_copy = (int) ceil (visible->max_x - line->bounds.min_x);

  for (int copy = first_copy; copy <= last_copy; copy++)
    if (intersects (&line->bounds, copy, visible))
      append_points (cr, points + line->first, line->n_points, world_size,
                     origin_x - copy * world_size, origin_y, FALSE);
}

static void
stroke_lines (cairo_t                *cr,
              AtlasWorldGeometry     *geometry,
              AtlasWorldLineKind      kind,
              double                  world_size,
              double                  origin_x,
              double                  origin_y,
              const AtlasWorldBounds *visible)
{
  guint n_lines;
  const AtlasWorldLine *lines = atlas_world_geometry_get_lines (geometry, &n_lines);

  for (guint i = 0; i < n_lines; i++)
    if (lines[i].kind == kind)
      atlas_basemap_append_line_path (cr, geometry, &lines[i], world_size, origin_x, origin_y, visible);

  cairo_stroke (cr);
}

static void
draw_graticule (cairo_t                 *cr,
                const AtlasBasemapStyle *style,
                guint                    zoom_level,
                double                   world_size,
                double                   origin_x,
                double                   origin_y,
                double                   width,
                double                   height,
                double                   scale)
{
  double step = graticule_step (zoom_level);
  /* Meridians end where the world does, past the poles it shows */
  double top = MAX (0., -origin_y), bottom = MIN (height, world_size - origin_y);

  for (double lon = -180.; lon < 180.; lon += step)
    {
      double x = atlas_world_project_x (lon) * world_size - origin_x;

      /* The area may show any copy of the world, or several */
      x = fmod (x, world_size);
      if (x < 0)
        x += world_size;
      for (; x < width + 1. && bottom > top; x += world_size)
        if (x > -1.)
          {
            cairo_move_to (cr, round (x * 2) / 2, top);
            cairo_line_to (cr, round (x * 2) / 2, bottom);
          }
    }

  for (double lat = -80.; lat <= 80.; lat += step)
    {
      double y = atlas_world_project_y (lat) * world_size - origin_y;

      if (y > -1. && y < height + 1.)
        {
          cairo_move_to (cr, 0, round (y * 2) / 2);
          cairo_line_to (cr, width, round (y * 2) / 2);
        }
    }

  set_source (cr, &style->graticule);
  cairo_set_line_width (cr, scale);
  cairo_stroke (cr);
}

/**
 * atlas_basemap_draw:
 * @cr: a context whose (0, 0) is the top left corner of the area to draw
 * @style: the colours
 * @geometry: the polygons
 * @zoom_level: the zoom level, which sets the graticule's spacing and
 *   the width of lines
 * @world_size: the width of the whole world, in @cr's units
 * @origin_x: where the area's left edge is in the world, in @cr's units
 *   (x = X × @world_size − @origin_x for a normalized X)
 * @origin_y: where the area's top edge is in the world
 * @width: the area's width, in @cr's units
 * @height: the area's height
 * @scale: @cr's units per logical pixel, for lines about a pixel wide
 *
 * Draws the offline basemap over an area of any size: sea, graticule,
 * land, coasts and borders, as cairo paths.  A tile is one such area;
 * so is a whole map drawn onto a PDF or SVG surface.  Safe in any
 * thread: it only reads @geometry.
 */
void
atlas_basemap_draw (cairo_t                 *cr,
                    const AtlasBasemapStyle *style,
                    AtlasWorldGeometry      *geometry,
                    guint                    zoom_level,
                    double                   world_size,
                    double                   origin_x,
                    double                   origin_y,
                    double                   width,
                    double                   height,
                    double                   scale)
{
  /* What the area shows, with a margin for the width of lines */
  double margin = 2. / world_size;
  AtlasWorldBounds visible = {
    origin_x / world_size - margin, origin_y / world_size - margin,
    (origin_x + width) / world_size + margin, (origin_y + height) / world_size + margin,
  };
  guint n_shapes = atlas_world_geometry_get_n_shapes (geometry);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  set_source (cr, &style->sea);
  cairo_paint (cr);

  /* Lines of about a pixel: bevelled joins and the fast rasterizer look
   * the same as round joins and the best one, at half the cost */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);

  draw_graticule (cr, style, zoom_level, world_size, origin_x, origin_y, width, height, scale);

  for (guint i = 0; i < n_shapes; i++)
    atlas_basemap_append_shape_path (cr, geometry, atlas_world_geometry_get_shape (geometry, i),
                                     world_size, origin_x, origin_y, &visible);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_source (cr, &style->land);
  cairo_fill (cr);

  /* Borders under coasts: where they meet, the coast wins */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  set_source (cr, &style->border);
  cairo_set_line_width (cr, (zoom_level >= 4 ? 1. : .8) * scale);
  stroke_lines (cr, geometry, ATLAS_WORLD_LINE_BORDER, world_size, origin_x, origin_y, &visible);

  set_source (cr, &style->coast);
  cairo_set_line_width (cr, (zoom_level >= 4 ? 1.2 : .9) * scale);
  stroke_lines (cr, geometry, ATLAS_WORLD_LINE_COAST, world_size, origin_x, origin_y, &visible);

  cairo_restore (cr);
}

/**
 * atlas_basemap_render_tile:
 * @cr: a context whose (0, 0) is the tile's top left corner
 * @style: the colours
 * @geometry: the polygons
 * @zoom_level: the tile's zoom level
 * @x: the tile's column
 * @y: the tile's row
 * @scale: device pixels per logical pixel; the tile is 256 × @scale
 *   device pixels
 *
 * Draws one tile of the offline basemap, with atlas_basemap_draw().
 */
void
atlas_basemap_render_tile (cairo_t                 *cr,
                           const AtlasBasemapStyle *style,
                           AtlasWorldGeometry      *geometry,
                           guint                    zoom_level,
                           guint                    x,
                           guint                    y,
                           double                   scale)
{
  double size = ATLAS_BASEMAP_TILE_SIZE * scale;
  double world_size = size * exp2 (zoom_level);

  atlas_basemap_draw (cr, style, geometry, zoom_level, world_size, x * size, y * size, size, size, scale);
}

/* Filling tiles */

static void
render_tile_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TileJob *job = task_data;
  AtlasWorldGeometry *geometry;
  cairo_surface_t *surface;
  cairo_t *cr;
  int size = ATLAS_BASEMAP_TILE_SIZE * job->scale_factor;

  if (g_task_return_error_if_cancelled (task))
    return;

  geometry = atlas_world_geometry_get_default (job->detail);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  atlas_basemap_render_tile (cr, &job->style, geometry, job->zoom_level, job->x, job->y, job->scale_factor);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
finish_pending (AtlasBasemapSource *self)
{
  self->n_pending--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

/* Back on the main thread: the pixels become the tile's texture */
static void
tile_rendered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  finish_pending (self);

  surface = g_task_propagate_pointer (G_TASK (result), &error);
  if (surface == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  texture = atlas_cairo_texture_new (surface);

  shumate_tile_set_paintable (job->tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (job->tile, FALSE);
  shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);
  self->n_filled++;

  g_task_return_boolean (task, TRUE);
}

static void
atlas_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                      ShumateTile         *tile,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) render = NULL;
  TileJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_basemap_source_fill_tile_async);

  job = g_new0 (TileJob, 1);
  job->tile = g_object_ref (tile);
  job->style = *atlas_basemap_style_get (self->dark);
  job->zoom_level = shumate_tile_get_zoom_level (tile);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->scale_factor = self->scale_factor;
  job->detail = atlas_basemap_detail_for_zoom (job->zoom_level, self->scale_factor);
  g_task_set_task_data (task, job, (GDestroyNotify) tile_job_free);

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);

  self->n_pending++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);

  /* The same job data; the outer task owns it and outlives this one */
  render = g_task_new (self, cancellable, tile_rendered_cb, g_steal_pointer (&task));
  g_task_set_source_tag (render, atlas_basemap_source_fill_tile_async);
  g_task_set_task_data (render, job, NULL);
  g_task_run_in_thread (render, render_tile_thread);
}

static gboolean
atlas_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
atlas_basemap_source_constructed (GObject *object)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (object);
  g_autofree char *id = NULL;

  G_OBJECT_CLASS (atlas_basemap_source_parent_class)->constructed (object);

  /* libshumate caches tiles by source id: one id per look */
  id = g_strdup_printf ("space-atlas-natural-earth-%s@%d", self->dark ? "dark" : "light", self->scale_factor);
  shumate_map_source_set_id (source, id);
  shumate_map_source_set_name (source, _("Natural Earth"));
  /* Translators: the attribution of the offline map's data */
  shumate_map_source_set_license (source, _("Natural Earth (public domain)"));
  shumate_map_source_set_license_uri (source, "https://www.naturalearthdata.com/");
  shumate_map_source_set_min_zoom_level (source, 0);
  shumate_map_source_set_max_zoom_level (source, ATLAS_BASEMAP_MAX_ZOOM);
  shumate_map_source_set_tile_size (source, ATLAS_BASEMAP_TILE_SIZE);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);
}

static void
atlas_basemap_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_SCALE_FACTOR:
      g_value_set_int (value, self->scale_factor);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_basemap_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasBasemapSource *self = ATLAS_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      self->dark = g_value_get_boolean (value);
      break;
    case PROP_SCALE_FACTOR:
      self->scale_factor = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_basemap_source_class_init (AtlasBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->constructed = atlas_basemap_source_constructed;
  object_class->get_property = atlas_basemap_source_get_property;
  object_class->set_property = atlas_basemap_source_set_property;
  source_class->fill_tile_async = atlas_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = atlas_basemap_source_fill_tile_finish;

  /**
   * AtlasBasemapSource:dark:
   *
   * Whether the tiles use the dark style's colours.
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasBasemapSource:scale-factor:
   *
   * Device pixels per logical pixel of the screen the tiles are for.
   */
  properties[PROP_SCALE_FACTOR] =
    g_param_spec_int ("scale-factor", NULL, NULL, 1, 4, 1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasBasemapSource:n-pending:
   *
   * How many tiles are being drawn.  libshumate 1.0 has no way to tell
   * when a map has all its tiles; this does.
   */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_basemap_source_init (AtlasBasemapSource *self)
{
  self->scale_factor = 1;
}

/**
 * atlas_basemap_source_new:
 * @dark: whether to use the dark style's colours
 * @scale_factor: the screen's scale factor, 1 to 4
 *
 * Returns: (transfer full): a map source that draws Natural Earth
 *   countries without a network
 */
AtlasBasemapSource *
atlas_basemap_source_new (gboolean dark,
                          int      scale_factor)
{
  return g_object_new (ATLAS_TYPE_BASEMAP_SOURCE,
                       "dark", dark,
                       "scale-factor", CLAMP (scale_factor, 1, 4),
                       NULL);
}

gboolean
atlas_basemap_source_get_dark (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), FALSE);
  return self->dark;
}

int
atlas_basemap_source_get_scale_factor (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), 1);
  return self->scale_factor;
}

/**
 * atlas_basemap_source_get_n_pending:
 *
 * Returns: how many tiles are being drawn now
 */
guint
atlas_basemap_source_get_n_pending (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), 0);
  return self->n_pending;
}

/**
 * atlas_basemap_source_get_n_filled:
 *
 * Returns: how many tiles the source has drawn so far
 */
guint
atlas_basemap_source_get_n_filled (AtlasBasemapSource *self)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP_SOURCE (self), 0);
  return self->n_filled;
}
