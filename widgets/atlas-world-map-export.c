/* atlas-world-map-export.c — the world map drawn onto any cairo surface
 *
 * On screen the basemap is tiles: bitmaps drawn in threads.  A picture
 * to print or to scale wants lines, so atlas_world_map_draw() draws
 * what the tiles show again as cairo paths (atlas_basemap_draw(), the
 * very code that draws the tiles), for exactly the map's viewport, and
 * then the map's overlays as the widgets drew them for the screen:
 * their GTK render nodes, through cairo.  The choropleth and the arcs
 * are cairo drawings already, which GTK records; markers, legend, scale
 * and attribution are CSS boxes and text.  On a PDF or SVG surface all
 * of it stays vector, text included; on an image surface scaled by 2 it
 * is drawn at twice the resolution, not enlarged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-world-map"

#include "config.h"

#include <math.h>

#include "atlas-basemap-source.h"
#include "atlas-world-geometry.h"
#include "atlas-world-map-export.h"
#include "atlas-world-map-private.h"

/* The basemap's tiles for the viewport, as paths.  libshumate draws
 * tiles of the zoom level below the view's, enlarged by what is left
 * over (2^0.6 at zoom 2.6), lines included: so does this. */
static void
draw_basemap (AtlasWorldMap *self,
              cairo_t       *cr,
              int            width,
              int            height)
{
  ShumateViewport *viewport = atlas_world_map_get_viewport (self);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double rotation = shumate_viewport_get_rotation (viewport);
  double tile_zoom = floor (zoom + 1e-9);
  double world_size = ATLAS_BASEMAP_TILE_SIZE * exp2 (zoom);
  double center_x = atlas_world_project_x (shumate_location_get_longitude (SHUMATE_LOCATION (viewport))) * world_size;
  double center_y = atlas_world_project_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport))) * world_size;
  double area_width = width, area_height = height;
  AtlasWorldDetail detail;
  AtlasWorldGeometry *geometry;

  /* The polygons the choropleth layer fills, so that fills and land
   * meet exactly; waiting for them here lets the layer find them too */
  detail = atlas_basemap_detail_for_zoom (zoom, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  geometry = atlas_world_geometry_get_default (detail);

  cairo_save (cr);
  if (rotation != 0.)
    {
      /* Whatever turns into view */
      area_width = area_height = ceil (hypot (width, height));
      cairo_translate (cr, width / 2., height / 2.);
      cairo_rotate (cr, rotation);
      cairo_translate (cr, -area_width / 2., -area_height / 2.);
    }

  atlas_basemap_draw (cr, atlas_basemap_style_get (atlas_world_map_get_dark (self)), geometry,
                      (guint) tile_zoom, world_size,
                      center_x - area_width / 2., center_y - area_height / 2.,
                      area_width, area_height, exp2 (zoom - tile_zoom));
  cairo_restore (cr);
}

/* Everything over the basemap, as the screen shows it, but for the
 * buttons and the outline of the country under the pointer: a picture
 * has no use for them */
static GskRenderNode *
snapshot_overlays (AtlasWorldMap *self)
{
  GtkWidget *map = GTK_WIDGET (_atlas_world_map_get_map (self));
  AtlasChoroplethLayer *choropleth = _atlas_world_map_get_choropleth (self);
  g_autofree char *hovered = g_strdup (atlas_choropleth_layer_get_hovered (choropleth));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  atlas_choropleth_layer_set_hovered (choropleth, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!SHUMATE_IS_MAP_LAYER (child))
      gtk_widget_snapshot_child (map, child, snapshot);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != map && !gtk_widget_has_css_class (child, "map-controls"))
      gtk_widget_snapshot_child (GTK_WIDGET (self), child, snapshot);

  atlas_choropleth_layer_set_hovered (choropleth, hovered);

  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/**
 * atlas_world_map_draw:
 * @cr: where to draw; (0, 0) is the map's top left corner, and a unit
 *   of @cr is a pixel of the map
 *
 * Draws what the map shows, at its size: the offline basemap as paths,
 * then the countries' shades, the arcs, the markers, the legend, the
 * scale and the attribution; not the zoom buttons.  Draw onto a PDF or
 * SVG surface for a vector map, onto an image surface scaled by 2 for
 * a sharp bitmap twice as large.
 *
 * The map must be mapped and allocated: shown, or mapped while its
 * window is not, as an export does.  OpenStreetMap tiles are not drawn:
 * the offline basemap is.
 */
void
atlas_world_map_draw (AtlasWorldMap *self,
                      cairo_t       *cr)
{
  int width, height;
  g_autoptr(GskRenderNode) overlays = NULL;

  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));
  g_return_if_fail (cr != NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return;

  g_return_if_fail (gtk_widget_get_mapped (GTK_WIDGET (self)));

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  draw_basemap (self, cr, width, height);

  overlays = snapshot_overlays (self);
  if (overlays != NULL)
    gsk_render_node_draw (overlays, cr);

  cairo_restore (cr);
}
