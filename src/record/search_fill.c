/* search_fill.c — the search tokens of the rows a large import added,
 * made in one pass after them (mp_search_resume; mp_search_pause in
 * search.c set the insert trigger aside and made the query of the rows'
 * text from the same column list as the trigger).
 *
 * The tokens are cut in C exactly as the trigger's SQL cuts them, sorted
 * in search_tokens' own order and inserted by one INSERT ... SELECT from
 * an eponymous virtual table over the sorted array: a tree filled in its
 * own order takes each key beside the last one, several times faster than
 * the same keys in row order, and one statement costs a fifth of one
 * stepped per token. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_search.h"
#include "mp_text.h"

/* One token of a fill, its texts in the fill's arena, with their first
 * eight bytes as big-endian numbers: most comparisons end there. */
struct tok {
	uint64_t tokpre, keypre;
	size_t tok, key;      /* offsets into the arena */
	int toklen, keylen;
	int64_t id;
};

/* The arena of the fill being sorted (qsort passes no argument). */
static const char *sort_base;

static uint64_t prefix(const void *s, int len)
{
	const unsigned char *b = s;
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | (i < len ? b[i] : 0);
	return v;
}

static int cmp_text(const char *a, int alen, const char *b, int blen)
{
	int c = memcmp(a, b, (size_t)(alen < blen ? alen : blen));

	return c ? c : (alen > blen) - (alen < blen);
}

/* search_tokens' own order (BINARY text: bytes, then the shorter). */
static int cmp_tok(const void *pa, const void *pb)
{
	const struct tok *a = pa, *b = pb;
	int c;

	if (a->tokpre != b->tokpre)
		return a->tokpre < b->tokpre ? -1 : 1;
	c = cmp_text(sort_base + a->tok, a->toklen, sort_base + b->tok, b->toklen);
	if (c)
		return c;
	if (a->keypre != b->keypre)
		return a->keypre < b->keypre ? -1 : 1;
	c = cmp_text(sort_base + a->key, a->keylen, sort_base + b->key, b->keylen);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

struct fill {
	struct tok *t;
	size_t n, cap;
	mp_arena arena;
};

static void add_tok(struct fill *f, const char *s, int len, size_t key,
                    int keylen, int64_t id)
{
	struct tok *t;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 4096;
		f->t = realloc(f->t, f->cap * sizeof *f->t);
		if (!f->t)
			mp_oom();
	}
	t = &f->t[f->n++];
	t->toklen = len;
	t->tok = mp_arena_add(&f->arena, s, (size_t)len);
	t->tokpre = prefix(s, len);
	t->key = key;
	t->keylen = keylen;
	t->keypre = prefix(f->arena.p + key, keylen);
	t->id = id;
}

/* The tokens of one row's text, exactly as the trigger's SQL makes them
 * (put_tokens in search.c): a character is what SQLite's substr() counts as one (a
 * byte from 0xC0 up with the 10xxxxxx bytes after it, or any other
 * byte); it is indexed when its unicode() is above 127, that is when its
 * first byte is 0x80 or above; the first MP_SEARCH_MAXLEN characters are
 * indexed, each alone and with the next when both are.  Doing this here
 * instead of in SQL takes a fifth of the time. */
static void tokenize(struct fill *f, const char *text, size_t key, int keylen,
                     int64_t id)
{
	const unsigned char *s = (const unsigned char *)text;
	const unsigned char *prev = NULL;   /* the last character, if wide */
	int i;

	for (i = 1; *s && i <= MP_SEARCH_MAXLEN + 1; i++) {
		const unsigned char *c = s;
		int wide = *s >= 0x80;

		if (*s++ >= 0xC0)
			while ((*s & 0xC0) == 0x80)
				s++;
		if (wide && prev)
			add_tok(f, (const char *)prev, (int)(s - prev), key, keylen, id);
		if (wide && i <= MP_SEARCH_MAXLEN)
			add_tok(f, (const char *)c, (int)(s - c), key, keylen, id);
		prev = wide && i <= MP_SEARCH_MAXLEN ? c : NULL;
	}
}

/* ---- the sorted tokens as a table ----
 * One INSERT ... SELECT over them costs a fifth of an INSERT stepped once
 * a token: an eponymous virtual table, mp_search_fill, shows the fill's
 * array (its pAux) to SQL for as long as the module is registered. */

typedef struct {
	sqlite3_vtab base;
	const struct fill *f;
} fill_vtab;

typedef struct {
	sqlite3_vtab_cursor base;
	size_t i;
} fill_cursor;

static int fill_connect(sqlite3 *h, void *aux, int argc, const char *const *argv,
                        sqlite3_vtab **out, char **err)
{
	fill_vtab *v;
	int rc;

	(void)argc;
	(void)argv;
	(void)err;
	rc = sqlite3_declare_vtab(h, "CREATE TABLE x(tok, key, id)");
	if (rc != SQLITE_OK)
		return rc;
	v = sqlite3_malloc(sizeof *v);
	if (!v)
		return SQLITE_NOMEM;
	memset(v, 0, sizeof *v);
	v->f = aux;
	*out = &v->base;
	return SQLITE_OK;
}

static int fill_disconnect(sqlite3_vtab *v)
{
	sqlite3_free(v);
	return SQLITE_OK;
}

static int fill_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	info->estimatedCost = (double)((fill_vtab *)v)->f->n;
	info->estimatedRows = (sqlite3_int64)((fill_vtab *)v)->f->n;
	return SQLITE_OK;
}

static int fill_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
	fill_cursor *c = sqlite3_malloc(sizeof *c);

	(void)v;
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	*out = &c->base;
	return SQLITE_OK;
}

static int fill_close(sqlite3_vtab_cursor *c)
{
	sqlite3_free(c);
	return SQLITE_OK;
}

static int fill_filter(sqlite3_vtab_cursor *c, int idx, const char *idxstr,
                       int argc, sqlite3_value **argv)
{
	(void)idx;
	(void)idxstr;
	(void)argc;
	(void)argv;
	((fill_cursor *)c)->i = 0;
	return SQLITE_OK;
}

static int fill_next(sqlite3_vtab_cursor *c)
{
	((fill_cursor *)c)->i++;
	return SQLITE_OK;
}

static int fill_eof(sqlite3_vtab_cursor *c)
{
	return ((fill_cursor *)c)->i >= ((fill_vtab *)c->pVtab)->f->n;
}

static int fill_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int col)
{
	const struct fill *f = ((fill_vtab *)c->pVtab)->f;
	const struct tok *t = &f->t[((fill_cursor *)c)->i];

	if (col == 0)
		sqlite3_result_text(ctx, f->arena.p + t->tok, t->toklen, SQLITE_STATIC);
	else if (col == 1)
		sqlite3_result_text(ctx, f->arena.p + t->key, t->keylen, SQLITE_STATIC);
	else
		sqlite3_result_int64(ctx, t->id);
	return SQLITE_OK;
}

static int fill_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *id)
{
	*id = (sqlite3_int64)((fill_cursor *)c)->i;
	return SQLITE_OK;
}

static const sqlite3_module fill_module = {
	.iVersion = 0,
	.xConnect = fill_connect,       /* no xCreate: eponymous only */
	.xBestIndex = fill_best_index,
	.xDisconnect = fill_disconnect,
	.xOpen = fill_open,
	.xClose = fill_close,
	.xFilter = fill_filter,
	.xNext = fill_next,
	.xEof = fill_eof,
	.xColumn = fill_column,
	.xRowid = fill_rowid,
};

/* Rows a fill reads at a time, and the tokens it holds at most (a token
 * and its text take some 60 bytes: 4 MB, so that an import stays within
 * 32 MB, issue 15). */
#define FILL_ROWS 16384
#define FILL_TOKENS 65536

/* The tokens of rows (lo, hi], sorted, then inserted in that order: a
 * tree filled in its own order takes each key beside the last one,
 * several times faster than the same keys in row order. */
static int fill_range(mp_db *db, mp_search_paused *p, int64_t lo, int64_t hi,
                      struct fill *f, int64_t *upto, mp_err *e)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	int rc, ret;

	*upto = hi;
	f->n = f->arena.used = 0;
	ret = mp_db_prepare(db, p->fill, &sel, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(sel, 1, lo);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(sel, 2, hi);
	while (rc == SQLITE_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(sel, 2);
		int keylen = sqlite3_column_bytes(sel, 1);
		size_t key = mp_arena_add(&f->arena, sqlite3_column_blob(sel, 1), (size_t)keylen);

		int64_t id = sqlite3_column_int64(sel, 0);

		if (text)
			tokenize(f, text, key, keylen, id);
		rc = SQLITE_OK;
		/* Long texts (a note of a thousand characters makes two
		 * thousand tokens) end the range early: the tokens held stay
		 * within FILL_TOKENS, whatever the rows hold.  The rows of a
		 * rowid range come in the order of their ids. */
		if (f->n >= FILL_TOKENS && id < hi) {
			*upto = id;
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(sel);
	if (rc != SQLITE_DONE)
		return mp_db_fail(db, rc, e);
	sort_base = f->arena.p;
	/* No token at all (names without a Chinese character): f->t is
	 * still NULL, which qsort must not be handed even for no rows. */
	if (f->n > 1)
		qsort(f->t, f->n, sizeof *f->t, cmp_tok);
	ret = mp_db_prepare(db, "INSERT OR IGNORE INTO search_tokens (s_tbl, s_tok, s_key, s_id)"
	                    " SELECT ?, tok, key, id FROM mp_search_fill", &ins, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int(ins, 1, p->code);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(ins);
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(ins);
	return ret;
}


int mp_search_resume(mp_db *db, mp_search_paused *p, mp_err *e)
{
	struct fill f = { 0 };
	int64_t lo;
	int ret = MP_OK;

	if (!p->fill)
		return MP_OK;
	ret = mp_db_max_id(db, p->table->name, &p->last, e);
	if (ret == MP_OK && sqlite3_create_module_v2(db->h, "mp_search_fill", &fill_module,
	                                             &f, NULL) != SQLITE_OK)
		ret = mp_db_fail(db, sqlite3_errcode(db->h), e);
	for (lo = p->after; ret == MP_OK && lo < p->last; )
		ret = fill_range(db, p, lo, lo + FILL_ROWS, &f, &lo, e);
	sqlite3_create_module_v2(db->h, "mp_search_fill", NULL, NULL, NULL);
	free(f.t);
	mp_arena_free(&f.arena);
	if (ret == MP_OK)
		ret = mp_db_unpause(db, &p->trigger, e);
	mp_search_paused_free(db, p);
	return ret;
}

