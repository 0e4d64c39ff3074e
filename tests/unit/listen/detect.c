/* Unit tests of src/listen/detect.c: spikes found, seasonal patterns not
 * mistaken for spikes, episodes, minimum counts, bad parameters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "listen/detect.h"

/* 2026-03-02T00:00:00Z, a Monday. */
#define MONDAY 1772409600LL

struct run {
	int alerts;
	int64_t first;
	struct detect_alert a;
};

typedef double series_fn(int64_t hour);

/* Feed `hours` hourly points from MONDAY; count alerts. */
static struct run feed(const struct detect_params *p, int hours, series_fn *f)
{
	struct detector *d = malloc(sizeof(*d));
	struct err e = { 0 };
	assert_int_equal(detector_init(d, p, &e), 0);
	struct run r = { 0, -1, { 0 } };
	for (int h = 0; h < hours; h++) {
		int64_t t = MONDAY + h * 3600LL;
		struct detect_alert a;
		if (detector_push(d, t, t, f(h), &a)) {
			if (!r.alerts++) {
				r.first = h;
				r.a = a;
			}
		}
	}
	free(d);
	return r;
}

/* 20 an hour, a little noise, and 200 at hour 500. */
static double flat_spike(int64_t h)
{
	return h == 500 ? 200 : 20 + (double)(h * 7 % 5) - 2;
}

static void test_spike_on_flat_series(void **state)
{
	struct detect_params p;
	detect_params_default(&p);
	struct run r = feed(&p, 600, flat_spike);
	assert_int_equal(r.alerts, 1);
	assert_int_equal(r.first, 500);
	assert_true(r.a.baseline > 17 && r.a.baseline < 23);
	assert_true(r.a.ratio > 8 && r.a.ratio < 12);
	assert_true(r.a.value == 200);
}

/* Busy weekday office hours (9-17: 200), quiet otherwise (20); one spike of 200 on Sunday 03:00 of week 4. */
static double weekly(int64_t h)
{
	int64_t day = h / 24 % 7, hour = h % 24;
	if (h == 3 * 168 + 6 * 24 + 3)
		return 200;
	return day < 5 && hour >= 9 && hour < 17 ? 200 : 20;
}

static void test_hour_of_week_baseline(void **state)
{
	struct detect_params p;
	detect_params_default(&p);
	/* Weeks 1-2 teach the pattern (the first office hours may alert); in weeks 3-4
	 * the office hours are expected and only the Sunday night burst alerts. */
	struct detector *d = malloc(sizeof(*d));
	struct err e = { 0 };
	assert_int_equal(detector_init(d, &p, &e), 0);
	int late_alerts = 0, spike_found = 0;
	for (int h = 0; h < 4 * 168; h++) {
		int64_t t = MONDAY + h * 3600LL;
		struct detect_alert a;
		bool fired = detector_push(d, t, t, weekly(h), &a);
		if (fired && h >= 2 * 168) {
			late_alerts++;
			spike_found += h == 3 * 168 + 6 * 24 + 3;
		}
	}
	free(d);
	assert_int_equal(spike_found, 1);
	assert_int_equal(late_alerts, 1);
}

/* Two bursts two hours apart: one episode, one alert. */
static double two_bursts(int64_t h)
{
	return h == 300 || h == 302 ? 300 : 30;
}

static void test_one_alert_per_episode(void **state)
{
	struct detect_params p;
	detect_params_default(&p);
	struct run r = feed(&p, 400, two_bursts);
	assert_int_equal(r.alerts, 1);
	assert_int_equal(r.first, 300);
	p.refractory_minutes = 60;
	r = feed(&p, 400, two_bursts);
	assert_int_equal(r.alerts, 2);
}

/* A rise from 1 to 9 is a large ratio on tiny numbers: min_count keeps it quiet. */
static double tiny(int64_t h)
{
	return h == 200 ? 9 : 1;
}

static void test_min_count_and_window(void **state)
{
	struct detect_params p;
	detect_params_default(&p);
	p.min_count = 10;
	assert_int_equal(feed(&p, 300, tiny).alerts, 0);
	p.min_count = 5;
	assert_int_equal(feed(&p, 300, tiny).alerts, 1);
	/* Over a 3-hour window the sum at the spike is 1 + 1 + 9 = 11 against a baseline of 3,
	 * (11 - 3) / sqrt(3) = 4.6 Poisson spreads above it. */
	p.window_minutes = 180;
	assert_int_equal(feed(&p, 300, tiny).alerts, 0);
	p.z = 4.5;
	struct run r = feed(&p, 300, tiny);
	assert_int_equal(r.alerts, 1);
	assert_true(r.a.value == 11);
	assert_true(r.a.baseline > 2.9 && r.a.baseline < 3.1);
}

static void test_bad_parameters(void **state)
{
	struct detect_params p;
	struct detector *d = malloc(sizeof(*d));
	struct err e = { 0 };
	double *fields[] = { &p.window_minutes, &p.factor, &p.z, &p.alpha };
	double bad[] = { 0, 0.5, 0, 1 };
	for (int i = 0; i < 4; i++) {
		detect_params_default(&p);
		*fields[i] = bad[i];
		assert_int_equal(detector_init(d, &p, &e), ERR_USAGE);
	}
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spike_on_flat_series),
		cmocka_unit_test(test_hour_of_week_baseline),
		cmocka_unit_test(test_one_alert_per_episode),
		cmocka_unit_test(test_min_count_and_window),
		cmocka_unit_test(test_bad_parameters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
