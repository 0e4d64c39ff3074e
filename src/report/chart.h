/*
 * chart — SVG charts drawn by koers: line (trends), horizontal bar
 * (comparisons) and heatmap (weekday × hour). One module for the offline
 * reports and, later, the dashboard.
 *
 * Charts must stay readable printed in black and white: series differ by
 * dash pattern and marker shape as well as shade, bars carry their value as
 * text, heatmap cells are shades of grey with their value written in them.
 * Every chart has a title, axes with units and labels, and a <title> for
 * screen readers. All text goes through html_escape(), so the output is
 * well-formed XML as well as valid inline SVG in HTML5.
 *
 * Values that are NAN are gaps (line), missing bars, or empty cells.
 * The SVG is appended to the caller's strbuf.
 */
#ifndef KOERS_REPORT_CHART_H
#define KOERS_REPORT_CHART_H

#include <stddef.h>

#include "base/i18n.h"
#include "base/strbuf.h"

struct chart_series {
	const char *name;
	const double *values; /* one per x label */
};

void chart_line(struct strbuf *out, enum lang lang, const char *title, const char *unit, const char *const *xlabels,
		size_t nx, const struct chart_series *series, size_t ns);
void chart_bar(struct strbuf *out, enum lang lang, const char *title, const char *unit, const char *const *labels,
	       const double *values, size_t n);
/* values[r * ncols + c]; `note` explains the shading (e.g. the unit). */
void chart_heatmap(struct strbuf *out, enum lang lang, const char *title, const char *note, const char *const *rows,
		   size_t nrows, const char *const *cols, size_t ncols, const double *values);

#endif
