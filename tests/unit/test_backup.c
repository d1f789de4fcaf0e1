/* test_backup.c — backups, the day's copy and pruning, restore, check,
 * the quick check on opening and the backup before an upgrade. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db_internal.h"
#include "mp_backup.h"
#include "mp_draft.h"
#include "mp_group.h"
#include "mp_inuse.h"
#include "mp_record.h"
#include "mp_text.h"
#include "fixture.h"

static char *fx_path(struct mp_fx *f, const char *name)
{
	return mp_asprintf("%s/%s", f->dir, name);
}

static long count_in(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static int files_in(const char *dir, const char *part)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	int n = 0;

	if (!d)
		return 0;
	while ((ent = readdir(d)) != NULL)
		if (ent->d_name[0] != '.' && (!part || strstr(ent->d_name, part)))
			n++;
	closedir(d);
	return n;
}

/* Overwrite the groups table's root page with rubbish. */
/* Damage a copy the way a ledger gets damaged: the copy is first put in
 * write-ahead-log mode, as every ledger miaopu writes is (a backup is in
 * rollback mode, which opening as a ledger would change in its header). */
static void damage(const char *path)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	long root = count_in(path, "SELECT rootpage FROM sqlite_master WHERE name = 'groups'");
	long size = count_in(path, "PRAGMA page_size");
	FILE *f = fopen(path, "r+b");
	char junk[256];

	assert_true(root > 1);
	assert_non_null(f);
	memset(junk, 7, sizeof junk);
	assert_int_equal(fseek(f, (root - 1) * size + 8, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	fclose(f);
}

static void test_backup_to(void **state)
{
	struct mp_fx *f = *state;
	char *to = fx_path(f, "copy.db"), *tmp = fx_path(f, "copy.db.tmp");
	struct stat sb;
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	mp_fx_add_group(f, "夕阳红舞蹈队");
	assert_int_equal(mp_backup_to(f->db, to, &e), MP_OK);
	assert_int_equal(stat(to, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_not_equal(stat(tmp, &sb), 0);
	assert_int_equal(count_in(to, "SELECT count(*) FROM groups"), 2);
	assert_int_equal(count_in(to, "PRAGMA application_id"), MP_APPLICATION_ID);
	/* One file by itself: no write-ahead log needed to read it. */
	assert_int_equal(count_in(to, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"), 1);
	free(to);
	free(tmp);
}

static void test_backup_folder_not_writable(void **state)
{
	struct mp_fx *f = *state;
	char *file = fx_path(f, "afile"), *to = fx_path(f, "afile/copy.db");
	FILE *fp = fopen(file, "w");
	mp_err e;

	assert_non_null(fp);
	fclose(fp);
	/* A folder that is a file cannot be written, even by root. */
	assert_int_not_equal(mp_backup_to(f->db, to, &e), MP_OK);
	assert_non_null(strstr(e.msg, to));
	assert_non_null(strstr(e.msg, "could not be made"));
	free(file);
	free(to);
}

static void test_daily_and_pruning(void **state)
{
	struct mp_fx *f = *state;
	char *folder = fx_path(f, MP_BACKUP_DIRNAME), *made = NULL, day[16];
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	setenv("MIAOPU_TODAY", "2026-01-01", 1);
	assert_int_equal(mp_backup_daily(f->db, &f->cfg, &made, &e), MP_OK);
	assert_non_null(made);
	assert_non_null(strstr(made, MP_BACKUP_DIRNAME "/miaopu-2026-01-01.db"));
	free(made);
	/* The second start of the day makes none. */
	assert_int_equal(mp_backup_daily(f->db, &f->cfg, &made, &e), MP_OK);
	assert_null(made);
	assert_int_equal(mp_backup_make(f->db, &f->cfg, "", &made, &e), MP_OK);
	free(made);
	f->cfg.backup_days = 14;
	for (int d = 2; d <= 20; d++) {
		snprintf(day, sizeof day, "2026-01-%02d", d);
		setenv("MIAOPU_TODAY", day, 1);
		assert_int_equal(mp_backup_daily(f->db, &f->cfg, NULL, &e), MP_OK);
	}
	/* 14 daily copies: the 7th to the 20th; the one made by hand stays. */
	assert_int_equal(files_in(folder, NULL), 15);
	assert_int_equal(files_in(folder, "2026-01-06.db"), 0);
	assert_int_equal(files_in(folder, "2026-01-07.db"), 1);
	assert_int_equal(files_in(folder, "2026-01-20.db"), 1);
	assert_int_equal(files_in(folder, "2026-01-01-"), 1);
	free(folder);
}

static void test_before_import_pruned(void **state)
{
	struct mp_fx *f = *state;
	char *folder = fx_path(f, MP_BACKUP_DIRNAME), day[16];
	mp_err e;

	f->cfg.backup_days = 3;
	assert_int_equal(sqlite3_exec(f->db->h, "CREATE TABLE pad (x)", NULL, NULL, NULL),
	                 SQLITE_OK);
	for (int d = 1; d <= 5; d++) {
		/* A write since the last copy: a copy is made each time. */
		assert_int_equal(sqlite3_exec(f->db->h, "INSERT INTO pad VALUES (1)",
		                              NULL, NULL, NULL), SQLITE_OK);
		snprintf(day, sizeof day, "2026-02-%02d", d);
		setenv("MIAOPU_TODAY", day, 1);
		/* The copy must begin in a later tick of the file clock than the
		 * write, or it is taken for one made before it (copy_of_now):
		 * on a fast machine both can fall in the same tick, and the
		 * next call would then make a second copy of 02-05. */
		usleep(30000);
		assert_int_equal(mp_backup_before_import(f->db, &f->cfg, NULL, &e), MP_OK);
	}
	assert_int_equal(files_in(folder, "-before-import.db"), 3);
	/* Nothing written since the last copy: that copy is the one to go
	 * back to, and no other is made (issue 15). */
	{
		char *made = NULL;

		assert_int_equal(mp_backup_before_import(f->db, &f->cfg, &made, &e), MP_OK);
		assert_non_null(made);
		assert_non_null(strstr(made, "2026-02-05-"));
		assert_int_equal(files_in(folder, "-before-import.db"), 3);
		free(made);
		/* A copy of another day is never taken for the ledger now. */
		setenv("MIAOPU_TODAY", "2026-02-06", 1);
		assert_int_equal(mp_backup_before_import(f->db, &f->cfg, &made, &e), MP_OK);
		assert_non_null(strstr(made, "2026-02-06-"));
		free(made);
	}
	assert_int_equal(files_in(folder, "2026-02-02-"), 0);
	assert_int_equal(files_in(folder, "2026-02-05-"), 1);
	free(folder);
}

static void test_folder_setting(void **state)
{
	struct mp_fx *f = *state;
	char *usb = fx_path(f, "usb/苗圃"), *made = NULL, *folder;
	mp_err e;

	free(f->cfg.backup_folder);
	f->cfg.backup_folder = mp_strdup(usb);
	folder = mp_backup_folder(&f->cfg, mp_db_path(f->db));
	assert_string_equal(folder, usb);
	assert_int_equal(mp_backup_make(f->db, &f->cfg, "", &made, &e), MP_OK);
	assert_memory_equal(made, usb, strlen(usb));
	free(made);
	free(folder);
	free(usb);
}

static void test_latest_good(void **state)
{
	struct mp_fx *f = *state;
	char *folder = fx_path(f, MP_BACKUP_DIRNAME), *a = NULL, *b = NULL, *latest = NULL;
	struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	time_t when;
	mp_err e;

	assert_int_equal(mp_backup_latest(&f->cfg, mp_db_path(f->db), 1, &latest, &when), 0);
	mp_fx_add_group(f, "和谐117爱心团");
	setenv("MIAOPU_TODAY", "2026-03-01", 1);
	assert_int_equal(mp_backup_daily(f->db, &f->cfg, &a, &e), MP_OK);
	assert_int_equal(utimensat(AT_FDCWD, a, ts, 0), 0);   /* older */
	setenv("MIAOPU_TODAY", "2026-03-02", 1);
	assert_int_equal(mp_backup_daily(f->db, &f->cfg, &b, &e), MP_OK);
	assert_int_equal(mp_backup_latest(&f->cfg, mp_db_path(f->db), 1, &latest, &when), 1);
	assert_string_equal(latest, b);
	free(latest);
	damage(b);
	assert_int_equal(mp_backup_latest(&f->cfg, mp_db_path(f->db), 0, &latest, &when), 1);
	assert_string_equal(latest, b);
	free(latest);
	assert_int_equal(mp_backup_latest(&f->cfg, mp_db_path(f->db), 1, &latest, &when), 1);
	assert_string_equal(latest, a);
	assert_int_equal(when, 1000000000);
	free(latest);
	free(a);
	free(b);
	free(folder);
}

static void test_restore(void **state)
{
	struct mp_fx *f = *state;
	char *copy = fx_path(f, "copy.db"), *path = mp_strdup(mp_db_path(f->db)), *aside = NULL;
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	assert_int_equal(mp_backup_to(f->db, copy, &e), MP_OK);
	mp_fx_add_group(f, "saved after the backup");
	mp_db_close(f->db);
	f->db = NULL;
	assert_int_equal(mp_restore(path, copy, &aside, &e), MP_OK);
	assert_non_null(aside);
	assert_non_null(strstr(aside, "miaopu-before-restore-"));
	/* The ledger is the copy; what it was is kept whole aside. */
	assert_int_equal(count_in(path, "SELECT count(*) FROM groups"), 1);
	assert_int_equal(count_in(aside, "SELECT count(*) FROM groups"), 2);
	assert_int_equal(mp_db_open(&f->db, path, 0, &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE name = '和谐117爱心团'"), 1);
	/* Again at once (within the second, most likely): the ledger the
	 * first restore kept is not replaced by the second one's. */
	{
		char *again = NULL;

		mp_fx_add_group(f, "saved after the first restore");
		mp_db_close(f->db);
		f->db = NULL;
		assert_int_equal(mp_restore(path, copy, &again, &e), MP_OK);
		assert_string_not_equal(again, aside);
		assert_int_equal(count_in(aside, "SELECT count(*) FROM groups"), 2);
		assert_int_equal(count_in(again, "SELECT count(*) FROM groups"), 2);
		assert_int_equal(count_in(again, "SELECT count(*) FROM groups WHERE name = 'saved after the first restore'"), 1);
		assert_int_equal(mp_db_open(&f->db, path, 0, &e), MP_OK);
		free(again);
	}
	free(aside);
	free(copy);
	free(path);
}

static void test_restore_refuses(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_strdup(mp_db_path(f->db)), *text = fx_path(f, "notes.db");
	char *newer = fx_path(f, "newer.db"), *foreign = fx_path(f, "foreign.db");
	char *bad = fx_path(f, "bad.db");
	sqlite3 *h;
	FILE *fp;
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	fp = fopen(text, "w");
	fputs("这不是台账\n", fp);
	fclose(fp);
	assert_int_equal(mp_restore(path, text, NULL, &e), MP_ENOTDB);
	assert_non_null(strstr(e.msg, "nothing was changed"));
	assert_int_equal(mp_restore(path, path, NULL, &e), MP_EUSAGE);
	assert_int_equal(mp_backup_to(f->db, newer, &e), MP_OK);
	assert_int_equal(sqlite3_open(newer, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_not_equal(mp_restore(path, newer, NULL, &e), MP_OK);
	assert_non_null(strstr(e.msg, "newer"));
	assert_int_equal(sqlite3_open(foreign, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(mp_restore(path, foreign, NULL, &e), MP_ENOTDB);
	assert_int_equal(mp_backup_to(f->db, bad, &e), MP_OK);
	damage(bad);
	assert_int_not_equal(mp_restore(path, bad, NULL, &e), MP_OK);
	assert_non_null(strstr(e.msg, "damaged"));
	/* The ledger was left as it was every time. */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), 1);
	assert_int_equal(files_in(f->dir, "before-restore"), 0);
	free(path);
	free(text);
	free(newer);
	free(foreign);
	free(bad);
}

/* A child that holds the ledger as another miaopu would, until killed. */
static pid_t hold_in_child(const char *path, const char *name, int write_lock)
{
	int p[2];
	char c;
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		sqlite3 *h = NULL;
		close(p[0]);
		if (mp_inuse_take(path, name, NULL, 0) != MP_OK)
			_exit(1);
		if (write_lock && (sqlite3_open(path, &h) != SQLITE_OK ||
		    sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK))
			_exit(2);
		if (write(p[1], "x", 1) != 1)
			_exit(3);
		pause();
		_exit(0);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	return pid;
}

static void stop_child(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

static void test_inuse(void **state)
{
	struct mp_fx *f = *state;
	const char *path = mp_db_path(f->db);
	char *copy = fx_path(f, "copy.db"), who[256];
	pid_t pid;
	mp_err e;

	assert_int_equal(mp_inuse_who(path, who, sizeof who), 0);
	assert_int_equal(mp_backup_to(f->db, copy, &e), MP_OK);
	pid = hold_in_child(path, "张三", 0);
	assert_int_equal(mp_inuse_who(path, who, sizeof who), 1);
	assert_non_null(strstr(who, "张三"));
	/* Both have it open; each is told about the other. */
	assert_int_equal(mp_inuse_take(path, "李四", who, sizeof who), MP_OK);
	assert_non_null(strstr(who, "张三"));
	mp_inuse_release();
	/* The other one is still there after we left. */
	assert_int_equal(mp_inuse_who(path, who, sizeof who), 1);
	/* Not while another miaopu has it open. */
	assert_int_equal(mp_restore(path, copy, NULL, &e), MP_EBUSY);
	assert_non_null(strstr(e.msg, "张三"));
	/* A killed miaopu leaves the file but no lock: taken over. */
	stop_child(pid);
	assert_int_equal(mp_inuse_who(path, who, sizeof who), 0);
	assert_int_equal(mp_inuse_take(path, "李四", who, sizeof who), MP_OK);
	assert_int_equal(mp_inuse_who(path, who, sizeof who), 0);  /* ours */
	mp_inuse_release();
	free(copy);
}

/* Can another process lock the bytes [start, start+len) of file? */
static int other_can_lock(const char *file, off_t start, off_t len)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct flock fl;
		int fd = open(file, O_RDWR);

		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = start;
		fl.l_len = len;
		_exit(fd >= 0 && fcntl(fd, F_OFD_SETLK, &fl) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* A restore holds the whole mark, even where a killed miaopu left words
 * (clearing them once punched a hole in the lock, through which an import
 * took a slot and wrote into the ledger the restore then set aside). */
static void test_exclusive_whole(void **state)
{
	struct mp_fx *f = *state;
	const char *path = mp_db_path(f->db);
	char *mark = mp_asprintf("%s-inuse", path), who[256], stale[256];
	int fd = open(mark, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	pid_t pid;

	assert_true(fd >= 0);
	memset(stale, '\n', sizeof stale);
	{
		static const char words[] = "王五\npc-9\n77\n2026-01-01 08:00:00\n";
		memcpy(stale, words, sizeof words - 1);
	}
	assert_int_equal(pwrite(fd, stale, sizeof stale, 256), (ssize_t)sizeof stale);
	close(fd);
	assert_int_equal(mp_inuse_exclusive(path, NULL, "restoring", who, sizeof who), MP_OK);
	assert_true(mp_inuse_last_unclean());
	assert_false(other_can_lock(mark, 0, 256));
	assert_false(other_can_lock(mark, 256, 256));
	assert_false(other_can_lock(mark, 4096, 256));
	mp_inuse_release();
	assert_true(access(mark, F_OK) != 0);   /* the last one out removes it */
	/* And a restore is refused while one miaopu has a slot, named. */
	pid = hold_in_child(path, "赵六", 0);
	assert_int_equal(mp_inuse_exclusive(path, NULL, "restoring", who, sizeof who), MP_EBUSY);
	assert_non_null(strstr(who, "赵六"));
	stop_child(pid);
	free(mark);
}

static void touch_file(const char *path, const char *text, time_t age)
{
	FILE *fp = fopen(path, "w");
	struct timeval tv[2];

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	if (age) {
		gettimeofday(&tv[0], NULL);
		tv[0].tv_sec -= age;
		tv[1] = tv[0];
		assert_int_equal(utimes(path, tv), 0);
	}
}

/* Copies left half made by a killed miaopu go; one being written stays. */
static void test_clean_leftovers(void **state)
{
	struct mp_fx *f = *state;
	char *folder = mp_backup_folder(&f->cfg, mp_db_path(f->db)), *made = NULL;
	char *old, *old_j, *gone, *gone_w, *live, *fresh, *other;
	mp_strlist removed = { NULL, 0 };
	struct flock fl;
	mp_err e;
	int fd;

	assert_int_equal(mp_backup_make(f->db, &f->cfg, "", &made, &e), MP_OK);
	old = mp_asprintf("%s/miaopu-2026-01-01-120000-before-import.db.tmp", folder);
	old_j = mp_asprintf("%s-journal", old);
	gone = mp_asprintf("%s/miaopu-2026-01-02-120000.db.4194300-3.tmp", folder);
	gone_w = mp_asprintf("%s-wal", gone);
	live = mp_asprintf("%s/miaopu-2026-01-03-120000.db.%ld-1.tmp", folder, (long)getpid());
	fresh = mp_asprintf("%s/miaopu-2026-01-04-120000.db.tmp", folder);
	other = mp_asprintf("%s/notes.txt", folder);
	touch_file(old, "half", 7200);
	touch_file(old_j, "journal", 7200);
	touch_file(gone, "half", 0);
	touch_file(gone_w, "wal", 0);
	touch_file(live, "being written", 7200);
	touch_file(fresh, "just begun by other code", 0);
	touch_file(other, "not ours", 7200);
	/* live is held as mp_backup_to holds the copy it writes. */
	fd = open(live, O_RDWR);
	assert_true(fd >= 0);
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_len = 1;
	assert_int_equal(fcntl(fd, F_OFD_SETLK, &fl), 0);
	assert_int_equal(mp_backup_clean(&f->cfg, mp_db_path(f->db), &removed), 4);
	assert_int_equal(removed.n, 4);
	assert_true(access(old, F_OK) != 0 && access(old_j, F_OK) != 0);
	assert_true(access(gone, F_OK) != 0 && access(gone_w, F_OK) != 0);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(fresh, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	assert_int_equal(access(made, F_OK), 0);
	mp_strlist_free(&removed);
	/* Once its writer lets go (killed), it goes too. */
	close(fd);
	assert_int_equal(mp_backup_clean(&f->cfg, mp_db_path(f->db), NULL), 1);
	assert_true(access(live, F_OK) != 0);
	/* A backup leaves no temporary behind, and two in a row work. */
	free(made);
	assert_int_equal(mp_backup_make(f->db, &f->cfg, "", &made, &e), MP_OK);
	assert_int_equal(mp_backup_make(f->db, &f->cfg, "", NULL, &e), MP_OK);
	assert_int_equal(files_in(folder, ".tmp"), 1);   /* fresh */
	free(old);
	free(old_j);
	free(gone);
	free(gone_w);
	free(live);
	free(fresh);
	free(other);
	free(made);
	free(folder);
}

/* A child that takes the ledger and a long job, until killed. */
static pid_t job_in_child(const char *path, const char *name, const char *job)
{
	int p[2];
	char c;
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (mp_inuse_take(path, name, NULL, 0) != MP_OK ||
		    mp_inuse_job_begin(job, 0, NULL, NULL, 0) != MP_OK)
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(3);
		pause();
		_exit(0);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	return pid;
}

/* Imports and backups take turns; the one that waits too long is told
 * who is doing what. */
static void test_job_turns(void **state)
{
	struct mp_fx *f = *state;
	const char *path = mp_db_path(f->db);
	char who[512];
	int waited = 0;
	pid_t pid;

	pid = job_in_child(path, "张三", "importing");
	assert_int_equal(mp_inuse_take(path, "李四", who, sizeof who), MP_OK);
	assert_non_null(strstr(who, "张三"));
	assert_int_equal(mp_inuse_job_begin("backing up", 200, &waited, who, sizeof who), MP_EBUSY);
	assert_true(waited);
	assert_non_null(strstr(who, "张三"));
	assert_non_null(strstr(who, "importing"));
	/* The busy message of a write names the one at the job. */
	assert_int_equal(mp_inuse_who(path, who, sizeof who), 1);
	assert_non_null(strstr(who, "importing"));
	stop_child(pid);
	assert_int_equal(mp_inuse_job_begin("backing up", 200, &waited, who, sizeof who), MP_OK);
	assert_false(waited);
	/* Ours now: another process is told. */
	{
		pid_t c = fork();
		int status;

		if (c == 0) {
			char w[512];
			int rc = mp_inuse_take(path, "王五", NULL, 0) == MP_OK
			         && mp_inuse_job_begin("importing", 100, NULL, w, sizeof w) == MP_EBUSY
			         && strstr(w, "李四") && strstr(w, "backing up");
			_exit(rc ? 0 : 1);
		}
		waitpid(c, &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	mp_inuse_job_end();
	mp_inuse_release();
}

/* Every level of nested forms, one draft file a process, oldest first. */
static void test_drafts(void **state)
{
	struct mp_fx *f = *state;
	const char *path = mp_db_path(f->db);
	mp_record *levels[2], **got = NULL;
	mp_strlist files = { NULL, 0 };
	char *legacy = mp_asprintf("%s-draft", path);
	int n = 0;
	mp_err e;

	/* One left by an earlier miaopu, as it kept them then. */
	touch_file(legacy, "miaopu-draft 1\ntable groups\nid 0\nname 旧的草稿\n", 60);
	levels[0] = mp_fx_group(f, "外层\n第二行\\", "幸福社区");
	levels[1] = mp_fx_group(f, "内层", "和谐社区");
	levels[1]->id = 42;
	levels[1]->version = 7;   /* the version the form was opened on */
	assert_int_equal(mp_draft_save(path, levels, 2, &e), MP_OK);
	/* The same process again: replaced, not added. */
	assert_int_equal(mp_draft_save(path, levels, 2, &e), MP_OK);
	assert_int_equal(mp_draft_list(path, &files), 2);
	assert_string_equal(files.v[0], legacy);
	assert_int_equal(mp_draft_load(files.v[0], &got, &n, &e), MP_OK);
	assert_int_equal(n, 1);
	assert_string_equal(got[0]->v[0], "旧的草稿");
	mp_draft_free(got, n);
	assert_int_equal(mp_draft_load(files.v[1], &got, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(got[0]->v[0], "外层\n第二行\\");
	assert_string_equal(got[1]->v[0], "内层");
	assert_int_equal(got[1]->id, 42);
	assert_int_equal(got[1]->version, 7);
	assert_string_equal(got[1]->v[mp_table_field(&mp_groups, "community")], "和谐社区");
	mp_draft_free(got, n);
	/* Another process's draft is a file of its own. */
	{
		pid_t c = fork();
		int status;

		if (c == 0)
			_exit(mp_draft_save(path, levels, 1, &e) == MP_OK ? 0 : 1);
		waitpid(c, &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	mp_strlist_free(&files);
	assert_int_equal(mp_draft_list(path, &files), 3);
	for (int i = 0; i < files.n; i++)
		mp_draft_discard(files.v[i]);
	mp_strlist_free(&files);
	assert_int_equal(mp_draft_list(path, &files), 0);
	assert_int_equal(mp_draft_load(legacy, &got, &n, &e), MP_ENOTFOUND);
	mp_record_free(levels[0]);
	mp_record_free(levels[1]);
	free(legacy);
}

static void test_busy_says_who(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r = mp_fx_group(f, "和谐117爱心团", "幸福社区");
	pid_t pid;
	mp_err e;

	pid = hold_in_child(mp_db_path(f->db), "张三", 1);
	sqlite3_busy_timeout(f->db->h, 100);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EBUSY);
	assert_non_null(strstr(e.msg, "张三"));
	assert_non_null(strstr(e.msg, "nothing was saved"));
	stop_child(pid);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
}

/* A backup made while another process saves, then restored. */
static void test_restore_backup_made_while_saving(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_strdup(mp_db_path(f->db)), *copy = fx_path(f, "copy.db");
	long in_copy;
	pid_t pid;
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	pid = fork();
	if (pid == 0) {
		mp_db *db = NULL;
		mp_config cfg;
		mp_config_defaults(&cfg);
		if (mp_db_open(&db, path, 0, &e) != MP_OK)
			_exit(1);
		for (long n = 0;; n++) {
			mp_record *r = mp_record_new(&mp_groups, &cfg);
			char name[64];
			snprintf(name, sizeof name, "busy-%ld", n);
			mp_record_set(r, 0, name);
			mp_record_save(db, &cfg, r, &e);
			mp_record_free(r);
		}
	}
	/* The child saves as fast as it can; a slow start (a sanitizer
	 * build on a loaded machine) is waited for, not slept over. */
	for (int i = 0; i < 300 && mp_fx_sql_int(f, "SELECT count(*) FROM groups") < 3; i++)
		usleep(50000);
	assert_int_equal(mp_backup_to(f->db, copy, &e), MP_OK);
	in_copy = count_in(copy, "SELECT count(*) FROM groups");
	for (int i = 0; i < 300 && mp_fx_sql_int(f, "SELECT count(*) FROM groups") <= in_copy; i++)
		usleep(50000);
	stop_child(pid);
	assert_true(in_copy > 1);
	assert_true(mp_fx_sql_int(f, "SELECT count(*) FROM groups") > in_copy);
	mp_db_close(f->db);
	f->db = NULL;
	assert_int_equal(mp_restore(path, copy, NULL, &e), MP_OK);
	assert_int_equal(mp_db_open(&f->db, path, 0, &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups"), in_copy);
	assert_int_equal(count_in(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	free(path);
	free(copy);
}

static void test_check_file(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_strdup(mp_db_path(f->db)), *bad = fx_path(f, "bad.db");
	mp_strlist problems = { NULL, 0 };
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	assert_int_equal(mp_check_file(path, &problems, &e), MP_OK);
	assert_int_equal(problems.n, 0);
	/* A membership pointing at a volunteer that is not there. */
	assert_int_equal(sqlite3_exec(f->db->h, "PRAGMA foreign_keys = OFF;"
	    "INSERT INTO memberships (uuid, created_at, updated_at, volunteer_id, group_id)"
	    " VALUES ('u1', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 999, 1);"
	    "PRAGMA foreign_keys = ON;", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(mp_check_file(path, &problems, &e), MP_EDB);
	assert_int_equal(problems.n, 1);
	assert_non_null(strstr(problems.v[0], "not there"));
	mp_strlist_free(&problems);
	assert_int_equal(mp_backup_to(f->db, bad, &e), MP_OK);
	damage(bad);
	assert_int_equal(mp_check_file(bad, &problems, &e), MP_EDB);
	assert_true(problems.n >= 1);
	assert_non_null(strstr(problems.v[0], "damaged"));
	mp_strlist_free(&problems);
	free(path);
	free(bad);
}

static void test_damaged_not_opened(void **state)
{
	struct mp_fx *f = *state;
	char *bad = fx_path(f, "bad.db");
	struct stat a, b;
	mp_db *db = NULL;
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	assert_int_equal(mp_backup_to(f->db, bad, &e), MP_OK);
	damage(bad);
	assert_int_equal(stat(bad, &a), 0);
	assert_int_equal(mp_db_open(&db, bad, 0, &e), MP_OK);
	assert_int_equal(mp_db_quick_check(db, &e), MP_ECORRUPT);
	assert_non_null(strstr(e.msg, "damaged"));
	assert_null(strchr(e.msg, '\n'));
	/* An import asks first: refused, no copy of the damage made. */
	assert_int_equal(mp_backup_before_import(db, &f->cfg, NULL, &e), MP_ECORRUPT);
	assert_non_null(strstr(e.msg, "No good backup"));
	mp_db_close(db);
	assert_int_equal(stat(bad, &b), 0);
	assert_int_equal(a.st_mtime, b.st_mtime);
	assert_int_equal(a.st_size, b.st_size);
	free(bad);
}

/* Try to save a group; the status. */
static int add_group_rc(struct mp_fx *f)
{
	mp_record *r = mp_fx_group(f, "乙队", "");
	mp_err e;
	int rc = mp_record_save(f->db, &f->cfg, r, &e);

	mp_record_free(r);
	return rc;
}

/* Wait for a job (at most 30 s), then its outcome. */
static int job_outcome(mp_backup_job *j, char **made, mp_err *e)
{
	for (int i = 0; i < 3000 && !mp_backup_job_done(j); i++)
		usleep(10000);
	assert_true(mp_backup_job_done(j));
	return mp_backup_job_finish(j, made, e);
}

/* A checksum of the file at path (the ledger itself, not its log). */
static uint64_t file_sum(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint64_t h = 14695981039346656037ULL;
	int ch;

	assert_non_null(fp);
	while ((ch = getc(fp)) != EOF)
		h = (h ^ (uint64_t)ch) * 1099511628211ULL;
	fclose(fp);
	return h;
}

static int autocheckpoint(struct mp_fx *f)
{
	sqlite3_stmt *st;
	int n = -1;

	assert_int_equal(sqlite3_prepare_v2(f->db->h, "PRAGMA wal_autocheckpoint",
	                                    -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The day's check and copy in a thread of their own, while the screen's
 * connection goes on writing: the copy is whole and sound, holds what was
 * saved before it began, and a second start of the day makes none.  A
 * save never waits for the check: it goes into the write-ahead log only,
 * the ledger file untouched until the check has passed. */
static void test_daily_job(void **state)
{
	struct mp_fx *f = *state;
	char *folder = fx_path(f, MP_BACKUP_DIRNAME), *made = NULL;
	mp_backup_job *j;
	mp_err e;

	int *hold;
	mp_record *r;

	uint64_t sum;

	mp_fx_add_group(f, "和谐117爱心团");
	assert_int_equal(sqlite3_wal_checkpoint_v2(f->db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	                                           NULL, NULL), SQLITE_OK);
	/* Held, a save goes through at once, into the log only. */
	hold = mp_db_hold_writes(f->db);
	sum = file_sum(mp_db_path(f->db));
	r = mp_fx_group(f, "夕阳红", "幸福社区");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
	for (int i = 0; i < 30; i++) {
		char name[32];

		snprintf(name, sizeof name, "和谐爱心团%d", i);
		mp_fx_add_group(f, name);
	}
	assert_int_equal(autocheckpoint(f), 0);
	assert_true(file_sum(mp_db_path(f->db)) == sum);
	setenv("MIAOPU_TODAY", "2026-02-03", 1);
	j = mp_backup_job_start(mp_db_path(f->db), &f->cfg, hold);
	assert_non_null(j);
	assert_int_equal(job_outcome(j, &made, &e), MP_OK);
	assert_int_equal(*hold, 0);   /* the check passed: the file may be written */
	r = mp_fx_group(f, "夕阳红二队", "幸福社区");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
	assert_int_equal(autocheckpoint(f), 1000);
	assert_non_null(made);
	assert_non_null(strstr(made, MP_BACKUP_DIRNAME "/miaopu-2026-02-03.db"));
	assert_true(count_in(made, "SELECT count(*) FROM groups WHERE name = '和谐117爱心团'") == 1);
	assert_true(count_in(made, "SELECT count(*) FROM groups WHERE name = '夕阳红'") == 1);
	assert_int_equal(files_in(folder, ".tmp"), 0);
	free(made);
	assert_false(mp_backup_daily_due(f->db, &f->cfg));
	j = mp_backup_job_start(mp_db_path(f->db), &f->cfg, NULL);
	assert_int_equal(job_outcome(j, &made, &e), MP_OK);
	assert_null(made);
	/* Stopped as soon as it began: nothing half made is left. */
	setenv("MIAOPU_TODAY", "2026-02-04", 1);
	j = mp_backup_job_start(mp_db_path(f->db), &f->cfg, NULL);
	mp_backup_job_cancel(j);
	assert_int_equal(files_in(folder, ".tmp"), 0);
	unsetenv("MIAOPU_TODAY");
	free(folder);
}

/* A damaged ledger: the job says so, and copies nothing. */
static void test_daily_job_damaged(void **state)
{
	struct mp_fx *f = *state;
	char *bad = fx_path(f, "bad.db"), *folder = fx_path(f, MP_BACKUP_DIRNAME);
	char *made = NULL;
	mp_backup_job *j;
	uint64_t sum;
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	assert_int_equal(mp_backup_to(f->db, bad, &e), MP_OK);
	damage(bad);
	assert_int_equal(sqlite3_wal_checkpoint_v2(f->db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	                                           NULL, NULL), SQLITE_OK);
	sum = file_sum(mp_db_path(f->db));
	j = mp_backup_job_start(bad, &f->cfg, mp_db_hold_writes(f->db));
	assert_non_null(j);
	assert_int_equal(job_outcome(j, &made, &e), MP_ECORRUPT);
	/* Not sound: saves stay in the log, the file is not written. */
	assert_int_equal(add_group_rc(f), MP_OK);
	assert_int_equal(autocheckpoint(f), 0);
	assert_true(file_sum(mp_db_path(f->db)) == sum);
	assert_null(made);
	assert_non_null(strstr(e.msg, "damaged"));
	assert_int_equal(files_in(folder, "bad-"), 0);
	free(bad);
	free(folder);
}

static void test_backup_before_upgrade(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_strdup(mp_db_path(f->db)), *folder = fx_path(f, MP_BACKUP_DIRNAME);
	char *copy = NULL;
	time_t when;
	mp_err e;

	mp_fx_add_group(f, "和谐117爱心团");
	/* The ledger says it is of schema 1: opening it upgrades it, and the
	 * copy comes first.  (The tables of the later steps are there
	 * already, so this upgrade fails: then the ledger is left as it was.) */
	assert_int_equal(sqlite3_exec(f->db->h, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	mp_db_close(f->db);
	f->db = NULL;
	mp_backup_settings(NULL);
	assert_int_not_equal(mp_db_open(&f->db, path, 0, &e), MP_OK);
	assert_int_equal(files_in(folder, "-before-upgrade.db"), 1);
	assert_int_equal(mp_backup_latest(NULL, path, 1, &copy, &when), 1);
	assert_non_null(strstr(copy, "-before-upgrade.db"));
	assert_int_equal(count_in(copy, "PRAGMA user_version"), 1);
	assert_int_equal(count_in(copy, "SELECT count(*) FROM groups"), 1);
	assert_int_equal(count_in(path, "PRAGMA user_version"), 1);
	free(copy);
	free(path);
	free(folder);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_backup_to, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_backup_folder_not_writable, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_daily_and_pruning, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_before_import_pruned, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_folder_setting, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_latest_good, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_restore, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_restore_refuses, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_exclusive_whole, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_inuse, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_clean_leftovers, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_job_turns, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_drafts, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_busy_says_who, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_restore_backup_made_while_saving, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_check_file, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_damaged_not_opened, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_daily_job, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_daily_job_damaged, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_backup_before_upgrade, mp_fx_setup, mp_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
