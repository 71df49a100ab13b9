/* atlas-document.h — an open data file: its records, their history, and
 * its life on disk (saving, recovery after a crash, changes by others)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-history.h"
#include "atlas-store.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_DOCUMENT (atlas_document_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDocument, atlas_document, ATLAS, DOCUMENT, GObject)

AtlasDocument *atlas_document_new                  (void);
AtlasStore    *atlas_document_get_store            (AtlasDocument        *self);
AtlasHistory  *atlas_document_get_history          (AtlasDocument        *self);
GFile         *atlas_document_get_file             (AtlasDocument        *self);
gboolean       atlas_document_get_read_only        (AtlasDocument        *self);
gboolean       atlas_document_get_modified         (AtlasDocument        *self);
gboolean       atlas_document_get_changed_on_disk  (AtlasDocument        *self);
double         atlas_document_get_load_progress    (AtlasDocument        *self);
void           atlas_document_set_autosave_interval (AtlasDocument       *self,
                                                     guint                seconds);

void           atlas_document_load_async           (AtlasDocument        *self,
                                                    GFile                *file,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean       atlas_document_load_finish          (AtlasDocument        *self,
                                                    GAsyncResult         *result,
                                                    GPtrArray           **problems,
                                                    GError              **error);
void           atlas_document_save_async           (AtlasDocument        *self,
                                                    GFile                *file,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean       atlas_document_save_finish          (AtlasDocument        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

GFile         *atlas_document_get_recovery_file    (GFile                *file);
GDateTime     *atlas_document_find_recovery        (AtlasDocument        *self);
gboolean       atlas_document_recover              (AtlasDocument        *self,
                                                    GPtrArray           **problems,
                                                    GError              **error);
void           atlas_document_discard_recovery     (AtlasDocument        *self);
gboolean       atlas_document_write_recovery       (AtlasDocument        *self,
                                                    GError              **error);

G_END_DECLS
