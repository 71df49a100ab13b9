/* test-preferences.c — the Preferences window shows and changes the
 * settings, and windows follow the settings as they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include "atlas-application.h"
#include "atlas-preferences-window.h"
#include "atlas-window-private.h"

static AtlasApplication *app;

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type,
              guint      nth)
{
  guint seen = 0;
  GPtrArray *stack = g_ptr_array_new ();
  GtkWidget *found = NULL;

  g_ptr_array_add (stack, root);
  /* Breadth first, so the n-th is the n-th in reading order within a
   * level, which is how the rows are laid out */
  for (guint i = 0; i < stack->len && found == NULL; i++)
    {
      GtkWidget *widget = g_ptr_array_index (stack, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && seen++ == nth)
        found = widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }

  g_ptr_array_unref (stack);
  return found;
}

static AdwComboRow *
find_combo_row (GtkWidget  *root,
                const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = find_by_type (root, ADW_TYPE_COMBO_ROW, i);

      if (row == NULL)
        g_error ("no combo row “%s”", title);
      if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
        return ADW_COMBO_ROW (row);
    }
}

static void
check_combo_row (GtkWidget          *window,
                 GSettings          *settings,
                 const char         *title,
                 const char         *key,
                 const char * const *nicks)
{
  AdwComboRow *row = find_combo_row (window, title);
  g_autofree char *original = g_settings_get_string (settings, key);
  guint n = g_strv_length ((char **) nicks);

  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, n);

  /* The setting, shown in the row */
  for (guint i = 0; i < n; i++)
    {
      g_settings_set_string (settings, key, nicks[i]);
      g_assert_cmpuint (adw_combo_row_get_selected (row), ==, i);
    }

  /* The row, written to the setting */
  for (guint i = n; i-- > 0;)
    {
      g_autofree char *value = NULL;

      adw_combo_row_set_selected (row, i);
      value = g_settings_get_string (settings, key);
      g_assert_cmpstr (value, ==, nicks[i]);
    }

  g_settings_set_string (settings, key, original);
}

static void
test_rows_follow_settings (void)
{
  GSettings *settings = atlas_application_get_settings (app);
  GtkWidget *window = atlas_preferences_window_new (settings);
  GtkSwitch *reopen;

  gtk_window_present (GTK_WINDOW (window));

  check_combo_row (window, settings, "_Style", "style", (const char *[]) { "follow", "light", "dark", NULL });
  check_combo_row (window, settings, "_Lanes", "timeline-lanes",
                   (const char *[]) { "kind", "country", "organization", NULL });
  check_combo_row (window, settings, "_Basemap", "basemap", (const char *[]) { "offline", "online", NULL });
  check_combo_row (window, settings, "_Palette", "map-palette",
                   (const char *[]) { "warm", "viridis", "greys", NULL });

  reopen = GTK_SWITCH (find_by_type (window, GTK_TYPE_SWITCH, 0));
  g_settings_set_boolean (settings, "reopen-last-file", FALSE);
  g_assert_false (gtk_switch_get_active (reopen));
  gtk_switch_set_active (reopen, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "reopen-last-file"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
window_lanes (AtlasWindow *window)
{
  g_autoptr(AtlasViewState) state = atlas_window_dup_view_state (window);

  return g_strdup (state->lanes);
}

static void
test_windows_follow_settings (void)
{
  GSettings *settings = atlas_application_get_settings (app);
  AdwStyleManager *style = adw_style_manager_get_default ();
  AtlasWindow *window;
  char *lanes;

  /* A new window starts with the preferred lanes */
  g_settings_set_string (settings, "timeline-lanes", "organization");
  window = atlas_window_new (app);
  lanes = window_lanes (window);
  g_assert_cmpstr (lanes, ==, "organization");
  g_free (lanes);

  /* and follows when they change */
  g_settings_set_string (settings, "timeline-lanes", "country");
  lanes = window_lanes (window);
  g_assert_cmpstr (lanes, ==, "country");
  g_free (lanes);
  g_settings_reset (settings, "timeline-lanes");

  /* The basemap, without showing the window: no tiles are fetched */
  g_assert_cmpint (atlas_world_map_get_basemap (_atlas_window_get_world_map (window)), ==,
                   ATLAS_WORLD_MAP_BASEMAP_OFFLINE);
  g_settings_set_string (settings, "basemap", "online");
  g_assert_cmpint (atlas_world_map_get_basemap (_atlas_window_get_world_map (window)), ==,
                   ATLAS_WORLD_MAP_BASEMAP_ONLINE);
  g_settings_reset (settings, "basemap");
  g_assert_cmpint (atlas_world_map_get_basemap (_atlas_window_get_world_map (window)), ==,
                   ATLAS_WORLD_MAP_BASEMAP_OFFLINE);

  /* The palette */
  g_settings_set_string (settings, "map-palette", "greys");
  g_assert_cmpint (atlas_world_map_get_palette (_atlas_window_get_world_map (window)), ==,
                   ATLAS_CHOROPLETH_PALETTE_GREYS);
  g_settings_reset (settings, "map-palette");
  g_assert_cmpint (atlas_world_map_get_palette (_atlas_window_get_world_map (window)), ==,
                   ATLAS_CHOROPLETH_PALETTE_WARM);

  /* The style, at once */
  g_settings_set_string (settings, "style", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (settings, "style", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Presenting is dark; stopping gives back the preferred style */
  _atlas_window_set_presenting (window, TRUE);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  _atlas_window_set_presenting (window, FALSE);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_settings_reset (settings, "style");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = atlas_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/preferences/rows-follow-settings", test_rows_follow_settings);
  g_test_add_func ("/preferences/windows-follow-settings", test_windows_follow_settings);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
