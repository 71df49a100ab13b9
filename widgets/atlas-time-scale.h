/* atlas-time-scale.h — days, pixels, ticks and their labels for a time axis
 *
 * Pure functions (GLib only): the timeline draws with them, and tests
 * check them without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Time is counted in days as doubles: day 1 is 0001-01-01 of the
 * proleptic Gregorian calendar (GDate's Julian day).  Day d covers
 * [d, d + 1). */
#define ATLAS_TIME_FIRST_DAY 1.0
#define ATLAS_TIME_LAST_DAY  3652059.0   /* 9999-12-31 */

typedef enum
{
  ATLAS_TIME_PRECISION_NONE = 0,
  ATLAS_TIME_PRECISION_YEAR,
  ATLAS_TIME_PRECISION_MONTH,
  ATLAS_TIME_PRECISION_DAY,
} AtlasTimePrecision;

typedef enum
{
  ATLAS_TIME_UNIT_DAY,
  ATLAS_TIME_UNIT_MONTH,
  ATLAS_TIME_UNIT_YEAR,
} AtlasTimeUnit;

/**
 * AtlasTimeStep:
 * @unit: days, months or years
 * @count: how many units between ticks: 1, 2, 5 or 10 days (counted from
 *   the 1st of each month); 1, 3 or 6 months; 1, 2, 5, 10, 20, 50, 100,
 *   200, 500 or 1000 years
 */
typedef struct
{
  AtlasTimeUnit unit;
  int           count;
} AtlasTimeStep;

typedef enum
{
  ATLAS_TIME_LABEL_SHORT,    /* "Jan", "5", "1990" */
  ATLAS_TIME_LABEL_LONG,     /* "January", "Mon 5", "1990" */
} AtlasTimeLabelStyle;

/**
 * AtlasTimeScale:
 * @origin: the day at x = 0
 * @px_per_day: pixels per day, > 0
 */
typedef struct
{
  double origin;
  double px_per_day;
} AtlasTimeScale;

static inline double
atlas_time_scale_to_x (const AtlasTimeScale *scale,
                       double                day)
{
  return (day - scale->origin) * scale->px_per_day;
}

static inline double
atlas_time_scale_to_day (const AtlasTimeScale *scale,
                         double                x)
{
  return scale->origin + x / scale->px_per_day;
}

/* Calendar */
double     atlas_time_day_from_date     (int          year,
                                         int          month,
                                         int          day);
gboolean   atlas_time_day_to_date       (double       day,
                                         int         *year,
                                         int         *month,
                                         int         *mday);
double     atlas_time_today             (void);
double     atlas_time_period_end        (double       first_day,
                                         int          precision);

/* Ticks */
double     atlas_time_step_min_days     (AtlasTimeStep step);
gboolean   atlas_time_step_next_coarser (AtlasTimeStep *step);
AtlasTimeStep atlas_time_step_context   (AtlasTimeStep step,
                                         gboolean     *has_context);
GArray    *atlas_time_step_ticks        (AtlasTimeStep step,
                                         double        from,
                                         double        to);

/* Labels */
char      *atlas_time_format_tick       (double              day,
                                         AtlasTimeStep       step,
                                         AtlasTimeLabelStyle style);
char      *atlas_time_format_context    (double              day,
                                         AtlasTimeStep       context,
                                         AtlasTimeLabelStyle style);
char      *atlas_time_format_day        (double              day,
                                         int                 precision);
char      *atlas_time_format_range      (double              first_day,
                                         double              last_day,
                                         int                 precision);

/**
 * AtlasTimeMeasureFunc:
 * @text: a label
 * @user_data: the data given with the function
 *
 * Returns: the label's width in pixels
 */
typedef double (*AtlasTimeMeasureFunc) (const char *text,
                                        gpointer    user_data);

gboolean   atlas_time_choose_step       (double                px_per_day,
                                         double                min_gap,
                                         AtlasTimeMeasureFunc  measure,
                                         gpointer              user_data,
                                         AtlasTimeStep        *step,
                                         AtlasTimeLabelStyle  *style);

/**
 * AtlasTimeTick:
 * @day: where the tick is
 * @x: where the tick is, in pixels
 * @label: (nullable): its label, or %NULL when there was no room for it
 * @label_x: where the label starts
 * @label_width: the label's width
 */
typedef struct
{
  double  day;
  double  x;
  char   *label;
  double  label_x;
  double  label_width;
} AtlasTimeTick;

/**
 * AtlasTimeAxis:
 * @step: the step of the fine row of ticks
 * @style: the style of its labels
 * @context: the step of the coarse row, whose labels give the context
 *   (the year under its months)
 * @has_context: whether there is a coarse row
 * @ticks: (element-type AtlasTimeTick): the fine row
 * @context_ticks: (element-type AtlasTimeTick): the coarse row; the first
 *   label sticks to the left edge while its interval is in view
 *
 * Labels in a row never overlap.
 */
typedef struct
{
  AtlasTimeStep        step;
  AtlasTimeLabelStyle  style;
  AtlasTimeStep        context;
  gboolean             has_context;
  GArray              *ticks;
  GArray              *context_ticks;
} AtlasTimeAxis;

AtlasTimeAxis *atlas_time_axis_new      (const AtlasTimeScale  *scale,
                                         double                 width,
                                         double                 min_gap,
                                         AtlasTimeMeasureFunc   measure,
                                         gpointer               user_data);
void       atlas_time_axis_free         (AtlasTimeAxis         *axis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasTimeAxis, atlas_time_axis_free)

G_END_DECLS
