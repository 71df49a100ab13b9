/* atlas-export.h — pictures of the timeline and the map: PNG, SVG, PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atlas-application.h"
#include "atlas-window.h"

G_BEGIN_DECLS

/**
 * AtlasExportViews:
 * @ATLAS_EXPORT_VIEWS_BOTH: the map and the timeline, laid out as the
 *   window lays them out (stacked), or side by side in a wide picture
 * @ATLAS_EXPORT_VIEWS_MAP: the map alone
 * @ATLAS_EXPORT_VIEWS_TIMELINE: the timeline alone
 *
 * What a picture shows, under its caption.
 */
typedef enum
{
  ATLAS_EXPORT_VIEWS_BOTH,
  ATLAS_EXPORT_VIEWS_MAP,
  ATLAS_EXPORT_VIEWS_TIMELINE,
} AtlasExportViews;

/**
 * AtlasExportFormat:
 * @ATLAS_EXPORT_FORMAT_PNG: a bitmap
 * @ATLAS_EXPORT_FORMAT_SVG: a vector drawing for the web
 * @ATLAS_EXPORT_FORMAT_PDF: a vector document for print
 */
typedef enum
{
  ATLAS_EXPORT_FORMAT_PNG,
  ATLAS_EXPORT_FORMAT_SVG,
  ATLAS_EXPORT_FORMAT_PDF,
} AtlasExportFormat;

/* The largest side of a picture, in pixels or points, and the most
 * pixels a PNG may have (400 MB to draw) */
#define ATLAS_EXPORT_MAX_SIZE 16384
#define ATLAS_EXPORT_MAX_PIXELS 100000000.
#define ATLAS_EXPORT_DEFAULT_WIDTH 1600
#define ATLAS_EXPORT_DEFAULT_HEIGHT 900

/**
 * AtlasExportOptions:
 * @views: what to show
 * @format: what to write
 * @width: the picture's width in pixels of the layout (points in SVG and
 *   PDF), or 0 for the views' size in the window
 * @height: its height, or 0 likewise
 * @scale: device pixels per pixel of the layout: 1, 2 for a sharp
 *   picture twice as large; in SVG and PDF it enlarges the page
 */
typedef struct
{
  AtlasExportViews  views;
  AtlasExportFormat format;
  int               width;
  int               height;
  double            scale;
} AtlasExportOptions;

/**
 * AtlasExportLayout:
 * @width: the picture's width, in pixels of the layout
 * @height: its height
 * @caption: where the caption is
 * @map: where the map is; empty when it is not shown
 * @timeline: where the timeline is; empty when it is not shown
 *
 * Where each part of a picture goes, before @scale.
 */
typedef struct
{
  int             width;
  int             height;
  graphene_rect_t caption;
  graphene_rect_t map;
  graphene_rect_t timeline;
} AtlasExportLayout;

void        atlas_export_options_init        (AtlasExportOptions       *options);
gboolean    atlas_export_format_for_name     (const char               *name,
                                              AtlasExportFormat        *format);
const char *atlas_export_format_get_extension (AtlasExportFormat        format);
gboolean    atlas_export_parse_size          (const char               *text,
                                              int                      *width,
                                              int                      *height);
gboolean    atlas_export_parse_views         (const char               *text,
                                              AtlasExportViews         *views);

void        atlas_export_compute_layout      (AtlasWindow              *window,
                                              const AtlasExportOptions *options,
                                              AtlasExportLayout        *layout);
GBytes     *atlas_export_render              (AtlasWindow              *window,
                                              const AtlasExportOptions *options,
                                              GError                  **error);
GdkTexture *atlas_export_render_preview      (AtlasWindow              *window,
                                              const AtlasExportOptions *options,
                                              int                       max_width,
                                              int                       max_height);
gboolean    atlas_export_save                (AtlasWindow              *window,
                                              const AtlasExportOptions *options,
                                              GFile                    *file,
                                              GError                  **error);

int         atlas_export_run_command_line    (AtlasApplication         *application,
                                              GVariantDict             *options);

G_END_DECLS
