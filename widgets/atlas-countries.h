/* atlas-countries.h — ISO 3166 country codes and names, from iso-codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean      atlas_countries_is_known         (const char *code);
gboolean      atlas_countries_is_historical    (const char *code);
const char   *atlas_countries_get_name         (const char *code);
const char   *atlas_countries_get_short_name   (const char *code);
const char   *atlas_countries_get_flag         (const char *code);
const char   *atlas_countries_get_numeric      (const char *code);
const char   *atlas_countries_lookup_numeric   (const char *numeric);
const char   *atlas_countries_lookup_name      (const char *name);
char         *atlas_countries_suggest          (const char *code);
char        **atlas_countries_list             (gboolean    include_historical);
char         *atlas_countries_format_list      (const char * const *codes);
const char * const *
              atlas_countries_get_successors   (const char *code);

G_END_DECLS
