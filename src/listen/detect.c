/* detect — the online spike detector (see detect.h). */
#include <math.h>
#include <string.h>

#include "listen/detect.h"

/* Slots need this many observations before they are trusted. */
#define MIN_WEEK_OBS 3
#define MIN_DAY_OBS 3
#ifndef REFRACTORY
#define REFRACTORY (24 * 60)
#endif
#ifndef WARMUP
#define WARMUP (24 * 60)
#endif
#ifndef ZDEF
#define ZDEF 6
#endif

void detect_params_default(struct detect_params *p)
{
	*p = (struct detect_params){
		.window_minutes = 60,
		.factor = 2,
		.min_count = 0,
		.z = ZDEF,
		.warmup_minutes = WARMUP,
		.refractory_minutes = REFRACTORY,
		.alpha = 0.1,
	};
}

int detector_init(struct detector *d, const struct detect_params *p, struct err *e)
{
	if (!(p->window_minutes > 0) || !(p->factor >= 1) || !(p->min_count >= 0) || !(p->z > 0) ||
	    !(p->alpha > 0 && p->alpha < 1) || !(p->warmup_minutes >= 0) || !(p->refractory_minutes >= 0))
		return err_set(e, ERR_USAGE, "detector parameters out of range");
	memset(d, 0, sizeof(*d));
	d->p = *p;
	return 0;
}

static unsigned week_slot(int64_t local)
{
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t secs = local - days * 86400;
	int64_t wd = ((days % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday: 0 = Monday */
	return (unsigned)(wd * 24 + secs / 3600);
}

/* The slot to trust for `local`: the hour of the week, else of the day, else all. */
static const struct detect_slot *pick(const struct detector *d, int64_t local)
{
	unsigned w = week_slot(local);
	if (d->week[w].n >= MIN_WEEK_OBS)
		return &d->week[w];
	if (d->day[w % 24].n >= MIN_DAY_OBS)
		return &d->day[w % 24];
	return &d->all;
}

double detector_baseline(const struct detector *d, int64_t local)
{
	return pick(d, local)->level;
}

static double spread_of(const struct detect_slot *s)
{
	double poisson = sqrt(s->level > 1 ? s->level : 1);
	return s->spread > poisson ? s->spread : poisson;
}

static void update(struct detect_slot *s, double x, double alpha)
{
	if (s->n == 0) {
		s->level = x;
		s->spread = 0;
		s->n = 1;
		return;
	}
	double sp = spread_of(s);
	double hi = s->level + 3 * sp, lo = s->level - 3 * sp;
	double xc = x > hi ? hi : x < lo ? lo : x;
	/* Early on the EWMA learns faster (running mean), then settles at alpha. */
	double a = 1.0 / (s->n + 1);
	if (a < alpha)
		a = alpha;
	double dev = fabs(xc - s->level);
	s->level += a * (xc - s->level);
	s->spread += a * (1.2533 * dev - s->spread); /* mean absolute deviation * sqrt(pi/2) ~ sigma */
	s->n++;
}

bool detector_push(struct detector *d, int64_t t, int64_t local, double value, struct detect_alert *a)
{
	const struct detect_params *p = &d->p;
	if (!d->started) {
		d->started = true;
		d->t0 = t;
		d->last_alert = INT64_MIN / 2;
	}
	/* Slide the window: drop points at or before t - window. */
	int64_t horizon = t - (int64_t)(p->window_minutes * 60);
	while (d->count && d->ring_t[d->head] <= horizon) {
		d->sum -= d->ring_v[d->head];
		d->head = (d->head + 1) % DETECT_RING;
		d->count--;
	}
	if (d->count == DETECT_RING) { /* a window with more points than the ring: oldest go */
		d->sum -= d->ring_v[d->head];
		d->head = (d->head + 1) % DETECT_RING;
		d->count--;
	}
	unsigned tail = (d->head + d->count) % DETECT_RING;
	d->ring_t[tail] = t;
	d->ring_v[tail] = value;
	d->count++;
	d->sum += value;
	if (d->sum < 0 && d->sum > -1e-9)
		d->sum = 0;
	double x = d->sum;

	const struct detect_slot *s = pick(d, local);
	double base = s->n ? s->level : x, sp = spread_of(s);
	/* How wrong the seasonal baseline has been lately, over all hours: a
	 * slot's own spread underestimates the noise while it has little history. */
	if (d->resid_n > 0 && d->resid > sp)
		sp = d->resid;
	double zs = (x - base) / sp;
	bool warm = (double)(t - d->t0) >= p->warmup_minutes * 60 && s->n > 0;
	bool fired = false;
	if (d->in_episode && x < base + sp)
		d->in_episode = false;
	if (warm && !d->in_episode && (double)(t - d->last_alert) >= p->refractory_minutes * 60 && zs >= p->z &&
	    x >= p->factor * (base > 1 ? base : 1) && x >= p->min_count) {
		fired = true;
		d->in_episode = true;
		d->last_alert = t;
		if (a)
			*a = (struct detect_alert){ t, x, base, x / (base > 1 ? base : 1), zs };
	}
	if (s->n) {
		double res = fabs(x - base), cap = 3 * sp;
		if (res > cap)
			res = cap;
		double ra = d->resid_n < 100 ? 1.0 / (d->resid_n + 1) : p->alpha / 24;
		d->resid += ra * (1.2533 * res - d->resid);
		d->resid_n++;
	}
	unsigned w = week_slot(local);
	update(&d->week[w], x, p->alpha);
	update(&d->day[w % 24], x, p->alpha);
	update(&d->all, x, p->alpha / 24);
	return fired;
}
