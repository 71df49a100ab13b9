/* test-data-set.c — the bundled data set (data/partnerships.json and
 * data/organizations.json) is valid and traceable to its sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-countries.h"
#include "atlas-format.h"
#include "atlas-organizations.h"

static char *
data_path (const char *name)
{
  const char *root = g_getenv ("ATLAS_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", name, NULL);
}

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GPtrArray *
read_records (void)
{
  g_autoptr(GBytes) bytes = read_data ("partnerships.json");
  g_autoptr(GPtrArray) problems = NULL;
  GPtrArray *records = atlas_format_read (bytes, NULL, &problems);

  if (problems->len > 0)
    {
      g_autofree char *report = atlas_problems_to_string (problems, "partnerships.json");
      g_printerr ("%s", report);
    }
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (records);
  return records;
}

static AtlasOrganizations *
read_organizations (void)
{
  g_autoptr(GBytes) bytes = read_data ("organizations.json");
  g_autoptr(GPtrArray) problems = NULL;
  AtlasOrganizations *orgs = atlas_organizations_new ();

  atlas_organizations_load_bytes (orgs, bytes, &problems);
  if (problems->len > 0)
    {
      g_autofree char *report = atlas_problems_to_string (problems, "organizations.json");
      g_printerr ("%s", report);
    }
  g_assert_cmpuint (problems->len, ==, 0);
  return orgs;
}

/* File name → SHA-256, from data/seed-documents.tsv */
static GHashTable *
read_seed_manifest (void)
{
  g_autofree char *path = data_path ("seed-documents.tsv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *manifest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      g_hash_table_insert (manifest, g_strdup (fields[0]), g_strdup (fields[1]));
    }

  return manifest;
}

static void
test_records_are_valid (void)
{
  g_autoptr(GPtrArray) records = read_records ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (records->len, >=, 30);

  for (guint i = 0; i < records->len; i++)
    {
      AtlasPartnership *p = records->pdata[i];
      const char * const *countries = atlas_partnership_get_countries (p);

      /* The reader checks these already; say it again, plainly */
      g_assert_true (g_hash_table_add (ids, (gpointer) atlas_partnership_get_id (p)));
      g_assert_cmpstr (atlas_partnership_get_title (p), !=, "");
      g_assert_cmpstr (atlas_partnership_get_summary (p), !=, "");
      g_assert_nonnull (countries[0]);
      for (guint c = 0; countries[c] != NULL; c++)
        g_assert_true (atlas_countries_is_known (countries[c]));
    }
}

static void
test_organizations_are_defined (void)
{
  g_autoptr(GPtrArray) records = read_records ();
  g_autoptr(AtlasOrganizations) orgs = read_organizations ();
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < records->len; i++)
    {
      const char * const *names = atlas_partnership_get_organizations (records->pdata[i]);

      for (guint n = 0; names[n] != NULL; n++)
        {
          if (atlas_organizations_lookup (orgs, names[n]) == NULL)
            g_error ("record %s names the organization “%s”, which organizations.json lacks",
                     atlas_partnership_get_id (records->pdata[i]), names[n]);
          g_hash_table_add (used, (gpointer) names[n]);
        }
    }

  /* And organizations.json holds no organization that no record names */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (orgs)); i++)
    {
      g_autoptr(AtlasOrganization) org = g_list_model_get_item (G_LIST_MODEL (orgs), i);

      if (!g_hash_table_contains (used, atlas_organization_get_id (org)))
        g_error ("organizations.json defines “%s”, which no record names",
                 atlas_organization_get_id (org));

      if (g_strv_length ((char **) atlas_organization_get_members (org)) > 0)
        g_assert_cmpint (atlas_organization_get_members_year (org), >, 1900);
    }
}

static void
test_sources_are_traceable (void)
{
  g_autoptr(GPtrArray) records = read_records ();
  g_autoptr(GHashTable) manifest = read_seed_manifest ();
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (g_hash_table_size (manifest), ==, 5);

  for (guint i = 0; i < records->len; i++)
    {
      AtlasPartnership *p = records->pdata[i];
      GPtrArray *sources = atlas_partnership_get_sources (p);
      gboolean from_seed = FALSE;

      g_assert_cmpuint (sources->len, >, 0);

      for (guint s = 0; s < sources->len; s++)
        {
          AtlasSource *source = sources->pdata[s];

          g_assert_cmpstr (source->title, !=, "");
          if (source->document != NULL)
            {
              if (!g_hash_table_contains (manifest, source->document))
                g_error ("record %s cites “%s”, which is not a seed document",
                         atlas_partnership_get_id (p), source->document);
              g_hash_table_add (cited, source->document);
              from_seed = TRUE;
            }
          else
            /* A fact from outside the seed documents carries its own address */
            g_assert_true (source->url != NULL && g_str_has_prefix (source->url, "http"));
        }

      /* Every record comes from a seed document first */
      g_assert_true (from_seed);
    }

  /* Every seed document contributed */
  g_assert_cmpuint (g_hash_table_size (cited), ==, g_hash_table_size (manifest));
}

static void
test_manifest_matches_seeds (void)
{
  const char *seeds_dir = g_getenv ("ATLAS_SEEDS_DIR");
  g_autofree char *default_dir = NULL;
  g_autoptr(GHashTable) manifest = read_seed_manifest ();
  g_autoptr(GDir) dir = NULL;
  GHashTableIter iter;
  gpointer name, digest;
  const char *entry;

  if (seeds_dir == NULL)
    seeds_dir = default_dir = g_build_filename (g_getenv ("ATLAS_SOURCE_ROOT"), "..", "shared",
                                                "seeds", NULL);

  dir = g_dir_open (seeds_dir, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("the seed documents are not on this machine (set ATLAS_SEEDS_DIR)");
      return;
    }

  g_hash_table_iter_init (&iter, manifest);
  while (g_hash_table_iter_next (&iter, &name, &digest))
    {
      g_autofree char *path = g_build_filename (seeds_dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *actual = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      g_assert_cmpstr (actual, ==, digest);
    }

  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".txt"))
      g_assert_true (g_hash_table_contains (manifest, entry));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data-set/records-are-valid", test_records_are_valid);
  g_test_add_func ("/data-set/organizations-are-defined", test_organizations_are_defined);
  g_test_add_func ("/data-set/sources-are-traceable", test_sources_are_traceable);
  g_test_add_func ("/data-set/manifest-matches-seeds", test_manifest_matches_seeds);

  return g_test_run ();
}
