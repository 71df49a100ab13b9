/* test-countries.c — ISO 3166 codes and names from iso-codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-countries.h"

static void
test_known_codes (void)
{
  const char *known[] = { "CN", "BR", "FR", "IT", "RU", "MM", "DZ", "PK", "TH", "LA", NULL };
  const char *unknown[] = { "XX", "UK", "cn", "", "CHN", "076", "EU", NULL };

  for (guint i = 0; known[i]; i++)
    g_assert_true (atlas_countries_is_known (known[i]));
  for (guint i = 0; unknown[i]; i++)
    g_assert_false (atlas_countries_is_known (unknown[i]));
  g_assert_false (atlas_countries_is_known (NULL));
}

static void
test_names (void)
{
  g_assert_cmpstr (atlas_countries_get_name ("BR"), ==, "Brazil");
  g_assert_cmpstr (atlas_countries_get_name ("MM"), ==, "Myanmar");
  /* The common name where iso-codes has one */
  g_assert_cmpstr (atlas_countries_get_name ("BO"), ==, "Bolivia");
  g_assert_cmpstr (atlas_countries_get_name ("KR"), ==, "South Korea");
  g_assert_null (atlas_countries_get_name ("XX"));

  g_assert_cmpstr (atlas_countries_get_flag ("FR"), ==, "🇫🇷");
  g_assert_cmpstr (atlas_countries_get_numeric ("BR"), ==, "076");
}

static void
test_historical (void)
{
  /* Former countries of space cooperation before 1991 */
  g_assert_true (atlas_countries_is_known ("SU"));
  g_assert_true (atlas_countries_is_historical ("SU"));
  g_assert_nonnull (strstr (atlas_countries_get_name ("SU"), "USSR"));
  g_assert_cmpstr (atlas_countries_get_name ("DD"), ==, "German Democratic Republic");
  g_assert_nonnull (strstr (atlas_countries_get_name ("YU"), "Yugoslavia"));

  /* CS was Czechoslovakia, later Serbia and Montenegro: the first keeps
   * the code, the second is reached by its alpha-4 code */
  g_assert_nonnull (strstr (atlas_countries_get_name ("CS"), "Czechoslovakia"));
  g_assert_cmpstr (atlas_countries_get_name ("CSXX"), ==, "Serbia and Montenegro");

  /* Codes that ISO 3166-3 once used stay with today's countries */
  g_assert_false (atlas_countries_is_historical ("BY"));
  g_assert_cmpstr (atlas_countries_get_name ("BY"), ==, "Belarus");
  g_assert_false (atlas_countries_is_historical ("CN"));

  g_assert_null (atlas_countries_get_flag ("SU"));
}

static void
test_numeric_lookup (void)
{
  g_assert_cmpstr (atlas_countries_lookup_numeric ("076"), ==, "BR");
  g_assert_cmpstr (atlas_countries_lookup_numeric ("104"), ==, "MM");
  g_assert_cmpstr (atlas_countries_lookup_numeric ("156"), ==, "CN");
  g_assert_cmpstr (atlas_countries_lookup_numeric ("250"), ==, "FR");
  g_assert_null (atlas_countries_lookup_numeric ("810"));   /* USSR: not a current country */
  g_assert_null (atlas_countries_lookup_numeric ("999"));
  g_assert_null (atlas_countries_lookup_numeric (NULL));
}

static void
test_suggestions (void)
{
  static const struct { const char *wrong, *right; } cases[] = {
    { "UK", "GB" }, { "uk", "GB" }, { "cn", "CN" }, { "CHN", "CN" }, { "bra", "BR" },
    { "076", "BR" }, { " fr ", "FR" }, { "EL", "GR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *suggestion = atlas_countries_suggest (cases[i].wrong);
      g_assert_cmpstr (suggestion, ==, cases[i].right);
    }

  g_assert_null (atlas_countries_suggest ("XX"));
  g_assert_null (atlas_countries_suggest (""));
  g_assert_null (atlas_countries_suggest (NULL));
}

static void
test_list (void)
{
  g_auto(GStrv) current = atlas_countries_list (FALSE);
  g_auto(GStrv) all = atlas_countries_list (TRUE);

  /* iso-codes 4.15 lists 249 countries */
  g_assert_cmpuint (g_strv_length (current), >=, 249);
  g_assert_true (g_strv_contains ((const char * const *) current, "CN"));
  g_assert_false (g_strv_contains ((const char * const *) current, "SU"));
  g_assert_true (g_strv_contains ((const char * const *) all, "SU"));
  g_assert_true (g_strv_contains ((const char * const *) all, "CSXX"));
  g_assert_cmpuint (g_strv_length (all), >, g_strv_length (current));

  for (guint i = 0; all[i] != NULL; i++)
    g_assert_true (atlas_countries_is_known (all[i]));
}

static void
test_format_list (void)
{
  const char *codes[] = { "CN", "BR", "XX", NULL };
  const char *none[] = { NULL };
  g_autofree char *text = atlas_countries_format_list (codes);
  g_autofree char *empty = atlas_countries_format_list (none);

  g_assert_cmpstr (text, ==, "China, Brazil, XX");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_successors (void)
{
  g_auto(GStrv) all = atlas_countries_list (TRUE);
  const char * const *soviet = atlas_countries_get_successors ("SU");

  /* The continuing state first, then the others */
  g_assert_nonnull (soviet);
  g_assert_cmpstr (soviet[0], ==, "RU");
  g_assert_cmpuint (g_strv_length ((char **) soviet), ==, 15);
  g_assert_true (g_strv_contains (soviet, "UA"));
  g_assert_true (g_strv_contains (soviet, "KZ"));
  g_assert_true (g_strv_contains (soviet, "EE"));

  g_assert_cmpstr (atlas_countries_get_successors ("DD")[0], ==, "DE");
  g_assert_true (g_strv_contains (atlas_countries_get_successors ("CS"), "SK"));
  g_assert_true (g_strv_contains (atlas_countries_get_successors ("CSXX"), "ME"));
  g_assert_true (g_strv_contains (atlas_countries_get_successors ("YU"), "SI"));
  g_assert_cmpstr (atlas_countries_get_successors ("BU")[0], ==, "MM");

  /* Current countries and unknown codes have none */
  g_assert_null (atlas_countries_get_successors ("RU"));
  g_assert_null (atlas_countries_get_successors ("BY"));
  g_assert_null (atlas_countries_get_successors ("XX"));
  g_assert_null (atlas_countries_get_successors (NULL));

  /* Every successor is a current country */
  for (guint i = 0; all[i] != NULL; i++)
    {
      const char * const *successors = atlas_countries_get_successors (all[i]);

      for (guint j = 0; successors != NULL && successors[j] != NULL; j++)
        {
          g_assert_true (atlas_countries_is_known (successors[j]));
          g_assert_false (atlas_countries_is_historical (successors[j]));
        }
    }
}

static void
test_short_names (void)
{
  g_assert_cmpstr (atlas_countries_get_short_name ("SU"), ==, "USSR");
  g_assert_cmpstr (atlas_countries_get_short_name ("CS"), ==, "Czechoslovakia");
  g_assert_cmpstr (atlas_countries_get_short_name ("YU"), ==, "Yugoslavia");
  g_assert_cmpstr (atlas_countries_get_short_name ("DD"), ==, "German Democratic Republic");
  /* Current countries keep their (common) name, commas and all */
  g_assert_cmpstr (atlas_countries_get_short_name ("BO"), ==, "Bolivia");
  g_assert_cmpstr (atlas_countries_get_short_name ("FR"), ==, "France");
  g_assert_null (atlas_countries_get_short_name ("XX"));
  /* The same string each time */
  g_assert_true (atlas_countries_get_short_name ("SU") == atlas_countries_get_short_name ("SU"));
}

static void
test_lookup_name (void)
{
  /* Names, common names and official names in English */
  g_assert_cmpstr (atlas_countries_lookup_name ("China"), ==, "CN");
  g_assert_cmpstr (atlas_countries_lookup_name ("Russian Federation"), ==, "RU");
  g_assert_cmpstr (atlas_countries_lookup_name ("South Korea"), ==, "KR");
  g_assert_cmpstr (atlas_countries_lookup_name ("Korea, Republic of"), ==, "KR");
  g_assert_cmpstr (atlas_countries_lookup_name ("United States of America"), ==, "US");
  g_assert_cmpstr (atlas_countries_lookup_name ("Bolivia"), ==, "BO");
  /* Whatever the case, accents, spaces and punctuation */
  g_assert_cmpstr (atlas_countries_lookup_name ("  BRAZIL "), ==, "BR");
  g_assert_cmpstr (atlas_countries_lookup_name ("cote d'ivoire"), ==, "CI");
  g_assert_cmpstr (atlas_countries_lookup_name ("Viet Nam"), ==, "VN");
  g_assert_cmpstr (atlas_countries_lookup_name ("Vietnam"), ==, "VN");
  /* Former countries, by their full and short names; current countries
   * keep names a former one shared */
  g_assert_cmpstr (atlas_countries_lookup_name ("USSR"), ==, "SU");
  g_assert_cmpstr (atlas_countries_lookup_name ("German Democratic Republic"), ==, "DD");
  g_assert_cmpstr (atlas_countries_lookup_name ("Czechoslovakia"), ==, "CS");
  g_assert_cmpstr (atlas_countries_lookup_name ("Serbia and Montenegro"), ==, "CSXX");
  g_assert_cmpstr (atlas_countries_lookup_name ("Georgia"), ==, "GE");
  /* No such country; "Korea" alone is two */
  g_assert_null (atlas_countries_lookup_name ("Atlantis"));
  g_assert_null (atlas_countries_lookup_name ("Korea"));
  g_assert_null (atlas_countries_lookup_name (""));
  g_assert_null (atlas_countries_lookup_name ("--"));
  g_assert_null (atlas_countries_lookup_name (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/countries/known-codes", test_known_codes);
  g_test_add_func ("/countries/names", test_names);
  g_test_add_func ("/countries/historical", test_historical);
  g_test_add_func ("/countries/numeric-lookup", test_numeric_lookup);
  g_test_add_func ("/countries/suggestions", test_suggestions);
  g_test_add_func ("/countries/list", test_list);
  g_test_add_func ("/countries/format-list", test_format_list);
  g_test_add_func ("/countries/successors", test_successors);
  g_test_add_func ("/countries/short-names", test_short_names);
  g_test_add_func ("/countries/lookup-name", test_lookup_name);

  return g_test_run ();
}
