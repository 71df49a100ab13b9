/* atlas-save.c — saving files atomically, keeping a backup
 *
 * A save either leaves the new contents in place or the old contents
 * untouched; never a mix, not even if the machine stops half way:
 *
 *   1. write a temporary file in the same folder (so that step 4 is a
 *      rename within one file system), looping over short writes;
 *   2. fsync it, so its data is on disk before its name is;
 *   3. keep the previous version as FILE.bak (a hard link where the file
 *      system allows, else a copy);
 *   4. rename the temporary file over FILE — atomic in POSIX;
 *   5. fsync the folder, so the rename itself is on disk.
 *
 * On any failure before step 4 the temporary file is removed and FILE is
 * as it was.  Files that are not local (no path) go through
 * g_file_replace_contents(), which does the same in GIO's way.
 *
 * A process killed while saving leaves its temporary file behind.  The
 * saver holds an flock() on its temporary file while it writes, so the
 * next save of the same file can tell a leftover (nobody holds its lock)
 * from the file of a save under way in another process, and removes
 * leftovers.  A temporary file is never read as data: its name starts
 * with a dot and ends in six random characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-save"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas-save.h"

/* "Could not save “data.json”: Permission denied" */
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
set_save_error (GError     **error,
                int          saved_errno,
                const char  *display_name)
{
  g_autofree char *what = g_strdup_printf (_("Could not save “%s”"), display_name);

  return set_errno_error (error, saved_errno, what);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length,
           int          *saved_errno)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }

      if (written == 0)
        {
          *saved_errno = ENOSPC;
          return FALSE;
        }

      data += written;
      length -= written;
    }

  return TRUE;
}

static gboolean
keep_backup (const char  *path,
             GError     **error)
{
  g_autofree char *backup = g_strconcat (path, ".bak", NULL);
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  if (g_unlink (backup) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_basename (backup);
      g_autofree char *what = g_strdup_printf (_("Could not replace the backup “%s”"), name);

      return set_errno_error (error, saved_errno, what);
    }

  /* A hard link costs nothing and keeps the old version byte for byte */
  if (link (path, backup) == 0)
    return TRUE;

  from = g_file_new_for_path (path);
  to = g_file_new_for_path (backup);
  return g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_ALL_METADATA,
                      NULL, NULL, NULL, error);
}

/* Whether @name is a temporary file of a save of @base: ".BASE.XXXXXX" */
static gboolean
is_temporary_name (const char *name,
                   const char *base)
{
  gsize base_len = strlen (base);

  if (name[0] != '.' || strncmp (name + 1, base, base_len) != 0 || name[1 + base_len] != '.')
    return FALSE;

  name += 2 + base_len;
  if (strlen (name) != 6)
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;

  return TRUE;
}

/* Removes what killed saves of @base left in @folder: temporary files
 * that no saver holds a lock on */
static void
remove_leftovers (const char *folder,
                  const char *base)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (!is_temporary_name (name, base))
        continue;

      path = g_build_filename (folder, name, NULL);
      fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;

      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (path);
      close (fd);
    }
}

static void
sync_folder (const char *folder)
{
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;

  /* Some file systems refuse to fsync a folder; the rename is done */
  fsync (fd);
  close (fd);
}

static gboolean
save_local (const char      *path,
            GBytes          *bytes,
            AtlasSaveFlags   flags,
            GError         **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *tmp_path = NULL;
  gboolean exists;
  GStatBuf st;
  int fd, lock_fd, saved_errno = 0;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  exists = g_stat (path, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Could not save “%s”: it is not a regular file"), display);
      return FALSE;
    }

  remove_leftovers (folder, base);

  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", folder, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, exists ? (st.st_mode & 0777) : 0644);
  if (fd < 0)
    return set_save_error (error, errno, display);

  /* Ours until it is renamed; see remove_leftovers().  The lock
   * belongs to the open file, which a duplicate keeps open after fd is
   * closed and checked. */
  flock (fd, LOCK_EX);
  lock_fd = dup (fd);

  /* g_mkstemp_full() applies the mode through the umask; keep the
   * permissions the file had */
  if (exists)
    fchmod (fd, st.st_mode & 0777);

  if (!write_all (fd, data, length, &saved_errno))
    goto fail;

  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      goto fail;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      saved_errno = errno;
      goto fail;
    }
  fd = -1;

  if (exists && (flags & ATLAS_SAVE_KEEP_BACKUP) != 0 && !keep_backup (path, error))
    {
      g_unlink (tmp_path);
      if (lock_fd >= 0)
        close (lock_fd);
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      goto fail;
    }

  if (lock_fd >= 0)
    close (lock_fd);
  sync_folder (folder);
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  if (lock_fd >= 0)
    close (lock_fd);
  return set_save_error (error, saved_errno, display);
}

/**
 * atlas_save_bytes:
 * @file: where to save
 * @bytes: the new contents
 * @flags: %ATLAS_SAVE_KEEP_BACKUP to keep the previous version as
 *   FILE.bak
 *
 * Replaces the contents of @file atomically: afterwards @file holds
 * either all of @bytes or, on error, exactly what it held before.
 */
gboolean
atlas_save_bytes (GFile           *file,
                  GBytes          *bytes,
                  AtlasSaveFlags   flags,
                  GError         **error)
{
  const char *path;
  gsize length;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  path = g_file_peek_path (file);
  if (path != NULL)
    return save_local (path, bytes, flags, error);

  data = g_bytes_get_data (bytes, &length);
  return g_file_replace_contents (file, data, length, NULL,
                                  (flags & ATLAS_SAVE_KEEP_BACKUP) != 0,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

/**
 * atlas_save_get_backup_file:
 *
 * Returns: (transfer full): where atlas_save_bytes() keeps the previous
 *   version of @file
 */
GFile *
atlas_save_get_backup_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *backup = g_strconcat (uri, ".bak", NULL);

  return g_file_new_for_uri (backup);
}
