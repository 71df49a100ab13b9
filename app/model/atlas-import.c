/* atlas-import.c — what the importers (CSV, TimelineJS) share
 *
 * Importers are lenient where a spreadsheet or another tool writes a
 * value differently ("Joint mission" for joint-mission, "Brazil" or
 * "BRA" for BR) and strict everywhere else: each builds a record's JSON
 * and has the data file reader check it (atlas-format-private.h), so
 * every format is held to the same rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-import"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-import-private.h"
#include "atlas-slug.h"

/**
 * _atlas_import_fold:
 * @text: any UTF-8 text
 *
 * Returns: (transfer full): @text without case, accents, spaces or
 *   punctuation: "Start_Date", "start date" and "Début" fold to
 *   "startdate", "startdate" and "debut"
 */
char *
_atlas_import_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *key = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (key, FALSE);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, g_unichar_tolower (c));
    }

  return g_string_free (key, FALSE);
}

/**
 * _atlas_import_kind_from_text:
 * @text: a kind as another tool may write it
 *
 * Accepts a kind's name ("joint-mission") or its label, in English or
 * in the current language ("Joint mission"), whatever the case, spaces,
 * hyphens or underscores.
 */
gboolean
_atlas_import_kind_from_text (const char *text,
                              AtlasKind  *kind)
{
  g_autofree char *key = _atlas_import_fold (text);

  if (*key == '\0')
    return FALSE;

  for (guint i = 0; i < ATLAS_N_KINDS; i++)
    {
      g_autofree char *name = _atlas_import_fold (atlas_kind_to_string (i));
      g_autofree char *label = _atlas_import_fold (atlas_kind_get_label (i));

      if (strcmp (key, name) == 0 || strcmp (key, label) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * _atlas_import_status_from_text:
 *
 * Like _atlas_import_kind_from_text(), for a status.
 */
gboolean
_atlas_import_status_from_text (const char  *text,
                                AtlasStatus *status)
{
  g_autofree char *key = _atlas_import_fold (text);

  if (*key == '\0')
    return FALSE;

  for (guint i = 0; i < ATLAS_N_STATUSES; i++)
    {
      g_autofree char *name = _atlas_import_fold (atlas_status_to_string (i));
      g_autofree char *label = _atlas_import_fold (atlas_status_get_label (i));

      if (strcmp (key, name) == 0 || strcmp (key, label) == 0)
        {
          *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * _atlas_import_country_code:
 * @text: a country as another tool may write it
 *
 * Accepts an ISO 3166-1 alpha-2 code in any case ("br"), an alpha-3 or
 * numeric code ("BRA", "076"), the code of a former country ("SU"), and
 * a country's name in English or in the current language ("Brazil",
 * "Russian Federation", "USSR").
 *
 * Returns: (nullable): the code the data format uses, or %NULL
 */
const char *
_atlas_import_country_code (const char *text)
{
  g_autofree char *suggestion = NULL;
  const char *code;

  if (text == NULL || *text == '\0')
    return NULL;

  if (atlas_countries_is_known (text))
    return g_intern_string (text);

  /* Case, alpha-3 and numeric codes, and the usual "UK" */
  suggestion = atlas_countries_suggest (text);
  if (suggestion != NULL && atlas_countries_is_known (suggestion))
    return g_intern_string (suggestion);

  code = atlas_countries_lookup_name (text);
  return code;
}

/* The title an id is made from, or NULL */
static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * _atlas_import_normalize_ids:
 * @objects: (element-type JsonObject): records as JSON, to be read with
 *   _atlas_format_read_record(); %NULL elements are skipped
 * @taken: (nullable) (element-type utf8 any): ids already in use, as keys
 *
 * Gives every record a valid id before it is read.  An id another tool
 * wrote that is not a valid Space Atlas id ("CBERS 1") becomes its slug
 * ("cbers-1"): the same id each time the file is imported, so a second
 * import meets the first as the same records.  A record without an id
 * gets one made from its title, unique among the ids of the file and
 * the ids in @taken.
 */
void
_atlas_import_normalize_ids (GPtrArray  *objects,
                             GHashTable *taken)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (taken != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, taken);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (used, g_strdup (key));
    }

  /* Ids the file gives first, so that no made-up id takes one of them */
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      const char *id;

      if (object == NULL || (id = get_string_member (object, "id")) == NULL)
        continue;

      if (*id == '\0')
        {
          json_object_remove_member (object, "id");
          continue;
        }

      if (!atlas_slug_is_valid (id))
        {
          g_autofree char *slug = atlas_slugify (id);

          json_object_set_string_member (object, "id", slug);
          id = get_string_member (object, "id");
        }

      g_hash_table_add (used, g_strdup (id));
    }

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      g_autofree char *slug = NULL;
      char *id;

      if (object == NULL || json_object_has_member (object, "id"))
        continue;

      slug = atlas_slugify (get_string_member (object, "title"));
      id = atlas_slug_make_unique (slug, used);
      json_object_set_string_member (object, "id", id);
      g_hash_table_add (used, id);
    }
}

AtlasProblem *
_atlas_import_problem_new (AtlasProblemKind  kind,
                           int               record,
                           const char       *field,
                           const char       *message)
{
  AtlasProblem *problem = g_new0 (AtlasProblem, 1);

  problem->kind = kind;
  problem->record = record;
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  return problem;
}
