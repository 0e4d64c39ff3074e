/*
 * Unit tests of src/base/csv.c against RFC 4180 §2: the records and
 * fields of each input are written out by hand, and so are the row:column
 * positions of each problem.
 */
#include "test.h"

#include "base/strbuf.h"
#include "base/csv.h"

struct csv_case {
	const char *in;
	size_t nrec;
	const char *fields; /* records joined by '|', fields by '^' */
	const char *problems; /* "row:col" joined by ' ' */
};

static const struct csv_case cases[] = {
	{ "a,b\r\nc,d\r\n", 2, "a^b|c^d", "" },
	{ "a,b\nc,d", 2, "a^b|c^d", "" },                          /* LF only, no final break */
	{ "\"x, y\",\"say \"\"hi\"\"\"\n", 1, "x, y^say \"hi\"", "" }, /* §2.6, §2.7 */
	{ "\"two\nlines\",z\n", 1, "two\nlines^z", "" },             /* line break inside quotes */
	{ "a,,c\n,\n", 2, "a^^c|^", "" },                            /* empty fields */
	{ "a,b,\n", 1, "a^b^", "" },                                 /* trailing comma */
	{ "\xEF\xBB\xBFid\n1\n", 2, "id|1", "" },                    /* BOM skipped */
	{ "ok\nba\"d\nfine\n", 2, "ok|fine", "2:1" },                 /* quote in unquoted field */
	{ "x,\"a\"b\ny\n", 1, "y", "1:2" },                          /* text after closing quote */
	{ "x\n\"never ends\n", 1, "x", "2:1" },                       /* unterminated */
	{ "a\r\n\r\nb\r\n", 3, "a||b", "" },                          /* blank record kept */
};

static void test_cases(void **state)
{
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct csv_case *t = &cases[c];
		struct csv_record *r;
		size_t n;
		struct diags d = { 0 };
		int rc = csv_parse("t.csv", t->in, strlen(t->in), &r, &n, &d);
		struct strbuf got, probs;
		strbuf_init(&got, STRBUF_NOCAP);
		strbuf_init(&probs, STRBUF_NOCAP);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < r[i].n; j++)
				strbuf_addf(&got, "%s%s", j ? "^" : i ? "|" : "", r[i].fields[j]);
		for (size_t i = 0; i < d.n; i++)
			strbuf_addf(&probs, "%s%u:%u", i ? " " : "", d.v[i].line, d.v[i].column);
		if (n != t->nrec || strcmp(got.buf, t->fields) || strcmp(probs.buf, t->problems))
			fail_msg("case %zu: %zu records '%s' problems '%s'", c, n, got.buf, probs.buf);
		assert_int_equal(rc, t->problems[0] ? ERR_DATA : 0);
		strbuf_release(&got);
		strbuf_release(&probs);
		diags_release(&d);
		csv_records_free(r, n);
	}
}

static void test_rows_after_multiline(void **state)
{
	/* the record number, not the line, names a row */
	const char *in = "h\n\"a\nb\nc\"\n\"x\"y\n";
	struct csv_record *r;
	size_t n;
	struct diags d = { 0 };
	csv_parse("t.csv", in, strlen(in), &r, &n, &d);
	assert_int_equal(n, 2);
	assert_int_equal(r[1].row, 2);
	assert_int_equal(r[1].line, 2);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 3);
	diags_release(&d);
	csv_records_free(r, n);
}

static void test_write_roundtrip(void **state)
{
	const char *fields[] = { "plain", "with, comma", "with \"quote\"", "two\r\nlines", "" };
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	for (size_t i = 0; i < 5; i++) {
		if (i)
			strbuf_addch(&sb, ',');
		csv_add_field(&sb, fields[i]);
	}
	assert_string_equal(sb.buf, "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\r\nlines\",");
	struct csv_record *r;
	size_t n;
	struct diags d = { 0 };
	assert_int_equal(csv_parse("t", sb.buf, sb.len, &r, &n, &d), 0);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].n, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(r[0].fields[i], fields[i]);
	csv_records_free(r, n);
	strbuf_release(&sb);
}

/* Records as "line|f1|f2|...\n" for comparison. */
static int collect(void *ctx, const struct csv_record *r)
{
	struct strbuf *sb = ctx;
	strbuf_addf(sb, "%u", r->line);
	for (size_t i = 0; i < r->n; i++)
		strbuf_addf(sb, "|%s", r->fields[i]);
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

static void test_streaming_records(void **state)
{
	static const struct {
		const char *in, *want;
	} streams[] = {
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
	for (size_t i = 0; i < sizeof(streams) / sizeof(streams[0]); i++) {
		struct diags d = { 0 };
		char *got = read_all(streams[i].in, &d);
		assert_string_equal(got, streams[i].want);
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
	assert_string_equal(d.v[1].msg, "a quote inside a field that is not quoted (quote the whole field and double the quote)");
	assert_int_equal(d.v[2].line, 6);
	assert_int_equal(d.v[2].column, 2);
	assert_string_equal(d.v[2].msg, "quoted field is never closed");
	free(got);
	diags_release(&d);
}

static int stop_at_two(void *ctx, const struct csv_record *r)
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
		cmocka_unit_test(test_streaming_records),
		cmocka_unit_test(test_bad_records_are_located_and_skipped),
		cmocka_unit_test(test_callback_stops_reading),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_rows_after_multiline),
		cmocka_unit_test(test_write_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
