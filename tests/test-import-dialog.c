/* test-import-dialog.c — importing under Xvfb: the guessed CSV mapping
 * and its correction, rows with problems skipped only by consent,
 * conflicts resolved record by record, one undoable change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-csv.h"
#include "atlas-import-dialog.h"
#include "atlas-merge.h"

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

static GBytes *
read_import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
test_csv_with_problems (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GBytes) bytes = read_import_fixture ("malformed.csv");
  AtlasImportDialog *dialog;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  dialog = atlas_import_dialog_new (NULL, history, bytes, "malformed.csv", ATLAS_FILE_FORMAT_CSV);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Three good rows; ten rows with problems, listed, never silently dropped */
  g_assert_cmpuint (atlas_import_dialog_get_n_ready (dialog), ==, 2);
  g_assert_cmpuint (atlas_import_dialog_get_n_skipped (dialog), >=, 9);

  /* Correcting the mapping reads the file again: without a title
   * column nothing can be imported */
  atlas_import_dialog_set_column_field (dialog, 1, ATLAS_CSV_FIELD_IGNORE);
  g_assert_cmpuint (atlas_import_dialog_get_n_ready (dialog), ==, 0);
  g_assert_false (atlas_import_dialog_can_import (dialog));

  atlas_import_dialog_set_column_field (dialog, 1, ATLAS_CSV_FIELD_TITLE);
  g_assert_cmpuint (atlas_import_dialog_get_n_ready (dialog), ==, 2);
  g_assert_true (atlas_import_dialog_can_import (dialog));

  /* Nothing reached the store yet */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);

  /* Importing, the skipped rows consented to by the button */
  g_assert_true (atlas_import_dialog_next (dialog, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n + 2);
  g_assert_nonnull (atlas_store_lookup (store, "good-1"));
  g_assert_nonnull (atlas_store_lookup (store, "good-2"));

  /* One undoable change */
  g_assert_cmpstr (atlas_history_get_undo_label (history), ==, "Import 2 records");
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_conflicts (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GBytes) bytes = read_import_fixture ("variants.csv");
  g_autoptr(GBytes) before = atlas_store_to_bytes (store);
  AtlasImportDialog *dialog;
  GListModel *conflicts;
  g_autoptr(AtlasMergeConflict) conflict = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint ready;

  dialog = atlas_import_dialog_new (NULL, history, bytes, "variants.csv", ATLAS_FILE_FORMAT_CSV);
  ready = atlas_import_dialog_get_n_ready (dialog);
  g_assert_cmpuint (ready, ==, 4);
  g_assert_cmpuint (atlas_import_dialog_get_n_skipped (dialog), ==, 0);

  /* cbers is in the data set with other content: a conflict to settle */
  g_assert_true (atlas_import_dialog_next (dialog, NULL));
  conflicts = atlas_import_dialog_get_conflicts (dialog);
  g_assert_nonnull (conflicts);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);

  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_cmpstr (atlas_partnership_get_id (atlas_merge_conflict_get_mine (conflict)), ==, "cbers");
  g_assert_false (atlas_merge_conflict_get_take_theirs (conflict));

  /* Take theirs for this one, then import */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.take-all", NULL));
  g_assert_true (atlas_merge_conflict_get_take_theirs (conflict));
  g_assert_true (atlas_import_dialog_next (dialog, NULL));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n + ready - 1);
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, "cbers")), ==,
                   "China–Brazil Earth Resources Satellite programme, CBERS");

  /* All of it undone at once */
  g_assert_true (atlas_history_undo (history, NULL));
  {
    g_autoptr(GBytes) after = atlas_store_to_bytes (store);
    g_assert_true (g_bytes_equal (before, after));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_timelinejs_countries (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GBytes) bytes = read_import_fixture ("knightlab.json");
  AtlasImportDialog *dialog;

  dialog = atlas_import_dialog_new (NULL, history, bytes, "knightlab.json", ATLAS_FILE_FORMAT_TIMELINEJS);

  /* A plain timeline names no countries: every event waits for them */
  g_assert_cmpuint (atlas_import_dialog_get_n_skipped (dialog), ==, 3);
  g_assert_cmpuint (atlas_import_dialog_get_n_ready (dialog), ==, 0);

  /* Countries given by name or code make them importable */
  atlas_import_dialog_set_default_countries (dialog, "CN, France");
  g_assert_cmpuint (atlas_import_dialog_get_n_ready (dialog), ==, 3);
  g_assert_cmpuint (atlas_import_dialog_get_n_skipped (dialog), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/import-dialog/csv-with-problems", test_csv_with_problems);
  g_test_add_func ("/import-dialog/conflicts", test_conflicts);
  g_test_add_func ("/import-dialog/timelinejs-countries", test_timelinejs_countries);

  return g_test_run ();
}
