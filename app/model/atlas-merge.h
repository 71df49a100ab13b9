/* atlas-merge.h — merging imported records into the open data set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-history.h"
#include "atlas-store.h"

G_BEGIN_DECLS

#define ATLAS_MERGE_ERROR (atlas_merge_error_quark ())

typedef enum
{
  ATLAS_MERGE_ERROR_CHANGED,
} AtlasMergeError;

#define ATLAS_TYPE_MERGE_CONFLICT (atlas_merge_conflict_get_type ())
#define ATLAS_TYPE_MERGE_PLAN (atlas_merge_plan_get_type ())

G_DECLARE_FINAL_TYPE (AtlasMergeConflict, atlas_merge_conflict, ATLAS, MERGE_CONFLICT, GObject)
G_DECLARE_FINAL_TYPE (AtlasMergePlan, atlas_merge_plan, ATLAS, MERGE_PLAN, GObject)

GQuark              atlas_merge_error_quark               (void);

AtlasPartnership   *atlas_merge_conflict_get_mine          (AtlasMergeConflict *self);
AtlasPartnership   *atlas_merge_conflict_get_theirs        (AtlasMergeConflict *self);
gboolean            atlas_merge_conflict_get_take_theirs   (AtlasMergeConflict *self);
void                atlas_merge_conflict_set_take_theirs   (AtlasMergeConflict *self,
                                                            gboolean            take_theirs);
char              **atlas_merge_conflict_dup_differences   (AtlasMergeConflict *self);

AtlasMergePlan     *atlas_merge_plan_new                   (AtlasStore         *store,
                                                            GPtrArray          *incoming);
GPtrArray          *atlas_merge_plan_get_additions         (AtlasMergePlan     *self);
guint               atlas_merge_plan_get_n_identical       (AtlasMergePlan     *self);
GListModel         *atlas_merge_plan_get_conflicts         (AtlasMergePlan     *self);
void                atlas_merge_plan_set_take_theirs_all   (AtlasMergePlan     *self,
                                                            gboolean            take_theirs);
GPtrArray          *atlas_merge_plan_dup_replacements      (AtlasMergePlan     *self);
guint               atlas_merge_plan_get_n_changes         (AtlasMergePlan     *self);
GPtrArray          *atlas_merge_plan_dup_steps             (AtlasMergePlan     *self);
char               *atlas_merge_plan_dup_label             (AtlasMergePlan     *self);
gboolean            atlas_merge_plan_is_current            (AtlasMergePlan     *self,
                                                            AtlasStore         *store);
gboolean            atlas_merge_plan_apply                 (AtlasMergePlan     *self,
                                                            AtlasHistory       *history,
                                                            GError            **error);

G_END_DECLS
