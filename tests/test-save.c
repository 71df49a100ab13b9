/* test-save.c — atomic saving: the new version or the old one, never a
 * mix; a backup of the previous version; failures that keep the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "test-util.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas-format.h"
#include "atlas-save.h"
#include "atlas-store.h"

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("atlas-save-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_save_new_and_backup (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "data.json", NULL);
  g_autofree char *backup = g_build_filename (dir, "data.json.bak", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) backup_file = atlas_save_get_backup_file (file);
  g_autoptr(GBytes) first = g_bytes_new_static ("first\n", 6);
  g_autoptr(GBytes) second = g_bytes_new_static ("second\n", 7);
  g_autoptr(GBytes) third = g_bytes_new_static ("third\n", 6);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpstr (g_file_peek_path (backup_file), ==, backup);

  /* A new file: no backup, no leftovers */
  g_assert_true (atlas_save_bytes (file, first, ATLAS_SAVE_KEEP_BACKUP, &error));
  g_assert_no_error (error);
  assert_file_contents (path, "first\n");
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* The second save keeps the first as .bak */
  g_chmod (path, 0640);
  g_assert_true (atlas_save_bytes (file, second, ATLAS_SAVE_KEEP_BACKUP, &error));
  assert_file_contents (path, "second\n");
  assert_file_contents (backup, "first\n");
  g_assert_cmpuint (count_entries (dir), ==, 2);

  /* Permissions survive */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  /* The backup is always the version before */
  g_assert_true (atlas_save_bytes (file, third, ATLAS_SAVE_KEEP_BACKUP, &error));
  assert_file_contents (path, "third\n");
  assert_file_contents (backup, "second\n");

  test_remove_tree (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("ATLAS_TEST_SAVE_PATH"));
      g_autoptr(GBytes) bytes = g_bytes_new_static ("new\n", 4);
      g_autoptr(GError) error = NULL;

      /* Root may write anywhere: give it up, as a curator would not have it */
      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }

      g_assert_false (atlas_save_bytes (file, bytes, ATLAS_SAVE_KEEP_BACKUP, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_printerr ("%s\n", error->message);
      return;
    }

  dir = make_temp_dir ();
  path = g_build_filename (dir, "data.json", NULL);
  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_chmod (path, 0644);
  g_chmod (dir, 0555);

  g_setenv ("ATLAS_TEST_SAVE_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Could not save*data.json*: Permission denied*");

  /* The old file is intact and nothing was left behind */
  assert_file_contents (path, "old\n");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_chmod (dir, 0755);
  test_remove_tree (dir);
}

static void
test_not_a_regular_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_save_bytes (file, bytes, ATLAS_SAVE_FLAGS_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));

  test_remove_tree (dir);
}

static void
test_missing_folder (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-folder/data.json");
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_save_bytes (file, bytes, ATLAS_SAVE_KEEP_BACKUP, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} SaveResult;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveResult *r = user_data;

  r->ok = atlas_store_save_finish (ATLAS_STORE (object), result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_store_save_round_trip (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "copy.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasStore) store = atlas_store_new ();
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SaveResult r = { g_main_loop_new (NULL, FALSE) };
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &original, &length, NULL));
  bytes = g_bytes_new_static (original, length);
  g_assert_true (atlas_store_load_bytes (store, bytes, NULL));

  atlas_store_save_async (store, file, NULL, saved_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_true (g_file_equal (atlas_store_get_file (store), file));

  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, original);

  g_main_loop_unref (r.loop);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/save/new-and-backup", test_save_new_and_backup);
  g_test_add_func ("/save/read-only-folder", test_read_only_folder);
  g_test_add_func ("/save/not-a-regular-file", test_not_a_regular_file);
  g_test_add_func ("/save/missing-folder", test_missing_folder);
  g_test_add_func ("/save/store-round-trip", test_store_save_round_trip);

  return g_test_run ();
}
