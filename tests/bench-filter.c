/* bench-filter.c — filtering 100,000 records, every view following
 *
 * The whole window is built (list, timeline, map, statistics) over a
 * store of synthetic records, and each filter change is timed from the
 * call until every view has taken in the new items (their items-changed
 * handlers run synchronously).  The baseline, measured in the same run,
 * is iterating the model once: getting and releasing each item.
 *
 * Prints "bench: NAME VALUE UNIT ratio R".  Run under Xvfb:
 *   xvfb-run -a meson test -C build --benchmark filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-application.h"
#include "atlas-window-private.h"
#include "synthetic.h"

#define N_RECORDS 100000
#define N_ROUNDS 5

static double
iterate_once (GListModel *model)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_object_unref (g_list_model_get_item (model, i));

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The fastest of a few rounds: the machine is shared and noisy */
static double
time_filter (AtlasWindow *window,
             const char  *from_view,
             const char  *to_view,
             guint       *n_shown)
{
  g_autoptr(AtlasViewState) from = atlas_view_state_parse (from_view, NULL);
  g_autoptr(AtlasViewState) to = atlas_view_state_parse (to_view, NULL);
  double best = G_MAXDOUBLE;

  g_assert_nonnull (from);
  g_assert_nonnull (to);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      gint64 start;

      _atlas_window_set_filter (window, from);
      drain ();

      start = g_get_monotonic_time ();
      _atlas_window_set_filter (window, to);
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);

      drain ();
    }

  *n_shown = g_list_model_get_n_items (G_LIST_MODEL (_atlas_window_get_selection (window)));
  return best;
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
  AtlasWindow *window;
  AtlasStore *store;
  double baseline = G_MAXDOUBLE;

  gtk_init ();
  adw_init ();

  app = atlas_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  window = atlas_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));

  records = synthetic_records (N_RECORDS, 20261122);
  store = atlas_window_get_store (window);
  atlas_store_set_records (store, records, NULL);
  drain ();

  for (guint round = 0; round < N_ROUNDS; round++)
    baseline = MIN (baseline, iterate_once (G_LIST_MODEL (store)));
  g_print ("bench: iterate-model-100k %.3f ms ratio -\n", baseline);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      guint n_shown;
      double ms = time_filter (window, changes[i].from, changes[i].to, &n_shown);

      g_print ("bench: %s-100k %.3f ms ratio %.3f\n", changes[i].name, ms, ms / baseline);
      g_print ("# %s keeps %u of %u records\n", changes[i].name, n_shown, N_RECORDS);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
