/* atlas-record-row-private.h — what a row draws, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-record-row.h"

G_BEGIN_DECLS

/* The row's lines of text, top to bottom */
typedef enum
{
  ATLAS_RECORD_ROW_TITLE,
  ATLAS_RECORD_ROW_WHEN,
  ATLAS_RECORD_ROW_PARTNERS,
  ATLAS_RECORD_ROW_N_LINES
} AtlasRecordRowLine;

PangoLayout *_atlas_record_row_get_layout (AtlasRecordRow     *self,
                                           AtlasRecordRowLine  line);

G_END_DECLS
