/* test-partnership.c — AtlasPartnership: properties, notifications, copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-partnership.h"

typedef struct
{
  GHashTable *counts;  /* property name → number of notifications */
} NotifyCounter;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  NotifyCounter *counter = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counter->counts, pspec->name));

  g_hash_table_insert (counter->counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
count (NotifyCounter *counter,
       const char    *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counter->counts, name));
}

static AtlasDate
date (const char *text)
{
  AtlasDate d;

  g_assert_true (atlas_date_parse (text, &d, NULL));
  return d;
}

static AtlasPartnership *
make_cbers (void)
{
  AtlasPartnership *p = atlas_partnership_new ("cbers");
  const char *countries[] = { "CN", "BR", NULL };
  const char *orgs[] = { "CNSA", "INPE", NULL };
  const char *tags[] = { "earth-observation", NULL };
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  AtlasDate start = date ("1988-07");

  g_ptr_array_add (sources, atlas_source_new ("Headline", "002_980ba927a7cd4ee4.txt", NULL));

  atlas_partnership_set_title (p, "China–Brazil Earth Resources Satellite");
  atlas_partnership_set_kind (p, ATLAS_KIND_JOINT_MISSION);
  atlas_partnership_set_start (p, &start);
  atlas_partnership_set_status (p, ATLAS_STATUS_ACTIVE);
  atlas_partnership_set_countries (p, countries);
  atlas_partnership_set_organizations (p, orgs);
  atlas_partnership_set_summary (p, "A summary.");
  atlas_partnership_set_sources (p, sources);
  atlas_partnership_set_tags (p, tags);

  return p;
}

static void
test_properties (void)
{
  g_autoptr(AtlasPartnership) p = make_cbers ();
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) countries = NULL;
  g_autoptr(AtlasDate) start = NULL;
  g_autoptr(AtlasDate) end = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  AtlasKind kind;
  AtlasStatus status;

  g_object_get (p,
                "id", &id,
                "title", &title,
                "kind", &kind,
                "start", &start,
                "end", &end,
                "status", &status,
                "countries", &countries,
                "sources", &sources,
                NULL);

  g_assert_cmpstr (id, ==, "cbers");
  g_assert_cmpstr (title, ==, "China–Brazil Earth Resources Satellite");
  g_assert_cmpint (kind, ==, ATLAS_KIND_JOINT_MISSION);
  g_assert_cmpint (status, ==, ATLAS_STATUS_ACTIVE);
  g_assert_nonnull (start);
  g_assert_cmpint (start->year, ==, 1988);
  g_assert_cmpint (start->precision, ==, ATLAS_DATE_PRECISION_MONTH);
  g_assert_null (end);
  g_assert_cmpuint (g_strv_length (countries), ==, 2);
  g_assert_cmpstr (countries[1], ==, "BR");
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (((AtlasSource *) sources->pdata[0])->document, ==, "002_980ba927a7cd4ee4.txt");

  g_assert_true (atlas_partnership_has_country (p, "BR"));
  g_assert_false (atlas_partnership_has_country (p, "FR"));
  g_assert_false (atlas_partnership_has_country (p, NULL));
}

static void
test_notify_once_per_change (void)
{
  g_autoptr(AtlasPartnership) p = make_cbers ();
  NotifyCounter counter = { g_hash_table_new (g_str_hash, g_str_equal) };
  const char *same_countries[] = { "CN", "BR", NULL };
  const char *new_countries[] = { "CN", "BR", "AR", NULL };
  AtlasDate start = date ("1988-07");
  AtlasDate end = date ("2020");

  g_signal_connect (p, "notify", G_CALLBACK (notify_cb), &counter);

  /* Setting what is already there notifies nothing */
  atlas_partnership_set_title (p, "China–Brazil Earth Resources Satellite");
  atlas_partnership_set_start (p, &start);
  atlas_partnership_set_countries (p, same_countries);
  atlas_partnership_set_kind (p, ATLAS_KIND_JOINT_MISSION);
  atlas_partnership_set_end (p, NULL);
  g_assert_cmpuint (g_hash_table_size (counter.counts), ==, 0);

  atlas_partnership_set_title (p, "CBERS");
  atlas_partnership_set_title (p, "CBERS");
  atlas_partnership_set_countries (p, new_countries);
  atlas_partnership_set_end (p, &end);
  atlas_partnership_set_end (p, &end);
  atlas_partnership_set_status (p, ATLAS_STATUS_COMPLETED);
  g_object_set (p, "summary", "Another summary.", NULL);
  atlas_partnership_set_tags (p, NULL);

  g_assert_cmpuint (count (&counter, "title"), ==, 1);
  g_assert_cmpuint (count (&counter, "countries"), ==, 1);
  g_assert_cmpuint (count (&counter, "end"), ==, 1);
  g_assert_cmpuint (count (&counter, "status"), ==, 1);
  g_assert_cmpuint (count (&counter, "summary"), ==, 1);
  g_assert_cmpuint (count (&counter, "tags"), ==, 1);
  g_assert_cmpuint (count (&counter, "start"), ==, 0);

  g_assert_cmpuint (g_strv_length ((char **) atlas_partnership_get_tags (p)), ==, 0);
  g_assert_cmpint (atlas_partnership_get_end (p)->year, ==, 2020);

  g_hash_table_unref (counter.counts);
}

static void
test_copy_is_deep (void)
{
  g_autoptr(AtlasPartnership) p = make_cbers ();
  g_autoptr(AtlasPartnership) copy = atlas_partnership_copy (p);
  const char *countries[] = { "CN", NULL };
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);

  g_assert_true (copy != p);
  g_assert_true (atlas_partnership_equal (p, copy));

  atlas_partnership_set_countries (copy, countries);
  g_assert_false (atlas_partnership_equal (p, copy));
  g_assert_cmpuint (g_strv_length ((char **) atlas_partnership_get_countries (p)), ==, 2);

  g_object_unref (copy);
  copy = atlas_partnership_copy (p);
  atlas_partnership_set_sources (copy, sources);
  g_assert_false (atlas_partnership_equal (p, copy));
  g_assert_cmpuint (atlas_partnership_get_sources (p)->len, ==, 1);
}

static void
test_compare (void)
{
  g_autoptr(AtlasPartnership) a = atlas_partnership_new ("b-later-id");
  g_autoptr(AtlasPartnership) b = atlas_partnership_new ("a-earlier-id");
  g_autoptr(AtlasPartnership) c = atlas_partnership_new ("a-earlier-id");
  AtlasDate d1988 = date ("1988");
  AtlasDate d1988_07 = date ("1988-07");

  atlas_partnership_set_start (a, &d1988);
  atlas_partnership_set_start (b, &d1988_07);
  atlas_partnership_set_start (c, &d1988);

  /* By start first ("1988" before "1988-07"), then by id */
  g_assert_cmpint (atlas_partnership_compare (a, b), <, 0);
  g_assert_cmpint (atlas_partnership_compare (c, a), <, 0);
  g_assert_cmpint (atlas_partnership_compare (a, a), ==, 0);
}

static void
test_kinds_and_statuses (void)
{
  for (AtlasKind k = 0; k < ATLAS_N_KINDS; k++)
    {
      AtlasKind back;

      g_assert_true (atlas_kind_from_string (atlas_kind_to_string (k), &back));
      g_assert_cmpint (back, ==, k);
      g_assert_nonnull (atlas_kind_get_label (k));
    }

  for (AtlasStatus s = 0; s < ATLAS_N_STATUSES; s++)
    {
      AtlasStatus back;

      g_assert_true (atlas_status_from_string (atlas_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (atlas_status_get_label (s));
    }

  {
    AtlasKind k;
    AtlasStatus s;
    g_assert_false (atlas_kind_from_string ("mission", &k));
    g_assert_false (atlas_kind_from_string (NULL, &k));
    g_assert_false (atlas_status_from_string ("Active", &s));
  }

  g_assert_cmpstr (atlas_kind_to_string (ATLAS_KIND_LAUNCH_SERVICE), ==, "launch-service");
  g_assert_cmpstr (atlas_status_to_string (ATLAS_STATUS_PLANNED), ==, "planned");
}

static void
test_format_period (void)
{
  g_autoptr(AtlasPartnership) p = atlas_partnership_new ("x");
  AtlasDate start = date ("1988-07");
  AtlasDate end = date ("2003");
  g_autofree char *point = NULL;
  g_autofree char *ongoing = NULL;
  g_autofree char *span = NULL;

  atlas_partnership_set_start (p, &start);
  point = atlas_partnership_format_period (p);
  atlas_partnership_set_status (p, ATLAS_STATUS_ACTIVE);
  ongoing = atlas_partnership_format_period (p);
  atlas_partnership_set_end (p, &end);
  span = atlas_partnership_format_period (p);

  g_assert_cmpstr (point, ==, "July 1988");
  g_assert_cmpstr (ongoing, ==, "Since July 1988");
  g_assert_cmpstr (span, ==, "July 1988 – 2003");
}

/* Lists and strings are the record's own, whatever they were set from */
static void
test_lists_and_strings (void)
{
  g_autoptr(AtlasPartnership) p = atlas_partnership_new ("a");
  g_autoptr(AtlasPartnership) copy = NULL;
  g_auto(GStrv) tags = g_strsplit ("x,yy,,zzz", ",", -1);
  g_autofree char *title = g_strdup ("Earth observation");
  const char * const *got;

  g_assert_cmpstr (atlas_partnership_get_title (p), ==, "");
  g_assert_cmpstr (atlas_partnership_get_summary (p), ==, "");
  g_assert_null (atlas_partnership_get_countries (p)[0]);

  atlas_partnership_set_tags (p, (const char * const *) tags);
  atlas_partnership_set_title (p, title);
  g_clear_pointer (&tags, g_strfreev);
  g_clear_pointer (&title, g_free);

  got = atlas_partnership_get_tags (p);
  g_assert_cmpuint (g_strv_length ((char **) got), ==, 4);
  g_assert_cmpstr (got[0], ==, "x");
  g_assert_cmpstr (got[2], ==, "");
  g_assert_cmpstr (got[3], ==, "zzz");
  g_assert_cmpstr (atlas_partnership_get_title (p), ==, "Earth observation");

  /* From a part of what they were */
  atlas_partnership_set_tags (p, atlas_partnership_get_tags (p) + 1);
  atlas_partnership_set_title (p, atlas_partnership_get_title (p) + 6);
  got = atlas_partnership_get_tags (p);
  g_assert_cmpuint (g_strv_length ((char **) got), ==, 3);
  g_assert_cmpstr (got[0], ==, "yy");
  g_assert_cmpstr (atlas_partnership_get_title (p), ==, "observation");

  copy = atlas_partnership_copy (p);
  atlas_partnership_set_tags (p, NULL);
  atlas_partnership_set_title (p, NULL);
  g_assert_null (atlas_partnership_get_tags (p)[0]);
  g_assert_cmpstr (atlas_partnership_get_title (p), ==, "");
  g_assert_cmpuint (g_strv_length ((char **) atlas_partnership_get_tags (copy)), ==, 3);
  g_assert_cmpstr (atlas_partnership_get_title (copy), ==, "observation");
  g_assert_false (atlas_partnership_equal (p, copy));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partnership/properties", test_properties);
  g_test_add_func ("/partnership/notify-once-per-change", test_notify_once_per_change);
  g_test_add_func ("/partnership/copy-is-deep", test_copy_is_deep);
  g_test_add_func ("/partnership/compare", test_compare);
  g_test_add_func ("/partnership/kinds-and-statuses", test_kinds_and_statuses);
  g_test_add_func ("/partnership/format-period", test_format_period);
  g_test_add_func ("/partnership/lists-and-strings", test_lists_and_strings);

  return g_test_run ();
}
