/* atlas-statistics.h — counts over the records shown: per year, per
 * partner country, per kind, per organization
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "atlas-partnership.h"

G_BEGIN_DECLS

typedef struct
{
  char  *key;
  guint  count;
} AtlasCount;

/**
 * AtlasStatistics:
 * @n_records: how many records
 * @first_year: the year the earliest record starts, or 0
 * @n_years: how many years from @first_year to the latest start
 * @per_year: (array length=n_years): records starting in each year
 * @per_kind: records of each AtlasKind
 * @countries: (element-type AtlasCount): partner countries, most records
 *   first
 * @organizations: (element-type AtlasCount): organizations, most records
 *   first
 * @tags: (element-type AtlasCount): tags, most records first
 */
typedef struct
{
  guint   n_records;
  int     first_year;
  guint   n_years;
  guint  *per_year;
  guint   per_kind[ATLAS_N_KINDS];
  guint   per_status[ATLAS_N_STATUSES];
  GArray *countries;
  GArray *organizations;
  GArray *tags;
} AtlasStatistics;

AtlasStatistics *atlas_statistics_compute (GListModel      *records);
void             atlas_statistics_free    (AtlasStatistics *statistics);
guint            atlas_statistics_get_max_per_year (const AtlasStatistics *statistics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasStatistics, atlas_statistics_free)

G_END_DECLS
