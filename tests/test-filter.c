/* test-filter.c — AtlasFilter: each facet, combinations, free text
 * without case or accents, and incremental changes, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-filter.h"
#include "atlas-store.h"

static AtlasStore *
load_valid (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  AtlasStore *store = atlas_store_new ();
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (contents, length);
  g_assert_true (atlas_store_load_bytes (store, bytes, NULL));
  return store;
}

/* The ids that pass, in order, joined with spaces */
static char *
matching (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AtlasPartnership) p = g_list_model_get_item (model, i);
      g_string_append_printf (out, "%s%s", i ? " " : "", atlas_partnership_get_id (p));
    }
  return g_string_free (out, FALSE);
}

static void
apply (AtlasFilter *filter,
       const char  *view)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasViewState) state = atlas_view_state_parse (view, &error);

  g_assert_no_error (error);
  atlas_filter_set_state (filter, state);
}

#define assert_matching(model, expected) G_STMT_START { \
  g_autofree char *_m = matching (model); \
  g_assert_cmpstr (_m, ==, expected); \
} G_STMT_END

static void
test_facets (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  AtlasFilter *filter = atlas_filter_new ();
  g_autoptr(GtkFilterListModel) model =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), GTK_FILTER (filter));
  GListModel *m = G_LIST_MODEL (model);
  AtlasDate today;

  g_assert_true (atlas_date_parse ("2026-11-22", &today, NULL));
  atlas_filter_set_today (filter, atlas_date_get_first_day (&today));

  assert_matching (m, "ussr-gdr-sigma cbers cbers-2 apsco");

  apply (filter, "space-atlas://view?kind=joint-mission");
  assert_matching (m, "ussr-gdr-sigma cbers");

  apply (filter, "space-atlas://view?kind=joint-mission,institution");
  assert_matching (m, "ussr-gdr-sigma cbers apsco");

  apply (filter, "space-atlas://view?status=completed");
  assert_matching (m, "ussr-gdr-sigma");

  apply (filter, "space-atlas://view?country=BR");
  assert_matching (m, "cbers cbers-2");

  /* Russia finds the USSR's records, Germany the GDR's */
  apply (filter, "space-atlas://view?country=RU");
  assert_matching (m, "ussr-gdr-sigma");
  apply (filter, "space-atlas://view?country=DE");
  assert_matching (m, "ussr-gdr-sigma");

  apply (filter, "space-atlas://view?org=APSCO,INPE");
  assert_matching (m, "cbers apsco");

  apply (filter, "space-atlas://view?tag=human-spaceflight");
  assert_matching (m, "ussr-gdr-sigma");

  /* A time range keeps what overlaps it: cbers is still going on;
   * apsco began in 2008 */
  apply (filter, "space-atlas://view?from=2000&to=2005");
  assert_matching (m, "cbers");
  apply (filter, "space-atlas://view?from=2000&to=2008");
  assert_matching (m, "cbers apsco");
  apply (filter, "space-atlas://view?from=1978-09&to=1978-09");
  assert_matching (m, "ussr-gdr-sigma");
  apply (filter, "space-atlas://view?to=1987");
  assert_matching (m, "ussr-gdr-sigma");

  /* Facets combine */
  apply (filter, "space-atlas://view?country=CN&kind=agreement,institution&from=2005");
  assert_matching (m, "apsco");

  apply (filter, "space-atlas://view");
  assert_matching (m, "ussr-gdr-sigma cbers cbers-2 apsco");
}

static void
test_text (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  AtlasFilter *filter = atlas_filter_new ();
  g_autoptr(GtkFilterListModel) model =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), GTK_FILTER (filter));
  GListModel *m = G_LIST_MODEL (model);
  g_autoptr(AtlasViewState) state = atlas_view_state_new ();

  /* Case and accents aside: "jahn" finds "Jähn" */
  state->text = g_strdup ("JAHN soyuz");
  atlas_filter_set_state (filter, state);
  assert_matching (m, "ussr-gdr-sigma");

  /* Country names, in English here */
  g_free (state->text);
  state->text = g_strdup ("brazil");
  atlas_filter_set_state (filter, state);
  assert_matching (m, "cbers cbers-2");

  /* The summary, in Chinese */
  g_free (state->text);
  state->text = g_strdup ("地球资源");
  atlas_filter_set_state (filter, state);
  assert_matching (m, "cbers");

  /* Every word must be found */
  g_free (state->text);
  state->text = g_strdup ("brazil nothing-like-this");
  atlas_filter_set_state (filter, state);
  assert_matching (m, "");

  {
    g_autofree char *folded = atlas_fold_text ("Coopération ÉTÉ");
    g_assert_cmpstr (folded, ==, "cooperation ete");
  }
}

typedef struct
{
  GtkFilterChange last;
  guint           count;
} ChangeLog;

static void
changed_cb (GtkFilter       *filter,
            GtkFilterChange  change,
            ChangeLog       *log)
{
  log->last = change;
  log->count++;
}

static void
test_incremental (void)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  ChangeLog log = { 0 };

  g_signal_connect (filter, "changed", G_CALLBACK (changed_cb), &log);

  /* Typing more narrows; deleting widens; something else differs */
  apply (filter, "space-atlas://view?q=bra");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  apply (filter, "space-atlas://view?q=brazil");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  apply (filter, "space-atlas://view?q=bra");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  apply (filter, "space-atlas://view?q=china");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_DIFFERENT);

  apply (filter, "space-atlas://view?q=china&kind=agreement,workshop");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  apply (filter, "space-atlas://view?q=china&kind=agreement");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  apply (filter, "space-atlas://view?q=china");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_LESS_STRICT);

  apply (filter, "space-atlas://view?q=china&from=1990&to=2000");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  apply (filter, "space-atlas://view?q=china&from=1992&to=1998");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  apply (filter, "space-atlas://view?q=china&from=1980&to=2010");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  apply (filter, "space-atlas://view?q=china&from=1970&to=1990");
  g_assert_cmpint (log.last, ==, GTK_FILTER_CHANGE_DIFFERENT);

  /* The same filter again: no change at all */
  log.count = 0;
  apply (filter, "space-atlas://view?q=china&from=1970&to=1990");
  g_assert_cmpuint (log.count, ==, 0);

  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (filter)), ==, GTK_FILTER_MATCH_SOME);
  apply (filter, "space-atlas://view");
  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (filter)), ==, GTK_FILTER_MATCH_ALL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter/facets", test_facets);
  g_test_add_func ("/filter/text", test_text);
  g_test_add_func ("/filter/incremental", test_incremental);

  return g_test_run ();
}
