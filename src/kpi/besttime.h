/*
 * besttime — when this organisation's audience responds: the engagement
 * rate (engagements / impressions of each post, averaged) by local weekday
 * and hour, from the workspace's own posts.
 *
 * So that three lucky posts do not decide, each cell is shrunk towards the
 * channel's mean: smoothed = (n × cell mean + prior × channel mean) /
 * (n + prior), and only cells with at least `min_posts` posts can be
 * suggested. Posts whose export gave only a date are left out.
 */
#ifndef KOERS_KPI_BESTTIME_H
#define KOERS_KPI_BESTTIME_H

#include <stddef.h>

#include "base/isotime.h"

struct kpi_data;

#define BESTTIME_SLOTS 3

struct besttime_slot {
	unsigned weekday, hour; /* 1 Monday .. 7 Sunday; 0..23 local */
	double smoothed, raw;   /* percent */
	size_t n;
};

struct besttime {
	double raw[7][24], smoothed[7][24]; /* percent; NAN where no post */
	size_t n[7][24];
	double mean; /* percent, NAN without posts */
	size_t total;
	struct besttime_slot slots[BESTTIME_SLOTS]; /* best first, above the mean */
	size_t nslots;
};

/* `channel` NULL: every channel; `r` NULL: all time. */
void besttime_compute(const struct kpi_data *d, const char *channel, const struct iso_range *r, size_t min_posts,
		      double prior, struct besttime *out);

#endif
