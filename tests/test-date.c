/* test-date.c — AtlasDate: parsing, formatting, ordering, precision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-date.h"

static void
assert_parses (const char *text,
               int         year,
               int         month,
               int         day,
               AtlasDatePrecision precision)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;
  AtlasDate date;

  g_assert_true (atlas_date_parse (text, &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (date.year, ==, year);
  g_assert_cmpint (date.month, ==, month);
  g_assert_cmpint (date.day, ==, day);
  g_assert_cmpint (date.precision, ==, precision);

  back = atlas_date_to_string (&date);
  g_assert_cmpstr (back, ==, text);
}

static void
assert_rejects (const char     *text,
                int             code)
{
  g_autoptr(GError) error = NULL;
  AtlasDate date = { 1, 1, 1, ATLAS_DATE_PRECISION_DAY };

  g_assert_false (atlas_date_parse (text, &date, &error));
  g_assert_error (error, ATLAS_DATE_ERROR, code);
  g_assert_false (atlas_date_is_set (&date));
  /* The message names the text, so a curator sees what was read */
  if (text != NULL && *text != '\0')
    g_assert_nonnull (strstr (error->message, text));
}

static void
test_parse_valid (void)
{
  assert_parses ("2018", 2018, 0, 0, ATLAS_DATE_PRECISION_YEAR);
  assert_parses ("1988-07", 1988, 7, 0, ATLAS_DATE_PRECISION_MONTH);
  assert_parses ("2018-04-24", 2018, 4, 24, ATLAS_DATE_PRECISION_DAY);
  assert_parses ("0001-01-01", 1, 1, 1, ATLAS_DATE_PRECISION_DAY);
  assert_parses ("9999-12-31", 9999, 12, 31, ATLAS_DATE_PRECISION_DAY);
  assert_parses ("1957-10", 1957, 10, 0, ATLAS_DATE_PRECISION_MONTH);
}

static void
test_parse_leap_days (void)
{
  g_autoptr(GError) error = NULL;
  AtlasDate date;

  assert_parses ("2016-02-29", 2016, 2, 29, ATLAS_DATE_PRECISION_DAY);
  assert_parses ("2000-02-29", 2000, 2, 29, ATLAS_DATE_PRECISION_DAY);  /* divisible by 400 */
  assert_rejects ("1900-02-29", ATLAS_DATE_ERROR_RANGE);               /* divisible by 100 */
  assert_rejects ("2018-02-29", ATLAS_DATE_ERROR_RANGE);
  assert_rejects ("2018-02-30", ATLAS_DATE_ERROR_RANGE);
  assert_rejects ("2018-04-31", ATLAS_DATE_ERROR_RANGE);

  g_assert_cmpint (atlas_date_days_in_month (2016, 2), ==, 29);
  g_assert_cmpint (atlas_date_days_in_month (2100, 2), ==, 28);
  g_assert_cmpint (atlas_date_days_in_month (2018, 12), ==, 31);

  g_assert_true (atlas_date_parse ("2018-02-30", &date, NULL) == FALSE);
  g_assert_false (atlas_date_parse ("2018-02-29", &date, &error));
  g_assert_nonnull (strstr (error->message, "no day 29"));
}

static void
test_parse_invalid (void)
{
  assert_rejects (NULL, ATLAS_DATE_ERROR_EMPTY);
  assert_rejects ("", ATLAS_DATE_ERROR_EMPTY);
  assert_rejects ("0000", ATLAS_DATE_ERROR_RANGE);
  assert_rejects ("0000-01-01", ATLAS_DATE_ERROR_RANGE);
  assert_rejects ("2018-13", ATLAS_DATE_ERROR_RANGE);
  assert_rejects ("2018-00", ATLAS_DATE_ERROR_RANGE);
  assert_rejects ("2018-01-00", ATLAS_DATE_ERROR_RANGE);
  assert_rejects ("2018-01-32", ATLAS_DATE_ERROR_RANGE);
  assert_rejects (" 2018", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("2018 ", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("2018-1", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("2018-01-1", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("18", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("12018", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("2018/02/03", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("20180203", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("-2018", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("+2018", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("2018-W05", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("２０１８", ATLAS_DATE_ERROR_SYNTAX);
  assert_rejects ("yesterday", ATLAS_DATE_ERROR_SYNTAX);
}

static void
test_parse_rejects_times (void)
{
  assert_rejects ("2018-02-03T10:00", ATLAS_DATE_ERROR_TIME);
  assert_rejects ("2018-02-03T10:00:00Z", ATLAS_DATE_ERROR_TIME);
  assert_rejects ("2018-02-03Z", ATLAS_DATE_ERROR_TIME);
  assert_rejects ("2018-02-03+02:00", ATLAS_DATE_ERROR_TIME);
  assert_rejects ("2018-02-03-05:00", ATLAS_DATE_ERROR_TIME);
}

static AtlasDate
date (const char *text)
{
  AtlasDate d;

  g_assert_true (atlas_date_parse (text, &d, NULL));
  return d;
}

static void
test_compare (void)
{
  const char *ordered[] = { "1957", "1988", "1988-01", "1988-01-01", "1988-01-02",
                            "1988-02", "1988-12-31", "1989", "2018-04-24" };
  AtlasDate unset = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (ordered); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ordered); j++)
      {
        AtlasDate a = date (ordered[i]);
        AtlasDate b = date (ordered[j]);
        int cmp = atlas_date_compare (&a, &b);

        if (i < j)
          g_assert_cmpint (cmp, <, 0);
        else if (i > j)
          g_assert_cmpint (cmp, >, 0);
        else
          {
            g_assert_cmpint (cmp, ==, 0);
            g_assert_true (atlas_date_equal (&a, &b));
          }
      }

  {
    AtlasDate a = date ("1957");
    g_assert_cmpint (atlas_date_compare (&unset, &a), <, 0);
    g_assert_cmpint (atlas_date_compare (&a, &unset), >, 0);
    g_assert_cmpint (atlas_date_compare (&unset, &unset), ==, 0);
  }
}

static void
test_day_numbers (void)
{
  AtlasDate d;

  /* Day 1 is 0001-01-01, as for GDate's Julian days */
  d = date ("0001-01-01");
  g_assert_cmpint (atlas_date_get_first_day (&d), ==, 1);

  /* Agree with GDate over many dates */
  for (int year = 1; year <= 9999; year += 37)
    for (int month = 1; month <= 12; month += 5)
      {
        GDate g;
        AtlasDate a;

        g_assert_true (atlas_date_init (&a, year, month, atlas_date_days_in_month (year, month)));
        g_date_clear (&g, 1);
        g_date_set_dmy (&g, a.day, month, year);
        g_assert_cmpint (atlas_date_get_first_day (&a), ==, (gint32) g_date_get_julian (&g));
      }

  /* A year spans its days; a month its days */
  d = date ("2016");
  g_assert_cmpint (atlas_date_get_last_day (&d) - atlas_date_get_first_day (&d), ==, 365);
  d = date ("2018");
  g_assert_cmpint (atlas_date_get_last_day (&d) - atlas_date_get_first_day (&d), ==, 364);
  d = date ("2016-02");
  g_assert_cmpint (atlas_date_get_last_day (&d) - atlas_date_get_first_day (&d), ==, 28);
  d = date ("2018-04-24");
  g_assert_cmpint (atlas_date_get_last_day (&d), ==, atlas_date_get_first_day (&d));

  d = (AtlasDate) { 0 };
  g_assert_cmpint (atlas_date_get_first_day (&d), ==, 0);
}

static void
test_is_before (void)
{
  AtlasDate start = date ("1988-07");
  AtlasDate end;
  AtlasDate unset = { 0 };

  end = date ("1988");
  g_assert_false (atlas_date_is_before (&end, &start));   /* may be December 1988 */
  end = date ("1988-06-30");
  g_assert_true (atlas_date_is_before (&end, &start));
  end = date ("1988-07-01");
  g_assert_false (atlas_date_is_before (&end, &start));
  end = date ("1987");
  g_assert_true (atlas_date_is_before (&end, &start));
  g_assert_false (atlas_date_is_before (&unset, &start));
}

static void
test_init (void)
{
  AtlasDate d;

  g_assert_true (atlas_date_init (&d, 2018, 0, 0));
  g_assert_cmpint (d.precision, ==, ATLAS_DATE_PRECISION_YEAR);
  g_assert_false (atlas_date_init (&d, 2018, 0, 5));
  g_assert_false (atlas_date_is_set (&d));
  g_assert_false (atlas_date_init (&d, 0, 1, 1));
  g_assert_false (atlas_date_init (&d, 10000, 1, 1));
  g_assert_false (atlas_date_init (&d, 2018, 2, 29));
}

static void
test_format (void)
{
  AtlasDate d;
  g_autofree char *year = NULL;
  g_autofree char *month = NULL;
  g_autofree char *day = NULL;
  g_autofree char *none = NULL;

  d = date ("1988");
  year = atlas_date_format (&d);
  d = date ("1988-07");
  month = atlas_date_format (&d);
  d = date ("2018-04-03");
  day = atlas_date_format (&d);
  d = (AtlasDate) { 0 };
  none = atlas_date_format (&d);

  /* Only what is known shows */
  g_assert_cmpstr (year, ==, "1988");
  g_assert_cmpstr (month, ==, "July 1988");
  g_assert_cmpstr (day, ==, "3 April 2018");
  g_assert_cmpstr (none, ==, "");
}

static void
test_boxed (void)
{
  AtlasDate d = date ("2001-07-09");
  g_autoptr(AtlasDate) copy = atlas_date_copy (&d);
  GValue value = G_VALUE_INIT;

  g_assert_true (atlas_date_equal (&d, copy));

  g_value_init (&value, ATLAS_TYPE_DATE);
  g_value_set_boxed (&value, &d);
  g_assert_true (atlas_date_equal (g_value_get_boxed (&value), &d));
  g_value_unset (&value);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/leap-days", test_parse_leap_days);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/parse/rejects-times", test_parse_rejects_times);
  g_test_add_func ("/date/compare", test_compare);
  g_test_add_func ("/date/day-numbers", test_day_numbers);
  g_test_add_func ("/date/is-before", test_is_before);
  g_test_add_func ("/date/init", test_init);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/boxed", test_boxed);

  return g_test_run ();
}
