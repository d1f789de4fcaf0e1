/* test_diskfull.c — the disk fills up in the middle of saves and of an
 * import.  The "disk" is a file-size limit (RLIMIT_FSIZE, as ulimit -f)
 * set in a child process just above the ledger's size; SIGXFSZ is
 * ignored, as miaopu's main() does, so writes fail with EFBIG.  After
 * each: a clear message, the ledger sound, every save that was reported
 * there, the import wholly absent, and saving works again once there is
 * room. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db_internal.h"
#include "mp_group.h"
#include "mp_import.h"
#include "mp_record.h"
#include "mp_text.h"
#include "fixture.h"

/* What the child reports through the pipe. */
struct outcome {
	long saved;        /* saves reported as done */
	int code;          /* the status of the failing call */
	int added;         /* import: rows written */
	char msg[512];
};

static off_t size_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? sb.st_size : 0;
}

/* Room for only `room` more bytes in any file. */
static void limit_room(const char *dbpath, off_t room)
{
	char *wal = mp_asprintf("%s-wal", dbpath);
	off_t big = size_of(dbpath) > size_of(wal) ? size_of(dbpath) : size_of(wal);
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = (rlim_t)(big + room);
	signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		_exit(90);
	free(wal);
}

static void run_child(struct mp_fx *f, void (*fn)(struct mp_fx *, struct outcome *),
                      struct outcome *out)
{
	int p[2], status;
	pid_t pid;

	memset(out, 0, sizeof *out);
	assert_int_equal(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		struct outcome o;
		memset(&o, 0, sizeof o);
		close(p[0]);
		fn(f, &o);
		if (write(p[1], &o, sizeof o) != (ssize_t)sizeof o)
			_exit(91);
		_exit(0);
	}
	close(p[1]);
	assert_int_equal(read(p[0], out, sizeof *out), (ssize_t)sizeof *out);
	close(p[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void fill_with_saves(struct mp_fx *f, struct outcome *o)
{
	char notes[480];
	mp_db *db = NULL;
	mp_err e;

	memset(notes, 'x', sizeof notes - 1);
	notes[sizeof notes - 1] = '\0';
	if (mp_db_open(&db, mp_db_path(f->db), 0, &e) != MP_OK)
		_exit(92);
	limit_room(mp_db_path(f->db), 64 * 1024);
	for (long n = 0; n < 100000; n++) {
		mp_record *r = mp_fx_group(f, "", "满盘社区");
		char name[32];
		int rc;

		snprintf(name, sizeof name, "满-%ld", n);
		mp_record_set(r, G_NAME, name);
		mp_record_set(r, mp_table_field(&mp_groups, "notes"), notes);
		rc = mp_record_save(db, &f->cfg, r, &e);
		mp_record_free(r);
		if (rc != MP_OK) {
			o->code = rc;
			snprintf(o->msg, sizeof o->msg, "%s", e.msg);
			break;
		}
		o->saved++;
	}
	mp_db_close(db);
}

static void sound(struct mp_fx *f)
{
	sqlite3_stmt *st = NULL;
	mp_err e;

	assert_int_equal(mp_db_prepare(f->db, "PRAGMA integrity_check", &st, &e), MP_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
}

static void test_disk_full_while_saving(void **state)
{
	struct mp_fx *f = *state;
	struct outcome o;

	mp_fx_add_group(f, "和谐117爱心团");
	run_child(f, fill_with_saves, &o);
	print_message("%ld saves, then: %s\n", o.saved, o.msg);
	assert_true(o.saved > 0);
	assert_int_equal(o.code, MP_EFULL);
	assert_non_null(strstr(o.msg, "disk is full"));
	sound(f);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE community = '满盘社区'"),
	                 o.saved);
	/* Room again: saving works. */
	mp_fx_add_group(f, "夕阳红舞蹈队");
}

static void import_big(struct mp_fx *f, struct outcome *o)
{
	mp_import_result res;
	mp_db *db = NULL;
	FILE *in = tmpfile();
	mp_err e;

	if (!in || mp_db_open(&db, mp_db_path(f->db), 0, &e) != MP_OK)
		_exit(93);
	fprintf(in, "组织名称,所属社区(村),备注\n");
	for (int i = 0; i < 3000; i++) {
		fprintf(in, "导入组织%d,导入社区,", i);
		for (int k = 0; k < 200; k++)
			fputs("长", in);
		fputc('\n', in);
	}
	rewind(in);
	limit_room(mp_db_path(f->db), 512 * 1024);
	memset(&res, 0, sizeof res);
	o->code = mp_import_csv(db, &f->cfg, &mp_groups, in, 0, &res, &e);
	o->added = res.written ? (int)res.added : 0;
	snprintf(o->msg, sizeof o->msg, "%s", e.msg);
	mp_import_result_free(&res);
	fclose(in);
	mp_db_close(db);
}

static void test_disk_full_while_importing(void **state)
{
	struct mp_fx *f = *state;
	struct outcome o;

	mp_fx_add_group(f, "和谐117爱心团");
	run_child(f, import_big, &o);
	print_message("import: %s\n", o.msg);
	assert_int_equal(o.code, MP_EFULL);
	assert_int_equal(o.added, 0);
	assert_non_null(strstr(o.msg, "disk is full"));
	sound(f);
	/* All or nothing: nothing. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE community = '导入社区'"), 0);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), 1);
	mp_fx_add_group(f, "夕阳红舞蹈队");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_disk_full_while_saving, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_disk_full_while_importing, mp_fx_setup, mp_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
