/* mp_ledger.h — a ledger opened for use, by the screen and by commands
 * alike: its settings, the SQLite file, the demo, the in-use mark, the
 * quick check and the day's backup.
 *
 * This is the top of the core: it may use every layer below (storage, the
 * record types, safety, the demo's sample data); both faces (cli/, ui/)
 * open and close their ledger here and nowhere else. */
#ifndef MP_LEDGER_H
#define MP_LEDGER_H

#include <stddef.h>

#include "mp_config.h"
#include "mp_db.h"
#include "mp_err.h"

/* ---- the file (open.c) ----
 *
 * An older ledger is copied to the backup folder before it is upgraded
 * (and is not upgraded without that copy); a busy ledger's message names
 * who holds it (the in-use mark).  Storage is handed both and knows
 * neither. */

/* Open (creating if absent, with owner-only permissions 0600, and creating
 * its folder 0700 when create_dirs) the ledger at path, upgrading an
 * older one after a copy in the backup folder.  On failure returns
 * non-MP_OK with a translated message naming the file, and *out is NULL. */
int mp_db_open(mp_db **out, const char *path, int create_dirs, mp_err *e);


/* ---- a ledger for a face (ledger.c) ---- */

/* Which ledger and which settings (from the command line's options). */
typedef struct mp_ledger_where {
	const char *db_path;      /* --db FILE, or NULL for the default */
	const char *config_path;  /* --config FILE, or NULL for the default */
	int demo;                 /* --demo: a throwaway ledger of sample data */
} mp_ledger_where;

/* Defaults, then the settings file named (which must exist) or the
 * default one (which may be missing).  Never fatal: problems are left in
 * cfg->warnings.  Also hands the settings to the backups (mp_backup.h). */
void mp_ledger_config(const mp_ledger_where *w, mp_config *cfg);

/* Open the ledger w names, for a command: the demo (made and filled in a
 * folder of its own under $TMPDIR), --db (the file is created, not its
 * folder) or the default (its folder is created too), upgraded to this
 * version's schema.  A damaged ledger's e names the latest good backup.
 * Returns MP_OK or an MP_E* code with e filled. */
int mp_ledger_open_db(const mp_ledger_where *w, mp_config *cfg,
                      mp_db **db, mp_err *e);

/* Open settings and ledger for the full-screen program: as above, then
 * the operator's name for the change log, the in-use mark, and — when the
 * last miaopu on it did not close, or the mark cannot be kept — the quick
 * check (a damaged ledger: MP_ECORRUPT, naming the latest good backup) and
 * a day's backup if due.  Otherwise the day's check and backup wait for
 * the first screen (mp_ledger_tick).  Warnings stay in cfg->warnings. */
int mp_ledger_open(const mp_ledger_where *w, mp_config *cfg, mp_db **db,
                   mp_err *e);

/* Close what mp_ledger_open or mp_ledger_open_db opened: a backup under
 * way is stopped (the next start makes it), the in-use mark given back,
 * the demo's files removed.  db may be NULL. */
void mp_ledger_close(const mp_ledger_where *w, mp_db *db);

/* What mp_ledger_tick says. */
enum {
	MP_SAFETY_IDLE,      /* nothing under way (msg: what just ended well, or "") */
	MP_SAFETY_BUSY,      /* the day's check and backup are under way: call again */
	MP_SAFETY_FAILED,    /* the backup could not be made: msg says why */
	MP_SAFETY_DAMAGED,   /* the quick check found damage: msg says so and
	                      * names the latest good backup; db takes no more
	                      * writes */
};

/* Called once the first screen is up, then every moment (a fifth of a
 * second will do) while it says MP_SAFETY_BUSY: starts and follows the
 * day's quick check and backup (in a thread of their own), and says how
 * they ended in msg. */
int mp_ledger_tick(mp_db *db, const mp_config *cfg, char *msg, size_t size);

/* A line for the status bar at start (another miaopu has the ledger open,
 * the backup failed), or NULL. */
const char *mp_ledger_notice(void);

/* e says the file at dbpath is not a SQLite database: when it was a
 * miaopu ledger (its header, its place, its backups say so), e is made
 * to say it is damaged (MP_ECORRUPT).  Otherwise e is left as it is. */
void mp_ledger_damaged_words(const mp_config *cfg, const char *dbpath, mp_err *e);

/* The ledger at dbpath could not be opened with e: for a damaged one, add
 * to e where the latest good backup is and how to go back to it. */
void mp_ledger_failed(const mp_config *cfg, const char *dbpath, mp_err *e);

#endif
