/* test-slug.c — record ids made from titles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <locale.h>

#include "atlas-slug.h"

static void
assert_slug (const char *title,
             const char *expected)
{
  g_autofree char *slug = atlas_slugify (title);

  g_assert_cmpstr (slug, ==, expected);
  g_assert_true (atlas_slug_is_valid (slug));
}

static void
test_slugify (void)
{
  assert_slug ("China–Brazil Earth Resources Satellite programme",
               "china-brazil-earth-resources-satellite-programme");
  assert_slug ("Sigmund Jähn’s flight on Soyuz 31", "sigmund-jahns-flight-on-soyuz-31");
  assert_slug ("  CBERS-04A  (launch) ", "cbers-04a-launch");
  assert_slug ("l’Agence — “spatiale”", "lagence-spatiale");
  assert_slug ("Œuvre naïve", "oeuvre-naive");
  assert_slug ("2018", "2018");
  /* Nothing to make a slug from */
  assert_slug ("", "record");
  assert_slug ("中国与巴西", "record");
  assert_slug ("— … —", "record");
  assert_slug (NULL, "record");
  assert_slug ("\xff\xfe invalid", "record");
}

static void
test_slugify_length (void)
{
  g_autofree char *long_title = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *word = g_strnfill (80, 'a');
  g_autofree char *cut = NULL;

  /* Cut at the last word boundary within the limit */
  long_title = g_strdup ("Memorandum of understanding between the national space agencies "
                         "on the joint development of a satellite");
  slug = atlas_slugify (long_title);
  g_assert_cmpuint (strlen (slug), <=, ATLAS_SLUG_MAX_LENGTH);
  g_assert_cmpstr (slug, ==, "memorandum-of-understanding-between-the-national-space");
  g_assert_false (g_str_has_suffix (slug, "-"));

  /* A word that ends exactly at the limit is kept whole */
  g_clear_pointer (&slug, g_free);
  slug = atlas_slugify ("aaaaaaaaaaaaaaa bbbbbbbbbbbbbbb ccccccccccccccc dddddddddddd eee");
  g_assert_cmpstr (slug, ==, "aaaaaaaaaaaaaaa-bbbbbbbbbbbbbbb-ccccccccccccccc-dddddddddddd");
  g_assert_cmpuint (strlen (slug), ==, ATLAS_SLUG_MAX_LENGTH);

  /* One that ends just before it too, without its dash */
  g_clear_pointer (&slug, g_free);
  slug = atlas_slugify ("aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggg");
  g_assert_cmpstr (slug, ==, "aaaaaaaaa-bbbbbbbbb-ccccccccc-ddddddddd-eeeeeeeee-fffffffff");

  /* One word longer than the limit is cut */
  g_clear_pointer (&slug, g_free);
  slug = atlas_slugify (word);
  cut = g_strnfill (ATLAS_SLUG_MAX_LENGTH, 'a');
  g_assert_cmpstr (slug, ==, cut);
}

static void
test_slugify_locale_independent (void)
{
  g_autofree char *in_c = NULL;
  g_autofree char *in_german = NULL;
  const char *old = setlocale (LC_ALL, NULL);
  g_autofree char *saved = g_strdup (old);

  in_c = atlas_slugify ("Ærø Øresund Straße");
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no German locale");
      return;
    }
  in_german = atlas_slugify ("Ærø Øresund Straße");
  setlocale (LC_ALL, saved);

  g_assert_cmpstr (in_c, ==, in_german);
}

static void
test_is_valid (void)
{
  g_assert_true (atlas_slug_is_valid ("cbers"));
  g_assert_true (atlas_slug_is_valid ("cbers-04a_2.0"));
  g_assert_true (atlas_slug_is_valid ("1988"));
  g_assert_false (atlas_slug_is_valid (""));
  g_assert_false (atlas_slug_is_valid (NULL));
  g_assert_false (atlas_slug_is_valid ("-cbers"));
  g_assert_false (atlas_slug_is_valid ("CBERS"));
  g_assert_false (atlas_slug_is_valid ("cbers 1"));
  g_assert_false (atlas_slug_is_valid ("jähn"));
}

static void
test_make_unique (void)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *free_slug = NULL;
  g_autofree char *second = NULL;
  g_autofree char *fourth = NULL;

  free_slug = atlas_slug_make_unique ("cbers", taken);
  g_assert_cmpstr (free_slug, ==, "cbers");
  g_assert_false (g_hash_table_contains (taken, "cbers"));

  g_hash_table_add (taken, "cbers");
  second = atlas_slug_make_unique ("cbers", taken);
  g_assert_cmpstr (second, ==, "cbers-2");

  g_hash_table_add (taken, "cbers-2");
  g_hash_table_add (taken, "cbers-3");
  fourth = atlas_slug_make_unique ("cbers", taken);
  g_assert_cmpstr (fourth, ==, "cbers-4");

  g_clear_pointer (&free_slug, g_free);
  free_slug = atlas_slug_make_unique ("apsco", NULL);
  g_assert_cmpstr (free_slug, ==, "apsco");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slug/slugify", test_slugify);
  g_test_add_func ("/slug/slugify/length", test_slugify_length);
  g_test_add_func ("/slug/slugify/locale-independent", test_slugify_locale_independent);
  g_test_add_func ("/slug/is-valid", test_is_valid);
  g_test_add_func ("/slug/make-unique", test_make_unique);

  return g_test_run ();
}
