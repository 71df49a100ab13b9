/* test-playback.c — the sweep through time, without a display: years
 * in order, records reached in order, countries met first once, steps
 * record by record forwards and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-playback.h"
#include "atlas-store.h"

static AtlasStore *
load_valid (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "valid.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  AtlasStore *store = atlas_store_new ();
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (contents, length);
  g_assert_true (atlas_store_load_bytes (store, bytes, NULL));
  return store;
}

/* The events as a line of text: "Y1978 R:ussr-gdr-sigma C:SU C:DD Y1979 …" */
static void
append_events (GString *out,
               GArray  *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      AtlasPlaybackEvent *e = &g_array_index (events, AtlasPlaybackEvent, i);

      switch (e->kind)
        {
        case ATLAS_PLAYBACK_EVENT_YEAR:
          g_string_append_printf (out, "Y%d ", e->year);
          break;
        case ATLAS_PLAYBACK_EVENT_RECORD:
          g_string_append_printf (out, "R:%s ", e->record ? atlas_partnership_get_id (e->record) : "-");
          break;
        case ATLAS_PLAYBACK_EVENT_COUNTRY:
          g_string_append_printf (out, "C:%s ", e->country);
          break;
        case ATLAS_PLAYBACK_EVENT_END:
        default:
          g_string_append (out, "END ");
          break;
        }
    }
}

static void
test_sweep (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasPlayback) playback = atlas_playback_new (G_LIST_MODEL (store));
  g_autoptr(GString) log = g_string_new (NULL);
  int last_year = 0;
  guint frames = 0;

  g_assert_cmpuint (atlas_playback_get_n_records (playback), ==, 4);
  g_assert_cmpint (atlas_playback_get_year (playback), ==, 1978);
  g_assert_null (atlas_playback_get_current_record (playback));

  /* 60 frames a second, 10 years a second */
  atlas_playback_set_speed (playback, 10);
  while (!atlas_playback_is_finished (playback))
    {
      g_autoptr(GArray) events = atlas_playback_advance (playback, 1.0 / 60);

      append_events (log, events);
      g_assert_cmpint (atlas_playback_get_year (playback), >=, last_year);
      last_year = atlas_playback_get_year (playback);
      g_assert_cmpuint (++frames, <, 10000);
    }

  /* Years come one by one, in order; each record after the years up to
   * its start; countries once each, the first time a record names them */
  g_assert_cmpstr (log->str, ==,
                   "R:ussr-gdr-sigma C:SU C:DD Y1979 Y1980 Y1981 Y1982 Y1983 Y1984 Y1985 Y1986 "
                   "Y1987 Y1988 R:cbers C:CN C:BR R:cbers-2 Y1989 Y1990 Y1991 Y1992 Y1993 Y1994 "
                   "Y1995 Y1996 Y1997 Y1998 Y1999 Y2000 Y2001 Y2002 Y2003 Y2004 Y2005 Y2006 "
                   "Y2007 Y2008 R:apsco C:BD C:IR C:MN C:PK C:PE C:TH C:TR END ");

  /* Three decades at ten years a second, sixty frames a second */
  g_assert_cmpuint (frames, >, 170);
  g_assert_cmpuint (frames, <, 200);
  g_assert_cmpuint (atlas_playback_get_n_countries_seen (playback), ==, 11);

  /* Nothing more happens at the end */
  {
    g_autoptr(GArray) events = atlas_playback_advance (playback, 1.0);
    g_assert_cmpuint (events->len, ==, 0);
  }
}

static void
test_steps (void)
{
  g_autoptr(AtlasStore) store = load_valid ();
  g_autoptr(AtlasPlayback) playback = atlas_playback_new (G_LIST_MODEL (store));
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GArray) back = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GArray) events = atlas_playback_step (playback, 1);
      append_events (log, events);
    }

  /* Record by record, even the two of 1988 */
  g_assert_cmpstr (log->str, ==,
                   "R:ussr-gdr-sigma C:SU C:DD Y1979 Y1980 Y1981 Y1982 Y1983 Y1984 Y1985 Y1986 "
                   "Y1987 Y1988 R:cbers C:CN C:BR R:cbers-2 ");
  g_assert_cmpstr (atlas_partnership_get_id (atlas_playback_get_current_record (playback)), ==, "cbers-2");

  /* Back one: to cbers, and Brazil is still met; back again: the GDR */
  back = atlas_playback_step (playback, -1);
  g_assert_cmpstr (atlas_partnership_get_id (atlas_playback_get_current_record (playback)), ==, "cbers");
  g_assert_cmpuint (atlas_playback_get_n_countries_seen (playback), ==, 4);
  g_clear_pointer (&back, g_array_unref);

  back = atlas_playback_step (playback, -1);
  g_assert_cmpstr (atlas_partnership_get_id (atlas_playback_get_current_record (playback)), ==,
                   "ussr-gdr-sigma");
  g_assert_cmpuint (atlas_playback_get_n_countries_seen (playback), ==, 2);
  g_clear_pointer (&back, g_array_unref);

  /* Before the first: nothing reached */
  back = atlas_playback_step (playback, -1);
  g_assert_null (atlas_playback_get_current_record (playback));
  g_clear_pointer (&back, g_array_unref);
  back = atlas_playback_step (playback, -1);
  g_assert_cmpuint (back->len, ==, 0);

  /* Rewinding forgets everything */
  atlas_playback_rewind (playback);
  g_assert_cmpuint (atlas_playback_get_n_countries_seen (playback), ==, 0);
}

static void
test_empty (void)
{
  g_autoptr(GListStore) empty = g_list_store_new (ATLAS_TYPE_PARTNERSHIP);
  g_autoptr(AtlasPlayback) playback = atlas_playback_new (G_LIST_MODEL (empty));
  g_autoptr(GArray) events = atlas_playback_advance (playback, 1.0);
  g_autoptr(GArray) steps = atlas_playback_step (playback, 1);

  g_assert_true (atlas_playback_is_finished (playback));
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_cmpuint (steps->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/playback/sweep", test_sweep);
  g_test_add_func ("/playback/steps", test_steps);
  g_test_add_func ("/playback/empty", test_empty);

  return g_test_run ();
}
