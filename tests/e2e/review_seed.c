/* review_seed.c — the ledger tests/e2e/test_review.sh starts from, made
 * through the core's own saves and moves: three groups (夕阳红's leader 张
 * 队长, its member 李四), the round 2026年幸福街道公益创投 (pool 100,000,
 * pass mark 60, three criteria 40/35/25, a two-tranche plan), three
 * applications that passed the eligibility check, three reviewers (李四
 * among them, a volunteer) and the scores of two of them, as the unit test
 * of the ranking has them; before it, a community 微创投 round with
 * resident votes, whose two applications score alike and are told apart
 * by their votes.  MIAOPU_TODAY is the caller's.
 *
 * usage: review_seed LEDGER */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_db.h"
#include "mp_ledger.h"
#include "mp_group.h"
#include "mp_project.h"
#include "mp_review.h"
#include "mp_volunteer.h"

static mp_db *db;
static mp_config cfg;

static int64_t save(mp_record *r)
{
	mp_err e;
	int64_t id;

	if (mp_record_save(db, &cfg, r, &e) != MP_OK) {
		fprintf(stderr, "review_seed: %s: %s\n", r->t->name, e.msg);
		exit(1);
	}
	id = r->id;
	mp_record_free(r);
	return id;
}

static void set_id(mp_record *r, int i, int64_t id)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	mp_record_set(r, i, buf);
}

static mp_record *rec(const mp_table *t, const char *const *kv)
{
	mp_record *r = mp_record_new(t, &cfg);

	for (; kv[0]; kv += 2)
		mp_record_set(r, mp_table_field(t, kv[0]), kv[1]);
	return r;
}

static void move(int64_t app, int to, const char *date)
{
	mp_wf_input in = { date, "", "" };
	mp_record *r = NULL;
	mp_err e;

	if (mp_record_load(db, &mp_applications, app, &r, &e) != MP_OK
	    || mp_wf_move(db, &cfg, r, to, &in, NULL, &e) != MP_OK) {
		fprintf(stderr, "review_seed: move: %s\n", e.msg);
		exit(1);
	}
	mp_record_free(r);
}

static int64_t app(int64_t round, int64_t group, const char *name,
                   const char *requested)
{
	mp_record *r = rec(&mp_applications, (const char *const[]){
		"name", name, "community", "幸福社区", "category", "助老扶幼",
		"requested", requested, NULL });
	mp_record *b;
	int64_t id;

	set_id(r, A_ROUND, round);
	set_id(r, A_GROUP, group);
	id = save(r);
	b = rec(&mp_app_budget, (const char *const[]){ "item", "活动物资",
		"amount", requested, "paid_by", MP_PAID_BY_GRANT, NULL });
	set_id(b, AB_APP, id);
	save(b);
	move(id, AS_SUBMITTED, "2026-03-02");
	move(id, AS_ELIGIBLE, "2026-03-03");
	return id;
}

static void scores(int64_t a, int64_t reviewer, const int64_t *crit,
                   const char *s1, const char *s2, const char *s3)
{
	const char *v[3] = { s1, s2, s3 };
	int i;

	for (i = 0; i < 3; i++) {
		mp_record *r = mp_record_new(&mp_review_scores, &cfg);

		set_id(r, SC_APP, a);
		set_id(r, SC_REVIEWER, reviewer);
		set_id(r, SC_CRITERION, crit[i]);
		mp_record_set(r, SC_SCORE, v[i]);
		mp_record_set(r, SC_DATE, "2026-03-04");
		save(r);
	}
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "需求契合", "可行性", "预算合理性" };
	static const char *const weights[] = { "40", "35", "25" };
	int64_t red, blue, green, li, round, crit[3], a_red, a_blue, a_green;
	int64_t wang, chen;
	mp_record *r;
	mp_err e;
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: review_seed LEDGER\n");
		return 2;
	}
	mp_config_defaults(&cfg);
	if (mp_db_open(&db, argv[1], 0, &e) != MP_OK) {
		fprintf(stderr, "review_seed: %s\n", e.msg);
		return 1;
	}
	red = save(rec(&mp_groups, (const char *const[]){ "name", "夕阳红志愿服务队",
		"community", "幸福社区", "leader", "张队长", NULL }));
	blue = save(rec(&mp_groups, (const char *const[]){ "name", "蓝天环保协会",
		"community", "幸福社区", "leader", "刘会长", NULL }));
	green = save(rec(&mp_groups, (const char *const[]){ "name", "绿色家园互助会",
		"community", "幸福社区", "leader", "孙大姐", NULL }));
	li = save(rec(&mp_volunteers, (const char *const[]){ "name", "李四",
		"id_type", "居民身份证", "id_no", "110105199001010037", "vol_no", "ZY-0002", NULL }));
	r = rec(&mp_memberships, (const char *const[]){ "role", "骨干", "joined", "2025-01-01", NULL });
	set_id(r, M_VOLUNTEER, li);
	set_id(r, M_GROUP, red);
	save(r);

	/* The 微创投 round first: the list shows the newest round on top. */
	{
		int64_t micro, mcrit[3], a1, a2;
		static const char *const kv1[] = { "votes", "5", "occasion", "路演现场",
			"date", "2026-03-04", NULL };
		static const char *const kv2[] = { "votes", "37", "occasion", "路演现场",
			"date", "2026-03-04", NULL };

		micro = save(rec(&mp_rounds, (const char *const[]){
			"name", "幸福社区微创投", "kind", "微创投", "pool", "30000",
			"votes", "是", NULL }));
		for (i = 0; i < 3; i++) {
			r = rec(&mp_round_criteria, (const char *const[]){ "criterion", names[i],
				"weight", weights[i], NULL });
			set_id(r, RC_ROUND, micro);
			mcrit[i] = save(r);
		}
		a1 = app(micro, green, "老年食堂", "3000");
		a2 = app(micro, blue, "四点半课堂", "3000");
		chen = save(rec(&mp_reviewers, (const char *const[]){ "name", "陈会计",
			"unit", "幸福会计师事务所", NULL }));
		scores(a1, chen, mcrit, "88", "88", "88");
		scores(a2, chen, mcrit, "88", "88", "88");
		r = rec(&mp_resident_votes, kv1);
		set_id(r, VT_APP, a1);
		save(r);
		r = rec(&mp_resident_votes, kv2);
		set_id(r, VT_APP, a2);
		save(r);
	}

	round = save(rec(&mp_rounds, (const char *const[]){
		"name", "2026年幸福街道公益创投", "kind", "公益创投",
		"organiser", "幸福街道办事处", "operator", "阳光社工服务中心",
		"pool", "100000", "cap", "50000", "pass_mark", "60",
		"notice_days", "5", NULL }));
	for (i = 0; i < 3; i++) {
		r = rec(&mp_round_criteria, (const char *const[]){ "criterion", names[i],
			"weight", weights[i], NULL });
		set_id(r, RC_ROUND, round);
		crit[i] = save(r);
	}
	r = rec(&mp_round_tranches, (const char *const[]){ "seq", "1", "share", "60",
		"trigger_on", "签订协议", NULL });
	set_id(r, RT_ROUND, round);
	save(r);
	r = rec(&mp_round_tranches, (const char *const[]){ "seq", "2", "share", "40",
		"trigger_on", "中期评估通过", NULL });
	set_id(r, RT_ROUND, round);
	save(r);

	a_red = app(round, red, "银龄互助", "30000");
	a_blue = app(round, blue, "垃圾分类", "40000");
	a_green = app(round, green, "邻里花园", "20000");

	wang = save(rec(&mp_reviewers, (const char *const[]){ "name", "王教授",
		"unit", "安徽师范大学", NULL }));
	r = rec(&mp_reviewers, (const char *const[]){ "name", "李四",
		"unit", "社区卫生服务中心", NULL });
	set_id(r, RV_VOLUNTEER, li);
	save(r);

	scores(a_red, wang, crit, "90", "80", "70");
	scores(a_blue, wang, crit, "60", "50", "40");
	scores(a_green, wang, crit, "100", "100", "100");
	scores(a_red, chen, crit, "80", "80", "80");
	scores(a_blue, chen, crit, "70", "60", "66");
	scores(a_green, chen, crit, "90", "90", "90");
	move(a_red, AS_REVIEWED, "2026-03-05");
	move(a_blue, AS_REVIEWED, "2026-03-05");
	move(a_green, AS_REVIEWED, "2026-03-05");
	mp_db_close(db);
	mp_config_free(&cfg);
	return 0;
}
