/* Unit tests of src/listen/norm.c: folding, accents, word separators. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "listen/norm.h"

static const struct {
	const char *in, *out;
} cases[] = {
	{ "", " " },
	{ "Koers", " koers " },
	{ "Café CRÈME brûlée", " cafe creme brulee " },
	{ "Straße", " strasse " },             /* full case folding */
	{ "ﬁets", " fiets " },                 /* compatibility ligature */
	{ "Ｋｏｅｒｓ", " koers " },             /* fullwidth */
	{ "ko\xc2\xad" "ers", " koers " },      /* soft hyphen is ignorable */
	{ "Ĳssel", " ijssel " },                /* Dutch IJ ligature */
	{ "ΣΊΣΥΦΟΣ", " σισυφοσ " },            /* Greek: accent stripped, final sigma folded */
	{ "øre", " øre " },                     /* no decomposition: stays a letter */
	{ "don't, e-mail!", " don t e mail " },
	{ "#Koers @Team_NL", " #koers @team_nl " },
	{ "a  \t\n b", " a b " },
	{ "emoji 😀 here", " emoji here " },
	{ "x\xff y", " x y " },                 /* invalid UTF-8 byte separates */
	{ "²³ 4", " 23 4 " },                   /* superscripts are digits after NFKD */
};

static void test_cases(void **state)
{
	struct norm_buf b = NORM_BUF_INIT;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = norm_text(&b, cases[i].in, strlen(cases[i].in));
		assert_int_equal(n, strlen(b.buf));
		if (strcmp(b.buf, cases[i].out))
			fail_msg("case %zu: '%s' -> '%s', want '%s'", i, cases[i].in, b.buf, cases[i].out);
	}
	norm_buf_release(&b);
}

static void test_embedded_nul_and_reuse(void **state)
{
	struct norm_buf b = NORM_BUF_INIT;
	norm_text(&b, "a\0b", 3);
	assert_string_equal(b.buf, " a b ");
	/* A long text, then a short one: the buffer is reused and fully replaced. */
	char big[5000];
	memset(big, 'Z', sizeof(big));
	norm_text(&b, big, sizeof(big));
	assert_int_equal(b.len, sizeof(big) + 2);
	assert_int_equal(b.buf[1], 'z');
	norm_text(&b, "Ok", 2);
	assert_string_equal(b.buf, " ok ");
	norm_buf_release(&b);
}

static void test_expanding_decomposition(void **state)
{
	/* U+FDFA decomposes to 18 code points; many of them must not overflow the buffer. */
	char in[3 * 200 + 1];
	for (int i = 0; i < 200; i++)
		memcpy(in + 3 * i, "\xef\xb7\xba", 3);
	struct norm_buf b = NORM_BUF_INIT;
	norm_text(&b, in, 600);
	assert_true(b.len > 600);
	assert_int_equal(b.buf[0], ' ');
	assert_int_equal(b.buf[b.len - 1], ' ');
	norm_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_embedded_nul_and_reuse),
		cmocka_unit_test(test_expanding_decomposition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
