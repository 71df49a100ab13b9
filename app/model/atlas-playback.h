/* atlas-playback.h — time sweeping through the records, for presenting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "atlas-partnership.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_PLAYBACK_EVENT_YEAR,      /* the sweep entered a new year */
  ATLAS_PLAYBACK_EVENT_RECORD,    /* a record's start was reached */
  ATLAS_PLAYBACK_EVENT_COUNTRY,   /* a country's first record was reached */
  ATLAS_PLAYBACK_EVENT_END,       /* the sweep reached the latest record */
} AtlasPlaybackEventKind;

/**
 * AtlasPlaybackEvent:
 * @kind: what happened
 * @day: when, as a day number
 * @year: the year of @day
 * @record: (nullable): for RECORD and COUNTRY events, the record
 * @country: (nullable): for COUNTRY events, the country's code
 */
typedef struct
{
  AtlasPlaybackEventKind  kind;
  double                  day;
  int                     year;
  AtlasPartnership       *record;
  const char             *country;
} AtlasPlaybackEvent;

typedef struct _AtlasPlayback AtlasPlayback;

AtlasPlayback    *atlas_playback_new          (GListModel    *records);
void              atlas_playback_free         (AtlasPlayback *self);
double            atlas_playback_get_first_day (AtlasPlayback *self);
double            atlas_playback_get_last_day (AtlasPlayback *self);
double            atlas_playback_get_day      (AtlasPlayback *self);
int               atlas_playback_get_year     (AtlasPlayback *self);
guint             atlas_playback_get_n_records (AtlasPlayback *self);
gboolean          atlas_playback_is_finished  (AtlasPlayback *self);
void              atlas_playback_set_speed    (AtlasPlayback *self,
                                               double         years_per_second);
double            atlas_playback_get_speed    (AtlasPlayback *self);
void              atlas_playback_rewind       (AtlasPlayback *self);
GArray           *atlas_playback_advance      (AtlasPlayback *self,
                                               double         seconds);
GArray           *atlas_playback_step         (AtlasPlayback *self,
                                               int            direction);
AtlasPartnership *atlas_playback_get_current_record (AtlasPlayback *self);
guint             atlas_playback_get_n_countries_seen (AtlasPlayback *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasPlayback, atlas_playback_free)

G_END_DECLS
