/* list.c — a list view's window onto a query, by keyset paging.
 *
 * Rows are found by their key (sort value, id): "the 7 rows after this
 * one" is an index seek, whatever the depth, so there is never an OFFSET,
 * never a COUNT(*), and never a table in memory.  Statements are prepared
 * once per shape (direction, key or none, filters, search and preset
 * present) and re-bound for new values.
 *
 * Parameters are numbered in the SQL (?3, ?4, ...): a preset's condition
 * names ?1 (today) and ?2 (soon) itself and may use only one of them, so
 * the other parameters cannot be left to SQLite's "largest so far plus
 * one" numbering.
 *
 * The one count there is (mp_listq_count, the "of N" a list shows) is
 * made once for a view and a state of the ledger and then kept, and it
 * stops at a cap: moving through a list never counts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_i18n.h"
#include "mp_ident.h"
#include "mp_kinds.h"
#include "mp_list.h"
#include "mp_search.h"
#include "mp_text.h"

/* Statement slots: 3 kinds of start (none, after, from) x 2 directions,
 * one for key_of, and one each for the count and the rank. */
#define NSLOTS 9
#define SLOT_KEYOF 6
#define SLOT_COUNT 7
#define SLOT_RANK 8

enum filter_state { FILTER_NONE, FILTER_EQ, FILTER_NULL };

/* What an empty number sorts as: below every value a number field holds
 * (counts and hours are never negative; money may be, down to
 * -9,999,999,999.99 元). */
#define EMPTY_NUMBER "-1000000000000000"

struct mp_listq {
	mp_db *db;
	const mp_table *t;
	int sort;
	int bin;
	char *search;          /* NULL = none */
	int code;              /* the table's code in search_tokens, 0 = none */
	int ntok;              /* tokens the search is narrowed by (search.c) */
	char tok[MP_SEARCH_MAXTOK][16];
	char **filter;         /* per field, NULL = none */
	int preset;            /* index into t->presets, -1 = none */
	char today[11], soon[11];  /* ?1 and ?2 of the preset */
	sqlite3_stmt *st[NSLOTS];
	int *listcols;         /* indexes of the MP_F_LIST fields */
	int nlist;
	/* Per list cell: the display width of the widest identifier fetched
	 * so far (mp_listq_cell_width), -1 for a cell that is not one. */
	int *cellw;
	/* The kept count: valid while count_ok and the ledger's generation
	 * is count_gen, for a cap of count_cap. */
	int count_ok, count_more;
	long long count, count_gen, count_cap;
	/* The preset whose rows come back marked (-1: none), and its ?1 ?2. */
	int mark;
	char mark_today[11], mark_soon[11];
};

static void invalidate(mp_listq *q)
{
	int i;

	q->count_ok = 0;
	for (i = 0; i < NSLOTS; i++) {
		sqlite3_finalize(q->st[i]);
		q->st[i] = NULL;
	}
}

mp_listq *mp_listq_new(mp_db *db, const mp_table *t)
{
	mp_listq *q = calloc(1, sizeof *q);
	int i;

	if (!q)
		mp_oom();
	q->db = db;
	q->t = t;
	q->preset = -1;
	q->mark = -1;
	q->code = mp_search_code(t);
	q->filter = calloc((size_t)t->nfields, sizeof *q->filter);
	q->listcols = calloc((size_t)t->nfields, sizeof *q->listcols);
	q->cellw = calloc((size_t)t->nfields, sizeof *q->cellw);
	if (!q->filter || !q->listcols || !q->cellw)
		mp_oom();
	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].flags & MP_F_LIST) {
			q->cellw[q->nlist] = mp_field_is_ident(t, i) ? 0 : -1;
			q->listcols[q->nlist++] = i;
		}
	return q;
}

void mp_listq_free(mp_listq *q)
{
	if (!q)
		return;
	invalidate(q);
	mp_listq_clear_filters(q);
	free(q->filter);
	free(q->listcols);
	free(q->cellw);
	free(q->search);
	free(q);
}

void mp_listq_set_sort(mp_listq *q, int sort)
{
	if (sort < 0 || sort >= q->t->nsorts || sort == q->sort)
		return;
	q->sort = sort;
	/* The same rows in another order: the count kept stands. */
	int kept = q->count_ok;
	invalidate(q);
	q->count_ok = kept;
}

int mp_listq_sort(const mp_listq *q)
{
	return q->sort;
}

void mp_listq_set_search(mp_listq *q, const char *s)
{
	int had = q->search != NULL, ntok = q->ntok;

	q->count_ok = 0;
	free(q->search);
	q->search = s && *s ? mp_strdup(s) : NULL;
	q->ntok = q->code && q->search ? mp_search_tokens(q->search, q->tok) : 0;
	/* A new text is only a new binding; statements change shape only
	 * when search turns on or off or narrows by another number of
	 * tokens. */
	if (had != (q->search != NULL) || ntok != q->ntok)
		invalidate(q);
}

static enum filter_state filter_state(const char *v)
{
	return !v ? FILTER_NONE : *v ? FILTER_EQ : FILTER_NULL;
}

void mp_listq_set_filter(mp_listq *q, int field, const char *value)
{
	enum filter_state before;

	if (field < 0 || field >= q->t->nfields)
		return;
	before = filter_state(q->filter[field]);
	q->count_ok = 0;
	free(q->filter[field]);
	q->filter[field] = value ? mp_strdup(value) : NULL;
	if (before != filter_state(q->filter[field]))
		invalidate(q);
}

const char *mp_listq_filter(const mp_listq *q, int field)
{
	if (field < 0 || field >= q->t->nfields)
		return NULL;
	return q->filter[field];
}

void mp_listq_clear_filters(mp_listq *q)
{
	int i;

	for (i = 0; i < q->t->nfields; i++)
		if (q->filter[i])
			mp_listq_set_filter(q, i, NULL);
}

void mp_listq_set_bin(mp_listq *q, int bin)
{
	bin = !!bin;
	if (bin == q->bin)
		return;
	q->bin = bin;
	invalidate(q);
}

int mp_listq_bin(const mp_listq *q)
{
	return q->bin;
}

static void copy_date(char dst[11], const char *src)
{
	snprintf(dst, 11, "%s", src ? src : "");
}

void mp_listq_set_preset(mp_listq *q, int preset, const char *today,
                         const char *soon)
{
	if (preset < 0 || preset >= q->t->npresets || !q->t->presets)
		preset = -1;
	/* New dates are only new bindings; a new condition is a new shape. */
	if (strcmp(q->today, today ? today : "") || strcmp(q->soon, soon ? soon : ""))
		q->count_ok = 0;
	copy_date(q->today, today);
	copy_date(q->soon, soon);
	if (preset == q->preset)
		return;
	q->preset = preset;
	invalidate(q);
}

int mp_listq_preset(const mp_listq *q)
{
	return q->preset;
}

void mp_listq_set_mark(mp_listq *q, int preset, const char *today,
                       const char *soon)
{
	if (preset < 0 || preset >= q->t->npresets || !q->t->presets)
		preset = -1;
	copy_date(q->mark_today, today);
	copy_date(q->mark_soon, soon);
	if (preset == q->mark)
		return;
	q->mark = preset;
	invalidate(q);
}

/* ---- building the query ---- */

/* What the order is by: "id" (no separate sort value), a column that is
 * never NULL, or a nullable column compared through ifnull so that the
 * key comparison and ORDER BY agree.  Empty dates go last either way: a
 * list by follow-up date, soonest first, starts with the dates, not with
 * the visits that have none ('~' sorts after every digit). */
static const mp_field *sort_field(const mp_listq *q)
{
	const char *col = q->t->sorts[q->sort].col;
	int i;

	for (i = 0; i < q->t->nfields; i++)
		if (!strcmp(q->t->fields[i].col, col))
			return &q->t->fields[i];
	return NULL;
}

static void put_sortexpr(FILE *f, const mp_listq *q)
{
	const mp_field *sf = sort_field(q);

	if (!sf)
		fputs("NULL", f);
	else if (sf->flags & MP_F_REQUIRED)
		fputs(sf->col, f);
	else if (mp_kind_of(sf)->store != MP_STORE_TEXT)
		fprintf(f, "ifnull(%s, %s)", sf->col, EMPTY_NUMBER);
	else if (mp_kind_of(sf)->empty_last && !q->t->sorts[q->sort].desc)
		fprintf(f, "ifnull(%s, '~')", sf->col);
	else
		fprintf(f, "ifnull(%s, '')", sf->col);
}

/* A column as people read it: for a reference, the first field of the
 * record it points to (a name), looked up by a correlated subquery. */
static void put_shown(FILE *f, const mp_table *t, const mp_field *fd)
{
	if (mp_kind_of(fd)->list_sql)
		mp_kind_of(fd)->list_sql(f, t, fd);
	else
		fputs(fd->col, f);
}

/* Does the search go through the character index in the table's first
 * order, whose key search_tokens holds (s_key)?  Then the query walks
 * the index entries of one token in order and stops at a screenful. */
static int keyed(const mp_listq *q)
{
	const mp_field *sf = sort_field(q);

	return q->ntok > 0 && q->sort == 0 && sf && (sf->flags & MP_F_REQUIRED);
}

static void put_from(FILE *f, const mp_listq *q)
{
	if (keyed(q))
		fprintf(f, " FROM search_tokens CROSS JOIN %s ON %s.id = s_id",
		        q->t->name, q->t->name);
	else
		fprintf(f, " FROM %s", q->t->name);
}

/* The number of the first parameter after the preset's ?1 and ?2. */
#define FIRST_PARAM 3

/* WHERE clause shared by fetch and key_of: bin, preset, filters, search.
 * *p is the number of the next parameter. */
static void put_where(FILE *f, const mp_listq *q, int *p)
{
	int i, first = 1;

	fprintf(f, " WHERE deleted_at IS %s", q->bin ? "NOT NULL" : "NULL");
	if (q->preset >= 0)
		fprintf(f, " AND (%s)", q->t->presets[q->preset].where);
	for (i = 0; i < q->t->nfields; i++) {
		switch (filter_state(q->filter[i])) {
		case FILTER_EQ:
			fprintf(f, " AND %s = ?%d", q->t->fields[i].col, (*p)++);
			break;
		case FILTER_NULL:
			fprintf(f, " AND %s IS NULL", q->t->fields[i].col);
			break;
		default:
			break;
		}
	}
	if (!q->search)
		return;
	if (keyed(q))
		fprintf(f, " AND s_tbl = %d AND s_tok = ?%d", q->code, (*p)++);
	/* Chinese text: only the rows holding its tokens (search.c).  In
	 * the table's first order the first token's index entries, which
	 * hold the sort key, drive the query (see put_from); otherwise the
	 * rows of all the tokens are looked up by id and sorted. */
	for (i = keyed(q); i < q->ntok; i++) {
		/* Keyed, each row the first token drives is looked for under
		 * the other tokens by its whole key: "id IN (SELECT ...)" read
		 * every entry of the token first, which grew with the table
		 * (three characters: 1.5 ms at 100,000 volunteers, 14 ms at a
		 * million). */
		if (keyed(q)) {
			fprintf(f, " AND EXISTS (SELECT 1 FROM search_tokens AS t%d"
			        " WHERE t%d.s_tbl = %d AND t%d.s_tok = ?%d"
			        " AND t%d.s_key = search_tokens.s_key"
			        " AND t%d.s_id = search_tokens.s_id)",
			        i, i, q->code, i, (*p)++, i, i);
			continue;
		}
		fputs(i ? " INTERSECT " : " AND id IN (", f);
		fprintf(f, "SELECT s_id FROM search_tokens WHERE s_tbl = %d AND s_tok = ?%d",
		        q->code, (*p)++);
	}
	if (q->ntok && !keyed(q))
		fputs(")", f);
	/* Substring of any length across the searched fields, joined by a
	 * separator nobody types; lower() folds ASCII only, which is what we
	 * want: Chinese has no case. */
	fputs(" AND instr(lower(", f);
	for (i = 0; i < q->t->nfields; i++) {
		if (!(q->t->fields[i].flags & MP_F_SEARCH))
			continue;
		fprintf(f, "%sifnull(", first ? "" : " || char(31) || ");
		put_shown(f, q->t, &q->t->fields[i]);
		fputs(", '')", f);
		first = 0;
	}
	if (first)
		fputs("''", f);
	fprintf(f, "), lower(?%d)) > 0", (*p)++);
}

/* Binds the preset's dates as ?1 and ?2 (also when the condition names
 * only one: a gap below the highest number may be bound) and the rest
 * from *p on, in put_where's order. */
static int bind_where(const mp_listq *q, sqlite3_stmt *st, int *p)
{
	int i, rc = SQLITE_OK;

	if (q->preset >= 0) {
		rc = sqlite3_bind_text(st, 1, q->today, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, q->soon, -1, SQLITE_STATIC);
	} else if (q->mark >= 0) {
		/* The mark's condition names the same ?1 and ?2. */
		rc = sqlite3_bind_text(st, 1, q->mark_today, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, q->mark_soon, -1, SQLITE_STATIC);
	}
	for (i = 0; i < q->t->nfields && rc == SQLITE_OK; i++) {
		if (filter_state(q->filter[i]) != FILTER_EQ)
			continue;
		/* As the column holds it: a reference by id (the records of
		 * one parent), a choice as text. */
		rc = mp_kind_of(&q->t->fields[i])->bind(st, (*p)++, q->filter[i]);
	}
	for (i = 0; i < q->ntok && rc == SQLITE_OK; i++)
		rc = sqlite3_bind_text(st, (*p)++, q->tok[i], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && q->search)
		rc = sqlite3_bind_text(st, (*p)++, q->search, -1, SQLITE_STATIC);
	return rc;
}

/* The rows after (start 1) or from (start 2) a key, in the order asc;
 * none for start 0.  *p is the number of the next parameter. */
static void put_start(FILE *f, const mp_listq *q, int asc, int start, int *p)
{
	const char *op = asc ? (start == 2 ? ">=" : ">")
	                     : (start == 2 ? "<=" : "<");

	if (!start)
		return;
	if (keyed(q)) {
		fprintf(f, " AND (s_key, s_id) %s (?%d, ?%d)", op, *p, *p + 1);
		*p += 2;
	} else if (!sort_field(q)) {
		fprintf(f, " AND id %s ?%d", op, (*p)++);
	} else {
		fputs(" AND (", f);
		put_sortexpr(f, q);
		fprintf(f, ", id) %s (?%d, ?%d)", op, *p, *p + 1);
		*p += 2;
	}
}

static char *fetch_sql(const mp_listq *q, int asc, int start)
{
	int byid = !sort_field(q);
	const char *dir = asc ? "ASC" : "DESC";
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);
	int i, p = FIRST_PARAM;

	if (!f)
		mp_oom();
	fputs("SELECT id, ", f);
	put_sortexpr(f, q);
	for (i = 0; i < q->nlist; i++) {
		fputs(", ", f);
		put_shown(f, q->t, &q->t->fields[q->listcols[i]]);
	}
	fprintf(f, ", %s.version", q->t->name);
	if (q->mark >= 0)   /* after the version */
		fprintf(f, ", (%s)", q->t->presets[q->mark].where);
	put_from(f, q);
	put_where(f, q, &p);
	put_start(f, q, asc, start, &p);
	if (keyed(q)) {
		fprintf(f, " ORDER BY s_key %s, s_id %s", dir, dir);
	} else if (byid) {
		fprintf(f, " ORDER BY id %s", dir);
	} else {
		fputs(" ORDER BY ", f);
		put_sortexpr(f, q);
		fprintf(f, " %s, id %s", dir, dir);
	}
	fprintf(f, " LIMIT ?%d", p);
	if (fclose(f) != 0 || !sql)
		mp_oom();
	return sql;
}

static int get_stmt(mp_listq *q, int slot, char *(*make)(const mp_listq *, int, int),
                    int asc, int start, sqlite3_stmt **out, mp_err *e)
{
	int ret = MP_OK;

	if (!q->st[slot]) {
		char *sql = make(q, asc, start);
		ret = mp_db_prepare(q->db, sql, &q->st[slot], e);
		free(sql);
	}
	*out = q->st[slot];
	return ret;
}

/* Done with a statement: end its read snapshot (so that writers can
 * checkpoint) and drop bindings that point at our strings. */
static void release(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static int bind_key(const mp_listq *q, sqlite3_stmt *st, int *p, const mp_key *k)
{
	const mp_field *sf = sort_field(q);
	const char *sv = k->sortval ? k->sortval : "";
	int rc = SQLITE_OK;

	/* The sort value is the stored column (or EMPTY_NUMBER), never the
	 * kept form: a number is bound as one. */
	if (sf && mp_kind_of(sf)->store == MP_STORE_INT)
		rc = sqlite3_bind_int64(st, (*p)++, strtoll(k->sortval ? sv : EMPTY_NUMBER, NULL, 10));
	else if (sf && mp_kind_of(sf)->store == MP_STORE_REAL)
		rc = sqlite3_bind_double(st, (*p)++, strtod(k->sortval ? sv : EMPTY_NUMBER, NULL));
	else if (sf)
		rc = sqlite3_bind_text(st, (*p)++, sv, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, (*p)++, k->id);
	return rc;
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s ? mp_strdup(s) : NULL;
}

/* A list cell: as its kind shows it (hours as people write them, money
 * "1,234.50"), masked fields masked. */
static char *cell(sqlite3_stmt *st, int col, const mp_field *f)
{
	char num[32], shown[48], *masked;
	const char *v = mp_column_value(st, col, f, num, sizeof num);
	size_t size;

	if (!v)
		return mp_strdup("");
	if (mp_kind_of(f)->display && *v)
		v = mp_kind_of(f)->display(f, v, shown, sizeof shown);
	if (!(f->flags & MP_F_MASK))
		return mp_strdup(v);
	/* Masking never makes a string longer. */
	size = strlen(v) + 1;
	masked = malloc(size);
	if (!masked)
		mp_oom();
	return mp_mask(v, masked, size);
}

int mp_listq_fetch(mp_listq *q, const mp_key *from, int dir, int inclusive,
                   int max, mp_row *rows, int *n, mp_err *e)
{
	int asc = !q->t->sorts[q->sort].desc;
	int start = from ? (inclusive ? 2 : 1) : 0;
	int slot, ret, rc, p = FIRST_PARAM, got = 0, i;
	sqlite3_stmt *st;

	*n = 0;
	if (max <= 0 || dir == 0)
		return MP_OK;
	if (dir < 0)
		asc = !asc;
	slot = (dir < 0 ? 3 : 0) + start;
	ret = get_stmt(q, slot, fetch_sql, asc, start, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = bind_where(q, st, &p);
	if (rc == SQLITE_OK && from)
		rc = bind_key(q, st, &p, from);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, p, max);
	while (rc == SQLITE_OK && got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		mp_row *r = &rows[got++];

		r->key.id = sqlite3_column_int64(st, 0);
		r->key.sortval = dup_col(st, 1);
		r->ncells = q->nlist;
		r->cells = calloc((size_t)(q->nlist ? q->nlist : 1), sizeof *r->cells);
		if (!r->cells)
			mp_oom();
		for (i = 0; i < q->nlist; i++) {
			r->cells[i] = cell(st, 2 + i, &q->t->fields[q->listcols[i]]);
			if (q->cellw[i] >= 0) {
				int w = mp_text_width(r->cells[i]);

				if (w > q->cellw[i])
					q->cellw[i] = w;
			}
		}
		r->version = sqlite3_column_int64(st, 2 + q->nlist);
		r->marked = q->mark >= 0 && sqlite3_column_int(st, 3 + q->nlist);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		ret = mp_db_fail(q->db, rc, e);
		mp_rows_clear(rows, got);
		release(st);
		return ret;
	}
	release(st);
	if (dir < 0) {
		for (i = 0; i < got / 2; i++) {
			mp_row tmp = rows[i];
			rows[i] = rows[got - 1 - i];
			rows[got - 1 - i] = tmp;
		}
	}
	*n = got;
	return MP_OK;
}

int mp_listq_cell_width(const mp_listq *q, int cell)
{
	return cell >= 0 && cell < q->nlist && q->cellw[cell] > 0 ? q->cellw[cell] : 0;
}

static char *keyof_sql(const mp_listq *q, int asc, int start)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);
	int p = FIRST_PARAM;

	(void)asc;
	(void)start;
	if (!f)
		mp_oom();
	fputs("SELECT id, ", f);
	put_sortexpr(f, q);
	put_from(f, q);
	put_where(f, q, &p);
	fprintf(f, " AND id = ?%d", p);
	if (fclose(f) != 0 || !sql)
		mp_oom();
	return sql;
}

int mp_listq_key_of(mp_listq *q, int64_t id, mp_key *out, mp_err *e)
{
	sqlite3_stmt *st;
	int ret, rc, p = FIRST_PARAM;

	out->sortval = NULL;
	out->id = 0;
	ret = get_stmt(q, SLOT_KEYOF, keyof_sql, 1, 0, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = bind_where(q, st, &p);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, p, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->sortval = dup_col(st, 1);
		ret = MP_OK;
	} else if (rc == SQLITE_DONE) {
		ret = mp_err_set(e, MP_ENOTFOUND, _("the record is not in this list"));
	} else {
		ret = mp_db_fail(q->db, rc, e);
	}
	release(st);
	return ret;
}

/* ---- keys and rows ---- */

void mp_key_copy(mp_key *dst, const mp_key *src)
{
	char *old = dst->sortval;

	/* dst must hold a key or be zeroed: its old value is freed (after the
	 * copy, so that copying a key onto itself is safe). */
	dst->sortval = src->sortval ? mp_strdup(src->sortval) : NULL;
	dst->id = src->id;
	free(old);
}

void mp_key_clear(mp_key *k)
{
	if (!k)
		return;
	free(k->sortval);
	k->sortval = NULL;
	k->id = 0;
}

void mp_rows_clear(mp_row *rows, int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		mp_key_clear(&rows[i].key);
		for (j = 0; j < rows[i].ncells; j++)
			free(rows[i].cells[j]);
		free(rows[i].cells);
		rows[i].cells = NULL;
		rows[i].ncells = 0;
	}
}

int mp_list_values(mp_db *db, const mp_table *t, int field, int max,
                   mp_strlist *out, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char *sql;
	int rc, n = 0;

	if (field < 0 || field >= t->nfields)
		return mp_err_set(e, MP_EINVAL, "%s", _("no such field"));
	/* Column and table names come from the constant table descriptor. */
	sql = mp_asprintf("SELECT DISTINCT %s FROM %s WHERE deleted_at IS NULL"
	                  " AND %s IS NOT NULL AND %s <> '' ORDER BY 1 LIMIT ?",
	                  t->fields[field].col, t->name, t->fields[field].col,
	                  t->fields[field].col);
	rc = mp_db_prepare(db, sql, &st, e);
	free(sql);
	if (rc != MP_OK)
		return rc;
	sqlite3_bind_int(st, 1, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max) {
		mp_strlist_add(out, (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mp_db_fail(db, rc, e);
	return MP_OK;
}

/* ---- how many rows, and where one is ---- */

/* SELECT count(*) of the view's rows (start 0) or of those before a key
 * in the order asc (start 1), at most the last parameter's number. */
static char *count_sql(const mp_listq *q, int asc, int start)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);
	int p = FIRST_PARAM;

	if (!f)
		mp_oom();
	fputs("SELECT count(*) FROM (SELECT 1", f);
	put_from(f, q);
	put_where(f, q, &p);
	put_start(f, q, asc, start, &p);
	fprintf(f, " LIMIT ?%d)", p);
	if (fclose(f) != 0 || !sql)
		mp_oom();
	return sql;
}

static int run_count(mp_listq *q, int slot, const mp_key *key, long long cap,
                     long long *n, mp_err *e)
{
	/* Rows before the key in the order shown: the rows after it in the
	 * other direction. */
	int asc = !q->t->sorts[q->sort].desc;
	int ret, rc, p = FIRST_PARAM;
	sqlite3_stmt *st;

	*n = 0;
	ret = get_stmt(q, slot, count_sql, key ? !asc : asc, key ? 1 : 0, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = bind_where(q, st, &p);
	if (rc == SQLITE_OK && key)
		rc = bind_key(q, st, &p, key);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, p, cap + 1);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		ret = MP_OK;
	} else {
		ret = mp_db_fail(q->db, rc, e);
	}
	release(st);
	return ret;
}

int mp_listq_count_kept(const mp_listq *q, long long cap)
{
	return q->count_ok && q->count_gen == mp_db_generation(q->db) && q->count_cap == cap;
}

int mp_listq_count(mp_listq *q, long long cap, long long *n, int *more, mp_err *e)
{
	int ret;

	if (!mp_listq_count_kept(q, cap)) {
		long long gen = mp_db_generation(q->db);
		long long got;
		ret = run_count(q, SLOT_COUNT, NULL, cap, &got, e);
		if (ret != MP_OK)
			return ret;
		q->count_more = got > cap;
		q->count = got > cap ? cap : got;
		q->count_gen = gen;
		q->count_cap = cap;
		q->count_ok = 1;
	}
	*n = q->count;
	if (more)
		*more = q->count_more;
	return MP_OK;
}

int mp_listq_rank(mp_listq *q, const mp_key *key, long long cap, long long *n,
                  mp_err *e)
{
	int ret = run_count(q, SLOT_RANK, key, cap, n, e);
	if (ret == MP_OK && *n > cap)
		*n = cap;
	return ret;
}
