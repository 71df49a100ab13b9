/* synthetic.c — deterministic synthetic records for benchmarks and
 * stress tests
 *
 * Records spread over 1957–2030, of every kind and status, between a
 * few of 40 countries (some far more often than others, as in real
 * data), with organizations, sources, tags, a summary of a sentence or
 * two, and now and then a member this version does not know.  The same
 * seed always gives the same records, so a data file written from them
 * is the same bytes on every machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "atlas-format.h"
#include "synthetic.h"

static const char * const countries[] = {
  "CN", "RU", "FR", "BR", "IT", "DE", "US", "GB", "IN", "JP", "PK", "BD", "IR", "MN", "PE",
  "TH", "TR", "NG", "VE", "BO", "LA", "DZ", "EG", "ET", "AR", "CL", "ZA", "KZ", "ID", "MY",
  "SA", "AE", "LK", "BY", "UA", "ES", "SE", "NL", "KR", "MX",
};

static const char * const organizations[] = {
  "CNSA", "ESA", "APSCO", "INPE", "CNES", "ASI", "Roscosmos", "UNOOSA", "BRICS", "EUMETSAT",
};

static const char * const words[] = {
  "satellite", "cooperation", "agreement", "joint", "mission", "launch", "data", "sharing",
  "training", "centre", "earth", "observation", "space", "science", "lunar", "exploration",
  "remote", "sensing", "navigation", "programme", "station", "orbit", "research", "weather",
  "climate", "ocean", "magnetosphere", "seismic", "telescope", "payload", "ground", "segment",
};

static const char * const tags[] = {
  "earth-observation", "navigation", "science", "human-spaceflight", "launch", "capacity-building",
  "meteorology", "lunar", "deep-space",
};

static void
append_words (GString *out,
              GRand   *rand,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
}

/* A country, the first few far more often than the rest */
static const char *
pick_country (GRand *rand)
{
  guint n = G_N_ELEMENTS (countries);
  double x = g_rand_double (rand);

  return countries[(guint) (x * x * x * n) % n];
}

static AtlasPartnership *
make_record (GRand *rand,
             guint  index)
{
  g_autofree char *id = g_strdup_printf ("rec-%07u", index);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GStrvBuilder) country_list = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) organization_list = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tag_list = g_strv_builder_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  g_auto(GStrv) country_strv = NULL;
  g_auto(GStrv) organization_strv = NULL;
  g_auto(GStrv) tag_strv = NULL;
  AtlasPartnership *record = atlas_partnership_new (id);
  AtlasDate start = { 0 }, end = { 0 };
  guint n;

  append_words (title, rand, g_rand_int_range (rand, 3, 9));
  title->str[0] = g_ascii_toupper (title->str[0]);
  atlas_partnership_set_title (record, title->str);
  atlas_partnership_set_kind (record, g_rand_int_range (rand, 0, ATLAS_N_KINDS));

  start.year = g_rand_int_range (rand, 1957, 2031);
  start.precision = g_rand_int_range (rand, ATLAS_DATE_PRECISION_YEAR, ATLAS_DATE_PRECISION_DAY + 1);
  if (start.precision >= ATLAS_DATE_PRECISION_MONTH)
    start.month = g_rand_int_range (rand, 1, 13);
  if (start.precision >= ATLAS_DATE_PRECISION_DAY)
    start.day = g_rand_int_range (rand, 1, 29);
  atlas_partnership_set_start (record, &start);

  if (g_rand_boolean (rand))
    {
      end.year = MIN (start.year + g_rand_int_range (rand, 1, 15), 2040);
      end.precision = ATLAS_DATE_PRECISION_YEAR;
      atlas_partnership_set_end (record, &end);
    }
  atlas_partnership_set_status (record, g_rand_int_range (rand, 0, ATLAS_N_STATUSES));

  /* Distinct countries, at least one */
  n = g_rand_int_range (rand, 1, 5);
  {
    const char *picked[4];
    guint added = 0;

    for (guint i = 0; added < n && i < 20; i++)
      {
        const char *code = pick_country (rand);
        gboolean twice = FALSE;

        for (guint j = 0; j < added; j++)
          twice |= picked[j] == code;
        if (!twice)
          {
            picked[added++] = code;
            g_strv_builder_add (country_list, code);
          }
      }
  }
  country_strv = g_strv_builder_end (country_list);
  atlas_partnership_set_countries (record, (const char * const *) country_strv);

  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (organization_list, organizations[(index + i * 3) % G_N_ELEMENTS (organizations)]);
  organization_strv = g_strv_builder_end (organization_list);
  atlas_partnership_set_organizations (record, (const char * const *) organization_strv);

  append_words (summary, rand, g_rand_int_range (rand, 12, 40));
  g_string_append_c (summary, '.');
  atlas_partnership_set_summary (record, summary->str);

  n = g_rand_int_range (rand, 1, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) source_title = g_string_new (NULL);
      g_autofree char *url = g_strdup_printf ("https://example.org/news/%u/%u", index, i);

      append_words (source_title, rand, g_rand_int_range (rand, 3, 8));
      g_ptr_array_add (sources, atlas_source_new (source_title->str, NULL, url));
    }
  atlas_partnership_set_sources (record, sources);

  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (tag_list, tags[(index + i * 5) % G_N_ELEMENTS (tags)]);
  tag_strv = g_strv_builder_end (tag_list);
  atlas_partnership_set_tags (record, (const char * const *) tag_strv);

  if (g_rand_int_range (rand, 0, 20) == 0)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autoptr(JsonObject) review = json_object_new ();

      json_object_set_string_member (review, "by", "curator");
      json_object_set_double_member (review, "score", g_rand_int_range (rand, 0, 100) / 10.);
      json_object_set_object_member (extra, "x-review", g_steal_pointer (&review));
      atlas_partnership_set_extra (record, extra);
    }

  return record;
}

/**
 * synthetic_records:
 *
 * Returns: (transfer full) (element-type AtlasPartnership): @n_records
 *   valid records, always the same for the same @seed
 */
GPtrArray *
synthetic_records (guint   n_records,
                   guint32 seed)
{
  GPtrArray *records = g_ptr_array_new_full (n_records, g_object_unref);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n_records; i++)
    g_ptr_array_add (records, make_record (rand, i));

  g_rand_free (rand);
  return records;
}

/**
 * synthetic_data_file:
 *
 * Returns: (transfer full): a data file of synthetic_records()
 */
GBytes *
synthetic_data_file (guint   n_records,
                     guint32 seed)
{
  g_autoptr(GPtrArray) records = synthetic_records (n_records, seed);

  return atlas_format_write (records, NULL);
}

static gsize
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, field);
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* Peak resident memory in bytes since the start, or the last reset */
gsize
synthetic_peak_rss (void)
{
  return read_status_kb ("VmHWM:") * 1024;
}

gsize
synthetic_current_rss (void)
{
  return read_status_kb ("VmRSS:") * 1024;
}

/* Makes the peak the current size (Linux: clear_refs 5) */
void
synthetic_reset_peak_rss (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
}
