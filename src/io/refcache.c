/* refcache.c — the records references point to, kept while exporting.
 *
 * An export of a million service records asks for a volunteer, a group
 * and an activity on each row.  Searching the volunteers table each time
 * took two fifths of the export; a hash table of every record met grew
 * with the ledger (10 MB at a district, emptied and refilled again and
 * again past its bound of 131,072 records at five districts, where its
 * probes and their cache misses took half the export).
 *
 * Record ids are dense (INTEGER PRIMARY KEY, counted up), so the records
 * kept are an array by id of 32-byte entries, the name and the UUID's 16
 * bytes inside the entry: one memory access, fetched ahead while the
 * row's other cells are made (refcache_ahead).  A name too long for the
 * entry, or a UUID not in the usual form, is kept in an arena beside it.
 * Records are read a block of ids at a time, in one range scan of the
 * table (the rows of a block share a few pages), not one search each.
 *
 * What is kept is bounded whatever the size of the ledger: the array
 * covers at most ENTRIES_MAX ids and the arena ARENA_MAX bytes; past that
 * a record is searched for alone and not kept, so a larger ledger costs
 * time, never memory. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export_internal.h"
#include "mp_text.h"

/* Ids the array covers: 32 bytes each (131,072: 4 MB, more than the
 * 100,000 volunteers of a district). */
static size_t entries_max = (size_t)1 << 17;
/* Bytes of long names (a group's) and unusual UUIDs kept beside it. */
static size_t arena_max = (size_t)1 << 20;

#define BLOCK 128           /* ids read together */

/* An entry's state. */
enum { E_UNKNOWN, E_ABSENT, E_INLINE, E_ARENA, E_NOROOM };

#define NAME_IN 13          /* bytes of a name kept in the entry (NUL after) */

struct entry {
	unsigned char state;
	unsigned char nlen;     /* E_INLINE */
	char name[NAME_IN + 1]; /* E_INLINE: the name, NUL; E_ARENA: the offset */
	unsigned char uuid[16]; /* E_INLINE */
};

/* In the arena (E_ARENA): name length, UUID length (2 bytes each), the
 * name, a NUL, the UUID, a NUL (libxlsxwriter takes C strings). */
#define HEAD 4

struct refcache {
	mp_db *db;
	char *one_sql, *block_sql;
	sqlite3_stmt *one, *block;
	int started;              /* lo and the array set up */
	int64_t lo;               /* the id ent[0] stands for */
	size_t n;                 /* ids covered */
	struct entry *ent;
	char *arena;
	size_t used, size;
	char uuid[40];            /* an entry's UUID written out */
	/* The answer given last (kept entries only): the service records of
	 * an activity come together, with its group. */
	int64_t last;
	const char *last_name, *last_uuid;
	size_t last_nlen, last_ulen;
	mp_arena scratch;         /* a record not kept */
};

void refcache_limits(size_t ids, size_t bytes)
{
	entries_max = ids;
	arena_max = bytes;
}

struct refcache *refcache_new(mp_db *db, const mp_table *to)
{
	struct refcache *c = calloc(1, sizeof *c);

	if (!c)
		mp_oom();
	c->db = db;
	/* Names from the constant descriptors. */
	c->one_sql = mp_asprintf("SELECT %s, uuid FROM %s WHERE id = ?",
	                         to->fields[0].col, to->name);
	c->block_sql = mp_asprintf("SELECT id, %s, uuid FROM %s WHERE id >= ?"
	                           " AND id < ? ORDER BY id",
	                           to->fields[0].col, to->name);
	return c;
}

void refcache_free(struct refcache *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->one);
	sqlite3_finalize(c->block);
	free(c->ent);
	free(c->arena);
	mp_arena_free(&c->scratch);
	free(c->one_sql);
	free(c->block_sql);
	free(c);
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* The 16 bytes of a UUID in its usual form (lowercase, dashes at 8, 13,
 * 18 and 23); 0 when it is in any other form (kept as text). */
static int uuid_pack(const char *u, size_t len, unsigned char out[16])
{
	size_t i, k = 0;

	if (len != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (u[i] != '-')
				return 0;
			continue;
		}
		hi = hexval((unsigned char)u[i]);
		lo = hexval((unsigned char)u[i + 1]);
		if (hi < 0 || lo < 0)
			return 0;
		out[k++] = (unsigned char)(hi << 4 | lo);
		i++;
	}
	return 1;
}

static void uuid_unpack(const unsigned char in[16], char out[37])
{
	static const char hex[] = "0123456789abcdef";
	size_t i, k = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = hex[in[i] >> 4];
		out[k++] = hex[in[i] & 15];
	}
	out[k] = '\0';
}

/* Keep a record's name and UUID in en; E_NOROOM when there is no room
 * (it is then searched for alone each time). */
static void keep(struct refcache *c, struct entry *en, const char *name,
                 size_t nlen, const char *uuid, size_t ulen)
{
	size_t need = HEAD + nlen + 1 + ulen + 1;
	uint32_t off;

	if (nlen <= NAME_IN && uuid_pack(uuid, ulen, en->uuid)) {
		en->state = E_INLINE;
		en->nlen = (unsigned char)nlen;
		memcpy(en->name, name, nlen);
		en->name[nlen] = '\0';
		return;
	}
	if (nlen > 0xFFFF || ulen > 0xFFFF || c->used + need > arena_max) {
		en->state = E_NOROOM;
		return;
	}
	if (c->used + need > c->size) {
		size_t size = c->size ? c->size * 2 : 16384;

		while (size < c->used + need)
			size *= 2;
		if (size > arena_max)
			size = arena_max;
		c->arena = realloc(c->arena, size);
		if (!c->arena)
			mp_oom();
		c->size = size;
	}
	off = (uint32_t)c->used;
	c->arena[c->used++] = (char)(nlen & 0xFF);
	c->arena[c->used++] = (char)(nlen >> 8);
	c->arena[c->used++] = (char)(ulen & 0xFF);
	c->arena[c->used++] = (char)(ulen >> 8);
	memcpy(c->arena + c->used, name, nlen);
	c->used += nlen;
	c->arena[c->used++] = '\0';
	memcpy(c->arena + c->used, uuid, ulen);
	c->used += ulen;
	c->arena[c->used++] = '\0';
	en->state = E_ARENA;
	memcpy(en->name, &off, sizeof off);
}

/* The ids the table holds: the array starts at the smallest. */
static int start(struct refcache *c, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char *sql, *from = strstr(c->one_sql, " FROM ");
	int rc, ret;
	int64_t hi = 0;

	c->started = 1;
	/* "SELECT min(id), max(id) FROM <table>": the table's name from
	 * one_sql, made from the constant descriptors. */
	sql = mp_asprintf("SELECT min(id), max(id)%.*s", (int)(strstr(from, " WHERE")
	                  - from), from);
	ret = mp_db_prepare(c->db, sql, &st, e);
	free(sql);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		c->lo = sqlite3_column_int64(st, 0);
		hi = sqlite3_column_int64(st, 1);
		if (hi >= c->lo && (uint64_t)(hi - c->lo) < entries_max)
			c->n = (size_t)(hi - c->lo) + 1;
		else if (hi >= c->lo)
			c->n = entries_max;
	} else if (rc != SQLITE_ROW) {
		ret = mp_db_fail(c->db, rc, e);
	}
	sqlite3_finalize(st);
	if (ret == MP_OK && c->n) {
		c->ent = calloc(c->n, sizeof *c->ent);
		if (!c->ent)
			mp_oom();
	}
	return ret;
}

/* Read the block of ids around index i into the array. */
static int load_block(struct refcache *c, size_t i, mp_err *e)
{
	size_t first = i - i % BLOCK, end = first + BLOCK, k;
	int rc, ret = MP_OK;

	if (end > c->n)
		end = c->n;
	if (!c->block && (ret = mp_db_prepare(c->db, c->block_sql, &c->block, e)) != MP_OK)
		return ret;
	sqlite3_bind_int64(c->block, 1, c->lo + (int64_t)first);
	sqlite3_bind_int64(c->block, 2, c->lo + (int64_t)end);
	while ((rc = sqlite3_step(c->block)) == SQLITE_ROW) {
		size_t at = (size_t)(sqlite3_column_int64(c->block, 0) - c->lo);
		const char *n = (const char *)sqlite3_column_text(c->block, 1);
		size_t nl = (size_t)sqlite3_column_bytes(c->block, 1);
		const char *u = (const char *)sqlite3_column_text(c->block, 2);
		size_t ul = (size_t)sqlite3_column_bytes(c->block, 2);

		keep(c, &c->ent[at], n ? n : "", nl, u ? u : "", ul);
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(c->db, rc, e);
	sqlite3_reset(c->block);
	/* What the scan did not meet is not there: marked, so that it is
	 * not searched for again. */
	if (ret == MP_OK)
		for (k = first; k < end; k++)
			if (c->ent[k].state == E_UNKNOWN)
				c->ent[k].state = E_ABSENT;
	return ret;
}
/* A record searched for alone, not kept: in the scratch arena. */
static int look_up(struct refcache *c, int64_t id, const char **name,
                   size_t *nlen, const char **uuid, size_t *ulen, mp_err *e)
{
	int rc, ret = MP_OK;

	*name = *uuid = NULL;
	*nlen = *ulen = 0;
	if (!c->one && (ret = mp_db_prepare(c->db, c->one_sql, &c->one, e)) != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(c->one, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(c->one);
	if (rc == SQLITE_ROW) {
		const void *n = sqlite3_column_text(c->one, 0);
		size_t nl = (size_t)sqlite3_column_bytes(c->one, 0);
		const void *u = sqlite3_column_text(c->one, 1);
		size_t ul = (size_t)sqlite3_column_bytes(c->one, 1);
		size_t at;

		c->scratch.used = 0;
		at = mp_arena_add(&c->scratch, n, nl);
		mp_arena_add(&c->scratch, "", 1);
		mp_arena_add(&c->scratch, u, ul);
		mp_arena_add(&c->scratch, "", 1);
		*name = c->scratch.p + at;
		*nlen = nl;
		*uuid = c->scratch.p + at + nl + 1;
		*ulen = ul;
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(c->db, rc, e);
	}
	sqlite3_reset(c->one);
	return ret;
}

void refcache_ahead(const struct refcache *c, int64_t id)
{
	if (c->ent && id >= c->lo && (uint64_t)(id - c->lo) < c->n)
		__builtin_prefetch(&c->ent[id - c->lo]);
}

int refcache_get(struct refcache *c, int64_t id, const char **name,
                 size_t *nlen, const char **uuid, size_t *ulen, mp_err *e)
{
	struct entry *en;
	const char *p;
	uint32_t off;
	int ret;

	if (c->last_name && id == c->last) {
		*name = c->last_name;
		*nlen = c->last_nlen;
		*uuid = c->last_uuid;
		*ulen = c->last_ulen;
		return MP_OK;
	}
	if (!c->started && (ret = start(c, e)) != MP_OK)
		return ret;
	if (id < c->lo || (uint64_t)(id - c->lo) >= c->n)
		return look_up(c, id, name, nlen, uuid, ulen, e);
	en = &c->ent[id - c->lo];
	if (en->state == E_UNKNOWN && (ret = load_block(c, (size_t)(id - c->lo), e)) != MP_OK)
		return ret;
	switch (en->state) {
	case E_ABSENT:
		*name = *uuid = NULL;
		*nlen = *ulen = 0;
		return MP_OK;
	case E_INLINE:
		*name = en->name;
		*nlen = en->nlen;
		uuid_unpack(en->uuid, c->uuid);
		*uuid = c->uuid;
		*ulen = 36;
		break;
	case E_ARENA:
		memcpy(&off, en->name, sizeof off);
		p = c->arena + off;
		*nlen = (size_t)(unsigned char)p[0] | (size_t)(unsigned char)p[1] << 8;
		*ulen = (size_t)(unsigned char)p[2] | (size_t)(unsigned char)p[3] << 8;
		*name = p + HEAD;
		*uuid = p + HEAD + *nlen + 1;
		break;
	default:   /* E_NOROOM */
		return look_up(c, id, name, nlen, uuid, ulen, e);
	}
	c->last = id;
	c->last_name = *name;
	c->last_nlen = *nlen;
	c->last_uuid = *uuid;
	c->last_ulen = *ulen;
	return MP_OK;
}
