/* atlas-timelinejs.h — records to and from TimelineJS (Knight Lab) JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-format.h"

G_BEGIN_DECLS

gboolean  atlas_timelinejs_is_timeline  (GBytes              *bytes);
gboolean  atlas_timelinejs_import       (GBytes              *bytes,
                                         const char * const  *default_countries,
                                         GHashTable          *taken_ids,
                                         GPtrArray          **records,
                                         JsonObject         **extra,
                                         GPtrArray          **problems);
GBytes   *atlas_timelinejs_export       (GPtrArray           *records,
                                         JsonObject          *extra,
                                         const char          *title);

char     *atlas_timelinejs_html_to_text (const char          *html);

G_END_DECLS
