/* gen_projects.c — funding rounds at 杭州's scale for the benchmark:
 * thirteen yearly 公益创投 rounds (2013 to 2025), 8,000 projects applied
 * for by the ledger's groups, most of them approved and taken through
 * their states to the close (the last round is still under way), each
 * with its budget lines (grant and matched funds).  Everything is saved
 * through mp_record_save and every change of state made by the workflow
 * (mp_wf_move) on its day, so that what is made passes every check.  The
 * same seed and scale give the same rounds.  An approved project signs
 * its agreement (with the matched funds its budget promised), is paid
 * each tranche in two payments once its trigger happened, and is
 * evaluated mid-term and at the close on the round's criteria (with the
 * close's outcome figures); a stopped one gives back part of what it was
 * paid. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "gen.h"
#include "mp_check.h"
#include "mp_money.h"
#include "mp_activity.h"
#include "mp_funding.h"
#include "mp_group.h"
#include "mp_project.h"
#include "mp_review.h"
#include "mp_text.h"

#define BATCH 20000

struct pgen {
	mp_db *db;
	const mp_config *c;
	mp_err *e;
	FILE *log;
	uint32_t seed;
	long pending;
	int64_t *gid;              /* the ledger's groups */
	char (*gcomm)[64];
	long ngroups;
	int64_t reviewer;          /* the experts' panel, made at first use */
};

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static long pick(struct pgen *g, long n)
{
	return n > 0 ? (long)(rnd(&g->seed) % (uint32_t)n) : 0;
}

static void set_num(mp_record *r, int i, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	mp_record_set(r, i, buf);
}

static void set_day(mp_record *r, int i, long day)
{
	char buf[11];

	mp_day_string(day, buf);
	mp_record_set(r, i, buf);
}

static long day_of(int year, const char *md)
{
	char d[32];

	snprintf(d, sizeof d, "%04d-%.5s", year % 10000, md);
	return mp_day_number(d, NULL);
}

/* Commit every BATCH writes: the write-ahead log stays small. */
static int tick(struct pgen *g)
{
	int rc = MP_OK;

	if (++g->pending >= BATCH) {
		g->pending = 0;
		rc = mp_db_commit(g->db, g->e);
		if (rc == MP_OK)
			rc = mp_db_begin(g->db, g->e);
	}
	return rc;
}

static int save(struct pgen *g, mp_record *r, const char *what)
{
	int rc = mp_record_save(g->db, g->c, r, g->e);

	if (rc != MP_OK) {
		char why[sizeof g->e->msg];

		snprintf(why, sizeof why, "%s", g->e->msg);
		mp_err_set(g->e, rc, "%s “%s”: %s", what, r->v[0], why);
		return rc;
	}
	return tick(g);
}

static int load_groups(struct pgen *g)
{
	sqlite3_stmt *st;
	long n = 0;
	int rc = mp_db_prepare(g->db, "SELECT count(*) FROM groups WHERE deleted_at IS NULL",
	                       &st, g->e);

	if (rc != MP_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (n == 0)
		return mp_err_set(g->e, MP_EINVAL, "no groups to apply for projects");
	g->gid = calloc((size_t)n, sizeof *g->gid);
	g->gcomm = calloc((size_t)n, sizeof *g->gcomm);
	if (!g->gid || !g->gcomm)
		return mp_err_set(g->e, MP_ENOMEM, "out of memory");
	rc = mp_db_prepare(g->db, "SELECT id, ifnull(community, '') FROM groups"
	                   " WHERE deleted_at IS NULL ORDER BY id", &st, g->e);
	if (rc != MP_OK)
		return rc;
	while (g->ngroups < n && sqlite3_step(st) == SQLITE_ROW) {
		g->gid[g->ngroups] = sqlite3_column_int64(st, 0);
		snprintf(g->gcomm[g->ngroups], sizeof g->gcomm[0], "%s",
		         (const char *)sqlite3_column_text(st, 1));
		g->ngroups++;
	}
	sqlite3_finalize(st);
	return MP_OK;
}

/* ---- rounds ---- */

static const char *const criteria[] = {
	"需求契合", "在地性", "参与性", "可行性", "创新性", "预算合理性",
};
#define NCRITERIA ((int)(sizeof criteria / sizeof criteria[0]))

static const char *const cn_ordinals[] = {
	"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
	"十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
};

static int add_child(struct pgen *g, const mp_table *t, int ref_field,
                     int64_t ref, int f1, const char *v1, int f2,
                     const char *v2, int f3, const char *v3)
{
	mp_record *r = mp_record_new(t, g->c);
	int rc;

	set_num(r, ref_field, ref);
	mp_record_set(r, f1, v1);
	mp_record_set(r, f2, v2);
	if (f3 >= 0)
		mp_record_set(r, f3, v3);
	rc = save(g, r, t->name);
	mp_record_free(r);
	return rc;
}

/* Round k of the year; its pool holds what its n projects may be
 * granted (the cap each). */
static int add_round(struct pgen *g, int k, int year, long n, int64_t *id)
{
	mp_record *r = mp_record_new(&mp_rounds, g->c);
	char buf[128];
	long long pool = (long long)n * BENCH_PROJECT_CAP;
	int rc;

	snprintf(buf, sizeof buf, "%d年杭州市第%s届社区公益创投大赛", year,
	         cn_ordinals[k % (int)(sizeof cn_ordinals / sizeof cn_ordinals[0])]);
	mp_record_set(r, R_NAME, buf);
	mp_record_set(r, R_KIND, "公益创投");
	mp_record_set(r, R_LEVEL, "市级");
	mp_record_set(r, R_ORGANISER, "杭州市民政局");
	mp_record_set(r, R_OPERATOR, "杭州市社会组织服务中心");
	set_num(r, R_POOL, pool);
	set_num(r, R_CAP, BENCH_PROJECT_CAP);
	set_day(r, R_NEEDS_FROM, day_of(year, "01-10"));
	set_day(r, R_NEEDS_TO, day_of(year, "02-10"));
	set_day(r, R_APPLY_FROM, day_of(year, "03-01"));
	set_day(r, R_APPLY_TO, day_of(year, "03-31"));
	mp_record_set(r, R_PASS_MARK, "60");
	mp_record_set(r, R_NOTICE_DAYS, "7");
	mp_record_set(r, R_VOTES, "否");
	rc = save(g, r, "round");
	*id = r->id;
	mp_record_free(r);
	snprintf(buf, sizeof buf, "%lld", pool * 7 / 10);
	if (rc == MP_OK)
		rc = add_child(g, &mp_round_funds, RF_ROUND, *id, RF_SOURCE, "福彩公益金",
		               RF_AMOUNT, buf, -1, NULL);
	snprintf(buf, sizeof buf, "%lld", pool - pool * 7 / 10);
	if (rc == MP_OK)
		rc = add_child(g, &mp_round_funds, RF_ROUND, *id, RF_SOURCE, "专项资金",
		               RF_AMOUNT, buf, -1, NULL);
	{
		static const char *const weight[] = { "25", "15", "15", "20", "10", "15" };

		for (int i = 0; rc == MP_OK && i < NCRITERIA; i++)
			rc = add_child(g, &mp_round_criteria, RC_ROUND, *id, RC_CRITERION,
			               criteria[i], RC_WEIGHT, weight[i], -1, NULL);
	}
	if (rc == MP_OK)
		rc = add_child(g, &mp_round_tranches, RT_ROUND, *id, RT_SEQ, "1",
		               RT_SHARE, "50", RT_TRIGGER, "签订协议");
	if (rc == MP_OK)
		rc = add_child(g, &mp_round_tranches, RT_ROUND, *id, RT_SEQ, "2",
		               RT_SHARE, "30", RT_TRIGGER, "中期评估通过");
	if (rc == MP_OK)
		rc = add_child(g, &mp_round_tranches, RT_ROUND, *id, RT_SEQ, "3",
		               RT_SHARE, "20", RT_TRIGGER, "结项评估通过");
	return rc;
}

/* ---- applications ---- */

static const char *const themes[] = {
	"银龄关爱", "独居老人助餐", "儿童四点半课堂", "困境儿童陪伴", "残障人士康复",
	"社区融合", "邻里守望", "楼道微治理", "垃圾分类", "社区微更新",
	"心理疏导", "家庭教育", "四点半学堂", "新杭州人融入", "社区书房",
	"健康自我管理", "助残就业", "平安巷弄", "红色物业", "美丽庭院",
};
static const char *const forms[] = {
	"计划", "行动", "项目", "服务站", "成长营", "工作坊", "互助圈", "小课堂",
};

static int agreement(struct pgen *g, const mp_record *app, int year,
                     long long matched)
{
	mp_record *r = mp_record_new(&mp_agreements, g->c);
	char buf[64];
	int rc;

	set_num(r, AG_APP, app->id);
	snprintf(buf, sizeof buf, "HZGY%d-%05lld", year, (long long)app->id);
	mp_record_set(r, AG_NUMBER, buf);
	set_day(r, AG_DATE, day_of(year, "05-20"));
	mp_record_set(r, AG_GRANTED, app->v[A_GRANTED]);
	if (matched > 0)
		set_num(r, AG_MATCHED, matched);
	set_day(r, AG_MID_DUE, day_of(year, "09-15"));
	set_day(r, AG_CLOSE_DUE, day_of(year + 1, "01-15"));
	rc = save(g, r, "agreement");
	mp_record_free(r);
	return rc;
}

/* Tranche seq (share in percent of granted fen) in two payments: about
 * half on day a, what is still due on day b. */
static int pay(struct pgen *g, const mp_record *app, int seq, int share,
               long a, long b, long *payments)
{
	int64_t granted = 0;
	int rc = MP_OK;

	mp_money_parse(app->v[A_GRANTED], 0, &granted);
	for (int part = 0; rc == MP_OK && part < 2; part++) {
		mp_record *r = mp_record_new(&mp_payments, g->c);
		char buf[32];

		set_num(r, PY_APP, app->id);
		set_num(r, PY_TRANCHE, seq);
		set_day(r, PY_DATE, part ? b : a);
		if (!part) {
			int64_t fen = granted * share / 100 / 2;

			snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(fen / 100),
			         (long long)(fen % 100));
			mp_record_set(r, PY_AMOUNT, buf);
		}
		snprintf(buf, sizeof buf, "记-%lld-%d%d", (long long)app->id, seq, part + 1);
		mp_record_set(r, PY_VOUCHER, buf);
		rc = save(g, r, "payment");
		mp_record_free(r);
		(*payments)++;
	}
	return rc;
}

static int evaluate(struct pgen *g, const mp_record *app, int closing, long day)
{
	mp_record *r = mp_record_new(&mp_evaluations, g->c);
	int rc, i;

	set_num(r, EV_APP, app->id);
	mp_record_set(r, EV_KIND, closing ? MP_EVAL_CLOSING : MP_EVAL_MIDTERM);
	set_day(r, EV_DATE, day);
	mp_record_set(r, EV_EVALUATOR, "杭州市社会组织评估中心");
	if (closing)
		set_num(r, EV_MATCHED, 1000 * (1 + pick(g, 20)));
	rc = save(g, r, "evaluation");
	for (i = 0; rc == MP_OK && i < NCRITERIA; i++) {
		mp_record *sc = mp_record_new(&mp_evaluation_scores, g->c);

		set_num(sc, ES_EVAL, r->id);
		mp_record_set(sc, ES_CRITERION, criteria[i]);
		set_num(sc, ES_SCORE, 65 + pick(g, 30));
		rc = save(g, sc, "evaluation score");
		mp_record_free(sc);
	}
	mp_record_free(r);
	return rc;
}

/* The experts' scores of an application on each criterion of its round,
 * before it is reviewed (已评审 stands for them).  The scores come from
 * its id, not the seed, so that the rest of what is made stays the same. */
static int review(struct pgen *g, const mp_record *app, long day)
{
	int64_t crit[NCRITERIA];
	sqlite3_stmt *st = NULL;
	int n = 0, rc, i;

	if (!g->reviewer) {
		mp_record *r = mp_record_new(&mp_reviewers, g->c);

		mp_record_set(r, RV_NAME, "杭州市公益创投评审专家组");
		mp_record_set(r, RV_UNIT, "杭州市社会组织服务中心");
		rc = save(g, r, "reviewer");
		g->reviewer = r->id;
		mp_record_free(r);
		if (rc != MP_OK)
			return rc;
	}
	rc = mp_db_prepare(g->db, "SELECT id FROM round_criteria WHERE deleted_at IS NULL"
	                   " AND round_id = ?1 ORDER BY id", &st, g->e);
	if (rc != MP_OK)
		return rc;
	sqlite3_bind_int64(st, 1, atoll(app->v[A_ROUND]));
	while (n < NCRITERIA && sqlite3_step(st) == SQLITE_ROW)
		crit[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (i = 0; rc == MP_OK && i < n; i++) {
		mp_record *sc = mp_record_new(&mp_review_scores, g->c);

		set_num(sc, SC_APP, app->id);
		set_num(sc, SC_REVIEWER, g->reviewer);
		set_num(sc, SC_CRITERION, crit[i]);
		set_num(sc, SC_SCORE, 60 + (app->id * 7 + i * 3) % 35);
		set_day(sc, SC_DATE, day - 3);
		rc = save(g, sc, "review score");
		mp_record_free(sc);
	}
	return rc;
}

/* ---- what a project does: its activities, the teams it leaves ---- */

static const struct { const char *name, *type, *content; } acts[] = {
	{ "独居老人上门探访", "走访慰问", "项目志愿者分组入户探访独居老人，登记需求" },
	{ "四点半课堂", "志愿服务", "放学后陪伴孩子完成作业，开展阅读和手工" },
	{ "邻里议事会", "议事协商", "围绕项目推进召开居民议事会，商定下一步安排" },
	{ "志愿者能力培训", "培训讲座", "项目社工为志愿者讲解服务规范和安全知识" },
	{ "社区融合游园会", "文体活动", "残障人士与居民共同参加游戏和才艺展示" },
	{ "垃圾分类宣传", "宣传倡导", "在小区入口设点宣传垃圾分类，现场指导投放" },
};
#define NACTS ((int)(sizeof acts / sizeof acts[0]))

/* n activities of the project's group between day from and to, each
 * linked to the project (proj_activities). */
static int project_activities(struct pgen *g, const mp_record *app, long n,
                              long from, long to, long *made)
{
	int rc = MP_OK;

	for (long i = 0; rc == MP_OK && i < n; i++) {
		mp_record *r = mp_record_new(&mp_activities, g->c);
		int k = (int)pick(g, NACTS), start = 9 + 5 * (int)pick(g, 2);
		char buf[16];

		mp_record_set(r, ACT_NAME, acts[k].name);
		mp_record_set(r, ACT_GROUP, app->v[A_GROUP]);
		mp_record_set(r, ACT_TYPE, acts[k].type);
		set_day(r, ACT_DATE, from + (to - from) * i / (n > 1 ? n : 1));
		snprintf(buf, sizeof buf, "%02d:00", start);
		mp_record_set(r, ACT_START, buf);
		snprintf(buf, sizeof buf, "%02d:30", start + 2);
		mp_record_set(r, ACT_END, buf);
		mp_record_set(r, ACT_PLACE, app->v[A_COMMUNITY]);
		set_num(r, ACT_PARTICIPANTS, 8 + pick(g, 30));
		set_num(r, ACT_BENEFICIARIES, 10 + pick(g, 80));
		mp_record_set(r, ACT_CONTENT, acts[k].content);
		rc = save(g, r, "project activity");
		if (rc == MP_OK) {
			mp_record *l = mp_record_new(&mp_project_activities, g->c);

			set_num(l, PA_APP, app->id);
			set_num(l, PA_ACTIVITY, r->id);
			rc = save(g, l, "project activity link");
			mp_record_free(l);
			(*made)++;
		}
		mp_record_free(r);
	}
	return rc;
}

/* A volunteer team one project in four leaves behind: a group of its own
 * (未登记), linked as formed by the project. */
static int project_team(struct pgen *g, const mp_record *app, long day)
{
	mp_record *r = mp_record_new(&mp_groups, g->c);
	char buf[160];
	int rc;

	snprintf(buf, sizeof buf, "%s志愿服务队（%lld）", app->v[A_COMMUNITY],
	         (long long)app->id);
	mp_record_set(r, G_NAME, buf);
	mp_record_set(r, G_CATEGORY, "公益慈善类");
	mp_record_set(r, G_LEGAL, "未登记");
	mp_record_set(r, G_COMMUNITY, app->v[A_COMMUNITY]);
	set_day(r, G_FOUNDED, day);
	mp_record_set(r, G_STATE, "活跃");
	rc = save(g, r, "group");
	if (rc == MP_OK) {
		mp_record *l = mp_record_new(&mp_project_groups, g->c);

		set_num(l, PG_APP, app->id);
		set_num(l, PG_GROUP, r->id);
		mp_record_set(l, PG_KIND, MP_INCUBATED_TEAM);
		set_day(l, PG_DATE, day);
		rc = save(g, l, "team formed");
		mp_record_free(l);
	}
	mp_record_free(r);
	return rc;
}

/* The day (of the round's year, or the next) each state is reached. */
static const struct { int state; int next_year; const char *md; } steps[] = {
	{ AS_SUBMITTED, 0, "03-15" }, { AS_ELIGIBLE, 0, "04-10" },
	{ AS_REVIEWED, 0, "04-25" }, { AS_APPROVED, 0, "05-06" },
	{ AS_NOTICE, 0, "05-08" }, { AS_AGREEMENT, 0, "05-20" },
	{ AS_UNDERWAY, 0, "06-01" }, { AS_MIDTERM, 0, "09-15" },
	{ AS_CLOSING, 1, "01-15" }, { AS_CLOSED, 1, "01-31" },
};

static int move(struct pgen *g, mp_record *r, int to, long day,
                const char *reason, const char *amount)
{
	char d[11];
	mp_wf_input in = { d, reason ? reason : "", amount ? amount : "" };
	int rc;

	mp_day_string(day, d);
	rc = mp_wf_move(g->db, g->c, r, to, &in, NULL, g->e);
	if (rc != MP_OK) {
		char why[sizeof g->e->msg];

		snprintf(why, sizeof why, "%s", g->e->msg);
		return mp_err_set(g->e, rc, "application “%s” to %s: %s", r->v[A_NAME],
		                  mp_app_state_names[to], why);
	}
	return tick(g);
}

static int add_app(struct pgen *g, int64_t round, int year, long k, int last_year,
                   const mp_strlist *cats, long *payments, long nacts,
                   long *acts_made)
{
	mp_record *r = mp_record_new(&mp_applications, g->c);
	long grp = pick(g, g->ngroups);
	/* 20,000 to the cap, in hundreds; the grant lines add up to it. */
	long long req = 20000 + 100 * pick(g, (BENCH_PROJECT_CAP - 20000) / 100 + 1);
	long long a1 = req / 2, a2 = req / 3, a3 = req - a1 - a2;
	long long matched = req * (10 + pick(g, 25)) / 100 / 100 * 100;
	long fate = pick(g, 100);
	char buf[128];
	int rc, i;

	snprintf(buf, sizeof buf, "%s%s%s（%d-%04ld）", g->gcomm[grp],
	         themes[pick(g, (long)(sizeof themes / sizeof themes[0]))],
	         forms[pick(g, (long)(sizeof forms / sizeof forms[0]))], year, k + 1);
	mp_record_set(r, A_NAME, buf);
	set_num(r, A_ROUND, round);
	set_num(r, A_GROUP, g->gid[grp]);
	mp_record_set(r, A_COMMUNITY, g->gcomm[grp]);
	mp_record_set(r, A_CATEGORY, cats && cats->n ? cats->v[pick(g, cats->n)] : NULL);
	set_num(r, A_DIRECT, 20 + pick(g, 300));
	set_num(r, A_INDIRECT, 100 + pick(g, 2000));
	set_day(r, A_START_DATE, day_of(year, "06-01"));
	set_day(r, A_END_DATE, day_of(year + 1, "01-10"));
	set_num(r, A_REQUESTED, req);
	rc = save(g, r, "application");
	{
		static const char *const items[] = { "活动物资", "专业服务", "宣传培训" };
		long long amt[3] = { a1, a2, a3 };

		for (i = 0; rc == MP_OK && i < 3; i++) {
			mp_record *b = mp_record_new(&mp_app_budget, g->c);

			set_num(b, AB_APP, r->id);
			mp_record_set(b, AB_ITEM, items[i]);
			set_num(b, AB_AMOUNT, amt[i]);
			mp_record_set(b, AB_PAID_BY, MP_PAID_BY_GRANT);
			rc = save(g, b, "budget line");
			mp_record_free(b);
		}
		if (rc == MP_OK && matched > 0) {
			mp_record *b = mp_record_new(&mp_app_budget, g->c);

			set_num(b, AB_APP, r->id);
			mp_record_set(b, AB_ITEM, "社会配套资金");
			set_num(b, AB_AMOUNT, matched);
			mp_record_set(b, AB_PAID_BY, MP_PAID_BY_MATCHED);
			rc = save(g, b, "budget line");
			mp_record_free(b);
		}
	}
	/* Where it ends: 5 in 100 not eligible, 10 not approved, 2 stopped
	 * under way; the rest to the close (the last year: to the mid-term). */
	for (i = 0; rc == MP_OK && i < (int)(sizeof steps / sizeof steps[0]); i++) {
		int to = steps[i].state;
		long day = day_of(year + steps[i].next_year, steps[i].md);

		if (last_year && steps[i].next_year)
			break;
		if (to == AS_ELIGIBLE && fate < 5) {
			rc = move(g, r, AS_INELIGIBLE, day, "不符合申报条件", NULL);
			break;
		}
		if (to == AS_APPROVED && fate < 15) {
			rc = move(g, r, AS_REJECTED, day, "综合得分低于合格分", NULL);
			break;
		}
		if (to == AS_MIDTERM && fate < 17) {
			rc = move(g, r, AS_STOPPED, day, "项目负责人离开，组织无力继续执行", NULL);
			if (rc == MP_OK) {
				/* What it had not spent of its first tranche. */
				mp_record *x = mp_record_new(&mp_reclaims, g->c);
				int64_t granted = 0;

				mp_money_parse(r->v[A_GRANTED], 0, &granted);
				set_num(x, RE_APP, r->id);
				set_day(x, RE_DATE, day + 20);
				set_num(x, RE_AMOUNT, granted / 100 / 5);
				mp_record_set(x, RE_REASON, "项目终止，结余资金收回");
				rc = save(g, x, "reclaim");
				mp_record_free(x);
			}
			break;
		}
		if (to == AS_MIDTERM) {
			/* The activities held so far, and the rest after. */
			rc = project_activities(g, r, nacts / 2, day_of(year, "06-05"),
			                        day - 5, acts_made);
			if (rc == MP_OK && !last_year)
				rc = project_activities(g, r, nacts - nacts / 2,
				                        day_of(year, "09-20"),
				                        day_of(year, "12-20"), acts_made);
			if (rc == MP_OK)
				rc = evaluate(g, r, 0, day);
			if (rc == MP_OK)
				rc = pay(g, r, 2, 30, day + 10, day + 35, payments);
			if (rc != MP_OK)
				break;
		}
		if (to == AS_CLOSING) {
			if (fate % 4 == 0)
				rc = project_team(g, r, day_of(year, "12-01"));
			if (rc == MP_OK)
				rc = evaluate(g, r, 1, day);
			if (rc == MP_OK)
				rc = pay(g, r, 3, 20, day + 5, day + 13, payments);
			if (rc != MP_OK)
				break;
		}
		/* What the step stands for, made before it. */
		if (to == AS_REVIEWED && (rc = review(g, r, day)) != MP_OK)
			break;
		if (to == AS_AGREEMENT && (rc = agreement(g, r, year, matched)) != MP_OK)
			break;
		if (to == AS_APPROVED) {
			/* Granted: the request, or a little less. */
			snprintf(buf, sizeof buf, "%lld", fate % 3 ? req : req / 100 * 90);
			rc = move(g, r, to, day, NULL, buf);
		} else {
			rc = move(g, r, to, day, NULL, NULL);
		}
		if (rc == MP_OK && to == AS_UNDERWAY)
			rc = pay(g, r, 1, 50, day, day + 19, payments);
	}
	mp_record_free(r);
	return rc;
}

void bench_projects_set(struct bench_projects *p, double factor)
{
	/* Thirteen yearly rounds whatever the factor: it scales the rest. */
	p->rounds = 13;
	p->projects = (long)(8000 * factor + 0.5);
	p->payments = (long)(40000 * factor + 0.5);
	p->activities = (long)(100000 * factor + 0.5);
	if (p->projects < p->rounds)
		p->projects = p->rounds;
}

int bench_generate_projects(mp_db *db, const mp_config *c, uint32_t seed,
                            const struct bench_projects *p, FILE *log,
                            mp_err *e)
{
	const char *env = getenv("MIAOPU_TODAY");
	char *was = env ? mp_strdup(env) : NULL;
	struct pgen g;
	int rc, k;
	long made = 0, payments = 0, acts_made = 0;
	/* Activities a project: the 100,000 over the projects that get to
	 * their mid-term (about five in six of them). */
	long nacts = p->projects ? p->activities * 13 / 10 / p->projects : 0;

	memset(&g, 0, sizeof g);
	g.db = db;
	g.c = c;
	g.e = e;
	g.log = log;
	g.seed = seed ^ 0x9e0f1u;
	setenv("MIAOPU_TODAY", BENCH_END, 1);
	rc = mp_db_begin(db, e);
	if (rc == MP_OK)
		rc = load_groups(&g);
	for (k = 0; rc == MP_OK && k < p->rounds; k++) {
		int year = 2013 + k;
		long n = p->projects / p->rounds + (k < p->projects % p->rounds);
		int64_t round = 0;

		rc = add_round(&g, k, year, n, &round);
		for (long j = 0; rc == MP_OK && j < n; j++, made++)
			rc = add_app(&g, round, year, j, k == p->rounds - 1,
			             mp_config_choices(c, MP_CH_PROJECT_CATEGORY), &payments,
			             nacts, &acts_made);
		if (log && rc == MP_OK) {
			fprintf(log, "  round %d: %ld projects\n", year, n);
			fflush(log);
		}
	}
	if (log && rc == MP_OK) {
		fprintf(log, "  payments: %ld, activities of projects: %ld\n", payments,
		        acts_made);
		fflush(log);
	}
	if (rc == MP_OK)
		rc = mp_db_commit(db, e);
	else
		mp_db_rollback(db);
	if (was)
		setenv("MIAOPU_TODAY", was, 1);
	else
		unsetenv("MIAOPU_TODAY");
	free(was);
	free(g.gid);
	free(g.gcomm);
	(void)made;
	return rc;
}
