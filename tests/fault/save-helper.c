/* save-helper.c — saves a file the way Space Atlas does, for
 * test-fault-kill to kill half way
 *
 * Usage: save-helper SOURCE TARGET: writes the contents of SOURCE to
 * TARGET with atlas_save_bytes(), keeping a backup, as saving a document
 * does; prints "saving" just before it starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "atlas-save.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents;
  gsize length;

  if (argc != 3)
    {
      fprintf (stderr, "usage: save-helper SOURCE TARGET\n");
      return 2;
    }

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  bytes = g_bytes_new_take (contents, length);
  target = g_file_new_for_path (argv[2]);

  printf ("saving\n");
  fflush (stdout);

  if (!atlas_save_bytes (target, bytes, ATLAS_SAVE_KEEP_BACKUP, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  return 0;
}
