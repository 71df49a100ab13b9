/* atlas-organizations.h — the organizations records name (data/organizations.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_ORGANIZATION (atlas_organization_get_type ())
#define ATLAS_TYPE_ORGANIZATIONS (atlas_organizations_get_type ())

G_DECLARE_FINAL_TYPE (AtlasOrganization, atlas_organization, ATLAS, ORGANIZATION, GObject)
G_DECLARE_FINAL_TYPE (AtlasOrganizations, atlas_organizations, ATLAS, ORGANIZATIONS, GObject)

const char         *atlas_organization_get_id           (AtlasOrganization  *self);
const char         *atlas_organization_get_name         (AtlasOrganization  *self);
const char         *atlas_organization_get_kind         (AtlasOrganization  *self);
const char         *atlas_organization_get_headquarters (AtlasOrganization  *self);
const char * const *atlas_organization_get_members      (AtlasOrganization  *self);
int                 atlas_organization_get_members_year (AtlasOrganization  *self);
const char         *atlas_organization_get_url          (AtlasOrganization  *self);
const char         *atlas_organization_kind_get_label   (const char         *kind);

AtlasOrganizations *atlas_organizations_new             (void);
gboolean            atlas_organizations_load_bytes      (AtlasOrganizations *self,
                                                         GBytes             *bytes,
                                                         GPtrArray         **problems);
AtlasOrganization  *atlas_organizations_lookup          (AtlasOrganizations *self,
                                                         const char         *id);

G_END_DECLS
