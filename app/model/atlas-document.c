/* atlas-document.c — an open data file: its records, their history, and
 * its life on disk (saving, recovery after a crash, changes by others)
 *
 * Loading clears the history and remembers what the file looked like on
 * disk (modification time, size, inode).  A GFileMonitor watches it; when
 * it no longer looks as remembered and this document did not write it,
 * :changed-on-disk becomes TRUE, so the window can offer to reload
 * instead of overwriting someone's `git pull`.
 *
 * While there are unsaved changes, the records are written every few
 * seconds to a recovery file under $XDG_STATE_HOME/space-atlas/recovery/
 * (one per data file, named by a hash of its URI).  After a crash, the
 * next opening of the same file finds it and can apply it back as one
 * undoable change.  Saving, or closing with nothing to save, removes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-document"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-document.h"
#include "atlas-format.h"
#include "atlas-save.h"

#define DEFAULT_AUTOSAVE_SECONDS 5
#define DISK_STATE_ATTRIBUTES \
  G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC "," \
  G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_UNIX_INODE

typedef struct
{
  guint64 mtime_usec;
  goffset size;
  guint64 inode;
  gboolean exists;
} DiskState;

struct _AtlasDocument
{
  GObject       parent_instance;

  AtlasStore   *store;
  AtlasHistory *history;
  GFileMonitor *monitor;
  DiskState     disk;
  guint         autosave_seconds;
  guint         autosave_id;
  guint64       autosaved_serial;
  guint         saving;             /* saves under way */
  guint         changed_on_disk : 1;
};

G_DEFINE_FINAL_TYPE (AtlasDocument, atlas_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_READ_ONLY,
  PROP_MODIFIED,
  PROP_CHANGED_ON_DISK,
  PROP_LOAD_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Disk state */

static DiskState
read_disk_state (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  DiskState state = { 0 };

  if (file == NULL)
    return state;

  info = g_file_query_info (file, DISK_STATE_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return state;

  state.exists = TRUE;
  state.mtime_usec = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                     g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  state.size = g_file_info_get_size (info);
  state.inode = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);
  return state;
}

static gboolean
disk_state_equal (const DiskState *a,
                  const DiskState *b)
{
  return a->exists == b->exists && a->mtime_usec == b->mtime_usec &&
         a->size == b->size && a->inode == b->inode;
}

static void
set_changed_on_disk (AtlasDocument *self,
                     gboolean       changed)
{
  changed = !!changed;
  if (self->changed_on_disk == changed)
    return;

  self->changed_on_disk = changed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
}

static void
check_disk (AtlasDocument *self)
{
  DiskState now;

  /* Our own save renames over the file; it settles when it finishes */
  if (self->saving > 0)
    return;

  now = read_disk_state (atlas_store_get_file (self->store));
  set_changed_on_disk (self, !disk_state_equal (&now, &self->disk));
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    AtlasDocument     *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_CHANGED:
      check_disk (self);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
watch_file (AtlasDocument *self,
            GFile         *file)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  self->disk = read_disk_state (file);
  set_changed_on_disk (self, FALSE);

  if (file == NULL || g_file_peek_path (file) == NULL)
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    {
      g_file_monitor_set_rate_limit (self->monitor, 200);
      g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
    }
}

/* Recovery */

/**
 * atlas_document_get_recovery_file:
 * @file: a data file
 *
 * Returns: (transfer full): where unsaved changes to @file are kept
 */
GFile *
atlas_document_get_recovery_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  g_autofree char *name = g_strconcat (hash, ".json", NULL);
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "space-atlas", "recovery",
                                            name, NULL);

  return g_file_new_for_path (path);
}

typedef struct
{
  GFile      *target;
  GPtrArray  *records;
  JsonObject *extra;
} RecoveryData;

static void
recovery_data_free (RecoveryData *data)
{
  g_clear_object (&data->target);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->extra, json_object_unref);
  g_free (data);
}

static void
write_recovery_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RecoveryData *data = task_data;
  g_autoptr(GBytes) bytes = atlas_format_write (data->records, data->extra);
  g_autoptr(GFile) folder = g_file_get_parent (data->target);
  GError *error = NULL;

  if (!g_file_make_directory_with_parents (folder, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  if (!atlas_save_bytes (data->target, bytes, ATLAS_SAVE_FLAGS_NONE, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
recovery_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not keep unsaved changes for recovery: %s", error->message);
}

static RecoveryData *
snapshot_for_recovery (AtlasDocument *self)
{
  RecoveryData *data = g_new0 (RecoveryData, 1);
  JsonObject *extra = atlas_store_get_extra (self->store);

  data->target = atlas_document_get_recovery_file (atlas_store_get_file (self->store));
  data->records = atlas_store_dup_records (self->store);
  data->extra = extra ? json_object_ref (extra) : NULL;
  return data;
}

static gboolean
autosave_cb (gpointer user_data)
{
  AtlasDocument *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->autosave_id = 0;

  if (atlas_store_get_file (self->store) == NULL || !atlas_document_get_modified (self))
    return G_SOURCE_REMOVE;

  self->autosaved_serial = atlas_history_get_serial (self->history);
  task = g_task_new (self, NULL, recovery_written_cb, NULL);
  g_task_set_source_tag (task, autosave_cb);
  g_task_set_task_data (task, snapshot_for_recovery (self), (GDestroyNotify) recovery_data_free);
  g_task_run_in_thread (task, write_recovery_thread);

  return G_SOURCE_REMOVE;
}

static void
history_changed_cb (AtlasDocument *self)
{
  if (!atlas_document_get_modified (self))
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);

      /* Undone back to what is on disk: nothing left to recover.  (A
       * history just cleared by loading has nothing to undo or redo, and
       * the recovery file of a crash must stay until it is offered.) */
      if (atlas_history_can_undo (self->history) || atlas_history_can_redo (self->history))
        atlas_document_discard_recovery (self);
      return;
    }

  if (self->autosave_id == 0 && atlas_history_get_serial (self->history) != self->autosaved_serial)
    self->autosave_id = g_timeout_add_seconds (self->autosave_seconds, autosave_cb, self);
}

/**
 * atlas_document_write_recovery:
 *
 * Writes the unsaved changes to the recovery file now, as the timer
 * would.
 */
gboolean
atlas_document_write_recovery (AtlasDocument  *self,
                               GError        **error)
{
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (atlas_store_get_file (self->store) != NULL, FALSE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosaved_serial = atlas_history_get_serial (self->history);

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, snapshot_for_recovery (self), (GDestroyNotify) recovery_data_free);
  g_task_run_in_thread_sync (task, write_recovery_thread);
  return g_task_propagate_boolean (task, error);
}

/**
 * atlas_document_find_recovery:
 *
 * Returns: (transfer full) (nullable): when unsaved changes to the open
 *   file were last kept, if a recovery file exists for it
 */
GDateTime *
atlas_document_find_recovery (AtlasDocument *self)
{
  g_autoptr(GFile) recovery = NULL;
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);

  if (atlas_store_get_file (self->store) == NULL)
    return NULL;

  recovery = atlas_document_get_recovery_file (atlas_store_get_file (self->store));
  info = g_file_query_info (recovery, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info == NULL)
    return NULL;

  return g_file_info_get_modification_date_time (info);
}

/**
 * atlas_document_recover:
 * @problems: (out) (optional) (transfer full) (element-type AtlasProblem):
 *
 * Applies the recovery file's records to the open data set as one
 * undoable change.
 */
gboolean
atlas_document_recover (AtlasDocument  *self,
                        GPtrArray     **problems,
                        GError        **error)
{
  g_autoptr(GFile) recovery = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (atlas_store_get_file (self->store) != NULL, FALSE);

  recovery = atlas_document_get_recovery_file (atlas_store_get_file (self->store));
  records = atlas_format_read_file (recovery, NULL, NULL, &found);
  if (records == NULL)
    {
      g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_PROBLEMS,
                   _("The unsaved changes could not be read back"));
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return FALSE;
    }

  steps = atlas_history_diff_steps (self->store, records);
  return atlas_history_perform (self->history, _("Recover Unsaved Changes"), steps, error);
}

/**
 * atlas_document_discard_recovery:
 *
 * Removes the recovery file of the open file, if any.
 */
void
atlas_document_discard_recovery (AtlasDocument *self)
{
  g_autoptr(GFile) recovery = NULL;

  g_return_if_fail (ATLAS_IS_DOCUMENT (self));

  if (atlas_store_get_file (self->store) == NULL)
    return;

  recovery = atlas_document_get_recovery_file (atlas_store_get_file (self->store));
  g_file_delete (recovery, NULL, NULL);
}

/* GObject */

static void
store_notify_cb (AtlasDocument *self,
                 GParamSpec    *pspec)
{
  if (g_str_equal (pspec->name, "modified"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  else if (g_str_equal (pspec->name, "load-progress"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_PROGRESS]);
  else if (g_str_equal (pspec->name, "file"))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
}

static void
atlas_document_dispose (GObject *object)
{
  AtlasDocument *self = ATLAS_DOCUMENT (object);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (atlas_document_parent_class)->dispose (object);
}

static void
atlas_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasDocument *self = ATLAS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, atlas_document_get_file (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, atlas_document_get_read_only (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, atlas_document_get_modified (self));
      break;
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->changed_on_disk);
      break;
    case PROP_LOAD_PROGRESS:
      g_value_set_double (value, atlas_store_get_load_progress (self->store));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_document_class_init (AtlasDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_document_dispose;
  object_class->get_property = atlas_document_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGED_ON_DISK] =
    g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasDocument:load-progress:
   *
   * How much of the file atlas_document_load_async() reads is read,
   * from 0 to 1, notified on the main thread a few times a second: bind
   * a progress bar's fraction to it.  See #AtlasStore:load-progress.
   */
  properties[PROP_LOAD_PROGRESS] =
    g_param_spec_double ("load-progress", NULL, NULL, 0., 1., 0.,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_document_init (AtlasDocument *self)
{
  self->store = atlas_store_new ();
  self->history = atlas_history_new (self->store);
  self->autosave_seconds = DEFAULT_AUTOSAVE_SECONDS;

  g_signal_connect_object (self->store, "notify", G_CALLBACK (store_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Public API */

AtlasDocument *
atlas_document_new (void)
{
  return g_object_new (ATLAS_TYPE_DOCUMENT, NULL);
}

/**
 * atlas_document_get_store:
 *
 * Returns: (transfer none): the records
 */
AtlasStore *
atlas_document_get_store (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->store;
}

/**
 * atlas_document_get_history:
 *
 * Returns: (transfer none): the undoable changes to the records
 */
AtlasHistory *
atlas_document_get_history (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return self->history;
}

/**
 * atlas_document_get_file:
 *
 * Returns: (transfer none) (nullable): the file open
 */
GFile *
atlas_document_get_file (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);
  return atlas_store_get_file (self->store);
}

/**
 * atlas_document_get_read_only:
 *
 * Returns: whether the file cannot be saved in place: the bundled data
 *   set, which lives in the application's resources
 */
gboolean
atlas_document_get_read_only (AtlasDocument *self)
{
  GFile *file;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), TRUE);

  file = atlas_store_get_file (self->store);
  return file == NULL || g_file_has_uri_scheme (file, "resource");
}

/**
 * atlas_document_get_load_progress:
 *
 * Returns: the value of #AtlasDocument:load-progress
 */
double
atlas_document_get_load_progress (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), 0.);
  return atlas_store_get_load_progress (self->store);
}

gboolean
atlas_document_get_modified (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  return atlas_store_get_modified (self->store);
}

/**
 * atlas_document_get_changed_on_disk:
 *
 * Returns: whether the file on disk changed since it was read or saved,
 *   by someone else
 */
gboolean
atlas_document_get_changed_on_disk (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  return self->changed_on_disk;
}

/**
 * atlas_document_set_autosave_interval:
 *
 * Sets how long after a change the unsaved records are kept for
 * recovery.
 */
void
atlas_document_set_autosave_interval (AtlasDocument *self,
                                      guint          seconds)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));
  self->autosave_seconds = MAX (seconds, 1);
}

static void
store_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AtlasDocument *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) problems = NULL;
  GError *error = NULL;

  if (!atlas_store_load_finish (ATLAS_STORE (object), result, &problems, &error))
    {
      /* None when cancelled */
      if (problems != NULL)
        g_task_set_task_data (task, g_steal_pointer (&problems), (GDestroyNotify) g_ptr_array_unref);
      g_task_return_error (task, error);
      return;
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  atlas_history_clear (self->history);
  self->autosaved_serial = atlas_history_get_serial (self->history);
  watch_file (self, atlas_store_get_file (self->store));

  g_task_return_boolean (task, TRUE);
}

/**
 * atlas_document_load_async:
 * @cancellable: (nullable): cancel it to stop reading
 *
 * Reads @file in a worker thread, off the main thread however large it
 * is, with #AtlasDocument:load-progress going from 0 to 1.  The document
 * changes only if the file has no problem.  Cancelling @cancellable
 * stops the reading within a fraction of a second: then
 * atlas_document_load_finish() fails with %G_IO_ERROR_CANCELLED and the
 * document keeps what it had.
 */
void
atlas_document_load_async (AtlasDocument       *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ATLAS_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_document_load_async);
  atlas_store_load_async (self->store, file, cancellable, store_loaded_cb, task);
}

/**
 * atlas_document_load_finish:
 * @problems: (out) (optional) (transfer full) (element-type AtlasProblem):
 *   what is wrong with the file, when it was not opened
 */
gboolean
atlas_document_load_finish (AtlasDocument  *self,
                            GAsyncResult   *result,
                            GPtrArray     **problems,
                            GError        **error)
{
  GPtrArray *found;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_get_task_data (G_TASK (result));
  if (problems != NULL)
    *problems = found ? g_ptr_array_ref (found) : NULL;

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  guint64 serial;
  GFile  *old_file;
} SaveState;

static void
save_state_free (SaveState *state)
{
  g_clear_object (&state->old_file);
  g_free (state);
}

static void
store_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AtlasDocument *self = g_task_get_source_object (task);
  SaveState *state = g_task_get_task_data (task);
  GError *error = NULL;

  self->saving--;

  if (!atlas_store_save_finish (ATLAS_STORE (object), result, &error))
    {
      check_disk (self);
      g_task_return_error (task, error);
      return;
    }

  /* Changes made while saving are not in the file */
  if (atlas_history_get_serial (self->history) == state->serial)
    atlas_history_mark_saved (self->history);

  /* The recovery of the file it was (the bundled data set, say) */
  if (state->old_file != NULL)
    {
      g_autoptr(GFile) recovery = atlas_document_get_recovery_file (state->old_file);
      g_file_delete (recovery, NULL, NULL);
    }
  if (!atlas_document_get_modified (self))
    atlas_document_discard_recovery (self);

  watch_file (self, atlas_store_get_file (self->store));
  g_task_return_boolean (task, TRUE);
}

/**
 * atlas_document_save_async:
 * @file: (nullable): where to save; %NULL for the open file
 *
 * Saves atomically, keeping the previous version as FILE.bak.  On
 * success the document's file is @file; on failure nothing changes and
 * the unsaved changes stay.
 */
void
atlas_document_save_async (AtlasDocument       *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  SaveState *state;
  GFile *current;

  g_return_if_fail (ATLAS_IS_DOCUMENT (self));
  g_return_if_fail (file != NULL || !atlas_document_get_read_only (self));

  current = atlas_store_get_file (self->store);
  if (file == NULL)
    file = current;

  state = g_new0 (SaveState, 1);
  state->serial = atlas_history_get_serial (self->history);
  if (current != NULL && !g_file_equal (current, file))
    state->old_file = g_object_ref (current);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_document_save_async);
  g_task_set_task_data (task, state, (GDestroyNotify) save_state_free);

  self->saving++;
  atlas_store_save_async (self->store, file, cancellable, store_saved_cb, task);
}

gboolean
atlas_document_save_finish (AtlasDocument  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
