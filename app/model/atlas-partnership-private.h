/* atlas-partnership-private.h — making records fast, for the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-partnership.h"

G_BEGIN_DECLS

AtlasPartnership *_atlas_partnership_new_take (char               *id,
                                               char               *title,
                                               AtlasKind           kind,
                                               const AtlasDate    *start,
                                               const AtlasDate    *end,
                                               AtlasStatus         status,
                                               const char * const *countries,
                                               const char * const *organizations,
                                               char               *summary,
                                               GPtrArray          *sources,
                                               const char * const *tags,
                                               JsonObject         *extra);

G_END_DECLS
