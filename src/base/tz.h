/*
 * tz — IANA time zones without process-wide state.
 *
 * A `struct tz` is read from a TZif file (RFC 8536, versions 1 to 4) of the
 * system's zoneinfo ($TZDIR, else /usr/share/zoneinfo) or from bytes in
 * memory, and answers conversions by itself: no setenv("TZ"), tzset() or
 * localtime(), so two requests in two zones can run side by side. Instants
 * after the last transition in the file follow the file's footer, a POSIX TZ
 * rule such as "CET-1CEST,M3.5.0,M10.5.0/3", so far-future dates are right
 * even for "slim" zoneinfo files.
 *
 * Instants are int64_t seconds since the epoch, UTC; offsets are seconds east
 * of UTC. Instants and wall times are expected within the years
 * ISO_YEAR_MIN..ISO_YEAR_MAX of isotime.h (far from int64 overflow). A loaded zone is immutable: share it freely, free it once with
 * tz_free(). Loading fails with ERR_NOTFOUND (no such zone), ERR_IO (cannot
 * read) or ERR_DATA (not a valid TZif file; the message says at which byte
 * offset and why).
 *
 * Local wall time to UTC (tz_from_local) has to choose when a wall time is
 * not unique; koers does what Python's fold=0 and RFC 5545 §3.3.5 do:
 *   - gap (spring forward: 02:30 on 2026-03-29 in Europe/Amsterdam does not
 *     exist): the time is read with the offset in force before the
 *     transition, so it moves forward by the length of the gap (03:30 CEST);
 *   - overlap (fall back: 02:30 on 2026-10-25 happens twice): the first, i.e.
 *     earlier, instant is taken (02:30 CEST = 00:30Z).
 */
#ifndef KOERS_TZ_H
#define KOERS_TZ_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct tz;

/* Longest zone abbreviation kept ("+1030", "CEST", "LMT"), plus NUL. */
#define TZ_ABBR_MAX 16

/* The local view of one instant. */
struct tz_local {
	int64_t year;
	unsigned month, day, hour, min, sec; /* 1..12, 1..31, 0..23, 0..59, 0..59 */
	unsigned weekday;                    /* ISO: 1 Monday .. 7 Sunday */
	int32_t offset;                      /* seconds east of UTC */
	int is_dst;
	char abbr[TZ_ABBR_MAX];
};

/* One change of offset, for VTIMEZONE generation. */
struct tz_transition {
	int64_t at;            /* the UTC instant of the change */
	int32_t offset_before; /* seconds east of UTC just before `at` */
	int32_t offset_after;
	int is_dst;            /* daylight saving after the change */
	char abbr[TZ_ABBR_MAX];  /* abbreviation after the change */
};

/* Load zone `name` ("Europe/Amsterdam", "UTC") from `dir` (NULL: $TZDIR or
 * /usr/share/zoneinfo). Names with "..", a leading '/' or odd characters are
 * refused, so a user-supplied name cannot read other files. */
int tz_load(const char *name, const char *dir, struct tz **out, struct err *e);
/* Parse TZif bytes from memory; `name` is only kept for tz_name(). */
int tz_parse(const char *name, const unsigned char *buf, size_t n, struct tz **out,
	     struct err *e);
/* Zone from a POSIX TZ rule alone ("CET-1CEST,M3.5.0,M10.5.0/3", "UTC0"). */
int tz_parse_posix(const char *name, const char *rule, struct tz **out, struct err *e);
/* A zone with offset 0 and abbreviation "UTC", needing no files. */
struct tz *tz_utc(void);
void tz_free(struct tz *z);

const char *tz_name(const struct tz *z);
/* The zone's footer rule ("" if the file had none). */
const char *tz_footer(const struct tz *z);

/* Offset, DST flag and abbreviation in force at instant t, and its wall time. */
void tz_to_local(const struct tz *z, int64_t t, struct tz_local *out);
/* Offset in force at instant t (seconds east of UTC). */
int32_t tz_offset_at(const struct tz *z, int64_t t);

/* The UTC instant of a local wall time, with the gap and overlap rules above.
 * Out-of-range fields are normalised (month 13 is January next year). */
int64_t tz_from_local(const struct tz *z, int64_t year, int month, int day, int hour,
		      int min, int sec);
/* Same for seconds of wall time since 1970-01-01T00:00 (local). */
int64_t tz_from_wall(const struct tz *z, int64_t wall);

/* The first instant at or after `after` whose local time is ISO weekday
 * `weekday` (1 Monday .. 7 Sunday) at `secs` seconds after local midnight:
 * the next occurrence of a weekly posting slot. A slot inside a DST gap
 * moves forward by the gap, one in an overlap takes the earlier instant. */
int64_t tz_next_weekly(const struct tz *z, int64_t after, unsigned weekday, int32_t secs);

/* Whether a wall time names one instant, none (gap) or two (overlap), so
 * callers can warn or, like the iCalendar writer, avoid writing it. */
enum tz_wall_kind { TZ_WALL_UNIQUE, TZ_WALL_GAP, TZ_WALL_OVERLAP };
enum tz_wall_kind tz_wall_kind(const struct tz *z, int64_t wall);

/* The offset changes with from <= at < to, oldest first, in a new array the
 * caller frees; *n is their number. Transitions that change nothing visible
 * (same offset, DST flag and abbreviation) are left out. The range is
 * clamped to the years ISO_YEAR_MIN..ISO_YEAR_MAX of isotime.h. */
struct tz_transition *tz_transitions(const struct tz *z, int64_t from, int64_t to,
				     size_t *n);

#endif
