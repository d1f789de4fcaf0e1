/* test_project_report.c — the arithmetic of the rounds' report
 * (mp_project_report.h): the leverage ratio rounded exactly, what is
 * outstanding, sums exact to the fen over ten thousand payments, sums by
 * category and by community (a project of two communities counted once
 * in the total) and the tables they make. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_demo.h"
#include "mp_funding.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_project.h"
#include "mp_project_report.h"
#include "mp_report.h"
#include "mp_report_round.h"
#include "fixture.h"

static mp_proj_app app(const char *category, const char *community,
                       int64_t granted, int64_t paid)
{
	mp_proj_app a;

	memset(&a, 0, sizeof a);
	a.category = category;
	a.community = community;
	a.submitted = 1;
	a.approved = granted > 0;
	a.requested = granted;
	a.granted = granted;
	a.paid = paid;
	return a;
}

/* ---- the leverage ratio ---- */

static void test_leverage(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(mp_leverage_format(25000, 100000, buf, sizeof buf),
	                    "0.25:1");
	/* 杭州: over 1 亿 matched to 4.46 亿 granted. */
	assert_string_equal(mp_leverage_format(INT64_C(10000000000),
	                                       INT64_C(44600000000), buf, sizeof buf),
	                    "0.22:1");
	/* Half up: 1/8 = 0.125 -> 0.13; 1/3 -> 0.33; 2/3 -> 0.67. */
	assert_string_equal(mp_leverage_format(1, 8, buf, sizeof buf), "0.13:1");
	assert_string_equal(mp_leverage_format(1, 3, buf, sizeof buf), "0.33:1");
	assert_string_equal(mp_leverage_format(2, 3, buf, sizeof buf), "0.67:1");
	/* More matched than granted; exactly equal. */
	assert_string_equal(mp_leverage_format(350000, 100000, buf, sizeof buf),
	                    "3.50:1");
	assert_string_equal(mp_leverage_format(7, 7, buf, sizeof buf), "1.00:1");
	assert_string_equal(mp_leverage_format(0, 7, buf, sizeof buf), "0.00:1");
	/* Nothing granted: no ratio, not a division by zero. */
	assert_string_equal(mp_leverage_format(500, 0, buf, sizeof buf), "—");
	/* The largest sums do not overflow: 10,000 projects at the largest
	 * amount each, matched twice over. */
	assert_string_equal(mp_leverage_format(2 * 10000 * MP_MONEY_MAX,
	                                       10000 * MP_MONEY_MAX, buf, sizeof buf),
	                    "2.00:1");
}

/* ---- one application ---- */

static void test_outstanding(void **state)
{
	mp_proj_app a = app("助老扶幼", "幸福里社区", 5000000, 2500000);

	(void)state;
	assert_int_equal(mp_proj_outstanding(&a), 2500000);
	a.paid = 5000000;
	assert_int_equal(mp_proj_outstanding(&a), 0);
	/* Paid above the grant (never allowed, but never negative here). */
	a.paid = 6000000;
	assert_int_equal(mp_proj_outstanding(&a), 0);
	/* Stopped: nothing more is due, whatever was paid. */
	a.paid = 1000000;
	a.stopped = 1;
	assert_int_equal(mp_proj_outstanding(&a), 0);
	/* Not approved: nothing due. */
	a.stopped = 0;
	a.approved = 0;
	assert_int_equal(mp_proj_outstanding(&a), 0);
}

static void test_sums(void **state)
{
	mp_proj_figs f;
	mp_proj_app a = app("助老扶幼", "向阳社区", 3000000, 1000000), d;

	(void)state;
	memset(&f, 0, sizeof f);
	a.reclaimed = 12345;
	a.matched_promised = 800000;
	a.matched_raised = 650050;
	mp_proj_figs_add(&f, &a);
	/* A draft is nobody's application yet. */
	d = app("助老扶幼", "向阳社区", 9900, 0);
	d.submitted = 0;
	mp_proj_figs_add(&f, &d);
	/* Submitted and not approved. */
	d = app("社区治理", "向阳社区", 0, 0);
	d.requested = 450000;
	mp_proj_figs_add(&f, &d);
	assert_int_equal(f.applications, 2);
	assert_int_equal(f.approved, 1);
	assert_int_equal(f.requested, 3450000);
	assert_int_equal(f.granted, 3000000);
	assert_int_equal(f.paid, 1000000);
	assert_int_equal(f.outstanding, 2000000);
	assert_int_equal(f.reclaimed, 12345);
	assert_int_equal(f.matched_promised, 800000);
	assert_int_equal(f.matched_raised, 650050);
}

/* Ten thousand payments of odd amounts (x.01, x.07, ...) summed exactly:
 * a double would have drifted by now; the fen do not. */
static void test_exact_fen(void **state)
{
	mp_proj_figs f;
	int64_t expect = 0;
	char buf[32];

	(void)state;
	memset(&f, 0, sizeof f);
	for (int i = 0; i < 10000; i++) {
		mp_proj_app a = app("助残扶困", "滨河社区", 0, 0);
		int64_t fen = 1234567 + (int64_t)(i % 97) * 101 + i % 7;

		a.approved = 1;
		a.granted = fen + 1;
		a.paid = fen;
		expect += fen;
		mp_proj_figs_add(&f, &a);
	}
	assert_int_equal(f.paid, expect);
	assert_int_equal(f.outstanding, 10000);
	assert_int_equal(f.granted, expect + 10000);
	/* And as the report writes it. */
	mp_money_format(f.paid, 0, buf, sizeof buf);
	{
		char want[32];

		snprintf(want, sizeof want, "%lld.%02lld", (long long)(expect / 100),
		         (long long)(expect % 100));
		assert_string_equal(buf, want);
	}
}

/* ---- by category and community ---- */

static void test_by_category(void **state)
{
	mp_proj_by b = { 0 };
	mp_proj_app a1 = app("助老扶幼", "幸福里社区", 5000000, 2000000);
	mp_proj_app a2 = app("助老扶幼", "向阳社区", 3000000, 3000000);
	mp_proj_app a3 = app("社区治理", "向阳社区", 2000000, 0);
	mp_proj_app a4 = app("", "向阳社区", 100000, 0);
	const mp_proj_figs *f;

	(void)state;
	mp_proj_by_add(&b, a1.category, &a1);
	mp_proj_by_add(&b, a2.category, &a2);
	mp_proj_by_add(&b, a3.category, &a3);
	mp_proj_by_add(&b, a4.category, &a4);
	assert_int_equal(b.n, 3);
	f = mp_proj_by_get(&b, "助老扶幼");
	assert_non_null(f);
	assert_int_equal(f->applications, 2);
	assert_int_equal(f->granted, 8000000);
	assert_int_equal(f->paid, 5000000);
	assert_int_equal(f->outstanding, 3000000);
	f = mp_proj_by_get(&b, NULL);
	assert_non_null(f);
	assert_int_equal(f->granted, 100000);
	assert_ptr_equal(mp_proj_by_get(&b, ""), f);
	assert_null(mp_proj_by_get(&b, "助残扶困"));
	mp_proj_by_free(&b);
	assert_int_equal(b.n, 0);
}

static void test_by_community(void **state)
{
	mp_proj_by b = { 0 };
	mp_proj_figs total;
	mp_proj_app two = app("社区治理", "幸福里社区、向阳社区", 4000000, 1000000);
	mp_proj_app one = app("社区治理", " 向阳社区 ", 1000000, 0);
	mp_proj_app many = app("社区治理", "滨河社区，光明社区;滨河社区　东湖村", 10, 0);
	mp_proj_app none = app("社区治理", "", 20, 0);
	const mp_proj_figs *f;

	(void)state;
	memset(&total, 0, sizeof total);
	assert_int_equal(mp_proj_by_community(&b, &two), 2);
	assert_int_equal(mp_proj_by_community(&b, &one), 1);
	/* 滨河社区 named twice counts once. */
	assert_int_equal(mp_proj_by_community(&b, &many), 3);
	assert_int_equal(mp_proj_by_community(&b, &none), 0);
	mp_proj_figs_add(&total, &two);
	mp_proj_figs_add(&total, &one);
	mp_proj_figs_add(&total, &many);
	mp_proj_figs_add(&total, &none);
	f = mp_proj_by_get(&b, "向阳社区");
	assert_non_null(f);
	assert_int_equal(f->applications, 2);
	assert_int_equal(f->granted, 5000000);
	f = mp_proj_by_get(&b, "幸福里社区");
	assert_non_null(f);
	assert_int_equal(f->granted, 4000000);
	f = mp_proj_by_get(&b, "滨河社区");
	assert_non_null(f);
	assert_int_equal(f->applications, 1);
	assert_int_equal(f->granted, 10);
	assert_non_null(mp_proj_by_get(&b, "光明社区"));
	assert_non_null(mp_proj_by_get(&b, "东湖村"));
	f = mp_proj_by_get(&b, NULL);
	assert_non_null(f);
	assert_int_equal(f->granted, 20);
	/* The total counts each project once. */
	assert_int_equal(total.applications, 4);
	assert_int_equal(total.granted, 5000030);
	mp_proj_by_free(&b);
}

/* The table: the order's keys first (a category with nothing included),
 * then others, then not filled in, then the total, with money as the
 * export wants it and the ratio per row. */
static void test_table(void **state)
{
	static char *order_v[] = { "助老扶幼", "助残扶困", "社区治理" };
	mp_strlist order = { order_v, 3 };
	mp_proj_by b = { 0 };
	mp_proj_figs total;
	mp_report r;
	mp_proj_app a1 = app("社区治理", "向阳社区", 5000000, 2000000);
	mp_proj_app a2 = app("文体娱乐", "向阳社区", 1000000, 0);
	mp_proj_app a3 = app(NULL, "向阳社区", 1000000, 0);
	const mp_rtable *t;

	(void)state;
	memset(&r, 0, sizeof r);
	memset(&total, 0, sizeof total);
	a1.matched_promised = 1250000;
	mp_proj_by_add(&b, a1.category, &a1);
	mp_proj_by_add(&b, a2.category, &a2);
	mp_proj_by_add(&b, a3.category, &a3);
	mp_proj_figs_add(&total, &a1);
	mp_proj_figs_add(&total, &a2);
	mp_proj_figs_add(&total, &a3);
	mp_proj_by_table(&r, "by category", "category", &b, &order, &total, 1);
	t = mp_report_table(&r, "by category");
	assert_non_null(t);
	assert_int_equal(t->ncols, 7);
	assert_int_equal(t->nrows, 6);
	assert_string_equal(t->cell[0 * 7], "助老扶幼");
	assert_string_equal(t->cell[0 * 7 + 1], "0");
	assert_string_equal(t->cell[0 * 7 + 6], "—");
	assert_string_equal(t->cell[2 * 7], "社区治理");
	assert_string_equal(t->cell[2 * 7 + 3], "50000.00");
	assert_string_equal(t->cell[2 * 7 + 4], "20000.00");
	assert_string_equal(t->cell[2 * 7 + 5], "12500.00");
	assert_string_equal(t->cell[2 * 7 + 6], "0.25:1");
	assert_string_equal(t->cell[3 * 7], "文体娱乐");
	assert_string_equal(t->cell[4 * 7], _("(not filled in)"));
	assert_string_equal(t->cell[5 * 7], _("Total"));
	assert_string_equal(t->cell[5 * 7 + 1], "3");
	assert_string_equal(t->cell[5 * 7 + 3], "70000.00");
	assert_string_equal(t->cell[5 * 7 + 6], "0.18:1");
	/* Without the matched funds column (the table of rounds). */
	mp_proj_by_table(&r, "by round", "round", &b, NULL, &total, 0);
	t = mp_report_table(&r, "by round");
	assert_non_null(t);
	assert_int_equal(t->ncols, 6);
	assert_int_equal(t->nrows, 4);
	assert_string_equal(t->cell[0 * 6], "社区治理");
	assert_string_equal(t->cell[0 * 6 + 5], "0.25:1");
	assert_string_equal(t->cell[3 * 6 + 5], "0.18:1");
	mp_proj_by_free(&b);
	mp_report_free(&r);
}

static void test_rows(void **state)
{
	mp_report r;
	mp_proj_figs f;
	mp_rtable *t;
	int found = 0;

	(void)state;
	memset(&r, 0, sizeof r);
	memset(&f, 0, sizeof f);
	f.applications = 3;
	f.approved = 2;
	f.granted = 8000000;
	f.paid = 4000000;
	f.matched_promised = 2000000;
	f.matched_raised = 1000000;
	t = rt_new(&r, "Summary", 2, -1, 2, "Figure", "Value");
	mp_proj_figs_rows(t, &f);
	for (int i = 0; i < t->nrows; i++) {
		const char *k = t->cell[2 * i], *v = t->cell[2 * i + 1];

		if (strcmp(k, _("Amount granted (yuan)")) == 0)
			found += strcmp(v, "80000.00") == 0;
		else if (strcmp(k, _("Amount paid (yuan)")) == 0)
			found += strcmp(v, "40000.00") == 0;
		else if (strcmp(k, _("Leverage ratio, promised (matched : granted)")) == 0)
			found += strcmp(v, "0.25:1") == 0;
		else if (strcmp(k, _("Leverage ratio, raised (matched : granted)")) == 0)
			found += strcmp(v, "0.13:1") == 0;
		else if (strcmp(k, _("Projects approved")) == 0)
			found += strcmp(v, "2") == 0;
	}
	assert_int_equal(found, 5);
	mp_report_free(&r);
}

/* ---- on the demo's ledger ---- */

/* The value of figure what in r's Summary, or NULL. */
static const char *summary(const mp_report *r, const char *what)
{
	const mp_rtable *t = &r->tables[0];

	for (int i = 0; i < t->nrows; i++)
		if (strcmp(t->cell[2 * i], what) == 0)
			return t->cell[2 * i + 1];
	return NULL;
}

static const char *proj_value(const mp_rtable *t, const char *what)
{
	for (int i = 0; t && i < t->nrows; i++)
		if (strcmp(t->cell[2 * i], what) == 0)
			return t->cell[2 * i + 1];
	fail_msg("no “%s” in the table", what);
	return NULL;
}

static long count(const mp_report *r, const char *what)
{
	const char *v = summary(r, what);

	if (!v)
		fail_msg("no “%s” in the report", what);
	return atol(v);
}

/* The report's evaluations passed and failed (read in one statement) are
 * those mp_evaluation_outcome decides one by one; its money is the sum of
 * the ledger's payments, to the fen; a round's report and the summary
 * report of its period agree. */
static void test_demo(void **state)
{
	struct mp_fx *f = *state;
	long pass[2] = { 0, 0 }, failed[2] = { 0, 0 };
	mp_report r, whole;
	mp_err e;
	char paid[32];
	long n;

	setenv("MIAOPU_TODAY", "2026-12-03", 1);
	mp_demo_config(&f->cfg);
	if (mp_demo_fill(f->db, &f->cfg, &e) != MP_OK)
		fail_msg("demo: %s", e.msg);
	n = mp_fx_sql_int(f, "SELECT max(id) FROM evaluations");
	assert_true(n >= 4);
	for (long id = 1; id <= n; id++) {
		mp_eval_outcome o;
		char sql[128];
		int closing;

		snprintf(sql, sizeof sql, "SELECT kind = '" MP_EVAL_CLOSING "' FROM evaluations"
		         " WHERE id = %ld", id);
		closing = (int)mp_fx_sql_int(f, sql);
		assert_int_equal(mp_evaluation_outcome(f->db, id, &o, &e), MP_OK);
		if (o.result == MP_EV_PASS)
			pass[closing]++;
		else if (o.result == MP_EV_FAIL)
			failed[closing]++;
	}
	assert_true(failed[0] > 0);
	assert_int_equal(mp_report_build_round(f->db, &f->cfg, "1", "2026-12-03", NULL,
	                                       &r, &e), MP_OK);
	assert_int_equal(count(&r, _("Mid-term evaluations passed")), pass[0]);
	assert_int_equal(count(&r, _("Mid-term evaluations failed")), failed[0]);
	assert_int_equal(count(&r, _("Closing evaluations passed")), pass[1]);
	assert_int_equal(count(&r, _("Closing evaluations failed")), failed[1]);
	/* Paid: every payment of the round, to the fen. */
	mp_money_format(mp_fx_sql_int(f, "SELECT sum(p.amount) FROM payments p JOIN applications a"
	                              " ON a.id = p.app_id WHERE a.round_id = 1"), 0,
	                paid, sizeof paid);
	assert_string_equal(summary(&r, _("Amount paid (yuan)")), paid);
	/* The summary report of the year holds both rounds. */
	assert_int_equal(mp_report_build(f->db, &f->cfg, "2026-01-01", "2026-12-31", NULL,
	                                 &whole, &e), MP_OK);
	/* (There, the rounds' figures are a table of their own.) */
	assert_non_null(mp_proj_table(&whole));
	assert_true(atol(proj_value(mp_proj_table(&whole), _("Project applications")))
	            > count(&r, _("Project applications")));
	assert_null(mp_proj_table(&r));
	assert_non_null(mp_report_table(&whole, _("Funded projects by round (yuan)")));
	assert_null(mp_report_table(&r, _("Funded projects by round (yuan)")));
	mp_report_free(&whole);
	mp_report_free(&r);
	/* A round that is not there is named. */
	assert_int_equal(mp_report_build_round(f->db, &f->cfg, "没有的创投", "2026-12-03", NULL,
	                                       &r, &e), MP_ENOTFOUND);
	assert_non_null(strstr(e.msg, "没有的创投"));
	assert_int_equal(mp_report_build_round(f->db, &f->cfg, "1", "2026-02-30", NULL,
	                                       &r, &e), MP_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leverage),
		cmocka_unit_test(test_outstanding),
		cmocka_unit_test(test_sums),
		cmocka_unit_test(test_exact_fen),
		cmocka_unit_test(test_by_category),
		cmocka_unit_test(test_by_community),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_rows),
		cmocka_unit_test_setup_teardown(test_demo, mp_fx_setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
