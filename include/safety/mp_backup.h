/* mp_backup.h — copies of the ledger, going back to one, checking one.
 *
 * A backup is made with SQLite's online backup API (never by copying the
 * file under a writer), written to NAME.PID-N.tmp (locked while it is
 * written, see mp_backup_clean), synced and renamed, readable
 * by its owner only (0600), in the journal mode DELETE so that it is one
 * self-contained file.  Backups of the ledger STEM.db live in the backup
 * folder (the setting backup_folder, or 苗圃备份 beside the ledger) as
 *
 *   STEM-YYYY-MM-DD.db                         the day's automatic copy
 *   STEM-YYYY-MM-DD-HHMMSS-before-import.db    made before an import
 *   STEM-YYYY-MM-DD-HHMMSS-before-upgrade.db   made before a schema upgrade
 *   STEM-YYYY-MM-DD-HHMMSS.db                  made by hand (miaopu backup)
 *
 * The names carry the date, so no state is kept anywhere else.  The
 * newest backup_days daily copies are kept, older ones deleted; the same
 * number of copies made before imports; the others are never deleted. */
#ifndef MP_BACKUP_H
#define MP_BACKUP_H

#include <time.h>

#include "mp_config.h"
#include "mp_db.h"
#include "mp_err.h"

/* The name of the default backup folder, beside the ledger. */
#define MP_BACKUP_DIRNAME "苗圃备份"

/* Remember the backup settings (folder, how many days) for the backups
 * that the core makes on its own (before a schema upgrade, in mp_db_open).
 * NULL goes back to the defaults. */
void mp_backup_settings(const mp_config *cfg);

/* The folder the backups of the ledger at dbpath go to: cfg's
 * backup_folder, or MP_BACKUP_DIRNAME beside the ledger.  cfg may be NULL
 * (then the settings given to mp_backup_settings).  Newly allocated. */
char *mp_backup_folder(const mp_config *cfg, const char *dbpath);

/* Copy the ledger to the file to (replaced if there) with the online
 * backup API, while others may go on saving.  Nothing is left behind on
 * failure (the disk full, the folder not writable: a translated message
 * naming the file). */
int mp_backup_to(mp_db *db, const char *to, mp_err *e);

/* Make a backup in the folder, named with the time and why ("" by hand,
 * "before-import", "before-upgrade"), creating the folder (0700) when
 * needed; prune the older copies of that kind.  *made (when not NULL)
 * gets the new file's name, newly allocated. */
int mp_backup_make(mp_db *db, const mp_config *cfg, const char *why,
                   char **made, mp_err *e);

/* The day's automatic copy: made when the folder has none for today (then
 * *made is its name), older daily copies beyond backup_days deleted.
 * MP_OK with *made NULL when today's copy was already there. */
int mp_backup_daily(mp_db *db, const mp_config *cfg, char **made, mp_err *e);

/* Nonzero when today's copy has not been made yet. */
int mp_backup_daily_due(mp_db *db, const mp_config *cfg);

/* The same quick check and day's copy, in a thread of its own with a
 * read-only connection of its own to the ledger at dbpath (backup_job.c),
 * so that the first screen need not wait for them.  cfg must outlive the
 * job and not change meanwhile; hold (from mp_db_hold_writes, or NULL) is
 * set to 0 once the check has passed.  start: NULL when no thread could
 * be made (then do it in place).  done: nonzero once it has ended.
 * finish: waits for the end, gives its outcome as mp_backup_daily does (a
 * damaged ledger: MP_ECORRUPT) and frees the job.  cancel: stops the
 * check at once (a copy under way is finished: nothing half made is left)
 * and frees the job. */
typedef struct mp_backup_job mp_backup_job;

mp_backup_job *mp_backup_job_start(const char *dbpath, const mp_config *cfg,
                                   int *hold);
int mp_backup_job_done(mp_backup_job *j);
int mp_backup_job_finish(mp_backup_job *j, char **made, mp_err *e);
void mp_backup_job_cancel(mp_backup_job *j);

/* What an import calls before it writes (the CLI does; the import
 * screen should too): waits its turn after another import or backup
 * (mp_inuse_job_begin; still busy after MP_INUSE_WAIT_MS: MP_EBUSY naming
 * who is doing what since when), mp_db_quick_check (a damaged ledger:
 * MP_ECORRUPT, with the latest good backup named), mp_backup_clean, then
 * the copy to go back to: the newest copy when nothing was written to the
 * ledger since it was begun and its name carries today's date (the day's
 * copy, or the one before the last import: *made gets its name), else
 * mp_backup_make(db, cfg, "before-import", made, e).  A failure means: do
 * not import.  On success the turn is held until mp_inuse_job_end (the
 * import screen calls it when the import has ended) or the end of the
 * process. */
int mp_backup_before_import(mp_db *db, const mp_config *cfg, char **made,
                            mp_err *e);

/* Remove the temporary copies (NAME….tmp and their -journal, -wal, -shm)
 * in the backup folder of the ledger at dbpath whose maker is gone
 * (killed in the middle of a copy): a copy being written now holds a lock
 * on it; one made by other code without that lock only once it has not
 * been written to for a minute.  While this process holds its slot of the
 * ledger's mark (mp_inuse.h), so that no restore can be running, also the
 * LEDGER.restore-tmp a killed restore left.  Each file removed is added to
 * removed (when not NULL), with its folder.  Returns how many. */
int mp_backup_clean(const mp_config *cfg, const char *dbpath,
                    mp_strlist *removed);

/* The newest backup of the ledger at dbpath (by the time it was made);
 * when good is set, the newest one that passes SQLite's quick_check and
 * is a miaopu ledger.  Returns 1 and fills *path (newly allocated) and
 * *when, or 0 when there is none. */
int mp_backup_latest(const mp_config *cfg, const char *dbpath, int good,
                     char **path, time_t *when);

/* Append to e->msg where the latest good backup is and how to go back to
 * it (or that there is none), for a ledger that cannot be opened. */
void mp_backup_hint(const mp_config *cfg, const char *dbpath, mp_err *e);

/* Put the backup from in place of the ledger at dbpath.  from must pass
 * integrity_check, be a miaopu ledger and not be newer than this program;
 * the ledger must not be open in any miaopu (mp_inuse.h): MP_EBUSY naming
 * who has it, and nobody can open it until the restore has ended.  The current
 * ledger file (with its -wal) is kept aside as
 * STEM-before-restore-YYYY-MM-DD-HHMMSS.db beside it; *aside (when not
 * NULL) gets that name, or NULL when there was no ledger.  Nothing is
 * changed when a check fails. */
int mp_restore(const char *dbpath, const char *from, char **aside, mp_err *e);

/* Check the ledger file at path without writing to it: integrity_check
 * and foreign_key_check.  Each problem, in plain words, is appended to
 * problems.  Returns MP_OK when the file is sound (problems empty), MP_EDB
 * when problems were found, or another status when the file cannot be
 * read at all (message in e). */
int mp_check_file(const char *path, mp_strlist *problems, mp_err *e);

/* How far a check has got: pct from 0 to 100, each value once, in order
 * (some values may be skipped). */
typedef void (*mp_check_progress)(void *arg, int pct);

/* mp_check_file, with MP_CHECK_QUICK: SQLite's quick_check (the pages
 * and records, not every index against its table: seconds instead of
 * minutes on a district's ledger) in place of integrity_check; progress
 * (when not NULL) is told how far the check has got. */
#define MP_CHECK_QUICK 1
int mp_check_file_with(const char *path, int flags, mp_check_progress progress,
                       void *arg, mp_strlist *problems, mp_err *e);

#endif
