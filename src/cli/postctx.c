#include "cli/postctx.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/isotime.h"
#include "base/tz.h"
#include "content/post.h"
#include "content/text.h"
#include "workspace/workspace.h"

int postctx_open(struct koers *k, struct postctx *c)
{
	memset(c, 0, sizeof(*c));
	plan_init(&c->plan);
	int r = cli_workspace(k, false);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	struct ws w;
	if (ws_find(k->db, k->ws_name, &w, &e) < 0)
		return cli_fail_err(k, &e);
	r = tz_load(w.timezone, NULL, &c->zone, &e);
	ws_release(&w);
	if (r < 0)
		return cli_fail_err(k, &e);
	plan_free(&c->plan);
	r = plan_load_current(k->db, k->ws_id, &c->plan, &c->version, &e);
	if (r == ERR_NOTFOUND)
		return cli_fail(k, EXIT_FINDINGS, tr(k->lang, "workspace %s has no plan: import one with 'koers plan import FILE'"),
				k->ws_name);
	if (r < 0)
		return cli_fail_err(k, &e);
	c->m = text_matcher_new();
	return 0;
}

void postctx_close(struct postctx *c)
{
	plan_free(&c->plan);
	plan_version_release(&c->version);
	tz_free(c->zone);
	text_matcher_free(c->m);
	memset(c, 0, sizeof(*c));
}

const char *postctx_actor(struct koers *k, const char *as)
{
	if (as && *as)
		return as;
	const char *env = getenv("KOERS_USER");
	if (env && *env)
		return env;
	cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "say which team member you are with --as MEMBER (or $KOERS_USER)"));
	return NULL;
}

bool postctx_id(struct koers *k, const char *s, int64_t *id)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || v <= 0) {
		cli_fail(k, EXIT_USAGE, tr(k->lang, "'%s' is not a post id"), s);
		return false;
	}
	*id = v;
	return true;
}

int postctx_time(struct koers *k, const struct postctx *c, const char *s, int64_t *t)
{
	struct err e = { .lang = k->lang };
	if (iso_parse_datetime(s, c->zone, t, &e, NULL) < 0)
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "time '%s': %s"), s, e.msg);
	return 0;
}

int postctx_day(struct koers *k, const char *opt, const char *s, int64_t *day)
{
	struct err e = { .lang = k->lang };
	if (iso_parse_date(s, day, &e, NULL) < 0)
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "%s '%s': %s"), opt, s, e.msg);
	return 0;
}

int64_t postctx_midnight(const struct postctx *c, int64_t day)
{
	int64_t y;
	unsigned m, d;
	iso_civil_from_days(day, &y, &m, &d);
	return tz_from_local(c->zone, y, (int)m, (int)d, 0, 0, 0);
}

int64_t postctx_now(void)
{
	const char *env = getenv("KOERS_NOW");
	int64_t t;
	if (env && *env && iso_parse_datetime(env, NULL, &t, NULL, NULL) == 0)
		return t;
	return (int64_t)time(NULL);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *postctx_json(const struct postctx *c, const struct post *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "status", json_string(p->status));
	if (p->has_time) {
		char loc[ISO_BUFSZ], utc[ISO_BUFSZ];
		iso_format_local(c->zone, p->scheduled_at, loc);
		iso_format_utc(p->scheduled_at, utc);
		json_object_set_new(o, "scheduled", json_string(loc));
		json_object_set_new(o, "scheduled_utc", json_string(utc));
	} else {
		json_object_set_new(o, "scheduled", json_null());
		json_object_set_new(o, "scheduled_utc", json_null());
	}
	const char *names[] = { "title", "text", "link", "pillar", "persona", "goal", "campaign", "author", "approver" };
	const char *vals[] = { p->title, p->body, p->link, p->pillar, p->persona, p->goal, p->campaign, p->author, p->approver };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		json_object_set_new(o, names[i], str_or_null(vals[i]));
	struct post_measure *mm = calloc(p->nchannels ? p->nchannels : 1, sizeof(*mm));
	struct post_problems pp = { .lang = LANG_EN };
	struct err e = { .lang = LANG_EN };
	post_check_text(p, &c->plan, c->m, true, &pp, mm, &e);
	json_t *ch = json_array();
	for (size_t i = 0; i < p->nchannels; i++) {
		json_t *v = json_pack("{s:s, s:o, s:s, s:o, s:b}", "channel", p->channels[i].channel, "platform",
				      str_or_null(mm[i].platform), "text", post_text(p, i), "link",
				      str_or_null(p->channels[i].link ? p->channels[i].link : p->link), "valid", mm[i].valid);
		if (mm[i].known) {
			json_object_set_new(v, "length", json_integer((json_int_t)mm[i].length));
			json_object_set_new(v, "limit", json_integer((json_int_t)mm[i].limit));
		}
		json_array_append_new(ch, v);
	}
	free(mm);
	post_problems_release(&pp);
	json_object_set_new(o, "channels", ch);
	json_t *media = json_array();
	for (size_t i = 0; i < p->nmedia; i++)
		json_array_append_new(media, json_pack("{s:s, s:o}", "location", p->media[i].location, "alt",
						       str_or_null(p->media[i].alt)));
	json_object_set_new(o, "media", media);
	return o;
}

const char *postctx_status_sgr(const char *status)
{
	static const struct { const char *status, *sgr; } colors[] = {
		{ "draft", "2" }, { "submitted", "33" }, { "approved", "36" }, { "scheduled", "32" },
		{ "published", "34" }, { "rejected", "31" }, { "failed", "31;1" }, { "cancelled", "9" },
	};
	for (size_t i = 0; i < sizeof(colors) / sizeof(colors[0]); i++)
		if (!strcmp(colors[i].status, status))
			return colors[i].sgr;
	return "0";
}
