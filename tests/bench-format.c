/* bench-format.c — how fast the data file reader and writer are, and how
 * much memory reading takes, from 1 000 to 1 000 000 records
 *
 * Each figure is printed as one line,
 *
 *   bench: NAME VALUE UNIT ratio R
 *
 * For times, R is VALUE divided by a baseline measured in the same run
 * on the same bytes: one memchr() pass over them, the least any reader
 * must do.  json-glib's parse of the same bytes (what the reader did
 * before reading from tokens: a tree of the whole file, and then the
 * records) is printed the same way up to 100 000 records, for
 * comparison.  For memory, VALUE is the peak resident memory while
 * reading, the file's bytes included, and R that divided by the file's
 * size (the goal: at most 3).  Records are synthetic, from a fixed seed.
 *
 * Usage: bench-format [MAX-RECORDS]  (default 1000000)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <malloc.h>
#include <string.h>

#include "atlas-format.h"
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
scan (GBytes *bytes)
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
  g_autoptr(GArray) write_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tree_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = n_records <= 10000 ? 7 : n_records <= 100000 ? 3 : 1;
  gsize size = g_bytes_get_size (bytes);
  gsize before, peak;
  double baseline;

  g_print ("# %u records, %" G_GSIZE_FORMAT " bytes, %u runs\n", n_records, size, runs);

  /* Memory first, from a clean heap */
  malloc_trim (0);
  before = synthetic_current_rss ();
  synthetic_reset_peak_rss ();
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) records = atlas_format_read (bytes, NULL, &problems);

    g_assert_nonnull (records);
    g_assert_cmpuint (records->len, ==, n_records);
    peak = synthetic_peak_rss ();
  }
  malloc_trim (0);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GBytes) written = NULL;
      double start;

      start = now_ms ();
      g_assert_cmpuint (scan (bytes), >, n_records);
      g_array_append_vals (scan_ms, (double[]) { now_ms () - start }, 1);

      start = now_ms ();
      records = atlas_format_read (bytes, NULL, &problems);
      g_array_append_vals (read_ms, (double[]) { now_ms () - start }, 1);
      g_assert_nonnull (records);

      start = now_ms ();
      written = atlas_format_write (records, NULL);
      g_array_append_vals (write_ms, (double[]) { now_ms () - start }, 1);
      g_assert_true (g_bytes_equal (written, bytes));

      if (n_records <= 100000)
        {
          g_autoptr(JsonParser) parser = json_parser_new_immutable ();
          gsize length;
          const char *data = g_bytes_get_data (bytes, &length);

          start = now_ms ();
          g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
          g_array_append_vals (tree_ms, (double[]) { now_ms () - start }, 1);
        }
    }

  baseline = MAX (median (scan_ms), 0.001);
  g_print ("bench: scan-%u %.3f ms ratio 1.0\n", n_records, median (scan_ms));
  g_print ("bench: read-%u %.1f ms ratio %.1f\n", n_records, median (read_ms),
           median (read_ms) / baseline);
  if (tree_ms->len > 0)
    g_print ("bench: json-glib-tree-%u %.1f ms ratio %.1f\n", n_records, median (tree_ms),
             median (tree_ms) / baseline);
  g_print ("bench: write-%u %.1f ms ratio %.1f\n", n_records, median (write_ms),
           median (write_ms) / baseline);
  g_print ("bench: read-memory-%u %.1f MB ratio %.2f\n", n_records,
           (peak - before + size) / 1e6, (double) (peak - before + size) / size);
  g_print ("bench: records-per-second-%u %.0f records/s ratio -\n", n_records,
           n_records / (median (read_ms) / 1000.));
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
