/* test-i18n.c — the app's words, dates and country names in French,
 * Russian and Simplified Chinese
 *
 * Reads the catalogues built in this build tree and iso-codes' country
 * names, under the real locales (build-aux/install-deps.sh generates
 * them), and checks what people read: dates at each precision in the
 * locale's own form, periods, kinds of cooperation, plurals, lists of
 * countries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "atlas-countries.h"
#include "atlas-date.h"
#include "atlas-partnership.h"

typedef struct
{
  const char *language;
  const char *locale;

  const char *day;       /* 1988-07-06 */
  const char *month;     /* 1988-07 */
  const char *since;     /* an active record since 1988-07 */
  const char *period;    /* 1988 – 2003-05 */
  const char *joint_mission;
  const char *china;
  const char *list;      /* CN, BR */
  const char *import[3]; /* Import 1, 3, 5 records */
} Expected;

static const Expected english = {
  "C", "C.UTF-8",
  "6 July 1988", "July 1988", "Since July 1988", "1988 – May 2003",
  "Joint mission", "China", "China, Brazil",
  { "Import 1 record", "Import 3 records", "Import 5 records" },
};

static const Expected french = {
  "fr", "fr_FR.UTF-8",
  "6 juillet 1988", "juillet 1988", "Depuis juillet 1988", "1988 – mai 2003",
  "Mission conjointe", "Chine", "Chine, Brésil",
  { "l’importation de 1 fiche", "l’importation de 3 fiches", "l’importation de 5 fiches" },
};

/* Russian has three plural forms: 1, 2–4, 5–20 (and 21, 22, 25…); and
 * a day's month in the genitive, a month alone in the nominative,
 * capitalized only where a phrase begins */
static const Expected russian = {
  "ru", "ru_RU.UTF-8",
  "6 июля 1988", "Июль 1988", "Июль 1988 — по настоящее время", "1988 – май 2003",
  "Совместная миссия", "Китай", "Китай, Бразилия",
  { "импорт 1 записи", "импорт 3 записей", "импорт 5 записей" },
};

static const Expected chinese = {
  "zh_CN", "zh_CN.UTF-8",
  "1988年7月6日", "1988年7月", "1988年7月 至今", "1988 – 2003年5月",
  "联合任务", "中国", "中国、巴西",
  { "导入 1 条记录", "导入 3 条记录", "导入 5 条记录" },
};

static void
use_language (const Expected *expected)
{
  g_setenv ("LANGUAGE", expected->language, TRUE);
  if (setlocale (LC_ALL, expected->locale) == NULL)
    g_error ("the locale %s is missing: build-aux/install-deps.sh generates it", expected->locale);
}

static char *
format_date (int year,
             int month,
             int day)
{
  AtlasDate date;

  g_assert_true (atlas_date_init (&date, year, month, day));
  return atlas_date_format (&date);
}

static void
check_language (gconstpointer data)
{
  const Expected *expected = data;
  g_autoptr(AtlasPartnership) record = atlas_partnership_new ("cbers");
  AtlasDate start, end;
  char *text;
  static const guint counts[] = { 1, 3, 5 };

  use_language (expected);

  /* Dates, at the precision they are known to */
  text = format_date (1988, 7, 6);
  g_assert_cmpstr (text, ==, expected->day);
  g_free (text);
  text = format_date (1988, 7, 0);
  g_assert_cmpstr (text, ==, expected->month);
  g_free (text);
  text = format_date (1988, 0, 0);
  g_assert_cmpstr (text, ==, "1988");
  g_free (text);

  /* Periods */
  g_assert_true (atlas_date_init (&start, 1988, 7, 0));
  atlas_partnership_set_start (record, &start);
  atlas_partnership_set_status (record, ATLAS_STATUS_ACTIVE);
  text = atlas_partnership_format_period (record);
  g_assert_cmpstr (text, ==, expected->since);
  g_free (text);

  g_assert_true (atlas_date_init (&start, 1988, 0, 0));
  g_assert_true (atlas_date_init (&end, 2003, 5, 0));
  atlas_partnership_set_start (record, &start);
  atlas_partnership_set_end (record, &end);
  atlas_partnership_set_status (record, ATLAS_STATUS_COMPLETED);
  text = atlas_partnership_format_period (record);
  g_assert_cmpstr (text, ==, expected->period);
  g_free (text);

  /* Words, from our catalogue and from iso-codes' */
  g_assert_cmpstr (atlas_kind_get_label (ATLAS_KIND_JOINT_MISSION), ==, expected->joint_mission);
  g_assert_cmpstr (atlas_countries_get_name ("CN"), ==, expected->china);
  text = atlas_countries_format_list ((const char *[]) { "CN", "BR", NULL });
  g_assert_cmpstr (text, ==, expected->list);
  g_free (text);

  /* Plurals, by the language's own rules */
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      text = g_strdup_printf (ngettext ("Import %u record", "Import %u records", counts[i]), counts[i]);
      g_assert_cmpstr (text, ==, expected->import[i]);
      g_free (text);
    }

  use_language (&english);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The catalogues this build made, not any installed ones */
  bindtextdomain (GETTEXT_PACKAGE, PO_BUILD_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_data_func ("/i18n/english", &english, check_language);
  g_test_add_data_func ("/i18n/french", &french, check_language);
  g_test_add_data_func ("/i18n/russian", &russian, check_language);
  g_test_add_data_func ("/i18n/simplified-chinese", &chinese, check_language);

  return g_test_run ();
}
