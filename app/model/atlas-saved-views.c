/* atlas-saved-views.c — named views kept in the data file
 *
 * A data file may hold, beside its records, a list of views to present:
 *
 *   "views": [
 *     { "name": "Where it began", "view": "space-atlas://view?to=1990" },
 *     …
 *   ]
 *
 * It is a member of the document, which the reader keeps and the writer
 * writes back after "version" (atlas-format.c keeps members it does not
 * check, in their order), so a data set carries its presentation with
 * it.  Entries this version cannot read are kept as they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-saved-views"

#include "config.h"

#include "atlas-saved-views.h"

#define VIEWS_MEMBER "views"

void
atlas_saved_view_free (AtlasSavedView *view)
{
  if (view == NULL)
    return;

  g_free (view->name);
  g_free (view->link);
  g_free (view);
}

/**
 * atlas_saved_views_read:
 * @extra: (nullable): the data file's own members
 *
 * Returns: (transfer full) (element-type AtlasSavedView): the saved
 *   views, in order; entries without a name and a link are skipped
 */
GPtrArray *
atlas_saved_views_read (JsonObject *extra)
{
  GPtrArray *views = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_saved_view_free);
  JsonNode *node;
  JsonArray *array;

  if (extra == NULL || (node = json_object_get_member (extra, VIEWS_MEMBER)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return views;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *name, *link;
      AtlasSavedView *view;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      object = json_node_get_object (element);
      name = json_object_get_string_member_with_default (object, "name", NULL);
      link = json_object_get_string_member_with_default (object, "view", NULL);
      if (name == NULL || link == NULL)
        continue;

      view = g_new0 (AtlasSavedView, 1);
      view->name = g_strdup (name);
      view->link = g_strdup (link);
      g_ptr_array_add (views, view);
    }

  return views;
}

/**
 * atlas_saved_views_write:
 * @extra: (nullable): the data file's own members, as they are
 * @views: (element-type AtlasSavedView): the views to keep
 *
 * Returns: (transfer full) (nullable): a copy of @extra with its views
 *   replaced by @views (and none when @views is empty), the other members
 *   kept in their order; %NULL when nothing is left
 */
JsonObject *
atlas_saved_views_write (JsonObject *extra,
                         GPtrArray  *views)
{
  JsonObject *result = json_object_new ();
  g_autoptr(GList) members = extra ? json_object_get_members (extra) : NULL;
  gboolean written = FALSE;
  JsonArray *array = NULL;

  if (views->len > 0)
    {
      array = json_array_new ();
      for (guint i = 0; i < views->len; i++)
        {
          AtlasSavedView *view = views->pdata[i];
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "name", view->name);
          json_object_set_string_member (object, "view", view->link);
          json_array_add_object_element (array, object);
        }
    }

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (g_str_equal (l->data, VIEWS_MEMBER))
        {
          /* In the place it had */
          if (array != NULL)
            json_object_set_array_member (result, VIEWS_MEMBER, json_array_ref (array));
          written = TRUE;
          continue;
        }

      json_object_set_member (result, l->data, json_node_copy (json_object_get_member (extra, l->data)));
    }

  if (!written && array != NULL)
    json_object_set_array_member (result, VIEWS_MEMBER, json_array_ref (array));

  g_clear_pointer (&array, json_array_unref);

  if (json_object_get_size (result) == 0)
    {
      json_object_unref (result);
      return NULL;
    }

  return result;
}
