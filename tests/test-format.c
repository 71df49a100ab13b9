/* test-format.c — reading and writing data files: round trips, unknown
 * members, determinism, a report for every kind of bad input, and the
 * same from a file read in chunks as from bytes in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "atlas-format.h"
#include "atlas-format-private.h"
#include "atlas-json-syntax.h"

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  return read_bytes (path);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  gsize la, lb;
  const char *da = g_bytes_get_data (a, &la);
  const char *db = g_bytes_get_data (b, &lb);

  if (la != lb || memcmp (da, db, la) != 0)
    {
      gsize i = 0;

      while (i < la && i < lb && da[i] == db[i])
        i++;
      g_test_message ("first difference at byte %" G_GSIZE_FORMAT ": …%.40s… vs …%.40s…",
                      i, da + (i > 20 ? i - 20 : 0), db + (i > 20 ? i - 20 : 0));
      g_assert_not_reached ();
    }
}

static void
assert_round_trip (GBytes *bytes)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GBytes) written = NULL;

  records = atlas_format_read (bytes, &extra, &problems);
  if (problems->len > 0)
    {
      g_autofree char *text = atlas_problems_to_string (problems, "input");
      g_test_message ("%s", text);
    }
  g_assert_nonnull (records);
  g_assert_cmpuint (problems->len, ==, 0);

  written = atlas_format_write (records, extra);
  assert_bytes_equal (bytes, written);
}

static void
test_round_trip_fixture (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("valid.json");

  assert_round_trip (bytes);
}

static void
test_round_trip_data_set (void)
{
  const char *root = g_getenv ("ATLAS_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (root == NULL)
    {
      g_test_skip ("ATLAS_SOURCE_ROOT is not set");
      return;
    }

  path = g_build_filename (root, "data", "partnerships.json", NULL);
  bytes = read_bytes (path);
  assert_round_trip (bytes);
}

static void
test_unknown_members_survive (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("valid.json");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) extra = NULL;
  AtlasPartnership *cbers = NULL, *sigma = NULL;
  JsonObject *review;
  AtlasSource *source;

  records = atlas_format_read (bytes, &extra, &problems);
  g_assert_nonnull (records);

  /* Document level */
  g_assert_nonnull (extra);
  g_assert_true (json_object_has_member (extra, "x-generator"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (extra, "x-generator"),
                                               "revision"), ==, 3);

  for (guint i = 0; i < records->len; i++)
    {
      AtlasPartnership *p = records->pdata[i];

      if (g_str_equal (atlas_partnership_get_id (p), "cbers"))
        cbers = p;
      else if (g_str_equal (atlas_partnership_get_id (p), "ussr-gdr-sigma"))
        sigma = p;
    }
  g_assert_nonnull (cbers);
  g_assert_nonnull (sigma);

  /* Record level */
  review = json_object_get_object_member (atlas_partnership_get_extra (cbers), "x-review");
  g_assert_nonnull (review);
  g_assert_cmpstr (json_object_get_string_member (review, "by"), ==, "curator");
  g_assert_cmpfloat (json_object_get_double_member (review, "score"), ==, 1e-05);

  /* Source level */
  source = g_ptr_array_index (atlas_partnership_get_sources (sigma), 0);
  g_assert_nonnull (source->extra);
  g_assert_cmpstr (json_object_get_string_member (source->extra, "accessed"), ==, "2026-11-22");

  /* Known members never land among the unknown */
  g_assert_false (json_object_has_member (extra, "records"));
  g_assert_null (atlas_partnership_get_extra (sigma));
}

static void
test_write_is_deterministic (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("valid.json");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GPtrArray) shuffled = NULL;
  GRand *rand = g_rand_new_with_seed (42);

  records = atlas_format_read (bytes, &extra, &problems);
  first = atlas_format_write (records, extra);

  for (int round = 0; round < 10; round++)
    {
      g_autoptr(GBytes) again = NULL;

      shuffled = g_ptr_array_new ();
      for (guint i = 0; i < records->len; i++)
        g_ptr_array_add (shuffled, records->pdata[i]);
      for (guint i = shuffled->len - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          gpointer tmp = shuffled->pdata[i];

          shuffled->pdata[i] = shuffled->pdata[j];
          shuffled->pdata[j] = tmp;
        }

      again = atlas_format_write (shuffled, extra);
      assert_bytes_equal (first, again);
      g_clear_pointer (&shuffled, g_ptr_array_unref);
    }

  /* Two-space indent, final newline */
  {
    gsize len;
    const char *data = g_bytes_get_data (first, &len);

    g_assert_true (g_str_has_prefix (data, "{\n  \"format\": \"space-atlas\",\n  \"version\": 1,\n"));
    g_assert_cmpint (data[len - 1], ==, '\n');
    g_assert_cmpint (data[len - 2], ==, '}');
  }

  g_rand_free (rand);
}

static void
test_empty_data_set (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GBytes) written = atlas_format_write (records, NULL);

  g_assert_cmpstr (g_bytes_get_data (written, NULL), ==,
                   "{\n  \"format\": \"space-atlas\",\n  \"version\": 1,\n  \"records\": []\n}\n");
  assert_round_trip (written);
}

static void
test_numbers (void)
{
  /* Unknown members keep their numbers as Python's json writes them */
  static const struct { const char *in, *out; } cases[] = {
    { "0.1", "0.1" }, { "1.0", "1.0" }, { "100000.0", "100000.0" },
    { "1e+16", "1e+16" }, { "1.5e+300", "1.5e+300" }, { "0.0001", "0.0001" },
    { "1e-05", "1e-05" }, { "-2.5", "-2.5" }, { "123456789", "123456789" },
    { "3.141592653589793", "3.141592653589793" }, { "9007199254740993", "9007199254740993" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].in, NULL);
      g_autoptr(GString) out = g_string_new (NULL);

      atlas_format_append_json (out, node, 0);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

/* Every kind of bad input has a fixture and the report it must give */
static void
test_bad_input (gconstpointer data)
{
  const char *name = data;
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *expected_name = g_strconcat (name, ".expected", NULL);
  g_autofree char *fixture = g_build_filename ("bad", json_name, NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "fixtures", "bad",
                                                          expected_name, NULL);
  g_autoptr(GBytes) bytes = read_fixture (fixture);
  g_autoptr(GBytes) expected = read_bytes (expected_path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *report = NULL;

  records = atlas_format_read (bytes, &extra, &problems);

  g_assert_null (records);
  g_assert_null (extra);
  g_assert_cmpuint (problems->len, >, 0);

  report = atlas_problems_to_string (problems, json_name);
  g_assert_cmpstr (report, ==, g_bytes_get_data (expected, NULL));
}

static void
test_syntax_checker (void)
{
  static const struct { const char *text; int column; const char *message_part; } bad[] = {
    { "{\"a\": [1, 2,]}", 13, "cannot end with a comma" },
    { "{\"a\" 1}", 6, "expected “:”" },
    { "{'a': 1}", 2, "double quotes" },
    { "[1] x", 5, "end of the file" },
    { "{\"a\": \"b\nc\"}", 9, "cannot contain" },
    { "{\"a\": 01}", 7, "cannot start with 0" },
    { "[", 2, "the end of the file" },
    { "{\"a\": tru}", 7, "expected a value" },
    { "{\"a\":1,}", 8, "cannot end with a comma" },
    { "{\"a\": \"\\x\"}", 8, "not an escape" },
    { "{\"a\": \"\\u12\"}", 8, "four hexadecimal" },
    { "{\"a\": 1.}", 7, "decimal point" },
    { "{\"a\": 1e}", 7, "exponent" },
    { "\"open", 1, "no closing quote" },
    { "{\"a\": 1 \"b\": 2}", 9, "expected “,” or “}”" },
    { "[1 2]", 4, "expected “,” or “]”" },
    { "", 1, "expected a value" },
  };
  static const char *good[] = {
    "{}", "[]", "0", "-0.5e+10", "\"\\u00e9\\n\"", "[true, false, null]",
    " { \"a\" : [ 1 , { \"b\" : \"c\" } ] } \n", "\"日本\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = NULL;
      gsize offset = 0;
      int line, column;

      g_assert_false (atlas_json_check_syntax (bad[i].text, strlen (bad[i].text), 64,
                                               &offset, &message));
      atlas_json_locate (bad[i].text, offset, &line, &column);
      g_test_message ("%s → %d:%d %s", bad[i].text, line, column, message);
      g_assert_cmpint (column, ==, bad[i].column);
      g_assert_nonnull (strstr (message, bad[i].message_part));
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (atlas_json_check_syntax (good[i], strlen (good[i]), 64, NULL, NULL));
}

static void
test_deep_nesting (void)
{
  /* Far deeper than a data file ever nests: refused, not overflowed */
  const gsize depth = 100000;
  g_autofree char *text = g_malloc (2 * depth + 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  AtlasProblem *problem;

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  text[2 * depth] = '\0';
  bytes = g_bytes_new_static (text, 2 * depth);

  records = atlas_format_read (bytes, NULL, &problems);
  g_assert_null (records);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = problems->pdata[0];
  g_assert_cmpint (problem->kind, ==, ATLAS_PROBLEM_SYNTAX);
  g_assert_cmpint (problem->line, ==, 1);
  g_assert_cmpint (problem->column, ==, ATLAS_JSON_MAX_DEPTH + 1);
  g_assert_nonnull (strstr (problem->message, "nested"));
}

static void
test_byte_order_mark (void)
{
  g_autoptr(GBytes) plain = read_fixture ("valid.json");
  gsize length;
  const char *data = g_bytes_get_data (plain, &length);
  g_autofree char *with_bom = g_malloc (length + 3);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;

  memcpy (with_bom, "\xEF\xBB\xBF", 3);
  memcpy (with_bom + 3, data, length);
  bytes = g_bytes_new_static (with_bom, length + 3);

  records = atlas_format_read (bytes, NULL, &problems);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 4);
}

static void
assert_records_equal (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;

  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (atlas_partnership_equal (a->pdata[i], b->pdata[i]));
}

/* Reads @length bytes of @data as a file in chunks of @chunk bytes (0:
 * as many as fit) and as bytes in memory: the same records, unknown
 * members and problems, with the same lines and columns */
static void
assert_file_reads_as_bytes (const char *data,
                            gsize       length,
                            gsize       chunk)
{
  static char *path;
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GPtrArray) file_problems = NULL;
  g_autoptr(GPtrArray) file_records = NULL;
  g_autoptr(JsonObject) file_extra = NULL;
  g_autofree char *report = NULL;
  g_autofree char *file_report = NULL;
  g_autoptr(GError) error = NULL;
  FILE *out;

  if (path == NULL)
    {
      int fd = g_file_open_tmp ("test-format-XXXXXX.json", &path, &error);

      g_assert_no_error (error);
      close (fd);
    }

  /* Quicker than g_file_set_contents(), which syncs */
  out = fopen (path, "wb");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (data, 1, length, out), ==, length);
  g_assert_cmpint (fclose (out), ==, 0);
  file = g_file_new_for_path (path);

  records = atlas_format_read (bytes, &extra, &problems);
  _atlas_format_set_read_chunk_size (chunk);
  file_records = atlas_format_read_file (file, NULL, &file_extra, &file_problems);
  _atlas_format_set_read_chunk_size (0);

  report = atlas_problems_to_string (problems, "data.json");
  file_report = atlas_problems_to_string (file_problems, "data.json");
  if (g_strcmp0 (report, file_report) != 0)
    g_test_message ("%" G_GSIZE_FORMAT " bytes in chunks of %" G_GSIZE_FORMAT ": %.*s",
                    length, chunk, (int) MIN (length, 200), data);
  g_assert_cmpstr (file_report, ==, report);
  assert_records_equal (file_records, records);
  g_assert_true ((extra == NULL) == (file_extra == NULL));
  if (extra != NULL)
    g_assert_true (json_object_equal (extra, file_extra));
}

static const gsize chunk_sizes[] = { 4, 5, 6, 7, 11, 64, 0 };

static void
assert_file_reads_as_bytes_in_any_chunks (const char *data,
                                          gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    assert_file_reads_as_bytes (data, length, chunk_sizes[i]);
}

/* A file is read a chunk at a time, its tokens across the chunks' ends:
 * whatever the size of the chunks, it reads as the same bytes read
 * whole, down to the line and column of every problem */
static void
test_read_file_in_chunks (void)
{
#define TEXT(text) { text, sizeof text - 1 }
  static const struct { const char *data; gsize length; } texts[] = {
    TEXT (""),
    TEXT ("   \n\t "),
    TEXT ("\xEF\xBB\xBF"),
    TEXT ("\xEF\xBB\xBF \r\n"),
    TEXT ("\xEF\xBB"),
    TEXT ("\xEF\xBB\xBF\x80"),
    TEXT ("\xEF\xBB\xBF{\"format\": 1}"),
    TEXT ("[\"\xF0\x9F\x98"),
    TEXT ("[\"\\udc00\"]"),
    TEXT ("[\"\\ud83d\\ude00\"]"),
    TEXT ("[\"\\ud83d\\u0041\"]"),
    TEXT ("{\"a\": \"\\u12"),
    TEXT ("{\"a\": tru"),
    TEXT ("{\"a\": true"),
    TEXT ("{\"a\": 1e"),
    TEXT ("{\"a\": -"),
    TEXT ("{\"a\": 01}"),
    TEXT ("[1] x"),
    TEXT ("[1]   \n\n  x"),
    TEXT ("[1]  \n"),
    TEXT ("{\"a\"  \n  1}"),
    TEXT ("{\"a\": \"b\nc\"}"),
    TEXT ("\"open"),
    TEXT ("nul"),
    TEXT ("null"),
    TEXT ("nullx"),
    TEXT ("-12.5e+300"),
    TEXT ("{\"a\": [1, 2,]}"),
    TEXT ("[1] x \xFF"),
    TEXT ("{\"a\": tru\n\n \xC3"),
    TEXT ("{\"a\": \"\\x\"}\n\xC3\xA9\xA9"),
    TEXT ("{\n  \"format\": \"space-atlas\",\n  \"a\": \"caf\xE9\"}"),
    TEXT ("{\"format\": \"space\0atlas\"}"),
    TEXT ("{\"format\": \"space-atlas\", \"version\": 1, \"records\": ["),
    TEXT ("{\"format\": \"space-atlas\", \"version\": 1, \"records\": []}"),
    TEXT ("{\"format\": \"space-atlas\", \"version\": 1, \"records\": [], \"records\": 2}"),
    TEXT ("{\"format\": \"space-atlas\", \"version\": 2.0, \"records\": []}"),
    TEXT ("{\"format\": \"space-atlas\", \"version\": 1, \"x-doc\": [1, -2.5e+3, true, false, null,\r\n"
          "  {\"y\": \"z\\\"\"}], \"records\": [{\"id\": \"a-1\", \"title\": \"caf\\u00e9 \xF0\x9F\x98\x80 "
          "\\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \xC3\xA9t\xC3\xA9\", \"kind\": \"other\", \"start\": \"2001-02\",\r\n"
          "  \"countries\": [\"CN\", \"FR\"], \"x-\\u00e9\": {\"deep\": [[[]]]}, \"sources\": [{\"title\": "
          "\"S\", \"url\": null, \"x\": 12345678901234567890}], \"tags\": [\"a\", \"b\"]}]}\n"),
  };
#undef TEXT

  g_autoptr(GBytes) valid = read_fixture ("valid.json");
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "format", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "fixtures", "bad", NULL);
  const char *dirs[] = { corpus, bad };
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1957);
  gsize length;
  const char *data = g_bytes_get_data (valid, &length);
  g_autofree char *mutated = g_memdup2 (data, length);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_file_reads_as_bytes_in_any_chunks (texts[i].data, texts[i].length);

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dirs[d], name, NULL);
          g_autoptr(GBytes) bytes = NULL;

          if (!g_str_has_suffix (name, ".json"))
            continue;
          bytes = read_bytes (path);
          assert_file_reads_as_bytes_in_any_chunks (g_bytes_get_data (bytes, NULL),
                                                    g_bytes_get_size (bytes));
        }
    }

  /* Cut off anywhere */
  for (gsize cut = 0; cut < length; cut++)
    assert_file_reads_as_bytes (data, cut, chunk_sizes[cut % G_N_ELEMENTS (chunk_sizes)]);

  /* With a byte changed anywhere, and now and then one that is not
   * text after it */
  for (guint i = 0; i < 2000; i++)
    {
      static const char bytes[] = "\"\\{}[],: \n0-eu\xC3\xA9\xFF";
      gsize at = g_rand_int_range (rand, 0, length);
      gsize bad_at = g_rand_int_range (rand, at, length);

      mutated[at] = i % 50 == 0 ? '\0' : bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
      if (i % 4 == 0)
        mutated[bad_at] = i % 8 == 0 ? '\0' : '\xFF';
      assert_file_reads_as_bytes (mutated, length, chunk_sizes[i % G_N_ELEMENTS (chunk_sizes)]);
      mutated[at] = data[at];
      mutated[bad_at] = data[bad_at];
    }

  /* Long lines, tokens longer than a chunk, a problem far down */
  g_string_append (long_text, "{\"format\": \"space-atlas\", \"version\": 1, \"records\": [");
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (long_text, "%s{\"id\": \"r-%u\", \"title\": \"%s\", \"kind\": \"other\", "
                            "\"start\": \"1999\", \"countries\": [\"FR\"]}", i ? ",\n" : "", i,
                            i == 7 ? "\xC3\xA9\xC3\xA9 long title \xE6\x97\xA5 ..........................."
                                     "....................................................................."
                                     "....................................................................."
                                     : "T");
  g_string_append (long_text, "]}");
  assert_file_reads_as_bytes_in_any_chunks (long_text->str, long_text->len);
  g_string_truncate (long_text, long_text->len - 2);
  g_string_append (long_text, ",\n\t{\"id\": \"r-1\", \"title\": 2}\n]}");
  assert_file_reads_as_bytes_in_any_chunks (long_text->str, long_text->len);
  g_string_replace (long_text, "\n", " ", 0);
  g_string_append (long_text, " x");
  assert_file_reads_as_bytes_in_any_chunks (long_text->str, long_text->len);
  long_text->str[long_text->len - 1] = '\0';
  assert_file_reads_as_bytes_in_any_chunks (long_text->str, long_text->len);
  long_text->str[10] = '!';
  assert_file_reads_as_bytes_in_any_chunks (long_text->str, long_text->len);
}

int
main (int   argc,
      char *argv[])
{
  static const char *bad_inputs[] = {
    "syntax-error", "not-utf8", "empty", "not-a-data-file", "newer-version",
    "missing-id", "duplicate-id", "unknown-kind", "bad-date", "end-before-start",
    "unknown-country", "empty-countries", "several-problems",
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/round-trip/fixture", test_round_trip_fixture);
  g_test_add_func ("/format/round-trip/data-set", test_round_trip_data_set);
  g_test_add_func ("/format/unknown-members-survive", test_unknown_members_survive);
  g_test_add_func ("/format/write-is-deterministic", test_write_is_deterministic);
  g_test_add_func ("/format/empty-data-set", test_empty_data_set);
  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/syntax-checker", test_syntax_checker);
  g_test_add_func ("/format/deep-nesting", test_deep_nesting);
  g_test_add_func ("/format/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/format/read-file-in-chunks", test_read_file_in_chunks);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format/bad-input/%s", bad_inputs[i]);
      g_test_add_data_func (path, bad_inputs[i], test_bad_input);
    }

  return g_test_run ();
}
