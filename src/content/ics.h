/*
 * ics — an iCalendar (RFC 5545) writer for the content calendar.
 *
 * ics_write() turns a list of events into one VCALENDAR: PRODID, VERSION,
 * a VTIMEZONE generated from the tz module for the years the events cover
 * (one STANDARD or DAYLIGHT component per offset change, so the file carries
 * its own rules and needs no time zone database), then one VEVENT per event
 * with DTSTART in the zone's local time (TZID) and DTEND or DURATION. A
 * local time that happens twice (fall-back overlap) is written in UTC
 * instead, since readers disagree on which of the two it names.
 *
 * Every TEXT value is escaped (backslash, semicolon, comma, newline), control
 * characters are dropped, invalid UTF-8 becomes U+FFFD, and content lines are
 * folded at 75 octets without splitting a UTF-8 sequence; lines end in CRLF.
 *
 * The caller owns every input; the writer only appends to `out`. It fails
 * with ERR_DATA (message names the event by index and UID) for a missing UID,
 * a negative duration, an end before the start, or a URL with spaces or
 * control characters, and when `out`'s cap is reached; `out` then holds a
 * partial calendar the caller should discard.
 */
#ifndef KOERS_ICS_H
#define KOERS_ICS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/strbuf.h"

struct tz;

enum ics_status { ICS_STATUS_NONE, ICS_TENTATIVE, ICS_CONFIRMED, ICS_CANCELLED };

struct ics_event {
	const char *uid;      /* stable, e.g. "post-42.acme@koers.example"; required */
	int64_t start;        /* UTC instant */
	int64_t end;          /* UTC instant, used when has_end */
	int has_end;
	int64_t duration;     /* seconds, used when !has_end */
	const char *summary;  /* may be NULL: left out (also description, url) */
	const char *description;
	const char *url;
	const char *const *categories;
	size_t ncategories;
	enum ics_status status;
};

struct ics_calendar {
	const char *prodid;   /* "-//koers//koers//EN"; required */
	const char *name;     /* X-WR-CALNAME; may be NULL */
	const struct tz *zone; /* local times and VTIMEZONE; NULL: all times in UTC */
	int64_t dtstamp;      /* when the file was made (UTC) */
};

int ics_write(struct strbuf *out, const struct ics_calendar *cal, const struct ics_event *ev,
	      size_t n, struct err *e);

/* Building blocks, exposed for tests and for other iCalendar output. */

/* Append one content line, folded at 75 octets, with CRLF. */
int ics_add_line(struct strbuf *out, const char *line, size_t n);
/* Append `s` escaped as an RFC 5545 TEXT value. */
int ics_escape_text(struct strbuf *out, const char *s);

#endif
