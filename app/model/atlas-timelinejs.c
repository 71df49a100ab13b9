/* atlas-timelinejs.c — records to and from TimelineJS (Knight Lab) JSON
 *
 * TimelineJS (timeline.knightlab.com) reads a JSON object with a list
 * of "events" (slides), and optionally a "title" slide and "eras".  An
 * event has a start_date and an optional end_date, each an object with
 * a year and optionally a month and a day; a text object with a
 * headline and a text, both HTML; an optional media object (url,
 * caption, credit, …), a group (a row of the timeline) and a unique_id.
 *
 * How records map to events:
 *
 *   id             unique_id
 *   title          text.headline (HTML-escaped; tags and entities
 *                  stripped on import)
 *   start, end     start_date, end_date: {year, month, day}, as many as
 *                  the date's precision has (1988-07 → {1988, 7}); times
 *                  of day are dropped on import
 *   kind           group, as the kind's label ("Joint mission"); on
 *                  import a group that names a kind (by name or label)
 *                  gives that kind, any other gives `other` and is kept
 *                  (see "timelinejs" below)
 *   summary        text.text, HTML-escaped, followed by paragraphs
 *                  listing the partners, organizations and sources for
 *                  people to read; on import, the text with tags and
 *                  entities stripped
 *   sources        on import of a plain TimelineJS file, the media (its
 *                  url, titled by its title, credit or caption)
 *
 * TimelineJS has no place for countries, organizations, status, tags or
 * sources, so each exported event also carries a member TimelineJS
 * ignores, "space_atlas", with those (and the summary as plain text, and
 * members Space Atlas does not know in "extra"); importing a file
 * Space Atlas wrote reads them back, and the round trip loses nothing.
 * A top-level "space_atlas" member keeps the data set's own unknown
 * members.
 *
 * Importing a TimelineJS file from elsewhere: every record needs at
 * least one partner country, which such a file cannot give; the caller
 * passes the countries to give events that have none, or each such
 * event is reported as a problem.  Members of an event this mapping
 * does not use (display_date, background, a group that is no kind, …)
 * are kept in the record's "timelinejs" member and written back on
 * export.  The title slide and eras are not records and are not read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-timelinejs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "atlas-countries.h"
#include "atlas-format-private.h"
#include "atlas-import-private.h"
#include "atlas-json-syntax.h"
#include "atlas-timelinejs.h"

/* Members of an event the mapping uses */
static const char * const event_members[] = {
  "unique_id", "start_date", "end_date", "text", "group", "space_atlas",
};

/* Members of "space_atlas" copied into a record as they are */
static const char * const carried_members[] = {
  "title", "kind", "status", "countries", "organizations", "summary", "sources", "tags",
};

/* Members of a record as the data file reader knows them */
static const char * const record_members[] = {
  "id", "title", "kind", "start", "end", "status",
  "countries", "organizations", "summary", "sources", "tags",
};

#define TIMELINEJS_MEMBER "timelinejs"

/* What an event is, as read */
typedef enum
{
  EVENT_SPACE_ATLAS,   /* written by Space Atlas: it has "space_atlas" */
  EVENT_PLAIN,         /* from elsewhere */
  EVENT_UNREADABLE,    /* not even an object */
} EventKind;

/* HTML */

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; p != NULL && *p; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\n':
          g_string_append (out, "<br>");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static char *
escape_html (const char *text)
{
  GString *out = g_string_new (NULL);

  append_escaped (out, text);
  return g_string_free (out, FALSE);
}

static const struct
{
  const char *name;
  gunichar    c;
} named_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "middot", 0x00B7 }, { "bull", 0x2022 },
  { "copy", 0x00A9 }, { "reg", 0x00AE }, { "deg", 0x00B0 }, { "eacute", 0x00E9 },
  { "egrave", 0x00E8 }, { "aacute", 0x00E1 }, { "agrave", 0x00E0 }, { "ccedil", 0x00E7 },
  { "uuml", 0x00FC }, { "ouml", 0x00F6 }, { "auml", 0x00E4 }, { "szlig", 0x00DF },
};

/* An entity at @p ("&amp;", "&#8211;", "&#x2013;"): its character and
 * length, or 0 when it is not one */
static gsize
read_entity (const char *p,
             gunichar   *c)
{
  const char *end = strchr (p, ';');
  gsize length;

  if (end == NULL || end - p > 10 || end - p < 3)
    return 0;
  length = end - p + 1;

  if (p[1] == '#')
    {
      guint64 value;
      char *number_end;

      if (p[2] == 'x' || p[2] == 'X')
        value = g_ascii_strtoull (p + 3, &number_end, 16);
      else
        value = g_ascii_strtoull (p + 2, &number_end, 10);

      if (number_end != end || value == 0 || value > 0x10FFFF || !g_unichar_validate (value))
        return 0;
      *c = value;
      return length;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    if (strlen (named_entities[i].name) == (gsize) (end - p - 1) &&
        strncmp (p + 1, named_entities[i].name, end - p - 1) == 0)
      {
        *c = named_entities[i].c;
        return length;
      }

  return 0;
}

typedef struct
{
  GString *out;
  guint    pending_breaks;   /* line breaks a tag asked for */
  gboolean pending_space;    /* white space in the source */
} TextWriter;

static void
writer_add (TextWriter *writer,
            gunichar    c)
{
  if (writer->out->len > 0)
    {
      if (writer->pending_breaks > 0)
        for (guint i = 0; i < MIN (writer->pending_breaks, 2); i++)
          g_string_append_c (writer->out, '\n');
      else if (writer->pending_space)
        g_string_append_c (writer->out, ' ');
    }

  writer->pending_breaks = 0;
  writer->pending_space = FALSE;
  g_string_append_unichar (writer->out, c);
}

static gboolean
tag_is (const char *name,
        gsize       length,
        const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == length && g_ascii_strncasecmp (name, names[i], length) == 0)
      return TRUE;
  return FALSE;
}

/**
 * atlas_timelinejs_html_to_text:
 * @html: (nullable): HTML, as TimelineJS texts hold it
 *
 * Plain text from HTML: tags are removed, entities decoded, white space
 * collapsed; a `<br>` becomes a line break, and paragraphs and other
 * blocks are separated by an empty line.  Scripts and styles are left
 * out.
 *
 * Returns: (transfer full): the text
 */
char *
atlas_timelinejs_html_to_text (const char *html)
{
  static const char * const blocks[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table",
    "section", "article", "header", "footer", "pre", "hr", NULL,
  };
  static const char * const lines[] = { "li", "tr", "dt", "dd", NULL };
  static const char * const hidden[] = { "script", "style", NULL };
  TextWriter writer = { g_string_new (NULL), 0, FALSE };
  const char *p = html;

  if (html == NULL || !g_utf8_validate (html, -1, NULL))
    return g_string_free (writer.out, FALSE);

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          const char *name = p + 1 + (p[1] == '/');
          const char *q = name;
          gsize name_length;
          char quote = 0;

          while (g_ascii_isalnum (*q))
            q++;
          name_length = q - name;

          /* To the end of the tag, past quoted attribute values */
          while (*q && (quote != 0 || *q != '>'))
            {
              if (quote == 0 && (*q == '"' || *q == '\''))
                quote = *q;
              else if (*q == quote)
                quote = 0;
              q++;
            }
          if (*q != '>')
            {
              /* Never closed: not a tag but text, as in "a<b" */
              writer_add (&writer, c);
              p++;
              continue;
            }
          q++;

          if (name_length == 2 && g_ascii_strncasecmp (name, "br", 2) == 0)
            writer.pending_breaks++;
          else if (tag_is (name, name_length, blocks))
            writer.pending_breaks = MAX (writer.pending_breaks, 2);
          else if (tag_is (name, name_length, lines))
            writer.pending_breaks = MAX (writer.pending_breaks, 1);
          else if (p[1] != '/' && tag_is (name, name_length, hidden))
            {
              /* Skip to the closing tag */
              g_autofree char *closing = g_strdup_printf ("</%.*s", (int) name_length, name);
              const char *end = q;

              while (*end && g_ascii_strncasecmp (end, closing, strlen (closing)) != 0)
                end++;
              q = end;
            }

          p = q;
          continue;
        }

      if (c == '&')
        {
          gunichar decoded;
          gsize length = read_entity (p, &decoded);

          if (length > 0)
            {
              writer_add (&writer, decoded);
              p += length;
              continue;
            }
        }

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        writer.pending_space = TRUE;
      else
        writer_add (&writer, c);

      p = g_utf8_next_char (p);
    }

  return g_string_free (writer.out, FALSE);
}

/* Reading */

gboolean
atlas_timelinejs_is_timeline (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *data;
  gsize length;
  JsonNode *root, *events, *format;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &length);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* JsonParser recurses into nested lists and objects, so 300 000 of
   * them overflow the stack, and it leaks what it built on a syntax
   * error: it only reads what the syntax check accepted */
  if (!g_utf8_validate_len (data, length, NULL) ||
      !atlas_json_check_syntax (data, length, ATLAS_JSON_MAX_DEPTH, NULL, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  events = json_object_get_member (json_node_get_object (root), "events");
  format = json_object_get_member (json_node_get_object (root), "format");

  return events != NULL && JSON_NODE_HOLDS_ARRAY (events) &&
         !(format != NULL && JSON_NODE_HOLDS_VALUE (format) &&
           g_strcmp0 (json_node_get_string (format), ATLAS_FORMAT_NAME) == 0);
}

typedef struct
{
  int         index;
  GPtrArray  *problems;
  const char *id;
} EventContext;

static void event_problem (EventContext *ctx,
                           const char   *field,
                           const char   *format,
                           ...) G_GNUC_PRINTF (3, 4);

static void
event_problem (EventContext *ctx,
               const char   *field,
               const char   *format,
               ...)
{
  g_autofree char *message = NULL;
  AtlasProblem *problem;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  problem = _atlas_import_problem_new (ATLAS_PROBLEM_RECORD, ctx->index, field, message);
  problem->record_id = g_strdup (ctx->id);
  g_ptr_array_add (ctx->problems, problem);
}

/* A number in a date object: 1988, 1988.0 or "1988"; -1 when absent */
static gboolean
read_date_part (EventContext *ctx,
                JsonObject   *date,
                const char   *field,
                const char   *member,
                gint64       *value)
{
  JsonNode *node = json_object_get_member (date, member);

  *value = -1;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        {
          *value = json_node_get_int (node);
          return TRUE;
        }

      if (type == G_TYPE_DOUBLE)
        {
          double number = json_node_get_double (node);

          if (number == floor (number) && fabs (number) < 1e9)
            {
              *value = (gint64) number;
              return TRUE;
            }
        }

      if (type == G_TYPE_STRING)
        {
          g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
          char *end;

          /* Spreadsheets leave an empty month or day as "" */
          if (*text == '\0')
            return TRUE;

          *value = g_ascii_strtoll (text, &end, 10);
          if (*end == '\0' && end != text && *value > -1000000000 && *value < 1000000000)
            return TRUE;
        }
    }

  /* Translators: the first %s is "year", "month" or "day", the name of
   * a member in the file */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    event_problem (ctx, field, _("%s must be a whole number, not “%s”"), member,
                   json_node_get_string (node));
  else
    event_problem (ctx, field, _("%s must be a whole number, not %s"), member,
                   _atlas_format_describe_node (node));
  *value = -1;
  return FALSE;
}

/* A date object as ISO 8601 text for the reader to check, or NULL */
static char *
read_date (EventContext *ctx,
           JsonObject   *event,
           const char   *member)
{
  JsonNode *node = json_object_get_member (event, member);
  JsonObject *date;
  gint64 year, month, day;
  gboolean ok;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      event_problem (ctx, member, _("must be an object with a year, not %s"),
                     _atlas_format_describe_node (node));
      return NULL;
    }

  date = json_node_get_object (node);
  ok = read_date_part (ctx, date, member, "year", &year);
  ok &= read_date_part (ctx, date, member, "month", &month);
  ok &= read_date_part (ctx, date, member, "day", &day);
  if (!ok)
    return NULL;

  if (year == -1)
    {
      event_problem (ctx, member, _("has no year"));
      return NULL;
    }

  if (year < ATLAS_DATE_MIN_YEAR || year > ATLAS_DATE_MAX_YEAR)
    {
      event_problem (ctx, member, _("the year %lld is not between 1 and 9999"),
                     (long long) year);
      return NULL;
    }

  if (month == -1 && day != -1)
    {
      event_problem (ctx, member, _("has a day but no month"));
      return NULL;
    }

  /* The reader checks the month and the day, with its messages */
  if (month == -1)
    return g_strdup_printf ("%04d", (int) year);
  if (month < 0 || month > 99)
    month = 0;
  if (day == -1)
    return g_strdup_printf ("%04d-%02d", (int) year, (int) month);
  if (day < 0 || day > 99)
    day = 0;
  return g_strdup_printf ("%04d-%02d-%02d", (int) year, (int) month, (int) day);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static gboolean
is_member_of (const char         *name,
              const char * const *names,
              guint               n_names)
{
  for (guint i = 0; i < n_names; i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* A plain file's media as a source: its URL, titled by what it has */
static void
add_media_source (JsonObject *record,
                  JsonObject *media)
{
  static const char * const title_members[] = { "title", "credit", "caption" };
  const char *url = get_string (media, "url");
  g_autofree char *title = NULL;
  JsonObject *source;
  JsonArray *sources;

  if (url == NULL || is_blank (url))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (title_members) && (title == NULL || *title == '\0'); i++)
    {
      g_free (title);
      title = atlas_timelinejs_html_to_text (get_string (media, title_members[i]));
    }
  if (title == NULL || *title == '\0')
    {
      g_free (title);
      title = g_strdup (url);
    }

  source = json_object_new ();
  json_object_set_string_member (source, "title", title);
  json_object_set_null_member (source, "document");
  json_object_set_string_member (source, "url", url);

  sources = json_array_new ();
  json_array_add_object_element (sources, source);
  json_object_set_array_member (record, "sources", sources);
}

/* The record's JSON, as a data file would hold it; NULL when the event
 * is not even an object */
static JsonObject *
build_record (EventContext       *ctx,
              JsonNode           *node,
              const char * const *default_countries,
              EventKind          *event_kind)
{
  JsonObject *event, *record, *text, *space_atlas, *extra;
  g_autoptr(JsonObject) kept = json_object_new ();
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GList) members = NULL;
  const char *unique_id, *group;
  JsonNode *member;
  AtlasKind kind = ATLAS_KIND_OTHER;
  gboolean plain;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      event_problem (ctx, NULL, _("must be an object, not %s"), _atlas_format_describe_node (node));
      *event_kind = EVENT_UNREADABLE;
      return NULL;
    }

  event = json_node_get_object (node);
  record = json_object_new ();
  space_atlas = get_object (event, "space_atlas");
  plain = space_atlas == NULL;
  *event_kind = plain ? EVENT_PLAIN : EVENT_SPACE_ATLAS;

  member = json_object_get_member (event, "unique_id");
  unique_id = get_string (event, "unique_id");
  if (unique_id != NULL)
    {
      json_object_set_string_member (record, "id", unique_id);
      ctx->id = unique_id;
    }
  else if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
           json_node_get_value_type (member) == G_TYPE_INT64)
    {
      /* JavaScript takes a number for a string */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member));

      json_object_set_string_member (record, "id", number);
    }
  else if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    event_problem (ctx, "unique_id", _("must be a string, not %s"),
                   _atlas_format_describe_node (member));

  text = get_object (event, "text");
  if (get_string (text, "headline") != NULL)
    {
      g_autofree char *title = atlas_timelinejs_html_to_text (get_string (text, "headline"));

      json_object_set_string_member (record, "title", title);
    }

  start = read_date (ctx, event, "start_date");
  if (start != NULL)
    json_object_set_string_member (record, "start", start);
  else if (json_object_has_member (event, "start_date"))
    json_object_set_string_member (record, "start", "1");   /* reported; dropped */
  end = read_date (ctx, event, "end_date");
  if (end != NULL)
    json_object_set_string_member (record, "end", end);

  group = get_string (event, "group");

  if (space_atlas != NULL)
    {
      AtlasKind carried = ATLAS_KIND_OTHER;

      for (guint i = 0; i < G_N_ELEMENTS (carried_members); i++)
        if ((member = json_object_get_member (space_atlas, carried_members[i])) != NULL)
          json_object_set_member (record, carried_members[i], json_node_copy (member));

      /* The group written is the kind's label, unless it was kept */
      if (group != NULL &&
          (!atlas_kind_from_string (get_string (space_atlas, "kind"), &carried) ||
           strcmp (group, atlas_kind_get_label (carried)) != 0))
        json_object_set_string_member (kept, "group", group);
    }
  else
    {
      g_autofree char *summary = atlas_timelinejs_html_to_text (get_string (text, "text"));
      JsonArray *countries = json_array_new ();

      if (group != NULL && !_atlas_import_kind_from_text (group, &kind))
        json_object_set_string_member (kept, "group", group);
      json_object_set_string_member (record, "kind", atlas_kind_to_string (kind));
      json_object_set_string_member (record, "status", atlas_status_to_string (ATLAS_STATUS_UNKNOWN));

      for (guint i = 0; default_countries != NULL && default_countries[i] != NULL; i++)
        json_array_add_string_element (countries, default_countries[i]);
      json_object_set_array_member (record, "countries", countries);

      json_object_set_string_member (record, "summary", summary);
      add_media_source (record, get_object (event, "media"));
    }

  /* A group that is not a kind, then every member the mapping does not
   * use, in the event's order */
  members = json_object_get_members (event);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (is_member_of (name, event_members, G_N_ELEMENTS (event_members)) ||
          (plain && strcmp (name, "media") == 0 && json_object_has_member (record, "sources")))
        continue;
      json_object_set_member (kept, name, json_node_copy (json_object_get_member (event, name)));
    }

  /* Members Space Atlas does not know, in their order, with the kept
   * TimelineJS members in their place */
  extra = get_object (space_atlas, "extra");
  if (extra != NULL)
    {
      g_autoptr(GList) extra_members = json_object_get_members (extra);

      for (const GList *l = extra_members; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (is_member_of (name, record_members, G_N_ELEMENTS (record_members)))
            continue;

          if (strcmp (name, TIMELINEJS_MEMBER) == 0)
            {
              if (json_object_get_size (kept) > 0)
                json_object_set_object_member (record, name, json_object_ref (kept));
              continue;
            }

          json_object_set_member (record, name, json_node_copy (json_object_get_member (extra, name)));
        }
    }

  if (json_object_get_size (kept) > 0 && !json_object_has_member (record, TIMELINEJS_MEMBER))
    json_object_set_object_member (record, TIMELINEJS_MEMBER, json_object_ref (kept));

  return record;
}

/* The reader names a record's members; an event's problems name the
 * event's: "start_date", "text.headline", "space_atlas.countries" */
static void
rename_field (AtlasProblem *problem,
              gboolean      plain)
{
  static const struct
  {
    const char *record;
    const char *event;
  } always[] = {
    { "id", "unique_id" }, { "title", "text.headline" },
    { "start", "start_date" }, { "end", "end_date" },
  };
  const char *field = problem->field;
  char *renamed = NULL;

  if (field == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    if (strcmp (field, always[i].record) == 0)
      renamed = g_strdup (always[i].event);

  if (renamed == NULL && plain)
    {
      if (strcmp (field, "summary") == 0)
        renamed = g_strdup ("text.text");
      else if (strcmp (field, "kind") == 0)
        renamed = g_strdup ("group");
      else if (g_str_has_prefix (field, "sources"))
        renamed = g_strdup ("media");
    }
  else if (renamed == NULL &&
           (strcmp (field, "kind") == 0 || strcmp (field, "status") == 0 ||
            strcmp (field, "countries") == 0 || strcmp (field, "organizations") == 0 ||
            strcmp (field, "summary") == 0 || strcmp (field, "tags") == 0 ||
            g_str_has_prefix (field, "sources")))
    renamed = g_strconcat ("space_atlas.", field, NULL);

  if (renamed != NULL)
    {
      g_free (problem->field);
      problem->field = renamed;
    }
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const AtlasProblem *pa = *(AtlasProblem **) a;
  const AtlasProblem *pb = *(AtlasProblem **) b;

  return (pa->record > pb->record) - (pa->record < pb->record);
}

static void add_format_problem (GPtrArray  *problems,
                                const char *field,
                                const char *format,
                                ...) G_GNUC_PRINTF (3, 4);

static void
add_format_problem (GPtrArray  *problems,
                    const char *field,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, _atlas_import_problem_new (ATLAS_PROBLEM_FORMAT, 0, field, message));
}

/**
 * atlas_timelinejs_import:
 * @bytes: a TimelineJS JSON file
 * @default_countries: (nullable) (array zero-terminated=1): the partner
 *   countries to give events that name none (a TimelineJS file not
 *   written by Space Atlas names none); %NULL to report each such event
 *   as a problem
 * @taken_ids: (nullable) (element-type utf8 any): ids in use in the data
 *   set, as keys: ids made up for events without a unique_id avoid them
 * @records: (out) (transfer full) (element-type AtlasPartnership): the
 *   records of the events without problems, in the file's order
 * @extra: (out) (optional) (transfer full) (nullable): the data set's
 *   unknown members, when Space Atlas wrote the file
 * @problems: (out) (transfer full) (element-type AtlasProblem): what is
 *   wrong: problems of kind %ATLAS_PROBLEM_SYNTAX or
 *   %ATLAS_PROBLEM_FORMAT when nothing can be imported, else the events'
 *   problems, each with the event's number (from 1)
 *
 * Makes a record of each event, as the data file reader would read it,
 * with the same rules and messages; see the top of this file for the
 * mapping.  An event with a problem is not imported: the caller asks
 * the user before importing the others.
 *
 * Returns: %FALSE when nothing can be imported; %TRUE otherwise, even
 *   when some events have problems
 */
gboolean
atlas_timelinejs_import (GBytes              *bytes,
                         const char * const  *default_countries,
                         GHashTable          *taken_ids,
                         GPtrArray          **records,
                         JsonObject         **extra,
                         GPtrArray          **problems)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GArray) kinds = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *document, *space_atlas;
  JsonNode *events_node;
  JsonArray *events;
  gboolean ok = FALSE;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (extra != NULL)
    *extra = NULL;

  root = _atlas_format_parse_json (bytes, found);
  if (root == NULL)
    goto out;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      add_format_problem (found, NULL, _("this is not a TimelineJS file: it holds %s, not an "
                                         "object with “events”"),
                          _atlas_format_describe_node (root));
      goto out;
    }

  document = json_node_get_object (root);
  events_node = json_object_get_member (document, "events");
  if (events_node == NULL || !JSON_NODE_HOLDS_ARRAY (events_node))
    {
      add_format_problem (found, "events",
                          events_node == NULL
                          ? _("this is not a TimelineJS file: it has no list of “events”")
                          : _("must be a list of events"));
      goto out;
    }

  events = json_node_get_array (events_node);
  objects = g_ptr_array_new_full (json_array_get_length (events), (GDestroyNotify) json_object_unref);
  kinds = g_array_sized_new (FALSE, TRUE, sizeof (EventKind), json_array_get_length (events));
  g_array_set_size (kinds, json_array_get_length (events));

  /* Every event's JSON first, so that ids are given knowing them all */
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      EventContext ctx = { i + 1, found, NULL };
      JsonObject *object = build_record (&ctx, json_array_get_element (events, i),
                                         default_countries,
                                         &g_array_index (kinds, EventKind, i));

      /* Not an object: a placeholder, never read */
      g_ptr_array_add (objects, object ? object : json_object_new ());
    }

  _atlas_import_normalize_ids (objects, taken_ids);

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(AtlasPartnership) record = NULL;
      EventKind kind = g_array_index (kinds, EventKind, i);
      gboolean event_plain = kind == EVENT_PLAIN;
      const char *id = json_object_get_string_member_with_default (object, "id", NULL);
      guint first = found->len;
      gboolean earlier = FALSE;

      if (kind == EVENT_UNREADABLE)
        continue;

      /* Problems found while building it */
      for (guint p = 0; p < first; p++)
        {
          AtlasProblem *problem = g_ptr_array_index (found, p);

          if (problem->record != (int) i + 1)
            continue;

          earlier = TRUE;
          if (problem->record_id == NULL)
            problem->record_id = g_strdup (id);
        }

      node = json_node_init_object (json_node_alloc (), object);
      record = _atlas_format_read_record (node, i + 1, ids, found);

      for (guint p = first; p < found->len; p++)
        {
          AtlasProblem *problem = g_ptr_array_index (found, p);

          /* A date already reported as unreadable is not reported again */
          if (earlier && (g_strcmp0 (problem->field, "start") == 0 ||
                          g_strcmp0 (problem->field, "end") == 0))
            {
              g_ptr_array_remove_index (found, p--);
              continue;
            }

          if (event_plain && g_strcmp0 (problem->field, "countries") == 0 &&
              (default_countries == NULL || default_countries[0] == NULL))
            {
              g_free (problem->message);
              problem->message = g_strdup (_("TimelineJS events name no partner countries; "
                                             "choose the countries to give them"));
            }

          if (problem->record_id == NULL)
            problem->record_id = g_strdup (id);
          rename_field (problem, event_plain);
        }

      if (record != NULL && !earlier && found->len == first)
        g_ptr_array_add (imported, g_steal_pointer (&record));
    }

  /* Event by event */
  g_ptr_array_sort (found, compare_problems);

  space_atlas = get_object (document, "space_atlas");
  if (extra != NULL && get_object (space_atlas, "extra") != NULL)
    {
      *extra = json_object_ref (get_object (space_atlas, "extra"));
      json_object_seal (*extra);
    }

  ok = TRUE;

out:
  *records = g_steal_pointer (&imported);
  *problems = g_steal_pointer (&found);
  return ok;
}

/* Writing */

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

static JsonNode *
date_node (const AtlasDate *date)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "year", date->year);
  if (date->precision >= ATLAS_DATE_PRECISION_MONTH)
    json_object_set_int_member (object, "month", date->month);
  if (date->precision >= ATLAS_DATE_PRECISION_DAY)
    json_object_set_int_member (object, "day", date->day);

  return object_node (object);
}

static JsonArray *
strv_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

static void
set_nullable_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonArray *
sources_array (GPtrArray *sources)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);
      JsonObject *object = json_object_new ();
      g_autoptr(GList) members = NULL;

      json_object_set_string_member (object, "title", source->title ? source->title : "");
      set_nullable_string (object, "document", source->document);
      set_nullable_string (object, "url", source->url);

      if (source->extra != NULL)
        members = json_object_get_members (source->extra);
      for (const GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (source->extra, l->data)));

      json_array_add_object_element (array, object);
    }

  return array;
}

/* The text people read: the summary, then who and where from */
static char *
event_text (AtlasPartnership *record)
{
  const char * const *countries = atlas_partnership_get_countries (record);
  const char * const *organizations = atlas_partnership_get_organizations (record);
  const char *summary = atlas_partnership_get_summary (record);
  GPtrArray *sources = atlas_partnership_get_sources (record);
  GString *out = g_string_new (NULL);

  if (summary != NULL && *summary != '\0')
    {
      g_string_append (out, "<p>");
      append_escaped (out, summary);
      g_string_append (out, "</p>");
    }

  if (countries != NULL && countries[0] != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *line = NULL;

      /* Short names: "USSR", not "USSR, Union of Soviet Socialist
       * Republics", whose comma would read as two partners */
      for (guint i = 0; countries[i] != NULL; i++)
        {
          const char *name = atlas_countries_get_short_name (countries[i]);

          if (i > 0)
            g_string_append (names, _(", "));
          g_string_append (names, name ? name : countries[i]);
        }
      line = g_strdup_printf (_("Partners: %s"), names->str);

      g_string_append (out, "<p>");
      append_escaped (out, line);
      g_string_append (out, "</p>");
    }

  if (organizations != NULL && organizations[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (_(", "), (char **) organizations);
      g_autofree char *line = g_strdup_printf (_("Organizations: %s"), names);

      g_string_append (out, "<p>");
      append_escaped (out, line);
      g_string_append (out, "</p>");
    }

  if (sources->len > 0)
    {
      g_string_append (out, "<p>");
      append_escaped (out, _("Sources:"));
      for (guint i = 0; i < sources->len; i++)
        {
          AtlasSource *source = g_ptr_array_index (sources, i);

          g_string_append (out, i == 0 ? " " : "; ");
          if (source->url != NULL)
            {
              g_string_append (out, "<a href=\"");
              append_escaped (out, source->url);
              g_string_append (out, "\">");
              append_escaped (out, source->title);
              g_string_append (out, "</a>");
            }
          else
            append_escaped (out, source->title);
        }
      g_string_append (out, "</p>");
    }

  return g_string_free (out, FALSE);
}

static JsonNode *
event_node (AtlasPartnership *record)
{
  JsonObject *event = json_object_new ();
  JsonObject *text = json_object_new ();
  JsonObject *space_atlas = json_object_new ();
  JsonObject *extra = atlas_partnership_get_extra (record);
  JsonObject *kept = get_object (extra, TIMELINEJS_MEMBER);
  JsonObject *unknown = json_object_new ();
  const char *title = atlas_partnership_get_title (record);
  g_autofree char *headline = escape_html (title);
  g_autofree char *headline_text = atlas_timelinejs_html_to_text (headline);
  g_autofree char *body = event_text (record);
  g_autoptr(GList) members = NULL;
  AtlasKind kind = atlas_partnership_get_kind (record);
  const char *group = get_string (kept, "group");

  json_object_set_string_member (event, "unique_id", atlas_partnership_get_id (record));
  json_object_set_member (event, "start_date", date_node (atlas_partnership_get_start (record)));
  if (atlas_date_is_set (atlas_partnership_get_end (record)))
    json_object_set_member (event, "end_date", date_node (atlas_partnership_get_end (record)));

  json_object_set_string_member (text, "headline", headline);
  json_object_set_string_member (text, "text", body);
  json_object_set_object_member (event, "text", text);
  json_object_set_string_member (event, "group", group ? group : atlas_kind_get_label (kind));

  /* Back in their place: what a TimelineJS file had that Space Atlas
   * does not use */
  if (kept != NULL)
    members = json_object_get_members (kept);
  for (const GList *l = members; l != NULL; l = l->next)
    if (!is_member_of (l->data, event_members, G_N_ELEMENTS (event_members)))
      json_object_set_member (event, l->data, json_node_copy (json_object_get_member (kept, l->data)));
  g_clear_pointer (&members, g_list_free);

  /* The rest, for Space Atlas to read back */
  if (g_strcmp0 (headline_text, title) != 0)
    json_object_set_string_member (space_atlas, "title", title);
  json_object_set_string_member (space_atlas, "kind", atlas_kind_to_string (kind));
  json_object_set_string_member (space_atlas, "status",
                                 atlas_status_to_string (atlas_partnership_get_status (record)));
  json_object_set_array_member (space_atlas, "countries",
                                strv_array (atlas_partnership_get_countries (record)));
  json_object_set_array_member (space_atlas, "organizations",
                                strv_array (atlas_partnership_get_organizations (record)));
  json_object_set_string_member (space_atlas, "summary", atlas_partnership_get_summary (record));
  json_object_set_array_member (space_atlas, "sources",
                                sources_array (atlas_partnership_get_sources (record)));
  json_object_set_array_member (space_atlas, "tags",
                                strv_array (atlas_partnership_get_tags (record)));

  if (extra != NULL)
    members = json_object_get_members (extra);
  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (unknown, l->data, json_node_copy (json_object_get_member (extra, l->data)));
  if (json_object_get_size (unknown) > 0)
    json_object_set_object_member (space_atlas, "extra", json_object_ref (unknown));
  json_object_unref (unknown);

  json_object_set_object_member (event, "space_atlas", space_atlas);

  return object_node (event);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return atlas_partnership_compare (*(AtlasPartnership **) a, *(AtlasPartnership **) b);
}

/**
 * atlas_timelinejs_export:
 * @records: (element-type AtlasPartnership): the records, in any order
 * @extra: (nullable): the data set's members Space Atlas does not know
 * @title: (nullable): the headline of the timeline's title slide; %NULL
 *   for none
 *
 * Writes @records as a TimelineJS file, one event each, sorted as in a
 * data file, for TimelineJS to show on the web; see the top of this
 * file for the mapping.  atlas_timelinejs_import() reads it back to the
 * same records.
 *
 * Returns: (transfer full): the file, in the data file's JSON layout
 */
GBytes *
atlas_timelinejs_export (GPtrArray  *records,
                         JsonObject *extra,
                         const char *title)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *document = json_object_new ();
  JsonObject *space_atlas = json_object_new ();
  JsonArray *events;
  GString *out;

  g_return_val_if_fail (records != NULL, NULL);

  sorted = g_ptr_array_sized_new (records->len);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (records, i));
  g_ptr_array_sort (sorted, compare_records);

  if (title != NULL)
    {
      JsonObject *slide = json_object_new ();
      JsonObject *text = json_object_new ();
      g_autofree char *headline = escape_html (title);

      json_object_set_string_member (text, "headline", headline);
      json_object_set_object_member (slide, "text", text);
      json_object_set_object_member (document, "title", slide);
    }

  events = json_array_sized_new (sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    json_array_add_element (events, event_node (g_ptr_array_index (sorted, i)));
  json_object_set_array_member (document, "events", events);

  json_object_set_string_member (space_atlas, "format", ATLAS_FORMAT_NAME);
  json_object_set_int_member (space_atlas, "version", ATLAS_FORMAT_VERSION);
  if (extra != NULL && json_object_get_size (extra) > 0)
    json_object_set_object_member (space_atlas, "extra", json_object_ref (extra));
  json_object_set_object_member (document, "space_atlas", space_atlas);

  root = object_node (document);

  out = g_string_sized_new (1024 + 2048 * sorted->len);
  atlas_format_append_json (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}
