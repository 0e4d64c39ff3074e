/*
 * ics — RFC 5545 writer; see ics.h for the contract.
 */
#include "content/ics.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/isotime.h"
#include "base/tz.h"
#include "base/xalloc.h"

/* RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding CRLF. */
#define ICS_FOLD 75

int ics_add_line(struct strbuf *out, const char *line, size_t n)
{
	size_t pos = 0, max = ICS_FOLD;
	int rc = 0;
	while (n - pos > max) {
		size_t cut = pos + max;
		/* back up to the start of a UTF-8 sequence (never a continuation
		 * byte 10xxxxxx) so each physical line stays valid UTF-8 */
		while (cut > pos + 1 && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		rc |= strbuf_add(out, line + pos, cut - pos);
		rc |= strbuf_add(out, "\r\n ", 3);
		pos = cut;
		max = ICS_FOLD - 1; /* the leading space counts */
	}
	rc |= strbuf_add(out, line + pos, n - pos);
	rc |= strbuf_add(out, "\r\n", 2);
	return rc ? -1 : 0;
}

/* Escapes of RFC 5545 §3.3.11, as a table. */
static const struct {
	char ch;
	const char *esc;
} text_escapes[] = {
	{ '\\', "\\\\" }, { ';', "\\;" }, { ',', "\\," }, { '\n', "\\n" },
};

int ics_escape_text(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	int rc = 0;
	for (size_t i = 0; i < n;) {
		unsigned char ch = p[i];
		if (ch < 0x80) {
			i++;
			if (ch == '\r') {
				/* CRLF and a lone CR are both one line break */
				if (i < n && p[i] == '\n')
					i++;
				ch = '\n';
			}
			size_t k;
			for (k = 0; k < sizeof(text_escapes) / sizeof(text_escapes[0]); k++)
				if (text_escapes[k].ch == (char)ch)
					break;
			if (k < sizeof(text_escapes) / sizeof(text_escapes[0]))
				rc |= strbuf_addstr(out, text_escapes[k].esc);
			else if (ch >= 0x20 && ch != 0x7f)
				rc |= strbuf_addch(out, ch);
			else if (ch == '\t')
				rc |= strbuf_addch(out, ch);
			/* other control characters are not allowed in TEXT: dropped */
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0) {
			rc |= strbuf_addstr(out, "\xEF\xBF\xBD"); /* U+FFFD */
			i++;
			continue;
		}
		rc |= strbuf_add(out, p + i, (size_t)len);
		i += (size_t)len;
	}
	return rc ? -1 : 0;
}

/* ---- values ---- */

static void add_local_stamp(struct strbuf *sb, int64_t wall)
{
	struct iso_civil c;
	iso_seconds_to_civil(wall, &c);
	strbuf_addf(sb, "%04lld%02u%02uT%02u%02u%02u", (long long)c.year, c.month, c.day, c.hour,
		    c.min, c.sec);
}

static void add_utc_stamp(struct strbuf *sb, int64_t t)
{
	add_local_stamp(sb, t);
	strbuf_addch(sb, 'Z');
}

/* utc-offset: +HHMM, or +HHMMSS when there are seconds (LMT). */
static void add_offset(struct strbuf *sb, int32_t off)
{
	char sign = off < 0 ? '-' : '+';
	int32_t a = off < 0 ? -off : off;
	strbuf_addf(sb, "%c%02d%02d", sign, a / 3600, a / 60 % 60);
	if (a % 60)
		strbuf_addf(sb, "%02d", a % 60);
}

/* dur-value of §3.3.6 for a non-negative number of seconds. */
static void add_duration(struct strbuf *sb, int64_t s)
{
	strbuf_addch(sb, 'P');
	if (s >= 86400 && s % 86400 == 0) {
		strbuf_addf(sb, "%lldD", (long long)(s / 86400));
		return;
	}
	if (s >= 86400)
		strbuf_addf(sb, "%lldD", (long long)(s / 86400));
	s %= 86400;
	strbuf_addch(sb, 'T');
	if (s >= 3600)
		strbuf_addf(sb, "%lldH", (long long)(s / 3600));
	if (s % 3600 >= 60)
		strbuf_addf(sb, "%lldM", (long long)(s % 3600 / 60));
	if (s % 60 || s == 0)
		strbuf_addf(sb, "%lldS", (long long)(s % 60));
}

static const char *const status_names[] = {
	[ICS_STATUS_NONE] = NULL,
	[ICS_TENTATIVE] = "TENTATIVE",
	[ICS_CONFIRMED] = "CONFIRMED",
	[ICS_CANCELLED] = "CANCELLED",
};

/* The writer's state: the calendar being built and one line under way. */
struct w {
	struct strbuf *out;
	struct strbuf line;
	int failed;
	const struct tz *zone;
	const char *tzid;
	int tzid_quoted;
};

static void emit(struct w *w)
{
	if (ics_add_line(w->out, w->line.buf, w->line.len))
		w->failed = 1;
	strbuf_reset(&w->line);
}

static void prop(struct w *w, const char *name, const char *value)
{
	strbuf_addstr(&w->line, name);
	strbuf_addch(&w->line, ':');
	strbuf_addstr(&w->line, value);
	emit(w);
}

static void prop_text(struct w *w, const char *name, const char *value)
{
	if (!value)
		return;
	strbuf_addstr(&w->line, name);
	strbuf_addch(&w->line, ':');
	ics_escape_text(&w->line, value);
	emit(w);
}

/* A DTSTART/DTEND in the zone's local time, or in UTC when there is no zone
 * or when the local time happens twice (a fall-back overlap): RFC 5545
 * §3.3.5 reads such a time as the first occurrence, but readers differ
 * (python3-icalendar through pytz takes the second), so only UTC is safe. */
static void prop_time(struct w *w, const char *name, int64_t t)
{
	strbuf_addstr(&w->line, name);
	if (w->zone) {
		int64_t wall = t + tz_offset_at(w->zone, t);
		if (tz_wall_kind(w->zone, wall) == TZ_WALL_UNIQUE) {
			strbuf_addf(&w->line, w->tzid_quoted ? ";TZID=\"%s\":" : ";TZID=%s:",
				    w->tzid);
			add_local_stamp(&w->line, wall);
			emit(w);
			return;
		}
	}
	strbuf_addch(&w->line, ':');
	add_utc_stamp(&w->line, t);
	emit(w);
}

static void tz_component(struct w *w, int is_dst, int64_t onset_local, int32_t from, int32_t to,
			 const char *abbr)
{
	const char *kind = is_dst ? "DAYLIGHT" : "STANDARD";
	prop(w, "BEGIN", kind);
	strbuf_addstr(&w->line, "DTSTART:");
	add_local_stamp(&w->line, onset_local);
	emit(w);
	strbuf_addstr(&w->line, "TZOFFSETFROM:");
	add_offset(&w->line, from);
	emit(w);
	strbuf_addstr(&w->line, "TZOFFSETTO:");
	add_offset(&w->line, to);
	emit(w);
	prop_text(w, "TZNAME", abbr);
	prop(w, "END", kind);
}

/* VTIMEZONE for [from, to): the state in force at `from` as the first
 * component, then one component per change (RFC 5545 §3.6.5 allows each
 * onset as its own component; it needs no RRULE and is exact for the
 * irregular history of real zones). */
static void vtimezone(struct w *w, int64_t from, int64_t to)
{
	prop(w, "BEGIN", "VTIMEZONE");
	prop_text(w, "TZID", w->tzid);
	struct tz_local l;
	tz_to_local(w->zone, from, &l);
	tz_component(w, l.is_dst, from + l.offset, l.offset, l.offset, l.abbr);
	size_t n;
	struct tz_transition *v = tz_transitions(w->zone, from, to, &n);
	for (size_t i = 0; i < n; i++)
		tz_component(w, v[i].is_dst, v[i].at + v[i].offset_before, v[i].offset_before,
			     v[i].offset_after, v[i].abbr);
	free(v);
	prop(w, "END", "VTIMEZONE");
}

static int url_ok(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '"')
			return 0;
	return *s != '\0';
}

static int check_event(const struct ics_event *ev, size_t i, struct err *e)
{
	const char *uid = ev->uid ? ev->uid : "";
	if (!*uid)
		return err_set(e, ERR_DATA, "event %zu: no UID", i + 1);
	if (ev->has_end && ev->end < ev->start)
		return err_set(e, ERR_DATA, "event %zu (%s): ends before it starts", i + 1, uid);
	if (!ev->has_end && ev->duration < 0)
		return err_set(e, ERR_DATA, "event %zu (%s): negative duration", i + 1, uid);
	if (ev->url && !url_ok(ev->url))
		return err_set(e, ERR_DATA, "event %zu (%s): URL has spaces or control characters",
			       i + 1, uid);
	return 0;
}

int ics_write(struct strbuf *out, const struct ics_calendar *cal, const struct ics_event *ev,
	      size_t n, struct err *e)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		int rc = check_event(&ev[i], i, e);
		if (rc)
			return rc;
		int64_t end = ev[i].has_end ? ev[i].end : ev[i].start + ev[i].duration;
		lo = ev[i].start < lo ? ev[i].start : lo;
		hi = end > hi ? end : hi;
	}
	struct w w = { .out = out, .zone = cal->zone };
	strbuf_init(&w.line, STRBUF_NOCAP);
	if (w.zone) {
		w.tzid = tz_name(w.zone);
		w.tzid_quoted = strpbrk(w.tzid, ";:,") != NULL;
		if (strchr(w.tzid, '"') || !*w.tzid) {
			strbuf_release(&w.line);
			return err_set(e, ERR_DATA, "time zone name \"%s\" cannot be a TZID",
				       w.tzid);
		}
	}

	prop(&w, "BEGIN", "VCALENDAR");
	prop(&w, "VERSION", "2.0");
	prop_text(&w, "PRODID", cal->prodid ? cal->prodid : "-//koers//koers//EN");
	prop(&w, "CALSCALE", "GREGORIAN");
	prop(&w, "METHOD", "PUBLISH");
	prop_text(&w, "X-WR-CALNAME", cal->name);
	if (w.zone) {
		prop_text(&w, "X-WR-TIMEZONE", w.tzid);
		/* whole local years around the events, so that clients showing
		 * neighbouring dates still have the rules */
		int64_t y0 = 1970, y1 = 1970;
		if (n) {
			unsigned m, d;
			iso_civil_from_days(iso_floordiv(lo, 86400), &y0, &m, &d);
			iso_civil_from_days(iso_floordiv(hi, 86400), &y1, &m, &d);
		}
		int64_t from = tz_from_wall(w.zone, iso_days_from_civil(y0, 1, 1) * 86400);
		int64_t to = tz_from_wall(w.zone, iso_days_from_civil(y1 + 1, 1, 1) * 86400);
		vtimezone(&w, from, to);
	}
	for (size_t i = 0; i < n; i++) {
		const struct ics_event *x = &ev[i];
		prop(&w, "BEGIN", "VEVENT");
		prop_text(&w, "UID", x->uid);
		strbuf_addstr(&w.line, "DTSTAMP:");
		add_utc_stamp(&w.line, cal->dtstamp);
		emit(&w);
		prop_time(&w, "DTSTART", x->start);
		if (x->has_end) {
			prop_time(&w, "DTEND", x->end);
		} else {
			strbuf_addstr(&w.line, "DURATION:");
			add_duration(&w.line, x->duration);
			emit(&w);
		}
		prop_text(&w, "SUMMARY", x->summary);
		prop_text(&w, "DESCRIPTION", x->description);
		if (x->ncategories) {
			strbuf_addstr(&w.line, "CATEGORIES:");
			for (size_t k = 0; k < x->ncategories; k++) {
				if (k)
					strbuf_addch(&w.line, ',');
				ics_escape_text(&w.line, x->categories[k]);
			}
			emit(&w);
		}
		if (status_names[x->status])
			prop(&w, "STATUS", status_names[x->status]);
		if (x->url)
			prop(&w, "URL", x->url);
		prop(&w, "END", "VEVENT");
	}
	prop(&w, "END", "VCALENDAR");
	strbuf_release(&w.line);
	if (w.failed)
		return err_set(e, ERR_DATA, "calendar larger than the output limit");
	return 0;
}
