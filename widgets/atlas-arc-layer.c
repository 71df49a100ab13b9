/* atlas-arc-layer.c — great-circle arcs between the partners of an item
 *
 * Each pair of partners is joined by the shortest path on the globe,
 * interpolated into short straight pieces once, when the partners
 * change, and kept in projected coordinates that run on continuously
 * across the antimeridian (an arc from Japan to the USA goes east past
 * 180°, not back across Asia).  Drawing repeats it in every copy of the
 * world that is visible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-arc-layer"

#include "config.h"

#include <math.h>

#include "atlas-arc-layer.h"
#include "atlas-basemap-source.h"
#include "atlas-choropleth-layer.h"

/* Pieces per arc: smooth at any zoom for arcs between countries */
#define ARC_POINTS 65

struct _AtlasArcLayer
{
  ShumateLayer parent_instance;

  GArray      *endpoints;  /* AtlasWorldPoint, projected */
  GPtrArray   *arcs;       /* GArray of AtlasWorldPoint, projected */
  GArray      *bounds;     /* AtlasWorldBounds, one per arc */
  gboolean     dark;
};

G_DEFINE_FINAL_TYPE (AtlasArcLayer, atlas_arc_layer, SHUMATE_TYPE_LAYER)

#define DEG (G_PI / 180.)

/**
 * atlas_great_circle:
 * @lat1: latitude of the start, in degrees
 * @lon1: longitude of the start
 * @lat2: latitude of the end
 * @lon2: longitude of the end
 * @n_points: how many points to compute, at least 2
 * @points: (out caller-allocates) (array length=n_points): the points,
 *   x the longitude and y the latitude in degrees; longitudes run on
 *   continuously from @lon1, beyond ±180 if the arc crosses the
 *   antimeridian
 *
 * Interpolates the shortest path between two points on a sphere
 * (spherical linear interpolation of their unit vectors).
 */
void
atlas_great_circle (double           lat1,
                    double           lon1,
                    double           lat2,
                    double           lon2,
                    guint            n_points,
                    AtlasWorldPoint *points)
{
  double a[3], b[3], d;

  g_return_if_fail (n_points >= 2);

  a[0] = cos (lat1 * DEG) * cos (lon1 * DEG);
  a[1] = cos (lat1 * DEG) * sin (lon1 * DEG);
  a[2] = sin (lat1 * DEG);
  b[0] = cos (lat2 * DEG) * cos (lon2 * DEG);
  b[1] = cos (lat2 * DEG) * sin (lon2 * DEG);
  b[2] = sin (lat2 * DEG);
  d = acos (CLAMP (a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1., 1.));

  for (guint i = 0; i < n_points; i++)
    {
      double t = (double) i / (n_points - 1);
      double p[3], lon;

      if (d < 1e-9 || fabs (sin (d)) < 1e-9)
        {
          /* The same point, or antipodes (no single shortest path):
           * along the meridians instead */
          points[i].y = lat1 + t * (lat2 - lat1);
          points[i].x = lon1 + t * (lon2 - lon1);
          continue;
        }

      for (guint k = 0; k < 3; k++)
        p[k] = (sin ((1. - t) * d) * a[k] + sin (t * d) * b[k]) / sin (d);

      points[i].y = atan2 (p[2], hypot (p[0], p[1])) / DEG;
      lon = atan2 (p[1], p[0]) / DEG;

      /* Continue from the previous point across ±180° */
      if (i == 0)
        lon = lon1;
      else
        {
          while (lon - points[i - 1].x > 180.)
            lon -= 360.;
          while (lon - points[i - 1].x < -180.)
            lon += 360.;
        }
      points[i].x = lon;
    }
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

static void
append_arcs (AtlasArcLayer          *self,
             cairo_t                *cr,
             double                  world_size,
             double                  origin_x,
             double                  origin_y,
             const AtlasWorldBounds *visible)
{
  for (guint i = 0; i < self->arcs->len; i++)
    {
      GArray *arc = g_ptr_array_index (self->arcs, i);
      const AtlasWorldBounds *bounds = &g_array_index (self->bounds, AtlasWorldBounds, i);
      int first_copy = (int) floor (visible->min_x - bounds->max_x);
      int last_copy = (int) ceil (visible->max_x - bounds->min_x);

      if (bounds->max_y < visible->min_y || bounds->min_y > visible->max_y)
        continue;

      for (int copy = first_copy; copy <= last_copy; copy++)
        {
          if (bounds->min_x + copy > visible->max_x || bounds->max_x + copy < visible->min_x)
            continue;

          for (guint j = 0; j < arc->len; j++)
            {
              const AtlasWorldPoint *p = &g_array_index (arc, AtlasWorldPoint, j);
              double x = (p->x + copy) * world_size - origin_x;
              double y = p->y * world_size - origin_y;

              if (j == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
        }
    }
}

static void
append_endpoints (AtlasArcLayer          *self,
                  cairo_t                *cr,
                  double                  world_size,
                  double                  origin_x,
                  double                  origin_y,
                  const AtlasWorldBounds *visible,
                  double                  radius)
{
  for (guint i = 0; i < self->endpoints->len; i++)
    {
      const AtlasWorldPoint *p = &g_array_index (self->endpoints, AtlasWorldPoint, i);

      for (int copy = (int) floor (visible->min_x - p->x); copy <= (int) ceil (visible->max_x - p->x); copy++)
        {
          double x = (p->x + copy) * world_size - origin_x;
          double y = p->y * world_size - origin_y;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
        }
    }
}

static void
atlas_arc_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AtlasArcLayer *self = ATLAS_ARC_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double world_size, origin_x, origin_y, reach, rotation;
  AtlasWorldBounds visible;
  GdkRGBA accent;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->arcs->len == 0)
    return;

  rotation = shumate_viewport_get_rotation (viewport);
  world_size = ATLAS_BASEMAP_TILE_SIZE * exp2 (shumate_viewport_get_zoom_level (viewport));
  origin_x = atlas_world_project_x (shumate_location_get_longitude (SHUMATE_LOCATION (viewport))) * world_size;
  origin_y = atlas_world_project_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport))) * world_size;
  reach = hypot (width, height) / 2. + 8.;
  visible.min_x = (origin_x - reach) / world_size;
  visible.max_x = (origin_x + reach) / world_size;
  visible.min_y = (origin_y - reach) / world_size;
  visible.max_y = (origin_y + reach) / world_size;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, width / 2., height / 2.);
  cairo_rotate (cr, rotation);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  atlas_choropleth_get_highlight_color (self->dark, &accent);

  /* A halo keeps the line readable over any country's colour */
  append_arcs (self, cr, world_size, origin_x, origin_y, &visible);
  if (self->dark)
    cairo_set_source_rgba (cr, 0, 0, 0, .55);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, .85);
  cairo_set_line_width (cr, 5.);
  cairo_stroke_preserve (cr);
  set_source (cr, &accent);
  cairo_set_line_width (cr, 2.);
  cairo_stroke (cr);

  append_endpoints (self, cr, world_size, origin_x, origin_y, &visible, 4.);
  set_source (cr, &accent);
  cairo_fill_preserve (cr);
  if (self->dark)
    cairo_set_source_rgba (cr, 0, 0, 0, .8);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  cairo_destroy (cr);
}

static void
viewport_changed_cb (AtlasArcLayer *self)
{
  if (self->arcs->len > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
atlas_arc_layer_constructed (GObject *object)
{
  AtlasArcLayer *self = ATLAS_ARC_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (atlas_arc_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::rotation", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
atlas_arc_layer_finalize (GObject *object)
{
  AtlasArcLayer *self = ATLAS_ARC_LAYER (object);

  g_clear_pointer (&self->endpoints, g_array_unref);
  g_clear_pointer (&self->arcs, g_ptr_array_unref);
  g_clear_pointer (&self->bounds, g_array_unref);

  G_OBJECT_CLASS (atlas_arc_layer_parent_class)->finalize (object);
}

static void
atlas_arc_layer_class_init (AtlasArcLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_arc_layer_constructed;
  object_class->finalize = atlas_arc_layer_finalize;
  widget_class->snapshot = atlas_arc_layer_snapshot;

  gtk_widget_class_set_css_name (widget_class, "arclayer");
}

static void
atlas_arc_layer_init (AtlasArcLayer *self)
{
  self->endpoints = g_array_new (FALSE, FALSE, sizeof (AtlasWorldPoint));
  self->arcs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->bounds = g_array_new (FALSE, FALSE, sizeof (AtlasWorldBounds));

  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

AtlasArcLayer *
atlas_arc_layer_new (ShumateViewport *viewport)
{
  return g_object_new (ATLAS_TYPE_ARC_LAYER, "viewport", viewport, NULL);
}

/**
 * atlas_arc_layer_set_endpoints:
 * @endpoints: (array length=n_endpoints) (nullable): the partners'
 *   places, x the longitude and y the latitude in degrees
 *
 * Joins every pair of @endpoints with an arc; fewer than two draw
 * nothing.
 */
void
atlas_arc_layer_set_endpoints (AtlasArcLayer         *self,
                               const AtlasWorldPoint *endpoints,
                               guint                  n_endpoints)
{
  AtlasWorldPoint points[ARC_POINTS];

  g_return_if_fail (ATLAS_IS_ARC_LAYER (self));
  g_return_if_fail (endpoints != NULL || n_endpoints == 0);

  g_array_set_size (self->endpoints, 0);
  g_ptr_array_set_size (self->arcs, 0);
  g_array_set_size (self->bounds, 0);

  for (guint i = 0; n_endpoints >= 2 && i < n_endpoints; i++)
    {
      AtlasWorldPoint p = { atlas_world_project_x (endpoints[i].x), atlas_world_project_y (endpoints[i].y) };

      g_array_append_val (self->endpoints, p);

      for (guint j = i + 1; j < n_endpoints; j++)
        {
          GArray *arc = g_array_sized_new (FALSE, FALSE, sizeof (AtlasWorldPoint), ARC_POINTS);
          AtlasWorldBounds bounds = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

          atlas_great_circle (endpoints[i].y, endpoints[i].x, endpoints[j].y, endpoints[j].x,
                              ARC_POINTS, points);
          for (guint k = 0; k < ARC_POINTS; k++)
            {
              AtlasWorldPoint q = { atlas_world_project_x (points[k].x), atlas_world_project_y (points[k].y) };

              g_array_append_val (arc, q);
              bounds.min_x = MIN (bounds.min_x, q.x);
              bounds.max_x = MAX (bounds.max_x, q.x);
              bounds.min_y = MIN (bounds.min_y, q.y);
              bounds.max_y = MAX (bounds.max_y, q.y);
            }

          g_ptr_array_add (self->arcs, arc);
          g_array_append_val (self->bounds, bounds);
        }
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * atlas_arc_layer_get_n_arcs:
 *
 * Returns: how many arcs the layer draws
 */
guint
atlas_arc_layer_get_n_arcs (AtlasArcLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_ARC_LAYER (self), 0);
  return self->arcs->len;
}

void
atlas_arc_layer_set_dark (AtlasArcLayer *self,
                          gboolean       dark)
{
  g_return_if_fail (ATLAS_IS_ARC_LAYER (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
