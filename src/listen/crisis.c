/* crisis — spikes mapped to the plan's crisis levels (see crisis.h). */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/tz.h"
#include "base/xalloc.h"
#include "listen/crisis.h"
#include "listen/detect.h"
#include "listen/lstore.h"
#include "plan/plan.h"

/* Translated where they are shown. */
static const char *const metrics[] = { N_("volume"), N_("negative") };

/* One detector configuration: a metric and window, the loosest factor and count of its triggers. */
struct probe {
	int metric; /* index into metrics */
	double window, factor, min_count;
};

static int add_probe(struct probe **v, size_t *n, size_t *alloc, const struct plan_trigger *t)
{
	int m = -1;
	for (int i = 0; i < 2; i++)
		if (t->metric && !strcmp(t->metric, metrics[i]))
			m = i;
	if (m < 0 || !(t->window_minutes > 0))
		return 0;
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].metric == m && (*v)[i].window == t->window_minutes) {
			if (t->factor < (*v)[i].factor)
				(*v)[i].factor = t->factor;
			if (t->min_count < (*v)[i].min_count)
				(*v)[i].min_count = t->min_count;
			return 0;
		}
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = (struct probe){ m, t->window_minutes, t->factor >= 1 ? t->factor : 1,
				       t->min_count >= 0 ? t->min_count : 0 };
	return 0;
}

/* The highest level whose trigger this spike meets. */
static const struct plan_crisis_level *level_of(const struct plan *p, int metric, double window,
						  const struct detect_alert *a)
{
	const struct plan_crisis_level *best = NULL;
	const struct plan_crisis_level *lv = p->crisis.levels.v;
	for (size_t i = 0; i < p->crisis.levels.n; i++) {
		const struct plan_trigger *t = lv[i].detect.v;
		for (size_t j = 0; j < lv[i].detect.n; j++)
			if (t[j].metric && !strcmp(t[j].metric, metrics[metric]) && t[j].window_minutes == window &&
			    a->ratio >= t[j].factor && a->value >= t[j].min_count && (!best || lv[i].level > best->level))
				best = &lv[i];
	}
	return best;
}

static int alert_cmp(const void *x, const void *y)
{
	const struct crisis_alert *a = x, *b = y;
	double la = a->level ? a->level->level : 0, lb = b->level ? b->level->level : 0;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (la != lb)
		return la > lb ? -1 : 1;
	int c = strcmp(a->query, b->query);
	return c ? c : strcmp(a->metric, b->metric);
}

int crisis_scan(struct db *db, int64_t ws, const struct plan *p, const struct tz *zone, int64_t from, int64_t to,
		struct crisis_alert **out, size_t *n, struct err *e)
{
	struct probe *probes = NULL;
	size_t np = 0, palloc = 0;
	const struct plan_crisis_level *lv = p ? p->crisis.levels.v : NULL;
	for (size_t i = 0; p && i < p->crisis.levels.n; i++)
		for (size_t j = 0; j < lv[i].detect.n; j++)
			add_probe(&probes, &np, &palloc, &((const struct plan_trigger *)lv[i].detect.v)[j]);
	bool from_plan = np > 0;
	if (!from_plan) {
		struct detect_params d;
		detect_params_default(&d);
		ALLOC_GROW(probes, 2, palloc);
		probes[0] = (struct probe){ 0, d.window_minutes, d.factor, d.min_count };
		probes[1] = (struct probe){ 1, d.window_minutes, d.factor, d.min_count };
		np = 2;
	}
	struct lquery *qs;
	size_t nq;
	int r = lstore_query_list(db, ws, false, &qs, &nq, e);
	if (r < 0) {
		free(probes);
		return r;
	}
	struct crisis_alert *v = NULL;
	size_t cnt = 0, alloc = 0;
	struct detector *det = xmalloc(sizeof(*det));
	for (size_t q = 0; r >= 0 && q < nq; q++) {
		struct lhour *h;
		size_t nh;
		if ((r = lstore_hourly(db, qs[q].id, from, to, &h, &nh, e)) < 0)
			break;
		for (size_t k = 0; nh && k < np; k++) {
			/* The aggregates are hourly: a window shorter than an hour is
			 * estimated as its share of the hour's count (mentions spread
			 * evenly), so a 30-minute trigger is not met by a whole hour. */
			double scale = probes[k].window < 60 ? probes[k].window / 60 : 1;
			struct detect_params dp;
			detect_params_default(&dp);
			dp.window_minutes = probes[k].window < 60 ? 60 : probes[k].window;
			dp.factor = probes[k].factor;
			dp.min_count = probes[k].min_count / scale;
			if (detector_init(det, &dp, e) < 0)
				continue;
			/* Every hour from the first to the last: hours without mentions are zeros. */
			size_t j = 0;
			for (int64_t hour = h[0].hour; hour <= h[nh - 1].hour; hour++) {
				double val = 0;
				if (j < nh && h[j].hour == hour) {
					val = (double)(probes[k].metric ? h[j].negative : h[j].volume);
					j++;
				}
				int64_t t = hour * 3600;
				struct detect_alert a;
				if (!detector_push(det, t, t + (zone ? tz_offset_at(zone, t) : 0), val, &a))
					continue;
				a.value *= scale;
				a.baseline *= scale;
				const struct plan_crisis_level *level = from_plan ? level_of(p, probes[k].metric, probes[k].window, &a) : NULL;
				if (from_plan && !level)
					continue;
				ALLOC_GROW(v, cnt + 1, alloc);
				v[cnt++] = (struct crisis_alert){ t, xstrdup(qs[q].name), metrics[probes[k].metric], probes[k].window,
								  a.value, a.baseline, a.ratio, level };
			}
		}
		free(h);
	}
	free(det);
	free(probes);
	lquery_list_free(qs, nq);
	if (r < 0) {
		crisis_alerts_free(v, cnt);
		return r;
	}
	/* In time order; the more severe first within an hour. */
	if (cnt)
		qsort(v, cnt, sizeof(*v), alert_cmp);
	*out = v;
	*n = cnt;
	return 0;
}

void crisis_alerts_free(struct crisis_alert *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].query);
	free(v);
}
