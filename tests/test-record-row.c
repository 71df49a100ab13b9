/* test-record-row.c — a row of the list of records under Xvfb: it
 * draws and exposes its record's title, when and kind, and partners;
 * it is as tall and as wide as the box of three labels it replaced, a
 * line wrapping onto a second one included; it measures a width once;
 * a change of font or direction measures and places it anew
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>

#include "atlas-record-row-private.h"

#define SHORT_TITLE "CSES"
#define LONG_TITLE "China–Brazil Earth Resources Satellite (CBERS) programme"
#define VERY_LONG_TITLE "Memorandum of understanding between the space agencies on cooperation " \
                        "in the peaceful uses of outer space, satellite data, training and more"

static AtlasPartnership *
make_record (const char         *title,
             const char * const *countries)
{
  AtlasPartnership *record = atlas_partnership_new ("test");
  AtlasDate start;

  g_assert_true (atlas_date_parse ("1988-07", &start, NULL));
  atlas_partnership_set_title (record, title);
  atlas_partnership_set_kind (record, ATLAS_KIND_JOINT_MISSION);
  atlas_partnership_set_start (record, &start);
  atlas_partnership_set_status (record, ATLAS_STATUS_ACTIVE);
  atlas_partnership_set_countries (record, countries);
  return record;
}

static const char * const two_countries[] = { "CN", "BR", NULL };
static const char * const many_countries[] = { "CN", "RU", "AU", "CA", "BR", "FR", "DE", "IT", "ES", "GB", NULL };
static const char * const no_countries[] = { NULL };

/* The box of labels the row replaced, as its template had it */
static GtkWidget *
label_new (const char *css_class,
           const char *other_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  if (other_class != NULL)
    gtk_widget_add_css_class (label, other_class);
  return label;
}

static GtkWidget *
labels_new (GtkLabel **labels)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 4);
  labels[ATLAS_RECORD_ROW_TITLE] = GTK_LABEL (label_new ("heading", NULL));
  gtk_label_set_width_chars (labels[ATLAS_RECORD_ROW_TITLE], 20);
  gtk_label_set_max_width_chars (labels[ATLAS_RECORD_ROW_TITLE], 40);
  labels[ATLAS_RECORD_ROW_WHEN] = GTK_LABEL (label_new ("caption", NULL));
  labels[ATLAS_RECORD_ROW_PARTNERS] = GTK_LABEL (label_new ("caption", "dim-label"));
  for (guint i = 0; i < ATLAS_RECORD_ROW_N_LINES; i++)
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (labels[i]));
  return box;
}

typedef struct
{
  GtkWidget      *window;
  AtlasRecordRow *row;
  GtkWidget      *labels_box;
  GtkLabel       *labels[ATLAS_RECORD_ROW_N_LINES];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->window = gtk_window_new ();
  fixture->row = ATLAS_RECORD_ROW (atlas_record_row_new ());
  fixture->labels_box = labels_new (fixture->labels);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->row));
  gtk_box_append (GTK_BOX (box), fixture->labels_box);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 300, 400);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
show_record (Fixture          *fixture,
             AtlasPartnership *record)
{
  atlas_record_row_set_record (fixture->row, record);
  for (guint i = 0; i < ATLAS_RECORD_ROW_N_LINES; i++)
    gtk_label_set_label (fixture->labels[i],
                         pango_layout_get_text (_atlas_record_row_get_layout (fixture->row, i)));

  /* Until the styles are computed and a frame drawn */
  for (guint i = 0; i < 20 || !gtk_widget_get_mapped (GTK_WIDGET (fixture->row)); i++)
    {
      g_assert_cmpuint (i, <, 5000);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static int
measure_height (GtkWidget *widget,
                int        width)
{
  int height;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  return height;
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(AtlasPartnership) record = make_record (LONG_TITLE, two_countries);
  g_autofree char *period = atlas_partnership_format_period (record);
  g_autofree char *when = g_strdup_printf ("%s · %s", period, atlas_kind_get_label (ATLAS_KIND_JOINT_MISSION));
  g_autofree char *description = g_strdup_printf ("%s\nChina, Brazil", when);
  char *error;

  g_assert_cmpstr (period, ==, "Since July 1988");
  atlas_record_row_set_record (fixture->row, record);
  g_assert_true (atlas_record_row_get_record (fixture->row) == record);

  g_assert_cmpstr (pango_layout_get_text (_atlas_record_row_get_layout (fixture->row, ATLAS_RECORD_ROW_TITLE)),
                   ==, LONG_TITLE);
  g_assert_cmpstr (pango_layout_get_text (_atlas_record_row_get_layout (fixture->row, ATLAS_RECORD_ROW_WHEN)),
                   ==, "Since July 1988 · Joint mission");
  g_assert_cmpstr (pango_layout_get_text (_atlas_record_row_get_layout (fixture->row, ATLAS_RECORD_ROW_PARTNERS)),
                   ==, "China, Brazil");

  /* Assistive technologies hear the title, then the other lines */
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->row),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, LONG_TITLE);
  g_assert_null (error);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->row),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  g_assert_null (error);

  /* Without partners, the description is the one line */
  {
    g_autoptr(AtlasPartnership) alone = make_record (SHORT_TITLE, no_countries);

    atlas_record_row_set_record (fixture->row, alone);
    g_assert_cmpstr (pango_layout_get_text (_atlas_record_row_get_layout (fixture->row, ATLAS_RECORD_ROW_PARTNERS)),
                     ==, "");
    error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->row),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, when);
    g_assert_null (error);
  }

  /* Unbound, it shows and says nothing */
  atlas_record_row_set_record (fixture->row, NULL);
  g_assert_null (atlas_record_row_get_record (fixture->row));
  for (guint i = 0; i < ATLAS_RECORD_ROW_N_LINES; i++)
    g_assert_cmpstr (pango_layout_get_text (_atlas_record_row_get_layout (fixture->row, i)), ==, "");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->row),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
}

/* A second line of title makes the row taller, by a line of title */
static void
test_wraps (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AtlasPartnership) short_record = make_record (SHORT_TITLE, two_countries);
  g_autoptr(AtlasPartnership) long_record = make_record (LONG_TITLE, two_countries);
  g_autoptr(AtlasPartnership) very_long_record = make_record (VERY_LONG_TITLE, many_countries);
  GtkWidget *row = GTK_WIDGET (fixture->row);
  PangoLayout *title = _atlas_record_row_get_layout (fixture->row, ATLAS_RECORD_ROW_TITLE);
  int one_line, two_lines, title_line;

  show_record (fixture, short_record);
  one_line = measure_height (row, 300);
  g_assert_cmpint (measure_height (row, 2000), ==, one_line);

  /* Drawn in the window, 300 pixels wide, the title takes two lines */
  show_record (fixture, long_record);
  g_assert_cmpint (pango_layout_get_line_count (title), ==, 2);
  pango_layout_get_pixel_size (title, NULL, &title_line);
  title_line /= 2;
  g_assert_cmpint (measure_height (row, 2000), ==, one_line);
  two_lines = measure_height (row, 300);
  g_assert_cmpint (two_lines, >, one_line);
  g_assert_cmpint (two_lines - one_line, >=, title_line - 1);
  g_assert_cmpint (two_lines - one_line, <=, title_line + 1);

  /* No more than two lines each, then an ellipsis; never measured
   * narrower than its minimum, the title's 20 characters */
  show_record (fixture, very_long_record);
  g_assert_cmpint (pango_layout_get_line_count (title), ==, 2);
  g_assert_true (pango_layout_is_ellipsized (title));
  g_assert_cmpint (measure_height (row, 300), >, two_lines);
  g_assert_cmpint (measure_height (row, 100), ==, measure_height (row, 300));
  g_assert_cmpint (pango_layout_get_line_count (title), ==, 2);
  g_assert_true (pango_layout_is_ellipsized (title));
}

/* As tall as the labels, at every width, and as wide */
static void
test_same_size_as_labels (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *titles[] = { SHORT_TITLE, LONG_TITLE, VERY_LONG_TITLE, "" };
  const char * const *countries[] = { two_countries, many_countries, no_countries };
  const int widths[] = { 120, 168, 200, 250, 292, 300, 350, 420, 520, 800 };
  int natural = -1;

  for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
    for (guint c = 0; c < G_N_ELEMENTS (countries); c++)
      {
        g_autoptr(AtlasPartnership) record = make_record (titles[t], countries[c]);
        int row_min, row_nat, labels_min, labels_nat;

        show_record (fixture, record);
        for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
          {
            int row_height = measure_height (GTK_WIDGET (fixture->row), widths[w]);
            int labels_height = measure_height (fixture->labels_box, widths[w]);

            if (row_height != labels_height)
              g_error ("“%s” with %u countries at %d: %d pixels tall, the labels %d",
                       titles[t], g_strv_length ((char **) countries[c]), widths[w],
                       row_height, labels_height);
          }

        gtk_widget_measure (GTK_WIDGET (fixture->row), GTK_ORIENTATION_HORIZONTAL, -1,
                            &row_min, &row_nat, NULL, NULL);
        gtk_widget_measure (fixture->labels_box, GTK_ORIENTATION_HORIZONTAL, -1,
                            &labels_min, &labels_nat, NULL, NULL);
        g_assert_cmpint (row_min, ==, labels_min);
        /* Naturally as wide as a title of 40 characters, whatever the
         * text: the labels' natural width, a title capped there, or
         * less when a caption is wider (the row wraps it) */
        g_test_message ("“%.10s…”, %u countries: %d, %d pixels wide at least, %d, %d naturally",
                        titles[t], g_strv_length ((char **) countries[c]), row_min, labels_min, row_nat, labels_nat);
        g_assert_cmpint (row_nat, >, row_min);
        if (natural < 0)
          natural = row_nat;
        g_assert_cmpint (row_nat, ==, natural);
        if (t == 1 && c == 0)
          {
            /* The long title, wider than 40 characters, with a short
             * caption: as wide as the labels, give or take a word */
            g_assert_cmpint (row_nat, >=, labels_nat);
            g_assert_cmpint (row_nat, <=, labels_nat + 60);
          }
      }
}

/* Measuring again for a width lays nothing out */
static void
test_measures_once (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AtlasPartnership) record = make_record (LONG_TITLE, many_countries);
  GtkWidget *row = GTK_WIDGET (fixture->row);
  guint serials[ATLAS_RECORD_ROW_N_LINES];
  int narrow, wide;

  show_record (fixture, record);
  narrow = measure_height (row, 200);
  wide = measure_height (row, 600);
  for (guint i = 0; i < ATLAS_RECORD_ROW_N_LINES; i++)
    serials[i] = pango_layout_get_serial (_atlas_record_row_get_layout (fixture->row, i));

  g_assert_cmpint (measure_height (row, 200), ==, narrow);
  g_assert_cmpint (measure_height (row, 600), ==, wide);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < ATLAS_RECORD_ROW_N_LINES; i++)
    g_assert_cmpuint (pango_layout_get_serial (_atlas_record_row_get_layout (fixture->row, i)), ==, serials[i]);
}

typedef struct
{
  guint   n_glyphs;
  GdkRGBA colors[8];
  guint   n_colors;
  float   min_x;
} Drawn;

static void
collect_text (GskRenderNode *node,
              float          x,
              Drawn         *drawn)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_text (gsk_container_node_get_child (node, i), x, drawn);
      break;
    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float dx = 0, dy = 0;

        g_assert_cmpint (gsk_transform_get_category (transform), >=, GSK_TRANSFORM_CATEGORY_2D_TRANSLATE);
        gsk_transform_to_translate (transform, &dx, &dy);
        collect_text (gsk_transform_node_get_child (node), x + dx, drawn);
      }
      break;
    case GSK_TEXT_NODE:
      {
        const GdkRGBA *color = gsk_text_node_get_color (node);
        gboolean known = FALSE;

        drawn->n_glyphs += gsk_text_node_get_num_glyphs (node);
        drawn->min_x = MIN (drawn->min_x, x + gsk_text_node_get_offset (node)->x);
        for (guint i = 0; i < drawn->n_colors; i++)
          known |= gdk_rgba_equal (&drawn->colors[i], color);
        if (!known && drawn->n_colors < G_N_ELEMENTS (drawn->colors))
          drawn->colors[drawn->n_colors++] = *color;
      }
      break;
    default:
      break;
    }
}

static Drawn
draw (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  Drawn drawn = { 0, .min_x = G_MAXFLOAT };

  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    collect_text (node, 0, &drawn);
  return drawn;
}

static guint
count_glyphs (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint n = 0;

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      /* Empty glyphs (a space where a line wraps) are not drawn */
      for (int i = 0; run != NULL && i < run->glyphs->num_glyphs; i++)
        if (run->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
          n++;
    }
  while (pango_layout_iter_next_run (iter));

  pango_layout_iter_free (iter);
  return n;
}

/* It draws its three lines, the last dimmed, and nothing unbound */
static void
test_draws (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AtlasPartnership) record = make_record (LONG_TITLE, many_countries);
  GtkWidget *row = GTK_WIDGET (fixture->row);
  guint n_glyphs = 0;
  GdkRGBA color;
  Drawn drawn;

  show_record (fixture, record);
  drawn = draw (row);
  for (guint i = 0; i < ATLAS_RECORD_ROW_N_LINES; i++)
    {
      PangoLayout *layout = _atlas_record_row_get_layout (fixture->row, i);

      g_assert_cmpint (pango_layout_get_line_count (layout), ==, i == ATLAS_RECORD_ROW_WHEN ? 1 : 2);
      n_glyphs += count_glyphs (layout);
    }
  g_assert_cmpuint (drawn.n_glyphs, ==, n_glyphs);
  g_assert_cmpfloat (drawn.min_x, >=, 4);
  g_assert_cmpfloat (drawn.min_x, <, 5);

  /* In the row's colour, the countries as dim as a .dim-label */
  gtk_style_context_get_color (gtk_widget_get_style_context (row), &color);
  g_assert_cmpuint (drawn.n_colors, ==, 2);
  g_assert_true (gdk_rgba_equal (&drawn.colors[0], &color));
  g_assert_cmpfloat_with_epsilon (drawn.colors[1].alpha, color.alpha * .55, 1e-3);

  atlas_record_row_set_record (fixture->row, NULL);
  g_assert_cmpuint (draw (row).n_glyphs, ==, 0);
}

/* A new font measures the row anew; right to left, the text ends at
 * the right */
static void
test_style_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autoptr(AtlasPartnership) record = make_record (SHORT_TITLE, two_countries);
  GtkWidget *row = GTK_WIDGET (fixture->row);
  int before, after, width, widest = 0;
  Drawn drawn;

  show_record (fixture, record);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &before, NULL, NULL);

  gtk_css_provider_load_from_data (provider, ".monospace-test { font-family: monospace; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (row, "monospace-test");
  show_record (fixture, record);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &after, NULL, NULL);
  g_assert_cmpint (after, !=, before);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));

  /* The widest line ends 4 pixels from the right, where it started 4
   * from the left */
  gtk_widget_set_direction (row, GTK_TEXT_DIR_RTL);
  show_record (fixture, record);
  width = gtk_widget_get_width (row);
  drawn = draw (row);
  for (guint i = 0; i < ATLAS_RECORD_ROW_N_LINES; i++)
    {
      PangoRectangle logical;

      pango_layout_get_pixel_extents (_atlas_record_row_get_layout (fixture->row, i), NULL, &logical);
      widest = MAX (widest, logical.width);
    }
  g_assert_cmpint (widest, <, width - 8);
  g_assert_cmpuint (drawn.n_glyphs, >, 0);
  g_assert_cmpfloat_with_epsilon (drawn.min_x, width - 4 - widest, 1.);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend, to read what the row exposes:
   * the test environment turns accessibility off */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/record-row/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/record-row/wraps", Fixture, NULL, fixture_set_up, test_wraps, fixture_tear_down);
  g_test_add ("/record-row/same-size-as-labels", Fixture, NULL,
              fixture_set_up, test_same_size_as_labels, fixture_tear_down);
  g_test_add ("/record-row/measures-once", Fixture, NULL, fixture_set_up, test_measures_once, fixture_tear_down);
  g_test_add ("/record-row/draws", Fixture, NULL, fixture_set_up, test_draws, fixture_tear_down);
  g_test_add ("/record-row/style-changes", Fixture, NULL, fixture_set_up, test_style_changes, fixture_tear_down);

  return g_test_run ();
}
