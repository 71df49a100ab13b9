/* test-filter.c — AtlasFilter: each facet, combinations, free text
 * without case or accents, and incremental changes, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "atlas-countries.h"
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

/* What the filter did before it kept facts on records: read through the
 * record's getters every time */
static gboolean
reference_match (const AtlasViewState *state,
                 gint32                today,
                 AtlasPartnership     *record)
{
  const AtlasDate *start = atlas_partnership_get_start (record);
  const AtlasDate *end = atlas_partnership_get_end (record);
  const char * const *codes = atlas_partnership_get_countries (record);

  if (state->kinds != 0 && (state->kinds & (1u << atlas_partnership_get_kind (record))) == 0)
    return FALSE;
  if (state->statuses != 0 && (state->statuses & (1u << atlas_partnership_get_status (record))) == 0)
    return FALSE;

  if (atlas_date_is_set (&state->from) || atlas_date_is_set (&state->to))
    {
      gint32 first = atlas_date_get_first_day (start);
      gint32 last;

      if (atlas_date_is_set (end))
        last = atlas_date_get_last_day (end);
      else if (atlas_partnership_get_status (record) == ATLAS_STATUS_ACTIVE)
        last = MAX (today, atlas_date_get_last_day (start));
      else
        last = atlas_date_get_last_day (start);

      if (atlas_date_is_set (&state->to) && first > atlas_date_get_last_day (&state->to))
        return FALSE;
      if (atlas_date_is_set (&state->from) && last < atlas_date_get_first_day (&state->from))
        return FALSE;
    }

  if (state->countries != NULL && state->countries[0] != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; codes[i] != NULL && !found; i++)
        {
          const char * const *successors = atlas_countries_get_successors (codes[i]);

          found = g_strv_contains ((const char * const *) state->countries, codes[i]);
          for (guint s = 0; successors != NULL && successors[s] != NULL && !found; s++)
            found = g_strv_contains ((const char * const *) state->countries, successors[s]);
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* What the filter keeps on records (days, kinds, interned countries)
 * and what it works out once per state (which countries match) give
 * what reading the records every time gave, state after state */
static void
test_random_states (void)
{
  static const char * const codes[] = { "CN", "BR", "RU", "UA", "DE", "SU", "DD", "CS", "CZ", "FR", "XX" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1957);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  guint n_matched = 0, n_checked = 0;
  AtlasDate today;

  g_assert_true (atlas_date_parse ("2026-11-22", &today, NULL));
  atlas_filter_set_today (filter, atlas_date_get_first_day (&today));

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      AtlasPartnership *record = atlas_partnership_new (id);
      AtlasDate start = { 0 }, end = { 0 };
      const char *picked[4] = { NULL, };
      guint n = g_rand_int_range (rand, 1, 4);

      g_assert_true (atlas_date_init (&start, g_rand_int_range (rand, 1950, 2030), g_rand_int_range (rand, 0, 13), 0));
      atlas_partnership_set_start (record, &start);
      if (g_rand_boolean (rand))
        {
          g_assert_true (atlas_date_init (&end, g_rand_int_range (rand, start.year, 2040), 0, 0));
          atlas_partnership_set_end (record, &end);
        }
      atlas_partnership_set_kind (record, g_rand_int_range (rand, 0, ATLAS_N_KINDS));
      atlas_partnership_set_status (record, g_rand_int_range (rand, 0, ATLAS_N_STATUSES));
      for (guint c = 0; c < n; c++)
        picked[c] = codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (codes))];
      atlas_partnership_set_countries (record, picked);
      g_ptr_array_add (records, record);
    }

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(AtlasViewState) state = atlas_view_state_new ();
      g_autoptr(GStrvBuilder) countries = g_strv_builder_new ();
      guint n_countries = g_rand_int_range (rand, 0, 3);

      if (g_rand_boolean (rand))
        state->kinds = g_rand_int_range (rand, 0, 1 << ATLAS_N_KINDS);
      if (g_rand_int_range (rand, 0, 4) == 0)
        state->statuses = g_rand_int_range (rand, 0, 1 << ATLAS_N_STATUSES);
      if (g_rand_boolean (rand))
        atlas_date_init (&state->from, g_rand_int_range (rand, 1950, 2040), 0, 0);
      if (g_rand_boolean (rand))
        atlas_date_init (&state->to, g_rand_int_range (rand, 1950, 2040), 0, 0);
      for (guint c = 0; c < n_countries; c++)
        g_strv_builder_add (countries, codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (codes))]);
      state->countries = g_strv_builder_end (countries);

      atlas_filter_set_state (filter, state);
      for (guint i = 0; i < records->len; i++)
        {
          AtlasPartnership *record = g_ptr_array_index (records, i);
          gboolean matched = atlas_filter_match_record (filter, record);

          g_assert_cmpint (matched, ==, reference_match (state, atlas_date_get_first_day (&today), record));
          n_matched += matched;
          n_checked++;
        }
    }

  /* Neither everything nor nothing */
  g_assert_cmpuint (n_matched, >, n_checked / 20);
  g_assert_cmpuint (n_matched, <, n_checked - n_checked / 20);
}

/* Any piece of a record's title finds the record: the pairs of bytes
 * the filter hashes to let records go without searching never let a
 * match go */
static void
test_text_pieces (void)
{
  static const char * const vocabulary[] = {
    "Coopération", "spatiale", "LUNAR", "seismic", "telescope", "地球资源", "Jähn", "ÉTÉ", "x", "data-sharing",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1988);
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  const char *countries[] = { "BR", NULL };

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(AtlasPartnership) record = atlas_partnership_new ("piece");
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(AtlasViewState) state = atlas_view_state_new ();
      g_autofree char *folded = NULL;
      glong n_chars, from, length;
      const char *start, *end;

      for (guint w = 0; w < (guint) g_rand_int_range (rand, 1, 6); w++)
        g_string_append_printf (title, "%s%s", w ? " " : "", vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
      atlas_partnership_set_title (record, title->str);
      atlas_partnership_set_countries (record, countries);

      /* A piece of the folded title, without spaces, whole characters */
      folded = atlas_fold_text (title->str);
      n_chars = g_utf8_strlen (folded, -1);
      from = g_rand_int_range (rand, 0, n_chars);
      length = g_rand_int_range (rand, 1, n_chars - from + 1);
      start = g_utf8_offset_to_pointer (folded, from);
      end = g_utf8_offset_to_pointer (start, length);
      if (memchr (start, ' ', end - start) != NULL)
        end = memchr (start, ' ', end - start);
      if (end == start)
        continue;

      state->text = g_strndup (start, end - start);
      atlas_filter_set_state (filter, state);
      if (!atlas_filter_match_record (filter, record))
        g_error ("“%s” does not find “%s”", state->text, title->str);
    }

  /* Nor does anything else */
  {
    g_autoptr(AtlasPartnership) record = atlas_partnership_new ("other");
    g_autoptr(AtlasViewState) state = atlas_view_state_new ();

    atlas_partnership_set_title (record, "Seismic telescope");
    atlas_partnership_set_countries (record, countries);
    state->text = g_strdup ("seismik");
    atlas_filter_set_state (filter, state);
    g_assert_false (atlas_filter_match_record (filter, record));
    g_free (state->text);
    state->text = g_strdup ("TELESCOPE seis");
    atlas_filter_set_state (filter, state);
    g_assert_true (atlas_filter_match_record (filter, record));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter/facets", test_facets);
  g_test_add_func ("/filter/text", test_text);
  g_test_add_func ("/filter/incremental", test_incremental);
  g_test_add_func ("/filter/random-states", test_random_states);
  g_test_add_func ("/filter/text-pieces", test_text_pieces);

  return g_test_run ();
}
