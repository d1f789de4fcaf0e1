/* refcache.c — the records references point to, kept while exporting. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export_internal.h"
#include "mp_text.h"

#define REFCACHE_MAX (1 << 17)   /* records kept at most */

struct entry {
	int64_t id;
	size_t off;               /* name, then uuid, each ended by NUL */
	uint32_t nlen, ulen;
	int found;
};

struct refcache {
	mp_db *db;
	sqlite3_stmt *st;
	uint32_t *slot;           /* 1 + index into ent; 0 empty */
	size_t nslot;             /* a power of two, at least twice n */
	struct entry *ent;
	size_t n, cap;
	mp_arena arena;           /* name, NUL, uuid, NUL of each */
	char *sql;
	struct entry *last;       /* the record asked for last */
};

struct refcache *refcache_new(mp_db *db, const mp_table *to)
{
	struct refcache *c = calloc(1, sizeof *c);

	if (!c)
		mp_oom();
	c->db = db;
	/* Names from the constant descriptors. */
	c->sql = mp_asprintf("SELECT %s, uuid FROM %s WHERE id = ?",
	                     to->fields[0].col, to->name);
	return c;
}

void refcache_free(struct refcache *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->st);
	free(c->slot);
	free(c->ent);
	mp_arena_free(&c->arena);
	free(c->sql);
	free(c);
}

static size_t hash(int64_t id, size_t nslot)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h >> 32) & (nslot - 1);
}

/* The slot for id: its entry's, or the empty one where it would go. */
static size_t find(const struct refcache *c, int64_t id)
{
	size_t i = hash(id, c->nslot);

	while (c->slot[i] && c->ent[c->slot[i] - 1].id != id)
		i = (i + 1) & (c->nslot - 1);
	return i;
}

/* Room for one more entry: a larger table, or (at the bound) a clean
 * start. */
static void make_room(struct refcache *c)
{
	size_t i;

	if (c->n == REFCACHE_MAX) {
		c->n = c->arena.used = 0;
		memset(c->slot, 0, c->nslot * sizeof *c->slot);
	}
	c->last = NULL;   /* ent may move */
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->ent = realloc(c->ent, c->cap * sizeof *c->ent);
		if (!c->ent)
			mp_oom();
	}
	if (2 * (c->n + 1) > c->nslot) {
		c->nslot = c->nslot ? c->nslot * 2 : 2048;
		free(c->slot);
		c->slot = calloc(c->nslot, sizeof *c->slot);
		if (!c->slot)
			mp_oom();
		for (i = 0; i < c->n; i++)
			c->slot[find(c, c->ent[i].id)] = (uint32_t)i + 1;
	}
}

int refcache_get(struct refcache *c, int64_t id, const char **name,
                 size_t *nlen, const char **uuid, size_t *ulen, mp_err *e)
{
	struct entry *en;
	size_t i;
	int rc, ret;

	/* Records of one activity come together: their group and activity
	 * are the last ones asked for. */
	if (c->last && c->last->id == id) {
		en = c->last;
		goto out;
	}
	if (c->nslot && c->slot[i = find(c, id)]) {
		en = &c->ent[c->slot[i] - 1];
		goto out;
	}
	if (!c->st) {
		ret = mp_db_prepare(c->db, c->sql, &c->st, e);
		if (ret != MP_OK)
			return ret;
	}
	make_room(c);
	en = &c->ent[c->n];
	memset(en, 0, sizeof *en);
	en->id = id;
	rc = sqlite3_bind_int64(c->st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(c->st);
	if (rc == SQLITE_ROW) {
		const void *n = sqlite3_column_text(c->st, 0);
		size_t nl = (size_t)sqlite3_column_bytes(c->st, 0);
		const void *u = sqlite3_column_text(c->st, 1);
		size_t ul = (size_t)sqlite3_column_bytes(c->st, 1);

		en->found = 1;
		en->off = mp_arena_add(&c->arena, n, nl);
		mp_arena_add(&c->arena, "", 1);
		mp_arena_add(&c->arena, u, ul);
		mp_arena_add(&c->arena, "", 1);
		en->nlen = (uint32_t)nl;
		en->ulen = (uint32_t)ul;
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(c->db, rc, e);
		sqlite3_reset(c->st);
		return ret;
	}
	sqlite3_reset(c->st);
	c->slot[find(c, id)] = (uint32_t)++c->n;
out:
	c->last = en;
	if (!en->found) {
		*name = *uuid = NULL;
		*nlen = *ulen = 0;
		return MP_OK;
	}
	*name = c->arena.p + en->off;
	*nlen = en->nlen;
	*uuid = c->arena.p + en->off + en->nlen + 1;
	*ulen = en->ulen;
	return MP_OK;
}
