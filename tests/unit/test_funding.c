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

#include "mp_funding.h"
#include "mp_money.h"
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
