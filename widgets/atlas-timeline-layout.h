/* atlas-timeline-layout.h — the timeline's item cache, lanes, rows and hit testing
 *
 * Pure data structures (GLib only): the timeline fills the cache from
 * its model, and tests check packing and hit testing without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "atlas-time-scale.h"

G_BEGIN_DECLS

/**
 * AtlasTimelineMetrics:
 * @row_height: the height of a row of items
 * @mark_size: the diameter of a mark, the height of a bar, and the
 *   least width of either
 * @lane_padding: room above and below the rows of a lane
 * @label_gap: room between a mark and its label
 * @label_padding: room around a label drawn inside a bar
 * @label_max: the widest a label is drawn; longer ones are ellipsized
 * @row_gap: the least room between two neighbours in a row
 * @dense_height: the height of the density strip of a dense lane
 * @badge_width: the width of the time buckets whose items a count
 *   badge stands for, when they do not fit in a lane's rows
 * @max_rows: the most rows of a lane, at most 62
 *
 * Sizes in pixels.
 */
typedef struct
{
  double row_height;
  double mark_size;
  double lane_padding;
  double label_gap;
  double label_padding;
  double label_max;
  double row_gap;
  double dense_height;
  double badge_width;
  guint  max_rows;
} AtlasTimelineMetrics;

void atlas_timeline_metrics_init (AtlasTimelineMetrics *metrics);

typedef enum
{
  ATLAS_TIMELINE_SHAPE_DOT,      /* a point in time known to the day */
  ATLAS_TIMELINE_SHAPE_PERIOD,   /* a point known to the month or the year: its period */
  ATLAS_TIMELINE_SHAPE_BAR,      /* from a start to an end */
  ATLAS_TIMELINE_SHAPE_ONGOING,  /* from a start to today, fading */
} AtlasTimelineShape;

/**
 * AtlasTimelineGeometry:
 * @item: the item's position in the model
 * @lane: the lane
 * @entry: the item's position in the lane
 * @shape: how it is drawn
 * @row: its row in the lane, or -1 when it is counted in the lane's
 *   overflow badges instead
 * @x0: where the shape starts, in pixels on the scale
 * @x1: where the shape ends
 * @solid_x0: where the solid part of a bar starts (after the faint
 *   period of a start known to the month or year)
 * @fade_x0: where an ongoing bar starts to fade
 * @y: the top of its row, from the top of the content
 * @label_shown: whether the label is drawn
 * @label_inside: whether the label is wholly inside the bar or period
 *   (a longer label runs on past its end)
 * @label_x: where the label starts: beside a mark, inside a bar
 * @label_width: the width the label is drawn at (ellipsized if longer)
 */
typedef struct
{
  guint              item;
  guint              lane;
  guint              entry;
  AtlasTimelineShape shape;
  int                row;
  double             x0;
  double             x1;
  double             solid_x0;
  double             fade_x0;
  double             y;
  gboolean           label_shown;
  gboolean           label_inside;
  double             label_x;
  double             label_width;
} AtlasTimelineGeometry;

/**
 * AtlasTimelineHit:
 * @item: the item under the point, or -1 for an aggregate
 * @lane: the lane under the point
 * @entry: the item's position in the lane
 * @count: for an aggregate (a dense lane or an overflow badge), how
 *   many items it stands for
 * @first_day: the first day of the aggregate
 * @last_day: the day after its last day
 */
typedef struct
{
  int    item;
  guint  lane;
  guint  entry;
  guint  count;
  double first_day;
  double last_day;
} AtlasTimelineHit;

/**
 * AtlasTimelineTime:
 *
 * An item's time as the layout keeps it: its first day, the day after
 * its last, the day after its start's period, and flags.  Filled by
 * atlas_timeline_layout_prepare_time().
 */
typedef struct
{
  float  start;
  float  stop;
  float  period;
  guint8 flags;
} AtlasTimelineTime;

typedef struct _AtlasTimelineLayout AtlasTimelineLayout;

AtlasTimelineLayout *atlas_timeline_layout_new        (void);
void        atlas_timeline_layout_free                (AtlasTimelineLayout        *self);

/* The item cache */
void        atlas_timeline_layout_begin_update        (AtlasTimelineLayout        *self,
                                                       guint                       position,
                                                       guint                       removed,
                                                       guint                       added);
void        atlas_timeline_layout_set_item            (AtlasTimelineLayout        *self,
                                                       guint                       item,
                                                       double                      start,
                                                       double                      end,
                                                       int                         precision,
                                                       gboolean                    ongoing,
                                                       const char                 *label,
                                                       double                      label_width,
                                                       const char * const         *lanes,
                                                       int                         n_lanes);
guint       atlas_timeline_layout_intern_key          (AtlasTimelineLayout        *self,
                                                       const char                 *key);
void        atlas_timeline_layout_prepare_time        (AtlasTimelineTime          *time,
                                                       double                      start,
                                                       double                      end,
                                                       int                         precision,
                                                       gboolean                    ongoing);
void        atlas_timeline_layout_set_item_with_keys  (AtlasTimelineLayout        *self,
                                                       guint                       item,
                                                       const AtlasTimelineTime    *time,
                                                       const char                 *label,
                                                       double                      label_width,
                                                       const guint                *keys,
                                                       guint                       n_keys);
void        atlas_timeline_layout_end_update          (AtlasTimelineLayout        *self);
void        atlas_timeline_layout_set_label_width     (AtlasTimelineLayout        *self,
                                                       guint                       item,
                                                       double                      label_width);

guint       atlas_timeline_layout_get_n_items         (AtlasTimelineLayout        *self);
double      atlas_timeline_layout_get_item_start      (AtlasTimelineLayout        *self,
                                                       guint                       item);
double      atlas_timeline_layout_get_item_stop       (AtlasTimelineLayout        *self,
                                                       guint                       item);
int         atlas_timeline_layout_get_item_precision  (AtlasTimelineLayout        *self,
                                                       guint                       item);
gboolean    atlas_timeline_layout_get_item_has_end    (AtlasTimelineLayout        *self,
                                                       guint                       item);
gboolean    atlas_timeline_layout_get_item_ongoing    (AtlasTimelineLayout        *self,
                                                       guint                       item);
const char *atlas_timeline_layout_get_item_label      (AtlasTimelineLayout        *self,
                                                       guint                       item);
const guint16 *atlas_timeline_layout_get_item_lanes   (AtlasTimelineLayout        *self,
                                                       guint                       item,
                                                       guint                      *n_lanes);
gboolean    atlas_timeline_layout_get_extent          (AtlasTimelineLayout        *self,
                                                       double                     *first_day,
                                                       double                     *stop_day);
gsize       atlas_timeline_layout_get_memory_size     (AtlasTimelineLayout        *self);

/* Lanes, in the order they are shown: most items first */
guint       atlas_timeline_layout_get_n_lanes         (AtlasTimelineLayout        *self);
const char *atlas_timeline_layout_get_lane_key        (AtlasTimelineLayout        *self,
                                                       guint                       lane);
guint       atlas_timeline_layout_get_lane_n_entries  (AtlasTimelineLayout        *self,
                                                       guint                       lane);
guint       atlas_timeline_layout_get_lane_item       (AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       guint                       entry);
void        atlas_timeline_layout_get_lane_extent     (AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       double                     *first_day,
                                                       double                     *stop_day);
guint       atlas_timeline_layout_find_entry          (AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       guint                       item);

/* Layout at a zoom */
void        atlas_timeline_layout_set_metrics         (AtlasTimelineLayout        *self,
                                                       const AtlasTimelineMetrics *metrics);
const AtlasTimelineMetrics *
            atlas_timeline_layout_get_metrics         (AtlasTimelineLayout        *self);
void        atlas_timeline_layout_set_today           (AtlasTimelineLayout        *self,
                                                       double                      today);
double      atlas_timeline_layout_get_today           (AtlasTimelineLayout        *self);
gboolean    atlas_timeline_layout_update              (AtlasTimelineLayout        *self,
                                                       double                      px_per_day);
double      atlas_timeline_layout_get_height          (AtlasTimelineLayout        *self);
double      atlas_timeline_layout_get_lane_y          (AtlasTimelineLayout        *self,
                                                       guint                       lane);
double      atlas_timeline_layout_get_lane_height     (AtlasTimelineLayout        *self,
                                                       guint                       lane);
guint       atlas_timeline_layout_get_lane_n_rows     (AtlasTimelineLayout        *self,
                                                       guint                       lane);
gboolean    atlas_timeline_layout_get_lane_dense      (AtlasTimelineLayout        *self,
                                                       guint                       lane);
gboolean    atlas_timeline_layout_get_lane_overflows  (AtlasTimelineLayout        *self,
                                                       guint                       lane);
double      atlas_timeline_layout_get_overflow_y      (AtlasTimelineLayout        *self,
                                                       guint                       lane);
int         atlas_timeline_layout_get_entry_row       (AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       guint                       entry);
void        atlas_timeline_layout_get_geometry        (AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       guint                       entry,
                                                       const AtlasTimeScale       *scale,
                                                       AtlasTimelineGeometry      *geometry);

/**
 * AtlasTimelineLaneIter:
 *
 * Walks the entries of a lane that may be in view, in no particular
 * order; the caller clips.
 */
typedef struct
{
  /*< private >*/
  AtlasTimelineLayout *layout;
  gpointer             lane;
  double               to;
  guint                long_index;
  guint                index;
  guint                end;
} AtlasTimelineLaneIter;

void        atlas_timeline_lane_iter_init             (AtlasTimelineLaneIter      *iter,
                                                       AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       double                      from_day,
                                                       double                      to_day);
gboolean    atlas_timeline_lane_iter_next             (AtlasTimelineLaneIter      *iter,
                                                       guint                      *entry);

/* Aggregation */
guint       atlas_timeline_layout_count               (AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       double                      from_day,
                                                       double                      to_day);
void        atlas_timeline_layout_count_buckets       (AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       const AtlasTimeScale       *scale,
                                                       double                      x,
                                                       double                      bucket_width,
                                                       guint                      *counts,
                                                       guint                       n_buckets);
gint64      atlas_timeline_layout_get_badge           (AtlasTimelineLayout        *self,
                                                       double                      day);
void        atlas_timeline_layout_get_badge_days      (AtlasTimelineLayout        *self,
                                                       gint64                      badge,
                                                       double                     *first_day,
                                                       double                     *stop_day);
guint       atlas_timeline_layout_count_overflow      (AtlasTimelineLayout        *self,
                                                       guint                       lane,
                                                       gint64                      badge,
                                                       guint                      *first_entry);

/* Hit testing and moving around */
gboolean    atlas_timeline_layout_pick                (AtlasTimelineLayout        *self,
                                                       const AtlasTimeScale       *scale,
                                                       double                      x,
                                                       double                      y,
                                                       AtlasTimelineHit           *hit);
gboolean    atlas_timeline_layout_find_nearest        (AtlasTimelineLayout        *self,
                                                       const AtlasTimeScale       *scale,
                                                       guint                       lane,
                                                       int                         row,
                                                       double                      x,
                                                       guint                      *entry);
gboolean    atlas_timeline_layout_step_vertical       (AtlasTimelineLayout        *self,
                                                       const AtlasTimeScale       *scale,
                                                       guint                      *lane,
                                                       guint                      *entry,
                                                       int                         direction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasTimelineLayout, atlas_timeline_layout_free)

G_END_DECLS
