/* atlas-history.h — undoable changes to an AtlasStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-store.h"

G_BEGIN_DECLS

/**
 * AtlasHistoryStep:
 * @before: (nullable): the record as it was; %NULL when the step adds one
 * @after: (nullable): the record as it becomes; %NULL when the step
 *   deletes one
 *
 * One record's part in a change.  With both set, the record @before.id
 * is replaced by @after, which may have another id.  A step that
 * @changes_extra instead replaces the data file's own members (its saved
 * views, say) @extra_before by @extra_after.
 */
typedef struct
{
  AtlasPartnership *before;
  AtlasPartnership *after;
  JsonObject       *extra_before;
  JsonObject       *extra_after;
  gboolean          changes_extra;
} AtlasHistoryStep;

#define ATLAS_TYPE_HISTORY (atlas_history_get_type ())

G_DECLARE_FINAL_TYPE (AtlasHistory, atlas_history, ATLAS, HISTORY, GObject)

AtlasHistoryStep *atlas_history_step_new        (AtlasPartnership  *before,
                                                 AtlasPartnership  *after);
AtlasHistoryStep *atlas_history_step_new_extra  (JsonObject        *before,
                                                 JsonObject        *after);
void              atlas_history_step_free       (AtlasHistoryStep  *step);

AtlasHistory     *atlas_history_new             (AtlasStore        *store);
AtlasStore       *atlas_history_get_store       (AtlasHistory      *self);

gboolean          atlas_history_perform         (AtlasHistory      *self,
                                                 const char        *label,
                                                 GPtrArray         *steps,
                                                 GError           **error);
gboolean          atlas_history_add_record      (AtlasHistory      *self,
                                                 AtlasPartnership  *record,
                                                 GError           **error);
gboolean          atlas_history_edit_record     (AtlasHistory      *self,
                                                 const char        *id,
                                                 AtlasPartnership  *record,
                                                 GError           **error);
gboolean          atlas_history_delete_record   (AtlasHistory      *self,
                                                 const char        *id,
                                                 GError           **error);
gboolean          atlas_history_set_extra       (AtlasHistory      *self,
                                                 const char        *label,
                                                 JsonObject        *extra,
                                                 GError           **error);

gboolean          atlas_history_can_undo        (AtlasHistory      *self);
gboolean          atlas_history_can_redo        (AtlasHistory      *self);
const char       *atlas_history_get_undo_label  (AtlasHistory      *self);
const char       *atlas_history_get_redo_label  (AtlasHistory      *self);
gboolean          atlas_history_undo            (AtlasHistory      *self,
                                                 GError           **error);
gboolean          atlas_history_redo            (AtlasHistory      *self,
                                                 GError           **error);
void              atlas_history_clear           (AtlasHistory      *self);
void              atlas_history_mark_saved      (AtlasHistory      *self);
guint64           atlas_history_get_serial      (AtlasHistory      *self);
GPtrArray        *atlas_history_diff_steps      (AtlasStore        *store,
                                                 GPtrArray         *records);

G_END_DECLS
