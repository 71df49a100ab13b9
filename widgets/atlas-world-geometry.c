/* atlas-world-geometry.c — country polygons decoded from TopoJSON
 *
 * The bundled basemap is Natural Earth's admin-0 countries, as TopoJSON
 * from the npm package world-atlas: shared, quantized, delta-encoded
 * arcs, and geometries that list the arcs of their rings.  This file
 * decodes that once into flat arrays that never change afterwards, so
 * tile-drawing threads read them without locks.
 *
 * Antimeridian: a few rings (Russia's, Fiji's) jump between +180° and
 * −180°.  They are unwrapped into one continuous ring that goes on past
 * 180° (x > 1), and whoever draws them also draws them one world to the
 * left and to the right.  A ring around a pole (Antarctica) cannot be
 * unwrapped: it keeps its jump, which is closed along the pole instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-world-geometry"

#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "atlas-countries.h"
#include "atlas-world-geometry.h"

struct _AtlasWorldGeometry
{
  gatomicrefcount  ref_count;

  GArray          *points;   /* AtlasWorldPoint, projected */
  GArray          *degrees;  /* AtlasWorldPoint, x = longitude, y = latitude */
  GArray          *rings;    /* AtlasWorldRing */
  GArray          *lines;    /* AtlasWorldLine */
  GArray          *shapes;   /* AtlasWorldShape */
  GHashTable      *by_code;  /* alpha-2 → index + 1 in shapes */
  GStringChunk    *strings;
};

G_DEFINE_BOXED_TYPE (AtlasWorldGeometry, atlas_world_geometry,
                     atlas_world_geometry_ref, atlas_world_geometry_unref)

G_DEFINE_QUARK (atlas-world-geometry-error-quark, atlas_world_geometry_error)

/* Rings of one polygon while decoding: outer ring first, then holes */
typedef struct
{
  GPtrArray *rings;  /* GArray of AtlasWorldPoint in degrees */
} Polygon;

/* One country while decoding, before it is flattened */
typedef struct
{
  const char *code;
  const char *numeric;
  const char *name;
  GPtrArray  *polygons;  /* Polygon */
  int         index;     /* in the flattened shapes, or -1 */
} PendingShape;

/* Label points are searched on at most this many points of a ring */
#define LABEL_MAX_POINTS 400

/* Projection */

/**
 * atlas_world_project_x:
 * @longitude: degrees; beyond ±180 for unwrapped rings
 *
 * Returns: the normalized Web Mercator x, 0 to 1 for −180° to 180°
 */
double
atlas_world_project_x (double longitude)
{
  return (longitude + 180.) / 360.;
}

/**
 * atlas_world_project_y:
 * @latitude: degrees, clamped to ±85.0511° as Web Mercator does
 *
 * Returns: the normalized Web Mercator y, 0 at the top, 1 at the bottom
 */
double
atlas_world_project_y (double latitude)
{
  double phi = CLAMP (latitude, -ATLAS_WORLD_MAX_LATITUDE, ATLAS_WORLD_MAX_LATITUDE) * G_PI / 180.;

  return (1. - log (tan (G_PI / 4. + phi / 2.)) / G_PI) / 2.;
}

double
atlas_world_unproject_x (double x)
{
  return x * 360. - 180.;
}

double
atlas_world_unproject_y (double y)
{
  return atan (sinh (G_PI * (1. - 2. * y))) * 180. / G_PI;
}

/* Bounds */

static void
bounds_init (AtlasWorldBounds *bounds)
{
  bounds->min_x = bounds->min_y = G_MAXDOUBLE;
  bounds->max_x = bounds->max_y = -G_MAXDOUBLE;
}

static void
bounds_add (AtlasWorldBounds *bounds,
            double            x,
            double            y)
{
  bounds->min_x = MIN (bounds->min_x, x);
  bounds->min_y = MIN (bounds->min_y, y);
  bounds->max_x = MAX (bounds->max_x, x);
  bounds->max_y = MAX (bounds->max_y, y);
}

static void
bounds_union (AtlasWorldBounds       *bounds,
              const AtlasWorldBounds *other)
{
  bounds_add (bounds, other->min_x, other->min_y);
  bounds_add (bounds, other->max_x, other->max_y);
}

/* Decoding */

static gboolean
set_invalid (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_invalid (GError    **error,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, ATLAS_WORLD_GEOMETRY_ERROR, ATLAS_WORLD_GEOMETRY_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
get_number (JsonArray *array,
            guint      index,
            double    *value)
{
  JsonNode *node = json_array_get_element (array, index);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;

  *value = json_node_get_double (node);
  return isfinite (*value);
}

static gboolean
get_pair (JsonNode *node,
          double   *a,
          double   *b)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  return json_array_get_length (array) >= 2 && get_number (array, 0, a) && get_number (array, 1, b);
}

/* Arcs in degrees: quantized positions are delta-encoded from the
 * previous one, then scaled and translated (TopoJSON 2.1.2) */
static GPtrArray *
decode_arcs (JsonObject  *topology,
             GError     **error)
{
  g_autoptr(GPtrArray) arcs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  double scale_x = 1., scale_y = 1., translate_x = 0., translate_y = 0.;
  gboolean quantized = FALSE;
  JsonNode *node;
  JsonArray *list;

  node = json_object_get_member (topology, "transform");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *transform = json_node_get_object (node);

      if (!get_pair (json_object_get_member (transform, "scale"), &scale_x, &scale_y) ||
          !get_pair (json_object_get_member (transform, "translate"), &translate_x, &translate_y))
        {
          set_invalid (error, "the transform needs a scale and a translate, two numbers each");
          return NULL;
        }
      quantized = TRUE;
    }

  node = json_object_get_member (topology, "arcs");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, "the topology has no “arcs” array");
      return NULL;
    }

  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *arc_node = json_array_get_element (list, i);
      JsonArray *arc;
      GArray *points;
      double x = 0., y = 0.;

      if (!JSON_NODE_HOLDS_ARRAY (arc_node))
        {
          set_invalid (error, "arc %u is not an array", i);
          return NULL;
        }

      arc = json_node_get_array (arc_node);
      points = g_array_sized_new (FALSE, FALSE, sizeof (AtlasWorldPoint), json_array_get_length (arc));
      g_ptr_array_add (arcs, points);

      for (guint j = 0; j < json_array_get_length (arc); j++)
        {
          AtlasWorldPoint point;
          double a, b;

          if (!get_pair (json_array_get_element (arc, j), &a, &b))
            {
              set_invalid (error, "position %u of arc %u is not a pair of numbers", j, i);
              return NULL;
            }

          if (quantized)
            {
              x += a;
              y += b;
              point.x = x * scale_x + translate_x;
              point.y = y * scale_y + translate_y;
            }
          else
            {
              point.x = a;
              point.y = b;
            }

          if (!isfinite (point.x) || !isfinite (point.y) ||
              fabs (point.y) > 90.0001 || fabs (point.x) > 540.)
            {
              set_invalid (error, "position %u of arc %u is not on Earth", j, i);
              return NULL;
            }
          point.y = CLAMP (point.y, -90., 90.);
          g_array_append_val (points, point);
        }

      if (points->len < 2)
        {
          set_invalid (error, "arc %u has fewer than two positions", i);
          return NULL;
        }
    }

  return g_steal_pointer (&arcs);
}

static gboolean
get_arc_index (JsonArray *ring,
               guint      i,
               GPtrArray *arcs,
               guint     *arc,
               gboolean  *reversed)
{
  JsonNode *node = json_array_get_element (ring, i);
  gint64 index;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  /* A negative index ~i is arc i, reversed */
  index = json_node_get_int (node);
  *reversed = index < 0;
  if (index < 0)
    index = ~index;
  if (index >= arcs->len)
    return FALSE;

  *arc = index;
  return TRUE;
}

/* Joins a ring's arcs: each arc starts where the previous one ended */
static GArray *
decode_ring (JsonNode   *node,
             GPtrArray  *arcs,
             guint      *arc_uses,
             GError    **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (AtlasWorldPoint));
  JsonArray *ring;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, "a ring is not an array of arc indices");
      return NULL;
    }

  ring = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (ring); i++)
    {
      GArray *arc;
      guint index;
      gboolean reversed;

      if (!get_arc_index (ring, i, arcs, &index, &reversed))
        {
          set_invalid (error, "a ring refers to an arc that does not exist");
          return NULL;
        }

      arc_uses[index]++;
      arc = g_ptr_array_index (arcs, index);
      for (guint j = (points->len > 0 ? 1 : 0); j < arc->len; j++)
        {
          guint k = reversed ? arc->len - 1 - j : j;
          g_array_append_val (points, g_array_index (arc, AtlasWorldPoint, k));
        }
    }

  if (points->len < 4)
    return g_steal_pointer (&points);  /* degenerate: dropped by the caller */

  return g_steal_pointer (&points);
}

static void
polygon_free (Polygon *polygon)
{
  g_ptr_array_unref (polygon->rings);
  g_free (polygon);
}

static Polygon *
decode_polygon (JsonNode   *node,
                GPtrArray  *arcs,
                guint      *arc_uses,
                GError    **error)
{
  Polygon *polygon;
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, "a polygon is not an array of rings");
      return NULL;
    }

  polygon = g_new0 (Polygon, 1);
  polygon->rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  rings = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (rings); i++)
    {
      GArray *ring = decode_ring (json_array_get_element (rings, i), arcs, arc_uses, error);

      if (ring == NULL)
        {
          polygon_free (polygon);
          return NULL;
        }

      /* A degenerate outer ring takes its holes with it */
      if (ring->len < 4)
        {
          g_array_unref (ring);
          if (i == 0)
            break;
          continue;
        }
      g_ptr_array_add (polygon->rings, ring);
    }

  return polygon;
}

static void
pending_shape_free (PendingShape *shape)
{
  g_ptr_array_unref (shape->polygons);
  g_free (shape);
}

static char *
dup_id (JsonObject *geometry)
{
  JsonNode *node = json_object_get_member (geometry, "id");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%03" G_GINT64_FORMAT, json_node_get_int (node));

  return NULL;
}

static gboolean
decode_geometry (AtlasWorldGeometry  *self,
                 JsonNode            *node,
                 GPtrArray           *arcs,
                 guint               *arc_uses,
                 PendingShape       **arc_owners,
                 GPtrArray           *shapes,
                 GHashTable          *shape_by_code,
                 GError             **error)
{
  JsonObject *geometry;
  JsonNode *arcs_node, *properties;
  const char *type;
  g_autofree char *numeric = NULL;
  const char *code = NULL, *name = NULL;
  g_autoptr(GPtrArray) polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) polygon_free);
  g_autofree guint *uses_before = NULL;
  PendingShape *shape;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_invalid (error, "a geometry is not an object");

  geometry = json_node_get_object (node);
  type = json_object_get_string_member_with_default (geometry, "type", "");
  arcs_node = json_object_get_member (geometry, "arcs");

  /* Countries are polygons; anything else (a stray point) is skipped */
  if (g_strcmp0 (type, "Polygon") != 0 && g_strcmp0 (type, "MultiPolygon") != 0)
    return TRUE;

  if (arcs_node == NULL || !JSON_NODE_HOLDS_ARRAY (arcs_node))
    return set_invalid (error, "a %s has no “arcs” array", type);

  uses_before = g_memdup2 (arc_uses, arcs->len * sizeof (guint));

  if (g_strcmp0 (type, "Polygon") == 0)
    {
      Polygon *polygon = decode_polygon (arcs_node, arcs, arc_uses, error);

      if (polygon == NULL)
        return FALSE;
      g_ptr_array_add (polygons, polygon);
    }
  else
    {
      JsonArray *list = json_node_get_array (arcs_node);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          Polygon *polygon = decode_polygon (json_array_get_element (list, i), arcs, arc_uses, error);

          if (polygon == NULL)
            return FALSE;
          g_ptr_array_add (polygons, polygon);
        }
    }

  numeric = dup_id (geometry);
  if (numeric != NULL)
    code = atlas_countries_lookup_numeric (numeric);

  properties = json_object_get_member (geometry, "properties");
  if (properties != NULL && JSON_NODE_HOLDS_OBJECT (properties))
    name = json_object_get_string_member_with_default (json_node_get_object (properties), "name", NULL);

  /* Shapes with the same ISO code become one */
  shape = code != NULL ? g_hash_table_lookup (shape_by_code, code) : NULL;
  if (shape == NULL)
    {
      shape = g_new0 (PendingShape, 1);
      shape->code = code ? g_string_chunk_insert_const (self->strings, code) : NULL;
      shape->numeric = numeric ? g_string_chunk_insert_const (self->strings, numeric) : NULL;
      shape->name = g_string_chunk_insert_const (self->strings, name ? name : "");
      shape->polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) polygon_free);
      shape->index = -1;
      g_ptr_array_add (shapes, shape);
      if (code != NULL)
        g_hash_table_insert (shape_by_code, (char *) shape->code, shape);
    }

  /* An arc that two shapes use is a border between them */
  for (guint i = 0; i < arcs->len; i++)
    if (arc_uses[i] != uses_before[i])
      {
        if (arc_owners[2 * i] == NULL)
          arc_owners[2 * i] = shape;
        else if (arc_owners[2 * i] != shape && arc_owners[2 * i + 1] == NULL)
          arc_owners[2 * i + 1] = shape;
      }

  for (guint i = 0; i < polygons->len; i++)
    g_ptr_array_add (shape->polygons, g_steal_pointer (&g_ptr_array_index (polygons, i)));
  g_ptr_array_set_free_func (polygons, NULL);

  return TRUE;
}

/* Flattening */

/* Makes consecutive longitudes continuous; returns the total shift,
 * 0 unless the points circle a pole */
static double
unwrap (GArray *ring)
{
  double offset = 0.;
  AtlasWorldPoint *p = (AtlasWorldPoint *) ring->data;

  for (guint i = 1; i < ring->len; i++)
    {
      double step = p[i].x + offset - (p[i - 1].x);

      if (step > 180.)
        offset -= 360.;
      else if (step < -180.)
        offset += 360.;

      p[i].x += offset;
    }

  return offset;
}

/* Unwraps a ring across the antimeridian, or closes a polar ring along
 * its pole.  Returns the ring to keep, in degrees. */
static GArray *
fix_ring (GArray *ring)
{
  g_autoptr(GArray) copy = g_array_copy (ring);
  AtlasWorldBounds bounds;

  if (fabs (unwrap (copy)) < 1.)
    {
      double shift = 0.;

      bounds_init (&bounds);
      for (guint i = 0; i < copy->len; i++)
        bounds_add (&bounds, g_array_index (copy, AtlasWorldPoint, i).x, 0);

      /* Keep every ring overlapping the −180°…180° world */
      if (bounds.min_x >= 180.)
        shift = -360.;
      else if (bounds.max_x <= -180.)
        shift = 360.;
      for (guint i = 0; shift != 0. && i < copy->len; i++)
        g_array_index (copy, AtlasWorldPoint, i).x += shift;

      return g_steal_pointer (&copy);
    }
  else
    {
      /* Around a pole: go down to the pole, across, and back up */
      GArray *closed = g_array_sized_new (FALSE, FALSE, sizeof (AtlasWorldPoint), ring->len + 4);
      const AtlasWorldPoint *p = (const AtlasWorldPoint *) ring->data;

      for (guint i = 0; i < ring->len; i++)
        {
          if (i > 0 && fabs (p[i].x - p[i - 1].x) > 180.)
            {
              double pole = p[i].y + p[i - 1].y < 0 ? -90. : 90.;
              AtlasWorldPoint a = { p[i - 1].x, pole }, b = { p[i].x, pole };

              g_array_append_val (closed, a);
              g_array_append_val (closed, b);
            }
          g_array_append_val (closed, p[i]);
        }

      return closed;
    }
}

static guint
append_points (AtlasWorldGeometry *self,
               GArray             *degrees,
               guint               start,
               guint               end,
               AtlasWorldBounds   *bounds)
{
  guint first = self->points->len;

  bounds_init (bounds);
  for (guint i = start; i < end; i++)
    {
      AtlasWorldPoint geo = g_array_index (degrees, AtlasWorldPoint, i);
      AtlasWorldPoint projected = { atlas_world_project_x (geo.x), atlas_world_project_y (geo.y) };

      g_array_append_val (self->degrees, geo);
      g_array_append_val (self->points, projected);
      bounds_add (bounds, projected.x, projected.y);
    }

  return first;
}

/* Lines to stroke, each arc once.  Stretches beyond Web Mercator's
 * latitudes (Antarctica's edge along the pole) are left out: they would
 * draw a line along the bottom of the map. */
static void
add_lines (AtlasWorldGeometry  *self,
           GPtrArray           *arcs,
           guint               *arc_uses,
           PendingShape       **arc_owners)
{
  for (guint i = 0; i < arcs->len; i++)
    {
      g_autoptr(GArray) arc = NULL;
      guint start = 0;

      if (arc_uses[i] == 0)
        continue;

      arc = g_array_copy (g_ptr_array_index (arcs, i));
      unwrap (arc);

      for (guint j = 1; j <= arc->len; j++)
        {
          gboolean cut = j == arc->len;

          if (!cut)
            {
              const AtlasWorldPoint *a = &g_array_index (arc, AtlasWorldPoint, j - 1);
              const AtlasWorldPoint *b = &g_array_index (arc, AtlasWorldPoint, j);

              cut = (fabs (a->y) >= ATLAS_WORLD_MAX_LATITUDE && fabs (b->y) >= ATLAS_WORLD_MAX_LATITUDE);
            }

          if (cut)
            {
              if (j - start >= 2)
                {
                  AtlasWorldLine line = { 0 };

                  line.n_points = j - start;
                  line.first = append_points (self, arc, start, j, &line.bounds);
                  line.kind = arc_owners[2 * i + 1] != NULL ? ATLAS_WORLD_LINE_BORDER : ATLAS_WORLD_LINE_COAST;
                  for (guint k = 0; k < 2; k++)
                    line.shapes[k] = arc_owners[2 * i + k] ? arc_owners[2 * i + k]->index : -1;
                  g_array_append_val (self->lines, line);
                }
              start = j;
            }
        }
    }
}

/* Area in square degrees, shrunk by the cosine of the latitude: only
 * to compare the sizes of a country's parts */
static double
ring_true_area (GArray *ring)
{
  const AtlasWorldPoint *p = (const AtlasWorldPoint *) ring->data;
  double area = 0., lat = 0.;

  for (guint i = 0; i + 1 < ring->len; i++)
    {
      area += p[i].x * p[i + 1].y - p[i + 1].x * p[i].y;
      lat += p[i].y;
    }

  lat /= MAX (1, ring->len - 1);
  return fabs (area) / 2. * cos (lat * G_PI / 180.);
}

/* Pole of inaccessibility ("polylabel"): the point inside a polygon
 * farthest from its outline, found by subdividing cells, best first.
 * Works on projected points, so labels look centred on the map. */

typedef struct
{
  double x, y;   /* centre */
  double h;      /* half size */
  double d;      /* distance from the centre to the outline, < 0 outside */
  double max;    /* the best distance any point of the cell can have */
} Cell;

static double
segment_distance_sq (double px, double py,
                     double ax, double ay,
                     double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = 0.;

  if (dx != 0. || dy != 0.)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0., 1.);

  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

static double
polygon_distance (GPtrArray *rings,
                  double     x,
                  double     y)
{
  gboolean inside = FALSE;
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);
      const AtlasWorldPoint *p = (const AtlasWorldPoint *) ring->data;

      for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
        {
          if (((p[i].y > y) != (p[j].y > y)) &&
              (x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x))
            inside = !inside;
          best = MIN (best, segment_distance_sq (x, y, p[i].x, p[i].y, p[j].x, p[j].y));
        }
    }

  return (inside ? 1. : -1.) * sqrt (best);
}

static Cell
make_cell (GPtrArray *rings,
           double     x,
           double     y,
           double     h)
{
  Cell cell = { x, y, h, 0., 0. };

  cell.d = polygon_distance (rings, x, y);
  cell.max = cell.d + h * G_SQRT2;
  return cell;
}

static void
heap_push (GArray *heap,
           Cell    cell)
{
  Cell *c;
  guint i;

  g_array_append_val (heap, cell);
  c = (Cell *) heap->data;
  for (i = heap->len - 1; i > 0 && c[(i - 1) / 2].max < c[i].max; i = (i - 1) / 2)
    {
      Cell tmp = c[i];
      c[i] = c[(i - 1) / 2];
      c[(i - 1) / 2] = tmp;
    }
}

static Cell
heap_pop (GArray *heap)
{
  Cell *c = (Cell *) heap->data;
  Cell top = c[0];
  guint i = 0;

  c[0] = c[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  c = (Cell *) heap->data;

  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, largest = i;

      if (l < heap->len && c[l].max > c[largest].max)
        largest = l;
      if (r < heap->len && c[r].max > c[largest].max)
        largest = r;
      if (largest == i)
        break;

      Cell tmp = c[i];
      c[i] = c[largest];
      c[largest] = tmp;
      i = largest;
    }

  return top;
}

/* Projected copies of a polygon's rings, thinned out for speed */
static GPtrArray *
project_for_label (Polygon *polygon)
{
  GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint r = 0; r < polygon->rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (polygon->rings, r);
      guint step = MAX (1, ring->len / LABEL_MAX_POINTS);
      GArray *projected = g_array_new (FALSE, FALSE, sizeof (AtlasWorldPoint));

      for (guint i = 0; i < ring->len; i += step)
        {
          AtlasWorldPoint geo = g_array_index (ring, AtlasWorldPoint, i);
          AtlasWorldPoint p = { atlas_world_project_x (geo.x), atlas_world_project_y (geo.y) };

          g_array_append_val (projected, p);
        }
      g_ptr_array_add (rings, projected);
    }

  return rings;
}

static void
find_label_point (Polygon *polygon,
                  double  *lat,
                  double  *lon)
{
  g_autoptr(GPtrArray) rings = project_for_label (polygon);
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (Cell));
  GArray *outer = g_ptr_array_index (rings, 0);
  AtlasWorldBounds bounds;
  double size, precision, cx = 0., cy = 0., area = 0.;
  Cell best;

  bounds_init (&bounds);
  for (guint i = 0; i < outer->len; i++)
    bounds_add (&bounds, g_array_index (outer, AtlasWorldPoint, i).x, g_array_index (outer, AtlasWorldPoint, i).y);

  size = MIN (bounds.max_x - bounds.min_x, bounds.max_y - bounds.min_y);
  precision = MAX (bounds.max_x - bounds.min_x, bounds.max_y - bounds.min_y) / 200.;

  /* Start from the centroid; the search only improves on it */
  for (guint i = 0, j = outer->len - 1; i < outer->len; j = i++)
    {
      const AtlasWorldPoint *a = &g_array_index (outer, AtlasWorldPoint, i);
      const AtlasWorldPoint *b = &g_array_index (outer, AtlasWorldPoint, j);
      double f = a->x * b->y - b->x * a->y;

      cx += (a->x + b->x) * f;
      cy += (a->y + b->y) * f;
      area += f * 3;
    }
  if (area != 0.)
    best = make_cell (rings, cx / area, cy / area, 0);
  else
    best = make_cell (rings, g_array_index (outer, AtlasWorldPoint, 0).x,
                      g_array_index (outer, AtlasWorldPoint, 0).y, 0);

  if (size > 0.)
    {
      double h = size / 2.;
      Cell box = make_cell (rings, (bounds.min_x + bounds.max_x) / 2., (bounds.min_y + bounds.max_y) / 2., 0);
      guint budget = 4000;

      if (box.d > best.d)
        best = box;

      for (double x = bounds.min_x; x < bounds.max_x; x += size)
        for (double y = bounds.min_y; y < bounds.max_y; y += size)
          heap_push (heap, make_cell (rings, x + h, y + h, h));

      while (heap->len > 0 && budget-- > 0)
        {
          Cell cell = heap_pop (heap);

          if (cell.d > best.d)
            best = cell;
          if (cell.max - best.d <= precision)
            continue;

          h = cell.h / 2.;
          heap_push (heap, make_cell (rings, cell.x - h, cell.y - h, h));
          heap_push (heap, make_cell (rings, cell.x + h, cell.y - h, h));
          heap_push (heap, make_cell (rings, cell.x - h, cell.y + h, h));
          heap_push (heap, make_cell (rings, cell.x + h, cell.y + h, h));
        }
    }

  *lon = atlas_world_unproject_x (best.x);
  if (*lon >= 180.)
    *lon -= 360.;
  else if (*lon < -180.)
    *lon += 360.;
  *lat = atlas_world_unproject_y (best.y);
}

static void
flatten_shape (AtlasWorldGeometry *self,
               PendingShape       *pending)
{
  AtlasWorldShape shape = { 0 };
  Polygon *largest = NULL;
  double largest_area = -1.;

  shape.code = pending->code;
  shape.numeric = pending->numeric;
  shape.name = pending->name;
  shape.first_ring = self->rings->len;
  bounds_init (&shape.bounds);
  bounds_init (&shape.geo_bounds);

  for (guint p = 0; p < pending->polygons->len; p++)
    {
      Polygon *polygon = g_ptr_array_index (pending->polygons, p);

      for (guint r = 0; r < polygon->rings->len; r++)
        {
          g_autoptr(GArray) fixed = fix_ring (g_ptr_array_index (polygon->rings, r));
          AtlasWorldRing ring = { 0 };

          ring.n_points = fixed->len;
          ring.first = append_points (self, fixed, 0, fixed->len, &ring.bounds);
          ring.hole = r > 0;
          g_array_append_val (self->rings, ring);
          bounds_union (&shape.bounds, &ring.bounds);
          for (guint i = 0; i < fixed->len; i++)
            bounds_add (&shape.geo_bounds, g_array_index (fixed, AtlasWorldPoint, i).x,
                        g_array_index (fixed, AtlasWorldPoint, i).y);

          /* The label search works on the unwrapped rings too */
          g_array_unref (g_ptr_array_index (polygon->rings, r));
          g_ptr_array_index (polygon->rings, r) = g_steal_pointer (&fixed);
        }

      if (polygon->rings->len > 0)
        {
          double area = ring_true_area (g_ptr_array_index (polygon->rings, 0));

          if (area > largest_area)
            {
              largest_area = area;
              largest = polygon;
            }
        }
    }

  shape.n_rings = self->rings->len - shape.first_ring;
  if (shape.n_rings == 0)
    return;

  pending->index = self->shapes->len;
  find_label_point (largest, &shape.label_lat, &shape.label_lon);

  g_array_append_val (self->shapes, shape);
  if (shape.code != NULL)
    g_hash_table_insert (self->by_code, (char *) shape.code, GUINT_TO_POINTER (self->shapes->len));
}

static AtlasWorldGeometry *
geometry_new (void)
{
  AtlasWorldGeometry *self = g_new0 (AtlasWorldGeometry, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->points = g_array_new (FALSE, FALSE, sizeof (AtlasWorldPoint));
  self->degrees = g_array_new (FALSE, FALSE, sizeof (AtlasWorldPoint));
  self->rings = g_array_new (FALSE, FALSE, sizeof (AtlasWorldRing));
  self->lines = g_array_new (FALSE, FALSE, sizeof (AtlasWorldLine));
  self->shapes = g_array_new (FALSE, FALSE, sizeof (AtlasWorldShape));
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->strings = g_string_chunk_new (1024);

  return self;
}

/**
 * atlas_world_geometry_new_from_bytes:
 * @topojson: a TopoJSON topology with a “countries” object of polygons
 *   whose ids are ISO 3166-1 numeric codes
 *
 * Returns: (transfer full) (nullable): the geometry, or %NULL with
 *   @error set when the data is not such a topology
 */
AtlasWorldGeometry *
atlas_world_geometry_new_from_bytes (GBytes  *topojson,
                                     GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(AtlasWorldGeometry) self = NULL;
  g_autoptr(GPtrArray) arcs = NULL;
  g_autoptr(GPtrArray) shapes = NULL;
  g_autoptr(GHashTable) shape_by_code = NULL;
  g_autofree guint *arc_uses = NULL;
  g_autofree PendingShape **arc_owners = NULL;
  JsonNode *root, *objects, *countries, *geometries;
  JsonObject *topology;
  JsonArray *list;
  gsize size;
  const char *data;

  g_return_val_if_fail (topojson != NULL, NULL);

  data = g_bytes_get_data (topojson, &size);
  if (data == NULL || size == 0)
    {
      set_invalid (error, "the data is empty");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "type", NULL),
                 "Topology") != 0)
    {
      set_invalid (error, "not a TopoJSON topology");
      return NULL;
    }

  topology = json_node_get_object (root);
  objects = json_object_get_member (topology, "objects");
  if (objects == NULL || !JSON_NODE_HOLDS_OBJECT (objects) ||
      (countries = json_object_get_member (json_node_get_object (objects), "countries")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (countries) ||
      (geometries = json_object_get_member (json_node_get_object (countries), "geometries")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (geometries))
    {
      set_invalid (error, "the topology has no “countries” collection of geometries");
      return NULL;
    }

  arcs = decode_arcs (topology, error);
  if (arcs == NULL)
    return NULL;

  self = geometry_new ();
  arc_uses = g_new0 (guint, arcs->len + 1);
  /* The (up to) two shapes on either side of each arc */
  arc_owners = g_new0 (PendingShape *, 2 * arcs->len + 2);
  shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_shape_free);
  shape_by_code = g_hash_table_new (g_str_hash, g_str_equal);

  list = json_node_get_array (geometries);
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (!decode_geometry (self, json_array_get_element (list, i), arcs, arc_uses,
                          arc_owners, shapes, shape_by_code, error))
      return NULL;

  for (guint i = 0; i < shapes->len; i++)
    flatten_shape (self, g_ptr_array_index (shapes, i));

  add_lines (self, arcs, arc_uses, arc_owners);

  return g_steal_pointer (&self);
}

AtlasWorldGeometry *
atlas_world_geometry_ref (AtlasWorldGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
atlas_world_geometry_unref (AtlasWorldGeometry *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->points);
  g_array_unref (self->degrees);
  g_array_unref (self->rings);
  g_array_unref (self->lines);
  g_array_unref (self->shapes);
  g_hash_table_unref (self->by_code);
  g_string_chunk_free (self->strings);
  g_free (self);
}

/* The bundled geometry */

static const char * const default_paths[ATLAS_WORLD_N_DETAILS] = {
  RESOURCE_PATH "/data/world/countries-110m.json",
  RESOURCE_PATH "/data/world/countries-50m.json",
};

static AtlasWorldGeometry *loaded[ATLAS_WORLD_N_DETAILS];
static gint preloading[ATLAS_WORLD_N_DETAILS];

static gpointer
load_default (gpointer data)
{
  AtlasWorldDetail detail = GPOINTER_TO_INT (data);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AtlasWorldGeometry *geometry = NULL;

  bytes = g_resources_lookup_data (default_paths[detail], 0, &error);
  if (bytes != NULL)
    geometry = atlas_world_geometry_new_from_bytes (bytes, &error);

  if (geometry == NULL)
    {
      /* An empty world rather than a crash: the map still works */
      g_warning ("Cannot read the world map %s: %s", default_paths[detail], error->message);
      geometry = geometry_new ();
    }

  g_atomic_pointer_set (&loaded[detail], geometry);
  return geometry;
}

/**
 * atlas_world_geometry_get_default:
 * @detail: which scale
 *
 * The bundled Natural Earth countries, read at first use from the
 * application's resources.  The fine scale takes about a tenth of a
 * second to read: see atlas_world_geometry_preload().  Safe to call from
 * any thread.
 *
 * Returns: (transfer none): the geometry, kept for the process' lifetime
 */
AtlasWorldGeometry *
atlas_world_geometry_get_default (AtlasWorldDetail detail)
{
  static GOnce once[ATLAS_WORLD_N_DETAILS] = { G_ONCE_INIT, G_ONCE_INIT };

  g_return_val_if_fail (detail < ATLAS_WORLD_N_DETAILS, NULL);

  return g_once (&once[detail], load_default, GINT_TO_POINTER (detail));
}

/**
 * atlas_world_geometry_peek_default:
 *
 * Returns: (transfer none) (nullable): the bundled geometry if it has been
 *   read already, without waiting for it
 */
AtlasWorldGeometry *
atlas_world_geometry_peek_default (AtlasWorldDetail detail)
{
  g_return_val_if_fail (detail < ATLAS_WORLD_N_DETAILS, NULL);

  return g_atomic_pointer_get (&loaded[detail]);
}

static gpointer
preload_thread (gpointer data)
{
  atlas_world_geometry_get_default (GPOINTER_TO_INT (data));
  return NULL;
}

/**
 * atlas_world_geometry_preload:
 *
 * Starts reading the bundled geometry in a thread of its own, if nobody
 * has yet.
 */
void
atlas_world_geometry_preload (AtlasWorldDetail detail)
{
  g_return_if_fail (detail < ATLAS_WORLD_N_DETAILS);

  if (g_atomic_int_compare_and_exchange (&preloading[detail], 0, 1))
    {
      /* Register here the types the thread needs: GObject deadlocks when
       * a thread registers a type (the decompressor of compressed
       * resources, say) while another initialises a class that waits
       * for the same type (a widget loading its CSS from resources) */
      g_type_ensure (G_TYPE_ZLIB_DECOMPRESSOR);
      g_type_ensure (JSON_TYPE_PARSER);
      g_thread_unref (g_thread_new ("atlas-world-geometry", preload_thread, GINT_TO_POINTER (detail)));
    }
}

/* Accessors */

guint
atlas_world_geometry_get_n_shapes (AtlasWorldGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->shapes->len;
}

const AtlasWorldShape *
atlas_world_geometry_get_shape (AtlasWorldGeometry *self,
                                guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->shapes->len, NULL);
  return &g_array_index (self->shapes, AtlasWorldShape, index);
}

/**
 * atlas_world_geometry_lookup:
 * @code: an ISO 3166-1 alpha-2 code
 *
 * Returns: (nullable): the country's shape, if the map has it
 */
const AtlasWorldShape *
atlas_world_geometry_lookup (AtlasWorldGeometry *self,
                             const char         *code)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  if (code == NULL)
    return NULL;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_code, code));
  return index > 0 ? &g_array_index (self->shapes, AtlasWorldShape, index - 1) : NULL;
}

const AtlasWorldRing *
atlas_world_geometry_get_rings (AtlasWorldGeometry *self,
                                guint              *n_rings)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_rings)
    *n_rings = self->rings->len;
  return (const AtlasWorldRing *) self->rings->data;
}

const AtlasWorldLine *
atlas_world_geometry_get_lines (AtlasWorldGeometry *self,
                                guint              *n_lines)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_lines)
    *n_lines = self->lines->len;
  return (const AtlasWorldLine *) self->lines->data;
}

/**
 * atlas_world_geometry_get_points:
 *
 * Returns: (array length=n_points): every point, projected (see
 *   #AtlasWorldPoint); rings and lines index into it
 */
const AtlasWorldPoint *
atlas_world_geometry_get_points (AtlasWorldGeometry *self,
                                 guint              *n_points)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_points)
    *n_points = self->points->len;
  return (const AtlasWorldPoint *) self->points->data;
}

/**
 * atlas_world_geometry_get_degrees:
 *
 * Returns: (array length=n_points): the same points in degrees: x is the
 *   longitude (unwrapped: it may go beyond ±180), y the latitude
 */
const AtlasWorldPoint *
atlas_world_geometry_get_degrees (AtlasWorldGeometry *self,
                                  guint              *n_points)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_points)
    *n_points = self->degrees->len;
  return (const AtlasWorldPoint *) self->degrees->data;
}

static gboolean
shape_contains (AtlasWorldGeometry    *self,
                const AtlasWorldShape *shape,
                double                 x,
                double                 y)
{
  const AtlasWorldRing *rings = (const AtlasWorldRing *) self->rings->data;
  const AtlasWorldPoint *points = (const AtlasWorldPoint *) self->points->data;
  gboolean inside = FALSE;

  if (x < shape->bounds.min_x || x > shape->bounds.max_x ||
      y < shape->bounds.min_y || y > shape->bounds.max_y)
    return FALSE;

  /* Even-odd, over all rings, as the map fills them */
  for (guint r = shape->first_ring; r < shape->first_ring + shape->n_rings; r++)
    {
      const AtlasWorldRing *ring = &rings[r];
      const AtlasWorldPoint *p = points + ring->first;

      if (x < ring->bounds.min_x || x > ring->bounds.max_x ||
          y < ring->bounds.min_y || y > ring->bounds.max_y)
        continue;

      for (guint i = 0, j = ring->n_points - 1; i < ring->n_points; j = i++)
        if (((p[i].y > y) != (p[j].y > y)) &&
            (x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x))
          inside = !inside;
    }

  return inside;
}

/**
 * atlas_world_geometry_hit_test:
 * @latitude: degrees
 * @longitude: degrees, any (wrapped into −180…180)
 *
 * Finds the country at a point, as the map draws it (in projected
 * coordinates, where its edges are straight).
 *
 * Returns: (nullable): the shape at the point, or %NULL at sea
 */
const AtlasWorldShape *
atlas_world_geometry_hit_test (AtlasWorldGeometry *self,
                               double              latitude,
                               double              longitude)
{
  double x, y;

  g_return_val_if_fail (self != NULL, NULL);

  if (!isfinite (latitude) || !isfinite (longitude))
    return NULL;

  longitude = fmod (longitude + 180., 360.);
  if (longitude < 0)
    longitude += 360.;
  x = longitude / 360.;
  /* Beyond Web Mercator's latitudes a point would sit on the pole edge
   * of Antarctica's ring: keep it a hair inside the map */
  y = CLAMP (atlas_world_project_y (latitude), 1e-9, 1. - 1e-9);

  for (guint i = 0; i < self->shapes->len; i++)
    {
      const AtlasWorldShape *shape = &g_array_index (self->shapes, AtlasWorldShape, i);

      /* Unwrapped rings reach into the neighbouring worlds */
      if (shape_contains (self, shape, x, y) ||
          shape_contains (self, shape, x + 1., y) ||
          shape_contains (self, shape, x - 1., y))
        return shape;
    }

  return NULL;
}
