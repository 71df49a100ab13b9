/* atlas-countries.c — ISO 3166 country codes and names, from iso-codes
 *
 * The tables are read once, at first use, from the JSON files of Debian's
 * iso-codes package; names are translated with its gettext domains.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-countries"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "atlas-countries.h"

typedef struct
{
  char     *alpha_2;
  char     *alpha_3;
  char     *alpha_4;   /* historical entries only */
  char     *numeric;
  char     *name;      /* English: the msgid in iso-codes' domain */
  char     *flag;
  char     *withdrawn; /* historical entries only, ISO date */
  gboolean  historical;
} Country;

typedef struct
{
  GHashTable *by_code;     /* alpha-2 (and alpha-4 of former countries) → Country */
  GHashTable *by_alpha_3;  /* alpha-3 of current countries → Country */
  GHashTable *by_numeric;  /* numeric of current countries → Country */
  GHashTable *by_name;     /* folded English name (owned) → Country */
  GPtrArray  *countries;   /* owns the Country structs, in file order */
} CountryTable;

#define DOMAIN_3166_1 "iso_3166-1"
#define DOMAIN_3166_3 "iso_3166-3"

static void
country_free (Country *country)
{
  g_free (country->alpha_2);
  g_free (country->alpha_3);
  g_free (country->alpha_4);
  g_free (country->numeric);
  g_free (country->name);
  g_free (country->flag);
  g_free (country->withdrawn);
  g_free (country);
}

static char *
dup_member (JsonObject *entry,
            const char *member)
{
  return g_strdup (json_object_get_string_member_with_default (entry, member, NULL));
}

/* A name as people may type it: "Côte d’Ivoire", "cote divoire" and
 * "COTE D'IVOIRE" fold to the same key.  Letters and digits are kept,
 * without case or accents; spaces and punctuation are not. */
static char *
fold_name (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFKD);
  GString *key = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, g_unichar_tolower (c));
    }

  return g_string_free (key, FALSE);
}

static void
add_name (CountryTable *table,
          const char   *name,
          Country      *country)
{
  char *key;

  if (name == NULL)
    return;

  key = fold_name (name);
  if (*key == '\0' || g_hash_table_contains (table->by_name, key))
    g_free (key);   /* current countries, read first, keep their names */
  else
    g_hash_table_insert (table->by_name, key, country);
}

/* Every English name of an entry: its name, common name and official
 * name; a former country also by the part of its name before the comma
 * ("USSR" of "USSR, Union of Soviet Socialist Republics") */
static void
add_names (CountryTable *table,
           JsonObject   *entry,
           Country      *country)
{
  static const char * const members[] = { "name", "common_name", "official_name" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *name = json_object_get_string_member_with_default (entry, members[i], NULL);
      const char *comma;

      add_name (table, name, country);
      if (country->historical && name != NULL && (comma = strstr (name, ", ")) != NULL)
        {
          g_autofree char *part = g_strndup (name, comma - name);

          add_name (table, part, country);
        }
    }
}

static void
add_entries (CountryTable *table,
             const char   *file_name,
             const char   *member,
             gboolean      historical)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("ATLAS_ISO_CODES_DIR");
  JsonNode *root, *list;

  path = g_build_filename (dir ? dir : ISO_CODES_JSON_DIR, file_name, NULL);
  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_warning ("Cannot read the country list %s: %s", path, error->message);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (list = json_object_get_member (json_node_get_object (root), member)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_warning ("The country list %s has no “%s” array", path, member);
      return;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      JsonObject *entry;
      Country *country, *other;
      g_autofree char *common_name = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      entry = json_node_get_object (node);
      country = g_new0 (Country, 1);
      country->alpha_2 = dup_member (entry, "alpha_2");
      country->name = dup_member (entry, "name");
      if (country->alpha_2 == NULL || country->name == NULL)
        {
          country_free (country);
          continue;
        }

      country->alpha_3 = dup_member (entry, "alpha_3");
      country->alpha_4 = dup_member (entry, "alpha_4");
      country->numeric = dup_member (entry, "numeric");
      country->flag = dup_member (entry, "flag");
      country->withdrawn = dup_member (entry, "withdrawal_date");
      country->historical = historical;

      /* The short common name ("Bolivia") reads better than the formal
       * one ("Bolivia, Plurinational State of"); both are translated. */
      common_name = dup_member (entry, "common_name");
      if (common_name != NULL)
        {
          g_free (country->name);
          country->name = g_steal_pointer (&common_name);
        }

      g_ptr_array_add (table->countries, country);
      add_names (table, entry, country);

      /* ISO 3166-1 is read first and keeps codes that ISO 3166-3 reuses
       * (BY, GE).  Where former countries share a code (CS), the one
       * withdrawn first keeps it: Czechoslovakia, not Serbia and
       * Montenegro — what the code meant in the era of most cooperation
       * recorded with it.  Every former country stays reachable by its
       * alpha-4 code (CSXX). */
      other = g_hash_table_lookup (table->by_code, country->alpha_2);
      if (other == NULL ||
          (other->historical && historical &&
           g_strcmp0 (country->withdrawn, other->withdrawn) < 0))
        g_hash_table_insert (table->by_code, country->alpha_2, country);

      if (historical)
        {
          if (country->alpha_4 != NULL && !g_hash_table_contains (table->by_code, country->alpha_4))
            g_hash_table_insert (table->by_code, country->alpha_4, country);
        }
      else
        {
          if (country->numeric != NULL)
            g_hash_table_insert (table->by_numeric, country->numeric, country);
          if (country->alpha_3 != NULL)
            g_hash_table_insert (table->by_alpha_3, country->alpha_3, country);
        }
    }
}

static gpointer
load_table (gpointer data)
{
  CountryTable *table = g_new0 (CountryTable, 1);

  table->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  table->by_alpha_3 = g_hash_table_new (g_str_hash, g_str_equal);
  table->by_numeric = g_hash_table_new (g_str_hash, g_str_equal);
  table->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  table->countries = g_ptr_array_new_with_free_func ((GDestroyNotify) country_free);

  bindtextdomain (DOMAIN_3166_1, ISO_CODES_LOCALEDIR);
  bind_textdomain_codeset (DOMAIN_3166_1, "UTF-8");
  bindtextdomain (DOMAIN_3166_3, ISO_CODES_LOCALEDIR);
  bind_textdomain_codeset (DOMAIN_3166_3, "UTF-8");

  add_entries (table, "iso_3166-1.json", "3166-1", FALSE);
  add_entries (table, "iso_3166-3.json", "3166-3", TRUE);

  return table;
}

static CountryTable *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_table, NULL);
}

static Country *
lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (get_table ()->by_code, code);
}

/**
 * atlas_countries_is_known:
 * @code: an ISO 3166-1 alpha-2 code, or the code of a former country
 *   from ISO 3166-3 (SU, DD, CS, YU, …)
 */
gboolean
atlas_countries_is_known (const char *code)
{
  return lookup (code) != NULL;
}

gboolean
atlas_countries_is_historical (const char *code)
{
  Country *country = lookup (code);

  return country != NULL && country->historical;
}

/**
 * atlas_countries_get_name:
 *
 * Returns: (nullable): the country's name in the current language
 */
const char *
atlas_countries_get_name (const char *code)
{
  Country *country = lookup (code);

  if (country == NULL)
    return NULL;

  return dgettext (country->historical ? DOMAIN_3166_3 : DOMAIN_3166_1, country->name);
}

/**
 * atlas_countries_get_short_name:
 *
 * The name to put on a map label.  Former countries are named in
 * iso-codes in the form "USSR, Union of Soviet Socialist Republics":
 * their short name is the part before the comma, in the current
 * language.  Current countries' names are already their common names.
 *
 * Returns: (nullable): the country's short name in the current language
 */
const char *
atlas_countries_get_short_name (const char *code)
{
  Country *country = lookup (code);
  const char *name, *comma;
  g_autofree char *part = NULL;

  if (country == NULL)
    return NULL;

  name = atlas_countries_get_name (code);
  if (!country->historical || (comma = strstr (name, ", ")) == NULL || comma == name)
    return name;

  /* Interned: a permanent string, safe to hand out from any thread */
  part = g_strndup (name, comma - name);
  return g_intern_string (part);
}

/**
 * atlas_countries_get_flag:
 *
 * Returns: (nullable): the flag emoji; former countries have none
 */
const char *
atlas_countries_get_flag (const char *code)
{
  Country *country = lookup (code);

  return country ? country->flag : NULL;
}

const char *
atlas_countries_get_numeric (const char *code)
{
  Country *country = lookup (code);

  return country ? country->numeric : NULL;
}

/**
 * atlas_countries_lookup_numeric:
 * @numeric: an ISO 3166-1 numeric code, three digits ("076")
 *
 * Returns: (nullable): the alpha-2 code of the current country with
 *   that number
 */
const char *
atlas_countries_lookup_numeric (const char *numeric)
{
  Country *country;

  if (numeric == NULL)
    return NULL;

  country = g_hash_table_lookup (get_table ()->by_numeric, numeric);
  return country ? country->alpha_2 : NULL;
}

/* The code that reaches @country: its alpha-2 code, or for a former
 * country whose alpha-2 code went to another, its alpha-4 code */
static const char *
get_code (Country *country)
{
  if (lookup (country->alpha_2) == country || country->alpha_4 == NULL)
    return country->alpha_2;
  return country->alpha_4;
}

/**
 * atlas_countries_lookup_name:
 * @name: a country's name, as people write it
 *
 * Finds a country by its name in English — its name, common name or
 * official name in iso-codes ("Russian Federation", "South Korea",
 * "Korea, Republic of", "USSR") — or in the current language, whatever
 * the case, accents, spaces and punctuation ("cote d'ivoire").
 *
 * Returns: (nullable): the country's code, or %NULL when no country has
 *   that name
 */
const char *
atlas_countries_lookup_name (const char *name)
{
  CountryTable *table = get_table ();
  g_autofree char *key = NULL;
  Country *country;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;

  key = fold_name (name);
  if (*key == '\0')
    return NULL;

  country = g_hash_table_lookup (table->by_name, key);
  if (country != NULL)
    return get_code (country);

  /* Names in the current language, current countries first */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < table->countries->len; i++)
      {
        g_autofree char *translated = NULL;

        country = g_ptr_array_index (table->countries, i);
        if (country->historical != (pass == 1))
          continue;

        translated = fold_name (dgettext (country->historical ? DOMAIN_3166_3 : DOMAIN_3166_1,
                                          country->name));
        if (strcmp (translated, key) == 0)
          return get_code (country);
      }

  return NULL;
}

/**
 * atlas_countries_suggest:
 * @code: a code that is not known
 *
 * Returns: (nullable) (transfer full): the known code the writer
 *   probably meant: "GB" for "UK", "CN" for "cn", "CHN" or "156"
 */
char *
atlas_countries_suggest (const char *code)
{
  static const struct { const char *wrong, *right; } usual_mistakes[] = {
    { "UK", "GB" }, { "EL", "GR" },
  };
  g_autofree char *stripped = NULL;
  g_autofree char *upper = NULL;
  Country *country;

  if (code == NULL || *code == '\0')
    return NULL;

  stripped = g_strstrip (g_strdup (code));
  upper = g_ascii_strup (stripped, -1);
  for (guint i = 0; i < G_N_ELEMENTS (usual_mistakes); i++)
    if (strcmp (upper, usual_mistakes[i].wrong) == 0)
      return g_strdup (usual_mistakes[i].right);

  if (lookup (upper) != NULL)
    return g_steal_pointer (&upper);

  if ((country = g_hash_table_lookup (get_table ()->by_alpha_3, upper)) != NULL ||
      (country = g_hash_table_lookup (get_table ()->by_numeric, upper)) != NULL)
    return g_strdup (country->alpha_2);

  return NULL;
}

/**
 * atlas_countries_list:
 * @include_historical: whether to list former countries too
 *
 * Returns: (transfer full): every known code, current countries first,
 *   each in file order
 */
char **
atlas_countries_list (gboolean include_historical)
{
  CountryTable *table = get_table ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < table->countries->len; i++)
    {
      Country *country = g_ptr_array_index (table->countries, i);

      if (country->historical && !include_historical)
        continue;

      /* Former countries whose code went to another are listed by their
       * alpha-4 code, the one that reaches them. */
      if (lookup (country->alpha_2) == country)
        g_strv_builder_add (builder, country->alpha_2);
      else if (country->alpha_4 != NULL)
        g_strv_builder_add (builder, country->alpha_4);
    }

  return g_strv_builder_end (builder);
}

/**
 * atlas_countries_format_list:
 * @codes: country codes
 *
 * Returns: (transfer full): the countries' names for people to read,
 *   separated by commas; an unknown code stands for itself
 */
char *
atlas_countries_format_list (const char * const *codes)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *name = atlas_countries_get_name (codes[i]);

      if (i > 0)
        /* Translators: separates the names of countries in a list */
        g_string_append (str, _(", "));
      g_string_append (str, name ? name : codes[i]);
    }

  return g_string_free (str, FALSE);
}

/* Former countries and the current countries on their territory, by
 * their ISO 3166-3 alpha-4 code.  World knowledge, not in iso-codes
 * itself (its iso_3166-3 entries name no successors, only a few
 * comments): the dissolutions of the USSR (1991), Czechoslovakia (1993)
 * and Yugoslavia (1991–1992; Kosovo has no ISO 3166-1 code), German
 * reunification (1990), and renamings (Burma, Zaire, East Timor,
 * Dahomey, Upper Volta, Southern Rhodesia, New Hebrides), as recorded
 * in the ISO 3166 Maintenance Agency's newsletters and the UN's list of
 * member states' histories. */
static const struct
{
  const char *alpha_4;
  const char *successors[16];
} successor_table[] = {
  { "SUHH", { "RU", "UA", "BY", "KZ", "UZ", "TM", "KG", "TJ", "AZ", "AM", "GE",
              "MD", "LT", "LV", "EE", NULL } },
  { "DDDE", { "DE", NULL } },
  { "CSHH", { "CZ", "SK", NULL } },
  { "CSXX", { "RS", "ME", NULL } },
  { "YUCS", { "RS", "HR", "BA", "SI", "MK", "ME", NULL } },
  { "BUMM", { "MM", NULL } },
  { "ZRCD", { "CD", NULL } },
  { "TPTL", { "TL", NULL } },
  { "YDYE", { "YE", NULL } },
  { "VDVN", { "VN", NULL } },
  { "RHZW", { "ZW", NULL } },
  { "HVBF", { "BF", NULL } },
  { "DYBJ", { "BJ", NULL } },
  { "AIDJ", { "DJ", NULL } },
  { "NHVU", { "VU", NULL } },
  { "ANHH", { "CW", "SX", "BQ", NULL } },
  { "GEHH", { "KI", "TV", NULL } },
  { "PCHH", { "FM", "MH", "MP", "PW", NULL } },
  { "FXFR", { "FR", NULL } },
};

/**
 * atlas_countries_get_successors:
 * @code: a country code
 *
 * The current countries on a former country's territory, the largest
 * (or the continuing state) first: "SU" gives RU, UA, BY, KZ, …; "DD"
 * gives DE.  A map plots a former country on them.
 *
 * Returns: (nullable) (array zero-terminated=1): the successors' alpha-2
 *   codes, or %NULL when @code is not a former country with a successor
 */
const char * const *
atlas_countries_get_successors (const char *code)
{
  Country *country = lookup (code);

  if (country == NULL || !country->historical || country->alpha_4 == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (successor_table); i++)
    if (strcmp (successor_table[i].alpha_4, country->alpha_4) == 0)
      return successor_table[i].successors;

  return NULL;
}
