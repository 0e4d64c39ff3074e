/*
 * detect — an online spike detector for mention counts (volume or negative
 * volume of one query), used for crisis alerts.
 *
 * Points arrive in time order (t, value): counts per interval (an hour from
 * the aggregates, or whatever step a series has). The detector sums them
 * over a sliding window (window_minutes) and compares the sum with a
 * baseline that knows the hour of the week: a robust EWMA of level and
 * spread per hour-of-week slot (168), falling back to the hour of the day
 * (24 slots) and then to all hours while a slot has too little history.
 * The update is robust: values above level + 3 spreads are clipped before
 * they enter the baseline, so a spike does not raise its own baseline.
 *
 * A point alerts when its window sum is at least `factor` times the
 * baseline, at least `min_count`, and at least `z` spreads above it
 * (spread >= sqrt(baseline), the Poisson noise of a count). One alert covers
 * an episode: no new alert until the sum has fallen back below baseline +
 * one spread and `refractory_minutes` have passed since the alert.
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
	double factor;             /* >= 1: sum / baseline needed */
	double min_count;          /* >= 0: sum needed */
	double z;                  /* > 0: spreads above the baseline needed */
	double warmup_minutes;     /* no alerts before this much history */
	double refractory_minutes; /* least time between two alerts */
	double alpha;              /* EWMA weight of a new observation, (0, 1) */
};

/* The defaults above in numbers (window 60, factor 2, min 0, z 4, warm-up a day, ...). */
void detect_params_default(struct detect_params *p);

#define DETECT_RING 4096 /* most points a window can hold */

struct detect_slot {
	double level, spread;
	uint32_t n;
};

struct detector {
	struct detect_params p;
	int64_t t0;
	bool started, in_episode;
	int64_t last_alert;
	struct detect_slot week[168], day[24], all;
	double resid; /* spread of (sum - baseline) over all hours */
	uint32_t resid_n;
	int64_t ring_t[DETECT_RING];
	double ring_v[DETECT_RING];
	unsigned head, count;
	double sum;
};

struct detect_alert {
	int64_t t;       /* the time of the point that raised it */
	double value;    /* the window sum */
	double baseline; /* what was expected for that hour of the week */
	double ratio;    /* value / max(baseline, 1) */
	double zscore;
};

int detector_init(struct detector *d, const struct detect_params *p, struct err *e);

/*
 * Add a point: t (UTC seconds, non-decreasing), `local` (the same instant in
 * the local time of the series' audience, which picks the hour-of-week
 * slot) and its count. Returns true and fills *a when an alert starts here.
 */
bool detector_push(struct detector *d, int64_t t, int64_t local, double value, struct detect_alert *a);

/* The baseline of the window sum expected at local time `local` (for reports). */
double detector_baseline(const struct detector *d, int64_t local);

#endif
