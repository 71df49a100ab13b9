/* atlas-world-map-private.h — the world map's parts, for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-arc-layer.h"
#include "atlas-basemap-source.h"
#include "atlas-choropleth-layer.h"
#include "atlas-marker-layer.h"
#include "atlas-world-map.h"

G_BEGIN_DECLS

ShumateMap           *_atlas_world_map_get_map            (AtlasWorldMap *self);
AtlasBasemapSource   *_atlas_world_map_get_basemap_source (AtlasWorldMap *self);
ShumateMapLayer      *_atlas_world_map_get_online_layer   (AtlasWorldMap *self);
AtlasChoroplethLayer *_atlas_world_map_get_choropleth     (AtlasWorldMap *self);
AtlasArcLayer        *_atlas_world_map_get_arcs           (AtlasWorldMap *self);
AtlasMarkerLayer     *_atlas_world_map_get_markers        (AtlasWorldMap *self);
GtkWidget            *_atlas_world_map_get_legend         (AtlasWorldMap *self);
guint                 _atlas_world_map_get_n_cached       (AtlasWorldMap *self);
guint                 _atlas_world_map_get_member_count   (AtlasWorldMap *self,
                                                           const char    *code);
guint                 _atlas_world_map_get_organization_count (AtlasWorldMap *self,
                                                               const char    *id);
const char           *_atlas_world_map_get_marker_tooltip (GtkWidget     *marker);

G_END_DECLS
