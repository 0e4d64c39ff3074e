/*
 * Fuzz target for the CSV reader (src/kpi/csv.c) and the metrics importer
 * (src/kpi/metrics.c): any bytes are read as CSV, every record must have
 * 1..CSV_MAX_FIELDS fields and every problem a line within the input; then
 * the same bytes are imported into an in-memory database, which must either
 * succeed or fail with a message, never crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/tz.h"
#include "db/db.h"
#include "base/csv.h"
#include "kpi/metrics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	unsigned lines, last_line;
};

static int check_record(void *ctx, const struct csv_record *r)
{
	struct seen *s = ctx;
	unsigned line = r->line;
	char **fields = r->fields;
	size_t n = r->n;
	if (n < 1 || n > CSV_MAX_FIELDS || line < s->last_line || line > s->lines)
		abort();
	for (size_t i = 0; i < n; i++)
		if (!fields[i])
			abort();
	s->last_line = line;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	struct seen s = { 1, 0 };
	for (size_t i = 0; i < size; i++)
		s.lines += data[i] == '\n';
	struct diags d = { .max = 100 };
	csv_read((const char *)data, size, "fuzz.csv", &d, check_record, &s);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].line < 1 || d.v[i].line > s.lines)
			abort();
	diags_release(&d);

	struct db *db;
	struct err e = { 0 };
	if (db_open(&db, ":memory:", &e) < 0)
		abort();
	if (db_run(db, &e, "INSERT INTO workspaces(id, name) VALUES (1, 'f')", "") < 0)
		abort();
	struct tz *z = tz_utc();
	struct metrics_import mi = { .db = db, .ws = 1, .zone = z };
	struct diags d2 = { .max = 100 };
	int r = metrics_import(&mi, "fuzz.csv", (const char *)data, size, NULL, NULL, &d2, &e);
	if (r < 0 && !e.msg[0])
		abort();
	diags_release(&d2);
	tz_free(z);
	db_close(db);
	return 0;
}
