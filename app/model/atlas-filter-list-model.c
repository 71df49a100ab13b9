/* atlas-filter-list-model.c — the items of a list model that a filter keeps
 *
 * What GtkFilterListModel does, for big models and several views.
 * GTK 4.8's model keeps which items match in a GtkBitset, and finds the
 * nth match by counting bits from the start of each 65,536 items: at
 * 100,000 records, getting one filtered item costs about 2 µs, and every
 * view reads every item a filter change adds (the list view, to find
 * its rows again; the timeline and the map, to lay them out): iterating
 * 12,000 filtered records once took 25 ms, three times the whole store.
 * This model keeps the positions of the matching items in an array, and
 * the items themselves, so that both getting an item and matching it
 * again are a memory access.
 *
 * Like GtkFilterListModel, it honours the filter's strictness and how it
 * changed (only records that matched are checked when the filter gets
 * stricter, only the others when it gets looser), and tells its views
 * with one items-changed for the range from the first to the last item
 * that changed.  It filters at once: GtkFilterListModel's incremental
 * mode filters 512 items per idle callback and tells views after each
 * batch, so a new filter empties the views, then fills them over a
 * second, each view taking in each batch (measured with
 * tests/bench-filter --incremental); filtering 100,000 records at once
 * takes a few milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-filter-list-model"

#include "config.h"

#include <string.h>

#include "atlas-filter.h"
#include "atlas-filter-list-model.h"
#include "atlas-subset-model.h"

struct _AtlasFilterListModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkFilter  *filter;
  GPtrArray  *items;           /* the model's items */
  guint8     *matched;         /* whether each of them matches */
  gpointer   *facts;           /* what an AtlasFilter works out from each, or NULL */
  guint32    *positions;       /* where the matching ones are, in order */
  guint       n_positions;
  guint       n_alloc;         /* of matched and positions */
};

static void list_model_iface_init (GListModelInterface *iface);
static void subset_model_iface_init (AtlasSubsetModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasFilterListModel, atlas_filter_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (ATLAS_TYPE_SUBSET_MODEL, subset_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static GtkFilterMatch
get_strictness (AtlasFilterListModel *self)
{
  return self->filter ? gtk_filter_get_strictness (self->filter) : GTK_FILTER_MATCH_ALL;
}

/* Whether the item at @i of the model matches the filter (SOME) */
static gboolean
match_at (AtlasFilterListModel *self,
          guint                 i)
{
  gpointer item = g_ptr_array_index (self->items, i);

  /* The app's filter: what it works out from each record is kept here,
   * by position, not looked up on the record each time */
  if (ATLAS_IS_FILTER (self->filter))
    return atlas_filter_match_record_with_facts ((AtlasFilter *) self->filter, item, &self->facts[i]);

  return gtk_filter_match (self->filter, item);
}

static gboolean
match (AtlasFilterListModel *self,
       GtkFilterMatch        strictness,
       guint                 i)
{
  if (g_ptr_array_index (self->items, i) == NULL)
    return FALSE;

  switch (strictness)
    {
    case GTK_FILTER_MATCH_ALL:
      return TRUE;
    case GTK_FILTER_MATCH_NONE:
      return FALSE;
    case GTK_FILTER_MATCH_SOME:
    default:
      return match_at (self, i);
    }
}

static void
ensure_alloc (AtlasFilterListModel *self,
              guint                 n)
{
  if (n <= self->n_alloc)
    return;

  self->n_alloc = MAX (n, self->n_alloc + self->n_alloc / 2);
  self->matched = g_renew (guint8, self->matched, self->n_alloc);
  self->facts = g_renew (gpointer, self->facts, self->n_alloc);
  self->positions = g_renew (guint32, self->positions, self->n_alloc);
}

static void
update_positions (AtlasFilterListModel *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (self->matched[i])
      self->positions[n++] = i;

  self->n_positions = n;
}

/* How many matching items come before @position in the model */
static guint
count_before (AtlasFilterListModel *self,
              guint                 position)
{
  guint lo = 0, hi = self->n_positions;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->positions[mid] < position)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Filters every item again that @change may have changed, and tells
 * what changed as one range */
static void
refilter (AtlasFilterListModel *self,
          GtkFilterChange       change)
{
  GtkFilterMatch strictness = get_strictness (self);
  guint n_old = 0, n_new = 0;
  guint first = G_MAXUINT;
  guint old_to_last = 0, new_to_last = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      gboolean old_match = self->matched[i];
      gboolean new_match;

      if (strictness != GTK_FILTER_MATCH_SOME)
        new_match = strictness == GTK_FILTER_MATCH_ALL;
      else if (change == GTK_FILTER_CHANGE_MORE_STRICT && !old_match)
        new_match = FALSE;
      else if (change == GTK_FILTER_CHANGE_LESS_STRICT && old_match)
        new_match = TRUE;
      else
        new_match = match_at (self, i);

      n_old += old_match;
      n_new += new_match;

      if (old_match != new_match)
        {
          if (first == G_MAXUINT)
            first = i;
          old_to_last = n_old;
          new_to_last = n_new;
          self->matched[i] = new_match;
        }
    }

  if (first == G_MAXUINT)
    return;

  {
    /* Before the first change, old and new matches are the same */
    guint position = count_before (self, first);

    update_positions (self);
    g_list_model_items_changed (G_LIST_MODEL (self), position, old_to_last - position, new_to_last - position);
  }
}

/* Callbacks */

static void
filter_changed_cb (AtlasFilterListModel *self,
                   GtkFilterChange       change,
                   GtkFilter            *filter)
{
  refilter (self, change);
}

static void
items_changed_cb (AtlasFilterListModel *self,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  GListModel           *model)
{
  GtkFilterMatch strictness = get_strictness (self);
  guint old_n = self->items->len;
  guint filtered_position, filtered_removed, filtered_added = 0;
  guint mid_n, tail;
  gpointer *items;

  g_return_if_fail (position <= old_n && removed <= old_n - position);

  /* Views that keep what they read per source position follow first */
  atlas_subset_model_source_items_changed (ATLAS_SUBSET_MODEL (self), position, removed, added);

  filtered_position = count_before (self, position);
  filtered_removed = count_before (self, position + removed) - filtered_position;

  /* The items: out with the removed, room for the added, in one move */
  g_ptr_array_remove_range (self->items, position, removed);
  mid_n = old_n - removed;
  tail = mid_n - position;
  g_ptr_array_set_size (self->items, mid_n + added);
  items = self->items->pdata;
  if (tail > 0 && added > 0)
    memmove (items + position + added, items + position, tail * sizeof (gpointer));

  ensure_alloc (self, mid_n + added);
  if (tail > 0)
    {
      memmove (self->matched + position + added, self->matched + position + removed, tail);
      memmove (self->facts + position + added, self->facts + position + removed, tail * sizeof (gpointer));
    }

  for (guint i = 0; i < added; i++)
    {
      items[position + i] = g_list_model_get_item (model, position + i);
      self->facts[position + i] = NULL;
      self->matched[position + i] = match (self, strictness, position + i);
      filtered_added += self->matched[position + i];
    }

  update_positions (self);

  if (filtered_removed > 0 || filtered_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), filtered_position, filtered_removed, filtered_added);
}

/* GListModel */

static GType
atlas_filter_list_model_get_item_type (GListModel *model)
{
  AtlasFilterListModel *self = ATLAS_FILTER_LIST_MODEL (model);

  return self->model ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
atlas_filter_list_model_get_n_items (GListModel *model)
{
  return ATLAS_FILTER_LIST_MODEL (model)->n_positions;
}

static gpointer
atlas_filter_list_model_get_item (GListModel *model,
                                  guint       position)
{
  /* Views call this for every item a change adds: no checked cast */
  AtlasFilterListModel *self = (AtlasFilterListModel *) model;

  if (position >= self->n_positions)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, self->positions[position]));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_filter_list_model_get_item_type;
  iface->get_n_items = atlas_filter_list_model_get_n_items;
  iface->get_item = atlas_filter_list_model_get_item;
}

/* AtlasSubsetModel */

static GListModel *
atlas_filter_list_model_get_source (AtlasSubsetModel *model)
{
  return ATLAS_FILTER_LIST_MODEL (model)->model;
}

static const guint32 *
atlas_filter_list_model_get_source_positions (AtlasSubsetModel *model,
                                              guint            *n_positions)
{
  AtlasFilterListModel *self = ATLAS_FILTER_LIST_MODEL (model);

  *n_positions = self->n_positions;
  return self->positions;
}

static void
subset_model_iface_init (AtlasSubsetModelInterface *iface)
{
  iface->get_source = atlas_filter_list_model_get_source;
  iface->get_source_positions = atlas_filter_list_model_get_source_positions;
}

/* GObject */

static void
set_model (AtlasFilterListModel *self,
           GListModel           *model)
{
  GtkFilterMatch strictness = get_strictness (self);
  guint n;

  if (model == NULL)
    return;

  self->model = g_object_ref (model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  n = g_list_model_get_n_items (model);
  ensure_alloc (self, n);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (self->items, g_list_model_get_item (model, i));
      self->facts[i] = NULL;
      self->matched[i] = match (self, strictness, i);
    }
  update_positions (self);
}

static void
atlas_filter_list_model_dispose (GObject *object)
{
  AtlasFilterListModel *self = ATLAS_FILTER_LIST_MODEL (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_clear_object (&self->filter);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  g_ptr_array_set_size (self->items, 0);
  self->n_positions = 0;

  G_OBJECT_CLASS (atlas_filter_list_model_parent_class)->dispose (object);
}

static void
atlas_filter_list_model_finalize (GObject *object)
{
  AtlasFilterListModel *self = ATLAS_FILTER_LIST_MODEL (object);

  g_ptr_array_unref (self->items);
  g_free (self->matched);
  g_free (self->facts);
  g_free (self->positions);

  G_OBJECT_CLASS (atlas_filter_list_model_parent_class)->finalize (object);
}

static void
atlas_filter_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AtlasFilterListModel *self = ATLAS_FILTER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_filter_list_model_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  AtlasFilterListModel *self = ATLAS_FILTER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      set_model (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      atlas_filter_list_model_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_filter_list_model_class_init (AtlasFilterListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_filter_list_model_dispose;
  object_class->finalize = atlas_filter_list_model_finalize;
  object_class->get_property = atlas_filter_list_model_get_property;
  object_class->set_property = atlas_filter_list_model_set_property;

  /**
   * AtlasFilterListModel:model:
   *
   * The items to filter.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasFilterListModel:filter:
   *
   * Which items to keep; all of them when %NULL.
   */
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, GTK_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_filter_list_model_init (AtlasFilterListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

/**
 * atlas_filter_list_model_new:
 * @model: (transfer full) (nullable): the items to filter
 * @filter: (transfer full) (nullable): which to keep
 *
 * Like gtk_filter_list_model_new(): takes over both references.
 *
 * Returns: (transfer full): a new filter list model
 */
AtlasFilterListModel *
atlas_filter_list_model_new (GListModel *model,
                             GtkFilter  *filter)
{
  AtlasFilterListModel *self;

  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (filter == NULL || GTK_IS_FILTER (filter), NULL);

  self = g_object_new (ATLAS_TYPE_FILTER_LIST_MODEL, "model", model, NULL);
  atlas_filter_list_model_set_filter (self, filter);
  g_clear_object (&model);
  g_clear_object (&filter);
  return self;
}

/**
 * atlas_filter_list_model_get_model:
 *
 * Returns: (transfer none) (nullable): the items filtered
 */
GListModel *
atlas_filter_list_model_get_model (AtlasFilterListModel *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER_LIST_MODEL (self), NULL);
  return self->model;
}

/**
 * atlas_filter_list_model_get_filter:
 *
 * Returns: (transfer none) (nullable): the filter
 */
GtkFilter *
atlas_filter_list_model_get_filter (AtlasFilterListModel *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER_LIST_MODEL (self), NULL);
  return self->filter;
}

/**
 * atlas_filter_list_model_set_filter:
 * @filter: (nullable) (transfer none): which items to keep; %NULL keeps
 *   all of them
 */
void
atlas_filter_list_model_set_filter (AtlasFilterListModel *self,
                                    GtkFilter            *filter)
{
  g_return_if_fail (ATLAS_IS_FILTER_LIST_MODEL (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);

  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}
