/* atlas-world-map.c — a world map of the countries a list of items involves
 *
 * AtlasWorldMap knows nothing of what its items are.  Like GtkDropDown,
 * it takes a list model and expressions: one gives an item's countries
 * (ISO 3166-1 alpha-2 codes, or ISO 3166-3 codes of former countries),
 * another its organizations.  It reads them when items change, into
 * counts per country, and draws from those counts:
 *
 *   - the offline basemap (AtlasBasemapSource), or OpenStreetMap over it;
 *   - AtlasChoroplethLayer: countries shaded by their number of items,
 *     member countries of partner organizations hatched;
 *   - AtlasArcLayer: great circles between the selected item's partners;
 *   - markers with each country's count and the organizations at their
 *     headquarters;
 *   - a legend, a scale, the attribution, zoom and fit buttons.
 *
 * A former country (the USSR) is drawn on its successors' territory and
 * labelled with its own name.  Clicking a country selects it
 * (:selected-country); the selection model's selected item is
 * highlighted.
 *
 * An item's expressions are read once per item object: what they gave
 * is kept, as small integer ids of countries and organizations, in an
 * AtlasItemCache for as long as the item lives, so that items a filter
 * takes out and puts back are not read again.  Items must not change in
 * place; replace them in the model instead.  Counts are kept in arrays
 * indexed by those ids, and a change of the model is taken in with one
 * pass over the items it adds and removes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-world-map"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "atlas-arc-layer.h"
#include "atlas-basemap-source.h"
#include "atlas-choropleth-layer.h"
#include "atlas-countries.h"
#include "atlas-item-cache.h"
#include "atlas-marker-layer.h"
#include "atlas-world-geometry.h"
#include "atlas-world-map.h"
#include "atlas-world-map-private.h"

/* An item, as read through the expressions: ids of countries, then of
 * organizations; shared by the cache and the list of items */
typedef struct
{
  AtlasItemCacheLink link;
  guint              ref_count;
  guint16            n_countries;
  guint16            n_organizations;
  guint32            ids[];
} ItemInfo;

/* A country code items gave, interned */
typedef struct
{
  char    *code;
  gboolean known;
  guint    n_territory;
  guint32 *territory;   /* the current countries it is drawn on: ids */
} Country;

/* Counts by id, with a stamp per id to count each once per item */
typedef struct
{
  guint *counts;
  guint *stamps;
} Tally;

typedef struct
{
  char  *id;
  char  *name;
  char  *headquarters;
  GStrv  members;
} Organization;

struct _AtlasWorldMap
{
  GtkWidget             parent_instance;

  ShumateMap           *map;
  ShumateViewport      *viewport;
  AtlasBasemapSource   *basemap_source;
  ShumateMapLayer      *basemap_layer;
  ShumateMapSource     *online_source;
  ShumateMapLayer      *online_layer;
  AtlasChoroplethLayer *choropleth;
  AtlasArcLayer        *arcs;
  AtlasMarkerLayer     *markers;
  GtkWidget            *legend;
  GtkWidget            *controls;
  GtkWidget            *bottom;
  ShumateScale         *scale;
  ShumateLicense       *license;

  GtkSelectionModel    *model;
  GtkExpression        *countries_expression;
  GtkExpression        *organizations_expression;
  GPtrArray            *items;               /* ItemInfo, as the model */
  AtlasItemCache       *cache;               /* item → ItemInfo */
  guint                 selected_position;

  /* Interned: code → id + 1, and id → Country or organization id */
  GHashTable           *country_ids;
  GPtrArray            *countries;
  GHashTable           *organization_ids;
  GPtrArray            *organization_keys;
  GPtrArray            *organization_members; /* id → GArray of country ids, or NULL */
  gboolean              members_valid;
  guint                 n_alloc_countries;
  guint                 n_alloc_organizations;
  Tally                 tally_counts;        /* by country id */
  Tally                 tally_territory;     /* by country id */
  Tally                 tally_members;       /* by country id */
  Tally                 tally_organizations; /* by organization id */
  guint                 stamp;
  GArray               *dirty_countries;     /* ids whose counts changed, when tracked */
  GArray               *dirty_organizations;
  gboolean              track_dirty;

  /* The counts as tables, built from the arrays when they change */
  GHashTable           *counts;              /* code as given → items */
  GHashTable           *territory_counts;    /* current country → items on its territory */
  GHashTable           *member_counts;       /* current country → items of its organizations */
  GHashTable           *organization_counts; /* organization id → items */
  GHashTable           *organizations;       /* id → Organization */
  GHashTable           *country_markers;     /* code → marker */
  GHashTable           *organization_markers; /* headquarters' code → marker */
  guint                 legend_max_count;
  gboolean              legend_members;
  gboolean              legend_dark;
  AtlasChoroplethPalette legend_palette;

  char                 *selected_country;
  char                 *hovered_country;
  AtlasWorldMapBasemap  basemap;
  gboolean              dark;
  AtlasChoroplethPalette palette;
  int                   scale_factor;
  gboolean              named_markers;

  /* Where fit_world() put the view, to follow the window's size until
   * someone moves the map */
  double                world_view[3];
  gboolean              world_view_set;
  double                press_x, press_y;
  double                pointer_x, pointer_y;
  gboolean              has_pointer;
};

G_DEFINE_FINAL_TYPE (AtlasWorldMap, atlas_world_map, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (AtlasWorldMapBasemap, atlas_world_map_basemap,
                    G_DEFINE_ENUM_VALUE (ATLAS_WORLD_MAP_BASEMAP_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (ATLAS_WORLD_MAP_BASEMAP_ONLINE, "online"))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_COUNTRIES_EXPRESSION,
  PROP_ORGANIZATIONS_EXPRESSION,
  PROP_SELECTED_COUNTRY,
  PROP_BASEMAP,
  PROP_DARK,
  PROP_PALETTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Latitudes the world view shows: no more of Antarctica than its coast */
#define WORLD_VIEW_NORTH 78.
#define WORLD_VIEW_SOUTH -57.
/* Room around the partners when fitting them, in pixels */
#define FIT_PADDING 56.
#define FIT_MAX_ZOOM 5.
#define GO_TO_DURATION 400
/* From this zoom level on, country markers give the country's name */
#define NAMED_MARKERS_ZOOM 3.
/* Markers that share a country's place: former countries above, the
 * organizations based there below */
#define HISTORICAL_OFFSET -22.
#define ORGANIZATION_OFFSET 22.
#define COUNTRY_PRIORITY 1000000

/* Helpers */

static ItemInfo *
item_info_ref (ItemInfo *info)
{
  info->ref_count++;
  return info;
}

static void
item_info_unref (ItemInfo *info)
{
  if (info != NULL && --info->ref_count == 0)
    g_free (info);
}

static void
country_free (Country *country)
{
  g_free (country->code);
  g_free (country->territory);
  g_free (country);
}

static void
free_members (GArray *members)
{
  if (members != NULL)
    g_array_unref (members);
}

static void
organization_free (Organization *organization)
{
  g_free (organization->id);
  g_free (organization->name);
  g_free (organization->headquarters);
  g_strfreev (organization->members);
  g_free (organization);
}

static gboolean
replace_str (char       **str,
             const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;

  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

static GStrv
evaluate_strv (GtkExpression *expression,
               gpointer       item)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (expression == NULL || item == NULL || !gtk_expression_evaluate (expression, item, &value))
    return NULL;

  if (!G_VALUE_HOLDS (&value, G_TYPE_STRV))
    {
      g_critical ("AtlasWorldMap: an expression gives %s, not a list of strings (GStrv)",
                  G_VALUE_TYPE_NAME (&value));
      return NULL;
    }

  return g_value_dup_boxed (&value);
}

/* The current countries on whose territory @code is drawn */
static const char * const *
get_territory (const char  *code,
               const char **single)
{
  const char * const *successors = atlas_countries_get_successors (code);

  if (successors != NULL)
    return successors;

  single[0] = code;
  single[1] = NULL;
  return single;
}

/* Interning */

static void
tally_grow (Tally *tally,
            guint  old_size,
            guint  new_size)
{
  tally->counts = g_renew (guint, tally->counts, new_size);
  tally->stamps = g_renew (guint, tally->stamps, new_size);
  memset (tally->counts + old_size, 0, (new_size - old_size) * sizeof (guint));
  memset (tally->stamps + old_size, 0, (new_size - old_size) * sizeof (guint));
}

static void
tally_clear (Tally *tally,
             guint  size)
{
  if (size > 0)
    memset (tally->counts, 0, size * sizeof (guint));
}

static void
tally_free (Tally *tally)
{
  g_clear_pointer (&tally->counts, g_free);
  g_clear_pointer (&tally->stamps, g_free);
}

/* Adds @delta to @id's count, once per item (stamp) */
static inline void
tally_add (Tally   *tally,
           guint32  id,
           guint    stamp,
           int      delta)
{
  if (tally->stamps[id] == stamp)
    return;

  tally->stamps[id] = stamp;
  tally->counts[id] += delta;
}

static guint32
intern_country (AtlasWorldMap *self,
                const char    *code)
{
  gpointer value = g_hash_table_lookup (self->country_ids, code);
  const char *single[2];
  const char * const *territory;
  Country *country;
  guint32 id;
  guint n;

  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  id = self->countries->len;
  country = g_new0 (Country, 1);
  country->code = g_strdup (code);
  country->known = atlas_countries_is_known (code);
  g_ptr_array_add (self->countries, country);
  g_hash_table_insert (self->country_ids, country->code, GUINT_TO_POINTER (id + 1));

  if (self->countries->len > self->n_alloc_countries)
    {
      guint size = MAX (64, self->n_alloc_countries * 2);

      tally_grow (&self->tally_counts, self->n_alloc_countries, size);
      tally_grow (&self->tally_territory, self->n_alloc_countries, size);
      tally_grow (&self->tally_members, self->n_alloc_countries, size);
      self->n_alloc_countries = size;
    }

  /* The current countries it is drawn on are interned too */
  territory = get_territory (code, single);
  n = g_strv_length ((char **) territory);
  country->n_territory = n;
  country->territory = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    country->territory[i] = territory[i] == code ? id : intern_country (self, territory[i]);

  return id;
}

static inline Country *
get_country (AtlasWorldMap *self,
             guint32        id)
{
  return g_ptr_array_index (self->countries, id);
}

static inline const char *
get_organization_key (AtlasWorldMap *self,
                      guint32        id)
{
  return g_ptr_array_index (self->organization_keys, id);
}

/* The member countries of an organization, as country ids */
static void
resolve_members (AtlasWorldMap *self,
                 guint32        id)
{
  Organization *organization = g_hash_table_lookup (self->organizations, get_organization_key (self, id));
  GArray *members = NULL;

  if (organization != NULL && organization->members != NULL && organization->members[0] != NULL)
    {
      members = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint k = 0; organization->members[k] != NULL; k++)
        {
          guint32 member = intern_country (self, organization->members[k]);
          g_array_append_val (members, member);
        }
    }

  free_members (g_ptr_array_index (self->organization_members, id));
  g_ptr_array_index (self->organization_members, id) = members;
}

static guint32
intern_organization (AtlasWorldMap *self,
                     const char    *key)
{
  gpointer value = g_hash_table_lookup (self->organization_ids, key);
  char *copy;
  guint32 id;

  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  id = self->organization_keys->len;
  copy = g_strdup (key);
  g_ptr_array_add (self->organization_keys, copy);
  g_ptr_array_add (self->organization_members, NULL);
  g_hash_table_insert (self->organization_ids, copy, GUINT_TO_POINTER (id + 1));

  if (self->organization_keys->len > self->n_alloc_organizations)
    {
      guint size = MAX (64, self->n_alloc_organizations * 2);

      tally_grow (&self->tally_organizations, self->n_alloc_organizations, size);
      self->n_alloc_organizations = size;
    }

  resolve_members (self, id);
  return id;
}

/* After organizations changed; counts must then be counted again */
static void
ensure_members (AtlasWorldMap *self)
{
  if (self->members_valid)
    return;

  for (guint i = 0; i < self->organization_keys->len; i++)
    resolve_members (self, i);
  self->members_valid = TRUE;
}

/* Reading items */

static ItemInfo *
read_item (AtlasWorldMap *self,
           gpointer       item)
{
  g_auto(GStrv) countries = evaluate_strv (self->countries_expression, item);
  g_auto(GStrv) organizations = evaluate_strv (self->organizations_expression, item);
  guint n_countries = countries ? MIN (g_strv_length (countries), G_MAXUINT16) : 0;
  guint n_organizations = organizations ? MIN (g_strv_length (organizations), G_MAXUINT16) : 0;
  ItemInfo *info = g_malloc (sizeof (ItemInfo) + (n_countries + n_organizations) * sizeof (guint32));

  info->ref_count = 1;
  info->n_countries = n_countries;
  info->n_organizations = n_organizations;
  for (guint i = 0; i < n_countries; i++)
    info->ids[i] = intern_country (self, countries[i]);
  for (guint i = 0; i < n_organizations; i++)
    info->ids[n_countries + i] = intern_organization (self, organizations[i]);

  return info;
}

/* What the map knows of the item at @position: read once per item object */
static ItemInfo *
get_item_info (AtlasWorldMap *self,
               guint          position)
{
  g_autoptr(GObject) item = NULL;
  ItemInfo *info = atlas_item_cache_find (self->cache, G_LIST_MODEL (self->model), position, &item);

  if (info == NULL && item == NULL)
    {
      info = g_new0 (ItemInfo, 1);
      info->ref_count = 1;
      return info;
    }

  if (info == NULL)
    {
      info = read_item (self, item);
      atlas_item_cache_insert_at (self->cache, position, item, info);
    }

  return item_info_ref (info);
}

static inline const guint32 *
item_info_get_countries (const ItemInfo *info)
{
  return info->ids;
}

static inline const guint32 *
item_info_get_organizations (const ItemInfo *info)
{
  return info->ids + info->n_countries;
}

static gboolean
item_info_has_country (AtlasWorldMap  *self,
                       const ItemInfo *info,
                       const char     *code)
{
  for (guint i = 0; i < info->n_countries; i++)
    if (g_strcmp0 (get_country (self, info->ids[i])->code, code) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
add_unique (GPtrArray  *set,
            const char *code)
{
  for (guint i = 0; i < set->len; i++)
    if (g_strcmp0 (g_ptr_array_index (set, i), code) == 0)
      return FALSE;

  g_ptr_array_add (set, (gpointer) code);
  return TRUE;
}

/* The shape a country's marker and arcs use: its own, or for a former
 * country its first successor's */
static const AtlasWorldShape *
lookup_place (const char *code)
{
  const char * const *successors = atlas_countries_get_successors (code);
  const char *place = successors != NULL ? successors[0] : code;
  const AtlasWorldShape *shape;

  shape = atlas_world_geometry_lookup (atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_COARSE), place);
  if (shape == NULL)
    shape = atlas_world_geometry_lookup (atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_FINE), place);

  return shape;
}

static AtlasWorldGeometry *
get_current_geometry (AtlasWorldMap *self)
{
  double zoom = shumate_viewport_get_zoom_level (self->viewport);
  AtlasWorldDetail detail = atlas_basemap_detail_for_zoom (zoom, self->scale_factor);
  AtlasWorldGeometry *geometry = atlas_world_geometry_peek_default (detail);

  return geometry ? geometry : atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_COARSE);
}

static char *
format_count (guint count)
{
  /* Translators: how many records of the data set involve a country */
  return g_strdup_printf (ngettext ("%u record", "%u records", count), count);
}

/* The legend */

typedef struct
{
  GdkRGBA  color;
  gboolean hatched;
} Swatch;

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  Swatch *swatch = user_data;

  cairo_rectangle (cr, .5, .5, width - 1, height - 1);
  if (swatch->hatched)
    {
      cairo_save (cr);
      cairo_clip_preserve (cr);
      for (double c = -height; c < width + height; c += 5)
        {
          cairo_move_to (cr, c, height);
          cairo_line_to (cr, c + height, 0);
        }
      gdk_cairo_set_source_rgba (cr, &swatch->color);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  else
    {
      gdk_cairo_set_source_rgba (cr, &swatch->color);
      cairo_fill_preserve (cr);
    }

  cairo_set_source_rgba (cr, 0, 0, 0, .2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_new (const GdkRGBA *color,
            gboolean       hatched)
{
  GtkWidget *area = gtk_drawing_area_new ();
  Swatch *swatch = g_new0 (Swatch, 1);

  swatch->color = *color;
  swatch->hatched = hatched;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 26);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 10);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, swatch, g_free);
  gtk_widget_add_css_class (area, "swatch");
  return area;
}

static GtkWidget *
legend_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
update_legend (AtlasWorldMap *self)
{
  guint max_count = atlas_choropleth_layer_get_max_count (self->choropleth);
  guint n_classes = atlas_choropleth_get_n_classes (max_count);
  GtkWidget *grid, *title, *child;
  gboolean has_members = FALSE;
  GHashTableIter iter;
  gpointer key;
  GdkRGBA color;
  guint column = 0;

  g_hash_table_iter_init (&iter, self->member_counts);
  while (!has_members && g_hash_table_iter_next (&iter, &key, NULL))
    has_members = !g_hash_table_contains (self->territory_counts, key);

  /* Only what the legend shows makes it change */
  if (gtk_widget_get_first_child (self->legend) != NULL && self->legend_max_count == max_count &&
      self->legend_members == has_members && self->legend_dark == self->dark &&
      self->legend_palette == self->palette)
    return;
  self->legend_max_count = max_count;
  self->legend_members = has_members;
  self->legend_dark = self->dark;
  self->legend_palette = self->palette;

  while ((child = gtk_widget_get_first_child (self->legend)) != NULL)
    gtk_box_remove (GTK_BOX (self->legend), child);

  gtk_widget_set_visible (self->legend, n_classes > 0);
  if (n_classes == 0)
    return;

  title = gtk_label_new (_("Records per Country"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_box_append (GTK_BOX (self->legend), title);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 2);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_box_append (GTK_BOX (self->legend), grid);

  for (guint i = 0; i < n_classes; i++, column++)
    {
      g_autofree char *text = NULL;
      guint first, last;

      atlas_choropleth_get_class_range (i, &first, &last);
      last = MIN (last, max_count);
      if (first == last)
        text = g_strdup_printf ("%u", first);
      else
        /* Translators: a range of numbers of records in the map's legend */
        text = g_strdup_printf (_("%u–%u"), first, last);

      atlas_choropleth_get_color (i, n_classes, self->palette, self->dark, &color);
      gtk_grid_attach (GTK_GRID (grid), swatch_new (&color, FALSE), column, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), legend_label_new (text), column, 1, 1, 1);
    }

  if (has_members)
    {
      GtkWidget *swatch, *label;

      atlas_choropleth_get_member_color (self->palette, self->dark, &color);
      swatch = swatch_new (&color, TRUE);
      gtk_widget_set_margin_start (swatch, 12);
      gtk_grid_attach (GTK_GRID (grid), swatch, column, 0, 1, 1);
      /* Translators: in the map's legend: countries that take part only
       * as members of an organization named in records */
      label = legend_label_new (_("Member"));
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_tooltip_text (label, _("Member of an organization named in records"));
      gtk_grid_attach (GTK_GRID (grid), label, column, 1, 1, 1);
    }
}

/* Markers */

static void
marker_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    AtlasWorldMap   *self)
{
  GtkWidget *marker = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  atlas_world_map_set_selected_country (self, g_object_get_data (G_OBJECT (marker), "atlas-country"));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* A marker has a short text, and a longer one for when there is room */
static void
set_marker_text (GtkWidget *marker,
                 gboolean   named)
{
  const char *text = g_object_get_data (G_OBJECT (marker), named ? "atlas-long-text" : "atlas-short-text");

  gtk_label_set_text (GTK_LABEL (marker), text);
}

/* A marker's tooltip is kept beside it and given when asked for:
 * gtk_widget_set_tooltip_markup() asks the display where the pointer
 * is, a round trip to the X server for each marker a filter changes */
static void
update_marker (GtkWidget  *marker,
               const char *short_text,
               const char *long_text,
               const char *tooltip,
               gboolean    named)
{
  g_object_set_data_full (G_OBJECT (marker), "atlas-short-text", g_strdup (short_text), g_free);
  g_object_set_data_full (G_OBJECT (marker), "atlas-long-text", g_strdup (long_text), g_free);
  g_object_set_data_full (G_OBJECT (marker), "atlas-tooltip", g_strdup (tooltip), g_free);
  set_marker_text (marker, named);
}

static gboolean
marker_query_tooltip_cb (GtkWidget  *marker,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         gpointer    user_data)
{
  const char *markup = _atlas_world_map_get_marker_tooltip (marker);

  if (markup == NULL || *markup == '\0')
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static GtkWidget *
marker_new (const char *style_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "map-marker");
  gtk_widget_add_css_class (label, style_class);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (marker_query_tooltip_cb), NULL);
  return label;
}

/* Most items first, then by id */
static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *counts = user_data;
  guint count_a = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) a));
  guint count_b = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) b));

  if (count_a != count_b)
    return count_a > count_b ? -1 : 1;
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static GtkWidget *
country_marker_new (AtlasWorldMap         *self,
                    const char            *code,
                    const AtlasWorldShape *shape)
{
  gboolean historical = atlas_countries_is_historical (code);
  GtkWidget *marker = marker_new (historical ? "historical" : "country");
  GtkGesture *click;

  g_object_set_data_full (G_OBJECT (marker), "atlas-country", g_strdup (code), g_free);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (marker_released_cb), self, 0);
  gtk_widget_add_controller (marker, GTK_EVENT_CONTROLLER (click));

  atlas_marker_layer_add (self->markers, marker, shape->label_lat, shape->label_lon,
                          historical ? HISTORICAL_OFFSET : 0., COUNTRY_PRIORITY);
  g_hash_table_insert (self->country_markers, g_strdup (code), marker);
  return marker;
}

/* Markers follow the counts: new ones, changed ones, gone ones; a marker
 * whose count did not change is left alone */
static void
update_country_markers (AtlasWorldMap *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->country_markers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (self->counts, key))
      {
        atlas_marker_layer_remove (self->markers, value);
        g_hash_table_iter_remove (&iter);
      }

  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *code = key;
      guint count = GPOINTER_TO_UINT (value);
      GtkWidget *marker = g_hash_table_lookup (self->country_markers, code);
      const AtlasWorldShape *shape;
      const char *name;
      g_autofree char *short_text = NULL;
      g_autofree char *long_text = NULL;
      g_autofree char *tooltip = NULL;
      g_autofree char *records = NULL;

      if (marker != NULL && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (marker), "atlas-count")) == count)
        continue;

      if (marker == NULL)
        {
          if ((shape = lookup_place (code)) == NULL)
            continue;
          marker = country_marker_new (self, code, shape);
        }

      /* Translators: a map marker: a country's short name, then its
       * number of records */
      long_text = g_strdup_printf (_("%s · %u"), atlas_countries_get_short_name (code), count);
      /* A former country is on another's territory: it always says its name */
      if (atlas_countries_is_historical (code))
        short_text = g_strdup (long_text);
      else
        short_text = g_strdup_printf ("%u", count);

      name = atlas_countries_get_name (code);
      records = format_count (count);
      tooltip = g_markup_printf_escaped ("<b>%s</b>\n%s", name ? name : code, records);
      update_marker (marker, short_text, long_text, tooltip, self->named_markers);
      g_object_set_data (G_OBJECT (marker), "atlas-count", GUINT_TO_POINTER (count));
      atlas_marker_layer_set_priority (self->markers, marker, COUNTRY_PRIORITY + count);
    }
}

/* Organizations, grouped by the country of their headquarters */
static void
update_organization_markers (AtlasWorldMap *self)
{
  g_autoptr(GHashTable) by_country = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->organization_counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Organization *organization = g_hash_table_lookup (self->organizations, key);
      GPtrArray *list;

      if (organization == NULL || organization->headquarters == NULL)
        continue;

      list = g_hash_table_lookup (by_country, organization->headquarters);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_country, organization->headquarters, list);
        }
      g_ptr_array_add (list, organization->id);
    }

  g_hash_table_iter_init (&iter, self->organization_markers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (by_country, key))
      {
        atlas_marker_layer_remove (self->markers, value);
        g_hash_table_iter_remove (&iter);
      }

  g_hash_table_iter_init (&iter, by_country);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *ids = value;
      GtkWidget *marker = g_hash_table_lookup (self->organization_markers, key);
      g_autoptr(GString) tooltip = g_string_new (NULL);
      g_autofree char *text = NULL;
      const char *first;

      /* The most involved first */
      g_ptr_array_sort_with_data (ids, compare_counts, self->organization_counts);
      first = g_ptr_array_index (ids, 0);
      if (ids->len == 1)
        text = g_strdup (first);
      else
        /* Translators: a map marker for several organizations in one
         * country: the name of the most involved, then how many more */
        text = g_strdup_printf (_("%s +%u"), first, ids->len - 1);

      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);
          Organization *organization = g_hash_table_lookup (self->organizations, id);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->organization_counts, id));
          g_autofree char *records = format_count (count);
          g_autofree char *line = NULL;

          line = g_markup_printf_escaped ("<b>%s</b> %s — %s", id,
                                          organization->name ? organization->name : "", records);
          if (tooltip->len > 0)
            g_string_append_c (tooltip, '\n');
          g_string_append (tooltip, line);
        }

      if (marker != NULL && g_strcmp0 (_atlas_world_map_get_marker_tooltip (marker), tooltip->str) == 0 &&
          g_strcmp0 (g_object_get_data (G_OBJECT (marker), "atlas-short-text"), text) == 0)
        continue;

      if (marker == NULL)
        {
          const AtlasWorldShape *shape = lookup_place (key);

          if (shape == NULL)
            continue;

          marker = marker_new ("organization");
          atlas_marker_layer_add (self->markers, marker, shape->label_lat, shape->label_lon,
                                  ORGANIZATION_OFFSET, 0);
          g_hash_table_insert (self->organization_markers, g_strdup (key), marker);
        }

      update_marker (marker, text, text, tooltip->str, self->named_markers);
      atlas_marker_layer_set_priority (self->markers, marker,
                                       GPOINTER_TO_INT (g_hash_table_lookup (self->organization_counts, first)));
    }
}

static void
update_markers (AtlasWorldMap *self)
{
  update_organization_markers (self);
  update_country_markers (self);
}

/* The selected item */

static guint
get_selected_position (AtlasWorldMap *self)
{
  g_autoptr(GtkBitset) selection = NULL;

  if (self->model == NULL)
    return GTK_INVALID_LIST_POSITION;

  selection = gtk_selection_model_get_selection (self->model);
  if (gtk_bitset_is_empty (selection))
    return GTK_INVALID_LIST_POSITION;

  return gtk_bitset_get_minimum (selection);
}

static void
update_selected_item (AtlasWorldMap *self)
{
  g_autoptr(GPtrArray) territory = g_ptr_array_new ();
  g_autoptr(GArray) endpoints = g_array_new (FALSE, FALSE, sizeof (AtlasWorldPoint));
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  ItemInfo *info = NULL;

  self->selected_position = get_selected_position (self);
  if (self->selected_position < self->items->len)
    info = g_ptr_array_index (self->items, self->selected_position);

  /* Partners: the countries, then organizations' headquarters elsewhere */
  for (guint i = 0; info != NULL && i < info->n_countries; i++)
    {
      Country *country = get_country (self, item_info_get_countries (info)[i]);
      const AtlasWorldShape *shape = lookup_place (country->code);

      for (guint j = 0; j < country->n_territory; j++)
        add_unique (territory, get_country (self, country->territory[j])->code);

      if (shape != NULL && add_unique (places, shape->code))
        {
          AtlasWorldPoint p = { shape->label_lon, shape->label_lat };
          g_array_append_val (endpoints, p);
        }
    }

  for (guint i = 0; info != NULL && i < info->n_organizations; i++)
    {
      Organization *organization = g_hash_table_lookup (self->organizations,
                                                        get_organization_key (self, item_info_get_organizations (info)[i]));
      const AtlasWorldShape *shape;

      if (organization == NULL || organization->headquarters == NULL)
        continue;

      shape = lookup_place (organization->headquarters);
      if (shape != NULL && add_unique (places, shape->code))
        {
          AtlasWorldPoint p = { shape->label_lon, shape->label_lat };
          g_array_append_val (endpoints, p);
        }
    }

  /* The selected item's countries' markers stand out */
  for (guint i = 0; i < atlas_marker_layer_get_n_markers (self->markers); i++)
    {
      GtkWidget *marker = atlas_marker_layer_get_marker (self->markers, i);
      const char *code = g_object_get_data (G_OBJECT (marker), "atlas-country");

      if (code != NULL && info != NULL && item_info_has_country (self, info, code))
        gtk_widget_add_css_class (marker, "highlighted");
      else
        gtk_widget_remove_css_class (marker, "highlighted");
    }

  g_ptr_array_add (territory, NULL);
  atlas_choropleth_layer_set_highlighted (self->choropleth, (const char * const *) territory->pdata);
  atlas_arc_layer_set_endpoints (self->arcs, (const AtlasWorldPoint *) endpoints->data, endpoints->len);
}

/* Counting */

/* Adds an item's part to the counts (@delta 1), or takes it away (-1).
 * Each item counts once per country, even if named twice or through a
 * former country and its successor, and once per organization. */
static void
count_item (AtlasWorldMap  *self,
            const ItemInfo *info,
            int             delta)
{
  const guint32 *countries = item_info_get_countries (info);
  const guint32 *organizations = item_info_get_organizations (info);
  guint stamp = ++self->stamp;

  /* Stamps start again from 1: none may be left from the last round */
  if (G_UNLIKELY (stamp == 0))
    {
      memset (self->tally_counts.stamps, 0, self->n_alloc_countries * sizeof (guint));
      memset (self->tally_territory.stamps, 0, self->n_alloc_countries * sizeof (guint));
      memset (self->tally_members.stamps, 0, self->n_alloc_countries * sizeof (guint));
      memset (self->tally_organizations.stamps, 0, self->n_alloc_organizations * sizeof (guint));
      stamp = self->stamp = 1;
    }

  for (guint j = 0; j < info->n_countries; j++)
    {
      Country *country = get_country (self, countries[j]);

      if (!country->known || self->tally_counts.stamps[countries[j]] == stamp)
        continue;

      tally_add (&self->tally_counts, countries[j], stamp, delta);
      for (guint k = 0; k < country->n_territory; k++)
        tally_add (&self->tally_territory, country->territory[k], stamp, delta);

      if (self->track_dirty)
        {
          g_array_append_val (self->dirty_countries, countries[j]);
          g_array_append_vals (self->dirty_countries, country->territory, country->n_territory);
        }
    }

  for (guint j = 0; j < info->n_organizations; j++)
    {
      GArray *members;

      if (self->tally_organizations.stamps[organizations[j]] == stamp)
        continue;

      tally_add (&self->tally_organizations, organizations[j], stamp, delta);
      members = g_ptr_array_index (self->organization_members, organizations[j]);
      for (guint k = 0; members != NULL && k < members->len; k++)
        tally_add (&self->tally_members, g_array_index (members, guint32, k), stamp, delta);

      if (self->track_dirty)
        {
          g_array_append_val (self->dirty_organizations, organizations[j]);
          if (members != NULL)
            g_array_append_vals (self->dirty_countries, members->data, members->len);
        }
    }
}

static GHashTable *
new_count_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The counts that are not zero, by code */
static GHashTable *
tally_to_table (AtlasWorldMap *self,
                const Tally   *tally,
                gboolean       organizations)
{
  GHashTable *table = new_count_table ();
  guint n = organizations ? self->organization_keys->len : self->countries->len;

  for (guint id = 0; id < n; id++)
    if (tally->counts[id] > 0)
      g_hash_table_insert (table,
                           g_strdup (organizations ? get_organization_key (self, id) : get_country (self, id)->code),
                           GUINT_TO_POINTER (tally->counts[id]));

  return table;
}

static void
update_count (GHashTable *table,
              const char *key,
              guint       count)
{
  if (count > 0)
    g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (count));
  else
    g_hash_table_remove (table, key);
}

/* The tables follow the arrays: built again after a recount, and after
 * a few items came or went, only the entries of what they named */
static void
counts_changed (AtlasWorldMap *self,
                gboolean       all)
{
  if (all)
    {
      g_clear_pointer (&self->counts, g_hash_table_unref);
      g_clear_pointer (&self->territory_counts, g_hash_table_unref);
      g_clear_pointer (&self->member_counts, g_hash_table_unref);
      g_clear_pointer (&self->organization_counts, g_hash_table_unref);
      self->counts = tally_to_table (self, &self->tally_counts, FALSE);
      self->territory_counts = tally_to_table (self, &self->tally_territory, FALSE);
      self->member_counts = tally_to_table (self, &self->tally_members, FALSE);
      self->organization_counts = tally_to_table (self, &self->tally_organizations, TRUE);
    }
  else
    {
      for (guint i = 0; i < self->dirty_countries->len; i++)
        {
          guint32 id = g_array_index (self->dirty_countries, guint32, i);
          const char *code = get_country (self, id)->code;

          update_count (self->counts, code, self->tally_counts.counts[id]);
          update_count (self->territory_counts, code, self->tally_territory.counts[id]);
          update_count (self->member_counts, code, self->tally_members.counts[id]);
        }
      for (guint i = 0; i < self->dirty_organizations->len; i++)
        {
          guint32 id = g_array_index (self->dirty_organizations, guint32, i);

          update_count (self->organization_counts, get_organization_key (self, id),
                        self->tally_organizations.counts[id]);
        }
    }
  g_array_set_size (self->dirty_countries, 0);
  g_array_set_size (self->dirty_organizations, 0);

  atlas_choropleth_layer_set_counts (self->choropleth, self->territory_counts, self->member_counts);
  update_legend (self);
  update_markers (self);
  update_selected_item (self);
}

static void
recount (AtlasWorldMap *self)
{
  ensure_members (self);
  tally_clear (&self->tally_counts, self->n_alloc_countries);
  tally_clear (&self->tally_territory, self->n_alloc_countries);
  tally_clear (&self->tally_members, self->n_alloc_countries);
  tally_clear (&self->tally_organizations, self->n_alloc_organizations);

  for (guint i = 0; i < self->items->len; i++)
    count_item (self, g_ptr_array_index (self->items, i), 1);

  counts_changed (self, TRUE);
}

static void
reread_items (AtlasWorldMap *self)
{
  guint n_items = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  atlas_item_cache_follow (self->cache, self->model ? G_LIST_MODEL (self->model) : NULL);

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (self->items, get_item_info (self, i));

  recount (self);
}

static void
items_changed_cb (AtlasWorldMap *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  guint old_n = self->items->len;
  guint new_n, tail;
  gboolean recount_all;
  gpointer *data;

  atlas_item_cache_follow (self->cache, model);

  position = MIN (position, old_n);
  removed = MIN (removed, old_n - position);
  new_n = old_n - removed + added;
  tail = old_n - position - removed;

  /* Counting all that stays is cheaper than taking away and adding
   * what changed, when most changed (filters) */
  recount_all = removed + added > new_n || !self->members_valid;
  self->track_dirty = !recount_all;

  /* Forget what was removed, then make room for what was added: one
   * move of the items after them */
  for (guint i = 0; i < removed; i++)
    {
      ItemInfo *info = g_ptr_array_index (self->items, position + i);

      if (!recount_all)
        count_item (self, info, -1);
      item_info_unref (info);
    }

  if (new_n > old_n)
    g_ptr_array_set_size (self->items, new_n);
  data = self->items->pdata;
  if (tail > 0)
    memmove (data + position + added, data + position + removed, tail * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    data[position + i] = NULL;
  if (new_n < old_n)
    {
      /* What is past the end was moved or freed already */
      memset (data + new_n, 0, (old_n - new_n) * sizeof (gpointer));
      g_ptr_array_set_size (self->items, new_n);
    }

  /* Read only what was added, or take it from the cache */
  for (guint i = 0; i < added; i++)
    {
      ItemInfo *info = get_item_info (self, position + i);

      data[position + i] = info;
      if (!recount_all)
        count_item (self, info, 1);
    }

  self->track_dirty = FALSE;
  if (recount_all)
    recount (self);
  else
    counts_changed (self, FALSE);
}

static void
selection_changed_cb (AtlasWorldMap *self)
{
  update_selected_item (self);
}

/* The basemap */

static void
update_basemap (AtlasWorldMap *self)
{
  g_autoptr(AtlasBasemapSource) source = NULL;
  ShumateMapLayer *layer;

  source = atlas_basemap_source_new (self->dark, self->scale_factor);

  if (self->basemap_source == NULL ||
      g_strcmp0 (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (source)),
                 shumate_map_source_get_id (SHUMATE_MAP_SOURCE (self->basemap_source))) != 0)
    {
      /* A new source id is a new look: a new layer with an empty cache */
      layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), self->viewport);
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (layer),
                                       self->basemap_layer ? SHUMATE_LAYER (self->basemap_layer)
                                                           : SHUMATE_LAYER (self->choropleth));
      if (self->basemap_layer != NULL)
        shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->basemap_layer));
      self->basemap_layer = layer;

      if (self->basemap_source != NULL)
        shumate_license_remove_map_source (self->license, SHUMATE_MAP_SOURCE (self->basemap_source));
      shumate_license_append_map_source (self->license, SHUMATE_MAP_SOURCE (source));
      shumate_viewport_set_reference_map_source (self->viewport, SHUMATE_MAP_SOURCE (source));

      g_set_object (&self->basemap_source, source);
    }

  if (self->basemap == ATLAS_WORLD_MAP_BASEMAP_ONLINE && self->online_layer == NULL)
    {
      g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();

      /* Downloads are asynchronous: without a network, tiles stay empty
       * and the offline basemap shows through */
      self->online_source = g_object_ref (shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK));
      self->online_layer = shumate_map_layer_new (self->online_source, self->viewport);
      shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->online_layer),
                                      SHUMATE_LAYER (self->basemap_layer));
      shumate_license_prepend_map_source (self->license, self->online_source);
    }
  else if (self->basemap == ATLAS_WORLD_MAP_BASEMAP_OFFLINE && self->online_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->online_layer));
      shumate_license_remove_map_source (self->license, self->online_source);
      self->online_layer = NULL;
      g_clear_object (&self->online_source);
    }
}

static void
scale_factor_changed_cb (AtlasWorldMap *self)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (scale_factor == self->scale_factor)
    return;

  self->scale_factor = scale_factor;
  update_basemap (self);
}

/* The view */

static void
compute_world_view (int     width,
                    int     height,
                    double *latitude,
                    double *longitude,
                    double *zoom)
{
  double north = atlas_world_project_y (WORLD_VIEW_NORTH);
  double south = atlas_world_project_y (WORLD_VIEW_SOUTH);
  double zoom_x = log2 (width / (double) ATLAS_BASEMAP_TILE_SIZE);
  double zoom_y = log2 (height / (ATLAS_BASEMAP_TILE_SIZE * (south - north)));

  *zoom = CLAMP (MIN (zoom_x, zoom_y), 0., ATLAS_BASEMAP_MAX_ZOOM);
  *latitude = atlas_world_unproject_y ((north + south) / 2.);
  *longitude = 10.;
}

static void
go_to (AtlasWorldMap *self,
       double         latitude,
       double         longitude,
       double         zoom,
       gboolean       animate)
{
  if (animate && gtk_widget_get_mapped (GTK_WIDGET (self)))
    shumate_map_go_to_full_with_duration (self->map, latitude, longitude, zoom, GO_TO_DURATION);
  else
    {
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (self->viewport), latitude, longitude);
    }
}

static gboolean
is_world_view (AtlasWorldMap *self)
{
  return self->world_view_set &&
         fabs (shumate_viewport_get_zoom_level (self->viewport) - self->world_view[2]) < 1e-6 &&
         fabs (shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)) - self->world_view[0]) < 1e-6 &&
         fabs (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)) - self->world_view[1]) < 1e-6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The smallest interval that covers x coordinates on the circle of
 * longitudes (0 to 1): the complement of the largest gap between them,
 * so that partners on both sides of the Pacific are fitted across it */
static void
circular_span (GArray *xs,
               double *center,
               double *span)
{
  const double *x;
  double largest_gap;
  guint start = 0;

  g_array_sort (xs, compare_doubles);
  x = (const double *) xs->data;

  largest_gap = x[0] + 1. - x[xs->len - 1];
  for (guint i = 1; i < xs->len; i++)
    if (x[i] - x[i - 1] > largest_gap)
      {
        largest_gap = x[i] - x[i - 1];
        start = i;
      }

  *span = 1. - largest_gap;
  *center = fmod (x[start] + *span / 2., 1.);
}

static void
add_place (GArray     *xs,
           double     *min_y,
           double     *max_y,
           const char *code)
{
  const AtlasWorldShape *shape = lookup_place (code);
  double x, y;

  if (shape == NULL)
    return;

  x = fmod (atlas_world_project_x (shape->label_lon), 1.);
  y = atlas_world_project_y (shape->label_lat);
  g_array_append_val (xs, x);
  *min_y = MIN (*min_y, y);
  *max_y = MAX (*max_y, y);
}

/* Actions */

/* libshumate 1.0 zooms its buttons by a fifth of a level: these go to
 * the next whole level, where tiles are drawn at their own size */
static void
zoom_by (AtlasWorldMap *self,
         int            direction)
{
  double zoom = shumate_viewport_get_zoom_level (self->viewport);
  double target = direction > 0 ? floor (zoom + 1e-3) + 1. : ceil (zoom - 1e-3) - 1.;

  target = CLAMP (target, shumate_viewport_get_min_zoom_level (self->viewport),
                  shumate_viewport_get_max_zoom_level (self->viewport));
  go_to (self, shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)),
         shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)), target, TRUE);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom_by (ATLAS_WORLD_MAP (widget), 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom_by (ATLAS_WORLD_MAP (widget), -1);
}

/* Arrow keys move the map by a quarter of its size */
static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AtlasWorldMap *self = ATLAS_WORLD_MAP (widget);
  double world_size = ATLAS_BASEMAP_TILE_SIZE * exp2 (shumate_viewport_get_zoom_level (self->viewport));
  double x = atlas_world_project_x (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)));
  double y = atlas_world_project_y (shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)));
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  x += dx * gtk_widget_get_width (widget) / 4. / world_size;
  y += dy * gtk_widget_get_height (widget) / 4. / world_size;
  x = fmod (x, 1.);
  if (x < 0)
    x += 1.;

  go_to (self, atlas_world_unproject_y (CLAMP (y, 0., 1.)), atlas_world_unproject_x (x),
         shumate_viewport_get_zoom_level (self->viewport), TRUE);
}

static void
fit_partners_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  atlas_world_map_fit_partners (ATLAS_WORLD_MAP (widget), TRUE);
}

static void
fit_world_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  atlas_world_map_fit_world (ATLAS_WORLD_MAP (widget), TRUE);
}

static void
unselect_country_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  atlas_world_map_set_selected_country (ATLAS_WORLD_MAP (widget), NULL);
}

/* Pointer */

static void
update_hovered (AtlasWorldMap *self,
                const char    *code)
{
  if (!replace_str (&self->hovered_country, code))
    return;

  atlas_choropleth_layer_set_hovered (self->choropleth, code);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self->map));
}

static void
motion_cb (AtlasWorldMap            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
  update_hovered (self, atlas_world_map_get_country_at (self, x, y));
}

static void
leave_cb (AtlasWorldMap *self)
{
  self->has_pointer = FALSE;
  update_hovered (self, NULL);
}

/* The map moved under a pointer that did not */
static void
viewport_moved_cb (AtlasWorldMap *self)
{
  if (self->has_pointer)
    update_hovered (self, atlas_world_map_get_country_at (self, self->pointer_x, self->pointer_y));
}

static void
pressed_cb (AtlasWorldMap   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  self->press_x = x;
  self->press_y = y;
}

static void
released_cb (AtlasWorldMap   *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  /* A click, not the end of a drag */
  if (n_press != 1 || hypot (x - self->press_x, y - self->press_y) > 6.)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->map));
  atlas_world_map_set_selected_country (self, atlas_world_map_get_country_at (self, x, y));
}

static gboolean
query_tooltip_cb (AtlasWorldMap *self,
                  int            x,
                  int            y,
                  gboolean       keyboard_mode,
                  GtkTooltip    *tooltip)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *code, *name;
  GHashTableIter iter;
  gpointer key, value;
  guint count, members;

  if (keyboard_mode)
    return FALSE;

  code = atlas_world_map_get_country_at (self, x, y);
  if (code == NULL || (name = atlas_countries_get_name (code)) == NULL)
    return FALSE;

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, code));
  g_string_append_printf (markup, "<b>%s</b>", name);
  if (count > 0)
    {
      g_autofree char *records = format_count (count);
      g_string_append_printf (markup, "\n%s", records);
    }

  /* Former countries drawn on this one */
  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char * const *successors = atlas_countries_get_successors (key);

      if (successors != NULL && g_strv_contains (successors, code))
        {
          g_autofree char *records = format_count (GPOINTER_TO_UINT (value));
          g_autofree char *line = NULL;

          /* Translators: in a country's tooltip on the map: the former
           * country it was part of, then that one's number of records */
          line = g_markup_printf_escaped (_("As part of %s: %s"), atlas_countries_get_short_name (key), records);
          g_string_append_printf (markup, "\n%s", line);
        }
    }

  members = GPOINTER_TO_UINT (g_hash_table_lookup (self->member_counts, code));
  if (members > 0)
    {
      g_autofree char *records = format_count (members);
      g_autofree char *line = NULL;

      /* Translators: in a country's tooltip on the map: records that name
       * an organization the country is a member of */
      line = g_markup_printf_escaped (_("Through its organizations: %s"), records);
      g_string_append_printf (markup, "\n%s", line);
    }

  if (count == 0 && members == 0 && g_hash_table_size (self->counts) > 0)
    g_string_append_printf (markup, "\n%s", _("No records"));

  gtk_tooltip_set_markup (tooltip, markup->str);
  return TRUE;
}

static void
viewport_zoom_changed_cb (AtlasWorldMap *self)
{
  double zoom = shumate_viewport_get_zoom_level (self->viewport);
  gboolean named = zoom >= NAMED_MARKERS_ZOOM;

  if (named != self->named_markers)
    {
      self->named_markers = named;
      for (guint i = 0; i < atlas_marker_layer_get_n_markers (self->markers); i++)
        set_marker_text (atlas_marker_layer_get_marker (self->markers, i), named);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-in",
                                 zoom < shumate_viewport_get_max_zoom_level (self->viewport));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-out",
                                 zoom > shumate_viewport_get_min_zoom_level (self->viewport));
}

/* The controls over the map, at their natural size in a corner */
static void
place_control (GtkWidget       *control,
               int              width,
               int              height,
               gboolean         end_x,
               gboolean         end_y,
               graphene_rect_t *area)
{
  int control_width, control_height;

  gtk_widget_measure (control, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &control_width, NULL, NULL);
  control_width = MIN (control_width, width);
  gtk_widget_measure (control, GTK_ORIENTATION_VERTICAL, control_width, NULL, &control_height, NULL, NULL);
  control_height = MIN (control_height, height);

  graphene_rect_init (area, end_x ? width - control_width : 0, end_y ? height - control_height : 0,
                      control_width, control_height);
}

static void
atlas_world_map_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  AtlasWorldMap *self = ATLAS_WORLD_MAP (widget);
  GtkWidget *controls[] = { self->controls, self->bottom, GTK_WIDGET (self->license) };
  graphene_rect_t areas[G_N_ELEMENTS (controls)];
  guint n_areas = 0;

  /* The world fits the window until someone moves the map; set before
   * the map is allocated, so it lays out the new view at once */
  if (width > 0 && height > 0 && (!self->world_view_set || is_world_view (self)))
    {
      double view[3];

      /* Only a new size changes it: relayouts must not stop animations */
      compute_world_view (width, height, &view[0], &view[1], &view[2]);
      if (!self->world_view_set || memcmp (view, self->world_view, sizeof view) != 0)
        {
          memcpy (self->world_view, view, sizeof view);
          self->world_view_set = TRUE;
          go_to (self, view[0], view[1], view[2], FALSE);
        }
    }

  place_control (self->controls, width, height, TRUE, FALSE, &areas[0]);
  place_control (self->bottom, width, height, FALSE, TRUE, &areas[1]);
  place_control (GTK_WIDGET (self->license), width, height, TRUE, TRUE, &areas[2]);

  /* In a narrow map the legend gives way to the attribution */
  gtk_widget_set_child_visible (self->bottom,
                                areas[1].size.width + areas[2].size.width <= width ||
                                areas[1].origin.y + areas[1].size.height <= areas[2].origin.y);

  /* Markers stay clear of the controls: known before the map and its
   * markers are allocated */
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    if (gtk_widget_get_visible (controls[i]) && gtk_widget_get_child_visible (controls[i]))
      areas[n_areas++] = areas[i];
  atlas_marker_layer_set_reserved (self->markers, areas, n_areas);

  gtk_widget_allocate (GTK_WIDGET (self->map), width, height, baseline, NULL);

  place_control (self->controls, width, height, TRUE, FALSE, &areas[0]);
  place_control (self->bottom, width, height, FALSE, TRUE, &areas[1]);
  place_control (GTK_WIDGET (self->license), width, height, TRUE, TRUE, &areas[2]);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_size_allocate (controls[i],
                              &(GtkAllocation) { areas[i].origin.x, areas[i].origin.y,
                                                 areas[i].size.width, areas[i].size.height },
                              -1);
}

static void
atlas_world_map_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  AtlasWorldMap *self = ATLAS_WORLD_MAP (widget);
  int control_minimum;

  /* As small as the map, but room for the zoom buttons */
  gtk_widget_measure (GTK_WIDGET (self->map), orientation, -1, minimum, natural, NULL, NULL);
  gtk_widget_measure (self->controls, orientation, -1, &control_minimum, NULL, NULL, NULL);
  *minimum = MAX (*minimum, control_minimum);
  *natural = MAX (*natural, *minimum);
}

static void
atlas_world_map_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AtlasWorldMap *self = ATLAS_WORLD_MAP (widget);

  /* The sea goes on beyond the tiles, past the poles */
  gtk_snapshot_append_color (snapshot, &atlas_basemap_style_get (self->dark)->sea,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));

  GTK_WIDGET_CLASS (atlas_world_map_parent_class)->snapshot (widget, snapshot);
}

/* GObject */

static void
disconnect_model (AtlasWorldMap *self)
{
  if (self->model == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  atlas_item_cache_follow (self->cache, NULL);
}

static void
atlas_world_map_dispose (GObject *object)
{
  AtlasWorldMap *self = ATLAS_WORLD_MAP (object);

  disconnect_model (self);
  if (self->map != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->map));
      gtk_widget_unparent (self->controls);
      gtk_widget_unparent (self->bottom);
      gtk_widget_unparent (GTK_WIDGET (self->license));
    }
  self->map = NULL;
  self->controls = NULL;
  self->bottom = NULL;
  self->license = NULL;
  self->basemap_layer = NULL;
  self->online_layer = NULL;
  g_clear_object (&self->basemap_source);
  g_clear_object (&self->online_source);
  g_clear_pointer (&self->countries_expression, gtk_expression_unref);
  g_clear_pointer (&self->organizations_expression, gtk_expression_unref);

  G_OBJECT_CLASS (atlas_world_map_parent_class)->dispose (object);
}

static void
atlas_world_map_finalize (GObject *object)
{
  AtlasWorldMap *self = ATLAS_WORLD_MAP (object);

  g_ptr_array_unref (self->items);
  atlas_item_cache_free (self->cache);
  g_hash_table_unref (self->country_ids);
  g_ptr_array_unref (self->countries);
  g_hash_table_unref (self->organization_ids);
  g_ptr_array_unref (self->organization_members);
  g_ptr_array_unref (self->organization_keys);
  tally_free (&self->tally_counts);
  tally_free (&self->tally_territory);
  tally_free (&self->tally_members);
  tally_free (&self->tally_organizations);
  g_array_unref (self->dirty_countries);
  g_array_unref (self->dirty_organizations);
  g_hash_table_unref (self->counts);
  g_hash_table_unref (self->territory_counts);
  g_hash_table_unref (self->member_counts);
  g_hash_table_unref (self->organization_counts);
  g_hash_table_unref (self->organizations);
  g_hash_table_unref (self->country_markers);
  g_hash_table_unref (self->organization_markers);
  g_free (self->selected_country);
  g_free (self->hovered_country);

  G_OBJECT_CLASS (atlas_world_map_parent_class)->finalize (object);
}

static void
atlas_world_map_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AtlasWorldMap *self = ATLAS_WORLD_MAP (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_COUNTRIES_EXPRESSION:
      gtk_value_set_expression (value, self->countries_expression);
      break;
    case PROP_ORGANIZATIONS_EXPRESSION:
      gtk_value_set_expression (value, self->organizations_expression);
      break;
    case PROP_SELECTED_COUNTRY:
      g_value_set_string (value, self->selected_country);
      break;
    case PROP_BASEMAP:
      g_value_set_enum (value, self->basemap);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_PALETTE:
      g_value_set_enum (value, self->palette);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_world_map_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AtlasWorldMap *self = ATLAS_WORLD_MAP (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      atlas_world_map_set_model (self, g_value_get_object (value));
      break;
    case PROP_COUNTRIES_EXPRESSION:
      atlas_world_map_set_countries_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_ORGANIZATIONS_EXPRESSION:
      atlas_world_map_set_organizations_expression (self, gtk_value_get_expression (value));
      break;
    case PROP_SELECTED_COUNTRY:
      atlas_world_map_set_selected_country (self, g_value_get_string (value));
      break;
    case PROP_BASEMAP:
      atlas_world_map_set_basemap (self, g_value_get_enum (value));
      break;
    case PROP_DARK:
      atlas_world_map_set_dark (self, g_value_get_boolean (value));
      break;
    case PROP_PALETTE:
      atlas_world_map_set_palette (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_world_map_class_init (AtlasWorldMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_world_map_dispose;
  object_class->finalize = atlas_world_map_finalize;
  object_class->get_property = atlas_world_map_get_property;
  object_class->set_property = atlas_world_map_set_property;
  widget_class->size_allocate = atlas_world_map_size_allocate;
  widget_class->measure = atlas_world_map_measure;
  widget_class->snapshot = atlas_world_map_snapshot;

  /**
   * AtlasWorldMap:model:
   *
   * The items to map, and which one is selected.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GTK_TYPE_SELECTION_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasWorldMap:countries-expression:
   *
   * Gives an item's countries (%G_TYPE_STRV of ISO 3166-1 alpha-2 codes;
   * former countries by their ISO 3166-3 codes: SU, DD, CS, YU).
   */
  properties[PROP_COUNTRIES_EXPRESSION] =
    gtk_param_spec_expression ("countries-expression", NULL, NULL,
                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasWorldMap:organizations-expression:
   *
   * Gives an item's organizations (%G_TYPE_STRV of ids given to
   * atlas_world_map_set_organization()); optional.
   */
  properties[PROP_ORGANIZATIONS_EXPRESSION] =
    gtk_param_spec_expression ("organizations-expression", NULL, NULL,
                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasWorldMap:selected-country:
   *
   * The country someone clicked, or %NULL.
   */
  properties[PROP_SELECTED_COUNTRY] =
    g_param_spec_string ("selected-country", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasWorldMap:basemap:
   *
   * The offline basemap, or OpenStreetMap over it.
   */
  properties[PROP_BASEMAP] =
    g_param_spec_enum ("basemap", NULL, NULL, ATLAS_TYPE_WORLD_MAP_BASEMAP, ATLAS_WORLD_MAP_BASEMAP_OFFLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasWorldMap:dark:
   *
   * Whether to draw for a dark style.
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AtlasWorldMap:palette:
   *
   * The colours that countries are filled with, by their counts.
   */
  properties[PROP_PALETTE] =
    g_param_spec_enum ("palette", NULL, NULL, ATLAS_TYPE_CHOROPLETH_PALETTE, ATLAS_CHOROPLETH_PALETTE_WARM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.fit-partners", NULL, fit_partners_action);
  gtk_widget_class_install_action (widget_class, "map.fit-world", NULL, fit_world_action);
  gtk_widget_class_install_action (widget_class, "map.unselect-country", NULL, unselect_country_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "map.fit-partners", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.fit-world", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.unselect-country", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);

  gtk_widget_class_set_css_name (widget_class, "worldmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
map_button_new (const char *icon_name,
                const char *action_name,
                const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "osd");
  return button;
}

static void
atlas_world_map_init (AtlasWorldMap *self)
{
  GtkEventController *motion;
  GtkGesture *click;
  GtkWidget *zoom_box, *controls, *bottom;

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_info_unref);
  self->cache = atlas_item_cache_new ((GDestroyNotify) item_info_unref);
  self->country_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->countries = g_ptr_array_new_with_free_func ((GDestroyNotify) country_free);
  self->organization_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->organization_keys = g_ptr_array_new_with_free_func (g_free);
  self->organization_members = g_ptr_array_new_with_free_func ((GDestroyNotify) free_members);
  self->counts = new_count_table ();
  self->territory_counts = new_count_table ();
  self->member_counts = new_count_table ();
  self->organization_counts = new_count_table ();
  self->dirty_countries = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->dirty_organizations = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->organizations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) organization_free);
  self->country_markers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->organization_markers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selected_position = GTK_INVALID_LIST_POSITION;
  self->scale_factor = 1;

  /* Start reading the fine polygons now; the coarse ones draw until then */
  atlas_world_geometry_preload (ATLAS_WORLD_DETAIL_FINE);


  self->map = shumate_map_new ();
  gtk_widget_set_focusable (GTK_WIDGET (self->map), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self->map), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->map), GTK_WIDGET (self));
  self->viewport = shumate_map_get_viewport (self->map);

  self->license = shumate_license_new ();
  shumate_license_set_xalign (self->license, 1.);
  gtk_widget_set_halign (GTK_WIDGET (self->license), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self->license), GTK_ALIGN_END);

  self->choropleth = atlas_choropleth_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->choropleth));
  self->arcs = atlas_arc_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->arcs));
  self->markers = atlas_marker_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->markers));

  update_basemap (self);
  shumate_viewport_set_min_zoom_level (self->viewport, 0);
  shumate_viewport_set_max_zoom_level (self->viewport, ATLAS_BASEMAP_MAX_ZOOM);

  /* Zoom and fit, top right */
  controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (controls, GTK_ALIGN_END);
  gtk_widget_set_valign (controls, GTK_ALIGN_START);
  gtk_widget_add_css_class (controls, "map-controls");
  zoom_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (zoom_box, "linked");
  gtk_box_append (GTK_BOX (zoom_box), map_button_new ("zoom-in-symbolic", "map.zoom-in", _("Zoom In")));
  gtk_box_append (GTK_BOX (zoom_box), map_button_new ("zoom-out-symbolic", "map.zoom-out", _("Zoom Out")));
  gtk_box_append (GTK_BOX (controls), zoom_box);
  gtk_box_append (GTK_BOX (controls),
                  map_button_new ("zoom-fit-best-symbolic", "map.fit-partners", _("Show All Partners (F)")));
  gtk_widget_set_parent (controls, GTK_WIDGET (self));
  self->controls = controls;

  /* Scale and legend, bottom left */
  bottom = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (bottom, GTK_ALIGN_START);
  gtk_widget_set_valign (bottom, GTK_ALIGN_END);
  gtk_widget_add_css_class (bottom, "map-bottom");
  self->scale = shumate_scale_new (self->viewport);
  gtk_widget_set_halign (GTK_WIDGET (self->scale), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->scale));
  self->legend = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_add_css_class (self->legend, "map-legend");
  gtk_widget_set_halign (self->legend, GTK_ALIGN_START);
  gtk_widget_set_visible (self->legend, FALSE);
  gtk_box_append (GTK_BOX (bottom), self->legend);
  gtk_widget_set_parent (bottom, GTK_WIDGET (self));
  self->bottom = bottom;

  gtk_widget_set_parent (GTK_WIDGET (self->license), GTK_WIDGET (self));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->map), TRUE);
  g_signal_connect_object (self->map, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->viewport, "notify::zoom-level",
                           G_CALLBACK (viewport_zoom_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->viewport, "notify::zoom-level",
                           G_CALLBACK (viewport_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->viewport, "notify::latitude",
                           G_CALLBACK (viewport_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->viewport, "notify::longitude",
                           G_CALLBACK (viewport_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("World Map"),
                                  -1);
}

/* Public API */

/**
 * atlas_world_map_new:
 *
 * Returns: (transfer floating): a world map without items
 */
GtkWidget *
atlas_world_map_new (void)
{
  return g_object_new (ATLAS_TYPE_WORLD_MAP, NULL);
}

/**
 * atlas_world_map_get_model:
 *
 * Returns: (transfer none) (nullable): the items mapped
 */
GtkSelectionModel *
atlas_world_map_get_model (AtlasWorldMap *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), NULL);
  return self->model;
}

/**
 * atlas_world_map_set_model:
 * @model: (nullable): the items to map
 *
 * Maps the items of @model, and the selected one's partners.  Any
 * selection model will do: a filtered one maps what the filter keeps.
 *
 * Each item is read through the expressions once per item object, and
 * what they gave is kept until the item is finalized or an expression
 * changes: items must not change in place.  To change an item, replace
 * it in the model with another object.
 */
void
atlas_world_map_set_model (AtlasWorldMap     *self,
                           GtkSelectionModel *model)
{
  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  if (self->model == model)
    return;

  disconnect_model (self);
  if (model != NULL)
    {
      self->model = g_object_ref (model);
      g_signal_connect_swapped (model, "items-changed", G_CALLBACK (items_changed_cb), self);
      g_signal_connect_swapped (model, "selection-changed", G_CALLBACK (selection_changed_cb), self);
    }

  reread_items (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GtkExpression *
atlas_world_map_get_countries_expression (AtlasWorldMap *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), NULL);
  return self->countries_expression;
}

/**
 * atlas_world_map_set_countries_expression:
 * @expression: (nullable) (transfer none): evaluates to an item's
 *   countries, a %G_TYPE_STRV of ISO alpha-2 codes
 */
void
atlas_world_map_set_countries_expression (AtlasWorldMap *self,
                                          GtkExpression *expression)
{
  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));
  g_return_if_fail (expression == NULL || GTK_IS_EXPRESSION (expression));

  if (self->countries_expression == expression)
    return;

  g_clear_pointer (&self->countries_expression, gtk_expression_unref);
  if (expression != NULL)
    self->countries_expression = gtk_expression_ref (expression);

  /* What items give is another thing now */
  atlas_item_cache_remove_all (self->cache);
  reread_items (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRIES_EXPRESSION]);
}

GtkExpression *
atlas_world_map_get_organizations_expression (AtlasWorldMap *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), NULL);
  return self->organizations_expression;
}

/**
 * atlas_world_map_set_organizations_expression:
 * @expression: (nullable) (transfer none): evaluates to an item's
 *   organizations, a %G_TYPE_STRV of ids
 */
void
atlas_world_map_set_organizations_expression (AtlasWorldMap *self,
                                              GtkExpression *expression)
{
  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));
  g_return_if_fail (expression == NULL || GTK_IS_EXPRESSION (expression));

  if (self->organizations_expression == expression)
    return;

  g_clear_pointer (&self->organizations_expression, gtk_expression_unref);
  if (expression != NULL)
    self->organizations_expression = gtk_expression_ref (expression);

  /* What items give is another thing now */
  atlas_item_cache_remove_all (self->cache);
  reread_items (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATIONS_EXPRESSION]);
}

/**
 * atlas_world_map_set_organization:
 * @id: the id items use
 * @name: (nullable): its full name, for tooltips
 * @headquarters: (nullable): the country of its headquarters, where its
 *   marker goes
 * @members: (nullable): its member countries, hatched when an item
 *   names the organization
 *
 * Tells the map about an organization; one with the same id is
 * replaced.
 */
void
atlas_world_map_set_organization (AtlasWorldMap      *self,
                                  const char         *id,
                                  const char         *name,
                                  const char         *headquarters,
                                  const char * const *members)
{
  Organization *organization;

  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));
  g_return_if_fail (id != NULL);

  organization = g_new0 (Organization, 1);
  organization->id = g_strdup (id);
  organization->name = g_strdup (name);
  organization->headquarters = g_strdup (headquarters);
  organization->members = g_strdupv ((char **) members);
  g_hash_table_replace (self->organizations, organization->id, organization);

  self->members_valid = FALSE;
  recount (self);
}

void
atlas_world_map_clear_organizations (AtlasWorldMap *self)
{
  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));

  g_hash_table_remove_all (self->organizations);
  self->members_valid = FALSE;
  recount (self);
}

/**
 * atlas_world_map_get_selected_country:
 *
 * Returns: (nullable): the country last clicked
 */
const char *
atlas_world_map_get_selected_country (AtlasWorldMap *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), NULL);
  return self->selected_country;
}

/**
 * atlas_world_map_set_selected_country:
 * @code: (nullable): a country code, or %NULL for none
 */
void
atlas_world_map_set_selected_country (AtlasWorldMap *self,
                                      const char    *code)
{
  const char *single[2];

  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));

  if (!replace_str (&self->selected_country, code))
    return;

  atlas_choropleth_layer_set_selected (self->choropleth,
                                       code != NULL ? get_territory (code, single) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_COUNTRY]);
}

/**
 * atlas_world_map_pulse_countries:
 * @codes: countries, as items give them
 *
 * Draws the eye to @codes for a moment, with a halo that widens and
 * fades: for partners that just joined, while playing through time.  A
 * former country pulses on the territory of its successors.
 */
void
atlas_world_map_pulse_countries (AtlasWorldMap      *self,
                                 const char * const *codes)
{
  g_autoptr(GPtrArray) territory = g_ptr_array_new ();

  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *single[2];
      const char * const *shapes = get_territory (codes[i], single);

      for (guint j = 0; shapes[j] != NULL; j++)
        g_ptr_array_add (territory, (gpointer) shapes[j]);
    }
  g_ptr_array_add (territory, NULL);

  atlas_choropleth_layer_pulse (self->choropleth, (const char * const *) territory->pdata);
}

AtlasWorldMapBasemap
atlas_world_map_get_basemap (AtlasWorldMap *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), ATLAS_WORLD_MAP_BASEMAP_OFFLINE);
  return self->basemap;
}

/**
 * atlas_world_map_set_basemap:
 *
 * Chooses what the map draws under its data.  Online tiles load in the
 * background over the offline basemap: without a network, the map looks
 * as if offline.
 */
void
atlas_world_map_set_basemap (AtlasWorldMap        *self,
                             AtlasWorldMapBasemap  basemap)
{
  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));

  if (self->basemap == basemap)
    return;

  self->basemap = basemap;
  update_basemap (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
}

gboolean
atlas_world_map_get_dark (AtlasWorldMap *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), FALSE);
  return self->dark;
}

void
atlas_world_map_set_dark (AtlasWorldMap *self,
                          gboolean       dark)
{
  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  atlas_choropleth_layer_set_dark (self->choropleth, dark);
  atlas_arc_layer_set_dark (self->arcs, dark);
  update_basemap (self);
  update_legend (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

AtlasChoroplethPalette
atlas_world_map_get_palette (AtlasWorldMap *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), ATLAS_CHOROPLETH_PALETTE_WARM);
  return self->palette;
}

/**
 * atlas_world_map_set_palette:
 * @palette: the colours to fill countries with, by their counts
 */
void
atlas_world_map_set_palette (AtlasWorldMap          *self,
                             AtlasChoroplethPalette  palette)
{
  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));

  if (self->palette == palette)
    return;

  self->palette = palette;
  atlas_choropleth_layer_set_palette (self->choropleth, palette);
  update_legend (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

/**
 * atlas_world_map_get_count:
 * @code: a country code, as items give it
 *
 * Returns: how many items name @code
 */
guint
atlas_world_map_get_count (AtlasWorldMap *self,
                           const char    *code)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), 0);

  return code ? GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, code)) : 0;
}

/**
 * atlas_world_map_get_territory_count:
 * @code: a current country's code
 *
 * Returns: how many items involve @code's territory, directly or through
 *   a former country it was part of: what its shade shows
 */
guint
atlas_world_map_get_territory_count (AtlasWorldMap *self,
                                     const char    *code)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), 0);

  return code ? GPOINTER_TO_UINT (g_hash_table_lookup (self->territory_counts, code)) : 0;
}

/**
 * atlas_world_map_get_country_at:
 * @x: x in the widget's coordinates
 * @y: y in the widget's coordinates
 *
 * Returns: (nullable): the code of the country under (@x, @y), or %NULL
 *   at sea
 */
const char *
atlas_world_map_get_country_at (AtlasWorldMap *self,
                                double         x,
                                double         y)
{
  const AtlasWorldShape *shape;
  double latitude, longitude;

  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), NULL);

  if (self->map == NULL)
    return NULL;

  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map), x, y,
                                              &latitude, &longitude);
  if (fabs (latitude) > ATLAS_WORLD_MAX_LATITUDE)
    return NULL;

  shape = atlas_world_geometry_hit_test (get_current_geometry (self), latitude, longitude);
  return shape ? shape->code : NULL;
}

/**
 * atlas_world_map_get_viewport:
 *
 * Returns: (transfer none): the map's viewport: its centre and zoom level
 */
ShumateViewport *
atlas_world_map_get_viewport (AtlasWorldMap *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_MAP (self), NULL);
  return self->viewport;
}

/**
 * atlas_world_map_fit_world:
 * @animate: whether to move there smoothly
 *
 * Shows the whole world, as large as the widget allows.
 */
void
atlas_world_map_fit_world (AtlasWorldMap *self,
                           gboolean       animate)
{
  int width, height;

  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      self->world_view_set = FALSE;
      return;
    }

  compute_world_view (width, height, &self->world_view[0], &self->world_view[1], &self->world_view[2]);
  self->world_view_set = TRUE;
  go_to (self, self->world_view[0], self->world_view[1], self->world_view[2], animate);
}

/**
 * atlas_world_map_fit_partners:
 * @animate: whether to move there smoothly
 *
 * Shows the selected item's partners, or when none is selected every
 * country that items involve.
 */
void
atlas_world_map_fit_partners (AtlasWorldMap *self,
                              gboolean       animate)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double center_x, span_x, zoom_x, zoom_y, zoom;
  double width, height;
  ItemInfo *info = NULL;

  g_return_if_fail (ATLAS_IS_WORLD_MAP (self));

  if (self->selected_position < self->items->len)
    info = g_ptr_array_index (self->items, self->selected_position);

  if (info != NULL && info->n_countries > 0)
    {
      for (guint i = 0; i < info->n_countries; i++)
        add_place (xs, &min_y, &max_y, get_country (self, item_info_get_countries (info)[i])->code);
      for (guint i = 0; i < info->n_organizations; i++)
        {
          Organization *organization =
            g_hash_table_lookup (self->organizations,
                                 get_organization_key (self, item_info_get_organizations (info)[i]));

          if (organization != NULL && organization->headquarters != NULL)
            add_place (xs, &min_y, &max_y, organization->headquarters);
        }
    }
  else
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->counts);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        add_place (xs, &min_y, &max_y, key);
    }

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (xs->len == 0 || width <= 0 || height <= 0)
    {
      atlas_world_map_fit_world (self, animate);
      return;
    }

  circular_span (xs, &center_x, &span_x);
  width = MAX (1., width - 2 * FIT_PADDING);
  height = MAX (1., height - 2 * FIT_PADDING);
  zoom_x = span_x > 0. ? log2 (width / (span_x * ATLAS_BASEMAP_TILE_SIZE)) : FIT_MAX_ZOOM;
  zoom_y = max_y > min_y ? log2 (height / ((max_y - min_y) * ATLAS_BASEMAP_TILE_SIZE)) : FIT_MAX_ZOOM;
  zoom = CLAMP (MIN (zoom_x, zoom_y), 0., FIT_MAX_ZOOM);

  go_to (self, atlas_world_unproject_y ((min_y + max_y) / 2.), atlas_world_unproject_x (center_x), zoom, animate);
}

/* Private API */

ShumateMap *
_atlas_world_map_get_map (AtlasWorldMap *self)
{
  return self->map;
}

AtlasBasemapSource *
_atlas_world_map_get_basemap_source (AtlasWorldMap *self)
{
  return self->basemap_source;
}

ShumateMapLayer *
_atlas_world_map_get_online_layer (AtlasWorldMap *self)
{
  return self->online_layer;
}

AtlasChoroplethLayer *
_atlas_world_map_get_choropleth (AtlasWorldMap *self)
{
  return self->choropleth;
}

AtlasArcLayer *
_atlas_world_map_get_arcs (AtlasWorldMap *self)
{
  return self->arcs;
}

AtlasMarkerLayer *
_atlas_world_map_get_markers (AtlasWorldMap *self)
{
  return self->markers;
}

GtkWidget *
_atlas_world_map_get_legend (AtlasWorldMap *self)
{
  return self->legend;
}

/* How many items the map keeps what it read of */
guint
_atlas_world_map_get_n_cached (AtlasWorldMap *self)
{
  return atlas_item_cache_get_size (self->cache);
}

/* How many items name an organization @code is a member of */
guint
_atlas_world_map_get_member_count (AtlasWorldMap *self,
                                   const char    *code)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->member_counts, code));
}

/* How many items name the organization @id */
guint
_atlas_world_map_get_organization_count (AtlasWorldMap *self,
                                         const char    *id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->organization_counts, id));
}

/**
 * _atlas_world_map_get_marker_tooltip:
 * @marker: a marker of the map's marker layer
 *
 * Returns: (nullable): the markup of @marker's tooltip
 */
const char *
_atlas_world_map_get_marker_tooltip (GtkWidget *marker)
{
  g_return_val_if_fail (GTK_IS_WIDGET (marker), NULL);

  return g_object_get_data (G_OBJECT (marker), "atlas-tooltip");
}
