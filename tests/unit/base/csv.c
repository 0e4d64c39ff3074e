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

/* Every record and problem of a reader as text: "row:line|f1|f2" or "row:line!column why". */
static char *pull_all(struct csv_reader *r)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	struct csv_record rec;
	struct csv_problem bad;
	int k;
	while ((k = csv_next(r, &rec, &bad)) != CSV_END) {
		if (k == CSV_BAD) {
			strbuf_addf(&sb, "%u:%u!%u %s%s\n", bad.row, bad.line, bad.column, bad.why, bad.too_long ? " (long)" : "");
			continue;
		}
		strbuf_addf(&sb, "%u:%u", rec.row, rec.line);
		for (size_t i = 0; i < rec.n; i++)
			strbuf_addf(&sb, "|%.20s", rec.fields[i]);
		strbuf_addch(&sb, '\n');
	}
	csv_reader_free(r);
	return strbuf_detach(&sb, NULL);
}

/* A stream reads what a buffer reads, also across its 64 KiB window and past a record over the cap. */
static void test_stream_equals_buffer(void **state)
{
	struct strbuf in;
	strbuf_init(&in, STRBUF_NOCAP);
	strbuf_addstr(&in, "\xEF\xBB\xBFid,text\r\n1,\"a \"\"b\"\"\r\nc\"\r\n");
	strbuf_addstr(&in, "2,\"");
	for (int i = 0; i < 70000; i++) /* a quoted field over the window's edge */
		strbuf_addch(&in, i % 997 ? 'x' : '\n');
	strbuf_addstr(&in, "\"\n3,");
	for (int i = 0; i < (int)CSV_MAX_RECORD + 10; i++) /* over the cap: skipped, reading goes on */
		strbuf_addch(&in, 'y');
	strbuf_addstr(&in, "\n4,\"\"\"\"\n5,end");
	char *from_buffer = pull_all(csv_reader_buffer(in.buf, in.len, "t.csv"));
	FILE *f = fmemopen(in.buf, in.len, "r");
	assert_non_null(f);
	char *from_stream = pull_all(csv_reader_stream(f, "t.csv"));
	fclose(f);
	assert_string_equal(from_stream, from_buffer);
	/* record 3 starts with a line break and holds 71 of them */
	assert_string_equal(from_buffer, "1:1|id|text\n2:2|1|a \"b\"\r\nc\n3:4|2|\nxxxxxxxxxxxxxxxxxxx\n"
					 "4:76!2 record is longer than 1 MiB (long)\n5:77|4|\"\n6:78|5|end\n");
	free(from_buffer);
	free(from_stream);
	strbuf_release(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_streaming_records),
		cmocka_unit_test(test_bad_records_are_located_and_skipped),
		cmocka_unit_test(test_stream_equals_buffer),
		cmocka_unit_test(test_callback_stops_reading),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_rows_after_multiline),
		cmocka_unit_test(test_write_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
