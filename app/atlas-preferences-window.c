/* atlas-preferences-window.c — the application's preferences
 *
 * Every row is bound to its GSettings key both ways, so a change shows at
 * once in every window (they listen to the same keys) and a change made
 * elsewhere, with gsettings or dconf-editor, shows here.
 *
 * The choices are enumerations in the schema; a combo row shows them in
 * the schema's order, so the row's position is the enumeration's value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-preferences-window.h"

struct _AtlasPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings;

  AdwComboRow         *style_row;
  AdwComboRow         *lanes_row;
  AdwComboRow         *basemap_row;
  AdwComboRow         *palette_row;
  GtkSwitch           *reopen_switch;
};

G_DEFINE_FINAL_TYPE (AtlasPreferencesWindow, atlas_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The key's nicks, in order of value */
static GStrv
enum_nicks (GSettings  *settings,
            const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) values = NULL;
  const char *type;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &values);
  g_return_val_if_fail (g_str_equal (type, "enum"), NULL);

  /* g_variant_dup_strv() gives them as the schema lists them, which is
   * the order of their values in ours */
  return g_variant_dup_strv (values, NULL);
}

static gboolean
nick_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
position_to_nick (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[position]);
}

static void
bind_combo_row (AtlasPreferencesWindow *self,
                AdwComboRow            *row,
                const char             *key)
{
  GStrv nicks = enum_nicks (self->settings, key);

  g_return_if_fail (nicks != NULL);
  g_return_if_fail (g_list_model_get_n_items (adw_combo_row_get_model (row)) == g_strv_length (nicks));

  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_position, position_to_nick,
                                nicks, (GDestroyNotify) g_strfreev);
}

static void
atlas_preferences_window_constructed (GObject *object)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (atlas_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  bind_combo_row (self, self->style_row, "style");
  bind_combo_row (self, self->lanes_row, "timeline-lanes");
  bind_combo_row (self, self->basemap_row, "basemap");
  bind_combo_row (self, self->palette_row, "map-palette");
  g_settings_bind (self->settings, "reopen-last-file", self->reopen_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
atlas_preferences_window_dispose (GObject *object)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (atlas_preferences_window_parent_class)->dispose (object);
}

static void
atlas_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AtlasPreferencesWindow *self = ATLAS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_preferences_window_class_init (AtlasPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_preferences_window_constructed;
  object_class->dispose = atlas_preferences_window_dispose;
  object_class->set_property = atlas_preferences_window_set_property;

  /**
   * AtlasPreferencesWindow:settings:
   *
   * The application's settings, which the window shows and changes.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/spaceatlas/SpaceAtlas/ui/atlas-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, lanes_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, basemap_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, palette_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, reopen_switch);
}

static void
atlas_preferences_window_init (AtlasPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * atlas_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer floating): a window showing and changing @settings
 */
GtkWidget *
atlas_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ATLAS_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
