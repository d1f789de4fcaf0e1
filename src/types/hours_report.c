/* hours_report.c — the report's service-record figures (active volunteers,
 * service hours, hours by month, the ten with most hours), read from what
 * schema step 8 (schema_steps.c) keeps per volunteer and year.
 *
 * A year of a district is more than half a million records; reading them
 * was most of the annual report's time.  Triggers keep year_hours: per
 * year and volunteer, the hundredths of an hour and the number of the
 * records that count (live, dated, 计入时长 是), so a year is read as one
 * row per active volunteer (about 100,000 for 570,000 records), and the
 * year's hours by month come from month_stats (step 3).  A year is taken
 * from these sums when the period holds all of that year's records: the
 * whole year, or part of it with no record of the year outside the period
 * (this year up to today); two index look-ups tell.  Other parts of the
 * period, and every period of one community (whose volunteers may move),
 * are read record by record from the covering index hours_counted.
 * The step also added an index that holds all the report reads of the
 * period's activities. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_activity.h"
#include "mp_period.h"
#include "report_parts.h"

/* Keep the ten with most hours (ties: the earlier entered first). */
static void top_add(struct rp_top *top, int *n, long long id,
                    long long cents, long records)
{
	int i = *n < 10 ? (*n)++ : 10;

	if (i == 10) {
		if (cents <= top[9].cents)
			return;
		i = 9;
	}
	while (i > 0 && (top[i - 1].cents < cents ||
	                 (top[i - 1].cents == cents && top[i - 1].id > id))) {
		top[i] = top[i - 1];
		i--;
	}
	top[i].id = id;
	top[i].cents = cents;
	top[i].records = records;
}

/* Per volunteer (indexed by id: ids are rowids, dense). */
struct per_vol {
	long long cents;
	long records;
};

struct pass {
	mp_db *db;
	struct rp_months *ms;
	struct per_vol *pv;
	long max;              /* the largest volunteer id */
	rp_hours *out;
	sqlite3_stmt *raw;     /* records of lo..hi (?2, ?3) */
	sqlite3_stmt *before;  /* is there a record in [?1, ?2) */
	sqlite3_stmt *after;   /* in (?1, ?2) */
	sqlite3_stmt *year;    /* year_hours of year ?1 */
	sqlite3_stmt *months;  /* month_stats of months [?1, ?2) */
};

static void add(struct pass *p, long long id, long long cents, long records)
{
	p->out->total += cents;
	if (id >= 0 && id <= p->max) {
		p->out->active += p->pv[id].records == 0 && records > 0;
		p->pv[id].cents += cents;
		p->pv[id].records += records;
	}
}

/* Bind a, and b unless it is NULL, to ?1 and ?2 of st. */
static int bind2(sqlite3_stmt *st, const char *a, const char *b)
{
	int rc;

	sqlite3_reset(st);
	rc = sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK && b)
		rc = sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	return rc;
}

/* The records of lo..hi one by one, in date order from hours_counted. */
static int read_raw(struct pass *p, const char *lo, const char *hi)
{
	sqlite3_stmt *st = p->raw;
	struct rp_month *m = NULL;
	char ym[8] = "";
	int rc;

	sqlite3_reset(st);
	rc = sqlite3_bind_text(st, 2, lo, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, hi, -1, SQLITE_TRANSIENT);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(st, 1);
		long long cents = llround(sqlite3_column_double(st, 2) * 100.0);

		/* Rows come by date: look the month up when it changes. */
		if (date && strncmp(date, ym, 7) != 0) {
			snprintf(ym, sizeof ym, "%.7s", date);
			m = rp_month_of(p->ms, ym);
		}
		if (m)
			m->cents += cents;
		add(p, sqlite3_column_int64(st, 0), cents, 1);
		rc = SQLITE_OK;
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Is there a record that counts in the range st is bound to? */
static int any(sqlite3_stmt *st, const char *a, const char *b, int *found)
{
	int rc = bind2(st, a, b);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Year y's sums: per volunteer from year_hours, per month from
 * month_stats (sums of two-decimal hours, so hundredths exactly). */
static int read_year(struct pass *p, const char *y, const char *next)
{
	int rc = bind2(p->year, y, NULL);

	while (rc == SQLITE_OK && (rc = sqlite3_step(p->year)) == SQLITE_ROW) {
		add(p, sqlite3_column_int64(p->year, 0),
		    sqlite3_column_int64(p->year, 1),
		    (long)sqlite3_column_int64(p->year, 2));
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = bind2(p->months, y, next);
	while (rc == SQLITE_OK && (rc = sqlite3_step(p->months)) == SQLITE_ROW) {
		struct rp_month *m = rp_month_of(p->ms,
		        (const char *)sqlite3_column_text(p->months, 0));
		if (m)
			m->cents += llround(sqlite3_column_double(p->months, 1) * 100.0);
		rc = SQLITE_OK;
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A period of one whole year (or of one year with none of its records
 * outside it), of all communities: its active volunteers and hours are
 * one row of year_stats and its ten with most the first ten entries of
 * year_hours_top (both kept by triggers, schema step 11), so nothing
 * grows with the volunteers.  *done is 0 when the period is not such a
 * year. */
static int read_one_year(struct pass *p, const mp_report *r, int *done)
{
	char ys[8], next[8], lo[11], hi[11];
	int y = atoi(r->from), in_before = 1, in_after = 1, rc = SQLITE_OK;
	sqlite3_stmt *st = NULL;

	*done = 0;
	if (y != atoi(r->to) || y >= 9999 || y < 0)
		return SQLITE_OK;
	snprintf(ys, sizeof ys, "%04u", (unsigned)y % 10000u);
	snprintf(next, sizeof next, "%04u", (unsigned)(y + 1) % 10000u);
	snprintf(lo, sizeof lo, "%s", r->from);
	snprintf(hi, sizeof hi, "%s", r->to);
	rc = any(p->before, ys, lo, &in_before);
	if (rc == SQLITE_OK && !in_before)
		rc = any(p->after, hi, next, &in_after);
	if (rc != SQLITE_OK || in_before || in_after)
		return rc;
	rc = sqlite3_prepare_v2(p->db->h, "SELECT volunteers, cents FROM year_stats"
	                        " WHERE year = ?1", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = bind2(st, ys, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->out->active = (long)sqlite3_column_int64(st, 0);
		p->out->total = sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == SQLITE_DONE)
		rc = sqlite3_prepare_v2(p->db->h, "SELECT volunteer_id, cents, records"
		                        " FROM year_hours WHERE year = ?1"
		                        " ORDER BY cents DESC, volunteer_id LIMIT 10",
		                        -1, &st, NULL);
	if (rc == SQLITE_DONE || rc == SQLITE_OK)
		rc = bind2(st, ys, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		top_add(p->out->top, &p->out->ntop, sqlite3_column_int64(st, 0),
		        sqlite3_column_int64(st, 1), (long)sqlite3_column_int64(st, 2));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		rc = bind2(p->months, ys, next);
	while (rc == SQLITE_OK && (rc = sqlite3_step(p->months)) == SQLITE_ROW) {
		struct rp_month *m = rp_month_of(p->ms,
		        (const char *)sqlite3_column_text(p->months, 0));
		if (m)
			m->cents += llround(sqlite3_column_double(p->months, 1) * 100.0);
		rc = SQLITE_OK;
	}
	*done = rc == SQLITE_DONE;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The period year by year, each from the sums or record by record. */
static int read_years(struct pass *p, const mp_report *r)
{
	int y0 = atoi(r->from), y1 = atoi(r->to), rc = SQLITE_OK;

	for (int y = y0; rc == SQLITE_OK && y <= y1; y++) {
		char ys[8], next[8], lo[11], hi[11];
		int in_before = 1, in_after = 1;

		snprintf(ys, sizeof ys, "%04u", (unsigned)y % 10000u);
		snprintf(next, sizeof next, "%04u", (unsigned)(y + 1) % 10000u);
		snprintf(lo, sizeof lo, "%04u-01-01", (unsigned)y % 10000u);
		snprintf(hi, sizeof hi, "%04u-12-31", (unsigned)y % 10000u);
		if (strcmp(r->from, lo) > 0)
			memcpy(lo, r->from, sizeof lo);
		if (strcmp(r->to, hi) < 0)
			memcpy(hi, r->to, sizeof hi);
		/* The sums hold every record of the year: usable when none of
		 * them lies outside lo..hi. */
		if (y < 9999)
			rc = any(p->before, ys, lo, &in_before);
		if (rc == SQLITE_OK && !in_before)
			rc = any(p->after, hi, next, &in_after);
		if (rc == SQLITE_OK)
			rc = !in_before && !in_after ? read_year(p, ys, next)
			                             : read_raw(p, lo, hi);
	}
	return rc;
}

static int prepare_all(struct pass *p, const mp_report *r, mp_err *e)
{
	static const char *const sql[] = {
		"SELECT 1 FROM hours WHERE deleted_at IS NULL AND counts = '是'"
		" AND date >= ?1 AND date < ?2 LIMIT 1",
		"SELECT 1 FROM hours WHERE deleted_at IS NULL AND counts = '是'"
		" AND date > ?1 AND date < ?2 LIMIT 1",
		"SELECT volunteer_id, cents, records FROM year_hours"
		" WHERE year = ?1",
		"SELECT month, hours FROM month_stats"
		" WHERE month >= ?1 AND month < ?2",
	};
	sqlite3_stmt **st[] = { &p->before, &p->after, &p->year, &p->months };
	int rc = rp_prep(p->db, r,
	        "SELECT volunteer_id, date, hours FROM hours"
	        " WHERE deleted_at IS NULL AND counts = '是'"
	        " AND date BETWEEN ?2 AND ?3 AND (?1 IS NULL OR volunteer_id IN"
	        "  (SELECT id FROM volunteers WHERE community = ?1))", &p->raw, e);

	for (size_t i = 0; rc == MP_OK && !r->community && i < 4; i++)
		rc = mp_db_prepare(p->db, sql[i], st[i], e);
	return rc;
}

static void finalize_all(struct pass *p)
{
	sqlite3_stmt **st[] = { &p->raw, &p->before, &p->after, &p->year, &p->months };

	for (size_t i = 0; i < sizeof st / sizeof st[0]; i++) {
		sqlite3_finalize(*st[i]);
		*st[i] = NULL;
	}
}

int rp_read_hours(mp_db *db, const mp_report *r, struct rp_months *ms,
                  rp_hours *out, mp_err *e)
{
	struct pass p = { .db = db, .ms = ms, .out = out };
	mp_report held = *r;
	long max[1];
	int rc;

	/* Only what is held counts: the period is read up to today
	 * (mp_period.h).  A shallow copy: only its dates are changed. */
	memcpy(held.to, mp_held_until(r->to, r->today), sizeof held.to);
	r = &held;

	memset(out, 0, sizeof *out);
	if (!r->community) {
		int done = 0;

		rc = prepare_all(&p, r, e);
		if (rc == MP_OK) {
			rc = read_one_year(&p, r, &done);
			if (rc != SQLITE_OK)
				rc = mp_db_fail(db, rc, e);
		}
		if (rc != MP_OK || done) {
			finalize_all(&p);
			return rc;
		}
		finalize_all(&p);
		memset(out, 0, sizeof *out);
		for (int i = 0; i < ms->n; i++)
			ms->m[i].cents = 0;
	}
	rc = rp_one_row(db, r, "SELECT ifnull(max(id), 0) FROM volunteers", max, 1, e);
	if (rc != MP_OK)
		return rc;
	p.max = max[0];
	p.pv = calloc((size_t)p.max + 1, sizeof *p.pv);
	if (!p.pv)
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	rc = prepare_all(&p, r, e);
	if (rc == MP_OK) {
		/* A community's volunteers are read record by record. */
		rc = r->community ? read_raw(&p, r->from, r->to) : read_years(&p, r);
		if (rc != SQLITE_OK)
			rc = mp_db_fail(db, rc, e);
	}
	finalize_all(&p);
	for (long id = 1; rc == MP_OK && id <= p.max; id++)
		if (p.pv[id].records)
			top_add(out->top, &out->ntop, id, p.pv[id].cents,
			        p.pv[id].records);
	free(p.pv);
	return rc;
}

/* A two-column "figure, value" row with hours as the forms show them. */
void rt_hours(mp_rtable *t, const char *what, double h)
{
	char v[32];
	rt_row(t, what, mp_hours_str(h, v, sizeof v));
}
