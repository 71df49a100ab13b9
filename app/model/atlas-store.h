/* atlas-store.h — the open data set, a GListModel of AtlasPartnership
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "atlas-partnership.h"

G_BEGIN_DECLS

#define ATLAS_STORE_ERROR (atlas_store_error_quark ())

typedef enum
{
  ATLAS_STORE_ERROR_DUPLICATE_ID,
  ATLAS_STORE_ERROR_INVALID_ID,
  ATLAS_STORE_ERROR_NOT_FOUND,
  ATLAS_STORE_ERROR_PROBLEMS,
} AtlasStoreError;

#define ATLAS_TYPE_STORE (atlas_store_get_type ())

G_DECLARE_FINAL_TYPE (AtlasStore, atlas_store, ATLAS, STORE, GObject)

GQuark            atlas_store_error_quark    (void);

AtlasStore       *atlas_store_new            (void);

GFile            *atlas_store_get_file       (AtlasStore          *self);
void              atlas_store_set_file       (AtlasStore          *self,
                                              GFile               *file);
gboolean          atlas_store_get_modified   (AtlasStore          *self);
void              atlas_store_set_modified   (AtlasStore          *self,
                                              gboolean             modified);
JsonObject       *atlas_store_get_extra      (AtlasStore          *self);
void              atlas_store_set_extra      (AtlasStore          *self,
                                              JsonObject          *extra);

AtlasPartnership *atlas_store_lookup         (AtlasStore          *self,
                                              const char          *id);
gboolean          atlas_store_find           (AtlasStore          *self,
                                              const char          *id,
                                              guint               *position);
gboolean          atlas_store_add            (AtlasStore          *self,
                                              AtlasPartnership    *record,
                                              GError             **error);
gboolean          atlas_store_remove         (AtlasStore          *self,
                                              const char          *id,
                                              GError             **error);
gboolean          atlas_store_replace        (AtlasStore          *self,
                                              const char          *id,
                                              AtlasPartnership    *record,
                                              GError             **error);
void              atlas_store_set_records    (AtlasStore          *self,
                                              GPtrArray           *records,
                                              JsonObject          *extra);
GPtrArray        *atlas_store_dup_records    (AtlasStore          *self);

gboolean          atlas_store_load_bytes     (AtlasStore          *self,
                                              GBytes              *bytes,
                                              GPtrArray          **problems);
void              atlas_store_load_async     (AtlasStore          *self,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean          atlas_store_load_finish    (AtlasStore          *self,
                                              GAsyncResult        *result,
                                              GPtrArray          **problems,
                                              GError             **error);
double            atlas_store_get_load_progress (AtlasStore       *self);
GBytes           *atlas_store_to_bytes       (AtlasStore          *self);
void              atlas_store_save_async     (AtlasStore          *self,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean          atlas_store_save_finish    (AtlasStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
