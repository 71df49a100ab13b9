/* test-timeline-layout.c — the timeline's cache, lanes, rows, aggregation
 * and hit testing, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-timeline-layout.h"

typedef struct
{
  double      start;
  double      end;        /* -1: none */
  int         precision;
  gboolean    ongoing;
  const char *label;
  const char *lanes[4];
} Item;

static double
day (int year,
     int month,
     int mday)
{
  return atlas_time_day_from_date (year, month, mday);
}

static void
set_item (AtlasTimelineLayout *layout,
          guint                position,
          const Item          *item)
{
  atlas_timeline_layout_set_item (layout, position, item->start, item->end, item->precision,
                                  item->ongoing, item->label,
                                  item->label ? 7.0 * strlen (item->label) : 0,
                                  item->lanes, -1);
}

static AtlasTimelineLayout *
layout_new (const Item *items,
            guint       n_items)
{
  AtlasTimelineLayout *layout = atlas_timeline_layout_new ();

  atlas_timeline_layout_set_today (layout, day (2026, 1, 1));
  atlas_timeline_layout_begin_update (layout, 0, 0, n_items);
  for (guint i = 0; i < n_items; i++)
    set_item (layout, i, &items[i]);
  atlas_timeline_layout_end_update (layout);

  return layout;
}

/* Deterministic synthetic items */
static Item *
make_items (guint   n,
            guint   n_lanes,
            guint32 seed,
            double  first,
            double  last)
{
  static const char *lane_names[] = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
    "golf", "hotel", "india", "juliett", "kilo", "lima",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Item *items = g_new0 (Item, n);

  for (guint i = 0; i < n; i++)
    {
      Item *item = &items[i];
      double kind = g_rand_double (rand);

      item->start = floor (g_rand_double_range (rand, first, last));
      item->precision = 1 + g_rand_int_range (rand, 0, 3);
      item->end = -1;
      if (kind < 0.3)
        item->end = item->start + floor (g_rand_double_range (rand, 1, 800));
      else if (kind < 0.32)
        item->ongoing = TRUE;
      item->label = (i % 3) ? "Cooperation" : "A longer label of an item";
      item->lanes[0] = lane_names[g_rand_int_range (rand, 0, n_lanes)];
      if (i % 7 == 0)
        item->lanes[1] = lane_names[g_rand_int_range (rand, 0, n_lanes)];
    }

  return items;
}

static void
assert_same_lanes (AtlasTimelineLayout *a,
                   AtlasTimelineLayout *b)
{
  g_assert_cmpuint (atlas_timeline_layout_get_n_items (a), ==, atlas_timeline_layout_get_n_items (b));
  g_assert_cmpuint (atlas_timeline_layout_get_n_lanes (a), ==, atlas_timeline_layout_get_n_lanes (b));

  for (guint l = 0; l < atlas_timeline_layout_get_n_lanes (a); l++)
    {
      guint n = atlas_timeline_layout_get_lane_n_entries (a, l);

      g_assert_cmpstr (atlas_timeline_layout_get_lane_key (a, l), ==, atlas_timeline_layout_get_lane_key (b, l));
      g_assert_cmpuint (n, ==, atlas_timeline_layout_get_lane_n_entries (b, l));
      for (guint e = 0; e < n; e++)
        g_assert_cmpuint (atlas_timeline_layout_get_lane_item (a, l, e), ==,
                          atlas_timeline_layout_get_lane_item (b, l, e));
    }

  for (guint i = 0; i < atlas_timeline_layout_get_n_items (a); i++)
    {
      guint na, nb;
      const guint16 *la = atlas_timeline_layout_get_item_lanes (a, i, &na);
      const guint16 *lb = atlas_timeline_layout_get_item_lanes (b, i, &nb);

      g_assert_cmpfloat (atlas_timeline_layout_get_item_start (a, i), ==, atlas_timeline_layout_get_item_start (b, i));
      g_assert_cmpstr (atlas_timeline_layout_get_item_label (a, i), ==, atlas_timeline_layout_get_item_label (b, i));
      g_assert_cmpmem (la, na * sizeof (guint16), lb, nb * sizeof (guint16));
    }
}

static void
test_cache_build (void)
{
  const Item items[] = {
    { day (1988, 7, 1), -1, ATLAS_TIME_PRECISION_MONTH, TRUE, "CBERS", { "Joint mission", "Brazil" } },
    { day (2001, 7, 9), day (2007, 12, 31), ATLAS_TIME_PRECISION_DAY, FALSE, "Double Star", { "Joint mission" } },
    { day (2018, 1, 1), -1, ATLAS_TIME_PRECISION_YEAR, FALSE, "BRICS", { "Other" } },
    { day (2011, 3, 1), -1, ATLAS_TIME_PRECISION_MONTH, FALSE, "Workshop", { "Brazil", "Brazil" } },
    { day (2019, 1, 1), -1, ATLAS_TIME_PRECISION_YEAR, FALSE, NULL, { NULL } },
  };
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, G_N_ELEMENTS (items));
  double first, stop;
  const guint16 *lanes;
  guint n;

  g_assert_cmpuint (atlas_timeline_layout_get_n_items (layout), ==, 5);

  /* Lanes: most items first, then by name; the lane of items in none last */
  g_assert_cmpuint (atlas_timeline_layout_get_n_lanes (layout), ==, 4);
  g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, 0), ==, "Brazil");
  g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, 1), ==, "Joint mission");
  g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, 2), ==, "Other");
  g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, 3), ==, "");

  /* An item in two lanes is in both, once each; entries are in date order */
  lanes = atlas_timeline_layout_get_item_lanes (layout, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (lanes[0], ==, 1);
  g_assert_cmpuint (lanes[1], ==, 0);
  atlas_timeline_layout_get_item_lanes (layout, 3, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (atlas_timeline_layout_get_lane_n_entries (layout, 0), ==, 2);
  g_assert_cmpuint (atlas_timeline_layout_get_lane_item (layout, 0, 0), ==, 0);
  g_assert_cmpuint (atlas_timeline_layout_get_lane_item (layout, 0, 1), ==, 3);
  g_assert_cmpuint (atlas_timeline_layout_find_entry (layout, 0, 3), ==, 1);
  g_assert_cmpuint (atlas_timeline_layout_find_entry (layout, 2, 3), ==, G_MAXUINT);

  /* What each item is */
  g_assert_true (atlas_timeline_layout_get_item_ongoing (layout, 0));
  g_assert_false (atlas_timeline_layout_get_item_has_end (layout, 0));
  g_assert_cmpfloat (atlas_timeline_layout_get_item_stop (layout, 0), ==, day (2026, 1, 2));
  g_assert_true (atlas_timeline_layout_get_item_has_end (layout, 1));
  g_assert_cmpfloat (atlas_timeline_layout_get_item_stop (layout, 1), ==, day (2008, 1, 1));
  g_assert_cmpfloat (atlas_timeline_layout_get_item_stop (layout, 2), ==, day (2019, 1, 1));
  g_assert_cmpint (atlas_timeline_layout_get_item_precision (layout, 2), ==, ATLAS_TIME_PRECISION_YEAR);
  g_assert_cmpstr (atlas_timeline_layout_get_item_label (layout, 1), ==, "Double Star");
  g_assert_null (atlas_timeline_layout_get_item_label (layout, 4));

  g_assert_true (atlas_timeline_layout_get_extent (layout, &first, &stop));
  g_assert_cmpfloat (first, ==, day (1988, 7, 1));
  g_assert_cmpfloat (stop, ==, day (2026, 1, 2));

  /* Today moves ongoing items */
  atlas_timeline_layout_set_today (layout, day (2030, 6, 1));
  g_assert_cmpfloat (atlas_timeline_layout_get_item_stop (layout, 0), ==, day (2030, 6, 2));
  g_assert_true (atlas_timeline_layout_get_extent (layout, &first, &stop));
  g_assert_cmpfloat (stop, ==, day (2030, 6, 2));
}

static void
test_cache_memory (void)
{
  const guint n = 100000;
  g_autofree Item *items = make_items (n, 12, 7, day (1957, 1, 1), day (2030, 12, 31));
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, n);
  double per_item;

  atlas_timeline_layout_update (layout, 0.05);
  per_item = (double) atlas_timeline_layout_get_memory_size (layout) / n;
  g_test_message ("%.1f bytes an item", per_item);
  g_assert_cmpfloat (per_item, <, 200);
}

static void
test_cache_incremental (void)
{
  const guint n = 400;
  g_autofree Item *items = make_items (n, 5, 11, day (1990, 1, 1), day (2000, 1, 1));
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, n);
  Item changed = { day (1995, 5, 5), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "Moved", { "zulu", "alpha" } };
  GArray *model = g_array_new (FALSE, FALSE, sizeof (Item));

  g_array_append_vals (model, items, n);
  atlas_timeline_layout_update (layout, 1);

  /* Replace one */
  atlas_timeline_layout_begin_update (layout, 100, 1, 1);
  set_item (layout, 100, &changed);
  atlas_timeline_layout_end_update (layout);
  g_array_index (model, Item, 100) = changed;
  {
    g_autoptr(AtlasTimelineLayout) fresh = layout_new ((Item *) model->data, model->len);
    assert_same_lanes (layout, fresh);
  }
  g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, atlas_timeline_layout_get_n_lanes (layout) - 1),
                   ==, "zulu");

  /* Remove three, add two */
  atlas_timeline_layout_begin_update (layout, 10, 3, 2);
  set_item (layout, 10, &changed);
  set_item (layout, 11, &items[0]);
  atlas_timeline_layout_end_update (layout);
  g_array_remove_range (model, 10, 3);
  g_array_insert_val (model, 10, items[0]);
  g_array_insert_val (model, 10, changed);
  {
    g_autoptr(AtlasTimelineLayout) fresh = layout_new ((Item *) model->data, model->len);
    assert_same_lanes (layout, fresh);
  }

  /* Remove the last of a lane: the lane goes */
  for (guint i = 0; i < model->len; i++)
    if (g_strcmp0 (g_array_index (model, Item, i).lanes[0], "zulu") == 0)
      {
        atlas_timeline_layout_begin_update (layout, i, 1, 0);
        atlas_timeline_layout_end_update (layout);
        g_array_remove_index (model, i);
        i--;
      }
  {
    g_autoptr(AtlasTimelineLayout) fresh = layout_new ((Item *) model->data, model->len);
    assert_same_lanes (layout, fresh);
  }
  for (guint l = 0; l < atlas_timeline_layout_get_n_lanes (layout); l++)
    g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, l), !=, "zulu");

  /* Replace everything */
  atlas_timeline_layout_begin_update (layout, 0, model->len, 1);
  set_item (layout, 0, &changed);
  atlas_timeline_layout_end_update (layout);
  g_assert_cmpuint (atlas_timeline_layout_get_n_lanes (layout), ==, 2);
  g_assert_cmpuint (atlas_timeline_layout_get_n_items (layout), ==, 1);

  /* And clear */
  atlas_timeline_layout_begin_update (layout, 0, 1, 0);
  atlas_timeline_layout_end_update (layout);
  g_assert_cmpuint (atlas_timeline_layout_get_n_lanes (layout), ==, 0);
  g_assert_true (atlas_timeline_layout_update (layout, 1));
  g_assert_cmpfloat (atlas_timeline_layout_get_height (layout), ==, 0);

  g_array_unref (model);
}

static double
occupied_end (const AtlasTimelineGeometry *geometry)
{
  if (geometry->label_shown)
    return MAX (geometry->x1, geometry->label_x + geometry->label_width);
  return geometry->x1;
}

/* No two entries of a row overlap, labels included, at px_per_day and
 * just below the next quarter octave */
static void
assert_no_overlap (AtlasTimelineLayout *layout,
                   double               px_per_day)
{
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (layout);

  for (double zoom = px_per_day; zoom < px_per_day * 1.18; zoom *= 1.05)
    {
      AtlasTimeScale scale = { day (1900, 1, 1), zoom };

      atlas_timeline_layout_update (layout, zoom);
      for (guint l = 0; l < atlas_timeline_layout_get_n_lanes (layout); l++)
        {
          g_autofree double *row_end = g_new (double, m->max_rows);

          if (atlas_timeline_layout_get_lane_dense (layout, l))
            continue;

          for (guint r = 0; r < m->max_rows; r++)
            row_end[r] = -G_MAXDOUBLE;

          for (guint e = 0; e < atlas_timeline_layout_get_lane_n_entries (layout, l); e++)
            {
              AtlasTimelineGeometry geometry;

              atlas_timeline_layout_get_geometry (layout, l, e, &scale, &geometry);
              if (geometry.row < 0)
                continue;
              g_assert_cmpint (geometry.row, <, (int) atlas_timeline_layout_get_lane_n_rows (layout, l));
              g_assert_cmpfloat (geometry.x0, >=, row_end[geometry.row] + m->row_gap - 1e-6);
              row_end[geometry.row] = occupied_end (&geometry);
            }
        }
    }
}

static void
test_pack_rows (void)
{
  const Item same_day[] = {
    { day (2000, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "One", { "a" } },
    { day (2000, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "Two", { "a" } },
    { day (2000, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "Three", { "a" } },
    { day (2010, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "Four", { "a" } },
  };
  g_autoptr(AtlasTimelineLayout) layout = layout_new (same_day, G_N_ELEMENTS (same_day));
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (layout);
  AtlasTimeScale scale = { day (1999, 1, 1), 1 };
  AtlasTimelineGeometry geometry;

  /* The same day: stacked; ten years on: back in the first row */
  g_assert_true (atlas_timeline_layout_update (layout, 1));
  g_assert_false (atlas_timeline_layout_update (layout, 1.01));
  g_assert_cmpuint (atlas_timeline_layout_get_lane_n_rows (layout, 0), ==, 3);
  g_assert_false (atlas_timeline_layout_get_lane_overflows (layout, 0));
  g_assert_false (atlas_timeline_layout_get_lane_dense (layout, 0));
  for (guint e = 0; e < 4; e++)
    {
      atlas_timeline_layout_get_geometry (layout, 0, e, &scale, &geometry);
      g_assert_cmpint (geometry.row, ==, e % 3);
      g_assert_true (geometry.label_shown);
      g_assert_cmpfloat (geometry.y, ==, m->lane_padding + (e % 3) * m->row_height);
    }
  g_assert_cmpfloat (atlas_timeline_layout_get_lane_height (layout, 0), ==,
                     2 * m->lane_padding + 3 * m->row_height);
  g_assert_cmpfloat (atlas_timeline_layout_get_height (layout), ==,
                     2 * m->lane_padding + 3 * m->row_height);

  assert_no_overlap (layout, 0.01);
  assert_no_overlap (layout, 1);
  assert_no_overlap (layout, 50);
}

static void
test_pack_random (void)
{
  const guint n = 3000;
  g_autofree Item *items = make_items (n, 6, 3, day (1957, 1, 1), day (2030, 12, 31));
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, n);

  for (double ppd = 0.01; ppd < 300; ppd *= 2.7)
    assert_no_overlap (layout, ppd);
}

static void
test_pack_overflow (void)
{
  const guint n = 100;
  g_autofree Item *items = g_new0 (Item, n + 1);
  g_autoptr(AtlasTimelineLayout) layout = NULL;
  const AtlasTimelineMetrics *m;
  AtlasTimeScale scale = { day (1999, 12, 1), 4 };
  AtlasTimelineHit hit;
  AtlasTimelineGeometry geometry;
  guint n_overflow = 0;

  for (guint i = 0; i < n; i++)
    items[i] = (Item) { day (2000, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "Crowd", { "a" } };
  items[n] = (Item) { day (2005, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "Alone", { "a" } };
  layout = layout_new (items, n + 1);
  m = atlas_timeline_layout_get_metrics (layout);

  atlas_timeline_layout_update (layout, scale.px_per_day);
  g_assert_false (atlas_timeline_layout_get_lane_dense (layout, 0));
  g_assert_cmpuint (atlas_timeline_layout_get_lane_n_rows (layout, 0), ==, m->max_rows);
  g_assert_true (atlas_timeline_layout_get_lane_overflows (layout, 0));
  g_assert_cmpfloat (atlas_timeline_layout_get_lane_height (layout, 0), ==,
                     2 * m->lane_padding + (m->max_rows + 1) * m->row_height);

  for (guint e = 0; e < n; e++)
    {
      atlas_timeline_layout_get_geometry (layout, 0, e, &scale, &geometry);
      if (geometry.row < 0)
        {
          n_overflow++;
          g_assert_cmpfloat (geometry.y, ==, atlas_timeline_layout_get_overflow_y (layout, 0));
        }
    }
  g_assert_cmpuint (n_overflow, ==, n - m->max_rows);

  /* The badge under the crowd counts what does not fit */
  atlas_timeline_layout_get_geometry (layout, 0, 0, &scale, &geometry);
  g_assert_true (atlas_timeline_layout_pick (layout, &scale, (geometry.x0 + geometry.x1) / 2,
                                             atlas_timeline_layout_get_overflow_y (layout, 0) + 2, &hit));
  g_assert_cmpint (hit.item, ==, -1);
  g_assert_cmpuint (hit.count, ==, n - m->max_rows);
  g_assert_cmpfloat (hit.first_day, <=, day (2000, 1, 1));
  g_assert_cmpfloat (hit.last_day, >, day (2000, 1, 1));
  g_assert_cmpint (atlas_timeline_layout_get_badge (layout, day (2000, 1, 1)), ==,
                   atlas_timeline_layout_get_badge (layout, hit.first_day));

  /* The lone item keeps its label in the first row */
  atlas_timeline_layout_get_geometry (layout, 0, n, &scale, &geometry);
  g_assert_cmpint (geometry.row, ==, 0);
  g_assert_true (geometry.label_shown);
}

static void
test_pack_dense (void)
{
  const guint n = 20000;
  g_autofree Item *items = make_items (n, 1, 5, day (1957, 1, 1), day (2030, 12, 31));
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, n);
  AtlasTimeScale scale = { day (1957, 1, 1), 1000.0 / (day (2031, 1, 1) - day (1957, 1, 1)) };
  guint counts[250];
  guint n_entries = atlas_timeline_layout_get_lane_n_entries (layout, 0);
  guint64 total = 0;
  AtlasTimelineHit hit;

  /* Fitted: a density strip */
  atlas_timeline_layout_update (layout, scale.px_per_day);
  g_assert_cmpuint (atlas_timeline_layout_get_n_lanes (layout), ==, 1);
  g_assert_true (atlas_timeline_layout_get_lane_dense (layout, 0));
  g_assert_cmpfloat (atlas_timeline_layout_get_lane_height (layout, 0), ==,
                     2 * atlas_timeline_layout_get_metrics (layout)->lane_padding +
                     atlas_timeline_layout_get_metrics (layout)->dense_height);

  /* Buckets count what covers them: starts spread evenly, so every
   * bucket has some; together they count every item at least once */
  atlas_timeline_layout_count_buckets (layout, 0, &scale, 0, 4, counts, G_N_ELEMENTS (counts));
  for (guint b = 0; b < G_N_ELEMENTS (counts); b++)
    {
      g_assert_cmpuint (counts[b], >, 0);
      g_assert_cmpuint (counts[b], ==,
                        atlas_timeline_layout_count (layout, 0, atlas_time_scale_to_day (&scale, 4 * b),
                                                     atlas_time_scale_to_day (&scale, 4 * (b + 1))));
      total += counts[b];
    }
  g_assert_cmpuint (total, >=, n_entries);
  g_assert_cmpuint (atlas_timeline_layout_count (layout, 0, day (1900, 1, 1), day (1956, 1, 1)), ==, 0);
  g_assert_cmpuint (atlas_timeline_layout_count (layout, 0, day (1900, 1, 1), day (2100, 1, 1)), ==, n_entries);

  /* A point in the strip is an aggregate */
  g_assert_true (atlas_timeline_layout_pick (layout, &scale, 500, 10, &hit));
  g_assert_cmpint (hit.item, ==, -1);
  g_assert_cmpuint (hit.count, >, 0);

  /* A month: items again */
  scale.px_per_day = 40;
  atlas_timeline_layout_update (layout, scale.px_per_day);
  g_assert_false (atlas_timeline_layout_get_lane_dense (layout, 0));
  assert_no_overlap (layout, 40);
}

static void
test_geometry (void)
{
  const Item items[] = {
    { day (2018, 1, 1), -1, ATLAS_TIME_PRECISION_YEAR, FALSE, "Year", { "a" } },
    { day (2018, 3, 5), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "Day", { "b" } },
    { day (2001, 7, 9), day (2007, 12, 31), ATLAS_TIME_PRECISION_DAY, FALSE, "Span", { "c" } },
    { day (1988, 7, 1), -1, ATLAS_TIME_PRECISION_MONTH, TRUE, "Ongoing", { "d" } },
    { day (2011, 1, 1), day (2014, 12, 31), ATLAS_TIME_PRECISION_YEAR, FALSE, "Coarse span", { "e" } },
  };
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, G_N_ELEMENTS (items));
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (layout);
  AtlasTimeScale scale = { day (1985, 1, 1), 0.2 };
  AtlasTimelineGeometry g;
  guint lane;

  atlas_timeline_layout_update (layout, scale.px_per_day);

#define GEOMETRY_OF(item) \
  lane = atlas_timeline_layout_get_item_lanes (layout, item, &(guint) { 0 })[0]; \
  atlas_timeline_layout_get_geometry (layout, lane, atlas_timeline_layout_find_entry (layout, lane, item), &scale, &g)

  /* A year: its whole year, faintly */
  GEOMETRY_OF (0);
  g_assert_cmpint (g.shape, ==, ATLAS_TIMELINE_SHAPE_PERIOD);
  g_assert_cmpfloat_with_epsilon (g.x0, atlas_time_scale_to_x (&scale, day (2018, 1, 1)), 1e-6);
  g_assert_cmpfloat_with_epsilon (g.x1, atlas_time_scale_to_x (&scale, day (2019, 1, 1)), 1e-6);
  g_assert_true (g.label_shown);
  g_assert_true (g.label_inside);
  g_assert_cmpfloat (g.label_x, ==, g.x0 + m->label_padding);

  /* A day: a mark centred on it, its label beside it */
  GEOMETRY_OF (1);
  g_assert_cmpint (g.shape, ==, ATLAS_TIMELINE_SHAPE_DOT);
  g_assert_cmpfloat_with_epsilon ((g.x0 + g.x1) / 2, atlas_time_scale_to_x (&scale, day (2018, 3, 5) + 0.5), 1e-6);
  g_assert_cmpfloat_with_epsilon (g.x1 - g.x0, m->mark_size, 1e-6);
  g_assert_true (g.label_shown);
  g_assert_false (g.label_inside);
  g_assert_cmpfloat (g.label_x, ==, g.x1 + m->label_gap);

  /* A span: a bar to the end of its last day, its label inside */
  GEOMETRY_OF (2);
  g_assert_cmpint (g.shape, ==, ATLAS_TIMELINE_SHAPE_BAR);
  g_assert_cmpfloat_with_epsilon (g.x1, atlas_time_scale_to_x (&scale, day (2008, 1, 1)), 1e-6);
  g_assert_cmpfloat (g.solid_x0, ==, g.x0);
  g_assert_true (g.label_inside);
  g_assert_cmpfloat (g.label_x, ==, g.x0 + m->label_padding);

  /* Still going on: to today, fading */
  GEOMETRY_OF (3);
  g_assert_cmpint (g.shape, ==, ATLAS_TIMELINE_SHAPE_ONGOING);
  g_assert_cmpfloat_with_epsilon (g.x1, atlas_time_scale_to_x (&scale, day (2026, 1, 2)), 1e-6);
  g_assert_cmpfloat (g.fade_x0, <, g.x1);
  g_assert_cmpfloat (g.fade_x0, >, g.x0);
  g_assert_cmpfloat_with_epsilon (g.solid_x0, atlas_time_scale_to_x (&scale, day (1988, 8, 1)), 1e-6);

  /* A span from a year: its first year is faint */
  GEOMETRY_OF (4);
  g_assert_cmpint (g.shape, ==, ATLAS_TIMELINE_SHAPE_BAR);
  g_assert_cmpfloat_with_epsilon (g.solid_x0, atlas_time_scale_to_x (&scale, day (2012, 1, 1)), 1e-6);

  /* Zoomed out, a year is too narrow to hold its label, which goes
   * beside it; it is no narrower than a mark */
  scale.px_per_day = 0.02;
  atlas_timeline_layout_update (layout, scale.px_per_day);
  GEOMETRY_OF (0);
  g_assert_false (g.label_inside);
  g_assert_cmpfloat (g.label_x, ==, g.x1 + m->label_gap);
  g_assert_cmpfloat_with_epsilon (g.x1 - g.x0, m->mark_size, 1e-6);

  /* A bar a little too short for its label: the label starts inside
   * and runs on */
  scale.px_per_day = 0.05;
  atlas_timeline_layout_update (layout, scale.px_per_day);
  GEOMETRY_OF (4);
  g_assert_cmpfloat (g.x1 - g.x0, >=, 4 * m->mark_size);
  g_assert_false (g.label_inside);
  g_assert_cmpfloat (g.label_x, ==, g.x0 + m->label_padding);
  g_assert_cmpfloat (g.label_x + g.label_width, >, g.x1);
#undef GEOMETRY_OF
}

static void
test_pick (void)
{
  const Item items[] = {
    { day (2000, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "First", { "a" } },
    { day (2000, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "Second", { "a" } },
    { day (2001, 1, 1), day (2003, 1, 1), ATLAS_TIME_PRECISION_DAY, FALSE, "Bar", { "b" } },
    { day (1990, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, TRUE, "Long", { "b" } },
  };
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, G_N_ELEMENTS (items));
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (layout);
  AtlasTimeScale scale = { day (1999, 1, 1), 0.5 };
  AtlasTimelineGeometry g;
  AtlasTimelineHit hit;
  double row_center;

  atlas_timeline_layout_update (layout, scale.px_per_day);

  /* On the mark, in each row */
  for (guint e = 0; e < 2; e++)
    {
      atlas_timeline_layout_get_geometry (layout, 0, e, &scale, &g);
      row_center = g.y + m->row_height / 2;
      g_assert_true (atlas_timeline_layout_pick (layout, &scale, (g.x0 + g.x1) / 2, row_center, &hit));
      g_assert_cmpint (hit.item, ==, (int) atlas_timeline_layout_get_lane_item (layout, 0, e));
      g_assert_cmpuint (hit.lane, ==, 0);
      g_assert_cmpuint (hit.entry, ==, e);

      /* On its label */
      g_assert_true (g.label_shown);
      g_assert_true (atlas_timeline_layout_pick (layout, &scale, g.label_x + 5, row_center, &hit));
      g_assert_cmpint (hit.item, ==, (int) atlas_timeline_layout_get_lane_item (layout, 0, e));

      /* Nothing after it, nor before */
      g_assert_false (atlas_timeline_layout_pick (layout, &scale, g.label_x + g.label_width + 20, row_center, &hit));
      g_assert_false (atlas_timeline_layout_pick (layout, &scale, g.x0 - 20, row_center, &hit));
    }

  /* Nothing in the padding between lanes, nor below them */
  g_assert_false (atlas_timeline_layout_pick (layout, &scale, 183, 1, &hit));
  g_assert_false (atlas_timeline_layout_pick (layout, &scale, 183, atlas_timeline_layout_get_height (layout) + 5, &hit));

  /* A bar is hit along its length, and the long one that starts far
   * out of view is found too */
  atlas_timeline_layout_get_geometry (layout, 1, atlas_timeline_layout_find_entry (layout, 1, 2), &scale, &g);
  g_assert_true (atlas_timeline_layout_pick (layout, &scale, g.x0 + 1, g.y + m->row_height / 2, &hit));
  g_assert_cmpint (hit.item, ==, 2);
  g_assert_true (atlas_timeline_layout_pick (layout, &scale, g.x1 - 1, g.y + m->row_height / 2, &hit));
  g_assert_cmpint (hit.item, ==, 2);

  atlas_timeline_layout_get_geometry (layout, 1, atlas_timeline_layout_find_entry (layout, 1, 3), &scale, &g);
  g_assert_cmpfloat (g.x0, <, 0);
  g_assert_true (atlas_timeline_layout_pick (layout, &scale, 600, g.y + m->row_height / 2, &hit));
  g_assert_cmpint (hit.item, ==, 3);
}

static void
test_iter (void)
{
  const guint n = 5000;
  g_autofree Item *items = make_items (n, 3, 9, day (1957, 1, 1), day (2030, 12, 31));
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, n);
  const double zooms[] = { 0.2, 2, 20 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      AtlasTimeScale scale = { day (1990, 1, 1), zooms[z] };

      atlas_timeline_layout_update (layout, scale.px_per_day);
      for (guint l = 0; l < atlas_timeline_layout_get_n_lanes (layout); l++)
        {
          guint n_entries = atlas_timeline_layout_get_lane_n_entries (layout, l);
          g_autofree gboolean *seen = g_new0 (gboolean, n_entries);
          AtlasTimelineLaneIter iter;
          guint entry;

          if (atlas_timeline_layout_get_lane_dense (layout, l))
            continue;

          atlas_timeline_lane_iter_init (&iter, layout, l, atlas_time_scale_to_day (&scale, 0),
                                         atlas_time_scale_to_day (&scale, 1000));
          while (atlas_timeline_lane_iter_next (&iter, &entry))
            {
              g_assert_false (seen[entry]);
              seen[entry] = TRUE;
            }

          /* Everything drawn in [0, 1000] was walked */
          for (guint e = 0; e < n_entries; e++)
            {
              AtlasTimelineGeometry g;
              double end;

              atlas_timeline_layout_get_geometry (layout, l, e, &scale, &g);
              end = g.label_shown ? MAX (g.x1, g.label_x + g.label_width) : g.x1;
              if (end >= 0 && g.x0 <= 1000)
                g_assert_true (seen[e]);
            }
        }
    }
}

static void
test_navigate (void)
{
  const Item items[] = {
    { day (2000, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "a0", { "a" } },
    { day (2000, 1, 1), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "a1", { "a" } },
    { day (2000, 1, 2), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "b0", { "b" } },
    { day (2020, 1, 2), -1, ATLAS_TIME_PRECISION_DAY, FALSE, "b1", { "b" } },
  };
  g_autoptr(AtlasTimelineLayout) layout = layout_new (items, G_N_ELEMENTS (items));
  AtlasTimeScale scale = { day (1999, 1, 1), 0.5 };
  guint lane = 0, entry = 0;

  atlas_timeline_layout_update (layout, scale.px_per_day);
  g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, 0), ==, "a");

  /* Down: the next row of the lane, then the next lane, nearest in time */
  g_assert_true (atlas_timeline_layout_step_vertical (layout, &scale, &lane, &entry, 1));
  g_assert_cmpuint (lane, ==, 0);
  g_assert_cmpuint (atlas_timeline_layout_get_lane_item (layout, lane, entry), ==, 1);
  g_assert_true (atlas_timeline_layout_step_vertical (layout, &scale, &lane, &entry, 1));
  g_assert_cmpuint (lane, ==, 1);
  g_assert_cmpuint (atlas_timeline_layout_get_lane_item (layout, lane, entry), ==, 2);
  g_assert_false (atlas_timeline_layout_step_vertical (layout, &scale, &lane, &entry, 1));

  /* Up again, to the last row of the lane above */
  g_assert_true (atlas_timeline_layout_step_vertical (layout, &scale, &lane, &entry, -1));
  g_assert_cmpuint (lane, ==, 0);
  g_assert_cmpuint (atlas_timeline_layout_get_lane_item (layout, lane, entry), ==, 1);

  /* Nearest in a row */
  g_assert_true (atlas_timeline_layout_find_nearest (layout, &scale, 1, 0,
                                                     atlas_time_scale_to_x (&scale, day (2015, 1, 1)), &entry));
  g_assert_cmpuint (atlas_timeline_layout_get_lane_item (layout, 1, entry), ==, 3);
  g_assert_false (atlas_timeline_layout_find_nearest (layout, &scale, 1, 1, 0, &entry));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-layout/cache/build", test_cache_build);
  g_test_add_func ("/timeline-layout/cache/memory", test_cache_memory);
  g_test_add_func ("/timeline-layout/cache/incremental", test_cache_incremental);
  g_test_add_func ("/timeline-layout/pack/rows", test_pack_rows);
  g_test_add_func ("/timeline-layout/pack/random", test_pack_random);
  g_test_add_func ("/timeline-layout/pack/overflow", test_pack_overflow);
  g_test_add_func ("/timeline-layout/pack/dense", test_pack_dense);
  g_test_add_func ("/timeline-layout/geometry", test_geometry);
  g_test_add_func ("/timeline-layout/pick", test_pick);
  g_test_add_func ("/timeline-layout/iter", test_iter);
  g_test_add_func ("/timeline-layout/navigate", test_navigate);

  return g_test_run ();
}
