/* atlas-bar-chart.h — a small bar chart of counts over consecutive years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_BAR_CHART (atlas_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (AtlasBarChart, atlas_bar_chart, ATLAS, BAR_CHART, GtkWidget)

/**
 * AtlasBarChartTooltipFunc:
 * @label: the bar's label value (a year)
 * @value: the bar's value
 *
 * Returns: (transfer full): the bar's tooltip
 */
typedef char *(*AtlasBarChartTooltipFunc) (int      label,
                                           guint    value,
                                           gpointer user_data);

GtkWidget *atlas_bar_chart_new               (void);
void       atlas_bar_chart_set_values        (AtlasBarChart            *self,
                                              const guint              *values,
                                              guint                     n_values,
                                              int                       first_label);
guint      atlas_bar_chart_get_n_values      (AtlasBarChart            *self);
void       atlas_bar_chart_set_tooltip_func  (AtlasBarChart            *self,
                                              AtlasBarChartTooltipFunc  func,
                                              gpointer                  user_data,
                                              GDestroyNotify            destroy);
int        atlas_bar_chart_get_bar_at        (AtlasBarChart            *self,
                                              double                    x);
guint      atlas_bar_chart_choose_label_step (guint                     n_values,
                                              double                    width,
                                              double                    label_width);

G_END_DECLS
