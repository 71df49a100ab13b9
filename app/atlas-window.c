/* atlas-window.c — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-window"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-detail-pane.h"
#include "atlas-format.h"
#include "atlas-record-row.h"
#include "atlas-window-private.h"

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
  AdwFlap              *list_flap;
  AdwFlap              *detail_flap;
  GtkListView          *record_list;
  AtlasDetailPane      *detail_pane;

  AtlasStore           *store;
  GtkSingleSelection   *selection;
  GCancellable         *load_cancellable;
  GtkWidget            *error_dialog;
  GtkFileChooserNative *file_chooser;
};

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

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
  guint n_records;

  if (file == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Space Atlas"));
      return;
    }

  name = get_display_name (file);
  n_records = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  /* Translators: the window's subtitle: the file's name, then how many
   * records it holds */
  subtitle = g_strdup_printf (ngettext ("%s — %u record", "%s — %u records", n_records),
                              name, n_records);
  /* Translators: the window's title for the window manager: the file's
   * name, then the application's */
  title = g_strdup_printf (_("%s — Space Atlas"), name);

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (is_bundled (file))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title),
                                 _("The data set that comes with Space Atlas (read-only)"));
  else
    {
      g_autofree char *path = g_file_get_parse_name (file);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), path);
    }
}

static void
set_busy (AtlasWindow *self,
          gboolean     busy)
{
  gtk_spinner_set_spinning (self->loading_spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
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

  if (!atlas_store_load_finish (ATLAS_STORE (object), result, &problems, &error))
    {
      /* A later atlas_window_open() replaced this one */
      if (request->cancellable != self->load_cancellable ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->load_cancellable);
      gtk_stack_set_visible_child_name (self->main_stack,
                                        atlas_store_get_file (self->store) ? "content" : "empty");
      set_busy (self, FALSE);
      show_problems (self, file, problems, error);
      return;
    }

  g_clear_object (&self->load_cancellable);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
  update_title (self);
  set_busy (self, FALSE);
}

static void
selection_changed_cb (AtlasWindow *self)
{
  AtlasPartnership *record = gtk_single_selection_get_selected_item (self->selection);

  atlas_detail_pane_set_record (self->detail_pane, record);
  if (record != NULL)
    adw_flap_set_reveal_flap (self->detail_flap, TRUE);
}

static void
store_items_changed_cb (AtlasWindow *self)
{
  update_title (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, atlas_record_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  AtlasPartnership *record = gtk_list_item_get_item (item);
  AtlasRecordRow *row = ATLAS_RECORD_ROW (gtk_list_item_get_child (item));

  atlas_record_row_set_record (row, record);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, atlas_partnership_get_title (record),
                                  -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  atlas_record_row_set_record (ATLAS_RECORD_ROW (gtk_list_item_get_child (item)), NULL);
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

/* GtkWindow:application is not a construct property: it is set after
 * construction, and this is where the window learns its settings. */
static void
application_changed_cb (AtlasWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!ATLAS_IS_APPLICATION (app))
    return;

  restore_window_state (self);
  atlas_detail_pane_set_organizations (self->detail_pane,
                                       atlas_application_get_organizations (ATLAS_APPLICATION (app)));
}

/* GtkWindow */

static gboolean
atlas_window_close_request (GtkWindow *window)
{
  AtlasWindow *self = ATLAS_WINDOW (window);

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
  g_clear_object (&self->store);

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, list_flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, detail_flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, record_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, detail_pane);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
}

static void
atlas_window_init (AtlasWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = atlas_store_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->record_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->record_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (store_items_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);

  gtk_stack_set_visible_child_name (self->main_stack, "empty");
}

/* Public API */

AtlasWindow *
atlas_window_new (AtlasApplication *application)
{
  return g_object_new (ATLAS_TYPE_WINDOW, "application", application, NULL);
}

/**
 * atlas_window_open:
 * @file: a data file
 *
 * Reads @file in the background and shows it.  If it has problems, they
 * are shown and the window keeps what it had open.
 */
void
atlas_window_open (AtlasWindow *self,
                   GFile       *file)
{
  LoadRequest *request;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  request = g_new0 (LoadRequest, 1);
  request->self = g_object_ref (self);
  request->file = g_object_ref (file);
  request->cancellable = g_object_ref (self->load_cancellable);

  if (atlas_store_get_file (self->store) == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  set_busy (self, TRUE);
  atlas_store_load_async (self->store, file, self->load_cancellable, load_cb, request);
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

GtkListView *
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
