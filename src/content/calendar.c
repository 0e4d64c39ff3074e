#include "content/calendar.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/tz.h"
#include "base/xalloc.h"
#include "content/post.h"
#include "plan/plan.h"

const struct cal_rule cal_rules[] = {
	{ "quiet", N_("a channel goes longer without a post than its cadence allows") },
	{ "mix", N_("the pillars' shares of a month's posts against the plan's content mix") },
	{ "personas", N_("personas of the plan that no post addresses") },
	{ "buffer", N_("days of approved or scheduled content ahead against the channel's buffer target") },
	{ "collision", N_("two posts on one channel too close together") },
	{ "fit", N_("a post's text does not fit its channel's platform") },
	{ NULL, NULL },
};

static void finding(struct cal_findings *f, const char *rule, enum cal_severity s, const char *channel, int64_t day,
		int64_t post, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void finding(struct cal_findings *f, const char *rule, enum cal_severity s, const char *channel, int64_t day,
		int64_t post, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), tr(f->lang, fmt), ap);
	va_end(ap);
	ALLOC_GROW(f->v, f->n + 1, f->alloc);
	f->v[f->n++] = (struct cal_finding){ rule, s, channel ? xstrdup(channel) : NULL, day, post, xstrdup(msg) };
}

size_t cal_count(const struct cal_findings *f, enum cal_severity s)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].severity == s;
	return n;
}

void cal_findings_release(struct cal_findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].channel);
		free(f->v[i].message);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->alloc = 0;
}

const char *cal_severity_name(enum cal_severity s)
{
	static const char *const names[] = { "error", "warning", "info" };
	return names[s];
}

int64_t cal_local_day(const struct tz *zone, int64_t t)
{
	struct tz_local l;
	tz_to_local(zone, t, &l);
	return iso_days_from_civil(l.year, l.month, l.day);
}

bool cal_post_active(const struct post *p)
{
	return strcmp(p->status, "cancelled") && strcmp(p->status, "rejected") && strcmp(p->status, "failed");
}

static bool ready(const struct post *p)
{
	return !strcmp(p->status, "approved") || !strcmp(p->status, "scheduled") || !strcmp(p->status, "published");
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/*
 * The days without a post that a channel's plan allows: 7 / posts per week,
 * rounded up, or the longest stretch between the channel's posting days
 * (days: tue, wed, thu leaves Friday to Monday, four days, without a post).
 */
static int64_t allowed_gap(const struct plan_channel *ch)
{
	int64_t allowed = (int64_t)ceil(7.0 / ch->cadence_per_week);
	bool on[7] = { false };
	size_t n = 0;
	for (size_t i = 0; i < ch->days.n; i++)
		for (int d = 0; d < 7; d++)
			if (!strcmp(ch->days.v[i], plan_weekdays[d]) && !on[d])
				on[d] = true, n++;
	for (int d = 0; n && d < 7; d++) {
		if (!on[d])
			continue;
		int next = 1;
		while (!on[(d + next) % 7])
			next++;
		if (next - 1 > allowed)
			allowed = next - 1;
	}
	return allowed;
}

/* Local days (or instants) of the active posts on a channel, sorted. */
static size_t channel_times(const struct tz *zone, const struct post *posts, size_t n, const char *ch, bool days,
			    bool only_ready, int64_t **out, int64_t **ids)
{
	size_t k = 0;
	*out = xmalloc((n ? n : 1) * sizeof(**out));
	if (ids)
		*ids = xmalloc((n ? n : 1) * sizeof(**ids));
	for (size_t i = 0; i < n; i++) {
		const struct post *p = &posts[i];
		if (!p->has_time || !cal_post_active(p) || !post_has_channel(p, ch) || (only_ready && !ready(p)))
			continue;
		if (ids)
			(*ids)[k] = p->id;
		(*out)[k++] = days ? cal_local_day(zone, p->scheduled_at) : p->scheduled_at;
	}
	if (!ids)
		qsort(*out, k, sizeof(**out), cmp_i64);
	return k;
}

static void check_quiet(const struct plan *plan, const struct tz *zone, const struct post *posts, size_t n,
			const struct cal_options *o, struct cal_findings *f)
{
	const struct plan_channel *ch = plan->channels.v;
	for (size_t c = 0; c < plan->channels.n; c++) {
		if (!ch[c].id || !(ch[c].cadence_per_week > 0))
			continue;
		int64_t allowed = allowed_gap(&ch[c]), *days;
		size_t k = channel_times(zone, posts, n, ch[c].id, true, false, &days, NULL);
		int64_t last = o->from_day - 1; /* the day before the range counts as a post day */
		for (size_t i = 0; i <= k; i++) {
			int64_t next = i < k ? days[i] : o->to_day;
			if (next < o->from_day)
				continue;
			if (next > o->to_day)
				next = o->to_day;
			int64_t quiet = next - last - 1; /* whole days without a post */
			if (quiet > allowed) {
				char a[ISO_BUFSZ], b[ISO_BUFSZ];
				iso_format_date(last + 1, a);
				iso_format_date(next - 1, b);
				finding(f, "quiet", quiet >= 2 * allowed ? CAL_ERROR : CAL_WARNING, ch[c].id, last + 1, 0,
				    "%s is quiet for %lld days (%s to %s); its cadence (%g a week) allows %lld", ch[c].id,
				    (long long)quiet, a, b, ch[c].cadence_per_week, (long long)allowed);
			}
			if (next > last)
				last = next;
		}
		free(days);
	}
}

static void check_mix(const struct plan *plan, const struct tz *zone, const struct post *posts, size_t n,
		      const struct cal_options *o, struct cal_findings *f)
{
	const struct plan_pillar *pl = plan->content.pillars.v;
	size_t np = plan->content.pillars.n;
	if (!np)
		return;
	/* One period per calendar month the range touches. */
	for (int64_t start = o->from_day; start < o->to_day;) {
		int64_t y;
		unsigned m, d;
		iso_civil_from_days(start, &y, &m, &d);
		int64_t end = iso_days_from_civil(y, m, 1) + iso_days_in_month(y, m);
		if (end > o->to_day)
			end = o->to_day;
		size_t *count = xcalloc(np, sizeof(*count)), total = 0, none = 0;
		for (size_t i = 0; i < n; i++) {
			if (!posts[i].has_time || !cal_post_active(&posts[i]))
				continue;
			int64_t day = cal_local_day(zone, posts[i].scheduled_at);
			if (day < start || day >= end)
				continue;
			total++;
			size_t j = 0;
			while (j < np && (!posts[i].pillar || !pl[j].id || strcmp(pl[j].id, posts[i].pillar)))
				j++;
			if (j < np)
				count[j]++;
			else
				none++;
		}
		char period[ISO_BUFSZ];
		snprintf(period, sizeof(period), "%04lld-%02u", (long long)y, m);
		if (none)
			finding(f, "mix", CAL_WARNING, NULL, start, 0, "%s: %zu of %zu posts have no pillar", period, none, total);
		/* Below ten posts a share says little. */
		if (total && total < 10)
			finding(f, "mix", CAL_INFO, NULL, start, 0, "%s: too few posts (%zu) to judge the content mix", period, total);
		for (size_t j = 0; total >= 10 && j < np; j++) {
			if (isnan(pl[j].share))
				continue;
			double share = 100.0 * (double)count[j] / (double)total;
			if (fabs(share - pl[j].share) > 10.0)
				finding(f, "mix", CAL_WARNING, NULL, start, 0, "%s: pillar %s has %.0f%% of the posts (%zu of %zu); the plan says %.0f%%",
				    period, pl[j].id, share, count[j], total, pl[j].share);
		}
		free(count);
		start = end;
	}
}

static void check_personas(const struct plan *plan, const struct tz *zone, const struct post *posts, size_t n,
			   const struct cal_options *o, struct cal_findings *f)
{
	const struct plan_persona *pe = plan->personas.v;
	for (size_t j = 0; j < plan->personas.n; j++) {
		bool reached = false;
		for (size_t i = 0; i < n && !reached; i++) {
			const struct post *p = &posts[i];
			if (!p->has_time || !cal_post_active(p) || !p->persona || !pe[j].id || strcmp(p->persona, pe[j].id))
				continue;
			int64_t day = cal_local_day(zone, p->scheduled_at);
			reached = day >= o->from_day && day < o->to_day;
		}
		if (!reached && pe[j].id)
			finding(f, "personas", CAL_WARNING, NULL, CAL_NO_DAY, 0, "no post addresses persona %s (%s)", pe[j].id,
			    pe[j].name ? pe[j].name : pe[j].id);
	}
}

static void check_buffer(const struct plan *plan, const struct tz *zone, const struct post *posts, size_t n,
			 const struct cal_options *o, struct cal_findings *f)
{
	const struct plan_channel *ch = plan->channels.v;
	for (size_t c = 0; c < plan->channels.n; c++) {
		if (!ch[c].id || !(ch[c].buffer_days > 0) || !(ch[c].cadence_per_week > 0))
			continue;
		int64_t allowed = allowed_gap(&ch[c]), *days;
		size_t k = channel_times(zone, posts, n, ch[c].id, true, true, &days, NULL);
		/* Ready content covers the days up to the first gap the cadence does not allow. */
		int64_t covered = o->from_day - 1;
		for (size_t i = 0; i < k; i++) {
			if (days[i] < o->from_day)
				continue;
			if (days[i] - covered - 1 > allowed)
				break;
			covered = days[i];
		}
		free(days);
		/* The last ready post lasts until the next one is due. */
		int64_t buffer = covered < o->from_day ? 0 : covered + allowed - o->from_day;
		if (buffer <= 0)
			finding(f, "buffer", CAL_ERROR, ch[c].id, o->from_day, 0,
			    "%s has no approved or scheduled content for the coming days (target: %g days ahead)", ch[c].id, ch[c].buffer_days);
		else if ((double)buffer < ch[c].buffer_days)
			finding(f, "buffer", CAL_WARNING, ch[c].id, o->from_day, 0,
			    "%s has %lld days of approved or scheduled content ahead; the target is %g", ch[c].id,
			    (long long)buffer, ch[c].buffer_days);
	}
}

static void check_collisions(const struct plan *plan, const struct tz *zone, const struct post *posts, size_t n,
			     const struct cal_options *o, struct cal_findings *f)
{
	const struct plan_channel *ch = plan->channels.v;
	int64_t gap = (int64_t)(o->min_gap_minutes > 0 ? o->min_gap_minutes : 60) * 60;
	for (size_t c = 0; c < plan->channels.n; c++) {
		if (!ch[c].id)
			continue;
		int64_t *t, *ids;
		size_t k = channel_times(zone, posts, n, ch[c].id, false, false, &t, &ids);
		/* posts come sorted by time from post_list; keep that order */
		for (size_t i = 1; i < k; i++) {
			int64_t day = cal_local_day(zone, t[i]);
			if (t[i] - t[i - 1] >= gap || day < o->from_day || day >= o->to_day)
				continue;
			char when[ISO_BUFSZ];
			iso_format_local(zone, t[i], when);
			finding(f, "collision", t[i] == t[i - 1] ? CAL_ERROR : CAL_WARNING, ch[c].id, day, ids[i],
			    "%s: posts %lld and %lld are %lld minutes apart (%s); keep at least %lld", ch[c].id,
			    (long long)ids[i - 1], (long long)ids[i], (long long)((t[i] - t[i - 1]) / 60), when,
			    (long long)(gap / 60));
		}
		free(t);
		free(ids);
	}
}

static void check_fit(const struct plan *plan, const struct tz *zone, const struct text_matcher *m,
		      const struct post *posts, size_t n, const struct cal_options *o, struct cal_findings *f)
{
	for (size_t i = 0; i < n; i++) {
		const struct post *p = &posts[i];
		if (!cal_post_active(p) || !strcmp(p->status, "published"))
			continue;
		int64_t day = p->has_time ? cal_local_day(zone, p->scheduled_at) : CAL_NO_DAY;
		if (p->has_time && (day < o->from_day || day >= o->to_day))
			continue;
		struct post_problems pp = { .lang = f->lang };
		struct err e = { .lang = f->lang };
		post_check_text(p, plan, m, true, &pp, NULL, &e);
		for (size_t j = 0; j < pp.n; j++)
			if (pp.v[j].error)
				finding(f, "fit", ready(p) ? CAL_ERROR : CAL_WARNING, NULL, day, p->id, "post %lld: %s",
				    (long long)p->id, pp.v[j].message);
		post_problems_release(&pp);
	}
}

void cal_check(const struct plan *plan, const struct tz *zone, const struct text_matcher *m,
	       const struct post *posts, size_t n, const struct cal_options *o, struct cal_findings *f)
{
	check_quiet(plan, zone, posts, n, o, f);
	check_mix(plan, zone, posts, n, o, f);
	check_personas(plan, zone, posts, n, o, f);
	check_buffer(plan, zone, posts, n, o, f);
	check_collisions(plan, zone, posts, n, o, f);
	check_fit(plan, zone, m, posts, n, o, f);
}
