/* atlas-arc-layer.h — great-circle arcs between the partners of an item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "atlas-world-geometry.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_ARC_LAYER (atlas_arc_layer_get_type ())

G_DECLARE_FINAL_TYPE (AtlasArcLayer, atlas_arc_layer, ATLAS, ARC_LAYER, ShumateLayer)

void           atlas_great_circle           (double                 lat1,
                                             double                 lon1,
                                             double                 lat2,
                                             double                 lon2,
                                             guint                  n_points,
                                             AtlasWorldPoint       *points);

AtlasArcLayer *atlas_arc_layer_new          (ShumateViewport       *viewport);
void           atlas_arc_layer_set_endpoints (AtlasArcLayer        *self,
                                             const AtlasWorldPoint *endpoints,
                                             guint                  n_endpoints);
guint          atlas_arc_layer_get_n_arcs   (AtlasArcLayer         *self);
void           atlas_arc_layer_set_dark     (AtlasArcLayer         *self,
                                             gboolean               dark);

G_END_DECLS
