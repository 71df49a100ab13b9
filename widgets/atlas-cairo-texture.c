/* atlas-cairo-texture.c — a cairo image surface as a GdkTexture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "atlas-cairo-texture.h"

/**
 * atlas_cairo_texture_new:
 * @surface: (transfer full): an image surface in cairo's ARGB32 format
 *   (premultiplied, native byte order: GDK_MEMORY_DEFAULT), drawn and
 *   flushed
 *
 * The texture keeps the surface, and shows its pixels without copying
 * them.
 *
 * Returns: (transfer full): a texture of the surface's pixels
 */
GdkTexture *
atlas_cairo_texture_new (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}
