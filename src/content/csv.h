/*
 * csv — RFC 4180 comma-separated values, read and written.
 *
 * csv_parse() splits text into records of fields: fields are separated by
 * commas, records by CRLF or LF; a field in double quotes may hold commas,
 * line breaks and doubled quotes (""). A UTF-8 byte order mark at the start
 * is skipped, and a final line break does not start an empty record. Every
 * problem (a quote inside an unquoted field, text after a closing quote, a
 * quoted field that never ends, a NUL byte) is added to `d` with the record
 * number (the spreadsheet row, 1-based) and field number as line:column;
 * parsing goes on with the next record, so the good records are kept.
 *
 * Ownership: the records and their field strings belong to the caller
 * (csv_records_free). Failure: ERR_DATA when `d` received a problem.
 */
#ifndef KOERS_CSV_H
#define KOERS_CSV_H

#include <stddef.h>

#include "base/err.h"
#include "base/strbuf.h"

struct csv_record {
	char **fields;
	size_t n;
	unsigned row;  /* record number, 1-based (the header is row 1) */
	unsigned line; /* the line of the file it starts on */
};

/* At most this many records and fields per record are read. */
#define CSV_MAX_RECORDS 100000u
#define CSV_MAX_FIELDS 256u

int csv_parse(const char *file, const char *s, size_t n, struct csv_record **out, size_t *nrec,
	      struct diags *d);
void csv_records_free(struct csv_record *v, size_t n);

/* Append one field, quoted when it holds a comma, quote, CR or LF. */
void csv_add_field(struct strbuf *sb, const char *s);

#endif
