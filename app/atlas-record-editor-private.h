/* atlas-record-editor-private.h — the editor's parts, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-record-editor.h"
#include "atlas-validation.h"

G_BEGIN_DECLS

GtkEditable *_atlas_record_editor_get_field        (AtlasRecordEditor *self,
                                                    AtlasField         field);
GtkLabel    *_atlas_record_editor_get_error_label  (AtlasRecordEditor *self,
                                                    AtlasField         field);
void         _atlas_record_editor_add_country      (AtlasRecordEditor *self,
                                                    const char        *code);
void         _atlas_record_editor_add_organization (AtlasRecordEditor *self,
                                                    const char        *name);
void         _atlas_record_editor_set_summary      (AtlasRecordEditor *self,
                                                    const char        *summary);
void         _atlas_record_editor_add_source       (AtlasRecordEditor *self,
                                                    const char        *title,
                                                    const char        *document,
                                                    const char        *url);
GtkWidget   *_atlas_record_editor_get_save_button  (AtlasRecordEditor *self);
AtlasPartnership *_atlas_record_editor_get_duplicate (AtlasRecordEditor *self);

G_END_DECLS
