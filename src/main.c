/* koers — from a social media plan to its daily execution and back. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "db/db.h"

static const struct cmd *const commands[] = {
	&cmd_workspace,
	&cmd_plan,
	&cmd_post,
	&cmd_listen,
	&cmd_url,
	&cmd_calendar,
	&cmd_metrics,
	&cmd_budget,
	&cmd_kpi,
	&cmd_goals,
	&cmd_besttime,
	&cmd_report,
	NULL,
};

static void print_help(struct koers *k)
{
	printf("%s\n\n", tr(k->lang, "koers — from a social media plan to its daily execution and back."));
	printf("%s: koers [--db PATH] [--workspace NAME] [--lang nl|en] COMMAND [ARGS]\n\n", tr(k->lang, "usage"));
	printf("%s\n", tr(k->lang, "Commands:"));
	for (const struct cmd *const *c = commands; *c; c++) {
		/* A command with subcommands and a run of its own is listed too. */
		if (!(*c)->subs || (*c)->run)
			printf("  %-22s %s\n", (*c)->name, tr(k->lang, (*c)->summary));
		if ((*c)->subs)
			for (const struct cmd *const *s = (*c)->subs; *s; s++) {
				char name[64];
				snprintf(name, sizeof(name), "%s %s", (*c)->name, (*s)->name);
				printf("  %-22s %s\n", name, tr(k->lang, (*s)->summary));
			}
	}
	printf("\n%s\n", tr(k->lang, "Run 'koers COMMAND --help' for the options of a command."));
	printf("\n%s\n", tr(k->lang, "Exit codes: 0 ok, 1 findings or errors in the data, 2 usage, 3 I/O or database."));
}

static void print_group_help(struct koers *k, const struct cmd *group, const char *name)
{
	printf("%s: koers %s COMMAND [ARGS]\n\n%s\n\n%s\n", tr(k->lang, "usage"), name,
	       tr(k->lang, group->summary), tr(k->lang, "Commands:"));
	for (const struct cmd *const *s = group->subs; *s; s++)
		printf("  %-12s %s\n", (*s)->name, tr(k->lang, (*s)->summary));
}

static const struct cmd *find_cmd(const struct cmd *const *table, const char *name)
{
	for (const struct cmd *const *c = table; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

/* Global options may also come before the command: koers --db x.db plan check. */
static int leading_globals(struct koers *k, int argc, char **argv, bool *help)
{
	int i = 1;
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		const char **target = !strcmp(a, "--db") ? &k->db_location
				    : !strcmp(a, "--workspace") || !strcmp(a, "-w") ? &k->workspace
				    : !strcmp(a, "--lang") ? &k->lang_name : NULL;
		if (target && i + 1 < argc) {
			*target = argv[i + 1];
			i += 2;
		} else if (!strcmp(a, "--json")) {
			k->json = true;
			i++;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			*help = true;
			i++;
		} else if (!strcmp(a, "--version")) {
			printf("koers %s\n", KOERS_VERSION);
			exit(EXIT_OK);
		} else {
			fprintf(stderr, tr(k->lang, "koers: unknown option '%s'\n"), a);
			return -1;
		}
	}
	if (k->lang_name && lang_parse(k->lang_name, &k->lang) < 0) {
		fprintf(stderr, tr(k->lang, "koers: unknown language '%s' (nl or en)\n"), k->lang_name);
		return -1;
	}
	return i;
}

int main(int argc, char **argv)
{
	struct koers k = {
		.db_location = getenv("KOERS_DB") && *getenv("KOERS_DB") ? getenv("KOERS_DB") : "koers.db",
		.lang = lang_from_env(),
		.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR"),
	};
	bool help = false;
	int first = leading_globals(&k, argc, argv, &help);
	if (first < 0)
		return EXIT_USAGE;
	if (first >= argc) {
		print_help(&k);
		return help ? EXIT_OK : EXIT_USAGE;
	}
	const struct cmd *cmd = find_cmd(commands, argv[first]);
	if (!cmd) {
		fprintf(stderr, tr(k.lang, "koers: '%s' is not a command; see 'koers --help'\n"), argv[first]);
		return EXIT_USAGE;
	}
	argc -= first;
	argv += first;
	char fullname[128];
	snprintf(fullname, sizeof(fullname), "%s", cmd->name);
	/* Down the subcommands (listen query add); a group with a run of its own
	 * (calendar) runs it when no subcommand is named. */
	const struct cmd *sub;
	while (cmd->subs && argc > 1 && (sub = find_cmd(cmd->subs, argv[1])) != NULL) {
		size_t len = strlen(fullname);
		snprintf(fullname + len, sizeof(fullname) - len, " %s", sub->name);
		cmd = sub;
		argc--;
		argv++;
	}
	if (cmd->subs && !cmd->run) {
		bool asked = help || (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")));
		if (argc > 1 && !asked && argv[1][0] != '-')
			fprintf(stderr, tr(k.lang, "koers: '%s %s' is not a command\n\n"), fullname, argv[1]);
		print_group_help(&k, cmd, fullname);
		return asked ? EXIT_OK : EXIT_USAGE;
	}
	k.cmd = cmd;
	k.cmd_name = fullname;
	/* "koers --help plan check" means "koers plan check --help". */
	char *help_argv[] = { argv[0], "--help", NULL };
	int rc = help ? cmd->run(&k, 2, help_argv) : cmd->run(&k, argc, argv);
	db_close(k.db);
	free(k.ws_name);
	return rc;
}
