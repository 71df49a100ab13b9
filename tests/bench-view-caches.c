/* bench-view-caches.c — what the timeline and the map keep of each item,
 * in time and in memory, from 10,000 to 1,000,000 items
 *
 * Each view reads an item through its expressions once per item object
 * and keeps what it read (AtlasItemCache) until the item goes.  For each
 * size this measures the first reading of every item, the same items
 * taken in again (as after a filter change: from the cache), and the
 * memory the view takes per item: the heap it allocates (glibc's
 * mallinfo2()), what its cache takes of that, and for the timeline what
 * its layout takes; and the items taken in again behind the app's own
 * filter model (AtlasFilterListModel, an AtlasSubsetModel), which the
 * views follow by position in the store, touching no item object.  The
 * baseline is iterating the model once.
 *
 *   bench: NAME VALUE UNIT ratio R
 *
 * Run under Xvfb: xvfb-run -a meson test -C build --benchmark view-caches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <malloc.h>

#include "atlas-filter-list-model.h"
#include "atlas-timeline-private.h"
#include "atlas-world-map-private.h"

/* Items */

#define BENCH_TYPE_ITEM (bench_item_get_type ())
G_DECLARE_FINAL_TYPE (BenchItem, bench_item, BENCH, ITEM, GObject)

struct _BenchItem
{
  GObject     parent_instance;
  double      start;
  double      end;
  const char *lane;
  char       *label;
  const char *countries[4];
  const char *organizations[2];
};

G_DEFINE_FINAL_TYPE (BenchItem, bench_item, G_TYPE_OBJECT)

static void
bench_item_finalize (GObject *object)
{
  g_free (BENCH_ITEM (object)->label);
  G_OBJECT_CLASS (bench_item_parent_class)->finalize (object);
}

static void
bench_item_class_init (BenchItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_item_finalize;
}

static void
bench_item_init (BenchItem *self)
{
}

static double item_start (BenchItem *item) { return item->start; }
static double item_end (BenchItem *item) { return item->end; }
static char *item_label (BenchItem *item) { return g_strdup (item->label); }
static char *item_lane (BenchItem *item) { return g_strdup (item->lane); }
static char **item_countries (BenchItem *item) { return g_strdupv ((char **) item->countries); }
static char **item_organizations (BenchItem *item) { return g_strdupv ((char **) item->organizations); }

static GtkExpression *
expression (GType     type,
            GCallback callback)
{
  return gtk_cclosure_expression_new (type, NULL, 0, NULL, callback, NULL, NULL);
}

/* The same items on every run: a label of some 40 characters, one to
 * three countries of 40, an organization for half of them */
static GListStore *
generate (guint n)
{
  static const char *lanes[] = { "Agreements", "Joint missions", "Launch services", "Data sharing",
                                 "Training", "Institutions", "Workshops", "Other" };
  static const char *countries[] = {
    "CN", "RU", "FR", "BR", "IT", "DE", "US", "GB", "IN", "JP", "PK", "BD", "IR", "MN", "PE",
    "TH", "TR", "NG", "VE", "BO", "LA", "DZ", "EG", "ET", "AR", "CL", "ZA", "KZ", "ID", "MY",
    "SA", "AE", "LK", "BY", "UA", "ES", "SE", "NL", "KR", "MX",
  };
  static const char *organizations[] = { "CNSA", "ESA", "APSCO", "INPE", "BRICS" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  GListStore *store = g_list_store_new (BENCH_TYPE_ITEM);

  for (guint i = 0; i < n; i++)
    {
      BenchItem *item = g_object_new (BENCH_TYPE_ITEM, NULL);
      guint n_countries = g_rand_int_range (rand, 1, 4);

      item->start = g_rand_int_range (rand, 714000, 741000);
      item->end = g_rand_boolean (rand) ? item->start + g_rand_int_range (rand, 0, 5000) : -1;
      item->lane = lanes[g_rand_int_range (rand, 0, G_N_ELEMENTS (lanes))];
      item->label = g_strdup_printf ("Earth observation and data sharing %u", i);
      for (guint c = 0; c < n_countries; c++)
        item->countries[c] = countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))];
      if (g_rand_boolean (rand))
        item->organizations[0] = organizations[g_rand_int_range (rand, 0, G_N_ELEMENTS (organizations))];
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

/* Measuring */

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
report (const char *name,
        const char *size,
        double      value,
        const char *unit,
        double      baseline)
{
  if (baseline > 0)
    g_print ("bench: %s-%s %.3f %s ratio %.3f\n", name, size, value, unit, value / baseline);
  else
    g_print ("bench: %s-%s %.3f %s ratio -\n", name, size, value, unit);
}

static double
iterate_once (GListModel *model)
{
  double begin = now_ms ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_object_unref (g_list_model_get_item (model, i));
  return now_ms () - begin;
}

/* The best of a few times every item is taken in again */
static double
time_reread (GListModel *store,
             guint       n_runs)
{
  guint n = g_list_model_get_n_items (store);
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < n_runs; r++)
    {
      double begin = now_ms ();

      g_list_model_items_changed (store, 0, n, n);
      best = MIN (best, now_ms () - begin);
    }
  return best;
}

typedef void (*SetModel) (gpointer view, GtkSelectionModel *model);

static void
set_timeline_model (gpointer           view,
                    GtkSelectionModel *model)
{
  atlas_timeline_set_model (view, model);
}

static void
set_map_model (gpointer           view,
               GtkSelectionModel *model)
{
  atlas_world_map_set_model (view, model);
}

/* The items taken in again, found by their position in the store:
 * the view shown a filter model over it */
static double
time_position_reread (GListStore *store,
                      SetModel    set_model,
                      gpointer    view,
                      guint       n_runs)
{
  g_autoptr(AtlasFilterListModel) filtered = atlas_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), NULL);
  g_autoptr(GtkSingleSelection) selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (filtered)));
  double time;

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  set_model (view, GTK_SELECTION_MODEL (selection));
  time = time_reread (G_LIST_MODEL (filtered), n_runs);
  set_model (view, NULL);
  return time;
}

static void
bench (guint       n,
       const char *size)
{
  g_autoptr(GListStore) store = generate (n);
  g_autoptr(GtkSingleSelection) selection = NULL;
  guint n_runs = n >= 1000000 ? 2 : 5;
  double baseline = G_MAXDOUBLE;
  gsize heap;

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (store)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);

  for (guint r = 0; r < n_runs; r++)
    baseline = MIN (baseline, iterate_once (G_LIST_MODEL (store)));
  report ("iterate", size, baseline, "ms", 0);

  /* The timeline */
  {
    AtlasTimeline *timeline = g_object_ref_sink (ATLAS_TIMELINE (atlas_timeline_new ()));
    g_autoptr(GtkExpression) start = expression (G_TYPE_DOUBLE, G_CALLBACK (item_start));
    g_autoptr(GtkExpression) end = expression (G_TYPE_DOUBLE, G_CALLBACK (item_end));
    g_autoptr(GtkExpression) label = expression (G_TYPE_STRING, G_CALLBACK (item_label));
    g_autoptr(GtkExpression) lane = expression (G_TYPE_STRING, G_CALLBACK (item_lane));
    double begin, first;
    gsize layout, total;

    atlas_timeline_set_start_expression (timeline, start);
    atlas_timeline_set_end_expression (timeline, end);
    atlas_timeline_set_label_expression (timeline, label);
    atlas_timeline_set_lane_expression (timeline, lane);

    heap = heap_in_use ();
    begin = now_ms ();
    atlas_timeline_set_model (timeline, GTK_SELECTION_MODEL (selection));
    first = now_ms () - begin;
    total = heap_in_use () - heap;
    layout = atlas_timeline_layout_get_memory_size (_atlas_timeline_get_layout (timeline));
    g_assert_cmpuint (_atlas_timeline_get_n_cached (timeline), ==, n);

    report ("timeline-first-read", size, first, "ms", baseline);
    report ("timeline-cached-read", size, time_reread (G_LIST_MODEL (store), n_runs), "ms", baseline);
    report ("timeline-position-read", size,
            time_position_reread (store, set_timeline_model, timeline, n_runs), "ms", baseline);
    report ("timeline-heap-per-item", size, (double) total / n, "B", 0);
    report ("timeline-layout-per-item", size, (double) layout / n, "B", 0);
    report ("timeline-cache-per-item", size, (double) (total - MIN (total, layout)) / n, "B", 0);

    atlas_timeline_set_model (timeline, NULL);
    g_object_unref (timeline);
  }

  /* The map */
  {
    AtlasWorldMap *map = g_object_ref_sink (ATLAS_WORLD_MAP (atlas_world_map_new ()));
    g_autoptr(GtkExpression) countries = expression (G_TYPE_STRV, G_CALLBACK (item_countries));
    g_autoptr(GtkExpression) organizations = expression (G_TYPE_STRV, G_CALLBACK (item_organizations));
    double begin, first;
    gsize total;

    atlas_world_map_set_countries_expression (map, countries);
    atlas_world_map_set_organizations_expression (map, organizations);

    heap = heap_in_use ();
    begin = now_ms ();
    atlas_world_map_set_model (map, GTK_SELECTION_MODEL (selection));
    first = now_ms () - begin;
    total = heap_in_use () - heap;
    g_assert_cmpuint (_atlas_world_map_get_n_cached (map), ==, n);

    report ("map-first-read", size, first, "ms", baseline);
    report ("map-cached-read", size, time_reread (G_LIST_MODEL (store), n_runs), "ms", baseline);
    report ("map-position-read", size,
            time_position_reread (store, set_map_model, map, n_runs), "ms", baseline);
    /* Its list of items is a pointer each; the rest is the cache */
    report ("map-heap-per-item", size, (double) total / n, "B", 0);
    report ("map-cache-per-item", size, (double) (total - MIN (total, n * sizeof (gpointer))) / n, "B", 0);

    atlas_world_map_set_model (map, NULL);
    g_object_unref (map);
  }
}

int
main (int   argc,
      char *argv[])
{
  const struct { guint n; const char *size; } sizes[] = {
    { 10000, "10k" }, { 100000, "100k" }, { 1000000, "1M" },
  };
  guint max = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : G_MAXUINT;

  gtk_init ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes) && sizes[i].n <= max; i++)
    bench (sizes[i].n, sizes[i].size);

  return 0;
}
