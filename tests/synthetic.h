/* synthetic.h — deterministic synthetic records for benchmarks and
 * stress tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atlas-partnership.h"

G_BEGIN_DECLS

GPtrArray *synthetic_records   (guint   n_records,
                                guint32 seed);
GBytes    *synthetic_data_file (guint   n_records,
                                guint32 seed);
gsize      synthetic_peak_rss  (void);
gsize      synthetic_current_rss (void);
void       synthetic_reset_peak_rss (void);

G_END_DECLS
