/* atlas-time-scale.c — days, pixels, ticks and their labels for a time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-time-scale"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-time-scale.h"

/* Pixels between a tick and the start of its label */
#define LABEL_OFFSET 4.0

/* A safety net: no axis needs more ticks than this */
#define MAX_TICKS 4096

static const AtlasTimeStep ladder[] = {
  { ATLAS_TIME_UNIT_DAY, 1 },
  { ATLAS_TIME_UNIT_DAY, 2 },
  { ATLAS_TIME_UNIT_DAY, 5 },
  { ATLAS_TIME_UNIT_DAY, 10 },
  { ATLAS_TIME_UNIT_MONTH, 1 },
  { ATLAS_TIME_UNIT_MONTH, 3 },
  { ATLAS_TIME_UNIT_MONTH, 6 },
  { ATLAS_TIME_UNIT_YEAR, 1 },
  { ATLAS_TIME_UNIT_YEAR, 2 },
  { ATLAS_TIME_UNIT_YEAR, 5 },
  { ATLAS_TIME_UNIT_YEAR, 10 },
  { ATLAS_TIME_UNIT_YEAR, 20 },
  { ATLAS_TIME_UNIT_YEAR, 50 },
  { ATLAS_TIME_UNIT_YEAR, 100 },
  { ATLAS_TIME_UNIT_YEAR, 200 },
  { ATLAS_TIME_UNIT_YEAR, 500 },
  { ATLAS_TIME_UNIT_YEAR, 1000 },
};

/* Calendar
 *
 * Day numbers are GDate's Julian days (0001-01-01 is 1), counted with
 * integer arithmetic on the proleptic Gregorian calendar (after Howard
 * Hinnant's days_from_civil and civil_from_days): the timeline converts
 * a date for each item it reads, and GDate's conversions cost ten times
 * as much. */

/* Days from 0000-03-01 to 1970-01-01, and from 0001-01-01 to 1970-01-01
 * less one */
#define DAYS_TO_EPOCH   719468
#define JULIAN_TO_EPOCH 719163

static int
days_in_month (int year,
               int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
    return 29;
  return days[month - 1];
}

/* Years 1 to 9999 only: no era before year 0 */
static int
days_from_civil (int year,
                 int month,
                 int day)
{
  int era, year_of_era, day_of_year, day_of_era;

  year -= month <= 2;
  era = year / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - DAYS_TO_EPOCH;
}

static void
civil_from_days (int  days,
                 int *year,
                 int *month,
                 int *day)
{
  int z = days + DAYS_TO_EPOCH;
  int era = z / 146097;
  int day_of_era = z - era * 146097;
  int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int shifted_month = (5 * day_of_year + 2) / 153;

  *day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  *month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  *year = year_of_era + era * 400 + (*month <= 2);
}

/**
 * atlas_time_day_from_date:
 *
 * Returns: the day number of a date (0001-01-01 is 1); out-of-range
 *   parts are clamped
 */
double
atlas_time_day_from_date (int year,
                          int month,
                          int day)
{
  year = CLAMP (year, 1, 9999);
  month = CLAMP (month, 1, 12);
  day = CLAMP (day, 1, days_in_month (year, month));

  return days_from_civil (year, month, day) + JULIAN_TO_EPOCH;
}

/**
 * atlas_time_day_to_date:
 *
 * Splits the day that contains @day into year, month and day of the
 * month.
 *
 * Returns: %FALSE when @day is outside years 1 to 9999 (the parts are
 *   then those of the nearest day that is not)
 */
gboolean
atlas_time_day_to_date (double  day,
                        int    *year,
                        int    *month,
                        int    *mday)
{
  double clamped;
  int y, m, d;

  /* NaN is the first day, as CLAMP() made it for GDate */
  clamped = isnan (day) ? ATLAS_TIME_FIRST_DAY : CLAMP (floor (day), ATLAS_TIME_FIRST_DAY, ATLAS_TIME_LAST_DAY);
  civil_from_days ((int) clamped - JULIAN_TO_EPOCH, &y, &m, &d);
  if (year)
    *year = y;
  if (month)
    *month = m;
  if (mday)
    *mday = d;

  return clamped == floor (day);
}

/**
 * atlas_time_today:
 *
 * Returns: the day number of today, in local time
 */
double
atlas_time_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return atlas_time_day_from_date (g_date_time_get_year (now),
                                   g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now));
}

/**
 * atlas_time_period_end:
 * @first_day: the first day of a date known to some precision
 * @precision: an #AtlasTimePrecision
 *
 * Returns: the day after the last day the date can mean: the next
 *   1 January for a year, the next 1st for a month, the next day for a
 *   day (or an unknown precision)
 */
double
atlas_time_period_end (double first_day,
                       int    precision)
{
  int year, month;

  switch (precision)
    {
    case ATLAS_TIME_PRECISION_YEAR:
      atlas_time_day_to_date (first_day, &year, NULL, NULL);
      if (year >= 9999)
        return ATLAS_TIME_LAST_DAY + 1;
      return atlas_time_day_from_date (year + 1, 1, 1);

    case ATLAS_TIME_PRECISION_MONTH:
      atlas_time_day_to_date (first_day, &year, &month, NULL);
      if (month == 12 && year >= 9999)
        return ATLAS_TIME_LAST_DAY + 1;
      return month == 12 ? atlas_time_day_from_date (year + 1, 1, 1)
                         : atlas_time_day_from_date (year, month + 1, 1);

    default:
      return floor (first_day) + 1;
    }
}

/* Steps */

static int
ladder_index (AtlasTimeStep step)
{
  for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
    if (ladder[i].unit == step.unit && ladder[i].count == step.count)
      return i;
  return -1;
}

/**
 * atlas_time_step_min_days:
 *
 * Returns: the shortest distance between two ticks of @step, in days
 */
double
atlas_time_step_min_days (AtlasTimeStep step)
{
  switch (step.unit)
    {
    case ATLAS_TIME_UNIT_DAY:
      /* The last tick of a month is left out when it would be closer
       * than half a step to the 1st of the next (see day_tick_kept) */
      switch (step.count)
        {
        case 1: return 1;
        case 2: return 2;
        case 5: return 3;
        default: return 8;
        }
    case ATLAS_TIME_UNIT_MONTH:
      return step.count == 1 ? 28 : step.count == 3 ? 90 : 181;
    case ATLAS_TIME_UNIT_YEAR:
    default:
      return 365.0 * step.count;
    }
}

/**
 * atlas_time_step_next_coarser:
 * @step: (inout): a step, made the next coarser one
 *
 * Returns: %FALSE if @step was already the coarsest
 */
gboolean
atlas_time_step_next_coarser (AtlasTimeStep *step)
{
  int i = ladder_index (*step);

  if (i < 0 || i + 1 >= (int) G_N_ELEMENTS (ladder))
    return FALSE;
  *step = ladder[i + 1];
  return TRUE;
}

/**
 * atlas_time_step_context:
 * @step: the step of the fine row of ticks
 * @has_context: (out): whether there is a coarser row
 *
 * Returns: the step of the coarse row that gives the fine labels their
 *   context: the month for days, the year for months, the decade for
 *   years, the century for decades, the millennium for centuries
 */
AtlasTimeStep
atlas_time_step_context (AtlasTimeStep  step,
                         gboolean      *has_context)
{
  AtlasTimeStep context = { ATLAS_TIME_UNIT_YEAR, 1000 };

  *has_context = TRUE;
  switch (step.unit)
    {
    case ATLAS_TIME_UNIT_DAY:
      context.unit = ATLAS_TIME_UNIT_MONTH;
      context.count = 1;
      break;
    case ATLAS_TIME_UNIT_MONTH:
      context.count = 1;
      break;
    case ATLAS_TIME_UNIT_YEAR:
    default:
      if (step.count < 10)
        context.count = 10;
      else if (step.count < 100)
        context.count = 100;
      else if (step.count < 1000)
        context.count = 1000;
      else
        *has_context = FALSE;
      break;
    }

  return context;
}

static gboolean
day_tick_kept (int mday,
               int count,
               int month_length)
{
  /* The 1st is always a tick; a later one is left out when the rest of
   * the month is shorter than half a step, so that it does not crowd
   * the next 1st (31 with a step of 2 days) */
  return mday == 1 || (month_length + 1 - mday) >= (count + 1) / 2.0;
}

typedef struct
{
  GArray *days;
  double  from;
  double  to;
  double  before;    /* the last tick at or before from */
} TickCollector;

/* Returns FALSE once the ticks are past the range */
static gboolean
collect (TickCollector *collector,
         double         day)
{
  if (day <= collector->from)
    {
      collector->before = day;
      return TRUE;
    }
  if (day > collector->to || collector->days->len >= MAX_TICKS)
    return FALSE;
  g_array_append_val (collector->days, day);
  return TRUE;
}

/**
 * atlas_time_step_ticks:
 * @step: a step from the ladder
 * @from: the first day in view
 * @to: the last day in view
 *
 * Returns: (transfer full) (element-type double): the days of the ticks
 *   of @step from the last one at or before @from to the last one at or
 *   before @to, in order
 */
GArray *
atlas_time_step_ticks (AtlasTimeStep step,
                       double        from,
                       double        to)
{
  TickCollector collector = { g_array_new (FALSE, FALSE, sizeof (double)), from, to, NAN };
  int year, month;

  from = CLAMP (from, ATLAS_TIME_FIRST_DAY, ATLAS_TIME_LAST_DAY);
  atlas_time_day_to_date (from, &year, &month, NULL);

  switch (step.unit)
    {
    case ATLAS_TIME_UNIT_DAY:
      for (gboolean more = TRUE; more && year <= 9999;)
        {
          int length = days_in_month (year, month);

          for (int mday = 1; more && mday <= length; mday += step.count)
            if (day_tick_kept (mday, step.count, length))
              more = collect (&collector, atlas_time_day_from_date (year, month, mday));

          if (++month > 12)
            {
              month = 1;
              year++;
            }
        }
      break;

    case ATLAS_TIME_UNIT_MONTH:
      month = ((month - 1) / step.count) * step.count + 1;
      while (year <= 9999 && collect (&collector, atlas_time_day_from_date (year, month, 1)))
        {
          month += step.count;
          if (month > 12)
            {
              month -= 12;
              year++;
            }
        }
      break;

    case ATLAS_TIME_UNIT_YEAR:
    default:
      year = (year / step.count) * step.count;
      for (; year <= 9999; year += step.count)
        {
          /* There is no year 0: day 1 stands in for it */
          double day = year < 1 ? ATLAS_TIME_FIRST_DAY : atlas_time_day_from_date (year, 1, 1);

          if (!collect (&collector, day))
            break;
        }
      break;
    }

  if (!isnan (collector.before))
    g_array_prepend_val (collector.days, collector.before);

  return collector.days;
}

/* Labels */

static GDateTime *
date_time_for_day (double day)
{
  int year, month, mday;

  atlas_time_day_to_date (day, &year, &month, &mday);
  return g_date_time_new_utc (year, month, mday, 0, 0, 0);
}

/**
 * atlas_time_format_tick:
 *
 * Returns: (transfer full): the label of a tick of @step at @day:
 *   "5" or "Mon 5" for days, "Jan" or "January" for months, "1990" for
 *   years
 */
char *
atlas_time_format_tick (double              day,
                        AtlasTimeStep       step,
                        AtlasTimeLabelStyle style)
{
  g_autoptr(GDateTime) date_time = date_time_for_day (day);

  switch (step.unit)
    {
    case ATLAS_TIME_UNIT_DAY:
      if (style == ATLAS_TIME_LABEL_LONG)
        /* Translators: a day on the time axis: the abbreviated weekday
         * and the day of the month ("Mon 5"); see g_date_time_format() */
        return g_date_time_format (date_time, _("%a %-d"));
      return g_strdup_printf ("%d", g_date_time_get_day_of_month (date_time));

    case ATLAS_TIME_UNIT_MONTH:
      /* The month on its own: the nominative form */
      return g_date_time_format (date_time, style == ATLAS_TIME_LABEL_LONG ? "%OB" : "%Ob");

    case ATLAS_TIME_UNIT_YEAR:
    default:
      return g_strdup_printf ("%d", g_date_time_get_year (date_time));
    }
}

/**
 * atlas_time_format_context:
 * @context: the step of the coarse row
 *
 * Returns: (transfer full): the label of the interval of @context that
 *   starts at @day: "January 2018" (or "Jan 2018") for a month, "2018"
 *   for a year, "1990s" for a decade, "1900s" for a century
 */
char *
atlas_time_format_context (double              day,
                           AtlasTimeStep       context,
                           AtlasTimeLabelStyle style)
{
  g_autoptr(GDateTime) date_time = date_time_for_day (day);
  int year = g_date_time_get_year (date_time);

  switch (context.unit)
    {
    case ATLAS_TIME_UNIT_DAY:
      return atlas_time_format_tick (day, context, style);

    case ATLAS_TIME_UNIT_MONTH:
      if (style == ATLAS_TIME_LABEL_LONG)
        /* Translators: a month and its year above the days of a time
         * axis ("January 2018"); see g_date_time_format() */
        return g_date_time_format (date_time, _("%OB %Y"));
      /* Translators: an abbreviated month and its year ("Jan 2018") */
      return g_date_time_format (date_time, _("%Ob %Y"));

    case ATLAS_TIME_UNIT_YEAR:
    default:
      if (context.count == 1)
        return g_strdup_printf ("%d", year);
      if (day == ATLAS_TIME_FIRST_DAY && year == 1)
        year = 0;
      /* Translators: a decade ("1990s") or a century ("1900s") above
       * the years of a time axis */
      return g_strdup_printf (_("%ds"), (year / context.count) * context.count);
    }
}

/**
 * atlas_time_format_day:
 * @precision: an #AtlasTimePrecision
 *
 * Returns: (transfer full): @day for people to read, at @precision:
 *   "5 March 2018", "March 2018" or "2018"
 */
char *
atlas_time_format_day (double day,
                       int    precision)
{
  g_autoptr(GDateTime) date_time = date_time_for_day (day);

  switch (precision)
    {
    case ATLAS_TIME_PRECISION_YEAR:
      return g_strdup_printf ("%d", g_date_time_get_year (date_time));
    case ATLAS_TIME_PRECISION_MONTH:
      return g_date_time_format (date_time, _("%OB %Y"));
    default:
      /* Translators: a date on the timeline ("5 March 2018"); see
       * g_date_time_format() */
      return g_date_time_format (date_time, _("%-d %B %Y"));
    }
}

/**
 * atlas_time_format_range:
 *
 * Returns: (transfer full): the days from @first_day to @last_day
 *   (inclusive) at @precision: "1990 – 1992", or "1990" when both ends
 *   read the same
 */
char *
atlas_time_format_range (double first_day,
                         double last_day,
                         int    precision)
{
  g_autofree char *first = atlas_time_format_day (first_day, precision);
  g_autofree char *last = atlas_time_format_day (last_day, precision);

  if (g_strcmp0 (first, last) == 0)
    return g_steal_pointer (&first);

  /* Translators: a period of time, from the first date to the second */
  return g_strdup_printf (_("%s – %s"), first, last);
}

/* Choosing a step */

static double
widest_label (AtlasTimeStep         step,
              AtlasTimeLabelStyle   style,
              gboolean              context,
              AtlasTimeMeasureFunc  measure,
              gpointer              user_data)
{
  double widest = 0;
  double first, days_between;
  int n;

  switch (step.unit)
    {
    case ATLAS_TIME_UNIT_DAY:
      /* A week of two-digit days: every weekday name */
      first = atlas_time_day_from_date (2018, 1, 22);
      days_between = 1;
      n = 7;
      break;
    case ATLAS_TIME_UNIT_MONTH:
      n = 12;
      days_between = 0;
      first = 0;
      break;
    case ATLAS_TIME_UNIT_YEAR:
    default:
      first = atlas_time_day_from_date (2000, 1, 1);
      days_between = 0;
      n = 1;
      break;
    }

  for (int i = 0; i < n; i++)
    {
      double day = step.unit == ATLAS_TIME_UNIT_MONTH ? atlas_time_day_from_date (2018, i + 1, 1)
                                                      : first + i * days_between;
      g_autofree char *label = context ? atlas_time_format_context (day, step, style)
                                       : atlas_time_format_tick (day, step, style);

      widest = MAX (widest, measure (label, user_data));
    }

  return widest;
}

/**
 * atlas_time_choose_step:
 * @px_per_day: the zoom
 * @min_gap: the least room, in pixels, between two labels
 * @measure: measures labels
 * @step: (out): the finest step whose labels fit
 * @style: (out): the longest style that fits at that step
 *
 * Returns: %FALSE when not even the coarsest step fits (@step is then
 *   the coarsest)
 */
gboolean
atlas_time_choose_step (double                px_per_day,
                        double                min_gap,
                        AtlasTimeMeasureFunc  measure,
                        gpointer              user_data,
                        AtlasTimeStep        *step,
                        AtlasTimeLabelStyle  *style)
{
  for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
    {
      double room = atlas_time_step_min_days (ladder[i]) * px_per_day - LABEL_OFFSET;

      for (int s = ATLAS_TIME_LABEL_LONG; s >= ATLAS_TIME_LABEL_SHORT; s--)
        {
          /* Years have one style */
          if (ladder[i].unit == ATLAS_TIME_UNIT_YEAR && s == ATLAS_TIME_LABEL_LONG)
            continue;

          if (widest_label (ladder[i], s, FALSE, measure, user_data) + min_gap <= room)
            {
              *step = ladder[i];
              *style = s;
              return TRUE;
            }
        }
    }

  *step = ladder[G_N_ELEMENTS (ladder) - 1];
  *style = ATLAS_TIME_LABEL_SHORT;
  return FALSE;
}

/* The axis */

static void
clear_tick (gpointer data)
{
  AtlasTimeTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static GArray *
make_ticks (const AtlasTimeScale *scale,
            double                width,
            AtlasTimeStep         step)
{
  g_autoptr(GArray) days = atlas_time_step_ticks (step,
                                                  atlas_time_scale_to_day (scale, 0),
                                                  atlas_time_scale_to_day (scale, width));
  GArray *ticks = g_array_sized_new (FALSE, TRUE, sizeof (AtlasTimeTick), days->len);

  g_array_set_clear_func (ticks, clear_tick);
  for (guint i = 0; i < days->len; i++)
    {
      AtlasTimeTick tick = { 0, };

      tick.day = g_array_index (days, double, i);
      tick.x = atlas_time_scale_to_x (scale, tick.day);
      g_array_append_val (ticks, tick);
    }

  return ticks;
}

/* Leaves out every label that would overlap the one before, or that
 * would not be whole in [0, width] */
static void
drop_overlaps (GArray *ticks,
               double  width,
               double  min_gap)
{
  double end = -G_MAXDOUBLE;

  for (guint i = 0; i < ticks->len; i++)
    {
      AtlasTimeTick *tick = &g_array_index (ticks, AtlasTimeTick, i);

      if (tick->label == NULL)
        continue;

      if (tick->label_x < end + min_gap ||
          tick->label_x < 0 ||
          tick->label_x + tick->label_width > width)
        {
          g_clear_pointer (&tick->label, g_free);
          continue;
        }
      end = tick->label_x + tick->label_width;
    }
}

/**
 * atlas_time_axis_new:
 * @scale: the mapping from days to pixels
 * @width: the axis' width, in pixels from x = 0
 * @min_gap: the least room, in pixels, between two labels
 * @measure: measures labels
 *
 * Chooses the ticks and labels of an axis of @width pixels.
 *
 * Returns: (transfer full): the axis
 */
AtlasTimeAxis *
atlas_time_axis_new (const AtlasTimeScale  *scale,
                     double                 width,
                     double                 min_gap,
                     AtlasTimeMeasureFunc   measure,
                     gpointer               user_data)
{
  AtlasTimeAxis *axis = g_new0 (AtlasTimeAxis, 1);

  g_return_val_if_fail (scale != NULL && scale->px_per_day > 0, axis);
  g_return_val_if_fail (measure != NULL, axis);

  atlas_time_choose_step (scale->px_per_day, min_gap, measure, user_data, &axis->step, &axis->style);

  axis->ticks = make_ticks (scale, width, axis->step);
  for (guint i = 0; i < axis->ticks->len; i++)
    {
      AtlasTimeTick *tick = &g_array_index (axis->ticks, AtlasTimeTick, i);

      tick->label = atlas_time_format_tick (tick->day, axis->step, axis->style);
      tick->label_width = measure (tick->label, user_data);
      tick->label_x = tick->x + LABEL_OFFSET;
    }
  drop_overlaps (axis->ticks, width, min_gap);

  axis->context = atlas_time_step_context (axis->step, &axis->has_context);
  if (axis->has_context)
    {
      double room = atlas_time_step_min_days (axis->context) * scale->px_per_day - LABEL_OFFSET;
      AtlasTimeLabelStyle style = ATLAS_TIME_LABEL_LONG;

      if (axis->context.unit == ATLAS_TIME_UNIT_MONTH &&
          widest_label (axis->context, ATLAS_TIME_LABEL_LONG, TRUE, measure, user_data) + min_gap > room)
        style = ATLAS_TIME_LABEL_SHORT;

      axis->context_ticks = make_ticks (scale, width, axis->context);
      for (guint i = 0; i < axis->context_ticks->len; i++)
        {
          AtlasTimeTick *tick = &g_array_index (axis->context_ticks, AtlasTimeTick, i);

          tick->label = atlas_time_format_context (tick->day, axis->context, style);
          tick->label_width = measure (tick->label, user_data);

          /* The label of an interval that began out of view sticks to
           * the left edge, until the next one pushes it away */
          tick->label_x = MAX (tick->x, 0) + LABEL_OFFSET;
          if (i + 1 < axis->context_ticks->len)
            {
              double next_x = g_array_index (axis->context_ticks, AtlasTimeTick, i + 1).x;

              tick->label_x = MIN (tick->label_x, next_x - min_gap - tick->label_width);
            }
        }
      drop_overlaps (axis->context_ticks, width, min_gap);
    }
  else
    {
      axis->context_ticks = g_array_new (FALSE, TRUE, sizeof (AtlasTimeTick));
    }

  return axis;
}

void
atlas_time_axis_free (AtlasTimeAxis *axis)
{
  if (axis == NULL)
    return;

  g_clear_pointer (&axis->ticks, g_array_unref);
  g_clear_pointer (&axis->context_ticks, g_array_unref);
  g_free (axis);
}
