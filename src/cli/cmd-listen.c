/*
 * koers listen ... — the listening engine's commands.
 *
 * `listen query` is itself a small group (test now; add, list and rm join
 * it later), dispatched here because the command table has two levels.
 */
#include <string.h>

#include "base/strbuf.h"
#include "cli/commands.h"
#include "listen/query.h"

/* Lines longer than this are reported and skipped, so stdin cannot grow memory without bound. */
#define LINE_CAP (1u << 20)

/*
 * Read one line (without its newline) into sb. 1: a line; 0: end of input;
 * -1: the line was longer than the cap (the rest of it is skipped).
 */
static int read_line(FILE *in, struct strbuf *sb)
{
	strbuf_reset(sb);
	int c, too_long = 0;
	bool any = false;
	while ((c = getc_unlocked(in)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (!too_long && strbuf_addch(sb, c) < 0)
			too_long = 1;
	}
	if (!any)
		return 0;
	if (sb->len && sb->buf[sb->len - 1] == '\r')
		sb->buf[--sb->len] = '\0';
	return too_long ? -1 : 1;
}

static int query_test_run(struct koers *k, int argc, char **argv)
{
	const char *text_lang = NULL, *platform = NULL, *author = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "text-lang", &text_lang, "LANG", N_("language of the texts, for lang: filters")),
		OPT_STRING(0, "platform", &platform, "NAME", N_("platform of the texts, for platform: filters")),
		OPT_STRING(0, "author", &author, "HANDLE", N_("author of the texts, for author: filters")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	struct err e = { .lang = k->lang };
	struct query_set *set = query_set_new();
	struct query_scratch *s = NULL;
	if (query_set_add(set, "test", argv[0], &e) < 0 || query_set_compile(set, &e) < 0 ||
	    !(s = query_scratch_new(set, &e))) {
		query_set_free(set);
		return cli_fail(k, err_exit_code(e.code), "%s: %s", tr(k->lang, "query"), e.msg);
	}
	struct strbuf line;
	strbuf_init(&line, LINE_CAP);
	unsigned long lineno = 0, matched = 0, skipped = 0;
	int r;
	while ((r = read_line(stdin, &line)) != 0) {
		lineno++;
		if (r < 0) {
			fprintf(stderr, tr(k->lang, "koers: line %lu: longer than %u bytes, skipped\n"), lineno, LINE_CAP);
			skipped++;
			continue;
		}
		struct query_mention m = { .text = line.buf, .len = line.len,
					   .lang = text_lang, .platform = platform, .author = author };
		const unsigned *ids;
		int nm = query_set_match(set, s, &m, &ids);
		if (nm < 0) {
			strbuf_release(&line);
			query_scratch_free(s);
			query_set_free(set);
			return cli_fail(k, EXIT_IO, "%s", tr(k->lang, "matching failed"));
		}
		matched += nm > 0;
		if (k->json) {
			json_t *o = json_pack("{s:I, s:s%, s:b}", "line", (json_int_t)lineno, "text", line.buf, line.len,
					      "match", nm > 0);
			if (!o) /* not valid UTF-8: jansson refuses it; report without the text */
				o = json_pack("{s:I, s:n, s:b}", "line", (json_int_t)lineno, "text", nm > 0);
			char *js = json_dumps(o, JSON_COMPACT);
			puts(js);
			free(js);
			json_decref(o);
		} else if (nm > 0) {
			printf("%lu: %s\n", lineno, line.buf);
		}
	}
	if (!k->json)
		printf(trn(k->lang, "%lu of %lu text matches\n", "%lu of %lu texts match\n", lineno), matched, lineno);
	strbuf_release(&line);
	query_scratch_free(s);
	query_set_free(set);
	return skipped ? EXIT_FINDINGS : EXIT_OK;
}

static const struct cmd query_test_cmd = {
	"test", N_("say which texts on standard input match a query"),
	"[--text-lang LANG] [--platform NAME] [--author HANDLE] [--] 'EXPR' < TEXTS", query_test_run, NULL,
};

static const struct cmd *const query_subs[] = {
	&query_test_cmd, &listen_query_add_cmd, &listen_query_list_cmd, &listen_query_rm_cmd, &listen_query_import_cmd, NULL,
};

static const struct cmd listen_query_cmd = {
	"query", N_("tracked queries: test, add, list, rm, import (see docs/queries.md)"), "test|add|list|rm|import ...", NULL, query_subs,
};

static const struct cmd *const listen_subs[] = {
	&listen_query_cmd,
	&listen_classify_cmd,
	&listen_train_cmd,
	&listen_ingest_cmd,
	&listen_report_cmd,
	&listen_authors_cmd,
	&listen_mentions_cmd,
	&listen_terms_cmd,
	&listen_alerts_cmd,
	&listen_detect_cmd,
	NULL,
};

const struct cmd cmd_listen = { "listen", N_("listen to what is said: queries, mentions, sentiment"), NULL, NULL, listen_subs };
