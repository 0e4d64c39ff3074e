/*
 * Unit tests of src/plan/schema.c and skeleton.c: the field tables are well
 * formed, the guide documents every field, and the skeleton `plan init`
 * writes reads back in both languages.
 */
#include "test.h"

#include "plan/plan-yaml.h"
#include "plan/schema.h"
#include "plan/skeleton.h"

/* Does the guide name the key in code, alone or in a path (`goals[].kpi`, `period.start`)? */
static bool documented(const char *guide, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = guide; (p = strstr(p, key)) != NULL; p += n)
		if (p > guide && strchr("`.]", p[-1]) && strchr("`.[", p[n]))
			return true;
	return false;
}

static void walk(const struct schema *s, const char *guide, int depth, int *missing)
{
	for (const struct field *f = s->fields; f->key; f++) {
		assert_true(f->help && strlen(f->help) > 3);
		for (const struct field *g = s->fields; g < f; g++)
			assert_string_not_equal(g->key, f->key);
		if (!documented(guide, f->key)) {
			print_error("docs/plan.md does not explain `%s` (of %s)\n", f->key, s->name);
			++*missing;
		}
		if (f->kind == FK_OBJ || f->kind == FK_LIST) {
			assert_non_null(f->sub);
			walk(f->sub, guide, depth + 1, missing);
		}
		if (f->kind == FK_ENUM || f->kind == FK_ENUMLIST)
			assert_non_null(f->values);
	}
}

static void test_tables_and_guide(void **state)
{
	char *guide = test_read("docs/plan.md", NULL);
	int missing = 0;
	walk(&plan_schema, guide, 0, &missing);
	free(guide);
	assert_int_equal(missing, 0);
}

static void test_skeleton_reads_back(void **state)
{
	for (int lang = 0; lang < LANG__COUNT; lang++) {
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		plan_skeleton(&sb, (enum lang)lang);
		struct plan p;
		struct diags d = { 0 };
		int r = plan_parse(sb.buf, sb.len, "skeleton.yaml", &p, &d);
		if (r)
			fail_msg("%u:%u: %s", d.v[0].line, d.v[0].column, d.v[0].msg);
		/* Only the file format and the language are filled in; every list is empty. */
		assert_true(p.format == 1);
		assert_string_equal(p.language, lang_code((enum lang)lang));
		assert_int_equal(p.goals.n, 0);
		assert_int_equal(p.crisis.levels.n, 0);
		assert_null(p.organisation.name);
		/* Every top-level key is in it, each with its help as a comment. */
		for (const struct field *f = plan_schema.fields; f->key; f++) {
			char line[64];
			snprintf(line, sizeof(line), "\n%s:", f->key);
			assert_non_null(strstr(sb.buf, line));
			assert_non_null(strstr(sb.buf, tr((enum lang)lang, f->help)));
		}
		plan_free(&p);
		diags_release(&d);
		strbuf_release(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_and_guide),
		cmocka_unit_test(test_skeleton_reads_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
