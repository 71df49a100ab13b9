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
 * When the view's model is a subset of another (an AtlasSubsetModel:
 * the filtered records of a store), the cache also keeps the entries by
 * position in that source, in an array, and holds a reference on their
 * items; then a filter change's items are found by walking the
 * positions the filter gives, in order, through that array, touching no
 * item object (atlas_item_cache_lookup_position()).
 *
 * No widgets, so that it is tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-item-cache"

#include "config.h"

#include <string.h>

#include "atlas-item-cache.h"

struct _AtlasItemCache
{
  GQuark            quark;       /* of this cache only */
  GPtrArray        *links;       /* the entries; each link says where it is */
  GDestroyNotify    free_entry;

  /* Following a subset model: entries by source position (NULL: not
   * known), each holding a reference on its item */
  AtlasSubsetModel *subset;
  gulong            subset_handler;
  GPtrArray        *slots;
};

static void
release_slot (gpointer data)
{
  AtlasItemCacheLink *link = data;

  if (link != NULL)
    g_object_unref (link->item);
}

static void
clear_slots (AtlasItemCache *self)
{
  if (self->slots == NULL)
    return;

  for (guint i = 0; i < self->slots->len; i++)
    {
      gpointer link = g_ptr_array_index (self->slots, i);

      g_ptr_array_index (self->slots, i) = NULL;
      release_slot (link);
    }
}

/* The source changed: its slots move with its items */
static void
source_items_changed_cb (AtlasItemCache   *self,
                         guint             position,
                         guint             removed,
                         guint             added,
                         AtlasSubsetModel *subset)
{
  guint old_n = self->slots->len;
  guint tail;
  gpointer *data;

  if (position > old_n || removed > old_n - position)
    {
      /* Not the source the slots were made for: start again */
      clear_slots (self);
      g_ptr_array_set_size (self->slots, g_list_model_get_n_items (atlas_subset_model_get_source (subset)));
      return;
    }

  /* Out with the removed (their items may go now), room for the added */
  for (guint i = 0; i < removed; i++)
    {
      gpointer link = g_ptr_array_index (self->slots, position + i);

      g_ptr_array_index (self->slots, position + i) = NULL;
      release_slot (link);
    }
  g_ptr_array_remove_range (self->slots, position, removed);
  tail = old_n - removed - position;
  g_ptr_array_set_size (self->slots, old_n - removed + added);
  data = self->slots->pdata;
  if (tail > 0 && added > 0)
    {
      memmove (data + position + added, data + position, tail * sizeof (gpointer));
      memset (data + position, 0, added * sizeof (gpointer));
    }
}

static void
stop_following (AtlasItemCache *self)
{
  /* The subset model may be gone already: the slots are still ours */
  if (self->subset != NULL)
    {
      g_clear_signal_handler (&self->subset_handler, self->subset);
      g_clear_weak_pointer (&self->subset);
    }
  self->subset_handler = 0;

  clear_slots (self);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
}

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

  stop_following (self);
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
      /* Rare (views insert what they did not find): no slot may keep it */
      for (guint i = 0; self->slots != NULL && i < self->slots->len; i++)
        if (g_ptr_array_index (self->slots, i) == old)
          {
            g_ptr_array_index (self->slots, i) = NULL;
            release_slot (old);
          }
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
  g_autoptr(GPtrArray) links = NULL;

  /* The slots let go of the items first: entries go with the last reference */
  clear_slots (self);
  links = g_steal_pointer (&self->links);
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

/**
 * atlas_item_cache_follow:
 * @model: (nullable): the model the view shows
 *
 * Keeps entries by source position too, when @model is (or selects
 * from) an #AtlasSubsetModel, for atlas_item_cache_lookup_position();
 * stops when it is not.  Views call it when they get a model, and before
 * taking in a change (a selection model may have got another model).
 */
void
atlas_item_cache_follow (AtlasItemCache *self,
                         GListModel     *model)
{
  AtlasSubsetModel *subset = model != NULL ? atlas_subset_model_find (model) : NULL;
  GListModel *source;

  if (subset == self->subset && (subset != NULL || self->slots == NULL))
    return;

  stop_following (self);
  if (subset == NULL || (source = atlas_subset_model_get_source (subset)) == NULL)
    return;

  g_set_weak_pointer (&self->subset, subset);
  self->subset_handler = g_signal_connect_swapped (subset, "source-items-changed",
                                                   G_CALLBACK (source_items_changed_cb), self);
  self->slots = g_ptr_array_new ();
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (source));
}

/* The slot of the item at @position of the model followed */
static gpointer *
get_slot (AtlasItemCache *self,
          guint           position)
{
  const guint32 *positions;
  guint n;

  if (self->subset == NULL)
    return NULL;

  positions = atlas_subset_model_get_source_positions (self->subset, &n);
  if (position >= n || positions[position] >= self->slots->len)
    return NULL;

  return &g_ptr_array_index (self->slots, positions[position]);
}

/**
 * atlas_item_cache_lookup_position:
 * @position: a position in the model followed
 *
 * The entry of the item at @position, without getting the item, when
 * the cache follows a subset model and has seen that item there.
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL: then get
 *   the item and look it up, or read it
 */
gpointer
atlas_item_cache_lookup_position (AtlasItemCache *self,
                                  guint           position)
{
  gpointer *slot = get_slot (self, position);

  return slot != NULL ? *slot : NULL;
}

/**
 * atlas_item_cache_remember_position:
 * @position: a position in the model followed
 * @entry: the entry of the item there, kept by the cache
 *
 * Lets atlas_item_cache_lookup_position() find @entry at @position, and
 * at the same source position after filter changes, for as long as the
 * item is in the source.  Does nothing unless the cache follows a subset
 * model.
 */
void
atlas_item_cache_remember_position (AtlasItemCache *self,
                                    guint           position,
                                    gpointer        entry)
{
  gpointer *slot = get_slot (self, position);
  AtlasItemCacheLink *link = entry;

  if (slot == NULL || *slot == entry)
    return;

  g_return_if_fail (link->cache == self);

  g_object_ref (link->item);
  release_slot (*slot);
  *slot = entry;
}

/**
 * atlas_item_cache_find:
 * @model: the model the view shows
 * @position: a position in it
 * @item: (out) (transfer full) (nullable): when nothing is found, the
 *   item to read (%NULL if @model has none there)
 *
 * The entry of the item at @position: found by its source position
 * when the cache follows a subset model, else on the item object.  When
 * there is none, the view reads *@item and gives the entry to
 * atlas_item_cache_insert_at().
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL
 */
gpointer
atlas_item_cache_find (AtlasItemCache *self,
                       GListModel     *model,
                       guint           position,
                       GObject       **item)
{
  gpointer entry = atlas_item_cache_lookup_position (self, position);

  *item = NULL;
  if (entry != NULL)
    return entry;

  *item = g_list_model_get_item (model, position);
  if (*item == NULL)
    return NULL;

  entry = atlas_item_cache_lookup (self, *item);
  if (entry != NULL)
    {
      atlas_item_cache_remember_position (self, position, entry);
      g_clear_object (item);
    }
  return entry;
}

/**
 * atlas_item_cache_insert_at:
 * @position: where @item is in the model followed
 *
 * atlas_item_cache_insert(), and atlas_item_cache_remember_position()
 * for @position.
 */
void
atlas_item_cache_insert_at (AtlasItemCache *self,
                            guint           position,
                            gpointer        item,
                            gpointer        entry)
{
  atlas_item_cache_insert (self, item, entry);
  atlas_item_cache_remember_position (self, position, entry);
}
