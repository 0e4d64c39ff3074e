/* Fuzz target: tokenizer, language, sentiment and intent of any text (src/listen/classify.c). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "listen/classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* built once: the classifier is read-only after construction */
	static struct classifier *c;
	static struct words ws;
	if (!c) {
		struct err e = { 0 };
		if (classifier_new(&c, 1, &e) < 0)
			abort();
	}
	struct classify_result r;
	classify_text(c, &ws, (const char *)data, size, LANGID__COUNT, &r);
	if (!(r.score >= -1.0f && r.score <= 1.0f) || r.sentiment >= SENT__COUNT || r.intent >= INTENT__COUNT ||
	    r.lang >= LANGID__COUNT)
		__builtin_trap();
	return 0;
}
