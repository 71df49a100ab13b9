/* atlas-geojson.h — records as GeoJSON points, for GIS tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-partnership.h"

G_BEGIN_DECLS

/**
 * AtlasLabelPointFunc:
 * @code: a country code, as records hold them ("BR", "SU")
 * @longitude: (out): the longitude of the country's label point, in
 *   degrees east
 * @latitude: (out): its latitude, in degrees north
 * @data: the data given with the function
 *
 * Where a country's name goes on a map: a point well inside it.
 *
 * Returns: %FALSE when there is no point for @code
 */
typedef gboolean (*AtlasLabelPointFunc) (const char *code,
                                         double     *longitude,
                                         double     *latitude,
                                         gpointer    data);

GBytes *atlas_geojson_export (GPtrArray           *records,
                              AtlasLabelPointFunc  point_func,
                              gpointer             data,
                              guint               *n_skipped);

G_END_DECLS
