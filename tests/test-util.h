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

/* Writes a data file of @n records, all alike but for their ids and
 * titles: big enough that reading it takes a while */
static inline void
test_write_records (const char *path,
                    guint       n)
{
  GString *json = g_string_new ("{\"format\": \"space-atlas\", \"version\": 1, \"records\": [");
  GError *error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"r%u\", \"title\": \"Record %u\", \"kind\": \"agreement\", "
                            "\"start\": \"2001-02-03\", \"countries\": [\"CN\", \"BR\"]}",
                            i ? ", " : "", i, i);
  g_string_append (json, "]}\n");
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
  g_string_free (json, TRUE);
}
