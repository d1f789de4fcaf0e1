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
 * stepped per token.  Each token is one number whose order is the
 * tree's (its characters, then its row's rank by key and id), so that
 * the sort compares no text; 131,072 rows are read at a time, so that
 * an import of 100,000 rows passes over the index once. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_search.h"
#include "mp_text.h"

/* A token is kept as one number that sorts as search_tokens sorts it:
 * its characters' values (below) in the top 44 bits, a single character
 * with 0 for the second, and in the low 20 bits the rank of its row in
 * the order of (s_key, s_id).  Sorting these numbers is sorting the
 * tokens in the tree's order without comparing a single text, in 8
 * bytes a token (its texts' offsets and prefixes took 56). */
#define RANK_BITS 20
#define CHAR_BITS 22

/* The value of the character c of n bytes, in byte order: its code point
 * plus 1 (so that 0 is "no second character"), when c is a well-formed
 * UTF-8 character (a lead byte from 0xC2, as many following bytes as it
 * says, not overlong: the encodings whose byte order is the code points'
 * order); else 0, and its token goes in on its own (odd, below).  The
 * bytes after a lead byte are all 10xxxxxx (tokenize cut it so). */
static uint32_t char_value(const unsigned char *c, size_t n)
{
	uint32_t v;
	size_t i;

	if (n == 2 && c[0] >= 0xC2 && c[0] <= 0xDF)
		v = c[0] & 0x1F;
	else if (n == 3 && c[0] >= 0xE0 && c[0] <= 0xEF && (c[0] > 0xE0 || c[1] >= 0xA0))
		v = c[0] & 0x0F;
	else if (n == 4 && c[0] >= 0xF0 && c[0] <= 0xF7 && (c[0] > 0xF0 || c[1] >= 0x90))
		v = c[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++)
		v = v << 6 | (c[i] & 0x3F);
	return v + 1;
}

/* The bytes of the character of value v (char_value's inverse): their
 * number. */
static int put_char(uint32_t v, unsigned char *out)
{
	v--;
	if (v < 0x800) {
		out[0] = (unsigned char)(0xC0 | v >> 6);
		out[1] = (unsigned char)(0x80 | (v & 0x3F));
		return 2;
	}
	if (v < 0x10000) {
		out[0] = (unsigned char)(0xE0 | v >> 12);
		out[1] = (unsigned char)(0x80 | (v >> 6 & 0x3F));
		out[2] = (unsigned char)(0x80 | (v & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | v >> 18);
	out[1] = (unsigned char)(0x80 | (v >> 12 & 0x3F));
	out[2] = (unsigned char)(0x80 | (v >> 6 & 0x3F));
	out[3] = (unsigned char)(0x80 | (v & 0x3F));
	return 4;
}

/* One row of a fill: its id and its key's text in the fill's arena. */
struct row {
	int64_t id;
	uint32_t key, keylen;
};

/* A token whose characters have no value (broken UTF-8): its bytes in
 * the arena, and its row (by the order read, then by rank). */
struct odd {
	uint32_t row, tok, len;
};

struct fill {
	uint64_t *t;            /* the tokens, then sorted */
	size_t n, cap;
	struct row *r;          /* the rows, in the order read, then by rank */
	uint32_t *byrank;       /* row numbers in (key, id) order, then spent */
	uint32_t *rank;         /* each row's place in that order */
	size_t nr, rcap;
	struct odd *odd;
	size_t nodd, oddcap;
	uint64_t *tmp;          /* RUN_TOKENS numbers: sort_run's other half */
	mp_arena arena;
};

static void *grow(void *p, size_t *cap, size_t size, size_t first)
{
	*cap = *cap ? *cap * 2 : first;
	p = realloc(p, *cap * size);
	if (!p)
		mp_oom();
	return p;
}

/* The arena of the fill being sorted (qsort passes no argument). */
static const struct fill *sort_fill;

/* Rows in search_tokens' order of (s_key, s_id): the key's bytes, then
 * the shorter (BINARY), then the id. */
static int cmp_row(const void *pa, const void *pb)
{
	const struct row *a = &sort_fill->r[*(const uint32_t *)pa];
	const struct row *b = &sort_fill->r[*(const uint32_t *)pb];
	uint32_t n = a->keylen < b->keylen ? a->keylen : b->keylen;
	int c = memcmp(sort_fill->arena.p + a->key, sort_fill->arena.p + b->key, n);

	if (c)
		return c;
	if (a->keylen != b->keylen)
		return a->keylen < b->keylen ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

/* One token of the row read last: c (n bytes), then the character d (m
 * bytes) for a pair. */
static void add_tok(struct fill *f, const unsigned char *c, size_t n,
                    const unsigned char *d, size_t m)
{
	uint32_t a = char_value(c, n), b = d ? char_value(d, m) : 0;

	if (a && (b || !d)) {
		if (f->n == f->cap)
			f->t = grow(f->t, &f->cap, sizeof *f->t, 65536);
		/* The row's number for now: its rank once all are read. */
		f->t[f->n++] = ((uint64_t)a << CHAR_BITS | b) << RANK_BITS | (f->nr - 1);
		return;
	}
	if (f->nodd == f->oddcap)
		f->odd = grow(f->odd, &f->oddcap, sizeof *f->odd, 64);
	f->odd[f->nodd].row = (uint32_t)(f->nr - 1);
	f->odd[f->nodd].len = (uint32_t)(n + m);
	f->odd[f->nodd++].tok = (uint32_t)mp_arena_add(&f->arena, c, n + m);
}

/* The tokens of one row's text, exactly as the trigger's SQL makes them
 * (put_tokens in search.c): a character is what SQLite's substr() counts as one (a
 * byte from 0xC0 up with the 10xxxxxx bytes after it, or any other
 * byte); it is indexed when its unicode() is above 127, that is when its
 * first byte is 0x80 or above; the first MP_SEARCH_MAXLEN characters are
 * indexed, each alone and with the next when both are.  Doing this here
 * instead of in SQL takes a fifth of the time. */
static void tokenize(struct fill *f, const char *text)
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
			add_tok(f, prev, (size_t)(c - prev), c, (size_t)(s - c));
		if (wide && i <= MP_SEARCH_MAXLEN)
			add_tok(f, c, (size_t)(s - c), NULL, 0);
		prev = wide && i <= MP_SEARCH_MAXLEN ? c : NULL;
	}
}

/* Rows a fill reads at a time, and the tokens and bytes it holds at
 * most: 8 bytes a token, some 30 a row, their keys; about 8 MB at most,
 * so that an import stays within 32 MB (issue 15), while 100,000
 * volunteers (450,000 tokens) are one range.  FILL_ROWS must stay below
 * 1 << RANK_BITS. */
#define FILL_ROWS 131072
#define FILL_TOKENS 524288
#define FILL_BYTES (2 << 20)

/* Tokens sorted at a time: a sort takes a copy as large as what it
 * sorts, so the tokens are sorted in runs of this many (a copy of 512
 * KB, not of all of them) and merged as they go in (fill_next). */
#define RUN_TOKENS 65536
/* A range ends once it holds FILL_TOKENS, after a row of at most
 * 2 * MP_SEARCH_MAXLEN tokens, fewer than RUN_TOKENS: one run more. */
#define FILL_RUNS (FILL_TOKENS / RUN_TOKENS + 1)

/* The n numbers of a (n <= RUN_TOKENS) in order, a byte at a time from
 * the least (a radix sort, through f->tmp), a byte that all share
 * skipped (most of a character's high bits): a fifth of qsort's time,
 * whose comparison is a call. */
static void sort_run(struct fill *f, uint64_t *a, size_t n)
{
	size_t count[8][256];
	uint64_t *src = a, *dst, *swap;
	size_t i, pos[256], sum;
	int d, b;

	if (!f->tmp && !(f->tmp = malloc(RUN_TOKENS * sizeof *f->tmp)))
		mp_oom();
	dst = f->tmp;
	memset(count, 0, sizeof count);
	for (i = 0; i < n; i++)
		for (d = 0; d < 8; d++)
			count[d][a[i] >> (8 * d) & 0xFF]++;
	for (d = 0; d < 8; d++) {
		if (count[d][a[0] >> (8 * d) & 0xFF] == n)
			continue;
		for (b = 0, sum = 0; b < 256; b++) {
			pos[b] = sum;
			sum += count[d][b];
		}
		for (i = 0; i < n; i++)
			dst[pos[src[i] >> (8 * d) & 0xFF]++] = src[i];
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
}

/* The rows ranked in (key, id) order, each token given its row's rank in
 * place of its number, and the tokens sorted in runs. */
static void sort_fill_tokens(struct fill *f)
{
	const uint64_t low = ((uint64_t)1 << RANK_BITS) - 1;
	size_t i;

	for (i = 0; i < f->nr; i++)
		f->byrank[i] = (uint32_t)i;
	sort_fill = f;
	if (f->nr > 1)
		qsort(f->byrank, f->nr, sizeof *f->byrank, cmp_row);
	for (i = 0; i < f->nr; i++)
		f->rank[f->byrank[i]] = (uint32_t)i;
	for (i = 0; i < f->n; i++)
		f->t[i] = (f->t[i] & ~low) | f->rank[f->t[i] & low];
	for (i = 0; i < f->nodd; i++)
		f->odd[i].row = f->rank[f->odd[i].row];
	/* The rows moved into that order (each cycle of the permutation
	 * followed in place): the tokens of one character, in rank order,
	 * then read their rows one after the other, not all over memory. */
	for (i = 0; i < f->nr; i++) {
		struct row keep;
		size_t j, from;

		if (f->byrank[i] == UINT32_MAX)
			continue;
		keep = f->r[i];
		for (j = i; ; j = from) {
			from = f->byrank[j];
			f->byrank[j] = UINT32_MAX;
			if (from == i) {
				f->r[j] = keep;
				break;
			}
			f->r[j] = f->r[from];
		}
	}
	for (i = 0; i < f->n; i += RUN_TOKENS)
		sort_run(f, f->t + i, f->n - i < RUN_TOKENS ? f->n - i : RUN_TOKENS);
}

/* ---- the sorted tokens as a table ----
 * One INSERT ... SELECT over them costs a fifth of an INSERT stepped once
 * a token: an eponymous virtual table, mp_search_fill, shows the fill's
 * array (its pAux) to SQL for as long as the module is registered. */

typedef struct {
	sqlite3_vtab base;
	const struct fill *f;
} fill_vtab;

/* The runs' next tokens, merged: the least of them is the cursor's
 * token (t); a token a row holds twice (丽丽) comes once. */
typedef struct {
	sqlite3_vtab_cursor base;
	size_t pos[FILL_RUNS], end[FILL_RUNS];
	int nruns, eof;
	uint64_t t;
	sqlite3_int64 n;
	unsigned char tok[8];   /* t's text */
	int toklen;
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

/* The least token left in the runs, past the one given last; eof when
 * none is. */
static void fill_step(fill_cursor *c, const struct fill *f)
{
	for (;;) {
		int r, best = -1;

		for (r = 0; r < c->nruns; r++)
			if (c->pos[r] < c->end[r]
			    && (best < 0 || f->t[c->pos[r]] < f->t[c->pos[best]]))
				best = r;
		if (best < 0) {
			c->eof = 1;
			return;
		}
		if (c->n == 0 || f->t[c->pos[best]] != c->t) {
			uint32_t b;

			c->t = f->t[c->pos[best]++];
			c->n++;
			b = (uint32_t)(c->t >> RANK_BITS) & ((1u << CHAR_BITS) - 1);
			c->toklen = put_char((uint32_t)(c->t >> (RANK_BITS + CHAR_BITS)), c->tok);
			if (b)
				c->toklen += put_char(b, c->tok + c->toklen);
			return;
		}
		c->pos[best]++;
	}
}

static int fill_filter(sqlite3_vtab_cursor *vc, int idx, const char *idxstr,
                       int argc, sqlite3_value **argv)
{
	fill_cursor *c = (fill_cursor *)vc;
	const struct fill *f = ((fill_vtab *)vc->pVtab)->f;
	size_t i;

	(void)idx;
	(void)idxstr;
	(void)argc;
	(void)argv;
	c->nruns = 0;
	c->eof = 0;
	c->n = 0;
	for (i = 0; i < f->n && c->nruns < FILL_RUNS; i += RUN_TOKENS) {
		c->pos[c->nruns] = i;
		c->end[c->nruns++] = f->n - i < RUN_TOKENS ? f->n : i + RUN_TOKENS;
	}
	fill_step(c, f);
	return SQLITE_OK;
}

static int fill_next(sqlite3_vtab_cursor *c)
{
	fill_step((fill_cursor *)c, ((fill_vtab *)c->pVtab)->f);
	return SQLITE_OK;
}

static int fill_eof(sqlite3_vtab_cursor *c)
{
	return ((fill_cursor *)c)->eof;
}

static int fill_column(sqlite3_vtab_cursor *vc, sqlite3_context *ctx, int col)
{
	const fill_cursor *c = (const fill_cursor *)vc;
	const struct fill *f = ((fill_vtab *)vc->pVtab)->f;
	const struct row *r = &f->r[c->t & (((uint64_t)1 << RANK_BITS) - 1)];

	if (col == 0)
		sqlite3_result_text(ctx, (const char *)c->tok, c->toklen, SQLITE_TRANSIENT);
	else if (col == 1)
		sqlite3_result_text(ctx, f->arena.p + r->key, (int)r->keylen, SQLITE_STATIC);
	else
		sqlite3_result_int64(ctx, r->id);
	return SQLITE_OK;
}

static int fill_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *id)
{
	*id = ((fill_cursor *)c)->n;
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

/* The rows with ids in (lo, hi] read, their tokens made and sorted. */
static int read_range(mp_db *db, mp_search_paused *p, int64_t lo, int64_t hi,
                      struct fill *f, int64_t *upto, mp_err *e)
{
	sqlite3_stmt *sel = NULL;
	int rc, ret;

	*upto = hi;
	f->n = f->nr = f->nodd = f->arena.used = 0;
	ret = mp_db_prepare(db, p->fill, &sel, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(sel, 1, lo);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(sel, 2, hi);
	while (rc == SQLITE_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(sel, 2);
		int keylen = sqlite3_column_bytes(sel, 1);
		int64_t id = sqlite3_column_int64(sel, 0);
		struct row *r;

		if (f->nr == f->rcap) {
			f->r = grow(f->r, &f->rcap, sizeof *f->r, 4096);
			f->byrank = realloc(f->byrank, f->rcap * sizeof *f->byrank);
			f->rank = realloc(f->rank, f->rcap * sizeof *f->rank);
			if (!f->byrank || !f->rank)
				mp_oom();
		}
		r = &f->r[f->nr++];
		r->id = id;
		r->keylen = (uint32_t)keylen;
		r->key = (uint32_t)mp_arena_add(&f->arena, sqlite3_column_blob(sel, 1),
		                                (size_t)keylen);
		if (text)
			tokenize(f, text);
		rc = SQLITE_OK;
		/* Long texts (a note of a thousand characters makes two
		 * thousand tokens) end the range early: the tokens and bytes
		 * held stay within their bounds, whatever the rows hold.  The
		 * rows of a rowid range come in the order of their ids. */
		if ((f->n >= FILL_TOKENS || f->arena.used >= FILL_BYTES) && id < hi) {
			*upto = id;
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(sel);
	if (rc != SQLITE_DONE)
		return mp_db_fail(db, rc, e);
	sort_fill_tokens(f);
	return MP_OK;
}

/* The tokens of rows (lo, hi], sorted, then inserted in that order: a
 * tree filled in its own order takes each key beside the last one,
 * several times faster than the same keys in row order.  The odd tokens
 * (broken UTF-8, which no test but a fuzzer's makes) go in one by one. */
static int fill_range(mp_db *db, mp_search_paused *p, int64_t lo, int64_t hi,
                      struct fill *f, int64_t *upto, mp_err *e)
{
	sqlite3_stmt *ins = NULL;
	size_t i;
	int rc, ret = read_range(db, p, lo, hi, f, upto, e);

	if (ret == MP_OK)
		ret = mp_db_prepare(db, "INSERT OR IGNORE INTO search_tokens (s_tbl, s_tok, s_key, s_id)"
		                    " SELECT ?, tok, key, id FROM mp_search_fill", &ins, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int(ins, 1, p->code);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(ins);
	sqlite3_finalize(ins);
	ins = NULL;
	if (rc == SQLITE_DONE && f->nodd)
		rc = sqlite3_prepare_v2(db->h, "INSERT OR IGNORE INTO search_tokens"
		                        " (s_tbl, s_tok, s_key, s_id) VALUES (?, ?, ?, ?)",
		                        -1, &ins, NULL) == SQLITE_OK ? SQLITE_DONE : sqlite3_errcode(db->h);
	for (i = 0; rc == SQLITE_DONE && i < f->nodd; i++) {
		const struct odd *o = &f->odd[i];
		const struct row *r = &f->r[o->row];

		rc = sqlite3_bind_int(ins, 1, p->code);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(ins, 2, f->arena.p + o->tok, (int)o->len, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(ins, 3, f->arena.p + r->key, (int)r->keylen,
			                       SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(ins, 4, r->id);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(ins);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	return rc == SQLITE_DONE ? MP_OK : mp_db_fail(db, rc, e);
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
	free(f.r);
	free(f.byrank);
	free(f.rank);
	free(f.odd);
	free(f.tmp);
	mp_arena_free(&f.arena);
	if (ret == MP_OK)
		ret = mp_db_unpause(db, &p->trigger, e);
	mp_search_paused_free(db, p);
	return ret;
}
