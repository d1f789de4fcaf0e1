/* test_hours.c — activities and volunteer service records: the checks a
 * station relies on (end after start, hours above 0 and at most 24 a day,
 * no future dates), late entries, batches that are all or nothing, and the
 * totals shown on screens. */
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
#include "mp_config.h"
#include "mp_group.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "fixture.h"

/* A Wednesday. */
#define TODAY "2025-06-18"

struct fx {
	struct mp_fx fx;	/* first: mp_fx_teardown frees it all */
	int64_t group, group2, zhang, li;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	free(f->fx.cfg.operator_name);
	f->fx.cfg.operator_name = mp_strdup("王记录");
	setenv("MIAOPU_TODAY", TODAY, 1);
	f->group = mp_fx_add_group(&f->fx, "夕阳红志愿服务队");
	f->group2 = mp_fx_add_group(&f->fx, "邻里守望互助会");
	f->zhang = mp_fx_add_volunteer(&f->fx, "张三", "110105198001060021", "V001");
	f->li = mp_fx_add_volunteer(&f->fx, "李四", "110105199001010037", "V002");
	*state = f;
	return 0;
}

static mp_record *activity(struct fx *f, const char *name, const char *date,
                           const char *start, const char *end)
{
	mp_record *r = mp_record_new(&mp_activities, &f->fx.cfg);

	mp_record_set(r, ACT_NAME, name);
	mp_fx_set_id(r, ACT_GROUP, f->group);
	mp_record_set(r, ACT_DATE, date);
	mp_record_set(r, ACT_START, start);
	mp_record_set(r, ACT_END, end);
	mp_record_set(r, ACT_PLACE, "社区活动室");
	return r;
}

static mp_record *service(struct fx *f, int64_t volunteer, const char *date,
                          const char *hours)
{
	mp_record *r = mp_record_new(&mp_hours, &f->fx.cfg);

	mp_fx_set_id(r, H_VOLUNTEER, volunteer);
	mp_fx_set_id(r, H_GROUP, f->group);
	mp_record_set(r, H_DATE, date);
	mp_record_set(r, H_CONTENT, "陪伴独居老人");
	mp_record_set(r, H_HOURS, hours);
	return r;
}

static long live_hours_rows(struct fx *f)
{
	return mp_fx_sql_int(&f->fx, "SELECT count(*) FROM hours WHERE deleted_at IS NULL");
}

/* ---- activities ---- */

static void test_activity_end_after_start(void **state)
{
	struct fx *f = *state;
	mp_record *r = activity(f, "重阳节敬老活动", "2025-06-10", "14:00", "13:30");
	mp_err e;

	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, ACT_END);
	assert_non_null(strstr(e.msg, "End time"));
	assert_non_null(strstr(e.msg, "14:00"));
	assert_int_equal(r->id, 0);
	/* Ending when it starts is no activity either. */
	mp_record_set(r, ACT_END, "14:00");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, ACT_END);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM activities"), 0);

	mp_record_set(r, ACT_END, "16:30");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	assert_true(r->id > 0);
	mp_record_free(r);

	/* Counts not negative. */
	r = activity(f, "社区议事会", "2025-06-11", "", "");
	mp_record_set(r, ACT_PARTICIPANTS, "-3");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, ACT_PARTICIPANTS);
	mp_record_free(r);
}

static void test_activity_duration(void **state)
{
	struct fx *f = *state;
	mp_record *r = activity(f, "读书会", "2025-06-10", "09:00", "11:30");
	char buf[32];

	assert_string_equal(mp_activity_duration(r, buf, sizeof buf), "2.5");
	mp_record_set(r, ACT_END, "10:40");
	assert_string_equal(mp_activity_duration(r, buf, sizeof buf), "1.67");
	mp_record_set(r, ACT_END, "10:00");
	assert_string_equal(mp_activity_duration(r, buf, sizeof buf), "1");
	mp_record_set(r, ACT_END, "");
	assert_string_equal(mp_activity_duration(r, buf, sizeof buf), "0");
	mp_record_free(r);
}

/* ---- one record ---- */

static void test_hours_values(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = { "0", "-1", "25", "abc", "24.5", "" };
	mp_record *r;
	mp_err e;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = service(f, f->zhang, "2025-06-10", bad[i]);
		if (mp_record_save(f->fx.db, &f->fx.cfg, r, &e) != MP_EINVAL)
			fail_msg("hours “%s” was accepted", bad[i]);
		assert_int_equal(e.field, H_HOURS);
		assert_non_null(strstr(e.msg, "Service hours"));
		/* A failed save keeps what was typed. */
		assert_string_equal(r->v[H_HOURS], bad[i]);
		mp_record_free(r);
	}
	assert_int_equal(live_hours_rows(f), 0);

	r = service(f, f->zhang, "2025-06-10", "24");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	assert_string_equal(r->v[H_HOURS], "24");
	mp_record_free(r);
	r = service(f, f->li, "2025-06-10", "1.50");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	assert_string_equal(r->v[H_HOURS], "1.5");
	mp_record_free(r);
	assert_int_equal(live_hours_rows(f), 2);
}

static void test_at_most_24_a_day(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f, f->zhang, "2025-06-10", "20");
	mp_err e;

	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	mp_record_free(r);

	r = service(f, f->zhang, "2025-06-10", "5");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, H_HOURS);
	assert_string_equal(e.msg, "Service hours: 张三 already has 20 hours on 2025-06-10; at most 24 a day");
	assert_int_equal(r->id, 0);

	/* Another day, or another volunteer, is another 24 hours. */
	mp_record_set(r, H_DATE, "2025-06-11");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	mp_record_free(r);
	r = service(f, f->li, "2025-06-10", "5");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	mp_record_free(r);

	r = service(f, f->zhang, "2025-06-10", "4");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	mp_record_free(r);
	/* 24 reached: not even a quarter of an hour more. */
	r = service(f, f->zhang, "2025-06-10", "0.25");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "already has 24 hours"));
	mp_record_free(r);

	/* The refused records left nothing behind: 20 + 4 that day, 5 the next,
	 * 5 for 李四. */
	assert_int_equal(live_hours_rows(f), 4);
}

static void test_update_does_not_count_itself(void **state)
{
	struct fx *f = *state;
	mp_record *a = service(f, f->zhang, "2025-06-10", "20");
	mp_record *b;
	mp_err e;

	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_OK);
	mp_record_set(a, H_HOURS, "22");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_OK);
	b = service(f, f->zhang, "2025-06-10", "2");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, b, &e), MP_OK);
	mp_record_set(a, H_HOURS, "23");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "张三 already has 2 hours on 2025-06-10"));

	/* Deleting b frees the day for a's correction. */
	assert_int_equal(mp_record_delete(f->fx.db, &mp_hours, b->id, &e), MP_OK);
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_OK);
	assert_int_equal(live_hours_rows(f), 1);
	mp_record_free(a);
	mp_record_free(b);
}

static void test_no_future_date(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f, f->zhang, "2025-06-19", "2");
	mp_err e;

	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, H_DATE);
	assert_non_null(strstr(e.msg, "2025-06-19 is in the future"));
	mp_record_set(r, H_DATE, TODAY);
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	mp_record_free(r);
}

static void test_recorder_and_late_note(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f, f->zhang, "2025-06-04", "2");
	mp_record *late, *back;
	mp_err e;

	/* Typed values for the core's own fields are not taken. */
	mp_record_set(r, H_RECORDER, "冒名");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	assert_string_equal(r->v[H_RECORDER], "王记录");
	assert_int_equal(strncmp(r->v[H_RECORDED_AT], TODAY " ", 11), 0);
	assert_int_equal(strlen(r->v[H_RECORDED_AT]), 19);
	/* Exactly 10 working days after the service: on time. */
	assert_string_equal(r->v[H_LATE], "");

	late = service(f, f->zhang, "2025-06-03", "2");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, late, &e), MP_OK);
	assert_string_equal(late->v[H_LATE], "补录（11 个工作日后录入）");
	assert_int_equal(mp_record_load(f->fx.db, &mp_hours, late->id, &back, &e), MP_OK);
	assert_string_equal(back->v[H_LATE], "补录（11 个工作日后录入）");
	assert_string_equal(back->v[H_COUNTS], "是");
	mp_record_free(back);

	/* A correction days later keeps who recorded it and when; correcting
	 * the service date to a recent one clears the note. */
	setenv("MIAOPU_TODAY", "2025-06-20", 1);
	free(f->fx.cfg.operator_name);
	f->fx.cfg.operator_name = mp_strdup("赵核对");
	mp_record_set(late, H_DATE, "2025-06-16");
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, late, &e), MP_OK);
	assert_string_equal(late->v[H_RECORDER], "王记录");
	assert_int_equal(strncmp(late->v[H_RECORDED_AT], TODAY " ", 11), 0);
	assert_string_equal(late->v[H_LATE], "");
	mp_record_free(late);
	mp_record_free(r);
}

static void test_working_days(void **state)
{
	(void)state;
	assert_int_equal(mp_working_days_between("2025-06-04", "2025-06-18"), 10);
	assert_int_equal(mp_working_days_between("2025-06-03", "2025-06-18"), 11);
	/* Friday to Monday: one; Saturday to Sunday: none. */
	assert_int_equal(mp_working_days_between("2025-06-13", "2025-06-16"), 1);
	assert_int_equal(mp_working_days_between("2025-06-14", "2025-06-15"), 0);
	assert_int_equal(mp_working_days_between("2025-06-13", "2025-06-20"), 5);
	assert_int_equal(mp_working_days_between("2025-06-14", "2025-06-21"), 5);
	/* Across a year end and a leap day. */
	assert_int_equal(mp_working_days_between("2024-12-27", "2025-01-06"), 6);
	assert_int_equal(mp_working_days_between("2024-02-28", "2024-03-01"), 2);
	assert_int_equal(mp_working_days_between("2025-06-18", "2025-06-18"), 0);
	assert_int_equal(mp_working_days_between("2025-06-18", "2025-06-01"), 0);
	assert_int_equal(mp_working_days_between("", "2025-06-01"), 0);
	assert_int_equal(mp_working_days_between("2025-02-30", "2025-03-10"), 0);
}

/* ---- totals ---- */

static void test_not_counting_never_counts(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f, f->zhang, "2025-06-10", "3");
	double total = -1, year = -1;
	long vols = -1;
	mp_err e;

	mp_fx_save_free(&f->fx, r);
	r = service(f, f->zhang, "2025-06-11", "2");
	mp_record_set(r, H_COUNTS, "否");
	mp_fx_save_free(&f->fx, r);
	r = service(f, f->li, "2025-06-11", "4");
	mp_record_set(r, H_COUNTS, "否");
	mp_fx_save_free(&f->fx, r);

	assert_int_equal(mp_volunteer_hours(f->fx.db, f->zhang, &total, &year, &e), MP_OK);
	assert_true(total == 3 && year == 3);
	assert_int_equal(mp_volunteer_hours(f->fx.db, f->li, &total, &year, &e), MP_OK);
	assert_true(total == 0 && year == 0);
	assert_int_equal(mp_group_hours(f->fx.db, f->group, &total, &vols, &e), MP_OK);
	assert_true(total == 3);
	assert_int_equal(vols, 1);
}

static void test_totals_this_year(void **state)
{
	struct fx *f = *state;
	mp_record *r;
	double total = -1, year = -1;
	long vols = 0;
	int64_t gone;
	char buf[32];
	mp_err e;

	mp_fx_save_free(&f->fx, service(f, f->zhang, "2024-12-31", "4"));
	mp_fx_save_free(&f->fx, service(f, f->zhang, "2025-01-01", "3"));
	mp_fx_save_free(&f->fx, service(f, f->zhang, TODAY, "1.5"));
	r = service(f, f->li, TODAY, "2.25");
	mp_record_set(r, H_GROUP, "");
	mp_fx_save_free(&f->fx, r);
	gone = mp_fx_save_free(&f->fx, service(f, f->zhang, "2025-02-03", "8"));
	assert_int_equal(mp_record_delete(f->fx.db, &mp_hours, gone, &e), MP_OK);

	assert_int_equal(mp_volunteer_hours(f->fx.db, f->zhang, &total, &year, &e), MP_OK);
	assert_string_equal(mp_hours_str(total, buf, sizeof buf), "8.5");
	assert_string_equal(mp_hours_str(year, buf, sizeof buf), "4.5");
	assert_int_equal(mp_volunteer_hours(f->fx.db, f->li, &total, NULL, &e), MP_OK);
	assert_string_equal(mp_hours_str(total, buf, sizeof buf), "2.25");
	assert_int_equal(mp_group_hours(f->fx.db, f->group, &total, &vols, &e), MP_OK);
	assert_string_equal(mp_hours_str(total, buf, sizeof buf), "8.5");
	assert_int_equal(vols, 1);
	assert_int_equal(mp_group_hours(f->fx.db, f->group2, &total, &vols, &e), MP_OK);
	assert_true(total == 0 && vols == 0);

	/* Next year, this year's hours start again from nothing. */
	setenv("MIAOPU_TODAY", "2026-01-02", 1);
	assert_int_equal(mp_volunteer_hours(f->fx.db, f->zhang, &total, &year, &e), MP_OK);
	assert_true(total == 8.5 && year == 0);
}

static void test_hours_str(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(mp_hours_str(12.5, buf, sizeof buf), "12.5");
	assert_string_equal(mp_hours_str(3, buf, sizeof buf), "3");
	assert_string_equal(mp_hours_str(0, buf, sizeof buf), "0");
	assert_string_equal(mp_hours_str(1.67, buf, sizeof buf), "1.67");
	assert_string_equal(mp_hours_str(0.1 + 0.2, buf, sizeof buf), "0.3");
	assert_string_equal(mp_hours_str(1234.05, buf, sizeof buf), "1234.05");
}

/* ---- from an activity, many at once ---- */

static void test_group_from_activity(void **state)
{
	struct fx *f = *state;
	mp_record *a = activity(f, "端午包粽子", "2025-06-01", "09:00", "11:00");
	mp_record *r;
	char gid[32];
	mp_err e;

	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_OK);
	r = service(f, f->zhang, "2025-06-01", "2");
	mp_record_set(r, H_GROUP, "");
	mp_fx_set_id(r, H_ACTIVITY, a->id);
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	snprintf(gid, sizeof gid, "%lld", (long long)f->group);
	assert_string_equal(r->v[H_GROUP], gid);
	mp_record_free(r);

	/* A group that is not the activity's is refused. */
	r = service(f, f->li, "2025-06-01", "2");
	mp_fx_set_id(r, H_GROUP, f->group2);
	mp_fx_set_id(r, H_ACTIVITY, a->id);
	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_EINVAL);
	assert_int_equal(e.field, H_GROUP);
	assert_non_null(strstr(e.msg, "夕阳红志愿服务队"));
	mp_record_free(r);
	mp_record_free(a);
}

static void test_from_activity_prefilled(void **state)
{
	struct fx *f = *state;
	mp_record *a = activity(f, "端午包粽子", "2025-06-01", "09:00", "10:30");
	mp_record *r;
	char buf[32];
	mp_err e;

	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_OK);
	r = mp_hours_from_activity(&f->fx.cfg, a, f->li);
	snprintf(buf, sizeof buf, "%lld", (long long)f->li);
	assert_string_equal(r->v[H_VOLUNTEER], buf);
	snprintf(buf, sizeof buf, "%lld", (long long)a->id);
	assert_string_equal(r->v[H_ACTIVITY], buf);
	assert_string_equal(r->v[H_GROUP], a->v[ACT_GROUP]);
	assert_string_equal(r->v[H_DATE], "2025-06-01");
	assert_string_equal(r->v[H_PLACE], "社区活动室");
	assert_string_equal(r->v[H_CONTENT], "端午包粽子");
	assert_string_equal(r->v[H_HOURS], "1.5");
	assert_string_equal(r->v[H_COUNTS], "是");
	mp_record_free(r);

	/* No times: the hours are left to type. */
	mp_record_set(a, ACT_END, "");
	r = mp_hours_from_activity(&f->fx.cfg, a, f->li);
	assert_string_equal(r->v[H_HOURS], "");
	mp_record_free(r);
	mp_record_free(a);
}

static void test_batch_all_or_nothing(void **state)
{
	struct fx *f = *state;
	mp_record *a = activity(f, "社区环境清洁日", "2025-06-14", "08:30", "11:30");
	mp_record *recs[2];
	char buf[256];
	mp_err e;

	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, a, &e), MP_OK);
	recs[0] = mp_hours_from_activity(&f->fx.cfg, a, f->zhang);
	recs[1] = mp_hours_from_activity(&f->fx.cfg, a, f->li);
	mp_record_set(recs[1], H_HOURS, "25");

	assert_int_equal(mp_hours_save_batch(f->fx.db, &f->fx.cfg, recs, 2, &e), MP_EINVAL);
	assert_int_equal(e.index, 1);
	assert_int_equal(e.field, H_HOURS);
	assert_int_equal(strncmp(e.msg, "李四: ", strlen("李四: ")), 0);
	assert_int_equal(live_hours_rows(f), 0);
	/* The first record, saved and rolled back, is new again. */
	assert_int_equal(recs[0]->id, 0);
	assert_string_equal(recs[0]->uuid, "");
	assert_string_equal(recs[1]->v[H_HOURS], "25");
	assert_int_equal(f->fx.db->depth, 0);

	/* Fixed, both go in together. */
	mp_record_set(recs[1], H_HOURS, "2.5");
	assert_int_equal(mp_hours_save_batch(f->fx.db, &f->fx.cfg, recs, 2, &e), MP_OK);
	assert_int_equal(e.index, -1);
	assert_true(recs[0]->id > 0 && recs[1]->id > recs[0]->id);
	assert_int_equal(live_hours_rows(f), 2);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM hours WHERE activity_id IS NOT NULL"
	                                " AND recorder = '王记录'"), 2);
	mp_activities.summary(f->fx.db, a, buf, sizeof buf);
	assert_string_equal(buf, "2 service records, 5.5 hours");
	mp_record_free(recs[0]);
	mp_record_free(recs[1]);

	/* The 24-hour rule sees the records earlier in the same batch. */
	recs[0] = service(f, f->zhang, "2025-06-12", "20");
	recs[1] = service(f, f->zhang, "2025-06-12", "5");
	assert_int_equal(mp_hours_save_batch(f->fx.db, &f->fx.cfg, recs, 2, &e), MP_EINVAL);
	assert_int_equal(e.index, 1);
	assert_non_null(strstr(e.msg, "张三: Service hours: 张三 already has 20 hours on 2025-06-12"));
	assert_int_equal(live_hours_rows(f), 2);
	mp_record_free(recs[0]);
	mp_record_free(recs[1]);

	/* A batch inside a caller's transaction is part of it. */
	recs[0] = service(f, f->li, "2025-06-13", "1");
	assert_int_equal(mp_db_begin(f->fx.db, &e), MP_OK);
	assert_int_equal(mp_hours_save_batch(f->fx.db, &f->fx.cfg, recs, 1, &e), MP_OK);
	mp_db_rollback(f->fx.db);
	assert_int_equal(live_hours_rows(f), 2);
	mp_record_free(recs[0]);
	mp_record_free(a);
}

/* A record named in a message says what kind it is and which one: a
 * service record is not its volunteer. */
static void test_describe(void **state)
{
	struct fx *f = *state;
	mp_record *r = service(f, f->zhang, "2025-06-17", "3.5");
	mp_record *m = mp_record_new(&mp_memberships, &f->fx.cfg);
	mp_record *v = NULL;
	char buf[512];
	mp_err e;

	assert_int_equal(mp_record_save(f->fx.db, &f->fx.cfg, r, &e), MP_OK);
	assert_string_equal(mp_record_name(f->fx.db, r, buf, sizeof buf),
	                    "张三 2025-06-17 3.5 hours");
	assert_string_equal(mp_record_describe(f->fx.db, r, buf, sizeof buf),
	                    "service record “张三 2025-06-17 3.5 hours”");
	/* By id, also from the recycle bin, where a restore names it. */
	assert_int_equal(mp_record_delete(f->fx.db, &mp_hours, r->id, &e), MP_OK);
	assert_int_equal(mp_record_describe_id(f->fx.db, &mp_hours, r->id, buf,
	                                       sizeof buf, &e), MP_OK);
	assert_string_equal(buf, "service record “张三 2025-06-17 3.5 hours”");
	assert_int_equal(mp_record_describe_id(f->fx.db, &mp_hours, 999999, buf,
	                                       sizeof buf, &e), MP_ENOTFOUND);

	/* A membership names the volunteer and the group. */
	mp_fx_set_id(m, M_VOLUNTEER, f->li);
	mp_fx_set_id(m, M_GROUP, f->group);
	assert_string_equal(mp_record_describe(f->fx.db, m, buf, sizeof buf),
	                    "membership “李四 夕阳红志愿服务队”");

	/* A type without its own describe: its first field. */
	assert_int_equal(mp_record_load(f->fx.db, &mp_volunteers, f->li, &v, &e), MP_OK);
	assert_string_equal(mp_record_describe(f->fx.db, v, buf, sizeof buf),
	                    "volunteer “李四”");
	/* Empty fields are left out, and a small buffer is cut, not overrun. */
	mp_record_set(r, H_DATE, "");
	assert_string_equal(mp_record_name(f->fx.db, r, buf, sizeof buf),
	                    "张三 3.5 hours");
	assert_string_equal(mp_record_name(f->fx.db, r, buf, 5), "张");
	mp_record_free(v);
	mp_record_free(m);
	mp_record_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_activity_end_after_start, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_activity_duration, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_hours_values, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_at_most_24_a_day, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_update_does_not_count_itself, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_no_future_date, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_recorder_and_late_note, setup, mp_fx_teardown),
		cmocka_unit_test(test_working_days),
		cmocka_unit_test_setup_teardown(test_not_counting_never_counts, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_totals_this_year, setup, mp_fx_teardown),
		cmocka_unit_test(test_hours_str),
		cmocka_unit_test_setup_teardown(test_group_from_activity, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_from_activity_prefilled, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_batch_all_or_nothing, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_describe, setup, mp_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
