/* atlas-slug.c — record ids made from titles
 *
 * A record's id is a slug: lower-case ASCII letters, digits, "-", "_"
 * and ".", not starting with "-".  New records (the editor, imports)
 * get one made from their title: "China–Brazil Earth Resources
 * Satellite" becomes "china-brazil-earth-resources-satellite".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-slug"

#include "config.h"

#include "atlas-slug.h"

/**
 * atlas_slug_is_valid:
 * @id: (nullable): a would-be record id
 *
 * Returns: whether @id is a valid record id: not empty, lower-case ASCII
 *   letters, digits, `-`, `_` and `.`, and not starting with `-`
 */
gboolean
atlas_slug_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || *id == '-')
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;

  return TRUE;
}

/**
 * atlas_slugify:
 * @title: (nullable): a record's title, any UTF-8 text
 *
 * Makes a record id from a title: accents are transliterated ("Jähn"
 * gives "jahn"), apostrophes dropped ("Jähn’s" gives "jahns"), every
 * other run of characters that are not ASCII letters or digits becomes
 * one "-", and the result is cut at a word boundary to at most
 * %ATLAS_SLUG_MAX_LENGTH characters.  The same title always gives the
 * same slug, in any locale.
 *
 * Returns: (transfer full): a valid id, never empty: "record" when the
 *   title has nothing to make one from (an empty title, or one in a
 *   script without a Latin transliteration)
 */
char *
atlas_slugify (const char *title)
{
  g_autofree char *ascii = NULL;
  GString *slug;
  gboolean pending_dash = FALSE;

  if (title == NULL || !g_utf8_validate (title, -1, NULL))
    return g_strdup ("record");

  /* The C locale: the same slug whatever the user's language */
  ascii = g_str_to_ascii (title, "C");
  slug = g_string_sized_new (strlen (ascii));

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (pending_dash && slug->len > 0)
            g_string_append_c (slug, '-');
          pending_dash = FALSE;
          g_string_append_c (slug, g_ascii_tolower (*p));
        }
      else if (*p != '\'')
        pending_dash = TRUE;
    }

  /* Cut at the last word boundary that fits */
  if (slug->len > ATLAS_SLUG_MAX_LENGTH)
    {
      gsize cut = ATLAS_SLUG_MAX_LENGTH;

      if (slug->str[cut] != '-')
        {
          while (cut > 0 && slug->str[cut - 1] != '-')
            cut--;
          if (cut == 0)
            cut = ATLAS_SLUG_MAX_LENGTH + 1;   /* one long word: cut it */
          cut--;
        }
      g_string_truncate (slug, cut);
    }

  if (slug->len == 0)
    {
      g_string_free (slug, TRUE);
      return g_strdup ("record");
    }

  return g_string_free (slug, FALSE);
}

/**
 * atlas_slug_make_unique:
 * @slug: a valid id
 * @taken: (element-type utf8 any): the ids already in use, as keys
 *
 * Returns: (transfer full): @slug if no record has it, else the first of
 *   "@slug-2", "@slug-3", … that is free.  It is not added to @taken.
 */
char *
atlas_slug_make_unique (const char *slug,
                        GHashTable *taken)
{
  g_return_val_if_fail (slug != NULL, NULL);

  if (taken == NULL || !g_hash_table_contains (taken, slug))
    return g_strdup (slug);

  for (guint n = 2; ; n++)
    {
      char *candidate = g_strdup_printf ("%s-%u", slug, n);

      if (!g_hash_table_contains (taken, candidate))
        return candidate;
      g_free (candidate);
    }
}
