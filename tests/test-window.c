/* test-window.c — the main window under Xvfb: opens the bundled data
 * set, lists its records, shows details, refuses bad files safely and
 * remembers its size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "test-util.h"

#include "atlas-application.h"
#include "atlas-countries.h"
#include "atlas-detail-pane.h"
#include "atlas-record-editor-private.h"
#include "atlas-record-list-private.h"
#include "atlas-window-private.h"
#include "atlas-world-map-private.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>

static AtlasApplication *app;

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting");
    }
}

static gboolean
not_busy (gpointer data)
{
  return !atlas_window_is_busy (data);
}

/* The list has been laid out and shows rows */
static gboolean
has_rows (gpointer data)
{
  AtlasRecordList *list = data;
  guint first, n_visible;

  _atlas_record_list_get_visible_range (list, &first, &n_visible);
  return n_visible > 0;
}

static guint
count_bundled_records (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PATH "/data/partnerships.json", 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (bytes);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  return json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "records"));
}

static AtlasWindow *
open_window (GFile *file)
{
  AtlasWindow *window = atlas_window_new (app);

  atlas_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (not_busy, window);
  return window;
}

static void
test_opens_bundled_data_set (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasStore *store = atlas_window_get_store (window);
  AtlasRecordList *list = _atlas_window_get_record_list (window);
  g_autoptr(AtlasPartnership) first = NULL;
  guint n = count_bundled_records ();
  guint first_shown, n_shown;

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  g_assert_true (g_file_equal (atlas_store_get_file (store), bundled));
  g_assert_false (atlas_store_get_modified (store));

  /* The list shows the records, in date order, from the first */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (atlas_record_list_get_model (list))), ==, n);
  wait_for (has_rows, list);
  _atlas_record_list_get_visible_range (list, &first_shown, &n_shown);
  g_assert_cmpuint (first_shown, ==, 0);
  g_assert_cmpuint (n_shown, >, 3);

  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (pango_layout_get_text (_atlas_record_list_get_layout (list, 0, ATLAS_RECORD_LIST_TITLE)),
                   ==, atlas_partnership_get_title (first));

  /* The window says what is open */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Bundled Data Set"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_selection_shows_details (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  GtkSingleSelection *selection = _atlas_window_get_selection (window);
  AtlasDetailPane *pane = ATLAS_DETAIL_PANE (_atlas_window_get_detail_pane (window));
  g_autoptr(AtlasPartnership) third = g_list_model_get_item (G_LIST_MODEL (atlas_window_get_store (window)), 2);

  g_assert_null (atlas_detail_pane_get_record (pane));

  gtk_single_selection_set_selected (selection, 2);
  g_assert_true (atlas_detail_pane_get_record (pane) == third);

  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_assert_null (atlas_detail_pane_get_record (pane));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The key controller the window gives its list for Tab */
static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }
  return NULL;
}

static gboolean
map_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (_atlas_window_get_world_map (data))) &&
         gtk_widget_get_width (GTK_WIDGET (_atlas_window_get_world_map (data))) > 0;
}

static gboolean
focus_is_in_list (gpointer data)
{
  AtlasWindow *window = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  GtkWidget *list = GTK_WIDGET (_atlas_window_get_record_list (window));

  return focus != NULL && (focus == list || gtk_widget_is_ancestor (focus, list));
}

/* Tab leaves the list of records for the next part of the window, and
 * Shift+Tab for the one before, rather than walking through every row */
static void
test_tab_leaves_list (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasRecordList *list = _atlas_window_get_record_list (window);
  GtkEventController *keys = find_key_controller (GTK_WIDGET (list));
  GtkWidget *focus;
  gboolean handled = FALSE;

  g_assert_nonnull (keys);
  wait_for (has_rows, list);
  wait_for (map_is_mapped, window);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (list)));
  g_assert_true (focus_is_in_list (window));

  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
  g_assert_true (handled);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_false (focus_is_in_list (window));
  /* to the map's side of the window: its zoom buttons, over it */
  g_test_message ("Tab went to a %s, %s, in a %s", G_OBJECT_TYPE_NAME (focus), gtk_widget_get_tooltip_text (focus), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (focus))));
  {
    graphene_rect_t map_bounds, focus_bounds;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (_atlas_window_get_world_map (window)),
                                              GTK_WIDGET (window), &map_bounds));
    g_assert_true (gtk_widget_compute_bounds (focus, GTK_WIDGET (window), &focus_bounds));
    g_assert_true (graphene_rect_contains_rect (&map_bounds, &focus_bounds));
  }

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (list)));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_ISO_Left_Tab, 0, GDK_SHIFT_MASK, &handled);
  g_assert_true (handled);
  g_assert_false (focus_is_in_list (window));

  /* Other keys stay with the list */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (list)));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_false (handled);
  g_assert_true (focus_is_in_list (window));
  g_assert_true (gtk_widget_get_can_focus (GTK_WIDGET (list)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A big file is read in the background, with its progress shown, and
 * can be stopped: what was open stays */
static void
test_cancel_loading (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasStore *store = atlas_window_get_store (window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autofree char *dir = g_dir_make_tmp ("atlas-cancel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GFile) big = g_file_new_for_path (path);

  test_write_records (path, 50000);

  atlas_window_open (window, big);
  g_assert_true (atlas_window_is_busy (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  wait_for (not_busy, window);

  /* The bundled data set, as it was, and no error to dismiss */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  g_assert_true (g_file_equal (atlas_store_get_file (store), bundled));
  g_assert_null (_atlas_window_get_error_dialog (window));

  /* Opened again, without stopping, it opens */
  atlas_window_open (window, big);
  wait_for (not_busy, window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 50000);
  g_assert_true (atlas_document_get_load_progress (_atlas_window_get_document (window)) == 1.);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
collect_label_text (GtkWidget *widget,
                    GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_text (child, text);

  return TRUE;
}

/* Importing something that is not a file (a FIFO, which would block a
 * plain read for ever) says so, and nothing changes */
static void
test_import_fifo (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasStore *store = atlas_window_get_store (window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autofree char *dir = g_dir_make_tmp ("atlas-fifo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "records.csv", NULL);
  g_autoptr(GFile) fifo = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *dialog;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  g_assert_null (_atlas_window_import (window, fifo));
  dialog = _atlas_window_get_error_dialog (window);
  g_assert_nonnull (dialog);
  collect_label_text (dialog, text);
  g_assert_nonnull (strstr (text->str, "not a regular file"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_bad_file_keeps_data (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  g_autofree char *bad_path = g_test_build_filename (G_TEST_DIST, "fixtures", "bad",
                                                     "unknown-country.json", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  AtlasWindow *window = open_window (bundled);
  AtlasStore *store = atlas_window_get_store (window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *dialog;

  atlas_window_open (window, bad);
  wait_for (not_busy, window);

  /* Nothing changed… */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  g_assert_true (g_file_equal (atlas_store_get_file (store), bundled));

  /* …and the problems are shown, as --check gives them */
  dialog = _atlas_window_get_error_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));
  collect_label_text (dialog, text);
  g_assert_nonnull (strstr (text->str, "Could Not Open “unknown-country.json”"));
  g_assert_nonnull (strstr (text->str, "record 1 (uk): countries: “UK” is not an ISO 3166 country code; did you mean “GB”?"));
  g_assert_nonnull (strstr (text->str, "stays open"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_remembers_size (void)
{
  GSettings *settings = atlas_application_get_settings (app);
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window;
  int width, height;

  g_settings_set (settings, "window-size", "(ii)", 900, 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = atlas_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* Closing saves the size */
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1010, 700);
  gtk_window_close (GTK_WINDOW (window));
  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 1010);
  g_assert_cmpint (height, ==, 700);

  (void) bundled;
}


static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_delete_and_undo (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasStore *store = atlas_window_get_store (window);
  GtkSingleSelection *selection = _atlas_window_get_selection (window);
  g_autoptr(AtlasPartnership) victim = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_autofree char *id = g_strdup (atlas_partnership_get_id (victim));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  int min_width, min_width_after;

  /* Nothing selected: nothing to delete */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL) &&
                  g_list_model_get_n_items (G_LIST_MODEL (store)) != n);

  gtk_single_selection_set_selected (selection, 1);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL));
  g_assert_null (atlas_store_lookup (store, id));
  /* The details of the record deleted, hidden, ask for no room */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width_after, NULL, NULL, NULL);
  g_assert_cmpint (min_width_after, <=, min_width);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n - 1);
  g_assert_true (atlas_store_get_modified (store));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_nonnull (atlas_store_lookup (store, id));
  g_assert_false (atlas_store_get_modified (store));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_null (atlas_store_lookup (store, id));

  /* Closing with unsaved changes asks first, and keeps the window */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (_atlas_window_get_question_dialog (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Discard closes it */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (_atlas_window_get_question_dialog (window)), "discard");
  wait_for (is_null, &window);
}

static void
test_edit_from_window (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasStore *store = atlas_window_get_store (window);
  AtlasRecordEditor *editor;
  g_autoptr(AtlasPartnership) first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autofree char *id = g_strdup (atlas_partnership_get_id (first));

  gtk_single_selection_set_selected (_atlas_window_get_selection (window), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-record", NULL));
  editor = ATLAS_RECORD_EDITOR (_atlas_window_get_editor (window));
  g_assert_nonnull (editor);

  gtk_editable_set_text (_atlas_record_editor_get_field (editor, ATLAS_FIELD_TITLE), "Edited in a test");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_null (_atlas_window_get_editor (window));
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, id)), ==, "Edited in a test");

  /* The menu names what undo would take back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, id)), !=, "Edited in a test");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

static gboolean
has_question (gpointer data)
{
  return _atlas_window_get_question_dialog (data) != NULL;
}

/* Kill -9 the app after an edit; the next start offers the edit back */
static void
test_recovery_after_crash (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) recovery = NULL;
  g_autofree char *contents = NULL;
  AtlasWindow *window;
  AtlasStore *store;

  if (g_test_subprocess ())
    {
      g_autoptr(AtlasPartnership) edited = NULL;

      file = g_file_new_for_path (g_getenv ("ATLAS_TEST_CRASH_FILE"));
      recovery = atlas_document_get_recovery_file (file);

      window = open_window (file);
      store = atlas_window_get_store (window);
      atlas_document_set_autosave_interval (_atlas_window_get_document (window), 1);

      edited = atlas_partnership_copy (atlas_store_lookup (store, "cbers"));
      atlas_partnership_set_title (edited, "Edited just before a crash");
      g_assert_true (atlas_history_edit_record (atlas_document_get_history (_atlas_window_get_document (window)),
                                                "cbers", edited, NULL));

      wait_for (file_exists, recovery);
      raise (SIGKILL);
      g_assert_not_reached ();
    }

  dir = g_dir_make_tmp ("atlas-crash-XXXXXX", NULL);
  path = g_build_filename (dir, "data.json", NULL);
  file = g_file_new_for_path (path);
  recovery = atlas_document_get_recovery_file (file);
  g_assert_true (g_file_get_contents (fixture, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_false (g_file_query_exists (recovery, NULL));

  g_setenv ("ATLAS_TEST_CRASH_FILE", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  g_assert_true (g_file_query_exists (recovery, NULL));

  /* The file on disk never got the edit… */
  {
    g_autofree char *now = NULL;
    g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
    g_assert_cmpstr (now, ==, contents);
  }

  /* …and the next window opening it offers it back */
  window = open_window (file);
  store = atlas_window_get_store (window);
  wait_for (has_question, window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (_atlas_window_get_question_dialog (window)), "recover");
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, "cbers")), ==,
                   "Edited just before a crash");
  g_assert_true (atlas_store_get_modified (store));

  /* Recovering is a change like any other */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (atlas_partnership_get_title (atlas_store_lookup (store, "cbers")), !=,
                   "Edited just before a crash");

  atlas_document_discard_recovery (_atlas_window_get_document (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}


static guint
n_shown (AtlasWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (_atlas_window_get_selection (window)));
}

static void
test_linked_filter (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasStore *store = atlas_window_get_store (window);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(AtlasViewState) state = atlas_view_state_new ();
  AtlasTimeline *timeline = _atlas_window_get_timeline (window);
  AtlasWorldMap *map = _atlas_window_get_world_map (window);
  AtlasRecordList *list = _atlas_window_get_record_list (window);
  GtkStack *list_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_STACK));
  AtlasDate from, to;
  double visible_start, visible_end;

  g_assert_cmpuint (n_shown (window), ==, total);
  visible_start = atlas_timeline_get_visible_start (timeline);
  visible_end = atlas_timeline_get_visible_end (timeline);

  /* Free text narrows every view at once */
  state->text = g_strdup ("brazil");
  _atlas_window_set_filter (window, state);
  g_assert_cmpuint (n_shown (window), ==, 2);   /* CBERS, and the meridian circle */
  /* and the timeline's view stays where it was */
  g_assert_cmpfloat (atlas_timeline_get_visible_start (timeline), ==, visible_start);
  g_assert_cmpfloat (atlas_timeline_get_visible_end (timeline), ==, visible_end);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Bundled"));
  g_assert_cmpuint (atlas_world_map_get_count (map, "BR"), ==, 2);
  g_assert_cmpuint (atlas_world_map_get_count (map, "FR"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (atlas_record_list_get_model (list))), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");

  /* Nothing found: the list says so */
  g_free (state->text);
  state->text = g_strdup ("zzzqqq");
  _atlas_window_set_filter (window, state);
  g_assert_cmpuint (n_shown (window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (gtk_stack_get_visible_child (list_stack))),
                   ==, "No Matching Records");

  /* Clicking a country on the map filters by it; again clears it */
  g_clear_pointer (&state->text, g_free);
  _atlas_window_set_filter (window, state);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  atlas_world_map_set_selected_country (map, "FR");
  g_assert_cmpstr (_atlas_window_get_filter (window)->countries[0], ==, "FR");
  g_assert_cmpuint (n_shown (window), ==, 2);
  atlas_world_map_set_selected_country (map, NULL);
  g_assert_null (_atlas_window_get_filter (window)->countries);
  g_assert_cmpuint (n_shown (window), ==, total);

  /* Brushing time on the timeline filters by it */
  g_assert_true (atlas_date_parse ("2011-01-01", &from, NULL));
  g_assert_true (atlas_date_parse ("2011-12-31", &to, NULL));
  atlas_timeline_set_brush (timeline, atlas_date_get_first_day (&from), atlas_date_get_last_day (&to) + 1);
  g_assert_cmpint (_atlas_window_get_filter (window)->from.year, ==, 2011);
  g_assert_cmpint (_atlas_window_get_filter (window)->to.year, ==, 2011);
  g_assert_cmpuint (n_shown (window), <, total);
  g_assert_cmpuint (n_shown (window), >, 5);

  /* Removing the filter clears the brush */
  atlas_view_state_free (state);
  state = atlas_view_state_new ();
  _atlas_window_set_filter (window, state);
  g_assert_false (atlas_timeline_get_has_brush (timeline));
  g_assert_cmpuint (n_shown (window), ==, total);

  /* A partner in the detail pane filters by it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-country", "s", "IT"));
  g_assert_cmpuint (n_shown (window), ==, 1);
  g_assert_cmpstr (atlas_world_map_get_selected_country (map), ==, "IT");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_link_round_trip (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasWindow *other = NULL;
  g_autoptr(AtlasViewState) wanted = NULL;
  g_autoptr(AtlasViewState) shown = NULL;
  g_autoptr(AtlasViewState) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;

  wanted = atlas_view_state_parse ("space-atlas://view?from=2010&kind=joint-mission&country=CN"
                                   "&record=cses&lanes=country", &error);
  g_assert_no_error (error);
  atlas_window_set_view_state (window, wanted);

  shown = atlas_window_dup_view_state (window);
  g_assert_cmpstr (shown->record, ==, "cses");
  g_assert_cmpstr (shown->lanes, ==, "country");
  g_assert_cmpuint (shown->kinds, ==, 1u << ATLAS_KIND_JOINT_MISSION);
  g_assert_cmpint (shown->from.year, ==, 2010);
  g_assert_true (shown->has_map);
  g_assert_cmpfloat (shown->time_end, >, shown->time_start);

  /* The link opens the same view in another window, given before the
   * file is even open */
  link = atlas_view_state_to_string (shown);
  atlas_view_state_free (wanted);
  wanted = atlas_view_state_parse (link, &error);
  g_assert_no_error (error);

  other = atlas_window_new (app);
  atlas_window_set_view_state (other, wanted);
  atlas_window_open (other, bundled);
  gtk_window_present (GTK_WINDOW (other));
  wait_for (not_busy, other);

  again = atlas_window_dup_view_state (other);
  g_assert_cmpstr (again->record, ==, "cses");
  g_assert_cmpstr (again->lanes, ==, "country");
  g_assert_cmpuint (again->kinds, ==, shown->kinds);
  g_assert_cmpstr (again->countries[0], ==, "CN");
  g_assert_cmpfloat_with_epsilon (again->time_start, shown->time_start, 1.0);
  g_assert_cmpfloat_with_epsilon (again->map_zoom, shown->map_zoom, 0.01);
  g_assert_cmpuint (n_shown (other), ==, n_shown (window));

  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
}


static void
test_presentation (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  GtkSingleSelection *selection = _atlas_window_get_selection (window);
  g_autoptr(AtlasViewState) before = NULL;
  g_autoptr(AtlasViewState) after = NULL;
  g_autoptr(AtlasViewState) filter = atlas_view_state_new ();
  guint total = n_shown (window);
  AtlasPartnership *selected;

  /* A filter of the presenter's own, kept through the presentation */
  filter->kinds = (1u << ATLAS_KIND_JOINT_MISSION) | (1u << ATLAS_KIND_LAUNCH_SERVICE);
  _atlas_window_set_filter (window, filter);
  before = atlas_window_dup_view_state (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  g_assert_true (_atlas_window_get_presenting (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  /* Stepping: the first record, then the next; the map's selection
   * follows (its arcs), and only what has started shows */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL));
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (selected);
  g_assert_cmpstr (atlas_partnership_get_id (selected), ==, "cbers");
  g_assert_cmpuint (n_shown (window), ==, 1);
  /* Its partners are new: the map draws the eye to them, and the
   * caption names them */
  g_assert_cmpuint (atlas_choropleth_layer_get_n_pulses (_atlas_world_map_get_choropleth (_atlas_window_get_world_map (window))),
                    ==, 2);
  g_assert_nonnull (_atlas_window_get_caption_news (window));
  g_assert_nonnull (strstr (_atlas_window_get_caption_news (window), atlas_countries_get_name ("CN")));
  g_assert_nonnull (strstr (_atlas_window_get_caption_news (window), atlas_countries_get_name ("BR")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL));
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_cmpstr (atlas_partnership_get_id (selected), ==, "double-star");
  g_assert_cmpuint (n_shown (window), ==, 2);
  /* China is no news any more */
  g_assert_null (_atlas_window_get_caption_news (window));
  g_assert_nonnull (_atlas_window_get_playback (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL));
  g_assert_cmpuint (n_shown (window), ==, 1);

  /* Leaving restores the window and the view as they were */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  g_assert_false (_atlas_window_get_presenting (window));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_null (_atlas_window_get_playback (window));
  after = atlas_window_dup_view_state (window);
  g_assert_cmpuint (after->kinds, ==, before->kinds);
  g_assert_false (atlas_date_is_set (&after->to));
  g_assert_cmpuint (n_shown (window), <, total);
  g_assert_cmpuint (n_shown (window), ==, 9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_saved_views (void)
{
  g_autoptr(GFile) bundled = atlas_application_get_bundled_data_file ();
  AtlasWindow *window = open_window (bundled);
  AtlasStore *store = atlas_window_get_store (window);
  g_autoptr(AtlasViewState) first = atlas_view_state_parse ("space-atlas://view?country=FR", NULL);
  g_autoptr(AtlasViewState) second = atlas_view_state_parse ("space-atlas://view?kind=workshop", NULL);
  g_autoptr(GError) error = NULL;

  atlas_window_set_view_state (window, first);
  g_assert_true (_atlas_window_save_view (window, "France", &error));
  g_assert_no_error (error);
  atlas_window_set_view_state (window, second);
  g_assert_true (_atlas_window_save_view (window, "Workshops", &error));
  g_assert_true (atlas_store_get_modified (store));

  /* Page Down steps through them like slides, round and round */
  _atlas_window_set_presenting (window, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-view", NULL));
  g_assert_cmpstr (_atlas_window_get_filter (window)->countries[0], ==, "FR");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-view", NULL));
  g_assert_null (_atlas_window_get_filter (window)->countries);
  g_assert_cmpuint (_atlas_window_get_filter (window)->kinds, ==, 1u << ATLAS_KIND_WORKSHOP);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-view", NULL));
  g_assert_cmpstr (_atlas_window_get_filter (window)->countries[0], ==, "FR");
  _atlas_window_set_presenting (window, FALSE);

  /* Saving a view is a change like any other */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (atlas_store_get_modified (store));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  /* Recovery files go to a private state folder, shared with the
   * subprocesses that play a crashing app */
  if (!g_test_subprocess ())
    {
      state_dir = g_dir_make_tmp ("atlas-window-state-XXXXXX", NULL);
      g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
    }
  adw_init ();

  app = atlas_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/opens-bundled-data-set", test_opens_bundled_data_set);
  g_test_add_func ("/window/selection-shows-details", test_selection_shows_details);
  g_test_add_func ("/window/tab-leaves-list", test_tab_leaves_list);
  g_test_add_func ("/window/bad-file-keeps-data", test_bad_file_keeps_data);
  g_test_add_func ("/window/cancel-loading", test_cancel_loading);
  g_test_add_func ("/window/import-fifo", test_import_fifo);
  g_test_add_func ("/window/remembers-size", test_remembers_size);
  g_test_add_func ("/window/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/window/edit-from-window", test_edit_from_window);
  g_test_add_func ("/window/recovery-after-crash", test_recovery_after_crash);
  g_test_add_func ("/window/linked-filter", test_linked_filter);
  g_test_add_func ("/window/view-link-round-trip", test_view_link_round_trip);
  g_test_add_func ("/window/presentation", test_presentation);
  g_test_add_func ("/window/saved-views", test_saved_views);

  status = g_test_run ();
  g_object_unref (app);
  test_remove_tree (state_dir);
  return status;
}
