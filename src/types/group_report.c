/* group_report.c — the groups' figures in the summary report: how many,
 * new, in the incubation base, observation points; by legal status,
 * category, kind, grade, stage and community; and hub coverage.
 *
 * Groups are few (a district keeps thousands), so their table is read
 * straight through.  The words compared against (注销, 是, 枢纽型, 活跃, 无)
 * are the fixed values the forms store; see src/base/config.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_i18n.h"
#include "mp_text.h"
#include "report_parts.h"

/* Of all communities, a field's counts are group_stats' rows (schema
 * step 11, kept by triggers): at ten districts' size, reading the 50,000
 * groups once per field was most of the groups' figures. */
#define STATS_OF(dim) "SELECT nullif(value, ''), n FROM group_stats" \
	" WHERE dim = '" dim "' ORDER BY 1"

static int group_dim(mp_db *db, mp_report *r, const mp_config *cfg,
                     const char *title, const char *head, const char *col,
                     int choice, mp_err *e)
{
	/* col is the program's own name, never the user's. */
	char *sql = r->community
	            ? mp_asprintf("SELECT g.%s, count(*)" GROUPS_LIVE " GROUP BY 1 ORDER BY 1", col)
	            : mp_asprintf("SELECT nullif(value, ''), n FROM group_stats"
	                          " WHERE dim = '%s' ORDER BY 1", col);
	int rc = rp_tally(db, r, title, head, sql,
	                  mp_config_choices(cfg, choice), e);

	free(sql);
	return rc;
}

/* ---- groups ---- */

static int groups_figures(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	long v[4];
	int rc;

	/* New: founded in the period, or, with no founding date, entered in
	 * it.  In the incubation base at the end of the period: moved in by
	 * then and not yet moved out.  Observation points of any level. */
	if (!r->community)
		rc = rp_one_row(db, r,
		        "SELECT (SELECT ifnull(sum(n), 0) FROM group_stats"
		        "  WHERE dim = 'legal_status'),"
		        " (SELECT count(*) FROM groups g INDEXED BY groups_report_new"
		        "  WHERE g.deleted_at IS NULL AND ifnull(g.state, '') <> '注销'"
		        "  AND coalesce(g.founded, substr(g.created_at, 1, 10))"
		        "  BETWEEN ?2 AND ?3),"
		        " (SELECT count(*) FROM groups g INDEXED BY groups_report_incubated"
		        "  WHERE g.deleted_at IS NULL AND ifnull(g.state, '') <> '注销'"
		        "  AND g.incubated = '是'"
		        "  AND (g.moved_in IS NULL OR g.moved_in <= ?3)"
		        "  AND (g.moved_out IS NULL OR g.moved_out > ?3)),"
		        " (SELECT ifnull(sum(n), 0) FROM group_stats"
		        "  WHERE dim = 'observation' AND value <> '无')", v, 4, e);
	else
	rc = rp_one_row(db, r,
	        "SELECT count(*),"
	        " ifnull(sum(coalesce(g.founded, substr(g.created_at, 1, 10))"
	        "            BETWEEN ?2 AND ?3), 0),"
	        " ifnull(sum(g.incubated = '是'"
	        "            AND (g.moved_in IS NULL OR g.moved_in <= ?3)"
	        "            AND (g.moved_out IS NULL OR g.moved_out > ?3)), 0),"
	        " ifnull(sum(ifnull(g.observation, '无') <> '无'), 0)"
	        GROUPS_LIVE, v, 4, e);
	if (rc != MP_OK)
		return rc;
	rt_count(RP_SUMMARY(r), _("Groups in all"), v[0]);
	rt_count(RP_SUMMARY(r), _("New groups in the period"), v[1]);
	rt_count(RP_SUMMARY(r), _("Groups in the incubation base"), v[2]);
	rt_count(RP_SUMMARY(r), _("Observation points"), v[3]);

	static const struct {
		const char *title, *head, *col;
		int choice;
	} dims[] = {
		{ N_("Groups by legal status"), N_("Legal status"), "legal_status", MP_CH_LEGAL },
		{ N_("Groups by category"), N_("Category"), "category", MP_CH_CATEGORY },
		{ N_("Groups by kind"), N_("Kind"), "kind", MP_CH_KIND },
		{ N_("Groups by grade"), N_("Grade"), "grade", MP_CH_GRADE },
		{ N_("Groups by stage"), N_("Stage"), "stage", MP_CH_STAGE },
		{ N_("Groups by community"), N_("Community"), "community", MP_CH_COMMUNITY },
	};
	for (size_t i = 0; rc == MP_OK && i < sizeof dims / sizeof dims[0]; i++)
		rc = group_dim(db, r, cfg, _(dims[i].title), _(dims[i].head),
		               dims[i].col, dims[i].choice, e);
	return rc;
}

/* Hub coverage: of the communities the station serves (the settings' list,
 * or with none set the communities the groups name), those with at least
 * one active 枢纽型 group. */
static int hubs(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	const mp_strlist *set = mp_config_choices(cfg, MP_CH_COMMUNITY);
	rp_counts ta;
	mp_rtable *t;
	long covered = 0, total = 0;
	char n[32], p[32];
	int rc;

	rc = rp_counts_read(db, r, r->community ?
	        "SELECT g.community, count(*)" GROUPS_LIVE
	        " AND g.kind = '枢纽型' AND g.state = '活跃'"
	        " AND g.community IS NOT NULL GROUP BY 1 ORDER BY 1" : STATS_OF("hub"),
	        &ta, e);
	if (rc != MP_OK) {
		rp_counts_free(&ta);
		return rc;
	}
	t = rt_new(r, _("Hub groups by community"), 2, 1, 3, _("Community"),
	           _("Active hub groups"), _("Covered"));
	if (set->n > 0) {
		for (int i = 0; i < set->n; i++) {
			long c = 0;
			if (r->community && strcmp(r->community, set->v[i]) != 0)
				continue;
			for (int j = 0; j < ta.count; j++)
				if (ta.val[j] && strcmp(ta.val[j], set->v[i]) == 0)
					c = ta.n[j];
			snprintf(n, sizeof n, "%ld", c);
			rt_row(t, set->v[i], n, c > 0 ? _("yes") : _("no"));
			total++;
			covered += c > 0;
		}
	} else {
		rp_counts all;
		rc = rp_counts_read(db, r, r->community ?
		        "SELECT g.community, count(*)" GROUPS_LIVE
		        " AND g.community IS NOT NULL GROUP BY 1 ORDER BY 1" :
		        STATS_OF("community"), &all, e);
		for (int i = 0; rc == MP_OK && i < all.count; i++) {
			long c = 0;
			if (!all.val[i])
				continue;
			for (int j = 0; j < ta.count; j++)
				if (ta.val[j] && strcmp(ta.val[j], all.val[i]) == 0)
					c = ta.n[j];
			snprintf(n, sizeof n, "%ld", c);
			rt_row(t, all.val[i], n, c > 0 ? _("yes") : _("no"));
			total++;
			covered += c > 0;
		}
		rp_counts_free(&all);
	}
	rp_counts_free(&ta);
	if (rc != MP_OK)
		return rc;
	rt_count(RP_SUMMARY(r), _("Communities"), total);
	rt_count(RP_SUMMARY(r), _("Communities with an active hub group"), covered);
	rt_row(RP_SUMMARY(r), _("Hub coverage"), pct(covered, total, p, sizeof p));
	return MP_OK;
}

int mp_group_report(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	int rc = groups_figures(db, cfg, r, e);

	return rc == MP_OK ? hubs(db, cfg, r, e) : rc;
}
