/* ranking.c — the arithmetic of a round's ranking: weighted totals, means,
 * spreads and the pass mark, in whole numbers (see mp_ranking.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_i18n.h"
#include "mp_project.h"
#include "mp_ranking.h"
#include "mp_text.h"

/* num / den rounded half up, both >= 0, den > 0. */
static int64_t div_round(int64_t num, int64_t den)
{
	return (num + den / 2) / den;
}

int64_t mp_rank_weighted(const int64_t *tenths, const int64_t *weights, int n)
{
	int64_t num = 0, den = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (weights[i] <= 0)
			continue;
		if (tenths[i] < 0)
			return -1;
		/* Scores are at most 1000 tenths and weights at most 10,000
		 * hundredths of a percent: far from overflowing. */
		num += tenths[i] * weights[i];
		den += weights[i];
	}
	if (den == 0)
		return -1;
	/* tenths to hundredths: times 10. */
	return div_round(num * 10, den);
}

void mp_rank_stats_of(const int64_t *totals, int n, mp_rank_stats *out)
{
	int64_t sum = 0;
	int i;

	out->nscored = 0;
	out->mean = out->low = out->high = out->spread = -1;
	for (i = 0; i < n; i++) {
		if (totals[i] < 0)
			continue;
		if (out->nscored == 0 || totals[i] < out->low)
			out->low = totals[i];
		if (out->nscored == 0 || totals[i] > out->high)
			out->high = totals[i];
		sum += totals[i];
		out->nscored++;
	}
	if (out->nscored == 0)
		return;
	out->mean = div_round(sum, out->nscored);
	out->spread = out->high - out->low;
}

int mp_rank_passes(int64_t mean, int64_t pass_tenths)
{
	if (mean < 0)
		return 0;
	if (pass_tenths <= 0)
		return 1;
	return mean >= pass_tenths * 10;
}

int mp_rank_cmp(int64_t mean_a, int64_t votes_a, int64_t id_a,
                int64_t mean_b, int64_t votes_b, int64_t id_b)
{
	if (mean_a != mean_b)
		return mean_a > mean_b ? -1 : 1;
	if (votes_a != votes_b)
		return votes_a > votes_b ? -1 : 1;
	return id_a < id_b ? -1 : id_a > id_b;
}

/* ---- a round's ranking from the ledger ---- */

#define RANK_STATES "state NOT IN ('草稿', '已申报', '资格审查未通过')"

static char *col_dup(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return mp_strdup(s ? s : "");
}

static void *grow(void *p, int n, size_t size)
{
	void *q = realloc(p, (size_t)(n + 1) * size);

	if (!q)
		mp_oom();
	return q;
}

void mp_ranking_free(mp_ranking *r)
{
	int i;

	if (!r)
		return;
	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].name);
		free(r->rows[i].group);
		free(r->rows[i].category);
		free(r->rows[i].community);
		free(r->rows[i].totals);
	}
	for (i = 0; i < r->nrev; i++) {
		free(r->rev_name[i]);
		free(r->rev_unit[i]);
	}
	free(r->rows);
	free(r->rev_id);
	free(r->rev_name);
	free(r->rev_unit);
	free(r->crit);
	free(r->weights);
	free(r->round);
	free(r->organiser);
	free(r->operator_);
	free(r);
}

int mp_round_find(mp_db *db, const char *name, int64_t *id, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret, found = 0;

	*id = 0;
	ret = mp_db_prepare(db, "SELECT id FROM rounds WHERE deleted_at IS NULL"
	                    " AND (name = ?1 OR CAST(id AS TEXT) = ?1)"
	                    " ORDER BY name = ?1 DESC, id LIMIT 2", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++ == 0)
			*id = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	if (ret != MP_OK)
		return ret;
	if (!found)
		return mp_err_set(e, MP_ENOTFOUND, _("no funding round “%s” in the ledger"), name);
	if (found > 1)
		return mp_err_set(e, MP_EINVAL,
		                  _("two funding rounds are called “%s”: give the round's number instead"),
		                  name);
	return MP_OK;
}

static int load_round(mp_db *db, mp_ranking *r, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	ret = mp_db_prepare(db, "SELECT name, ifnull(organiser, ''), ifnull(operator, ''),"
	                    " ifnull(pass_mark, 0), ifnull(votes, ''), ifnull(notice_days, 0)"
	                    " FROM rounds WHERE id = ?1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, r->round_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->round = col_dup(st, 0);
		r->organiser = col_dup(st, 1);
		r->operator_ = col_dup(st, 2);
		r->pass_mark = sqlite3_column_int64(st, 3);
		r->votes_used = strcmp((const char *)sqlite3_column_text(st, 4), "是") == 0;
		r->notice_days = sqlite3_column_int(st, 5);
	} else if (rc == SQLITE_DONE) {
		ret = mp_err_set(e, MP_ENOTFOUND, _("no such funding round"));
	} else {
		ret = mp_db_fail(db, rc, e);
	}
	sqlite3_finalize(st);
	return ret;
}

static int load_criteria(mp_db *db, mp_ranking *r, mp_err *e)
{
	mp_criterion c[64];
	int n = 0, i, ret;

	ret = mp_round_criteria_get(db, r->round_id, c, 64, &n, e);
	if (ret != MP_OK)
		return ret;
	r->crit = calloc((size_t)(n ? n : 1), sizeof *r->crit);
	r->weights = calloc((size_t)(n ? n : 1), sizeof *r->weights);
	if (!r->crit || !r->weights)
		mp_oom();
	for (i = 0; i < n; i++) {
		snprintf(r->crit[i], sizeof r->crit[i], "%s", c[i].name);
		r->weights[i] = c[i].weight;
	}
	r->ncrit = n;
	return MP_OK;
}

static int load_apps(mp_db *db, mp_ranking *r, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	ret = mp_db_prepare(db, "SELECT a.id, a.name, ifnull(g.name, ''), ifnull(a.category, ''),"
	                    " ifnull(a.community, ''), a.state, ifnull(a.requested, 0),"
	                    " ifnull(a.granted, -1),"
	                    " (SELECT ifnull(sum(v.votes), 0) FROM resident_votes v"
	                    "  WHERE v.deleted_at IS NULL AND v.app_id = a.id)"
	                    " FROM applications a LEFT JOIN groups g ON g.id = a.group_id"
	                    " WHERE a.deleted_at IS NULL AND a.round_id = ?1 AND a." RANK_STATES
	                    " ORDER BY a.id", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, r->round_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		mp_rank_row *w;

		r->rows = grow(r->rows, r->nrows, sizeof *r->rows);
		w = &r->rows[r->nrows++];
		memset(w, 0, sizeof *w);
		w->app_id = sqlite3_column_int64(st, 0);
		w->name = col_dup(st, 1);
		w->group = col_dup(st, 2);
		w->category = col_dup(st, 3);
		w->community = col_dup(st, 4);
		snprintf(w->state, sizeof w->state, "%s", (const char *)sqlite3_column_text(st, 5));
		w->requested = sqlite3_column_int64(st, 6);
		w->granted = sqlite3_column_int64(st, 7);
		w->votes = sqlite3_column_int64(st, 8);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

static int load_reviewers(mp_db *db, mp_ranking *r, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	ret = mp_db_prepare(db, "SELECT v.id, v.name, ifnull(v.unit, '') FROM reviewers v"
	                    " WHERE v.id IN (SELECT s.reviewer_id FROM review_scores s"
	                    "  JOIN applications a ON a.id = s.app_id"
	                    "  WHERE s.deleted_at IS NULL AND a.deleted_at IS NULL"
	                    "  AND a.round_id = ?1 AND a." RANK_STATES ")"
	                    " ORDER BY v.name, v.id", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, r->round_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->rev_id = grow(r->rev_id, r->nrev, sizeof *r->rev_id);
		r->rev_name = grow(r->rev_name, r->nrev, sizeof *r->rev_name);
		r->rev_unit = grow(r->rev_unit, r->nrev, sizeof *r->rev_unit);
		r->rev_id[r->nrev] = sqlite3_column_int64(st, 0);
		r->rev_name[r->nrev] = col_dup(st, 1);
		r->rev_unit[r->nrev] = col_dup(st, 2);
		r->nrev++;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return ret;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The index of id in v[0..n-1], sorted (the applications, loaded by id);
 * -1 if none. */
static int find_sorted(const int64_t *v, int n, int64_t id)
{
	const int64_t *p = n > 0 ? bsearch(&id, v, (size_t)n, sizeof *v, cmp_id) : NULL;

	return p ? (int)(p - v) : -1;
}

static int find_id(const int64_t *v, int n, int64_t id)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i] == id)
			return i;
	return -1;
}

/* Every score of the round into sc[row][reviewer][criterion] (tenths). */
static int load_scores(mp_db *db, mp_ranking *r, const int64_t *crit_id,
                       int64_t *sc, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t *app_ids;
	int rc, ret, i;

	app_ids = calloc((size_t)(r->nrows ? r->nrows : 1), sizeof *app_ids);
	if (!app_ids)
		mp_oom();
	for (i = 0; i < r->nrows; i++)
		app_ids[i] = r->rows[i].app_id;
	ret = mp_db_prepare(db, "SELECT s.app_id, s.reviewer_id, s.criterion_id, s.score"
	                    " FROM review_scores s JOIN applications a ON a.id = s.app_id"
	                    " WHERE s.deleted_at IS NULL AND a.deleted_at IS NULL"
	                    " AND a.round_id = ?1", &st, e);
	if (ret != MP_OK) {
		free(app_ids);
		return ret;
	}
	rc = sqlite3_bind_int64(st, 1, r->round_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Applications were loaded by id; reviewers and criteria are
		 * a handful. */
		int a = find_sorted(app_ids, r->nrows, sqlite3_column_int64(st, 0));
		int v = find_id(r->rev_id, r->nrev, sqlite3_column_int64(st, 1));
		int c = find_id(crit_id, r->ncrit, sqlite3_column_int64(st, 2));

		if (a >= 0 && v >= 0 && c >= 0)
			sc[((size_t)a * (size_t)r->nrev + (size_t)v) * (size_t)r->ncrit + (size_t)c] =
				sqlite3_column_int64(st, 3);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	free(app_ids);
	return ret;
}

static int cmp_rows(const void *pa, const void *pb)
{
	const mp_rank_row *a = pa, *b = pb;

	return mp_rank_cmp(a->st.mean, a->votes, a->app_id,
	                   b->st.mean, b->votes, b->app_id);
}

int mp_ranking_load(mp_db *db, int64_t round_id, mp_ranking **out, mp_err *e)
{
	mp_ranking *r = calloc(1, sizeof *r);
	mp_criterion c[64];
	int64_t crit_id[64], *sc = NULL;
	size_t cells;
	int i, j, k, n = 0, ret;

	if (!r)
		mp_oom();
	*out = NULL;
	r->round_id = round_id;
	ret = load_round(db, r, e);
	if (ret == MP_OK)
		ret = load_criteria(db, r, e);
	if (ret == MP_OK)
		ret = mp_round_criteria_get(db, round_id, c, 64, &n, e);
	for (i = 0; ret == MP_OK && i < n; i++)
		crit_id[i] = c[i].id;
	if (ret == MP_OK)
		ret = mp_round_pool_left(db, round_id, 0, &r->pool_left, e);
	if (ret == MP_OK)
		ret = load_apps(db, r, e);
	if (ret == MP_OK)
		ret = load_reviewers(db, r, e);
	if (ret != MP_OK) {
		mp_ranking_free(r);
		return ret;
	}
	cells = (size_t)r->nrows * (size_t)r->nrev * (size_t)r->ncrit;
	sc = malloc((cells ? cells : 1) * sizeof *sc);
	if (!sc)
		mp_oom();
	for (i = 0; i < (int)cells; i++)
		sc[i] = -1;
	ret = load_scores(db, r, crit_id, sc, e);
	if (ret != MP_OK) {
		free(sc);
		mp_ranking_free(r);
		return ret;
	}
	for (i = 0; i < r->nrows; i++) {
		mp_rank_row *w = &r->rows[i];

		w->totals = calloc((size_t)(r->nrev ? r->nrev : 1), sizeof *w->totals);
		if (!w->totals)
			mp_oom();
		for (j = 0; j < r->nrev; j++) {
			const int64_t *s = &sc[((size_t)i * (size_t)r->nrev + (size_t)j) * (size_t)r->ncrit];
			int any = 0;

			for (k = 0; k < r->ncrit; k++)
				any |= s[k] >= 0;
			w->totals[j] = any ? mp_rank_weighted(s, r->weights, r->ncrit) : -1;
		}
		mp_rank_stats_of(w->totals, r->nrev, &w->st);
		w->pass = mp_rank_passes(w->st.mean, r->pass_mark);
	}
	free(sc);
	qsort(r->rows, (size_t)r->nrows, sizeof *r->rows, cmp_rows);
	*out = r;
	return MP_OK;
}
