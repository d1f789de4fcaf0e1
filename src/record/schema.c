/* schema.c — tables made from their declaration, and opening a ledger with
 * the program's schema.
 *
 * The record types that schema steps made (schema_steps.c) keep them; a
 * type declared since (MP_T_DECLARED) is made here, from its mp_table,
 * the way the steps made theirs (tests/unit/test_schema.c holds the two
 * to each other), when a ledger is opened. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_kinds.h"
#include "mp_registry.h"
#include "mp_schema.h"
#include "mp_search.h"
#include "mp_text.h"

/* The record types: the one place that knows where their list is. */
static const mp_table *table_at(int i)
{
	return mp_registry_get(i);
}

static FILE *sql_open(char **sql, size_t *len)
{
	FILE *f = open_memstream(sql, len);

	if (!f)
		mp_oom();
	return f;
}

/* The text written to f (after fclose, which sets *sql). */
static char *sql_close(FILE *f, char **sql)
{
	if (fclose(f) != 0 || !*sql)
		mp_oom();
	return *sql;
}

/* One field's column, as the schema steps wrote each kind: its name and
 * type, NOT NULL for a required first field or reference, the reference,
 * and the kind's CHECK (mp_kind_ops).  A column added to an older
 * ledger's table (added) holds nothing in the rows already there, so it
 * cannot be NOT NULL without a default: a text one gets '' (an empty
 * field), any other kind is left nullable (SQLite allows no non-NULL
 * default on a reference, and 0 is no empty number) and the record's
 * own check keeps it required on every save. */
static void put_column(FILE *f, const mp_table *t, int i, int added)
{
	const mp_field *fd = &t->fields[i];
	const mp_kind_ops *k = mp_kind_of(fd);
	int nn = (fd->flags & MP_F_REQUIRED) && (i == 0 || k->refers);

	if (added && nn && !k->refers && !strcmp(k->sqltype, "TEXT"))
		fprintf(f, "%s %s NOT NULL DEFAULT ''", fd->col, k->sqltype);
	else
		fprintf(f, "%s %s%s", fd->col, k->sqltype,
		        nn && !added ? " NOT NULL" : "");
	if (k->refers)
		fprintf(f, " REFERENCES %s(id)", fd->ref ? fd->ref->name : "?");
	if (k->sql_check) {
		fputc(' ', f);
		for (const char *p = k->sql_check; *p; p++)
			if (*p == '@')
				fputs(fd->col, f);
			else
				fputc(*p, f);
	}
}

char *mp_schema_table_sql(const mp_table *t, int if_not_exists)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = sql_open(&sql, &len);
	int i;

	fprintf(f, "CREATE TABLE %s%s ( id INTEGER PRIMARY KEY,"
	        " uuid TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,"
	        " updated_at TEXT NOT NULL, deleted_at TEXT",
	        if_not_exists ? "IF NOT EXISTS " : "", t->name);
	for (i = 0; i < t->nfields; i++) {
		fputs(", ", f);
		put_column(f, t, i, 0);
	}
	/* As schema step 10 added them to the tables of the steps. */
	fputs(", version INTEGER NOT NULL DEFAULT 1, updated_by TEXT)", f);
	return sql_close(f, &sql);
}

char *mp_schema_index_sql(const mp_table *t, const mp_index *ix,
                          int if_not_exists)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = sql_open(&sql, &len);

	fprintf(f, "CREATE %sINDEX %s%s ON %s(%s)",
	        ix->flags & MP_I_UNIQUE ? "UNIQUE " : "",
	        if_not_exists ? "IF NOT EXISTS " : "", ix->name, t->name, ix->cols);
	if (ix->flags & MP_I_LIVE)
		fputs(" WHERE deleted_at IS NULL", f);
	if (ix->where)
		fprintf(f, " %s %s", ix->flags & MP_I_LIVE ? "AND" : "WHERE", ix->where);
	return sql_close(f, &sql);
}

typedef int index_fn(void *arg, const char *name, const char *sql);

/* Each index a table made from its declaration gets, as the steps made
 * them, handed to fn by name with its CREATE INDEX IF NOT EXISTS: keyset
 * paging of live rows in each order, the recycle bin in the first, the
 * rows that point at a record (its lists of children, and the check that
 * a purged record is not referenced), then its declared ones.  Stops at
 * the first fn that does not return MP_OK, and returns that. */
static int each_index(const mp_table *t, index_fn *fn, void *arg)
{
	char name[160];
	char *sql;
	int i, ret = MP_OK;

	for (i = 0; ret == MP_OK && i < t->nsorts; i++) {
		const char *c = t->sorts[i].col;

		if (!strcmp(c, "id"))
			continue;
		snprintf(name, sizeof name, "%s_live_%s", t->name, c);
		sql = mp_asprintf("CREATE INDEX IF NOT EXISTS %s ON %s(%s, id)"
		                  " WHERE deleted_at IS NULL", name, t->name, c);
		ret = fn(arg, name, sql);
		free(sql);
		if (ret == MP_OK && i == 0) {
			snprintf(name, sizeof name, "%s_bin_%s", t->name, c);
			sql = mp_asprintf("CREATE INDEX IF NOT EXISTS %s ON %s(%s, id)"
			                  " WHERE deleted_at IS NOT NULL", name, t->name, c);
			ret = fn(arg, name, sql);
			free(sql);
		}
	}
	for (i = 0; ret == MP_OK && i < t->nfields; i++) {
		const char *c = t->fields[i].col;
		size_t n = strlen(c);

		if (!mp_field_refers(&t->fields[i]))
			continue;
		/* group_id: "<table>_group" */
		if (n > 3 && !strcmp(c + n - 3, "_id"))
			n -= 3;
		snprintf(name, sizeof name, "%s_%.*s", t->name, (int)n, c);
		sql = mp_asprintf("CREATE INDEX IF NOT EXISTS %s ON %s(%s)",
		                  name, t->name, c);
		ret = fn(arg, name, sql);
		free(sql);
	}
	for (i = 0; ret == MP_OK && i < t->nindexes; i++) {
		sql = mp_schema_index_sql(t, &t->indexes[i], 1);
		ret = fn(arg, t->indexes[i].name, sql);
		free(sql);
	}
	return ret;
}

static int put_index(void *arg, const char *name, const char *sql)
{
	(void)name;
	fprintf(arg, "%s;", sql);
	return MP_OK;
}

/* The table, its indexes and search triggers of t, on h, inside the
 * caller's transaction. */
static int make_table(sqlite3 *h, const mp_table *t, mp_err *e)
{
	char *sql = NULL, *s;
	size_t len = 0;
	FILE *f = sql_open(&sql, &len);
	int rc, ret;

	s = mp_schema_table_sql(t, 1);
	fprintf(f, "%s;", s);
	free(s);
	each_index(t, put_index, f);
	sql = sql_close(f, &sql);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	ret = rc == SQLITE_OK ? MP_OK : mp_db_fail_h(h, rc, e);
	if (ret == MP_OK)
		ret = mp_search_sync(h, t, e);
	free(sql);
	return ret;
}

int mp_schema_create_table(mp_db *db, const mp_table *t, mp_err *e)
{
	int ret = mp_db_begin(db, e);

	if (ret == MP_OK)
		ret = make_table(db->h, t, e);
	if (ret == MP_OK)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK && db->depth > 0)
		mp_db_rollback(db);
	return ret;
}

int mp_schema_step_table(sqlite3 *h, const mp_table *t, mp_err *e)
{
	return make_table(h, t, e);
}

int mp_schema_sync_search(sqlite3 *h, mp_err *e)
{
	const mp_table *t;
	int i, ret = MP_OK;

	for (i = 0; ret == MP_OK && (t = table_at(i)) != NULL; i++)
		ret = mp_search_sync(h, t, e);
	return ret;
}

/* ---- the schema read at once (mp_schema_snap) ---- */

struct snap_obj {
	char *type, *name, *sql;
};

struct mp_schema_snap {
	struct snap_obj *v;
	size_t n;
};

static int snap_cmp(const void *a, const void *b)
{
	const struct snap_obj *x = a, *y = b;
	int c = strcmp(x->type, y->type);

	return c ? c : strcmp(x->name, y->name);
}

mp_schema_snap *mp_schema_snap_read(sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	mp_schema_snap *s;
	size_t cap = 0;
	int rc;

	if (sqlite3_prepare_v2(h, "SELECT type, name, sql FROM sqlite_schema", -1, &st,
	                       NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	s = calloc(1, sizeof *s);
	if (!s)
		mp_oom();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *sql = (const char *)sqlite3_column_text(st, 2);

		if (!type || !name)
			continue;
		if (s->n == cap) {
			cap = cap ? cap * 2 : 256;
			s->v = realloc(s->v, cap * sizeof *s->v);
			if (!s->v)
				mp_oom();
		}
		s->v[s->n].type = mp_strdup(type);
		s->v[s->n].name = mp_strdup(name);
		s->v[s->n].sql = mp_strdup(sql ? sql : "");
		s->n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		mp_schema_snap_free(s);
		return NULL;
	}
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, snap_cmp);
	return s;
}

void mp_schema_snap_free(mp_schema_snap *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].type);
		free(s->v[i].name);
		free(s->v[i].sql);
	}
	free(s->v);
	free(s);
}

const char *mp_schema_snap_sql(const mp_schema_snap *s, const char *type,
                               const char *name)
{
	struct snap_obj key = { (char *)type, (char *)name, NULL }, *hit;

	if (!s || !s->n)
		return NULL;
	hit = bsearch(&key, s->v, s->n, sizeof *s->v, snap_cmp);
	return hit ? hit->sql : NULL;
}

/* Is there a schema object of type called name in the ledger (looked up
 * in snap when not NULL)? */
static int has_object(mp_db *db, const mp_schema_snap *snap, const char *type,
                      const char *name, int *yes, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*yes = 0;
	if (snap) {
		*yes = mp_schema_snap_sql(snap, type, name) != NULL;
		return MP_OK;
	}
	ret = mp_db_cached(db, "SELECT 1 FROM sqlite_schema WHERE type = ? AND name = ?",
	                   &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*yes = 1;
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

/* Has table t's table in the ledger a column for field i? */
static int has_column(mp_db *db, const mp_table *t, int i, int *yes, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	/* Cached: the opening asks this for every declared field. */
	int rc, ret = mp_db_cached(db, "SELECT 1 FROM pragma_table_info(?)"
	                           " WHERE name = ?", &st, e);

	*yes = 0;
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, t->fields[i].col, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*yes = 1;
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

/* What a declared type's table in the ledger lacks of its declaration. */
struct behind {
	mp_db *db;
	mp_err *e;
	int table;      /* the table itself */
	int columns;    /* columns of fields declared since it was made */
	int rest;       /* an index, or search triggers not as declared */
	int make;       /* each_index: make the missing ones (else count) */
	const mp_schema_snap *snap;  /* the schema read at once, or NULL */
};

/* The names of table's columns, read at once (pragma_table_info), into
 * *out (freed by the caller with mp_strlist_free). */
static int table_columns(mp_db *db, const char *table, mp_strlist *out, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = mp_db_cached(db, "SELECT name FROM pragma_table_info(?)", &st, e);

	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (name)
			mp_strlist_add(out, name);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

static int listed(const mp_strlist *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static int check_index(void *arg, const char *name, const char *sql)
{
	struct behind *b = arg;
	int yes, ret = has_object(b->db, b->snap, "index", name, &yes, b->e);

	if (ret == MP_OK && !yes) {
		b->rest++;
		if (b->make) {
			int rc = sqlite3_exec(b->db->h, sql, NULL, NULL, NULL);

			return rc == SQLITE_OK ? MP_OK : mp_db_fail(b->db, rc, b->e);
		}
	}
	return ret;
}

/* What of t's declaration db's table lacks, in *b; with make, it is made
 * (inside the caller's transaction): the missing columns added (the rows
 * already there keep every value and have the new fields empty), then
 * the missing indexes (one may be on a new column) and the search
 * triggers.  A column the declaration no longer has is left alone. */
static int bring_up(mp_db *db, const mp_table *t, struct behind *b, mp_err *e)
{
	int i, yes, ret;
	mp_strlist cols = { 0 };

	b->db = db;
	b->e = e;
	b->table = b->columns = b->rest = 0;

	ret = has_object(db, b->snap, "table", t->name, &yes, e);
	if (ret != MP_OK)
		return ret;
	if (!yes) {
		b->table = 1;
		return b->make ? mp_schema_create_table(db, t, e) : MP_OK;
	}
	/* Looking only: the table's columns read once, not one query a field. */
	if (b->snap)
		ret = table_columns(db, t->name, &cols, e);
	for (i = 0; ret == MP_OK && i < t->nfields; i++) {
		char *sql = NULL;
		size_t len = 0;
		FILE *f;
		int rc;

		if (b->snap)
			yes = listed(&cols, t->fields[i].col);
		else
			ret = has_column(db, t, i, &yes, e);
		if (ret != MP_OK || yes)
			continue;
		b->columns++;
		if (!b->make)
			continue;
		f = sql_open(&sql, &len);
		fprintf(f, "ALTER TABLE %s ADD COLUMN ", t->name);
		put_column(f, t, i, 1);
		sql = sql_close(f, &sql);
		rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			ret = mp_db_fail(db, rc, e);
	}
	mp_strlist_free(&cols);
	if (ret == MP_OK)
		ret = each_index(t, check_index, b);
	if (ret == MP_OK)
		ret = mp_search_synced(db->h, t, b->snap, &yes, e);
	if (ret == MP_OK && !yes) {
		b->rest++;
		if (b->make)
			ret = mp_search_sync(db->h, t, e);
	}
	return ret;
}

int mp_schema_create_declared(mp_db *db,
                              int (*before)(mp_db *db, int from, mp_err *e),
                              mp_err *e)
{
	struct behind b = { 0 }, all = { 0 };
	const mp_table *t;
	char *m;
	int i, ret = MP_OK;

	/* First only looked at: a ledger that has all its declarations is
	 * not written to (nor locked) by being opened.  The schema is read
	 * once for the look (the making below asks SQLite again, as it
	 * changes the schema). */
	b.snap = mp_schema_snap_read(db->h);
	for (i = 0; ret == MP_OK && (t = table_at(i)) != NULL; i++) {
		if (!(t->tflags & MP_T_DECLARED))
			continue;
		ret = bring_up(db, t, &b, e);
		all.table += b.table;
		all.columns += b.columns;
		all.rest += b.rest;
	}
	mp_schema_snap_free((mp_schema_snap *)b.snap);
	b.snap = NULL;
	if (ret != MP_OK || all.table + all.columns + all.rest == 0)
		return ret;
	if (mp_db_readonly(db)) {
		/* Missing indexes or triggers slow nothing that a read-only
		 * ledger does; a missing table or column fails every list. */
		if (all.table + all.columns == 0)
			return MP_OK;
		return mp_err_set(e, MP_EREADONLY,
			_("the ledger “%s” is read-only and must first be upgraded to this version of miaopu; make it writable and open it again"),
			mp_db_path(db));
	}
	/* New columns change the tables that hold the user's records: like a
	 * schema step, they wait for a good copy in the backup folder.  (A
	 * new table, index or trigger holds nothing of theirs yet.) */
	if (all.columns > 0) {
		sqlite3_stmt *st = NULL;
		int from = 0;

		ret = mp_db_prepare(db, "PRAGMA user_version", &st, e);
		if (ret == MP_OK && sqlite3_step(st) == SQLITE_ROW)
			from = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (ret == MP_OK)
			ret = mp_db_quick_check(db, e);
		if (ret == MP_OK && before)
			ret = before(db, from, e);
		if (ret != MP_OK) {
			m = mp_asprintf(_("%s; the ledger was not upgraded to this version of miaopu and is unchanged"), e->msg);
			mp_err_set(e, ret, "%s", m);
			free(m);
			return ret;
		}
	}
	/* Then made, all in one transaction: the ledger is brought up to
	 * every declaration or left as it was. */
	ret = mp_db_begin(db, e);
	b.make = 1;
	for (i = 0; ret == MP_OK && (t = table_at(i)) != NULL; i++)
		if (t->tflags & MP_T_DECLARED)
			ret = bring_up(db, t, &b, e);
	if (ret == MP_OK)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK && db->depth > 0)
		mp_db_rollback(db);
	return ret;
}
