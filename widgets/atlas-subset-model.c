/* atlas-subset-model.c — a list model whose items are some of another's
 *
 * A filter change replaces most of a view's items at once.  Through
 * GListModel alone, a view then gets each new item (a reference) and
 * finds what it read from it before (a lookup on the item object): with
 * 100,000 records, some hundred nanoseconds an item, most of them waiting
 * for memory, in each view.  A model that keeps some of another model's
 * items, in their order, can say where each of its items is in that
 * source.  A view that knows this keeps what it read per source
 * position, in an array, and takes a filter's items in by walking the
 * positions, in order, through that array: no objects touched.
 *
 * Views must follow changes of the source too: the subset model emits
 * ::source-items-changed when its source changed, before its own
 * ::items-changed for that change (which it may not emit at all, if
 * none of its items changed).  While ::items-changed is emitted, the
 * positions are those of the items the model now has.
 *
 * No widgets: the data model implements it, the views use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-subset-model"

#include "config.h"

#include "atlas-subset-model.h"

G_DEFINE_INTERFACE (AtlasSubsetModel, atlas_subset_model, G_TYPE_LIST_MODEL)

enum {
  SOURCE_ITEMS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
atlas_subset_model_default_init (AtlasSubsetModelInterface *iface)
{
  /**
   * AtlasSubsetModel::source-items-changed:
   * @position: where the source changed
   * @removed: how many source items went
   * @added: how many came
   *
   * The source changed; emitted before the model's own
   * #GListModel::items-changed for the change.
   */
  signals[SOURCE_ITEMS_CHANGED] =
    g_signal_new ("source-items-changed",
                  ATLAS_TYPE_SUBSET_MODEL,
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

/**
 * atlas_subset_model_get_source:
 *
 * Returns: (transfer none) (nullable): the model the items are taken from
 */
GListModel *
atlas_subset_model_get_source (AtlasSubsetModel *self)
{
  g_return_val_if_fail (ATLAS_IS_SUBSET_MODEL (self), NULL);

  return ATLAS_SUBSET_MODEL_GET_IFACE (self)->get_source (self);
}

/**
 * atlas_subset_model_get_source_positions:
 * @n_positions: (out): how many: the number of items
 *
 * Returns: (array length=n_positions) (transfer none): where each item
 *   is in the source, ascending; valid until the model changes
 */
const guint32 *
atlas_subset_model_get_source_positions (AtlasSubsetModel *self,
                                         guint            *n_positions)
{
  g_return_val_if_fail (ATLAS_IS_SUBSET_MODEL (self), NULL);
  g_return_val_if_fail (n_positions != NULL, NULL);

  return ATLAS_SUBSET_MODEL_GET_IFACE (self)->get_source_positions (self, n_positions);
}

/**
 * atlas_subset_model_source_items_changed:
 *
 * For implementations: emits #AtlasSubsetModel::source-items-changed.
 */
void
atlas_subset_model_source_items_changed (AtlasSubsetModel *self,
                                         guint             position,
                                         guint             removed,
                                         guint             added)
{
  g_return_if_fail (ATLAS_IS_SUBSET_MODEL (self));

  g_signal_emit (self, signals[SOURCE_ITEMS_CHANGED], 0, position, removed, added);
}

/**
 * atlas_subset_model_find:
 * @model: (nullable): a model a view shows
 *
 * Finds the subset model whose items and positions @model's are: @model
 * itself, or the model of a selection model around it, which keeps its
 * model's items and positions.
 *
 * Returns: (transfer none) (nullable): the subset model, or %NULL
 */
AtlasSubsetModel *
atlas_subset_model_find (GListModel *model)
{
  for (guint depth = 0; model != NULL && depth < 4; depth++)
    {
      if (ATLAS_IS_SUBSET_MODEL (model))
        return ATLAS_SUBSET_MODEL (model);
      else if (GTK_IS_SINGLE_SELECTION (model))
        model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
      else if (GTK_IS_MULTI_SELECTION (model))
        model = gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model));
      else if (GTK_IS_NO_SELECTION (model))
        model = gtk_no_selection_get_model (GTK_NO_SELECTION (model));
      else
        return NULL;
    }

  return NULL;
}
