/*
 * workflow — the status of a post and who may change it.
 *
 *   draft ──submit──► submitted ──approve──► approved ──schedule──► scheduled ──publish──► published
 *     ▲                  │ reject               │ reject                │ reject / failed
 *     └──── edit ◄── rejected ◄─────────────────┴───────────────────────┘
 *   cancel: from draft, submitted, approved, rejected, scheduled or failed
 *
 * The transitions are one table (wf_transitions) with the roles of the
 * plan's team that may take them: editors, approvers and owners submit,
 * schedule and cancel; only an approver or owner approves or rejects, and
 * never the post's own author. Approval and scheduling also need every
 * channel's text to fit its platform, and scheduling needs a time.
 *
 * wf_apply() checks all of that, changes the post, tags its links (UTM, at
 * approval), saves it and records the change in post_history, in one
 * transaction. A refusal is ERR_DATA with the reason in `e`; nothing changes.
 */
#ifndef KOERS_WORKFLOW_H
#define KOERS_WORKFLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct db;
struct plan;
struct post;
struct text_matcher;

struct wf_transition {
	const char *action;              /* "submit", ... */
	const char *const *from;         /* NULL-terminated */
	const char *to;
	const char *const *roles;        /* who may: NULL-terminated team roles */
	bool not_author;                 /* the author may not take it */
	bool needs_valid_text;
	bool needs_time;
	const char *help;                /* N_() */
};

extern const struct wf_transition wf_transitions[]; /* ended by a NULL action */

const struct wf_transition *wf_find(const char *action);
/* Does team member `member` of the plan hold one of the roles? */
bool wf_member_has_role(const struct plan *plan, const char *member, const char *const *roles);

/*
 * Take `action` on post p as team member `actor` at instant `now`.
 * On success p holds the new state (saved).
 */
int wf_apply(struct db *db, int64_t ws, const struct plan *plan, const struct text_matcher *m, struct post *p,
	     const char *action, const char *actor, const char *note, int64_t now, struct err *e);

#endif
