/*
 * isotime — civil calendar arithmetic and ISO 8601 / RFC 3339 text.
 *
 * Instants are int64_t seconds since 1970-01-01T00:00:00Z (leap seconds are
 * not counted, as in POSIX). Days are int64_t days since 1970-01-01 in the
 * proleptic Gregorian calendar. The arithmetic is pure integer maths
 * (Howard Hinnant's days-from-civil): no libc time function and no
 * process-wide state, so any zone can be used from any thread.
 *
 * Parsers take a NUL-terminated string, return 0 or ERR_DATA, and on error
 * fill `struct err` with the reason and the 1-based column of the first bad
 * character ("column 9: month must be 01 to 12"); `*errcol` (may be NULL)
 * receives the same column. Nothing is allocated; the caller owns all memory.
 *
 * Local times without an offset are read in the zone the caller passes (see
 * tz.h for how a nonexistent or ambiguous local time is resolved).
 */
#ifndef KOERS_ISOTIME_H
#define KOERS_ISOTIME_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct tz;

/* Years from -9999 to 9999 keep every computation far from int64 overflow. */
#define ISO_YEAR_MIN (-9999)
#define ISO_YEAR_MAX 9999

/* ---- civil arithmetic ---- */

/* Days since 1970-01-01 of year-month-day (month 1..12, day 1..31). */
int64_t iso_days_from_civil(int64_t y, unsigned m, unsigned d);
/* The inverse: year, month (1..12) and day (1..31) of a day number. */
void iso_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);
/* ISO weekday of a day number: 1 Monday .. 7 Sunday. */
unsigned iso_weekday(int64_t days);
int iso_is_leap(int64_t y);
/* Days in a month of a year (28..31); 0 for a month outside 1..12. */
unsigned iso_days_in_month(int64_t y, unsigned m);
/* Number of ISO weeks in an ISO week-year: 52 or 53. */
unsigned iso_weeks_in_year(int64_t wy);
/* The ISO week-year and week (1..53) that a day belongs to. */
void iso_week_of(int64_t days, int64_t *wy, unsigned *week);
/* The Monday of ISO week `week` of week-year `wy`. */
int64_t iso_week_monday(int64_t wy, unsigned week);

/* floor(a / b) and the matching non-negative remainder, for b > 0. */
int64_t iso_floordiv(int64_t a, int64_t b);
int64_t iso_floormod(int64_t a, int64_t b);

/* A broken-down wall time (no zone). */
struct iso_civil {
	int64_t year;
	unsigned month, day;      /* 1..12, 1..31 */
	unsigned hour, min, sec;  /* 0..23, 0..59, 0..59 */
};

/* Seconds since the epoch of a wall time read as if it were UTC. */
int64_t iso_civil_to_seconds(const struct iso_civil *c);
void iso_seconds_to_civil(int64_t t, struct iso_civil *c);

/* ---- formatting (buffers of ISO_BUFSZ bytes; always NUL-terminated) ---- */

#define ISO_BUFSZ 40

/* "2026-03-29T07:00:00Z" */
void iso_format_utc(int64_t t, char buf[ISO_BUFSZ]);
/* "2026-03-29T09:00:00+02:00" (offset in seconds east of UTC; a non-zero
 * seconds part of the offset is written as +HH:MM:SS) */
void iso_format_offset(int64_t t, int32_t offset, char buf[ISO_BUFSZ]);
/* The instant in zone `z` (UTC when z is NULL) with its offset. */
void iso_format_local(const struct tz *z, int64_t t, char buf[ISO_BUFSZ]);
/* "2026-03-29" */
void iso_format_date(int64_t days, char buf[ISO_BUFSZ]);
/* "2026-W13" */
void iso_format_week(int64_t wy, unsigned week, char buf[ISO_BUFSZ]);

/* ---- parsing ---- */

/*
 * An RFC 3339 / ISO 8601 extended date-time: YYYY-MM-DDThh:mm[:ss[.frac]]
 * followed by Z, +hh:mm, -hh:mm or nothing. 'T' may be 't' or a space, 'Z'
 * may be 'z' (RFC 3339 §5.6). A fraction is accepted and dropped (koers keeps
 * whole seconds). Without an offset the time is local to `zone`; with
 * zone == NULL such a time is an error. Seconds of 60 (leap) are refused.
 */
int iso_parse_datetime(const char *s, const struct tz *zone, int64_t *out,
		       struct err *e, unsigned *errcol);

/* YYYY-MM-DD: the day number. */
int iso_parse_date(const char *s, int64_t *days, struct err *e, unsigned *errcol);

/* hh:mm or hh:mm:ss: seconds since midnight (0..86399). */
int iso_parse_clock(const char *s, int32_t *secs, struct err *e, unsigned *errcol);

enum iso_period_kind {
	ISO_PERIOD_DAY,     /* 2026-03-29 */
	ISO_PERIOD_WEEK,    /* 2026-W13   */
	ISO_PERIOD_MONTH,   /* 2026-03    */
	ISO_PERIOD_QUARTER, /* 2026-Q1    */
	ISO_PERIOD_YEAR,    /* 2026       */
};

/* A calendar period: days [first_day, end_day) and the UTC instants
 * [start, end) of local midnight at both ends in the given zone. */
struct iso_range {
	enum iso_period_kind kind;
	int64_t first_day, end_day;
	int64_t start, end;
};

/* Any of the period forms above; `zone` NULL means UTC. */
int iso_parse_period(const char *s, const struct tz *zone, struct iso_range *out,
		     struct err *e, unsigned *errcol);
/* The range of a period given as days, in zone (NULL: UTC). */
void iso_range_of_days(const struct tz *zone, enum iso_period_kind kind,
		       int64_t first_day, int64_t end_day, struct iso_range *out);

#endif
