/*
 * calendar — the content calendar held against the plan (`koers calendar
 * check`). The rules are one table (cal_rules, documented in
 * docs/calendar.md):
 *
 *   quiet      a channel goes longer without a post than its cadence allows
 *   mix        the pillars' shares of the posts in a month against the plan
 *   personas   a persona of the plan that no post addresses
 *   buffer     days of approved or scheduled content ahead, per channel,
 *              against the channel's buffer_days
 *   collision  two posts on one channel closer together than the minimum gap
 *   fit        a post's text does not fit its channel's platform
 *
 * Days are local days of the workspace's zone; the range is [from_day,
 * to_day). Cancelled, rejected and failed posts do not count.
 *
 * Ownership: findings own their strings (cal_findings_release).
 */
#ifndef KOERS_CALENDAR_H
#define KOERS_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct plan;
struct post;
struct text_matcher;
struct tz;

enum cal_severity { CAL_ERROR, CAL_WARNING, CAL_INFO };

struct cal_rule {
	const char *id;
	const char *help; /* N_() */
};
extern const struct cal_rule cal_rules[]; /* ended by a NULL id */

struct cal_finding {
	const char *rule;
	enum cal_severity severity;
	char *channel;   /* NULL: not about one channel */
	int64_t day;     /* the local day it is about, or CAL_NO_DAY */
	int64_t post;    /* the post it is about, or 0 */
	char *message;   /* translated */
};
#define CAL_NO_DAY INT64_MIN

struct cal_findings {
	struct cal_finding *v;
	size_t n, alloc;
	enum lang lang;
};

struct cal_options {
	int64_t from_day, to_day; /* local days [from, to) */
	int min_gap_minutes;      /* collision below this (default 60) */
};

void cal_check(const struct plan *plan, const struct tz *zone, const struct text_matcher *m,
	       const struct post *posts, size_t n, const struct cal_options *o, struct cal_findings *f);
size_t cal_count(const struct cal_findings *f, enum cal_severity s);
void cal_findings_release(struct cal_findings *f);

const char *cal_severity_name(enum cal_severity s); /* "error", "warning", "info" */

/* The local day (days since 1970-01-01) of instant t in zone. */
int64_t cal_local_day(const struct tz *zone, int64_t t);
/* Does the post count for the calendar (not cancelled, rejected or failed)? */
bool cal_post_active(const struct post *p);

#endif
