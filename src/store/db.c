/* db.c — the ledger file: opening, safety checks, migrations, helpers.
 *
 * Nothing is written to a file before we know it is an empty file or a
 * miaopu ledger of a version we understand: a stranger's database, a text
 * file or a ledger from a newer miaopu is left byte for byte as it was.
 * Storage knows no record type: the schema's steps, and what is to be
 * done before an upgrade (a backup copy), are handed to it by the layer
 * above (mp_db_open_with). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "db_internal.h"
#include "mp_i18n.h"
#include "mp_text.h"

/* ---- errors ---- */

/* After a failed write: is it that there is no room (the disk nearly
 * full, or the ledger or its -wal at the file-size limit)?  SQLite does
 * not always keep the errno (EFBIG, ENOSPC) of the write that failed. */
static int no_room(sqlite3 *h, const char *path)
{
	int err = h ? sqlite3_system_errno(h) : 0;
	struct rlimit rl;
	struct statvfs vfs;
	struct stat sb;
	char *wal;
	int full = 0;

	if (err == ENOSPC || err == EFBIG)
		return 1;
	if (!path || !*path)
		return 0;
	if (statvfs(path, &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize < 1024 * 1024)
		return 1;
	if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	wal = mp_asprintf("%s-wal", path);
	if ((stat(path, &sb) == 0 && (rlim_t)sb.st_size + 65536 >= rl.rlim_cur) ||
	    (stat(wal, &sb) == 0 && (rlim_t)sb.st_size + 65536 >= rl.rlim_cur))
		full = 1;
	free(wal);
	return full;
}

static int fail_h(sqlite3 *h, const char *path, mp_db_who_fn *who_fn, int rc,
                  mp_err *e)
{
	const char *msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
	int ext = h ? sqlite3_extended_errcode(h) : rc;

	if (!path || !*path)
		path = h ? sqlite3_db_filename(h, "main") : "";
	if (!path)
		path = "";
	/* A write that hit the file-size limit or a full disk. */
	if ((rc & 0xff) == SQLITE_IOERR && (ext & 0xff) == SQLITE_IOERR && no_room(h, path))
		rc = SQLITE_FULL;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: {
		char who[256];

		if (*path && who_fn && who_fn(path, who, sizeof who))
			return mp_err_set(e, MP_EBUSY, _("the ledger is busy: %s is saving in it; nothing was saved, try again in a moment"), who);
		return mp_err_set(e, MP_EBUSY, _("the ledger is in use by another program; try again in a moment"));
	}
	case SQLITE_READONLY:
		return mp_err_set(e, MP_EREADONLY, _("the ledger “%s” is read-only: nothing can be saved"), path);
	case SQLITE_FULL:
		return mp_err_set(e, MP_EFULL, _("the disk is full: nothing was saved; make room on the disk and save again"));
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return mp_err_set(e, MP_ENOTDB, _("the ledger “%s” is damaged or not a miaopu ledger (%s)"), path, msg);
	case SQLITE_CONSTRAINT:
		/* A UNIQUE index caught what the checks let through (another
		 * program saved at the same moment); other constraints mean a
		 * value the checks should have refused. */
		if (ext != SQLITE_CONSTRAINT_CHECK && ext != SQLITE_CONSTRAINT_NOTNULL
		    && ext != SQLITE_CONSTRAINT_FOREIGNKEY)
			return mp_err_set(e, MP_EDUP, _("a record like this one already exists (%s)"), msg);
		return mp_err_set(e, MP_EINVAL, _("a value was refused by the ledger (%s)"), msg);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return mp_err_set(e, MP_EIO, _("the ledger “%s” could not be read or written (%s)"), path, msg);
	case SQLITE_NOMEM:
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	default:
		return mp_err_set(e, MP_EDB, _("database error: %s"), msg);
	}
}

int mp_db_fail(mp_db *db, int rc, mp_err *e)
{
	return fail_h(db ? db->h : NULL, db ? db->path : NULL, db ? db->who : NULL, rc, e);
}

int mp_db_fail_h(sqlite3 *h, int rc, mp_err *e)
{
	return fail_h(h, NULL, NULL, rc, e);
}

/* ---- small helpers ---- */

static int exec_h(sqlite3 *h, const char *sql)
{
	return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

/* Run a pragma (or any query) returning one integer. */
static int query_int(sqlite3 *h, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);

	*out = 0;
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* The day's check has passed: the log may be copied into the file again. */
static void unhold(mp_db *db)
{
	db->held = 0;
	sqlite3_exec(db->h, "PRAGMA wal_autocheckpoint = 1000", NULL, NULL, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
}

int mp_db_begin(mp_db *db, mp_err *e)
{
	int rc;

	if (db->readonly)
		return mp_err_set(e, MP_EREADONLY, _("the ledger “%s” is read-only: nothing can be saved"), db->path);
	if (db->depth == 0 && db->held && !__atomic_load_n(&db->hold, __ATOMIC_ACQUIRE))
		unhold(db);
	rc = mp_db_run(db, db->depth > 0 ? "SAVEPOINT mp_nested" : "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		return mp_db_fail(db, rc, e);
	if (db->depth++ == 0)
		mp_db_bulk(db, 1);
	return MP_OK;
}

int mp_db_commit(mp_db *db, mp_err *e)
{
	int rc;

	if (db->depth > 1) {
		rc = mp_db_run(db, "RELEASE mp_nested");
		if (rc != SQLITE_OK)
			return mp_db_fail(db, rc, e);
		db->depth--;
		return MP_OK;
	}
	/* A failed COMMIT leaves the transaction open (depth stays 1) for the
	 * caller's rollback. */
	rc = exec_h(db->h, "COMMIT");
	if (rc != SQLITE_OK)
		return mp_db_fail(db, rc, e);
	db->depth = 0;
	mp_db_bulk(db, 0);
	return MP_OK;
}

void mp_db_rollback(mp_db *db)
{
	if (db->depth > 1) {
		mp_db_run(db, "ROLLBACK TO mp_nested");
		mp_db_run(db, "RELEASE mp_nested");
		db->depth--;
		return;
	}
	if (!sqlite3_get_autocommit(db->h))
		exec_h(db->h, "ROLLBACK");
	if (db->depth > 0)
		mp_db_bulk(db, 0);
	db->depth = 0;
}

int mp_db_prepare(mp_db *db, const char *sql, sqlite3_stmt **st, mp_err *e)
{
	int rc = sqlite3_prepare_v2(db->h, sql, -1, st, NULL);

	if (rc != SQLITE_OK) {
		sqlite3_finalize(*st);
		*st = NULL;
		return mp_db_fail(db, rc, e);
	}
	return MP_OK;
}

/* ---- migrations ---- */

/* who names whoever holds the ledger when it is busy (NULL: nobody). */
static int migrate(sqlite3 *h, const struct mp_migration *m, int n,
                   mp_db_who_fn *who, mp_err *e)
{
	int cur, rc, i;
	int last = n > 0 ? m[n - 1].version : 0;

	rc = query_int(h, "PRAGMA user_version", &cur);
	if (rc != SQLITE_OK)
		return fail_h(h, NULL, who, rc, e);
	if (cur > last)
		return mp_err_set(e, MP_ENEWER,
			_("“%s” was written by a newer version of miaopu (schema %d, this program knows %d); it was left untouched. Please upgrade miaopu."),
			sqlite3_db_filename(h, "main"), cur, last);
	for (i = 0; i < n; i++) {
		char pragma[128];
		int ret = MP_OK;

		if (m[i].version <= cur)
			continue;
		rc = exec_h(h, "BEGIN IMMEDIATE");
		if (rc != SQLITE_OK)
			return fail_h(h, NULL, who, rc, e);
		snprintf(pragma, sizeof pragma,
		         "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		         m[i].version, MP_APPLICATION_ID);
		if (m[i].sql)
			rc = exec_h(h, m[i].sql);
		if (rc == SQLITE_OK && m[i].run) {
			ret = m[i].run(h, e);
			if (ret != MP_OK)
				rc = SQLITE_ERROR;
		}
		if (rc == SQLITE_OK)
			rc = exec_h(h, pragma);
		if (rc == SQLITE_OK)
			rc = exec_h(h, "COMMIT");
		if (rc != SQLITE_OK) {
			if (ret == MP_OK)
				ret = fail_h(h, NULL, who, rc, e);
			if (!sqlite3_get_autocommit(h))
				exec_h(h, "ROLLBACK");
			return ret;
		}
		cur = m[i].version;
	}
	return MP_OK;
}

int mp_db_migrate(sqlite3 *h, const struct mp_migration *m, int n, mp_err *e)
{
	return migrate(h, m, n, NULL, e);
}

/* ---- opening ---- */

/* Create path as an empty owner-only file if it does not exist yet, so
 * that SQLite (which gives -wal and -shm the main file's mode) never makes
 * a world-readable ledger. */
static int create_file(const char *path, int create_dirs, mp_err *e)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) == 0)
		return MP_OK;
	if (errno != ENOENT)
		return mp_err_set(e, MP_EIO, _("cannot open the ledger “%s”: %s"), path, strerror(errno));
	if (create_dirs) {
		char *dir = mp_strdup(path);
		char *slash = strrchr(dir, '/');
		int ret = MP_OK;

		if (slash && slash != dir) {
			*slash = '\0';
			ret = mp_mkdirs(dir, 0700, e);
		}
		free(dir);
		if (ret != MP_OK)
			return ret;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return MP_OK;
		if (errno == EACCES || errno == EROFS)
			return mp_err_set(e, MP_EREADONLY, _("cannot create the ledger “%s”: %s"), path, strerror(errno));
		return mp_err_set(e, MP_EIO, _("cannot create the ledger “%s”: %s"), path, strerror(errno));
	}
	close(fd);
	return MP_OK;
}

/* Read what tells us whose file this is, without writing a byte. */
static int read_ident(sqlite3 *h, int *uv, int *app, int *ntables)
{
	int rc = query_int(h, "PRAGMA user_version", uv);

	if (rc == SQLITE_OK)
		rc = query_int(h, "PRAGMA application_id", app);
	if (rc == SQLITE_OK)
		rc = query_int(h, "SELECT count(*) FROM sqlite_master", ntables);
	return rc;
}

/* Open h on path; immutable: as a file nobody can change (a WAL ledger on
 * read-only media, where SQLite cannot make its -shm file). */
static int open_h(mp_db *db, int immutable)
{
	/* One thread uses a connection (the day's check opens its own), so
	 * SQLite need not lock it on each call: a lock and an unlock around
	 * each of a row's 17 column reads were 8 % of an export. */
	int flags = (db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
	            | SQLITE_OPEN_NOMUTEX;
	int rc;

	if (immutable) {
		FILE *f;
		char *uri = NULL;
		size_t len = 0;
		const unsigned char *p;

		f = open_memstream(&uri, &len);
		if (!f)
			return SQLITE_NOMEM;
		fputs("file:", f);
		for (p = (const unsigned char *)db->path; *p; p++) {
			if (*p == '/' || *p == '-' || *p == '_' || *p == '.' || *p == '~'
			    || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z')
			    || (*p >= 'A' && *p <= 'Z'))
				fputc(*p, f);
			else
				fprintf(f, "%%%02X", *p);
		}
		fputs("?immutable=1", f);
		if (fclose(f) != 0 || !uri)
			return SQLITE_NOMEM;
		rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		free(uri);
	} else {
		rc = sqlite3_open_v2(db->path, &db->h, flags, NULL);
	}
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db->h, 5000);
		/* Until we know the file is ours, closing must not checkpoint
		 * a write-ahead log left by someone else into it. */
		sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	}
	return rc;
}

/* Is this a miaopu ledger we may open, knowing versions up to last?
 * Nothing has been written yet. */
static int inspect(mp_db *db, int last, mp_err *e)
{
	int uv = 0, app = 0, ntables = 0, rc;

	rc = read_ident(db->h, &uv, &app, &ntables);
	if (db->readonly && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
		sqlite3_close_v2(db->h);
		db->h = NULL;
		rc = open_h(db, 1);
		if (rc == SQLITE_OK)
			rc = read_ident(db->h, &uv, &app, &ntables);
	}
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
		return mp_err_set(e, MP_ENOTDB, _("“%s” is not a miaopu ledger (not a SQLite database); it was left untouched"), db->path);
	if (rc != SQLITE_OK)
		return mp_db_fail(db, rc, e);
	if ((ntables > 0 || uv != 0) && app != MP_APPLICATION_ID)
		return mp_err_set(e, MP_ENOTDB, _("“%s” is a SQLite database but not a miaopu ledger; it was left untouched"), db->path);
	if (uv > last)
		return mp_err_set(e, MP_ENEWER,
			_("“%s” was written by a newer version of miaopu (schema %d, this program knows %d); it was left untouched. Please upgrade miaopu."),
			db->path, uv, last);
	if (uv < last && db->readonly)
		return mp_err_set(e, MP_EREADONLY,
			_("the ledger “%s” is read-only and must first be upgraded to this version of miaopu; make it writable and open it again"),
			db->path);
	return MP_OK;
}

static int set_pragmas(mp_db *db, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		/* journal_mode answers with the mode in force. */
		if (rc == SQLITE_ROW) {
			const char *mode = (const char *)sqlite3_column_text(st, 0);
			rc = mode && !strcmp(mode, "wal") ? SQLITE_OK : SQLITE_BUSY;
		}
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		/* temp_store: the statement journals of the savepoints each save
		 * nests in a batch stay in memory, not in a temporary file. */
		rc = exec_h(db->h, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
		            " PRAGMA temp_store = MEMORY;");
	if (rc != SQLITE_OK)
		return mp_db_fail(db, rc, e);
	return MP_OK;
}

int mp_db_quick_check(mp_db *db, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char *bad = NULL;
	int rc, n = 0;

	rc = query_int(db->h, "SELECT count(*) FROM sqlite_master", &n);
	if (rc == SQLITE_OK && n == 0)
		return MP_OK;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->h, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (!r || strcmp(r, "ok") != 0) {
			char *nl;
			/* The first problem, without SQLite's heading line. */
			if (r && strncmp(r, "*** ", 4) == 0 && strchr(r, '\n'))
				r = strchr(r, '\n') + 1;
			bad = mp_strdup(r ? r : "?");
			if ((nl = strchr(bad, '\n')) != NULL)
				*nl = '\0';
		}
		rc = SQLITE_OK;
	}
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
		bad = mp_strdup(sqlite3_errmsg(db->h));
	sqlite3_finalize(st);
	if (bad) {
		rc = mp_err_set(e, MP_ECORRUPT, _("the ledger “%s” is damaged (%s); miaopu did not write to it"),
		                db->path, bad);
		free(bad);
		return rc;
	}
	return rc == SQLITE_OK ? MP_OK : mp_db_fail(db, rc, e);
}

/* A ledger of an older schema is upgraded only once the layer above has
 * done what it must first (a copy in the backup folder); a damaged one
 * is not upgraded at all (nor copied over good backups). */
static int before_upgrade(mp_db *db, const struct mp_db_schema *s, int last,
                          mp_err *e)
{
	int uv = 0, rc;
	char *m;

	if (query_int(db->h, "PRAGMA user_version", &uv) != SQLITE_OK || uv == 0
	    || uv >= last)
		return MP_OK;
	rc = mp_db_quick_check(db, e);
	if (rc == MP_OK && s->before_upgrade)
		rc = s->before_upgrade(db, uv, e);
	if (rc == MP_OK)
		return MP_OK;
	m = mp_asprintf(_("%s; the ledger was not upgraded to this version of miaopu and is unchanged"), e->msg);
	mp_err_set(e, rc, "%s", m);
	free(m);
	return rc;
}

int mp_db_open_with(mp_db **out, const char *path, int create_dirs,
                    const struct mp_db_schema *s, mp_err *e)
{
	mp_db *db;
	int rc, ret;
	int last = s->nsteps > 0 ? s->steps[s->nsteps - 1].version : 0;

	*out = NULL;
	mp_err_clear(e);
	if (!path || !*path)
		return mp_err_set(e, MP_EUSAGE, _("no ledger file was named"));
	ret = create_file(path, create_dirs, e);
	if (ret != MP_OK)
		return ret;

	db = calloc(1, sizeof *db);
	if (!db)
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	db->path = mp_strdup(path);
	db->who = s->who;
	if (access(path, W_OK) != 0 && (errno == EACCES || errno == EROFS))
		db->readonly = 1;
	rc = open_h(db, 0);
	if (rc != SQLITE_OK) {
		ret = fail_h(db->h, path, db->who, rc, e);
		goto fail;
	}
	if (sqlite3_db_readonly(db->h, "main") == 1)
		db->readonly = 1;
	ret = inspect(db, last, e);
	if (ret != MP_OK)
		goto fail;
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	if (db->readonly) {
		if (exec_h(db->h, "PRAGMA foreign_keys = ON") != SQLITE_OK) {
			ret = mp_db_fail(db, sqlite3_errcode(db->h), e);
			goto fail;
		}
		*out = db;
		return MP_OK;
	}
	ret = set_pragmas(db, e);
	if (ret == MP_OK)
		ret = before_upgrade(db, s, last, e);
	if (ret == MP_OK)
		ret = migrate(db->h, s->steps, s->nsteps, db->who, e);
	if (ret != MP_OK)
		goto fail;
	*out = db;
	return MP_OK;
fail:
	mp_db_close(db);
	return ret;
}

void mp_db_close(mp_db *db)
{
	if (!db)
		return;
	if (db->held && !__atomic_load_n(&db->hold, __ATOMIC_ACQUIRE))
		unhold(db);   /* checked: the log may go into the file */
	mp_db_cache_free(db);
	sqlite3_close_v2(db->h);
	free(db->path);
	free(db->operator_name);
	free(db);
}

void mp_db_set_operator(mp_db *db, const char *name)
{
	free(db->operator_name);
	db->operator_name = name && *name ? mp_strdup(name) : NULL;
}

const char *mp_db_path(const mp_db *db)
{
	return db->path;
}

void mp_db_stop_writes(mp_db *db)
{
	db->readonly = 1;
}

/* Saves are not held back while the day's check runs (it takes seconds
 * on a district's ledger with a warm cache, minutes with a cold one): they
 * go on, but only into the write-ahead log.  No checkpoint copies the log
 * into the ledger file, neither as the log grows nor when the ledger is
 * closed, until the check has passed; so a damaged file is never written
 * to, and what was saved meanwhile stays in its log beside it (a restore
 * keeps the two aside together). */
int *mp_db_hold_writes(mp_db *db)
{
	sqlite3_exec(db->h, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	db->held = 1;
	__atomic_store_n(&db->hold, 1, __ATOMIC_RELEASE);
	return &db->hold;
}

int mp_db_readonly(const mp_db *db)
{
	return db->readonly;
}

/* ---- files, time, identity ---- */

char *mp_db_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home;

	/* The XDG spec says a relative value is to be ignored. */
	if (xdg && xdg[0] == '/')
		return mp_asprintf("%s/miaopu/miaopu.db", xdg);
	home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir ? pw->pw_dir : ".";
	}
	return mp_asprintf("%s/.local/share/miaopu/miaopu.db", home);
}

void mp_now(char out[20])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Random bytes for UUIDs, drawn from the kernel 4 KiB at a time:
 * libuuid's uuid_generate_random costs six system calls a UUID (a third
 * of an import's time).  A forked child starts with an empty pool, so that
 * parent and child never hand out the same bytes. */
static unsigned char uuid_pool[4096];
static size_t uuid_used = sizeof uuid_pool;
static int uuid_atfork;

static void uuid_pool_drop(void)
{
	uuid_used = sizeof uuid_pool;
}

static int uuid_pool_fill(void)
{
	size_t got = 0;

	if (!uuid_atfork) {
		pthread_atfork(NULL, NULL, uuid_pool_drop);
		uuid_atfork = 1;
	}
	while (got < sizeof uuid_pool) {
		ssize_t n = getrandom(uuid_pool + got, sizeof uuid_pool - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	uuid_used = 0;
	return 0;
}

void mp_uuid_new(char out[37])
{
	uuid_t u;

	if (uuid_used + sizeof u > sizeof uuid_pool && uuid_pool_fill() != 0) {
		uuid_generate_random(u);   /* no getrandom: libuuid's own way */
	} else {
		memcpy(u, uuid_pool + uuid_used, sizeof u);
		uuid_used += sizeof u;
		u[6] = (unsigned char)((u[6] & 0x0F) | 0x40);   /* version 4 */
		u[8] = (unsigned char)((u[8] & 0x3F) | 0x80);   /* RFC 4122 */
	}
	uuid_unparse_lower(u, out);
}

int mp_mkdirs(const char *dir, int mode, mp_err *e)
{
	char *p = mp_strdup(dir);
	char *s = p;
	struct stat sb;
	int ret = MP_OK;

	for (;;) {
		char c;

		while (*s == '/')
			s++;
		while (*s && *s != '/')
			s++;
		c = *s;
		*s = '\0';
		if (*p && mkdir(p, (mode_t)mode) != 0) {
			int err = errno;
			if (err != EEXIST || stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
				if (err == EEXIST)
					err = ENOTDIR;
				ret = mp_err_set(e, err == EACCES || err == EROFS ? MP_EREADONLY : MP_EIO,
				                 _("cannot create the folder “%s”: %s"), p, strerror(err));
				break;
			}
		}
		if (!c)
			break;
		*s = c;
	}
	free(p);
	return ret;
}

long long mp_db_generation(mp_db *db)
{
	sqlite3_stmt *st = NULL;
	long long v = 0;

	/* data_version moves when another connection commits; total_changes
	 * when this one writes. */
	if (sqlite3_prepare_v2(db->h, "PRAGMA data_version", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v * 1000000007LL + (long long)sqlite3_total_changes64(db->h);
}
