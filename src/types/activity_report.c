/* activity_report.c — the figures of what happened in the period in the
 * summary report: activities (场次, 人次) by category and month, and the
 * service records of volunteers (active volunteers, hours, the ten with
 * most hours), which share the months table (hours_report.c reads them).
 * Activities are read through their date index for the period only. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_i18n.h"
#include "mp_period.h"
#include "mp_text.h"
#include "report_parts.h"

/* ---- months of the period ---- */

static int months_init(struct rp_months *ms, const char *from, const char *to)
{
	int y1, m1, y2, m2, n;

	memset(ms, 0, sizeof *ms);
	if (sscanf(from, "%4d-%2d", &y1, &m1) != 2 ||
	    sscanf(to, "%4d-%2d", &y2, &m2) != 2)
		return -1;
	n = (y2 - y1) * 12 + (m2 - m1) + 1;
	if (n < 1 || n > 12 * 201)
		return -1;
	ms->m = calloc((size_t)n, sizeof *ms->m);
	if (!ms->m)
		mp_oom();
	ms->n = n;
	for (int i = 0; i < n; i++) {
		snprintf(ms->m[i].ym, sizeof ms->m[i].ym, "%04u-%02u",
		         (unsigned)y1 % 10000u, (unsigned)m1 % 100u);
		if (++m1 > 12) {
			m1 = 1;
			y1++;
		}
	}
	return 0;
}

struct rp_month *rp_month_of(struct rp_months *ms, const char *ym)
{
	int y, m, y0, m0, i;

	if (!ym || sscanf(ym, "%4d-%2d", &y, &m) != 2 ||
	    sscanf(ms->m[0].ym, "%4d-%2d", &y0, &m0) != 2)
		return NULL;
	i = (y - y0) * 12 + (m - m0);
	return i >= 0 && i < ms->n ? &ms->m[i] : NULL;
}

/* ---- activities ---- */

/* Of all communities, when no held activity of the first or the last
 * month lies outside the period, the counts are act_stats' rows of its
 * months (schema step 11, kept by triggers): at ten districts' size the
 * 100,000 activities of a year, each with its group looked up, were a
 * good part of the report.  *st is left NULL otherwise. */
static int whole_months(mp_db *db, const mp_report *r, sqlite3_stmt **st,
                        mp_err *e)
{
	long out[1];
	int rc;

	*st = NULL;
	if (r->community)
		return MP_OK;
	/* ?2 from, ?4 the last day held: any activity of from's month before
	 * it, or of ?4's month after it? */
	rc = rp_one_row(db, r,
	        "SELECT EXISTS (SELECT 1 FROM activities INDEXED BY activities_live_date"
	        "  WHERE deleted_at IS NULL AND date >= substr(?2, 1, 7) AND date < ?2)"
	        " OR EXISTS (SELECT 1 FROM activities INDEXED BY activities_live_date"
	        "  WHERE deleted_at IS NULL AND date > ?4"
	        "  AND date < substr(?4, 1, 7) || '-99')", out, 1, e);
	if (rc != MP_OK || out[0])
		return rc;
	return rp_prep(db, r,
	        "SELECT nullif(category, ''), sum(acts), sum(part), sum(bene), month"
	        " FROM act_stats WHERE month BETWEEN substr(?2, 1, 7) AND substr(?4, 1, 7)"
	        " GROUP BY 5, 1 ORDER BY 1", st, e);
}

static int activities(mp_db *db, const mp_config *cfg, mp_report *r,
                      struct rp_months *ms, mp_err *e)
{
	const mp_strlist *cats = mp_config_choices(cfg, MP_CH_CATEGORY);
	sqlite3_stmt *st;
	mp_rtable *t;
	long tot[3] = { 0, 0, 0 };
	char a[32], p[32], b[32];
	int rc;

	/* Held activities only, up to ?4, the earlier of the period's end and
	 * today (mp_period.h); those dated later are counted apart as
	 * planned.  By the category of the group, the settings' categories
	 * first. */
	t = rt_new(r, _("Activities by category of group"), 2 | 4 | 8, 1, 4,
	           _("Category"), _("Activities held"), _("Participants"),
	           _("Beneficiaries"));
	rc = whole_months(db, r, &st, e);
	if (rc == MP_OK && !st)
		rc = rp_prep(db, r,
	        "SELECT g.category, count(*), ifnull(sum(a.participants), 0),"
	        " ifnull(sum(a.beneficiaries), 0), substr(a.date, 1, 7)"
	        " FROM activities a JOIN groups g ON g.id = a.group_id"
	        " WHERE a.deleted_at IS NULL AND a.date BETWEEN ?2 AND ?4"
	        " AND (?1 IS NULL OR g.community = ?1)"
	        " GROUP BY 5, 1 ORDER BY 1", &st, e);
	if (rc != MP_OK)
		return rc;
	/* Rows are per month and category: add them up both ways. */
	int ncat = cats->n + 1;
	long (*bycat)[3] = calloc((size_t)ncat + 64, sizeof *bycat);
	char **other = calloc(64, sizeof *other);
	int nother = 0;
	if (!bycat || !other)
		mp_oom();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		long v[3];
		int k = -1;

		for (int i = 0; i < 3; i++)
			v[i] = (long)sqlite3_column_int64(st, i + 1);
		for (int i = 0; c && *c && i < cats->n; i++)
			if (strcmp(c, cats->v[i]) == 0)
				k = i;
		for (int i = 0; k < 0 && c && *c && i < nother; i++)
			if (strcmp(c, other[i]) == 0)
				k = ncat + i;
		if (k < 0 && c && *c && nother < 64) {
			other[nother] = mp_strdup(c);
			k = ncat + nother++;
		}
		if (k < 0)
			k = cats->n;  /* not filled in */
		struct rp_month *m = rp_month_of(ms,
		                           (const char *)sqlite3_column_text(st, 4));
		for (int i = 0; i < 3; i++) {
			bycat[k][i] += v[i];
			tot[i] += v[i];
		}
		if (m) {
			m->acts += v[0];
			m->part += v[1];
			m->bene += v[2];
		}
	}
	rc = rc == SQLITE_DONE ? MP_OK : mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	for (int k = 0; rc == MP_OK && k < ncat + nother; k++) {
		const char *name = k < cats->n ? cats->v[k]
		                 : k == cats->n ? _("(not filled in)") : other[k - ncat];
		if (k == cats->n && bycat[k][0] == 0)
			continue;
		snprintf(a, sizeof a, "%ld", bycat[k][0]);
		snprintf(p, sizeof p, "%ld", bycat[k][1]);
		snprintf(b, sizeof b, "%ld", bycat[k][2]);
		rt_row(t, name, a, p, b);
	}
	for (int i = 0; i < nother; i++)
		free(other[i]);
	free(other);
	free(bycat);
	if (rc != MP_OK)
		return rc;
	snprintf(a, sizeof a, "%ld", tot[0]);
	snprintf(p, sizeof p, "%ld", tot[1]);
	snprintf(b, sizeof b, "%ld", tot[2]);
	rt_row(t, _("Total"), a, p, b);
	rt_count(RP_SUMMARY(r), _("Activities held"), tot[0]);
	rt_count(RP_SUMMARY(r), _("Participants (person-times)"), tot[1]);
	rt_count(RP_SUMMARY(r), _("Beneficiaries (person-times)"), tot[2]);
	if (mp_date_planned(r->to, r->today)) {
		long planned[1];

		rc = rp_one_row(db, r,
		        "SELECT count(*) FROM activities a JOIN groups g"
		        " ON g.id = a.group_id WHERE a.deleted_at IS NULL"
		        " AND a.date BETWEEN ?2 AND ?3 AND a.date > ?4"
		        " AND (?1 IS NULL OR g.community = ?1)", planned, 1, e);
		if (rc != MP_OK)
			return rc;
		rt_count(RP_SUMMARY(r), _("Activities planned (after today, not counted)"),
		         planned[0]);
	}
	return MP_OK;
}

/* ---- volunteers and service records ---- */

static int top_table(mp_db *db, mp_report *r, const struct rp_top *top, int n,
                     mp_err *e)
{
	mp_rtable *t = rt_new(r, _("Volunteers with most service hours"),
	                      1 | 16 | 32, 4, 6, _("Rank"), _("Volunteer's name"),
	                      _("Volunteer number"), _("Community"),
	                      _("Hours (h)"), _("Records"));
	sqlite3_stmt *st;
	int rc = mp_db_prepare(db, "SELECT name, vol_no, community"
	                       " FROM volunteers WHERE id = ?1", &st, e);

	for (int i = 0; rc == MP_OK && i < n; i++) {
		char rank[16], h[32], c[32];
		const char *v[3] = { "", "", "" };

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, top[i].id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			for (int k = 0; k < 3; k++) {
				v[k] = (const char *)sqlite3_column_text(st, k);
				if (!v[k])
					v[k] = "";
			}
		else if (rc != SQLITE_DONE) {
			rc = mp_db_fail(db, rc, e);
			break;
		}
		rc = MP_OK;
		snprintf(rank, sizeof rank, "%d", i + 1);
		snprintf(c, sizeof c, "%ld", top[i].records);
		rt_row(t, rank, v[0], v[1], v[2],
		       mp_hours_str((double)top[i].cents / 100.0, h, sizeof h), c);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Volunteers registered, active, their hours and the ten with most; then
 * the by-month table, with the activities. */
static int volunteers(mp_db *db, mp_report *r, struct rp_months *ms, mp_err *e)
{
	rp_hours hs;
	long v[2];
	int rc;

	/* Registered by the end of the period: of all communities, those on
	 * the register (count_stats, kept by triggers) but those registered
	 * after it, so that only the index entries of the period and after are
	 * read; of one community, its entries of the index. */
	if (r->community)
		rc = rp_one_row(db, r,
		        "SELECT ifnull(sum(registered IS NULL OR registered <= ?3), 0),"
		        " ifnull(sum(registered BETWEEN ?2 AND ?3), 0)"
		        " FROM volunteers WHERE deleted_at IS NULL AND state = '在册'"
		        " AND community = ?1", v, 2, e);
	else
		rc = rp_one_row(db, r,
		        "SELECT ifnull((SELECT n FROM count_stats"
		        "  WHERE name = 'volunteers_registered'), 0)"
		        " - (SELECT count(*) FROM volunteers WHERE deleted_at IS NULL"
		        "  AND state = '在册' AND registered > ?3),"
		        " (SELECT count(*) FROM volunteers WHERE deleted_at IS NULL"
		        "  AND state = '在册' AND registered BETWEEN ?2 AND ?3)", v, 2, e);
	if (rc == MP_OK)
		rc = rp_read_hours(db, r, ms, &hs, e);
	if (rc != MP_OK)
		return rc;

	rt_count(RP_SUMMARY(r), _("Registered volunteers"), v[0]);
	rt_count(RP_SUMMARY(r), _("Volunteers registered in the period"), v[1]);
	rt_count(RP_SUMMARY(r), _("Volunteers active in the period"), hs.active);
	rt_hours(RP_SUMMARY(r), _("Service hours in all"), (double)hs.total / 100.0);

	mp_rtable *t = rt_new(r, _("By month"), 2 | 4 | 8 | 16, 1, 5, _("Month"),
	                      _("Activities held"), _("Participants"),
	                      _("Beneficiaries"), _("Hours (h)"));
	for (int i = 0; i < ms->n; i++) {
		const struct rp_month *m = &ms->m[i];
		char a[32], p[32], b[32], h[32];
		snprintf(a, sizeof a, "%ld", m->acts);
		snprintf(p, sizeof p, "%ld", m->part);
		snprintf(b, sizeof b, "%ld", m->bene);
		rt_row(t, m->ym, a, p, b,
		       mp_hours_str((double)m->cents / 100.0, h, sizeof h));
	}
	return top_table(db, r, hs.top, hs.ntop, e);
}

int mp_activity_report(mp_db *db, const mp_config *cfg, mp_report *r,
                       mp_err *e)
{
	struct rp_months ms;
	int rc;

	if (months_init(&ms, r->from, r->to) != 0)
		return mp_err_set(e, MP_EINVAL, _("the period is too long"));
	rc = activities(db, cfg, r, &ms, e);
	if (rc == MP_OK)
		rc = volunteers(db, r, &ms, e);
	free(ms.m);
	return rc;
}
