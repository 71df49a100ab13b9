/* atlas-timeline-pane.c — the timeline of records, with its toolbar
 *
 * The timeline widget knows nothing of partnerships: this pane tells it
 * how to read a record (GtkCClosureExpressions over AtlasPartnership) and
 * offers how to group records into lanes — by kind, by country or by
 * organization.  A record with several countries (or organizations) is
 * shown in the lane of each: the country lanes show everything each
 * country took part in, which is what people look for there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-timeline-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-partnership.h"
#include "atlas-time-scale.h"
#include "atlas-timeline-pane.h"

struct _AtlasTimelinePane
{
  GtkWidget          parent_instance;

  /* template children */
  GtkDropDown       *lanes_dropdown;
  AtlasTimeline     *timeline;
  GtkLabel          *brush_label;
  GtkWidget         *zoom_selection_button;

  GtkSelectionModel *model;
};

G_DEFINE_FINAL_TYPE (AtlasTimelinePane, atlas_timeline_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LANES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Reading a record */

static double
record_start (AtlasPartnership *record)
{
  return atlas_date_get_first_day (atlas_partnership_get_start (record));
}

static double
record_end (AtlasPartnership *record)
{
  const AtlasDate *end = atlas_partnership_get_end (record);

  return atlas_date_is_set (end) ? atlas_date_get_last_day (end) : -1;
}

static int
record_precision (AtlasPartnership *record)
{
  /* AtlasDatePrecision counts as the timeline does: 1 year, 2 month, 3 day */
  return atlas_partnership_get_start (record)->precision;
}

static gboolean
record_ongoing (AtlasPartnership *record)
{
  return atlas_partnership_get_status (record) == ATLAS_STATUS_ACTIVE &&
         !atlas_date_is_set (atlas_partnership_get_end (record));
}

static char *
record_title (AtlasPartnership *record)
{
  return g_strdup (atlas_partnership_get_title (record));
}

static char *
record_kind (AtlasPartnership *record)
{
  return g_strdup (atlas_kind_get_label (atlas_partnership_get_kind (record)));
}

static char **
record_countries (AtlasPartnership *record)
{
  const char * const *codes = atlas_partnership_get_countries (record);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *name = atlas_countries_get_name (codes[i]);

      g_strv_builder_add (builder, name ? name : codes[i]);
    }

  return g_strv_builder_end (builder);
}

static char **
record_organizations (AtlasPartnership *record)
{
  const char * const *organizations = atlas_partnership_get_organizations (record);

  if (organizations == NULL || organizations[0] == NULL)
    {
      /* Translators: the timeline's lane of records without an organization */
      const char *none[] = { _("No organization"), NULL };

      return g_strdupv ((char **) none);
    }

  return g_strdupv ((char **) organizations);
}

/* Title, period, kind and status, partners: Pango markup, the record's
 * own text escaped */
static char *
record_tooltip (AtlasPartnership *record)
{
  g_autofree char *period = atlas_partnership_format_period (record);
  g_autofree char *countries = atlas_countries_format_list (atlas_partnership_get_countries (record));
  const char * const *organizations = atlas_partnership_get_organizations (record);
  GString *markup = g_string_new (NULL);
  g_autofree char *head = NULL;
  g_autofree char *partners = NULL;

  /* Translators: a record's tooltip on the timeline: its title, its
   * period, its kind and its status */
  head = g_markup_printf_escaped (_("<b>%s</b>\n%s\n%s · %s"),
                                  atlas_partnership_get_title (record), period,
                                  atlas_kind_get_label (atlas_partnership_get_kind (record)),
                                  atlas_status_get_label (atlas_partnership_get_status (record)));
  g_string_append (markup, head);

  /* Translators: a record's partner countries, in its tooltip */
  partners = g_markup_printf_escaped (_("Partners: %s"), countries);
  g_string_append_c (markup, '\n');
  g_string_append (markup, partners);

  if (organizations != NULL && organizations[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) organizations);
      /* Translators: a record's organizations, in its tooltip */
      g_autofree char *line = g_markup_printf_escaped (_("Organizations: %s"), joined);

      g_string_append_c (markup, '\n');
      g_string_append (markup, line);
    }

  return g_string_free (markup, FALSE);
}

static GtkExpression *
record_expression (GType     type,
                   GCallback callback)
{
  return gtk_cclosure_expression_new (type, NULL, 0, NULL, callback, NULL, NULL);
}

static void
set_expressions (AtlasTimelinePane *self)
{
  g_autoptr(GtkExpression) start = record_expression (G_TYPE_DOUBLE, G_CALLBACK (record_start));
  g_autoptr(GtkExpression) end = record_expression (G_TYPE_DOUBLE, G_CALLBACK (record_end));
  g_autoptr(GtkExpression) precision = record_expression (G_TYPE_INT, G_CALLBACK (record_precision));
  g_autoptr(GtkExpression) ongoing = record_expression (G_TYPE_BOOLEAN, G_CALLBACK (record_ongoing));
  g_autoptr(GtkExpression) title = record_expression (G_TYPE_STRING, G_CALLBACK (record_title));
  g_autoptr(GtkExpression) tooltip = record_expression (G_TYPE_STRING, G_CALLBACK (record_tooltip));

  atlas_timeline_set_start_expression (self->timeline, start);
  atlas_timeline_set_end_expression (self->timeline, end);
  atlas_timeline_set_precision_expression (self->timeline, precision);
  atlas_timeline_set_ongoing_expression (self->timeline, ongoing);
  atlas_timeline_set_label_expression (self->timeline, title);
  atlas_timeline_set_tooltip_expression (self->timeline, tooltip);
}

/* Callbacks */

static void
lanes_changed_cb (AtlasTimelinePane *self)
{
  g_autoptr(GtkExpression) lanes = NULL;

  switch (gtk_drop_down_get_selected (self->lanes_dropdown))
    {
    case ATLAS_LANES_BY_COUNTRY:
      lanes = record_expression (G_TYPE_STRV, G_CALLBACK (record_countries));
      break;
    case ATLAS_LANES_BY_ORGANIZATION:
      lanes = record_expression (G_TYPE_STRV, G_CALLBACK (record_organizations));
      break;
    case ATLAS_LANES_BY_KIND:
    default:
      lanes = record_expression (G_TYPE_STRING, G_CALLBACK (record_kind));
      break;
    }

  atlas_timeline_set_lane_expression (self->timeline, lanes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANES]);
}

static void
brush_changed_cb (AtlasTimelinePane *self)
{
  double start = atlas_timeline_get_brush_start (self->timeline);
  double end = atlas_timeline_get_brush_end (self->timeline);
  g_autofree char *range = NULL;
  int precision;

  if (!atlas_timeline_get_has_brush (self->timeline))
    return;

  /* As precise as the range is long */
  if (end - start > 3 * 365)
    precision = ATLAS_TIME_PRECISION_YEAR;
  else if (end - start > 90)
    precision = ATLAS_TIME_PRECISION_MONTH;
  else
    precision = ATLAS_TIME_PRECISION_DAY;

  range = atlas_time_format_range (floor (start), MAX (floor (start), ceil (end) - 1), precision);
  gtk_label_set_label (self->brush_label, range);
}

static void
selection_changed_cb (AtlasTimelinePane *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->model != NULL)
    selected = gtk_selection_model_get_selection (self->model);

  gtk_widget_set_sensitive (self->zoom_selection_button, selected != NULL && !gtk_bitset_is_empty (selected));
}

static void
clear_brush_cb (AtlasTimelinePane *self)
{
  atlas_timeline_clear_brush (self->timeline);
}

/* GObject */

static void
atlas_timeline_pane_dispose (GObject *object)
{
  AtlasTimelinePane *self = ATLAS_TIMELINE_PANE (object);
  GtkWidget *child;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, selection_changed_cb, self);
  g_clear_object (&self->model);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_TIMELINE_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (atlas_timeline_pane_parent_class)->dispose (object);
}

static void
atlas_timeline_pane_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AtlasTimelinePane *self = ATLAS_TIMELINE_PANE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LANES:
      g_value_set_int (value, atlas_timeline_pane_get_lanes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_timeline_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AtlasTimelinePane *self = ATLAS_TIMELINE_PANE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      atlas_timeline_pane_set_model (self, g_value_get_object (value));
      break;
    case PROP_LANES:
      atlas_timeline_pane_set_lanes (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_timeline_pane_class_init (AtlasTimelinePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_timeline_pane_dispose;
  object_class->get_property = atlas_timeline_pane_get_property;
  object_class->set_property = atlas_timeline_pane_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GTK_TYPE_SELECTION_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANES] =
    g_param_spec_int ("lanes", NULL, NULL, ATLAS_LANES_BY_KIND, ATLAS_LANES_BY_ORGANIZATION, ATLAS_LANES_BY_KIND,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATLAS_TYPE_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-timeline-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasTimelinePane, lanes_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimelinePane, timeline);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimelinePane, brush_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimelinePane, zoom_selection_button);
  gtk_widget_class_bind_template_callback (widget_class, lanes_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, brush_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_brush_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "atlas_timeline_zoom_in",
                                                G_CALLBACK (atlas_timeline_zoom_in));
  gtk_widget_class_bind_template_callback_full (widget_class, "atlas_timeline_zoom_out",
                                                G_CALLBACK (atlas_timeline_zoom_out));
  gtk_widget_class_bind_template_callback_full (widget_class, "atlas_timeline_zoom_to_fit",
                                                G_CALLBACK (atlas_timeline_zoom_to_fit));
  gtk_widget_class_bind_template_callback_full (widget_class, "atlas_timeline_zoom_to_selection",
                                                G_CALLBACK (atlas_timeline_zoom_to_selection));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinepane");
}

static void
atlas_timeline_pane_init (AtlasTimelinePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_expressions (self);
  lanes_changed_cb (self);
  selection_changed_cb (self);
}

/* Public API */

GtkWidget *
atlas_timeline_pane_new (void)
{
  return g_object_new (ATLAS_TYPE_TIMELINE_PANE, NULL);
}

/**
 * atlas_timeline_pane_get_model:
 *
 * Returns: (transfer none) (nullable): the records shown
 */
GtkSelectionModel *
atlas_timeline_pane_get_model (AtlasTimelinePane *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE_PANE (self), NULL);
  return self->model;
}

/**
 * atlas_timeline_pane_set_model:
 * @model: (nullable): AtlasPartnership records, and which is selected
 */
void
atlas_timeline_pane_set_model (AtlasTimelinePane *self,
                               GtkSelectionModel *model)
{
  g_return_if_fail (ATLAS_IS_TIMELINE_PANE (self));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, selection_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "selection-changed", G_CALLBACK (selection_changed_cb), self);

  atlas_timeline_set_model (self->timeline, model);
  selection_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

AtlasLaneGrouping
atlas_timeline_pane_get_lanes (AtlasTimelinePane *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE_PANE (self), ATLAS_LANES_BY_KIND);
  return gtk_drop_down_get_selected (self->lanes_dropdown);
}

void
atlas_timeline_pane_set_lanes (AtlasTimelinePane *self,
                               AtlasLaneGrouping  lanes)
{
  g_return_if_fail (ATLAS_IS_TIMELINE_PANE (self));
  g_return_if_fail (lanes <= ATLAS_LANES_BY_ORGANIZATION);

  gtk_drop_down_set_selected (self->lanes_dropdown, lanes);
}

/**
 * atlas_timeline_pane_get_timeline:
 *
 * Returns: (transfer none): the timeline
 */
AtlasTimeline *
atlas_timeline_pane_get_timeline (AtlasTimelinePane *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE_PANE (self), NULL);
  return self->timeline;
}
