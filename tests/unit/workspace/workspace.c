/* Unit tests of src/workspace and src/plan/store.c: workspaces, resolution, plan versions. */
#include "test.h"

#include "db/db.h"
#include "plan/store.h"
#include "workspace/workspace.h"

static char path[TEST_DB_PATH_LEN];

static int setup(void **state)
{
	*state = test_db_open(path, "ws");
	unsetenv("KOERS_WORKSPACE");
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	test_db_remove(path);
	return 0;
}

static void test_names_and_zones(void **state)
{
	const struct { const char *name; bool ok; } names[] = {
		{ "fietsen", true }, { "client-2.nl_b", true }, { "", false }, { "-x", false }, { ".hidden", false },
		{ "with space", false }, { "sl/ash", false }, { "ümlaut", false },
		{ "a234567890123456789012345678901234567890123456789012345678901234", true },
		{ "a2345678901234567890123456789012345678901234567890123456789012345", false },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_int_equal(ws_name_valid(names[i].name), names[i].ok);
	assert_true(ws_timezone_valid("Europe/Amsterdam"));
	assert_true(ws_timezone_valid("UTC"));
	assert_false(ws_timezone_valid("Mars/Olympus"));
	assert_false(ws_timezone_valid("../../etc/passwd"));
	assert_false(ws_timezone_valid("/etc/passwd"));
}

static void test_resolution(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	struct ws w;
	/* Empty database: nothing to resolve unless asked to create "default". */
	assert_int_equal(ws_resolve(db, NULL, false, &w, &e), ERR_NOTFOUND);
	assert_int_equal(ws_resolve(db, NULL, true, &w, &e), 0);
	assert_string_equal(w.name, "default");
	assert_string_equal(w.timezone, "Europe/Amsterdam");
	ws_release(&w);
	/* Two workspaces and none current: the caller must choose. */
	assert_int_equal(ws_create(db, "airline", "Europe/London", NULL, &e), 0);
	assert_int_equal(ws_resolve(db, NULL, false, &w, &e), ERR_USAGE);
	assert_int_equal(ws_resolve(db, "airline", false, &w, &e), 0);
	assert_string_equal(w.timezone, "Europe/London");
	ws_release(&w);
	setenv("KOERS_WORKSPACE", "default", 1);
	assert_int_equal(ws_resolve(db, NULL, false, &w, &e), 0);
	assert_string_equal(w.name, "default");
	ws_release(&w);
	unsetenv("KOERS_WORKSPACE");
	assert_int_equal(ws_use(db, "airline", &e), 0);
	assert_int_equal(ws_resolve(db, NULL, false, &w, &e), 0);
	assert_string_equal(w.name, "airline");
	assert_true(w.current);
	ws_release(&w);
	assert_int_equal(ws_use(db, "nope", &e), ERR_NOTFOUND);
}

static void test_plan_versions_follow_the_workspace(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	struct ws a, b;
	assert_int_equal(ws_create(db, "a", NULL, &a, &e), 0);
	assert_int_equal(ws_create(db, "b", NULL, &b, &e), 0);
	int v = 0;
	assert_int_equal(plan_store_save(db, a.id, "one.yaml", "koers: 1\n", &v, &e), 0);
	assert_int_equal(v, 1);
	assert_int_equal(plan_store_save(db, a.id, "two.yaml", "koers: 1\nlanguage: nl\n", &v, &e), 0);
	assert_int_equal(v, 2);
	assert_int_equal(plan_store_save(db, b.id, "other.yaml", "koers: 1\n", &v, &e), 0);
	assert_int_equal(v, 1); /* versions count per workspace */
	struct plan_version pv;
	assert_int_equal(plan_store_load(db, a.id, 0, &pv, &e), 0);
	assert_int_equal(pv.version, 2);
	assert_string_equal(pv.source, "two.yaml");
	plan_version_release(&pv);
	assert_int_equal(plan_store_load(db, a.id, 1, &pv, &e), 0);
	assert_string_equal(pv.body, "koers: 1\n");
	plan_version_release(&pv);
	assert_int_equal(plan_store_load(db, a.id, 7, &pv, &e), ERR_NOTFOUND);
	struct plan p;
	assert_int_equal(plan_load_current(db, a.id, &p, &pv, &e), 0);
	assert_string_equal(p.language, "nl");
	plan_free(&p);
	plan_version_release(&pv);
	/* Renaming keeps the plans; deleting takes them along. */
	assert_int_equal(ws_rename(db, "a", "c", &e), 0);
	assert_int_equal(ws_rename(db, "c", "b", &e), ERR_DATA);
	assert_int_equal(ws_delete(db, "c", &e), 0);
	assert_int_equal(plan_store_load(db, a.id, 0, &pv, &e), ERR_NOTFOUND);
	assert_int_equal(plan_store_load(db, b.id, 0, &pv, &e), 0);
	plan_version_release(&pv);
	ws_release(&a);
	ws_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_names_and_zones, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolution, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_versions_follow_the_workspace, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
