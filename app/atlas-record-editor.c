/* atlas-record-editor.c — the dialog that adds or fixes a record
 *
 * The editor works on its own fields; nothing reaches the data set until
 * Save, and then as one undoable change through AtlasHistory.  Every
 * change of a field re-checks the whole draft (atlas_validation_new())
 * and shows each reason beside its field; Save is enabled only when
 * nothing is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-record-editor-private.h"
#include "atlas-slug.h"
#include "atlas-validation.h"

/* Suggestions shown under the organization entry */
#define MAX_ORGANIZATION_SUGGESTIONS 6

typedef struct
{
  AdwExpanderRow *row;
  AdwEntryRow    *title;
  AdwEntryRow    *document;
  AdwEntryRow    *url;
} SourceRow;

struct _AtlasRecordEditor
{
  AdwWindow           parent_instance;

  /* template children */
  AdwWindowTitle     *window_title;
  GtkWidget          *save_button;
  GtkRevealer        *duplicate_revealer;
  GtkLabel           *duplicate_label;
  AdwEntryRow        *title_row;
  GtkLabel           *title_error;
  AdwComboRow        *kind_row;
  AdwComboRow        *status_row;
  AdwEntryRow        *start_row;
  GtkLabel           *start_error;
  GtkMenuButton      *start_calendar_button;
  AdwEntryRow        *end_row;
  GtkLabel           *end_error;
  GtkMenuButton      *end_calendar_button;
  GtkMenuButton      *add_country_button;
  GtkFlowBox         *countries_flow;
  GtkLabel           *countries_error;
  AdwEntryRow        *organization_row;
  GtkFlowBox         *organizations_flow;
  GtkTextView        *summary_view;
  GtkListBox         *sources_list;
  GtkLabel           *sources_error;
  AdwEntryRow        *tag_row;
  GtkFlowBox         *tags_flow;
  AdwEntryRow        *id_row;
  GtkLabel           *id_error;

  /* built in code */
  GtkPopover         *country_popover;
  GtkSearchEntry     *country_search;
  GtkCustomFilter    *country_filter;
  GtkListView        *country_list;
  GtkPopover         *organization_popover;
  GtkListBox         *organization_suggestions;

  AtlasHistory       *history;
  AtlasOrganizations *organizations;
  AtlasEditorMode     mode;
  AtlasPartnership   *original;      /* NULL for a new record */
  GPtrArray          *countries;     /* char*, codes in order */
  GPtrArray          *organization_names;
  GPtrArray          *tags;
  GPtrArray          *source_rows;   /* SourceRow */
  GHashTable         *taken_ids;     /* ids in the data set when the editor opened */
  AtlasPartnership   *duplicate;     /* possible duplicate, in the store */
  JsonObject         *extra;         /* unknown members, kept as they were */

  guint               id_is_automatic : 1;
  guint               setting_id : 1;
  guint               loading : 1;
};

G_DEFINE_FINAL_TYPE (AtlasRecordEditor, atlas_record_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_RECORD_SAVED,
  SIGNAL_SHOW_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void revalidate (AtlasRecordEditor *self);

/* Helpers */

static char *
get_summary (AtlasRecordEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static char *
get_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char * const *
as_strv (GPtrArray *array)
{
  /* The arrays keep a NULL at the end, past their length */
  return (const char * const *) array->pdata;
}

static GPtrArray *
new_strv_array (void)
{
  GPtrArray *array = g_ptr_array_new_null_terminated (4, g_free, TRUE);

  return array;
}

static GPtrArray *
collect_sources (AtlasRecordEditor *self)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);

  for (guint i = 0; i < self->source_rows->len; i++)
    {
      SourceRow *row = g_ptr_array_index (self->source_rows, i);
      g_autofree char *title = get_stripped (row->title);
      g_autofree char *document = get_stripped (row->document);
      g_autofree char *url = get_stripped (row->url);
      AtlasSource *source = atlas_source_new (title, *document ? document : NULL, *url ? url : NULL);
      AtlasSource *kept = g_object_get_data (G_OBJECT (row->row), "source");

      /* Members this version does not know stay with their source */
      if (kept != NULL && kept->extra != NULL)
        source->extra = json_object_ref (kept->extra);

      g_ptr_array_add (sources, source);
    }

  return sources;
}

/**
 * atlas_record_editor_dup_draft:
 *
 * Returns: (transfer full): the record as the fields say now; its dates
 *   are set only where they are valid
 */
AtlasPartnership *
atlas_record_editor_dup_draft (AtlasRecordEditor *self)
{
  g_autoptr(AtlasPartnership) draft = NULL;
  g_autofree char *id = get_stripped (self->id_row);
  g_autofree char *title = get_stripped (self->title_row);
  g_autofree char *summary = get_summary (self);
  g_autofree char *start_text = get_stripped (self->start_row);
  g_autofree char *end_text = get_stripped (self->end_row);
  g_autoptr(GPtrArray) sources = collect_sources (self);
  AtlasDate start, end;

  draft = atlas_partnership_new (id);
  atlas_partnership_set_title (draft, title);
  atlas_partnership_set_kind (draft, adw_combo_row_get_selected (self->kind_row));
  atlas_partnership_set_status (draft, adw_combo_row_get_selected (self->status_row));
  if (atlas_date_parse (start_text, &start, NULL))
    atlas_partnership_set_start (draft, &start);
  if (atlas_date_parse (end_text, &end, NULL))
    atlas_partnership_set_end (draft, &end);
  atlas_partnership_set_countries (draft, as_strv (self->countries));
  atlas_partnership_set_organizations (draft, as_strv (self->organization_names));
  atlas_partnership_set_summary (draft, summary);
  atlas_partnership_set_sources (draft, sources);
  atlas_partnership_set_tags (draft, as_strv (self->tags));
  atlas_partnership_set_extra (draft, self->extra);

  return g_steal_pointer (&draft);
}

static void
show_error (GtkLabel   *label,
            GtkWidget  *field,
            const char *message)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (label));

  /* Errors of single fields sit in a row right under the field; those
   * of lists under the list */
  gtk_label_set_label (label, message ? message : "");
  if (GTK_IS_LIST_BOX_ROW (parent))
    gtk_widget_set_visible (parent, message != NULL);
  else
    gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);

  if (field != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (field, "error");
      else
        gtk_widget_remove_css_class (field, "error");

      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

static void
update_automatic_id (AtlasRecordEditor *self)
{
  g_autofree char *title = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *unique = NULL;

  if (!self->id_is_automatic)
    return;

  title = get_stripped (self->title_row);
  slug = atlas_slugify (title);
  unique = atlas_slug_make_unique (slug, self->taken_ids);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->id_row)), *title ? unique : "") == 0)
    return;

  self->setting_id = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), *title ? unique : "");
  self->setting_id = FALSE;
}

static void
revalidate (AtlasRecordEditor *self)
{
  g_autoptr(AtlasPartnership) draft = NULL;
  g_autoptr(AtlasValidation) validation = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  AtlasPartnership *duplicate = NULL;
  const char *original_id;
  gboolean valid;

  if (self->loading)
    return;

  update_automatic_id (self);

  draft = atlas_record_editor_dup_draft (self);
  start_text = get_stripped (self->start_row);
  end_text = get_stripped (self->end_row);
  original_id = self->mode == ATLAS_EDITOR_MODE_EDIT ? atlas_partnership_get_id (self->original) : NULL;

  validation = atlas_validation_new (draft, start_text, end_text,
                                     atlas_history_get_store (self->history), original_id);
  valid = atlas_validation_is_valid (validation);

  /* A blank title on a record just started is not yet an error worth
   * shouting about; everything else is shown as soon as it is wrong. */
  show_error (self->title_error, GTK_WIDGET (self->title_row),
              atlas_validation_get_message (validation, ATLAS_FIELD_TITLE));
  show_error (self->start_error, GTK_WIDGET (self->start_row),
              atlas_validation_get_message (validation, ATLAS_FIELD_START));
  show_error (self->end_error, GTK_WIDGET (self->end_row),
              atlas_validation_get_message (validation, ATLAS_FIELD_END));
  show_error (self->countries_error, NULL,
              atlas_validation_get_message (validation, ATLAS_FIELD_COUNTRIES));
  show_error (self->sources_error, NULL,
              atlas_validation_get_message (validation, ATLAS_FIELD_SOURCES));
  show_error (self->id_error, GTK_WIDGET (self->id_row),
              atlas_validation_get_message (validation, ATLAS_FIELD_ID));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);

  /* Possible duplicates, once there is enough to compare */
  if (atlas_date_is_set (atlas_partnership_get_start (draft)) &&
      atlas_partnership_get_countries (draft)[0] != NULL)
    duplicate = atlas_find_possible_duplicate (atlas_history_get_store (self->history), draft, original_id);

  g_set_object (&self->duplicate, duplicate);
  if (duplicate != NULL)
    {
      g_autofree char *period = atlas_partnership_format_period (duplicate);
      g_autofree char *text = NULL;

      /* Translators: %s are a record's title and when it took place */
      text = g_strdup_printf (_("This may already be in the data set: “%s” (%s), with the same "
                                "partners."), atlas_partnership_get_title (duplicate), period);
      gtk_label_set_label (self->duplicate_label, text);
    }
  gtk_revealer_set_reveal_child (self->duplicate_revealer, duplicate != NULL);
}

/* Chips */

typedef void (*ChipRemoved) (AtlasRecordEditor *self,
                             const char        *value);

static void
chip_remove_clicked_cb (GtkButton         *button,
                        AtlasRecordEditor *self)
{
  GtkWidget *chip = g_object_get_data (G_OBJECT (button), "chip");
  GtkFlowBox *flow = g_object_get_data (G_OBJECT (button), "flow");
  GPtrArray *values = g_object_get_data (G_OBJECT (button), "values");
  const char *value = g_object_get_data (G_OBJECT (button), "value");
  GtkWidget *child = gtk_widget_get_ancestor (chip, GTK_TYPE_FLOW_BOX_CHILD);

  for (guint i = 0; i < values->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
        {
          g_ptr_array_remove_index (values, i);
          break;
        }
    }

  gtk_flow_box_remove (flow, child);
  revalidate (self);
}

static void
add_chip (AtlasRecordEditor *self,
          GtkFlowBox        *flow,
          GPtrArray         *values,
          const char        *value,
          const char        *label_text,
          const char        *tooltip)
{
  GtkWidget *chip, *label, *button;
  g_autofree char *remove_label = NULL;

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (chip, "chip");
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (chip, tooltip);

  label = gtk_label_new (label_text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_box_append (GTK_BOX (chip), label);

  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  /* Translators: tooltip of the button that removes a country, an
   * organization or a tag from a record; %s is its name */
  remove_label = g_strdup_printf (_("Remove %s"), label_text);
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_box_append (GTK_BOX (chip), button);

  g_object_set_data (G_OBJECT (button), "chip", chip);
  g_object_set_data (G_OBJECT (button), "flow", flow);
  g_object_set_data (G_OBJECT (button), "values", values);
  g_object_set_data_full (G_OBJECT (button), "value", g_strdup (value), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (chip_remove_clicked_cb), self);

  gtk_flow_box_append (flow, chip);
}

static gboolean
contains_value (GPtrArray  *values,
                const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return TRUE;
  return FALSE;
}

void
_atlas_record_editor_add_country (AtlasRecordEditor *self,
                                  const char        *code)
{
  const char *name = atlas_countries_get_name (code);
  const char *flag = atlas_countries_get_flag (code);
  g_autofree char *label = NULL;

  if (code == NULL || contains_value (self->countries, code))
    return;

  g_ptr_array_add (self->countries, g_strdup (code));
  label = g_strdup_printf ("%s%s%s", flag ? flag : code, " ", name ? name : code);
  add_chip (self, self->countries_flow, self->countries, code, label, code);
  revalidate (self);
}

void
_atlas_record_editor_add_organization (AtlasRecordEditor *self,
                                       const char        *name)
{
  g_autofree char *value = g_strstrip (g_strdup (name ? name : ""));
  AtlasOrganization *org = NULL;

  if (*value == '\0')
    return;

  /* A known short name, whatever its case, is written as it is known */
  if (self->organizations != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->organizations)); i++)
        {
          g_autoptr(AtlasOrganization) candidate = g_list_model_get_item (G_LIST_MODEL (self->organizations), i);

          if (g_utf8_collate (atlas_organization_get_id (candidate), value) == 0 ||
              g_ascii_strcasecmp (atlas_organization_get_id (candidate), value) == 0)
            {
              org = candidate;
              g_free (value);
              value = g_strdup (atlas_organization_get_id (candidate));
              break;
            }
        }
    }

  if (contains_value (self->organization_names, value))
    return;

  g_ptr_array_add (self->organization_names, g_strdup (value));
  add_chip (self, self->organizations_flow, self->organization_names, value, value,
            org ? atlas_organization_get_name (org) : _("Not in the list of known organizations"));
  revalidate (self);
}

static void
add_tag (AtlasRecordEditor *self,
         const char        *tag)
{
  g_autofree char *value = g_strstrip (g_utf8_strdown (tag ? tag : "", -1));

  g_strdelimit (value, " ", '-');
  if (*value == '\0' || contains_value (self->tags, value))
    return;

  g_ptr_array_add (self->tags, g_strdup (value));
  add_chip (self, self->tags_flow, self->tags, value, value, NULL);
  revalidate (self);
}

/* Sources */

static void
source_changed_cb (AtlasRecordEditor *self)
{
  for (guint i = 0; i < self->source_rows->len; i++)
    {
      SourceRow *row = g_ptr_array_index (self->source_rows, i);
      const char *title = gtk_editable_get_text (GTK_EDITABLE (row->title));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row),
                                     *title ? title : _("New source"));
    }

  revalidate (self);
}

static void
remove_source_clicked_cb (GtkButton         *button,
                          AtlasRecordEditor *self)
{
  AdwExpanderRow *expander = g_object_get_data (G_OBJECT (button), "expander");

  for (guint i = 0; i < self->source_rows->len; i++)
    {
      SourceRow *row = g_ptr_array_index (self->source_rows, i);

      if (row->row == expander)
        {
          g_ptr_array_remove_index (self->source_rows, i);
          break;
        }
    }

  gtk_list_box_remove (self->sources_list, GTK_WIDGET (expander));
  revalidate (self);
}

static AdwEntryRow *
add_source_field (AtlasRecordEditor *self,
                  AdwExpanderRow    *expander,
                  const char        *title,
                  const char        *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (source_changed_cb), self);
  adw_expander_row_add_row (expander, GTK_WIDGET (row));
  return row;
}

void
_atlas_record_editor_add_source (AtlasRecordEditor *self,
                                 const char        *title,
                                 const char        *document,
                                 const char        *url)
{
  SourceRow *row = g_new0 (SourceRow, 1);
  GtkWidget *remove, *remove_row;

  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row),
                                 title && *title ? title : _("New source"));

  row->title = add_source_field (self, row->row, _("Title or headline"), title);
  row->document = add_source_field (self, row->row, _("Document (file name in the data set)"), document);
  row->url = add_source_field (self, row->row, _("Web address"), url);

  remove_row = adw_action_row_new ();
  remove = gtk_button_new_with_mnemonic (_("_Remove Source"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_object_set_data (G_OBJECT (remove), "expander", row->row);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_source_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (row->row, remove_row);

  adw_expander_row_set_expanded (row->row, title == NULL || *title == '\0');

  g_ptr_array_add (self->source_rows, row);
  gtk_list_box_append (self->sources_list, GTK_WIDGET (row->row));
  revalidate (self);
}

/* Calendars */

static void
day_selected_cb (GtkCalendar *calendar,
                 AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
calendar_popover_show_cb (GtkPopover  *popover,
                          AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  AtlasDate date;
  g_autoptr(GDateTime) dt = NULL;

  /* Open at the date typed so far, as precisely as it is known */
  if (atlas_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &date, NULL))
    dt = g_date_time_new_local (date.year, MAX (date.month, 1), MAX (date.day, 1), 12, 0, 0);
  else
    dt = g_date_time_new_now_local ();

  g_signal_handlers_block_by_func (calendar, day_selected_cb, row);
  gtk_calendar_select_day (calendar, dt);
  g_signal_handlers_unblock_by_func (calendar, day_selected_cb, row);
}

static void
setup_calendar (GtkMenuButton *button,
                AdwEntryRow   *row)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (day_selected_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (calendar_popover_show_cb), row);
  gtk_menu_button_set_popover (button, popover);
}

/* The country picker */

static char *
fold (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text ? text : "", NULL);

  return g_ascii_strdown (ascii, -1);
}

static gboolean
country_matches (gpointer item,
                 gpointer user_data)
{
  AtlasRecordEditor *self = user_data;
  const char *code = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->country_search));
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folded_code = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;

  needle = fold (search);
  name = fold (atlas_countries_get_name (code));
  folded_code = fold (code);

  return g_str_has_prefix (folded_code, needle) || strstr (name, needle) != NULL;
}

static int
compare_country_names (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const char *code_a = gtk_string_object_get_string ((GtkStringObject *) a);
  const char *code_b = gtk_string_object_get_string ((GtkStringObject *) b);
  gboolean old_a = atlas_countries_is_historical (code_a);
  gboolean old_b = atlas_countries_is_historical (code_b);

  /* Today's countries first, former ones after */
  if (old_a != old_b)
    return old_a ? 1 : -1;
  return g_utf8_collate (atlas_countries_get_name (code_a), atlas_countries_get_name (code_b));
}

static void
country_search_changed_cb (AtlasRecordEditor *self)
{
  gtk_filter_changed (GTK_FILTER (self->country_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
pick_country (AtlasRecordEditor *self,
              guint              position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->country_list));
  g_autoptr(GtkStringObject) item = g_list_model_get_item (model, position);

  if (item == NULL)
    return;

  _atlas_record_editor_add_country (self, gtk_string_object_get_string (item));
  gtk_editable_set_text (GTK_EDITABLE (self->country_search), "");
  gtk_popover_popdown (self->country_popover);
}

static void
country_activated_cb (GtkListView       *list,
                      guint              position,
                      AtlasRecordEditor *self)
{
  pick_country (self, position);
}

static void
country_search_activated_cb (AtlasRecordEditor *self)
{
  pick_country (self, 0);
}

static void
setup_country_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *flag = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "caption");
  gtk_widget_set_size_request (flag, 24, -1);
  gtk_box_append (GTK_BOX (box), flag);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_item_set_child (item, box);
}

static void
bind_country_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *flag = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (flag);
  GtkWidget *code = gtk_widget_get_next_sibling (name);
  const char *value = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const char *flag_text = atlas_countries_get_flag (value);
  g_autofree char *name_text = NULL;

  if (atlas_countries_is_historical (value))
    /* Translators: a country that no longer exists, in the country picker */
    name_text = g_strdup_printf (_("%s (former)"), atlas_countries_get_name (value));
  else
    name_text = g_strdup (atlas_countries_get_name (value));

  gtk_label_set_label (GTK_LABEL (flag), flag_text ? flag_text : "");
  gtk_label_set_label (GTK_LABEL (name), name_text);
  gtk_label_set_label (GTK_LABEL (code), value);
}

static void
setup_country_picker (AtlasRecordEditor *self)
{
  g_auto(GStrv) codes = atlas_countries_list (TRUE);
  GtkStringList *list = gtk_string_list_new ((const char * const *) codes);
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkListItemFactory *factory;
  GtkWidget *box, *scroller;

  /* The filter reads the search entry: it comes first */
  self->country_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->country_search, "placeholder-text", _("Name or code"), NULL);
  g_signal_connect_swapped (self->country_search, "search-changed",
                            G_CALLBACK (country_search_changed_cb), self);
  g_signal_connect_swapped (self->country_search, "activate",
                            G_CALLBACK (country_search_activated_cb), self);

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (list),
                                    GTK_SORTER (gtk_custom_sorter_new (compare_country_names, NULL, NULL)));
  self->country_filter = gtk_custom_filter_new (country_matches, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), GTK_FILTER (g_object_ref (self->country_filter)));
  selection = gtk_single_selection_new (G_LIST_MODEL (filtered));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_country_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_country_row_cb), NULL);

  self->country_list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_list_view_set_single_click_activate (self->country_list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->country_list), "navigation-sidebar");
  g_signal_connect (self->country_list, "activate", G_CALLBACK (country_activated_cb), self);


  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->country_list));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->country_search));
  gtk_box_append (GTK_BOX (box), scroller);

  self->country_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->country_popover, box);
  gtk_popover_set_default_widget (self->country_popover, NULL);
  gtk_menu_button_set_popover (self->add_country_button, GTK_WIDGET (self->country_popover));
  g_signal_connect_swapped (self->country_popover, "show", G_CALLBACK (gtk_widget_grab_focus),
                            self->country_search);
}

/* Organization suggestions */

static void
organization_suggestion_activated_cb (GtkListBox        *list,
                                      GtkListBoxRow     *row,
                                      AtlasRecordEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "id");

  _atlas_record_editor_add_organization (self, id);
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row), "");
  gtk_popover_popdown (self->organization_popover);
}

static void
organization_text_changed_cb (AtlasRecordEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->organization_row));
  g_autofree char *needle = fold (text);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->organization_suggestions))) != NULL)
    gtk_list_box_remove (self->organization_suggestions, child);

  if (*needle == '\0' || self->organizations == NULL)
    {
      gtk_popover_popdown (self->organization_popover);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->organizations)) &&
                    shown < MAX_ORGANIZATION_SUGGESTIONS; i++)
    {
      g_autoptr(AtlasOrganization) org = g_list_model_get_item (G_LIST_MODEL (self->organizations), i);
      g_autofree char *id = fold (atlas_organization_get_id (org));
      g_autofree char *name = fold (atlas_organization_get_name (org));
      GtkWidget *row;

      if (strstr (id, needle) == NULL && strstr (name, needle) == NULL)
        continue;
      if (contains_value (self->organization_names, atlas_organization_get_id (org)))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), atlas_organization_get_id (org));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), atlas_organization_get_name (org));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "id", g_strdup (atlas_organization_get_id (org)), g_free);
      gtk_list_box_append (self->organization_suggestions, row);
      shown++;
    }

  if (shown > 0)
    gtk_popover_popup (self->organization_popover);
  else
    gtk_popover_popdown (self->organization_popover);
}

static void
organization_apply_cb (AtlasRecordEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->organization_row));

  _atlas_record_editor_add_organization (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row), "");
  gtk_popover_popdown (self->organization_popover);
}

static void
setup_organization_suggestions (AtlasRecordEditor *self)
{
  self->organization_suggestions = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->organization_suggestions, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->organization_suggestions), "boxed-list");
  g_signal_connect (self->organization_suggestions, "row-activated",
                    G_CALLBACK (organization_suggestion_activated_cb), self);

  self->organization_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->organization_popover, FALSE);
  gtk_popover_set_has_arrow (self->organization_popover, FALSE);
  gtk_popover_set_position (self->organization_popover, GTK_POS_BOTTOM);
  gtk_popover_set_child (self->organization_popover, GTK_WIDGET (self->organization_suggestions));
  gtk_widget_set_parent (GTK_WIDGET (self->organization_popover), GTK_WIDGET (self->organization_row));
}

/* Template callbacks */

static void
field_changed_cb (AtlasRecordEditor *self)
{
  revalidate (self);
}

static void
id_changed_cb (AtlasRecordEditor *self)
{
  /* The id made from the title: the check that set it goes on */
  if (self->setting_id)
    return;

  /* Once the curator types an id, it is theirs */
  if (!self->loading)
    self->id_is_automatic = FALSE;

  revalidate (self);
}

static void
tag_apply_cb (AtlasRecordEditor *self)
{
  add_tag (self, gtk_editable_get_text (GTK_EDITABLE (self->tag_row)));
  gtk_editable_set_text (GTK_EDITABLE (self->tag_row), "");
}

/* Actions */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasRecordEditor *self = ATLAS_RECORD_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!atlas_record_editor_save (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Record"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AtlasRecordEditor *self = ATLAS_RECORD_EDITOR (widget);
  SourceRow *row;

  _atlas_record_editor_add_source (self, NULL, NULL, NULL);
  row = g_ptr_array_index (self->source_rows, self->source_rows->len - 1);
  gtk_widget_grab_focus (GTK_WIDGET (row->title));
}

static void
show_duplicate_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasRecordEditor *self = ATLAS_RECORD_EDITOR (widget);

  if (self->duplicate != NULL)
    g_signal_emit (self, signals[SIGNAL_SHOW_RECORD], 0, atlas_partnership_get_id (self->duplicate));
}

/* Loading a record into the fields */

static void
load_record (AtlasRecordEditor *self,
             AtlasPartnership  *record)
{
  const char * const *codes = atlas_partnership_get_countries (record);
  const char * const *orgs = atlas_partnership_get_organizations (record);
  const char * const *tags = atlas_partnership_get_tags (record);
  GPtrArray *sources = atlas_partnership_get_sources (record);
  g_autofree char *start = atlas_date_to_string (atlas_partnership_get_start (record));
  g_autofree char *end = atlas_date_to_string (atlas_partnership_get_end (record));

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), atlas_partnership_get_title (record));
  adw_combo_row_set_selected (self->kind_row, atlas_partnership_get_kind (record));
  adw_combo_row_set_selected (self->status_row, atlas_partnership_get_status (record));
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                            atlas_partnership_get_summary (record), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), atlas_partnership_get_id (record));

  for (guint i = 0; codes[i] != NULL; i++)
    _atlas_record_editor_add_country (self, codes[i]);
  for (guint i = 0; orgs[i] != NULL; i++)
    _atlas_record_editor_add_organization (self, orgs[i]);
  for (guint i = 0; tags[i] != NULL; i++)
    add_tag (self, tags[i]);
  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);
      SourceRow *row;

      _atlas_record_editor_add_source (self, source->title, source->document, source->url);
      row = g_ptr_array_index (self->source_rows, self->source_rows->len - 1);
      g_object_set_data_full (G_OBJECT (row->row), "source", atlas_source_copy (source),
                              (GDestroyNotify) atlas_source_free);
    }

  g_clear_pointer (&self->extra, json_object_unref);
  if (atlas_partnership_get_extra (record) != NULL)
    self->extra = json_object_ref (atlas_partnership_get_extra (record));

  self->loading = FALSE;
}

/* GObject */

static void
atlas_record_editor_dispose (GObject *object)
{
  AtlasRecordEditor *self = ATLAS_RECORD_EDITOR (object);

  if (self->organization_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->organization_popover));
      self->organization_popover = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_RECORD_EDITOR);

  g_clear_object (&self->country_filter);
  g_clear_object (&self->history);
  g_clear_object (&self->organizations);
  g_clear_object (&self->original);
  g_clear_object (&self->duplicate);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->countries, g_ptr_array_unref);
  g_clear_pointer (&self->organization_names, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->source_rows, g_ptr_array_unref);
  g_clear_pointer (&self->taken_ids, g_hash_table_unref);

  G_OBJECT_CLASS (atlas_record_editor_parent_class)->dispose (object);
}

static void
atlas_record_editor_class_init (AtlasRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_record_editor_dispose;

  /**
   * AtlasRecordEditor::record-saved:
   * @id: the id of the record saved
   *
   * The record reached the data set.
   */
  signals[SIGNAL_RECORD_SAVED] =
    g_signal_new ("record-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AtlasRecordEditor::show-record:
   * @id: the id of a record in the data set
   *
   * The curator asked to see an existing record (a possible duplicate).
   */
  signals[SIGNAL_SHOW_RECORD] =
    g_signal_new ("show-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, duplicate_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, start_error);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, start_calendar_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, end_error);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, end_calendar_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, add_country_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, countries_flow);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, countries_error);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, organizations_flow);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, sources_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, sources_error);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, tag_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, tags_flow);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordEditor, id_error);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_apply_cb);

  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-source", NULL, add_source_action);
  gtk_widget_class_install_action (widget_class, "editor.show-duplicate", NULL, show_duplicate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
atlas_record_editor_init (AtlasRecordEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->countries = new_strv_array ();
  self->organization_names = new_strv_array ();
  self->tags = new_strv_array ();
  self->source_rows = g_ptr_array_new_with_free_func (g_free);
  self->id_is_automatic = TRUE;
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (AtlasKind k = 0; k < ATLAS_N_KINDS; k++)
    gtk_string_list_append (kinds, atlas_kind_get_label (k));
  for (AtlasStatus s = 0; s < ATLAS_N_STATUSES; s++)
    gtk_string_list_append (statuses, atlas_status_get_label (s));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->kind_row, ATLAS_KIND_AGREEMENT);
  adw_combo_row_set_selected (self->status_row, ATLAS_STATUS_UNKNOWN);

  setup_calendar (self->start_calendar_button, self->start_row);
  setup_calendar (self->end_calendar_button, self->end_row);
  setup_country_picker (self);
  setup_organization_suggestions (self);

  self->loading = FALSE;
}

/**
 * atlas_record_editor_new:
 * @parent: the window the editor belongs to
 * @history: where the saved record goes, as one undoable change
 * @organizations: (nullable): known organizations, for completion
 * @mode: new, edit or duplicate
 * @record: (nullable): the record to edit or duplicate
 */
AtlasRecordEditor *
atlas_record_editor_new (GtkWindow          *parent,
                         AtlasHistory       *history,
                         AtlasOrganizations *organizations,
                         AtlasEditorMode     mode,
                         AtlasPartnership   *record)
{
  AtlasRecordEditor *self;
  AtlasStore *store;

  g_return_val_if_fail (ATLAS_IS_HISTORY (history), NULL);
  g_return_val_if_fail (mode == ATLAS_EDITOR_MODE_NEW || ATLAS_IS_PARTNERSHIP (record), NULL);

  self = g_object_new (ATLAS_TYPE_RECORD_EDITOR, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->organizations = organizations ? g_object_ref (organizations) : NULL;
  self->mode = mode;

  store = atlas_history_get_store (history);
  self->taken_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(AtlasPartnership) p = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_hash_table_add (self->taken_ids, g_strdup (atlas_partnership_get_id (p)));
    }

  switch (mode)
    {
    case ATLAS_EDITOR_MODE_EDIT:
      self->original = g_object_ref (record);
      self->id_is_automatic = FALSE;
      load_record (self, record);
      adw_window_title_set_title (self->window_title, _("Edit Record"));
      adw_window_title_set_subtitle (self->window_title, atlas_partnership_get_id (record));
      break;

    case ATLAS_EDITOR_MODE_DUPLICATE:
      load_record (self, record);
      self->id_is_automatic = TRUE;
      adw_window_title_set_title (self->window_title, _("Duplicate Record"));
      break;

    case ATLAS_EDITOR_MODE_NEW:
    default:
      adw_window_title_set_title (self->window_title, _("New Record"));
      break;
    }

  revalidate (self);

  /* Nothing is wrong yet with a record not yet begun: say what is
   * needed only once the curator starts */
  if (mode == ATLAS_EDITOR_MODE_NEW)
    {
      show_error (self->title_error, GTK_WIDGET (self->title_row), NULL);
      show_error (self->start_error, GTK_WIDGET (self->start_row), NULL);
      show_error (self->countries_error, NULL, NULL);
      show_error (self->id_error, GTK_WIDGET (self->id_row), NULL);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

gboolean
atlas_record_editor_is_valid (AtlasRecordEditor *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORD_EDITOR (self), FALSE);
  return gtk_widget_is_sensitive (self->save_button);
}

/**
 * atlas_record_editor_save:
 *
 * Puts the record into the data set as one undoable change.
 */
gboolean
atlas_record_editor_save (AtlasRecordEditor  *self,
                          GError            **error)
{
  g_autoptr(AtlasPartnership) record = NULL;
  g_autoptr(AtlasValidation) validation = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  const char *original_id;
  gboolean ok;

  g_return_val_if_fail (ATLAS_IS_RECORD_EDITOR (self), FALSE);

  record = atlas_record_editor_dup_draft (self);
  start_text = get_stripped (self->start_row);
  end_text = get_stripped (self->end_row);
  original_id = self->mode == ATLAS_EDITOR_MODE_EDIT ? atlas_partnership_get_id (self->original) : NULL;
  validation = atlas_validation_new (record, start_text, end_text,
                                     atlas_history_get_store (self->history), original_id);

  if (!atlas_validation_is_valid (validation))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The record is not complete yet"));
      return FALSE;
    }

  atlas_partnership_set_start (record, atlas_validation_get_start (validation));
  atlas_partnership_set_end (record, atlas_validation_get_end (validation));

  if (original_id != NULL)
    ok = atlas_history_edit_record (self->history, original_id, record, error);
  else
    ok = atlas_history_add_record (self->history, record, error);

  if (ok)
    g_signal_emit (self, signals[SIGNAL_RECORD_SAVED], 0, atlas_partnership_get_id (record));

  return ok;
}

/* For tests */

GtkEditable *
_atlas_record_editor_get_field (AtlasRecordEditor *self,
                                AtlasField         field)
{
  switch (field)
    {
    case ATLAS_FIELD_ID:
      return GTK_EDITABLE (self->id_row);
    case ATLAS_FIELD_TITLE:
      return GTK_EDITABLE (self->title_row);
    case ATLAS_FIELD_START:
      return GTK_EDITABLE (self->start_row);
    case ATLAS_FIELD_END:
      return GTK_EDITABLE (self->end_row);
    case ATLAS_FIELD_COUNTRIES:
    case ATLAS_FIELD_SOURCES:
    default:
      return NULL;
    }
}

GtkLabel *
_atlas_record_editor_get_error_label (AtlasRecordEditor *self,
                                      AtlasField         field)
{
  switch (field)
    {
    case ATLAS_FIELD_ID:
      return self->id_error;
    case ATLAS_FIELD_TITLE:
      return self->title_error;
    case ATLAS_FIELD_START:
      return self->start_error;
    case ATLAS_FIELD_END:
      return self->end_error;
    case ATLAS_FIELD_COUNTRIES:
      return self->countries_error;
    case ATLAS_FIELD_SOURCES:
      return self->sources_error;
    default:
      return NULL;
    }
}

void
_atlas_record_editor_set_summary (AtlasRecordEditor *self,
                                  const char        *summary)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), summary, -1);
}

GtkWidget *
_atlas_record_editor_get_save_button (AtlasRecordEditor *self)
{
  return self->save_button;
}

AtlasPartnership *
_atlas_record_editor_get_duplicate (AtlasRecordEditor *self)
{
  return self->duplicate;
}
