/* importbulk.c — what a large import sets aside while it writes, and makes
 * good before it commits (see import_internal.h). */
#include "config.h"

#include <string.h>

#include "import_internal.h"
#include "mp_activity.h"
#include "mp_volunteer.h"

/* A file of fewer rows than this never sets indexes aside. */
#define LATE_INDEX_ROWS 1000

/* Indexes of each table that no check of its import reads (the unique
 * ones, and hours_volunteer_date which finds duplicates, stay; so do the
 * recycle bin's, which no new record enters). */
static const char *const late_volunteers[] = {
	"volunteers_id_no", "volunteers_live_name", "volunteers_live_state", NULL,
};
static const char *const late_hours[] = {
	"hours_group", "hours_activity", "hours_live_date", "hours_counted", NULL,
};

/* The volunteers on the register, counted by a trigger (schema step 4):
 * its WHEN, said again over the rows after ?1.  (An INSERT that fires a
 * trigger keeps a journal of its own, a tenth of an import's time.) */
static const char *const count_volunteers[] = { "count_volunteers_in", NULL };
static const char recount_volunteers[] =
	"UPDATE count_stats SET n = n + (SELECT count(*) FROM volunteers"
	" WHERE id > ?1 AND deleted_at IS NULL AND state = '在册')"
	" WHERE name = 'volunteers_registered'";

int imp_bulk_begin(mp_db *db, const mp_table *t, const char *buf, size_t n,
                   struct imp_bulk *b, mp_err *e)
{
	const char *const *late = t == &mp_volunteers ? late_volunteers
	                        : t == &mp_hours ? late_hours : NULL;
	int64_t lines = 0;
	const char *p;
	int ret;

	memset(b, 0, sizeof *b);
	ret = mp_search_pause(db, t, &b->search, e);
	if (ret == MP_OK)
		ret = mp_db_max_id(db, t->name, &b->after, e);
	if (ret == MP_OK && t == &mp_volunteers) {
		ret = mp_db_pause(db, count_volunteers, &b->count, e);
		if (b->count.n)
			b->recount = recount_volunteers;
	}
	if (ret != MP_OK || !late)
		return ret;
	for (p = buf; (p = memchr(p, '\n', n - (size_t)(p - buf))); p++)
		lines++;
	/* Building an index reads the whole table: worth it when the file
	 * holds at least half as many rows again as the table has had. */
	if (lines >= LATE_INDEX_ROWS && lines * 2 >= b->after)
		ret = mp_db_pause(db, late, &b->late, e);
	return ret;
}

int imp_bulk_end(mp_db *db, struct imp_bulk *b, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = mp_search_resume(db, &b->search, e);

	if (ret == MP_OK)
		ret = mp_db_unpause(db, &b->late, e);
	if (ret == MP_OK && b->recount) {
		ret = mp_db_prepare(db, b->recount, &st, e);
		if (ret == MP_OK) {
			rc = sqlite3_bind_int64(st, 1, b->after);
			if (rc == SQLITE_OK)
				rc = sqlite3_step(st);
			if (rc != SQLITE_DONE)
				ret = mp_db_fail(db, rc, e);
			sqlite3_finalize(st);
		}
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
