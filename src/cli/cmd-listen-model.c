/*
 * koers listen classify|train — the text classifiers on the command line.
 *
 * classify reads one text per line on standard input and prints one JSON
 * object per line, in the same order: {"lang":..,"sentiment":..,"score":..,
 * "intent":..}. Other tools rely on exactly these four keys.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/commands.h"
#include "listen/classify.h"
#include "listen/labelled.h"

enum { MODEL_CAP = 512u << 20, TRAIN_CAP = 1024u << 20, LINE_CAP = 65536 };

/* Load --model FILE beside the default model. */
static int use_model(struct koers *k, struct classifier *c, const char *path)
{
	if (!path)
		return 0;
	struct err e = { .lang = k->lang };
	char *buf;
	size_t len;
	struct smodel *m;
	if (cli_read_file(path, MODEL_CAP, &buf, &len, &e) < 0)
		return cli_fail_err(k, &e);
	int r = smodel_load(buf, len, path, &m, &e);
	free(buf);
	if (r < 0)
		return cli_fail_err(k, &e);
	classifier_set_model(c, m);
	return 0;
}

/* One line of f into buf (at most cap bytes kept, the rest dropped), without its LF; 0 at the end. */
static int read_line(FILE *f, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	int ch, any = 0;
	while ((ch = getc_unlocked(f)) != EOF) {
		any = 1;
		if (ch == '\n')
			break;
		if (n < cap)
			buf[n++] = (char)ch;
	}
	*len = n;
	return any;
}

static int classify_run(struct koers *k, int argc, char **argv)
{
	const char *model = NULL;
	bool lexicon_only = false;
	const struct opt opts[] = {
		OPT_STRING('m', "model", &model, "FILE", N_("sentiment model trained with 'koers listen train'; the built-in one keeps the languages FILE did not learn")),
		OPT_FLAG(0, "lexicon-only", &lexicon_only, N_("use the lexicon and rules without a model")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	struct err e = { .lang = k->lang };
	struct classifier *c;
	if (classifier_new(&c, !lexicon_only, &e) < 0)
		return cli_fail_err(k, &e);
	int r = lexicon_only ? 0 : use_model(k, c, model);
	if (r) {
		classifier_free(c);
		return r;
	}
	/*
	 * A fixed line buffer keeps memory bounded whatever the input: the
	 * classifiers look at the first few kilobytes of a text anyway
	 * (words.h), so the rest of an over-long line is skipped.
	 */
	struct words *ws = xmalloc(sizeof(*ws));
	char *line = xmalloc(LINE_CAP);
	size_t len;
	while (read_line(stdin, line, LINE_CAP, &len)) {
		if (len && line[len - 1] == '\r')
			len--;
		struct classify_result res;
		classify_text(c, ws, line, len, LANGID__COUNT, &res);
		printf("{\"lang\":\"%s\",\"sentiment\":\"%s\",\"score\":%.4f,\"intent\":\"%s\"}\n",
		       langid_name(res.lang), sentiment_name(res.sentiment), (double)res.score, intent_name(res.intent));
	}
	free(line);
	free(ws);
	classifier_free(c);
	if (ferror(stdin))
		return cli_fail(k, EXIT_IO, "%s", tr(k->lang, "cannot read standard input"));
	if (fflush(stdout))
		return cli_fail(k, EXIT_IO, "%s", tr(k->lang, "cannot write standard output"));
	return EXIT_OK;
}

struct train_ctx {
	struct classifier *c;
	struct words *ws;
	struct strain_set set;
	uint32_t dim;
	size_t count[SENT__COUNT];
};

static void train_add(void *ctx, int label, const char *text, size_t len, unsigned line)
{
	struct train_ctx *t = ctx;
	struct sfeat f[SFEAT_MAX];
	size_t n = classify_features(t->c, t->ws, text, len, t->dim, f);
	strain_add(&t->set, f, n, label);
	t->count[label]++;
}

static int train_run(struct koers *k, int argc, char **argv)
{
	const char *out = NULL, *epochs = NULL;
	const struct opt opts[] = {
		OPT_STRING('o', "output", &out, "MODEL", N_("write the model to this file")),
		OPT_STRING(0, "epochs", &epochs, "N", N_("passes over the examples (default 5)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	if (!out) {
		fprintf(stderr, "koers: %s\n", tr(k->lang, "listen train needs -o MODEL"));
		return EXIT_USAGE;
	}
	struct strain_opts o = { 0 };
	long v = 0;
	if (epochs && cli_number(k, "--epochs", epochs, 1, 1000, &v))
		return EXIT_USAGE;
	o.epochs = (unsigned)v;
	struct err e = { .lang = k->lang };
	char *buf;
	size_t len;
	if (cli_read_file(argv[0], TRAIN_CAP, &buf, &len, &e) < 0)
		return cli_fail_err(k, &e);
	struct train_ctx t = { .dim = SMODEL_DIM_DEFAULT };
	if (classifier_new(&t.c, 0, &e) < 0) {
		free(buf);
		return cli_fail_err(k, &e);
	}
	t.ws = xmalloc(sizeof(*t.ws));
	struct diags d = { .lang = k->lang, .max = 100 };
	size_t good = labelled_parse(buf, len, argv[0], train_add, &t, &d);
	free(buf);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "%s:%u: %s\n", d.v[i].file, d.v[i].line, d.v[i].msg);
	size_t bad = d.n + d.dropped;
	if (d.dropped)
		fprintf(stderr, tr(k->lang, "koers: %zu more bad lines not shown\n"), d.dropped);
	diags_release(&d);
	int rc = EXIT_OK;
	if (!good) {
		rc = cli_fail(k, EXIT_FINDINGS, "%s", tr(k->lang, "no labelled texts to learn from"));
		goto done;
	}
	struct smodel *m = smodel_train(&t.set, t.dim, &o);
	FILE *f = cli_open_output(k, out, &e);
	if (!f) {
		smodel_free(m);
		rc = cli_fail_err(k, &e);
		goto done;
	}
	smodel_save(m, f);
	const char *langs = smodel_languages(m); /* a string constant: it outlives m */
	smodel_free(m);
	if (cli_close_output(f, out, &e) < 0) {
		rc = cli_fail_err(k, &e);
		goto done;
	}
	fprintf(stderr, tr(k->lang, "trained on %zu texts (%zu negative, %zu neutral, %zu positive), %zu lines skipped; model written to %s\n"),
		good, t.count[SENT_NEGATIVE], t.count[SENT_NEUTRAL], t.count[SENT_POSITIVE], bad, out);
	fprintf(stderr, tr(k->lang, "languages learnt: %s (texts in a language only the built-in model learnt are left to it)\n"), langs);
	rc = bad ? EXIT_FINDINGS : EXIT_OK;
done:
	strain_release(&t.set);
	free(t.ws);
	classifier_free(t.c);
	return rc;
}

const struct cmd listen_classify_cmd = {
	.name = "classify",
	.summary = N_("language, sentiment and intent of each line of standard input, as JSON lines"),
	.usage = "[--model FILE] [--lexicon-only] < TEXTS",
	.run = classify_run,
};

const struct cmd listen_train_cmd = {
	.name = "train",
	.summary = N_("learn a sentiment model from labelled texts (label TAB text)"),
	.usage = "LABELLED.tsv -o MODEL [--epochs N]",
	.run = train_run,
};
