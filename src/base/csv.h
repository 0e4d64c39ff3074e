/*
 * csv — RFC 4180 comma-separated values, read and written; the one CSV
 * reader of koers (post imports, metrics and cost exports, mentions).
 *
 * Accepts what RFC 4180 allows plus what real exports do: a UTF-8 byte order
 * mark, LF or CRLF line ends, a last record without a line end, fields in
 * double quotes holding commas, line breaks and doubled quotes (""). A record
 * with a malformed field (a quote inside an unquoted field, text after the
 * closing quote, a quoted field never closed, a field over 1 MiB, more than
 * CSV_MAX_FIELDS fields) is reported in `d` as row:column — the record's
 * number as a spreadsheet shows it (the header is row 1) and the field's
 * number — and skipped; reading goes on with the next line, so the good
 * records beside it are kept.
 *
 * csv_read() streams: the callback gets each record with fields owned by the
 * reader (valid during the call); a non-zero return stops reading and is
 * returned. csv_parse() collects every record for small files; the caller
 * owns them (csv_records_free).
 */
#ifndef KOERS_CSV_H
#define KOERS_CSV_H

#include <stddef.h>

#include "base/err.h"
#include "base/strbuf.h"

/* Limits against hostile input: fields per record, bytes per field, records for csv_parse. */
#define CSV_MAX_FIELDS 512
#define CSV_MAX_FIELD (1u << 20)
#define CSV_MAX_RECORDS 100000u

struct csv_record {
	char **fields;
	size_t n;
	unsigned row;  /* record number, 1-based: the header is row 1 */
	unsigned line; /* the line of the file the record starts on */
};

typedef int (*csv_record_fn)(void *ctx, const struct csv_record *r);

int csv_read(const char *buf, size_t len, const char *file, struct diags *d, csv_record_fn fn, void *ctx);
/* Every good record of a file of at most CSV_MAX_RECORDS; ERR_DATA when `d` received a problem. */
int csv_parse(const char *file, const char *buf, size_t len, struct csv_record **out, size_t *n,
	      struct diags *d);
void csv_records_free(struct csv_record *v, size_t n);

/* Append one field, quoted when it holds a comma, quote, CR or LF. */
void csv_add_field(struct strbuf *sb, const char *s);

#endif
