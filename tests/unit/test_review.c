/* test_review.c — the review of a round (issue 16): a reviewer who belongs
 * to the applicant group is refused (member, leader, or working for it), a
 * score outside 0-100 or of another round's criterion is refused, one
 * score a reviewer and criterion; the ranking from the ledger (weighted
 * totals, means, spreads, votes, pass mark, order); a grant never above
 * the request or the pool left; votes only where the round has them;
 * objections only during the public notice, in working days; the notice
 * written from the ledger with the approved projects, amounts and
 * reviewers. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_group.h"
#include "mp_notice.h"
#include "mp_project.h"
#include "mp_ranking.h"
#include "mp_review.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define TODAY "2026-03-20"

struct fx {
	struct mp_fx fx;
	int64_t red, blue, green;         /* groups */
	int64_t li;                       /* a volunteer, member of red */
	int64_t round, crit[3];
	int64_t app_red, app_blue, app_green;
	int64_t wang, chen, li_rv, zhao, zhang_rv;  /* reviewers */
};

static int64_t save_rec(struct fx *f, mp_record *r)
{
	return mp_fx_save_free(&f->fx, r);
}

static int64_t add_group(struct fx *f, const char *name, const char *leader)
{
	mp_record *g = mp_fx_group(&f->fx, name, "幸福社区");

	mp_record_set(g, G_LEADER, leader);
	return save_rec(f, g);
}

static int64_t add_reviewer(struct fx *f, const char *name, const char *unit,
                            int64_t volunteer)
{
	mp_record *r = mp_record_new(&mp_reviewers, &f->fx.cfg);

	mp_record_set(r, RV_NAME, name);
	mp_record_set(r, RV_UNIT, unit);
	if (volunteer)
		mp_fx_set_id(r, RV_VOLUNTEER, volunteer);
	return save_rec(f, r);
}

static void move(struct fx *f, int64_t app, int to, const char *date,
                 const char *amount)
{
	mp_wf_input in = { date, "", amount ? amount : "" };
	mp_record *r = NULL;
	mp_err e;
	int ret;

	mp_fx_wf_provide(&f->fx, app, to);
	assert_int_equal(mp_record_load(f->fx.db, &mp_applications, app, &r, &e), MP_OK);
	ret = mp_wf_move(f->fx.db, &f->fx.cfg, r, to, &in, NULL, &e);
	if (ret != MP_OK)
		fail_msg("move to %s: %s", mp_app_state_names[to], e.msg);
	mp_record_free(r);
}

static int64_t add_app(struct fx *f, const char *name, int64_t group,
                       const char *requested)
{
	mp_record *a = mp_record_new(&mp_applications, &f->fx.cfg);
	mp_record *b;
	int64_t id;

	mp_record_set(a, A_NAME, name);
	mp_fx_set_id(a, A_ROUND, f->round);
	mp_fx_set_id(a, A_GROUP, group);
	mp_record_set(a, A_COMMUNITY, "幸福社区");
	mp_record_set(a, A_CATEGORY, "助老扶幼");
	mp_record_set(a, A_REQUESTED, requested);
	id = save_rec(f, a);
	b = mp_record_new(&mp_app_budget, &f->fx.cfg);
	mp_fx_set_id(b, AB_APP, id);
	mp_record_set(b, AB_ITEM, "活动物资");
	mp_record_set(b, AB_AMOUNT, requested);
	mp_record_set(b, AB_PAID_BY, MP_PAID_BY_GRANT);
	save_rec(f, b);
	move(f, id, AS_SUBMITTED, "2026-03-02", NULL);
	move(f, id, AS_ELIGIBLE, "2026-03-03", NULL);
	return id;
}

static int setup(void **state)
{
	static const char *const names[] = { "需求契合", "可行性", "预算合理性" };
	static const char *const weights[] = { "40", "35", "25" };
	struct fx *f = calloc(1, sizeof *f);
	mp_record *r;
	int i;

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	setenv("MIAOPU_TODAY", TODAY, 1);
	f->red = add_group(f, "夕阳红志愿服务队", "张队长");
	f->blue = add_group(f, "蓝天环保协会", "刘会长");
	f->green = add_group(f, "绿色家园互助会", "孙大姐");
	f->li = mp_fx_add_volunteer(&f->fx, "李四", "110105199001010037", "ZY-0002");
	r = mp_record_new(&mp_memberships, &f->fx.cfg);
	mp_fx_set_id(r, M_VOLUNTEER, f->li);
	mp_fx_set_id(r, M_GROUP, f->red);
	mp_record_set(r, M_ROLE, "骨干");
	mp_record_set(r, M_JOINED, "2025-01-01");
	save_rec(f, r);

	r = mp_record_new(&mp_rounds, &f->fx.cfg);
	mp_record_set(r, R_NAME, "2026年幸福街道公益创投");
	mp_record_set(r, R_KIND, "微创投");
	mp_record_set(r, R_ORGANISER, "幸福街道办事处");
	mp_record_set(r, R_OPERATOR, "阳光社工服务中心");
	mp_record_set(r, R_POOL, "100000");
	mp_record_set(r, R_CAP, "50000");
	mp_record_set(r, R_PASS_MARK, "60");
	mp_record_set(r, R_NOTICE_DAYS, "5");
	mp_record_set(r, R_VOTES, "是");
	f->round = save_rec(f, r);
	for (i = 0; i < 3; i++) {
		r = mp_record_new(&mp_round_criteria, &f->fx.cfg);
		mp_fx_set_id(r, RC_ROUND, f->round);
		mp_record_set(r, RC_CRITERION, names[i]);
		mp_record_set(r, RC_WEIGHT, weights[i]);
		f->crit[i] = save_rec(f, r);
	}
	f->app_red = add_app(f, "银龄互助", f->red, "30000");
	f->app_blue = add_app(f, "垃圾分类", f->blue, "40000");
	f->app_green = add_app(f, "邻里花园", f->green, "20000");

	f->wang = add_reviewer(f, "王教授", "安徽师范大学", 0);
	f->chen = add_reviewer(f, "陈会计", "幸福会计师事务所", 0);
	f->li_rv = add_reviewer(f, "李四", "社区卫生服务中心", f->li);
	f->zhao = add_reviewer(f, "赵工", "蓝天环保协会", 0);
	f->zhang_rv = add_reviewer(f, "张队长", "", 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int ret = mp_fx_close(&f->fx);

	free(f);
	return ret;
}

/* Save one score; its result, e filled. */
static int score(struct fx *f, int64_t app, int64_t reviewer, int crit,
                 const char *value, mp_err *e)
{
	mp_record *r = mp_record_new(&mp_review_scores, &f->fx.cfg);
	int ret;

	mp_fx_set_id(r, SC_APP, app);
	mp_fx_set_id(r, SC_REVIEWER, reviewer);
	mp_fx_set_id(r, SC_CRITERION, crit < 3 ? f->crit[crit] : (int64_t)crit);
	mp_record_set(r, SC_SCORE, value);
	mp_err_clear(e);
	ret = mp_record_save(f->fx.db, &f->fx.cfg, r, e);
	mp_record_free(r);
	return ret;
}

static void score_ok(struct fx *f, int64_t app, int64_t reviewer,
                     const char *a, const char *b, const char *c)
{
	const char *v[3] = { a, b, c };
	mp_err e;
	int i;

	for (i = 0; i < 3; i++)
		if (score(f, app, reviewer, i, v[i], &e) != MP_OK)
			fail_msg("score %s: %s", v[i], e.msg);
}

static void test_conflict_member(void **state)
{
	struct fx *f = *state;
	mp_err e;

	/* 李四 is a 骨干 of 夕阳红: may not score 银龄互助, may score 垃圾分类. */
	assert_int_equal(score(f, f->app_red, f->li_rv, 0, "90", &e), MP_EINVAL);
	assert_int_equal(e.field, SC_REVIEWER);
	assert_non_null(strstr(e.msg, "李四"));
	assert_non_null(strstr(e.msg, "夕阳红志愿服务队"));
	assert_int_equal(score(f, f->app_blue, f->li_rv, 0, "90", &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM review_scores"), 1);

	/* A membership in the recycle bin no longer counts. */
	assert_int_equal(mp_record_delete(f->fx.db, &mp_memberships,
	                                  mp_fx_sql_int(&f->fx, "SELECT id FROM memberships"), &e),
	                 MP_OK);
	assert_int_equal(score(f, f->app_red, f->li_rv, 0, "90", &e), MP_OK);
}

static void test_conflict_unit_and_leader(void **state)
{
	struct fx *f = *state;
	mp_err e;

	/* 赵工 works for 蓝天环保协会. */
	assert_int_equal(score(f, f->app_blue, f->zhao, 0, "80", &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "赵工"));
	assert_non_null(strstr(e.msg, "蓝天环保协会"));
	assert_int_equal(mp_review_conflict(f->fx.db, f->zhao, f->app_red, &e), MP_OK);
	/* A reviewer named as 夕阳红's leader (张队长): names repeat, so the
	 * save asks first (a warning), and a reviewer of another name is not
	 * asked. */
	{
		mp_record *r = mp_record_new(&mp_review_scores, &f->fx.cfg);
		char buf[512];
		int64_t other = -1;

		mp_fx_set_id(r, SC_APP, f->app_red);
		mp_fx_set_id(r, SC_REVIEWER, f->zhang_rv);
		mp_fx_set_id(r, SC_CRITERION, f->crit[0]);
		mp_record_set(r, SC_SCORE, "80");
		assert_int_equal(mp_record_warn(f->fx.db, &f->fx.cfg, r, buf, sizeof buf, &other), 1);
		assert_non_null(strstr(buf, "张队长"));
		assert_non_null(strstr(buf, "夕阳红志愿服务队"));
		assert_int_equal(other, 0);
		mp_fx_set_id(r, SC_APP, f->app_green);
		assert_int_equal(mp_record_warn(f->fx.db, &f->fx.cfg, r, buf, sizeof buf, &other), 0);
		mp_fx_set_id(r, SC_APP, f->app_red);
		mp_fx_set_id(r, SC_REVIEWER, f->wang);
		assert_int_equal(mp_record_warn(f->fx.db, &f->fx.cfg, r, buf, sizeof buf, &other), 0);
		mp_record_free(r);
	}
	assert_int_equal(score(f, f->app_green, f->zhang_rv, 0, "80", &e), MP_OK);
	assert_int_equal(mp_review_conflict(f->fx.db, f->wang, f->app_red, &e), MP_OK);
}

static void test_score_scale(void **state)
{
	struct fx *f = *state;
	mp_err e;

	assert_int_equal(score(f, f->app_red, f->wang, 0, "100.5", &e), MP_EINVAL);
	assert_int_equal(e.field, SC_SCORE);
	assert_int_equal(score(f, f->app_red, f->wang, 0, "-1", &e), MP_EINVAL);
	assert_int_equal(e.field, SC_SCORE);
	assert_int_equal(score(f, f->app_red, f->wang, 0, "85.25", &e), MP_EINVAL);
	assert_int_equal(score(f, f->app_red, f->wang, 0, "很好", &e), MP_EINVAL);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM review_scores"), 0);
	assert_int_equal(score(f, f->app_red, f->wang, 0, "100", &e), MP_OK);
	assert_int_equal(score(f, f->app_red, f->wang, 1, "0", &e), MP_OK);
	/* Once a reviewer and criterion: the second is refused, naming it. */
	assert_int_equal(score(f, f->app_red, f->wang, 0, "90", &e), MP_EDUP);
	assert_int_equal(e.field, SC_CRITERION);
	assert_true(e.other_id > 0);
	/* Stored in tenths. */
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT sum(score) FROM review_scores"), 1000);
	/* Its criterion is shown by name, not by its round's number (the
	 * criterion's first field refers to the round). */
	{
		mp_record *r = NULL;
		char buf[128];

		assert_int_equal(mp_record_load(f->fx.db, &mp_review_scores,
		                                mp_fx_sql_int(&f->fx, "SELECT min(id) FROM review_scores"),
		                                &r, &e), MP_OK);
		assert_string_equal(mp_field_display(f->fx.db, r, SC_CRITERION, 1, buf, sizeof buf),
		                    "需求契合");
		assert_string_equal(mp_field_display(f->fx.db, r, SC_REVIEWER, 1, buf, sizeof buf),
		                    "王教授");
		mp_record_free(r);
	}
}

static void test_score_other_round_or_state(void **state)
{
	struct fx *f = *state;
	mp_record *r = mp_record_new(&mp_rounds, &f->fx.cfg);
	int64_t other_round, other_crit, draft;
	mp_err e;

	mp_record_set(r, R_NAME, "2026年第二轮");
	mp_record_set(r, R_KIND, "公益创投");
	mp_record_set(r, R_POOL, "10000");
	other_round = save_rec(f, r);
	r = mp_record_new(&mp_round_criteria, &f->fx.cfg);
	mp_fx_set_id(r, RC_ROUND, other_round);
	mp_record_set(r, RC_CRITERION, "创新性");
	mp_record_set(r, RC_WEIGHT, "100");
	other_crit = save_rec(f, r);
	assert_int_equal(score(f, f->app_red, f->wang, (int)other_crit, "80", &e), MP_EINVAL);
	assert_int_equal(e.field, SC_CRITERION);

	/* A draft is not scored. */
	r = mp_record_new(&mp_applications, &f->fx.cfg);
	mp_record_set(r, A_NAME, "草稿项目");
	mp_fx_set_id(r, A_ROUND, f->round);
	mp_fx_set_id(r, A_GROUP, f->green);
	draft = save_rec(f, r);
	assert_int_equal(score(f, draft, f->wang, 0, "80", &e), MP_EINVAL);
	assert_int_equal(e.field, SC_APP);
	assert_non_null(strstr(e.msg, "草稿"));
}

static void test_ranking(void **state)
{
	struct fx *f = *state;
	mp_ranking *rk = NULL;
	mp_record *v;
	mp_err e;

	/* Weights 40/35/25.  王教授: red 90 80 70 -> 81.5; blue 60 50 40 -> 51.5;
	 * green 100 100 100 -> 100.  陈会计: red 80 80 80 -> 80; blue 70 60 66
	 * -> 66.5; green has no score from him yet (one criterion only). */
	score_ok(f, f->app_red, f->wang, "90", "80", "70");
	score_ok(f, f->app_blue, f->wang, "60", "50", "40");
	score_ok(f, f->app_green, f->wang, "100", "100", "100");
	score_ok(f, f->app_red, f->chen, "80", "80", "80");
	score_ok(f, f->app_blue, f->chen, "70", "60", "66");
	assert_int_equal(score(f, f->app_green, f->chen, 0, "10", &e), MP_OK);
	v = mp_record_new(&mp_resident_votes, &f->fx.cfg);
	mp_fx_set_id(v, VT_APP, f->app_blue);
	mp_record_set(v, VT_VOTES, "37");
	save_rec(f, v);
	v = mp_record_new(&mp_resident_votes, &f->fx.cfg);
	mp_fx_set_id(v, VT_APP, f->app_blue);
	mp_record_set(v, VT_VOTES, "5");
	save_rec(f, v);

	assert_int_equal(mp_ranking_load(f->fx.db, f->round, &rk, &e), MP_OK);
	assert_string_equal(rk->round, "2026年幸福街道公益创投");
	assert_int_equal(rk->pass_mark, 600);
	assert_true(rk->votes_used);
	assert_int_equal(rk->ncrit, 3);
	assert_int_equal(rk->nrev, 2);
	/* Reviewers by name: 王教授 after 陈会计 in code-point order. */
	assert_string_equal(rk->rev_name[0], "王教授");
	assert_string_equal(rk->rev_name[1], "陈会计");
	assert_int_equal(rk->nrows, 3);
	/* green: only 王教授 finished: mean 100, spread 0. */
	assert_int_equal(rk->rows[0].app_id, f->app_green);
	assert_int_equal(rk->rows[0].totals[0], 10000);
	assert_int_equal(rk->rows[0].totals[1], -1);
	assert_int_equal(rk->rows[0].st.nscored, 1);
	assert_int_equal(rk->rows[0].st.mean, 10000);
	/* red: (81.5 + 80) / 2 = 80.75, spread 1.5. */
	assert_int_equal(rk->rows[1].app_id, f->app_red);
	assert_int_equal(rk->rows[1].totals[0], 8150);
	assert_int_equal(rk->rows[1].totals[1], 8000);
	assert_int_equal(rk->rows[1].st.mean, 8075);
	assert_int_equal(rk->rows[1].st.spread, 150);
	assert_true(rk->rows[1].pass);
	/* blue: 51.5 and 0.4*70 + 0.35*60 + 0.25*66 = 28 + 21 + 16.5 = 65.5;
	 * mean 58.5: below the pass mark 60; 42 votes. */
	assert_int_equal(rk->rows[2].app_id, f->app_blue);
	assert_int_equal(rk->rows[2].totals[1], 6550);
	assert_int_equal(rk->rows[2].st.mean, 5850);
	assert_int_equal(rk->rows[2].st.spread, 1400);
	assert_false(rk->rows[2].pass);
	assert_int_equal(rk->rows[2].votes, 42);
	assert_string_equal(rk->rows[2].group, "蓝天环保协会");
	assert_int_equal(rk->rows[2].requested, 4000000);
	assert_int_equal(rk->rows[2].granted, -1);
	assert_int_equal(rk->pool_left, 10000000);
	mp_ranking_free(rk);

	/* A score corrected moves the ranking. */
	assert_int_equal(mp_ranking_load(f->fx.db, f->round + 99, &rk, &e), MP_ENOTFOUND);
}

static void test_votes_only_where_used(void **state)
{
	struct fx *f = *state;
	mp_record *r = mp_record_new(&mp_rounds, &f->fx.cfg), *v;
	int64_t round;
	mp_err e;

	mp_record_set(r, R_NAME, "2026年市级公益创投");
	mp_record_set(r, R_KIND, "公益创投");
	mp_record_set(r, R_POOL, "500000");
	mp_record_set(r, R_VOTES, "否");
	round = save_rec(f, r);
	r = mp_record_new(&mp_applications, &f->fx.cfg);
	mp_record_set(r, A_NAME, "市级项目");
	mp_fx_set_id(r, A_ROUND, round);
	mp_fx_set_id(r, A_GROUP, f->blue);
	r->id = 0;
	{
		int64_t app = save_rec(f, r);

		v = mp_record_new(&mp_resident_votes, &f->fx.cfg);
		mp_fx_set_id(v, VT_APP, app);
		mp_record_set(v, VT_VOTES, "10");
		assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, v, &e), MP_EINVAL);
		assert_non_null(strstr(e.msg, "2026年市级公益创投"));
		mp_record_free(v);
	}
	/* A negative or broken count is refused as any count is. */
	v = mp_record_new(&mp_resident_votes, &f->fx.cfg);
	mp_fx_set_id(v, VT_APP, f->app_red);
	mp_record_set(v, VT_VOTES, "-3");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, v, &e), MP_EINVAL);
	assert_int_equal(e.field, VT_VOTES);
	mp_record_free(v);
}

/* Approve red (28,000 of 30,000) and blue, publish both on 2026-03-09. */
static void approve_and_publish(struct fx *f)
{
	score_ok(f, f->app_red, f->wang, "90", "80", "70");
	score_ok(f, f->app_blue, f->wang, "70", "70", "70");
	score_ok(f, f->app_red, f->chen, "80", "80", "80");
	score_ok(f, f->app_blue, f->chen, "60", "60", "60");
	/* Green is scored too: 已评审 stands for the experts' scores. */
	score_ok(f, f->app_green, f->wang, "50", "50", "50");
	move(f, f->app_red, AS_REVIEWED, "2026-03-05", NULL);
	move(f, f->app_blue, AS_REVIEWED, "2026-03-05", NULL);
	move(f, f->app_green, AS_REVIEWED, "2026-03-05", NULL);
	move(f, f->app_red, AS_APPROVED, "2026-03-06", "28000");
	move(f, f->app_blue, AS_APPROVED, "2026-03-06", "39999.50");
	move(f, f->app_red, AS_NOTICE, "2026-03-09", NULL);
	move(f, f->app_blue, AS_NOTICE, "2026-03-09", NULL);
}

static void test_grant_limits(void **state)
{
	struct fx *f = *state;
	mp_wf_input in = { "2026-03-06", "", "" };
	mp_record *r = NULL;
	mp_err e;

	move(f, f->app_green, AS_REVIEWED, "2026-03-05", NULL);
	assert_int_equal(mp_record_load(f->fx.db, &mp_applications, f->app_green, &r, &e), MP_OK);
	/* Above what was requested (20,000). */
	in.amount = "20000.01";
	assert_int_equal(mp_wf_move(f->fx.db, &f->fx.cfg, r, AS_APPROVED, &in, NULL, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "20,000.01"));
	mp_record_free(r);
	/* Above the pool left: 100,000 less red's 30,000 and blue's 40,000
	 * leaves 30,000; green asks 20,000 — take the pool down first. */
	move(f, f->app_red, AS_REVIEWED, "2026-03-05", NULL);
	move(f, f->app_blue, AS_REVIEWED, "2026-03-05", NULL);
	move(f, f->app_red, AS_APPROVED, "2026-03-06", "30000");
	move(f, f->app_blue, AS_APPROVED, "2026-03-06", "40000");
	{
		int64_t left = 0;

		assert_int_equal(mp_round_pool_left(f->fx.db, f->round, 0, &left, &e), MP_OK);
		assert_int_equal(left, 3000000);
	}
	r = NULL;
	assert_int_equal(mp_record_load(f->fx.db, &mp_applications, f->app_green, &r, &e), MP_OK);
	/* Pool left is 30,000: 20,000 fits; but lower the pool to 85,000. */
	{
		mp_record *round = NULL;

		assert_int_equal(mp_record_load(f->fx.db, &mp_rounds, f->round, &round, &e), MP_OK);
		mp_record_set(round, R_POOL, "85000");
		assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, round, &e), MP_OK);
		mp_record_free(round);
	}
	in.amount = "20000";
	assert_int_equal(mp_wf_move(f->fx.db, &f->fx.cfg, r, AS_APPROVED, &in, NULL, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "15,000.00"));
	in.amount = "15000";
	assert_int_equal(mp_wf_move(f->fx.db, &f->fx.cfg, r, AS_APPROVED, &in, NULL, &e), MP_OK);
	mp_record_free(r);
}

static int objection(struct fx *f, int64_t app, const char *date,
                     const char *outcome, const char *done, const char *reply,
                     mp_err *e)
{
	mp_record *r = mp_record_new(&mp_objections, &f->fx.cfg);
	int ret;

	mp_fx_set_id(r, OB_APP, app);
	mp_record_set(r, OB_DATE, date);
	mp_record_set(r, OB_FROM, "周先生");
	mp_record_set(r, OB_CONTENT, "申报组织成立不满一年");
	if (outcome)
		mp_record_set(r, OB_OUTCOME, outcome);
	mp_record_set(r, OB_DONE_DATE, done);
	mp_record_set(r, OB_REPLY, reply);
	mp_err_clear(e);
	ret = mp_record_save(f->fx.db, &f->fx.cfg, r, e);
	mp_record_free(r);
	return ret;
}

static void test_objections(void **state)
{
	struct fx *f = *state;
	char start[11], end[11];
	int days;
	mp_err e;

	/* Not published yet. */
	assert_int_equal(objection(f, f->app_red, "2026-03-09", NULL, "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, OB_APP);
	assert_int_equal(mp_round_notice_period(f->fx.db, NULL, f->round, start, end, &days, &e),
	                 MP_ENOTFOUND);
	approve_and_publish(f);
	/* Monday 9 March, five working days: to Friday 13 March. */
	assert_int_equal(mp_round_notice_period(f->fx.db, NULL, f->round, start, end, &days, &e), MP_OK);
	assert_string_equal(start, "2026-03-09");
	assert_string_equal(end, "2026-03-13");
	assert_int_equal(days, 5);

	assert_int_equal(objection(f, f->app_red, "2026-03-13", NULL, "", "", &e), MP_OK);
	assert_int_equal(objection(f, f->app_red, "2026-03-16", NULL, "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, OB_DATE);
	assert_non_null(strstr(e.msg, "2026-03-13"));
	assert_int_equal(objection(f, f->app_red, "2026-03-06", NULL, "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, OB_DATE);
	/* Settled: needs the date and how. */
	assert_int_equal(objection(f, f->app_red, "2026-03-10", "异议不成立", "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, OB_DONE_DATE);
	assert_int_equal(objection(f, f->app_red, "2026-03-10", "异议不成立", "2026-03-12", "", &e),
	                 MP_EINVAL);
	assert_int_equal(e.field, OB_REPLY);
	assert_int_equal(objection(f, f->app_red, "2026-03-10", "异议不成立", "2026-03-09",
	                           "经核实，该组织已备案两年", &e), MP_EINVAL);
	assert_int_equal(e.field, OB_DONE_DATE);
	assert_int_equal(objection(f, f->app_red, "2026-03-10", "异议不成立", "2026-03-12",
	                           "经核实，该组织已备案两年", &e), MP_OK);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM objections"), 2);
}

static void test_notice_from_ledger(void **state)
{
	struct fx *f = *state;
	char *html = NULL, start[11], end[11];
	size_t len = 0;
	FILE *out;
	mp_err e;

	free(f->fx.cfg.station);
	f->fx.cfg.station = mp_strdup("幸福街道社工站");
	/* Nothing approved yet. */
	out = open_memstream(&html, &len);
	assert_int_equal(mp_notice_make(f->fx.db, &f->fx.cfg, f->round, NULL, out, start, end, &e),
	                 MP_EINVAL);
	fclose(out);
	free(html);

	approve_and_publish(f);
	html = NULL;
	out = open_memstream(&html, &len);
	assert_int_equal(mp_notice_make(f->fx.db, &f->fx.cfg, f->round, NULL, out, start, end, &e),
	                 MP_OK);
	fclose(out);
	assert_string_equal(start, "2026-03-09");
	assert_string_equal(end, "2026-03-13");
	assert_non_null(strstr(html, "拟资助以下 2 个项目"));
	/* Red ranks first (80.75 against 70 and 60: 65). */
	assert_non_null(strstr(html, "<tr><td class=\"n\">1</td><td>银龄互助</td><td>夕阳红志愿服务队</td>"));
	assert_non_null(strstr(html, "<td class=\"n\">80.75</td><td class=\"n\">30,000.00</td>"
	                       "<td class=\"n\">28,000.00</td>"));
	assert_non_null(strstr(html, "<tr><td class=\"n\">2</td><td>垃圾分类</td>"));
	assert_non_null(strstr(html, "<td class=\"n\">40,000.00</td><td class=\"n\">39,999.50</td>"));
	assert_non_null(strstr(html, "<th class=\"n\">67,999.50</th>"));
	assert_null(strstr(html, "邻里花园"));
	assert_non_null(strstr(html, "评审专家：王教授（安徽师范大学）、陈会计（幸福会计师事务所）。"));
	assert_non_null(strstr(html, "公示期为 2026年3月9日 至 2026年3月13日（5 个工作日）"));
	assert_non_null(strstr(html, "幸福街道社工站反映"));
	assert_non_null(strstr(html, "主办单位：幸福街道办事处"));
	free(html);

	/* Given a day: the period from it. */
	html = NULL;
	out = open_memstream(&html, &len);
	assert_int_equal(mp_notice_make(f->fx.db, &f->fx.cfg, f->round, "2026-03-14", out,
	                                start, end, &e), MP_OK);
	fclose(out);
	assert_string_equal(start, "2026-03-16");
	assert_string_equal(end, "2026-03-20");
	free(html);
	html = NULL;
	out = open_memstream(&html, &len);
	assert_int_equal(mp_notice_make(f->fx.db, &f->fx.cfg, f->round, "2026-02-30", out,
	                                start, end, &e), MP_EINVAL);
	fclose(out);
	free(html);
}

static void test_round_find(void **state)
{
	struct fx *f = *state;
	char num[32];
	int64_t id = 0;
	mp_err e;

	assert_int_equal(mp_round_find(f->fx.db, "2026年幸福街道公益创投", &id, &e), MP_OK);
	assert_int_equal(id, f->round);
	snprintf(num, sizeof num, "%lld", (long long)f->round);
	assert_int_equal(mp_round_find(f->fx.db, num, &id, &e), MP_OK);
	assert_int_equal(id, f->round);
	assert_int_equal(mp_round_find(f->fx.db, "没有这一轮", &id, &e), MP_ENOTFOUND);
	assert_non_null(strstr(e.msg, "没有这一轮"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_conflict_member, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_unit_and_leader, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_scale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_other_round_or_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_votes_only_where_used, setup, teardown),
		cmocka_unit_test_setup_teardown(test_grant_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_objections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notice_from_ledger, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_find, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
