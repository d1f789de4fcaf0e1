/* test_db.c — the ledger file: creation, safety checks, migrations. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db_internal.h"
#include "mp_group.h"
#include "mp_registry.h"
#include "mp_record.h"
#include "mp_steps.h"
#include "mp_text.h"
#include "fixture.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/mp-test-db-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return mp_fx_rmtree(tmpdir);
}

static char *in_tmp(const char *name)
{
	return mp_asprintf("%s/%s", tmpdir, name);
}

/* The whole file, for before/after comparisons. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	assert_non_null(f);
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int pragma_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int v;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

/* Open must fail with code, leave the file byte for byte as it was, and
 * name the file in its message. */
static void assert_refused(const char *path, int code, const char *words)
{
	size_t n0, n1;
	char *before = slurp(path, &n0), *after;
	mp_db *db = (mp_db *)1;
	mp_err e;

	assert_int_equal(mp_db_open(&db, path, 0, &e), code);
	assert_null(db);
	assert_int_equal(e.code, code);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, words));
	after = slurp(path, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	free(before);
	free(after);
}

static void test_new_file(void **state)
{
	char *path = in_tmp("sub/dir/miaopu.db");
	char *dir = in_tmp("sub");
	struct stat sb;
	mp_db *db;
	mp_err e;
	const char *mode;
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(mp_db_open(&db, path, 1, &e), MP_OK);
	assert_string_equal(mp_db_path(db), path);
	assert_int_equal(mp_db_readonly(db), 0);

	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	assert_int_equal(sqlite3_prepare_v2(db->h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	mode = (const char *)sqlite3_column_text(st, 0);
	assert_string_equal(mode, "wal");
	sqlite3_finalize(st);
	assert_int_equal(pragma_int(db->h, "PRAGMA foreign_keys"), 1);
	assert_int_equal(pragma_int(db->h, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(pragma_int(db->h, "PRAGMA user_version"), mp_db_schema_version());
	assert_true(mp_db_schema_version() >= 1);
	assert_int_equal(pragma_int(db->h, "SELECT count(*) FROM sqlite_master WHERE name = 'groups'"), 1);

	/* The write-ahead log inherits the owner-only mode. */
	assert_int_equal(sqlite3_exec(db->h, "INSERT INTO meta VALUES ('k', 'v')", NULL, NULL, NULL), SQLITE_OK);
	{
		char *wal = mp_asprintf("%s-wal", path);
		assert_int_equal(stat(wal, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
		free(wal);
	}
	mp_db_close(db);
	free(path);
	free(dir);
}

static void test_missing_folder_without_create_dirs(void **state)
{
	char *path = in_tmp("nope/miaopu.db");
	mp_db *db;
	mp_err e;

	(void)state;
	assert_int_not_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	assert_null(db);
	assert_non_null(strstr(e.msg, path));
	free(path);
}

static void test_reopen_keeps_data(void **state)
{
	char *path = in_tmp("miaopu.db");
	mp_db *db;
	mp_err e;

	(void)state;
	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	assert_int_equal(sqlite3_exec(db->h, "INSERT INTO meta VALUES ('station', '城关社工站')", NULL, NULL, NULL), SQLITE_OK);
	mp_db_close(db);

	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	assert_int_equal(pragma_int(db->h, "SELECT count(*) FROM meta WHERE value = '城关社工站'"), 1);
	assert_int_equal(pragma_int(db->h, "PRAGMA user_version"), mp_db_schema_version());
	mp_db_close(db);
	free(path);
}

static void test_empty_file_becomes_ledger(void **state)
{
	char *path = in_tmp("empty.db");
	mp_db *db;
	mp_err e;

	(void)state;
	write_file(path, "");
	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	assert_int_equal(pragma_int(db->h, "PRAGMA user_version"), mp_db_schema_version());
	mp_db_close(db);
	free(path);
}

static void test_newer_refused_untouched(void **state)
{
	char *path = in_tmp("newer.db");
	mp_db *db;
	mp_err e;

	(void)state;
	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	mp_db_close(db);
	raw_exec(path, "PRAGMA user_version = 99");
	assert_refused(path, MP_ENEWER, "newer");
	/* The message says which schema versions are involved. */
	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_ENEWER);
	assert_non_null(strstr(e.msg, "99"));
	free(path);
}

/* A newer miaopu left its last change in the write-ahead log: refusing
 * the file must not checkpoint that log into it either. */
static void test_newer_in_wal_refused_untouched(void **state)
{
	char *path = in_tmp("newer-wal.db");
	char *wal = mp_asprintf("%s-wal", path);
	char *before, *after;
	size_t n0, n1;
	sqlite3 *h;
	mp_db *db;
	mp_err e;

	(void)state;
	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	mp_db_close(db);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	assert_int_equal(sqlite3_exec(h, "PRAGMA wal_autocheckpoint = 0;"
	                              "PRAGMA user_version = 99;", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	before = slurp(wal, &n0);
	assert_true(n0 > 0);
	assert_refused(path, MP_ENEWER, "newer");
	after = slurp(wal, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	free(before);
	free(after);
	free(wal);
	free(path);
}

static void test_text_file_refused_untouched(void **state)
{
	char *path = in_tmp("notes.txt");

	(void)state;
	write_file(path, "hello");
	assert_refused(path, MP_ENOTDB, "not a SQLite database");
	free(path);
}

static void test_long_text_file_refused_untouched(void **state)
{
	char *path = in_tmp("big.txt");
	char *text = malloc(10000);
	int i;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < 9999; i++)
		text[i] = (char)('a' + i % 26);
	text[9999] = '\0';
	write_file(path, text);
	assert_refused(path, MP_ENOTDB, "not a SQLite database");
	free(text);
	free(path);
}

static void test_foreign_sqlite_refused_untouched(void **state)
{
	char *path = in_tmp("other.db");

	(void)state;
	raw_exec(path, "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('x');");
	assert_refused(path, MP_ENOTDB, "not a miaopu ledger");
	free(path);
}

/* What a user who may not write the ledger sees; returns 0 when right,
 * else the number of the check that failed (runs in a child process when
 * we are root, since root may write anything). */
static int readonly_checks(const char *path)
{
	mp_db *db;
	mp_err e;
	sqlite3_stmt *st;
	int ok;

	if (mp_db_open(&db, path, 0, &e) != MP_OK) {
		fprintf(stderr, "readonly open: %s\n", e.msg);
		return 1;
	}
	if (!mp_db_readonly(db))
		return 2;
	if (sqlite3_prepare_v2(db->h, "SELECT value FROM meta WHERE key = 'station'", -1, &st, NULL) != SQLITE_OK)
		return 3;
	ok = sqlite3_step(st) == SQLITE_ROW
	     && !strcmp((const char *)sqlite3_column_text(st, 0), "东湖社工站");
	sqlite3_finalize(st);
	if (!ok)
		return 4;
	if (mp_db_begin(db, &e) != MP_EREADONLY || !strstr(e.msg, path) || !strstr(e.msg, "read-only"))
		return 5;
	mp_db_close(db);
	return 0;
}

static int as_other_user(int (*fn)(const char *), const char *path)
{
	pid_t pid;
	int status;

	if (getuid() != 0)
		return fn(path);
	pid = fork();
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(100);
		_exit(fn(path));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 101;
	return WEXITSTATUS(status);
}

static void make_readonly_ledger(const char *path)
{
	mp_db *db;
	mp_err e;

	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	assert_int_equal(sqlite3_exec(db->h, "INSERT INTO meta VALUES ('station', '东湖社工站')",
	                              NULL, NULL, NULL), SQLITE_OK);
	mp_db_close(db);
	assert_int_equal(chmod(path, 0444), 0);
}

static void test_readonly_file(void **state)
{
	char *path = in_tmp("ro.db");
	size_t n0, n1;
	char *before, *after;

	(void)state;
	make_readonly_ledger(path);
	/* The folder is writable: SQLite can make its -shm file. */
	assert_int_equal(chmod(tmpdir, 0777), 0);
	before = slurp(path, &n0);
	assert_int_equal(as_other_user(readonly_checks, path), 0);
	after = slurp(path, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	free(before);
	free(after);
	free(path);
}

static void test_readonly_media(void **state)
{
	char *path = in_tmp("ro.db");

	(void)state;
	make_readonly_ledger(path);
	/* Nothing can be created beside the file either (a CD, a locked
	 * share): the ledger is still readable. */
	assert_int_equal(chmod(tmpdir, 0755), 0);
	assert_int_equal(as_other_user(readonly_checks, path), 0);
	free(path);
}

static int needs_upgrade_checks(const char *path)
{
	mp_db *db = NULL;
	mp_err e;

	if (mp_db_open(&db, path, 0, &e) != MP_EREADONLY || db)
		return 1;
	if (!strstr(e.msg, path) || !strstr(e.msg, "read-only"))
		return 2;
	return 0;
}

static void test_readonly_needs_upgrade(void **state)
{
	char *path = in_tmp("old.db");

	(void)state;
	/* A file that would need migrating cannot be opened read-only. */
	write_file(path, "");
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(chmod(tmpdir, 0777), 0);
	assert_int_equal(as_other_user(needs_upgrade_checks, path), 0);
	free(path);
}

static const struct mp_migration two_steps[] = {
	{ 1, "CREATE TABLE things (a TEXT NOT NULL);", NULL },
	{ 2, "ALTER TABLE things ADD COLUMN b INTEGER NOT NULL DEFAULT 7;"
	     "CREATE INDEX things_a ON things(a);", NULL },
	{ 3, "CREATE TABLE more (x); THIS IS NOT SQL;", NULL },
};

static void test_migrate_in_place(void **state)
{
	char *path = in_tmp("m.db");
	sqlite3 *h;
	mp_err e;

	(void)state;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(mp_db_migrate(h, two_steps, 1, &e), MP_OK);
	assert_int_equal(pragma_int(h, "PRAGMA user_version"), 1);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO things VALUES ('苗圃')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(mp_db_migrate(h, two_steps, 2, &e), MP_OK);
	assert_int_equal(pragma_int(h, "PRAGMA user_version"), 2);
	assert_int_equal(pragma_int(h, "SELECT b FROM things WHERE a = '苗圃'"), 7);
	assert_int_equal(pragma_int(h, "SELECT count(*) FROM sqlite_master WHERE name = 'things_a'"), 1);

	/* Running again changes nothing. */
	assert_int_equal(mp_db_migrate(h, two_steps, 2, &e), MP_OK);
	assert_int_equal(pragma_int(h, "SELECT count(*) FROM things"), 1);

	/* A step that fails leaves the file at the last good version, with
	 * nothing of the failed step applied. */
	assert_int_not_equal(mp_db_migrate(h, two_steps, 3, &e), MP_OK);
	assert_int_equal(pragma_int(h, "PRAGMA user_version"), 2);
	assert_int_equal(pragma_int(h, "SELECT count(*) FROM sqlite_master WHERE name = 'more'"), 0);

	/* A program that knows only step 1 refuses the version-2 file. */
	assert_int_equal(mp_db_migrate(h, two_steps, 1, &e), MP_ENEWER);
	assert_non_null(strstr(e.msg, "newer"));
	assert_int_equal(pragma_int(h, "PRAGMA user_version"), 2);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
	free(path);
}

static void test_busy(void **state)
{
	char *path = in_tmp("busy.db");
	sqlite3 *other;
	mp_db *db;
	mp_err e;

	(void)state;
	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db->h, 50);
	assert_int_equal(mp_db_begin(db, &e), MP_EBUSY);
	assert_non_null(strstr(e.msg, "in use by another program"));
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(mp_db_begin(db, &e), MP_OK);
	assert_int_equal(mp_db_commit(db, &e), MP_OK);
	sqlite3_close(other);
	mp_db_close(db);
	free(path);
}

/* Storage runs the steps it is handed, and the layer above's hooks: what
 * must come before an upgrade (a refusal leaves the file as it was, and
 * says so), and who holds a busy ledger. */
static int hook_calls, hook_from, hook_refuses;

static int before_hook(mp_db *db, int from, mp_err *e)
{
	(void)db;
	hook_calls++;
	hook_from = from;
	if (hook_refuses)
		return mp_err_set(e, MP_EIO, "no copy could be made");
	return MP_OK;
}

static int who_hook(const char *path, char *who, size_t size)
{
	(void)path;
	snprintf(who, size, "%s", "张三");
	return 1;
}

static void test_storage_takes_steps_and_hooks(void **state)
{
	char *path = in_tmp("hooks.db");
	struct mp_db_schema s = { two_steps, 2, before_hook, who_hook };
	sqlite3 *h, *other;
	mp_db *db;
	mp_err e;

	(void)state;
	/* A new file: steps, no upgrade, so no hook. */
	hook_calls = 0;
	hook_refuses = 0;
	s.nsteps = 1;
	assert_int_equal(mp_db_open_with(&db, path, 0, &s, &e), MP_OK);
	assert_int_equal(hook_calls, 0);
	assert_int_equal(pragma_int(db->h, "PRAGMA user_version"), 1);
	mp_db_close(db);

	/* An older one: the hook refuses, nothing changes. */
	s.nsteps = 2;
	hook_refuses = 1;
	assert_int_equal(mp_db_open_with(&db, path, 0, &s, &e), MP_EIO);
	assert_null(db);
	assert_int_equal(hook_calls, 1);
	assert_int_equal(hook_from, 1);
	assert_non_null(strstr(e.msg, "no copy could be made"));
	assert_non_null(strstr(e.msg, "not upgraded"));
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(pragma_int(h, "PRAGMA user_version"), 1);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	/* It agrees: upgraded; once current, it is not asked again. */
	hook_refuses = 0;
	assert_int_equal(mp_db_open_with(&db, path, 0, &s, &e), MP_OK);
	assert_int_equal(hook_calls, 2);
	assert_int_equal(pragma_int(db->h, "PRAGMA user_version"), 2);
	mp_db_close(db);
	assert_int_equal(mp_db_open_with(&db, path, 0, &s, &e), MP_OK);
	assert_int_equal(hook_calls, 2);

	/* A busy ledger's message names whoever the hook says. */
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db->h, 50);
	assert_int_equal(mp_db_begin(db, &e), MP_EBUSY);
	assert_non_null(strstr(e.msg, "张三"));
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	mp_db_close(db);
	free(path);
}

static void test_fail_mapping(void **state)
{
	char *path = in_tmp("f.db");
	mp_db *db;
	mp_err e;

	(void)state;
	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	assert_int_equal(mp_db_fail(db, SQLITE_FULL, &e), MP_EFULL);
	assert_non_null(strstr(e.msg, "disk is full"));
	assert_int_equal(mp_db_fail(db, SQLITE_READONLY, &e), MP_EREADONLY);
	assert_non_null(strstr(e.msg, path));
	assert_int_equal(mp_db_fail(db, SQLITE_CORRUPT, &e), MP_ENOTDB);
	assert_int_equal(mp_db_fail(db, SQLITE_LOCKED, &e), MP_EBUSY);
	assert_int_equal(sqlite3_exec(db->h, "INSERT INTO meta VALUES ('a', '1'); INSERT INTO meta VALUES ('a', '2');",
	                              NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(mp_db_fail(db, SQLITE_CONSTRAINT, &e), MP_EDUP);
	assert_int_equal(mp_db_fail(db, SQLITE_ERROR, &e), MP_EDB);
	mp_db_close(db);
	free(path);
}

static void test_uuid(void **state)
{
	char a[37], b[37];
	int i;

	(void)state;
	mp_uuid_new(a);
	mp_uuid_new(b);
	assert_int_equal(strlen(a), 36);
	assert_string_not_equal(a, b);
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			assert_int_equal(a[i], '-');
		else
			assert_true(isxdigit((unsigned char)a[i]) && !isupper((unsigned char)a[i]));
	}
	assert_int_equal(a[14], '4');                 /* version 4: random */
	assert_non_null(strchr("89ab", a[19]));       /* RFC 4122 variant */
}

static int cmp_uuid(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* UUIDs come from a pool of random bytes: past its refills every one is
 * still a version 4 UUID and none repeats. */
static void test_uuid_many(void **state)
{
	enum { N = 1000 };
	static char u[N][37];
	int i;

	(void)state;
	for (i = 0; i < N; i++) {
		mp_uuid_new(u[i]);
		assert_int_equal(strlen(u[i]), 36);
		assert_int_equal(u[i][14], '4');
		assert_non_null(strchr("89ab", u[i][19]));
	}
	qsort(u, N, sizeof u[0], cmp_uuid);
	for (i = 1; i < N; i++)
		assert_string_not_equal(u[i - 1], u[i]);
}

/* A forked child never hands out the parent's next UUID. */
static void test_uuid_fork(void **state)
{
	char mine[37], theirs[37] = "";
	int fd[2], status;
	pid_t pid;

	(void)state;
	mp_uuid_new(mine);                      /* the pool is filled */
	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char c[37];

		mp_uuid_new(c);
		_exit(write(fd[1], c, sizeof c) == (ssize_t)sizeof c ? 0 : 1);
	}
	close(fd[1]);
	assert_int_equal(read(fd[0], theirs, sizeof theirs), (ssize_t)sizeof theirs);
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	mp_uuid_new(mine);
	assert_string_not_equal(mine, theirs);
}

static void test_now(void **state)
{
	char now[20];

	(void)state;
	mp_now(now);
	assert_int_equal(strlen(now), 19);
	assert_int_equal(now[4], '-');
	assert_int_equal(now[10], ' ');
	assert_int_equal(now[13], ':');
	assert_true(strncmp(now, "2020", 4) > 0);
}

static void test_default_path(void **state)
{
	char *p;
	char *home = getenv("HOME") ? mp_strdup(getenv("HOME")) : NULL;
	char *xdg = getenv("XDG_DATA_HOME") ? mp_strdup(getenv("XDG_DATA_HOME")) : NULL;

	(void)state;
	setenv("XDG_DATA_HOME", "/srv/数据", 1);
	p = mp_db_default_path();
	assert_string_equal(p, "/srv/数据/miaopu/miaopu.db");
	free(p);

	setenv("HOME", "/home/xiaowang", 1);
	unsetenv("XDG_DATA_HOME");
	p = mp_db_default_path();
	assert_string_equal(p, "/home/xiaowang/.local/share/miaopu/miaopu.db");
	free(p);

	/* The XDG spec: a relative path is invalid and ignored. */
	setenv("XDG_DATA_HOME", "relative/dir", 1);
	p = mp_db_default_path();
	assert_string_equal(p, "/home/xiaowang/.local/share/miaopu/miaopu.db");
	free(p);

	if (home)
		setenv("HOME", home, 1);
	if (xdg)
		setenv("XDG_DATA_HOME", xdg, 1);
	else
		unsetenv("XDG_DATA_HOME");
	free(home);
	free(xdg);
}

static void test_mkdirs(void **state)
{
	char *deep = in_tmp("a/b/c");
	char *file = in_tmp("plain");
	char *under = in_tmp("plain/x");
	struct stat sb;
	mp_err e;

	(void)state;
	assert_int_equal(mp_mkdirs(deep, 0700, &e), MP_OK);
	assert_int_equal(stat(deep, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(mp_mkdirs(deep, 0700, &e), MP_OK);   /* exists: fine */

	write_file(file, "x");
	assert_int_not_equal(mp_mkdirs(under, 0700, &e), MP_OK);
	assert_non_null(strstr(e.msg, "plain"));
	free(deep);
	free(file);
	free(under);
}


/* Every column of every record table is in the schema a new ledger gets,
 * and a version-1 ledger (groups only) is upgraded in place with its groups
 * kept. */
static void test_schema_has_every_table(void **state)
{
	char *path = in_tmp("v1.db");
	sqlite3 *h;
	mp_db *db;
	mp_err e;
	int t, i, n;

	(void)state;
	/* What a ledger of schema 1 holds: what step 1 makes. */
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(mp_db_migrate(h, mp_schema_steps(&n), 1, &e), MP_OK);
	assert_int_equal(sqlite3_exec(h,
		"INSERT INTO groups (uuid, created_at, updated_at, name)"
		" VALUES ('u1', '2024-01-01 08:00:00', '2024-01-01 08:00:00', '夕阳红');",
		NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(pragma_int(h, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 2);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	assert_int_equal(mp_db_open(&db, path, 0, &e), MP_OK);
	assert_int_equal(pragma_int(db->h, "PRAGMA user_version"), mp_db_schema_version());
	assert_int_equal(pragma_int(db->h, "SELECT count(*) FROM groups WHERE name = '夕阳红'"), 1);
	for (t = 0; t < mp_registry_count(); t++) {
		const mp_table *tab = mp_registry_get(t);
		char *sql;
		sqlite3_stmt *st = NULL;

		for (i = 0; i < tab->nfields; i++) {
			sql = mp_asprintf("SELECT id, uuid, created_at, updated_at,"
			                  " deleted_at, %s FROM %s", tab->fields[i].col,
			                  tab->name);
			if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
				fail_msg("%s: %s", sql, sqlite3_errmsg(db->h));
			sqlite3_finalize(st);
			free(sql);
		}
	}
	assert_int_equal(pragma_int(db->h, "SELECT count(*) FROM sqlite_master"
	                            " WHERE name IN ('change_log', 'certificates')"), 2);
	/* The unique index stops a second live volunteer with one ID number
	 * even if a check were skipped. */
	assert_int_equal(sqlite3_exec(db->h,
		"INSERT INTO volunteers (uuid, created_at, updated_at, name, id_no)"
		" VALUES ('v1', 'x', 'x', '张三', '350102199006150018');", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db->h,
		"INSERT INTO volunteers (uuid, created_at, updated_at, name, id_no)"
		" VALUES ('v2', 'x', 'x', '李四', '350102199006150018');", NULL, NULL, NULL),
		SQLITE_CONSTRAINT);
	mp_db_close(db);
	free(path);
}

/* A small table with one field of each new kind, checked without a
 * ledger. */
static const mp_field kind_fields[] = {
	{ .col = "t", .label_zh = "时间", .label_en = "Time",
		.kind = MP_K_TIME,
		.maxlen = 10 },
	{ .col = "h", .label_zh = "时长", .label_en = "Hours",
		.kind = MP_K_HOURS,
		.maxlen = 10 },
	{ .col = "r", .label_zh = "组织", .label_en = "Group",
		.kind = MP_K_REF,
		.ref = &mp_groups },
	{ .col = "i", .label_zh = "证件号码", .label_en = "ID number",
		.kind = MP_K_IDNO,
		.maxlen = 30 },
};
static const mp_table kinds = {
	.name = "kinds", .title_en = "Kinds", .unit_en = "kind",
	.fields = kind_fields, .nfields = 4,
};

/* Check value in field i: expect_ok and the normalised value, or a
 * message containing words. */
static void kind(int i, const char *value, const char *normal, const char *words)
{
	mp_record *r = mp_record_new(&kinds, NULL);
	mp_err e;
	int ret;

	mp_record_set(r, i, value);
	ret = mp_field_check(NULL, r, i, &e);
	if (normal) {
		if (ret != MP_OK)
			fail_msg("“%s” refused: %s", value, e.msg);
		assert_string_equal(r->v[i], normal);
	} else {
		assert_int_equal(ret, MP_EINVAL);
		assert_int_equal(e.field, i);
		if (strncmp(e.msg, kind_fields[i].label_en, strlen(kind_fields[i].label_en))
		    || !strstr(e.msg, words))
			fail_msg("“%s”: message “%s” should name the field and say “%s”",
			         value, e.msg, words);
	}
	mp_record_free(r);
}

static void test_kind_time(void **state)
{
	(void)state;
	kind(0, "9:5", "09:05", NULL);
	kind(0, "0905", "09:05", NULL);
	kind(0, "9:05", "09:05", NULL);
	kind(0, "905", "09:05", NULL);
	kind(0, "14:30", "14:30", NULL);
	kind(0, "１４：３０", "14:30", NULL);
	kind(0, "0:00", "00:00", NULL);
	kind(0, "23:59", "23:59", NULL);
	kind(0, "9", "09:00", NULL);
	kind(0, "24:00", NULL, "14:30");
	kind(0, "12:60", NULL, "not a time");
	kind(0, "12:", NULL, "not a time");
	kind(0, "下午三点", NULL, "not a time");
	kind(0, "12345", NULL, "not a time");
}

static void test_kind_hours(void **state)
{
	(void)state;
	kind(1, "2", "2", NULL);
	kind(1, "2.0", "2", NULL);
	kind(1, "1.50", "1.5", NULL);
	kind(1, "0.25", "0.25", NULL);
	kind(1, ".5", "0.5", NULL);
	kind(1, "24", "24", NULL);
	kind(1, "２．５", "2.5", NULL);
	kind(1, "0", NULL, "more than 0");
	kind(1, "0.00", NULL, "more than 0");
	kind(1, "-1", NULL, "more than 0");
	kind(1, "24.01", NULL, "at most 24");
	kind(1, "100", NULL, "at most 24");
	kind(1, "1.555", NULL, "not a number of hours");
	kind(1, "两小时", NULL, "not a number of hours");
	kind(1, "2h", NULL, "not a number of hours");
	kind(1, ".", NULL, "not a number of hours");
}

static void test_kind_ref_and_idno(void **state)
{
	(void)state;
	kind(2, "12", "12", NULL);
	kind(2, "０１２", "12", NULL);
	kind(2, "0", NULL, "no such group");
	kind(2, "-3", NULL, "no such group");
	kind(2, "夕阳红", NULL, "no such group");
	kind(2, "99999999999999999999999", NULL, "no such group");
	kind(3, " 11010519491231002x ", "11010519491231002X", NULL);
	kind(3, "ｅ１２３", "E123", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_folder_without_create_dirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_keeps_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_file_becomes_ledger, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_refused_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_in_wal_refused_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_file_refused_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_text_file_refused_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_sqlite_refused_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_media, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_needs_upgrade, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_storage_takes_steps_and_hooks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_mapping, setup, teardown),
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_uuid_many),
		cmocka_unit_test(test_uuid_fork),
		cmocka_unit_test(test_now),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test_setup_teardown(test_mkdirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_has_every_table, setup, teardown),
		cmocka_unit_test(test_kind_time),
		cmocka_unit_test(test_kind_hours),
		cmocka_unit_test(test_kind_ref_and_idno),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
