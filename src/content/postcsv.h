/*
 * postcsv — posts to and from CSV (RFC 4180, see csv.h), the format of
 * `koers post import` and `koers post export` (documented in docs/calendar.md).
 *
 * The first record names the columns, in any order; unknown names are
 * errors. Columns: id (export only; ignored on import), scheduled (local time
 * of the workspace, ISO 8601 with or without offset), channels (plan channel
 * ids separated by spaces, commas or semicolons), title, text, text.CHANNEL
 * (that channel's own variant), link, pillar, persona, goal, campaign,
 * status (draft, submitted, approved or scheduled; default draft), author,
 * approver, media (one "location | alt text" per line of the field).
 *
 * postcsv_read() turns every data record into a post and checks it against
 * the plan in force (post_check_refs, and post_check_text strictly for
 * approved and scheduled posts); every problem goes to `d` as
 * file:row:column (row = record number with the header as row 1, column =
 * field number). Warnings do not stop an import and are not reported here.
 * Ownership: *out is the caller's (post_list_free). Failure: ERR_DATA when
 * `d` received a problem.
 */
#ifndef KOERS_POSTCSV_H
#define KOERS_POSTCSV_H

#include <stddef.h>

#include "base/err.h"
#include "base/strbuf.h"

struct plan;
struct post;
struct text_matcher;
struct tz;

int postcsv_read(const char *file, const char *s, size_t n, const struct plan *plan, const struct tz *zone,
		 const struct text_matcher *m, struct post **out, size_t *nposts, unsigned **rows,
		 struct diags *d);

/* The posts as CSV, times in zone's local time with their offset. */
void postcsv_write(struct strbuf *sb, const struct post *v, size_t n, const struct tz *zone);

#endif
