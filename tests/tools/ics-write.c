/*
 * ics-write — test helper (not part of koers): write an iCalendar file from a
 * fixture of events so tests/cli/t2200-ics.sh can read it back with a real
 * iCalendar parser. Usage: ics-write ZONE FIXTURE DTSTAMP > out.ics
 *
 * The fixture is tab-separated, one event a line, '#' starts a comment:
 *   uid  expected-utc  local-start  minutes|end:local-end  status  cat1|cat2|-  url|-
 *   summary  description
 * Text columns take the escapes \n, \r, \t and \\. The expected UTC column that
 * the checker uses is ignored here: the writer must find it by itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/strbuf.h"
#include "base/tz.h"
#include "base/xalloc.h"
#include "content/ics.h"

#define NCOL 9

static char *unescape(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			strbuf_addch(&sb, *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'r' ? '\r' : *s);
		} else {
			strbuf_addch(&sb, *s);
		}
	}
	return strbuf_detach(&sb, NULL);
}

static int parse_time(const char *s, const struct tz *z, int64_t *out, unsigned line)
{
	struct err e = { 0 };
	if (iso_parse_datetime(s, z, out, &e, NULL)) {
		fprintf(stderr, "ics-write: line %u: %s\n", line, e.msg);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: ics-write ZONE FIXTURE DTSTAMP\n");
		return 2;
	}
	struct err e = { 0 };
	struct tz *z = NULL;
	if (tz_load(argv[1], NULL, &z, &e)) {
		fprintf(stderr, "ics-write: %s\n", e.msg);
		return 1;
	}
	FILE *f = fopen(argv[2], "r");
	if (!f) {
		perror(argv[2]);
		return 3;
	}
	struct ics_event *ev = NULL;
	size_t n = 0, alloc = 0;
	char buf[8192];
	unsigned lineno = 0;
	while (fgets(buf, sizeof(buf), f)) {
		lineno++;
		buf[strcspn(buf, "\n")] = '\0';
		if (!buf[0] || buf[0] == '#')
			continue;
		char *col[NCOL + 1] = { 0 };
		size_t nc = 0;
		for (char *p = buf; p && nc <= NCOL; nc++) {
			col[nc] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (nc != NCOL) {
			fprintf(stderr, "ics-write: line %u: %zu columns, want %d\n", lineno, nc, NCOL);
			return 1;
		}
		ALLOC_GROW(ev, n + 1, alloc);
		struct ics_event *x = &ev[n++];
		memset(x, 0, sizeof(*x));
		x->uid = xstrdup(col[0]);
		/* col[1] is the expected UTC instant, for the checker only */
		if (parse_time(col[2], z, &x->start, lineno))
			return 1;
		if (!strncmp(col[3], "end:", 4)) {
			x->has_end = 1;
			if (parse_time(col[3] + 4, z, &x->end, lineno))
				return 1;
		} else {
			x->duration = strtoll(col[3], NULL, 10) * 60;
		}
		static const char *const st[] = { "-", "TENTATIVE", "CONFIRMED", "CANCELLED" };
		for (size_t k = 0; k < 4; k++)
			if (!strcmp(col[4], st[k]))
				x->status = (enum ics_status)k;
		if (strcmp(col[5], "-")) {
			char **cats = NULL;
			size_t nalloc = 0;
			for (char *p = col[5]; p;) {
				char *bar = strchr(p, '|');
				if (bar)
					*bar++ = '\0';
				ALLOC_GROW(cats, x->ncategories + 1, nalloc);
				cats[x->ncategories++] = unescape(p);
				p = bar;
			}
			x->categories = (const char *const *)cats;
		}
		x->url = strcmp(col[6], "-") ? xstrdup(col[6]) : NULL;
		x->summary = unescape(col[7]);
		x->description = unescape(col[8]);
	}
	fclose(f);
	int64_t stamp;
	if (parse_time(argv[3], NULL, &stamp, 0))
		return 2;
	struct ics_calendar cal = {
		.prodid = "-//koers//koers test//EN",
		.name = "koers, test; calendar",
		.zone = z,
		.dtstamp = stamp,
	};
	struct strbuf out;
	strbuf_init(&out, 16 << 20);
	if (ics_write(&out, &cal, ev, n, &e)) {
		fprintf(stderr, "ics-write: %s\n", e.msg);
		return 1;
	}
	fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	for (size_t i = 0; i < n; i++) {
		free((char *)ev[i].uid);
		free((char *)ev[i].url);
		free((char *)ev[i].summary);
		free((char *)ev[i].description);
		for (size_t k = 0; k < ev[i].ncategories; k++)
			free((char *)ev[i].categories[k]);
		free((void *)ev[i].categories);
	}
	free(ev);
	tz_free(z);
	return 0;
}
