/*
 * db — the portable SQL layer every part of koers stores through.
 *
 * Callers write SQL with positional `?` parameters and bind values by
 * 1-based index; nothing is ever spliced into SQL text. The backend is chosen
 * by the location given to db_open(): a file path (SQLite, the default) or,
 * later, a postgresql:// URL. Callers never see which one they talk to.
 *
 * Ownership: db_open() returns a handle the caller closes with db_close();
 * db_prepare() returns a statement the caller releases with db_finalize()
 * (before closing the handle). Text returned by db_col_text() belongs to the
 * statement and is valid until the next db_step() or db_finalize().
 *
 * Errors: functions return 0 (or DB_ROW / DB_DONE from db_step) on success
 * and ERR_IO (or ERR_DATA for a constraint violation) with `e` filled.
 */
#ifndef KOERS_DB_H
#define KOERS_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;
struct db_stmt;

enum { DB_DONE = 0, DB_ROW = 1 };

/* Open (creating if needed) and migrate the database at `location`. */
int db_open(struct db **out, const char *location, struct err *e);
void db_close(struct db *db);

/* Run SQL without parameters or results (several statements allowed). */
int db_exec(struct db *db, const char *sql, struct err *e);

/* Transactions nest: only the outermost begin/commit reach the database,
 * and a rollback at any depth rolls the whole transaction back. */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);

int db_prepare(struct db *db, struct db_stmt **out, const char *sql, struct err *e);
void db_finalize(struct db_stmt *st);
/* Make the statement ready to run again; bindings are kept until rebound. */
void db_reset(struct db_stmt *st);

int db_bind_int(struct db_stmt *st, int idx, int64_t v);
int db_bind_double(struct db_stmt *st, int idx, double v);
/* Binds a copy of the text; NULL binds SQL NULL. */
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t n);
int db_bind_null(struct db_stmt *st, int idx);
/* Binds s itself, not a copy: the caller keeps it unchanged until the
 * statement is reset and rebound, or finalized. For bulk writers. */
int db_bind_text_ref(struct db_stmt *st, int idx, const char *s, size_t n);
int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);

/* DB_ROW when a row is ready, DB_DONE at the end, or a negative error. */
int db_step(struct db_stmt *st, struct err *e);

int db_col_count(struct db_stmt *st);
bool db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
/* "" for NULL; never NULL itself. */
const char *db_col_text(struct db_stmt *st, int col);
/* A copy of a text column for the caller to free(), or NULL for NULL. */
char *db_col_dup(struct db_stmt *st, int col);
size_t db_col_bytes(struct db_stmt *st, int col);
/* The bytes of a BLOB column (NULL for an empty one); valid like db_col_text(). */
const void *db_col_blob(struct db_stmt *st, int col);

/* Rows changed by the last INSERT/UPDATE/DELETE on this handle. */
int64_t db_changes(struct db *db);
/* The id (INTEGER PRIMARY KEY) of the row the last successful INSERT on this handle added. */
int64_t db_last_id(struct db *db);

/*
 * Bulk mode for a writer that stores many rows whose references it has
 * checked itself (the listening ingest): the backend may skip per-row
 * foreign-key checks and use more memory for caching. Turn it off again
 * before other work on the same handle. Not inside a transaction.
 */
int db_bulk(struct db *db, bool on, struct err *e);

/* The schema version the database is at (the number of the last migration). */
int db_schema_version(struct db *db, struct err *e);

/*
 * Convenience for the common "run one statement" case: `types` names one
 * argument per character — 'i' int64_t, 'd' double, 's' const char * (NULL
 * binds NULL) — bound to ?1, ?2, ... The statement must not return rows.
 */
int db_run(struct db *db, struct err *e, const char *sql, const char *types, ...);

#endif
