/* atlas-validation.c — checking a record as a curator edits it
 *
 * The editor asks after every keystroke: what is wrong, field by field,
 * in words that say how to fix it.  This is that logic, without widgets,
 * so it is tested without a display.  The rules are those of the data
 * file (atlas-format.c), seen from the editor: a date still being typed
 * is text, not yet an AtlasDate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-validation"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-validation.h"

/* How alike two titles must be (0 … 1) to point out a possible duplicate */
#define DUPLICATE_TITLE_SIMILARITY 0.6
/* How far apart two starts may be, in days, for a possible duplicate */
#define DUPLICATE_START_DAYS 366

struct _AtlasValidation
{
  char      *messages[ATLAS_N_FIELDS];
  AtlasDate  start;
  AtlasDate  end;
};

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
is_slug (const char *id)
{
  if (*id == '\0' || *id == '-')
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;

  return TRUE;
}

static void
check_sources (AtlasValidation  *self,
               AtlasPartnership *draft)
{
  GPtrArray *sources = atlas_partnership_get_sources (draft);

  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);

      if (is_blank (source->title))
        {
          /* Translators: %u counts the record's sources from 1 */
          self->messages[ATLAS_FIELD_SOURCES] = g_strdup_printf (_("Source %u needs a title"), i + 1);
          return;
        }

      if (is_blank (source->document) && is_blank (source->url))
        {
          self->messages[ATLAS_FIELD_SOURCES] =
            g_strdup_printf (_("Source %u needs a document or a web address"), i + 1);
          return;
        }

      if (!is_blank (source->url) &&
          !g_str_has_prefix (source->url, "https://") && !g_str_has_prefix (source->url, "http://"))
        {
          self->messages[ATLAS_FIELD_SOURCES] =
            g_strdup_printf (_("Source %u: a web address starts with https:// or http://"), i + 1);
          return;
        }
    }
}

/**
 * atlas_validation_new:
 * @draft: the record as edited so far; its start and end are ignored
 * @start_text: the start as typed
 * @end_text: the end as typed; empty for none
 * @store: (nullable): the data set, to check the id is free
 * @original_id: (nullable): the id of the record being edited, which
 *   the draft may keep; %NULL for a new record
 *
 * Returns: (transfer full): what is wrong with each field, if anything
 */
AtlasValidation *
atlas_validation_new (AtlasPartnership *draft,
                      const char       *start_text,
                      const char       *end_text,
                      AtlasStore       *store,
                      const char       *original_id)
{
  AtlasValidation *self = g_new0 (AtlasValidation, 1);
  const char * const *countries = atlas_partnership_get_countries (draft);
  const char *id = atlas_partnership_get_id (draft);
  g_autoptr(GError) error = NULL;

  /* Id */
  if (*id == '\0')
    self->messages[ATLAS_FIELD_ID] = g_strdup (_("An id is required"));
  else if (!is_slug (id))
    self->messages[ATLAS_FIELD_ID] =
      g_strdup (_("Use lower-case letters, digits and hyphens, starting with a letter or digit"));
  else if (store != NULL && g_strcmp0 (id, original_id) != 0 && atlas_store_lookup (store, id) != NULL)
    self->messages[ATLAS_FIELD_ID] = g_strdup_printf (_("Another record has the id “%s”"), id);

  /* Title */
  if (is_blank (atlas_partnership_get_title (draft)))
    self->messages[ATLAS_FIELD_TITLE] = g_strdup (_("A title is required"));

  /* Dates */
  if (is_blank (start_text))
    self->messages[ATLAS_FIELD_START] = g_strdup (_("A start date is required: a year, a month or a day"));
  else if (!atlas_date_parse (start_text, &self->start, &error))
    self->messages[ATLAS_FIELD_START] = g_strdup (error->message);
  g_clear_error (&error);

  if (!is_blank (end_text))
    {
      if (!atlas_date_parse (end_text, &self->end, &error))
        self->messages[ATLAS_FIELD_END] = g_strdup (error->message);
      else if (atlas_date_is_before (&self->end, &self->start))
        self->messages[ATLAS_FIELD_END] = g_strdup (_("The end is before the start"));
    }

  /* Countries */
  if (countries[0] == NULL)
    self->messages[ATLAS_FIELD_COUNTRIES] = g_strdup (_("Name at least one partner country"));
  for (guint i = 0; countries[i] != NULL && self->messages[ATLAS_FIELD_COUNTRIES] == NULL; i++)
    if (!atlas_countries_is_known (countries[i]))
      self->messages[ATLAS_FIELD_COUNTRIES] =
        g_strdup_printf (_("“%s” is not an ISO 3166 country code"), countries[i]);

  check_sources (self, draft);

  return self;
}

void
atlas_validation_free (AtlasValidation *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < ATLAS_N_FIELDS; i++)
    g_free (self->messages[i]);
  g_free (self);
}

gboolean
atlas_validation_is_valid (AtlasValidation *self)
{
  for (guint i = 0; i < ATLAS_N_FIELDS; i++)
    if (self->messages[i] != NULL)
      return FALSE;
  return TRUE;
}

/**
 * atlas_validation_get_message:
 *
 * Returns: (nullable): what is wrong with @field, for people to read
 */
const char *
atlas_validation_get_message (AtlasValidation *self,
                              AtlasField       field)
{
  g_return_val_if_fail (field < ATLAS_N_FIELDS, NULL);
  return self->messages[field];
}

/**
 * atlas_validation_get_start:
 *
 * Returns: the start as parsed; unset when it is wrong
 */
const AtlasDate *
atlas_validation_get_start (AtlasValidation *self)
{
  return &self->start;
}

/**
 * atlas_validation_get_end:
 *
 * Returns: the end as parsed; unset when there is none or it is wrong
 */
const AtlasDate *
atlas_validation_get_end (AtlasValidation *self)
{
  return &self->end;
}

/* Duplicates */

static gboolean
is_stop_word (const char *word)
{
  static const char * const stop_words[] = {
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with", NULL
  };

  return g_strv_contains (stop_words, word);
}

/* Lower-case ASCII words of a title, without the little ones */
static GHashTable *
title_words (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = lower;

  while (*p)
    {
      const char *start;

      while (*p && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (*p && g_ascii_isalnum (*p))
        p++;

      if (p > start)
        {
          char *word = g_strndup (start, p - start);

          if (is_stop_word (word))
            g_free (word);
          else
            g_hash_table_add (words, word);
        }
    }

  return words;
}

/**
 * atlas_title_similarity:
 *
 * How alike two titles are, from 0 to 1: the share of the shorter
 * title's words that the other has too (case, accents and little words
 * like "the" and "of" aside).  "CBERS programme" and "China–Brazil
 * Earth Resources Satellite (CBERS) programme" score 1.
 */
double
atlas_title_similarity (const char *a,
                        const char *b)
{
  g_autoptr(GHashTable) wa = title_words (a ? a : "");
  g_autoptr(GHashTable) wb = title_words (b ? b : "");
  GHashTable *small = g_hash_table_size (wa) <= g_hash_table_size (wb) ? wa : wb;
  GHashTable *large = small == wa ? wb : wa;
  GHashTableIter iter;
  gpointer word;
  guint shared = 0;

  if (g_hash_table_size (small) == 0)
    return 0.0;

  g_hash_table_iter_init (&iter, small);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_hash_table_contains (large, word))
      shared++;

  return (double) shared / g_hash_table_size (small);
}

static gboolean
same_countries (const char * const *a,
                const char * const *b)
{
  guint na = g_strv_length ((char **) a);

  if (na != g_strv_length ((char **) b))
    return FALSE;

  for (guint i = 0; i < na; i++)
    if (!g_strv_contains (b, a[i]))
      return FALSE;

  return TRUE;
}

/**
 * atlas_find_possible_duplicate:
 * @candidate: a record about to be saved, with its start set
 * @ignore_id: (nullable): the id of the record being edited
 *
 * Looks for a record that may describe the same cooperation: the same
 * partner countries, a start within a year, and a similar title.
 *
 * Returns: (transfer none) (nullable): the most similar such record
 */
AtlasPartnership *
atlas_find_possible_duplicate (AtlasStore       *store,
                               AtlasPartnership *candidate,
                               const char       *ignore_id)
{
  const AtlasDate *start = atlas_partnership_get_start (candidate);
  AtlasPartnership *best = NULL;
  double best_score = 0.0;
  gint32 day;

  g_return_val_if_fail (ATLAS_IS_STORE (store), NULL);
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (candidate), NULL);

  if (!atlas_date_is_set (start))
    return NULL;

  day = atlas_date_get_first_day (start);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(AtlasPartnership) other = g_list_model_get_item (G_LIST_MODEL (store), i);
      gint32 other_day = atlas_date_get_first_day (atlas_partnership_get_start (other));
      double score;

      if (g_strcmp0 (atlas_partnership_get_id (other), ignore_id) == 0)
        continue;
      if (ABS (other_day - day) > DUPLICATE_START_DAYS)
        continue;
      if (!same_countries (atlas_partnership_get_countries (candidate),
                           atlas_partnership_get_countries (other)))
        continue;

      score = atlas_title_similarity (atlas_partnership_get_title (candidate),
                                      atlas_partnership_get_title (other));
      if (score >= DUPLICATE_TITLE_SIMILARITY && score > best_score)
        {
          best = other;
          best_score = score;
        }
    }

  return best;
}
