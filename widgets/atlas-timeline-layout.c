/* atlas-timeline-layout.c — the timeline's item cache, lanes, rows and hit testing
 *
 * The cache keeps what drawing needs of each item in parallel arrays
 * (structure of arrays: floats for days, bytes for flags, offsets into
 * one text buffer for labels), about 50 bytes an item.  Each lane keeps
 * its entries sorted by start, so that what is in view is found by
 * binary search, and packs them into rows at the current zoom, rounded
 * down to a quarter of an octave so that zooming does not repack on
 * every frame.  An item may be in several lanes.
 *
 * Lane keys are interned: a key gets an id that lasts as long as the
 * layout, so that a caller who keeps ids (the timeline keeps them per
 * item) places items in lanes without hashing strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-timeline-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-timeline-layout.h"

#define NO_LABEL  G_MAXUINT32
#define MAX_LANES 4096
#define MAX_ROWS  62

/* Tolerance of hit testing, in pixels */
#define PICK_SLOP 3.0

/* Item flags */
enum
{
  FLAG_PRECISION = 0x3,
  FLAG_HAS_END   = 1 << 2,
  FLAG_ONGOING   = 1 << 3,
};

/* Where an entry is placed in its lane: one byte */
#define PLACE_ROW      0x3f
#define PLACE_OVERFLOW 0x3f
#define PLACE_LABEL    0x40
#define PLACE_LONG     0x80

/* A lane key, interned */
typedef struct
{
  char     *key;
  char     *collate_key;
  guint     lane;         /* its lane + 1, or 0 when it has none */
} Key;

typedef struct
{
  const char *key;        /* owned by its Key */
  const char *collate_key;
  guint     key_id;
  guint     id;

  /* Entries, sorted by start, then by item */
  guint     n;
  guint32  *items;
  float    *starts;
  float    *stops;        /* the entries' stops, sorted on their own: for counting */
  guint8   *place;

  /* Entries that reach much further right than the others (long bars,
   * ongoing ones), walked on their own so that the others can be found
   * by binary search */
  guint32  *long_entries;
  guint     n_long;
  double    short_reach;  /* days from its start that any other entry reaches */

  gboolean  changed;      /* entries changed since they were packed */
  gboolean  dense;
  guint     n_rows;
  gboolean  overflow;
  double    y;
  double    height;

  GArray   *added;        /* during an update: new items in this lane */
} Lane;

typedef struct
{
  guint32 k;              /* the new item's position among those added */
  guint16 lane;
} Membership;

struct _AtlasTimelineLayout
{
  /* Items, in model order */
  guint                 n_items;
  guint                 items_alloc;
  float                *start;     /* first day */
  float                *stop;      /* the day after the last one drawn (ongoing: see item_stop) */
  float                *period;    /* the day after the start's period */
  guint8               *flags;
  guint32              *label;     /* offset into text */
  guint16              *label_width;
  guint32              *lanes_off; /* n_items + 1 */
  guint16              *item_lanes;

  char                 *text;
  gsize                 text_len;
  gsize                 text_alloc;
  gsize                 text_live;

  GPtrArray            *lanes;     /* Lane, in the order they are shown */
  GArray               *keys;      /* Key, by id */
  GHashTable           *key_ids;   /* key → id + 1 */
  guint                 empty_key; /* the id of "" */

  /* An update in progress */
  gboolean              updating;
  guint                 update_position;
  guint                 update_removed;
  guint                 update_added;
  guint                 update_old_n;
  GArray               *update_members;

  AtlasTimelineMetrics  metrics;
  double                today;
  double                packed_ppd;
  double                height;
  gboolean              geometry_changed;
};

/* Sorting */

static inline guint32
float_key (float value)
{
  union { float f; guint32 u; } bits = { value };

  /* Days are positive: their bits sort as the numbers do */
  return bits.u;
}

/* A stable LSD radix sort of @keys (32 bits), moving @values along */
static void
radix_sort (guint32 *keys,
            guint32 *values,
            guint    n)
{
  static const guint shifts[] = { 0, 11, 22 };
  g_autofree guint32 *tmp_keys = NULL;
  g_autofree guint32 *tmp_values = NULL;
  guint32 *src_keys = keys, *src_values = values;
  guint32 *dst_keys, *dst_values;

  if (n < 64)
    {
      /* Insertion sort: stable */
      for (guint i = 1; i < n; i++)
        {
          guint32 key = keys[i], value = values ? values[i] : 0;
          guint j = i;

          for (; j > 0 && keys[j - 1] > key; j--)
            {
              keys[j] = keys[j - 1];
              if (values)
                values[j] = values[j - 1];
            }
          keys[j] = key;
          if (values)
            values[j] = value;
        }
      return;
    }

  tmp_keys = g_new (guint32, n);
  tmp_values = values ? g_new (guint32, n) : NULL;
  dst_keys = tmp_keys;
  dst_values = tmp_values;

  for (guint pass = 0; pass < G_N_ELEMENTS (shifts); pass++)
    {
      guint counts[2048] = { 0, };
      guint shift = shifts[pass];
      guint sum = 0;

      for (guint i = 0; i < n; i++)
        counts[(src_keys[i] >> shift) & 0x7ff]++;
      for (guint b = 0; b < 2048; b++)
        {
          guint c = counts[b];
          counts[b] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        {
          guint pos = counts[(src_keys[i] >> shift) & 0x7ff]++;

          dst_keys[pos] = src_keys[i];
          if (values)
            dst_values[pos] = src_values[i];
        }

      /* Swap */
      {
        guint32 *k = src_keys, *v = src_values;
        src_keys = dst_keys;
        src_values = dst_values;
        dst_keys = k;
        dst_values = v;
      }
    }

  /* Three passes: the result is in the temporary buffers */
  memcpy (keys, src_keys, n * sizeof (guint32));
  if (values)
    memcpy (values, src_values, n * sizeof (guint32));
}

/* The first position whose value is >= value */
static guint
lower_bound (const float *values,
             guint        n,
             double       value)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (values[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first position whose value is > value */
static guint
upper_bound (const float *values,
             guint        n,
             double       value)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (values[mid] <= value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Metrics */

/**
 * atlas_timeline_metrics_init:
 *
 * Fills @metrics with sizes that suit a 10 or 11 point font.
 */
void
atlas_timeline_metrics_init (AtlasTimelineMetrics *metrics)
{
  metrics->row_height = 24;
  metrics->mark_size = 12;
  metrics->lane_padding = 6;
  metrics->label_gap = 6;
  metrics->label_padding = 6;
  metrics->label_max = 240;
  metrics->row_gap = 6;
  metrics->dense_height = 36;
  metrics->badge_width = 48;
  metrics->max_rows = 12;
}

/* Lanes */

static void
lane_free (Lane *lane)
{
  g_free (lane->items);
  g_free (lane->starts);
  g_free (lane->stops);
  g_free (lane->place);
  g_free (lane->long_entries);
  g_clear_pointer (&lane->added, g_array_unref);
  g_free (lane);
}

static inline Lane *
get_lane (AtlasTimelineLayout *self,
          guint                lane)
{
  return g_ptr_array_index (self->lanes, lane);
}

static void
key_clear (Key *key)
{
  g_free (key->key);
  g_free (key->collate_key);
}

static inline Key *
get_key (AtlasTimelineLayout *self,
         guint                key_id)
{
  return &g_array_index (self->keys, Key, key_id);
}

static guint16
lookup_lane (AtlasTimelineLayout *self,
             guint                key_id)
{
  Key *key = get_key (self, key_id);
  Lane *lane;

  if (key->lane > 0)
    return key->lane - 1;

  if (self->lanes->len >= MAX_LANES)
    {
      static gboolean warned;

      if (!warned)
        g_warning ("More than %d lanes: the rest are shown in the last one", MAX_LANES);
      warned = TRUE;
      return MAX_LANES - 1;
    }

  lane = g_new0 (Lane, 1);
  lane->key = key->key;
  lane->collate_key = key->collate_key;
  lane->key_id = key_id;
  lane->id = self->lanes->len;
  lane->changed = TRUE;
  g_ptr_array_add (self->lanes, lane);
  key->lane = lane->id + 1;
  return lane->id;
}

/* Items */

static inline double
item_stop (AtlasTimelineLayout *self,
           guint                item)
{
  double stop = self->stop[item];

  if (self->flags[item] & FLAG_ONGOING)
    stop = MAX (stop, self->today + 1);
  return stop;
}

static void
ensure_items (AtlasTimelineLayout *self,
              guint                n)
{
  if (n <= self->items_alloc)
    return;

  self->items_alloc = MAX (n, self->items_alloc + self->items_alloc / 2);
  self->start = g_renew (float, self->start, self->items_alloc);
  self->stop = g_renew (float, self->stop, self->items_alloc);
  self->period = g_renew (float, self->period, self->items_alloc);
  self->flags = g_renew (guint8, self->flags, self->items_alloc);
  self->label = g_renew (guint32, self->label, self->items_alloc);
  self->label_width = g_renew (guint16, self->label_width, self->items_alloc);
}

static guint32
add_text (AtlasTimelineLayout *self,
          const char          *text)
{
  gsize len;
  guint32 offset;

  if (text == NULL || *text == '\0')
    return NO_LABEL;

  len = strlen (text) + 1;
  if (self->text_len + len >= G_MAXUINT32)
    return NO_LABEL;

  if (self->text_len + len > self->text_alloc)
    {
      self->text_alloc = MAX (self->text_len + len, self->text_alloc * 2);
      self->text_alloc = MAX (self->text_alloc, 4096);
      self->text = g_realloc (self->text, self->text_alloc);
    }

  offset = self->text_len;
  memcpy (self->text + offset, text, len);
  self->text_len += len;
  self->text_live += len;
  return offset;
}

static void
compact_text (AtlasTimelineLayout *self)
{
  g_autofree char *old = g_steal_pointer (&self->text);

  self->text_len = self->text_alloc = self->text_live = 0;
  for (guint i = 0; i < self->n_items; i++)
    if (self->label[i] != NO_LABEL)
      self->label[i] = add_text (self, old + self->label[i]);

  if (self->text_alloc > self->text_len)
    {
      self->text_alloc = MAX (self->text_len, 1);
      self->text = g_realloc (self->text, self->text_alloc);
    }
}

AtlasTimelineLayout *
atlas_timeline_layout_new (void)
{
  AtlasTimelineLayout *self = g_new0 (AtlasTimelineLayout, 1);

  self->lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) lane_free);
  self->keys = g_array_new (FALSE, FALSE, sizeof (Key));
  g_array_set_clear_func (self->keys, (GDestroyNotify) key_clear);
  self->key_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->empty_key = atlas_timeline_layout_intern_key (self, "");
  self->lanes_off = g_new0 (guint32, 1);
  self->update_members = g_array_new (FALSE, FALSE, sizeof (Membership));
  self->today = atlas_time_today ();
  atlas_timeline_metrics_init (&self->metrics);

  return self;
}

void
atlas_timeline_layout_free (AtlasTimelineLayout *self)
{
  if (self == NULL)
    return;

  g_free (self->start);
  g_free (self->stop);
  g_free (self->period);
  g_free (self->flags);
  g_free (self->label);
  g_free (self->label_width);
  g_free (self->lanes_off);
  g_free (self->item_lanes);
  g_free (self->text);
  g_ptr_array_unref (self->lanes);
  g_hash_table_unref (self->key_ids);
  g_array_unref (self->keys);
  g_array_unref (self->update_members);
  g_free (self);
}

/**
 * atlas_timeline_layout_begin_update:
 * @position: where items changed
 * @removed: how many were removed there
 * @added: how many were added there
 *
 * Starts replacing items the way #GListModel::items-changed says.  Call
 * atlas_timeline_layout_set_item() once for each added item, then
 * atlas_timeline_layout_end_update().  Items that are not set are in no
 * lane.
 */
void
atlas_timeline_layout_begin_update (AtlasTimelineLayout *self,
                                    guint                position,
                                    guint                removed,
                                    guint                added)
{
  guint old_n = self->n_items;
  guint n;

  g_return_if_fail (!self->updating);
  g_return_if_fail (position <= old_n && removed <= old_n - position);

  self->updating = TRUE;
  self->update_position = position;
  self->update_removed = removed;
  self->update_added = added;
  self->update_old_n = old_n;
  g_array_set_size (self->update_members, 0);

  /* Everything replaced: the labels' text starts over */
  if (removed == old_n)
    self->text_len = self->text_live = 0;
  else
    for (guint i = position; i < position + removed; i++)
      if (self->label[i] != NO_LABEL)
        self->text_live -= strlen (self->text + self->label[i]) + 1;

  n = old_n - removed + added;
  ensure_items (self, n);

  /* memmove() wants pointers even for nothing, and the arrays of an
   * empty layout are NULL */
#define MOVE_TAIL(array) \
  if (old_n - position - removed > 0) \
    memmove (self->array + position + added, self->array + position + removed, \
             (old_n - position - removed) * sizeof (self->array[0]))
  MOVE_TAIL (start);
  MOVE_TAIL (stop);
  MOVE_TAIL (period);
  MOVE_TAIL (flags);
  MOVE_TAIL (label);
  MOVE_TAIL (label_width);
#undef MOVE_TAIL

  for (guint i = position; i < position + added; i++)
    {
      self->start[i] = self->stop[i] = ATLAS_TIME_FIRST_DAY;
      self->period[i] = ATLAS_TIME_FIRST_DAY + 1;
      self->flags[i] = 0;
      self->label[i] = NO_LABEL;
      self->label_width[i] = 0;
    }

  self->n_items = n;
}

static void
add_member (AtlasTimelineLayout *self,
            guint                k,
            guint16              lane,
            guint                first_member)
{
  Membership member = { k, lane };

  /* The item's members so far are at the end */
  for (guint m = first_member; m < self->update_members->len; m++)
    if (g_array_index (self->update_members, Membership, m).lane == lane)
      return;

  g_array_append_val (self->update_members, member);
}

static double
sanitize_day (double day)
{
  if (!isfinite (day))
    return ATLAS_TIME_FIRST_DAY;
  return CLAMP (day, ATLAS_TIME_FIRST_DAY, ATLAS_TIME_LAST_DAY);
}

/**
 * atlas_timeline_layout_intern_key:
 * @key: (nullable): a lane key; %NULL is ""
 *
 * Returns: the id of @key, the same for as long as the layout lives
 */
guint
atlas_timeline_layout_intern_key (AtlasTimelineLayout *self,
                                  const char          *key)
{
  gpointer value;
  Key new_key = { NULL, };

  if (key == NULL)
    key = "";

  value = g_hash_table_lookup (self->key_ids, key);
  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  new_key.key = g_strdup (key);
  new_key.collate_key = g_utf8_collate_key (key, -1);
  g_array_append_val (self->keys, new_key);
  g_hash_table_insert (self->key_ids, new_key.key, GUINT_TO_POINTER (self->keys->len));
  return self->keys->len - 1;
}

/**
 * atlas_timeline_layout_set_item:
 * @item: the position of an added item
 * @start: its first day
 * @end: its last day, or a negative number or NaN when it has none
 * @precision: an #AtlasTimePrecision: how well its start is known
 * @ongoing: whether, having no end, it is still going on
 * @label: (nullable): its label
 * @label_width: how wide the label is, in pixels
 * @lanes: (array length=n_lanes) (nullable): the keys of its lanes
 * @n_lanes: how many, or -1 if @lanes ends with %NULL
 *
 * An item in no lane goes to the lane whose key is "".
 */
void
atlas_timeline_layout_set_item (AtlasTimelineLayout *self,
                                guint                item,
                                double               start,
                                double               end,
                                int                  precision,
                                gboolean             ongoing,
                                const char          *label,
                                double               label_width,
                                const char * const  *lanes,
                                int                  n_lanes)
{
  guint stack_ids[16];
  g_autofree guint *heap_ids = NULL;
  guint *ids = stack_ids;
  AtlasTimelineTime time;

  if (n_lanes < 0)
    for (n_lanes = 0; lanes != NULL && lanes[n_lanes] != NULL; n_lanes++);
  if (lanes == NULL)
    n_lanes = 0;

  if (n_lanes > (int) G_N_ELEMENTS (stack_ids))
    ids = heap_ids = g_new (guint, n_lanes);
  for (int i = 0; i < n_lanes; i++)
    ids[i] = atlas_timeline_layout_intern_key (self, lanes[i]);

  atlas_timeline_layout_prepare_time (&time, start, end, precision, ongoing);
  atlas_timeline_layout_set_item_with_keys (self, item, &time, label, label_width, ids, n_lanes);
}

/**
 * atlas_timeline_layout_prepare_time:
 * @time: (out): the item's time, as the layout keeps it
 * @start: its first day
 * @end: its last day, or a negative number or NaN when it has none
 * @precision: an #AtlasTimePrecision: how well its start is known
 * @ongoing: whether, having no end, it is still going on
 *
 * Works out what atlas_timeline_layout_set_item() keeps of an item's
 * time, for callers that keep it to set the item again.
 */
void
atlas_timeline_layout_prepare_time (AtlasTimelineTime *time,
                                    double             start,
                                    double             end,
                                    int                precision,
                                    gboolean           ongoing)
{
  gboolean has_end;
  guint8 flags;

  start = sanitize_day (floor (start));
  precision = CLAMP (precision, ATLAS_TIME_PRECISION_NONE, ATLAS_TIME_PRECISION_DAY);
  has_end = isfinite (end) && end >= 0;
  if (has_end)
    end = MAX (sanitize_day (floor (end)), start);

  flags = precision;
  if (has_end)
    flags |= FLAG_HAS_END;
  else if (ongoing)
    flags |= FLAG_ONGOING;

  time->start = start;
  time->period = atlas_time_period_end (start, precision);
  time->stop = has_end ? end + 1 : time->period;
  time->flags = flags;
}

/**
 * atlas_timeline_layout_set_item_with_keys:
 * @time: from atlas_timeline_layout_prepare_time()
 * @keys: (array length=n_keys) (nullable): the ids of its lanes' keys,
 *   from atlas_timeline_layout_intern_key()
 *
 * Like atlas_timeline_layout_set_item(), with the time prepared and the
 * lanes given by their keys' ids.
 */
void
atlas_timeline_layout_set_item_with_keys (AtlasTimelineLayout     *self,
                                          guint                    item,
                                          const AtlasTimelineTime *time,
                                          const char              *label,
                                          double                   label_width,
                                          const guint             *keys,
                                          guint                    n_keys)
{
  guint k = item - self->update_position;
  guint first_member = self->update_members->len;

  g_return_if_fail (self->updating);
  g_return_if_fail (item >= self->update_position && k < self->update_added);

  self->start[item] = time->start;
  self->period[item] = time->period;
  self->stop[item] = time->stop;
  self->flags[item] = time->flags;
  self->label[item] = add_text (self, label);
  self->label_width[item] = CLAMP (label_width, 0, G_MAXUINT16);

  for (guint i = 0; keys != NULL && i < n_keys; i++)
    {
      g_return_if_fail (keys[i] < self->keys->len);
      add_member (self, k, lookup_lane (self, keys[i]), first_member);
    }

  /* An item in no lane goes to the "" lane */
  if (self->update_members->len == first_member)
    add_member (self, k, lookup_lane (self, self->empty_key), first_member);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Membership *ma = a, *mb = b;

  return ma->k < mb->k ? -1 : ma->k > mb->k;
}

/* Rebuilds lanes_off and item_lanes for the update */
static void
splice_memberships (AtlasTimelineLayout *self)
{
  guint position = self->update_position;
  guint removed = self->update_removed;
  guint old_n = self->update_old_n;
  guint32 *old_off = self->lanes_off;
  guint16 *old_lanes = self->item_lanes;
  guint n_before = old_off[position];
  guint n_after = old_off[old_n] - old_off[position + removed];
  guint n_new = self->update_members->len;
  guint32 *off = g_new (guint32, self->n_items + 1);
  guint16 *lanes = g_new (guint16, MAX (n_before + n_new + n_after, 1));
  guint m = 0;

  /* Members are added item by item; sort them in case they were not */
  for (guint i = 1; i < n_new; i++)
    {
      if (g_array_index (self->update_members, Membership, i - 1).k >
          g_array_index (self->update_members, Membership, i).k)
        {
          g_array_sort (self->update_members, compare_members);
          break;
        }
    }

  memcpy (off, old_off, (position + 1) * sizeof (guint32));
  if (n_before > 0) /* old_lanes may be NULL then */
    memcpy (lanes, old_lanes, n_before * sizeof (guint16));

  for (guint k = 0; k < self->update_added; k++)
    {
      off[position + k] = n_before + m;
      for (; m < n_new && g_array_index (self->update_members, Membership, m).k == k; m++)
        lanes[n_before + m] = g_array_index (self->update_members, Membership, m).lane;
    }

  if (n_after > 0)
    memcpy (lanes + n_before + n_new, old_lanes + old_off[position + removed], n_after * sizeof (guint16));
  for (guint i = position + removed; i <= old_n; i++)
    off[i - removed + self->update_added] = old_off[i] - old_off[position + removed] + n_before + n_new;

  g_free (old_off);
  g_free (old_lanes);
  self->lanes_off = off;
  self->item_lanes = lanes;
}

static void
sort_stops (AtlasTimelineLayout *self,
            Lane                *lane)
{
  g_free (lane->stops);
  lane->stops = g_new (float, MAX (lane->n, 1));
  for (guint e = 0; e < lane->n; e++)
    lane->stops[e] = item_stop (self, lane->items[e]);

  radix_sort ((guint32 *) lane->stops, NULL, lane->n);
}

static void
lane_resize (Lane  *lane,
             guint  n)
{
  lane->items = g_renew (guint32, lane->items, MAX (n, 1));
  lane->starts = g_renew (float, lane->starts, MAX (n, 1));
  lane->place = g_renew (guint8, lane->place, MAX (n, 1));
}

static void
rebuild_lanes (AtlasTimelineLayout *self)
{
  g_autofree guint32 *keys = g_new (guint32, MAX (self->n_items, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (self->n_items, 1));
  gboolean sorted = TRUE;

  for (guint i = 0; i < self->n_items; i++)
    {
      keys[i] = float_key (self->start[i]);
      order[i] = i;
      if (i > 0 && keys[i] < keys[i - 1])
        sorted = FALSE;
    }
  if (!sorted)
    radix_sort (keys, order, self->n_items);

  for (guint l = 0; l < self->lanes->len; l++)
    get_lane (self, l)->n = 0;
  for (guint m = 0; m < self->lanes_off[self->n_items]; m++)
    get_lane (self, self->item_lanes[m])->n++;

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = get_lane (self, l);

      lane_resize (lane, lane->n);
      memset (lane->place, 0, lane->n);
      lane->n = 0;
      lane->changed = TRUE;
    }

  for (guint o = 0; o < self->n_items; o++)
    {
      guint item = order[o];

      for (guint m = self->lanes_off[item]; m < self->lanes_off[item + 1]; m++)
        {
          Lane *lane = get_lane (self, self->item_lanes[m]);

          lane->items[lane->n] = item;
          lane->starts[lane->n] = self->start[item];
          lane->n++;
        }
    }

  for (guint l = 0; l < self->lanes->len; l++)
    sort_stops (self, get_lane (self, l));
}

static int
compare_added (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AtlasTimelineLayout *self = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;

  if (self->start[ia] != self->start[ib])
    return self->start[ia] < self->start[ib] ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static void
update_lanes (AtlasTimelineLayout *self)
{
  guint position = self->update_position;
  guint removed = self->update_removed;
  guint added = self->update_added;
  gint64 delta = (gint64) added - removed;

  for (guint m = 0; m < self->update_members->len; m++)
    {
      Membership *member = &g_array_index (self->update_members, Membership, m);
      Lane *lane = get_lane (self, member->lane);
      guint32 item = position + member->k;

      if (lane->added == NULL)
        lane->added = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (lane->added, item);
    }

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = get_lane (self, l);
      guint n_added = lane->added ? lane->added->len : 0;
      guint32 *items = g_new (guint32, MAX (lane->n + n_added, 1));
      float *starts = g_new (float, MAX (lane->n + n_added, 1));
      guint8 *place = g_new (guint8, MAX (lane->n + n_added, 1));
      gboolean changed = n_added > 0;
      guint i = 0, j = 0, n = 0;

      if (n_added > 1)
        g_array_sort_with_data (lane->added, compare_added, self);

      while (i < lane->n || j < n_added)
        {
          guint32 old_item = 0;
          gboolean take_old;

          if (i < lane->n)
            {
              old_item = lane->items[i];
              if (old_item >= position && old_item < position + removed)
                {
                  changed = TRUE;
                  i++;
                  continue;
                }
              if (old_item >= position + removed)
                old_item += delta;
            }

          if (i >= lane->n)
            take_old = FALSE;
          else if (j >= n_added)
            take_old = TRUE;
          else
            {
              guint32 new_item = g_array_index (lane->added, guint32, j);

              take_old = lane->starts[i] < self->start[new_item] ||
                         (lane->starts[i] == self->start[new_item] && old_item < new_item);
            }

          if (take_old)
            {
              items[n] = old_item;
              starts[n] = lane->starts[i];
              place[n] = lane->place[i];
              i++;
            }
          else
            {
              guint32 new_item = g_array_index (lane->added, guint32, j);

              items[n] = new_item;
              starts[n] = self->start[new_item];
              place[n] = 0;
              j++;
            }
          n++;
        }

      g_free (lane->items);
      g_free (lane->starts);
      g_free (lane->place);
      lane->items = items;
      lane->starts = starts;
      lane->place = place;
      lane->n = n;
      lane_resize (lane, n);
      g_clear_pointer (&lane->added, g_array_unref);

      if (changed)
        {
          lane->changed = TRUE;
          sort_stops (self, lane);
        }
    }
}

static int
compare_lanes (gconstpointer a,
               gconstpointer b)
{
  const Lane *la = *(Lane * const *) a;
  const Lane *lb = *(Lane * const *) b;

  /* Lanes without a key go last, the others by how many items they hold */
  if ((*la->key == '\0') != (*lb->key == '\0'))
    return *la->key == '\0' ? 1 : -1;
  if (la->n != lb->n)
    return la->n > lb->n ? -1 : 1;
  return strcmp (la->collate_key, lb->collate_key);
}

static void
sort_lanes (AtlasTimelineLayout *self)
{
  g_autofree guint16 *remap = g_new (guint16, MAX (self->lanes->len, 1));
  guint n_members = self->lanes_off[self->n_items];

  /* Empty lanes go */
  for (guint l = self->lanes->len; l > 0; l--)
    {
      Lane *lane = get_lane (self, l - 1);

      if (lane->n == 0)
        {
          get_key (self, lane->key_id)->lane = 0;
          g_ptr_array_remove_index (self->lanes, l - 1);
        }
    }

  g_ptr_array_sort (self->lanes, compare_lanes);
  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = get_lane (self, l);

      remap[lane->id] = l;
      lane->id = l;
      get_key (self, lane->key_id)->lane = l + 1;
    }

  for (guint m = 0; m < n_members; m++)
    self->item_lanes[m] = remap[self->item_lanes[m]];
}

/**
 * atlas_timeline_layout_end_update:
 *
 * Ends an update: sorts the new items into their lanes.  Lanes whose
 * items changed are packed again by the next
 * atlas_timeline_layout_update().
 */
void
atlas_timeline_layout_end_update (AtlasTimelineLayout *self)
{
  guint changed;

  g_return_if_fail (self->updating);

  /* Remember, before lane ids are renumbered, which lanes there were */
  splice_memberships (self);

  changed = self->update_removed + self->update_added;
  if (self->update_removed == self->update_old_n || changed > self->n_items / 4)
    rebuild_lanes (self);
  else
    update_lanes (self);

  sort_lanes (self);

  if (self->text_len > 2 * self->text_live + 65536)
    compact_text (self);
  else if (self->text_alloc > self->text_len + self->text_len / 2 + 65536)
    {
      self->text_alloc = self->text_len + self->text_len / 4;
      self->text = g_realloc (self->text, MAX (self->text_alloc, 1));
    }

  self->updating = FALSE;
  self->geometry_changed = TRUE;
  g_array_set_size (self->update_members, 0);
}

/**
 * atlas_timeline_layout_set_label_width:
 *
 * Changes the width of an item's label, when the font changed.  The
 * item's lanes are packed again.
 */
void
atlas_timeline_layout_set_label_width (AtlasTimelineLayout *self,
                                       guint                item,
                                       double               label_width)
{
  guint16 width = CLAMP (label_width, 0, G_MAXUINT16);

  g_return_if_fail (item < self->n_items);

  if (self->label_width[item] == width)
    return;

  self->label_width[item] = width;
  for (guint m = self->lanes_off[item]; m < self->lanes_off[item + 1]; m++)
    get_lane (self, self->item_lanes[m])->changed = TRUE;
}

guint
atlas_timeline_layout_get_n_items (AtlasTimelineLayout *self)
{
  return self->n_items;
}

double
atlas_timeline_layout_get_item_start (AtlasTimelineLayout *self,
                                      guint                item)
{
  g_return_val_if_fail (item < self->n_items, 0);
  return self->start[item];
}

/**
 * atlas_timeline_layout_get_item_stop:
 *
 * Returns: the day after the last day the item covers: the day after
 *   its end, the end of its start's period, or tomorrow if it is still
 *   going on
 */
double
atlas_timeline_layout_get_item_stop (AtlasTimelineLayout *self,
                                     guint                item)
{
  g_return_val_if_fail (item < self->n_items, 0);
  return item_stop (self, item);
}

int
atlas_timeline_layout_get_item_precision (AtlasTimelineLayout *self,
                                          guint                item)
{
  g_return_val_if_fail (item < self->n_items, 0);
  return self->flags[item] & FLAG_PRECISION;
}

gboolean
atlas_timeline_layout_get_item_has_end (AtlasTimelineLayout *self,
                                        guint                item)
{
  g_return_val_if_fail (item < self->n_items, FALSE);
  return (self->flags[item] & FLAG_HAS_END) != 0;
}

gboolean
atlas_timeline_layout_get_item_ongoing (AtlasTimelineLayout *self,
                                        guint                item)
{
  g_return_val_if_fail (item < self->n_items, FALSE);
  return (self->flags[item] & FLAG_ONGOING) != 0;
}

/**
 * atlas_timeline_layout_get_item_label:
 *
 * Returns: (nullable): the item's label
 */
const char *
atlas_timeline_layout_get_item_label (AtlasTimelineLayout *self,
                                      guint                item)
{
  g_return_val_if_fail (item < self->n_items, NULL);

  if (self->label[item] == NO_LABEL)
    return NULL;
  return self->text + self->label[item];
}

/**
 * atlas_timeline_layout_get_item_lanes:
 * @n_lanes: (out): how many lanes the item is in
 *
 * Returns: (array length=n_lanes): the lanes the item is in
 */
const guint16 *
atlas_timeline_layout_get_item_lanes (AtlasTimelineLayout *self,
                                      guint                item,
                                      guint               *n_lanes)
{
  g_return_val_if_fail (item < self->n_items && !self->updating, NULL);

  *n_lanes = self->lanes_off[item + 1] - self->lanes_off[item];
  return self->item_lanes + self->lanes_off[item];
}

/**
 * atlas_timeline_layout_get_extent:
 * @first_day: (out): the first day of the first item
 * @stop_day: (out): the day after the last day of the last item
 *
 * Returns: %FALSE when there are no items
 */
gboolean
atlas_timeline_layout_get_extent (AtlasTimelineLayout *self,
                                  double              *first_day,
                                  double              *stop_day)
{
  double first = G_MAXDOUBLE, stop = -G_MAXDOUBLE;

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = get_lane (self, l);

      if (lane->n == 0)
        continue;
      first = MIN (first, lane->starts[0]);
      stop = MAX (stop, lane->stops[lane->n - 1]);
    }

  if (first > stop)
    return FALSE;

  *first_day = first;
  *stop_day = stop;
  return TRUE;
}

/**
 * atlas_timeline_layout_get_memory_size:
 *
 * Returns: the bytes the cache takes, items and lanes
 */
gsize
atlas_timeline_layout_get_memory_size (AtlasTimelineLayout *self)
{
  gsize size = sizeof (AtlasTimelineLayout);

  size += self->items_alloc * (3 * sizeof (float) + sizeof (guint8) + sizeof (guint32) + sizeof (guint16));
  size += (self->n_items + 1) * sizeof (guint32);
  size += self->lanes_off[self->n_items] * sizeof (guint16);
  size += self->text_alloc;

  for (guint k = 0; k < self->keys->len; k++)
    {
      Key *key = get_key (self, k);

      size += sizeof (Key) + strlen (key->key) + 1 + strlen (key->collate_key) + 1;
    }

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = get_lane (self, l);

      size += sizeof (Lane);
      size += lane->n * (sizeof (guint32) + 2 * sizeof (float) + sizeof (guint8));
      size += lane->n_long * sizeof (guint32);
    }

  return size;
}

guint
atlas_timeline_layout_get_n_lanes (AtlasTimelineLayout *self)
{
  return self->lanes->len;
}

const char *
atlas_timeline_layout_get_lane_key (AtlasTimelineLayout *self,
                                    guint                lane)
{
  g_return_val_if_fail (lane < self->lanes->len, NULL);
  return get_lane (self, lane)->key;
}

guint
atlas_timeline_layout_get_lane_n_entries (AtlasTimelineLayout *self,
                                          guint                lane)
{
  g_return_val_if_fail (lane < self->lanes->len, 0);
  return get_lane (self, lane)->n;
}

guint
atlas_timeline_layout_get_lane_item (AtlasTimelineLayout *self,
                                     guint                lane,
                                     guint                entry)
{
  g_return_val_if_fail (lane < self->lanes->len, 0);
  g_return_val_if_fail (entry < get_lane (self, lane)->n, 0);
  return get_lane (self, lane)->items[entry];
}

/**
 * atlas_timeline_layout_get_lane_extent:
 * @first_day: (out): the first day of the lane's first item
 * @stop_day: (out): the day after the last day of its last item
 */
void
atlas_timeline_layout_get_lane_extent (AtlasTimelineLayout *self,
                                       guint                lane_index,
                                       double              *first_day,
                                       double              *stop_day)
{
  Lane *lane;

  g_return_if_fail (lane_index < self->lanes->len);

  lane = get_lane (self, lane_index);
  *first_day = lane->n ? lane->starts[0] : 0;
  *stop_day = lane->n ? lane->stops[lane->n - 1] : 0;
}

/**
 * atlas_timeline_layout_find_entry:
 *
 * Returns: the position of @item in @lane, or %G_MAXUINT when it is not
 *   there
 */
guint
atlas_timeline_layout_find_entry (AtlasTimelineLayout *self,
                                  guint                lane_index,
                                  guint                item)
{
  Lane *lane;

  g_return_val_if_fail (lane_index < self->lanes->len, G_MAXUINT);

  if (item >= self->n_items)
    return G_MAXUINT;

  lane = get_lane (self, lane_index);
  for (guint e = lower_bound (lane->starts, lane->n, self->start[item]);
       e < lane->n && lane->starts[e] == self->start[item]; e++)
    if (lane->items[e] == item)
      return e;

  return G_MAXUINT;
}

/* Layout */

void
atlas_timeline_layout_set_metrics (AtlasTimelineLayout        *self,
                                   const AtlasTimelineMetrics *metrics)
{
  const AtlasTimelineMetrics *old = &self->metrics;

  /* Field by field: the struct has padding */
  if (old->row_height == metrics->row_height && old->mark_size == metrics->mark_size &&
      old->lane_padding == metrics->lane_padding && old->label_gap == metrics->label_gap &&
      old->label_padding == metrics->label_padding && old->label_max == metrics->label_max &&
      old->row_gap == metrics->row_gap && old->dense_height == metrics->dense_height &&
      old->badge_width == metrics->badge_width && old->max_rows == metrics->max_rows)
    return;

  self->metrics = *metrics;
  self->metrics.max_rows = CLAMP (self->metrics.max_rows, 1, MAX_ROWS);
  self->packed_ppd = 0;
}

const AtlasTimelineMetrics *
atlas_timeline_layout_get_metrics (AtlasTimelineLayout *self)
{
  return &self->metrics;
}

/**
 * atlas_timeline_layout_set_today:
 *
 * Sets the day up to which ongoing items are drawn.
 */
void
atlas_timeline_layout_set_today (AtlasTimelineLayout *self,
                                 double               today)
{
  if (today == self->today)
    return;

  self->today = today;
  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = get_lane (self, l);

      sort_stops (self, lane);
      lane->changed = TRUE;
    }
}

double
atlas_timeline_layout_get_today (AtlasTimelineLayout *self)
{
  return self->today;
}

/* The geometry of an item at a scale; packing and drawing share it */
static void
compute_geometry (AtlasTimelineLayout   *self,
                  guint                  item,
                  const AtlasTimeScale  *scale,
                  gboolean               label_shown,
                  AtlasTimelineGeometry *geometry)
{
  const AtlasTimelineMetrics *m = &self->metrics;
  guint8 flags = self->flags[item];
  int precision = flags & FLAG_PRECISION;
  gboolean coarse = precision == ATLAS_TIME_PRECISION_YEAR || precision == ATLAS_TIME_PRECISION_MONTH;
  double start = self->start[item];
  double stop = item_stop (self, item);
  double x0, x1, solid_x0, fade_x0;
  double label_width;

  geometry->item = item;

  x0 = atlas_time_scale_to_x (scale, start);
  if (flags & (FLAG_HAS_END | FLAG_ONGOING))
    {
      geometry->shape = (flags & FLAG_HAS_END) ? ATLAS_TIMELINE_SHAPE_BAR : ATLAS_TIMELINE_SHAPE_ONGOING;
      x1 = atlas_time_scale_to_x (scale, stop);
      solid_x0 = coarse ? atlas_time_scale_to_x (scale, MIN (self->period[item], stop)) : x0;
      if (x1 - x0 < m->mark_size)
        x1 = x0 + m->mark_size;
    }
  else
    {
      if (coarse)
        {
          geometry->shape = ATLAS_TIMELINE_SHAPE_PERIOD;
          x1 = atlas_time_scale_to_x (scale, stop);
        }
      else
        {
          double center = atlas_time_scale_to_x (scale, start + 0.5);

          geometry->shape = ATLAS_TIMELINE_SHAPE_DOT;
          x0 = x1 = center;
        }
      if (x1 - x0 < m->mark_size)
        {
          double center = (x0 + x1) / 2;

          x0 = center - m->mark_size / 2;
          x1 = center + m->mark_size / 2;
        }
      solid_x0 = x0;
    }

  solid_x0 = CLAMP (solid_x0, x0, x1);
  fade_x0 = x1;
  if (geometry->shape == ATLAS_TIMELINE_SHAPE_ONGOING)
    fade_x0 = x1 - MIN ((x1 - solid_x0) / 2, 10 * m->mark_size);

  geometry->x0 = x0;
  geometry->x1 = x1;
  geometry->solid_x0 = solid_x0;
  geometry->fade_x0 = fade_x0;

  label_width = self->label[item] == NO_LABEL ? 0 : MIN (self->label_width[item], m->label_max);
  geometry->label_width = label_width;
  geometry->label_shown = label_shown && label_width > 0;

  /* A mark's label goes beside it, and so does that of a bar too short
   * to hold the start of a label, or of an outlined period too short to
   * hold all of it; the label of a longer bar starts inside it and runs
   * on past its end when longer */
  geometry->label_x = x0 + m->label_padding;
  geometry->label_inside = geometry->label_x + label_width + m->label_padding <= x1;

  if (geometry->shape == ATLAS_TIMELINE_SHAPE_DOT || x1 - x0 < 4 * m->mark_size ||
      (geometry->shape == ATLAS_TIMELINE_SHAPE_PERIOD && !geometry->label_inside))
    {
      geometry->label_x = x1 + m->label_gap;
      geometry->label_inside = FALSE;
    }
  else
    {
      double full_width = self->label[item] == NO_LABEL ? 0 : self->label_width[item];

      /* Inside a long bar, a long label takes no room: show it whole */
      if (geometry->label_x + full_width + m->label_padding <= x1)
        geometry->label_width = full_width;
    }
}

/* Where an entry's occupied room ends: its shape, and its label */
static inline double
occupied_end (const AtlasTimelineGeometry *geometry)
{
  if (geometry->label_shown)
    return MAX (geometry->x1, geometry->label_x + geometry->label_width);
  return geometry->x1;
}

/* Packs a lane into rows.  Items go to the first row where they fit
 * with their labels; if some do not fit in any row that way, the lane
 * is packed again with the marks alone, and labels are shown where the
 * next item in the row leaves room. */
static void
pack_lane (AtlasTimelineLayout *self,
           Lane                *lane,
           double               px_per_day)
{
  const AtlasTimelineMetrics *m = &self->metrics;
  AtlasTimeScale scale = { 0, px_per_day };
  g_autofree float *reach = NULL;
  double row_end[MAX_ROWS];
  guint last_in_row[MAX_ROWS];
  double last_end_with_label[MAX_ROWS];
  double extent, threshold, mean = 0;
  guint max_rows = m->max_rows;
  guint n_rows = 0, n_long = 0;
  gboolean overflow = FALSE;

  g_clear_pointer (&lane->long_entries, g_free);
  lane->n_long = 0;
  lane->short_reach = 0;

  if (lane->n == 0)
    {
      lane->dense = FALSE;
      lane->n_rows = 0;
      lane->overflow = FALSE;
      return;
    }

  /* Too many items for the room: a density strip instead */
  extent = (lane->stops[lane->n - 1] - lane->starts[0]) * px_per_day + m->mark_size;
  lane->dense = lane->n * (m->mark_size + m->row_gap) > extent * max_rows * 0.5;
  if (lane->dense)
    {
      lane->n_rows = 0;
      lane->overflow = FALSE;
      return;
    }

  reach = g_new (float, lane->n);

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean with_labels = pass == 0;

      for (guint r = 0; r < max_rows; r++)
        {
          row_end[r] = -G_MAXDOUBLE;
          last_in_row[r] = G_MAXUINT;
          last_end_with_label[r] = -G_MAXDOUBLE;
        }
      n_rows = 0;
      overflow = FALSE;

      for (guint e = 0; e < lane->n; e++)
        {
          AtlasTimelineGeometry geometry;
          guint8 place = PLACE_OVERFLOW;
          double end;

          compute_geometry (self, lane->items[e], &scale, TRUE, &geometry);
          end = with_labels ? occupied_end (&geometry) : geometry.x1;

          for (guint r = 0; r < max_rows; r++)
            {
              if (row_end[r] + m->row_gap > geometry.x0)
                continue;

              /* Without labels at packing, the item before in the row
               * keeps its label if this one leaves it room */
              if (!with_labels && last_in_row[r] != G_MAXUINT &&
                  last_end_with_label[r] + m->row_gap <= geometry.x0)
                lane->place[last_in_row[r]] |= PLACE_LABEL;

              place = r;
              if (with_labels)
                place |= PLACE_LABEL;
              row_end[r] = end;
              last_in_row[r] = e;
              last_end_with_label[r] = occupied_end (&geometry);
              n_rows = MAX (n_rows, r + 1);
              break;
            }

          if (place == PLACE_OVERFLOW)
            {
              overflow = TRUE;
              if (with_labels)
                break;
            }

          lane->place[e] = place;
          reach[e] = (place & PLACE_LABEL ? occupied_end (&geometry) : geometry.x1) / px_per_day - lane->starts[e];
        }

      if (with_labels && !overflow)
        break;

      /* Labels of the last items of each row */
      if (!with_labels)
        for (guint r = 0; r < max_rows; r++)
          if (last_in_row[r] != G_MAXUINT)
            lane->place[last_in_row[r]] |= PLACE_LABEL;
    }

  /* With labels shown where room was left, reach grows: count it */
  for (guint e = 0; e < lane->n; e++)
    {
      if (lane->place[e] & PLACE_LABEL && (lane->place[e] & PLACE_ROW) != PLACE_OVERFLOW)
        {
          AtlasTimelineGeometry geometry;

          compute_geometry (self, lane->items[e], &scale, TRUE, &geometry);
          reach[e] = MAX (reach[e], occupied_end (&geometry) / px_per_day - lane->starts[e]);
        }
      mean += reach[e];
    }
  mean /= lane->n;

  /* Entries that reach far go to their own list */
  threshold = MAX (4 * mean, 1);
  for (guint e = 0; e < lane->n; e++)
    if (reach[e] > threshold)
      n_long++;

  if (n_long > 0 && n_long <= lane->n / 4 + 1)
    {
      lane->long_entries = g_new (guint32, n_long);
      for (guint e = 0; e < lane->n; e++)
        {
          if (reach[e] > threshold)
            {
              lane->long_entries[lane->n_long++] = e;
              lane->place[e] |= PLACE_LONG;
            }
          else
            lane->short_reach = MAX (lane->short_reach, reach[e]);
        }
    }
  else
    {
      for (guint e = 0; e < lane->n; e++)
        lane->short_reach = MAX (lane->short_reach, reach[e]);
    }

  lane->n_rows = MAX (n_rows, 1);
  lane->overflow = overflow;
}

static double
quantize_zoom (double px_per_day)
{
  /* Quarter octaves, rounded down: packing at a lower zoom leaves as
   * much room or more at the real one */
  return exp2 (floor (log2 (px_per_day) * 4) / 4);
}

/**
 * atlas_timeline_layout_update:
 * @px_per_day: the zoom
 *
 * Packs the lanes that need it at @px_per_day and places the lanes one
 * under the other.
 *
 * Returns: whether the layout changed
 */
gboolean
atlas_timeline_layout_update (AtlasTimelineLayout *self,
                              double               px_per_day)
{
  const AtlasTimelineMetrics *m = &self->metrics;
  double packed_ppd;
  gboolean changed = self->geometry_changed;
  double y = 0;

  g_return_val_if_fail (!self->updating, FALSE);
  g_return_val_if_fail (px_per_day > 0, FALSE);

  packed_ppd = quantize_zoom (px_per_day);
  if (packed_ppd != self->packed_ppd)
    {
      self->packed_ppd = packed_ppd;
      for (guint l = 0; l < self->lanes->len; l++)
        get_lane (self, l)->changed = TRUE;
    }

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = get_lane (self, l);

      if (!lane->changed)
        continue;

      pack_lane (self, lane, packed_ppd);
      lane->changed = FALSE;
      changed = TRUE;
    }

  if (!changed)
    return FALSE;

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = get_lane (self, l);

      lane->y = y;
      if (lane->dense)
        lane->height = 2 * m->lane_padding + m->dense_height;
      else
        lane->height = 2 * m->lane_padding + (lane->n_rows + (lane->overflow ? 1 : 0)) * m->row_height;
      y += lane->height;
    }
  self->height = y;
  self->geometry_changed = FALSE;

  return TRUE;
}

double
atlas_timeline_layout_get_height (AtlasTimelineLayout *self)
{
  return self->height;
}

double
atlas_timeline_layout_get_lane_y (AtlasTimelineLayout *self,
                                  guint                lane)
{
  g_return_val_if_fail (lane < self->lanes->len, 0);
  return get_lane (self, lane)->y;
}

double
atlas_timeline_layout_get_lane_height (AtlasTimelineLayout *self,
                                       guint                lane)
{
  g_return_val_if_fail (lane < self->lanes->len, 0);
  return get_lane (self, lane)->height;
}

guint
atlas_timeline_layout_get_lane_n_rows (AtlasTimelineLayout *self,
                                       guint                lane)
{
  g_return_val_if_fail (lane < self->lanes->len, 0);
  return get_lane (self, lane)->n_rows;
}

gboolean
atlas_timeline_layout_get_lane_dense (AtlasTimelineLayout *self,
                                      guint                lane)
{
  g_return_val_if_fail (lane < self->lanes->len, FALSE);
  return get_lane (self, lane)->dense;
}

gboolean
atlas_timeline_layout_get_lane_overflows (AtlasTimelineLayout *self,
                                          guint                lane)
{
  g_return_val_if_fail (lane < self->lanes->len, FALSE);
  return get_lane (self, lane)->overflow;
}

/**
 * atlas_timeline_layout_get_overflow_y:
 *
 * Returns: the top of the row of count badges of @lane
 */
double
atlas_timeline_layout_get_overflow_y (AtlasTimelineLayout *self,
                                      guint                lane_index)
{
  Lane *lane;

  g_return_val_if_fail (lane_index < self->lanes->len, 0);

  lane = get_lane (self, lane_index);
  return lane->y + self->metrics.lane_padding + lane->n_rows * self->metrics.row_height;
}

/**
 * atlas_timeline_layout_get_entry_row:
 *
 * Returns: the row of an entry, or -1 if it is counted in an overflow
 *   badge or its lane is dense
 */
int
atlas_timeline_layout_get_entry_row (AtlasTimelineLayout *self,
                                     guint                lane_index,
                                     guint                entry)
{
  Lane *lane;
  guint row;

  g_return_val_if_fail (lane_index < self->lanes->len, -1);

  lane = get_lane (self, lane_index);
  g_return_val_if_fail (entry < lane->n, -1);

  row = lane->place[entry] & PLACE_ROW;
  if (lane->dense || row == PLACE_OVERFLOW)
    return -1;
  return row;
}

/**
 * atlas_timeline_layout_get_geometry:
 * @scale: where days are drawn
 *
 * Gives where an entry is drawn; call atlas_timeline_layout_update()
 * first.  Entries of a dense lane get the top of the lane as @y and
 * -1 as @row.
 */
void
atlas_timeline_layout_get_geometry (AtlasTimelineLayout   *self,
                                    guint                  lane_index,
                                    guint                  entry,
                                    const AtlasTimeScale  *scale,
                                    AtlasTimelineGeometry *geometry)
{
  const AtlasTimelineMetrics *m = &self->metrics;
  Lane *lane;
  guint8 place;
  int row;

  g_return_if_fail (lane_index < self->lanes->len);
  lane = get_lane (self, lane_index);
  g_return_if_fail (entry < lane->n);

  place = lane->place[entry];
  row = atlas_timeline_layout_get_entry_row (self, lane_index, entry);

  compute_geometry (self, lane->items[entry], scale, row >= 0 && (place & PLACE_LABEL), geometry);
  geometry->lane = lane_index;
  geometry->entry = entry;
  geometry->row = row;
  if (lane->dense)
    geometry->y = lane->y + m->lane_padding;
  else if (row < 0)
    geometry->y = atlas_timeline_layout_get_overflow_y (self, lane_index);
  else
    geometry->y = lane->y + m->lane_padding + row * m->row_height;
}

/* Iteration */

/**
 * atlas_timeline_lane_iter_init:
 * @from_day: the first day in view
 * @to_day: the last day in view
 *
 * Prepares to walk the entries of @lane that may be drawn between
 * @from_day and @to_day, their labels included.
 */
void
atlas_timeline_lane_iter_init (AtlasTimelineLaneIter *iter,
                               AtlasTimelineLayout   *self,
                               guint                  lane_index,
                               double                 from_day,
                               double                 to_day)
{
  Lane *lane;

  g_return_if_fail (lane_index < self->lanes->len);

  lane = get_lane (self, lane_index);
  iter->layout = self;
  iter->lane = lane;
  iter->to = to_day;
  iter->long_index = 0;

  /* Marks are centred on their day and at least mark_size wide: look
   * a mark's width further on each side */
  from_day -= lane->short_reach + self->metrics.mark_size / MAX (self->packed_ppd, 1e-9);
  iter->to += self->metrics.mark_size / MAX (self->packed_ppd, 1e-9);
  iter->index = lower_bound (lane->starts, lane->n, from_day);
  iter->end = lower_bound (lane->starts, lane->n, iter->to);
}

gboolean
atlas_timeline_lane_iter_next (AtlasTimelineLaneIter *iter,
                               guint                 *entry)
{
  Lane *lane = iter->lane;

  while (iter->long_index < lane->n_long)
    {
      guint e = lane->long_entries[iter->long_index++];

      if (lane->starts[e] < iter->to)
        {
          *entry = e;
          return TRUE;
        }
    }

  while (iter->index < iter->end)
    {
      guint e = iter->index++;

      if (!(lane->place[e] & PLACE_LONG))
        {
          *entry = e;
          return TRUE;
        }
    }

  return FALSE;
}

/* Aggregation */

/**
 * atlas_timeline_layout_count:
 *
 * Returns: how many entries of @lane cover some of the days from
 *   @from_day up to @to_day (excluded)
 */
guint
atlas_timeline_layout_count (AtlasTimelineLayout *self,
                             guint                lane_index,
                             double               from_day,
                             double               to_day)
{
  Lane *lane;
  guint started, stopped;

  g_return_val_if_fail (lane_index < self->lanes->len, 0);

  lane = get_lane (self, lane_index);
  started = lower_bound (lane->starts, lane->n, to_day);
  stopped = upper_bound (lane->stops, lane->n, from_day);
  return started > stopped ? started - stopped : 0;
}

/**
 * atlas_timeline_layout_count_buckets:
 * @x: where the first bucket starts, in pixels on @scale
 * @bucket_width: the width of a bucket, in pixels
 * @counts: (array length=n_buckets) (out caller-allocates): how many
 *   entries cover some of each bucket
 *
 * Counts the entries of a lane in buckets of pixels, for a density strip.
 */
void
atlas_timeline_layout_count_buckets (AtlasTimelineLayout  *self,
                                     guint                 lane_index,
                                     const AtlasTimeScale *scale,
                                     double                x,
                                     double                bucket_width,
                                     guint                *counts,
                                     guint                 n_buckets)
{
  Lane *lane;
  guint started, stopped;

  g_return_if_fail (lane_index < self->lanes->len);

  lane = get_lane (self, lane_index);
  stopped = upper_bound (lane->stops, lane->n, atlas_time_scale_to_day (scale, x));
  for (guint b = 0; b < n_buckets; b++)
    {
      double next = atlas_time_scale_to_day (scale, x + (b + 1) * bucket_width);

      started = lower_bound (lane->starts, lane->n, next);
      counts[b] = started > stopped ? started - stopped : 0;
      stopped = upper_bound (lane->stops, lane->n, next);
    }
}

/**
 * atlas_timeline_layout_get_badge:
 *
 * Entries that do not fit in their lane's rows are counted in badges,
 * each for a bucket of time as wide as #AtlasTimelineMetrics.badge_width
 * at the packing zoom.
 *
 * Returns: the badge of the entries that start on @day
 */
gint64
atlas_timeline_layout_get_badge (AtlasTimelineLayout *self,
                                 double               day)
{
  return (gint64) floor (day * self->packed_ppd / self->metrics.badge_width);
}

void
atlas_timeline_layout_get_badge_days (AtlasTimelineLayout *self,
                                      gint64               badge,
                                      double              *first_day,
                                      double              *stop_day)
{
  *first_day = badge * self->metrics.badge_width / self->packed_ppd;
  *stop_day = (badge + 1) * self->metrics.badge_width / self->packed_ppd;
}

static guint
count_overflow (AtlasTimelineLayout *self,
                Lane                *lane,
                gint64               badge,
                guint               *first_entry)
{
  double first, stop;
  guint count = 0;

  atlas_timeline_layout_get_badge_days (self, badge, &first, &stop);
  *first_entry = G_MAXUINT;
  for (guint e = lower_bound (lane->starts, lane->n, first);
       e < lane->n && lane->starts[e] < stop; e++)
    {
      if ((lane->place[e] & PLACE_ROW) == PLACE_OVERFLOW)
        {
          if (count++ == 0)
            *first_entry = e;
        }
    }

  return count;
}

/**
 * atlas_timeline_layout_count_overflow:
 * @badge: a badge, from atlas_timeline_layout_get_badge()
 * @first_entry: (out) (optional): the first entry it counts
 *
 * Returns: how many entries of @lane that do not fit in its rows the
 *   badge stands for
 */
guint
atlas_timeline_layout_count_overflow (AtlasTimelineLayout *self,
                                      guint                lane_index,
                                      gint64               badge,
                                      guint               *first_entry)
{
  guint first;
  guint count;

  g_return_val_if_fail (lane_index < self->lanes->len, 0);

  count = count_overflow (self, get_lane (self, lane_index), badge, &first);
  if (first_entry)
    *first_entry = first;
  return count;
}

/* Hit testing */

static int
lane_at (AtlasTimelineLayout *self,
         double               y)
{
  guint lo = 0, hi = self->lanes->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Lane *lane = get_lane (self, mid);

      if (y < lane->y)
        hi = mid;
      else if (y >= lane->y + lane->height)
        lo = mid + 1;
      else
        return mid;
    }

  return -1;
}

/**
 * atlas_timeline_layout_pick:
 * @scale: where days are drawn
 * @x: a point, in pixels on @scale
 * @y: a point, from the top of the content
 * @hit: (out): what is there
 *
 * Finds the item under a point: its mark, its bar or its label; or the
 * aggregate there, in a dense lane or an overflow badge.
 *
 * Returns: whether there is something at the point
 */
gboolean
atlas_timeline_layout_pick (AtlasTimelineLayout  *self,
                            const AtlasTimeScale *scale,
                            double                x,
                            double                y,
                            AtlasTimelineHit     *hit)
{
  const AtlasTimelineMetrics *m = &self->metrics;
  AtlasTimelineLaneIter iter;
  double best_distance = G_MAXDOUBLE;
  int lane_index = lane_at (self, y);
  Lane *lane;
  guint entry;
  int row;

  memset (hit, 0, sizeof *hit);
  hit->item = -1;

  if (lane_index < 0)
    return FALSE;

  lane = get_lane (self, lane_index);
  hit->lane = lane_index;

  if (lane->dense)
    {
      hit->first_day = floor (atlas_time_scale_to_day (scale, x - PICK_SLOP));
      hit->last_day = ceil (atlas_time_scale_to_day (scale, x + PICK_SLOP));
      hit->count = atlas_timeline_layout_count (self, lane_index, hit->first_day, hit->last_day);
      return hit->count > 0;
    }

  row = floor ((y - lane->y - m->lane_padding) / m->row_height);
  if (row < 0 || row > (int) lane->n_rows || (row == (int) lane->n_rows && !lane->overflow))
    return FALSE;

  if (row == (int) lane->n_rows)
    {
      gint64 badge = atlas_timeline_layout_get_badge (self, atlas_time_scale_to_day (scale, x));
      guint first_entry;

      hit->count = count_overflow (self, lane, badge, &first_entry);
      if (hit->count == 0)
        return FALSE;
      hit->entry = first_entry;
      atlas_timeline_layout_get_badge_days (self, badge, &hit->first_day, &hit->last_day);
      return TRUE;
    }

  atlas_timeline_lane_iter_init (&iter, self, lane_index,
                                 atlas_time_scale_to_day (scale, x - PICK_SLOP),
                                 atlas_time_scale_to_day (scale, x + PICK_SLOP));
  while (atlas_timeline_lane_iter_next (&iter, &entry))
    {
      AtlasTimelineGeometry geometry;
      double distance;

      if ((lane->place[entry] & PLACE_ROW) != (guint) row)
        continue;

      atlas_timeline_layout_get_geometry (self, lane_index, entry, scale, &geometry);
      if (x >= geometry.x0 - PICK_SLOP && x <= geometry.x1 + PICK_SLOP)
        distance = fabs (x - (geometry.x0 + geometry.x1) / 2) / G_MAXINT;
      else if (geometry.label_shown &&
               x >= geometry.label_x && x <= geometry.label_x + geometry.label_width)
        distance = 1;
      else
        continue;

      if (distance < best_distance)
        {
          best_distance = distance;
          hit->item = lane->items[entry];
          hit->entry = entry;
          hit->count = 1;
          hit->first_day = lane->starts[entry];
          hit->last_day = item_stop (self, lane->items[entry]);
        }
    }

  return hit->item >= 0;
}

/**
 * atlas_timeline_layout_find_nearest:
 * @row: a row of @lane, or -1 for any
 * @x: a point, in pixels on @scale
 * @entry: (out): the entry of @lane in @row nearest to @x
 *
 * Returns: whether there is one
 */
gboolean
atlas_timeline_layout_find_nearest (AtlasTimelineLayout  *self,
                                    const AtlasTimeScale *scale,
                                    guint                 lane_index,
                                    int                   row,
                                    double                x,
                                    guint                *entry)
{
  const guint max_steps = 8192;
  Lane *lane;
  double best = G_MAXDOUBLE;
  guint middle;

  g_return_val_if_fail (lane_index < self->lanes->len, FALSE);

  lane = get_lane (self, lane_index);
  if (lane->n == 0)
    return FALSE;

  middle = lower_bound (lane->starts, lane->n, atlas_time_scale_to_day (scale, x));

  for (int direction = -1; direction <= 1; direction += 2)
    {
      for (guint step = 0; step < max_steps; step++)
        {
          gint64 e = direction < 0 ? (gint64) middle - 1 - step : (gint64) middle + step;
          AtlasTimelineGeometry geometry;
          double distance;

          if (e < 0 || e >= lane->n)
            break;

          if (row >= 0 && atlas_timeline_layout_get_entry_row (self, lane_index, e) != row)
            continue;

          atlas_timeline_layout_get_geometry (self, lane_index, e, scale, &geometry);
          distance = fabs ((geometry.x0 + geometry.x1) / 2 - x);

          /* Further entries start further away */
          if (direction > 0 && geometry.x0 - x > best)
            break;

          if (distance < best)
            {
              best = distance;
              *entry = e;
            }

          if (direction < 0 && row < 0)
            break;
        }
    }

  return best < G_MAXDOUBLE;
}

/**
 * atlas_timeline_layout_step_vertical:
 * @lane: (inout): a lane
 * @entry: (inout): an entry of @lane
 * @direction: 1 to go down, -1 to go up
 *
 * Moves to the item in the next row up or down, nearest to where the
 * entry is, crossing into the next lane at its first or last row.
 *
 * Returns: %FALSE when there is no row further that way
 */
gboolean
atlas_timeline_layout_step_vertical (AtlasTimelineLayout  *self,
                                     const AtlasTimeScale *scale,
                                     guint                *lane,
                                     guint                *entry,
                                     int                   direction)
{
  AtlasTimelineGeometry geometry;
  int row, target_lane;
  double x;

  g_return_val_if_fail (*lane < self->lanes->len, FALSE);

  atlas_timeline_layout_get_geometry (self, *lane, *entry, scale, &geometry);
  x = (geometry.x0 + geometry.x1) / 2;
  row = geometry.row;
  if (row < 0)
    row = get_lane (self, *lane)->dense ? 0 : (int) get_lane (self, *lane)->n_rows - 1;

  target_lane = *lane;
  row += direction;

  while (target_lane >= 0 && target_lane < (int) self->lanes->len)
    {
      Lane *target = get_lane (self, target_lane);

      if (target->dense)
        {
          if (target_lane != (int) *lane &&
              atlas_timeline_layout_find_nearest (self, scale, target_lane, -1, x, entry))
            {
              *lane = target_lane;
              return TRUE;
            }
        }
      else
        {
          for (; row >= 0 && row < (int) target->n_rows; row += direction)
            if (atlas_timeline_layout_find_nearest (self, scale, target_lane, row, x, entry))
              {
                *lane = target_lane;
                return TRUE;
              }
        }

      target_lane += direction;
      if (target_lane >= 0 && target_lane < (int) self->lanes->len)
        {
          Lane *next = get_lane (self, target_lane);

          row = direction > 0 ? 0 : MAX ((int) next->n_rows - 1, 0);
        }
    }

  return FALSE;
}
