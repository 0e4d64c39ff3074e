/*
 * Fuzz target for grapheme segmentation on arbitrary bytes: grapheme_next
 * moves forward and ends inside the text, every boundary falls between two
 * decoded code points, grapheme_count and the streaming grapheme_break agree
 * with the boundaries grapheme_next finds.
 */
#include <stdint.h>
#include <stdlib.h>

#include "content/grapheme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct grapheme_state st = { 0, 0 };
	size_t pos = 0, clusters = 0, i = 0;
	while (i < size) {
		int32_t cp;
		size_t len = grapheme_decode(s + i, size - i, &cp);
		if (len == 0 || len > size - i || cp > 0x10FFFF)
			abort();
		bool brk = grapheme_break(&st, grapheme_props(cp));
		if (i == 0 && brk)
			abort();
		if (brk || i == 0) {
			/* a boundary: the cluster before it ended here */
			if (i > 0 && grapheme_next(s, size, pos) != i)
				abort();
			pos = i;
			clusters++;
		}
		i += len;
	}
	if (size && grapheme_next(s, size, pos) != size)
		abort();
	if (grapheme_count(s, size) != clusters)
		abort();
	return 0;
}
