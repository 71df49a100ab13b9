/* atlas-json-syntax.c — a strict JSON tokenizer with exact locations
 *
 * JsonParser reports syntax errors with the location of the token after
 * the one at fault and names that token, which misleads ("unexpected
 * string constant "A"" for a missing comma after "A").  This tokenizer
 * says what was expected where.  It is a pull tokenizer: the data file
 * reader builds records straight from its tokens, without a document
 * tree, and atlas_json_check_syntax() runs it to the end before
 * JsonParser reads what the importers read.  One pass over the bytes,
 * no allocation but a small stack, no recursion, so any depth of
 * nesting is safe.  It accepts exactly RFC 8259 JSON, less escaped
 * halves of surrogate pairs that come without their other half (they
 * are no character, and JsonParser would make invalid UTF-8 of them);
 * the input must already be valid UTF-8.
 *
 * It reads text in memory, or text that a function gives it a chunk at
 * a time (atlas_json_scanner_init_reader()): then it holds a window of
 * the text, from the start of the current token on, and reads more
 * when a token goes past its end, so that a big file is never all in
 * memory.  Offsets outside are counted from the start of the text;
 * inside, from the start of the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-json-syntax"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-json-syntax.h"

#define WINDOW_SIZE (1 << 20)

static gboolean refill (AtlasJsonScanner *s,
                        gsize             n);

/* Whether @n bytes from the current position are there, reading more
 * when the text comes in chunks; FALSE only at the end of the text */
static inline gboolean
have (AtlasJsonScanner *s,
      gsize             n)
{
  return s->length - s->pos >= n || (!s->eof && refill (s, n));
}

static gboolean fail (AtlasJsonScanner *s,
                      gsize             offset,
                      const char       *format,
                      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (AtlasJsonScanner *s,
      gsize             offset,
      const char       *format,
      ...)
{
  va_list args;

  va_start (args, format);
  s->error_offset = s->base + offset;
  s->message = g_strdup_vprintf (format, args);
  va_end (args);

  return FALSE;
}

/* What stands at @offset, for a message: “x”, or "the end of the file".
 * The text ends with whole characters: there is all of it. */
static char *
describe_at (AtlasJsonScanner *s,
             gsize             offset)
{
  gunichar c;

  if (offset >= s->length)
    return g_strdup (_("the end of the file"));

  c = g_utf8_get_char (s->data + offset);
  if (c == '\n' || c == '\r')
    return g_strdup (_("the end of the line"));
  if (c < 0x20)
    return g_strdup_printf (_("the control character U+%04X"), c);
  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (s->data + offset) - (s->data + offset)),
                          s->data + offset);
}

/* Skips white space; with @between_tokens, what it skips need not be
 * kept in the window */
static void
skip_space (AtlasJsonScanner *s,
            gboolean          between_tokens)
{
  do
    {
      while (s->pos < s->length)
        {
          char c = s->data[s->pos];

          if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
          s->pos++;
        }

      if (between_tokens)
        s->keep = s->pos;
    }
  while (have (s, 1));
}

/* Whether the 4 bytes @skip bytes after the current position are
 * hexadecimal digits */
static gboolean
is_hex4 (AtlasJsonScanner *s,
         gsize             skip)
{
  if (!have (s, skip + 4))
    return FALSE;

  for (int i = 0; i < 4; i++)
    if (!g_ascii_isxdigit (s->data[s->pos + skip + i]))
      return FALSE;
  return TRUE;
}

/* A string from the current position, which is its token's start */
static gboolean
scan_string (AtlasJsonScanner *s)
{
  s->pos++; /* the opening quote */
  s->token_escaped = FALSE;

  while (have (s, 1))
    {
      guchar c = s->data[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }

      if (c < 0x20)
        {
          g_autofree char *what = describe_at (s, s->pos);
          return fail (s, s->pos, _("a string cannot contain %s; write it as an escape such as \\n"),
                       what);
        }

      if (c == '\\')
        {
          char e = have (s, 2) ? s->data[s->pos + 1] : '\0';

          s->token_escaped = TRUE;

          if (e == 'u')
            {
              gunichar u;

              if (!is_hex4 (s, 2))
                return fail (s, s->pos, _("“\\u” must be followed by four hexadecimal digits"));

              /* A character beyond U+FFFF is a pair of escapes; half of
               * one is no character, and would become invalid UTF-8 */
              u = 0;
              for (int i = 0; i < 4; i++)
                u = (u << 4) | g_ascii_xdigit_value (s->data[s->pos + 2 + i]);

              if (u >= 0xD800 && u <= 0xDBFF)
                {
                  gunichar low = 0;

                  if (have (s, 8) && s->data[s->pos + 6] == '\\' &&
                      s->data[s->pos + 7] == 'u' && is_hex4 (s, 8))
                    for (int i = 0; i < 4; i++)
                      low = (low << 4) | g_ascii_xdigit_value (s->data[s->pos + 8 + i]);

                  if (low < 0xDC00 || low > 0xDFFF)
                    return fail (s, s->pos, _("“\\u%.4s” is half of a surrogate pair, without "
                                              "the other half"), s->data + s->pos + 2);
                  s->pos += 12;
                  continue;
                }

              if (u >= 0xDC00 && u <= 0xDFFF)
                return fail (s, s->pos, _("“\\u%.4s” is half of a surrogate pair, without "
                                          "the other half"), s->data + s->pos + 2);
              s->pos += 6;
              continue;
            }

          if (e == '\0' || strchr ("\"\\/bfnrt", e) == NULL)
            return fail (s, s->pos, _("“\\%c” is not an escape JSON knows; write a backslash as \\\\"),
                         e ? e : ' ');

          s->pos += 2;
          continue;
        }

      s->pos++;
    }

  return fail (s, s->token_start, _("this string has no closing quote"));
}

static gboolean
scan_digits (AtlasJsonScanner *s)
{
  gsize n = 0;

  /* Counted, not compared with a position: reading more moves them */
  while (have (s, 1) && g_ascii_isdigit (s->data[s->pos]))
    {
      s->pos++;
      n++;
    }

  return n > 0;
}

/* A number from the current position, which is its token's start */
static gboolean
scan_number (AtlasJsonScanner *s)
{
  if (s->data[s->pos] == '-')
    s->pos++;

  if (have (s, 1) && s->data[s->pos] == '0')
    {
      s->pos++;
      if (have (s, 1) && g_ascii_isdigit (s->data[s->pos]))
        return fail (s, s->token_start, _("a number cannot start with 0"));
    }
  else if (!scan_digits (s))
    return fail (s, s->token_start, _("“-” must be followed by digits"));

  if (have (s, 1) && s->data[s->pos] == '.')
    {
      s->pos++;
      if (!scan_digits (s))
        return fail (s, s->token_start, _("a decimal point must be followed by digits"));
    }

  if (have (s, 1) && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      s->pos++;
      if (have (s, 1) && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (!scan_digits (s))
        return fail (s, s->token_start, _("an exponent must have digits"));
    }

  return TRUE;
}

static gboolean
scan_literal (AtlasJsonScanner *s)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize len = strlen (literals[i]);

      if (have (s, len) && memcmp (s->data + s->pos, literals[i], len) == 0 &&
          (!have (s, len + 1) || !g_ascii_isalnum (s->data[s->pos + len])))
        {
          s->pos += len;
          return TRUE;
        }
    }

  return FALSE;
}

enum
{
  STATE_VALUE,         /* a value must come */
  STATE_FIRST_VALUE,   /* a value or, just after '[', the ']' */
  STATE_KEY,           /* a member name must come */
  STATE_FIRST_KEY,     /* a member name or, just after '{', the '}' */
  STATE_AFTER_VALUE,   /* ',' or the end of the container */
  STATE_DONE,          /* the end was returned */
  STATE_ERROR,         /* an error was returned */
};

/**
 * atlas_json_scanner_init:
 * @data: UTF-8 text, which the scanner does not copy
 * @max_depth: how deeply arrays and objects may nest
 *
 * Prepares @scanner to read the one JSON value in @data.
 */
void
atlas_json_scanner_init (AtlasJsonScanner *s,
                         const char       *data,
                         gsize             length,
                         guint             max_depth)
{
  *s = (AtlasJsonScanner) { 0 };
  s->data = data;
  s->length = length;
  s->eof = TRUE;
  s->line = 1;
  s->max_depth = max_depth;
  s->state = STATE_VALUE;
  s->stack = g_byte_array_new ();
}

/**
 * atlas_json_scanner_init_reader:
 * @read: (scope call): gives the text a chunk at a time
 * @read_data: data for @read
 * @max_depth: how deeply arrays and objects may nest
 *
 * Prepares @scanner to read the one JSON value in the text that @read
 * gives, which must be valid UTF-8 and end each chunk with a whole
 * character.  When @read returns 0 or less the text ends there.  The
 * scanner holds in memory a window of the text about a chunk long, or
 * as long as the longest token.
 */
void
atlas_json_scanner_init_reader (AtlasJsonScanner  *s,
                                AtlasJsonReadFunc  read,
                                gpointer           read_data,
                                guint              max_depth)
{
  atlas_json_scanner_init (s, NULL, 0, max_depth);
  s->eof = FALSE;
  s->read = read;
  s->read_data = read_data;
}

void
atlas_json_scanner_clear (AtlasJsonScanner *s)
{
  g_clear_pointer (&s->stack, g_byte_array_unref);
  g_clear_pointer (&s->message, g_free);
  g_clear_pointer (&s->buffer, g_free);
  s->data = NULL;
}

/* How many of the @n bytes at @data are @byte, eight at a time */
static gsize
count_byte (const char *data,
            gsize       n,
            char        byte)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = ones << 7;
  const guint64 pattern = ones * (guchar) byte;
  gsize count = 0, i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      word ^= pattern; /* a zero byte where @byte was */
      count += __builtin_popcountll (~(((word & ~high) + ~high) | word) & high);
    }

  for (; i < n; i++)
    count += data[i] == byte;

  return count;
}

/* How many characters the @n bytes of UTF-8 at @data are: the bytes that
 * do not continue a character */
static gsize
count_chars (const char *data,
             gsize       n)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize continuing = 0, i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      continuing += __builtin_popcountll (word & ~(word << 1) & high); /* 10xxxxxx */
    }

  for (; i < n; i++)
    continuing += ((guchar) data[i] & 0xC0) == 0x80;

  return n - continuing;
}

/* The line (from 1) at @offset bytes into the window, and how many
 * characters of it come before; from those at the window's start */
static void
locate_in_window (AtlasJsonScanner *s,
                  gsize             offset,
                  gsize            *line,
                  gsize            *column)
{
  gsize lines = count_byte (s->data, offset, '\n');
  gsize line_start = offset;

  if (lines == 0)
    {
      *line = s->line;
      *column = s->column + count_chars (s->data, offset);
      return;
    }

  while (s->data[line_start - 1] != '\n')
    line_start--;
  *line = s->line + lines;
  *column = count_chars (s->data + line_start, offset - line_start);
}

/* Reads more text into the window, dropping what is no longer needed,
 * until @n bytes from the current position are there or the text ends */
static gboolean
refill (AtlasJsonScanner *s,
        gsize             n)
{
  while (s->length - s->pos < n && !s->eof)
    {
      gsize drop = MIN (s->keep, s->pos);
      gsize left, room;
      gssize n_read;

      if (s->read == NULL)
        {
          s->eof = TRUE;
          break;
        }

      /* What the window held before @drop goes: count its lines */
      left = s->length - drop;
      if (drop > 0)
        {
          locate_in_window (s, drop, &s->line, &s->column);
          memmove (s->buffer, s->buffer + drop, left);
          s->base += drop;
          s->length = left;
          s->pos -= drop;
          s->keep -= drop;
          s->token_start = s->token_start > drop ? s->token_start - drop : 0;
          s->token_end = s->token_end > drop ? s->token_end - drop : 0;
        }

      /* A chunk's room, more for a long token, less after one */
      room = MAX (WINDOW_SIZE, 2 * left);
      if (s->capacity < room || (s->capacity > WINDOW_SIZE && s->capacity > 2 * room))
        {
          s->capacity = room;
          s->buffer = g_realloc (s->buffer, s->capacity);
        }
      s->data = s->buffer;

      n_read = s->read (s->buffer + s->length, s->capacity - s->length, s->read_data);
      if (n_read <= 0)
        s->eof = TRUE;
      else
        s->length += n_read;
    }

  return s->length - s->pos >= n;
}

/**
 * atlas_json_scanner_read_to_end:
 *
 * Reads the rest of the text without looking at it, as far as the
 * function given to atlas_json_scanner_init_reader() gives it: for a
 * caller that must see all of the text, after an error.  Then the
 * scanner gives no more tokens.
 */
void
atlas_json_scanner_read_to_end (AtlasJsonScanner *s)
{
  if (s->state != STATE_ERROR)
    s->state = STATE_DONE;

  while (!s->eof)
    {
      s->pos = s->keep = s->length;
      refill (s, 1);
    }
}

/**
 * atlas_json_scanner_locate:
 * @offset: a byte offset into the text, from that of the current token
 *   (or of an error) to the end of what was read
 * @line: (out): the line, from 1
 * @column: (out): the column, from 1, counted in characters
 *
 * Like atlas_json_locate(), for text read in chunks too.
 */
void
atlas_json_scanner_locate (AtlasJsonScanner *s,
                           gsize             offset,
                           int              *line,
                           int              *column)
{
  gsize at_line, at_column;

  g_return_if_fail (offset >= s->base);

  locate_in_window (s, MIN (offset - s->base, s->length), &at_line, &at_column);
  *line = MIN (at_line, G_MAXINT);
  *column = MIN (at_column + 1, G_MAXINT);
}

static AtlasJsonToken
pop (AtlasJsonScanner *s)
{
  char open = s->stack->data[s->stack->len - 1];

  g_byte_array_set_size (s->stack, s->stack->len - 1);
  s->state = STATE_AFTER_VALUE;
  return open == '[' ? ATLAS_JSON_TOKEN_END_ARRAY : ATLAS_JSON_TOKEN_END_OBJECT;
}

/**
 * atlas_json_scanner_next:
 *
 * Reads the next token.  After %ATLAS_JSON_TOKEN_END or
 * %ATLAS_JSON_TOKEN_ERROR it returns the same again.  What it returns
 * before an error is correct JSON up to there: a caller that builds
 * something from the tokens throws it away on an error.
 *
 * Returns: the token
 */
AtlasJsonToken
atlas_json_scanner_next (AtlasJsonScanner *s)
{
  if (s->state == STATE_DONE)
    return ATLAS_JSON_TOKEN_END;
  if (s->state == STATE_ERROR)
    return ATLAS_JSON_TOKEN_ERROR;

  /* The last token is no longer needed */
  s->token_start = s->token_end = s->keep = s->pos;

  for (;;)
    {
      GByteArray *stack = s->stack;
      char c;

      skip_space (s, TRUE);
      c = s->pos < s->length ? s->data[s->pos] : '\0';

      if (s->state == STATE_AFTER_VALUE)
        {
          if (stack->len == 0)
            {
              if (s->pos < s->length)
                {
                  g_autofree char *what = describe_at (s, s->pos);
                  fail (s, s->pos, _("expected the end of the file after the data, found %s"), what);
                  break;
                }
              s->state = STATE_DONE;
              return ATLAS_JSON_TOKEN_END;
            }

          if (c == ',')
            {
              s->pos++;
              s->state = stack->data[stack->len - 1] == '[' ? STATE_VALUE : STATE_KEY;
            }
          else if (c == stack->data[stack->len - 1] + 2) /* '[' + 2 == ']', '{' + 2 == '}' */
            {
              s->pos++;
              return pop (s);
            }
          else
            {
              g_autofree char *what = describe_at (s, s->pos);

              if (stack->data[stack->len - 1] == '[')
                fail (s, s->pos, _("expected “,” or “]” after an item of a list, found %s"), what);
              else
                fail (s, s->pos, _("expected “,” or “}” after a member of an object, found %s"), what);
              break;
            }
          continue;
        }

      if (s->state == STATE_KEY || s->state == STATE_FIRST_KEY)
        {
          if (s->state == STATE_FIRST_KEY && c == '}')
            {
              s->pos++;
              return pop (s);
            }

          if (c != '"')
            {
              g_autofree char *what = describe_at (s, s->pos);

              if (c == '}')
                fail (s, s->pos, _("an object cannot end with a comma"));
              else
                fail (s, s->pos, _("expected a member name in double quotes, found %s"), what);
              break;
            }

          s->token_start = s->keep = s->pos;
          if (!scan_string (s))
            break;
          s->token_end = s->pos;

          skip_space (s, FALSE);
          if (s->pos >= s->length || s->data[s->pos] != ':')
            {
              g_autofree char *what = describe_at (s, s->pos);
              fail (s, s->pos, _("expected “:” after a member name, found %s"), what);
              break;
            }
          s->pos++;
          s->state = STATE_VALUE;
          return ATLAS_JSON_TOKEN_MEMBER;
        }

      /* STATE_VALUE or STATE_FIRST_VALUE */
      if (s->state == STATE_FIRST_VALUE && c == ']')
        {
          s->pos++;
          return pop (s);
        }

      s->token_start = s->keep = s->pos;

      if (c == '{' || c == '[')
        {
          if (stack->len >= s->max_depth)
            {
              fail (s, s->pos, _("the data is nested more than %u levels deep"), s->max_depth);
              break;
            }
          g_byte_array_append (stack, (const guint8 *) &c, 1);
          s->pos++;
          s->token_end = s->pos;
          s->state = c == '{' ? STATE_FIRST_KEY : STATE_FIRST_VALUE;
          return c == '{' ? ATLAS_JSON_TOKEN_BEGIN_OBJECT : ATLAS_JSON_TOKEN_BEGIN_ARRAY;
        }

      if (c == '"')
        {
          if (!scan_string (s))
            break;
          s->token_end = s->pos;
          s->state = STATE_AFTER_VALUE;
          return ATLAS_JSON_TOKEN_STRING;
        }

      if (c == '-' || g_ascii_isdigit (c))
        {
          if (!scan_number (s))
            break;
          s->token_end = s->pos;
          s->state = STATE_AFTER_VALUE;
          return ATLAS_JSON_TOKEN_NUMBER;
        }

      if (scan_literal (s))
        {
          s->token_end = s->pos;
          s->state = STATE_AFTER_VALUE;
          return c == 't' ? ATLAS_JSON_TOKEN_TRUE
                          : c == 'f' ? ATLAS_JSON_TOKEN_FALSE : ATLAS_JSON_TOKEN_NULL;
        }

      {
        g_autofree char *what = describe_at (s, s->pos);

        if (c == ']' && stack->len > 0)
          fail (s, s->pos, _("a list cannot end with a comma"));
        else if (c == '\'')
          fail (s, s->pos, _("strings must be in double quotes, not single quotes"));
        else
          fail (s, s->pos, _("expected a value (a string, number, object, list, true, "
                             "false or null), found %s"), what);
      }
      break;
    }

  s->state = STATE_ERROR;
  return ATLAS_JSON_TOKEN_ERROR;
}

/**
 * atlas_json_scanner_skip:
 * @token: the token just read, which starts a value
 *
 * Reads the rest of the value that @token starts: up to the end of its
 * container for %ATLAS_JSON_TOKEN_BEGIN_OBJECT and
 * %ATLAS_JSON_TOKEN_BEGIN_ARRAY, nothing for others.
 *
 * Returns: %FALSE on a syntax error
 */
gboolean
atlas_json_scanner_skip (AtlasJsonScanner *s,
                         AtlasJsonToken    token)
{
  guint depth;

  if (token == ATLAS_JSON_TOKEN_ERROR)
    return FALSE;
  if (token != ATLAS_JSON_TOKEN_BEGIN_OBJECT && token != ATLAS_JSON_TOKEN_BEGIN_ARRAY)
    return TRUE;

  depth = s->stack->len;
  while (s->stack->len >= depth)
    if (atlas_json_scanner_next (s) == ATLAS_JSON_TOKEN_ERROR)
      return FALSE;

  return TRUE;
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return c - 'A' + 10;
}

static gunichar
read_hex4 (const char *p)
{
  return (hex_value (p[0]) << 12) | (hex_value (p[1]) << 8) | (hex_value (p[2]) << 4) | hex_value (p[3]);
}

/**
 * atlas_json_scanner_dup_string:
 *
 * The current %ATLAS_JSON_TOKEN_STRING or %ATLAS_JSON_TOKEN_MEMBER,
 * unescaped.  As with JsonParser, a string with an escaped NUL
 * (“\u0000”) ends there.
 *
 * Returns: (transfer full): the text
 */
char *
atlas_json_scanner_dup_string (AtlasJsonScanner *s)
{
  const char *p = s->data + s->token_start + 1;
  const char *end = s->data + s->token_end - 1;
  char *text, *out;

  if (!s->token_escaped)
    return g_strndup (p, end - p);

  /* Unescaped text is never longer than its escaped form */
  out = text = g_malloc (end - p + 1);
  while (p < end)
    {
      const char *backslash = memchr (p, '\\', end - p);
      gunichar c;

      if (backslash == NULL)
        backslash = end;
      memcpy (out, p, backslash - p);
      out += backslash - p;
      p = backslash;
      if (p >= end)
        break;

      switch (p[1])
        {
        case 'b': *out++ = '\b'; p += 2; break;
        case 'f': *out++ = '\f'; p += 2; break;
        case 'n': *out++ = '\n'; p += 2; break;
        case 'r': *out++ = '\r'; p += 2; break;
        case 't': *out++ = '\t'; p += 2; break;
        case 'u':
          c = read_hex4 (p + 2);
          p += 6;
          /* The scanner let only whole surrogate pairs through */
          if (c >= 0xD800 && c <= 0xDBFF)
            {
              c = 0x10000 + ((c - 0xD800) << 10) + (read_hex4 (p + 2) - 0xDC00);
              p += 6;
            }
          out += g_unichar_to_utf8 (c, out);
          break;
        default: /* '"', '\\' and '/' stand for themselves */
          *out++ = p[1];
          p += 2;
          break;
        }
    }
  *out = '\0';

  return text;
}

/**
 * atlas_json_scanner_string_equal:
 *
 * Returns: whether the current string or member name, unescaped, is @text
 */
gboolean
atlas_json_scanner_string_equal (AtlasJsonScanner *s,
                                 const char       *text)
{
  gsize length = s->token_end - s->token_start - 2;
  g_autofree char *unescaped = NULL;

  if (!s->token_escaped)
    return strlen (text) == length && memcmp (s->data + s->token_start + 1, text, length) == 0;

  unescaped = atlas_json_scanner_dup_string (s);
  return strcmp (unescaped, text) == 0;
}

/**
 * atlas_json_scanner_get_token:
 * @length: (out): its length in bytes
 *
 * Returns: the current token's text as it is in the data (a string with
 *   its quotes and escapes)
 */
const char *
atlas_json_scanner_get_token (AtlasJsonScanner *s,
                              gsize            *length)
{
  *length = s->token_end - s->token_start;
  return s->data + s->token_start;
}

/**
 * atlas_json_scanner_get_offset:
 *
 * Returns: how many bytes the scanner has read
 */
gsize
atlas_json_scanner_get_offset (AtlasJsonScanner *s)
{
  return s->base + s->pos;
}

/**
 * atlas_json_scanner_get_error:
 * @offset: (out) (optional): the byte offset of the problem
 *
 * Returns: (nullable): after %ATLAS_JSON_TOKEN_ERROR, what is wrong
 */
const char *
atlas_json_scanner_get_error (AtlasJsonScanner *s,
                              gsize            *offset)
{
  if (offset != NULL)
    *offset = s->error_offset;
  return s->message;
}

/**
 * atlas_json_check_syntax:
 * @data: UTF-8 text
 * @max_depth: how deeply arrays and objects may nest
 * @error_offset: (out): on failure, the byte offset of the problem
 * @message: (out) (transfer full): on failure, what is wrong there
 *
 * Returns: whether @data is one JSON value, and nothing else
 */
gboolean
atlas_json_check_syntax (const char  *data,
                         gsize        length,
                         guint        max_depth,
                         gsize       *error_offset,
                         char       **message)
{
  AtlasJsonScanner s;
  AtlasJsonToken token;

  atlas_json_scanner_init (&s, data, length, max_depth);
  do
    token = atlas_json_scanner_next (&s);
  while (token != ATLAS_JSON_TOKEN_END && token != ATLAS_JSON_TOKEN_ERROR);

  if (token == ATLAS_JSON_TOKEN_ERROR)
    {
      if (error_offset != NULL)
        *error_offset = s.error_offset;
      if (message != NULL)
        *message = g_steal_pointer (&s.message);
    }

  atlas_json_scanner_clear (&s);
  return token == ATLAS_JSON_TOKEN_END;
}

/**
 * atlas_json_locate:
 * @offset: a byte offset into @data, which is valid UTF-8 up to there
 * @line: (out): the line, from 1
 * @column: (out): the column, from 1, counted in characters
 */
void
atlas_json_locate (const char *data,
                   gsize       offset,
                   int        *line,
                   int        *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = data + i + 1;
        }
    }

  *column = g_utf8_strlen (line_start, data + offset - line_start) + 1;
}
