/* test_ranking.c — the ranking's arithmetic: weighted totals, means,
 * spreads, the pass mark and the order, exact in whole numbers. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "mp_ranking.h"

#define N(a) ((int)(sizeof a / sizeof a[0]))

static void test_weighted_total(void **state)
{
	/* 需求契合 40%, 可行性 35%, 预算 25% (hundredths of a percent). */
	const int64_t w[] = { 4000, 3500, 2500 };
	const int64_t s1[] = { 900, 800, 700 };   /* 90, 80, 70 */
	const int64_t s2[] = { 855, 0, 1000 };    /* 85.5, 0, 100 */
	const int64_t full[] = { 1000, 1000, 1000 };

	(void)state;
	/* 0.4*90 + 0.35*80 + 0.25*70 = 36 + 28 + 17.5 = 81.5 */
	assert_int_equal(mp_rank_weighted(s1, w, 3), 8150);
	/* 0.4*85.5 + 0 + 25 = 34.2 + 25 = 59.2 */
	assert_int_equal(mp_rank_weighted(s2, w, 3), 5920);
	assert_int_equal(mp_rank_weighted(full, w, 3), 10000);
}

static void test_weights_need_not_add_up(void **state)
{
	/* Weights 3, 2, 1: (3*80 + 2*70 + 1*91) / 6 = 471/6 = 78.5 */
	const int64_t w[] = { 3, 2, 1 };
	const int64_t s[] = { 800, 700, 910 };
	/* Equal weights: a plain mean, rounded half up to the hundredth:
	 * (80 + 80 + 80.1) / 3 = 80.0333 -> 80.03; (1 + 0 + 0)/3 tenths ->
	 * 0.0333 -> 0.03; (2 + 0 + 0) tenths / 3 = 0.0667 -> 0.07. */
	const int64_t eq[] = { 1, 1, 1 };
	const int64_t a[] = { 800, 800, 801 };
	const int64_t b[] = { 1, 0, 0 };
	const int64_t c[] = { 2, 0, 0 };
	/* Exactly half a hundredth rounds up: (1 + 0) tenths / 2 = 0.05. */
	const int64_t two[] = { 1, 1 };
	const int64_t d[] = { 1, 0 };

	(void)state;
	assert_int_equal(mp_rank_weighted(s, w, 3), 7850);
	assert_int_equal(mp_rank_weighted(a, eq, 3), 8003);
	assert_int_equal(mp_rank_weighted(b, eq, 3), 3);
	assert_int_equal(mp_rank_weighted(c, eq, 3), 7);
	assert_int_equal(mp_rank_weighted(d, two, 2), 5);
}

static void test_unscored_criterion(void **state)
{
	const int64_t w[] = { 50, 50, 0 };
	const int64_t missing[] = { 800, -1, 900 };
	const int64_t zero_weight_missing[] = { 800, 600, -1 };
	const int64_t zeros[] = { 0, 0, 0 };
	const int64_t s[] = { 800, 600, 900 };

	(void)state;
	assert_int_equal(mp_rank_weighted(missing, w, 3), -1);
	/* A criterion of weight 0 does not count, scored or not. */
	assert_int_equal(mp_rank_weighted(zero_weight_missing, w, 3), 7000);
	assert_int_equal(mp_rank_weighted(s, zeros, 3), -1);
	assert_int_equal(mp_rank_weighted(s, w, 0), -1);
}

static void test_mean_and_spread(void **state)
{
	const int64_t totals[] = { 8150, -1, 7200, 9010 };
	const int64_t one[] = { 6600 };
	const int64_t none[] = { -1, -1 };
	/* (8001 + 8002) / 2 = 8001.5 -> 8002: half up. */
	const int64_t half[] = { 8001, 8002 };
	mp_rank_stats st;

	(void)state;
	mp_rank_stats_of(totals, N(totals), &st);
	assert_int_equal(st.nscored, 3);
	/* (81.5 + 72 + 90.1) / 3 = 81.2 */
	assert_int_equal(st.mean, 8120);
	assert_int_equal(st.low, 7200);
	assert_int_equal(st.high, 9010);
	assert_int_equal(st.spread, 1810);

	mp_rank_stats_of(one, 1, &st);
	assert_int_equal(st.nscored, 1);
	assert_int_equal(st.mean, 6600);
	assert_int_equal(st.spread, 0);

	mp_rank_stats_of(none, N(none), &st);
	assert_int_equal(st.nscored, 0);
	assert_int_equal(st.mean, -1);
	assert_int_equal(st.spread, -1);

	mp_rank_stats_of(half, N(half), &st);
	assert_int_equal(st.mean, 8002);
}

static void test_pass_mark(void **state)
{
	(void)state;
	/* Pass mark 60 (600 tenths): 60.00 passes, 59.99 does not. */
	assert_true(mp_rank_passes(6000, 600));
	assert_false(mp_rank_passes(5999, 600));
	assert_true(mp_rank_passes(6005, 600));
	/* No mark: every scored application passes, an unscored one not. */
	assert_true(mp_rank_passes(0, 0));
	assert_false(mp_rank_passes(-1, 0));
	assert_false(mp_rank_passes(-1, 600));
}

struct app { int64_t id, mean, votes; };

static int cmp_app(const void *pa, const void *pb)
{
	const struct app *a = pa, *b = pb;

	return mp_rank_cmp(a->mean, a->votes, a->id, b->mean, b->votes, b->id);
}

static void test_order(void **state)
{
	struct app v[] = {
		{ 1, 7000, 10 }, { 2, -1, 99 }, { 3, 8500, 0 }, { 4, 7000, 30 },
		{ 5, 7000, 30 },
	};

	(void)state;
	qsort(v, N(v), sizeof v[0], cmp_app);
	/* Highest mean first; equal means by votes, then by the earlier
	 * application; unscored last whatever its votes. */
	assert_int_equal(v[0].id, 3);
	assert_int_equal(v[1].id, 4);
	assert_int_equal(v[2].id, 5);
	assert_int_equal(v[3].id, 1);
	assert_int_equal(v[4].id, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weighted_total),
		cmocka_unit_test(test_weights_need_not_add_up),
		cmocka_unit_test(test_unscored_criterion),
		cmocka_unit_test(test_mean_and_spread),
		cmocka_unit_test(test_pass_mark),
		cmocka_unit_test(test_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
