/*
 * Unit tests of src/content/ics.c: TEXT escaping, folding at 75 octets
 * without splitting UTF-8, durations, refused events. Expected text is
 * written out by hand from RFC 5545 §3.1, §3.3.6 and §3.3.11.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/tz.h"
#include "content/ics.h"

static char *escaped(const char *s)
{
	static char buf[512];
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	assert_int_equal(ics_escape_text(&sb, s), 0);
	assert_true(sb.len < sizeof(buf));
	memcpy(buf, sb.buf, sb.len + 1);
	strbuf_release(&sb);
	return buf;
}

static void test_escape_text(void **state)
{
	assert_string_equal(escaped("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
	assert_string_equal(escaped("crlf\r\nand cr\rend"), "crlf\\nand cr\\nend");
	assert_string_equal(escaped("tab\tbell\adel\x7f"), "tab\tbelldel");
	assert_string_equal(escaped("Één 🚲: café"), "Één 🚲: café");
	/* invalid UTF-8: a lone continuation byte and a truncated sequence */
	assert_string_equal(escaped("a\x80z"), "a\xEF\xBF\xBDz");
	assert_string_equal(escaped("b\xE2\x82"), "b\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_string_equal(escaped(""), "");
}

/* Unfold (remove CRLF + space) and check every physical line. */
static void check_folded(const struct strbuf *sb, const char *logical)
{
	size_t start = 0, lines = 0;
	char unfolded[4096];
	size_t un = 0;
	for (size_t i = 0; i + 1 < sb->len; i++) {
		if (sb->buf[i] == '\r' && sb->buf[i + 1] == '\n') {
			size_t len = i - start;
			assert_true(len <= 75);
			if (lines > 0) {
				assert_int_equal(sb->buf[start], ' ');
				start++;
				len--;
			}
			/* no physical line starts inside a UTF-8 sequence */
			if (len)
				assert_int_not_equal((unsigned char)sb->buf[start] & 0xC0, 0x80);
			memcpy(unfolded + un, sb->buf + start, len);
			un += len;
			start = i + 2;
			lines++;
		}
	}
	assert_int_equal(start, sb->len); /* ends with CRLF */
	unfolded[un] = '\0';
	assert_string_equal(unfolded, logical);
}

static void test_fold(void **state)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	char line[1024];
	/* exactly 75 octets: not folded */
	memset(line, 'a', 75);
	line[75] = '\0';
	ics_add_line(&sb, line, 75);
	assert_int_equal(sb.len, 77);
	check_folded(&sb, line);
	strbuf_reset(&sb);
	/* 76 octets: 75 + CRLF + space + 1 */
	memset(line, 'b', 76);
	line[76] = '\0';
	ics_add_line(&sb, line, 76);
	assert_string_equal(sb.buf + 75, "\r\n b\r\n");
	check_folded(&sb, line);
	/* a four-byte character across every possible boundary position */
	for (size_t pad = 0; pad < 80; pad++) {
		strbuf_reset(&sb);
		size_t n = 0;
		memset(line, 'x', pad);
		n = pad;
		for (int k = 0; k < 40; k++) {
			memcpy(line + n, "\xF0\x9F\x9A\xB2\xC3\xA9", 6); /* 🚲é */
			n += 6;
		}
		line[n] = '\0';
		ics_add_line(&sb, line, n);
		check_folded(&sb, line);
	}
	strbuf_release(&sb);
}

static const char *find_line(const char *ics, const char *prefix)
{
	static char buf[256];
	for (const char *p = ics; p && *p;) {
		const char *end = strstr(p, "\r\n");
		if (!end)
			break;
		if (!strncmp(p, prefix, strlen(prefix))) {
			size_t n = (size_t)(end - p) < sizeof(buf) - 1 ? (size_t)(end - p) : sizeof(buf) - 1;
			memcpy(buf, p, n);
			buf[n] = '\0';
			return buf;
		}
		p = end + 2;
	}
	return NULL;
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	return iso_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60;
}

static void test_event_lines(void **state)
{
	struct tz *ams;
	struct err e = { 0 };
	assert_int_equal(tz_load("Europe/Amsterdam", NULL, &ams, &e), 0);
	const char *cats[] = { "a,b", "c;d" };
	struct ics_event ev[] = {
		{ .uid = "p1@x", .start = utc(2026, 3, 29, 7, 0), .duration = 90 * 60,
		  .summary = "s", .categories = cats, .ncategories = 2,
		  .status = ICS_CONFIRMED, .url = "https://example.nl/?a=1&b=2" },
		{ .uid = "p2@x", .start = utc(2026, 1, 1, 12, 0), .duration = 2 * 86400 },
		{ .uid = "p3@x", .start = utc(2026, 1, 1, 12, 0), .duration = 86400 + 61 },
		{ .uid = "p4@x", .start = utc(2026, 1, 1, 12, 0), .duration = 0 },
	};
	struct ics_calendar cal = { .prodid = "-//t//t//EN", .zone = ams,
				    .dtstamp = utc(2026, 11, 23, 17, 0) };
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	assert_int_equal(ics_write(&sb, &cal, ev, 4, &e), 0);
	assert_string_equal(find_line(sb.buf, "BEGIN:"), "BEGIN:VCALENDAR");
	assert_string_equal(find_line(sb.buf, "VERSION"), "VERSION:2.0");
	assert_string_equal(find_line(sb.buf, "DTSTART;"),
			    "DTSTART;TZID=Europe/Amsterdam:20260329T090000");
	assert_string_equal(find_line(sb.buf, "DTSTAMP"), "DTSTAMP:20261123T170000Z");
	assert_string_equal(find_line(sb.buf, "DURATION"), "DURATION:PT1H30M");
	assert_string_equal(find_line(sb.buf, "CATEGORIES"), "CATEGORIES:a\\,b,c\\;d");
	assert_string_equal(find_line(sb.buf, "STATUS"), "STATUS:CONFIRMED");
	assert_string_equal(find_line(sb.buf, "URL"), "URL:https://example.nl/?a=1&b=2");
	assert_non_null(strstr(sb.buf, "DURATION:P2D\r\n"));
	assert_non_null(strstr(sb.buf, "DURATION:P1DT1M1S\r\n"));
	assert_non_null(strstr(sb.buf, "DURATION:PT0S\r\n"));
	assert_non_null(strstr(sb.buf, "END:VCALENDAR\r\n"));
	assert_int_equal(sb.buf[sb.len - 1], '\n');

	/* refused events */
	struct ics_event bad[] = {
		{ .uid = "", .start = 0 },
		{ .uid = "u", .start = 10, .end = 5, .has_end = 1 },
		{ .uid = "u", .start = 10, .duration = -1 },
		{ .uid = "u", .start = 10, .url = "https://x/ y" },
		{ .uid = "u", .start = 10, .url = "https://x/\r\nX-EVIL:1" },
	};
	const char *why[] = { "no UID", "ends before", "negative duration", "URL", "URL" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strbuf_reset(&sb);
		assert_int_equal(ics_write(&sb, &cal, &bad[i], 1, &e), ERR_DATA);
		assert_non_null(strstr(e.msg, why[i]));
	}
	/* the cap is honoured */
	struct strbuf small;
	strbuf_init(&small, 100);
	assert_int_equal(ics_write(&small, &cal, ev, 4, &e), ERR_DATA);
	assert_true(small.len <= 100);
	strbuf_release(&small);

	/* without a zone every time is UTC and there is no VTIMEZONE */
	cal.zone = NULL;
	strbuf_reset(&sb);
	assert_int_equal(ics_write(&sb, &cal, ev, 1, &e), 0);
	assert_null(strstr(sb.buf, "VTIMEZONE"));
	assert_string_equal(find_line(sb.buf, "DTSTART"), "DTSTART:20260329T070000Z");
	strbuf_release(&sb);
	tz_free(ams);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_text),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_event_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
