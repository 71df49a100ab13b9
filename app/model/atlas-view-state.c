/* atlas-view-state.c — what the window shows, as a shareable string
 *
 *   space-atlas://view?from=1988&to=2010-06&kind=joint-mission,agreement
 *     &status=active&country=CN,BR&org=ESA&tag=lunar&q=earth%20observation
 *     &record=cbers&lanes=kind&time=1980-01-01..2030-12-31&map=35,105,3
 *
 * Every parameter is optional.  Lists are comma-separated; values are
 * percent-encoded.  Parameters this version does not know are ignored,
 * so newer strings still open; a known parameter with a bad value is an
 * error that says which and why.  to_string() writes parameters in the
 * order above, so equal views give equal strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-view-state"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-countries.h"
#include "atlas-view-state.h"

/* Longer strings are not views anyone typed or pasted */
#define MAX_VIEW_STRING 65536

G_DEFINE_QUARK (atlas-view-state-error-quark, atlas_view_state_error)

AtlasViewState *
atlas_view_state_new (void)
{
  return g_new0 (AtlasViewState, 1);
}

AtlasViewState *
atlas_view_state_copy (const AtlasViewState *state)
{
  AtlasViewState *copy = g_memdup2 (state, sizeof *state);

  copy->countries = g_strdupv (state->countries);
  copy->organizations = g_strdupv (state->organizations);
  copy->tags = g_strdupv (state->tags);
  copy->text = g_strdup (state->text);
  copy->record = g_strdup (state->record);
  copy->lanes = g_strdup (state->lanes);
  return copy;
}

void
atlas_view_state_free (AtlasViewState *state)
{
  if (state == NULL)
    return;

  g_strfreev (state->countries);
  g_strfreev (state->organizations);
  g_strfreev (state->tags);
  g_free (state->text);
  g_free (state->record);
  g_free (state->lanes);
  g_free (state);
}

static gboolean
empty0 (const char *text)
{
  return text == NULL || *text == '\0';
}

gboolean
atlas_view_state_equal (const AtlasViewState *a,
                        const AtlasViewState *b)
{
  g_autofree char *sa = atlas_view_state_to_string (a);
  g_autofree char *sb = atlas_view_state_to_string (b);

  /* The string form is canonical: compare that */
  return g_strcmp0 (sa, sb) == 0;
}

/**
 * atlas_view_state_has_filter:
 *
 * Returns: whether the view hides any record
 */
gboolean
atlas_view_state_has_filter (const AtlasViewState *state)
{
  return atlas_date_is_set (&state->from) || atlas_date_is_set (&state->to) ||
         state->kinds != 0 || state->statuses != 0 ||
         (state->countries && state->countries[0]) ||
         (state->organizations && state->organizations[0]) ||
         (state->tags && state->tags[0]) || !empty0 (state->text);
}

/* Writing */

static void
append_param (GString    *out,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, ",.-_~:", FALSE);

  if (out->str[out->len - 1] != '?')
    g_string_append_c (out, '&');
  g_string_append_printf (out, "%s=%s", name, escaped);
}

static void
append_list (GString    *out,
             const char *name,
             char      **list)
{
  g_autofree char *joined = NULL;

  if (list == NULL || list[0] == NULL)
    return;

  joined = g_strjoinv (",", list);
  append_param (out, name, joined);
}

static void
append_mask (GString            *out,
             const char         *name,
             guint               mask,
             guint               n,
             const char * (*to_string) (guint))
{
  g_autoptr(GString) value = g_string_new (NULL);

  if (mask == 0)
    return;

  for (guint i = 0; i < n; i++)
    if (mask & (1u << i))
      g_string_append_printf (value, "%s%s", value->len ? "," : "", to_string (i));

  append_param (out, name, value->str);
}

static const char *
kind_name (guint kind)
{
  return atlas_kind_to_string (kind);
}

static const char *
status_name (guint status)
{
  return atlas_status_to_string (status);
}

/* Days as dates: readable in a URL, exact to the day */
static char *
day_to_string (double day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) CLAMP (floor (day), 1, G_MAXINT32));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/**
 * atlas_view_state_to_string:
 *
 * Returns: (transfer full): the view as a space-atlas://view?… string
 */
char *
atlas_view_state_to_string (const AtlasViewState *state)
{
  GString *out = g_string_new (ATLAS_VIEW_SCHEME "://view?");

  if (atlas_date_is_set (&state->from))
    {
      g_autofree char *from = atlas_date_to_string (&state->from);
      append_param (out, "from", from);
    }
  if (atlas_date_is_set (&state->to))
    {
      g_autofree char *to = atlas_date_to_string (&state->to);
      append_param (out, "to", to);
    }
  append_mask (out, "kind", state->kinds, ATLAS_N_KINDS, kind_name);
  append_mask (out, "status", state->statuses, ATLAS_N_STATUSES, status_name);
  append_list (out, "country", state->countries);
  append_list (out, "org", state->organizations);
  append_list (out, "tag", state->tags);
  if (!empty0 (state->text))
    append_param (out, "q", state->text);
  if (!empty0 (state->record))
    append_param (out, "record", state->record);
  if (!empty0 (state->lanes))
    append_param (out, "lanes", state->lanes);
  if (state->time_start > 0 && state->time_end > state->time_start)
    {
      g_autofree char *a = day_to_string (state->time_start);
      g_autofree char *b = day_to_string (state->time_end);
      g_autofree char *range = g_strdup_printf ("%s..%s", a, b);

      append_param (out, "time", range);
    }
  if (state->has_map)
    {
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE], zoom[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *map = NULL;

      g_ascii_formatd (lat, sizeof lat, "%.4f", state->map_latitude);
      g_ascii_formatd (lon, sizeof lon, "%.4f", state->map_longitude);
      g_ascii_formatd (zoom, sizeof zoom, "%.2f", state->map_zoom);
      map = g_strdup_printf ("%s,%s,%s", lat, lon, zoom);
      append_param (out, "map", map);
    }

  /* Nothing set: the bare view */
  if (out->str[out->len - 1] == '?')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* Reading */

static gboolean value_error (GError    **error,
                             const char *name,
                             const char *format,
                             ...) G_GNUC_PRINTF (3, 4);

static gboolean
value_error (GError    **error,
             const char *name,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a problem in a view string; the first %s is the name of
   * the parameter ("from", "country"), the second what is wrong */
  g_set_error (error, ATLAS_VIEW_STATE_ERROR, ATLAS_VIEW_STATE_ERROR_VALUE,
               _("The view's “%s”: %s"), name, message);
  return FALSE;
}

static char **
split_list (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_mask (const char  *name,
            const char  *value,
            gboolean   (*from_string) (const char *, guint *),
            guint       *mask,
            GError     **error)
{
  g_auto(GStrv) items = split_list (value);

  *mask = 0;
  for (guint i = 0; items[i] != NULL; i++)
    {
      guint bit;

      if (!from_string (items[i], &bit))
        return value_error (error, name, _("“%s” is not known"), items[i]);
      *mask |= 1u << bit;
    }

  return TRUE;
}

static gboolean
kind_from_string (const char *text,
                  guint      *out)
{
  AtlasKind kind;

  if (!atlas_kind_from_string (text, &kind))
    return FALSE;
  *out = kind;
  return TRUE;
}

static gboolean
status_from_string (const char *text,
                    guint      *out)
{
  AtlasStatus status;

  if (!atlas_status_from_string (text, &status))
    return FALSE;
  *out = status;
  return TRUE;
}

static gboolean
parse_day (const char *text,
           double     *day)
{
  AtlasDate date;

  if (!atlas_date_parse (text, &date, NULL) || date.precision != ATLAS_DATE_PRECISION_DAY)
    return FALSE;
  *day = atlas_date_get_first_day (&date);
  return TRUE;
}

static gboolean
parse_double (const char *text,
              double      low,
              double      high,
              double     *value)
{
  char *end = NULL;
  double v;

  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || v < low || v > high)
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
parse_param (AtlasViewState  *state,
             const char      *name,
             const char      *value,
             GError         **error)
{
  g_autoptr(GError) local = NULL;

  if (g_str_equal (name, "from") || g_str_equal (name, "to"))
    {
      AtlasDate *date = g_str_equal (name, "from") ? &state->from : &state->to;

      if (!atlas_date_parse (value, date, &local))
        return value_error (error, name, "%s", local->message);
      return TRUE;
    }

  if (g_str_equal (name, "kind"))
    return parse_mask (name, value, kind_from_string, &state->kinds, error);

  if (g_str_equal (name, "status"))
    return parse_mask (name, value, status_from_string, &state->statuses, error);

  if (g_str_equal (name, "country"))
    {
      g_strfreev (state->countries);
      state->countries = split_list (value);
      for (guint i = 0; state->countries[i] != NULL; i++)
        if (!atlas_countries_is_known (state->countries[i]))
          return value_error (error, name, _("“%s” is not an ISO 3166 country code"),
                              state->countries[i]);
      return TRUE;
    }

  if (g_str_equal (name, "org"))
    {
      g_strfreev (state->organizations);
      state->organizations = split_list (value);
      return TRUE;
    }

  if (g_str_equal (name, "tag"))
    {
      g_strfreev (state->tags);
      state->tags = split_list (value);
      return TRUE;
    }

  if (g_str_equal (name, "q"))
    {
      g_free (state->text);
      state->text = g_strdup (value);
      return TRUE;
    }

  if (g_str_equal (name, "record"))
    {
      g_free (state->record);
      state->record = g_strdup (value);
      return TRUE;
    }

  if (g_str_equal (name, "lanes"))
    {
      if (!g_str_equal (value, "kind") && !g_str_equal (value, "country") &&
          !g_str_equal (value, "organization"))
        return value_error (error, name, _("use kind, country or organization"));
      g_free (state->lanes);
      state->lanes = g_strdup (value);
      return TRUE;
    }

  if (g_str_equal (name, "time"))
    {
      g_auto(GStrv) ends = g_strsplit (value, "..", 2);

      if (g_strv_length (ends) != 2 || !parse_day (ends[0], &state->time_start) ||
          !parse_day (ends[1], &state->time_end) || state->time_end <= state->time_start)
        return value_error (error, name, _("use two days, the first before the second: "
                                           "1980-01-01..2030-12-31"));
      return TRUE;
    }

  if (g_str_equal (name, "map"))
    {
      g_auto(GStrv) parts = g_strsplit (value, ",", -1);

      if (g_strv_length (parts) != 3 ||
          !parse_double (parts[0], -90, 90, &state->map_latitude) ||
          !parse_double (parts[1], -180, 180, &state->map_longitude) ||
          !parse_double (parts[2], 0, 20, &state->map_zoom))
        return value_error (error, name, _("use latitude, longitude and zoom: 35,105,3"));
      state->has_map = TRUE;
      return TRUE;
    }

  /* A newer version's parameter: ignored, so the view still opens */
  return TRUE;
}

/**
 * atlas_view_state_parse:
 * @text: a view string, space-atlas://view?…
 *
 * Returns: (transfer full) (nullable): the view, or %NULL with @error
 *   saying what is wrong and where
 */
AtlasViewState *
atlas_view_state_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(AtlasViewState) state = atlas_view_state_new ();
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) local = NULL;
  const char *query;
  static const char * const order[] = {
    "from", "to", "kind", "status", "country", "org", "tag", "q", "record", "lanes", "time", "map",
  };
  const char *prefix = ATLAS_VIEW_SCHEME "://view";

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) > MAX_VIEW_STRING || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ATLAS_VIEW_STATE_ERROR, ATLAS_VIEW_STATE_ERROR_SYNTAX,
                           _("This is not a view string: it is too long or not text"));
      return NULL;
    }

  text += strspn (text, " \t\n\r");
  if (!g_str_has_prefix (text, prefix) || (text[strlen (prefix)] != '\0' && text[strlen (prefix)] != '?'))
    {
      g_set_error (error, ATLAS_VIEW_STATE_ERROR, ATLAS_VIEW_STATE_ERROR_SYNTAX,
                   _("A view string starts with “%s”"), prefix);
      return NULL;
    }

  query = text + strlen (prefix);
  if (*query == '\0')
    return g_steal_pointer (&state);
  query++;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &local);
  if (params == NULL)
    {
      g_set_error (error, ATLAS_VIEW_STATE_ERROR, ATLAS_VIEW_STATE_ERROR_SYNTAX,
                   _("The view string is not well formed: %s"), local->message);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *value = g_hash_table_lookup (params, order[i]);
      g_autofree char *trimmed = NULL;

      if (value == NULL)
        continue;

      trimmed = g_strstrip (g_strdup (value));
      if (!parse_param (state, order[i], trimmed, error))
        return NULL;
    }

  if (atlas_date_is_set (&state->from) && atlas_date_is_set (&state->to) &&
      atlas_date_is_before (&state->to, &state->from))
    {
      value_error (error, "to", _("the end of the time range is before its start"));
      return NULL;
    }

  return g_steal_pointer (&state);
}
