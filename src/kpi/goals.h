/*
 * goals — following a plan's SMART goals: for each, the KPI's current value,
 * progress from baseline to target, the pace needed against the pace
 * achieved, a forecast at the deadline with an interval, and a status with
 * its reason in one sentence.
 *
 * Measurements: a level that grows (followers) is read at the end of every
 * ISO week from the goal's start to the as-of day and forecast with a
 * log-linear fit (growth compounds); every other KPI is measured per complete
 * calendar month and forecast with a linear fit. The interval is the 90 %
 * prediction interval of the fit (Student t). Status rules, in order:
 *   achieved   the current value has reached the target;
 *   off track  the deadline has passed, or even the interval's favourable
 *              end misses the target;
 *   on track   the forecast reaches the target;
 *   at risk    the forecast misses it but the interval still holds it.
 * With no measurement the status is "no data".
 *
 * goal_eval strings are owned by the array (goals_free).
 */
#ifndef KOERS_KPI_GOALS_H
#define KOERS_KPI_GOALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/i18n.h"
#include "base/isotime.h"

struct kpi_data;
struct kpi_def;
struct plan;
struct plan_goal;

enum goal_status { GOAL_ACHIEVED, GOAL_ON_TRACK, GOAL_AT_RISK, GOAL_OFF_TRACK, GOAL_NO_DATA };

struct goal_eval {
	const struct plan_goal *goal;
	const struct kpi_def *kpi; /* NULL for a KPI the catalogue does not know */
	double current, progress;  /* progress: percent of the way from baseline to target */
	double pace_needed, pace_achieved; /* per week (levels) or per month (the rest) */
	bool weekly;                       /* the unit of the paces and of the series */
	double forecast, lo, hi;           /* at the deadline; lo/hi NAN without interval */
	bool log_fit;
	enum goal_status status;
	char *reason; /* one sentence in the language asked for */
	/* the measurements: value per period (NAN: none) */
	size_t n;
	struct iso_range *periods;
	double *values;
};

const char *goal_status_id(enum goal_status s);   /* "achieved", "on_track", ... */
const char *goal_status_name(enum goal_status s); /* N_() */

/* Evaluate every goal of `plan` as of local day `as_of` (inclusive). */
size_t goals_evaluate(const struct kpi_data *d, const struct plan *plan, int64_t as_of, enum lang lang,
		      const char *currency, struct goal_eval **out);
void goals_free(struct goal_eval *v, size_t n);

#endif
