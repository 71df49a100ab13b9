/* test-merge.c — merging imported records into the open data set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-format.h"
#include "atlas-merge.h"

static AtlasStore *
new_store (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GPtrArray) records = atlas_format_read_file (file, NULL, &extra, &problems);
  AtlasStore *store = atlas_store_new ();

  g_assert_nonnull (records);
  atlas_store_set_records (store, records, extra);
  return store;
}

/* Same id as a record of the store, with another title */
static AtlasPartnership *
changed_copy (AtlasStore *store,
              const char *id,
              const char *title)
{
  AtlasPartnership *copy = atlas_partnership_copy (atlas_store_lookup (store, id));

  atlas_partnership_set_title (copy, title);
  return copy;
}

static AtlasPartnership *
new_record (const char *id)
{
  static const char * const countries[] = { "FR", NULL };
  AtlasPartnership *record = atlas_partnership_new (id);
  AtlasDate start;

  atlas_date_init (&start, 2018, 10, 29);
  atlas_partnership_set_title (record, "CFOSAT");
  atlas_partnership_set_start (record, &start);
  atlas_partnership_set_countries (record, countries);
  return record;
}

/* The store's records, in order, as one string */
static char *
describe_store (AtlasStore *store)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(AtlasPartnership) record = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_string_append_printf (out, "%s%s=%s", i ? ", " : "", atlas_partnership_get_id (record),
                              atlas_partnership_get_title (record));
    }

  return g_string_free (out, FALSE);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_plan (void)
{
  g_autoptr(AtlasStore) store = new_store ();
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AtlasMergePlan) plan = NULL;
  g_autoptr(AtlasMergeConflict) conflict = NULL;
  g_autoptr(GPtrArray) replacements = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_auto(GStrv) differences = NULL;
  g_autofree char *label = NULL;
  AtlasHistoryStep *step;
  guint notified = 0;

  g_ptr_array_add (incoming, atlas_partnership_copy (atlas_store_lookup (store, "cbers")));
  g_ptr_array_add (incoming, changed_copy (store, "apsco", "APSCO, renamed"));
  g_ptr_array_add (incoming, new_record ("cfosat"));
  g_ptr_array_add (incoming, changed_copy (store, "cbers-2", "Another title"));
  /* The same id twice: the second is left out */
  g_ptr_array_add (incoming, new_record ("cfosat"));

  plan = atlas_merge_plan_new (store, incoming);

  /* New ids are added, equal records counted, the rest are conflicts */
  g_assert_cmpuint (atlas_merge_plan_get_additions (plan)->len, ==, 1);
  g_assert_true (g_ptr_array_index (atlas_merge_plan_get_additions (plan), 0) == incoming->pdata[2]);
  g_assert_cmpuint (atlas_merge_plan_get_n_identical (plan), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_merge_plan_get_conflicts (plan)), ==, 2);
  g_assert_true (g_list_model_get_item_type (atlas_merge_plan_get_conflicts (plan)) ==
                 ATLAS_TYPE_MERGE_CONFLICT);

  conflict = g_list_model_get_item (atlas_merge_plan_get_conflicts (plan), 0);
  g_assert_true (atlas_merge_conflict_get_mine (conflict) == atlas_store_lookup (store, "apsco"));
  g_assert_true (atlas_merge_conflict_get_theirs (conflict) == incoming->pdata[1]);
  differences = atlas_merge_conflict_dup_differences (conflict);
  g_assert_cmpuint (g_strv_length (differences), ==, 1);
  g_assert_cmpstr (differences[0], ==, "title");

  /* Keep mine until told otherwise */
  g_assert_false (atlas_merge_conflict_get_take_theirs (conflict));
  g_assert_cmpuint (atlas_merge_plan_get_n_changes (plan), ==, 1);
  replacements = atlas_merge_plan_dup_replacements (plan);
  g_assert_cmpuint (replacements->len, ==, 0);
  g_clear_pointer (&replacements, g_ptr_array_unref);

  g_signal_connect (plan, "notify::n-changes", G_CALLBACK (count_cb), &notified);
  atlas_merge_conflict_set_take_theirs (conflict, TRUE);
  atlas_merge_conflict_set_take_theirs (conflict, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (atlas_merge_plan_get_n_changes (plan), ==, 2);

  replacements = atlas_merge_plan_dup_replacements (plan);
  g_assert_cmpuint (replacements->len, ==, 1);
  g_assert_true (replacements->pdata[0] == conflict);

  /* As history steps: additions, then replacements */
  steps = atlas_merge_plan_dup_steps (plan);
  g_assert_cmpuint (steps->len, ==, 2);
  step = steps->pdata[0];
  g_assert_null (step->before);
  g_assert_true (step->after == incoming->pdata[2]);
  step = steps->pdata[1];
  g_assert_true (step->before == atlas_store_lookup (store, "apsco"));
  g_assert_true (step->after == incoming->pdata[1]);

  label = atlas_merge_plan_dup_label (plan);
  g_assert_cmpstr (label, ==, "Import 2 records");

  /* Nothing has changed yet */
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, "apsco")), ==,
                   "Asia-Pacific Space Cooperation Organization");
  g_assert_null (atlas_store_lookup (store, "cfosat"));

  atlas_merge_plan_set_take_theirs_all (plan, TRUE);
  g_assert_cmpuint (atlas_merge_plan_get_n_changes (plan), ==, 3);
  atlas_merge_plan_set_take_theirs_all (plan, FALSE);
  g_assert_cmpuint (atlas_merge_plan_get_n_changes (plan), ==, 1);
}

static void
test_differences (void)
{
  g_autoptr(AtlasStore) store = new_store ();
  g_autoptr(AtlasPartnership) theirs = atlas_partnership_copy (atlas_store_lookup (store, "cbers"));
  g_autoptr(GPtrArray) incoming = g_ptr_array_new ();
  g_autoptr(AtlasMergePlan) plan = NULL;
  g_autoptr(AtlasMergeConflict) conflict = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  g_auto(GStrv) differences = NULL;
  g_autofree char *joined = NULL;
  static const char * const countries[] = { "BR", "CN", NULL };
  AtlasDate end;

  atlas_date_init (&end, 2020, 0, 0);
  atlas_partnership_set_end (theirs, &end);
  atlas_partnership_set_countries (theirs, countries);
  atlas_partnership_set_sources (theirs, sources);
  atlas_partnership_set_extra (theirs, NULL);
  g_ptr_array_add (incoming, theirs);

  plan = atlas_merge_plan_new (store, incoming);
  conflict = g_list_model_get_item (atlas_merge_plan_get_conflicts (plan), 0);
  differences = atlas_merge_conflict_dup_differences (conflict);
  joined = g_strjoinv (",", differences);
  g_assert_cmpstr (joined, ==, "end,countries,sources,extra");
}

static void
test_apply (void)
{
  g_autoptr(AtlasStore) store = new_store ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AtlasMergePlan) plan = NULL;
  g_autoptr(AtlasMergeConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_store (store);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;

  g_ptr_array_add (incoming, changed_copy (store, "apsco", "APSCO, renamed"));
  g_ptr_array_add (incoming, changed_copy (store, "cbers", "CBERS, renamed"));
  g_ptr_array_add (incoming, new_record ("cfosat"));
  g_ptr_array_add (incoming, new_record ("cfosat-2"));

  plan = atlas_merge_plan_new (store, incoming);
  conflict = g_list_model_get_item (atlas_merge_plan_get_conflicts (plan), 1);
  atlas_merge_conflict_set_take_theirs (conflict, TRUE);

  g_assert_true (atlas_merge_plan_is_current (plan, store));
  g_assert_true (atlas_merge_plan_apply (plan, history, &error));
  g_assert_no_error (error);

  after = describe_store (store);
  g_assert_cmpstr (after, ==,
                   "ussr-gdr-sigma=Sigmund Jähn’s flight on Soyuz 31, "
                   "cbers=CBERS, renamed, "
                   "cbers-2=Second record in the same year, "
                   "apsco=Asia-Pacific Space Cooperation Organization, "
                   "cfosat=CFOSAT, cfosat-2=CFOSAT");
  g_assert_true (atlas_store_get_modified (store));

  /* One step to undo */
  g_assert_true (atlas_history_can_undo (history));
  g_assert_cmpstr (atlas_history_get_undo_label (history), ==, "Import 3 records");
  g_assert_true (atlas_history_undo (history, &error));
  g_assert_no_error (error);
  undone = describe_store (store);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (atlas_history_can_undo (history));
}

static void
test_stale (void)
{
  g_autoptr(AtlasStore) store = new_store ();
  g_autoptr(AtlasStore) other = new_store ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AtlasMergePlan) plan = NULL;
  g_autoptr(AtlasMergePlan) adding = NULL;
  g_autoptr(AtlasPartnership) edited = changed_copy (store, "apsco", "Edited meanwhile");
  g_autoptr(AtlasPartnership) meanwhile = new_record ("cfosat");
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (incoming, changed_copy (store, "apsco", "APSCO, renamed"));
  plan = atlas_merge_plan_new (store, incoming);
  g_assert_false (atlas_merge_plan_is_current (plan, other));

  /* The curator edits the record while the dialog is open */
  g_assert_true (atlas_history_edit_record (history, "apsco", edited, &error));
  g_assert_no_error (error);
  g_assert_false (atlas_merge_plan_is_current (plan, store));
  g_assert_false (atlas_merge_plan_apply (plan, history, &error));
  g_assert_error (error, ATLAS_MERGE_ERROR, ATLAS_MERGE_ERROR_CHANGED);
  g_clear_error (&error);

  /* ... or adds a record with an id the import adds */
  g_ptr_array_set_size (incoming, 0);
  g_ptr_array_add (incoming, new_record ("cfosat"));
  adding = atlas_merge_plan_new (store, incoming);
  g_assert_true (atlas_merge_plan_is_current (adding, store));
  g_assert_true (atlas_history_add_record (history, meanwhile, &error));
  g_assert_false (atlas_merge_plan_is_current (adding, store));
}

static void
test_nothing_to_do (void)
{
  g_autoptr(AtlasStore) store = new_store ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AtlasMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (incoming, atlas_partnership_copy (atlas_store_lookup (store, "cbers")));
  g_ptr_array_add (incoming, changed_copy (store, "apsco", "Kept mine"));
  plan = atlas_merge_plan_new (store, incoming);

  g_assert_cmpuint (atlas_merge_plan_get_n_changes (plan), ==, 0);
  g_assert_true (atlas_merge_plan_apply (plan, history, &error));
  g_assert_no_error (error);
  g_assert_false (atlas_history_can_undo (history));
  g_assert_false (atlas_store_get_modified (store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge/plan", test_plan);
  g_test_add_func ("/merge/differences", test_differences);
  g_test_add_func ("/merge/apply", test_apply);
  g_test_add_func ("/merge/stale", test_stale);
  g_test_add_func ("/merge/nothing-to-do", test_nothing_to_do);

  return g_test_run ();
}
