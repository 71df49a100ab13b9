/* test-view-state.c — view strings: parse, write, round trip, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-view-state.h"

static void
test_empty (void)
{
  g_autoptr(AtlasViewState) state = atlas_view_state_new ();
  g_autoptr(AtlasViewState) parsed = NULL;
  g_autofree char *text = atlas_view_state_to_string (state);

  g_assert_cmpstr (text, ==, "space-atlas://view");
  g_assert_false (atlas_view_state_has_filter (state));

  parsed = atlas_view_state_parse ("space-atlas://view", NULL);
  g_assert_nonnull (parsed);
  g_assert_true (atlas_view_state_equal (state, parsed));
}

static void
test_full_round_trip (void)
{
  const char *text =
    "space-atlas://view?from=1988&to=2010-06&kind=agreement,joint-mission&status=active"
    "&country=CN,BR&org=ESA,ISTP%20SB%20RAS&tag=lunar&q=earth%20observation%20%C3%A9t%C3%A9"
    "&record=cbers&lanes=country&time=1980-01-01..2030-12-31&map=35.0000,105.0000,3.00";
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasViewState) state = atlas_view_state_parse (text, &error);
  g_autofree char *back = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (state->from.year, ==, 1988);
  g_assert_cmpint (state->from.precision, ==, ATLAS_DATE_PRECISION_YEAR);
  g_assert_cmpint (state->to.month, ==, 6);
  g_assert_cmpuint (state->kinds, ==, (1u << ATLAS_KIND_AGREEMENT) | (1u << ATLAS_KIND_JOINT_MISSION));
  g_assert_cmpuint (state->statuses, ==, 1u << ATLAS_STATUS_ACTIVE);
  g_assert_cmpstr (state->countries[1], ==, "BR");
  g_assert_cmpstr (state->organizations[1], ==, "ISTP SB RAS");
  g_assert_cmpstr (state->tags[0], ==, "lunar");
  g_assert_cmpstr (state->text, ==, "earth observation été");
  g_assert_cmpstr (state->record, ==, "cbers");
  g_assert_cmpstr (state->lanes, ==, "country");
  g_assert_cmpfloat (state->time_end - state->time_start, >, 365 * 50);
  g_assert_true (state->has_map);
  g_assert_cmpfloat (state->map_longitude, ==, 105.0);
  g_assert_true (atlas_view_state_has_filter (state));

  /* Written back, it is the same string */
  back = atlas_view_state_to_string (state);
  g_assert_cmpstr (back, ==, text);
}

static void
test_order_does_not_matter (void)
{
  g_autoptr(AtlasViewState) a = atlas_view_state_parse ("space-atlas://view?country=FR&from=2001", NULL);
  g_autoptr(AtlasViewState) b = atlas_view_state_parse ("space-atlas://view?from=2001&country=FR", NULL);
  g_autoptr(AtlasViewState) copy = atlas_view_state_copy (a);

  g_assert_true (atlas_view_state_equal (a, b));
  g_assert_true (atlas_view_state_equal (a, copy));
}

static void
test_unknown_parameters_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasViewState) state =
    atlas_view_state_parse ("  space-atlas://view?future=1&country=CN", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (state->countries[0], ==, "CN");
}

static void
test_errors (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "https://example.org/view?country=CN", "starts with" },
    { "space-atlas://views", "starts with" },
    { "space-atlas://view?from=2018-13", "The view's “from”: “2018-13”: there is no month 13" },
    { "space-atlas://view?kind=mission", "The view's “kind”: “mission” is not known" },
    { "space-atlas://view?country=XX", "The view's “country”: “XX” is not an ISO 3166 country code" },
    { "space-atlas://view?from=2010&to=2001", "The view's “to”: the end of the time range is before its start" },
    { "space-atlas://view?time=2030-01-01..2020-01-01", "The view's “time”" },
    { "space-atlas://view?map=95,0,3", "The view's “map”" },
    { "space-atlas://view?lanes=colour", "The view's “lanes”" },
    { "space-atlas://view?q=%zz", "not well formed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasViewState) state = atlas_view_state_parse (cases[i].text, &error);

      g_assert_null (state);
      g_assert_nonnull (error);
      g_test_message ("%s → %s", cases[i].text, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-state/empty", test_empty);
  g_test_add_func ("/view-state/full-round-trip", test_full_round_trip);
  g_test_add_func ("/view-state/order-does-not-matter", test_order_does_not_matter);
  g_test_add_func ("/view-state/unknown-parameters-ignored", test_unknown_parameters_ignored);
  g_test_add_func ("/view-state/errors", test_errors);

  return g_test_run ();
}
