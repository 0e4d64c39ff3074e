/*
 * Fuzz target: the plan reader (YAML → model), the checker and both
 * writers on whatever it reads. Properties beyond "no crash": a plan that
 * reads without problems is written as YAML that reads back equal.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/check.h"
#include "plan/plan-yaml.h"
#include "plan/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan p;
	struct diags d = { .max = 50 };
	int r = plan_parse((const char *)data, size, "fuzz.yaml", &p, &d);
	diags_release(&d);
	struct check_result res;
	plan_check(&p, LANG_NL, &res);
	check_result_release(&res);
	struct strbuf out;
	strbuf_init(&out, STRBUF_NOCAP);
	plan_render(&p, DOC_HTML, LANG_EN, &out);
	strbuf_reset(&out);
	if (r == 0) {
		struct err e = { 0 };
		if (plan_emit_yaml(&p, &out, &e) == 0) {
			struct plan again;
			struct diags d2 = { .max = 1 };
			if (plan_parse(out.buf, out.len, "again.yaml", &again, &d2) != 0 || !plan_equal(&p, &again))
				abort();
			plan_free(&again);
			diags_release(&d2);
		}
	}
	strbuf_release(&out);
	plan_free(&p);
	return 0;
}
