/* atlas-organizations.c — the organizations records name (data/organizations.json)
 *
 * A GListModel of AtlasOrganization, sorted by id, with lookup by id.
 * The file is checked as strictly as a data file, with the same kind of
 * problem reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-organizations"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "atlas-countries.h"
#include "atlas-format.h"
#include "atlas-organizations.h"

#define ORGANIZATIONS_FORMAT_NAME "space-atlas-organizations"
#define ORGANIZATIONS_FORMAT_VERSION 1

struct _AtlasOrganization
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *kind;
  char     *headquarters;
  char    **members;
  int       members_year;
  char     *url;
};

struct _AtlasOrganizations
{
  GObject     parent_instance;

  GPtrArray  *items;
  GHashTable *by_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (AtlasOrganization, atlas_organization, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasOrganizations, atlas_organizations, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static const char * const organization_kinds[] = {
  "agency", "intergovernmental", "university", "institute", "company", "alliance",
};

/* AtlasOrganization */

static void
atlas_organization_finalize (GObject *object)
{
  AtlasOrganization *self = (AtlasOrganization *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->headquarters);
  g_strfreev (self->members);
  g_free (self->url);

  G_OBJECT_CLASS (atlas_organization_parent_class)->finalize (object);
}

static void
atlas_organization_class_init (AtlasOrganizationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_organization_finalize;
}

static void
atlas_organization_init (AtlasOrganization *self)
{
}

const char *
atlas_organization_get_id (AtlasOrganization *self)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATION (self), NULL);
  return self->id;
}

/**
 * atlas_organization_get_name:
 *
 * Returns: the full name ("European Space Agency")
 */
const char *
atlas_organization_get_name (AtlasOrganization *self)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATION (self), NULL);
  return self->name;
}

/**
 * atlas_organization_get_kind:
 *
 * Returns: agency, intergovernmental, university, institute, company or
 *   alliance
 */
const char *
atlas_organization_get_kind (AtlasOrganization *self)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATION (self), NULL);
  return self->kind;
}

/**
 * atlas_organization_get_headquarters:
 *
 * Returns: (nullable): the country code of its seat
 */
const char *
atlas_organization_get_headquarters (AtlasOrganization *self)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATION (self), NULL);
  return self->headquarters;
}

/**
 * atlas_organization_get_members:
 *
 * Returns: (transfer none): member countries, empty unless the
 *   organization has member states
 */
const char * const *
atlas_organization_get_members (AtlasOrganization *self)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATION (self), NULL);
  return (const char * const *) self->members;
}

/**
 * atlas_organization_get_members_year:
 *
 * Returns: the year the member list holds for, or 0
 */
int
atlas_organization_get_members_year (AtlasOrganization *self)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATION (self), 0);
  return self->members_year;
}

const char *
atlas_organization_get_url (AtlasOrganization *self)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATION (self), NULL);
  return self->url;
}

const char *
atlas_organization_kind_get_label (const char *kind)
{
  if (g_strcmp0 (kind, "agency") == 0)
    return C_("organization kind", "Space agency");
  if (g_strcmp0 (kind, "intergovernmental") == 0)
    return C_("organization kind", "Intergovernmental organization");
  if (g_strcmp0 (kind, "university") == 0)
    return C_("organization kind", "University");
  if (g_strcmp0 (kind, "institute") == 0)
    return C_("organization kind", "Research institute");
  if (g_strcmp0 (kind, "company") == 0)
    return C_("organization kind", "Company");
  if (g_strcmp0 (kind, "alliance") == 0)
    return C_("organization kind", "Alliance");
  return kind;
}

/* AtlasOrganizations: GListModel */

static GType
atlas_organizations_get_item_type (GListModel *model)
{
  return ATLAS_TYPE_ORGANIZATION;
}

static guint
atlas_organizations_get_n_items (GListModel *model)
{
  return ATLAS_ORGANIZATIONS (model)->items->len;
}

static gpointer
atlas_organizations_get_item (GListModel *model,
                              guint       position)
{
  AtlasOrganizations *self = ATLAS_ORGANIZATIONS (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_organizations_get_item_type;
  iface->get_n_items = atlas_organizations_get_n_items;
  iface->get_item = atlas_organizations_get_item;
}

static void
atlas_organizations_finalize (GObject *object)
{
  AtlasOrganizations *self = (AtlasOrganizations *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_organizations_parent_class)->finalize (object);
}

static void
atlas_organizations_class_init (AtlasOrganizationsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_organizations_finalize;
}

static void
atlas_organizations_init (AtlasOrganizations *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

AtlasOrganizations *
atlas_organizations_new (void)
{
  return g_object_new (ATLAS_TYPE_ORGANIZATIONS, NULL);
}

/* Reading */

static void problem (GPtrArray  *problems,
                     int         index,
                     const char *id,
                     const char *field,
                     const char *format,
                     ...) G_GNUC_PRINTF (5, 6);

static void
problem (GPtrArray  *problems,
         int         index,
         const char *id,
         const char *field,
         const char *format,
         ...)
{
  AtlasProblem *p = g_new0 (AtlasProblem, 1);
  va_list args;

  va_start (args, format);
  p->kind = index > 0 ? ATLAS_PROBLEM_RECORD : ATLAS_PROBLEM_FORMAT;
  p->record = index;
  p->record_id = g_strdup (id);
  p->field = g_strdup (field);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, p);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static AtlasOrganization *
read_organization (JsonNode   *node,
                   int         index,
                   GHashTable *ids,
                   GPtrArray  *problems)
{
  g_autoptr(AtlasOrganization) org = NULL;
  guint first = problems->len;
  JsonObject *object;
  JsonNode *members;
  const char *id, *name, *kind, *hq;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (problems, index, NULL, NULL, _("must be an object"));
      return NULL;
    }

  object = json_node_get_object (node);
  id = get_string (object, "id");
  name = get_string (object, "name");
  kind = get_string (object, "kind");
  hq = get_string (object, "headquarters");

  if (id == NULL || *id == '\0')
    problem (problems, index, NULL, "id", _("is missing"));
  else if (!g_hash_table_add (ids, (gpointer) id))
    problem (problems, index, id, "id", _("“%s” is defined twice"), id);

  if (name == NULL || *name == '\0')
    problem (problems, index, id, "name", _("is missing"));

  if (kind == NULL || !g_strv_contains (organization_kinds, kind))
    problem (problems, index, id, "kind",
             _("must be agency, intergovernmental, university, institute, company or alliance"));

  if (hq != NULL && !atlas_countries_is_known (hq))
    problem (problems, index, id, "headquarters",
             _("“%s” is not an ISO 3166 country code"), hq);

  org = g_object_new (ATLAS_TYPE_ORGANIZATION, NULL);
  org->id = g_strdup (id);
  org->name = g_strdup (name);
  org->kind = g_strdup (kind);
  org->headquarters = g_strdup (hq);
  org->url = g_strdup (get_string (object, "url"));

  members = json_object_get_member (object, "members");
  if (members != NULL && JSON_NODE_HOLDS_ARRAY (members))
    {
      JsonArray *array = json_node_get_array (members);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *code = NULL;

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            code = json_node_get_string (element);

          if (code == NULL || !atlas_countries_is_known (code))
            problem (problems, index, id, "members",
                     _("item %u is not an ISO 3166 country code"), i + 1);
          else
            g_strv_builder_add (builder, code);
        }
      org->members = g_strv_builder_end (builder);

      if (json_object_has_member (object, "members_year"))
        org->members_year = json_object_get_int_member_with_default (object, "members_year", 0);
      if (org->members_year <= 0)
        problem (problems, index, id, "members_year",
                 _("must give the year the member list holds for"));
    }
  else
    {
      if (members != NULL && !JSON_NODE_HOLDS_NULL (members))
        problem (problems, index, id, "members", _("must be a list of country codes"));
      org->members = g_new0 (char *, 1);
    }

  return problems->len > first ? NULL : g_steal_pointer (&org);
}

static int
compare_organizations (gconstpointer a,
                       gconstpointer b)
{
  return g_ascii_strcasecmp ((*(AtlasOrganization **) a)->id, (*(AtlasOrganization **) b)->id);
}

/**
 * atlas_organizations_load_bytes:
 * @problems: (out) (optional) (transfer full) (element-type AtlasProblem):
 *
 * Reads organizations.json.  On any problem the list keeps what it had.
 */
gboolean
atlas_organizations_load_bytes (AtlasOrganizations  *self,
                                GBytes              *bytes,
                                GPtrArray          **problems)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root, *list;
  JsonObject *document;
  const char *data;
  gsize length;
  guint removed;

  g_return_val_if_fail (ATLAS_IS_ORGANIZATIONS (self), FALSE);

  data = g_bytes_get_data (bytes, &length);
  if (!g_utf8_validate_len (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, &error))
    {
      problem (found, 0, NULL, NULL, _("not valid JSON: %s"),
               error ? error->message : _("not UTF-8 text"));
      goto out;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (get_string (document = json_node_get_object (root), "format"),
                 ORGANIZATIONS_FORMAT_NAME) != 0)
    {
      problem (found, 0, NULL, "format",
               _("this is not a Space Atlas list of organizations"));
      goto out;
    }

  if (json_object_get_int_member_with_default (document, "version", 0) != ORGANIZATIONS_FORMAT_VERSION)
    {
      problem (found, 0, NULL, "version", _("this version reads version %d"),
               ORGANIZATIONS_FORMAT_VERSION);
      goto out;
    }

  list = json_object_get_member (document, "organizations");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      problem (found, 0, NULL, "organizations", _("must be a list"));
      goto out;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      AtlasOrganization *org = read_organization (json_array_get_element (json_node_get_array (list), i),
                                                  i + 1, ids, found);
      if (org != NULL)
        g_ptr_array_add (items, org);
    }

out:
  if (found->len == 0)
    {
      g_ptr_array_sort (items, compare_organizations);

      removed = self->items->len;
      g_hash_table_remove_all (self->by_id);
      g_ptr_array_unref (self->items);
      self->items = g_steal_pointer (&items);
      for (guint i = 0; i < self->items->len; i++)
        {
          AtlasOrganization *org = g_ptr_array_index (self->items, i);
          g_hash_table_insert (self->by_id, org->id, org);
        }
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
    }

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  return found->len == 0;
}

/**
 * atlas_organizations_lookup:
 *
 * Returns: (transfer none) (nullable): the organization with that short
 *   name
 */
AtlasOrganization *
atlas_organizations_lookup (AtlasOrganizations *self,
                            const char         *id)
{
  g_return_val_if_fail (ATLAS_IS_ORGANIZATIONS (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}
