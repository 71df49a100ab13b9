/* atlas-item-cache.h — what a view read from each item, kept per item object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "atlas-subset-model.h"

G_BEGIN_DECLS

/**
 * AtlasItemCacheLink:
 *
 * The first member of each entry: the cache fills it in.
 */
typedef struct
{
  /*< private >*/
  gpointer cache;
  gpointer item;
  guint    index;
} AtlasItemCacheLink;

typedef struct _AtlasItemCache AtlasItemCache;

AtlasItemCache *atlas_item_cache_new        (GDestroyNotify  free_entry);
void            atlas_item_cache_free       (AtlasItemCache *self);
gpointer        atlas_item_cache_lookup     (AtlasItemCache *self,
                                             gpointer        item);
void            atlas_item_cache_insert     (AtlasItemCache *self,
                                             gpointer        item,
                                             gpointer        entry);
void            atlas_item_cache_remove_all (AtlasItemCache *self);
guint           atlas_item_cache_get_size   (AtlasItemCache *self);

void            atlas_item_cache_follow            (AtlasItemCache *self,
                                                    GListModel     *model);
gpointer        atlas_item_cache_lookup_position   (AtlasItemCache *self,
                                                    guint           position);
void            atlas_item_cache_remember_position (AtlasItemCache *self,
                                                    guint           position,
                                                    gpointer        entry);
gpointer        atlas_item_cache_find              (AtlasItemCache *self,
                                                    GListModel     *model,
                                                    guint           position,
                                                    GObject       **item);
void            atlas_item_cache_insert_at         (AtlasItemCache *self,
                                                    guint           position,
                                                    gpointer        item,
                                                    gpointer        entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasItemCache, atlas_item_cache_free)

G_END_DECLS
