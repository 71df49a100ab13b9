/* atlas-date.h — a calendar date that keeps its precision (year, month or day)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_DATE (atlas_date_get_type ())
#define ATLAS_DATE_ERROR (atlas_date_error_quark ())

typedef enum
{
  ATLAS_DATE_PRECISION_NONE = 0,
  ATLAS_DATE_PRECISION_YEAR,
  ATLAS_DATE_PRECISION_MONTH,
  ATLAS_DATE_PRECISION_DAY,
} AtlasDatePrecision;

typedef enum
{
  ATLAS_DATE_ERROR_EMPTY,
  ATLAS_DATE_ERROR_SYNTAX,
  ATLAS_DATE_ERROR_RANGE,
  ATLAS_DATE_ERROR_TIME,
} AtlasDateError;

/**
 * AtlasDate:
 * @year: 1 … 9999
 * @month: 1 … 12, or 0 when the precision is a year
 * @day: 1 … 31, or 0 when the precision is a year or a month
 * @precision: how much of the date is known
 *
 * A plain value: copy it by assignment.  A zeroed AtlasDate is "no date".
 */
typedef struct
{
  gint16  year;
  guint8  month;
  guint8  day;
  guint8  precision;
} AtlasDate;

#define ATLAS_DATE_MIN_YEAR 1
#define ATLAS_DATE_MAX_YEAR 9999

GType       atlas_date_get_type          (void) G_GNUC_CONST;
GQuark      atlas_date_error_quark       (void);

AtlasDate  *atlas_date_copy              (const AtlasDate *date);
void        atlas_date_free              (AtlasDate       *date);

gboolean    atlas_date_parse             (const char      *text,
                                          AtlasDate       *date,
                                          GError         **error);
gboolean    atlas_date_init              (AtlasDate       *date,
                                          int              year,
                                          int              month,
                                          int              day);
char       *atlas_date_to_string         (const AtlasDate *date);
char       *atlas_date_format            (const AtlasDate *date);
gboolean    atlas_date_is_set            (const AtlasDate *date);
gboolean    atlas_date_equal             (const AtlasDate *a,
                                          const AtlasDate *b);
int         atlas_date_compare           (const AtlasDate *a,
                                          const AtlasDate *b);
gint32      atlas_date_get_first_day     (const AtlasDate *date);
gint32      atlas_date_get_last_day      (const AtlasDate *date);
gboolean    atlas_date_is_before         (const AtlasDate *end,
                                          const AtlasDate *start);
int         atlas_date_days_in_month     (int              year,
                                          int              month);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasDate, atlas_date_free)

G_END_DECLS
