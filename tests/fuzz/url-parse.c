/*
 * Fuzz target for src/content/url.c and the link handling of utm.c.
 *
 * Input: "BASE\0INPUT" or just "INPUT". Besides not crashing, it checks the
 * standard's promise that serialising is stable: the href of a parsed URL
 * parses again, to the same href (against no base).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/url.h"
#include "content/utm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	struct url base, u, again;
	struct err e = { 0 };
	const struct url *bp = NULL;
	const char *in = s;
	size_t n = size;
	if (nul) {
		if (url_parse(&base, s, (size_t)(nul - s), NULL, &e) == 0)
			bp = &base;
		in = nul + 1;
		n = size - (size_t)(nul - s) - 1;
	}
	if (url_parse(&u, in, n, bp, &e) == 0) {
		char *href = url_href(&u);
		/* Encoding can triple the length past the input cap: then no promise. */
		size_t hlen = strlen(href);
		if (hlen <= URL_MAX_INPUT) {
			if (url_parse(&again, href, hlen, NULL, &e) != 0)
				abort();
			char *href2 = url_href(&again);
			if (strcmp(href, href2))
				abort();
			free(href2);
			url_release(&again);
		}
		for (int p = 0; p < URL_PART__COUNT; p++)
			free(url_get(&u, (enum url_part)p));
		free(href);
		url_release(&u);
	}
	if (bp)
		url_release(&base);

	struct utm_domains own = { 0 };
	utm_domains_add(&own, "example.nl", &e);
	const struct utm_tags t = { .source = "x", .campaign = "c d", .content = "1" };
	size_t tagged;
	free(utm_tag_text(s, size, &own, &t, &tagged));
	utm_domains_release(&own);
	return 0;
}
