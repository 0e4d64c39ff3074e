#include "report/chart.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/doc.h"
#include "report/numfmt.h"

#define W 640
#define FONT "font-family=\"sans-serif\""

static void text(struct strbuf *o, double x, double y, const char *anchor, int size, const char *extra, const char *s)
{
	strbuf_addf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s%s>", x, y, anchor, size,
		    extra ? " " : "", extra ? extra : "");
	html_escape(o, s);
	strbuf_addstr(o, "</text>");
}

static void begin(struct strbuf *o, int h, const char *title)
{
	strbuf_addf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" " FONT ">", W, h, W, h);
	strbuf_addstr(o, "<title>");
	html_escape(o, title);
	strbuf_addstr(o, "</title>");
	strbuf_addf(o, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", W, h);
	text(o, 8, 18, "start", 14, "font-weight=\"bold\"", title);
}

/* A "nice" upper bound and step for an axis from 0 (or min) to max. */
static void nice_axis(double lo, double hi, double *a0, double *a1, double *step)
{
	if (!(hi > lo))
		hi = lo + 1;
	double range = hi - lo, raw = range / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
	double s = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	*step = s;
	*a0 = floor(lo / s) * s;
	*a1 = ceil(hi / s) * s;
	if (*a1 <= *a0)
		*a1 = *a0 + s;
}

static char *label(enum lang lang, double v, double step)
{
	int dec = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
	return fmt_number(lang, v, dec, 0);
}

static const char *const dashes[] = { "", "8 4", "2 3", "10 3 2 3" };
static const char *const greys[] = { "#000000", "#444444", "#777777", "#222222" };

static void marker(struct strbuf *o, int kind, double x, double y, const char *c)
{
	switch (kind % 4) {
	case 0: strbuf_addf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>", x, y, c); break;
	case 1: strbuf_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"%s\"/>", x - 3.5, y - 3.5, c); break;
	case 2: strbuf_addf(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>", x, y - 4.5, x + 4, y + 3, x - 4, y + 3, c); break;
	default: strbuf_addf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"1.5\"/>", x, y, c);
	}
}

void chart_line(struct strbuf *o, enum lang lang, const char *title, const char *unit, const char *const *xl,
		size_t nx, const struct chart_series *s, size_t ns)
{
	const int h = 300, l = 72, r = 40, t = 48, b = 52; /* r: room for the last x label */
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < ns; i++)
		for (size_t j = 0; j < nx; j++)
			if (!isnan(s[i].values[j])) {
				lo = fmin(lo, s[i].values[j]);
				hi = fmax(hi, s[i].values[j]);
			}
	begin(o, h, title);
	if (!isfinite(lo)) {
		text(o, W / 2.0, h / 2.0, "middle", 13, NULL, tr(lang, "no data"));
		strbuf_addstr(o, "</svg>");
		return;
	}
	double a0, a1, step;
	nice_axis(lo >= 0 ? 0 : lo, hi, &a0, &a1, &step);
	double pw = W - l - r, ph = h - t - b;
#define X(j) (l + (nx > 1 ? pw * (double)(j) / (double)(nx - 1) : pw / 2))
#define Y(v) (t + ph - ph * ((v) - a0) / (a1 - a0))
	for (double v = a0; v <= a1 + step / 2; v += step) {
		strbuf_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>", l, Y(v), W - r, Y(v));
		char *lab = label(lang, v, step);
		text(o, l - 6, Y(v) + 4, "end", 11, NULL, lab);
		free(lab);
	}
	strbuf_addf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000000\"/>", l, t, l, t + ph);
	strbuf_addf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000000\"/>", l, t + ph, W - r, t + ph);
	text(o, 8, t - 8, "start", 11, "font-style=\"italic\"", unit);
	size_t every = nx > 12 ? (nx + 11) / 12 : 1;
	for (size_t j = 0; j < nx; j += every)
		text(o, X(j), t + ph + 16, "middle", 10, NULL, xl[j]);
	for (size_t i = 0; i < ns; i++) {
		const char *c = greys[i % 4];
		strbuf_addf(o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s%s%s d=\"", c,
			    dashes[i % 4][0] ? " stroke-dasharray=\"" : "", dashes[i % 4], dashes[i % 4][0] ? "\"" : "");
		bool pen = false;
		for (size_t j = 0; j < nx; j++) {
			double v = s[i].values[j];
			if (isnan(v)) {
				pen = false;
				continue;
			}
			strbuf_addf(o, "%s%.1f %.1f ", pen ? "L" : "M", X(j), Y(v));
			pen = true;
		}
		strbuf_addstr(o, "\"/>");
		for (size_t j = 0; j < nx; j++)
			if (!isnan(s[i].values[j]))
				marker(o, (int)i, X(j), Y(s[i].values[j]), c);
		/* legend below the x labels */
		double lx = l + (double)i * 150, ly = h - 12;
		strbuf_addf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s%s%s/>", lx, ly - 4,
			    lx + 24, ly - 4, c, dashes[i % 4][0] ? " stroke-dasharray=\"" : "", dashes[i % 4],
			    dashes[i % 4][0] ? "\"" : "");
		marker(o, (int)i, lx + 12, ly - 4, c);
		text(o, lx + 30, ly, "start", 11, NULL, s[i].name);
	}
#undef X
#undef Y
	strbuf_addstr(o, "</svg>");
}

void chart_bar(struct strbuf *o, enum lang lang, const char *title, const char *unit, const char *const *labels,
	       const double *v, size_t n)
{
	const int l = 150, r = 80, t = 44, row = 26;
	int h = t + row * (int)(n ? n : 1) + 36;
	begin(o, h, title);
	double hi = 0, lo = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			hi = fmax(hi, v[i]), lo = fmin(lo, v[i]);
	double a0, a1, step;
	nice_axis(lo, hi, &a0, &a1, &step);
	double pw = W - l - r;
#define X(x) (l + pw * ((x) - a0) / (a1 - a0))
	for (double x = a0; x <= a1 + step / 2; x += step) {
		strbuf_addf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>", X(x), t, X(x), t + row * (int)n);
		char *lab = label(lang, x, step);
		text(o, X(x), t + row * (double)n + 14, "middle", 10, NULL, lab);
		free(lab);
	}
	char axis[160];
	snprintf(axis, sizeof(axis), "%s", unit ? unit : "");
	text(o, l + pw / 2, h - 6, "middle", 11, "font-style=\"italic\"", axis);
	for (size_t i = 0; i < n; i++) {
		double y = t + row * (double)i;
		text(o, l - 8, y + row / 2.0 + 4, "end", 11, NULL, labels[i]);
		if (isnan(v[i])) {
			text(o, l + 4, y + row / 2.0 + 4, "start", 10, "font-style=\"italic\"", tr(lang, "no data"));
			continue;
		}
		double x0 = X(fmin(0, v[i])), x1 = X(fmax(0, v[i]));
		strbuf_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"#555555\" stroke=\"#000000\"/>", x0, y + 4,
			    x1 - x0, row - 8);
		char *val = fmt_number(lang, v[i], fabs(v[i]) >= 100 ? 0 : 1, 0);
		text(o, x1 + 4, y + row / 2.0 + 4, "start", 10, NULL, val);
		free(val);
	}
	strbuf_addf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000000\"/>", X(0), t, X(0), t + row * (int)n);
#undef X
	strbuf_addstr(o, "</svg>");
}

void chart_heatmap(struct strbuf *o, enum lang lang, const char *title, const char *note, const char *const *rows,
		   size_t nr, const char *const *cols, size_t nc, const double *v)
{
	const int l = 48, t = 44, cw = nc ? (W - l - 12) / (int)nc : 20, ch = 22;
	int h = t + ch * (int)nr + 44;
	begin(o, h, title);
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < nr * nc; i++)
		if (!isnan(v[i]))
			lo = fmin(lo, v[i]), hi = fmax(hi, v[i]);
	for (size_t c = 0; c < nc; c++)
		text(o, l + cw * (c + 0.5), t - 6, "middle", 9, NULL, cols[c]);
	for (size_t r = 0; r < nr; r++) {
		double y = t + ch * (double)r;
		text(o, l - 6, y + ch / 2.0 + 4, "end", 11, NULL, rows[r]);
		for (size_t c = 0; c < nc; c++) {
			double x = l + cw * (double)c, val = v[r * nc + c];
			if (isnan(val)) {
				strbuf_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"#ffffff\" stroke=\"#e5e5e5\"/>", x, y, cw, ch);
				continue;
			}
			double f = hi > lo ? (val - lo) / (hi - lo) : 0.5;
			int g = (int)lround(235 - 200 * f);
			strbuf_addf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"#%02x%02x%02x\" stroke=\"#ffffff\"/>", x, y, cw,
				    ch, g, g, g);
			char *s = fmt_number(lang, val, 1, 0);
			text(o, x + cw / 2.0, y + ch / 2.0 + 3, "middle", 8, f > 0.5 ? "fill=\"#ffffff\"" : NULL, s);
			free(s);
		}
	}
	text(o, l, h - 10, "start", 11, "font-style=\"italic\"", note ? note : "");
	strbuf_addstr(o, "</svg>");
}
