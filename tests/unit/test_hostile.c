/* test_hostile.c — files that fight back: output files that are devices,
 * FIFOs, links or kept files; CSV cells a spreadsheet would run; CSV
 * files that are broken on purpose; values holding control characters. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp_export.h"
#include "mp_file.h"
#include "mp_group.h"
#include "mp_import.h"
#include "mp_record.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

/* ---- output files ---- */

static int put_hello(void *ctx, FILE *f, mp_err *e)
{
	(void)ctx;
	(void)e;
	return fputs("hello\n", f) == EOF ? MP_EIO : MP_OK;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = calloc(1, 4096);

	assert_non_null(f);
	assert_non_null(buf);
	if (fread(buf, 1, 4095, f) == 0)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

/* Nothing but the named files is left in dir (no temporary). */
static int count_files(const char *dir)
{
	char cmd[256];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

static void test_new_file_is_private(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_asprintf("%s/out/new.csv", f->dir), *dir = mp_asprintf("%s/out", f->dir);
	struct stat sb;
	mode_t old = umask(0);
	mp_err e;

	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mp_write_file(path, put_hello, NULL, &e), MP_OK);
	umask(old);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(count_files(dir), 1);
	free(path);
	free(dir);
}

static void test_existing_mode_kept(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_asprintf("%s/kept.txt", f->dir), *got;
	struct stat sb;
	mp_err e;
	FILE *o = fopen(path, "w");

	assert_non_null(o);
	fputs("old\n", o);
	fclose(o);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(mp_write_file(path, put_hello, NULL, &e), MP_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	got = slurp(path);
	assert_string_equal(got, "hello\n");
	free(got);
	free(path);
}

static void test_symlink_target_written(void **state)
{
	struct mp_fx *f = *state;
	char *target = mp_asprintf("%s/target.txt", f->dir);
	char *link = mp_asprintf("%s/link.txt", f->dir), *got;
	struct stat sb;
	mp_err e;
	FILE *o = fopen(target, "w");

	assert_non_null(o);
	fclose(o);
	assert_int_equal(symlink("target.txt", link), 0);
	assert_int_equal(mp_write_file(link, put_hello, NULL, &e), MP_OK);
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	got = slurp(target);
	assert_string_equal(got, "hello\n");
	free(got);
	free(target);
	free(link);
}

static void *read_fifo(void *arg)
{
	return slurp(arg);
}

static void test_fifo_written_directly(void **state)
{
	struct mp_fx *f = *state;
	char *fifo = mp_asprintf("%s/fifo", f->dir);
	struct stat sb;
	pthread_t th;
	void *got;
	mp_err e;

	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(pthread_create(&th, NULL, read_fifo, fifo), 0);
	assert_int_equal(mp_write_file(fifo, put_hello, NULL, &e), MP_OK);
	assert_int_equal(pthread_join(th, &got), 0);
	assert_string_equal(got, "hello\n");
	assert_int_equal(lstat(fifo, &sb), 0);
	assert_true(S_ISFIFO(sb.st_mode));   /* still a FIFO, not a file */
	free(got);
	free(fifo);
}

static int put_fail(void *ctx, FILE *f, mp_err *e)
{
	(void)ctx;
	fputs("half", f);
	return mp_err_set(e, MP_EIO, "failed");
}

static void test_failure_leaves_old_file(void **state)
{
	struct mp_fx *f = *state;
	char *dir = mp_asprintf("%s/fail", f->dir), *path = mp_asprintf("%s/fail/a.txt", f->dir), *got;
	mp_err e;
	FILE *o;

	assert_int_equal(mkdir(dir, 0700), 0);
	o = fopen(path, "w");
	assert_non_null(o);
	fputs("old\n", o);
	fclose(o);
	assert_int_equal(mp_write_file(path, put_fail, NULL, &e), MP_EIO);
	got = slurp(path);
	assert_string_equal(got, "old\n");
	assert_int_equal(count_files(dir), 1);
	free(got);
	free(dir);
	free(path);
}

/* ---- cells a spreadsheet would run ---- */

static void test_marks_round_trip(void **state)
{
	static const char *const values[] = {
		"=1+1", "+86 138", "-x", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''+x",
		"'", "''", "-5", "+1.5", "-", "=", "a=b", "张三", "", "'abc",
		"=\"123\"", "'=\"123\"",
	};
	(void)state;

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		const char *v = values[i];
		int mark = mp_csv_marked(v, strlen(v));
		char *cell = mp_asprintf("%s%s", mark ? "'" : "", v);

		/* What a spreadsheet sees never starts a formula. */
		assert_false(cell[0] == '=' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r'
		             || ((cell[0] == '+' || cell[0] == '-') && strcmp(v, "-5") && strcmp(v, "+1.5")));
		mp_csv_unmark(cell);
		assert_string_equal(cell, v);
		free(cell);
	}
}

static void test_id_digits_unwrapped(void **state)
{
	char a[] = "=\"11010519491231002X\"", b[] = "=\"12\"", c[] = "=\"1a\"";
	(void)state;

	mp_csv_unmark(a);
	assert_string_equal(a, "11010519491231002X");
	mp_csv_unmark(b);
	assert_string_equal(b, "12");
	mp_csv_unmark(c);
	assert_string_equal(c, "=\"1a\"");
}

/* ---- broken CSV files ---- */

static int import_bytes(struct mp_fx *f, const mp_table *t, const char *text,
                        size_t n, mp_import_result *res, mp_err *e)
{
	FILE *in = tmpfile();
	int rc;

	assert_non_null(in);
	assert_int_equal(fwrite(text, 1, n, in), n);
	rewind(in);
	rc = mp_import_csv(f->db, &f->cfg, t, in, 0, res, e);
	fclose(in);
	return rc;
}

static long live_groups(struct mp_fx *f)
{
	return mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE deleted_at IS NULL");
}

static void expect_refused(struct mp_fx *f, const mp_table *t, const char *text,
                           size_t n, const char *line, const char *what)
{
	mp_import_result res;
	mp_err e;
	int i, found = 0;

	assert_int_not_equal(import_bytes(f, t, text, n, &res, &e), MP_OK);
	found = strstr(e.msg, line) && strstr(e.msg, what);
	for (i = 0; i < res.nmsgs && !found; i++)
		found = strstr(res.msgs[i].text, line) && strstr(res.msgs[i].text, what);
	if (!found)
		fail_msg("expected “%s … %s”, got “%s”", line, what, e.msg);
	mp_import_result_free(&res);
	assert_int_equal(live_groups(f), 0);
}

static void test_broken_csv_refused(void **state)
{
	struct mp_fx *f = *state;
	static const char unclosed[] = "组织名称,类别\n\"东湖社区书画社,文体活动类\n读书会,文体活动类\n";
	static const char stray[] = "组织名称,类别\n读\"书\"会,文体活动类\n";
	static const char cr[] = "组织名称,类别\n甲\r乙,文体活动类\n";
	static const char nul[] = "组织名称,类别\n甲\0乙,文体活动类\n";
	static const char esc[] = "组织名称,类别\n甲\033[31m乙,文体活动类\n";

	expect_refused(f, &mp_groups, unclosed, sizeof unclosed - 1, "line 2", "never closed");
	expect_refused(f, &mp_groups, stray, sizeof stray - 1, "line 2", "double quote");
	expect_refused(f, &mp_groups, cr, sizeof cr - 1, "line 2", "carriage return");
	expect_refused(f, &mp_groups, nul, sizeof nul - 1, "line 2", "NUL");
	expect_refused(f, &mp_groups, esc, sizeof esc - 1, "line 2", "U+001B");
}

static void test_quoted_line_breaks_kept(void **state)
{
	struct mp_fx *f = *state;
	static const char ok[] = "组织名称,备注\n\"甲\",\"一\r\n二\n三\"\n";
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_bytes(f, &mp_groups, ok, sizeof ok - 1, &res, &e), MP_OK);
	assert_int_equal(res.added, 1);
	mp_import_result_free(&res);
}

/* A value with a control character is refused by its check: the form's
 * save goes through the same check. */
static void test_control_character_refused(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "甲\x7f乙", "幸福社区");
	mp_err e;

	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "U+007F"));
	mp_record_set(r, 0, "甲\xc2\x9b乙");   /* C1: CSI */
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	mp_record_set(r, 0, "甲\t乙");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_file_is_private, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_existing_mode_kept, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_symlink_target_written, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_fifo_written_directly, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_failure_leaves_old_file, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test(test_marks_round_trip),
		cmocka_unit_test(test_id_digits_unwrapped),
		cmocka_unit_test_setup_teardown(test_broken_csv_refused, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_quoted_line_breaks_kept, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_control_character_refused, mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
