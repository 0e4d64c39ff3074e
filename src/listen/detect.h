/*
 * detect — an online spike detector for mention counts (volume or negative
 * volume of one query), used for crisis alerts.
 *
 * Points arrive in time order (t, value): counts per interval (an hour from
 * the aggregates, or whatever step a series has). The detector sums them
 * over a sliding window (window_minutes) and compares the sum with what was
 * expected for the same points.
 *
 * Expected counts. Each point's expectation comes from a baseline that
 * knows the hour of the week: a robust EWMA of the count per point in each
 * hour-of-week slot (168), falling back to the hour of the day (24 slots) and
 * then to all hours while a slot has seen too few weeks or days. The
 * expectation of a window is the sum of the expectations of the points in
 * it, each taken from its own hour, so a window that straddles a busy and a
 * quiet hour is compared with a mix of both. The EWMA weighs every visit of
 * a slot (one hour of one week or day) alike whatever the step of the
 * series, and values far above the level are clipped before they enter it,
 * so a spike does not raise its own baseline.
 *
 * Noise. The spread of a window sum around its expectation E is taken as
 * sqrt(E + (cv E)^2): Poisson noise for low counts and a relative error for
 * high counts, with cv a robust running estimate (over all hours) of how far
 * the expectations have been off beyond the Poisson noise.
 *
 * Alerts. A point alerts when its window sum is at least `factor` times the
 * expectation, at least `min_count`, at least `z` spreads above it, and
 * above the series' own tail: the z that its excursions (runs of sums a
 * spread or more above expectation) peaked above at most once a week on
 * average, so bursts that are routine for the series are not alerts; and
 * the detector is warm: `warmup_minutes` of history and a daily or weekly
 * slot to compare with (an all-hours level knows no daily cycle). A run of
 * alerting points is one episode and gives one alert: the detector re-arms
 * only after the sum has stayed under expectation + one spread for
 * `rearm_minutes`, and never sooner than `refractory_minutes` after the last
 * alert.
 *
 * Pure computation: no allocation after detector_init(), no I/O, no globals;
 * one detector per series. detector_init() returns ERR_USAGE for parameters
 * out of range.
 */
#ifndef KOERS_DETECT_H
#define KOERS_DETECT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct detect_params {
	double window_minutes;     /* > 0; the sum is over points in (t - window, t] */
	double factor;             /* >= 1: sum / expectation needed */
	double min_count;          /* >= 0: sum needed */
	double z;                  /* > 0: spreads above the expectation needed */
	double warmup_minutes;     /* >= 0: no alerts before this much history */
	double rearm_minutes;      /* >= 0: quiet time that ends an episode */
	double refractory_minutes; /* >= 0: least time between two alerts */
	double alpha;              /* EWMA weight of a new visit of a slot, (0, 1) */
};

/* The defaults: window 60, factor 2, min-count 0, z 5, warm-up 3 days, re-arm 60 min, refractory 6 h, alpha 0.1. */
void detect_params_default(struct detect_params *p);

#define DETECT_RING 4096 /* most points a window can hold */
#define DETECT_BIN_Z 4     /* bins per unit of z in the tail histogram */
#define DETECT_BINS 256    /* z from 0 to 64 */

struct detect_slot {
	double level, spread; /* of the count of one point */
	uint32_t visits;      /* hours (of a week or day) this slot has seen */
	uint32_t points;      /* points in its first visit */
};

struct detector {
	struct detect_params p;
	int64_t t0, t_prev, last_alert, quiet_since;
	bool started, in_episode;
	int prev_slot;
	struct detect_slot week[168], day[24], all;
	double cv2; /* squared relative error of the expectation beyond Poisson noise */
	/* Excursions (runs of sums at least one spread above expectation, ended
	 * like episodes) by their peak z, and the weeks observed; both decayed. */
	double tail[DETECT_BINS]; /* bins of 1/DETECT_BIN_Z */
	double tail_weeks;
	int64_t tail_t; /* when the tail weights were last rescaled */
	bool exc_on;
	double exc_peak;
	int64_t exc_quiet;
	int64_t ring_t[DETECT_RING];
	double ring_v[DETECT_RING], ring_e[DETECT_RING]; /* value, its expectation */
	unsigned head, count;
	double sum, esum;
};

struct detect_alert {
	int64_t t;       /* the time of the point that raised it */
	double value;    /* the window sum */
	double baseline; /* its expectation */
	double ratio;    /* value / max(baseline, 1) */
	double zscore;
};

int detector_init(struct detector *d, const struct detect_params *p, struct err *e);

/*
 * Add a point: t (UTC seconds, non-decreasing), `local` (the same instant in
 * the local time of the series' audience, which picks the hour-of-week
 * slot) and its count. Returns true and fills *a when an alert starts here.
 * A value that is not finite is ignored; a time before the last one counts
 * as the same time.
 */
bool detector_push(struct detector *d, int64_t t, int64_t local, double value, struct detect_alert *a);

#endif
