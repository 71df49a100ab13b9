/* atlas-partnership.h — one record of international space cooperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "atlas-date.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_KIND_AGREEMENT,
  ATLAS_KIND_JOINT_MISSION,
  ATLAS_KIND_LAUNCH_SERVICE,
  ATLAS_KIND_DATA_SHARING,
  ATLAS_KIND_TRAINING,
  ATLAS_KIND_INSTITUTION,
  ATLAS_KIND_WORKSHOP,
  ATLAS_KIND_OTHER,
} AtlasKind;

#define ATLAS_N_KINDS (ATLAS_KIND_OTHER + 1)

typedef enum
{
  ATLAS_STATUS_UNKNOWN,
  ATLAS_STATUS_PLANNED,
  ATLAS_STATUS_ACTIVE,
  ATLAS_STATUS_COMPLETED,
} AtlasStatus;

#define ATLAS_N_STATUSES (ATLAS_STATUS_COMPLETED + 1)

#define ATLAS_TYPE_KIND (atlas_kind_get_type ())
#define ATLAS_TYPE_STATUS (atlas_status_get_type ())
#define ATLAS_TYPE_SOURCE (atlas_source_get_type ())
#define ATLAS_TYPE_PARTNERSHIP (atlas_partnership_get_type ())

GType        atlas_kind_get_type       (void) G_GNUC_CONST;
gboolean     atlas_kind_from_string    (const char *text,
                                        AtlasKind  *kind);
const char  *atlas_kind_to_string      (AtlasKind   kind);
const char  *atlas_kind_get_label      (AtlasKind   kind);

GType        atlas_status_get_type     (void) G_GNUC_CONST;
gboolean     atlas_status_from_string  (const char  *text,
                                        AtlasStatus *status);
const char  *atlas_status_to_string    (AtlasStatus  status);
const char  *atlas_status_get_label    (AtlasStatus  status);

/**
 * AtlasSource:
 * @title: the headline or title of the source
 * @document: (nullable): a file name among the seed documents
 * @url: (nullable): where the source can be read
 * @extra: (nullable): keys this version does not know, kept as they were
 */
typedef struct
{
  char       *title;
  char       *document;
  char       *url;
  JsonObject *extra;
} AtlasSource;

GType        atlas_source_get_type     (void) G_GNUC_CONST;
AtlasSource *atlas_source_new          (const char        *title,
                                        const char        *document,
                                        const char        *url);
AtlasSource *atlas_source_copy         (const AtlasSource *source);
void         atlas_source_free         (AtlasSource       *source);
gboolean     atlas_source_equal        (const AtlasSource *a,
                                        const AtlasSource *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSource, atlas_source_free)

G_DECLARE_FINAL_TYPE (AtlasPartnership, atlas_partnership, ATLAS, PARTNERSHIP, GObject)

AtlasPartnership   *atlas_partnership_new               (const char         *id);
AtlasPartnership   *atlas_partnership_copy              (AtlasPartnership   *self);
gboolean            atlas_partnership_equal             (AtlasPartnership   *a,
                                                         AtlasPartnership   *b);
int                 atlas_partnership_compare           (AtlasPartnership   *a,
                                                         AtlasPartnership   *b);

const char         *atlas_partnership_get_id            (AtlasPartnership   *self);
void                atlas_partnership_set_id            (AtlasPartnership   *self,
                                                         const char         *id);
const char         *atlas_partnership_get_title         (AtlasPartnership   *self);
void                atlas_partnership_set_title         (AtlasPartnership   *self,
                                                         const char         *title);
AtlasKind           atlas_partnership_get_kind          (AtlasPartnership   *self);
void                atlas_partnership_set_kind          (AtlasPartnership   *self,
                                                         AtlasKind           kind);
const AtlasDate    *atlas_partnership_get_start         (AtlasPartnership   *self);
void                atlas_partnership_set_start         (AtlasPartnership   *self,
                                                         const AtlasDate    *start);
const AtlasDate    *atlas_partnership_get_end           (AtlasPartnership   *self);
void                atlas_partnership_set_end           (AtlasPartnership   *self,
                                                         const AtlasDate    *end);
AtlasStatus         atlas_partnership_get_status        (AtlasPartnership   *self);
void                atlas_partnership_set_status        (AtlasPartnership   *self,
                                                         AtlasStatus         status);
const char * const *atlas_partnership_get_countries     (AtlasPartnership   *self);
void                atlas_partnership_set_countries     (AtlasPartnership   *self,
                                                         const char * const *countries);
gboolean            atlas_partnership_has_country       (AtlasPartnership   *self,
                                                         const char         *code);
const char * const *atlas_partnership_get_organizations (AtlasPartnership   *self);
void                atlas_partnership_set_organizations (AtlasPartnership   *self,
                                                         const char * const *organizations);
const char         *atlas_partnership_get_summary       (AtlasPartnership   *self);
void                atlas_partnership_set_summary       (AtlasPartnership   *self,
                                                         const char         *summary);
GPtrArray          *atlas_partnership_get_sources       (AtlasPartnership   *self);
void                atlas_partnership_set_sources       (AtlasPartnership   *self,
                                                         GPtrArray          *sources);
const char * const *atlas_partnership_get_tags          (AtlasPartnership   *self);
void                atlas_partnership_set_tags          (AtlasPartnership   *self,
                                                         const char * const *tags);
char               *atlas_partnership_format_period     (AtlasPartnership   *self);
JsonObject         *atlas_partnership_get_extra         (AtlasPartnership   *self);
void                atlas_partnership_set_extra         (AtlasPartnership   *self,
                                                         JsonObject         *extra);

G_END_DECLS
