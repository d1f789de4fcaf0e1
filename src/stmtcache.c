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

int mp_db_cached(mp_db *db, const char *sql, sqlite3_stmt **st, mp_err *e)
{
	struct mp_stmtcache *c = db->cache;
	unsigned h, i, slot;
	int ret;

	*st = NULL;
	if (!c) {
		c = db->cache = calloc(1, sizeof *c);
		if (!c)
			return mp_db_prepare(db, sql, st, e);
	}
	h = hash(sql) % CACHE_SLOTS;
	for (i = 0; i < CACHE_SLOTS; i++) {
		slot = (h + i) % CACHE_SLOTS;
		if (!c->sql[slot])
			break;
		if (!strcmp(c->sql[slot], sql)) {
			if (sqlite3_stmt_busy(c->st[slot]))
				return mp_db_prepare(db, sql, st, e);
			*st = c->st[slot];
			return MP_OK;
		}
	}
	ret = mp_db_prepare(db, sql, st, e);
	if (ret != MP_OK)
		return ret;
	if (i == CACHE_SLOTS) {
		/* Full: this statement stays uncached. */
		return MP_OK;
	}
	c->sql[slot] = mp_strdup(sql);
	c->st[slot] = *st;
	return MP_OK;
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

/* ---- bulk work ---- */

/* The page cache while browsing (KiB): small, for a small program; the
 * list's indexes keep what a screen needs to a few pages. */
#define CACHE_KIB_BROWSE 2000
/* While a batch writes or an export reads a whole table: room for the
 * indexes a hundred thousand inserts touch, so that pages are not spilled
 * to the log and read back again before the commit. */
#define CACHE_KIB_BULK 65536

void mp_db_bulk(mp_db *db, int on)
{
	char sql[128];

	if (on ? db->bulk++ > 0 : --db->bulk > 0)
		return;
	if (db->bulk < 0)
		db->bulk = 0;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d; PRAGMA mmap_size = %lld",
	         on ? CACHE_KIB_BULK : CACHE_KIB_BROWSE,
	         on ? 1LL << 30 : 0LL);
	sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}
