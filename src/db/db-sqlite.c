/* The SQLite backend: a file database in WAL mode with foreign keys on. */
#include <sqlite3.h>
#include <string.h>

#include "db/db-internal.h"

#define SQ(db) ((sqlite3 *)(db)->impl)
#define ST(st) ((sqlite3_stmt *)(st)->impl)

static bool sq_accepts(const char *location)
{
	return strncmp(location, "postgres://", 11) && strncmp(location, "postgresql://", 13);
}

static int sq_error(sqlite3 *h, struct err *e, const char *what)
{
	int rc = sqlite3_extended_errcode(h);
	int code = (rc & 0xff) == SQLITE_CONSTRAINT ? ERR_DATA : ERR_IO;
	return err_set(e, code, "database: %s: %s", what, sqlite3_errmsg(h));
}

static int sq_open(struct db *db, const char *location, struct err *e)
{
	const char *path = strncmp(location, "sqlite:", 7) ? location : location + 7;
	sqlite3 *h;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_IO, "%s: cannot open database: %s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return ERR_IO;
	}
	db->impl = h;
	/* Several koers processes may share one file: wait for locks instead of failing. */
	sqlite3_busy_timeout(h, 10000);
	char *msg = NULL;
	if (sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;",
			 NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, ERR_IO, "%s: %s", path, msg ? msg : "cannot configure database");
		sqlite3_free(msg);
		return ERR_IO;
	}
	return 0;
}

static void sq_close(struct db *db)
{
	sqlite3_close(SQ(db));
}

static int sq_exec(struct db *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	if (sqlite3_exec(SQ(db), sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	int r = err_set(e, ERR_IO, "database: %s", msg ? msg : sqlite3_errmsg(SQ(db)));
	sqlite3_free(msg);
	return r;
}

static int sq_prepare(struct db *db, struct db_stmt *st, const char *sql, struct err *e)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(SQ(db), sql, -1, &s, NULL) != SQLITE_OK)
		return sq_error(SQ(db), e, "prepare");
	st->impl = s;
	return 0;
}

static void sq_finalize(struct db_stmt *st) { sqlite3_finalize(ST(st)); }
static void sq_reset(struct db_stmt *st) { sqlite3_reset(ST(st)); }

static int sq_bind_result(int rc) { return rc == SQLITE_OK ? 0 : ERR_IO; }
static int sq_bind_int(struct db_stmt *st, int idx, int64_t v) { return sq_bind_result(sqlite3_bind_int64(ST(st), idx, v)); }
static int sq_bind_double(struct db_stmt *st, int idx, double v) { return sq_bind_result(sqlite3_bind_double(ST(st), idx, v)); }
static int sq_bind_null(struct db_stmt *st, int idx) { return sq_bind_result(sqlite3_bind_null(ST(st), idx)); }

static int sq_bind_text(struct db_stmt *st, int idx, const char *s, size_t n, bool copy)
{
	return sq_bind_result(sqlite3_bind_text64(ST(st), idx, s, n, copy ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8));
}

static int sq_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	return sq_bind_result(sqlite3_bind_blob64(ST(st), idx, p, n, SQLITE_TRANSIENT));
}

static int sq_step(struct db_stmt *st, struct err *e)
{
	int rc = sqlite3_step(ST(st));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return sq_error(sqlite3_db_handle(ST(st)), e, "step");
}

static int sq_col_count(struct db_stmt *st) { return sqlite3_column_count(ST(st)); }
static bool sq_col_is_null(struct db_stmt *st, int col) { return sqlite3_column_type(ST(st), col) == SQLITE_NULL; }
static int64_t sq_col_int(struct db_stmt *st, int col) { return sqlite3_column_int64(ST(st), col); }
static double sq_col_double(struct db_stmt *st, int col) { return sqlite3_column_double(ST(st), col); }
static size_t sq_col_bytes(struct db_stmt *st, int col) { return (size_t)sqlite3_column_bytes(ST(st), col); }

static const char *sq_col_text(struct db_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(ST(st), col);
	return s ? (const char *)s : "";
}

static const void *sq_col_blob(struct db_stmt *st, int col) { return sqlite3_column_blob(ST(st), col); }
static int64_t sq_changes(struct db *db) { return sqlite3_changes64(SQ(db)); }
static int64_t sq_last_id(struct db *db) { return sqlite3_last_insert_rowid(SQ(db)); }

/*
 * Bulk writing: the writer vouches for the references it stores, so foreign
 * keys are not looked up per row (two index probes for every match row), and
 * a larger page cache keeps the unique indexes of a long ingest in memory
 * instead of re-reading them from the WAL. Both are per connection.
 */
static int sq_bulk(struct db *db, bool on, struct err *e)
{
	return sq_exec(db, on ? "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;"
			      : "PRAGMA foreign_keys=ON; PRAGMA cache_size=-2000;", e);
}

const struct db_backend db_sqlite_backend = {
	.name = "sqlite",
	.accepts = sq_accepts,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.bind_int = sq_bind_int,
	.bind_double = sq_bind_double,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_count = sq_col_count,
	.col_is_null = sq_col_is_null,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.col_bytes = sq_col_bytes,
	.col_blob = sq_col_blob,
	.changes = sq_changes,
	.last_id = sq_last_id,
	.bulk = sq_bulk,
};
