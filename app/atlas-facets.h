/* atlas-facets.h — choosing kinds, statuses, organizations, tags and a
 * time range to filter by, each with how many records it would give
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atlas-filter.h"
#include "atlas-statistics.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_FACETS (atlas_facets_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFacets, atlas_facets, ATLAS, FACETS, GtkWidget)

GtkWidget            *atlas_facets_new       (void);
void                  atlas_facets_update    (AtlasFacets          *self,
                                              const AtlasViewState *state,
                                              GListModel           *records,
                                              AtlasOrganizations   *organizations);
const AtlasViewState *atlas_facets_get_state (AtlasFacets          *self);
void                  atlas_facets_toggle    (AtlasFacets          *self,
                                              const char           *facet,
                                              const char           *value);

G_END_DECLS
