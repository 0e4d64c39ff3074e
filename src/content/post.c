#include "content/post.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/strbuf.h"
#include "base/tz.h"
#include "base/xalloc.h"
#include "content/platform.h"
#include "content/text.h"
#include "content/utm.h"
#include "db/db.h"
#include "plan/plan.h"

void post_init(struct post *p)
{
	memset(p, 0, sizeof(*p));
	p->status = xstrdup("draft");
}

void post_release(struct post *p)
{
	char **strs[] = { &p->title, &p->body, &p->link, &p->pillar, &p->persona, &p->goal,
			  &p->campaign, &p->status, &p->author, &p->approver };
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		free(*strs[i]);
	for (size_t i = 0; i < p->nchannels; i++) {
		free(p->channels[i].channel);
		free(p->channels[i].body);
		free(p->channels[i].link);
	}
	free(p->channels);
	for (size_t i = 0; i < p->nmedia; i++) {
		free(p->media[i].location);
		free(p->media[i].alt);
	}
	free(p->media);
	memset(p, 0, sizeof(*p));
}

void post_set(char **field, const char *v)
{
	char *old = *field;
	*field = v && *v ? xstrdup(v) : NULL;
	free(old);
}

struct post_variant *post_add_channel(struct post *p, const char *id, const char *body)
{
	for (size_t i = 0; i < p->nchannels; i++)
		if (!strcmp(p->channels[i].channel, id)) {
			if (body)
				post_set(&p->channels[i].body, body);
			return &p->channels[i];
		}
	ALLOC_GROW(p->channels, p->nchannels + 1, p->achannels);
	struct post_variant *v = &p->channels[p->nchannels++];
	v->channel = xstrdup(id);
	v->body = body && *body ? xstrdup(body) : NULL;
	v->link = NULL;
	return v;
}

bool post_has_channel(const struct post *p, const char *id)
{
	for (size_t i = 0; i < p->nchannels; i++)
		if (!strcmp(p->channels[i].channel, id))
			return true;
	return false;
}

void post_add_media(struct post *p, const char *location, const char *alt)
{
	ALLOC_GROW(p->media, p->nmedia + 1, p->amedia);
	p->media[p->nmedia].location = xstrdup(location);
	p->media[p->nmedia].alt = alt && *alt ? xstrdup(alt) : NULL;
	p->nmedia++;
}

const char *post_text(const struct post *p, size_t i)
{
	const char *v = p->channels[i].body;
	return v ? v : p->body ? p->body : "";
}

/* ---- problems ---- */

void post_problem_add(struct post_problems *pp, bool error, const char *field, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), tr(pp->lang, fmt), ap);
	va_end(ap);
	ALLOC_GROW(pp->v, pp->n + 1, pp->alloc);
	pp->v[pp->n++] = (struct post_problem){ xstrdup(field), xstrdup(msg), error };
}

size_t post_problems_errors(const struct post_problems *pp)
{
	size_t n = 0;
	for (size_t i = 0; i < pp->n; i++)
		n += pp->v[i].error;
	return n;
}

void post_problems_release(struct post_problems *pp)
{
	for (size_t i = 0; i < pp->n; i++) {
		free(pp->v[i].field);
		free(pp->v[i].message);
	}
	free(pp->v);
	pp->v = NULL;
	pp->n = pp->alloc = 0;
}

/* The plan lists are arrays of structs that all start with a plan_loc and
 * have their id right after it; one lookup serves them all. */
struct idlist {
	const char *what; /* N_() */
	const void *v;
	size_t n, size;
	size_t id_offset;
};

static const char *idlist_id(const struct idlist *l, size_t i)
{
	const char *elem = (const char *)l->v + i * l->size;
	return *(char *const *)(elem + l->id_offset);
}

static bool idlist_has(const struct idlist *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (idlist_id(l, i) && !strcmp(idlist_id(l, i), id))
			return true;
	return false;
}

static void idlist_check(const struct idlist *l, const char *field, const char *id, struct post_problems *pp)
{
	if (!id || idlist_has(l, id))
		return;
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	for (size_t i = 0; i < l->n; i++)
		if (idlist_id(l, i))
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", idlist_id(l, i));
	if (!sb.len)
		post_problem_add(pp, true, field, "unknown %s '%s': the plan has none", tr(pp->lang, l->what), id);
	else
		post_problem_add(pp, true, field, "unknown %s '%s' (valid: %s)", tr(pp->lang, l->what), id, sb.buf);
	strbuf_release(&sb);
}

#define IDLIST(what, list, type) \
	{ (what), (list).v, (list).n, sizeof(type), offsetof(type, id) }

const struct plan_channel *post_plan_channel(const struct plan *plan, const char *id)
{
	const struct plan_channel *c = plan->channels.v;
	for (size_t i = 0; i < plan->channels.n; i++)
		if (c[i].id && !strcmp(c[i].id, id))
			return &c[i];
	return NULL;
}

static const struct plan_campaign *find_campaign(const struct plan *plan, const char *id)
{
	const struct plan_campaign *c = plan->campaigns.v;
	for (size_t i = 0; id && i < plan->campaigns.n; i++)
		if (c[i].id && !strcmp(c[i].id, id))
			return &c[i];
	return NULL;
}

static bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

void post_check_refs(const struct post *p, const struct plan *plan, const struct tz *zone,
		     struct post_problems *pp)
{
	struct idlist channels = IDLIST(N_("channel"), plan->channels, struct plan_channel);
	struct idlist pillars = IDLIST(N_("pillar"), plan->content.pillars, struct plan_pillar);
	struct idlist personas = IDLIST(N_("persona"), plan->personas, struct plan_persona);
	struct idlist goals = IDLIST(N_("goal"), plan->goals, struct plan_goal);
	struct idlist campaigns = IDLIST(N_("campaign"), plan->campaigns, struct plan_campaign);
	struct idlist team = IDLIST(N_("team member"), plan->team, struct plan_member);

	if (!p->nchannels)
		post_problem_add(pp, true, "channels", "a post needs at least one channel");
	for (size_t i = 0; i < p->nchannels; i++)
		idlist_check(&channels, "channels", p->channels[i].channel, pp);
	idlist_check(&pillars, "pillar", p->pillar, pp);
	idlist_check(&personas, "persona", p->persona, pp);
	idlist_check(&goals, "goal", p->goal, pp);
	idlist_check(&campaigns, "campaign", p->campaign, pp);
	idlist_check(&team, "author", p->author, pp);
	idlist_check(&team, "approver", p->approver, pp);

	const struct plan_campaign *c = find_campaign(plan, p->campaign);
	if (!c)
		return;
	for (size_t i = 0; i < p->nchannels; i++)
		if (c->channels.n && !strlist_has(&c->channels, p->channels[i].channel) &&
		    idlist_has(&channels, p->channels[i].channel))
			post_problem_add(pp, false, "channels", "campaign '%s' does not run on channel '%s'", c->id,
					 p->channels[i].channel);
	if (p->has_time && zone && c->start && c->end) {
		struct tz_local l;
		tz_to_local(zone, p->scheduled_at, &l);
		char day[ISO_BUFSZ];
		iso_format_date(iso_days_from_civil(l.year, l.month, l.day), day);
		if (strcmp(day, c->start) < 0 || strcmp(day, c->end) > 0)
			post_problem_add(pp, false, "scheduled", "%s is outside campaign '%s' (%s to %s)", day, c->id,
					 c->start, c->end);
	}
}

int post_check_text(const struct post *p, const struct plan *plan, const struct text_matcher *m, bool strict,
		    struct post_problems *pp, struct post_measure *measures, struct err *e)
{
	for (size_t i = 0; i < p->nchannels; i++) {
		const char *id = p->channels[i].channel;
		const struct plan_channel *ch = post_plan_channel(plan, id);
		const struct platform *pf = ch && ch->platform ? platform_find(ch->platform) : NULL;
		char field[160];
		snprintf(field, sizeof(field), "text.%s", id);
		struct post_measure mm = { ch ? ch->platform : NULL, pf != NULL, 0, 0, true };
		const char *s = post_text(p, i);
		size_t n = strlen(s);
		if (pf) {
			size_t limit = ch->char_limit > 0 && !isnan(ch->char_limit) ? (size_t)ch->char_limit : 0;
			struct platform_report r;
			struct err pe = { .lang = pp->lang };
			if (platform_check(m, pf, limit, NULL, s, n, pp->lang, &r, &pe) < 0) {
				post_problem_add(pp, true, field, "%s: %s", id, pe.msg);
				mm.valid = false;
			} else {
				mm.length = r.length;
				mm.limit = r.limit;
				mm.valid = r.valid;
				for (size_t j = 0; j < r.nproblems; j++) {
					const struct platform_problem *q = &r.problems[j];
					post_problem_add(pp, strict && q->severity == PLATFORM_ERROR, field,
							 "%s (%s) %u:%u: %s", id, pf->name, q->line, q->column, q->message);
				}
			}
			platform_report_release(&r);
			if (!strcmp(pf->name, "instagram") && !p->nmedia)
				post_problem_add(pp, strict, "media", "%s (instagram): a post needs an image or video", id);
		} else if (!n) {
			post_problem_add(pp, strict, field, "%s: the text is empty", id);
			mm.valid = false;
		}
		if (measures)
			measures[i] = mm;
	}
	for (size_t i = 0; i < p->nmedia; i++)
		if (!p->media[i].alt)
			post_problem_add(pp, false, "media", "%s has no alt text", p->media[i].location);
	(void)e;
	return 0;
}

/* The single call site of the UTM tagger (src/content/utm.h). */
int post_tag_utm(struct post *p, const struct plan *plan, struct err *e)
{
	struct utm_domains own = { 0 };
	for (size_t i = 0; i < plan->organisation.domains.n; i++)
		if (utm_domains_add(&own, plan->organisation.domains.v[i], e) < 0) {
			utm_domains_release(&own);
			return e->code;
		}
	const struct plan_campaign *c = find_campaign(plan, p->campaign);
	char content[32];
	snprintf(content, sizeof(content), "%" PRId64, p->id);
	for (size_t i = 0; own.n && i < p->nchannels; i++) {
		struct post_variant *v = &p->channels[i];
		const struct plan_channel *ch = post_plan_channel(plan, v->channel);
		struct utm_tags t = { .source = ch && ch->platform ? ch->platform : v->channel,
				      .medium = "social",
				      .campaign = c ? c->utm_campaign : NULL,
				      .content = content };
		const char *text = post_text(p, i);
		size_t ntagged = 0;
		char *tagged = utm_tag_text(text, strlen(text), &own, &t, &ntagged);
		if (ntagged)
			post_set(&v->body, tagged);
		free(tagged);
		if (p->link) {
			char *out = NULL;
			enum utm_result res;
			struct err ue = { .lang = e->lang };
			if (utm_tag_link(p->link, strlen(p->link), &own, &t, &out, &res, &ue) == 0)
				post_set(&v->link, out);
			free(out);
		}
	}
	utm_domains_release(&own);
	return 0;
}

/* ---- store ---- */

static int save_children(struct db *db, const struct post *p, struct err *e)
{
	if (db_run(db, e, "DELETE FROM post_channels WHERE post_id = ?1", "i", p->id) < 0 ||
	    db_run(db, e, "DELETE FROM post_media WHERE post_id = ?1", "i", p->id) < 0)
		return e->code;
	for (size_t i = 0; i < p->nchannels; i++)
		if (db_run(db, e, "INSERT INTO post_channels (post_id, channel, body, link) VALUES (?1, ?2, ?3, ?4)",
			   "isss", p->id, p->channels[i].channel, p->channels[i].body, p->channels[i].link) < 0)
			return e->code;
	for (size_t i = 0; i < p->nmedia; i++)
		if (db_run(db, e, "INSERT INTO post_media (post_id, position, location, alt_text) VALUES (?1, ?2, ?3, ?4)",
			   "iiss", p->id, (int64_t)i + 1, p->media[i].location, p->media[i].alt) < 0)
			return e->code;
	return 0;
}

int post_save(struct db *db, int64_t ws, struct post *p, struct err *e)
{
	int r = db_begin(db, e);
	if (r < 0)
		return r;
	struct db_stmt *st = NULL;
	const char *sql = p->id
		? "UPDATE posts SET title = ?2, body = ?3, link = ?4, pillar = ?5, persona = ?6, goal = ?7, "
		  "campaign = ?8, status = ?9, scheduled_at = ?10, author = ?11, approver = ?12, "
		  "updated_at = strftime('%s', 'now') WHERE id = ?1 AND workspace_id = ?13"
		: "INSERT INTO posts (title, body, link, pillar, persona, goal, campaign, status, scheduled_at, "
		  "author, approver, workspace_id) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	r = db_prepare(db, &st, sql, e);
	if (r == 0) {
		if (p->id)
			db_bind_int(st, 1, p->id);
		const char *strs[] = { p->title, p->body ? p->body : "", p->link, p->pillar, p->persona, p->goal,
				       p->campaign, p->status };
		for (int i = 0; i < 8; i++)
			db_bind_text(st, i + 2, strs[i]);
		if (p->has_time)
			db_bind_int(st, 10, p->scheduled_at);
		else
			db_bind_null(st, 10);
		db_bind_text(st, 11, p->author);
		db_bind_text(st, 12, p->approver);
		db_bind_int(st, 13, ws);
		r = db_step(st, e);
		db_finalize(st);
	}
	if (r >= 0 && p->id && db_changes(db) == 0)
		r = err_set(e, ERR_NOTFOUND, "no post %lld in this workspace", (long long)p->id);
	if (r >= 0 && !p->id)
		p->id = db_last_id(db);
	if (r >= 0)
		r = save_children(db, p, e);
	if (r >= 0)
		r = db_commit(db, e);
	if (r < 0)
		db_rollback(db);
	return r < 0 ? r : 0;
}

#define POST_COLS                                                                                      \
	"id, title, body, link, pillar, persona, goal, campaign, status, scheduled_at, author, approver, " \
	"created_at, updated_at"

static void read_row(struct db_stmt *st, struct post *p)
{
	memset(p, 0, sizeof(*p));
	p->id = db_col_int(st, 0);
	char **strs[] = { &p->title, &p->body, &p->link, &p->pillar, &p->persona, &p->goal, &p->campaign,
			  &p->status };
	for (int i = 0; i < 8; i++)
		*strs[i] = db_col_dup(st, i + 1);
	p->has_time = !db_col_is_null(st, 9);
	p->scheduled_at = db_col_int(st, 9);
	p->author = db_col_dup(st, 10);
	p->approver = db_col_dup(st, 11);
	p->created_at = db_col_int(st, 12);
	p->updated_at = db_col_int(st, 13);
}

static int load_children(struct db *db, struct post *p, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st, "SELECT channel, body, link FROM post_channels WHERE post_id = ?1 ORDER BY rowid", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, p->id);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct post_variant *v = post_add_channel(p, db_col_text(st, 0), NULL);
		v->body = db_col_dup(st, 1);
		v->link = db_col_dup(st, 2);
	}
	db_finalize(st);
	if (r < 0)
		return r;
	r = db_prepare(db, &st, "SELECT location, alt_text FROM post_media WHERE post_id = ?1 ORDER BY position", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, p->id);
	while ((r = db_step(st, e)) == DB_ROW)
		post_add_media(p, db_col_text(st, 0), db_col_text(st, 1));
	db_finalize(st);
	return r < 0 ? r : 0;
}

int post_load(struct db *db, int64_t ws, int64_t id, struct post *p, struct err *e)
{
	memset(p, 0, sizeof(*p));
	struct db_stmt *st;
	int r = db_prepare(db, &st, "SELECT " POST_COLS " FROM posts WHERE id = ?1 AND workspace_id = ?2", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, ws);
	r = db_step(st, e);
	if (r == DB_ROW)
		read_row(st, p);
	db_finalize(st);
	if (r < 0)
		return r;
	if (r == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "no post %lld in this workspace", (long long)id);
	r = load_children(db, p, e);
	if (r < 0)
		post_release(p);
	return r;
}

int post_delete(struct db *db, int64_t ws, int64_t id, struct err *e)
{
	int r = db_run(db, e, "DELETE FROM posts WHERE id = ?1 AND workspace_id = ?2", "ii", id, ws);
	if (r < 0)
		return r;
	if (db_changes(db) == 0)
		return err_set(e, ERR_NOTFOUND, "no post %lld in this workspace", (long long)id);
	return 0;
}

int post_list(struct db *db, int64_t ws, const struct post_filter *f, struct post **out, size_t *n,
	      struct err *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT " POST_COLS " FROM posts WHERE workspace_id = ?1"
			   " AND (?2 = 0 OR (scheduled_at >= ?3 AND scheduled_at < ?4))"
			   " AND (?5 IS NULL OR status = ?5)"
			   " AND (?6 IS NULL OR EXISTS (SELECT 1 FROM post_channels c WHERE c.post_id = posts.id"
			   " AND c.channel = ?6))"
			   " ORDER BY scheduled_at IS NULL, scheduled_at, id",
			   e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_int(st, 2, f && f->has_range);
	db_bind_int(st, 3, f ? f->from : 0);
	db_bind_int(st, 4, f ? f->to : 0);
	db_bind_text(st, 5, f ? f->status : NULL);
	db_bind_text(st, 6, f ? f->channel : NULL);
	size_t alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(*out, *n + 1, alloc);
		read_row(st, &(*out)[(*n)++]);
	}
	db_finalize(st);
	for (size_t i = 0; r >= 0 && i < *n; i++)
		r = load_children(db, &(*out)[i], e);
	if (r < 0) {
		post_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return r;
	}
	return 0;
}

void post_list_free(struct post *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		post_release(&v[i]);
	free(v);
}

int post_history_add(struct db *db, int64_t post, int64_t at, const char *actor, const char *from,
		     const char *to, const char *note, struct err *e)
{
	return db_run(db, e,
		      "INSERT INTO post_history (post_id, at, actor, from_status, to_status, note) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		      "iissss", post, at, actor, from, to, note);
}

int post_history(struct db *db, int64_t post, struct post_event **out, size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT at, actor, from_status, to_status, note FROM post_history WHERE post_id = ?1 "
			   "ORDER BY at, id",
			   e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, post);
	size_t alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = (struct post_event){ db_col_int(st, 0), db_col_dup(st, 1), db_col_dup(st, 2),
						      db_col_dup(st, 3), db_col_dup(st, 4) };
	}
	db_finalize(st);
	return r < 0 ? r : 0;
}

void post_history_free(struct post_event *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].actor);
		free(v[i].from);
		free(v[i].to);
		free(v[i].note);
	}
	free(v);
}
