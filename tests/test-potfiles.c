/* test-potfiles.c — every file with strings for people to read is
 * listed in po/POTFILES.in, and every file listed there exists
 *
 * A file missing from POTFILES.in is a file whose strings are never
 * translated, silently; this test makes it loud.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib.h>

/* Folders with sources, relative to the top of the tree */
static const char * const source_folders[] = { "app", "app/model", "widgets", "resources/ui",
                                               "resources/gtk", "data" };

static gboolean
has_translatable_strings (const char *path)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  if (g_str_has_suffix (path, ".c"))
    {
      g_autoptr(GRegex) regex = g_regex_new ("(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)\\s*\\(",
                                             G_REGEX_MULTILINE, 0, NULL);
      return g_regex_match (regex, contents, 0, NULL);
    }

  if (g_str_has_suffix (path, ".ui"))
    return strstr (contents, "translatable=\"yes\"") != NULL;

  /* Desktop entries, metainfo and schemas are translated as a whole */
  return g_str_has_suffix (path, ".desktop.in") || g_str_has_suffix (path, ".metainfo.xml.in") ||
         g_str_has_suffix (path, ".gschema.xml");
}

static GHashTable *
read_potfiles (const char *root)
{
  g_autofree char *path = g_build_filename (root, "po", "POTFILES.in", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *previous = "";

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *file = NULL;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;

      /* Kept sorted, so that merges stay simple */
      if (strcmp (previous, line) >= 0)
        g_error ("po/POTFILES.in is not sorted at “%s”", line);
      previous = line;

      file = g_build_filename (root, line, NULL);
      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_error ("po/POTFILES.in lists “%s”, which does not exist", line);

      g_hash_table_add (listed, g_strdup (line));
    }

  return listed;
}

static void
test_potfiles_complete (void)
{
  const char *root = g_getenv ("ATLAS_SOURCE_ROOT");
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  g_assert_nonnull (root);
  listed = read_potfiles (root);

  for (guint f = 0; f < G_N_ELEMENTS (source_folders); f++)
    {
      g_autofree char *folder = g_build_filename (root, source_folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          g_autofree char *relative = g_build_filename (source_folders[f], name, NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;

          checked++;
          if (has_translatable_strings (path) && !g_hash_table_contains (listed, relative))
            g_ptr_array_add (missing, g_steal_pointer (&relative));
        }
    }

  for (guint i = 0; i < missing->len; i++)
    g_printerr ("po/POTFILES.in lacks %s, which has strings to translate\n",
                (char *) missing->pdata[i]);

  g_assert_cmpuint (checked, >, 10);
  g_assert_cmpuint (missing->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/potfiles/complete", test_potfiles_complete);

  return g_test_run ();
}
