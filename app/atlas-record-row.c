/* atlas-record-row.c — one record in the list of records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-record-row"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-record-row.h"

struct _AtlasRecordRow
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkLabel         *title_label;
  GtkLabel         *when_label;
  GtkLabel         *partners_label;

  AtlasPartnership *record;
};

G_DEFINE_FINAL_TYPE (AtlasRecordRow, atlas_record_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_labels (AtlasRecordRow *self)
{
  g_autofree char *period = NULL;
  g_autofree char *when = NULL;
  g_autofree char *partners = NULL;

  if (self->record == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->when_label, "");
      gtk_label_set_label (self->partners_label, "");
      return;
    }

  period = atlas_partnership_format_period (self->record);
  /* Translators: when a record took place, then its kind:
   * "July 1988 · Joint mission" */
  when = g_strdup_printf (_("%s · %s"), period,
                          atlas_kind_get_label (atlas_partnership_get_kind (self->record)));
  partners = atlas_countries_format_list (atlas_partnership_get_countries (self->record));

  gtk_label_set_label (self->title_label, atlas_partnership_get_title (self->record));
  gtk_label_set_label (self->when_label, when);
  gtk_label_set_label (self->partners_label, partners);
}

static void
atlas_record_row_dispose (GObject *object)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_RECORD_ROW);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (atlas_record_row_parent_class)->dispose (object);
}

static void
atlas_record_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (object);

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
atlas_record_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasRecordRow *self = ATLAS_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      atlas_record_row_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_record_row_class_init (AtlasRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_record_row_dispose;
  object_class->get_property = atlas_record_row_get_property;
  object_class->set_property = atlas_record_row_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ATLAS_TYPE_PARTNERSHIP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordRow, box);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordRow, partners_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recordrow");
}

static void
atlas_record_row_init (AtlasRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_record_row_new (void)
{
  return g_object_new (ATLAS_TYPE_RECORD_ROW, NULL);
}

/**
 * atlas_record_row_get_record:
 *
 * Returns: (transfer none) (nullable): the record shown
 */
AtlasPartnership *
atlas_record_row_get_record (AtlasRecordRow *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_ROW (self), NULL);
  return self->record;
}

void
atlas_record_row_set_record (AtlasRecordRow   *self,
                             AtlasPartnership *record)
{
  g_return_if_fail (ATLAS_IS_RECORD_ROW (self));
  g_return_if_fail (!record || ATLAS_IS_PARTNERSHIP (record));

  if (!g_set_object (&self->record, record))
    return;

  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
