/* atlas-subset-model.h — a list model whose items are some of another's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_SUBSET_MODEL (atlas_subset_model_get_type ())

G_DECLARE_INTERFACE (AtlasSubsetModel, atlas_subset_model, ATLAS, SUBSET_MODEL, GListModel)

/**
 * AtlasSubsetModelInterface:
 * @get_source: the model the items are taken from
 * @get_source_positions: where each item is in the source, in order
 */
struct _AtlasSubsetModelInterface
{
  GTypeInterface g_iface;

  GListModel     *(* get_source)           (AtlasSubsetModel *self);
  const guint32  *(* get_source_positions) (AtlasSubsetModel *self,
                                            guint            *n_positions);
};

GListModel       *atlas_subset_model_get_source           (AtlasSubsetModel *self);
const guint32    *atlas_subset_model_get_source_positions (AtlasSubsetModel *self,
                                                           guint            *n_positions);
void              atlas_subset_model_source_items_changed (AtlasSubsetModel *self,
                                                           guint             position,
                                                           guint             removed,
                                                           guint             added);
AtlasSubsetModel *atlas_subset_model_find                 (GListModel       *model);

G_END_DECLS
