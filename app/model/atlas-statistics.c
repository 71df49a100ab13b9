/* atlas-statistics.c — counts over the records shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-statistics"

#include "config.h"

#include "atlas-statistics.h"

static void
clear_count (AtlasCount *count)
{
  g_free (count->key);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const AtlasCount *ca = a, *cb = b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return strcmp (ca->key, cb->key);
}

static void
tally (GHashTable         *table,
       const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      gpointer n = g_hash_table_lookup (table, keys[i]);
      g_hash_table_insert (table, (gpointer) keys[i], GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    }
}

/* The tally as an array, most first; keys copied (the records may go) */
static GArray *
sorted_counts (GHashTable *table)
{
  GArray *counts = g_array_sized_new (FALSE, FALSE, sizeof (AtlasCount), g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (counts, (GDestroyNotify) clear_count);

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AtlasCount count = { g_strdup (key), GPOINTER_TO_UINT (value) };
      g_array_append_val (counts, count);
    }

  g_array_sort (counts, compare_counts);
  return counts;
}

/**
 * atlas_statistics_compute:
 * @records: a model of AtlasPartnership
 *
 * Returns: (transfer full): the counts
 */
AtlasStatistics *
atlas_statistics_compute (GListModel *records)
{
  AtlasStatistics *stats = g_new0 (AtlasStatistics, 1);
  g_autoptr(GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) organizations = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int first = G_MAXINT, last = G_MININT;

  g_return_val_if_fail (G_IS_LIST_MODEL (records), stats);

  stats->n_records = g_list_model_get_n_items (records);

  /* One pass to hold the items and find the years */
  for (guint i = 0; i < stats->n_records; i++)
    {
      AtlasPartnership *p = g_list_model_get_item (records, i);
      int year = atlas_partnership_get_start (p)->year;

      g_ptr_array_add (items, p);
      first = MIN (first, year);
      last = MAX (last, year);

      stats->per_kind[atlas_partnership_get_kind (p)]++;
      stats->per_status[atlas_partnership_get_status (p)]++;
      tally (countries, atlas_partnership_get_countries (p));
      tally (organizations, atlas_partnership_get_organizations (p));
      tally (tags, atlas_partnership_get_tags (p));
    }

  if (stats->n_records > 0)
    {
      stats->first_year = first;
      stats->n_years = last - first + 1;
      stats->per_year = g_new0 (guint, stats->n_years);
      for (guint i = 0; i < items->len; i++)
        stats->per_year[atlas_partnership_get_start (items->pdata[i])->year - first]++;
    }

  stats->countries = sorted_counts (countries);
  stats->organizations = sorted_counts (organizations);
  stats->tags = sorted_counts (tags);

  return stats;
}

void
atlas_statistics_free (AtlasStatistics *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->per_year);
  g_clear_pointer (&stats->countries, g_array_unref);
  g_clear_pointer (&stats->organizations, g_array_unref);
  g_clear_pointer (&stats->tags, g_array_unref);
  g_free (stats);
}

guint
atlas_statistics_get_max_per_year (const AtlasStatistics *stats)
{
  guint max = 0;

  for (guint i = 0; i < stats->n_years; i++)
    max = MAX (max, stats->per_year[i]);
  return max;
}
