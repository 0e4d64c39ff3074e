/*
 * koers listen ingest | query add|list|rm|import — getting mentions and
 * tracked queries into the workspace (see docs/listening.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "cli/commands.h"
#include "db/db.h"
#include "listen/engine.h"
#include "listen/lstore.h"
#include "listen/query.h"

enum { MODEL_CAP = 512u << 20, PROBLEMS_SHOWN = 100 };

struct ingest_ui {
	struct koers *k;
	bool tty, lines; /* a progress line on a terminal; or one line per commit (--progress) */
	unsigned long shown;
	uint64_t last_progress;
};

static void on_problem(void *ctx, const char *file, const struct ingest_problem *p)
{
	struct ingest_ui *ui = ctx;
	if (ui->tty)
		fputs("\r\033[K", stderr);
	if (ui->shown++ < PROBLEMS_SHOWN)
		fprintf(stderr, "koers: %s: %s\n", file, p->msg);
	else if (ui->shown == PROBLEMS_SHOWN + 1)
		fprintf(stderr, "%s", tr(ui->k->lang, "koers: more bad records; see the summary\n"));
}

static void on_progress(void *ctx, const struct listen_stats *s)
{
	struct ingest_ui *ui = ctx;
	if (ui->lines) { /* after each commit: what is stored now stays stored */
		fprintf(stderr, tr(ui->k->lang, "read %llu, matched %llu, stored %llu, rejected %llu\n"),
			(unsigned long long)s->read, (unsigned long long)s->matched, (unsigned long long)s->stored,
			(unsigned long long)s->rejected);
		fflush(stderr);
		return;
	}
	if (!ui->tty || s->read - ui->last_progress < 50000)
		return;
	ui->last_progress = s->read;
	fputs("\r\033[K", stderr);
	fprintf(stderr, tr(ui->k->lang, "read %llu, matched %llu, stored %llu, rejected %llu"),
		(unsigned long long)s->read, (unsigned long long)s->matched, (unsigned long long)s->stored,
		(unsigned long long)s->rejected);
	fflush(stderr);
}

static enum ingest_format guess_format(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && !strcmp(dot, ".csv") ? INGEST_CSV : INGEST_JSONL;
}

static void print_summary(struct koers *k, const struct listen_stats *s, size_t queries)
{
	if (k->json) {
		json_t *by = json_object();
		for (int i = 0; i < INGEST_R__COUNT; i++)
			if (s->rejected_by[i])
				json_object_set_new(by, ingest_reason_name((enum ingest_reason)i), json_integer((json_int_t)s->rejected_by[i]));
		cli_json(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:f}", "read", (json_int_t)s->read, "matched",
				   (json_int_t)s->matched, "matches", (json_int_t)s->matches, "stored", (json_int_t)s->stored,
				   "duplicates", (json_int_t)s->duplicates, "rejected", (json_int_t)s->rejected,
				   "rejected_by", by, "queries", (json_int_t)queries, "store_seconds", s->store_seconds));
		return;
	}
	printf(tr(k->lang, "read %llu, matched %llu (%llu query matches), stored %llu, duplicates %llu, rejected %llu\n"),
	       (unsigned long long)s->read, (unsigned long long)s->matched, (unsigned long long)s->matches,
	       (unsigned long long)s->stored, (unsigned long long)s->duplicates, (unsigned long long)s->rejected);
	for (int i = 0; i < INGEST_R__COUNT; i++)
		if (s->rejected_by[i])
			printf("  %-14s %llu\n", ingest_reason_name((enum ingest_reason)i), (unsigned long long)s->rejected_by[i]);
}

static int ingest_run(struct koers *k, int argc, char **argv)
{
	const char *format = NULL, *threads = NULL, *map = NULL, *platform = NULL, *model = NULL, *batch = NULL;
	bool strict = false, quiet = false, progress = false;
	const struct opt opts[] = {
		OPT_STRING('f', "format", &format, N_("FORMAT"), N_("jsonl, mastodon, bluesky, x or csv (default: csv for .csv files, else jsonl)")),
		OPT_FLAG(0, "strict", &strict, N_("stop at the first bad record")),
		OPT_STRING('j', "threads", &threads, N_("N"), N_("threads: with N > 1, one reads and stores while N - 1 parse, match and classify (default 1)")),
		OPT_STRING(0, "map", &map, N_("FIELD=COLUMN,..."), N_("CSV: the columns of the fields (default: the field names)")),
		OPT_STRING(0, "platform", &platform, N_("NAME"), N_("platform of records that name none")),
		OPT_STRING('m', "model", &model, N_("FILE"), N_("sentiment model trained with 'koers listen train'")),
		OPT_STRING(0, "batch", &batch, N_("N"), N_("records per transaction (default 16384)")),
		OPT_FLAG('q', "quiet", &quiet, N_("no progress line")),
		OPT_FLAG(0, "progress", &progress, N_("a progress line after every transaction, also when not on a terminal")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1 << 20);
	if (n == CLI_DONE)
		return k->exit_code;
	struct listen_engine_opts eo = { .io = { .csv_map = map, .platform = platform, .lang = k->lang }, .strict = strict };
	if (format && ingest_format_parse(format, &eo.format) < 0)
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "unknown format '%s' (jsonl, mastodon, bluesky, x or csv)"), format);
	long t = 1, b = 0;
	if ((threads && cli_number(k, "--threads", threads, 1, 64, &t)) ||
	    (batch && cli_number(k, "--batch", batch, 1, 1000000, &b)))
		return EXIT_USAGE;
	eo.threads = (int)t;
	eo.batch = (unsigned)b;
	int r = cli_workspace(k, true);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	char *model_buf = NULL;
	if (model) {
		if (cli_read_file(model, MODEL_CAP, &model_buf, &eo.model_len, &e) < 0)
			return cli_fail_err(k, &e);
		eo.model = model_buf;
	}
	struct ingest_ui ui = { .k = k, .tty = !quiet && !progress && isatty(2), .lines = progress };
	eo.problem = on_problem;
	eo.progress = on_progress;
	eo.ctx = &ui;
	struct listen_engine *en = NULL;
	struct listen_stats st = { 0 };
	size_t queries = 0;
	if (lstore_sync_current(k->db, k->ws_id, &e) < 0)
		goto fail;
	/* One engine per format: files of different kinds may be mixed only with --format. */
	for (int i = 0; i < n; i++) {
		struct listen_engine_opts fo = eo;
		if (!format)
			fo.format = strcmp(argv[i], "-") ? guess_format(argv[i]) : INGEST_JSONL;
		if (!en || fo.format != eo.format) {
			listen_engine_free(en);
			eo.format = fo.format;
			if (listen_engine_new(&en, k->db, k->ws_id, &eo, &e) < 0)
				goto fail;
			queries = listen_engine_queries(en);
		}
		FILE *in = strcmp(argv[i], "-") ? fopen(argv[i], "rb") : stdin;
		if (!in) {
			err_set(&e, ERR_IO, "%s: %s", argv[i], strerror(errno));
			goto fail;
		}
		r = listen_engine_run(en, in, argv[i], &st, &e);
		if (in != stdin)
			fclose(in);
		if (r < 0 && !(strict && r == ERR_DATA))
			goto fail;
		if (r < 0) {
			if (ui.tty)
				fputs("\r\033[K", stderr);
			fprintf(stderr, "koers: %s\n", e.msg);
			break;
		}
	}
	if (ui.tty && ui.last_progress)
		fputs("\r\033[K", stderr);
	print_summary(k, &st, queries);
	listen_engine_free(en);
	free(model_buf);
	return st.rejected ? EXIT_FINDINGS : EXIT_OK;
fail:
	if (ui.tty && ui.last_progress)
		fputs("\r\033[K", stderr);
	listen_engine_free(en);
	free(model_buf);
	if (st.read)
		print_summary(k, &st, queries);
	return cli_fail_err(k, &e);
}

const struct cmd listen_ingest_cmd = {
	"ingest", N_("read mentions, match the tracked queries, classify and store them"),
	"[--format F] [--strict] [--threads N] FILE...|-", ingest_run, NULL,
};

/* ---- tracked queries ---- */

/*
 * Compile the changed set of queries now, while the user manages them, so
 * the next ingest finds the compiled database in the workspace's cache.
 * Each query has been checked already; nothing here can fail the command.
 */
static void precompile(struct koers *k)
{
	struct query_set *set;
	int64_t *ids;
	struct err e = { .lang = k->lang };
	lstore_compile(k->db, k->ws_id, &set, &ids, &e);
	query_set_free(set);
	free(ids);
}

static int query_add_run(struct koers *k, int argc, char **argv)
{
	const char *kind = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "kind", &kind, N_("KIND"), N_("brand, product, competitor, campaign or other (default)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 2, 2);
	if (n == CLI_DONE)
		return k->exit_code;
	int r = cli_workspace(k, true);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	if (lstore_sync_current(k->db, k->ws_id, &e) < 0 || lstore_query_add(k->db, k->ws_id, argv[0], argv[1], kind, &e) < 0)
		return cli_fail_err(k, &e);
	precompile(k);
	if (!k->json)
		printf(tr(k->lang, "tracking %s\n"), argv[0]);
	else
		cli_json(json_pack("{s:s, s:s}", "name", argv[0], "expr", argv[1]));
	return EXIT_OK;
}

static int query_import_run(struct koers *k, int argc, char **argv)
{
	const char *kind = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "kind", &kind, N_("KIND"), N_("brand, product, competitor, campaign or other (default)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	int r = cli_workspace(k, true);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	char *buf;
	size_t len;
	if (cli_read_file(argv[0], 64u << 20, &buf, &len, &e) < 0)
		return cli_fail_err(k, &e);
	if (lstore_sync_current(k->db, k->ws_id, &e) < 0 || db_begin(k->db, &e) < 0) {
		free(buf);
		return cli_fail_err(k, &e);
	}
	unsigned long line = 0, added = 0, bad = 0;
	for (char *p = buf, *end = buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		*nl = '\0';
		line++;
		char *tab = strchr(p, '\t');
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*p && *p != '#') {
			struct err qe = { .lang = k->lang };
			if (!tab) {
				fprintf(stderr, tr(k->lang, "koers: %s: line %lu: expected NAME<TAB>EXPRESSION\n"), argv[0], line);
				bad++;
			} else {
				*tab = '\0';
				if (lstore_query_add(k->db, k->ws_id, p, tab + 1, kind, &qe) < 0) {
					fprintf(stderr, "koers: %s: line %lu: %s\n", argv[0], line, qe.msg);
					bad++;
				} else {
					added++;
				}
			}
		}
		p = nl + 1;
	}
	free(buf);
	if (db_commit(k->db, &e) < 0)
		return cli_fail_err(k, &e);
	precompile(k);
	if (k->json)
		cli_json(json_pack("{s:I, s:I}", "added", (json_int_t)added, "rejected", (json_int_t)bad));
	else
		printf(trn(k->lang, "added %lu query, rejected %lu\n", "added %lu queries, rejected %lu\n", added), added,
		       bad);
	return bad ? EXIT_FINDINGS : EXIT_OK;
}

static int query_list_run(struct koers *k, int argc, char **argv)
{
	bool all = false;
	const struct opt opts[] = {
		OPT_FLAG(0, "all", &all, N_("also queries no longer tracked")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	int r = cli_workspace(k, true);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	struct lquery *v;
	size_t cnt;
	if (lstore_sync_current(k->db, k->ws_id, &e) < 0 || lstore_query_list(k->db, k->ws_id, all, &v, &cnt, &e) < 0)
		return cli_fail_err(k, &e);
	if (k->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < cnt; i++)
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:b}", "name", v[i].name, "expr", v[i].expr, "kind",
							   v[i].kind, "source", v[i].source, "active", v[i].active));
		cli_json(a);
	} else {
		for (size_t i = 0; i < cnt; i++)
			printf("%-20s %-10s %-4s %s%s\n", v[i].name, v[i].kind, v[i].source, v[i].expr,
			       v[i].active ? "" : tr(k->lang, " (not tracked)"));
	}
	lquery_list_free(v, cnt);
	return EXIT_OK;
}

static int query_rm_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	int r = cli_workspace(k, false);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	if (lstore_query_rm(k->db, k->ws_id, argv[0], &e) < 0)
		return cli_fail_err(k, &e);
	precompile(k);
	if (!k->json)
		printf(tr(k->lang, "no longer tracking %s\n"), argv[0]);
	return EXIT_OK;
}

const struct cmd listen_query_add_cmd = {
	"add", N_("track a query"), "[--kind KIND] NAME 'EXPR'", query_add_run, NULL,
};
const struct cmd listen_query_import_cmd = {
	"import", N_("track the queries of a file (NAME<TAB>EXPRESSION per line)"), "[--kind KIND] FILE",
	query_import_run, NULL,
};
const struct cmd listen_query_list_cmd = {
	"list", N_("list the tracked queries (plan topics and added ones)"), "[--all]", query_list_run, NULL,
};
const struct cmd listen_query_rm_cmd = {
	"rm", N_("stop tracking a query added with 'add' (its history stays)"), "NAME", query_rm_run, NULL,
};
