/*
 * diff — what changed between two versions of a plan, field by field.
 *
 * Items of lists that have ids are matched by id (so reordering is no
 * change), others by position. Each change is a path in the plan
 * ("goals[followers].target", "channels[tiktok]") with the old and the new
 * value as YAML-ish text. The list owns its strings (plan_diff_release).
 */
#ifndef KOERS_PLAN_DIFF_H
#define KOERS_PLAN_DIFF_H

#include <stddef.h>

#include "plan/plan.h"

enum plan_change_kind { PLAN_ADDED, PLAN_REMOVED, PLAN_CHANGED };

struct plan_change {
	enum plan_change_kind kind;
	char *path;
	char *before; /* NULL when added */
	char *after;  /* NULL when removed */
};

struct plan_diff {
	struct plan_change *v;
	size_t n, alloc;
};

void plan_diff(const struct plan *before, const struct plan *after, struct plan_diff *out);
void plan_diff_release(struct plan_diff *d);

#endif
