/*
 * tz — TZif reader and conversions; see tz.h for the contract.
 *
 * The file format is RFC 8536. We read the version 2+ block (64-bit times)
 * when present, else the version 1 block, then the footer POSIX rule, which
 * governs every instant after the last stored transition.
 */
#include "base/tz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/xalloc.h"

/* Bounds that no real zone comes near; they keep a hostile file from making
 * us allocate without limit (real zones: < 300 transitions, < 20 types). */
#define TZ_MAX_TIMES 100000
#define TZ_MAX_TYPES 256
#define TZ_MAX_CHARS 1024
#define TZ_MAX_FILE (1 << 20)
#define TZ_FOOTER_MAX 256

struct tz_type {
	int32_t off;
	int is_dst;
	char abbr[TZ_ABBR_MAX];
};

/* One date rule of a POSIX TZ string: Jn, n or Mm.w.d, with a local time. */
enum rule_kind { RULE_JULIAN1, RULE_JULIAN0, RULE_MWD };
struct rule {
	enum rule_kind kind;
	int n;          /* Jn: 1..365, n: 0..365 */
	int m, w, d;    /* Mm.w.d */
	int32_t time;   /* seconds after local midnight; may be negative (v3) */
};

struct posix {
	int valid;
	int has_dst;
	struct tz_type std, dst;
	struct rule start, end;
};

struct tz {
	char *name;
	int64_t *times;
	unsigned char *idx;
	size_t ntimes;
	struct tz_type *types;
	size_t ntypes;
	char footer[TZ_FOOTER_MAX];
	struct posix posix;
};

/* ---- POSIX TZ rule strings ---- */

struct pcur {
	const char *s;
	size_t i;
};

static int p_num(struct pcur *c, int min, int max, int *out)
{
	if (c->s[c->i] < '0' || c->s[c->i] > '9')
		return -1;
	long v = 0;
	while (c->s[c->i] >= '0' && c->s[c->i] <= '9') {
		v = v * 10 + (c->s[c->i++] - '0');
		if (v > max)
			return -1;
	}
	if (v < min)
		return -1;
	*out = (int)v;
	return 0;
}

/* [+-]hh[:mm[:ss]] with hours up to max_h; returns seconds. */
static int p_hms(struct pcur *c, int max_h, int32_t *out)
{
	int sign = 1, h, m = 0, s = 0;
	if (c->s[c->i] == '+' || c->s[c->i] == '-')
		sign = c->s[c->i++] == '-' ? -1 : 1;
	if (p_num(c, 0, max_h, &h))
		return -1;
	if (c->s[c->i] == ':') {
		c->i++;
		if (p_num(c, 0, 59, &m))
			return -1;
		if (c->s[c->i] == ':') {
			c->i++;
			if (p_num(c, 0, 59, &s))
				return -1;
		}
	}
	*out = sign * (h * 3600 + m * 60 + s);
	return 0;
}

static int p_abbr(struct pcur *c, char out[TZ_ABBR_MAX])
{
	size_t n = 0;
	if (c->s[c->i] == '<') {
		c->i++;
		while (c->s[c->i] && c->s[c->i] != '>') {
			char ch = c->s[c->i];
			if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			      (ch >= '0' && ch <= '9') || ch == '+' || ch == '-'))
				return -1;
			if (n + 1 >= TZ_ABBR_MAX)
				return -1;
			out[n++] = ch;
			c->i++;
		}
		if (c->s[c->i] != '>')
			return -1;
		c->i++;
	} else {
		while ((c->s[c->i] >= 'A' && c->s[c->i] <= 'Z') ||
		       (c->s[c->i] >= 'a' && c->s[c->i] <= 'z')) {
			if (n + 1 >= TZ_ABBR_MAX)
				return -1;
			out[n++] = c->s[c->i++];
		}
	}
	out[n] = '\0';
	return n >= 3 ? 0 : -1;
}

static int p_rule(struct pcur *c, struct rule *r)
{
	memset(r, 0, sizeof(*r));
	if (c->s[c->i] == 'J') {
		c->i++;
		r->kind = RULE_JULIAN1;
		if (p_num(c, 1, 365, &r->n))
			return -1;
	} else if (c->s[c->i] == 'M') {
		c->i++;
		r->kind = RULE_MWD;
		if (p_num(c, 1, 12, &r->m) || c->s[c->i++] != '.' || p_num(c, 1, 5, &r->w) ||
		    c->s[c->i++] != '.' || p_num(c, 0, 6, &r->d))
			return -1;
	} else {
		r->kind = RULE_JULIAN0;
		if (p_num(c, 0, 365, &r->n))
			return -1;
	}
	r->time = 2 * 3600;
	if (c->s[c->i] == '/') {
		c->i++;
		/* RFC 8536 §3.3.1: hours from -167 to 167 */
		if (p_hms(c, 167, &r->time))
			return -1;
	}
	return 0;
}

static int posix_parse(const char *s, struct posix *p)
{
	struct pcur c = { s, 0 };
	memset(p, 0, sizeof(*p));
	int32_t off;
	if (p_abbr(&c, p->std.abbr) || p_hms(&c, 24, &off))
		return -1;
	p->std.off = -off; /* POSIX counts west of UTC as positive */
	if (c.s[c.i] == '\0') {
		p->valid = 1;
		return 0;
	}
	if (p_abbr(&c, p->dst.abbr))
		return -1;
	p->has_dst = 1;
	p->dst.is_dst = 1;
	p->dst.off = p->std.off + 3600;
	if (c.s[c.i] != ',' && c.s[c.i] != '\0') {
		if (p_hms(&c, 24, &off))
			return -1;
		p->dst.off = -off;
	}
	/* Without rules POSIX leaves the dates to the implementation; TZif
	 * footers always carry them, so we require them. */
	if (c.s[c.i++] != ',' || p_rule(&c, &p->start) || c.s[c.i++] != ',' ||
	    p_rule(&c, &p->end) || c.s[c.i] != '\0')
		return -1;
	p->valid = 1;
	return 0;
}

/* Day number of a rule's date in year y. */
static int64_t rule_day(const struct rule *r, int64_t y)
{
	int64_t jan1 = iso_days_from_civil(y, 1, 1);
	switch (r->kind) {
	case RULE_JULIAN1:
		return jan1 + r->n - 1 + (iso_is_leap(y) && r->n >= 60);
	case RULE_JULIAN0:
		return jan1 + r->n;
	case RULE_MWD:
		break;
	}
	int64_t first = iso_days_from_civil(y, (unsigned)r->m, 1);
	unsigned wd = iso_weekday(first) % 7; /* 0 Sunday .. 6 Saturday */
	int64_t day = first + (r->d - (int)wd + 7) % 7 + 7 * (r->w - 1);
	unsigned mdays = iso_days_in_month(y, (unsigned)r->m);
	while (day >= first + mdays)
		day -= 7;
	return day;
}

/* The transitions of year y: [0] into DST, [1] back to standard time. */
static void posix_year(const struct posix *p, int64_t y, int64_t at[2])
{
	at[0] = rule_day(&p->start, y) * 86400 + p->start.time - p->std.off;
	at[1] = rule_day(&p->end, y) * 86400 + p->end.time - p->dst.off;
}

static const struct tz_type *posix_at(const struct posix *p, int64_t t)
{
	if (!p->has_dst)
		return &p->std;
	int64_t days = iso_floordiv(t + p->std.off, 86400), y;
	unsigned m, d;
	iso_civil_from_days(days, &y, &m, &d);
	/* The latest transition at or before t among the three years around it. */
	int64_t best = INT64_MIN;
	const struct tz_type *type = &p->std;
	for (int64_t yy = y - 1; yy <= y + 1; yy++) {
		int64_t at[2];
		posix_year(p, yy, at);
		for (int k = 0; k < 2; k++) {
			if (at[k] <= t && at[k] >= best) {
				/* on a tie (all-year DST rules) the end wins: keep DST */
				if (at[k] == best && k == 1)
					continue;
				best = at[k];
				type = k == 0 ? &p->dst : &p->std;
			}
		}
	}
	return type;
}

/* ---- TZif ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct counts {
	uint32_t isut, isstd, leap, time, type, chr;
};

static void read_counts(const unsigned char *h, struct counts *c)
{
	c->isut = be32(h + 20);
	c->isstd = be32(h + 24);
	c->leap = be32(h + 28);
	c->time = be32(h + 32);
	c->type = be32(h + 36);
	c->chr = be32(h + 40);
}

static size_t block_size(const struct counts *c, size_t timesz)
{
	return (size_t)c->time * timesz + c->time + (size_t)c->type * 6 + c->chr +
	       (size_t)c->leap * (timesz + 4) + c->isstd + c->isut;
}

static int bad(struct err *e, const char *name, size_t at, const char *why)
{
	return err_set(e, ERR_DATA, "%s: byte %zu: not a valid TZif file: %s", name, at,
		       tr(e ? e->lang : LANG_EN, why));
}

static int check_counts(const struct counts *c, int strict, const char *name, size_t at,
			struct err *e)
{
	if (c->time > TZ_MAX_TIMES || c->type > TZ_MAX_TYPES || c->chr > TZ_MAX_CHARS ||
	    c->leap > TZ_MAX_TIMES)
		return bad(e, name, at, N_("counts exceed the limits"));
	if (!strict)
		return 0; /* a version 1 block that readers of v2+ skip */
	if (c->type == 0)
		return bad(e, name, at, N_("no local time types"));
	if (c->chr == 0)
		return bad(e, name, at, N_("no abbreviation characters"));
	if ((c->isstd && c->isstd != c->type) || (c->isut && c->isut != c->type))
		return bad(e, name, at, N_("indicator counts do not match the type count"));
	return 0;
}

void tz_free(struct tz *z)
{
	if (!z)
		return;
	free(z->name);
	free(z->times);
	free(z->idx);
	free(z->types);
	free(z);
}

int tz_parse(const char *name, const unsigned char *buf, size_t n, struct tz **out,
	     struct err *e)
{
	*out = NULL;
	if (!name)
		name = "";
	if (n < 44 || memcmp(buf, "TZif", 4) != 0)
		return bad(e, name, 0, N_("missing \"TZif\" header"));
	int version = buf[4] ? buf[4] - '0' : 1;
	if (version < 1 || version > 9)
		return bad(e, name, 4, N_("unknown version"));
	struct counts c;
	read_counts(buf, &c);
	if (check_counts(&c, version == 1, name, 20, e))
		return ERR_DATA;
	size_t pos = 44, timesz = 4;
	size_t v1 = block_size(&c, 4);
	if (v1 > n - pos)
		return bad(e, name, n, N_("file ends inside the data block"));
	if (version >= 2) {
		pos += v1;
		if (n - pos < 44 || memcmp(buf + pos, "TZif", 4) != 0)
			return bad(e, name, pos, N_("missing second \"TZif\" header"));
		read_counts(buf + pos, &c);
		if (check_counts(&c, 1, name, pos + 20, e))
			return ERR_DATA;
		pos += 44;
		timesz = 8;
		if (block_size(&c, 8) > n - pos)
			return bad(e, name, n, N_("file ends inside the data block"));
	}

	struct tz *z = xcalloc(1, sizeof(*z));
	z->name = xstrdup(name);
	z->ntimes = c.time;
	z->ntypes = c.type;
	z->times = xcalloc(c.time ? c.time : 1, sizeof(*z->times));
	z->idx = xcalloc(c.time ? c.time : 1, 1);
	z->types = xcalloc(c.type, sizeof(*z->types));

	const unsigned char *p = buf + pos;
	for (size_t i = 0; i < c.time; i++, p += timesz) {
		z->times[i] = timesz == 8 ? be64(p) : (int32_t)be32(p);
		if (i > 0 && z->times[i] <= z->times[i - 1]) {
			tz_free(z);
			return bad(e, name, (size_t)(p - buf), N_("transition times not ascending"));
		}
	}
	for (size_t i = 0; i < c.time; i++, p++) {
		if (*p >= c.type) {
			tz_free(z);
			return bad(e, name, (size_t)(p - buf), N_("transition type out of range"));
		}
		z->idx[i] = *p;
	}
	const unsigned char *chars = p + (size_t)c.type * 6;
	for (size_t i = 0; i < c.type; i++, p += 6) {
		int32_t off = (int32_t)be32(p);
		unsigned ai = p[5];
		/* RFC 8536: -2^31 is not allowed; real offsets are within a day. */
		if (off <= -25 * 3600 || off >= 26 * 3600 || p[4] > 1 || ai >= c.chr) {
			tz_free(z);
			return bad(e, name, (size_t)(p - buf), N_("bad local time type"));
		}
		size_t len = strnlen((const char *)chars + ai, c.chr - ai);
		if (ai + len >= c.chr) {
			tz_free(z);
			return bad(e, name, (size_t)(chars + ai - buf),
				   N_("abbreviation not terminated"));
		}
		z->types[i].off = off;
		z->types[i].is_dst = p[4];
		snprintf(z->types[i].abbr, TZ_ABBR_MAX, "%.*s", (int)len,
			 (const char *)chars + ai);
	}
	if (c.leap) {
		/* "right/" zones count leap seconds, which koers instants do not. */
		tz_free(z);
		return bad(e, name, (size_t)(chars + c.chr - buf),
			   N_("leap-second zones are not supported"));
	}
	pos = (size_t)(p - buf) + c.chr + c.isstd + c.isut;

	if (version >= 2 && pos < n) {
		if (buf[pos] != '\n') {
			tz_free(z);
			return bad(e, name, pos, N_("footer does not start with a newline"));
		}
		size_t end = pos + 1;
		while (end < n && buf[end] != '\n')
			end++;
		if (end >= n || end - pos - 1 >= TZ_FOOTER_MAX) {
			tz_free(z);
			return bad(e, name, pos, N_("footer not terminated"));
		}
		memcpy(z->footer, buf + pos + 1, end - pos - 1);
		z->footer[end - pos - 1] = '\0';
		if (z->footer[0] && posix_parse(z->footer, &z->posix)) {
			tz_free(z);
			return bad(e, name, pos + 1, N_("footer is not a POSIX TZ rule"));
		}
	}
	*out = z;
	return 0;
}

int tz_parse_posix(const char *name, const char *rule, struct tz **out, struct err *e)
{
	struct posix p;
	*out = NULL;
	if (strlen(rule) >= TZ_FOOTER_MAX || posix_parse(rule, &p))
		return err_set(e, ERR_DATA, "%s: not a POSIX TZ rule: %s", name ? name : "",
			       rule);
	struct tz *z = xcalloc(1, sizeof(*z));
	z->name = xstrdup(name ? name : rule);
	z->types = xcalloc(1, sizeof(*z->types));
	z->types[0] = p.std;
	z->ntypes = 1;
	snprintf(z->footer, sizeof(z->footer), "%s", rule);
	z->posix = p;
	*out = z;
	return 0;
}

struct tz *tz_utc(void)
{
	struct tz *z;
	tz_parse_posix("UTC", "UTC0", &z, NULL);
	return z;
}

/* Zone names are paths below the zoneinfo folder; keep them to the
 * characters IANA uses so a name cannot escape the folder. */
static int name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 200 || name[0] == '/' || strstr(name, ".."))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = name[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '/' || ch == '_' || ch == '-' ||
		      ch == '+' || ch == '.'))
			return 0;
	}
	return 1;
}

int tz_load(const char *name, const char *dir, struct tz **out, struct err *e)
{
	*out = NULL;
	if (!name_ok(name))
		return err_set(e, ERR_NOTFOUND, "unknown time zone \"%s\"", name);
	if (!dir || !*dir)
		dir = getenv("TZDIR");
	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		int code = errno == ENOENT || errno == ENOTDIR ? ERR_NOTFOUND : ERR_IO;
		err_set(e, code, "unknown time zone \"%s\": %s: %s", name, path, strerror(errno));
		free(path);
		return code;
	}
	unsigned char *buf = xmalloc(TZ_MAX_FILE);
	size_t n = fread(buf, 1, TZ_MAX_FILE, f);
	int rc = 0;
	if (ferror(f))
		rc = err_set(e, errno == EISDIR ? ERR_NOTFOUND : ERR_IO,
			     "unknown time zone \"%s\": %s: %s", name, path, strerror(errno));
	else if (n == TZ_MAX_FILE)
		rc = err_set(e, ERR_DATA, "%s: file too large for a time zone", path);
	fclose(f);
	if (!rc) {
		rc = tz_parse(path, buf, n, out, e);
		if (!rc) {
			free((*out)->name);
			(*out)->name = xstrdup(name);
		}
	}
	free(buf);
	free(path);
	return rc;
}

const char *tz_name(const struct tz *z)
{
	return z->name;
}

const char *tz_footer(const struct tz *z)
{
	return z->footer;
}

static const struct tz_type *type_at(const struct tz *z, int64_t t)
{
	if (z->ntimes == 0 || t >= z->times[z->ntimes - 1]) {
		if (z->posix.valid)
			return posix_at(&z->posix, t);
		if (z->ntimes == 0)
			return &z->types[0];
		return &z->types[z->idx[z->ntimes - 1]];
	}
	if (t < z->times[0])
		return &z->types[0];
	size_t lo = 0, hi = z->ntimes - 1; /* times[lo] <= t < times[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->times[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return &z->types[z->idx[lo]];
}

int32_t tz_offset_at(const struct tz *z, int64_t t)
{
	return type_at(z, t)->off;
}

void tz_to_local(const struct tz *z, int64_t t, struct tz_local *out)
{
	const struct tz_type *ty = type_at(z, t);
	struct iso_civil c;
	iso_seconds_to_civil(t + ty->off, &c);
	out->year = c.year;
	out->month = c.month;
	out->day = c.day;
	out->hour = c.hour;
	out->min = c.min;
	out->sec = c.sec;
	out->weekday = iso_weekday(iso_floordiv(t + ty->off, 86400));
	out->offset = ty->off;
	out->is_dst = ty->is_dst;
	memcpy(out->abbr, ty->abbr, TZ_ABBR_MAX);
}

/* Offsets a day before and after bracket at most one transition in every
 * real zone (transitions are weeks apart), so they are the two candidates. */
static enum tz_wall_kind classify(const struct tz *z, int64_t wall, int64_t *first)
{
	int32_t ob = tz_offset_at(z, wall - 86400);
	int32_t oa = tz_offset_at(z, wall + 86400);
	int64_t tb = wall - ob, ta = wall - oa;
	int vb = tz_offset_at(z, tb) == ob, va = tz_offset_at(z, ta) == oa;
	if (vb && va && ob != oa) {
		*first = tb < ta ? tb : ta;
		return TZ_WALL_OVERLAP;
	}
	if (vb || va) {
		*first = vb ? tb : ta;
		return TZ_WALL_UNIQUE;
	}
	if (ob != oa) {
		*first = tb; /* gap: the pre-transition offset moves it forward */
		return TZ_WALL_GAP;
	}
	/* Two changes within two days (not in any real zone): settle for the
	 * offset in force at the instant the wall time first suggests. */
	*first = wall - tz_offset_at(z, wall - tz_offset_at(z, wall));
	return TZ_WALL_UNIQUE;
}

int64_t tz_from_wall(const struct tz *z, int64_t wall)
{
	int64_t t;
	classify(z, wall, &t);
	return t;
}

enum tz_wall_kind tz_wall_kind(const struct tz *z, int64_t wall)
{
	int64_t t;
	return classify(z, wall, &t);
}

int64_t tz_from_local(const struct tz *z, int64_t year, int month, int day, int hour,
		      int min, int sec)
{
	/* normalise the month so that days_from_civil gets 1..12 */
	int64_t m0 = (int64_t)month - 1;
	year += iso_floordiv(m0, 12);
	m0 = iso_floormod(m0, 12);
	int64_t days = iso_days_from_civil(year, (unsigned)m0 + 1, 1) + day - 1;
	int64_t wall = days * 86400 + (int64_t)hour * 3600 + (int64_t)min * 60 + sec;
	return tz_from_wall(z, wall);
}

int64_t tz_next_weekly(const struct tz *z, int64_t after, unsigned weekday, int32_t secs)
{
	struct tz_local l;
	tz_to_local(z, after, &l);
	int64_t day = iso_days_from_civil(l.year, l.month, l.day);
	day += ((int)weekday - (int)iso_weekday(day) + 7) % 7;
	/* this week's slot may already be past (or fall before `after` once a
	 * gap or overlap is resolved): then the next week's */
	for (int k = 0; k < 3; k++, day += 7) {
		int64_t t = tz_from_wall(z, day * 86400 + secs);
		if (t >= after)
			return t;
	}
	return tz_from_wall(z, day * 86400 + secs);
}

static int type_eq(const struct tz_type *a, const struct tz_type *b)
{
	return a->off == b->off && a->is_dst == b->is_dst && strcmp(a->abbr, b->abbr) == 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

struct tz_transition *tz_transitions(const struct tz *z, int64_t from, int64_t to,
				     size_t *n)
{
	int64_t *cand = NULL;
	size_t nc = 0, alloc = 0;
	/* keep the footer's year loop bounded whatever the caller asks */
	const int64_t lim_lo = iso_days_from_civil(ISO_YEAR_MIN, 1, 1) * 86400;
	const int64_t lim_hi = iso_days_from_civil(ISO_YEAR_MAX, 1, 1) * 86400;
	from = from < lim_lo ? lim_lo : from;
	to = to > lim_hi ? lim_hi : to;
	for (size_t i = 0; i < z->ntimes; i++) {
		if (z->times[i] >= from && z->times[i] < to) {
			ALLOC_GROW(cand, nc + 1, alloc);
			cand[nc++] = z->times[i];
		}
	}
	if (z->posix.valid && z->posix.has_dst) {
		int64_t last = z->ntimes ? z->times[z->ntimes - 1] : INT64_MIN;
		int64_t lo = from > last ? from : last;
		if (lo < to) {
			int64_t y0, y1;
			unsigned m, d;
			iso_civil_from_days(iso_floordiv(lo, 86400), &y0, &m, &d);
			iso_civil_from_days(iso_floordiv(to, 86400), &y1, &m, &d);
			for (int64_t y = y0 - 1; y <= y1 + 1; y++) {
				int64_t at[2];
				posix_year(&z->posix, y, at);
				for (int k = 0; k < 2; k++) {
					if (at[k] > last && at[k] >= from && at[k] < to) {
						ALLOC_GROW(cand, nc + 1, alloc);
						cand[nc++] = at[k];
					}
				}
			}
		}
	}
	if (nc) /* qsort may not be given a null pointer, even for no items */
		qsort(cand, nc, sizeof(*cand), cmp_i64);
	struct tz_transition *v = xcalloc(nc ? nc : 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < nc; i++) {
		if (i > 0 && cand[i] == cand[i - 1])
			continue;
		const struct tz_type *before = type_at(z, cand[i] - 1);
		const struct tz_type *after = type_at(z, cand[i]);
		if (type_eq(before, after))
			continue;
		v[k].at = cand[i];
		v[k].offset_before = before->off;
		v[k].offset_after = after->off;
		v[k].is_dst = after->is_dst;
		memcpy(v[k].abbr, after->abbr, TZ_ABBR_MAX);
		k++;
	}
	free(cand);
	*n = k;
	return v;
}
