/* Unit tests of src/listen/lexmap.c: lookups, growth, folded keys. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "listen/lexmap.h"
#include "listen/words.h"

static const struct lexent *get(const struct lexmap *m, const char *k)
{
	return lexmap_get(m, k, strlen(k), words_hash(k, strlen(k)));
}

static void test_put_get_grow(void **state)
{
	struct lexmap *m = lexmap_new();
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "w%d", i);
		struct lexent *e = lexmap_put(m, key, strlen(key));
		e->val[LEX_EN] = (float)i;
		e->has[LEX_EN] = 1;
	}
	assert_int_equal(lexmap_count(m), 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "w%d", i);
		const struct lexent *e = get(m, key);
		assert_non_null(e);
		assert_float_equal(e->val[LEX_EN], (float)i, 0);
	}
	assert_null(get(m, "w5000"));
	assert_null(get(m, ""));
	/* putting again returns the same entry */
	struct lexent *a = lexmap_put(m, "w7", 2);
	assert_float_equal(a->val[LEX_EN], 7, 0);
	assert_int_equal(lexmap_count(m), 5000);
	lexmap_free(m);
}

static void test_put_word_folds(void **state)
{
	struct lexmap *m = lexmap_new();
	lexmap_put_word(m, "Één")->flags |= LEXF_NL;
	lexmap_put_word(m, "CAFÉ")->flags |= LEXF_EN;
	assert_non_null(get(m, "een"));
	assert_true(get(m, "een")->flags & LEXF_NL);
	assert_non_null(get(m, "cafe"));
	assert_null(get(m, "Één"));
	lexmap_free(m);
}

/* The filter on Dutch prefixes passes every key with a Dutch valence, before and after growth. */
static void test_nl_prefix(void **state)
{
	struct lexmap *m = lexmap_new();
	struct lexent *e = lexmap_put(m, "lekker", 6);
	e->val[LEX_NL] = 2.5f;
	e->has[LEX_NL] = 1;
	lexmap_put(m, "table", 5)->has[LEX_EN] = 1; /* English only: not in the filter */
	/* not built yet: everything passes */
	assert_true(lexmap_nl_prefix(m, "xyz", 3));
	lexmap_index_nl(m);
	assert_true(lexmap_nl_prefix(m, "lekkere", 7));
	assert_true(lexmap_nl_prefix(m, "lek", 3));
	assert_false(lexmap_nl_prefix(m, "le", 2)); /* too short to be a listed word's stem */
	/* with one prefix set in 32768 bits, these three land elsewhere (FNV-1a is fixed) */
	assert_false(lexmap_nl_prefix(m, "tab", 3));
	assert_false(lexmap_nl_prefix(m, "xyz", 3));
	assert_false(lexmap_nl_prefix(m, "slecht", 6));
	/* many Dutch keys: every one of them passes */
	char key[32];
	for (int i = 0; i < 3000; i++) {
		snprintf(key, sizeof(key), "%c%cw%d", 'a' + i % 26, 'a' + i / 26 % 26, i);
		e = lexmap_put(m, key, strlen(key));
		e->has[LEX_NL] = 1;
	}
	lexmap_index_nl(m);
	for (int i = 0; i < 3000; i++) {
		snprintf(key, sizeof(key), "%c%cw%d", 'a' + i % 26, 'a' + i / 26 % 26, i);
		assert_true(lexmap_nl_prefix(m, key, strlen(key)));
	}
	lexmap_free(m);
}

/* lexmap_words() gives each token the entry lexmap_get() gives its text; a new split forgets them. */
static void test_words(void **state)
{
	struct lexmap *m = lexmap_new();
	lexmap_put(m, "good", 4)->has[LEX_EN] = 1;
	lexmap_put(m, "!!", 2)->flags |= LEXF_BOOST;
	static struct words ws;
	const char *text = "Good day!! @good";
	words_split(&ws, text, strlen(text));
	assert_int_equal(ws.n, 4);
	assert_null(ws.lex_of);
	lexmap_words(m, &ws);
	assert_ptr_equal(ws.lex_of, m);
	assert_ptr_equal(ws.lex[0], get(m, "good"));
	assert_null(ws.lex[1]);
	assert_ptr_equal(ws.lex[2], get(m, "!!"));
	assert_ptr_equal(ws.lex[3], get(m, "good")); /* the mention's folded text */
	for (size_t i = 0; i < ws.n; i++)
		assert_ptr_equal(lexmap_word(m, &ws, i), ws.lex[i]);
	/* another map is not answered from ws->lex */
	struct lexmap *other = lexmap_new();
	assert_null(lexmap_word(other, &ws, 0));
	words_split(&ws, "day", 3);
	assert_null(ws.lex_of);
	assert_null(lexmap_word(m, &ws, 0));
	lexmap_free(other);
	lexmap_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_grow),
		cmocka_unit_test(test_put_word_folds),
		cmocka_unit_test(test_nl_prefix),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
