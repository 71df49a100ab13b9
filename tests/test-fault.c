/* test-fault.c — saving when each step of it fails
 *
 * Each case runs this program again as a child under the fault
 * injection shim (tests/fault/fault-inject.c, through LD_PRELOAD), with
 * one step of saving made to fail: creating the temporary file, writing
 * it (at once, or after short writes), fsync, close, rename; or made
 * awkward without failing: every write short, hard links refused.  The
 * child opens a data file in an AtlasDocument, deletes a record and
 * saves.  When the save fails, it checks that the document still has
 * its change, unsaved, and that the error says what went wrong; the
 * parent checks that the file on disk is byte for byte what it was and
 * that no temporary file is left.  When it succeeds, that the file is
 * the new version and the backup the old one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "atlas-document.h"
#include "atlas-format.h"
#include "synthetic.h"

#define N_RECORDS 300
#define SEED 424242

static const char *shim;
static const char *self_path;

typedef struct
{
  const char *name;
  const char *op;
  const char *nth;
  int         error;      /* 0 for the shim's default */
  gboolean    succeeds;
  const char *message;    /* what the error must say */
} FaultCase;

static const FaultCase cases[] = {
  { "create-denied", "create", "1", 0, FALSE, "Could not save “data.json”: Permission denied" },
  { "create-no-space", "create", "1", ENOSPC, FALSE, "Could not save “data.json”: No space left on device" },
  { "write-no-space", "write", "1", 0, FALSE, "Could not save “data.json”: No space left on device" },
  { "write-io-error", "write", "1", EIO, FALSE, "Could not save “data.json”: Input/output error" },
  { "short-writes", "short-write", "0", 0, TRUE, NULL },
  { "short-writes-then-no-space", "short-write", "4", 0, FALSE, "Could not save “data.json”: No space left on device" },
  { "fsync-io-error", "fsync", "1", 0, FALSE, "Could not save “data.json”: Input/output error" },
  { "close-io-error", "close", "1", 0, FALSE, "Could not save “data.json”: Input/output error" },
  { "rename-cross-device", "rename", "1", 0, FALSE, "Could not save “data.json”: Invalid cross-device link" },
  { "rename-io-error", "rename", "1", EIO, FALSE, "Could not save “data.json”: Input/output error" },
  { "link-refused", "link", "1", 0, TRUE, NULL },
};

/* The child */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ok = atlas_document_load_finish (ATLAS_DOCUMENT (object), result, NULL, &r->error);
  r->done = TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->ok = atlas_document_save_finish (ATLAS_DOCUMENT (object), result, &r->error);
  r->done = TRUE;
}

static void
wait_for (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static int
run_child (const char *path,
           const char *expect)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDocument) document = atlas_document_new ();
  AtlasStore *store = atlas_document_get_store (document);
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GBytes) after = NULL;
  Result r = { 0 };

  atlas_document_load_async (document, file, NULL, loaded_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  g_assert_true (atlas_store_remove (store, "rec-0000003", NULL));
  g_assert_true (atlas_document_get_modified (document));
  edited = atlas_store_to_bytes (store);

  r = (Result) { 0 };
  atlas_document_save_async (document, NULL, NULL, saved_cb, &r);
  wait_for (&r);

  if (g_str_equal (expect, "success"))
    {
      g_assert_no_error (r.error);
      g_assert_true (r.ok);
      g_assert_false (atlas_document_get_modified (document));
      return 0;
    }

  g_assert_false (r.ok);
  g_assert_nonnull (r.error);
  g_print ("%s\n", r.error->message);
  g_assert_cmpstr (r.error->message, ==, expect);

  /* The change is still there, still unsaved */
  g_assert_true (atlas_document_get_modified (document));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, N_RECORDS - 1);
  g_assert_null (atlas_store_lookup (store, "rec-0000003"));
  after = atlas_store_to_bytes (store);
  g_assert_true (g_bytes_equal (after, edited));
  g_assert_true (g_file_equal (atlas_document_get_file (document), file));
  g_clear_error (&r.error);

  return 0;
}

/* The parent */

static void
assert_no_temporary_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, ".data.json."))
      g_error ("a temporary file is left: %s", name);
}

static void
test_fault (gconstpointer data)
{
  const FaultCase *fault = data;
  g_autofree char *top = g_dir_make_tmp ("atlas-fault-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (top, "data", NULL);
  g_autofree char *state = g_build_filename (top, "state", NULL);
  g_autofree char *path = g_build_filename (folder, "data.json", NULL);
  g_autofree char *backup = g_strconcat (path, ".bak", NULL);
  g_autofree char *nth = g_strdup (fault->nth);
  g_autofree char *errno_text = fault->error ? g_strdup_printf ("%d", fault->error) : NULL;
  g_autoptr(GBytes) original = synthetic_data_file (N_RECORDS, SEED);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (shim == NULL)
    {
      g_test_skip ("no --shim=PATH given");
      return;
    }

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (original, NULL),
                                      g_bytes_get_size (original), NULL));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", shim, TRUE);
  g_subprocess_launcher_setenv (launcher, "ATLAS_FAULT_PATH", folder, TRUE);
  g_subprocess_launcher_setenv (launcher, "ATLAS_FAULT_OP", fault->op, TRUE);
  g_subprocess_launcher_setenv (launcher, "ATLAS_FAULT_NTH", nth, TRUE);
  if (errno_text != NULL)
    g_subprocess_launcher_setenv (launcher, "ATLAS_FAULT_ERRNO", errno_text, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state, TRUE);
  {
    /* In the sanitizer build, the shim comes before the ASan runtime */
    const char *asan = g_getenv ("ASAN_OPTIONS");
    g_autofree char *options = g_strconcat (asan ? asan : "", asan ? ":" : "",
                                            "verify_asan_link_order=0", NULL);

    g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
  }
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--child", path,
                                       fault->succeeds ? "success" : fault->message, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_test_message ("child: %s%s", out, err);
  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0)
    g_error ("the child failed:\n%s%s", out, err);

  /* The shim did its part */
  g_assert_nonnull (strstr (err, "fault-inject:"));

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  if (fault->succeeds)
    {
      g_autofree char *kept = NULL;
      gsize kept_length;

      g_assert_cmpuint (length, <, g_bytes_get_size (original));
      g_assert_true (g_file_get_contents (backup, &kept, &kept_length, NULL));
      g_assert_cmpmem (kept, kept_length, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
    }
  else
    {
      /* Byte for byte what it was */
      g_assert_cmpmem (contents, length, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
    }

  assert_no_temporary_files (folder);

  g_unlink (path);
  g_unlink (backup);
  g_rmdir (folder);
  {
    g_autofree char *recovery = g_build_filename (state, "space-atlas", "recovery", NULL);
    g_autoptr(GDir) dir = g_dir_open (recovery, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (recovery, name, NULL);
        g_unlink (file);
      }
    g_rmdir (recovery);
    g_free (recovery);
    recovery = g_build_filename (state, "space-atlas", NULL);
    g_rmdir (recovery);
  }
  g_rmdir (state);
  g_rmdir (top);
}

int
main (int   argc,
      char *argv[])
{
  self_path = argv[0];

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--shim="))
      {
        shim = argv[i] + strlen ("--shim=");
        memmove (argv + i, argv + i + 1, (argc - i) * sizeof (char *));
        argc--;
        break;
      }

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strconcat ("/fault/", cases[i].name, NULL);
      g_test_add_data_func (name, &cases[i], test_fault);
    }

  return g_test_run ();
}
