/*
 * csv — an RFC 4180 reader for the exports koers imports (metrics, costs).
 *
 * Accepts what RFC 4180 allows plus what real exports do: a UTF-8 byte order
 * mark, LF or CRLF line ends, a last record without a line end. A record
 * with a malformed quoted field (text after the closing quote, a quote inside
 * an unquoted field, a quote never closed) is reported with its line and
 * column in `diags` and skipped; reading goes on at the next line, so the
 * good records beside it are kept.
 *
 * The callback receives each record's fields as NUL-terminated strings owned
 * by the reader (valid during the call) and the line the record starts on;
 * a non-zero return stops reading and is returned by csv_read.
 */
#ifndef KOERS_KPI_CSV_H
#define KOERS_KPI_CSV_H

#include <stddef.h>

#include "base/err.h"

/* Limits against hostile input: fields per record, bytes per field. */
#define CSV_MAX_FIELDS 512
#define CSV_MAX_FIELD (1u << 20)

typedef int (*csv_record_fn)(void *ctx, unsigned line, char **fields, size_t n);

int csv_read(const char *buf, size_t len, const char *file, struct diags *d, csv_record_fn fn, void *ctx);

#endif
