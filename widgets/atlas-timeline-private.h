/* atlas-timeline-private.h — the timeline's insides, for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-time-scale.h"
#include "atlas-timeline.h"
#include "atlas-timeline-layout.h"

G_BEGIN_DECLS

AtlasTimelineLayout *_atlas_timeline_get_layout (AtlasTimeline  *self);
void                 _atlas_timeline_get_scale  (AtlasTimeline  *self,
                                                 AtlasTimeScale *scale,
                                                 double         *items_x,
                                                 double         *items_y);
void                 _atlas_timeline_ensure_layout (AtlasTimeline *self);
guint                _atlas_timeline_get_n_cached  (AtlasTimeline *self);

G_END_DECLS
