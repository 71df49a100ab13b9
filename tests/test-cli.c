/* test-cli.c — the command line, run as a curator's CI runs it:
 * space-atlas --check FILE...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <gio/gio.h>

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

  return g_test_run ();
}
