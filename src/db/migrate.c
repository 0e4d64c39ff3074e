/*
 * Versioned schema migrations. Each file src/db/schema/NNNN-name.sql is
 * embedded in the binary; on open, every migration the database has not
 * recorded runs, in number order, each in its own transaction together with
 * its record, so a crash mid-migration leaves the database as it was. Each
 * applied number is recorded (not just the highest), so a migration that
 * arrives with a later merge than a higher-numbered one still runs.
 */
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "db/db-internal.h"

static int migration_number(const char *name)
{
	if (strncmp(name, "schema/", 7))
		return -1;
	name += 7;
	if (strlen(name) < 6 || name[4] != '-')
		return -1;
	int n = 0;
	for (int i = 0; i < 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (name[i] - '0');
	}
	return n;
}

int db_schema_version(struct db *db, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st, "SELECT coalesce(max(version), 0) FROM schema_version", e);
	if (r < 0)
		return r;
	r = db_step(st, e);
	int version = r == DB_ROW ? (int)db_col_int(st, 0) : r;
	db_finalize(st);
	return version;
}

static int applied(struct db *db, int n, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st, "SELECT 1 FROM schema_version WHERE version = ?", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, n);
	r = db_step(st, e);
	db_finalize(st);
	return r;
}

int db_migrate(struct db *db, struct err *e)
{
	int r = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_version ("
			    " version INTEGER PRIMARY KEY,"
			    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))", e);
	if (r < 0)
		return r;
	int current = db_schema_version(db, e);
	if (current < 0)
		return current;
	/* A database written by a newer koers is not touched. */
	int latest = 0;
	for (const struct embedded *f = embedded_files; f->name; f++)
		if (migration_number(f->name) > latest)
			latest = migration_number(f->name);
	if (current > latest)
		return err_set(e, ERR_IO, "database schema version %d is newer than this koers (%d)", current, latest);
	/* The embedded table is sorted by name, so migrations come in order. */
	for (const struct embedded *f = embedded_files; f->name; f++) {
		int n = migration_number(f->name);
		if (n < 0)
			continue;
		if ((r = applied(db, n, e)) < 0)
			return r;
		if (r == DB_ROW)
			continue;
		if ((r = db_begin(db, e)) < 0)
			return r;
		if ((r = db_exec(db, (const char *)f->data, e)) < 0 ||
		    (r = db_run(db, e, "INSERT INTO schema_version(version) VALUES (?)", "i", (int64_t)n)) < 0) {
			char why[sizeof(e->msg)];
			memcpy(why, e->msg, sizeof(why));
			db_rollback(db);
			return err_set(e, r, "migration %s: %s", f->name, why);
		}
		if ((r = db_commit(db, e)) < 0)
			return r;
	}
	return 0;
}
