/*
 * check — the method as a table of rules, run against a plan.
 *
 * Every rule has an id, the step of the method it belongs to (0 for the
 * plan file itself, 1–13 for SPEC.md section 2), a severity, a title that
 * says what is checked and a reason that says why it matters. A rule that
 * finds nothing passes; a rule may also declare itself not applicable (e.g.
 * listening topics when no strategy listens).
 *
 * Scores: a rule weighs 3 (error), 2 (warning) or 1 (advice); a step's
 * completeness is the weight of its passing rules over the weight of its
 * applicable rules, and the same over all rules gives the overall score.
 *
 * struct check_result owns its findings; check_result_release() frees them.
 */
#ifndef KOERS_PLAN_CHECK_H
#define KOERS_PLAN_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/i18n.h"
#include "plan/plan.h"

#define CHECK_STEPS 14 /* 0 and the method's 13 steps */

enum check_severity { CHECK_ERROR, CHECK_WARNING, CHECK_ADVICE };

struct check_ctx;

struct check_rule {
	const char *id;
	int step;
	enum check_severity severity;
	const char *title; /* N_() */
	const char *why;   /* N_() */
	const char *needs; /* the part of the plan it checks ("channels"): not applicable when empty */
	void (*run)(struct check_ctx *c, const struct plan *p);
};

extern const struct check_rule check_rules[]; /* ends with id == NULL */

struct check_finding {
	const struct check_rule *rule;
	struct plan_loc loc;
	char *msg; /* in the language of the check */
};

enum check_status { CHECK_PASS, CHECK_FAIL, CHECK_NA };

struct check_result {
	struct check_finding *findings;
	size_t n, alloc;
	enum check_status *status; /* per rule, in table order */
	size_t errors, warnings, advice; /* findings by severity */
};

void plan_check(const struct plan *p, enum lang lang, struct check_result *out);
void check_result_release(struct check_result *r);

/* Completeness of one step (0..CHECK_STEPS-1) or overall (-1), 0–100; -1 when nothing applies. */
double check_score(const struct check_result *r, int step);
const char *check_step_name(int step);          /* N_() */
const char *check_severity_name(enum check_severity s); /* "error", "warning", "advice" */

/* The capacity the cadence needs: hours a week and posts a week, against the team's hours. */
void plan_capacity(const struct plan *p, double *need_hours, double *posts, double *have_hours);

/* Minutes to make one post of a content type when the plan does not say. */
double check_default_minutes(const char *content_type);

#endif
