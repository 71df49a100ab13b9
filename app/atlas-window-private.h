/* atlas-window-private.h — the main window's parts, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-convert.h"
#include "atlas-document.h"
#include "atlas-playback.h"
#include "atlas-record-list.h"
#include "atlas-timeline.h"
#include "atlas-world-map.h"
#include "atlas-view-state.h"
#include "atlas-window.h"

G_BEGIN_DECLS

AtlasRecordList    *_atlas_window_get_record_list  (AtlasWindow *self);
GtkSingleSelection *_atlas_window_get_selection    (AtlasWindow *self);
GtkWidget          *_atlas_window_get_detail_pane  (AtlasWindow *self);
GtkWidget          *_atlas_window_get_error_dialog (AtlasWindow *self);
GtkWidget          *_atlas_window_get_question_dialog (AtlasWindow *self);
GtkWidget          *_atlas_window_get_editor       (AtlasWindow *self);
AtlasDocument      *_atlas_window_get_document     (AtlasWindow *self);
void                _atlas_window_set_filter       (AtlasWindow          *self,
                                                    const AtlasViewState *state);
const AtlasViewState *_atlas_window_get_filter     (AtlasWindow          *self);
AtlasTimeline      *_atlas_window_get_timeline     (AtlasWindow *self);
AtlasWorldMap      *_atlas_window_get_world_map    (AtlasWindow *self);
void                _atlas_window_add_toast        (AtlasWindow *self,
                                                    AdwToast    *toast);
void                _atlas_window_set_presenting   (AtlasWindow *self,
                                                    gboolean     presenting);
gboolean            _atlas_window_get_presenting   (AtlasWindow *self);
AtlasPlayback      *_atlas_window_get_playback     (AtlasWindow *self);
const char         *_atlas_window_get_caption_news (AtlasWindow *self);
gboolean            _atlas_window_save_view        (AtlasWindow  *self,
                                                    const char   *name,
                                                    GError      **error);
GtkWidget          *_atlas_window_import           (AtlasWindow *self,
                                                    GFile       *file);
gboolean            _atlas_window_export           (AtlasWindow      *self,
                                                    GFile            *file,
                                                    AtlasFileFormat   format,
                                                    GError          **error);

G_END_DECLS
