/* backup.c — copies of the ledger with SQLite's online backup API, the
 * day's automatic copy, pruning, and finding the latest good copy.
 *
 * The file names carry the date and time (mp_backup.h), so the folder
 * itself is the only record of what was made when. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -1;
	if (fsync(fd) != 0)
		rc = -1;
	close(fd);
	return rc;
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

int mp_backup_to(mp_db *db, const char *to, mp_err *e)
{
	char *tmp = mp_asprintf("%s.tmp", to);
	int fd, rc, err = 0;

	unlink(tmp);   /* left by a copy that was cut short */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = copy_failed(SQLITE_CANTOPEN, errno, to, e);
		free(tmp);
		return rc;
	}
	close(fd);
	rc = copy_into(db->h, tmp, &err);
	if (rc == SQLITE_OK && sync_file(tmp) != 0) {
		rc = SQLITE_IOERR;
		err = errno;
	}
	if (rc == SQLITE_OK && rename(tmp, to) != 0) {
		rc = SQLITE_IOERR;
		err = errno;
	}
	if (rc != SQLITE_OK) {
		unlink(tmp);
		free(tmp);
		return copy_failed(rc, err, to, e);
	}
	free(tmp);
	sync_folder_of(to);
	return MP_OK;
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

/* Delete the half-made copies (NAME.tmp) that an import killed while it
 * copied left in folder: their names carry the second they were begun,
 * so the copy under way of another import is told apart by its time of
 * last write (a copy being written is written to all the time). */
static void drop_stale_tmp(const char *folder, const char *stem)
{
	DIR *d = opendir(folder);
	struct dirent *ent;
	size_t n;

	while (d && (ent = readdir(d)) != NULL) {
		struct stat sb;
		char *f;

		n = strlen(ent->d_name);
		if (n < 4 || strcmp(ent->d_name + n - 4, ".tmp") != 0)
			continue;
		f = mp_asprintf("%s/%s", folder, ent->d_name);
		f[strlen(f) - 4] = '\0';
		if (kind_of(strrchr(f, '/') + 1, stem) != K_NONE) {
			f[strlen(f)] = '.';
			if (stat(f, &sb) == 0 && time(NULL) - sb.st_mtime > 60)
				unlink(f);
		}
		free(f);
	}
	if (d)
		closedir(d);
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
	char *folder = mp_backup_folder(cfg, db->path);
	char *stem = ledger_stem(db->path);
	char *same;
	int rc;

	if (made)
		*made = NULL;
	drop_stale_tmp(folder, stem);
	free(stem);
	free(folder);
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
	return mp_backup_make(db, cfg, "before-import", made, e);
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
