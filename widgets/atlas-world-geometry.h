/* atlas-world-geometry.h — country polygons decoded from TopoJSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ATLAS_WORLD_GEOMETRY_ERROR (atlas_world_geometry_error_quark ())

typedef enum
{
  ATLAS_WORLD_GEOMETRY_ERROR_INVALID,
} AtlasWorldGeometryError;

/**
 * AtlasWorldDetail:
 * @ATLAS_WORLD_DETAIL_COARSE: Natural Earth 1:110m, for the world view
 * @ATLAS_WORLD_DETAIL_FINE: Natural Earth 1:50m, for zooming in
 *
 * The two scales of the bundled country polygons.
 */
typedef enum
{
  ATLAS_WORLD_DETAIL_COARSE,
  ATLAS_WORLD_DETAIL_FINE,
} AtlasWorldDetail;

#define ATLAS_WORLD_N_DETAILS (ATLAS_WORLD_DETAIL_FINE + 1)

/* Web Mercator, as libshumate draws it */
#define ATLAS_WORLD_MAX_LATITUDE 85.0511287798

/**
 * AtlasWorldPoint:
 * @x: normalized Web Mercator x: 0 at 180° W, 1 at 180° E (a ring that
 *   crosses the antimeridian goes on beyond 1, or below 0)
 * @y: normalized Web Mercator y: 0 at the top (85.05° N), 1 at the bottom
 */
typedef struct
{
  double x;
  double y;
} AtlasWorldPoint;

/**
 * AtlasWorldBounds:
 *
 * A bounding box; in projected coordinates (see #AtlasWorldPoint) or
 * in degrees (x longitude, y latitude), as each user says.
 */
typedef struct
{
  double min_x;
  double min_y;
  double max_x;
  double max_y;
} AtlasWorldBounds;

/**
 * AtlasWorldRing:
 * @first: index of its first point
 * @n_points: number of points, the first repeated at the end
 * @bounds: its bounds, projected
 * @hole: whether it is a hole in the polygon before it
 *
 * A closed ring of a country's outline.  Fill a shape's rings together
 * with the even-odd rule.
 */
typedef struct
{
  guint            first;
  guint            n_points;
  AtlasWorldBounds bounds;
  gboolean         hole;
} AtlasWorldRing;

typedef enum
{
  ATLAS_WORLD_LINE_COAST,
  ATLAS_WORLD_LINE_BORDER,
} AtlasWorldLineKind;

/**
 * AtlasWorldLine:
 * @first: index of its first point
 * @n_points: number of points
 * @bounds: its bounds, projected
 * @kind: a coastline (one country on one side) or a land border
 * @shapes: the indices of the shapes on either side; -1 where there is
 *   none (the sea's side of a coast)
 *
 * A piece of outline, each drawn once: one TopoJSON arc.
 */
typedef struct
{
  guint              first;
  guint              n_points;
  AtlasWorldBounds   bounds;
  AtlasWorldLineKind kind;
  int                shapes[2];
} AtlasWorldLine;

/**
 * AtlasWorldShape:
 * @code: (nullable): ISO 3166-1 alpha-2 code; %NULL for the few Natural
 *   Earth shapes that have no ISO code (Kosovo, Somaliland, …)
 * @numeric: (nullable): ISO 3166-1 numeric code, as in the file ("076")
 * @name: the short English name Natural Earth gives (not for display)
 * @label_lat: latitude of the label point (a point well inside)
 * @label_lon: longitude of the label point
 * @bounds: projected bounds of all its rings
 * @geo_bounds: bounds in degrees (longitude may go beyond 180)
 * @first_ring: index of its first ring
 * @n_rings: number of rings
 *
 * One country.  Shapes that share an ISO code in the data (Australia and
 * its Ashmore and Cartier Islands) are merged into one.
 */
typedef struct
{
  const char      *code;
  const char      *numeric;
  const char      *name;
  double           label_lat;
  double           label_lon;
  AtlasWorldBounds bounds;
  AtlasWorldBounds geo_bounds;
  guint            first_ring;
  guint            n_rings;
} AtlasWorldShape;

#define ATLAS_TYPE_WORLD_GEOMETRY (atlas_world_geometry_get_type ())

typedef struct _AtlasWorldGeometry AtlasWorldGeometry;

GType                   atlas_world_geometry_get_type       (void) G_GNUC_CONST;
GQuark                  atlas_world_geometry_error_quark    (void);

AtlasWorldGeometry     *atlas_world_geometry_new_from_bytes (GBytes              *topojson,
                                                             GError             **error);
AtlasWorldGeometry     *atlas_world_geometry_ref            (AtlasWorldGeometry  *self);
void                    atlas_world_geometry_unref          (AtlasWorldGeometry  *self);

AtlasWorldGeometry     *atlas_world_geometry_get_default    (AtlasWorldDetail     detail);
AtlasWorldGeometry     *atlas_world_geometry_peek_default   (AtlasWorldDetail     detail);
void                    atlas_world_geometry_preload        (AtlasWorldDetail     detail);

guint                   atlas_world_geometry_get_n_shapes   (AtlasWorldGeometry  *self);
const AtlasWorldShape  *atlas_world_geometry_get_shape      (AtlasWorldGeometry  *self,
                                                             guint                index);
const AtlasWorldShape  *atlas_world_geometry_lookup         (AtlasWorldGeometry  *self,
                                                             const char          *code);
const AtlasWorldRing   *atlas_world_geometry_get_rings      (AtlasWorldGeometry  *self,
                                                             guint               *n_rings);
const AtlasWorldLine   *atlas_world_geometry_get_lines      (AtlasWorldGeometry  *self,
                                                             guint               *n_lines);
const AtlasWorldPoint  *atlas_world_geometry_get_points     (AtlasWorldGeometry  *self,
                                                             guint               *n_points);
const AtlasWorldPoint  *atlas_world_geometry_get_degrees    (AtlasWorldGeometry  *self,
                                                             guint               *n_points);
const AtlasWorldShape  *atlas_world_geometry_hit_test       (AtlasWorldGeometry  *self,
                                                             double               latitude,
                                                             double               longitude);

double                  atlas_world_project_x               (double               longitude);
double                  atlas_world_project_y               (double               latitude);
double                  atlas_world_unproject_x             (double               x);
double                  atlas_world_unproject_y             (double               y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasWorldGeometry, atlas_world_geometry_unref)

G_END_DECLS
