/* atlas-application.c — the Space Atlas application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-application"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "atlas-application.h"
#include "atlas-convert.h"
#include "atlas-countries.h"
#include "atlas-export.h"
#include "atlas-format.h"
#include "atlas-preferences-window.h"
#include "atlas-window.h"
#include "atlas-world-geometry.h"

struct _AtlasApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  AtlasOrganizations *organizations;
};

G_DEFINE_FINAL_TYPE (AtlasApplication, atlas_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "check", 'c', 0, G_OPTION_ARG_NONE, NULL,
    N_("Check data files for problems and exit, without opening a window"), NULL },
  { "convert", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Convert the file IN to OUT and exit: Space Atlas JSON, CSV or TimelineJS in; "
       "those or GeoJSON out, as the names’ extensions say"), NULL },
  /* Translators: the values are names, not to be translated */
  { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --convert, the format to write: json, csv, timelinejs or geojson"), N_("FORMAT") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show this view of the data: a space-atlas://view?… link"), N_("LINK") },
  { "view-string", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The same as --view"), N_("LINK") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Draw a picture of FILE’s map and timeline to OUT and exit, without opening a window: "
       "PNG, SVG or PDF, as OUT’s extension says"), N_("OUT") },
  /* Translators: WxH stands for width and height, as in 1600x900 */
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export, the picture’s size in pixels: WIDTHxHEIGHT, 1600x900 unless given"), N_("WxH") },
  /* Translators: the values are names, not to be translated */
  { "show", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export, what the picture shows: timeline, map or both (the default)"), N_("VIEWS") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

/**
 * atlas_application_get_bundled_data_file:
 *
 * Returns: (transfer full): the data set that comes with the
 *   application; it is read-only
 */
GFile *
atlas_application_get_bundled_data_file (void)
{
  return g_file_new_for_uri ("resource://" RESOURCE_PATH "/data/partnerships.json");
}

/**
 * atlas_application_check_files:
 * @paths: data files to check, as named on the command line
 * @out: where to write one line per problem
 *
 * What `space-atlas --check` does.  Problems name each file as it was
 * given, the way compilers do.
 *
 * Returns: the exit status: 0 when no file has a problem, 1 otherwise
 */
int
atlas_application_check_files (const char * const *paths,
                               GString            *out)
{
  int status = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autofree char *text = NULL;

      records = atlas_format_read_file (file, NULL, NULL, &problems);
      if (records == NULL)
        status = 1;

      text = atlas_problems_to_string (problems, paths[i]);
      g_string_append (out, text);
    }

  return status;
}

/* A country's label point on the bundled world map (Natural Earth,
 * 1:50m, which has the small countries too).  A former country (SU, DD,
 * YU, …) is placed at the first of its successors, the continuing state
 * or the largest. */
static gboolean
world_label_point (const char *code,
                   double     *longitude,
                   double     *latitude,
                   gpointer    data)
{
  AtlasWorldGeometry *geometry = atlas_world_geometry_get_default (ATLAS_WORLD_DETAIL_FINE);
  const AtlasWorldShape *shape = atlas_world_geometry_lookup (geometry, code);

  if (shape == NULL)
    {
      const char * const *successors = atlas_countries_get_successors (code);

      if (successors != NULL && successors[0] != NULL)
        shape = atlas_world_geometry_lookup (geometry, successors[0]);
    }

  if (shape == NULL)
    return FALSE;

  *longitude = shape->label_lon;
  *latitude = shape->label_lat;
  return TRUE;
}

/**
 * atlas_application_get_label_point_func:
 *
 * Where countries are on the bundled world map, for
 * atlas_geojson_export() (its data is %NULL).  The map is read from the
 * application's resources at first use.
 *
 * Returns: (transfer none): the function
 */
AtlasLabelPointFunc
atlas_application_get_label_point_func (void)
{
  return world_label_point;
}

/* What `space-atlas --convert IN OUT [--to FORMAT]` does */
static int
convert_files (GVariantDict *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autofree const char **paths = NULL;
  g_autofree char *to = NULL;
  int status;

  g_variant_dict_lookup (options, "to", "s", &to);
  if (!g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths) ||
      paths == NULL || g_strv_length ((char **) paths) != 2)
    {
      g_printerr (_("space-atlas --convert: name the file to read and the file to write: "
                    "space-atlas --convert IN OUT [--to FORMAT]\n"));
      return 2;
    }

  status = atlas_convert_files (paths[0], paths[1], to, world_label_point, NULL, out, err);
  fputs (out->str, stdout);
  fputs (err->str, stderr);
  return status;
}

static int
atlas_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  g_autofree const char **paths = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "check"))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      int status;

      if (!g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths) ||
          paths == NULL || paths[0] == NULL)
        {
          g_printerr (_("space-atlas --check: name at least one data file to check\n"));
          return 2;
        }

      status = atlas_application_check_files (paths, out);
      fputs (out->str, stdout);
      return status;
    }

  if (g_variant_dict_contains (options, "convert"))
    return convert_files (options);

  if (g_variant_dict_contains (options, "to"))
    {
      g_printerr (_("space-atlas: --to goes with --convert\n"));
      return 2;
    }

  if (g_variant_dict_contains (options, "export"))
    return atlas_export_run_command_line (ATLAS_APPLICATION (application), options);

  if (g_variant_dict_contains (options, "size") || g_variant_dict_contains (options, "show"))
    {
      g_printerr (_("space-atlas: --size and --show go with --export\n"));
      return 2;
    }

  return -1;
}

/* The file last open, if it is still there, else the bundled data set */
static GFile *
get_start_file (AtlasApplication *self)
{
  GSettings *settings = atlas_application_get_settings (self);
  g_autofree char *uri = NULL;

  if (g_settings_get_boolean (settings, "reopen-last-file"))
    {
      uri = g_settings_get_string (settings, "last-file");
      if (uri != NULL && *uri != '\0')
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);

          if (g_file_query_exists (file, NULL))
            return g_steal_pointer (&file);
        }
    }

  return atlas_application_get_bundled_data_file ();
}

static int
atlas_application_command_line (GApplication            *application,
                                GApplicationCommandLine *command_line)
{
  AtlasApplication *self = ATLAS_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **paths = NULL;
  g_autoptr(AtlasViewState) view = NULL;
  const char *view_text = NULL;
  AtlasWindow *window;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);

  if (g_variant_dict_lookup (options, "view-string", "&s", &view_text) ||
      g_variant_dict_lookup (options, "view", "&s", &view_text))
    {
      g_autoptr(GError) error = NULL;

      view = atlas_view_state_parse (view_text, &error);
      if (view == NULL)
        {
          g_application_command_line_printerr (command_line, "space-atlas: %s\n", error->message);
          return 2;
        }
    }

  if (paths == NULL || paths[0] == NULL)
    {
      g_autoptr(GFile) file = get_start_file (self);

      window = atlas_window_new (self);
      if (view != NULL)
        atlas_window_set_view_state (window, view);
      atlas_window_open (window, file);
      gtk_window_present (GTK_WINDOW (window));
      return 0;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, paths[i]);

      window = atlas_window_new (self);
      if (view != NULL)
        atlas_window_set_view_state (window, view);
      atlas_window_open (window, file);
      gtk_window_present (GTK_WINDOW (window));
    }

  return 0;
}

static void
atlas_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      g_autoptr(GFile) file = get_start_file (ATLAS_APPLICATION (application));

      window = GTK_WINDOW (atlas_window_new (ATLAS_APPLICATION (application)));
      atlas_window_open (ATLAS_WINDOW (window), file);
    }

  gtk_window_present (window);
}

static void
load_organizations (AtlasApplication *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (RESOURCE_PATH "/data/organizations.json", 0, &error);
  if (bytes == NULL)
    {
      g_warning ("The list of organizations is missing: %s", error->message);
      return;
    }

  if (!atlas_organizations_load_bytes (self->organizations, bytes, &problems))
    {
      g_autofree char *text = atlas_problems_to_string (problems, "organizations.json");
      g_warning ("The list of organizations has problems:\n%s", text);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Space Atlas developers", NULL };
  /* The publishers of the seed documents (data/README.md) */
  static const char *data_sources[] = {
    "Harbin Institute of Technology https://en.hit.edu.cn",
    "HIT School of Astronautics https://sa.hit.edu.cn",
    "National Space Science Center, Chinese Academy of Sciences http://english.nssc.cas.cn",
    "Xinhua News Agency, by way of Satellite Innovation",
    NULL
  };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Space Atlas"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Space Atlas developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, "https://github.com/spaceatlas/space-atlas");
  adw_about_window_set_issue_url (about, "https://github.com/spaceatlas/space-atlas/issues");
  adw_about_window_set_comments (about,
                                 _("Explore international space cooperation — agreements, joint "
                                   "missions, launch services, data sharing, training and research "
                                   "centres — on a timeline and a map of partner countries."));
  /* Translators: replace with your names, one a line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_add_legal_section (about, _("Country boundaries"),
                                      _("Made with Natural Earth, free vector and raster map data "
                                        "at naturalearthdata.com, by way of the world-atlas package."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Natural Earth data is in the public domain."));
  adw_about_window_add_credit_section (about, _("Sources of the Bundled Data Set"), data_sources);
  adw_about_window_add_legal_section (about, _("Country names and codes"),
                                      _("From the iso-codes project, with its translations."),
                                      GTK_LICENSE_LGPL_2_1, NULL);
  if (window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), window);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AtlasApplication *self = ATLAS_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = atlas_preferences_window_new (atlas_application_get_settings (self));

  if (window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close each window the way its close button does, so that each can
   * save its state */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
atlas_application_startup (GApplication *application)
{
  AtlasApplication *self = ATLAS_APPLICATION (application);

  G_APPLICATION_CLASS (atlas_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open",
                                         (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-sidebar",
                                         (const char *[]) { "F9", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-record",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.duplicate-record",
                                         (const char *[]) { "<Control>d", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.undo",
                                         (const char *[]) { "<Control>z", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.redo",
                                         (const char *[]) { "<Control><Shift>z", "<Control>y", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.save",
                                         (const char *[]) { "<Control>s", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.save-as",
                                         (const char *[]) { "<Control><Shift>s", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.present",
                                         (const char *[]) { "F5", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.find",
                                         (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.copy-view",
                                         (const char *[]) { "<Control><Shift>c", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.go-to-view",
                                         (const char *[]) { "<Control>l", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import",
                                         (const char *[]) { "<Control>i", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export",
                                         (const char *[]) { "<Control>e", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-picture",
                                         (const char *[]) { "<Control><Shift>e", NULL });

  load_organizations (self);

  g_signal_connect_object (atlas_application_get_settings (self), "changed::style",
                           G_CALLBACK (atlas_application_apply_style), self, G_CONNECT_SWAPPED);
  atlas_application_apply_style (self);
}

static void
atlas_application_dispose (GObject *object)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->organizations);

  G_OBJECT_CLASS (atlas_application_parent_class)->dispose (object);
}

static void
atlas_application_class_init (AtlasApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = atlas_application_dispose;
  app_class->activate = atlas_application_activate;
  app_class->startup = atlas_application_startup;
  app_class->command_line = atlas_application_command_line;
  app_class->handle_local_options = atlas_application_handle_local_options;
}

static void
atlas_application_init (AtlasApplication *self)
{
  self->organizations = atlas_organizations_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Explore international space cooperation on a "
                                              "timeline and a world map.\n\n"
                                              "Opens FILE, or the bundled data set when no file "
                                              "is named."));
}

AtlasApplication *
atlas_application_new (void)
{
  return g_object_new (ATLAS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * atlas_application_get_organizations:
 *
 * Returns: (transfer none): the known organizations
 */
AtlasOrganizations *
atlas_application_get_organizations (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);
  return self->organizations;
}

/**
 * atlas_application_forget_settings:
 *
 * From now on, what the application and its windows change in their
 * settings (the last file open, the window's size) lasts only as long
 * as the process: for `space-atlas --export`, which opens a file that
 * nobody opened.
 */
void
atlas_application_forget_settings (AtlasApplication *self)
{
  g_autoptr(GSettingsBackend) backend = NULL;

  g_return_if_fail (ATLAS_IS_APPLICATION (self));

  backend = g_memory_settings_backend_new ();
  g_clear_object (&self->settings);
  self->settings = g_settings_new_with_backend (APP_ID, backend);
}

/**
 * atlas_application_apply_style:
 *
 * Makes the windows light, dark or follow the system's style, as the
 * settings say.  Called when the setting changes, and by a window that
 * stops presenting, which is always dark.
 */
void
atlas_application_apply_style (AtlasApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint style;

  g_return_if_fail (ATLAS_IS_APPLICATION (self));

  style = g_settings_get_enum (atlas_application_get_settings (self), "style");
  adw_style_manager_set_color_scheme (adw_application_get_style_manager (ADW_APPLICATION (self)),
                                      schemes[MIN (style, G_N_ELEMENTS (schemes) - 1)]);
}

/**
 * atlas_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
atlas_application_get_settings (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  return self->settings;
}
