/* Shared includes and helpers of the unit tests (cmocka needs its headers in this order). */
#ifndef KOERS_TEST_H
#define KOERS_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "db/db.h"

/* Read a file of the source tree (tests run from its top); fails the test if missing. */
static inline char *test_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		fail_msg("cannot read %s", path);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

/*
 * A fresh database file for one test: test_db_open() creates and migrates
 * it at a path unique to this process (written to `path`, PATH_LEN bytes),
 * test_db_remove() deletes it with its WAL files.
 */
#define TEST_DB_PATH_LEN 64

static inline struct db *test_db_open(char *path, const char *name)
{
	snprintf(path, TEST_DB_PATH_LEN, "/tmp/koers-%s-test-%d.db", name, (int)getpid());
	unlink(path);
	struct db *db;
	struct err e = { 0 };
	if (db_open(&db, path, &e) < 0)
		fail_msg("%s", e.msg);
	return db;
}

static inline void test_db_remove(const char *path)
{
	char p[TEST_DB_PATH_LEN + 8];
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

#endif
