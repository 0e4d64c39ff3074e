#include "content/postcsv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/xalloc.h"
#include "base/csv.h"
#include "content/post.h"
#include "plan/plan.h"

enum col {
	COL_ID, COL_SCHEDULED, COL_CHANNELS, COL_TITLE, COL_TEXT, COL_LINK, COL_PILLAR, COL_PERSONA,
	COL_GOAL, COL_CAMPAIGN, COL_STATUS, COL_AUTHOR, COL_APPROVER, COL_MEDIA, COL_VARIANT, COL__N
};

static const char *const col_names[COL__N] = {
	"id", "scheduled", "channels", "title", "text", "link", "pillar", "persona",
	"goal", "campaign", "status", "author", "approver", "media", NULL,
};

static const char *const import_statuses[] = { "draft", "submitted", "approved", "scheduled", NULL };

struct header {
	enum col *kind;        /* per field */
	const char **variant;  /* channel of a text.CHANNEL field */
	int pos[COL__N];       /* field of each column, -1 when absent */
	size_t n;
};

static int read_header(const char *file, const struct csv_record *r, struct header *h, struct diags *d)
{
	int bad = 0;
	h->n = r->n;
	h->kind = xcalloc(r->n ? r->n : 1, sizeof(*h->kind));
	h->variant = xcalloc(r->n ? r->n : 1, sizeof(*h->variant));
	for (int c = 0; c < COL__N; c++)
		h->pos[c] = -1;
	for (size_t i = 0; i < r->n; i++) {
		const char *name = r->fields[i];
		int c = 0;
		while (c < COL_VARIANT && strcmp(col_names[c], name))
			c++;
		if (c == COL_VARIANT && !strncmp(name, "text.", 5) && name[5]) {
			h->kind[i] = COL_VARIANT;
			h->variant[i] = name + 5;
			continue;
		}
		if (c == COL_VARIANT) {
			diags_add(d, file, r->row, (unsigned)i + 1,
				  "unknown column '%s' (columns: id, scheduled, channels, title, text, text.CHANNEL, link, "
				  "pillar, persona, goal, campaign, status, author, approver, media)",
				  name);
			bad = ERR_DATA;
			continue;
		}
		if (h->pos[c] >= 0) {
			diags_add(d, file, r->row, (unsigned)i + 1, "column '%s' appears twice", name);
			bad = ERR_DATA;
		}
		h->kind[i] = (enum col)c;
		h->pos[c] = (int)i;
	}
	if (h->pos[COL_CHANNELS] < 0) {
		diags_add(d, file, r->row, 0, "the header has no 'channels' column");
		bad = ERR_DATA;
	}
	return bad;
}

static unsigned field_col(const struct header *h, const char *field)
{
	if (!strncmp(field, "text.", 5)) {
		for (size_t i = 0; i < h->n; i++)
			if (h->kind[i] == COL_VARIANT && !strcmp(h->variant[i], field + 5))
				return (unsigned)i + 1;
		field = "text";
	}
	for (int c = 0; c < COL_VARIANT; c++)
		if (!strcmp(col_names[c], field))
			return h->pos[c] >= 0 ? (unsigned)h->pos[c] + 1 : 0;
	return 0;
}

static void split_channels(struct post *p, const char *s)
{
	while (*s) {
		size_t skip = strspn(s, " ,;\t");
		s += skip;
		size_t len = strcspn(s, " ,;\t");
		if (!len)
			break;
		char *id = xstrndup(s, len);
		post_add_channel(p, id, NULL);
		free(id);
		s += len;
	}
}

static void split_media(struct post *p, const char *s)
{
	while (*s) {
		size_t len = strcspn(s, "\r\n");
		char *line = xstrndup(s, len), *alt = strchr(line, '|');
		if (alt)
			*alt++ = '\0';
		char *loc = line;
		while (*loc == ' ')
			loc++;
		for (char *e = loc + strlen(loc); e > loc && e[-1] == ' ';)
			*--e = '\0';
		while (alt && *alt == ' ')
			alt++;
		if (*loc)
			post_add_media(p, loc, alt);
		free(line);
		s += len;
		s += strspn(s, "\r\n");
	}
}

static bool record_empty(const struct csv_record *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->fields[i][0])
			return false;
	return true;
}

static void read_record(const char *file, const struct header *h, const struct csv_record *r,
			const struct plan *plan, const struct tz *zone, const struct text_matcher *m,
			struct post *p, struct diags *d)
{
	post_init(p);
	for (size_t i = 0; i < r->n && i < h->n; i++) {
		const char *v = r->fields[i];
		unsigned col = (unsigned)i + 1;
		switch (h->kind[i]) {
		case COL_ID:
			break;
		case COL_SCHEDULED:
			if (*v) {
				struct err e = { .lang = d->lang };
				unsigned ec = 0;
				if (iso_parse_datetime(v, zone, &p->scheduled_at, &e, &ec) < 0)
					diags_add(d, file, r->row, col, "scheduled time: %s", e.msg);
				else
					p->has_time = true;
			}
			break;
		case COL_CHANNELS: split_channels(p, v); break;
		case COL_TITLE: post_set(&p->title, v); break;
		case COL_TEXT: post_set(&p->body, v); break;
		case COL_LINK: post_set(&p->link, v); break;
		case COL_PILLAR: post_set(&p->pillar, v); break;
		case COL_PERSONA: post_set(&p->persona, v); break;
		case COL_GOAL: post_set(&p->goal, v); break;
		case COL_CAMPAIGN: post_set(&p->campaign, v); break;
		case COL_STATUS:
			if (*v) {
				const char *const *s = import_statuses;
				while (*s && strcmp(*s, v))
					s++;
				if (*s)
					post_set(&p->status, v);
				else
					diags_add(d, file, r->row, col,
						  "status '%s' cannot be imported (draft, submitted, approved or scheduled)", v);
			}
			break;
		case COL_AUTHOR: post_set(&p->author, v); break;
		case COL_APPROVER: post_set(&p->approver, v); break;
		case COL_MEDIA: split_media(p, v); break;
		case COL_VARIANT: break;
		case COL__N: break;
		}
	}
	if (r->n != h->n)
		diags_add(d, file, r->row, (unsigned)(r->n < h->n ? r->n : h->n) + 1,
			  "the record has %zu fields, the header %zu", r->n, h->n);
	/* Variants after the channels, so a variant of a channel not listed is an error. */
	for (size_t i = 0; i < r->n && i < h->n; i++) {
		if (h->kind[i] != COL_VARIANT || !r->fields[i][0])
			continue;
		if (!post_has_channel(p, h->variant[i]))
			diags_add(d, file, r->row, (unsigned)i + 1, "a text for channel '%s', which the post does not go to",
				  h->variant[i]);
		else
			post_add_channel(p, h->variant[i], r->fields[i]);
	}
	struct post_problems pp = { .lang = d->lang };
	post_check_refs(p, plan, zone, &pp);
	bool ready = !strcmp(p->status, "approved") || !strcmp(p->status, "scheduled");
	if (ready) {
		if (!p->approver)
			post_problem_add(&pp, true, "approver", "an %s post needs its approver", p->status);
		else if (p->author && !strcmp(p->author, p->approver))
			post_problem_add(&pp, true, "approver", "%s may not approve their own post", p->approver);
		else {
			const struct plan_member *t = plan->team.v;
			bool ok = false;
			for (size_t i = 0; i < plan->team.n; i++)
				if (t[i].id && !strcmp(t[i].id, p->approver))
					for (size_t j = 0; j < t[i].roles.n; j++)
						ok |= !strcmp(t[i].roles.v[j], "approver") || !strcmp(t[i].roles.v[j], "owner");
			if (!ok)
				post_problem_add(&pp, true, "approver", "%s does not have the role approver or owner",
						 p->approver);
		}
		struct err e = { .lang = d->lang };
		post_check_text(p, plan, m, true, &pp, NULL, &e);
	}
	if (!strcmp(p->status, "scheduled") && !p->has_time)
		post_problem_add(&pp, true, "scheduled", "a scheduled post needs a time");
	for (size_t i = 0; i < pp.n; i++)
		if (pp.v[i].error)
			diags_add(d, file, r->row, field_col(h, pp.v[i].field), "%s", pp.v[i].message);
	post_problems_release(&pp);
}

static int diag_order(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return x < y ? -1 : x > y;
}

int postcsv_read(const char *file, const char *s, size_t n, const struct plan *plan, const struct tz *zone,
		 const struct text_matcher *m, struct post **out, size_t *nposts, unsigned **rows,
		 struct diags *d)
{
	size_t before = d->n + d->dropped, nrec, alloc = 0, ralloc = 0;
	struct csv_record *recs;
	*out = NULL;
	*nposts = 0;
	*rows = NULL;
	csv_parse(file, s, n, &recs, &nrec, d);
	if (!nrec) {
		if (d->n + d->dropped == before)
			diags_add(d, file, 1, 0, "the file has no header");
		csv_records_free(recs, nrec);
		return ERR_DATA;
	}
	struct header h;
	if (recs[0].row != 1 || read_header(file, &recs[0], &h, d) < 0 || recs[0].row != 1) {
		if (recs[0].row != 1)
			memset(&h, 0, sizeof(h));
		free(h.kind);
		free(h.variant);
		csv_records_free(recs, nrec);
		return ERR_DATA;
	}
	for (size_t i = 1; i < nrec; i++) {
		if (record_empty(&recs[i]))
			continue;
		ALLOC_GROW(*out, *nposts + 1, alloc);
		ALLOC_GROW(*rows, *nposts + 1, ralloc);
		(*rows)[*nposts] = recs[i].row;
		read_record(file, &h, &recs[i], plan, zone, m, &(*out)[(*nposts)++], d);
	}
	free(h.kind);
	free(h.variant);
	csv_records_free(recs, nrec);
	/* The reader's problems and the checks' in file order. */
	if (d->n > before)
		qsort(d->v + before, d->n - before, sizeof(*d->v), diag_order);
	return d->n + d->dropped > before ? ERR_DATA : 0;
}

void postcsv_write(struct strbuf *sb, const struct post *v, size_t n, const struct tz *zone)
{
	/* One text.CHANNEL column for every channel that has its own variant. */
	const char **variants = NULL;
	size_t nvar = 0, avar = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i].nchannels; j++) {
			if (!v[i].channels[j].body)
				continue;
			size_t k = 0;
			while (k < nvar && strcmp(variants[k], v[i].channels[j].channel))
				k++;
			if (k == nvar) {
				ALLOC_GROW(variants, nvar + 1, avar);
				variants[nvar++] = v[i].channels[j].channel;
			}
		}
	for (int c = 0; c < COL_VARIANT; c++)
		strbuf_addf(sb, "%s%s", c ? "," : "", col_names[c]);
	for (size_t k = 0; k < nvar; k++) {
		strbuf_addstr(sb, ",text.");
		strbuf_addstr(sb, variants[k]);
	}
	strbuf_addstr(sb, "\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct post *p = &v[i];
		char buf[ISO_BUFSZ] = "";
		strbuf_addf(sb, "%lld,", (long long)p->id);
		if (p->has_time)
			iso_format_local(zone, p->scheduled_at, buf);
		strbuf_addf(sb, "%s,", buf);
		struct strbuf ch;
		strbuf_init(&ch, STRBUF_NOCAP);
		for (size_t j = 0; j < p->nchannels; j++)
			strbuf_addf(&ch, "%s%s", j ? " " : "", p->channels[j].channel);
		csv_add_field(sb, ch.buf);
		strbuf_release(&ch);
		const char *vals[] = { p->title, p->body, p->link, p->pillar, p->persona, p->goal, p->campaign,
				       p->status, p->author, p->approver };
		for (size_t j = 0; j < sizeof(vals) / sizeof(vals[0]); j++) {
			strbuf_addch(sb, ',');
			csv_add_field(sb, vals[j]);
		}
		struct strbuf media;
		strbuf_init(&media, STRBUF_NOCAP);
		for (size_t j = 0; j < p->nmedia; j++)
			strbuf_addf(&media, "%s%s%s%s", j ? "\n" : "", p->media[j].location, p->media[j].alt ? " | " : "",
				    p->media[j].alt ? p->media[j].alt : "");
		strbuf_addch(sb, ',');
		csv_add_field(sb, media.buf);
		strbuf_release(&media);
		for (size_t k = 0; k < nvar; k++) {
			const char *body = NULL;
			for (size_t j = 0; j < p->nchannels; j++)
				if (!strcmp(p->channels[j].channel, variants[k]))
					body = p->channels[j].body;
			strbuf_addch(sb, ',');
			csv_add_field(sb, body);
		}
		strbuf_addstr(sb, "\r\n");
	}
	free(variants);
}
