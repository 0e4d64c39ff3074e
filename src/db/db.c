#include "db/db-internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static const struct db_backend *const backends[] = { &db_sqlite_backend };

int db_open(struct db **out, const char *location, struct err *e)
{
	const struct db_backend *be = NULL;
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (backends[i]->accepts(location)) {
			be = backends[i];
			break;
		}
	if (!be)
		return err_set(e, ERR_USAGE, "%s: no database backend for this location", location);
	struct db *db = xcalloc(1, sizeof(*db));
	db->be = be;
	int r = be->open(db, location, e);
	if (r == 0)
		r = db_migrate(db, e);
	if (r < 0) {
		db_close(db);
		return r;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->impl)
		db->be->close(db);
	free(db);
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
	return db->be->exec(db, sql, e);
}

int db_begin(struct db *db, struct err *e)
{
	if (db->depth++ > 0)
		return 0;
	db->failed = false;
	int r = db->be->exec(db, "BEGIN IMMEDIATE", e);
	if (r < 0)
		db->depth = 0;
	return r;
}

int db_commit(struct db *db, struct err *e)
{
	if (db->depth == 0)
		return err_set(e, ERR_IO, "commit without a transaction");
	if (--db->depth > 0)
		return 0;
	if (db->failed) {
		db->be->exec(db, "ROLLBACK", NULL);
		return err_set(e, ERR_IO, "transaction was rolled back by an inner failure");
	}
	int r = db->be->exec(db, "COMMIT", e);
	if (r < 0)
		db->be->exec(db, "ROLLBACK", NULL);
	return r;
}

void db_rollback(struct db *db)
{
	if (db->depth == 0)
		return;
	if (--db->depth > 0) {
		db->failed = true;
		return;
	}
	db->be->exec(db, "ROLLBACK", NULL);
}

int db_prepare(struct db *db, struct db_stmt **out, const char *sql, struct err *e)
{
	struct db_stmt *st = xcalloc(1, sizeof(*st));
	st->db = db;
	int r = db->be->prepare(db, st, sql, e);
	if (r < 0) {
		free(st);
		return r;
	}
	*out = st;
	return 0;
}

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	st->db->be->finalize(st);
	free(st);
}

void db_reset(struct db_stmt *st) { st->db->be->reset(st); }
int db_bind_int(struct db_stmt *st, int idx, int64_t v) { return st->db->be->bind_int(st, idx, v); }
int db_bind_double(struct db_stmt *st, int idx, double v) { return st->db->be->bind_double(st, idx, v); }
int db_bind_null(struct db_stmt *st, int idx) { return st->db->be->bind_null(st, idx); }

int db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t n)
{
	return s ? st->db->be->bind_text(st, idx, s, n, true) : db_bind_null(st, idx);
}

int db_bind_text_ref(struct db_stmt *st, int idx, const char *s, size_t n)
{
	return s ? st->db->be->bind_text(st, idx, s, n, false) : db_bind_null(st, idx);
}

int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	return st->db->be->bind_blob(st, idx, p, n);
}

int db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	return db_bind_textn(st, idx, s, s ? strlen(s) : 0);
}

int db_step(struct db_stmt *st, struct err *e) { return st->db->be->step(st, e); }
int db_col_count(struct db_stmt *st) { return st->db->be->col_count(st); }
bool db_col_is_null(struct db_stmt *st, int col) { return st->db->be->col_is_null(st, col); }
int64_t db_col_int(struct db_stmt *st, int col) { return st->db->be->col_int(st, col); }
double db_col_double(struct db_stmt *st, int col) { return st->db->be->col_double(st, col); }
const char *db_col_text(struct db_stmt *st, int col) { return st->db->be->col_text(st, col); }

char *db_col_dup(struct db_stmt *st, int col) { return db_col_is_null(st, col) ? NULL : xstrdup(db_col_text(st, col)); }
size_t db_col_bytes(struct db_stmt *st, int col) { return st->db->be->col_bytes(st, col); }
const void *db_col_blob(struct db_stmt *st, int col) { return st->db->be->col_blob(st, col); }
int64_t db_changes(struct db *db) { return db->be->changes(db); }
int64_t db_last_id(struct db *db) { return db->be->last_id(db); }
int db_bulk(struct db *db, bool on, struct err *e) { return db->be->bulk(db, on, e); }

int db_run(struct db *db, struct err *e, const char *sql, const char *types, ...)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st, sql, e);
	if (r < 0)
		return r;
	va_list ap;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		switch (types[i]) {
		case 'i': db_bind_int(st, i + 1, va_arg(ap, int64_t)); break;
		case 'd': db_bind_double(st, i + 1, va_arg(ap, double)); break;
		case 's': db_bind_text(st, i + 1, va_arg(ap, const char *)); break;
		default: abort(); /* a programming error, not input */
		}
	}
	va_end(ap);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}
