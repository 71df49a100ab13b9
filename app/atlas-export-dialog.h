/* atlas-export-dialog.h — a picture of the map and the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "atlas-export.h"
#include "atlas-window.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EXPORT_DIALOG (atlas_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ATLAS, EXPORT_DIALOG, AdwWindow)

GtkWidget *atlas_export_dialog_new         (AtlasWindow        *window);
void       atlas_export_dialog_get_options (AtlasExportDialog  *self,
                                            AtlasExportOptions *options);
gboolean   atlas_export_dialog_save        (AtlasExportDialog  *self,
                                            GFile              *file);

G_END_DECLS
