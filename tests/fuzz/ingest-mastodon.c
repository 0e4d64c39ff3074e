/* Fuzz target of the mastodon reader (src/listen/ingest-api.c); see ingest-common.h. */
#include "ingest-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_ingest(INGEST_MASTODON, data, size, NULL);
}
