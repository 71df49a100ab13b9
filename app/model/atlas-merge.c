/* atlas-merge.c — merging imported records into the open data set
 *
 * An import never changes the data set behind the curator's back.  The
 * plan sorts the incoming records by id against the open data set:
 *
 *  - new ids are added;
 *  - records equal to the ones they name are left out, and counted;
 *  - records that differ from the ones they name are conflicts, listed
 *    for the curator to settle one by one: keep mine (the default) or
 *    take theirs.
 *
 * Applying the plan is one undoable change in the data set's history.
 * The plan is data only: it changes nothing until it is applied, and a
 * caller with its own way of applying changes takes the steps
 * (atlas_merge_plan_dup_steps()) instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-merge"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-merge.h"

struct _AtlasMergeConflict
{
  GObject           parent_instance;

  AtlasPartnership *mine;
  AtlasPartnership *theirs;
  gboolean          take_theirs;
};

struct _AtlasMergePlan
{
  GObject      parent_instance;

  AtlasStore  *store;
  GPtrArray   *additions;   /* AtlasPartnership */
  GListStore  *conflicts;   /* AtlasMergeConflict */
  guint        n_identical;
  guint        n_taken;     /* conflicts resolved as "take theirs" */
};

G_DEFINE_FINAL_TYPE (AtlasMergeConflict, atlas_merge_conflict, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (AtlasMergePlan, atlas_merge_plan, G_TYPE_OBJECT)
G_DEFINE_QUARK (atlas-merge-error-quark, atlas_merge_error)

enum {
  CONFLICT_PROP_0,
  CONFLICT_PROP_MINE,
  CONFLICT_PROP_THEIRS,
  CONFLICT_PROP_TAKE_THEIRS,
  CONFLICT_N_PROPS
};

static GParamSpec *conflict_properties[CONFLICT_N_PROPS];

enum {
  PLAN_PROP_0,
  PLAN_PROP_N_CHANGES,
  PLAN_N_PROPS
};

static GParamSpec *plan_properties[PLAN_N_PROPS];

/* Conflicts */

static void
atlas_merge_conflict_finalize (GObject *object)
{
  AtlasMergeConflict *self = ATLAS_MERGE_CONFLICT (object);

  g_clear_object (&self->mine);
  g_clear_object (&self->theirs);

  G_OBJECT_CLASS (atlas_merge_conflict_parent_class)->finalize (object);
}

static void
atlas_merge_conflict_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasMergeConflict *self = ATLAS_MERGE_CONFLICT (object);

  switch (prop_id)
    {
    case CONFLICT_PROP_MINE:
      g_value_set_object (value, self->mine);
      break;
    case CONFLICT_PROP_THEIRS:
      g_value_set_object (value, self->theirs);
      break;
    case CONFLICT_PROP_TAKE_THEIRS:
      g_value_set_boolean (value, self->take_theirs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_merge_conflict_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasMergeConflict *self = ATLAS_MERGE_CONFLICT (object);

  switch (prop_id)
    {
    case CONFLICT_PROP_MINE:
      self->mine = g_value_dup_object (value);
      break;
    case CONFLICT_PROP_THEIRS:
      self->theirs = g_value_dup_object (value);
      break;
    case CONFLICT_PROP_TAKE_THEIRS:
      atlas_merge_conflict_set_take_theirs (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_merge_conflict_class_init (AtlasMergeConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_merge_conflict_finalize;
  object_class->get_property = atlas_merge_conflict_get_property;
  object_class->set_property = atlas_merge_conflict_set_property;

  /**
   * AtlasMergeConflict:mine:
   *
   * The record in the open data set.
   */
  conflict_properties[CONFLICT_PROP_MINE] =
    g_param_spec_object ("mine", NULL, NULL, ATLAS_TYPE_PARTNERSHIP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasMergeConflict:theirs:
   *
   * The imported record with the same id.
   */
  conflict_properties[CONFLICT_PROP_THEIRS] =
    g_param_spec_object ("theirs", NULL, NULL, ATLAS_TYPE_PARTNERSHIP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasMergeConflict:take-theirs:
   *
   * Whether the imported record replaces mine; %FALSE (keep mine) until
   * the curator chooses.
   */
  conflict_properties[CONFLICT_PROP_TAKE_THEIRS] =
    g_param_spec_boolean ("take-theirs", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, CONFLICT_N_PROPS, conflict_properties);
}

static void
atlas_merge_conflict_init (AtlasMergeConflict *self)
{
}

/**
 * atlas_merge_conflict_get_mine:
 *
 * Returns: (transfer none): the record in the open data set
 */
AtlasPartnership *
atlas_merge_conflict_get_mine (AtlasMergeConflict *self)
{
  g_return_val_if_fail (ATLAS_IS_MERGE_CONFLICT (self), NULL);
  return self->mine;
}

/**
 * atlas_merge_conflict_get_theirs:
 *
 * Returns: (transfer none): the imported record with the same id
 */
AtlasPartnership *
atlas_merge_conflict_get_theirs (AtlasMergeConflict *self)
{
  g_return_val_if_fail (ATLAS_IS_MERGE_CONFLICT (self), NULL);
  return self->theirs;
}

gboolean
atlas_merge_conflict_get_take_theirs (AtlasMergeConflict *self)
{
  g_return_val_if_fail (ATLAS_IS_MERGE_CONFLICT (self), FALSE);
  return self->take_theirs;
}

void
atlas_merge_conflict_set_take_theirs (AtlasMergeConflict *self,
                                      gboolean            take_theirs)
{
  g_return_if_fail (ATLAS_IS_MERGE_CONFLICT (self));

  take_theirs = !!take_theirs;
  if (self->take_theirs == take_theirs)
    return;

  self->take_theirs = take_theirs;
  g_object_notify_by_pspec (G_OBJECT (self), conflict_properties[CONFLICT_PROP_TAKE_THEIRS]);
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

static gboolean
sources_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!atlas_source_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static gboolean
extra_equal (JsonObject *a,
             JsonObject *b)
{
  if (a == NULL || json_object_get_size (a) == 0)
    return b == NULL || json_object_get_size (b) == 0;
  return b != NULL && json_object_equal (a, b);
}

/**
 * atlas_merge_conflict_dup_differences:
 *
 * What differs between the two records, for the dialog to point out:
 * the names of the data format's members ("title", "start", "countries",
 * "sources", …), in the format's order, and "extra" when members Space
 * Atlas does not know differ.
 *
 * Returns: (transfer full): the names, never empty
 */
char **
atlas_merge_conflict_dup_differences (AtlasMergeConflict *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  AtlasPartnership *a, *b;

  g_return_val_if_fail (ATLAS_IS_MERGE_CONFLICT (self), NULL);

  a = self->mine;
  b = self->theirs;

  if (g_strcmp0 (atlas_partnership_get_id (a), atlas_partnership_get_id (b)) != 0)
    g_strv_builder_add (builder, "id");
  if (g_strcmp0 (atlas_partnership_get_title (a), atlas_partnership_get_title (b)) != 0)
    g_strv_builder_add (builder, "title");
  if (atlas_partnership_get_kind (a) != atlas_partnership_get_kind (b))
    g_strv_builder_add (builder, "kind");
  if (!atlas_date_equal (atlas_partnership_get_start (a), atlas_partnership_get_start (b)))
    g_strv_builder_add (builder, "start");
  if (!atlas_date_equal (atlas_partnership_get_end (a), atlas_partnership_get_end (b)))
    g_strv_builder_add (builder, "end");
  if (atlas_partnership_get_status (a) != atlas_partnership_get_status (b))
    g_strv_builder_add (builder, "status");
  if (!strv_equal0 (atlas_partnership_get_countries (a), atlas_partnership_get_countries (b)))
    g_strv_builder_add (builder, "countries");
  if (!strv_equal0 (atlas_partnership_get_organizations (a),
                    atlas_partnership_get_organizations (b)))
    g_strv_builder_add (builder, "organizations");
  if (g_strcmp0 (atlas_partnership_get_summary (a), atlas_partnership_get_summary (b)) != 0)
    g_strv_builder_add (builder, "summary");
  if (!sources_equal (atlas_partnership_get_sources (a), atlas_partnership_get_sources (b)))
    g_strv_builder_add (builder, "sources");
  if (!strv_equal0 (atlas_partnership_get_tags (a), atlas_partnership_get_tags (b)))
    g_strv_builder_add (builder, "tags");
  if (!extra_equal (atlas_partnership_get_extra (a), atlas_partnership_get_extra (b)))
    g_strv_builder_add (builder, "extra");

  return g_strv_builder_end (builder);
}

/* Plans */

static void
conflict_changed_cb (AtlasMergePlan     *self,
                     GParamSpec         *pspec,
                     AtlasMergeConflict *conflict)
{
  if (conflict->take_theirs)
    self->n_taken++;
  else
    self->n_taken--;

  g_object_notify_by_pspec (G_OBJECT (self), plan_properties[PLAN_PROP_N_CHANGES]);
}

static void
atlas_merge_plan_dispose (GObject *object)
{
  AtlasMergePlan *self = ATLAS_MERGE_PLAN (object);

  g_clear_object (&self->store);
  g_clear_object (&self->conflicts);

  G_OBJECT_CLASS (atlas_merge_plan_parent_class)->dispose (object);
}

static void
atlas_merge_plan_finalize (GObject *object)
{
  AtlasMergePlan *self = ATLAS_MERGE_PLAN (object);

  g_clear_pointer (&self->additions, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_merge_plan_parent_class)->finalize (object);
}

static void
atlas_merge_plan_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasMergePlan *self = ATLAS_MERGE_PLAN (object);

  switch (prop_id)
    {
    case PLAN_PROP_N_CHANGES:
      g_value_set_uint (value, atlas_merge_plan_get_n_changes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_merge_plan_class_init (AtlasMergePlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_merge_plan_dispose;
  object_class->finalize = atlas_merge_plan_finalize;
  object_class->get_property = atlas_merge_plan_get_property;

  /**
   * AtlasMergePlan:n-changes:
   *
   * How many records applying the plan adds or replaces, as the
   * curator's choices stand.
   */
  plan_properties[PLAN_PROP_N_CHANGES] =
    g_param_spec_uint ("n-changes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, PLAN_N_PROPS, plan_properties);
}

static void
atlas_merge_plan_init (AtlasMergePlan *self)
{
  self->additions = g_ptr_array_new_with_free_func (g_object_unref);
  self->conflicts = g_list_store_new (ATLAS_TYPE_MERGE_CONFLICT);
}

/**
 * atlas_merge_plan_new:
 * @store: the open data set
 * @incoming: (element-type AtlasPartnership): the imported records, with
 *   ids unique among them (as the importers give them); should two share
 *   an id, the first is taken and the other left out
 *
 * Sorts @incoming against @store: new ids to add, records equal to
 * those they name to leave out, and conflicts for the curator to settle.
 * Nothing changes until the plan is applied.
 *
 * Returns: (transfer full): the plan
 */
AtlasMergePlan *
atlas_merge_plan_new (AtlasStore *store,
                      GPtrArray  *incoming)
{
  AtlasMergePlan *self;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (ATLAS_IS_STORE (store), NULL);
  g_return_val_if_fail (incoming != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_MERGE_PLAN, NULL);
  self->store = g_object_ref (store);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < incoming->len; i++)
    {
      AtlasPartnership *theirs = g_ptr_array_index (incoming, i);
      const char *id = atlas_partnership_get_id (theirs);
      AtlasPartnership *mine;

      if (!g_hash_table_add (seen, (gpointer) id))
        {
          g_debug ("Two imported records have the id “%s”; the second is left out", id);
          continue;
        }

      mine = atlas_store_lookup (store, id);
      if (mine == NULL)
        g_ptr_array_add (self->additions, g_object_ref (theirs));
      else if (atlas_partnership_equal (mine, theirs))
        self->n_identical++;
      else
        {
          g_autoptr(AtlasMergeConflict) conflict = g_object_new (ATLAS_TYPE_MERGE_CONFLICT,
                                                                 "mine", mine,
                                                                 "theirs", theirs,
                                                                 NULL);

          g_signal_connect_object (conflict, "notify::take-theirs",
                                   G_CALLBACK (conflict_changed_cb), self, G_CONNECT_SWAPPED);
          g_list_store_append (self->conflicts, conflict);
        }
    }

  return self;
}

/**
 * atlas_merge_plan_get_additions:
 *
 * Returns: (transfer none) (element-type AtlasPartnership): the records
 *   with ids the data set does not have, in the order they came
 */
GPtrArray *
atlas_merge_plan_get_additions (AtlasMergePlan *self)
{
  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), NULL);
  return self->additions;
}

/**
 * atlas_merge_plan_get_n_identical:
 *
 * Returns: how many imported records are equal to the ones they name,
 *   and are left out
 */
guint
atlas_merge_plan_get_n_identical (AtlasMergePlan *self)
{
  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), 0);
  return self->n_identical;
}

/**
 * atlas_merge_plan_get_conflicts:
 *
 * Returns: (transfer none): a list model of #AtlasMergeConflict, in the
 *   order the imported records came, for the dialog to list
 */
GListModel *
atlas_merge_plan_get_conflicts (AtlasMergePlan *self)
{
  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), NULL);
  return G_LIST_MODEL (self->conflicts);
}

/**
 * atlas_merge_plan_set_take_theirs_all:
 *
 * Settles every conflict the same way: "keep mine" or "take theirs".
 */
void
atlas_merge_plan_set_take_theirs_all (AtlasMergePlan *self,
                                      gboolean        take_theirs)
{
  guint n;

  g_return_if_fail (ATLAS_IS_MERGE_PLAN (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->conflicts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasMergeConflict) conflict = g_list_model_get_item (G_LIST_MODEL (self->conflicts), i);

      atlas_merge_conflict_set_take_theirs (conflict, take_theirs);
    }
}

/**
 * atlas_merge_plan_dup_replacements:
 *
 * Returns: (transfer container) (element-type AtlasMergeConflict): the
 *   conflicts settled as "take theirs": each replaces its mine with its
 *   theirs
 */
GPtrArray *
atlas_merge_plan_dup_replacements (AtlasMergePlan *self)
{
  GPtrArray *replacements;
  guint n;

  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), NULL);

  replacements = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->conflicts));
  for (guint i = 0; i < n; i++)
    {
      AtlasMergeConflict *conflict = g_list_model_get_item (G_LIST_MODEL (self->conflicts), i);

      if (conflict->take_theirs)
        g_ptr_array_add (replacements, conflict);
      else
        g_object_unref (conflict);
    }

  return replacements;
}

/**
 * atlas_merge_plan_get_n_changes:
 *
 * Returns: how many records applying the plan adds or replaces
 */
guint
atlas_merge_plan_get_n_changes (AtlasMergePlan *self)
{
  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), 0);
  return self->additions->len + self->n_taken;
}

/**
 * atlas_merge_plan_dup_steps:
 *
 * The plan as history steps (see atlas_history_perform()): one adding
 * each new record, then one replacing each record whose conflict is
 * settled as "take theirs".
 *
 * Returns: (transfer full) (element-type AtlasHistoryStep): the steps
 */
GPtrArray *
atlas_merge_plan_dup_steps (AtlasMergePlan *self)
{
  g_autoptr(GPtrArray) replacements = NULL;
  GPtrArray *steps;

  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), NULL);

  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_history_step_free);
  for (guint i = 0; i < self->additions->len; i++)
    g_ptr_array_add (steps, atlas_history_step_new (NULL, g_ptr_array_index (self->additions, i)));

  replacements = atlas_merge_plan_dup_replacements (self);
  for (guint i = 0; i < replacements->len; i++)
    {
      AtlasMergeConflict *conflict = g_ptr_array_index (replacements, i);

      g_ptr_array_add (steps, atlas_history_step_new (conflict->mine, conflict->theirs));
    }

  return steps;
}

/**
 * atlas_merge_plan_dup_label:
 *
 * Returns: (transfer full): what applying the plan does, for the undo
 *   menu: "Import 12 records"
 */
char *
atlas_merge_plan_dup_label (AtlasMergePlan *self)
{
  guint n;

  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), NULL);

  n = atlas_merge_plan_get_n_changes (self);
  return g_strdup_printf (ngettext ("Import %u record", "Import %u records", n), n);
}

/**
 * atlas_merge_plan_is_current:
 * @store: the data set the plan is to be applied to
 *
 * Whether the plan still fits @store: it is the store it was made for,
 * no record it adds has come in since, and each record it may replace
 * is still the one the curator compared.  An edit while the import
 * dialog is open makes the plan stale; make a new one.
 */
gboolean
atlas_merge_plan_is_current (AtlasMergePlan *self,
                             AtlasStore     *store)
{
  guint n;

  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_STORE (store), FALSE);

  if (store != self->store)
    return FALSE;

  for (guint i = 0; i < self->additions->len; i++)
    if (atlas_store_lookup (store, atlas_partnership_get_id (g_ptr_array_index (self->additions, i))))
      return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->conflicts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasMergeConflict) conflict = g_list_model_get_item (G_LIST_MODEL (self->conflicts), i);

      if (atlas_store_lookup (store, atlas_partnership_get_id (conflict->mine)) != conflict->mine)
        return FALSE;
    }

  return TRUE;
}

/**
 * atlas_merge_plan_apply:
 * @history: the history of the store the plan was made for
 *
 * Applies the plan as one undoable change: adds the new records and
 * replaces those whose conflict is settled as "take theirs".  A plan
 * with no change does nothing and succeeds.
 *
 * Returns: %TRUE on success; %FALSE with %ATLAS_MERGE_ERROR_CHANGED when
 *   the data set changed since the plan was made (see
 *   atlas_merge_plan_is_current()), or with the store's error
 */
gboolean
atlas_merge_plan_apply (AtlasMergePlan  *self,
                        AtlasHistory    *history,
                        GError         **error)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ATLAS_IS_MERGE_PLAN (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_HISTORY (history), FALSE);

  if (!atlas_merge_plan_is_current (self, atlas_history_get_store (history)))
    {
      g_set_error_literal (error, ATLAS_MERGE_ERROR, ATLAS_MERGE_ERROR_CHANGED,
                           _("The data set changed since the import was prepared; import the "
                             "file again"));
      return FALSE;
    }

  steps = atlas_merge_plan_dup_steps (self);
  if (steps->len == 0)
    return TRUE;

  label = atlas_merge_plan_dup_label (self);
  return atlas_history_perform (history, label, steps, error);
}
