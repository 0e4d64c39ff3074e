/* Fuzz target of koers' JSON lines (src/listen/ingest.c); see ingest-common.h.
 * Each line is also parsed by jansson alone: the fast path must agree with it. */
#include "ingest-common.h"

static void agree(const char *line, size_t len, struct ingest_hold *both, struct ingest_hold *slow)
{
	struct ingest_options o = { .platform = "web", .lang = LANG_EN };
	struct mention a, b;
	struct ingest_problem pa, pb;
	int ra = ingest_parse_jsonl(line, len, 1, 1, &o, both, &a, &pa);
	int rb = ingest_parse_jsonl(line, len, 1, 1, &o, slow, &b, &pb);
	if (ra != rb)
		abort();
	if (ra == INGEST_BAD) {
		if (pa.reason != pb.reason || strcmp(pa.msg, pb.msg))
			abort();
		return;
	}
	if (strcmp(a.id, b.id) || strcmp(a.platform, b.platform) || a.text_len != b.text_len ||
	    memcmp(a.text, b.text, a.text_len) || a.created_at != b.created_at || a.followers != b.followers ||
	    a.likes != b.likes || a.reposts != b.reposts || a.replies != b.replies || (!a.lang != !b.lang) ||
	    (!a.author != !b.author) || (a.author && strcmp(a.author, b.author)) || (!a.reply_to != !b.reply_to))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ingest_hold *both = ingest_hold_new(), *slow = ingest_hold_new();
	ingest_hold_force(slow, -1);
	for (const uint8_t *p = data, *end = data + size; p < end;) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		agree((const char *)p, len, both, slow);
		p += len + 1;
	}
	ingest_hold_free(both);
	ingest_hold_free(slow);
	return fuzz_ingest(INGEST_JSONL, data, size, NULL);
}
