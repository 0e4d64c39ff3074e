/* Unit tests of src/base/strbuf.c: growth, the cap, detach. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"

static void test_append_and_format(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	assert_string_equal(sb.buf, "");
	assert_int_equal(strbuf_addstr(&sb, "koers"), 0);
	assert_int_equal(strbuf_addch(&sb, ' '), 0);
	assert_int_equal(strbuf_addf(&sb, "%d%%", 42), 0);
	assert_string_equal(sb.buf, "koers 42%");
	assert_int_equal(sb.len, 9);
	strbuf_release(&sb);
}

static void test_grows_past_initial_allocation(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	for (int i = 0; i < 1000; i++)
		strbuf_addstr(&sb, "0123456789");
	assert_int_equal(sb.len, 10000);
	assert_int_equal(sb.buf[9999], '9');
	assert_int_equal(sb.buf[10000], '\0');
	strbuf_release(&sb);
}

static void test_cap_refuses_and_keeps_contents(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, 8);
	assert_int_equal(strbuf_addstr(&sb, "12345678"), 0);
	assert_int_equal(strbuf_addch(&sb, '9'), -1);
	assert_int_equal(strbuf_addf(&sb, "%s", "x"), -1);
	assert_string_equal(sb.buf, "12345678");
	strbuf_reset(&sb);
	assert_int_equal(strbuf_addstr(&sb, "abc"), 0);
	assert_string_equal(sb.buf, "abc");
	strbuf_release(&sb);
}

static void test_detach_hands_over(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	size_t n;
	char *empty = strbuf_detach(&sb, &n);
	assert_string_equal(empty, "");
	assert_int_equal(n, 0);
	free(empty);
	strbuf_addstr(&sb, "plan");
	char *s = strbuf_detach(&sb, &n);
	assert_string_equal(s, "plan");
	assert_int_equal(n, 4);
	assert_string_equal(sb.buf, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_format),
		cmocka_unit_test(test_grows_past_initial_allocation),
		cmocka_unit_test(test_cap_refuses_and_keeps_contents),
		cmocka_unit_test(test_detach_hands_over),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
