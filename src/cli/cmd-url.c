/* koers url parse|tag: WHATWG URL parsing and UTM tagging of links. */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/commands.h"
#include "content/url.h"
#include "content/utm.h"

/* Post texts read from standard input by `url tag -`. */
#define URL_TEXT_CAP ((size_t)1 << 20)

static int parse_fail(struct koers *k, const char *what, const char *input, int code, const struct err *e)
{
	const char *why = code == URL_ERR_UNSUPPORTED ? tr(k->lang, "URL not supported") : tr(k->lang, "not a valid URL");
	if (k->json) {
		json_t *o = json_pack("{s:s, s:b, s:b, s:s}", "part", what, "valid", 0, "supported",
				      code != URL_ERR_UNSUPPORTED, "error", e->msg);
		json_object_set_new(o, "input", json_string(input)); /* left out when not UTF-8 */
		cli_json(o);
	}
	return cli_fail(k, EXIT_FINDINGS, "%s: %s: %s", what, why, e->msg);
}

static int url_parse_run(struct koers *k, int argc, char **argv)
{
	const char *base_s = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "base", &base_s, "URL", N_("resolve the URL against this base URL")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	if (n == CLI_DONE)
		return k->exit_code;
	struct err e = { .lang = k->lang };
	struct url base, u;
	if (base_s) {
		int r = url_parse(&base, base_s, strlen(base_s), NULL, &e);
		if (r < 0)
			return parse_fail(k, "base", base_s, r, &e);
	}
	int r = url_parse(&u, argv[0], strlen(argv[0]), base_s ? &base : NULL, &e);
	if (base_s)
		url_release(&base);
	if (r < 0)
		return parse_fail(k, "url", argv[0], r, &e);
	json_t *o = k->json ? json_object() : NULL;
	for (int p = 0; p < URL_PART__COUNT; p++) {
		char *v = url_get(&u, (enum url_part)p);
		if (o)
			json_object_set_new(o, url_part_names[p], json_string(v));
		else
			printf("%-9s %s\n", url_part_names[p], v);
		free(v);
	}
	if (o)
		cli_json(o);
	url_release(&u);
	return EXIT_OK;
}

static const char *const result_names[] = {
	[UTM_FOREIGN] = "foreign",
	[UTM_PRESENT] = "present",
	[UTM_TAGGED] = "tagged",
};

/* Own domains from every --domain, each also a comma-separated list. */
static int add_domains(struct koers *k, const struct opt_list *l, struct utm_domains *own)
{
	struct err e = { .lang = k->lang };
	for (size_t i = 0; i < l->n; i++) {
		char *copy = xstrdup(l->v[i]);
		for (char *s = copy, *comma; s; s = comma ? comma + 1 : NULL) {
			comma = strchr(s, ',');
			if (comma)
				*comma = '\0';
			if (utm_domains_add(own, s, &e) < 0) {
				free(copy);
				return cli_fail_err(k, &e);
			}
		}
		free(copy);
	}
	return 0;
}

static int tag_text(struct koers *k, const struct utm_domains *own, const struct utm_tags *t)
{
	struct err e = { .lang = k->lang };
	char *text;
	size_t len, tagged;
	if (cli_read_file("-", URL_TEXT_CAP, &text, &len, &e) < 0)
		return cli_fail_err(k, &e);
	char *out = utm_tag_text(text, len, own, t, &tagged);
	json_t *j = k->json ? json_pack("{s:s, s:I}", "text", out, "tagged", (json_int_t)tagged) : NULL;
	int rc = EXIT_OK;
	if (k->json && !j)
		rc = cli_fail(k, EXIT_FINDINGS, "%s", tr(k->lang, "the text is not valid UTF-8"));
	else if (j)
		cli_json(j);
	else
		fputs(out, stdout);
	free(out);
	free(text);
	return rc;
}

static int url_tag_run(struct koers *k, int argc, char **argv)
{
	struct opt_list domains = { 0 };
	struct utm_tags t = { 0 };
	const struct opt opts[] = {
		OPT_LIST(0, "domain", &domains, "DOMAIN",
			 N_("an own domain; its subdomains count too (repeatable, or a comma-separated list)")),
		OPT_STRING(0, "source", &t.source, "PLATFORM", N_("utm_source: the platform of the post")),
		OPT_STRING(0, "campaign", &t.campaign, "CAMPAIGN", N_("utm_campaign: the campaign")),
		OPT_STRING(0, "content", &t.content, "ID", N_("utm_content: the post id")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1);
	int rc = n == CLI_DONE ? k->exit_code : EXIT_OK;
	if (n >= 0 && rc == EXIT_OK && (!domains.n || !t.source || !*t.source))
		rc = cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "url tag needs --domain and --source"));
	struct utm_domains own = { 0 };
	if (n >= 0 && rc == EXIT_OK)
		rc = add_domains(k, &domains, &own);
	free(domains.v);
	if (n < 0 || rc != EXIT_OK) {
		utm_domains_release(&own);
		return rc;
	}
	if (!strcmp(argv[0], "-")) {
		rc = tag_text(k, &own, &t);
		utm_domains_release(&own);
		return rc;
	}
	struct err e = { .lang = k->lang };
	char *out;
	enum utm_result res;
	int r = utm_tag_link(argv[0], strlen(argv[0]), &own, &t, &out, &res, &e);
	utm_domains_release(&own);
	if (r < 0)
		return parse_fail(k, "url", argv[0], r, &e);
	if (k->json)
		cli_json(json_pack("{s:s, s:s, s:s}", "input", argv[0], "href", out, "result", result_names[res]));
	else
		printf("%s\n", out);
	free(out);
	return EXIT_OK;
}

static const struct cmd url_parse_cmd = {
	"parse", N_("parse a URL as the WHATWG URL Standard does and print its parts"),
	"[--base URL] [--json] URL", url_parse_run, NULL,
};
static const struct cmd url_tag_cmd = {
	"tag", N_("add UTM tags to a link to an own domain ('-': every link in a text on standard input)"),
	"--domain D [--domain D...] --source S [--campaign C] [--content ID] [--json] URL|-", url_tag_run, NULL,
};

static const struct cmd *const url_subs[] = { &url_parse_cmd, &url_tag_cmd, NULL };

const struct cmd cmd_url = { "url", N_("parse links and add UTM tags to them"), NULL, NULL, url_subs };
