/* test_projects.c — issue 16's foundation: rounds and their plan, needs,
 * applications and the state workflow (each rule refused with its
 * message, each step dated and kept). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_funding.h"
#include "mp_group.h"
#include "mp_project.h"
#include "mp_registry.h"
#include "mp_review.h"
#include "mp_workflow.h"
#include "fixture.h"

static mp_record *rec(struct mp_fx *f, const mp_table *t, const char *const *kv)
{
	mp_record *r = mp_record_new(t, &f->cfg);

	for (; kv[0]; kv += 2) {
		int i = mp_table_field(t, kv[0]);

		assert_true(i >= 0);
		mp_record_set(r, i, kv[1]);
	}
	return r;
}

static int64_t add(struct mp_fx *f, const mp_table *t, const char *const *kv)
{
	return mp_fx_save_free(f, rec(f, t, kv));
}

/* Save what kv says and expect it refused with code, on field, with a
 * message holding want. */
static void refused(struct mp_fx *f, const mp_table *t, const char *const *kv,
                    int code, int field, const char *want)
{
	mp_record *r = rec(f, t, kv);
	mp_err e;

	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), code);
	if (field != -9)
		assert_int_equal(e.field, field);
	if (!strstr(e.msg, want))
		fail_msg("“%s” does not hold “%s”", e.msg, want);
	mp_record_free(r);
}

/* A round of 300,000 with a cap of 50,000, applications from 06-01 to
 * 07-31; a group; today 2025-06-30. */
static int setup(void **state)
{
	int ret = mp_fx_setup(state);
	struct mp_fx *f;

	if (ret)
		return ret;
	f = *state;
	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	add(f, &mp_rounds, (const char *const[]){ "name", "2025年公益创投",
	    "pool", "300000", "cap", "50000", "needs_from", "2025-05-01",
	    "needs_to", "2025-05-31", "apply_from", "2025-06-01",
	    "apply_to", "2025-07-31", NULL });
	mp_fx_add_group(f, "阳光队");
	return 0;
}

/* An application of round 1 by group 1 asking for requested, with its
 * grant budget lines as given (NULL-ended). */
static int64_t application(struct mp_fx *f, const char *name,
                           const char *requested, const char *const *lines)
{
	int64_t id = add(f, &mp_applications, (const char *const[]){ "name", name,
	                 "round_id", "1", "group_id", "1", "requested", requested, NULL });
	char app[24];

	snprintf(app, sizeof app, "%lld", (long long)id);
	for (; lines && *lines; lines++)
		add(f, &mp_app_budget, (const char *const[]){ "app_id", app,
		    "item", "物料", "amount", *lines, NULL });
	return id;
}

static mp_record *load(struct mp_fx *f, int64_t id)
{
	mp_record *r;
	mp_err e;

	assert_int_equal(mp_record_load(f->db, &mp_applications, id, &r, &e), MP_OK);
	return r;
}

static int move(struct mp_fx *f, mp_record *r, int to, const char *date,
                const char *reason, const char *amount, mp_err *e)
{
	mp_wf_input in = { date, reason, amount };

	return mp_wf_move(f->db, &f->cfg, r, to, &in, NULL, e);
}

static void moves_ok(struct mp_fx *f, mp_record *r, const int *to, int n)
{
	mp_err e;

	for (int i = 0; i < n; i++) {
		mp_fx_wf_provide(f, r->id, to[i]);
		if (move(f, r, to[i], "", "", "", &e) != MP_OK)
			fail_msg("to %s: %s", mp_app_state_names[to[i]], e.msg);
	}
}

/* ---- rounds ---- */

static void test_round_rules(void **state)
{
	struct mp_fx *f = *state;

	refused(f, &mp_rounds, (const char *const[]){ "name", "甲", "pool", "1000",
	        "cap", "2000", NULL }, MP_EINVAL, R_CAP, "more than the total pool");
	refused(f, &mp_rounds, (const char *const[]){ "name", "乙", "pool", "1000",
	        "apply_from", "2025-06-01", "apply_to", "2025-05-01", NULL },
	        MP_EINVAL, R_APPLY_TO, "2025-05-01 is before");
	refused(f, &mp_rounds, (const char *const[]){ "name", "丙", "pool", "1000",
	        "needs_from", "2025-07-01", "apply_from", "2025-06-01", NULL },
	        MP_EINVAL, R_APPLY_FROM, "is before");
	refused(f, &mp_rounds, (const char *const[]){ "name", "2025年公益创投",
	        "pool", "1000", NULL }, MP_EDUP, R_NAME, "already in the ledger");
	refused(f, &mp_rounds, (const char *const[]){ "name", "丁", "pool", "1000",
	        "kind", "大创投", NULL }, MP_EINVAL, R_KIND, "not one of the choices");
}

static void test_funding_sources_within_pool(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r;
	mp_err e;

	add(f, &mp_round_funds, (const char *const[]){ "round_id", "1",
	    "source", "福彩公益金", "amount", "200000", NULL });
	add(f, &mp_round_funds, (const char *const[]){ "round_id", "1",
	    "source", "专项资金", "amount", "100000", NULL });
	refused(f, &mp_round_funds, (const char *const[]){ "round_id", "1",
	        "source", "社区基金", "amount", "0.01", NULL },
	        MP_EINVAL, RF_AMOUNT, "300,000.01");
	/* The pool may not fall below its sources. */
	assert_int_equal(mp_record_load(f->db, &mp_rounds, 1, &r, &e), MP_OK);
	mp_record_set(r, R_POOL, "299999.99");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, R_POOL);
	assert_non_null(strstr(e.msg, "funding sources"));
	mp_record_free(r);
}

static void test_criteria_and_tranches(void **state)
{
	struct mp_fx *f = *state;
	mp_criterion c[8];
	mp_tranche_plan p[8];
	mp_err e;
	int n;

	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "需求契合", "weight", "40", NULL });
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "在地性", "weight", "35.5", NULL });
	refused(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	        "criterion", "在地性", "weight", "10", NULL }, MP_EDUP, RC_CRITERION,
	        "already a criterion");
	refused(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	        "criterion", "可行性", "weight", "24.51", NULL }, MP_EINVAL, RC_WEIGHT,
	        "100.01%");
	refused(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	        "criterion", "可行性", "weight", "0", NULL }, MP_EINVAL, RC_WEIGHT,
	        "above 0");
	/* Not whole yet: 75.5% */
	assert_int_equal(mp_round_plan_check(f->db, 1, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "75.5%"));
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "可行性", "weight", "24.5", NULL });
	assert_int_equal(mp_round_criteria_get(f->db, 1, c, 8, &n, &e), MP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(c[1].name, "在地性");
	assert_int_equal(c[1].weight, 3550);

	add(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	    "seq", "2", "share", "40", "trigger_on", "中期评估通过", NULL });
	refused(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	        "seq", "1", "share", "60", "trigger_on", "结项评估通过", NULL },
	        MP_EINVAL, RT_TRIGGER, "earlier tranche");
	refused(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	        "seq", "2", "share", "10", "trigger_on", "结项评估通过", NULL },
	        MP_EDUP, RT_SEQ, "tranche 2 already");
	refused(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	        "seq", "1", "share", "60.01", "trigger_on", "签订协议", NULL },
	        MP_EINVAL, RT_SHARE, "100.01%");
	assert_int_equal(mp_round_plan_check(f->db, 1, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "tranches"));
	add(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	    "seq", "1", "share", "60", "trigger_on", "签订协议", NULL });
	assert_int_equal(mp_round_plan_check(f->db, 1, &e), MP_OK);
	assert_int_equal(mp_round_tranches_get(f->db, 1, p, 8, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].seq, 1);
	assert_int_equal(p[0].trigger, TT_AGREEMENT);
	assert_int_equal(p[1].trigger, TT_MIDTERM);
	assert_int_equal(p[1].share, 4000);
}

/* The criteria and categories are settings: a station's own words are
 * taken, words outside its lists refused. */
static void test_criteria_are_a_setting(void **state)
{
	struct mp_fx *f = *state;

	refused(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	        "criterion", "居民满意度", "weight", "20", NULL }, MP_EINVAL,
	        RC_CRITERION, "not one of the choices");
	mp_strlist_add(&f->cfg.choices[MP_CH_CRITERION], "居民满意度");
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "居民满意度", "weight", "20", NULL });
	refused(f, &mp_applications, (const char *const[]){ "name", "甲", "round_id", "1",
	        "category", "养老", NULL }, MP_EINVAL, A_CATEGORY, "not one of the choices");
	mp_strlist_add(&f->cfg.choices[MP_CH_PROJECT_CATEGORY], "养老");
	add(f, &mp_applications, (const char *const[]){ "name", "甲", "round_id", "1",
	    "category", "养老", NULL });
	/* The states are not a setting: the rules read them. */
	refused(f, &mp_applications, (const char *const[]){ "name", "乙", "round_id", "1",
	        "state", "进行中", NULL }, MP_EINVAL, A_STATE, "not one of the choices");
}

/* Tranches add up to the grant to the fen, whatever the shares. */
static void test_tranche_amounts_exact(void **state)
{
	int64_t total = 0, granted;

	(void)state;
	for (granted = 1; granted < 2000003; granted += 99991) {
		int64_t a = mp_tranche_amount(granted, 3333, 0, 0);
		int64_t b = mp_tranche_amount(granted, 3333, 0, a);
		int64_t c = mp_tranche_amount(granted, 3334, 1, a + b);

		assert_int_equal(a + b + c, granted);
		assert_true(a <= granted * 3333 / 10000 && c >= a);
		total += a + b + c;
	}
	assert_true(total > 0);
	assert_int_equal(mp_tranche_amount(1234567, 6000, 0, 0), 740740);
	assert_int_equal(mp_tranche_amount(1234567, 4000, 1, 740740), 493827);
}

static void test_need_in_its_call(void **state)
{
	struct mp_fx *f = *state;

	add(f, &mp_needs, (const char *const[]){ "title", "老人吃饭难",
	    "round_id", "1", "date", "2025-05-10", NULL });
	refused(f, &mp_needs, (const char *const[]){ "title", "四点半",
	        "round_id", "1", "date", "2025-06-10", NULL }, MP_EINVAL, N_DATE,
	        "outside the round's needs call");
	/* An application answers a need of its own round's call, or one
	 * raised outside any round. */
	add(f, &mp_rounds, (const char *const[]){ "name", "幸福社区微创投",
	    "kind", "微创投", "pool", "30000", NULL });
	add(f, &mp_needs, (const char *const[]){ "title", "楼道堆物", NULL });
	refused(f, &mp_applications, (const char *const[]){ "name", "长者食堂",
	        "round_id", "2", "need_id", "1", NULL }, MP_EINVAL, A_NEED,
	        "another round's needs call");
	add(f, &mp_applications, (const char *const[]){ "name", "长者食堂",
	    "round_id", "1", "need_id", "1", NULL });
	add(f, &mp_applications, (const char *const[]){ "name", "清理楼道",
	    "round_id", "2", "need_id", "2", NULL });
}

/* ---- applications ---- */

static void test_application_rules(void **state)
{
	struct mp_fx *f = *state;

	refused(f, &mp_applications, (const char *const[]){ "name", "长者食堂",
	        "round_id", "1", "requested", "50000.01", NULL }, MP_EINVAL,
	        A_REQUESTED, "above the round's cap per project (50,000.00");
	refused(f, &mp_applications, (const char *const[]){ "name", "长者食堂",
	        "round_id", "1", "start", "2025-09-01", "end_date", "2025-08-01", NULL },
	        MP_EINVAL, A_END_DATE, "is before");
	/* A new one is a draft, dated today, whatever the form said. */
	application(f, "长者食堂", "20000", NULL);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM applications"
	                 " WHERE state = '草稿' AND state_date = '2025-06-30'"), 1);
}

/* The state cannot be typed: a save keeps the stored one. */
static void test_state_not_typed(void **state)
{
	struct mp_fx *f = *state;
	int64_t id = application(f, "长者食堂", "20000", NULL);
	mp_record *r = load(f, id);
	mp_err e;

	mp_record_set(r, A_STATE, "已结项");
	mp_record_set(r, A_GRANTED, "20000");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
	r = load(f, id);
	assert_string_equal(r->v[A_STATE], "草稿");
	assert_string_equal(r->v[A_GRANTED], "");
	mp_record_free(r);
}

static void test_submit_needs_budget_adding_up(void **state)
{
	struct mp_fx *f = *state;
	int64_t id = application(f, "长者食堂", "20000",
	                         (const char *const[]){ "15000", "4999.99", NULL });
	mp_record *r = load(f, id);
	mp_err e;

	add(f, &mp_app_budget, (const char *const[]){ "app_id", "1", "item", "场地",
	    "amount", "3000", "paid_by", "配套资金", NULL });
	assert_int_equal(move(f, r, AS_SUBMITTED, "2025-06-20", "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, A_REQUESTED);
	assert_non_null(strstr(e.msg, "add up to 19,999.99"));
	assert_string_equal(r->v[A_STATE], "草稿");
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM app_states"), 0);
	add(f, &mp_app_budget, (const char *const[]){ "app_id", "1", "item", "补贴",
	    "amount", "0.01", NULL });
	/* Outside the application window. */
	assert_int_equal(move(f, r, AS_SUBMITTED, "2025-05-31", "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_DATE);
	assert_non_null(strstr(e.msg, "application window"));
	assert_int_equal(move(f, r, AS_SUBMITTED, "2025-06-20", "", "", &e), MP_OK);
	assert_string_equal(r->v[A_STATE], "已申报");
	assert_string_equal(r->v[A_STATE_DATE], "2025-06-20");
	mp_record_free(r);
	r = load(f, id);
	assert_string_equal(r->v[A_STATE], "已申报");
	mp_record_free(r);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM app_states WHERE app_id = 1"
	                 " AND from_state = '草稿' AND to_state = '已申报'"
	                 " AND date = '2025-06-20'"), 1);
}

static void test_skipped_state_refused(void **state)
{
	struct mp_fx *f = *state;
	int64_t id = application(f, "长者食堂", "20000",
	                         (const char *const[]){ "20000", NULL });
	mp_record *r = load(f, id);
	mp_err e;
	int s;

	assert_int_equal(move(f, r, AS_REVIEWED, "", "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, A_STATE);
	assert_non_null(strstr(e.msg, "after “草稿” comes “已申报”"));
	assert_non_null(strstr(e.msg, "“已评审”"));
	moves_ok(f, r, (const int[]){ AS_SUBMITTED }, 1);
	assert_int_equal(move(f, r, AS_APPROVED, "", "", "1", &e), MP_EINVAL);
	/* The states that may come next, all of them. */
	assert_non_null(strstr(e.msg, "“资格审查通过”, “资格审查未通过” or “草稿”"));
	assert_int_equal(move(f, r, AS_SUBMITTED, "", "", "", &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "already"));
	assert_int_equal(mp_app_state(f->db, id, &s, &e), MP_OK);
	assert_int_equal(s, AS_SUBMITTED);
	mp_record_free(r);
}

static void test_step_dates_and_reasons(void **state)
{
	struct mp_fx *f = *state;
	int64_t id = application(f, "长者食堂", "20000",
	                         (const char *const[]){ "20000", NULL });
	mp_record *r = load(f, id);
	mp_err e;

	assert_int_equal(move(f, r, AS_SUBMITTED, "2025-07-01", "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_DATE);
	assert_non_null(strstr(e.msg, "after today"));
	assert_int_equal(move(f, r, AS_SUBMITTED, "2025-6-2x", "", "", &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "not a date"));
	assert_int_equal(move(f, r, AS_SUBMITTED, "2025年6月20日", "", "", &e), MP_OK);
	assert_int_equal(move(f, r, AS_INELIGIBLE, "2025-06-19", "不在服务范围", "", &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "before the last change of state (2025-06-20)"));
	assert_int_equal(move(f, r, AS_INELIGIBLE, "2025-06-21", "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, A_REASON);
	assert_int_equal(move(f, r, AS_INELIGIBLE, "2025-06-21", "不在服务范围", "", &e), MP_OK);
	assert_string_equal(r->v[A_REASON], "不在服务范围");
	/* 资格审查未通过 is the end. */
	assert_int_equal(move(f, r, AS_ELIGIBLE, "", "", "", &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "last state"));
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM app_states WHERE app_id = 1"
	                 " AND to_state = '资格审查未通过' AND reason = '不在服务范围'"), 1);
	mp_record_free(r);
}

/* Granted at approval: above 0, within the request and the pool left. */
static void test_grant_within_request_and_pool(void **state)
{
	struct mp_fx *f = *state;
	static const int to_review[] = { AS_SUBMITTED, AS_ELIGIBLE, AS_REVIEWED };
	mp_record *a, *b;
	int64_t left;
	mp_err e;
	int k;

	/* Six applications of 50,000 each: the pool of 300,000 is used up
	 * by six grants; a seventh finds nothing left. */
	for (k = 0; k < 7; k++) {
		char name[32];
		int64_t id;

		snprintf(name, sizeof name, "项目%d", k);
		id = application(f, name, "50000", (const char *const[]){ "50000", NULL });
		a = load(f, id);
		moves_ok(f, a, to_review, 3);
		if (k == 0) {
			assert_int_equal(move(f, a, AS_APPROVED, "", "", "50000.01", &e), MP_EINVAL);
			assert_int_equal(e.field, A_GRANTED);
			assert_non_null(strstr(e.msg, "more than was requested"));
			assert_int_equal(move(f, a, AS_APPROVED, "", "", "", &e), MP_EINVAL);
			assert_int_equal(e.field, A_GRANTED);
			assert_int_equal(move(f, a, AS_APPROVED, "", "", "-5", &e), MP_EINVAL);
			assert_int_equal(move(f, a, AS_APPROVED, "", "", "0", &e), MP_EINVAL);
			assert_non_null(strstr(e.msg, "above 0"));
			assert_string_equal(a->v[A_GRANTED], "");
		}
		if (k < 6) {
			assert_int_equal(move(f, a, AS_APPROVED, "", "", "5万", &e), MP_OK);
			assert_string_equal(a->v[A_GRANTED], "50000.00");
		} else {
			assert_int_equal(move(f, a, AS_APPROVED, "", "", "0.01", &e), MP_EINVAL);
			assert_non_null(strstr(e.msg, "pool has left (0.00"));
		}
		mp_record_free(a);
	}
	assert_int_equal(mp_round_pool_left(f->db, 1, 0, &left, &e), MP_OK);
	assert_int_equal(left, 0);
	assert_int_equal(mp_round_pool_left(f->db, 1, 1, &left, &e), MP_OK);
	assert_int_equal(left, 5000000);
	/* Refused after an objection: its money goes back to the pool. */
	b = load(f, 2);
	moves_ok(f, b, (const int[]){ AS_NOTICE }, 1);
	assert_int_equal(move(f, b, AS_REJECTED, "", "公示期内有异议", "", &e), MP_OK);
	mp_record_free(b);
	assert_int_equal(mp_round_pool_left(f->db, 1, 0, &left, &e), MP_OK);
	assert_int_equal(left, 5000000);
	/* The request cannot fall below the grant. */
	a = load(f, 1);
	mp_record_set(a, A_REQUESTED, "40000");
	assert_int_equal(mp_record_save(f->db, &f->cfg, a, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "less than the amount granted"));
	mp_record_free(a);
}

/* The whole way, from draft to closed; and a stopped one. */
static void test_whole_way_kept(void **state)
{
	struct mp_fx *f = *state;
	static const int way[] = { AS_SUBMITTED, AS_ELIGIBLE, AS_REVIEWED };
	static const int rest[] = { AS_NOTICE, AS_AGREEMENT, AS_UNDERWAY,
	                            AS_MIDTERM, AS_CLOSING, AS_CLOSED };
	mp_record *r;
	mp_err e;

	application(f, "长者食堂", "20000", (const char *const[]){ "20000", NULL });
	r = load(f, 1);
	moves_ok(f, r, way, 3);
	assert_int_equal(move(f, r, AS_APPROVED, "", "", "18000", &e), MP_OK);
	moves_ok(f, r, rest, 6);
	assert_string_equal(r->v[A_STATE], "已结项");
	mp_record_free(r);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM app_states WHERE app_id = 1"), 10);
	assert_int_equal(mp_fx_sql_int(f, "SELECT amount FROM app_states WHERE to_state = '拟立项'"),
	                 1800000);
	/* Kept as recorded: not corrected afterwards. */
	assert_int_equal(mp_record_load(f->db, &mp_app_states, 1, &r, &e), MP_OK);
	mp_record_set(r, WH_DATE, "2025-06-01");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "cannot be corrected"));
	mp_record_free(r);

	application(f, "四点半课堂", "10000", (const char *const[]){ "10000", NULL });
	r = load(f, 2);
	moves_ok(f, r, way, 3);
	assert_int_equal(move(f, r, AS_APPROVED, "", "", "10000", &e), MP_OK);
	moves_ok(f, r, (const int[]){ AS_NOTICE, AS_AGREEMENT, AS_UNDERWAY }, 3);
	assert_int_equal(move(f, r, AS_STOPPED, "", "", "", &e), MP_EINVAL);
	assert_int_equal(move(f, r, AS_STOPPED, "", "负责人离开社区", "", &e), MP_OK);
	assert_string_equal(r->v[A_REASON], "负责人离开社区");
	mp_record_free(r);
}

/* A move over another window's change is refused, nothing written. */
static void test_move_conflict(void **state)
{
	struct mp_fx *f = *state;
	mp_record *a, *b, *theirs = NULL;
	mp_wf_input in = { "", "", "" };
	mp_err e;

	application(f, "长者食堂", "20000", (const char *const[]){ "20000", NULL });
	a = load(f, 1);
	b = load(f, 1);
	moves_ok(f, a, (const int[]){ AS_SUBMITTED }, 1);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, b, AS_SUBMITTED, &in, &theirs, &e),
	                 MP_ECONFLICT);
	assert_non_null(theirs);
	assert_string_equal(theirs->v[A_STATE], "已申报");
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM app_states"), 1);
	mp_record_free(theirs);
	mp_record_free(a);
	mp_record_free(b);
}

/* ---- what each step stands for (the workflow's guards) ---- */

/* The step of r to to refused for lacking a record: the message holds
 * want, its field is the guard's, and the record offered is of table
 * offer_t with field k holding v (k < 0: no offer). */
static void lacks(struct mp_fx *f, mp_record *r, int to, const char *want,
                  const mp_table *offer_t, int k, const char *v)
{
	const mp_wf_step *step = mp_wf_step_between(&mp_app_workflow,
	                                            mp_app_state_index(r->v[A_STATE]), to);
	mp_record *offer = NULL;
	int version = r->version;
	mp_err e;

	assert_non_null(step);
	assert_int_equal(move(f, r, to, "", "", "", &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_GUARD);
	if (!strstr(e.msg, want))
		fail_msg("“%s” does not hold “%s”", e.msg, want);
	assert_int_equal(r->version, version);   /* nothing written */
	assert_int_equal(mp_wf_unmet(f->db, &f->cfg, r, step, &offer, &e), MP_EINVAL);
	if (!strstr(e.msg, want))
		fail_msg("unmet: “%s” does not hold “%s”", e.msg, want);
	if (k < 0) {
		assert_null(offer);
		return;
	}
	assert_non_null(offer);
	assert_ptr_equal(offer->t, offer_t);
	assert_string_equal(offer->v[k], v);
	mp_record_free(offer);
}

static void test_guards(void **state)
{
	struct mp_fx *f = *state;
	int64_t id = application(f, "长者食堂", "20000", (const char *const[]){ "20000", NULL });
	mp_record *r = load(f, id), *copy;
	const mp_wf_step *notice = mp_wf_step_between(&mp_app_workflow, AS_APPROVED, AS_NOTICE);
	char app[24], ev[24];
	int64_t wang, c1, c2, eval, ag;
	mp_err e;

	snprintf(app, sizeof app, "%lld", (long long)id);
	c1 = add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	         "criterion", "需求契合", "weight", "60", NULL });
	c2 = add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	         "criterion", "可行性", "weight", "40", NULL });
	moves_ok(f, r, (const int[]){ AS_SUBMITTED, AS_ELIGIBLE }, 2);

	/* 已评审: no score at all, then a reviewer's sheet half done. */
	lacks(f, r, AS_REVIEWED, "Enter the experts' scores first", &mp_review_scores, SC_APP, app);
	wang = add(f, &mp_reviewers, (const char *const[]){ "name", "王教授", "unit", "师范大学", NULL });
	{
		char rv[24], c[24];

		snprintf(rv, sizeof rv, "%lld", (long long)wang);
		snprintf(c, sizeof c, "%lld", (long long)c1);
		add(f, &mp_review_scores, (const char *const[]){ "app_id", app, "reviewer_id", rv,
		    "criterion_id", c, "score", "80", "date", "2025-06-30", NULL });
		snprintf(c, sizeof c, "%lld", (long long)c2);
		lacks(f, r, AS_REVIEWED, "王教授 has not scored “可行性”", &mp_review_scores,
		      SC_CRITERION, c);
		add(f, &mp_review_scores, (const char *const[]){ "app_id", app, "reviewer_id", rv,
		    "criterion_id", c, "score", "70", "date", "2025-06-30", NULL });
	}
	moves_ok(f, r, (const int[]){ AS_REVIEWED }, 1);
	assert_int_equal(move(f, r, AS_APPROVED, "", "", "18000", &e), MP_OK);

	/* 公示中: approved with an amount (a record that says 拟立项 with no
	 * amount, as an old import might leave, is refused). */
	copy = mp_record_dup(r);
	mp_record_set(copy, A_GRANTED, "");
	assert_int_equal(mp_wf_unmet(f->db, &f->cfg, copy, notice, NULL, &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_GUARD);
	assert_non_null(strstr(e.msg, "Approve it with the amount granted first"));
	mp_record_free(copy);
	assert_int_equal(mp_wf_unmet(f->db, &f->cfg, r, notice, NULL, &e), MP_OK);
	moves_ok(f, r, (const int[]){ AS_NOTICE }, 1);

	/* 已签协议: a live agreement; one in the recycle bin does not count. */
	lacks(f, r, AS_AGREEMENT, "Register the funding agreement first", &mp_agreements, AG_APP, app);
	ag = add(f, &mp_agreements, (const char *const[]){ "app_id", app, "number", "XY-1",
	         "date", "2025-06-30", NULL });
	assert_int_equal(mp_record_delete(f->db, &mp_agreements, ag, &e), MP_OK);
	lacks(f, r, AS_AGREEMENT, "Register the funding agreement first", &mp_agreements, AG_APP, app);
	add(f, &mp_agreements, (const char *const[]){ "app_id", app, "number", "XY-2",
	    "date", "2025-06-30", NULL });
	moves_ok(f, r, (const int[]){ AS_AGREEMENT, AS_UNDERWAY }, 2);

	/* 已中期评估: none, then one not scored on every criterion; a failed
	 * one counts (it was held; the failure holds the next tranche). */
	lacks(f, r, AS_MIDTERM, "Register the 中期评估 and score it first", &mp_evaluations,
	      EV_KIND, MP_EVAL_MIDTERM);
	eval = add(f, &mp_evaluations, (const char *const[]){ "kind", MP_EVAL_MIDTERM,
	           "app_id", app, "date", "2025-06-30", "evaluator", "评估中心", NULL });
	snprintf(ev, sizeof ev, "%lld", (long long)eval);
	lacks(f, r, AS_MIDTERM, "has no score for “需求契合”", &mp_evaluation_scores, ES_EVAL, ev);
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", ev, "criterion", "需求契合",
	    "score", "40", NULL });
	lacks(f, r, AS_MIDTERM, "has no score for “可行性”", &mp_evaluation_scores,
	      ES_CRITERION, "可行性");
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", ev, "criterion", "可行性",
	    "score", "40", NULL });
	moves_ok(f, r, (const int[]){ AS_MIDTERM }, 1);

	/* 已结项评估: a mid-term does not stand for the closing one. */
	lacks(f, r, AS_CLOSING, "Register the 结项评估 and score it first", &mp_evaluations,
	      EV_APP, app);
	moves_ok(f, r, (const int[]){ AS_CLOSING, AS_CLOSED }, 2);
	assert_string_equal(r->v[A_STATE], "已结项");
	mp_record_free(r);
}

static void test_new_group_from_application(void **state)
{
	struct mp_fx *f = *state;
	mp_record *app = rec(f, &mp_applications, (const char *const[]){
	                     "name", "楼道花园", "round_id", "1", "leader", "赵敏",
	                     "phone", "13900001111", NULL });
	int64_t gid;
	mp_err e;

	assert_int_equal(mp_app_new_group(f->db, &f->cfg, app, "绿手指", &gid, &e), MP_OK);
	assert_true(gid > 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM groups WHERE name = '绿手指'"
	                 " AND legal_status = '未登记' AND leader = '赵敏'"), 1);
	/* The same name again is refused, on the application's group
	 * field. */
	assert_int_equal(mp_app_new_group(f->db, &f->cfg, app, "绿手指", &gid, &e), MP_EDUP);
	assert_int_equal(e.field, A_GROUP);
	assert_int_equal(gid, 0);
	mp_record_free(app);
}

static void test_steps_offered(void **state)
{
	const mp_wf_step *s[8];
	int n;

	(void)state;
	n = mp_wf_next_steps(&mp_app_workflow, AS_REVIEWED, s, 8);
	assert_int_equal(n, 2);
	assert_int_equal(s[0]->to, AS_APPROVED);
	assert_true(s[0]->needs & MP_WF_AMOUNT);
	assert_int_equal(s[1]->to, AS_REJECTED);
	assert_true(s[1]->needs & MP_WF_REASON);
	assert_int_equal(mp_wf_next_steps(&mp_app_workflow, AS_CLOSED, s, 8), 0);
	assert_int_equal(mp_wf_state_index(&mp_app_workflow, "公示中"), AS_NOTICE);
	assert_int_equal(mp_app_state_index("不存在"), -1);
	assert_true(mp_app_state_granted(AS_STOPPED));
	assert_false(mp_app_state_granted(AS_REJECTED));
}

/* ---- the engine on a type whose form edits the state (issue 17's
 * stages): declared here, registered at run time ---- */

static const char *const stage_names[] = { "萌芽期", "初创期", "成长期", "示范型", NULL };

enum { S_NAME, S_STAGE, S_SINCE, S_WHY, S__COUNT };

extern const mp_table stage_things, stage_log, stage_awards;

static const mp_field stage_fields[S__COUNT] = {
	[S_NAME] = { .col = "name", .label_zh = "名称", .label_en = "Name",
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED },
	[S_STAGE] = { .col = "stage", .label_zh = "阶段", .label_en = "Stage",
		.kind = MP_K_TEXT },
	[S_SINCE] = { .col = "since", .label_zh = "起始", .label_en = "Since",
		.kind = MP_K_DATE },
	[S_WHY] = { .col = "why", .label_zh = "说明", .label_en = "Why",
		.kind = MP_K_TEXT },
};

static const mp_field stage_log_fields[WH__COUNT] = {
	[WH_RECORD] = { .col = "thing_id", .label_zh = "对象", .label_en = "Thing",
		.kind = MP_K_REF, .flags = MP_F_REQUIRED, .ref = &stage_things },
	[WH_FROM] = { .col = "from_state", .label_zh = "原", .label_en = "From", .kind = MP_K_TEXT },
	[WH_TO] = { .col = "to_state", .label_zh = "新", .label_en = "To", .kind = MP_K_TEXT },
	[WH_DATE] = { .col = "date", .label_zh = "日期", .label_en = "Date", .kind = MP_K_DATE },
	[WH_REASON] = { .col = "reason", .label_zh = "原因", .label_en = "Reason", .kind = MP_K_TEXT },
	[WH_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = "Amount", .kind = MP_K_MONEY },
	[WH_BY] = { .col = "recorded_by", .label_zh = "记录人", .label_en = "By", .kind = MP_K_TEXT },
};

/* An award (评优): its thing, its level. */
enum { AW_THING, AW_LEVEL, AW__COUNT };

static const mp_field stage_award_fields[AW__COUNT] = {
	[AW_THING] = { .col = "thing_id", .label_zh = "对象", .label_en = "Thing",
		.kind = MP_K_REF, .flags = MP_F_REQUIRED, .ref = &stage_things },
	[AW_LEVEL] = { .col = "level", .label_zh = "级别", .label_en = "Level", .kind = MP_K_TEXT },
};

/* A community-level award does not make a model (示范型). */
static int award_counts(mp_db *db, const mp_record *moving, const mp_record *award)
{
	(void)db;
	(void)moving;
	return award->v[AW_LEVEL][0] && strcmp(award->v[AW_LEVEL], "社区级") != 0;
}

static const mp_wf_guard stage_award_guard = {
	.table = &stage_awards, .ref_field = AW_THING, .pass = award_counts,
	.preset_field = AW_LEVEL, .preset = "区级",
	.missing_en = "Record the award above the community's first",
};
static const mp_wf_guard *const stage_model_needs[] = { &stage_award_guard, NULL };

static const mp_wf_step stage_steps[] = {
	{ 0, 1, "Started", 0, NULL },
	{ 1, 2, "Grown", 0, NULL },
	{ 2, 3, "Model", MP_WF_REASON, stage_model_needs },
	{ 2, 1, "Back", MP_WF_REASON, NULL },
};

static const mp_workflow stage_wf = {
	.states = stage_names, .nstates = 4,
	.steps = stage_steps, .nsteps = 4,
	.state_field = S_STAGE, .date_field = S_SINCE, .reason_field = S_WHY,
	.amount_field = -1, .history = &stage_log,
};

static const mp_sort stage_sorts[] = { { "by date added", "id", 0 } };

const mp_table stage_things = {
	.name = "stage_things", .title_en = "Things", .unit_en = "thing",
	.fields = stage_fields, .nfields = S__COUNT, .sorts = stage_sorts, .nsorts = 1,
	.tflags = MP_T_DECLARED, .workflow = &stage_wf,
};

const mp_table stage_awards = {
	.name = "stage_awards", .title_en = "Awards", .unit_en = "award",
	.fields = stage_award_fields, .nfields = AW__COUNT, .sorts = stage_sorts, .nsorts = 1,
	.tflags = MP_T_DECLARED,
};

const mp_table stage_log = {
	.name = "stage_log", .title_en = "Stage log", .unit_en = "stage change",
	.fields = stage_log_fields, .nfields = WH__COUNT, .sorts = stage_sorts, .nsorts = 1,
	.tflags = MP_T_DECLARED,
};

static int stage_setup(void **state)
{
	mp_registry_add(&stage_things);
	mp_registry_add(&stage_log);
	mp_registry_add(&stage_awards);
	return setup(state);
}

/* A state typed in the form: a declared step moves, dated and kept; a
 * skipped one is refused on the state field; a step that asks a reason
 * wants it. */
static void test_form_typed_state_is_a_step(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r;
	mp_err e;
	int64_t id = add(f, &stage_things, (const char *const[]){ "name", "夕阳红", NULL });

	assert_int_equal(mp_record_load(f->db, &stage_things, id, &r, &e), MP_OK);
	assert_string_equal(r->v[S_STAGE], "萌芽期");
	mp_record_set(r, S_STAGE, "成长期");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, S_STAGE);
	assert_non_null(strstr(e.msg, "after “萌芽期” comes “初创期”"));
	assert_string_equal(r->v[S_STAGE], "成长期");   /* what was typed stays */
	mp_record_set(r, S_STAGE, "初创期");
	mp_record_set(r, S_SINCE, "2025-06-10");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_set(r, S_STAGE, "成长期");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	assert_string_equal(r->v[S_SINCE], "2025-06-30");   /* not typed: today */
	mp_record_set(r, S_STAGE, "示范型");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, S_WHY);
	mp_record_set(r, S_WHY, "区级示范");
	mp_record_set(r, S_SINCE, "2025-06-01");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, S_SINCE);
	assert_non_null(strstr(e.msg, "before the last change of state (2025-06-30)"));
	mp_record_set(r, S_SINCE, "2025-06-30");
	/* The step's guard: an award above the community's. */
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_GUARD);
	assert_string_equal(e.msg, "Record the award above the community's first");
	assert_string_equal(r->v[S_STAGE], "示范型");   /* what was typed stays */
	{
		char thing[24];

		snprintf(thing, sizeof thing, "%lld", (long long)id);
		add(f, &stage_awards, (const char *const[]){ "thing_id", thing, "level", "区级", NULL });
	}
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	/* A save that leaves the state alone writes no history. */
	mp_record_set(r, S_NAME, "夕阳红艺术团");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stage_log"), 3);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stage_log WHERE from_state = '初创期'"
	                 " AND to_state = '成长期' AND date = '2025-06-30'"), 1);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stage_log WHERE to_state = '示范型'"
	                 " AND reason = '区级示范'"), 1);
}

/* The engine's declared guard, by mp_wf_move: a live record of the
 * table pointing at the one moving, which the guard's test passes; the
 * record offered is of that table, pointing at it, its preset field set. */
static void test_declared_guard(void **state)
{
	struct mp_fx *f = *state;
	int64_t id = add(f, &stage_things, (const char *const[]){ "name", "夕阳红", NULL });
	int64_t other = add(f, &stage_things, (const char *const[]){ "name", "绿手指", NULL });
	const mp_wf_step *model = mp_wf_step_between(&stage_wf, 2, 3);
	mp_wf_input in = { "", "区级示范", "" };
	mp_record *r, *offer = NULL;
	char thing[24], them[24];
	int64_t aw;
	mp_err e;

	snprintf(thing, sizeof thing, "%lld", (long long)id);
	snprintf(them, sizeof them, "%lld", (long long)other);
	assert_int_equal(mp_record_load(f->db, &stage_things, id, &r, &e), MP_OK);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, 1, NULL, NULL, &e), MP_OK);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, 2, NULL, NULL, &e), MP_OK);
	/* None; then one of another thing; a community one; one deleted. */
	assert_int_equal(mp_wf_unmet(f->db, &f->cfg, r, model, &offer, &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_GUARD);
	assert_non_null(offer);
	assert_ptr_equal(offer->t, &stage_awards);
	assert_string_equal(offer->v[AW_THING], thing);
	assert_string_equal(offer->v[AW_LEVEL], "区级");
	mp_record_free(offer);
	add(f, &stage_awards, (const char *const[]){ "thing_id", them, "level", "市级", NULL });
	add(f, &stage_awards, (const char *const[]){ "thing_id", thing, "level", "社区级", NULL });
	aw = add(f, &stage_awards, (const char *const[]){ "thing_id", thing, "level", "市级", NULL });
	assert_int_equal(mp_record_delete(f->db, &stage_awards, aw, &e), MP_OK);
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, 3, &in, NULL, &e), MP_EINVAL);
	assert_int_equal(e.field, MP_WF_FIELD_GUARD);
	assert_string_equal(e.msg, "Record the award above the community's first");
	assert_string_equal(r->v[S_STAGE], "成长期");
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM stage_log WHERE to_state = '示范型'"), 0);
	/* Steps without guards are not asked. */
	assert_int_equal(mp_wf_unmet(f->db, &f->cfg, r, mp_wf_step_between(&stage_wf, 2, 1),
	                             &offer, &e), MP_OK);
	assert_null(offer);
	add(f, &stage_awards, (const char *const[]){ "thing_id", thing, "level", "区级", NULL });
	assert_int_equal(mp_wf_move(f->db, &f->cfg, r, 3, &in, NULL, &e), MP_OK);
	assert_string_equal(r->v[S_STAGE], "示范型");
	mp_record_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_rules, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_funding_sources_within_pool, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_criteria_and_tranches, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_criteria_are_a_setting, setup, mp_fx_teardown),
		cmocka_unit_test(test_tranche_amounts_exact),
		cmocka_unit_test_setup_teardown(test_need_in_its_call, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_application_rules, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_state_not_typed, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_submit_needs_budget_adding_up, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_skipped_state_refused, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_step_dates_and_reasons, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_grant_within_request_and_pool, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_whole_way_kept, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_move_conflict, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_new_group_from_application, setup, mp_fx_teardown),
		cmocka_unit_test(test_steps_offered),
		cmocka_unit_test_setup_teardown(test_guards, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_form_typed_state_is_a_step, stage_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_declared_guard, stage_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
