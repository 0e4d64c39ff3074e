#include "cli/analytics.h"

#include <stdio.h>

#include "base/tz.h"
#include "kpi/engine.h"
#include "plan/store.h"
#include "workspace/workspace.h"

int actx_open(struct koers *k, struct actx *a, bool need_plan)
{
	plan_init(&a->plan);
	a->have_plan = false;
	a->zone = NULL;
	int rc = cli_workspace(k, false);
	if (rc)
		return rc;
	struct err e = { .lang = k->lang };
	struct ws ws;
	if (ws_find(k->db, k->ws_name, &ws, &e) < 0)
		return cli_fail_err(k, &e);
	int r = tz_load(ws.timezone, NULL, &a->zone, &e);
	ws_release(&ws);
	if (r < 0)
		return cli_fail_err(k, &e);
	struct plan_version v = { 0 };
	r = plan_load_current(k->db, k->ws_id, &a->plan, &v, &e);
	plan_version_release(&v);
	if (r == 0)
		a->have_plan = true;
	else if (r != ERR_NOTFOUND || need_plan)
		return cli_fail_err(k, &e);
	return 0;
}

int actx_open_data(struct koers *k, struct actx *a, bool need_plan, struct kpi_data **d)
{
	*d = NULL;
	int rc = actx_open(k, a, need_plan);
	struct err e = { .lang = k->lang };
	if (!rc && kpi_data_load(k->db, k->ws_id, a->have_plan ? &a->plan : NULL, a->zone, d, &e) < 0)
		rc = cli_fail_err(k, &e);
	return rc;
}

void actx_release(struct actx *a)
{
	plan_free(&a->plan);
	tz_free(a->zone);
	a->zone = NULL;
}

void actx_print_diags(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "%s:%u:%u: %s\n", d->v[i].file, d->v[i].line, d->v[i].column, d->v[i].msg);
}
