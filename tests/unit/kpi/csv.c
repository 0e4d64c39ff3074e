/* Unit tests of src/kpi/csv.c: RFC 4180 records, real-world line ends, located errors. */
#include "test.h"

#include "base/strbuf.h"
#include "kpi/csv.h"

/* Records as "line|f1|f2|...\n" for comparison. */
static int collect(void *ctx, unsigned line, char **f, size_t n)
{
	struct strbuf *sb = ctx;
	strbuf_addf(sb, "%u", line);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "|%s", f[i]);
	strbuf_addch(sb, '\n');
	return 0;
}

static char *read_all(const char *in, struct diags *d)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	csv_read(in, strlen(in), "t.csv", d, collect, &sb);
	return strbuf_detach(&sb, NULL);
}

static void test_rfc4180(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "a,b,c\n1,2,3\n", "1|a|b|c\n2|1|2|3\n" },
		{ "a,b\r\n1,2\r\n", "1|a|b\n2|1|2\n" },              /* CRLF as RFC 4180 writes it */
		{ "a,b\n1,2", "1|a|b\n2|1|2\n" },                    /* no line end at the end */
		{ "\xEF\xBB\xBFid\n7\n", "1|id\n2|7\n" },            /* UTF-8 byte order mark */
		{ "\"a,b\",\"say \"\"hi\"\"\"\n", "1|a,b|say \"hi\"\n" },
		{ "\"two\nlines\",x\ny,z\n", "1|two\nlines|x\n3|y|z\n" }, /* a record spanning lines keeps its first line */
		{ ",,\n", "1|||\n" },                                /* empty fields */
		{ "\"\"\n", "1|\n" },
		{ "a\n\nb\n", "1|a\n2|\n3|b\n" },                   /* a blank line is a record of one empty field */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct diags d = { 0 };
		char *got = read_all(cases[i].in, &d);
		assert_string_equal(got, cases[i].want);
		assert_int_equal(d.n, 0);
		free(got);
		diags_release(&d);
	}
}

static void test_bad_records_are_located_and_skipped(void **state)
{
	struct diags d = { 0 };
	char *got = read_all("h1,h2\nok,1\n\"bad\"x,2\nfine,3\nal\"so,4\nlast,\"open\n", &d);
	/* the good records around the bad ones are kept */
	assert_string_equal(got, "1|h1|h2\n2|ok|1\n4|fine|3\n");
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].column, 1);
	assert_string_equal(d.v[0].msg, "text after the closing quote of a field");
	assert_int_equal(d.v[1].line, 5);
	assert_int_equal(d.v[1].column, 1);
	assert_string_equal(d.v[1].msg, "a quote inside an unquoted field (quote the whole field)");
	assert_int_equal(d.v[2].line, 6);
	assert_int_equal(d.v[2].column, 2);
	assert_string_equal(d.v[2].msg, "quoted field is never closed");
	free(got);
	diags_release(&d);
}

static int stop_at_two(void *ctx, unsigned line, char **f, size_t n)
{
	int *count = ctx;
	return ++*count == 2 ? 42 : 0;
}

static void test_callback_stops_reading(void **state)
{
	struct diags d = { 0 };
	int count = 0;
	assert_int_equal(csv_read("a\nb\nc\n", 6, "t.csv", &d, stop_at_two, &count), 42);
	assert_int_equal(count, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc4180),
		cmocka_unit_test(test_bad_records_are_located_and_skipped),
		cmocka_unit_test(test_callback_stops_reading),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
