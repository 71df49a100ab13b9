/* atlas-read-file.h — reading a whole file safely: regular files only,
 * up to a size limit, in chunks, with progress and cancellation; or a
 * chunk at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AtlasProgressFunc:
 * @fraction: how much of the work is done, from 0 to 1
 * @user_data: the data given with the function
 *
 * Called now and then on the thread doing the work.
 */
typedef void (*AtlasProgressFunc) (double   fraction,
                                   gpointer user_data);

typedef enum
{
  ATLAS_READ_FILE_NONE = 0,
  ATLAS_READ_FILE_UTF8 = 1 << 0,
} AtlasReadFileFlags;

guint64  atlas_read_file_get_size_limit (void);
void     atlas_read_file_set_size_limit (guint64              limit);
GBytes  *atlas_read_file                (GFile               *file,
                                         AtlasReadFileFlags   flags,
                                         AtlasProgressFunc    progress,
                                         gpointer             progress_data,
                                         GCancellable        *cancellable,
                                         GError             **error);

typedef struct _AtlasFileReader AtlasFileReader;

AtlasFileReader *atlas_file_reader_open      (GFile               *file,
                                              AtlasReadFileFlags   flags,
                                              GCancellable        *cancellable,
                                              GError             **error);
void             atlas_file_reader_free      (AtlasFileReader     *reader);
guint64          atlas_file_reader_get_size  (AtlasFileReader     *reader);
gssize           atlas_file_reader_read      (AtlasFileReader     *reader,
                                              char                *buffer,
                                              gsize                size,
                                              GError             **error);
gboolean         atlas_file_reader_found_bad (AtlasFileReader     *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFileReader, atlas_file_reader_free)

G_END_DECLS
