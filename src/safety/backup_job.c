/* backup_job.c — the day's quick check and backup, in a thread of their
 * own, while the first screen is already up.
 *
 * On a district's ledger (some 450 MB) the quick check and the copy take
 * two seconds: made before the first screen, they held every day's first
 * start that long.  The thread opens the ledger read-only with a
 * connection of its own: in WAL mode it reads one snapshot while the
 * screen's connection goes on writing, and the backup API copies that
 * snapshot whole.  Until the check has passed, the screen's connection
 * writes nothing (mp_db_hold_writes), so that a damaged ledger is never
 * written to.  Cancelling interrupts the check (the day's backup is then
 * made on the next start); a copy under way is finished. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_backup.h"
#include "mp_i18n.h"
#include "mp_text.h"

struct mp_backup_job {
	pthread_t thread;
	pthread_mutex_t lock;
	sqlite3 *h;               /* the thread's connection, under lock */
	int done;                 /* under lock */
	int cancelled;            /* under lock */
	char *path;
	const mp_config *cfg;
	int *hold;                /* set to 0 once the check has passed */
	int rc;
	mp_err e;
	char *made;
};

static void *run(void *arg)
{
	mp_backup_job *j = arg;
	mp_db db;
	sqlite3 *h = NULL;
	int rc;

	memset(&db, 0, sizeof db);
	rc = sqlite3_open_v2(j->path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	pthread_mutex_lock(&j->lock);
	j->h = h;
	if (j->cancelled)
		sqlite3_interrupt(h);
	pthread_mutex_unlock(&j->lock);
	if (rc != SQLITE_OK) {
		j->rc = mp_err_set(&j->e, MP_EIO, _("cannot open the ledger for the day's backup: %s"),
		                   sqlite3_errmsg(h));
	} else {
		sqlite3_busy_timeout(h, 5000);
		db.h = h;
		db.path = j->path;
		db.readonly = 1;
		j->rc = mp_db_quick_check(&db, &j->e);
		/* Sound: the screen's connection may write again (the copy
		 * reads its own snapshot). */
		if (j->rc == MP_OK && j->hold)
			__atomic_store_n(j->hold, 0, __ATOMIC_RELEASE);
		if (j->rc == MP_OK)
			j->rc = mp_backup_daily(&db, j->cfg, &j->made, &j->e);
	}
	pthread_mutex_lock(&j->lock);
	j->h = NULL;
	j->done = 1;
	pthread_mutex_unlock(&j->lock);
	sqlite3_close(h);
	return NULL;
}

mp_backup_job *mp_backup_job_start(const char *dbpath, const mp_config *cfg,
                                   int *hold)
{
	mp_backup_job *j = calloc(1, sizeof *j);

	if (!j)
		return NULL;
	j->path = mp_strdup(dbpath);
	j->cfg = cfg;
	j->hold = hold;
	pthread_mutex_init(&j->lock, NULL);
	if (pthread_create(&j->thread, NULL, run, j) != 0) {
		pthread_mutex_destroy(&j->lock);
		free(j->path);
		free(j);
		return NULL;
	}
	return j;
}

int mp_backup_job_done(mp_backup_job *j)
{
	int done;

	pthread_mutex_lock(&j->lock);
	done = j->done;
	pthread_mutex_unlock(&j->lock);
	return done;
}

int mp_backup_job_finish(mp_backup_job *j, char **made, mp_err *e)
{
	int rc;

	pthread_join(j->thread, NULL);
	rc = j->rc;
	*e = j->e;
	if (made)
		*made = j->made;
	else
		free(j->made);
	pthread_mutex_destroy(&j->lock);
	free(j->path);
	free(j);
	return rc;
}

void mp_backup_job_cancel(mp_backup_job *j)
{
	mp_err e;

	pthread_mutex_lock(&j->lock);
	j->cancelled = 1;
	if (j->h)
		sqlite3_interrupt(j->h);
	pthread_mutex_unlock(&j->lock);
	mp_backup_job_finish(j, NULL, &e);
}
