#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "db/db.h"
#include "workspace/workspace.h"

static const struct opt global_opts[] = {
	OPT_STRING(0, "db", NULL, "PATH", N_("database file (default: $KOERS_DB or ./koers.db)")),
	OPT_STRING('w', "workspace", NULL, "NAME", N_("workspace (default: $KOERS_WORKSPACE or the current one)")),
	OPT_STRING(0, "lang", NULL, "nl|en", N_("language of the output (default: from the locale)")),
	OPT_FLAG(0, "json", NULL, N_("machine-readable JSON output")),
	OPT_FLAG('h', "help", NULL, N_("show this help")),
	OPT_END(),
};

/* Where a global option stores its value in the context. */
static void *global_target(struct koers *k, const struct opt *o, bool *help)
{
	if (!strcmp(o->long_name, "db"))
		return &k->db_location;
	if (!strcmp(o->long_name, "workspace"))
		return &k->workspace;
	if (!strcmp(o->long_name, "lang"))
		return &k->lang_name;
	if (!strcmp(o->long_name, "json"))
		return &k->json;
	return help;
}

static void print_opts(struct koers *k, const struct opt *opts, FILE *to)
{
	for (const struct opt *o = opts; o && o->kind != OPT_END; o++) {
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		if (o->short_name)
			strbuf_addf(&sb, "-%c, ", o->short_name);
		else
			strbuf_addstr(&sb, "    ");
		strbuf_addf(&sb, "--%s", o->long_name);
		if (o->kind == OPT_STRING || o->kind == OPT_LIST)
			strbuf_addf(&sb, " %s", tr(k->lang, o->arg));
		fprintf(to, "  %-26s %s\n", sb.buf, tr(k->lang, o->help));
		strbuf_release(&sb);
	}
}

void cli_usage(struct koers *k, const struct cmd *cmd, const struct opt *opts, FILE *to)
{
	fprintf(to, "%s: koers %s %s\n", tr(k->lang, "usage"), k->cmd_name, cmd->usage ? cmd->usage : "");
	fprintf(to, "\n%s\n", tr(k->lang, cmd->summary));
	if (opts && opts->kind != OPT_END) {
		fprintf(to, "\n%s\n", tr(k->lang, "Options:"));
		print_opts(k, opts, to);
	}
	fprintf(to, "\n%s\n", tr(k->lang, "Global options:"));
	print_opts(k, global_opts, to);
}

static const struct opt *find_long(const struct opt *opts, const char *name, size_t n)
{
	for (const struct opt *o = opts; o && o->kind != OPT_END; o++)
		if (strlen(o->long_name) == n && !strncmp(o->long_name, name, n))
			return o;
	return NULL;
}

static const struct opt *find_short(const struct opt *opts, char c)
{
	for (const struct opt *o = opts; o && o->kind != OPT_END; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

int cli_parse(struct koers *k, int argc, char **argv, const struct opt *opts)
{
	int npos = 0;
	bool help = false, only_args = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_args || a[0] != '-' || !a[1]) {
			argv[npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		const struct opt *o;
		bool global = false;
		const char *inline_value = NULL;
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			inline_value = eq ? eq + 1 : NULL;
			o = find_long(opts, name, n);
			if (!o && (o = find_long(global_opts, name, n)))
				global = true;
		} else {
			o = find_short(opts, a[1]);
			if (!o && (o = find_short(global_opts, a[1])))
				global = true;
			if (o && a[2])
				inline_value = a + 2;
		}
		if (!o) {
			fprintf(stderr, tr(k->lang, "koers: unknown option '%s'\n"), a);
			fprintf(stderr, tr(k->lang, "Try 'koers %s --help'.\n"), k->cmd_name);
			return k->exit_code = EXIT_USAGE, CLI_DONE;
		}
		void *target = global ? global_target(k, o, &help) : o->value;
		if (o->kind == OPT_FLAG) {
			if (inline_value) {
				fprintf(stderr, tr(k->lang, "koers: option '--%s' takes no value\n"), o->long_name);
				return k->exit_code = EXIT_USAGE, CLI_DONE;
			}
			*(bool *)target = true;
			continue;
		}
		if (!inline_value) {
			if (i + 1 >= argc) {
				fprintf(stderr, tr(k->lang, "koers: option '--%s' needs a value\n"), o->long_name);
				return k->exit_code = EXIT_USAGE, CLI_DONE;
			}
			inline_value = argv[++i];
		}
		if (o->kind == OPT_LIST) {
			struct opt_list *l = target;
			ALLOC_GROW(l->v, l->n + 1, l->alloc);
			l->v[l->n++] = inline_value;
		} else {
			*(const char **)target = inline_value;
		}
	}
	if (k->lang_name && lang_parse(k->lang_name, &k->lang) < 0) {
		fprintf(stderr, tr(k->lang, "koers: unknown language '%s' (nl or en)\n"), k->lang_name);
		return k->exit_code = EXIT_USAGE, CLI_DONE;
	}
	if (help) {
		cli_usage(k, k->cmd, opts, stdout);
		return k->exit_code = EXIT_OK, CLI_DONE;
	}
	return npos;
}

bool cli_nargs(struct koers *k, int n, int min, int max)
{
	if (n >= min && (max < 0 || n <= max))
		return true;
	fprintf(stderr, "%s: koers %s %s\n", tr(k->lang, "usage"), k->cmd_name, k->cmd->usage ? k->cmd->usage : "");
	return false;
}

int cli_args(struct koers *k, int argc, char **argv, const struct opt *opts, int min, int max)
{
	int n = cli_parse(k, argc, argv, opts);
	if (n != CLI_DONE && !cli_nargs(k, n, min, max)) {
		k->exit_code = EXIT_USAGE;
		return CLI_DONE;
	}
	return n;
}

int cli_fail(struct koers *k, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("koers: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return code;
}

int cli_fail_err(struct koers *k, const struct err *e)
{
	return cli_fail(k, err_exit_code(e->code), "%s", e->msg);
}

int cli_number(struct koers *k, const char *opt, const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < min || v > max)
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "%s takes a number from %ld to %ld"), opt, min, max);
	*out = v;
	return 0;
}

int cli_db(struct koers *k)
{
	if (k->db)
		return 0;
	struct err e = { .lang = k->lang };
	if (db_open(&k->db, k->db_location, &e) < 0)
		return cli_fail_err(k, &e);
	return 0;
}

int cli_workspace(struct koers *k, bool create)
{
	int r = cli_db(k);
	if (r)
		return r;
	if (k->ws_name)
		return 0;
	struct err e = { .lang = k->lang };
	struct ws ws;
	r = ws_resolve(k->db, k->workspace, create, &ws, &e);
	if (r < 0)
		return cli_fail_err(k, &e);
	k->ws_id = ws.id;
	k->ws_name = ws.name;
	ws.name = NULL;
	ws_release(&ws);
	return 0;
}

void cli_json(json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2));
	fputc('\n', stdout);
	json_decref(v);
}

const char *cli_color(const struct koers *k, const char *sgr)
{
	return k->color ? sgr : "";
}

int cli_read_file(const char *path, size_t cap, char **out, size_t *len, struct err *e)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	struct strbuf sb;
	strbuf_init(&sb, cap);
	char chunk[65536];
	size_t n;
	int r = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (strbuf_add(&sb, chunk, n) < 0) {
			r = err_set(e, ERR_DATA, "%s: file is larger than %zu bytes", path, cap);
			break;
		}
	if (!r && ferror(f))
		r = err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (r < 0) {
		strbuf_release(&sb);
		return r;
	}
	*out = strbuf_detach(&sb, len);
	return 0;
}

FILE *cli_open_output(struct koers *k, const char *path, struct err *e)
{
	if (!path || !strcmp(path, "-"))
		return stdout;
	FILE *f = fopen(path, "w");
	if (!f)
		err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	return f;
}

int cli_close_output(FILE *f, const char *path, struct err *e)
{
	if (f == stdout)
		return fflush(f) ? err_set(e, ERR_IO, "stdout: %s", strerror(errno)) : 0;
	if (ferror(f) | fclose(f))
		return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	return 0;
}

int cli_write_output(struct koers *k, const char *path, const struct strbuf *sb)
{
	struct err e = { .lang = k->lang };
	FILE *f = cli_open_output(k, path, &e);
	if (!f)
		return cli_fail_err(k, &e);
	fwrite(sb->buf, 1, sb->len, f);
	if (cli_close_output(f, path, &e) < 0)
		return cli_fail_err(k, &e);
	return 0;
}
