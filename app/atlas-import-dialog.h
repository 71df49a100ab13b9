/* atlas-import-dialog.h — importing CSV, TimelineJS or another data file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "atlas-convert.h"
#include "atlas-history.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_IMPORT_DIALOG (atlas_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasImportDialog, atlas_import_dialog, ATLAS, IMPORT_DIALOG, AdwWindow)

AtlasImportDialog *atlas_import_dialog_new              (GtkWindow         *parent,
                                                         AtlasHistory      *history,
                                                         GBytes            *contents,
                                                         const char        *file_name,
                                                         AtlasFileFormat    format);
guint              atlas_import_dialog_get_n_ready      (AtlasImportDialog *self);
guint              atlas_import_dialog_get_n_skipped    (AtlasImportDialog *self);
void               atlas_import_dialog_set_column_field (AtlasImportDialog *self,
                                                         guint              column,
                                                         guint              field);
gboolean           atlas_import_dialog_next             (AtlasImportDialog *self,
                                                         GError           **error);
GListModel        *atlas_import_dialog_get_conflicts    (AtlasImportDialog *self);
gboolean           atlas_import_dialog_can_import       (AtlasImportDialog *self);
void               atlas_import_dialog_set_default_countries (AtlasImportDialog *self,
                                                              const char        *text);

G_END_DECLS
