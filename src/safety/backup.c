/* backup.c — copies of the ledger with SQLite's online backup API, the
 * day's automatic copy, pruning, and finding the latest good copy.
 *
 * The file names carry the date and time (mp_backup.h), so the folder
 * itself is the only record of what was made when. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "mp_backup.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_inuse.h"
#include "mp_text.h"

enum kind { K_NONE = -1, K_DAILY, K_HAND, K_IMPORT, K_UPGRADE };

static const char *const why_suffix[] = {
	"", "", "-before-import", "-before-upgrade"
};

/* What mp_backup_settings remembered, for backups the core makes alone. */
static char *set_folder;
static int set_days = 14;

void mp_backup_settings(const mp_config *cfg)
{
	free(set_folder);
	set_folder = cfg && cfg->backup_folder && *cfg->backup_folder
	             ? mp_strdup(cfg->backup_folder) : NULL;
	set_days = cfg && cfg->backup_days > 0 ? cfg->backup_days : 14;
}

static int days_to_keep(const mp_config *cfg)
{
	if (cfg)
		return cfg->backup_days > 0 ? cfg->backup_days : 14;
	return set_days;
}

/* The ledger's file name without folder and without ".db". */
static char *ledger_stem(const char *dbpath)
{
	const char *slash = strrchr(dbpath, '/');
	char *stem = mp_strdup(slash ? slash + 1 : dbpath);
	size_t n = strlen(stem);

	if (n > 3 && strcmp(stem + n - 3, ".db") == 0)
		stem[n - 3] = '\0';
	return stem;
}

char *mp_backup_folder(const mp_config *cfg, const char *dbpath)
{
	const char *set = cfg ? cfg->backup_folder : set_folder;
	const char *slash;

	if (set && *set)
		return mp_strdup(set);
	slash = strrchr(dbpath, '/');
	if (!slash)
		return mp_strdup(MP_BACKUP_DIRNAME);
	return mp_asprintf("%.*s/%s", (int)(slash - dbpath), dbpath,
	                   MP_BACKUP_DIRNAME);
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The kind of backup name is for the ledger stem, or K_NONE. */
static enum kind kind_of(const char *name, const char *stem)
{
	size_t n = strlen(stem);
	const char *p;

	if (strncmp(name, stem, n) != 0 || name[n] != '-')
		return K_NONE;
	p = name + n + 1;
	/* YYYY-MM-DD */
	if (!digits(p, 4) || p[4] != '-' || !digits(p + 5, 2) || p[7] != '-'
	    || !digits(p + 8, 2))
		return K_NONE;
	p += 10;
	if (strcmp(p, ".db") == 0)
		return K_DAILY;
	if (p[0] != '-' || !digits(p + 1, 6))
		return K_NONE;
	p += 7;
	if (strcmp(p, ".db") == 0)
		return K_HAND;
	if (strcmp(p, "-before-import.db") == 0)
		return K_IMPORT;
	if (strcmp(p, "-before-upgrade.db") == 0)
		return K_UPGRADE;
	return K_NONE;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in folder of the given kind for stem, sorted (= by time). */
static int list_kind(const char *folder, const char *stem, enum kind k,
                     mp_strlist *out)
{
	DIR *d = opendir(folder);
	struct dirent *ent;

	if (!d)
		return -1;
	while ((ent = readdir(d)) != NULL)
		if (kind_of(ent->d_name, stem) == k)
			mp_strlist_add(out, ent->d_name);
	closedir(d);
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_str);
	return 0;
}

/* Delete all but the newest keep copies of kind k. */
static void prune(const char *folder, const char *stem, enum kind k, int keep)
{
	mp_strlist l = { NULL, 0 };

	if (list_kind(folder, stem, k, &l) == 0)
		for (int i = 0; i < l.n - keep; i++) {
			char *f = mp_asprintf("%s/%s", folder, l.v[i]);
			unlink(f);
			free(f);
		}
	mp_strlist_free(&l);
}

static void sync_folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? mp_asprintf("%.*s", (int)(slash - path + (slash == path)), path)
	                  : mp_strdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Say why a copy could not be written, in the user's words. */
static int copy_failed(int rc, int err, const char *to, mp_err *e)
{
	if ((rc & 0xff) == SQLITE_FULL || err == ENOSPC || err == EFBIG)
		return mp_err_set(e, MP_EFULL, _("the backup “%s” could not be made: the disk is full; the ledger itself is unchanged"), to);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return mp_err_set(e, MP_EBUSY, _("the backup “%s” could not be made: the ledger was busy; try again in a moment"), to);
	if (err == EACCES || err == EROFS || err == EPERM)
		return mp_err_set(e, MP_EREADONLY, _("the backup “%s” could not be made: the folder cannot be written (%s)"), to, strerror(err));
	return mp_err_set(e, MP_EIO, _("the backup “%s” could not be made (%s)"), to,
	                  err ? strerror(err) : sqlite3_errstr(rc));
}

/* Copy src into the new file tmp with the backup API. */
static int copy_into(sqlite3 *src, const char *tmp, int *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, tries = 0;

	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", src, "main");
		if (!b) {
			rc = sqlite3_errcode(dst);
		} else {
			do {
				rc = sqlite3_backup_step(b, -1);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(50);
			} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries < 200);
			if (sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
				rc = sqlite3_errcode(dst);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		/* One self-contained file: no -wal beside it. */
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			*err = sqlite3_system_errno(dst);
	}
	if (sqlite3_close(dst) != SQLITE_OK && rc == SQLITE_OK)
		rc = SQLITE_IOERR;
	return rc;
}

/* The temporary copies: NAME.PID-N.tmp, made O_EXCL and held with an
 * open-file-description lock on their first byte while they are being
 * written (SQLite's own locks are on bytes a gigabyte in), so that
 * mp_backup_clean can tell one whose maker is gone (killed in the middle)
 * from one being written now, in this process or another. */
static int tmp_seq;

static int tmp_create(const char *to, char **tmp)
{
	struct flock fl;
	int fd, n;

	for (;;) {
		n = __atomic_add_fetch(&tmp_seq, 1, __ATOMIC_RELAXED);
		*tmp = mp_asprintf("%s.%ld-%d.tmp", to, (long)getpid(), n);
		fd = open(*tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
		free(*tmp);   /* left by a process of our number, long gone */
	}
	if (fd < 0)
		return -1;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_len = 1;
	fcntl(fd, F_OFD_SETLK, &fl);
	return fd;
}

/* Where a copy asked for as `to` goes: a symbolic link's target (the
 * link stays a link), and only an ordinary file (a copy is a database
 * file, written by seeking: a FIFO or a device cannot hold one, and must
 * not be replaced by one).  *mode: the mode of a file that is there, or 0.
 * Gives the path to write (to itself or a new string), or NULL. */
static char *backup_target(const char *to, mode_t *mode, mp_err *e)
{
	struct stat sb;
	char *real;

	*mode = 0;
	if (lstat(to, &sb) != 0)
		return mp_strdup(to);           /* a new file */
	if (S_ISLNK(sb.st_mode)) {
		real = realpath(to, NULL);
		if (!real) {
			int err = errno;
			mp_err_set(e, MP_EIO, _("the backup “%s” could not be made: it is a link whose target cannot be reached (%s)"),
			           to, strerror(err));
			return NULL;
		}
		if (stat(real, &sb) != 0)
			return real;
	} else {
		real = mp_strdup(to);
	}
	if (!S_ISREG(sb.st_mode)) {
		mp_err_set(e, MP_EIO, _("the backup “%s” could not be made: it is not an ordinary file (a folder, a device or a pipe); name a file, for example on a USB stick"),
		           to);
		free(real);
		return NULL;
	}
	*mode = sb.st_mode & 07777;
	return real;
}

int mp_backup_to(mp_db *db, const char *asked, mp_err *e)
{
	char *tmp = NULL, *to;
	int fd, rc, err = 0;
	mode_t mode;

	to = backup_target(asked, &mode, e);
	if (!to)
		return MP_EIO;
	fd = tmp_create(to, &tmp);
	if (fd < 0) {
		rc = copy_failed(SQLITE_CANTOPEN, errno, to, e);
		free(tmp);
		free(to);
		return rc;
	}
	/* A file that was there keeps its mode; a new one is 0600. */
	if (mode)
		(void)fchmod(fd, mode);
	rc = copy_into(db->h, tmp, &err);
	if (rc == SQLITE_OK && fsync(fd) != 0) {
		rc = SQLITE_IOERR;
		err = errno;
	}
	if (rc == SQLITE_OK && rename(tmp, to) != 0) {
		rc = SQLITE_IOERR;
		err = errno;
	}
	if (rc != SQLITE_OK) {
		unlink(tmp);
		close(fd);
		free(tmp);
		rc = copy_failed(rc, err, to, e);
		free(to);
		return rc;
	}
	close(fd);
	free(tmp);
	sync_folder_of(to);
	free(to);
	return MP_OK;
}

/* Is name a temporary copy or one of its SQLite files?  Gives the length
 * of the copy's own name (up to and with ".tmp"). */
static size_t tmp_base_len(const char *name)
{
	static const char *const side[] = { "", "-journal", "-wal", "-shm" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
		size_t k = strlen(side[i]);

		if (n > k + 4 && strcmp(name + n - k, side[i]) == 0
		    && strncmp(name + n - k - 4, ".tmp", 4) == 0)
			return n - k;
	}
	return 0;
}

/* The process that made the copy base (NAME.PID-N.tmp), or 0. */
static long tmp_maker(const char *base, size_t len)
{
	const char *end = base + len - 4, *p = end, *dash;

	while (p > base && p[-1] != '.')
		p--;
	dash = memchr(p, '-', (size_t)(end - p));
	if (p == base || !dash || dash == p || !digits(p, (int)(dash - p))
	    || !digits(dash + 1, (int)(end - dash - 1)) || end == dash + 1)
		return 0;
	return strtol(p, NULL, 10);
}

/* Is the copy folder/base being written now? */
static int tmp_alive(const char *folder, const char *base, size_t len)
{
	char *path = mp_asprintf("%s/%.*s", folder, (int)len, base);
	struct flock fl;
	struct stat sb;
	long pid = tmp_maker(base, len);
	int fd = open(path, O_RDONLY | O_CLOEXEC), alive = 0;

	if (fd >= 0) {
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_len = 1;
		if (fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
			alive = 1;
		/* Made a moment ago by a process still running: it may not
		 * have taken its lock yet. */
		if (!alive && pid > 0 && kill((pid_t)pid, 0) == 0
		    && fstat(fd, &sb) == 0 && time(NULL) - sb.st_mtime < 60)
			alive = 1;
		/* A copy made by other code, without our name or lock: only
		 * once it has not been written to for a while. */
		if (!alive && pid <= 0 && fstat(fd, &sb) == 0
		    && time(NULL) - sb.st_mtime < 60)
			alive = 1;
		close(fd);
	} else if (errno != ENOENT) {
		alive = 1;   /* cannot tell: leave it */
	}
	free(path);
	return alive;
}

int mp_backup_clean(const mp_config *cfg, const char *dbpath,
                    mp_strlist *removed)
{
	char *folder = mp_backup_folder(cfg, dbpath);
	DIR *d = opendir(folder);
	struct dirent *ent;
	mp_strlist names = { NULL, 0 };
	int n = 0;

	while (d && (ent = readdir(d)) != NULL)
		if (tmp_base_len(ent->d_name))
			mp_strlist_add(&names, ent->d_name);
	if (d)
		closedir(d);
	if (names.n > 1)
		qsort(names.v, (size_t)names.n, sizeof *names.v, cmp_str);
	for (int i = 0; i < names.n; i++) {
		const char *name = names.v[i];
		size_t len = tmp_base_len(name);
		char *f;

		if (tmp_alive(folder, name, len))
			continue;
		f = mp_asprintf("%s/%s", folder, name);
		if (unlink(f) == 0) {
			n++;
			if (removed)
				mp_strlist_add(removed, f);
		}
		free(f);
	}
	mp_strlist_free(&names);
	free(folder);
	/* The copy a killed restore was putting in place, beside the ledger:
	 * while we hold our slot of the mark no restore runs. */
	if (mp_inuse_held_path() && strncmp(mp_inuse_held_path(), dbpath, strlen(dbpath)) == 0
	    && strcmp(mp_inuse_held_path() + strlen(dbpath), "-inuse") == 0) {
		static const char *const side[] = { "", "-journal", "-wal", "-shm" };

		for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
			char *f = mp_asprintf("%s.restore-tmp%s", dbpath, side[i]);

			if (unlink(f) == 0) {
				n++;
				if (removed)
					mp_strlist_add(removed, f);
			}
			free(f);
		}
	}
	return n;
}

static int make_named(mp_db *db, const char *folder, const char *name,
                      char **made, mp_err *e)
{
	char *to = mp_asprintf("%s/%s", folder, name);
	int rc = mp_mkdirs(folder, 0700, e);

	if (rc == MP_OK)
		rc = mp_backup_to(db, to, e);
	if (rc == MP_OK && made)
		*made = to;
	else
		free(to);
	return rc;
}

int mp_backup_make(mp_db *db, const mp_config *cfg, const char *why,
                   char **made, mp_err *e)
{
	char *folder = mp_backup_folder(cfg, db->path);
	char *stem = ledger_stem(db->path);
	char day[11], clock[20], *name;
	enum kind k = K_HAND;
	int rc;

	if (made)
		*made = NULL;
	if (why && strcmp(why, "before-import") == 0)
		k = K_IMPORT;
	else if (why && strcmp(why, "before-upgrade") == 0)
		k = K_UPGRADE;
	mp_today(day);
	mp_now(clock);
	/* HHMMSS from "YYYY-MM-DD HH:MM:SS" */
	name = mp_asprintf("%s-%s-%.2s%.2s%.2s%s.db", stem, day, clock + 11,
	                   clock + 14, clock + 17, why_suffix[k]);
	rc = make_named(db, folder, name, made, e);
	if (rc == MP_OK && k == K_IMPORT)
		prune(folder, stem, k, days_to_keep(cfg));
	free(name);
	free(stem);
	free(folder);
	return rc;
}

int mp_backup_daily_due(mp_db *db, const mp_config *cfg)
{
	char *folder = mp_backup_folder(cfg, db->path);
	char *stem = ledger_stem(db->path);
	char day[11], *path;
	struct stat sb;
	int due;

	mp_today(day);
	path = mp_asprintf("%s/%s-%s.db", folder, stem, day);
	due = stat(path, &sb) != 0;
	free(path);
	free(stem);
	free(folder);
	return due;
}

int mp_backup_daily(mp_db *db, const mp_config *cfg, char **made, mp_err *e)
{
	char *folder = mp_backup_folder(cfg, db->path);
	char *stem = ledger_stem(db->path);
	char day[11], *name, *path;
	struct stat sb;
	int rc = MP_OK;

	if (made)
		*made = NULL;
	mp_today(day);
	name = mp_asprintf("%s-%s.db", stem, day);
	path = mp_asprintf("%s/%s", folder, name);
	if (stat(path, &sb) != 0)
		rc = make_named(db, folder, name, made, e);
	if (rc == MP_OK)
		prune(folder, stem, K_DAILY, days_to_keep(cfg));
	free(path);
	free(name);
	free(stem);
	free(folder);
	return rc;
}

/* The time of the last write to the ledger: its file's, once its log
 * (-wal) has been written back into it and emptied; 0 when that cannot be
 * known (the log is still in use by another program, or holds what a
 * killed import left, which a checkpoint drops). */
static struct timespec last_write(mp_db *db)
{
	struct stat sb;
	char *wal = mp_asprintf("%s-wal", db->path);
	struct timespec t = { 0, 0 };

	if (sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	                              NULL, NULL) == SQLITE_OK
	    && (stat(wal, &sb) != 0 || sb.st_size == 0)
	    && stat(db->path, &sb) == 0)
		t = sb.st_mtim;
	free(wal);
	return t;
}

/* Does the copy at path carry, in its name, today's date and (when it has
 * one) the second it was begun (born)?  A file put into the folder by
 * hand (an older copy brought back from a USB stick) is then not taken
 * for the ledger as it is now, whenever it was put there. */
static int named_for(const char *path, const char *dbpath, time_t born)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char *stem = ledger_stem(dbpath), day[11];
	size_t n = strlen(stem);
	struct tm tm;
	int ok, hms, at;

	mp_today(day);
	ok = strncmp(name, stem, n) == 0 && name[n] == '-'
	     && strncmp(name + n + 1, day, 10) == 0;
	name += n + 11;
	free(stem);
	if (ok && name[0] == '-' && digits(name + 1, 6)) {
		hms = ((name[1] - '0') * 10 + name[2] - '0') * 3600
		      + ((name[3] - '0') * 10 + name[4] - '0') * 60
		      + (name[5] - '0') * 10 + name[6] - '0';
		localtime_r(&born, &tm);
		at = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
		ok = at >= hms && at <= hms + 5;
	}
	return ok;
}

/* Was the copy at path made only after the ledger passed its check? */
static int checked_copy(const char *path, const char *dbpath)
{
	const char *slash = strrchr(path, '/');
	char *stem = ledger_stem(dbpath);
	enum kind k = kind_of(slash ? slash + 1 : path, stem);

	free(stem);
	return k == K_DAILY || k == K_IMPORT;
}

/* The newest copy of the ledger (any kind) when nothing was written to
 * the ledger since it was made: it is the ledger as it is now, so going
 * back to it takes back what comes next as well as a new copy would.
 * NULL when there is none. */
static char *copy_of_now(mp_db *db, const mp_config *cfg)
{
	struct timespec changed = last_write(db);
	char *latest = NULL;
	time_t when;
	struct statx sx;

	if (changed.tv_sec == 0 || !mp_backup_latest(cfg, db->path, 0, &latest, &when))
		return NULL;
	/* The copy is the ledger as it was when the copy began (its file's
	 * birth: a write while it was being made may be missing from it), so
	 * the last write must come before that.  Both times come from the
	 * same clock of the kernel: a write in the same tick shows the same
	 * time, and is taken for a write after. */
	if (statx(AT_FDCWD, latest, 0, STATX_BTIME, &sx) != 0
	    || !(sx.stx_mask & STATX_BTIME)
	    || sx.stx_btime.tv_sec < changed.tv_sec
	    || (sx.stx_btime.tv_sec == changed.tv_sec
	        && sx.stx_btime.tv_nsec <= (uint32_t)changed.tv_nsec)) {
		free(latest);
		return NULL;
	}
	if (!named_for(latest, db->path, sx.stx_btime.tv_sec)) {
		free(latest);
		return NULL;
	}
	return latest;
}

int mp_backup_before_import(mp_db *db, const mp_config *cfg, char **made,
                            mp_err *e)
{
	char who[768];
	char *same;
	int rc, waited;

	if (made)
		*made = NULL;
	/* One import or backup at a time: wait for another one's end. */
	if (mp_inuse_job_begin(N_("importing"), MP_INUSE_WAIT_MS, &waited, who,
	                       sizeof who) != MP_OK)
		return mp_err_set(e, MP_EBUSY, _("another miaopu is working on the ledger: %s; nothing was imported, try again when it has finished"),
		                  who);
	/* Half-made copies whose maker is gone (their locks tell). */
	mp_backup_clean(cfg, db->path, NULL);
	/* Nothing written since the last copy (the day's, or the one before
	 * the last import): that copy takes this import back; a new one
	 * would cost the whole file again (450 MB for a district's ledger,
	 * issue 15). */
	same = copy_of_now(db, cfg);
	/* A damaged ledger takes no import (issue 7).  The day's copy and
	 * the copies before imports are made only after the ledger passed
	 * the quick check (ledger.c, backup_job.c, below), and the ledger
	 * has not been written since: the check is not run again on the
	 * same file (a fifth of an import into a district's ledger).  A
	 * copy made by hand was not checked. */
	if (!same || !checked_copy(same, db->path)) {
		rc = mp_db_quick_check(db, e);
		if (rc != MP_OK) {
			free(same);
			mp_backup_hint(cfg, db->path, e);
			mp_inuse_job_end();
			return rc;
		}
	}
	if (same) {
		if (made)
			*made = same;
		else
			free(same);
		return MP_OK;
	}
	rc = mp_backup_make(db, cfg, "before-import", made, e);
	if (rc != MP_OK)
		mp_inuse_job_end();
	return rc;
}

/* Does path hold a sound miaopu ledger (quick_check, application_id)? */
static int looks_good(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		ok = r && strcmp(r, "ok") == 0;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok) {
		ok = sqlite3_prepare_v2(h, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK
		     && sqlite3_step(st) == SQLITE_ROW
		     && sqlite3_column_int(st, 0) == MP_APPLICATION_ID;
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return ok;
}

struct found {
	char *path;
	time_t mtime;
};

/* Newest first; the same second: the later name first. */
static int newest_first(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime > y->mtime ? -1 : 1;
	return strcmp(y->path, x->path);
}

int mp_backup_latest(const mp_config *cfg, const char *dbpath, int good,
                     char **path, time_t *when)
{
	char *folder = mp_backup_folder(cfg, dbpath);
	char *stem = ledger_stem(dbpath);
	DIR *d = opendir(folder);
	struct dirent *ent;
	struct found *all = NULL;
	int n = 0, found = 0;

	*path = NULL;
	*when = 0;
	while (d && (ent = readdir(d)) != NULL) {
		struct found *more;
		struct stat sb;
		char *f;

		if (kind_of(ent->d_name, stem) == K_NONE)
			continue;
		f = mp_asprintf("%s/%s", folder, ent->d_name);
		more = realloc(all, (size_t)(n + 1) * sizeof *all);
		if (stat(f, &sb) != 0 || !S_ISREG(sb.st_mode) || !more) {
			free(f);
			if (more)
				all = more;
			continue;
		}
		all = more;
		all[n].path = f;
		all[n].mtime = sb.st_mtime;
		n++;
	}
	if (d)
		closedir(d);
	if (n > 1)
		qsort(all, (size_t)n, sizeof *all, newest_first);
	for (int i = 0; i < n && !found; i++)
		if (!good || looks_good(all[i].path)) {
			*path = mp_strdup(all[i].path);
			*when = all[i].mtime;
			found = 1;
		}
	for (int i = 0; i < n; i++)
		free(all[i].path);
	free(all);
	free(stem);
	free(folder);
	return found;
}

/* path quoted for a shell ('...', a ' inside written '\''), so that the
 * command the hint gives can be pasted as it is; a new string. */
static char *shell_quoted(const char *path)
{
	size_t n = 3;
	char *q, *o;

	for (const char *p = path; *p; p++)
		n += *p == '\'' ? 4 : 1;
	q = o = malloc(n);
	if (!q)
		mp_oom();
	*o++ = '\'';
	for (const char *p = path; *p; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return q;
}

void mp_backup_hint(const mp_config *cfg, const char *dbpath, mp_err *e)
{
	char *latest = NULL, *folder, stamp[32], *msg;
	time_t when;
	struct tm tm;

	if (!e)
		return;
	if (mp_backup_latest(cfg, dbpath, 1, &latest, &when)) {
		localtime_r(&when, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", &tm);
		char *qdb = shell_quoted(dbpath), *qlatest = shell_quoted(latest);
		msg = mp_asprintf(_("%s. The latest good backup is “%s” (made %s); to go back to it: miaopu --db %s restore %s"),
		                  e->msg, latest, stamp, qdb, qlatest);
		free(qdb);
		free(qlatest);
	} else {
		folder = mp_backup_folder(cfg, dbpath);
		msg = mp_asprintf(_("%s. No good backup was found in “%s”."), e->msg, folder);
		free(folder);
	}
	snprintf(e->msg, sizeof e->msg, "%s", msg);
	free(msg);
	free(latest);
}
