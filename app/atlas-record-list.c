/* atlas-record-list.c — the list of records in the sidebar
 *
 * Each record is a row of three lines: its title; when; what kind it is
 * and its partner countries.  Each is one line that ends in an ellipsis
 * when it does not fit (the tooltip then says it whole, and the
 * detail pane shows the selected record in full).
 *
 * The list draws its rows itself, only those on screen, and all rows
 * are as tall as each other.  So a filter change that puts 100,000
 * records back costs it nothing but a redraw: where it scrolls to is
 * arithmetic, not a search, and no row widget is destroyed, created,
 * bound or measured.  GTK 4.8's GtkListView, which it replaces, looked
 * up every added item to find its scroll anchor again and rebuilt and
 * measured its 200 row widgets on such a change, some 35 ms at 100,000
 * records.  Rows are laid out when first drawn and kept, by record, until
 * the model, the width or the font changes.
 *
 * It looks as a GtkListView with libadwaita's .navigation-sidebar did:
 * rows inset and rounded, hover and selection a tint of the text colour,
 * the focus ring libadwaita's; the title like .heading, the other lines
 * like .caption, the last dimmed.  The date has a line to itself as its
 * length varies the most between languages ("Since July 1988", "Июль
 * 1988 — по настоящее время").
 *
 * Mouse: click selects, double-click activates; a finger selects when
 * lifted, so that one that moves scrolls.  Keyboard: Up, Down,
 * Page Up, Page Down, Home and End move the selection, Space selects
 * where the focus ring is, Enter activates.
 * Assistive technologies read the list as a list named by its label,
 * described by the selected record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-record-list"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-partnership.h"
#include "atlas-record-list-private.h"

/* libadwaita 1.2's .navigation-sidebar: the rows 6 px from the top and
 * bottom and inset 6 px from the sides, 2 px apart, rounded, padded;
 * the text's own padding as the rows' box of labels had */
#define LIST_PADDING_Y 6
#define ROW_MARGIN_X   6
#define ROW_SPACING    2
#define ROW_RADIUS     6
#define ROW_PADDING_X  12
#define ROW_PADDING_Y  6
#define LINE_SPACING   2

/* The list's least and natural width, in characters of the title */
#define TITLE_MIN_CHARS 20
#define TITLE_MAX_CHARS 40

/* Rows kept laid out, by record; more and the cache starts again */
#define MAX_CACHED_ROWS 512

#define N_LINES ATLAS_RECORD_LIST_N_LINES
#define INVALID GTK_INVALID_LIST_POSITION

typedef struct
{
  PangoLayout *lines[N_LINES];
} Row;

struct _AtlasRecordList
{
  GtkWidget           parent_instance;

  GtkSingleSelection *model;
  guint               n_items;
  guint               selected;       /* as last seen */
  guint               cursor;         /* where the keyboard is */

  GtkAdjustment      *hadjustment;
  GtkAdjustment      *vadjustment;
  guint               hscroll_policy : 1;
  guint               vscroll_policy : 1;

  /* For the Pango context of context_serial */
  guint               context_serial;
  int                 line_heights[N_LINES];
  int                 row_height;
  int                 char_width;     /* the title's, Pango units */

  /* Laid out at rows_width: AtlasPartnership → Row */
  GHashTable         *rows;
  int                 rows_width;

  guint               hover;
  double              pointer_y;
  gboolean            pointer_inside;
  guint               pending_scroll;
};

static void atlas_record_list_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasRecordList, atlas_record_list, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, atlas_record_list_scrollable_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS,

  /* GtkScrollable's */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* libadwaita 1.2's .heading, .caption and .caption.dim-label */
static const struct
{
  PangoWeight weight;
  int         points;
  double      alpha;
} line_styles[N_LINES] = {
  [ATLAS_RECORD_LIST_TITLE] = { PANGO_WEIGHT_BOLD, 11, 1. },
  [ATLAS_RECORD_LIST_WHEN] = { PANGO_WEIGHT_NORMAL, 9, 1. },
  [ATLAS_RECORD_LIST_WHAT] = { PANGO_WEIGHT_NORMAL, 9, .55 },
};

/* One list of attributes per line, shared by every row */
static PangoAttrList *line_attrs[N_LINES];

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < N_LINES; i++)
    g_clear_object (&row->lines[i]);
  g_free (row);
}

static void
forget_rows (AtlasRecordList *self)
{
  g_hash_table_remove_all (self->rows);
}

/* Geometry */

static int
get_stride (AtlasRecordList *self)
{
  return self->row_height + ROW_SPACING;
}

static double
get_content_height (AtlasRecordList *self)
{
  if (self->n_items == 0)
    return 0;

  return 2 * LIST_PADDING_Y + (double) self->n_items * get_stride (self) - ROW_SPACING;
}

static double
get_row_top (AtlasRecordList *self,
             guint            position)
{
  return LIST_PADDING_Y + (double) position * get_stride (self);
}

static int
get_text_width (AtlasRecordList *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * (ROW_MARGIN_X + ROW_PADDING_X), 0);
}

static double
get_value (AtlasRecordList *self)
{
  return gtk_adjustment_get_value (self->vadjustment);
}

/* The heights of the lines and the rows, and the title's character
 * width, hold for the Pango context they were found with: its font,
 * resolution and options, which GTK updates from the CSS and settings.
 * Returns whether they changed. */
static gboolean
ensure_geometry (AtlasRecordList *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);
  g_autoptr(PangoFontDescription) title_font = NULL;
  PangoFontMetrics *metrics;
  int height = 2 * ROW_PADDING_Y + LINE_SPACING * (N_LINES - 1);

  if (serial == self->context_serial && self->row_height > 0)
    return FALSE;

  self->context_serial = serial;
  forget_rows (self);

  /* A line of text with both an ascender and a descender, in each style */
  for (guint i = 0; i < N_LINES; i++)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);

      pango_layout_set_attributes (layout, line_attrs[i]);
      pango_layout_set_text (layout, "Ág", -1);
      pango_layout_get_pixel_size (layout, NULL, &self->line_heights[i]);
      height += self->line_heights[i];
    }
  self->row_height = height;

  title_font = pango_font_description_copy (pango_context_get_font_description (context));
  pango_font_description_set_weight (title_font, line_styles[ATLAS_RECORD_LIST_TITLE].weight);
  pango_font_description_set_size (title_font, line_styles[ATLAS_RECORD_LIST_TITLE].points * PANGO_SCALE);
  metrics = pango_context_get_metrics (context, title_font, pango_context_get_language (context));
  self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                          pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);

  return TRUE;
}

/* The first row on screen and how many show, wholly or in part */
static void
get_visible_range (AtlasRecordList *self,
                   guint           *first,
                   guint           *n_visible)
{
  double value = get_value (self);
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int stride = get_stride (self);
  double top;
  double bottom;
  guint last;

  *first = 0;
  *n_visible = 0;
  if (self->n_items == 0 || height <= 0)
    return;

  top = MAX (value - LIST_PADDING_Y, 0);
  bottom = value + height - LIST_PADDING_Y;
  if (bottom <= 0)
    return;

  *first = MIN ((guint) (top / stride), self->n_items - 1);
  last = MIN ((guint) (bottom / stride), self->n_items - 1);
  *n_visible = last - *first + 1;
}

/* The row at @y, in the widget's coordinates; the gap below a row
 * counts as the row */
static guint
get_position_at_y (AtlasRecordList *self,
                   double           y)
{
  double content_y = y + get_value (self) - LIST_PADDING_Y;
  guint position;

  if (self->n_items == 0 || content_y < 0)
    return INVALID;

  position = (guint) (content_y / get_stride (self));
  return position < self->n_items ? position : INVALID;
}

static void
get_row_rect (AtlasRecordList *self,
              guint            position,
              graphene_rect_t *rect)
{
  graphene_rect_init (rect,
                      ROW_MARGIN_X,
                      get_row_top (self, position) - get_value (self),
                      MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * ROW_MARGIN_X, 0),
                      self->row_height);
}

/* Rows */

static void
set_line_text (AtlasRecordList *self,
               Row             *row,
               guint            line,
               const char      *text,
               int              width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  pango_layout_set_attributes (layout, line_attrs[line]);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_alignment (layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  row->lines[line] = layout;
}

static Row *
create_row (AtlasRecordList  *self,
            AtlasPartnership *record,
            int               width)
{
  Row *row = g_new0 (Row, 1);
  g_autofree char *when = atlas_partnership_format_period (record);
  g_autofree char *partners = atlas_countries_format_list (atlas_partnership_get_countries (record));
  g_autofree char *what = NULL;
  const char *kind = atlas_kind_get_label (atlas_partnership_get_kind (record));
  const char *title = atlas_partnership_get_title (record);

  /* Translators: a record's kind, then its partner countries:
   * "Joint mission · China, Brazil" */
  what = *partners != '\0' ? g_strdup_printf (_("%s · %s"), kind, partners) : g_strdup (kind);

  set_line_text (self, row, ATLAS_RECORD_LIST_TITLE, title ? title : "", width);
  set_line_text (self, row, ATLAS_RECORD_LIST_WHEN, when, width);
  set_line_text (self, row, ATLAS_RECORD_LIST_WHAT, what, width);

  return row;
}

/* The row at @position, laid out for the current width */
static Row *
get_row (AtlasRecordList *self,
         guint            position)
{
  g_autoptr(AtlasPartnership) record = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  int width = get_text_width (self);
  Row *row;

  ensure_geometry (self);
  if (self->rows_width != width)
    {
      forget_rows (self);
      self->rows_width = width;
    }

  row = g_hash_table_lookup (self->rows, record);
  if (row != NULL)
    return row;

  if (g_hash_table_size (self->rows) >= MAX_CACHED_ROWS)
    forget_rows (self);

  row = create_row (self, record, width);
  g_hash_table_insert (self->rows, g_object_ref (record), row);
  return row;
}

/* Scrolling */

/* The adjustments keep their values between their bounds themselves */
static void
configure_adjustments (AtlasRecordList *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  gtk_adjustment_configure (self->vadjustment, get_value (self), 0,
                            MAX (get_content_height (self), height),
                            get_stride (self), height * .9, height);
  gtk_adjustment_configure (self->hadjustment, 0, 0, width, width * .1, width * .9, width);
}

static void
update_hover (AtlasRecordList *self)
{
  guint hover = self->pointer_inside ? get_position_at_y (self, self->pointer_y) : INVALID;

  if (hover == self->hover)
    return;

  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
value_changed_cb (AtlasRecordList *self)
{
  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (AtlasRecordList  *self,
                GtkAdjustment   **slot,
                GtkAdjustment    *adjustment)
{
  if (adjustment != NULL && adjustment == *slot)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, value_changed_cb, self);
      g_clear_object (slot);
    }

  /* GtkScrollable: none given, one of our own */
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (value_changed_cb), self);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Selection and the keyboard */

static void
update_description (AtlasRecordList *self)
{
  AtlasPartnership *record = self->model ? gtk_single_selection_get_selected_item (self->model) : NULL;
  g_autofree char *description = NULL;
  Row *row;

  if (record == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  /* The selected record, as the row says it */
  row = get_row (self, gtk_single_selection_get_selected (self->model));
  description = g_strjoin ("\n",
                           pango_layout_get_text (row->lines[ATLAS_RECORD_LIST_TITLE]),
                           pango_layout_get_text (row->lines[ATLAS_RECORD_LIST_WHEN]),
                           pango_layout_get_text (row->lines[ATLAS_RECORD_LIST_WHAT]),
                           NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
select_position (AtlasRecordList *self,
                 guint            position)
{
  if (position >= self->n_items)
    return;

  self->cursor = position;
  gtk_single_selection_set_selected (self->model, position);
  atlas_record_list_scroll_to (self, position);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Where the keyboard is, and the focus ring when it shows: the selected
 * row, else the first shown */
static guint
get_cursor (AtlasRecordList *self)
{
  guint first;
  guint n_visible;

  if (self->cursor < self->n_items)
    return self->cursor;
  if (self->selected < self->n_items)
    return self->selected;

  get_visible_range (self, &first, &n_visible);
  return n_visible > 0 ? first : INVALID;
}

static void
move_cursor (AtlasRecordList *self,
             gint64           delta)
{
  guint cursor = get_cursor (self);
  gint64 target;

  if (cursor == INVALID)
    return;

  target = CLAMP ((gint64) cursor + delta, 0, (gint64) self->n_items - 1);
  select_position (self, (guint) target);
}

static void
activate_cursor (AtlasRecordList *self)
{
  guint cursor = get_cursor (self);

  if (cursor == INVALID)
    return;

  select_position (self, cursor);
  g_signal_emit (self, signals[ACTIVATE], 0, cursor);
}

static gboolean
key_pressed_cb (AtlasRecordList       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int page = MAX (gtk_widget_get_height (GTK_WIDGET (self)) / get_stride (self) - 1, 1);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || self->n_items == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_cursor (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_cursor (self, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_cursor (self, -page);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_cursor (self, page);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      select_position (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      select_position (self, self->n_items - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_KP_Enter:
      activate_cursor (self);
      return TRUE;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      /* Selects where the focus ring is, rather than start a search */
      select_position (self, get_cursor (self));
      return TRUE;
    default:
      return FALSE;
    }
}

/* The model */

static void
items_changed_cb (AtlasRecordList *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  double value = get_value (self);
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint old_selected = self->selected;
  guint first;
  guint n_visible;
  gboolean selected_was_shown;

  get_visible_range (self, &first, &n_visible);
  selected_was_shown = old_selected != INVALID && old_selected >= first &&
                       old_selected < first + n_visible;

  self->n_items = g_list_model_get_n_items (model);
  self->selected = gtk_single_selection_get_selected (self->model);
  forget_rows (self);

  if (self->cursor != INVALID)
    {
      if (self->cursor >= position + removed)
        self->cursor = self->cursor + added - removed;
      else if (self->cursor >= position)
        self->cursor = self->selected;
    }

  /* Where to scroll: the selected record stays where it was on screen;
   * else a change above the rows shown leaves them in place; else, when
   * the rows shown went, the list starts from its top */
  if (selected_was_shown && self->selected != INVALID)
    value += ((double) self->selected - old_selected) * get_stride (self);
  else if (position + removed <= first && n_visible > 0)
    value += ((double) added - removed) * get_stride (self);
  else if (position <= first && removed > 0)
    value = 0;

  if (height > 0)
    {
      configure_adjustments (self);
      gtk_adjustment_set_value (self->vadjustment, value);
    }

  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
selection_changed_cb (AtlasRecordList *self)
{
  guint selected = gtk_single_selection_get_selected (self->model);

  if (selected == self->selected)
    return;

  self->selected = selected;
  if (selected != INVALID)
    self->cursor = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Input */

static gboolean
is_touch (GtkGesture *gesture)
{
  GdkDevice *device = gtk_gesture_get_device (gesture);

  return device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN;
}

static void
click_row (AtlasRecordList *self,
           GtkGesture      *gesture,
           int              n_press,
           double           y)
{
  guint position = get_position_at_y (self, y);

  if (position == INVALID)
    return;

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  select_position (self, position);
  if (n_press == 2)
    g_signal_emit (self, signals[ACTIVATE], 0, position);
}

/* A mouse selects on press; a finger on release, for a finger that
 * moves scrolls the list instead (the scrolled window takes it) */
static void
pressed_cb (AtlasRecordList *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  if (!is_touch (GTK_GESTURE (gesture)))
    click_row (self, GTK_GESTURE (gesture), n_press, y);
}

static void
released_cb (AtlasRecordList *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  if (is_touch (GTK_GESTURE (gesture)))
    click_row (self, GTK_GESTURE (gesture), n_press, y);
}

static void
motion_cb (AtlasRecordList          *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_inside = TRUE;
  self->pointer_y = y;
  update_hover (self);
}

static void
leave_cb (AtlasRecordList          *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

static void
focus_changed_cb (AtlasRecordList *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget */

static void
atlas_record_list_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (widget);
  int padding = 2 * (ROW_MARGIN_X + ROW_PADDING_X);

  ensure_geometry (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (TITLE_MIN_CHARS * self->char_width) + padding;
      *natural = PANGO_PIXELS_CEIL (TITLE_MAX_CHARS * self->char_width) + padding;
    }
  else
    {
      *minimum = 2 * LIST_PADDING_Y + self->row_height;
      *natural = (int) MIN (MAX (get_content_height (self), *minimum), G_MAXINT / 2);
    }
}

static void
atlas_record_list_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (widget);

  ensure_geometry (self);
  configure_adjustments (self);

  if (self->pending_scroll != INVALID)
    {
      guint position = self->pending_scroll;

      self->pending_scroll = INVALID;
      atlas_record_list_scroll_to (self, position);
    }
}

static void
append_rounded_rect (GtkSnapshot           *snapshot,
                     const graphene_rect_t *rect,
                     const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, ROW_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_focus_ring (GtkSnapshot           *snapshot,
                   const graphene_rect_t *rect,
                   const GdkRGBA         *color)
{
  GskRoundedRect rounded;
  const float widths[4] = { 2, 2, 2, 2 };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rounded, rect, ROW_RADIUS);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

static void
atlas_record_list_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (widget);
  gboolean focus_visible = gtk_widget_has_visible_focus (widget);
  guint cursor = focus_visible ? get_cursor (self) : INVALID;
  GdkRGBA color;
  GdkRGBA accent;
  guint first;
  guint n_visible;

  if (self->model == NULL)
    return;

  ensure_geometry (self);
  get_visible_range (self, &first, &n_visible);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &accent))
    gdk_rgba_parse (&accent, "#1c71d8");
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* libadwaita's focus ring */
  accent.alpha *= .5;

  for (guint position = first; position < first + n_visible; position++)
    {
      gboolean selected = position == self->selected;
      gboolean hovered = position == self->hover;
      double tint = selected ? (hovered ? .13 : .10) : (hovered ? .07 : 0);
      Row *row = get_row (self, position);
      graphene_rect_t rect;
      float y;

      get_row_rect (self, position, &rect);

      if (tint > 0)
        {
          GdkRGBA background = color;

          background.alpha *= tint;
          append_rounded_rect (snapshot, &rect, &background);
        }
      if (position == cursor)
        append_focus_ring (snapshot, &rect, &accent);

      y = rect.origin.y + ROW_PADDING_Y;
      for (guint i = 0; i < N_LINES; i++)
        {
          GdkRGBA line_color = color;

          line_color.alpha *= line_styles[i].alpha;
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x + ROW_PADDING_X, y));
          gtk_snapshot_append_layout (snapshot, row->lines[i], &line_color);
          gtk_snapshot_restore (snapshot);
          y += self->line_heights[i] + LINE_SPACING;
        }
    }
}

/* What the ellipses of a row hide: the lines they cut short, whole */
static char *
get_tooltip_text (AtlasRecordList *self,
                  guint            position)
{
  GString *text = g_string_new (NULL);
  Row *row = get_row (self, position);

  for (guint i = 0; i < N_LINES; i++)
    if (pango_layout_is_ellipsized (row->lines[i]))
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, pango_layout_get_text (row->lines[i]));
      }

  return text->len > 0 ? g_string_free (text, FALSE) : (g_string_free (text, TRUE), NULL);
}

static gboolean
atlas_record_list_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_tooltip,
                                 GtkTooltip *tooltip)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (widget);
  guint position = keyboard_tooltip ? get_cursor (self) : get_position_at_y (self, y);
  g_autofree char *text = NULL;
  graphene_rect_t rect;

  if (position == INVALID || position >= self->n_items)
    return FALSE;

  text = get_tooltip_text (self, position);
  if (text == NULL)
    return FALSE;

  get_row_rect (self, position, &rect);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { rect.origin.x, rect.origin.y,
                                                       rect.size.width, rect.size.height });
  return TRUE;
}

static gboolean
atlas_record_list_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  /* No focusable children: focus comes in and goes on */
  if (gtk_widget_is_focus (widget))
    return FALSE;

  return gtk_widget_grab_focus (widget);
}

static void
atlas_record_list_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (widget);

  GTK_WIDGET_CLASS (atlas_record_list_parent_class)->css_changed (widget, change);

  /* A change of font reaches the Pango context; colours are read when
   * drawing */
  if (ensure_geometry (self))
    gtk_widget_queue_resize (widget);
  gtk_widget_queue_draw (widget);
}

static void
atlas_record_list_direction_changed (GtkWidget        *widget,
                                     GtkTextDirection  previous_direction)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (widget);

  GTK_WIDGET_CLASS (atlas_record_list_parent_class)->direction_changed (widget, previous_direction);

  forget_rows (self);
  gtk_widget_queue_draw (widget);
}

static void
scale_factor_changed_cb (AtlasRecordList *self)
{
  forget_rows (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
atlas_record_list_dispose (GObject *object)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (object);

  atlas_record_list_set_model (self, NULL);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (atlas_record_list_parent_class)->dispose (object);
}

static void
atlas_record_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
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
atlas_record_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasRecordList *self = ATLAS_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      atlas_record_list_set_model (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_record_list_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
atlas_record_list_class_init (AtlasRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = atlas_record_list_dispose;
  object_class->get_property = atlas_record_list_get_property;
  object_class->set_property = atlas_record_list_set_property;
  widget_class->measure = atlas_record_list_measure;
  widget_class->size_allocate = atlas_record_list_size_allocate;
  widget_class->snapshot = atlas_record_list_snapshot;
  widget_class->query_tooltip = atlas_record_list_query_tooltip;
  widget_class->focus = atlas_record_list_focus;
  widget_class->css_changed = atlas_record_list_css_changed;
  widget_class->direction_changed = atlas_record_list_direction_changed;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GTK_TYPE_SINGLE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * AtlasRecordList::activate:
   * @position: the row's
   *
   * A row was double-clicked, or Enter pressed on it.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  for (guint i = 0; i < N_LINES; i++)
    {
      line_attrs[i] = pango_attr_list_new ();
      pango_attr_list_insert (line_attrs[i], pango_attr_weight_new (line_styles[i].weight));
      pango_attr_list_insert (line_attrs[i], pango_attr_size_new (line_styles[i].points * PANGO_SCALE));
    }

  gtk_widget_class_set_css_name (widget_class, "recordlist");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
atlas_record_list_init (AtlasRecordList *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click;
  GtkEventController *motion;
  GtkEventController *focus;
  GtkEventController *keys;

  self->selected = INVALID;
  self->cursor = INVALID;
  self->hover = INVALID;
  self->pending_scroll = INVALID;
  self->rows_width = -1;
  self->rows = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, row_free);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect_swapped (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (widget, focus);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, keys);

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);
}

GtkWidget *
atlas_record_list_new (void)
{
  return g_object_new (ATLAS_TYPE_RECORD_LIST, NULL);
}

/**
 * atlas_record_list_get_model:
 *
 * Returns: (transfer none) (nullable): the records shown, and which is
 *   selected
 */
GtkSingleSelection *
atlas_record_list_get_model (AtlasRecordList *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_LIST (self), NULL);
  return self->model;
}

/**
 * atlas_record_list_set_model:
 * @model: (nullable): a selection over `AtlasPartnership`s
 *
 * Shows the records of @model, from the top, and its selection.
 */
void
atlas_record_list_set_model (AtlasRecordList    *self,
                             GtkSingleSelection *model)
{
  g_return_if_fail (ATLAS_IS_RECORD_LIST (self));
  g_return_if_fail (!model || GTK_IS_SINGLE_SELECTION (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  if (self->rows != NULL)
    forget_rows (self);
  self->n_items = model ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
  self->selected = model ? gtk_single_selection_get_selected (model) : INVALID;
  self->cursor = self->selected;
  self->hover = INVALID;

  if (model != NULL)
    {
      g_signal_connect_swapped (model, "items-changed", G_CALLBACK (items_changed_cb), self);
      g_signal_connect_swapped (model, "selection-changed", G_CALLBACK (selection_changed_cb), self);
      g_signal_connect_swapped (model, "notify::selected-item", G_CALLBACK (update_description), self);
    }

  if (self->vadjustment != NULL)
    {
      gtk_adjustment_set_value (self->vadjustment, 0);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      update_description (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * atlas_record_list_scroll_to:
 * @position: a row
 *
 * Scrolls as little as shows the row at @position whole; once the list
 * has a size, if it has none yet.
 */
void
atlas_record_list_scroll_to (AtlasRecordList *self,
                             guint            position)
{
  int height;
  double top;
  double bottom;
  double value;

  g_return_if_fail (ATLAS_IS_RECORD_LIST (self));

  if (position >= self->n_items)
    return;

  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (height <= 0 || gtk_widget_get_allocated_height (GTK_WIDGET (self)) <= 0)
    {
      self->pending_scroll = position;
      return;
    }

  ensure_geometry (self);
  value = get_value (self);
  top = get_row_top (self, position);
  bottom = top + self->row_height;

  /* The first and last rows with the list's padding */
  if (position == 0)
    top -= LIST_PADDING_Y;
  if (position == self->n_items - 1)
    bottom += LIST_PADDING_Y;

  if (top < value)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (bottom > value + height)
    gtk_adjustment_set_value (self->vadjustment, bottom - height);
}

/* For the tests */

PangoLayout *
_atlas_record_list_get_layout (AtlasRecordList     *self,
                               guint                position,
                               AtlasRecordListLine  line)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_LIST (self), NULL);
  g_return_val_if_fail (position < self->n_items, NULL);
  g_return_val_if_fail (line < N_LINES, NULL);

  return get_row (self, position)->lines[line];
}

gboolean
_atlas_record_list_get_row_area (AtlasRecordList *self,
                                 guint            position,
                                 graphene_rect_t *area)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_LIST (self), FALSE);

  if (position >= self->n_items)
    return FALSE;

  ensure_geometry (self);
  get_row_rect (self, position, area);
  return TRUE;
}

void
_atlas_record_list_get_visible_range (AtlasRecordList *self,
                                      guint           *first,
                                      guint           *n_visible)
{
  g_return_if_fail (ATLAS_IS_RECORD_LIST (self));

  ensure_geometry (self);
  get_visible_range (self, first, n_visible);
}

char *
_atlas_record_list_get_tooltip_text (AtlasRecordList *self,
                                     guint            position)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_LIST (self), NULL);
  g_return_val_if_fail (position < self->n_items, NULL);

  return get_tooltip_text (self, position);
}

guint
_atlas_record_list_get_n_cached_rows (AtlasRecordList *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_LIST (self), 0);
  return g_hash_table_size (self->rows);
}
