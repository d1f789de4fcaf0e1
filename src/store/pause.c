/* pause.c — schema objects set aside while a large import writes.
 *
 * An index or trigger costs each inserted row a seek and a write into a
 * tree that no longer fits in the cache; built once at the end, from the
 * finished table, the same index costs a sort.  So a large import may drop
 * the objects its own checks never read, inside its transaction, and make
 * them again from their own CREATE statements before it commits.  Killed
 * or rolled back half way, the transaction brings them back untouched. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_text.h"

int mp_db_max_id(mp_db *db, const char *table, int64_t *id, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char *sql = mp_asprintf("SELECT ifnull(max(id), 0) FROM \"%s\"", table);
	int rc, ret = mp_db_prepare(db, sql, &st, e);

	free(sql);
	*id = 0;
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

int mp_db_pause(mp_db *db, const char *const *names, mp_paused *p, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	memset(p, 0, sizeof *p);
	ret = mp_db_prepare(db, "SELECT sql FROM sqlite_schema WHERE name = ?"
	                    " AND type IN ('index', 'trigger') AND sql IS NOT NULL",
	                    &st, e);
	for (; ret == MP_OK && *names && p->n < MP_PAUSE_MAX; names++) {
		const char *sql;
		char *drop;

		rc = sqlite3_bind_text(st, 1, *names, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {   /* not in this ledger: nothing to pause */
			sqlite3_reset(st);
			continue;
		}
		if (rc != SQLITE_ROW) {
			ret = mp_db_fail(db, rc, e);
			break;
		}
		sql = (const char *)sqlite3_column_text(st, 0);
		p->sql[p->n] = mp_strdup(sql ? sql : "");
		sqlite3_reset(st);
		/* The name is one of the program's own, never the user's. */
		drop = mp_asprintf("DROP %s \"%s\"", strncmp(p->sql[p->n], "CREATE TRIGGER", 14)
		                   ? "INDEX" : "TRIGGER", *names);
		rc = sqlite3_exec(db->h, drop, NULL, NULL, NULL);
		free(drop);
		if (rc != SQLITE_OK) {
			free(p->sql[p->n]);
			ret = mp_db_fail(db, rc, e);
			break;
		}
		p->n++;
	}
	sqlite3_finalize(st);
	if (ret != MP_OK)
		mp_db_paused_free(p);
	return ret;
}

int mp_db_unpause(mp_db *db, mp_paused *p, mp_err *e)
{
	int i, ret = MP_OK;

	for (i = 0; i < p->n && ret == MP_OK; i++)
		if (sqlite3_exec(db->h, p->sql[i], NULL, NULL, NULL) != SQLITE_OK)
			ret = mp_db_fail(db, sqlite3_errcode(db->h), e);
	mp_db_paused_free(p);
	return ret;
}

void mp_db_paused_free(mp_paused *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		free(p->sql[i]);
	memset(p, 0, sizeof *p);
}
