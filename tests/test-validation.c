/* test-validation.c — the editor's checks, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-validation.h"

static AtlasStore *
load_valid (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  AtlasStore *store = atlas_store_new ();
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (contents, length);
  g_assert_true (atlas_store_load_bytes (store, bytes, NULL));
  return store;
}

static AtlasPartnership *
draft (const char *id,
       const char *title,
       const char *first_country)
{
  AtlasPartnership *p = atlas_partnership_new (id);
  const char *countries[] = { first_country, "FR", NULL };

  atlas_partnership_set_title (p, title);
  if (first_country != NULL)
    atlas_partnership_set_countries (p, countries);
  return p;
}

static void
test_valid_draft (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasPartnership) p = draft ("cfosat", "CFOSAT", "CN");
  g_autoptr(AtlasValidation) v = atlas_validation_new (p, "2018-10", "2024", store, NULL);

  g_assert_true (atlas_validation_is_valid (v));
  for (AtlasField f = 0; f < ATLAS_N_FIELDS; f++)
    g_assert_null (atlas_validation_get_message (v, f));
  g_assert_cmpint (atlas_validation_get_start (v)->precision, ==, ATLAS_DATE_PRECISION_MONTH);
  g_assert_cmpint (atlas_validation_get_end (v)->year, ==, 2024);
}

static void
test_each_field (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasPartnership) p = draft ("cbers", "  ", NULL);
  g_autoptr(AtlasValidation) v = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);

  /* A new record may not take an id in use; blank title; no date; no countries */
  v = atlas_validation_new (p, "", "", store, NULL);
  g_assert_false (atlas_validation_is_valid (v));
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_ID), ==, "Another record has the id “cbers”");
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_TITLE), ==, "A title is required");
  g_assert_nonnull (strstr (atlas_validation_get_message (v, ATLAS_FIELD_START), "required"));
  g_assert_null (atlas_validation_get_message (v, ATLAS_FIELD_END));
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_COUNTRIES), ==, "Name at least one partner country");
  g_clear_pointer (&v, atlas_validation_free);

  /* Editing cbers itself keeps its id */
  v = atlas_validation_new (p, "1988", "", store, "cbers");
  g_assert_null (atlas_validation_get_message (v, ATLAS_FIELD_ID));
  g_clear_pointer (&v, atlas_validation_free);

  /* Bad dates say why */
  v = atlas_validation_new (p, "2018-13", "2018-02-30", store, "cbers");
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_START), ==, "“2018-13”: there is no month 13");
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_END), ==, "“2018-02-30”: that month has no day 30");
  g_clear_pointer (&v, atlas_validation_free);

  /* End before start, with precision: 1988 is not before 1988-07 */
  v = atlas_validation_new (p, "1988-07", "1987", store, "cbers");
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_END), ==, "The end is before the start");
  g_clear_pointer (&v, atlas_validation_free);
  v = atlas_validation_new (p, "1988-07", "1988", store, "cbers");
  g_assert_null (atlas_validation_get_message (v, ATLAS_FIELD_END));
  g_clear_pointer (&v, atlas_validation_free);

  /* Ids are slugs */
  atlas_partnership_set_id (p, "Not A Slug");
  v = atlas_validation_new (p, "1988", "", store, NULL);
  g_assert_nonnull (strstr (atlas_validation_get_message (v, ATLAS_FIELD_ID), "lower-case"));
  g_clear_pointer (&v, atlas_validation_free);
  atlas_partnership_set_id (p, "");
  v = atlas_validation_new (p, "1988", "", store, NULL);
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_ID), ==, "An id is required");
  g_clear_pointer (&v, atlas_validation_free);

  /* Sources need a title and somewhere to find them */
  g_ptr_array_add (sources, atlas_source_new ("Headline", "002_980ba927a7cd4ee4.txt", NULL));
  g_ptr_array_add (sources, atlas_source_new ("", NULL, "https://example.org"));
  atlas_partnership_set_sources (p, sources);
  v = atlas_validation_new (p, "1988", "", store, NULL);
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_SOURCES), ==, "Source 2 needs a title");
  g_clear_pointer (&v, atlas_validation_free);

  g_ptr_array_set_size (sources, 1);
  g_ptr_array_add (sources, atlas_source_new ("Web page", NULL, "example.org"));
  atlas_partnership_set_sources (p, sources);
  v = atlas_validation_new (p, "1988", "", store, NULL);
  g_assert_nonnull (strstr (atlas_validation_get_message (v, ATLAS_FIELD_SOURCES), "https://"));
  g_clear_pointer (&v, atlas_validation_free);

  g_ptr_array_set_size (sources, 1);
  g_ptr_array_add (sources, atlas_source_new ("Nowhere", NULL, NULL));
  atlas_partnership_set_sources (p, sources);
  v = atlas_validation_new (p, "1988", "", store, NULL);
  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_SOURCES), ==,
                   "Source 2 needs a document or a web address");
}

static void
test_unknown_country (void)
{
  g_autoptr(AtlasPartnership) p = draft ("x", "X", "XX");
  g_autoptr(AtlasValidation) v = atlas_validation_new (p, "2001", NULL, NULL, NULL);

  g_assert_cmpstr (atlas_validation_get_message (v, ATLAS_FIELD_COUNTRIES), ==,
                   "“XX” is not an ISO 3166 country code");
}

static void
test_title_similarity (void)
{
  g_assert_cmpfloat (atlas_title_similarity ("CBERS programme",
                                             "China–Brazil Earth Resources Satellite (CBERS) programme"), ==, 1.0);
  g_assert_cmpfloat (atlas_title_similarity ("The Double Star mission", "double-star Mission"), ==, 1.0);
  g_assert_cmpfloat (atlas_title_similarity ("Yinghuo-1", "CBERS"), ==, 0.0);
  g_assert_cmpfloat (atlas_title_similarity ("", "CBERS"), ==, 0.0);
  g_assert_cmpfloat (atlas_title_similarity ("Coopération spatiale", "Cooperation Spatiale"), ==, 1.0);
}

static void
test_possible_duplicate (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasPartnership) p = atlas_partnership_new ("cbers-again");
  const char *countries[] = { "BR", "CN", NULL };
  const char *other_countries[] = { "CN", "AR", NULL };
  AtlasDate start;

  atlas_partnership_set_title (p, "Earth Resources Satellite programme");
  atlas_partnership_set_countries (p, countries);   /* same set, other order */
  g_assert_true (atlas_date_parse ("1989-03", &start, NULL));
  atlas_partnership_set_start (p, &start);

  /* cbers (1988-07, CN+BR) is within a year, same partners, similar title */
  g_assert_cmpstr (atlas_partnership_get_id (atlas_find_possible_duplicate (store, p, NULL)), ==, "cbers");

  /* Not itself when editing it */
  atlas_partnership_set_id (p, "cbers");
  g_assert_null (atlas_find_possible_duplicate (store, p, "cbers"));

  /* Two years later: not a duplicate */
  g_assert_true (atlas_date_parse ("1990-08", &start, NULL));
  atlas_partnership_set_start (p, &start);
  g_assert_null (atlas_find_possible_duplicate (store, p, NULL));

  /* Other partners: not a duplicate */
  g_assert_true (atlas_date_parse ("1988", &start, NULL));
  atlas_partnership_set_start (p, &start);
  atlas_partnership_set_countries (p, other_countries);
  g_assert_null (atlas_find_possible_duplicate (store, p, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validation/valid-draft", test_valid_draft);
  g_test_add_func ("/validation/each-field", test_each_field);
  g_test_add_func ("/validation/unknown-country", test_unknown_country);
  g_test_add_func ("/validation/title-similarity", test_title_similarity);
  g_test_add_func ("/validation/possible-duplicate", test_possible_duplicate);

  return g_test_run ();
}
