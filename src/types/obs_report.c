/* obs_report.c — the observation points' part of the summary report:
 * the points by level and state, and the mean score of each dimension
 * over the observations of the period beside the period of the same
 * length just before it (its change). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_obs.h"
#include "mp_text.h"
#include "report_parts.h"

/* Points of the report's community (?1): a group of it, or a community
 * of that name observed. */
#define POINT_OF_COMMUNITY(p) \
	" AND (?1 IS NULL OR " p ".place = ?1 OR " p ".group_id IN" \
	"  (SELECT g.id FROM groups g WHERE g.community = ?1))"

/* Points whose period had begun by the end of the report's period, by
 * level (the settings' order, then others) and their state at its end:
 * the last change of state by then (观察中 before the first), or, for a
 * point without any recorded change (imported so), its state now. */
static int by_level(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	const mp_strlist *levels = mp_config_choices(cfg, MP_CH_OBSERVATION);
	sqlite3_stmt *st = NULL;
	long n[64][OPS__COUNT + 1];
	char *names[64];
	long total[OPS__COUNT + 1];
	int nlev = 0, i, k, rc;
	mp_rtable *t;

	memset(n, 0, sizeof n);
	memset(total, 0, sizeof total);
	for (i = 0; i < levels->n && nlev < 64; i++)
		if (strcmp(levels->v[i], "无"))
			names[nlev++] = mp_strdup(levels->v[i]);
	rc = rp_prep(db, r, "SELECT ifnull(p.level, ''),"
	             " CASE WHEN EXISTS (SELECT 1 FROM obs_states h WHERE h.point_id = p.id"
	             "  AND h.deleted_at IS NULL)"
	             " THEN ifnull((SELECT h.to_state FROM obs_states h WHERE h.point_id = p.id"
	             "  AND h.deleted_at IS NULL AND h.date <= ?3 ORDER BY h.date DESC, h.id DESC"
	             "  LIMIT 1), '观察中') ELSE p.state END, count(*) FROM obs_points p"
	             " WHERE p.deleted_at IS NULL AND p.start_date <= ?3"
	             POINT_OF_COMMUNITY("p") " GROUP BY 1, 2 ORDER BY 1, 2", &st, e);
	while (rc == MP_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lev = (const char *)sqlite3_column_text(st, 0);
		const char *state = (const char *)sqlite3_column_text(st, 1);
		long c = (long)sqlite3_column_int64(st, 2);

		for (i = 0; i < nlev && strcmp(names[i], lev); i++)
			;
		if (i == nlev && nlev < 64)
			names[nlev++] = mp_strdup(lev);
		for (k = 0; k < OPS__COUNT && strcmp(mp_obs_state_names[k],
		                                      state ? state : ""); k++)
			;
		if (i < 64 && k < OPS__COUNT) {
			n[i][k] += c;
			n[i][OPS__COUNT] += c;
			total[k] += c;
			total[OPS__COUNT] += c;
		}
		rc = MP_OK;
	}
	if (rc == SQLITE_DONE)
		rc = MP_OK;
	else if (rc != MP_OK)
		rc = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	if (rc == MP_OK) {
		/* (The summary's "Observation points" is the groups' row: the
		 * groups observed now.) */
		t = rt_new(r, _("Observation points by level and state"), 0x3eu, -1, 6,
		           _("Level"), mp_obs_state_names[OPS_OBSERVING],
		           mp_obs_state_names[OPS_EXPIRED], mp_obs_state_names[OPS_MODEL],
		           mp_obs_state_names[OPS_REVOKED], _("Total"));
		for (i = 0; i <= nlev; i++) {
			const long *row = i < nlev ? n[i] : total;
			char c[OPS__COUNT + 1][24];

			if (i < nlev && row[OPS__COUNT] == 0)
				continue;
			for (k = 0; k <= OPS__COUNT; k++)
				snprintf(c[k], sizeof c[k], "%ld", row[k]);
			rt_row(t, i < nlev ? names[i] : _("Total"), c[0], c[1], c[2], c[3], c[4]);
		}
	}
	for (i = 0; i < nlev; i++)
		free(names[i]);
	return rc;
}

/* The mean of each dimension's scores (tenths) over the observations of
 * the period (?2 to ?4) and over those of the period of the same length
 * just before it. */
static int by_dimension(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	const mp_strlist *dims = mp_config_choices(cfg, MP_CH_OBS_DIMENSION);
	static const char sql[] =
		"SELECT s.dimension,"
		" sum(o.date BETWEEN ?2 AND ?4), avg(CASE WHEN o.date BETWEEN ?2 AND ?4 THEN s.score END),"
		" sum(o.date < ?2), avg(CASE WHEN o.date < ?2 THEN s.score END)"
		" FROM obs_scores s JOIN observations o ON o.id = s.obs_id"
		" JOIN obs_points p ON p.id = o.point_id"
		" WHERE s.deleted_at IS NULL AND o.deleted_at IS NULL AND p.deleted_at IS NULL"
		" AND s.score IS NOT NULL AND o.date <= ?4"
		" AND o.date >= date(?2, '-' || CAST(julianday(?3) - julianday(?2) + 1 AS INTEGER) || ' days')"
		POINT_OF_COMMUNITY("p") " GROUP BY 1";
	sqlite3_stmt *st = NULL;
	struct dim { char *name; long n, prev_n; double mean, prev; } d[64];
	int nd = 0, i, rc;
	mp_rtable *t;

	for (i = 0; i < dims->n && nd < 64; i++) {
		memset(&d[nd], 0, sizeof d[nd]);
		d[nd++].name = mp_strdup(dims->v[i]);
	}
	rc = rp_prep(db, r, sql, &st, e);
	while (rc == MP_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		for (i = 0; i < nd && strcmp(d[i].name, name ? name : ""); i++)
			;
		if (i == nd && nd < 64) {
			memset(&d[nd], 0, sizeof d[nd]);
			d[nd++].name = mp_strdup(name ? name : "");
		}
		if (i < nd) {
			d[i].n = (long)sqlite3_column_int64(st, 1);
			d[i].mean = sqlite3_column_double(st, 2);
			d[i].prev_n = (long)sqlite3_column_int64(st, 3);
			d[i].prev = sqlite3_column_double(st, 4);
		}
		rc = MP_OK;
	}
	if (rc == SQLITE_DONE)
		rc = MP_OK;
	else if (rc != MP_OK)
		rc = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	if (rc == MP_OK) {
		t = rt_new(r, _("Observation scores by dimension"), 0x1eu, 2, 5,
		           _("Dimension"), _("Times scored"), _("Mean score"),
		           _("Previous period"), _("Change"));
		for (i = 0; i < nd; i++) {
			char cnt[24], mean[24], prev[24], chg[32];
			/* Means in tenths, rounded to one decimal like a score. */
			long long m = (long long)(d[i].mean + (d[i].mean < 0 ? -0.5 : 0.5));
			long long p = (long long)(d[i].prev + 0.5);

			snprintf(cnt, sizeof cnt, "%ld", d[i].n);
			if (d[i].n)
				mp_decimal_format(m, 1, mean, sizeof mean);
			else
				snprintf(mean, sizeof mean, "—");
			if (d[i].prev_n)
				mp_decimal_format(p, 1, prev, sizeof prev);
			else
				snprintf(prev, sizeof prev, "—");
			if (d[i].n && d[i].prev_n) {
				char num[24];

				mp_decimal_format(m - p >= 0 ? m - p : p - m, 1, num, sizeof num);
				snprintf(chg, sizeof chg, "%s%s", m - p > 0 ? "+" : m - p < 0 ? "-" : "", num);
			} else {
				snprintf(chg, sizeof chg, "—");
			}
			rt_row(t, d[i].name, cnt, mean, prev, chg);
		}
	}
	for (i = 0; i < nd; i++)
		free(d[i].name);
	return rc;
}

int mp_obs_report(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	/* No row of the summary's own: the groups' part says how many are
	 * observed now, and a longer summary pushes the tables after it off
	 * the first screen. */
	int rc = by_level(db, cfg, r, e);

	if (rc == MP_OK)
		rc = by_dimension(db, cfg, r, e);
	return rc;
}
