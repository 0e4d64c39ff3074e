/*
 * Unit tests of src/content/calendar.c: a two-week calendar built by hand
 * against a small plan, with every finding worked out on paper first
 * (see the comments at each post).
 */
#include "test.h"

#include "base/isotime.h"
#include "base/tz.h"
#include "content/calendar.h"
#include "content/post.h"
#include "content/text.h"
#include "plan/plan-yaml.h"
#include "plan/plan.h"

static const char plan_yaml[] =
	"koers: 1\n"
	"organisation:\n  name: T\n"
	"channels:\n"
	"  - id: a\n    platform: x\n    cadence_per_week: 2\n    buffer_days: 10\n"
	"  - id: b\n    platform: linkedin\n    cadence_per_week: 1\n    days: [tue]\n"
	"content:\n  pillars:\n    - id: p1\n      share: 50\n    - id: p2\n      share: 50\n"
	"personas:\n  - id: x\n    name: X\n  - id: y\n    name: Y\n";

static struct post *add(struct post *v, size_t *n, int64_t id, int64_t t, const char *ch, const char *status,
			const char *text)
{
	struct post *p = &v[(*n)++];
	post_init(p);
	p->id = id;
	p->has_time = true;
	p->scheduled_at = t;
	post_set(&p->status, status);
	post_set(&p->body, text);
	post_set(&p->pillar, "p1");
	post_set(&p->persona, "x");
	post_add_channel(p, ch, NULL);
	return p;
}

static size_t count(const struct cal_findings *f, const char *rule, enum cal_severity s)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += !strcmp(f->v[i].rule, rule) && f->v[i].severity == s;
	return n;
}

static const struct cal_finding *find(const struct cal_findings *f, const char *rule)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].rule, rule))
			return &f->v[i];
	fail_msg("no %s finding", rule);
	return NULL;
}

static void test_two_weeks(void **state)
{
	struct plan plan;
	struct diags d = { 0 };
	assert_int_equal(plan_parse(plan_yaml, sizeof(plan_yaml) - 1, "t.yaml", &plan, &d), 0);
	struct tz *utc = tz_utc();
	struct text_matcher *m = text_matcher_new();
	int64_t d0 = iso_days_from_civil(2026, 3, 2); /* a Monday */
	int64_t t0 = d0 * 86400 + 9 * 3600;
	char long_text[400];
	memset(long_text, 'a', 300);
	long_text[300] = '\0';
	struct post v[8];
	size_t n = 0;
	add(v, &n, 1, t0, "a", "scheduled", "one");
	add(v, &n, 2, t0 + 30 * 60, "a", "scheduled", "two");   /* 30 minutes after 1: collision */
	add(v, &n, 3, t0 + 3 * 86400, "a", "approved", long_text); /* ready and 300 > 280: fit error */
	add(v, &n, 4, t0 + 12 * 86400, "a", "draft", long_text);   /* a draft: fit warning */
	add(v, &n, 5, t0 + 5 * 86400, "a", "cancelled", "gone");   /* does not count */
	add(v, &n, 6, t0 + 1 * 86400, "b", "scheduled", "tuesday"); /* b: Tuesday of week 1 only */
	struct cal_options o = { .from_day = d0, .to_day = d0 + 14, .min_gap_minutes = 60 };
	struct cal_findings f = { 0 };
	cal_check(&plan, utc, m, v, n, &o, &f);

	/* a: 2 a week allows ceil(7/2) = 4 quiet days; days 4..11 are 8 quiet
	 * days (day 5's post is cancelled) = 2 x 4: an error. Days 1-2 (2) and
	 * day 13 (1) are fine. */
	assert_int_equal(count(&f, "quiet", CAL_ERROR), 1);
	const struct cal_finding *q = find(&f, "quiet");
	assert_string_equal(q->channel, "a");
	assert_int_equal(q->day, d0 + 4);
	assert_non_null(strstr(q->message, "8 days"));
	/* b: once a week allows ceil(7/1) = 7 (Tuesday to Tuesday leaves only 6);
	 * days 2..13 are 12 quiet days, more than 7 but less than 14: a warning */
	assert_int_equal(count(&f, "quiet", CAL_WARNING), 1);
	/* b has no buffer target; a: ready posts on days 0 and 3, the last lasts 4
	 * more days: 7 days against 10, a warning */
	assert_int_equal(count(&f, "buffer", CAL_WARNING), 1);
	assert_non_null(strstr(find(&f, "buffer")->message, "7 days"));
	assert_int_equal(count(&f, "collision", CAL_WARNING), 1);
	assert_int_equal(find(&f, "collision")->post, 2);
	assert_int_equal(count(&f, "fit", CAL_ERROR), 1);
	assert_int_equal(count(&f, "fit", CAL_WARNING), 1);
	/* five counted posts in March: too few to judge the mix */
	assert_int_equal(count(&f, "mix", CAL_INFO), 1);
	assert_int_equal(count(&f, "personas", CAL_WARNING), 1);
	assert_non_null(strstr(find(&f, "personas")->message, "y"));
	assert_int_equal(cal_count(&f, CAL_ERROR), 2);

	cal_findings_release(&f);
	for (size_t i = 0; i < n; i++)
		post_release(&v[i]);
	text_matcher_free(m);
	tz_free(utc);
	plan_free(&plan);
	diags_release(&d);
}

static void test_mix_and_same_minute(void **state)
{
	struct plan plan;
	struct diags d = { 0 };
	assert_int_equal(plan_parse(plan_yaml, sizeof(plan_yaml) - 1, "t.yaml", &plan, &d), 0);
	struct tz *utc = tz_utc();
	struct text_matcher *m = text_matcher_new();
	int64_t d0 = iso_days_from_civil(2026, 3, 2);
	struct post v[12];
	size_t n = 0;
	/* ten posts on a, one a day: 8 of pillar p1 (80 %) and 2 of p2 (20 %),
	 * 30 points off the plan's 50/50 either way: two mix warnings */
	for (int i = 0; i < 10; i++) {
		struct post *p = add(v, &n, i + 1, (d0 + i) * 86400 + 10 * 3600, "a", "scheduled", "ok");
		if (i >= 8)
			post_set(&p->pillar, "p2");
	}
	add(v, &n, 11, (d0 + 9) * 86400 + 10 * 3600, "a", "scheduled", "same minute as post 10");
	struct cal_options o = { .from_day = d0, .to_day = d0 + 10 };
	struct cal_findings f = { 0 };
	cal_check(&plan, utc, m, v, n, &o, &f);
	/* eleven posts now: p1 8/11 = 73 %, p2 3/11 = 27 % */
	assert_int_equal(count(&f, "mix", CAL_WARNING), 2);
	assert_int_equal(count(&f, "collision", CAL_ERROR), 1);
	cal_findings_release(&f);
	for (size_t i = 0; i < n; i++)
		post_release(&v[i]);
	text_matcher_free(m);
	tz_free(utc);
	plan_free(&plan);
	diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_weeks),
		cmocka_unit_test(test_mix_and_same_minute),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
