#include "listen/query.h"

#include <hs.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xalloc.h"

/* ---------------------------------------------------------------- AST */

enum qkind { Q_LEAF, Q_FILTER, Q_NOT, Q_AND, Q_OR };
enum qfield { F_LANG, F_PLATFORM, F_AUTHOR };

struct qnode {
	unsigned char kind;  /* enum qkind */
	unsigned char field; /* enum qfield, for Q_FILTER */
	unsigned a, b;       /* children; leaf index for Q_LEAF; filter index for Q_FILTER */
};

struct qleaf {
	char sigil;   /* 0, '#' or '@' */
	bool prefix;  /* the last word is a prefix */
	unsigned nwords;
	char *words;  /* normalised words joined by single spaces */
	char *key;    /* sigil + words + '*': identical keys are the same pattern */
};

struct query {
	struct qnode *nodes;
	size_t n, alloc;
	struct qleaf *leaves;
	size_t nleaves, leaves_alloc;
	char **filters; /* lower-cased filter values */
	size_t nfilters, filters_alloc;
};

static const char *const field_names[] = { [F_LANG] = "lang", [F_PLATFORM] = "platform", [F_AUTHOR] = "author" };

void query_free(struct query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->nleaves; i++) {
		free(q->leaves[i].words);
		free(q->leaves[i].key);
	}
	for (size_t i = 0; i < q->nfilters; i++)
		free(q->filters[i]);
	free(q->leaves);
	free(q->filters);
	free(q->nodes);
	free(q);
}

static unsigned add_node(struct query *q, enum qkind kind, unsigned a, unsigned b)
{
	ALLOC_GROW(q->nodes, q->n + 1, q->alloc);
	q->nodes[q->n] = (struct qnode){ .kind = (unsigned char)kind, .a = a, .b = b };
	return (unsigned)q->n++;
}

/* -------------------------------------------------------------- lexer */

enum tkind { T_WORD, T_PHRASE, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT, T_MINUS, T_EOF };

struct tok {
	enum tkind kind;
	unsigned off, len; /* bytes of expr; for phrases the inside of the quotes */
	unsigned col;      /* 1-based column in characters */
	bool star;         /* a phrase directly followed by '*': its last word is a prefix */
};

struct parser {
	const char *src;
	size_t srclen;
	struct tok *toks;
	size_t ntok, alloc, pos;
	struct query *q;
	struct err *e;
	unsigned depth;
	struct norm_buf nb;
};

static unsigned column_of(const char *s, size_t off)
{
	unsigned col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool ends_word(char c)
{
	return is_space(c) || c == '(' || c == ')' || c == '"' || c == '\0';
}

static void push_tok(struct parser *p, enum tkind kind, size_t off, size_t len)
{
	ALLOC_GROW(p->toks, p->ntok + 1, p->alloc);
	p->toks[p->ntok++] = (struct tok){ kind, (unsigned)off, (unsigned)len, column_of(p->src, off), false };
}

static int lex(struct parser *p)
{
	const char *s = p->src;
	size_t i = 0;
	for (;;) {
		while (i < p->srclen && is_space(s[i]))
			i++;
		if (i >= p->srclen)
			break;
		char c = s[i];
		if (c == '(' || c == ')') {
			push_tok(p, c == '(' ? T_LPAREN : T_RPAREN, i, 1);
			i++;
		} else if (c == '-') {
			push_tok(p, T_MINUS, i, 1);
			i++;
		} else if (c == '"') {
			const char *end = memchr(s + i + 1, '"', p->srclen - i - 1);
			if (!end)
				return err_set(p->e, ERR_DATA, "column %u: expected '\"' to close the phrase opened at column %u",
					       column_of(s, p->srclen), column_of(s, i));
			push_tok(p, T_PHRASE, i + 1, (size_t)(end - (s + i + 1)));
			p->toks[p->ntok - 1].col = column_of(s, i);
			i = (size_t)(end - s) + 1;
			if (i < p->srclen && s[i] == '*') {
				p->toks[p->ntok - 1].star = true;
				i++;
			}
		} else {
			size_t start = i;
			while (i < p->srclen && !ends_word(s[i]))
				i++;
			size_t len = i - start;
			enum tkind k = T_WORD;
			if (len == 3 && !memcmp(s + start, "AND", 3))
				k = T_AND;
			else if (len == 2 && !memcmp(s + start, "OR", 2))
				k = T_OR;
			else if (len == 3 && !memcmp(s + start, "NOT", 3))
				k = T_NOT;
			push_tok(p, k, start, len);
		}
	}
	push_tok(p, T_EOF, p->srclen, 0);
	return 0;
}

/* ------------------------------------------------------------- parser */

static const char *describe(struct parser *p, const struct tok *t, char *buf, size_t size)
{
	if (t->kind == T_EOF)
		return tr(p->e ? p->e->lang : LANG_EN, "the end of the query");
	unsigned off = t->off, len = t->len;
	if (t->kind == T_PHRASE) {
		off--;
		len += 2 + t->star;
	}
	if (len > 40) { /* cut at a character boundary */
		len = 40;
		while (len > 0 && ((unsigned char)p->src[off + len] & 0xC0) == 0x80)
			len--;
		snprintf(buf, size, "'%.*s...'", (int)len, p->src + off);
	} else {
		snprintf(buf, size, "'%.*s'", (int)len, p->src + off);
	}
	return buf;
}

static int expected_operand(struct parser *p, const struct tok *after, const struct tok *found)
{
	char b1[64], b2[64];
	if (!after)
		return err_set(p->e, ERR_DATA, "column %u: expected a term, phrase, #tag, @handle, filter or '(', found %s",
			       found->col, describe(p, found, b2, sizeof(b2)));
	return err_set(p->e, ERR_DATA, "column %u: expected a term, phrase, #tag, @handle, filter or '(' after %s, found %s",
		       found->col, describe(p, after, b1, sizeof(b1)), describe(p, found, b2, sizeof(b2)));
}

/* Normalise text[0..len) into a leaf; fails when nothing word-like is left. */
static int make_leaf(struct parser *p, const struct tok *t, const char *text, size_t len, char sigil, bool prefix)
{
	norm_text(&p->nb, text, len);
	/* Words separated by runs of ' ', '#', '@'; rebuild them with single spaces. */
	struct strbuf w;
	strbuf_init(&w, STRBUF_NOCAP);
	unsigned nwords = 0;
	const char *s = p->nb.buf;
	for (size_t i = 0; i < p->nb.len;) {
		if (norm_is_sep((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < p->nb.len && !norm_is_sep((unsigned char)s[j]))
			j++;
		if (nwords++)
			strbuf_addch(&w, ' ');
		strbuf_add(&w, s + i, j - i);
		i = j;
	}
	if (!nwords) {
		strbuf_release(&w);
		char b[64];
		return err_set(p->e, ERR_DATA, "column %u: %s has no letters or digits to match",
			       t->col, describe(p, t, b, sizeof(b)));
	}
	struct query *q = p->q;
	ALLOC_GROW(q->leaves, q->nleaves + 1, q->leaves_alloc);
	struct qleaf *l = &q->leaves[q->nleaves];
	l->sigil = sigil;
	l->prefix = prefix;
	l->nwords = nwords;
	l->key = xasprintf("%c%s%s", sigil ? sigil : '-', w.buf, prefix ? "*" : "");
	l->words = strbuf_detach(&w, NULL);
	return (int)add_node(q, Q_LEAF, (unsigned)q->nleaves++, 0);
}

static int parse_word(struct parser *p, const struct tok *t)
{
	const char *s = p->src + t->off;
	size_t len = t->len;
	/* Filters: NAME:VALUE where NAME is ASCII letters. */
	size_t k = 0;
	while (k < len && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
		k++;
	if (k > 0 && k < len && s[k] == ':') {
		for (size_t f = 0; f < sizeof(field_names) / sizeof(field_names[0]); f++) {
			if (strlen(field_names[f]) != k || strncasecmp(s, field_names[f], k))
				continue;
			const char *v = s + k + 1;
			size_t vlen = len - k - 1;
			if (f == F_AUTHOR && vlen && *v == '@')
				v++, vlen--;
			if (!vlen)
				return err_set(p->e, ERR_DATA, "column %u: expected a value after '%s:'",
					       t->col + (unsigned)len, field_names[f]);
			struct query *q = p->q;
			ALLOC_GROW(q->filters, q->nfilters + 1, q->filters_alloc);
			char *val = xstrndup(v, vlen);
			for (char *c = val; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c += 32;
			q->filters[q->nfilters] = val;
			unsigned n = add_node(q, Q_FILTER, (unsigned)q->nfilters++, 0);
			q->nodes[n].field = (unsigned char)f;
			return (int)n;
		}
		return err_set(p->e, ERR_DATA,
			       "column %u: unknown filter '%.*s:' (known: lang:, platform:, author:; put text in quotes to search for it)",
			       t->col, (int)k, s);
	}
	char sigil = 0;
	if (*s == '#' || *s == '@') {
		sigil = *s;
		s++;
		len--;
	}
	bool prefix = false;
	if (len && s[len - 1] == '*') {
		prefix = true;
		len--;
	}
	const char *star = memchr(s, '*', len);
	if (star)
		return err_set(p->e, ERR_DATA, "column %u: '*' may only end a term",
			       column_of(p->src, (size_t)(star - p->src)));
	if (!len) {
		char b[64];
		return err_set(p->e, ERR_DATA, "column %u: expected a word in %s", t->col, describe(p, t, b, sizeof(b)));
	}
	return make_leaf(p, t, s, len, sigil, prefix);
}

static int parse_or(struct parser *p, const struct tok *after);

static const struct tok *next(struct parser *p)
{
	const struct tok *t = &p->toks[p->pos];
	if (t->kind != T_EOF)
		p->pos++;
	return t;
}

static int too_deep(struct parser *p, const struct tok *t)
{
	return err_set(p->e, ERR_DATA, "column %u: expected at most %d levels of '(' and NOT", t->col, QUERY_MAX_DEPTH);
}

static int parse_primary(struct parser *p, const struct tok *after)
{
	const struct tok *t = next(p);
	switch (t->kind) {
	case T_WORD:
		return parse_word(p, t);
	case T_PHRASE:
		return make_leaf(p, t, p->src + t->off, t->len, 0, t->star);
	case T_LPAREN: {
		if (++p->depth > QUERY_MAX_DEPTH)
			return too_deep(p, t);
		int r = parse_or(p, t);
		if (r < 0)
			return r;
		const struct tok *c = next(p);
		if (c->kind != T_RPAREN) {
			char b[64];
			return err_set(p->e, ERR_DATA, "column %u: expected ')' to close the '(' at column %u, found %s",
				       c->col, t->col, describe(p, c, b, sizeof(b)));
		}
		p->depth--;
		return r;
	}
	default:
		return expected_operand(p, after, t);
	}
}

static int parse_unary(struct parser *p, const struct tok *after)
{
	const struct tok *t = &p->toks[p->pos];
	if (t->kind != T_NOT && t->kind != T_MINUS)
		return parse_primary(p, after);
	next(p);
	if (++p->depth > QUERY_MAX_DEPTH)
		return too_deep(p, t);
	int r = parse_unary(p, t);
	if (r < 0)
		return r;
	p->depth--;
	return (int)add_node(p->q, Q_NOT, (unsigned)r, 0);
}

static int parse_and(struct parser *p, const struct tok *after)
{
	int l = parse_unary(p, after);
	while (l >= 0) {
		const struct tok *t = &p->toks[p->pos];
		if (t->kind == T_EOF || t->kind == T_OR || t->kind == T_RPAREN)
			break;
		const struct tok *op = NULL;
		if (t->kind == T_AND)
			op = next(p);
		int r = parse_unary(p, op);
		if (r < 0)
			return r;
		l = (int)add_node(p->q, Q_AND, (unsigned)l, (unsigned)r);
	}
	return l;
}

static int parse_or(struct parser *p, const struct tok *after)
{
	int l = parse_and(p, after);
	while (l >= 0 && p->toks[p->pos].kind == T_OR) {
		const struct tok *op = next(p);
		int r = parse_and(p, op);
		if (r < 0)
			return r;
		l = (int)add_node(p->q, Q_OR, (unsigned)l, (unsigned)r);
	}
	return l;
}

int query_parse(const char *expr, struct query **out, struct err *e)
{
	*out = NULL;
	size_t len = strlen(expr);
	if (len > QUERY_MAX_LEN)
		return err_set(e, ERR_DATA, "query longer than %d bytes", QUERY_MAX_LEN);
	struct parser p = { .src = expr, .srclen = len, .e = e, .nb = NORM_BUF_INIT };
	p.q = xcalloc(1, sizeof(*p.q));
	int r = lex(&p);
	if (r == 0) {
		r = parse_or(&p, NULL);
		if (r >= 0 && p.toks[p.pos].kind != T_EOF)
			r = err_set(e, ERR_DATA, "column %u: unexpected ')' without a matching '('", p.toks[p.pos].col);
	}
	free(p.toks);
	norm_buf_release(&p.nb);
	if (r < 0) {
		query_free(p.q);
		return r;
	}
	*out = p.q;
	return 0;
}

/* ------------------------------------------------------------- format */

static void format_node(const struct query *q, unsigned i, struct strbuf *sb)
{
	static const char *const ops[] = { [Q_NOT] = "NOT", [Q_AND] = "AND", [Q_OR] = "OR" };
	const struct qnode *n = &q->nodes[i];
	switch (n->kind) {
	case Q_LEAF: {
		const struct qleaf *l = &q->leaves[n->a];
		if (l->sigil)
			strbuf_addch(sb, l->sigil);
		strbuf_addf(sb, l->nwords > 1 ? "\"%s\"" : "%s", l->words);
		if (l->prefix)
			strbuf_addch(sb, '*');
		break;
	}
	case Q_FILTER:
		strbuf_addf(sb, "%s:%s", field_names[n->field], q->filters[n->a]);
		break;
	default:
		strbuf_addf(sb, "(%s ", ops[n->kind]);
		format_node(q, n->a, sb);
		if (n->kind != Q_NOT) {
			strbuf_addch(sb, ' ');
			format_node(q, n->b, sb);
		}
		strbuf_addch(sb, ')');
	}
}

void query_format(const struct query *q, struct strbuf *sb)
{
	format_node(q, (unsigned)q->n - 1, sb);
}

/* ------------------------------------------------------------ filters */

static bool ascii_ieq(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return false;
	}
	return true;
}

/* value is lower-cased at parse time. */
static bool filter_ok(enum qfield f, const char *value, const struct query_mention *m)
{
	const char *s = f == F_LANG ? m->lang : f == F_PLATFORM ? m->platform : m->author;
	if (!s)
		return false;
	size_t n = strlen(s);
	if (f == F_AUTHOR && *s == '@')
		s++, n--;
	if (f == F_LANG) {
		size_t k = strcspn(s, "-_");
		if (!strchr(value, '-') && !strchr(value, '_'))
			n = k;
	}
	return ascii_ieq(s, n, value, strlen(value));
}

/* ---------------------------------------------------------- reference */

/* Length of the word starting at s (up to a separator; the text ends with ' '). */
static size_t word_len(const char *s)
{
	size_t n = 0;
	while (s[n] && !norm_is_sep((unsigned char)s[n]))
		n++;
	return n;
}

/* Does the leaf's word sequence start at text position i (a word start)? */
static bool leaf_at(const struct qleaf *l, const char *t, size_t i)
{
	if (l->sigil) {
		/* The sigil right before the word, itself preceded by a separator. */
		if (i < 2 || t[i - 1] != l->sigil || !norm_is_sep((unsigned char)t[i - 2]))
			return false;
	}
	const char *w = l->words;
	for (unsigned k = 0; k < l->nwords; k++) {
		size_t wl = strcspn(w, " ");
		size_t tl = word_len(t + i);
		bool last = k + 1 == l->nwords;
		if ((last && l->prefix) ? tl < wl : tl != wl)
			return false;
		if (memcmp(t + i, w, wl))
			return false;
		if (last)
			return true;
		w += wl + 1;
		i += tl;
		while (t[i] && norm_is_sep((unsigned char)t[i]))
			i++;
		if (!t[i])
			return false;
	}
	return true;
}

static bool leaf_in(const struct qleaf *l, const char *t, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (!norm_is_sep((unsigned char)t[i]) && norm_is_sep((unsigned char)t[i - 1]) && leaf_at(l, t, i))
			return true;
	return false;
}

static bool eval_ref(const struct query *q, unsigned i, const struct query_mention *m, const struct norm_buf *nb)
{
	const struct qnode *n = &q->nodes[i];
	switch (n->kind) {
	case Q_LEAF: return leaf_in(&q->leaves[n->a], nb->buf, nb->len);
	case Q_FILTER: return filter_ok(n->field, q->filters[n->a], m);
	case Q_NOT: return !eval_ref(q, n->a, m, nb);
	case Q_AND: return eval_ref(q, n->a, m, nb) && eval_ref(q, n->b, m, nb);
	default: return eval_ref(q, n->a, m, nb) || eval_ref(q, n->b, m, nb);
	}
}

bool query_eval_ref(const struct query *q, const struct query_mention *m, struct norm_buf *nb)
{
	norm_text(nb, m->text ? m->text : "", m->text ? m->len : 0);
	return eval_ref(q, (unsigned)q->n - 1, m, nb);
}

/* ---------------------------------------------------------- query set */

struct set_query {
	char *name;
	struct query *q;
	unsigned *leaf_id; /* local leaf index -> set-wide leaf (pattern) id */
};

struct set_leaf {
	char *key;
	const struct qleaf *leaf; /* the first query's copy */
	unsigned *queries;        /* ids of the queries it triggers (query_triggers()), ascending, once each */
	size_t nq, alloc;
};

/*
 * Two databases hold the leaves. DB_NORM scans the text normalised by
 * norm_text(); DB_ASCII scans a text of ASCII only as it is, without
 * normalising it, which is most of a stream and saves a pass: for ASCII,
 * normalising only lowers the case (the database is caseless) and turns
 * every byte other than a letter, digit or '_' into a separator, which is
 * what Hyperscan's \b, \B and \W see. DB_ASCII has the leaves whose words
 * are ASCII (others cannot match an ASCII text either way).
 */
enum { DB_NORM, DB_ASCII, DB__COUNT };

struct query_set {
	struct set_query *q;
	size_t nq, q_alloc;
	struct set_leaf *leaves;
	size_t nleaves, leaves_alloc;
	/* open-addressing table of leaf ids by key while adding */
	unsigned *slots; /* leaf id + 1, 0 = empty */
	size_t nslots;
	unsigned *always; /* queries that can match with no leaf firing */
	size_t nalways;
	size_t max_nodes;
	hs_database_t *db[DB__COUNT]; /* NULL: no leaf for it */
	bool compiled;
};

struct query_scratch {
	hs_scratch_t *hs;
	struct norm_buf nb;
	uint32_t epoch;
	uint32_t *leaf_stamp;  /* == epoch: the leaf fired on this mention */
	uint32_t *query_stamp; /* == epoch: the query is already a candidate */
	unsigned *fired, nfired;
	unsigned *cand, *matches;
	unsigned char *vals;
	size_t nleaves, nq;
};

struct query_set *query_set_new(void)
{
	return xcalloc(1, sizeof(struct query_set));
}

void query_set_free(struct query_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nq; i++) {
		free(set->q[i].name);
		query_free(set->q[i].q);
		free(set->q[i].leaf_id);
	}
	for (size_t i = 0; i < set->nleaves; i++) {
		free(set->leaves[i].key);
		free(set->leaves[i].queries);
	}
	free(set->q);
	free(set->leaves);
	free(set->slots);
	free(set->always);
	for (int d = 0; d < DB__COUNT; d++)
		hs_free_database(set->db[d]);
	free(set);
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void rehash(struct query_set *set)
{
	free(set->slots);
	set->nslots = set->nslots ? set->nslots * 2 : 64;
	set->slots = xcalloc(set->nslots, sizeof(*set->slots));
	for (size_t i = 0; i < set->nleaves; i++) {
		size_t h = hash_str(set->leaves[i].key) & (set->nslots - 1);
		while (set->slots[h])
			h = (h + 1) & (set->nslots - 1);
		set->slots[h] = (unsigned)i + 1;
	}
}

static unsigned intern_leaf(struct query_set *set, const struct qleaf *l)
{
	if ((set->nleaves + 1) * 2 > set->nslots)
		rehash(set);
	size_t h = hash_str(l->key) & (set->nslots - 1);
	while (set->slots[h]) {
		unsigned id = set->slots[h] - 1;
		if (!strcmp(set->leaves[id].key, l->key))
			return id;
		h = (h + 1) & (set->nslots - 1);
	}
	ALLOC_GROW(set->leaves, set->nleaves + 1, set->leaves_alloc);
	set->leaves[set->nleaves] = (struct set_leaf){ .key = xstrdup(l->key), .leaf = l };
	set->slots[h] = (unsigned)set->nleaves + 1;
	return (unsigned)set->nleaves++;
}

int query_set_add(struct query_set *set, const char *name, const char *expr, struct err *e)
{
	if (set->compiled)
		return err_set(e, ERR_USAGE, "queries cannot be added after compiling");
	struct query *q;
	int r = query_parse(expr, &q, e);
	if (r < 0)
		return r;
	unsigned id = (unsigned)set->nq;
	ALLOC_GROW(set->q, set->nq + 1, set->q_alloc);
	struct set_query *sq = &set->q[set->nq++];
	sq->name = xstrdup(name ? name : "");
	sq->q = q;
	sq->leaf_id = xcalloc(q->nleaves ? q->nleaves : 1, sizeof(unsigned));
	for (size_t i = 0; i < q->nleaves; i++) {
		unsigned lid = intern_leaf(set, &q->leaves[i]);
		sq->leaf_id[i] = lid;
	}
	if (q->n > set->max_nodes)
		set->max_nodes = q->n;
	return (int)id;
}

/*
 * The trigger leaves of a query: a set of its leaves such that when none of
 * them fires, the query is false whatever the filters and its other leaves
 * say. Only these index the query, so a common word that merely refines a
 * query ("klacht" in "brand AND (klacht OR delay)", "job" in "brand -job")
 * does not make it a candidate. Per node: a leaf is its own trigger; AND
 * needs one side, so the side with fewer triggers will do; OR needs either,
 * so both sides' triggers; NOT and filters can be true with no leaf at all
 * (no trigger set). A query without one is evaluated for every mention.
 * Returns false for those; otherwise *out (the caller's) holds local leaf indices.
 */
struct trig {
	bool ok;
	unsigned *v;
	size_t n;
};

static bool query_triggers(const struct query *q, unsigned **out, size_t *nout)
{
	struct trig *t = xcalloc(q->n, sizeof(*t));
	for (size_t i = 0; i < q->n; i++) {
		const struct qnode *n = &q->nodes[i];
		struct trig *a = &t[n->a], *b = &t[n->b];
		switch (n->kind) {
		case Q_LEAF:
			t[i].ok = true;
			t[i].v = xmalloc(sizeof(unsigned));
			t[i].v[0] = n->a;
			t[i].n = 1;
			break;
		case Q_AND:
			if (a->ok && (!b->ok || a->n <= b->n)) {
				t[i] = *a;
				*a = (struct trig){ 0 };
			} else if (b->ok) {
				t[i] = *b;
				*b = (struct trig){ 0 };
			}
			break;
		case Q_OR:
			if (a->ok && b->ok) {
				t[i] = *a;
				t[i].v = xrealloc(t[i].v, (a->n + b->n) * sizeof(unsigned));
				memcpy(t[i].v + a->n, b->v, b->n * sizeof(unsigned));
				t[i].n = a->n + b->n;
				*a = (struct trig){ 0 };
			}
			break;
		default:
			break;
		}
		/* Every node is the child of one parent: its set is no longer needed. */
		if (n->kind == Q_NOT || n->kind == Q_AND || n->kind == Q_OR) {
			free(a->v);
			*a = (struct trig){ 0 };
			if (n->kind != Q_NOT) {
				free(b->v);
				*b = (struct trig){ 0 };
			}
		}
	}
	struct trig root = t[q->n - 1];
	free(t);
	*out = root.v;
	*nout = root.n;
	return root.ok;
}

static bool leaf_is_ascii(const struct qleaf *l)
{
	for (const unsigned char *w = (const unsigned char *)l->words; *w; w++)
		if (*w >= 0x80)
			return false;
	return true;
}

/* The Hyperscan pattern of a leaf for database `kind`. */
static char *leaf_pattern(const struct qleaf *l, int kind)
{
	static const struct {
		const char *before, *before_sigil, *between, *after;
	} sep[DB__COUNT] = {
		[DB_NORM] = { "[ #@]", "[ #@]", "[ #@]+", "[ #@]" },
		[DB_ASCII] = { "\\b", "\\B", "\\W+", "\\b" },
	};
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	strbuf_addstr(&sb, l->sigil ? sep[kind].before_sigil : sep[kind].before);
	if (l->sigil)
		strbuf_addf(&sb, "\\x%02x", (unsigned char)l->sigil);
	for (const char *w = l->words; *w; w++) {
		unsigned char c = (unsigned char)*w;
		if (c == ' ')
			strbuf_addstr(&sb, sep[kind].between);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			strbuf_addch(&sb, (char)c);
		else
			strbuf_addf(&sb, "\\x%02x", c);
	}
	if (!l->prefix)
		strbuf_addstr(&sb, sep[kind].after);
	return strbuf_detach(&sb, NULL);
}

/* The patterns of one database. */
struct patterns {
	char **pats;
	unsigned *flags, *ids;
	size_t n;
};

static void patterns_build(const struct query_set *set, int kind, struct patterns *p)
{
	p->pats = xcalloc(set->nleaves, sizeof(char *));
	p->flags = xcalloc(set->nleaves, sizeof(unsigned));
	p->ids = xcalloc(set->nleaves, sizeof(unsigned));
	p->n = 0;
	for (size_t i = 0; i < set->nleaves; i++) {
		if (kind == DB_ASCII && !leaf_is_ascii(set->leaves[i].leaf))
			continue;
		p->pats[p->n] = leaf_pattern(set->leaves[i].leaf, kind);
		p->flags[p->n] = HS_FLAG_SINGLEMATCH | (kind == DB_ASCII ? HS_FLAG_CASELESS : 0);
		p->ids[p->n++] = (unsigned)i;
	}
}

static void patterns_free(struct patterns *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->pats[i]);
	free(p->pats);
	free(p->flags);
	free(p->ids);
}

/*
 * The cache key of the pattern lists: two independent 64-bit FNV-1a hashes
 * over the Hyperscan version and every pattern with its flags and id, as 32
 * hex digits. Any change of a query, of their order or of Hyperscan gives
 * another key.
 */
static void patterns_key(const struct patterns p[DB__COUNT], char key[QUERY_CACHE_KEY])
{
	uint64_t h[2] = { 14695981039346656037ULL, 0x9ae16a3b2f90404fULL };
	const uint64_t prime[2] = { 1099511628211ULL, 0x100000001b3ULL ^ 0x5bd1e995ULL };
	for (int d = 0; d < DB__COUNT; d++)
		for (size_t i = 0; i <= p[d].n; i++) {
			char tail[48];
			snprintf(tail, sizeof(tail), "\x1f%u\x1f%u\x1e", i < p[d].n ? p[d].flags[i] : 0u,
				 i < p[d].n ? p[d].ids[i] : 0u);
			const char *parts[] = { i < p[d].n ? p[d].pats[i] : hs_version(), tail };
			for (size_t k = 0; k < 2; k++)
				for (const unsigned char *c = (const unsigned char *)parts[k]; *c; c++)
					for (int j = 0; j < 2; j++)
						h[j] = (h[j] ^ *c) * prime[j];
		}
	snprintf(key, QUERY_CACHE_KEY, "%016llx%016llx", (unsigned long long)h[0], (unsigned long long)h[1]);
}

/* Can db scan on this machine? One built for another CPU fails. */
static bool usable(const hs_database_t *db)
{
	hs_scratch_t *s = NULL;
	bool ok = hs_alloc_scratch(db, &s) == HS_SUCCESS && hs_scan(db, " ", 1, 0, s, NULL, NULL) == HS_SUCCESS;
	hs_free_scratch(s);
	return ok;
}

/*
 * The cached blob: per database an 8-byte length (0: none) and its
 * serialised bytes. True with set->db[] loaded and usable, else nothing kept.
 */
static bool load_databases(struct query_set *set, const char *blob, size_t len)
{
	size_t off = 0;
	bool ok = true;
	for (int d = 0; d < DB__COUNT && ok; d++) {
		uint64_t n;
		if (len - off < sizeof(n)) {
			ok = false;
			break;
		}
		memcpy(&n, blob + off, sizeof(n));
		off += sizeof(n);
		if (n > len - off) {
			ok = false;
			break;
		}
		if (n)
			ok = hs_deserialize_database(blob + off, (size_t)n, &set->db[d]) == HS_SUCCESS && usable(set->db[d]);
		off += (size_t)n;
	}
	if (!ok)
		for (int d = 0; d < DB__COUNT; d++) {
			hs_free_database(set->db[d]);
			set->db[d] = NULL;
		}
	return ok;
}

static void save_databases(const struct query_set *set, const struct query_cache *cache, const char *key)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	for (int d = 0; d < DB__COUNT; d++) {
		char *bytes = NULL;
		size_t n = 0;
		if (set->db[d] && hs_serialize_database(set->db[d], &bytes, &n) != HS_SUCCESS) {
			strbuf_release(&sb);
			return;
		}
		uint64_t n64 = n;
		strbuf_add(&sb, (const char *)&n64, sizeof(n64));
		strbuf_add(&sb, bytes, n);
		free(bytes); /* Hyperscan allocates with the default misc allocator, malloc */
	}
	cache->put(cache->ctx, key, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* Take the databases from the cache when it holds these patterns, else compile them (and offer them to the cache). */
static int build_databases(struct query_set *set, const struct query_cache *cache, struct err *e)
{
	struct patterns p[DB__COUNT];
	for (int d = 0; d < DB__COUNT; d++)
		patterns_build(set, d, &p[d]);
	char key[QUERY_CACHE_KEY];
	patterns_key(p, key);
	char *blob = NULL;
	size_t len = 0;
	int r = 0;
	bool cached = cache && cache->get(cache->ctx, key, &blob, &len) && load_databases(set, blob, len);
	free(blob);
	for (int d = 0; d < DB__COUNT && !cached && r == 0; d++) {
		hs_compile_error_t *ce = NULL;
		if (p[d].n && hs_compile_multi((const char *const *)p[d].pats, p[d].flags, p[d].ids, (unsigned)p[d].n,
					       HS_MODE_BLOCK, NULL, &set->db[d], &ce) != HS_SUCCESS) {
			r = err_set(e, ERR_DATA, "cannot compile the queries: %s (pattern %d)",
				    ce && ce->message ? ce->message : "?", ce ? ce->expression : -1);
			hs_free_compile_error(ce);
			set->db[d] = NULL;
		}
	}
	if (!cached && r == 0 && cache)
		save_databases(set, cache, key);
	for (int d = 0; d < DB__COUNT; d++)
		patterns_free(&p[d]);
	return r;
}

int query_set_compile(struct query_set *set, struct err *e)
{
	return query_set_compile_cached(set, NULL, e);
}

int query_set_compile_cached(struct query_set *set, const struct query_cache *cache, struct err *e)
{
	if (set->compiled)
		return 0;
	if (hs_valid_platform() != HS_SUCCESS)
		return err_set(e, ERR_IO, "this CPU cannot run Hyperscan (SSSE3 is required)");
	for (size_t i = 0; i < set->nq; i++) {
		unsigned *v;
		size_t n;
		if (!query_triggers(set->q[i].q, &v, &n)) {
			set->always = xrealloc(set->always, (set->nalways + 1) * sizeof(unsigned));
			set->always[set->nalways++] = (unsigned)i;
			continue;
		}
		for (size_t k = 0; k < n; k++) {
			struct set_leaf *sl = &set->leaves[set->q[i].leaf_id[v[k]]];
			if (!sl->nq || sl->queries[sl->nq - 1] != i) { /* ids ascend: a repeat is the last one */
				ALLOC_GROW(sl->queries, sl->nq + 1, sl->alloc);
				sl->queries[sl->nq++] = (unsigned)i;
			}
		}
		free(v);
	}
	if (set->nleaves) {
		int r = build_databases(set, cache, e);
		if (r < 0)
			return r;
	}
	free(set->slots);
	set->slots = NULL;
	set->compiled = true;
	return 0;
}

size_t query_set_count(const struct query_set *set) { return set->nq; }
size_t query_set_leaf_count(const struct query_set *set) { return set->nleaves; }
const char *query_set_name(const struct query_set *set, unsigned id) { return id < set->nq ? set->q[id].name : NULL; }
const struct query *query_set_query(const struct query_set *set, unsigned id) { return id < set->nq ? set->q[id].q : NULL; }

struct query_scratch *query_scratch_new(const struct query_set *set, struct err *e)
{
	if (!set->compiled) {
		err_set(e, ERR_USAGE, "the queries are not compiled yet");
		return NULL;
	}
	struct query_scratch *s = xcalloc(1, sizeof(*s));
	bool ok = true;
	for (int d = 0; d < DB__COUNT && ok; d++) /* one scratch, grown to fit both */
		ok = !set->db[d] || hs_alloc_scratch(set->db[d], &s->hs) == HS_SUCCESS;
	if (!ok) {
		hs_free_scratch(s->hs);
		free(s);
		err_set(e, ERR_IO, "cannot allocate Hyperscan scratch space");
		return NULL;
	}
	s->nleaves = set->nleaves;
	s->nq = set->nq;
	s->leaf_stamp = xcalloc(set->nleaves + 1, sizeof(uint32_t));
	s->query_stamp = xcalloc(set->nq + 1, sizeof(uint32_t));
	s->fired = xcalloc(set->nleaves + 1, sizeof(unsigned));
	s->cand = xcalloc(set->nq + 1, sizeof(unsigned));
	s->matches = xcalloc(set->nq + 1, sizeof(unsigned));
	s->vals = xcalloc(set->max_nodes + 1, 1);
	return s;
}

void query_scratch_free(struct query_scratch *s)
{
	if (!s)
		return;
	hs_free_scratch(s->hs);
	norm_buf_release(&s->nb);
	free(s->leaf_stamp);
	free(s->query_stamp);
	free(s->fired);
	free(s->cand);
	free(s->matches);
	free(s->vals);
	free(s);
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *ctx)
{
	struct query_scratch *s = ctx;
	if (s->leaf_stamp[id] != s->epoch) {
		s->leaf_stamp[id] = s->epoch;
		s->fired[s->nfired++] = id;
	}
	return 0;
}

static bool eval_fast(const struct set_query *sq, const struct query_scratch *s, const struct query_mention *m)
{
	const struct query *q = sq->q;
	unsigned char *v = s->vals;
	for (size_t i = 0; i < q->n; i++) {
		const struct qnode *n = &q->nodes[i];
		switch (n->kind) {
		case Q_LEAF: v[i] = s->leaf_stamp[sq->leaf_id[n->a]] == s->epoch; break;
		case Q_FILTER: v[i] = filter_ok(n->field, q->filters[n->a], m); break;
		case Q_NOT: v[i] = !v[n->a]; break;
		case Q_AND: v[i] = v[n->a] & v[n->b]; break;
		default: v[i] = v[n->a] | v[n->b]; break;
		}
	}
	return v[q->n - 1];
}

/* Only bytes below 0x80, eight at a time. */
static bool is_ascii(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			return false;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

int query_set_match(const struct query_set *set, struct query_scratch *s,
		    const struct query_mention *m, const unsigned **ids)
{
	*ids = s->matches;
	if (++s->epoch == 0) { /* wrapped: forget the old stamps */
		memset(s->leaf_stamp, 0, (s->nleaves + 1) * sizeof(uint32_t));
		memset(s->query_stamp, 0, (s->nq + 1) * sizeof(uint32_t));
		s->epoch = 1;
	}
	s->nfired = 0;
	const char *text = m->text ? m->text : "";
	size_t len = m->text ? m->len : 0;
	hs_error_t hr = HS_SUCCESS;
	if (set->db[DB_ASCII] && is_ascii(text, len)) {
		hr = hs_scan(set->db[DB_ASCII], text, (unsigned)len, 0, s->hs, on_match, s);
	} else if (set->db[DB_NORM]) {
		norm_text(&s->nb, text, len);
		hr = hs_scan(set->db[DB_NORM], s->nb.buf, (unsigned)s->nb.len, 0, s->hs, on_match, s);
	}
	if (hr != HS_SUCCESS)
		return ERR_IO;
	size_t nc = 0;
	for (unsigned i = 0; i < s->nfired; i++) {
		const struct set_leaf *l = &set->leaves[s->fired[i]];
		for (size_t k = 0; k < l->nq; k++) {
			unsigned qid = l->queries[k];
			if (s->query_stamp[qid] != s->epoch) {
				s->query_stamp[qid] = s->epoch;
				s->cand[nc++] = qid;
			}
		}
	}
	for (size_t k = 0; k < set->nalways; k++) {
		unsigned qid = set->always[k];
		if (s->query_stamp[qid] != s->epoch) {
			s->query_stamp[qid] = s->epoch;
			s->cand[nc++] = qid;
		}
	}
	/*
	 * Ascending order without allocating (glibc's qsort may malloc): insertion
	 * sort for the usual handful, else walk the stamps of all queries.
	 */
	if (nc <= 64) {
		for (size_t k = 1; k < nc; k++) {
			unsigned v = s->cand[k];
			size_t j = k;
			for (; j > 0 && s->cand[j - 1] > v; j--)
				s->cand[j] = s->cand[j - 1];
			s->cand[j] = v;
		}
	} else {
		nc = 0;
		for (unsigned qid = 0; qid < set->nq; qid++)
			if (s->query_stamp[qid] == s->epoch)
				s->cand[nc++] = qid;
	}
	int nm = 0;
	for (size_t k = 0; k < nc; k++)
		if (eval_fast(&set->q[s->cand[k]], s, m))
			s->matches[nm++] = s->cand[k];
	return nm;
}
