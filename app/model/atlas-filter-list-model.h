/* atlas-filter-list-model.h — the items of a list model that a filter keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_FILTER_LIST_MODEL (atlas_filter_list_model_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFilterListModel, atlas_filter_list_model, ATLAS, FILTER_LIST_MODEL, GObject)

AtlasFilterListModel *atlas_filter_list_model_new        (GListModel           *model,
                                                          GtkFilter            *filter);
GListModel           *atlas_filter_list_model_get_model  (AtlasFilterListModel *self);
GtkFilter            *atlas_filter_list_model_get_filter (AtlasFilterListModel *self);
void                  atlas_filter_list_model_set_filter (AtlasFilterListModel *self,
                                                          GtkFilter            *filter);

G_END_DECLS
