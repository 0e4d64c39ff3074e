#include "kpi/goals.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "kpi/catalog.h"
#include "kpi/engine.h"
#include "plan/plan.h"
#include "report/kpifmt.h"

static const struct {
	const char *id, *name;
} statuses[] = {
	[GOAL_ACHIEVED] = { "achieved", N_("achieved") },
	[GOAL_ON_TRACK] = { "on_track", N_("on track") },
	[GOAL_AT_RISK] = { "at_risk", N_("at risk") },
	[GOAL_OFF_TRACK] = { "off_track", N_("off track") },
	[GOAL_NO_DATA] = { "no_data", N_("no data") },
};

const char *goal_status_id(enum goal_status s) { return statuses[s].id; }
const char *goal_status_name(enum goal_status s) { return statuses[s].name; }

/* Two-sided 90 % Student t quantiles by degrees of freedom. */
static double t90(size_t df)
{
	static const double t[] = { 0, 6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812,
				    1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725 };
	if (df < sizeof(t) / sizeof(t[0]))
		return t[df];
	return df < 30 ? 1.70 : df < 60 ? 1.68 : 1.645;
}

struct fit {
	size_t n;
	double a, b, s, xbar, sxx;
};

/* Ordinary least squares of y on x over the points with a value. */
static void fit_line(const double *x, const double *y, size_t n, bool logy, struct fit *f)
{
	double sx = 0, sy = 0;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(y[i]) && (!logy || y[i] > 0))
			sx += x[i], sy += logy ? log(y[i]) : y[i], m++;
	memset(f, 0, sizeof(*f));
	f->n = m;
	if (m < 2)
		return;
	double xb = sx / m, yb = sy / m, sxx = 0, sxy = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(y[i]) && (!logy || y[i] > 0)) {
			double yy = logy ? log(y[i]) : y[i];
			sxx += (x[i] - xb) * (x[i] - xb);
			sxy += (x[i] - xb) * (yy - yb);
		}
	f->xbar = xb, f->sxx = sxx;
	f->b = sxx > 0 ? sxy / sxx : 0;
	f->a = yb - f->b * xb;
	double sse = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(y[i]) && (!logy || y[i] > 0)) {
			double r = (logy ? log(y[i]) : y[i]) - (f->a + f->b * x[i]);
			sse += r * r;
		}
	f->s = m > 2 ? sqrt(sse / (double)(m - 2)) : NAN;
}

static bool reaches(const struct kpi_def *k, double v, double target)
{
	return k && k->direction == KPI_LOWER_IS_BETTER ? v <= target : v >= target;
}

static char *fmt(enum lang lang, const struct kpi_def *k, double v, const char *cur)
{
	return kpi_format_unit(lang, k ? k->unit : KPI_COUNT, v, cur);
}

static void eval_one(const struct kpi_data *d, const struct plan_goal *g, int64_t as_of, enum lang lang,
		     const char *cur, struct goal_eval *ge)
{
	memset(ge, 0, sizeof(*ge));
	ge->goal = g;
	ge->kpi = kpi_find(g->kpi);
	ge->current = ge->progress = ge->pace_needed = ge->pace_achieved = ge->forecast = ge->lo = ge->hi = NAN;
	ge->status = GOAL_NO_DATA;
	const struct kpi_def *k = ge->kpi;
	int idx = k ? kpi_index(k->id) : -1;
	int64_t start = 0, deadline = 0;
	bool dates = g->start && g->deadline && !iso_parse_date(g->start, &start, NULL, NULL) &&
		     !iso_parse_date(g->deadline, &deadline, NULL, NULL) && deadline > start;
	if (idx < 0 || !dates || isnan(g->target)) {
		ge->reason = xstrdup(tr(lang, "The goal has no known KPI, dates or target to measure against."));
		return;
	}
	ge->weekly = k->cumulative;
	ge->log_fit = k->cumulative;
	struct kpi_filter f = { 0 };
	if (g->channel && strcmp(g->channel, "all"))
		f.channel = g->channel;
	/* The periods: ISO weeks or calendar months from the start to as_of. */
	struct iso_range whole;
	iso_range_of_days(kpi_data_zone(d), ISO_PERIOD_DAY, start, as_of + 1, &whole);
	struct iso_range *pieces = NULL;
	size_t np = as_of >= start ? kpi_period_split(kpi_data_zone(d), &whole,
						      ge->weekly ? ISO_PERIOD_WEEK : ISO_PERIOD_MONTH, &pieces)
				   : 0;
	/* Only complete months count for a flow; levels are read at each week's end. */
	if (!ge->weekly && np && pieces[np - 1].kind != ISO_PERIOD_MONTH)
		np--;
	ge->periods = pieces;
	ge->n = np;
	ge->values = xcalloc(np + 1, sizeof(double));
	double *x = xcalloc(np + 1, sizeof(double));
	double *vals = xcalloc(kpi_count(), sizeof(double));
	for (size_t i = 0; i < np; i++) {
		kpi_compute(d, &f, &pieces[i], vals);
		ge->values[i] = vals[idx];
		/* x: weeks or months since the start, at the period's end */
		x[i] = ge->weekly ? (double)(pieces[i].end_day - start) / 7.0 : (double)(i + 1);
		if (!isnan(vals[idx]))
			ge->current = vals[idx];
	}
	free(vals);
	double base = g->baseline, target = g->target;
	if (isnan(ge->current)) {
		ge->reason = xasprintf(tr(lang, "There are no measurements of %s for this goal yet."),
				       tr(lang, k->name));
		free(x);
		return;
	}
	if (!isnan(base) && target != base)
		ge->progress = (ge->current - base) / (target - base) * 100;
	/* x of the deadline, in the same unit */
	double xd;
	if (ge->weekly) {
		xd = (double)(deadline + 1 - start) / 7.0;
	} else {
		int64_t y0, y1;
		unsigned m0, m1, dd;
		iso_civil_from_days(start, &y0, &m0, &dd);
		iso_civil_from_days(deadline, &y1, &m1, &dd);
		xd = (double)((y1 - y0) * 12 + (int64_t)m1 - (int64_t)m0 + 1);
	}
	double xnow = np ? x[np - 1] : 0;
	struct fit fi;
	fit_line(x, ge->values, np, ge->log_fit, &fi);
	if (fi.n < 3 && ge->log_fit) { /* too few for a growth curve: a straight line */
		ge->log_fit = false;
		fit_line(x, ge->values, np, false, &fi);
	}
	if (fi.n >= 2) {
		double yd = fi.a + fi.b * xd;
		double half = isnan(fi.s) || fi.sxx <= 0
				      ? NAN
				      : t90(fi.n - 2) * fi.s * sqrt(1 + 1.0 / (double)fi.n + (xd - fi.xbar) * (xd - fi.xbar) / fi.sxx);
		ge->forecast = ge->log_fit ? exp(yd) : yd;
		ge->lo = isnan(half) ? NAN : ge->log_fit ? exp(yd - half) : yd - half;
		ge->hi = isnan(half) ? NAN : ge->log_fit ? exp(yd + half) : yd + half;
		/* counts and money cannot go below zero */
		if (k->unit == KPI_COUNT || k->unit == KPI_MONEY) {
			ge->forecast = fmax(ge->forecast, 0);
			if (!isnan(ge->lo))
				ge->lo = fmax(ge->lo, 0);
		}
	}
	/* Pace: needed from now to the deadline; achieved over the last four
	 * weeks (levels) or as the fitted change per month (the rest). */
	double left = xd - xnow;
	ge->pace_needed = left > 0 ? (target - ge->current) / left : NAN;
	if (ge->weekly) {
		size_t back = np > 4 ? np - 5 : 0;
		while (back < np && isnan(ge->values[back]))
			back++;
		if (back < np - 1 && x[np - 1] > x[back])
			ge->pace_achieved = (ge->current - ge->values[back]) / (x[np - 1] - x[back]);
	} else if (fi.n >= 2) {
		ge->pace_achieved = ge->log_fit ? NAN : fi.b;
	}
	free(x);
	char *cs = fmt(lang, k, ge->current, cur), *ts = fmt(lang, k, target, cur);
	char *fs = fmt(lang, k, ge->forecast, cur), *ls = fmt(lang, k, ge->lo, cur), *hs = fmt(lang, k, ge->hi, cur);
	char *pn = fmt(lang, k, fabs(ge->pace_needed), cur), *pa = fmt(lang, k, ge->pace_achieved, cur);
	const char *per = ge->weekly ? tr(lang, "a week") : tr(lang, "a month");
	bool up = k->direction == KPI_HIGHER_IS_BETTER;
	double favourable = up ? ge->hi : ge->lo;
	if (reaches(k, ge->current, target)) {
		ge->status = GOAL_ACHIEVED;
		ge->reason = xasprintf(tr(lang, "Reached: %s against a target of %s."), cs, ts);
	} else if (as_of >= deadline) {
		ge->status = GOAL_OFF_TRACK;
		ge->reason = xasprintf(tr(lang, "The deadline %s has passed at %s, short of the target %s."),
				       g->deadline, cs, ts);
	} else if (isnan(ge->forecast)) {
		ge->status = GOAL_AT_RISK;
		ge->reason = xasprintf(tr(lang, "At %s with one measurement there is no trend yet; it needs %s %s to reach %s."),
				       cs, pn, per, ts);
	} else if (reaches(k, ge->forecast, target)) {
		ge->status = GOAL_ON_TRACK;
		if (isnan(ge->lo))
			ge->reason = xasprintf(tr(lang, "The forecast for %s is %s, which reaches the target %s."),
					       g->deadline, fs, ts);
		else
			ge->reason = xasprintf(tr(lang, "The forecast for %s is %s (%s to %s), which reaches the target %s."),
					       g->deadline, fs, ls, hs, ts);
	} else if (!isnan(favourable) && reaches(k, favourable, target)) {
		ge->status = GOAL_AT_RISK;
		ge->reason = xasprintf(tr(lang, "It needs %s %s, the recent pace is %s: the forecast %s (%s to %s) falls short of %s."),
				       pn, per, pa, fs, ls, hs, ts);
	} else {
		ge->status = GOAL_OFF_TRACK;
		ge->reason = xasprintf(tr(lang, "It needs %s %s, the recent pace is %s: the forecast %s for %s misses the target %s."),
				       pn, per, pa, fs, g->deadline, ts);
	}
	free(cs), free(ts), free(fs), free(ls), free(hs), free(pn), free(pa);
}

size_t goals_evaluate(const struct kpi_data *d, const struct plan *plan, int64_t as_of, enum lang lang,
		      const char *currency, struct goal_eval **out)
{
	size_t n = plan->goals.n;
	struct goal_eval *v = xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		eval_one(d, &((const struct plan_goal *)plan->goals.v)[i], as_of, lang, currency, &v[i]);
	*out = v;
	return n;
}

void goals_free(struct goal_eval *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].reason);
		free(v[i].periods);
		free(v[i].values);
	}
	free(v);
}
