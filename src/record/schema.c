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

/* One field's column, as the schema steps wrote each kind: its type, NOT
 * NULL for a required first field or reference, the reference, and the
 * kind's CHECK (mp_kind_ops). */
static void put_column(FILE *f, const mp_table *t, int i)
{
	const mp_field *fd = &t->fields[i];
	const mp_kind_ops *k = mp_kind_of(fd);
	int nn = (fd->flags & MP_F_REQUIRED) && (i == 0 || k->refers);

	fprintf(f, ", %s %s%s", fd->col, k->sqltype, nn ? " NOT NULL" : "");
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
	for (i = 0; i < t->nfields; i++)
		put_column(f, t, i);
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

/* The indexes every table made from its declaration gets, as the steps
 * made them: keyset paging of live rows in each order, the recycle bin in
 * the first, and the rows that point at a record (its lists of children,
 * and the check that a purged record is not referenced). */
static void put_std_indexes(FILE *f, const mp_table *t)
{
	int i;

	for (i = 0; i < t->nsorts; i++) {
		const char *c = t->sorts[i].col;

		if (!strcmp(c, "id"))
			continue;
		fprintf(f, "CREATE INDEX IF NOT EXISTS %s_live_%s ON %s(%s, id)"
		        " WHERE deleted_at IS NULL;", t->name, c, t->name, c);
		if (i == 0)
			fprintf(f, "CREATE INDEX IF NOT EXISTS %s_bin_%s ON %s(%s, id)"
			        " WHERE deleted_at IS NOT NULL;", t->name, c, t->name, c);
	}
	for (i = 0; i < t->nfields; i++) {
		const char *c = t->fields[i].col;
		size_t n = strlen(c);

		if (!mp_field_refers(&t->fields[i]))
			continue;
		/* group_id: "<table>_group" */
		if (n > 3 && !strcmp(c + n - 3, "_id"))
			n -= 3;
		fprintf(f, "CREATE INDEX IF NOT EXISTS %s_%.*s ON %s(%s);",
		        t->name, (int)n, c, t->name, c);
	}
}

int mp_schema_create_table(mp_db *db, const mp_table *t, mp_err *e)
{
	char *sql = NULL, *s;
	size_t len = 0;
	FILE *f = sql_open(&sql, &len);
	int i, rc, ret;

	s = mp_schema_table_sql(t, 1);
	fprintf(f, "%s;", s);
	free(s);
	put_std_indexes(f, t);
	for (i = 0; i < t->nindexes; i++) {
		s = mp_schema_index_sql(t, &t->indexes[i], 1);
		fprintf(f, "%s;", s);
		free(s);
	}
	sql = sql_close(f, &sql);
	ret = mp_db_begin(db, e);
	if (ret == MP_OK) {
		rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		ret = rc == SQLITE_OK ? MP_OK : mp_db_fail(db, rc, e);
	}
	if (ret == MP_OK)
		ret = mp_search_sync(db->h, t, e);
	if (ret == MP_OK)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK && db->depth > 0)
		mp_db_rollback(db);
	free(sql);
	return ret;
}

int mp_schema_sync_search(sqlite3 *h, mp_err *e)
{
	const mp_table *t;
	int i, ret = MP_OK;

	for (i = 0; ret == MP_OK && (t = table_at(i)) != NULL; i++)
		ret = mp_search_sync(h, t, e);
	return ret;
}

/* Is there a table called name in the ledger? */
static int has_table(mp_db *db, const char *name, int *yes, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = mp_db_prepare(db, "SELECT 1 FROM sqlite_schema"
	                            " WHERE type = 'table' AND name = ?", &st, e);

	*yes = 0;
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*yes = 1;
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

int mp_schema_create_declared(mp_db *db, mp_err *e)
{
	const mp_table *t;
	int i, yes, ret = MP_OK;

	if (mp_db_readonly(db))
		return MP_OK;
	for (i = 0; ret == MP_OK && (t = table_at(i)) != NULL; i++) {
		if (!(t->tflags & MP_T_DECLARED))
			continue;
		ret = has_table(db, t->name, &yes, e);
		if (ret == MP_OK && !yes)
			ret = mp_schema_create_table(db, t, e);
	}
	return ret;
}
