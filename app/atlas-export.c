/* atlas-export.c — pictures of the timeline and the map: PNG, SVG, PDF
 *
 * A picture is what the window shows: the map, the timeline or both,
 * stacked as in the window (side by side when the picture is wide),
 * under a caption that names the data set and its filters.  It is drawn
 * with cairo, the same drawing for every format: onto a PDF or SVG
 * surface it stays vector, text included; onto an image surface scaled
 * by 2 it is drawn at twice the resolution, so a 2× PNG is sharp.
 *
 * The views draw themselves: the timeline's render node, drawn through
 * cairo, and atlas_world_map_draw() for the map, which draws the basemap
 * as paths instead of its tiles.  For a size other than the window's,
 * the views are laid out at that size for the time of the drawing, and
 * the window lays them out again at its next frame, before anyone sees
 * them.  Views of a window that is not shown (`space-atlas --export`)
 * are mapped for that time, without their window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-export"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "atlas-cairo-texture.h"
#include "atlas-countries.h"
#include "atlas-export.h"
#include "atlas-format.h"
#include "atlas-save.h"
#include "atlas-window-private.h"
#include "atlas-world-map-export.h"

/* The caption's margins, and the line between two views, in pixels */
#define CAPTION_PADDING_X 14.
#define CAPTION_PADDING_Y 10.
#define SEPARATOR 1.
/* The map's share of a window whose views were never laid out */
#define DEFAULT_MAP_SHARE .55
/* From this width per height of the views on, they go side by side */
#define SIDE_BY_SIDE_RATIO 2.

/* A view laid out for a picture, and what to undo afterwards */
typedef struct
{
  GtkWidget     *widget;
  int            width;
  int            height;
  GtkAllocation  on_screen;  /* what the window gave it, if anything */
  gboolean       mapped_here;
} View;

typedef struct
{
  AtlasWindow       *window;
  AtlasExportLayout  layout;
  View               views[2];
  guint              n_views;
  gboolean           focus_visible;
  gboolean           hide_hover;
} Session;

/* Options */

/**
 * atlas_export_options_init:
 *
 * Sets @options to a PNG of both views, as large as the window shows
 * them.
 */
void
atlas_export_options_init (AtlasExportOptions *options)
{
  g_return_if_fail (options != NULL);

  options->views = ATLAS_EXPORT_VIEWS_BOTH;
  options->format = ATLAS_EXPORT_FORMAT_PNG;
  options->width = 0;
  options->height = 0;
  options->scale = 1.;
}

static const char * const extensions[] = { "png", "svg", "pdf" };

/**
 * atlas_export_format_for_name:
 * @name: a file name
 * @format: (out): the format its extension names
 *
 * Returns: whether @name ends in .png, .svg or .pdf, in any case
 */
gboolean
atlas_export_format_for_name (const char        *name,
                              AtlasExportFormat *format)
{
  const char *dot;

  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL || (dot = strrchr (name, '.')) == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, extensions[i]) == 0)
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

const char *
atlas_export_format_get_extension (AtlasExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (extensions), NULL);

  return extensions[format];
}

static gboolean
parse_dimension (const char  *text,
                 char       **end,
                 int         *value)
{
  guint64 number;

  if (!g_ascii_isdigit (*text))
    return FALSE;

  number = g_ascii_strtoull (text, end, 10);
  if (number < 1 || number > ATLAS_EXPORT_MAX_SIZE)
    return FALSE;

  *value = (int) number;
  return TRUE;
}

/**
 * atlas_export_parse_size:
 * @text: "WIDTHxHEIGHT": "1600x900", "1600X900" or "1600×900"
 *
 * Returns: whether @text is a size, each side from 1 to
 *   %ATLAS_EXPORT_MAX_SIZE
 */
gboolean
atlas_export_parse_size (const char *text,
                         int        *width,
                         int        *height)
{
  char *end;
  int w, h;

  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  if (text == NULL || !parse_dimension (text, &end, &w))
    return FALSE;

  if (*end == 'x' || *end == 'X')
    end++;
  else if (g_str_has_prefix (end, "×"))
    end += strlen ("×");
  else
    return FALSE;

  if (!parse_dimension (end, &end, &h) || *end != '\0')
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

/**
 * atlas_export_parse_views:
 * @text: "timeline", "map" or "both"
 */
gboolean
atlas_export_parse_views (const char       *text,
                          AtlasExportViews *views)
{
  static const char * const names[] = { "both", "map", "timeline" };

  g_return_val_if_fail (views != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *views = i;
        return TRUE;
      }

  return FALSE;
}

/* The caption */

static char *
dup_data_set_name (AtlasWindow *window)
{
  GFile *file = atlas_store_get_file (atlas_window_get_store (window));
  g_autofree char *uri = NULL;

  if (file == NULL)
    return g_strdup (_("Space Atlas"));

  uri = g_file_get_uri (file);
  if (g_str_has_prefix (uri, "resource://"))
    return g_strdup (_("Bundled Data Set"));

  return g_file_get_basename (file);
}

static void
append_part (GString    *text,
             const char *part)
{
  if (text->len > 0)
    /* Translators: between the parts of a picture's caption:
     * "12 of 40 records · Kind: Joint mission · Brazil" */
    g_string_append (text, _(" · "));
  g_string_append (text, part);
}

/* How many records, then each filter, as the filter bar's chips say
 * them (without flags: they would be bitmaps in a vector picture) */
static char *
dup_caption_details (AtlasWindow *window)
{
  const AtlasViewState *state = _atlas_window_get_filter (window);
  GListModel *store = G_LIST_MODEL (atlas_window_get_store (window));
  GListModel *shown = G_LIST_MODEL (atlas_timeline_get_model (_atlas_window_get_timeline (window)));
  guint n_records = g_list_model_get_n_items (store);
  GString *text = g_string_new (NULL);
  g_autofree char *count = NULL;

  if (shown != NULL && atlas_view_state_has_filter (state))
    /* Translators: in a picture's caption: how many records pass the
     * filters, of all */
    count = g_strdup_printf (ngettext ("%u of %u record", "%u of %u records", n_records),
                             g_list_model_get_n_items (shown), n_records);
  else
    /* Translators: in a picture's caption: how many records the data
     * set has */
    count = g_strdup_printf (ngettext ("%u record", "%u records", n_records), n_records);
  append_part (text, count);

  if (atlas_date_is_set (&state->from) || atlas_date_is_set (&state->to))
    {
      g_autofree char *from = atlas_date_format (&state->from);
      g_autofree char *to = atlas_date_format (&state->to);
      g_autofree char *range = NULL;

      if (!atlas_date_is_set (&state->to))
        /* Translators: in a picture's caption: records from this date on */
        range = g_strdup_printf (_("From %s"), from);
      else if (!atlas_date_is_set (&state->from))
        /* Translators: in a picture's caption: records up to this date */
        range = g_strdup_printf (_("Until %s"), to);
      else
        /* Translators: in a picture's caption: records in this time range */
        range = g_strdup_printf (_("%s – %s"), from, to);
      append_part (text, range);
    }

  for (guint i = 0; i < ATLAS_N_KINDS; i++)
    if (state->kinds & (1u << i))
      {
        /* Translators: in a picture's caption: records of this kind */
        g_autofree char *part = g_strdup_printf (_("Kind: %s"), atlas_kind_get_label (i));
        append_part (text, part);
      }

  for (guint i = 0; i < ATLAS_N_STATUSES; i++)
    if (state->statuses & (1u << i))
      {
        /* Translators: in a picture's caption: records with this status */
        g_autofree char *part = g_strdup_printf (_("Status: %s"), atlas_status_get_label (i));
        append_part (text, part);
      }

  for (guint i = 0; state->countries != NULL && state->countries[i] != NULL; i++)
    {
      const char *name = atlas_countries_get_name (state->countries[i]);
      append_part (text, name ? name : state->countries[i]);
    }

  for (guint i = 0; state->organizations != NULL && state->organizations[i] != NULL; i++)
    append_part (text, state->organizations[i]);

  for (guint i = 0; state->tags != NULL && state->tags[i] != NULL; i++)
    {
      /* Translators: in a picture's caption: records with this tag */
      g_autofree char *part = g_strdup_printf (_("Tag: %s"), state->tags[i]);
      append_part (text, part);
    }

  if (state->text != NULL && *state->text != '\0')
    {
      /* Translators: in a picture's caption: records with this text */
      g_autofree char *part = g_strdup_printf (_("“%s”"), state->text);
      append_part (text, part);
    }

  return g_string_free (text, FALSE);
}

/* The caption's two parts: the data set's name, in bold, and the rest */
static void
create_caption_layouts (AtlasWindow  *window,
                        PangoLayout **title,
                        PangoLayout **details)
{
  g_autofree char *name = dup_data_set_name (window);
  g_autofree char *text = dup_caption_details (window);
  g_autoptr(PangoAttrList) bold = pango_attr_list_new ();

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  *title = gtk_widget_create_pango_layout (GTK_WIDGET (window), name);
  pango_layout_set_attributes (*title, bold);
  pango_layout_set_ellipsize (*title, PANGO_ELLIPSIZE_MIDDLE);

  *details = gtk_widget_create_pango_layout (GTK_WIDGET (window), text);
  pango_layout_set_ellipsize (*details, PANGO_ELLIPSIZE_END);
}

static double
get_caption_height (AtlasWindow *window)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) details = NULL;
  int title_height, details_height;

  create_caption_layouts (window, &title, &details);
  pango_layout_get_pixel_size (title, NULL, &title_height);
  pango_layout_get_pixel_size (details, NULL, &details_height);

  return MAX (title_height, details_height) + 2 * CAPTION_PADDING_Y;
}

/* The theme's colours, as the window's style sheet names them */
static void
lookup_color (AtlasWindow *window,
              const char  *name,
              const char  *fallback,
              GdkRGBA     *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (window)), name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
draw_caption (AtlasWindow             *window,
              cairo_t                 *cr,
              const AtlasExportLayout *layout,
              const GdkRGBA           *foreground)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) details = NULL;
  double width = layout->caption.size.width - 2 * CAPTION_PADDING_X;
  double x = layout->caption.origin.x + CAPTION_PADDING_X;
  double y = layout->caption.origin.y + CAPTION_PADDING_Y;
  int title_width;

  if (width <= 0)
    return;

  create_caption_layouts (window, &title, &details);
  pango_layout_set_width (title, (int) (width * .6 * PANGO_SCALE));
  pango_layout_get_pixel_size (title, &title_width, NULL);

  cairo_save (cr);
  cairo_move_to (cr, x, y);
  gdk_cairo_set_source_rgba (cr, foreground);
  pango_cairo_show_layout (cr, title);

  /* The details after the name, dimmer */
  x += title_width + CAPTION_PADDING_X;
  width -= title_width + CAPTION_PADDING_X;
  if (width > 0)
    {
      pango_layout_set_width (details, (int) (width * PANGO_SCALE));
      cairo_move_to (cr, x, y);
      cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue,
                             foreground->alpha * .6);
      pango_cairo_show_layout (cr, details);
    }
  cairo_restore (cr);
}

/* Layout */

/**
 * atlas_export_compute_layout:
 * @layout: (out): where each part goes
 *
 * Lays out a picture as @options ask: the caption on top, then the
 * views, stacked like the window's, the map above, at the heights the
 * window gives them, or side by side when the picture is at least twice
 * as wide as the views are high.  With no size in @options, the views
 * keep the size they have in the window (1600 × 900 in all for a window
 * that has never been shown).
 */
void
atlas_export_compute_layout (AtlasWindow              *window,
                             const AtlasExportOptions *options,
                             AtlasExportLayout        *layout)
{
  GtkWidget *map = GTK_WIDGET (_atlas_window_get_world_map (window));
  GtkWidget *timeline = GTK_WIDGET (_atlas_window_get_timeline (window));
  int map_width = gtk_widget_get_width (map), map_height = gtk_widget_get_height (map);
  int timeline_width = gtk_widget_get_width (timeline), timeline_height = gtk_widget_get_height (timeline);
  gboolean laid_out = map_width > 0 && map_height > 0 && timeline_width > 0 && timeline_height > 0;
  double caption = get_caption_height (window);
  double share = laid_out ? map_height / (double) (map_height + timeline_height) : DEFAULT_MAP_SHARE;
  double content_width, content_height;
  int width = options->width, height = options->height;

  g_return_if_fail (ATLAS_IS_WINDOW (window));
  g_return_if_fail (layout != NULL);

  if (width <= 0 || height <= 0)
    {
      if (!laid_out)
        {
          width = ATLAS_EXPORT_DEFAULT_WIDTH;
          height = ATLAS_EXPORT_DEFAULT_HEIGHT;
        }
      else if (options->views == ATLAS_EXPORT_VIEWS_MAP)
        {
          width = map_width;
          height = ceil (caption) + map_height;
        }
      else if (options->views == ATLAS_EXPORT_VIEWS_TIMELINE)
        {
          width = timeline_width;
          height = ceil (caption) + timeline_height;
        }
      else
        {
          width = MAX (map_width, timeline_width);
          height = ceil (caption) + map_height + SEPARATOR + timeline_height;
        }
    }

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;

  /* Whole pixels for the views, so that they are drawn as on screen */
  caption = MIN (ceil (caption), height);
  layout->caption = GRAPHENE_RECT_INIT (0, 0, width, caption);
  content_width = width;
  content_height = height - caption;

  switch (options->views)
    {
    case ATLAS_EXPORT_VIEWS_MAP:
      layout->map = GRAPHENE_RECT_INIT (0, caption, content_width, content_height);
      break;

    case ATLAS_EXPORT_VIEWS_TIMELINE:
      layout->timeline = GRAPHENE_RECT_INIT (0, caption, content_width, content_height);
      break;

    case ATLAS_EXPORT_VIEWS_BOTH:
    default:
      if (content_width >= SIDE_BY_SIDE_RATIO * content_height)
        {
          double map_part = round ((content_width - SEPARATOR) / 2.);

          layout->map = GRAPHENE_RECT_INIT (0, caption, map_part, content_height);
          layout->timeline = GRAPHENE_RECT_INIT (map_part + SEPARATOR, caption,
                                                 content_width - map_part - SEPARATOR, content_height);
        }
      else
        {
          double map_part = round ((content_height - SEPARATOR) * share);

          layout->map = GRAPHENE_RECT_INIT (0, caption, content_width, map_part);
          layout->timeline = GRAPHENE_RECT_INIT (0, caption + map_part + SEPARATOR,
                                                 content_width, content_height - map_part - SEPARATOR);
        }
      break;
    }
}

/* Sessions: views laid out for a picture, then given back */

/* Lays @widget out at a size; again while that changes what it shows
 * (the map fits the world to a new size, and its markers then say more
 * or less), so that nothing waits for a frame that will not come */
static void
lay_out (GtkWidget           *widget,
         const GtkAllocation *allocation)
{
  for (guint i = 0; i < 3; i++)
    {
      int minimum_width, minimum_height, width;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum_width, NULL, NULL, NULL);
      width = MAX (allocation->width, minimum_width);
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum_height, NULL, NULL, NULL);
      gtk_widget_size_allocate (widget,
                                &(GtkAllocation) { allocation->x, allocation->y, width,
                                                   MAX (allocation->height, minimum_height) },
                                -1);
    }
}

static void
add_view (Session               *session,
          GtkWidget             *widget,
          const graphene_rect_t *area)
{
  View *view = &session->views[session->n_views++];

  view->widget = widget;
  view->width = (int) area->size.width;
  view->height = (int) area->size.height;
  gtk_widget_get_allocation (widget, &view->on_screen);

  /* A window that is not shown: its views alone are mapped, which
   * realizes the window but does not show it */
  if (!gtk_widget_get_mapped (widget))
    {
      gtk_widget_map (widget);
      view->mapped_here = TRUE;
    }

  /* Even at its size on screen: an allocation may be pending, and a
   * widget must not be drawn without one */
  lay_out (widget, &(GtkAllocation) { 0, 0, view->width, view->height });
}

static void
session_begin (Session                  *session,
               AtlasWindow              *window,
               const AtlasExportOptions *options)
{
  memset (session, 0, sizeof *session);
  session->window = window;
  atlas_export_compute_layout (window, options, &session->layout);

  /* A focus ring and the pointer's highlight belong to the screen, not
   * to the picture */
  session->focus_visible = gtk_window_get_focus_visible (GTK_WINDOW (window));
  gtk_window_set_focus_visible (GTK_WINDOW (window), FALSE);
  session->hide_hover = atlas_timeline_get_hide_hover (_atlas_window_get_timeline (window));
  atlas_timeline_set_hide_hover (_atlas_window_get_timeline (window), TRUE);

  if (!graphene_rect_equal (&session->layout.map, graphene_rect_zero ()))
    add_view (session, GTK_WIDGET (_atlas_window_get_world_map (window)), &session->layout.map);
  if (!graphene_rect_equal (&session->layout.timeline, graphene_rect_zero ()))
    add_view (session, GTK_WIDGET (_atlas_window_get_timeline (window)), &session->layout.timeline);
}

/* What changed since session_begin() (a view string, in --export) is
 * laid out once more */
static void
session_update (Session *session)
{
  for (guint i = 0; i < session->n_views; i++)
    lay_out (session->views[i].widget,
             &(GtkAllocation) { 0, 0, session->views[i].width, session->views[i].height });
}

static void
session_end (Session *session)
{
  for (guint i = 0; i < session->n_views; i++)
    {
      View *view = &session->views[i];

      /* Back as the window laid it out (the map fits the world to its
       * size again), at once, and again at the window's next frame */
      if (view->mapped_here)
        gtk_widget_unmap (view->widget);
      else if (view->on_screen.width > 0 && view->on_screen.height > 0)
        lay_out (view->widget, &view->on_screen);
      gtk_widget_queue_resize (view->widget);
    }

  gtk_window_set_focus_visible (GTK_WINDOW (session->window), session->focus_visible);
  atlas_timeline_set_hide_hover (_atlas_window_get_timeline (session->window), session->hide_hover);
}

/* Drawing */

/* A widget as it draws itself on screen, CSS boxes and all */
static void
draw_widget (GtkWidget *widget,
             cairo_t   *cr)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_point_t origin;

  gtk_widget_snapshot_child (parent, widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;

  /* The node is in the parent's coordinates */
  if (!gtk_widget_compute_point (widget, parent, graphene_point_zero (), &origin))
    graphene_point_init (&origin, 0, 0);

  cairo_save (cr);
  cairo_translate (cr, -origin.x, -origin.y);
  gsk_render_node_draw (node, cr);
  cairo_restore (cr);
}

static void
draw_view (cairo_t               *cr,
           GtkWidget             *widget,
           const graphene_rect_t *area)
{
  cairo_save (cr);
  cairo_rectangle (cr, area->origin.x, area->origin.y, area->size.width, area->size.height);
  cairo_clip (cr);
  cairo_translate (cr, area->origin.x, area->origin.y);

  if (ATLAS_IS_WORLD_MAP (widget))
    atlas_world_map_draw (ATLAS_WORLD_MAP (widget), cr);
  else
    draw_widget (widget, cr);

  cairo_restore (cr);
}

static void
session_draw (Session *session,
              cairo_t *cr)
{
  AtlasWindow *window = session->window;
  const AtlasExportLayout *layout = &session->layout;
  GdkRGBA background, foreground;

  lookup_color (window, "window_bg_color", "#fafafa", &background);
  lookup_color (window, "window_fg_color", "rgba(0,0,0,0.8)", &foreground);

  gdk_cairo_set_source_rgba (cr, &background);
  cairo_paint (cr);

  draw_caption (window, cr, layout, &foreground);

  for (guint i = 0; i < session->n_views; i++)
    draw_view (cr, session->views[i].widget,
               ATLAS_IS_WORLD_MAP (session->views[i].widget) ? &layout->map : &layout->timeline);

  /* The line between the views, and under the caption */
  cairo_set_source_rgba (cr, foreground.red, foreground.green, foreground.blue, foreground.alpha * .15);
  cairo_rectangle (cr, 0, layout->caption.size.height - SEPARATOR, layout->width, SEPARATOR);
  if (session->n_views == 2)
    {
      if (layout->timeline.origin.y > layout->map.origin.y)
        cairo_rectangle (cr, 0, layout->timeline.origin.y - SEPARATOR, layout->width, SEPARATOR);
      else
        cairo_rectangle (cr, layout->timeline.origin.x - SEPARATOR, layout->timeline.origin.y,
                         SEPARATOR, layout->timeline.size.height);
    }
  cairo_fill (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: %s says what went wrong, in English */
               _("Could not draw the picture: %s"), cairo_status_to_string (status));
  return FALSE;
}

static cairo_surface_t *
draw_image (Session *session,
            double   scale)
{
  int width = MAX (1, (int) ceil (session->layout.width * scale));
  int height = MAX (1, (int) ceil (session->layout.height * scale));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  session_draw (session, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static GBytes *
session_render (Session                  *session,
                const AtlasExportOptions *options,
                GError                  **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  double scale = options->scale > 0 ? options->scale : 1.;
  double width = session->layout.width * scale, height = session->layout.height * scale;
  cairo_surface_t *surface;
  cairo_status_t status;

  if (MAX (width, height) > ATLAS_EXPORT_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The picture would be %d × %d; it can be at most %d on each side"),
                   (int) ceil (width), (int) ceil (height), ATLAS_EXPORT_MAX_SIZE);
      return NULL;
    }

  if (options->format == ATLAS_EXPORT_FORMAT_PNG && width * height > ATLAS_EXPORT_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The picture would be %d × %d pixels; it can have at most %.0f million"),
                   (int) ceil (width), (int) ceil (height), ATLAS_EXPORT_MAX_PIXELS / 1e6);
      return NULL;
    }

  switch (options->format)
    {
    case ATLAS_EXPORT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;

    case ATLAS_EXPORT_FORMAT_PDF:
      {
        g_autofree char *title = dup_data_set_name (session->window);

        surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
      }
      break;

    case ATLAS_EXPORT_FORMAT_PNG:
    default:
      surface = draw_image (session, scale);
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      cairo_surface_destroy (surface);
      if (!check_status (status, error))
        return NULL;
      return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
    }

  /* Vector: the same drawing, onto a surface that keeps it as paths */
  {
    cairo_t *cr = cairo_create (surface);

    cairo_scale (cr, scale, scale);
    session_draw (session, cr);
    status = cairo_status (cr);
    cairo_destroy (cr);
  }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_status (status, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Public API */

/**
 * atlas_export_render:
 * @window: a window with a data set open; it need not be shown
 * @options: what to draw, how large, in which format
 *
 * Draws a picture of what @window shows.
 *
 * Returns: (transfer full) (nullable): the file's contents, or %NULL
 *   with @error set
 */
GBytes *
atlas_export_render (AtlasWindow               *window,
                     const AtlasExportOptions  *options,
                     GError                   **error)
{
  Session session;
  GBytes *bytes;

  g_return_val_if_fail (ATLAS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  session_begin (&session, window, options);
  bytes = session_render (&session, options, error);
  session_end (&session);

  return bytes;
}

/**
 * atlas_export_render_preview:
 * @max_width: the largest width of the preview, in pixels
 * @max_height: its largest height
 *
 * Draws the picture @options describe, whatever its format, small
 * enough to fit (@max_width, @max_height).
 *
 * Returns: (transfer full): the preview
 */
GdkTexture *
atlas_export_render_preview (AtlasWindow              *window,
                             const AtlasExportOptions *options,
                             int                       max_width,
                             int                       max_height)
{
  cairo_surface_t *surface;
  Session session;
  double scale;

  g_return_val_if_fail (ATLAS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  session_begin (&session, window, options);
  scale = MIN (max_width / (double) session.layout.width, max_height / (double) session.layout.height);
  surface = draw_image (&session, MIN (scale, 1.));
  session_end (&session);

  return atlas_cairo_texture_new (surface);
}

/**
 * atlas_export_save:
 * @file: where to write; atomically, so that an old file stays whole
 *   until the new one is
 *
 * Draws a picture of what @window shows and writes it to @file.
 */
gboolean
atlas_export_save (AtlasWindow               *window,
                   const AtlasExportOptions  *options,
                   GFile                     *file,
                   GError                   **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = atlas_export_render (window, options, error);
  return bytes != NULL && atlas_save_bytes (file, bytes, ATLAS_SAVE_FLAGS_NONE, error);
}

/* The command line */

static int
export_file (AtlasApplication         *application,
             GFile                    *file,
             const AtlasViewState     *view,
             const AtlasExportOptions *options,
             GFile                    *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AtlasWindow *window;
  Session session;

  /* The window is never shown: its views are mapped without it */
  window = atlas_window_new (application);
  atlas_window_open (window, file);
  while (atlas_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);

  if (atlas_store_get_file (atlas_window_get_store (window)) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_printerr (_("space-atlas --export: could not read “%s”\n"), name);
      gtk_window_destroy (GTK_WINDOW (window));
      return 1;
    }

  /* The views are laid out first, so that a view string's map extent is
   * not replaced by the world fitted to the picture */
  session_begin (&session, window, options);
  if (view != NULL)
    {
      atlas_window_set_view_state (window, view);
      session_update (&session);
    }
  bytes = session_render (&session, options, &error);
  session_end (&session);

  /* GTK 4.8 leaves the frame clock of a window that was realized but
   * never shown calling it: let the clock do what it has scheduled
   * while the window is still there */
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));

  if (bytes == NULL || !atlas_save_bytes (out, bytes, ATLAS_SAVE_FLAGS_NONE, &error))
    {
      g_printerr ("space-atlas --export: %s\n", error->message);
      return 1;
    }

  return 0;
}

/**
 * atlas_export_run_command_line:
 * @options: the command line's options; "export" is among them
 *
 * What `space-atlas --export OUT [--view-string S] [--size WxH]
 * [--show timeline|map|both] [FILE]` does, without showing a window:
 * it reads FILE (the bundled data set when none is named), shows the
 * view S of it, and draws a picture of it to OUT, as PNG, SVG or PDF
 * by OUT's extension.  Problems with FILE are printed as `--check`
 * prints them.
 *
 * Returns: the exit status: 0 once OUT is written, 1 when FILE has
 *   problems or OUT cannot be written, 2 for a usage error
 */
int
atlas_export_run_command_line (AtlasApplication *application,
                               GVariantDict     *options)
{
  g_autofree const char **paths = NULL;
  const char *out_path = NULL;
  const char *text = NULL;
  g_autoptr(AtlasViewState) view = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *report = NULL;
  AtlasExportOptions export_options;

  g_return_val_if_fail (ATLAS_IS_APPLICATION (application), 2);

  atlas_export_options_init (&export_options);
  export_options.width = ATLAS_EXPORT_DEFAULT_WIDTH;
  export_options.height = ATLAS_EXPORT_DEFAULT_HEIGHT;

  if (!g_variant_dict_lookup (options, "export", "^&ay", &out_path) || out_path == NULL ||
      !atlas_export_format_for_name (out_path, &export_options.format))
    {
      g_printerr (_("space-atlas --export: name the picture to write OUT.png, OUT.svg or OUT.pdf\n"));
      return 2;
    }

  if (g_variant_dict_lookup (options, "size", "&s", &text) &&
      !atlas_export_parse_size (text, &export_options.width, &export_options.height))
    {
      g_printerr (_("space-atlas --export: --size takes WIDTHxHEIGHT in pixels, each from 1 to %d, "
                    "such as 1600x900\n"), ATLAS_EXPORT_MAX_SIZE);
      return 2;
    }

  if (export_options.format == ATLAS_EXPORT_FORMAT_PNG &&
      (double) export_options.width * export_options.height > ATLAS_EXPORT_MAX_PIXELS)
    {
      g_printerr (_("space-atlas --export: a PNG can have at most %.0f million pixels\n"),
                  ATLAS_EXPORT_MAX_PIXELS / 1e6);
      return 2;
    }

  if (g_variant_dict_lookup (options, "show", "&s", &text) &&
      !atlas_export_parse_views (text, &export_options.views))
    {
      g_printerr (_("space-atlas --export: --show takes timeline, map or both\n"));
      return 2;
    }

  if (g_variant_dict_lookup (options, "view-string", "&s", &text) ||
      g_variant_dict_lookup (options, "view", "&s", &text))
    {
      view = atlas_view_state_parse (text, &error);
      if (view == NULL)
        {
          g_printerr ("space-atlas: %s\n", error->message);
          return 2;
        }
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);
  if (paths != NULL && paths[0] != NULL && paths[1] != NULL)
    {
      g_printerr (_("space-atlas --export: name one data file, or none for the bundled data set\n"));
      return 2;
    }

  if (paths != NULL && paths[0] != NULL)
    {
      file = g_file_new_for_commandline_arg (paths[0]);
      name = g_strdup (paths[0]);
    }
  else
    {
      file = atlas_application_get_bundled_data_file ();
      name = g_file_get_basename (file);
    }
  out = g_file_new_for_commandline_arg (out_path);

  /* Problems with the file, as --check prints them */
  records = atlas_format_read_file (file, NULL, NULL, &problems);
  report = atlas_problems_to_string (problems, name);
  fputs (report, stdout);
  if (records == NULL)
    return 1;

  if (!gtk_init_check ())
    {
      g_printerr (_("space-atlas --export needs a display; run it under xvfb-run\n"));
      return 1;
    }

  /* A process of its own, whatever else runs, that leaves the curator's
   * settings (the last file open) as they were */
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    {
      g_printerr ("space-atlas --export: %s\n", error->message);
      return 1;
    }
  atlas_application_forget_settings (application);

  return export_file (application, file, view, &export_options, out);
}
