/* atlas-basemap-source.h — offline map tiles drawn from Natural Earth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "atlas-world-geometry.h"

G_BEGIN_DECLS

/**
 * AtlasBasemapStyle:
 *
 * The colours of the offline basemap.
 */
typedef struct
{
  GdkRGBA sea;
  GdkRGBA land;
  GdkRGBA coast;
  GdkRGBA border;
  GdkRGBA graticule;
} AtlasBasemapStyle;

#define ATLAS_BASEMAP_TILE_SIZE 256
#define ATLAS_BASEMAP_MAX_ZOOM 8

#define ATLAS_TYPE_BASEMAP_SOURCE (atlas_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (AtlasBasemapSource, atlas_basemap_source, ATLAS, BASEMAP_SOURCE, ShumateMapSource)

AtlasBasemapSource      *atlas_basemap_source_new            (gboolean                 dark,
                                                              int                      scale_factor);
gboolean                 atlas_basemap_source_get_dark       (AtlasBasemapSource      *self);
int                      atlas_basemap_source_get_scale_factor (AtlasBasemapSource    *self);
guint                    atlas_basemap_source_get_n_pending  (AtlasBasemapSource      *self);
guint                    atlas_basemap_source_get_n_filled   (AtlasBasemapSource      *self);

const AtlasBasemapStyle *atlas_basemap_style_get             (gboolean                 dark);
AtlasWorldDetail         atlas_basemap_detail_for_zoom       (double                   zoom_level,
                                                              int                      scale_factor);
void                     atlas_basemap_draw                  (cairo_t                 *cr,
                                                              const AtlasBasemapStyle *style,
                                                              AtlasWorldGeometry      *geometry,
                                                              guint                    zoom_level,
                                                              double                   world_size,
                                                              double                   origin_x,
                                                              double                   origin_y,
                                                              double                   width,
                                                              double                   height,
                                                              double                   scale);
void                     atlas_basemap_render_tile           (cairo_t                 *cr,
                                                              const AtlasBasemapStyle *style,
                                                              AtlasWorldGeometry      *geometry,
                                                              guint                    zoom_level,
                                                              guint                    x,
                                                              guint                    y,
                                                              double                   scale);
void                     atlas_basemap_append_line_path      (cairo_t                 *cr,
                                                              AtlasWorldGeometry      *geometry,
                                                              const AtlasWorldLine    *line,
                                                              double                   world_size,
                                                              double                   origin_x,
                                                              double                   origin_y,
                                                              const AtlasWorldBounds  *visible);
void                     atlas_basemap_append_shape_path     (cairo_t                 *cr,
                                                              AtlasWorldGeometry      *geometry,
                                                              const AtlasWorldShape   *shape,
                                                              double                   world_size,
                                                              double                   origin_x,
                                                              double                   origin_y,
                                                              const AtlasWorldBounds  *visible);

G_END_DECLS
