/* atlas-saved-views.h — named views kept in the data file, for
 * presenting them one after another like slides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *name;
  char *link;   /* space-atlas://view?… */
} AtlasSavedView;

void        atlas_saved_view_free    (AtlasSavedView *view);
GPtrArray  *atlas_saved_views_read   (JsonObject     *extra);
JsonObject *atlas_saved_views_write  (JsonObject     *extra,
                                      GPtrArray      *views);

G_END_DECLS
