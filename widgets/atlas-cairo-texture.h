/* atlas-cairo-texture.h — a cairo image surface as a GdkTexture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *atlas_cairo_texture_new (cairo_surface_t *surface);

G_END_DECLS
