/* bench-format.c — how fast Space Atlas loads and saves data files, and
 * how much memory loading takes, from 1 000 to 1 000 000 records
 *
 * Each figure is printed as one line,
 *
 *   bench: NAME VALUE UNIT ratio R
 *
 * R is VALUE divided by a baseline measured in the same run on the same
 * bytes, so that runs on different machines compare:
 *
 *   load-N       reading a file into records, from disk; baseline
 *                json-glib-N, json-glib parsing the same file into a
 *                JsonNode tree (and nothing more)
 *   save-N       writing the records and saving them atomically, with
 *                fsync() and a rename; baseline set-contents-N, one
 *                g_file_set_contents() of the same bytes
 *   read-N       the reader alone, from bytes in memory; baseline scan-N,
 *                one memchr() pass over them, the least any reader does
 *   load-memory-N  peak resident memory while loading, the file's bytes
 *                included; R is that divided by the file's size
 *
 * Records are synthetic, from a fixed seed.  The goals (issue 10): load
 * 100 000 records within 2x json-glib and under 1 s, save them under 1 s,
 * and load with at most 150 MB.
 *
 * Usage: bench-format [MAX-RECORDS]  (default 1000000)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <string.h>

#include "atlas-format.h"
#include "atlas-save.h"
#include "synthetic.h"

#define SEED 19570104

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static gsize
scan_lines (GBytes *bytes)
{
  gsize length, lines = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *end = data + length;

  for (const char *p = data; (p = memchr (p, '\n', end - p)) != NULL; p++)
    lines++;

  return lines;
}

static void
bench (guint n_records)
{
  g_autoptr(GBytes) bytes = synthetic_data_file (n_records, SEED);
  g_autoptr(GArray) scan_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) read_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tree_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) set_contents_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = n_records <= 10000 ? 7 : n_records <= 100000 ? 3 : 1;
  gsize size = g_bytes_get_size (bytes);
  g_autofree char *dir = g_dir_make_tmp ("bench-format-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "records.json", NULL);
  g_autofree char *saved_path = g_build_filename (dir, "saved.json", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "plain.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(GError) error = NULL;
  gsize before, peak;
  double scan, tree, set_contents;

  g_print ("# %u records, %" G_GSIZE_FORMAT " bytes, %u runs\n", n_records, size, runs);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), size, &error));
  g_assert_no_error (error);

  /* Memory first, from a clean heap */
  malloc_trim (0);
  before = synthetic_current_rss ();
  synthetic_reset_peak_rss ();
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) records = atlas_format_read_file (file, NULL, NULL, &problems);

    g_assert_nonnull (records);
    g_assert_cmpuint (records->len, ==, n_records);
    peak = synthetic_peak_rss ();
  }
  malloc_trim (0);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GPtrArray) load_problems = NULL;
      g_autoptr(GBytes) written = NULL;
      double start;

      start = now_ms ();
      g_assert_cmpuint (scan_lines (bytes), >, n_records);
      g_array_append_vals (scan_ms, (double[]) { now_ms () - start }, 1);

      start = now_ms ();
      records = atlas_format_read (bytes, NULL, &problems);
      g_array_append_vals (read_ms, (double[]) { now_ms () - start }, 1);
      g_assert_nonnull (records);

      start = now_ms ();
      loaded = atlas_format_read_file (file, NULL, NULL, &load_problems);
      g_array_append_vals (load_ms, (double[]) { now_ms () - start }, 1);
      g_assert_nonnull (loaded);
      g_clear_pointer (&loaded, g_ptr_array_unref);

      /* The reader's records and its bytes gone, json-glib's tree */
      {
        g_autoptr(JsonParser) parser = json_parser_new_immutable ();

        start = now_ms ();
        g_assert_true (json_parser_load_from_mapped_file (parser, path, NULL));
        g_array_append_vals (tree_ms, (double[]) { now_ms () - start }, 1);
      }

      start = now_ms ();
      written = atlas_format_write (records, NULL);
      g_assert_true (atlas_save_bytes (saved, written, ATLAS_SAVE_FLAGS_NONE, &error));
      g_assert_no_error (error);
      g_array_append_vals (save_ms, (double[]) { now_ms () - start }, 1);
      g_assert_true (g_bytes_equal (written, bytes));

      start = now_ms ();
      g_assert_true (g_file_set_contents (plain_path, g_bytes_get_data (bytes, NULL), size, &error));
      g_assert_no_error (error);
      g_array_append_vals (set_contents_ms, (double[]) { now_ms () - start }, 1);
    }

  scan = MAX (median (scan_ms), 0.001);
  tree = MAX (median (tree_ms), 0.001);
  set_contents = MAX (median (set_contents_ms), 0.001);

  g_print ("bench: json-glib-%u %.1f ms ratio -\n", n_records, tree);
  g_print ("bench: load-%u %.1f ms ratio %.2f\n", n_records, median (load_ms), median (load_ms) / tree);
  g_print ("bench: set-contents-%u %.1f ms ratio -\n", n_records, set_contents);
  g_print ("bench: save-%u %.1f ms ratio %.2f\n", n_records, median (save_ms), median (save_ms) / set_contents);
  g_print ("bench: scan-%u %.3f ms ratio -\n", n_records, scan);
  g_print ("bench: read-%u %.1f ms ratio %.1f\n", n_records, median (read_ms), median (read_ms) / scan);
  g_print ("bench: load-memory-%u %.1f MB ratio %.2f\n", n_records,
           (peak - before + size) / 1e6, (double) (peak - before + size) / size);
  g_print ("bench: records-per-second-%u %.0f records/s ratio -\n", n_records,
           n_records / (median (load_ms) / 1000.));

  g_unlink (path);
  g_unlink (saved_path);
  g_unlink (plain_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  guint max = argc > 1 ? atoi (argv[1]) : 1000000;

  for (guint n = 1000; n <= max; n *= 10)
    bench (n);

  return 0;
}
