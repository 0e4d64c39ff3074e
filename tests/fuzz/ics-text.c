/*
 * Fuzz target for the iCalendar writer of src/content/ics.c: any bytes as
 * summary, description, category and UID must give a calendar whose every
 * physical line ends in CRLF, has no other CR or LF, is at most 75 octets
 * and does not begin inside a UTF-8 sequence.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "content/ics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	/* the text up to the first NUL, and what follows it, as two fields */
	size_t n1 = strlen(s);
	const char *second = n1 < size ? s + n1 + 1 : "";
	const char *cats[] = { s, second };
	struct ics_event ev = {
		.uid = n1 ? s : "uid", .start = 1774767600, .duration = 3600,
		.summary = s, .description = second, .categories = cats, .ncategories = 2,
	};
	struct ics_calendar cal = { .prodid = second, .dtstamp = 0 };
	struct strbuf out;
	strbuf_init(&out, STRBUF_NOCAP);
	if (ics_write(&out, &cal, &ev, 1, NULL) != 0)
		abort();
	size_t start = 0;
	for (size_t i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.buf[i];
		if (c == '\r') {
			if (i + 1 >= out.len || out.buf[i + 1] != '\n' || i - start > 75)
				abort();
			if (i > start && ((unsigned char)out.buf[start] & 0xC0) == 0x80)
				abort();
			start = i + 2;
			i++;
		} else if (c == '\n') {
			abort();
		}
	}
	if (start != out.len)
		abort();
	strbuf_release(&out);
	free(s);
	return 0;
}
