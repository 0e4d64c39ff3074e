#include "content/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "content/post.h"
#include "db/db.h"
#include "plan/plan.h"

static const char *const from_draft[] = { "draft", "rejected", NULL };
static const char *const from_submitted[] = { "submitted", NULL };
static const char *const from_reviewable[] = { "submitted", "approved", "scheduled", NULL };
static const char *const from_approved[] = { "approved", NULL };
static const char *const from_scheduled[] = { "scheduled", NULL };
static const char *const from_open[] = { "draft", "submitted", "approved", "rejected", "scheduled", "failed", NULL };

static const char *const team_writers[] = { "editor", "approver", "owner", NULL };
static const char *const team_approvers[] = { "approver", "owner", NULL };

const struct wf_transition wf_transitions[] = {
	{ "submit", from_draft, "submitted", team_writers, false, false, false,
	  N_("send a draft for approval") },
	{ "approve", from_submitted, "approved", team_approvers, true, true, false,
	  N_("approve a submitted post (approver or owner, not its author)") },
	{ "reject", from_reviewable, "rejected", team_approvers, false, false, false,
	  N_("send a post back to its author (approver or owner)") },
	{ "schedule", from_approved, "scheduled", team_writers, false, true, true,
	  N_("put an approved post in the publishing queue") },
	{ "publish", from_scheduled, "published", team_writers, false, true, true,
	  N_("mark a scheduled post as published") },
	{ "cancel", from_open, "cancelled", team_writers, false, false, false,
	  N_("cancel a post that is not published") },
	{ NULL, NULL, NULL, NULL, false, false, false, NULL },
};

const struct wf_transition *wf_find(const char *action)
{
	for (const struct wf_transition *t = wf_transitions; t->action; t++)
		if (!strcmp(t->action, action))
			return t;
	return NULL;
}

static const struct plan_member *find_member(const struct plan *plan, const char *id)
{
	const struct plan_member *m = plan->team.v;
	for (size_t i = 0; id && i < plan->team.n; i++)
		if (m[i].id && !strcmp(m[i].id, id))
			return &m[i];
	return NULL;
}

bool wf_member_has_role(const struct plan *plan, const char *member, const char *const *roles)
{
	const struct plan_member *m = find_member(plan, member);
	for (size_t i = 0; m && i < m->roles.n; i++)
		for (const char *const *r = roles; *r; r++)
			if (!strcmp(m->roles.v[i], *r))
				return true;
	return false;
}

static bool in_list(const char *const *l, const char *s)
{
	for (; *l; l++)
		if (!strcmp(*l, s))
			return true;
	return false;
}

static void join(struct strbuf *sb, const char *const *l, const char *sep)
{
	for (const char *const *s = l; *s; s++)
		strbuf_addf(sb, "%s%s", s == l ? "" : sep, *s);
}

/* Why the transition may not be taken, or 0. */
static int refuse(const struct plan *plan, const struct text_matcher *m, const struct post *p,
		  const struct wf_transition *t, const char *actor, struct err *e)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	int r = 0;
	if (!find_member(plan, actor)) {
		const struct plan_member *mm = plan->team.v;
		for (size_t i = 0; i < plan->team.n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", mm[i].id ? mm[i].id : "?");
		r = err_set(e, ERR_DATA, "'%s' is not on the plan's team (team: %s)", actor, sb.buf);
	} else if (!in_list(t->from, p->status)) {
		join(&sb, t->from, ", ");
		r = err_set(e, ERR_DATA, "post %lld is %s: '%s' needs a post that is %s", (long long)p->id,
			    p->status, t->action, sb.buf);
	} else if (!wf_member_has_role(plan, actor, t->roles)) {
		join(&sb, t->roles, ", ");
		r = err_set(e, ERR_DATA, "%s may not %s: that needs the role %s", actor, t->action, sb.buf);
	} else if (t->not_author && p->author && !strcmp(p->author, actor)) {
		r = err_set(e, ERR_DATA, "%s wrote post %lld and may not %s it: ask another approver", actor,
			    (long long)p->id, t->action);
	} else if (t->needs_time && !p->has_time) {
		r = err_set(e, ERR_DATA, "post %lld has no scheduled time: set one with 'koers post move'",
			    (long long)p->id);
	} else if (t->needs_valid_text) {
		struct post_problems pp = { .lang = e->lang };
		post_check_text(p, plan, m, true, &pp, NULL, e);
		for (size_t i = 0; i < pp.n; i++)
			if (pp.v[i].error)
				strbuf_addf(&sb, "%s%s", sb.len ? "; " : "", pp.v[i].message);
		if (sb.len)
			r = err_set(e, ERR_DATA, "post %lld does not fit its platforms: %s", (long long)p->id, sb.buf);
		post_problems_release(&pp);
	}
	strbuf_release(&sb);
	return r;
}

int wf_apply(struct db *db, int64_t ws, const struct plan *plan, const struct text_matcher *m, struct post *p,
	     const char *action, const char *actor, const char *note, int64_t now, struct err *e)
{
	const struct wf_transition *t = wf_find(action);
	if (!t)
		return err_set(e, ERR_USAGE, "unknown action '%s'", action);
	int r = refuse(plan, m, p, t, actor, e);
	if (r < 0)
		return r;
	char *from = p->status;
	p->status = NULL;
	post_set(&p->status, t->to);
	if (!strcmp(t->action, "approve"))
		post_set(&p->approver, actor);
	if (!strcmp(t->action, "reject"))
		post_set(&p->approver, NULL);
	r = db_begin(db, e);
	if (r == 0 && (!strcmp(t->action, "approve") || !strcmp(t->action, "schedule")))
		r = post_tag_utm(p, plan, e);
	if (r == 0)
		r = post_save(db, ws, p, e);
	if (r == 0)
		r = post_history_add(db, p->id, now, actor, from, t->to, note, e);
	if (r == 0)
		r = db_commit(db, e);
	if (r < 0) {
		db_rollback(db);
		post_set(&p->status, from);
	}
	free(from);
	return r < 0 ? r : 0;
}
