/* The trainable sentiment model; see model.h. */
#include "listen/model.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct smodel *smodel_new(uint32_t dim)
{
	struct smodel *m = xcalloc(1, sizeof(*m));
	m->dim = dim;
	m->w = xcalloc((size_t)dim * SENT__COUNT, sizeof(*m->w));
	return m;
}

void smodel_free(struct smodel *m)
{
	if (!m)
		return;
	free(m->w);
	free(m);
}

/* Salts keep the kinds of hashed features apart. */
#define SALT_NEG 0x9e3779b97f4a7c15ULL
#define SALT_BIGRAM 0xc2b2ae3d27d4eb4fULL
#define SALT_CHAR 0x165667b19e3779f9ULL
/* Character n-grams: 3 was better than 4 or none in cross-validation on the English sets. */
#define CHARG 3

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* Dense features: the language-independent ones first, then the language indicators. */
enum { SF_NL = SMODEL_LEXICON, SF_EN, SF__DENSE };

static float cap1(float v) { return v > 1 ? 1.0f : v; }

size_t smodel_features(const struct lexmap *lx, const struct words *ws, enum langid lang,
		       const struct sentiment_lex *s, uint32_t dim, struct sfeat *out)
{
	size_t n = 0;
	float caps = ws->letters_words ? (float)ws->caps_words / (float)ws->letters_words : 0;
	int emoji = 0, url = 0, mention = 0, hashtag = 0, elong = 0, number = 0;
	for (size_t i = 0; i < ws->n; i++) {
		const struct word *w = &ws->w[i];
		emoji |= w->kind == WORD_EMOJI;
		url |= w->kind == WORD_URL;
		mention |= w->kind == WORD_MENTION;
		hashtag |= (w->flags & WORD_HASHTAG) != 0;
		elong |= (w->flags & WORD_ELONG) != 0;
		number |= (w->flags & WORD_NUMBER) != 0;
	}
	/*
	 * What the rules found, in terms that mean the same in every language
	 * the lexicons cover: the part of the model that carries over to a
	 * language it never saw labelled examples of.
	 */
	const float dense[SF__DENSE] = {
		1.0f,
		s->compound,
		cap1(s->pos / 4),
		cap1(s->neg / 4),
		s->hits > 0,
		s->negated > 0,
		ws->exclaims > 0,
		ws->questions > 0,
		(float)url,
		caps,
		s->compound >= 0.05f,
		s->compound <= -0.05f,
		(float)emoji,
		cap1(s->emo_pos / 4),
		cap1(s->emo_neg / 4),
		cap1(s->max_pos / 4),
		cap1(s->max_neg / 4),
		(float)s->contrast,
		cap1((float)s->hits / 4),
		cap1((float)s->negated / 2),
		(float)mention,
		(float)hashtag,
		(float)elong,
		logf(1.0f + (float)ws->letters_words) / 5,
		ws->exclaims > 1,
		cap1((s->pos < s->neg ? s->pos : s->neg) / 4),
		s->compound >= 0.5f,
		s->compound <= -0.5f,
		s->boosted > 0,
		(float)number,
		lang == LANGID_NL,
		lang == LANGID_EN,
	};
	for (uint32_t i = 0; i < SF__DENSE; i++)
		if (dense[i] != 0)
			out[n++] = (struct sfeat){ i, dense[i] };
	size_t first = n;
	uint32_t span = dim - SMODEL_HASHED;
	uint64_t prev = 0x5bd1e995; /* start of text */
	int negating = 0;
	for (size_t i = 0; i < ws->n && n + 2 <= SFEAT_MAX; i++) {
		const struct word *w = &ws->w[i];
		uint64_t h = w->hash;
		if (w->kind == WORD_MENTION)
			h = words_hash("@", 1);
		else if (w->kind == WORD_URL)
			h = words_hash("<url>", 5);
		else if (w->flags & WORD_NUMBER)
			h = words_hash("<num>", 5);
		else if (w->kind == WORD_PUNCT) {
			if (w->flags & WORD_BREAK)
				negating = 0;
			if (w->len > 4)
				continue;
		}
		if (w->kind == WORD_WORD) {
			const struct lexent *x = lexmap_word(lx, ws, i);
			if ((x && (x->flags & LEXF_NEGATE)) || (w->len > 3 && !memcmp(ws->buf + w->off + w->len - 3, "n't", 3))) {
				negating = 1;
				prev = h;
				out[n++] = (struct sfeat){ SMODEL_HASHED + (uint32_t)(mix(h) % span), 1 };
				continue;
			}
		}
		uint64_t u = negating && w->kind == WORD_WORD ? h ^ SALT_NEG : h;
		out[n++] = (struct sfeat){ SMODEL_HASHED + (uint32_t)(mix(u) % span), 1 };
		if (w->kind == WORD_WORD && !(w->flags & WORD_NUMBER) && w->len >= 4 && w->len <= 40) {
			/*
			 * The word's character trigrams, with its boundaries ("^gr",
			 * "gre", ..., "at$"): inflections, misspellings and words the
			 * training texts did not hold share parts with known ones.
			 */
			char b[44];
			b[0] = '^';
			memcpy(b + 1, ws->buf + w->off, w->len);
			b[w->len + 1] = '$';
			for (size_t k = 0; k + CHARG <= (size_t)w->len + 2 && n + 3 <= SFEAT_MAX; k++)
				out[n++] = (struct sfeat){ SMODEL_HASHED + (uint32_t)(mix(words_hash(b + k, CHARG) ^ SALT_CHAR ^ (negating ? SALT_NEG : 0)) % span), 1 };
		}
		out[n++] = (struct sfeat){ SMODEL_HASHED + (uint32_t)(mix((prev * 31 + h) ^ SALT_BIGRAM) % span), 1 };
		prev = h;
	}
	/* Unit length for the hashed part, so that long texts do not shout. */
	if (n > first) {
		float v = 1.0f / sqrtf((float)(n - first));
		for (size_t i = first; i < n; i++)
			out[i].val = v;
	}
	return n;
}

size_t smodel_lexicon_part(struct sfeat *f, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n && f[i].idx < SMODEL_DENSE; i++)
		if (f[i].idx < SMODEL_LEXICON)
			f[k++] = (struct sfeat){ f[i].idx + SMODEL_DENSE, f[i].val };
	return k;
}

int smodel_knows(const struct smodel *m, enum langid lang)
{
	if (lang == LANGID_OTHER) /* undetermined: read with every lexicon, and with the words learnt */
		return m->langs != 0;
	if (lang == LANGID_FOREIGN) /* its words were never learnt: the lexicon model alone */
		return 0;
	return (m->langs >> lang) & 1;
}

void smodel_predict(const struct smodel *m, const struct sfeat *f, size_t n, float *p)
{
	float z[SENT__COUNT] = { 0 };
	for (size_t i = 0; i < n; i++) {
		const float *w = m->w + (size_t)f[i].idx * SENT__COUNT;
		for (int c = 0; c < SENT__COUNT; c++)
			z[c] += w[c] * f[i].val;
	}
	float mx = z[0];
	for (int c = 1; c < SENT__COUNT; c++)
		mx = z[c] > mx ? z[c] : mx;
	float sum = 0;
	for (int c = 0; c < SENT__COUNT; c++)
		sum += p[c] = expf(z[c] - mx);
	for (int c = 0; c < SENT__COUNT; c++)
		p[c] /= sum;
}

void strain_add(struct strain_set *t, const struct sfeat *f, size_t n, int label)
{
	ALLOC_GROW(t->feat, t->nfeat + n, t->alloc_feat);
	if (t->n + 2 > t->alloc_n) {
		size_t a = t->alloc_n;
		ALLOC_GROW(t->off, t->n + 2, a);
		a = t->alloc_n;
		ALLOC_GROW(t->label, t->n + 2, a);
		t->alloc_n = a;
	}
	memcpy(t->feat + t->nfeat, f, n * sizeof(*f));
	t->off[t->n] = t->nfeat;
	t->label[t->n] = (uint8_t)label;
	t->nfeat += n;
	t->n++;
	t->off[t->n] = t->nfeat;
}

void strain_release(struct strain_set *t)
{
	free(t->feat);
	free(t->off);
	free(t->label);
	memset(t, 0, sizeof(*t));
}

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/*
 * How strongly each hashed slot tells one class from the others, from the
 * training examples alone: the largest over the classes of |log(p / q)|,
 * p the feature's occurrences per example of that class and q per example
 * of the other classes, add-one smoothed ((count + 1) / (examples + 2)):
 * Naive Bayes log-count ratios, one class against the rest (NBSVM, Wang and
 * Manning 2012). A feature found as often in every class gets 0 and is
 * never learnt. dim floats; the dense slots get 1.
 */
static float *nb_scale(const struct strain_set *t, uint32_t dim)
{
	float *df = xcalloc((size_t)dim * SENT__COUNT, sizeof(*df));
	size_t count[SENT__COUNT] = { 0 };
	for (size_t i = 0; i < t->n; i++) {
		int y = t->label[i];
		count[y]++;
		for (size_t k = t->off[i]; k < t->off[i + 1]; k++)
			if (t->feat[k].idx >= SMODEL_HASHED)
				df[(size_t)t->feat[k].idx * SENT__COUNT + y] += 1;
	}
	float *scale = xmalloc((size_t)dim * sizeof(*scale));
	for (size_t i = 0; i < SMODEL_HASHED; i++)
		scale[i] = 1;
	for (size_t i = SMODEL_HASHED; i < dim; i++) {
		const float *d = df + i * SENT__COUNT;
		float all = d[0] + d[1] + d[2], best = 0;
		for (int c = 0; c < SENT__COUNT; c++) {
			float p = (d[c] + 1) / ((float)count[c] + 2);
			float q = (all - d[c] + 1) / ((float)(t->n - count[c]) + 2);
			float r = fabsf(logf(p / q));
			best = r > best ? r : best;
		}
		scale[i] = best;
	}
	free(df);
	return scale;
}

struct smodel *smodel_train(const struct strain_set *t, uint32_t dim, const struct strain_opts *o)
{
	unsigned epochs = o && o->epochs ? o->epochs : 5;
	float rate = o && o->rate > 0 ? o->rate : 0.2f;
	float l2 = o && o->l2 > 0 ? o->l2 : 1e-5f;
	uint32_t seed = o && o->seed ? o->seed : 12345;
	struct smodel *m = smodel_new(dim);
	float *g2 = xcalloc((size_t)dim * SENT__COUNT, sizeof(*g2)); /* AdaGrad's sums of squared gradients */
	size_t count[SENT__COUNT] = { 0 }, nl = 0, en = 0;
	for (size_t i = 0; i < t->n; i++) {
		count[t->label[i]]++;
		for (size_t k = t->off[i]; k < t->off[i + 1] && t->feat[k].idx < SMODEL_DENSE; k++) {
			nl += t->feat[k].idx == SF_NL;
			en += t->feat[k].idx == SF_EN;
		}
	}
	if (nl && nl * 10 >= t->n)
		m->langs |= 1u << LANGID_NL;
	if (en && en * 10 >= t->n)
		m->langs |= 1u << LANGID_EN;
	float cw[SENT__COUNT];
	int present = 0;
	for (int c = 0; c < SENT__COUNT; c++)
		present += count[c] > 0;
	for (int c = 0; c < SENT__COUNT; c++)
		cw[c] = count[c] ? (float)t->n / ((float)present * (float)count[c]) : 0;
	size_t *order = xmalloc((t->n ? t->n : 1) * sizeof(*order));
	size_t longest = 1;
	for (size_t i = 0; i < t->n; i++) {
		order[i] = i;
		longest = t->off[i + 1] - t->off[i] > longest ? t->off[i + 1] - t->off[i] : longest;
	}
	/*
	 * The word model learns on the hashed features scaled by nb_scale()
	 * (NBSVM): features that tell the classes apart in the training set
	 * learn faster, those found alike in every class slower or not at all.
	 * The scale is folded into the weights at the end, so the file and
	 * prediction are those of a plain linear model over the features.
	 */
	float *scale = nb_scale(t, dim);
	struct sfeat *scaled = xmalloc(longest * sizeof(*scaled));
	for (unsigned ep = 0; ep < epochs; ep++) {
		for (size_t i = t->n; i > 1; i--) {
			size_t j = lcg(&seed) % i;
			size_t tmp = order[i - 1];
			order[i - 1] = order[j];
			order[j] = tmp;
		}
		for (size_t k = 0; k < t->n; k++) {
			size_t ex = order[k];
			size_t n = t->off[ex + 1] - t->off[ex];
			for (size_t i = 0; i < n; i++) {
				scaled[i] = t->feat[t->off[ex] + i];
				scaled[i].val *= scale[scaled[i].idx];
			}
			const struct sfeat *f = scaled;
			int y = t->label[ex];
			/*
			 * Each example trains two models in disjoint slots: the whole
			 * one, and the lexicon model (the language-independent dense
			 * features alone), which decides for texts in a language the
			 * model has no words of.
			 */
			struct sfeat lexf[SMODEL_DENSE];
			size_t nd = 0;
			while (nd < n && nd < SMODEL_DENSE && f[nd].idx < SMODEL_DENSE)
				nd++;
			memcpy(lexf, f, nd * sizeof(*f));
			nd = smodel_lexicon_part(lexf, nd);
			size_t dense = 0;
			while (dense < n && f[dense].idx < SMODEL_DENSE)
				dense++;
			for (int pass = 0; pass < 3; pass++) {
				const struct sfeat *ff = pass == 2 ? lexf : f;
				size_t nn = pass == 2 ? nd : pass ? dense : n;
				float p[SENT__COUNT];
				smodel_predict(m, ff, nn, p);
				for (size_t i = 0; i < nn; i++) {
					float *w = m->w + (size_t)ff[i].idx * SENT__COUNT;
					float *g = g2 + (size_t)ff[i].idx * SENT__COUNT;
					for (int c = 0; c < SENT__COUNT; c++) {
						float grad = cw[y] * (p[c] - (c == y)) * ff[i].val + l2 * w[c];
						g[c] += grad * grad;
						w[c] -= rate * grad / sqrtf(g[c] + 1e-8f);
					}
				}
			}
		}
	}
	for (size_t i = SMODEL_HASHED; i < dim; i++)
		for (int c = 0; c < SENT__COUNT; c++)
			m->w[i * SENT__COUNT + c] *= scale[i];
	free(scaled);
	free(scale);
	free(order);
	free(g2);
	return m;
}

const char *smodel_languages(const struct smodel *m)
{
	static const char *const names[] = { "-", "nl", "en", "nl en" };
	return names[((m->langs >> LANGID_NL) & 1) | ((m->langs >> LANGID_EN) & 1) << 1];
}

int smodel_save(const struct smodel *m, FILE *f)
{
	size_t nz = 0;
	for (size_t i = 0; i < m->dim; i++) {
		const float *w = m->w + i * SENT__COUNT;
		nz += w[0] != 0 || w[1] != 0 || w[2] != 0;
	}
	fprintf(f, "koers-sentiment-model %d\nfeatures %d\ndim %u\nclasses negative neutral positive\nlanguages %s\nweights %zu\n",
		SMODEL_VERSION, SMODEL_FEATURES, m->dim, smodel_languages(m), nz);
	for (size_t i = 0; i < m->dim; i++) {
		const float *w = m->w + i * SENT__COUNT;
		if (w[0] != 0 || w[1] != 0 || w[2] != 0)
			fprintf(f, "%zu %.6g %.6g %.6g\n", i, (double)w[0], (double)w[1], (double)w[2]);
	}
	fprintf(f, "end\n");
	return ferror(f) ? ERR_IO : 0;
}

/* A reader of the model file's lines, counting them for messages. */
struct lines {
	const char *p, *end;
	unsigned no;
	char buf[256];
};

/* The next line that is not a comment or blank, or NULL at the end; -1 in *toolong. */
static const char *next_line(struct lines *l, int *toolong)
{
	*toolong = 0;
	while (l->p < l->end) {
		const char *nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
		const char *le = nl ? nl : l->end;
		size_t n = (size_t)(le - l->p);
		const char *s = l->p;
		l->p = nl ? nl + 1 : l->end;
		l->no++;
		if (n && s[n - 1] == '\r')
			n--;
		if (!n || s[0] == '#')
			continue;
		if (n >= sizeof(l->buf)) {
			*toolong = 1;
			return "";
		}
		memcpy(l->buf, s, n);
		l->buf[n] = '\0';
		if (memchr(l->buf, '\0', n)) {
			*toolong = 1;
			return "";
		}
		return l->buf;
	}
	return NULL;
}

static int parse_u64(const char **s, unsigned long long *v)
{
	const char *p = *s;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	char *end;
	*v = strtoull(p, &end, 10);
	if (errno)
		return -1;
	*s = end;
	return 0;
}

static int parse_float(const char **s, float *v)
{
	const char *p = *s;
	while (*p == ' ')
		p++;
	if (!*p)
		return -1;
	char *end;
	errno = 0;
	double d = strtod(p, &end);
	if (end == p || errno || !isfinite(d) || fabs(d) > 1e30)
		return -1;
	*v = (float)d;
	*s = end;
	return 0;
}


int smodel_load(const char *data, size_t len, const char *name, struct smodel **out, struct err *e)
{
	struct lines l = { .p = data, .end = data + len };
	struct smodel *m = NULL;
	int toolong;
	unsigned long long v = 0, dim = 0, count = 0;
	*out = NULL;
	static const char *const keys[] = { "koers-sentiment-model ", "features ", "dim ", "weights " };
	unsigned long long vals[4];
	unsigned langs = 0;
	for (int k = 0; k < 4; k++) {
		const char *s = next_line(&l, &toolong);
		if (!s)
			{ err_set(e, ERR_DATA, "%s:%u: the file ends before its header is complete", name, l.no); goto fail; }
		if (toolong)
			{ err_set(e, ERR_DATA, "%s:%u: line too long or holds a NUL byte", name, l.no); goto fail; }
		if (k == 0 && strncmp(s, keys[0], strlen(keys[0])))
			{ err_set(e, ERR_DATA, "%s:%u: not a koers sentiment model (expected 'koers-sentiment-model 1')", name, l.no); goto fail; }
		if (k == 3) {
			if (strcmp(s, "classes negative neutral positive"))
				{ err_set(e, ERR_DATA, "%s:%u: expected 'classes negative neutral positive'", name, l.no); goto fail; }
			s = next_line(&l, &toolong);
			if (!s || toolong || strncmp(s, "languages ", 10))
				{ err_set(e, ERR_DATA, "%s:%u: expected 'languages nl en' (or '-')", name, l.no); goto fail; }
			langs = 0;
			for (const char *q = s + 10; *q;) {
				size_t wl = strcspn(q, " ");
				if (wl == 2 && !memcmp(q, "nl", 2))
					langs |= 1u << LANGID_NL;
				else if (wl == 2 && !memcmp(q, "en", 2))
					langs |= 1u << LANGID_EN;
				else if (!(wl == 1 && *q == '-'))
					{ err_set(e, ERR_DATA, "%s:%u: unknown language '%.*s' (expected nl, en or -)", name, l.no, (int)(wl > 20 ? 20 : wl), q); goto fail; }
				q += wl;
				while (*q == ' ')
					q++;
			}
			s = next_line(&l, &toolong);
			if (!s || toolong)
				{ err_set(e, ERR_DATA, "%s:%u: expected 'weights N'", name, l.no); goto fail; }
		}
		size_t kl = strlen(keys[k]);
		const char *p = s + kl;
		if (strncmp(s, keys[k], kl) || parse_u64(&p, &v) < 0 || *p)
			{ err_set(e, ERR_DATA, "%s:%u: expected '%sNUMBER'", name, l.no, keys[k]); goto fail; }
		vals[k] = v;
		if (k == 0 && v != SMODEL_VERSION)
			{ err_set(e, ERR_DATA, "%s:%u: model version %llu is not supported (this koers reads version %d)", name, l.no, v, SMODEL_VERSION); goto fail; }
		if (k == 1 && v != SMODEL_FEATURES)
			{ err_set(e, ERR_DATA, "%s:%u: feature version %llu is not supported (this koers computes version %d)", name, l.no, v, SMODEL_FEATURES); goto fail; }
		if (k == 2 && (v < 1024 || v > (1u << 24) || (v & (v - 1))))
			{ err_set(e, ERR_DATA, "%s:%u: dim must be a power of two from 1024 to 16777216", name, l.no); goto fail; }
	}
	dim = vals[2];
	count = vals[3];
	if (count > dim)
		{ err_set(e, ERR_DATA, "%s:%u: more weights (%llu) than dim (%llu)", name, l.no, count, dim); goto fail; }
	m = smodel_new((uint32_t)dim);
	m->langs = langs;
	long long last = -1;
	for (unsigned long long i = 0; i < count; i++) {
		const char *s = next_line(&l, &toolong);
		if (!s)
			{ err_set(e, ERR_DATA, "%s:%u: the file ends after %llu of %llu weight lines", name, l.no, i, count); goto fail; }
		if (toolong)
			{ err_set(e, ERR_DATA, "%s:%u: line too long or holds a NUL byte", name, l.no); goto fail; }
		const char *p = s;
		if (parse_u64(&p, &v) < 0 || *p != ' ')
			{ err_set(e, ERR_DATA, "%s:%u: expected 'INDEX W W W'", name, l.no); goto fail; }
		if (v >= dim)
			{ err_set(e, ERR_DATA, "%s:%u: index %llu is not below dim %llu", name, l.no, v, dim); goto fail; }
		if ((long long)v <= last)
			{ err_set(e, ERR_DATA, "%s:%u: index %llu is not above the previous %lld", name, l.no, v, last); goto fail; }
		last = (long long)v;
		float *w = m->w + v * SENT__COUNT;
		for (int c = 0; c < SENT__COUNT; c++)
			if (parse_float(&p, &w[c]) < 0 || (*p && *p != ' '))
				{ err_set(e, ERR_DATA, "%s:%u: weight %d is not a finite number", name, l.no, c + 1); goto fail; }
		if (*p)
			{ err_set(e, ERR_DATA, "%s:%u: more than three weights", name, l.no); goto fail; }
	}
	const char *s = next_line(&l, &toolong);
	if (!s || toolong || strcmp(s, "end"))
		{ err_set(e, ERR_DATA, "%s:%u: expected 'end' after %llu weight lines", name, l.no, count); goto fail; }
	if (next_line(&l, &toolong))
		{ err_set(e, ERR_DATA, "%s:%u: text after 'end'", name, l.no); goto fail; }
	*out = m;
	return 0;
fail:
	smodel_free(m);
	return ERR_DATA;
}
