/* test_funding.c — a funded project's money: the split of a grant into
 * its tranches (exact to the fen), the tranches' triggers (a failed
 * mid-term holds what follows), payments never above what is due nor
 * before their trigger (the message names it), amounts reclaimed, the
 * weighted total of an evaluation; money summed exactly over 10,000
 * payments. */
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
#include "mp_funding.h"
#include "mp_money.h"
#include "mp_project.h"
#include "mp_workflow.h"
#include "fixture.h"

/* ---- the split of a grant ---- */

static void test_split(void **state)
{
	int64_t due[4];
	int64_t half[] = { 5000, 5000 };
	int64_t plan[] = { 6000, 3000, 1000 };
	int64_t thirds[] = { 3333, 3333, 3334 };
	int64_t short_[] = { 5000, 4000 };
	int64_t zero[] = { 10000, 0 };
	mp_err e;

	(void)state;
	assert_int_equal(mp_tranche_split(5000000, half, 2, due, &e), MP_OK);
	assert_int_equal(due[0], 2500000);
	assert_int_equal(due[1], 2500000);

	/* 1 元 01 分 in 60/30/10: the last tranche takes what rounding left. */
	assert_int_equal(mp_tranche_split(101, plan, 3, due, &e), MP_OK);
	assert_int_equal(due[0], 60);
	assert_int_equal(due[1], 30);
	assert_int_equal(due[2], 11);

	assert_int_equal(mp_tranche_split(100, thirds, 3, due, &e), MP_OK);
	assert_int_equal(due[0] + due[1] + due[2], 100);
	assert_int_equal(due[0], 33);
	assert_int_equal(due[2], 34);

	/* The largest grant there is: no overflow, still exact. */
	assert_int_equal(mp_tranche_split(MP_MONEY_MAX, plan, 3, due, &e), MP_OK);
	assert_true(due[0] + due[1] + due[2] == MP_MONEY_MAX);

	assert_int_equal(mp_tranche_split(100000, short_, 2, due, &e), MP_EINVAL);
	assert_string_equal(e.msg, "the tranches' shares add up to 90%, not 100%");
	assert_int_equal(mp_tranche_split(100000, zero, 2, due, &e), MP_EINVAL);
	assert_string_equal(e.msg, "tranche 2's share 0% is not above 0% and at most 100%");
	assert_int_equal(mp_tranche_split(100000, half, 0, due, &e), MP_EINVAL);
	assert_string_equal(e.msg, "the round has no tranche plan");
}

/* Every split of many grants into many plans adds up exactly. */
static void test_split_exact(void **state)
{
	int64_t shares[8], due[8];
	unsigned seed = 16;
	mp_err e;

	(void)state;
	for (int k = 0; k < 20000; k++) {
		int n = 1 + (int)(rand_r(&seed) % 8);
		int64_t left = 10000, granted, sum = 0;

		for (int i = 0; i < n - 1; i++) {
			int64_t most = left - (n - 1 - i);
			shares[i] = 1 + (int64_t)rand_r(&seed) % (most > 1 ? most : 1);
			if (shares[i] > most)
				shares[i] = most;
			left -= shares[i];
		}
		shares[n - 1] = left;
		granted = (int64_t)(rand_r(&seed) % 1000000000) * 1000 + rand_r(&seed) % 1000;
		assert_int_equal(mp_tranche_split(granted, shares, n, due, &e), MP_OK);
		for (int i = 0; i < n; i++) {
			assert_true(due[i] >= 0);
			/* Each tranche is its share to within the rounding. */
			if (i < n - 1)
				assert_true(due[i] == granted * shares[i] / 10000);
			sum += due[i];
		}
		assert_true(sum == granted);
	}
}

/* ---- triggers ---- */

static mp_project_facts facts(const char *agreement, enum mp_eval_result mid,
                              enum mp_eval_result closing)
{
	mp_project_facts f;

	memset(&f, 0, sizeof f);
	snprintf(f.agreement_date, sizeof f.agreement_date, "%s", agreement);
	f.midterm = mid;
	if (mid != MP_EV_NONE)
		snprintf(f.midterm_date, sizeof f.midterm_date, "2024-09-10");
	f.closing = closing;
	if (closing != MP_EV_NONE)
		snprintf(f.closing_date, sizeof f.closing_date, "2025-01-15");
	return f;
}

static void test_triggers(void **state)
{
	mp_project_facts f;
	char since[11];

	(void)state;
	assert_int_equal(mp_trigger_parse("签订协议"), MP_TRIG_AGREEMENT);
	assert_int_equal(mp_trigger_parse("协议签订"), MP_TRIG_AGREEMENT);
	assert_int_equal(mp_trigger_parse("中期评估通过"), MP_TRIG_MIDTERM);
	assert_int_equal(mp_trigger_parse("结项评估通过"), MP_TRIG_CLOSING);
	assert_int_equal(mp_trigger_parse(" 中期"), MP_TRIG_MIDTERM);
	assert_int_equal(mp_trigger_parse("mid-term evaluation passed"), MP_TRIG_MIDTERM);
	assert_int_equal(mp_trigger_parse("验收"), -1);
	assert_int_equal(mp_trigger_parse(NULL), -1);
	assert_string_equal(mp_trigger_word(MP_TRIG_CLOSING), "结项评估通过");

	/* No agreement: nothing may be paid, not even the first tranche. */
	f = facts("", MP_EV_NONE, MP_EV_NONE);
	assert_int_equal(mp_tranche_state(MP_TRIG_AGREEMENT, &f, since), MP_TS_WAITING);
	assert_string_equal(since, "");

	f = facts("2024-06-01", MP_EV_NONE, MP_EV_NONE);
	assert_int_equal(mp_tranche_state(MP_TRIG_AGREEMENT, &f, since), MP_TS_READY);
	assert_string_equal(since, "2024-06-01");
	assert_int_equal(mp_tranche_state(MP_TRIG_MIDTERM, &f, since), MP_TS_WAITING);
	assert_int_equal(mp_tranche_state(MP_TRIG_CLOSING, &f, NULL), MP_TS_WAITING);

	f = facts("2024-06-01", MP_EV_PASS, MP_EV_NONE);
	assert_int_equal(mp_tranche_state(MP_TRIG_MIDTERM, &f, since), MP_TS_READY);
	assert_string_equal(since, "2024-09-10");
	assert_int_equal(mp_tranche_state(MP_TRIG_CLOSING, &f, since), MP_TS_WAITING);

	/* A failed mid-term holds the next tranches, not the first. */
	f = facts("2024-06-01", MP_EV_FAIL, MP_EV_NONE);
	assert_int_equal(mp_tranche_state(MP_TRIG_AGREEMENT, &f, since), MP_TS_READY);
	assert_int_equal(mp_tranche_state(MP_TRIG_MIDTERM, &f, since), MP_TS_HELD);
	assert_int_equal(mp_tranche_state(MP_TRIG_CLOSING, &f, since), MP_TS_HELD);
	/* ... even when the closing evaluation passed after it. */
	f = facts("2024-06-01", MP_EV_FAIL, MP_EV_PASS);
	assert_int_equal(mp_tranche_state(MP_TRIG_CLOSING, &f, since), MP_TS_HELD);

	f = facts("2024-06-01", MP_EV_PASS, MP_EV_PASS);
	assert_int_equal(mp_tranche_state(MP_TRIG_CLOSING, &f, since), MP_TS_READY);
	assert_string_equal(since, "2025-01-15");
	f = facts("2024-06-01", MP_EV_PASS, MP_EV_FAIL);
	assert_int_equal(mp_tranche_state(MP_TRIG_CLOSING, &f, since), MP_TS_HELD);
}

/* ---- payments ---- */

enum { F_DATE = 3, F_AMOUNT = 4 };

static void test_payments(void **state)
{
	mp_project_facts f = facts("2024-06-01", MP_EV_NONE, MP_EV_NONE);
	mp_err e;

	(void)state;
	/* Within what is due, on or after the trigger. */
	assert_int_equal(mp_payment_check(1, MP_TRIG_AGREEMENT, &f, 600000, 0, 600000,
	                                  "2024-06-01", F_AMOUNT, F_DATE, &e), MP_OK);
	assert_int_equal(mp_payment_check(1, MP_TRIG_AGREEMENT, &f, 600000, 100000, 500000,
	                                  "2024-06-05", F_AMOUNT, F_DATE, &e), MP_OK);

	/* One fen above what is left. */
	assert_int_equal(mp_payment_check(1, MP_TRIG_AGREEMENT, &f, 600000, 100000, 500001,
	                                  "2024-06-05", F_AMOUNT, F_DATE, &e), MP_EINVAL);
	assert_int_equal(e.field, F_AMOUNT);
	assert_string_equal(e.msg, "Amount: 5,000.01 is more than the 5,000.00 still due "
	                    "on tranche 1 (6,000.00 due, 1,000.00 paid)");
	/* A tranche paid in full takes nothing more. */
	assert_int_equal(mp_payment_check(1, MP_TRIG_AGREEMENT, &f, 600000, 600000, 1,
	                                  "2024-06-05", F_AMOUNT, F_DATE, &e), MP_EINVAL);
	assert_string_equal(e.msg, "Amount: 0.01 is more than the 0.00 still due "
	                    "on tranche 1 (6,000.00 due, 6,000.00 paid)");
	assert_int_equal(mp_payment_check(1, MP_TRIG_AGREEMENT, &f, 600000, 0, 0,
	                                  "2024-06-05", F_AMOUNT, F_DATE, &e), MP_EINVAL);
	assert_string_equal(e.msg, "Amount: a payment is more than 0");

	/* Before the agreement was signed. */
	assert_int_equal(mp_payment_check(1, MP_TRIG_AGREEMENT, &f, 600000, 0, 100,
	                                  "2024-05-31", F_AMOUNT, F_DATE, &e), MP_EINVAL);
	assert_int_equal(e.field, F_DATE);
	assert_string_equal(e.msg, "Payment date: 2024-05-31 is before tranche 1's trigger "
	                    "“agreement signed” happened on 2024-06-01");

	/* Tranche 2 before the mid-term: the message names the trigger. */
	assert_int_equal(mp_payment_check(2, MP_TRIG_MIDTERM, &f, 400000, 0, 400000,
	                                  "2024-07-01", F_AMOUNT, F_DATE, &e), MP_EINVAL);
	assert_int_equal(e.field, F_AMOUNT);
	assert_string_equal(e.msg, "Tranche 2 cannot be paid yet: its trigger "
	                    "“mid-term evaluation passed” has not happened");

	/* A failed mid-term holds it, and says which evaluation. */
	f = facts("2024-06-01", MP_EV_FAIL, MP_EV_NONE);
	assert_int_equal(mp_payment_check(2, MP_TRIG_MIDTERM, &f, 400000, 0, 400000,
	                                  "2024-10-01", F_AMOUNT, F_DATE, &e), MP_EINVAL);
	assert_string_equal(e.msg, "Tranche 2 is held: the mid-term evaluation of "
	                    "2024-09-10 did not pass");
	f = facts("2024-06-01", MP_EV_PASS, MP_EV_FAIL);
	assert_int_equal(mp_payment_check(3, MP_TRIG_CLOSING, &f, 100000, 0, 100000,
	                                  "2025-02-01", F_AMOUNT, F_DATE, &e), MP_EINVAL);
	assert_string_equal(e.msg, "Tranche 3 is held: the closing evaluation of "
	                    "2025-01-15 did not pass");

	/* Passed: paid, but not dated before the evaluation. */
	f = facts("2024-06-01", MP_EV_PASS, MP_EV_NONE);
	assert_int_equal(mp_payment_check(2, MP_TRIG_MIDTERM, &f, 400000, 0, 400000,
	                                  "2024-09-10", F_AMOUNT, F_DATE, &e), MP_OK);
	assert_int_equal(mp_payment_check(2, MP_TRIG_MIDTERM, &f, 400000, 0, 400000,
	                                  "2024-09-09", F_AMOUNT, F_DATE, &e), MP_EINVAL);
	assert_int_equal(e.field, F_DATE);
}

/* 10,000 payments of odd amounts into tranches: each one accepted while it
 * fits, every sum exact to the fen, and the amounts as typed ("1234.56")
 * read back to the same total. */
static void test_ten_thousand_payments(void **state)
{
	mp_project_facts f = facts("2024-06-01", MP_EV_PASS, MP_EV_PASS);
	int64_t shares[] = { 3333, 3333, 3334 }, due[3], paid[3] = { 0, 0, 0 };
	int64_t granted = 12345678901, total = 0, typed = 0;
	unsigned seed = 10000;
	int accepted = 0, refused = 0;
	mp_err e;

	(void)state;
	assert_int_equal(mp_tranche_split(granted, shares, 3, due, &e), MP_OK);
	for (int k = 0; k < 10000; k++) {
		int t = k % 3;
		int64_t amount = 1 + (int64_t)(rand_r(&seed) % 4000000);
		char buf[32];
		int64_t back;
		int rc = mp_payment_check(t + 1, (enum mp_trigger)t, &f, due[t], paid[t],
		                          amount, "2025-02-01", F_AMOUNT, F_DATE, &e);

		if (amount > due[t] - paid[t]) {
			assert_int_equal(rc, MP_EINVAL);
			refused++;
			/* What is left is paid instead: the tranche fills exactly. */
			amount = due[t] - paid[t];
			if (amount == 0)
				continue;
			assert_int_equal(mp_payment_check(t + 1, (enum mp_trigger)t, &f, due[t],
			                                  paid[t], amount, "2025-02-01",
			                                  F_AMOUNT, F_DATE, &e), MP_OK);
		} else {
			assert_int_equal(rc, MP_OK);
		}
		accepted++;
		paid[t] += amount;
		total += amount;
		mp_money_format(amount, 0, buf, sizeof buf);
		assert_int_equal(mp_money_parse(buf, 0, &back), MP_PARSE_OK);
		typed += back;
	}
	assert_true(accepted > 100 && refused > 100);
	for (int t = 0; t < 3; t++)
		assert_true(paid[t] == due[t]);
	assert_true(total == granted);
	assert_true(typed == granted);
}

static void test_reclaims(void **state)
{
	mp_err e;

	(void)state;
	assert_int_equal(mp_reclaim_check(500000, 0, 500000, 7, &e), MP_OK);
	assert_int_equal(mp_reclaim_check(500000, 200000, 300000, 7, &e), MP_OK);
	assert_int_equal(mp_reclaim_check(500000, 200000, 300001, 7, &e), MP_EINVAL);
	assert_int_equal(e.field, 7);
	assert_string_equal(e.msg, "Amount: 3,000.01 is more than the 3,000.00 paid "
	                    "and not yet reclaimed");
	assert_int_equal(mp_reclaim_check(0, 0, 1, 7, &e), MP_EINVAL);
	assert_int_equal(mp_reclaim_check(500000, 0, 0, 7, &e), MP_EINVAL);
	assert_string_equal(e.msg, "Amount: an amount reclaimed is more than 0");
}

static void test_weighted_total(void **state)
{
	/* 需求契合 30%, 可行性 50%, 创新 20%. */
	int64_t w[] = { 3000, 5000, 2000 };
	int64_t s1[] = { 800, 900, 700 };     /* 24 + 45 + 14 = 83 */
	int64_t s2[] = { 855, 600, 1000 };    /* 25.65 + 30 + 20 = 75.65 -> 75.7 */
	int64_t s3[] = { 854, 601, 1000 };    /* 25.62 + 30.05 + 20 = 75.67 */
	int64_t none[] = { 0, 0, 0 };

	(void)state;
	assert_int_equal(mp_weighted_total(s1, w, 3), 830);
	assert_int_equal(mp_weighted_total(s2, w, 3), 757);
	assert_int_equal(mp_weighted_total(s3, w, 3), 757);
	assert_int_equal(mp_weighted_total(s1, none, 3), 0);
	assert_int_equal(mp_weighted_total(s1, w, 0), 0);
}

/* ==== with a ledger ==== */

#define TODAY "2025-12-31"

static mp_record *rec(struct mp_fx *f, const mp_table *t, const char *const *kv)
{
	mp_record *r = mp_record_new(t, &f->cfg);

	for (; kv[0]; kv += 2) {
		int i = mp_table_field(t, kv[0]);

		if (i < 0)
			fail_msg("%s has no field %s", t->name, kv[0]);
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

	mp_err_clear(&e);
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), code);
	if (!strstr(e.msg, want))
		fail_msg("“%s” does not hold “%s”", e.msg, want);
	assert_int_equal(e.field, field);
	mp_record_free(r);
}

/* Project name of round 1 asking for requested (one grant budget line
 * 物料), approved for granted when granted is given. */
static int64_t project(struct mp_fx *f, const char *name, const char *requested,
                       const char *granted)
{
	static const int way[] = { AS_SUBMITTED, AS_ELIGIBLE, AS_REVIEWED };
	int64_t id = add(f, &mp_applications, (const char *const[]){ "name", name,
	                 "round_id", "1", "group_id", "1", "requested", requested, NULL });
	char app[24];
	mp_record *r;
	mp_err e;

	snprintf(app, sizeof app, "%lld", (long long)id);
	add(f, &mp_app_budget, (const char *const[]){ "app_id", app, "item", "物料",
	    "amount", requested, NULL });
	if (!granted)
		return id;
	assert_int_equal(mp_record_load(f->db, &mp_applications, id, &r, &e), MP_OK);
	for (int i = 0; i < 4; i++) {
		mp_wf_input in = { i ? "2025-06-20" : "2025-06-10", "", i == 3 ? granted : "" };

		mp_fx_wf_provide(f, id, i == 3 ? AS_APPROVED : way[i]);

		if (mp_wf_move(f->db, &f->cfg, r, i == 3 ? AS_APPROVED : way[i], &in,
		               NULL, &e) != MP_OK)
			fail_msg("%s: %s", name, e.msg);
	}
	mp_record_free(r);
	return id;
}

/* A round of 300,000 (pass mark 60) on three criteria, paid in two
 * tranches (60% on the agreement, 40% once the mid-term passed); a
 * group; project 1 approved for 18,000 of the 20,000 it asked. */
static int setup(void **state)
{
	int ret = mp_fx_setup(state);
	struct mp_fx *f;

	if (ret)
		return ret;
	f = *state;
	setenv("MIAOPU_TODAY", TODAY, 1);
	add(f, &mp_rounds, (const char *const[]){ "name", "2025年公益创投",
	    "pool", "300000", "cap", "50000", "pass_mark", "60",
	    "apply_from", "2025-06-01", "apply_to", "2025-06-15", NULL });
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "需求契合", "weight", "30", NULL });
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "可行性", "weight", "50", NULL });
	add(f, &mp_round_criteria, (const char *const[]){ "round_id", "1",
	    "criterion", "创新性", "weight", "20", NULL });
	add(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	    "seq", "1", "share", "60", "trigger_on", "签订协议", NULL });
	add(f, &mp_round_tranches, (const char *const[]){ "round_id", "1",
	    "seq", "2", "share", "40", "trigger_on", "中期评估通过", NULL });
	mp_fx_add_group(f, "阳光队");
	project(f, "长者食堂", "20000", "18000");
	return 0;
}

static int64_t agreement(struct mp_fx *f, const char *app, const char *number)
{
	return add(f, &mp_agreements, (const char *const[]){ "app_id", app,
	           "number", number, "date", "2025-07-01", NULL });
}

/* An evaluation of project 1 of kind on date with three scores. */
static int64_t evaluation(struct mp_fx *f, const char *kind, const char *date,
                          const char *need, const char *feasible,
                          const char *novel)
{
	int64_t id = add(f, &mp_evaluations, (const char *const[]){ "app_id", "1",
	                 "kind", kind, "date", date, "evaluator", "市社会组织评估中心", NULL });
	char ev[24];

	snprintf(ev, sizeof ev, "%lld", (long long)id);
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", ev,
	    "criterion", "需求契合", "score", need, NULL });
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", ev,
	    "criterion", "可行性", "score", feasible, NULL });
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", ev,
	    "criterion", "创新性", "score", novel, NULL });
	return id;
}

static void test_agreements(void **state)
{
	struct mp_fx *f = *state;
	mp_record *r;
	mp_err e;

	/* Not approved yet. */
	project(f, "四点半课堂", "10000", NULL);
	refused(f, &mp_agreements, (const char *const[]){ "app_id", "2", "number", "X-1",
	        "date", "2025-07-01", "granted", "1000", NULL }, MP_EINVAL, AG_APP,
	        "四点半课堂 has not been approved (it is 草稿)");
	/* More than approved; evaluation times before the signing. */
	refused(f, &mp_agreements, (const char *const[]){ "app_id", "1", "number", "X-1",
	        "date", "2025-07-01", "granted", "18000.01", NULL }, MP_EINVAL, AG_GRANTED,
	        "18,000.01 is more than the 18,000.00 the project was approved for");
	/* Signed before it was approved (2025-06-20). */
	refused(f, &mp_agreements, (const char *const[]){ "app_id", "1", "number", "X-1",
	        "date", "2025-06-19", NULL }, MP_EINVAL, AG_DATE,
	        "2025-06-19 is before the project was approved on 2025-06-20");
	refused(f, &mp_agreements, (const char *const[]){ "app_id", "1", "number", "X-1",
	        "date", "2025-07-01", "midterm_due", "2025-06-30", NULL }, MP_EINVAL,
	        AG_MID_DUE, "2025-06-30 is before the agreement was signed on 2025-07-01");
	refused(f, &mp_agreements, (const char *const[]){ "app_id", "1", "number", "X-1",
	        "date", "2025-07-01", "midterm_due", "2025-10-01", "closing_due",
	        "2025-09-01", NULL }, MP_EINVAL, AG_CLOSE_DUE, "before the mid-term");

	/* The amounts come from the application. */
	r = rec(f, &mp_agreements, (const char *const[]){ "app_id", "1", "number",
	        "HT-2025-001", "date", "2025-07-01", NULL });
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	assert_string_equal(r->v[AG_GRANTED], "18000.00");
	mp_record_free(r);
	assert_int_equal(mp_fx_sql_int(f, "SELECT granted FROM agreements"), 1800000);
	/* One per project. */
	refused(f, &mp_agreements, (const char *const[]){ "app_id", "1", "number", "X-2",
	        "date", "2025-07-02", NULL }, MP_EDUP, AG_APP,
	        "长者食堂 already has agreement HT-2025-001");
}

static void test_tranches_and_payments(void **state)
{
	struct mp_fx *f = *state;
	mp_tranche t[MP_MAX_TRANCHES];
	mp_record *r;
	mp_err e;
	int n;

	/* Nothing is paid before the agreement. */
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "1",
	        "date", "2025-07-02", "amount", "100", NULL }, MP_EINVAL, PY_APP,
	        "no agreement has been signed");
	agreement(f, "1", "HT-2025-001");
	assert_int_equal(mp_project_tranches(f->db, 1, t, MP_MAX_TRANCHES, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].due, 1080000);
	assert_int_equal(t[1].due, 720000);
	assert_int_equal(t[0].state, MP_TS_READY);
	assert_string_equal(t[0].since, "2025-07-01");
	assert_int_equal(t[1].state, MP_TS_WAITING);
	assert_int_equal(t[1].trigger, MP_TRIG_MIDTERM);

	/* Before the agreement was signed; a tranche the plan lacks. */
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "1",
	        "date", "2025-06-30", "amount", "100", NULL }, MP_EINVAL, PY_DATE,
	        "2025-06-30 is before the agreement was signed on 2025-07-01");
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "3",
	        "date", "2025-07-02", "amount", "100", NULL }, MP_EINVAL, PY_TRANCHE,
	        "the round's plan has no tranche 3 (it has 2 tranches)");
	/* Above what is due. */
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "1",
	        "date", "2025-07-02", "amount", "10800.01", NULL }, MP_EINVAL, PY_AMOUNT,
	        "10,800.01 is more than the 10,800.00 still due on tranche 1");

	/* Tranche and amount left empty: the first tranche, in full. */
	r = rec(f, &mp_payments, (const char *const[]){ "app_id", "1", "date", "2025-07-02",
	        "voucher", "记-0701", NULL });
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	assert_string_equal(r->v[PY_TRANCHE], "1");
	assert_string_equal(r->v[PY_AMOUNT], "10800.00");
	/* Its own amount is not counted against it when corrected. */
	mp_record_set(r, PY_AMOUNT, "10000");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_set(r, PY_AMOUNT, "10800");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "1",
	        "date", "2025-07-03", "amount", "0.01", NULL }, MP_EINVAL, PY_AMOUNT,
	        "0.01 is more than the 0.00 still due on tranche 1 (10,800.00 due, 10,800.00 paid)");

	/* Tranche 2 before the mid-term: the trigger is named. */
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "2",
	        "date", "2025-08-01", "amount", "7200", NULL }, MP_EINVAL, PY_AMOUNT,
	        "Tranche 2 cannot be paid yet: its trigger “mid-term evaluation passed” has not happened");
	/* Empty tranche now means tranche 2, which waits. */
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1",
	        "date", "2025-08-01", NULL }, MP_EINVAL, PY_AMOUNT, "Tranche 2 cannot be paid yet");

	/* A failed mid-term (50 < 60) holds it. */
	evaluation(f, MP_EVAL_MIDTERM, "2025-09-10", "50", "50", "50");
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "2",
	        "date", "2025-09-20", "amount", "7200", NULL }, MP_EINVAL, PY_AMOUNT,
	        "Tranche 2 is held: the mid-term evaluation of 2025-09-10 did not pass");
	/* Evaluated again and passed (83): paid, not before that day. */
	evaluation(f, MP_EVAL_MIDTERM, "2025-10-10", "80", "90", "70");
	/* A later one entered but not scored yet changes nothing. */
	add(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "中期评估",
	    "date", "2025-10-11", "evaluator", "专家组", NULL });
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "2",
	        "date", "2025-10-09", "amount", "7200", NULL }, MP_EINVAL, PY_DATE,
	        "2025-10-09 is before tranche 2's trigger “mid-term evaluation passed” happened on 2025-10-10");
	add(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "2",
	    "date", "2025-10-12", "amount", "7000", NULL });
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "2",
	        "date", "2025-10-13", "amount", "200.01", NULL }, MP_EINVAL, PY_AMOUNT,
	        "200.01 is more than the 200.00 still due on tranche 2");
	add(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "2",
	    "date", "2025-10-13", "amount", "200", NULL });
	/* All paid: an empty tranche has nowhere to go. */
	refused(f, &mp_payments, (const char *const[]){ "app_id", "1",
	        "date", "2025-10-14", NULL }, MP_EINVAL, PY_TRANCHE,
	        "every tranche of this project is paid in full");
	assert_int_equal(mp_fx_sql_int(f, "SELECT sum(amount) FROM payments"), 1800000);
}

static void test_evaluations(void **state)
{
	struct mp_fx *f = *state;
	mp_project_facts facts;
	mp_eval_outcome o;
	mp_record *r;
	char buf[256];
	int64_t ev;
	mp_err e;

	refused(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "中期评估",
	        "date", "2025-09-10", "evaluator", "专家组", NULL }, MP_EINVAL, EV_APP,
	        "no agreement has been signed");
	agreement(f, "1", "HT-2025-001");
	refused(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "中期评估",
	        "date", "2025-06-30", "evaluator", "专家组", NULL }, MP_EINVAL, EV_DATE,
	        "before the agreement was signed on 2025-07-01");
	refused(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "年度评估",
	        "date", "2025-09-10", "evaluator", "专家组", NULL }, MP_EINVAL, EV_KIND,
	        "not one of the choices");
	ev = add(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "中期评估",
	         "date", "2025-09-10", "evaluator", "专家组", NULL });
	/* Not scored yet: no result, nothing held. */
	assert_int_equal(mp_evaluation_outcome(f->db, ev, &o, &e), MP_OK);
	assert_int_equal(o.result, MP_EV_NONE);
	assert_string_equal(o.missing, "需求契合");
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	    "criterion", "需求契合", "score", "85.5", NULL });
	refused(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	        "criterion", "需求契合", "score", "80", NULL }, MP_EDUP, ES_CRITERION,
	        "“需求契合” is scored already");
	refused(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	        "criterion", "在地性", "score", "80", NULL }, MP_EINVAL, ES_CRITERION,
	        "“在地性” is not one of the round's criteria (需求契合、可行性、创新性)");
	refused(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	        "criterion", "可行性", "score", "100.5", NULL }, MP_EINVAL, ES_SCORE, "");
	assert_int_equal(mp_evaluation_outcome(f->db, ev, &o, &e), MP_OK);
	assert_string_equal(o.missing, "可行性");
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	    "criterion", "可行性", "score", "50", NULL });
	add(f, &mp_evaluation_scores, (const char *const[]){ "eval_id", "1",
	    "criterion", "创新性", "score", "40", NULL });
	/* 25.65 + 25 + 8 = 58.65: below the mark of 60. */
	assert_int_equal(mp_evaluation_outcome(f->db, ev, &o, &e), MP_OK);
	assert_int_equal(o.total, 587);
	assert_int_equal(o.mark, 600);
	assert_int_equal(o.result, MP_EV_FAIL);
	assert_int_equal(mp_record_load(f->db, &mp_evaluations, ev, &r, &e), MP_OK);
	mp_evaluations.summary(f->db, r, buf, sizeof buf);
	assert_string_equal(buf, "Weighted total 58.7 (pass mark 60): not passed");
	mp_record_free(r);
	assert_int_equal(mp_project_facts_get(f->db, 1, &facts, &e), MP_OK);
	assert_int_equal(facts.midterm, MP_EV_FAIL);
	assert_string_equal(facts.midterm_date, "2025-09-10");

	/* A corrected score is read again: no stale result. */
	assert_int_equal(mp_record_load(f->db, &mp_evaluation_scores, 3, &r, &e), MP_OK);
	mp_record_set(r, ES_SCORE, "100");
	assert_int_equal(mp_record_save(f->db, &f->cfg, r, &e), MP_OK);
	mp_record_free(r);
	assert_int_equal(mp_project_facts_get(f->db, 1, &facts, &e), MP_OK);
	assert_int_equal(facts.midterm, MP_EV_PASS);   /* 70.65 */

	/* The closing evaluation comes after the mid-term. */
	refused(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "结项评估",
	        "date", "2025-09-01", "evaluator", "专家组", NULL }, MP_EINVAL, EV_DATE,
	        "2025-09-01 is before the mid-term evaluation of 2025-09-10");
	add(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "结项评估",
	    "date", "2025-12-01", "evaluator", "专家组", "matched_raised", "3000", NULL });
	refused(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "中期评估",
	        "date", "2025-12-02", "evaluator", "专家组", NULL }, MP_EINVAL, EV_DATE,
	        "2025-12-02 is after the closing evaluation of 2025-12-01");
}

/* What a project left behind: its held activities and the people they
 * served, the groups and teams it incubated; each counted for one
 * project only. */
static void test_outcome(void **state)
{
	struct mp_fx *f = *state;
	mp_project_outcome o;
	mp_record *r;
	char buf[256];
	int64_t ev;
	mp_err e;

	project(f, "四点半课堂", "10000", "10000");
	agreement(f, "1", "HT-1");
	for (int i = 0; i < 3; i++) {
		static const char *const when[] = { "2025-08-01", "2025-09-01", "2026-01-10" };
		mp_record *a = mp_record_new(&mp_activities, &f->cfg);

		mp_record_set(a, ACT_NAME, "长者助餐");
		mp_fx_set_id(a, ACT_GROUP, 1);
		mp_record_set(a, ACT_DATE, when[i]);
		mp_record_set(a, ACT_BENEFICIARIES, i == 1 ? "" : "40");
		mp_fx_save_free(f, a);
	}
	add(f, &mp_project_activities, (const char *const[]){ "app_id", "1", "activity_id", "1", NULL });
	add(f, &mp_project_activities, (const char *const[]){ "app_id", "1", "activity_id", "2", NULL });
	/* Planned (after today): not a session yet. */
	add(f, &mp_project_activities, (const char *const[]){ "app_id", "1", "activity_id", "3", NULL });
	refused(f, &mp_project_activities, (const char *const[]){ "app_id", "2", "activity_id", "1",
	        NULL }, MP_EDUP, PA_ACTIVITY, "it counts for project 长者食堂 already");
	mp_fx_add_group(f, "银龄互助队");
	add(f, &mp_project_groups, (const char *const[]){ "app_id", "1", "group_id", "2", NULL });
	add(f, &mp_project_groups, (const char *const[]){ "app_id", "1", "group_id", "1",
	    "kind", "志愿服务队", NULL });
	refused(f, &mp_project_groups, (const char *const[]){ "app_id", "2", "group_id", "2",
	        NULL }, MP_EDUP, PG_GROUP, "incubated by project 长者食堂 already");
	assert_int_equal(mp_project_outcome_get(f->db, 1, &o, &e), MP_OK);
	assert_int_equal(o.sessions, 2);
	assert_int_equal(o.served, 40);
	assert_int_equal(o.groups, 1);
	assert_int_equal(o.teams, 1);

	/* The closing evaluation shows them. */
	ev = add(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "结项评估",
	         "date", "2025-12-01", "evaluator", "专家组", NULL });
	assert_int_equal(mp_record_load(f->db, &mp_evaluations, ev, &r, &e), MP_OK);
	mp_evaluations.summary(f->db, r, buf, sizeof buf);
	assert_string_equal(buf, "Not scored yet on: 需求契合 · activities 2, people served 40,"
	                    " groups incubated 1, volunteer teams 1");
	/* Its figures left empty are the project's own ... */
	assert_string_equal(r->v[EV_SESSIONS], "2");
	assert_string_equal(r->v[EV_SERVED], "40");
	assert_string_equal(r->v[EV_GROUPS], "1");
	assert_string_equal(r->v[EV_TEAMS], "1");
	mp_record_free(r);
	/* ... and typed ones are kept. */
	mp_fx_save_free(f, rec(f, &mp_evaluations, (const char *const[]){ "app_id", "1",
	                "kind", "结项评估", "date", "2025-12-02", "evaluator", "专家组",
	                "sessions", "30", NULL }));
	assert_int_equal(mp_fx_sql_int(f, "SELECT sessions FROM evaluations WHERE date = '2025-12-02'"), 30);
	assert_int_equal(mp_fx_sql_int(f, "SELECT served FROM evaluations WHERE date = '2025-12-02'"), 40);
	/* A mid-term has none. */
	ev = add(f, &mp_evaluations, (const char *const[]){ "app_id", "1", "kind", "中期评估",
	         "date", "2025-11-01", "evaluator", "专家组", NULL });
	assert_int_equal(mp_fx_sql_int(f, "SELECT sessions IS NULL FROM evaluations WHERE kind = '中期评估'"), 1);
}

static void test_reclaims_and_money(void **state)
{
	struct mp_fx *f = *state;
	mp_project_money m;
	mp_err e;

	agreement(f, "1", "HT-2025-001");
	add(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "1",
	    "date", "2025-07-02", NULL });
	refused(f, &mp_reclaims, (const char *const[]){ "app_id", "1", "date", "2025-12-01",
	        "amount", "10800.01", "reason", "项目终止", NULL }, MP_EINVAL, RE_AMOUNT,
	        "10,800.01 is more than the 10,800.00 paid and not yet reclaimed");
	add(f, &mp_reclaims, (const char *const[]){ "app_id", "1", "date", "2025-12-01",
	    "amount", "800", "reason", "结余退回", NULL });
	refused(f, &mp_reclaims, (const char *const[]){ "app_id", "1", "date", "2025-12-02",
	        "amount", "10000.01", "reason", "项目终止", NULL }, MP_EINVAL, RE_AMOUNT,
	        "10,000.01 is more than the 10,000.00 paid");
	refused(f, &mp_reclaims, (const char *const[]){ "app_id", "1", "date", "2025-06-02",
	        "amount", "1", "reason", "项目终止", NULL }, MP_EINVAL, RE_DATE,
	        "before the agreement was signed");
	/* Expenditure against a budget line the project has. */
	refused(f, &mp_expenditures, (const char *const[]){ "app_id", "1", "date", "2025-08-01",
	        "item", "交通", "amount", "300", NULL }, MP_EINVAL, EX_ITEM,
	        "长者食堂 has no budget line “交通”");
	add(f, &mp_expenditures, (const char *const[]){ "app_id", "1", "date", "2025-08-01",
	    "item", "物料", "amount", "3000.5", NULL });
	/* Past its budget line (20,000): a warning, not a refusal. */
	{
		mp_record *x = rec(f, &mp_expenditures, (const char *const[]){ "app_id", "1",
		                   "date", "2025-08-02", "item", "物料", "amount", "16999.5", NULL });
		char w[256];
		int64_t other;

		assert_int_equal(mp_record_warn(f->db, &f->cfg, x, w, sizeof w, &other), 0);
		mp_record_set(x, EX_AMOUNT, "16999.51");
		assert_int_equal(mp_record_warn(f->db, &f->cfg, x, w, sizeof w, &other), 1);
		assert_string_equal(w, "The expenditure on “物料” comes to 20,000.01, more than"
		                    " its budget line's 20,000.00.");
		mp_record_free(x);
	}
	assert_int_equal(mp_project_money_get(f->db, 1, &m, &e), MP_OK);
	assert_int_equal(m.granted, 1800000);
	assert_int_equal(m.paid, 1080000);
	assert_int_equal(m.reclaimed, 80000);
	assert_int_equal(m.spent, 300050);
}

/* 10,000 payments in the ledger: the sums the core reads are exact to the
 * fen (integers, never a float). */
static void test_ledger_sums(void **state)
{
	struct mp_fx *f = *state;
	mp_project_money m;
	int64_t want = 0;
	mp_err e;
	int rc;

	agreement(f, "1", "HT-2025-001");
	/* Amounts of 1 fen to 999.99 元; SQL makes them, C adds them. */
	rc = sqlite3_exec(f->db->h,
	                  "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k"
	                  " WHERE i < 10000)"
	                  " INSERT INTO payments (uuid, created_at, updated_at, app_id,"
	                  " tranche, date, amount)"
	                  " SELECT 'u' || i, '2025-07-02 00:00:00', '2025-07-02 00:00:00',"
	                  " 1, 1, '2025-07-02', (i * 7919) % 99999 + 1 FROM k",
	                  NULL, NULL, NULL);
	assert_int_equal(rc, SQLITE_OK);
	for (int64_t i = 1; i <= 10000; i++)
		want += (i * 7919) % 99999 + 1;
	assert_int_equal(mp_project_money_get(f->db, 1, &m, &e), MP_OK);
	assert_true(m.paid == want);
	assert_int_equal(mp_fx_sql_int(f, "SELECT count(*) FROM payments"), 10000);
}

static void test_due(void **state)
{
	struct mp_fx *f = *state;
	mp_fund_due *d = NULL;
	int n = 0;
	mp_err e;

	project(f, "四点半课堂", "10000", "10000");
	add(f, &mp_agreements, (const char *const[]){ "app_id", "1", "number", "HT-1",
	    "date", "2025-07-01", "midterm_due", "2025-12-20", "closing_due", "2026-03-01", NULL });
	add(f, &mp_agreements, (const char *const[]){ "app_id", "2", "number", "HT-2",
	    "date", "2025-08-01", "midterm_due", "2026-01-05", NULL });
	add(f, &mp_payments, (const char *const[]){ "app_id", "1", "tranche", "1",
	    "date", "2025-07-02", NULL });
	/* Within 7 days of 2025-12-31: project 1's mid-term (overdue),
	 * project 2's first tranche (since 08-01) and its mid-term (01-05). */
	assert_int_equal(mp_funding_due(f->db, 7, 0, &d, &n, &e), MP_OK);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].date, "2025-08-01");
	assert_string_equal(d[0].project, "四点半课堂");
	assert_string_equal(d[0].what, "tranche 1 to pay: 6,000.00");
	assert_string_equal(d[1].date, "2025-12-20");
	assert_string_equal(d[1].what, "mid-term evaluation");
	assert_true(d[1].overdue);
	assert_string_equal(d[2].date, "2026-01-05");
	assert_false(d[2].overdue);
	mp_fund_dues_free(d, n);

	/* Held: the evaluation leaves the list; at most max. */
	evaluation(f, MP_EVAL_MIDTERM, "2025-12-20", "80", "80", "80");
	assert_int_equal(mp_funding_due(f->db, 7, 2, &d, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(d[0].project, "四点半课堂");
	/* ... and the tranche it triggered comes due. */
	assert_string_equal(d[1].date, "2025-12-20");
	assert_string_equal(d[1].what, "tranche 2 to pay: 7,200.00");
	mp_fund_dues_free(d, n);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, mp_fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_split_exact),
		cmocka_unit_test(test_triggers),
		cmocka_unit_test(test_payments),
		cmocka_unit_test(test_ten_thousand_payments),
		cmocka_unit_test(test_reclaims),
		cmocka_unit_test(test_weighted_total),
		T(test_agreements),
		T(test_tranches_and_payments),
		T(test_evaluations),
		T(test_outcome),
		T(test_reclaims_and_money),
		T(test_ledger_sums),
		T(test_due),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
