/* test-filter-list-model.c — AtlasFilterListModel against GtkFilterListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-filter-list-model.h"

/* Items: objects with a number */

static GQuark value_quark;

static GObject *
item_new (guint value)
{
  GObject *item = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_qdata (item, value_quark, GUINT_TO_POINTER (value));
  return item;
}

static guint
item_get_value (gpointer item)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (item, value_quark));
}

/* A filter that keeps values whose remainder by @modulo is below @keep,
 * and says how it changed, and when it keeps all or none */

#define TEST_TYPE_FILTER (test_filter_get_type ())
G_DECLARE_FINAL_TYPE (TestFilter, test_filter, TEST, FILTER, GtkFilter)

struct _TestFilter
{
  GtkFilter parent_instance;
  guint     modulo;
  guint     keep;
  guint     n_matched;
};

G_DEFINE_FINAL_TYPE (TestFilter, test_filter, GTK_TYPE_FILTER)

static gboolean
test_filter_match (GtkFilter *filter,
                   gpointer   item)
{
  TestFilter *self = TEST_FILTER (filter);

  self->n_matched++;
  return item_get_value (item) % self->modulo < self->keep;
}

static GtkFilterMatch
test_filter_get_strictness (GtkFilter *filter)
{
  TestFilter *self = TEST_FILTER (filter);

  if (self->keep == 0)
    return GTK_FILTER_MATCH_NONE;
  if (self->keep >= self->modulo)
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

static void
test_filter_class_init (TestFilterClass *klass)
{
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  filter_class->match = test_filter_match;
  filter_class->get_strictness = test_filter_get_strictness;
}

static void
test_filter_init (TestFilter *self)
{
  self->modulo = 10;
  self->keep = 5;
}

static void
test_filter_set (TestFilter *self,
                 guint       modulo,
                 guint       keep)
{
  GtkFilterChange change;

  if (modulo == self->modulo && keep == self->keep)
    return;

  if (modulo != self->modulo)
    change = GTK_FILTER_CHANGE_DIFFERENT;
  else if (keep > self->keep)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_MORE_STRICT;

  self->modulo = modulo;
  self->keep = keep;
  gtk_filter_changed (GTK_FILTER (self), change);
}

/* A copy of a model kept only from its items-changed signals: the
 * signals must say exactly what changed */

typedef struct
{
  GListModel *model;
  GPtrArray  *items;
  guint       n_signals;
} Mirror;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_assert_true (removed > 0 || added > 0);

  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
  mirror->n_signals++;
}

static void
mirror_init (Mirror     *mirror,
             GListModel *model)
{
  mirror->model = model;
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  mirror->n_signals = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
}

static void
mirror_clear (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_func (mirror->model, mirror_items_changed_cb, mirror);
  g_ptr_array_unref (mirror->items);
}

/* The model, its mirror and GTK's model all hold the same items */
static void
assert_same (GListModel *model,
             Mirror     *mirror,
             GListModel *reference)
{
  guint n = g_list_model_get_n_items (reference);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (mirror->items->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autoptr(GObject) expected = g_list_model_get_item (reference, i);

      g_assert_true (item == expected);
      g_assert_true (g_ptr_array_index (mirror->items, i) == expected);
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static void
test_basics (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(TestFilter) filter = g_object_new (TEST_TYPE_FILTER, NULL);
  g_autoptr(AtlasFilterListModel) model = NULL;
  g_autoptr(GObject) item = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GObject) added = item_new (i);
      g_list_store_append (store, added);
    }

  model = atlas_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), GTK_FILTER (g_object_ref (filter)));
  g_assert_true (atlas_filter_list_model_get_model (model) == G_LIST_MODEL (store));
  g_assert_true (atlas_filter_list_model_get_filter (model) == GTK_FILTER (filter));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == G_TYPE_OBJECT);

  /* 0–4 and 10–14 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  item = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_cmpuint (item_get_value (item), ==, 10);

  /* Keeping all, or none, matches nothing */
  filter->n_matched = 0;
  test_filter_set (filter, 10, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 20);
  test_filter_set (filter, 10, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (filter->n_matched, ==, 0);

  /* Stricter: only what matched is matched again; looser: only the rest */
  test_filter_set (filter, 10, 5);
  filter->n_matched = 0;
  test_filter_set (filter, 10, 2);
  g_assert_cmpuint (filter->n_matched, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  filter->n_matched = 0;
  test_filter_set (filter, 10, 3);
  g_assert_cmpuint (filter->n_matched, ==, 16);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);

  /* No filter: everything */
  atlas_filter_list_model_set_filter (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 20);
}

/* Random filter changes and edits of the model: the same items as
 * GtkFilterListModel, and signals that say what changed */
static void
test_random (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(TestFilter) filter = g_object_new (TEST_TYPE_FILTER, NULL);
  g_autoptr(AtlasFilterListModel) model = NULL;
  g_autoptr(GtkFilterListModel) reference = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  Mirror mirror;

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GObject) item = item_new (g_rand_int_range (rand, 0, 1000));
      g_list_store_append (store, item);
    }

  reference = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), GTK_FILTER (g_object_ref (filter)));
  model = atlas_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), GTK_FILTER (g_object_ref (filter)));
  mirror_init (&mirror, G_LIST_MODEL (model));
  assert_same (G_LIST_MODEL (model), &mirror, G_LIST_MODEL (reference));

  for (guint step = 0; step < 2000; step++)
    {
      if (g_rand_boolean (rand))
        {
          guint modulo = g_rand_boolean (rand) ? filter->modulo : (guint) g_rand_int_range (rand, 1, 20);

          test_filter_set (filter, modulo, g_rand_int_range (rand, 0, modulo + 2));
        }
      else
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
          guint position = g_rand_int_range (rand, 0, n + 1);
          guint removed = g_rand_int_range (rand, 0, MIN (n - position, 40) + 1);
          guint added = g_rand_int_range (rand, 0, 40);
          g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < added; i++)
            g_ptr_array_add (items, item_new (g_rand_int_range (rand, 0, 1000)));
          g_list_store_splice (store, position, removed, items->pdata, items->len);
        }

      assert_same (G_LIST_MODEL (model), &mirror, G_LIST_MODEL (reference));
    }

  g_assert_cmpuint (mirror.n_signals, >, 0);
  mirror_clear (&mirror);
}

/* One signal for a filter change, however many items changed */
static void
test_one_signal (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(TestFilter) filter = g_object_new (TEST_TYPE_FILTER, NULL);
  g_autoptr(AtlasFilterListModel) model = NULL;
  Mirror mirror;

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GObject) item = item_new (i);
      g_list_store_append (store, item);
    }

  model = atlas_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), GTK_FILTER (g_object_ref (filter)));
  mirror_init (&mirror, G_LIST_MODEL (model));

  test_filter_set (filter, 7, 3);
  g_assert_cmpuint (mirror.n_signals, ==, 1);
  test_filter_set (filter, 7, 7);
  g_assert_cmpuint (mirror.n_signals, ==, 2);
  g_assert_cmpuint (mirror.items->len, ==, 1000);

  /* Nothing changed: no signal */
  test_filter_set (filter, 7, 8);
  g_assert_cmpuint (mirror.n_signals, ==, 2);

  mirror_clear (&mirror);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  value_quark = g_quark_from_static_string ("test-value");

  g_test_add_func ("/filter-list-model/basics", test_basics);
  g_test_add_func ("/filter-list-model/random", test_random);
  g_test_add_func ("/filter-list-model/one-signal", test_one_signal);

  return g_test_run ();
}
