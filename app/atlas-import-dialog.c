/* atlas-import-dialog.c — importing CSV, TimelineJS or another data file
 *
 * Two steps.  First the file is read, and read again whenever the
 * curator corrects the guessed meaning of a CSV column (or gives the
 * countries of TimelineJS events that name none): the dialog says how
 * many records are ready and lists every row with a problem, by line.
 * Rows with problems are skipped only when the curator presses a button
 * that says so ("Import 12, Skip 2").  Second, records whose id is
 * already in the data set with other content are listed, each to keep
 * or take.  Everything goes in as one undoable change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atlas-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-countries.h"
#include "atlas-csv.h"
#include "atlas-import-dialog.h"
#include "atlas-merge.h"
#include "atlas-timelinejs.h"

/* Problems listed before "and N more" */
#define MAX_PROBLEMS_SHOWN 200
/* Sample values shown under a column's name */
#define N_SAMPLES 3

struct _AtlasImportDialog
{
  AdwWindow        parent_instance;

  /* template children */
  AdwWindowTitle  *window_title;
  GtkWidget       *import_button;
  GtkStack        *stack;
  GtkWidget       *columns_group;
  GtkWidget       *countries_group;
  AdwEntryRow     *countries_row;
  AdwActionRow    *ready_row;
  AdwExpanderRow  *problems_row;
  GtkLabel        *problems_label;
  GtkListBox      *conflicts_list;

  AtlasHistory    *history;
  GBytes          *contents;
  char            *file_name;
  AtlasFileFormat  format;
  AtlasCsvField   *mapping;
  guint            n_columns;
  GPtrArray       *column_rows;   /* AdwComboRow, one per CSV column */

  GPtrArray       *records;       /* what the last reading gave */
  GPtrArray       *problems;
  guint            n_skipped;
  AtlasMergePlan  *plan;
};

G_DEFINE_FINAL_TYPE (AtlasImportDialog, atlas_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading */

static GHashTable *
taken_ids (AtlasImportDialog *self)
{
  AtlasStore *store = atlas_history_get_store (self->history);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(AtlasPartnership) p = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_hash_table_add (ids, g_strdup (atlas_partnership_get_id (p)));
    }

  return ids;
}

/* "CN, fr; Brazil" → CN, FR, BR: codes or names, as the CSV importer
 * takes them */
static char **
parse_countries (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,;]", text ? text : "", 0, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (parts[i]));
      g_autofree char *suggestion = NULL;
      const char *code = NULL;

      if (*item == '\0')
        continue;

      if (atlas_countries_is_known (item))
        code = item;
      else if ((code = atlas_countries_lookup_name (item)) == NULL &&
               (suggestion = atlas_countries_suggest (item)) != NULL)
        code = suggestion;

      if (code != NULL)
        g_strv_builder_add (builder, code);
    }

  return g_strv_builder_end (builder);
}

static void
show_result (AtlasImportDialog *self)
{
  guint n_ready = self->records ? self->records->len : 0;
  g_autofree char *ready = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *button = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_problems = self->problems ? self->problems->len : 0;

  /* Translators: how many records of the file can be imported */
  ready = g_strdup_printf (ngettext ("%u record is ready to import",
                                     "%u records are ready to import", n_ready), n_ready);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ready_row), ready);

  gtk_widget_set_visible (GTK_WIDGET (self->problems_row), n_problems > 0);
  if (n_problems > 0)
    {
      skipped = g_strdup_printf (ngettext ("%u row has problems and can only be skipped",
                                           "%u rows have problems and can only be skipped",
                                           self->n_skipped), self->n_skipped);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problems_row), skipped);
      adw_expander_row_set_subtitle (self->problems_row, _("Fix them in the file and import again, "
                                                           "or import without them"));

      for (guint i = 0; i < n_problems && i < MAX_PROBLEMS_SHOWN; i++)
        {
          g_autofree char *line = atlas_problem_to_string (self->problems->pdata[i], self->file_name);
          g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
        }
      if (n_problems > MAX_PROBLEMS_SHOWN)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, ngettext ("… and %u more problem", "… and %u more problems",
                                                  n_problems - MAX_PROBLEMS_SHOWN),
                                  n_problems - MAX_PROBLEMS_SHOWN);
        }
    }
  gtk_label_set_label (self->problems_label, text->str);

  /* The button says what pressing it does, skipping included */
  if (self->n_skipped > 0)
    /* Translators: the import button; consent to skip the rows with problems */
    button = g_strdup_printf (ngettext ("_Import %u, Skip %u", "_Import %u, Skip %u", n_ready),
                              n_ready, self->n_skipped);
  else
    button = g_strdup_printf (ngettext ("_Import %u", "_Import %u", n_ready), n_ready);
  gtk_button_set_label (GTK_BUTTON (self->import_button), button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", atlas_import_dialog_can_import (self));
}

static void
read_file (AtlasImportDialog *self)
{
  g_autoptr(GHashTable) taken = taken_ids (self);
  g_autoptr(JsonObject) extra = NULL;

  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  switch (self->format)
    {
    case ATLAS_FILE_FORMAT_CSV:
      atlas_csv_import (self->contents, self->mapping, self->n_columns, taken,
                        &self->records, &self->problems);
      break;

    case ATLAS_FILE_FORMAT_TIMELINEJS:
      {
        g_auto(GStrv) countries = parse_countries (gtk_editable_get_text (GTK_EDITABLE (self->countries_row)));

        atlas_timelinejs_import (self->contents, (const char * const *) countries, taken,
                                 &self->records, &extra, &self->problems);
      }
      break;

    case ATLAS_FILE_FORMAT_SPACE_ATLAS:
    case ATLAS_FILE_FORMAT_GEOJSON:
    case ATLAS_FILE_FORMAT_UNKNOWN:
    default:
      self->records = atlas_convert_read (self->contents, self->format, &extra, &self->problems);
      break;
    }

  self->n_skipped = self->problems ? atlas_problems_count_records (self->problems) : 0;
  show_result (self);
}

/* CSV columns */

static void
column_changed_cb (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   AtlasImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint field = adw_combo_row_get_selected (row);

  if (self->mapping[column] == (AtlasCsvField) field)
    return;

  /* A field comes from one column: the column that had it gives it up */
  for (guint i = 0; i < self->n_columns && field != ATLAS_CSV_FIELD_IGNORE; i++)
    {
      if (i != column && self->mapping[i] == (AtlasCsvField) field)
        {
          self->mapping[i] = ATLAS_CSV_FIELD_IGNORE;
          g_signal_handlers_block_by_func (self->column_rows->pdata[i], column_changed_cb, self);
          adw_combo_row_set_selected (self->column_rows->pdata[i], ATLAS_CSV_FIELD_IGNORE);
          g_signal_handlers_unblock_by_func (self->column_rows->pdata[i], column_changed_cb, self);
        }
    }

  self->mapping[column] = field;
  read_file (self);
}

static char *
column_samples (GPtrArray *rows,
                guint      column)
{
  g_autoptr(GString) samples = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; rows != NULL && i < rows->len && shown < N_SAMPLES; i++)
    {
      AtlasCsvRow *row = rows->pdata[i];
      const char *cell;

      if (row->number == 0 || column >= g_strv_length (row->cells))
        continue;

      cell = row->cells[column];
      if (cell == NULL || *cell == '\0')
        continue;

      if (shown > 0)
        g_string_append (samples, " · ");
      g_string_append (samples, cell);
      shown++;
    }

  return g_string_free (g_steal_pointer (&samples), FALSE);
}

static void
setup_columns (AtlasImportDialog *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) header_problems = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_auto(GStrv) headers = NULL;

  headers = atlas_csv_read_headers (self->contents, &header_problems);
  rows = atlas_csv_parse (self->contents, &problems);
  if (headers == NULL)
    return;

  self->n_columns = g_strv_length (headers);
  self->mapping = atlas_csv_guess_mapping ((const char * const *) headers);

  for (guint f = 0; f < ATLAS_CSV_N_FIELDS; f++)
    gtk_string_list_append (labels, atlas_csv_field_get_label (f));

  for (guint i = 0; i < self->n_columns; i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      g_autofree char *samples = column_samples (rows, i);
      g_autofree char *title = NULL;

      /* Translators: a CSV column with no name in the header row; %u
       * counts from 1 */
      title = *headers[i] ? g_strdup (headers[i]) : g_strdup_printf (_("Column %u"), i + 1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (row, G_LIST_MODEL (labels));
      adw_combo_row_set_selected (row, self->mapping[i]);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (i));
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_changed_cb), self);

      g_ptr_array_add (self->column_rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->columns_group), GTK_WIDGET (row));
    }
}

static void
countries_changed_cb (AtlasImportDialog *self)
{
  read_file (self);
}

/* Conflicts */

static void
update_import_label_for_plan (AtlasImportDialog *self)
{
  guint n = atlas_merge_plan_get_n_changes (self->plan);
  g_autofree char *label = g_strdup_printf (ngettext ("_Import %u", "_Import %u", n), n);

  gtk_button_set_label (GTK_BUTTON (self->import_button), label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", atlas_import_dialog_can_import (self));
}

static GtkWidget *
make_conflict_row (AtlasImportDialog  *self,
                   AtlasMergeConflict *conflict)
{
  AtlasPartnership *mine = atlas_merge_conflict_get_mine (conflict);
  AtlasPartnership *theirs = atlas_merge_conflict_get_theirs (conflict);
  g_auto(GStrv) differences = atlas_merge_conflict_dup_differences (conflict);
  g_autofree char *joined = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *toggle;

  /* Members this version does not know are "extra" inside; say so */
  for (guint i = 0; differences[i] != NULL; i++)
    if (g_str_equal (differences[i], "extra"))
      {
        g_free (differences[i]);
        differences[i] = g_strdup (_("other information"));
      }
  joined = g_strjoinv (", ", differences);

  /* Translators: %s lists what differs: "title, countries" */
  subtitle = g_strdup_printf (_("%s · differs in %s"), atlas_partnership_get_id (mine), joined);
  if (g_strcmp0 (atlas_partnership_get_title (mine), atlas_partnership_get_title (theirs)) != 0)
    {
      /* Translators: the title of the record in the file imported */
      g_autofree char *more = g_strdup_printf (_("Imported as “%s”"), atlas_partnership_get_title (theirs));
      g_autofree char *both = g_strconcat (subtitle, "\n", more, NULL);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), atlas_partnership_get_title (mine));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Take the imported version"));
  g_object_bind_property (conflict, "take-theirs", toggle, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("Take theirs")));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  g_signal_connect_object (conflict, "notify::take-theirs", G_CALLBACK (update_import_label_for_plan),
                           self, G_CONNECT_SWAPPED);
  return row;
}

static gboolean
apply_plan (AtlasImportDialog  *self,
            GError            **error)
{
  guint n = atlas_merge_plan_get_n_changes (self->plan);

  if (!atlas_merge_plan_apply (self->plan, self->history, error))
    return FALSE;

  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, n);
  return TRUE;
}

/**
 * atlas_import_dialog_next:
 *
 * What the Import button does: from the first step, plans the merge and
 * either applies it or, when records conflict, shows them; from the
 * conflicts, applies the plan.
 *
 * Returns: %FALSE on error; the data set is then unchanged
 */
gboolean
atlas_import_dialog_next (AtlasImportDialog  *self,
                          GError            **error)
{
  GListModel *conflicts;
  AtlasStore *store;

  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), FALSE);

  store = atlas_history_get_store (self->history);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "conflicts") == 0)
    return apply_plan (self, error);

  if (self->records == NULL || self->records->len == 0)
    return TRUE;

  g_clear_object (&self->plan);
  self->plan = atlas_merge_plan_new (store, self->records);
  conflicts = atlas_merge_plan_get_conflicts (self->plan);

  if (g_list_model_get_n_items (conflicts) == 0)
    return apply_plan (self, error);

  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(AtlasMergeConflict) conflict = g_list_model_get_item (conflicts, i);
      gtk_list_box_append (self->conflicts_list, make_conflict_row (self, conflict));
    }

  update_import_label_for_plan (self);
  gtk_stack_set_visible_child_name (self->stack, "conflicts");
  return TRUE;
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
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gboolean was_conflicts = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "conflicts") == 0;

  if (!atlas_import_dialog_next (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Import"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Done unless there are conflicts to look at now */
  if (was_conflicts || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "conflicts") != 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
keep_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  atlas_merge_plan_set_take_theirs_all (ATLAS_IMPORT_DIALOG (widget)->plan, FALSE);
}

static void
take_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  atlas_merge_plan_set_take_theirs_all (ATLAS_IMPORT_DIALOG (widget)->plan, TRUE);
}

/* GObject */

static void
atlas_import_dialog_dispose (GObject *object)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->history);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->mapping, g_free);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_import_dialog_parent_class)->dispose (object);
}

static void
atlas_import_dialog_class_init (AtlasImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_import_dialog_dispose;

  /**
   * AtlasImportDialog::imported:
   * @n_changes: how many records were added or replaced
   */
  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, countries_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, countries_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, ready_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, problems_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, conflicts_list);
  gtk_widget_class_bind_template_callback (widget_class, countries_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.keep-all", NULL, keep_all_action);
  gtk_widget_class_install_action (widget_class, "import.take-all", NULL, take_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
atlas_import_dialog_init (AtlasImportDialog *self)
{
  self->column_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * atlas_import_dialog_new:
 * @contents: the file's contents
 * @file_name: the file's name, for messages
 * @format: what the file holds (atlas_file_format_for_input())
 */
AtlasImportDialog *
atlas_import_dialog_new (GtkWindow       *parent,
                         AtlasHistory    *history,
                         GBytes          *contents,
                         const char      *file_name,
                         AtlasFileFormat  format)
{
  AtlasImportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (ATLAS_IS_HISTORY (history), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->contents = g_bytes_ref (contents);
  self->file_name = g_strdup (file_name);
  self->format = format;

  /* Translators: %s is the name of the file imported */
  title = g_strdup_printf (_("Import “%s”"), file_name);
  adw_window_title_set_title (self->window_title, title);

  gtk_widget_set_visible (self->columns_group, format == ATLAS_FILE_FORMAT_CSV);
  gtk_widget_set_visible (self->countries_group, format == ATLAS_FILE_FORMAT_TIMELINEJS);

  if (format == ATLAS_FILE_FORMAT_CSV)
    setup_columns (self);

  read_file (self);
  return self;
}

guint
atlas_import_dialog_get_n_ready (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), 0);
  return self->records ? self->records->len : 0;
}

guint
atlas_import_dialog_get_n_skipped (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), 0);
  return self->n_skipped;
}

/**
 * atlas_import_dialog_set_column_field:
 *
 * Says what a CSV column holds, as choosing it in the dialog does.
 */
void
atlas_import_dialog_set_column_field (AtlasImportDialog *self,
                                      guint              column,
                                      guint              field)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column < self->column_rows->len);

  adw_combo_row_set_selected (self->column_rows->pdata[column], field);
}

/**
 * atlas_import_dialog_get_conflicts:
 *
 * Returns: (transfer none) (nullable): the records in conflict, once the
 *   merge is planned
 */
GListModel *
atlas_import_dialog_get_conflicts (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);
  return self->plan ? atlas_merge_plan_get_conflicts (self->plan) : NULL;
}

/**
 * atlas_import_dialog_can_import:
 *
 * Returns: whether the Import button does anything now
 */
gboolean
atlas_import_dialog_can_import (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), FALSE);

  if (self->plan != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "conflicts") == 0)
    return atlas_merge_plan_get_n_changes (self->plan) > 0;
  return self->records != NULL && self->records->len > 0;
}

/**
 * atlas_import_dialog_set_default_countries:
 * @text: country codes or names, separated by commas
 *
 * Gives the countries of TimelineJS events that name none, as typing
 * them in the dialog does.
 */
void
atlas_import_dialog_set_default_countries (AtlasImportDialog *self,
                                           const char        *text)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->countries_row), text ? text : "");
}
