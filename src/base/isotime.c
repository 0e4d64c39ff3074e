/*
 * isotime — civil arithmetic and ISO 8601 text; see isotime.h.
 */
#include "base/isotime.h"

#include <stdio.h>
#include <string.h>

#include "base/tz.h"

int64_t iso_floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t iso_floormod(int64_t a, int64_t b)
{
	return a - iso_floordiv(a, b) * b;
}

/* Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of
 * 400 years starting on March 1st make the leap day the last of the year. */
int64_t iso_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = iso_floordiv(y, 400);
	int64_t yoe = y - era * 400;                                    /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

void iso_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = iso_floordiv(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

unsigned iso_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (4) */
	return (unsigned)(iso_floormod(days + 3, 7) + 1);
}

int iso_is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned iso_days_in_month(int64_t y, unsigned m)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return dim[m - 1] + (m == 2 && iso_is_leap(y));
}

/* Monday of week 1: the week with the year's first Thursday (January 4th). */
static int64_t week1_monday(int64_t wy)
{
	int64_t jan4 = iso_days_from_civil(wy, 1, 4);
	return jan4 - (iso_weekday(jan4) - 1);
}

unsigned iso_weeks_in_year(int64_t wy)
{
	return (unsigned)((week1_monday(wy + 1) - week1_monday(wy)) / 7);
}

void iso_week_of(int64_t days, int64_t *wy, unsigned *week)
{
	/* The Thursday of the day's week decides the week-year. */
	int64_t thu = days - (iso_weekday(days) - 1) + 3, y;
	unsigned m, d;
	iso_civil_from_days(thu, &y, &m, &d);
	*wy = y;
	*week = (unsigned)((thu - week1_monday(y)) / 7 + 1);
}

int64_t iso_week_monday(int64_t wy, unsigned week)
{
	return week1_monday(wy) + 7 * ((int64_t)week - 1);
}

int64_t iso_civil_to_seconds(const struct iso_civil *c)
{
	return iso_days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 +
	       c->min * 60 + c->sec;
}

void iso_seconds_to_civil(int64_t t, struct iso_civil *c)
{
	int64_t days = iso_floordiv(t, 86400), rem = t - days * 86400;
	iso_civil_from_days(days, &c->year, &c->month, &c->day);
	c->hour = (unsigned)(rem / 3600);
	c->min = (unsigned)(rem / 60 % 60);
	c->sec = (unsigned)(rem % 60);
}

/* ---- formatting ---- */

void iso_format_offset(int64_t t, int32_t offset, char buf[ISO_BUFSZ])
{
	struct iso_civil c;
	iso_seconds_to_civil(t + offset, &c);
	int n = snprintf(buf, ISO_BUFSZ, "%04lld-%02u-%02uT%02u:%02u:%02u", (long long)c.year,
			 c.month, c.day, c.hour, c.min, c.sec);
	char sign = offset < 0 ? '-' : '+';
	int32_t a = offset < 0 ? -offset : offset;
	if (n < 0 || n >= ISO_BUFSZ)
		return;
	if (a % 60)
		snprintf(buf + n, ISO_BUFSZ - (size_t)n, "%c%02d:%02d:%02d", sign, a / 3600,
			 a / 60 % 60, a % 60);
	else
		snprintf(buf + n, ISO_BUFSZ - (size_t)n, "%c%02d:%02d", sign, a / 3600,
			 a / 60 % 60);
}

void iso_format_utc(int64_t t, char buf[ISO_BUFSZ])
{
	struct iso_civil c;
	iso_seconds_to_civil(t, &c);
	snprintf(buf, ISO_BUFSZ, "%04lld-%02u-%02uT%02u:%02u:%02uZ", (long long)c.year, c.month,
		 c.day, c.hour, c.min, c.sec);
}

void iso_format_local(const struct tz *z, int64_t t, char buf[ISO_BUFSZ])
{
	if (z)
		iso_format_offset(t, tz_offset_at(z, t), buf);
	else
		iso_format_utc(t, buf);
}

void iso_format_date(int64_t days, char buf[ISO_BUFSZ])
{
	int64_t y;
	unsigned m, d;
	iso_civil_from_days(days, &y, &m, &d);
	snprintf(buf, ISO_BUFSZ, "%04lld-%02u-%02u", (long long)y, m, d);
}

void iso_format_week(int64_t wy, unsigned week, char buf[ISO_BUFSZ])
{
	snprintf(buf, ISO_BUFSZ, "%04lld-W%02u", (long long)wy, week);
}

/* ---- parsing ---- */

struct cur {
	const char *s;
	size_t i;
	struct err *e;
	unsigned *errcol;
};

/* Report the problem at the current position (column = i + 1). */
static int fail_at(struct cur *c, size_t at, const char *why)
{
	unsigned col = (unsigned)at + 1;
	if (c->errcol)
		*c->errcol = col;
	return err_set(c->e, ERR_DATA, "\"%.64s\": column %u: %s", c->s, col,
		       tr(c->e ? c->e->lang : LANG_EN, why));
}

static int fail(struct cur *c, const char *why)
{
	return fail_at(c, c->i, why);
}

/* Exactly n digits. */
static int digits(struct cur *c, int n, int *out, const char *what)
{
	int v = 0;
	*out = 0;
	for (int k = 0; k < n; k++) {
		char ch = c->s[c->i];
		if (ch < '0' || ch > '9')
			return fail(c, what);
		v = v * 10 + (ch - '0');
		c->i++;
	}
	*out = v;
	return 0;
}

static int expect(struct cur *c, char ch, const char *why)
{
	if (c->s[c->i] != ch)
		return fail(c, why);
	c->i++;
	return 0;
}

static int parse_ymd(struct cur *c, int64_t *days)
{
	int y, m, d;
	if (digits(c, 4, &y, N_("expected a four-digit year")) ||
	    expect(c, '-', N_("expected '-' after the year")))
		return ERR_DATA;
	size_t at = c->i;
	if (digits(c, 2, &m, N_("expected a two-digit month")))
		return ERR_DATA;
	if (m < 1 || m > 12)
		return fail_at(c, at, N_("month must be 01 to 12"));
	if (expect(c, '-', N_("expected '-' after the month")))
		return ERR_DATA;
	at = c->i;
	if (digits(c, 2, &d, N_("expected a two-digit day")))
		return ERR_DATA;
	if (d < 1 || (unsigned)d > iso_days_in_month(y, (unsigned)m))
		return fail_at(c, at, N_("day does not exist in that month"));
	*days = iso_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

static int parse_hms(struct cur *c, int32_t *secs, int allow_frac)
{
	int h, m, s = 0;
	size_t at = c->i;
	if (digits(c, 2, &h, N_("expected a two-digit hour")))
		return ERR_DATA;
	if (h > 23)
		return fail_at(c, at, N_("hour must be 00 to 23"));
	if (expect(c, ':', N_("expected ':' after the hour")))
		return ERR_DATA;
	at = c->i;
	if (digits(c, 2, &m, N_("expected two-digit minutes")))
		return ERR_DATA;
	if (m > 59)
		return fail_at(c, at, N_("minutes must be 00 to 59"));
	if (c->s[c->i] == ':') {
		c->i++;
		at = c->i;
		if (digits(c, 2, &s, N_("expected two-digit seconds")))
			return ERR_DATA;
		if (s == 60)
			return fail_at(c, at, N_("leap seconds are not supported"));
		if (s > 59)
			return fail_at(c, at, N_("seconds must be 00 to 59"));
		if (allow_frac && (c->s[c->i] == '.' || c->s[c->i] == ',')) {
			c->i++;
			if (c->s[c->i] < '0' || c->s[c->i] > '9')
				return fail(c, N_("expected digits after the decimal sign"));
			while (c->s[c->i] >= '0' && c->s[c->i] <= '9')
				c->i++;
		}
	}
	*secs = h * 3600 + m * 60 + s;
	return 0;
}

static int at_end(struct cur *c)
{
	if (c->s[c->i] != '\0')
		return fail(c, N_("unexpected text after the value"));
	return 0;
}

int iso_parse_date(const char *s, int64_t *days, struct err *e, unsigned *errcol)
{
	struct cur c = { s, 0, e, errcol };
	if (parse_ymd(&c, days) || at_end(&c))
		return ERR_DATA;
	return 0;
}

int iso_parse_clock(const char *s, int32_t *secs, struct err *e, unsigned *errcol)
{
	struct cur c = { s, 0, e, errcol };
	if (parse_hms(&c, secs, 0) || at_end(&c))
		return ERR_DATA;
	return 0;
}

int iso_parse_datetime(const char *s, const struct tz *zone, int64_t *out, struct err *e,
		       unsigned *errcol)
{
	struct cur c = { s, 0, e, errcol };
	int64_t days;
	int32_t secs;
	if (parse_ymd(&c, &days))
		return ERR_DATA;
	char sep = s[c.i];
	if (sep != 'T' && sep != 't' && sep != ' ')
		return fail(&c, N_("expected 'T' between date and time"));
	c.i++;
	if (parse_hms(&c, &secs, 1))
		return ERR_DATA;
	int64_t wall = days * 86400 + secs;
	char z = s[c.i];
	if (z == 'Z' || z == 'z') {
		c.i++;
		if (at_end(&c))
			return ERR_DATA;
		*out = wall;
		return 0;
	}
	if (z == '+' || z == '-') {
		c.i++;
		int oh, om;
		size_t at = c.i;
		if (digits(&c, 2, &oh, N_("expected a two-digit offset hour")))
			return ERR_DATA;
		if (oh > 23)
			return fail_at(&c, at, N_("offset hour must be 00 to 23"));
		if (expect(&c, ':', N_("expected ':' in the offset")))
			return ERR_DATA;
		at = c.i;
		if (digits(&c, 2, &om, N_("expected two-digit offset minutes")))
			return ERR_DATA;
		if (om > 59)
			return fail_at(&c, at, N_("offset minutes must be 00 to 59"));
		if (at_end(&c))
			return ERR_DATA;
		int32_t off = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
		*out = wall - off;
		return 0;
	}
	if (z != '\0')
		return fail(&c, N_("expected 'Z' or an offset such as +01:00"));
	if (!zone)
		return fail(&c, N_("time has no offset: add 'Z' or one such as +01:00"));
	*out = tz_from_wall(zone, wall);
	return 0;
}

void iso_range_of_days(const struct tz *zone, enum iso_period_kind kind, int64_t first_day,
		       int64_t end_day, struct iso_range *out)
{
	out->kind = kind;
	out->first_day = first_day;
	out->end_day = end_day;
	out->start = zone ? tz_from_wall(zone, first_day * 86400) : first_day * 86400;
	out->end = zone ? tz_from_wall(zone, end_day * 86400) : end_day * 86400;
}

int iso_parse_period(const char *s, const struct tz *zone, struct iso_range *out,
		     struct err *e, unsigned *errcol)
{
	struct cur c = { s, 0, e, errcol };
	int y;
	if (digits(&c, 4, &y, N_("expected a four-digit year")))
		return ERR_DATA;
	if (s[c.i] == '\0') {
		iso_range_of_days(zone, ISO_PERIOD_YEAR, iso_days_from_civil(y, 1, 1),
				  iso_days_from_civil(y + 1, 1, 1), out);
		return 0;
	}
	if (expect(&c, '-', N_("expected '-' after the year")))
		return ERR_DATA;
	size_t at = c.i;
	if (s[c.i] == 'W') {
		int w;
		c.i++;
		if (digits(&c, 2, &w, N_("expected a two-digit week")))
			return ERR_DATA;
		if (w < 1 || (unsigned)w > iso_weeks_in_year(y))
			return fail_at(&c, at + 1, N_("week does not exist in that year"));
		if (at_end(&c))
			return ERR_DATA;
		int64_t mon = iso_week_monday(y, (unsigned)w);
		iso_range_of_days(zone, ISO_PERIOD_WEEK, mon, mon + 7, out);
		return 0;
	}
	if (s[c.i] == 'Q') {
		int q;
		c.i++;
		if (digits(&c, 1, &q, N_("expected a quarter digit")))
			return ERR_DATA;
		if (q < 1 || q > 4)
			return fail_at(&c, at + 1, N_("quarter must be 1 to 4"));
		if (at_end(&c))
			return ERR_DATA;
		int64_t first = iso_days_from_civil(y, (unsigned)(3 * q - 2), 1);
		int64_t end = q == 4 ? iso_days_from_civil(y + 1, 1, 1)
				     : iso_days_from_civil(y, (unsigned)(3 * q + 1), 1);
		iso_range_of_days(zone, ISO_PERIOD_QUARTER, first, end, out);
		return 0;
	}
	int m;
	if (digits(&c, 2, &m, N_("expected a month, 'W' and a week, or 'Q' and a quarter")))
		return ERR_DATA;
	if (m < 1 || m > 12)
		return fail_at(&c, at, N_("month must be 01 to 12"));
	if (s[c.i] == '\0') {
		int64_t first = iso_days_from_civil(y, (unsigned)m, 1);
		iso_range_of_days(zone, ISO_PERIOD_MONTH, first,
				  first + iso_days_in_month(y, (unsigned)m), out);
		return 0;
	}
	if (expect(&c, '-', N_("expected '-' after the month")))
		return ERR_DATA;
	at = c.i;
	int d;
	if (digits(&c, 2, &d, N_("expected a two-digit day")))
		return ERR_DATA;
	if (d < 1 || (unsigned)d > iso_days_in_month(y, (unsigned)m))
		return fail_at(&c, at, N_("day does not exist in that month"));
	if (at_end(&c))
		return ERR_DATA;
	int64_t day = iso_days_from_civil(y, (unsigned)m, (unsigned)d);
	iso_range_of_days(zone, ISO_PERIOD_DAY, day, day + 1, out);
	return 0;
}
