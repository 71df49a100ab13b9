/* test-csv.c — CSV in and out: the dialect, guessing columns, importing
 * rows with problems, and round trips through CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-csv.h"

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
assert_strv (const char * const *value,
             const char         *expected)
{
  g_autofree char *joined = g_strjoinv (";", (char **) value);

  g_assert_cmpstr (joined, ==, expected);
}

static AtlasCsvRow *
row_at (GPtrArray *rows,
        guint      index)
{
  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

/* Import with the guessed mapping */
static gboolean
import_guessed (GBytes      *bytes,
                GHashTable  *taken,
                GPtrArray  **records,
                GPtrArray  **problems)
{
  g_autoptr(GPtrArray) header_problems = NULL;
  g_auto(GStrv) headers = atlas_csv_read_headers (bytes, &header_problems);
  g_autofree AtlasCsvField *mapping = NULL;

  g_assert_nonnull (headers);
  g_assert_cmpuint (header_problems->len, ==, 0);
  mapping = atlas_csv_guess_mapping ((const char * const *) headers);
  return atlas_csv_import (bytes, mapping, g_strv_length (headers), taken, records, problems);
}

/* The dialect */

static void
test_parse_dialect (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  AtlasCsvRow *row;

  bytes = bytes_from_string ("\xEF\xBB\xBF" "a,b,c\r\n"
                             "\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
                             "\r\n"
                             "1,,3\n"
                             "\n"
                             "old mac\r"
                             "4,5,\n"
                             "\"\"\n"
                             "last,no,newline");
  rows = atlas_csv_parse (bytes, &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (rows->len, ==, 6);

  /* The byte order mark is not part of the first name */
  row = row_at (rows, 0);
  g_assert_cmpint (row->line, ==, 1);
  g_assert_cmpint (row->number, ==, 0);
  assert_strv ((const char * const *) row->cells, "a;b;c");

  /* Quoted commas, doubled quotes, line breaks kept as written */
  row = row_at (rows, 1);
  g_assert_cmpint (row->line, ==, 2);
  g_assert_cmpint (row->number, ==, 1);
  g_assert_cmpuint (g_strv_length (row->cells), ==, 3);
  g_assert_cmpstr (row->cells[0], ==, "x, y");
  g_assert_cmpstr (row->cells[1], ==, "say \"hi\"");
  g_assert_cmpstr (row->cells[2], ==, "two\r\nlines");

  /* Blank lines are skipped but counted */
  row = row_at (rows, 2);
  g_assert_cmpint (row->line, ==, 5);
  g_assert_cmpint (row->number, ==, 2);
  assert_strv ((const char * const *) row->cells, "1;;3");

  /* A lone CR ends a row too */
  row = row_at (rows, 3);
  g_assert_cmpint (row->line, ==, 7);
  assert_strv ((const char * const *) row->cells, "old mac");

  /* A trailing comma is an empty last field */
  row = row_at (rows, 4);
  g_assert_cmpint (row->line, ==, 8);
  g_assert_cmpuint (g_strv_length (row->cells), ==, 3);
  assert_strv ((const char * const *) row->cells, "4;5;");

  /* "" alone is a blank line; the last line needs no line break */
  row = row_at (rows, 5);
  g_assert_cmpint (row->line, ==, 10);
  g_assert_cmpint (row->number, ==, 5);
  assert_strv ((const char * const *) row->cells, "last;no;newline");
}

static void
test_parse_malformed (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  bytes = bytes_from_string ("a,b\n"
                             "ok,1\n"
                             "\"closed\"x,2\n"
                             "caf\xe9,3\n"
                             "ok,\"multi\nline\"\n"
                             "é,\"\xff\"\n"
                             "still,ok\n"
                             "never,\"closed\n"
                             "more,rows\n");
  rows = atlas_csv_parse (bytes, &problems);

  text = atlas_problems_to_string (problems, "t.csv");
  g_assert_cmpstr (text, ==,
                   "t.csv:3:9: text after the closing quote of a field; a quote inside a quoted "
                   "field is written twice (\"\")\n"
                   "t.csv:4:4: the file is not valid UTF-8 here (byte 0xE9); save it as UTF-8\n"
                   "t.csv:7:4: the file is not valid UTF-8 here (byte 0xFF); save it as UTF-8\n"
                   "t.csv:9:7: the quoted field that starts here has no closing quote\n");

  /* Each problem names its row; the good rows are read */
  g_assert_cmpint (((AtlasProblem *) problems->pdata[0])->record, ==, 2);
  g_assert_cmpint (((AtlasProblem *) problems->pdata[3])->record, ==, 7);
  g_assert_cmpuint (atlas_problems_count_records (problems), ==, 4);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpint (row_at (rows, 2)->line, ==, 5);
  g_assert_cmpint (row_at (rows, 2)->number, ==, 4);
  g_assert_cmpstr (row_at (rows, 3)->cells[0], ==, "still");
  g_assert_cmpint (row_at (rows, 3)->line, ==, 8);
}

static void
test_parse_nul (void)
{
  static const char data[] = "a,b\nx\0y,1\n";
  g_autoptr(GBytes) bytes = g_bytes_new (data, sizeof data - 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) rows = atlas_csv_parse (bytes, &problems);
  g_autofree char *text = atlas_problems_to_string (problems, "t.csv");

  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (text, ==, "t.csv:2:2: the file contains a NUL byte; a CSV file is UTF-8 text\n");
}

static void
test_read_headers (void)
{
  g_autoptr(GBytes) empty = bytes_from_string ("\n\n");
  g_autoptr(GBytes) broken = bytes_from_string ("\"title,start\n");
  g_autoptr(GBytes) good = bytes_from_string ("\n Title ,start\nx,1\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(GStrv) headers = NULL;
  g_autofree char *text = NULL;

  g_assert_null (atlas_csv_read_headers (empty, &problems));
  text = atlas_problems_to_string (problems, "t.csv");
  g_assert_cmpstr (text, ==, "t.csv: the file is empty\n");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  g_assert_null (atlas_csv_read_headers (broken, &problems));
  text = atlas_problems_to_string (problems, "t.csv");
  g_assert_cmpstr (text, ==, "t.csv:1:1: the quoted field that starts here has no closing quote\n");
  g_clear_pointer (&problems, g_ptr_array_unref);

  headers = atlas_csv_read_headers (good, &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_strv ((const char * const *) headers, " Title ;start");
}

/* Guessing columns */

static void
test_guess_mapping (void)
{
  static const char * const headers[] = {
    "Slug", "Headline", "Category", "Date", "Start_Date", "END-DATE", "State",
    "Partner Countries", "Organisations", "Notes", "Topics", "Source", "Document", "HREF",
    "Country", "Begin", "Whatever", "", NULL,
  };
  static const AtlasCsvField expected[] = {
    ATLAS_CSV_FIELD_ID, ATLAS_CSV_FIELD_TITLE, ATLAS_CSV_FIELD_KIND,
    ATLAS_CSV_FIELD_IGNORE,  /* "Start_Date" is more telling than "Date" */
    ATLAS_CSV_FIELD_START, ATLAS_CSV_FIELD_END, ATLAS_CSV_FIELD_STATUS,
    ATLAS_CSV_FIELD_IGNORE,  /* "Country" comes later but ranks higher */
    ATLAS_CSV_FIELD_ORGANIZATIONS, ATLAS_CSV_FIELD_SUMMARY, ATLAS_CSV_FIELD_TAGS,
    ATLAS_CSV_FIELD_SOURCE_TITLE, ATLAS_CSV_FIELD_SOURCE_DOCUMENT, ATLAS_CSV_FIELD_SOURCE_URL,
    ATLAS_CSV_FIELD_COUNTRIES, ATLAS_CSV_FIELD_IGNORE, ATLAS_CSV_FIELD_IGNORE,
    ATLAS_CSV_FIELD_IGNORE,
  };
  static const char * const accents[] = { "Títle", "STATUS", "Ünknown", "link", "url", NULL };
  g_autofree AtlasCsvField *mapping = atlas_csv_guess_mapping (headers);
  g_autofree AtlasCsvField *accent_mapping = atlas_csv_guess_mapping (accents);
  g_autofree AtlasCsvField *none = atlas_csv_guess_mapping (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("column %u: %s", i, headers[i]);
      g_assert_cmpint (mapping[i], ==, expected[i]);
    }

  g_assert_cmpint (accent_mapping[0], ==, ATLAS_CSV_FIELD_TITLE);
  g_assert_cmpint (accent_mapping[1], ==, ATLAS_CSV_FIELD_STATUS);
  g_assert_cmpint (accent_mapping[2], ==, ATLAS_CSV_FIELD_IGNORE);
  /* "url" ranks above "link" */
  g_assert_cmpint (accent_mapping[3], ==, ATLAS_CSV_FIELD_IGNORE);
  g_assert_cmpint (accent_mapping[4], ==, ATLAS_CSV_FIELD_SOURCE_URL);
  g_assert_nonnull (none);
}

static void
test_guess_mapping_own_columns (void)
{
  const char *names[ATLAS_CSV_N_FIELDS];
  g_autofree AtlasCsvField *mapping = NULL;

  /* The columns Space Atlas writes are read back as themselves */
  for (guint f = 1; f < ATLAS_CSV_N_FIELDS; f++)
    names[f - 1] = atlas_csv_field_to_string (f);
  names[ATLAS_CSV_N_FIELDS - 1] = NULL;

  mapping = atlas_csv_guess_mapping (names);
  for (guint f = 1; f < ATLAS_CSV_N_FIELDS; f++)
    {
      g_assert_cmpint (mapping[f - 1], ==, f);
      g_assert_nonnull (atlas_csv_field_get_label (f));
    }
  g_assert_null (atlas_csv_field_to_string (ATLAS_CSV_FIELD_IGNORE));
  g_assert_cmpstr (atlas_csv_field_get_label (ATLAS_CSV_FIELD_IGNORE), ==, "Do not import");
}

/* Importing */

static void
test_import_variants (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("import/variants.csv");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  AtlasPartnership *cbers, *cfosat, *cfosat_2, *double_star;
  AtlasSource *source;
  GPtrArray *sources;

  g_assert_true (import_guessed (bytes, NULL, &records, &problems));
  if (problems->len > 0)
    {
      g_autofree char *text = atlas_problems_to_string (problems, "variants.csv");
      g_test_message ("%s", text);
    }
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (records->len, ==, 4);

  /* In the file's order */
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[0]), ==, "cbers");
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[3]), ==, "double-star");

  cbers = find_record (records, "cbers");
  g_assert_cmpstr (atlas_partnership_get_title (cbers), ==,
                   "China–Brazil Earth Resources Satellite programme, CBERS");
  g_assert_cmpint (atlas_partnership_get_kind (cbers), ==, ATLAS_KIND_JOINT_MISSION);
  g_assert_cmpint (atlas_partnership_get_status (cbers), ==, ATLAS_STATUS_ACTIVE);
  g_assert_cmpint (atlas_partnership_get_start (cbers)->precision, ==, ATLAS_DATE_PRECISION_MONTH);
  g_assert_false (atlas_date_is_set (atlas_partnership_get_end (cbers)));
  /* By name and by alpha-3 code */
  assert_strv (atlas_partnership_get_countries (cbers), "CN;BR");
  assert_strv (atlas_partnership_get_organizations (cbers), "CNSA;INPE");
  /* A line break inside quotes, in a file with CRLF line endings */
  g_assert_cmpstr (atlas_partnership_get_summary (cbers), ==,
                   "Two satellites, then more.\nA \"joint\" programme.");
  assert_strv (atlas_partnership_get_tags (cbers), "earth-observation");

  /* Two sources, their documents and URLs aligned by position */
  sources = atlas_partnership_get_sources (cbers);
  g_assert_cmpuint (sources->len, ==, 2);
  source = sources->pdata[0];
  g_assert_cmpstr (source->title, ==, "China strengthens international space cooperation");
  g_assert_cmpstr (source->document, ==, "002_980ba927a7cd4ee4.txt");
  g_assert_null (source->url);
  source = sources->pdata[1];
  g_assert_cmpstr (source->title, ==, "INPE timeline");
  g_assert_null (source->document);
  g_assert_cmpstr (source->url, ==, "http://www3.inpe.br/50anos/english/timeline/88.html");

  /* Ids from titles, unique; dates with slashes and dots; codes in any case */
  cfosat = find_record (records, "sino-french-oceanography-satellite-cfosat");
  cfosat_2 = find_record (records, "sino-french-oceanography-satellite-cfosat-2");
  g_assert_cmpint (atlas_partnership_get_status (cfosat), ==, ATLAS_STATUS_COMPLETED);
  g_assert_true (atlas_date_equal (atlas_partnership_get_start (cfosat),
                                   atlas_partnership_get_start (cfosat_2)));
  g_assert_cmpint (atlas_partnership_get_start (cfosat)->day, ==, 29);
  g_assert_cmpint (atlas_partnership_get_end (cfosat_2)->month, ==, 1);
  g_assert_cmpint (atlas_partnership_get_end (cfosat_2)->precision, ==, ATLAS_DATE_PRECISION_MONTH);
  assert_strv (atlas_partnership_get_countries (cfosat), "CN;FR");
  /* An empty status is unknown */
  g_assert_cmpint (atlas_partnership_get_status (cfosat_2), ==, ATLAS_STATUS_UNKNOWN);
  g_assert_cmpuint (atlas_partnership_get_sources (cfosat)->len, ==, 0);

  double_star = find_record (records, "double-star");
  g_assert_cmpint (atlas_partnership_get_kind (double_star), ==, ATLAS_KIND_JOINT_MISSION);
  assert_strv (atlas_partnership_get_countries (double_star), "CN;GB");
  g_assert_cmpint (atlas_partnership_get_start (double_star)->precision, ==, ATLAS_DATE_PRECISION_YEAR);
}

static void
test_import_malformed (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("import/malformed.csv");
  g_autoptr(GBytes) expected = read_fixture ("import/malformed.expected");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_text = g_strndup (g_bytes_get_data (expected, NULL),
                                              g_bytes_get_size (expected));

  /* Rows with problems are reported, never dropped without a word */
  g_assert_true (import_guessed (bytes, NULL, &records, &problems));
  text = atlas_problems_to_string (problems, "malformed.csv");
  g_assert_cmpstr (text, ==, expected_text);

  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[0]), ==, "good-1");
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[1]), ==, "good-2");
  g_assert_cmpstr (atlas_partnership_get_summary (records->pdata[1]), ==, "Two\nlines");

  /* 12 rows after the header, 2 of them good; the last is never read */
  g_assert_cmpuint (atlas_problems_count_records (problems), ==, 10);
  for (guint i = 0; i < problems->len; i++)
    {
      AtlasProblem *problem = problems->pdata[i];

      g_assert_cmpint (problem->line, >, 1);
      g_assert_cmpint (problem->record, >, 0);
    }
}

static void
test_import_mapping_problems (void)
{
  g_autoptr(GBytes) bytes = bytes_from_string ("name,when,where,also when\nx,2001,CN,2002\n");
  g_autoptr(GBytes) empty = bytes_from_string ("");
  static const AtlasCsvField no_columns[] = {
    ATLAS_CSV_FIELD_IGNORE, ATLAS_CSV_FIELD_IGNORE, ATLAS_CSV_FIELD_IGNORE,
    ATLAS_CSV_FIELD_IGNORE,
  };
  static const AtlasCsvField twice[] = {
    ATLAS_CSV_FIELD_TITLE, ATLAS_CSV_FIELD_START, ATLAS_CSV_FIELD_COUNTRIES,
    ATLAS_CSV_FIELD_START,
  };
  static const AtlasCsvField good[] = {
    ATLAS_CSV_FIELD_TITLE, ATLAS_CSV_FIELD_START, ATLAS_CSV_FIELD_COUNTRIES,
    ATLAS_CSV_FIELD_END,
  };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  g_assert_false (atlas_csv_import (bytes, no_columns, G_N_ELEMENTS (no_columns), NULL,
                                    &records, &problems));
  text = atlas_problems_to_string (problems, "t.csv");
  g_assert_cmpstr (text, ==,
                   "t.csv: no column holds the titles\n"
                   "t.csv: no column holds the start dates\n"
                   "t.csv: no column holds the partner countries\n");
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  g_assert_false (atlas_csv_import (bytes, twice, G_N_ELEMENTS (twice), NULL, &records, &problems));
  text = atlas_problems_to_string (problems, "t.csv");
  g_assert_cmpstr (text, ==, "t.csv: columns 2 and 4 both hold the field “Start”; choose one\n");
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  /* A mapping shorter than the header leaves the rest out */
  g_assert_true (atlas_csv_import (bytes, good, 3, NULL, &records, &problems));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_false (atlas_date_is_set (atlas_partnership_get_end (records->pdata[0])));
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[0]), ==, "x");
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_false (atlas_csv_import (empty, good, G_N_ELEMENTS (good), NULL, &records, &problems));
  text = atlas_problems_to_string (problems, "t.csv");
  g_assert_cmpstr (text, ==, "t.csv: the file is empty\n");
}

static void
test_import_taken_ids (void)
{
  g_autoptr(GBytes) bytes = bytes_from_string ("id,title,start,countries\n"
                                               ",CBERS,1988,CN;BR\n"
                                               "cbers,Explicit id,1988,CN\n"
                                               "CBERS 04A,Foreign id,2019,CN\n"
                                               ",Apsco,2008,CN\n");
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_hash_table_add (taken, "apsco");
  g_hash_table_add (taken, "cbers-2");

  g_assert_true (import_guessed (bytes, taken, &records, &problems));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (records->len, ==, 4);

  /* Made-up ids avoid the file's ids and the taken ones */
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[0]), ==, "cbers-3");
  /* The file's ids are kept, to meet the records they name */
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[1]), ==, "cbers");
  /* An id that is not valid becomes its slug */
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[2]), ==, "cbers-04a");
  g_assert_cmpstr (atlas_partnership_get_id (records->pdata[3]), ==, "apsco-2");

  /* Missing kind and status */
  g_assert_cmpint (atlas_partnership_get_kind (records->pdata[0]), ==, ATLAS_KIND_OTHER);
  g_assert_cmpint (atlas_partnership_get_status (records->pdata[0]), ==, ATLAS_STATUS_UNKNOWN);
}

static void
test_import_dates (void)
{
  static const struct
  {
    const char *text;
    const char *iso;      /* NULL: a problem */
  } cases[] = {
    { "1988", "1988" },
    { "1988-07", "1988-07" },
    { "1988-07-06", "1988-07-06" },
    { " 1988-7-6 ", "1988-07-06" },
    { "1988/07/06", "1988-07-06" },
    { "1988/7", "1988-07" },
    { "1988.07.06", "1988-07-06" },
    { "6.7.1988", "1988-07-06" },
    { "06.07.1988", "1988-07-06" },
    { "07.1988", "1988-07" },
    { "06/07/1988", NULL },
    { "7/6/1988", NULL },
    { "1988-02-30", NULL },
    { "30.02.1988", NULL },
    { "1988-07-06T10:00", NULL },
    { "July 1988", NULL },
    { "88", NULL },
    { "1988/07-06", NULL },
    { "1988.123", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *csv = g_strdup_printf ("title,start,countries\nx,\"%s\",CN\n", cases[i].text);
      g_autoptr(GBytes) bytes = bytes_from_string (csv);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GPtrArray) problems = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_true (import_guessed (bytes, NULL, &records, &problems));

      if (cases[i].iso != NULL)
        {
          g_autofree char *iso = NULL;

          g_assert_cmpuint (problems->len, ==, 0);
          g_assert_cmpuint (records->len, ==, 1);
          iso = atlas_date_to_string (atlas_partnership_get_start (records->pdata[0]));
          g_assert_cmpstr (iso, ==, cases[i].iso);
        }
      else
        {
          AtlasProblem *problem;

          g_assert_cmpuint (records->len, ==, 0);
          g_assert_cmpuint (problems->len, ==, 1);
          problem = problems->pdata[0];
          g_assert_cmpstr (problem->field, ==, "start");
          g_assert_cmpint (problem->line, ==, 2);
          g_assert_cmpint (problem->column, ==, 2);
        }
    }
}

static void
test_import_ambiguous_message (void)
{
  g_autoptr(GBytes) bytes = bytes_from_string ("title,Start date,countries\nx,04/05/2018,CN\n");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  g_assert_true (import_guessed (bytes, NULL, &records, &problems));
  text = atlas_problems_to_string (problems, "t.csv");
  g_assert_cmpstr (text, ==, "t.csv:2: Start date: “04/05/2018” could be day/month or "
                             "month/day; write dates as YYYY-MM-DD\n");
}

/* Writing, and round trips */

static GPtrArray *
read_data_file (GBytes *bytes)
{
  g_autoptr(GPtrArray) problems = NULL;
  GPtrArray *records = atlas_format_read (bytes, NULL, &problems);

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (records);
  return records;
}

/* What CSV carries: everything but members Space Atlas does not know */
static AtlasPartnership *
csv_carried (AtlasPartnership *record)
{
  AtlasPartnership *copy = atlas_partnership_copy (record);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  GPtrArray *old = atlas_partnership_get_sources (record);

  for (guint i = 0; i < old->len; i++)
    {
      AtlasSource *source = old->pdata[i];

      g_ptr_array_add (sources, atlas_source_new (source->title, source->document, source->url));
    }

  atlas_partnership_set_sources (copy, sources);
  atlas_partnership_set_extra (copy, NULL);
  return copy;
}

static void
assert_csv_round_trip (GPtrArray *records)
{
  g_autoptr(GBytes) csv = atlas_csv_export (records);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) again = NULL;

  g_assert_true (import_guessed (csv, NULL, &back, &problems));
  if (problems->len > 0)
    {
      g_autofree char *text = atlas_problems_to_string (problems, "export.csv");
      g_test_message ("%s", text);
    }
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (back->len, ==, records->len);

  for (guint i = 0; i < records->len; i++)
    {
      AtlasPartnership *original = records->pdata[i];
      g_autoptr(AtlasPartnership) expected = csv_carried (original);
      AtlasPartnership *read = find_record (back, atlas_partnership_get_id (original));

      g_test_message ("record %s", atlas_partnership_get_id (original));
      g_assert_true (atlas_partnership_equal (expected, read));
    }

  /* And CSV → JSON → CSV gives the same bytes */
  again = atlas_csv_export (back);
  g_assert_true (g_bytes_equal (csv, again));
}

static void
test_round_trip_fixture (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("valid.json");
  g_autoptr(GPtrArray) records = read_data_file (bytes);
  AtlasPartnership *sigma = find_record (records, "ussr-gdr-sigma");
  AtlasPartnership *cbers = find_record (records, "cbers");
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  /* The fixture has what CSV cannot carry, so the test means something */
  g_assert_nonnull (atlas_partnership_get_extra (cbers));
  g_assert_nonnull (((AtlasSource *) atlas_partnership_get_sources (sigma)->pdata[0])->extra);

  assert_csv_round_trip (records);

  /* ... and it is exactly what is lost */
  csv = atlas_csv_export (records);
  g_assert_true (import_guessed (csv, NULL, &back, &problems));
  g_assert_false (atlas_partnership_equal (cbers, find_record (back, "cbers")));
  g_assert_null (atlas_partnership_get_extra (find_record (back, "cbers")));
}

static void
test_round_trip_data_set (void)
{
  const char *root = g_getenv ("ATLAS_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) records = NULL;

  if (root == NULL)
    {
      g_test_skip ("ATLAS_SOURCE_ROOT is not set");
      return;
    }

  path = g_build_filename (root, "data", "partnerships.json", NULL);
  bytes = read_bytes (path);
  records = read_data_file (bytes);
  assert_csv_round_trip (records);
}

static void
test_round_trip_separators (void)
{
  g_autoptr(AtlasPartnership) record = atlas_partnership_new ("separators");
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  static const char * const countries[] = { "CN", NULL };
  static const char * const organizations[] = { "A;B", "C\\", "D\\;E", "F\\\\G", "H\\x", NULL };
  static const char * const tags[] = { "x;", ";y", NULL };
  AtlasDate start;

  atlas_date_init (&start, 2001, 0, 0);
  atlas_partnership_set_title (record, "Quotes \"\", commas, and\r\nline breaks");
  atlas_partnership_set_start (record, &start);
  atlas_partnership_set_countries (record, countries);
  atlas_partnership_set_organizations (record, organizations);
  atlas_partnership_set_tags (record, tags);
  atlas_partnership_set_summary (record, " leading and trailing spaces, kept ");
  g_ptr_array_add (sources, atlas_source_new ("Title; with a semicolon", NULL,
                                              "https://example.org/a;b"));
  g_ptr_array_add (sources, atlas_source_new ("Second", "doc\\", NULL));
  g_ptr_array_add (sources, atlas_source_new ("Third", NULL, NULL));
  atlas_partnership_set_sources (record, sources);
  g_ptr_array_add (records, record);

  assert_csv_round_trip (records);
}

static void
test_export_layout (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("valid.json");
  g_autoptr(GPtrArray) records = read_data_file (bytes);
  g_autoptr(GBytes) csv = atlas_csv_export (records);
  g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  /* Header, sorted rows, LF, no byte order mark, quotes where needed */
  g_assert_cmpstr (lines[0], ==, "id,title,kind,start,end,status,countries,organizations,"
                                 "summary,tags,source_title,source_document,source_url");
  g_assert_cmpstr (lines[1], ==, "ussr-gdr-sigma,Sigmund Jähn’s flight on Soyuz 31,joint-mission,"
                                 "1978-08-26,1978-09-03,completed,SU;DD,,\"A test record with "
                                 "historical codes, a \"\"quoted\"\" word, a backslash \\, a tab\t "
                                 "and a line");
  g_assert_cmpstr (lines[2], ==, "break.\",human-spaceflight,Test source,,"
                                 "https://example.org/sigma?a=1&b=2");
  g_assert_true (g_str_has_prefix (lines[3], "cbers,China–Brazil Earth Resources Satellite "
                                             "programme,joint-mission,1988-07,,active,CN;BR,"
                                             "CNSA;INPE,"));
  g_assert_cmpstr (lines[4], ==, "cbers-2,Second record in the same year,agreement,1988-07-06,1988,"
                                 "unknown,CN;BR,,,,,,");
  g_assert_true (g_str_has_prefix (lines[5], "apsco,"));
  g_assert_cmpstr (lines[6], ==, "");
  g_assert_null (lines[7]);
  g_assert_null (strchr (text, '\r'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parse/dialect", test_parse_dialect);
  g_test_add_func ("/csv/parse/malformed", test_parse_malformed);
  g_test_add_func ("/csv/parse/nul", test_parse_nul);
  g_test_add_func ("/csv/read-headers", test_read_headers);
  g_test_add_func ("/csv/guess-mapping", test_guess_mapping);
  g_test_add_func ("/csv/guess-mapping/own-columns", test_guess_mapping_own_columns);
  g_test_add_func ("/csv/import/variants", test_import_variants);
  g_test_add_func ("/csv/import/malformed", test_import_malformed);
  g_test_add_func ("/csv/import/mapping-problems", test_import_mapping_problems);
  g_test_add_func ("/csv/import/taken-ids", test_import_taken_ids);
  g_test_add_func ("/csv/import/dates", test_import_dates);
  g_test_add_func ("/csv/import/ambiguous-message", test_import_ambiguous_message);
  g_test_add_func ("/csv/export/layout", test_export_layout);
  g_test_add_func ("/csv/round-trip/fixture", test_round_trip_fixture);
  g_test_add_func ("/csv/round-trip/data-set", test_round_trip_data_set);
  g_test_add_func ("/csv/round-trip/separators", test_round_trip_separators);

  return g_test_run ();
}
