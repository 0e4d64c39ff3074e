#include "plan/skeleton.h"

#include <string.h>

#include "plan/check.h"
#include "plan/schema.h"

static void indent(struct strbuf *out, int depth)
{
	for (int i = 0; i < depth; i++)
		strbuf_addstr(out, "  ");
}

static void comment(struct strbuf *out, int depth, enum lang lang, const struct field *f)
{
	indent(out, depth);
	strbuf_addf(out, "# %s", tr(lang, f->help));
	if (f->values) {
		strbuf_addf(out, " — %s ", tr(lang, "one of:"));
		for (const char *const *v = f->values; *v; v++)
			strbuf_addf(out, "%s%s", v == f->values ? "" : ", ", *v);
	}
	strbuf_addch(out, '\n');
}

static void object(struct strbuf *out, const struct schema *s, int depth, enum lang lang, bool list_item);

static void value(struct strbuf *out, const struct field *f, int depth, enum lang lang)
{
	switch (f->kind) {
	case FK_STRLIST: case FK_ENUMLIST:
		strbuf_addstr(out, " []\n");
		break;
	case FK_NUMMAP:
		strbuf_addstr(out, " {}\n");
		break;
	case FK_OBJ:
		strbuf_addch(out, '\n');
		object(out, f->sub, depth + 1, lang, false);
		break;
	case FK_LIST:
		strbuf_addch(out, '\n');
		object(out, f->sub, depth + 1, lang, true);
		break;
	default:
		strbuf_addch(out, '\n');
		break;
	}
}

/* A list shows one empty item, written "- first_key:" with the rest below it. */
static void object(struct strbuf *out, const struct schema *s, int depth, enum lang lang, bool list_item)
{
	for (const struct field *f = s->fields; f->key; f++) {
		comment(out, depth, lang, f);
		indent(out, depth);
		if (list_item)
			strbuf_addstr(out, f == s->fields ? "- " : "  ");
		strbuf_addf(out, "%s:", f->key);
		value(out, f, depth + list_item, lang);
	}
}

void plan_skeleton(struct strbuf *out, enum lang lang)
{
	strbuf_addf(out, "# %s\n", tr(lang, "koers social media plan. Fill in every step; 'koers plan check' says what is still missing and why it matters."));
	strbuf_addf(out, "# %s\n", tr(lang, "Import it with 'koers plan import FILE'; empty fields are allowed while you work."));
	int last_step = -1;
	for (const struct field *f = plan_schema.fields; f->key; f++) {
		int step = schema_step_of(f->key);
		if (step && step != last_step) {
			strbuf_addf(out, "\n# ── %s %d: %s ──\n", tr(lang, "Step"), step, tr(lang, check_step_name(step)));
			last_step = step;
		}
		if (!step)
			strbuf_addch(out, '\n');
		comment(out, 0, lang, f);
		if (!strcmp(f->key, "koers")) {
			strbuf_addstr(out, "koers: 1\n");
			continue;
		}
		if (!strcmp(f->key, "language")) {
			strbuf_addf(out, "language: %s\n", lang_code(lang));
			continue;
		}
		strbuf_addf(out, "%s:", f->key);
		value(out, f, 0, lang);
	}
}
