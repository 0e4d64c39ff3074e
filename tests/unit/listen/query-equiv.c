/*
 * Equivalence of the two evaluators of src/listen/query.c: the compiled
 * Hyperscan set (one scan, leaves indexed to queries) against the reference
 * evaluator (tokenise the text, walk the tree), on random queries and random
 * texts from a small vocabulary with accents, case, hashtag and mention
 * forms, so that leaves fire often. Seeded PRNG: every run is the same.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
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

static void gen_text(struct strbuf *sb)
{
	strbuf_reset(sb);
	unsigned n = pick(14);
	if (pick(2))
		strbuf_addstr(sb, seps[pick(N(seps))]);
	for (unsigned i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(sb, seps[pick(N(seps))]);
		if (pick(8) == 0)
			add_prefix_of(sb, words[pick(N(words))]);
		else
			strbuf_addstr(sb, words[pick(N(words))]);
	}
}

enum { BATCHES = 6, QUERIES = 150, TEXTS = 400 };

static void test_equivalence(void **state)
{
	unsigned long compared = 0, matched = 0;
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
			gen_text(&text);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equivalence),
		cmocka_unit_test(test_random_expressions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
