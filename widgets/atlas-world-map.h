/* atlas-world-map.h — a world map of the countries a list of items involves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "atlas-choropleth-layer.h"

G_BEGIN_DECLS

/**
 * AtlasWorldMapBasemap:
 * @ATLAS_WORLD_MAP_BASEMAP_OFFLINE: Natural Earth countries drawn from
 *   bundled data; needs no network
 * @ATLAS_WORLD_MAP_BASEMAP_ONLINE: OpenStreetMap tiles from the network,
 *   over the offline basemap, which shows wherever they fail
 *
 * What the map draws under its data.
 */
typedef enum
{
  ATLAS_WORLD_MAP_BASEMAP_OFFLINE,
  ATLAS_WORLD_MAP_BASEMAP_ONLINE,
} AtlasWorldMapBasemap;

#define ATLAS_TYPE_WORLD_MAP_BASEMAP (atlas_world_map_basemap_get_type ())
GType atlas_world_map_basemap_get_type (void) G_GNUC_CONST;

#define ATLAS_TYPE_WORLD_MAP (atlas_world_map_get_type ())

G_DECLARE_FINAL_TYPE (AtlasWorldMap, atlas_world_map, ATLAS, WORLD_MAP, GtkWidget)

GtkWidget            *atlas_world_map_new                          (void);

GtkSelectionModel    *atlas_world_map_get_model                    (AtlasWorldMap        *self);
void                  atlas_world_map_set_model                    (AtlasWorldMap        *self,
                                                                    GtkSelectionModel    *model);
GtkExpression        *atlas_world_map_get_countries_expression     (AtlasWorldMap        *self);
void                  atlas_world_map_set_countries_expression     (AtlasWorldMap        *self,
                                                                    GtkExpression        *expression);
GtkExpression        *atlas_world_map_get_organizations_expression (AtlasWorldMap        *self);
void                  atlas_world_map_set_organizations_expression (AtlasWorldMap        *self,
                                                                    GtkExpression        *expression);
void                  atlas_world_map_set_organization             (AtlasWorldMap        *self,
                                                                    const char           *id,
                                                                    const char           *name,
                                                                    const char           *headquarters,
                                                                    const char * const   *members);
void                  atlas_world_map_clear_organizations          (AtlasWorldMap        *self);

const char           *atlas_world_map_get_selected_country         (AtlasWorldMap        *self);
void                  atlas_world_map_set_selected_country         (AtlasWorldMap        *self,
                                                                    const char           *code);
AtlasWorldMapBasemap  atlas_world_map_get_basemap                  (AtlasWorldMap        *self);
void                  atlas_world_map_set_basemap                  (AtlasWorldMap        *self,
                                                                    AtlasWorldMapBasemap  basemap);
gboolean              atlas_world_map_get_dark                     (AtlasWorldMap        *self);
void                  atlas_world_map_set_dark                     (AtlasWorldMap        *self,
                                                                    gboolean              dark);
void                  atlas_world_map_pulse_countries              (AtlasWorldMap        *self,
                                                                    const char * const   *codes);
AtlasChoroplethPalette atlas_world_map_get_palette                 (AtlasWorldMap        *self);
void                  atlas_world_map_set_palette                  (AtlasWorldMap        *self,
                                                                    AtlasChoroplethPalette palette);

guint                 atlas_world_map_get_count                    (AtlasWorldMap        *self,
                                                                    const char           *code);
guint                 atlas_world_map_get_territory_count          (AtlasWorldMap        *self,
                                                                    const char           *code);
const char           *atlas_world_map_get_country_at               (AtlasWorldMap        *self,
                                                                    double                x,
                                                                    double                y);
ShumateViewport      *atlas_world_map_get_viewport                 (AtlasWorldMap        *self);
void                  atlas_world_map_fit_world                    (AtlasWorldMap        *self,
                                                                    gboolean              animate);
void                  atlas_world_map_fit_partners                 (AtlasWorldMap        *self,
                                                                    gboolean              animate);

G_END_DECLS
