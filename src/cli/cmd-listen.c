/*
 * koers listen — the listening engine. On this branch only the classifier
 * commands (cmd-listen-model.c); the full group is merged from the listening
 * branch.
 */
#include "cli/commands.h"

static const struct cmd *const listen_subs[] = {
	&listen_classify_cmd,
	&listen_train_cmd,
	NULL,
};

const struct cmd cmd_listen = {
	.name = "listen",
	.summary = N_("listen to what is said: ingest, classify, report"),
	.subs = listen_subs,
};
