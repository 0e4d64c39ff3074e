/* koers plan init|import|export|check|render|history|catalogue */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "cli/commands.h"
#include "db/db.h"
#include "kpi/catalog.h"
#include "plan/check.h"
#include "plan/diff.h"
#include "plan/plan-json.h"
#include "plan/plan-yaml.h"
#include "plan/render.h"
#include "report/doc.h"
#include "plan/schema.h"
#include "plan/skeleton.h"
#include "plan/store.h"
#include "workspace/workspace.h"

static void print_diags(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "%s:%u:%u: %s\n", d->v[i].file, d->v[i].line, d->v[i].column, d->v[i].msg);
}

static json_t *diags_json(const struct diags *d)
{
	json_t *a = json_array();
	for (size_t i = 0; i < d->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:i, s:s}", "file", d->v[i].file, "line",
						   (json_int_t)d->v[i].line, "column", (json_int_t)d->v[i].column,
						   "message", d->v[i].msg));
	return a;
}

/* Read and parse a plan file; prints every problem. 0, or an exit code. */
static int read_plan_file(struct koers *k, const char *path, char **text, struct plan *p)
{
	struct err e = { .lang = k->lang };
	size_t len;
	if (cli_read_file(path, PLAN_MAX_BYTES, text, &len, &e) < 0) {
		plan_init(p);
		return cli_fail_err(k, &e);
	}
	struct diags d = { .lang = k->lang, .max = 1000 };
	int r = plan_parse(*text, len, strcmp(path, "-") ? path : "<stdin>", p, &d);
	if (r < 0) {
		if (k->json)
			cli_json(json_pack("{s:b, s:o}", "ok", 0, "errors", diags_json(&d)));
		print_diags(&d);
		fprintf(stderr, trn(k->lang, "koers: %zu problem in %s; nothing was imported\n",
				    "koers: %zu problems in %s; nothing was imported\n", d.n + d.dropped),
			d.n + d.dropped, path);
	}
	diags_release(&d);
	return r < 0 ? EXIT_FINDINGS : 0;
}

/* The plan in force of the current workspace. 0, or an exit code. */
static int load_plan(struct koers *k, struct plan *p, struct plan_version *v)
{
	int r = cli_workspace(k, false);
	if (r) {
		plan_init(p);
		return r;
	}
	struct err e = { .lang = k->lang };
	if (plan_load_current(k->db, k->ws_id, p, v, &e) < 0)
		return cli_fail_err(k, &e);
	return 0;
}

static int plan_init_run(struct koers *k, int argc, char **argv)
{
	const char *output = NULL;
	bool force = false;
	const struct opt opts[] = {
		OPT_STRING('o', "output", &output, "FILE", N_("write to FILE instead of standard output")),
		OPT_FLAG(0, "force", &force, N_("overwrite FILE if it exists")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	struct stat st;
	if (output && strcmp(output, "-") && !force && stat(output, &st) == 0)
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "%s exists; use --force to overwrite it"), output);
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	plan_skeleton(&sb, k->lang);
	int rc = cli_write_output(k, output, &sb);
	strbuf_release(&sb);
	if (rc)
		return rc;
	if (output && strcmp(output, "-"))
		fprintf(stderr, tr(k->lang, "wrote %s: fill it in, then run 'koers plan import %s'\n"), output, output);
	return EXIT_OK;
}

static int plan_import_run(struct koers *k, int argc, char **argv)
{
	bool dry_run = false;
	const struct opt opts[] = {
		OPT_FLAG('n', "dry-run", &dry_run, N_("only read and report; store nothing")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	char *text = NULL;
	struct plan p;
	int rc = read_plan_file(k, argv[0], &text, &p);
	if (rc || dry_run) {
		if (!rc && !k->json)
			printf(tr(k->lang, "%s reads without problems\n"), argv[0]);
		free(text);
		plan_free(&p);
		return rc;
	}
	rc = cli_workspace(k, true);
	struct err e = { .lang = k->lang };
	int version = 0;
	if (!rc) {
		/* The plan and the workspace's time zone change together or not at all. */
		const char *tz = p.organisation.timezone;
		if (db_begin(k->db, &e) < 0 ||
		    (tz && ws_set_timezone(k->db, k->ws_name, tz, &e) < 0) ||
		    plan_store_save(k->db, k->ws_id, argv[0], text, &version, &e) < 0 ||
		    db_commit(k->db, &e) < 0) {
			db_rollback(k->db);
			rc = cli_fail_err(k, &e);
		}
	}
	if (!rc) {
		if (k->json)
			cli_json(json_pack("{s:b, s:s, s:i, s:s}", "ok", 1, "workspace", k->ws_name, "version",
					   (json_int_t)version, "source", argv[0]));
		else
			printf(tr(k->lang, "imported %s as plan version %d of workspace %s\n"), argv[0], version, k->ws_name);
	}
	free(text);
	plan_free(&p);
	return rc;
}

static int plan_export_run(struct koers *k, int argc, char **argv)
{
	const char *output = NULL, *format = "yaml";
	const struct opt opts[] = {
		OPT_STRING('o', "output", &output, "FILE", N_("write to FILE instead of standard output")),
		OPT_STRING(0, "format", &format, "yaml|json", N_("file format (default: yaml)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	if (k->json)
		format = "json";
	if (strcmp(format, "yaml") && strcmp(format, "json"))
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "unknown format '%s' (yaml or json)"), format);
	struct plan p;
	struct plan_version v = { 0 };
	int rc = load_plan(k, &p, &v);
	struct err e = { .lang = k->lang };
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	if (!rc && !strcmp(format, "yaml") && plan_emit_yaml(&p, &sb, &e) < 0)
		rc = cli_fail_err(k, &e);
	if (!rc && !strcmp(format, "json")) {
		json_t *j = plan_to_json(&p);
		char *text = json_dumps(j, JSON_INDENT(2));
		strbuf_addstr(&sb, text);
		strbuf_addch(&sb, '\n');
		free(text);
		json_decref(j);
	}
	if (!rc)
		rc = cli_write_output(k, output, &sb);
	strbuf_release(&sb);
	plan_free(&p);
	plan_version_release(&v);
	return rc;
}

static const char *status_mark(const struct koers *k, enum check_status st, enum check_severity sev)
{
	if (st == CHECK_PASS)
		return k->color ? "\033[32m✓\033[0m" : "✓";
	if (st == CHECK_NA)
		return "–";
	static const char *const plain[] = { "✗", "!", "i" };
	static const char *const colored[] = { "\033[31m✗\033[0m", "\033[33m!\033[0m", "\033[36mi\033[0m" };
	return k->color ? colored[sev] : plain[sev];
}

static json_t *check_json(struct koers *k, const struct check_result *res, const char *source)
{
	json_t *steps = json_array();
	for (int step = 0; step < CHECK_STEPS; step++) {
		json_t *rules = json_array();
		for (size_t i = 0; check_rules[i].id; i++) {
			const struct check_rule *rule = &check_rules[i];
			if (rule->step != step)
				continue;
			static const char *const status_names[] = { "pass", "fail", "n/a" };
			json_t *findings = json_array();
			for (size_t f = 0; f < res->n; f++) {
				const struct check_finding *fi = &res->findings[f];
				if (fi->rule != rule)
					continue;
				json_t *jf = json_pack("{s:s}", "message", fi->msg);
				if (fi->loc.line)
					json_object_set_new(jf, "location", json_pack("{s:s, s:i, s:i}", "file", source,
										      "line", (json_int_t)fi->loc.line,
										      "column", (json_int_t)fi->loc.column));
				json_array_append_new(findings, jf);
			}
			json_array_append_new(rules, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "id", rule->id,
							       "severity", check_severity_name(rule->severity),
							       "status", status_names[res->status[i]],
							       "title", tr(k->lang, rule->title),
							       "why", tr(k->lang, rule->why), "findings", findings));
		}
		double score = check_score(res, step);
		json_array_append_new(steps, json_pack("{s:i, s:s, s:o, s:o}", "step", (json_int_t)step, "name",
						       tr(k->lang, check_step_name(step)), "score",
						       score < 0 ? json_null() : json_real(round(score * 10) / 10), "rules", rules));
	}
	return json_pack("{s:f, s:i, s:i, s:i, s:o}", "score", round(check_score(res, -1) * 10) / 10,
			 "errors", (json_int_t)res->errors, "warnings", (json_int_t)res->warnings,
			 "advice", (json_int_t)res->advice, "steps", steps);
}

static void check_text(struct koers *k, const struct check_result *res, const char *source)
{
	const char *bold = cli_color(k, "\033[1m"), *off = cli_color(k, "\033[0m");
	for (int step = 0; step < CHECK_STEPS; step++) {
		double score = check_score(res, step);
		char pct[16] = "–";
		if (score >= 0)
			snprintf(pct, sizeof(pct), "%3.0f %%", score);
		printf("\n%s%2d  %-44s %s%s\n", bold, step, tr(k->lang, check_step_name(step)), pct, off);
		for (size_t i = 0; check_rules[i].id; i++) {
			const struct check_rule *rule = &check_rules[i];
			if (rule->step != step)
				continue;
			printf("    %s %s\n", status_mark(k, res->status[i], rule->severity), tr(k->lang, rule->title));
			if (res->status[i] != CHECK_FAIL)
				continue;
			printf("        %s\n", tr(k->lang, rule->why));
			for (size_t f = 0; f < res->n; f++) {
				const struct check_finding *fi = &res->findings[f];
				if (fi->rule != rule)
					continue;
				if (fi->loc.line)
					printf("        %s:%u:%u: %s\n", source, fi->loc.line, fi->loc.column, fi->msg);
				else
					printf("        %s\n", fi->msg);
			}
		}
	}
	printf("\n%s%s %.0f %%%s — ", bold, tr(k->lang, "Overall"), check_score(res, -1), off);
	printf(trn(k->lang, "%zu error", "%zu errors", res->errors), res->errors);
	printf(", ");
	printf(trn(k->lang, "%zu warning", "%zu warnings", res->warnings), res->warnings);
	printf(", ");
	printf(trn(k->lang, "%zu advice", "%zu advice", res->advice), res->advice);
	printf("\n");
}

static int plan_check_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 0, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	struct plan p;
	struct plan_version v = { 0 };
	char *text = NULL;
	const char *source;
	int rc;
	if (n == 1) {
		rc = read_plan_file(k, argv[0], &text, &p);
		source = argv[0];
	} else {
		rc = load_plan(k, &p, &v);
		source = v.source;
	}
	if (!rc) {
		struct check_result res;
		plan_check(&p, k->lang, &res);
		if (k->json) {
			cli_json(check_json(k, &res, source));
		} else {
			printf(tr(k->lang, "Plan check of %s"), p.organisation.name ? p.organisation.name : source);
			if (v.version)
				printf(tr(k->lang, " (plan version %d, imported %s)"), v.version, v.imported_at);
			printf("\n");
			check_text(k, &res, source);
		}
		rc = res.errors ? EXIT_FINDINGS : EXIT_OK;
		check_result_release(&res);
	}
	free(text);
	plan_free(&p);
	plan_version_release(&v);
	return rc;
}

static int plan_render_run(struct koers *k, int argc, char **argv)
{
	const char *output = NULL, *format = "html";
	const struct opt opts[] = {
		OPT_STRING('o', "output", &output, "FILE", N_("write to FILE instead of standard output")),
		OPT_STRING(0, "format", &format, "html|md", N_("document format (default: html)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	enum doc_format fmt;
	if (doc_format_parse(format, &fmt) < 0)
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "unknown format '%s' (html or md)"), format);
	struct plan p;
	struct plan_version v = { 0 };
	int rc = load_plan(k, &p, &v);
	if (!rc) {
		/* Without --lang the document speaks the plan's own language. */
		enum lang lang = k->lang;
		if (!k->lang_name && p.language)
			lang_parse(p.language, &lang);
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		plan_render(&p, fmt, lang, &sb);
		rc = cli_write_output(k, output, &sb);
		strbuf_release(&sb);
	}
	plan_free(&p);
	plan_version_release(&v);
	return rc;
}

/* A plan by version number, or from a file: 0, or an exit code. */
static int load_version_or_file(struct koers *k, const char *arg, struct plan *p)
{
	char *end;
	long version = strtol(arg, &end, 10);
	if (*end || version <= 0) {
		char *text = NULL;
		int rc = read_plan_file(k, arg, &text, p);
		free(text);
		return rc;
	}
	struct err e = { .lang = k->lang };
	struct plan_version v;
	plan_init(p);
	if (plan_store_load(k->db, k->ws_id, (int)version, &v, &e) < 0)
		return cli_fail_err(k, &e);
	struct diags d = { .lang = k->lang, .max = 1 };
	plan_free(p);
	int r = plan_parse(v.body, strlen(v.body), v.source, p, &d);
	diags_release(&d);
	plan_version_release(&v);
	return r < 0 ? cli_fail(k, EXIT_FINDINGS, tr(k->lang, "plan version %ld no longer reads"), version) : 0;
}

static int plan_diff_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 0, 2);
	if (n == CLI_DONE)
		return k->exit_code;
	struct plan a, b;
	struct plan_version current = { 0 };
	plan_init(&a);
	int rc = load_plan(k, &b, &current);
	if (!rc) {
		/* No argument: the version before the one in force. One: that against the plan in force. */
		char previous[16];
		snprintf(previous, sizeof(previous), "%d", current.version - 1);
		const char *from = n >= 1 ? argv[0] : previous;
		if (n == 0 && current.version <= 1)
			rc = cli_fail(k, EXIT_FINDINGS, "%s", tr(k->lang, "there is only one plan version"));
		else
			rc = load_version_or_file(k, from, &a);
		if (!rc && n == 2) {
			plan_free(&b);
			rc = load_version_or_file(k, argv[1], &b);
		}
	}
	if (!rc) {
		struct plan_diff d;
		plan_diff(&a, &b, &d);
		static const char *const kinds[] = { "added", "removed", "changed" };
		json_t *arr = json_array();
		for (size_t i = 0; i < d.n; i++) {
			const struct plan_change *c = &d.v[i];
			if (k->json) {
				json_t *o = json_pack("{s:s, s:s}", "change", kinds[c->kind], "path", c->path);
				if (c->before)
					json_object_set_new(o, "before", json_string(c->before));
				if (c->after)
					json_object_set_new(o, "after", json_string(c->after));
				json_array_append_new(arr, o);
			} else if (c->kind == PLAN_CHANGED) {
				printf("~ %s: %s → %s\n", c->path, c->before, c->after);
			} else {
				printf("%c %s: %s\n", c->kind == PLAN_ADDED ? '+' : '-', c->path,
				       c->kind == PLAN_ADDED ? c->after : c->before);
			}
		}
		if (k->json)
			cli_json(arr);
		else
			json_decref(arr);
		if (!k->json && !d.n)
			printf("%s\n", tr(k->lang, "no differences"));
		plan_diff_release(&d);
	}
	plan_free(&a);
	plan_free(&b);
	plan_version_release(&current);
	return rc;
}

static int plan_history_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	int rc = cli_workspace(k, false);
	if (rc)
		return rc;
	struct err e = { .lang = k->lang };
	struct plan_version *v;
	size_t count;
	if (plan_store_history(k->db, k->ws_id, &v, &count, &e) < 0)
		return cli_fail_err(k, &e);
	json_t *a = json_array();
	for (size_t i = 0; i < count; i++) {
		if (k->json)
			json_array_append_new(a, json_pack("{s:i, s:s, s:s}", "version", (json_int_t)v[i].version,
							   "source", v[i].source, "imported_at", v[i].imported_at));
		else
			printf("%4d  %s  %s\n", v[i].version, v[i].imported_at, v[i].source);
		plan_version_release(&v[i]);
	}
	free(v);
	if (k->json)
		cli_json(a);
	else
		json_decref(a);
	return EXIT_OK;
}

static int plan_catalogue_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	static const char *const direction[] = { N_("higher"), N_("lower") };
	if (k->json) {
		json_t *kpis = json_array(), *objectives = json_array();
		for (const struct kpi_def *d = kpi_catalog; d->id; d++)
			json_array_append_new(kpis, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", d->id,
							      "name_en", tr(LANG_EN, d->name), "name_nl", tr(LANG_NL, d->name),
							      "unit", kpi_unit_name(d->unit), "direction", direction[d->direction],
							      "family", kpi_family_name(d->family),
							      "definition", tr(k->lang, d->definition)));
		for (const char *const *o = plan_objective_types; *o; o++)
			json_array_append_new(objectives, json_string(*o));
		cli_json(json_pack("{s:o, s:o}", "objectives", objectives, "kpis", kpis));
		return EXIT_OK;
	}
	printf("%s\n", tr(k->lang, "Objectives:"));
	for (const char *const *o = plan_objective_types; *o; o++)
		printf("  %s\n", *o);
	printf("\n%s\n", tr(k->lang, "KPIs (higher or lower is better):"));
	for (const struct kpi_def *d = kpi_catalog; d->id; d++)
		printf("  %-20s %-24s %-8s %-7s %s\n", d->id, tr(k->lang, d->name), kpi_unit_name(d->unit),
		       tr(k->lang, direction[d->direction]), tr(k->lang, d->definition));
	return EXIT_OK;
}

static const struct cmd plan_init_cmd = { "init", N_("write a commented plan skeleton that walks through the method"), "[--lang nl|en] [-o FILE] [--force]", plan_init_run, NULL };
static const struct cmd plan_import_cmd = { "import", N_("import a plan file as the workspace's new plan version"), "[--dry-run] FILE", plan_import_run, NULL };
static const struct cmd plan_export_cmd = { "export", N_("write the plan in force as YAML or JSON"), "[--format yaml|json] [-o FILE]", plan_export_run, NULL };
static const struct cmd plan_check_cmd = { "check", N_("test the plan (or FILE) against the method"), "[--json] [FILE]", plan_check_run, NULL };
static const struct cmd plan_render_cmd = { "render", N_("write the plan document (HTML or Markdown)"), "[--format html|md] [--lang nl|en] [-o FILE]", plan_render_run, NULL };
static const struct cmd plan_diff_cmd = { "diff", N_("what changed between plan versions (or a file and the plan in force)"), "[FROM [TO]]", plan_diff_run, NULL };
static const struct cmd plan_history_cmd = { "history", N_("list the imported versions of the plan"), "", plan_history_run, NULL };
static const struct cmd plan_catalogue_cmd = { "catalogue", N_("list the objectives and KPIs a plan can use"), "", plan_catalogue_run, NULL };

static const struct cmd *const plan_subs[] = {
	&plan_init_cmd, &plan_import_cmd, &plan_check_cmd, &plan_render_cmd, &plan_export_cmd,
	&plan_history_cmd, &plan_diff_cmd, &plan_catalogue_cmd, NULL,
};

const struct cmd cmd_plan = { "plan", N_("the social media plan: write, import, check, render, export"), NULL, NULL, plan_subs };
