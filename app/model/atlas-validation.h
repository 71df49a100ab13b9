/* atlas-validation.h — checking a record as a curator edits it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-store.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_FIELD_ID,
  ATLAS_FIELD_TITLE,
  ATLAS_FIELD_START,
  ATLAS_FIELD_END,
  ATLAS_FIELD_COUNTRIES,
  ATLAS_FIELD_SOURCES,
} AtlasField;

#define ATLAS_N_FIELDS (ATLAS_FIELD_SOURCES + 1)

typedef struct _AtlasValidation AtlasValidation;

AtlasValidation  *atlas_validation_new             (AtlasPartnership *draft,
                                                    const char       *start_text,
                                                    const char       *end_text,
                                                    AtlasStore       *store,
                                                    const char       *original_id);
void              atlas_validation_free            (AtlasValidation  *validation);
gboolean          atlas_validation_is_valid        (AtlasValidation  *validation);
const char       *atlas_validation_get_message     (AtlasValidation  *validation,
                                                    AtlasField        field);
const AtlasDate  *atlas_validation_get_start       (AtlasValidation  *validation);
const AtlasDate  *atlas_validation_get_end         (AtlasValidation  *validation);

double            atlas_title_similarity           (const char       *a,
                                                    const char       *b);
AtlasPartnership *atlas_find_possible_duplicate    (AtlasStore       *store,
                                                    AtlasPartnership *candidate,
                                                    const char       *ignore_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasValidation, atlas_validation_free)

G_END_DECLS
