/*
 * workspace — the organisations in one database. Everything a workspace
 * owns (plan versions, and later posts, mentions, metrics) is deleted with it.
 *
 * Strings in `struct ws` are owned by the struct: ws_release() frees them.
 */
#ifndef KOERS_WORKSPACE_H
#define KOERS_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;

struct ws {
	int64_t id;
	char *name;
	char *timezone; /* IANA name, e.g. Europe/Amsterdam */
	char *created_at;
	bool current;
};

/* A name is 1–64 characters of letters, digits, '-', '_' and '.', not starting with '-'. */
bool ws_name_valid(const char *name);
/* Is `tz` an IANA time zone known to this system? */
bool ws_timezone_valid(const char *tz);

int ws_create(struct db *db, const char *name, const char *timezone, struct ws *out, struct err *e);
int ws_find(struct db *db, const char *name, struct ws *out, struct err *e);
/* All workspaces by name; *out is an array the caller frees with ws_list_free(). */
int ws_list(struct db *db, struct ws **out, size_t *n, struct err *e);
void ws_list_free(struct ws *v, size_t n);
int ws_rename(struct db *db, const char *from, const char *to, struct err *e);
int ws_set_timezone(struct db *db, const char *name, const char *timezone, struct err *e);
int ws_delete(struct db *db, const char *name, struct err *e);
int ws_use(struct db *db, const char *name, struct err *e);

/*
 * The workspace a command works in: `name` if given, else KOERS_WORKSPACE,
 * else the database's current one, else its only one. With `create`, a
 * database without workspaces gets one named "default".
 */
int ws_resolve(struct db *db, const char *name, bool create, struct ws *out, struct err *e);

void ws_release(struct ws *ws);

#endif
