/* importbulk.c — what a large import sets aside while it writes, and makes
 * good before it commits (see import_internal.h). */
#include "config.h"

#include <string.h>

#include "import_internal.h"

/* A file of fewer rows than this never sets indexes aside. */
#define LATE_INDEX_ROWS 1000

int imp_bulk_begin(mp_db *db, const mp_table *t, int64_t lines,
                   struct imp_bulk *b, mp_err *e)
{
	/* What each table sets aside is in its declaration (the indexes no
	 * check of its import reads; its counting triggers). */
	const char *const *late = t->bulk_late_indexes;
	int ret;

	memset(b, 0, sizeof *b);
	ret = mp_search_pause(db, t, &b->search, e);
	if (ret == MP_OK)
		ret = mp_db_max_id(db, t->name, &b->after, e);
	if (ret == MP_OK && t->bulk_count_triggers && t->bulk_recount) {
		ret = mp_db_pause(db, t->bulk_count_triggers, &b->count, e);
		if (b->count.n)
			b->recount = t->bulk_recount;
	}
	if (ret != MP_OK || !late)
		return ret;
	/* Building an index reads the whole table: worth it when the file
	 * holds at least half as many rows again as the table has had. */
	if (lines >= LATE_INDEX_ROWS && lines * 2 >= b->after)
		ret = mp_db_pause(db, late, &b->late, e);
	return ret;
}

int imp_bulk_end(mp_db *db, struct imp_bulk *b, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	const char *sql, *tail = NULL;
	int rc, ret = mp_search_resume(db, &b->search, e);

	if (ret == MP_OK)
		ret = mp_db_unpause(db, &b->late, e);
	/* One statement or several, each given ?1. */
	for (sql = b->recount; ret == MP_OK && sql && *sql; sql = tail) {
		rc = sqlite3_prepare_v2(db->h, sql, -1, &st, &tail);
		if (rc != SQLITE_OK)
			ret = mp_db_fail(db, rc, e);
		if (ret != MP_OK || !st)
			break;
		rc = sqlite3_bind_int64(st, 1, b->after);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ret = mp_db_fail(db, rc, e);
		sqlite3_finalize(st);
		st = NULL;
	}
	if (ret == MP_OK)
		ret = mp_db_unpause(db, &b->count, e);
	return ret;
}

void imp_bulk_free(mp_db *db, struct imp_bulk *b)
{
	mp_search_paused_free(db, &b->search);
	mp_db_paused_free(&b->late);
	mp_db_paused_free(&b->count);
	b->recount = NULL;
}
