/* test-view-caches.c — what the timeline and the map keep of each item
 *
 * Both read an item through their expressions once per item object and
 * keep what they read (AtlasItemCache) for as long as the item lives:
 * an item a filter takes out and puts back is not read again, an item
 * that goes is forgotten, and the counts and lanes they keep as items
 * come and go are those a view reading everything afresh would have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-countries.h"
#include "atlas-filter-list-model.h"
#include "atlas-item-cache.h"
#include "atlas-timeline-private.h"
#include "atlas-world-map-private.h"

/* Items */

#define TEST_TYPE_ITEM (test_item_get_type ())
G_DECLARE_FINAL_TYPE (TestItem, test_item, TEST, ITEM, GObject)

struct _TestItem
{
  GObject  parent_instance;
  guint    value;          /* what the filter looks at */
  double   start;
  double   end;
  char    *label;
  char    *lane;
  GStrv    countries;
  GStrv    organizations;
};

G_DEFINE_FINAL_TYPE (TestItem, test_item, G_TYPE_OBJECT)

static void
test_item_finalize (GObject *object)
{
  TestItem *self = TEST_ITEM (object);

  g_free (self->label);
  g_free (self->lane);
  g_strfreev (self->countries);
  g_strfreev (self->organizations);
  G_OBJECT_CLASS (test_item_parent_class)->finalize (object);
}

static void
test_item_class_init (TestItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_item_finalize;
}

static void
test_item_init (TestItem *self)
{
}

static const char * const country_pool[] = {
  "CN", "BR", "FR", "DE", "IT", "RU", "UA", "SU", "DD", "CS", "US", "ZZ",
};
static const char * const organization_pool[] = { "ESA", "APSCO", "BRICS", "NONE" };
static const char * const lane_pool[] = { "Agreements", "Missions", "Training", "" };

static TestItem *
test_item_new_random (GRand *rand)
{
  TestItem *item = g_object_new (TEST_TYPE_ITEM, NULL);
  g_autoptr(GStrvBuilder) countries = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) organizations = g_strv_builder_new ();
  guint n;

  item->value = g_rand_int_range (rand, 0, 1000);
  item->start = g_rand_int_range (rand, 715000, 745000);
  item->end = g_rand_boolean (rand) ? item->start + g_rand_int_range (rand, 0, 4000) : -1;
  item->label = g_strdup_printf ("Item %u", item->value);
  item->lane = g_strdup (lane_pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (lane_pool))]);

  /* Sometimes the same country twice, or a former one and its successor */
  n = g_rand_int_range (rand, 0, 4);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (countries, country_pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (country_pool))]);
  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (organizations, organization_pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (organization_pool))]);

  item->countries = g_strv_builder_end (countries);
  item->organizations = g_strv_builder_end (organizations);
  return item;
}

/* Expressions that count how often they are read */

static guint n_reads;

static double
item_start (TestItem *item)
{
  n_reads++;
  return item->start;
}

static double
item_end (TestItem *item)
{
  n_reads++;
  return item->end;
}

static char *
item_label (TestItem *item)
{
  n_reads++;
  return g_strdup (item->label);
}

static char *
item_lane (TestItem *item)
{
  n_reads++;
  return g_strdup (item->lane);
}

static char **
item_countries (TestItem *item)
{
  n_reads++;
  return g_strdupv (item->countries);
}

static char **
item_organizations (TestItem *item)
{
  n_reads++;
  return g_strdupv (item->organizations);
}

static GtkExpression *
expression (GType     type,
            GCallback callback)
{
  return gtk_cclosure_expression_new (type, NULL, 0, NULL, callback, NULL, NULL);
}

static void
set_timeline_expressions (AtlasTimeline *timeline)
{
  g_autoptr(GtkExpression) start = expression (G_TYPE_DOUBLE, G_CALLBACK (item_start));
  g_autoptr(GtkExpression) end = expression (G_TYPE_DOUBLE, G_CALLBACK (item_end));
  g_autoptr(GtkExpression) label = expression (G_TYPE_STRING, G_CALLBACK (item_label));
  g_autoptr(GtkExpression) lane = expression (G_TYPE_STRING, G_CALLBACK (item_lane));

  atlas_timeline_set_start_expression (timeline, start);
  atlas_timeline_set_end_expression (timeline, end);
  atlas_timeline_set_label_expression (timeline, label);
  atlas_timeline_set_lane_expression (timeline, lane);
}

static void
set_map_expressions (AtlasWorldMap *map)
{
  static const char * const esa_members[] = { "FR", "DE", "IT", NULL };
  static const char * const brics_members[] = { "BR", "RU", "IN", "CN", "ZA", NULL };
  g_autoptr(GtkExpression) countries = expression (G_TYPE_STRV, G_CALLBACK (item_countries));
  g_autoptr(GtkExpression) organizations = expression (G_TYPE_STRV, G_CALLBACK (item_organizations));

  atlas_world_map_set_countries_expression (map, countries);
  atlas_world_map_set_organizations_expression (map, organizations);
  atlas_world_map_set_organization (map, "ESA", "European Space Agency", "FR", esa_members);
  atlas_world_map_set_organization (map, "BRICS", "BRICS", NULL, brics_members);
  atlas_world_map_set_organization (map, "APSCO", "Asia-Pacific Space Cooperation Organization", "CN", NULL);
}

/* A filter: keeps values whose remainder by a modulo is below a bound */

typedef struct
{
  guint modulo;
  guint keep;
} Rule;

static gboolean
keep_item (gpointer item,
           gpointer user_data)
{
  Rule *rule = user_data;

  return TEST_ITEM (item)->value % rule->modulo < rule->keep;
}

typedef struct
{
  GListStore         *store;
  Rule                rule;
  GtkCustomFilter    *filter;
  GListModel         *filtered;
  GtkSingleSelection *selection;
  GRand              *rand;
} Model;

/* Whether tests filter with AtlasFilterListModel, a subset model whose
 * positions in the store the views follow, or GtkFilterListModel */
static gboolean use_subset;

static void
model_init (Model *model,
            guint  n_items)
{
  model->rand = g_rand_new_with_seed (19570104);
  model->store = g_list_store_new (TEST_TYPE_ITEM);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TestItem) item = test_item_new_random (model->rand);
      g_list_store_append (model->store, item);
    }

  model->rule = (Rule) { 1, 1 };
  model->filter = gtk_custom_filter_new (keep_item, &model->rule, NULL);
  if (use_subset)
    model->filtered = G_LIST_MODEL (atlas_filter_list_model_new (g_object_ref (G_LIST_MODEL (model->store)),
                                                                 GTK_FILTER (g_object_ref (model->filter))));
  else
    model->filtered = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (model->store)),
                                                               GTK_FILTER (g_object_ref (model->filter))));
  model->selection = gtk_single_selection_new (g_object_ref (model->filtered));
  gtk_single_selection_set_autoselect (model->selection, FALSE);
  gtk_single_selection_set_can_unselect (model->selection, TRUE);
  gtk_single_selection_set_selected (model->selection, GTK_INVALID_LIST_POSITION);
}

static void
model_clear (Model *model)
{
  g_clear_object (&model->selection);
  g_clear_object (&model->filtered);
  g_clear_object (&model->filter);
  g_clear_object (&model->store);
  g_clear_pointer (&model->rand, g_rand_free);
}

static void
model_set_rule (Model *model,
                guint  modulo,
                guint  keep)
{
  model->rule = (Rule) { modulo, keep };
  gtk_filter_changed (GTK_FILTER (model->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* A random filter change, or a random edit of the store: items replaced
 * (a new object for the same place), added or removed */
static void
model_change (Model *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model->store));

  if (g_rand_int_range (model->rand, 0, 3) > 0 || n == 0)
    {
      guint modulo = g_rand_int_range (model->rand, 1, 8);

      model_set_rule (model, modulo, g_rand_int_range (model->rand, 0, modulo + 1));
    }
  else
    {
      guint position = g_rand_int_range (model->rand, 0, n);
      guint removed = g_rand_int_range (model->rand, 0, MIN (n - position, 10) + 1);
      guint added = g_rand_int_range (model->rand, 0, 10);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < added; i++)
        g_ptr_array_add (items, test_item_new_random (model->rand));
      g_list_store_splice (model->store, position, removed, items->pdata, items->len);
    }
}

/* AtlasItemCache itself */

typedef struct
{
  AtlasItemCacheLink link;
  char               name[8];
} TestEntry;

static guint n_freed;

static TestEntry *
test_entry_new (const char *name)
{
  TestEntry *entry = g_new0 (TestEntry, 1);

  g_strlcpy (entry->name, name, sizeof entry->name);
  return entry;
}

static const char *
lookup_name (AtlasItemCache *cache,
             gpointer        item)
{
  TestEntry *entry = atlas_item_cache_lookup (cache, item);

  return entry ? entry->name : NULL;
}

static void
count_free (gpointer entry)
{
  n_freed++;
  g_free (entry);
}

static void
test_item_cache (void)
{
  g_autoptr(AtlasItemCache) cache = atlas_item_cache_new (count_free);
  g_autoptr(AtlasItemCache) other = atlas_item_cache_new (count_free);
  GObject *a = g_object_new (G_TYPE_OBJECT, NULL);
  GObject *b = g_object_new (G_TYPE_OBJECT, NULL);
  GObject *c = g_object_new (G_TYPE_OBJECT, NULL);
  GObject *items[50];

  n_freed = 0;
  atlas_item_cache_insert (cache, a, test_entry_new ("a"));
  atlas_item_cache_insert (cache, b, test_entry_new ("b"));
  g_assert_cmpstr (lookup_name (cache, a), ==, "a");
  g_assert_cmpstr (lookup_name (cache, b), ==, "b");
  g_assert_null (lookup_name (cache, c));
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 2);

  /* Another cache over the same items keeps its own */
  atlas_item_cache_insert (other, a, test_entry_new ("other"));
  g_assert_cmpstr (lookup_name (cache, a), ==, "a");
  g_assert_cmpstr (lookup_name (other, a), ==, "other");

  /* Again for the same item: the old entry goes */
  atlas_item_cache_insert (cache, a, test_entry_new ("a2"));
  g_assert_cmpuint (n_freed, ==, 1);
  g_assert_cmpstr (lookup_name (cache, a), ==, "a2");
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 2);

  /* An item that goes takes its entries with it */
  g_object_unref (a);
  g_assert_cmpuint (n_freed, ==, 3);
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 1);
  g_assert_cmpuint (atlas_item_cache_get_size (other), ==, 0);

  /* Many items going in any order: the others stay found */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u", i);

      items[i] = g_object_new (G_TYPE_OBJECT, NULL);
      atlas_item_cache_insert (cache, items[i], test_entry_new (name));
    }
  for (guint i = 0; i < G_N_ELEMENTS (items); i += 3)
    g_clear_object (&items[i]);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (items[i] != NULL)
      {
        g_autofree char *name = g_strdup_printf ("%u", i);

        g_assert_cmpstr (lookup_name (cache, items[i]), ==, name);
      }
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 1 + G_N_ELEMENTS (items) - (G_N_ELEMENTS (items) + 2) / 3);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_clear_object (&items[i]);
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 1);

  /* Emptied: entries freed, items no longer watched */
  n_freed = 0;
  atlas_item_cache_insert (cache, c, test_entry_new ("c"));
  atlas_item_cache_remove_all (cache);
  g_assert_cmpuint (n_freed, ==, 2);
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 0);
  g_assert_null (lookup_name (cache, b));
  g_object_unref (b);
  g_assert_cmpuint (n_freed, ==, 2);

  /* Freed with items still alive: they are no longer watched either */
  atlas_item_cache_insert (cache, c, test_entry_new ("c"));
  g_clear_pointer (&cache, atlas_item_cache_free);
  g_assert_cmpuint (n_freed, ==, 3);
  g_object_unref (c);
  g_assert_cmpuint (n_freed, ==, 3);
}

/* Following a subset model, the cache finds each position's entry, and
 * only that item's, through filter changes and edits of the store */

static void
assert_positions (AtlasItemCache *cache,
                  Model          *model,
                  guint          *n_found)
{
  GListModel *list = G_LIST_MODEL (model->selection);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      AtlasItemCacheLink *link = atlas_item_cache_lookup_position (cache, i);

      if (link != NULL)
        {
          g_assert_true (link->item == (gpointer) item);
          g_assert_true (atlas_item_cache_lookup (cache, item) == (gpointer) link);
          (*n_found)++;
        }
      else
        {
          TestEntry *entry = atlas_item_cache_lookup (cache, item);

          if (entry == NULL)
            {
              entry = test_entry_new ("x");
              atlas_item_cache_insert (cache, item, entry);
            }
          atlas_item_cache_remember_position (cache, i, entry);
          g_assert_true (atlas_item_cache_lookup_position (cache, i) == (gpointer) entry);
        }
    }
}

static void
test_item_cache_positions (void)
{
  g_autoptr(AtlasItemCache) cache = atlas_item_cache_new (count_free);
  Model model;
  guint n_found = 0;

  use_subset = TRUE;
  model_init (&model, 300);
  atlas_item_cache_follow (cache, G_LIST_MODEL (model.selection));
  n_freed = 0;

  for (guint step = 0; step < 300; step++)
    {
      model_change (&model);
      assert_positions (cache, &model, &n_found);
    }
  /* Most were found by position, without looking at the item */
  g_assert_cmpuint (n_found, >, 300 * 50);

  /* Removed from the store: the slots let go of the items, which go */
  {
    guint n_store = g_list_model_get_n_items (G_LIST_MODEL (model.store));

    model_set_rule (&model, 1, 1);
    assert_positions (cache, &model, &n_found);
    g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, n_store);
    n_freed = 0;
    g_list_store_splice (model.store, 0, 10, NULL, 0);
    g_assert_cmpuint (n_freed, ==, 10);
    g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, n_store - 10);
  }

  /* Not following any more: nothing found by position, and items go */
  atlas_item_cache_follow (cache, NULL);
  g_assert_null (atlas_item_cache_lookup_position (cache, 0));
  model_clear (&model);
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 0);

  /* The models go first, while the cache follows them: the cache lets
   * go of the items when it stops */
  model_init (&model, 50);
  atlas_item_cache_follow (cache, G_LIST_MODEL (model.selection));
  assert_positions (cache, &model, &n_found);
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 50);
  model_clear (&model);
  g_assert_null (atlas_item_cache_lookup_position (cache, 0));
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 50);
  atlas_item_cache_follow (cache, NULL);
  g_assert_cmpuint (atlas_item_cache_get_size (cache), ==, 0);
  use_subset = FALSE;
}

/* The timeline reads an item once */

static void
test_timeline_reads_once (void)
{
  AtlasTimeline *timeline = g_object_ref_sink (ATLAS_TIMELINE (atlas_timeline_new ()));
  Model model;
  guint n = 200, n_kept;

  model_init (&model, n);
  set_timeline_expressions (timeline);
  atlas_timeline_set_model (timeline, GTK_SELECTION_MODEL (model.selection));

  /* Four expressions, each read once per item */
  n_reads = 0;
  model_set_rule (&model, 2, 1);
  n_kept = g_list_model_get_n_items (G_LIST_MODEL (model.selection));
  g_assert_cmpuint (n_kept, >, 0);
  g_assert_cmpuint (n_kept, <, n);
  g_assert_cmpuint (n_reads, ==, 0);  /* read when the model was set */

  /* Filtered out and back, again and again: nothing read again */
  for (guint i = 0; i < 5; i++)
    {
      model_set_rule (&model, 3, i % 3);
      model_set_rule (&model, 1, 1);
    }
  g_assert_cmpuint (n_reads, ==, 0);
  g_assert_cmpuint (_atlas_timeline_get_n_cached (timeline), ==, n);

  /* A new object in an item's place is read; the old one is forgotten */
  {
    g_autoptr(TestItem) item = test_item_new_random (model.rand);

    g_list_store_splice (model.store, 0, 1, (gpointer *) &item, 1);
    g_assert_cmpuint (n_reads, ==, 4);
    g_assert_cmpuint (_atlas_timeline_get_n_cached (timeline), ==, n);
  }

  /* Another expression: everything is read again */
  n_reads = 0;
  {
    g_autoptr(GtkExpression) label = expression (G_TYPE_STRING, G_CALLBACK (item_label));

    atlas_timeline_set_label_expression (timeline, label);
    g_assert_cmpuint (n_reads, ==, 4 * n);
  }

  atlas_timeline_set_model (timeline, NULL);
  model_clear (&model);
  g_assert_cmpuint (_atlas_timeline_get_n_cached (timeline), ==, 0);
  g_object_unref (timeline);
}

/* The map reads an item once */

static void
test_map_reads_once (void)
{
  AtlasWorldMap *map = g_object_ref_sink (ATLAS_WORLD_MAP (atlas_world_map_new ()));
  Model model;
  guint n = 200;

  model_init (&model, n);
  set_map_expressions (map);
  atlas_world_map_set_model (map, GTK_SELECTION_MODEL (model.selection));

  n_reads = 0;
  for (guint i = 0; i < 5; i++)
    {
      model_set_rule (&model, 4, i % 4);
      model_set_rule (&model, 1, 1);
    }
  g_assert_cmpuint (n_reads, ==, 0);
  g_assert_cmpuint (_atlas_world_map_get_n_cached (map), ==, n);

  /* Removed from the store, and gone: forgotten */
  g_list_store_splice (model.store, 0, 10, NULL, 0);
  g_assert_cmpuint (_atlas_world_map_get_n_cached (map), ==, n - 10);

  atlas_world_map_set_model (map, NULL);
  model_clear (&model);
  g_assert_cmpuint (_atlas_world_map_get_n_cached (map), ==, 0);
  g_object_unref (map);
}

/* Counts kept through many changes are those counted afresh */

static void
assert_same_counts (AtlasWorldMap *map,
                    AtlasWorldMap *fresh)
{
  g_auto(GStrv) codes = atlas_countries_list (TRUE);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_assert_cmpuint (atlas_world_map_get_count (map, codes[i]), ==, atlas_world_map_get_count (fresh, codes[i]));
      g_assert_cmpuint (atlas_world_map_get_territory_count (map, codes[i]), ==,
                        atlas_world_map_get_territory_count (fresh, codes[i]));
      g_assert_cmpuint (_atlas_world_map_get_member_count (map, codes[i]), ==,
                        _atlas_world_map_get_member_count (fresh, codes[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (organization_pool); i++)
    g_assert_cmpuint (_atlas_world_map_get_organization_count (map, organization_pool[i]), ==,
                      _atlas_world_map_get_organization_count (fresh, organization_pool[i]));
  g_assert_cmpuint (atlas_world_map_get_count (map, "ZZ"), ==, 0);
}

static void
test_map_counts (void)
{
  AtlasWorldMap *map = g_object_ref_sink (ATLAS_WORLD_MAP (atlas_world_map_new ()));
  Model model;
  guint total = 0;

  model_init (&model, 300);
  set_map_expressions (map);
  atlas_world_map_set_model (map, GTK_SELECTION_MODEL (model.selection));

  for (guint step = 0; step < 150; step++)
    {
      AtlasWorldMap *fresh = g_object_ref_sink (ATLAS_WORLD_MAP (atlas_world_map_new ()));

      model_change (&model);

      set_map_expressions (fresh);
      atlas_world_map_set_model (fresh, GTK_SELECTION_MODEL (model.selection));
      assert_same_counts (map, fresh);
      total += atlas_world_map_get_count (map, "CN");

      atlas_world_map_set_model (fresh, NULL);
      g_object_unref (fresh);
    }
  g_assert_cmpuint (total, >, 0);

  /* Organizations told afterwards count too */
  {
    static const char * const members[] = { "CN", "RU", NULL };
    AtlasWorldMap *fresh = g_object_ref_sink (ATLAS_WORLD_MAP (atlas_world_map_new ()));

    atlas_world_map_set_organization (map, "NONE", NULL, NULL, members);
    set_map_expressions (fresh);
    atlas_world_map_set_organization (fresh, "NONE", NULL, NULL, members);
    atlas_world_map_set_model (fresh, GTK_SELECTION_MODEL (model.selection));
    assert_same_counts (map, fresh);
    atlas_world_map_set_model (fresh, NULL);
    g_object_unref (fresh);
  }

  atlas_world_map_set_model (map, NULL);
  model_clear (&model);
  g_object_unref (map);
}

/* Lanes kept through many changes are those laid out afresh */

static void
assert_same_layout (AtlasTimeline *timeline,
                    AtlasTimeline *fresh)
{
  AtlasTimelineLayout *a = _atlas_timeline_get_layout (timeline);
  AtlasTimelineLayout *b = _atlas_timeline_get_layout (fresh);

  g_assert_cmpuint (atlas_timeline_layout_get_n_items (a), ==, atlas_timeline_layout_get_n_items (b));
  for (guint i = 0; i < atlas_timeline_layout_get_n_items (a); i++)
    {
      guint n_a, n_b;
      const guint16 *lanes_a = atlas_timeline_layout_get_item_lanes (a, i, &n_a);
      const guint16 *lanes_b = atlas_timeline_layout_get_item_lanes (b, i, &n_b);

      g_assert_cmpfloat (atlas_timeline_layout_get_item_start (a, i), ==, atlas_timeline_layout_get_item_start (b, i));
      g_assert_cmpfloat (atlas_timeline_layout_get_item_stop (a, i), ==, atlas_timeline_layout_get_item_stop (b, i));
      g_assert_cmpint (atlas_timeline_layout_get_item_precision (a, i), ==,
                       atlas_timeline_layout_get_item_precision (b, i));
      g_assert_cmpstr (atlas_timeline_layout_get_item_label (a, i), ==, atlas_timeline_layout_get_item_label (b, i));
      g_assert_cmpuint (n_a, ==, n_b);
      for (guint l = 0; l < n_a; l++)
        g_assert_cmpstr (atlas_timeline_layout_get_lane_key (a, lanes_a[l]), ==,
                         atlas_timeline_layout_get_lane_key (b, lanes_b[l]));
    }

  g_assert_cmpuint (atlas_timeline_layout_get_n_lanes (a), ==, atlas_timeline_layout_get_n_lanes (b));
  for (guint l = 0; l < atlas_timeline_layout_get_n_lanes (a); l++)
    {
      g_assert_cmpstr (atlas_timeline_layout_get_lane_key (a, l), ==, atlas_timeline_layout_get_lane_key (b, l));
      g_assert_cmpuint (atlas_timeline_layout_get_lane_n_entries (a, l), ==,
                        atlas_timeline_layout_get_lane_n_entries (b, l));
      for (guint e = 0; e < atlas_timeline_layout_get_lane_n_entries (a, l); e++)
        g_assert_cmpuint (atlas_timeline_layout_get_lane_item (a, l, e), ==, atlas_timeline_layout_get_lane_item (b, l, e));
    }
}

static void
test_timeline_lanes (void)
{
  AtlasTimeline *timeline = g_object_ref_sink (ATLAS_TIMELINE (atlas_timeline_new ()));
  Model model;

  model_init (&model, 300);
  set_timeline_expressions (timeline);
  atlas_timeline_set_model (timeline, GTK_SELECTION_MODEL (model.selection));

  for (guint step = 0; step < 150; step++)
    {
      AtlasTimeline *fresh = g_object_ref_sink (ATLAS_TIMELINE (atlas_timeline_new ()));

      model_change (&model);

      set_timeline_expressions (fresh);
      atlas_timeline_set_model (fresh, GTK_SELECTION_MODEL (model.selection));
      assert_same_layout (timeline, fresh);

      atlas_timeline_set_model (fresh, NULL);
      g_object_unref (fresh);
    }

  atlas_timeline_set_model (timeline, NULL);
  model_clear (&model);
  g_object_unref (timeline);
}

/* The same tests, the views following a subset model's positions */
static void
with_subset (gconstpointer data)
{
  void (*test) (void) = (void (*) (void)) data;

  use_subset = TRUE;
  test ();
  use_subset = FALSE;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-caches/item-cache", test_item_cache);
  g_test_add_func ("/view-caches/item-cache-positions", test_item_cache_positions);
  g_test_add_func ("/view-caches/timeline-reads-once", test_timeline_reads_once);
  g_test_add_func ("/view-caches/map-reads-once", test_map_reads_once);
  g_test_add_func ("/view-caches/map-counts", test_map_counts);
  g_test_add_func ("/view-caches/timeline-lanes", test_timeline_lanes);
  g_test_add_data_func ("/view-caches/subset/timeline-reads-once", (gconstpointer) test_timeline_reads_once, with_subset);
  g_test_add_data_func ("/view-caches/subset/map-reads-once", (gconstpointer) test_map_reads_once, with_subset);
  g_test_add_data_func ("/view-caches/subset/map-counts", (gconstpointer) test_map_counts, with_subset);
  g_test_add_data_func ("/view-caches/subset/timeline-lanes", (gconstpointer) test_timeline_lanes, with_subset);

  return g_test_run ();
}
