/* bench-timeline.c — how AtlasTimeline keeps up from 1,000 to 1,000,000
 * items
 *
 * A deterministic generator makes N items over 1957–2030 in 12 lanes.
 * For each N this measures rebuilding the item cache on items-changed,
 * updating it for one changed item, and producing one frame's render
 * nodes for a fitted view and a one-year view; each as a ratio to a
 * baseline measured in the same run: appending N plain coloured
 * rectangles to a GtkSnapshot.  Not a timed test: it prints one line
 * per figure,
 *
 *   bench: NAME VALUE UNIT ratio R
 *
 * R being VALUE over the baseline ("ratio -" where there is none), so
 * that runs can be compared by a script.  Run it under Xvfb:
 *
 *   xvfb-run -a meson test -C build --benchmark timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "atlas-timeline-private.h"

#define N_LANES 12

/* A synthetic item */

#define BENCH_TYPE_ITEM (bench_item_get_type ())
G_DECLARE_FINAL_TYPE (BenchItem, bench_item, BENCH, ITEM, GObject)

struct _BenchItem
{
  GObject     parent_instance;
  double      start;
  double      end;
  int         precision;
  gboolean    ongoing;
  const char *lane;
  char       *label;
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
static int item_precision (BenchItem *item) { return item->precision; }
static gboolean item_ongoing (BenchItem *item) { return item->ongoing; }
static char *item_label (BenchItem *item) { return g_strdup (item->label); }
static char *item_lane (BenchItem *item) { return g_strdup (item->lane); }

static GtkExpression *
expression (GType     type,
            GCallback callback)
{
  return gtk_cclosure_expression_new (type, NULL, 0, NULL, callback, NULL, NULL);
}

/* The same items on every run and every machine: GRand is a Mersenne
 * twister with a fixed seed */
static GPtrArray *
generate (guint n)
{
  static const char *lanes[N_LANES] = {
    "Agreements", "Joint missions", "Launch services", "Data sharing", "Training", "Institutions",
    "Workshops", "Ground stations", "Science", "Navigation", "Communications", "Other",
  };
  static const char *words[] = {
    "Earth observation", "Space weather", "Deep space", "Satellite data", "Launch",
    "Ground segment", "Lunar exploration", "Remote sensing", "Navigation", "Training school",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19570104);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);
  double first = atlas_time_day_from_date (1957, 1, 1);
  double last = atlas_time_day_from_date (2030, 12, 31);

  for (guint i = 0; i < n; i++)
    {
      BenchItem *item = g_object_new (BENCH_TYPE_ITEM, NULL);
      double kind = g_rand_double (rand);
      double precision = g_rand_double (rand);

      item->start = floor (g_rand_double_range (rand, first, last));
      item->precision = precision < 0.6 ? 3 : precision < 0.85 ? 2 : 1;
      item->end = -1;
      if (kind < 0.35)
        item->end = item->start + floor (MIN (-log (1 - g_rand_double (rand)) * 200, 20 * 365));
      else if (kind < 0.45)
        item->ongoing = TRUE;
      item->lane = lanes[g_rand_int_range (rand, 0, N_LANES)];
      item->label = g_strdup_printf ("%s %u", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))], i);
      g_ptr_array_add (items, item);
    }

  return items;
}

/* Timing */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
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

/* N plain rectangles appended to a snapshot: the baseline */
static double
time_rectangles (guint n,
                 guint runs)
{
  g_autofree double *times = g_new (double, runs);
  GdkRGBA color = { 0.2, 0.5, 0.8, 1 };

  for (guint r = 0; r < runs; r++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      double begin = now_ms ();

      for (guint i = 0; i < n; i++)
        gtk_snapshot_append_color (snapshot, &color,
                                   &GRAPHENE_RECT_INIT (i % 1400, (i / 1400) % 800, 1, 1));
      node = gtk_snapshot_free_to_node (snapshot);
      times[r] = now_ms () - begin;
      gsk_render_node_unref (node);
    }

  return median (times, runs);
}

/* One frame's render nodes, as GTK asks for them */
static double
time_frame (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  double begin = now_ms (), elapsed;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  elapsed = now_ms () - begin;
  g_clear_pointer (&node, gsk_render_node_unref);
  return elapsed;
}

static double
time_frames (GtkWidget *widget,
             guint      runs)
{
  g_autofree double *times = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    times[r] = time_frame (widget);
  return median (times, runs);
}

static void
settle (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* With ATLAS_BENCH_PNG_DIR set, what was drawn is saved there, to look at */
static void
save_png (GtkWidget  *widget,
          const char *name,
          const char *size)
{
  const char *dir = g_getenv ("ATLAS_BENCH_PNG_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;

  /* With the app's style sheet, when it is there to be found */
  if (g_getenv ("ATLAS_BENCH_CSS") != NULL)
    {
      static GtkCssProvider *provider;

      if (provider == NULL)
        {
          provider = gtk_css_provider_new ();
          gtk_css_provider_load_from_path (provider, g_getenv ("ATLAS_BENCH_CSS"));
          gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
        }
    }

  settle ();
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  path = g_strdup_printf ("%s/timeline-%s-%s.png", dir, name, size);
  gdk_texture_save_to_png (texture, path);
}

static void
wait_for_allocation (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (gtk_widget_get_width (widget) <= 0 || !gtk_widget_get_mapped (widget))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("The window was never shown");
    }
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
bench (guint       n,
       const char *size)
{
  g_autoptr(GPtrArray) items = generate (n);
  g_autoptr(GListStore) store = g_list_store_new (BENCH_TYPE_ITEM);
  g_autoptr(GtkSingleSelection) selection = NULL;
  AtlasTimeline *timeline = ATLAS_TIMELINE (atlas_timeline_new ());
  GtkWidget *window = gtk_window_new ();
  guint runs = n >= 1000000 ? 3 : n >= 100000 ? 5 : 9;
  double baseline, rebuild, update, layout, frame, first_frame, bytes;
  double times[9];

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (store)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);

  atlas_timeline_set_start_expression (timeline, expression (G_TYPE_DOUBLE, G_CALLBACK (item_start)));
  atlas_timeline_set_end_expression (timeline, expression (G_TYPE_DOUBLE, G_CALLBACK (item_end)));
  atlas_timeline_set_precision_expression (timeline, expression (G_TYPE_INT, G_CALLBACK (item_precision)));
  atlas_timeline_set_ongoing_expression (timeline, expression (G_TYPE_BOOLEAN, G_CALLBACK (item_ongoing)));
  atlas_timeline_set_label_expression (timeline, expression (G_TYPE_STRING, G_CALLBACK (item_label)));
  atlas_timeline_set_lane_expression (timeline, expression (G_TYPE_STRING, G_CALLBACK (item_lane)));
  atlas_timeline_set_today (timeline, atlas_time_day_from_date (2026, 11, 22));

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_allocation (GTK_WIDGET (timeline));

  /* The first reading, not timed: fonts and caches warm up */
  atlas_timeline_set_model (timeline, GTK_SELECTION_MODEL (selection));

  baseline = time_rectangles (n, runs);
  report ("rect-baseline", size, baseline, "ms", 0);

  /* Every item changed */
  for (guint r = 0; r < MIN (runs, 3); r++)
    {
      double begin = now_ms ();

      g_list_model_items_changed (G_LIST_MODEL (store), 0, n, n);
      times[r] = now_ms () - begin;
    }
  rebuild = median (times, MIN (runs, 3));
  report ("cache-rebuild", size, rebuild, "ms", baseline);

  /* One item changed */
  for (guint r = 0; r < runs; r++)
    {
      double begin = now_ms ();

      g_list_model_items_changed (G_LIST_MODEL (store), n / 2 + r, 1, 1);
      _atlas_timeline_ensure_layout (timeline);
      times[r] = now_ms () - begin;
    }
  update = median (times, runs);
  report ("cache-update-one", size, update, "ms", baseline);

  bytes = (double) atlas_timeline_layout_get_memory_size (_atlas_timeline_get_layout (timeline)) / n;
  report ("cache-bytes-per-item", size, bytes, "B", 0);

  /* Fitted: all 74 years */
  {
    double begin = now_ms ();

    atlas_timeline_zoom_to_fit (timeline);
    _atlas_timeline_ensure_layout (timeline);
    layout = now_ms () - begin;
  }
  first_frame = time_frame (GTK_WIDGET (timeline));
  frame = time_frames (GTK_WIDGET (timeline), runs);
  save_png (GTK_WIDGET (timeline), "fit", size);
  report ("relayout-fit", size, layout, "ms", baseline);
  report ("frame-fit-first", size, first_frame, "ms", baseline);
  report ("frame-fit", size, frame, "ms", baseline);

  /* One year: 2000 */
  {
    double begin = now_ms ();

    atlas_timeline_set_visible_range (timeline, atlas_time_day_from_date (2000, 1, 1),
                                      atlas_time_day_from_date (2001, 1, 1));
    _atlas_timeline_ensure_layout (timeline);
    layout = now_ms () - begin;
  }
  first_frame = time_frame (GTK_WIDGET (timeline));
  frame = time_frames (GTK_WIDGET (timeline), runs);
  save_png (GTK_WIDGET (timeline), "year", size);
  report ("relayout-year", size, layout, "ms", baseline);
  report ("frame-year-first", size, first_frame, "ms", baseline);
  report ("frame-year", size, frame, "ms", baseline);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const struct { guint n; const char *size; } sizes[] = {
    { 1000, "1k" }, { 10000, "10k" }, { 100000, "100k" }, { 1000000, "1M" },
  };
  guint max = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : G_MAXUINT;

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes) && sizes[i].n <= max; i++)
    bench (sizes[i].n, sizes[i].size);

  return 0;
}
