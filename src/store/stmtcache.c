/* stmtcache.c — statements kept prepared for the life of a ledger.
 *
 * Saving one record runs the same handful of statements each time (the
 * references exist, no other live record has this ID number, the INSERT):
 * parsing and planning them anew cost more than running them, so that a
 * batch of a hundred thousand saves spent most of its time in the SQL
 * compiler.  The cache is keyed by the SQL text; a statement comes back
 * reset with no bindings.  A statement still in use (a caller stepping
 * through it when a nested call wants the same text) is never handed out
 * twice: the nested call gets a fresh one, finalized when it is done. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_text.h"

#define CACHE_SLOTS 64

struct mp_stmtcache {
	char *sql[CACHE_SLOTS];
	sqlite3_stmt *st[CACHE_SLOTS];
};

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct mp_stmtcache *cache_of(mp_db *db)
{
	if (!db->cache)
		db->cache = calloc(1, sizeof *db->cache);
	return db->cache;
}

/* The slot holding key, or the empty slot where it would go; -1 when the
 * cache is full. */
static int slot_of(const struct mp_stmtcache *c, const char *key)
{
	unsigned h = hash(key) % CACHE_SLOTS, i, slot;

	for (i = 0; i < CACHE_SLOTS; i++) {
		slot = (h + i) % CACHE_SLOTS;
		if (!c->sql[slot] || !strcmp(c->sql[slot], key))
			return (int)slot;
	}
	return -1;
}

/* Prepare sql and keep it under key (when there is room). */
static int prepare_as(mp_db *db, const char *key, const char *sql,
                      sqlite3_stmt **st, mp_err *e)
{
	struct mp_stmtcache *c = cache_of(db);
	int slot, ret = mp_db_prepare(db, sql, st, e);

	if (ret != MP_OK || !c)
		return ret;
	slot = slot_of(c, key);
	if (slot >= 0 && !c->sql[slot]) {
		c->sql[slot] = mp_strdup(key);
		c->st[slot] = *st;
	}
	return MP_OK;
}

/* The cached statement under key, free to use; NULL when there is none
 * (or it is in use). */
static sqlite3_stmt *find(mp_db *db, const char *key)
{
	struct mp_stmtcache *c = cache_of(db);
	int slot = c ? slot_of(c, key) : -1;

	if (slot < 0 || !c->sql[slot] || sqlite3_stmt_busy(c->st[slot]))
		return NULL;
	return c->st[slot];
}

int mp_db_cached(mp_db *db, const char *sql, sqlite3_stmt **st, mp_err *e)
{
	*st = find(db, sql);
	if (*st)
		return MP_OK;
	return prepare_as(db, sql, sql, st, e);
}

/* Keys of statements found by name start with a byte no SQL starts with. */
static void name_key(char *key, size_t size, const char *kind, const char *name)
{
	snprintf(key, size, "\x01%s %s", kind, name);
}

sqlite3_stmt *mp_db_cached_find(mp_db *db, const char *kind, const char *name)
{
	char key[128];

	name_key(key, sizeof key, kind, name);
	return find(db, key);
}

int mp_db_cache_as(mp_db *db, const char *kind, const char *name,
                   const char *sql, sqlite3_stmt **st, mp_err *e)
{
	char key[128];

	name_key(key, sizeof key, kind, name);
	*st = NULL;
	return prepare_as(db, key, sql, st, e);
}

void mp_db_done(mp_db *db, sqlite3_stmt *st)
{
	struct mp_stmtcache *c = db->cache;
	int i;

	if (!st)
		return;
	if (c)
		for (i = 0; i < CACHE_SLOTS; i++)
			if (c->st[i] == st) {
				sqlite3_reset(st);
				sqlite3_clear_bindings(st);
				return;
			}
	sqlite3_finalize(st);
}

void mp_db_cache_free(mp_db *db)
{
	struct mp_stmtcache *c = db->cache;
	int i;

	if (!c)
		return;
	for (i = 0; i < CACHE_SLOTS; i++) {
		sqlite3_finalize(c->st[i]);
		free(c->sql[i]);
	}
	free(c);
	db->cache = NULL;
}

int mp_db_run(mp_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (mp_db_cached(db, sql, &st, NULL) != MP_OK)
		return sqlite3_errcode(db->h) != SQLITE_OK ? sqlite3_errcode(db->h) : SQLITE_ERROR;
	rc = sqlite3_step(st);
	mp_db_done(db, st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* ---- bulk work ---- */

/* The page cache while browsing (KiB): small, for a small program; the
 * list's indexes keep what a screen needs to a few pages. */
#define CACHE_KIB_BROWSE 2000
/* While a batch writes a whole table: room for the indexes a hundred
 * thousand inserts touch, so that pages are not spilled to the log and
 * read back again before the commit. */
#define CACHE_KIB_BULK 65536
/* While an export reads a whole table (mp_db_stream): a table read in
 * order needs the pages on the way down to one leaf, and the records its
 * references point to a few more; exporting a million service records
 * took as long with 4 MB as with 64 MB. */
#define CACHE_KIB_STREAM 4096

/* No memory-mapped reads, in any mode: SQLite's map of up to 1 GiB made
 * every page an export or import read part of the program's resident
 * memory (454 MB exporting a district's service records, 1.1 GB at five
 * districts, more than a station PC can give), and reading through the
 * page cache was no slower (2.3-2.6 s either way for a million records,
 * the write of the file and the rows' own work being most of it). */
static void set_cache(mp_db *db, int kib)
{
	char sql[96];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d; PRAGMA mmap_size = 0", kib);
	sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

static void settle(mp_db *db)
{
	set_cache(db, db->bulk > 0 ? CACHE_KIB_BULK : db->stream > 0
	          ? CACHE_KIB_STREAM : CACHE_KIB_BROWSE);
}

void mp_db_bulk(mp_db *db, int on)
{
	if (on ? db->bulk++ > 0 : --db->bulk > 0)
		return;
	if (db->bulk < 0)
		db->bulk = 0;
	settle(db);
}

void mp_db_stream(mp_db *db, int on)
{
	if (on ? db->stream++ > 0 : --db->stream > 0)
		return;
	if (db->stream < 0)
		db->stream = 0;
	settle(db);
}
