/* atlas-window.h — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "atlas-application.h"
#include "atlas-store.h"
#include "atlas-view-state.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_WINDOW (atlas_window_get_type ())

G_DECLARE_FINAL_TYPE (AtlasWindow, atlas_window, ATLAS, WINDOW, AdwApplicationWindow)

AtlasWindow *atlas_window_new       (AtlasApplication *application);
void         atlas_window_open      (AtlasWindow      *self,
                                     GFile            *file);
AtlasStore  *atlas_window_get_store (AtlasWindow      *self);
gboolean     atlas_window_is_busy   (AtlasWindow      *self);
AtlasViewState *atlas_window_dup_view_state (AtlasWindow          *self);
void            atlas_window_set_view_state (AtlasWindow          *self,
                                             const AtlasViewState *state);

G_END_DECLS
