/* atlas-filter.h — the one filter of the window: time range, kinds,
 * statuses, countries, organizations, tags and free text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atlas-organizations.h"
#include "atlas-view-state.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_FILTER (atlas_filter_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFilter, atlas_filter, ATLAS, FILTER, GtkFilter)

AtlasFilter          *atlas_filter_new                (void);
const AtlasViewState *atlas_filter_get_state          (AtlasFilter          *self);
void                  atlas_filter_set_state          (AtlasFilter          *self,
                                                       const AtlasViewState *state);
void                  atlas_filter_set_organizations  (AtlasFilter          *self,
                                                       AtlasOrganizations   *organizations);
void                  atlas_filter_set_today          (AtlasFilter          *self,
                                                       gint32                day);
gboolean              atlas_filter_match_record       (AtlasFilter          *self,
                                                       AtlasPartnership     *record);
gboolean              atlas_filter_match_record_with_facts (AtlasFilter      *self,
                                                            AtlasPartnership *record,
                                                            gpointer         *facts);
char                 *atlas_fold_text                 (const char           *text);

G_END_DECLS
