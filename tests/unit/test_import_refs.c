/* test_import_refs.c — import of activities and service records: the
 * group, volunteer and activity each row names found again (or the row
 * refused with its line, field and reason), the checks of the form, the
 * natural duplicates, all or nothing, and the progress callback. */
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
#include "mp_import.h"
#include "mp_text.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define ID_1 "350102199006150018"
#define ID_2 "350102198001011233"
#define ID_3 "110105198512030027"

struct fx {
	struct mp_fx fx;
	int64_t g1, g2, g3, v1, v2, v3, a1, a2, a3;
};

/* Groups 阳光队 (幸福社区), 夕阳红 in two communities; volunteers 王芳 and
 * another 王芳 and 李强; activities 敬老 on two days and 读书会. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	mp_record *r;

	if (!f || mp_fx_open(&f->fx) != 0)
		return -1;
	setenv("MIAOPU_TODAY", "2025-06-30", 1);
	f->g1 = mp_fx_add_group(&f->fx, "阳光队");
	f->g2 = mp_fx_save_free(&f->fx, mp_fx_group(&f->fx, "夕阳红", "幸福社区"));
	f->g3 = mp_fx_save_free(&f->fx, mp_fx_group(&f->fx, "夕阳红", "和平社区"));
	f->v1 = mp_fx_add_volunteer(&f->fx, "王芳", ID_1, "V001");
	f->v2 = mp_fx_add_volunteer(&f->fx, "王芳", ID_2, "V002");
	f->v3 = mp_fx_add_volunteer(&f->fx, "李强", ID_3, "");
	r = mp_record_new(&mp_activities, &f->fx.cfg);
	mp_record_set(r, ACT_NAME, "敬老");
	mp_fx_set_id(r, ACT_GROUP, f->g1);
	mp_record_set(r, ACT_DATE, "2025-06-01");
	f->a1 = mp_fx_save(&f->fx, r);
	mp_record_set(r, ACT_DATE, "2025-06-08");
	r->id = 0;
	r->uuid[0] = r->created[0] = r->updated[0] = '\0';
	f->a2 = mp_fx_save(&f->fx, r);
	mp_record_set(r, ACT_NAME, "读书会");
	mp_fx_set_id(r, ACT_GROUP, f->g2);
	r->id = 0;
	r->uuid[0] = r->created[0] = r->updated[0] = '\0';
	f->a3 = mp_fx_save_free(&f->fx, r);
	*state = f;
	return 0;
}

static int import_str(struct fx *f, const mp_table *t, const char *text,
                      int dry_run, mp_import_result *res, mp_err *e)
{
	FILE *in = tmpfile();
	int rc;

	assert_non_null(in);
	assert_int_equal(fwrite(text, 1, strlen(text), in), strlen(text));
	rewind(in);
	rc = mp_import_csv(f->fx.db, &f->fx.cfg, t, in, dry_run, res, e);
	fclose(in);
	return rc;
}

static const mp_import_msg *find_msg(const mp_import_result *res, int kind,
                                     long line, int field, const char *what)
{
	int i;

	for (i = 0; i < res->nmsgs; i++)
		if (res->msgs[i].kind == kind && res->msgs[i].line == line
		    && res->msgs[i].field == field && strstr(res->msgs[i].text, what))
			return &res->msgs[i];
	return NULL;
}

#define ASSERT_MSG(res, kind, line, field, what) \
	do { \
		if (!find_msg(res, kind, line, field, what)) { \
			for (int k_ = 0; k_ < (res)->nmsgs; k_++) \
				print_message("  %s\n", (res)->msgs[k_].text); \
			fail_msg("no message on line %d, field %d, with “%s”", \
			         (int)(line), (int)(field), what); \
		} \
	} while (0)

static long count(struct fx *f, const char *sql)
{
	return mp_fx_sql_int(&f->fx, sql);
}

/* Groups by name; an unknown or ambiguous one refuses the row naming line
 * and field; 组织UUID says which of two of a name. */
static void test_activities_find_groups(void **state)
{
	struct fx *f = *state;
	mp_import_result res;
	mp_record *g3;
	char *csv;
	mp_err e;

	assert_int_equal(import_str(f, &mp_activities,
	        "活动名称,组织,日期,参与人次\n"
	        "义诊,阳光队,2025-05-01,30\n"
	        "合唱,夕阳红,2025-05-02,10\n"
	        "舞会,没有这个队,2025-05-03,\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.refused, 2);
	assert_false(res.written);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 3, ACT_GROUP, "夕阳红");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 3, ACT_GROUP, "组织UUID");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 4, ACT_GROUP, "没有这个队");
	mp_import_result_free(&res);
	assert_int_equal(count(f, "SELECT count(*) FROM activities"), 3);

	assert_int_equal(mp_record_load(f->fx.db, &mp_groups, f->g3, &g3, &e), MP_OK);
	csv = mp_asprintf("活动名称,组织,日期,组织UUID\n"
	                  "义诊,阳光队,2025-05-01,\n"
	                  "合唱,夕阳红,2025-05-02,%s\n", g3->uuid);
	assert_int_equal(import_str(f, &mp_activities, csv, 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 2);
	assert_true(res.written);
	mp_import_result_free(&res);
	free(csv);
	mp_record_free(g3);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT group_id FROM activities"
	                               " WHERE name = '合唱'"), f->g3);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT group_id FROM activities"
	                               " WHERE name = '义诊'"), f->g1);
}

/* Every check of the activity form, each with its field; the same name,
 * group and date again (in the ledger or earlier in the file) is skipped. */
static void test_activities_checks_and_duplicates(void **state)
{
	struct fx *f = *state;
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_str(f, &mp_activities,
	        "活动名称,组织,日期,开始时间,结束时间,参与人次,活动类型\n"
	        ",阳光队,2025-05-01,,,,\n"
	        "甲,阳光队,2025-02-30,,,,\n"
	        "乙,阳光队,2025-05-01,10:00,09:00,,\n"
	        "丙,阳光队,2025-05-01,25:00,,,\n"
	        "丁,阳光队,2025-05-01,,,-3,\n"
	        "戊,阳光队,2025-05-01,,,,不是类型\n", 1, &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 6);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 2, ACT_NAME, "required");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 3, ACT_DATE, "does not exist");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 4, ACT_END, "after the start");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 5, ACT_START, "not a time");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 6, ACT_PARTICIPANTS, "whole number");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 7, ACT_TYPE, "not one of the choices");
	mp_import_result_free(&res);

	assert_int_equal(import_str(f, &mp_activities,
	        "活动名称,组织,日期\n"
	        "敬老,阳光队,2025-06-01\n"       /* in the ledger */
	        "敬老,阳光队,2025-06-15\n"       /* another day: new */
	        "敬老,阳光队,2025-06-15\n"       /* again in the file */
	        "读书会,阳光队,2025-06-08\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.skipped, 2);
	ASSERT_MSG(&res, MP_IMPORT_DUP, 2, ACT_NAME, "skipped");
	ASSERT_MSG(&res, MP_IMPORT_DUP, 4, ACT_NAME, "skipped");
	mp_import_result_free(&res);
	assert_int_equal(count(f, "SELECT count(*) FROM activities WHERE name = '敬老'"), 3);
}

/* Volunteers by an ID number or volunteer number column, or the number in
 * the 志愿者 cell; never by name alone; a name beside a number must match. */
static void test_hours_find_volunteers(void **state)
{
	struct fx *f = *state;
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,身份证号,志愿者编号,服务日期,服务时长(小时),服务内容\n"
	        "王芳," ID_2 ",,2025-06-02,2,探访\n"
	        "王芳,,V001,2025-06-02,1.5,探访\n"
	        ID_3 ",,,2025-06-03,3,值班\n"
	        "V002,,,2025-06-04,1,值班\n"
	        "王芳,,,2025-06-05,1,值班\n"
	        "李强," ID_1 ",,2025-06-05,1,值班\n"
	        "王芳,350102199006150019,,2025-06-05,1,值班\n"
	        "王芳,350102********0018,,2025-06-05,1,值班\n"
	        ",,,2025-06-05,1,值班\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.added, 4);
	assert_int_equal(res.refused, 5);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 6, H_VOLUNTEER, "a name is not enough");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 7, H_VOLUNTEER, "王芳");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 7, H_VOLUNTEER, "李强");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 8, H_VOLUNTEER, "350102199006150019");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 9, H_VOLUNTEER, "--full");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 10, H_VOLUNTEER, "required");
	mp_import_result_free(&res);
	/* All or nothing. */
	assert_int_equal(count(f, "SELECT count(*) FROM hours"), 0);

	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,身份证号,志愿者编号,服务日期,服务时长(小时),服务内容\n"
	        "王芳," ID_2 ",,2025-06-02,2,探访\n"
	        "王芳,,V001,2025-06-02,1.5,探访\n"
	        ID_3 ",,,2025-06-03,3,值班\n"
	        "V002,,,2025-06-04,1,值班\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 4);
	mp_import_result_free(&res);
	assert_int_equal(count(f, "SELECT count(*) FROM hours"), 4);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT volunteer_id FROM hours"
	                               " WHERE hours = 1.5"), f->v1);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT count(*) FROM hours"
	                               " WHERE volunteer_id = 2"), 2);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT volunteer_id FROM hours"
	                               " WHERE hours = 3"), f->v3);
}

/* An activity by name within the row's group; of two of a name, the one
 * on the 活动日期, else on the service date; the group comes from the
 * activity when the row has none, and must be the activity's if given. */
static void test_hours_find_activities(void **state)
{
	struct fx *f = *state;
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,组织,活动,活动日期,服务日期,服务时长(小时)\n"
	        "V001,,敬老,2025-06-08,2025-06-09,2\n"
	        "V002,阳光队,敬老,,2025-06-01,2\n"
	        "V001,,读书会,,2025-06-08,1\n"
	        "V002,,敬老,,2025-06-20,1\n"
	        "V001,,下棋,,2025-06-20,1\n"
	        "V001,夕阳红,读书会,,2025-06-08,1\n"
	        "V001,阳光队,读书会,,2025-06-08,1\n"
	        "V001,不存在,敬老,,2025-06-08,1\n"
	        "V001,,敬老,2025-13-01,2025-06-08,1\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.added, 3);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 5, H_ACTIVITY, "活动日期");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 6, H_ACTIVITY, "下棋");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 7, H_GROUP, "夕阳红");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 8, H_ACTIVITY, "读书会");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 9, H_GROUP, "不存在");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 10, H_ACTIVITY, "2025-13-01");
	assert_int_equal(res.refused, 6);
	mp_import_result_free(&res);

	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,组织,活动,活动日期,服务日期,服务时长(小时)\n"
	        "V001,,敬老,2025-06-08,2025-06-09,2\n"
	        "V002,阳光队,敬老,,2025-06-01,2\n"
	        "V001,,读书会,,2025-06-08,1\n", 0, &res, &e), MP_OK);
	mp_import_result_free(&res);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT activity_id FROM hours"
	                               " WHERE date = '2025-06-09'"), f->a2);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT activity_id FROM hours"
	                               " WHERE date = '2025-06-01'"), f->a1);
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT activity_id FROM hours"
	                               " WHERE hours = 1"), f->a3);
	/* The group taken from the activity. */
	assert_int_equal(mp_fx_sql_int(&f->fx, "SELECT group_id FROM hours"
	                               " WHERE hours = 1"), f->g2);
}

/* The save does not look up again the references the import found, but
 * it does those the table's prepare fills: a service record's group taken
 * from its activity, when that group is in the recycle bin (an older
 * ledger's leftover: the activity still live), refuses the row. */
static void test_hours_group_from_activity_binned(void **state)
{
	struct fx *f = *state;
	mp_import_result res;
	mp_err e;
	char *sql = mp_asprintf("UPDATE groups SET deleted_at = '2025-06-10 09:00:00'"
	                        " WHERE id = %lld", (long long)f->g2);

	assert_int_equal(sqlite3_exec(f->fx.db->h, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,组织,活动,活动日期,服务日期,服务时长(小时)\n"
	        "V002,阳光队,敬老,,2025-06-01,2\n"
	        "V001,,读书会,,2025-06-08,1\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 1);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 3, H_GROUP, "no such");
	mp_import_result_free(&res);
	assert_int_equal(count(f, "SELECT count(*) FROM hours"), 0);
}

/* The service record checks (24 hours a day, no future date, hours above
 * 0) with their fields; a record already there is skipped, also when the
 * file repeats it; the import is all or nothing. */
static void test_hours_checks_and_duplicates(void **state)
{
	struct fx *f = *state;
	mp_import_result res;
	mp_err e;

	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,服务日期,服务时长(小时),服务内容,计入志愿服务时长\n"
	        "V001,2025-06-02,20,值班,是\n"
	        "V001,2025-06-02,5,探访,是\n"
	        "V001,2025-07-01,1,值班,是\n"
	        "V001,2025-06-03,0,值班,是\n"
	        "V001,2025-06-03,abc,值班,是\n"
	        "V001,2025-06-03,1,值班,也许\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.refused, 5);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 3, H_HOURS, "24");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 4, H_DATE, "future");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 5, H_HOURS, "more than 0");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 6, H_HOURS, "abc");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 7, H_COUNTS, "not one of the choices");
	mp_import_result_free(&res);
	assert_int_equal(count(f, "SELECT count(*) FROM hours"), 0);

	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,服务日期,服务时长(小时),服务内容\n"
	        "V001,2025-06-02,2,值班\n"
	        "V001,2025-06-02,2,值班\n"
	        "V001,2025-06-02,2.00,值班\n"
	        "V001,2025-06-02,2,探访\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.skipped, 2);
	ASSERT_MSG(&res, MP_IMPORT_DUP, 3, H_DATE, "skipped");
	ASSERT_MSG(&res, MP_IMPORT_DUP, 4, H_DATE, "skipped");
	mp_import_result_free(&res);
	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,服务日期,服务时长(小时),服务内容\n"
	        "V001,2025-06-02,2,值班\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.skipped, 1);
	mp_import_result_free(&res);
	assert_int_equal(count(f, "SELECT count(*) FROM hours"), 2);
	/* Recorded by the operator, now: the form's rules. */
	assert_int_equal(count(f, "SELECT count(*) FROM hours WHERE recorded_at"
	                          " LIKE '2025-06-30 %'"), 2);
}

struct seen {
	int calls;
	long rows;
	size_t done, total;
	int monotonic;
};

static void on_progress(void *arg, long rows, size_t done, size_t total)
{
	struct seen *s = arg;

	if (done < s->done || rows < s->rows)
		s->monotonic = 0;
	s->calls++;
	s->rows = rows;
	s->done = done;
	s->total = total;
}

/* Progress comes every MP_IMPORT_PROGRESS_ROWS rows and once at the end,
 * with the bytes read growing to the whole. */
static void test_progress(void **state)
{
	struct fx *f = *state;
	long n = 2 * MP_IMPORT_PROGRESS_ROWS + 7, i;
	struct seen s = { 0, 0, 0, 0, 1 };
	mp_import_opts o = { 0 };
	mp_import_result res;
	FILE *in = tmpfile();
	mp_err e;

	assert_non_null(in);
	fputs("活动名称,组织,日期\n", in);
	for (i = 0; i < n; i++)
		fprintf(in, "活动%ld,阳光队,2025-05-01\n", i);
	rewind(in);
	o.dry_run = 1;
	o.progress = on_progress;
	o.arg = &s;
	assert_int_equal(mp_import_run(f->fx.db, &f->fx.cfg, &mp_activities, in,
	                               &o, &res, &e), MP_OK);
	fclose(in);
	assert_int_equal(res.added, n);
	mp_import_result_free(&res);
	assert_int_equal(s.calls, 3);
	assert_int_equal(s.rows, n);
	assert_true(s.total > 0);
	assert_int_equal(s.done, s.total);
	assert_true(s.monotonic);
	assert_int_equal(count(f, "SELECT count(*) FROM activities"), 3);
}

/* The types added to import: memberships, trainings and who attended,
 * visits — their references found by name (a training by its name, of
 * two of a name by 培训日期), each with its own duplicate rule. */
static void test_other_types_by_name(void **state)
{
	struct fx *f = *state;
	mp_import_result res;
	mp_err e;

	/* Memberships: the group by name (阳光队 is one), the volunteer by
	 * number; one listed twice is a duplicate (the check's). */
	assert_int_equal(import_str(f, &mp_memberships,
	        "志愿者,组织,角色,加入日期\n"
	        "V001,阳光队,成员,2025-01-01\n"
	        "王芳,夕阳红,成员,\n"
	        ID_3 ",阳光队,负责人,2025-02-01\n"
	        "V001,阳光队,成员,2025-03-01\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.refused, 1);   /* one row, two reasons */
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 3, M_VOLUNTEER, "a name is not enough");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 3, M_GROUP, "组织UUID");
	mp_import_result_free(&res);
	assert_int_equal(import_str(f, &mp_memberships,
	        "志愿者,组织,角色,加入日期\n"
	        "V001,阳光队,成员,2025-01-01\n"
	        ID_3 ",阳光队,负责人,2025-02-01\n"
	        "V001,阳光队,成员,2025-03-01\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.skipped, 1);
	ASSERT_MSG(&res, MP_IMPORT_DUP, 4, M_GROUP, "skipped");
	mp_import_result_free(&res);

	/* Trainings: two of one name; the same name and date again skipped. */
	assert_int_equal(import_str(f, &mp_trainings,
	        "培训名称,日期,时长(小时),形式,地点,讲师\n"
	        "急救培训,2025-03-01,3,线下,社工站,李明华\n"
	        "急救培训,2025-04-01,2,线上,,李明华\n"
	        "急救培训,2025-03-01,3,线下,社工站,李明华\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.skipped, 1);
	ASSERT_MSG(&res, MP_IMPORT_DUP, 4, T_NAME, "skipped");
	mp_import_result_free(&res);

	/* Attending groups: which 急救培训 only by the 培训日期 column. */
	assert_int_equal(import_str(f, &mp_training_groups,
	        "培训,组织,参训人数\n"
	        "急救培训,阳光队,3\n", 0, &res, &e), MP_EINVAL);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 2, TG_TRAINING, "培训日期");
	mp_import_result_free(&res);
	assert_int_equal(import_str(f, &mp_training_groups,
	        "培训,培训日期,组织,参训人数\n"
	        "急救培训,2025-04-01,阳光队,3\n"
	        "急救培训,2025-05-01,阳光队,3\n"
	        "急救培训,2025/4/1,阳光队,4\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.added, 1);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 3, TG_TRAINING, "2025-05-01");
	assert_int_equal(res.skipped, 1);   /* the same training and group */
	mp_import_result_free(&res);
	assert_int_equal(import_str(f, &mp_training_groups,
	        "培训,培训日期,组织,参训人数\n"
	        "急救培训,2025-04-01,阳光队,3\n", 0, &res, &e), MP_OK);
	mp_import_result_free(&res);
	assert_int_equal(count(f, "SELECT people FROM training_groups t JOIN trainings r"
	                          " ON r.id = t.training_id WHERE r.date = '2025-04-01'"), 3);

	/* People: a volunteer by ID number, someone else by name; the same
	 * name from the same group twice is skipped. */
	assert_int_equal(import_str(f, &mp_training_people,
	        "培训,培训日期,志愿者,姓名,组织\n"
	        "急救培训,2025-03-01," ID_1 ",,阳光队\n"
	        "急救培训,2025-03-01,,赵六,阳光队\n"
	        "急救培训,2025-03-01,,赵六,阳光队\n", 0, &res, &e), MP_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.skipped, 1);
	mp_import_result_free(&res);
	assert_int_equal(count(f, "SELECT count(*) FROM training_people"
	                          " WHERE name = '王芳'"), 1);

	/* Visits: the group by name; the same group, date and supervisor
	 * again skipped; a group not in the ledger refused. */
	assert_int_equal(import_str(f, &mp_visits,
	        "组织,日期,督导人,发现问题\n"
	        "阳光队,2025-06-01,周敏,\"台账, 不全\"\n"
	        "阳光队,2025-06-01,周敏,别的\n"
	        "不存在的队,2025-06-01,周敏,\n", 0, &res, &e), MP_EINVAL);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.skipped, 1);
	ASSERT_MSG(&res, MP_IMPORT_DUP, 3, VI_GROUP, "skipped");
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 4, VI_GROUP, "不存在的队");
	mp_import_result_free(&res);
}

/* Two activities of one name, group and date: the 活动日期 cannot tell
 * them apart, and the message asks for the UUID only. */
static void test_same_name_and_date(void **state)
{
	struct fx *f = *state;
	mp_import_result res;
	mp_record *r = mp_record_new(&mp_activities, &f->fx.cfg);
	mp_err e;

	mp_record_set(r, ACT_NAME, "敬老");
	mp_fx_set_id(r, ACT_GROUP, f->g1);
	mp_record_set(r, ACT_DATE, "2025-06-08");
	mp_fx_save_free(&f->fx, r);
	assert_int_equal(import_str(f, &mp_hours,
	        "志愿者,活动,活动日期,服务日期,服务时长(小时)\n"
	        "V001,敬老,2025-06-08,2025-06-08,1\n", 0, &res, &e), MP_EINVAL);
	ASSERT_MSG(&res, MP_IMPORT_REFUSED, 2, H_ACTIVITY, "活动UUID");
	assert_null(strstr(res.msgs[0].text, "活动日期"));
	mp_import_result_free(&res);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int rc = mp_fx_close(&f->fx);

	free(f);
	return rc;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_activities_find_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_activities_checks_and_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hours_find_volunteers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hours_find_activities, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hours_group_from_activity_binned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hours_checks_and_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_types_by_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_name_and_date, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
