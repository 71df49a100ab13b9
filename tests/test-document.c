/* test-document.c — an open data file on disk: saving, recovery of
 * unsaved changes, and noticing changes made by someone else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "test-util.h"

#include <glib/gstdio.h>

#include "atlas-document.h"
#include "atlas-format.h"

typedef struct
{
  char          *dir;
  char          *path;
  GFile         *file;
  AtlasDocument *document;
} Fixture;

static gboolean
wait_until (gboolean (*condition) (gpointer),
            gpointer   data,
            guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

typedef struct
{
  gboolean   done;
  gboolean   ok;
  GPtrArray *problems;
  GError    *error;
} Result;

static gboolean
result_done (gpointer data)
{
  return ((Result *) data)->done;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ok = atlas_document_load_finish (ATLAS_DOCUMENT (object), result, &r->problems, &r->error);
  r->done = TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->ok = atlas_document_save_finish (ATLAS_DOCUMENT (object), result, &r->error);
  r->done = TRUE;
}

static void
load (AtlasDocument *document,
      GFile         *file)
{
  Result r = { 0 };

  atlas_document_load_async (document, file, NULL, loaded_cb, &r);
  g_assert_true (wait_until (result_done, &r, 10));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_clear_pointer (&r.problems, g_ptr_array_unref);
}

static gboolean
save (AtlasDocument  *document,
      GFile          *file,
      GError        **error)
{
  Result r = { 0 };

  atlas_document_save_async (document, file, NULL, saved_cb, &r);
  g_assert_true (wait_until (result_done, &r, 10));
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.ok;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autofree char *contents = NULL;

  f->dir = g_dir_make_tmp ("atlas-document-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "data.json", NULL);
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (f->path, contents, -1, NULL));
  f->file = g_file_new_for_path (f->path);
  f->document = atlas_document_new ();
  load (f->document, f->file);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  atlas_document_discard_recovery (f->document);
  g_clear_object (&f->document);
  g_clear_object (&f->file);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
edit_title (AtlasDocument *document,
            const char    *id,
            const char    *title)
{
  AtlasStore *store = atlas_document_get_store (document);
  g_autoptr(AtlasPartnership) edited = atlas_partnership_copy (atlas_store_lookup (store, id));

  atlas_partnership_set_title (edited, title);
  g_assert_true (atlas_history_edit_record (atlas_document_get_history (document), id, edited, NULL));
}

static void
test_load_state (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) bundled = g_file_new_for_uri ("resource:///nonexistent/partnerships.json");

  g_assert_true (g_file_equal (atlas_document_get_file (f->document), f->file));
  g_assert_false (atlas_document_get_read_only (f->document));
  g_assert_false (atlas_document_get_modified (f->document));
  g_assert_false (atlas_document_get_changed_on_disk (f->document));
  g_assert_null (atlas_document_find_recovery (f->document));

  edit_title (f->document, "cbers", "CBERS");
  g_assert_true (atlas_document_get_modified (f->document));
  g_assert_true (atlas_history_can_undo (atlas_document_get_history (f->document)));

  /* Loading again forgets the history and the changes */
  load (f->document, f->file);
  g_assert_false (atlas_document_get_modified (f->document));
  g_assert_false (atlas_history_can_undo (atlas_document_get_history (f->document)));

  (void) bundled;
}

static void
test_save_marks_saved (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *backup = g_strconcat (f->path, ".bak", NULL);

  edit_title (f->document, "cbers", "CBERS, saved");
  g_assert_true (save (f->document, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (atlas_document_get_modified (f->document));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"title\": \"CBERS, saved\""));

  /* Our own save is not someone else's change */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
  g_assert_false (atlas_document_get_changed_on_disk (f->document));

  /* Undo after saving: modified again */
  g_assert_true (atlas_history_undo (atlas_document_get_history (f->document), NULL));
  g_assert_true (atlas_document_get_modified (f->document));

  g_unlink (backup);
}

static void
test_save_as_moves_the_document (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.json", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GError) error = NULL;

  edit_title (f->document, "cbers", "CBERS elsewhere");
  g_assert_true (save (f->document, other, &error));
  g_assert_true (g_file_equal (atlas_document_get_file (f->document), other));
  g_assert_false (atlas_document_get_modified (f->document));

  /* The original file is as it was */
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
    g_assert_null (strstr (contents, "CBERS elsewhere"));
  }
}

static void
test_failed_save_keeps_changes (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-folder/data.json");
  g_autoptr(GError) error = NULL;

  edit_title (f->document, "cbers", "CBERS, unsaved");
  g_assert_false (save (f->document, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_true (atlas_document_get_modified (f->document));
  g_assert_true (g_file_equal (atlas_document_get_file (f->document), f->file));
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (atlas_document_get_store (f->document),
                                                                     "cbers")), ==, "CBERS, unsaved");
}

static gboolean
changed_on_disk (gpointer data)
{
  return atlas_document_get_changed_on_disk (data);
}

static void
test_notices_changes_on_disk (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  g_auto(GStrv) parts = NULL;

  /* Someone else rewrites the file, as git pull would */
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  parts = g_strsplit (contents, "China–Brazil Earth Resources Satellite programme", -1);
  changed = g_strjoinv ("CBERS after git pull", parts);
  g_usleep (20000);
  g_assert_true (g_file_set_contents (f->path, changed, -1, NULL));

  g_assert_true (wait_until (changed_on_disk, f->document, 10));

  /* Reloading takes the new contents and clears the flag */
  load (f->document, f->file);
  g_assert_false (atlas_document_get_changed_on_disk (f->document));
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (atlas_document_get_store (f->document),
                                                                     "cbers")), ==, "CBERS after git pull");
}

static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AtlasDocument) after_crash = atlas_document_new ();
  g_autoptr(GFile) recovery = atlas_document_get_recovery_file (f->file);
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;
  AtlasStore *store;

  edit_title (f->document, "cbers", "CBERS, not yet saved");
  g_assert_true (atlas_document_write_recovery (f->document, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (recovery, NULL));

  /* The app stops here without saving; the next one opens the file */
  load (after_crash, f->file);
  when = atlas_document_find_recovery (after_crash);
  g_assert_nonnull (when);

  store = atlas_document_get_store (after_crash);
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, "cbers")),
                   ==, "China–Brazil Earth Resources Satellite programme");

  g_assert_true (atlas_document_recover (after_crash, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, "cbers")),
                   ==, "CBERS, not yet saved");
  g_assert_true (atlas_document_get_modified (after_crash));
  g_assert_cmpstr (atlas_history_get_undo_label (atlas_document_get_history (after_crash)),
                   ==, "Recover Unsaved Changes");

  /* Saving removes the recovery file */
  g_assert_true (save (after_crash, NULL, &error));
  g_assert_false (g_file_query_exists (recovery, NULL));
  g_assert_null (atlas_document_find_recovery (after_crash));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

static void
test_autosave_timer (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) recovery = atlas_document_get_recovery_file (f->file);

  atlas_document_set_autosave_interval (f->document, 1);
  g_assert_false (g_file_query_exists (recovery, NULL));

  edit_title (f->document, "cbers", "CBERS, autosaved");
  g_assert_true (wait_until (file_exists, recovery, 10));

  /* Undoing back to the file on disk leaves nothing to recover */
  g_assert_true (atlas_history_undo (atlas_document_get_history (f->document), NULL));
  g_assert_false (g_file_query_exists (recovery, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = g_dir_make_tmp ("atlas-state-XXXXXX", NULL);
  int status;

  /* Recovery files go to a private state folder */
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/document/load-state", Fixture, NULL, fixture_set_up, test_load_state, fixture_tear_down);
  g_test_add ("/document/save-marks-saved", Fixture, NULL, fixture_set_up, test_save_marks_saved, fixture_tear_down);
  g_test_add ("/document/save-as-moves-the-document", Fixture, NULL, fixture_set_up,
              test_save_as_moves_the_document, fixture_tear_down);
  g_test_add ("/document/failed-save-keeps-changes", Fixture, NULL, fixture_set_up,
              test_failed_save_keeps_changes, fixture_tear_down);
  g_test_add ("/document/notices-changes-on-disk", Fixture, NULL, fixture_set_up,
              test_notices_changes_on_disk, fixture_tear_down);
  g_test_add ("/document/recovery", Fixture, NULL, fixture_set_up, test_recovery, fixture_tear_down);
  g_test_add ("/document/autosave-timer", Fixture, NULL, fixture_set_up, test_autosave_timer, fixture_tear_down);

  status = g_test_run ();
  test_remove_tree (state_dir);
  return status;
}
