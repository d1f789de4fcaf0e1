/* demo_projects.c — the sample station's two funding rounds (公益创投,
 * 微创投), for --demo and tests: a city round well under way (agreements
 * signed, a project past its mid-term, one closed, one refused, one not
 * eligible) and a community 微创投 round with resident votes that is in
 * its public notice.  Every record goes through mp_record_save and every
 * change of state through the workflow (mp_wf_move), on the day it
 * happened, so that the history is as a station would have kept it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "demo_internal.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_funding.h"
#include "mp_group.h"
#include "mp_project.h"
#include "mp_review.h"
#include "mp_text.h"

struct dp {
	mp_db *db;
	const mp_config *c;
	mp_err *e;
	long today;
	const int64_t *rv;   /* the reviewers */
};

/* ---- the rounds ---- */

struct demo_fund { const char *source, *amount; };
struct demo_criterion { const char *name, *weight; };
struct demo_tranche { const char *share, *trigger; };

struct demo_round {
	const char *name, *kind, *level, *organiser, *operator_name;
	const char *pool, *cap, *pass, *votes;
	int needs_from, needs_to, apply_from, apply_to;   /* days before today */
	struct demo_fund funds[3];
	struct demo_criterion criteria[5];
	struct demo_tranche tranches[4];
	const char *notes;
};

static const struct demo_round rounds[] = {
	{ "2026年青溪市第三届社区公益创投大赛", "公益创投", "市级", "青溪市民政局",
	  "青溪市恒爱社会工作发展中心", "200000", "50000", "60", "否",
	  330, 300, 290, 260,
	  { { "福彩公益金", "150000" }, { "专项资金", "50000" } },
	  { { "需求契合", "30" }, { "在地性", "20" }, { "可行性", "25" },
	    { "可持续性", "25" } },
	  { { "50", "签订协议" }, { "30", "中期评估通过" }, { "20", "结项评估通过" } },
	  "市民政局主办，第三方运营机构负责评审组织、跟踪督导和结项评估" },
	{ "2026年幸福里社区“幸福微创投”", "微创投", "社区", "幸福里社区居民委员会",
	  "幸福街道社区社会组织联合会", "30000", "5000", "60", "是",
	  70, 55, 50, 30,
	  { { "自治创投金", "20000" }, { "社区基金", "10000" } },
	  { { "需求契合", "40" }, { "参与性", "30" }, { "可行性", "30" } },
	  { { "70", "签订协议" }, { "30", "结项评估通过" } },
	  "居民投票与专家评审各占一半，申报组织现场路演" },
};
#define NROUNDS ((int)(sizeof rounds / sizeof rounds[0]))

/* ---- the applications ---- */

struct demo_line { const char *item, *amount, *paid_by; };

struct demo_app {
	int round;
	const char *name, *group, *leader, *community, *category;
	const char *direct, *indirect;
	struct demo_line lines[6];
	int last;            /* the state it reaches (enum mp_app_state) */
	const char *granted; /* when approved */
	const char *reason;  /* when refused */
};

#define GRANT MP_PAID_BY_GRANT
#define MATCH MP_PAID_BY_MATCHED

static const struct demo_app apps[] = {
	{ 0, "银龄守护·独居老人关爱计划", "幸福里夕阳红志愿服务队", "周桂英",
	  "幸福里社区", "助老扶幼", "60", "180",
	  { { "活动物资", "20000", GRANT }, { "专业督导", "12000", GRANT },
	    { "志愿者培训", "8000", GRANT }, { "宣传资料", "8000", GRANT },
	    { "社区配套场地及物资", "10000", MATCH } },
	  AS_MIDTERM, "45000", NULL },
	{ 0, "星星的孩子·融合成长营", "滨河星儿家长互助中心", "林晓燕",
	  "滨河社区", "助残扶困", "30", "90",
	  { { "康复训练课程", "28000", GRANT }, { "家长喘息服务", "12000", GRANT },
	    { "融合活动", "10000", GRANT }, { "爱心企业捐赠", "20000", MATCH } },
	  AS_UNDERWAY, "50000", NULL },
	{ 0, "垃圾分类·绿色家园", "桂花园垃圾分类督导队", "马建华",
	  "桂花园社区、光明社区", "环境保护", "800", "2400",
	  { { "分类督导员补贴", "15000", GRANT }, { "宣传物料", "9000", GRANT },
	    { "积分兑换奖品", "6000", GRANT }, { "物业公司配套", "5000", MATCH } },
	  AS_AGREEMENT, "28000", NULL },
	{ 0, "留守儿童四点半课堂", "东湖村留守儿童关爱之家", "郑丽萍",
	  "东湖村", "助老扶幼", "40", "120",
	  { { "课业辅导", "22000", GRANT }, { "心理陪伴", "10000", GRANT },
	    { "学习用品", "8000", GRANT }, { "村集体配套", "8000", MATCH } },
	  AS_CLOSED, "40000", NULL },
	{ 0, "平安楼道·邻里守望", "向阳社区平安巡逻队", "吴国栋",
	  "向阳社区", "社区治理", "300", "900",
	  { { "巡逻装备", "12000", GRANT }, { "培训演练", "8000", GRANT } },
	  AS_REJECTED, NULL, "综合得分低于合格分" },
	{ 0, "腰鼓健身进万家", "柳塘村腰鼓队", "钱秀兰",
	  "柳塘村", "文化体育", "50", "300",
	  { { "服装道具", "15000", GRANT }, { "演出交通", "5000", GRANT } },
	  AS_INELIGIBLE, NULL, "以购置设备为主，不符合本次创投的服务项目要求" },
	{ 0, "长者助餐·幸福食堂", "光明长者助餐服务队", "冯桂兰",
	  "光明社区", "助老扶幼", "90", "200",
	  { { "食材补贴", "18000", GRANT }, { "厨具", "7000", GRANT },
	    { "志愿者餐补", "5000", GRANT }, { "爱心商户配套", "6000", MATCH } },
	  AS_STOPPED, "30000", "助餐点场地被收回，服务无法继续" },
	{ 1, "楼道微花园", "幸福里邻里互助会", "黄美华",
	  "幸福里社区", "社区治理", "120", "400",
	  { { "花草苗木", "2800", GRANT }, { "种植工具", "1200", GRANT },
	    { "居民议事会", "800", GRANT }, { "居民自筹", "1000", MATCH } },
	  AS_NOTICE, "4800", NULL },
	{ 1, "慢病自我管理小课堂", "幸福里健康自我管理小组", "许建平",
	  "幸福里社区", "助老扶幼", "40", "120",
	  { { "健康讲座", "3000", GRANT }, { "血压计等器材", "2000", GRANT },
	    { "社区卫生服务站义诊", "1500", MATCH } },
	  AS_NOTICE, "4500", NULL },
	{ 1, "爱心理发进家门", "幸福里和谐爱心团", "陈淑珍",
	  "幸福里社区", "助老扶幼", "50", "100",
	  { { "理发工具", "1600", GRANT }, { "志愿者交通餐费", "1000", GRANT } },
	  AS_NOTICE, "2600", NULL },
	{ 1, "红歌进楼道", "幸福里老年大学合唱团", "何玉兰",
	  "幸福里社区", "文化体育", "30", "200",
	  { { "音响设备", "2500", GRANT }, { "演出服装", "500", GRANT } },
	  AS_REJECTED, NULL, "居民投票和评审得分均未达到立项线" },
	{ 1, "青春社区营造计划", "幸福街道青年志愿者协会", "许志远",
	  "幸福里社区", "社区治理", "100", "300",
	  { { "营造活动", "3000", GRANT }, { "志愿者保险", "500", GRANT } },
	  AS_DRAFT, NULL, NULL },
};
#define NAPPS ((int)(sizeof apps / sizeof apps[0]))

/* ---- helpers ---- */

static void set_day(mp_record *r, int i, long day)
{
	char buf[11];

	mp_day_string(day, buf);
	mp_record_set(r, i, buf);
}

static void set_id(mp_record *r, int i, int64_t id)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	mp_record_set(r, i, buf);
}

/* Save r, naming what failed in e. */
static int save(struct dp *d, mp_record *r, const char *what)
{
	int rc = mp_record_save(d->db, d->c, r, d->e);

	if (rc != MP_OK) {
		char why[sizeof d->e->msg];

		snprintf(why, sizeof why, "%s", d->e->msg);
		(void)what;
		mp_err_set(d->e, rc, _("sample project data “%s”: %s"), r->v[0], why);
	}
	return rc;
}

static int64_t group_id(struct dp *d, const char *name)
{
	sqlite3_stmt *st;
	int64_t id = 0;

	if (mp_db_prepare(d->db, "SELECT id FROM groups WHERE name = ?1"
	                  " AND deleted_at IS NULL", &st, NULL) != MP_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static int add_round(struct dp *d, const struct demo_round *t, int64_t *id)
{
	mp_record *r = mp_record_new(&mp_rounds, d->c);
	int rc, i;

	mp_record_set(r, R_NAME, t->name);
	mp_record_set(r, R_KIND, t->kind);
	mp_record_set(r, R_LEVEL, t->level);
	mp_record_set(r, R_ORGANISER, t->organiser);
	mp_record_set(r, R_OPERATOR, t->operator_name);
	mp_record_set(r, R_POOL, t->pool);
	mp_record_set(r, R_CAP, t->cap);
	mp_record_set(r, R_PASS_MARK, t->pass);
	mp_record_set(r, R_VOTES, t->votes);
	set_day(r, R_NEEDS_FROM, d->today - t->needs_from);
	set_day(r, R_NEEDS_TO, d->today - t->needs_to);
	set_day(r, R_APPLY_FROM, d->today - t->apply_from);
	set_day(r, R_APPLY_TO, d->today - t->apply_to);
	mp_record_set(r, R_NOTES, t->notes);
	rc = save(d, r, "round");
	*id = r->id;
	mp_record_free(r);
	for (i = 0; rc == MP_OK && i < 3 && t->funds[i].source; i++) {
		r = mp_record_new(&mp_round_funds, d->c);
		set_id(r, RF_ROUND, *id);
		mp_record_set(r, RF_SOURCE, t->funds[i].source);
		mp_record_set(r, RF_AMOUNT, t->funds[i].amount);
		rc = save(d, r, "funding source");
		mp_record_free(r);
	}
	for (i = 0; rc == MP_OK && i < 5 && t->criteria[i].name; i++) {
		r = mp_record_new(&mp_round_criteria, d->c);
		set_id(r, RC_ROUND, *id);
		mp_record_set(r, RC_CRITERION, t->criteria[i].name);
		mp_record_set(r, RC_WEIGHT, t->criteria[i].weight);
		rc = save(d, r, "review criterion");
		mp_record_free(r);
	}
	for (i = 0; rc == MP_OK && i < 4 && t->tranches[i].share; i++) {
		char seq[8];

		r = mp_record_new(&mp_round_tranches, d->c);
		set_id(r, RT_ROUND, *id);
		snprintf(seq, sizeof seq, "%d", i + 1);
		mp_record_set(r, RT_SEQ, seq);
		mp_record_set(r, RT_SHARE, t->tranches[i].share);
		mp_record_set(r, RT_TRIGGER, t->tranches[i].trigger);
		rc = save(d, r, "tranche");
		mp_record_free(r);
	}
	return rc;
}

/* The day (days before today) each state is reached in each round: the
 * city round began most of a year ago, the 微创投 a few weeks ago. */
static const int state_day[2][AS__COUNT] = {
	[0] = { [AS_SUBMITTED] = 270, [AS_ELIGIBLE] = 255, [AS_INELIGIBLE] = 255,
	        [AS_REVIEWED] = 240, [AS_APPROVED] = 235, [AS_REJECTED] = 235,
	        [AS_NOTICE] = 234, [AS_AGREEMENT] = 225, [AS_UNDERWAY] = 220,
	        [AS_MIDTERM] = 100, [AS_CLOSING] = 15, [AS_CLOSED] = 8,
	        [AS_STOPPED] = 60 },
	[1] = { [AS_SUBMITTED] = 40, [AS_ELIGIBLE] = 28, [AS_INELIGIBLE] = 28,
	        [AS_REVIEWED] = 8, [AS_APPROVED] = 5, [AS_REJECTED] = 5,
	        [AS_NOTICE] = 3 },
};

/* The states an application goes through to reach last. */
static int path_to(int last, int out[AS__COUNT])
{
	static const int main_path[] = {
		AS_SUBMITTED, AS_ELIGIBLE, AS_REVIEWED, AS_APPROVED, AS_NOTICE,
		AS_AGREEMENT, AS_UNDERWAY, AS_MIDTERM, AS_CLOSING, AS_CLOSED,
	};
	int n = 0;

	if (last == AS_DRAFT)
		return 0;
	if (last == AS_INELIGIBLE) {
		out[n++] = AS_SUBMITTED;
		out[n++] = AS_INELIGIBLE;
		return n;
	}
	if (last == AS_STOPPED) {
		n = path_to(AS_UNDERWAY, out);
		out[n++] = AS_STOPPED;
		return n;
	}
	if (last == AS_REJECTED) {
		out[n++] = AS_SUBMITTED;
		out[n++] = AS_ELIGIBLE;
		out[n++] = AS_REVIEWED;
		out[n++] = AS_REJECTED;
		return n;
	}
	for (size_t i = 0; i < sizeof main_path / sizeof main_path[0]; i++) {
		out[n++] = main_path[i];
		if (main_path[i] == last)
			break;
	}
	return n;
}

/* ---- what the projects left behind ---- */

/* The activities the applicant group held since the agreement count as
 * the project's (at most max of them). */
static int link_activities(struct dp *d, int64_t app, const char *group,
                           int max)
{
	sqlite3_stmt *st;
	int64_t ids[64];
	char from[11];
	int n = 0, rc = MP_OK;

	mp_day_string(d->today - state_day[0][AS_AGREEMENT], from);
	if (max > 64)
		max = 64;
	rc = mp_db_prepare(d->db, "SELECT a.id FROM activities a JOIN groups g"
	                   " ON g.id = a.group_id WHERE g.name = ?1 AND a.date >= ?2"
	                   " AND a.deleted_at IS NULL ORDER BY a.date, a.id", &st, d->e);
	if (rc != MP_OK)
		return rc;
	sqlite3_bind_text(st, 1, group, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (int i = 0; rc == MP_OK && i < n; i++) {
		mp_record *r = mp_record_new(&mp_project_activities, d->c);

		set_id(r, PA_APP, app);
		set_id(r, PA_ACTIVITY, ids[i]);
		rc = save(d, r, "project activity");
		mp_record_free(r);
	}
	return rc;
}

/* 银龄守护 formed a team of its volunteers visiting the elders, two
 * months ago; 留守儿童四点半课堂 incubated the village's knitting circle
 * into a group of its own. */
static int add_team(struct dp *d, int64_t app)
{
	mp_record *g = mp_record_new(&mp_groups, d->c);
	mp_record *r;
	int rc;

	mp_record_set(g, G_NAME, "幸福里银龄守护志愿服务队");
	mp_record_set(g, G_CATEGORY, "公益慈善类");
	mp_record_set(g, G_LEGAL, "未登记");
	mp_record_set(g, G_COMMUNITY, "幸福里社区");
	set_day(g, G_FOUNDED, d->today - 60);
	mp_record_set(g, G_LEADER, "周桂英");
	mp_record_set(g, G_PHONE, "13905746688");
	mp_record_set(g, G_MEMBERS, "12");
	mp_record_set(g, G_STATE, "活跃");
	mp_record_set(g, G_NOTES, "“银龄守护·独居老人关爱计划”中由结对探访的志愿者组建");
	rc = save(d, g, "group");
	if (rc == MP_OK) {
		r = mp_record_new(&mp_project_groups, d->c);
		set_id(r, PG_APP, app);
		set_id(r, PG_GROUP, g->id);
		mp_record_set(r, PG_KIND, MP_INCUBATED_TEAM);
		set_day(r, PG_DATE, d->today - 60);
		rc = save(d, r, "incubated team");
		mp_record_free(r);
	}
	mp_record_free(g);
	return rc;
}

static int add_incubated(struct dp *d, int64_t app)
{
	mp_record *r;
	int64_t knit = group_id(d, "东湖村妇女手工编织社");
	int rc = MP_OK;

	if (knit) {
		r = mp_record_new(&mp_project_groups, d->c);
		set_id(r, PG_APP, app);
		set_id(r, PG_GROUP, knit);
		mp_record_set(r, PG_KIND, MP_INCUBATED_GROUP);
		set_day(r, PG_DATE, d->today - 30);
		rc = save(d, r, "incubated group");
		mp_record_free(r);
	}
	return rc;
}

static int money_of(struct dp *d, int app, int64_t id);
static int add_scores(struct dp *d, int k, int64_t round, int64_t app);

/* Application k: saved with its budget, then moved through its states,
 * each step's records made before it, as the steps require (mp_workflow.h's
 * guards): the experts' scores before 已评审; its agreement, payments and
 * evaluations (money_of) before 已签协议, which the later steps find. */
static int add_app(struct dp *d, int k, int64_t round_id, int64_t *app_id)
{
	const struct demo_app *t = &apps[k];
	mp_record *r = mp_record_new(&mp_applications, d->c);
	long long granted_sum = 0;
	int64_t gid = group_id(d, t->group);
	int path[AS__COUNT], n, i, rc;
	char buf[32];

	if (!gid) {
		mp_record_free(r);
		return mp_err_set(d->e, MP_ENOTFOUND, _("sample project data: no group “%s”"),
		                  t->group);
	}
	mp_record_set(r, A_NAME, t->name);
	set_id(r, A_ROUND, round_id);
	set_id(r, A_GROUP, gid);
	mp_record_set(r, A_LEADER, t->leader);
	mp_record_set(r, A_COMMUNITY, t->community);
	mp_record_set(r, A_CATEGORY, t->category);
	mp_record_set(r, A_DIRECT, t->direct);
	mp_record_set(r, A_INDIRECT, t->indirect);
	set_day(r, A_START_DATE, d->today - state_day[t->round][AS_SUBMITTED] + 45);
	set_day(r, A_END_DATE, d->today - state_day[t->round][AS_SUBMITTED] + 45 + 300);
	for (i = 0; i < 6 && t->lines[i].item; i++)
		if (strcmp(t->lines[i].paid_by, GRANT) == 0)
			granted_sum += atoll(t->lines[i].amount);
	snprintf(buf, sizeof buf, "%lld", granted_sum);
	mp_record_set(r, A_REQUESTED, buf);
	rc = save(d, r, "application");
	for (i = 0; rc == MP_OK && i < 6 && t->lines[i].item; i++) {
		mp_record *b = mp_record_new(&mp_app_budget, d->c);

		set_id(b, AB_APP, r->id);
		mp_record_set(b, AB_ITEM, t->lines[i].item);
		mp_record_set(b, AB_AMOUNT, t->lines[i].amount);
		mp_record_set(b, AB_PAID_BY, t->lines[i].paid_by);
		rc = save(d, b, "budget line");
		mp_record_free(b);
	}
	*app_id = r->id;
	n = path_to(t->last, path);
	for (i = 0; rc == MP_OK && i < n; i++) {
		int to = path[i];
		char day[11];
		mp_wf_input in = { day, "", "" };

		mp_day_string(d->today - state_day[t->round][to], day);
		if (to == AS_APPROVED)
			in.amount = t->granted;
		if (to == AS_REJECTED || to == AS_INELIGIBLE || to == AS_STOPPED)
			in.reason = t->reason;
		if (to == AS_REVIEWED && (rc = add_scores(d, k, round_id, r->id)) != MP_OK)
			break;
		if (to == AS_AGREEMENT && (rc = money_of(d, k, r->id)) != MP_OK)
			break;
		rc = mp_wf_move(d->db, d->c, r, to, &in, NULL, d->e);
		if (rc != MP_OK) {
			char why[sizeof d->e->msg];

			snprintf(why, sizeof why, "%s", d->e->msg);
			mp_err_set(d->e, rc, _("sample project data “%s”: %s"), t->name,
			           why);
		}
	}
	mp_record_free(r);
	return rc;
}

/* ---- agreements, payments, evaluations (the city round) ---- */

/* What happened to a project after its agreement, in days before today
 * (0: not yet). */
struct demo_money {
	int app;                   /* index into apps[] */
	const char *number;        /* the agreement's */
	int mid_due, close_due;    /* days from today (may be ahead: < 0) */
	int paid[3];               /* tranche 1..3 paid on */
	int mid, closing;          /* evaluations held on */
	const char *mid_scores[4], *close_scores[4];
	const char *raised;        /* matched funds raised, at closing */
	int reclaimed;             /* the day money was taken back (0: never) */
	const char *reclaim;
	int mid_failed;            /* a mid-term that failed first (0: none) */
};

static const struct demo_money money[] = {
	{ 0, "QXGY2026-001", 100, -20, { 215, 90, 0 }, 100, 0,
	  { "82", "78", "85", "80" }, { NULL }, NULL, 0, NULL, 112 },
	{ 1, "QXGY2026-002", -10, -120, { 215, 0, 0 }, 0, 0,
	  { NULL }, { NULL }, NULL, 0, NULL, 0 },
	{ 2, "QXGY2026-003", -40, -150, { 200, 0, 0 }, 0, 0,
	  { NULL }, { NULL }, NULL, 0, NULL, 0 },
	{ 3, "QXGY2026-004", 100, 15, { 215, 95, 10 }, 100, 15,
	  { "88", "90", "84", "86" }, { "90", "92", "88", "91" },
	  "9000", 0, NULL, 0 },
	{ 6, "QXGY2026-005", 100, 15, { 215, 0, 0 }, 0, 0,
	  { NULL }, { NULL }, NULL, 50, "9000", 0 },
};
#define NMONEY ((int)(sizeof money / sizeof money[0]))
#define EVALUATOR "青溪市恒爱社会工作发展中心评估组"

static int matched_of(const struct demo_app *t, char *buf, size_t size)
{
	long long sum = 0;

	for (int i = 0; i < 6 && t->lines[i].item; i++)
		if (strcmp(t->lines[i].paid_by, MATCH) == 0)
			sum += atoll(t->lines[i].amount);
	snprintf(buf, size, "%lld", sum);
	return sum > 0;
}

static int add_evaluation(struct dp *d, int64_t app, const char *kind, int ago,
                          const char *const scores[4],
                          const struct demo_money *m)
{
	const struct demo_round *rd = &rounds[0];
	mp_record *r = mp_record_new(&mp_evaluations, d->c);
	int rc, i;

	set_id(r, EV_APP, app);
	mp_record_set(r, EV_KIND, kind);
	set_day(r, EV_DATE, d->today - ago);
	mp_record_set(r, EV_EVALUATOR, EVALUATOR);
	if (m && m->raised && strcmp(kind, MP_EVAL_CLOSING) == 0)
		mp_record_set(r, EV_MATCHED, m->raised);
	rc = save(d, r, "evaluation");
	for (i = 0; rc == MP_OK && i < 4 && rd->criteria[i].name; i++) {
		mp_record *sc = mp_record_new(&mp_evaluation_scores, d->c);

		set_id(sc, ES_EVAL, r->id);
		mp_record_set(sc, ES_CRITERION, rd->criteria[i].name);
		mp_record_set(sc, ES_SCORE, scores[i]);
		rc = save(d, sc, "evaluation score");
		mp_record_free(sc);
	}
	mp_record_free(r);
	return rc;
}

static int add_payment(struct dp *d, int64_t app, int seq, int ago)
{
	mp_record *r = mp_record_new(&mp_payments, d->c);
	char buf[32];
	int rc;

	set_id(r, PY_APP, app);
	snprintf(buf, sizeof buf, "%d", seq);
	mp_record_set(r, PY_TRANCHE, buf);
	set_day(r, PY_DATE, d->today - ago);
	snprintf(buf, sizeof buf, "记-%ld-%03d", (d->today - ago) % 1000, seq);
	mp_record_set(r, PY_VOUCHER, buf);
	rc = save(d, r, "payment");
	mp_record_free(r);
	return rc;
}

static int add_money(struct dp *d, const struct demo_money *m, int64_t app)
{
	const struct demo_app *t = &apps[m->app];
	mp_record *r = mp_record_new(&mp_agreements, d->c);
	char buf[32];
	int rc;

	set_id(r, AG_APP, app);
	mp_record_set(r, AG_NUMBER, m->number);
	set_day(r, AG_DATE, d->today - state_day[0][AS_AGREEMENT]);
	mp_record_set(r, AG_GRANTED, t->granted);
	if (matched_of(t, buf, sizeof buf))
		mp_record_set(r, AG_MATCHED, buf);
	set_day(r, AG_MID_DUE, d->today - m->mid_due);
	set_day(r, AG_CLOSE_DUE, d->today - m->close_due);
	rc = save(d, r, "agreement");
	mp_record_free(r);
	/* In the order things happened: tranche 1, the mid-term, tranche 2,
	 * the closing evaluation, tranche 3. */
	if (rc == MP_OK && m->paid[0])
		rc = add_payment(d, app, 1, m->paid[0]);
	/* A mid-term that failed (56.1 of 60) held tranche 2 until the
	 * evaluation after the project mended its records passed. */
	if (rc == MP_OK && m->mid_failed) {
		static const char *const low[4] = { "55", "58", "52", "60" };

		rc = add_evaluation(d, app, MP_EVAL_MIDTERM, m->mid_failed, low, m);
	}
	if (rc == MP_OK && m->mid)
		rc = add_evaluation(d, app, MP_EVAL_MIDTERM, m->mid, m->mid_scores, m);
	if (rc == MP_OK && m->paid[1])
		rc = add_payment(d, app, 2, m->paid[1]);
	if (rc == MP_OK && m->closing)
		rc = add_evaluation(d, app, MP_EVAL_CLOSING, m->closing, m->close_scores, m);
	if (rc == MP_OK && m->paid[2])
		rc = add_payment(d, app, 3, m->paid[2]);
	if (rc == MP_OK && m->reclaimed) {
		/* A project stopped: what was paid and not spent comes back. */
		r = mp_record_new(&mp_reclaims, d->c);
		set_id(r, RE_APP, app);
		set_day(r, RE_DATE, d->today - m->reclaimed);
		mp_record_set(r, RE_AMOUNT, m->reclaim);
		mp_record_set(r, RE_REASON, t->reason);
		rc = save(d, r, "reclaim");
		mp_record_free(r);
	}
	return rc;
}

static int money_of(struct dp *d, int app, int64_t id)
{
	int rc = MP_OK;

	/* The projects under way hold activities: those of their group; and
	 * what they left behind.  Before the evaluations, so that the closing
	 * one takes its figures from them. */
	if (apps[app].last == AS_MIDTERM || apps[app].last == AS_CLOSED)
		rc = link_activities(d, id, apps[app].group, apps[app].last == AS_CLOSED ? 64 : 6);
	if (rc == MP_OK && apps[app].last == AS_CLOSED)
		rc = add_incubated(d, id);
	if (rc == MP_OK && app == 0)
		rc = add_team(d, id);
	for (int i = 0; rc == MP_OK && i < NMONEY; i++)
		if (money[i].app == app)
			rc = add_money(d, &money[i], id);
	return rc;
}

/* ---- the review: experts' scores, residents' votes ---- */

static const struct { const char *name, *unit, *field; } reviewers[] = {
	{ "李文博", "青溪大学社会工作系", "社会工作" },
	{ "王丽君", "青溪市恒信会计师事务所", "财务审计" },
	{ "赵德华", "青溪市社会组织服务中心", "社会组织管理" },
};
#define NREVIEWERS ((int)(sizeof reviewers / sizeof reviewers[0]))

/* The score each application earns on average (0: not scored): the
 * approved above the pass mark, the refused below it. */
static const int base_score[] = {
	/* city round */ 86, 88, 79, 84, 55, 0, 76,
	/* 微创投 */ 83, 78, 81, 54, 0,
};

static int64_t criterion_id(struct dp *d, int64_t round, const char *name)
{
	sqlite3_stmt *st;
	int64_t id = 0;

	if (mp_db_prepare(d->db, "SELECT id FROM round_criteria WHERE round_id = ?1"
	                  " AND criterion = ?2 AND deleted_at IS NULL", &st, NULL) != MP_OK)
		return 0;
	sqlite3_bind_int64(st, 1, round);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* Each reviewer scores each criterion of application k (the 微创投's by
 * two of them), near its base score. */
static int add_scores(struct dp *d, int k, int64_t round, int64_t app)
{
	const struct demo_app *t = &apps[k];
	const struct demo_round *rd = &rounds[t->round];
	const int64_t *rv = d->rv;
	int i, j, rc = MP_OK;
	char buf[16];

	if (k >= (int)(sizeof base_score / sizeof base_score[0]) || !base_score[k])
		return MP_OK;
	for (i = 0; rc == MP_OK && i < NREVIEWERS; i++) {
		if (t->round == 1 && i == 1)
			continue;
		for (j = 0; rc == MP_OK && j < 5 && rd->criteria[j].name; j++) {
			mp_record *r = mp_record_new(&mp_review_scores, d->c);
			int sc = base_score[k] + (i - 1) * 2 + ((j + k) % 3) - 1;

			set_id(r, SC_APP, app);
			set_id(r, SC_REVIEWER, rv[i]);
			set_id(r, SC_CRITERION, criterion_id(d, round, rd->criteria[j].name));
			snprintf(buf, sizeof buf, "%d", sc);
			mp_record_set(r, SC_SCORE, buf);
			set_day(r, SC_DATE, d->today - state_day[t->round][AS_REVIEWED] - 2);
			rc = save(d, r, "review score");
			mp_record_free(r);
		}
	}
	return rc;
}

/* A 微创投's application gets the votes of its pitch (路演); an
 * objection comes during a notice. */
static int add_review(struct dp *d, int k, int64_t app)
{
	const struct demo_app *t = &apps[k];
	int rc = MP_OK;
	char buf[16];

	if (k >= (int)(sizeof base_score / sizeof base_score[0]) || !base_score[k])
		return MP_OK;
	if (t->round == 1) {
		mp_record *r = mp_record_new(&mp_resident_votes, d->c);

		set_id(r, VT_APP, app);
		set_day(r, VT_DATE, d->today - state_day[1][AS_REVIEWED] - 1);
		snprintf(buf, sizeof buf, "%d", base_score[k] - 20 + k);
		mp_record_set(r, VT_VOTES, buf);
		mp_record_set(r, VT_OCCASION, "幸福里社区居民议事会路演");
		rc = save(d, r, "resident vote");
		mp_record_free(r);
	}
	/* An objection to one of the 微创投's projects, received during its
	 * notice and not settled yet. */
	if (rc == MP_OK && t->round == 1 && t->last == AS_NOTICE && k == 8) {
		mp_record *r = mp_record_new(&mp_objections, d->c);

		set_id(r, OB_APP, app);
		set_day(r, OB_DATE, d->today - 1);
		mp_record_set(r, OB_FROM, "居民刘先生");
		mp_record_set(r, OB_CONTENT, "血压计等器材的预算偏高，希望公开采购价格");
		rc = save(d, r, "objection");
		mp_record_free(r);
	}
	return rc;
}

static int add_reviewers(struct dp *d, int64_t rv[NREVIEWERS])
{
	int rc = MP_OK;

	for (int i = 0; rc == MP_OK && i < NREVIEWERS; i++) {
		mp_record *r = mp_record_new(&mp_reviewers, d->c);

		mp_record_set(r, RV_NAME, reviewers[i].name);
		mp_record_set(r, RV_UNIT, reviewers[i].unit);
		mp_record_set(r, RV_FIELD, reviewers[i].field);
		rc = save(d, r, "reviewer");
		rv[i] = r->id;
		mp_record_free(r);
	}
	return rc;
}

int demo_fill_projects(mp_db *db, const mp_config *c, long today, mp_err *e)
{
	struct dp d = { db, c, e, today, NULL };
	int64_t ids[NROUNDS], app_ids[NAPPS], rv[NREVIEWERS];
	int i, rc = MP_OK;

	for (i = 0; rc == MP_OK && i < NROUNDS; i++)
		rc = add_round(&d, &rounds[i], &ids[i]);
	if (rc == MP_OK)
		rc = add_reviewers(&d, rv);
	d.rv = rv;
	for (i = 0; rc == MP_OK && i < NAPPS; i++) {
		rc = add_app(&d, i, ids[apps[i].round], &app_ids[i]);
		if (rc == MP_OK)
			rc = add_review(&d, i, app_ids[i]);
	}
	return rc;
}
