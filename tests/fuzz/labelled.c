/* Fuzz target: the labelled TSV reader of `koers listen train` (src/listen/labelled.c). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "listen/labelled.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct bounds {
	const char *start, *end;
	size_t good;
};

static void check(void *ctx, int label, const char *text, size_t len, unsigned line)
{
	struct bounds *b = ctx;
	if (label < 0 || label > 2 || !len || text < b->start || text + len > b->end || !line)
		__builtin_trap();
	b->good++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bounds b = { (const char *)data, (const char *)data + size, 0 };
	struct diags d = { .max = 50 };
	size_t good = labelled_parse((const char *)data, size, "fuzz", check, &b, &d);
	if (good != b.good)
		__builtin_trap();
	for (size_t i = 0; i < d.n; i++)
		if (!d.v[i].line || !d.v[i].msg[0])
			__builtin_trap();
	diags_release(&d);
	return 0;
}
