/* atlas-detail-pane.h — every field of the selected record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atlas-organizations.h"
#include "atlas-partnership.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_DETAIL_PANE (atlas_detail_pane_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDetailPane, atlas_detail_pane, ATLAS, DETAIL_PANE, GtkWidget)

GtkWidget        *atlas_detail_pane_new               (void);
AtlasPartnership *atlas_detail_pane_get_record        (AtlasDetailPane    *self);
void              atlas_detail_pane_set_record        (AtlasDetailPane    *self,
                                                       AtlasPartnership   *record);
void              atlas_detail_pane_set_organizations (AtlasDetailPane    *self,
                                                       AtlasOrganizations *organizations);

G_END_DECLS
