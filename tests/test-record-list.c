/* test-record-list.c — the list of records under Xvfb: each row says a
 * record's title, when and kind, and partners, on a line each, cut
 * short with an ellipsis that the tooltip fills in; it scrolls to a
 * row, keeps the selected row in place when the model changes around
 * it, starts from the top when the rows shown went; click selects,
 * double-click and Enter activate, the arrow and paging keys move the
 * selection; it draws the selected row tinted; assistive technologies
 * read it as a list described by the selected record; and it lays out
 * only the rows it shows, so taking in 100,000 records reads none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "atlas-partnership.h"
#include "atlas-record-list-private.h"

#define LONG_TITLE "China–Brazil Earth Resources Satellite (CBERS) programme, with its data given away to Africa"
#define N_RECORDS 200

/* A list model that counts the items read from it */

#define TEST_TYPE_COUNTING_MODEL (test_counting_model_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingModel, test_counting_model, TEST, COUNTING_MODEL, GObject)

struct _TestCountingModel
{
  GObject     parent_instance;
  GListStore *store;
  guint       n_reads;
};

static GType
test_counting_model_get_item_type (GListModel *model)
{
  return ATLAS_TYPE_PARTNERSHIP;
}

static guint
test_counting_model_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (TEST_COUNTING_MODEL (model)->store));
}

static gpointer
test_counting_model_get_item (GListModel *model,
                              guint       position)
{
  TEST_COUNTING_MODEL (model)->n_reads++;
  return g_list_model_get_item (G_LIST_MODEL (TEST_COUNTING_MODEL (model)->store), position);
}

static void
test_counting_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = test_counting_model_get_item_type;
  iface->get_n_items = test_counting_model_get_n_items;
  iface->get_item = test_counting_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCountingModel, test_counting_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, test_counting_model_list_model_init))

static void
store_changed_cb (TestCountingModel *self,
                  guint              position,
                  guint              removed,
                  guint              added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
test_counting_model_dispose (GObject *object)
{
  g_clear_object (&TEST_COUNTING_MODEL (object)->store);
  G_OBJECT_CLASS (test_counting_model_parent_class)->dispose (object);
}

static void
test_counting_model_class_init (TestCountingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_counting_model_dispose;
}

static void
test_counting_model_init (TestCountingModel *self)
{
  self->store = g_list_store_new (ATLAS_TYPE_PARTNERSHIP);
  g_signal_connect_swapped (self->store, "items-changed", G_CALLBACK (store_changed_cb), self);
}

/* Records */

static const char * const two_countries[] = { "CN", "BR", NULL };
static const char * const many_countries[] = { "CN", "RU", "AU", "CA", "BR", "FR", "DE", "IT", "ES", "GB", NULL };

static AtlasPartnership *
make_record (guint i)
{
  g_autofree char *id = g_strdup_printf ("r%u", i);
  g_autofree char *title = g_strdup_printf ("Record %03u", i);
  AtlasPartnership *record = atlas_partnership_new (id);
  AtlasDate start;

  g_assert_true (atlas_date_parse ("1988-07", &start, NULL));
  atlas_partnership_set_title (record, i == 1 ? LONG_TITLE : title);
  atlas_partnership_set_kind (record, ATLAS_KIND_JOINT_MISSION);
  atlas_partnership_set_start (record, &start);
  atlas_partnership_set_status (record, ATLAS_STATUS_ACTIVE);
  atlas_partnership_set_countries (record, i == 1 ? many_countries : two_countries);
  return record;
}

static void
fill (GListStore *store,
      guint       first,
      guint       n)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + n; i++)
    g_ptr_array_add (records, make_record (i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       records->pdata, records->len);
}

/* The fixture: a list of N_RECORDS in a scrolled window */

typedef struct
{
  GtkWidget          *window;
  AtlasRecordList    *list;
  TestCountingModel  *model;
  GtkSingleSelection *selection;
  guint               n_activated;
  guint               activated;
} Fixture;

static void
activate_cb (AtlasRecordList *list,
             guint            position,
             Fixture         *fixture)
{
  fixture->n_activated++;
  fixture->activated = position;
}

static void
wait_for_frames (Fixture *fixture)
{
  /* Until the styles are computed and a frame drawn */
  for (guint i = 0; i < 20 || !gtk_widget_get_mapped (GTK_WIDGET (fixture->list)); i++)
    {
      g_assert_cmpuint (i, <, 5000);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->model = g_object_new (TEST_TYPE_COUNTING_MODEL, NULL);
  fill (fixture->model->store, 0, N_RECORDS);
  fixture->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (fixture->model)));
  gtk_single_selection_set_autoselect (fixture->selection, FALSE);
  gtk_single_selection_set_can_unselect (fixture->selection, TRUE);
  gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);

  fixture->list = ATLAS_RECORD_LIST (atlas_record_list_new ());
  atlas_record_list_set_model (fixture->list, fixture->selection);
  g_signal_connect (fixture->list, "activate", G_CALLBACK (activate_cb), fixture);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->list));
  fixture->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 300, 400);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_frames (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->model);
}

static GtkAdjustment *
get_vadjustment (Fixture *fixture)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->list));
}

static const char *
line_text (Fixture             *fixture,
           guint                position,
           AtlasRecordListLine  line)
{
  return pango_layout_get_text (_atlas_record_list_get_layout (fixture->list, position, line));
}

/* The row's top on screen, and whether it shows whole */
static double
row_top (Fixture *fixture,
         guint    position)
{
  graphene_rect_t area;

  g_assert_true (_atlas_record_list_get_row_area (fixture->list, position, &area));
  return area.origin.y;
}

static gboolean
row_shows_whole (Fixture *fixture,
                 guint    position)
{
  graphene_rect_t area;

  g_assert_true (_atlas_record_list_get_row_area (fixture->list, position, &area));
  return area.origin.y >= 0 &&
         area.origin.y + area.size.height <= gtk_widget_get_height (GTK_WIDGET (fixture->list));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  g_assert_not_reached ();
}

static gboolean
press_key (Fixture *fixture,
           guint    keyval)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (fixture->list), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

static void
click (Fixture *fixture,
       guint    position,
       int      n_press)
{
  GtkEventController *gesture = find_controller (GTK_WIDGET (fixture->list), GTK_TYPE_GESTURE_CLICK);
  graphene_rect_t area;

  g_assert_true (_atlas_record_list_get_row_area (fixture->list, position, &area));
  g_signal_emit_by_name (gesture, "pressed", n_press,
                         (double) area.origin.x + 20, (double) area.origin.y + area.size.height / 2);
}

/* Tests */

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *short_tip = NULL;
  g_autofree char *long_tip = NULL;

  g_assert_cmpstr (line_text (fixture, 0, ATLAS_RECORD_LIST_TITLE), ==, "Record 000");
  g_assert_cmpstr (line_text (fixture, 0, ATLAS_RECORD_LIST_WHEN), ==, "Since July 1988");
  g_assert_cmpstr (line_text (fixture, 0, ATLAS_RECORD_LIST_WHAT), ==, "Joint mission · China, Brazil");

  /* One line each, cut short where too long, and only then a tooltip */
  for (guint i = 0; i < ATLAS_RECORD_LIST_N_LINES; i++)
    {
      g_assert_cmpint (pango_layout_get_line_count (_atlas_record_list_get_layout (fixture->list, 0, i)), ==, 1);
      g_assert_cmpint (pango_layout_get_line_count (_atlas_record_list_get_layout (fixture->list, 1, i)), ==, 1);
    }
  g_assert_false (pango_layout_is_ellipsized (_atlas_record_list_get_layout (fixture->list, 0, ATLAS_RECORD_LIST_TITLE)));
  g_assert_true (pango_layout_is_ellipsized (_atlas_record_list_get_layout (fixture->list, 1, ATLAS_RECORD_LIST_TITLE)));
  short_tip = _atlas_record_list_get_tooltip_text (fixture->list, 0);
  g_assert_null (short_tip);
  long_tip = _atlas_record_list_get_tooltip_text (fixture->list, 1);
  g_assert_nonnull (long_tip);
  g_assert_true (g_str_has_prefix (long_tip, LONG_TITLE "\nJoint mission · China, Russian Federation, Australia"));

  /* A wider list cuts less */
  {
    int narrow_width;
    int wide_width;

    pango_layout_get_pixel_size (_atlas_record_list_get_layout (fixture->list, 1, ATLAS_RECORD_LIST_TITLE),
                                 &narrow_width, NULL);
    gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 400);
    wait_for_frames (fixture);
    pango_layout_get_pixel_size (_atlas_record_list_get_layout (fixture->list, 1, ATLAS_RECORD_LIST_TITLE),
                                 &wide_width, NULL);
    g_assert_cmpint (wide_width, >, narrow_width + 200);
  }
}

/* Rows are as tall as each other, the content as tall as they are */
static void
test_geometry (Fixture       *fixture,
               gconstpointer  data)
{
  GtkAdjustment *adjustment = get_vadjustment (fixture);
  graphene_rect_t first;
  graphene_rect_t second;
  graphene_rect_t area_past_end;
  guint first_shown;
  guint n_shown;
  int minimum;

  g_assert_true (_atlas_record_list_get_row_area (fixture->list, 0, &first));
  g_assert_true (_atlas_record_list_get_row_area (fixture->list, 1, &second));
  g_assert_false (_atlas_record_list_get_row_area (fixture->list, N_RECORDS, &area_past_end));
  g_assert_cmpfloat (first.size.height, ==, second.size.height);
  g_assert_cmpfloat (first.size.height, >=, 36);
  g_assert_cmpfloat (second.origin.y, >, first.origin.y + first.size.height);
  g_assert_cmpfloat (first.origin.x, >, 0);
  g_assert_cmpfloat (first.origin.x + first.size.width, <, gtk_widget_get_width (GTK_WIDGET (fixture->list)));

  g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), ==, gtk_widget_get_height (GTK_WIDGET (fixture->list)));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_upper (adjustment),
                                  first.origin.y * 2 + (second.origin.y - first.origin.y) * N_RECORDS -
                                  (second.origin.y - first.origin.y - first.size.height), 0.01);

  _atlas_record_list_get_visible_range (fixture->list, &first_shown, &n_shown);
  g_assert_cmpuint (first_shown, ==, 0);
  g_assert_cmpuint (n_shown, ==, (guint) ceil ((gtk_widget_get_height (GTK_WIDGET (fixture->list)) - first.origin.y) /
                                               (second.origin.y - first.origin.y)));

  /* As wide as a title of 20 characters, at least */
  gtk_widget_measure (GTK_WIDGET (fixture->list), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, >, 150);
  g_assert_cmpint (minimum, <, 300);
}

static void
test_scroll_to (Fixture       *fixture,
                gconstpointer  data)
{
  GtkAdjustment *adjustment = get_vadjustment (fixture);
  guint first_shown;
  guint n_shown;
  double value;

  g_assert_false (row_shows_whole (fixture, 150));
  atlas_record_list_scroll_to (fixture->list, 150);
  g_assert_true (row_shows_whole (fixture, 150));
  /* as little as needed: the row at the bottom */
  g_assert_false (row_shows_whole (fixture, 151));
  _atlas_record_list_get_visible_range (fixture->list, &first_shown, &n_shown);
  g_assert_cmpuint (first_shown + n_shown - 1, ==, 150);

  /* A row on screen: no scrolling */
  value = gtk_adjustment_get_value (adjustment);
  atlas_record_list_scroll_to (fixture->list, 148);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);

  /* Above: it comes to the top */
  atlas_record_list_scroll_to (fixture->list, 10);
  _atlas_record_list_get_visible_range (fixture->list, &first_shown, &n_shown);
  g_assert_cmpuint (first_shown, ==, 10);
  g_assert_true (row_shows_whole (fixture, 10));

  atlas_record_list_scroll_to (fixture->list, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* Past the end: nothing */
  atlas_record_list_scroll_to (fixture->list, N_RECORDS);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* The model changes: what was on screen stays there if it can */
static void
test_model_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  GListStore *store = fixture->model->store;
  GtkAdjustment *adjustment = get_vadjustment (fixture);
  guint first_shown;
  guint n_shown;
  double top;
  double value;

  /* The selected row stays where it was on screen, records before it gone */
  atlas_record_list_scroll_to (fixture->list, 100);
  gtk_single_selection_set_selected (fixture->selection, 98);
  top = row_top (fixture, 98);
  g_list_store_splice (store, 10, 5, NULL, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 93);
  g_assert_cmpfloat (row_top (fixture, 93), ==, top);
  g_assert_cmpstr (line_text (fixture, 93, ATLAS_RECORD_LIST_TITLE), ==, "Record 098");

  /* Without a selection, the rows shown stay when records before them go */
  gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);
  _atlas_record_list_get_visible_range (fixture->list, &first_shown, &n_shown);
  top = row_top (fixture, first_shown);
  g_list_store_remove (store, 0);
  g_assert_cmpfloat (row_top (fixture, first_shown - 1), ==, top);

  /* and after them, nothing moves */
  value = gtk_adjustment_get_value (adjustment);
  g_list_store_remove (store, g_list_model_get_n_items (G_LIST_MODEL (store)) - 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);

  /* When the rows shown go, the list starts from its top */
  fill (store, 1000, 150);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_cmpstr (line_text (fixture, 0, ATLAS_RECORD_LIST_TITLE), ==, "Record 1000");

  /* and fewer than fill it do not scroll */
  fill (store, 0, 3);
  wait_for_frames (fixture);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, gtk_adjustment_get_page_size (adjustment));
  _atlas_record_list_get_visible_range (fixture->list, &first_shown, &n_shown);
  g_assert_cmpuint (first_shown, ==, 0);
  g_assert_cmpuint (n_shown, ==, 3);

  /* Empty */
  g_list_store_remove_all (store);
  _atlas_record_list_get_visible_range (fixture->list, &first_shown, &n_shown);
  g_assert_cmpuint (n_shown, ==, 0);
  wait_for_frames (fixture);
}

static void
test_mouse (Fixture       *fixture,
            gconstpointer  data)
{
  click (fixture, 3, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 3);
  g_assert_cmpuint (fixture->n_activated, ==, 0);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (fixture->list)));

  click (fixture, 4, 1);
  click (fixture, 4, 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 4);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpuint (fixture->activated, ==, 4);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  guint first_shown;
  guint n_shown;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->list));

  /* With nothing selected, the keyboard is at the first row shown */
  g_assert_true (press_key (fixture, GDK_KEY_Down));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 1);
  g_assert_true (press_key (fixture, GDK_KEY_Down));
  g_assert_true (press_key (fixture, GDK_KEY_KP_Down));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 3);
  g_assert_true (press_key (fixture, GDK_KEY_Up));
  g_assert_true (press_key (fixture, GDK_KEY_Up));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 1);

  /* A page is what shows, less a row */
  _atlas_record_list_get_visible_range (fixture->list, &first_shown, &n_shown);
  g_assert_true (press_key (fixture, GDK_KEY_Page_Down));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), >=, 1 + n_shown - 3);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), <=, 1 + n_shown - 1);
  g_assert_true (row_shows_whole (fixture, gtk_single_selection_get_selected (fixture->selection)));

  g_assert_true (press_key (fixture, GDK_KEY_End));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, N_RECORDS - 1);
  g_assert_true (row_shows_whole (fixture, N_RECORDS - 1));
  g_assert_true (press_key (fixture, GDK_KEY_Down));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, N_RECORDS - 1);
  g_assert_true (press_key (fixture, GDK_KEY_Home));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 0);
  g_assert_true (row_shows_whole (fixture, 0));
  g_assert_true (press_key (fixture, GDK_KEY_Page_Up));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 0);

  /* Space selects where the keyboard is */
  gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);
  g_assert_true (press_key (fixture, GDK_KEY_space));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 0);

  /* Enter activates; other keys are not the list's */
  g_assert_true (press_key (fixture, GDK_KEY_Return));
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpuint (fixture->activated, ==, 0);
  g_assert_false (press_key (fixture, GDK_KEY_a));
  g_assert_false (press_key (fixture, GDK_KEY_Tab));
}

/* Assistive technologies: a list, described by the selected record */
static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  char *error;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->list)), ==,
                   GTK_ACCESSIBLE_ROLE_LIST);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->list),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  gtk_single_selection_set_selected (fixture->selection, 1);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->list),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              LONG_TITLE "\nSince July 1988\n"
                                              "Joint mission · China, Russian Federation, Australia, Canada, Brazil, France, "
                                              "Germany, Italy, Spain, United Kingdom");
  g_assert_null (error);

  gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->list),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

/* The widget drawn, as a texture */
static GdkTexture *
render (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->list);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  GdkTexture *texture;

  wait_for_frames (fixture);
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  gsk_renderer_unrealize (renderer);
  return texture;
}

/* How much is drawn, summed over a band of the texture */
static double
ink (GdkTexture *texture,
     int         x,
     int         y,
     int         width,
     int         height)
{
  int stride = gdk_texture_get_width (texture) * 4;
  g_autofree guchar *pixels = g_malloc ((gsize) stride * gdk_texture_get_height (texture));
  double sum = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int j = y; j < y + height; j++)
    for (int i = x; i < x + width; i++)
      sum += pixels[j * stride + i * 4 + 3];   /* premultiplied alpha */
  return sum / 255;
}

static void
test_draws (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) selected = NULL;
  graphene_rect_t area;
  int right;

  plain = render (fixture);
  if (g_getenv ("ATLAS_TEST_SAVE_PNG"))
    gdk_texture_save_to_png (plain, "test-record-list.png");
  gtk_single_selection_set_selected (fixture->selection, 2);
  selected = render (fixture);

  g_assert_true (_atlas_record_list_get_row_area (fixture->list, 2, &area));
  right = area.origin.x + area.size.width;

  /* Text in every row shown, none in the margins */
  g_assert_cmpfloat (ink (plain, area.origin.x + 10, area.origin.y, 60, area.size.height), >, 50);
  g_assert_cmpfloat (ink (plain, 0, 0, area.origin.x, 400 - 1), ==, 0);

  /* The selected row is tinted right to its end, where no text reaches;
   * its neighbours are not */
  g_assert_cmpfloat (ink (plain, right - 20, area.origin.y + 4, 10, area.size.height - 8), ==, 0);
  g_assert_cmpfloat (ink (selected, right - 20, area.origin.y + 4, 10, area.size.height - 8), >, 5);
  g_assert_true (_atlas_record_list_get_row_area (fixture->list, 3, &area));
  g_assert_cmpfloat (ink (selected, right - 20, area.origin.y + 4, 10, area.size.height - 8), ==, 0);
}

/* A change of 100,000 records reads none of them; drawing then reads
 * those on screen, and lays out only those */
static void
test_cost_follows_rows_shown (Fixture       *fixture,
                              gconstpointer  data)
{
  guint first_shown;
  guint n_shown;

  fill (fixture->model->store, 0, 100000);
  fixture->model->n_reads = 0;
  fill (fixture->model->store, 2, 100000);
  g_assert_cmpuint (fixture->model->n_reads, ==, 0);
  g_assert_cmpuint (_atlas_record_list_get_n_cached_rows (fixture->list), ==, 0);

  gtk_widget_queue_draw (GTK_WIDGET (fixture->list));
  wait_for_frames (fixture);
  _atlas_record_list_get_visible_range (fixture->list, &first_shown, &n_shown);
  g_assert_cmpuint (n_shown, >, 3);
  g_assert_cmpuint (fixture->model->n_reads, >=, n_shown);
  g_assert_cmpuint (fixture->model->n_reads, <=, 4 * n_shown);
  g_assert_cmpuint (_atlas_record_list_get_n_cached_rows (fixture->list), ==, n_shown);
  g_assert_cmpstr (line_text (fixture, 0, ATLAS_RECORD_LIST_TITLE), ==, "Record 002");

  /* Scrolling to the end reads the rows there */
  fixture->model->n_reads = 0;
  atlas_record_list_scroll_to (fixture->list, 99999);
  wait_for_frames (fixture);
  g_assert_cmpuint (fixture->model->n_reads, <=, 4 * n_shown);
  g_assert_cmpstr (line_text (fixture, 99999, ATLAS_RECORD_LIST_TITLE), ==, "Record 100001");
}

/* Larger text (GNOME's text scaling changes the resolution) makes the
 * rows taller; right to left, the text ends at the right */
static void
test_style_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (fixture->list));
  graphene_rect_t before;
  graphene_rect_t after;
  int dpi;

  g_assert_true (_atlas_record_list_get_row_area (fixture->list, 0, &before));
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    dpi = 96 * 1024;
  g_object_set (settings, "gtk-xft-dpi", dpi * 3 / 2, NULL);
  wait_for_frames (fixture);
  g_assert_true (_atlas_record_list_get_row_area (fixture->list, 0, &after));
  g_assert_cmpfloat (after.size.height, >, before.size.height * 1.3);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  wait_for_frames (fixture);
  g_assert_true (_atlas_record_list_get_row_area (fixture->list, 0, &after));
  g_assert_cmpfloat (after.size.height, ==, before.size.height);

  gtk_widget_set_direction (GTK_WIDGET (fixture->list), GTK_TEXT_DIR_RTL);
  g_assert_cmpint (pango_layout_get_alignment (_atlas_record_list_get_layout (fixture->list, 0,
                                                                            ATLAS_RECORD_LIST_TITLE)),
                   ==, PANGO_ALIGN_RIGHT);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend, to read what the list exposes:
   * the test environment turns accessibility off */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/record-list/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/record-list/geometry", Fixture, NULL, fixture_set_up, test_geometry, fixture_tear_down);
  g_test_add ("/record-list/scroll-to", Fixture, NULL, fixture_set_up, test_scroll_to, fixture_tear_down);
  g_test_add ("/record-list/model-changes", Fixture, NULL, fixture_set_up, test_model_changes, fixture_tear_down);
  g_test_add ("/record-list/mouse", Fixture, NULL, fixture_set_up, test_mouse, fixture_tear_down);
  g_test_add ("/record-list/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/record-list/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/record-list/draws", Fixture, NULL, fixture_set_up, test_draws, fixture_tear_down);
  g_test_add ("/record-list/cost-follows-rows-shown", Fixture, NULL,
              fixture_set_up, test_cost_follows_rows_shown, fixture_tear_down);
  g_test_add ("/record-list/style-changes", Fixture, NULL, fixture_set_up, test_style_changes, fixture_tear_down);

  return g_test_run ();
}
