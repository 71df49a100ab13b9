/* atlas-stats-view.h — summary statistics of the records shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atlas-statistics.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_STATS_VIEW (atlas_stats_view_get_type ())

G_DECLARE_FINAL_TYPE (AtlasStatsView, atlas_stats_view, ATLAS, STATS_VIEW, GtkWidget)

GtkWidget *atlas_stats_view_new        (void);
void       atlas_stats_view_set_model  (AtlasStatsView *self,
                                        GListModel     *records);
void       atlas_stats_view_refresh    (AtlasStatsView *self);
const AtlasStatistics *
           atlas_stats_view_get_statistics (AtlasStatsView *self);

G_END_DECLS
