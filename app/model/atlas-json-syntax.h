/* atlas-json-syntax.h — a strict JSON tokenizer with exact locations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATLAS_JSON_MAX_DEPTH 512

typedef enum
{
  ATLAS_JSON_TOKEN_ERROR,         /* a syntax error; see atlas_json_scanner_get_error() */
  ATLAS_JSON_TOKEN_END,           /* the one value is complete, nothing follows */
  ATLAS_JSON_TOKEN_BEGIN_OBJECT,
  ATLAS_JSON_TOKEN_END_OBJECT,
  ATLAS_JSON_TOKEN_BEGIN_ARRAY,
  ATLAS_JSON_TOKEN_END_ARRAY,
  ATLAS_JSON_TOKEN_MEMBER,        /* a member name, with its “:”; the value comes next */
  ATLAS_JSON_TOKEN_STRING,
  ATLAS_JSON_TOKEN_NUMBER,
  ATLAS_JSON_TOKEN_TRUE,
  ATLAS_JSON_TOKEN_FALSE,
  ATLAS_JSON_TOKEN_NULL,
} AtlasJsonToken;

/**
 * AtlasJsonReadFunc:
 * @buffer: where to put the text
 * @size: room in @buffer, at least 4 bytes
 * @user_data: the data given with the function
 *
 * Gives the scanner the next chunk of the text: whole UTF-8 characters.
 *
 * Returns: how many bytes it put in @buffer; 0 or less at the end
 */
typedef gssize (*AtlasJsonReadFunc) (char     *buffer,
                                     gsize     size,
                                     gpointer  user_data);

/**
 * AtlasJsonScanner:
 *
 * A pull tokenizer over UTF-8 text in memory, or read a chunk at a time:
 * no recursion, no allocation but a stack of one byte a nesting level
 * (and the window of text, when it reads).  Lives on the stack of its
 * caller; all fields are private.
 */
typedef struct
{
  /*< private >*/
  const char        *data;          /* the text, or the window of it read so far */
  gsize              length;
  gsize              pos;
  guint              max_depth;
  int                state;
  GByteArray        *stack;
  gsize              token_start;   /* the current token's bytes; a string with its quotes */
  gsize              token_end;
  gboolean           token_escaped; /* a string or member name with a backslash */
  gsize              error_offset;  /* from the start of the text */
  char              *message;

  /* Reading in chunks: @data is a window of the text */
  gboolean           eof;           /* the text ends at the end of @data */
  gsize              base;          /* the offset of @data in the text */
  gsize              keep;          /* what @data holds before is no longer needed */
  gsize              line;          /* the line of @data[0], from 1 */
  gsize              column;        /* characters of that line before @data[0] */
  char              *buffer;
  gsize              capacity;
  AtlasJsonReadFunc  read;
  gpointer           read_data;
} AtlasJsonScanner;

void            atlas_json_scanner_init        (AtlasJsonScanner  *scanner,
                                                const char        *data,
                                                gsize              length,
                                                guint              max_depth);
void            atlas_json_scanner_init_reader (AtlasJsonScanner  *scanner,
                                                AtlasJsonReadFunc  read,
                                                gpointer           read_data,
                                                guint              max_depth);
void            atlas_json_scanner_clear       (AtlasJsonScanner  *scanner);
AtlasJsonToken  atlas_json_scanner_next        (AtlasJsonScanner  *scanner);
gboolean        atlas_json_scanner_skip        (AtlasJsonScanner  *scanner,
                                                AtlasJsonToken     token);
char           *atlas_json_scanner_dup_string  (AtlasJsonScanner  *scanner);
gboolean        atlas_json_scanner_string_equal (AtlasJsonScanner *scanner,
                                                 const char       *text);
const char     *atlas_json_scanner_get_token   (AtlasJsonScanner  *scanner,
                                                gsize             *length);
gsize           atlas_json_scanner_get_offset  (AtlasJsonScanner  *scanner);
const char     *atlas_json_scanner_get_error   (AtlasJsonScanner  *scanner,
                                                gsize             *offset);
void            atlas_json_scanner_locate      (AtlasJsonScanner  *scanner,
                                                gsize              offset,
                                                int               *line,
                                                int               *column);
void            atlas_json_scanner_read_to_end (AtlasJsonScanner  *scanner);

gboolean atlas_json_check_syntax (const char  *data,
                                  gsize        length,
                                  guint        max_depth,
                                  gsize       *error_offset,
                                  char       **message);
void     atlas_json_locate       (const char  *data,
                                  gsize        offset,
                                  int         *line,
                                  int         *column);

G_END_DECLS
