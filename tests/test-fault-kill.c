/* test-fault-kill.c — saving killed with SIGKILL half way, again and again
 *
 * Two versions of a data file of 100 000 records (about 87 MB each) are
 * saved in turn over the same file by a child process (save-helper,
 * which saves as a document does: atomically, keeping a backup), killed
 * with SIGKILL at a random moment of its save.  After each kill the file
 * must be byte for byte one of the two versions, never a mix nor
 * nothing, and the backup too; temporary files may be left by the killed
 * saver, and the next save removes them.
 *
 * Usage: test-fault-kill --helper=PATH [ITERATIONS]  (default 30; the
 * environment variable ATLAS_KILL_ITERATIONS too)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>

#include "atlas-format.h"
#include "synthetic.h"

/* Fewer under AddressSanitizer, which makes them slowly: the saver is
 * what is tested, and it does not care */
#if defined(__SANITIZE_ADDRESS__)
# define N_RECORDS 20000
#else
# define N_RECORDS 100000
#endif

static const char *helper;
static guint iterations = 30;

typedef struct
{
  char   *folder;
  char   *target;
  char   *sources[2];
  GBytes *versions[2];
} Files;

static gboolean
bytes_equal_file (GBytes     *bytes,
                  const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return length == g_bytes_get_size (bytes) && memcmp (contents, g_bytes_get_data (bytes, NULL), length) == 0;
}

/* Which version @path holds: 0, 1, or -1 for neither */
static int
which_version (Files      *files,
               const char *path)
{
  for (int v = 0; v < 2; v++)
    if (bytes_equal_file (files->versions[v], path))
      return v;
  return -1;
}

static guint
count_temporary_files (Files *files)
{
  g_autoptr(GDir) dir = g_dir_open (files->folder, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, ".data.json.");

  return n;
}

/* Starts the helper saving version @v; returns once it said "saving" */
static GSubprocess *
start_save (Files  *files,
            int     v,
            gint64 *started)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper,
                            files->sources[v], files->target, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "saving");
  *started = g_get_monotonic_time ();

  return child;
}

static void
test_kill_while_saving (void)
{
  Files files = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1957);
  g_autofree char *backup = NULL;
  guint outcomes[2] = { 0, 0 }, max_temporary = 0;
  gint64 started, save_usec, test_start = g_get_monotonic_time ();
  int current = 0;

  if (helper == NULL)
    {
      g_test_skip ("no --helper=PATH given");
      return;
    }

  files.folder = g_dir_make_tmp ("atlas-kill-XXXXXX", NULL);
  files.target = g_build_filename (files.folder, "data.json", NULL);
  backup = g_strconcat (files.target, ".bak", NULL);
  for (int v = 0; v < 2; v++)
    {
      g_autofree char *name = g_strdup_printf ("version-%d.json", v);

      files.versions[v] = synthetic_data_file (N_RECORDS, 100 + v);
      files.sources[v] = g_build_filename (files.folder, name, NULL);
      g_assert_true (g_file_set_contents (files.sources[v], g_bytes_get_data (files.versions[v], NULL),
                                          g_bytes_get_size (files.versions[v]), NULL));
    }
  g_assert_false (g_bytes_equal (files.versions[0], files.versions[1]));
  g_assert_true (g_file_set_contents (files.target, g_bytes_get_data (files.versions[0], NULL),
                                      g_bytes_get_size (files.versions[0]), NULL));

  /* How long a whole save takes, to aim the kills inside it */
  {
    g_autoptr(GSubprocess) child = start_save (&files, 1, &started);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_subprocess_wait_check (child, NULL, &error));
    g_assert_no_error (error);
    save_usec = g_get_monotonic_time () - started;
    g_assert_cmpint (which_version (&files, files.target), ==, 1);
    current = 1;
  }
  g_test_message ("a save of %.1f MB takes %.0f ms", g_bytes_get_size (files.versions[1]) / 1e6,
                  save_usec / 1e3);

  for (guint i = 0; i < iterations; i++)
    {
      int next = 1 - current;
      g_autoptr(GSubprocess) child = start_save (&files, next, &started);
      gint64 delay = g_rand_int_range (rand, 0, save_usec * 11 / 10 + 1);
      int found;

      g_usleep (MAX (0, started + delay - g_get_monotonic_time ()));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);

      found = which_version (&files, files.target);
      if (found < 0)
        g_error ("after a kill %.0f ms into a save, the file is neither version", delay / 1e3);
      if (g_file_test (backup, G_FILE_TEST_EXISTS) && which_version (&files, backup) < 0)
        g_error ("after a kill %.0f ms into a save, the backup is neither version", delay / 1e3);

      outcomes[found == next]++;
      max_temporary = MAX (max_temporary, count_temporary_files (&files));
      current = found;
    }

  g_test_message ("%u kills: %u left the old version, %u the new one; at most %u temporary "
                  "files at once; %.1f s", iterations, outcomes[0], outcomes[1], max_temporary,
                  (g_get_monotonic_time () - test_start) / 1e6);

  /* Leftovers are only ever those of the last kill: each save removes
   * those before it.  A save to the end leaves none. */
  g_assert_cmpuint (max_temporary, <=, 1);
  {
    g_autoptr(GSubprocess) child = start_save (&files, 1 - current, &started);

    g_assert_true (g_subprocess_wait_check (child, NULL, NULL));
    g_assert_cmpint (which_version (&files, files.target), ==, 1 - current);
    g_assert_cmpuint (count_temporary_files (&files), ==, 0);
  }

  for (int v = 0; v < 2; v++)
    {
      g_unlink (files.sources[v]);
      g_free (files.sources[v]);
      g_bytes_unref (files.versions[v]);
    }
  g_unlink (files.target);
  g_unlink (backup);
  g_rmdir (files.folder);
  g_free (files.target);
  g_free (files.folder);
}

int
main (int   argc,
      char *argv[])
{
  const char *env_iterations = g_getenv ("ATLAS_KILL_ITERATIONS");

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--helper="))
      {
        helper = argv[i] + strlen ("--helper=");
        memmove (argv + i, argv + i + 1, (argc - i) * sizeof (char *));
        argc--;
        break;
      }

  g_test_init (&argc, &argv, NULL);

  if (argc > 1)
    iterations = atoi (argv[1]);
  else if (env_iterations != NULL)
    iterations = atoi (env_iterations);

  g_test_add_func ("/fault/kill-while-saving", test_kill_while_saving);

  return g_test_run ();
}
