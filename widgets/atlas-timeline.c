/* atlas-timeline.c — dated items along a time axis, in lanes
 *
 * AtlasTimeline draws the items of a GtkSelectionModel along a time axis,
 * reading each item's start, end, precision, label and lanes through
 * GtkExpressions, the way GtkDropDown reads its items.  It knows nothing
 * of what the items are.
 *
 * What it reads is cached on items-changed (AtlasTimelineLayout, a
 * structure of arrays); drawing never evaluates an expression.  Each
 * item's expressions are read once per item object: what they gave is
 * kept in an AtlasItemCache for as long as the item lives, so that the
 * items a filter takes out and puts back are not read again.  Items must
 * not change in place; replace them in the model instead.  Lanes
 * are packed into rows at the current zoom; when a lane has more items
 * than it can show one by one, it becomes a density strip, and items
 * that do not fit in a lane's rows are counted in badges.
 *
 * Colours come from CSS: the widget's own colour, and those of small
 * child nodes that are never shown ("timeline > swatch.today", …).
 *
 * Mouse and touch: drag or scroll to move through time (scrolling moves
 * the lanes up and down when they do not all fit), Ctrl+scroll or pinch
 * to zoom around the pointer, Shift+drag to brush a range of time, click
 * to select, double-click to zoom to an item.  Keyboard: Left and Right
 * select the previous and next item of the lane, Up and Down the nearest
 * item in the row above or below, Home and End the first and last item;
 * Ctrl+arrows move the view; + and − zoom, 0 zooms to fit everything,
 * period (.) zooms to the selection, Escape clears the brush, then the
 * selection.  Tab leaves the timeline, as it leaves any other control.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-item-cache.h"
#include "atlas-timeline-private.h"

/* The most zoomed in: a day as wide as this */
#define MAX_PX_PER_DAY    400.0
/* Room around the items when zoomed to fit, as a share of their span */
#define FIT_PAD_START     0.03
#define FIT_PAD_END       0.1
#define ZOOM_STEP         1.5
/* Label widths are measured up to this many items, estimated above */
#define MEASURE_LIMIT     2000
#define LABEL_CACHE_MAX   4096
#define TEXT_CACHE_MAX    1024
#define ANIMATION_USEC    (250 * G_TIME_SPAN_MILLISECOND)
#define KINETIC_DECAY     0.325   /* seconds for the speed to fall to 1/e */
#define KINETIC_MIN_SPEED 20.0    /* px/s */
#define DENSITY_BUCKET    4.0
#define GUTTER_PADDING    10.0
#define GUTTER_INDENT     18.0    /* the lane's colour, then its name */
#define LABEL_GAP         8.0     /* between labels of the axis */

typedef enum
{
  COLOR_AXIS,
  COLOR_RULE,
  COLOR_GRID,
  COLOR_GRID_MAJOR,
  COLOR_BAND,
  COLOR_DIM,
  COLOR_TODAY,
  COLOR_SELECTION,
  COLOR_BRUSH,
  N_COLORS
} ColorRole;

static const char * const color_names[N_COLORS] = {
  "axis", "rule", "grid", "grid-major", "band", "dim", "today", "selection", "brush",
};

#define N_PALETTE 8

typedef enum
{
  TEXT_NORMAL,
  TEXT_BOLD,
  TEXT_SMALL,
  TEXT_BOLD_TWO_LINES,  /* a lane's name, wrapped where its lane has room */
} TextStyle;

/* Swatches: CSS nodes that are never shown, whose colours the timeline
 * draws with */

#define ATLAS_TYPE_TIMELINE_SWATCH (atlas_timeline_swatch_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTimelineSwatch, atlas_timeline_swatch, ATLAS, TIMELINE_SWATCH, GtkWidget)

struct _AtlasTimelineSwatch
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (AtlasTimelineSwatch, atlas_timeline_swatch, GTK_TYPE_WIDGET)

static void style_changed (AtlasTimeline *self);

static void
atlas_timeline_swatch_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (atlas_timeline_swatch_parent_class)->css_changed (widget, change);

  if (ATLAS_IS_TIMELINE (parent))
    style_changed (ATLAS_TIMELINE (parent));
}

static void
atlas_timeline_swatch_class_init (AtlasTimelineSwatchClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->css_changed = atlas_timeline_swatch_css_changed;
  gtk_widget_class_set_css_name (widget_class, "swatch");
}

static void
atlas_timeline_swatch_init (AtlasTimelineSwatch *self)
{
}

static GtkWidget *
swatch_new (GtkWidget  *parent,
            const char *name)
{
  GtkWidget *swatch = g_object_new (ATLAS_TYPE_TIMELINE_SWATCH, NULL);

  gtk_widget_add_css_class (swatch, name);
  gtk_widget_set_can_focus (swatch, FALSE);
  gtk_widget_set_can_target (swatch, FALSE);
  gtk_widget_set_child_visible (swatch, FALSE);
  gtk_widget_set_parent (swatch, parent);
  return swatch;
}

/* The timeline */

struct _AtlasTimeline
{
  GtkWidget            parent_instance;

  GtkSelectionModel   *model;
  GtkBitset           *selection;
  GtkExpression       *start_expression;
  GtkExpression       *end_expression;
  GtkExpression       *precision_expression;
  GtkExpression       *label_expression;
  GtkExpression       *lane_expression;
  GtkExpression       *ongoing_expression;
  GtkExpression       *tooltip_expression;

  AtlasTimelineLayout *layout;
  AtlasItemCache      *cache;         /* item → Entry */
  guint                font_serial;   /* changes with the font: label widths */

  /* The view */
  double               visible_start;
  double               visible_end;
  double               scroll_y;
  gboolean             fit_pending;
  double               world_start;   /* as the horizontal adjustment knows it */
  double               today;
  /* The items' extent when there last were items: a filter that shows
   * none for a moment (playback before its first record) keeps the view */
  gboolean             had_items;
  double               last_first;
  double               last_stop;
  gboolean             has_brush;
  double               brush_start;
  double               brush_end;

  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  guint                hscroll_policy : 1;
  guint                vscroll_policy : 1;
  guint                configuring_adjustments : 1;

  /* Style */
  GtkWidget           *swatches[N_COLORS];
  GtkWidget           *palette_swatches[N_PALETTE];
  GdkRGBA              fg;
  GdkRGBA              colors[N_COLORS];
  GdkRGBA              palette[N_PALETTE];
  gboolean             colors_valid;
  PangoFontDescription *font;
  double               text_height;
  double               char_width;
  double               axis_height;
  double               gutter_width;
  GHashTable          *lane_colors;   /* lane key → palette index + 1 */
  guint                next_lane_color;

  /* Caches */
  GHashTable          *label_layouts; /* item + 1 → PangoLayout */
  GHashTable          *text_layouts;  /* "style:width:text" → PangoLayout */
  AtlasTimeAxis       *axis;
  AtlasTimeScale       axis_scale;
  double               axis_width;

  /* Pointer */
  double               pointer_x;
  double               pointer_y;
  gboolean             pointer_inside;
  int                  hover_item;
  guint                hover_lane;
  gboolean             hide_hover;   /* for a picture */

  /* Dragging and brushing */
  gboolean             panning;
  gboolean             brushing;
  gboolean             drag_moved;
  double               drag_start_day;
  double               drag_px_per_day;
  double               drag_scroll_y;
  double               drag_start_x;
  double               drag_start_y;
  double               brush_anchor;
  double               velocity_x;
  double               velocity_y;
  double               last_drag_x;
  double               last_drag_y;
  gint64               last_drag_time;

  /* Kinetic scrolling after a drag or a flick of the touchpad */
  guint                kinetic_tick;
  gint64               kinetic_time;
  double               kinetic_vx;
  double               kinetic_vy;
  gboolean             scroll_pans;   /* what the last scroll moved: time, or lanes */

  /* Animated zoom */
  guint                animation_tick;
  gint64               animation_begin;
  double               animation_from_start;
  double               animation_from_end;
  double               animation_to_start;
  double               animation_to_end;

  /* Pinch */
  double               pinch_span;
  double               pinch_day;
  double               pinch_fraction;

  /* Keyboard */
  guint                focus_lane;
  int                  last_selected;
};

static void atlas_timeline_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasTimeline, atlas_timeline, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, atlas_timeline_scrollable_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_START_EXPRESSION,
  PROP_END_EXPRESSION,
  PROP_PRECISION_EXPRESSION,
  PROP_LABEL_EXPRESSION,
  PROP_LANE_EXPRESSION,
  PROP_ONGOING_EXPRESSION,
  PROP_TOOLTIP_EXPRESSION,
  PROP_VISIBLE_START,
  PROP_VISIBLE_END,
  PROP_HAS_BRUSH,
  PROP_BRUSH_START,
  PROP_BRUSH_END,
  PROP_TODAY,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static void update_view (AtlasTimeline *self);
static void update_accessible (AtlasTimeline *self);
static void fit (AtlasTimeline *self,
                 gboolean       animate);

/* Frames and scales */

typedef struct
{
  double width;
  double height;
  double gutter;         /* the lane labels, on the left */
  double axis;           /* the axis, on top */
  double items_width;
  double items_height;
} Frame;

static void
get_frame (AtlasTimeline *self,
           Frame         *frame)
{
  frame->width = gtk_widget_get_width (GTK_WIDGET (self));
  frame->height = gtk_widget_get_height (GTK_WIDGET (self));
  frame->gutter = MIN (self->gutter_width, floor (frame->width * 0.28));
  frame->axis = self->axis_height;
  frame->items_width = MAX (frame->width - frame->gutter, 1);
  frame->items_height = MAX (frame->height - frame->axis, 1);
}

static void
get_scale (AtlasTimeline  *self,
           AtlasTimeScale *scale)
{
  Frame frame;
  double span = self->visible_end - self->visible_start;

  get_frame (self, &frame);
  scale->origin = self->visible_start;
  scale->px_per_day = span > 0 ? frame.items_width / span : 1;
}

/* Style */

static void
read_color (GtkWidget *widget,
            GdkRGBA   *color)
{
  /* GTK 4.8 has no gtk_widget_get_color(): this is the one place the
   * timeline reads a computed CSS colour */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
ensure_colors (AtlasTimeline *self)
{
  if (self->colors_valid)
    return;

  read_color (GTK_WIDGET (self), &self->fg);
  for (guint i = 0; i < N_COLORS; i++)
    read_color (self->swatches[i], &self->colors[i]);
  for (guint i = 0; i < N_PALETTE; i++)
    read_color (self->palette_swatches[i], &self->palette[i]);

  self->colors_valid = TRUE;
}

static const GdkRGBA *
lane_color (AtlasTimeline *self,
            guint          lane)
{
  const char *key = atlas_timeline_layout_get_lane_key (self->layout, lane);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->lane_colors, key));

  /* A lane keeps its colour while the items change (as they are
   * filtered), so colours are handed out as lanes first appear */
  if (index == 0)
    {
      index = (self->next_lane_color++ % N_PALETTE) + 1;
      g_hash_table_insert (self->lane_colors, g_strdup (key), GUINT_TO_POINTER (index));
    }
  return &self->palette[index - 1];
}

static PangoLayout *
get_text_layout (AtlasTimeline *self,
                 const char    *text,
                 TextStyle      style,
                 int            max_width)
{
  g_autofree char *key = g_strdup_printf ("%d:%d:%s", style, max_width, text);
  PangoLayout *layout = g_hash_table_lookup (self->text_layouts, key);

  if (layout != NULL)
    return layout;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  if (style != TEXT_NORMAL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      if (style == TEXT_BOLD || style == TEXT_BOLD_TWO_LINES)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      else
        pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (max_width > 0)
    {
      pango_layout_set_width (layout, max_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      if (style == TEXT_BOLD_TWO_LINES)
        {
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (layout, -2);
        }
    }

  if (g_hash_table_size (self->text_layouts) >= TEXT_CACHE_MAX)
    g_hash_table_remove_all (self->text_layouts);
  g_hash_table_insert (self->text_layouts, g_steal_pointer (&key), layout);

  return layout;
}

static double
measure_text (const char *text,
              gpointer    user_data)
{
  AtlasTimeline *self = user_data;
  int width;

  pango_layout_get_pixel_size (get_text_layout (self, text, TEXT_NORMAL, -1), &width, NULL);
  return width;
}

static PangoLayout *
get_label_layout (AtlasTimeline *self,
                  guint          item,
                  double         width)
{
  PangoLayout *layout = g_hash_table_lookup (self->label_layouts, GUINT_TO_POINTER (item + 1));

  if (layout == NULL)
    {
      if (g_hash_table_size (self->label_layouts) >= LABEL_CACHE_MAX)
        g_hash_table_remove_all (self->label_layouts);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                               atlas_timeline_layout_get_item_label (self->layout, item));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      g_hash_table_insert (self->label_layouts, GUINT_TO_POINTER (item + 1), layout);
    }

  /* The same width from frame to frame: no new layout work */
  pango_layout_set_width (layout, (int) ceil (width) * PANGO_SCALE);
  return layout;
}

static void
clear_text_caches (AtlasTimeline *self)
{
  g_hash_table_remove_all (self->label_layouts);
  g_hash_table_remove_all (self->text_layouts);
  g_clear_pointer (&self->axis, atlas_time_axis_free);
}

static double
estimate_label_width (AtlasTimeline *self,
                      const char    *label,
                      PangoLayout   *measure)
{
  int width;

  if (label == NULL || *label == '\0')
    return 0;

  /* The average character is narrower than letters and digits are:
   * a little more room than the count says */
  if (measure == NULL)
    return ceil (g_utf8_strlen (label, -1) * self->char_width * 1.15);

  pango_layout_set_text (measure, label, -1);
  pango_layout_get_pixel_size (measure, &width, NULL);
  return width;
}

static char *
format_count (guint n)
{
  /* Translators: how many items a lane of the timeline holds */
  return g_strdup_printf (ngettext ("%'u item", "%'u items", n), n);
}

static void
update_gutter (AtlasTimeline *self)
{
  guint n_lanes = atlas_timeline_layout_get_n_lanes (self->layout);
  double widest = 0;

  /* One lane without a name needs no labels */
  if (n_lanes == 0 ||
      (n_lanes == 1 && *atlas_timeline_layout_get_lane_key (self->layout, 0) == '\0'))
    {
      self->gutter_width = 0;
      return;
    }

  for (guint l = 0; l < n_lanes; l++)
    {
      g_autofree char *count = format_count (atlas_timeline_layout_get_lane_n_entries (self->layout, l));
      int width, count_width;

      pango_layout_get_pixel_size (get_text_layout (self, atlas_timeline_layout_get_lane_key (self->layout, l),
                                                    TEXT_BOLD, -1),
                                   &width, NULL);
      pango_layout_get_pixel_size (get_text_layout (self, count, TEXT_SMALL, -1), &count_width, NULL);
      widest = MAX (widest, MAX (width, count_width));
    }

  self->gutter_width = CLAMP (ceil (widest) + GUTTER_INDENT + GUTTER_PADDING, 72, 200);
}

/* Font sizes give the sizes of rows and marks */
static void
update_metrics (AtlasTimeline *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *font_metrics = pango_context_get_metrics (context, NULL, NULL);
  AtlasTimelineMetrics metrics;
  double ascent = (double) pango_font_metrics_get_ascent (font_metrics) / PANGO_SCALE;
  double descent = (double) pango_font_metrics_get_descent (font_metrics) / PANGO_SCALE;

  self->text_height = ceil (ascent + descent);
  self->char_width = (double) pango_font_metrics_get_approximate_char_width (font_metrics) / PANGO_SCALE;
  pango_font_metrics_unref (font_metrics);

  atlas_timeline_metrics_init (&metrics);
  metrics.row_height = round (self->text_height + 7);
  metrics.mark_size = round (self->text_height * 0.65);
  metrics.lane_padding = round (self->text_height * 0.4);
  metrics.label_gap = round (self->text_height * 0.5);
  metrics.label_padding = round (self->text_height * 0.4);
  metrics.label_max = round (self->char_width * 40);
  metrics.row_gap = round (self->text_height * 0.5);
  metrics.dense_height = round (self->text_height * 2.2);
  metrics.badge_width = round (self->char_width * 6);
  atlas_timeline_layout_set_metrics (self->layout, &metrics);

  self->axis_height = 2 * round (self->text_height + 6) + 1;
}

static void
remeasure_labels (AtlasTimeline *self)
{
  guint n = atlas_timeline_layout_get_n_items (self->layout);
  g_autoptr(PangoLayout) measure = NULL;

  if (n <= MEASURE_LIMIT)
    measure = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  for (guint i = 0; i < n; i++)
    atlas_timeline_layout_set_label_width (self->layout, i,
                                           estimate_label_width (self, atlas_timeline_layout_get_item_label (self->layout, i),
                                                                 measure));
}

static void
style_changed (AtlasTimeline *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  self->colors_valid = FALSE;

  if (self->font == NULL || font == NULL || !pango_font_description_equal (self->font, font))
    {
      g_clear_pointer (&self->font, pango_font_description_free);
      self->font = font ? pango_font_description_copy (font) : NULL;

      /* Label widths measured before are in another font */
      self->font_serial++;
      clear_text_caches (self);
      update_metrics (self);
      remeasure_labels (self);
      update_gutter (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      update_view (self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Reading the model */

/* What the expressions gave for an item: kept per item object */
typedef struct
{
  AtlasItemCacheLink link;
  AtlasTimelineTime  time;
  guint              n_chars;           /* of the label */
  float              measured_width;    /* of the label, in the font of width_serial */
  guint              width_serial;      /* 0 when not measured */
  guint              n_keys;
  guint              keys[];            /* lane keys (layout ids), then the label */
} Entry;

static inline const char *
entry_get_label (const Entry *entry)
{
  return (const char *) (entry->keys + entry->n_keys);
}

static gboolean
evaluate (GtkExpression *expression,
          gpointer       item,
          GValue        *value)
{
  return expression != NULL && gtk_expression_evaluate (expression, item, value);
}

static double
evaluate_double (GtkExpression *expression,
                 gpointer       item,
                 double         fallback)
{
  GValue value = G_VALUE_INIT;
  double result = fallback;

  if (!evaluate (expression, item, &value))
    return fallback;

  switch (G_VALUE_TYPE (&value))
    {
    case G_TYPE_DOUBLE:
      result = g_value_get_double (&value);
      break;
    case G_TYPE_FLOAT:
      result = g_value_get_float (&value);
      break;
    case G_TYPE_INT:
      result = g_value_get_int (&value);
      break;
    case G_TYPE_UINT:
      result = g_value_get_uint (&value);
      break;
    case G_TYPE_INT64:
      result = g_value_get_int64 (&value);
      break;
    default:
      {
        GValue number = G_VALUE_INIT;

        g_value_init (&number, G_TYPE_DOUBLE);
        if (g_value_transform (&value, &number))
          result = g_value_get_double (&number);
        g_value_unset (&number);
      }
      break;
    }

  g_value_unset (&value);
  return result;
}

static gboolean
evaluate_boolean (GtkExpression *expression,
                  gpointer       item)
{
  GValue value = G_VALUE_INIT;
  gboolean result = FALSE;

  if (!evaluate (expression, item, &value))
    return FALSE;

  if (G_VALUE_HOLDS_BOOLEAN (&value))
    result = g_value_get_boolean (&value);
  g_value_unset (&value);
  return result;
}

static void
refresh_selection (AtlasTimeline *self)
{
  g_clear_pointer (&self->selection, gtk_bitset_unref);
  if (self->model != NULL)
    self->selection = gtk_selection_model_get_selection (self->model);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-selection",
                                 self->selection != NULL && !gtk_bitset_is_empty (self->selection));
}

/* Reads an item through the expressions */
static Entry *
read_item (AtlasTimeline *self,
           gpointer       item)
{
  GValue label = G_VALUE_INIT;
  GValue lanes = G_VALUE_INIT;
  const char *label_text = NULL;
  const char * const *lane_keys = NULL;
  const char *lane_key = NULL;
  guint n_lanes = 0;
  gsize label_size;
  Entry *entry;

  if (item != NULL && evaluate (self->label_expression, item, &label) && G_VALUE_HOLDS_STRING (&label))
    label_text = g_value_get_string (&label);
  if (label_text == NULL)
    label_text = "";

  if (item != NULL && evaluate (self->lane_expression, item, &lanes))
    {
      if (G_VALUE_HOLDS (&lanes, G_TYPE_STRV))
        {
          lane_keys = g_value_get_boxed (&lanes);
          n_lanes = lane_keys ? g_strv_length ((char **) lane_keys) : 0;
        }
      else if (G_VALUE_HOLDS_STRING (&lanes))
        {
          lane_key = g_value_get_string (&lanes);
          lane_keys = &lane_key;
          n_lanes = 1;
        }
    }

  label_size = strlen (label_text) + 1;
  entry = g_malloc (sizeof (Entry) + n_lanes * sizeof (guint) + label_size);
  if (item != NULL)
    atlas_timeline_layout_prepare_time (&entry->time,
                                        evaluate_double (self->start_expression, item, NAN),
                                        evaluate_double (self->end_expression, item, -1),
                                        (int) evaluate_double (self->precision_expression, item,
                                                               ATLAS_TIME_PRECISION_DAY),
                                        evaluate_boolean (self->ongoing_expression, item));
  else
    atlas_timeline_layout_prepare_time (&entry->time, NAN, -1, ATLAS_TIME_PRECISION_DAY, FALSE);
  entry->n_chars = g_utf8_strlen (label_text, -1);
  entry->measured_width = 0;
  entry->width_serial = 0;
  entry->n_keys = n_lanes;
  for (guint i = 0; i < n_lanes; i++)
    entry->keys[i] = atlas_timeline_layout_intern_key (self->layout, lane_keys[i]);
  memcpy (entry->keys + n_lanes, label_text, label_size);

  if (G_IS_VALUE (&label))
    g_value_unset (&label);
  if (G_IS_VALUE (&lanes))
    g_value_unset (&lanes);

  return entry;
}

/* How wide an item's label is: measured with Pango when there are few
 * items, estimated from its length when there are many */
static double
get_label_width (AtlasTimeline *self,
                 Entry         *entry,
                 PangoLayout   *measure)
{
  int width;

  if (entry->n_chars == 0)
    return 0;

  if (measure == NULL)
    return ceil (entry->n_chars * self->char_width * 1.15);

  if (entry->width_serial != self->font_serial)
    {
      pango_layout_set_text (measure, entry_get_label (entry), -1);
      pango_layout_get_pixel_size (measure, &width, NULL);
      entry->measured_width = width;
      entry->width_serial = self->font_serial;
    }

  return entry->measured_width;
}

static void
update_items (AtlasTimeline *self,
              guint          position,
              guint          removed,
              guint          added)
{
  GListModel *model = self->model ? G_LIST_MODEL (self->model) : NULL;
  guint n = atlas_timeline_layout_get_n_items (self->layout) - removed + added;
  g_autoptr(PangoLayout) measure = NULL;

  if (n <= MEASURE_LIMIT)
    measure = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  atlas_item_cache_follow (self->cache, model);
  atlas_timeline_layout_begin_update (self->layout, position, removed, added);

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = NULL;
      g_autofree Entry *unkept = NULL;
      Entry *entry = atlas_item_cache_find (self->cache, model, i, &item);

      /* Read once per item object */
      if (entry == NULL)
        {
          entry = read_item (self, item);
          if (item != NULL)
            atlas_item_cache_insert_at (self->cache, i, item, entry);
          else
            unkept = entry;
        }

      atlas_timeline_layout_set_item_with_keys (self->layout, i, &entry->time, entry_get_label (entry),
                                                get_label_width (self, entry, measure),
                                                entry->keys, entry->n_keys);
    }

  atlas_timeline_layout_end_update (self->layout);

  /* Positions moved */
  g_hash_table_remove_all (self->label_layouts);
  self->hover_item = -1;

  /* Lanes are packed by the caller, once it knows the zoom: a new data
   * set is fitted first */
  update_gutter (self);
  refresh_selection (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
reread_items (AtlasTimeline *self)
{
  guint n_old = atlas_timeline_layout_get_n_items (self->layout);
  guint n_new = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  update_items (self, 0, n_old, n_new);
}

/* The view */

/* Where there is something to see: the items and today, with room around */
static void
get_world (AtlasTimeline *self,
           double        *start,
           double        *end)
{
  double first, stop, span;

  if (atlas_timeline_layout_get_extent (self->layout, &first, &stop))
    {
      self->had_items = TRUE;
      self->last_first = first;
      self->last_stop = stop;
    }
  else if (self->had_items)
    {
      first = self->last_first;
      stop = self->last_stop;
    }
  else
    {
      first = self->today - 5 * 365.25;
      stop = self->today + 5 * 365.25;
    }

  first = MIN (first, self->today);
  stop = MAX (stop, self->today + 1);
  span = MAX ((stop - first) * 0.25, 2 * 365.25);

  *start = MAX (first - span, ATLAS_TIME_FIRST_DAY);
  *end = MIN (stop + span, ATLAS_TIME_LAST_DAY + 1);
}

static void
clamp_view (AtlasTimeline *self,
            double        *start,
            double        *end)
{
  Frame frame;
  double world_start, world_end, world_span;
  double span = *end - *start;
  double center = (*start + *end) / 2;

  get_frame (self, &frame);
  get_world (self, &world_start, &world_end);
  world_span = world_end - world_start;

  if (!(span > 0) || !isfinite (span))
    span = world_span;
  span = CLAMP (span, frame.items_width / MAX_PX_PER_DAY, MAX (world_span * 2, 20 * 365.25));

  if (span >= world_span)
    *start = (world_start + world_end - span) / 2;
  else
    *start = CLAMP (center - span / 2, world_start, world_end - span);
  *end = *start + span;
}

static void
configure_adjustments (AtlasTimeline *self)
{
  Frame frame;
  AtlasTimeScale scale;
  double world_start, world_end, content_height;

  if (self->hadjustment == NULL || self->vadjustment == NULL)
    return;

  get_frame (self, &frame);
  get_scale (self, &scale);
  get_world (self, &world_start, &world_end);
  world_start = MIN (world_start, self->visible_start);
  world_end = MAX (world_end, self->visible_end);
  self->world_start = world_start;

  content_height = atlas_timeline_layout_get_height (self->layout);
  self->scroll_y = CLAMP (self->scroll_y, 0, MAX (content_height - frame.items_height, 0));

  self->configuring_adjustments = TRUE;
  gtk_adjustment_configure (self->hadjustment,
                            (self->visible_start - world_start) * scale.px_per_day,
                            0,
                            (world_end - world_start) * scale.px_per_day,
                            frame.items_width / 10,
                            frame.items_width * 0.9,
                            frame.items_width);
  gtk_adjustment_configure (self->vadjustment,
                            self->scroll_y,
                            0,
                            MAX (content_height, frame.items_height),
                            atlas_timeline_layout_get_metrics (self->layout)->row_height * 2,
                            frame.items_height * 0.9,
                            frame.items_height);
  self->configuring_adjustments = FALSE;
}

/* Lays the lanes out at the current zoom and tells the adjustments */
static void
update_view (AtlasTimeline *self)
{
  AtlasTimeScale scale;

  get_scale (self, &scale);
  atlas_timeline_layout_update (self->layout, scale.px_per_day);
  configure_adjustments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_visible (AtlasTimeline *self,
             double         start,
             double         end)
{
  gboolean start_changed, end_changed;

  clamp_view (self, &start, &end);

  start_changed = start != self->visible_start;
  end_changed = end != self->visible_end;
  if (!start_changed && !end_changed)
    return;

  self->visible_start = start;
  self->visible_end = end;
  update_view (self);

  if (start_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_START]);
  if (end_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_END]);
}

static void
set_scroll_y (AtlasTimeline *self,
              double         scroll_y)
{
  Frame frame;
  double max;

  get_frame (self, &frame);
  max = MAX (atlas_timeline_layout_get_height (self->layout) - frame.items_height, 0);
  scroll_y = CLAMP (scroll_y, 0, max);
  if (scroll_y == self->scroll_y)
    return;

  self->scroll_y = scroll_y;
  configure_adjustments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
lanes_overflow (AtlasTimeline *self)
{
  Frame frame;

  get_frame (self, &frame);
  return atlas_timeline_layout_get_height (self->layout) > frame.items_height + 0.5;
}

static void
stop_motion (AtlasTimeline *self)
{
  if (self->kinetic_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_tick);
  self->kinetic_tick = 0;
  if (self->animation_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->animation_tick);
  self->animation_tick = 0;
}

static gboolean
animations_enabled (AtlasTimeline *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

static double
ease_out_cubic (double t)
{
  double p = t - 1;

  return p * p * p + 1;
}

static gboolean
animation_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double t = CLAMP ((double) (now - self->animation_begin) / ANIMATION_USEC, 0, 1);
  double e = ease_out_cubic (t);
  double from_span = self->animation_from_end - self->animation_from_start;
  double to_span = self->animation_to_end - self->animation_to_start;
  double from_center = (self->animation_from_start + self->animation_from_end) / 2;
  double to_center = (self->animation_to_start + self->animation_to_end) / 2;
  double span = exp (log (from_span) + (log (to_span) - log (from_span)) * e);
  double center = from_center + (to_center - from_center) * e;

  if (t >= 1)
    {
      self->animation_tick = 0;
      set_visible (self, self->animation_to_start, self->animation_to_end);
      return G_SOURCE_REMOVE;
    }

  set_visible (self, center - span / 2, center + span / 2);
  return G_SOURCE_CONTINUE;
}

/* Moves the view to [start, end], smoothly when animations are on */
static void
animate_to (AtlasTimeline *self,
            double         start,
            double         end)
{
  stop_motion (self);
  clamp_view (self, &start, &end);

  if (!animations_enabled (self))
    {
      set_visible (self, start, end);
      return;
    }

  self->animation_from_start = self->visible_start;
  self->animation_from_end = self->visible_end;
  self->animation_to_start = start;
  self->animation_to_end = end;
  self->animation_begin = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->animation_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick_cb, NULL, NULL);
}

/* Zooms by @factor, keeping the day under @x (widget coordinates) where
 * it is */
static void
zoom_at (AtlasTimeline *self,
         double         factor,
         double         x,
         gboolean       animate)
{
  Frame frame;
  AtlasTimeScale scale;
  double day, fraction, span;

  get_frame (self, &frame);
  get_scale (self, &scale);

  x = CLAMP (x - frame.gutter, 0, frame.items_width);
  fraction = x / frame.items_width;
  day = atlas_time_scale_to_day (&scale, x);
  span = (self->visible_end - self->visible_start) / factor;

  if (animate)
    {
      /* Animated zooms keep the centre: around the pointer when the
       * pointer is over the items */
      double start = day - fraction * span;

      animate_to (self, start, start + span);
    }
  else
    {
      set_visible (self, day - fraction * span, day - fraction * span + span);
    }
}

static double
zoom_anchor (AtlasTimeline *self)
{
  Frame frame;

  get_frame (self, &frame);
  if (self->pointer_inside && self->pointer_x >= frame.gutter && self->pointer_y >= frame.axis)
    return self->pointer_x;
  return frame.gutter + frame.items_width / 2;
}

static void
pan_by (AtlasTimeline *self,
        double         dx,
        double         dy)
{
  AtlasTimeScale scale;

  get_scale (self, &scale);
  if (dx != 0)
    set_visible (self, self->visible_start + dx / scale.px_per_day, self->visible_end + dx / scale.px_per_day);
  if (dy != 0)
    set_scroll_y (self, self->scroll_y + dy);
}

static gboolean
kinetic_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double dt = (now - self->kinetic_time) / (double) G_USEC_PER_SEC;
  double decay = exp (-dt / KINETIC_DECAY);
  double old_start = self->visible_start, old_scroll = self->scroll_y;

  self->kinetic_time = now;
  pan_by (self, self->kinetic_vx * dt, self->kinetic_vy * dt);

  /* At an edge, stop that way */
  if (self->visible_start == old_start)
    self->kinetic_vx = 0;
  if (self->scroll_y == old_scroll)
    self->kinetic_vy = 0;

  self->kinetic_vx *= decay;
  self->kinetic_vy *= decay;

  if (hypot (self->kinetic_vx, self->kinetic_vy) < KINETIC_MIN_SPEED)
    {
      self->kinetic_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_kinetic (AtlasTimeline *self,
               double         vx,
               double         vy)
{
  stop_motion (self);

  if (!animations_enabled (self) || hypot (vx, vy) < KINETIC_MIN_SPEED)
    return;

  self->kinetic_vx = vx;
  self->kinetic_vy = vy;
  self->kinetic_time = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->kinetic_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick_cb, NULL, NULL);
}

/* Items in view */

static guint
get_selected_item (AtlasTimeline *self)
{
  if (self->selection == NULL || gtk_bitset_is_empty (self->selection))
    return GTK_INVALID_LIST_POSITION;
  return gtk_bitset_get_minimum (self->selection);
}

/* The lane to show an item in: the one keyboard navigation is in, if
 * the item is there; otherwise its first */
static gboolean
find_entry (AtlasTimeline *self,
            guint          item,
            guint         *lane,
            guint         *entry)
{
  const guint16 *lanes;
  guint n_lanes;

  if (item >= atlas_timeline_layout_get_n_items (self->layout))
    return FALSE;

  lanes = atlas_timeline_layout_get_item_lanes (self->layout, item, &n_lanes);
  if (n_lanes == 0)
    return FALSE;

  *lane = lanes[0];
  for (guint i = 0; i < n_lanes; i++)
    if (lanes[i] == self->focus_lane)
      *lane = lanes[i];

  *entry = atlas_timeline_layout_find_entry (self->layout, *lane, item);
  return *entry != G_MAXUINT;
}

/* Scrolls as little as it takes to show an item, its label included */
static void
scroll_to_item (AtlasTimeline *self,
                guint          item,
                gboolean       animate)
{
  const AtlasTimelineMetrics *metrics = atlas_timeline_layout_get_metrics (self->layout);
  AtlasTimelineGeometry geometry;
  AtlasTimeScale scale;
  Frame frame;
  guint lane, entry;
  double x0, x1, margin, dx = 0, y0, y1;

  if (!find_entry (self, item, &lane, &entry))
    return;

  get_frame (self, &frame);
  get_scale (self, &scale);
  atlas_timeline_layout_get_geometry (self->layout, lane, entry, &scale, &geometry);

  x0 = geometry.x0;
  x1 = geometry.label_shown ? MAX (geometry.x1, geometry.label_x + geometry.label_width) : geometry.x1;
  margin = MIN (frame.items_width * 0.1, 48);

  if (x1 - x0 > frame.items_width - 2 * margin || x0 < margin)
    dx = x0 - margin;
  else if (x1 > frame.items_width - margin)
    dx = x1 - (frame.items_width - margin);

  if (dx != 0)
    {
      double start = self->visible_start + dx / scale.px_per_day;
      double end = self->visible_end + dx / scale.px_per_day;

      if (animate)
        animate_to (self, start, end);
      else
        set_visible (self, start, end);
    }

  /* Vertically: the item's row, or its whole lane when dense */
  y0 = geometry.y;
  y1 = geometry.row >= 0 ? geometry.y + metrics->row_height
                         : atlas_timeline_layout_get_lane_y (self->layout, lane) +
                           atlas_timeline_layout_get_lane_height (self->layout, lane);
  if (y0 < self->scroll_y)
    set_scroll_y (self, y0 - metrics->lane_padding);
  else if (y1 > self->scroll_y + frame.items_height)
    set_scroll_y (self, y1 - frame.items_height + metrics->lane_padding);
}

static void
unselect_all (AtlasTimeline *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint item;

  if (self->model == NULL || self->selection == NULL || gtk_bitset_is_empty (self->selection))
    return;

  if (gtk_selection_model_unselect_all (self->model))
    return;

  /* GtkSingleSelection only unselects item by item */
  selected = gtk_bitset_copy (self->selection);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &item);
       more; more = gtk_bitset_iter_next (&iter, &item))
    gtk_selection_model_unselect_item (self->model, item);
}

static void
select_item (AtlasTimeline *self,
             guint          item,
             guint          lane)
{
  if (self->model == NULL)
    return;

  self->focus_lane = lane;
  gtk_selection_model_select_item (self->model, item, TRUE);
  scroll_to_item (self, item, TRUE);
}

/* Drawing */

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

/* A filled rounded rectangle as one node: a border as thick as the
 * shape is deep */
static void
append_rounded (GtkSnapshot   *snapshot,
                const GdkRGBA *color,
                double         x,
                double         y,
                double         width,
                double         height,
                double         radius)
{
  GskRoundedRect outline;
  float widths[4] = { height / 2, width / 2, height / 2, width / 2 };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  radius = MIN (radius, MIN (width, height) / 2);
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, y, width, height), radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
append_outline (GtkSnapshot   *snapshot,
                const GdkRGBA *color,
                double         x,
                double         y,
                double         width,
                double         height,
                double         radius,
                double         line_width)
{
  GskRoundedRect outline;
  float widths[4] = { line_width, line_width, line_width, line_width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  radius = MIN (radius, MIN (width, height) / 2);
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, y, width, height), radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const GdkRGBA *color,
             double         x,
             double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static gboolean
is_selected (AtlasTimeline *self,
             guint          item)
{
  return self->selection != NULL && gtk_bitset_contains (self->selection, item);
}

/* One item, in content coordinates of the items area.  Marks are solid;
 * bars and periods are tinted, with their label inside, running on past
 * their end when longer: a bar known to the day starts with a solid
 * edge, a period known only to the month or year is outlined, and a bar
 * still going on fades toward today. */
static void
draw_item (AtlasTimeline               *self,
           GtkSnapshot                 *snapshot,
           const AtlasTimelineGeometry *g,
           const GdkRGBA               *lane_rgba,
           double                       items_width)
{
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (self->layout);
  gboolean selected = is_selected (self, g->item);
  gboolean hovered = !self->hide_hover && (int) g->item == self->hover_item && g->lane == self->hover_lane;
  const GdkRGBA *color = selected ? &self->colors[COLOR_SELECTION] : lane_rgba;
  GdkRGBA tint = with_alpha (color, 0.42);
  GdkRGBA faint = with_alpha (color, 0.18);
  double h = m->mark_size;
  double cy = g->y + m->row_height / 2;
  double top = round (cy - h / 2);
  double x0, x1;

  /* Only what is in view: zoomed in, a bar can be millions of pixels
   * long, more than cairo's coordinates hold */
  x0 = MAX (g->x0, -2 * h);
  x1 = MIN (g->x1, items_width + 2 * h);

  if (x1 > x0)
    {
      switch (g->shape)
        {
        case ATLAS_TIMELINE_SHAPE_DOT:
          append_rounded (snapshot, color, x0, top, h, h, h / 2);
          break;

        case ATLAS_TIMELINE_SHAPE_PERIOD:
          append_rounded (snapshot, &faint, x0, top, x1 - x0, h, h / 2);
          append_outline (snapshot, color, x0, top, x1 - x0, h, h / 2, 1.5);
          break;

        case ATLAS_TIMELINE_SHAPE_BAR:
        case ATLAS_TIMELINE_SHAPE_ONGOING:
          {
            GskRoundedRect clip;
            double solid = CLAMP (g->solid_x0, x0, x1);
            double fade = g->shape == ATLAS_TIMELINE_SHAPE_ONGOING ? CLAMP (g->fade_x0, x0, x1) : x1;

            gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (x0, top, x1 - x0, h), h / 2);
            gtk_snapshot_push_rounded_clip (snapshot, &clip);

            /* A start known only to the month or year: fainter */
            if (solid > x0)
              append_rect (snapshot, &faint, x0, top, solid - x0, h);
            if (fade > solid)
              append_rect (snapshot, &tint, solid, top, fade - solid, h);

            /* Still going on: fading toward today, the gradient only over
             * what is in view */
            if (x1 > fade)
              {
                double width = MAX (g->x1 - g->fade_x0, 1);
                GskColorStop stops[2] = {
                  { 0, with_alpha (&tint, 1 - 0.9 * (fade - g->fade_x0) / width) },
                  { 1, with_alpha (&tint, 1 - 0.9 * (x1 - g->fade_x0) / width) },
                };

                gtk_snapshot_append_linear_gradient (snapshot,
                                                     &GRAPHENE_RECT_INIT (fade, top, x1 - fade, h),
                                                     &GRAPHENE_POINT_INIT (fade, 0),
                                                     &GRAPHENE_POINT_INIT (x1, 0),
                                                     stops, G_N_ELEMENTS (stops));
              }

            /* Known to the day: a solid edge where it starts */
            if (g->solid_x0 == g->x0 && g->x0 >= x0)
              append_rect (snapshot, color, x0, top, MIN (3, x1 - x0), h);

            gtk_snapshot_pop (snapshot);
          }
          break;

        default:
          break;
        }

      if (selected || hovered)
        {
          GdkRGBA ring = selected ? self->colors[COLOR_SELECTION] : with_alpha (&self->fg, 0.3);
          double grow = selected ? 2.5 : 2;
          double line = selected && gtk_widget_has_visible_focus (GTK_WIDGET (self)) ? 2.5 : 1.5;

          append_outline (snapshot, &ring, x0 - grow, top - grow, x1 - x0 + 2 * grow, h + 2 * grow,
                          h / 2 + grow, line);
        }
    }

  if (g->label_shown)
    {
      double label_x = g->label_x;
      double width = g->label_width;
      double right = items_width - m->label_padding;
      PangoLayout *layout;
      int text_height;

      if (g->label_x < g->x1)
        {
          /* Labels that start inside a bar stay in view at the left
           * while the bar goes on: whole inside a long bar, or else
           * what of them fits in the room they have ... */
          if (g->label_inside && label_x < m->label_padding)
            {
              /* As the bar's end comes near, the label is ellipsized in
               * what is left of it rather than pushed out */
              label_x = m->label_padding;
              width = MIN (width, g->x1 - m->label_padding - label_x);
            }
          else if (label_x < m->label_padding)
            {
              width -= m->label_padding - label_x;
              label_x = m->label_padding;
            }

          /* ... and at the right edge slide back over their bar */
          if (label_x + width > right)
            label_x = MAX (g->x0 + m->label_padding, right - width);
        }
      else if (g->x1 < 0)
        {
          /* Beside a mark out of view: a label alone would puzzle */
          return;
        }

      /* What still runs off the right edge is ellipsized there */
      if (label_x + width > right)
        width = right - label_x;
      if (width < 3 * self->char_width || label_x >= items_width || label_x + width <= 0)
        return;

      layout = get_label_layout (self, g->item, width);
      pango_layout_get_pixel_size (layout, NULL, &text_height);
      append_text (snapshot, layout, &self->fg, label_x, cy - text_height / 2.0);
    }
}

static void
draw_badge (AtlasTimeline *self,
            GtkSnapshot   *snapshot,
            guint          count,
            const GdkRGBA *lane_rgba,
            double         x,
            double         y)
{
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (self->layout);
  g_autofree char *text = g_strdup_printf ("+%'u", count);
  PangoLayout *layout = get_text_layout (self, text, TEXT_SMALL, -1);
  GdkRGBA background = with_alpha (lane_rgba, 0.22);
  int width, height;
  double h = m->row_height - 6;

  pango_layout_get_pixel_size (layout, &width, &height);
  append_rounded (snapshot, &background, x, y + 3, width + 12, h, h / 2);
  append_text (snapshot, layout, &self->fg, x + 6, y + 3 + (h - height) / 2);
}

static void
draw_dense_lane (AtlasTimeline        *self,
                 GtkSnapshot          *snapshot,
                 guint                 lane,
                 const AtlasTimeScale *scale,
                 const GdkRGBA        *lane_rgba,
                 double                items_width)
{
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (self->layout);
  guint n_buckets = ceil (items_width / DENSITY_BUCKET);
  g_autofree guint *counts = g_new (guint, n_buckets);
  double top = atlas_timeline_layout_get_lane_y (self->layout, lane) + m->lane_padding;
  double bottom = top + m->dense_height;
  GdkRGBA strip = with_alpha (lane_rgba, 0.1);
  GdkRGBA bar = with_alpha (lane_rgba, 0.85);
  guint max = 0;
  double scale_max, first_day, stop_day, strip_x0, strip_x1;

  atlas_timeline_layout_count_buckets (self->layout, lane, scale, 0, DENSITY_BUCKET, counts, n_buckets);
  for (guint b = 0; b < n_buckets; b++)
    max = MAX (max, counts[b]);
  if (max == 0)
    return;
  scale_max = max;

  /* A faint strip over the lane's years says "many items here" */
  atlas_timeline_layout_get_lane_extent (self->layout, lane, &first_day, &stop_day);
  strip_x0 = MAX (atlas_time_scale_to_x (scale, first_day), -8);
  strip_x1 = MIN (atlas_time_scale_to_x (scale, stop_day), items_width + 8);
  if (strip_x1 > strip_x0)
    append_rounded (snapshot, &strip, strip_x0, top, strip_x1 - strip_x0, m->dense_height, 4);

  /* A histogram: columns as tall as the square root of their count,
   * apart, so that it reads as counts and not as one long bar */
  for (guint b = 0; b < n_buckets; b++)
    {
      double height;

      if (counts[b] == 0)
        continue;

      height = round (m->dense_height * (0.1 + 0.9 * sqrt (counts[b] / scale_max)));
      append_rect (snapshot, &bar, b * DENSITY_BUCKET, bottom - height, DENSITY_BUCKET - 1, height);
    }
}

/* Marks where selected items are in dense lanes */
static void
draw_dense_selection (AtlasTimeline        *self,
                      GtkSnapshot          *snapshot,
                      const AtlasTimeScale *scale,
                      double                items_width)
{
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (self->layout);
  GtkBitsetIter iter;
  guint item;
  guint n_drawn = 0;

  if (self->selection == NULL)
    return;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, self->selection, &item);
       more && n_drawn < 1000; more = gtk_bitset_iter_next (&iter, &item), n_drawn++)
    {
      const guint16 *lanes;
      guint n_lanes;
      double x;

      if (item >= atlas_timeline_layout_get_n_items (self->layout))
        break;

      x = atlas_time_scale_to_x (scale, atlas_timeline_layout_get_item_start (self->layout, item));
      if (x < -m->mark_size || x > items_width + m->mark_size)
        continue;

      lanes = atlas_timeline_layout_get_item_lanes (self->layout, item, &n_lanes);
      for (guint i = 0; i < n_lanes; i++)
        {
          double top;

          if (!atlas_timeline_layout_get_lane_dense (self->layout, lanes[i]))
            continue;

          top = atlas_timeline_layout_get_lane_y (self->layout, lanes[i]) + m->lane_padding;
          append_rect (snapshot, &self->colors[COLOR_SELECTION], round (x) - 1, top, 2, m->dense_height);
          append_rounded (snapshot, &self->colors[COLOR_SELECTION],
                          x - m->mark_size / 2, top - m->mark_size / 2 + 2,
                          m->mark_size, m->mark_size, m->mark_size / 2);
        }
    }
}

static void
draw_lane (AtlasTimeline        *self,
           GtkSnapshot          *snapshot,
           guint                 lane,
           const AtlasTimeScale *scale,
           const Frame          *frame)
{
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (self->layout);
  const GdkRGBA *rgba = lane_color (self, lane);
  AtlasTimelineLaneIter iter;
  double view_top = self->scroll_y, view_bottom = self->scroll_y + frame->items_height;
  guint entry;

  if (atlas_timeline_layout_get_lane_dense (self->layout, lane))
    {
      draw_dense_lane (self, snapshot, lane, scale, rgba, frame->items_width);
      return;
    }

  atlas_timeline_lane_iter_init (&iter, self->layout, lane,
                                 atlas_time_scale_to_day (scale, 0),
                                 atlas_time_scale_to_day (scale, frame->items_width));
  while (atlas_timeline_lane_iter_next (&iter, &entry))
    {
      AtlasTimelineGeometry geometry;

      atlas_timeline_layout_get_geometry (self->layout, lane, entry, scale, &geometry);
      if (geometry.row < 0)
        continue;
      if (geometry.y + m->row_height < view_top || geometry.y > view_bottom)
        continue;
      if (geometry.x0 > frame->items_width ||
          (geometry.x1 < 0 && (!geometry.label_shown || geometry.label_x + geometry.label_width < 0)))
        continue;

      draw_item (self, snapshot, &geometry, rgba, frame->items_width);
    }

  /* What did not fit in the rows: counted in badges */
  if (atlas_timeline_layout_get_lane_overflows (self->layout, lane))
    {
      double y = atlas_timeline_layout_get_overflow_y (self->layout, lane);
      gint64 first = atlas_timeline_layout_get_badge (self->layout, atlas_time_scale_to_day (scale, -m->badge_width));
      gint64 last = atlas_timeline_layout_get_badge (self->layout, atlas_time_scale_to_day (scale, frame->items_width));

      if (y + m->row_height < view_top || y > view_bottom)
        return;

      for (gint64 badge = first; badge <= last; badge++)
        {
          guint count = atlas_timeline_layout_count_overflow (self->layout, lane, badge, NULL);
          double first_day, stop_day;

          if (count == 0)
            continue;

          atlas_timeline_layout_get_badge_days (self->layout, badge, &first_day, &stop_day);
          draw_badge (self, snapshot, count, rgba, atlas_time_scale_to_x (scale, first_day), y);
        }
    }
}

static void
ensure_axis (AtlasTimeline        *self,
             const AtlasTimeScale *scale,
             double                width)
{
  if (self->axis != NULL &&
      self->axis_scale.origin == scale->origin &&
      self->axis_scale.px_per_day == scale->px_per_day &&
      self->axis_width == width)
    return;

  g_clear_pointer (&self->axis, atlas_time_axis_free);
  self->axis = atlas_time_axis_new (scale, width, LABEL_GAP, measure_text, self);
  self->axis_scale = *scale;
  self->axis_width = width;
}

static void
draw_grid (AtlasTimeline *self,
           GtkSnapshot   *snapshot,
           const Frame   *frame)
{
  for (guint i = 0; i < self->axis->ticks->len; i++)
    {
      AtlasTimeTick *tick = &g_array_index (self->axis->ticks, AtlasTimeTick, i);

      if (tick->x >= 0 && tick->x < frame->items_width)
        append_rect (snapshot, &self->colors[COLOR_GRID], frame->gutter + round (tick->x), frame->axis,
                     1, frame->items_height);
    }
  for (guint i = 0; i < self->axis->context_ticks->len; i++)
    {
      AtlasTimeTick *tick = &g_array_index (self->axis->context_ticks, AtlasTimeTick, i);

      if (tick->x >= 0 && tick->x < frame->items_width)
        append_rect (snapshot, &self->colors[COLOR_GRID_MAJOR], frame->gutter + round (tick->x), frame->axis,
                     1, frame->items_height);
    }
}

static void
draw_axis (AtlasTimeline        *self,
           GtkSnapshot          *snapshot,
           const AtlasTimeScale *scale,
           const Frame          *frame)
{
  double row = (frame->axis - 1) / 2;
  double today_x;

  append_rect (snapshot, &self->colors[COLOR_AXIS], 0, 0, frame->width, frame->axis);
  append_rect (snapshot, &self->colors[COLOR_RULE], 0, frame->axis - 1, frame->width, 1);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (frame->gutter, 0, frame->items_width, frame->axis));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (frame->gutter, 0));

  /* The context (the year above its months): ticks across both rows */
  for (guint i = 0; i < self->axis->context_ticks->len; i++)
    {
      AtlasTimeTick *tick = &g_array_index (self->axis->context_ticks, AtlasTimeTick, i);

      if (tick->x >= 0)
        append_rect (snapshot, &self->colors[COLOR_GRID_MAJOR], round (tick->x), 0, 1, frame->axis);
      if (tick->label != NULL)
        append_text (snapshot, get_text_layout (self, tick->label, TEXT_BOLD, -1), &self->fg,
                     tick->label_x, (row - self->text_height) / 2);
    }

  for (guint i = 0; i < self->axis->ticks->len; i++)
    {
      AtlasTimeTick *tick = &g_array_index (self->axis->ticks, AtlasTimeTick, i);

      append_rect (snapshot, &self->colors[COLOR_GRID_MAJOR], round (tick->x), row + 4, 1, row - 4);
      if (tick->label != NULL)
        append_text (snapshot, get_text_layout (self, tick->label, TEXT_NORMAL, -1), &self->colors[COLOR_DIM],
                     tick->label_x, row + (row - self->text_height) / 2);
    }

  /* The brush, along the bottom of the axis */
  if (self->has_brush)
    {
      double x0 = atlas_time_scale_to_x (scale, self->brush_start);
      double x1 = atlas_time_scale_to_x (scale, self->brush_end);

      append_rect (snapshot, &self->colors[COLOR_SELECTION], x0, frame->axis - 4, MAX (x1 - x0, 2), 3);
    }

  /* Today */
  today_x = round (atlas_time_scale_to_x (scale, self->today + 0.5));
  if (today_x >= 0 && today_x <= frame->items_width)
    {
      append_rounded (snapshot, &self->colors[COLOR_TODAY], today_x - 4, frame->axis - 9, 8, 8, 4);
      append_rect (snapshot, &self->colors[COLOR_TODAY], today_x - 1, frame->axis - 5, 2, 5);
    }

  gtk_snapshot_pop (snapshot);
}

static void
draw_gutter (AtlasTimeline *self,
             GtkSnapshot   *snapshot,
             const Frame   *frame)
{
  const AtlasTimelineMetrics *m = atlas_timeline_layout_get_metrics (self->layout);
  guint n_lanes = atlas_timeline_layout_get_n_lanes (self->layout);
  int max_width = frame->gutter - GUTTER_INDENT - GUTTER_PADDING;

  if (frame->gutter <= 0)
    return;

  append_rect (snapshot, &self->colors[COLOR_AXIS], 0, frame->axis, frame->gutter, frame->items_height);
  append_rect (snapshot, &self->colors[COLOR_RULE], frame->gutter - 1, frame->axis, 1, frame->items_height);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, frame->axis, frame->gutter - 1, frame->items_height));

  for (guint l = 0; l < n_lanes; l++)
    {
      double lane_top = atlas_timeline_layout_get_lane_y (self->layout, l) - self->scroll_y + frame->axis;
      double lane_bottom = lane_top + atlas_timeline_layout_get_lane_height (self->layout, l);
      const char *key = atlas_timeline_layout_get_lane_key (self->layout, l);
      guint n = atlas_timeline_layout_get_lane_n_entries (self->layout, l);
      g_autofree char *count = NULL;
      PangoLayout *name, *count_layout;
      int name_height, count_height;
      double y, swatch_width = 4;

      if (lane_bottom < frame->axis || lane_top > frame->height)
        continue;

      name = get_text_layout (self, *key ? key : "—", TEXT_BOLD, max_width);
      count = format_count (n);
      count_layout = get_text_layout (self, count, TEXT_SMALL, max_width);
      pango_layout_get_pixel_size (name, NULL, &name_height);
      pango_layout_get_pixel_size (count_layout, NULL, &count_height);

      /* A long name (in Russian, say) on two lines where the lane has
       * room for them and the count */
      if (pango_layout_is_ellipsized (name) &&
          lane_bottom - lane_top - 2 * m->lane_padding >= 2 * name_height + count_height)
        {
          name = get_text_layout (self, key, TEXT_BOLD_TWO_LINES, max_width);
          pango_layout_get_pixel_size (name, NULL, &name_height);
        }

      /* The label stays in view while its lane is */
      y = MAX (lane_top + m->lane_padding, frame->axis + m->lane_padding);
      y = MIN (y, lane_bottom - name_height - m->lane_padding);
      y = MAX (y, lane_top);

      /* The lane's colour, along the lane */
      append_rounded (snapshot, lane_color (self, l), GUTTER_INDENT - swatch_width - 6,
                      lane_top + m->lane_padding, swatch_width,
                      lane_bottom - lane_top - 2 * m->lane_padding, swatch_width / 2);
      append_text (snapshot, name, &self->fg, GUTTER_INDENT, y);
      if (y + name_height + count_height <= lane_bottom - 2)
        append_text (snapshot, count_layout, &self->colors[COLOR_DIM], GUTTER_INDENT, y + name_height);
    }

  gtk_snapshot_pop (snapshot);
}

static void
atlas_timeline_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);
  guint n_lanes = atlas_timeline_layout_get_n_lanes (self->layout);
  AtlasTimeScale scale;
  Frame frame;
  double today_x;

  get_frame (self, &frame);
  if (frame.width <= 0 || frame.height <= 0)
    return;

  ensure_colors (self);
  get_scale (self, &scale);
  atlas_timeline_layout_update (self->layout, scale.px_per_day);
  ensure_axis (self, &scale, frame.items_width);

  /* Lanes: alternate bands */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, frame.axis, frame.width, frame.items_height));
  for (guint l = 1; l < n_lanes; l += 2)
    {
      double top = atlas_timeline_layout_get_lane_y (self->layout, l) - self->scroll_y + frame.axis;
      double height = atlas_timeline_layout_get_lane_height (self->layout, l);

      if (top + height >= frame.axis && top <= frame.height)
        append_rect (snapshot, &self->colors[COLOR_BAND], 0, top, frame.width, height);
    }

  draw_grid (self, snapshot, &frame);

  /* The brush */
  if (self->has_brush)
    {
      double x0 = MAX (atlas_time_scale_to_x (&scale, self->brush_start), -1);
      double x1 = MIN (atlas_time_scale_to_x (&scale, self->brush_end), frame.items_width + 1);

      if (x1 > x0)
        {
          append_rect (snapshot, &self->colors[COLOR_BRUSH], frame.gutter + x0, frame.axis, x1 - x0, frame.items_height);
          append_rect (snapshot, &self->colors[COLOR_SELECTION], frame.gutter + x0, frame.axis, 1, frame.items_height);
          append_rect (snapshot, &self->colors[COLOR_SELECTION], frame.gutter + x1 - 1, frame.axis, 1, frame.items_height);
        }
    }

  /* Today */
  today_x = round (atlas_time_scale_to_x (&scale, self->today + 0.5));
  if (today_x >= 0 && today_x <= frame.items_width)
    append_rect (snapshot, &self->colors[COLOR_TODAY], frame.gutter + today_x - 1, frame.axis, 2, frame.items_height);

  /* The items */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (frame.gutter, frame.axis, frame.items_width, frame.items_height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (frame.gutter, frame.axis - self->scroll_y));
  for (guint l = 0; l < n_lanes; l++)
    {
      double top = atlas_timeline_layout_get_lane_y (self->layout, l);

      if (top > self->scroll_y + frame.items_height)
        break;
      if (top + atlas_timeline_layout_get_lane_height (self->layout, l) < self->scroll_y)
        continue;

      draw_lane (self, snapshot, l, &scale, &frame);
    }
  draw_dense_selection (self, snapshot, &scale, frame.items_width);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_pop (snapshot);

  draw_gutter (self, snapshot, &frame);
  draw_axis (self, snapshot, &scale, &frame);
}

/* Input */

/* Widget coordinates to the scale and the content */
static gboolean
pick (AtlasTimeline    *self,
      double            x,
      double            y,
      AtlasTimelineHit *hit)
{
  AtlasTimeScale scale;
  Frame frame;

  get_frame (self, &frame);
  if (x < frame.gutter || y < frame.axis)
    return FALSE;

  get_scale (self, &scale);
  return atlas_timeline_layout_pick (self->layout, &scale, x - frame.gutter,
                                     y - frame.axis + self->scroll_y, hit);
}

static void
update_hover (AtlasTimeline *self)
{
  AtlasTimelineHit hit;
  int item = -1;
  guint lane = 0;

  if (self->pointer_inside && !self->panning && !self->brushing &&
      pick (self, self->pointer_x, self->pointer_y, &hit))
    {
      item = hit.item;
      lane = hit.lane;
    }

  if (item != self->hover_item || lane != self->hover_lane)
    {
      self->hover_item = item;
      self->hover_lane = lane;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
motion_cb (AtlasTimeline            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

static void
leave_cb (AtlasTimeline            *self,
          GtkEventControllerMotion *motion)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

static void
pressed_cb (AtlasTimeline   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *click)
{
  stop_motion (self);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
released_cb (AtlasTimeline   *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *click)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (click));
  AtlasTimelineHit hit;

  if (self->drag_moved || (state & GDK_SHIFT_MASK) || self->model == NULL)
    return;

  if (!pick (self, x, y, &hit))
    {
      if (n_press == 1)
        unselect_all (self);
      return;
    }

  if (hit.item < 0)
    {
      /* An aggregate: zoom into it */
      double span = MAX (hit.last_day - hit.first_day, 1);

      animate_to (self, hit.first_day - span, hit.last_day + span);
      return;
    }

  self->focus_lane = hit.lane;
  if (n_press == 1)
    gtk_selection_model_select_item (self->model, hit.item, TRUE);
  else if (n_press == 2)
    atlas_timeline_zoom_to_selection (self);
}

static void
drag_begin_cb (AtlasTimeline  *self,
               double          x,
               double          y,
               GtkGestureDrag *drag)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (drag));
  AtlasTimeScale scale;
  Frame frame;

  stop_motion (self);
  get_frame (self, &frame);
  get_scale (self, &scale);

  self->drag_moved = FALSE;
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_start_day = self->visible_start;
  self->drag_px_per_day = scale.px_per_day;
  self->drag_scroll_y = self->scroll_y;
  self->velocity_x = self->velocity_y = 0;
  self->last_drag_x = x;
  self->last_drag_y = y;
  self->last_drag_time = g_get_monotonic_time ();

  self->brushing = (state & GDK_SHIFT_MASK) != 0 && x >= frame.gutter;
  self->panning = FALSE;
  if (self->brushing)
    self->brush_anchor = atlas_time_scale_to_day (&scale, x - frame.gutter);
}

static void
drag_update_cb (AtlasTimeline  *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *drag)
{
  gint64 now = g_get_monotonic_time ();
  double x = self->drag_start_x + offset_x;
  double y = self->drag_start_y + offset_y;
  double dt = (now - self->last_drag_time) / (double) G_USEC_PER_SEC;

  if (!self->drag_moved)
    {
      int threshold = 8;

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold, NULL);
      if (hypot (offset_x, offset_y) < threshold)
        return;

      self->drag_moved = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_CLAIMED);
      if (!self->brushing)
        {
          self->panning = TRUE;
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
        }
      update_hover (self);
    }

  if (self->brushing)
    {
      AtlasTimeScale scale;
      Frame frame;
      double day;

      get_frame (self, &frame);
      get_scale (self, &scale);
      day = atlas_time_scale_to_day (&scale, CLAMP (x - frame.gutter, 0, frame.items_width));
      atlas_timeline_set_brush (self, MIN (day, self->brush_anchor), MAX (day, self->brush_anchor));
      return;
    }

  set_visible (self,
               self->drag_start_day - offset_x / self->drag_px_per_day,
               self->drag_start_day - offset_x / self->drag_px_per_day +
               (self->visible_end - self->visible_start));
  set_scroll_y (self, self->drag_scroll_y - offset_y);

  /* The speed of the last moments, for the fling */
  if (dt > 0.001)
    {
      double weight = MIN (dt / 0.05, 1);

      self->velocity_x += ((self->last_drag_x - x) / dt - self->velocity_x) * weight;
      self->velocity_y += ((self->last_drag_y - y) / dt - self->velocity_y) * weight;
      self->last_drag_x = x;
      self->last_drag_y = y;
      self->last_drag_time = now;
    }
}

static void
drag_end_cb (AtlasTimeline  *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *drag)
{
  gboolean was_panning = self->panning;

  /* A still pointer at the end means no fling */
  if (g_get_monotonic_time () - self->last_drag_time > 80 * G_TIME_SPAN_MILLISECOND)
    self->velocity_x = self->velocity_y = 0;

  self->panning = FALSE;
  self->brushing = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);

  if (was_panning)
    start_kinetic (self, self->velocity_x, lanes_overflow (self) ? self->velocity_y : 0);

  /* A shift-click clears the brush */
  if (!self->drag_moved)
    {
      GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (drag));

      if (state & GDK_SHIFT_MASK)
        atlas_timeline_clear_brush (self);
    }
}

static gboolean
scroll_cb (AtlasTimeline            *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean wheel = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL;
  Frame frame;

  stop_motion (self);
  get_frame (self, &frame);

  if (state & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (1.25, -dy) : exp (-dy * 0.01);

      zoom_at (self, factor, self->pointer_inside ? self->pointer_x : frame.gutter + frame.items_width / 2, FALSE);
      self->scroll_pans = FALSE;
      return TRUE;
    }

  if (state & GDK_SHIFT_MASK)
    {
      double swap = dx;

      dx = dy;
      dy = swap;
    }

  if (wheel)
    {
      dx *= frame.items_width / 10;
      dy *= atlas_timeline_layout_get_metrics (self->layout)->row_height * 3;
    }

  /* Scrolling moves the lanes, or time when the lanes all fit */
  if (!lanes_overflow (self))
    {
      dx += dy;
      dy = 0;
    }

  pan_by (self, dx, dy);
  self->scroll_pans = TRUE;
  return TRUE;
}

static void
decelerate_cb (AtlasTimeline            *self,
               double                    vx,
               double                    vy,
               GtkEventControllerScroll *scroll)
{
  if (!self->scroll_pans)
    return;

  if (!lanes_overflow (self))
    {
      vx += vy;
      vy = 0;
    }
  start_kinetic (self, vx, vy);
}

static void
pinch_begin_cb (AtlasTimeline *self,
                GdkEventSequence *sequence,
                GtkGesture    *gesture)
{
  AtlasTimeScale scale;
  Frame frame;
  double x, y;

  stop_motion (self);
  get_frame (self, &frame);
  get_scale (self, &scale);
  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    x = frame.gutter + frame.items_width / 2;

  x = CLAMP (x - frame.gutter, 0, frame.items_width);
  self->pinch_span = self->visible_end - self->visible_start;
  self->pinch_fraction = x / frame.items_width;
  self->pinch_day = atlas_time_scale_to_day (&scale, x);
}

static void
pinch_scale_changed_cb (AtlasTimeline  *self,
                        double          factor,
                        GtkGestureZoom *gesture)
{
  double span = self->pinch_span / MAX (factor, 1e-3);
  double start = self->pinch_day - self->pinch_fraction * span;

  set_visible (self, start, start + span);
}

static char *
get_item_tooltip (AtlasTimeline *self,
                  guint          item,
                  gboolean       markup)
{
  g_autoptr(GObject) object = NULL;
  GValue value = G_VALUE_INIT;
  char *text = NULL;

  if (self->model != NULL && self->tooltip_expression != NULL)
    {
      object = g_list_model_get_item (G_LIST_MODEL (self->model), item);
      if (object != NULL && evaluate (self->tooltip_expression, object, &value))
        {
          if (G_VALUE_HOLDS_STRING (&value) && g_value_get_string (&value) != NULL)
            {
              if (markup)
                text = g_value_dup_string (&value);
              else
                pango_parse_markup (g_value_get_string (&value), -1, 0, NULL, &text, NULL, NULL);
            }
          g_value_unset (&value);
        }
    }

  if (text == NULL)
    {
      const char *label = atlas_timeline_layout_get_item_label (self->layout, item);
      int precision = atlas_timeline_layout_get_item_precision (self->layout, item);
      double start = atlas_timeline_layout_get_item_start (self->layout, item);
      g_autofree char *dates = NULL;

      if (atlas_timeline_layout_get_item_has_end (self->layout, item))
        dates = atlas_time_format_range (start, atlas_timeline_layout_get_item_stop (self->layout, item) - 1,
                                         ATLAS_TIME_PRECISION_DAY);
      else
        dates = atlas_time_format_day (start, precision);

      if (markup)
        text = g_markup_printf_escaped ("<b>%s</b>\n%s", label ? label : "", dates);
      else
        text = g_strdup_printf ("%s, %s", label ? label : "", dates);
    }

  return text;
}

static gboolean
query_tooltip_cb (AtlasTimeline *self,
                  int            x,
                  int            y,
                  gboolean       keyboard_mode,
                  GtkTooltip    *tooltip)
{
  AtlasTimelineGeometry geometry;
  AtlasTimelineHit hit;
  AtlasTimeScale scale;
  Frame frame;
  g_autofree char *text = NULL;

  get_frame (self, &frame);
  get_scale (self, &scale);

  if (keyboard_mode)
    {
      guint item = get_selected_item (self);

      if (!find_entry (self, item, &hit.lane, &hit.entry))
        return FALSE;
      hit.item = item;
    }
  else if (!pick (self, x, y, &hit))
    {
      return FALSE;
    }

  if (hit.item < 0)
    {
      g_autofree char *range = atlas_time_format_range (hit.first_day, hit.last_day - 1,
                                                        ATLAS_TIME_PRECISION_DAY);

      /* Translators: the tooltip of items too many to show one by one:
       * how many, then over which days */
      text = g_markup_printf_escaped (ngettext ("<b>%u item</b>\n%s", "<b>%u items</b>\n%s", hit.count),
                                      hit.count, range);
      gtk_tooltip_set_markup (tooltip, text);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 2, y - 2, 4, 4 });
      return TRUE;
    }

  text = get_item_tooltip (self, hit.item, TRUE);
  gtk_tooltip_set_markup (tooltip, text);

  atlas_timeline_layout_get_geometry (self->layout, hit.lane, hit.entry, &scale, &geometry);
  {
    double x0 = MAX (geometry.x0, 0) + frame.gutter;
    double x1 = MIN (geometry.label_shown ? MAX (geometry.x1, geometry.label_x + geometry.label_width)
                                          : geometry.x1,
                     frame.items_width) + frame.gutter;
    double top = geometry.y - self->scroll_y + frame.axis;

    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                floor (x0), floor (top), ceil (x1 - x0),
                                atlas_timeline_layout_get_metrics (self->layout)->row_height });
  }
  return TRUE;
}

/* Keyboard */

static void
move_selection (AtlasTimeline *self,
                int            how)
{
  guint item = get_selected_item (self);
  guint n_lanes = atlas_timeline_layout_get_n_lanes (self->layout);
  AtlasTimeScale scale;
  Frame frame;
  guint lane = 0, entry = 0;

  if (n_lanes == 0)
    return;

  get_frame (self, &frame);
  get_scale (self, &scale);

  if (how == 'h' || how == 'e')
    {
      /* The first or the last item of all */
      gboolean first = how == 'h';
      double best = first ? G_MAXDOUBLE : -G_MAXDOUBLE;

      for (guint l = 0; l < n_lanes; l++)
        {
          guint n = atlas_timeline_layout_get_lane_n_entries (self->layout, l);
          guint e = first ? 0 : n - 1;
          double start = atlas_timeline_layout_get_item_start (self->layout,
                                                               atlas_timeline_layout_get_lane_item (self->layout, l, e));

          if (first ? start < best : start >= best)
            {
              best = start;
              lane = l;
              entry = e;
            }
        }
    }
  else if (!find_entry (self, item, &lane, &entry))
    {
      /* Nothing selected: the item nearest the middle of the first lane
       * in view */
      guint l;

      for (l = 0; l + 1 < n_lanes; l++)
        if (atlas_timeline_layout_get_lane_y (self->layout, l) +
            atlas_timeline_layout_get_lane_height (self->layout, l) > self->scroll_y)
          break;

      lane = l;
      if (!atlas_timeline_layout_find_nearest (self->layout, &scale, lane, -1, frame.items_width / 2, &entry))
        return;
    }
  else
    {
      switch (how)
        {
        case 'l':
          if (entry == 0)
            return;
          entry--;
          break;
        case 'r':
          if (entry + 1 >= atlas_timeline_layout_get_lane_n_entries (self->layout, lane))
            return;
          entry++;
          break;
        case 'u':
        case 'd':
          if (!atlas_timeline_layout_step_vertical (self->layout, &scale, &lane, &entry, how == 'u' ? -1 : 1))
            return;
          break;
        default:
          return;
        }
    }

  select_item (self, atlas_timeline_layout_get_lane_item (self->layout, lane, entry), lane);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *how = g_variant_get_string (parameter, NULL);

  move_selection (ATLAS_TIMELINE (widget), how[0]);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);
  Frame frame;
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  get_frame (self, &frame);
  stop_motion (self);
  pan_by (self, dx * frame.items_width / 8, dy * frame.items_height / 4);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  atlas_timeline_zoom_in (ATLAS_TIMELINE (widget));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  atlas_timeline_zoom_out (ATLAS_TIMELINE (widget));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  atlas_timeline_zoom_to_fit (ATLAS_TIMELINE (widget));
}

static void
zoom_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  atlas_timeline_zoom_to_selection (ATLAS_TIMELINE (widget));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);

  if (self->has_brush)
    atlas_timeline_clear_brush (self);
  else
    unselect_all (self);
}

/* Accessibility */

static void
update_accessible (AtlasTimeline *self)
{
  guint item = get_selected_item (self);
  g_autofree char *description = NULL;

  if (item < atlas_timeline_layout_get_n_items (self->layout))
    {
      g_autofree char *text = get_item_tooltip (self, item, FALSE);

      /* Translators: what the timeline says to screen readers about
       * the selected item */
      description = g_strdup_printf (_("Selected: %s"), text);
    }
  else
    {
      guint n = atlas_timeline_layout_get_n_items (self->layout);

      /* Translators: what the timeline says to screen readers when no
       * item is selected */
      description = g_strdup_printf (ngettext ("%u item, none selected", "%u items, none selected", n), n);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The model */

static void
items_changed_cb (AtlasTimeline *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  guint old_n = atlas_timeline_layout_get_n_items (self->layout);
  gboolean had_items = self->had_items;

  update_items (self, position, removed, added);

  /* The first items: show all of them.  After that the view stays
   * where the reader put it, whatever filters do (a filter that empties
   * the timeline for a while, as playback does, included); the owner
   * calls atlas_timeline_show_all() for a new data set */
  if (old_n == 0 && added > 0 && !had_items)
    fit (self, FALSE);

  /* Packed once, at the zoom shown */
  update_view (self);
}

static void
selection_changed_cb (AtlasTimeline     *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *model)
{
  guint item;

  refresh_selection (self);
  item = get_selected_item (self);

  if (item != GTK_INVALID_LIST_POSITION && (int) item != self->last_selected)
    scroll_to_item (self, item, TRUE);
  self->last_selected = item == GTK_INVALID_LIST_POSITION ? -1 : (int) item;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkScrollable */

static void
hadjustment_value_changed_cb (AtlasTimeline *self,
                              GtkAdjustment *adjustment)
{
  AtlasTimeScale scale;
  double start;

  if (self->configuring_adjustments)
    return;

  get_scale (self, &scale);
  start = self->world_start + gtk_adjustment_get_value (adjustment) / scale.px_per_day;
  set_visible (self, start, start + (self->visible_end - self->visible_start));
}

static void
vadjustment_value_changed_cb (AtlasTimeline *self,
                              GtkAdjustment *adjustment)
{
  if (self->configuring_adjustments)
    return;

  self->scroll_y = gtk_adjustment_get_value (adjustment);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (AtlasTimeline  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment,
                GCallback       callback)
{
  if (adjustment != NULL && *slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, callback, self);
      g_clear_object (slot);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", callback, self);
  configure_adjustments (self);
}

static gboolean
atlas_timeline_get_border (GtkScrollable *scrollable,
                           GtkBorder     *border)
{
  AtlasTimeline *self = ATLAS_TIMELINE (scrollable);

  /* The axis and the lane labels stay put */
  border->top = self->axis_height;
  border->left = self->gutter_width;
  return TRUE;
}

static void
atlas_timeline_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = atlas_timeline_get_border;
}

/* GtkWidget */

static void
atlas_timeline_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->gutter_width + 120;
      *natural = self->gutter_width + 720;
    }
  else
    {
      *minimum = self->axis_height + atlas_timeline_layout_get_metrics (self->layout)->row_height * 2;
      *natural = self->axis_height + MAX (atlas_timeline_layout_get_height (self->layout),
                                          atlas_timeline_layout_get_metrics (self->layout)->row_height * 4);
    }
}

static void
atlas_timeline_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);

  if (self->fit_pending && width > 0)
    {
      self->fit_pending = FALSE;
      fit (self, FALSE);
    }

  update_view (self);
}

static void
atlas_timeline_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (atlas_timeline_parent_class)->css_changed (widget, change);

  style_changed (ATLAS_TIMELINE (widget));
}

static void
atlas_timeline_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);

  GTK_WIDGET_CLASS (atlas_timeline_parent_class)->system_setting_changed (widget, setting);

  /* Font rendering changes sizes */
  g_clear_pointer (&self->font, pango_font_description_free);
  style_changed (self);
}

static void
atlas_timeline_unmap (GtkWidget *widget)
{
  stop_motion (ATLAS_TIMELINE (widget));

  GTK_WIDGET_CLASS (atlas_timeline_parent_class)->unmap (widget);
}

static gboolean
atlas_timeline_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  /* No focusable children: focus comes in and goes on */
  if (gtk_widget_is_focus (widget))
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

/* GObject */

static void
disconnect_model (AtlasTimeline *self)
{
  if (self->model == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_signal_handlers_disconnect_by_func (self->model, selection_changed_cb, self);
  g_clear_object (&self->model);
  atlas_item_cache_follow (self->cache, NULL);
}

static void
atlas_timeline_dispose (GObject *object)
{
  AtlasTimeline *self = ATLAS_TIMELINE (object);

  stop_motion (self);
  disconnect_model (self);
  g_clear_pointer (&self->selection, gtk_bitset_unref);

  for (guint i = 0; i < N_COLORS; i++)
    g_clear_pointer (&self->swatches[i], gtk_widget_unparent);
  for (guint i = 0; i < N_PALETTE; i++)
    g_clear_pointer (&self->palette_swatches[i], gtk_widget_unparent);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, hadjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, vadjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  g_clear_pointer (&self->start_expression, gtk_expression_unref);
  g_clear_pointer (&self->end_expression, gtk_expression_unref);
  g_clear_pointer (&self->precision_expression, gtk_expression_unref);
  g_clear_pointer (&self->label_expression, gtk_expression_unref);
  g_clear_pointer (&self->lane_expression, gtk_expression_unref);
  g_clear_pointer (&self->ongoing_expression, gtk_expression_unref);
  g_clear_pointer (&self->tooltip_expression, gtk_expression_unref);

  G_OBJECT_CLASS (atlas_timeline_parent_class)->dispose (object);
}

static void
atlas_timeline_finalize (GObject *object)
{
  AtlasTimeline *self = ATLAS_TIMELINE (object);

  atlas_item_cache_free (self->cache);
  atlas_timeline_layout_free (self->layout);
  g_clear_pointer (&self->axis, atlas_time_axis_free);
  g_hash_table_unref (self->label_layouts);
  g_hash_table_unref (self->text_layouts);
  g_hash_table_unref (self->lane_colors);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (atlas_timeline_parent_class)->finalize (object);
}

static void
atlas_timeline_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasTimeline *self = ATLAS_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_START_EXPRESSION:
      gtk_value_set_expression (value, self->start_expression);
      break;
    case PROP_END_EXPRESSION:
      gtk_value_set_expression (value, self->end_expression);
      break;
    case PROP_PRECISION_EXPRESSION:
      gtk_value_set_expression (value, self->precision_expression);
      break;
    case PROP_LABEL_EXPRESSION:
      gtk_value_set_expression (value, self->label_expression);
      break;
    case PROP_LANE_EXPRESSION:
      gtk_value_set_expression (value, self->lane_expression);
      break;
    case PROP_ONGOING_EXPRESSION:
      gtk_value_set_expression (value, self->ongoing_expression);
      break;
    case PROP_TOOLTIP_EXPRESSION:
      gtk_value_set_expression (value, self->tooltip_expression);
      break;
    case PROP_VISIBLE_START:
      g_value_set_double (value, self->visible_start);
      break;
    case PROP_VISIBLE_END:
      g_value_set_double (value, self->visible_end);
      break;
    case PROP_HAS_BRUSH:
      g_value_set_boolean (value, self->has_brush);
      break;
    case PROP_BRUSH_START:
      g_value_set_double (value, atlas_timeline_get_brush_start (self));
      break;
    case PROP_BRUSH_END:
      g_value_set_double (value, atlas_timeline_get_brush_end (self));
      break;
    case PROP_TODAY:
      g_value_set_double (value, self->today);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_timeline_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasTimeline *self = ATLAS_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      atlas_timeline_set_model (self, g_value_get_object (value));
      break;
    case PROP_START_EXPRESSION:
      atlas_timeline_set_start_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_END_EXPRESSION:
      atlas_timeline_set_end_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_PRECISION_EXPRESSION:
      atlas_timeline_set_precision_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_LABEL_EXPRESSION:
      atlas_timeline_set_label_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_LANE_EXPRESSION:
      atlas_timeline_set_lane_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_ONGOING_EXPRESSION:
      atlas_timeline_set_ongoing_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_TOOLTIP_EXPRESSION:
      atlas_timeline_set_tooltip_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_VISIBLE_START:
      atlas_timeline_set_visible_range (self, g_value_get_double (value),
                                        g_value_get_double (value) + (self->visible_end - self->visible_start));
      break;
    case PROP_VISIBLE_END:
      atlas_timeline_set_visible_range (self, self->visible_start, g_value_get_double (value));
      break;
    case PROP_HAS_BRUSH:
      if (!g_value_get_boolean (value))
        atlas_timeline_clear_brush (self);
      else if (!self->has_brush)
        atlas_timeline_set_brush (self, self->visible_start, self->visible_end);
      break;
    case PROP_BRUSH_START:
      atlas_timeline_set_brush (self, g_value_get_double (value),
                                self->has_brush ? self->brush_end : self->visible_end);
      break;
    case PROP_BRUSH_END:
      atlas_timeline_set_brush (self, self->has_brush ? self->brush_start : self->visible_start,
                                g_value_get_double (value));
      break;
    case PROP_TODAY:
      atlas_timeline_set_today (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value),
                      G_CALLBACK (hadjustment_value_changed_cb));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value),
                      G_CALLBACK (vadjustment_value_changed_cb));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_timeline_class_init (AtlasTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = atlas_timeline_dispose;
  object_class->finalize = atlas_timeline_finalize;
  object_class->get_property = atlas_timeline_get_property;
  object_class->set_property = atlas_timeline_set_property;

  widget_class->measure = atlas_timeline_measure;
  widget_class->size_allocate = atlas_timeline_size_allocate;
  widget_class->snapshot = atlas_timeline_snapshot;
  widget_class->css_changed = atlas_timeline_css_changed;
  widget_class->system_setting_changed = atlas_timeline_system_setting_changed;
  widget_class->unmap = atlas_timeline_unmap;
  widget_class->focus = atlas_timeline_focus;

  /**
   * AtlasTimeline:model:
   *
   * The items, and which of them are selected.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GTK_TYPE_SELECTION_MODEL, flags);

  /**
   * AtlasTimeline:start-expression:
   *
   * Reads an item's first day (a number: day 1 is 0001-01-01).
   */
  properties[PROP_START_EXPRESSION] =
    gtk_param_spec_expression ("start-expression", NULL, NULL, flags);

  /**
   * AtlasTimeline:end-expression:
   *
   * Reads an item's last day, or a negative number when it has none.
   */
  properties[PROP_END_EXPRESSION] =
    gtk_param_spec_expression ("end-expression", NULL, NULL, flags);

  /**
   * AtlasTimeline:precision-expression:
   *
   * Reads how well an item's start is known: 1 to the year, 2 to the
   * month, 3 to the day (the default).
   */
  properties[PROP_PRECISION_EXPRESSION] =
    gtk_param_spec_expression ("precision-expression", NULL, NULL, flags);

  /**
   * AtlasTimeline:label-expression:
   *
   * Reads an item's label, a string.
   */
  properties[PROP_LABEL_EXPRESSION] =
    gtk_param_spec_expression ("label-expression", NULL, NULL, flags);

  /**
   * AtlasTimeline:lane-expression:
   *
   * Reads the lane an item is shown in: a string, or a #GStrv for an
   * item shown in several lanes.  Lanes are named after their keys.
   */
  properties[PROP_LANE_EXPRESSION] =
    gtk_param_spec_expression ("lane-expression", NULL, NULL, flags);

  /**
   * AtlasTimeline:ongoing-expression:
   *
   * Reads whether an item without an end still goes on (a boolean): it
   * is then drawn up to today.
   */
  properties[PROP_ONGOING_EXPRESSION] =
    gtk_param_spec_expression ("ongoing-expression", NULL, NULL, flags);

  /**
   * AtlasTimeline:tooltip-expression:
   *
   * Reads an item's tooltip, Pango markup; it is evaluated when the
   * tooltip is shown.
   */
  properties[PROP_TOOLTIP_EXPRESSION] =
    gtk_param_spec_expression ("tooltip-expression", NULL, NULL, flags);

  /**
   * AtlasTimeline:visible-start:
   *
   * The first day in view.
   */
  properties[PROP_VISIBLE_START] =
    g_param_spec_double ("visible-start", NULL, NULL,
                         ATLAS_TIME_FIRST_DAY, ATLAS_TIME_LAST_DAY + 1, ATLAS_TIME_FIRST_DAY, flags);

  /**
   * AtlasTimeline:visible-end:
   *
   * The day where the view ends.
   */
  properties[PROP_VISIBLE_END] =
    g_param_spec_double ("visible-end", NULL, NULL,
                         ATLAS_TIME_FIRST_DAY, ATLAS_TIME_LAST_DAY + 1, ATLAS_TIME_FIRST_DAY, flags);

  /**
   * AtlasTimeline:has-brush:
   *
   * Whether a range of time is brushed (Shift+drag).
   */
  properties[PROP_HAS_BRUSH] =
    g_param_spec_boolean ("has-brush", NULL, NULL, FALSE, flags);

  /**
   * AtlasTimeline:brush-start:
   *
   * The first day of the brushed range, or NaN when there is none.
   */
  properties[PROP_BRUSH_START] =
    g_param_spec_double ("brush-start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);

  /**
   * AtlasTimeline:brush-end:
   *
   * The day where the brushed range ends, or NaN when there is none.
   */
  properties[PROP_BRUSH_END] =
    g_param_spec_double ("brush-end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);

  /**
   * AtlasTimeline:today:
   *
   * The day of the "today" line, up to which ongoing items are drawn;
   * today by default.
   */
  properties[PROP_TODAY] =
    g_param_spec_double ("today", NULL, NULL, ATLAS_TIME_FIRST_DAY, ATLAS_TIME_LAST_DAY, ATLAS_TIME_FIRST_DAY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-selection", NULL, zoom_selection_action);
  gtk_widget_class_install_action (widget_class, "timeline.select", "s", select_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "timeline.escape", NULL, escape_action);

  {
    const struct { guint key; GdkModifierType mods; const char *action; const char *format; int a, b; } bindings[] = {
      { GDK_KEY_plus, 0, "timeline.zoom-in", NULL, 0, 0 },
      { GDK_KEY_equal, 0, "timeline.zoom-in", NULL, 0, 0 },
      { GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL, 0, 0 },
      { GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in", NULL, 0, 0 },
      { GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in", NULL, 0, 0 },
      { GDK_KEY_minus, 0, "timeline.zoom-out", NULL, 0, 0 },
      { GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL, 0, 0 },
      { GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out", NULL, 0, 0 },
      { GDK_KEY_0, 0, "timeline.zoom-fit", NULL, 0, 0 },
      { GDK_KEY_KP_0, 0, "timeline.zoom-fit", NULL, 0, 0 },
      { GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom-fit", NULL, 0, 0 },
      { GDK_KEY_period, 0, "timeline.zoom-selection", NULL, 0, 0 },
      { GDK_KEY_KP_Decimal, 0, "timeline.zoom-selection", NULL, 0, 0 },
      { GDK_KEY_Escape, 0, "timeline.escape", NULL, 0, 0 },
      { GDK_KEY_Left, GDK_CONTROL_MASK, "timeline.pan", "(ii)", -1, 0 },
      { GDK_KEY_Right, GDK_CONTROL_MASK, "timeline.pan", "(ii)", 1, 0 },
      { GDK_KEY_Up, GDK_CONTROL_MASK, "timeline.pan", "(ii)", 0, -1 },
      { GDK_KEY_Down, GDK_CONTROL_MASK, "timeline.pan", "(ii)", 0, 1 },
      { GDK_KEY_KP_Left, GDK_CONTROL_MASK, "timeline.pan", "(ii)", -1, 0 },
      { GDK_KEY_KP_Right, GDK_CONTROL_MASK, "timeline.pan", "(ii)", 1, 0 },
    };
    const struct { guint key; const char *how; } moves[] = {
      { GDK_KEY_Left, "l" }, { GDK_KEY_KP_Left, "l" },
      { GDK_KEY_Right, "r" }, { GDK_KEY_KP_Right, "r" },
      { GDK_KEY_Up, "u" }, { GDK_KEY_KP_Up, "u" },
      { GDK_KEY_Down, "d" }, { GDK_KEY_KP_Down, "d" },
      { GDK_KEY_Home, "h" }, { GDK_KEY_KP_Home, "h" },
      { GDK_KEY_End, "e" }, { GDK_KEY_KP_End, "e" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
      {
        if (bindings[i].format != NULL)
          gtk_widget_class_add_binding_action (widget_class, bindings[i].key, bindings[i].mods,
                                               bindings[i].action, bindings[i].format,
                                               bindings[i].a, bindings[i].b);
        else
          gtk_widget_class_add_binding_action (widget_class, bindings[i].key, bindings[i].mods,
                                               bindings[i].action, NULL);
      }
    for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
      gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, "timeline.select", "s", moves[i].how);
  }
}

static void
atlas_timeline_init (AtlasTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->layout = atlas_timeline_layout_new ();
  self->cache = atlas_item_cache_new (g_free);
  self->font_serial = 1;
  self->today = atlas_time_today ();
  atlas_timeline_layout_set_today (self->layout, self->today);
  self->visible_start = self->today - 10 * 365.25;
  self->visible_end = self->today + 365.25;
  self->brush_start = self->brush_end = NAN;
  self->hover_item = -1;
  self->last_selected = -1;
  self->label_layouts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->text_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->lane_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < N_COLORS; i++)
    self->swatches[i] = swatch_new (widget, color_names[i]);
  for (guint i = 0; i < N_PALETTE; i++)
    {
      g_autofree char *name = g_strdup_printf ("lane-%u", i + 1);

      self->palette_swatches[i] = swatch_new (widget, name);
    }

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  update_metrics (self);
  set_adjustment (self, &self->hadjustment, NULL, G_CALLBACK (hadjustment_value_changed_cb));
  set_adjustment (self, &self->vadjustment, NULL, G_CALLBACK (vadjustment_value_changed_cb));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  g_signal_connect_swapped (controller, "decelerate", G_CALLBACK (decelerate_cb), self);
  gtk_widget_add_controller (widget, controller);

  gtk_widget_action_set_enabled (widget, "timeline.zoom-selection", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  -1);
  update_accessible (self);
}

/* Public API */

GtkWidget *
atlas_timeline_new (void)
{
  return g_object_new (ATLAS_TYPE_TIMELINE, NULL);
}

/**
 * atlas_timeline_get_model:
 *
 * Returns: (transfer none) (nullable): the items
 */
GtkSelectionModel *
atlas_timeline_get_model (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), NULL);
  return self->model;
}

/**
 * atlas_timeline_set_model:
 * @model: (nullable): the items, and which are selected
 *
 * Selecting in the timeline selects in @model, and the other way round:
 * give other views the same selection model to keep them in step.
 *
 * Each item is read through the expressions once per item object, and
 * what they gave is kept until the item is finalized or an expression
 * changes: items must not change in place.  To change an item, replace
 * it in the model with another object.
 */
void
atlas_timeline_set_model (AtlasTimeline     *self,
                          GtkSelectionModel *model)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  if (self->model == model)
    return;

  disconnect_model (self);
  if (model != NULL)
    {
      self->model = g_object_ref (model);
      g_signal_connect_swapped (model, "items-changed", G_CALLBACK (items_changed_cb), self);
      g_signal_connect_swapped (model, "selection-changed", G_CALLBACK (selection_changed_cb), self);
    }

  self->last_selected = -1;
  self->had_items = FALSE;
  reread_items (self);
  fit (self, FALSE);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

static gboolean
set_expression (AtlasTimeline  *self,
                GtkExpression **slot,
                GtkExpression  *expression,
                guint           prop_id)
{
  if (*slot == expression)
    return FALSE;

  g_clear_pointer (slot, gtk_expression_unref);
  if (expression != NULL)
    *slot = gtk_expression_ref (expression);

  /* What items give is another thing now; the tooltip is not kept */
  if (slot != &self->tooltip_expression)
    atlas_item_cache_remove_all (self->cache);
  reread_items (self);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

#define EXPRESSION_ACCESSORS(name, PROP)                                        \
GtkExpression *                                                                \
atlas_timeline_get_##name##_expression (AtlasTimeline *self)                   \
{                                                                              \
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), NULL);                       \
  return self->name##_expression;                                              \
}                                                                              \
                                                                               \
void                                                                           \
atlas_timeline_set_##name##_expression (AtlasTimeline *self,                   \
                                        GtkExpression *expression)             \
{                                                                              \
  g_return_if_fail (ATLAS_IS_TIMELINE (self));                                 \
  set_expression (self, &self->name##_expression, expression, PROP);           \
}

EXPRESSION_ACCESSORS (start, PROP_START_EXPRESSION)
EXPRESSION_ACCESSORS (end, PROP_END_EXPRESSION)
EXPRESSION_ACCESSORS (precision, PROP_PRECISION_EXPRESSION)
EXPRESSION_ACCESSORS (label, PROP_LABEL_EXPRESSION)
EXPRESSION_ACCESSORS (ongoing, PROP_ONGOING_EXPRESSION)
EXPRESSION_ACCESSORS (tooltip, PROP_TOOLTIP_EXPRESSION)

#undef EXPRESSION_ACCESSORS

GtkExpression *
atlas_timeline_get_lane_expression (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), NULL);
  return self->lane_expression;
}

/**
 * atlas_timeline_set_lane_expression:
 * @expression: (nullable): reads an item's lane key, a string, or a
 *   #GStrv of keys when it is in several lanes
 *
 * Lanes are shown with the most items first; items in no lane are
 * shown in a last lane without a name.
 */
void
atlas_timeline_set_lane_expression (AtlasTimeline *self,
                                    GtkExpression *expression)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  if (self->lane_expression == expression)
    return;

  /* Other lanes: colours anew, from the top */
  g_hash_table_remove_all (self->lane_colors);
  self->next_lane_color = 0;
  self->scroll_y = 0;
  set_expression (self, &self->lane_expression, expression, PROP_LANE_EXPRESSION);
}

double
atlas_timeline_get_visible_start (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), 0);
  return self->visible_start;
}

double
atlas_timeline_get_visible_end (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), 0);
  return self->visible_end;
}

/**
 * atlas_timeline_set_visible_range:
 * @start: the first day to show
 * @end: the day where the view ends
 *
 * Shows a range of days, kept near the items and no more zoomed in than
 * a day in 400 pixels.
 */
void
atlas_timeline_set_visible_range (AtlasTimeline *self,
                                  double         start,
                                  double         end)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  stop_motion (self);
  self->fit_pending = FALSE;
  set_visible (self, start, end);
}

gboolean
atlas_timeline_get_has_brush (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), FALSE);
  return self->has_brush;
}

/**
 * atlas_timeline_get_brush_start:
 *
 * Returns: the first day of the brushed range, or NaN
 */
double
atlas_timeline_get_brush_start (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), NAN);
  return self->has_brush ? self->brush_start : NAN;
}

/**
 * atlas_timeline_get_brush_end:
 *
 * Returns: the day where the brushed range ends, or NaN
 */
double
atlas_timeline_get_brush_end (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), NAN);
  return self->has_brush ? self->brush_end : NAN;
}

/**
 * atlas_timeline_set_brush:
 * @start: the first day of the range
 * @end: the day where it ends
 *
 * Brushes a range of time, as Shift+drag does.
 */
void
atlas_timeline_set_brush (AtlasTimeline *self,
                          double         start,
                          double         end)
{
  gboolean had_brush;

  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  if (!isfinite (start) || !isfinite (end))
    {
      atlas_timeline_clear_brush (self);
      return;
    }

  if (start > end)
    {
      double swap = start;

      start = end;
      end = swap;
    }

  had_brush = self->has_brush;
  if (had_brush && start == self->brush_start && end == self->brush_end)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->has_brush = TRUE;
  if (!had_brush || start != self->brush_start)
    {
      self->brush_start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_START]);
    }
  if (!had_brush || end != self->brush_end)
    {
      self->brush_end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_END]);
    }
  if (!had_brush)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BRUSH]);
  g_object_thaw_notify (G_OBJECT (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
atlas_timeline_clear_brush (AtlasTimeline *self)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  if (!self->has_brush)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->has_brush = FALSE;
  self->brush_start = self->brush_end = NAN;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BRUSH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_START]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_END]);
  g_object_thaw_notify (G_OBJECT (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
atlas_timeline_get_today (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), 0);
  return self->today;
}

/**
 * atlas_timeline_set_today:
 * @today: a day number
 *
 * Moves the "today" line, and the end of ongoing items, for tests and
 * for looking back.
 */
void
atlas_timeline_set_today (AtlasTimeline *self,
                          double         today)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  today = floor (CLAMP (today, ATLAS_TIME_FIRST_DAY, ATLAS_TIME_LAST_DAY));
  if (today == self->today)
    return;

  self->today = today;
  atlas_timeline_layout_set_today (self->layout, today);
  g_hash_table_remove_all (self->label_layouts);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

void
atlas_timeline_zoom_in (AtlasTimeline *self)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));
  zoom_at (self, ZOOM_STEP, zoom_anchor (self), TRUE);
}

void
atlas_timeline_zoom_out (AtlasTimeline *self)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));
  zoom_at (self, 1 / ZOOM_STEP, zoom_anchor (self), TRUE);
}

static void
fit (AtlasTimeline *self,
     gboolean       animate)
{
  double first, stop, span;

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }

  if (!atlas_timeline_layout_get_extent (self->layout, &first, &stop))
    {
      first = self->today - 5 * 365.25;
      stop = self->today + 365.25;
    }

  span = MAX (stop - first, 60);
  if (animate)
    {
      animate_to (self, first - span * FIT_PAD_START, stop + span * FIT_PAD_END);
    }
  else
    {
      stop_motion (self);
      set_visible (self, first - span * FIT_PAD_START, stop + span * FIT_PAD_END);
    }
}

/**
 * atlas_timeline_show_all:
 *
 * Shows every item at once, without animation: for a new data set.
 */
void
atlas_timeline_show_all (AtlasTimeline *self)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));
  fit (self, FALSE);
}

/**
 * atlas_timeline_get_hide_hover:
 *
 * Returns: whether the item under the pointer looks as the others
 */
gboolean
atlas_timeline_get_hide_hover (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), FALSE);
  return self->hide_hover;
}

/**
 * atlas_timeline_set_hide_hover:
 * @hide: whether to
 *
 * Draws the item under the pointer as the others: a picture of the
 * timeline shows the data, not where the pointer happened to be.
 */
void
atlas_timeline_set_hide_hover (AtlasTimeline *self,
                               gboolean       hide)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  hide = !!hide;
  if (self->hide_hover == hide)
    return;

  self->hide_hover = hide;
  if (self->hover_item >= 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * atlas_timeline_zoom_to_fit:
 *
 * Shows every item.
 */
void
atlas_timeline_zoom_to_fit (AtlasTimeline *self)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));
  fit (self, TRUE);
}

/**
 * atlas_timeline_zoom_to_selection:
 *
 * Shows the selected items, zoomed in as far as shows them whole.
 */
void
atlas_timeline_zoom_to_selection (AtlasTimeline *self)
{
  GtkBitsetIter iter;
  double first = G_MAXDOUBLE, stop = -G_MAXDOUBLE, span;
  guint n = atlas_timeline_layout_get_n_items (self->layout);
  guint item;

  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  if (self->selection == NULL)
    return;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, self->selection, &item);
       more && item < n; more = gtk_bitset_iter_next (&iter, &item))
    {
      first = MIN (first, atlas_timeline_layout_get_item_start (self->layout, item));
      stop = MAX (stop, atlas_timeline_layout_get_item_stop (self->layout, item));
    }

  if (first > stop)
    return;

  /* Room on the right for the label */
  span = MAX (stop - first, 14);
  animate_to (self, first - span * 0.5, stop + span * 1.5);
}

/* Private API */

AtlasTimelineLayout *
_atlas_timeline_get_layout (AtlasTimeline *self)
{
  return self->layout;
}

/**
 * _atlas_timeline_get_scale:
 * @scale: (out): where days are drawn in the items area
 * @items_x: (out): where the items area starts, in widget coordinates
 * @items_y: (out): where the content's y = 0 is, in widget coordinates
 */
void
_atlas_timeline_get_scale (AtlasTimeline  *self,
                           AtlasTimeScale *scale,
                           double         *items_x,
                           double         *items_y)
{
  Frame frame;

  get_frame (self, &frame);
  get_scale (self, scale);
  *items_x = frame.gutter;
  *items_y = frame.axis - self->scroll_y;
}

/* How many items the timeline keeps what it read of */
guint
_atlas_timeline_get_n_cached (AtlasTimeline *self)
{
  return atlas_item_cache_get_size (self->cache);
}

void
_atlas_timeline_ensure_layout (AtlasTimeline *self)
{
  AtlasTimeScale scale;

  get_scale (self, &scale);
  atlas_timeline_layout_update (self->layout, scale.px_per_day);
}
