/* test-store.c — AtlasStore: order, precise items-changed, ids, state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "test-util.h"

#include "atlas-format.h"
#include "atlas-store.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  GArray *changes;
} ChangeLog;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ChangeLog  *log)
{
  Change change = { position, removed, added };

  g_array_append_val (log->changes, change);
}

static void
assert_changes (ChangeLog *log,
                guint      n,
                ...)
{
  va_list args;

  g_assert_cmpuint (log->changes->len, ==, n);

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      Change *c = &g_array_index (log->changes, Change, i);

      g_assert_cmpuint (c->position, ==, va_arg (args, guint));
      g_assert_cmpuint (c->removed, ==, va_arg (args, guint));
      g_assert_cmpuint (c->added, ==, va_arg (args, guint));
    }
  va_end (args);

  g_array_set_size (log->changes, 0);
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static AtlasPartnership *
make (const char *id,
      const char *start_text)
{
  AtlasPartnership *p = atlas_partnership_new (id);
  const char *countries[] = { "CN", NULL };
  AtlasDate start;

  g_assert_true (atlas_date_parse (start_text, &start, NULL));
  atlas_partnership_set_start (p, &start);
  atlas_partnership_set_title (p, id);
  atlas_partnership_set_countries (p, countries);
  return p;
}

static const char *
id_at (AtlasStore *store,
       guint       position)
{
  g_autoptr(AtlasPartnership) p = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_assert_nonnull (p);
  /* The store keeps a reference, so the id outlives this one */
  return atlas_partnership_get_id (p);
}

static void
assert_order (AtlasStore *store,
              const char *first,
              ...)
{
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    g_assert_cmpstr (id_at (store, i++), ==, id);
  va_end (args);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, i);
}

static void
test_add_keeps_date_order (void)
{
  g_autoptr(AtlasStore) store = atlas_store_new ();
  ChangeLog log = { g_array_new (FALSE, FALSE, sizeof (Change)) };
  g_autoptr(AtlasPartnership) a = make ("a", "2001");
  g_autoptr(AtlasPartnership) b = make ("b", "1988-07");
  g_autoptr(AtlasPartnership) c = make ("c", "2010-05-01");
  g_autoptr(AtlasPartnership) d = make ("d", "2001");
  g_autoptr(AtlasPartnership) e = make ("e", "2001-01");

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &log);
  g_assert_cmpint (g_list_model_get_item_type (G_LIST_MODEL (store)), ==, ATLAS_TYPE_PARTNERSHIP);

  g_assert_true (atlas_store_add (store, a, NULL));
  assert_changes (&log, 1, 0, 0, 1);
  g_assert_true (atlas_store_add (store, b, NULL));
  assert_changes (&log, 1, 0, 0, 1);   /* before a */
  g_assert_true (atlas_store_add (store, c, NULL));
  assert_changes (&log, 1, 2, 0, 1);   /* at the end */
  g_assert_true (atlas_store_add (store, e, NULL));
  assert_changes (&log, 1, 2, 0, 1);   /* "2001-01" after "2001" */
  g_assert_true (atlas_store_add (store, d, NULL));
  assert_changes (&log, 1, 2, 0, 1);   /* same start as a, id after "a" */

  assert_order (store, "b", "a", "d", "e", "c", NULL);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 5));
  g_assert_true (atlas_store_get_modified (store));

  g_array_unref (log.changes);
}

static void
test_ids_are_unique (void)
{
  g_autoptr(AtlasStore) store = atlas_store_new ();
  g_autoptr(AtlasPartnership) a = make ("a", "2001");
  g_autoptr(AtlasPartnership) a2 = make ("a", "1999");
  g_autoptr(AtlasPartnership) b = make ("b", "2002");
  g_autoptr(AtlasPartnership) no_id = make ("", "2002");
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_store_add (store, a, NULL));
  g_assert_true (atlas_store_add (store, b, NULL));

  g_assert_false (atlas_store_add (store, a2, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_DUPLICATE_ID);
  g_clear_error (&error);

  g_assert_false (atlas_store_add (store, no_id, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_INVALID_ID);
  g_clear_error (&error);

  /* Renaming b to a collides too */
  {
    g_autoptr(AtlasPartnership) b_as_a = atlas_partnership_copy (b);
    atlas_partnership_set_id (b_as_a, "a");
    g_assert_false (atlas_store_replace (store, "b", b_as_a, &error));
    g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_DUPLICATE_ID);
    g_clear_error (&error);
  }

  g_assert_false (atlas_store_remove (store, "zzz", &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND);

  assert_order (store, "a", "b", NULL);
}

static void
test_remove_and_replace (void)
{
  g_autoptr(AtlasStore) store = atlas_store_new ();
  ChangeLog log = { g_array_new (FALSE, FALSE, sizeof (Change)) };
  const char *ids[] = { "a", "b", "c", "d", "e" };
  const char *starts[] = { "1990", "1991", "1992", "1993", "1994" };
  guint position;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(AtlasPartnership) p = make (ids[i], starts[i]);
      g_assert_true (atlas_store_add (store, p, NULL));
    }

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &log);

  /* Remove: one removal at its position */
  g_assert_true (atlas_store_remove (store, "b", NULL));
  assert_changes (&log, 1, 1, 1, 0);
  assert_order (store, "a", "c", "d", "e", NULL);
  g_assert_null (atlas_store_lookup (store, "b"));

  /* Replace in place: one change of one item */
  {
    g_autoptr(AtlasPartnership) c = atlas_partnership_copy (atlas_store_lookup (store, "c"));

    atlas_partnership_set_title (c, "Changed");
    g_assert_true (atlas_store_replace (store, "c", c, NULL));
    assert_changes (&log, 1, 1, 1, 1);
    g_assert_true (atlas_store_lookup (store, "c") == c);
  }

  /* Replace with a later date: removal here, insertion there */
  {
    g_autoptr(AtlasPartnership) a = make ("a", "1993-06");

    g_assert_true (atlas_store_replace (store, "a", a, NULL));
    assert_changes (&log, 2, 0, 1, 0, 2, 0, 1);
    assert_order (store, "c", "d", "a", "e", NULL);
  }

  /* Replace with a new id that sorts elsewhere */
  {
    g_autoptr(AtlasPartnership) renamed = make ("aa", "1992");

    g_assert_true (atlas_store_replace (store, "c", renamed, NULL));
    assert_changes (&log, 1, 0, 1, 1);
    g_assert_null (atlas_store_lookup (store, "c"));
    g_assert_nonnull (atlas_store_lookup (store, "aa"));
  }

  g_assert_true (atlas_store_find (store, "e", &position));
  g_assert_cmpuint (position, ==, 3);
  g_assert_false (atlas_store_find (store, "zzz", &position));
  g_assert_false (atlas_store_find (store, NULL, NULL));

  g_array_unref (log.changes);
}

static void
test_set_records_is_one_change (void)
{
  g_autoptr(AtlasStore) store = atlas_store_new ();
  ChangeLog log = { g_array_new (FALSE, FALSE, sizeof (Change)) };
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_notify = 0;

  g_signal_connect_swapped (store, "notify::n-items", G_CALLBACK (count_cb), &n_notify);

  g_ptr_array_add (records, make ("late", "2020"));
  g_ptr_array_add (records, make ("early", "1960"));
  g_ptr_array_add (records, make ("middle", "1990"));

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &log);

  atlas_store_set_records (store, records, NULL);
  assert_changes (&log, 1, 0, 0, 3);
  assert_order (store, "early", "middle", "late", NULL);
  g_assert_false (atlas_store_get_modified (store));

  g_ptr_array_remove_index (records, 0);
  atlas_store_set_records (store, records, NULL);
  assert_changes (&log, 1, 0, 3, 2);

  g_assert_cmpuint (n_notify, ==, 2);
  g_array_unref (log.changes);
}

static void
test_modified_and_file (void)
{
  g_autoptr(AtlasStore) store = atlas_store_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/example.json");
  g_autoptr(GFile) same = g_file_new_for_path ("/tmp/example.json");
  g_autoptr(AtlasPartnership) a = make ("a", "2001");
  guint notified = 0;

  g_signal_connect_swapped (store, "notify::file", G_CALLBACK (count_cb), &notified);

  g_assert_null (atlas_store_get_file (store));
  g_assert_false (atlas_store_get_modified (store));

  atlas_store_set_file (store, file);
  atlas_store_set_file (store, same);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (g_file_equal (atlas_store_get_file (store), file));

  g_assert_true (atlas_store_add (store, a, NULL));
  g_assert_true (atlas_store_get_modified (store));
  atlas_store_set_modified (store, FALSE);
  g_assert_true (atlas_store_remove (store, "a", NULL));
  g_assert_true (atlas_store_get_modified (store));
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_failed_load_keeps_records (void)
{
  g_autoptr(AtlasStore) store = atlas_store_new ();
  g_autoptr(GBytes) good = load_fixture ("valid.json");
  g_autoptr(GBytes) bad = load_fixture ("bad/several-problems.json");
  g_autoptr(GPtrArray) problems = NULL;
  ChangeLog log = { g_array_new (FALSE, FALSE, sizeof (Change)) };

  g_assert_true (atlas_store_load_bytes (store, good, &problems));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &log);
  g_assert_false (atlas_store_load_bytes (store, bad, &problems));
  g_assert_cmpuint (problems->len, >, 1);
  assert_changes (&log, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  g_assert_nonnull (atlas_store_lookup (store, "cbers"));

  g_array_unref (log.changes);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GPtrArray *problems;
} AsyncResult;

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = atlas_store_load_finish (ATLAS_STORE (object), result, &r->problems, NULL);
  g_main_loop_quit (r->loop);
}

static void
test_load_async (void)
{
  g_autoptr(AtlasStore) store = atlas_store_new ();
  g_autofree char *good_path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autofree char *bad_path = g_test_build_filename (G_TEST_DIST, "fixtures", "bad", "bad-date.json", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/space-atlas.json");
  AsyncResult r = { g_main_loop_new (NULL, FALSE) };

  atlas_store_load_async (store, good, NULL, load_done_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_true (r.ok);
  g_assert_true (g_file_equal (atlas_store_get_file (store), good));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  g_clear_pointer (&r.problems, g_ptr_array_unref);

  atlas_store_load_async (store, bad, NULL, load_done_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_false (r.ok);
  g_assert_cmpuint (r.problems->len, ==, 1);
  g_assert_true (g_file_equal (atlas_store_get_file (store), good));
  g_clear_pointer (&r.problems, g_ptr_array_unref);

  atlas_store_load_async (store, missing, NULL, load_done_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_false (r.ok);
  g_assert_cmpuint (r.problems->len, ==, 1);
  g_assert_cmpint (((AtlasProblem *) r.problems->pdata[0])->kind, ==, ATLAS_PROBLEM_FILE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  g_clear_pointer (&r.problems, g_ptr_array_unref);

  g_main_loop_unref (r.loop);
}

typedef struct
{
  GThread *main_thread;
  int      elsewhere;     /* atomic: notifications on another thread */
  guint    in_between;    /* on the main thread, with 0 < progress < 1 */
} ProgressLog;

static void
load_progress_cb (AtlasStore  *store,
                  GParamSpec  *pspec,
                  ProgressLog *log)
{
  double progress = atlas_store_get_load_progress (store);

  if (g_thread_self () != log->main_thread)
    g_atomic_int_inc (&log->elsewhere);
  else if (progress > 0. && progress < 1.)
    log->in_between++;
}

/* Progress reaches the store's thread, queued, even while that thread
 * is busy with something else and does not own its main context (as a
 * window's thread between two iterations): it is never reported on the
 * reading thread, where anything showing it would be touched from the
 * wrong thread */
static void
test_load_progress_thread (void)
{
  g_autoptr(AtlasStore) store = atlas_store_new ();
  g_autofree char *dir = g_dir_make_tmp ("atlas-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AsyncResult r = { g_main_loop_new (NULL, FALSE) };
  ProgressLog log = { g_thread_self (), 0, 0 };
  gint64 deadline;

  test_write_records (path, 40000);

  g_signal_connect (store, "notify::load-progress", G_CALLBACK (load_progress_cb), &log);
  atlas_store_load_async (store, file, NULL, load_done_cb, &r);

  /* Busy elsewhere until the reader has reported progress at least once
   * (something is queued for this thread) */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!g_main_context_pending (NULL) && g_atomic_int_get (&log.elsewhere) == 0 &&
         g_get_monotonic_time () < deadline)
    g_usleep (2000);

  g_main_loop_run (r.loop);
  g_assert_true (r.ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 40000);
  g_assert_cmpint (g_atomic_int_get (&log.elsewhere), ==, 0);
  g_assert_cmpuint (log.in_between, >, 0);
  g_assert_cmpfloat (atlas_store_get_load_progress (store), ==, 1.);

  g_clear_pointer (&r.problems, g_ptr_array_unref);
  g_main_loop_unref (r.loop);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/add-keeps-date-order", test_add_keeps_date_order);
  g_test_add_func ("/store/ids-are-unique", test_ids_are_unique);
  g_test_add_func ("/store/remove-and-replace", test_remove_and_replace);
  g_test_add_func ("/store/set-records-is-one-change", test_set_records_is_one_change);
  g_test_add_func ("/store/modified-and-file", test_modified_and_file);
  g_test_add_func ("/store/failed-load-keeps-records", test_failed_load_keeps_records);
  g_test_add_func ("/store/load-async", test_load_async);
  g_test_add_func ("/store/load-progress-thread", test_load_progress_thread);

  return g_test_run ();
}
