/* test-timeline.c — AtlasTimeline under Xvfb: renders a known model to a
 * texture and looks at its pixels; selection, keyboard, zoom, brush and
 * what it tells screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "atlas-countries.h"
#include "atlas-store.h"
#include "atlas-timeline-pane.h"
#include "atlas-timeline-private.h"

/* A dated thing, as plain as can be */

#define TEST_TYPE_ITEM (test_item_get_type ())
G_DECLARE_FINAL_TYPE (TestItem, test_item, TEST, ITEM, GObject)

struct _TestItem
{
  GObject   parent_instance;
  double    start;
  double    end;
  int       precision;
  gboolean  ongoing;
  char     *label;
  char    **lanes;
};

G_DEFINE_FINAL_TYPE (TestItem, test_item, G_TYPE_OBJECT)

static void
test_item_finalize (GObject *object)
{
  TestItem *self = TEST_ITEM (object);

  g_free (self->label);
  g_strfreev (self->lanes);
  G_OBJECT_CLASS (test_item_parent_class)->finalize (object);
}

static void
test_item_class_init (TestItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_item_finalize;
}

static void
test_item_init (TestItem *self)
{
  self->end = -1;
  self->precision = 3;
}

static TestItem *
test_item_new (double      start,
               double      end,
               int         precision,
               const char *label,
               const char *lane)
{
  TestItem *item = g_object_new (TEST_TYPE_ITEM, NULL);

  item->start = start;
  item->end = end;
  item->precision = precision;
  item->label = g_strdup (label);
  item->lanes = g_strsplit (lane, ",", -1);
  return item;
}

static double
item_start (TestItem *item)
{
  return item->start;
}

static double
item_end (TestItem *item)
{
  return item->end;
}

static int
item_precision (TestItem *item)
{
  return item->precision;
}

static gboolean
item_ongoing (TestItem *item)
{
  return item->ongoing;
}

static char *
item_label (TestItem *item)
{
  return g_strdup (item->label);
}

static char **
item_lanes (TestItem *item)
{
  return g_strdupv (item->lanes);
}

static char *
item_tooltip (TestItem *item)
{
  return g_markup_printf_escaped ("<b>%s</b>\nsomewhen", item->label);
}

static GtkExpression *
expression (GType     type,
            GCallback callback)
{
  return gtk_cclosure_expression_new (type, NULL, 0, NULL, callback, NULL, NULL);
}

/* Fixture */

typedef struct
{
  GtkWidget          *window;
  AtlasTimeline      *timeline;
  GListStore         *store;
  GtkSingleSelection *selection;
} Fixture;

static double
day (int year,
     int month,
     int mday)
{
  return atlas_time_day_from_date (year, month, mday);
}

static void
wait_for_allocation (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)) <= 0 ||
         !gtk_widget_get_mapped (GTK_WIDGET (fixture->timeline)))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  /* Let pending layout settle */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = g_list_store_new (TEST_TYPE_ITEM);
  fixture->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (fixture->store)));
  gtk_single_selection_set_autoselect (fixture->selection, FALSE);
  gtk_single_selection_set_can_unselect (fixture->selection, TRUE);

  fixture->timeline = ATLAS_TIMELINE (atlas_timeline_new ());
  /* The setters take a reference of their own */
#define SET_EXPRESSION(setter, type, callback) \
  G_STMT_START { \
    g_autoptr(GtkExpression) e = expression (type, G_CALLBACK (callback)); \
    setter (fixture->timeline, e); \
  } G_STMT_END
  SET_EXPRESSION (atlas_timeline_set_start_expression, G_TYPE_DOUBLE, item_start);
  SET_EXPRESSION (atlas_timeline_set_end_expression, G_TYPE_DOUBLE, item_end);
  SET_EXPRESSION (atlas_timeline_set_precision_expression, G_TYPE_INT, item_precision);
  SET_EXPRESSION (atlas_timeline_set_ongoing_expression, G_TYPE_BOOLEAN, item_ongoing);
  SET_EXPRESSION (atlas_timeline_set_label_expression, G_TYPE_STRING, item_label);
  SET_EXPRESSION (atlas_timeline_set_lane_expression, G_TYPE_STRV, item_lanes);
  SET_EXPRESSION (atlas_timeline_set_tooltip_expression, G_TYPE_STRING, item_tooltip);
#undef SET_EXPRESSION
  atlas_timeline_set_today (fixture->timeline, day (2020, 6, 1));
  atlas_timeline_set_model (fixture->timeline, GTK_SELECTION_MODEL (fixture->selection));

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 400);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->timeline));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_allocation (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->store);
}

static void
add (Fixture  *fixture,
     TestItem *item)
{
  g_list_store_append (fixture->store, item);
  g_object_unref (item);
}

/* Rendering */

typedef struct
{
  int     width;
  int     height;
  gsize   stride;
  guchar *data;
} Pixels;

static void
pixels_free (Pixels *pixels)
{
  g_free (pixels->data);
  g_free (pixels);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

static gboolean
count_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  (*(int *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Waits for a few frames: layout done, nothing pending */
static void
settle (Fixture *fixture)
{
  int ticks = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->timeline), count_tick, &ticks, NULL);

  while (ticks < 3)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->timeline), id);
}

static Pixels *
render (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Pixels *pixels = g_new0 (Pixels, 1);

  settle (fixture);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  pixels->width = gtk_widget_get_width (widget);
  pixels->height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, pixels->width, pixels->height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, pixels->width, pixels->height));
  pixels->stride = 4 * pixels->width;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);

  if (g_getenv ("ATLAS_TEST_SAVE_PNG") != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/timeline-%s.png", g_get_tmp_dir (),
                                               g_test_get_path () + strlen ("/timeline/"));

      for (char *p = path + strlen (g_get_tmp_dir ()) + 1; *p; p++)
        if (*p == '/')
          *p = '-';
      gdk_texture_save_to_png (texture, path);
    }

  return pixels;
}

/* Red, green and blue, 0 to 255, of an opaque pixel */
static void
pixel_at (Pixels *pixels,
          double  x,
          double  y,
          int    *r,
          int    *g,
          int    *b)
{
  int px = (int) floor (x), py = (int) floor (y);
  const guchar *p;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, pixels->width);
  g_assert_cmpint (py, <, pixels->height);

  /* GDK_MEMORY_DEFAULT: B8G8R8A8 premultiplied, little-endian ARGB32 */
  p = pixels->data + py * pixels->stride + px * 4;
  *b = p[0];
  *g = p[1];
  *r = p[2];
}

static void
assert_color (Pixels     *pixels,
              double      x,
              double      y,
              int         r,
              int         g,
              int         b,
              const char *what)
{
  int pr, pg, pb;

  pixel_at (pixels, x, y, &pr, &pg, &pb);
  if (abs (pr - r) > 24 || abs (pg - g) > 24 || abs (pb - b) > 24)
    g_error ("%s at %.0f,%.0f: expected #%02x%02x%02x, found #%02x%02x%02x",
             what, x, y, r, g, b, pr, pg, pb);
}

/* Where an item's shape is, in widget coordinates */
static void
item_point (Fixture *fixture,
            guint    item,
            double   fraction,
            double  *x,
            double  *y)
{
  AtlasTimelineLayout *layout = _atlas_timeline_get_layout (fixture->timeline);
  AtlasTimelineGeometry geometry;
  AtlasTimeScale scale;
  double items_x, items_y;
  guint n_lanes;
  const guint16 *lanes;

  _atlas_timeline_ensure_layout (fixture->timeline);
  _atlas_timeline_get_scale (fixture->timeline, &scale, &items_x, &items_y);
  lanes = atlas_timeline_layout_get_item_lanes (layout, item, &n_lanes);
  g_assert_cmpuint (n_lanes, >, 0);
  atlas_timeline_layout_get_geometry (layout, lanes[0], atlas_timeline_layout_find_entry (layout, lanes[0], item),
                                      &scale, &geometry);
  g_assert_cmpint (geometry.row, >=, 0);

  *x = items_x + geometry.x0 + (geometry.x1 - geometry.x0) * fraction;
  *y = items_y + geometry.y + atlas_timeline_layout_get_metrics (layout)->row_height / 2;
}

static void
test_render_marks (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Pixels) pixels = NULL;
  double x, y, x0, y0;

  add (fixture, test_item_new (day (2000, 3, 1), -1, 3, "Day", "a"));
  add (fixture, test_item_new (day (2000, 1, 1), day (2000, 12, 31), 3, "Span", "b"));
  add (fixture, test_item_new (day (1999, 1, 1), -1, 1, "Year", "c"));
  atlas_timeline_set_visible_range (fixture->timeline, day (1998, 7, 1), day (2001, 7, 1));
  pixels = render (fixture);

  /* A mark where the item is, in its lane's colour */
  item_point (fixture, 0, 0.5, &x, &y);
  assert_color (pixels, x, y, 255, 0, 0, "day mark");

  /* A tinted bar along the span, with a solid edge where it starts */
  item_point (fixture, 1, 0, &x, &y);
  assert_color (pixels, x + 1.5, y, 255, 0, 0, "span start");
  item_point (fixture, 1, 0.9, &x, &y);
  assert_color (pixels, x, y, 255, 148, 148, "span");

  /* A year known only to the year: its year, faintly, and outlined */
  item_point (fixture, 2, 0.5, &x, &y);
  assert_color (pixels, x, y, 255, 209, 209, "faint year");
  item_point (fixture, 2, 0, &x, &y);
  {
    int r, g, b;

    /* An anti-aliased 1.5 px line: much redder than the fill */
    pixel_at (pixels, x + 1, y, &r, &g, &b);
    g_assert_cmpint (r, >, 200);
    g_assert_cmpint (g, <, 100);
    g_assert_cmpint (b, <, 100);
  }

  /* Nothing where there is none: before the day mark, in its row */
  item_point (fixture, 0, 0.5, &x0, &y0);
  assert_color (pixels, x0 - 60, y0, 255, 255, 255, "empty row");
  /* ... nor below the lanes */
  assert_color (pixels, x0, gtk_widget_get_height (GTK_WIDGET (fixture->timeline)) - 3, 255, 255, 255, "below the lanes");
}

static void
test_render_selection (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(Pixels) before = NULL;
  g_autoptr(Pixels) after = NULL;
  double x, y, x1, y1;

  add (fixture, test_item_new (day (2000, 3, 1), -1, 3, "First", "a"));
  add (fixture, test_item_new (day (2000, 9, 1), -1, 3, "Second", "a"));
  atlas_timeline_set_visible_range (fixture->timeline, day (1999, 7, 1), day (2001, 7, 1));

  before = render (fixture);
  item_point (fixture, 1, 0.5, &x, &y);
  assert_color (before, x, y, 255, 0, 0, "unselected");

  /* Selecting in the model selects in the timeline */
  gtk_single_selection_set_selected (fixture->selection, 1);
  after = render (fixture);
  assert_color (after, x, y, 0, 0, 255, "selected");
  item_point (fixture, 0, 0.5, &x1, &y1);
  assert_color (after, x1, y1, 255, 0, 0, "the other one");
}

static gboolean
same_pixels (Pixels *a,
             Pixels *b)
{
  return a->width == b->width && a->height == b->height &&
         memcmp (a->data, b->data, (gsize) a->stride * a->height) == 0;
}

/* The item under the pointer is highlighted, unless hide-hover says
 * not to, as for a picture */
static void
test_render_hover (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->timeline));
  GtkEventController *motion = NULL;
  g_autoptr(Pixels) plain = NULL;
  g_autoptr(Pixels) hovered = NULL;
  g_autoptr(Pixels) hidden = NULL;
  double x, y;

  add (fixture, test_item_new (day (2000, 3, 1), -1, 3, "First", "a"));
  atlas_timeline_set_visible_range (fixture->timeline, day (1999, 7, 1), day (2001, 7, 1));
  for (guint i = 0; motion == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        motion = controller;
    }
  g_assert_nonnull (motion);

  plain = render (fixture);
  item_point (fixture, 0, 0.5, &x, &y);
  g_signal_emit_by_name (motion, "motion", x, y);
  hovered = render (fixture);
  g_assert_false (same_pixels (plain, hovered));

  g_assert_false (atlas_timeline_get_hide_hover (fixture->timeline));
  atlas_timeline_set_hide_hover (fixture->timeline, TRUE);
  hidden = render (fixture);
  g_assert_true (same_pixels (plain, hidden));

  atlas_timeline_set_hide_hover (fixture->timeline, FALSE);
  g_clear_pointer (&hidden, pixels_free);
  hidden = render (fixture);
  g_assert_true (same_pixels (hovered, hidden));
}

static void
test_render_today_and_brush (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(Pixels) pixels = NULL;
  AtlasTimeScale scale;
  double items_x, items_y, x, y;

  add (fixture, test_item_new (day (2000, 3, 1), -1, 3, "Item", "a"));
  atlas_timeline_set_today (fixture->timeline, day (2000, 6, 1));
  atlas_timeline_set_visible_range (fixture->timeline, day (1999, 7, 1), day (2001, 7, 1));
  atlas_timeline_set_brush (fixture->timeline, day (2000, 9, 1), day (2000, 12, 1));
  pixels = render (fixture);

  _atlas_timeline_get_scale (fixture->timeline, &scale, &items_x, &items_y);
  item_point (fixture, 0, 0.5, &x, &y);

  /* The today line runs down through the lanes */
  x = items_x + round (atlas_time_scale_to_x (&scale, day (2000, 6, 1) + 0.5));
  assert_color (pixels, x, gtk_widget_get_height (GTK_WIDGET (fixture->timeline)) - 5, 0, 200, 0, "today");

  /* The brush shades its range */
  x = items_x + atlas_time_scale_to_x (&scale, day (2000, 10, 15));
  assert_color (pixels, x, gtk_widget_get_height (GTK_WIDGET (fixture->timeline)) - 5, 255, 204, 255, "brush");
}

static void
test_render_dense (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasTimelineLayout *layout = _atlas_timeline_get_layout (fixture->timeline);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(Pixels) pixels = NULL;
  AtlasTimeScale scale;
  double items_x, items_y, top;
  int reddish = 0;

  for (guint i = 0; i < 20000; i++)
    g_ptr_array_add (items, test_item_new (day (1960, 1, 1) + i, -1, 3, "Many", "a"));
  g_list_store_splice (fixture->store, 0, 0, items->pdata, items->len);
  atlas_timeline_zoom_to_fit (fixture->timeline);
  _atlas_timeline_ensure_layout (fixture->timeline);

  /* Too many to draw one by one: a density strip */
  g_assert_true (atlas_timeline_layout_get_lane_dense (layout, 0));
  pixels = render (fixture);
  _atlas_timeline_get_scale (fixture->timeline, &scale, &items_x, &items_y);
  top = items_y + atlas_timeline_layout_get_lane_y (layout, 0) + atlas_timeline_layout_get_metrics (layout)->lane_padding;

  for (double x = items_x + atlas_time_scale_to_x (&scale, day (1961, 1, 1));
       x < items_x + atlas_time_scale_to_x (&scale, day (2013, 1, 1)); x += 7)
    {
      int r, g, b;

      pixel_at (pixels, x, top + atlas_timeline_layout_get_metrics (layout)->dense_height - 2, &r, &g, &b);
      if (r > 200 && g < 80 && b < 80)
        reddish++;
    }
  g_assert_cmpint (reddish, >, 10);

  /* Outside the items' years, nothing */
  assert_color (pixels, items_x + atlas_time_scale_to_x (&scale, day (2016, 6, 1)),
                top + atlas_timeline_layout_get_metrics (layout)->dense_height - 2, 255, 255, 255, "after the items");
}

static void
test_lanes (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasTimelineLayout *layout = _atlas_timeline_get_layout (fixture->timeline);
  guint n_lanes;

  add (fixture, test_item_new (day (2000, 3, 1), -1, 3, "Both", "a,b"));
  add (fixture, test_item_new (day (2001, 3, 1), -1, 3, "Only b", "b"));

  /* An item in two lanes is in both; the fuller lane comes first */
  g_assert_cmpuint (atlas_timeline_layout_get_n_lanes (layout), ==, 2);
  g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, 0), ==, "b");
  atlas_timeline_layout_get_item_lanes (layout, 0, &n_lanes);
  g_assert_cmpuint (n_lanes, ==, 2);

  /* A new lane expression groups again */
  atlas_timeline_set_lane_expression (fixture->timeline, NULL);
  g_assert_cmpuint (atlas_timeline_layout_get_n_lanes (layout), ==, 1);
  g_assert_cmpstr (atlas_timeline_layout_get_lane_key (layout, 0), ==, "");

  /* Items changed in place are read again */
  g_list_store_remove (fixture->store, 0);
  g_assert_cmpuint (atlas_timeline_layout_get_n_items (layout), ==, 1);
  g_assert_cmpstr (atlas_timeline_layout_get_item_label (layout, 0), ==, "Only b");
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  add (fixture, test_item_new (day (2000, 1, 1), -1, 3, "a0", "a"));
  add (fixture, test_item_new (day (2000, 6, 1), -1, 3, "a1", "a"));
  add (fixture, test_item_new (day (2010, 1, 1), -1, 3, "a2", "a"));
  add (fixture, test_item_new (day (2000, 2, 1), -1, 3, "b0", "b"));
  atlas_timeline_set_visible_range (fixture->timeline, day (1999, 7, 1), day (2001, 7, 1));

  /* Nothing selected: Right picks an item in view */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.select", "s", "r"));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), !=, GTK_INVALID_LIST_POSITION);

  /* Home: the first of all; Right: the next in its lane */
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.select", "s", "h");
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.select", "s", "r");
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 1);

  /* Right again: out of view, so the view follows */
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.select", "s", "r");
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 2);
  g_assert_cmpfloat (atlas_timeline_get_visible_start (fixture->timeline), <, day (2010, 1, 1));
  g_assert_cmpfloat (atlas_timeline_get_visible_end (fixture->timeline), >, day (2010, 1, 2));

  /* Down: into the next lane, nearest in time */
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.select", "s", "h");
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.select", "s", "d");
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 3);

  /* Escape clears the selection */
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.escape", NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, GTK_INVALID_LIST_POSITION);
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  AtlasTimeline *timeline = fixture->timeline;
  double span;

  TestItem *items[] = {
    test_item_new (day (1990, 1, 1), -1, 3, "First", "a"),
    test_item_new (day (2010, 1, 1), -1, 3, "Last", "a"),
  };

  /* A new data set is fitted */
  g_list_store_splice (fixture->store, 0, 0, (gpointer *) items, G_N_ELEMENTS (items));
  g_object_unref (items[0]);
  g_object_unref (items[1]);
  g_assert_cmpfloat (atlas_timeline_get_visible_start (timeline), <, day (1990, 1, 1));
  g_assert_cmpfloat (atlas_timeline_get_visible_end (timeline), >, day (2010, 1, 2));

  span = atlas_timeline_get_visible_end (timeline) - atlas_timeline_get_visible_start (timeline);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (atlas_timeline_get_visible_end (timeline) - atlas_timeline_get_visible_start (timeline),
                                  span / 1.5, 1e-6);
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-out", NULL);
  g_assert_cmpfloat (atlas_timeline_get_visible_end (timeline) - atlas_timeline_get_visible_start (timeline), >, span);

  /* To the selection: the last item, closely */
  span = atlas_timeline_get_visible_end (timeline) - atlas_timeline_get_visible_start (timeline);
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-selection", NULL);
  g_assert_cmpfloat (atlas_timeline_get_visible_end (timeline) - atlas_timeline_get_visible_start (timeline), ==, span);
  gtk_single_selection_set_selected (fixture->selection, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-selection", NULL));
  g_assert_cmpfloat (atlas_timeline_get_visible_start (timeline), <, day (2010, 1, 1));
  g_assert_cmpfloat (atlas_timeline_get_visible_end (timeline), >, day (2010, 1, 2));
  g_assert_cmpfloat (atlas_timeline_get_visible_end (timeline) - atlas_timeline_get_visible_start (timeline), <, 365);

  /* Back to everything */
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.zoom-fit", NULL);
  g_assert_cmpfloat (atlas_timeline_get_visible_start (timeline), <, day (1990, 1, 1));
  g_assert_cmpfloat (atlas_timeline_get_visible_end (timeline), >, day (2010, 1, 2));

  /* No further in than 400 px a day, nor out to all of time */
  atlas_timeline_set_visible_range (timeline, day (2000, 1, 1), day (2000, 1, 1) + 0.001);
  g_assert_cmpfloat (atlas_timeline_get_visible_end (timeline) - atlas_timeline_get_visible_start (timeline), >=,
                     (gtk_widget_get_width (GTK_WIDGET (timeline)) - 200) / 400.0);
  atlas_timeline_set_visible_range (timeline, 1, ATLAS_TIME_LAST_DAY);
  g_assert_cmpfloat (atlas_timeline_get_visible_start (timeline), >, day (1900, 1, 1));
}

/* Filters leave the view where the reader put it: one that shows
 * nothing for a while, as playback does before its first record, the
 * first item back, or other items altogether */
static void
test_view_kept_through_empty (Fixture       *fixture,
                              gconstpointer  data)
{
  AtlasTimeline *timeline = fixture->timeline;
  TestItem *items[] = {
    test_item_new (day (1960, 1, 1), -1, 3, "First", "a"),
    test_item_new (day (2010, 1, 1), -1, 3, "Last", "a"),
  };
  g_autoptr(TestItem) back = test_item_new (day (1961, 1, 1), -1, 3, "Back", "a");
  g_autoptr(TestItem) other = test_item_new (day (1800, 1, 1), -1, 3, "Other", "a");
  double start, end;

  g_list_store_splice (fixture->store, 0, 0, (gpointer *) items, G_N_ELEMENTS (items));
  g_object_unref (items[0]);
  g_object_unref (items[1]);

  atlas_timeline_set_visible_range (timeline, day (1955, 1, 1), day (1975, 1, 1));
  start = atlas_timeline_get_visible_start (timeline);
  end = atlas_timeline_get_visible_end (timeline);
  g_assert_cmpfloat_with_epsilon (start, day (1955, 1, 1), 1e-6);

  g_list_store_remove_all (fixture->store);
  g_assert_cmpfloat_with_epsilon (atlas_timeline_get_visible_start (timeline), start, 1e-6);
  g_assert_cmpfloat_with_epsilon (atlas_timeline_get_visible_end (timeline), end, 1e-6);

  g_list_store_append (fixture->store, back);
  g_assert_cmpfloat_with_epsilon (atlas_timeline_get_visible_start (timeline), start, 1e-6);
  g_assert_cmpfloat_with_epsilon (atlas_timeline_get_visible_end (timeline), end, 1e-6);

  /* Everything replaced by something else, as a filter does: the view
   * stays; the owner shows a new data set whole */
  g_list_store_splice (fixture->store, 0, 1, (gpointer *) &other, 1);
  g_assert_cmpfloat_with_epsilon (atlas_timeline_get_visible_start (timeline), start, 1e-6);
  atlas_timeline_show_all (timeline);
  g_assert_cmpfloat (atlas_timeline_get_visible_start (timeline), <, day (1800, 1, 1));
}

static void
notify_count (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_brush (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasTimeline *timeline = fixture->timeline;
  guint notified = 0;

  g_signal_connect (timeline, "notify::has-brush", G_CALLBACK (notify_count), &notified);

  g_assert_false (atlas_timeline_get_has_brush (timeline));
  g_assert_true (isnan (atlas_timeline_get_brush_start (timeline)));

  atlas_timeline_set_brush (timeline, day (2001, 1, 1), day (2000, 1, 1));
  g_assert_true (atlas_timeline_get_has_brush (timeline));
  g_assert_cmpfloat (atlas_timeline_get_brush_start (timeline), ==, day (2000, 1, 1));
  g_assert_cmpfloat (atlas_timeline_get_brush_end (timeline), ==, day (2001, 1, 1));
  g_assert_cmpuint (notified, ==, 1);

  /* Escape clears the brush before the selection */
  gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.escape", NULL);
  g_assert_false (atlas_timeline_get_has_brush (timeline));
  g_assert_true (isnan (atlas_timeline_get_brush_end (timeline)));
  g_assert_cmpuint (notified, ==, 2);

  /* As a property */
  g_object_set (timeline, "brush-start", day (1995, 1, 1), NULL);
  g_assert_true (atlas_timeline_get_has_brush (timeline));
  g_object_set (timeline, "has-brush", FALSE, NULL);
  g_assert_false (atlas_timeline_get_has_brush (timeline));
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (fixture->timeline);

  add (fixture, test_item_new (day (2000, 3, 1), -1, 3, "CBERS", "a"));

  gtk_test_accessible_assert_role (accessible, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "Timeline");
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "1 item, none selected");

  /* The selected item is told, with what its tooltip says */
  gtk_single_selection_set_selected (fixture->selection, 0);
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Selected: CBERS\nsomewhen");
}

/* The window's pane: how records are read, and grouped into lanes */

static guint
find_lane (AtlasTimelineLayout *layout,
           const char          *key)
{
  for (guint l = 0; l < atlas_timeline_layout_get_n_lanes (layout); l++)
    if (g_strcmp0 (atlas_timeline_layout_get_lane_key (layout, l), key) == 0)
      return l;
  return G_MAXUINT;
}

static void
test_pane (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PATH "/data/partnerships.json", 0, NULL);
  g_autoptr(AtlasStore) store = atlas_store_new ();
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autoptr(AtlasPartnership) cbers = NULL;
  g_autoptr(AtlasPartnership) tricky = NULL;
  AtlasTimelinePane *pane = g_object_ref_sink (ATLAS_TIMELINE_PANE (atlas_timeline_pane_new ()));
  AtlasTimeline *timeline = atlas_timeline_pane_get_timeline (pane);
  AtlasTimelineLayout *layout = _atlas_timeline_get_layout (timeline);
  GValue value = G_VALUE_INIT;
  g_autofree char *expected = NULL;
  guint n, china, position, n_lanes;
  AtlasDate date;

  g_assert_nonnull (bytes);
  g_assert_true (atlas_store_load_bytes (store, bytes, NULL));
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (store)));
  atlas_timeline_pane_set_model (pane, GTK_SELECTION_MODEL (selection));
  g_assert_cmpuint (atlas_timeline_layout_get_n_items (layout), ==, n);

  /* CBERS: from July 1988, known to the month, still going on */
  g_assert_true (atlas_store_find (store, "cbers", &position));
  cbers = g_list_model_get_item (G_LIST_MODEL (store), position);
  g_assert_cmpfloat (atlas_timeline_layout_get_item_start (layout, position), ==,
                     atlas_date_get_first_day (atlas_partnership_get_start (cbers)));
  g_assert_cmpint (atlas_timeline_layout_get_item_precision (layout, position), ==, ATLAS_TIME_PRECISION_MONTH);
  g_assert_true (atlas_timeline_layout_get_item_ongoing (layout, position));
  g_assert_cmpstr (atlas_timeline_layout_get_item_label (layout, position), ==, atlas_partnership_get_title (cbers));

  /* By kind: one lane each */
  g_assert_cmpint (atlas_timeline_pane_get_lanes (pane), ==, ATLAS_LANES_BY_KIND);
  g_assert_cmpuint (find_lane (layout, atlas_kind_get_label (ATLAS_KIND_JOINT_MISSION)), !=, G_MAXUINT);
  atlas_timeline_layout_get_item_lanes (layout, position, &n_lanes);
  g_assert_cmpuint (n_lanes, ==, 1);

  /* By country: a record is in the lane of each of its countries, so
   * China's lane holds every record of this data set */
  atlas_timeline_pane_set_lanes (pane, ATLAS_LANES_BY_COUNTRY);
  china = find_lane (layout, atlas_countries_get_name ("CN"));
  g_assert_cmpuint (china, ==, 0);
  g_assert_cmpuint (atlas_timeline_layout_get_lane_n_entries (layout, china), ==, n);
  g_assert_cmpuint (find_lane (layout, atlas_countries_get_name ("BR")), !=, G_MAXUINT);
  atlas_timeline_layout_get_item_lanes (layout, position, &n_lanes);
  g_assert_cmpuint (n_lanes, ==, 2);

  /* By organization: records without one have a lane of their own */
  atlas_timeline_pane_set_lanes (pane, ATLAS_LANES_BY_ORGANIZATION);
  g_assert_cmpuint (find_lane (layout, "No organization"), !=, G_MAXUINT);
  g_assert_cmpuint (find_lane (layout, "CNSA"), !=, G_MAXUINT);

  /* Tooltips are markup, with the records' own text escaped */
  tricky = atlas_partnership_new ("tricky");
  atlas_partnership_set_title (tricky, "Less <than> & more");
  atlas_date_init (&date, 2001, 2, 0);
  atlas_partnership_set_start (tricky, &date);
  atlas_partnership_set_countries (tricky, (const char *[]) { "FR", NULL });
  g_assert_true (gtk_expression_evaluate (atlas_timeline_get_tooltip_expression (timeline), tricky, &value));
  g_assert_true (pango_parse_markup (g_value_get_string (&value), -1, 0, NULL, NULL, NULL, NULL));
  g_assert_nonnull (strstr (g_value_get_string (&value), "Less &lt;than&gt; &amp; more"));
  g_assert_nonnull (strstr (g_value_get_string (&value), "France"));
  g_value_unset (&value);

  /* Selection is shared, and the selected record told with its tooltip */
  expected = g_strdup_printf ("Selected: %s\nSince July 1988\n%s · %s\nPartners: China, Brazil\n"
                              "Organizations: CNSA, INPE",
                              atlas_partnership_get_title (cbers),
                              atlas_kind_get_label (atlas_partnership_get_kind (cbers)),
                              atlas_status_get_label (atlas_partnership_get_status (cbers)));
  gtk_single_selection_set_selected (selection, position);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  g_object_unref (pane);
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* Plain colours, easy to tell apart in pixels */
  gtk_css_provider_load_from_data (provider,
                                   "timeline { background-color: #ffffff; color: #000000; }\n"
                                   "timeline > swatch.axis { color: #eeeeee; }\n"
                                   "timeline > swatch.rule { color: #cccccc; }\n"
                                   "timeline > swatch.grid, timeline > swatch.grid-major,"
                                   "timeline > swatch.band { color: transparent; }\n"
                                   "timeline > swatch.dim { color: #666666; }\n"
                                   "timeline > swatch.today { color: #00c800; }\n"
                                   "timeline > swatch.selection { color: #0000ff; }\n"
                                   "timeline > swatch.brush { color: rgba(255, 0, 255, 0.2); }\n"
                                   "timeline > swatch.lane-1, timeline > swatch.lane-2,"
                                   "timeline > swatch.lane-3, timeline > swatch.lane-4,"
                                   "timeline > swatch.lane-5, timeline > swatch.lane-6,"
                                   "timeline > swatch.lane-7, timeline > swatch.lane-8 { color: #ff0000; }\n",
                                   -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
}

int
main (int   argc,
      char *argv[])
{
  /* A test context keeps what the timeline tells screen readers,
   * without a session bus */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  /* Zooms and scrolls happen at once */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  load_css ();

#define ADD(path, func) \
  g_test_add ("/timeline/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("render/marks", test_render_marks);
  ADD ("render/selection", test_render_selection);
  ADD ("render/hover", test_render_hover);
  ADD ("render/today-and-brush", test_render_today_and_brush);
  ADD ("render/dense", test_render_dense);
  ADD ("lanes", test_lanes);
  ADD ("keyboard", test_keyboard);
  ADD ("zoom", test_zoom);
  ADD ("view-kept-through-empty", test_view_kept_through_empty);
  ADD ("brush", test_brush);
  ADD ("accessible", test_accessible);

#undef ADD

  g_test_add_func ("/timeline/pane", test_pane);

  return g_test_run ();
}
