/* atlas-json-syntax.h — a strict JSON syntax check with exact locations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATLAS_JSON_MAX_DEPTH 512

gboolean atlas_json_check_syntax (const char  *data,
                                  gsize        length,
                                  guint        max_depth,
                                  gsize       *error_offset,
                                  char       **message);
void     atlas_json_locate       (const char  *data,
                                  gsize        offset,
                                  int         *line,
                                  int         *column);

G_END_DECLS
