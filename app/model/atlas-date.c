/* atlas-date.c — a calendar date that keeps its precision (year, month or day)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-date"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-date.h"

G_DEFINE_BOXED_TYPE (AtlasDate, atlas_date, atlas_date_copy, atlas_date_free)
G_DEFINE_QUARK (atlas-date-error-quark, atlas_date_error)

AtlasDate *
atlas_date_copy (const AtlasDate *date)
{
  return g_memdup2 (date, sizeof *date);
}

void
atlas_date_free (AtlasDate *date)
{
  g_free (date);
}

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
atlas_date_days_in_month (int year,
                          int month)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

/* Reads exactly @n_digits ASCII digits; returns -1 if they are not all digits. */
static int
read_digits (const char *p,
             int         n_digits)
{
  int value = 0;

  for (int i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }

  return value;
}

/**
 * atlas_date_init:
 * @date: the date to set
 * @year: the year (1 … 9999)
 * @month: 1 … 12, or 0 for a year-precision date
 * @day: 1 … last day of the month, or 0 for year or month precision
 *
 * Returns: %TRUE if the fields make a valid date; @date is left
 *   unset (zeroed) otherwise.
 */
gboolean
atlas_date_init (AtlasDate *date,
                 int        year,
                 int        month,
                 int        day)
{
  g_return_val_if_fail (date != NULL, FALSE);

  *date = (AtlasDate) { 0 };

  if (year < ATLAS_DATE_MIN_YEAR || year > ATLAS_DATE_MAX_YEAR)
    return FALSE;
  if (month < 0 || month > 12)
    return FALSE;
  if (month == 0 && day != 0)
    return FALSE;
  if (day < 0 || (month > 0 && day > atlas_date_days_in_month (year, month)))
    return FALSE;

  date->year = year;
  date->month = month;
  date->day = day;
  if (day > 0)
    date->precision = ATLAS_DATE_PRECISION_DAY;
  else if (month > 0)
    date->precision = ATLAS_DATE_PRECISION_MONTH;
  else
    date->precision = ATLAS_DATE_PRECISION_YEAR;

  return TRUE;
}

/**
 * atlas_date_parse:
 * @text: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
 * @date: (out): where to store the result
 * @error: a #GError
 *
 * Parses an ISO 8601 calendar date of year, month or day precision.
 * Nothing else is accepted: no surrounding spaces, no times, no time
 * zones, no week or ordinal dates, no years outside 1 … 9999.
 *
 * Returns: %TRUE on success
 */
gboolean
atlas_date_parse (const char  *text,
                  AtlasDate   *date,
                  GError     **error)
{
  size_t len;
  int year, month = 0, day = 0;

  g_return_val_if_fail (date != NULL, FALSE);

  *date = (AtlasDate) { 0 };

  if (text == NULL || text[0] == '\0')
    {
      g_set_error_literal (error, ATLAS_DATE_ERROR, ATLAS_DATE_ERROR_EMPTY,
                           _("The date is empty"));
      return FALSE;
    }

  len = strlen (text);

  if (g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1]))
    {
      g_set_error (error, ATLAS_DATE_ERROR, ATLAS_DATE_ERROR_SYNTAX,
                   _("“%s” has spaces around it"), text);
      return FALSE;
    }

  if (strchr (text, 'T') != NULL)
    {
      g_set_error (error, ATLAS_DATE_ERROR, ATLAS_DATE_ERROR_TIME,
                   _("“%s” has a time of day; only a date is allowed"), text);
      return FALSE;
    }

  if (len > 10 && strchr ("Z+-", text[10]) != NULL)
    {
      g_set_error (error, ATLAS_DATE_ERROR, ATLAS_DATE_ERROR_TIME,
                   _("“%s” has a time zone; only a date is allowed"), text);
      return FALSE;
    }

  if ((len != 4 && len != 7 && len != 10) ||
      (year = read_digits (text, 4)) < 0 ||
      (len >= 7 && (text[4] != '-' || (month = read_digits (text + 5, 2)) < 0)) ||
      (len == 10 && (text[7] != '-' || (day = read_digits (text + 8, 2)) < 0)))
    {
      g_set_error (error, ATLAS_DATE_ERROR, ATLAS_DATE_ERROR_SYNTAX,
                   _("“%s” is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
                   text);
      return FALSE;
    }

  if (year < ATLAS_DATE_MIN_YEAR)
    {
      g_set_error (error, ATLAS_DATE_ERROR, ATLAS_DATE_ERROR_RANGE,
                   _("“%s”: the year must be between 0001 and 9999"), text);
      return FALSE;
    }

  if (len >= 7 && (month < 1 || month > 12))
    {
      g_set_error (error, ATLAS_DATE_ERROR, ATLAS_DATE_ERROR_RANGE,
                   _("“%s”: there is no month %02d"), text, month);
      return FALSE;
    }

  if (len == 10 && (day < 1 || day > atlas_date_days_in_month (year, month)))
    {
      g_set_error (error, ATLAS_DATE_ERROR, ATLAS_DATE_ERROR_RANGE,
                   _("“%s”: that month has no day %02d"), text, day);
      return FALSE;
    }

  return atlas_date_init (date, year, month, day);
}

/**
 * atlas_date_to_string:
 * @date: a date
 *
 * Returns: (transfer full): the ISO 8601 form with the date's precision,
 *   or an empty string for an unset date
 */
char *
atlas_date_to_string (const AtlasDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  switch ((AtlasDatePrecision) date->precision)
    {
    case ATLAS_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", date->year);
    case ATLAS_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", date->year, date->month);
    case ATLAS_DATE_PRECISION_DAY:
      return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
    case ATLAS_DATE_PRECISION_NONE:
    default:
      return g_strdup ("");
    }
}

/**
 * atlas_date_format:
 * @date: a date
 *
 * Returns: (transfer full): the date for people to read, in the current
 *   locale, showing only what is known ("1988", "July 1988", "3 July 1988")
 */
char *
atlas_date_format (const AtlasDate *date)
{
  g_autoptr(GDateTime) dt = NULL;
  const char *format;

  g_return_val_if_fail (date != NULL, NULL);

  if (date->precision == ATLAS_DATE_PRECISION_NONE)
    return g_strdup ("");

  if (date->precision == ATLAS_DATE_PRECISION_YEAR)
    return g_strdup_printf ("%d", date->year);

  dt = g_date_time_new_utc (date->year, date->month, MAX (date->day, 1), 12, 0, 0);
  if (dt == NULL)
    return atlas_date_to_string (date);

  if (date->precision == ATLAS_DATE_PRECISION_MONTH)
    /* Translators: a date known to the month, see strftime(3) and
     * g_date_time_format(); %OB is the month name on its own */
    format = C_("date with month precision", "%OB %Y");
  else
    /* Translators: a date known to the day, see g_date_time_format() */
    format = C_("date with day precision", "%-d %B %Y");

  return g_date_time_format (dt, format);
}

gboolean
atlas_date_is_set (const AtlasDate *date)
{
  return date != NULL && date->precision != ATLAS_DATE_PRECISION_NONE;
}

gboolean
atlas_date_equal (const AtlasDate *a,
                  const AtlasDate *b)
{
  return atlas_date_compare (a, b) == 0;
}

/**
 * atlas_date_compare:
 *
 * Orders dates as their ISO strings sort: by year, then month, then day,
 * where a missing month or day sorts before any given one ("1988" <
 * "1988-01" < "1988-01-01").  Unset dates sort first.
 */
int
atlas_date_compare (const AtlasDate *a,
                    const AtlasDate *b)
{
  if (a->precision == ATLAS_DATE_PRECISION_NONE || b->precision == ATLAS_DATE_PRECISION_NONE)
    return (int) (a->precision != ATLAS_DATE_PRECISION_NONE) -
           (int) (b->precision != ATLAS_DATE_PRECISION_NONE);
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month < b->month ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return 0;
}

/* Days since 0001-01-01 (which is day 1) in the proleptic Gregorian
 * calendar, like GDate's Julian days. */
static gint32
day_number (int year,
            int month,
            int day)
{
  static const int before_month[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
  int y = year - 1;
  gint32 n = y * 365 + y / 4 - y / 100 + y / 400;

  n += before_month[month - 1] + day;
  if (month > 2 && is_leap_year (year))
    n += 1;
  return n;
}

/**
 * atlas_date_get_first_day:
 *
 * Returns: the day number (0001-01-01 is 1) of the first day the date can
 *   mean: 1 January for a year, the 1st for a month; 0 for an unset date
 */
gint32
atlas_date_get_first_day (const AtlasDate *date)
{
  g_return_val_if_fail (date != NULL, 0);

  switch ((AtlasDatePrecision) date->precision)
    {
    case ATLAS_DATE_PRECISION_YEAR:
      return day_number (date->year, 1, 1);
    case ATLAS_DATE_PRECISION_MONTH:
      return day_number (date->year, date->month, 1);
    case ATLAS_DATE_PRECISION_DAY:
      return day_number (date->year, date->month, date->day);
    case ATLAS_DATE_PRECISION_NONE:
    default:
      return 0;
    }
}

/**
 * atlas_date_get_last_day:
 *
 * Returns: the day number of the last day the date can mean: 31 December
 *   for a year, the month's last day for a month; 0 for an unset date
 */
gint32
atlas_date_get_last_day (const AtlasDate *date)
{
  g_return_val_if_fail (date != NULL, 0);

  switch ((AtlasDatePrecision) date->precision)
    {
    case ATLAS_DATE_PRECISION_YEAR:
      return day_number (date->year, 12, 31);
    case ATLAS_DATE_PRECISION_MONTH:
      return day_number (date->year, date->month,
                         atlas_date_days_in_month (date->year, date->month));
    case ATLAS_DATE_PRECISION_DAY:
      return day_number (date->year, date->month, date->day);
    case ATLAS_DATE_PRECISION_NONE:
    default:
      return 0;
    }
}

/**
 * atlas_date_is_before:
 * @end: an end date
 * @start: a start date
 *
 * Whether @end certainly lies before @start, taking precision into
 * account: an end of "1988" is not before a start of "1988-07", since
 * the end may be any day of 1988.
 */
gboolean
atlas_date_is_before (const AtlasDate *end,
                      const AtlasDate *start)
{
  if (!atlas_date_is_set (end) || !atlas_date_is_set (start))
    return FALSE;
  return atlas_date_get_last_day (end) < atlas_date_get_first_day (start);
}
