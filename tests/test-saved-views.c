/* test-saved-views.c — views kept in the data file: read, written in
 * their place, undoable, and round-tripped through a saved file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-format.h"
#include "atlas-history.h"
#include "atlas-saved-views.h"

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

static AtlasSavedView *
view_new (const char *name,
          const char *link)
{
  AtlasSavedView *view = g_new0 (AtlasSavedView, 1);

  view->name = g_strdup (name);
  view->link = g_strdup (link);
  return view;
}

static void
test_round_trip (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_saved_view_free);
  g_autoptr(GPtrArray) read_back = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GBytes) before = atlas_store_to_bytes (store);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(AtlasStore) reopened = atlas_store_new ();
  g_autoptr(GPtrArray) reopened_views = NULL;
  g_autoptr(GList) members = NULL;

  /* Nothing saved yet; the fixture's own member is not a view */
  read_back = atlas_saved_views_read (atlas_store_get_extra (store));
  g_assert_cmpuint (read_back->len, ==, 0);
  g_clear_pointer (&read_back, g_ptr_array_unref);

  g_ptr_array_add (views, view_new ("Where it began", "space-atlas://view?to=1990"));
  g_ptr_array_add (views, view_new ("Brazil", "space-atlas://view?country=BR&record=cbers"));
  extra = atlas_saved_views_write (atlas_store_get_extra (store), views);
  g_assert_true (atlas_history_set_extra (history, "Save View “Brazil”", extra, NULL));
  g_assert_true (atlas_store_get_modified (store));

  read_back = atlas_saved_views_read (atlas_store_get_extra (store));
  g_assert_cmpuint (read_back->len, ==, 2);
  g_assert_cmpstr (((AtlasSavedView *) read_back->pdata[1])->link, ==,
                   "space-atlas://view?country=BR&record=cbers");

  /* The other members stay, before the views */
  members = json_object_get_members (atlas_store_get_extra (store));
  g_assert_cmpstr (members->data, ==, "x-generator");
  g_assert_cmpstr (members->next->data, ==, "views");

  /* Saved and opened again, the views are there, in order */
  saved = atlas_store_to_bytes (store);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL),
                            "\"views\": [\n    {\n      \"name\": \"Where it began\",\n"));
  g_assert_true (atlas_store_load_bytes (reopened, saved, NULL));
  reopened_views = atlas_saved_views_read (atlas_store_get_extra (reopened));
  g_assert_cmpuint (reopened_views->len, ==, 2);
  g_assert_cmpstr (((AtlasSavedView *) reopened_views->pdata[0])->name, ==, "Where it began");

  /* Undo takes them away again: the same bytes as before */
  g_assert_true (atlas_history_undo (history, NULL));
  {
    g_autoptr(GBytes) now = atlas_store_to_bytes (store);
    g_assert_true (g_bytes_equal (before, now));
  }
  g_assert_false (atlas_store_get_modified (store));
}

static void
test_no_views_no_member (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) written = NULL;
  JsonArray *array = json_array_new ();

  json_array_add_object_element (array, json_object_new ());  /* no name: skipped */
  json_object_set_array_member (extra, "views", array);

  g_assert_null (atlas_saved_views_write (NULL, none));

  written = atlas_saved_views_write (extra, none);
  g_assert_null (written);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saved-views/round-trip", test_round_trip);
  g_test_add_func ("/saved-views/no-views-no-member", test_no_views_no_member);

  return g_test_run ();
}
