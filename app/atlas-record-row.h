/* atlas-record-row.h — one record in the list of records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atlas-partnership.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_RECORD_ROW (atlas_record_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRecordRow, atlas_record_row, ATLAS, RECORD_ROW, GtkWidget)

GtkWidget        *atlas_record_row_new        (void);
AtlasPartnership *atlas_record_row_get_record (AtlasRecordRow   *self);
void              atlas_record_row_set_record (AtlasRecordRow   *self,
                                               AtlasPartnership *record);

G_END_DECLS
