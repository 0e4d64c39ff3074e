/* Unit tests of src/db: migrations, bound parameters, nested transactions, constraint errors. */
#include "test.h"

#include "db/db.h"

static char path[TEST_DB_PATH_LEN];

static int setup(void **state)
{
	*state = test_db_open(path, "db");
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	test_db_remove(path);
	return 0;
}

static void test_migrated_and_configured(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	assert_true(db_schema_version(db, &e) >= 1);
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, &st, "PRAGMA journal_mode", &e), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "wal");
	db_finalize(st);
	assert_int_equal(db_prepare(db, &st, "PRAGMA foreign_keys", &e), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	db_finalize(st);
	/* Opening again applies nothing twice. */
	struct db *again;
	assert_int_equal(db_open(&again, path, &e), 0);
	assert_int_equal(db_schema_version(again, &e), db_schema_version(db, &e));
	db_close(again);
}

static void test_missing_migrations_run_newer_databases_refused(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	/* As if migration 2 had arrived after 3 was applied: it runs on the next open. */
	assert_int_equal(db_exec(db, "DROP TABLE posting_slots; DROP TABLE post_history; DROP TABLE post_media;"
				 " DROP TABLE post_channels; DROP TABLE posts;", &e), 0);
	assert_int_equal(db_run(db, &e, "DELETE FROM schema_version WHERE version = 2", ""), 0);
	struct db *again;
	assert_int_equal(db_open(&again, path, &e), 0);
	assert_int_equal(db_run(again, &e, "INSERT INTO posts(workspace_id, body) SELECT id, 'x' FROM workspaces", ""), 0);
	db_close(again);
	/* A database from a newer koers is refused, not changed. */
	assert_int_equal(db_run(db, &e, "INSERT INTO schema_version(version) VALUES (9999)", ""), 0);
	assert_int_equal(db_open(&again, path, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "newer"));
}

static void test_parameters_are_never_sql(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	const char *evil = "x'); DROP TABLE workspaces; --";
	assert_int_equal(db_run(db, &e, "INSERT INTO workspaces(name) VALUES (?)", "s", evil), 0);
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, &st, "SELECT name, ?2 * 2, ?3 FROM workspaces WHERE name = ?1", &e), 0);
	db_bind_text(st, 1, evil);
	db_bind_double(st, 2, 1.25);
	db_bind_null(st, 3);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), evil);
	assert_true(db_col_double(st, 1) == 2.5);
	assert_true(db_col_is_null(st, 2));
	assert_string_equal(db_col_text(st, 2), "");
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_finalize(st);
}

static int64_t count(struct db *db)
{
	struct err e = { 0 };
	struct db_stmt *st;
	db_prepare(db, &st, "SELECT count(*) FROM workspaces", &e);
	db_step(st, &e);
	int64_t n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

static void test_nested_transactions(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	int64_t before = count(db);
	/* Outer commit of nested work keeps it. */
	assert_int_equal(db_begin(db, &e), 0);
	db_run(db, &e, "INSERT INTO workspaces(name) VALUES ('a')", "");
	assert_int_equal(db_begin(db, &e), 0);
	db_run(db, &e, "INSERT INTO workspaces(name) VALUES ('b')", "");
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(count(db), before + 2);
	/* An inner rollback dooms the whole transaction. */
	assert_int_equal(db_begin(db, &e), 0);
	db_run(db, &e, "INSERT INTO workspaces(name) VALUES ('c')", "");
	assert_int_equal(db_begin(db, &e), 0);
	db_rollback(db);
	assert_true(db_commit(db, &e) < 0);
	assert_int_equal(count(db), before + 2);
	/* A plain rollback. */
	assert_int_equal(db_begin(db, &e), 0);
	db_run(db, &e, "INSERT INTO workspaces(name) VALUES ('d')", "");
	db_rollback(db);
	assert_int_equal(count(db), before + 2);
}

static void test_errors(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	db_run(db, &e, "INSERT INTO workspaces(name) VALUES ('dup')", "");
	assert_int_equal(db_run(db, &e, "INSERT INTO workspaces(name) VALUES ('dup')", ""), ERR_DATA);
	assert_non_null(strstr(e.msg, "UNIQUE"));
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, &st, "SELEC nonsense", &e), ERR_IO);
	/* Foreign keys are enforced. */
	assert_int_equal(db_run(db, &e, "INSERT INTO plans(workspace_id, version, source, body) VALUES (999, 1, 'x', 'y')", ""), ERR_DATA);
	assert_int_equal(db_open(&(struct db *){ NULL }, "/nonexistent/dir/x.db", &e), ERR_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrated_and_configured, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_migrations_run_newer_databases_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parameters_are_never_sql, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
