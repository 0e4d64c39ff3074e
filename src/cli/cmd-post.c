/*
 * koers post check|entities — measure a post's text (more post commands join
 * this group later).
 *
 * Both read the text from standard input; one final newline ("\n" or
 * "\r\n") is not part of the text, so `echo text | koers post check` measures
 * "text". With --batch every input line is a JSON string holding one text and
 * every output line is the compact JSON result for it (used by the tests to
 * run a whole conformance suite in one process).
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/commands.h"
#include "content/platform.h"
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
		if (batch) {
			fprintf(stderr, "koers: %s\n", e.msg);
			printf("null\n");
			return EXIT_FINDINGS;
		}
		return cli_fail_err(k, &e);
	}
	if (batch) {
		json_t *o = report_json(&r);
		json_dumpf(o, stdout, JSON_COMPACT);
		fputc('\n', stdout);
		json_decref(o);
	} else if (k->json) {
		cli_json(report_json(&r));
	} else {
		report_text(k, &r);
	}
	int rc = r.valid ? EXIT_OK : EXIT_FINDINGS;
	platform_report_release(&r);
	return rc;
}

static int post_check_run(struct koers *k, int argc, char **argv)
{
	const char *platform = NULL, *limit = NULL, *config = NULL;
	bool batch = false;
	const struct opt opts[] = {
		OPT_STRING('p', "platform", &platform, "P",
			   N_("x, bluesky, mastodon, threads, linkedin, instagram or facebook")),
		OPT_STRING(0, "limit", &limit, "N", N_("the limit to check against (e.g. a Mastodon instance's own)")),
		OPT_STRING(0, "x-config", &config, "V", N_("twitter-text configuration for x: v2 or v3 (default)")),
		OPT_FLAG(0, "batch", &batch, N_("read one JSON string per line, write one JSON result per line")),
		OPT_END(),
	};
	int n = cli_parse(k, argc, argv, opts);
	if (n == CLI_DONE)
		return k->exit_code;
	if (!cli_nargs(k, n, 0, 0))
		return EXIT_USAGE;
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
		if (batch) {
			fprintf(stderr, "koers: %s\n", e.msg);
			printf("null\n");
			return EXIT_FINDINGS;
		}
		return cli_fail_err(k, &e);
	}
	if (batch) {
		json_t *a = entities_json(&es);
		json_dumpf(a, stdout, JSON_COMPACT);
		fputc('\n', stdout);
		json_decref(a);
	} else if (k->json) {
		cli_json(entities_json(&es));
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
	int n = cli_parse(k, argc, argv, opts);
	if (n == CLI_DONE)
		return k->exit_code;
	if (!cli_nargs(k, n, 0, 0))
		return EXIT_USAGE;
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

static const struct cmd post_check_cmd = {
	"check", N_("check a post's text (stdin) against a platform's rules"),
	"--platform P [--limit N] [--x-config v2|v3] [--batch]", post_check_run, NULL,
};
static const struct cmd post_entities_cmd = {
	"entities", N_("list the hashtags, mentions, URLs and cashtags in a text (stdin)"),
	"[--only KIND] [--batch]", post_entities_run, NULL,
};

static const struct cmd *const post_subs[] = { &post_check_cmd, &post_entities_cmd, NULL };

const struct cmd cmd_post = { "post", N_("compose and check posts"), NULL, NULL, post_subs };
