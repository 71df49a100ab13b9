/* regress.c — runs a libFuzzer target's LLVMFuzzerTestOneInput() on files,
 * as a GLib test: its seed corpus and the inputs that once crashed it
 * (tests/fixtures/fuzz-regressions/NAME/), in every build, with the
 * sanitizers in the sanitizer build
 *
 * Usage: fuzz-regress-NAME [--tap] FOLDER...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
run_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
  g_free (contents);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      g_autofree char *folder = g_path_get_basename (argv[i]);
      g_autofree char *parent = g_path_get_dirname (argv[i]);
      g_autofree char *group = g_path_get_basename (parent);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_strings);

      for (guint n = 0; n < names->len; n++)
        {
          char *path = g_build_filename (argv[i], names->pdata[n], NULL);
          g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s/%s", folder, group,
                                                        (char *) names->pdata[n]);

          g_ptr_array_add (paths, path);
          g_test_add_data_func (test_path, path, run_file);
        }
    }

  return g_test_run ();
}
