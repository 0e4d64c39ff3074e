/* Fuzz target of the CSV reader (src/listen/ingest.c); see ingest-common.h.
 * The first line of the input, when it starts with "map:", is the column mapping. */
#include "base/xalloc.h"
#include "ingest-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *map = NULL;
	if (size > 4 && !memcmp(data, "map:", 4)) {
		const uint8_t *nl = memchr(data, '\n', size);
		if (!nl)
			return 0;
		map = xstrndup((const char *)data + 4, (size_t)(nl - data - 4));
		size -= (size_t)(nl + 1 - data);
		data = nl + 1;
		FILE *probe = fmemopen((void *)"", 1, "r");
		struct ingest_reader *r;
		struct ingest_options o = { .csv_map = map, .lang = LANG_EN };
		struct err e = { 0 };
		int ok = ingest_open(&r, INGEST_CSV, probe, "fuzz", &o, &e) == 0;
		if (ok)
			ingest_free(r);
		fclose(probe);
		if (!ok) { /* a bad mapping is refused at open, with a message */
			if (!e.msg[0])
				abort();
			free(map);
			return 0;
		}
	}
	fuzz_ingest(INGEST_CSV, data, size, map);
	free(map);
	return 0;
}
