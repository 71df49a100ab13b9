/* atlas-filter-bar.c — the active filters as removable chips, and how
 * many records they let through
 *
 * Each filter shows as a chip ("Kind: Joint mission", "Brazil",
 * "1988 – 2010", "“ocean”") whose button removes just it; "Clear" removes
 * them all.  The bar only shows and asks: it emits ::remove-filter and
 * ::clear, and the window changes the filter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-filter-bar.h"

struct _AtlasFilterBar
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkBox             *chips;
  GtkLabel           *count_label;
  GtkWidget          *clear_button;
  guint               n_chips;
};

G_DEFINE_FINAL_TYPE (AtlasFilterBar, atlas_filter_bar, GTK_TYPE_WIDGET)

enum {
  SIGNAL_REMOVE_FILTER,
  SIGNAL_CLEAR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chip_clicked_cb (GtkButton      *button,
                 AtlasFilterBar *self)
{
  const char *facet = g_object_get_data (G_OBJECT (button), "facet");
  const char *value = g_object_get_data (G_OBJECT (button), "value");

  g_signal_emit (self, signals[SIGNAL_REMOVE_FILTER], 0, facet, value);
}

static void
add_chip (AtlasFilterBar *self,
          const char     *facet,
          const char     *value,
          const char     *label_text)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = NULL;

  gtk_widget_add_css_class (chip, "chip");
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_box_append (GTK_BOX (chip), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  /* Translators: tooltip of the button that removes one filter; %s
   * says which ("Kind: Joint mission") */
  tooltip = g_strdup_printf (_("Remove the filter %s"), label_text);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "facet", g_strdup (facet), g_free);
  g_object_set_data_full (G_OBJECT (button), "value", g_strdup (value), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (chip_clicked_cb), self);
  gtk_box_append (GTK_BOX (chip), button);

  gtk_box_append (self->chips, chip);
  self->n_chips++;
}

static void
add_mask_chips (AtlasFilterBar *self,
                const char     *facet,
                guint           mask,
                guint           n,
                gboolean        kinds)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if ((mask & (1u << i)) == 0)
        continue;

      if (kinds)
        /* Translators: a filter chip: records of this kind */
        text = g_strdup_printf (_("Kind: %s"), atlas_kind_get_label (i));
      else
        /* Translators: a filter chip: records with this status */
        text = g_strdup_printf (_("Status: %s"), atlas_status_get_label (i));

      add_chip (self, facet, kinds ? atlas_kind_to_string (i) : atlas_status_to_string (i), text);
    }
}

static void
clear_clicked_cb (AtlasFilterBar *self)
{
  g_signal_emit (self, signals[SIGNAL_CLEAR], 0);
}

static void
atlas_filter_bar_dispose (GObject *object)
{
  AtlasFilterBar *self = ATLAS_FILTER_BAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (atlas_filter_bar_parent_class)->dispose (object);
}

static void
atlas_filter_bar_class_init (AtlasFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_filter_bar_dispose;

  /**
   * AtlasFilterBar::remove-filter:
   * @facet: "range", "kind", "status", "country", "org", "tag" or "text"
   * @value: the value to remove from the facet
   */
  signals[SIGNAL_REMOVE_FILTER] =
    g_signal_new ("remove-filter", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * AtlasFilterBar::clear:
   *
   * Every filter is to go.
   */
  signals[SIGNAL_CLEAR] =
    g_signal_new ("clear", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
atlas_filter_bar_init (AtlasFilterBar *self)
{
  GtkWidget *icon, *scroller;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  icon = gtk_image_new_from_icon_name ("io.github.spaceatlas.SpaceAtlas-filter-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (self->box), icon);

  /* One row of chips; many scroll sideways rather than push the
   * window wider */
  self->chips = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_valign (GTK_WIDGET (self->chips), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chips), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Active filters"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->chips));
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->count_label));

  self->clear_button = gtk_button_new_with_mnemonic (_("_Clear"));
  gtk_widget_set_valign (self->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->clear_button, _("Remove every filter"));
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->clear_button);
}

GtkWidget *
atlas_filter_bar_new (void)
{
  return g_object_new (ATLAS_TYPE_FILTER_BAR, NULL);
}

/**
 * atlas_filter_bar_set_state:
 *
 * Shows a chip for each filter of @state.
 */
void
atlas_filter_bar_set_state (AtlasFilterBar       *self,
                            const AtlasViewState *state)
{
  GtkWidget *child;

  g_return_if_fail (ATLAS_IS_FILTER_BAR (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_box_remove (self->chips, child);
  self->n_chips = 0;

  if (atlas_date_is_set (&state->from) || atlas_date_is_set (&state->to))
    {
      g_autofree char *from = atlas_date_format (&state->from);
      g_autofree char *to = atlas_date_format (&state->to);
      g_autofree char *text = NULL;

      if (!atlas_date_is_set (&state->to))
        /* Translators: a filter chip: records from this date on */
        text = g_strdup_printf (_("From %s"), from);
      else if (!atlas_date_is_set (&state->from))
        /* Translators: a filter chip: records up to this date */
        text = g_strdup_printf (_("Until %s"), to);
      else
        /* Translators: a filter chip: records in this time range */
        text = g_strdup_printf (_("%s – %s"), from, to);

      add_chip (self, "range", "", text);
    }

  add_mask_chips (self, "kind", state->kinds, ATLAS_N_KINDS, TRUE);
  add_mask_chips (self, "status", state->statuses, ATLAS_N_STATUSES, FALSE);

  for (guint i = 0; state->countries && state->countries[i]; i++)
    {
      const char *name = atlas_countries_get_name (state->countries[i]);
      const char *flag = atlas_countries_get_flag (state->countries[i]);
      g_autofree char *text = g_strdup_printf ("%s%s%s", flag ? flag : "", flag ? " " : "",
                                               name ? name : state->countries[i]);

      add_chip (self, "country", state->countries[i], text);
    }

  for (guint i = 0; state->organizations && state->organizations[i]; i++)
    add_chip (self, "org", state->organizations[i], state->organizations[i]);

  for (guint i = 0; state->tags && state->tags[i]; i++)
    {
      /* Translators: a filter chip: records with this tag */
      g_autofree char *text = g_strdup_printf (_("Tag: %s"), state->tags[i]);
      add_chip (self, "tag", state->tags[i], text);
    }

  if (state->text != NULL && *state->text != '\0')
    {
      /* Translators: a filter chip: records with this text */
      g_autofree char *text = g_strdup_printf (_("“%s”"), state->text);
      add_chip (self, "text", state->text, text);
    }
}

/**
 * atlas_filter_bar_set_counts:
 *
 * Says how many records pass the filters, of how many.
 */
void
atlas_filter_bar_set_counts (AtlasFilterBar *self,
                             guint           shown,
                             guint           total)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ATLAS_IS_FILTER_BAR (self));

  /* Translators: how many records pass the filters, of all */
  text = g_strdup_printf (ngettext ("%u of %u record", "%u of %u records", total), shown, total);
  gtk_label_set_label (self->count_label, text);
}

guint
atlas_filter_bar_get_n_chips (AtlasFilterBar *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER_BAR (self), 0);
  return self->n_chips;
}

/**
 * atlas_filter_bar_dup_chip_labels:
 *
 * Returns: (transfer full): the chips' labels, one a line, for tests
 */
char *
atlas_filter_bar_dup_chip_labels (AtlasFilterBar *self)
{
  GString *out = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->chips)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = gtk_widget_get_first_child (child);

      g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (label)));
    }

  return g_string_free (out, FALSE);
}
