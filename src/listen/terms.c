/* terms — emerging terms by log-likelihood (see terms.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "listen/norm.h"
#include "listen/terms.h"

struct entry {
	char *word;
	uint32_t recent, baseline;
	uint64_t seen; /* the text that counted it last, so a text counts a word once */
};

struct terms {
	struct entry *tab;
	size_t cap, used;
	uint64_t texts_recent, texts_baseline, text_no;
	struct norm_buf nb;
	struct term_row *rows;
};

struct terms *terms_new(void)
{
	struct terms *t = xcalloc(1, sizeof(*t));
	t->cap = 1024;
	t->tab = xcalloc(t->cap, sizeof(*t->tab));
	return t;
}

void terms_free(struct terms *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->cap; i++)
		free(t->tab[i].word);
	free(t->tab);
	free(t->rows);
	norm_buf_release(&t->nb);
	free(t);
}

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static struct entry *lookup(struct terms *t, const char *w, size_t n)
{
	if (2 * (t->used + 1) > t->cap) {
		struct entry *old = t->tab;
		size_t oldcap = t->cap;
		t->cap *= 2;
		t->tab = xcalloc(t->cap, sizeof(*t->tab));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].word) {
				size_t j = hash(old[i].word, strlen(old[i].word)) & (t->cap - 1);
				while (t->tab[j].word)
					j = (j + 1) & (t->cap - 1);
				t->tab[j] = old[i];
			}
		free(old);
	}
	size_t j = hash(w, n) & (t->cap - 1);
	while (t->tab[j].word) {
		if (!strncmp(t->tab[j].word, w, n) && t->tab[j].word[n] == '\0')
			return &t->tab[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->tab[j].word = xstrndup(w, n);
	t->used++;
	return &t->tab[j];
}

void terms_add(struct terms *t, const char *text, size_t len, int recent)
{
	norm_text(&t->nb, text, len);
	t->text_no++;
	if (recent)
		t->texts_recent++;
	else
		t->texts_baseline++;
	const char *s = t->nb.buf, *end = s + t->nb.len;
	while (s < end) {
		while (s < end && norm_is_sep((unsigned char)*s))
			s++;
		const char *w = s;
		bool digits = true;
		while (s < end && !norm_is_sep((unsigned char)*s)) {
			digits &= *s >= '0' && *s <= '9';
			s++;
		}
		size_t n = (size_t)(s - w);
		/* Handles and tags are kept apart from words by norm; the word itself counts. */
		if (n < 3 || n > 64 || digits)
			continue;
		struct entry *e = lookup(t, w, n);
		if (e->seen == t->text_no)
			continue;
		e->seen = t->text_no;
		if (recent)
			e->recent++;
		else
			e->baseline++;
	}
}

static double xlogx(double x)
{
	return x > 0 ? x * log(x) : 0;
}

/* Dunning's G² of the 2x2 table [[a, b], [c, d]]. */
static double g2(double a, double b, double c, double d)
{
	double n = a + b + c + d;
	return 2 * (xlogx(a) + xlogx(b) + xlogx(c) + xlogx(d) + xlogx(n) - xlogx(a + b) - xlogx(c + d) - xlogx(a + c) -
		    xlogx(b + d));
}

static int row_cmp(const void *x, const void *y)
{
	const struct term_row *a = x, *b = y;
	if (a->g2 != b->g2)
		return a->g2 > b->g2 ? -1 : 1;
	return strcmp(a->term, b->term);
}

size_t terms_emerging(struct terms *t, unsigned min_count, double min_g2, size_t limit, const struct term_row **out)
{
	free(t->rows);
	t->rows = NULL;
	size_t n = 0, alloc = 0;
	double R = (double)t->texts_recent, B = (double)t->texts_baseline;
	for (size_t i = 0; i < t->cap; i++) {
		const struct entry *e = &t->tab[i];
		if (!e->word || e->recent < min_count || R == 0)
			continue;
		double rr = e->recent / R, br = B > 0 ? e->baseline / B : 0;
		if (rr <= br)
			continue;
		double score = g2(e->recent, R - e->recent, e->baseline, B - e->baseline);
		if (score < min_g2)
			continue;
		ALLOC_GROW(t->rows, n + 1, alloc);
		/* Lift with add-one smoothing so a term new in the recent window stays finite. */
		double lift = ((e->recent + 1.0) / (R + 1.0)) / ((e->baseline + 1.0) / (B + 1.0));
		t->rows[n++] = (struct term_row){ e->word, e->recent, e->baseline, score, lift };
	}
	if (n)
		qsort(t->rows, n, sizeof(*t->rows), row_cmp);
	*out = t->rows;
	return n < limit ? n : limit;
}
