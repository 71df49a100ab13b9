/* atlas-record-row.c — one record in the list of records
 *
 * Three lines of text: the title, when and what kind, and the partner
 * countries; each wraps onto a second line, then ends in an ellipsis.
 *
 * The row lays out and draws its text itself.  With 100,000 records,
 * a filter change makes the list bind a couple of hundred rows and
 * create dozens, then measure them all in the next frame; a template of
 * a box and three GtkLabels cost millions of instructions to create and
 * some twenty Pango layouts to measure, each time.  Here a row is one
 * widget with three PangoLayouts whose text binding sets; its width
 * does not depend on its text, so each line is laid out once, at the
 * width the list gives, and the row keeps the heights for the last few
 * widths, so measuring again for a width is a lookup.
 *
 * It looks as the labels did: GtkLabel's heights for the same
 * properties (wrap word-char, 2 lines, ellipsize end, the title 20 to
 * 40 characters wide), the row's CSS font with libadwaita's .heading and .caption on
 * top as Pango attributes, the row's CSS colour, dimmed like .dim-label
 * for the countries.  Selection and hover are the list's rows' own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-record-row"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-record-row-private.h"

/* Around the text and between its lines, as the template's box had */
#define PADDING_TOP    6
#define PADDING_BOTTOM 6
#define PADDING_START  4
#define PADDING_END    4
#define SPACING        2

/* The title label's width-chars and max-width-chars */
#define TITLE_MIN_CHARS 20
#define TITLE_MAX_CHARS 40

/* How many widths a row keeps its heights for */
#define N_HEIGHTS 4

#define N_LINES ATLAS_RECORD_ROW_N_LINES

typedef struct
{
  PangoLayout *layout;
  int          wrap_width;      /* Pango units; -1 for none */
} TextLine;

typedef struct
{
  int width;                    /* of the text, pixels; -1: free */
  int heights[N_LINES];
} Heights;

struct _AtlasRecordRow
{
  GtkWidget         parent_instance;

  AtlasPartnership *record;

  TextLine          lines[N_LINES];
  Heights           heights[N_HEIGHTS];
  guint             next_heights;
  guint             context_serial;

  /* Where the lines are drawn, for the width of text they were placed in */
  int               placed_width;  /* -1: to place again */
  graphene_point_t  origins[N_LINES];
};

G_DEFINE_FINAL_TYPE (AtlasRecordRow, atlas_record_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* libadwaita 1.2's .heading, .caption and .caption.dim-label */
static const struct
{
  PangoWeight weight;
  int         points;
  double      alpha;
} line_styles[N_LINES] = {
  [ATLAS_RECORD_ROW_TITLE] = { PANGO_WEIGHT_BOLD, 11, 1. },
  [ATLAS_RECORD_ROW_WHEN] = { PANGO_WEIGHT_NORMAL, 9, 1. },
  [ATLAS_RECORD_ROW_PARTNERS] = { PANGO_WEIGHT_NORMAL, 9, .55 },
};

/* One list of attributes per line, shared by every row */
static PangoAttrList *line_attrs[N_LINES];

static void
forget_sizes (AtlasRecordRow *self)
{
  for (guint i = 0; i < N_HEIGHTS; i++)
    self->heights[i].width = -1;
  self->placed_width = -1;
}

/* What was measured holds for the Pango context it was measured with:
 * its font, resolution, font options and direction, which GTK updates
 * from the CSS and the settings */
static gboolean
check_context (AtlasRecordRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);

  if (serial == self->context_serial)
    return FALSE;

  self->context_serial = serial;
  forget_sizes (self);
  return TRUE;
}

static void
update_alignment (AtlasRecordRow *self)
{
  /* GtkLabel's for xalign 0 and justify left */
  PangoAlignment alignment = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                             ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

  for (guint i = 0; i < N_LINES; i++)
    pango_layout_set_alignment (self->lines[i].layout, alignment);
}

static void
set_wrap_width (AtlasRecordRow *self,
                TextLine       *line,
                int             width)
{
  if (line->wrap_width == width)
    return;

  pango_layout_set_width (line->layout, width);
  line->wrap_width = width;
  self->placed_width = -1;
}

/* A line's height for a width of text (pixels), as GtkLabel measures
 * it: laid out once, wrapped at that width */
static int
measure_line (AtlasRecordRow *self,
              TextLine       *line,
              int             width)
{
  int height;

  set_wrap_width (self, line, width * PANGO_SCALE);
  pango_layout_get_pixel_size (line->layout, NULL, &height);
  return height;
}

static const Heights *
get_heights (AtlasRecordRow *self,
             int             width)
{
  Heights *heights;

  for (guint i = 0; i < N_HEIGHTS; i++)
    if (self->heights[i].width == width)
      return &self->heights[i];

  heights = &self->heights[self->next_heights];
  self->next_heights = (self->next_heights + 1) % N_HEIGHTS;
  for (guint i = 0; i < N_LINES; i++)
    heights->heights[i] = measure_line (self, &self->lines[i], width);
  heights->width = width;

  return heights;
}

static int
get_height (AtlasRecordRow *self,
            int             width)
{
  const Heights *heights = get_heights (self, width);
  int height = PADDING_TOP + PADDING_BOTTOM + SPACING * (N_LINES - 1);

  for (guint i = 0; i < N_LINES; i++)
    height += heights->heights[i];

  return height;
}

/* The approximate width of a character in the title's font, as
 * GtkLabel counts width-chars, in Pango units; the same for every row
 * with the same font, and costly to find (Pango shapes a sample text),
 * so kept for the last font */
static int
get_title_char_width (PangoContext *context)
{
  static PangoFontDescription *last_font;
  static PangoLanguage *last_language;
  static double last_resolution;
  static int last_width = -1;
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoLanguage *language = pango_context_get_language (context);
  double resolution = pango_cairo_context_get_resolution (context);
  g_autoptr(PangoFontDescription) title_font = NULL;
  PangoFontMetrics *metrics;

  if (last_width >= 0 && language == last_language && resolution == last_resolution &&
      pango_font_description_equal (font, last_font))
    return last_width;

  title_font = pango_font_description_copy (font);
  pango_font_description_set_weight (title_font, line_styles[ATLAS_RECORD_ROW_TITLE].weight);
  pango_font_description_set_size (title_font, line_styles[ATLAS_RECORD_ROW_TITLE].points * PANGO_SCALE);
  metrics = pango_context_get_metrics (context, title_font, language);
  last_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                    pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);

  g_clear_pointer (&last_font, pango_font_description_free);
  last_font = pango_font_description_copy (font);
  last_language = language;
  last_resolution = resolution;

  return last_width;
}

/* Each line where GtkLabel would draw it, in a box of labels as wide as
 * the text: at the start, on one line if it fits */
static void
place_lines (AtlasRecordRow *self,
             int             width)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int start = rtl ? PADDING_END : PADDING_START;
  Heights heights = *get_heights (self, width);
  int y = PADDING_TOP;

  for (guint i = 0; i < N_LINES; i++)
    {
      TextLine *line = &self->lines[i];
      PangoRectangle logical;
      int x;

      set_wrap_width (self, line, width * PANGO_SCALE);
      pango_layout_get_pixel_extents (line->layout, NULL, &logical);
      x = rtl ? width - logical.width - logical.x : -logical.x;
      self->origins[i] = GRAPHENE_POINT_INIT (start + x, y - logical.y);
      y += heights.heights[i] + SPACING;
    }

  self->placed_width = width;
}

static int
get_text_width (GtkWidget *widget)
{
  return MAX (gtk_widget_get_width (widget) - PADDING_START - PADDING_END, 0);
}

static void
update_text (AtlasRecordRow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *partners = NULL;
  g_autofree char *description = NULL;
  const char *title = "";

  if (self->record != NULL)
    {
      g_autofree char *period = atlas_partnership_format_period (self->record);

      title = atlas_partnership_get_title (self->record);
      if (title == NULL)
        title = "";
      /* Translators: when a record took place, then its kind:
       * "July 1988 · Joint mission" */
      when = g_strdup_printf (_("%s · %s"), period,
                              atlas_kind_get_label (atlas_partnership_get_kind (self->record)));
      partners = atlas_countries_format_list (atlas_partnership_get_countries (self->record));
    }

  pango_layout_set_text (self->lines[ATLAS_RECORD_ROW_TITLE].layout, title, -1);
  pango_layout_set_text (self->lines[ATLAS_RECORD_ROW_WHEN].layout, when ? when : "", -1);
  pango_layout_set_text (self->lines[ATLAS_RECORD_ROW_PARTNERS].layout, partners ? partners : "", -1);
  forget_sizes (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  /* What the labels said: the title names the row, the rest describes it */
  if (self->record == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  description = *partners != '\0' ? g_strconcat (when, "\n", partners, NULL) : g_strdup (when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
scale_factor_changed_cb (AtlasRecordRow *self,
                         GParamSpec     *pspec,
                         gpointer        user_data)
{
  forget_sizes (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static GtkSizeRequestMode
atlas_record_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The row's width of text, least and natural, in pixels: those of a
 * title of 20 and of 40 characters, whatever the record.  The list
 * gives its rows its own width, and measures every row it binds (a
 * couple of hundred) across: laying out their text on one line only to
 * learn widths it does not use was half the cost of a filter change's
 * frame.  The captions wrap within the title's width. */
static void
measure_width (AtlasRecordRow *self,
               int            *minimum,
               int            *natural)
{
  int char_width = get_title_char_width (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  *minimum = PANGO_PIXELS_CEIL (TITLE_MIN_CHARS * char_width);
  *natural = PANGO_PIXELS_CEIL (TITLE_MAX_CHARS * char_width);
}

static void
atlas_record_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (widget);
  int min_width;
  int nat_width;

  check_context (self);

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    {
      *minimum = *natural = get_height (self, MAX (for_size - PADDING_START - PADDING_END, 0));
      return;
    }

  measure_width (self, &min_width, &nat_width);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min_width + PADDING_START + PADDING_END;
      *natural = nat_width + PADDING_START + PADDING_END;
    }
  else
    {
      /* As GtkLabel: fewer lines at the natural width */
      *minimum = get_height (self, nat_width);
      *natural = get_height (self, min_width);
    }
}

static void
atlas_record_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (widget);

  check_context (self);
  place_lines (self, get_text_width (widget));
}

static void
atlas_record_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (widget);
  int width = get_text_width (widget);
  GdkRGBA color;

  /* Measuring for another width since may have wrapped a line anew */
  if (check_context (self) || self->placed_width != width)
    place_lines (self, width);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  for (guint i = 0; i < N_LINES; i++)
    {
      PangoLayout *layout = self->lines[i].layout;
      GdkRGBA line_color = color;

      if (*pango_layout_get_text (layout) == '\0')
        continue;

      line_color.alpha *= line_styles[i].alpha;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &self->origins[i]);
      gtk_snapshot_append_layout (snapshot, layout, &line_color);
      gtk_snapshot_restore (snapshot);
    }
}

static void
atlas_record_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (widget);

  GTK_WIDGET_CLASS (atlas_record_row_parent_class)->css_changed (widget, change);

  /* A change of font reaches the Pango context; colours are read when
   * drawing */
  if (check_context (self))
    gtk_widget_queue_resize (widget);
}

static void
atlas_record_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous_direction)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (widget);

  GTK_WIDGET_CLASS (atlas_record_row_parent_class)->direction_changed (widget, previous_direction);

  update_alignment (self);
  forget_sizes (self);
  gtk_widget_queue_resize (widget);
}

static void
atlas_record_row_dispose (GObject *object)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (atlas_record_row_parent_class)->dispose (object);
}

static void
atlas_record_row_finalize (GObject *object)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (object);

  for (guint i = 0; i < N_LINES; i++)
    g_clear_object (&self->lines[i].layout);

  G_OBJECT_CLASS (atlas_record_row_parent_class)->finalize (object);
}

static void
atlas_record_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_record_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      atlas_record_row_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_record_row_class_init (AtlasRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_record_row_dispose;
  object_class->finalize = atlas_record_row_finalize;
  object_class->get_property = atlas_record_row_get_property;
  object_class->set_property = atlas_record_row_set_property;
  widget_class->get_request_mode = atlas_record_row_get_request_mode;
  widget_class->measure = atlas_record_row_measure;
  widget_class->size_allocate = atlas_record_row_size_allocate;
  widget_class->snapshot = atlas_record_row_snapshot;
  widget_class->css_changed = atlas_record_row_css_changed;
  widget_class->direction_changed = atlas_record_row_direction_changed;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ATLAS_TYPE_PARTNERSHIP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint i = 0; i < N_LINES; i++)
    {
      line_attrs[i] = pango_attr_list_new ();
      pango_attr_list_insert (line_attrs[i], pango_attr_weight_new (line_styles[i].weight));
      pango_attr_list_insert (line_attrs[i], pango_attr_size_new (line_styles[i].points * PANGO_SCALE));
    }

  gtk_widget_class_set_css_name (widget_class, "recordrow");
}

static void
atlas_record_row_init (AtlasRecordRow *self)
{
  for (guint i = 0; i < N_LINES; i++)
    {
      TextLine *line = &self->lines[i];

      /* A GtkLabel's with wrap, wrap-mode word-char, lines 2 and
       * ellipsize end */
      line->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "");
      pango_layout_set_attributes (line->layout, line_attrs[i]);
      pango_layout_set_wrap (line->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (line->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (line->layout, -2);
      line->wrap_width = -1;
    }
  update_alignment (self);
  forget_sizes (self);

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);
}

GtkWidget *
atlas_record_row_new (void)
{
  return g_object_new (ATLAS_TYPE_RECORD_ROW, NULL);
}

/**
 * atlas_record_row_get_record:
 *
 * Returns: (transfer none) (nullable): the record shown
 */
AtlasPartnership *
atlas_record_row_get_record (AtlasRecordRow *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_ROW (self), NULL);
  return self->record;
}

/**
 * atlas_record_row_set_record:
 * @record: (nullable): the record to show
 *
 * Shows @record: sets the text of the lines, which are laid out when
 * the list measures the row, and names the row after the record's
 * title for assistive technologies.
 */
void
atlas_record_row_set_record (AtlasRecordRow   *self,
                             AtlasPartnership *record)
{
  g_return_if_fail (ATLAS_IS_RECORD_ROW (self));
  g_return_if_fail (!record || ATLAS_IS_PARTNERSHIP (record));

  if (!g_set_object (&self->record, record))
    return;

  update_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

PangoLayout *
_atlas_record_row_get_layout (AtlasRecordRow     *self,
                              AtlasRecordRowLine  line)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_ROW (self), NULL);
  g_return_val_if_fail (line < N_LINES, NULL);

  return self->lines[line].layout;
}
