/* atlas-window.c — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-window"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-detail-pane.h"
#include "atlas-export-dialog.h"
#include "atlas-facets.h"
#include "atlas-filter.h"
#include "atlas-filter-list-model.h"
#include "atlas-filter-bar.h"
#include "atlas-playback.h"
#include "atlas-saved-views.h"
#include "atlas-stats-view.h"
#include "atlas-document.h"
#include "atlas-format.h"
#include "atlas-import-dialog.h"
#include "atlas-read-file.h"
#include "atlas-record-editor.h"
#include "atlas-save.h"
#include "atlas-timeline-pane.h"
#include "atlas-record-list.h"
#include "atlas-window-private.h"
#include "atlas-world-map.h"

/* Problems listed in the error dialog before "and N more" */
#define MAX_PROBLEMS_SHOWN 200

struct _AtlasWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  GtkRevealer          *load_banner;
  GtkLabel             *load_banner_label;
  GtkProgressBar       *load_banner_progress;
  AdwFlap              *list_flap;
  AdwFlap              *detail_flap;
  AtlasRecordList      *record_list;
  GtkStack             *list_stack;
  AdwStatusPage        *list_status;
  AtlasDetailPane      *detail_pane;
  AtlasTimelinePane    *timeline_pane;
  AtlasWorldMap        *world_map;
  GMenu                *history_section;
  GtkRevealer          *disk_banner;
  GtkLabel             *disk_banner_label;

  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *filter_revealer;
  AtlasFilterBar       *filter_bar;
  GtkMenuButton        *facets_button;
  GtkPopover           *facets_popover;
  AtlasFacets          *facets;
  AtlasStatsView       *stats_view;
  GtkWidget            *header_bar;
  GtkLabel             *year_label;
  GtkRevealer          *caption_revealer;
  GtkLabel             *caption_news;
  GtkLabel             *caption_title;
  GtkLabel             *caption_text;
  GtkRevealer          *playback_revealer;
  GtkButton            *play_button;
  GtkDropDown          *speed_dropdown;
  GtkLabel             *playback_status;
  GtkListBox           *views_list;
  GtkWidget            *views_empty;
  GtkEntry             *view_name_entry;
  GtkPopover           *views_popover;

  AtlasDocument        *document;
  AtlasFilter          *filter;
  AtlasFilterListModel *filter_model;
  AtlasViewState       *state;       /* the filters in force */
  AtlasViewState       *pending_view; /* to show once the file is open */
  guint                 applying_state : 1;

  /* Presenting */
  gboolean              presenting;
  gboolean              was_fullscreen;
  gboolean              list_was_revealed;
  gboolean              detail_was_revealed;
  gboolean              search_was_shown;
  AdwColorScheme        color_scheme_before;
  AtlasViewState       *view_before;      /* to come back to */
  AtlasPlayback        *playback;
  AtlasViewState       *playback_base;    /* the filters playback adds time to */
  guint                 tick_id;
  gint64                last_frame_time;
  int                   saved_view_index;
  AtlasStore           *store;      /* the document's */
  AtlasHistory         *history;    /* the document's */
  GtkSingleSelection   *selection;
  GCancellable         *load_cancellable;
  GtkWidget            *error_dialog;
  GtkWidget            *question_dialog;
  GtkFileChooserNative *file_chooser;
  GtkWidget            *editor;

  /* What to do once unsaved changes are dealt with */
  GFile                *pending_open;
  guint                 pending_close : 1;
  guint                 closing_confirmed : 1;
  guint                 saving : 1;
};

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (AtlasWindow *self);
static void remember_file  (AtlasWindow *self,
                            GFile       *file);
static void offer_recovery (AtlasWindow *self);
static void load_file      (AtlasWindow *self,
                            GFile       *file);
static void save_as        (AtlasWindow *self);

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
is_bundled (GFile *file)
{
  g_autofree char *uri = NULL;

  if (file == NULL)
    return FALSE;

  uri = g_file_get_uri (file);
  return g_str_has_prefix (uri, "resource://");
}

/* The name people know the file by */
static char *
get_display_name (GFile *file)
{
  if (is_bundled (file))
    return g_strdup (_("Bundled Data Set"));
  return g_file_get_basename (file);
}

static void
update_title (AtlasWindow *self)
{
  GFile *file = atlas_store_get_file (self->store);
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *tooltip = NULL;
  guint n_records;

  if (file == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Space Atlas"));
      return;
    }

  name = get_display_name (file);
  if (atlas_document_get_modified (self->document))
    {
      /* Translators: the name of a file with unsaved changes */
      g_autofree char *marked = g_strdup_printf (_("• %s"), name);
      g_free (name);
      name = g_steal_pointer (&marked);
    }
  n_records = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  if (atlas_view_state_has_filter (self->state))
    {
      guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

      /* Translators: the window's subtitle when filters hide records: the
       * file's name, then how many records pass the filters, of all */
      subtitle = g_strdup_printf (ngettext ("%s — %u of %u record", "%s — %u of %u records", n_records),
                                  name, shown, n_records);
    }
  else
    /* Translators: the window's subtitle: the file's name, then how many
     * records it holds */
    subtitle = g_strdup_printf (ngettext ("%s — %u record", "%s — %u records", n_records),
                                name, n_records);
  /* Translators: the window's title for the window manager: the file's
   * name, then the application's */
  title = g_strdup_printf (_("%s — Space Atlas"), name);

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Set only when it changes: setting a tooltip asks the display where
   * the pointer is, and the title follows every filter change */
  tooltip = is_bundled (file) ? g_strdup (_("The data set that comes with Space Atlas (read-only)"))
                              : g_file_get_parse_name (file);
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->window_title)), tooltip) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tooltip);
}

static void
set_busy (AtlasWindow *self,
          gboolean     busy)
{
  gtk_spinner_set_spinning (self->loading_spinner, busy);
  if (!busy)
    gtk_revealer_set_reveal_child (self->load_banner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Reading runs in a thread; its progress shows on the loading page, or,
 * with a file already open and still shown, in a bar under the header */
static void
load_progress_cb (AtlasWindow *self)
{
  double fraction = atlas_document_get_load_progress (self->document);
  g_autofree char *percent = NULL;

  if (self->load_cancellable == NULL)
    return;

  /* Translators: how much of a file is read, as in 42 % */
  percent = g_strdup_printf (_("%d %%"), (int) (fraction * 100));
  gtk_progress_bar_set_fraction (self->loading_progress, fraction);
  gtk_progress_bar_set_text (self->loading_progress, percent);
  gtk_progress_bar_set_fraction (self->load_banner_progress, fraction);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

static void
show_problems (AtlasWindow *self,
               GFile       *file,
               GPtrArray   *problems,
               GError      *error)
{
  g_autofree char *name = get_display_name (file);
  g_autofree char *heading = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_file_get_parse_name (file);
  const char *kept;
  GtkWidget *dialog, *scroller, *label;
  guint n = problems ? problems->len : 0;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);

  if (atlas_store_get_file (self->store) != NULL)
    kept = _("Nothing was changed: the data set that was open stays open.");
  else
    kept = "";

  for (guint i = 0; i < n && i < MAX_PROBLEMS_SHOWN; i++)
    {
      g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i), path);
      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
    }
  if (n > MAX_PROBLEMS_SHOWN)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              ngettext ("… and %u more problem", "… and %u more problems",
                                        n - MAX_PROBLEMS_SHOWN),
                              n - MAX_PROBLEMS_SHOWN);
    }
  if (n == 0 && error != NULL)
    g_string_append (text, error->message);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  if (n > 0)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    ngettext ("The file has %u problem. %s",
                                              "The file has %u problems. %s", n),
                                    n, kept);
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), kept);

  label = gtk_label_new (text->str);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "problem-list");

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));
  self->error_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* One atlas_window_open() call */
typedef struct
{
  AtlasWindow  *self;
  GFile        *file;
  GCancellable *cancellable;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->file);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadRequest, load_request_free)

/* Callbacks */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LoadRequest) request = user_data;
  AtlasWindow *self = request->self;
  GFile *file = request->file;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!atlas_document_load_finish (ATLAS_DOCUMENT (object), result, &problems, &error))
    {
      /* A later atlas_window_open() replaced this one */
      if (request->cancellable != self->load_cancellable)
        return;

      /* Cancelled by the reader: what was open stays, as it was */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = get_display_name (file);
          /* Translators: the file's name */
          g_autofree char *text = g_strdup_printf (_("Stopped opening “%s”"), name);

          g_clear_object (&self->load_cancellable);
          gtk_stack_set_visible_child_name (self->main_stack,
                                            atlas_store_get_file (self->store) ? "content" : "empty");
          set_busy (self, FALSE);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
          return;
        }

      g_clear_object (&self->load_cancellable);
      gtk_stack_set_visible_child_name (self->main_stack,
                                        atlas_store_get_file (self->store) ? "content" : "empty");
      set_busy (self, FALSE);
      show_problems (self, file, problems, error);
      return;
    }

  g_clear_object (&self->load_cancellable);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
  /* A new data set is shown whole; filters then leave the view alone */
  atlas_timeline_show_all (atlas_timeline_pane_get_timeline (self->timeline_pane));
  update_title (self);
  update_actions (self);
  set_busy (self, FALSE);
  remember_file (self, file);

  if (self->pending_view != NULL)
    {
      g_autoptr(AtlasViewState) view = g_steal_pointer (&self->pending_view);
      atlas_window_set_view_state (self, view);
    }

  offer_recovery (self);
}

static void
selection_changed_cb (AtlasWindow *self)
{
  AtlasPartnership *record = gtk_single_selection_get_selected_item (self->selection);

  atlas_detail_pane_set_record (self->detail_pane, record);
  update_actions (self);
  if (record != NULL)
    {
      /* Chosen on the timeline or the map, it shows in the list too */
      atlas_record_list_scroll_to (self->record_list, gtk_single_selection_get_selected (self->selection));

      /* While presenting, the caption tells about it instead */
      if (!self->presenting)
        adw_flap_set_reveal_flap (self->detail_flap, TRUE);
    }
}

static void
store_items_changed_cb (AtlasWindow *self)
{
  update_title (self);
}

static void
file_chooser_response_cb (AtlasWindow          *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        atlas_window_open (self, file);
    }

  g_clear_object (&self->file_chooser);
}

/* Actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GtkFileFilter) json_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->file_chooser != NULL)
    return;

  gtk_file_filter_set_name (json_filter, _("Space Atlas Data Files"));
  gtk_file_filter_add_mime_type (json_filter, "application/json");
  gtk_file_filter_add_suffix (json_filter, "json");
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");

  self->file_chooser = gtk_file_chooser_native_new (_("Open a Data File"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), json_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all_filter);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
open_bundled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GFile) file = atlas_application_get_bundled_data_file ();

  atlas_window_open (ATLAS_WINDOW (widget), file);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->list_flap, !adw_flap_get_reveal_flap (self->list_flap));
}



/* Linked exploration: one filter for every view */

static AtlasOrganizations *
get_organizations (AtlasWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return ATLAS_IS_APPLICATION (app) ? atlas_application_get_organizations (ATLAS_APPLICATION (app)) : NULL;
}

static gboolean facets_refresh_idle (gpointer user_data);

static AtlasTimeline *
get_timeline (AtlasWindow *self)
{
  return atlas_timeline_pane_get_timeline (self->timeline_pane);
}

/* A day number as a date to the day */
static AtlasDate
day_to_date (double day)
{
  AtlasDate date = { 0 };
  GDate g;

  g_date_clear (&g, 1);
  g_date_set_julian (&g, (guint32) CLAMP (day, 1, 3652059));
  atlas_date_init (&date, g_date_get_year (&g), g_date_get_month (&g), g_date_get_day (&g));
  return date;
}

/* The list, or why it is empty: no records at all, or none that the
 * filters let through */
static void
update_list_status (AtlasWindow *self,
                    guint        n_shown,
                    guint        n_records)
{
  if (n_shown > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (n_records == 0)
    {
      adw_status_page_set_icon_name (self->list_status, "document-new-symbolic");
      adw_status_page_set_title (self->list_status, _("No Records"));
      adw_status_page_set_description (self->list_status, _("Add one with the New Record button, or Ctrl+N"));
    }
  else
    {
      adw_status_page_set_icon_name (self->list_status, "edit-find-symbolic");
      adw_status_page_set_title (self->list_status, _("No Matching Records"));
      adw_status_page_set_description (self->list_status, _("Try other words, or remove a filter"));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
update_filter_counts (AtlasWindow *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_records = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  atlas_filter_bar_set_counts (self->filter_bar, n_shown, n_records);
  update_list_status (self, n_shown, n_records);
  update_title (self);
}

/* Every view follows the filter: the chips, the search entry, the
 * map's chosen country, the timeline's brush */
static void
show_state (AtlasWindow *self)
{
  const AtlasViewState *state = self->state;
  AtlasTimeline *timeline = get_timeline (self);
  const char *text = state->text ? state->text : "";
  const char *country = NULL;

  atlas_filter_bar_set_state (self->filter_bar, state);
  gtk_revealer_set_reveal_child (self->filter_revealer, atlas_view_state_has_filter (state));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  if (*text != '\0')
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);

  /* The map shows a country chosen when it is the only one */
  if (state->countries != NULL && state->countries[0] != NULL && state->countries[1] == NULL)
    country = state->countries[0];
  if (g_strcmp0 (atlas_world_map_get_selected_country (self->world_map), country) != 0)
    atlas_world_map_set_selected_country (self->world_map, country);

  /* The brush shows the time range; not the sweep of a playback, which
   * the timeline follows instead */
  if (self->playback != NULL)
    ;
  else if (atlas_date_is_set (&state->from) || atlas_date_is_set (&state->to))
    {
      double start = atlas_date_is_set (&state->from) ? atlas_date_get_first_day (&state->from)
                                                      : atlas_timeline_get_visible_start (timeline);
      double end = atlas_date_is_set (&state->to) ? atlas_date_get_last_day (&state->to) + 1
                                                  : atlas_timeline_get_visible_end (timeline);

      if (!atlas_timeline_get_has_brush (timeline) ||
          atlas_timeline_get_brush_start (timeline) != start ||
          atlas_timeline_get_brush_end (timeline) != end)
        atlas_timeline_set_brush (timeline, start, end);
    }
  else if (atlas_timeline_get_has_brush (timeline))
    atlas_timeline_clear_brush (timeline);

  update_filter_counts (self);
}

/**
 * _atlas_window_set_filter:
 *
 * Filters every view by the filtering fields of @state.
 */
void
_atlas_window_set_filter (AtlasWindow          *self,
                          const AtlasViewState *state)
{
  g_autoptr(AtlasViewState) old = NULL;

  if (self->applying_state)
    return;

  old = g_steal_pointer (&self->state);
  self->state = atlas_view_state_copy (state);

  /* Only the filter's fields belong here */
  g_clear_pointer (&self->state->record, g_free);
  g_clear_pointer (&self->state->lanes, g_free);
  self->state->time_start = self->state->time_end = 0;
  self->state->has_map = FALSE;

  self->applying_state = TRUE;
  atlas_filter_set_state (self->filter, self->state);
  show_state (self);
  self->applying_state = FALSE;
}

const AtlasViewState *
_atlas_window_get_filter (AtlasWindow *self)
{
  return self->state;
}

AtlasTimeline *
_atlas_window_get_timeline (AtlasWindow *self)
{
  return get_timeline (self);
}

AtlasWorldMap *
_atlas_window_get_world_map (AtlasWindow *self)
{
  return self->world_map;
}

static void
search_changed_cb (AtlasWindow *self)
{
  g_autoptr(AtlasViewState) state = atlas_view_state_copy (self->state);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (g_strcmp0 (state->text ? state->text : "", text) == 0)
    return;

  g_free (state->text);
  state->text = g_strdup (text);
  _atlas_window_set_filter (self, state);
}

static void
stop_search_cb (AtlasWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static char **
strv_without (char      **list,
              const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; list && list[i]; i++)
    if (!g_str_equal (list[i], value))
      g_strv_builder_add (builder, list[i]);

  return g_strv_builder_end (builder);
}

static void
remove_filter_cb (AtlasWindow *self,
                  const char  *facet,
                  const char  *value)
{
  g_autoptr(AtlasViewState) state = atlas_view_state_copy (self->state);
  AtlasKind kind;
  AtlasStatus status;
  char **list;

  if (g_str_equal (facet, "range"))
    state->from = state->to = (AtlasDate) { 0 };
  else if (g_str_equal (facet, "kind") && atlas_kind_from_string (value, &kind))
    state->kinds &= ~(1u << kind);
  else if (g_str_equal (facet, "status") && atlas_status_from_string (value, &status))
    state->statuses &= ~(1u << status);
  else if (g_str_equal (facet, "text"))
    g_clear_pointer (&state->text, g_free);
  else
    {
      char ***field = g_str_equal (facet, "country") ? &state->countries
                      : g_str_equal (facet, "org") ? &state->organizations
                      : &state->tags;

      list = strv_without (*field, value);
      g_strfreev (*field);
      *field = list;
    }

  _atlas_window_set_filter (self, state);
}

static void
clear_filters_cb (AtlasWindow *self)
{
  g_autoptr(AtlasViewState) state = atlas_view_state_new ();

  _atlas_window_set_filter (self, state);
}

static void
facets_changed_cb (AtlasWindow *self)
{
  const AtlasViewState *chosen = atlas_facets_get_state (self->facets);
  g_autoptr(AtlasViewState) state = atlas_view_state_copy (self->state);

  state->kinds = chosen->kinds;
  state->statuses = chosen->statuses;
  state->from = chosen->from;
  state->to = chosen->to;
  g_strfreev (state->organizations);
  state->organizations = g_strdupv (chosen->organizations);
  g_strfreev (state->tags);
  state->tags = g_strdupv (chosen->tags);
  _atlas_window_set_filter (self, state);

  /* Counts change with every choice; counted again once the click is over */
  g_idle_add_full (G_PRIORITY_DEFAULT, facets_refresh_idle, g_object_ref (self), g_object_unref);
}

static void
facets_shown_cb (AtlasWindow *self)
{
  atlas_facets_update (self->facets, self->state, G_LIST_MODEL (self->store), get_organizations (self));
}

static gboolean
facets_refresh_idle (gpointer user_data)
{
  AtlasWindow *self = user_data;

  if (gtk_widget_get_visible (GTK_WIDGET (self->facets_popover)))
    facets_shown_cb (self);
  return G_SOURCE_REMOVE;
}

/* The timeline's brush filters the other views by time */
static void
brush_changed_cb (AtlasWindow *self)
{
  AtlasTimeline *timeline = get_timeline (self);
  g_autoptr(AtlasViewState) state = NULL;

  if (self->applying_state)
    return;

  state = atlas_view_state_copy (self->state);
  if (atlas_timeline_get_has_brush (timeline))
    {
      state->from = day_to_date (atlas_timeline_get_brush_start (timeline));
      /* The brush ends at the start of the day after its last */
      state->to = day_to_date (MAX (atlas_timeline_get_brush_end (timeline) - 1,
                                    atlas_timeline_get_brush_start (timeline)));
    }
  else
    state->from = state->to = (AtlasDate) { 0 };

  _atlas_window_set_filter (self, state);
}

/* Clicking a country on the map filters by it; clicking it again, or
 * Escape, clears that */
static void
map_country_changed_cb (AtlasWindow *self)
{
  const char *code = atlas_world_map_get_selected_country (self->world_map);
  g_autoptr(AtlasViewState) state = NULL;

  if (self->applying_state)
    return;

  state = atlas_view_state_copy (self->state);
  g_strfreev (state->countries);
  state->countries = NULL;
  if (code != NULL)
    {
      state->countries = g_new0 (char *, 2);
      state->countries[0] = g_strdup (code);
    }

  _atlas_window_set_filter (self, state);
}

static void
filter_country_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(AtlasViewState) state = atlas_view_state_copy (self->state);
  const char *code = g_variant_get_string (parameter, NULL);

  g_strfreev (state->countries);
  state->countries = g_new0 (char *, 2);
  state->countries[0] = g_strdup (code);
  _atlas_window_set_filter (self, state);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
filtered_items_changed_cb (AtlasWindow *self)
{
  update_filter_counts (self);
}


/* The whole view as a string to share */

static const char * const lane_names[] = { "kind", "country", "organization" };

/**
 * atlas_window_dup_view_state:
 *
 * Returns: (transfer full): what the window shows: its filters, the
 *   selected record, the timeline's lanes and time, the map's extent
 */
AtlasViewState *
atlas_window_dup_view_state (AtlasWindow *self)
{
  AtlasViewState *state;
  AtlasPartnership *record;
  AtlasTimeline *timeline;
  ShumateViewport *viewport;
  guint lanes;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  state = atlas_view_state_copy (self->state);
  timeline = get_timeline (self);

  record = gtk_single_selection_get_selected_item (self->selection);
  if (record != NULL)
    state->record = g_strdup (atlas_partnership_get_id (record));

  lanes = atlas_timeline_pane_get_lanes (self->timeline_pane);
  if (lanes < G_N_ELEMENTS (lane_names))
    state->lanes = g_strdup (lane_names[lanes]);

  if (atlas_timeline_get_visible_end (timeline) > atlas_timeline_get_visible_start (timeline))
    {
      state->time_start = atlas_timeline_get_visible_start (timeline);
      state->time_end = atlas_timeline_get_visible_end (timeline);
    }

  viewport = atlas_world_map_get_viewport (self->world_map);
  if (viewport != NULL)
    {
      state->has_map = TRUE;
      state->map_latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      state->map_longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      state->map_zoom = shumate_viewport_get_zoom_level (viewport);
    }

  return state;
}

/**
 * atlas_window_set_view_state:
 *
 * Shows @state: its filters, selection, lanes, time and map extent.
 * Before a file is open, it is kept and shown once the file is.
 */
void
atlas_window_set_view_state (AtlasWindow          *self,
                             const AtlasViewState *state)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (state != NULL);

  if (atlas_window_is_busy (self) || atlas_store_get_file (self->store) == NULL)
    {
      g_clear_pointer (&self->pending_view, atlas_view_state_free);
  g_clear_pointer (&self->view_before, atlas_view_state_free);
  g_clear_pointer (&self->playback, atlas_playback_free);
  g_clear_pointer (&self->playback_base, atlas_view_state_free);
      self->pending_view = atlas_view_state_copy (state);
      return;
    }

  _atlas_window_set_filter (self, state);

  for (guint i = 0; state->lanes != NULL && i < G_N_ELEMENTS (lane_names); i++)
    if (g_str_equal (state->lanes, lane_names[i]))
      atlas_timeline_pane_set_lanes (self->timeline_pane, i);

  if (state->time_end > state->time_start && state->time_start > 0)
    atlas_timeline_set_visible_range (get_timeline (self), state->time_start, state->time_end);

  if (state->has_map)
    {
      ShumateViewport *viewport = atlas_world_map_get_viewport (self->world_map);

      shumate_location_set_location (SHUMATE_LOCATION (viewport), state->map_latitude, state->map_longitude);
      shumate_viewport_set_zoom_level (viewport, state->map_zoom);
    }

  if (state->record != NULL)
    {
      GListModel *shown = G_LIST_MODEL (self->filter_model);

      for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
        {
          g_autoptr(AtlasPartnership) p = g_list_model_get_item (shown, i);

          if (g_str_equal (atlas_partnership_get_id (p), state->record))
            {
              gtk_single_selection_set_selected (self->selection, i);
              atlas_record_list_scroll_to (self->record_list, i);
              break;
            }
        }
    }
}

static void
copy_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(AtlasViewState) state = atlas_window_dup_view_state (self);
  g_autofree char *text = atlas_view_state_to_string (state);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Link to this view copied")));
}

static void
go_to_view_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        AtlasWindow      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(AtlasViewState) state = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "go") != 0)
    return;

  state = atlas_view_state_parse (gtk_editable_get_text (entry), &error);
  if (state == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  atlas_window_set_view_state (self, state);
}

static void
view_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasViewState) state = atlas_view_state_parse (gtk_editable_get_text (entry), &error);
  GtkLabel *message = g_object_get_data (G_OBJECT (dialog), "message");

  adw_message_dialog_set_response_enabled (dialog, "go", state != NULL);
  gtk_label_set_label (message, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (message), error != NULL);
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkEditable) entry = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);

  if (text != NULL && g_str_has_prefix (g_strstrip (text), ATLAS_VIEW_SCHEME "://") &&
      *gtk_editable_get_text (entry) == '\0')
    gtk_editable_set_text (entry, text);
}

static void
go_to_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  GtkWidget *dialog, *box, *entry, *message;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Go to a View"),
                                   _("Paste a link to a view of Space Atlas: its filters, "
                                     "selection, timeline and map."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "space-atlas://view?…");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "field-error");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "go", _("_Go"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "go", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "go");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "go", FALSE);

  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_signal_connect (entry, "changed", G_CALLBACK (view_entry_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (go_to_view_response_cb), self, 0);

  /* A link just copied is the likely one */
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_text_cb,
                                 g_object_ref (entry));

  gtk_window_present (GTK_WINDOW (dialog));
}


/* Presenting: full screen, playback through time, saved views as slides */

static const double speeds[] = { 0.5, 1, 2, 5, 10 };

static void
show_caption (AtlasWindow      *self,
              const char       *title,
              const char       *text)
{
  gtk_label_set_label (self->caption_title, title ? title : "");
  gtk_label_set_label (self->caption_text, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption_news), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->caption_text), text != NULL && *text != '\0');
  gtk_revealer_set_reveal_child (self->caption_revealer, title != NULL);
}

static void
show_record_caption (AtlasWindow      *self,
                     AtlasPartnership *record)
{
  g_autofree char *period = NULL;
  g_autofree char *partners = NULL;
  g_autofree char *text = NULL;

  if (record == NULL)
    {
      show_caption (self, NULL, NULL);
      return;
    }

  period = atlas_partnership_format_period (record);
  partners = atlas_countries_format_list (atlas_partnership_get_countries (record));
  /* Translators: the caption under a record's title while presenting:
   * when, the partners, then the summary */
  text = g_strdup_printf (_("%s · %s\n%s"), period, partners, atlas_partnership_get_summary (record));
  show_caption (self, atlas_partnership_get_title (record), text);
}

static void
show_year (AtlasWindow *self,
           int          year)
{
  g_autofree char *text = g_strdup_printf ("%d", year);

  gtk_label_set_label (self->year_label, text);
}

/* The filters playback shows: the presenter's own, up to the day reached */
static void
apply_playback_day (AtlasWindow *self)
{
  g_autoptr(AtlasViewState) state = atlas_view_state_copy (self->playback_base);
  AtlasPartnership *current = atlas_playback_get_current_record (self->playback);

  if (current != NULL)
    state->to = *atlas_partnership_get_start (current);
  else
    {
      /* Nothing reached yet: a day before anything */
      atlas_date_init (&state->to, 1, 1, 1);
    }

  /* A later start already in the filter wins: keep what was chosen */
  if (atlas_date_is_set (&self->playback_base->to) &&
      atlas_date_compare (&self->playback_base->to, &state->to) < 0)
    state->to = self->playback_base->to;

  _atlas_window_set_filter (self, state);
}

/* The timeline keeps the sweep in view: the last twenty years or so up
 * to it, the present moment near the right */
static void
follow_sweep (AtlasWindow *self)
{
  double day = atlas_playback_get_day (self->playback);
  double span = MIN (20 * 365.25, MAX (5 * 365.25, atlas_playback_get_last_day (self->playback) -
                                                   atlas_playback_get_first_day (self->playback)));

  atlas_timeline_set_visible_range (get_timeline (self), day - span * 0.8, day + span * 0.2);
}

static void
update_playback_status (AtlasWindow *self)
{
  g_autofree char *status = NULL;
  gboolean playing = self->tick_id != 0;

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  if (self->playback != NULL)
    /* Translators: while presenting: how many partner countries the
     * sweep has met so far, and how many records */
    status = g_strdup_printf (_("%u partner countries · %u of %u records"),
                              atlas_playback_get_n_countries_seen (self->playback),
                              g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)),
                              atlas_playback_get_n_records (self->playback));
  gtk_label_set_label (self->playback_status, status ? status : "");
}

static void
handle_playback_events (AtlasWindow *self,
                        GArray      *events)
{
  gboolean reached = FALSE;
  g_autoptr(GPtrArray) new_codes = g_ptr_array_new ();

  for (guint i = 0; i < events->len; i++)
    {
      AtlasPlaybackEvent *event = &g_array_index (events, AtlasPlaybackEvent, i);

      switch (event->kind)
        {
        case ATLAS_PLAYBACK_EVENT_YEAR:
          show_year (self, event->year);
          break;

        case ATLAS_PLAYBACK_EVENT_RECORD:
          reached = TRUE;
          show_record_caption (self, event->record);
          break;

        case ATLAS_PLAYBACK_EVENT_COUNTRY:
          g_ptr_array_add (new_codes, (gpointer) event->country);
          break;

        case ATLAS_PLAYBACK_EVENT_END:
        default:
          break;
        }
    }

  if (reached)
    {
      apply_playback_day (self);

      /* The map joins the partners of the record just reached */
      {
        AtlasPartnership *current = atlas_playback_get_current_record (self->playback);
        GListModel *shown = G_LIST_MODEL (self->filter_model);

        for (guint i = 0; current != NULL && i < g_list_model_get_n_items (shown); i++)
          {
            g_autoptr(AtlasPartnership) p = g_list_model_get_item (shown, i);

            if (p == current)
              {
                gtk_single_selection_set_selected (self->selection, i);
                break;
              }
          }
      }
    }

  /* Partners met for the first time draw the eye on the map, and are
   * named */
  if (new_codes->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *text = NULL;
      AdwToast *toast;

      g_ptr_array_add (new_codes, NULL);
      atlas_world_map_pulse_countries (self->world_map, (const char * const *) new_codes->pdata);

      names = atlas_countries_format_list ((const char * const *) new_codes->pdata);
      /* Translators: while presenting, the partners met for the first time */
      text = g_strdup_printf (_("New partners: %s"), names);

      /* Above the record that brings them, when its caption shows;
       * else for a moment, over the views */
      if (gtk_revealer_get_reveal_child (self->caption_revealer))
        {
          gtk_label_set_label (self->caption_news, text);
          gtk_widget_set_visible (GTK_WIDGET (self->caption_news), TRUE);
        }
      else
        {
          toast = adw_toast_new (text);
          adw_toast_set_timeout (toast, 2);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }

  update_playback_status (self);
}

static gboolean
playback_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double seconds = self->last_frame_time ? (now - self->last_frame_time) / (double) G_USEC_PER_SEC : 0;
  g_autoptr(GArray) events = NULL;

  self->last_frame_time = now;

  /* A stall (the window hidden, a debugger) is not a leap in time */
  seconds = MIN (seconds, 0.1);

  events = atlas_playback_advance (self->playback, seconds);
  follow_sweep (self);
  handle_playback_events (self, events);

  if (atlas_playback_is_finished (self->playback))
    {
      self->tick_id = 0;
      update_playback_status (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
ensure_playback (AtlasWindow *self)
{
  if (self->playback != NULL)
    return;

  /* The sweep goes through what the presenter's filters show */
  g_clear_pointer (&self->playback_base, atlas_view_state_free);
  self->playback_base = atlas_view_state_copy (self->state);
  self->playback = atlas_playback_new (G_LIST_MODEL (self->filter_model));
  show_year (self, atlas_playback_get_year (self->playback));
  apply_playback_day (self);
  follow_sweep (self);
}

/**
 * _atlas_window_get_playback:
 *
 * Returns: (nullable): the sweep through time, while there is one
 */
AtlasPlayback *
_atlas_window_get_playback (AtlasWindow *self)
{
  return self->playback;
}

/**
 * _atlas_window_get_caption_news:
 *
 * Returns: (nullable): what the presentation caption says of partners
 *   met for the first time, or %NULL when it says nothing
 */
const char *
_atlas_window_get_caption_news (AtlasWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->caption_revealer) ||
      !gtk_widget_get_visible (GTK_WIDGET (self->caption_news)))
    return NULL;

  return gtk_label_get_label (self->caption_news);
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
      update_playback_status (self);
      return;
    }

  ensure_playback (self);
  if (atlas_playback_is_finished (self->playback))
    {
      atlas_playback_rewind (self->playback);
      show_record_caption (self, NULL);
      apply_playback_day (self);
    }

  atlas_playback_set_speed (self->playback, speeds[MIN (gtk_drop_down_get_selected (self->speed_dropdown),
                                                        G_N_ELEMENTS (speeds) - 1)]);
  self->last_frame_time = 0;
  self->tick_id = gtk_widget_add_tick_callback (widget, playback_tick_cb, NULL, NULL);
  update_playback_status (self);
}

static void
step (AtlasWindow *self,
      int          direction)
{
  g_autoptr(GArray) events = NULL;

  ensure_playback (self);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  events = atlas_playback_step (self->playback, direction);
  show_year (self, atlas_playback_get_year (self->playback));
  handle_playback_events (self, events);
  if (direction < 0)
    apply_playback_day (self);
  follow_sweep (self);
  update_playback_status (self);
}

static void
step_forward_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step (ATLAS_WINDOW (widget), 1);
}

static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  step (ATLAS_WINDOW (widget), -1);
}

static void
speed_changed_cb (AtlasWindow *self)
{
  if (self->playback != NULL)
    atlas_playback_set_speed (self->playback,
                              speeds[MIN (gtk_drop_down_get_selected (self->speed_dropdown),
                                          G_N_ELEMENTS (speeds) - 1)]);
}

static void
stop_playback (AtlasWindow *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->playback, atlas_playback_free);
  g_clear_pointer (&self->playback_base, atlas_view_state_free);
  show_caption (self, NULL, NULL);
}

/* Saved views */

static GPtrArray *
read_saved_views (AtlasWindow *self)
{
  return atlas_saved_views_read (atlas_store_get_extra (self->store));
}

static void go_to_saved_view (AtlasWindow *self,
                              guint        index);

static void
remove_saved_view_clicked_cb (GtkButton   *button,
                              AtlasWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GPtrArray) views = read_saved_views (self);
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;

  if (index >= views->len)
    return;

  /* Translators: a change that can be undone; %s is a saved view's name */
  label = g_strdup_printf (_("Remove View “%s”"), ((AtlasSavedView *) views->pdata[index])->name);
  g_ptr_array_remove_index (views, index);
  extra = atlas_saved_views_write (atlas_store_get_extra (self->store), views);
  if (!atlas_history_set_extra (self->history, label, extra, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
update_saved_views (AtlasWindow *self)
{
  g_autoptr(GPtrArray) views = read_saved_views (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->views_list))) != NULL)
    gtk_list_box_remove (self->views_list, child);

  for (guint i = 0; i < views->len; i++)
    {
      AtlasSavedView *view = views->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), view->name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_label_new (number));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this view"));
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_saved_view_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (self->views_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->views_list), views->len > 0);
  gtk_widget_set_visible (self->views_empty, views->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-view", views->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-view", views->len > 0);
}

static void
saved_view_row_activated_cb (GtkListBox    *list,
                             GtkListBoxRow *row,
                             AtlasWindow   *self)
{
  go_to_saved_view (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index")));
  gtk_popover_popdown (self->views_popover);
}

/**
 * _atlas_window_save_view:
 * @name: what to call the view
 *
 * Saves the view shown under @name, as one undoable change.
 */
gboolean
_atlas_window_save_view (AtlasWindow  *self,
                         const char   *name,
                         GError      **error)
{
  g_autoptr(GPtrArray) views = read_saved_views (self);
  g_autoptr(AtlasViewState) state = atlas_window_dup_view_state (self);
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *label = NULL;
  AtlasSavedView *view;

  view = g_new0 (AtlasSavedView, 1);
  view->name = g_strstrip (g_strdup (name));
  view->link = atlas_view_state_to_string (state);
  /* Translators: a change that can be undone; %s is a saved view's name */
  label = g_strdup_printf (_("Save View “%s”"), view->name);
  g_ptr_array_add (views, view);

  extra = atlas_saved_views_write (atlas_store_get_extra (self->store), views);
  return atlas_history_set_extra (self->history, label, extra, error);
}

static void
save_view_cb (AtlasWindow *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->view_name_entry));
  g_autofree char *fallback = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = read_saved_views (self);

  if (*name == '\0')
    /* Translators: the name given to a saved view that was given none */
    name = fallback = g_strdup_printf (_("View %u"), views->len + 1);

  if (!_atlas_window_save_view (self, name, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->view_name_entry), "");
}

static void
go_to_saved_view (AtlasWindow *self,
                  guint        index)
{
  g_autoptr(GPtrArray) views = read_saved_views (self);
  g_autoptr(AtlasViewState) state = NULL;
  g_autoptr(GError) error = NULL;
  AtlasSavedView *view;

  if (index >= views->len)
    return;

  view = views->pdata[index];
  state = atlas_view_state_parse (view->link, &error);
  if (state == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  stop_playback (self);
  self->saved_view_index = index;
  atlas_window_set_view_state (self, state);

  /* While presenting, the view's name is its title, like a slide's */
  if (self->presenting)
    {
      /* Translators: a saved view's number, of how many, while presenting */
      g_autofree char *position = g_strdup_printf (_("View %u of %u"), index + 1, views->len);
      show_caption (self, view->name, position);
      gtk_widget_set_visible (GTK_WIDGET (self->year_label), FALSE);
    }
}

static void
next_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GPtrArray) views = read_saved_views (self);

  if (views->len == 0)
    return;
  go_to_saved_view (self, (self->saved_view_index + 1) % views->len);
}

static void
previous_view_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GPtrArray) views = read_saved_views (self);

  if (views->len == 0)
    return;
  go_to_saved_view (self, (self->saved_view_index + views->len - 1) % views->len);
}

/* Presentation mode */

/**
 * _atlas_window_set_presenting:
 *
 * Enters or leaves presentation mode: full screen, no chrome, larger
 * type, dark; leaving restores the window and its view as they were.
 */
void
_atlas_window_set_presenting (AtlasWindow *self,
                              gboolean     presenting)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (self->presenting == !!presenting)
    return;

  self->presenting = !!presenting;

  if (presenting)
    {
      self->was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
      self->list_was_revealed = adw_flap_get_reveal_flap (self->list_flap);
      self->detail_was_revealed = adw_flap_get_reveal_flap (self->detail_flap);
      self->search_was_shown = gtk_search_bar_get_search_mode (self->search_bar);
      self->color_scheme_before = adw_style_manager_get_color_scheme (style);
      g_clear_pointer (&self->view_before, atlas_view_state_free);
      self->view_before = atlas_window_dup_view_state (self);

      gtk_widget_set_visible (self->header_bar, FALSE);
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->filter_revealer), FALSE);
      adw_flap_set_reveal_flap (self->list_flap, FALSE);
      adw_flap_set_reveal_flap (self->detail_flap, FALSE);
      gtk_revealer_set_reveal_child (self->playback_revealer, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->year_label), TRUE);
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        show_year (self, g_date_time_get_year (now));
      }
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      self->saved_view_index = -1;
      if (!self->was_fullscreen)
        gtk_window_fullscreen (GTK_WINDOW (self));
      update_playback_status (self);
    }
  else
    {
      stop_playback (self);

      gtk_widget_set_visible (self->header_bar, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->filter_revealer), TRUE);
      gtk_revealer_set_reveal_child (self->playback_revealer, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->year_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      if (ATLAS_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
        atlas_application_apply_style (ATLAS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      else
        adw_style_manager_set_color_scheme (style, self->color_scheme_before);
      adw_flap_set_reveal_flap (self->list_flap, self->list_was_revealed);
      adw_flap_set_reveal_flap (self->detail_flap, self->detail_was_revealed);
      gtk_search_bar_set_search_mode (self->search_bar, self->search_was_shown);
      if (self->view_before != NULL)
        {
          g_autoptr(AtlasViewState) before = g_steal_pointer (&self->view_before);
          atlas_window_set_view_state (self, before);
        }
      if (!self->was_fullscreen)
        gtk_window_unfullscreen (GTK_WINDOW (self));
    }
}

gboolean
_atlas_window_get_presenting (AtlasWindow *self)
{
  return self->presenting;
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  _atlas_window_set_presenting (self, !self->presenting);
}

/* While presenting, the keyboard drives the talk */
/* GTK 4.8's list view takes Tab from row to row, which would make a
 * keyboard user walk through every record to reach the map: Tab leaves
 * the list instead, and the arrow keys move within it.  The list is made
 * unfocusable for the move so that the window's focus chain skips its
 * rows. */
static gboolean
list_tab_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             AtlasWindow           *self)
{
  GtkWidget *list = GTK_WIDGET (self->record_list);
  GtkDirectionType direction;
  gboolean moved;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0 ?
              GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;

  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (self), direction);
  gtk_widget_set_can_focus (list, TRUE);

  return moved;
}

static gboolean
presentation_key_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     AtlasWindow           *self)
{
  if (!self->presenting || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.play", NULL);
      return TRUE;
    case GDK_KEY_Right:
      step (self, 1);
      return TRUE;
    case GDK_KEY_Left:
      step (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.next-view", NULL);
      return TRUE;
    case GDK_KEY_Page_Up:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.previous-view", NULL);
      return TRUE;
    case GDK_KEY_Escape:
      _atlas_window_set_presenting (self, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Records: new, edit, duplicate, delete */

static AtlasPartnership *
get_selected_record (AtlasWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
select_record (AtlasWindow *self,
               const char  *id)
{
  guint position;

  if (!atlas_store_find (self->store, id, &position))
    return;

  gtk_single_selection_set_selected (self->selection, position);
  atlas_record_list_scroll_to (self->record_list, position);
}

static void
editor_record_saved_cb (AtlasWindow *self,
                        const char  *id)
{
  select_record (self, id);
}

static void
editor_show_record_cb (AtlasWindow *self,
                       const char  *id)
{
  select_record (self, id);
  gtk_window_present (GTK_WINDOW (self));
}


static void
open_editor (AtlasWindow      *self,
             AtlasEditorMode   mode,
             AtlasPartnership *record)
{
  AtlasRecordEditor *editor;

  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  editor = atlas_record_editor_new (GTK_WINDOW (self), self->history, get_organizations (self), mode, record);
  g_signal_connect_object (editor, "record-saved", G_CALLBACK (editor_record_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "show-record", G_CALLBACK (editor_show_record_cb), self,
                           G_CONNECT_SWAPPED);

  self->editor = GTK_WIDGET (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &self->editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_editor (ATLAS_WINDOW (widget), ATLAS_EDITOR_MODE_NEW, NULL);
}

static void
edit_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasPartnership *record = get_selected_record (self);

  if (record != NULL)
    open_editor (self, ATLAS_EDITOR_MODE_EDIT, record);
}

static void
duplicate_record_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasPartnership *record = get_selected_record (self);

  if (record != NULL)
    open_editor (self, ATLAS_EDITOR_MODE_DUPLICATE, record);
}

static void
delete_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasPartnership *record = get_selected_record (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (record == NULL)
    return;

  title = g_strdup (atlas_partnership_get_title (record));
  if (!atlas_history_delete_record (self->history, atlas_partnership_get_id (record), &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  /* Translators: %s is the title of the record just deleted */
  toast = adw_toast_new_format (_("Deleted “%s”"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
record_activated_cb (AtlasRecordList *list,
                     guint            position,
                     AtlasWindow     *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  open_editor (self, ATLAS_EDITOR_MODE_EDIT, get_selected_record (self));
}

/* Undo and redo */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!atlas_history_undo (self->history, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!atlas_history_redo (self->history, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
update_history_menu (AtlasWindow *self)
{
  const char *undo = atlas_history_get_undo_label (self->history);
  const char *redo = atlas_history_get_redo_label (self->history);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  /* Translators: a menu item; %s says what would be undone, such as
   * Delete “CBERS” */
  undo_label = undo ? g_strdup_printf (_("_Undo %s"), undo) : g_strdup (_("_Undo"));
  /* Translators: a menu item; %s says what would be done again */
  redo_label = redo ? g_strdup_printf (_("_Redo %s"), redo) : g_strdup (_("_Redo"));

  g_menu_remove_all (self->history_section);
  g_menu_append (self->history_section, undo_label, "win.undo");
  g_menu_append (self->history_section, redo_label, "win.redo");
}

static void
update_actions (AtlasWindow *self)
{
  gboolean has_record = get_selected_record (self) != NULL;
  gboolean has_file = atlas_document_get_file (self->document) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-record", has_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-record", has_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-record", has_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-record", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", atlas_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", atlas_history_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_file && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_file && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-picture", has_file);
}

static void
history_changed_cb (AtlasWindow *self)
{
  update_history_menu (self);
  update_actions (self);
}

static void
modified_changed_cb (AtlasWindow *self)
{
  update_title (self);
}

/* Saving */

static void finish_pending (AtlasWindow *self);

static void
show_save_error (AtlasWindow *self,
                 GError      *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nYour changes are still here, not lost. Try saving "
                                    "them somewhere else."), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response::save-as", G_CALLBACK (save_as), self, G_CONNECT_SWAPPED);

  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));
  self->error_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  update_actions (self);

  if (!atlas_document_save_finish (ATLAS_DOCUMENT (object), result, &error))
    {
      /* Whatever was waiting for the save waits no more */
      g_clear_object (&self->pending_open);
      self->pending_close = FALSE;
      show_save_error (self, error);
      return;
    }

  remember_file (self, atlas_document_get_file (self->document));
  update_title (self);
  finish_pending (self);
}

static void
save_to (AtlasWindow *self,
         GFile       *file)
{
  self->saving = TRUE;
  update_actions (self);
  atlas_document_save_async (self->document, file, NULL, saved_cb, g_object_ref (self));
}

static void
overwrite_response_cb (AtlasWindow *self,
                       const char  *response)
{
  if (g_strcmp0 (response, "overwrite") == 0)
    save_to (self, NULL);
  else
    {
      g_clear_object (&self->pending_open);
      self->pending_close = FALSE;
    }
}

static void
save (AtlasWindow *self)
{
  GtkWidget *dialog;

  if (atlas_document_get_read_only (self->document))
    {
      save_as (self);
      return;
    }

  if (!atlas_document_get_changed_on_disk (self->document))
    {
      save_to (self, NULL);
      return;
    }

  /* Never overwrite someone else's changes without asking */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The File Changed on Disk"),
                                   _("Someone else changed the file since it was opened. Saving "
                                     "replaces their changes with yours (the file before is kept "
                                     "with the extension .bak)."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "overwrite", _("_Replace Their Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (overwrite_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_chooser_response_cb (AtlasWindow          *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->file_chooser);

  if (file == NULL)
    {
      g_clear_object (&self->pending_open);
      self->pending_close = FALSE;
      return;
    }

  save_to (self, file);
}

static void
save_as (AtlasWindow *self)
{
  g_autofree char *folder_path = g_build_filename (g_get_user_data_dir (), "space-atlas", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  GFile *current = atlas_document_get_file (self->document);
  g_autofree char *name = NULL;

  if (self->file_chooser != NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Save the Data Set"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  /* The bundled data set is read-only: offer the user's data folder */
  if (current == NULL || atlas_document_get_read_only (self->document))
    {
      g_mkdir_with_parents (folder_path, 0755);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->file_chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), "partnerships.json");
    }
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (current);

      name = g_file_get_basename (current);
      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->file_chooser), parent, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);
    }

  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (save_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ATLAS_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (ATLAS_WINDOW (widget));
}

/* Unsaved changes: asked about before closing or opening another file */

static void
finish_pending (AtlasWindow *self)
{
  if (self->pending_close)
    {
      self->pending_close = FALSE;
      self->closing_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (self->pending_open != NULL)
    {
      g_autoptr(GFile) file = g_steal_pointer (&self->pending_open);
      load_file (self, file);
    }
}

static gboolean
finish_pending_idle (gpointer user_data)
{
  finish_pending (user_data);
  return G_SOURCE_REMOVE;
}

static void
unsaved_response_cb (AtlasWindow *self,
                     const char  *response)
{
  self->question_dialog = NULL;

  if (g_strcmp0 (response, "save") == 0)
    save (self);
  else if (g_strcmp0 (response, "discard") == 0)
    {
      atlas_document_discard_recovery (self->document);
      atlas_history_clear (self->history);
      atlas_store_set_modified (self->store, FALSE);

      /* Not from within the dialog's response: closing the window now
       * would pull it from under the dialog */
      g_idle_add_full (G_PRIORITY_DEFAULT, finish_pending_idle, g_object_ref (self), g_object_unref);
    }
  else
    {
      g_clear_object (&self->pending_open);
      self->pending_close = FALSE;
    }
}

static void
ask_about_unsaved_changes (AtlasWindow *self)
{
  GFile *file = atlas_document_get_file (self->document);
  g_autofree char *name = get_display_name (file);
  GtkWidget *dialog;

  if (self->question_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->question_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  /* Translators: %s is the name of the data file */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has changes that are not saved. Changes that are not "
                                    "saved are lost."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, G_CONNECT_SWAPPED);

  self->question_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Recovery after a crash */

static void
recovery_response_cb (AtlasWindow *self,
                      const char  *response)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "recover") == 0)
    {
      if (!atlas_document_recover (self->document, &problems, &error))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }
  else if (g_strcmp0 (response, "discard") == 0)
    atlas_document_discard_recovery (self->document);
}

static void
offer_recovery (AtlasWindow *self)
{
  g_autoptr(GDateTime) when = atlas_document_find_recovery (self->document);
  g_autofree char *name = NULL;
  g_autofree char *time = NULL;
  GtkWidget *dialog;

  if (when == NULL)
    return;

  name = get_display_name (atlas_document_get_file (self->document));
  /* Translators: when unsaved changes were last kept, see g_date_time_format() */
  time = g_date_time_format (when, _("%-d %B %Y, %H:%M"));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Changes?"), NULL);
  /* Translators: the first %s is a file name, the second a date and time */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Space Atlas stopped before changes to “%s” were saved. "
                                    "They were kept on %s. Recovering them can be undone."),
                                  name, time);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Not Now"),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, G_CONNECT_SWAPPED);

  if (self->question_dialog == NULL)
    {
      self->question_dialog = dialog;
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->question_dialog);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The file changed on disk */

static void
changed_on_disk_cb (AtlasWindow *self)
{
  gboolean changed = atlas_document_get_changed_on_disk (self->document);

  if (changed)
    {
      g_autofree char *name = get_display_name (atlas_document_get_file (self->document));
      g_autofree char *text = NULL;

      /* Translators: %s is a file name */
      text = g_strdup_printf (_("“%s” was changed by another program."), name);
      gtk_label_set_label (self->disk_banner_label, text);
    }

  gtk_revealer_set_reveal_child (self->disk_banner, changed);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  GFile *file = atlas_document_get_file (self->document);

  gtk_revealer_set_reveal_child (self->disk_banner, FALSE);
  if (file != NULL)
    atlas_window_open (self, file);
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (ATLAS_WINDOW (widget)->disk_banner, FALSE);
}

/* The last file, opened again at the next start */

static void
remember_file (AtlasWindow *self,
               GFile       *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *uri = NULL;

  if (!ATLAS_IS_APPLICATION (app) || file == NULL)
    return;

  uri = g_file_get_uri (file);
  g_settings_set_string (atlas_application_get_settings (ATLAS_APPLICATION (app)), "last-file",
                         g_str_has_prefix (uri, "resource://") ? "" : uri);
}


/* Import and export */

static void
imported_cb (AtlasWindow *self,
             guint        n_changes)
{
  AdwToast *toast;

  /* Translators: after an import; it can be undone */
  toast = adw_toast_new_format (ngettext ("Imported %u record", "Imported %u records", n_changes),
                                n_changes);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_simple_error (AtlasWindow *self,
                   const char  *heading,
                   const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));
  self->error_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _atlas_window_import:
 *
 * Opens the import dialog for @file, as Import… does after choosing it.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
_atlas_window_import (AtlasWindow *self,
                      GFile       *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);
  AtlasImportDialog *dialog;
  AtlasFileFormat format;

  /* Not g_file_load_bytes (): a FIFO would hang it, /dev/zero fill memory */
  bytes = atlas_read_file (file, ATLAS_READ_FILE_NONE, NULL, NULL, NULL, &error);
  if (bytes == NULL)
    {
      show_simple_error (self, _("Could Not Import"), error->message);
      return NULL;
    }

  format = atlas_file_format_for_input (name, bytes);
  if (format == ATLAS_FILE_FORMAT_UNKNOWN || format == ATLAS_FILE_FORMAT_GEOJSON)
    {
      g_autofree char *body = NULL;

      /* Translators: %s is a file name */
      body = g_strdup_printf (_("“%s” is not a file Space Atlas can import: it imports CSV, "
                                "TimelineJS and Space Atlas data files."), name);
      show_simple_error (self, _("Could Not Import"), body);
      return NULL;
    }

  dialog = atlas_import_dialog_new (GTK_WINDOW (self), self->history, bytes, name, format);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
import_chooser_response_cb (AtlasWindow          *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->file_chooser);

  if (file != NULL)
    _atlas_window_import (self, file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->file_chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("CSV, TimelineJS and Space Atlas Files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->file_chooser = gtk_file_chooser_native_new (_("Import Records"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (import_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

/**
 * _atlas_window_export:
 * @format: the format, or %ATLAS_FILE_FORMAT_UNKNOWN to go by the
 *   file's extension
 *
 * Writes every record to @file, atomically, as Export… does.
 */
gboolean
_atlas_window_export (AtlasWindow      *self,
                      GFile            *file,
                      AtlasFileFormat   format,
                      GError          **error)
{
  g_autoptr(GPtrArray) records = atlas_store_dup_records (self->store);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);
  guint n_skipped = 0;

  if (format == ATLAS_FILE_FORMAT_UNKNOWN)
    format = atlas_file_format_for_output (name);
  if (format == ATLAS_FILE_FORMAT_UNKNOWN)
    format = ATLAS_FILE_FORMAT_CSV;

  bytes = atlas_convert_write (records, atlas_store_get_extra (self->store), format,
                               atlas_application_get_label_point_func (), NULL, &n_skipped);
  if (!atlas_save_bytes (file, bytes, ATLAS_SAVE_FLAGS_NONE, error))
    return FALSE;

  {
    /* Translators: %s is the name of the file written */
    AdwToast *toast = adw_toast_new_format (_("Exported to “%s”"), name);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
  return TRUE;
}

static void
export_chooser_response_cb (AtlasWindow          *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *choice = NULL;
  AtlasFileFormat format = ATLAS_FILE_FORMAT_UNKNOWN;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
      if (choice != NULL)
        format = atlas_file_format_from_name (choice);
    }

  g_clear_object (&self->file_chooser);

  if (file != NULL && !_atlas_window_export (self, file, format, &error))
    show_simple_error (self, _("Could Not Export"), error->message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  static const char *ids[] = { "csv", "timelinejs", "geojson", NULL };
  const char *labels[] = { _("CSV (spreadsheets)"), _("TimelineJS (web timelines)"),
                           _("GeoJSON (maps and GIS)"), NULL };

  if (self->file_chooser != NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Export Records"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->file_chooser), "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->file_chooser), "format", "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), "partnerships.csv");
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (export_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

/* A picture of the map and the timeline: PNG, SVG or PDF */
static void
export_picture_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (atlas_export_dialog_new (ATLAS_WINDOW (widget))));
}

/**
 * _atlas_window_add_toast:
 * @toast: (transfer full): what to say
 *
 * Shows @toast over the window's content.
 */
void
_atlas_window_add_toast (AtlasWindow *self,
                         AdwToast    *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Window state */

static void
restore_window_state (AtlasWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;
  int width, height;

  if (!ATLAS_IS_APPLICATION (app))
    return;

  settings = atlas_application_get_settings (ATLAS_APPLICATION (app));
  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (AtlasWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;
  int width, height;

  if (!ATLAS_IS_APPLICATION (app))
    return;

  settings = atlas_application_get_settings (ATLAS_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

/* The world map */

static char **
get_record_countries (AtlasPartnership *record,
                      gpointer          user_data)
{
  return g_strdupv ((char **) atlas_partnership_get_countries (record));
}

static char **
get_record_organizations (AtlasPartnership *record,
                          gpointer          user_data)
{
  return g_strdupv ((char **) atlas_partnership_get_organizations (record));
}

/* The map reads records through expressions, as a list view would */
static void
setup_world_map (AtlasWorldMap *map,
                 GtkSelectionModel *selection)
{
  g_autoptr(GtkExpression) countries = NULL;
  g_autoptr(GtkExpression) organizations = NULL;

  countries = gtk_cclosure_expression_new (G_TYPE_STRV, NULL, 0, NULL,
                                           G_CALLBACK (get_record_countries), NULL, NULL);
  organizations = gtk_cclosure_expression_new (G_TYPE_STRV, NULL, 0, NULL,
                                               G_CALLBACK (get_record_organizations), NULL, NULL);
  atlas_world_map_set_countries_expression (map, countries);
  atlas_world_map_set_organizations_expression (map, organizations);
  atlas_world_map_set_model (map, selection);

  g_object_bind_property (adw_style_manager_get_default (), "dark", map, "dark", G_BINDING_SYNC_CREATE);
}

/* Where organizations are, for the map's markers and hatching */
static void
set_map_organizations (AtlasWindow        *self,
                       AtlasOrganizations *organizations)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (organizations));

  atlas_world_map_clear_organizations (self->world_map);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasOrganization) organization = g_list_model_get_item (G_LIST_MODEL (organizations), i);

      atlas_world_map_set_organization (self->world_map,
                                        atlas_organization_get_id (organization),
                                        atlas_organization_get_name (organization),
                                        atlas_organization_get_headquarters (organization),
                                        atlas_organization_get_members (organization));
    }
}

/* The preference is the lanes a window starts with; each window may
 * then choose others, until the preference changes again */
static void
lanes_setting_changed_cb (AtlasWindow *self,
                          const char  *key,
                          GSettings   *settings)
{
  atlas_timeline_pane_set_lanes (self->timeline_pane, g_settings_get_enum (settings, "timeline-lanes"));
}

/* GtkWindow:application is not a construct property: it is set after
 * construction, and this is where the window learns its settings. */
static void
application_changed_cb (AtlasWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;

  if (!ATLAS_IS_APPLICATION (app))
    return;

  settings = atlas_application_get_settings (ATLAS_APPLICATION (app));
  restore_window_state (self);
  g_signal_connect_object (settings, "changed::timeline-lanes", G_CALLBACK (lanes_setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  lanes_setting_changed_cb (self, "timeline-lanes", settings);
  g_settings_bind (settings, "basemap", self->world_map, "basemap", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "map-palette", self->world_map, "palette", G_SETTINGS_BIND_GET);
  atlas_detail_pane_set_organizations (self->detail_pane,
                                       atlas_application_get_organizations (ATLAS_APPLICATION (app)));
  set_map_organizations (self, atlas_application_get_organizations (ATLAS_APPLICATION (app)));
}

/* GtkWindow */

static gboolean
atlas_window_close_request (GtkWindow *window)
{
  AtlasWindow *self = ATLAS_WINDOW (window);

  if (atlas_document_get_modified (self->document) && !self->closing_confirmed)
    {
      self->pending_close = TRUE;
      ask_about_unsaved_changes (self);
      return TRUE;
    }

  save_window_state (self);
  g_cancellable_cancel (self->load_cancellable);

  return GTK_WINDOW_CLASS (atlas_window_parent_class)->close_request (window);
}

/* GObject */

static void
atlas_window_dispose (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->state, atlas_view_state_free);
  g_clear_pointer (&self->pending_view, atlas_view_state_free);
  g_clear_object (&self->pending_open);
  self->store = NULL;
  self->history = NULL;
  g_clear_object (&self->document);

  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, atlas_window_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_class_init (AtlasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = atlas_window_dispose;
  object_class->get_property = atlas_window_get_property;
  window_class->close_request = atlas_window_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATLAS_TYPE_DETAIL_PANE);
  g_type_ensure (ATLAS_TYPE_FACETS);
  g_type_ensure (ATLAS_TYPE_FILTER_BAR);
  g_type_ensure (ATLAS_TYPE_RECORD_LIST);
  g_type_ensure (ATLAS_TYPE_STATS_VIEW);
  g_type_ensure (ATLAS_TYPE_TIMELINE_PANE);
  g_type_ensure (ATLAS_TYPE_WORLD_MAP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_banner);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_banner_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_banner_progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, list_flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, detail_flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, record_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, list_status);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, timeline_pane);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, world_map);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, history_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, facets_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, facets_popover);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, facets);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, stats_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, year_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, caption_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, caption_news);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, caption_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, caption_text);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, playback_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, playback_status);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, views_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, views_empty);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, view_name_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, views_popover);
  gtk_widget_class_bind_template_callback (widget_class, save_view_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, disk_banner);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, disk_banner_label);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "win.edit-record", NULL, edit_record_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-record", NULL, duplicate_record_action);
  gtk_widget_class_install_action (widget_class, "win.delete-record", NULL, delete_record_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.filter-country", "s", filter_country_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.copy-view", NULL, copy_view_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, step_forward_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_back_action);
  gtk_widget_class_install_action (widget_class, "win.next-view", NULL, next_view_action);
  gtk_widget_class_install_action (widget_class, "win.previous-view", NULL, previous_view_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-view", NULL, go_to_view_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.export-picture", NULL, export_picture_action);
}

static void
atlas_window_init (AtlasWindow *self)
{
  GtkEventController *shortcuts;
  GtkEventController *presentation_keys;
  GtkEventController *list_keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->document = atlas_document_new ();
  self->store = atlas_document_get_store (self->document);
  self->history = atlas_document_get_history (self->document);
  /* One filter feeds every view, through one selection */
  self->state = atlas_view_state_new ();
  self->filter = atlas_filter_new ();
  /* Not a GtkFilterListModel: each view reads every item a filter
   * change adds, and getting one from GTK 4.8's costs microseconds at
   * 100,000 records (see atlas-filter-list-model.c) */
  self->filter_model = atlas_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                    GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  atlas_record_list_set_model (self->record_list, self->selection);
  atlas_timeline_pane_set_model (self->timeline_pane, GTK_SELECTION_MODEL (self->selection));
  setup_world_map (self->world_map, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (store_items_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (modified_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::changed-on-disk", G_CALLBACK (changed_on_disk_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::load-progress", G_CALLBACK (load_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self->record_list, "activate", G_CALLBACK (record_activated_cb), self);

  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (filtered_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->facets, "changed", G_CALLBACK (facets_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->facets_popover, "show", G_CALLBACK (facets_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_timeline (self), "notify::has-brush", G_CALLBACK (brush_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (get_timeline (self), "notify::brush-start", G_CALLBACK (brush_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (get_timeline (self), "notify::brush-end", G_CALLBACK (brush_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->world_map, "notify::selected-country", G_CALLBACK (map_country_changed_cb),
                           self, G_CONNECT_SWAPPED);
  atlas_stats_view_set_model (self->stats_view, G_LIST_MODEL (self->filter_model));

  presentation_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (presentation_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (presentation_keys, "key-pressed", G_CALLBACK (presentation_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), presentation_keys);
  g_signal_connect_object (self->speed_dropdown, "notify::selected", G_CALLBACK (speed_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::extra", G_CALLBACK (update_saved_views), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self->views_list, "row-activated", G_CALLBACK (saved_view_row_activated_cb), self);
  update_saved_views (self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  /* Delete deletes the selected record, from the list only: text entries
   * elsewhere keep their Delete key */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete-record")));
  gtk_widget_add_controller (GTK_WIDGET (self->record_list), shortcuts);
  list_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (list_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (list_keys, "key-pressed", G_CALLBACK (list_tab_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->record_list), list_keys);
  update_history_menu (self);
  update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);

  gtk_stack_set_visible_child_name (self->main_stack, "empty");
}

/* Public API */

AtlasWindow *
atlas_window_new (AtlasApplication *application)
{
  return g_object_new (ATLAS_TYPE_WINDOW, "application", application, NULL);
}

/* Reads @file in the background; see atlas_window_open() */
static void
load_file (AtlasWindow *self,
           GFile       *file)
{
  LoadRequest *request;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  request = g_new0 (LoadRequest, 1);
  request->self = g_object_ref (self);
  request->file = g_object_ref (file);
  request->cancellable = g_object_ref (self->load_cancellable);

  {
    g_autofree char *name = get_display_name (file);
    /* Translators: the file's name, while it is read */
    g_autofree char *title = g_strdup_printf (_("Opening “%s”…"), name);

    adw_status_page_set_title (self->loading_page, title);
    gtk_label_set_label (self->load_banner_label, title);
  }
  gtk_progress_bar_set_fraction (self->loading_progress, 0.);
  gtk_progress_bar_set_text (self->loading_progress, NULL);
  gtk_progress_bar_set_fraction (self->load_banner_progress, 0.);

  if (atlas_store_get_file (self->store) == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  else
    gtk_revealer_set_reveal_child (self->load_banner, TRUE);

  set_busy (self, TRUE);
  atlas_document_load_async (self->document, file, self->load_cancellable, load_cb, request);
}


/**
 * atlas_window_open:
 * @file: a data file
 *
 * Reads @file in the background and shows it.  If it has problems, they
 * are shown and the window keeps what it had open.  Unsaved changes are
 * dealt with first: the curator is asked to save or discard them.
 */
void
atlas_window_open (AtlasWindow *self,
                   GFile       *file)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (atlas_document_get_modified (self->document))
    {
      g_set_object (&self->pending_open, file);
      ask_about_unsaved_changes (self);
      return;
    }

  load_file (self, file);
}

/**
 * atlas_window_get_store:
 *
 * Returns: (transfer none): the records shown
 */
AtlasStore *
atlas_window_get_store (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * atlas_window_is_busy:
 *
 * Returns: whether a file is being read
 */
gboolean
atlas_window_is_busy (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}

AtlasRecordList *
_atlas_window_get_record_list (AtlasWindow *self)
{
  return self->record_list;
}

GtkSingleSelection *
_atlas_window_get_selection (AtlasWindow *self)
{
  return self->selection;
}

GtkWidget *
_atlas_window_get_detail_pane (AtlasWindow *self)
{
  return GTK_WIDGET (self->detail_pane);
}

GtkWidget *
_atlas_window_get_error_dialog (AtlasWindow *self)
{
  return self->error_dialog;
}

GtkWidget *
_atlas_window_get_question_dialog (AtlasWindow *self)
{
  return self->question_dialog;
}

GtkWidget *
_atlas_window_get_editor (AtlasWindow *self)
{
  return self->editor;
}

AtlasDocument *
_atlas_window_get_document (AtlasWindow *self)
{
  return self->document;
}
