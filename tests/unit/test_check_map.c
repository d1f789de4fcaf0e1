/* test_check_map.c — the check's VFS (src/safety/check_map.c): the main
 * file's pages are handed out from a map of the whole file, equal to what
 * the file holds; what lies beyond the map (the file grew) is left to the
 * pager to read, and a new map follows once SQLite lets the old one go;
 * a ledger's queries through it answer as without it. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checkmeter.h"
#include "mp_text.h"

static char dir[] = "/tmp/test_check_map.XXXXXX";

static void exec_ok(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : "?");
	sqlite3_free(err);
}

static long long one(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A file of rows tall enough to take many pages, not in WAL mode (so
 * that every page is the main file's). */
static char *make_file(const char *name, int rows)
{
	char *path = mp_asprintf("%s/%s", dir, name);
	sqlite3 *h = NULL;
	char sql[256];

	unlink(path);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	exec_ok(h, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
	           " CREATE INDEX t_v ON t (v); BEGIN");
	snprintf(sql, sizeof sql,
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
	         " INSERT INTO t (v) SELECT printf('%%08d-%%s', i, hex(randomblob(40))) FROM n",
	         rows);
	exec_ok(h, sql);
	exec_ok(h, "COMMIT");
	sqlite3_close(h);
	return path;
}

static sqlite3_file *main_file(sqlite3 *h)
{
	sqlite3_file *f = NULL;

	assert_int_equal(sqlite3_file_control(h, "main", SQLITE_FCNTL_FILE_POINTER, &f),
	                 SQLITE_OK);
	assert_non_null(f);
	return f;
}

static void test_pages_from_the_map(void **state)
{
	char *path = make_file("a.db", 12000);
	const char *vfs = mp_check_map_vfs();
	unsigned char page[4096];
	sqlite3_file *f;
	sqlite3 *h = NULL;
	void *p = NULL;
	FILE *in;

	(void)state;
	assert_non_null(vfs);
	assert_string_equal(mp_check_map_vfs(), vfs);   /* set up once */
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, vfs), SQLITE_OK);
	exec_ok(h, "PRAGMA mmap_size = 65536");
	assert_int_equal(one(h, "SELECT count(*) FROM t"), 12000);
	f = main_file(h);
	assert_int_equal(f->pMethods->iVersion, 3);
	/* A page far beyond SQLite's own 64 KB map limit set above: from
	 * the whole file's map all the same, equal to the file's bytes. */
	long long pages = one(h, "PRAGMA page_count");
	assert_true(pages > 300);
	sqlite3_int64 off = (pages - 2) * 4096;
	assert_int_equal(f->pMethods->xFetch(f, off, 4096, &p), SQLITE_OK);
	assert_non_null(p);
	in = fopen(path, "rb");
	assert_non_null(in);
	assert_int_equal(fseek(in, (long)off, SEEK_SET), 0);
	assert_int_equal(fread(page, 1, sizeof page, in), sizeof page);
	fclose(in);
	assert_memory_equal(p, page, sizeof page);
	assert_int_equal(f->pMethods->xUnfetch(f, off, p), SQLITE_OK);
	/* Past the end: nothing handed out, the pager reads. */
	p = (void *)1;
	assert_int_equal(f->pMethods->xFetch(f, pages * 4096, 4096, &p), SQLITE_OK);
	assert_null(p);
	/* The checks through it, as SQLite's own. */
	assert_int_equal(one(h, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
	assert_int_equal(one(h, "SELECT count(*) FROM t INDEXED BY t_v WHERE v >= '00002500'"), 9501);
	sqlite3_close(h);
	free(path);
}

static void test_file_grows(void **state)
{
	char *path = make_file("b.db", 2000);
	const char *vfs = mp_check_map_vfs();
	sqlite3 *h = NULL, *w = NULL;
	sqlite3_file *f;
	void *p = NULL;
	long long before;

	(void)state;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, vfs), SQLITE_OK);
	exec_ok(h, "PRAGMA mmap_size = 65536");
	assert_int_equal(one(h, "SELECT count(*) FROM t"), 2000);
	before = one(h, "PRAGMA page_count");
	/* Another connection makes the file grow while the map is made. */
	assert_int_equal(sqlite3_open(path, &w), SQLITE_OK);
	exec_ok(w, "BEGIN; INSERT INTO t (v) SELECT v || 'x' FROM t; COMMIT");
	sqlite3_close(w);
	/* The reader sees the new rows (beyond the old map: read). */
	assert_int_equal(one(h, "SELECT count(*) FROM t"), 4000);
	assert_int_equal(one(h, "SELECT count(*) FROM t WHERE v LIKE '%x'"), 2000);
	assert_true(one(h, "PRAGMA page_count") > before);
	/* Once SQLite lets the map go, the next one covers the new size. */
	f = main_file(h);
	assert_int_equal(f->pMethods->xUnfetch(f, 0, NULL), SQLITE_OK);
	assert_int_equal(f->pMethods->xFetch(f, (one(h, "PRAGMA page_count") - 1) * 4096, 4096, &p),
	                 SQLITE_OK);
	assert_non_null(p);
	assert_int_equal(f->pMethods->xUnfetch(f, 0, p), SQLITE_OK);
	assert_int_equal(one(h, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
	sqlite3_close(h);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_from_the_map),
		cmocka_unit_test(test_file_grows),
	};
	int rc;

	if (!mkdtemp(dir))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	char *cmd = mp_asprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
