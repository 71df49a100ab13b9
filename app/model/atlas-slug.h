/* atlas-slug.h — record ids made from titles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATLAS_SLUG_MAX_LENGTH 60

gboolean  atlas_slug_is_valid      (const char *id);
char     *atlas_slugify            (const char *title);
char     *atlas_slug_make_unique   (const char *slug,
                                    GHashTable *taken);

G_END_DECLS
