/* test-record-editor.c — the editor dialog under Xvfb: validation as
 * you type, Save only when valid, the record reaching the data set as
 * one undoable change, Cancel touching nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-record-editor-private.h"

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

static void
type (AtlasRecordEditor *editor,
      AtlasField         field,
      const char        *text)
{
  gtk_editable_set_text (_atlas_record_editor_get_field (editor, field), text);
}

static const char *
error_of (AtlasRecordEditor *editor,
          AtlasField         field)
{
  GtkLabel *label = _atlas_record_editor_get_error_label (editor, field);

  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (label));
  gboolean shown;

  /* Shown: the label, and the row it sits in if it has one */
  shown = gtk_widget_get_visible (GTK_WIDGET (label)) &&
          (!GTK_IS_LIST_BOX_ROW (parent) || gtk_widget_get_visible (parent));
  return shown ? gtk_label_get_label (label) : NULL;
}

static gboolean
can_save (AtlasRecordEditor *editor)
{
  return gtk_widget_get_sensitive (_atlas_record_editor_get_save_button (editor));
}

static void
record_saved_cb (AtlasRecordEditor  *editor,
                 const char         *id,
                 char              **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_new_record (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  AtlasRecordEditor *editor;
  AtlasPartnership *saved;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(GError) error = NULL;
  char *saved_id = NULL;

  editor = atlas_record_editor_new (NULL, history, NULL, ATLAS_EDITOR_MODE_NEW, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  g_signal_connect (editor, "record-saved", G_CALLBACK (record_saved_cb), &saved_id);

  /* Nothing shouted at an empty form, but nothing to save either */
  g_assert_null (error_of (editor, ATLAS_FIELD_TITLE));
  g_assert_false (can_save (editor));

  type (editor, ATLAS_FIELD_TITLE, "China–France Oceanography Satellite");
  /* The id follows the title */
  g_assert_cmpstr (gtk_editable_get_text (_atlas_record_editor_get_field (editor, ATLAS_FIELD_ID)),
                   ==, "china-france-oceanography-satellite");

  /* Validation as you type, with the reason beside the field */
  type (editor, ATLAS_FIELD_START, "2018-13");
  g_assert_cmpstr (error_of (editor, ATLAS_FIELD_START), ==, "“2018-13”: there is no month 13");
  g_assert_false (can_save (editor));

  type (editor, ATLAS_FIELD_START, "2018-10-29");
  g_assert_null (error_of (editor, ATLAS_FIELD_START));
  type (editor, ATLAS_FIELD_END, "2017");
  g_assert_cmpstr (error_of (editor, ATLAS_FIELD_END), ==, "The end is before the start");
  type (editor, ATLAS_FIELD_END, "");
  g_assert_null (error_of (editor, ATLAS_FIELD_END));

  g_assert_cmpstr (error_of (editor, ATLAS_FIELD_COUNTRIES), ==, "Name at least one partner country");
  g_assert_false (can_save (editor));

  _atlas_record_editor_add_country (editor, "CN");
  _atlas_record_editor_add_country (editor, "FR");
  _atlas_record_editor_add_country (editor, "FR");   /* once only */
  _atlas_record_editor_add_organization (editor, "cnes");
  _atlas_record_editor_set_summary (editor, "An ocean-observing satellite.");
  _atlas_record_editor_add_source (editor, "China strengthens international space cooperation",
                                   "002_980ba927a7cd4ee4.txt", NULL);
  g_assert_null (error_of (editor, ATLAS_FIELD_COUNTRIES));
  g_assert_true (can_save (editor));

  /* Nothing reached the store before Save */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);

  g_assert_true (atlas_record_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved_id, ==, "china-france-oceanography-satellite");

  saved = atlas_store_lookup (store, "china-france-oceanography-satellite");
  g_assert_nonnull (saved);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n + 1);
  g_assert_cmpint (atlas_partnership_get_start (saved)->precision, ==, ATLAS_DATE_PRECISION_DAY);
  g_assert_false (atlas_date_is_set (atlas_partnership_get_end (saved)));
  g_assert_cmpuint (g_strv_length ((char **) atlas_partnership_get_countries (saved)), ==, 2);
  g_assert_cmpstr (atlas_partnership_get_organizations (saved)[0], ==, "cnes");
  g_assert_cmpstr (atlas_partnership_get_summary (saved), ==, "An ocean-observing satellite.");
  g_assert_cmpuint (atlas_partnership_get_sources (saved)->len, ==, 1);

  /* One undoable step */
  g_assert_cmpstr (atlas_history_get_undo_label (history), ==, "Add “China–France Oceanography Satellite”");
  g_assert_true (atlas_history_undo (history, NULL));
  g_assert_null (atlas_store_lookup (store, "china-france-oceanography-satellite"));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_free (saved_id);
}

static void
test_edit_keeps_everything_else (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  AtlasPartnership *original = atlas_store_lookup (store, "cbers");
  g_autoptr(AtlasPartnership) before = atlas_partnership_copy (original);
  g_autoptr(AtlasPartnership) draft = NULL;
  AtlasRecordEditor *editor;
  AtlasPartnership *after;

  editor = atlas_record_editor_new (NULL, history, NULL, ATLAS_EDITOR_MODE_EDIT, original);

  /* Opening and saving untouched changes nothing, unknown members included */
  draft = atlas_record_editor_dup_draft (editor);
  g_assert_true (atlas_partnership_equal (draft, before));
  g_assert_true (atlas_record_editor_save (editor, NULL));
  g_assert_false (atlas_history_can_undo (history));

  /* An edit keeps its id and everything it did not touch */
  type (editor, ATLAS_FIELD_TITLE, "CBERS");
  g_assert_true (atlas_record_editor_save (editor, NULL));
  after = atlas_store_lookup (store, "cbers");
  g_assert_cmpstr (atlas_partnership_get_title (after), ==, "CBERS");
  g_assert_true (json_object_equal (atlas_partnership_get_extra (after), atlas_partnership_get_extra (before)));
  g_assert_cmpstr (atlas_partnership_get_summary (after), ==, atlas_partnership_get_summary (before));

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_cancel_touches_nothing (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  g_autoptr(GBytes) before = atlas_store_to_bytes (store);
  g_autoptr(GBytes) after = NULL;
  AtlasRecordEditor *editor;

  editor = atlas_record_editor_new (NULL, history, NULL, ATLAS_EDITOR_MODE_EDIT,
                                    atlas_store_lookup (store, "cbers"));
  gtk_window_present (GTK_WINDOW (editor));
  type (editor, ATLAS_FIELD_TITLE, "Changed, then cancelled");
  _atlas_record_editor_add_country (editor, "AR");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL));

  after = atlas_store_to_bytes (store);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (atlas_history_can_undo (history));
}

static void
test_duplicate_is_pointed_out (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasHistory) history = atlas_history_new (store);
  AtlasRecordEditor *editor;
  AtlasPartnership *duplicate;

  editor = atlas_record_editor_new (NULL, history, NULL, ATLAS_EDITOR_MODE_DUPLICATE,
                                    atlas_store_lookup (store, "cbers"));

  /* A duplicate gets a fresh id and is flagged as like the original */
  g_assert_cmpstr (gtk_editable_get_text (_atlas_record_editor_get_field (editor, ATLAS_FIELD_ID)),
                   !=, "cbers");
  duplicate = _atlas_record_editor_get_duplicate (editor);
  g_assert_nonnull (duplicate);
  g_assert_cmpstr (atlas_partnership_get_id (duplicate), ==, "cbers");

  /* It is a warning, not a refusal */
  g_assert_true (can_save (editor));

  /* Moved well away in time, it is no longer flagged */
  type (editor, ATLAS_FIELD_START, "2010");
  g_assert_null (_atlas_record_editor_get_duplicate (editor));

  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/record-editor/new-record", test_new_record);
  g_test_add_func ("/record-editor/edit-keeps-everything-else", test_edit_keeps_everything_else);
  g_test_add_func ("/record-editor/cancel-touches-nothing", test_cancel_touches_nothing);
  g_test_add_func ("/record-editor/duplicate-is-pointed-out", test_duplicate_is_pointed_out);

  return g_test_run ();
}
