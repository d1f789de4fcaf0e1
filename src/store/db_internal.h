/* db_internal.h — what core modules (and unit tests) need of the database
 * beyond the public mp_db.h.  The UI never includes this file. */
#ifndef MP_DB_INTERNAL_H
#define MP_DB_INTERNAL_H

#include <stddef.h>
#include <sqlite3.h>
#include "mp_db.h"

struct mp_field;

/* PRAGMA application_id of a miaopu ledger: 'MPAP'. */
#define MP_APPLICATION_ID 0x4D504150

struct mp_db {
	sqlite3 *h;
	char *path;
	int readonly;
	int depth;      /* open mp_db_begin levels; inner ones are savepoints */
	char *operator_name;  /* mp_db_set_operator; NULL if never set */
	struct mp_stmtcache *cache;  /* stmtcache.c; NULL until first used */
	int bulk;       /* open mp_db_bulk levels */
	int stream;     /* open mp_db_stream levels */
	/* The table whose search trigger an import has set aside
	 * (mp_search_pause): its inserts may go without a statement journal. */
	const struct mp_table *unindexed;
	/* Nonzero while the day's quick check runs in its thread
	 * (mp_db_hold_writes): nothing is written to the file itself (saves
	 * go to the write-ahead log) until it has passed.
	 * Read and written with __atomic builtins. */
	int hold;
	int held;       /* the screen's thread: the log kept from the file */
	/* Names whoever holds the ledger when it is busy (mp_db_schema.who). */
	int (*who)(const char *path, char *who, size_t size);
};

/* Field value from column col of a row in the form its kind keeps it
 * (kinds.c; "" never: NULL for SQL NULL): hours "2", not "2.0"; money
 * "1234.50" from whole fen; made in buf when it must be (32 bytes is
 * plenty).  f may be NULL for plain text. */
const char *mp_column_value(sqlite3_stmt *st, int col, const struct mp_field *f,
                            char *buf, size_t size);

/* One step of the schema: what takes the file from version-1 to version:
 * SQL (or NULL), then run (or NULL), a function that writes what cannot
 * be a constant (SQL made from the tables), returning MP_OK or filling e.
 * Steps run in order, each in its own transaction together with its
 * PRAGMA user_version. */
struct mp_migration {
	int version;
	const char *sql;
	int (*run)(sqlite3 *h, mp_err *e);
};

/* Bring h up to the last step of m[0..n-1].  Refuses (MP_ENEWER) a file
 * whose user_version is above the last step.  Exposed so that unit tests
 * can run the mechanism on their own steps. */
int mp_db_migrate(sqlite3 *h, const struct mp_migration *m, int n, mp_err *e);

/* Says who holds the ledger at path (fills who, returns 1) or returns 0:
 * the busy message names them. */
typedef int mp_db_who_fn(const char *path, char *who, size_t size);

/* What the layer above hands storage when it opens a ledger: the schema's
 * steps, what must be done before a ledger of an older version (above 0)
 * is upgraded (a backup copy: anything but MP_OK, with e filled, leaves
 * the ledger unchanged), and who holds a busy ledger.  Either may be
 * NULL. */
struct mp_db_schema {
	const struct mp_migration *steps;
	int nsteps;
	int (*before_upgrade)(mp_db *db, int from, mp_err *e);
	mp_db_who_fn *who;
};

/* Open (creating if absent, with owner-only permissions 0600, and
 * creating its folder 0700 when create_dirs) the ledger at path, and
 * bring it up to the last of s's steps: a file that is not a miaopu
 * ledger, or is of a newer version, or is damaged and due an upgrade, is
 * refused and left as it was; before an upgrade s->before_upgrade runs
 * (its message then says the ledger was not upgraded).  On failure
 * returns non-MP_OK with a translated message naming the file, and *out
 * is NULL.  Programs open a ledger with mp_db_open (mp_ledger.h). */
int mp_db_open_with(mp_db **out, const char *path, int create_dirs,
                    const struct mp_db_schema *s, mp_err *e);

/* mp_db_fail for a bare handle (a schema step's run). */
int mp_db_fail_h(sqlite3 *h, int rc, mp_err *e);

/* Translate SQLite's rc (and the handle's message) into e: locked, read
 * only, full, corrupt get their own words.  Returns the mp_status. */
int mp_db_fail(mp_db *db, int rc, mp_err *e);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  They nest: a begin inside an open
 * transaction is a SAVEPOINT, its commit a RELEASE and its rollback undoes
 * only the inner part, so that a batch (an import, the demo data) can put
 * many mp_record_save calls in one all-or-nothing transaction. */
int mp_db_begin(mp_db *db, mp_err *e);
int mp_db_commit(mp_db *db, mp_err *e);
void mp_db_rollback(mp_db *db);

/* Prepare sql (a constant or built from table descriptors, never from user
 * text); on failure fills e. */
int mp_db_prepare(mp_db *db, const char *sql, sqlite3_stmt **st, mp_err *e);

/* A statement for sql (constant, or built from table descriptors) kept
 * prepared until the ledger is closed (stmtcache.c): for statements run
 * once per saved record.  Hand it back with mp_db_done (never finalize
 * it), which resets it and drops its bindings. */
int mp_db_cached(mp_db *db, const char *sql, sqlite3_stmt **st, mp_err *e);
void mp_db_done(mp_db *db, sqlite3_stmt *st);
/* The same for a statement known by kind and name ("insert", "groups"),
 * whose SQL need not be built to find it: NULL when not cached yet; then
 * mp_db_cache_as prepares sql and keeps it under that kind and name. */
sqlite3_stmt *mp_db_cached_find(mp_db *db, const char *kind, const char *name);
int mp_db_cache_as(mp_db *db, const char *kind, const char *name,
                   const char *sql, sqlite3_stmt **st, mp_err *e);
void mp_db_cache_free(mp_db *db);

/* Run one statement of sql (no parameters, no rows wanted) through the
 * cache: the savepoints every save in a batch opens and releases.
 * Returns SQLite's code (SQLITE_OK when done). */
int mp_db_run(mp_db *db, const char *sql);

/* Around work that writes a whole table (an import's transaction): on = 1
 * gives SQLite a large page cache, on = 0 takes it back.  Nests. */
void mp_db_bulk(mp_db *db, int on);
/* Around work that reads a whole table (an export): a page cache of a
 * fixed few MB, whatever the size of the table.  Nests. */
void mp_db_stream(mp_db *db, int on);

/* Indexes and triggers set aside while a large import writes (pause.c):
 * inside an open transaction, mp_db_pause drops each of names that the
 * ledger has (index or trigger), keeping its CREATE statement, and
 * mp_db_unpause makes them again, before the commit.  After a rollback
 * (which brings them back by itself) mp_db_paused_free only lets go of
 * the memory. */
#define MP_PAUSE_MAX 8
typedef struct {
	int n;
	char *sql[MP_PAUSE_MAX];
} mp_paused;

/* The largest row id of table (a name of the program's own), 0 when
 * empty: from the end of its tree, without counting it. */
int mp_db_max_id(mp_db *db, const char *table, int64_t *id, mp_err *e);

int mp_db_pause(mp_db *db, const char *const *names, mp_paused *p, mp_err *e);
int mp_db_unpause(mp_db *db, mp_paused *p, mp_err *e);
void mp_db_paused_free(mp_paused *p);

#endif
