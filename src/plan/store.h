/*
 * store — the versions of a workspace's plan in the database.
 *
 * Each import adds a version holding the YAML exactly as imported; the
 * newest version is the plan in force. Strings in `struct plan_version` are
 * owned by it (plan_version_release).
 */
#ifndef KOERS_PLAN_STORE_H
#define KOERS_PLAN_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "plan/plan.h"

struct db;

struct plan_version {
	int version;
	char *source;      /* the file it was imported from */
	char *body;        /* YAML; NULL in history listings */
	char *imported_at; /* ISO 8601 UTC */
};

/* Add a version in the caller's transaction (or its own). */
int plan_store_save(struct db *db, int64_t ws, const char *source, const char *body, int *version, struct err *e);
/* Version `version`, or the newest when 0; ERR_NOTFOUND when there is none. */
int plan_store_load(struct db *db, int64_t ws, int version, struct plan_version *out, struct err *e);
/* All versions, newest first, without bodies. */
int plan_store_history(struct db *db, int64_t ws, struct plan_version **out, size_t *n, struct err *e);
void plan_version_release(struct plan_version *v);

/*
 * Load and parse the plan in force. A stored plan was valid when it was
 * imported, so problems here mean a newer koers reads an older file
 * differently: they are reported in `e`.
 */
int plan_load_current(struct db *db, int64_t ws, struct plan *p, struct plan_version *v, struct err *e);

#endif
