/* report_act.c — the report's figures of what happened in the period:
 * activities, service records, trainings and supervision visits. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "report_internal.h"

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

static int activities(mp_db *db, const mp_config *cfg, mp_report *r,
                      struct rp_months *ms, mp_err *e)
{
	const mp_strlist *cats = mp_config_choices(cfg, MP_CH_CATEGORY);
	sqlite3_stmt *st;
	mp_rtable *t;
	long tot[3] = { 0, 0, 0 };
	char a[32], p[32], b[32];
	int rc;

	/* By the category of the group, the settings' categories first. */
	t = rt_new(r, _("Activities by category of group"), 2 | 4 | 8, 1, 4,
	           _("Category"), _("Activities held"), _("Participants"),
	           _("Beneficiaries"));
	rc = rp_prep(db, r,
	        "SELECT g.category, count(*), ifnull(sum(a.participants), 0),"
	        " ifnull(sum(a.beneficiaries), 0), substr(a.date, 1, 7)"
	        " FROM activities a JOIN groups g ON g.id = a.group_id"
	        " WHERE a.deleted_at IS NULL AND a.date BETWEEN ?2 AND ?3"
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

int rp_period(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
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

/* ---- trainings ---- */

/* Rows (p: their alias) of a group of the report's community, if any.
 * Every group_id names a group (a foreign key), so without a community
 * no group is looked up. */
#define OF_COMMUNITY(p) \
	" AND (?1 IS NULL OR " p ".group_id IN" \
	"  (SELECT g.id FROM groups g WHERE g.community = ?1))"

int rp_trainings(mp_db *db, mp_report *r, mp_err *e)
{
	/* With a community, a training counts when a group of it, or a person
	 * of it (by their group, else where they live), attended. */
	static const char sessions[] =
	        "SELECT count(*), ifnull(round(sum(t.hours) * 100), 0)"
	        " FROM trainings t WHERE t.deleted_at IS NULL"
	        " AND t.date BETWEEN ?2 AND ?3 AND (?1 IS NULL"
	        "  OR EXISTS (SELECT 1 FROM training_groups tg"
	        "   JOIN groups g ON g.id = tg.group_id WHERE tg.training_id = t.id"
	        "   AND tg.deleted_at IS NULL AND g.community = ?1)"
	        "  OR EXISTS (SELECT 1 FROM training_people tp"
	        "   LEFT JOIN groups g ON g.id = tp.group_id"
	        "   LEFT JOIN volunteers v ON v.id = tp.volunteer_id"
	        "   WHERE tp.training_id = t.id AND tp.deleted_at IS NULL"
	        "   AND coalesce(g.community, v.community) = ?1))";
	static const char groups[] =
	        "SELECT count(*), count(DISTINCT tg.group_id)"
	        " FROM training_groups tg JOIN trainings t ON t.id = tg.training_id"
	        " WHERE tg.deleted_at IS NULL AND t.deleted_at IS NULL"
	        " AND t.date BETWEEN ?2 AND ?3" OF_COMMUNITY("tg");
	/* The community of a person (their group's, else their own) is
	 * looked up only when asked for: without one, nothing but the
	 * trainings and their people is read. */
	static const char people[] =
	        "SELECT count(*) FROM training_people tp"
	        " JOIN trainings t ON t.id = tp.training_id"
	        " WHERE tp.deleted_at IS NULL AND t.deleted_at IS NULL"
	        " AND t.date BETWEEN ?2 AND ?3"
	        " AND (?1 IS NULL OR coalesce("
	        "  (SELECT g.community FROM groups g WHERE g.id = tp.group_id),"
	        "  (SELECT v.community FROM volunteers v WHERE v.id = tp.volunteer_id))"
	        "  = ?1)";
	long s[2], g[2], p[1];
	int rc = rp_one_row(db, r, sessions, s, 2, e);

	if (rc == MP_OK)
		rc = rp_one_row(db, r, groups, g, 2, e);
	if (rc == MP_OK)
		rc = rp_one_row(db, r, people, p, 1, e);
	if (rc != MP_OK)
		return rc;
	rt_count(RP_SUMMARY(r), _("Training sessions"), s[0]);
	rt_hours(RP_SUMMARY(r), _("Training hours in all"), (double)s[1] / 100.0);
	rt_count(RP_SUMMARY(r), _("Attending groups (group-times)"), g[0]);
	rt_count(RP_SUMMARY(r), _("Groups trained"), g[1]);
	rt_count(RP_SUMMARY(r), _("People trained (person-times)"), p[0]);
	return MP_OK;
}

/* ---- supervision visits ---- */

/* Visits are a few thousand rows: read straight through, not row by row
 * from an index. */
#define VISIT_OF_COMMUNITY \
	" NOT INDEXED WHERE vi.deleted_at IS NULL" OF_COMMUNITY("vi")

int rp_visits(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	/* Visits made in the period and the follow-ups they set; follow-ups
	 * of any visit completed in the period; and follow-ups overdue at the
	 * end of the period (or today, if that is earlier): due before it and
	 * not completed (a date and a note) by then. */
	static const char figures[] =
	        "SELECT ifnull(sum(vi.date BETWEEN ?2 AND ?3), 0),"
	        " ifnull(sum(vi.date BETWEEN ?2 AND ?3 AND vi.due IS NOT NULL), 0),"
	        " ifnull(sum(vi.done_date BETWEEN ?2 AND ?3"
	        "            AND vi.done_note IS NOT NULL), 0),"
	        " ifnull(sum(vi.due < ?4 AND vi.date <= ?4 AND NOT (vi.done_date IS NOT NULL"
	        "            AND vi.done_note IS NOT NULL AND vi.done_date <= ?4)), 0)"
	        " FROM visits vi" VISIT_OF_COMMUNITY;
	long v[4];
	int rc = rp_one_row(db, r, figures, v, 4, e);

	if (rc != MP_OK)
		return rc;
	rt_count(RP_SUMMARY(r), _("Visits made"), v[0]);
	rt_count(RP_SUMMARY(r), _("Follow-ups set"), v[1]);
	rt_count(RP_SUMMARY(r), _("Follow-ups completed in the period"), v[2]);
	rt_count(RP_SUMMARY(r), _("Follow-ups overdue"), v[3]);
	return rp_tally(db, r, _("Visits by rating"), _("Rating"),
	                "SELECT vi.rating, count(*) FROM visits vi"
	                VISIT_OF_COMMUNITY " AND vi.date BETWEEN ?2 AND ?3"
	                " GROUP BY 1 ORDER BY 1",
	                mp_config_choices(cfg, MP_CH_RATING), e);
}
