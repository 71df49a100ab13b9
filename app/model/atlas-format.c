/* atlas-format.c — reading and writing Space Atlas data files (format version 1)
 *
 * The reader never stops at the first problem: it checks every record
 * and reports every problem with where it is.  It returns records only
 * when there is no problem at all, so a caller never half-loads a file.
 *
 * The writer is deterministic: known members in a fixed order, unknown
 * members after them in the order they were read, records sorted by start
 * then id, two-space indent and a final newline.  Its layout is that of
 * Python's json.dumps (indent=2, ensure_ascii=False), so files written by
 * common tools and by Space Atlas diff cleanly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "atlas-countries.h"
#include "atlas-format.h"
#include "atlas-format-private.h"
#include "atlas-json-syntax.h"
#include "atlas-slug.h"

G_DEFINE_BOXED_TYPE (AtlasProblem, atlas_problem, atlas_problem_copy, atlas_problem_free)

/* Members of a record this version knows, in the order they are written */
static const char * const record_members[] = {
  "id", "title", "kind", "start", "end", "status",
  "countries", "organizations", "summary", "sources", "tags",
};

static const char * const source_members[] = { "title", "document", "url" };

static const char * const document_members[] = { "format", "version", "records" };

/* Problems */

AtlasProblem *
atlas_problem_copy (const AtlasProblem *problem)
{
  AtlasProblem *copy = g_memdup2 (problem, sizeof *problem);

  copy->record_id = g_strdup (problem->record_id);
  copy->field = g_strdup (problem->field);
  copy->message = g_strdup (problem->message);
  return copy;
}

void
atlas_problem_free (AtlasProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->record_id);
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/**
 * atlas_problem_to_string:
 * @file_name: the file's name as the reader of the message knows it
 *
 * Returns: (transfer full): one line, in the form compilers use, so that
 *   editors can jump to it: `FILE:LINE:COLUMN: message` for syntax,
 *   `FILE: record N (ID): FIELD: message` for records, and
 *   `FILE:LINE: FIELD: message` for records that have a line (the rows
 *   of a CSV file)
 */
char *
atlas_problem_to_string (const AtlasProblem *problem,
                         const char         *file_name)
{
  GString *str = g_string_new (file_name);

  switch (problem->kind)
    {
    case ATLAS_PROBLEM_SYNTAX:
      g_string_append_printf (str, ":%d:%d: ", problem->line, problem->column);
      break;

    case ATLAS_PROBLEM_RECORD:
      /* A row of a CSV file is found by its line */
      if (problem->line > 0)
        {
          g_string_append_printf (str, ":%d: ", problem->line);
          break;
        }

      /* Translators: where a problem is in a data file; %d is the
       * record's number, counted from 1 */
      g_string_append_printf (str, ": ");
      g_string_append_printf (str, _("record %d"), problem->record);
      if (problem->record_id != NULL && *problem->record_id != '\0')
        g_string_append_printf (str, " (%s)", problem->record_id);
      g_string_append (str, ": ");
      break;

    case ATLAS_PROBLEM_FILE:
    case ATLAS_PROBLEM_FORMAT:
    default:
      g_string_append (str, ": ");
      break;
    }

  if (problem->field != NULL)
    g_string_append_printf (str, "%s: ", problem->field);

  g_string_append (str, problem->message);
  return g_string_free (str, FALSE);
}

/**
 * atlas_problems_to_string:
 *
 * Returns: (transfer full): every problem, one a line
 */
char *
atlas_problems_to_string (GPtrArray  *problems,
                          const char *file_name)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i), file_name);

      g_string_append (str, line);
      g_string_append_c (str, '\n');
    }

  return g_string_free (str, FALSE);
}

/**
 * atlas_problems_count_records:
 * @problems: (element-type AtlasProblem) (nullable): problems
 *
 * How many records (or rows of a CSV file) the problems are about: an
 * importer reports a record that has several problems several times,
 * and skips it once.
 *
 * Returns: the number of different records among @problems
 */
guint
atlas_problems_count_records (GPtrArray *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      AtlasProblem *problem = g_ptr_array_index (problems, i);

      if (problem->record > 0)
        g_hash_table_add (seen, GINT_TO_POINTER (problem->record));
    }

  return g_hash_table_size (seen);
}

static void add_problem (GPtrArray        *problems,
                         AtlasProblemKind  kind,
                         const char       *field,
                         const char       *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (GPtrArray        *problems,
             AtlasProblemKind  kind,
             const char       *field,
             const char       *format,
             ...)
{
  AtlasProblem *problem = g_new0 (AtlasProblem, 1);
  va_list args;

  va_start (args, format);
  problem->kind = kind;
  problem->field = g_strdup (field);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, problem);
}

/* Reading */

typedef struct
{
  GPtrArray  *problems;
  int         index;    /* from 1 */
  const char *id;
  guint       first_problem;
} RecordContext;

static void record_problem (RecordContext *ctx,
                            const char    *field,
                            const char    *format,
                            ...) G_GNUC_PRINTF (3, 4);

static void
record_problem (RecordContext *ctx,
                const char    *field,
                const char    *format,
                ...)
{
  AtlasProblem *problem = g_new0 (AtlasProblem, 1);
  va_list args;

  va_start (args, format);
  problem->kind = ATLAS_PROBLEM_RECORD;
  problem->record = ctx->index;
  problem->record_id = g_strdup (ctx->id);
  problem->field = g_strdup (field);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (ctx->problems, problem);
}

const char *
_atlas_format_describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        default:
          return _("a number");
        }
    case JSON_NODE_NULL:
    default:
      return _("null");
    }
}

static gboolean
holds_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A required or optional string member; NULL when absent or wrong. */
static const char *
read_string (RecordContext *ctx,
             JsonObject    *object,
             const char    *member,
             gboolean       required,
             gboolean       nullable)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required && (node == NULL || !nullable))
        record_problem (ctx, member, _("is missing"));
      else if (node != NULL && !nullable)
        record_problem (ctx, member, _("must be a string, not null"));
      return NULL;
    }

  if (!holds_string (node))
    {
      record_problem (ctx, member, _("must be a string, not %s"), _atlas_format_describe_node (node));
      return NULL;
    }

  return json_node_get_string (node);
}

/* An optional list of strings; empty strings and repeats are problems. */
static char **
read_string_list (RecordContext *ctx,
                  JsonObject    *object,
                  const char    *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_new0 (char *, 1);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      record_problem (ctx, member, _("must be a list of strings, not %s"), _atlas_format_describe_node (node));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *value;

      if (!holds_string (element))
        {
          record_problem (ctx, member, _("item %u must be a string, not %s"),
                          i + 1, _atlas_format_describe_node (element));
          continue;
        }

      value = json_node_get_string (element);
      if (*value == '\0')
        {
          record_problem (ctx, member, _("item %u is empty"), i + 1);
          continue;
        }

      if (!g_hash_table_add (seen, (gpointer) value))
        {
          record_problem (ctx, member, _("“%s” is listed twice"), value);
          continue;
        }

      g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

static gboolean
read_date (RecordContext *ctx,
           JsonObject    *object,
           const char    *member,
           gboolean       required,
           AtlasDate     *date)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  *date = (AtlasDate) { 0 };

  if (!required && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;

  text = read_string (ctx, object, member, required, FALSE);
  if (text == NULL)
    return FALSE;

  if (!atlas_date_parse (text, date, &error))
    {
      record_problem (ctx, member, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* Members not in @known, kept in the order they came; NULL when none. */
static JsonObject *
collect_extra (JsonObject         *object,
               const char * const *known,
               guint               n_known)
{
  g_autoptr(GList) members = json_object_get_members (object);
  JsonObject *extra = NULL;

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean is_known = FALSE;

      for (guint i = 0; i < n_known && !is_known; i++)
        is_known = strcmp (name, known[i]) == 0;

      if (is_known)
        continue;

      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, json_node_copy (json_object_get_member (object, name)));
    }

  if (extra != NULL)
    json_object_seal (extra);

  return extra;
}

static GPtrArray *
read_sources (RecordContext *ctx,
              JsonObject    *object)
{
  JsonNode *node = json_object_get_member (object, "sources");
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&sources);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      record_problem (ctx, "sources", _("must be a list of sources, not %s"), _atlas_format_describe_node (node));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("sources[%u]", i + 1);
      JsonObject *source_object;
      AtlasSource *source;
      JsonNode *member;
      const char *values[G_N_ELEMENTS (source_members)] = { NULL };
      gboolean ok = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          record_problem (ctx, field, _("must be an object with a title, not %s"),
                          _atlas_format_describe_node (element));
          continue;
        }

      source_object = json_node_get_object (element);
      for (guint m = 0; m < G_N_ELEMENTS (source_members); m++)
        {
          g_autofree char *member_field = g_strdup_printf ("%s.%s", field, source_members[m]);

          member = json_object_get_member (source_object, source_members[m]);
          if (member == NULL || JSON_NODE_HOLDS_NULL (member))
            continue;
          if (!holds_string (member))
            {
              record_problem (ctx, member_field, _("must be a string, not %s"), _atlas_format_describe_node (member));
              ok = FALSE;
              continue;
            }
          values[m] = json_node_get_string (member);
        }

      if (ok && (values[0] == NULL || *values[0] == '\0'))
        {
          g_autofree char *member_field = g_strdup_printf ("%s.title", field);
          record_problem (ctx, member_field, _("is missing"));
          ok = FALSE;
        }

      if (!ok)
        continue;

      source = atlas_source_new (values[0], values[1], values[2]);
      source->extra = collect_extra (source_object, source_members, G_N_ELEMENTS (source_members));
      g_ptr_array_add (sources, source);
    }

  return g_steal_pointer (&sources);
}

static AtlasPartnership *
read_record (RecordContext *ctx,
             JsonNode      *node,
             GHashTable    *ids)
{
  g_autoptr(AtlasPartnership) record = NULL;
  g_auto(GStrv) countries = NULL;
  g_auto(GStrv) organizations = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *object;
  const char *id, *title, *text, *summary;
  AtlasKind kind = ATLAS_KIND_OTHER;
  AtlasStatus status = ATLAS_STATUS_UNKNOWN;
  AtlasDate start, end;
  gboolean start_ok, end_ok;
  guint n_problems;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      record_problem (ctx, NULL, _("must be an object, not %s"), _atlas_format_describe_node (node));
      return NULL;
    }

  object = json_node_get_object (node);

  /* The id first, so that every later problem can name the record */
  id = read_string (ctx, object, "id", TRUE, FALSE);
  if (id != NULL)
    {
      gpointer other;

      if (*id != '\0')
        ctx->id = id;
      if (!atlas_slug_is_valid (id))
        record_problem (ctx, "id", _("“%s” is not a valid id: use lower-case letters, digits and hyphens"), id);

      if (ids == NULL)
        ;
      else if (g_hash_table_lookup_extended (ids, id, NULL, &other))
        record_problem (ctx, "id", _("“%s” is already the id of record %d"),
                        id, GPOINTER_TO_INT (other));
      else
        g_hash_table_insert (ids, (gpointer) id, GINT_TO_POINTER (ctx->index));
    }

  title = read_string (ctx, object, "title", TRUE, FALSE);
  if (title != NULL && is_blank (title, strlen (title)))
    record_problem (ctx, "title", _("is empty"));

  text = read_string (ctx, object, "kind", TRUE, FALSE);
  if (text != NULL && !atlas_kind_from_string (text, &kind))
    record_problem (ctx, "kind",
                    _("“%s” is not a kind; use agreement, joint-mission, launch-service, "
                      "data-sharing, training, institution, workshop or other"), text);

  start_ok = read_date (ctx, object, "start", TRUE, &start);
  end_ok = read_date (ctx, object, "end", FALSE, &end);
  if (start_ok && end_ok && atlas_date_is_before (&end, &start))
    {
      g_autofree char *start_text = atlas_date_to_string (&start);
      g_autofree char *end_text = atlas_date_to_string (&end);

      record_problem (ctx, "end", _("%s is before the start, %s"), end_text, start_text);
    }

  text = read_string (ctx, object, "status", FALSE, TRUE);
  if (text != NULL && !atlas_status_from_string (text, &status))
    record_problem (ctx, "status",
                    _("“%s” is not a status; use planned, active, completed or unknown"), text);

  n_problems = ctx->problems->len;
  countries = read_string_list (ctx, object, "countries");
  if (countries != NULL)
    {
      if (countries[0] == NULL && ctx->problems->len == n_problems)
        record_problem (ctx, "countries",
                        json_object_has_member (object, "countries")
                        ? _("is empty; name at least one country")
                        : _("is missing; name at least one country"));

      for (guint i = 0; countries[i] != NULL; i++)
        {
          if (!atlas_countries_is_known (countries[i]))
            {
              g_autofree char *suggestion = atlas_countries_suggest (countries[i]);

              if (suggestion != NULL)
                record_problem (ctx, "countries",
                                _("“%s” is not an ISO 3166 country code; did you mean “%s”?"),
                                countries[i], suggestion);
              else
                record_problem (ctx, "countries",
                                _("“%s” is not an ISO 3166 country code"), countries[i]);
            }
        }
    }

  organizations = read_string_list (ctx, object, "organizations");
  summary = read_string (ctx, object, "summary", FALSE, TRUE);
  sources = read_sources (ctx, object);
  tags = read_string_list (ctx, object, "tags");
  extra = collect_extra (object, record_members, G_N_ELEMENTS (record_members));

  if (ctx->problems->len > ctx->first_problem)
    return NULL;

  record = g_object_new (ATLAS_TYPE_PARTNERSHIP,
                         "id", id,
                         "title", title,
                         "kind", kind,
                         "start", &start,
                         "end", atlas_date_is_set (&end) ? &end : NULL,
                         "status", status,
                         "countries", countries,
                         "organizations", organizations,
                         "summary", summary,
                         "sources", sources,
                         "tags", tags,
                         "extra", extra,
                         NULL);

  return g_steal_pointer (&record);
}

static gboolean
check_encoding (const char *data,
                gsize       length,
                GPtrArray  *problems)
{
  const char *end;
  AtlasProblem *problem;
  int line, column;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  atlas_json_locate (data, end - data, &line, &column);
  problem = g_new0 (AtlasProblem, 1);
  problem->kind = ATLAS_PROBLEM_SYNTAX;
  problem->line = line;
  problem->column = column;
  if (*end == '\0')
    problem->message = g_strdup (_("the file contains a NUL byte; a data file is UTF-8 text"));
  else
    problem->message = g_strdup_printf (_("the file is not valid UTF-8 here (byte 0x%02X)"),
                                        (guint) (guchar) *end);
  g_ptr_array_add (problems, problem);
  return FALSE;
}

/* JsonParser reports "<data>:LINE:COLUMN: Parse error: MESSAGE" */
static void
add_syntax_problem (GPtrArray  *problems,
                    const char *message)
{
  AtlasProblem *problem = g_new0 (AtlasProblem, 1);
  const char *rest = message;
  int line = 0, column = 0, consumed = 0;

  if (g_str_has_prefix (rest, "<data>:") &&
      sscanf (rest + strlen ("<data>:"), "%d:%d: %n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    {
      rest += strlen ("<data>:") + consumed;
      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
    }

  problem->kind = ATLAS_PROBLEM_SYNTAX;
  problem->line = MAX (line, 1);
  problem->column = MAX (column, 1);
  problem->message = g_strdup_printf (_("not valid JSON: %s"), rest);
  g_ptr_array_add (problems, problem);
}

/**
 * _atlas_format_parse_json:
 * @bytes: a JSON document
 * @problems: (element-type AtlasProblem): where to add what is wrong
 *
 * Parses JSON as the data file reader does: a UTF-8 byte order mark is
 * skipped, invalid UTF-8 and syntax errors are reported with their line
 * and column, an empty document is a problem.
 *
 * Returns: (transfer full) (nullable): the root, or %NULL after adding
 *   a problem to @problems
 */
JsonNode *
_atlas_format_parse_json (GBytes    *bytes,
                          GPtrArray *problems)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gsize error_offset = 0;
  const char *data;
  gsize length;
  JsonNode *root;

  data = g_bytes_get_data (bytes, &length);

  /* A UTF-8 byte order mark is harmless; JsonParser would choke on it */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (is_blank (data, length))
    {
      add_problem (problems, ATLAS_PROBLEM_FORMAT, NULL, _("the file is empty"));
      return NULL;
    }

  if (!check_encoding (data, length, problems))
    return NULL;

  if (!atlas_json_check_syntax (data, length, ATLAS_JSON_MAX_DEPTH, &error_offset, &message))
    {
      AtlasProblem *problem = g_new0 (AtlasProblem, 1);

      problem->kind = ATLAS_PROBLEM_SYNTAX;
      atlas_json_locate (data, error_offset, &problem->line, &problem->column);
      problem->message = g_steal_pointer (&message);
      g_ptr_array_add (problems, problem);
      return NULL;
    }

  /* What passed the check above, JsonParser reads; should it still
   * refuse, its report is the best there is. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      add_syntax_problem (problems, error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      add_problem (problems, ATLAS_PROBLEM_FORMAT, NULL, _("the file is empty"));
      return NULL;
    }

  return root;
}

/**
 * _atlas_format_read_record:
 * @node: a record as JSON, the way a data file holds it
 * @index: the record's number, from 1, for the problems
 * @ids: (nullable): id → record number of the records before it, which
 *   it adds to; %NULL not to check for repeated ids
 * @problems: (element-type AtlasProblem): where to add what is wrong
 *
 * Checks and reads one record exactly as atlas_format_read() does; the
 * importers build a record's JSON and read it here, so that every
 * format is held to the same rules with the same messages.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL when it has
 *   any problem
 */
AtlasPartnership *
_atlas_format_read_record (JsonNode   *node,
                           int         index,
                           GHashTable *ids,
                           GPtrArray  *problems)
{
  RecordContext ctx = { problems, index, NULL, problems->len };

  return read_record (&ctx, node, ids);
}

/**
 * _atlas_format_collect_extra:
 * @object: a JSON object
 * @known: the names of members to leave out
 *
 * Returns: (transfer full) (nullable): the other members, sealed, in
 *   their order; %NULL when there are none
 */
JsonObject *
_atlas_format_collect_extra (JsonObject         *object,
                             const char * const *known,
                             guint               n_known)
{
  return collect_extra (object, known, n_known);
}

/**
 * atlas_format_read:
 * @bytes: the contents of a data file
 * @extra: (out) (optional) (transfer full) (nullable): members of the
 *   document this version does not know
 * @problems: (out) (transfer full) (element-type AtlasProblem): every
 *   problem found, empty when there is none
 *
 * Returns: (transfer full) (nullable) (element-type AtlasPartnership): the
 *   records, in the file's order, or %NULL when there is any problem
 */
GPtrArray *
atlas_format_read (GBytes      *bytes,
                   JsonObject **extra,
                   GPtrArray  **problems)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;
  JsonObject *document;
  JsonArray *array;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (extra != NULL)
    *extra = NULL;
  *problems = NULL;

  root = _atlas_format_parse_json (bytes, found);
  if (root == NULL)
    goto out;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      add_problem (found, ATLAS_PROBLEM_FORMAT, NULL,
                   _("this is not a Space Atlas data file: it holds %s, not an object "
                     "with “format”: “space-atlas”"), _atlas_format_describe_node (root));
      goto out;
    }

  document = json_node_get_object (root);

  node = json_object_get_member (document, "format");
  if (!holds_string (node) || strcmp (json_node_get_string (node), ATLAS_FORMAT_NAME) != 0)
    {
      add_problem (found, ATLAS_PROBLEM_FORMAT, "format",
                   _("this is not a Space Atlas data file: it has no “format”: “space-atlas”"));
      goto out;
    }

  node = json_object_get_member (document, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    {
      add_problem (found, ATLAS_PROBLEM_FORMAT, "version",
                   _("must be a whole number from 1 (this version reads format version %d)"),
                   ATLAS_FORMAT_VERSION);
      goto out;
    }

  if (json_node_get_int (node) > ATLAS_FORMAT_VERSION)
    {
      add_problem (found, ATLAS_PROBLEM_FORMAT, "version",
                   _("the file is in format version %" G_GINT64_FORMAT ", written by a newer "
                     "Space Atlas; this version reads format version %d and will not open it "
                     "in part — update Space Atlas to open it"),
                   json_node_get_int (node), ATLAS_FORMAT_VERSION);
      goto out;
    }

  node = json_object_get_member (document, "records");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (found, ATLAS_PROBLEM_FORMAT, "records",
                   node == NULL ? _("is missing") : _("must be a list of records"));
      goto out;
    }

  array = json_node_get_array (node);
  records = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      RecordContext ctx = { found, i + 1, NULL, found->len };
      AtlasPartnership *record = read_record (&ctx, json_array_get_element (array, i), ids);

      if (record != NULL)
        g_ptr_array_add (records, record);
    }

  if (found->len == 0 && extra != NULL)
    *extra = collect_extra (document, document_members, G_N_ELEMENTS (document_members));

out:
  if (found->len > 0)
    g_clear_pointer (&records, g_ptr_array_unref);

  *problems = g_steal_pointer (&found);
  return g_steal_pointer (&records);
}

/**
 * atlas_format_read_file:
 *
 * Like atlas_format_read(), reading @file first; a file that cannot be
 * read is reported as one problem of kind %ATLAS_PROBLEM_FILE.
 */
GPtrArray *
atlas_format_read_file (GFile         *file,
                        GCancellable  *cancellable,
                        JsonObject   **extra,
                        GPtrArray    **problems)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (extra != NULL)
    *extra = NULL;

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
      add_problem (*problems, ATLAS_PROBLEM_FILE, NULL, "%s", error->message);
      return NULL;
    }

  return atlas_format_read (bytes, extra, problems);
}

/* Writing */

static void
append_indent (GString *out,
               int      indent)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

/* Escapes as Python's json module does with ensure_ascii=False */
static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double, laid out as
 * Python's repr(): fixed notation from 1e-4 to 1e16, with ".0" on whole
 * numbers, and exponent notation outside that range. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char format[16];
  int precision, exponent;

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (precision = 1; precision < 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_snprintf (format, sizeof format, "%%.%de", precision - 1);
  g_ascii_formatd (buf, sizeof buf, format, value);
  exponent = atoi (strchr (buf, 'e') + 1);

  if (exponent >= -4 && exponent < 16)
    {
      g_snprintf (format, sizeof format, "%%.%df", MAX (0, precision - 1 - exponent));
      g_ascii_formatd (buf, sizeof buf, format, value);
      g_string_append (out, buf);
      if (strchr (buf, '.') == NULL)
        g_string_append (out, ".0");
    }
  else
    g_string_append (out, buf);
}

/**
 * atlas_format_append_json:
 * @out: where to append
 * @node: any JSON value
 * @indent: the indentation level of the line @node starts on
 *
 * Appends @node in the writer's layout.
 */
void
atlas_format_append_json (GString  *out,
                          JsonNode *node,
                          int       indent)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }

        g_string_append_c (out, '{');
        for (const GList *l = members; l != NULL; l = l->next)
          {
            append_indent (out, indent + 1);
            append_string (out, l->data);
            g_string_append (out, ": ");
            atlas_format_append_json (out, json_object_get_member (object, l->data), indent + 1);
            if (l->next != NULL)
              g_string_append_c (out, ',');
          }
        append_indent (out, indent);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        if (length == 0)
          {
            g_string_append (out, "[]");
            break;
          }

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            append_indent (out, indent + 1);
            atlas_format_append_json (out, json_array_get_element (array, i), indent + 1);
            if (i + 1 < length)
              g_string_append_c (out, ',');
          }
        append_indent (out, indent);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        default:
          g_string_append (out, "null");
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

/* A member "name": value, at @indent, with the comma for the previous one */
static void
begin_member (GString    *out,
              gboolean   *first,
              const char *name,
              int         indent)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  append_indent (out, indent);
  append_string (out, name);
  g_string_append (out, ": ");
}

static void
append_nullable_string (GString    *out,
                        const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else
    append_string (out, text);
}

static void
append_string_list (GString            *out,
                    const char * const *list,
                    int                 indent)
{
  if (list == NULL || list[0] == NULL)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append_c (out, '[');
  for (guint i = 0; list[i] != NULL; i++)
    {
      append_indent (out, indent + 1);
      append_string (out, list[i]);
      if (list[i + 1] != NULL)
        g_string_append_c (out, ',');
    }
  append_indent (out, indent);
  g_string_append_c (out, ']');
}

static void
append_extra (GString    *out,
              gboolean   *first,
              JsonObject *extra,
              int         indent)
{
  g_autoptr(GList) members = NULL;

  if (extra == NULL)
    return;

  members = json_object_get_members (extra);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      begin_member (out, first, l->data, indent);
      atlas_format_append_json (out, json_object_get_member (extra, l->data), indent);
    }
}

static void
append_date (GString         *out,
             const AtlasDate *date)
{
  g_autofree char *text = NULL;

  if (!atlas_date_is_set (date))
    {
      g_string_append (out, "null");
      return;
    }

  text = atlas_date_to_string (date);
  append_string (out, text);
}

static void
append_sources (GString   *out,
                GPtrArray *sources,
                int        indent)
{
  if (sources == NULL || sources->len == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append_c (out, '[');
  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);
      gboolean first = TRUE;

      append_indent (out, indent + 1);
      g_string_append_c (out, '{');
      begin_member (out, &first, "title", indent + 2);
      append_string (out, source->title ? source->title : "");
      begin_member (out, &first, "document", indent + 2);
      append_nullable_string (out, source->document);
      begin_member (out, &first, "url", indent + 2);
      append_nullable_string (out, source->url);
      append_extra (out, &first, source->extra, indent + 2);
      append_indent (out, indent + 1);
      g_string_append_c (out, '}');
      if (i + 1 < sources->len)
        g_string_append_c (out, ',');
    }
  append_indent (out, indent);
  g_string_append_c (out, ']');
}

static void
append_record (GString          *out,
               AtlasPartnership *record,
               int               indent)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');

  begin_member (out, &first, "id", indent + 1);
  append_string (out, atlas_partnership_get_id (record));
  begin_member (out, &first, "title", indent + 1);
  append_string (out, atlas_partnership_get_title (record));
  begin_member (out, &first, "kind", indent + 1);
  append_string (out, atlas_kind_to_string (atlas_partnership_get_kind (record)));
  begin_member (out, &first, "start", indent + 1);
  append_date (out, atlas_partnership_get_start (record));
  begin_member (out, &first, "end", indent + 1);
  append_date (out, atlas_partnership_get_end (record));
  begin_member (out, &first, "status", indent + 1);
  append_string (out, atlas_status_to_string (atlas_partnership_get_status (record)));
  begin_member (out, &first, "countries", indent + 1);
  append_string_list (out, atlas_partnership_get_countries (record), indent + 1);
  begin_member (out, &first, "organizations", indent + 1);
  append_string_list (out, atlas_partnership_get_organizations (record), indent + 1);
  begin_member (out, &first, "summary", indent + 1);
  append_string (out, atlas_partnership_get_summary (record));
  begin_member (out, &first, "sources", indent + 1);
  append_sources (out, atlas_partnership_get_sources (record), indent + 1);
  begin_member (out, &first, "tags", indent + 1);
  append_string_list (out, atlas_partnership_get_tags (record), indent + 1);
  append_extra (out, &first, atlas_partnership_get_extra (record), indent + 1);

  append_indent (out, indent);
  g_string_append_c (out, '}');
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return atlas_partnership_compare (*(AtlasPartnership **) a, *(AtlasPartnership **) b);
}

/**
 * atlas_format_write:
 * @records: (element-type AtlasPartnership): the records, in any order
 * @extra: (nullable): members of the document to keep
 *
 * Returns: (transfer full): the data file, deterministic for the same
 *   records in any order
 */
GBytes *
atlas_format_write (GPtrArray  *records,
                    JsonObject *extra)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (records != NULL, NULL);

  /* Not g_ptr_array_copy(): the copy would take over the free function */
  sorted = g_ptr_array_sized_new (records->len);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (records, i));
  g_ptr_array_sort (sorted, compare_records);

  /* About 1 KiB a record in practice */
  out = g_string_sized_new (256 + sorted->len * 1024);

  g_string_append_c (out, '{');
  begin_member (out, &first, "format", 1);
  append_string (out, ATLAS_FORMAT_NAME);
  begin_member (out, &first, "version", 1);
  g_string_append_printf (out, "%d", ATLAS_FORMAT_VERSION);
  append_extra (out, &first, extra, 1);
  begin_member (out, &first, "records", 1);

  if (sorted->len == 0)
    g_string_append (out, "[]");
  else
    {
      g_string_append_c (out, '[');
      for (guint i = 0; i < sorted->len; i++)
        {
          append_indent (out, 2);
          append_record (out, g_ptr_array_index (sorted, i), 2);
          if (i + 1 < sorted->len)
            g_string_append_c (out, ',');
        }
      append_indent (out, 1);
      g_string_append_c (out, ']');
    }

  g_string_append (out, "\n}\n");

  return g_string_free_to_bytes (out);
}
