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
 * An entry is kept on its item, as qdata under a quark of the cache's
 * own, so that it goes when the item goes (is finalized), and that a new
 * object at the same address is never mistaken for the old one; it
 * holds no reference on the item.  Entries begin with an
 * AtlasItemCacheLink, which says where in the cache's list of items the
 * item is, so that the cache can forget every entry (another expression)
 * without a hash table: a hash table and a weak reference per item took
 * some 140 bytes an item besides the entry, this 60 to 90, and finding
 * an entry touches the item (which was just got anyway), not a table of
 * millions of slots (bench-view-caches: taking in 100,000 items again
 * went from 26 to 16 ms in the timeline, 24 to 12 ms in the map).  Items
 * must be finalized on the thread that uses the cache, as GTK models
 * require.
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
  GQuark          quark;       /* of this cache only */
  GPtrArray      *links;       /* the entries; each link says where it is */
  GDestroyNotify  free_entry;
};

/* Takes @link off the list, moving the last one to its place */
static void
forget (AtlasItemCache     *self,
        AtlasItemCacheLink *link)
{
  guint last = self->links->len - 1;

  if (link->index != last)
    {
      AtlasItemCacheLink *moved = g_ptr_array_index (self->links, last);

      g_ptr_array_index (self->links, link->index) = moved;
      moved->index = link->index;
    }
  g_ptr_array_set_size (self->links, last);
}

/* The item is finalized */
static void
entry_destroyed (gpointer data)
{
  AtlasItemCacheLink *link = data;
  AtlasItemCache *self = link->cache;

  forget (self, link);
  if (self->free_entry != NULL)
    self->free_entry (data);
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
  static guint n_caches;
  AtlasItemCache *self = g_new0 (AtlasItemCache, 1);
  g_autofree char *name = g_strdup_printf ("atlas-item-cache-%u", ++n_caches);

  /* Each cache its own quark, one string per cache ever made: caches
   * of two views over the same items must not meet */
  self->quark = g_quark_from_string (name);
  self->links = g_ptr_array_new ();
  self->free_entry = free_entry;
  return self;
}

void
atlas_item_cache_free (AtlasItemCache *self)
{
  if (self == NULL)
    return;

  atlas_item_cache_remove_all (self);
  g_ptr_array_unref (self->links);
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
  return g_object_get_qdata (item, self->quark);
}

/**
 * atlas_item_cache_insert:
 * @item: a #GObject
 * @entry: (transfer full): what was read from it, beginning with an
 *   #AtlasItemCacheLink
 *
 * Keeps @entry for as long as @item lives, or until the cache is
 * emptied; an entry already kept for @item is freed.
 */
void
atlas_item_cache_insert (AtlasItemCache *self,
                         gpointer        item,
                         gpointer        entry)
{
  AtlasItemCacheLink *link = entry;
  AtlasItemCacheLink *old;

  g_return_if_fail (G_IS_OBJECT (item));
  g_return_if_fail (entry != NULL);

  old = g_object_steal_qdata (item, self->quark);
  if (old != NULL)
    {
      forget (self, old);
      if (self->free_entry != NULL)
        self->free_entry (old);
    }

  link->cache = self;
  link->item = item;
  link->index = self->links->len;
  g_ptr_array_add (self->links, link);
  g_object_set_qdata_full (item, self->quark, entry, entry_destroyed);
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
  g_autoptr(GPtrArray) links = g_steal_pointer (&self->links);

  self->links = g_ptr_array_new ();
  for (guint i = 0; i < links->len; i++)
    {
      AtlasItemCacheLink *link = g_ptr_array_index (links, i);

      g_object_steal_qdata (link->item, self->quark);
      if (self->free_entry != NULL)
        self->free_entry (link);
    }
}

guint
atlas_item_cache_get_size (AtlasItemCache *self)
{
  return self->links->len;
}
