/* test-timelinejs.c — TimelineJS (Knight Lab) JSON in and out: the
 * mapping, events with problems, and round trips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-timelinejs.h"

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

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static char *
bytes_to_string (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_strv (const char * const *value,
             const char         *expected)
{
  g_autofree char *joined = g_strjoinv (";", (char **) value);

  g_assert_cmpstr (joined, ==, expected);
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
      g_test_message ("first difference at byte %" G_GSIZE_FORMAT ": …%.60s… vs …%.60s…",
                      i, da + (i > 30 ? i - 30 : 0), db + (i > 30 ? i - 30 : 0));
      g_assert_not_reached ();
    }
}

static void
print_problems (GPtrArray *problems)
{
  g_autofree char *text = atlas_problems_to_string (problems, "input");

  if (problems->len > 0)
    g_test_message ("%s", text);
}

/* HTML */

static void
test_html_to_text (void)
{
  static const struct
  {
    const char *html;
    const char *text;
  } cases[] = {
    { "plain text", "plain text" },
    { "  spaces\n\tcollapse   here  ", "spaces collapse here" },
    { "<p>One</p><p>Two</p>", "One\n\nTwo" },
    { "<p>One<br>two<br/>three</p>", "One\ntwo\nthree" },
    { "a<br><br><br>b", "a\n\nb" },
    { "<ul><li>x</li><li>y</li></ul>", "x\ny" },
    { "<em>Em</em>phasis and <a href=\"https://e.org/?a=1&amp;b=>\">a link</a>",
      "Emphasis and a link" },
    { "&amp; &lt;tag&gt; &quot;q&quot; &#8211; &#x2014; &nbsp;&rsquo;", "& <tag> \"q\" – — \u00a0’" },
    { "&unknown; &amp &#0; &#xZZ;", "&unknown; &amp &#0; &#xZZ;" },
    { "x < y and a<b", "x < y and a<b" },
    { "<script>alert('no')</script>Shown<style>p { }</style>", "Shown" },
    { "<P CLASS='x'>Upper case</P>", "Upper case" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = atlas_timelinejs_html_to_text (cases[i].html);

      g_test_message ("%s", cases[i].html);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *empty = atlas_timelinejs_html_to_text (NULL);

    g_assert_cmpstr (empty, ==, "");
  }
}

static void
test_is_timeline (void)
{
  g_autoptr(GBytes) knightlab = read_fixture ("import/knightlab.json");
  g_autoptr(GBytes) valid = read_fixture ("valid.json");
  g_autoptr(GBytes) events_but_ours = bytes_from_string ("{\"format\": \"space-atlas\", \"events\": []}");
  g_autoptr(GBytes) broken = bytes_from_string ("{\"events\": [");
  g_autoptr(GBytes) bom = bytes_from_string ("\xEF\xBB\xBF{\"events\": []}");

  g_assert_true (atlas_timelinejs_is_timeline (knightlab));
  g_assert_true (atlas_timelinejs_is_timeline (bom));
  g_assert_false (atlas_timelinejs_is_timeline (valid));
  g_assert_false (atlas_timelinejs_is_timeline (events_but_ours));
  g_assert_false (atlas_timelinejs_is_timeline (broken));
}

/* Importing */

static AtlasPartnership *
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; i < records->len; i++)
    if (g_str_equal (atlas_partnership_get_id (records->pdata[i]), id))
      return records->pdata[i];

  g_test_message ("no record “%s”", id);
  g_assert_not_reached ();
}

static void
test_import_knightlab (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("import/knightlab.json");
  static const char * const countries[] = { "CN", "BR", NULL };
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonObject) extra = NULL;
  AtlasPartnership *cbers, *double_star, *yinghuo;
  AtlasSource *source;
  JsonObject *kept;

  g_hash_table_add (taken, "yinghuo-1-is-lost-with-phobos-grunt");

  g_assert_true (atlas_timelinejs_import (bytes, countries, taken, &records, &extra, &problems));
  print_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_null (extra);

  /* Strings for numbers; an empty day; HTML stripped; a group that is a
   * kind's label; the media as a source */
  cbers = find_record (records, "cbers-protocol");
  g_assert_cmpstr (atlas_partnership_get_title (cbers), ==, "China & Brazil sign the CBERS protocol");
  g_assert_cmpint (atlas_partnership_get_kind (cbers), ==, ATLAS_KIND_JOINT_MISSION);
  g_assert_cmpint (atlas_partnership_get_status (cbers), ==, ATLAS_STATUS_UNKNOWN);
  g_assert_cmpint (atlas_partnership_get_start (cbers)->year, ==, 1988);
  g_assert_cmpint (atlas_partnership_get_start (cbers)->month, ==, 7);
  g_assert_cmpint (atlas_partnership_get_start (cbers)->precision, ==, ATLAS_DATE_PRECISION_MONTH);
  g_assert_false (atlas_date_is_set (atlas_partnership_get_end (cbers)));
  assert_strv (atlas_partnership_get_countries (cbers), "CN;BR");
  g_assert_cmpstr (atlas_partnership_get_summary (cbers), ==,
                   "The two countries agree to build Earth-resources satellites together.\n\n"
                   "A second paragraph,\nwith a line break & an example link.");
  g_assert_cmpuint (atlas_partnership_get_sources (cbers)->len, ==, 1);
  source = atlas_partnership_get_sources (cbers)->pdata[0];
  g_assert_cmpstr (source->title, ==, "Photo: INPE");
  g_assert_null (source->document);
  g_assert_cmpstr (source->url, ==, "https://example.org/cbers.jpg");
  g_assert_null (atlas_partnership_get_extra (cbers));

  /* A unique_id that is not a valid id becomes its slug; a group that
   * is no kind is kept, with the members the mapping does not use */
  double_star = find_record (records, "double-star");
  g_assert_cmpint (atlas_partnership_get_kind (double_star), ==, ATLAS_KIND_OTHER);
  g_assert_cmpint (atlas_partnership_get_end (double_star)->precision, ==, ATLAS_DATE_PRECISION_MONTH);
  g_assert_cmpstr (atlas_partnership_get_summary (double_star), ==,
                   "Two satellites with ESA’s Cluster mission.");
  kept = json_object_get_object_member (atlas_partnership_get_extra (double_star), "timelinejs");
  g_assert_nonnull (kept);
  g_assert_cmpstr (json_object_get_string_member (kept, "group"), ==, "Milestones");
  g_assert_cmpstr (json_object_get_string_member (kept, "display_date"), ==,
                   "December 2003 – October 2007");
  g_assert_cmpuint (json_object_get_size (kept), ==, 2);

  /* No unique_id: one from the headline, avoiding taken ids; the time
   * of day is dropped */
  yinghuo = find_record (records, "yinghuo-1-is-lost-with-phobos-grunt-2");
  g_assert_cmpint (atlas_partnership_get_start (yinghuo)->precision, ==, ATLAS_DATE_PRECISION_MONTH);
  g_assert_cmpstr (atlas_partnership_get_summary (yinghuo), ==, "");
  g_assert_cmpuint (atlas_partnership_get_sources (yinghuo)->len, ==, 0);
  kept = json_object_get_object_member (atlas_partnership_get_extra (yinghuo), "timelinejs");
  g_assert_true (json_object_has_member (kept, "background"));
}

static void
test_import_no_countries (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("import/knightlab.json");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  /* A plain TimelineJS file names no partners: each event is a problem
   * until the caller says which countries to give them */
  g_assert_true (atlas_timelinejs_import (bytes, NULL, NULL, &records, NULL, &problems));
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpuint (atlas_problems_count_records (problems), ==, 3);

  text = atlas_problems_to_string (problems, "knightlab.json");
  g_assert_cmpstr (text, ==,
                   "knightlab.json: record 1 (cbers-protocol): countries: TimelineJS events name "
                   "no partner countries; choose the countries to give them\n"
                   "knightlab.json: record 2 (double-star): countries: TimelineJS events name "
                   "no partner countries; choose the countries to give them\n"
                   "knightlab.json: record 3 (yinghuo-1-is-lost-with-phobos-grunt): countries: "
                   "TimelineJS events name no partner countries; choose the countries to give "
                   "them\n");
}

static void
test_import_bad_dates (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("import/bad-dates.timeline.json");
  g_autoptr(GBytes) expected = read_fixture ("import/bad-dates.expected");
  static const char * const countries[] = { "CN", NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_text = bytes_to_string (expected);

  g_assert_true (atlas_timelinejs_import (bytes, countries, NULL, &records, NULL, &problems));
  text = atlas_problems_to_string (problems, "bad-dates.timeline.json");
  g_assert_cmpstr (text, ==, expected_text);

  /* One problem per bad event, and the good one imported */
  g_assert_cmpuint (problems->len, ==, 10);
  g_assert_cmpuint (atlas_problems_count_records (problems), ==, 10);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[0]), ==, "good");
}

static void
test_import_not_timeline (void)
{
  static const struct
  {
    const char *json;
    const char *report;
  } cases[] = {
    { "[]", "t.json: this is not a TimelineJS file: it holds a list, not an object with "
            "“events”\n" },
    { "{\"title\": {}}", "t.json: events: this is not a TimelineJS file: it has no list of "
                         "“events”\n" },
    { "{\"events\": {}}", "t.json: events: must be a list of events\n" },
    { "{\n  \"events\": [\n    {,\n", "t.json:3:6: expected a member name in double quotes, found “,”\n" },
    { "", "t.json: the file is empty\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = bytes_from_string (cases[i].json);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *text = NULL;

      g_assert_false (atlas_timelinejs_import (bytes, NULL, NULL, &records, NULL, &problems));
      g_assert_cmpuint (records->len, ==, 0);
      text = atlas_problems_to_string (problems, "t.json");
      g_assert_cmpstr (text, ==, cases[i].report);
    }
}

static void
test_import_unique_ids (void)
{
  g_autoptr(GBytes) bytes = bytes_from_string (
    "{\"events\": ["
    "{\"unique_id\": 42, \"start_date\": {\"year\": 2001}, \"text\": {\"headline\": \"A number\"}},"
    "{\"unique_id\": true, \"start_date\": {\"year\": 2002}, \"text\": {\"headline\": \"A boolean\"}},"
    "{\"unique_id\": \"same\", \"start_date\": {\"year\": 2003}, \"text\": {\"headline\": \"First\"}},"
    "{\"unique_id\": \"same\", \"start_date\": {\"year\": 2004}, \"text\": {\"headline\": \"Second\"}}"
    "]}");
  static const char * const countries[] = { "CN", NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  g_assert_true (atlas_timelinejs_import (bytes, countries, NULL, &records, NULL, &problems));
  text = atlas_problems_to_string (problems, "t.json");
  g_assert_cmpstr (text, ==,
                   "t.json: record 2 (a-boolean): unique_id: must be a string, not true or false\n"
                   "t.json: record 4 (same): unique_id: “same” is already the id of record 3\n");
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[0]), ==, "42");
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[1]), ==, "same");
}

/* Writing */

static GPtrArray *
read_data_file (GBytes      *bytes,
                JsonObject **extra)
{
  g_autoptr(GPtrArray) problems = NULL;
  GPtrArray *records = atlas_format_read (bytes, extra, &problems);

  print_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (records);
  return records;
}

static void
test_export_layout (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("valid.json");
  g_autoptr(GPtrArray) records = read_data_file (bytes, NULL);
  g_autoptr(GBytes) timeline = atlas_timelinejs_export (records, NULL, "Space <cooperation>");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *document, *event, *date, *text, *space_atlas;
  JsonArray *events;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (timeline, NULL),
                                             g_bytes_get_size (timeline), &error));
  g_assert_no_error (error);
  g_assert_true (atlas_timelinejs_is_timeline (timeline));

  document = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (
                       json_object_get_object_member (document, "title"), "text"), "headline"),
                   ==, "Space &lt;cooperation&gt;");

  /* Sorted as in a data file */
  events = json_object_get_array_member (document, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 4);
  event = json_array_get_object_element (events, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "unique_id"), ==, "ussr-gdr-sigma");

  /* Dates with their precision, as numbers */
  date = json_object_get_object_member (event, "start_date");
  g_assert_cmpint (json_object_get_int_member (date, "year"), ==, 1978);
  g_assert_cmpint (json_object_get_int_member (date, "month"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (date, "day"), ==, 26);
  event = json_array_get_object_element (events, 1);
  g_assert_cmpstr (json_object_get_string_member (event, "unique_id"), ==, "cbers");
  date = json_object_get_object_member (event, "start_date");
  g_assert_cmpuint (json_object_get_size (date), ==, 2);
  g_assert_false (json_object_has_member (event, "end_date"));

  /* HTML for people, the kind's label as the group */
  text = json_object_get_object_member (event, "text");
  g_assert_cmpstr (json_object_get_string_member (text, "headline"), ==,
                   "China–Brazil Earth Resources Satellite programme");
  g_assert_cmpstr (json_object_get_string_member (text, "text"), ==,
                   "<p>中国与巴西的地球资源卫星合作。</p>"
                   "<p>Partners: China, Brazil</p>"
                   "<p>Organizations: CNSA, INPE</p>"
                   "<p>Sources: China strengthens international space cooperation</p>");
  g_assert_cmpstr (json_object_get_string_member (event, "group"), ==, "Joint mission");

  /* What TimelineJS has no place for */
  space_atlas = json_object_get_object_member (event, "space_atlas");
  g_assert_cmpstr (json_object_get_string_member (space_atlas, "kind"), ==, "joint-mission");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (space_atlas, "countries")),
                    ==, 2);
  g_assert_true (json_object_has_member (json_object_get_object_member (space_atlas, "extra"),
                                         "x-review"));
  g_assert_false (json_object_has_member (space_atlas, "title"));

  /* Escaped: quotes, a line break, a link */
  event = json_array_get_object_element (events, 0);
  text = json_object_get_object_member (event, "text");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (text, "text"),
                                   "<p>A test record with historical codes, a &quot;quoted&quot; "
                                   "word, a backslash \\, a tab\t and a line<br>break.</p>"));
  g_assert_nonnull (strstr (json_object_get_string_member (text, "text"),
                            "<a href=\"https://example.org/sigma?a=1&amp;b=2\">Test source</a>"));
}

static void
assert_lossless (GBytes *bytes)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonObject) extra_back = NULL;
  g_autoptr(GPtrArray) records = read_data_file (bytes, &extra);
  g_autoptr(GBytes) timeline = atlas_timelinejs_export (records, extra, "A title");
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) timeline_again = NULL;

  /* No countries needed: they are in the file */
  g_assert_true (atlas_timelinejs_import (timeline, NULL, NULL, &back, &extra_back, &problems));
  print_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (back->len, ==, records->len);

  written = atlas_format_write (back, extra_back);
  assert_bytes_equal (bytes, written);

  timeline_again = atlas_timelinejs_export (back, extra_back, "A title");
  assert_bytes_equal (timeline, timeline_again);
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
  assert_lossless (bytes);
}

static void
test_round_trip_fixture (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("valid.json");

  assert_lossless (bytes);
}

static void
test_round_trip_odd_title (void)
{
  g_autoptr(GBytes) bytes = bytes_from_string (
    "{\"format\": \"space-atlas\", \"version\": 1, \"records\": [{\"id\": \"x\", "
    "\"title\": \"Two  spaces &amp; <b>not a tag</b>\", \"kind\": \"other\", \"start\": \"2001\", "
    "\"end\": null, \"status\": \"unknown\", \"countries\": [\"CN\"], \"organizations\": [], "
    "\"summary\": \"\", \"sources\": [], \"tags\": []}]}");
  g_autoptr(GPtrArray) records = read_data_file (bytes, NULL);
  g_autoptr(GBytes) timeline = atlas_timelinejs_export (records, NULL, NULL);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (atlas_timelinejs_import (timeline, NULL, NULL, &back, NULL, &problems));
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpstr (atlas_partnership_get_title (back->pdata[0]), ==,
                   "Two  spaces &amp; <b>not a tag</b>");
  g_assert_true (atlas_partnership_equal (records->pdata[0], back->pdata[0]));
}

static void
test_round_trip_plain (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("import/knightlab.json");
  static const char * const countries[] = { "CN", NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) timeline = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *event;

  g_assert_true (atlas_timelinejs_import (bytes, countries, NULL, &records, NULL, &problems));
  g_assert_cmpuint (records->len, ==, 3);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A TimelineJS file goes back out with what Space Atlas kept of it */
  timeline = atlas_timelinejs_export (records, NULL, NULL);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (timeline, NULL),
                                             g_bytes_get_size (timeline), NULL));
  event = json_array_get_object_element (
            json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "events"), 1);
  g_assert_cmpstr (json_object_get_string_member (event, "unique_id"), ==, "double-star");
  g_assert_cmpstr (json_object_get_string_member (event, "group"), ==, "Milestones");
  g_assert_cmpstr (json_object_get_string_member (event, "display_date"), ==,
                   "December 2003 – October 2007");

  /* ... and comes back the same */
  g_assert_true (atlas_timelinejs_import (timeline, NULL, NULL, &back, NULL, &problems));
  print_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (back->len, ==, records->len);
  for (guint i = 0; i < records->len; i++)
    {
      AtlasPartnership *record = records->pdata[i];

      g_test_message ("%s", atlas_partnership_get_id (record));
      g_assert_true (atlas_partnership_equal (record,
                                              find_record (back, atlas_partnership_get_id (record))));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timelinejs/html-to-text", test_html_to_text);
  g_test_add_func ("/timelinejs/is-timeline", test_is_timeline);
  g_test_add_func ("/timelinejs/import/knightlab", test_import_knightlab);
  g_test_add_func ("/timelinejs/import/no-countries", test_import_no_countries);
  g_test_add_func ("/timelinejs/import/bad-dates", test_import_bad_dates);
  g_test_add_func ("/timelinejs/import/not-timeline", test_import_not_timeline);
  g_test_add_func ("/timelinejs/import/unique-ids", test_import_unique_ids);
  g_test_add_func ("/timelinejs/export/layout", test_export_layout);
  g_test_add_func ("/timelinejs/round-trip/data-set", test_round_trip_data_set);
  g_test_add_func ("/timelinejs/round-trip/fixture", test_round_trip_fixture);
  g_test_add_func ("/timelinejs/round-trip/odd-title", test_round_trip_odd_title);
  g_test_add_func ("/timelinejs/round-trip/plain", test_round_trip_plain);

  return g_test_run ();
}
