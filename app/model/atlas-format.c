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

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "atlas-countries.h"
#include "atlas-format.h"
#include "atlas-format-private.h"
#include "atlas-partnership-private.h"
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

/* Reading
 *
 * A record is read in two steps: its members are gathered into a
 * RecordInput, then checked and built by check_record().  The data file
 * reader gathers them straight from the tokens of AtlasJsonScanner,
 * without a document tree, which keeps a big file's reading fast and
 * its memory to the records themselves; the importers gather them from
 * the JsonNode they build.  One check_record() for both holds every
 * format to the same rules, with the same messages.
 *
 * Both ways gather the same: as in JsonParser, a member named twice
 * keeps its last value, and members this version does not know keep the
 * place of their first occurrence. */

typedef struct
{
  GPtrArray  *problems;
  int         index;    /* from 1 */
  const char *id;
  guint       first_problem;
  gboolean    build;    /* FALSE: only check, the records are not wanted */
  gboolean    id_added; /* the id went into the table of ids */
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

typedef enum
{
  VALUE_ABSENT,
  VALUE_NULL,
  VALUE_STRING,
  VALUE_NUMBER,
  VALUE_BOOLEAN,
  VALUE_OBJECT,
  VALUE_ARRAY,
} ValueKind;

/* A value as far as the checks need it: its kind, and its text if it is
 * a string (borrowed from a JsonNode, or owned) */
typedef struct
{
  ValueKind   kind;
  const char *text;
  char       *owned;
} Value;

typedef struct
{
  ValueKind   kind;
  Value       members[G_N_ELEMENTS (source_members)];
  JsonObject *extra;
} SourceInput;

/* A member of a record: its value, and for a list its items (Value, or
 * SourceInput for "sources") */
typedef struct
{
  Value   value;
  GArray *items;
} MemberInput;

enum
{
  MEMBER_ID,
  MEMBER_TITLE,
  MEMBER_KIND,
  MEMBER_START,
  MEMBER_END,
  MEMBER_STATUS,
  MEMBER_COUNTRIES,
  MEMBER_ORGANIZATIONS,
  MEMBER_SUMMARY,
  MEMBER_SOURCES,
  MEMBER_TAGS,
  N_RECORD_MEMBERS
};

G_STATIC_ASSERT (G_N_ELEMENTS (record_members) == N_RECORD_MEMBERS);

typedef struct
{
  ValueKind    kind;   /* of the record itself */
  MemberInput  members[N_RECORD_MEMBERS];
  JsonObject  *extra;
} RecordInput;

static void
value_clear (Value *value)
{
  g_clear_pointer (&value->owned, g_free);
  *value = (Value) { 0 };
}

static void
source_input_clear (SourceInput *source)
{
  for (guint i = 0; i < G_N_ELEMENTS (source->members); i++)
    value_clear (&source->members[i]);
  g_clear_pointer (&source->extra, json_object_unref);
  source->kind = VALUE_ABSENT;
}

static void
member_input_clear (MemberInput *member)
{
  value_clear (&member->value);
  g_clear_pointer (&member->items, g_array_unref);
}

static void
record_input_clear (RecordInput *input)
{
  for (guint i = 0; i < N_RECORD_MEMBERS; i++)
    member_input_clear (&input->members[i]);
  g_clear_pointer (&input->extra, json_object_unref);
  input->kind = VALUE_ABSENT;
}

static const char *
describe_kind (ValueKind kind)
{
  switch (kind)
    {
    case VALUE_OBJECT:
      return _("an object");
    case VALUE_ARRAY:
      return _("a list");
    case VALUE_STRING:
      return _("a string");
    case VALUE_BOOLEAN:
      return _("true or false");
    case VALUE_NUMBER:
      return _("a number");
    case VALUE_ABSENT:
    case VALUE_NULL:
    default:
      return _("null");
    }
}

static ValueKind
kind_of_node (JsonNode *node)
{
  if (node == NULL)
    return VALUE_ABSENT;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return VALUE_OBJECT;
    case JSON_NODE_ARRAY:
      return VALUE_ARRAY;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return VALUE_STRING;
        case G_TYPE_BOOLEAN:
          return VALUE_BOOLEAN;
        default:
          return VALUE_NUMBER;
        }
    case JSON_NODE_NULL:
    default:
      return VALUE_NULL;
    }
}

const char *
_atlas_format_describe_node (JsonNode *node)
{
  return describe_kind (kind_of_node (node));
}

/* A required or optional string member; NULL when absent or wrong. */
static const char *
read_string (RecordContext *ctx,
             const Value   *value,
             const char    *member,
             gboolean       required,
             gboolean       nullable)
{
  if (value->kind == VALUE_ABSENT || value->kind == VALUE_NULL)
    {
      if (required && (value->kind == VALUE_ABSENT || !nullable))
        record_problem (ctx, member, _("is missing"));
      else if (value->kind == VALUE_NULL && !nullable)
        record_problem (ctx, member, _("must be a string, not null"));
      return NULL;
    }

  if (value->kind != VALUE_STRING)
    {
      record_problem (ctx, member, _("must be a string, not %s"), describe_kind (value->kind));
      return NULL;
    }

  return value->text;
}

/* Whether item @i of @items, a non-empty string, is a string of an
 * earlier item: a short list is searched, a long one hashed in *@seen */
static gboolean
listed_before (GArray      *items,
               guint        i,
               GHashTable **seen)
{
  const Value *item = &g_array_index (items, Value, i);

  if (i < 8)
    {
      for (guint j = 0; j < i; j++)
        {
          const Value *before = &g_array_index (items, Value, j);

          if (before->kind == VALUE_STRING && strcmp (before->text, item->text) == 0)
            return TRUE;
        }
      return FALSE;
    }

  if (*seen == NULL)
    {
      *seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint j = 0; j < i; j++)
        {
          const Value *before = &g_array_index (items, Value, j);

          if (before->kind == VALUE_STRING)
            g_hash_table_add (*seen, (gpointer) before->text);
        }
    }

  return !g_hash_table_add (*seen, (gpointer) item->text);
}

/* An optional list of strings; empty strings and repeats are problems.
 * The strings are @input's, in a NULL-terminated array to g_free(). */
static const char **
read_string_list (RecordContext     *ctx,
                  const MemberInput *input,
                  const char        *member)
{
  g_autoptr(GHashTable) seen = NULL;
  const char **list;
  guint n = 0;

  if (input->value.kind == VALUE_ABSENT || input->value.kind == VALUE_NULL)
    return g_new0 (const char *, 1);

  if (input->value.kind != VALUE_ARRAY)
    {
      record_problem (ctx, member, _("must be a list of strings, not %s"),
                      describe_kind (input->value.kind));
      return NULL;
    }

  list = g_new (const char *, (input->items ? input->items->len : 0) + 1);
  for (guint i = 0; input->items != NULL && i < input->items->len; i++)
    {
      const Value *element = &g_array_index (input->items, Value, i);

      if (element->kind != VALUE_STRING)
        {
          record_problem (ctx, member, _("item %u must be a string, not %s"),
                          i + 1, describe_kind (element->kind));
          continue;
        }

      if (*element->text == '\0')
        {
          record_problem (ctx, member, _("item %u is empty"), i + 1);
          continue;
        }

      if (listed_before (input->items, i, &seen))
        {
          record_problem (ctx, member, _("“%s” is listed twice"), element->text);
          continue;
        }

      list[n++] = element->text;
    }
  list[n] = NULL;

  return list;
}

static gboolean
read_date (RecordContext *ctx,
           const Value   *value,
           const char    *member,
           gboolean       required,
           AtlasDate     *date)
{
  g_autoptr(GError) error = NULL;
  const char *text;

  *date = (AtlasDate) { 0 };

  if (!required && (value->kind == VALUE_ABSENT || value->kind == VALUE_NULL))
    return TRUE;

  text = read_string (ctx, value, member, required, FALSE);
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

static gboolean
is_known (const char         *name,
          const char * const *known,
          guint               n_known)
{
  for (guint i = 0; i < n_known; i++)
    if (strcmp (name, known[i]) == 0)
      return TRUE;
  return FALSE;
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

      if (is_known (name, known, n_known))
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
read_sources (RecordContext     *ctx,
              const MemberInput *input)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);

  if (input->value.kind == VALUE_ABSENT || input->value.kind == VALUE_NULL)
    return g_steal_pointer (&sources);

  if (input->value.kind != VALUE_ARRAY)
    {
      record_problem (ctx, "sources", _("must be a list of sources, not %s"),
                      describe_kind (input->value.kind));
      return NULL;
    }

  for (guint i = 0; input->items != NULL && i < input->items->len; i++)
    {
      SourceInput *element = &g_array_index (input->items, SourceInput, i);
      g_autofree char *field = g_strdup_printf ("sources[%u]", i + 1);
      AtlasSource *source;
      const char *values[G_N_ELEMENTS (source_members)] = { NULL };
      gboolean ok = TRUE;

      if (element->kind != VALUE_OBJECT)
        {
          record_problem (ctx, field, _("must be an object with a title, not %s"),
                          describe_kind (element->kind));
          continue;
        }

      for (guint m = 0; m < G_N_ELEMENTS (source_members); m++)
        {
          const Value *member = &element->members[m];

          if (member->kind == VALUE_ABSENT || member->kind == VALUE_NULL)
            continue;
          if (member->kind != VALUE_STRING)
            {
              g_autofree char *member_field = g_strdup_printf ("%s.%s", field, source_members[m]);

              record_problem (ctx, member_field, _("must be a string, not %s"),
                              describe_kind (member->kind));
              ok = FALSE;
              continue;
            }
          values[m] = member->text;
        }

      if (ok && (values[0] == NULL || *values[0] == '\0'))
        {
          g_autofree char *member_field = g_strdup_printf ("%s.title", field);
          record_problem (ctx, member_field, _("is missing"));
          ok = FALSE;
        }

      if (!ok || !ctx->build)
        continue;

      source = atlas_source_new (values[0], values[1], values[2]);
      source->extra = element->extra ? json_object_ref (element->extra) : NULL;
      g_ptr_array_add (sources, source);
    }

  return g_steal_pointer (&sources);
}

/* The text of a string value, to keep: taken when owned, else copied */
static char *
take_text (Value *value)
{
  if (value->owned != NULL && value->owned == value->text)
    return g_steal_pointer (&value->owned);
  return g_strdup (value->text);
}

static AtlasPartnership *
check_record (RecordContext *ctx,
              RecordInput   *input,
              GHashTable    *ids)
{
  g_autofree const char **countries = NULL;
  g_autofree const char **organizations = NULL;
  g_autofree const char **tags = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  MemberInput *members = input->members;
  const char *id, *title, *text, *summary;
  AtlasKind kind = ATLAS_KIND_OTHER;
  AtlasStatus status = ATLAS_STATUS_UNKNOWN;
  AtlasDate start, end;
  gboolean start_ok, end_ok;
  guint n_problems;

  if (input->kind != VALUE_OBJECT)
    {
      record_problem (ctx, NULL, _("must be an object, not %s"), describe_kind (input->kind));
      return NULL;
    }

  /* The id first, so that every later problem can name the record */
  id = read_string (ctx, &members[MEMBER_ID].value, "id", TRUE, FALSE);
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
        {
          g_hash_table_insert (ids, (gpointer) id, GINT_TO_POINTER (ctx->index));
          ctx->id_added = TRUE;
        }
    }

  title = read_string (ctx, &members[MEMBER_TITLE].value, "title", TRUE, FALSE);
  if (title != NULL && is_blank (title, strlen (title)))
    record_problem (ctx, "title", _("is empty"));

  text = read_string (ctx, &members[MEMBER_KIND].value, "kind", TRUE, FALSE);
  if (text != NULL && !atlas_kind_from_string (text, &kind))
    record_problem (ctx, "kind",
                    _("“%s” is not a kind; use agreement, joint-mission, launch-service, "
                      "data-sharing, training, institution, workshop or other"), text);

  start_ok = read_date (ctx, &members[MEMBER_START].value, "start", TRUE, &start);
  end_ok = read_date (ctx, &members[MEMBER_END].value, "end", FALSE, &end);
  if (start_ok && end_ok && atlas_date_is_before (&end, &start))
    {
      g_autofree char *start_text = atlas_date_to_string (&start);
      g_autofree char *end_text = atlas_date_to_string (&end);

      record_problem (ctx, "end", _("%s is before the start, %s"), end_text, start_text);
    }

  text = read_string (ctx, &members[MEMBER_STATUS].value, "status", FALSE, TRUE);
  if (text != NULL && !atlas_status_from_string (text, &status))
    record_problem (ctx, "status",
                    _("“%s” is not a status; use planned, active, completed or unknown"), text);

  n_problems = ctx->problems->len;
  countries = read_string_list (ctx, &members[MEMBER_COUNTRIES], "countries");
  if (countries != NULL)
    {
      if (countries[0] == NULL && ctx->problems->len == n_problems)
        record_problem (ctx, "countries",
                        members[MEMBER_COUNTRIES].value.kind != VALUE_ABSENT
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

  organizations = read_string_list (ctx, &members[MEMBER_ORGANIZATIONS], "organizations");
  summary = read_string (ctx, &members[MEMBER_SUMMARY].value, "summary", FALSE, TRUE);
  sources = read_sources (ctx, &members[MEMBER_SOURCES]);
  tags = read_string_list (ctx, &members[MEMBER_TAGS], "tags");

  if (ctx->problems->len > ctx->first_problem || !ctx->build)
    return NULL;

  return _atlas_partnership_new_take (take_text (&members[MEMBER_ID].value),
                                      take_text (&members[MEMBER_TITLE].value),
                                      kind, &start, atlas_date_is_set (&end) ? &end : NULL, status,
                                      countries, organizations,
                                      summary ? take_text (&members[MEMBER_SUMMARY].value) : NULL,
                                      g_steal_pointer (&sources),
                                      tags,
                                      input->extra ? json_object_ref (input->extra) : NULL);
}

/* Gathering a record from a JsonNode, for the importers */

static void
value_from_node (Value    *value,
                 JsonNode *node)
{
  value->kind = kind_of_node (node);
  value->text = value->kind == VALUE_STRING ? json_node_get_string (node) : NULL;
}

static void
list_from_node (MemberInput *input,
                JsonNode    *node,
                gboolean     sources)
{
  JsonArray *array;

  value_from_node (&input->value, node);
  if (input->value.kind != VALUE_ARRAY)
    return;

  array = json_node_get_array (node);
  if (sources)
    {
      input->items = g_array_sized_new (FALSE, TRUE, sizeof (SourceInput), json_array_get_length (array));
      g_array_set_clear_func (input->items, (GDestroyNotify) source_input_clear);
    }
  else
    input->items = g_array_sized_new (FALSE, TRUE, sizeof (Value), json_array_get_length (array));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (sources)
        {
          SourceInput source = { kind_of_node (element) };

          if (source.kind == VALUE_OBJECT)
            {
              JsonObject *object = json_node_get_object (element);

              for (guint m = 0; m < G_N_ELEMENTS (source_members); m++)
                value_from_node (&source.members[m], json_object_get_member (object, source_members[m]));
              source.extra = collect_extra (object, source_members, G_N_ELEMENTS (source_members));
            }
          g_array_append_val (input->items, source);
        }
      else
        {
          Value item;

          value_from_node (&item, element);
          g_array_append_val (input->items, item);
        }
    }
}

static void
record_input_from_node (RecordInput *input,
                        JsonNode    *node)
{
  JsonObject *object;

  input->kind = kind_of_node (node);
  if (input->kind != VALUE_OBJECT)
    return;

  object = json_node_get_object (node);
  for (guint i = 0; i < N_RECORD_MEMBERS; i++)
    {
      JsonNode *member = json_object_get_member (object, record_members[i]);

      if (i == MEMBER_COUNTRIES || i == MEMBER_ORGANIZATIONS || i == MEMBER_TAGS)
        list_from_node (&input->members[i], member, FALSE);
      else if (i == MEMBER_SOURCES)
        list_from_node (&input->members[i], member, TRUE);
      else
        value_from_node (&input->members[i].value, member);
    }
  input->extra = collect_extra (object, record_members, G_N_ELEMENTS (record_members));
}

/* Gathering from tokens, for the data file reader */

/* JsonParser's numbers: a number with a fraction or an exponent is a
 * double, others are integers.  (An integer beyond 64 bits, which
 * JsonParser wraps around, is kept as the nearest double.) */
static JsonNode *
number_node (const char *text,
             gsize       length)
{
  char buffer[64];
  g_autofree char *long_text = NULL;
  const char *number = buffer;
  gboolean is_double;

  if (length < sizeof buffer)
    {
      memcpy (buffer, text, length);
      buffer[length] = '\0';
    }
  else
    number = long_text = g_strndup (text, length);

  is_double = strpbrk (number, ".eE") != NULL;
  if (!is_double)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (number, NULL, 10);
      if (errno != ERANGE)
        return json_node_init_int (json_node_alloc (), value);
    }

  return json_node_init_double (json_node_alloc (), g_ascii_strtod (number, NULL));
}

/* Reads the value that @token starts as a JsonNode; NULL on a syntax
 * error.  No recursion: the scanner limits the depth, a stack holds it. */
static JsonNode *
node_from_tokens (AtlasJsonScanner *scanner,
                  AtlasJsonToken    token)
{
  typedef struct { JsonNode *node; char *member; } Frame;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  JsonNode *node;
  gsize length;
  const char *text;

  for (;;)
    {
      node = NULL;

      switch (token)
        {
        case ATLAS_JSON_TOKEN_BEGIN_OBJECT:
          {
            g_autoptr(JsonObject) object = json_object_new ();
            Frame frame = { json_node_init_object (json_node_alloc (), object), NULL };

            g_array_append_val (stack, frame);
          }
          break;

        case ATLAS_JSON_TOKEN_BEGIN_ARRAY:
          {
            g_autoptr(JsonArray) array = json_array_new ();
            Frame frame = { json_node_init_array (json_node_alloc (), array), NULL };

            g_array_append_val (stack, frame);
          }
          break;

        case ATLAS_JSON_TOKEN_END_OBJECT:
        case ATLAS_JSON_TOKEN_END_ARRAY:
          node = g_array_index (stack, Frame, stack->len - 1).node;
          g_array_set_size (stack, stack->len - 1);
          break;

        case ATLAS_JSON_TOKEN_MEMBER:
          {
            Frame *top = &g_array_index (stack, Frame, stack->len - 1);

            g_free (top->member);
            top->member = atlas_json_scanner_dup_string (scanner);
          }
          break;

        case ATLAS_JSON_TOKEN_STRING:
          {
            g_autofree char *string = atlas_json_scanner_dup_string (scanner);
            node = json_node_init_string (json_node_alloc (), string);
          }
          break;

        case ATLAS_JSON_TOKEN_NUMBER:
          text = atlas_json_scanner_get_token (scanner, &length);
          node = number_node (text, length);
          break;

        case ATLAS_JSON_TOKEN_TRUE:
        case ATLAS_JSON_TOKEN_FALSE:
          node = json_node_init_boolean (json_node_alloc (), token == ATLAS_JSON_TOKEN_TRUE);
          break;

        case ATLAS_JSON_TOKEN_NULL:
          node = json_node_init_null (json_node_alloc ());
          break;

        case ATLAS_JSON_TOKEN_ERROR:
        case ATLAS_JSON_TOKEN_END:
        default:
          for (guint i = 0; i < stack->len; i++)
            {
              json_node_unref (g_array_index (stack, Frame, i).node);
              g_free (g_array_index (stack, Frame, i).member);
            }
          return NULL;
        }

      if (node != NULL)
        {
          Frame *top;

          if (stack->len == 0)
            return node;

          top = &g_array_index (stack, Frame, stack->len - 1);
          if (JSON_NODE_HOLDS_OBJECT (top->node))
            {
              /* As JsonParser does: a repeated name keeps its first place
               * and its last value */
              json_object_set_member (json_node_get_object (top->node), top->member, node);
              g_clear_pointer (&top->member, g_free);
            }
          else
            json_array_add_element (json_node_get_array (top->node), node);
        }

      token = atlas_json_scanner_next (scanner);
    }
}

/* Reads the value that @token starts into @value: its kind, and its text
 * if it is a string.  FALSE on a syntax error. */
static gboolean
value_from_tokens (AtlasJsonScanner *scanner,
                   AtlasJsonToken    token,
                   Value            *value)
{
  value_clear (value);

  switch (token)
    {
    case ATLAS_JSON_TOKEN_STRING:
      value->kind = VALUE_STRING;
      value->text = value->owned = atlas_json_scanner_dup_string (scanner);
      return TRUE;
    case ATLAS_JSON_TOKEN_NUMBER:
      value->kind = VALUE_NUMBER;
      return TRUE;
    case ATLAS_JSON_TOKEN_TRUE:
    case ATLAS_JSON_TOKEN_FALSE:
      value->kind = VALUE_BOOLEAN;
      return TRUE;
    case ATLAS_JSON_TOKEN_NULL:
      value->kind = VALUE_NULL;
      return TRUE;
    case ATLAS_JSON_TOKEN_BEGIN_OBJECT:
      value->kind = VALUE_OBJECT;
      return atlas_json_scanner_skip (scanner, token);
    case ATLAS_JSON_TOKEN_BEGIN_ARRAY:
      value->kind = VALUE_ARRAY;
      return atlas_json_scanner_skip (scanner, token);
    case ATLAS_JSON_TOKEN_ERROR:
    case ATLAS_JSON_TOKEN_END:
    case ATLAS_JSON_TOKEN_END_OBJECT:
    case ATLAS_JSON_TOKEN_END_ARRAY:
    case ATLAS_JSON_TOKEN_MEMBER:
    default:
      return FALSE;
    }
}

/* Adds the member whose name the scanner just read to *@extra */
static gboolean
extra_from_tokens (AtlasJsonScanner  *scanner,
                   JsonObject       **extra)
{
  g_autofree char *name = atlas_json_scanner_dup_string (scanner);
  JsonNode *node = node_from_tokens (scanner, atlas_json_scanner_next (scanner));

  if (node == NULL)
    return FALSE;

  if (*extra == NULL)
    *extra = json_object_new ();
  json_object_set_member (*extra, name, node);
  return TRUE;
}

/* Which of @known the member name the scanner just read is, or -1 */
static int
find_member (AtlasJsonScanner   *scanner,
             const char * const *known,
             guint               n_known)
{
  gsize length;
  const char *token = atlas_json_scanner_get_token (scanner, &length);

  /* Known names need no escapes and are short; compare the bytes */
  if (memchr (token, '\\', length) == NULL)
    {
      for (guint i = 0; i < n_known; i++)
        if (strlen (known[i]) == length - 2 && memcmp (token + 1, known[i], length - 2) == 0)
          return i;
      return -1;
    }

  for (guint i = 0; i < n_known; i++)
    if (atlas_json_scanner_string_equal (scanner, known[i]))
      return i;
  return -1;
}

static gboolean
source_from_tokens (AtlasJsonScanner *scanner,
                    AtlasJsonToken    token,
                    SourceInput      *source)
{
  Value ignored = { 0 };

  if (token != ATLAS_JSON_TOKEN_BEGIN_OBJECT)
    {
      gboolean ok = value_from_tokens (scanner, token, &ignored);

      source->kind = ignored.kind;
      value_clear (&ignored);
      return ok;
    }

  source->kind = VALUE_OBJECT;
  while ((token = atlas_json_scanner_next (scanner)) == ATLAS_JSON_TOKEN_MEMBER)
    {
      int m = find_member (scanner, source_members, G_N_ELEMENTS (source_members));
      gboolean ok;

      if (m >= 0)
        ok = value_from_tokens (scanner, atlas_json_scanner_next (scanner), &source->members[m]);
      else
        ok = extra_from_tokens (scanner, &source->extra);
      if (!ok)
        return FALSE;
    }

  if (source->extra != NULL)
    json_object_seal (source->extra);

  return token == ATLAS_JSON_TOKEN_END_OBJECT;
}

static gboolean
list_from_tokens (AtlasJsonScanner *scanner,
                  AtlasJsonToken    token,
                  MemberInput      *input,
                  gboolean          sources)
{
  member_input_clear (input);

  if (token != ATLAS_JSON_TOKEN_BEGIN_ARRAY)
    return value_from_tokens (scanner, token, &input->value);

  input->value.kind = VALUE_ARRAY;
  if (sources)
    {
      input->items = g_array_new (FALSE, TRUE, sizeof (SourceInput));
      g_array_set_clear_func (input->items, (GDestroyNotify) source_input_clear);
    }
  else
    {
      input->items = g_array_new (FALSE, TRUE, sizeof (Value));
      g_array_set_clear_func (input->items, (GDestroyNotify) value_clear);
    }

  while ((token = atlas_json_scanner_next (scanner)) != ATLAS_JSON_TOKEN_END_ARRAY)
    {
      gboolean ok;

      g_array_set_size (input->items, input->items->len + 1);
      if (sources)
        ok = source_from_tokens (scanner, token,
                                 &g_array_index (input->items, SourceInput, input->items->len - 1));
      else
        ok = value_from_tokens (scanner, token,
                                &g_array_index (input->items, Value, input->items->len - 1));
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* Reads the record that @token starts into @input; FALSE on a syntax
 * error */
static gboolean
record_input_from_tokens (AtlasJsonScanner *scanner,
                          AtlasJsonToken    token,
                          RecordInput      *input)
{
  Value ignored = { 0 };

  if (token != ATLAS_JSON_TOKEN_BEGIN_OBJECT)
    {
      gboolean ok = value_from_tokens (scanner, token, &ignored);

      input->kind = ignored.kind;
      value_clear (&ignored);
      return ok;
    }

  input->kind = VALUE_OBJECT;
  while ((token = atlas_json_scanner_next (scanner)) == ATLAS_JSON_TOKEN_MEMBER)
    {
      int m = find_member (scanner, record_members, N_RECORD_MEMBERS);
      gboolean ok;

      switch (m)
        {
        case MEMBER_COUNTRIES:
        case MEMBER_ORGANIZATIONS:
        case MEMBER_TAGS:
          ok = list_from_tokens (scanner, atlas_json_scanner_next (scanner), &input->members[m], FALSE);
          break;
        case MEMBER_SOURCES:
          ok = list_from_tokens (scanner, atlas_json_scanner_next (scanner), &input->members[m], TRUE);
          break;
        case -1:
          ok = extra_from_tokens (scanner, &input->extra);
          break;
        default:
          ok = value_from_tokens (scanner, atlas_json_scanner_next (scanner), &input->members[m].value);
          break;
        }
      if (!ok)
        return FALSE;
    }

  if (input->extra != NULL)
    json_object_seal (input->extra);

  return token == ATLAS_JSON_TOKEN_END_OBJECT;
}

/* @byte, at @line and @column, cannot be UTF-8 text */
static void
add_encoding_problem (GPtrArray *problems,
                      int        line,
                      int        column,
                      guchar     byte)
{
  AtlasProblem *problem = g_new0 (AtlasProblem, 1);

  problem->kind = ATLAS_PROBLEM_SYNTAX;
  problem->line = line;
  problem->column = column;
  if (byte == '\0')
    problem->message = g_strdup (_("the file contains a NUL byte; a data file is UTF-8 text"));
  else
    problem->message = g_strdup_printf (_("the file is not valid UTF-8 here (byte 0x%02X)"),
                                        (guint) byte);
  g_ptr_array_add (problems, problem);
}

static gboolean
check_encoding (const char *data,
                gsize       length,
                GPtrArray  *problems)
{
  const char *end;
  int line, column;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  atlas_json_locate (data, end - data, &line, &column);
  add_encoding_problem (problems, line, column, *end);
  return FALSE;
}

static void
add_scanner_problem (GPtrArray        *problems,
                     AtlasJsonScanner *scanner)
{
  AtlasProblem *problem = g_new0 (AtlasProblem, 1);
  gsize offset = 0;
  const char *message = atlas_json_scanner_get_error (scanner, &offset);

  problem->kind = ATLAS_PROBLEM_SYNTAX;
  atlas_json_scanner_locate (scanner, offset, &problem->line, &problem->column);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
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

/* The text of a data file with its byte order mark skipped, when it is
 * neither blank nor invalid UTF-8; otherwise NULL after adding the
 * problem */
static const char *
get_text (GBytes    *bytes,
          gsize     *length,
          GPtrArray *problems)
{
  const char *data = g_bytes_get_data (bytes, length);

  if (data == NULL)
    data = "";

  /* A UTF-8 byte order mark is harmless; JsonParser would choke on it */
  if (*length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      *length -= 3;
    }

  if (is_blank (data, *length))
    {
      add_problem (problems, ATLAS_PROBLEM_FORMAT, NULL, _("the file is empty"));
      return NULL;
    }

  if (!check_encoding (data, *length, problems))
    return NULL;

  return data;
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

  data = get_text (bytes, &length, problems);
  if (data == NULL)
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
  RecordContext ctx = { problems, index, NULL, problems->len, TRUE };
  RecordInput input = { 0 };
  AtlasPartnership *record;

  record_input_from_node (&input, node);
  record = check_record (&ctx, &input, ids);
  record_input_clear (&input);

  return record;
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

/* What the reader gathers of the document, to check once it is read */
typedef struct
{
  GPtrArray        *problems;       /* of the records */
  GPtrArray        *records;
  GHashTable       *ids;            /* id → record number */
  GPtrArray        *orphan_ids;     /* ids in @ids of no record */
  ValueKind         records_kind;
  Value             format;
  ValueKind         version_kind;
  gboolean          version_is_int;
  gint64            version;
  JsonObject       *extra;

  AtlasJsonScanner *scanner;
  guint64           length;
  AtlasProgressFunc progress;
  gpointer          progress_data;
  GCancellable     *cancellable;
  gboolean          cancelled;
  AtlasJsonToken    first_token;
} Document;

static void
document_clear_records (Document *doc)
{
  g_clear_pointer (&doc->problems, g_ptr_array_unref);
  g_clear_pointer (&doc->records, g_ptr_array_unref);
  g_clear_pointer (&doc->ids, g_hash_table_unref);
  g_clear_pointer (&doc->orphan_ids, g_ptr_array_unref);
}

static void
report_progress (Document *doc)
{
  if (doc->progress != NULL)
    doc->progress (MIN (1.0, (double) atlas_json_scanner_get_offset (doc->scanner) /
                             MAX (doc->length, 1)),
                   doc->progress_data);
  if (g_cancellable_is_cancelled (doc->cancellable))
    doc->cancelled = TRUE;
}

/* The "records" list, one record at a time: FALSE on a syntax error or
 * when cancelled */
static gboolean
read_records (Document         *doc,
              AtlasJsonScanner *scanner)
{
  AtlasJsonToken token;
  int index = 0;

  /* The last "records" counts, as in JsonParser */
  document_clear_records (doc);
  doc->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  doc->records = g_ptr_array_new_with_free_func (g_object_unref);
  /* The table's ids are those of the records, or else kept aside */
  doc->ids = g_hash_table_new (g_str_hash, g_str_equal);
  doc->orphan_ids = g_ptr_array_new_with_free_func (g_free);
  doc->records_kind = VALUE_ARRAY;

  while ((token = atlas_json_scanner_next (scanner)) != ATLAS_JSON_TOKEN_END_ARRAY)
    {
      RecordInput input = { 0 };
      RecordContext ctx = { doc->problems, ++index, NULL, doc->problems->len };
      AtlasPartnership *record;

      if (!record_input_from_tokens (scanner, token, &input))
        {
          record_input_clear (&input);
          return FALSE;
        }

      /* After a problem, records are only checked: none will be kept */
      ctx.build = doc->problems->len == 0;
      record = check_record (&ctx, &input, doc->ids);
      /* The table of ids holds the record's own id (a valid id, so not
       * empty, which the record keeps as it is), or without a record
       * the text kept aside */
      if (ctx.id_added && input.members[MEMBER_ID].value.owned != NULL)
        g_ptr_array_add (doc->orphan_ids, g_steal_pointer (&input.members[MEMBER_ID].value.owned));
      if (record != NULL)
        g_ptr_array_add (doc->records, record);
      record_input_clear (&input);

      if (index % 256 == 0)
        {
          report_progress (doc);
          if (doc->cancelled)
            return FALSE;
        }
    }

  return TRUE;
}

/* The document, a member at a time: FALSE on a syntax error or when
 * cancelled */
static gboolean
read_document (Document         *doc,
               AtlasJsonScanner *scanner)
{
  AtlasJsonToken token;

  while ((token = atlas_json_scanner_next (scanner)) == ATLAS_JSON_TOKEN_MEMBER)
    {
      int m = find_member (scanner, document_members, G_N_ELEMENTS (document_members));
      gboolean ok;

      if (m == 0)
        ok = value_from_tokens (scanner, atlas_json_scanner_next (scanner), &doc->format);
      else if (m == 1)
        {
          token = atlas_json_scanner_next (scanner);
          doc->version_is_int = FALSE;
          if (token == ATLAS_JSON_TOKEN_NUMBER)
            {
              gsize length;
              const char *text = atlas_json_scanner_get_token (scanner, &length);
              g_autoptr(JsonNode) number = number_node (text, length);

              doc->version_kind = VALUE_NUMBER;
              doc->version_is_int = json_node_get_value_type (number) == G_TYPE_INT64;
              doc->version = json_node_get_int (number);
              ok = TRUE;
            }
          else
            {
              Value value = { 0 };

              ok = value_from_tokens (scanner, token, &value);
              doc->version_kind = value.kind;
              value_clear (&value);
            }
        }
      else if (m == 2)
        {
          token = atlas_json_scanner_next (scanner);
          if (token == ATLAS_JSON_TOKEN_BEGIN_ARRAY)
            ok = read_records (doc, scanner);
          else
            {
              Value value = { 0 };

              document_clear_records (doc);
              ok = value_from_tokens (scanner, token, &value);
              doc->records_kind = value.kind;
              value_clear (&value);
            }
        }
      else
        ok = extra_from_tokens (scanner, &doc->extra);

      if (!ok)
        return FALSE;
    }

  return token == ATLAS_JSON_TOKEN_END_OBJECT;
}

/* Reads the data file that @doc->scanner gives the tokens of.  Returns
 * the records, or NULL with the problems added to @found; then
 * @doc->cancelled says whether it stopped because it was cancelled. */
static GPtrArray *
read_data_file (Document   *doc,
                GPtrArray  *found)
{
  AtlasJsonScanner *scanner = doc->scanner;
  g_autoptr(GPtrArray) records = NULL;
  AtlasJsonToken token;
  gboolean ok;

  token = doc->first_token = atlas_json_scanner_next (scanner);
  if (token == ATLAS_JSON_TOKEN_BEGIN_OBJECT)
    ok = read_document (doc, scanner) && atlas_json_scanner_next (scanner) == ATLAS_JSON_TOKEN_END;
  else
    {
      Value root = { 0 };

      ok = value_from_tokens (scanner, token, &root) &&
           atlas_json_scanner_next (scanner) == ATLAS_JSON_TOKEN_END;
      if (ok)
        add_problem (found, ATLAS_PROBLEM_FORMAT, NULL,
                     _("this is not a Space Atlas data file: it holds %s, not an object "
                       "with “format”: “space-atlas”"), describe_kind (root.kind));
      value_clear (&root);
    }

  if (doc->cancelled)
    ;
  else if (!ok)
    add_scanner_problem (found, scanner);
  else if (token != ATLAS_JSON_TOKEN_BEGIN_OBJECT)
    ;
  else if (doc->format.kind != VALUE_STRING || strcmp (doc->format.text, ATLAS_FORMAT_NAME) != 0)
    add_problem (found, ATLAS_PROBLEM_FORMAT, "format",
                 _("this is not a Space Atlas data file: it has no “format”: “space-atlas”"));
  else if (!doc->version_is_int || doc->version < 1)
    add_problem (found, ATLAS_PROBLEM_FORMAT, "version",
                 _("must be a whole number from 1 (this version reads format version %d)"),
                 ATLAS_FORMAT_VERSION);
  else if (doc->version > ATLAS_FORMAT_VERSION)
    add_problem (found, ATLAS_PROBLEM_FORMAT, "version",
                 _("the file is in format version %lld, written by a newer "
                   "Space Atlas; this version reads format version %d and will not open it "
                   "in part — update Space Atlas to open it"),
                 (long long) doc->version, ATLAS_FORMAT_VERSION);
  else if (doc->records_kind != VALUE_ARRAY)
    add_problem (found, ATLAS_PROBLEM_FORMAT, "records",
                 doc->records_kind == VALUE_ABSENT ? _("is missing") : _("must be a list of records"));
  else
    {
      g_ptr_array_extend_and_steal (found, g_steal_pointer (&doc->problems));
      records = g_steal_pointer (&doc->records);
    }

  document_clear_records (doc);
  value_clear (&doc->format);

  if (doc->cancelled || found->len > 0)
    g_clear_pointer (&records, g_ptr_array_unref);

  return g_steal_pointer (&records);
}

/* What the caller of a read function gets: the records, or the
 * problems, or the error of being cancelled */
static GPtrArray *
finish_read (Document     *doc,
             GPtrArray    *records,
             GPtrArray    *found,
             JsonObject  **extra,
             GPtrArray   **problems,
             GError      **error)
{
  if (doc->cancelled)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Reading was cancelled"));
      g_ptr_array_set_size (found, 0);
    }
  else if (doc->progress != NULL)
    doc->progress (1.0, doc->progress_data);

  if (found->len > 0 || doc->cancelled)
    g_clear_pointer (&records, g_ptr_array_unref);

  if (records != NULL && extra != NULL && doc->extra != NULL)
    {
      json_object_seal (doc->extra);
      *extra = g_steal_pointer (&doc->extra);
    }
  g_clear_pointer (&doc->extra, json_object_unref);

  *problems = found;
  return records;
}

/**
 * atlas_format_read_full:
 * @bytes: the contents of a data file
 * @progress: (nullable) (scope call): called now and then, on the
 *   calling thread, with the fraction of @bytes read so far
 * @progress_data: data for @progress
 * @cancellable: (nullable): to stop reading
 * @extra: (out) (optional) (transfer full) (nullable): members of the
 *   document this version does not know
 * @problems: (out) (transfer full) (element-type AtlasProblem): every
 *   problem found, empty when there is none
 * @error: set to %G_IO_ERROR_CANCELLED when @cancellable was cancelled
 *
 * Like atlas_format_read(), reporting progress and stopping when
 * cancelled: then it returns %NULL with @error set and no problem.
 *
 * Returns: (transfer full) (nullable) (element-type AtlasPartnership): the
 *   records, in the file's order, or %NULL when there is any problem or
 *   reading was cancelled
 */
GPtrArray *
atlas_format_read_full (GBytes             *bytes,
                        AtlasProgressFunc   progress,
                        gpointer            progress_data,
                        GCancellable       *cancellable,
                        JsonObject        **extra,
                        GPtrArray         **problems,
                        GError            **error)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  GPtrArray *records = NULL;
  AtlasJsonScanner scanner;
  Document doc = { 0 };
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (extra != NULL)
    *extra = NULL;
  *problems = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      *problems = found;
      return NULL;
    }

  data = get_text (bytes, &length, found);
  if (data == NULL)
    {
      *problems = found;
      return NULL;
    }

  atlas_json_scanner_init (&scanner, data, length, ATLAS_JSON_MAX_DEPTH);
  doc.scanner = &scanner;
  doc.length = length;
  doc.progress = progress;
  doc.progress_data = progress_data;
  doc.cancellable = cancellable;

  records = read_data_file (&doc, found);
  atlas_json_scanner_clear (&scanner);

  return finish_read (&doc, records, found, extra, problems, error);
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
  return atlas_format_read_full (bytes, NULL, NULL, NULL, extra, problems, NULL);
}

/* The text of a data file, for the scanner a chunk at a time */
typedef struct
{
  AtlasFileReader *reader;
  gsize            max_chunk;
  GError          *error;      /* reading failed */
  gboolean         started;    /* past the byte order mark, if any */
  gboolean         bad;        /* reading stopped at a byte that is not text */
  guchar           bad_byte;
  guint64          length;     /* given to the scanner so far */
} FileText;

static gsize read_chunk_size;  /* 0: as much as fits */

/**
 * _atlas_format_set_read_chunk_size:
 * @size: at least 4 bytes, or 0 for the default
 *
 * The most atlas_format_read_file() reads at a time, for tests.
 */
void
_atlas_format_set_read_chunk_size (gsize size)
{
  read_chunk_size = size;
}

static gssize
read_file_text (char     *buffer,
                gsize     size,
                gpointer  user_data)
{
  FileText *text = user_data;
  gssize n = 0;

  while (n == 0 && text->error == NULL && !text->bad)
    {
      n = atlas_file_reader_read (text->reader, buffer, MIN (size, text->max_chunk), &text->error);
      if (n <= 0)
        return 0;

      /* The byte that is not text is reported, not read */
      if (atlas_file_reader_found_bad (text->reader))
        {
          text->bad = TRUE;
          text->bad_byte = buffer[--n];
        }

      /* A UTF-8 byte order mark is harmless; JsonParser would choke on
       * it.  The first chunk has all of it: a whole character. */
      if (!text->started)
        {
          text->started = TRUE;
          if (n >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
            {
              memmove (buffer, buffer + 3, n - 3);
              n -= 3;
            }
        }
    }

  text->length += n;
  return n;
}

/**
 * atlas_format_read_file_full:
 * @file: a data file
 * @progress: (nullable) (scope call): called now and then, on the
 *   calling thread, with the fraction of the work done
 * @progress_data: data for @progress
 * @cancellable: (nullable): to stop reading
 * @extra: (out) (optional) (transfer full) (nullable): members of the
 *   document this version does not know
 * @problems: (out) (transfer full) (element-type AtlasProblem): every
 *   problem found, empty when there is none
 * @error: set to %G_IO_ERROR_CANCELLED when @cancellable was cancelled
 *
 * Like atlas_format_read_full(), reading @file with an
 * #AtlasFileReader: only a regular file, up to a size limit.  A file
 * that cannot be read is reported as one problem of kind
 * %ATLAS_PROBLEM_FILE.  The file is read a chunk at a time, as records
 * are made: only the records are ever all in memory, not the file.
 *
 * Returns: (transfer full) (nullable) (element-type AtlasPartnership): the
 *   records, or %NULL
 */
GPtrArray *
atlas_format_read_file_full (GFile              *file,
                             AtlasProgressFunc   progress,
                             gpointer            progress_data,
                             GCancellable       *cancellable,
                             JsonObject        **extra,
                             GPtrArray         **problems,
                             GError            **error)
{
  g_autoptr(AtlasFileReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  GPtrArray *records = NULL;
  AtlasJsonScanner scanner;
  FileText text = { 0 };
  Document doc = { 0 };
  gsize error_offset = G_MAXSIZE;
  gboolean stopped = FALSE;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (extra != NULL)
    *extra = NULL;
  *problems = found;

  reader = atlas_file_reader_open (file, ATLAS_READ_FILE_UTF8, cancellable, &local_error);
  if (reader == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        add_problem (found, ATLAS_PROBLEM_FILE, NULL, "%s", local_error->message);
      return NULL;
    }

  text.reader = reader;
  text.max_chunk = read_chunk_size > 0 ? read_chunk_size : G_MAXSIZE;
  atlas_json_scanner_init_reader (&scanner, read_file_text, &text, ATLAS_JSON_MAX_DEPTH);
  doc.scanner = &scanner;
  doc.length = atlas_file_reader_get_size (reader);
  doc.progress = progress;
  doc.progress_data = progress_data;
  doc.cancellable = cancellable;

  records = read_data_file (&doc, found);

  /* A byte that is not text is the one problem, wherever it is, as when
   * the file is read whole: after a syntax error, look for one */
  if (!doc.cancelled)
    atlas_json_scanner_read_to_end (&scanner);

  /* As when the file is read whole: an error of reading, then a byte
   * that is not text, then a file of only white space */
  if (doc.first_token == ATLAS_JSON_TOKEN_ERROR)
    atlas_json_scanner_get_error (&scanner, &error_offset);
  if (!doc.cancelled &&
      (text.error != NULL || text.bad ||
       (doc.first_token == ATLAS_JSON_TOKEN_ERROR && error_offset == text.length)))
    {
      g_clear_pointer (&records, g_ptr_array_unref);
      g_ptr_array_set_size (found, 0);

      if (g_error_matches (text.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&text.error));
          stopped = TRUE;
        }
      else if (text.error != NULL)
        add_problem (found, ATLAS_PROBLEM_FILE, NULL, "%s", text.error->message);
      else if (text.bad)
        {
          int line, column;

          atlas_json_scanner_locate (&scanner, text.length, &line, &column);
          add_encoding_problem (found, line, column, text.bad_byte);
        }
      else
        add_problem (found, ATLAS_PROBLEM_FORMAT, NULL, _("the file is empty"));
    }

  atlas_json_scanner_clear (&scanner);
  g_clear_error (&text.error);

  if (stopped)
    {
      g_clear_pointer (&doc.extra, json_object_unref);
      return NULL;
    }

  return finish_read (&doc, records, found, extra, problems, error);
}

/**
 * atlas_format_read_file:
 *
 * Like atlas_format_read(), reading @file first with atlas_read_file():
 * only a regular file, up to a size limit.  A file that cannot be read
 * is reported as one problem of kind %ATLAS_PROBLEM_FILE.
 */
GPtrArray *
atlas_format_read_file (GFile         *file,
                        GCancellable  *cancellable,
                        JsonObject   **extra,
                        GPtrArray    **problems)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  records = atlas_format_read_file_full (file, NULL, NULL, cancellable, extra, problems, &error);
  if (error != NULL)
    add_problem (*problems, ATLAS_PROBLEM_FILE, NULL, "%s", error->message);

  return records;
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
      const char *run = p;

      /* Most text needs no escape: copy it a run at a time */
      while ((guchar) *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        {
          g_string_append_len (out, run, p - run);
          if (*p == '\0')
            break;
        }
      c = *p;

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
