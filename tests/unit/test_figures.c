/* test_figures.c — the figures that came out wrong: the period's rule
 * (mp_period.h: held up to today, planned after), as the overview and
 * the report apply it; the same service record entered twice
 * (mp_hours_duplicate, the batch's refusal, the form's warning); and a
 * share written to XLSX as the screen shows it (mp_xlsx_number); and an
 * identifier's column as wide as the widest one a list fetched
 * (mp_listq_cell_width). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_activity.h"
#include "mp_group.h"
#include "mp_ident.h"
#include "mp_list.h"
#include "mp_volunteer.h"
#include "mp_overview.h"
#include "mp_period.h"
#include "mp_report.h"
#include "mp_xlsx.h"
#include "fixture.h"

#define TODAY "2026-12-03"

struct fx {
	struct mp_fx fx;	/* first: mp_fx_teardown frees it all */
	int64_t group, chen, he, act;
};

static int64_t activity(struct fx *f, const char *name, const char *date,
                        const char *participants)
{
	mp_record *r = mp_record_new(&mp_activities, &f->fx.cfg);

	mp_record_set(r, ACT_NAME, name);
	mp_fx_set_id(r, ACT_GROUP, f->group);
	mp_record_set(r, ACT_DATE, date);
	mp_record_set(r, ACT_START, "09:00");
	mp_record_set(r, ACT_END, "11:30");
	mp_record_set(r, ACT_PARTICIPANTS, participants);
	return mp_fx_save_free(&f->fx, r);
}

static mp_record *from_activity(struct fx *f, int64_t volunteer)
{
	mp_record *a = NULL, *h;
	mp_err e;

	assert_int_equal(mp_record_load(f->fx.db, &mp_activities, f->act, &a, &e), MP_OK);
	h = mp_hours_from_activity(&f->fx.cfg, a, volunteer);
	mp_record_free(a);
	return h;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	setenv("MIAOPU_TODAY", TODAY, 1);
	f->group = mp_fx_add_group(&f->fx, "东湖社区老年志愿服务队");
	f->chen = mp_fx_add_volunteer(&f->fx, "陈丽华", "11010519491231002X", "DH-001");
	f->he = mp_fx_add_volunteer(&f->fx, "何俊", "330102198003150030", "DH-002");
	f->act = activity(f, "重阳敬老入户探访", "2026-11-28", "12");
	activity(f, "本月义诊", "2026-12-02", "5");
	activity(f, "年底联欢会", "2026-12-20", "7");
	activity(f, "日期测试活动", "2027-01-15", "30");
	*state = f;
	return 0;
}

/* ---- the rule ---- */

static void test_rule(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(mp_held_until("2027-12-31", TODAY), TODAY);
	assert_string_equal(mp_held_until("2026-06-30", TODAY), "2026-06-30");
	assert_string_equal(mp_held_until(TODAY, TODAY), TODAY);
	assert_false(mp_date_planned(TODAY, TODAY));
	assert_false(mp_date_planned("2026-12-02", TODAY));
	assert_true(mp_date_planned("2026-12-04", TODAY));
	assert_true(mp_date_planned("2027-01-15", TODAY));
	assert_false(mp_date_planned("", TODAY));
	assert_string_equal(mp_date_brief("2026-12-20", TODAY, buf, sizeof buf), "12-20");
	assert_string_equal(mp_date_brief("2027-01-15", TODAY, buf, sizeof buf), "2027-01-15");
	assert_string_equal(mp_date_brief("2025-12-31", TODAY, buf, sizeof buf), "2025-12-31");
	assert_string_equal(mp_date_brief("", TODAY, buf, sizeof buf), "");
}

static void test_overview(void **state)
{
	struct fx *f = *state;
	mp_overview o;
	mp_brief *b;
	int n;
	mp_err e;

	assert_int_equal(mp_overview_get(f->fx.db, &o, &e), MP_OK);
	/* 12-02 was held; 12-20 is planned. */
	assert_int_equal(o.month_activities, 1);
	assert_int_equal(o.month_planned, 1);
	assert_int_equal(o.months[11].activities, 1);
	assert_string_equal(o.months[11].month, "2026-12");
	assert_int_equal(o.months[10].activities, 1);

	assert_int_equal(mp_overview_activities(f->fx.db, 0, 5, &b, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(b[0].name, "本月义诊");
	assert_string_equal(b[1].name, "重阳敬老入户探访");
	mp_briefs_free(b, n);
	assert_int_equal(mp_overview_activities(f->fx.db, 1, 5, &b, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(b[0].name, "年底联欢会");
	assert_string_equal(b[1].date, "2027-01-15");
	mp_briefs_free(b, n);
	assert_int_equal(mp_overview_activities(f->fx.db, 1, 1, &b, &n, &e), MP_OK);
	assert_int_equal(n, 1);
	mp_briefs_free(b, n);
}

static const char *fig(const mp_report *r, const char *what)
{
	const mp_rtable *t = mp_report_table(r, "Summary");

	for (int i = 0; t && i < t->nrows; i++)
		if (strcmp(t->cell[i * t->ncols], what) == 0)
			return t->cell[i * t->ncols + 1];
	return NULL;
}

static void test_report(void **state)
{
	struct fx *f = *state;
	mp_report r;
	mp_err e;

	/* A period reaching into next year counts only what was held. */
	assert_int_equal(mp_report_build(f->fx.db, &f->fx.cfg, "2026-01-01",
	                                 "2027-12-31", NULL, &r, &e), MP_OK);
	assert_string_equal(fig(&r, "Activities held"), "2");
	assert_string_equal(fig(&r, "Participants (person-times)"), "17");
	assert_string_equal(fig(&r, "Activities planned (after today, not counted)"), "2");
	const mp_rtable *t = mp_report_table(&r, "By month");
	assert_non_null(t);
	for (int i = 0; i < t->nrows; i++)
		if (!strcmp(t->cell[i * t->ncols], "2026-12") ||
		    !strcmp(t->cell[i * t->ncols], "2027-01"))
			assert_string_equal(t->cell[i * t->ncols + 1],
			                    strcmp(t->cell[i * t->ncols], "2026-12") ? "0" : "1");
	mp_report_free(&r);

	/* Up to today: nothing planned in it, no planned row. */
	assert_int_equal(mp_report_build(f->fx.db, &f->fx.cfg, "2026-01-01",
	                                 TODAY, NULL, &r, &e), MP_OK);
	assert_string_equal(fig(&r, "Activities held"), "2");
	assert_null(fig(&r, "Activities planned (after today, not counted)"));
	mp_report_free(&r);

	/* A period wholly to come holds nothing yet. */
	assert_int_equal(mp_report_build(f->fx.db, &f->fx.cfg, "2027-01-01",
	                                 "2027-12-31", NULL, &r, &e), MP_OK);
	assert_string_equal(fig(&r, "Activities held"), "0");
	assert_string_equal(fig(&r, "Activities planned (after today, not counted)"), "1");
	mp_report_free(&r);
}

/* ---- the same record twice ---- */

static void test_duplicate(void **state)
{
	struct fx *f = *state;
	mp_record *first = from_activity(f, f->chen), *again, *other;
	int64_t found;
	char desc[512];
	mp_err e;

	/* 09:00-11:30 of the activity: 2.5 hours. */
	assert_string_equal(first->v[H_HOURS], "2.5");
	assert_int_equal(mp_hours_duplicate(f->fx.db, first, &found, desc, sizeof desc, &e), MP_OK);
	assert_int_equal(found, 0);
	int64_t id = mp_fx_save(&f->fx, first);
	/* A record is no repeat of itself. */
	assert_int_equal(mp_hours_duplicate(f->fx.db, first, &found, NULL, 0, &e), MP_OK);
	assert_int_equal(found, 0);

	again = from_activity(f, f->chen);
	assert_int_equal(mp_hours_duplicate(f->fx.db, again, &found, desc, sizeof desc, &e), MP_OK);
	assert_int_equal(found, id);
	assert_string_equal(desc, "陈丽华 2026-11-28 “重阳敬老入户探访” 2.5 hours");

	/* The batch refuses it, all or none: 何俊's line is not kept. */
	other = from_activity(f, f->he);
	mp_record *batch[2] = { other, again };
	assert_int_equal(mp_hours_save_batch(f->fx.db, &f->fx.cfg, batch, 2, &e), MP_EDUP);
	assert_int_equal(e.index, 1);
	assert_int_equal(e.other_id, id);
	assert_non_null(strstr(e.msg, "陈丽华 2026-11-28 “重阳敬老入户探访” 2.5 hours"));
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM hours"), 1);

	/* The form is warned, naming it. */
	char warn[512];
	int64_t other_id = 0;
	assert_int_equal(mp_record_warn(f->fx.db, &f->fx.cfg, again, warn, sizeof warn, &other_id), 1);
	assert_int_equal(other_id, id);
	assert_non_null(strstr(warn, "陈丽华 2026-11-28"));

	/* Other hours, another day or no activity: not the same record. */
	mp_record_set(again, H_HOURS, "1.5");
	assert_int_equal(mp_hours_duplicate(f->fx.db, again, &found, NULL, 0, &e), MP_OK);
	assert_int_equal(found, 0);
	mp_record_set(again, H_HOURS, "2.5");
	mp_record_set(again, H_ACTIVITY, "");
	assert_int_equal(mp_hours_duplicate(f->fx.db, again, &found, NULL, 0, &e), MP_OK);
	assert_int_equal(found, 0);
	mp_record_set(again, H_ACTIVITY, first->v[H_ACTIVITY]);
	mp_record_set(again, H_DATE, "2026-11-29");
	assert_int_equal(mp_hours_duplicate(f->fx.db, again, &found, NULL, 0, &e), MP_OK);
	assert_int_equal(found, 0);

	/* The batch takes the new line alone. */
	mp_record *one[1] = { other };
	assert_int_equal(mp_hours_save_batch(f->fx.db, &f->fx.cfg, one, 1, &e), MP_OK);

	/* What the batch screen shows as already there. */
	mp_hours_there *h;
	int n;
	assert_int_equal(mp_hours_of_activity(f->fx.db, f->act, "2026-11-28", &h, &n, &e), MP_OK);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].record, id);
	assert_int_equal(h[0].volunteer, f->chen);
	assert_string_equal(h[0].name, "陈丽华");
	assert_string_equal(h[0].hours, "2.5");
	assert_int_equal(h[1].volunteer, f->he);
	mp_hours_there_free(h, n);

	/* In the bin, it is no longer there. */
	assert_int_equal(mp_record_delete(f->fx.db, &mp_hours, id, &e), MP_OK);
	assert_int_equal(mp_hours_duplicate(f->fx.db, first, &found, NULL, 0, &e), MP_OK);
	mp_record_set(again, H_DATE, "2026-11-28");
	assert_int_equal(mp_hours_duplicate(f->fx.db, again, &found, NULL, 0, &e), MP_OK);
	assert_int_equal(found, 0);

	mp_record_free(first);
	mp_record_free(again);
	mp_record_free(other);
}

/* ---- identifiers ---- */

/* Field i's place among a row's cells (the MP_F_LIST fields in order). */
static int cell_of(const mp_table *t, int i)
{
	int c = 0;

	for (int k = 0; k < i; k++)
		c += (t->fields[k].flags & MP_F_LIST) != 0;
	return c;
}

/* Fetch up to max rows from the list's top; how many came. */
static int fetch_top(mp_listq *q, int max)
{
	mp_row rows[16];
	int n = 0;
	mp_err e;

	assert_int_equal(mp_listq_fetch(q, NULL, 1, 0, max, rows, &n, &e), MP_OK);
	mp_rows_clear(rows, n);
	return n;
}

static void test_ident(void **state)
{
	struct fx *f = *state;
	int vol = cell_of(&mp_volunteers, V_VOL_NO), idno = cell_of(&mp_volunteers, V_ID_NO);
	mp_listq *q, *one;

	assert_true(mp_field_is_ident(&mp_volunteers, V_VOL_NO));
	assert_true(mp_field_is_ident(&mp_volunteers, V_ID_NO));
	assert_false(mp_field_is_ident(&mp_volunteers, V_NAME));
	assert_false(mp_field_is_ident(&mp_volunteers, V_PHONE));
	assert_true(mp_field_is_ident(&mp_groups, G_USCC));
	assert_false(mp_field_is_ident(&mp_groups, G_NAME));
	assert_false(mp_field_is_ident(&mp_activities, ACT_NAME));

	/* Nothing fetched, nothing measured. */
	q = mp_listq_new(f->fx.db, &mp_volunteers);
	assert_int_equal(mp_listq_cell_width(q, vol), 0);
	/* DH-001: 6 wide; an ID number masked is as wide as the number. */
	assert_int_equal(fetch_top(q, 16), 2);
	assert_int_equal(mp_listq_cell_width(q, vol), 6);
	assert_int_equal(mp_listq_cell_width(q, idno), 18);
	/* Other columns are not measured; nor is a cell beyond the row's. */
	assert_int_equal(mp_listq_cell_width(q, cell_of(&mp_volunteers, V_NAME)), 0);
	assert_int_equal(mp_listq_cell_width(q, cell_of(&mp_volunteers, V_PHONE)), 0);
	assert_int_equal(mp_listq_cell_width(q, 99), 0);
	assert_int_equal(mp_listq_cell_width(q, -1), 0);

	/* A wider number saved: measured when a fetch brings it, not
	 * before (the list reads the rows it shows, never the table). */
	mp_fx_add_volunteer(&f->fx, "王建国", "110105199001010037", "BT2026-00001");
	assert_int_equal(mp_listq_cell_width(q, vol), 6);
	assert_int_equal(fetch_top(q, 16), 3);
	assert_int_equal(mp_listq_cell_width(q, vol), 12);
	/* Wide characters count two columns. */
	mp_fx_add_volunteer(&f->fx, "李四", "110105198001060021", "东湖志愿者0001");
	assert_int_equal(fetch_top(q, 16), 4);
	assert_int_equal(mp_listq_cell_width(q, vol), 14);
	/* A search that shows only a narrow one does not narrow the column
	 * again. */
	mp_listq_set_search(q, "陈丽华");
	assert_int_equal(fetch_top(q, 16), 1);
	assert_int_equal(mp_listq_cell_width(q, vol), 14);
	mp_listq_free(q);

	/* A list that fetched one row knows that row's width only. */
	one = mp_listq_new(f->fx.db, &mp_volunteers);
	mp_listq_set_search(one, "陈丽华");
	assert_int_equal(fetch_top(one, 1), 1);
	assert_int_equal(mp_listq_cell_width(one, vol), 6);
	mp_listq_free(one);

	/* Groups kept without a credit code: 0. */
	q = mp_listq_new(f->fx.db, &mp_groups);
	assert_int_equal(fetch_top(q, 16), 1);
	for (int c = 0; c < 16; c++)
		assert_int_equal(mp_listq_cell_width(q, c), 0);
	mp_listq_free(q);
}

/* ---- XLSX ---- */

static void test_xlsx_number(void **state)
{
	double v;

	(void)state;
	assert_int_equal(mp_xlsx_number("57.1%", &v), 2);
	assert_true(v == strtod("0.571", NULL));
	assert_true(57.1 / 100.0 != strtod("0.571", NULL));  /* why it matters */
	assert_int_equal(mp_xlsx_number("100.0%", &v), 2);
	assert_true(v == 1.0);
	assert_int_equal(mp_xlsx_number("33.33%", &v), 2);
	assert_true(v == strtod("0.3333", NULL));
	assert_int_equal(mp_xlsx_number("1234.50", &v), 1);
	assert_true(v == 1234.5);
	assert_int_equal(mp_xlsx_number("12", &v), 1);
	assert_true(v == 12.0);
	assert_int_equal(mp_xlsx_number("—", &v), 0);
	assert_int_equal(mp_xlsx_number("12%%", &v), 0);
	assert_int_equal(mp_xlsx_number("12 h", &v), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test_setup_teardown(test_overview, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_report, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_duplicate, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_ident, setup, mp_fx_teardown),
		cmocka_unit_test(test_xlsx_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
