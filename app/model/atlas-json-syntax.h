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
 * AtlasJsonScanner:
 *
 * A pull tokenizer over UTF-8 text in memory: no recursion, no
 * allocation but a stack of one byte a nesting level.  Lives on the
 * stack of its caller; all fields are private.
 */
typedef struct
{
  /*< private >*/
  const char *data;
  gsize       length;
  gsize       pos;
  guint       max_depth;
  int         state;
  GByteArray *stack;
  gsize       token_start;   /* the current token's bytes; a string with its quotes */
  gsize       token_end;
  gboolean    token_escaped; /* a string or member name with a backslash */
  gsize       error_offset;
  char       *message;
} AtlasJsonScanner;

void            atlas_json_scanner_init        (AtlasJsonScanner  *scanner,
                                                const char        *data,
                                                gsize              length,
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
