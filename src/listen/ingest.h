/*
 * ingest — streaming readers of mentions in the formats koers accepts
 * (docs/listening.md):
 *
 *   jsonl     koers' own JSON lines: one flat object per line
 *   mastodon  Mastodon Status entities (an array as the API returns it, one
 *             per line, or pages of them); HTML content becomes plain text
 *   bluesky   app.bsky.feed.defs#postView objects: searchPosts responses
 *             ({"posts":[...]}), feeds ({"feed":[{"post":...}]}), arrays or single
 *   x         X API v2 responses: {"data":[...] or {...}, "includes":{"users":[...], "tweets":[...]}}
 *   csv       CSV with a header row; columns mapped to fields by name
 *
 * A reader pulls one record at a time from a FILE, so memory stays bounded
 * whatever the input size: a JSON-lines record is at most INGEST_LINE_CAP
 * bytes, an API document (one page of results) at most INGEST_DOC_CAP.
 * Input that is not one record per line may hold several JSON documents one
 * after the other (pages appended to one file).
 *
 * ingest_next() returns INGEST_RECORD with *m filled, INGEST_END, or
 * INGEST_BAD with *p describing the bad record (line, record number, reason)
 * — the reader has skipped it and the next call goes on with the record
 * after it. A broken JSON document loses the records inside it only.
 *
 * Ownership: the strings of *m and *p belong to the reader and stay valid
 * until the next ingest_next() or ingest_free(). The FILE stays the caller's.
 * Nothing here exits or prints.
 */
#ifndef KOERS_INGEST_H
#define KOERS_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"

#define INGEST_LINE_CAP (1u << 20)
#define INGEST_DOC_CAP (16u << 20)

enum ingest_format { INGEST_JSONL, INGEST_MASTODON, INGEST_BLUESKY, INGEST_X, INGEST_CSV, INGEST__COUNT };

/* A mention as read: text and ids as UTF-8 strings; absent ones are NULL (text, id,
 * platform never are). Counts absent in the input are 0. */
struct mention {
	const char *platform, *id, *author, *lang, *url, *reply_to;
	const char *text;
	size_t text_len;
	int64_t created_at; /* UTC seconds */
	int64_t followers, likes, reposts, replies;
};

/* Why a record was rejected: a short key for counting, and the message. */
enum ingest_reason {
	INGEST_R_SYNTAX,   /* not valid JSON / CSV */
	INGEST_R_MISSING,  /* a required field is absent or empty */
	INGEST_R_TYPE,     /* a field has the wrong type */
	INGEST_R_TIME,     /* created_at is not an RFC 3339 time */
	INGEST_R_TOO_LONG, /* over the size cap */
	INGEST_R_ENCODING, /* text is not valid UTF-8 */
	INGEST_R__COUNT
};

struct ingest_problem {
	unsigned long line;   /* 1-based line where the record starts */
	unsigned long record; /* 1-based number of the record in the input */
	enum ingest_reason reason;
	char msg[512]; /* "line 12 (record 7): created_at: ..." translated */
};

/* Which CSV column feeds which field: "text=body,id=post_id" (names not mapped
 * keep the field's own name: id, platform, author, author_followers,
 * created_at, lang, text, url, reply_to, likes, reposts, replies). */
struct ingest_options {
	const char *csv_map;      /* NULL: identity */
	const char *platform;     /* default platform for records without one (csv, jsonl) */
	enum lang lang;           /* of messages */
};

enum { INGEST_END = 0, INGEST_RECORD = 1, INGEST_BAD = 2 };

struct ingest_reader;

/* "jsonl", "mastodon", ...: 0 and *f, or ERR_USAGE. */
int ingest_format_parse(const char *name, enum ingest_format *f);
const char *ingest_format_name(enum ingest_format f);
/* "syntax", "missing-field", ...: the key of a reason in summaries. */
const char *ingest_reason_name(enum ingest_reason r);

/* A reader of `in` (named `name` in messages). ERR_USAGE for a bad csv_map, with e set. */
int ingest_open(struct ingest_reader **out, enum ingest_format f, FILE *in, const char *name,
		const struct ingest_options *o, struct err *e);
void ingest_free(struct ingest_reader *r);

/* INGEST_RECORD, INGEST_END or INGEST_BAD (see above); ERR_IO on a read error (e set). */
int ingest_next(struct ingest_reader *r, struct mention *m, struct ingest_problem *p, struct err *e);

/* Parse one koers JSON-lines record (no newline) from memory: INGEST_RECORD or
 * INGEST_BAD. Used by the engine's worker threads; `hold` keeps the parsed
 * document alive until the next call with it (free with ingest_hold_free). */
struct ingest_hold;
struct ingest_hold *ingest_hold_new(void);
void ingest_hold_free(struct ingest_hold *h);
/* For tests: path > 0 only the fast flat-object scanner (a line it leaves
 * undecided is reported bad), < 0 only jansson, 0 both (the default). */
void ingest_hold_force(struct ingest_hold *h, int path);
int ingest_parse_jsonl(const char *line, size_t len, unsigned long lineno, unsigned long record,
		       const struct ingest_options *o,
		       struct ingest_hold *h, struct mention *m, struct ingest_problem *p);

/* Fill p with a located, translated message; returns INGEST_BAD. */
int ingest_bad(struct ingest_problem *p, enum lang lang, enum ingest_reason reason, unsigned long line,
	       unsigned long record, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* HTML (as in Mastodon's content) to plain text: tags dropped, <br> and the
 * end of a <p> become newlines, character references decoded. Appends to out. */
struct strbuf;
void ingest_html_to_text(const char *html, size_t len, struct strbuf *out);

#endif
