/* atlas-bar-chart.c — a small bar chart of counts over consecutive years
 *
 * Bars from the bottom, scaled to the largest value, in the widget's CSS
 * colour; years along the bottom at a round step (1, 2, 5, 10, 20, 50…)
 * wide enough that labels never overlap.  Hovering a bar shows its
 * tooltip.  Drawn with GtkSnapshot only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-bar-chart"

#include "config.h"

#include "atlas-bar-chart.h"

#define AXIS_HEIGHT 18
#define BAR_GAP_FRACTION 0.2

struct _AtlasBarChart
{
  GtkWidget                 parent_instance;

  guint                    *values;
  guint                     n_values;
  guint                     max_value;
  int                       first_label;

  AtlasBarChartTooltipFunc  tooltip_func;
  gpointer                  tooltip_data;
  GDestroyNotify            tooltip_destroy;
};

G_DEFINE_FINAL_TYPE (AtlasBarChart, atlas_bar_chart, GTK_TYPE_WIDGET)

/**
 * atlas_bar_chart_choose_label_step:
 * @n_values: how many bars
 * @width: the chart's width in pixels
 * @label_width: the width a label needs, with some room around it
 *
 * Returns: every how many bars to label: 1, 2, 5, 10, 20, 50, …, so
 *   that labels never overlap
 */
guint
atlas_bar_chart_choose_label_step (guint  n_values,
                                   double width,
                                   double label_width)
{
  static const guint steps[] = { 1, 2, 5, 10 };
  double bar_width;

  if (n_values == 0 || width <= 0)
    return 1;

  bar_width = width / n_values;
  for (guint scale = 1; scale < 100000; scale *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      if (bar_width * steps[i] * scale >= label_width)
        return steps[i] * scale;

  return n_values;
}

/**
 * atlas_bar_chart_get_bar_at:
 * @x: a position across the widget
 *
 * Returns: the bar under @x, or -1
 */
int
atlas_bar_chart_get_bar_at (AtlasBarChart *self,
                            double         x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int index;

  g_return_val_if_fail (ATLAS_IS_BAR_CHART (self), -1);

  if (self->n_values == 0 || width <= 0 || x < 0 || x >= width)
    return -1;

  index = (int) (x * self->n_values / width);
  return CLAMP (index, 0, (int) self->n_values - 1);
}

static void
atlas_bar_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AtlasBarChart *self = ATLAS_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double chart_height = height - AXIS_HEIGHT;
  double bar_width, label_width;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color, dim, baseline;
  guint step;
  int text_width, text_height;

  if (width <= 0 || chart_height <= 0 || self->n_values == 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = color;
  dim.alpha *= 0.6;
  baseline = color;
  baseline.alpha *= 0.25;

  bar_width = (double) width / self->n_values;

  for (guint i = 0; i < self->n_values && self->max_value > 0; i++)
    {
      double h = chart_height * self->values[i] / self->max_value;
      double gap = bar_width > 3 ? bar_width * BAR_GAP_FRACTION : 0;

      /* Even one record shows */
      if (self->values[i] > 0)
        h = MAX (h, 2);

      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (i * bar_width + gap / 2, chart_height - h,
                                                      MAX (bar_width - gap, 1), h));
    }

  gtk_snapshot_append_color (snapshot, &baseline, &GRAPHENE_RECT_INIT (0, chart_height, width, 1));

  /* Year labels at a round step that leaves them room */
  layout = gtk_widget_create_pango_layout (widget, "8888");
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  label_width = text_width * 1.6;
  step = atlas_bar_chart_choose_label_step (self->n_values, width, label_width);

  for (guint i = 0; i < self->n_values; i++)
    {
      int label = self->first_label + (int) i;
      g_autofree char *text = NULL;
      double x;

      /* Labels on round years: 1990, 2000, not 1993, 2003 */
      if (((label % (int) step) + (int) step) % (int) step != 0)
        continue;

      text = g_strdup_printf ("%d", label);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      x = i * bar_width + bar_width / 2 - text_width / 2.0;
      if (x < 0 || x + text_width > width)
        continue;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, chart_height + 2));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
    }
}

static void
atlas_bar_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 280;
    }
  else
    {
      *minimum = 60 + AXIS_HEIGHT;
      *natural = 90 + AXIS_HEIGHT;
    }
}

static gboolean
atlas_bar_chart_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  AtlasBarChart *self = ATLAS_BAR_CHART (widget);
  g_autofree char *text = NULL;
  int index = atlas_bar_chart_get_bar_at (self, x);

  if (index < 0 || self->tooltip_func == NULL)
    return FALSE;

  text = self->tooltip_func (self->first_label + index, self->values[index], self->tooltip_data);
  gtk_tooltip_set_text (tooltip, text);
  return text != NULL;
}

static void
atlas_bar_chart_finalize (GObject *object)
{
  AtlasBarChart *self = ATLAS_BAR_CHART (object);

  if (self->tooltip_destroy != NULL)
    self->tooltip_destroy (self->tooltip_data);
  g_free (self->values);

  G_OBJECT_CLASS (atlas_bar_chart_parent_class)->finalize (object);
}

static void
atlas_bar_chart_class_init (AtlasBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = atlas_bar_chart_finalize;
  widget_class->snapshot = atlas_bar_chart_snapshot;
  widget_class->measure = atlas_bar_chart_measure;
  widget_class->query_tooltip = atlas_bar_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atlas_bar_chart_init (AtlasBarChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
atlas_bar_chart_new (void)
{
  return g_object_new (ATLAS_TYPE_BAR_CHART, NULL);
}

/**
 * atlas_bar_chart_set_values:
 * @values: (array length=n_values): a value per bar
 * @first_label: the label of the first bar (a year); the next bars
 *   count on from it
 */
void
atlas_bar_chart_set_values (AtlasBarChart *self,
                            const guint   *values,
                            guint          n_values,
                            int            first_label)
{
  g_return_if_fail (ATLAS_IS_BAR_CHART (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_free (self->values);
  self->values = g_memdup2 (values, n_values * sizeof (guint));
  self->n_values = n_values;
  self->first_label = first_label;
  self->max_value = 0;
  for (guint i = 0; i < n_values; i++)
    self->max_value = MAX (self->max_value, values[i]);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
atlas_bar_chart_get_n_values (AtlasBarChart *self)
{
  g_return_val_if_fail (ATLAS_IS_BAR_CHART (self), 0);
  return self->n_values;
}

/**
 * atlas_bar_chart_set_tooltip_func:
 *
 * Sets what a bar's tooltip says.
 */
void
atlas_bar_chart_set_tooltip_func (AtlasBarChart            *self,
                                  AtlasBarChartTooltipFunc  func,
                                  gpointer                  user_data,
                                  GDestroyNotify            destroy)
{
  g_return_if_fail (ATLAS_IS_BAR_CHART (self));

  if (self->tooltip_destroy != NULL)
    self->tooltip_destroy (self->tooltip_data);

  self->tooltip_func = func;
  self->tooltip_data = user_data;
  self->tooltip_destroy = destroy;
}
