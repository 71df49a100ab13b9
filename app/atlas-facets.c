/* atlas-facets.c — choosing kinds, statuses, organizations, tags and a
 * time range to filter by, each with how many records it would give
 *
 * The numbers beside each choice are those of faceted search: how many
 * records would match with every other filter as it is and this facet
 * left out, so choosing a second kind adds exactly its number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-facets"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-facets.h"

/* Organizations and tags offered, the most used first */
#define MAX_CHOICES 12

struct _AtlasFacets
{
  GtkWidget       parent_instance;

  GtkWidget      *scroller;
  GtkBox         *box;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  AtlasViewState *state;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (AtlasFacets, atlas_facets, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Counting */

typedef enum
{
  FACET_KIND,
  FACET_STATUS,
  FACET_ORG,
  FACET_TAG,
} Facet;

/* Counts per value of @facet among the records matching @state with
 * that facet left out */
static AtlasStatistics *
count_without (const AtlasViewState *state,
               Facet                 facet,
               GListModel           *records)
{
  g_autoptr(AtlasViewState) without = atlas_view_state_copy (state);
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(GListStore) matching = g_list_store_new (ATLAS_TYPE_PARTNERSHIP);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  switch (facet)
    {
    case FACET_KIND:
      without->kinds = 0;
      break;
    case FACET_STATUS:
      without->statuses = 0;
      break;
    case FACET_ORG:
      g_clear_pointer (&without->organizations, g_strfreev);
      break;
    case FACET_TAG:
    default:
      g_clear_pointer (&without->tags, g_strfreev);
      break;
    }

  atlas_filter_set_state (filter, without);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      AtlasPartnership *p = g_list_model_get_item (records, i);

      if (atlas_filter_match_record (filter, p))
        g_ptr_array_add (items, p);
      else
        g_object_unref (p);
    }

  g_list_store_splice (matching, 0, 0, items->pdata, items->len);
  return atlas_statistics_compute (G_LIST_MODEL (matching));
}

/* Building */

static void
toggled_cb (GtkCheckButton *check,
            AtlasFacets    *self)
{
  if (self->updating)
    return;

  atlas_facets_toggle (self,
                       g_object_get_data (G_OBJECT (check), "facet"),
                       g_object_get_data (G_OBJECT (check), "value"));
}

static void
add_heading (AtlasFacets *self,
             const char  *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, gtk_widget_get_first_child (GTK_WIDGET (self->box)) ? 12 : 0);
  gtk_box_append (self->box, label);
}

static void
add_choice (AtlasFacets *self,
            const char  *facet,
            const char  *value,
            const char  *label_text,
            guint        count,
            gboolean     active)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new_with_label (label_text);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (count_text);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_hexpand (check, TRUE);
  g_object_set_data_full (G_OBJECT (check), "facet", g_strdup (facet), g_free);
  g_object_set_data_full (G_OBJECT (check), "value", g_strdup (value), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (toggled_cb), self);

  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), count_label);

  /* A choice that gives nothing and is not chosen is greyed out */
  gtk_widget_set_sensitive (row, count > 0 || active);
  gtk_box_append (self->box, row);
}

static gboolean
strv_has (char      **list,
          const char *value)
{
  return list != NULL && g_strv_contains ((const char * const *) list, value);
}

static void
date_entry_activate_cb (AtlasFacets *self)
{
  AtlasDate from = { 0 }, to = { 0 };
  const char *from_text = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to_text = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  gboolean ok = TRUE;

  if (*from_text && !atlas_date_parse (from_text, &from, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
      ok = FALSE;
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");

  if (*to_text && !atlas_date_parse (to_text, &to, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
      ok = FALSE;
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");

  if (!ok || (atlas_date_is_set (&from) && atlas_date_is_set (&to) && atlas_date_is_before (&to, &from)))
    return;

  self->state->from = from;
  self->state->to = to;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GtkEntry *
make_date_entry (AtlasFacets *self,
                 const char  *placeholder,
                 const char  *accessible)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_entry_set_placeholder_text (entry, placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_widget_set_hexpand (GTK_WIDGET (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (date_entry_activate_cb), self);
  return entry;
}

/* GObject */

static void
atlas_facets_dispose (GObject *object)
{
  AtlasFacets *self = ATLAS_FACETS (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->state, atlas_view_state_free);

  G_OBJECT_CLASS (atlas_facets_parent_class)->dispose (object);
}

static void
atlas_facets_class_init (AtlasFacetsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_facets_dispose;

  /**
   * AtlasFacets::changed:
   *
   * The curator chose other facets; atlas_facets_get_state() says which.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "facets");
}

static void
atlas_facets_init (AtlasFacets *self)
{
  self->state = atlas_view_state_new ();

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 6);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 560);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (self->scroller), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->box));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
atlas_facets_new (void)
{
  return g_object_new (ATLAS_TYPE_FACETS, NULL);
}

/**
 * atlas_facets_update:
 * @state: the filters in force
 * @records: every record of the data set
 * @organizations: (nullable): for organizations' full names
 *
 * Shows the choices for @state, each with its count.
 */
void
atlas_facets_update (AtlasFacets          *self,
                     const AtlasViewState *state,
                     GListModel           *records,
                     AtlasOrganizations   *organizations)
{
  g_autoptr(AtlasStatistics) by_kind = NULL;
  g_autoptr(AtlasStatistics) by_status = NULL;
  g_autoptr(AtlasStatistics) by_org = NULL;
  g_autoptr(AtlasStatistics) by_tag = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GtkWidget *child, *range;

  g_return_if_fail (ATLAS_IS_FACETS (self));

  g_clear_pointer (&self->state, atlas_view_state_free);
  self->state = atlas_view_state_copy (state);
  self->updating = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);

  by_kind = count_without (state, FACET_KIND, records);
  by_status = count_without (state, FACET_STATUS, records);
  by_org = count_without (state, FACET_ORG, records);
  by_tag = count_without (state, FACET_TAG, records);

  add_heading (self, _("Time"));
  range = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->from_entry = make_date_entry (self, _("From (1988)"), _("From"));
  self->to_entry = make_date_entry (self, _("To (2010-06)"), _("To"));
  from = atlas_date_to_string (&state->from);
  to = atlas_date_to_string (&state->to);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  gtk_box_append (GTK_BOX (range), GTK_WIDGET (self->from_entry));
  gtk_box_append (GTK_BOX (range), gtk_label_new ("–"));
  gtk_box_append (GTK_BOX (range), GTK_WIDGET (self->to_entry));
  gtk_widget_set_tooltip_text (range, _("A year, a month or a day; press Enter to apply"));
  gtk_box_append (self->box, range);

  add_heading (self, _("Kind"));
  for (AtlasKind k = 0; k < ATLAS_N_KINDS; k++)
    add_choice (self, "kind", atlas_kind_to_string (k), atlas_kind_get_label (k),
                by_kind->per_kind[k], (state->kinds & (1u << k)) != 0);

  add_heading (self, _("Status"));
  for (AtlasStatus s = 0; s < ATLAS_N_STATUSES; s++)
    add_choice (self, "status", atlas_status_to_string (s), atlas_status_get_label (s),
                by_status->per_status[s], (state->statuses & (1u << s)) != 0);

  if (by_org->organizations->len > 0 || (state->organizations && state->organizations[0]))
    {
      add_heading (self, _("Organizations"));
      for (guint i = 0; i < by_org->organizations->len && i < MAX_CHOICES; i++)
        {
          AtlasCount *c = &g_array_index (by_org->organizations, AtlasCount, i);
          AtlasOrganization *org = organizations ? atlas_organizations_lookup (organizations, c->key) : NULL;
          g_autofree char *label = NULL;

          label = org ? g_strdup_printf ("%s — %s", c->key, atlas_organization_get_name (org))
                      : g_strdup (c->key);
          add_choice (self, "org", c->key, label, c->count, strv_has (state->organizations, c->key));
        }
    }

  if (by_tag->tags->len > 0)
    {
      add_heading (self, _("Tags"));
      for (guint i = 0; i < by_tag->tags->len && i < MAX_CHOICES; i++)
        {
          AtlasCount *c = &g_array_index (by_tag->tags, AtlasCount, i);
          add_choice (self, "tag", c->key, c->key, c->count, strv_has (state->tags, c->key));
        }
    }

  self->updating = FALSE;
}

/**
 * atlas_facets_get_state:
 *
 * Returns: (transfer none): the filters as chosen
 */
const AtlasViewState *
atlas_facets_get_state (AtlasFacets *self)
{
  g_return_val_if_fail (ATLAS_IS_FACETS (self), NULL);
  return self->state;
}

static char **
strv_toggle (char      **list,
             const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean found = FALSE;

  for (guint i = 0; list && list[i]; i++)
    {
      if (g_str_equal (list[i], value))
        found = TRUE;
      else
        g_strv_builder_add (builder, list[i]);
    }
  if (!found)
    g_strv_builder_add (builder, value);

  return g_strv_builder_end (builder);
}

/**
 * atlas_facets_toggle:
 * @facet: "kind", "status", "org" or "tag"
 * @value: the value as in a view string ("joint-mission", "ESA")
 *
 * Chooses @value, or unchooses it if it was chosen, as its check box
 * does, and emits ::changed.
 */
void
atlas_facets_toggle (AtlasFacets *self,
                     const char  *facet,
                     const char  *value)
{
  AtlasKind kind;
  AtlasStatus status;
  char **list;

  g_return_if_fail (ATLAS_IS_FACETS (self));

  if (g_str_equal (facet, "kind") && atlas_kind_from_string (value, &kind))
    self->state->kinds ^= 1u << kind;
  else if (g_str_equal (facet, "status") && atlas_status_from_string (value, &status))
    self->state->statuses ^= 1u << status;
  else if (g_str_equal (facet, "org"))
    {
      list = strv_toggle (self->state->organizations, value);
      g_strfreev (self->state->organizations);
      self->state->organizations = list;
    }
  else if (g_str_equal (facet, "tag"))
    {
      list = strv_toggle (self->state->tags, value);
      g_strfreev (self->state->tags);
      self->state->tags = list;
    }
  else
    return;

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
