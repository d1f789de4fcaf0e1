/* test_overview.c — the overview's figures on a known ledger: active
 * groups by legal status, volunteers on the register, this month's
 * activities and service hours and the last twelve months; and that the
 * figures follow when a record goes to the recycle bin, comes back or is
 * corrected. */
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
#include "mp_group.h"
#include "mp_overview.h"
#include "mp_volunteer.h"
#include "fixture.h"

/* A Wednesday; the twelve months run from 2024-07 to 2025-06. */
#define TODAY "2025-06-18"

#define USCC_OK "91350100M000100Y43"

struct fx {
	struct mp_fx fx;	/* first: mp_fx_teardown frees it all */
	int64_t group, zhang, li;
	int64_t act_june, act_may_binned;
	int64_t h_june_zhang, h_june_binned, h_may_no, h_april_li;
};

static int64_t add_group(struct fx *f, const char *name, const char *legal,
                         const char *state)
{
	mp_record *r = mp_fx_group(&f->fx, name, "幸福社区");

	mp_record_set(r, G_LEGAL, legal);
	if (!strcmp(legal, "登记"))
		mp_record_set(r, G_USCC, USCC_OK);
	if (!strcmp(legal, "备案"))
		mp_record_set(r, G_FILING, "幸福备〔2024〕001号");
	mp_record_set(r, G_STATE, state);
	return mp_fx_save_free(&f->fx, r);
}

static int64_t add_volunteer(struct fx *f, const char *name, const char *id_no,
                             const char *vol_no, const char *state)
{
	int64_t id = mp_fx_add_volunteer(&f->fx, name, id_no, vol_no);
	mp_record *r = NULL;
	mp_err e;

	assert_int_equal(mp_record_load(f->fx.db, &mp_volunteers, id, &r, &e), MP_OK);
	mp_record_set(r, V_STATE, state);
	mp_fx_save_free(&f->fx, r);
	return id;
}

static int64_t add_activity(struct fx *f, const char *name, const char *date)
{
	mp_record *r = mp_record_new(&mp_activities, &f->fx.cfg);

	mp_record_set(r, ACT_NAME, name);
	mp_fx_set_id(r, ACT_GROUP, f->group);
	mp_record_set(r, ACT_DATE, date);
	mp_record_set(r, ACT_START, "09:00");
	mp_record_set(r, ACT_END, "11:00");
	mp_record_set(r, ACT_PLACE, "社区活动室");
	return mp_fx_save_free(&f->fx, r);
}

static int64_t add_hours(struct fx *f, int64_t volunteer, const char *date,
                         const char *hours, const char *counts)
{
	mp_record *r = mp_record_new(&mp_hours, &f->fx.cfg);

	mp_fx_set_id(r, H_VOLUNTEER, volunteer);
	mp_fx_set_id(r, H_GROUP, f->group);
	mp_record_set(r, H_DATE, date);
	mp_record_set(r, H_CONTENT, "陪伴独居老人");
	mp_record_set(r, H_HOURS, hours);
	if (counts)
		mp_record_set(r, H_COUNTS, counts);
	return mp_fx_save_free(&f->fx, r);
}

static void bin(struct fx *f, const mp_table *t, int64_t id)
{
	mp_err e;

	if (mp_record_delete(f->fx.db, t, id, &e) != MP_OK)
		fail_msg("binning a %s: %s", t->name, e.msg);
}

static void set_field(struct fx *f, const mp_table *t, int64_t id, int i,
                      const char *v)
{
	mp_record *r = NULL;
	mp_err e;

	assert_int_equal(mp_record_load(f->fx.db, t, id, &r, &e), MP_OK);
	mp_record_set(r, i, v);
	mp_fx_save_free(&f->fx, r);
}

/* The known ledger:
 *   groups   活跃: 登记 ×1, 备案 ×2, 未登记 ×1; also 休眠 未登记, 注销 备案,
 *            and an 活跃 登记 one in the recycle bin;
 *   people   在册 ×2 (张三, 李四), 退出 ×1, 暂停 ×1, 在册 in the bin ×1;
 *   2024-06  1 activity, 3 h                  (outside the twelve months)
 *   2024-07  1 activity, 2 h                  (the oldest of the twelve)
 *   2025-04  2 activities, 2.5 + 1.5 h
 *   2025-05  1 activity (+1 in the bin), 3 h (+1.25 h 计入=否)
 *   2025-06  1 activity, 2 + 0.5 h (+1 h in the bin) */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	int64_t gone;

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	setenv("MIAOPU_TODAY", TODAY, 1);
	f->group = add_group(f, "幸福里夕阳红志愿服务队", "备案", "活跃");
	add_group(f, "幸福街道社区社会组织联合会", "登记", "活跃");
	add_group(f, "幸福里邻里互助会", "备案", "活跃");
	add_group(f, "桂花园社区书画社", "未登记", "活跃");
	add_group(f, "桂花园象棋协会", "未登记", "休眠");
	add_group(f, "柳塘村腰鼓队", "备案", "注销");
	gone = add_group(f, "滨河社区老年协会", "未登记", "活跃");
	bin(f, &mp_groups, gone);

	f->zhang = add_volunteer(f, "张三", "110105198001060021", "V001", "在册");
	f->li = add_volunteer(f, "李四", "110105199001010037", "V002", "在册");
	add_volunteer(f, "王五", "110105198502020036", "V003", "退出");
	add_volunteer(f, "赵六", "110105197003030040", "V004", "暂停");
	gone = add_volunteer(f, "孙七", "110105199504040051", "V005", "在册");
	bin(f, &mp_volunteers, gone);

	add_activity(f, "端午节包粽子", "2024-06-10");
	add_hours(f, f->zhang, "2024-06-10", "3", NULL);
	add_activity(f, "暑期纳凉晚会", "2024-07-05");
	add_hours(f, f->li, "2024-07-05", "2", NULL);
	add_activity(f, "空巢老人上门探访", "2025-04-10");
	add_activity(f, "邻里议事会", "2025-04-22");
	add_hours(f, f->zhang, "2025-04-10", "2.5", NULL);
	f->h_april_li = add_hours(f, f->li, "2025-04-22", "1.5", NULL);
	add_activity(f, "爱心义卖", "2025-05-01");
	f->act_may_binned = add_activity(f, "重复录入的义卖", "2025-05-01");
	bin(f, &mp_activities, f->act_may_binned);
	add_hours(f, f->zhang, "2025-05-01", "3", NULL);
	f->h_may_no = add_hours(f, f->li, "2025-05-01", "1.25", "否");
	f->act_june = add_activity(f, "便民维修服务日", "2025-06-02");
	f->h_june_zhang = add_hours(f, f->zhang, "2025-06-02", "2", NULL);
	add_hours(f, f->li, "2025-06-02", "0.5", NULL);
	f->h_june_binned = add_hours(f, f->li, "2025-06-03", "1", NULL);
	bin(f, &mp_hours, f->h_june_binned);
	*state = f;
	return 0;
}

static mp_overview get(struct fx *f)
{
	mp_overview o;
	mp_err e;

	if (mp_overview_get(f->fx.db, &o, &e) != MP_OK)
		fail_msg("overview: %s", e.msg);
	return o;
}

/* The month of months[] named m, or fail. */
static const mp_month *month(const mp_overview *o, const char *m)
{
	int i;

	for (i = 0; i < 12; i++)
		if (!strcmp(o->months[i].month, m))
			return &o->months[i];
	fail_msg("no month %s in the overview", m);
	return NULL;
}

static void test_groups_and_volunteers(void **state)
{
	struct fx *f = *state;
	mp_overview o = get(f);

	assert_int_equal(o.groups_active, 4);
	assert_int_equal(o.groups_registered, 1);
	assert_int_equal(o.groups_filed, 2);
	assert_int_equal(o.groups_unregistered, 1);
	assert_int_equal(o.volunteers, 2);
}

static void test_months(void **state)
{
	static const char *const names[12] = {
		"2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12",
		"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
	};
	struct fx *f = *state;
	mp_overview o = get(f);
	int i;

	for (i = 0; i < 12; i++)
		assert_string_equal(o.months[i].month, names[i]);
	/* Oldest first; the month before the twelve is not among them. */
	assert_int_equal(o.months[0].activities, 1);
	assert_true(o.months[0].hours == 2.0);
	for (i = 1; i < 9; i++) {
		assert_int_equal(o.months[i].activities, 0);
		assert_true(o.months[i].hours == 0.0);
	}
	assert_int_equal(o.months[9].activities, 2);
	assert_true(o.months[9].hours == 4.0);
	/* The binned activity and the hours that do not count are left out. */
	assert_int_equal(o.months[10].activities, 1);
	assert_true(o.months[10].hours == 3.0);
	assert_int_equal(o.months[11].activities, 1);
	assert_true(o.months[11].hours == 2.5);
	assert_int_equal(o.month_activities, 1);
	assert_true(o.month_hours == 2.5);
}

static void test_figures_follow_changes(void **state)
{
	struct fx *f = *state;
	mp_overview o;
	mp_err e;

	/* This month's activity goes to the bin, and comes back. */
	bin(f, &mp_activities, f->act_june);
	o = get(f);
	assert_int_equal(o.month_activities, 0);
	assert_int_equal(o.months[11].activities, 0);
	assert_int_equal(mp_record_restore(f->fx.db, &f->fx.cfg, &mp_activities,
	                                   f->act_june, &e), MP_OK);
	assert_int_equal(get(f).month_activities, 1);

	/* A corrected value: 2 hours were 4. */
	set_field(f, &mp_hours, f->h_june_zhang, H_HOURS, "4");
	o = get(f);
	assert_true(o.month_hours == 4.5);
	assert_true(month(&o, "2025-05")->hours == 3.0);

	/* A record to the bin and back. */
	bin(f, &mp_hours, f->h_june_zhang);
	assert_true(get(f).month_hours == 0.5);
	assert_int_equal(mp_record_restore(f->fx.db, &f->fx.cfg, &mp_hours,
	                                   f->h_june_zhang, &e), MP_OK);
	assert_true(get(f).month_hours == 4.5);

	/* 计入 否 → 是: May's 1.25 hours now count. */
	set_field(f, &mp_hours, f->h_may_no, H_COUNTS, "是");
	o = get(f);
	assert_true(month(&o, "2025-05")->hours == 4.25);

	/* A record moved to another month leaves the first one. */
	set_field(f, &mp_hours, f->h_april_li, H_DATE, "2025-06-01");
	o = get(f);
	assert_true(month(&o, "2025-04")->hours == 2.5);
	assert_true(o.month_hours == 6.0);

	/* A new activity today, a group falling asleep, a volunteer leaving. */
	add_activity(f, "夏季防溺水宣传", TODAY);
	set_field(f, &mp_groups, f->group, G_STATE, "休眠");
	set_field(f, &mp_volunteers, f->li, V_STATE, "退出");
	o = get(f);
	assert_int_equal(o.month_activities, 2);
	assert_int_equal(o.groups_active, 3);
	assert_int_equal(o.groups_filed, 1);
	assert_int_equal(o.groups_registered, 1);
	assert_int_equal(o.groups_unregistered, 1);
	assert_int_equal(o.volunteers, 1);
}

/* Hours added and taken away many times leave no binary noise: 0.1 ten
 * times is 1, as a person reads it. */
static void test_hours_no_noise(void **state)
{
	struct fx *f = *state;
	int64_t ids[10];
	mp_overview o;
	int i;

	for (i = 0; i < 10; i++)
		ids[i] = add_hours(f, f->zhang, "2025-03-05", "0.1", NULL);
	o = get(f);
	assert_true(month(&o, "2025-03")->hours == 1.0);
	for (i = 0; i < 7; i++)
		bin(f, &mp_hours, ids[i]);
	o = get(f);
	assert_true(month(&o, "2025-03")->hours == 0.3);
}

/* Twelve months named across a new year, all zero in an empty ledger. */
static void test_empty_ledger_new_year(void **state)
{
	struct mp_fx *fx = *state;
	mp_overview o;
	mp_err e;
	int i;

	setenv("MIAOPU_TODAY", "2026-01-03", 1);
	assert_int_equal(mp_overview_get(fx->db, &o, &e), MP_OK);
	assert_string_equal(o.months[0].month, "2025-02");
	assert_string_equal(o.months[10].month, "2025-12");
	assert_string_equal(o.months[11].month, "2026-01");
	for (i = 0; i < 12; i++) {
		assert_int_equal(o.months[i].activities, 0);
		assert_true(o.months[i].hours == 0.0);
	}
	assert_int_equal(o.groups_active + o.volunteers + o.month_activities, 0);
	assert_true(o.month_hours == 0.0);
}

/* The overview only reads: it shows on a ledger the user may not write,
 * and while another program holds the write lock in the middle of a save. */
static void test_reads_only(void **state)
{
	struct fx *f = *state;
	char path[128];
	sqlite3 *other = NULL;
	mp_overview o;
	mp_err e;

	snprintf(path, sizeof path, "%s/%s", f->fx.dir, MP_FX_DB);
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	f->fx.db->readonly = 1;
	assert_int_equal(mp_overview_get(f->fx.db, &o, &e), MP_OK);
	f->fx.db->readonly = 0;
	assert_int_equal(o.groups_active, 4);
	assert_int_equal(o.volunteers, 2);
	assert_true(o.month_hours == 2.5);
	/* And it left no transaction open behind it. */
	assert_int_equal(sqlite3_get_autocommit(f->fx.db->h), 1);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_groups_and_volunteers, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_months, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_figures_follow_changes, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_hours_no_noise, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_empty_ledger_new_year, mp_fx_setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_reads_only, setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
