/* atlas-view-state.h — what the window shows, as a shareable string:
 * space-atlas://view?from=1988&to=2010&kind=joint-mission&country=CN,BR…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-partnership.h"

G_BEGIN_DECLS

#define ATLAS_VIEW_STATE_ERROR (atlas_view_state_error_quark ())
#define ATLAS_VIEW_SCHEME "space-atlas"

typedef enum
{
  ATLAS_VIEW_STATE_ERROR_SYNTAX,
  ATLAS_VIEW_STATE_ERROR_VALUE,
} AtlasViewStateError;

/**
 * AtlasViewState:
 * @from: (nullable-date): the start of the time range filtered by, unset
 *   for none
 * @to: the end of the time range filtered by, unset for none
 * @kinds: a bit per AtlasKind shown; 0 shows all
 * @statuses: a bit per AtlasStatus shown; 0 shows all
 * @countries: (nullable): partner countries filtered by (any of them)
 * @organizations: (nullable): organizations filtered by (any of them)
 * @tags: (nullable): tags filtered by (any of them)
 * @text: (nullable): free text, every word of which a record must have
 * @record: (nullable): the id of the selected record
 * @lanes: (nullable): how the timeline groups records: "kind",
 *   "country" or "organization"
 * @time_start: the first day the timeline shows, or 0
 * @time_end: the last day the timeline shows, or 0
 * @has_map: whether the map's view is given
 * @map_latitude: the latitude at the map's centre
 * @map_longitude: the longitude at the map's centre
 * @map_zoom: the map's zoom level
 *
 * A plain value: every field may be set directly.  The string form
 * leaves out what is not set, so a view string stays short.
 */
typedef struct
{
  AtlasDate   from;
  AtlasDate   to;
  guint       kinds;
  guint       statuses;
  char      **countries;
  char      **organizations;
  char      **tags;
  char       *text;
  char       *record;
  char       *lanes;
  double      time_start;
  double      time_end;
  gboolean    has_map;
  double      map_latitude;
  double      map_longitude;
  double      map_zoom;
} AtlasViewState;

GQuark          atlas_view_state_error_quark (void);
AtlasViewState *atlas_view_state_new         (void);
AtlasViewState *atlas_view_state_copy        (const AtlasViewState *state);
void            atlas_view_state_free        (AtlasViewState       *state);
gboolean        atlas_view_state_equal       (const AtlasViewState *a,
                                              const AtlasViewState *b);
gboolean        atlas_view_state_has_filter  (const AtlasViewState *state);
AtlasViewState *atlas_view_state_parse       (const char           *text,
                                              GError              **error);
char           *atlas_view_state_to_string   (const AtlasViewState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasViewState, atlas_view_state_free)

G_END_DECLS
