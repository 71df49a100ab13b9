/* atlas-record-editor.h — the dialog that adds or fixes a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "atlas-history.h"
#include "atlas-organizations.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_EDITOR_MODE_NEW,
  ATLAS_EDITOR_MODE_EDIT,
  ATLAS_EDITOR_MODE_DUPLICATE,
} AtlasEditorMode;

#define ATLAS_TYPE_RECORD_EDITOR (atlas_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRecordEditor, atlas_record_editor, ATLAS, RECORD_EDITOR, AdwWindow)

AtlasRecordEditor *atlas_record_editor_new       (GtkWindow          *parent,
                                                  AtlasHistory       *history,
                                                  AtlasOrganizations *organizations,
                                                  AtlasEditorMode     mode,
                                                  AtlasPartnership   *record);
gboolean           atlas_record_editor_save      (AtlasRecordEditor  *self,
                                                  GError            **error);
gboolean           atlas_record_editor_is_valid  (AtlasRecordEditor  *self);
AtlasPartnership  *atlas_record_editor_dup_draft (AtlasRecordEditor  *self);

G_END_DECLS
