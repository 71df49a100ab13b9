/* atlas-record-list-private.h — what the list lays out and draws, for
 * its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-record-list.h"

G_BEGIN_DECLS

/* A row's lines of text, top to bottom */
typedef enum
{
  ATLAS_RECORD_LIST_TITLE,
  ATLAS_RECORD_LIST_WHEN,
  ATLAS_RECORD_LIST_WHAT,        /* kind and partners */
  ATLAS_RECORD_LIST_N_LINES
} AtlasRecordListLine;

PangoLayout *_atlas_record_list_get_layout        (AtlasRecordList     *self,
                                                   guint                position,
                                                   AtlasRecordListLine  line);
gboolean     _atlas_record_list_get_row_area      (AtlasRecordList     *self,
                                                   guint                position,
                                                   graphene_rect_t     *area);
void         _atlas_record_list_get_visible_range (AtlasRecordList     *self,
                                                   guint               *first,
                                                   guint               *n_visible);
char        *_atlas_record_list_get_tooltip_text  (AtlasRecordList     *self,
                                                   guint                position);
guint        _atlas_record_list_get_n_cached_rows (AtlasRecordList     *self);

G_END_DECLS
