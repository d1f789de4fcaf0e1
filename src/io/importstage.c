/* importstage.c — a large import's checked rows, kept in a temporary
 * table and written in the order of the table's index (see
 * import_internal.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "mp_kinds.h"

struct imp_stage {
	mp_db *db;
	const mp_table *t;
	sqlite3_stmt *put;
	long n;
};

/* Columns: line, shown, uuid, created, updated, then one per field
 * (f0, f1 …), each as the record holds it (text). */
#define FIXED 5

static char *stage_sql(const mp_table *t, int insert)
{
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);
	int i;

	if (!f)
		mp_oom();
	if (insert) {
		fputs("INSERT INTO temp.imp_stage VALUES (?, ?, ?, ?, ?", f);
		for (i = 0; i < t->nfields; i++)
			fputs(", ?", f);
		fputs(")", f);
	} else {
		fputs("CREATE TEMP TABLE imp_stage (line INTEGER, shown TEXT,"
		      " uuid TEXT, created TEXT, updated TEXT", f);
		for (i = 0; i < t->nfields; i++)
			fprintf(f, ", f%d TEXT", i);
		fputs(")", f);
	}
	if (fclose(f) != 0)
		mp_oom();
	return sql;
}

struct imp_stage *imp_stage_new(mp_db *db, const mp_table *t, mp_err *e)
{
	struct imp_stage *s = calloc(1, sizeof *s);
	char *sql;
	int rc;

	if (!s)
		mp_oom();
	s->db = db;
	s->t = t;
	/* One left by an import of this connection that failed half-way. */
	sqlite3_exec(db->h, "DROP TABLE IF EXISTS temp.imp_stage", NULL, NULL, NULL);
	sql = stage_sql(t, 0);
	rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		mp_db_fail(db, rc, e);
		free(s);
		return NULL;
	}
	/* A UUID given twice in the file: the second row is a duplicate,
	 * found as the file is read, whatever the order rows are written in. */
	rc = sqlite3_exec(db->h, "CREATE UNIQUE INDEX temp.imp_stage_uuid"
	                  " ON imp_stage (uuid) WHERE uuid <> ''", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		mp_db_fail(db, rc, e);
		imp_stage_free(s);
		return NULL;
	}
	sql = stage_sql(t, 1);
	rc = sqlite3_prepare_v2(db->h, sql, -1, &s->put, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		mp_db_fail(db, rc, e);
		imp_stage_free(s);
		return NULL;
	}
	return s;
}

int imp_stage_put(struct imp_stage *s, long line, const char *shown,
                  const mp_record *r, mp_err *e)
{
	sqlite3_stmt *st = s->put;
	int i, rc;

	rc = sqlite3_bind_int64(st, 1, line);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, shown, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, r->uuid, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 4, r->created, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 5, r->updated, -1, SQLITE_STATIC);
	for (i = 0; i < s->t->nfields && rc == SQLITE_OK; i++)
		rc = sqlite3_bind_text(st, FIXED + 1 + i, r->v[i], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return MP_EDUP;
	if (rc != SQLITE_DONE)
		return mp_db_fail(s->db, rc, e);
	s->n++;
	return MP_OK;
}

long imp_stage_rows(const struct imp_stage *s)
{
	return s->n;
}

/* The sort's memory while it sorts (KiB); what it cannot hold goes to
 * temporary files. */
#define SORT_KIB "2048"

static int pragma_int(mp_db *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = 0;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void restore_cache(mp_db *db, int cache)
{
	char sql[64];

	if (!cache)
		return;
	snprintf(sql, sizeof sql, "PRAGMA main.cache_size = %d", cache);
	sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

int imp_stage_each(struct imp_stage *s,
                   int (*fn)(void *arg, long line, const char *shown,
                             mp_record *r),
                   void *arg, mp_err *e)
{
	const mp_table *t = s->t;
	sqlite3_stmt *st = NULL;
	char *sql = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sql, &len);
	int i, k, rc, ret = MP_OK, cache;

	if (!f)
		mp_oom();
	fputs("SELECT * FROM temp.imp_stage ORDER BY ", f);
	/* As the index orders them: numbers as numbers. */
	for (k = 0; k < t->nbulk_order; k++) {
		const mp_field *fd = &t->fields[t->bulk_order[k]];
		enum mp_store store = mp_kind_of(fd)->store;

		fprintf(f, store == MP_STORE_INT ? "CAST(f%d AS INTEGER), "
		        : store == MP_STORE_REAL ? "CAST(f%d AS REAL), " : "f%d, ",
		        t->bulk_order[k]);
	}
	fputs("line", f);
	if (fclose(f) != 0)
		mp_oom();
	rc = sqlite3_prepare_v2(s->db->h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return mp_db_fail(s->db, rc, e);
	/* The sort holds as much in memory as the ledger's page cache may
	 * (SQLite sizes it so): a small one while it sorts, then back, so
	 * that the two are never full at once (issue 15: 32 MB). */
	cache = pragma_int(s->db, "PRAGMA main.cache_size");
	sqlite3_exec(s->db->h, "PRAGMA main.cache_size = -" SORT_KIB, NULL, NULL, NULL);
	rc = sqlite3_step(st);
	restore_cache(s->db, cache);
	for (; ret == MP_OK && rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		/* Every field is set from the row: no defaults to fill. */
		mp_record *r = mp_record_new(t, NULL);
		const char *v;

		for (i = 0; i < t->nfields; i++) {
			v = (const char *)sqlite3_column_text(st, FIXED + i);
			mp_record_set(r, i, v ? v : "");
		}
		v = (const char *)sqlite3_column_text(st, 2);
		snprintf(r->uuid, sizeof r->uuid, "%s", v ? v : "");
		v = (const char *)sqlite3_column_text(st, 3);
		snprintf(r->created, sizeof r->created, "%s", v ? v : "");
		v = (const char *)sqlite3_column_text(st, 4);
		snprintf(r->updated, sizeof r->updated, "%s", v ? v : "");
		v = (const char *)sqlite3_column_text(st, 1);
		ret = fn(arg, (long)sqlite3_column_int64(st, 0), v ? v : "", r);
		mp_record_free(r);
		if (ret != MP_OK)
			break;
	}
	if (ret == MP_OK && rc != SQLITE_DONE)
		ret = mp_db_fail(s->db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

void imp_stage_free(struct imp_stage *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->put);
	sqlite3_exec(s->db->h, "DROP TABLE IF EXISTS temp.imp_stage", NULL, NULL, NULL);
	free(s);
}
