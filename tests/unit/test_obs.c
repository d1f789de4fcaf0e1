/* test_obs.c — observation points (观察点), their observation records and
 * scores: each rule of their checks, the workflow of a point's state,
 * the group's 观察点 kept from its points, a group saved with a level
 * making its point, the chart of a point's screen, the points due for an
 * observation, the report's part on a known ledger, and schema step 13
 * on a ledger made by the steps before it (every old level found in a
 * point, every other table unchanged). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_group.h"
#include "mp_obs.h"
#include "mp_report.h"
#include "mp_steps.h"
#include "mp_text.h"
#include "fixture.h"

#define TODAY "2026-06-30"

static int setup(void **state)
{
	int rc = mp_fx_setup(state);

	setenv("MIAOPU_TODAY", TODAY, 1);
	return rc;
}

static char *group_level(struct mp_fx *f, int64_t g)
{
	mp_record *r = NULL;
	mp_err e;
	char *s;

	if (mp_record_load(f->db, &mp_groups, g, &r, &e) != MP_OK)
		fail_msg("loading group: %s", e.msg);
	s = mp_strdup(r->v[G_OBSERVATION]);
	mp_record_free(r);
	return s;
}

static mp_record *point(struct mp_fx *f, int64_t g, const char *level,
                        const char *from, const char *to)
{
	mp_record *r = mp_record_new(&mp_obs_points, &f->cfg);

	if (g)
		mp_fx_set_id(r, OP_GROUP, g);
	mp_record_set(r, OP_LEVEL, level);
	mp_record_set(r, OP_FROM, from);
	mp_record_set(r, OP_TO, to);
	mp_record_set(r, OP_DESIGNATED, "市民政局");
	mp_record_set(r, OP_THIRD_PARTY, "益邻社工");
	return r;
}

static int64_t add_obs(struct mp_fx *f, int64_t p, const char *date)
{
	mp_record *r = mp_record_new(&mp_observations, &f->cfg);

	mp_fx_set_id(r, OR_POINT, p);
	mp_record_set(r, OR_DATE, date);
	mp_record_set(r, OR_OBSERVER, "李静");
	mp_record_set(r, OR_PROBLEMS, "财务制度不健全");
	return mp_fx_save_free(f, r);
}

static int score(struct mp_fx *f, int64_t o, const char *dim, const char *val,
                 mp_err *e)
{
	mp_record *r = mp_record_new(&mp_obs_scores, &f->cfg);
	int rc;

	mp_fx_set_id(r, OS_OBS, o);
	mp_record_set(r, OS_DIMENSION, dim);
	mp_record_set(r, OS_SCORE, val);
	rc = mp_record_save(f->db, &f->cfg, r, e);
	mp_record_free(r);
	return rc;
}

static void add_score(struct mp_fx *f, int64_t o, const char *dim, const char *val)
{
	mp_err e;

	if (score(f, o, dim, val, &e) != MP_OK)
		fail_msg("score %s %s: %s", dim, val, e.msg);
}

static int save(struct mp_fx *f, mp_record *r, mp_err *e)
{
	return mp_record_save(f->db, &f->cfg, r, e);
}

/* ---- the points ---- */

static void test_point_checks(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "阳光助老服务队");
	mp_record *r;
	mp_err e;

	/* 无 is no level. */
	r = point(f, g, "无", "2025-01-01", "");
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OP_LEVEL);
	mp_record_free(r);
	/* A point of a group names it. */
	r = point(f, 0, "县级", "2025-01-01", "");
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OP_GROUP);
	/* A community observed is named; it names no group. */
	mp_record_set(r, OP_TARGET, "社区");
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OP_PLACE);
	mp_record_set(r, OP_PLACE, "滨湖社区");
	mp_fx_set_id(r, OP_GROUP, g);
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OP_GROUP);
	mp_record_set(r, OP_GROUP, "");
	/* The period's end is not before its start. */
	mp_record_set(r, OP_TO, "2024-12-31");
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OP_TO);
	mp_record_set(r, OP_TO, "2027-12-31");
	/* Its dimensions are the settings'. */
	mp_record_set(r, OP_DIMENSIONS, "培育发展、唱歌跳舞");
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OP_DIMENSIONS);
	assert_non_null(strstr(e.msg, "唱歌跳舞"));
	mp_record_set(r, OP_DIMENSIONS, "培育发展、能力提升");
	mp_fx_save(f, r);
	/* Named after the community, observed from the start of its period. */
	assert_string_equal(r->v[OP_NAME], "滨湖社区");
	assert_string_equal(r->v[OP_STATE], "观察中");
	assert_string_equal(r->v[OP_STATE_DATE], "2025-01-01");
	mp_record_free(r);
	/* A group's point is named after the group. */
	r = point(f, g, "市级", "2025-03-01", "");
	mp_fx_save(f, r);
	assert_string_equal(r->v[OP_NAME], "阳光助老服务队");
	mp_record_free(r);
}

/* The group's 观察点 is its current point's level: made, moved to 撤销
 * (with a reason), deleted, restored. */
static void test_group_level_kept(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "阳光助老服务队");
	mp_wf_input in = { "2026-01-05", "", "" };
	mp_record *r;
	mp_err e;
	char *s;

	s = group_level(f, g);
	assert_string_equal(s, "无");
	free(s);
	r = point(f, g, "市级", "2025-03-01", "2027-02-28");
	mp_fx_save(f, r);
	s = group_level(f, g);
	assert_string_equal(s, "市级");
	free(s);
	/* 撤销 asks why. */
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, OPS_REVOKED, &in, NULL, &e), MP_EINVAL);
	s = group_level(f, g);
	assert_string_equal(s, "市级");
	free(s);
	in.reason = "组织停止活动";
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, OPS_REVOKED, &in, NULL, &e), MP_OK);
	assert_string_equal(r->v[OP_REASON], "组织停止活动");
	s = group_level(f, g);
	assert_string_equal(s, "无");
	free(s);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM obs_states"
	                                  " WHERE to_state = '撤销' AND date = '2026-01-05'"), 1);
	/* A revoked point goes nowhere. */
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, OPS_MODEL, &in, NULL, &e), MP_EINVAL);
	mp_record_free(r);

	r = point(f, g, "省级", "2026-01-10", "");
	mp_fx_save(f, r);
	s = group_level(f, g);
	assert_string_equal(s, "省级");
	free(s);
	assert_int_equal(mp_record_delete(f->db, &mp_obs_points, r->id, &e), MP_OK);
	s = group_level(f, g);
	assert_string_equal(s, "无");
	free(s);
	assert_int_equal(mp_record_restore(f->db, &f->cfg, &mp_obs_points, r->id, &e), MP_OK);
	s = group_level(f, g);
	assert_string_equal(s, "省级");
	free(s);
	{
		int64_t id = r->id;

		mp_record_free(r);
		assert_int_equal(mp_record_load(f->db, &mp_obs_points, id, &r, &e), MP_OK);
	}
	/* 期满 ends the observation; 遴选为示范 keeps the group a point. */
	in.date = "2026-03-01";
	in.reason = "";
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, OPS_EXPIRED, &in, NULL, &e), MP_OK);
	s = group_level(f, g);
	assert_string_equal(s, "无");
	free(s);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, OPS_MODEL, &in, NULL, &e), MP_OK);
	s = group_level(f, g);
	assert_string_equal(s, "省级");
	free(s);
	/* The group's form does not set it. */
	{
		mp_record *gr = NULL;

		assert_int_equal(mp_record_load(f->db, &mp_groups, g, &gr, &e), MP_OK);
		mp_record_set(gr, G_OBSERVATION, "县级");
		mp_fx_save(f, gr);
		mp_record_free(gr);
		s = group_level(f, g);
		assert_string_equal(s, "省级");
		free(s);
	}
	mp_record_free(r);
}

/* A new group saved with a level (as an import of the old column) gets
 * its point, observed from its founding. */
static void test_group_with_level(void **state)
{
	struct mp_fx *f = *state;
	mp_record *g = mp_fx_group(f, "星儿家长互助中心", "滨河社区");
	int64_t id;

	mp_record_set(g, G_OBSERVATION, "省级");
	mp_record_set(g, G_FOUNDED, "2019-04-01");
	id = mp_fx_save_free(f, g);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM obs_points WHERE deleted_at IS NULL"
	                                  " AND level = '省级' AND state = '观察中'"
	                                  " AND target_kind = '组织' AND start_date = '2019-04-01'"
	                                  " AND name = '星儿家长互助中心'"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT group_id FROM obs_points"), id);
	/* It stands in for the group's point: one entered at its level
	 * replaces it (an import of the points after the groups'), one at
	 * another level does not. */
	mp_fx_save_free(f, point(f, id, "市级", "2024-01-01", ""));
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM obs_points WHERE deleted_at IS NULL"), 2);
	mp_fx_save_free(f, point(f, id, "省级", "2024-01-01", ""));
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM obs_points WHERE deleted_at IS NULL"), 2);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM obs_points WHERE deleted_at IS NOT NULL"
	                                  " AND start_date = '2019-04-01'"), 1);
	/* Observed, it stays. */
	{
		mp_record *g2 = mp_fx_group(f, "滨河老娘舅调解队", "滨河社区");
		int64_t id2, stand;

		mp_record_set(g2, G_OBSERVATION, "县级");
		mp_record_set(g2, G_FOUNDED, "2020-01-01");
		id2 = mp_fx_save_free(f, g2);
		stand = mp_fx_sql_int(f, "SELECT max(id) FROM obs_points");
		add_obs(f, stand, "2026-01-01");
		mp_fx_save_free(f, point(f, id2, "县级", "2026-02-01", ""));
		assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM obs_points WHERE deleted_at IS NULL"
		                                  " AND group_id = (SELECT group_id FROM obs_points"
		                                  "  WHERE id = (SELECT max(id) FROM obs_points))"), 2);
	}
	/* Found by search, as every point (the three of 星儿, one in the
	 * recycle bin). */
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM search_tokens"
	                                  " WHERE s_tok = '星儿' AND s_tbl <> 2"), 3);
}

/* ---- observations and scores ---- */

static void test_observation_checks(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "阳光助老服务队"), p, o;
	mp_record *r = point(f, g, "县级", "2025-01-01", "2025-12-31");
	mp_err e;

	mp_record_set(r, OP_DIMENSIONS, "培育发展、能力提升");
	p = mp_fx_save_free(f, r);
	r = mp_record_new(&mp_observations, &f->cfg);
	mp_fx_set_id(r, OR_POINT, p);
	mp_record_set(r, OR_OBSERVER, "李静");
	mp_record_set(r, OR_DATE, "2024-12-31");
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OR_DATE);
	mp_record_set(r, OR_DATE, "2026-01-01");
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OR_DATE);
	assert_non_null(strstr(e.msg, "2025-12-31"));
	mp_record_set(r, OR_DATE, "2025-06-15");
	o = mp_fx_save(f, r);
	mp_record_free(r);

	/* 0-100 */
	assert_int_equal(score(f, o, "培育发展", "120", &e), MP_EINVAL);
	assert_int_equal(e.field, OS_SCORE);
	/* only the point's dimensions, once each */
	assert_int_equal(score(f, o, "作用发挥", "80", &e), MP_EINVAL);
	assert_int_equal(e.field, OS_DIMENSION);
	assert_non_null(strstr(e.msg, "培育发展、能力提升"));
	/* Entered one dimension after another: the next is the first of the
	 * point's not scored yet (mp_table.next). */
	{
		mp_record *n = mp_record_new(&mp_obs_scores, &f->cfg);

		assert_int_equal(mp_obs_scores.next(f->db, &f->cfg, OS_OBS, o, n), 1);
		assert_string_equal(n->v[OS_DIMENSION], "培育发展");
		add_score(f, o, "培育发展", "85.5");
		assert_int_equal(mp_obs_scores.next(f->db, &f->cfg, OS_OBS, o, n), 1);
		assert_string_equal(n->v[OS_DIMENSION], "能力提升");
		mp_record_free(n);
	}
	assert_int_equal(score(f, o, "培育发展", "70", &e), MP_EDUP);
	add_score(f, o, "能力提升", "70");
	assert_int_equal(mp_fx_sql_int(f, "SELECT sum(score) FROM obs_scores"), 855 + 700);
	{
		mp_record *n = mp_record_new(&mp_obs_scores, &f->cfg);

		assert_int_equal(mp_obs_scores.next(f->db, &f->cfg, OS_OBS, o, n), 0);
		mp_record_free(n);
	}

	/* A future date is refused. */
	r = mp_record_new(&mp_observations, &f->cfg);
	mp_fx_set_id(r, OR_POINT, p);
	mp_record_set(r, OR_OBSERVER, "李静");
	mp_record_set(r, OR_DATE, "2026-07-01");
	assert_int_equal(save(f, r, &e), MP_EINVAL);
	assert_int_equal(e.field, OR_DATE);
	mp_record_free(r);
}

/* The chart: a line per dimension, a block per date (none: ·), the
 * latest score last. */
static void test_chart(void **state)
{
	struct mp_fx *f = *state;
	int64_t g = mp_fx_add_group(f, "阳光助老服务队"), p, o;
	mp_record *r = point(f, g, "县级", "2024-01-01", "");
	char buf[1024];

	/* 作用发挥, never scored, gets no line. */
	mp_record_set(r, OP_DIMENSIONS, "培育发展、能力提升、作用发挥");
	p = mp_fx_save_free(f, r);
	mp_obs_chart(f->db, &f->cfg, p, 78, buf, sizeof buf);
	assert_string_equal(buf, "");
	o = add_obs(f, p, "2024-06-01");
	add_score(f, o, "培育发展", "10");
	add_score(f, o, "能力提升", "60");
	o = add_obs(f, p, "2024-12-01");
	add_score(f, o, "培育发展", "50");
	o = add_obs(f, p, "2025-06-01");
	add_score(f, o, "培育发展", "100");
	add_score(f, o, "能力提升", "87.5");
	mp_obs_chart(f->db, &f->cfg, p, 78, buf, sizeof buf);
	assert_string_equal(buf, "培育发展 ▁▅█ 10→100\n能力提升 ▅·█ 60→87.5");
	/* Narrow: only the latest dates. */
	mp_obs_chart(f->db, &f->cfg, p, 8 + 13 + 2, buf, sizeof buf);
	assert_string_equal(buf, "培育发展 ▅█ 50→100\n能力提升 ·█ 87.5");
}

/* Due: the last observation (or the start of the period) plus six
 * months, by today plus the days asked; only points 观察中. */
static void test_due(void **state)
{
	struct mp_fx *f = *state;
	int64_t g1 = mp_fx_add_group(f, "一队"), g2 = mp_fx_add_group(f, "二队");
	int64_t g3 = mp_fx_add_group(f, "三队"), p1, p2;
	mp_obs_due *d;
	mp_err e;
	int n;

	p1 = mp_fx_save_free(f, point(f, g1, "县级", "2025-01-01", ""));
	add_obs(f, p1, "2025-12-15");            /* due 2026-06-15: overdue */
	p2 = mp_fx_save_free(f, point(f, g2, "市级", "2026-01-05", ""));  /* due 2026-07-05 */
	mp_fx_save_free(f, point(f, g3, "省级", "2026-03-01", ""));  /* due 2026-09-01 */
	assert_int_equal(mp_obs_points_due(f->db, &f->cfg, 7, 0, &d, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(d[0].point_id, p1);
	assert_string_equal(d[0].due, "2026-06-15");
	assert_string_equal(d[0].last, "2025-12-15");
	assert_true(d[0].overdue);
	assert_int_equal(d[1].point_id, p2);
	assert_string_equal(d[1].due, "2026-07-05");
	assert_string_equal(d[1].last, "");
	assert_false(d[1].overdue);
	free(d);
	/* Every three months: the third is due too. */
	f->cfg.obs_interval_months = 3;
	assert_int_equal(mp_obs_points_due(f->db, &f->cfg, 7, 0, &d, &n, &e), MP_OK);
	assert_int_equal(n, 3);
	free(d);
}

/* ---- the report, on a known ledger ---- */

static const char *cell(const mp_report *r, const char *title, const char *row,
                        int col)
{
	const mp_rtable *t = mp_report_table(r, title);

	if (!t)
		fail_msg("no table “%s”", title);
	for (int i = 0; i < t->nrows; i++)
		if (strcmp(t->cell[i * t->ncols], row) == 0)
			return t->cell[i * t->ncols + col];
	fail_msg("no row “%s” in “%s”", row, title);
	return NULL;
}

/* Three points (县级 观察中, 县级 撤销, 市级 观察中) and one begun after
 * the period; scores in the half-year 2025-07-01..2025-12-31 and in the
 * half-year before it. */
static void test_report(void **state)
{
	struct mp_fx *f = *state;
	int64_t g1 = mp_fx_add_group(f, "一队"), g2 = mp_fx_add_group(f, "二队");
	int64_t g3 = mp_fx_add_group(f, "三队"), g4 = mp_fx_add_group(f, "四队");
	mp_wf_input in = { "2025-08-01", "不再符合条件", "" };
	mp_record *r;
	mp_report rep;
	mp_err e;
	int64_t p1, p3, o;

	p1 = mp_fx_save_free(f, point(f, g1, "县级", "2025-01-01", ""));
	r = point(f, g2, "县级", "2025-01-01", "");
	mp_fx_save(f, r);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, OPS_REVOKED, &in, NULL, &e), MP_OK);
	mp_record_free(r);
	p3 = mp_fx_save_free(f, point(f, g3, "市级", "2025-02-01", ""));
	mp_fx_save_free(f, point(f, g4, "省级", "2026-02-01", ""));

	/* the half-year before: 培育发展 60 and 70, 能力提升 50 */
	o = add_obs(f, p1, "2025-03-01");
	add_score(f, o, "培育发展", "60");
	add_score(f, o, "能力提升", "50");
	o = add_obs(f, p3, "2025-06-30");
	add_score(f, o, "培育发展", "70");
	/* the period: 培育发展 80 and 85.5, 能力提升 45; 作用发挥 90 */
	o = add_obs(f, p1, "2025-09-01");
	add_score(f, o, "培育发展", "80");
	add_score(f, o, "能力提升", "45");
	o = add_obs(f, p3, "2025-12-31");
	add_score(f, o, "培育发展", "85.5");
	add_score(f, o, "作用发挥", "90");
	/* after it: not counted */
	o = add_obs(f, p3, "2026-01-10");
	add_score(f, o, "培育发展", "10");

	if (mp_report_build(f->db, &f->cfg, "2025-07-01", "2025-12-31", NULL, &rep, &e) != MP_OK)
		fail_msg("report: %s", e.msg);
	assert_string_equal(cell(&rep, "Observation points by level and state", "县级", 1), "1");
	assert_string_equal(cell(&rep, "Observation points by level and state", "县级", 4), "1");
	assert_string_equal(cell(&rep, "Observation points by level and state", "县级", 5), "2");
	assert_string_equal(cell(&rep, "Observation points by level and state", "市级", 1), "1");
	assert_string_equal(cell(&rep, "Observation points by level and state", "Total", 5), "3");
	/* (80 + 85.5) / 2 = 82.75 → 82.8; before (60 + 70) / 2 = 65 */
	assert_string_equal(cell(&rep, "Observation scores by dimension", "培育发展", 1), "2");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "培育发展", 2), "82.8");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "培育发展", 3), "65");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "培育发展", 4), "+17.8");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "能力提升", 2), "45");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "能力提升", 4), "-5");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "作用发挥", 2), "90");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "作用发挥", 3), "—");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "规范管理", 1), "0");
	mp_report_free(&rep);

	/* Before it was revoked (2025-08-01), the point was observed. */
	if (mp_report_build(f->db, &f->cfg, "2025-01-01", "2025-07-31", NULL, &rep, &e) != MP_OK)
		fail_msg("report: %s", e.msg);
	assert_string_equal(cell(&rep, "Observation points by level and state", "县级", 1), "2");
	assert_string_equal(cell(&rep, "Observation points by level and state", "县级", 4), "0");
	mp_report_free(&rep);

	/* Of one community: the groups of 幸福社区 only (all four here). */
	if (mp_report_build(f->db, &f->cfg, "2025-07-01", "2025-12-31", "柳塘村", &rep, &e) != MP_OK)
		fail_msg("report: %s", e.msg);
	assert_string_equal(cell(&rep, "Observation points by level and state", "Total", 5), "0");
	assert_string_equal(cell(&rep, "Observation scores by dimension", "培育发展", 1), "0");
	mp_report_free(&rep);
}

/* ---- schema step 13 ---- */

static long h_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long v = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Every row of every table but the new ones and the search index, as
 * text. */
static char *dump(sqlite3 *h)
{
	sqlite3_stmt *tables = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE type = 'table'"
	                                    " AND name NOT LIKE 'obs%' AND name <> 'observations'"
	                                    " AND name <> 'search_tokens' ORDER BY name",
	                                    -1, &tables, NULL), SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", name);
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
		/* Tables made by the opening are empty: only those with rows
		 * are named, so that rows gone or come show. */
		for (int row = 0; sqlite3_step(st) == SQLITE_ROW; row++) {
			if (row == 0)
				fprintf(f, "== %s\n", name);
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const char *v = (const char *)sqlite3_column_text(st, c);

				fprintf(f, "%s|", v ? v : "NULL");
			}
			fputc('\n', f);
		}
		sqlite3_finalize(st);
		sqlite3_free(sql);
	}
	sqlite3_finalize(tables);
	fclose(f);
	return out;
}

static char *tokens(sqlite3 *h, const char *where)
{
	char *sql = sqlite3_mprintf("SELECT s_tbl, s_tok, s_key, s_id FROM search_tokens"
	                            " WHERE %s ORDER BY 1, 2, 3, 4", where);
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "%s %s %s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
		        sqlite3_column_text(st, 2), sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	sqlite3_free(sql);
	fclose(f);
	return out;
}

static void test_schema_step(void **state)
{
	struct mp_fx *f = *state;
	char *path = mp_asprintf("%s/v11.db", f->dir), *before, *after, *tok_before, *tok_after;
	const struct mp_migration *steps;
	int n, i, first;
	char codes[256];
	sqlite3 *h;
	mp_db *db;
	mp_err e;

	steps = mp_schema_steps(&n);
	for (first = 0; first < n && steps[first].version <= 11; first++)
		;
	assert_true(first < n);
	/* A ledger of schema 11, as the miaopu before this step made it. */
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (mp_db_migrate(h, steps, first, &e) != MP_OK)
		fail_msg("making a ledger of schema 11: %s", e.msg);
	assert_int_equal(h_int(h, "PRAGMA user_version"), 11);
	if (sqlite3_exec(h,
	        "INSERT INTO groups (id, uuid, created_at, updated_at, deleted_at, name,"
	        " community, founded, observation, state, updated_by) VALUES"
	        " (1, 'a1111111-1111-4111-8111-111111111111', '2024-01-02 10:00:00',"
	        "  '2024-01-02 10:00:00', NULL, '和谐爱心团', '幸福社区', '2019-05-04', '市级',"
	        "  '活跃', '王芳'),"
	        " (2, 'a2222222-2222-4222-8222-222222222222', '2024-02-03 11:00:00',"
	        "  '2024-02-03 11:00:00', NULL, '夕阳红合唱团', '幸福社区', NULL, '县级',"
	        "  '活跃', NULL),"
	        " (3, 'a3333333-3333-4333-8333-333333333333', '2024-02-03 11:00:00',"
	        "  '2024-02-03 11:00:00', NULL, '邻里互助会', '柳塘村', NULL, '无', '活跃', NULL),"
	        " (4, 'a4444444-4444-4444-8444-444444444444', '2024-02-03 11:00:00',"
	        "  '2024-02-03 11:00:00', NULL, '读书会', '柳塘村', NULL, NULL, '活跃', NULL),"
	        " (5, 'a5555555-5555-4555-8555-555555555555', '2023-03-03 09:00:00',"
	        "  '2024-03-03 09:00:00', '2025-01-01 08:00:00', '已删的队', '柳塘村',"
	        "  '2020-01-01', '省级', '注销', NULL);"
	        "INSERT INTO activities (uuid, created_at, updated_at, name, group_id, date)"
	        " VALUES ('x1', '2025-01-01', '2025-01-01', '义诊', 1, '2025-03-05');",
	        NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("filling the old ledger: %s", sqlite3_errmsg(h));
	before = dump(h);
	tok_before = tokens(h, "1");
	{
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_prepare_v2(h, "SELECT 's_tbl IN (' || ifnull(group_concat(c), '')"
		                                    " || ')' FROM (SELECT DISTINCT s_tbl AS c FROM search_tokens)",
		                                    -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(codes, sizeof codes, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		assert_non_null(strstr(tok_before, "和谐"));
	}
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	if (mp_db_open(&db, path, 0, &e) != MP_OK)
		fail_msg("opening: %s", e.msg);
	assert_true(h_int(db->h, "PRAGMA user_version") >= 13);
	/* Every old level is one point of its group. */
	assert_int_equal(h_int(db->h, "SELECT count(*) FROM obs_points"), 3);
	assert_int_equal(h_int(db->h, "SELECT count(*) FROM groups g WHERE ifnull(observation, '无')"
	                       " NOT IN ('无', '') AND (SELECT count(*) FROM obs_points p"
	                       " WHERE p.group_id = g.id AND p.level = g.observation"
	                       " AND p.state = '观察中' AND p.target_kind = '组织'"
	                       " AND p.name = g.name"
	                       " AND p.start_date = ifnull(g.founded, substr(g.created_at, 1, 10))"
	                       " AND p.state_date = p.start_date"
	                       " AND p.deleted_at IS g.deleted_at) = 1"), 3);
	assert_int_equal(h_int(db->h, "SELECT count(*) FROM obs_points WHERE group_id = 2"
	                       " AND start_date = '2024-02-03'"), 1);
	/* Nothing else changed. */
	after = dump(db->h);
	assert_string_equal(before, after);
	/* The search index of the tables there were is as it was. */
	tok_after = tokens(db->h, codes);
	assert_string_equal(tok_before, tok_after);
	/* The points are found by search too. */
	assert_true(h_int(db->h, "SELECT count(*) FROM search_tokens WHERE s_tok = '合唱'") >= 2);
	/* And the opening found the tables complete: the schema is a new
	 * ledger's. */
	{
		char *want, *got;
		sqlite3_stmt *st = NULL;
		char *o1 = NULL, *o2 = NULL;
		size_t l1 = 0, l2 = 0;
		FILE *a, *b;

		a = open_memstream(&o1, &l1);
		b = open_memstream(&o2, &l2);
		for (i = 0; i < 2; i++) {
			sqlite3 *x = i ? db->h : f->db->h;

			assert_int_equal(sqlite3_prepare_v2(x, "SELECT type, name, ifnull(sql, '')"
			                                    " FROM sqlite_schema ORDER BY name", -1, &st,
			                                    NULL), SQLITE_OK);
			while (sqlite3_step(st) == SQLITE_ROW)
				fprintf(i ? b : a, "%s %s %s\n", sqlite3_column_text(st, 0),
				        sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
			sqlite3_finalize(st);
		}
		fclose(a);
		fclose(b);
		want = o1;
		got = o2;
		assert_string_equal(want, got);
		free(want);
		free(got);
	}
	free(tok_after);
	free(tok_before);
	free(before);
	free(after);
	mp_db_close(db);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_point_checks, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_group_level_kept, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_group_with_level, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_observation_checks, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_chart, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_due, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_report, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_schema_step, setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
