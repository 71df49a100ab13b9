/* atlas-json-syntax.c — a strict JSON syntax check with exact locations
 *
 * JsonParser reports syntax errors with the location of the token after
 * the one at fault and names that token, which misleads ("unexpected
 * string constant "A"" for a missing comma after "A").  This checker runs
 * before it: one pass over the bytes, no allocation but a small stack,
 * no recursion, so any depth of nesting is safe to check, and messages
 * that say what was expected where.  It accepts exactly RFC 8259 JSON;
 * the input must already be valid UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-json-syntax"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-json-syntax.h"

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  gsize       error_offset;
  char       *message;
} Scanner;

typedef enum
{
  STATE_VALUE,         /* a value must come */
  STATE_FIRST_VALUE,   /* a value or, just after '[', the ']' */
  STATE_KEY,           /* a member name must come */
  STATE_FIRST_KEY,     /* a member name or, just after '{', the '}' */
  STATE_AFTER_VALUE,   /* ',' or the end of the container */
} State;

static gboolean fail (Scanner    *s,
                      gsize       offset,
                      const char *format,
                      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Scanner    *s,
      gsize       offset,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  s->error_offset = offset;
  s->message = g_strdup_vprintf (format, args);
  va_end (args);

  return FALSE;
}

/* What stands at @offset, for a message: “x”, or "the end of the file" */
static char *
describe_at (Scanner *s,
             gsize    offset)
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

static void
skip_space (Scanner *s)
{
  while (s->pos < s->length)
    {
      char c = s->data[s->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

static gboolean
scan_string (Scanner *s)
{
  gsize start = s->pos;

  s->pos++; /* the opening quote */

  while (s->pos < s->length)
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
          char e = s->pos + 1 < s->length ? s->data[s->pos + 1] : '\0';

          if (e == 'u')
            {
              for (int i = 0; i < 4; i++)
                if (s->pos + 2 + i >= s->length || !g_ascii_isxdigit (s->data[s->pos + 2 + i]))
                  return fail (s, s->pos, _("“\\u” must be followed by four hexadecimal digits"));
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

  return fail (s, start, _("this string has no closing quote"));
}

static gboolean
scan_digits (Scanner *s)
{
  gsize start = s->pos;

  while (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
    s->pos++;

  return s->pos > start;
}

static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos;

  if (s->data[s->pos] == '-')
    s->pos++;

  if (s->pos < s->length && s->data[s->pos] == '0')
    {
      s->pos++;
      if (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
        return fail (s, start, _("a number cannot start with 0"));
    }
  else if (!scan_digits (s))
    return fail (s, start, _("“-” must be followed by digits"));

  if (s->pos < s->length && s->data[s->pos] == '.')
    {
      s->pos++;
      if (!scan_digits (s))
        return fail (s, start, _("a decimal point must be followed by digits"));
    }

  if (s->pos < s->length && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      s->pos++;
      if (s->pos < s->length && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (!scan_digits (s))
        return fail (s, start, _("an exponent must have digits"));
    }

  return TRUE;
}

static gboolean
scan_literal (Scanner *s)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize len = strlen (literals[i]);

      if (s->length - s->pos >= len && memcmp (s->data + s->pos, literals[i], len) == 0 &&
          (s->pos + len == s->length || !g_ascii_isalnum (s->data[s->pos + len])))
        {
          s->pos += len;
          return TRUE;
        }
    }

  return FALSE;
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
  Scanner s = { data, length, 0, 0, NULL };
  g_autoptr(GByteArray) stack = g_byte_array_new ();
  State state = STATE_VALUE;
  gboolean ok = TRUE;

  for (;;)
    {
      char c;

      skip_space (&s);
      c = s.pos < s.length ? s.data[s.pos] : '\0';

      if (state == STATE_AFTER_VALUE)
        {
          if (stack->len == 0)
            {
              if (s.pos < s.length)
                {
                  g_autofree char *what = describe_at (&s, s.pos);
                  ok = fail (&s, s.pos, _("expected the end of the file after the data, found %s"), what);
                }
              break;
            }

          if (c == ',')
            {
              s.pos++;
              state = stack->data[stack->len - 1] == '[' ? STATE_VALUE : STATE_KEY;
            }
          else if (c == stack->data[stack->len - 1] + 2) /* '[' + 2 == ']', '{' + 2 == '}' */
            {
              s.pos++;
              g_byte_array_set_size (stack, stack->len - 1);
            }
          else
            {
              g_autofree char *what = describe_at (&s, s.pos);

              if (stack->data[stack->len - 1] == '[')
                ok = fail (&s, s.pos, _("expected “,” or “]” after an item of a list, found %s"), what);
              else
                ok = fail (&s, s.pos, _("expected “,” or “}” after a member of an object, found %s"), what);
              break;
            }
          continue;
        }

      if (state == STATE_KEY || state == STATE_FIRST_KEY)
        {
          if (state == STATE_FIRST_KEY && c == '}')
            {
              s.pos++;
              g_byte_array_set_size (stack, stack->len - 1);
              state = STATE_AFTER_VALUE;
              continue;
            }

          if (c != '"')
            {
              g_autofree char *what = describe_at (&s, s.pos);

              if (c == '}')
                ok = fail (&s, s.pos, _("an object cannot end with a comma"));
              else
                ok = fail (&s, s.pos, _("expected a member name in double quotes, found %s"), what);
              break;
            }

          if (!(ok = scan_string (&s)))
            break;

          skip_space (&s);
          if (s.pos >= s.length || s.data[s.pos] != ':')
            {
              g_autofree char *what = describe_at (&s, s.pos);
              ok = fail (&s, s.pos, _("expected “:” after a member name, found %s"), what);
              break;
            }
          s.pos++;
          state = STATE_VALUE;
          continue;
        }

      /* STATE_VALUE or STATE_FIRST_VALUE */
      if (state == STATE_FIRST_VALUE && c == ']')
        {
          s.pos++;
          g_byte_array_set_size (stack, stack->len - 1);
          state = STATE_AFTER_VALUE;
          continue;
        }

      if (c == '{' || c == '[')
        {
          if (stack->len >= max_depth)
            {
              ok = fail (&s, s.pos, _("the data is nested more than %u levels deep"), max_depth);
              break;
            }
          g_byte_array_append (stack, (const guint8 *) &c, 1);
          s.pos++;
          state = c == '{' ? STATE_FIRST_KEY : STATE_FIRST_VALUE;
          continue;
        }

      if (c == '"')
        ok = scan_string (&s);
      else if (c == '-' || g_ascii_isdigit (c))
        ok = scan_number (&s);
      else if (!scan_literal (&s))
        {
          g_autofree char *what = describe_at (&s, s.pos);

          if (c == ']' && stack->len > 0)
            ok = fail (&s, s.pos, _("a list cannot end with a comma"));
          else if (c == '\'')
            ok = fail (&s, s.pos, _("strings must be in double quotes, not single quotes"));
          else
            ok = fail (&s, s.pos, _("expected a value (a string, number, object, list, true, "
                                    "false or null), found %s"), what);
        }

      if (!ok)
        break;
      state = STATE_AFTER_VALUE;
    }

  if (!ok)
    {
      if (error_offset != NULL)
        *error_offset = s.error_offset;
      if (message != NULL)
        *message = g_steal_pointer (&s.message);
    }

  g_free (s.message);
  return ok;
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
