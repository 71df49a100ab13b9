/* atlas-item-cache.c — what a view read from each item, kept per item object
 *
 * Views read items through GtkExpressions, which costs a closure call,
 * a GValue and often a copy of a string or a list each time.  A filter
 * change takes thousands of items out of a view and puts most of them
 * back a moment later: reading them again would be the whole cost of
 * the change.  So a view keeps what it read in an AtlasItemCache, keyed
 * by the item object, and reads through its expressions only items it
 * has not seen.  Items must therefore not change in place: a model
 * replaces an item to change it (as it must anyway for views to notice).
 *
 * The cache holds no reference on items: a weak reference drops an
 * item's entry when the item is disposed, so that a new object at the
 * same address is never mistaken for the old one, and entries last
 * exactly as long as their items (filtered out or not).  Items must be
 * disposed on the thread that uses the cache, as GTK models require.
 *
 * GLib only, so that it is tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-item-cache"

#include "config.h"

#include "atlas-item-cache.h"

struct _AtlasItemCache
{
  GHashTable     *entries;     /* item → entry */
  GDestroyNotify  free_entry;
};

static void
item_disposed_cb (gpointer  data,
                  GObject  *item)
{
  AtlasItemCache *self = data;

  g_hash_table_remove (self->entries, item);
}

/**
 * atlas_item_cache_new:
 * @free_entry: (nullable): frees an entry when its item goes, or when
 *   the cache is emptied
 *
 * Returns: (transfer full): an empty cache
 */
AtlasItemCache *
atlas_item_cache_new (GDestroyNotify free_entry)
{
  AtlasItemCache *self = g_new0 (AtlasItemCache, 1);

  self->entries = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, free_entry);
  self->free_entry = free_entry;
  return self;
}

static void
forget_items (AtlasItemCache *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    g_object_weak_unref (item, item_disposed_cb, self);
}

void
atlas_item_cache_free (AtlasItemCache *self)
{
  if (self == NULL)
    return;

  forget_items (self);
  g_hash_table_unref (self->entries);
  g_free (self);
}

/**
 * atlas_item_cache_lookup:
 *
 * Returns: (transfer none) (nullable): the entry kept for @item
 */
gpointer
atlas_item_cache_lookup (AtlasItemCache *self,
                         gpointer        item)
{
  return g_hash_table_lookup (self->entries, item);
}

/**
 * atlas_item_cache_insert:
 * @item: a #GObject
 * @entry: (transfer full): what was read from it
 *
 * Keeps @entry for as long as @item lives, or until the cache is
 * emptied; an entry already kept for @item is freed.
 */
void
atlas_item_cache_insert (AtlasItemCache *self,
                         gpointer        item,
                         gpointer        entry)
{
  g_return_if_fail (G_IS_OBJECT (item));

  if (!g_hash_table_contains (self->entries, item))
    g_object_weak_ref (item, item_disposed_cb, self);
  g_hash_table_insert (self->entries, item, entry);
}

/**
 * atlas_item_cache_remove_all:
 *
 * Forgets every entry: what the items give has changed (another
 * expression).
 */
void
atlas_item_cache_remove_all (AtlasItemCache *self)
{
  forget_items (self);
  g_hash_table_remove_all (self->entries);
}

guint
atlas_item_cache_get_size (AtlasItemCache *self)
{
  return g_hash_table_size (self->entries);
}
