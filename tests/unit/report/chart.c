/* Unit tests of src/report/chart.c: escaping, gaps, values written as text. */
#include "test.h"

#include <math.h>

#include "base/strbuf.h"
#include "report/chart.h"

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_bar_escapes_and_labels(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	const char *labels[] = { "<b>&co", "plain" };
	const double v[] = { 12.5, NAN };
	chart_bar(&sb, LANG_EN, "A \"title\"", "percent", labels, v, 2);
	assert_non_null(strstr(sb.buf, "&lt;b&gt;&amp;co"));
	assert_null(strstr(sb.buf, "<b>"));
	assert_non_null(strstr(sb.buf, "<title>A &quot;title&quot;</title>"));
	assert_non_null(strstr(sb.buf, ">12.5</text>")); /* the value is written beside its bar */
	assert_non_null(strstr(sb.buf, ">no data</text>"));
	assert_int_equal(count(sb.buf, "<svg"), 1);
	assert_int_equal(count(sb.buf, "</svg>"), 1);
	strbuf_release(&sb);
}

static void test_line_gaps_and_empty(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	const char *x[] = { "Jan", "Feb", "Mar" };
	const double a[] = { 1, NAN, 3 }, b[] = { NAN, NAN, NAN };
	struct chart_series s[] = { { "a", a } };
	chart_line(&sb, LANG_EN, "t", "count", x, 3, s, 1);
	/* a gap starts a new sub-path: two moves, no line across the missing month */
	assert_int_equal(count(sb.buf, "d=\"M"), 1);
	assert_int_equal(count(sb.buf, " M"), 1);
	assert_null(strstr(sb.buf, "L"));
	strbuf_reset(&sb);
	struct chart_series e[] = { { "b", b } };
	chart_line(&sb, LANG_NL, "t", "aantal", x, 3, e, 1);
	assert_non_null(strstr(sb.buf, ">geen gegevens</text>"));
	strbuf_release(&sb);
}

static void test_heatmap_cells(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	const char *rows[] = { "Mon", "Tue" }, *cols[] = { "08", "19" };
	const double v[] = { 1, NAN, 2, 5 };
	chart_heatmap(&sb, LANG_EN, "h", "note", rows, 2, cols, 2, v);
	/* background + 4 cells */
	assert_int_equal(count(sb.buf, "<rect"), 5);
	/* the darkest cell has white text, the empty one none */
	assert_non_null(strstr(sb.buf, "fill=\"#ffffff\">5.0</text>"));
	assert_int_equal(count(sb.buf, "</text>"), 1 + 2 + 2 + 3 + 1);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bar_escapes_and_labels),
		cmocka_unit_test(test_line_gaps_and_empty),
		cmocka_unit_test(test_heatmap_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
