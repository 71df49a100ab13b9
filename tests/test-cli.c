/* test-cli.c — the command line, run as a curator's CI runs it:
 * space-atlas --check FILE...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

static int
run (char **out,
     char **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATLAS_EXECUTABLE"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static void
test_check_valid (void)
{
  g_autofree char *valid = fixture ("valid.json");
  g_autofree char *data_set = g_build_filename (g_getenv ("ATLAS_SOURCE_ROOT"), "data",
                                                "partnerships.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--check", valid, data_set, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
}

static void
test_check_reports_problems (void)
{
  g_autofree char *valid = fixture ("valid.json");
  g_autofree char *syntax = fixture ("bad/syntax-error.json");
  g_autofree char *several = fixture ("bad/several-problems.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *syntax_line = NULL;
  g_autofree char *record_line = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (&out, &err, "--check", valid, syntax, several, NULL), ==, 1);

  /* FILE:LINE:COLUMN: message, then FILE: record N (ID): FIELD: message */
  syntax_line = g_strdup_printf ("%s:5:31: ", syntax);
  record_line = g_strdup_printf ("%s: record 3 (ok): id: “ok” is already the id of record 2\n",
                                 several);
  g_assert_true (g_str_has_prefix (out, syntax_line));
  g_assert_nonnull (strstr (out, record_line));

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 9 + 1);  /* the last line is empty */
  g_assert_cmpstr (err, ==, "");
}

static void
test_check_missing_file (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--check", "/nonexistent/data.json", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "/nonexistent/data.json: "));
}

static void
test_check_needs_files (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--check", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--check"));
}

static void
test_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, PACKAGE_NAME " " PACKAGE_VERSION "\n");
}

/* --convert */

static char *
data_set_path (void)
{
  return g_build_filename (g_getenv ("ATLAS_SOURCE_ROOT"), "data", "partnerships.json", NULL);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("space-atlas-convert-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autoptr(GBytes) bytes_a = read_file (a);
  g_autoptr(GBytes) bytes_b = read_file (b);

  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
}

static void
test_convert_csv_round_trip (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *data_set = data_set_path ();
  g_autofree char *csv = g_build_filename (dir, "records.csv", NULL);
  g_autofree char *back = g_build_filename (dir, "back.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpint (run (&out, &err, "--convert", data_set, csv, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  bytes = read_file (csv);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "id,title,kind,start,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The bundled data set has nothing CSV cannot carry: it comes back
   * byte for byte */
  g_assert_cmpint (run (&out, &err, "--convert", csv, back, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  assert_same_file (data_set, back);

  remove_dir (dir);
}

static void
test_convert_timelinejs_round_trip (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *data_set = data_set_path ();
  g_autofree char *timeline = g_build_filename (dir, "timeline.json", NULL);
  g_autofree char *back = g_build_filename (dir, "back.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpint (run (&out, &err, "--convert", data_set, timeline, "--to", "timelinejs", NULL),
                   ==, 0);
  bytes = read_file (timeline);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"events\": ["));
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "\"records\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A .json that is a timeline is read as one */
  g_assert_cmpint (run (&out, &err, "--convert", timeline, back, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  assert_same_file (data_set, back);

  remove_dir (dir);
}

static void
test_convert_geojson (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *data_set = data_set_path ();
  g_autofree char *geojson = g_build_filename (dir, "records.geojson", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *text;
  guint n_features = 0;

  g_assert_cmpint (run (&out, &err, "--convert", data_set, geojson, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");

  bytes = read_file (geojson);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_true (g_str_has_prefix (text, "{\n  \"type\": \"FeatureCollection\",\n"));
  for (const char *p = text; (p = strstr (p, "\"type\": \"Feature\"")) != NULL; p++)
    n_features++;

  /* One feature per record and partner: at least one per record */
  g_assert_cmpuint (n_features, >=, 30);
  g_assert_nonnull (strstr (text, "\"id\": \"cbers/BR\""));

  remove_dir (dir);
}

static void
test_convert_bad_input (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *malformed = fixture ("import/malformed.csv");
  g_autofree char *bad_json = fixture ("bad/several-problems.json");
  g_autofree char *output = g_build_filename (dir, "out.json", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_auto(GStrv) lines = NULL;

  /* Problems as --check prints them; no output at all */
  g_assert_cmpint (run (&out, &err, "--convert", malformed, output, NULL), ==, 1);
  first = g_strdup_printf ("%s:3: start: “2018-02-30”: that month has no day 30\n", malformed);
  g_assert_true (g_str_has_prefix (out, first));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 12 + 1);  /* the last line is empty */
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A file already there stays as it was */
  g_assert_true (g_file_set_contents (existing, "unchanged\n", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (&out, &err, "--convert", bad_json, existing, "--to", "csv", NULL), ==, 1);
  g_assert_nonnull (strstr (out, ": record 3 (ok): id: “ok” is already the id of record 2\n"));
  kept = read_file (existing);
  g_assert_cmpstr (g_bytes_get_data (kept, NULL), ==, "unchanged\n");

  /* Nothing else was left behind (no temporary file) */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--convert", "/nonexistent/in.json", output, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "/nonexistent/in.json: "));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_remove (existing), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_convert_usage (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *data_set = data_set_path ();
  g_autofree char *output = g_build_filename (dir, "out.txt", NULL);
  g_autofree char *geojson = g_build_filename (dir, "in.geojson", NULL);
  struct
  {
    const char *args[6];
    const char *message;
  } cases[] = {
    { { "--convert", data_set, NULL }, "name the file to read and the file to write" },
    { { "--convert", data_set, output, output, NULL }, "name the file to read and the file to write" },
    { { "--convert", data_set, output, "--to", "pdf", NULL }, "unknown format “pdf”" },
    { { "--convert", data_set, output, NULL }, "cannot tell which format to write" },
    { { "--convert", geojson, "out.json", NULL }, "is GeoJSON, which Space Atlas writes but does not read" },
    { { "--to", "csv", NULL }, "--to goes with --convert" },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (geojson, "{}", -1, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_ptr_array_add (argv, (gpointer) g_getenv ("ATLAS_EXECUTABLE"));
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[a]);
      g_ptr_array_add (argv, NULL);

      process = g_subprocess_newv ((const char * const *) argv->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                   &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
      g_assert_no_error (error);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_cmpstr (out, ==, "");
    }

  /* Nothing written */
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_remove (geojson), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/check/valid", test_check_valid);
  g_test_add_func ("/cli/check/reports-problems", test_check_reports_problems);
  g_test_add_func ("/cli/check/missing-file", test_check_missing_file);
  g_test_add_func ("/cli/check/needs-files", test_check_needs_files);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/convert/csv-round-trip", test_convert_csv_round_trip);
  g_test_add_func ("/cli/convert/timelinejs-round-trip", test_convert_timelinejs_round_trip);
  g_test_add_func ("/cli/convert/geojson", test_convert_geojson);
  g_test_add_func ("/cli/convert/bad-input", test_convert_bad_input);
  g_test_add_func ("/cli/convert/usage", test_convert_usage);

  return g_test_run ();
}
