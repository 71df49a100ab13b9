/* atlas-partnership.c — one record of international space cooperation
 *
 * A data set holds a million of these, so they are small: a list of
 * strings (countries, organizations, tags) is one block, its pointers
 * then its strings, and records share the empty string and the empty
 * list rather than each having their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-partnership"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-partnership.h"
#include "atlas-partnership-private.h"

struct _AtlasPartnership
{
  GObject      parent_instance;

  char        *id;             /* strings: owned, or empty_string */
  char        *title;
  AtlasKind    kind;
  AtlasDate    start;
  AtlasDate    end;
  AtlasStatus  status;
  char       **countries;      /* lists: see list_new () */
  char       **organizations;
  char        *summary;
  GPtrArray   *sources;
  char       **tags;
  JsonObject  *extra;
};

G_DEFINE_FINAL_TYPE (AtlasPartnership, atlas_partnership, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (AtlasKind, atlas_kind,
  G_DEFINE_ENUM_VALUE (ATLAS_KIND_AGREEMENT, "agreement"),
  G_DEFINE_ENUM_VALUE (ATLAS_KIND_JOINT_MISSION, "joint-mission"),
  G_DEFINE_ENUM_VALUE (ATLAS_KIND_LAUNCH_SERVICE, "launch-service"),
  G_DEFINE_ENUM_VALUE (ATLAS_KIND_DATA_SHARING, "data-sharing"),
  G_DEFINE_ENUM_VALUE (ATLAS_KIND_TRAINING, "training"),
  G_DEFINE_ENUM_VALUE (ATLAS_KIND_INSTITUTION, "institution"),
  G_DEFINE_ENUM_VALUE (ATLAS_KIND_WORKSHOP, "workshop"),
  G_DEFINE_ENUM_VALUE (ATLAS_KIND_OTHER, "other"))

G_DEFINE_ENUM_TYPE (AtlasStatus, atlas_status,
  G_DEFINE_ENUM_VALUE (ATLAS_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (ATLAS_STATUS_PLANNED, "planned"),
  G_DEFINE_ENUM_VALUE (ATLAS_STATUS_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (ATLAS_STATUS_COMPLETED, "completed"))

G_DEFINE_BOXED_TYPE (AtlasSource, atlas_source, atlas_source_copy, atlas_source_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_START,
  PROP_END,
  PROP_STATUS,
  PROP_COUNTRIES,
  PROP_ORGANIZATIONS,
  PROP_SUMMARY,
  PROP_SOURCES,
  PROP_TAGS,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[ATLAS_N_KINDS] = {
  "agreement", "joint-mission", "launch-service", "data-sharing",
  "training", "institution", "workshop", "other",
};

static const char * const status_names[ATLAS_N_STATUSES] = {
  "unknown", "planned", "active", "completed",
};

/* Kinds and statuses */

gboolean
atlas_kind_from_string (const char *text,
                        AtlasKind  *kind)
{
  for (guint i = 0; i < ATLAS_N_KINDS; i++)
    {
      if (g_strcmp0 (text, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
atlas_kind_to_string (AtlasKind kind)
{
  g_return_val_if_fail (kind < ATLAS_N_KINDS, NULL);
  return kind_names[kind];
}

/**
 * atlas_kind_get_label:
 *
 * Returns: the kind's name for people to read, translated
 */
const char *
atlas_kind_get_label (AtlasKind kind)
{
  switch (kind)
    {
    case ATLAS_KIND_AGREEMENT:
      return C_("kind", "Agreement");
    case ATLAS_KIND_JOINT_MISSION:
      return C_("kind", "Joint mission");
    case ATLAS_KIND_LAUNCH_SERVICE:
      return C_("kind", "Launch service");
    case ATLAS_KIND_DATA_SHARING:
      return C_("kind", "Data sharing");
    case ATLAS_KIND_TRAINING:
      return C_("kind", "Training");
    case ATLAS_KIND_INSTITUTION:
      return C_("kind", "Institution");
    case ATLAS_KIND_WORKSHOP:
      return C_("kind", "Workshop");
    case ATLAS_KIND_OTHER:
      return C_("kind", "Other");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
atlas_status_from_string (const char  *text,
                          AtlasStatus *status)
{
  for (guint i = 0; i < ATLAS_N_STATUSES; i++)
    {
      if (g_strcmp0 (text, status_names[i]) == 0)
        {
          *status = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
atlas_status_to_string (AtlasStatus status)
{
  g_return_val_if_fail (status < ATLAS_N_STATUSES, NULL);
  return status_names[status];
}

const char *
atlas_status_get_label (AtlasStatus status)
{
  switch (status)
    {
    case ATLAS_STATUS_UNKNOWN:
      return C_("status", "Unknown");
    case ATLAS_STATUS_PLANNED:
      return C_("status", "Planned");
    case ATLAS_STATUS_ACTIVE:
      return C_("status", "Active");
    case ATLAS_STATUS_COMPLETED:
      return C_("status", "Completed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Sources */

AtlasSource *
atlas_source_new (const char *title,
                  const char *document,
                  const char *url)
{
  AtlasSource *source = g_new0 (AtlasSource, 1);

  source->title = g_strdup (title ? title : "");
  source->document = g_strdup (document);
  source->url = g_strdup (url);

  return source;
}

/* Unknown members are never changed in place: seal them and share. */
static JsonObject *
copy_json_object (JsonObject *object)
{
  if (object == NULL)
    return NULL;

  json_object_seal (object);
  return json_object_ref (object);
}

static gboolean
json_object_equal0 (JsonObject *a,
                    JsonObject *b)
{
  if (a == NULL || json_object_get_size (a) == 0)
    return b == NULL || json_object_get_size (b) == 0;
  if (b == NULL)
    return FALSE;
  return json_object_equal (a, b);
}

AtlasSource *
atlas_source_copy (const AtlasSource *source)
{
  AtlasSource *copy = atlas_source_new (source->title, source->document, source->url);

  copy->extra = copy_json_object (source->extra);
  return copy;
}

void
atlas_source_free (AtlasSource *source)
{
  if (source == NULL)
    return;

  g_free (source->title);
  g_free (source->document);
  g_free (source->url);
  g_clear_pointer (&source->extra, json_object_unref);
  g_free (source);
}

gboolean
atlas_source_equal (const AtlasSource *a,
                    const AtlasSource *b)
{
  return g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->document, b->document) == 0 &&
         g_strcmp0 (a->url, b->url) == 0 &&
         json_object_equal0 (a->extra, b->extra);
}

/* Helpers */

static char empty_string[] = "";
static char *empty_list[] = { NULL };

/* @text, or the shared empty string */
static char *
string_new (const char *text)
{
  return text == NULL || *text == '\0' ? empty_string : g_strdup (text);
}

/* @text, taken, or the shared empty string */
static char *
string_take (char *text)
{
  if (text != NULL && *text != '\0')
    return text;

  g_free (text);
  return empty_string;
}

static void
string_free (char *text)
{
  if (text != empty_string)
    g_free (text);
}

/* @value may be part of the old one: copied before that goes */
static gboolean
set_string (char       **field,
            const char  *value)
{
  char *old = *field;

  if (g_strcmp0 (old, value) == 0)
    return FALSE;

  *field = string_new (value);
  string_free (old);
  return TRUE;
}

/* A copy of @items as one block, the pointers then the strings, which
 * list_free() frees; or the shared empty list */
static char **
list_new (const char * const *items)
{
  gsize n = 0, size = 0;
  char **list;
  char *text;

  if (items == NULL || items[0] == NULL)
    return empty_list;

  for (; items[n] != NULL; n++)
    size += strlen (items[n]) + 1;

  list = g_malloc ((n + 1) * sizeof (char *) + size);
  text = (char *) (list + n + 1);
  for (gsize i = 0; i < n; i++)
    {
      gsize length = strlen (items[i]) + 1;

      list[i] = memcpy (text, items[i], length);
      text += length;
    }
  list[n] = NULL;

  return list;
}

static void
list_free (char **list)
{
  if (list != empty_list)
    g_free (list);
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

static gboolean
set_strv (char               ***field,
          const char * const   *value)
{
  char **old = *field;

  if (strv_equal0 ((const char * const *) old, value))
    return FALSE;

  *field = list_new (value);
  list_free (old);
  return TRUE;
}

static GPtrArray *
copy_sources (GPtrArray *sources)
{
  GPtrArray *copy = g_ptr_array_new_full (sources ? sources->len : 0,
                                          (GDestroyNotify) atlas_source_free);

  for (guint i = 0; sources != NULL && i < sources->len; i++)
    g_ptr_array_add (copy, atlas_source_copy (g_ptr_array_index (sources, i)));

  return copy;
}

static gboolean
sources_equal (GPtrArray *a,
               GPtrArray *b)
{
  guint len_a = a ? a->len : 0;
  guint len_b = b ? b->len : 0;

  if (len_a != len_b)
    return FALSE;

  for (guint i = 0; i < len_a; i++)
    if (!atlas_source_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/* GObject */

static void
atlas_partnership_finalize (GObject *object)
{
  AtlasPartnership *self = (AtlasPartnership *) object;

  string_free (self->id);
  string_free (self->title);
  list_free (self->countries);
  list_free (self->organizations);
  string_free (self->summary);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  list_free (self->tags);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (atlas_partnership_parent_class)->finalize (object);
}

static void
atlas_partnership_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasPartnership *self = ATLAS_PARTNERSHIP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_START:
      g_value_set_boxed (value, atlas_date_is_set (&self->start) ? &self->start : NULL);
      break;
    case PROP_END:
      g_value_set_boxed (value, atlas_date_is_set (&self->end) ? &self->end : NULL);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_COUNTRIES:
      g_value_set_boxed (value, self->countries);
      break;
    case PROP_ORGANIZATIONS:
      g_value_set_boxed (value, self->organizations);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_SOURCES:
      g_value_set_boxed (value, self->sources);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_EXTRA:
      g_value_set_boxed (value, self->extra);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_partnership_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasPartnership *self = ATLAS_PARTNERSHIP (object);

  switch (prop_id)
    {
    case PROP_ID:
      atlas_partnership_set_id (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      atlas_partnership_set_title (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      atlas_partnership_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_START:
      atlas_partnership_set_start (self, g_value_get_boxed (value));
      break;
    case PROP_END:
      atlas_partnership_set_end (self, g_value_get_boxed (value));
      break;
    case PROP_STATUS:
      atlas_partnership_set_status (self, g_value_get_enum (value));
      break;
    case PROP_COUNTRIES:
      atlas_partnership_set_countries (self, g_value_get_boxed (value));
      break;
    case PROP_ORGANIZATIONS:
      atlas_partnership_set_organizations (self, g_value_get_boxed (value));
      break;
    case PROP_SUMMARY:
      atlas_partnership_set_summary (self, g_value_get_string (value));
      break;
    case PROP_SOURCES:
      atlas_partnership_set_sources (self, g_value_get_boxed (value));
      break;
    case PROP_TAGS:
      atlas_partnership_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_EXTRA:
      atlas_partnership_set_extra (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_partnership_class_init (AtlasPartnershipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = atlas_partnership_finalize;
  object_class->get_property = atlas_partnership_get_property;
  object_class->set_property = atlas_partnership_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, "", flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, ATLAS_TYPE_KIND,
                                             ATLAS_KIND_OTHER, flags);
  properties[PROP_START] = g_param_spec_boxed ("start", NULL, NULL, ATLAS_TYPE_DATE, flags);
  properties[PROP_END] = g_param_spec_boxed ("end", NULL, NULL, ATLAS_TYPE_DATE, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, ATLAS_TYPE_STATUS,
                                               ATLAS_STATUS_UNKNOWN, flags);
  properties[PROP_COUNTRIES] = g_param_spec_boxed ("countries", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_ORGANIZATIONS] = g_param_spec_boxed ("organizations", NULL, NULL,
                                                       G_TYPE_STRV, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, "", flags);
  /**
   * AtlasPartnership:sources: (type GPtrArray(AtlasSource))
   */
  properties[PROP_SOURCES] = g_param_spec_boxed ("sources", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_EXTRA] = g_param_spec_boxed ("extra", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_partnership_init (AtlasPartnership *self)
{
  self->id = empty_string;
  self->title = empty_string;
  self->kind = ATLAS_KIND_OTHER;
  self->status = ATLAS_STATUS_UNKNOWN;
  self->countries = empty_list;
  self->organizations = empty_list;
  self->summary = empty_string;
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  self->tags = empty_list;
}

/* Public API */

AtlasPartnership *
atlas_partnership_new (const char *id)
{
  return g_object_new (ATLAS_TYPE_PARTNERSHIP, "id", id, NULL);
}

/**
 * atlas_partnership_copy:
 *
 * Returns: (transfer full): a deep copy, for editing without touching
 *   the original
 */
AtlasPartnership *
atlas_partnership_copy (AtlasPartnership *self)
{
  AtlasPartnership *copy;

  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);

  copy = g_object_new (ATLAS_TYPE_PARTNERSHIP, NULL);
  copy->id = string_new (self->id);
  copy->title = string_new (self->title);
  copy->kind = self->kind;
  copy->start = self->start;
  copy->end = self->end;
  copy->status = self->status;
  copy->countries = list_new ((const char * const *) self->countries);
  copy->organizations = list_new ((const char * const *) self->organizations);
  copy->summary = string_new (self->summary);
  g_ptr_array_unref (copy->sources);
  copy->sources = copy_sources (self->sources);
  copy->tags = list_new ((const char * const *) self->tags);
  copy->extra = copy_json_object (self->extra);

  return copy;
}

gboolean
atlas_partnership_equal (AtlasPartnership *a,
                         AtlasPartnership *b)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         a->kind == b->kind &&
         atlas_date_equal (&a->start, &b->start) &&
         atlas_date_equal (&a->end, &b->end) &&
         a->status == b->status &&
         strv_equal0 ((const char * const *) a->countries, (const char * const *) b->countries) &&
         strv_equal0 ((const char * const *) a->organizations,
                      (const char * const *) b->organizations) &&
         g_strcmp0 (a->summary, b->summary) == 0 &&
         sources_equal (a->sources, b->sources) &&
         strv_equal0 ((const char * const *) a->tags, (const char * const *) b->tags) &&
         json_object_equal0 (a->extra, b->extra);
}

/**
 * atlas_partnership_compare:
 *
 * The order of records in a data set: by start date, then by id.
 */
int
atlas_partnership_compare (AtlasPartnership *a,
                           AtlasPartnership *b)
{
  int cmp = atlas_date_compare (&a->start, &b->start);

  if (cmp != 0)
    return cmp;
  return strcmp (a->id, b->id);
}

const char *
atlas_partnership_get_id (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return self->id;
}

void
atlas_partnership_set_id (AtlasPartnership *self,
                          const char       *id)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (set_string (&self->id, id ? id : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
atlas_partnership_get_title (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return self->title;
}

void
atlas_partnership_set_title (AtlasPartnership *self,
                             const char       *title)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (set_string (&self->title, title ? title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

AtlasKind
atlas_partnership_get_kind (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), ATLAS_KIND_OTHER);
  return self->kind;
}

void
atlas_partnership_set_kind (AtlasPartnership *self,
                            AtlasKind         kind)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));
  g_return_if_fail (kind < ATLAS_N_KINDS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * atlas_partnership_get_start:
 *
 * Returns: (transfer none): the start date; unset (see atlas_date_is_set())
 *   only on a record still being built
 */
const AtlasDate *
atlas_partnership_get_start (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return &self->start;
}

void
atlas_partnership_set_start (AtlasPartnership *self,
                             const AtlasDate  *start)
{
  AtlasDate value = start ? *start : (AtlasDate) { 0 };

  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (atlas_date_equal (&self->start, &value))
    return;

  self->start = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

/**
 * atlas_partnership_get_end:
 *
 * Returns: (transfer none): the end date, unset for a point in time or
 *   something still going on
 */
const AtlasDate *
atlas_partnership_get_end (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return &self->end;
}

void
atlas_partnership_set_end (AtlasPartnership *self,
                           const AtlasDate  *end)
{
  AtlasDate value = end ? *end : (AtlasDate) { 0 };

  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (atlas_date_equal (&self->end, &value))
    return;

  self->end = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
}

AtlasStatus
atlas_partnership_get_status (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), ATLAS_STATUS_UNKNOWN);
  return self->status;
}

void
atlas_partnership_set_status (AtlasPartnership *self,
                              AtlasStatus       status)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));
  g_return_if_fail (status < ATLAS_N_STATUSES);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * atlas_partnership_get_countries:
 *
 * Returns: (transfer none): ISO 3166 alpha-2 codes of the partners
 */
const char * const *
atlas_partnership_get_countries (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return (const char * const *) self->countries;
}

void
atlas_partnership_set_countries (AtlasPartnership   *self,
                                 const char * const *countries)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (set_strv (&self->countries, countries))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRIES]);
}

gboolean
atlas_partnership_has_country (AtlasPartnership *self,
                               const char       *code)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), FALSE);
  return code != NULL && g_strv_contains ((const char * const *) self->countries, code);
}

const char * const *
atlas_partnership_get_organizations (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return (const char * const *) self->organizations;
}

void
atlas_partnership_set_organizations (AtlasPartnership   *self,
                                     const char * const *organizations)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (set_strv (&self->organizations, organizations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATIONS]);
}

const char *
atlas_partnership_get_summary (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return self->summary;
}

void
atlas_partnership_set_summary (AtlasPartnership *self,
                               const char       *summary)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (set_string (&self->summary, summary ? summary : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/**
 * atlas_partnership_get_sources:
 *
 * Returns: (transfer none) (element-type AtlasSource): the sources; do
 *   not modify, use atlas_partnership_set_sources()
 */
GPtrArray *
atlas_partnership_get_sources (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return self->sources;
}

/**
 * atlas_partnership_set_sources:
 * @sources: (nullable) (element-type AtlasSource) (transfer none): the
 *   sources, copied
 */
void
atlas_partnership_set_sources (AtlasPartnership *self,
                               GPtrArray        *sources)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (sources_equal (self->sources, sources))
    return;

  g_ptr_array_unref (self->sources);
  self->sources = copy_sources (sources);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCES]);
}

const char * const *
atlas_partnership_get_tags (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return (const char * const *) self->tags;
}

void
atlas_partnership_set_tags (AtlasPartnership   *self,
                            const char * const *tags)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (set_strv (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * atlas_partnership_get_extra:
 *
 * Returns: (transfer none) (nullable): the members of the record that
 *   this version does not know, in the order they were read
 */
JsonObject *
atlas_partnership_get_extra (AtlasPartnership *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);
  return self->extra;
}

void
atlas_partnership_set_extra (AtlasPartnership *self,
                             JsonObject       *extra)
{
  g_return_if_fail (ATLAS_IS_PARTNERSHIP (self));

  if (json_object_equal0 (self->extra, extra))
    return;

  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = copy_json_object (extra);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
}

/**
 * atlas_partnership_format_period:
 *
 * Returns: (transfer full): when the cooperation took place, for people
 *   to read, with each date at its own precision: "July 1988",
 *   "since July 1988" for something still going on, "1988 – 2003"
 */
/* A date after another in a period, @text as atlas_date_format() wrote
 * it: in some languages (Russian) the locale capitalizes a month's name
 * on its own, as at the start of a phrase, but not within one */
static char *
lower_later_month (char            *text,
                   const AtlasDate *date)
{
  const char *rule;
  gunichar first, lower;
  char buffer[6];
  int length;
  char *lowered;

  if (date->precision != ATLAS_DATE_PRECISION_MONTH)
    return text;

  /* Translators: leave as it is, unless a month's name on its own (the
   * locale's %OB) should begin with a small letter after another date,
   * as in Russian "1988 – май 2003": then translate it as
   * "month-after-date:lowercase" */
  rule = _("month-after-date:as-is");
  first = g_utf8_get_char (text);
  lower = g_unichar_tolower (first);
  if (g_strcmp0 (rule, "month-after-date:lowercase") != 0 || lower == first)
    return text;

  length = g_unichar_to_utf8 (lower, buffer);
  lowered = g_strdup_printf ("%.*s%s", length, buffer, g_utf8_next_char (text));
  g_free (text);
  return lowered;
}

char *
atlas_partnership_format_period (AtlasPartnership *self)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (ATLAS_IS_PARTNERSHIP (self), NULL);

  start = atlas_date_format (&self->start);

  if (atlas_date_is_set (&self->end))
    {
      end = atlas_date_format (&self->end);
      if (g_strcmp0 (start, end) == 0)
        return g_steal_pointer (&start);
      end = lower_later_month (end, &self->end);
      /* Translators: a period of time, from the first date to the second */
      return g_strdup_printf (_("%s – %s"), start, end);
    }

  if (self->status == ATLAS_STATUS_ACTIVE)
    /* Translators: something that started at this date and still goes on */
    return g_strdup_printf (_("Since %s"), start);

  return g_steal_pointer (&start);
}

/**
 * _atlas_partnership_new_take:
 * @id: (transfer full) (nullable):
 * @title: (transfer full) (nullable):
 * @start: (nullable):
 * @end: (nullable):
 * @countries: (transfer none) (nullable): copied
 * @organizations: (transfer none) (nullable): copied
 * @summary: (transfer full) (nullable):
 * @sources: (transfer full) (nullable) (element-type AtlasSource): with
 *   atlas_source_free() as its free function
 * @tags: (transfer none) (nullable): copied
 * @extra: (transfer full) (nullable):
 *
 * A record of these values, the strings taken rather than copied: what
 * the reader makes a million times when it reads a big file, and for a
 * 10 MB title one copy fewer.  The lists are copied into one block
 * each, from strings the reader holds anyway.  The same as
 * g_object_new() with these properties.
 *
 * Returns: (transfer full): the record
 */
AtlasPartnership *
_atlas_partnership_new_take (char               *id,
                             char               *title,
                             AtlasKind           kind,
                             const AtlasDate    *start,
                             const AtlasDate    *end,
                             AtlasStatus         status,
                             const char * const *countries,
                             const char * const *organizations,
                             char               *summary,
                             GPtrArray          *sources,
                             const char * const *tags,
                             JsonObject         *extra)
{
  AtlasPartnership *self = g_object_new (ATLAS_TYPE_PARTNERSHIP, NULL);

  self->id = string_take (id);
  self->title = string_take (title);
  self->kind = kind;
  self->start = start ? *start : (AtlasDate) { 0 };
  self->end = end ? *end : (AtlasDate) { 0 };
  self->status = status;
  self->countries = list_new (countries);
  self->organizations = list_new (organizations);
  self->summary = string_take (summary);
  if (sources != NULL)
    {
      g_ptr_array_unref (self->sources);
      self->sources = sources;
    }
  self->tags = list_new (tags);

  if (extra != NULL && json_object_get_size (extra) > 0)
    {
      json_object_seal (extra);
      self->extra = extra;
    }
  else if (extra != NULL)
    json_object_unref (extra);

  return self;
}
