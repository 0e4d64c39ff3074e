/*
 * crisis — spikes in the stored hourly aggregates, mapped to the severity
 * levels of the plan's crisis protocol.
 *
 * For each active query and each (metric, window) that some level's
 * `detect` trigger names, the spike detector (detect.h) runs over the
 * query's hourly series (volume or negative volume; hours without mentions
 * count 0) with the hour of the week taken in the workspace's zone. A spike
 * gets the highest level whose trigger it meets (metric and window equal,
 * ratio over the baseline >= factor, window count >= min_count). Without
 * any trigger in the plan the detector's defaults apply and spikes have no
 * level (level NULL). The aggregates are hourly, so a window shorter than an
 * hour is estimated as its share of the hour's count.
 *
 * The result array and its strings are the caller's (crisis_alerts_free);
 * `level` points into the plan, which must outlive the array.
 */
#ifndef KOERS_CRISIS_H
#define KOERS_CRISIS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;
struct plan;
struct plan_crisis_level;
struct tz;

struct crisis_alert {
	int64_t t; /* the hour that raised it (UTC seconds, start of the hour) */
	char *query;
	const char *metric; /* "volume" or "negative" (static) */
	double window_minutes, value, baseline, ratio;
	const struct plan_crisis_level *level;
};

int crisis_scan(struct db *db, int64_t ws, const struct plan *p, const struct tz *zone, int64_t from, int64_t to,
		struct crisis_alert **out, size_t *n, struct err *e);
void crisis_alerts_free(struct crisis_alert *v, size_t n);

#endif
