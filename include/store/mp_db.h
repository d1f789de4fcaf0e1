/* mp_db.h — the ledger file: one SQLite database.
 *
 * Opening (mp_db_open in mp_ledger.h, through mp_db_open_with in
 * db_internal.h) sets WAL, foreign keys, synchronous=FULL and a busy
 * timeout, and upgrades an older file in place by PRAGMA user_version.  A
 * file written by a newer miaopu, or one that is not a miaopu ledger, is
 * refused and left exactly as it was (nothing is written before those
 * checks pass). */
#ifndef MP_DB_H
#define MP_DB_H

#include "mp_err.h"

typedef struct mp_db mp_db;

void mp_db_close(mp_db *db);

/* SQLite's quick_check (it reads the whole file: a fraction of a second
 * for a million records).  MP_OK, or MP_ECORRUPT with a translated message
 * saying the ledger is damaged and nothing was written to it.  The screen
 * runs it on start, an import and an upgrade before they write; callers
 * that get MP_ECORRUPT must not write. */
int mp_db_quick_check(mp_db *db, mp_err *e);

/* The file name given to mp_db_open. */
const char *mp_db_path(const mp_db *db);

/* A number that changes whenever the ledger has changed (by this program
 * or another): screens that show figures redraw them when it moves. */
long long mp_db_generation(mp_db *db);

/* Nonzero when the database could only be opened read-only, or takes no
 * more writes since mp_db_stop_writes (a quick check found damage). */
int mp_db_readonly(const mp_db *db);
void mp_db_stop_writes(mp_db *db);

/* Keep every write in the write-ahead log, out of the ledger file itself
 * (no checkpoint, not even on closing), until the int returned is set to
 * 0, from any thread (__atomic_store_n): for the day's quick check, which
 * runs in a thread of its own.  Saves are never made to wait for it. */
int *mp_db_hold_writes(mp_db *db);

/* Who works on this ledger (the operator from the settings): the change
 * log names them for corrections and moves to the recycle bin made without
 * a configuration at hand (mp_record_delete).  NULL or "" = nobody. */
void mp_db_set_operator(mp_db *db, const char *name);

/* $XDG_DATA_HOME/miaopu/miaopu.db, or ~/.local/share/miaopu/miaopu.db.
 * Newly allocated. */
char *mp_db_default_path(void);

/* Current local time "YYYY-MM-DD HH:MM:SS" (out needs 20 bytes). */
void mp_now(char out[20]);

/* A new random (version 4) UUID, lower case (out needs 37 bytes). */
void mp_uuid_new(char out[37]);

/* mkdir -p with the given mode for each created component. */
int mp_mkdirs(const char *dir, int mode, mp_err *e);

#endif
