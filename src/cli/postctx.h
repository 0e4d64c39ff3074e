/*
 * postctx — what the post and calendar commands share: the workspace with
 * its zone, the plan in force, the text matcher, who is acting, local times
 * and the JSON of a post.
 */
#ifndef KOERS_CLI_POSTCTX_H
#define KOERS_CLI_POSTCTX_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"
#include "plan/plan.h"
#include "plan/store.h"

struct post;
struct text_matcher;
struct tz;

struct postctx {
	struct plan plan;
	struct plan_version version;
	struct tz *zone;
	struct text_matcher *m;
};

/* Open the database, workspace, zone and plan; an exit code or 0. */
int postctx_open(struct koers *k, struct postctx *c);
void postctx_close(struct postctx *c);

/* The team member acting: --as or $KOERS_USER; NULL after printing why. */
const char *postctx_actor(struct koers *k, const char *as);
/* A post id argument; false after printing why. */
bool postctx_id(struct koers *k, const char *s, int64_t *id);
/* A local time (ISO 8601 with or without offset) to UTC; an exit code or 0. */
int postctx_time(struct koers *k, const struct postctx *c, const char *s, int64_t *t);
/* --from/--to days: local days; an exit code or 0. */
int postctx_day(struct koers *k, const char *opt, const char *s, int64_t *day);
/* The UTC instant of local midnight of a day. */
int64_t postctx_midnight(const struct postctx *c, int64_t day);
/* Now (UTC), or $KOERS_NOW (ISO 8601) so tests and demos are repeatable. */
int64_t postctx_now(void);

/* The ANSI colour (SGR parameters) of a post status on a terminal. */
const char *postctx_status_sgr(const char *status);

/* A post as JSON, with per-channel measures (and history when given). */
json_t *postctx_json(const struct postctx *c, const struct post *p);

#endif
