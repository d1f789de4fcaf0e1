/* ledger.c — opening and closing a ledger for either face: settings, the
 * file or the demo, the in-use mark, and the quick check and the day's
 * backup around the first screen (mp_ledger.h). */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "mp_backup.h"
#include "mp_demo.h"
#include "mp_i18n.h"
#include "mp_inuse.h"
#include "mp_bases.h"
#include "mp_ledger.h"
#include "mp_text.h"

#define DEMO_PREFIX "miaopu-demo-"
#define DEMO_DBNAME "miaopu.db"

/* ---- settings and ledger ---- */

void mp_ledger_config(const mp_ledger_where *w, mp_config *cfg)
{
	char *path = w->config_path ? mp_strdup(w->config_path)
	                            : mp_config_default_path();
	mp_err e;

	mp_err_clear(&e);
	mp_config_defaults(cfg);
	if (mp_config_load(cfg, path, w->config_path != NULL, &e) != MP_OK &&
	    e.msg[0] && mp_strlist_find(&cfg->warnings, e.msg) < 0)
		mp_strlist_add(&cfg->warnings, e.msg);
	mp_backup_settings(cfg);
	free(path);
}

static void remove_demo_files(const char *dbpath)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char *dir, *copy, *base;
	size_t i;

	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char *f = mp_asprintf("%s%s", dbpath, suffix[i]);
		unlink(f);
		free(f);
	}
	/* Remove the folder only if it is the one mkdtemp made. */
	copy = mp_strdup(dbpath);
	dir = dirname(copy);
	base = strrchr(dir, '/');
	base = base ? base + 1 : dir;
	if (strncmp(base, DEMO_PREFIX, strlen(DEMO_PREFIX)) == 0)
		rmdir(dir);
	free(copy);
}

static int open_demo(mp_config *cfg, mp_db **db, mp_err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *dir, *path;
	int rc;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	dir = mp_asprintf("%s/" DEMO_PREFIX "XXXXXX", tmp);
	if (!mkdtemp(dir)) {
		rc = mp_err_set(e, MP_EIO,
		                _("cannot make a folder for the demo ledger in “%s”: %s"),
		                tmp, strerror(errno));
		free(dir);
		return rc;
	}
	path = mp_asprintf("%s/" DEMO_DBNAME, dir);
	free(dir);
	rc = mp_db_open(db, path, 0, e);
	if (rc == MP_OK) {
		/* The demo's own choice lists, over what the settings say. */
		mp_demo_config(cfg);
		rc = mp_demo_fill(*db, cfg, e);
		if (rc != MP_OK) {
			mp_db_close(*db);
			*db = NULL;
		}
	}
	if (rc != MP_OK)
		remove_demo_files(path);
	free(path);
	return rc;
}

/* Our slot of the in-use mark (mp_inuse.h), as mp_ledger_open_db left
 * it: MP_OK, or why there is none; who else had the ledger open. */
static int taken = MP_EIO;
static char taken_who[768];

int mp_ledger_open_db(const mp_ledger_where *w, mp_config *cfg,
                      mp_db **db, mp_err *e)
{
	char *path;
	int rc;

	*db = NULL;
	taken = MP_EIO;
	taken_who[0] = '\0';
	/* Schema step 14 names the station's base from the settings. */
	mp_bases_step_settings(cfg);
	if (w->demo)
		return open_demo(cfg, db, e);
	path = w->db_path ? mp_strdup(w->db_path) : mp_db_default_path();
	/* The mark first: from then on no restore swaps the file under us. */
	taken = mp_inuse_take(path, cfg->operator_name, taken_who, sizeof taken_who);
	if (taken == MP_EBUSY) {
		rc = mp_err_set(e, MP_EBUSY, _("the ledger “%s” is being restored by another miaopu (%s); nothing was done, try again in a moment"),
		                path, taken_who);
		free(path);
		return rc;
	}
	rc = mp_db_open(db, path, !w->db_path, e);
	if (rc != MP_OK) {  /* a damaged ledger: where the latest good backup is */
		mp_inuse_release();
		mp_ledger_failed(cfg, path, e);
	} else if (taken != MP_OK) {
		/* The folder may have been made just now. */
		taken = mp_inuse_take(path, cfg->operator_name, taken_who, sizeof taken_who);
	}
	free(path);
	return rc;
}

/* Was the file at dbpath a miaopu ledger?  Its SQLite header still says
 * so (a file cut short), or it is where the ledger lives, or the backup
 * folder holds copies of it (its start overwritten). */
static int was_ledger(const mp_config *cfg, const char *dbpath)
{
	unsigned char head[100];
	char *def, *latest = NULL;
	time_t when;
	FILE *f = fopen(dbpath, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;
	int yes;

	if (f)
		fclose(f);
	if (n >= 72 && memcmp(head, "SQLite format 3", 16) == 0)
		/* Another program's database is not damaged: only ours. */
		return ((uint32_t)head[68] << 24 | (uint32_t)head[69] << 16
		        | (uint32_t)head[70] << 8 | head[71]) == MP_APPLICATION_ID;
	def = mp_db_default_path();
	yes = def && strcmp(def, dbpath) == 0;
	free(def);
	if (!yes && mp_backup_latest(cfg, dbpath, 0, &latest, &when)) {
		yes = 1;
		free(latest);
	}
	return yes;
}

void mp_ledger_damaged_words(const mp_config *cfg, const char *dbpath, mp_err *e)
{
	/* SQLite's "not a database" of a ledger that was one: damaged, in
	 * the same words as the check and the screen. */
	if (e->code == MP_ENOTDB && was_ledger(cfg, dbpath))
		mp_err_set(e, MP_ECORRUPT,
		           _("the ledger “%s” is damaged (it can no longer be read as a database); miaopu did not write to it"),
		           dbpath);
}

void mp_ledger_failed(const mp_config *cfg, const char *dbpath, mp_err *e)
{
	mp_ledger_damaged_words(cfg, dbpath, e);
	if (e->code == MP_ECORRUPT || e->code == MP_ENOTDB)
		mp_backup_hint(cfg, dbpath, e);
}

/* ---- the in-use mark, the quick check and the day's backup ---- */

static char notice[768];

/* The day's quick check and backup, when they wait for the first screen
 * (mp_ledger_tick). */
static int daily_pending;
static mp_backup_job *daily_job;

/* The quick check reads the whole file (about 0.9 s for a district's 450
 * MB), too long for every start of a large ledger.  It runs when damage is
 * most likely or a copy is about to be made from the ledger: before the
 * first screen when the last miaopu on it did not close (killed, crashed,
 * the power cut) or when the in-use mark cannot be kept (so that is not
 * known); on the day's first start, before the day's backup, both after
 * the first screen, in a thread of their own (mp_ledger_tick).
 * `miaopu check` runs the full check any time. */
static int safety_start(const mp_ledger_where *w, const mp_config *cfg,
                        mp_db *db, mp_err *err)
{
	mp_strlist removed = { NULL, 0 };
	int checked = 0;

	notice[0] = '\0';
	daily_pending = 0;
	if (w->demo)
		return MP_OK;
	if (taken != MP_OK || mp_inuse_last_unclean()) {
		if (mp_db_quick_check(db, err) != MP_OK) {
			mp_backup_hint(cfg, mp_db_path(db), err);
			mp_inuse_release();
			return err->code;
		}
		checked = 1;
	}
	if (taken == MP_OK && taken_who[0])
		snprintf(notice, sizeof notice,
		         _("This ledger is also open in miaopu: %s. Saving may have to wait for it."), taken_who);
	/* Copies left half made by a miaopu that was killed. */
	if (mp_backup_clean(cfg, mp_db_path(db), &removed) > 0 && !notice[0])
		snprintf(notice, sizeof notice,
		         ngettext("Removed %d copy left half made in the backup folder by a miaopu that did not finish (%s).",
		                  "Removed %d files left half made in the backup folder by a miaopu that did not finish (%s).",
		                  removed.n),
		         removed.n, removed.v[0]);
	mp_strlist_free(&removed);
	/* Checked just now: the copy follows at once, as before.  Otherwise
	 * both wait for the first screen. */
	daily_pending = mp_backup_daily_due(db, cfg);
	if (daily_pending && checked) {
		char *made = NULL;
		mp_err e;

		daily_pending = 0;
		mp_err_clear(&e);
		if (mp_backup_daily(db, cfg, &made, &e) != MP_OK && !notice[0])
			snprintf(notice, sizeof notice, _("Today's backup could not be made: %s"), e.msg);
		free(made);
	}
	return MP_OK;
}

int mp_ledger_open(const mp_ledger_where *w, mp_config *cfg, mp_db **db,
                   mp_err *e)
{
	int rc;

	mp_err_clear(e);
	mp_ledger_config(w, cfg);
	rc = mp_ledger_open_db(w, cfg, db, e);
	if (rc != MP_OK)
		return rc;
	/* Who corrected or deleted a record, for the change log. */
	mp_db_set_operator(*db, cfg->operator_name);
	rc = safety_start(w, cfg, *db, e);
	if (rc != MP_OK) {
		mp_db_close(*db);
		*db = NULL;
	}
	return rc;
}

int mp_ledger_tick(mp_db *db, const mp_config *cfg, char *msg, size_t size)
{
	char *made = NULL;
	mp_err e;
	int rc;

	msg[0] = '\0';
	if (daily_pending && !daily_job) {
		int *hold = mp_db_hold_writes(db);

		daily_job = mp_backup_job_start(mp_db_path(db), cfg, hold);
		if (daily_job)
			return MP_SAFETY_BUSY;
		/* No thread: in place, as before. */
		*hold = 0;
		daily_pending = 0;
		mp_err_clear(&e);
		rc = mp_db_quick_check(db, &e);
		if (rc == MP_OK)
			rc = mp_backup_daily(db, cfg, &made, &e);
	} else if (daily_job && mp_backup_job_done(daily_job)) {
		daily_pending = 0;
		rc = mp_backup_job_finish(daily_job, &made, &e);
		daily_job = NULL;
	} else {
		return daily_job ? MP_SAFETY_BUSY : MP_SAFETY_IDLE;
	}
	if (rc == MP_ECORRUPT || rc == MP_ENOTDB) {
		/* Damaged: nothing more is written to it; the latest good
		 * backup is named. */
		mp_db_stop_writes(db);
		mp_backup_hint(cfg, mp_db_path(db), &e);
		snprintf(msg, size, "%s", e.msg);
		free(made);
		return MP_SAFETY_DAMAGED;
	}
	if (rc != MP_OK) {
		snprintf(msg, size, _("Today's backup could not be made: %s"), e.msg);
		free(made);
		return MP_SAFETY_FAILED;
	}
	if (made)
		snprintf(msg, size, _("Today's backup is made: %s"), made);
	free(made);
	return MP_SAFETY_IDLE;
}

const char *mp_ledger_notice(void)
{
	return notice[0] ? notice : NULL;
}

void mp_ledger_close(const mp_ledger_where *w, mp_db *db)
{
	char *path;

	/* (The ledger's writes may stay held: it is being closed.) */
	if (daily_job)
		mp_backup_job_cancel(daily_job);
	daily_job = NULL;
	daily_pending = 0;
	mp_inuse_release();
	if (!db)
		return;
	if (!w->demo) {
		mp_db_close(db);
		return;
	}
	path = mp_strdup(mp_db_path(db));
	mp_db_close(db);
	remove_demo_files(path);
	free(path);
}
