/* Unit tests of src/listen/labelled.c: good lines kept, bad lines located. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "listen/labelled.h"

struct seen {
	int labels[16];
	char texts[16][32];
	unsigned lines[16];
	int n;
};

static void collect(void *ctx, int label, const char *text, size_t len, unsigned line)
{
	struct seen *s = ctx;
	s->labels[s->n] = label;
	snprintf(s->texts[s->n], sizeof(s->texts[0]), "%.*s", (int)len, text);
	s->lines[s->n++] = line;
}

static void test_good_and_bad_lines(void **state)
{
	const char *in =
		"label\ttext\n"              /* 1: header, skipped */
		"positive\tLove it\n"        /* 2 */
		"\n"                         /* 3: blank */
		"# a comment\n"              /* 4 */
		"NEGATIVE\tNot good\r\n"     /* 5: any case, CRLF */
		"no tab here\n"              /* 6: bad */
		"happy\tsmile\n"             /* 7: bad label */
		"neutral\t   \n"             /* 8: empty text */
		"neutral\tbad \xff byte\n"   /* 9: invalid UTF-8 */
		"neutral\tit is\ta table";   /* 10: no final newline, TAB inside the text */
	struct seen s = { 0 };
	struct diags d = { 0 };
	size_t good = labelled_parse(in, strlen(in), "x.tsv", collect, &s, &d);
	assert_int_equal(good, 3);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.labels[0], 2);
	assert_string_equal(s.texts[0], "Love it");
	assert_int_equal(s.lines[0], 2);
	assert_int_equal(s.labels[1], 0);
	assert_string_equal(s.texts[1], "Not good");
	assert_int_equal(s.lines[1], 5);
	assert_int_equal(s.labels[2], 1);
	assert_string_equal(s.texts[2], "it is\ta table");
	assert_int_equal(s.lines[2], 10);
	static const struct { unsigned line; const char *msg; } want[] = {
		{ 6, "expected LABEL<TAB>TEXT, found no TAB" },
		{ 7, "unknown label 'happy' (expected negative, neutral or positive)" },
		{ 8, "the text is empty" },
		{ 9, "the text is not valid UTF-8" },
	};
	assert_int_equal(d.n, 4);
	for (size_t i = 0; i < d.n; i++) {
		assert_string_equal(d.v[i].file, "x.tsv");
		assert_int_equal(d.v[i].line, want[i].line);
		assert_string_equal(d.v[i].msg, want[i].msg);
	}
	diags_release(&d);
}

static void test_long_line(void **state)
{
	static char in[LABELLED_MAX_LINE + 100];
	memset(in, 'a', sizeof(in) - 1);
	memcpy(in, "positive\t", 9);
	struct seen s = { 0 };
	struct diags d = { 0 };
	assert_int_equal(labelled_parse(in, strlen(in), "x", collect, &s, &d), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 1);
	diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_and_bad_lines),
		cmocka_unit_test(test_long_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
