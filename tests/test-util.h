/* test-util.h — what several tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path and everything under it, not following links: a test's
 * temporary folder, which the app may have filled with folders of its
 * own (recovery files, caches) */
static inline void
test_remove_tree (const char *path)
{
  GStatBuf st;
  GDir *dir;
  const char *name;

  if (path == NULL || g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode) && (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
          g_free (child);
        }
      g_dir_close (dir);
    }

  g_remove (path);
}
