/* atlas-filter.c — the one filter of the window: time range, kinds,
 * statuses, countries, organizations, tags and free text
 *
 * Facets combine with AND; within a facet, any of its values will do
 * (kind is agreement OR joint mission).  A country matches records of
 * the former countries it succeeded: Russia finds the USSR's records.
 * Free text matches every word of it, in any order, case and accents
 * aside, against the title, summary, id, tags, organizations (short and
 * full names) and partner countries (codes, and names in the current
 * language and in English).
 *
 * Matching must keep up with 100,000 records and a keystroke: what a
 * record is matched on is worked out once and kept on the record (which
 * is immutable): its days, kind and status, its countries as small
 * integer ids, and, on the first search, its searchable text, folded,
 * with the pairs of bytes it holds hashed into 256 bits: a word one of
 * whose pairs is missing is not in the text, and most records are let
 * go without searching their text.
 * Whether a country matches the filter's countries is worked out once
 * per country and filter state.  Every change tells the filter list
 * model whether it only narrows or only widens what matched, so that it
 * re-checks just the records that can change.
 *
 * Records are matched on the main thread only: the ids of countries are
 * shared by every filter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-filter"

#include "config.h"

#include <string.h>

#include "atlas-countries.h"
#include "atlas-filter.h"

/* What a record is matched on, kept on it */
typedef struct
{
  gint32   first_day;
  gint32   last_day;      /* of its end, or when it has none of its start */
  guint8   kind;
  guint8   status;
  guint8   open;          /* active without an end: lasts until today */
  guint16  n_countries;
  char    *text;          /* searchable text, folded; built on the first search */
  guint64  pairs[4];      /* the pairs of bytes in the text, hashed */
  guint32  countries[];   /* ids of its countries' codes */
} Facts;

/* Whether a country (by id) matches: not known yet, no, yes */
enum
{
  COUNTRY_UNKNOWN,
  COUNTRY_NO,
  COUNTRY_YES,
};

struct _AtlasFilter
{
  GtkFilter           parent_instance;

  AtlasViewState     *state;
  char              **words;        /* the text, folded, split */
  guint64            *word_pairs;   /* the pairs of bytes in each word, hashed: 4 each */
  gint32              from_day;     /* 0 for no bound */
  gint32              to_day;
  gint32              today;
  AtlasOrganizations *organizations;
  GByteArray         *country_matches; /* by country id */
};

G_DEFINE_FINAL_TYPE (AtlasFilter, atlas_filter, GTK_TYPE_FILTER)

static GQuark facts_quark;

/* Country codes records name, interned: code → id + 1, id → code */
static GHashTable *country_ids;
static GPtrArray *country_codes;

/**
 * atlas_fold_text:
 *
 * Returns: (transfer full): @text without case or accents, for
 *   comparing: "Coopération" and "COOPERATION" fold the same.  Scripts
 *   without case (Chinese) pass unchanged.
 */
char *
atlas_fold_text (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *stripped;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (stripped, c);
    }

  {
    char *folded = g_utf8_casefold (stripped->str, stripped->len);
    g_string_free (stripped, TRUE);
    return folded;
  }
}

static void
append_folded (GString    *out,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return;

  folded = atlas_fold_text (text);
  g_string_append (out, folded);
  g_string_append_c (out, '\n');
}

static void
facts_free (Facts *facts)
{
  g_free (facts->text);
  g_free (facts);
}

static guint32
intern_country (const char *code)
{
  gpointer value = g_hash_table_lookup (country_ids, code);
  char *copy;

  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  copy = g_strdup (code);
  g_ptr_array_add (country_codes, copy);
  g_hash_table_insert (country_ids, copy, GUINT_TO_POINTER (country_codes->len));
  return country_codes->len - 1;
}

/* What @record is matched on, worked out once and kept on it */
static Facts *
get_facts (AtlasPartnership *record)
{
  Facts *facts = g_object_get_qdata (G_OBJECT (record), facts_quark);
  const AtlasDate *start, *end;
  const char * const *countries;
  guint n;

  if (facts != NULL)
    return facts;

  countries = atlas_partnership_get_countries (record);
  n = MIN (g_strv_length ((char **) countries), G_MAXUINT16);
  facts = g_malloc0 (sizeof (Facts) + n * sizeof (guint32));

  start = atlas_partnership_get_start (record);
  end = atlas_partnership_get_end (record);
  facts->first_day = atlas_date_get_first_day (start);
  facts->last_day = atlas_date_is_set (end) ? atlas_date_get_last_day (end) : atlas_date_get_last_day (start);
  facts->open = !atlas_date_is_set (end) && atlas_partnership_get_status (record) == ATLAS_STATUS_ACTIVE;
  facts->kind = atlas_partnership_get_kind (record);
  facts->status = atlas_partnership_get_status (record);
  facts->n_countries = n;
  for (guint i = 0; i < n; i++)
    facts->countries[i] = intern_country (countries[i]);

  g_object_set_qdata_full (G_OBJECT (record), facts_quark, facts, (GDestroyNotify) facts_free);
  return facts;
}

/* Sets the bit of each pair of bytes in @text, hashed to 0–255 */
static void
hash_pairs (const char *text,
            guint64     pairs[4])
{
  const guchar *p = (const guchar *) text;

  memset (pairs, 0, 4 * sizeof (guint64));
  for (; p[0] != '\0' && p[1] != '\0'; p++)
    {
      guint bit = (p[0] * 31u + p[1]) & 255;

      pairs[bit >> 6] |= G_GUINT64_CONSTANT (1) << (bit & 63);
    }
}

static inline gboolean
has_pairs (const guint64 text[4],
           const guint64 word[4])
{
  return (text[0] & word[0]) == word[0] && (text[1] & word[1]) == word[1] &&
         (text[2] & word[2]) == word[2] && (text[3] & word[3]) == word[3];
}

/* The record's searchable text, folded, built once and kept on it */
static const char *
get_search_text (AtlasFilter      *self,
                 AtlasPartnership *record,
                 Facts            *facts)
{
  const char * const *list;
  GString *out;

  if (facts->text != NULL)
    return facts->text;

  out = g_string_new (NULL);
  append_folded (out, atlas_partnership_get_title (record));
  append_folded (out, atlas_partnership_get_summary (record));
  append_folded (out, atlas_partnership_get_id (record));

  list = atlas_partnership_get_tags (record);
  for (guint i = 0; list[i] != NULL; i++)
    append_folded (out, list[i]);

  list = atlas_partnership_get_organizations (record);
  for (guint i = 0; list[i] != NULL; i++)
    {
      AtlasOrganization *org = self->organizations ? atlas_organizations_lookup (self->organizations, list[i]) : NULL;

      append_folded (out, list[i]);
      if (org != NULL)
        append_folded (out, atlas_organization_get_name (org));
    }

  list = atlas_partnership_get_countries (record);
  for (guint i = 0; list[i] != NULL; i++)
    {
      append_folded (out, list[i]);
      append_folded (out, atlas_countries_get_name (list[i]));
    }

  facts->text = g_string_free (out, FALSE);
  hash_pairs (facts->text, facts->pairs);
  return facts->text;
}

static gboolean
has_any (const char * const *values,
         char              **wanted)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) wanted, values[i]))
      return TRUE;
  return FALSE;
}

/* A country matches a wanted one, or is succeeded by it */
static gboolean
country_matches (const char  *code,
                 char       **wanted)
{
  const char * const *successors;

  if (g_strv_contains ((const char * const *) wanted, code))
    return TRUE;

  successors = atlas_countries_get_successors (code);
  for (guint s = 0; successors != NULL && successors[s] != NULL; s++)
    if (g_strv_contains ((const char * const *) wanted, successors[s]))
      return TRUE;

  return FALSE;
}

/* Worked out once per country and filter state */
static gboolean
has_any_country (AtlasFilter *self,
                 const Facts *facts)
{
  GByteArray *matches = self->country_matches;

  for (guint i = 0; i < facts->n_countries; i++)
    {
      guint32 id = facts->countries[i];

      if (id >= matches->len)
        {
          guint old_len = matches->len;

          g_byte_array_set_size (matches, country_codes->len);
          memset (matches->data + old_len, COUNTRY_UNKNOWN, matches->len - old_len);
        }

      if (matches->data[id] == COUNTRY_UNKNOWN)
        matches->data[id] = country_matches (g_ptr_array_index (country_codes, id), self->state->countries)
                            ? COUNTRY_YES : COUNTRY_NO;

      if (matches->data[id] == COUNTRY_YES)
        return TRUE;
    }

  return FALSE;
}

static gboolean
match_facts (AtlasFilter      *self,
             AtlasPartnership *record,
             Facts            *facts);

gboolean
atlas_filter_match_record (AtlasFilter      *self,
                           AtlasPartnership *record)
{
  return match_facts (self, record, get_facts (record));
}

/**
 * atlas_filter_match_record_with_facts:
 * @facts: (inout): what the filter works out from @record to match it,
 *   %NULL the first time; valid for as long as @record lives
 *
 * atlas_filter_match_record() for filter models, which keep @facts by
 * record: it spares finding them on the record object again (a qdata
 * lookup) each time the filter changes.
 */
gboolean
atlas_filter_match_record_with_facts (AtlasFilter      *self,
                                      AtlasPartnership *record,
                                      gpointer         *facts)
{
  if (*facts == NULL)
    *facts = get_facts (record);

  return match_facts (self, record, *facts);
}

static gboolean
match_facts (AtlasFilter      *self,
             AtlasPartnership *record,
             Facts            *facts)
{
  const AtlasViewState *state = self->state;

  if (state->kinds != 0 && (state->kinds & (1u << facts->kind)) == 0)
    return FALSE;

  if (state->statuses != 0 && (state->statuses & (1u << facts->status)) == 0)
    return FALSE;

  if (self->from_day != 0 || self->to_day != 0)
    {
      gint32 last = facts->open ? MAX (self->today, facts->last_day) : facts->last_day;

      /* The record's time overlaps the range */
      if (self->to_day != 0 && facts->first_day > self->to_day)
        return FALSE;
      if (self->from_day != 0 && last < self->from_day)
        return FALSE;
    }

  if (state->countries != NULL && state->countries[0] != NULL && !has_any_country (self, facts))
    return FALSE;

  if (state->organizations != NULL && state->organizations[0] != NULL &&
      !has_any (atlas_partnership_get_organizations (record), state->organizations))
    return FALSE;

  if (state->tags != NULL && state->tags[0] != NULL &&
      !has_any (atlas_partnership_get_tags (record), state->tags))
    return FALSE;

  if (self->words != NULL && self->words[0] != NULL)
    {
      const char *text = get_search_text (self, record, facts);

      for (guint i = 0; self->words[i] != NULL; i++)
        if (!has_pairs (facts->pairs, self->word_pairs + 4 * i) || strstr (text, self->words[i]) == NULL)
          return FALSE;
    }

  return TRUE;
}

/* GtkFilter */

static gboolean
atlas_filter_match (GtkFilter *filter,
                    gpointer   item)
{
  /* For every record at each change: no checked casts */
  return atlas_filter_match_record ((AtlasFilter *) filter, (AtlasPartnership *) item);
}

static GtkFilterMatch
atlas_filter_get_strictness (GtkFilter *filter)
{
  AtlasFilter *self = ATLAS_FILTER (filter);

  if (!atlas_view_state_has_filter (self->state))
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

/* How a facet changed: -1 narrower, +1 wider, 0 the same, 2 both ways */
typedef enum
{
  CHANGE_NONE = 0,
  CHANGE_NARROWER = 1,
  CHANGE_WIDER = 2,
  CHANGE_DIFFERENT = 3,
} Change;

/* A set of allowed values where empty means "everything" */
static Change
compare_masks (guint old_mask,
               guint new_mask)
{
  if (old_mask == new_mask)
    return CHANGE_NONE;
  if (old_mask == 0)
    return CHANGE_NARROWER;
  if (new_mask == 0)
    return CHANGE_WIDER;
  if ((new_mask & ~old_mask) == 0)
    return CHANGE_NARROWER;
  if ((old_mask & ~new_mask) == 0)
    return CHANGE_WIDER;
  return CHANGE_DIFFERENT;
}

static gboolean
is_subset (char **a,
           char **b)
{
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

static Change
compare_lists (char **old_list,
               char **new_list)
{
  static char *empty[] = { NULL };
  gboolean old_empty, new_empty, narrower, wider;

  old_list = old_list ? old_list : empty;
  new_list = new_list ? new_list : empty;
  old_empty = old_list[0] == NULL;
  new_empty = new_list[0] == NULL;

  if (old_empty && new_empty)
    return CHANGE_NONE;
  if (old_empty)
    return CHANGE_NARROWER;
  if (new_empty)
    return CHANGE_WIDER;

  narrower = is_subset (new_list, old_list);
  wider = is_subset (old_list, new_list);
  if (narrower && wider)
    return CHANGE_NONE;
  if (narrower)
    return CHANGE_NARROWER;
  if (wider)
    return CHANGE_WIDER;
  return CHANGE_DIFFERENT;
}

/* A bound that is 0 is open */
static Change
compare_range (gint32 old_from,
               gint32 old_to,
               gint32 new_from,
               gint32 new_to)
{
  Change change = CHANGE_NONE;

  if (old_from != new_from)
    change |= (old_from == 0 || (new_from != 0 && new_from > old_from)) ? CHANGE_NARROWER : CHANGE_WIDER;
  if (old_to != new_to)
    change |= (old_to == 0 || (new_to != 0 && new_to < old_to)) ? CHANGE_NARROWER : CHANGE_WIDER;
  return change;
}

/* Every old word is inside some new word: the new text narrows */
static gboolean
words_cover (char **old_words,
             char **new_words)
{
  for (guint i = 0; old_words && old_words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; new_words && new_words[j] != NULL && !found; j++)
        found = strstr (new_words[j], old_words[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static Change
compare_words (char **old_words,
               char **new_words)
{
  gboolean narrower = words_cover (old_words, new_words);
  gboolean wider = words_cover (new_words, old_words);

  if (narrower && wider)
    return CHANGE_NONE;
  if (narrower)
    return CHANGE_NARROWER;
  if (wider)
    return CHANGE_WIDER;
  return CHANGE_DIFFERENT;
}

static char **
split_words (const char *text)
{
  g_autofree char *folded = atlas_fold_text (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n\r", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

/* GObject */

static void
atlas_filter_finalize (GObject *object)
{
  AtlasFilter *self = (AtlasFilter *) object;

  g_clear_pointer (&self->state, atlas_view_state_free);
  g_strfreev (self->words);
  g_free (self->word_pairs);
  g_clear_object (&self->organizations);
  g_byte_array_unref (self->country_matches);

  G_OBJECT_CLASS (atlas_filter_parent_class)->finalize (object);
}

static void
atlas_filter_class_init (AtlasFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = atlas_filter_finalize;
  filter_class->match = atlas_filter_match;
  filter_class->get_strictness = atlas_filter_get_strictness;

  facts_quark = g_quark_from_static_string ("atlas-filter-facts");
  country_ids = g_hash_table_new (g_str_hash, g_str_equal);
  country_codes = g_ptr_array_new ();
}

static void
atlas_filter_init (AtlasFilter *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  AtlasDate today;

  self->state = atlas_view_state_new ();
  self->country_matches = g_byte_array_new ();
  atlas_date_init (&today, g_date_time_get_year (now), g_date_time_get_month (now),
                   g_date_time_get_day_of_month (now));
  self->today = atlas_date_get_first_day (&today);
}

/* Public API */

AtlasFilter *
atlas_filter_new (void)
{
  return g_object_new (ATLAS_TYPE_FILTER, NULL);
}

/**
 * atlas_filter_get_state:
 *
 * Returns: (transfer none): what the filter lets through; of the view
 *   state, only the filtering fields are used
 */
const AtlasViewState *
atlas_filter_get_state (AtlasFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), NULL);
  return self->state;
}

/**
 * atlas_filter_set_state:
 * @state: the filtering fields of a view: from, to, kinds, statuses,
 *   countries, organizations, tags and text
 *
 * Filters by @state, telling the filter's models whether it only
 * narrowed or only widened what matches.
 */
void
atlas_filter_set_state (AtlasFilter          *self,
                        const AtlasViewState *state)
{
  g_autoptr(AtlasViewState) old = NULL;
  g_auto(GStrv) old_words = NULL;
  gint32 from_day = 0, to_day = 0;
  Change change = CHANGE_NONE;

  g_return_if_fail (ATLAS_IS_FILTER (self));
  g_return_if_fail (state != NULL);

  if (atlas_date_is_set (&state->from))
    from_day = atlas_date_get_first_day (&state->from);
  if (atlas_date_is_set (&state->to))
    to_day = atlas_date_get_last_day (&state->to);

  old = g_steal_pointer (&self->state);
  old_words = g_steal_pointer (&self->words);

  self->state = atlas_view_state_copy (state);
  self->words = split_words (state->text);
  g_free (self->word_pairs);
  self->word_pairs = g_new (guint64, 4 * MAX (g_strv_length (self->words), 1));
  for (guint i = 0; self->words[i] != NULL; i++)
    hash_pairs (self->words[i], self->word_pairs + 4 * i);
  g_byte_array_set_size (self->country_matches, 0);

  change |= compare_range (self->from_day, self->to_day, from_day, to_day);
  change |= compare_masks (old->kinds, state->kinds);
  change |= compare_masks (old->statuses, state->statuses);
  change |= compare_lists (old->countries, state->countries);
  change |= compare_lists (old->organizations, state->organizations);
  change |= compare_lists (old->tags, state->tags);
  change |= compare_words (old_words, self->words);

  self->from_day = from_day;
  self->to_day = to_day;

  switch (change)
    {
    case CHANGE_NONE:
      break;
    case CHANGE_NARROWER:
      gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_MORE_STRICT);
      break;
    case CHANGE_WIDER:
      gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_LESS_STRICT);
      break;
    case CHANGE_DIFFERENT:
    default:
      gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
      break;
    }
}

/**
 * atlas_filter_set_organizations:
 *
 * Sets where the full names of organizations are found for free-text
 * search.
 */
void
atlas_filter_set_organizations (AtlasFilter        *self,
                                AtlasOrganizations *organizations)
{
  g_return_if_fail (ATLAS_IS_FILTER (self));

  g_set_object (&self->organizations, organizations);
}

/**
 * atlas_filter_set_today:
 * @day: a day number (atlas_date_get_first_day())
 *
 * Sets the day records still going on last until, for time ranges.
 */
void
atlas_filter_set_today (AtlasFilter *self,
                        gint32       day)
{
  g_return_if_fail (ATLAS_IS_FILTER (self));

  if (self->today == day)
    return;

  self->today = day;
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}
