#include "workspace/workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/tz.h"
#include "base/xalloc.h"
#include "db/db.h"

#define DEFAULT_TIMEZONE "Europe/Amsterdam"

bool ws_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64 || name[0] == '-' || name[0] == '.')
		return false;
	for (const char *p = name; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", *p))
			return false;
	return true;
}

bool ws_timezone_valid(const char *name)
{
	/* A zone is known when its TZif file loads; tz_load refuses names that leave the zoneinfo folder. */
	struct tz *z;
	struct err e = { 0 };
	if (tz_load(name, NULL, &z, &e) < 0)
		return false;
	tz_free(z);
	return true;
}

static void ws_from_row(struct db_stmt *st, struct ws *ws)
{
	ws->id = db_col_int(st, 0);
	ws->name = xstrdup(db_col_text(st, 1));
	ws->timezone = xstrdup(db_col_text(st, 2));
	ws->created_at = xstrdup(db_col_text(st, 3));
	ws->current = db_col_int(st, 4) != 0;
}

#define WS_COLUMNS                                                                    \
	"SELECT id, name, timezone, created_at,"                                      \
	" name = (SELECT value FROM settings WHERE key = 'workspace') FROM workspaces "

void ws_release(struct ws *ws)
{
	free(ws->name);
	free(ws->timezone);
	free(ws->created_at);
	memset(ws, 0, sizeof(*ws));
}

int ws_find(struct db *db, const char *name, struct ws *out, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st, WS_COLUMNS "WHERE name = ?", e);
	if (r < 0)
		return r;
	db_bind_text(st, 1, name);
	r = db_step(st, e);
	if (r == DB_ROW) {
		ws_from_row(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOTFOUND, "no workspace named '%s'", name);
	}
	db_finalize(st);
	return r;
}

int ws_create(struct db *db, const char *name, const char *timezone, struct ws *out, struct err *e)
{
	if (!ws_name_valid(name))
		return err_set(e, ERR_USAGE, "'%s' is not a valid workspace name (letters, digits, '-', '_', '.')", name);
	if (!timezone)
		timezone = DEFAULT_TIMEZONE;
	if (!ws_timezone_valid(timezone))
		return err_set(e, ERR_USAGE, "'%s' is not a known IANA time zone", timezone);
	struct ws existing;
	if (ws_find(db, name, &existing, e) == 0) {
		ws_release(&existing);
		return err_set(e, ERR_DATA, "workspace '%s' already exists", name);
	}
	int r = db_run(db, e, "INSERT INTO workspaces(name, timezone) VALUES (?, ?)", "ss", name, timezone);
	if (r < 0)
		return r;
	return out ? ws_find(db, name, out, e) : 0;
}

int ws_list(struct db *db, struct ws **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st, WS_COLUMNS "ORDER BY name", e);
	if (r < 0)
		return r;
	struct ws *v = NULL;
	size_t count = 0, alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(v, count + 1, alloc);
		ws_from_row(st, &v[count++]);
	}
	db_finalize(st);
	if (r < 0) {
		ws_list_free(v, count);
		return r;
	}
	*out = v;
	*n = count;
	return 0;
}

void ws_list_free(struct ws *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ws_release(&v[i]);
	free(v);
}

/* Run an UPDATE/DELETE on one named workspace; not found when no row changed. */
static int ws_change(struct db *db, struct err *e, const char *name, const char *sql, const char *types,
		     const char *a, const char *b)
{
	int r = db_run(db, e, sql, types, a, b);
	if (r < 0)
		return r;
	if (db_changes(db) == 0)
		return err_set(e, ERR_NOTFOUND, "no workspace named '%s'", name);
	return 0;
}

int ws_rename(struct db *db, const char *from, const char *to, struct err *e)
{
	if (!ws_name_valid(to))
		return err_set(e, ERR_USAGE, "'%s' is not a valid workspace name (letters, digits, '-', '_', '.')", to);
	struct ws existing;
	if (ws_find(db, to, &existing, e) == 0) {
		ws_release(&existing);
		return err_set(e, ERR_DATA, "workspace '%s' already exists", to);
	}
	int r = db_begin(db, e);
	if (r < 0)
		return r;
	if ((r = ws_change(db, e, from, "UPDATE workspaces SET name = ?2 WHERE name = ?1", "ss", from, to)) < 0 ||
	    (r = db_run(db, e, "UPDATE settings SET value = ?2 WHERE key = 'workspace' AND value = ?1", "ss", from, to)) < 0) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int ws_set_timezone(struct db *db, const char *name, const char *timezone, struct err *e)
{
	if (!ws_timezone_valid(timezone))
		return err_set(e, ERR_USAGE, "'%s' is not a known IANA time zone", timezone);
	return ws_change(db, e, name, "UPDATE workspaces SET timezone = ?2 WHERE name = ?1", "ss", name, timezone);
}

int ws_delete(struct db *db, const char *name, struct err *e)
{
	int r = db_begin(db, e);
	if (r < 0)
		return r;
	if ((r = ws_change(db, e, name, "DELETE FROM workspaces WHERE name = ?", "s", name, NULL)) < 0 ||
	    (r = db_run(db, e, "DELETE FROM settings WHERE key = 'workspace' AND value = ?", "s", name)) < 0) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int ws_use(struct db *db, const char *name, struct err *e)
{
	struct ws ws;
	int r = ws_find(db, name, &ws, e);
	if (r < 0)
		return r;
	ws_release(&ws);
	return db_run(db, e,
		      "INSERT INTO settings(key, value) VALUES ('workspace', ?)"
		      " ON CONFLICT(key) DO UPDATE SET value = excluded.value", "s", name);
}

int ws_resolve(struct db *db, const char *name, bool create, struct ws *out, struct err *e)
{
	if (!name || !*name)
		name = getenv("KOERS_WORKSPACE");
	if (name && *name)
		return ws_find(db, name, out, e);
	struct ws *v;
	size_t n;
	int r = ws_list(db, &v, &n, e);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++)
		if (v[i].current) {
			*out = v[i];
			v[i] = (struct ws){ 0 };
			ws_list_free(v, n);
			return 0;
		}
	if (n == 1) {
		*out = v[0];
		v[0] = (struct ws){ 0 };
		ws_list_free(v, n);
		return 0;
	}
	ws_list_free(v, n);
	if (n == 0 && create)
		return ws_create(db, "default", NULL, out, e);
	if (n == 0)
		return err_set(e, ERR_NOTFOUND, "no workspace yet: create one with 'koers workspace create NAME'");
	return err_set(e, ERR_USAGE,
		       "%zu workspaces and none is current: choose one with --workspace NAME or 'koers workspace use NAME'", n);
}
