/*
 * Fuzz target of the query parser (src/listen/query.c). The input is a query
 * expression, optionally followed by a newline and a text. Any expression
 * must give a tree or a located error; a valid one is compiled into a set and
 * both evaluators must agree on the text (the input itself when none is
 * given).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "listen/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 2 * QUERY_MAX_LEN)
		return 0;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t qlen = nl ? (size_t)(nl - data) : size;
	char *expr = xstrndup((const char *)data, qlen);
	const char *text = nl ? (const char *)nl + 1 : (const char *)data;
	size_t tlen = nl ? size - qlen - 1 : size;

	struct err e = { 0 };
	struct query *q;
	if (query_parse(expr, &q, &e) < 0) {
		if (strncmp(e.msg, "column ", 7) && strncmp(e.msg, "query longer", 12))
			abort(); /* every parse error is located */
		free(expr);
		return 0;
	}
	struct query_mention m = { text, tlen, "nl", "x", "@jan" };
	struct norm_buf nb = NORM_BUF_INIT;
	bool want = query_eval_ref(q, &m, &nb);
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	query_format(q, &sb);
	strbuf_release(&sb);
	query_free(q);

	struct query_set *set = query_set_new();
	if (query_set_add(set, "f", expr, &e) != 0 || query_set_compile(set, &e) < 0)
		abort();
	struct query_scratch *s = query_scratch_new(set, &e);
	if (!s)
		abort();
	const unsigned *ids;
	int n = query_set_match(set, s, &m, &ids);
	if (n != (want ? 1 : 0))
		abort();
	query_scratch_free(s);
	query_set_free(set);
	norm_buf_release(&nb);
	free(expr);
	return 0;
}
