/* atlas-marker-layer.h — map markers that make room for each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_MARKER_LAYER (atlas_marker_layer_get_type ())

G_DECLARE_FINAL_TYPE (AtlasMarkerLayer, atlas_marker_layer, ATLAS, MARKER_LAYER, ShumateLayer)

AtlasMarkerLayer *atlas_marker_layer_new        (ShumateViewport  *viewport);
void              atlas_marker_layer_add        (AtlasMarkerLayer *self,
                                                 GtkWidget        *child,
                                                 double            latitude,
                                                 double            longitude,
                                                 double            offset_y,
                                                 int               priority);
void              atlas_marker_layer_remove     (AtlasMarkerLayer *self,
                                                 GtkWidget        *child);
void              atlas_marker_layer_set_priority (AtlasMarkerLayer *self,
                                                 GtkWidget        *child,
                                                 int               priority);
void              atlas_marker_layer_remove_all (AtlasMarkerLayer *self);
void              atlas_marker_layer_set_reserved (AtlasMarkerLayer      *self,
                                                 const graphene_rect_t *areas,
                                                 guint                  n_areas);
guint             atlas_marker_layer_get_n_markers (AtlasMarkerLayer *self);
GtkWidget        *atlas_marker_layer_get_marker (AtlasMarkerLayer *self,
                                                 guint             index);
gboolean          atlas_marker_layer_is_shown   (AtlasMarkerLayer *self,
                                                 GtkWidget        *child);

G_END_DECLS
