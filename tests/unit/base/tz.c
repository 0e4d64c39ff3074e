/*
 * Unit tests of src/base/tz.c against glibc as an independent oracle.
 *
 * Only this test touches process-wide time state: it sets TZ and calls
 * tzset()/localtime_r()/mktime() to compute what the library should say.
 * The DST-edge cases are also checked against hand-computed instants.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/isotime.h"
#include "base/tz.h"
#include "base/xalloc.h"

static struct tz *load(const char *name)
{
	struct tz *z = NULL;
	struct err e = { 0 };
	int rc = tz_load(name, NULL, &z, &e);
	if (rc)
		fail_msg("tz_load(%s): %s", name, e.msg);
	return z;
}

static void oracle_zone(const char *name)
{
	setenv("TZ", name, 1);
	tzset();
}

/* Compare our view of instant t with glibc's localtime_r. */
static void check_instant(const struct tz *z, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm))
		fail_msg("localtime_r failed at %lld", (long long)t);
	struct tz_local l;
	tz_to_local(z, t, &l);
	if (l.offset != tm.tm_gmtoff || l.is_dst != (tm.tm_isdst > 0) ||
	    strcmp(l.abbr, tm.tm_zone) != 0 || l.year != tm.tm_year + 1900LL ||
	    l.month != (unsigned)tm.tm_mon + 1 || l.day != (unsigned)tm.tm_mday ||
	    l.hour != (unsigned)tm.tm_hour || l.min != (unsigned)tm.tm_min ||
	    l.sec != (unsigned)tm.tm_sec || l.weekday % 7 != (unsigned)tm.tm_wday) {
		char buf[ISO_BUFSZ];
		iso_format_utc(t, buf);
		fail_msg("%s at %s (%lld): ours %+d %d %s %lld-%u-%u %02u:%02u, glibc %+ld %d %s "
			 "%d-%d-%d %02d:%02d",
			 tz_name(z), buf, (long long)t, l.offset, l.is_dst, l.abbr,
			 (long long)l.year, l.month, l.day, l.hour, l.min, tm.tm_gmtoff,
			 tm.tm_isdst, tm.tm_zone, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			 tm.tm_hour, tm.tm_min);
	}
	/* Round trip: the wall time maps back to t, or to the earlier instant
	 * with the same wall time when t is the second pass of an overlap. */
	int64_t wall = t + l.offset;
	int64_t back = tz_from_wall(z, wall);
	if (back != t) {
		struct tz_local l2;
		tz_to_local(z, back, &l2);
		if (!(back < t && back + l2.offset == wall))
			fail_msg("%s: wall time of %lld maps back to %lld", tz_name(z),
				 (long long)t, (long long)back);
	}
}

/* Every zone of the brief, from 1901 to 2500 in steps of ~3 days and odd
 * seconds so all times of day and all weekdays are visited. */
static void sweep(const char *name, int64_t from, int64_t to)
{
	struct tz *z = load(name);
	oracle_zone(name);
	size_t n = 0;
	for (int64_t t = from; t < to; t += 3 * 86400 + 3607, n++)
		check_instant(z, t);
	assert_true(n > 1000);
	/* Both sides of every transition. */
	size_t nt;
	struct tz_transition *v = tz_transitions(z, from, to, &nt);
	for (size_t i = 0; i < nt; i++) {
		check_instant(z, v[i].at - 1);
		check_instant(z, v[i].at);
		assert_int_equal(tz_offset_at(z, v[i].at - 1), v[i].offset_before);
		assert_int_equal(tz_offset_at(z, v[i].at), v[i].offset_after);
	}
	free(v);
	tz_free(z);
}

#define Y1901 (-2145916800LL) /* 1902-01-01, after every 32-bit oddity */
#define Y2500 16725225600LL

static void test_amsterdam(void **state)
{
	sweep("Europe/Amsterdam", Y1901, Y2500);
}
static void test_new_york(void **state)
{
	sweep("America/New_York", Y1901, Y2500);
}
static void test_lord_howe(void **state)
{
	sweep("Australia/Lord_Howe", Y1901, Y2500);
}
static void test_kathmandu(void **state)
{
	sweep("Asia/Kathmandu", Y1901, Y2500);
}
static void test_utc(void **state)
{
	sweep("UTC", Y1901, Y2500);
	struct tz *z = tz_utc();
	struct tz_local l;
	tz_to_local(z, 1774771200, &l);
	assert_int_equal(l.offset, 0);
	assert_string_equal(l.abbr, "UTC");
	tz_free(z);
}

/* A zone with southern-hemisphere DST and one that abolished it. */
static void test_more_zones(void **state)
{
	sweep("America/Sao_Paulo", Y1901, Y2500);
	sweep("Australia/Sydney", Y1901, Y2500);
	sweep("Europe/Dublin", Y1901, Y2500); /* negative DST in the data */
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	return iso_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60;
}

/* glibc's mktime for an unambiguous local time, as a second opinion. */
static int64_t oracle_mktime(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			 .tm_hour = h, .tm_min = mi, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

struct edge {
	const char *zone;
	int y, mo, d, h, mi; /* local wall time */
	int64_t want;        /* hand-computed UTC instant */
	int ordinary;        /* neither gap nor overlap: mktime must agree */
};

static void test_dst_edges(void **state)
{
	const struct edge cases[] = {
		/* 09:00 on both sides of the 2026 switches in Amsterdam */
		{ "Europe/Amsterdam", 2026, 3, 28, 9, 0, utc(2026, 3, 28, 8, 0), 1 },
		{ "Europe/Amsterdam", 2026, 3, 29, 9, 0, utc(2026, 3, 29, 7, 0), 1 },
		{ "Europe/Amsterdam", 2026, 3, 30, 9, 0, utc(2026, 3, 30, 7, 0), 1 },
		{ "Europe/Amsterdam", 2026, 10, 24, 9, 0, utc(2026, 10, 24, 7, 0), 1 },
		{ "Europe/Amsterdam", 2026, 10, 25, 9, 0, utc(2026, 10, 25, 8, 0), 1 },
		{ "Europe/Amsterdam", 2026, 10, 26, 9, 0, utc(2026, 10, 26, 8, 0), 1 },
		/* gap: 02:30 does not exist, moves forward by the hour to 03:30 CEST */
		{ "Europe/Amsterdam", 2026, 3, 29, 2, 30, utc(2026, 3, 29, 1, 30), 0 },
		/* overlap: 02:30 happens twice; the first (CEST) is taken */
		{ "Europe/Amsterdam", 2026, 10, 25, 2, 30, utc(2026, 10, 25, 0, 30), 0 },
		/* just outside gap and overlap */
		{ "Europe/Amsterdam", 2026, 3, 29, 1, 59, utc(2026, 3, 29, 0, 59), 1 },
		{ "Europe/Amsterdam", 2026, 3, 29, 3, 0, utc(2026, 3, 29, 1, 0), 1 },
		{ "Europe/Amsterdam", 2026, 10, 25, 3, 0, utc(2026, 10, 25, 2, 0), 1 },
		{ "America/New_York", 2026, 3, 8, 2, 30, utc(2026, 3, 8, 7, 30), 0 },
		{ "America/New_York", 2026, 11, 1, 1, 30, utc(2026, 11, 1, 5, 30), 0 },
		{ "America/New_York", 2026, 3, 7, 9, 0, utc(2026, 3, 7, 14, 0), 1 },
		{ "America/New_York", 2026, 3, 9, 9, 0, utc(2026, 3, 9, 13, 0), 1 },
		/* Lord Howe moves by 30 minutes: gap 02:00-02:30, overlap 01:30-02:00 */
		{ "Australia/Lord_Howe", 2026, 10, 4, 2, 15, utc(2026, 10, 3, 15, 45), 0 },
		{ "Australia/Lord_Howe", 2026, 4, 5, 1, 45, utc(2026, 4, 4, 14, 45), 0 },
		{ "Australia/Lord_Howe", 2026, 4, 5, 9, 0, utc(2026, 4, 4, 22, 30), 1 },
		{ "Australia/Lord_Howe", 2026, 10, 4, 9, 0, utc(2026, 10, 3, 22, 0), 1 },
		{ "Asia/Kathmandu", 2026, 3, 29, 9, 0, utc(2026, 3, 29, 3, 15), 1 },
		/* far future, from the footer rule (last Sunday of March 2400 is the 26th) */
		{ "Europe/Amsterdam", 2400, 3, 25, 9, 0, utc(2400, 3, 25, 8, 0), 1 },
		{ "Europe/Amsterdam", 2400, 3, 26, 9, 0, utc(2400, 3, 26, 7, 0), 1 },
		{ "Europe/Amsterdam", 2400, 3, 26, 2, 30, utc(2400, 3, 26, 1, 30), 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct edge *c = &cases[i];
		struct tz *z = load(c->zone);
		int64_t got = tz_from_local(z, c->y, c->mo, c->d, c->h, c->mi, 0);
		if (got != c->want)
			fail_msg("case %zu %s %d-%02d-%02d %02d:%02d: got %lld want %lld", i,
				 c->zone, c->y, c->mo, c->d, c->h, c->mi, (long long)got,
				 (long long)c->want);
		if (c->ordinary) {
			oracle_zone(c->zone);
			assert_int_equal(oracle_mktime(c->y, c->mo, c->d, c->h, c->mi), c->want);
		}
		tz_free(z);
	}
}

/* Which wall times are unique, missing or doubled. */
static void test_wall_kind(void **state)
{
	struct tz *z = load("Europe/Amsterdam");
	const int64_t day = 86400;
	int64_t spring = iso_days_from_civil(2026, 3, 29) * day;
	int64_t autumn = iso_days_from_civil(2026, 10, 25) * day;
	assert_int_equal(tz_wall_kind(z, spring + 1 * 3600 + 59 * 60), TZ_WALL_UNIQUE);
	assert_int_equal(tz_wall_kind(z, spring + 2 * 3600), TZ_WALL_GAP);
	assert_int_equal(tz_wall_kind(z, spring + 2 * 3600 + 30 * 60), TZ_WALL_GAP);
	assert_int_equal(tz_wall_kind(z, spring + 3 * 3600), TZ_WALL_UNIQUE);
	assert_int_equal(tz_wall_kind(z, autumn + 1 * 3600 + 59 * 60), TZ_WALL_UNIQUE);
	assert_int_equal(tz_wall_kind(z, autumn + 2 * 3600), TZ_WALL_OVERLAP);
	assert_int_equal(tz_wall_kind(z, autumn + 2 * 3600 + 59 * 60), TZ_WALL_OVERLAP);
	assert_int_equal(tz_wall_kind(z, autumn + 3 * 3600), TZ_WALL_UNIQUE);
	assert_int_equal(tz_wall_kind(z, autumn + 9 * 3600), TZ_WALL_UNIQUE);
	tz_free(z);
}

/* Weekly posting slots across the switches, checked by hand. */
static void test_next_weekly(void **state)
{
	struct tz *z = load("Europe/Amsterdam");
	const int32_t nine = 9 * 3600;
	/* Sunday 09:00: CEST from 29 March on */
	assert_int_equal(tz_next_weekly(z, utc(2026, 3, 28, 12, 0), 7, nine), utc(2026, 3, 29, 7, 0));
	assert_int_equal(tz_next_weekly(z, utc(2026, 3, 29, 7, 0), 7, nine), utc(2026, 3, 29, 7, 0));
	assert_int_equal(tz_next_weekly(z, utc(2026, 3, 29, 7, 1), 7, nine), utc(2026, 4, 5, 7, 0));
	/* Saturday 09:00 before the switch is still CET */
	assert_int_equal(tz_next_weekly(z, utc(2026, 3, 23, 0, 0), 6, nine), utc(2026, 3, 28, 8, 0));
	/* Sunday 02:30 does not exist on 29 March: 03:30 CEST */
	assert_int_equal(tz_next_weekly(z, utc(2026, 3, 28, 0, 0), 7, 2 * 3600 + 1800),
			 utc(2026, 3, 29, 1, 30));
	/* Sunday 02:30 on 25 October happens twice: the first */
	assert_int_equal(tz_next_weekly(z, utc(2026, 10, 24, 0, 0), 7, 2 * 3600 + 1800),
			 utc(2026, 10, 25, 0, 30));
	/* Monday 09:00 after the autumn switch: CET */
	assert_int_equal(tz_next_weekly(z, utc(2026, 10, 25, 12, 0), 1, nine), utc(2026, 10, 26, 8, 0));
	/* against glibc: every weekday and a few times of day through 2026 */
	oracle_zone("Europe/Amsterdam");
	for (int64_t after = utc(2026, 1, 1, 0, 0); after < utc(2027, 1, 1, 0, 0); after += 86400 * 5 + 7321) {
		for (unsigned wd = 1; wd <= 7; wd++) {
			int64_t t = tz_next_weekly(z, after, wd, 17 * 3600 + 45 * 60);
			time_t tt = (time_t)t;
			struct tm tm;
			localtime_r(&tt, &tm);
			assert_true(t >= after && t < after + 7 * 86400 + 3600);
			assert_int_equal(tm.tm_wday, wd % 7);
			assert_int_equal(tm.tm_hour, 17);
			assert_int_equal(tm.tm_min, 45);
		}
	}
	tz_free(z);
}

/* The transitions the VTIMEZONE writer will see for Amsterdam in 2026. */
static void test_transitions_2026(void **state)
{
	struct tz *z = load("Europe/Amsterdam");
	size_t n;
	struct tz_transition *v =
		tz_transitions(z, utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0), &n);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].at, utc(2026, 3, 29, 1, 0));
	assert_int_equal(v[0].offset_before, 3600);
	assert_int_equal(v[0].offset_after, 7200);
	assert_true(v[0].is_dst);
	assert_string_equal(v[0].abbr, "CEST");
	assert_int_equal(v[1].at, utc(2026, 10, 25, 1, 0));
	assert_int_equal(v[1].offset_after, 3600);
	assert_false(v[1].is_dst);
	assert_string_equal(v[1].abbr, "CET");
	free(v);
	/* Kathmandu has had no change since 1986 */
	tz_free(z);
	z = load("Asia/Kathmandu");
	v = tz_transitions(z, utc(2000, 1, 1, 0, 0), utc(2100, 1, 1, 0, 0), &n);
	assert_int_equal(n, 0);
	free(v);
	tz_free(z);
}

/* The footer rule alone gives the same answers as the whole file. */
static void test_posix_rule_matches_file(void **state)
{
	struct tz *file = load("Europe/Amsterdam");
	assert_string_equal(tz_footer(file), "CET-1CEST,M3.5.0,M10.5.0/3");
	struct tz *rule;
	struct err e = { 0 };
	assert_int_equal(tz_parse_posix("rule", tz_footer(file), &rule, &e), 0);
	for (int64_t t = utc(2040, 1, 1, 0, 0); t < utc(2060, 1, 1, 0, 0); t += 86400 + 1799)
		assert_int_equal(tz_offset_at(rule, t), tz_offset_at(file, t));
	tz_free(rule);
	tz_free(file);

	const char *bad[] = { "", "C", "CET", "CET-1CEST", "CET-1CEST,M3.5.0",
			      "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0",
			      "<+0330", "CET-1CEST,J0,J365", "CET-1x" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(tz_parse_posix("x", bad[i], &rule, &e), ERR_DATA);
		assert_null(rule);
	}
	/* <+0330>-3:30 style names with angle brackets */
	assert_int_equal(tz_parse_posix("x", "<+0330>-3:30", &rule, &e), 0);
	assert_int_equal(tz_offset_at(rule, 0), 3 * 3600 + 1800);
	struct tz_local l;
	tz_to_local(rule, 0, &l);
	assert_string_equal(l.abbr, "+0330");
	tz_free(rule);
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	unsigned char *buf = xmalloc(1 << 16);
	*n = fread(buf, 1, 1 << 16, f);
	fclose(f);
	return buf;
}

static void test_load_errors(void **state)
{
	struct tz *z;
	struct err e = { 0 };
	assert_int_equal(tz_load("Europe/Atlantis", NULL, &z, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "Europe/Atlantis"));
	assert_null(z);
	assert_int_equal(tz_load("../../etc/passwd", NULL, &z, &e), ERR_NOTFOUND);
	assert_int_equal(tz_load("/etc/passwd", NULL, &z, &e), ERR_NOTFOUND);
	assert_int_equal(tz_load("Europe", NULL, &z, &e), ERR_NOTFOUND);
	assert_int_equal(tz_load("", NULL, &z, &e), ERR_NOTFOUND);

	/* A file that is not TZif, in a zoneinfo folder of our own. */
	char dir[] = "/tmp/koers-tz-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/Bad", dir);
	FILE *f = fopen(path, "wb");
	fputs("not a zone\n", f);
	fclose(f);
	assert_int_equal(tz_load("Bad", dir, &z, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "byte 0"));
	assert_non_null(strstr(e.msg, "TZif"));
	remove(path);
	free(path);
	rmdir(dir);

	/* Every truncation of a real file is refused or parsed, never a crash;
	 * cutting inside the data block names the end of the file. */
	size_t n;
	unsigned char *buf = slurp("/usr/share/zoneinfo/Europe/Amsterdam", &n);
	assert_int_equal(tz_parse("A", buf, n, &z, &e), 0);
	tz_free(z);
	for (size_t cut = 0; cut < n; cut++) {
		int rc = tz_parse("A", buf, cut, &z, &e);
		if (rc == 0)
			tz_free(z);
		else
			assert_int_equal(rc, ERR_DATA);
	}
	assert_int_equal(tz_parse("A", buf, 100, &z, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "byte 100"));
	/* a transition type index out of range */
	unsigned char *copy = xmalloc(n);
	memcpy(copy, buf, n);
	copy[4] = '1'; /* read only the version 1 block */
	uint32_t timecnt = (uint32_t)copy[32] << 24 | copy[33] << 16 | copy[34] << 8 | copy[35];
	if (timecnt > 0) {
		copy[44 + timecnt * 4] = 250;
		assert_int_equal(tz_parse("A", copy, n, &z, &e), ERR_DATA);
		assert_non_null(strstr(e.msg, "type out of range"));
	}
	free(copy);
	free(buf);
}

/* Dutch error text comes through the catalogue. */
static void test_error_in_dutch(void **state)
{
	struct tz *z;
	struct err e = { .lang = LANG_NL };
	assert_int_equal(tz_parse("x", (const unsigned char *)"nope", 4, &z, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "TZif"));
	assert_null(strstr(e.msg, "not a valid"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amsterdam),
		cmocka_unit_test(test_new_york),
		cmocka_unit_test(test_lord_howe),
		cmocka_unit_test(test_kathmandu),
		cmocka_unit_test(test_utc),
		cmocka_unit_test(test_more_zones),
		cmocka_unit_test(test_dst_edges),
		cmocka_unit_test(test_wall_kind),
		cmocka_unit_test(test_next_weekly),
		cmocka_unit_test(test_transitions_2026),
		cmocka_unit_test(test_posix_rule_matches_file),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_error_in_dutch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
