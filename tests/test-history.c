/* test-history.c — undo and redo: every change one step, labels, the
 * saved point, failures that change nothing, and byte-identical files
 * after any sequence of undos and redos
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-history.h"

static AtlasStore *
load_valid (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AtlasStore *store = atlas_store_new ();
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (contents, length);
  g_assert_true (atlas_store_load_bytes (store, bytes, NULL));
  return store;
}

static AtlasPartnership *
make (const char *id,
      const char *title,
      const char *start_text)
{
  AtlasPartnership *p = atlas_partnership_new (id);
  const char *countries[] = { "CN", "FR", NULL };
  AtlasDate start;

  g_assert_true (atlas_date_parse (start_text, &start, NULL));
  atlas_partnership_set_start (p, &start);
  atlas_partnership_set_title (p, title);
  atlas_partnership_set_countries (p, countries);
  return p;
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  g_assert_true (g_bytes_equal (a, b));
}

static void
test_add_edit_delete_undo_redo (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(AtlasPartnership) added = make ("cfosat", "CFOSAT", "2018-10-29");
  g_autoptr(AtlasPartnership) edited = NULL;
  g_autoptr(GBytes) original = atlas_store_to_bytes (store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_assert_false (atlas_history_can_undo (history));
  g_assert_false (atlas_history_can_redo (history));
  g_assert_null (atlas_history_get_undo_label (history));

  g_assert_true (atlas_history_add_record (history, added, NULL));
  g_assert_cmpstr (atlas_history_get_undo_label (history), ==, "Add “CFOSAT”");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n + 1);
  g_assert_true (atlas_store_get_modified (store));

  edited = atlas_partnership_copy (atlas_store_lookup (store, "cbers"));
  atlas_partnership_set_title (edited, "CBERS");
  g_assert_true (atlas_history_edit_record (history, "cbers", edited, NULL));
  g_assert_cmpstr (atlas_history_get_undo_label (history), ==, "Edit “CBERS”");

  g_assert_true (atlas_history_delete_record (history, "apsco", NULL));
  g_assert_cmpstr (atlas_history_get_undo_label (history),
                   ==, "Delete “Asia-Pacific Space Cooperation Organiza…”");   /* long titles are cut */
  g_assert_null (atlas_store_lookup (store, "apsco"));

  /* Undo, one change at a time, newest first */
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_nonnull (atlas_store_lookup (store, "apsco"));
  g_assert_cmpstr (atlas_history_get_redo_label (history),
                   ==, "Delete “Asia-Pacific Space Cooperation Organiza…”");
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, "cbers")),
                   ==, "China–Brazil Earth Resources Satellite programme");
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_null (atlas_store_lookup (store, "cfosat"));
  g_assert_false (atlas_history_can_undo (history));

  /* Back where we started: unmodified, and the same bytes */
  g_assert_false (atlas_store_get_modified (store));
  {
    g_autoptr(GBytes) now = atlas_store_to_bytes (store);
    assert_same_bytes (original, now);
  }

  /* Redo it all */
  g_assert_true (atlas_history_redo (history, NULL));
  g_assert_true (atlas_history_redo (history, NULL));
  g_assert_true (atlas_history_redo (history, NULL));
  g_assert_false (atlas_history_can_redo (history));
  g_assert_null (atlas_store_lookup (store, "apsco"));
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, "cbers")), ==, "CBERS");
}

static void
test_new_change_drops_redo (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(AtlasPartnership) a = make ("a", "A", "2001");
  g_autoptr(AtlasPartnership) b = make ("b", "B", "2002");

  g_assert_true (atlas_history_add_record (history, a, NULL));
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_true (atlas_history_can_redo (history));

  g_assert_true (atlas_history_add_record (history, b, NULL));
  g_assert_false (atlas_history_can_redo (history));
  g_assert_null (atlas_store_lookup (store, "a"));
}

static void
test_saved_point (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(AtlasPartnership) a = make ("a", "A", "2001");
  g_autoptr(AtlasPartnership) b = make ("b", "B", "2002");
  g_autoptr(AtlasPartnership) c = make ("c", "C", "2003");

  g_assert_true (atlas_history_add_record (history, a, NULL));
  atlas_history_mark_saved (history);
  g_assert_false (atlas_store_get_modified (store));

  g_assert_true (atlas_history_add_record (history, b, NULL));
  g_assert_true (atlas_store_get_modified (store));
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_false (atlas_store_get_modified (store));   /* back at the save */
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_true (atlas_store_get_modified (store));    /* before the save */
  g_assert_true (atlas_history_redo (history, NULL));
  g_assert_false (atlas_store_get_modified (store));

  /* Undo past the save, then change: the saved state can never come back */
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_true (atlas_history_add_record (history, c, NULL));
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_true (atlas_store_get_modified (store));

  atlas_history_clear (history);
  g_assert_false (atlas_history_can_undo (history));
}

static void
test_failed_change_changes_nothing (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_history_step_free);
  g_autoptr(AtlasPartnership) fresh = make ("fresh", "Fresh", "2020");
  g_autoptr(AtlasPartnership) clash = make ("cbers", "Clash", "2020");
  g_autoptr(GBytes) before = atlas_store_to_bytes (store);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  /* An import whose second record collides with an existing id */
  g_ptr_array_add (steps, atlas_history_step_new (NULL, fresh));
  g_ptr_array_add (steps, atlas_history_step_new (NULL, clash));

  g_assert_false (atlas_history_perform (history, "Import 2 records", steps, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_DUPLICATE_ID);
  g_assert_null (atlas_store_lookup (store, "fresh"));
  g_assert_false (atlas_history_can_undo (history));

  after = atlas_store_to_bytes (store);
  assert_same_bytes (before, after);
}

static void
test_edit_without_change_is_no_step (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(AtlasPartnership) same = atlas_partnership_copy (atlas_store_lookup (store, "cbers"));

  g_assert_true (atlas_history_edit_record (history, "cbers", same, NULL));
  g_assert_false (atlas_history_can_undo (history));
  g_assert_false (atlas_store_get_modified (store));
}

static void
test_random_sequences_restore_bytes (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GRand *rand = g_rand_new_with_seed (20261122);
  guint serial = 0;

  g_ptr_array_add (snapshots, atlas_store_to_bytes (store));

  for (guint i = 0; i < 200; i++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
      int what = g_rand_int_range (rand, 0, 3);

      if (what == 0 || n == 0)
        {
          g_autofree char *id = g_strdup_printf ("rec-%u", serial++);
          g_autofree char *start = g_strdup_printf ("%d", g_rand_int_range (rand, 1957, 2031));
          g_autoptr(AtlasPartnership) p = make (id, id, start);

          g_assert_true (atlas_history_add_record (history, p, NULL));
        }
      else
        {
          g_autoptr(AtlasPartnership) victim = g_list_model_get_item (G_LIST_MODEL (store),
                                                                      g_rand_int_range (rand, 0, n));
          if (what == 1)
            g_assert_true (atlas_history_delete_record (history, atlas_partnership_get_id (victim), NULL));
          else
            {
              g_autoptr(AtlasPartnership) edited = atlas_partnership_copy (victim);
              g_autofree char *start = g_strdup_printf ("%d-%02d", g_rand_int_range (rand, 1957, 2031),
                                                        g_rand_int_range (rand, 1, 13));
              AtlasDate d;

              g_assert_true (atlas_date_parse (start, &d, NULL));
              atlas_partnership_set_start (edited, &d);
              atlas_partnership_set_end (edited, NULL);
              atlas_partnership_set_title (edited, start);
              g_assert_true (atlas_history_edit_record (history, atlas_partnership_get_id (victim),
                                                        edited, NULL));
            }
        }

      if (atlas_history_can_undo (history) && snapshots->len == i + 1)
        g_ptr_array_add (snapshots, atlas_store_to_bytes (store));
    }

  /* Undo everything: each state comes back byte for byte */
  for (guint i = snapshots->len - 1; i > 0; i--)
    {
      g_autoptr(GBytes) now = NULL;

      g_assert_true (atlas_history_undo (history, NULL));
      now = atlas_store_to_bytes (store);
      assert_same_bytes (snapshots->pdata[i - 1], now);
    }
  g_assert_false (atlas_history_can_undo (history));
  g_assert_false (atlas_store_get_modified (store));

  /* And redo everything */
  for (guint i = 1; i < snapshots->len; i++)
    {
      g_autoptr(GBytes) now = NULL;

      g_assert_true (atlas_history_redo (history, NULL));
      now = atlas_store_to_bytes (store);
      assert_same_bytes (snapshots->pdata[i], now);
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/add-edit-delete-undo-redo", test_add_edit_delete_undo_redo);
  g_test_add_func ("/history/new-change-drops-redo", test_new_change_drops_redo);
  g_test_add_func ("/history/saved-point", test_saved_point);
  g_test_add_func ("/history/failed-change-changes-nothing", test_failed_change_changes_nothing);
  g_test_add_func ("/history/edit-without-change-is-no-step", test_edit_without_change_is_no_step);
  g_test_add_func ("/history/random-sequences-restore-bytes", test_random_sequences_restore_bytes);

  return g_test_run ();
}
