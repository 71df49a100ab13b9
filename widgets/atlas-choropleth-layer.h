/* atlas-choropleth-layer.h — countries shaded by how many items involve them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* Counts are grouped in classes of powers of two: 1, 2–3, 4–7, 8–15,
 * 16–31, 32 and more */
#define ATLAS_CHOROPLETH_MAX_CLASSES 6

#define ATLAS_TYPE_CHOROPLETH_LAYER (atlas_choropleth_layer_get_type ())

G_DECLARE_FINAL_TYPE (AtlasChoroplethLayer, atlas_choropleth_layer, ATLAS, CHOROPLETH_LAYER, ShumateLayer)

guint                 atlas_choropleth_get_n_classes         (guint                 max_count);
guint                 atlas_choropleth_classify              (guint                 count);
void                  atlas_choropleth_get_class_range       (guint                 class_index,
                                                              guint                *first,
                                                              guint                *last);
void                  atlas_choropleth_get_color             (guint                 class_index,
                                                              guint                 n_classes,
                                                              gboolean              dark,
                                                              GdkRGBA              *color);
void                  atlas_choropleth_get_member_color      (gboolean              dark,
                                                              GdkRGBA              *color);
void                  atlas_choropleth_get_highlight_color   (gboolean              dark,
                                                              GdkRGBA              *color);

AtlasChoroplethLayer *atlas_choropleth_layer_new             (ShumateViewport      *viewport);
void                  atlas_choropleth_layer_set_counts      (AtlasChoroplethLayer *self,
                                                              GHashTable           *counts,
                                                              GHashTable           *member_counts);
guint                 atlas_choropleth_layer_get_max_count   (AtlasChoroplethLayer *self);
void                  atlas_choropleth_layer_set_highlighted (AtlasChoroplethLayer *self,
                                                              const char * const   *codes);
const char           *atlas_choropleth_layer_get_hovered     (AtlasChoroplethLayer *self);
void                  atlas_choropleth_layer_set_hovered     (AtlasChoroplethLayer *self,
                                                              const char           *code);
void                  atlas_choropleth_layer_set_selected    (AtlasChoroplethLayer *self,
                                                              const char * const   *codes);
void                  atlas_choropleth_layer_set_dark        (AtlasChoroplethLayer *self,
                                                              gboolean              dark);

G_END_DECLS
