/* atlas-stats-view.c — summary statistics of the records shown
 *
 * Records per year (a bar chart), the partner countries with the most
 * records, and records per kind — of whatever the filter lets through,
 * counted again when it changes while the view is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-stats-view"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-bar-chart.h"
#include "atlas-countries.h"
#include "atlas-stats-view.h"

#define MAX_COUNTRIES 8

struct _AtlasStatsView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkLabel        *total_label;
  AtlasBarChart   *chart;
  GtkWidget       *countries_grid;
  GtkWidget       *kinds_grid;

  GListModel      *records;
  AtlasStatistics *stats;
  guint            refresh_id;
};

G_DEFINE_FINAL_TYPE (AtlasStatsView, atlas_stats_view, GTK_TYPE_WIDGET)

static char *
year_tooltip (int      year,
              guint    count,
              gpointer user_data)
{
  /* Translators: a bar of the chart of records per year */
  return g_strdup_printf (ngettext ("%d: %u record", "%d: %u records", count), year, count);
}

static void
clear_grid (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)) != NULL)
    gtk_grid_remove (GTK_GRID (grid), child);
}

/* A row: name, a bar as long as its share of the largest, and the count */
static void
add_bar_row (GtkWidget  *grid,
             int         row,
             const char *name,
             guint       count,
             guint       max)
{
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *level = gtk_level_bar_new_for_interval (0, MAX (max, 1));
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *number = gtk_label_new (count_text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (level), count);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_hexpand (level, TRUE);
  gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (level, 80, -1);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (number), 1);

  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), level, 1, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), number, 2, row, 1, 1);
}

/**
 * atlas_stats_view_refresh:
 *
 * Counts the records again.
 */
void
atlas_stats_view_refresh (AtlasStatsView *self)
{
  g_autofree char *total = NULL;
  g_autofree char *chart_label = NULL;
  guint max;
  int row = 0;

  g_return_if_fail (ATLAS_IS_STATS_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->stats, atlas_statistics_free);
  if (self->records == NULL)
    return;

  self->stats = atlas_statistics_compute (self->records);

  /* Translators: the heading of the statistics */
  total = g_strdup_printf (ngettext ("%u record", "%u records", self->stats->n_records),
                           self->stats->n_records);
  gtk_label_set_label (self->total_label, total);

  atlas_bar_chart_set_values (self->chart, self->stats->per_year, self->stats->n_years,
                              self->stats->first_year);
  if (self->stats->n_years > 0)
    /* Translators: what the chart shows, for screen readers */
    chart_label = g_strdup_printf (_("Records per year from %d to %d, at most %u in a year"),
                                   self->stats->first_year,
                                   self->stats->first_year + (int) self->stats->n_years - 1,
                                   atlas_statistics_get_max_per_year (self->stats));
  else
    chart_label = g_strdup (_("No records"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  chart_label, -1);

  clear_grid (self->countries_grid);
  max = self->stats->countries->len > 0 ? g_array_index (self->stats->countries, AtlasCount, 0).count : 0;
  for (guint i = 0; i < self->stats->countries->len && i < MAX_COUNTRIES; i++)
    {
      AtlasCount *c = &g_array_index (self->stats->countries, AtlasCount, i);
      const char *name = atlas_countries_get_name (c->key);

      add_bar_row (self->countries_grid, row++, name ? name : c->key, c->count, max);
    }

  clear_grid (self->kinds_grid);
  max = 0;
  for (guint k = 0; k < ATLAS_N_KINDS; k++)
    max = MAX (max, self->stats->per_kind[k]);
  row = 0;
  for (guint k = 0; k < ATLAS_N_KINDS; k++)
    if (self->stats->per_kind[k] > 0)
      add_bar_row (self->kinds_grid, row++, atlas_kind_get_label (k), self->stats->per_kind[k], max);
}

static gboolean
refresh_idle (gpointer user_data)
{
  AtlasStatsView *self = user_data;

  self->refresh_id = 0;
  atlas_stats_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (AtlasStatsView *self)
{
  /* Only counted while shown; many changes in a row count once */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static GtkWidget *
add_section (AtlasStatsView *self,
             const char     *title)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *grid = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_box_append (GTK_BOX (self->box), label);
  gtk_box_append (GTK_BOX (self->box), grid);
  return grid;
}

static void
atlas_stats_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_stats_view_parent_class)->map (widget);

  /* Counted when shown, as the records are then */
  atlas_stats_view_refresh (ATLAS_STATS_VIEW (widget));
}

static void
atlas_stats_view_dispose (GObject *object)
{
  AtlasStatsView *self = ATLAS_STATS_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->records != NULL)
    g_signal_handlers_disconnect_by_func (self->records, items_changed_cb, self);
  g_clear_object (&self->records);
  g_clear_pointer (&self->stats, atlas_statistics_free);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (atlas_stats_view_parent_class)->dispose (object);
}

static void
atlas_stats_view_class_init (AtlasStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_stats_view_dispose;
  widget_class->map = atlas_stats_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_stats_view_init (AtlasStatsView *self)
{
  GtkWidget *label;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_widget_set_size_request (self->box, 320, -1);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->total_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "title-4");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->total_label));

  label = gtk_label_new (_("Records per Year"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (self->box), label);

  self->chart = ATLAS_BAR_CHART (atlas_bar_chart_new ());
  atlas_bar_chart_set_tooltip_func (self->chart, year_tooltip, NULL, NULL);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->chart));

  self->countries_grid = add_section (self, _("Top Partner Countries"));
  self->kinds_grid = add_section (self, _("Records per Kind"));
}

GtkWidget *
atlas_stats_view_new (void)
{
  return g_object_new (ATLAS_TYPE_STATS_VIEW, NULL);
}

/**
 * atlas_stats_view_set_model:
 * @records: the records to count: what the filter lets through
 */
void
atlas_stats_view_set_model (AtlasStatsView *self,
                            GListModel     *records)
{
  g_return_if_fail (ATLAS_IS_STATS_VIEW (self));

  if (self->records != NULL)
    g_signal_handlers_disconnect_by_func (self->records, items_changed_cb, self);
  g_set_object (&self->records, records);
  if (records != NULL)
    g_signal_connect_swapped (records, "items-changed", G_CALLBACK (items_changed_cb), self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    atlas_stats_view_refresh (self);
}

/**
 * atlas_stats_view_get_statistics:
 *
 * Returns: (nullable): the counts last shown
 */
const AtlasStatistics *
atlas_stats_view_get_statistics (AtlasStatsView *self)
{
  g_return_val_if_fail (ATLAS_IS_STATS_VIEW (self), NULL);
  return self->stats;
}
