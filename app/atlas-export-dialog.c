/* atlas-export-dialog.c — a picture of the map and the timeline
 *
 * What to show (both views, the map or the timeline), in which format
 * (PNG, SVG, PDF) and how large (as shown, twice as large, or a width
 * and height), with a preview that follows each choice.  Export… asks
 * where to write; the picture is written atomically, and a toast in the
 * window says where it went.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-export-dialog"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "atlas-export-dialog.h"
#include "atlas-window-private.h"

/* The preview's largest size, in pixels */
#define PREVIEW_WIDTH 480
#define PREVIEW_HEIGHT 220

/* The rows of the size's choice */
enum {
  SIZE_AS_SHOWN,
  SIZE_DOUBLE,
  SIZE_CUSTOM,
};

struct _AtlasExportDialog
{
  AdwWindow             parent_instance;

  /* template children */
  GtkPicture           *preview;
  AdwComboRow          *views_row;
  AdwComboRow          *format_row;
  AdwComboRow          *size_row;
  GtkWidget            *width_row;
  GtkWidget            *height_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;

  AtlasWindow          *window;
  GtkFileChooserNative *chooser;
  guint                 preview_source;
};

G_DEFINE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ADW_TYPE_WINDOW)

/* Helpers */

static char *
dup_suggested_name (AtlasExportDialog *self,
                    AtlasExportFormat  format)
{
  GFile *file = atlas_store_get_file (atlas_window_get_store (self->window));
  g_autofree char *uri = file ? g_file_get_uri (file) : NULL;
  g_autofree char *base = NULL;
  char *dot;

  if (file == NULL || g_str_has_prefix (uri, "resource://"))
    base = g_strdup ("space-atlas");
  else
    {
      base = g_file_get_basename (file);
      if ((dot = strrchr (base, '.')) != NULL && dot != base)
        *dot = '\0';
    }

  return g_strdup_printf ("%s.%s", base, atlas_export_format_get_extension (format));
}

static void
update_size (AtlasExportDialog *self)
{
  AtlasExportOptions options;
  AtlasExportLayout layout;
  g_autofree char *text = NULL;
  int width, height;

  atlas_export_dialog_get_options (self, &options);
  atlas_export_compute_layout (self->window, &options, &layout);
  width = (int) ceil (layout.width * options.scale);
  height = (int) ceil (layout.height * options.scale);

  if (options.format == ATLAS_EXPORT_FORMAT_PDF)
    /* Translators: the size of a PDF page, in points (1/72 inch) */
    text = g_strdup_printf (_("%d × %d points"), width, height);
  else
    /* Translators: the size of a picture */
    text = g_strdup_printf (_("%d × %d pixels"), width, height);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->size_row), text);

  gtk_widget_set_sensitive (self->width_row, adw_combo_row_get_selected (self->size_row) == SIZE_CUSTOM);
  gtk_widget_set_sensitive (self->height_row, adw_combo_row_get_selected (self->size_row) == SIZE_CUSTOM);
}

static gboolean
update_preview_cb (gpointer user_data)
{
  AtlasExportDialog *self = user_data;
  AtlasExportOptions options;
  g_autoptr(GdkTexture) texture = NULL;

  self->preview_source = 0;

  /* A pixel of the texture is a pixel of the dialog: the picture is
   * as large as the texture, and its frame fits it */
  atlas_export_dialog_get_options (self, &options);
  texture = atlas_export_render_preview (self->window, &options, PREVIEW_WIDTH, PREVIEW_HEIGHT);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));

  return G_SOURCE_REMOVE;
}

static void
options_changed_cb (AtlasExportDialog *self)
{
  if (self->window == NULL)
    return;

  update_size (self);

  /* Once for a burst of changes, as a spin button's */
  if (self->preview_source == 0)
    self->preview_source = g_idle_add_full (G_PRIORITY_LOW, update_preview_cb, self, NULL);
}

static void
show_error (AtlasExportDialog *self,
            const char        *message)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the Picture"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
chooser_response_cb (AtlasExportDialog    *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    atlas_export_dialog_save (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (widget);
  AtlasExportOptions options;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  GtkStringObject *item;

  if (self->chooser != NULL)
    return;

  atlas_export_dialog_get_options (self, &options);
  name = dup_suggested_name (self, options.format);
  pattern = g_strdup_printf ("*.%s", atlas_export_format_get_extension (options.format));
  item = adw_combo_row_get_selected_item (self->format_row);
  gtk_file_filter_set_name (filter, item != NULL ? gtk_string_object_get_string (item) : NULL);
  gtk_file_filter_add_pattern (filter, pattern);

  self->chooser = gtk_file_chooser_native_new (_("Export Picture"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
atlas_export_dialog_dispose (GObject *object)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->window);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (atlas_export_dialog_parent_class)->dispose (object);
}

static void
atlas_export_dialog_class_init (AtlasExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, views_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, height_spin);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_export_dialog_init (AtlasExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * atlas_export_dialog_new:
 * @window: the window whose views to draw
 *
 * Returns: (transfer floating): a dialog, modal for @window
 */
GtkWidget *
atlas_export_dialog_new (AtlasWindow *window)
{
  AtlasExportDialog *self;
  AtlasExportOptions options;
  AtlasExportLayout layout;

  g_return_val_if_fail (ATLAS_IS_WINDOW (window), NULL);

  self = g_object_new (ATLAS_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);

  /* A size of one's own starts from the size on screen */
  atlas_export_options_init (&options);
  atlas_export_compute_layout (window, &options, &layout);
  gtk_spin_button_set_value (self->width_spin, layout.width);
  gtk_spin_button_set_value (self->height_spin, layout.height);

  options_changed_cb (self);
  return GTK_WIDGET (self);
}

/**
 * atlas_export_dialog_get_options:
 * @options: (out): what the dialog's choices say
 */
void
atlas_export_dialog_get_options (AtlasExportDialog  *self,
                                 AtlasExportOptions *options)
{
  g_return_if_fail (ATLAS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  atlas_export_options_init (options);
  options->views = MIN (adw_combo_row_get_selected (self->views_row), ATLAS_EXPORT_VIEWS_TIMELINE);
  options->format = MIN (adw_combo_row_get_selected (self->format_row), ATLAS_EXPORT_FORMAT_PDF);

  switch (adw_combo_row_get_selected (self->size_row))
    {
    case SIZE_DOUBLE:
      options->scale = 2.;
      break;

    case SIZE_CUSTOM:
      options->width = gtk_spin_button_get_value_as_int (self->width_spin);
      options->height = gtk_spin_button_get_value_as_int (self->height_spin);
      break;

    case SIZE_AS_SHOWN:
    default:
      break;
    }
}

/**
 * atlas_export_dialog_save:
 * @file: where to write the picture
 *
 * Does what Export… does once a file is chosen: writes the picture,
 * in the format @file's extension names (else the one chosen), then
 * closes the dialog and says where the picture went.  A problem is
 * shown, and the dialog stays.
 *
 * Returns: whether the picture was written
 */
gboolean
atlas_export_dialog_save (AtlasExportDialog *self,
                          GFile             *file)
{
  AtlasExportOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder_name = NULL;
  AdwToast *toast;

  g_return_val_if_fail (ATLAS_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  atlas_export_dialog_get_options (self, &options);
  atlas_export_format_for_name (name, &options.format);

  if (!atlas_export_save (self->window, &options, file, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  folder = g_file_get_parent (file);
  folder_name = folder ? g_file_get_basename (folder) : g_strdup ("/");
  /* Translators: after exporting a picture: its file's name, then its
   * folder's */
  toast = adw_toast_new_format (_("Picture saved as “%s” in “%s”"), name, folder_name);
  _atlas_window_add_toast (self->window, toast);

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
