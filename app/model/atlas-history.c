/* atlas-history.c — undoable changes to an AtlasStore
 *
 * Every change a curator makes — add, edit, delete, import — is one
 * step of history: a label for people ("Delete “CBERS”") and, for each
 * record it touches, the record before and after.  Undoing applies the
 * steps backwards.  Records are immutable once in the store, so keeping
 * references to them is enough; nothing is copied.
 *
 * The history also knows which point in it was last saved, so that the
 * store is unmodified again after undoing back to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-history"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-history.h"

/* Titles in labels are cut to this many characters */
#define MAX_TITLE_CHARS 40

typedef struct
{
  char      *label;
  GPtrArray *steps;   /* AtlasHistoryStep */
} Change;

struct _AtlasHistory
{
  GObject     parent_instance;

  AtlasStore *store;
  GPtrArray  *changes;     /* Change; [0, position) are done, the rest undone */
  guint       position;
  int         saved_at;    /* the position last saved, or -1 if it is gone */
  guint64     serial;      /* counts changes, undos and redos */
};

G_DEFINE_FINAL_TYPE (AtlasHistory, atlas_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

AtlasHistoryStep *
atlas_history_step_new (AtlasPartnership *before,
                        AtlasPartnership *after)
{
  AtlasHistoryStep *step = g_new0 (AtlasHistoryStep, 1);

  g_return_val_if_fail (before != NULL || after != NULL, NULL);

  step->before = before ? g_object_ref (before) : NULL;
  step->after = after ? g_object_ref (after) : NULL;
  return step;
}

/**
 * atlas_history_step_new_extra:
 * @before: (nullable): the data file's own members as they were
 * @after: (nullable): as they become
 */
AtlasHistoryStep *
atlas_history_step_new_extra (JsonObject *before,
                              JsonObject *after)
{
  AtlasHistoryStep *step = g_new0 (AtlasHistoryStep, 1);

  step->changes_extra = TRUE;
  step->extra_before = before ? json_object_ref (before) : NULL;
  step->extra_after = after ? json_object_ref (after) : NULL;
  return step;
}

void
atlas_history_step_free (AtlasHistoryStep *step)
{
  if (step == NULL)
    return;

  g_clear_object (&step->before);
  g_clear_object (&step->after);
  g_clear_pointer (&step->extra_before, json_object_unref);
  g_clear_pointer (&step->extra_after, json_object_unref);
  g_free (step);
}

static void
change_free (Change *change)
{
  g_free (change->label);
  g_ptr_array_unref (change->steps);
  g_free (change);
}

/* Applies one step forwards (@forward) or backwards */
static gboolean
apply_step (AtlasStore        *store,
            AtlasHistoryStep  *step,
            gboolean           forward,
            GError           **error)
{
  AtlasPartnership *from = forward ? step->before : step->after;
  AtlasPartnership *to = forward ? step->after : step->before;

  if (step->changes_extra)
    {
      atlas_store_set_extra (store, forward ? step->extra_after : step->extra_before);
      return TRUE;
    }

  if (from == NULL)
    return atlas_store_add (store, to, error);
  if (to == NULL)
    return atlas_store_remove (store, atlas_partnership_get_id (from), error);
  return atlas_store_replace (store, atlas_partnership_get_id (from), to, error);
}

/* Applies all steps of @steps, or none: on failure the steps already
 * applied are taken back, so the store is as it was. */
static gboolean
apply_steps (AtlasStore  *store,
             GPtrArray   *steps,
             gboolean     forward,
             GError     **error)
{
  guint n = steps->len;

  for (guint i = 0; i < n; i++)
    {
      AtlasHistoryStep *step = g_ptr_array_index (steps, forward ? i : n - 1 - i);

      if (!apply_step (store, step, forward, error))
        {
          for (guint j = i; j > 0; j--)
            {
              AtlasHistoryStep *done = g_ptr_array_index (steps, forward ? j - 1 : n - j);

              if (!apply_step (store, done, !forward, NULL))
                g_critical ("Could not take back a step of a failed change");
            }
          return FALSE;
        }
    }

  return TRUE;
}

static void
update_modified (AtlasHistory *self)
{
  atlas_store_set_modified (self->store, self->saved_at != (int) self->position);
}

static void
notify_state (AtlasHistory *self)
{
  self->serial++;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static char *
short_title (AtlasPartnership *record)
{
  const char *title = atlas_partnership_get_title (record);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (title, -1) <= MAX_TITLE_CHARS)
    return g_strdup (title);

  cut = g_utf8_substring (title, 0, MAX_TITLE_CHARS - 1);
  return g_strconcat (g_strchomp (cut), "…", NULL);
}

/* GObject */

static void
atlas_history_dispose (GObject *object)
{
  AtlasHistory *self = ATLAS_HISTORY (object);

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (atlas_history_parent_class)->dispose (object);
}

static void
atlas_history_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AtlasHistory *self = ATLAS_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, atlas_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, atlas_history_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, atlas_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, atlas_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_history_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AtlasHistory *self = ATLAS_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_history_class_init (AtlasHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_history_dispose;
  object_class->get_property = atlas_history_get_property;
  object_class->set_property = atlas_history_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ATLAS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_history_init (AtlasHistory *self)
{
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
}

/* Public API */

AtlasHistory *
atlas_history_new (AtlasStore *store)
{
  g_return_val_if_fail (ATLAS_IS_STORE (store), NULL);

  return g_object_new (ATLAS_TYPE_HISTORY, "store", store, NULL);
}

/**
 * atlas_history_get_store:
 *
 * Returns: (transfer none): the store whose changes are kept
 */
AtlasStore *
atlas_history_get_store (AtlasHistory *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY (self), NULL);
  return self->store;
}

/**
 * atlas_history_perform:
 * @label: what the change does, for people ("Import 12 records")
 * @steps: (element-type AtlasHistoryStep) (transfer none): the change,
 *   as steps taken in order
 *
 * Applies @steps to the store as one undoable change.  Either every
 * step is applied or, on error, none is.  Changes undone before are
 * forgotten.
 */
gboolean
atlas_history_perform (AtlasHistory  *self,
                       const char    *label,
                       GPtrArray     *steps,
                       GError       **error)
{
  Change *change;

  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (steps != NULL, FALSE);

  if (steps->len == 0)
    return TRUE;

  if (!apply_steps (self->store, steps, TRUE, error))
    return FALSE;

  /* Redo is gone; so is the saved point if it was among it */
  if (self->saved_at > (int) self->position)
    self->saved_at = -1;
  g_ptr_array_set_size (self->changes, self->position);

  change = g_new0 (Change, 1);
  change->label = g_strdup (label);
  change->steps = g_ptr_array_ref (steps);
  g_ptr_array_add (self->changes, change);
  self->position++;

  update_modified (self);
  notify_state (self);
  return TRUE;
}

static gboolean
perform_one (AtlasHistory      *self,
             const char        *label,
             AtlasPartnership  *before,
             AtlasPartnership  *after,
             GError           **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_history_step_free);

  g_ptr_array_add (steps, atlas_history_step_new (before, after));
  return atlas_history_perform (self, label, steps, error);
}

gboolean
atlas_history_add_record (AtlasHistory      *self,
                          AtlasPartnership  *record,
                          GError           **error)
{
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (record), FALSE);

  title = short_title (record);
  /* Translators: a change that can be undone; %s is a record's title */
  label = g_strdup_printf (_("Add “%s”"), title);
  return perform_one (self, label, NULL, record, error);
}

/**
 * atlas_history_edit_record:
 * @id: the id of the record edited
 * @record: (transfer none): the record as edited, a new object
 */
gboolean
atlas_history_edit_record (AtlasHistory      *self,
                           const char        *id,
                           AtlasPartnership  *record,
                           GError           **error)
{
  AtlasPartnership *before;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (record), FALSE);

  before = atlas_store_lookup (self->store, id);
  if (before == NULL)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                   _("No record has the id “%s”"), id ? id : "");
      return FALSE;
    }

  /* Saving an unchanged record is not a change */
  if (atlas_partnership_equal (before, record))
    return TRUE;

  title = short_title (record);
  /* Translators: a change that can be undone; %s is a record's title */
  label = g_strdup_printf (_("Edit “%s”"), title);
  return perform_one (self, label, before, record, error);
}

gboolean
atlas_history_delete_record (AtlasHistory  *self,
                             const char    *id,
                             GError       **error)
{
  AtlasPartnership *before;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);

  before = atlas_store_lookup (self->store, id);
  if (before == NULL)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                   _("No record has the id “%s”"), id ? id : "");
      return FALSE;
    }

  title = short_title (before);
  /* Translators: a change that can be undone; %s is a record's title */
  label = g_strdup_printf (_("Delete “%s”"), title);
  return perform_one (self, label, before, NULL, error);
}

/**
 * atlas_history_set_extra:
 * @label: what the change does ("Save View “Opening”")
 * @extra: (nullable): the data file's own members as they become
 *
 * Replaces the data file's own members (its saved views) as one
 * undoable change.
 */
gboolean
atlas_history_set_extra (AtlasHistory  *self,
                         const char    *label,
                         JsonObject    *extra,
                         GError       **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_history_step_free);

  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);

  g_ptr_array_add (steps, atlas_history_step_new_extra (atlas_store_get_extra (self->store), extra));
  return atlas_history_perform (self, label, steps, error);
}

gboolean
atlas_history_can_undo (AtlasHistory *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);
  return self->position > 0;
}

gboolean
atlas_history_can_redo (AtlasHistory *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);
  return self->position < self->changes->len;
}

/**
 * atlas_history_get_undo_label:
 *
 * Returns: (nullable): what undo would take back ("Delete “CBERS”")
 */
const char *
atlas_history_get_undo_label (AtlasHistory *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY (self), NULL);

  if (self->position == 0)
    return NULL;
  return ((Change *) g_ptr_array_index (self->changes, self->position - 1))->label;
}

/**
 * atlas_history_get_redo_label:
 *
 * Returns: (nullable): what redo would do again
 */
const char *
atlas_history_get_redo_label (AtlasHistory *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY (self), NULL);

  if (self->position >= self->changes->len)
    return NULL;
  return ((Change *) g_ptr_array_index (self->changes, self->position))->label;
}

gboolean
atlas_history_undo (AtlasHistory  *self,
                    GError       **error)
{
  Change *change;

  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);

  if (self->position == 0)
    return TRUE;

  change = g_ptr_array_index (self->changes, self->position - 1);
  if (!apply_steps (self->store, change->steps, FALSE, error))
    return FALSE;

  self->position--;
  update_modified (self);
  notify_state (self);
  return TRUE;
}

gboolean
atlas_history_redo (AtlasHistory  *self,
                    GError       **error)
{
  Change *change;

  g_return_val_if_fail (ATLAS_IS_HISTORY (self), FALSE);

  if (self->position >= self->changes->len)
    return TRUE;

  change = g_ptr_array_index (self->changes, self->position);
  if (!apply_steps (self->store, change->steps, TRUE, error))
    return FALSE;

  self->position++;
  update_modified (self);
  notify_state (self);
  return TRUE;
}

/**
 * atlas_history_clear:
 *
 * Forgets every change, as after opening a file; the current state is
 * the saved one.
 */
void
atlas_history_clear (AtlasHistory *self)
{
  g_return_if_fail (ATLAS_IS_HISTORY (self));

  g_ptr_array_set_size (self->changes, 0);
  self->position = 0;
  self->saved_at = 0;
  notify_state (self);
}

/**
 * atlas_history_mark_saved:
 *
 * Records that the store was saved as it is now: undoing or redoing
 * back to this point makes it unmodified.
 */
void
atlas_history_mark_saved (AtlasHistory *self)
{
  g_return_if_fail (ATLAS_IS_HISTORY (self));

  self->saved_at = self->position;
  update_modified (self);
}

/**
 * atlas_history_diff_steps:
 * @store: the records as they are
 * @records: (element-type AtlasPartnership): the records as they should be
 *
 * Works out the steps that turn @store into @records: records only in
 * @records are added, records only in the store deleted, records whose
 * content differs replaced.  Records are matched by id.
 *
 * Returns: (transfer full) (element-type AtlasHistoryStep): the steps,
 *   for atlas_history_perform(); empty when nothing differs
 */
GPtrArray *
atlas_history_diff_steps (AtlasStore *store,
                          GPtrArray  *records)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_history_step_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_return_val_if_fail (ATLAS_IS_STORE (store), steps);

  for (guint i = 0; i < records->len; i++)
    {
      AtlasPartnership *record = g_ptr_array_index (records, i);
      g_hash_table_insert (wanted, (gpointer) atlas_partnership_get_id (record), record);
    }

  /* Deletions first, so that no step meets an id still in use */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasPartnership) current = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (!g_hash_table_contains (wanted, atlas_partnership_get_id (current)))
        g_ptr_array_add (steps, atlas_history_step_new (current, NULL));
    }

  for (guint i = 0; i < records->len; i++)
    {
      AtlasPartnership *record = g_ptr_array_index (records, i);
      AtlasPartnership *current = atlas_store_lookup (store, atlas_partnership_get_id (record));

      if (current == NULL)
        g_ptr_array_add (steps, atlas_history_step_new (NULL, record));
      else if (!atlas_partnership_equal (current, record))
        g_ptr_array_add (steps, atlas_history_step_new (current, record));
    }

  return steps;
}

/**
 * atlas_history_get_serial:
 *
 * Returns: a number that changes with every change, undo and redo, to
 *   tell whether anything happened between two moments
 */
guint64
atlas_history_get_serial (AtlasHistory *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY (self), 0);
  return self->serial;
}
