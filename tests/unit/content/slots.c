/* Unit tests of src/content/slots.c: weekly slots in local time, the next free one, across DST. */
#include "test.h"

#include "base/isotime.h"
#include "base/tz.h"
#include "content/slots.h"
#include "db/db.h"

static char path[TEST_DB_PATH_LEN];

static int setup(void **state)
{
	*state = test_db_open(path, "slots");
	struct err e = { 0 };
	if (db_run(*state, &e, "INSERT INTO workspaces(id, name) VALUES (1, 'w')", "") < 0)
		fail_msg("%s", e.msg);
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	test_db_remove(path);
	return 0;
}

static int64_t at(const char *iso)
{
	int64_t t;
	struct err e = { 0 };
	unsigned col;
	if (iso_parse_datetime(iso, NULL, &t, &e, &col) < 0)
		fail_msg("%s: %s", iso, e.msg);
	return t;
}

static void test_weekdays(void **state)
{
	assert_int_equal(slots_weekday("mon"), 1);
	assert_int_equal(slots_weekday("Sun"), 7);
	assert_int_equal(slots_weekday("3"), 3);
	assert_int_equal(slots_weekday("8"), 0);
	assert_int_equal(slots_weekday("maandag"), 0);
}

static void test_next_free_slot_in_local_time_across_dst(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	struct tz *ams;
	assert_int_equal(tz_load("Europe/Amsterdam", NULL, &ams, &e), 0);
	/* Sundays 09:00 local: 2026-03-22 is still CET (08:00Z), 2026-03-29 is CEST (07:00Z). */
	assert_int_equal(slots_add(db, 1, "ig", 7, 9 * 3600, &e), 0);
	assert_int_equal(slots_add(db, 1, "ig", 7, 9 * 3600, &e), 0); /* again: no duplicate */
	struct slot *v;
	size_t n;
	assert_int_equal(slots_list(db, 1, NULL, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	slots_free(v, n);
	int64_t t;
	assert_int_equal(slots_next_free(db, 1, ams, "ig", at("2026-03-20T12:00:00Z"), &t, &e), 0);
	assert_true(t == at("2026-03-22T08:00:00Z"));
	/* That one is taken by a post: the next Sunday, after the switch, at 09:00 CEST. */
	assert_int_equal(db_run(db, &e, "INSERT INTO posts(id, workspace_id, status, scheduled_at) VALUES (1, 1, 'scheduled', ?)",
				"i", t), 0);
	assert_int_equal(db_run(db, &e, "INSERT INTO post_channels(post_id, channel) VALUES (1, 'ig')", ""), 0);
	assert_int_equal(slots_next_free(db, 1, ams, "ig", at("2026-03-20T12:00:00Z"), &t, &e), 0);
	assert_true(t == at("2026-03-29T07:00:00Z"));
	/* A cancelled post frees its slot again. */
	assert_int_equal(db_run(db, &e, "UPDATE posts SET status = 'cancelled'", ""), 0);
	assert_int_equal(slots_next_free(db, 1, ams, "ig", at("2026-03-20T12:00:00Z"), &t, &e), 0);
	assert_true(t == at("2026-03-22T08:00:00Z"));
	/* A channel without slots says so. */
	assert_int_equal(slots_next_free(db, 1, ams, "fb", at("2026-03-20T12:00:00Z"), &t, &e), ERR_NOTFOUND);
	assert_int_equal(slots_remove(db, 1, "ig", 7, 9 * 3600, &e), 0);
	assert_int_equal(slots_remove(db, 1, "ig", 7, 9 * 3600, &e), ERR_NOTFOUND);
	tz_free(ams);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test_setup_teardown(test_next_free_slot_in_local_time_across_dst, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
