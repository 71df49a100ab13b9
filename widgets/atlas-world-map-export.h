/* atlas-world-map-export.h — the world map drawn onto any cairo surface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "atlas-world-map.h"

G_BEGIN_DECLS

void atlas_world_map_draw (AtlasWorldMap *self,
                           cairo_t       *cr);

G_END_DECLS
