/* restore.c — going back to a backup, and checking a ledger file.
 *
 * Both only read the file they are given until every check has passed;
 * a restore keeps the current ledger aside under a clear name instead of
 * deleting anything. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkmeter.h"
#include "db_internal.h"
#include "mp_backup.h"
#include "mp_check.h"
#include "mp_registry.h"
#include "mp_i18n.h"
#include "mp_inuse.h"
#include "mp_record.h"
#include "mp_steps.h"
#include "mp_text.h"

static int one_int(sqlite3 *h, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);

	*out = 0;
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Run integrity_check on h; each line that is not "ok" is a problem.
 * Returns the SQLite status of the check itself. */
static int integrity(sqlite3 *h, int quick, mp_strlist *problems)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, quick ? "PRAGMA quick_check(20)"
	                            : "PRAGMA integrity_check(20)", -1, &st, NULL);

	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		char *copy, *line, *save = NULL;

		rc = SQLITE_OK;
		if (!r || strcmp(r, "ok") == 0)
			continue;
		/* One problem a line, without SQLite's heading. */
		copy = mp_strdup(r);
		for (line = strtok_r(copy, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *p;

			if (strncmp(line, "*** ", 4) == 0)
				continue;
			p = mp_asprintf(_("the file is damaged: %s"), line);
			mp_strlist_add(problems, p);
			free(p);
		}
		free(copy);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const char *table_title(const char *name)
{
	const mp_table *t = name ? mp_table_by_name(name) : NULL;

	return t ? _(t->title_en) : name ? name : "?";
}

static int foreign_keys(sqlite3 *h, mp_strlist *problems)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1, &st, NULL);

	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tab = (const char *)sqlite3_column_text(st, 0);
		long long row = sqlite3_column_int64(st, 1);
		const char *parent = (const char *)sqlite3_column_text(st, 2);
		char *p;

		rc = SQLITE_OK;
		p = mp_asprintf(_("%s: record %lld refers to a record of %s that is not there"),
		                table_title(tab), row, table_title(parent));
		mp_strlist_add(problems, p);
		free(p);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Open path to read it when SQLite cannot make its -shm file (a ledger in
 * a folder that cannot be written, with no -wal beside it: nothing is
 * pending, so the file as it is is the whole ledger). */
static int open_immutable(const char *path, sqlite3 **h)
{
	char *wal = mp_asprintf("%s-wal", path);
	struct stat sb;
	int rc;

	if (stat(wal, &sb) == 0 && sb.st_size > 0) {
		free(wal);
		return SQLITE_READONLY;
	}
	free(wal);
	/* The name percent-escaped where a URI needs it. */
	char *uri = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&uri, &len);

	if (!f)
		return SQLITE_NOMEM;
	fputs("file:", f);
	for (const unsigned char *q = (const unsigned char *)path; *q; q++)
		if (*q == '%' || *q == '?' || *q == '#' || *q <= ' ' || *q >= 0x7f)
			fprintf(f, "%%%02X", *q);
		else
			fputc(*q, f);
	fputs("?immutable=1", f);
	if (fclose(f) != 0 || !uri)
		return SQLITE_NOMEM;
	rc = sqlite3_open_v2(uri, h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	                     mp_check_map_vfs());
	free(uri);
	return rc;
}

int mp_check_file(const char *path, mp_strlist *problems, mp_err *e)
{
	return mp_check_file_with(path, 0, NULL, NULL, problems, e);
}

int mp_check_file_with(const char *path, int flags, mp_check_progress progress,
                       void *arg, mp_strlist *problems, mp_err *e)
{
	struct mp_check_meter meter;
	sqlite3 *h = NULL;
	struct stat sb;
	int rc, app = 0, uv = 0, before = problems->n;

	mp_err_clear(e);
	if (stat(path, &sb) != 0)
		return mp_err_set(e, errno == ENOENT ? MP_ENOTFOUND : MP_EIO,
		                  _("cannot read “%s”: %s"), path, strerror(errno));
	rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, mp_check_map_vfs());
	if (rc == SQLITE_OK)
		rc = one_int(h, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = one_int(h, "PRAGMA user_version", &uv);
	if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN) {
		/* A read-only folder: read the file as it is. */
		sqlite3 *h2 = NULL;
		int rc2 = open_immutable(path, &h2);

		if (rc2 == SQLITE_OK)
			rc2 = one_int(h2, "PRAGMA application_id", &app);
		if (rc2 == SQLITE_OK)
			rc2 = one_int(h2, "PRAGMA user_version", &uv);
		if (h2 && rc2 != SQLITE_READONLY) {
			sqlite3_close(h);
			h = h2;
			rc = rc2;
		} else {
			sqlite3_close(h2);
		}
	}
	if ((rc & 0xff) == SQLITE_NOTADB) {
		sqlite3_close(h);
		return mp_err_set(e, MP_ENOTDB, _("“%s” is not a miaopu ledger (not a SQLite database)"), path);
	}
	if (rc == SQLITE_OK && app != MP_APPLICATION_ID) {
		sqlite3_close(h);
		return mp_err_set(e, MP_ENOTDB, _("“%s” is a SQLite database but not a miaopu ledger"), path);
	}
	if (rc == SQLITE_OK && uv > mp_db_schema_version()) {
		char *p = mp_asprintf(_("it was written by a newer version of miaopu (schema %d, this program knows %d): the check may miss things"),
		                      uv, mp_db_schema_version());
		mp_strlist_add(problems, p);
		free(p);
	}
	if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_CORRUPT) {
		/* The file's pages read where they lie (mapped whole by
		 * check_map.c's VFS, SQLite's own stops at 2 GB; any size
		 * here turns the map on) instead of copied into a 2 MB cache: the
		 * check seeks every index for every row, and with the cache
		 * it made 7 million pread calls on a district's ledger (7 of
		 * its 12 s of processor time, measured with strace -c and
		 * time); mapped, the check and the links took 10-11 s of
		 * processor time where sqlite3's own took 15.  (A page cache
		 * large enough to hold the indexes, 128-512 MB, saves the
		 * reads but costs more in memory lookups: 10.5-11.8 s.)  The
		 * mapped pages are the system's file cache, not taken from
		 * other programs; when the map cannot be made, SQLite reads
		 * as before. */
		sqlite3_exec(h, "PRAGMA mmap_size = 2147418112", NULL, NULL, NULL);
		mp_check_meter_start(&meter, h, flags & MP_CHECK_QUICK, progress, arg);
		rc = integrity(h, flags & MP_CHECK_QUICK, problems);
		mp_check_meter_links(&meter);
		/* foreign_key_check looks up the record each reference points
		 * to: with 32 MB of pages kept instead of 2 MB it took 1.6-1.8 s
		 * instead of 2.5-3.0 s on a district's ledger when the map
		 * cannot be made (mapped: 0.9 s of processor time).  (Not for the
		 * integrity check, which a larger cache made slower: 25 s with
		 * 16 MB, 15 s with SQLite's 2 MB.) */
		sqlite3_exec(h, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = foreign_keys(h, problems);
		mp_check_meter_end(&meter);
	}
	if ((rc & 0xff) == SQLITE_CORRUPT) {
		char *p = mp_asprintf(_("the file is damaged: %s"), sqlite3_errmsg(h));
		mp_strlist_add(problems, p);
		free(p);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK) {
		rc = mp_err_set(e, (rc & 0xff) == SQLITE_BUSY ? MP_EBUSY : MP_EIO,
		                _("“%s” could not be checked: %s"), path, sqlite3_errmsg(h));
		sqlite3_close(h);
		return rc;
	}
	sqlite3_close(h);
	return problems->n > before ? MP_EDB : MP_OK;
}

/* The copy from: sound, a miaopu ledger, not newer.  Nothing written. */
static int check_copy(const char *from, mp_err *e)
{
	mp_strlist problems = { NULL, 0 };
	sqlite3 *h = NULL;
	int rc, uv = 0;

	rc = mp_check_file(from, &problems, e);
	if (rc == MP_EDB) {
		rc = mp_err_set(e, MP_ENOTDB, _("“%s” cannot be used: %s; nothing was changed"),
		                from, problems.v[0]);
	} else if (rc != MP_OK) {
		char *m = mp_asprintf(_("%s; nothing was changed"), e->msg);
		mp_err_set(e, rc, "%s", m);
		free(m);
	}
	mp_strlist_free(&problems);
	if (rc != MP_OK)
		return rc;
	if (sqlite3_open_v2(from, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		one_int(h, "PRAGMA user_version", &uv);
	sqlite3_close(h);
	if (uv < 1)
		return mp_err_set(e, MP_ENOTDB, _("“%s” is not a miaopu ledger; nothing was changed"), from);
	return MP_OK;
}

/* Write the copy from into the new file tmp (0600) with the backup API. */
static int copy_to_tmp(const char *from, const char *tmp, mp_err *e)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int fd, rc, err = 0;

	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return mp_err_set(e, errno == EACCES || errno == EROFS ? MP_EREADONLY : MP_EIO,
		                  _("cannot write “%s”: %s; nothing was changed"), tmp, strerror(errno));
	close(fd);
	rc = sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", src, "main");
		rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dst);
		if (b && sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
			rc = sqlite3_errcode(dst);
		if (rc == SQLITE_DONE)
			rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			err = sqlite3_system_errno(dst);
	}
	sqlite3_close(dst);
	sqlite3_close(src);
	if (rc == SQLITE_OK) {
		fd = open(tmp, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fsync(fd) != 0) {
			rc = SQLITE_IOERR;
			err = errno;
		}
		if (fd >= 0)
			close(fd);
	}
	if (rc != SQLITE_OK) {
		unlink(tmp);
		if ((rc & 0xff) == SQLITE_FULL || err == ENOSPC || err == EFBIG)
			return mp_err_set(e, MP_EFULL, _("the disk is full: the backup could not be put in place; nothing was changed"));
		return mp_err_set(e, MP_EIO, _("cannot write “%s”: %s; nothing was changed"), tmp,
		                  err ? strerror(err) : sqlite3_errstr(rc));
	}
	return MP_OK;
}

/* Let SQLite fold the ledger's -wal into it, so that the file kept aside
 * is whole by itself.  A damaged ledger may refuse: then its -wal moves
 * aside with it. */
static void fold_wal(const char *dbpath)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
		sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_close(h);
}

static int move_aside(const char *dbpath, char **aside, mp_err *e)
{
	const char *slash = strrchr(dbpath, '/');
	char day[11], now[20], *stem, *dot, *to, *from_wal, *to_wal, *shm;
	struct stat sb;
	int rc = MP_OK;

	mp_today(day);
	mp_now(now);
	stem = mp_strdup(dbpath);
	dot = strrchr(stem, '.');
	if (dot && strcmp(dot, ".db") == 0 && (!slash || dot > stem + (slash - dbpath)))
		*dot = '\0';
	/* A name of its own: a second restore within the second must not
	 * replace the ledger the first one kept. */
	to = mp_asprintf("%s-before-restore-%s-%.2s%.2s%.2s.db", stem, day,
	                 now + 11, now + 14, now + 17);
	for (int n = 2; lstat(to, &sb) == 0 && n < 1000; n++) {
		free(to);
		to = mp_asprintf("%s-before-restore-%s-%.2s%.2s%.2s-%d.db", stem, day,
		                 now + 11, now + 14, now + 17, n);
	}
	from_wal = mp_asprintf("%s-wal", dbpath);
	to_wal = mp_asprintf("%s-wal", to);
	shm = mp_asprintf("%s-shm", dbpath);
	/* The -wal first: it must never be left beside the restored copy.
	 * (Folded in just now, it is empty, and the ledger whole without it.) */
	if (stat(from_wal, &sb) == 0 && sb.st_size == 0)
		unlink(from_wal);
	else if (stat(from_wal, &sb) == 0 && rename(from_wal, to_wal) != 0)
		rc = mp_err_set(e, MP_EIO, _("cannot rename “%s” to “%s”: %s"), from_wal,
		                to_wal, strerror(errno));
	/* The ledger keeps its name until the copy takes it over in one
	 * rename: a restore killed in between leaves the ledger as it was,
	 * never no ledger at all.  (Without hard links, a USB stick's FAT
	 * say: moved aside, as before.) */
	if (rc == MP_OK && link(dbpath, to) != 0 && rename(dbpath, to) != 0)
		rc = mp_err_set(e, MP_EIO, _("cannot rename “%s” to “%s”: %s"), dbpath, to,
		                strerror(errno));
	if (rc == MP_OK)
		unlink(shm);
	if (rc == MP_OK && aside)
		*aside = to;
	else
		free(to);
	free(stem);
	free(from_wal);
	free(to_wal);
	free(shm);
	return rc;
}

int mp_restore(const char *dbpath, const char *from, char **aside, mp_err *e)
{
	char who[768], *tmp;
	struct stat a, b;
	int rc, have = 0;

	mp_err_clear(e);
	if (aside)
		*aside = NULL;
	if (stat(from, &a) != 0)
		return mp_err_set(e, MP_EIO, _("cannot read “%s”: %s"), from, strerror(errno));
	if (stat(dbpath, &b) == 0) {
		have = 1;
		if (a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return mp_err_set(e, MP_EUSAGE, _("“%s” is the ledger itself, not a backup"), from);
	}
	/* The whole ledger for the whole run: not while anyone has it open
	 * (a screen, an import), and nobody opens it until we are done. */
	if (mp_inuse_exclusive(dbpath, NULL, N_("restoring"), who,
	                       sizeof who) == MP_EBUSY)
		return mp_err_set(e, MP_EBUSY, _("the ledger “%s” is open in miaopu (%s); close it there first. Nothing was changed."),
		                  dbpath, who);
	rc = check_copy(from, e);
	if (rc != MP_OK) {
		mp_inuse_release();
		return rc;
	}
	tmp = mp_asprintf("%s.restore-tmp", dbpath);
	rc = copy_to_tmp(from, tmp, e);
	if (rc == MP_OK && have) {
		fold_wal(dbpath);
		rc = move_aside(dbpath, aside, e);
		if (rc != MP_OK)
			unlink(tmp);
	}
	if (rc == MP_OK && rename(tmp, dbpath) != 0) {
		rc = mp_err_set(e, MP_EIO, _("cannot rename “%s” to “%s”: %s"), tmp, dbpath,
		                strerror(errno));
		unlink(tmp);
	}
	if (rc == MP_OK) {
		const char *slash = strrchr(dbpath, '/');
		char *dir = slash ? mp_asprintf("%.*s", (int)(slash - dbpath + (slash == dbpath)), dbpath)
		                  : mp_strdup(".");
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
		free(dir);
	}
	mp_inuse_release();
	free(tmp);
	return rc;
}
