/* atlas-csv.c — records to and from CSV (RFC 4180)
 *
 * The dialect, read and written:
 *
 *  - fields separated by commas; a field with a comma, a double quote or
 *    a line break is quoted, and a double quote inside it doubled;
 *  - rows end with LF (written) or CRLF, LF or CR (read); line breaks
 *    inside a quoted field are part of it, kept as they are;
 *  - UTF-8; a byte order mark at the start is skipped when reading and
 *    not written;
 *  - the first row is the header; blank lines are skipped;
 *  - lists (countries, organizations, tags, and the sources' titles,
 *    documents and URLs) are separated by ";", with spaces around items
 *    trimmed; "\;" stands for a ";" inside an item and "\\" for a "\"
 *    before a ";" or a "\" (any other "\" is itself).
 *
 * Reading never stops at the first problem: every malformed row (a
 * quote that is never closed, text after a closing quote, bytes that
 * are not UTF-8) and every record that breaks the data format's rules
 * is reported with its line, and the other rows are read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "atlas-csv.h"
#include "atlas-format-private.h"
#include "atlas-import-private.h"

G_DEFINE_ENUM_TYPE (AtlasCsvField, atlas_csv_field,
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_IGNORE, "ignore"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_ID, "id"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_TITLE, "title"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_KIND, "kind"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_START, "start"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_END, "end"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_COUNTRIES, "countries"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_ORGANIZATIONS, "organizations"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_SUMMARY, "summary"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_TAGS, "tags"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_SOURCE_TITLE, "source-title"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_SOURCE_DOCUMENT, "source-document"),
  G_DEFINE_ENUM_VALUE (ATLAS_CSV_FIELD_SOURCE_URL, "source-url"))

G_DEFINE_BOXED_TYPE (AtlasCsvRow, atlas_csv_row, atlas_csv_row_copy, atlas_csv_row_free)

/* The column names written, in order; atlas_csv_guess_mapping() reads
 * them back */
static const char * const column_names[ATLAS_CSV_N_FIELDS] = {
  NULL, "id", "title", "kind", "start", "end", "status", "countries",
  "organizations", "summary", "tags", "source_title", "source_document", "source_url",
};

/* Header names recognised for each field, folded (no case, accents,
 * spaces or punctuation), the most telling first.  No name is listed
 * for two fields. */
static const char * const *const header_variants[ATLAS_CSV_N_FIELDS] = {
  [ATLAS_CSV_FIELD_ID] = (const char * const[]) {
    "id", "slug", "key", "identifier", "recordid", "uniqueid", NULL },
  [ATLAS_CSV_FIELD_TITLE] = (const char * const[]) {
    "title", "name", "headline", NULL },
  [ATLAS_CSV_FIELD_KIND] = (const char * const[]) {
    "kind", "type", "category", NULL },
  [ATLAS_CSV_FIELD_START] = (const char * const[]) {
    "start", "startdate", "date", "begin", "begindate", "from", "year", "startyear", NULL },
  [ATLAS_CSV_FIELD_END] = (const char * const[]) {
    "end", "enddate", "until", "to", "endyear", NULL },
  [ATLAS_CSV_FIELD_STATUS] = (const char * const[]) {
    "status", "state", NULL },
  [ATLAS_CSV_FIELD_COUNTRIES] = (const char * const[]) {
    "countries", "country", "partners", "partnercountries", "partnercountry",
    "iso", "countrycodes", "countrycode", NULL },
  [ATLAS_CSV_FIELD_ORGANIZATIONS] = (const char * const[]) {
    "organizations", "organisations", "organization", "organisation", "orgs", "org",
    "agencies", "agency", NULL },
  [ATLAS_CSV_FIELD_SUMMARY] = (const char * const[]) {
    "summary", "description", "text", "notes", "note", "details", NULL },
  [ATLAS_CSV_FIELD_TAGS] = (const char * const[]) {
    "tags", "tag", "keywords", "topics", NULL },
  [ATLAS_CSV_FIELD_SOURCE_TITLE] = (const char * const[]) {
    "sourcetitle", "source", "sources", "sourcetitles", NULL },
  [ATLAS_CSV_FIELD_SOURCE_DOCUMENT] = (const char * const[]) {
    "sourcedocument", "document", "documents", "doc", "sourcedocuments", NULL },
  [ATLAS_CSV_FIELD_SOURCE_URL] = (const char * const[]) {
    "sourceurl", "url", "link", "href", "sourcelink", "urls", "links", "sourceurls", NULL },
};

/* Fields */

/**
 * atlas_csv_field_to_string:
 *
 * Returns: (nullable): the name of the column that holds @field in the
 *   files Space Atlas writes ("source_title"); %NULL for
 *   %ATLAS_CSV_FIELD_IGNORE
 */
const char *
atlas_csv_field_to_string (AtlasCsvField field)
{
  g_return_val_if_fail (field < ATLAS_CSV_N_FIELDS, NULL);
  return column_names[field];
}

/**
 * atlas_csv_field_get_label:
 *
 * Returns: what the field is, for people to read, translated: the
 *   choices of a column's menu in the import dialog
 */
const char *
atlas_csv_field_get_label (AtlasCsvField field)
{
  switch (field)
    {
    case ATLAS_CSV_FIELD_IGNORE:
      return C_("csv column", "Do not import");
    case ATLAS_CSV_FIELD_ID:
      return C_("csv column", "Id");
    case ATLAS_CSV_FIELD_TITLE:
      return C_("csv column", "Title");
    case ATLAS_CSV_FIELD_KIND:
      return C_("csv column", "Kind");
    case ATLAS_CSV_FIELD_START:
      return C_("csv column", "Start");
    case ATLAS_CSV_FIELD_END:
      return C_("csv column", "End");
    case ATLAS_CSV_FIELD_STATUS:
      return C_("csv column", "Status");
    case ATLAS_CSV_FIELD_COUNTRIES:
      return C_("csv column", "Partner countries");
    case ATLAS_CSV_FIELD_ORGANIZATIONS:
      return C_("csv column", "Organizations");
    case ATLAS_CSV_FIELD_SUMMARY:
      return C_("csv column", "Summary");
    case ATLAS_CSV_FIELD_TAGS:
      return C_("csv column", "Tags");
    case ATLAS_CSV_FIELD_SOURCE_TITLE:
      return C_("csv column", "Source title");
    case ATLAS_CSV_FIELD_SOURCE_DOCUMENT:
      return C_("csv column", "Source document");
    case ATLAS_CSV_FIELD_SOURCE_URL:
      return C_("csv column", "Source URL");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Rows */

AtlasCsvRow *
atlas_csv_row_copy (const AtlasCsvRow *row)
{
  AtlasCsvRow *copy = g_new0 (AtlasCsvRow, 1);

  copy->line = row->line;
  copy->number = row->number;
  copy->cells = g_strdupv (row->cells);
  return copy;
}

void
atlas_csv_row_free (AtlasCsvRow *row)
{
  if (row == NULL)
    return;

  g_strfreev (row->cells);
  g_free (row);
}

/* Reading */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  int         line;        /* of pos, from 1 */
  gsize       line_start;  /* offset of the line's first byte */
  int         row_number;
  GPtrArray  *problems;
} Reader;

/* The column of @offset on its line, in characters from 1 */
static int
reader_column (Reader *reader,
               gsize   line_start,
               gsize   offset)
{
  int column = 1;

  for (gsize i = line_start; i < offset && i < reader->length; i++)
    if (((guchar) reader->data[i] & 0xC0) != 0x80)
      column++;

  return column;
}

/* Past a line break at pos: CRLF, LF or CR */
static void
reader_skip_line_break (Reader *reader)
{
  if (reader->data[reader->pos] == '\r' && reader->pos + 1 < reader->length &&
      reader->data[reader->pos + 1] == '\n')
    reader->pos++;
  reader->pos++;
  reader->line++;
  reader->line_start = reader->pos;
}

static void reader_problem (Reader     *reader,
                            int         line,
                            int         column,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);

static void
reader_problem (Reader     *reader,
                int         line,
                int         column,
                const char *format,
                ...)
{
  AtlasProblem *problem = g_new0 (AtlasProblem, 1);
  va_list args;

  va_start (args, format);
  problem->kind = ATLAS_PROBLEM_SYNTAX;
  problem->line = line;
  problem->column = column;
  problem->record = reader->row_number;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (reader->problems, problem);
}

/* Where the first bad byte of a row is, counting lines from the row's */
static void
report_encoding (Reader *reader,
                 gsize   row_start,
                 int     row_line,
                 gsize   bad)
{
  int line = row_line;
  gsize line_start = row_start;

  /* The row starts at the start of its line */
  for (gsize i = row_start; i < bad; i++)
    {
      if (reader->data[i] == '\n' ||
          (reader->data[i] == '\r' && (i + 1 >= reader->length || reader->data[i + 1] != '\n')))
        {
          line++;
          line_start = i + 1;
        }
    }

  if (reader->data[bad] == '\0')
    reader_problem (reader, line, reader_column (reader, line_start, bad),
                    _("the file contains a NUL byte; a CSV file is UTF-8 text"));
  else
    reader_problem (reader, line, reader_column (reader, line_start, bad),
                    _("the file is not valid UTF-8 here (byte 0x%02X); save it as UTF-8"),
                    (guint) (guchar) reader->data[bad]);
}

static inline gboolean
ends_field (char c)
{
  return c == ',' || c == '\r' || c == '\n';
}

/* Reads one row from pos, which is not at the end.  Returns FALSE when
 * the rest of the file cannot be read (a quote never closed). */
static gboolean
read_row (Reader     *reader,
          GPtrArray **cells_out,
          gboolean   *bad_out)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  gsize row_start = reader->pos;
  int row_line = reader->line;
  const char *bad_byte;
  gboolean bad = FALSE;

  for (;;)
    {
      GString *field = g_string_new (NULL);
      char c;

      if (reader->pos < reader->length && reader->data[reader->pos] == '"')
        {
          int quote_line = reader->line;
          int quote_column = reader_column (reader, reader->line_start, reader->pos);

          reader->pos++;
          for (;;)
            {
              if (reader->pos >= reader->length)
                {
                  reader_problem (reader, quote_line, quote_column,
                                  _("the quoted field that starts here has no closing quote"));
                  g_string_free (field, TRUE);
                  *cells_out = NULL;
                  *bad_out = TRUE;
                  return FALSE;
                }

              c = reader->data[reader->pos];
              if (c == '"')
                {
                  if (reader->pos + 1 < reader->length && reader->data[reader->pos + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->pos += 2;
                      continue;
                    }
                  reader->pos++;
                  break;
                }

              if (c == '\r' || c == '\n')
                {
                  gsize from = reader->pos;

                  reader_skip_line_break (reader);
                  g_string_append_len (field, reader->data + from, reader->pos - from);
                  continue;
                }

              g_string_append_c (field, c);
              reader->pos++;
            }

          /* After the closing quote, only the end of the field */
          if (reader->pos < reader->length && !ends_field (reader->data[reader->pos]))
            {
              if (!bad)
                reader_problem (reader, reader->line,
                                reader_column (reader, reader->line_start, reader->pos),
                                _("text after the closing quote of a field; a quote inside "
                                  "a quoted field is written twice (\"\")"));
              bad = TRUE;
            }
        }

      /* An unquoted field, or what follows a bad closing quote */
      while (reader->pos < reader->length && !ends_field (reader->data[reader->pos]))
        {
          c = reader->data[reader->pos];
          /* NUL would cut the field short; the encoding check reports it */
          g_string_append_c (field, c == '\0' ? '?' : c);
          reader->pos++;
        }

      g_ptr_array_add (cells, g_string_free (field, FALSE));

      if (reader->pos >= reader->length)
        break;

      c = reader->data[reader->pos];
      if (c == ',')
        {
          reader->pos++;
          if (reader->pos >= reader->length)
            {
              g_ptr_array_add (cells, g_strdup (""));
              break;
            }
          continue;
        }

      /* A line break ends the row */
      reader_skip_line_break (reader);
      break;
    }

  if (!g_utf8_validate_len (reader->data + row_start, reader->pos - row_start, &bad_byte))
    {
      report_encoding (reader, row_start, row_line, bad_byte - reader->data);
      bad = TRUE;
    }

  g_ptr_array_add (cells, NULL);
  *cells_out = g_steal_pointer (&cells);
  *bad_out = bad;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank_row (GPtrArray *cells)
{
  return cells->len == 2 && *(const char *) g_ptr_array_index (cells, 0) == '\0';
}

/**
 * atlas_csv_parse:
 * @bytes: a CSV file
 * @problems: (out) (transfer full) (element-type AtlasProblem): the rows
 *   that cannot be read, each with its line and column and the row's
 *   number (see #AtlasCsvRow)
 *
 * Reads the rows of a CSV file, the header first; blank lines are
 * skipped.  A row with a problem is left out and the rows after it are
 * read, except after a quote that is never closed, which takes the
 * rest of the file.
 *
 * Returns: (transfer full) (element-type AtlasCsvRow): the rows read
 */
GPtrArray *
atlas_csv_parse (GBytes     *bytes,
                 GPtrArray **problems)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_csv_row_free);
  Reader reader = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  reader.data = g_bytes_get_data (bytes, &reader.length);
  reader.line = 1;
  reader.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);

  if (reader.length >= 3 && memcmp (reader.data, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = reader.line_start = 3;

  while (reader.pos < reader.length)
    {
      g_autoptr(GPtrArray) cells = NULL;
      int line = reader.line;
      gboolean bad = FALSE;
      gboolean more;
      AtlasCsvRow *row;

      more = read_row (&reader, &cells, &bad);
      if (!more)
        break;

      if (!bad && is_blank_row (cells))
        continue;

      if (!bad)
        {
          row = g_new0 (AtlasCsvRow, 1);
          row->line = line;
          row->number = reader.row_number;
          row->cells = (char **) g_ptr_array_steal (cells, NULL);
          g_ptr_array_add (rows, row);
        }

      reader.row_number++;
    }

  *problems = reader.problems;
  return g_steal_pointer (&rows);
}

/**
 * atlas_csv_read_headers:
 * @bytes: a CSV file
 * @problems: (out) (transfer full) (element-type AtlasProblem): why
 *   there is no header, when there is none
 *
 * The names in the first row, to guess the columns' fields from and to
 * show them.
 *
 * Returns: (transfer full) (nullable): the header's fields, or %NULL when
 *   the file is empty or its first row cannot be read
 */
char **
atlas_csv_read_headers (GBytes     *bytes,
                        GPtrArray **problems)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) found = NULL;
  AtlasCsvRow *first;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  rows = atlas_csv_parse (bytes, &found);

  for (guint i = 0; i < found->len; i++)
    {
      AtlasProblem *problem = g_ptr_array_index (found, i);

      if (problem->record == 0)
        {
          g_autoptr(AtlasProblem) header_problem = atlas_problem_copy (problem);

          g_ptr_array_set_size (found, 0);
          g_ptr_array_add (found, g_steal_pointer (&header_problem));
          *problems = g_steal_pointer (&found);
          return NULL;
        }
    }

  g_ptr_array_set_size (found, 0);
  *problems = g_steal_pointer (&found);

  if (rows->len == 0)
    {
      g_ptr_array_add (*problems,
                       _atlas_import_problem_new (ATLAS_PROBLEM_FORMAT, 0, NULL,
                                                  _("the file is empty")));
      return NULL;
    }

  first = g_ptr_array_index (rows, 0);
  return g_strdupv (first->cells);
}

/**
 * atlas_csv_guess_mapping:
 * @headers: the names in a CSV file's header
 *
 * Guesses what each column holds from its name, the way people name
 * columns: "Start date", "date" or "from" for the start, "Partners",
 * "Country" or "ISO" for the countries, "URL" or "link" for a source's
 * URL, and so on, whatever the case, accents, spaces, underscores and
 * hyphens.  Each field goes to one column at most: the one with its
 * most telling name ("start" before "date"), the leftmost of equals.
 * The column names Space Atlas writes are all recognised.
 *
 * Returns: (transfer full) (array): one field for each header
 */
AtlasCsvField *
atlas_csv_guess_mapping (const char * const *headers)
{
  guint n = headers ? g_strv_length ((char **) headers) : 0;
  AtlasCsvField *mapping = g_new0 (AtlasCsvField, MAX (n, 1));
  g_auto(GStrv) folded = g_new0 (char *, n + 1);

  for (guint c = 0; c < n; c++)
    folded[c] = _atlas_import_fold (headers[c]);

  for (guint f = ATLAS_CSV_FIELD_IGNORE + 1; f < ATLAS_CSV_N_FIELDS; f++)
    {
      int best_column = -1;
      guint best_rank = G_MAXUINT;

      for (guint c = 0; c < n; c++)
        for (guint rank = 0; header_variants[f][rank] != NULL && rank < best_rank; rank++)
          if (strcmp (folded[c], header_variants[f][rank]) == 0)
            {
              best_column = c;
              best_rank = rank;
              break;
            }

      if (best_column >= 0)
        mapping[best_column] = f;
    }

  return mapping;
}

/* Importing */

typedef struct
{
  const AtlasCsvRow  *header;
  int                 columns[ATLAS_CSV_N_FIELDS];  /* field → column, or -1 */
} Mapping;

static const char *
get_cell (const Mapping     *mapping,
          const AtlasCsvRow *row,
          AtlasCsvField      field)
{
  int column = mapping->columns[field];

  if (column < 0 || (guint) column >= g_strv_length (row->cells))
    return NULL;
  return row->cells[column];
}

static char *
get_trimmed_cell (const Mapping     *mapping,
                  const AtlasCsvRow *row,
                  AtlasCsvField      field)
{
  const char *cell = get_cell (mapping, row, field);

  if (cell == NULL)
    return NULL;
  return g_strstrip (g_strdup (cell));
}

/* The items of a list cell, trimmed; empty ones too when @keep_empty */
static GPtrArray *
split_list (const char *cell,
            gboolean    keep_empty)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  GString *item = g_string_new (NULL);

  if (cell == NULL || *cell == '\0')
    {
      g_string_free (item, TRUE);
      return items;
    }

  for (const char *p = cell; ; p++)
    {
      if (*p == '\\' && (p[1] == ';' || p[1] == '\\'))
        {
          g_string_append_c (item, p[1]);
          p++;
          continue;
        }

      if (*p == ';' || *p == '\0')
        {
          g_strstrip (item->str);
          if (*item->str != '\0' || keep_empty)
            g_ptr_array_add (items, g_strdup (item->str));
          g_string_truncate (item, 0);
          if (*p == '\0')
            break;
          continue;
        }

      g_string_append_c (item, *p);
    }

  g_string_free (item, TRUE);
  return items;
}

static int
read_number (const char *text,
             gsize       length)
{
  int value = 0;

  if (length == 0 || length > 4)
    return -1;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }

  return value;
}

/* Dates as spreadsheets write them, when they are unambiguous:
 *
 *   YYYY-M-D, YYYY/M/D, YYYY.M.D and YYYY/M, YYYY.M  (year first)
 *   D.M.YYYY, M.YYYY                                  (dots, day first)
 *
 * with one or two digits for months and days, are turned into ISO 8601
 * for the data file reader to check.  Anything else, including the
 * ambiguous D/M/YYYY or M/D/YYYY, is left as it is for the reader to
 * report — except slashes with the year last, which get a message of
 * their own. */
static char *
normalize_date (const char  *text,
                char       **message)
{
  const char *parts[4] = { NULL };
  gsize lengths[3] = { 0 };
  int numbers[3];
  guint n = 0;
  char separator = 0;
  const char *p = text;

  *message = NULL;

  while (n < 3)
    {
      const char *start = p;

      while (g_ascii_isdigit (*p))
        p++;
      parts[n] = start;
      lengths[n] = p - start;
      n++;

      if (*p == '\0')
        break;
      if (strchr ("-/.", *p) == NULL || (separator != 0 && *p != separator))
        return g_strdup (text);
      separator = *p++;
    }

  if (*p != '\0' || n < 2)
    return g_strdup (text);

  for (guint i = 0; i < n; i++)
    if ((numbers[i] = read_number (parts[i], lengths[i])) < 0)
      return g_strdup (text);

  if (lengths[0] == 4)
    {
      /* Year first: months and days of one or two digits */
      for (guint i = 1; i < n; i++)
        if (lengths[i] > 2)
          return g_strdup (text);

      if (n == 2)
        return g_strdup_printf ("%04d-%02d", numbers[0], numbers[1]);
      return g_strdup_printf ("%04d-%02d-%02d", numbers[0], numbers[1], numbers[2]);
    }

  if (lengths[n - 1] == 4 && separator == '/')
    {
      *message = g_strdup_printf (_("“%s” could be day/month or month/day; write dates as "
                                    "YYYY-MM-DD"), text);
      return NULL;
    }

  if (lengths[n - 1] == 4 && separator == '.')
    {
      for (guint i = 0; i + 1 < n; i++)
        if (lengths[i] > 2)
          return g_strdup (text);

      if (n == 2)
        return g_strdup_printf ("%04d-%02d", numbers[1], numbers[0]);
      return g_strdup_printf ("%04d-%02d-%02d", numbers[2], numbers[1], numbers[0]);
    }

  return g_strdup (text);
}

static JsonArray *
string_array (GPtrArray *items)
{
  JsonArray *array = json_array_sized_new (items->len);

  for (guint i = 0; i < items->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (items, i));

  return array;
}

static void
add_list_member (JsonObject        *object,
                 const char        *member,
                 const Mapping     *mapping,
                 const AtlasCsvRow *row,
                 AtlasCsvField      field)
{
  g_autoptr(GPtrArray) items = NULL;

  if (mapping->columns[field] < 0)
    return;

  items = split_list (get_cell (mapping, row, field), FALSE);
  json_object_set_array_member (object, member, string_array (items));
}

/* Sources: the n-th item of each source column makes the n-th source */
static void
add_sources (JsonObject        *object,
             const Mapping     *mapping,
             const AtlasCsvRow *row)
{
  static const AtlasCsvField fields[] = {
    ATLAS_CSV_FIELD_SOURCE_TITLE, ATLAS_CSV_FIELD_SOURCE_DOCUMENT, ATLAS_CSV_FIELD_SOURCE_URL,
  };
  static const char * const members[] = { "title", "document", "url" };
  GPtrArray *lists[G_N_ELEMENTS (fields)] = { NULL };
  JsonArray *sources;
  guint n = 0;
  gboolean mapped = FALSE;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      mapped |= mapping->columns[fields[f]] >= 0;
      lists[f] = split_list (get_cell (mapping, row, fields[f]), TRUE);
      n = MAX (n, lists[f]->len);
    }

  if (!mapped)
    goto out;

  sources = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *source = json_object_new ();
      gboolean empty = TRUE;

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *value = i < lists[f]->len ? g_ptr_array_index (lists[f], i) : "";

          if (*value != '\0')
            {
              json_object_set_string_member (source, members[f], value);
              empty = FALSE;
            }
          else
            json_object_set_null_member (source, members[f]);
        }

      if (empty)
        json_object_unref (source);
      else
        json_array_add_object_element (sources, source);
    }

  json_object_set_array_member (object, "sources", sources);

out:
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    g_ptr_array_unref (lists[f]);
}

/* A date in ISO 8601 for the reader; when it cannot be, the text as it
 * is, for the reader to report, and in @note a better message */
static void
add_date_member (JsonObject        *object,
                 const char        *member,
                 const Mapping     *mapping,
                 const AtlasCsvRow *row,
                 AtlasCsvField      field,
                 char             **note)
{
  g_autofree char *text = get_trimmed_cell (mapping, row, field);
  g_autofree char *iso = NULL;

  if (text == NULL || *text == '\0')
    return;

  iso = normalize_date (text, note);
  json_object_set_string_member (object, member, iso ? iso : text);
}

/* The record's JSON, as a data file would hold it */
static JsonObject *
build_record (const Mapping     *mapping,
              const AtlasCsvRow *row,
              char             **start_note,
              char             **end_note)
{
  JsonObject *object = json_object_new ();
  g_autofree char *id = get_trimmed_cell (mapping, row, ATLAS_CSV_FIELD_ID);
  g_autofree char *kind_text = get_trimmed_cell (mapping, row, ATLAS_CSV_FIELD_KIND);
  g_autofree char *status_text = get_trimmed_cell (mapping, row, ATLAS_CSV_FIELD_STATUS);
  g_autoptr(GPtrArray) countries = NULL;
  const char *title = get_cell (mapping, row, ATLAS_CSV_FIELD_TITLE);
  const char *summary = get_cell (mapping, row, ATLAS_CSV_FIELD_SUMMARY);
  AtlasKind kind = ATLAS_KIND_OTHER;
  AtlasStatus status = ATLAS_STATUS_UNKNOWN;

  if (id != NULL && *id != '\0')
    json_object_set_string_member (object, "id", id);

  json_object_set_string_member (object, "title", title ? title : "");

  if (kind_text == NULL || *kind_text == '\0' || _atlas_import_kind_from_text (kind_text, &kind))
    json_object_set_string_member (object, "kind", atlas_kind_to_string (kind));
  else
    json_object_set_string_member (object, "kind", kind_text);

  add_date_member (object, "start", mapping, row, ATLAS_CSV_FIELD_START, start_note);
  add_date_member (object, "end", mapping, row, ATLAS_CSV_FIELD_END, end_note);

  if (status_text == NULL || *status_text == '\0' ||
      _atlas_import_status_from_text (status_text, &status))
    json_object_set_string_member (object, "status", atlas_status_to_string (status));
  else
    json_object_set_string_member (object, "status", status_text);

  /* Countries by code or name; what is neither is left for the reader
   * to report */
  countries = split_list (get_cell (mapping, row, ATLAS_CSV_FIELD_COUNTRIES), FALSE);
  for (guint i = 0; i < countries->len; i++)
    {
      const char *code = _atlas_import_country_code (g_ptr_array_index (countries, i));

      if (code != NULL)
        {
          g_free (countries->pdata[i]);
          countries->pdata[i] = g_strdup (code);
        }
    }
  json_object_set_array_member (object, "countries", string_array (countries));

  add_list_member (object, "organizations", mapping, row, ATLAS_CSV_FIELD_ORGANIZATIONS);
  if (summary != NULL)
    json_object_set_string_member (object, "summary", summary);
  add_sources (object, mapping, row);
  add_list_member (object, "tags", mapping, row, ATLAS_CSV_FIELD_TAGS);

  return object;
}

/* The reader names a record's members ("start", "sources[2].url"); a
 * CSV row's problems name the file's column instead ("Start date",
 * "Link[2]") and say which column it is. */
static void
locate_problem (AtlasProblem      *problem,
                const Mapping     *mapping,
                const AtlasCsvRow *row)
{
  AtlasCsvField field = ATLAS_CSV_FIELD_IGNORE;
  guint source = 0;
  int column;
  const char *header;

  problem->line = row->line;
  problem->record = row->number;

  if (problem->field == NULL)
    return;

  if (sscanf (problem->field, "sources[%u]", &source) == 1)
    {
      if (g_str_has_suffix (problem->field, ".document"))
        field = ATLAS_CSV_FIELD_SOURCE_DOCUMENT;
      else if (g_str_has_suffix (problem->field, ".url"))
        field = ATLAS_CSV_FIELD_SOURCE_URL;
      else
        field = ATLAS_CSV_FIELD_SOURCE_TITLE;
    }
  else
    {
      for (guint f = ATLAS_CSV_FIELD_IGNORE + 1; f < ATLAS_CSV_N_FIELDS; f++)
        if (strcmp (problem->field, column_names[f]) == 0)
          field = f;
      if (strcmp (problem->field, "sources") == 0)
        field = ATLAS_CSV_FIELD_SOURCE_TITLE;
    }

  if (field == ATLAS_CSV_FIELD_IGNORE || (column = mapping->columns[field]) < 0)
    return;

  problem->column = column + 1;
  header = mapping->header->cells[column];
  if (is_blank (header))
    header = column_names[field];

  g_free (problem->field);
  if (source > 1)
    problem->field = g_strdup_printf ("%s[%u]", header, source);
  else
    problem->field = g_strdup (header);
}

static gboolean
check_mapping (Mapping             *mapping,
               const AtlasCsvField *fields,
               guint                n_columns,
               GPtrArray           *problems)
{
  guint n_headers = g_strv_length (mapping->header->cells);
  gboolean ok = TRUE;
  static const struct
  {
    AtlasCsvField  field;
    const char    *message;
  } required[] = {
    { ATLAS_CSV_FIELD_TITLE, N_("no column holds the titles") },
    { ATLAS_CSV_FIELD_START, N_("no column holds the start dates") },
    { ATLAS_CSV_FIELD_COUNTRIES, N_("no column holds the partner countries") },
  };

  for (guint f = 0; f < ATLAS_CSV_N_FIELDS; f++)
    mapping->columns[f] = -1;

  for (guint c = 0; c < MIN (n_columns, n_headers); c++)
    {
      AtlasCsvField field = fields[c];

      if (field == ATLAS_CSV_FIELD_IGNORE || field >= ATLAS_CSV_N_FIELDS)
        continue;

      if (mapping->columns[field] >= 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("columns %d and %u both hold the field “%s”; choose one"),
                             mapping->columns[field] + 1, c + 1,
                             atlas_csv_field_get_label (field));

          g_ptr_array_add (problems, _atlas_import_problem_new (ATLAS_PROBLEM_FORMAT, 0, NULL,
                                                                message));
          ok = FALSE;
          continue;
        }

      mapping->columns[field] = c;
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (mapping->columns[required[i].field] < 0)
      {
        g_ptr_array_add (problems, _atlas_import_problem_new (ATLAS_PROBLEM_FORMAT, 0, NULL,
                                                              _(required[i].message)));
        ok = FALSE;
      }

  return ok;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const AtlasProblem *pa = *(AtlasProblem **) a;
  const AtlasProblem *pb = *(AtlasProblem **) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

/**
 * atlas_csv_import:
 * @bytes: a CSV file, its first row the header
 * @mapping: (array length=n_columns): what each column holds, as
 *   atlas_csv_guess_mapping() guessed and the user corrected; columns
 *   beyond @n_columns are not imported
 * @n_columns: the length of @mapping
 * @taken_ids: (nullable) (element-type utf8 any): ids in use in the data
 *   set, as keys: ids made up for rows without one avoid them.  Ids the
 *   file gives are kept, to meet the records they name (see
 *   #AtlasMergePlan); %NULL to let made-up ids meet them too.
 * @records: (out) (transfer full) (element-type AtlasPartnership): the
 *   records of the rows without problems, in the file's order
 * @problems: (out) (transfer full) (element-type AtlasProblem): what is
 *   wrong: a problem of kind %ATLAS_PROBLEM_FORMAT when nothing can be
 *   imported (an empty file, no column for the titles, start dates or
 *   countries); else the rows' problems, each with the row's line and
 *   number (atlas_problems_count_records() counts the rows)
 *
 * Makes a record of each row, as the data file reader would read it,
 * with the same rules and messages: a title, a start date and at least
 * one country are required, the end is not before the start, and so on.
 * Values are read the way spreadsheets write them:
 *
 * - lists are separated by ";";
 * - countries by ISO code in any case, alpha-3 or numeric code, or name
 *   in English or the current language ("Brazil", "BRA", "br");
 * - kinds and statuses by name or label, in any case ("Joint mission");
 *   an empty kind is `other`, an empty status `unknown`;
 * - dates in ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD), and also year first
 *   with "/" or "." (2018/4/24, 2018.04) or day first with dots
 *   (24.04.2018); never D/M/YYYY or M/D/YYYY, which are ambiguous;
 * - an id that is not a valid Space Atlas id becomes its slug; a row
 *   without an id gets one from its title (atlas_slugify()), unique in
 *   the file and among @taken_ids.
 *
 * A row with a problem is not imported: the caller asks the user before
 * importing the others.
 *
 * Returns: %FALSE when nothing can be imported (problems of kind
 *   %ATLAS_PROBLEM_FORMAT); %TRUE otherwise, even when some rows have
 *   problems
 */
gboolean
atlas_csv_import (GBytes              *bytes,
                  const AtlasCsvField *mapping,
                  guint                n_columns,
                  GHashTable          *taken_ids,
                  GPtrArray          **records,
                  GPtrArray          **problems)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GHashTable) id_lines = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  Mapping map = { 0 };
  guint n_rows, n_headers;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL || n_columns == 0, FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  *records = NULL;
  *problems = NULL;

  rows = atlas_csv_parse (bytes, &found);
  imported = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < found->len; i++)
    if (((AtlasProblem *) g_ptr_array_index (found, i))->record == 0)
      goto fail;   /* the header cannot be read */

  if (rows->len == 0)
    {
      g_ptr_array_add (found, _atlas_import_problem_new (ATLAS_PROBLEM_FORMAT, 0, NULL,
                                                         _("the file is empty")));
      goto fail;
    }

  map.header = g_ptr_array_index (rows, 0);
  if (!check_mapping (&map, mapping, n_columns, found))
    goto fail;

  /* Every row's JSON first, so that ids are given knowing them all */
  n_rows = rows->len - 1;
  objects = g_ptr_array_new_full (n_rows, (GDestroyNotify) json_object_unref);
  notes = g_ptr_array_new_full (2 * n_rows, g_free);
  g_ptr_array_set_size (notes, 2 * n_rows);
  for (guint r = 0; r < n_rows; r++)
    g_ptr_array_add (objects, build_record (&map, g_ptr_array_index (rows, r + 1),
                                            (char **) &notes->pdata[2 * r],
                                            (char **) &notes->pdata[2 * r + 1]));
  _atlas_import_normalize_ids (objects, taken_ids);

  id_lines = g_hash_table_new (g_str_hash, g_str_equal);
  n_headers = g_strv_length (map.header->cells);
  for (guint r = 0; r < n_rows; r++)
    {
      const AtlasCsvRow *row = g_ptr_array_index (rows, r + 1);
      JsonObject *object = g_ptr_array_index (objects, r);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
      g_autoptr(AtlasPartnership) record = NULL;
      const char *id = json_object_get_string_member (object, "id");
      guint n_cells = g_strv_length (row->cells);
      guint first = found->len;
      gpointer other_line;

      /* A value beyond the header's columns would be lost */
      for (guint c = n_headers; c < n_cells; c++)
        if (!is_blank (row->cells[c]))
          {
            g_autofree char *message =
              g_strdup_printf (_("the row has a value in column %u, but the header has %u "
                                 "columns; is a comma missing its quotes?"), c + 1, n_headers);
            AtlasProblem *problem = _atlas_import_problem_new (ATLAS_PROBLEM_RECORD, row->number,
                                                               NULL, message);

            problem->column = c + 1;
            g_ptr_array_add (found, problem);
            break;
          }

      record = _atlas_format_read_record (node, row->number, NULL, found);

      if (g_hash_table_lookup_extended (id_lines, id, NULL, &other_line))
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is already the id of the row on line %d"),
                             id, GPOINTER_TO_INT (other_line));

          g_ptr_array_add (found, _atlas_import_problem_new (ATLAS_PROBLEM_RECORD, row->number,
                                                             "id", message));
        }
      else
        g_hash_table_insert (id_lines, (gpointer) id, GINT_TO_POINTER (row->line));

      for (guint i = first; i < found->len; i++)
        {
          AtlasProblem *problem = g_ptr_array_index (found, i);
          const char *note = NULL;

          if (g_strcmp0 (problem->field, "start") == 0)
            note = g_ptr_array_index (notes, 2 * r);
          else if (g_strcmp0 (problem->field, "end") == 0)
            note = g_ptr_array_index (notes, 2 * r + 1);
          if (note != NULL)
            {
              g_free (problem->message);
              problem->message = g_strdup (note);
            }

          if (problem->record_id == NULL)
            problem->record_id = g_strdup (id);
          locate_problem (problem, &map, row);
        }

      if (record != NULL && found->len == first)
        g_ptr_array_add (imported, g_steal_pointer (&record));
    }

  /* In the file's order */
  g_ptr_array_sort (found, compare_problems);

  *records = g_steal_pointer (&imported);
  *problems = g_steal_pointer (&found);
  return TRUE;

fail:
  *records = g_steal_pointer (&imported);
  *problems = g_steal_pointer (&found);
  return FALSE;
}

/* Writing */

static void
append_cell (GString    *out,
             const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* One list item: ";" as "\;", and "\" as "\\" where it would read as
 * an escape (before ";", before "\" or at the end) */
static void
append_item (GString    *list,
             const char *item)
{
  for (const char *p = item; p != NULL && *p; p++)
    {
      if (*p == ';')
        g_string_append (list, "\\;");
      else if (*p == '\\' && (p[1] == ';' || p[1] == '\\' || p[1] == '\0'))
        g_string_append (list, "\\\\");
      else
        g_string_append_c (list, *p);
    }
}

static char *
join_list (const char * const *items)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (list, ';');
      append_item (list, items[i]);
    }

  return g_string_free (list, FALSE);
}

/* One source member of every source, aligned with the others; empty
 * when no source has it */
static char *
join_sources (GPtrArray *sources,
              gsize      offset)
{
  GString *list = g_string_new (NULL);
  gboolean any = FALSE;

  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);
      const char *value = G_STRUCT_MEMBER (const char *, source, offset);

      if (i > 0)
        g_string_append_c (list, ';');
      if (value != NULL && *value != '\0')
        {
          append_item (list, value);
          any = TRUE;
        }
    }

  if (!any)
    g_string_truncate (list, 0);

  return g_string_free (list, FALSE);
}

static void
append_row (GString            *out,
            const char * const *cells,
            guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_cell (out, cells[i]);
    }
  g_string_append_c (out, '\n');
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return atlas_partnership_compare (*(AtlasPartnership **) a, *(AtlasPartnership **) b);
}

/**
 * atlas_csv_export:
 * @records: (element-type AtlasPartnership): the records, in any order
 *
 * Writes @records as CSV: a header row with the columns `id`, `title`,
 * `kind`, `start`, `end`, `status`, `countries`, `organizations`,
 * `summary`, `tags`, `source_title`, `source_document` and `source_url`,
 * then a row for each record, sorted as in a data file.  Lists are
 * joined with ";"; the n-th item of each source column belongs to the
 * n-th source.  UTF-8 without a byte order mark, LF line endings.
 *
 * Reading the file back with atlas_csv_import() and the guessed mapping
 * gives the same records, except for what CSV has no column for: members
 * Space Atlas does not know (in a record or a source).
 *
 * Returns: (transfer full): the file
 */
GBytes *
atlas_csv_export (GPtrArray *records)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GString *out;

  g_return_val_if_fail (records != NULL, NULL);

  sorted = g_ptr_array_sized_new (records->len);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (records, i));
  g_ptr_array_sort (sorted, compare_records);

  out = g_string_sized_new (256 + 512 * sorted->len);
  append_row (out, column_names + 1, ATLAS_CSV_N_FIELDS - 1);

  for (guint i = 0; i < sorted->len; i++)
    {
      AtlasPartnership *record = g_ptr_array_index (sorted, i);
      GPtrArray *sources = atlas_partnership_get_sources (record);
      g_autofree char *start = atlas_date_to_string (atlas_partnership_get_start (record));
      g_autofree char *end = atlas_date_to_string (atlas_partnership_get_end (record));
      g_autofree char *countries = join_list (atlas_partnership_get_countries (record));
      g_autofree char *organizations = join_list (atlas_partnership_get_organizations (record));
      g_autofree char *tags = join_list (atlas_partnership_get_tags (record));
      g_autofree char *titles = join_sources (sources, G_STRUCT_OFFSET (AtlasSource, title));
      g_autofree char *documents = join_sources (sources, G_STRUCT_OFFSET (AtlasSource, document));
      g_autofree char *urls = join_sources (sources, G_STRUCT_OFFSET (AtlasSource, url));
      const char *cells[ATLAS_CSV_N_FIELDS - 1] = {
        atlas_partnership_get_id (record),
        atlas_partnership_get_title (record),
        atlas_kind_to_string (atlas_partnership_get_kind (record)),
        start,
        end,
        atlas_status_to_string (atlas_partnership_get_status (record)),
        countries,
        organizations,
        atlas_partnership_get_summary (record),
        tags,
        titles,
        documents,
        urls,
      };

      append_row (out, cells, G_N_ELEMENTS (cells));
    }

  return g_string_free_to_bytes (out);
}
