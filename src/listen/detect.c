/* detect — the online spike detector (see detect.h). */
#include <math.h>
#include <string.h>

#include "listen/detect.h"

/* A slot is trusted once it has seen this many earlier visits: two weeks
 * for an hour of the week, three days for an hour of the day. */
#define MIN_WEEK_VISITS 2
#define MIN_DAY_VISITS 3
/* The relative error cv: a prior of 0.25 worth a day of data, then an
 * exponentially weighted mean over about a week. */
#define CV2_PRIOR (0.25 * 0.25)
#define CV_PRIOR_SECS 86400.0
#define CV_TAU_SECS (7 * 86400.0)
/* The alert bar is at least the z that the series' excursions peaked
 * above TAIL_RATE times a week, over history decayed with a time constant
 * of four weeks. The rate is the false-alert budget: where the past is like
 * the future, the bar lets through about that many routine bursts a week. */
#define TAIL_RATE 1.0
#define TAIL_TAU_SECS (28 * 86400.0)
/* Gaussian constants: sd = sqrt(pi/2) * mean absolute deviation. */
#define MAD_TO_SD 1.2533

void detect_params_default(struct detect_params *p)
{
	*p = (struct detect_params){
		.window_minutes = 60,
		.factor = 2,
		.min_count = 0,
		.z = 5,
		.warmup_minutes = 3 * 24 * 60,
		.rearm_minutes = 60,
		.refractory_minutes = 6 * 60,
		.alpha = 0.1,
	};
}

int detector_init(struct detector *d, const struct detect_params *p, struct err *e)
{
	if (!(p->window_minutes > 0) || !(p->factor >= 1) || !(p->min_count >= 0) || !(p->z > 0) ||
	    !(p->alpha > 0 && p->alpha < 1) || !(p->warmup_minutes >= 0) || !(p->rearm_minutes >= 0) ||
	    !(p->refractory_minutes >= 0))
		return err_set(e, ERR_USAGE, "detector parameters out of range");
	memset(d, 0, sizeof(*d));
	d->p = *p;
	return 0;
}

static int week_slot(int64_t local)
{
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t secs = local - days * 86400;
	int64_t wd = ((days % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday: 0 = Monday */
	return (int)(wd * 24 + secs / 3600);
}

/* Earlier visits of a slot: the one under way does not count. */
static uint32_t history(const struct detect_slot *s, bool in_visit)
{
	return s->visits - (in_visit && s->visits ? 1 : 0);
}

/* The slot whose level to expect for slot w: the hour of the week, else of the day, else all (NULL: nothing yet). */
static const struct detect_slot *pick(const struct detector *d, int w, bool in_visit, bool *seasonal)
{
	*seasonal = true;
	if (history(&d->week[w], in_visit) >= MIN_WEEK_VISITS)
		return &d->week[w];
	if (history(&d->day[w % 24], in_visit) >= MIN_DAY_VISITS)
		return &d->day[w % 24];
	*seasonal = false;
	return d->all.visits ? &d->all : NULL;
}

/*
 * One point into a slot. The first visit is a running mean of its points;
 * later visits weigh max(1/visits, alpha) in all, spread over their points
 * by the time each covers, so an hourly and a 5-minute series learn alike.
 */
static void update(struct detect_slot *s, double x, bool new_visit, double hours, double alpha)
{
	if (new_visit) {
		s->visits++;
		s->points = 0;
	}
	if (s->visits == 1 && s->points == 0) {
		s->level = x;
		s->spread = 0;
		s->points = 1;
		return;
	}
	double a;
	if (s->visits == 1) {
		a = 1.0 / ++s->points;
	} else {
		double w = 1.0 / s->visits;
		if (w < alpha)
			w = alpha;
		a = 1 - pow(1 - w, hours);
	}
	double sp = s->spread, poisson = sqrt(s->level > 1 ? s->level : 1);
	if (sp < poisson)
		sp = poisson;
	double hi = s->level + 3 * sp, lo = s->level - 3 * sp;
	double xc = x > hi ? hi : x < lo ? lo : x;
	s->spread += a * (MAD_TO_SD * fabs(xc - s->level) - s->spread);
	s->level += a * (xc - s->level);
}

static double cv2_of(const struct detector *d)
{
	return d->cv2 > 0 ? d->cv2 : 0;
}

/* The spread of a window sum with expectation e. */
static double spread_at(const struct detector *d, double e)
{
	double m = e > 1 ? e : 1;
	return sqrt(m + cv2_of(d) * e * e);
}

/*
 * Learn cv^2 from how far the window sum x was from its expectation e:
 * E[(x - e)^2] = e + cv^2 e^2, so ((x - e)^2 - e) / e^2 estimates cv^2.
 * Deviations beyond three spreads are clipped (spikes are not noise), and a
 * sample counts by the share of its variance that cv explains: a count of
 * 3 says little about a relative error.
 */
static void learn_cv(struct detector *d, double x, double e, double secs)
{
	if (!(e >= 1) || secs <= 0)
		return;
	double sd = spread_at(d, e), dev = fabs(x - e);
	if (dev > 3 * sd)
		dev = 3 * sd;
	double sample = (dev * dev - e) / (e * e);
	double c2 = cv2_of(d) > 0.01 ? cv2_of(d) : 0.01;
	double share = c2 * e / (1 + c2 * e);
	double elapsed = (double)(d->t_prev - d->t0);
	double a = secs / (elapsed + secs + CV_PRIOR_SECS), slow = 1 - exp(-secs / CV_TAU_SECS);
	if (a < slow)
		a = slow;
	a *= share * share;
	d->cv2 += a * (sample - d->cv2);
}

/* The weight of the present in the tail (older entries decay by comparison); rescales now and then. */
static double tail_gain(struct detector *d, int64_t t)
{
	double g = exp((double)(t - d->tail_t) / TAIL_TAU_SECS);
	if (g > 1e100) {
		for (int i = 0; i < DETECT_BINS; i++)
			d->tail[i] /= g;
		d->tail_weeks /= g;
		d->tail_t = t;
		g = 1;
	}
	return g;
}

/*
 * Follow excursions: a run of points at least one spread above expectation
 * ends, like an episode, once the sums have stayed below that for
 * rearm_minutes; its peak z then enters the tail as one event, however long
 * it lasted.
 */
static void tail_follow(struct detector *d, double z, double hours, int64_t t)
{
	double g = tail_gain(d, t);
	d->tail_weeks += hours / 168 * g;
	if (z >= 1) {
		if (!d->exc_on || z > d->exc_peak)
			d->exc_peak = z;
		d->exc_on = true;
		d->exc_quiet = -1;
		return;
	}
	if (!d->exc_on)
		return;
	if (d->exc_quiet < 0)
		d->exc_quiet = t;
	if ((double)(t - d->exc_quiet) >= d->p.rearm_minutes * 60) {
		double pz = d->exc_peak * DETECT_BIN_Z;
		d->tail[pz >= DETECT_BINS - 1 ? DETECT_BINS - 1 : (int)pz] += g;
		d->exc_on = false;
	}
}

/* The least z above which at most TAIL_RATE excursions a week peaked (upper edge of a bin). */
static double tail_z(const struct detector *d)
{
	double acc = 0, budget = TAIL_RATE * d->tail_weeks;
	for (int i = DETECT_BINS - 1; i >= 0; i--) {
		acc += d->tail[i];
		if (acc > budget)
			return (double)(i + 1) / DETECT_BIN_Z;
	}
	return 0;
}

bool detector_push(struct detector *d, int64_t t, int64_t local, double value, struct detect_alert *a)
{
	const struct detect_params *p = &d->p;
	if (!isfinite(value))
		return false; /* not a count: it would poison every sum after it */
	if (!d->started) {
		d->started = true;
		d->t0 = d->t_prev = t;
		d->last_alert = INT64_MIN / 2;
		d->prev_slot = -1;
		d->cv2 = CV2_PRIOR;
		d->tail_t = t;
	}
	double secs = t > d->t_prev ? (double)(t - d->t_prev) : 0;
	int w = week_slot(local);
	bool new_visit = w != d->prev_slot || secs >= 3600;

	bool seasonal;
	const struct detect_slot *s = pick(d, w, !new_visit, &seasonal);
	double expect = s ? s->level : value;

	/* Slide the window: drop points at or before t - window. */
	int64_t horizon = t - (int64_t)(p->window_minutes * 60);
	while (d->count && (d->ring_t[d->head] <= horizon || d->count == DETECT_RING)) {
		d->sum -= d->ring_v[d->head];
		d->esum -= d->ring_e[d->head];
		d->head = (d->head + 1) % DETECT_RING;
		d->count--;
	}
	if (!d->count)
		d->sum = d->esum = 0; /* no rounding left over from points long gone */
	unsigned tail = (d->head + d->count) % DETECT_RING;
	d->ring_t[tail] = t;
	d->ring_v[tail] = value;
	d->ring_e[tail] = expect;
	d->count++;
	d->sum += value;
	d->esum += expect;
	if (d->sum < 0 && d->sum > -1e-9)
		d->sum = 0;
	if (d->esum < 0 && d->esum > -1e-9)
		d->esum = 0;
	double x = d->sum, base = d->esum, sd = spread_at(d, base);
	double zs = (x - base) / sd, least = base > 1 ? base : 1;

	/* An episode ends once the sum has stayed within a spread of its
	 * expectation for rearm_minutes (up to this point, whatever it is). */
	if (d->in_episode) {
		if (d->quiet_since >= 0 && (double)(t - d->quiet_since) >= p->rearm_minutes * 60)
			d->in_episode = false;
		else if (x >= base + sd)
			d->quiet_since = -1;
		else if (d->quiet_since < 0)
			d->quiet_since = t;
	}
	bool warm = seasonal && (double)(t - d->t0) >= p->warmup_minutes * 60;
	bool fired = false;
	if (warm && !d->in_episode && (double)(t - d->last_alert) >= p->refractory_minutes * 60 && zs >= p->z &&
	    x >= p->factor * least && x >= p->min_count && zs >= tail_z(d)) {
		fired = true;
		d->in_episode = true;
		d->quiet_since = -1;
		d->last_alert = t;
		if (a)
			*a = (struct detect_alert){ t, x, base, x / least, zs };
	}

	if (s)
		learn_cv(d, x, base, secs);
	double hours = (secs < 3600 ? secs : 3600) / 3600;
	if (s)
		tail_follow(d, zs, hours, t);
	update(&d->week[w], value, new_visit, hours, p->alpha);
	update(&d->day[w % 24], value, new_visit, hours, p->alpha);
	update(&d->all, value, new_visit, hours, p->alpha / 24);
	d->prev_slot = w;
	d->t_prev = t;
	return fired;
}
