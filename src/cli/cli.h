/*
 * cli — the command-line front-end: the command table, option parsing, and
 * the context every command receives. Only this layer prints to the terminal,
 * chooses exit codes and may call die().
 *
 * Exit codes (documented in `koers --help` and README): 0 ok, 1 findings or
 * errors in the data, 2 usage, 3 I/O or database.
 */
#ifndef KOERS_CLI_H
#define KOERS_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "base/i18n.h"
#include "base/strbuf.h"

#define KOERS_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

/* The context of one koers invocation. */
struct koers {
	const char *db_location; /* --db, KOERS_DB, or ./koers.db */
	const char *workspace;   /* --workspace or KOERS_WORKSPACE; NULL: the current one */
	const char *lang_name;   /* --lang as given */
	enum lang lang;          /* --lang or the locale */
	bool json;               /* --json: machine-readable output */
	bool color;              /* stdout is a terminal and NO_COLOR is unset */
	struct db *db;           /* opened by cli_db() */
	int64_t ws_id;           /* set by cli_workspace() */
	char *ws_name;
	const struct cmd *cmd;   /* the command being run, for usage messages */
	const char *cmd_name;    /* its full name, e.g. "plan check" */
	int exit_code;           /* set by cli_parse when it returns CLI_DONE */
};

struct cmd {
	const char *name;
	const char *summary; /* N_() */
	const char *usage;   /* arguments after the command name, e.g. "[-o FILE] NAME" */
	int (*run)(struct koers *k, int argc, char **argv);
	const struct cmd *const *subs; /* NULL-terminated subcommands, or NULL */
};

enum opt_kind { OPT_END, OPT_FLAG, OPT_STRING, OPT_LIST };

/* The values of a repeatable option (OPT_LIST), in order; the caller frees v. */
struct opt_list {
	const char **v;
	size_t n, alloc;
};

struct opt {
	enum opt_kind kind;
	char short_name;
	const char *long_name;
	void *value; /* bool * for OPT_FLAG, const char ** for OPT_STRING, struct opt_list * for OPT_LIST */
	const char *arg; /* name of the argument in help, e.g. "FILE" */
	const char *help; /* N_() */
};

#define OPT_FLAG(s, l, v, h) { OPT_FLAG, (s), (l), (v), NULL, (h) }
#define OPT_STRING(s, l, v, a, h) { OPT_STRING, (s), (l), (v), (a), (h) }
#define OPT_LIST(s, l, v, a, h) { OPT_LIST, (s), (l), (v), (a), (h) }
#define OPT_END() { OPT_END, 0, NULL, NULL, NULL, NULL }

/*
 * Parse argv (argv[0] is the command name) against the command's options
 * and the global ones (--db, --workspace, --lang, --json, --help). Leaves the
 * positional arguments in argv[0..n) and returns n; or returns CLI_DONE when
 * the command must end now (after --help, or a usage error it printed) with
 * the exit code in k->exit_code.
 */
#define CLI_DONE (-1)
int cli_parse(struct koers *k, int argc, char **argv, const struct opt *opts);
/* Check the number of positional arguments; prints usage and returns false. */
bool cli_nargs(struct koers *k, int n, int min, int max);
/* cli_parse, then cli_nargs with min..max (max < 0: no limit): the number of
 * positionals, or CLI_DONE with k->exit_code set (EXIT_USAGE on a wrong count). */
int cli_args(struct koers *k, int argc, char **argv, const struct opt *opts, int min, int max);

void cli_usage(struct koers *k, const struct cmd *cmd, const struct opt *opts, FILE *to);

/* Print "koers: <message>" on stderr and return the exit code for `code`. */
int cli_fail(struct koers *k, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int cli_fail_err(struct koers *k, const struct err *e);
/* The whole number s of option `opt` into *out: 0, or EXIT_USAGE after
 * saying that it takes a number from min to max. */
int cli_number(struct koers *k, const char *opt, const char *s, long min, long max, long *out);

/* Open the database once (exit code on failure, 0 on success). */
int cli_db(struct koers *k);
/*
 * Resolve the workspace: --workspace, KOERS_WORKSPACE, the database's current
 * workspace, or its only one. With `create` an empty database gets a
 * workspace named "default". Returns an exit code (0 when found).
 */
int cli_workspace(struct koers *k, bool create);

/* Print a JSON value to stdout followed by a newline, and free it. */
void cli_json(json_t *v);

/* ANSI colour helpers: empty strings when colour is off. */
const char *cli_color(const struct koers *k, const char *sgr);

/* Read a whole file ("-" is standard input), capped at `cap` bytes. */
int cli_read_file(const char *path, size_t cap, char **out, size_t *len, struct err *e);
/* Open FILE for writing ("-" or NULL: stdout). */
FILE *cli_open_output(struct koers *k, const char *path, struct err *e);
int cli_close_output(FILE *f, const char *path, struct err *e);
/* Write a whole buffer to FILE ("-" or NULL: stdout); 0, or the exit code after saying why. */
int cli_write_output(struct koers *k, const char *path, const struct strbuf *sb);

#endif
