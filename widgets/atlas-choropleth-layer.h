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

/**
 * AtlasChoroplethPalette:
 * @ATLAS_CHOROPLETH_PALETTE_WARM: amber to crimson
 * @ATLAS_CHOROPLETH_PALETTE_VIRIDIS: yellow, green, blue to purple: even
 *   steps of lightness that people with colour vision deficiencies tell
 *   apart
 * @ATLAS_CHOROPLETH_PALETTE_GREYS: greys, for printing in black and white
 *
 * The colours of the classes.  In each, more is darker on light land
 * and brighter on dark land.
 */
typedef enum
{
  ATLAS_CHOROPLETH_PALETTE_WARM,
  ATLAS_CHOROPLETH_PALETTE_VIRIDIS,
  ATLAS_CHOROPLETH_PALETTE_GREYS,
} AtlasChoroplethPalette;

#define ATLAS_TYPE_CHOROPLETH_PALETTE (atlas_choropleth_palette_get_type ())
GType atlas_choropleth_palette_get_type (void) G_GNUC_CONST;

#define ATLAS_TYPE_CHOROPLETH_LAYER (atlas_choropleth_layer_get_type ())

G_DECLARE_FINAL_TYPE (AtlasChoroplethLayer, atlas_choropleth_layer, ATLAS, CHOROPLETH_LAYER, ShumateLayer)

guint                 atlas_choropleth_get_n_classes         (guint                 max_count);
guint                 atlas_choropleth_classify              (guint                 count);
void                  atlas_choropleth_get_class_range       (guint                 class_index,
                                                              guint                *first,
                                                              guint                *last);
void                  atlas_choropleth_get_color             (guint                 class_index,
                                                              guint                 n_classes,
                                                              AtlasChoroplethPalette palette,
                                                              gboolean              dark,
                                                              GdkRGBA              *color);
void                  atlas_choropleth_get_member_color      (AtlasChoroplethPalette palette,
                                                              gboolean              dark,
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
void                  atlas_choropleth_layer_set_palette     (AtlasChoroplethLayer *self,
                                                              AtlasChoroplethPalette palette);
void                  atlas_choropleth_layer_pulse           (AtlasChoroplethLayer *self,
                                                              const char * const   *codes);
guint                 atlas_choropleth_layer_get_n_pulses    (AtlasChoroplethLayer *self);

G_END_DECLS
