/*
 * The interface between db.c (portable part) and one backend. A backend
 * fills a `struct db_backend` table; db.c dispatches through it, so adding
 * PostgreSQL means adding db-pg.c with the same table, not touching callers.
 */
#ifndef KOERS_DB_INTERNAL_H
#define KOERS_DB_INTERNAL_H

#include "db/db.h"

struct db_backend {
	const char *name;
	/* Does this backend handle the location (path or URL)? */
	bool (*accepts)(const char *location);
	int (*open)(struct db *db, const char *location, struct err *e);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, struct err *e);
	int (*prepare)(struct db *db, struct db_stmt *st, const char *sql, struct err *e);
	void (*finalize)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st);
	int (*bind_int)(struct db_stmt *st, int idx, int64_t v);
	int (*bind_double)(struct db_stmt *st, int idx, double v);
	/* copy: false when the caller keeps s unchanged until the next reset or rebind. */
	int (*bind_text)(struct db_stmt *st, int idx, const char *s, size_t n, bool copy);
	int (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
	int (*bind_null)(struct db_stmt *st, int idx);
	int (*step)(struct db_stmt *st, struct err *e);
	int (*col_count)(struct db_stmt *st);
	bool (*col_is_null)(struct db_stmt *st, int col);
	int64_t (*col_int)(struct db_stmt *st, int col);
	double (*col_double)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	size_t (*col_bytes)(struct db_stmt *st, int col);
	const void *(*col_blob)(struct db_stmt *st, int col);
	int64_t (*changes)(struct db *db);
	int64_t (*last_id)(struct db *db);
	int (*bulk)(struct db *db, bool on, struct err *e);
};

struct db {
	const struct db_backend *be;
	void *impl;
	int depth; /* transaction nesting */
	bool failed; /* a nested rollback happened; the outer commit must fail */
};

struct db_stmt {
	struct db *db;
	void *impl;
};

extern const struct db_backend db_sqlite_backend;

int db_migrate(struct db *db, struct err *e);

#endif
