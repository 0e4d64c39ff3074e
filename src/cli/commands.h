/* The command table entries, one per src/cli/cmd-*.c file. */
#ifndef KOERS_COMMANDS_H
#define KOERS_COMMANDS_H

#include "cli/cli.h"

extern const struct cmd cmd_workspace;
extern const struct cmd cmd_plan;
extern const struct cmd cmd_post;
extern const struct cmd cmd_listen;
extern const struct cmd cmd_url;
extern const struct cmd cmd_calendar;
extern const struct cmd listen_classify_cmd;
extern const struct cmd listen_train_cmd;
extern const struct cmd listen_ingest_cmd;
extern const struct cmd listen_query_add_cmd;
extern const struct cmd listen_query_import_cmd;
extern const struct cmd listen_query_list_cmd;
extern const struct cmd listen_query_rm_cmd;
extern const struct cmd listen_report_cmd;
extern const struct cmd listen_authors_cmd;
extern const struct cmd listen_mentions_cmd;
extern const struct cmd listen_terms_cmd;
extern const struct cmd listen_alerts_cmd;
extern const struct cmd listen_detect_cmd;
extern const struct cmd cmd_metrics;
extern const struct cmd cmd_budget;
extern const struct cmd cmd_kpi;
extern const struct cmd cmd_goals;
extern const struct cmd cmd_besttime;
extern const struct cmd cmd_report;

#endif
