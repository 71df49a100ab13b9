/* atlas-playback.c — time sweeping through the records, for presenting
 *
 * A sweep goes from just before the earliest record's start to the
 * latest one's, at a speed in years per second.  The window drives it
 * from the frame clock with the seconds since the last frame; each step
 * reports what happened, in order: new years, records reached, and
 * countries met for the first time (so the map can make them stand
 * out).  Stepping record by record jumps to the next or previous start.
 *
 * The sweep is a plain state machine over a snapshot of the records:
 * no widgets, no clock of its own, so it is tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-playback"

#include "config.h"

#include <math.h>

#include "atlas-playback.h"

#define DAYS_PER_YEAR 365.2425
/* The sweep starts this long before the first record, to show it arrive */
#define LEAD_IN_DAYS 180.0
#define DEFAULT_SPEED 2.0

struct _AtlasPlayback
{
  GPtrArray  *records;       /* AtlasPartnership, by start */
  GArray     *starts;        /* double, first day of each */
  GHashTable *first_seen;    /* country → index of its first record */
  GHashTable *seen;          /* countries met so far */
  double      first_day;
  double      last_day;
  double      day;
  double      speed;
  guint       next;          /* the first record not yet reached */
};

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return atlas_partnership_compare (*(AtlasPartnership **) a, *(AtlasPartnership **) b);
}

static int
year_of (double day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) CLAMP (floor (day), 1, 3652059));
  return g_date_get_year (&date);
}

/**
 * atlas_playback_new:
 * @records: a model of AtlasPartnership; read once, now
 *
 * Returns: (transfer full): a sweep, at its start
 */
AtlasPlayback *
atlas_playback_new (GListModel *records)
{
  AtlasPlayback *self = g_new0 (AtlasPlayback, 1);
  guint n = g_list_model_get_n_items (records);

  self->records = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->records, g_list_model_get_item (records, i));
  g_ptr_array_sort (self->records, compare_records);

  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  for (guint i = 0; i < n; i++)
    {
      double start = atlas_date_get_first_day (atlas_partnership_get_start (self->records->pdata[i]));
      g_array_append_val (self->starts, start);
    }

  self->first_seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      const char * const *countries = atlas_partnership_get_countries (self->records->pdata[i]);

      for (guint c = 0; countries[c] != NULL; c++)
        if (!g_hash_table_contains (self->first_seen, countries[c]))
          g_hash_table_insert (self->first_seen, (gpointer) countries[c], GUINT_TO_POINTER (i));
    }

  self->seen = g_hash_table_new (g_str_hash, g_str_equal);
  self->speed = DEFAULT_SPEED;

  if (n > 0)
    {
      self->first_day = g_array_index (self->starts, double, 0) - LEAD_IN_DAYS;
      self->last_day = g_array_index (self->starts, double, n - 1);
    }

  atlas_playback_rewind (self);
  return self;
}

void
atlas_playback_free (AtlasPlayback *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->records);
  g_array_unref (self->starts);
  g_hash_table_unref (self->first_seen);
  g_hash_table_unref (self->seen);
  g_free (self);
}

double
atlas_playback_get_first_day (AtlasPlayback *self)
{
  return self->first_day;
}

double
atlas_playback_get_last_day (AtlasPlayback *self)
{
  return self->last_day;
}

/**
 * atlas_playback_get_day:
 *
 * Returns: where the sweep is, as a day number (fractions are times of
 *   day)
 */
double
atlas_playback_get_day (AtlasPlayback *self)
{
  return self->day;
}

int
atlas_playback_get_year (AtlasPlayback *self)
{
  return year_of (self->day);
}

guint
atlas_playback_get_n_records (AtlasPlayback *self)
{
  return self->records->len;
}

gboolean
atlas_playback_is_finished (AtlasPlayback *self)
{
  return self->records->len == 0 || (self->next >= self->records->len && self->day >= self->last_day);
}

/**
 * atlas_playback_set_speed:
 * @years_per_second: how fast time sweeps
 */
void
atlas_playback_set_speed (AtlasPlayback *self,
                          double         years_per_second)
{
  self->speed = CLAMP (years_per_second, 0.05, 100.0);
}

double
atlas_playback_get_speed (AtlasPlayback *self)
{
  return self->speed;
}

/**
 * atlas_playback_rewind:
 *
 * Goes back to before the first record, with no country met yet.
 */
void
atlas_playback_rewind (AtlasPlayback *self)
{
  self->day = self->first_day;
  self->next = 0;
  g_hash_table_remove_all (self->seen);
}

static void
add_event (GArray                 *events,
           AtlasPlaybackEventKind  kind,
           double                  day,
           AtlasPartnership       *record,
           const char             *country)
{
  AtlasPlaybackEvent event = { kind, day, year_of (day), record, country };

  g_array_append_val (events, event);
}

/* Moves the sweep to @day (not before where it is), reporting what it
 * passes, reaching no more than @limit records in all */
static void
move_to_limit (AtlasPlayback *self,
               double         day,
               guint          limit,
               GArray        *events)
{
  int year = year_of (self->day);

  day = MIN (day, self->last_day);

  while (self->next < MIN (limit, self->records->len) &&
         g_array_index (self->starts, double, self->next) <= day)
    {
      AtlasPartnership *record = self->records->pdata[self->next];
      double start = g_array_index (self->starts, double, self->next);
      const char * const *countries = atlas_partnership_get_countries (record);

      /* Years in between come first, in order */
      for (int y = year + 1; y <= year_of (start); y++)
        {
          AtlasDate date;

          atlas_date_init (&date, y, 1, 1);
          add_event (events, ATLAS_PLAYBACK_EVENT_YEAR, atlas_date_get_first_day (&date), NULL, NULL);
        }
      year = MAX (year, year_of (start));

      add_event (events, ATLAS_PLAYBACK_EVENT_RECORD, start, record, NULL);
      for (guint c = 0; countries[c] != NULL; c++)
        if (g_hash_table_add (self->seen, (gpointer) countries[c]))
          add_event (events, ATLAS_PLAYBACK_EVENT_COUNTRY, start, record, countries[c]);

      self->next++;
    }

  for (int y = year + 1; y <= year_of (day); y++)
    {
      AtlasDate date;

      atlas_date_init (&date, y, 1, 1);
      add_event (events, ATLAS_PLAYBACK_EVENT_YEAR, atlas_date_get_first_day (&date), NULL, NULL);
    }

  self->day = MAX (self->day, day);

  if (self->next >= self->records->len && self->day >= self->last_day && self->records->len > 0)
    add_event (events, ATLAS_PLAYBACK_EVENT_END, self->day, NULL, NULL);
}

static void
move_to (AtlasPlayback *self,
         double         day,
         GArray        *events)
{
  move_to_limit (self, day, G_MAXUINT, events);
}

/**
 * atlas_playback_advance:
 * @seconds: time since the last advance, from the frame clock
 *
 * Returns: (transfer full) (element-type AtlasPlaybackEvent): what
 *   happened, in order; empty when nothing did
 */
GArray *
atlas_playback_advance (AtlasPlayback *self,
                        double         seconds)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (AtlasPlaybackEvent));

  if (!atlas_playback_is_finished (self) && seconds > 0)
    move_to (self, self->day + seconds * self->speed * DAYS_PER_YEAR, events);

  return events;
}

/**
 * atlas_playback_step:
 * @direction: 1 for the next record, -1 for the previous one
 *
 * Jumps to the start of the next record, or back to that of the
 * previous one (going back forgets the countries met after it).
 *
 * Returns: (transfer full) (element-type AtlasPlaybackEvent): what the
 *   jump passed, forwards; going back reports the record arrived at
 */
GArray *
atlas_playback_step (AtlasPlayback *self,
                     int            direction)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (AtlasPlaybackEvent));

  if (self->records->len == 0)
    return events;

  if (direction > 0)
    {
      if (self->next < self->records->len)
        move_to_limit (self, g_array_index (self->starts, double, self->next), self->next + 1, events);
      return events;
    }

  /* Back: replay from the start up to the record before the current
   * one; from the first record, back to before it */
  if (self->next == 0)
    return events;

  {
    guint previous = self->next - 1;

    atlas_playback_rewind (self);
    if (previous > 0)
      {
        g_autoptr(GArray) replay = g_array_new (FALSE, FALSE, sizeof (AtlasPlaybackEvent));

        move_to_limit (self, g_array_index (self->starts, double, previous - 1), previous, replay);
      }

    add_event (events, ATLAS_PLAYBACK_EVENT_RECORD, self->day, atlas_playback_get_current_record (self), NULL);
  }

  return events;
}

/**
 * atlas_playback_get_current_record:
 *
 * Returns: (transfer none) (nullable): the latest record reached
 */
AtlasPartnership *
atlas_playback_get_current_record (AtlasPlayback *self)
{
  return self->next > 0 ? self->records->pdata[self->next - 1] : NULL;
}

guint
atlas_playback_get_n_countries_seen (AtlasPlayback *self)
{
  return g_hash_table_size (self->seen);
}
