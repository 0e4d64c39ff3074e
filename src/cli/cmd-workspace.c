/* koers workspace create|list|use|rename|delete */
#include <string.h>

#include "cli/commands.h"
#include "db/db.h"
#include "workspace/workspace.h"

static json_t *ws_json(const struct ws *w)
{
	return json_pack("{s:s, s:s, s:s, s:b}", "name", w->name, "timezone", w->timezone,
			 "created_at", w->created_at, "current", w->current);
}

static int ws_create_run(struct koers *k, int argc, char **argv)
{
	const char *tz = NULL;
	bool use = false;
	const struct opt opts[] = {
		OPT_STRING(0, "timezone", &tz, "ZONE", N_("IANA time zone (default: Europe/Amsterdam)")),
		OPT_FLAG(0, "use", &use, N_("make it the current workspace")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	int r = cli_db(k);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	struct ws w;
	if (ws_create(k->db, argv[0], tz, &w, &e) < 0 || (use && ws_use(k->db, argv[0], &e) < 0))
		return cli_fail_err(k, &e);
	if (k->json)
		cli_json(ws_json(&w));
	else
		printf(tr(k->lang, "created workspace %s (%s)\n"), w.name, w.timezone);
	ws_release(&w);
	return EXIT_OK;
}

static int ws_list_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	int r = cli_db(k);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	struct ws *v;
	size_t count;
	if (ws_list(k->db, &v, &count, &e) < 0)
		return cli_fail_err(k, &e);
	if (k->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < count; i++)
			json_array_append_new(a, ws_json(&v[i]));
		cli_json(a);
	} else {
		for (size_t i = 0; i < count; i++)
			printf("%c %-24s %-20s %s\n", v[i].current ? '*' : ' ', v[i].name, v[i].timezone, v[i].created_at);
	}
	ws_list_free(v, count);
	return EXIT_OK;
}

/* The commands that change one named workspace share this shape; 1 when done. */
static int ws_simple(struct koers *k, int argc, char **argv, int nargs,
		     int (*fn)(struct db *, const char *, const char *, struct err *), int *rc)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, nargs, nargs);
	if (n == CLI_DONE)
		return *rc = k->exit_code, 0;
	if ((*rc = cli_db(k)))
		return 0;
	struct err e = { .lang = k->lang };
	if (fn(k->db, argv[0], nargs > 1 ? argv[1] : NULL, &e) < 0)
		return *rc = cli_fail_err(k, &e), 0;
	return !k->json;
}

static int do_rename(struct db *db, const char *a, const char *b, struct err *e) { return ws_rename(db, a, b, e); }
static int do_delete(struct db *db, const char *a, const char *b, struct err *e) { return ws_delete(db, a, e); }
static int do_use(struct db *db, const char *a, const char *b, struct err *e) { return ws_use(db, a, e); }
static int do_timezone(struct db *db, const char *a, const char *b, struct err *e) { return ws_set_timezone(db, a, b, e); }

static int ws_rename_run(struct koers *k, int argc, char **argv)
{
	int rc = EXIT_OK;
	if (ws_simple(k, argc, argv, 2, do_rename, &rc))
		printf(tr(k->lang, "renamed workspace %s to %s\n"), argv[0], argv[1]);
	return rc;
}

static int ws_delete_run(struct koers *k, int argc, char **argv)
{
	int rc = EXIT_OK;
	if (ws_simple(k, argc, argv, 1, do_delete, &rc))
		printf(tr(k->lang, "deleted workspace %s and everything in it\n"), argv[0]);
	return rc;
}

static int ws_use_run(struct koers *k, int argc, char **argv)
{
	int rc = EXIT_OK;
	if (ws_simple(k, argc, argv, 1, do_use, &rc))
		printf(tr(k->lang, "workspace %s is now the current one\n"), argv[0]);
	return rc;
}

static int ws_timezone_run(struct koers *k, int argc, char **argv)
{
	int rc = EXIT_OK;
	if (ws_simple(k, argc, argv, 2, do_timezone, &rc))
		printf(tr(k->lang, "workspace %s now uses time zone %s\n"), argv[0], argv[1]);
	return rc;
}

static const struct cmd ws_create_cmd = { "create", N_("create a workspace for an organisation"), "[--timezone ZONE] [--use] NAME", ws_create_run, NULL };
static const struct cmd ws_list_cmd = { "list", N_("list the workspaces (* marks the current one)"), "", ws_list_run, NULL };
static const struct cmd ws_use_cmd = { "use", N_("make a workspace the current one"), "NAME", ws_use_run, NULL };
static const struct cmd ws_rename_cmd = { "rename", N_("rename a workspace"), "OLD NEW", ws_rename_run, NULL };
static const struct cmd ws_timezone_cmd = { "timezone", N_("set the time zone of a workspace"), "NAME ZONE", ws_timezone_run, NULL };
static const struct cmd ws_delete_cmd = { "delete", N_("delete a workspace with everything in it"), "NAME", ws_delete_run, NULL };

static const struct cmd *const ws_subs[] = {
	&ws_create_cmd, &ws_list_cmd, &ws_use_cmd, &ws_rename_cmd, &ws_timezone_cmd, &ws_delete_cmd, NULL,
};

const struct cmd cmd_workspace = { "workspace", N_("manage workspaces (one per organisation)"), NULL, NULL, ws_subs };
