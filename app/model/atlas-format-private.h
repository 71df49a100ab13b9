/* atlas-format-private.h — the data file reader's parts the importers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-format.h"

G_BEGIN_DECLS

JsonNode         *_atlas_format_parse_json      (GBytes             *bytes,
                                                 GPtrArray          *problems);
AtlasPartnership *_atlas_format_read_record     (JsonNode           *node,
                                                 int                 index,
                                                 GHashTable         *ids,
                                                 GPtrArray          *problems);
JsonObject       *_atlas_format_collect_extra   (JsonObject         *object,
                                                 const char * const *known,
                                                 guint               n_known);
const char       *_atlas_format_describe_node   (JsonNode           *node);
void              _atlas_format_set_read_chunk_size (gsize           size);

G_END_DECLS
