/* atlas-record-list.h — the list of records in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_RECORD_LIST (atlas_record_list_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRecordList, atlas_record_list, ATLAS, RECORD_LIST, GtkWidget)

GtkWidget          *atlas_record_list_new       (void);
GtkSingleSelection *atlas_record_list_get_model (AtlasRecordList    *self);
void                atlas_record_list_set_model (AtlasRecordList    *self,
                                                 GtkSingleSelection *model);
void                atlas_record_list_scroll_to (AtlasRecordList    *self,
                                                 guint               position);

G_END_DECLS
