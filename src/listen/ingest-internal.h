/*
 * ingest-internal — what ingest.c (framework, koers JSON lines, CSV) and
 * ingest-api.c (Mastodon, Bluesky, X documents) share. Not for other modules.
 */
#ifndef KOERS_INGEST_INTERNAL_H
#define KOERS_INGEST_INTERNAL_H

#include <jansson.h>

#include "base/strbuf.h"
#include "listen/ingest.h"

/* Scratch the API converters write derived strings into; reset per record. */
struct ingest_scratch {
	struct strbuf text, url, author;
	struct strbuf repost; /* X: a repost's "RT @name: " and the original's whole text */
};

/* The array of entities inside one API document of format f (a reference
 * borrowed from *doc; NULL when the document has none). A single entity
 * replaces *doc by a one-element array holding it. */
json_t *ingest_api_items(enum ingest_format f, json_t **doc);

/* Convert one entity; INGEST_RECORD or INGEST_BAD. `includes` is X's expansions (users, tweets). */
int ingest_api_convert(enum ingest_format f, json_t *item, json_t *includes, const struct ingest_options *o,
		       struct ingest_scratch *s, unsigned long line, unsigned long record, struct mention *m,
		       struct ingest_problem *p);

/* A string member or NULL when absent, null or not a string. */
const char *ingest_jstr(json_t *o, const char *key);
/* created_at text to seconds; INGEST_RECORD or INGEST_BAD. */
int ingest_time(const char *s, const char *field, enum lang lang, unsigned long line, unsigned long record,
		int64_t *out, struct ingest_problem *p);

#endif
