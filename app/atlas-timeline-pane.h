/* atlas-timeline-pane.h — the timeline of records, with its toolbar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atlas-timeline.h"

G_BEGIN_DECLS

/**
 * AtlasLaneGrouping:
 * @ATLAS_LANES_BY_KIND: a lane for each kind of cooperation
 * @ATLAS_LANES_BY_COUNTRY: a lane for each partner country; a record
 *   is in the lane of each of its countries
 * @ATLAS_LANES_BY_ORGANIZATION: a lane for each organization; a record
 *   is in the lane of each of its organizations, or in "No organization"
 */
typedef enum
{
  ATLAS_LANES_BY_KIND,
  ATLAS_LANES_BY_COUNTRY,
  ATLAS_LANES_BY_ORGANIZATION,
} AtlasLaneGrouping;

#define ATLAS_TYPE_TIMELINE_PANE (atlas_timeline_pane_get_type ())

G_DECLARE_FINAL_TYPE (AtlasTimelinePane, atlas_timeline_pane, ATLAS, TIMELINE_PANE, GtkWidget)

GtkWidget         *atlas_timeline_pane_new           (void);
GtkSelectionModel *atlas_timeline_pane_get_model     (AtlasTimelinePane *self);
void               atlas_timeline_pane_set_model     (AtlasTimelinePane *self,
                                                      GtkSelectionModel *model);
AtlasLaneGrouping  atlas_timeline_pane_get_lanes     (AtlasTimelinePane *self);
void               atlas_timeline_pane_set_lanes     (AtlasTimelinePane *self,
                                                      AtlasLaneGrouping  lanes);
AtlasTimeline     *atlas_timeline_pane_get_timeline  (AtlasTimelinePane *self);

G_END_DECLS
