/* test-hostile.c — files that try to break the reader: huge, sparse,
 * endless, deeply nested, not text, not files at all, or gone — and a
 * big file read in the background, with progress, and cancelled; and the
 * command line given a device or a FIFO
 *
 * Each gets a clear problem or works, in bounded memory (the peak
 * resident memory while reading is measured: at most about 3 × the
 * file's size) and without hanging.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas-document.h"
#include "atlas-format.h"
#include "atlas-timelinejs.h"
#include "synthetic.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* AddressSanitizer's shadow memory and quarantine make memory figures
 * meaningless, and everything slower: the bounds hold in other builds */
#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif
#ifndef UNDER_ASAN
# define UNDER_ASAN 0
#endif

/* Peak resident memory above what it was at the start of the last
 * start_measure () */
static gsize rss_before;

static void
start_measure (void)
{
  malloc_trim (0);
  rss_before = synthetic_current_rss ();
  synthetic_reset_peak_rss ();
}

static gsize
measured (void)
{
  gsize peak = synthetic_peak_rss ();

  if (UNDER_ASAN)
    return 0;

  return peak > rss_before ? peak - rss_before : 0;
}

/* A time limit in µs, more generous under the sanitizers */
static gint64
limit_usec (double seconds)
{
  return seconds * G_USEC_PER_SEC * (UNDER_ASAN ? 5 : 1);
}

/* Reads @path as the window does; the one problem, as text */
static char *
read_problem (const char *path,
              guint       n_problems)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *name = g_path_get_basename (path);

  records = atlas_format_read_file (file, NULL, NULL, &problems);
  g_assert_null (records);
  g_assert_cmpuint (problems->len, ==, n_problems);
  return atlas_problems_to_string (problems, name);
}

static void
test_sparse_2gb (void)
{
  g_autofree char *path = tmp_path ("sparse.json");
  g_autofree char *report = NULL;
  gint64 start;
  int fd;

  /* 2 GB of NULs that take no disk */
  fd = open (path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (2) << 30), ==, 0);
  close (fd);

  start_measure ();
  start = g_get_monotonic_time ();
  report = read_problem (path, 1);
  g_test_message ("%s in %.3f s, %.1f MB", report,
                  (g_get_monotonic_time () - start) / 1e6, measured () / 1e6);
  g_assert_cmpstr (report, ==, "sparse.json:1:1: the file contains a NUL byte; a data file is UTF-8 text\n");
  g_assert_cmpint (g_get_monotonic_time () - start, <, limit_usec (2));
  g_assert_cmpuint (measured (), <, 64 << 20);
  g_unlink (path);
}

static void
test_too_large (void)
{
  g_autofree char *path = tmp_path ("large.json");
  g_autofree char *report = NULL;
  g_autofree char *spaces = g_strnfill (3 << 20, ' ');

  g_assert_true (g_file_set_contents (path, spaces, -1, NULL));
  atlas_read_file_set_size_limit (1 << 20);
  report = read_problem (path, 1);
  atlas_read_file_set_size_limit (0);

  g_test_message ("%s", report);
  /* g_format_size () puts a no-break space before the unit */
  g_assert_nonnull (strstr (report, "is too large to open: it is 3.1\u00a0MB, and Space Atlas opens "
                                    "files of up to 1.0\u00a0MB"));
  g_assert_cmpuint (atlas_read_file_get_size_limit (), >, 1 << 30);
  g_unlink (path);
}

static void
test_deep_nesting (void)
{
  g_autofree char *path = tmp_path ("deep.json");
  g_autofree char *report = NULL;
  const gsize depth = 100000;
  g_autofree char *text = g_malloc (2 * depth);

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  g_assert_true (g_file_set_contents (path, text, 2 * depth, NULL));

  start_measure ();
  report = read_problem (path, 1);
  g_assert_cmpstr (report, ==, "deep.json:1:513: the data is nested more than 512 levels deep\n");
  g_assert_cmpuint (measured (), <, 3 * 2 * depth + (4 << 20));
  g_unlink (path);
}

/* The importers' JsonParser recursed into each level: 300 000 of them
 * overflowed the stack of `space-atlas --convert` and of Import… */
static void
test_deep_nesting_import (void)
{
  const gsize depth = 300000;
  g_autofree char *text = g_malloc (2 * depth + 20);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  length = g_snprintf (text, 20, "{\"events\": ");
  memset (text + length, '[', depth);
  memset (text + length + depth, ']', depth);
  text[length + 2 * depth] = '}';
  bytes = g_bytes_new_static (text, length + 2 * depth + 1);

  g_assert_false (atlas_timelinejs_is_timeline (bytes));
}

static void
test_huge_title (void)
{
  g_autofree char *path = tmp_path ("title.json");
  g_autofree char *title = g_strnfill (10 << 20, 'x');
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gsize size;

  text = g_strdup_printf ("{\"format\": \"space-atlas\", \"version\": 1, \"records\": [{\"id\": \"long\", "
                          "\"title\": \"%s\", \"kind\": \"other\", \"start\": \"2001\", "
                          "\"countries\": [\"CN\"]}]}", title);
  size = strlen (text);
  g_assert_true (g_file_set_contents (path, text, size, NULL));
  g_clear_pointer (&text, g_free);

  start_measure ();
  records = atlas_format_read_file (file, NULL, NULL, &problems);
  g_test_message ("%.1f MB for a %.1f MB file", measured () / 1e6, size / 1e6);
  g_assert_nonnull (records);
  g_assert_cmpuint (strlen (atlas_partnership_get_title (records->pdata[0])), ==, 10 << 20);
  g_assert_cmpuint (measured (), <=, 3 * size);
  g_unlink (path);
}

static void
test_not_text (void)
{
  static const struct { const char *data; gsize length; const char *report; } cases[] = {
    { "{\"format\": \"space-atlas\",\n \"a\": \"caf\xE9\"}", 38,
      "bad.json:2:11: the file is not valid UTF-8 here (byte 0xE9)\n" },
    { "{\"format\": \"space\0atlas\"}", 25,
      "bad.json:1:18: the file contains a NUL byte; a data file is UTF-8 text\n" },
    { "\0\0\0\0", 4, "bad.json:1:1: the file contains a NUL byte; a data file is UTF-8 text\n" },
    { "[\"\xF0\x9F\x98", 5, "bad.json:1:3: the file is not valid UTF-8 here (byte 0xF0)\n" },
    { "[\"\\udc00\"]", 10, "bad.json:1:3: “\\udc00” is half of a surrogate pair, without the other half\n" },
  };
  g_autofree char *path = tmp_path ("bad.json");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *report = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, cases[i].length);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autofree char *from_bytes = NULL;

      /* The same from a file, read in chunks, and from bytes */
      g_assert_true (g_file_set_contents (path, cases[i].data, cases[i].length, NULL));
      report = read_problem (path, 1);
      g_assert_cmpstr (report, ==, cases[i].report);

      records = atlas_format_read (bytes, NULL, &problems);
      from_bytes = atlas_problems_to_string (problems, "bad.json");
      g_assert_cmpstr (from_bytes, ==, cases[i].report);
    }

  g_unlink (path);
}

/* A NUL past the first chunk, after a character split between chunks */
static void
test_not_text_late (void)
{
  g_autofree char *path = tmp_path ("late.json");
  gsize size = (1 << 20) + 100;
  g_autofree char *text = g_malloc (size);
  g_autofree char *report = NULL;

  memset (text, ' ', size);
  text[0] = '[';
  text[1] = '"';
  memcpy (text + (1 << 20) - 1, "é", 2);
  text[(1 << 20) + 50] = '\0';
  g_assert_true (g_file_set_contents (path, text, size, NULL));

  report = read_problem (path, 1);
  g_assert_cmpstr (report, ==, "late.json:1:1048626: the file contains a NUL byte; a data file is UTF-8 text\n");
  g_unlink (path);
}

static void
test_not_regular (void)
{
  g_autofree char *fifo = tmp_path ("fifo.json");
  struct { const char *path; const char *report; } cases[] = {
    { fifo, NULL },
    { "/dev/zero", "zero: “/dev/zero” is not a regular file\n" },
    { "/dev/null", "null: “/dev/null” is not a regular file\n" },
    { tmp_dir, NULL },
  };

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *report = NULL;
      gint64 start = g_get_monotonic_time ();

      start_measure ();
      report = read_problem (cases[i].path, 1);
      g_test_message ("%s", report);
      g_assert_nonnull (strstr (report, "is not a regular file"));
      if (cases[i].report != NULL)
        g_assert_cmpstr (report, ==, cases[i].report);
      g_assert_cmpint (g_get_monotonic_time () - start, <, limit_usec (1));
      g_assert_cmpuint (measured (), <, 16 << 20);
    }

  g_unlink (fifo);
}

/* The command line, given what is not a file: a clear message, at once */
static void
test_command_line (void)
{
  const char *exe = g_getenv ("ATLAS_EXECUTABLE");
  g_autofree char *fifo = tmp_path ("cli-fifo.json");
  g_autofree char *out = tmp_path ("out.csv");
  const char *inputs[] = { "/dev/zero", fifo };

  if (exe == NULL || !g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ATLAS_EXECUTABLE is not built");
      return;
    }

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      const char * const commands[][5] = {
        { exe, "--check", inputs[i], NULL },
        { exe, "--convert", inputs[i], out, NULL },
      };

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_autoptr(GSubprocess) child = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *stdout_text = NULL;
          gint64 start = g_get_monotonic_time ();

          child = g_subprocess_newv (commands[c], G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                     G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
          g_assert_no_error (error);
          g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &stdout_text, NULL, &error));
          g_test_message ("%s %s: %s", commands[c][1], inputs[i], stdout_text);
          g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 1);
          g_assert_nonnull (strstr (stdout_text, "is not a regular file"));
          g_assert_cmpint (g_get_monotonic_time () - start, <, limit_usec (10));
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
        }
    }

  g_unlink (fifo);
}

static void
test_missing (void)
{
  g_autofree char *report = read_problem ("/nonexistent/data.json", 1);

  g_assert_cmpstr (report, ==, "data.json: Error opening file /nonexistent/data.json: "
                               "No such file or directory\n");
}

typedef struct
{
  gboolean   done;
  gboolean   ok;
  GPtrArray *problems;
  GError    *error;
} Result;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ok = atlas_document_load_finish (ATLAS_DOCUMENT (object), result, &r->problems, &r->error);
  r->done = TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->ok = atlas_document_save_finish (ATLAS_DOCUMENT (object), result, &r->error);
  r->done = TRUE;
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_error (&r->error);
  *r = (Result) { 0 };
}

typedef struct
{
  GArray        *fractions;
  GCancellable  *cancel_at_first;
} Progress;

static void
progress_cb (AtlasDocument *document,
             GParamSpec    *pspec,
             Progress      *progress)
{
  double fraction = atlas_document_get_load_progress (document);

  g_array_append_val (progress->fractions, fraction);
  if (progress->cancel_at_first != NULL && fraction > 0.)
    g_cancellable_cancel (progress->cancel_at_first);
}

/* The longest the main loop went without turning, while @r is not done */
static gint64
run_until_done (Result *r)
{
  gint64 last = g_get_monotonic_time (), longest = 0;

  while (!r->done)
    {
      gint64 now;

      g_main_context_iteration (NULL, FALSE);
      now = g_get_monotonic_time ();
      longest = MAX (longest, now - last);
      last = now;
      g_usleep (500);
    }

  return longest;
}

static void
test_big_file_in_background (void)
{
  g_autofree char *path = tmp_path ("big.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  /* Fewer under the sanitizers, which are slow */
  guint n_records = UNDER_ASAN ? 20000 : 100000;
  g_autoptr(GBytes) bytes = synthetic_data_file (n_records, 1957);
  g_autoptr(AtlasDocument) document = atlas_document_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, cancellable };
  Result r = { 0 };
  gint64 longest, started, took;
  gulong handler;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  handler = g_signal_connect (document, "notify::load-progress", G_CALLBACK (progress_cb), &progress);

  /* Cancelled at the first sign of progress: stops, and keeps nothing */
  atlas_document_load_async (document, file, cancellable, loaded_cb, &r);
  longest = run_until_done (&r);
  g_assert_false (r.ok);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (atlas_document_get_file (document));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (atlas_document_get_store (document))), ==, 0);
  result_clear (&r);

  /* Read to the end: progress climbs to 1, the main loop keeps turning */
  g_array_set_size (fractions, 0);
  progress.cancel_at_first = NULL;
  start_measure ();
  started = g_get_monotonic_time ();
  atlas_document_load_async (document, file, NULL, loaded_cb, &r);
  longest = run_until_done (&r);
  took = g_get_monotonic_time () - started;
  g_test_message ("%u progress notifications in %.0f ms, main loop still for at most %.1f ms, "
                  "%.1f MB for a %.1f MB file", fractions->len, took / 1e3, longest / 1e3,
                  measured () / 1e6, g_bytes_get_size (bytes) / 1e6);
  g_assert_true (r.ok);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (atlas_document_get_store (document))), ==, n_records);
  g_assert_cmpuint (fractions->len, >=, 3);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (atlas_document_get_load_progress (document), ==, 1.);
  /* The main loop turns all along: it stops for a small part of the
   * load at most (making the records the store's, on the main thread),
   * however busy the machine is */
  g_assert_cmpint (longest, <, took / 4);
  g_assert_cmpuint (measured (), <=, 3 * g_bytes_get_size (bytes));
  result_clear (&r);

  g_signal_handler_disconnect (document, handler);
  g_unlink (path);
}

/* Deleted after it was read: the records stay, and saving makes it again */
static void
test_deleted_while_open (void)
{
  g_autofree char *path = tmp_path ("deleted.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = synthetic_data_file (50, 7);
  g_autoptr(AtlasDocument) document = atlas_document_new ();
  g_autoptr(GBytes) saved = NULL;
  Result r = { 0 };

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  atlas_document_load_async (document, file, NULL, loaded_cb, &r);
  run_until_done (&r);
  g_assert_true (r.ok);
  result_clear (&r);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (atlas_store_remove (atlas_document_get_store (document), "rec-0000003", NULL));

  atlas_document_save_async (document, NULL, NULL, saved_cb, &r);
  run_until_done (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  result_clear (&r);

  saved = g_file_load_bytes (file, NULL, NULL, NULL);
  g_assert_nonnull (saved);
  {
    g_autoptr(GBytes) expected = atlas_store_to_bytes (atlas_document_get_store (document));
    g_assert_true (g_bytes_equal (saved, expected));
  }
  g_unlink (path);
  {
    g_autofree char *backup = g_strconcat (path, ".bak", NULL);
    g_unlink (backup);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("atlas-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/hostile/sparse-2gb", test_sparse_2gb);
  g_test_add_func ("/hostile/too-large", test_too_large);
  g_test_add_func ("/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/deep-nesting-import", test_deep_nesting_import);
  g_test_add_func ("/hostile/huge-title", test_huge_title);
  g_test_add_func ("/hostile/not-text", test_not_text);
  g_test_add_func ("/hostile/not-text-late", test_not_text_late);
  g_test_add_func ("/hostile/not-regular", test_not_regular);
  g_test_add_func ("/hostile/command-line", test_command_line);
  g_test_add_func ("/hostile/missing", test_missing);
  g_test_add_func ("/hostile/big-file-in-background", test_big_file_in_background);
  g_test_add_func ("/hostile/deleted-while-open", test_deleted_while_open);

  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
