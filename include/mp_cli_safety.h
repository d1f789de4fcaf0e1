/* mp_cli_safety.h — backup, restore and check on the command line, and
 * the ledger's safety when the full-screen program starts and stops. */
#ifndef MP_CLI_SAFETY_H
#define MP_CLI_SAFETY_H

#include "mp_cli.h"
#include "mp_config.h"
#include "mp_db.h"
#include "mp_err.h"

/* The Commands lines of --help for backup, restore and check. */
void mp_cli_safety_usage(void);

/* Run o's command when it is backup, restore or check (*handled = 1, the
 * exit status returned); otherwise *handled = 0. */
int mp_cli_safety_run(const mp_opts *o, int *handled);

/* The ledger at dbpath could not be opened with e: for a damaged one,
 * add to e where the latest good backup is and how to go back to it. */
void mp_cli_safety_failed(const mp_config *cfg, const char *dbpath, mp_err *e);

/* After the full-screen program opened db (not for --demo): mark it in
 * use (mp_inuse.h); when the last miaopu on it did not close, or the mark
 * cannot be kept, its quick check (a damaged ledger: MP_ECORRUPT in e,
 * naming the latest good backup; the screen must not start) and, if due,
 * the day's backup.  Otherwise the day's quick check and backup wait for
 * the first screen: mp_cli_safety_tick.  What the user should know
 * (another miaopu has it open, the backup failed) is left for
 * mp_cli_safety_notice. */
int mp_cli_safety_start(const mp_opts *o, const mp_config *cfg, mp_db *db,
                        mp_err *e);

/* What mp_cli_safety_tick says. */
enum {
	MP_SAFETY_IDLE,      /* nothing under way (msg: what just ended well, or "") */
	MP_SAFETY_BUSY,      /* the day's check and backup are under way: call again */
	MP_SAFETY_FAILED,    /* the backup could not be made: msg says why */
	MP_SAFETY_DAMAGED,   /* the quick check found damage: msg says so and
	                      * names the latest good backup; db takes no more
	                      * writes */
};

/* Called by the full-screen program once its first screen is up, then
 * every moment (a fifth of a second will do) while it says
 * MP_SAFETY_BUSY: starts and follows the day's quick check and backup
 * (in a thread of their own), and says how they ended in msg. */
int mp_cli_safety_tick(mp_db *db, const mp_config *cfg, char *msg, size_t size);

/* Before closing: stop a backup under way (the next start makes it) and
 * give the in-use mark back. */
void mp_cli_safety_stop(void);

/* A line for the status bar at start, or NULL. */
const char *mp_cli_safety_notice(void);

#endif
