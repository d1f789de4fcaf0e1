/* importref.c — what a row of an import refers to, and whether it is
 * already in the ledger (import_internal.h).
 *
 * A file names the records it refers to the way people do: by what each
 * type's table says it is found by (mp_table.findby: a group by its name,
 * a volunteer by ID number or volunteer number, an activity by its name
 * and date …); what export writes also carries their UUIDs, which win and
 * find a record of any type.  Nothing here knows a type by name.
 *
 * The live records of a type referred to are read once per import into
 * memory, with an order by each value they are found by, so that a file of
 * a million rows costs a binary search a row, whatever indexes the ledger
 * has (activities have none by name).  A file never refers to the type it
 * adds, so what is read stays true for the whole import. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_internal.h"
#include "import_internal.h"
#include "mp_kinds.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_text.h"

/* The live records of one type that rows refer to. */
struct target {
	const mp_table *to;
	int read;
	long n;
	int ncols;            /* values kept per record */
	int *col_of;          /* per field of to: its column in val, or -1 */
	int64_t *id;
	const char **val;     /* n * ncols; column 0 is the first field */
	long *order[IMP_KEYS_PER_FIELD];  /* per findby entry: by its value */
	char **block;         /* the values' text, in blocks: a malloc a */
	int nblock;           /* value cost more in overhead than the text */
	size_t used, size;    /* of the last block */
	/* The last value looked up by each findby entry and where its
	 * records start in order[k]: rows of a file often name the same
	 * group one after the other. */
	char *last[IMP_KEYS_PER_FIELD];
	long last_lo[IMP_KEYS_PER_FIELD];
	/* Per findby entry, made at its first look-up: each distinct value's
	 * first place in order[k] + 1 (0: an empty slot), by a hash of the
	 * value, so that a look-up among 100,000 volunteers compares one or
	 * two strings instead of seventeen, each a cache miss away. */
	uint32_t *slot[IMP_KEYS_PER_FIELD];
	uint32_t mask[IMP_KEYS_PER_FIELD];
	/* Whether two records share a value of findby entry k (names may;
	 * ID numbers never): when none do, a value found has one record and
	 * the next in order[k], a cache miss or three away, is not compared. */
	int shared[IMP_KEYS_PER_FIELD];
};

#define BLOCK (256 * 1024)

/* A copy of s among g's blocks. */
static char *keep_text(struct target *g, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p;

	if (!g->nblock || n > g->size - g->used) {
		char **nb = realloc(g->block, (size_t)(g->nblock + 1) * sizeof *nb);

		if (!nb)
			mp_oom();
		g->block = nb;
		g->size = n > BLOCK ? n : BLOCK;
		if (!(nb[g->nblock] = malloc(g->size)))
			mp_oom();
		g->nblock++;
		g->used = 0;
	}
	p = g->block[g->nblock - 1] + g->used;
	memcpy(p, s, n);
	g->used += n;
	return p;
}

struct imp_refs {
	mp_db *db;
	const mp_table *t;
	sqlite3_stmt **uuid_st;   /* per field of t */
	sqlite3_stmt *dup_st;
	struct target *tg;        /* one per type referred to */
	int ntg;
	long *cand;               /* candidates of the lookup in hand */
	long ncand, capcand;
	/* Field labels asked for on every row, translated once (the
	 * language does not change during an import). */
	const mp_field *lab_f[8];
	const char *lab[8];
	int nlab;
	/* Per reference field of t: scope_of's answer (-1: none) and its
	 * gfield, found once, not for every row. */
	int *scope, *gscope;
};

/* mp_field_label(f), remembered for the next rows. */
static const char *label_of(struct imp_refs *ir, const mp_field *f)
{
	int j;

	for (j = 0; j < ir->nlab; j++)
		if (ir->lab_f[j] == f)
			return ir->lab[j];
	if (ir->nlab == (int)(sizeof ir->lab / sizeof ir->lab[0]))
		return mp_field_label(f);
	ir->lab_f[ir->nlab] = f;
	return ir->lab[ir->nlab++] = mp_field_label(f);
}

static int scope_of(const mp_table *t, int i, const mp_table *to, int *gfield);

struct imp_refs *imp_refs_new(mp_db *db, const mp_table *t)
{
	struct imp_refs *ir = calloc(1, sizeof *ir);
	int i;

	if (!ir)
		mp_oom();
	ir->db = db;
	ir->t = t;
	ir->uuid_st = calloc((size_t)t->nfields, sizeof *ir->uuid_st);
	ir->tg = calloc((size_t)t->nfields, sizeof *ir->tg);
	ir->scope = malloc((size_t)t->nfields * sizeof *ir->scope);
	ir->gscope = malloc((size_t)t->nfields * sizeof *ir->gscope);
	if (!ir->uuid_st || !ir->tg || !ir->scope || !ir->gscope)
		mp_oom();
	for (i = 0; i < t->nfields; i++) {
		const mp_table *to = t->fields[i].ref;
		int k;

		ir->scope[i] = ir->gscope[i] = -1;
		if (!mp_field_refers(&t->fields[i]) || !to)
			continue;
		ir->scope[i] = scope_of(t, i, to, &ir->gscope[i]);
		for (k = 0; k < ir->ntg && ir->tg[k].to != to; k++)
			;
		if (k == ir->ntg)
			ir->tg[ir->ntg++].to = to;
	}
	return ir;
}

static void target_free(struct target *g)
{
	long i;
	int k;

	for (i = 0; i < g->nblock; i++)
		free(g->block[i]);
	free(g->block);
	free(g->val);
	free(g->id);
	free(g->col_of);
	for (k = 0; k < IMP_KEYS_PER_FIELD; k++) {
		free(g->order[k]);
		free(g->last[k]);
		free(g->slot[k]);
	}
}

void imp_refs_free(struct imp_refs *ir)
{
	int i;

	if (!ir)
		return;
	for (i = 0; i < ir->t->nfields; i++)
		sqlite3_finalize(ir->uuid_st[i]);
	sqlite3_finalize(ir->dup_st);
	for (i = 0; i < ir->ntg; i++)
		target_free(&ir->tg[i]);
	free(ir->tg);
	free(ir->uuid_st);
	free(ir->scope);
	free(ir->gscope);
	free(ir->cand);
	free(ir);
}

static struct target *target_of(struct imp_refs *ir, const mp_table *to)
{
	int k;

	for (k = 0; k < ir->ntg; k++)
		if (ir->tg[k].to == to)
			return &ir->tg[k];
	return NULL;
}

/* ---- the header ---- */

int imp_refs_key(const mp_table *t, const char *name)
{
	int i, k, j;

	for (i = 0; i < t->nfields; i++) {
		const mp_table *to = t->fields[i].ref;

		if (!mp_field_refers(&t->fields[i]) || !to)
			continue;
		for (k = 0; k < to->nfindby && k < IMP_KEYS_PER_FIELD; k++) {
			const char *const *c = to->findby[k].columns;

			for (j = 0; c && c[j]; j++)
				if (strcasecmp(name, c[j]) == 0)
					return i * IMP_KEYS_PER_FIELD + k;
		}
	}
	return -1;
}

int imp_refs_uuid_column(const mp_table *t, const char *name)
{
	size_t n = strlen(name);
	int i;

	if (n < 4 || strcasecmp(name + n - 4, "UUID") != 0)
		return -1;
	for (n -= 4; n > 0 && name[n - 1] == ' '; n--)
		;
	for (i = 0; i < t->nfields; i++) {
		const mp_field *f = &t->fields[i];

		if (!mp_field_refers(f) || !f->ref)
			continue;
		if ((strlen(f->label_zh) == n && !strncmp(name, f->label_zh, n))
		    || (strlen(f->label_en) == n && !strncasecmp(name, f->label_en, n)))
			return i;
	}
	return -1;
}

/* ---- reading the records referred to ---- */

/* The order qsort is asked for: by one column's value, then by id. */
static const struct target *sorting;
static int sort_col;

static int by_value(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	int c = strcmp(sorting->val[x * sorting->ncols + sort_col],
	               sorting->val[y * sorting->ncols + sort_col]);

	if (c)
		return c;
	return sorting->id[x] < sorting->id[y] ? -1 : sorting->id[x] > sorting->id[y];
}

/* Keep field i of g's type (once). */
static void keep(struct target *g, int i)
{
	if (i >= 0 && i < g->to->nfields && g->col_of[i] < 0)
		g->col_of[i] = g->ncols++;
}

/* Read the live records of g's type: the first field (a name, for
 * messages), the fields findby compares, and the references that scope
 * a search (an activity within the row's group). */
static int target_read(struct imp_refs *ir, struct target *g, mp_err *e)
{
	const mp_table *to = g->to;
	sqlite3_stmt *st = NULL;
	char *sql = NULL;
	size_t len = 0, cap = 0;
	FILE *f;
	int i, k, rc, ret;

	g->col_of = malloc((size_t)to->nfields * sizeof *g->col_of);
	if (!g->col_of)
		mp_oom();
	for (i = 0; i < to->nfields; i++)
		g->col_of[i] = -1;
	keep(g, 0);
	for (k = 0; k < to->nfindby; k++)
		keep(g, to->findby[k].field);
	for (i = 0; i < to->nfields; i++)
		if (mp_field_refers(&to->fields[i]))
			keep(g, i);
	f = open_memstream(&sql, &len);
	if (!f)
		mp_oom();
	/* Names from the constant descriptors. */
	fputs("SELECT id", f);
	for (k = 0; k < g->ncols; k++)
		for (i = 0; i < to->nfields; i++)
			if (g->col_of[i] == k)
				fprintf(f, ", ifnull(%s, '')", to->fields[i].col);
	fprintf(f, " FROM %s WHERE deleted_at IS NULL ORDER BY id", to->name);
	if (fclose(f) != 0)
		mp_oom();
	ret = mp_db_prepare(ir->db, sql, &st, e);
	free(sql);
	if (ret != MP_OK)
		return ret;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((size_t)g->n == cap) {
			cap = cap ? cap * 2 : 256;
			g->id = realloc(g->id, cap * sizeof *g->id);
			g->val = realloc(g->val, cap * (size_t)g->ncols * sizeof *g->val);
			if (!g->id || !g->val)
				mp_oom();
		}
		g->id[g->n] = sqlite3_column_int64(st, 0);
		for (k = 0; k < g->ncols; k++) {
			const char *s = (const char *)sqlite3_column_text(st, k + 1);

			g->val[g->n * g->ncols + k] = keep_text(g, s ? s : "");
		}
		g->n++;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(ir->db, rc, e);
	sqlite3_finalize(st);
	if (ret != MP_OK)
		return ret;
	for (k = 0; k < to->nfindby && k < IMP_KEYS_PER_FIELD; k++) {
		long *o = malloc(((size_t)g->n + 1) * sizeof *o);
		long j;

		if (!o)
			mp_oom();
		for (j = 0; j < g->n; j++)
			o[j] = j;
		sorting = g;
		sort_col = g->col_of[to->findby[k].field];
		qsort(o, (size_t)g->n, sizeof *o, by_value);
		g->order[k] = o;
	}
	g->read = 1;
	return MP_OK;
}

static const char *value(const struct target *g, long rec, int field)
{
	return g->val[rec * g->ncols + g->col_of[field]];
}

/* FNV-1a: the values are short (an ID number, a group's name). */
static uint32_t hash_of(const char *v)
{
	uint32_t h = 2166136261u;

	for (; *v; v++)
		h = (h ^ (unsigned char)*v) * 16777619u;
	return h;
}

/* g->slot[k] from order[k]; left NULL (the binary search then) when g
 * holds too many records for 32-bit places. */
static void make_slots(struct target *g, int k, int col)
{
	const long *o = g->order[k];
	size_t size = 16;
	long j;

	if (g->n >= (long)(UINT32_MAX / 4))
		return;
	while (size < (size_t)g->n * 2)
		size *= 2;
	g->slot[k] = calloc(size, sizeof *g->slot[k]);
	if (!g->slot[k])
		mp_oom();
	g->mask[k] = (uint32_t)(size - 1);
	for (j = 0; j < g->n; j++) {
		const char *v = g->val[o[j] * g->ncols + col];
		uint32_t h;

		/* order[k] is sorted: only the first of equal values. */
		if (j && !strcmp(v, g->val[o[j - 1] * g->ncols + col])) {
			g->shared[k] = 1;
			continue;
		}
		for (h = hash_of(v) & g->mask[k]; g->slot[k][h]; h = (h + 1) & g->mask[k])
			;
		g->slot[k][h] = (uint32_t)j + 1;
	}
}

/* The first place in order[k] of value v, or where it would be (-1 when
 * not there, found by the hash). */
static long first_of(struct target *g, int k, int col, const char *v)
{
	const long *o = g->order[k];
	long lo = 0, hi = g->n;
	uint32_t h;

	if (!g->slot[k])
		make_slots(g, k, col);
	if (g->slot[k]) {
		for (h = hash_of(v) & g->mask[k]; g->slot[k][h]; h = (h + 1) & g->mask[k]) {
			long at = (long)g->slot[k][h] - 1;

			if (!strcmp(g->val[o[at] * g->ncols + col], v))
				return at;
		}
		return g->n;
	}
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;

		if (strcmp(g->val[o[mid] * g->ncols + col], v) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The records of g whose findby k value is v, into ir->cand. */
static void lookup(struct imp_refs *ir, struct target *g, int k,
                   const char *v)
{
	const long *o = g->order[k];
	int col = g->col_of[g->to->findby[k].field];
	long lo;

	if (g->last[k] && !strcmp(g->last[k], v)) {
		lo = g->last_lo[k];
	} else {
		lo = first_of(g, k, col, v);
		free(g->last[k]);
		g->last[k] = mp_strdup(v);
		g->last_lo[k] = lo;
	}
	ir->ncand = 0;
	/* Found by the hash (first_of compared it), and no other record
	 * has it. */
	if (g->slot[k] && !g->shared[k] && lo < g->n) {
		if (!ir->capcand) {
			ir->capcand = 16;
			ir->cand = malloc((size_t)ir->capcand * sizeof *ir->cand);
			if (!ir->cand)
				mp_oom();
		}
		ir->cand[ir->ncand++] = o[lo];
		return;
	}
	for (; lo < g->n && !strcmp(g->val[o[lo] * g->ncols + col], v); lo++) {
		if (ir->ncand == ir->capcand) {
			ir->capcand = ir->capcand ? ir->capcand * 2 : 16;
			ir->cand = realloc(ir->cand, (size_t)ir->capcand * sizeof *ir->cand);
			if (!ir->cand)
				mp_oom();
		}
		ir->cand[ir->ncand++] = o[lo];
	}
}

/* Keep the candidates whose field is v. */
static void narrow(struct imp_refs *ir, const struct target *g, int field,
                   const char *v)
{
	long i, n = 0;

	for (i = 0; i < ir->ncand; i++)
		if (!strcmp(value(g, ir->cand[i], field), v))
			ir->cand[n++] = ir->cand[i];
	ir->ncand = n;
}

/* ---- finding records ---- */

static void set_id(mp_record *r, int i, int64_t id)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	mp_record_set(r, i, buf);
}

static int by_uuid(struct imp_refs *ir, int i, const mp_table *to,
                   const char *uuid, int64_t *id, mp_err *e)
{
	sqlite3_stmt *st;
	int rc, ret = MP_OK;

	*id = 0;
	if (!uuid || !*uuid)
		return MP_OK;
	if (!ir->uuid_st[i]) {
		/* The name from the constant descriptors. */
		char *sql = mp_asprintf("SELECT id FROM %s WHERE uuid = ?"
		                        " AND deleted_at IS NULL", to->name);

		ret = mp_db_prepare(ir->db, sql, &ir->uuid_st[i], e);
		free(sql);
		if (ret != MP_OK)
			return ret;
	}
	st = ir->uuid_st[i];
	rc = sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(ir->db, rc, e);
	sqlite3_reset(st);
	return ret;
}

/* A value as the ledger keeps it for field f of the type looked in (its
 * kind's normal form: an ID number's final x upper-cased, a date as
 * YYYY-MM-DD), or NULL when it is no value of that kind. */
static char *normalised(const mp_field *f, const char *v)
{
	const mp_kind_ops *k = mp_kind_of(f);
	char buf[256];

	if (!k->normalise)
		return mp_strdup(v);
	return k->normalise(f, v, buf, sizeof buf) ? mp_strdup(buf) : NULL;
}

static int masked(const mp_field *f, const char *v)
{
	return (f->flags & MP_F_MASK) && strchr(v, '*');
}

/* The field of r's table whose record scopes a search in g (a row's group
 * for its activity): one referring to a type that g's type refers to as
 * well.  Its field in g's type goes to *gfield.  -1 if none. */
static int scope_of(const mp_table *t, int i, const mp_table *to, int *gfield)
{
	int j, k;

	for (j = 0; j < t->nfields; j++) {
		if (j == i || !mp_field_refers(&t->fields[j]) || !t->fields[j].ref)
			continue;
		for (k = 0; k < to->nfields; k++)
			if (mp_field_refers(&to->fields[k]) && to->fields[k].ref == t->fields[j].ref) {
				*gfield = k;
				return j;
			}
	}
	return -1;
}

/* The labels of the fields a cell is looked up by ("证件号码 / 志愿者编号"). */
static void cell_labels(const mp_table *to, char *buf, size_t size)
{
	size_t len = 0;
	int k;

	buf[0] = '\0';
	for (k = 0; k < to->nfindby; k++) {
		if (!(to->findby[k].flags & MP_FIND_CELL) || len >= size)
			continue;
		snprintf(buf + len, size - len, "%s%s", len ? " / " : "",
		         mp_field_label(&to->fields[to->findby[k].field]));
		len = strlen(buf);
	}
}

/* One reference field i of r, by what its type is found by. */
static int find_by_table(struct imp_refs *ir, mp_record *r, int i,
                         const char *const *key, mp_err *e)
{
	const mp_table *t = r->t, *to = t->fields[i].ref;
	const char *label = label_of(ir, &t->fields[i]);
	const char *via = NULL, *mask = NULL, *nv = NULL;
	struct target *g = target_of(ir, to);
	char *cell = mp_strdup(r->v[i]), *want = NULL, *v, what[256];
	int k, ret = MP_OK, found = 0, scope, gscope = -1;
	const mp_field *ff = NULL;
	long c;

	if (!g->read && (ret = target_read(ir, g, e)) != MP_OK)
		goto out;
	/* A value in a column of its own ("证件号码") says which, first. */
	for (k = 0; k < to->nfindby && k < IMP_KEYS_PER_FIELD; k++) {
		const mp_findby *fb = &to->findby[k];
		const char *kv = key[i * IMP_KEYS_PER_FIELD + k];

		if (fb->flags & MP_FIND_NARROW) {
			if (kv && *kv)
				nv = kv;
			continue;
		}
		if (found || !kv || !*kv)
			continue;
		ff = &to->fields[fb->field];
		if (masked(ff, kv)) {
			mask = kv;
			continue;
		}
		v = normalised(ff, kv);
		lookup(ir, g, k, v ? v : "");
		free(v);
		if (!ir->ncand) {
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: no %s with %s %s in the ledger"), label,
			                   _(to->unit_en), mp_field_label(ff), kv);
			goto out;
		}
		via = kv;
		snprintf(what, sizeof what, "%s", label_of(ir, ff));
		found = 1;
	}
	/* Else the cell itself, by each value that may be written there. */
	if (!found && !*cell)
		goto out;     /* the field's own check says whether required */
	for (k = 0; k < to->nfindby && !found; k++) {
		const mp_findby *fb = &to->findby[k];

		if (!(fb->flags & MP_FIND_CELL))
			continue;
		ff = &to->fields[fb->field];
		v = normalised(ff, cell);
		lookup(ir, g, k, v ? v : "");
		free(v);
		found = ir->ncand > 0;
		snprintf(what, sizeof what, "%s", label_of(ir, ff));
	}
	if (!found) {
		cell_labels(to, what, sizeof what);
		if (mask)
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: %s is masked and finds nobody; export with --full to keep ID numbers whole"),
			                   label, mask);
		else if (to->find_hint_en)
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: no %s in the ledger has %s “%s”; %s"),
			                   label, _(to->unit_en), what, cell,
			                   _(to->find_hint_en));
		else
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: no %s in the ledger has %s “%s” (import or add it first)"),
			                   label, _(to->unit_en), what, cell);
		goto out;
	}
	/* Within the row's own record of a type both refer to. */
	scope = ir->scope[i];
	gscope = ir->gscope[i];
	if (scope >= 0 && r->v[scope][0]) {
		narrow(ir, g, gscope, r->v[scope]);
		if (!ir->ncand) {
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: no %s with %s “%s” in the ledger for this row's %s"),
			                   label, _(to->unit_en), what, via ? via : cell,
			                   mp_field_label(&t->fields[scope]));
			goto out;
		}
	}
	/* A date in its own column chooses; without one, the row's own. */
	for (k = 0; k < to->nfindby; k++)
		if (to->findby[k].flags & MP_FIND_NARROW)
			break;
	if (k < to->nfindby) {
		const mp_findby *fb = &to->findby[k];
		const mp_field *nf = &to->fields[fb->field];

		if (nv) {
			want = normalised(nf, nv);
			if (!want) {
				ret = mp_err_field(e, MP_EINVAL, i,
				                   _("%s: %s “%s” is not a date (write it as 2024-03-05)"),
				                   label, fb->columns[0], nv);
				goto out;
			}
			narrow(ir, g, fb->field, want);
			if (!ir->ncand) {
				ret = mp_err_field(e, MP_EINVAL, i,
				                   _("%s: no %s with %s “%s” and %s %s in the ledger"),
				                   label, _(to->unit_en), what, via ? via : cell,
				                   fb->columns[0], want);
				goto out;
			}
		} else if (ir->ncand > 1) {
			int j;

			for (j = 0; j < t->nfields; j++)
				if (t->fields[j].kind == nf->kind && r->v[j][0])
					break;
			if (j < t->nfields && (want = normalised(nf, r->v[j]))) {
				long one = -1, n = 0;

				for (c = 0; c < ir->ncand; c++)
					if (!strcmp(value(g, ir->cand[c], fb->field), want)) {
						one = ir->cand[c];
						n++;
					}
				if (n == 1) {
					ir->cand[0] = one;
					ir->ncand = 1;
				}
			}
		}
		/* Several still, with no date given: the date may tell. */
		if (ir->ncand > 1 && !nv) {
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: more than one %s has %s “%s”; add a %s column or the %sUUID column to say which"),
			                   label, _(to->unit_en), what, via ? via : cell,
			                   fb->columns ? fb->columns[0] : mp_field_label(nf),
			                   t->fields[i].label_zh);
			goto out;
		}
	}
	if (ir->ncand > 1) {
		ret = mp_err_field(e, MP_EINVAL, i,
		                   _("%s: more than one %s has %s “%s”; add the %sUUID column to say which"),
		                   label, _(to->unit_en), what, via ? via : cell,
		                   t->fields[i].label_zh);
		goto out;
	}
	c = ir->cand[0];
	/* The name beside a number must be that record's. */
	if (via && *cell && strcmp(cell, value(g, c, 0)) != 0) {
		int same = 0;

		for (k = 0; k < to->nfindby && k < IMP_KEYS_PER_FIELD; k++) {
			const char *kv = key[i * IMP_KEYS_PER_FIELD + k];

			same |= kv && strcasecmp(cell, kv) == 0;
			same |= !strcmp(cell, value(g, c, to->findby[k].field));
		}
		if (!same) {
			ret = mp_err_field(e, MP_EINVAL, i,
			                   _("%s: %s belongs to %s, not to “%s”"), label,
			                   via, value(g, c, 0), cell);
			goto out;
		}
	}
	set_id(r, i, g->id[c]);
out:
	free(want);
	free(cell);
	return ret;
}

/* One reference field: by its UUID, else by what its type allows. */
static int resolve_one(struct imp_refs *ir, mp_record *r, int i,
                       const char *uuid, const char *const *key, mp_err *e)
{
	const mp_field *f = &r->t->fields[i];
	int64_t id;
	int ret;

	mp_trim(r->v[i]);
	ret = by_uuid(ir, i, f->ref, uuid, &id, e);
	if (ret != MP_OK)
		return ret;
	if (id) {
		set_id(r, i, id);
		return MP_OK;
	}
	if (f->ref->nfindby > 0)
		return find_by_table(ir, r, i, key, e);
	if (!r->v[i][0])
		return MP_OK;     /* the field's own check says whether required */
	return mp_err_field(e, MP_EINVAL, i,
	                    _("%s: “%s” cannot be found by name; add the %sUUID column that export writes"),
	                    mp_field_label(f), r->v[i], f->label_zh);
}

int imp_refs_resolve(struct imp_refs *ir, mp_record *r,
                     const char *const *refuuid, const char *const *key,
                     mp_err *bad, mp_err *e)
{
	const mp_table *t = r->t;
	int pass, i, ret, any = 0;

	for (i = 0; i < t->nfields; i++)
		mp_err_clear(&bad[i]);
	/* First the references that scope others (a row's group), then those
	 * looked for within them (its activity). */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < t->nfields; i++) {
			const mp_field *f = &t->fields[i];
			int scope;

			if (!mp_field_refers(f) || !f->ref)
				continue;
			scope = ir->scope[i];
			if ((scope >= 0) != (pass == 1))
				continue;
			if (scope >= 0 && bad[scope].code != MP_OK) {
				/* Not looked for: what it is within is wrong. */
				bad[i].code = MP_EINVAL;
				continue;
			}
			ret = resolve_one(ir, r, i, refuuid[i], key, &bad[i]);
			if (ret == MP_EINVAL) {
				any = 1;
			} else if (ret != MP_OK) {
				*e = bad[i];
				return ret;
			}
		}
	return any ? MP_EINVAL : MP_OK;
}

/* ---- rows already in the ledger ---- */

/* SELECT 1 FROM t WHERE live AND each dupkey field equals ?n. */
static char *dup_sql(const mp_table *t)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);
	int k;

	if (!f)
		mp_oom();
	/* Names from the constant descriptors. */
	fprintf(f, "SELECT 1 FROM %s WHERE deleted_at IS NULL", t->name);
	for (k = 0; k < t->ndupkey; k++) {
		const mp_field *fd = &t->fields[t->dupkey[k]];

		if (mp_kind_of(fd)->store == MP_STORE_REAL)
			fprintf(f, " AND round(%s * 100) IS round(?%d * 100)", fd->col, k + 1);
		else if (mp_kind_of(fd)->store == MP_STORE_INT
		         && !(fd->flags & MP_F_REQUIRED))
			/* Often empty (a service record of no activity): its
			 * index would find every record without one, so the
			 * unary + keeps the planner to the other keys'. */
			fprintf(f, " AND +%s IS ?%d", fd->col, k + 1);
		else if (mp_kind_of(fd)->store == MP_STORE_INT)
			fprintf(f, " AND %s IS ?%d", fd->col, k + 1);
		else if (fd->flags & MP_F_REQUIRED)
			fprintf(f, " AND %s = ?%d", fd->col, k + 1);
		else
			fprintf(f, " AND ifnull(%s, '') = ?%d", fd->col, k + 1);
	}
	fputs(" LIMIT 1", f);
	if (fclose(f) != 0)
		mp_oom();
	return sql;
}

int imp_refs_duplicate(struct imp_refs *ir, const mp_record *r, int *dup,
                       mp_err *e)
{
	const mp_table *t = r->t;
	sqlite3_stmt *st;
	char labels[256];
	size_t len = 0;
	int rc = SQLITE_OK, ret = MP_OK, k;

	*dup = 0;
	if (!t->ndupkey)
		return MP_OK;
	if (!ir->dup_st) {
		char *sql = dup_sql(t);

		ret = mp_db_prepare(ir->db, sql, &ir->dup_st, e);
		free(sql);
		if (ret != MP_OK)
			return ret;
	}
	st = ir->dup_st;
	for (k = 0; k < t->ndupkey && rc == SQLITE_OK; k++) {
		const mp_field *fd = &t->fields[t->dupkey[k]];
		const char *v = r->v[t->dupkey[k]];

		if (mp_kind_of(fd)->store != MP_STORE_TEXT)
			rc = *v ? mp_kind_of(fd)->bind(st, k + 1, v)
			        : sqlite3_bind_null(st, k + 1);
		else
			rc = sqlite3_bind_text(st, k + 1, v, -1, SQLITE_STATIC);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*dup = 1;
		/* TRANSLATORS: between the names of fields in a list ("name,
		 * date"); Chinese takes "、". */
		const char *sep = _(", ");

		labels[0] = '\0';
		for (k = 0; k < t->ndupkey && len < sizeof labels; k++) {
			snprintf(labels + len, sizeof labels - len, "%s%s", k ? sep : "",
			         mp_field_label(&t->fields[t->dupkey[k]]));
			len = strlen(labels);
		}
		mp_err_field(e, MP_EDUP, t->dupkey[0],
		             _("a %s with the same %s is already in the ledger"),
		             _(t->unit_en), labels);
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(ir->db, rc, e);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ret;
}
