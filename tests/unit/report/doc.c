/* Unit tests of src/report/doc.c and numfmt.c: escaping in both formats, number formats. */
#include "test.h"

#include "report/doc.h"
#include "report/numfmt.h"

static void test_html_escapes_everything(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	struct doc d;
	doc_init(&d, DOC_HTML, &sb);
	doc_heading(&d, 2, "x\"y", "<script>alert('x')</script>");
	doc_text(&d, "a & b\n\nc < d");
	const char *headers[] = { "h&", "<i>" };
	doc_table_begin(&d, 2, headers, "lr");
	const char *row[] = { "\"quoted\"", "1 > 0\nnext" };
	doc_table_row(&d, row, NULL);
	doc_table_end(&d);
	assert_null(strstr(sb.buf, "<script>"));
	assert_non_null(strstr(sb.buf, "<h2 id=\"x&quot;y\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h2>"));
	assert_non_null(strstr(sb.buf, "<p>a &amp; b</p>\n<p>c &lt; d</p>"));
	assert_non_null(strstr(sb.buf, "<th>h&amp;</th><th class=\"r\">&lt;i&gt;</th>"));
	assert_non_null(strstr(sb.buf, "<td>&quot;quoted&quot;</td><td class=\"r\">1 &gt; 0<br>next</td>"));
	strbuf_release(&sb);
}

static void test_markdown_escapes_markup(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	struct doc d;
	doc_init(&d, DOC_MD, &sb);
	doc_field(&d, "Name:", "*bold* _x_ [link](y)");
	doc_heading(&d, 3, NULL, "#1 | pipes");
	const char *headers[] = { "a|b", "c" };
	doc_table_begin(&d, 2, headers, "lr");
	const char *row[] = { "x|y", "two\nlines" };
	doc_table_row(&d, row, NULL);
	doc_table_end(&d);
	assert_string_equal(sb.buf, "**Name:** \\*bold\\* \\_x\\_ \\[link\\](y)  \n"
				    "\n### \\#1 \\| pipes\n\n"
				    "| a\\|b | c |\n| --- | ---: |\n| x\\|y | two<br>lines |\n\n");
	strbuf_release(&sb);
}

static void test_numbers(void **state)
{
	const struct { enum lang lang; double x; int dec, trim; const char *want; } cases[] = {
		{ LANG_EN, 1250.5, 2, 1, "1,250.5" }, { LANG_NL, 1250.5, 2, 1, "1.250,5" },
		{ LANG_NL, 1234567, 0, 0, "1.234.567" }, { LANG_EN, 999, 0, 0, "999" },
		{ LANG_EN, -1234.25, 2, 0, "-1,234.25" }, { LANG_NL, 0.5, 1, 1, "0,5" },
		{ LANG_EN, 3, 2, 1, "3" }, { LANG_EN, -0.001, 1, 1, "0" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = fmt_number(cases[i].lang, cases[i].x, cases[i].dec, cases[i].trim);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
	char *m = fmt_money(LANG_NL, "EUR", 1500);
	assert_string_equal(m, "€ 1.500");
	free(m);
	m = fmt_money(LANG_EN, "GBP", 12.5);
	assert_string_equal(m, "£12.50");
	free(m);
	m = fmt_money(LANG_EN, "CHF", 10);
	assert_string_equal(m, "CHF 10");
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_escapes_everything),
		cmocka_unit_test(test_markdown_escapes_markup),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
