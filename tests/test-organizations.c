/* test-organizations.c — the list of organizations: reading and checking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-format.h"
#include "atlas-organizations.h"

static const char good[] =
  "{\n"
  "  \"format\": \"space-atlas-organizations\",\n"
  "  \"version\": 1,\n"
  "  \"organizations\": [\n"
  "    { \"id\": \"ESA\", \"name\": \"European Space Agency\", \"kind\": \"intergovernmental\",\n"
  "      \"headquarters\": \"FR\", \"members\": [\"FR\", \"DE\", \"IT\"], \"members_year\": 2018,\n"
  "      \"url\": \"https://www.esa.int\" },\n"
  "    { \"id\": \"CNSA\", \"name\": \"China National Space Administration\", \"kind\": \"agency\",\n"
  "      \"headquarters\": \"CN\", \"url\": null }\n"
  "  ]\n"
  "}\n";

static const char bad[] =
  "{\n"
  "  \"format\": \"space-atlas-organizations\",\n"
  "  \"version\": 1,\n"
  "  \"organizations\": [\n"
  "    { \"id\": \"ESA\", \"name\": \"\", \"kind\": \"club\", \"headquarters\": \"XX\",\n"
  "      \"members\": [\"FR\", \"ZZ\"] },\n"
  "    { \"id\": \"ESA\", \"name\": \"Again\", \"kind\": \"agency\" }\n"
  "  ]\n"
  "}\n";

static void
test_load (void)
{
  g_autoptr(AtlasOrganizations) orgs = atlas_organizations_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (good, sizeof good - 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(AtlasOrganization) first = NULL;
  AtlasOrganization *esa, *cnsa;

  g_assert_true (atlas_organizations_load_bytes (orgs, bytes, &problems));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgs)), ==, 2);

  /* Sorted by id */
  first = g_list_model_get_item (G_LIST_MODEL (orgs), 0);
  g_assert_cmpstr (atlas_organization_get_id (first), ==, "CNSA");

  esa = atlas_organizations_lookup (orgs, "ESA");
  g_assert_nonnull (esa);
  g_assert_cmpstr (atlas_organization_get_name (esa), ==, "European Space Agency");
  g_assert_cmpstr (atlas_organization_get_kind (esa), ==, "intergovernmental");
  g_assert_cmpstr (atlas_organization_get_headquarters (esa), ==, "FR");
  g_assert_cmpuint (g_strv_length ((char **) atlas_organization_get_members (esa)), ==, 3);
  g_assert_cmpint (atlas_organization_get_members_year (esa), ==, 2018);
  g_assert_cmpstr (atlas_organization_get_url (esa), ==, "https://www.esa.int");

  cnsa = atlas_organizations_lookup (orgs, "CNSA");
  g_assert_cmpuint (g_strv_length ((char **) atlas_organization_get_members (cnsa)), ==, 0);
  g_assert_null (atlas_organization_get_url (cnsa));
  g_assert_null (atlas_organizations_lookup (orgs, "NASA"));
  g_assert_nonnull (atlas_organization_kind_get_label ("agency"));
}

static void
test_bad_file_reports_and_keeps (void)
{
  g_autoptr(AtlasOrganizations) orgs = atlas_organizations_new ();
  g_autoptr(GBytes) good_bytes = g_bytes_new_static (good, sizeof good - 1);
  g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad, sizeof bad - 1);
  g_autoptr(GBytes) junk = g_bytes_new_static ("{", 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *report = NULL;

  g_assert_true (atlas_organizations_load_bytes (orgs, good_bytes, NULL));

  g_assert_false (atlas_organizations_load_bytes (orgs, bad_bytes, &problems));
  report = atlas_problems_to_string (problems, "organizations.json");
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "record 1 (ESA): name: is missing"));
  g_assert_nonnull (strstr (report, "record 1 (ESA): kind:"));
  g_assert_nonnull (strstr (report, "record 1 (ESA): headquarters: “XX”"));
  g_assert_nonnull (strstr (report, "record 1 (ESA): members: item 2"));
  g_assert_nonnull (strstr (report, "record 1 (ESA): members_year:"));
  g_assert_nonnull (strstr (report, "record 2 (ESA): id: “ESA” is defined twice"));

  /* What was loaded stays */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgs)), ==, 2);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_false (atlas_organizations_load_bytes (orgs, junk, &problems));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgs)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/organizations/load", test_load);
  g_test_add_func ("/organizations/bad-file-reports-and-keeps", test_bad_file_reports_and_keeps);

  return g_test_run ();
}
