#include "plan/store.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "db/db.h"
#include "plan/plan-yaml.h"

int plan_store_save(struct db *db, int64_t ws, const char *source, const char *body, int *version, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "INSERT INTO plans(workspace_id, version, source, body)"
			   " SELECT ?1, coalesce(max(version), 0) + 1, ?2, ?3 FROM plans WHERE workspace_id = ?1"
			   " RETURNING version", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_text(st, 2, source);
	db_bind_text(st, 3, body);
	r = db_step(st, e);
	if (r == DB_ROW && version)
		*version = (int)db_col_int(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int plan_store_load(struct db *db, int64_t ws, int version, struct plan_version *out, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT version, source, body, imported_at FROM plans WHERE workspace_id = ?1"
			   " AND (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_int(st, 2, version);
	r = db_step(st, e);
	if (r == DB_ROW) {
		out->version = (int)db_col_int(st, 0);
		out->source = xstrdup(db_col_text(st, 1));
		out->body = xstrdup(db_col_text(st, 2));
		out->imported_at = xstrdup(db_col_text(st, 3));
		r = 0;
	} else if (r == DB_DONE) {
		r = version ? err_set(e, ERR_NOTFOUND, "there is no plan version %d", version)
			    : err_set(e, ERR_NOTFOUND, "this workspace has no plan yet: import one with 'koers plan import FILE'");
	}
	db_finalize(st);
	return r;
}

int plan_store_history(struct db *db, int64_t ws, struct plan_version **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT version, source, imported_at FROM plans WHERE workspace_id = ? ORDER BY version DESC", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	struct plan_version *v = NULL;
	size_t count = 0, alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(v, count + 1, alloc);
		v[count++] = (struct plan_version){
			.version = (int)db_col_int(st, 0),
			.source = xstrdup(db_col_text(st, 1)),
			.imported_at = xstrdup(db_col_text(st, 2)),
		};
	}
	db_finalize(st);
	if (r < 0) {
		for (size_t i = 0; i < count; i++)
			plan_version_release(&v[i]);
		free(v);
		return r;
	}
	*out = v;
	*n = count;
	return 0;
}

void plan_version_release(struct plan_version *v)
{
	free(v->source);
	free(v->body);
	free(v->imported_at);
	memset(v, 0, sizeof(*v));
}

int plan_load_current(struct db *db, int64_t ws, struct plan *p, struct plan_version *v, struct err *e)
{
	int r = plan_store_load(db, ws, 0, v, e);
	if (r < 0) {
		plan_init(p);
		return r;
	}
	struct diags d = { .lang = e->lang, .max = 1 };
	r = plan_parse(v->body, strlen(v->body), v->source, p, &d);
	if (r < 0)
		r = err_set(e, ERR_DATA, "stored plan version %d no longer reads: %s:%u:%u: %s", v->version,
			    d.v[0].file, d.v[0].line, d.v[0].column, d.v[0].msg);
	diags_release(&d);
	return r;
}
