/* mp_inuse.h — who has a ledger open in miaopu.
 *
 * The full-screen program marks the ledger LEDGER as in use with a small
 * file LEDGER-inuse beside it (0600) holding the operator's name, the
 * computer's name, the process id and the time it started, and keeps an
 * open-file-description lock (F_OFD_SETLK) on it while it runs.  The lock,
 * not the file, says the ledger is in use: a miaopu that was killed leaves
 * the file but no lock, and the next one simply takes it over.  Another
 * miaopu (or miaopu restore) reads the file to say who holds the ledger. */
#ifndef MP_INUSE_H
#define MP_INUSE_H

#include <stddef.h>

#include "mp_err.h"

/* Mark the ledger at dbpath as ours.  Returns MP_OK when it is now ours;
 * MP_EBUSY when another miaopu holds it (then who, if not NULL, describes
 * that one: "张三 on pc-1, process 123, since 2026-11-22 09:30"); another
 * status when the file cannot be made (a read-only folder): nothing is
 * held then, which is no reason not to go on.  One ledger per process. */
int mp_inuse_take(const char *dbpath, const char *operator_name,
                  char *who, size_t size);

/* After mp_inuse_take returned MP_OK: nonzero when the mark was left by a
 * miaopu that did not close (killed, crashed, the power cut). */
int mp_inuse_last_unclean(void);

/* Give the ledger back: remove the file and the lock. */
void mp_inuse_release(void);

/* Is the ledger at dbpath held by another miaopu (not by this process's
 * mp_inuse_take)?  Returns 1 and fills who, or 0. */
int mp_inuse_who(const char *dbpath, char *who, size_t size);

#endif
