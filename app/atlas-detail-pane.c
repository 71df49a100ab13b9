/* atlas-detail-pane.c — every field of the selected record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-detail-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-detail-pane.h"

struct _AtlasDetailPane
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkLabel           *kind_label;
  GtkLabel           *title_label;
  GtkLabel           *period_label;
  GtkLabel           *summary_label;
  GtkListBox         *countries_list;
  GtkWidget          *organizations_box;
  GtkListBox         *organizations_list;
  GtkWidget          *sources_box;
  GtkListBox         *sources_list;
  GtkWidget          *tags_box;
  GtkFlowBox         *tags_flow;
  GtkLabel           *id_label;

  AtlasPartnership   *record;
  AtlasOrganizations *organizations;
};

G_DEFINE_FINAL_TYPE (AtlasDetailPane, atlas_detail_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
clear_flow_box (GtkFlowBox *flow)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (flow))) != NULL)
    gtk_flow_box_remove (flow, child);
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Record text is data, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");

  return row;
}

static void
add_countries (AtlasDetailPane *self)
{
  const char * const *codes = atlas_partnership_get_countries (self->record);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *name = atlas_countries_get_name (codes[i]);
      const char *flag = atlas_countries_get_flag (codes[i]);
      g_autofree char *subtitle = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *row;

      if (atlas_countries_is_historical (codes[i]))
        /* Translators: the code of a country that no longer exists */
        subtitle = g_strdup_printf (_("%s · former country"), codes[i]);
      else
        subtitle = g_strdup (codes[i]);

      row = make_row (name ? name : codes[i], subtitle);

      /* A partner filters every view by it */
      tooltip = g_strdup_printf (_("Show only records with %s"), name ? name : codes[i]);
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.filter-country");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", codes[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("io.github.spaceatlas.SpaceAtlas-filter-symbolic"));
      if (flag != NULL)
        {
          GtkWidget *label = gtk_label_new (flag);

          gtk_widget_add_css_class (label, "flag");
          gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
        }
      gtk_list_box_append (self->countries_list, row);
    }
}

static void
add_organizations (AtlasDetailPane *self)
{
  const char * const *ids = atlas_partnership_get_organizations (self->record);

  gtk_widget_set_visible (self->organizations_box, ids[0] != NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      AtlasOrganization *org = NULL;
      g_autofree char *subtitle = NULL;

      if (self->organizations != NULL)
        org = atlas_organizations_lookup (self->organizations, ids[i]);

      if (org != NULL)
        {
          const char *hq = atlas_organization_get_headquarters (org);
          const char *kind = atlas_organization_kind_get_label (atlas_organization_get_kind (org));

          if (hq != NULL && atlas_countries_get_name (hq) != NULL)
            /* Translators: an organization's full name, its kind and the
             * country of its seat */
            subtitle = g_strdup_printf (_("%s · %s, %s"), atlas_organization_get_name (org),
                                        kind, atlas_countries_get_name (hq));
          else
            subtitle = g_strdup_printf (_("%s · %s"), atlas_organization_get_name (org), kind);
        }

      gtk_list_box_append (self->organizations_list, make_row (ids[i], subtitle));
    }
}

static void
source_activated_cb (AdwActionRow *row,
                     gpointer      user_data)
{
  const char *url = g_object_get_data (G_OBJECT (row), "url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));

  if (url != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
add_sources (AtlasDetailPane *self)
{
  GPtrArray *sources = atlas_partnership_get_sources (self->record);

  gtk_widget_set_visible (self->sources_box, sources->len > 0);

  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (source->document != NULL && source->url != NULL)
        subtitle = g_strdup_printf ("%s\n%s", source->document, source->url);
      else if (source->document != NULL)
        /* Translators: a source that is one of the data set's documents */
        subtitle = g_strdup_printf (_("Document %s"), source->document);
      else
        subtitle = g_strdup (source->url);

      row = make_row (source->title, subtitle);
      if (source->url != NULL)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("web-browser-symbolic");

          gtk_widget_set_tooltip_text (row, _("Open the source in a web browser"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), NULL);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          g_object_set_data_full (G_OBJECT (row), "url", g_strdup (source->url), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (source_activated_cb), NULL);
        }
      gtk_list_box_append (self->sources_list, row);
    }
}

static void
add_tags (AtlasDetailPane *self)
{
  const char * const *tags = atlas_partnership_get_tags (self->record);

  gtk_widget_set_visible (self->tags_box, tags[0] != NULL);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (tags[i]);

      gtk_widget_add_css_class (label, "tag");
      gtk_flow_box_append (self->tags_flow, label);
    }
}

static void
update (AtlasDetailPane *self)
{
  g_autofree char *kind = NULL;
  g_autofree char *period = NULL;
  g_autofree char *id = NULL;

  clear_list_box (self->countries_list);
  clear_list_box (self->organizations_list);
  clear_list_box (self->sources_list);
  clear_flow_box (self->tags_flow);

  if (self->record == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* Translators: a record's kind and status: "Joint mission · Active" */
  kind = g_strdup_printf (_("%s · %s"),
                          atlas_kind_get_label (atlas_partnership_get_kind (self->record)),
                          atlas_status_get_label (atlas_partnership_get_status (self->record)));
  period = atlas_partnership_format_period (self->record);
  /* Translators: the record's identifier in the data file */
  id = g_strdup_printf (_("Record id: %s"), atlas_partnership_get_id (self->record));

  gtk_label_set_label (self->kind_label, kind);
  gtk_label_set_label (self->title_label, atlas_partnership_get_title (self->record));
  gtk_label_set_label (self->period_label, period);
  gtk_label_set_label (self->summary_label, atlas_partnership_get_summary (self->record));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label),
                          *atlas_partnership_get_summary (self->record) != '\0');
  gtk_label_set_label (self->id_label, id);

  add_countries (self);
  add_organizations (self);
  add_sources (self);
  add_tags (self);

  gtk_stack_set_visible_child_name (self->stack, "record");
}

static void
atlas_detail_pane_dispose (GObject *object)
{
  AtlasDetailPane *self = ATLAS_DETAIL_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_DETAIL_PANE);
  g_clear_object (&self->record);
  g_clear_object (&self->organizations);

  G_OBJECT_CLASS (atlas_detail_pane_parent_class)->dispose (object);
}

static void
atlas_detail_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasDetailPane *self = ATLAS_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_detail_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasDetailPane *self = ATLAS_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      atlas_detail_pane_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_detail_pane_class_init (AtlasDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_detail_pane_dispose;
  object_class->get_property = atlas_detail_pane_get_property;
  object_class->set_property = atlas_detail_pane_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ATLAS_TYPE_PARTNERSHIP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, kind_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, period_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, countries_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, organizations_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, organizations_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, sources_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, sources_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, tags_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, tags_flow);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetailPane, id_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detailpane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_detail_pane_init (AtlasDetailPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
atlas_detail_pane_new (void)
{
  return g_object_new (ATLAS_TYPE_DETAIL_PANE, NULL);
}

/**
 * atlas_detail_pane_get_record:
 *
 * Returns: (transfer none) (nullable): the record shown
 */
AtlasPartnership *
atlas_detail_pane_get_record (AtlasDetailPane *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAIL_PANE (self), NULL);
  return self->record;
}

void
atlas_detail_pane_set_record (AtlasDetailPane  *self,
                              AtlasPartnership *record)
{
  g_return_if_fail (ATLAS_IS_DETAIL_PANE (self));
  g_return_if_fail (!record || ATLAS_IS_PARTNERSHIP (record));

  if (!g_set_object (&self->record, record))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * atlas_detail_pane_set_organizations:
 *
 * Sets where full names of organizations are looked up.
 */
void
atlas_detail_pane_set_organizations (AtlasDetailPane    *self,
                                     AtlasOrganizations *organizations)
{
  g_return_if_fail (ATLAS_IS_DETAIL_PANE (self));

  if (g_set_object (&self->organizations, organizations))
    update (self);
}
