/*
 * Equivalence of the two evaluators of src/listen/query.c: the compiled
 * Hyperscan set (one scan, leaves indexed to queries) against the reference
 * evaluator (tokenise the text, walk the tree), on random queries and random
 * texts from a small vocabulary with accents, case, hashtag and mention
 * forms, so that leaves fire often; every other batch of texts is ASCII only
 * (matched without normalising). Seeded PRNG: every run is the same.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listen/query.h"

static uint64_t rng_state;

static uint64_t rnd(void) /* xorshift64* */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned pick(unsigned n) { return (unsigned)(rnd() >> 33) % n; }

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const words[] = {
	"koers", "Koërs", "KOERS", "koersen", "fiets", "fietsen", "Fietsenwinkel", "café", "cafe",
	"app", "ap", "bank", "straße", "strasse", "Ĳssel", "ijssel", "e_mail", "mail", "x1", "naïef",
	"delay", "Delayed", "train", "service", "klacht", "vertraging", "job", "vacature", "ko",
};
static const char *const seps[] = {
	" ", " ", " ", "  ", "#", "@", " #", " @", "-", ", ", "'", ".", "!", " 😀 ", "\xff", "\t", "##", "_",
};
static const char *const filters[] = {
	"lang:nl", "lang:en", "platform:x", "platform:web", "author:jan", "author:@piet",
};
static const char *const langs[] = { "nl", "en", NULL, "nl-BE" };
static const char *const platforms[] = { "x", "web", NULL };
static const char *const authors[] = { "@jan", "piet", NULL, "@Piet" };

/* A word cut to a prefix at a character boundary (at least one character). */
static void add_prefix_of(struct strbuf *sb, const char *w)
{
	size_t n = strlen(w), cut = 1 + pick((unsigned)n);
	while (cut < n && ((unsigned char)w[cut] & 0xC0) == 0x80)
		cut++;
	strbuf_add(sb, w, cut);
}

static void gen_leaf(struct strbuf *sb)
{
	unsigned k = pick(10);
	if (k < 2) {
		strbuf_addstr(sb, filters[pick(N(filters))]);
		return;
	}
	if (k < 4) { /* phrase */
		strbuf_addch(sb, '"');
		unsigned nw = 2 + pick(2);
		for (unsigned i = 0; i < nw; i++) {
			if (i)
				strbuf_addstr(sb, pick(3) ? " " : "-");
			strbuf_addstr(sb, words[pick(N(words))]);
		}
		strbuf_addstr(sb, pick(5) ? "\"" : "\"*");
		return;
	}
	unsigned s = pick(6);
	if (s == 0)
		strbuf_addch(sb, '#');
	else if (s == 1)
		strbuf_addch(sb, '@');
	if (pick(4) == 0) {
		add_prefix_of(sb, words[pick(N(words))]);
		strbuf_addch(sb, '*');
	} else {
		strbuf_addstr(sb, words[pick(N(words))]);
	}
}

static void gen_expr(struct strbuf *sb, int depth)
{
	unsigned k = depth <= 0 ? 0 : pick(7);
	switch (k) {
	case 0: case 1: gen_leaf(sb); break;
	case 2: strbuf_addstr(sb, pick(2) ? "NOT " : "-"); gen_expr(sb, depth - 1); break;
	case 3: case 4: case 5: {
		bool paren = pick(2);
		if (paren)
			strbuf_addch(sb, '(');
		gen_expr(sb, depth - 1);
		strbuf_addstr(sb, k == 3 ? " AND " : k == 4 ? " OR " : " ");
		gen_expr(sb, depth - 1);
		if (paren)
			strbuf_addch(sb, ')');
		break;
	}
	default:
		strbuf_addch(sb, '(');
		gen_expr(sb, depth - 1);
		strbuf_addch(sb, ')');
	}
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* A word or separator from a, ASCII ones only when `ascii` (texts of ASCII only take another path). */
static const char *pick_from(const char *const *a, size_t n, bool ascii)
{
	for (;;) {
		const char *s = a[pick((unsigned)n)];
		if (!ascii || is_ascii(s))
			return s;
	}
}

static void gen_text(struct strbuf *sb, bool ascii)
{
	strbuf_reset(sb);
	unsigned n = pick(14);
	if (pick(2))
		strbuf_addstr(sb, pick_from(seps, N(seps), ascii));
	for (unsigned i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(sb, pick_from(seps, N(seps), ascii));
		if (pick(8) == 0)
			add_prefix_of(sb, pick_from(words, N(words), ascii));
		else
			strbuf_addstr(sb, pick_from(words, N(words), ascii));
	}
}

enum { BATCHES = 6, QUERIES = 150, TEXTS = 400 };

static void test_equivalence(void **state)
{
	unsigned long compared = 0, matched = 0, ascii_texts = 0;
	struct norm_buf nb = NORM_BUF_INIT;
	struct strbuf qs, text;
	strbuf_init(&qs, STRBUF_NOCAP);
	strbuf_init(&text, STRBUF_NOCAP);
	for (unsigned batch = 0; batch < BATCHES; batch++) {
		rng_state = 0x9E3779B97F4A7C15ULL ^ (batch + 1) * 0xD1B54A32D192ED03ULL;
		struct query_set *set = query_set_new();
		struct err e = { 0 };
		for (unsigned i = 0; i < QUERIES; i++) {
			strbuf_reset(&qs);
			gen_expr(&qs, 1 + (int)pick(4));
			if (query_set_add(set, qs.buf, qs.buf, &e) < 0)
				fail_msg("generated query '%s' does not parse: %s", qs.buf, e.msg);
		}
		assert_int_equal(query_set_compile(set, &e), 0);
		struct query_scratch *s = query_scratch_new(set, &e);
		assert_non_null(s);
		for (unsigned t = 0; t < TEXTS; t++) {
			gen_text(&text, batch % 2); /* every other batch texts of ASCII only */
			ascii_texts += is_ascii(text.buf);
			struct query_mention m = {
				text.buf, text.len, langs[pick(N(langs))], platforms[pick(N(platforms))], authors[pick(N(authors))],
			};
			const unsigned *ids;
			int n = query_set_match(set, s, &m, &ids);
			assert_true(n >= 0);
			int k = 0;
			for (unsigned id = 0; id < QUERIES; id++) {
				bool want = query_eval_ref(query_set_query(set, id), &m, &nb);
				bool got = k < n && ids[k] == id;
				if (got)
					k++;
				if (want != got)
					fail_msg("batch %u: query '%s' on text '%s' (lang %s, platform %s, author %s): reference %d, set %d",
						 batch, query_set_name(set, id), text.buf, m.lang ? m.lang : "-",
						 m.platform ? m.platform : "-", m.author ? m.author : "-", want, got);
				compared++;
				matched += want;
			}
			assert_int_equal(k, n); /* ids ascending, none beyond the queries */
		}
		query_scratch_free(s);
		query_set_free(set);
	}
	/* The generator must make both outcomes common, or the test proves little. */
	assert_true(matched > compared / 20);
	assert_true(matched < compared - compared / 20);
	assert_true(ascii_texts >= BATCHES / 2 * TEXTS); /* both paths of query_set_match() */
	print_message("# %lu comparisons, %lu matches\n", compared, matched);
	strbuf_release(&qs);
	strbuf_release(&text);
	norm_buf_release(&nb);
}

/* Random byte soup as queries: the parser answers (tree or located error), never crashes. */
static void test_random_expressions(void **state)
{
	static const char *const bits[] = {
		"(", ")", "\"", "-", "*", "#", "@", " ", "AND", "OR", "NOT", "lang:", "author:", "x", "é", "\xff", "nl",
	};
	rng_state = 42;
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	unsigned ok = 0, bad = 0;
	for (int i = 0; i < 5000; i++) {
		strbuf_reset(&sb);
		unsigned n = pick(12);
		for (unsigned j = 0; j < n; j++)
			strbuf_addstr(&sb, bits[pick(N(bits))]);
		struct err e = { 0 };
		struct query *q;
		if (query_parse(sb.buf, &q, &e) == 0) {
			ok++;
			query_free(q);
		} else {
			bad++;
			assert_true(!strncmp(e.msg, "column ", 7));
		}
	}
	assert_true(ok > 100 && bad > 100);
	strbuf_release(&sb);
}

/*
 * Queries shaped like the benchmark's (../shared/bench/gen-mentions: brands
 * built from syllables, four templates) over texts with brands woven in as
 * brand, @brand, #brand, Brand, "brand service" and "brand app".
 */
static const char *const syl[] = { "ko", "ers", "fiet", "sen", "bak", "ker", "ij", "van", "dam", "zee", "lux", "co" };

static void gen_brand(char *b, size_t size)
{
	b[0] = '\0';
	unsigned n = 2 + pick(2);
	for (unsigned i = 0; i < n; i++)
		strncat(b, syl[pick(N(syl))], size - strlen(b) - 1);
}

enum { BQUERIES = 300, BTEXTS = 600 };

static void test_bench_shaped(void **state)
{
	rng_state = 20261123;
	struct query_set *set = query_set_new();
	struct err e = { 0 };
	char brands[BQUERIES][32];
	struct strbuf expr;
	strbuf_init(&expr, STRBUF_NOCAP);
	for (unsigned i = 0; i < BQUERIES; i++) {
		gen_brand(brands[i], sizeof(brands[i]));
		const char *b = brands[i];
		strbuf_reset(&expr);
		switch (pick(4)) {
		case 0: strbuf_addf(&expr, "%s OR #%s OR @%s", b, b, b); break;
		case 1: strbuf_addf(&expr, "(%s OR \"%s app\") -vacature -job", b, b); break;
		case 2: strbuf_addf(&expr, "%s* AND lang:nl", b); break;
		default:
			strbuf_addf(&expr, "\"%s service\" OR (%s AND (klacht OR complaint OR delay OR vertraging))", b, b);
		}
		assert_true(query_set_add(set, b, expr.buf, &e) >= 0);
	}
	strbuf_release(&expr);
	assert_int_equal(query_set_compile(set, &e), 0);
	struct query_scratch *s = query_scratch_new(set, &e);
	struct norm_buf nb = NORM_BUF_INIT;
	struct strbuf text;
	strbuf_init(&text, STRBUF_NOCAP);
	unsigned long matched = 0;
	for (unsigned t = 0; t < BTEXTS; t++) {
		gen_text(&text, t % 2);
		const char *b = brands[pick(BQUERIES)];
		struct strbuf woven;
		strbuf_init(&woven, STRBUF_NOCAP);
		switch (pick(6)) {
		case 0: strbuf_addf(&woven, "%s", b); break;
		case 1: strbuf_addf(&woven, "@%s", b); break;
		case 2: strbuf_addf(&woven, "#%s", b); break;
		case 3: strbuf_addf(&woven, "%c%s", b[0] - 32, b + 1); break;
		case 4: strbuf_addf(&woven, "%s service", b); break;
		default: strbuf_addf(&woven, "%s app", b); break;
		}
		strbuf_addstr(&text, pick(2) ? " " : " klacht ");
		strbuf_addstr(&text, woven.buf);
		strbuf_release(&woven);
		struct query_mention m = { text.buf, text.len, langs[pick(N(langs))], NULL, NULL };
		const unsigned *ids;
		int n = query_set_match(set, s, &m, &ids), k = 0;
		for (unsigned id = 0; id < BQUERIES; id++) {
			bool want = query_eval_ref(query_set_query(set, id), &m, &nb);
			bool got = k < n && ids[k] == id;
			k += got;
			matched += want;
			if (want != got)
				fail_msg("query '%s' on '%s': reference %d, set %d", query_set_name(set, id), text.buf, want, got);
		}
		assert_int_equal(k, n);
	}
	assert_true(matched > BTEXTS / 2);
	strbuf_release(&text);
	norm_buf_release(&nb);
	query_scratch_free(s);
	query_set_free(set);
}

/* One compiled set shared by threads, one scratch each: the same answers as one thread. */
struct worker {
	const struct query_set *set;
	const char *const *texts;
	unsigned ntexts;
	unsigned long sum;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct err e = { 0 };
	struct query_scratch *s = query_scratch_new(w->set, &e);
	for (int round = 0; round < 200; round++)
		for (unsigned i = 0; i < w->ntexts; i++) {
			struct query_mention m = { w->texts[i], strlen(w->texts[i]), "nl", NULL, NULL };
			const unsigned *ids;
			int n = query_set_match(w->set, s, &m, &ids);
			for (int k = 0; k < n; k++)
				w->sum += ids[k] + 1;
		}
	query_scratch_free(s);
	return NULL;
}

static void test_threads(void **state)
{
	static const char *const texts[] = {
		"Koers app crasht", "#fietsen in de zee", "@bakker klacht", "niets", "Café Koërs", "koers vacature",
	};
	static const char *const exprs[] = { "koers", "fiets*", "@bakker klacht", "NOT koers", "\"koers app\" -vacature" };
	struct query_set *set = query_set_new();
	struct err e = { 0 };
	for (unsigned i = 0; i < N(exprs); i++)
		assert_true(query_set_add(set, exprs[i], exprs[i], &e) >= 0);
	assert_int_equal(query_set_compile(set, &e), 0);
	struct worker w[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){ set, texts, N(texts), 0 };
		assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	/* Per round: koers 3 texts (ids 1), fiets* 1 (2), "@bakker klacht" 1 (3), NOT koers 3 (4), "koers app" 1 (5). */
	unsigned long want = 200UL * (3 * 1 + 1 * 2 + 1 * 3 + 3 * 4 + 1 * 5);
	for (int i = 0; i < 4; i++)
		assert_int_equal(w[i].sum, want);
	query_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equivalence),
		cmocka_unit_test(test_random_expressions),
		cmocka_unit_test(test_bench_shaped),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
