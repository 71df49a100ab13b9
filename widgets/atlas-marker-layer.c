/* atlas-marker-layer.c — map markers that make room for each other
 *
 * Each marker is a widget centred on a place (moved up or down by an
 * offset, so that several markers can share a place), with a priority.
 * Markers are placed in order of priority; one that would overlap a
 * marker already placed, or an area kept free for controls over the map,
 * is hidden until zooming in makes room.  The
 * layer itself lets the pointer through to the map; its markers do not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-marker-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-marker-layer.h"

typedef struct
{
  GtkWidget *widget;
  double     latitude;
  double     longitude;
  double     offset_y;
  int        priority;
} Marker;

struct _AtlasMarkerLayer
{
  ShumateLayer  parent_instance;

  GPtrArray    *markers;  /* Marker, by priority, highest first */
  GArray       *reserved; /* graphene_rect_t */
};

G_DEFINE_FINAL_TYPE (AtlasMarkerLayer, atlas_marker_layer, SHUMATE_TYPE_LAYER)

/* Room kept between markers, in pixels */
#define GAP 2

static void
marker_free (Marker *marker)
{
  gtk_widget_unparent (marker->widget);
  g_object_unref (marker->widget);
  g_free (marker);
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  const Marker *x = *(const Marker **) a, *y = *(const Marker **) b;

  return (y->priority > x->priority) - (y->priority < x->priority);
}

static gboolean
overlaps (GArray                *placed,
          const graphene_rect_t *rect)
{
  for (guint i = 0; i < placed->len; i++)
    if (graphene_rect_intersection (&g_array_index (placed, graphene_rect_t, i), rect, NULL))
      return TRUE;

  return FALSE;
}

static void
atlas_marker_layer_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_autoptr(GArray) placed = g_array_copy (self->reserved);
  double world_size = 256. * exp2 (shumate_viewport_get_zoom_level (viewport));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);

  if (source != NULL)
    world_size = shumate_map_source_get_tile_size (source) * exp2 (shumate_viewport_get_zoom_level (viewport));

  for (guint i = 0; i < self->markers->len; i++)
    {
      Marker *marker = g_ptr_array_index (self->markers, i);
      graphene_rect_t rect, padded;
      int child_width, child_height;
      double x, y;

      gtk_widget_measure (marker->widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width, NULL, NULL);
      gtk_widget_measure (marker->widget, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);
      shumate_viewport_location_to_widget_coords (viewport, widget, marker->latitude, marker->longitude, &x, &y);

      /* The map repeats east and west: the copy nearest the centre */
      x -= round ((x - width / 2.) / world_size) * world_size;

      x = round (x - child_width / 2.);
      y = round (y + marker->offset_y - child_height / 2.);
      graphene_rect_init (&rect, x, y, child_width, child_height);
      graphene_rect_inset_r (&rect, -GAP, -GAP, &padded);

      /* Off the widget, or in the way of a more important marker */
      if (x + child_width < 0 || y + child_height < 0 || x > width || y > height || overlaps (placed, &padded))
        {
          gtk_widget_set_child_visible (marker->widget, FALSE);
          continue;
        }

      g_array_append_val (placed, padded);
      gtk_widget_set_child_visible (marker->widget, TRUE);
      gtk_widget_size_allocate (marker->widget,
                                &(GtkAllocation) { (int) x, (int) y, child_width, child_height },
                                -1);
    }
}

static void
atlas_marker_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (widget);

  /* The most important on top */
  for (guint i = self->markers->len; i > 0; i--)
    {
      Marker *marker = g_ptr_array_index (self->markers, i - 1);

      gtk_widget_snapshot_child (widget, marker->widget, snapshot);
    }
}

static gboolean
atlas_marker_layer_contains (GtkWidget *widget,
                             double     x,
                             double     y)
{
  /* Only the markers themselves take the pointer */
  return FALSE;
}

static void
viewport_changed_cb (AtlasMarkerLayer *self)
{
  if (self->markers->len > 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
atlas_marker_layer_constructed (GObject *object)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (atlas_marker_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::rotation", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
atlas_marker_layer_dispose (GObject *object)
{
  AtlasMarkerLayer *self = ATLAS_MARKER_LAYER (object);

  g_clear_pointer (&self->markers, g_ptr_array_unref);
  g_clear_pointer (&self->reserved, g_array_unref);

  G_OBJECT_CLASS (atlas_marker_layer_parent_class)->dispose (object);
}

static void
atlas_marker_layer_class_init (AtlasMarkerLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_marker_layer_constructed;
  object_class->dispose = atlas_marker_layer_dispose;
  widget_class->size_allocate = atlas_marker_layer_size_allocate;
  widget_class->snapshot = atlas_marker_layer_snapshot;
  widget_class->contains = atlas_marker_layer_contains;

  gtk_widget_class_set_css_name (widget_class, "markerlayer");
}

static void
atlas_marker_layer_init (AtlasMarkerLayer *self)
{
  self->markers = g_ptr_array_new_with_free_func ((GDestroyNotify) marker_free);
  self->reserved = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
}

AtlasMarkerLayer *
atlas_marker_layer_new (ShumateViewport *viewport)
{
  return g_object_new (ATLAS_TYPE_MARKER_LAYER, "viewport", viewport, NULL);
}

/**
 * atlas_marker_layer_add:
 * @child: the marker
 * @latitude: where it is
 * @longitude: where it is
 * @offset_y: how far below the place to centre it, in pixels (negative:
 *   above)
 * @priority: markers with a higher priority are placed first, and others
 *   make room for them
 */
void
atlas_marker_layer_add (AtlasMarkerLayer *self,
                        GtkWidget        *child,
                        double            latitude,
                        double            longitude,
                        double            offset_y,
                        int               priority)
{
  Marker *marker;

  g_return_if_fail (ATLAS_IS_MARKER_LAYER (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  marker = g_new0 (Marker, 1);
  marker->widget = g_object_ref_sink (child);
  marker->latitude = latitude;
  marker->longitude = longitude;
  marker->offset_y = offset_y;
  marker->priority = priority;

  gtk_widget_set_parent (child, GTK_WIDGET (self));
  g_ptr_array_add (self->markers, marker);
  g_ptr_array_sort (self->markers, compare_priority);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static guint
find_marker (AtlasMarkerLayer *self,
             GtkWidget        *child)
{
  for (guint i = 0; i < self->markers->len; i++)
    if (((Marker *) g_ptr_array_index (self->markers, i))->widget == child)
      return i;

  return G_MAXUINT;
}

void
atlas_marker_layer_remove (AtlasMarkerLayer *self,
                           GtkWidget        *child)
{
  guint index;

  g_return_if_fail (ATLAS_IS_MARKER_LAYER (self));

  index = find_marker (self, child);
  g_return_if_fail (index != G_MAXUINT);

  g_ptr_array_remove_index (self->markers, index);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * atlas_marker_layer_set_priority:
 *
 * Changes the order in which @child is given room.
 */
void
atlas_marker_layer_set_priority (AtlasMarkerLayer *self,
                                 GtkWidget        *child,
                                 int               priority)
{
  Marker *marker;
  guint index;

  g_return_if_fail (ATLAS_IS_MARKER_LAYER (self));

  index = find_marker (self, child);
  g_return_if_fail (index != G_MAXUINT);

  marker = g_ptr_array_index (self->markers, index);
  if (marker->priority == priority)
    return;

  marker->priority = priority;
  g_ptr_array_sort (self->markers, compare_priority);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
atlas_marker_layer_remove_all (AtlasMarkerLayer *self)
{
  g_return_if_fail (ATLAS_IS_MARKER_LAYER (self));

  g_ptr_array_set_size (self->markers, 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * atlas_marker_layer_set_reserved:
 * @areas: (array length=n_areas): rectangles in the layer's coordinates
 *
 * Keeps markers out of @areas: where the map has its own controls.
 * Takes effect when the layer is next allocated: call it before.
 */
void
atlas_marker_layer_set_reserved (AtlasMarkerLayer      *self,
                                 const graphene_rect_t *areas,
                                 guint                  n_areas)
{
  g_return_if_fail (ATLAS_IS_MARKER_LAYER (self));

  if (n_areas == self->reserved->len &&
      (n_areas == 0 || memcmp (areas, self->reserved->data, n_areas * sizeof (graphene_rect_t)) == 0))
    return;

  g_array_set_size (self->reserved, 0);
  g_array_append_vals (self->reserved, areas, n_areas);
}

guint
atlas_marker_layer_get_n_markers (AtlasMarkerLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), 0);
  return self->markers->len;
}

/**
 * atlas_marker_layer_get_marker:
 *
 * Returns: (transfer none): a marker, by priority, highest first
 */
GtkWidget *
atlas_marker_layer_get_marker (AtlasMarkerLayer *self,
                               guint             index)
{
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), NULL);
  g_return_val_if_fail (index < self->markers->len, NULL);

  return ((Marker *) g_ptr_array_index (self->markers, index))->widget;
}

/**
 * atlas_marker_layer_is_shown:
 *
 * Returns: whether @child has room on the map at this zoom level
 */
gboolean
atlas_marker_layer_is_shown (AtlasMarkerLayer *self,
                             GtkWidget        *child)
{
  g_return_val_if_fail (ATLAS_IS_MARKER_LAYER (self), FALSE);

  return gtk_widget_get_parent (child) == GTK_WIDGET (self) && gtk_widget_get_child_visible (child);
}
