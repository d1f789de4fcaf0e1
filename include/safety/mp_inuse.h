/* mp_inuse.h — who has a ledger open in miaopu.
 *
 * Every miaopu that has the ledger LEDGER open (the screen, and every
 * command) holds a slot of the small file LEDGER-inuse beside it (0600):
 * an open-file-description lock (F_OFD_SETLK) on the slot, and in it the
 * operator's name, the computer's name, the process id, the time it
 * started and the long job it is doing (an import, a backup), if any.
 * The locks, not the words, say who is there: the OS drops a process's
 * locks when it ends however it ends (SIGKILL too), so the ledger counts
 * as in use exactly while one miaopu has it open, in whatever order
 * miaopus come and go.  Words in a slot nobody holds were left by a
 * miaopu that did not close.  A restore holds the whole file, so it runs
 * only while nobody has the ledger open, and nobody opens it meanwhile.
 * Long jobs (imports, backups) take turns on a lock of their own. */
#ifndef MP_INUSE_H
#define MP_INUSE_H

#include <stddef.h>

#include "mp_err.h"

/* How long taking a slot waits for a restore under way, and a long job
 * for another one, in milliseconds (as SQLite's busy timeout). */
#define MP_INUSE_WAIT_MS 5000

/* Take our slot of the ledger at dbpath (before the ledger is opened, so
 * that no restore can swap the file under us).  Returns MP_OK when it is
 * held; then who (if not NULL) describes the other miaopus that have the
 * ledger open ("张三 on pc-1, process 123, since 2026-11-22 09:30"; "" when
 * none).  MP_EBUSY when a restore held the ledger for MP_INUSE_WAIT_MS
 * (who names it).  Another status when the file cannot be made (a
 * read-only folder, a file system without such locks): nothing is held
 * then, which is no reason not to go on.  One ledger per process; a
 * forked child that gives it back leaves the parent's slot alone. */
int mp_inuse_take(const char *dbpath, const char *operator_name,
                  char *who, size_t size);

/* For a restore: the whole ledger, at once, or MP_EBUSY with who naming
 * every miaopu that has it open.  Held, with job ("restoring", untranslated
 * N_() words) in our slot, until mp_inuse_release.  Another status when
 * the mark cannot be made or locked (a read-only folder, a file system
 * without such locks): nothing is held then. */
int mp_inuse_exclusive(const char *dbpath, const char *operator_name,
                       const char *job, char *who, size_t size);

/* A long job on the ledger whose slot we hold (job: N_("importing"),
 * N_("backing up")): waits up to wait_ms for another one to end (then
 * *waited is set), and says in our slot what we are doing and since when.
 * MP_EBUSY when the other one went on longer: who names it ("张三 on pc-1
 * (process 123), importing since 2026-11-22 09:30:02").  MP_OK also when
 * no slot is held (a read-only folder) or the job is ours already.  Held
 * until mp_inuse_job_end or mp_inuse_release. */
int mp_inuse_job_begin(const char *job, int wait_ms, int *waited,
                       char *who, size_t size);
void mp_inuse_job_end(void);

/* The LEDGER-inuse file we hold a slot of, or NULL. */
const char *mp_inuse_held_path(void);

/* After mp_inuse_take returned MP_OK: nonzero when the mark was left by a
 * miaopu that did not close (killed, crashed, the power cut). */
int mp_inuse_last_unclean(void);

/* Give the ledger back: clear our slot and drop our locks; the last one
 * out removes the file. */
void mp_inuse_release(void);

/* Is the ledger at dbpath held by another miaopu (not by this process's
 * slot)?  Returns 1 and fills who (all of them, joined by "; "), or 0. */
int mp_inuse_who(const char *dbpath, char *who, size_t size);

#endif
