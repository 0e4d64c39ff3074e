/*
 * Fuzz target for the text measurer: entity extraction (all extractors),
 * twitter-text weighted length (v2 and v3), Bluesky facets and every
 * platform's check, on arbitrary bytes. Checks the invariants that hold for
 * any input: offsets inside the text and in order, UTF-16 and byte offsets
 * agreeing, facets not overlapping.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/platform.h"
#include "content/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct text_matcher *m; /* compiled once per fuzzing process */
	if (!m)
		m = text_matcher_new();
	const char *s = (const char *)data;
	struct err e = { 0 };
	if (text_utf8_check(s, size) < size) {
		struct text_entities es = { 0 };
		if (text_extract(m, s, size, TEXT_ALL, &es, &e) != ERR_DATA)
			abort();
		return 0;
	}
	static const unsigned which[] = { TEXT_ALL, TEXT_URLS, TEXT_HASHTAGS, TEXT_MENTIONS, TEXT_CASHTAGS };
	for (size_t w = 0; w < sizeof(which) / sizeof(which[0]); w++) {
		struct text_entities es = { 0 };
		if (text_extract(m, s, size, which[w], &es, &e) < 0)
			abort();
		for (size_t i = 0; i < es.n; i++) {
			const struct text_entity *t = &es.v[i];
			if (t->start >= t->end || t->end > size || t->start16 >= t->end16 ||
			    t->start16 != text_utf16_len(s, t->start) || t->end16 != text_utf16_len(s, t->end))
				abort();
			if (which[w] == TEXT_ALL && i > 0 && es.v[i - 1].end > t->start)
				abort();
		}
		text_entities_release(&es);
	}
	const struct text_tt_config *cfgs[] = { &text_tt_v2, &text_tt_v3 };
	for (int c = 0; c < 2; c++) {
		struct text_tt_result r;
		if (text_tt_parse(m, s, size, cfgs[c], &r, &e) < 0)
			abort();
		if (r.valid && (r.weighted_length > 280 || size == 0))
			abort();
	}
	for (const struct platform *p = platforms; p->name; p++) {
		struct platform_report r;
		if (platform_check(m, p, 0, NULL, s, size, LANG_EN, &r, &e) < 0)
			abort();
		for (size_t i = 0; i < r.facets.n; i++)
			if (r.facets.v[i].byte_end > size || (i > 0 && r.facets.v[i - 1].byte_end > r.facets.v[i].byte_start))
				abort();
		for (size_t i = 0; i < r.nproblems; i++)
			if (r.problems[i].offset > size)
				abort();
		platform_report_release(&r);
	}
	return 0;
}
