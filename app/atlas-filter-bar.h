/* atlas-filter-bar.h — the active filters as removable chips, and how
 * many records they let through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atlas-view-state.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_FILTER_BAR (atlas_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFilterBar, atlas_filter_bar, ATLAS, FILTER_BAR, GtkWidget)

GtkWidget *atlas_filter_bar_new               (void);
void       atlas_filter_bar_set_state         (AtlasFilterBar       *self,
                                               const AtlasViewState *state);
void       atlas_filter_bar_set_counts        (AtlasFilterBar       *self,
                                               guint                 shown,
                                               guint                 total);
guint      atlas_filter_bar_get_n_chips       (AtlasFilterBar       *self);
char      *atlas_filter_bar_dup_chip_labels   (AtlasFilterBar       *self);

G_END_DECLS
