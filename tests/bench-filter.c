/* bench-filter.c — filtering 100,000 records (or --records N), every
 * view following
 *
 * The whole window is built (list, timeline, map, statistics) over a
 * store of synthetic records, and each filter change is timed from the
 * call until every view has taken in the new items (their items-changed
 * handlers run synchronously).  The baseline, measured in the same run,
 * is iterating the model once: getting and releasing each item.
 *
 * A change is smooth only if the frames after it are quick too: the
 * timeline packs its lanes and the list binds its rows when the next
 * frame is laid out.  So the main loop then runs until a frame has been
 * drawn (and, with an incremental filter model, until it has filtered
 * everything), and the longest of its iterations is reported too: the
 * time spent in one iteration, its wait for events aside.
 *
 * Prints "bench: NAME VALUE UNIT ratio R"; NAME-frame is that longest
 * iteration, and NAME-done (incremental only) the time until the views
 * show the whole result.  Each figure is the best of a few rounds.  On a
 * busy machine wall-clock times say little, so a comment line gives the
 * main thread's CPU time for the same figures.  Run
 * under Xvfb:
 *   xvfb-run -a meson test -C build --benchmark filter
 * or by hand, for some changes only, or with GTK's incremental
 * filtering (when the window's model is a GtkFilterListModel):
 *   bench-filter [--incremental] [--rounds N] [filter-kind filter-clear …]
 * and --detach=list,timeline,map leaves those views without a model, to
 * see what each costs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <time.h>

#include "atlas-application.h"
#include "atlas-window-private.h"
#include "synthetic.h"

#define SETTLE_TIMEOUT (10 * G_USEC_PER_SEC)

/* Time the main loop spends waiting for events, to tell it from work */
static int n_rounds = 5;
static GPollFunc real_poll;
static gint64 poll_time;
static guint n_paints;

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 start = g_get_monotonic_time ();
  int result = real_poll (fds, n_fds, timeout);

  poll_time += g_get_monotonic_time () - start;
  return result;
}

/* The main thread's CPU time, in µs */
static gint64
get_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  n_paints++;
}

static double
iterate_once (GListModel *model,
              double     *cpu)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = get_cpu_time ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_object_unref (g_list_model_get_item (model, i));

  *cpu = (get_cpu_time () - cpu_start) / 1000.0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static guint
get_pending (AtlasWindow *window)
{
  GListModel *model = gtk_single_selection_get_model (_atlas_window_get_selection (window));

  return GTK_IS_FILTER_LIST_MODEL (model) ? gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) : 0;
}

static gboolean
quiet_cb (gpointer data)
{
  gboolean *quiet = data;

  *quiet = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until a frame has been drawn (or none came for a
 * while: nothing changed) and nothing is left to filter.  Returns the
 * longest iteration's work, in ms, and in @longest_cpu its CPU time;
 * @done is when filtering ended, in µs of the monotonic clock. */
static double
settle (AtlasWindow *window,
        gint64      *done,
        double      *longest_cpu)
{
  guint paints = n_paints;
  gint64 deadline = g_get_monotonic_time () + SETTLE_TIMEOUT;
  gint64 longest = 0, longest_cpu_us = 0;
  gboolean quiet = FALSE;
  guint quiet_id = g_timeout_add (250, quiet_cb, &quiet);

  *done = g_get_monotonic_time ();
  while (g_get_monotonic_time () < deadline)
    {
      gboolean pending = get_pending (window) > 0;
      gint64 start, cpu_start, polled = poll_time;

      if (!pending && (n_paints > paints || quiet))
        break;

      start = g_get_monotonic_time ();
      cpu_start = get_cpu_time ();
      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, g_get_monotonic_time () - start - (poll_time - polled));
      longest_cpu_us = MAX (longest_cpu_us, get_cpu_time () - cpu_start);

      if (pending && get_pending (window) == 0)
        *done = g_get_monotonic_time ();
    }

  if (!quiet)
    g_source_remove (quiet_id);

  /* Whatever was left for idle time */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  *longest_cpu = longest_cpu_us / 1000.0;
  return longest / 1000.0;
}

typedef struct
{
  double sync;       /* the call: every items-changed handler */
  double frame;      /* the longest main-loop iteration after it */
  double done;       /* until filtering ended (incremental) */
  double sync_cpu;   /* the same in CPU time */
  double frame_cpu;
} Timing;

/* A change from one state of the window to another: what to do for
 * either, with what */
typedef void (*ApplyFunc) (AtlasWindow *window,
                           gpointer     state);

/* The fastest of a few rounds: the machine is shared and noisy */
static void
time_change (AtlasWindow *window,
             ApplyFunc    apply,
             gpointer     from,
             gpointer     to,
             Timing      *best)
{
  gint64 done;
  double cpu;

  best->sync = best->frame = best->done = best->sync_cpu = best->frame_cpu = G_MAXDOUBLE;
  for (int round = 0; round < n_rounds; round++)
    {
      gint64 start, cpu_start;
      double sync, frame, frame_cpu;

      apply (window, from);
      settle (window, &done, &cpu);

      start = g_get_monotonic_time ();
      cpu_start = get_cpu_time ();
      apply (window, to);
      sync = (g_get_monotonic_time () - start) / 1000.0;
      cpu = (get_cpu_time () - cpu_start) / 1000.0;
      frame = settle (window, &done, &frame_cpu);

      best->sync = MIN (best->sync, sync);
      best->frame = MIN (best->frame, frame);
      best->done = MIN (best->done, (done - start) / 1000.0);
      best->sync_cpu = MIN (best->sync_cpu, cpu);
      best->frame_cpu = MIN (best->frame_cpu, frame_cpu);
    }
}

static void
apply_filter (AtlasWindow *window,
              gpointer     state)
{
  _atlas_window_set_filter (window, state);
}

static void
time_filter (AtlasWindow *window,
             const char  *from_view,
             const char  *to_view,
             Timing      *best,
             guint       *n_shown)
{
  g_autoptr(AtlasViewState) from = atlas_view_state_parse (from_view, NULL);
  g_autoptr(AtlasViewState) to = atlas_view_state_parse (to_view, NULL);

  g_assert_nonnull (from);
  g_assert_nonnull (to);

  time_change (window, apply_filter, from, to, best);
  *n_shown = g_list_model_get_n_items (G_LIST_MODEL (_atlas_window_get_selection (window)));
}

static void
apply_selection (AtlasWindow *window,
                 gpointer     position)
{
  gtk_single_selection_set_selected (_atlas_window_get_selection (window), GPOINTER_TO_UINT (position));
}

/* Selecting a record far down the list: the list and the timeline
 * scroll to it, the map draws its arcs, the details show it */
static void
time_select (AtlasWindow *window,
             guint        position,
             Timing      *best)
{
  time_change (window, apply_selection, GUINT_TO_POINTER (GTK_INVALID_LIST_POSITION),
               GUINT_TO_POINTER (position), best);
}

static void
detach_views (AtlasWindow *window,
              const char  *views)
{
  g_auto(GStrv) names = g_strsplit (views, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "list"))
        atlas_record_list_set_model (_atlas_window_get_record_list (window), NULL);
      else if (g_str_equal (names[i], "timeline"))
        atlas_timeline_set_model (_atlas_window_get_timeline (window), NULL);
      else if (g_str_equal (names[i], "map"))
        atlas_world_map_set_model (_atlas_window_get_world_map (window), NULL);
      else
        g_error ("No view called %s", names[i]);
      g_print ("# without the %s\n", names[i]);
    }
}

static gboolean
wanted (const char *name,
        char      **names)
{
  return names == NULL || names[0] == NULL || g_strv_contains ((const char * const *) names, name);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name, *from, *to; } changes[] = {
    { "filter-kind", "space-atlas://view", "space-atlas://view?kind=agreement" },
    { "filter-kind-wider", "space-atlas://view?kind=agreement", "space-atlas://view?kind=agreement,workshop" },
    { "filter-country", "space-atlas://view", "space-atlas://view?country=BR" },
    { "filter-time", "space-atlas://view", "space-atlas://view?from=1990&to=1999" },
    { "filter-text-typing", "space-atlas://view?q=lun", "space-atlas://view?q=lunar" },
    { "filter-text-new", "space-atlas://view", "space-atlas://view?q=seismic%20telescope" },
    { "filter-clear", "space-atlas://view?kind=agreement&country=BR", "space-atlas://view" },
  };
  g_autoptr(AtlasApplication) app = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_auto(GStrv) names = NULL;
  gboolean incremental = FALSE;
  g_autofree char *detach = NULL;
  int n_records = 100000;
  g_autofree char *size = NULL;
  GOptionEntry entries[] = {
    { "incremental", 0, 0, G_OPTION_ARG_NONE, &incremental, "Filter incrementally (GtkFilterListModel)", NULL },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds, "Rounds of each change (5)", "N" },
    { "records", 0, 0, G_OPTION_ARG_INT, &n_records, "How many records (100000)", "N" },
    { "detach", 0, 0, G_OPTION_ARG_STRING, &detach, "Views to leave without a model", "list,timeline,map" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, NULL, "[CHANGE…]" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  AtlasWindow *window;
  AtlasStore *store;
  GListModel *filtered;
  double baseline = G_MAXDOUBLE, baseline_cpu = G_MAXDOUBLE;
  gint64 done;
  double cpu;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (n_records < 1)
    g_error ("--records: at least 1");
  /* 1000 → 1k, 100000 → 100k, 1000000 → 1M */
  if (n_records % 1000000 == 0)
    size = g_strdup_printf ("%dM", n_records / 1000000);
  else if (n_records % 1000 == 0)
    size = g_strdup_printf ("%dk", n_records / 1000);
  else
    size = g_strdup_printf ("%d", n_records);

  /* What the tests draw with: under Xvfb, GTK's GL renderer is Mesa's
   * software one, and the time its threads take to draw would be all
   * one measured */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  adw_init ();
  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

  app = atlas_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  window = atlas_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));

  filtered = gtk_single_selection_get_model (_atlas_window_get_selection (window));
  if (incremental)
    {
      if (!GTK_IS_FILTER_LIST_MODEL (filtered))
        g_error ("The window's model is a %s, not a GtkFilterListModel", G_OBJECT_TYPE_NAME (filtered));
      gtk_filter_list_model_set_incremental (GTK_FILTER_LIST_MODEL (filtered), TRUE);
    }
  g_print ("# filtered by a %s%s\n", G_OBJECT_TYPE_NAME (filtered), incremental ? ", incrementally" : "");
  if (detach != NULL)
    detach_views (window, detach);

  records = synthetic_records (n_records, 20261122);
  store = atlas_window_get_store (window);
  atlas_store_set_records (store, records, NULL);
  while (gtk_widget_get_frame_clock (GTK_WIDGET (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  settle (window, &done, &cpu);

  for (int round = 0; round < n_rounds; round++)
    {
      baseline = MIN (baseline, iterate_once (G_LIST_MODEL (store), &cpu));
      baseline_cpu = MIN (baseline_cpu, cpu);
    }
  g_print ("bench: iterate-model-%s %.3f ms ratio -\n", size, baseline);
  g_print ("# iterate-model-%s: CPU %.3f ms\n", size, baseline_cpu);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      Timing timing;
      guint n_shown;

      if (!wanted (changes[i].name, names))
        continue;

      time_filter (window, changes[i].from, changes[i].to, &timing, &n_shown);

      g_print ("bench: %s-%s %.3f ms ratio %.3f\n", changes[i].name, size, timing.sync, timing.sync / baseline);
      g_print ("bench: %s-%s-frame %.3f ms ratio %.3f\n", changes[i].name, size, timing.frame,
               timing.frame / baseline);
      if (incremental)
        g_print ("bench: %s-%s-done %.3f ms ratio %.3f\n", changes[i].name, size, timing.done,
                 timing.done / baseline);
      g_print ("# %s: CPU %.3f ms ratio %.3f, frame %.3f ms ratio %.3f\n", changes[i].name,
               timing.sync_cpu, timing.sync_cpu / baseline_cpu, timing.frame_cpu, timing.frame_cpu / baseline_cpu);
      g_print ("# %s keeps %u of %d records\n", changes[i].name, n_shown, n_records);
    }

  if (wanted ("select-record", names))
    {
      g_autoptr(AtlasViewState) everything = atlas_view_state_parse ("space-atlas://view", NULL);
      Timing timing;

      _atlas_window_set_filter (window, everything);
      time_select (window, n_records * 2 / 3, &timing);
      g_print ("bench: select-record-%s %.3f ms ratio %.3f\n", size, timing.sync, timing.sync / baseline);
      g_print ("bench: select-record-%s-frame %.3f ms ratio %.3f\n", size, timing.frame, timing.frame / baseline);
      g_print ("# select-record: CPU %.3f ms ratio %.3f, frame %.3f ms ratio %.3f\n",
               timing.sync_cpu, timing.sync_cpu / baseline_cpu, timing.frame_cpu, timing.frame_cpu / baseline_cpu);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
