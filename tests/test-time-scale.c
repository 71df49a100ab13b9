/* test-time-scale.c — the time axis: days and pixels, ticks and their
 * labels at every zoom, across month and year boundaries; no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>

#include "atlas-time-scale.h"

/* A fixed-width font: 7 px a character */
static double
measure (const char *text,
         gpointer    user_data)
{
  return 7.0 * g_utf8_strlen (text, -1);
}

static double
day (int year,
     int month,
     int mday)
{
  return atlas_time_day_from_date (year, month, mday);
}

static void
test_days (void)
{
  AtlasTimeScale scale = { day (2000, 1, 1), 2.5 };
  GDate date;
  int y, m, d;

  g_assert_cmpfloat (day (1, 1, 1), ==, 1);
  g_assert_cmpfloat (day (1, 1, 2), ==, 2);

  /* The same numbering as GDate (and AtlasDate) */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 9, G_DATE_JULY, 2001);
  g_assert_cmpfloat (day (2001, 7, 9), ==, g_date_get_julian (&date));

  /* Round trips over leap years and a century that is not one */
  for (double n = day (1899, 12, 1); n < day (1901, 3, 31); n++)
    {
      g_assert_true (atlas_time_day_to_date (n + 0.75, &y, &m, &d));
      g_assert_cmpfloat (day (y, m, d), ==, n);
    }
  atlas_time_day_to_date (day (1900, 2, 28) + 1, &y, &m, &d);
  g_assert_cmpint (m, ==, 3);
  g_assert_cmpint (d, ==, 1);
  atlas_time_day_to_date (day (2000, 2, 28) + 1, &y, &m, &d);
  g_assert_cmpint (m, ==, 2);
  g_assert_cmpint (d, ==, 29);

  /* Out of range */
  g_assert_false (atlas_time_day_to_date (0, &y, &m, &d));
  g_assert_cmpint (y, ==, 1);
  g_assert_false (atlas_time_day_to_date (ATLAS_TIME_LAST_DAY + 1, &y, NULL, NULL));
  g_assert_cmpint (y, ==, 9999);

  /* Pixels */
  g_assert_cmpfloat (atlas_time_scale_to_x (&scale, day (2000, 1, 1)), ==, 0);
  g_assert_cmpfloat (atlas_time_scale_to_x (&scale, day (2000, 1, 11)), ==, 25);
  g_assert_cmpfloat (atlas_time_scale_to_day (&scale, 25), ==, day (2000, 1, 11));
  g_assert_cmpfloat (atlas_time_scale_to_day (&scale, -2.5), ==, day (1999, 12, 31));
}

/* Day numbers are GDate's Julian days, for every day of years 1 to 9999 */
static void
test_days_as_gdate (void)
{
  GDate date;

  g_date_clear (&date, 1);
  for (guint32 julian = ATLAS_TIME_FIRST_DAY; julian <= ATLAS_TIME_LAST_DAY; julian++)
    {
      int year, month, day;

      g_date_set_julian (&date, julian);
      g_assert_true (atlas_time_day_to_date (julian + 0.5, &year, &month, &day));
      if (year != g_date_get_year (&date) || month != (int) g_date_get_month (&date) || day != g_date_get_day (&date))
        g_error ("Day %u is %d-%d-%d, not %d-%d-%d", julian, year, month, day,
                 g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      if (atlas_time_day_from_date (year, month, day) != julian)
        g_error ("%d-%d-%d is day %g, not %u", year, month, day, atlas_time_day_from_date (year, month, day), julian);
    }

  /* Out of range: clamped */
  g_assert_cmpfloat (atlas_time_day_from_date (0, 0, 0), ==, ATLAS_TIME_FIRST_DAY);
  g_assert_cmpfloat (atlas_time_day_from_date (10000, 13, 32), ==, ATLAS_TIME_LAST_DAY);
  g_assert_cmpfloat (atlas_time_day_from_date (2023, 2, 29), ==, atlas_time_day_from_date (2023, 2, 28));
  g_assert_cmpfloat (atlas_time_day_from_date (2024, 2, 30), ==, atlas_time_day_from_date (2024, 2, 29));
}

static void
test_period_end (void)
{
  g_assert_cmpfloat (atlas_time_period_end (day (1988, 7, 1), ATLAS_TIME_PRECISION_MONTH), ==, day (1988, 8, 1));
  g_assert_cmpfloat (atlas_time_period_end (day (1988, 12, 1), ATLAS_TIME_PRECISION_MONTH), ==, day (1989, 1, 1));
  g_assert_cmpfloat (atlas_time_period_end (day (2018, 1, 1), ATLAS_TIME_PRECISION_YEAR), ==, day (2019, 1, 1));
  g_assert_cmpfloat (atlas_time_period_end (day (2018, 12, 31), ATLAS_TIME_PRECISION_DAY), ==, day (2019, 1, 1));
  g_assert_cmpfloat (atlas_time_period_end (day (2018, 3, 5), ATLAS_TIME_PRECISION_NONE), ==, day (2018, 3, 6));
  g_assert_cmpfloat (atlas_time_period_end (day (9999, 6, 1), ATLAS_TIME_PRECISION_YEAR), ==, ATLAS_TIME_LAST_DAY + 1);
}

static void
assert_ticks (AtlasTimeStep  step,
              double         from,
              double         to,
              const double  *expected,
              guint          n_expected)
{
  g_autoptr(GArray) ticks = atlas_time_step_ticks (step, from, to);

  g_assert_cmpuint (ticks->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpfloat (g_array_index (ticks, double, i), ==, expected[i]);
}

static void
assert_labels (AtlasTimeStep        step,
               AtlasTimeLabelStyle  style,
               gboolean             context,
               double               from,
               double               to,
               const char * const  *expected)
{
  g_autoptr(GArray) ticks = atlas_time_step_ticks (step, from, to);

  g_assert_cmpuint (ticks->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < ticks->len; i++)
    {
      double tick = g_array_index (ticks, double, i);
      g_autofree char *label = context ? atlas_time_format_context (tick, step, style)
                                       : atlas_time_format_tick (tick, step, style);

      g_assert_cmpstr (label, ==, expected[i]);
    }
}

static void
test_ticks_days (void)
{
  AtlasTimeStep d1 = { ATLAS_TIME_UNIT_DAY, 1 };
  AtlasTimeStep d2 = { ATLAS_TIME_UNIT_DAY, 2 };
  AtlasTimeStep d5 = { ATLAS_TIME_UNIT_DAY, 5 };
  AtlasTimeStep d10 = { ATLAS_TIME_UNIT_DAY, 10 };
  AtlasTimeStep month = { ATLAS_TIME_UNIT_MONTH, 1 };
  gboolean has_context;
  const double across_year[] = {
    day (2017, 12, 29), day (2017, 12, 30), day (2017, 12, 31),
    day (2018, 1, 1), day (2018, 1, 2), day (2018, 1, 3),
  };
  const double every_other[] = {
    day (2018, 1, 29), day (2018, 2, 1), day (2018, 2, 3),
  };

  /* Across a year: the tick at or before the start comes first */
  assert_ticks (d1, day (2017, 12, 29) + 0.5, day (2018, 1, 3) + 0.5, across_year, G_N_ELEMENTS (across_year));
  assert_labels (d1, ATLAS_TIME_LABEL_SHORT, FALSE, day (2017, 12, 29) + 0.5, day (2018, 1, 3) + 0.5,
                 (const char *[]) { "29", "30", "31", "1", "2", "3", NULL });
  assert_labels (d1, ATLAS_TIME_LABEL_LONG, FALSE, day (2018, 1, 21) + 0.5, day (2018, 1, 23),
                 (const char *[]) { "Sun 21", "Mon 22", "Tue 23", NULL });

  /* Their context is the month and its year */
  g_assert_true (atlas_time_step_context (d1, &has_context).unit == ATLAS_TIME_UNIT_MONTH);
  g_assert_true (has_context);
  assert_labels (month, ATLAS_TIME_LABEL_LONG, TRUE, day (2017, 12, 29) + 0.5, day (2018, 1, 3),
                 (const char *[]) { "December 2017", "January 2018", NULL });
  assert_labels (month, ATLAS_TIME_LABEL_SHORT, TRUE, day (2017, 12, 29) + 0.5, day (2018, 1, 3),
                 (const char *[]) { "Dec 2017", "Jan 2018", NULL });

  /* Steps of days restart on the 1st; a 31st would crowd the next 1st */
  assert_ticks (d2, day (2018, 1, 30), day (2018, 2, 3), every_other, G_N_ELEMENTS (every_other));
  assert_labels (d2, ATLAS_TIME_LABEL_SHORT, FALSE, day (2018, 2, 1), day (2018, 3, 1),
                 (const char *[]) { "1", "3", "5", "7", "9", "11", "13", "15", "17", "19", "21",
                                    "23", "25", "27", "1", NULL });
  assert_labels (d5, ATLAS_TIME_LABEL_SHORT, FALSE, day (2018, 1, 1), day (2018, 2, 1),
                 (const char *[]) { "1", "6", "11", "16", "21", "26", "1", NULL });
  assert_labels (d10, ATLAS_TIME_LABEL_SHORT, FALSE, day (2016, 2, 1), day (2016, 3, 1),
                 (const char *[]) { "1", "11", "21", "1", NULL });

  /* No two ticks closer than the step's least distance */
  for (int s = 0; s < 4; s++)
    {
      AtlasTimeStep step = s == 0 ? d1 : s == 1 ? d2 : s == 2 ? d5 : d10;
      g_autoptr(GArray) ticks = atlas_time_step_ticks (step, day (2015, 1, 1), day (2017, 1, 1));

      for (guint i = 1; i < ticks->len; i++)
        g_assert_cmpfloat (g_array_index (ticks, double, i) - g_array_index (ticks, double, i - 1),
                           >=, atlas_time_step_min_days (step));
    }
}

static void
test_ticks_months (void)
{
  AtlasTimeStep m1 = { ATLAS_TIME_UNIT_MONTH, 1 };
  AtlasTimeStep m3 = { ATLAS_TIME_UNIT_MONTH, 3 };
  AtlasTimeStep m6 = { ATLAS_TIME_UNIT_MONTH, 6 };
  AtlasTimeStep year = { ATLAS_TIME_UNIT_YEAR, 1 };
  const double months[] = {
    day (2017, 11, 1), day (2017, 12, 1), day (2018, 1, 1), day (2018, 2, 1),
  };
  gboolean has_context;

  assert_ticks (m1, day (2017, 11, 15), day (2018, 2, 10), months, G_N_ELEMENTS (months));
  assert_labels (m1, ATLAS_TIME_LABEL_SHORT, FALSE, day (2017, 11, 15), day (2018, 2, 10),
                 (const char *[]) { "Nov", "Dec", "Jan", "Feb", NULL });
  assert_labels (m1, ATLAS_TIME_LABEL_LONG, FALSE, day (2017, 11, 15), day (2018, 2, 10),
                 (const char *[]) { "November", "December", "January", "February", NULL });
  assert_labels (m3, ATLAS_TIME_LABEL_SHORT, FALSE, day (2017, 11, 15), day (2018, 8, 10),
                 (const char *[]) { "Oct", "Jan", "Apr", "Jul", NULL });
  assert_labels (m6, ATLAS_TIME_LABEL_SHORT, FALSE, day (2017, 11, 15), day (2018, 8, 10),
                 (const char *[]) { "Jul", "Jan", "Jul", NULL });

  /* Their context is the year */
  g_assert_true (atlas_time_step_context (m3, &has_context).unit == ATLAS_TIME_UNIT_YEAR);
  assert_labels (year, ATLAS_TIME_LABEL_LONG, TRUE, day (2017, 11, 15), day (2018, 2, 10),
                 (const char *[]) { "2017", "2018", NULL });
}

static void
test_ticks_years (void)
{
  AtlasTimeStep y5 = { ATLAS_TIME_UNIT_YEAR, 5 };
  AtlasTimeStep y100 = { ATLAS_TIME_UNIT_YEAR, 100 };
  AtlasTimeStep y1000 = { ATLAS_TIME_UNIT_YEAR, 1000 };
  AtlasTimeStep context;
  gboolean has_context;
  const double fives[] = {
    day (1995, 1, 1), day (2000, 1, 1), day (2005, 1, 1), day (2010, 1, 1),
  };
  const double millennia[] = { 1, day (1000, 1, 1), day (2000, 1, 1) };

  assert_ticks (y5, day (1999, 6, 1), day (2011, 1, 1), fives, G_N_ELEMENTS (fives));
  assert_labels (y5, ATLAS_TIME_LABEL_SHORT, FALSE, day (1999, 6, 1), day (2011, 1, 1),
                 (const char *[]) { "1995", "2000", "2005", "2010", NULL });

  /* Years under their decade, decades under their century */
  context = atlas_time_step_context (y5, &has_context);
  g_assert_true (has_context);
  g_assert_cmpint (context.count, ==, 10);
  assert_labels (context, ATLAS_TIME_LABEL_LONG, TRUE, day (1999, 6, 1), day (2011, 1, 1),
                 (const char *[]) { "1990s", "2000s", "2010s", NULL });
  context = atlas_time_step_context (y100, &has_context);
  g_assert_cmpint (context.count, ==, 1000);
  context = atlas_time_step_context (y1000, &has_context);
  g_assert_false (has_context);

  /* There is no year 0: the first day stands in for it */
  assert_ticks (y1000, 500, day (2500, 1, 1), millennia, G_N_ELEMENTS (millennia));
  assert_labels (y1000, ATLAS_TIME_LABEL_LONG, TRUE, 500, day (2500, 1, 1),
                 (const char *[]) { "0s", "1000s", "2000s", NULL });

  /* The end of time ends the ticks */
  {
    g_autoptr(GArray) ticks = atlas_time_step_ticks (y5, day (9990, 1, 1), ATLAS_TIME_LAST_DAY + 1000);

    g_assert_cmpfloat (g_array_index (ticks, double, ticks->len - 1), ==, day (9995, 1, 1));
  }
}

static void
test_choose_step (void)
{
  const struct {
    double              px_per_day;
    AtlasTimeUnit       unit;
    int                 count;
    AtlasTimeLabelStyle style;
  } expected[] = {
    { 100, ATLAS_TIME_UNIT_DAY, 1, ATLAS_TIME_LABEL_LONG },      /* "Mon 22" */
    { 30, ATLAS_TIME_UNIT_DAY, 1, ATLAS_TIME_LABEL_SHORT },      /* "22" */
    { 10, ATLAS_TIME_UNIT_DAY, 5, ATLAS_TIME_LABEL_SHORT },
    { 3, ATLAS_TIME_UNIT_MONTH, 1, ATLAS_TIME_LABEL_LONG },      /* "September" */
    { 1.3, ATLAS_TIME_UNIT_MONTH, 1, ATLAS_TIME_LABEL_SHORT },   /* "Sep" */
    { 1, ATLAS_TIME_UNIT_MONTH, 3, ATLAS_TIME_LABEL_LONG },
    { 0.5, ATLAS_TIME_UNIT_MONTH, 3, ATLAS_TIME_LABEL_SHORT },
    { 0.2, ATLAS_TIME_UNIT_MONTH, 6, ATLAS_TIME_LABEL_SHORT },
    { 0.12, ATLAS_TIME_UNIT_YEAR, 1, ATLAS_TIME_LABEL_SHORT },
    { 0.05, ATLAS_TIME_UNIT_YEAR, 5, ATLAS_TIME_LABEL_SHORT },   /* 73 years in 1333 px */
    { 0.015, ATLAS_TIME_UNIT_YEAR, 10, ATLAS_TIME_LABEL_SHORT },
    { 0.01, ATLAS_TIME_UNIT_YEAR, 20, ATLAS_TIME_LABEL_SHORT },
    { 0.001, ATLAS_TIME_UNIT_YEAR, 200, ATLAS_TIME_LABEL_SHORT },
  };
  AtlasTimeStep step, previous = { ATLAS_TIME_UNIT_DAY, 1 };
  AtlasTimeLabelStyle style;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (atlas_time_choose_step (expected[i].px_per_day, 8, measure, NULL, &step, &style));
      g_assert_cmpint (step.unit, ==, expected[i].unit);
      g_assert_cmpint (step.count, ==, expected[i].count);
      g_assert_cmpint (style, ==, expected[i].style);
    }

  /* Zooming out never picks a finer step */
  for (double ppd = 500; ppd > 1e-4; ppd /= 1.1)
    {
      gboolean coarser_or_same = FALSE;
      AtlasTimeStep walk = previous;

      atlas_time_choose_step (ppd, 8, measure, NULL, &step, &style);
      do
        coarser_or_same = walk.unit == step.unit && walk.count == step.count;
      while (!coarser_or_same && atlas_time_step_next_coarser (&walk));
      g_assert_true (coarser_or_same);
      previous = step;
    }

  /* All of time in a few pixels: nothing fits */
  g_assert_false (atlas_time_choose_step (1e-6, 8, measure, NULL, &step, &style));
  g_assert_cmpint (step.count, ==, 1000);
}

static void
assert_row_clean (GArray *ticks,
                  double  width,
                  double  min_gap)
{
  double end = -G_MAXDOUBLE;
  double x = -G_MAXDOUBLE;

  for (guint i = 0; i < ticks->len; i++)
    {
      AtlasTimeTick *tick = &g_array_index (ticks, AtlasTimeTick, i);

      g_assert_cmpfloat (tick->x, >, x);
      x = tick->x;
      if (tick->label == NULL)
        continue;

      g_assert_cmpstr (tick->label, !=, "");
      g_assert_cmpfloat (tick->label_x, >=, end + min_gap);
      g_assert_cmpfloat (tick->label_x + tick->label_width, <=, width);
      g_assert_cmpfloat (tick->label_x, >=, 0);
      end = tick->label_x + tick->label_width;
    }
}

static void
test_axis_no_overlap (void)
{
  const double widths[] = { 240, 800, 1333 };
  const double origins[] = {
    day (1957, 1, 1), day (2017, 12, 30), day (1999, 12, 31) + 0.5, day (2018, 6, 15),
  };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint o = 0; o < G_N_ELEMENTS (origins); o++)
      for (double ppd = 300; ppd > 2e-5; ppd /= 1.37)
        {
          AtlasTimeScale scale = { origins[o], ppd };
          g_autoptr(AtlasTimeAxis) axis = atlas_time_axis_new (&scale, widths[w], 8, measure, NULL);
          guint n_labels = 0;

          assert_row_clean (axis->ticks, widths[w], 8);
          assert_row_clean (axis->context_ticks, widths[w], 8);
          g_assert_cmpuint (axis->ticks->len, <, 1000);

          for (guint i = 0; i < axis->ticks->len; i++)
            if (g_array_index (axis->ticks, AtlasTimeTick, i).label != NULL)
              n_labels++;

          /* Some label, unless all of time is squeezed in */
          if (ppd * 365 * 1000 > 60)
            g_assert_cmpuint (n_labels, >, 0);
        }
}

static void
test_axis_context_sticks (void)
{
  /* Mid-2018 at a zoom of months: "2018" sticks to the left edge */
  AtlasTimeScale scale = { day (2018, 6, 15), 2 };
  g_autoptr(AtlasTimeAxis) axis = atlas_time_axis_new (&scale, 1000, 8, measure, NULL);
  AtlasTimeTick *first;

  g_assert_cmpint (axis->step.unit, ==, ATLAS_TIME_UNIT_MONTH);
  g_assert_true (axis->has_context);
  first = &g_array_index (axis->context_ticks, AtlasTimeTick, 0);
  g_assert_cmpfloat (first->x, <, 0);
  g_assert_cmpstr (first->label, ==, "2018");
  g_assert_cmpfloat (first->label_x, ==, 4);

  /* ... until 2019 pushes it aside */
  scale.origin = day (2018, 12, 14);
  {
    g_autoptr(AtlasTimeAxis) pushed = atlas_time_axis_new (&scale, 1000, 8, measure, NULL);

    first = &g_array_index (pushed->context_ticks, AtlasTimeTick, 0);
    g_assert_cmpstr (first->label, ==, "2018");
    g_assert_cmpfloat (first->label_x + first->label_width + 8, <=,
                       g_array_index (pushed->context_ticks, AtlasTimeTick, 1).label_x);
    g_assert_cmpfloat (first->label_x, <, 4);
  }

  /* ... and out, rather than being cut */
  scale.origin = day (2018, 12, 20);
  {
    g_autoptr(AtlasTimeAxis) pushed = atlas_time_axis_new (&scale, 1000, 8, measure, NULL);

    g_assert_null (g_array_index (pushed->context_ticks, AtlasTimeTick, 0).label);
    g_assert_cmpstr (g_array_index (pushed->context_ticks, AtlasTimeTick, 1).label, ==, "2019");
  }
}

static void
test_format (void)
{
  g_autofree char *full = atlas_time_format_day (day (2018, 3, 5), ATLAS_TIME_PRECISION_DAY);
  g_autofree char *month = atlas_time_format_day (day (2018, 3, 5), ATLAS_TIME_PRECISION_MONTH);
  g_autofree char *year = atlas_time_format_day (day (2018, 3, 5), ATLAS_TIME_PRECISION_YEAR);
  g_autofree char *range = atlas_time_format_range (day (1990, 1, 1), day (1992, 12, 31), ATLAS_TIME_PRECISION_YEAR);
  g_autofree char *same = atlas_time_format_range (day (1990, 1, 1), day (1990, 12, 31), ATLAS_TIME_PRECISION_YEAR);

  g_assert_cmpstr (full, ==, "5 March 2018");
  g_assert_cmpstr (month, ==, "March 2018");
  g_assert_cmpstr (year, ==, "2018");
  g_assert_cmpstr (range, ==, "1990 – 1992");
  g_assert_cmpstr (same, ==, "1990");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-scale/days", test_days);
  g_test_add_func ("/time-scale/days-as-gdate", test_days_as_gdate);
  g_test_add_func ("/time-scale/period-end", test_period_end);
  g_test_add_func ("/time-scale/ticks/days", test_ticks_days);
  g_test_add_func ("/time-scale/ticks/months", test_ticks_months);
  g_test_add_func ("/time-scale/ticks/years", test_ticks_years);
  g_test_add_func ("/time-scale/choose-step", test_choose_step);
  g_test_add_func ("/time-scale/axis/no-overlap", test_axis_no_overlap);
  g_test_add_func ("/time-scale/axis/context-sticks", test_axis_context_sticks);
  g_test_add_func ("/time-scale/format", test_format);

  return g_test_run ();
}
