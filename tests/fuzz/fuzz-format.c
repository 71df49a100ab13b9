/* fuzz-format.c — libFuzzer target: the data file reader
 *
 * Any bytes: the reader must return records or problems, never crash,
 * hang or leak; what it accepts must write back and read again to the
 * same bytes; and it must agree, problem for problem and byte for byte,
 * with a reading through a JsonParser tree, the way the reader worked
 * before it read straight from tokens (and the importers still do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "atlas-format.h"
#include "atlas-format-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
add (GPtrArray        *problems,
     AtlasProblemKind  kind,
     const char       *field,
     const char       *message)
{
  AtlasProblem *problem = g_new0 (AtlasProblem, 1);

  problem->kind = kind;
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

/* The reader as it was, over a JsonParser tree */
static GPtrArray *
read_with_tree (GBytes      *bytes,
                JsonObject **extra,
                GPtrArray  **problems)
{
  static const char * const document_members[] = { "format", "version", "records" };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *document;
  JsonNode *node;
  JsonArray *array;

  *extra = NULL;
  root = _atlas_format_parse_json (bytes, found);
  if (root == NULL)
    goto out;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *message =
        g_strdup_printf ("this is not a Space Atlas data file: it holds %s, not an object "
                         "with “format”: “space-atlas”", _atlas_format_describe_node (root));
      add (found, ATLAS_PROBLEM_FORMAT, NULL, message);
      goto out;
    }

  document = json_node_get_object (root);
  node = json_object_get_member (document, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      strcmp (json_node_get_string (node), "space-atlas") != 0)
    {
      add (found, ATLAS_PROBLEM_FORMAT, "format",
           "this is not a Space Atlas data file: it has no “format”: “space-atlas”");
      goto out;
    }

  node = json_object_get_member (document, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    {
      add (found, ATLAS_PROBLEM_FORMAT, "version",
           "must be a whole number from 1 (this version reads format version 1)");
      goto out;
    }

  if (json_node_get_int (node) > 1)
    {
      g_autofree char *message =
        g_strdup_printf ("the file is in format version %" G_GINT64_FORMAT ", written by a newer "
                         "Space Atlas; this version reads format version 1 and will not open it "
                         "in part — update Space Atlas to open it", json_node_get_int (node));
      add (found, ATLAS_PROBLEM_FORMAT, "version", message);
      goto out;
    }

  node = json_object_get_member (document, "records");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      add (found, ATLAS_PROBLEM_FORMAT, "records", node == NULL ? "is missing" : "must be a list of records");
      goto out;
    }

  array = json_node_get_array (node);
  records = g_ptr_array_new_with_free_func (g_object_unref);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      AtlasPartnership *record = _atlas_format_read_record (json_array_get_element (array, i),
                                                            i + 1, ids, found);
      if (record != NULL)
        g_ptr_array_add (records, record);
    }

  if (found->len == 0)
    *extra = _atlas_format_collect_extra (document, document_members, 3);

out:
  if (found->len > 0)
    g_clear_pointer (&records, g_ptr_array_unref);
  *problems = g_steal_pointer (&found);
  return g_steal_pointer (&records);
}

/* Where the two readers differ on purpose: integers beyond 64 bits,
 * which JsonParser wraps around and the reader keeps as doubles */
static gboolean
differs_on_purpose (const guint8 *data,
                    size_t        size)
{
  guint digits = 0;

  for (size_t i = 0; i < size; i++)
    {
      digits = g_ascii_isdigit (data[i]) ? digits + 1 : 0;
      if (digits >= 19)
        return TRUE;
    }

  return FALSE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *report = NULL;

  records = atlas_format_read (bytes, &extra, &problems);
  g_assert (problems != NULL);
  g_assert ((records == NULL) == (problems->len > 0));
  report = atlas_problems_to_string (problems, "fuzz.json");

  if (records != NULL)
    {
      g_autoptr(GBytes) written = atlas_format_write (records, extra);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GPtrArray) again_problems = NULL;
      g_autoptr(JsonObject) again_extra = NULL;
      g_autoptr(GBytes) rewritten = NULL;

      /* Written output is always readable, and stable */
      again = atlas_format_read (written, &again_extra, &again_problems);
      g_assert (again != NULL);
      rewritten = atlas_format_write (again, again_extra);
      g_assert (g_bytes_equal (written, rewritten));
    }

  if (!differs_on_purpose (data, size))
    {
      g_autoptr(GPtrArray) tree_problems = NULL;
      g_autoptr(GPtrArray) tree_records = NULL;
      g_autoptr(JsonObject) tree_extra = NULL;
      g_autofree char *tree_report = NULL;

      tree_records = read_with_tree (bytes, &tree_extra, &tree_problems);
      tree_report = atlas_problems_to_string (tree_problems, "fuzz.json");
      if (strcmp (report, tree_report) != 0)
        g_error ("the readers differ:\n%s\nand through a tree:\n%s", report, tree_report);

      g_assert ((records == NULL) == (tree_records == NULL));
      if (records != NULL)
        {
          g_autoptr(GBytes) written = atlas_format_write (records, extra);
          g_autoptr(GBytes) tree_written = atlas_format_write (tree_records, tree_extra);

          g_assert (g_bytes_equal (written, tree_written));
        }
    }

  return 0;
}
