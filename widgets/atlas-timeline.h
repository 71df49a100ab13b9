/* atlas-timeline.h — dated items along a time axis, in lanes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_TIMELINE (atlas_timeline_get_type ())

G_DECLARE_FINAL_TYPE (AtlasTimeline, atlas_timeline, ATLAS, TIMELINE, GtkWidget)

GtkWidget         *atlas_timeline_new                      (void);

GtkSelectionModel *atlas_timeline_get_model                (AtlasTimeline     *self);
void               atlas_timeline_set_model                (AtlasTimeline     *self,
                                                            GtkSelectionModel *model);

GtkExpression     *atlas_timeline_get_start_expression     (AtlasTimeline     *self);
void               atlas_timeline_set_start_expression     (AtlasTimeline     *self,
                                                            GtkExpression     *expression);
GtkExpression     *atlas_timeline_get_end_expression       (AtlasTimeline     *self);
void               atlas_timeline_set_end_expression       (AtlasTimeline     *self,
                                                            GtkExpression     *expression);
GtkExpression     *atlas_timeline_get_precision_expression (AtlasTimeline     *self);
void               atlas_timeline_set_precision_expression (AtlasTimeline     *self,
                                                            GtkExpression     *expression);
GtkExpression     *atlas_timeline_get_label_expression     (AtlasTimeline     *self);
void               atlas_timeline_set_label_expression     (AtlasTimeline     *self,
                                                            GtkExpression     *expression);
GtkExpression     *atlas_timeline_get_lane_expression      (AtlasTimeline     *self);
void               atlas_timeline_set_lane_expression      (AtlasTimeline     *self,
                                                            GtkExpression     *expression);
GtkExpression     *atlas_timeline_get_ongoing_expression   (AtlasTimeline     *self);
void               atlas_timeline_set_ongoing_expression   (AtlasTimeline     *self,
                                                            GtkExpression     *expression);
GtkExpression     *atlas_timeline_get_tooltip_expression   (AtlasTimeline     *self);
void               atlas_timeline_set_tooltip_expression   (AtlasTimeline     *self,
                                                            GtkExpression     *expression);

double             atlas_timeline_get_visible_start        (AtlasTimeline     *self);
double             atlas_timeline_get_visible_end          (AtlasTimeline     *self);
void               atlas_timeline_set_visible_range        (AtlasTimeline     *self,
                                                            double             start,
                                                            double             end);

gboolean           atlas_timeline_get_has_brush            (AtlasTimeline     *self);
double             atlas_timeline_get_brush_start          (AtlasTimeline     *self);
double             atlas_timeline_get_brush_end            (AtlasTimeline     *self);
void               atlas_timeline_set_brush                (AtlasTimeline     *self,
                                                            double             start,
                                                            double             end);
void               atlas_timeline_clear_brush              (AtlasTimeline     *self);

double             atlas_timeline_get_today                (AtlasTimeline     *self);
void               atlas_timeline_set_today                (AtlasTimeline     *self,
                                                            double             today);

gboolean           atlas_timeline_get_hide_hover           (AtlasTimeline     *self);
void               atlas_timeline_set_hide_hover           (AtlasTimeline     *self,
                                                            gboolean           hide);

void               atlas_timeline_zoom_in                  (AtlasTimeline     *self);
void               atlas_timeline_zoom_out                 (AtlasTimeline     *self);
void               atlas_timeline_zoom_to_fit              (AtlasTimeline     *self);
void               atlas_timeline_show_all                 (AtlasTimeline     *self);
void               atlas_timeline_zoom_to_selection        (AtlasTimeline     *self);

G_END_DECLS
