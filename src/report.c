/* report.c — building the summary report (汇总报表).
 *
 * Each figure is one SQL statement with the community and the period as
 * bound parameters (?1 community or NULL, ?2 from, ?3 to, ?4 the date
 * "overdue" is judged against).  Groups and visits are few (a district
 * keeps thousands), so their tables are read straight through;
 * activities and trainings through their date indexes for the period
 * only.  All service-record figures (active volunteers, hours, the ten
 * with most hours, hours by month) come from one pass, over the sums
 * kept per year and volunteer for the whole years of the period and over
 * the records of the rest (report_hours.c).
 *
 * The words compared against (注销, 是, 枢纽型, 活跃, 在册, 无) are the
 * fixed values the forms store; see src/config.c. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_report.h"
#include "mp_text.h"
#include "report_internal.h"

/* ---- tables ---- */

mp_rtable *rt_new(mp_report *r, const char *title, unsigned numeric,
                         int bar, int ncols, ...)
{
	mp_rtable *t;
	va_list ap;

	r->tables = realloc(r->tables, (size_t)(r->ntables + 1) * sizeof *t);
	if (!r->tables)
		mp_oom();
	t = &r->tables[r->ntables++];
	memset(t, 0, sizeof *t);
	t->title = mp_strdup(title);
	t->ncols = ncols;
	t->numeric = numeric;
	t->bar = bar;
	t->head = calloc((size_t)ncols, sizeof *t->head);
	if (!t->head)
		mp_oom();
	va_start(ap, ncols);
	for (int i = 0; i < ncols; i++)
		t->head[i] = mp_strdup(va_arg(ap, const char *));
	va_end(ap);
	return t;
}

/* Add a row of t->ncols cells (NULL is an empty cell). */
void rt_row(mp_rtable *t, ...)
{
	va_list ap;

	t->cell = realloc(t->cell, (size_t)(t->nrows + 1) * (size_t)t->ncols *
	                  sizeof *t->cell);
	if (!t->cell)
		mp_oom();
	va_start(ap, t);
	for (int i = 0; i < t->ncols; i++) {
		const char *s = va_arg(ap, const char *);
		t->cell[t->nrows * t->ncols + i] = mp_strdup(s ? s : "");
	}
	va_end(ap);
	t->nrows++;
}

/* A two-column "figure, value" row with a whole number. */
void rt_count(mp_rtable *t, const char *what, long n)
{
	char v[32];
	snprintf(v, sizeof v, "%ld", n);
	rt_row(t, what, v);
}

void rt_hours(mp_rtable *t, const char *what, double h)
{
	char v[32];
	rt_row(t, what, mp_hours_str(h, v, sizeof v));
}

const char *pct(long part, long whole, char *buf, size_t size)
{
	if (whole <= 0)
		snprintf(buf, size, "—");
	else
		snprintf(buf, size, "%.1f%%", 100.0 * (double)part / (double)whole);
	return buf;
}

void mp_report_free(mp_report *r)
{
	for (int i = 0; i < r->ntables; i++) {
		mp_rtable *t = &r->tables[i];
		for (int j = 0; j < t->ncols; j++)
			free(t->head[j]);
		for (int j = 0; j < t->nrows * t->ncols; j++)
			free(t->cell[j]);
		free(t->head);
		free(t->cell);
		free(t->title);
	}
	free(r->tables);
	free(r->community);
	free(r->station);
	memset(r, 0, sizeof *r);
}

const mp_rtable *mp_report_table(const mp_report *r, const char *title)
{
	for (int i = 0; i < r->ntables; i++)
		if (strcmp(r->tables[i].title, title) == 0)
			return &r->tables[i];
	return NULL;
}

/* ---- statements ---- */

/* Prepare sql and bind the report's parameters (?1..?4, whichever the
 * statement uses). */
int rp_prep(mp_db *db, const mp_report *r, const char *sql,
                sqlite3_stmt **st, mp_err *e)
{
	int rc = mp_db_prepare(db, sql, st, e), n;

	if (rc != MP_OK)
		return rc;
	n = sqlite3_bind_parameter_count(*st);
	rc = SQLITE_OK;
	if (n >= 1)
		rc = r->community
		     ? sqlite3_bind_text(*st, 1, r->community, -1, SQLITE_STATIC)
		     : sqlite3_bind_null(*st, 1);
	if (rc == SQLITE_OK && n >= 2)
		rc = sqlite3_bind_text(*st, 2, r->from, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && n >= 3)
		rc = sqlite3_bind_text(*st, 3, r->to, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && n >= 4)
		rc = sqlite3_bind_text(*st, 4, strcmp(r->today, r->to) < 0
		                       ? r->today : r->to, -1, SQLITE_STATIC);
	if (rc != SQLITE_OK) {
		rc = mp_db_fail(db, rc, e);
		sqlite3_finalize(*st);
		*st = NULL;
	}
	return rc;
}

/* Run a statement that returns one row of whole numbers into v[0..n-1]. */
int rp_one_row(mp_db *db, const mp_report *r, const char *sql,
                   long *v, int n, mp_err *e)
{
	sqlite3_stmt *st;
	int rc = rp_prep(db, r, sql, &st, e);

	if (rc != MP_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			v[i] = (long)sqlite3_column_int64(st, i);
		rc = MP_OK;
	} else {
		rc = mp_db_fail(db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, e);
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- counts by one field ---- */

struct tally {
	char **val;   /* NULL: not filled in */
	long *n;
	int count;
	long total;
};

static void tally_free(struct tally *ta)
{
	for (int i = 0; i < ta->count; i++)
		free(ta->val[i]);
	free(ta->val);
	free(ta->n);
}

/* sql returns (value, count) rows. */
static int tally_read(mp_db *db, const mp_report *r, const char *sql,
                      struct tally *ta, mp_err *e)
{
	sqlite3_stmt *st;
	int rc = rp_prep(db, r, sql, &st, e);

	memset(ta, 0, sizeof *ta);
	if (rc != MP_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		ta->val = realloc(ta->val, (size_t)(ta->count + 1) * sizeof *ta->val);
		ta->n = realloc(ta->n, (size_t)(ta->count + 1) * sizeof *ta->n);
		if (!ta->val || !ta->n)
			mp_oom();
		ta->val[ta->count] = v && *v ? mp_strdup(v) : NULL;
		ta->n[ta->count] = (long)sqlite3_column_int64(st, 1);
		ta->total += ta->n[ta->count];
		ta->count++;
	}
	rc = rc == SQLITE_DONE ? MP_OK : mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return rc;
}

/* A table "value, count, share": the values of the choice list first, in
 * its order (zero rows included, so the bureau's categories are always
 * all there), then other values as found, then those not filled in. */
static void tally_table(mp_report *r, const char *title, const char *head,
                        const struct tally *ta, const mp_strlist *order)
{
	mp_rtable *t = rt_new(r, title, 2 | 4, 1, 3, head, _("Count"), _("Share"));
	char n[32], p[32];
	int done[256] = { 0 };
	int k = ta->count < 256 ? ta->count : 256;

	for (int i = 0; order && i < order->n; i++) {
		long c = 0;
		for (int j = 0; j < k; j++)
			if (ta->val[j] && strcmp(ta->val[j], order->v[i]) == 0) {
				c += ta->n[j];
				done[j] = 1;
			}
		snprintf(n, sizeof n, "%ld", c);
		rt_row(t, order->v[i], n, pct(c, ta->total, p, sizeof p));
	}
	for (int pass = 0; pass < 2; pass++)
		for (int j = 0; j < k; j++) {
			if (done[j] || (pass == 0) != (ta->val[j] != NULL))
				continue;
			snprintf(n, sizeof n, "%ld", ta->n[j]);
			rt_row(t, ta->val[j] ? ta->val[j] : _("(not filled in)"), n,
			       pct(ta->n[j], ta->total, p, sizeof p));
		}
	snprintf(n, sizeof n, "%ld", ta->total);
	rt_row(t, _("Total"), n, ta->total > 0 ? "100.0%" : "—");
}

int rp_tally(mp_db *db, mp_report *r, const char *title, const char *head,
             const char *sql, const mp_strlist *order, mp_err *e)
{
	struct tally ta;
	int rc = tally_read(db, r, sql, &ta, e);

	if (rc == MP_OK)
		tally_table(r, title, head, &ta, order);
	tally_free(&ta);
	return rc;
}

static int group_dim(mp_db *db, mp_report *r, const mp_config *cfg,
                     const char *title, const char *head, const char *col,
                     int choice, mp_err *e)
{
	char *sql = mp_asprintf("SELECT g.%s, count(*)" GROUPS_LIVE " GROUP BY 1 ORDER BY 1", col);
	int rc = rp_tally(db, r, title, head, sql,
	                  mp_config_choices(cfg, choice), e);

	free(sql);
	return rc;
}

/* ---- groups ---- */

static int rp_groups(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	long v[4];
	int rc;

	/* New: founded in the period, or, with no founding date, entered in
	 * it.  In the incubation base at the end of the period: moved in by
	 * then and not yet moved out.  Observation points of any level. */
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
static int rp_hubs(mp_db *db, const mp_config *cfg, mp_report *r, mp_err *e)
{
	const mp_strlist *set = mp_config_choices(cfg, MP_CH_COMMUNITY);
	struct tally ta;
	mp_rtable *t;
	long covered = 0, total = 0;
	char n[32], p[32];
	int rc;

	rc = tally_read(db, r,
	        "SELECT g.community, count(*)" GROUPS_LIVE
	        " AND g.kind = '枢纽型' AND g.state = '活跃'"
	        " AND g.community IS NOT NULL GROUP BY 1 ORDER BY 1", &ta, e);
	if (rc != MP_OK) {
		tally_free(&ta);
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
		struct tally all;
		rc = tally_read(db, r,
		        "SELECT g.community, count(*)" GROUPS_LIVE
		        " AND g.community IS NOT NULL GROUP BY 1 ORDER BY 1", &all, e);
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
		tally_free(&all);
	}
	tally_free(&ta);
	if (rc != MP_OK)
		return rc;
	rt_count(RP_SUMMARY(r), _("Communities"), total);
	rt_count(RP_SUMMARY(r), _("Communities with an active hub group"), covered);
	rt_row(RP_SUMMARY(r), _("Hub coverage"), pct(covered, total, p, sizeof p));
	return MP_OK;
}

/* ---- the whole report ---- */

int mp_report_build(mp_db *db, const mp_config *cfg, const char *from,
                    const char *to, const char *community, mp_report *r,
                    mp_err *e)
{
	char f[11], t[11];
	int rc;

	mp_err_clear(e);
	memset(r, 0, sizeof *r);
	if (!from || mp_date_parse(from, f) != MP_DATE_OK)
		return mp_err_set(e, MP_EINVAL, _("“%s” is not a date (the start of the period)"),
		                  from ? from : "");
	if (!to || mp_date_parse(to, t) != MP_DATE_OK)
		return mp_err_set(e, MP_EINVAL, _("“%s” is not a date (the end of the period)"),
		                  to ? to : "");
	if (strcmp(f, t) > 0)
		return mp_err_set(e, MP_EINVAL,
		                  _("the period starts (%s) after it ends (%s)"), f, t);
	memcpy(r->from, f, sizeof f);
	memcpy(r->to, t, sizeof t);
	mp_today(r->today);
	r->community = community && *community ? mp_strdup(community) : NULL;
	r->station = mp_strdup(cfg && cfg->station ? cfg->station : "");

	rt_new(r, _("Summary"), 2, -1, 2, _("Figure"), _("Value"));
	rc = rp_groups(db, cfg, r, e);
	if (rc == MP_OK)
		rc = rp_hubs(db, cfg, r, e);
	if (rc == MP_OK)
		rc = rp_period(db, cfg, r, e);
	if (rc == MP_OK)
		rc = rp_trainings(db, r, e);
	if (rc == MP_OK)
		rc = rp_visits(db, cfg, r, e);
	if (rc != MP_OK)
		mp_report_free(r);
	return rc;
}
