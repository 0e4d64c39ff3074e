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
 * A csv_reader pulls one record at a time from a stream (bounded memory:
 * a 64 KiB window and the current record, at most CSV_MAX_RECORD bytes) or
 * from a buffer; its fields stay valid until the next csv_next(). csv_read()
 * runs a callback over the records of a buffer (a non-zero return stops
 * reading and is returned) and puts the bad ones in `d`. csv_parse()
 * collects every record for small files; the caller owns them
 * (csv_records_free).
 */
#ifndef KOERS_CSV_H
#define KOERS_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "base/strbuf.h"

/* Limits against hostile input: fields and bytes per record, records for csv_parse. */
#define CSV_MAX_FIELDS 512
#define CSV_MAX_RECORD (1u << 20)
#define CSV_MAX_RECORDS 100000u

struct csv_record {
	char **fields;
	size_t n;
	unsigned row;  /* record number, 1-based: the header is row 1 */
	unsigned line; /* the line of the file the record starts on */
};

typedef int (*csv_record_fn)(void *ctx, const struct csv_record *r);

/* A malformed record: where, and why (an untranslated N_() string: tr() it). */
struct csv_problem {
	unsigned row, column, line;
	const char *why;
	bool too_long; /* over CSV_MAX_RECORD (else malformed) */
};

enum { CSV_END = 0, CSV_RECORD = 1, CSV_BAD = -1 };

struct csv_reader;
/* The reader keeps `file` and the buffer or stream; it does not close the stream. */
struct csv_reader *csv_reader_stream(FILE *in, const char *file);
struct csv_reader *csv_reader_buffer(const char *buf, size_t len, const char *file);
void csv_reader_free(struct csv_reader *r);
/* The next record: CSV_RECORD (*rec), CSV_BAD (*bad; the reader has moved past its line) or CSV_END. */
int csv_next(struct csv_reader *r, struct csv_record *rec, struct csv_problem *bad);

int csv_read(const char *buf, size_t len, const char *file, struct diags *d, csv_record_fn fn, void *ctx);
/* Every good record of a file of at most CSV_MAX_RECORDS; ERR_DATA when `d` received a problem. */
int csv_parse(const char *file, const char *buf, size_t len, struct csv_record **out, size_t *n,
	      struct diags *d);
void csv_records_free(struct csv_record *v, size_t n);

/* Append one field, quoted when it holds a comma, quote, CR or LF. */
void csv_add_field(struct strbuf *sb, const char *s);

#endif
