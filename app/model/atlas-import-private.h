/* atlas-import-private.h — what the importers (CSV, TimelineJS) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-format.h"

G_BEGIN_DECLS

char         *_atlas_import_fold              (const char   *text);
gboolean      _atlas_import_kind_from_text    (const char   *text,
                                               AtlasKind    *kind);
gboolean      _atlas_import_status_from_text  (const char   *text,
                                               AtlasStatus  *status);
const char   *_atlas_import_country_code      (const char   *text);
void          _atlas_import_normalize_ids     (GPtrArray    *objects,
                                               GHashTable   *taken);
AtlasProblem *_atlas_import_problem_new       (AtlasProblemKind  kind,
                                               int               record,
                                               const char       *field,
                                               const char       *message);

G_END_DECLS
