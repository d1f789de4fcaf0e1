/* overview.c — the figures of the overview screen (概览).
 *
 * Opening the overview must stay fast on a ledger of any size, so nothing
 * here sums a large table: activities and service hours per month come
 * from month_stats, which triggers keep up to date as records are saved,
 * binned and restored.  Groups are few (a station keeps tens, a township
 * a few hundred), so one GROUP BY over the live groups is cheap. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_overview.h"
#include "mp_text.h"

/* The values the overview counts.  The legal statuses are a fixed list in
 * the settings; the states are the defaults' words, which mp_overview.h
 * names as the figures' meaning. */
#define LEGAL_REGISTERED "登记"
#define LEGAL_FILED      "备案"
#define LEGAL_NONE       "未登记"

/* Active groups by legal status, from the counters the database's
 * triggers keep (schema step 5, search.c): rows 'groups_active:<legal
 * status>', so that no start reads the groups table. */
static int count_groups(mp_db *db, mp_overview *o, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	ret = mp_db_prepare(db, "SELECT substr(name, 15), n FROM count_stats"
	                    " WHERE name >= 'groups_active:' AND name < 'groups_active;'",
	                    &st, e);
	if (ret != MP_OK)
		return ret;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *legal = (const char *)sqlite3_column_text(st, 0);
		long n = (long)sqlite3_column_int64(st, 1);

		/* Groups whose legal status is empty count among the active
		 * ones, in none of the three. */
		o->groups_active += n;
		if (!legal)
			continue;
		if (strcmp(legal, LEGAL_REGISTERED) == 0)
			o->groups_registered += n;
		else if (strcmp(legal, LEGAL_FILED) == 0)
			o->groups_filed += n;
		else if (strcmp(legal, LEGAL_NONE) == 0)
			o->groups_unregistered += n;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

/* Live volunteers in state 在册, from the counter the database's triggers
 * keep (schema step 4), so that no start counts the volunteers table. */
static int count_volunteers(mp_db *db, mp_overview *o, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	ret = mp_db_prepare(db, "SELECT n FROM count_stats"
	                    " WHERE name = 'volunteers_registered'", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		o->volunteers = (long)sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		o->volunteers = 0;
	else
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

/* month_stats counts a month whole; what this month holds after today is
 * planned (mp_period.h), not held: take it out of this month's figures.
 * Two look-ups through the live date indexes, of this month's rest only.
 * Service dates are never in the future, but an import of old files
 * is not trusted to say so. */
static int take_planned(mp_db *db, mp_overview *o, const char *today,
                        mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char end[11];
	int rc, ret;

	snprintf(end, sizeof end, "%.7s-31", today);
	ret = mp_db_prepare(db, "SELECT (SELECT count(*) FROM activities"
	                    "  WHERE deleted_at IS NULL AND date > ?1 AND date <= ?2),"
	                    " (SELECT ifnull(round(sum(hours), 2), 0) FROM hours"
	                    "  WHERE deleted_at IS NULL AND counts = '是'"
	                    "  AND date > ?1 AND date <= ?2)", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, end, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		o->month_planned = (long)sqlite3_column_int64(st, 0);
		o->months[11].activities -= o->month_planned;
		o->months[11].hours -= sqlite3_column_double(st, 1);
		if (o->months[11].activities < 0)
			o->months[11].activities = 0;
		if (o->months[11].hours < 0.005)
			o->months[11].hours = 0;
	} else {
		ret = mp_db_fail(db, rc, e);
	}
	sqlite3_finalize(st);
	return ret;
}

/* o->months[] named for the twelve months ending with today's, then
 * filled from month_stats; a month without a row stays at zero. */
static int read_months(mp_db *db, mp_overview *o, const char *today, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int y = 1970, m = 1, i, rc, ret;

	if (sscanf(today, "%4d-%2d", &y, &m) != 2)
		y = 1970, m = 1;
	/* Count back from today's month: months[11] is this month. */
	m -= 11;
	if (m < 1) {
		m += 12;
		y--;
	}
	for (i = 0; i < 12; i++) {
		snprintf(o->months[i].month, sizeof o->months[i].month,
		         "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
		if (++m > 12) {
			m = 1;
			y++;
		}
	}

	/* Hours are kept in month_stats as sums of two-decimal values;
	 * round(…, 2) drops the binary noise that adding and taking away
	 * leaves (12.499999999 is 12.5). */
	ret = mp_db_prepare(db, "SELECT month, activities, round(hours, 2)"
	                    " FROM month_stats WHERE month BETWEEN ?1 AND ?2"
	                    " ORDER BY month", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, o->months[0].month, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, o->months[11].month, -1,
		                       SQLITE_STATIC);
	i = 0;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		const char *month;

		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		month = (const char *)sqlite3_column_text(st, 0);
		if (!month)
			continue;
		/* Rows come in order, so each month is found from the last. */
		while (i < 12 && strcmp(o->months[i].month, month) < 0)
			i++;
		if (i < 12 && strcmp(o->months[i].month, month) == 0) {
			o->months[i].activities = (long)sqlite3_column_int64(st, 1);
			o->months[i].hours = sqlite3_column_double(st, 2);
		}
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	if (ret == MP_OK)
		ret = take_planned(db, o, today, e);
	if (ret == MP_OK) {
		o->month_activities = o->months[11].activities;
		o->month_hours = o->months[11].hours;
	}
	return ret;
}

void mp_briefs_free(mp_brief *b, int n)
{
	for (int i = 0; b && i < n; i++)
		free(b[i].name);
	free(b);
}

int mp_overview_activities(mp_db *db, int upcoming, int max, mp_brief **out,
                           int *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char today[11];
	int rc, ret;

	mp_err_clear(e);
	*out = NULL;
	*n = 0;
	if (max <= 0)
		return MP_OK;
	mp_today(today);
	/* Through the live date index, from today either way. */
	ret = mp_db_prepare(db, upcoming
	        ? "SELECT id, name, date FROM activities WHERE deleted_at IS NULL"
	          " AND date > ?1 ORDER BY date, id LIMIT ?2"
	        : "SELECT id, name, date FROM activities WHERE deleted_at IS NULL"
	          " AND date <= ?1 ORDER BY date DESC, id DESC LIMIT ?2", &st, e);
	if (ret != MP_OK)
		return ret;
	*out = calloc((size_t)max, sizeof **out);
	if (!*out)
		mp_oom();
	rc = sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 2, max);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *date = (const char *)sqlite3_column_text(st, 2);
		mp_brief *b = &(*out)[(*n)++];

		b->id = sqlite3_column_int64(st, 0);
		b->name = mp_strdup(name ? name : "");
		snprintf(b->date, sizeof b->date, "%s", date ? date : "");
		rc = *n < max ? SQLITE_OK : SQLITE_DONE;
	}
	if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
		mp_briefs_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	return ret;
}

int mp_overview_get(mp_db *db, mp_overview *o, mp_err *e)
{
	char today[11];
	int rc, own;

	mp_err_clear(e);
	memset(o, 0, sizeof *o);
	mp_today(today);
	/* One read transaction, so that the figures agree with each other
	 * while another program writes to the ledger.  A deferred BEGIN, not
	 * mp_db_begin (BEGIN IMMEDIATE): the overview reads a read-only
	 * ledger too, and takes no write lock. */
	own = db->depth == 0 && sqlite3_get_autocommit(db->h);
	if (own) {
		rc = sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return mp_db_fail(db, rc, e);
	}
	rc = count_groups(db, o, e);
	if (rc == MP_OK)
		rc = count_volunteers(db, o, e);
	if (rc == MP_OK)
		rc = read_months(db, o, today, e);
	/* Nothing was written: ending the read cannot lose anything. */
	if (own)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	if (rc != MP_OK)
		memset(o, 0, sizeof *o);
	return rc;
}
