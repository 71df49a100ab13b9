/* atlas-application.h — the Space Atlas application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "atlas-geojson.h"
#include "atlas-organizations.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_APPLICATION (atlas_application_get_type ())

G_DECLARE_FINAL_TYPE (AtlasApplication, atlas_application, ATLAS, APPLICATION, AdwApplication)

AtlasApplication   *atlas_application_new                   (void);
AtlasOrganizations *atlas_application_get_organizations     (AtlasApplication *self);
GSettings          *atlas_application_get_settings          (AtlasApplication *self);
void                atlas_application_forget_settings       (AtlasApplication *self);
void                atlas_application_apply_style           (AtlasApplication *self);
GFile              *atlas_application_get_bundled_data_file (void);
int                 atlas_application_check_files           (const char * const *paths,
                                                             GString            *out);
AtlasLabelPointFunc atlas_application_get_label_point_func  (void);

G_END_DECLS
