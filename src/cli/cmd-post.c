/*
 * koers post — compose, store, approve, import and export posts, and
 * measure a post's text (check, entities).
 *
 * Both read the text from standard input; one final newline ("\n" or
 * "\r\n") is not part of the text, so `echo text | koers post check` measures
 * "text". With --batch every input line is a JSON string holding one text and
 * every output line is the compact JSON result for it (used by the tests to
 * run a whole conformance suite in one process).
 */
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/strbuf.h"
#include "base/tz.h"
#include "base/xalloc.h"
#include "cli/postctx.h"
#include "content/post.h"
#include "content/postcsv.h"
#include "content/workflow.h"
#include "db/db.h"
#include "cli/commands.h"
#include "content/platform.h"
#include "content/slots.h"
#include "content/text.h"

#define TEXT_CAP (16u << 20)

static json_t *entities_json(const struct text_entities *es)
{
	json_t *a = json_array();
	for (size_t i = 0; i < es->n; i++) {
		const struct text_entity *t = &es->v[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "kind", text_kind_name(t->kind),
						   "text", t->text, "start", (json_int_t)t->start16, "end",
						   (json_int_t)t->end16, "byte_start", (json_int_t)t->start,
						   "byte_end", (json_int_t)t->end));
	}
	return a;
}

static json_t *report_json(const struct platform_report *r)
{
	json_t *o = json_pack("{s:s, s:I, s:s, s:I, s:b, s:I, s:I, s:I, s:I}", "platform", r->platform->name,
			      "limit", (json_int_t)r->limit, "unit", r->platform->unit, "length",
			      (json_int_t)r->length, "valid", r->valid, "bytes", (json_int_t)r->bytes, "graphemes",
			      (json_int_t)r->graphemes, "codepoints", (json_int_t)r->codepoints, "hashtags",
			      (json_int_t)r->hashtags);
	if (r->platform->count == PLATFORM_WEIGHTED) {
		const struct text_tt_result *t = &r->tt;
		json_object_set_new(o, "weighted_length", json_integer(t->weighted_length));
		json_object_set_new(o, "permillage", json_integer(t->permillage));
		json_object_set_new(o, "valid_range_start", json_integer((json_int_t)t->valid_start));
		json_object_set_new(o, "valid_range_end", json_integer((json_int_t)t->valid_end));
		json_object_set_new(o, "display_range_start", json_integer((json_int_t)t->display_start));
		json_object_set_new(o, "display_range_end", json_integer((json_int_t)t->display_end));
	}
	if (r->platform->count == PLATFORM_GRAPHEMES) {
		json_t *fa = json_array();
		for (size_t i = 0; i < r->facets.n; i++) {
			const struct facet *f = &r->facets.v[i];
			const char *key = f->kind == FACET_LINK ? "uri" : f->kind == FACET_MENTION ? "did" : "tag";
			json_array_append_new(fa, json_pack("{s:s, s:{s:I, s:I}, s:[{s:s, s:s}]}", "$type",
							    "app.bsky.richtext.facet", "index", "byteStart",
							    (json_int_t)f->byte_start, "byteEnd", (json_int_t)f->byte_end,
							    "features", "$type", facet_type(f->kind), key, f->value));
		}
		json_object_set_new(o, "facets", fa);
	}
	json_t *pa = json_array();
	for (size_t i = 0; i < r->nproblems; i++) {
		const struct platform_problem *p = &r->problems[i];
		json_array_append_new(pa, json_pack("{s:s, s:s, s:s, s:I, s:I, s:i, s:i}", "code", p->code, "severity",
						    p->severity == PLATFORM_ERROR ? "error" : "warning", "message",
						    p->message, "offset", (json_int_t)p->offset, "offset_utf16",
						    (json_int_t)p->offset16, "line", (int)p->line, "column", (int)p->column));
	}
	json_object_set_new(o, "problems", pa);
	return o;
}

static void report_text(struct koers *k, const struct platform_report *r)
{
	const char *ok = r->valid ? tr(k->lang, "valid") : tr(k->lang, "not valid");
	printf("%s: %zu/%zu %s, %s%s%s\n", r->platform->title, r->length, r->limit, tr(k->lang, r->platform->unit),
	       cli_color(k, r->valid ? "32" : "31"), ok, cli_color(k, "0"));
	if (r->platform->count != PLATFORM_GRAPHEMES)
		printf(tr(k->lang, "%zu graphemes, %zu bytes\n"), r->graphemes, r->bytes);
	else
		printf(tr(k->lang, "%zu bytes of %zu\n"), r->bytes, r->platform->byte_limit);
	for (size_t i = 0; i < r->nproblems; i++) {
		const struct platform_problem *p = &r->problems[i];
		printf("%u:%u: %s: %s\n", p->line, p->column,
		       p->severity == PLATFORM_ERROR ? tr(k->lang, "error") : tr(k->lang, "warning"), p->message);
	}
	for (size_t i = 0; i < r->facets.n; i++) {
		const struct facet *f = &r->facets.v[i];
		printf(tr(k->lang, "facet %s bytes %zu-%zu: %s\n"), facet_type(f->kind) + strlen("app.bsky.richtext.facet#"),
		       f->byte_start, f->byte_end, f->value);
	}
}

/* Read standard input; without --batch the one text it holds. */
static int read_input(struct koers *k, char **buf, size_t *len)
{
	struct err e = { .lang = k->lang };
	if (cli_read_file("-", TEXT_CAP, buf, len, &e) < 0)
		return cli_fail_err(k, &e);
	return 0;
}

static void strip_newline(const char *s, size_t *n)
{
	if (*n > 0 && s[*n - 1] == '\n')
		(*n)--;
	if (*n > 0 && s[*n - 1] == '\r')
		(*n)--;
}

/* Calls fn for each text: the whole input, or each JSON line with --batch. */
static int each_text(struct koers *k, bool batch, int (*fn)(struct koers *, void *, const char *, size_t, bool),
		     void *ctx)
{
	char *buf;
	size_t len;
	int rc = read_input(k, &buf, &len), worst = 0;
	if (rc)
		return rc;
	if (!batch) {
		strip_newline(buf, &len);
		size_t bad = text_utf8_check(buf, len);
		if (bad < len) {
			unsigned line, col;
			text_position(buf, bad, &line, &col);
			free(buf);
			return cli_fail(k, EXIT_FINDINGS, tr(k->lang, "<stdin>:%u:%u: invalid UTF-8 (byte %zu)"), line,
					col, bad);
		}
		rc = fn(k, ctx, buf, len, false);
		free(buf);
		return rc;
	}
	size_t lineno = 0;
	for (char *p = buf, *end = buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		lineno++;
		json_error_t je;
		json_t *v = n ? json_loadb(p, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je) : NULL;
		p += n + (nl != NULL);
		if (!n)
			continue;
		if (!json_is_string(v)) {
			fprintf(stderr, tr(k->lang, "koers: <stdin>:%zu: expected a JSON string per line\n"), lineno);
			printf("null\n");
			json_decref(v);
			worst = EXIT_FINDINGS;
			continue;
		}
		rc = fn(k, ctx, json_string_value(v), json_string_length(v), true);
		if (rc > worst)
			worst = rc;
		json_decref(v);
	}
	free(buf);
	return worst;
}

/* A text that cannot be measured: in batch mode a null line and the batch goes on. */
static int one_failed(struct koers *k, const struct err *e, bool batch)
{
	if (!batch)
		return cli_fail_err(k, e);
	fprintf(stderr, "koers: %s\n", e->msg);
	printf("null\n");
	return EXIT_FINDINGS;
}

/* One result as a compact JSON line (batch) or an indented document (--json). */
static void one_json(json_t *v, bool batch)
{
	if (!batch) {
		cli_json(v);
		return;
	}
	json_dumpf(v, stdout, JSON_COMPACT);
	fputc('\n', stdout);
	json_decref(v);
}

struct check_ctx {
	struct text_matcher *m;
	const struct platform *p;
	size_t limit;
	const struct text_tt_config *tt;
};

static int check_one(struct koers *k, void *vctx, const char *s, size_t n, bool batch)
{
	struct check_ctx *c = vctx;
	struct platform_report r;
	struct err e = { .lang = k->lang };
	if (platform_check(c->m, c->p, c->limit, c->tt, s, n, k->lang, &r, &e) < 0) {
		platform_report_release(&r);
		return one_failed(k, &e, batch);
	}
	if (batch || k->json)
		one_json(report_json(&r), batch);
	else
		report_text(k, &r);
	int rc = r.valid ? EXIT_OK : EXIT_FINDINGS;
	platform_report_release(&r);
	return rc;
}

static int check_stored(struct koers *k, const char *id);

static int post_check_run(struct koers *k, int argc, char **argv)
{
	const char *platform = NULL, *limit = NULL, *config = NULL, *post = NULL;
	bool batch = false;
	const struct opt opts[] = {
		OPT_STRING('p', "platform", &platform, "P",
			   N_("x, bluesky, mastodon, threads, linkedin, instagram or facebook")),
		OPT_STRING(0, "limit", &limit, "N", N_("the limit to check against (e.g. a Mastodon instance's own)")),
		OPT_STRING(0, "x-config", &config, "V", N_("twitter-text configuration for x: v2 or v3 (default)")),
		OPT_FLAG(0, "batch", &batch, N_("read one JSON string per line, write one JSON result per line")),
		OPT_STRING(0, "post", &post, "ID", N_("check a stored post on each of its channels instead of stdin")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	if (post)
		return check_stored(k, post);
	if (!platform)
		return cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "--platform is required"));
	struct check_ctx c = { .p = platform_find(platform) };
	if (!c.p)
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "unknown platform '%s'"), platform);
	if (limit) {
		char *end;
		unsigned long long v = strtoull(limit, &end, 10);
		if (*end || end == limit || v == 0 || v > 100000000 || limit[0] == '-')
			return cli_fail(k, EXIT_USAGE, tr(k->lang, "--limit wants a positive whole number, not '%s'"), limit);
		c.limit = (size_t)v;
	}
	if (config) {
		if (!strcmp(config, "v2") || !strcmp(config, "2"))
			c.tt = &text_tt_v2;
		else if (!strcmp(config, "v3") || !strcmp(config, "3"))
			c.tt = &text_tt_v3;
		else
			return cli_fail(k, EXIT_USAGE, tr(k->lang, "--x-config wants v2 or v3, not '%s'"), config);
	}
	c.m = text_matcher_new();
	int rc = each_text(k, batch, check_one, &c);
	text_matcher_free(c.m);
	return rc;
}

static const struct {
	const char *name;
	unsigned which;
} kinds[] = {
	{ "url", TEXT_URLS }, { "hashtag", TEXT_HASHTAGS }, { "mention", TEXT_MENTIONS },
	{ "cashtag", TEXT_CASHTAGS }, { "all", TEXT_ALL },
};

struct entities_ctx {
	struct text_matcher *m;
	unsigned which;
};

static int entities_one(struct koers *k, void *vctx, const char *s, size_t n, bool batch)
{
	struct entities_ctx *c = vctx;
	struct text_entities es = { 0 };
	struct err e = { .lang = k->lang };
	if (text_extract(c->m, s, n, c->which, &es, &e) < 0) {
		text_entities_release(&es);
		return one_failed(k, &e, batch);
	}
	if (batch || k->json) {
		one_json(entities_json(&es), batch);
	} else {
		for (size_t i = 0; i < es.n; i++) {
			const struct text_entity *t = &es.v[i];
			printf(tr(k->lang, "%-8s %s  (UTF-16 %zu-%zu, bytes %zu-%zu)\n"), text_kind_name(t->kind), t->text,
			       t->start16, t->end16, t->start, t->end);
		}
	}
	text_entities_release(&es);
	return EXIT_OK;
}

static int post_entities_run(struct koers *k, int argc, char **argv)
{
	const char *only = NULL;
	bool batch = false;
	const struct opt opts[] = {
		OPT_STRING(0, "only", &only, "KIND",
			   N_("run one extractor: url, hashtag, mention (with lists) or cashtag")),
		OPT_FLAG(0, "batch", &batch, N_("read one JSON string per line, write one JSON result per line")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	struct entities_ctx c = { .which = TEXT_ALL };
	if (only) {
		size_t i = 0;
		while (i < sizeof(kinds) / sizeof(kinds[0]) && strcmp(kinds[i].name, only))
			i++;
		if (i == sizeof(kinds) / sizeof(kinds[0]))
			return cli_fail(k, EXIT_USAGE, tr(k->lang, "unknown entity kind '%s'"), only);
		c.which = kinds[i].which;
	}
	c.m = text_matcher_new();
	int rc = each_text(k, batch, entities_one, &c);
	text_matcher_free(c.m);
	return rc;
}

/* ---- the stored posts ---- */

/* The options add and edit share. */
struct post_opts {
	struct opt_list channels, variants, media;
	const char *text, *title, *link, *pillar, *persona, *goal, *campaign, *at, *author, *as;
	bool no_time;
};

#define POST_FIELD_OPTS(o)                                                                                         \
	OPT_LIST('c', "channel", &(o).channels, "ID", N_("a plan channel to post on (repeat, or ID,ID)")),     \
	OPT_STRING('t', "text", &(o).text, "TEXT", N_("the post's text ('-': standard input)")),               \
	OPT_LIST(0, "variant", &(o).variants, N_("CH=TEXT"), N_("the text for one channel instead of --text")),    \
	OPT_LIST(0, "media", &(o).media, N_("FILE[|ALT]"), N_("an image or video with its alt text (repeat)")),   \
	OPT_STRING(0, "title", &(o).title, "TITLE", N_("a working title for the calendar")),                  \
	OPT_STRING(0, "link", &(o).link, "URL", N_("the link the post promotes")),                             \
	OPT_STRING(0, "pillar", &(o).pillar, "ID", N_("the content pillar of the plan")),                      \
	OPT_STRING(0, "persona", &(o).persona, "ID", N_("the persona of the plan it addresses")),              \
	OPT_STRING(0, "goal", &(o).goal, "ID", N_("the goal of the plan it serves")),                          \
	OPT_STRING(0, "campaign", &(o).campaign, "ID", N_("the campaign of the plan it belongs to")),          \
	OPT_STRING(0, "at", &(o).at, "TIME", N_("when to publish, local time (2026-03-27T09:00)")),           \
	OPT_STRING(0, "author", &(o).author, "MEMBER", N_("who wrote it (default: --as)")),                    \
	OPT_STRING(0, "as", &(o).as, "MEMBER", N_("the team member acting (default: $KOERS_USER)"))

static void opts_release(struct post_opts *o)
{
	free(o->channels.v);
	free(o->variants.v);
	free(o->media.v);
}

/* Apply the options to p; an exit code or 0. */
static int apply_opts(struct koers *k, struct postctx *c, struct post_opts *o, struct post *p, bool edit)
{
	if (o->channels.n && edit) {
		/* --channel on edit replaces the channel list; variants of kept channels stay */
		struct post old = *p;
		p->channels = NULL;
		p->nchannels = p->achannels = 0;
		for (size_t i = 0; i < o->channels.n; i++)
			for (size_t j = 0; j < old.nchannels; j++)
				if (!strcmp(old.channels[j].channel, o->channels.v[i]))
					post_add_channel(p, old.channels[j].channel, old.channels[j].body);
		for (size_t j = 0; j < old.nchannels; j++) {
			free(old.channels[j].channel);
			free(old.channels[j].body);
			free(old.channels[j].link);
		}
		free(old.channels);
	}
	for (size_t i = 0; i < o->channels.n; i++) {
		char *list = xstrdup(o->channels.v[i]);
		for (char *s = list, *save = NULL; (s = strtok_r(s, ", ", &save)); s = NULL)
			post_add_channel(p, s, NULL);
		free(list);
	}
	if (o->text && !strcmp(o->text, "-")) {
		char *buf;
		size_t len;
		int r = read_input(k, &buf, &len);
		if (r)
			return r;
		strip_newline(buf, &len);
		buf[len] = '\0';
		post_set(&p->body, buf);
		free(buf);
	} else if (o->text) {
		post_set(&p->body, o->text);
	}
	for (size_t i = 0; i < o->variants.n; i++) {
		const char *eq = strchr(o->variants.v[i], '=');
		if (!eq || eq == o->variants.v[i])
			return cli_fail(k, EXIT_USAGE, tr(k->lang, "--variant wants CHANNEL=TEXT, not '%s'"), o->variants.v[i]);
		char *ch = xstrndup(o->variants.v[i], (size_t)(eq - o->variants.v[i]));
		bool has = post_has_channel(p, ch);
		if (has)
			post_add_channel(p, ch, eq + 1);
		free(ch);
		if (!has)
			return cli_fail(k, EXIT_FINDINGS, tr(k->lang, "--variant %s: the post does not go to that channel"),
					o->variants.v[i]);
	}
	for (size_t i = 0; i < o->media.n; i++) {
		char *loc = xstrdup(o->media.v[i]), *alt = strchr(loc, '|');
		if (alt)
			*alt++ = '\0';
		post_add_media(p, loc, alt);
		free(loc);
	}
	struct { const char *v; char **field; } sets[] = {
		{ o->title, &p->title }, { o->link, &p->link }, { o->pillar, &p->pillar }, { o->persona, &p->persona },
		{ o->goal, &p->goal }, { o->campaign, &p->campaign },
	};
	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
		if (sets[i].v)
			post_set(sets[i].field, sets[i].v);
	if (o->at) {
		int r = postctx_time(k, c, o->at, &p->scheduled_at);
		if (r)
			return r;
		p->has_time = true;
	}
	return 0;
}

static void print_problems(struct koers *k, const struct post_problems *pp)
{
	for (size_t i = 0; i < pp->n; i++)
		fprintf(stderr, "koers: %s: %s: %s\n", pp->v[i].field,
			pp->v[i].error ? tr(k->lang, "error") : tr(k->lang, "warning"), pp->v[i].message);
}

/* Check the plan references (errors stop) and the texts (drafts: warnings). */
static int check_post(struct koers *k, struct postctx *c, const struct post *p)
{
	struct post_problems pp = { .lang = k->lang };
	struct err e = { .lang = k->lang };
	post_check_refs(p, &c->plan, c->zone, &pp);
	post_check_text(p, &c->plan, c->m, false, &pp, NULL, &e);
	print_problems(k, &pp);
	size_t errors = post_problems_errors(&pp);
	post_problems_release(&pp);
	return errors ? EXIT_FINDINGS : 0;
}

static void print_post(struct koers *k, const struct postctx *c, const struct post *p);

static int post_add_run(struct koers *k, int argc, char **argv)
{
	struct post_opts o = { 0 };
	const struct opt opts[] = { POST_FIELD_OPTS(o), OPT_END() };
	int n = cli_args(k, argc, argv, opts, 0, 0), rc;
	if (n == CLI_DONE)
		return opts_release(&o), k->exit_code;
	struct postctx c;
	struct post p;
	post_init(&p);
	rc = postctx_open(k, &c);
	const char *actor = rc ? NULL : postctx_actor(k, o.as);
	if (!rc && !actor)
		rc = EXIT_USAGE;
	if (!rc) {
		post_set(&p.author, o.author ? o.author : actor);
		rc = apply_opts(k, &c, &o, &p, false);
	}
	if (!rc && !p.body && !p.nchannels)
		rc = cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "a post needs --channel and --text"));
	if (!rc)
		rc = check_post(k, &c, &p);
	if (!rc) {
		struct err e = { .lang = k->lang };
		if (db_begin(k->db, &e) < 0 || post_save(k->db, k->ws_id, &p, &e) < 0 ||
		    post_history_add(k->db, p.id, postctx_now(), actor, NULL, p.status, "created", &e) < 0 ||
		    db_commit(k->db, &e) < 0) {
			db_rollback(k->db);
			rc = cli_fail_err(k, &e);
		}
	}
	if (!rc)
		print_post(k, &c, &p);
	post_release(&p);
	postctx_close(&c);
	opts_release(&o);
	return rc;
}

/* Load post argv[0] after opening the context; an exit code or 0. */
static int open_post(struct koers *k, struct postctx *c, const char *arg, struct post *p)
{
	int64_t id;
	post_init(p);
	int rc = postctx_open(k, c);
	if (rc)
		return rc;
	if (!postctx_id(k, arg, &id))
		return EXIT_USAGE;
	struct err e = { .lang = k->lang };
	post_release(p);
	if (post_load(k->db, k->ws_id, id, p, &e) < 0) {
		post_init(p);
		return cli_fail_err(k, &e);
	}
	return 0;
}

static int post_edit_run(struct koers *k, int argc, char **argv)
{
	struct post_opts o = { 0 };
	const struct opt opts[] = { POST_FIELD_OPTS(o), OPT_END() };
	int n = cli_args(k, argc, argv, opts, 1, 1), rc;
	if (n == CLI_DONE)
		return opts_release(&o), k->exit_code;
	struct postctx c;
	struct post p;
	rc = open_post(k, &c, argv[0], &p);
	const char *actor = rc ? NULL : postctx_actor(k, o.as);
	if (!rc && !actor)
		rc = EXIT_USAGE;
	if (!rc && (!strcmp(p.status, "published") || !strcmp(p.status, "cancelled")))
		rc = cli_fail(k, EXIT_FINDINGS, tr(k->lang, "post %lld is %s and can no longer be edited"), (long long)p.id,
			      p.status);
	if (!rc && o.author)
		post_set(&p.author, o.author);
	if (!rc)
		rc = apply_opts(k, &c, &o, &p, true);
	if (!rc)
		rc = check_post(k, &c, &p);
	if (!rc) {
		/* A changed post needs a new review: back to draft, tagged links dropped. */
		char *from = xstrdup(p.status);
		bool reopen = strcmp(from, "draft") != 0;
		if (reopen) {
			post_set(&p.status, "draft");
			post_set(&p.approver, NULL);
			for (size_t i = 0; i < p.nchannels; i++)
				post_set(&p.channels[i].link, NULL);
		}
		struct err e = { .lang = k->lang };
		if (db_begin(k->db, &e) < 0 || post_save(k->db, k->ws_id, &p, &e) < 0 ||
		    (reopen && post_history_add(k->db, p.id, postctx_now(), actor, from, "draft", "edited", &e) < 0) ||
		    db_commit(k->db, &e) < 0) {
			db_rollback(k->db);
			rc = cli_fail_err(k, &e);
		}
		if (!rc && reopen && !k->json)
			fprintf(stderr, tr(k->lang, "koers: post %lld was %s and is a draft again: submit it for approval\n"),
				(long long)p.id, from);
		free(from);
	}
	if (!rc)
		print_post(k, &c, &p);
	post_release(&p);
	postctx_close(&c);
	opts_release(&o);
	return rc;
}


/* The first line of the title or text, cut at `max` code points. */
static void post_summary(const struct post *p, char *buf, size_t size, size_t max)
{
	const char *s = p->title ? p->title : p->body ? p->body : "";
	size_t i = 0, cps = 0;
	while (s[i] && s[i] != '\n' && i + 4 < size) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++cps > max)
			break;
		i++;
	}
	memcpy(buf, s, i);
	buf[i] = '\0';
	if (s[i] && s[i] != '\n' && cps > max) {
		while (i > 0 && ((unsigned char)buf[i] & 0xC0) == 0x80)
			i--;
		memcpy(buf + i, "…", sizeof("…"));
	}
}

static void print_post_line(struct koers *k, const struct postctx *c, const struct post *p)
{
	char when[ISO_BUFSZ] = "-", summary[256];
	if (p->has_time) {
		struct tz_local l;
		tz_to_local(c->zone, p->scheduled_at, &l);
		snprintf(when, sizeof(when), "%04lld-%02u-%02u %02u:%02u", (long long)l.year, l.month, l.day, l.hour, l.min);
	}
	struct strbuf ch;
	strbuf_init(&ch, STRBUF_NOCAP);
	for (size_t i = 0; i < p->nchannels; i++)
		strbuf_addf(&ch, "%s%s", i ? "," : "", p->channels[i].channel);
	post_summary(p, summary, sizeof(summary), 50);
	printf("%5lld  %-16s  %s%-9s%s  %-14s  %s\n", (long long)p->id, when, cli_color(k, postctx_status_sgr(p->status)),
	       p->status, cli_color(k, "0"), ch.buf, summary);
	strbuf_release(&ch);
}

/* The post a command changed: as JSON, or as its line of `post list`. */
static void print_post(struct koers *k, const struct postctx *c, const struct post *p)
{
	if (k->json)
		cli_json(postctx_json(c, p));
	else
		print_post_line(k, c, p);
}

static int post_show_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	struct postctx c;
	struct post p;
	int rc = open_post(k, &c, argv[0], &p);
	struct post_event *ev = NULL;
	size_t nev = 0;
	struct err e = { .lang = k->lang };
	if (!rc && post_history(k->db, p.id, &ev, &nev, &e) < 0)
		rc = cli_fail_err(k, &e);
	struct post_problems pp = { .lang = k->lang };
	if (!rc) {
		post_check_refs(&p, &c.plan, c.zone, &pp);
		post_check_text(&p, &c.plan, c.m, strcmp(p.status, "draft") != 0, &pp, NULL, &e);
	}
	if (!rc && k->json) {
		json_t *o = postctx_json(&c, &p), *h = json_array(), *pa = json_array();
		for (size_t i = 0; i < nev; i++) {
			char at[ISO_BUFSZ];
			iso_format_local(c.zone, ev[i].at, at);
			json_array_append_new(h, json_pack("{s:s, s:s, s:o, s:s, s:o}", "at", at, "actor", ev[i].actor,
							   "from", ev[i].from ? json_string(ev[i].from) : json_null(),
							   "to", ev[i].to, "note",
							   ev[i].note ? json_string(ev[i].note) : json_null()));
		}
		for (size_t i = 0; i < pp.n; i++)
			json_array_append_new(pa, json_pack("{s:s, s:s, s:s}", "field", pp.v[i].field, "severity",
							    pp.v[i].error ? "error" : "warning", "message", pp.v[i].message));
		json_object_set_new(o, "history", h);
		json_object_set_new(o, "problems", pa);
		cli_json(o);
	} else if (!rc) {
		char when[ISO_BUFSZ] = "-";
		if (p.has_time)
			iso_format_local(c.zone, p.scheduled_at, when);
		printf(tr(k->lang, "post %lld  %s%s%s  %s\n"), (long long)p.id, cli_color(k, postctx_status_sgr(p.status)), p.status,
		       cli_color(k, "0"), when);
		const char *labels[] = { N_("title"), N_("link"), N_("pillar"), N_("persona"), N_("goal"),
					 N_("campaign"), N_("author"), N_("approver") };
		const char *vals[] = { p.title, p.link, p.pillar, p.persona, p.goal, p.campaign, p.author, p.approver };
		for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
			if (vals[i])
				printf("  %-10s %s\n", tr(k->lang, labels[i]), vals[i]);
		for (size_t i = 0; i < p.nmedia; i++)
			printf("  %-10s %s%s%s\n", tr(k->lang, "media"), p.media[i].location, p.media[i].alt ? " | " : "",
			       p.media[i].alt ? p.media[i].alt : "");
		json_t *j = postctx_json(&c, &p), *chs = json_object_get(j, "channels");
		for (size_t i = 0; i < p.nchannels; i++) {
			json_t *v = json_array_get(chs, i);
			json_t *len = json_object_get(v, "length"), *lim = json_object_get(v, "limit");
			printf("\n[%s] %s", p.channels[i].channel,
			       json_is_string(json_object_get(v, "platform")) ? json_string_value(json_object_get(v, "platform")) : "");
			if (len)
				printf(" %lld/%lld %s%s%s", (long long)json_integer_value(len), (long long)json_integer_value(lim),
				       cli_color(k, json_is_true(json_object_get(v, "valid")) ? "32" : "31"),
				       json_is_true(json_object_get(v, "valid")) ? tr(k->lang, "valid") : tr(k->lang, "not valid"),
				       cli_color(k, "0"));
			printf("\n%s\n", post_text(&p, i));
			if (p.channels[i].link)
				printf("%s %s\n", tr(k->lang, "link:"), p.channels[i].link);
		}
		json_decref(j);
		if (pp.n)
			printf("\n%s\n", tr(k->lang, "Problems:"));
		for (size_t i = 0; i < pp.n; i++)
			printf("  %s: %s: %s\n", pp.v[i].field, pp.v[i].error ? tr(k->lang, "error") : tr(k->lang, "warning"),
			       pp.v[i].message);
		printf("\n%s\n", tr(k->lang, "History:"));
		for (size_t i = 0; i < nev; i++) {
			char at[ISO_BUFSZ];
			iso_format_local(c.zone, ev[i].at, at);
			printf("  %s  %-10s %s → %s%s%s\n", at, ev[i].actor, ev[i].from ? ev[i].from : "-", ev[i].to,
			       ev[i].note ? "  " : "", ev[i].note ? ev[i].note : "");
		}
	}
	post_problems_release(&pp);
	post_history_free(ev, nev);
	post_release(&p);
	postctx_close(&c);
	return rc;
}

/* --from/--to as a UTC range; an exit code or 0. */
static int range_opts(struct koers *k, const struct postctx *c, const char *from, const char *to,
		      struct post_filter *f)
{
	int64_t a = 0, b = 0;
	int rc = 0;
	if (from && (rc = postctx_day(k, "--from", from, &a)))
		return rc;
	if (to && (rc = postctx_day(k, "--to", to, &b)))
		return rc;
	if (from || to) {
		f->has_range = true;
		f->from = from ? postctx_midnight(c, a) : INT64_MIN / 2;
		f->to = to ? postctx_midnight(c, b + 1) : INT64_MAX / 2;
	}
	return 0;
}

static int check_stored(struct koers *k, const char *id)
{
	struct postctx c;
	struct post p;
	int rc = open_post(k, &c, id, &p);
	if (rc) {
		post_release(&p);
		postctx_close(&c);
		return rc;
	}
	struct post_problems pp = { .lang = k->lang };
	struct err e = { .lang = k->lang };
	struct post_measure *mm = xcalloc(p.nchannels ? p.nchannels : 1, sizeof(*mm));
	post_check_text(&p, &c.plan, c.m, true, &pp, mm, &e);
	if (k->json) {
		json_t *o = postctx_json(&c, &p), *pa = json_array();
		for (size_t i = 0; i < pp.n; i++)
			json_array_append_new(pa, json_pack("{s:s, s:s, s:s}", "field", pp.v[i].field, "severity",
							    pp.v[i].error ? "error" : "warning", "message", pp.v[i].message));
		json_object_set_new(o, "problems", pa);
		cli_json(o);
	} else {
		for (size_t i = 0; i < p.nchannels; i++) {
			if (mm[i].known)
				printf("%s (%s): %zu/%zu %s%s%s\n", p.channels[i].channel, mm[i].platform, mm[i].length,
				       mm[i].limit, cli_color(k, mm[i].valid ? "32" : "31"),
				       mm[i].valid ? tr(k->lang, "valid") : tr(k->lang, "not valid"), cli_color(k, "0"));
			else
				printf(tr(k->lang, "%s (%s): no text rules for this platform\n"), p.channels[i].channel,
				       mm[i].platform ? mm[i].platform : "?");
		}
		for (size_t i = 0; i < pp.n; i++)
			printf("%s: %s: %s\n", pp.v[i].field, pp.v[i].error ? tr(k->lang, "error") : tr(k->lang, "warning"),
			       pp.v[i].message);
	}
	rc = post_problems_errors(&pp) ? EXIT_FINDINGS : EXIT_OK;
	free(mm);
	post_problems_release(&pp);
	post_release(&p);
	postctx_close(&c);
	return rc;
}

static int post_list_run(struct koers *k, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *channel = NULL, *status = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "from", &from, "DATE", N_("posts on or after this local day")),
		OPT_STRING(0, "to", &to, "DATE", N_("posts on or before this local day")),
		OPT_STRING(0, "channel", &channel, "ID", N_("only posts on this channel")),
		OPT_STRING(0, "status", &status, "STATUS", N_("only posts with this status")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	struct postctx c;
	int rc = postctx_open(k, &c);
	struct post_filter f = { .channel = channel, .status = status };
	if (!rc)
		rc = range_opts(k, &c, from, to, &f);
	struct post *v = NULL;
	size_t nv = 0;
	struct err e = { .lang = k->lang };
	if (!rc && post_list(k->db, k->ws_id, &f, &v, &nv, &e) < 0)
		rc = cli_fail_err(k, &e);
	if (!rc && k->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < nv; i++)
			json_array_append_new(a, postctx_json(&c, &v[i]));
		cli_json(a);
	} else if (!rc) {
		for (size_t i = 0; i < nv; i++)
			print_post_line(k, &c, &v[i]);
	}
	post_list_free(v, nv);
	postctx_close(&c);
	return rc;
}

static int post_move_run(struct koers *k, int argc, char **argv)
{
	const char *as = NULL, *at = NULL;
	bool clear = false;
	const struct opt opts[] = {
		OPT_STRING(0, "at", &at, "TIME", N_("the new time, local (or as the second argument)")),
		OPT_FLAG(0, "unschedule", &clear, N_("take the post off the calendar (no time)")),
		OPT_STRING(0, "as", &as, "MEMBER", N_("the team member acting (default: $KOERS_USER)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 2);
	if (n == CLI_DONE)
		return k->exit_code;
	if (n == 2)
		at = argv[1];
	if (!at && !clear)
		return cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "say when: koers post move ID TIME"));
	struct postctx c;
	struct post p;
	int rc = open_post(k, &c, argv[0], &p);
	const char *actor = rc ? NULL : postctx_actor(k, as);
	if (!rc && !actor)
		rc = EXIT_USAGE;
	if (!rc && (!strcmp(p.status, "published") || !strcmp(p.status, "cancelled")))
		rc = cli_fail(k, EXIT_FINDINGS, tr(k->lang, "post %lld is %s and can no longer be moved"), (long long)p.id,
			      p.status);
	if (!rc && clear && !strcmp(p.status, "scheduled"))
		rc = cli_fail(k, EXIT_FINDINGS, tr(k->lang, "post %lld is scheduled: cancel it or give a new time"),
			      (long long)p.id);
	char old[ISO_BUFSZ] = "-", now[ISO_BUFSZ] = "-";
	if (!rc && p.has_time)
		iso_format_local(c.zone, p.scheduled_at, old);
	if (!rc && at)
		rc = postctx_time(k, &c, at, &p.scheduled_at);
	if (!rc) {
		p.has_time = !clear;
		if (p.has_time)
			iso_format_local(c.zone, p.scheduled_at, now);
		char *note = xasprintf("moved from %s to %s", old, now);
		struct err e = { .lang = k->lang };
		if (db_begin(k->db, &e) < 0 || post_save(k->db, k->ws_id, &p, &e) < 0 ||
		    post_history_add(k->db, p.id, postctx_now(), actor, p.status, p.status, note, &e) < 0 ||
		    db_commit(k->db, &e) < 0) {
			db_rollback(k->db);
			rc = cli_fail_err(k, &e);
		}
		free(note);
	}
	if (!rc)
		print_post(k, &c, &p);
	post_release(&p);
	postctx_close(&c);
	return rc;
}

static int post_delete_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	struct postctx c;
	struct post p;
	int rc = open_post(k, &c, argv[0], &p);
	if (!rc && !strcmp(p.status, "published"))
		rc = cli_fail(k, EXIT_FINDINGS, tr(k->lang, "post %lld is published and stays on record"), (long long)p.id);
	struct err e = { .lang = k->lang };
	if (!rc && post_delete(k->db, k->ws_id, p.id, &e) < 0)
		rc = cli_fail_err(k, &e);
	if (!rc && k->json)
		cli_json(json_pack("{s:I, s:b}", "id", (json_int_t)p.id, "deleted", 1));
	else if (!rc)
		printf(tr(k->lang, "deleted post %lld\n"), (long long)p.id);
	post_release(&p);
	postctx_close(&c);
	return rc;
}

/* submit, approve, reject, schedule, cancel: the command's name is the action. */
static int post_flow_run(struct koers *k, int argc, char **argv)
{
	const char *as = NULL, *note = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "as", &as, "MEMBER", N_("the team member acting (default: $KOERS_USER)")),
		OPT_STRING(0, "note", &note, "TEXT", N_("a note for the history (e.g. why it was rejected)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	struct postctx c;
	struct post p;
	int rc = open_post(k, &c, argv[0], &p);
	const char *actor = rc ? NULL : postctx_actor(k, as);
	if (!rc && !actor)
		rc = EXIT_USAGE;
	struct err e = { .lang = k->lang };
	/* An approved post scheduled without a time gets its first channel's next free
	 * posting slot; without slots the workflow says that it needs a time. */
	if (!rc && !strcmp(k->cmd->name, "schedule") && !strcmp(p.status, "approved") && !p.has_time &&
	    p.nchannels) {
		int r = slots_next_free(k->db, k->ws_id, c.zone, p.channels[0].channel, postctx_now(), &p.scheduled_at, &e);
		if (r == 0)
			p.has_time = true;
		else if (r != ERR_NOTFOUND)
			rc = cli_fail_err(k, &e);
	}
	if (!rc) {
		char *from = xstrdup(p.status);
		if (wf_apply(k->db, k->ws_id, &c.plan, c.m, &p, k->cmd->name, actor, note, postctx_now(), &e) < 0)
			rc = cli_fail_err(k, &e);
		else if (k->json)
			cli_json(postctx_json(&c, &p));
		else
			printf(tr(k->lang, "post %lld: %s → %s (%s)\n"), (long long)p.id, from, p.status, actor);
		free(from);
	}
	post_release(&p);
	postctx_close(&c);
	return rc;
}

#define CSV_CAP (64u << 20)

static int post_import_run(struct koers *k, int argc, char **argv)
{
	const char *as = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "as", &as, "MEMBER", N_("recorded as the actor when a row names no author")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	struct postctx c;
	int rc = postctx_open(k, &c);
	char *buf = NULL;
	size_t len = 0;
	struct err e = { .lang = k->lang };
	if (!rc && cli_read_file(argv[0], CSV_CAP, &buf, &len, &e) < 0)
		rc = cli_fail_err(k, &e);
	struct post *v = NULL;
	size_t nv = 0;
	unsigned *rows = NULL;
	struct diags d = { .lang = k->lang, .max = 200 };
	if (!rc && postcsv_read(argv[0], buf, len, &c.plan, c.zone, c.m, &v, &nv, &rows, &d) < 0) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s:%u:%u: %s\n", d.v[i].file, d.v[i].line, d.v[i].column, d.v[i].msg);
		if (d.dropped)
			fprintf(stderr, tr(k->lang, "koers: and %zu more problems\n"), d.dropped);
		fprintf(stderr, trn(k->lang, "koers: %s: nothing imported (%zu problem)\n",
				    "koers: %s: nothing imported (%zu problems)\n", d.n + d.dropped),
			argv[0], d.n + d.dropped);
		rc = EXIT_FINDINGS;
	}
	/* All or nothing: one transaction for every post and its history. */
	if (!rc && db_begin(k->db, &e) < 0)
		rc = cli_fail_err(k, &e);
	int64_t now = postctx_now();
	for (size_t i = 0; !rc && i < nv; i++) {
		struct post *p = &v[i];
		const char *actor = p->approver && strcmp(p->status, "draft") && strcmp(p->status, "submitted")
					    ? p->approver
				    : p->author ? p->author : as ? as : "import";
		char *note = xasprintf("imported from %s:%u", argv[0], rows[i]);
		bool ready = !strcmp(p->status, "approved") || !strcmp(p->status, "scheduled");
		if (post_save(k->db, k->ws_id, p, &e) < 0 || (ready && post_tag_utm(p, &c.plan, &e) < 0) ||
		    (ready && post_save(k->db, k->ws_id, p, &e) < 0) ||
		    post_history_add(k->db, p->id, now, actor, NULL, p->status, note, &e) < 0)
			rc = cli_fail_err(k, &e);
		free(note);
	}
	if (!rc && db_commit(k->db, &e) < 0)
		rc = cli_fail_err(k, &e);
	if (rc && nv)
		db_rollback(k->db);
	if (!rc) {
		if (k->json) {
			json_t *ids = json_array();
			for (size_t i = 0; i < nv; i++)
				json_array_append_new(ids, json_integer(v[i].id));
			cli_json(json_pack("{s:s, s:I, s:o}", "file", argv[0], "imported", (json_int_t)nv, "ids", ids));
		} else {
			printf(trn(k->lang, "imported %zu post from %s\n", "imported %zu posts from %s\n", nv), nv, argv[0]);
		}
	}
	diags_release(&d);
	free(rows);
	post_list_free(v, nv);
	free(buf);
	postctx_close(&c);
	return rc;
}

static int post_export_run(struct koers *k, int argc, char **argv)
{
	const char *format = NULL, *out = NULL, *from = NULL, *to = NULL, *channel = NULL, *status = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "format", &format, "FORMAT", N_("csv (default) or json")),
		OPT_STRING('o', "output", &out, "FILE", N_("write to FILE (default: standard output)")),
		OPT_STRING(0, "from", &from, "DATE", N_("posts on or after this local day")),
		OPT_STRING(0, "to", &to, "DATE", N_("posts on or before this local day")),
		OPT_STRING(0, "channel", &channel, "ID", N_("only posts on this channel")),
		OPT_STRING(0, "status", &status, "STATUS", N_("only posts with this status")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	bool json = k->json;
	if (format && !strcmp(format, "json"))
		json = true;
	else if (format && strcmp(format, "csv"))
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "--format wants csv or json, not '%s'"), format);
	struct postctx c;
	int rc = postctx_open(k, &c);
	struct post_filter f = { .channel = channel, .status = status };
	if (!rc)
		rc = range_opts(k, &c, from, to, &f);
	struct post *v = NULL;
	size_t nv = 0;
	struct err e = { .lang = k->lang };
	if (!rc && post_list(k->db, k->ws_id, &f, &v, &nv, &e) < 0)
		rc = cli_fail_err(k, &e);
	FILE *fp = rc ? NULL : cli_open_output(k, out, &e);
	if (!rc && !fp)
		rc = cli_fail_err(k, &e);
	if (!rc) {
		if (json) {
			json_t *a = json_array();
			for (size_t i = 0; i < nv; i++)
				json_array_append_new(a, postctx_json(&c, &v[i]));
			json_dumpf(a, fp, JSON_INDENT(2));
			fputc('\n', fp);
			json_decref(a);
		} else {
			struct strbuf sb;
			strbuf_init(&sb, STRBUF_NOCAP);
			postcsv_write(&sb, v, nv, c.zone);
			fwrite(sb.buf, 1, sb.len, fp);
			strbuf_release(&sb);
		}
		if (cli_close_output(fp, out, &e) < 0)
			rc = cli_fail_err(k, &e);
	}
	post_list_free(v, nv);
	postctx_close(&c);
	return rc;
}

static const struct cmd post_add_cmd = {
	"add", N_("add a post to the calendar (a draft)"),
	"--channel ID --text TEXT [--at TIME] [--pillar ID] [--persona ID] [--goal ID] [--campaign ID] ...",
	post_add_run, NULL,
};
static const struct cmd post_edit_cmd = { "edit", N_("change a post (a reviewed post becomes a draft again)"),
					  "ID [OPTIONS]", post_edit_run, NULL };
static const struct cmd post_show_cmd = { "show", N_("show a post: texts per channel, problems, history"), "ID",
					  post_show_run, NULL };
static const struct cmd post_list_cmd = { "list", N_("list the posts in calendar order"),
					  "[--from DATE] [--to DATE] [--channel ID] [--status S]", post_list_run, NULL };
static const struct cmd post_move_cmd = { "move", N_("give a post another time"), "ID TIME | ID --unschedule",
					  post_move_run, NULL };
static const struct cmd post_delete_cmd = { "delete", N_("delete a post that is not published"), "ID",
					    post_delete_run, NULL };
static const struct cmd post_submit_cmd = { "submit", N_("send a draft for approval"), "ID [--as MEMBER] [--note TEXT]",
					    post_flow_run, NULL };
static const struct cmd post_approve_cmd = { "approve", N_("approve a submitted post (approver or owner, not its author)"),
					     "ID [--as MEMBER] [--note TEXT]", post_flow_run, NULL };
static const struct cmd post_reject_cmd = { "reject", N_("send a post back to its author (approver or owner)"),
					    "ID [--as MEMBER] [--note TEXT]", post_flow_run, NULL };
static const struct cmd post_schedule_cmd = { "schedule", N_("put an approved post in the publishing queue"),
					      "ID [--as MEMBER] [--note TEXT]", post_flow_run, NULL };
static const struct cmd post_cancel_cmd = { "cancel", N_("cancel a post that is not published"),
					    "ID [--as MEMBER] [--note TEXT]", post_flow_run, NULL };
static const struct cmd post_import_cmd = { "import", N_("import posts from CSV, all or nothing"), "FILE.csv",
					    post_import_run, NULL };
static const struct cmd post_export_cmd = { "export", N_("export posts as CSV or JSON"),
					    "[--format csv|json] [-o FILE] [--from DATE] [--to DATE]", post_export_run, NULL };

static const struct cmd post_check_cmd = {
	"check", N_("check a post's text (stdin) against a platform's rules"),
	"--platform P [--limit N] [--x-config v2|v3] [--batch] | --post ID", post_check_run, NULL,
};
static const struct cmd post_entities_cmd = {
	"entities", N_("list the hashtags, mentions, URLs and cashtags in a text (stdin)"),
	"[--only KIND] [--batch]", post_entities_run, NULL,
};

static const struct cmd *const post_subs[] = {
	&post_add_cmd, &post_edit_cmd, &post_show_cmd, &post_list_cmd, &post_move_cmd, &post_delete_cmd,
	&post_submit_cmd, &post_approve_cmd, &post_reject_cmd, &post_schedule_cmd, &post_cancel_cmd,
	&post_import_cmd, &post_export_cmd, &post_check_cmd, &post_entities_cmd, NULL,
};

const struct cmd cmd_post = { "post", N_("compose, approve, import and check posts"), NULL, NULL, post_subs };
