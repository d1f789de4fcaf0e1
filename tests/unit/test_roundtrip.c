/* test_roundtrip.c — what export writes, import reads back into an empty
 * ledger to the same records: every field, the UUIDs and times, and the
 * references (to the very records, even where names repeat), for every
 * record type of the registry, imported in its order; ID numbers only
 * with --full. */
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
#include "mp_activity.h"
#include "mp_export.h"
#include "mp_funding.h"
#include "mp_group.h"
#include "mp_import.h"
#include "mp_project.h"
#include "mp_bases.h"
#include "mp_registry.h"
#include "mp_review.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define ID_1 "350102199006150018"
#define ID_2 "350102198001011233"
#define ID_3 "110105198512030027"

static int64_t add(struct mp_fx *f, const mp_table *t, const char *const *kv)
{
	mp_record *r = mp_record_new(t, &f->cfg);

	for (; kv[0]; kv += 2) {
		int i = mp_table_field(t, kv[0]);

		assert_true(i >= 0);
		mp_record_set(r, i, kv[1]);
	}
	return mp_fx_save_free(f, r);
}

/* A small ledger where names repeat: two groups 夕阳红 (two communities),
 * two volunteers 王芳, two activities 敬老 of one group; values with
 * commas, quotes and line breaks; a service record entered late, one that
 * does not count, one without an activity. */
static void fill(struct mp_fx *f)
{
	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	free(f->cfg.operator_name);
	f->cfg.operator_name = strdup("陈静");
	add(f, &mp_groups, (const char *const[]){ "name", "夕阳红",
	    "community", "幸福社区", "legal_status", "登记",
	    "uscc", "91350100M000100Y43", "founded", "2021-03-05",
	    "members", "36", "notes", "每周六活动,\n\"敬老\"为主", NULL });
	add(f, &mp_groups, (const char *const[]){ "name", "夕阳红",
	    "community", "和平社区", "leader", "张桂芳", "phone", "13812345678", NULL });
	add(f, &mp_groups, (const char *const[]){ "name", "阳光队, 二",
	    "community", "幸福社区", NULL });
	add(f, &mp_volunteers, (const char *const[]){ "name", "王芳",
	    "id_type", "居民身份证", "id_no", ID_1, "vol_no", "V001",
	    "phone", "13912345678", "notes", "会手语\n周末有空", NULL });
	add(f, &mp_volunteers, (const char *const[]){ "name", "王芳",
	    "id_type", "居民身份证", "id_no", ID_2, NULL });
	add(f, &mp_volunteers, (const char *const[]){ "name", "李强",
	    "id_type", "居民身份证", "id_no", ID_3, "vol_no", "V003", NULL });
	add(f, &mp_activities, (const char *const[]){ "name", "敬老",
	    "group_id", "1", "date", "2025-05-01", "start_time", "09:00",
	    "end_time", "11:30", "place", "幸福里, 12栋", "participants", "12",
	    "content", "理发\n量血压", NULL });
	add(f, &mp_activities, (const char *const[]){ "name", "敬老",
	    "group_id", "1", "date", "2025-06-01", NULL });
	add(f, &mp_activities, (const char *const[]){ "name", "敬老",
	    "group_id", "2", "date", "2025-06-01", NULL });
	add(f, &mp_hours, (const char *const[]){ "volunteer_id", "1",
	    "activity_id", "1", "date", "2025-05-01", "hours", "2.5",
	    "content", "理发", NULL });   /* late: 30 working days after */
	add(f, &mp_hours, (const char *const[]){ "volunteer_id", "2",
	    "activity_id", "2", "date", "2025-06-27", "hours", "1", NULL });
	add(f, &mp_hours, (const char *const[]){ "volunteer_id", "2",
	    "activity_id", "3", "date", "2025-06-27", "hours", "1.25",
	    "counts", "否", NULL });
	add(f, &mp_hours, (const char *const[]){ "volunteer_id", "3",
	    "group_id", "3", "date", "2025-06-28", "hours", "3",
	    "place", "社区, \"党群\"中心", NULL });
	/* Memberships of the two 王芳 in the two 夕阳红. */
	add(f, &mp_memberships, (const char *const[]){ "volunteer_id", "1",
	    "group_id", "1", "joined", "2024-01-05", NULL });
	add(f, &mp_memberships, (const char *const[]){ "volunteer_id", "2",
	    "group_id", "2", "role", "负责人", NULL });
	add(f, &mp_memberships, (const char *const[]){ "volunteer_id", "2",
	    "group_id", "1", NULL });
	/* Two trainings 急救培训, on two dates. */
	add(f, &mp_trainings, (const char *const[]){ "name", "急救培训",
	    "date", "2025-03-01", "hours", "3", "place", "街道, \"社工站\"",
	    "trainer", "李明华", "notes", "带上\n笔记本", NULL });
	add(f, &mp_trainings, (const char *const[]){ "name", "急救培训",
	    "date", "2025-04-01", "hours", "1.5", "mode", "线上", NULL });
	add(f, &mp_trainings, (const char *const[]){ "name", "财务, 入门",
	    "date", "2025-05-01", "hours", "2", "place", "区民政局", NULL });
	add(f, &mp_training_groups, (const char *const[]){ "training_id", "1",
	    "group_id", "1", "people", "5", NULL });
	add(f, &mp_training_groups, (const char *const[]){ "training_id", "2",
	    "group_id", "1", NULL });
	add(f, &mp_training_groups, (const char *const[]){ "training_id", "1",
	    "group_id", "2", "people", "0", NULL });
	add(f, &mp_training_people, (const char *const[]){ "training_id", "1",
	    "volunteer_id", "1", "group_id", "1", NULL });
	add(f, &mp_training_people, (const char *const[]){ "training_id", "2",
	    "volunteer_id", "2", NULL });
	add(f, &mp_training_people, (const char *const[]){ "training_id", "1",
	    "name", "赵\"六\", 外请", "group_id", "2", NULL });
	add(f, &mp_visits, (const char *const[]){ "group_id", "1",
	    "date", "2025-06-01", "supervisor", "周敏", "agency", "同心, 社工",
	    "findings", "台账\"不全\"", "due", "2025-07-01", NULL });
	add(f, &mp_visits, (const char *const[]){ "group_id", "2",
	    "date", "2025-06-01", "supervisor", "周敏", "rating", "良", NULL });
	add(f, &mp_visits, (const char *const[]){ "group_id", "1",
	    "date", "2025-06-10", "supervisor", "吴刚", "due", "2025-06-20",
	    "done_date", "2025-06-18", "done_note", "已补齐", NULL });
}

/* Issue 17 (branch bases): a street base, a community one and a virtual
 * one; a stay that ended, one going on, one in the virtual base beside
 * it; services with hours, an amount and a comma. */
static void fill_bases(struct mp_fx *f)
{
	add(f, &mp_bases, (const char *const[]){ "name", "幸福街道孵化基地",
	    "level", "街道级", "operator", "益邻社工, 中心", "capacity", "20",
	    "support", "50000", NULL });
	add(f, &mp_bases, (const char *const[]){ "name", "向阳社区孵化点",
	    "level", "社区级", "capacity", "5", NULL });
	add(f, &mp_bases, (const char *const[]){ "name", "云孵化", "kind", "虚拟", NULL });
	add(f, &mp_stays, (const char *const[]){ "group_id", "1", "base_id", "1",
	    "applied", "2022-12-01", "moved_in", "2023-01-01", "agreement_no", "XF-2023-01",
	    "moved_out", "2025-01-10", "outcome", "已登记", NULL });
	add(f, &mp_stays, (const char *const[]){ "group_id", "1", "base_id", "3",
	    "moved_in", "2025-02-01", NULL });
	add(f, &mp_stays, (const char *const[]){ "group_id", "2", "base_id", "2",
	    "moved_in", "2024-05-01", "notes", "楼道\n议事", NULL });
	add(f, &mp_base_services, (const char *const[]){ "group_id", "1", "base_id", "1",
	    "date", "2024-03-05", "kind", "财务指导", "hours", "2", "given_by", "王会计", NULL });
	add(f, &mp_base_services, (const char *const[]){ "group_id", "2", "base_id", "2",
	    "date", "2025-06-01", "kind", "场地设备", "amount", "1200.50",
	    "content", "活动室, 投影仪", NULL });
	add(f, &mp_base_services, (const char *const[]){ "group_id", "1", "base_id", "3",
	    "date", "2025-06-02", "kind", "政策咨询", NULL });
}

/* Issue 16 (branch projects): a round with its plan, needs, three
 * applications with budget lines and team, one moved three steps on
 * (its history kept). */
static void fill_projects(struct mp_fx *f)
{
	const mp_wf_input in = { "2025-06-20", "", "" };
	mp_record *app;
	mp_err e;

	add(f, &mp_rounds, (const char *const[]){ "name", "2025年公益创投, 第一期",
	    "level", "区级", "pool", "300000", "cap", "50000",
	    "apply_from", "2025-06-01", "apply_to", "2025-07-31",
	    "notes", "“多方\"联动\"”\n第二行", NULL });
	add(f, &mp_rounds, (const char *const[]){ "name", "幸福社区微创投",
	    "kind", "微创投", "pool", "30000", "votes", "是", NULL });
	add(f, &mp_rounds, (const char *const[]){ "name", "2024年公益创投",
	    "pool", "0", NULL });
	add(f, &mp_round_funds, (const char *const[]){ "round_id", "1",
	    "source", "福彩公益金", "amount", "100000", NULL });
	add(f, &mp_round_funds, (const char *const[]){ "round_id", "1",
	    "source", "专项资金", "amount", "100000.50", NULL });
	add(f, &mp_round_funds, (const char *const[]){ "round_id", "2",
	    "source", "自治创投金", "amount", "30000", NULL });
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "需求契合", "weight", "40", NULL });
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "在地性", "weight", "30", NULL });
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "可行性", "weight", "30", NULL });
	add(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	    "seq", "1", "share", "60", "trigger_on", "签订协议", NULL });
	add(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	    "seq", "2", "share", "30", "trigger_on", "中期评估通过", NULL });
	add(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	    "seq", "3", "share", "10", "trigger_on", "结项评估通过", NULL });
	add(f, &mp_needs, (const char *const[]){ "title", "老人吃饭难",
	    "community", "幸福社区", "date", "2025-05-01", NULL });
	add(f, &mp_needs, (const char *const[]){ "title", "放学后没人看, “四点半”",
	    "round_id", "1", NULL });
	add(f, &mp_needs, (const char *const[]){ "title", "老人吃饭难",
	    "community", "和平社区", NULL });
	add(f, &mp_applications, (const char *const[]){ "name", "长者食堂",
	    "round_id", "1", "group_id", "1", "need_id", "1", "requested", "20000",
	    "start", "2025-08-01", "end_date", "2026-07-31", NULL });
	add(f, &mp_applications, (const char *const[]){ "name", "四点半课堂",
	    "round_id", "1", "group_id", "2", "need_id", "2", "requested", "15000.50", NULL });
	add(f, &mp_applications, (const char *const[]){ "name", "长者食堂",
	    "round_id", "2", "group_id", "2", NULL });
	add(f, &mp_app_budget, (const char *const[]){ "app_id", "1",
	    "item", "食材", "amount", "15000", NULL });
	add(f, &mp_app_budget, (const char *const[]){ "app_id", "1",
	    "item", "志愿者交通补贴", "amount", "5000", NULL });
	add(f, &mp_app_budget, (const char *const[]){ "app_id", "1",
	    "item", "场地", "amount", "3000", "paid_by", "配套资金", NULL });
	add(f, &mp_app_team, (const char *const[]){ "app_id", "1",
	    "name", "王芳", "role", "负责人", "qualification", "社会工作师", NULL });
	add(f, &mp_app_team, (const char *const[]){ "app_id", "1",
	    "name", "李强", NULL });
	add(f, &mp_app_team, (const char *const[]){ "app_id", "2",
	    "name", "王芳", "phone", "13812345678", NULL });
	assert_int_equal(mp_record_load(f->db, &mp_applications, 1, &app, &e), MP_OK);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, app, AS_SUBMITTED, &in, NULL, &e), MP_OK);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, app, AS_ELIGIBLE, &in, NULL, &e), MP_OK);
	mp_record_free(app);

	/* Issue 16 (branch funding): three approved projects (4-6), each
	 * with its agreement, a payment, an expenditure, a reclaim and a
	 * mid-term evaluation; three scores of the first evaluation. */
	for (int i = 0; i < 3; i++) {
		static const char *const names[] = { "助老餐桌", "邻里花园", "“童”心课堂, 二期" };
		char id[24], num[24], date[16];

		add(f, &mp_applications, (const char *const[]){ "name", names[i],
		    "round_id", "1", "group_id", "1", "requested", "10000",
		    "state", "拟立项", "granted", "10000", NULL });
		snprintf(id, sizeof id, "%d", 4 + i);
		snprintf(num, sizeof num, "HT-%d", i + 1);
		snprintf(date, sizeof date, "2025-06-%02d", 10 + i);
		add(f, &mp_app_budget, (const char *const[]){ "app_id", id,
		    "item", "物料", "amount", "10000", NULL });
		add(f, &mp_agreements, (const char *const[]){ "app_id", id, "number", num,
		    "date", "2025-06-01", "matched", i ? "" : "2000.5", NULL });
		add(f, &mp_payments, (const char *const[]){ "app_id", id, "tranche", "1",
		    "date", date, "voucher", i == 1 ? "" : "记-1", NULL });
		add(f, &mp_expenditures, (const char *const[]){ "app_id", id, "date", date,
		    "item", "物料", "amount", "123.45", NULL });
		add(f, &mp_reclaims, (const char *const[]){ "app_id", id, "date", date,
		    "amount", "0.01", "reason", "结余, “退回”", NULL });
		add(f, &mp_evaluations, (const char *const[]){ "app_id", id, "kind", "中期评估",
		    "date", date, "evaluator", "专家组", NULL });
		snprintf(num, sizeof num, "%d", 1 + i);
		add(f, &mp_project_activities, (const char *const[]){ "app_id", id,
		    "activity_id", num, NULL });
		add(f, &mp_project_groups, (const char *const[]){ "app_id", id,
		    "group_id", num, "kind", i ? "志愿服务队" : "孵化组织", NULL });
	}
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	    "criterion", "需求契合", "score", "80", NULL });
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	    "criterion", "在地性", "score", "75.5", NULL });
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	    "criterion", "可行性", "score", "0", "notes", "无", NULL });
	/* branch review: reviewers, their scores of application 1, votes for
	 * the 微创投 round's application, objections to application 1 once
	 * published. */
	add(f, &mp_reviewers, (const char *const[]){ "name", "王教授",
	    "unit", "福州大学, 社会学系", "expertise", "社会工作", NULL });
	add(f, &mp_reviewers, (const char *const[]){ "name", "陈会计",
	    "phone", "13912345678", NULL });
	add(f, &mp_reviewers, (const char *const[]){ "name", "王教授",
	    "unit", "闽江学院", "notes", "“第二位”王教授", NULL });
	add(f, &mp_review_scores, (const char *const[]){ "app_id", "1",
	    "reviewer_id", "1", "criterion_id", "1", "score", "85.5", NULL });
	add(f, &mp_review_scores, (const char *const[]){ "app_id", "1",
	    "reviewer_id", "3", "criterion_id", "1", "score", "90",
	    "comment", "扎根社区,\n可持续", NULL });
	add(f, &mp_review_scores, (const char *const[]){ "app_id", "1",
	    "reviewer_id", "2", "criterion_id", "2", "score", "0", NULL });
	add(f, &mp_resident_votes, (const char *const[]){ "app_id", "3",
	    "votes", "37", "occasion", "路演现场", NULL });
	add(f, &mp_resident_votes, (const char *const[]){ "app_id", "3",
	    "date", "2025-06-21", "votes", "0", NULL });
	add(f, &mp_resident_votes, (const char *const[]){ "app_id", "3",
	    "votes", "12", "occasion", "线上投票", NULL });
	/* Each reviewer's sheet complete on the round's three criteria: 已评审
	 * stands for them. */
	{
		static const char *const rest[][2] = { { "1", "2" }, { "1", "3" }, { "3", "2" },
		                                       { "3", "3" }, { "2", "1" }, { "2", "3" } };

		for (int i = 0; i < 6; i++)
			add(f, &mp_review_scores, (const char *const[]){ "app_id", "1",
			    "reviewer_id", rest[i][0], "criterion_id", rest[i][1], "score", "70", NULL });
	}
	assert_int_equal(mp_record_load(f->db, &mp_applications, 1, &app, &e), MP_OK);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, app, AS_REVIEWED, &in, NULL, &e), MP_OK);
	{
		const mp_wf_input grant = { "2025-06-20", "", "18000" };

		assert_int_equal(mp_wf_move(f->db, &f->cfg, app, AS_APPROVED, &grant, NULL, &e), MP_OK);
	}
	assert_int_equal(mp_wf_move(f->db, &f->cfg, app, AS_NOTICE, &in, NULL, &e), MP_OK);
	mp_record_free(app);
	add(f, &mp_objections, (const char *const[]){ "app_id", "1",
	    "date", "2025-06-23", "objector", "周先生", "content", "预算偏高, \"食材\"", NULL });
	add(f, &mp_objections, (const char *const[]){ "app_id", "1",
	    "date", "2025-06-24", "objector", "匿名", "content", "场地不足",
	    "outcome", "异议不成立", "done_date", "2025-06-26", "reply", "已核实", NULL });
	add(f, &mp_objections, (const char *const[]){ "app_id", "1",
	    "date", "2025-06-26", "objector", "周先生", "content", "再次提出", NULL });
}

static FILE *export(struct mp_fx *f, const mp_table *t, unsigned flags)
{
	FILE *out = tmpfile();
	long n = 0;
	mp_err e;

	assert_non_null(out);
	assert_int_equal(mp_export_csv_flags(f->db, t, (int)flags, out, &n, &e), MP_OK);
	assert_true(n >= 3);
	rewind(out);
	return out;
}

static char *slurp(FILE *in)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);
	int c;

	assert_non_null(m);
	rewind(in);
	while ((c = getc(in)) != EOF)
		putc(c, m);
	fclose(m);
	rewind(in);
	return buf;
}

static void import(struct mp_fx *g, const mp_table *t, FILE *in,
                   long added, long skipped)
{
	mp_import_result res;
	mp_err e;
	int rc;

	rc = mp_import_csv(g->db, &g->cfg, t, in, 0, &res, &e);
	for (int i = 0; i < res.nmsgs; i++)
		print_message("%s: %s\n", t->name, res.msgs[i].text);
	assert_int_equal(rc, MP_OK);
	assert_int_equal(res.added, added);
	assert_int_equal(res.skipped, skipped);
	assert_int_equal(res.refused, 0);
	assert_int_equal(res.nmsgs, skipped);
	mp_import_result_free(&res);
	rewind(in);
}

/* The UUID of the record field i of r points to ("" if none). */
static void ref_uuid(mp_db *db, const mp_record *r, int i, char out[37])
{
	mp_record *to;
	mp_err e;

	out[0] = '\0';
	if (!r->v[i][0])
		return;
	assert_int_equal(mp_record_load(db, r->t->fields[i].ref,
	                                strtoll(r->v[i], NULL, 10), &to, &e), MP_OK);
	memcpy(out, to->uuid, 37);
	mp_record_free(to);
}

/* Every record of t in a has its twin in b: same UUID, times and fields,
 * references to the twins of the same records. */
static void assert_same_records(mp_db *a, mp_db *b, const mp_table *t)
{
	int64_t id;
	int i, n = 0;
	mp_err e;

	for (id = 1;; id++) {
		mp_record *ra, *rb;
		char ua[37], ub[37];

		if (mp_record_load(a, t, id, &ra, &e) != MP_OK)
			break;
		assert_int_equal(mp_record_find_uuid(b, t, ra->uuid, &rb, &e), MP_OK);
		assert_string_equal(ra->created, rb->created);
		assert_string_equal(ra->updated, rb->updated);
		for (i = 0; i < t->nfields; i++) {
			if (t->fields[i].kind != MP_K_REF) {
				assert_string_equal(ra->v[i], rb->v[i]);
				continue;
			}
			ref_uuid(a, ra, i, ua);
			ref_uuid(b, rb, i, ub);
			assert_string_equal(ua, ub);
		}
		mp_record_free(ra);
		mp_record_free(rb);
		n++;
	}
	assert_true(n >= 3);
}

static long live(struct mp_fx *f, const mp_table *t)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE deleted_at IS NULL",
	         t->name);
	return mp_fx_sql_int(f, sql);
}

/* Every type the registry lists, in its order. */
static void test_round_trip_every_type(void **state)
{
	struct mp_fx *f = *state, g = { 0 };
	FILE *out[MP_REGISTRY_MAX], *again;
	int k, n = mp_registry_count();
	char *a, *b;

	assert_true(n >= 9);
	fill(f);
	fill_projects(f);
	fill_bases(f);
	for (k = 0; k < n; k++)
		out[k] = export(f, mp_registry_get(k), MP_EXPORT_FULL);

	assert_int_equal(mp_fx_open(&g), 0);
	for (k = 0; k < n; k++)
		import(&g, mp_registry_get(k), out[k], live(f, mp_registry_get(k)), 0);
	for (k = 0; k < n; k++) {
		const mp_table *t = mp_registry_get(k);

		assert_int_equal(live(&g, t), live(f, t));
		assert_same_records(f->db, g.db, t);
		/* And so the new ledger exports the very same file. */
		again = export(&g, t, MP_EXPORT_FULL);
		a = slurp(out[k]);
		b = slurp(again);
		if (strcmp(a, b) != 0)
			print_message("%s differs:\n%s\n----\n%s\n", t->name, a, b);
		assert_string_equal(a, b);
		free(a);
		free(b);
		fclose(again);
	}
	/* The late note follows from the dates kept, not from today. */
	assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM hours"
	                               " WHERE late LIKE '补录%'"), 1);
	assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM hours"
	                               " WHERE recorder = '陈静'"), 4);
	assert_int_equal(mp_fx_close(&g), 0);

	/* Into the ledger they came from: every row known by its UUID. */
	for (k = 0; k < n; k++) {
		import(f, mp_registry_get(k), out[k], 0, live(f, mp_registry_get(k)));
		fclose(out[k]);
	}
}

/* By default ID numbers are masked, so volunteers do not come back: each
 * row is refused saying to export with --full. */
static void test_masked_ids_refused(void **state)
{
	struct mp_fx *f = *state, g = { 0 };
	FILE *masked, *full;
	mp_import_result res;
	char *ms, *fs;
	mp_err e;
	int i, n = 0;

	fill(f);
	fill_projects(f);
	masked = export(f, &mp_volunteers, 0);
	full = export(f, &mp_volunteers, MP_EXPORT_FULL);
	ms = slurp(masked);
	fs = slurp(full);
	assert_null(strstr(ms, ID_1));
	assert_non_null(strstr(ms, "350102********0018"));
	assert_non_null(strstr(fs, ID_1));
	assert_non_null(strstr(fs, ID_3));
	free(ms);
	free(fs);

	assert_int_equal(mp_fx_open(&g), 0);
	assert_int_equal(mp_import_csv(g.db, &g.cfg, &mp_volunteers, masked, 0,
	                               &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 3);
	assert_false(res.written);
	for (i = 0; i < res.nmsgs; i++)
		if (res.msgs[i].field == V_ID_NO && strstr(res.msgs[i].text, "--full"))
			n++;
	assert_int_equal(n, 3);
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(&g, "SELECT count(*) FROM volunteers"), 0);
	assert_int_equal(mp_fx_close(&g), 0);
	fclose(masked);
	fclose(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip_every_type, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_masked_ids_refused, mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
