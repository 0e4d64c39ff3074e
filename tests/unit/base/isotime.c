/*
 * Unit tests of src/base/isotime.c: civil arithmetic against glibc's timegm
 * and strftime (%G-W%V, %u) as an oracle, parsing of good and bad input with
 * the column of the first bad character, periods as ranges in a zone, and
 * formatting; expected instants are computed by hand.
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

#include "base/isotime.h"
#include "base/tz.h"

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	return iso_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60;
}

static struct tz *load(const char *name)
{
	struct tz *z = NULL;
	struct err e = { 0 };
	if (tz_load(name, NULL, &z, &e))
		fail_msg("%s", e.msg);
	return z;
}

/* Every day from 1600 to 2600 against glibc: day number, weekday, ISO week. */
static void test_civil_against_glibc(void **state)
{
	int64_t first = iso_days_from_civil(1600, 1, 1), last = iso_days_from_civil(2600, 1, 1);
	struct tm tm0 = { .tm_year = 1600 - 1900, .tm_mon = 0, .tm_mday = 1 };
	assert_int_equal((int64_t)timegm(&tm0), first * 86400);
	for (int64_t day = first; day < last; day++) {
		time_t t = (time_t)(day * 86400);
		struct tm tm;
		gmtime_r(&t, &tm);
		int64_t y;
		unsigned m, d;
		iso_civil_from_days(day, &y, &m, &d);
		if (y != tm.tm_year + 1900 || m != (unsigned)tm.tm_mon + 1 ||
		    d != (unsigned)tm.tm_mday)
			fail_msg("day %lld: %lld-%u-%u", (long long)day, (long long)y, m, d);
		assert_int_equal(iso_days_from_civil(y, m, d), day);
		assert_int_equal(iso_weekday(day) % 7, tm.tm_wday);
		char want[32], got[ISO_BUFSZ];
		strftime(want, sizeof(want), "%G-W%V", &tm);
		int64_t wy;
		unsigned w;
		iso_week_of(day, &wy, &w);
		iso_format_week(wy, w, got);
		if (strcmp(got, want) != 0)
			fail_msg("day %lld: week %s, glibc %s", (long long)day, got, want);
		assert_true(day >= iso_week_monday(wy, w) && day < iso_week_monday(wy, w) + 7);
		assert_int_equal(iso_weekday(iso_week_monday(wy, w)), 1);
		assert_true(w <= iso_weeks_in_year(wy));
	}
}

static void test_civil_hand_values(void **state)
{
	assert_int_equal(iso_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(iso_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(iso_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(iso_weekday(0), 4);                                 /* Thursday */
	assert_int_equal(iso_weekday(iso_days_from_civil(2026, 3, 29)), 7); /* Sunday */
	assert_int_equal(iso_weekday(iso_days_from_civil(2000, 2, 29)), 2); /* Tuesday */
	assert_int_equal(iso_weeks_in_year(2026), 53); /* starts on a Thursday */
	assert_int_equal(iso_weeks_in_year(2027), 52);
	assert_int_equal(iso_weeks_in_year(2020), 53); /* leap, starts on a Wednesday */
	assert_int_equal(iso_days_in_month(2024, 2), 29);
	assert_int_equal(iso_days_in_month(1900, 2), 28);
	assert_int_equal(iso_days_in_month(2000, 2), 29);
	assert_int_equal(iso_days_in_month(2026, 13), 0);
	assert_int_equal(iso_floordiv(-1, 86400), -1);
	assert_int_equal(iso_floormod(-1, 86400), 86399);
	/* far years stay exact */
	int64_t y;
	unsigned m, d;
	iso_civil_from_days(iso_days_from_civil(-9999, 1, 1), &y, &m, &d);
	assert_int_equal(y, -9999);
	iso_civil_from_days(iso_days_from_civil(9999, 12, 31), &y, &m, &d);
	assert_true(y == 9999 && m == 12 && d == 31);
}

struct good {
	const char *in;
	int64_t want;
};

static void test_parse_datetime_good(void **state)
{
	struct tz *ams = load("Europe/Amsterdam");
	const struct good cases[] = {
		{ "2026-03-29T09:00:00+02:00", utc(2026, 3, 29, 7, 0) },
		{ "2026-03-29T07:00:00Z", utc(2026, 3, 29, 7, 0) },
		{ "2026-03-29t07:00:00z", utc(2026, 3, 29, 7, 0) },
		{ "2026-03-29 07:00Z", utc(2026, 3, 29, 7, 0) },
		{ "2026-03-29T07:00:00.123456Z", utc(2026, 3, 29, 7, 0) },
		{ "2026-03-29T07:00:00,5Z", utc(2026, 3, 29, 7, 0) },
		{ "2026-03-29T12:00:00-05:30", utc(2026, 3, 29, 17, 30) },
		{ "2026-03-29T07:00:00-00:00", utc(2026, 3, 29, 7, 0) },
		{ "1969-12-31T23:59:59Z", -1 },
		{ "2024-02-29T00:00:00+14:00", utc(2024, 2, 28, 10, 0) },
		/* local times, read in Europe/Amsterdam */
		{ "2026-03-28T09:00", utc(2026, 3, 28, 8, 0) },
		{ "2026-03-30T09:00:00", utc(2026, 3, 30, 7, 0) },
		{ "2026-03-29T02:30", utc(2026, 3, 29, 1, 30) },   /* gap: forward */
		{ "2026-10-25T02:30", utc(2026, 10, 25, 0, 30) },  /* overlap: first */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = 0;
		struct err e = { 0 };
		if (iso_parse_datetime(cases[i].in, ams, &got, &e, NULL))
			fail_msg("%s: %s", cases[i].in, e.msg);
		if (got != cases[i].want)
			fail_msg("%s: got %lld want %lld", cases[i].in, (long long)got,
				 (long long)cases[i].want);
	}
	tz_free(ams);
}

struct badcase {
	const char *in;
	unsigned col;
	const char *why; /* a fragment of the message */
};

static void test_parse_datetime_bad(void **state)
{
	const struct badcase cases[] = {
		{ "", 1, "four-digit year" },
		{ "26-03-29T09:00Z", 3, "four-digit year" },
		{ "2026/03/29T09:00Z", 5, "'-' after the year" },
		{ "2026-13-01T00:00Z", 6, "month must be" },
		{ "2026-00-01T00:00Z", 6, "month must be" },
		{ "2026-02-29T00:00Z", 9, "day does not exist" },
		{ "2026-04-31T00:00Z", 9, "day does not exist" },
		{ "2026-03-29X09:00Z", 11, "'T'" },
		{ "2026-03-29", 11, "'T'" },
		{ "2026-03-29T24:00Z", 12, "hour must be" },
		{ "2026-03-29T9:00Z", 13, "two-digit hour" },
		{ "2026-03-29T09:60Z", 15, "minutes must be" },
		{ "2026-03-29T09:00:60Z", 18, "leap seconds" },
		{ "2026-03-29T09:00:61Z", 18, "seconds must be" },
		{ "2026-03-29T09:00:00.Z", 21, "digits after the decimal" },
		{ "2026-03-29T09:00+2:00", 19, "offset hour" },
		{ "2026-03-29T09:00+24:00", 18, "offset hour must be" },
		{ "2026-03-29T09:00+02:60", 21, "offset minutes must be" },
		{ "2026-03-29T09:00+0200", 20, "':' in the offset" },
		{ "2026-03-29T09:00Zjunk", 18, "unexpected text" },
		{ "2026-03-29T09:00 ", 17, "'Z' or an offset" },
		{ "2026-03-29T09:00", 17, "no offset" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = 0;
		unsigned col = 0;
		struct err e = { 0 };
		int rc = iso_parse_datetime(cases[i].in, NULL, &got, &e, &col);
		if (rc != ERR_DATA || col != cases[i].col || !strstr(e.msg, cases[i].why))
			fail_msg("\"%s\": rc %d col %u (want %u): %s", cases[i].in, rc, col,
				 cases[i].col, e.msg);
		char where[32];
		snprintf(where, sizeof(where), "column %u", cases[i].col);
		assert_non_null(strstr(e.msg, where));
	}
}

static void test_parse_date_and_clock(void **state)
{
	int64_t days;
	int32_t secs;
	unsigned col;
	struct err e = { 0 };
	assert_int_equal(iso_parse_date("2024-02-29", &days, &e, &col), 0);
	assert_int_equal(days, iso_days_from_civil(2024, 2, 29));
	assert_int_equal(iso_parse_date("2024-02-29T", &days, &e, &col), ERR_DATA);
	assert_int_equal(col, 11);
	assert_int_equal(iso_parse_date("2023-02-29", &days, &e, &col), ERR_DATA);
	assert_int_equal(col, 9);
	assert_int_equal(iso_parse_clock("09:30", &secs, &e, &col), 0);
	assert_int_equal(secs, 9 * 3600 + 30 * 60);
	assert_int_equal(iso_parse_clock("23:59:59", &secs, &e, &col), 0);
	assert_int_equal(secs, 86399);
	assert_int_equal(iso_parse_clock("9:30", &secs, &e, &col), ERR_DATA);
	assert_int_equal(col, 2);
	assert_int_equal(iso_parse_clock("09:30:00.5", &secs, &e, &col), ERR_DATA);
	assert_int_equal(col, 9);
}

struct period {
	const char *in;
	enum iso_period_kind kind;
	int64_t start, end;
};

static void test_periods_in_amsterdam(void **state)
{
	struct tz *ams = load("Europe/Amsterdam");
	const struct period cases[] = {
		/* Q1 2026: CET at the start, CEST at the end */
		{ "2026-Q1", ISO_PERIOD_QUARTER, utc(2025, 12, 31, 23, 0), utc(2026, 3, 31, 22, 0) },
		{ "2026-Q4", ISO_PERIOD_QUARTER, utc(2026, 9, 30, 22, 0), utc(2026, 12, 31, 23, 0) },
		/* week 13 of 2026: Monday 23 March to Monday 30 March, DST in between */
		{ "2026-W13", ISO_PERIOD_WEEK, utc(2026, 3, 22, 23, 0), utc(2026, 3, 29, 22, 0) },
		{ "2026-W01", ISO_PERIOD_WEEK, utc(2025, 12, 28, 23, 0), utc(2026, 1, 4, 23, 0) },
		{ "2026-W53", ISO_PERIOD_WEEK, utc(2026, 12, 27, 23, 0), utc(2027, 1, 3, 23, 0) },
		{ "2026-03", ISO_PERIOD_MONTH, utc(2026, 2, 28, 23, 0), utc(2026, 3, 31, 22, 0) },
		{ "2026-03-29", ISO_PERIOD_DAY, utc(2026, 3, 28, 23, 0), utc(2026, 3, 29, 22, 0) },
		{ "2026-10-25", ISO_PERIOD_DAY, utc(2026, 10, 24, 22, 0), utc(2026, 10, 25, 23, 0) },
		{ "2026", ISO_PERIOD_YEAR, utc(2025, 12, 31, 23, 0), utc(2026, 12, 31, 23, 0) },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iso_range r;
		struct err e = { 0 };
		if (iso_parse_period(cases[i].in, ams, &r, &e, NULL))
			fail_msg("%s: %s", cases[i].in, e.msg);
		assert_int_equal(r.kind, cases[i].kind);
		if (r.start != cases[i].start || r.end != cases[i].end)
			fail_msg("%s: [%lld, %lld) want [%lld, %lld)", cases[i].in,
				 (long long)r.start, (long long)r.end, (long long)cases[i].start,
				 (long long)cases[i].end);
	}
	/* in UTC a day is exactly 86400 seconds */
	struct iso_range r;
	struct err e = { 0 };
	assert_int_equal(iso_parse_period("2026-03-29", NULL, &r, &e, NULL), 0);
	assert_int_equal(r.end - r.start, 86400);
	tz_free(ams);
}

static void test_periods_bad(void **state)
{
	const struct badcase cases[] = {
		{ "2027-W53", 7, "week does not exist" },
		{ "2026-W00", 7, "week does not exist" },
		{ "2026-W5", 8, "two-digit week" },
		{ "2026-Q5", 7, "quarter must be" },
		{ "2026-Q0", 7, "quarter must be" },
		{ "2026-Qx", 7, "quarter digit" },
		{ "2026-13", 6, "month must be" },
		{ "2026-X1", 6, "month, 'W'" },
		{ "2026-02-30", 9, "day does not exist" },
		{ "2026-Q1x", 8, "unexpected text" },
		{ "20261", 5, "'-' after the year" },
		{ "year", 1, "four-digit year" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iso_range r;
		unsigned col = 0;
		struct err e = { 0 };
		int rc = iso_parse_period(cases[i].in, NULL, &r, &e, &col);
		if (rc != ERR_DATA || col != cases[i].col || !strstr(e.msg, cases[i].why))
			fail_msg("\"%s\": rc %d col %u (want %u): %s", cases[i].in, rc, col,
				 cases[i].col, e.msg);
	}
}

static void test_format(void **state)
{
	char buf[ISO_BUFSZ];
	struct tz *ams = load("Europe/Amsterdam"), *ktm = load("Asia/Kathmandu");
	iso_format_utc(-1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
	iso_format_local(ams, utc(2026, 3, 29, 7, 0), buf);
	assert_string_equal(buf, "2026-03-29T09:00:00+02:00");
	iso_format_local(ams, utc(2026, 3, 28, 8, 0), buf);
	assert_string_equal(buf, "2026-03-28T09:00:00+01:00");
	iso_format_local(ktm, utc(2026, 3, 29, 3, 15), buf);
	assert_string_equal(buf, "2026-03-29T09:00:00+05:45");
	iso_format_local(NULL, 0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	iso_format_offset(0, -(3 * 3600 + 1800), buf);
	assert_string_equal(buf, "1969-12-31T20:30:00-03:30");
	/* Amsterdam mean time, before 1937: +00:19:32 */
	iso_format_offset(0, 19 * 60 + 32, buf);
	assert_string_equal(buf, "1970-01-01T00:19:32+00:19:32");
	iso_format_date(iso_days_from_civil(2026, 1, 5), buf);
	assert_string_equal(buf, "2026-01-05");
	iso_format_week(2026, 1, buf);
	assert_string_equal(buf, "2026-W01");
	/* format then parse gives the instant back, in every zone */
	for (int64_t t = 0; t < 8000000000; t += 7777777) {
		int64_t back;
		struct err e = { 0 };
		iso_format_local(ams, t, buf);
		assert_int_equal(iso_parse_datetime(buf, NULL, &back, &e, NULL), 0);
		assert_int_equal(back, t);
		iso_format_local(ktm, t, buf);
		assert_int_equal(iso_parse_datetime(buf, NULL, &back, &e, NULL), 0);
		assert_int_equal(back, t);
	}
	tz_free(ams);
	tz_free(ktm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_against_glibc),
		cmocka_unit_test(test_civil_hand_values),
		cmocka_unit_test(test_parse_datetime_good),
		cmocka_unit_test(test_parse_datetime_bad),
		cmocka_unit_test(test_parse_date_and_clock),
		cmocka_unit_test(test_periods_in_amsterdam),
		cmocka_unit_test(test_periods_bad),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
