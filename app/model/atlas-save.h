/* atlas-save.h — saving files atomically, keeping a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ATLAS_SAVE_FLAGS_NONE   = 0,
  ATLAS_SAVE_KEEP_BACKUP  = 1 << 0,
} AtlasSaveFlags;

gboolean  atlas_save_bytes             (GFile          *file,
                                        GBytes         *bytes,
                                        AtlasSaveFlags  flags,
                                        GError        **error);
GFile    *atlas_save_get_backup_file   (GFile          *file);

G_END_DECLS
