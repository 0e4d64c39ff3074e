/*
 * Unit tests of src/listen/query.c: every construct of the language, its
 * precedence, located parse errors, and matching with accents, case, hashtag
 * and mention forms in Dutch and English. Every match case runs through both
 * the reference evaluator and the compiled Hyperscan set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "listen/query.h"

/* The match table leaves the mention fields it does not need out. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* ---- parsing: the canonical form shows the tree (hand-written expectations) */

static const struct {
	const char *expr, *tree;
} parses[] = {
	{ "koers", "koers" },
	{ "Koërs", "koers" },
	{ "\"Koers App\"", "\"koers app\"" },
	{ "#Koers", "#koers" },
	{ "@KoersNL", "@koersnl" },
	{ "fiets*", "fiets*" },
	{ "#fiets*", "#fiets*" },
	{ "e-mail", "\"e mail\"" },           /* separators inside a term make it a phrase */
	{ "lang:NL", "lang:nl" },
	{ "platform:Mastodon", "platform:mastodon" },
	{ "author:@Jan", "author:jan" },
	{ "a b", "(AND a b)" },                /* implicit AND */
	{ "a AND b", "(AND a b)" },
	{ "a OR b", "(OR a b)" },
	{ "a or b", "(AND (AND a or) b)" },    /* operators are upper case only */
	{ "NOT a", "(NOT a)" },
	{ "-a", "(NOT a)" },
	{ "a -b -c", "(AND (AND a (NOT b)) (NOT c))" },
	{ "a OR b c", "(OR a (AND b c))" },    /* AND binds tighter than OR */
	{ "a b OR c", "(OR (AND a b) c)" },
	{ "NOT a b", "(AND (NOT a) b)" },      /* NOT binds tighter than AND */
	{ "NOT a OR b", "(OR (NOT a) b)" },
	{ "NOT NOT a", "(NOT (NOT a))" },
	{ "(a OR b) c", "(AND (OR a b) c)" },
	{ "-(a OR b)", "(NOT (OR a b))" },
	{ "a OR b OR c", "(OR (OR a b) c)" },
	{ "((a))", "a" },
	{ "x AND -\"y z\"", "(AND x (NOT \"y z\"))" },
	{ "a(b)", "(AND a b)" },
	{ "\"b app\"c", "(AND \"b app\" c)" },
	{ "koers* AND lang:nl", "(AND koers* lang:nl)" },
	{ "(koers OR \"koers app\") -vacature -job",
	  "(AND (AND (OR koers \"koers app\") (NOT vacature)) (NOT job))" },
	{ "\"x service\" OR (x AND (klacht OR complaint OR delay OR vertraging))",
	  "(OR \"x service\" (AND x (OR (OR (OR klacht complaint) delay) vertraging)))" },
};

static void test_parse_tree(void **state)
{
	for (size_t i = 0; i < sizeof(parses) / sizeof(parses[0]); i++) {
		struct err e = { 0 };
		struct query *q;
		if (query_parse(parses[i].expr, &q, &e) < 0)
			fail_msg("'%s': %s", parses[i].expr, e.msg);
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		query_format(q, &sb);
		if (strcmp(sb.buf, parses[i].tree))
			fail_msg("'%s' parsed as %s, want %s", parses[i].expr, sb.buf, parses[i].tree);
		strbuf_release(&sb);
		query_free(q);
	}
}

/* ---- parse errors: located, saying what was expected */

static const struct {
	const char *expr, *msg;
} errors[] = {
	{ "", "column 1: expected a term, phrase, #tag, @handle, filter or '(', found the end of the query" },
	{ "   ", "column 4: expected a term, phrase, #tag, @handle, filter or '(', found the end of the query" },
	{ "foo AND", "column 8: expected a term, phrase, #tag, @handle, filter or '(' after 'AND', found the end of the query" },
	{ "OR foo", "column 1: expected a term, phrase, #tag, @handle, filter or '(', found 'OR'" },
	{ "a OR OR b", "column 6: expected a term, phrase, #tag, @handle, filter or '(' after 'OR', found 'OR'" },
	{ "a AND )", "column 7: expected a term, phrase, #tag, @handle, filter or '(' after 'AND', found ')'" },
	{ "NOT", "column 4: expected a term, phrase, #tag, @handle, filter or '(' after 'NOT', found the end of the query" },
	{ "a -", "column 4: expected a term, phrase, #tag, @handle, filter or '(' after '-', found the end of the query" },
	{ "()", "column 2: expected a term, phrase, #tag, @handle, filter or '(' after '(', found ')'" },
	{ "foo AND (bar OR baz", "column 20: expected ')' to close the '(' at column 9, found the end of the query" },
	{ "(a b", "column 5: expected ')' to close the '(' at column 1, found the end of the query" },
	{ "a)", "column 2: unexpected ')' without a matching '('" },
	{ "a OR b) c", "column 7: unexpected ')' without a matching '('" },
	{ "koers \"app", "column 11: expected '\"' to close the phrase opened at column 7" },
	{ "café \"app", "column 10: expected '\"' to close the phrase opened at column 6" }, /* columns count characters */
	{ "fi*ets", "column 3: '*' may only end a term" },
	{ "*", "column 1: expected a word in '*'" },
	{ "#", "column 1: expected a word in '#'" },
	{ "a @", "column 3: expected a word in '@'" },
	{ "!!!", "column 1: '!!!' has no letters or digits to match" },
	{ "\"  \"", "column 1: '\"  \"' has no letters or digits to match" },
	{ "lang:", "column 6: expected a value after 'lang:'" },
	{ "x author:@", "column 11: expected a value after 'author:'" },
	{ "langg:nl", "column 1: unknown filter 'langg:' (known: lang:, platform:, author:; put text in quotes to search for it)" },
};

static void test_parse_errors(void **state)
{
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		struct err e = { 0 };
		struct query *q = (struct query *)1;
		int r = query_parse(errors[i].expr, &q, &e);
		if (r != ERR_DATA)
			fail_msg("'%s' parsed", errors[i].expr);
		assert_null(q);
		if (strcmp(e.msg, errors[i].msg))
			fail_msg("'%s': got\n  %s\nwant\n  %s", errors[i].expr, e.msg, errors[i].msg);
	}
}

static void test_parse_limits(void **state)
{
	struct err e = { 0 };
	struct query *q;
	char deep[QUERY_MAX_DEPTH * 2 + 8];
	size_t n = 0;
	for (int i = 0; i <= QUERY_MAX_DEPTH; i++)
		deep[n++] = '(';
	deep[n++] = 'a';
	deep[n] = '\0';
	assert_int_equal(query_parse(deep, &q, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "levels of '(' and NOT"));
	char *nots = calloc(1, 4 * (QUERY_MAX_DEPTH + 1) + 2);
	for (int i = 0; i <= QUERY_MAX_DEPTH; i++)
		strcat(nots, "NOT ");
	strcat(nots, "a");
	assert_int_equal(query_parse(nots, &q, &e), ERR_DATA);
	nots[4] = '\0';
	free(nots);
	char *big = malloc(QUERY_MAX_LEN + 2);
	memset(big, 'a', QUERY_MAX_LEN + 1);
	big[QUERY_MAX_LEN + 1] = '\0';
	assert_int_equal(query_parse(big, &q, &e), ERR_DATA);
	assert_string_equal(e.msg, "query longer than 8192 bytes");
	big[QUERY_MAX_LEN] = '\0';
	assert_int_equal(query_parse(big, &q, &e), 0);
	query_free(q);
	free(big);
}

static void test_error_in_dutch(void **state)
{
	struct err e = { .lang = LANG_NL };
	struct query *q;
	assert_int_equal(query_parse("a)", &q, &e), ERR_DATA);
	assert_string_equal(e.msg, "kolom 2: onverwachte ')' zonder bijbehorende '('");
}

/* ---- matching: each case through the reference and through a compiled set */

struct mcase {
	const char *expr, *text;
	bool want;
	const char *lang, *platform, *author;
};

static const struct mcase matches[] = {
	/* terms: whole words, case and accents ignored, hashtag and mention forms */
	{ "koers", "Ik hou van Koers!", true },
	{ "koers", "#koers is top", true },
	{ "koers", "bedankt @Koers", true },
	{ "koers", "koersen en koersdag", false },
	{ "koers", "mykoers", false },
	{ "koers", "koers_nl", false },                 /* '_' is part of a word */
	{ "koers", "koers-nl", true },                  /* '-' is not */
	{ "cafe", "Het Café was dicht", true },
	{ "café", "cafe open", true },
	{ "CAFÉ", "CaFe", true },
	{ "strasse", "Hauptstraße", false },
	{ "strasse", "Straße", true },
	{ "ijssel", "De Ĳssel stroomt", true },
	{ "naïef", "wat naief", true },
	/* phrases */
	{ "\"koers app\"", "de Koers-app crasht", true },
	{ "\"koers app\"", "de koers #app crasht", true },
	{ "\"koers app\"", "de app van koers", false },
	{ "\"koers app\"", "koers appen", false },
	{ "\"on time\"", "never on  time, again", true },
	{ "\"slecht weer\"", "Wat een SLECHT weer vandaag", true },
	/* tags and handles */
	{ "#koers", "love #Koers", true },
	{ "#koers", "love koers", false },
	{ "#koers", "love @koers", false },
	{ "#koers", "love a#koers", false },            /* '#' inside a word is not a hashtag */
	{ "#koers", "##koers", true },
	{ "@koers", "vraag aan @KOERS: waar?", true },
	{ "@koers", "#koers", false },
	{ "@koers", "mail jan@koers.nl", false },
	{ "@koers_nl", "hi @koers_nl", true },
	{ "@koers_nl", "hi @koers", false },
	/* prefixes */
	{ "fiets*", "Fietsenwinkel open", true },
	{ "fiets*", "mijn fiets", true },
	{ "fiets*", "#fietsen", true },
	{ "fiets*", "elektrofiets", false },
	{ "#fiets*", "#fietsdag", true },
	{ "#fiets*", "fietsdag", false },
	{ "\"koers ap\"*", "koers appje", true },
	/* boolean operators */
	{ "koers AND app", "app van koers", true },
	{ "koers app", "alleen koers", false },
	{ "koers OR bank", "de bank", true },
	{ "koers -vacature", "koers zoekt mensen", true },
	{ "koers -vacature", "koers vacature", false },
	{ "koers NOT job", "koers job offer", false },
	{ "NOT spam", "hello", true },
	{ "NOT spam", "spam spam", false },
	{ "(koers OR \"koers app\") -vacature -job", "Koers app is slow", true },
	{ "(koers OR \"koers app\") -vacature -job", "Koers app job", false },
	{ "\"koers service\" OR (koers AND (klacht OR complaint OR delay OR vertraging))",
	  "Weer vertraging bij Koers", true },
	{ "\"koers service\" OR (koers AND (klacht OR complaint OR delay OR vertraging))",
	  "Koers is fine", false },
	{ "\"koers service\" OR (koers AND (klacht OR complaint OR delay OR vertraging))",
	  "bad KOERS service", true },
	/* filters */
	{ "koers lang:nl", "koers", true, "nl" },
	{ "koers lang:nl", "koers", true, "NL-be" },
	{ "koers lang:nl", "koers", false, "en" },
	{ "koers lang:nl", "koers", false },            /* unknown language */
	{ "koers -lang:nl", "koers", true },
	{ "lang:en", "anything", true, "en" },
	{ "platform:mastodon", "x", true, NULL, "Mastodon" },
	{ "platform:mastodon", "x", false, NULL, "bluesky" },
	{ "author:jan", "x", true, NULL, NULL, "@Jan" },
	{ "author:@jan", "x", true, NULL, NULL, "jan" },
	{ "author:jan", "x", false, NULL, NULL, "@janneke" },
	{ "koers OR lang:nl", "other", true, "nl" },
	{ "koers OR lang:nl", "other", false, "en" },
	/* English */
	{ "delay* AND (train OR rail)", "Delayed train again!!", true },
	{ "\"customer service\"", "Customer-Service was rude", true },
	{ "refund -thanks", "Where is my refund?", true },
	{ "refund -thanks", "Got my refund, thanks", false },
};

static void check_case(const struct mcase *c, struct norm_buf *nb)
{
	struct err e = { 0 };
	struct query *q;
	if (query_parse(c->expr, &q, &e) < 0)
		fail_msg("'%s': %s", c->expr, e.msg);
	struct query_mention m = { c->text, strlen(c->text), c->lang, c->platform, c->author };
	if (query_eval_ref(q, &m, nb) != c->want)
		fail_msg("reference: '%s' on '%s' should be %s", c->expr, c->text, c->want ? "true" : "false");
	query_free(q);

	struct query_set *set = query_set_new();
	assert_int_equal(query_set_add(set, "q", c->expr, &e), 0);
	assert_int_equal(query_set_compile(set, &e), 0);
	struct query_scratch *s = query_scratch_new(set, &e);
	assert_non_null(s);
	const unsigned *ids;
	int n = query_set_match(set, s, &m, &ids);
	if (n != (c->want ? 1 : 0))
		fail_msg("set: '%s' on '%s' gave %d matches, want %d", c->expr, c->text, n, c->want);
	query_scratch_free(s);
	query_set_free(set);
}

static void test_matching(void **state)
{
	struct norm_buf nb = NORM_BUF_INIT;
	for (size_t i = 0; i < sizeof(matches) / sizeof(matches[0]); i++)
		check_case(&matches[i], &nb);
	norm_buf_release(&nb);
}

/* ---- the set: many queries in one database, shared leaves, ids in order */

static void test_set_many_queries(void **state)
{
	static const char *const exprs[] = {
		"koers OR #koers OR @koers",  /* 0 */
		"koers* AND lang:nl",         /* 1 */
		"NOT koers",                  /* 2: can match without any leaf */
		"lang:en",                    /* 3: filter only */
		"bank -koers",                /* 4 */
		"\"koers app\"",              /* 5 */
	};
	struct err e = { 0 };
	struct query_set *set = query_set_new();
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(query_set_add(set, exprs[i], exprs[i], &e), (int)i);
	assert_int_equal(query_set_add(set, "bad", "a OR", &e), ERR_DATA);
	assert_string_equal(e.msg, "column 5: expected a term, phrase, #tag, @handle, filter or '(' after 'OR', found the end of the query");
	assert_int_equal(query_set_count(set), 6);
	/* koers, #koers, @koers, koers*, bank, "koers app": koers is shared by 0, 2 and 4. */
	assert_int_equal(query_set_leaf_count(set), 6);
	assert_int_equal(query_set_compile(set, &e), 0);
	assert_string_equal(query_set_name(set, 4), "bank -koers");
	assert_null(query_set_name(set, 6));
	struct query_scratch *s = query_scratch_new(set, &e);
	const unsigned *ids;

	struct query_mention m1 = { "De Koers app", 12, "nl", NULL, NULL };
	assert_int_equal(query_set_match(set, s, &m1, &ids), 3);
	assert_int_equal(ids[0], 0);
	assert_int_equal(ids[1], 1);
	assert_int_equal(ids[2], 5);

	struct query_mention m2 = { "my bank", 7, "en", NULL, NULL };
	assert_int_equal(query_set_match(set, s, &m2, &ids), 3);
	assert_int_equal(ids[0], 2);
	assert_int_equal(ids[1], 3);
	assert_int_equal(ids[2], 4);

	struct query_mention m3 = { NULL, 0, NULL, NULL, NULL };
	assert_int_equal(query_set_match(set, s, &m3, &ids), 1);
	assert_int_equal(ids[0], 2);

	/* The same mention twice gives the same answer (per-mention state is reset). */
	assert_int_equal(query_set_match(set, s, &m1, &ids), 3);
	query_scratch_free(s);
	assert_int_equal(query_set_add(set, "late", "x", &e), ERR_USAGE);
	query_set_free(set);
}

static void test_set_without_leaves(void **state)
{
	struct err e = { 0 };
	struct query_set *set = query_set_new();
	struct query_scratch *s = query_scratch_new(set, &e);
	assert_null(s);
	assert_int_equal(query_set_compile(set, &e), 0);
	s = query_scratch_new(set, &e);
	const unsigned *ids;
	struct query_mention m = { "koers", 5, "nl", NULL, NULL };
	assert_int_equal(query_set_match(set, s, &m, &ids), 0);
	query_scratch_free(s);
	query_set_free(set);

	set = query_set_new();
	assert_int_equal(query_set_add(set, "nl", "lang:nl", &e), 0);
	assert_int_equal(query_set_compile(set, &e), 0);
	s = query_scratch_new(set, &e);
	assert_int_equal(query_set_match(set, s, &m, &ids), 1);
	m.lang = "en";
	assert_int_equal(query_set_match(set, s, &m, &ids), 0);
	query_scratch_free(s);
	query_set_free(set);
}

/* ---- the compile cache: a memory cache that counts what it is asked */

struct memcache {
	char key[QUERY_CACHE_KEY];
	char *blob;
	size_t len;
	int gets, hits, puts;
};

static bool mem_get(void *ctx, const char *key, char **blob, size_t *len)
{
	struct memcache *c = ctx;
	c->gets++;
	if (!c->blob || strcmp(c->key, key))
		return false;
	c->hits++;
	*blob = malloc(c->len);
	memcpy(*blob, c->blob, c->len);
	*len = c->len;
	return true;
}

static void mem_put(void *ctx, const char *key, const char *blob, size_t len)
{
	struct memcache *c = ctx;
	c->puts++;
	snprintf(c->key, sizeof(c->key), "%s", key);
	free(c->blob);
	c->blob = malloc(len);
	memcpy(c->blob, blob, len);
	c->len = len;
}

/* Compile exprs through the cache and return the ids matching text, as a bit set. */
static unsigned cached_match(struct memcache *c, const char *const *exprs, size_t n, const char *text)
{
	struct err e = { 0 };
	struct query_cache qc = { mem_get, mem_put, c };
	struct query_set *set = query_set_new();
	for (size_t i = 0; i < n; i++)
		assert_int_equal(query_set_add(set, exprs[i], exprs[i], &e), (int)i);
	assert_int_equal(query_set_compile_cached(set, &qc, &e), 0);
	struct query_scratch *s = query_scratch_new(set, &e);
	assert_non_null(s);
	struct query_mention m = { text, strlen(text), "nl", NULL, NULL };
	const unsigned *ids;
	int nm = query_set_match(set, s, &m, &ids);
	unsigned bits = 0;
	for (int i = 0; i < nm; i++)
		bits |= 1u << ids[i];
	query_scratch_free(s);
	query_set_free(set);
	return bits;
}

static void test_compile_cache(void **state)
{
	static const char *const a[] = { "koers OR #koers", "\"fiets app\" -job", "bak*" };
	static const char *const b[] = { "koers OR #koers", "\"fiets app\" -vacature", "bak*" };
	const char *text = "De #koers van de Fiets App, bakker";
	struct memcache c = { 0 };
	/* First compile: asked, missed, stored. */
	assert_int_equal(cached_match(&c, a, 3, text), 7);
	assert_int_equal(c.gets, 1);
	assert_int_equal(c.hits, 0);
	assert_int_equal(c.puts, 1);
	char key_a[QUERY_CACHE_KEY];
	memcpy(key_a, c.key, sizeof(key_a));
	/* Same queries: loaded from the cache, same answer, nothing stored. */
	assert_int_equal(cached_match(&c, a, 3, text), 7);
	assert_int_equal(c.hits, 1);
	assert_int_equal(c.puts, 1);
	/* One query changed: another key, compiled afresh. */
	assert_int_equal(cached_match(&c, b, 3, text), 7);
	assert_int_equal(c.hits, 1);
	assert_int_equal(c.puts, 2);
	assert_string_not_equal(c.key, key_a);
	/* A blob that does not load (another machine, damage) is replaced. */
	memset(c.blob, 0x5a, c.len);
	assert_int_equal(cached_match(&c, b, 3, "nothing here"), 0);
	assert_int_equal(c.hits, 2);
	assert_int_equal(c.puts, 3);
	assert_int_equal(cached_match(&c, b, 3, "bakken"), 4);
	assert_int_equal(c.hits, 3);
	assert_int_equal(c.puts, 3);
	free(c.blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_tree),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_error_in_dutch),
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_set_many_queries),
		cmocka_unit_test(test_set_without_leaves),
		cmocka_unit_test(test_compile_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
