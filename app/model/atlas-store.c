/* atlas-store.c — the open data set, a GListModel of AtlasPartnership
 *
 * The store keeps its records sorted as a data file lists them (by start,
 * then id), so views get them in date order without sorting again, and
 * tells its views precisely what changed: adding a record is one
 * insertion at its place, removing one is one removal.
 *
 * Records in the store are not changed in place: an edit makes a copy
 * (atlas_partnership_copy()) and hands it to atlas_store_replace().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-store"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-format.h"
#include "atlas-save.h"
#include "atlas-store.h"

struct _AtlasStore
{
  GObject      parent_instance;

  GPtrArray   *records;   /* AtlasPartnership, sorted */
  GHashTable  *by_id;     /* id (owned by the record) → AtlasPartnership */
  GFile       *file;
  JsonObject  *extra;
  double       load_progress;
  guint        load_serial; /* which load_async() the progress is of */
  guint        modified : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasStore, atlas_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (atlas-store-error-quark, atlas_store_error)

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_N_ITEMS,
  PROP_LOAD_PROGRESS,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* Where @record belongs: the first position whose record sorts after it */
static guint
find_insert_position (AtlasStore       *self,
                      AtlasPartnership *record)
{
  guint low = 0, high = self->records->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (atlas_partnership_compare (g_ptr_array_index (self->records, mid), record) <= 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

static gboolean
check_id (AtlasStore        *self,
          AtlasPartnership  *record,
          AtlasPartnership  *replaced,
          GError           **error)
{
  const char *id = atlas_partnership_get_id (record);
  AtlasPartnership *other;

  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_INVALID_ID,
                           _("The record has no id"));
      return FALSE;
    }

  other = g_hash_table_lookup (self->by_id, id);
  if (other != NULL && other != replaced)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_DUPLICATE_ID,
                   _("Another record already has the id “%s”"), id);
      return FALSE;
    }

  return TRUE;
}

static void
emit_n_items (AtlasStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* GListModel */

static GType
atlas_store_get_item_type (GListModel *model)
{
  return ATLAS_TYPE_PARTNERSHIP;
}

static guint
atlas_store_get_n_items (GListModel *model)
{
  return ATLAS_STORE (model)->records->len;
}

static gpointer
atlas_store_get_item (GListModel *model,
                      guint       position)
{
  AtlasStore *self = ATLAS_STORE (model);

  if (position >= self->records->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->records, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_store_get_item_type;
  iface->get_n_items = atlas_store_get_n_items;
  iface->get_item = atlas_store_get_item;
}

/* GObject */

static void
atlas_store_finalize (GObject *object)
{
  AtlasStore *self = (AtlasStore *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (atlas_store_parent_class)->finalize (object);
}

static void
atlas_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AtlasStore *self = ATLAS_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->records->len);
      break;
    case PROP_LOAD_PROGRESS:
      g_value_set_double (value, self->load_progress);
      break;
    case PROP_EXTRA:
      g_value_set_boxed (value, self->extra);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_store_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AtlasStore *self = ATLAS_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      atlas_store_set_file (self, g_value_get_object (value));
      break;
    case PROP_MODIFIED:
      atlas_store_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_store_class_init (AtlasStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_store_finalize;
  object_class->get_property = atlas_store_get_property;
  object_class->set_property = atlas_store_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasStore:load-progress:
   *
   * How much of the file atlas_store_load_async() reads is read, from 0
   * when it starts to 1 when it is done: for a progress bar.  Changes on
   * the thread that called atlas_store_load_async(), a few times a
   * second at most; of several loads under way, the last one started
   * counts.
   */
  properties[PROP_LOAD_PROGRESS] =
    g_param_spec_double ("load-progress", NULL, NULL, 0., 1., 0.,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EXTRA] =
    g_param_spec_boxed ("extra", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_store_init (AtlasStore *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Public API */

AtlasStore *
atlas_store_new (void)
{
  return g_object_new (ATLAS_TYPE_STORE, NULL);
}

/**
 * atlas_store_get_file:
 *
 * Returns: (transfer none) (nullable): the file the records were read
 *   from or last saved to
 */
GFile *
atlas_store_get_file (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  return self->file;
}

void
atlas_store_set_file (AtlasStore *self,
                      GFile      *file)
{
  g_return_if_fail (ATLAS_IS_STORE (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (self->file == file || (self->file && file && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * atlas_store_get_modified:
 *
 * Returns: whether the records changed since they were read or saved
 */
gboolean
atlas_store_get_modified (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  return self->modified;
}

void
atlas_store_set_modified (AtlasStore *self,
                          gboolean    modified)
{
  g_return_if_fail (ATLAS_IS_STORE (self));

  modified = !!modified;
  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * atlas_store_get_extra:
 *
 * Returns: (transfer none) (nullable): the data file's own members that
 *   this version does not know, written back unchanged
 */
JsonObject *
atlas_store_get_extra (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);
  return self->extra;
}

/**
 * atlas_store_lookup:
 *
 * Returns: (transfer none) (nullable): the record with that id
 */
AtlasPartnership *
atlas_store_lookup (AtlasStore *self,
                    const char *id)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

/**
 * atlas_store_find:
 * @position: (out) (optional): the record's position
 *
 * Returns: whether a record has the id @id
 */
gboolean
atlas_store_find (AtlasStore *self,
                  const char *id,
                  guint      *position)
{
  AtlasPartnership *record;
  guint pos;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);

  record = atlas_store_lookup (self, id);
  if (record == NULL)
    return FALSE;

  /* Records sort by (start, id) and ids are unique: a binary search
   * lands on it. */
  pos = find_insert_position (self, record);
  g_assert (pos > 0 && g_ptr_array_index (self->records, pos - 1) == record);

  if (position != NULL)
    *position = pos - 1;
  return TRUE;
}

/**
 * atlas_store_add:
 * @record: (transfer none): a record whose id no other record has
 *
 * Inserts @record at its place in date order.
 */
gboolean
atlas_store_add (AtlasStore        *self,
                 AtlasPartnership  *record,
                 GError           **error)
{
  guint position;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (record), FALSE);

  if (!check_id (self, record, NULL, error))
    return FALSE;

  position = find_insert_position (self, record);
  g_ptr_array_insert (self->records, position, g_object_ref (record));
  g_hash_table_insert (self->by_id, (gpointer) atlas_partnership_get_id (record), record);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  emit_n_items (self);
  atlas_store_set_modified (self, TRUE);
  return TRUE;
}

gboolean
atlas_store_remove (AtlasStore  *self,
                    const char  *id,
                    GError     **error)
{
  guint position;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);

  if (!atlas_store_find (self, id, &position))
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                   _("No record has the id “%s”"), id ? id : "");
      return FALSE;
    }

  g_hash_table_remove (self->by_id, id);
  g_ptr_array_remove_index (self->records, position);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  emit_n_items (self);
  atlas_store_set_modified (self, TRUE);
  return TRUE;
}

/**
 * atlas_store_replace:
 * @id: the id of the record to replace
 * @record: (transfer none): the new version, which may have another id
 *
 * Puts @record where the record @id was, or at its new place if its
 * date or id moved it.  Views see one change at one position when the
 * record stays in place, and a removal and an insertion when it moves.
 */
gboolean
atlas_store_replace (AtlasStore        *self,
                     const char        *id,
                     AtlasPartnership  *record,
                     GError           **error)
{
  g_autoptr(AtlasPartnership) old = NULL;
  guint old_position, new_position;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (record), FALSE);

  if (!atlas_store_find (self, id, &old_position))
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_NOT_FOUND,
                   _("No record has the id “%s”"), id ? id : "");
      return FALSE;
    }

  old = g_object_ref (g_ptr_array_index (self->records, old_position));
  if (!check_id (self, record, old, error))
    return FALSE;

  if (old == record)
    return TRUE;

  g_hash_table_remove (self->by_id, id);
  g_ptr_array_remove_index (self->records, old_position);
  new_position = find_insert_position (self, record);
  g_ptr_array_insert (self->records, new_position, g_object_ref (record));
  g_hash_table_insert (self->by_id, (gpointer) atlas_partnership_get_id (record), record);

  if (new_position == old_position)
    g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 1);
  else
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
    }

  atlas_store_set_modified (self, TRUE);
  return TRUE;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return atlas_partnership_compare (*(AtlasPartnership **) a, *(AtlasPartnership **) b);
}

/* Files are written sorted: a pass over them is cheaper than a sort */
static gboolean
is_sorted (GPtrArray *records)
{
  for (guint i = 1; i < records->len; i++)
    if (atlas_partnership_compare (g_ptr_array_index (records, i - 1), g_ptr_array_index (records, i)) > 0)
      return FALSE;

  return TRUE;
}

/**
 * atlas_store_set_records:
 * @records: (element-type AtlasPartnership): records with unique ids
 * @extra: (nullable): the document's unknown members
 *
 * Replaces every record at once, in one change for the views, and marks
 * the store unmodified: this is what loading a file does.
 */
void
atlas_store_set_records (AtlasStore *self,
                         GPtrArray  *records,
                         JsonObject *extra)
{
  guint removed;

  g_return_if_fail (ATLAS_IS_STORE (self));
  g_return_if_fail (records != NULL);

  removed = self->records->len;

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->records, 0);

  for (guint i = 0; i < records->len; i++)
    {
      AtlasPartnership *record = g_ptr_array_index (records, i);

      g_ptr_array_add (self->records, g_object_ref (record));
      if (!g_hash_table_insert (self->by_id, (gpointer) atlas_partnership_get_id (record), record))
        g_critical ("Two records have the id “%s”", atlas_partnership_get_id (record));
    }
  if (!is_sorted (self->records))
    g_ptr_array_sort (self->records, compare_records);

  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra ? json_object_ref (extra) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);

  if (removed > 0 || self->records->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->records->len);
      emit_n_items (self);
    }

  atlas_store_set_modified (self, FALSE);
}

/**
 * atlas_store_dup_records:
 *
 * Returns: (transfer container) (element-type AtlasPartnership): the
 *   records in order
 */
GPtrArray *
atlas_store_dup_records (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);

  return g_ptr_array_copy (self->records, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
}

/**
 * atlas_store_load_bytes:
 * @problems: (out) (optional) (transfer full) (element-type AtlasProblem):
 *   what is wrong with the data, if anything
 *
 * Reads a data file's contents into the store.  On any problem the store
 * keeps what it had.
 *
 * Returns: %TRUE when the data was read
 */
gboolean
atlas_store_load_bytes (AtlasStore  *self,
                        GBytes      *bytes,
                        GPtrArray  **problems)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) extra = NULL;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);

  records = atlas_format_read (bytes, &extra, &found);
  if (records != NULL)
    atlas_store_set_records (self, records, extra);

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return records != NULL;
}

/* The worker's progress, handed to the store's thread: the worker
 * stores the fraction and, unless one is pending already, queues one
 * call on the store's main context to show it */
typedef struct
{
  gatomicrefcount  ref_count;
  AtlasStore      *store;
  GMainContext    *context;
  guint            serial;
  int              fraction;   /* atomic: in millionths */
  int              pending;    /* atomic: a call is queued */
  int              done;       /* atomic: loading finished */
  gint64           last_shown; /* monotonic µs, on the worker */
} LoadProgress;

static LoadProgress *
load_progress_ref (LoadProgress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
load_progress_unref (LoadProgress *progress)
{
  if (g_atomic_ref_count_dec (&progress->ref_count))
    {
      g_object_unref (progress->store);
      g_main_context_unref (progress->context);
      g_free (progress);
    }
}

static void
set_load_progress (AtlasStore *self,
                   double      fraction)
{
  if (self->load_progress == fraction)
    return;

  self->load_progress = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_PROGRESS]);
}

static gboolean
show_load_progress (gpointer user_data)
{
  LoadProgress *progress = user_data;

  g_atomic_int_set (&progress->pending, 0);
  if (!g_atomic_int_get (&progress->done) && progress->serial == progress->store->load_serial)
    set_load_progress (progress->store, g_atomic_int_get (&progress->fraction) / 1e6);

  return G_SOURCE_REMOVE;
}

/* On the worker thread */
static void
load_progress_cb (double   fraction,
                  gpointer user_data)
{
  LoadProgress *progress = user_data;
  gint64 now = g_get_monotonic_time ();

  g_atomic_int_set (&progress->fraction, (int) (CLAMP (fraction, 0., 1.) * 1e6));

  /* Twenty times a second is plenty for a progress bar */
  if (now - progress->last_shown < G_USEC_PER_SEC / 20)
    return;
  progress->last_shown = now;

  /* Always queued, never g_main_context_invoke(): that calls the
   * function at once, here on the worker, whenever no thread owns the
   * context at this moment, and the store and everything showing its
   * progress are not for this thread */
  if (g_atomic_int_compare_and_exchange (&progress->pending, 0, 1))
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, show_load_progress, load_progress_ref (progress),
                             (GDestroyNotify) load_progress_unref);
      g_source_set_static_name (source, "[atlas] load progress");
      g_source_attach (source, progress->context);
    }
}

typedef struct
{
  GFile        *file;
  GPtrArray    *records;
  JsonObject   *extra;
  GPtrArray    *problems;
  LoadProgress *progress;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->extra, json_object_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_clear_pointer (&data->progress, load_progress_unref);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  data->records = atlas_format_read_file_full (data->file, load_progress_cb, data->progress,
                                               cancellable, &data->extra, &data->problems, &error);

  /* In the order the store keeps them, here rather than on the main
   * thread in atlas_store_set_records() */
  if (data->records != NULL && !is_sorted (data->records))
    g_ptr_array_sort (data->records, compare_records);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * atlas_store_load_async:
 *
 * Reads @file in a worker thread; the store changes only in
 * atlas_store_load_finish(), on the calling thread, and only when the
 * file has no problem.  Meanwhile #AtlasStore:load-progress tells how
 * far it got.  Cancelling @cancellable stops the reading soon (within a
 * few hundred records): atlas_store_load_finish() then fails with
 * %G_IO_ERROR_CANCELLED and the store keeps what it had.
 */
void
atlas_store_load_async (AtlasStore          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (ATLAS_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->progress = g_new0 (LoadProgress, 1);
  g_atomic_ref_count_init (&data->progress->ref_count);
  data->progress->store = g_object_ref (self);
  data->progress->context = g_main_context_ref_thread_default ();
  data->progress->serial = ++self->load_serial;

  set_load_progress (self, 0.);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_store_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * atlas_store_load_finish:
 * @problems: (out) (optional) (transfer full) (element-type AtlasProblem):
 *   what is wrong with the file, if anything
 *
 * Returns: %TRUE when the file was read into the store; %FALSE with
 *   @error set to %ATLAS_STORE_ERROR_PROBLEMS when it has problems
 */
gboolean
atlas_store_load_finish (AtlasStore    *self,
                         GAsyncResult  *result,
                         GPtrArray    **problems,
                         GError       **error)
{
  LoadData *data;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  g_atomic_int_set (&data->progress->done, 1);
  if (data->progress->serial == self->load_serial)
    set_load_progress (self, 1.);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (problems != NULL)
    *problems = g_steal_pointer (&data->problems);

  if (data->records == NULL)
    {
      g_autofree char *name = g_file_get_basename (data->file);

      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_PROBLEMS,
                   _("“%s” could not be opened"), name);
      return FALSE;
    }

  atlas_store_set_records (self, data->records, data->extra);
  atlas_store_set_file (self, data->file);
  return TRUE;
}

/**
 * atlas_store_get_load_progress:
 *
 * Returns: the value of #AtlasStore:load-progress
 */
double
atlas_store_get_load_progress (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), 0.);

  return self->load_progress;
}

/**
 * atlas_store_to_bytes:
 *
 * Returns: (transfer full): the records as a data file
 */
GBytes *
atlas_store_to_bytes (AtlasStore *self)
{
  g_return_val_if_fail (ATLAS_IS_STORE (self), NULL);

  return atlas_format_write (self->records, self->extra);
}

typedef struct
{
  GFile      *file;
  GPtrArray  *records;
  JsonObject *extra;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->extra, json_object_unref);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GBytes) bytes = atlas_format_write (data->records, data->extra);
  GError *error = NULL;

  if (!atlas_save_bytes (data->file, bytes, ATLAS_SAVE_KEEP_BACKUP, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * atlas_store_save_async:
 * @file: where to save
 *
 * Writes the records as they are now to @file, atomically and keeping
 * the previous version as FILE.bak, in a worker thread.  Changes made
 * while it runs are not part of this save.
 */
void
atlas_store_save_async (AtlasStore          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (ATLAS_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->records = atlas_store_dup_records (self);
  data->extra = self->extra ? json_object_ref (self->extra) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_store_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

/**
 * atlas_store_save_finish:
 *
 * On success the store's file becomes the file saved to.  Whether the
 * store is still modified is for its AtlasHistory to say (changes may
 * have come while saving).
 */
gboolean
atlas_store_save_finish (AtlasStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (ATLAS_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  atlas_store_set_file (self, data->file);
  return TRUE;
}

/**
 * atlas_store_set_extra:
 * @extra: (nullable): the data file's own members besides its records
 *   (saved views, and members this version does not know)
 *
 * Replaces them; the store is then modified.  Through AtlasHistory, as
 * an undoable change, is the way for anything a curator does.
 */
void
atlas_store_set_extra (AtlasStore *self,
                       JsonObject *extra)
{
  g_return_if_fail (ATLAS_IS_STORE (self));

  if (self->extra == extra)
    return;

  g_clear_pointer (&self->extra, json_object_unref);
  if (extra != NULL)
    {
      json_object_seal (extra);
      self->extra = json_object_ref (extra);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
  atlas_store_set_modified (self, TRUE);
}
