/* test_report.c — every figure of the summary report on a small known
 * ledger, for the whole station and for one community, for a period that
 * ends before today; bad periods; and the report written as text, CSV and
 * XLSX (whole or not at all). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp_activity.h"
#include "mp_bases.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_report.h"
#include "mp_text.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"
#include "fixture.h"

#define TODAY "2025-06-18"
#define FROM "2025-01-01"
#define USCC_OK "91350100M000100Y43"

struct fx {
	struct mp_fx fx;	/* first: mp_fx_teardown frees it all */
	int64_t g1, g2, g3, zhang, li, wang;
};

static int64_t group(struct fx *f, const char *name, const char *community,
                     const char *legal, const char *category,
                     const char *kind, const char *state, const char *founded)
{
	mp_record *r = mp_fx_group(&f->fx, name, community);

	mp_record_set(r, G_LEGAL, legal);
	if (!strcmp(legal, "登记"))
		mp_record_set(r, G_USCC, USCC_OK);
	if (!strcmp(legal, "备案"))
		mp_record_set(r, G_FILING, "幸福备〔2024〕001号");
	mp_record_set(r, G_CATEGORY, category);
	mp_record_set(r, G_KIND, kind);
	mp_record_set(r, G_STATE, state);
	mp_record_set(r, G_FOUNDED, founded);
	return mp_fx_save_free(&f->fx, r);
}

static void set(struct fx *f, const mp_table *t, int64_t id, int i,
                const char *v)
{
	mp_record *r = NULL;
	mp_err e;

	assert_int_equal(mp_record_load(f->fx.db, t, id, &r, &e), MP_OK);
	mp_record_set(r, i, v);
	mp_fx_save_free(&f->fx, r);
}

static void bin(struct fx *f, const mp_table *t, int64_t id)
{
	mp_err e;

	if (mp_record_delete(f->fx.db, t, id, &e) != MP_OK)
		fail_msg("binning a %s: %s", t->name, e.msg);
}

static int64_t volunteer(struct fx *f, const char *name, const char *id_no,
                         const char *vol_no, const char *community,
                         const char *state, const char *registered)
{
	int64_t id = mp_fx_add_volunteer(&f->fx, name, id_no, vol_no);
	mp_record *r = NULL;
	mp_err e;

	assert_int_equal(mp_record_load(f->fx.db, &mp_volunteers, id, &r, &e), MP_OK);
	mp_record_set(r, V_COMMUNITY, community);
	mp_record_set(r, V_STATE, state);
	mp_record_set(r, V_REGISTERED, registered);
	mp_fx_save_free(&f->fx, r);
	return id;
}

static int64_t activity(struct fx *f, int64_t g, const char *date,
                        const char *part, const char *bene)
{
	mp_record *r = mp_record_new(&mp_activities, &f->fx.cfg);

	mp_record_set(r, ACT_NAME, "邻里活动");
	mp_fx_set_id(r, ACT_GROUP, g);
	mp_record_set(r, ACT_DATE, date);
	mp_record_set(r, ACT_START, "09:00");
	mp_record_set(r, ACT_END, "11:00");
	mp_record_set(r, ACT_PLACE, "社区活动室");
	mp_record_set(r, ACT_PARTICIPANTS, part);
	mp_record_set(r, ACT_BENEFICIARIES, bene);
	return mp_fx_save_free(&f->fx, r);
}

static void hours(struct fx *f, int64_t v, const char *date, const char *h,
                  const char *counts)
{
	mp_record *r = mp_record_new(&mp_hours, &f->fx.cfg);

	mp_fx_set_id(r, H_VOLUNTEER, v);
	mp_record_set(r, H_DATE, date);
	mp_record_set(r, H_CONTENT, "陪伴独居老人");
	mp_record_set(r, H_HOURS, h);
	if (counts)
		mp_record_set(r, H_COUNTS, counts);
	mp_fx_save_free(&f->fx, r);
}

static void visit(struct fx *f, int64_t g, const char *date, const char *rating,
                  const char *due, const char *done, const char *note)
{
	mp_record *r = mp_record_new(&mp_visits, &f->fx.cfg);

	mp_fx_set_id(r, VI_GROUP, g);
	mp_record_set(r, VI_DATE, date);
	mp_record_set(r, VI_SUPERVISOR, "周督导");
	mp_record_set(r, VI_RATING, rating);
	mp_record_set(r, VI_ADVICE, "完善活动台账");
	mp_record_set(r, VI_DUE, due);
	mp_record_set(r, VI_DONE_DATE, done);
	mp_record_set(r, VI_DONE_NOTE, note);
	mp_fx_save_free(&f->fx, r);
}

static int64_t training(struct fx *f, const char *date)
{
	mp_record *r = mp_record_new(&mp_trainings, &f->fx.cfg);

	mp_record_set(r, T_NAME, "社区社会组织能力建设培训");
	mp_record_set(r, T_DATE, date);
	mp_record_set(r, T_HOURS, "3");
	mp_record_set(r, T_MODE, "线下");
	mp_record_set(r, T_PLACE, "街道社工站");
	return mp_fx_save_free(&f->fx, r);
}

static void attend_group(struct fx *f, int64_t t, int64_t g)
{
	mp_record *r = mp_record_new(&mp_training_groups, &f->fx.cfg);

	mp_fx_set_id(r, TG_TRAINING, t);
	mp_fx_set_id(r, TG_GROUP, g);
	mp_fx_save_free(&f->fx, r);
}

static void attend_person(struct fx *f, int64_t t, int64_t v, int64_t g)
{
	mp_record *r = mp_record_new(&mp_training_people, &f->fx.cfg);

	mp_fx_set_id(r, TP_TRAINING, t);
	mp_fx_set_id(r, TP_VOLUNTEER, v);
	if (g)
		mp_fx_set_id(r, TP_GROUP, g);
	mp_fx_save_free(&f->fx, r);
}

/* The known ledger (today 2025-06-18; the period 2025-01-01 to today):
 *  groups  g1 幸福社区 备案 公益慈善类 枢纽型 活跃, founded 2025-03-01, in
 *             the incubation base, a 县级 observation point;
 *          g2 幸福社区 未登记 生活服务类 普通 活跃 (2020);
 *          g3 桂花园社区 登记 文体活动类 枢纽型 but 休眠 (2019);
 *          柳塘村 注销 and a binned group do not count.
 *  activities  g1 2025-01-10 10/20, g2 2025-03-05 5/8, g3 2025-03-20 7/0;
 *          g1 2024-12-31 (before) and a binned one do not count.
 *  volunteers  张三 幸福社区 在册 (2024), 李四 桂花园社区 在册 (2025-02),
 *          王五 幸福社区 退出; hours 张三 2.5 (01) + 3 (03), 李四 1.5
 *          (03) + 1.25 not counting, 王五 4 (02), 张三 5 in 2024.
 *  trainings  2025-04-10, 3 h: g1 and g3, 张三 (of g1) and 李四 (no
 *          group); one in 2024.
 *  visits  g1 2025-02-10 良 due 03-10 done 03-08; g2 2025-05-01 中 due
 *          06-01 open; g3 2025-06-10 优 due 06-30 open; g1 2024-12-01
 *          due 2025-01-15 still open. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	mp_strlist *c;
	int64_t gone, t;

	if (!f || mp_fx_open(&f->fx)) {
		free(f);
		return -1;
	}
	setenv("MIAOPU_TODAY", TODAY, 1);
	c = &f->fx.cfg.choices[MP_CH_COMMUNITY];
	mp_strlist_add(c, "幸福社区");
	mp_strlist_add(c, "桂花园社区");
	mp_strlist_add(c, "柳塘村");

	f->g1 = group(f, "幸福里夕阳红志愿服务队", "幸福社区", "备案", "公益慈善类",
	              "枢纽型", "活跃", "2025-03-01");
	/* In the incubation base since 2025-03-01: a stay (issue 17). */
	{
		mp_record *b = mp_record_new(&mp_bases, &f->fx.cfg), *st;

		mp_record_set(b, B_NAME, "幸福街道孵化基地");
		mp_fx_save(&f->fx, b);
		st = mp_record_new(&mp_stays, &f->fx.cfg);
		mp_fx_set_id(st, ST_GROUP, f->g1);
		mp_fx_set_id(st, ST_BASE, b->id);
		mp_record_set(st, ST_MOVED_IN, "2025-03-01");
		mp_fx_save_free(&f->fx, st);
		mp_record_free(b);
	}
	set(f, &mp_groups, f->g1, G_OBSERVATION, "县级");
	f->g2 = group(f, "幸福里邻里互助会", "幸福社区", "未登记", "生活服务类",
	              "普通", "活跃", "2020-01-01");
	f->g3 = group(f, "桂花园书画社", "桂花园社区", "登记", "文体活动类",
	              "枢纽型", "休眠", "2019-05-01");
	group(f, "柳塘村腰鼓队", "柳塘村", "备案", "文体活动类", "普通", "注销",
	      "2018-01-01");
	gone = group(f, "柳塘村老年协会", "柳塘村", "未登记", "其他", "枢纽型",
	             "活跃", "2025-02-01");
	bin(f, &mp_groups, gone);

	activity(f, f->g1, "2025-01-10", "10", "20");
	activity(f, f->g2, "2025-03-05", "5", "8");
	activity(f, f->g3, "2025-03-20", "7", "0");
	activity(f, f->g1, "2024-12-31", "100", "100");
	bin(f, &mp_activities, activity(f, f->g1, "2025-02-01", "50", "50"));

	f->zhang = volunteer(f, "张三", "110105198001060021", "V001", "幸福社区",
	                     "在册", "2024-05-01");
	f->li = volunteer(f, "李四", "110105199001010037", "V002", "桂花园社区",
	                  "在册", "2025-02-01");
	f->wang = volunteer(f, "王五", "110105198502020036", "V003", "幸福社区",
	                    "退出", "2023-01-01");
	hours(f, f->zhang, "2025-01-10", "2.5", NULL);
	hours(f, f->zhang, "2025-03-05", "3", NULL);
	hours(f, f->li, "2025-03-20", "1.5", NULL);
	hours(f, f->li, "2025-04-01", "1.25", "否");
	hours(f, f->wang, "2025-02-02", "4", NULL);
	hours(f, f->zhang, "2024-12-31", "5", NULL);

	t = training(f, "2025-04-10");
	attend_group(f, t, f->g1);
	attend_group(f, t, f->g3);
	attend_person(f, t, f->zhang, f->g1);
	attend_person(f, t, f->li, 0);
	attend_group(f, training(f, "2024-11-01"), f->g2);

	visit(f, f->g1, "2025-02-10", "良", "2025-03-10", "2025-03-08", "已整改");
	visit(f, f->g2, "2025-05-01", "中", "2025-06-01", "", "");
	visit(f, f->g3, "2025-06-10", "优", "2025-06-30", "", "");
	visit(f, f->g1, "2024-12-01", "中", "2025-01-15", "", "");
	*state = f;
	return 0;
}

/* The value of row `row` (its first cell) in column col of table title. */
static const char *cell(const mp_report *r, const char *title, const char *row,
                        int col)
{
	const mp_rtable *t = mp_report_table(r, title);

	if (!t)
		fail_msg("no table “%s”", title);
	for (int i = 0; i < t->nrows; i++)
		if (strcmp(t->cell[i * t->ncols], row) == 0)
			return t->cell[i * t->ncols + col];
	fail_msg("no row “%s” in “%s”", row, title);
	return NULL;
}

static const char *fig(const mp_report *r, const char *what)
{
	return cell(r, "Summary", what, 1);
}

static void build(struct fx *f, const char *to, const char *community,
                  mp_report *r)
{
	mp_err e;

	if (mp_report_build(f->fx.db, &f->fx.cfg, FROM, to, community, r, &e) != MP_OK)
		fail_msg("report: %s", e.msg);
}

static void test_groups(void **state)
{
	struct fx *f = *state;
	mp_report r;

	build(f, TODAY, NULL, &r);
	assert_string_equal(fig(&r, "Groups in all"), "3");
	assert_string_equal(fig(&r, "New groups in the period"), "1");
	assert_string_equal(fig(&r, "Groups in the incubation base"), "1");
	assert_string_equal(fig(&r, "Observation points"), "1");
	assert_string_equal(cell(&r, "Groups by legal status", "登记", 1), "1");
	assert_string_equal(cell(&r, "Groups by legal status", "备案", 1), "1");
	assert_string_equal(cell(&r, "Groups by legal status", "未登记", 1), "1");
	assert_string_equal(cell(&r, "Groups by legal status", "未登记", 2), "33.3%");
	assert_string_equal(cell(&r, "Groups by category", "文体活动类", 1), "1");
	/* Every category of the settings is there, empty ones with 0. */
	assert_string_equal(cell(&r, "Groups by category", "社区事务类", 1), "0");
	assert_string_equal(cell(&r, "Groups by kind", "枢纽型", 1), "2");
	assert_string_equal(cell(&r, "Groups by kind", "Total", 1), "3");
	/* Grade and stage as a new group starts (无, 萌芽期); the settings'
	 * grades are all listed, with 0. */
	assert_string_equal(cell(&r, "Groups by grade", "无", 1), "3");
	assert_string_equal(cell(&r, "Groups by grade", "5A", 1), "0");
	assert_string_equal(cell(&r, "Groups by stage", "萌芽期", 2), "100.0%");
	assert_string_equal(cell(&r, "Groups by stage", "示范型", 1), "0");
	assert_string_equal(cell(&r, "Groups by community", "幸福社区", 1), "2");
	assert_string_equal(cell(&r, "Groups by community", "柳塘村", 1), "0");
	/* Hub coverage: 桂花园's hub group is dormant, 柳塘村's is binned. */
	assert_string_equal(fig(&r, "Communities"), "3");
	assert_string_equal(fig(&r, "Communities with an active hub group"), "1");
	assert_string_equal(fig(&r, "Hub coverage"), "33.3%");
	assert_string_equal(cell(&r, "Hub groups by community", "幸福社区", 2), "yes");
	assert_string_equal(cell(&r, "Hub groups by community", "桂花园社区", 2), "no");
	mp_report_free(&r);
}

static void test_activities_and_months(void **state)
{
	struct fx *f = *state;
	mp_report r;

	build(f, TODAY, NULL, &r);
	assert_string_equal(fig(&r, "Activities held"), "3");
	assert_string_equal(fig(&r, "Participants (person-times)"), "22");
	assert_string_equal(fig(&r, "Beneficiaries (person-times)"), "28");
	assert_string_equal(cell(&r, "Activities by category of group", "公益慈善类", 2), "10");
	assert_string_equal(cell(&r, "Activities by category of group", "文体活动类", 1), "1");
	assert_string_equal(cell(&r, "Activities by category of group", "Total", 3), "28");
	/* Six months, January to June, each with activities and hours. */
	assert_int_equal(mp_report_table(&r, "By month")->nrows, 6);
	assert_string_equal(cell(&r, "By month", "2025-01", 1), "1");
	assert_string_equal(cell(&r, "By month", "2025-03", 1), "2");
	assert_string_equal(cell(&r, "By month", "2025-03", 2), "12");
	assert_string_equal(cell(&r, "By month", "2025-02", 1), "0");
	assert_string_equal(cell(&r, "By month", "2025-01", 4), "2.5");
	assert_string_equal(cell(&r, "By month", "2025-02", 4), "4");
	assert_string_equal(cell(&r, "By month", "2025-03", 4), "4.5");
	assert_string_equal(cell(&r, "By month", "2025-04", 4), "0");
	mp_report_free(&r);
}

static void test_volunteers(void **state)
{
	struct fx *f = *state;
	mp_report r;
	const mp_rtable *t;

	build(f, TODAY, NULL, &r);
	assert_string_equal(fig(&r, "Registered volunteers"), "2");
	assert_string_equal(fig(&r, "Volunteers registered in the period"), "1");
	assert_string_equal(fig(&r, "Volunteers active in the period"), "3");
	assert_string_equal(fig(&r, "Service hours in all"), "11");
	t = mp_report_table(&r, "Volunteers with most service hours");
	assert_non_null(t);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(t->cell[0 * t->ncols + 1], "张三");
	assert_string_equal(t->cell[0 * t->ncols + 4], "5.5");
	assert_string_equal(t->cell[0 * t->ncols + 5], "2");
	assert_string_equal(t->cell[1 * t->ncols + 1], "王五");
	assert_string_equal(t->cell[2 * t->ncols + 1], "李四");
	assert_string_equal(t->cell[2 * t->ncols + 4], "1.5");
	mp_report_free(&r);
}

static void test_trainings_and_visits(void **state)
{
	struct fx *f = *state;
	mp_report r;

	build(f, TODAY, NULL, &r);
	assert_string_equal(fig(&r, "Training sessions"), "1");
	assert_string_equal(fig(&r, "Training hours in all"), "3");
	assert_string_equal(fig(&r, "Attending groups (group-times)"), "2");
	assert_string_equal(fig(&r, "Groups trained"), "2");
	assert_string_equal(fig(&r, "People trained (person-times)"), "2");
	assert_string_equal(fig(&r, "Visits made"), "3");
	assert_string_equal(fig(&r, "Follow-ups set"), "3");
	assert_string_equal(fig(&r, "Follow-ups completed in the period"), "1");
	/* g2's (due 06-01) and the 2024 visit's (due 01-15); g3's is not due. */
	assert_string_equal(fig(&r, "Follow-ups overdue"), "2");
	assert_string_equal(cell(&r, "Visits by rating", "优", 1), "1");
	assert_string_equal(cell(&r, "Visits by rating", "差", 1), "0");
	mp_report_free(&r);

	/* At the end of May, g2's follow-up was not due yet. */
	build(f, "2025-05-31", NULL, &r);
	assert_string_equal(fig(&r, "Follow-ups overdue"), "1");
	assert_string_equal(fig(&r, "Visits made"), "2");
	mp_report_free(&r);
}

static void test_one_community(void **state)
{
	struct fx *f = *state;
	mp_report r;

	build(f, TODAY, "幸福社区", &r);
	assert_string_equal(fig(&r, "Groups in all"), "2");
	assert_string_equal(fig(&r, "Communities"), "1");
	assert_string_equal(fig(&r, "Hub coverage"), "100.0%");
	assert_string_equal(fig(&r, "Activities held"), "2");
	assert_string_equal(fig(&r, "Participants (person-times)"), "15");
	assert_string_equal(fig(&r, "Registered volunteers"), "1");
	assert_string_equal(fig(&r, "Volunteers active in the period"), "2");
	assert_string_equal(fig(&r, "Service hours in all"), "9.5");
	assert_string_equal(fig(&r, "Training sessions"), "1");
	assert_string_equal(fig(&r, "Attending groups (group-times)"), "1");
	assert_string_equal(fig(&r, "People trained (person-times)"), "1");
	assert_string_equal(fig(&r, "Visits made"), "2");
	assert_string_equal(fig(&r, "Follow-ups overdue"), "2");
	mp_report_free(&r);
}

static void test_follows_the_bin(void **state)
{
	struct fx *f = *state;
	mp_report r;

	bin(f, &mp_groups, f->g2);
	set(f, &mp_groups, f->g3, G_STATE, "活跃");
	set(f, &mp_groups, f->g3, G_CATEGORY, "");
	build(f, TODAY, NULL, &r);
	/* A group whose category was left empty is counted, last, as such. */
	assert_string_equal(cell(&r, "Groups by category", "(not filled in)", 1), "1");
	assert_string_equal(cell(&r, "Groups by category", "文体活动类", 1), "0");
	assert_string_equal(fig(&r, "Groups in all"), "2");
	assert_string_equal(fig(&r, "Communities with an active hub group"), "2");
	assert_string_equal(fig(&r, "Hub coverage"), "66.7%");
	mp_report_free(&r);
}

/* The summaries of schema step 11 hold exactly what a fresh count of the
 * records gives (fresh: the same query the step fills them with). */
static void same_as_fresh(struct fx *f, const char *table, const char *fresh)
{
	char sql[2048];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT * FROM %s EXCEPT %s)",
	         table, fresh);
	assert_int_equal(mp_fx_sql_int(&f->fx, sql), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT SELECT * FROM %s)",
	         fresh, table);
	assert_int_equal(mp_fx_sql_int(&f->fx, sql), 0);
}

#define LIVE_GROUP " FROM groups WHERE deleted_at IS NULL AND ifnull(state, '') <> '注销'"

static void summaries_fresh(struct fx *f)
{
	same_as_fresh(f, "group_stats",
	        "SELECT d, v, count(*) FROM ("
	        " SELECT 'legal_status' AS d, ifnull(legal_status, '') AS v" LIVE_GROUP
	        " UNION ALL SELECT 'category', ifnull(category, '')" LIVE_GROUP
	        " UNION ALL SELECT 'kind', ifnull(kind, '')" LIVE_GROUP
	        " UNION ALL SELECT 'grade', ifnull(grade, '')" LIVE_GROUP
	        " UNION ALL SELECT 'stage', ifnull(stage, '')" LIVE_GROUP
	        " UNION ALL SELECT 'community', ifnull(community, '')" LIVE_GROUP
	        " UNION ALL SELECT 'observation', ifnull(observation, '无')" LIVE_GROUP
	        " UNION ALL SELECT 'hub', community" LIVE_GROUP
	        " AND kind = '枢纽型' AND state = '活跃' AND community IS NOT NULL)"
	        " GROUP BY 1, 2");
	same_as_fresh(f, "act_stats",
	        "SELECT substr(a.date, 1, 7), ifnull(g.category, ''), count(*),"
	        " sum(ifnull(a.participants, 0)), sum(ifnull(a.beneficiaries, 0))"
	        " FROM activities a JOIN groups g ON g.id = a.group_id"
	        " WHERE a.deleted_at IS NULL AND a.date IS NOT NULL GROUP BY 1, 2");
	same_as_fresh(f, "year_stats",
	        "SELECT year, count(*), sum(cents) FROM year_hours GROUP BY 1");
}

/* Another program writing the file with plain SQL, a column at a time:
 * the triggers keep the report's summaries right all the same, and the
 * report of all communities (from them) gives what it gives record by
 * record. */
static void test_summaries_follow_plain_sql(void **state)
{
	struct fx *f = *state;
	static const char *const sql[] = {
		"UPDATE groups SET category = '生活服务类' WHERE id = :g1",
		"UPDATE groups SET category = NULL WHERE id = :g1",
		"UPDATE groups SET kind = '枢纽型', state = '活跃' WHERE id = :g3",
		"UPDATE groups SET community = '柳塘村' WHERE id = :g3",
		"UPDATE groups SET state = '注销' WHERE id = :g2",
		"UPDATE groups SET observation = '区级' WHERE id = :g3",
		"UPDATE groups SET grade = NULL, stage = '成长期', legal_status = '备案' WHERE id = :g1",
		"UPDATE groups SET deleted_at = '2025-06-01 08:00:00' WHERE id = :g3",
		"UPDATE groups SET deleted_at = NULL WHERE id = :g3",
		"UPDATE activities SET participants = 40 WHERE group_id = :g1",
		"UPDATE activities SET date = '2025-04-02' WHERE date = '2025-03-05'",
		"UPDATE activities SET group_id = :g3 WHERE group_id = :g2",
		"UPDATE activities SET deleted_at = NULL WHERE deleted_at IS NOT NULL",
		"UPDATE activities SET date = NULL WHERE date = '2025-01-10'",
		"UPDATE activities SET beneficiaries = NULL WHERE group_id = :g3",
		"DELETE FROM activities WHERE date = '2024-12-31'",
		"UPDATE groups SET category = '公益慈善类' WHERE id = :g3",
		"UPDATE hours SET hours = 9 WHERE date = '2025-01-10'",
		"DELETE FROM hours WHERE date = '2025-03-20'",
		"UPDATE hours SET counts = '否'",
		"UPDATE hours SET counts = '是'",
	};

	summaries_fresh(f);
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st = NULL;
		int64_t id[3] = { f->g1, f->g2, f->g3 };
		const char *name[3] = { ":g1", ":g2", ":g3" };

		assert_int_equal(sqlite3_prepare_v2(f->fx.db->h, sql[i], -1, &st, NULL), SQLITE_OK);
		for (int k = 0; k < 3; k++)
			if (sqlite3_bind_parameter_index(st, name[k]))
				sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, name[k]), id[k]);
		if (sqlite3_step(st) != SQLITE_DONE)
			fail_msg("%s: %s", sql[i], sqlite3_errmsg(f->fx.db->h));
		sqlite3_finalize(st);
		summaries_fresh(f);
	}
}

/* Of all communities, the figures come from the summaries when the period
 * holds whole months of activities and a whole year of service records,
 * else record by record.  (Spoiling the summaries by hand shows which way
 * each period went.) */
static void test_summaries_read(void **state)
{
	struct fx *f = *state;
	mp_report r;

	assert_int_equal(sqlite3_exec(f->fx.db->h,
	        "UPDATE act_stats SET acts = acts + 100 WHERE month = '2025-03'"
	        " AND category = '生活服务类';"
	        "UPDATE group_stats SET n = n + 10 WHERE dim = 'kind' AND value = '枢纽型';"
	        "UPDATE year_stats SET volunteers = volunteers + 7 WHERE year = '2025';",
	        NULL, NULL, NULL), SQLITE_OK);
	/* Up to today (06-18), no activity after it: act_stats. */
	build(f, TODAY, NULL, &r);
	assert_string_equal(fig(&r, "Activities held"), "103");
	assert_string_equal(cell(&r, "Groups by kind", "枢纽型", 1), "12");
	/* No service record of 2025 after today: year_stats. */
	assert_string_equal(fig(&r, "Volunteers active in the period"), "10");
	mp_report_free(&r);
	/* From 03-06: 03-05's activity is left out, so record by record. */
	assert_int_equal(mp_report_build(f->fx.db, &f->fx.cfg, "2025-03-06", TODAY,
	                                 NULL, &r, NULL), MP_OK);
	assert_string_equal(fig(&r, "Activities held"), "1");
	assert_string_equal(fig(&r, "Volunteers active in the period"), "1");
	mp_report_free(&r);
	/* One community: record by record. */
	build(f, TODAY, "幸福社区", &r);
	assert_string_equal(fig(&r, "Activities held"), "2");
	assert_string_equal(cell(&r, "Groups by kind", "枢纽型", 1), "1");
	mp_report_free(&r);
}

static void test_bad_period(void **state)
{
	struct fx *f = *state;
	mp_report r;
	mp_err e;

	assert_int_equal(mp_report_build(f->fx.db, &f->fx.cfg, "2025-02-30", TODAY,
	                                 NULL, &r, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "2025-02-30"));
	assert_int_equal(mp_report_build(f->fx.db, &f->fx.cfg, TODAY, FROM, NULL,
	                                 &r, &e), MP_EINVAL);
	assert_non_null(strstr(e.msg, "after it ends"));
}

static char *slurp(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0;

	assert_non_null(in);
	buf = malloc(1 << 20);
	n = fread(buf, 1, (1 << 20) - 1, in);
	buf[n] = '\0';
	fclose(in);
	if (len)
		*len = n;
	return buf;
}

static void test_written(void **state)
{
	struct fx *f = *state;
	mp_report r;
	mp_err e;
	char path[200], bad[256], *s;
	size_t n;
	struct stat sb;

	build(f, TODAY, NULL, &r);
	snprintf(path, sizeof path, "%s/report.txt", f->fx.dir);
	assert_int_equal(mp_report_save(&r, "text", path, &e), MP_OK);
	s = slurp(path, NULL);
	assert_non_null(strstr(s, "Period: 2025-01-01 to 2025-06-18"));
	assert_non_null(strstr(s, "【Groups by legal status】"));
	/* Columns by display width (登记 is 4 columns wide, "Legal status"
	 * 12), numbers right-aligned under their head. */
	assert_non_null(strstr(s, "\nLegal status  Count   Share\n"));
	assert_non_null(strstr(s, "\n登记              1   33.3%\n"));
	free(s);

	snprintf(path, sizeof path, "%s/report.csv", f->fx.dir);
	assert_int_equal(mp_report_save(&r, "csv", path, &e), MP_OK);
	s = slurp(path, NULL);
	assert_memory_equal(s, "\xEF\xBB\xBF", 3);
	assert_non_null(strstr(s, "\r\n\"Groups by kind\"\r\n\"Kind\",\"Count\",\"Share\"\r\n"));
	assert_non_null(strstr(s, "\"枢纽型\",\"2\",\"66.7%\"\r\n"));
	free(s);

	snprintf(path, sizeof path, "%s/report.xlsx", f->fx.dir);
#ifndef HAVE_XLSXWRITER
	/* Built without libxlsxwriter (configure warned): it says so, and
	 * writes nothing. */
	assert_int_equal(mp_report_save(&r, "xlsx", path, &e), MP_EIO);
	assert_non_null(strstr(e.msg, "libxlsxwriter-dev"));
	assert_int_equal(stat(path, &sb), -1);
	mp_report_free(&r);
	return;
#endif
	assert_int_equal(mp_report_save(&r, "xlsx", path, &e), MP_OK);
	s = slurp(path, &n);
	assert_true(n > 1000);
	assert_memory_equal(s, "PK\x03\x04", 4);
	free(s);
	snprintf(bad, sizeof bad, "%s.tmp", path);
	assert_int_equal(stat(bad, &sb), -1);

	/* A folder that is not there: a message, and nothing left behind. */
	snprintf(bad, sizeof bad, "%s/no-such-folder/report.xlsx", f->fx.dir);
	assert_int_equal(mp_report_save(&r, "xlsx", bad, &e), MP_EIO);
	assert_non_null(strstr(e.msg, "no-such-folder"));
	mp_report_free(&r);
}

/* On a screen the bars fit the line: no line with a bar is wider than the screen,
 * a larger value never gets a shorter bar, and a screen too narrow for
 * bars gets none. */
static void test_bars_fit(void **state)
{
	struct fx *f = *state;
	mp_report r;
	mp_err e;
	char *buf = NULL;
	size_t len = 0;

	build(f, TODAY, NULL, &r);
	for (int width = 40; width <= 160; width += 40) {
		FILE *out = open_memstream(&buf, &len);
		assert_non_null(out);
		assert_int_equal(mp_report_write_text(&r, out, width, &e), MP_OK);
		fclose(out);
		int bars = 0;
		for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
			/* (A table wider than the screen scrolls sideways;
			 * its bars are what must fit.) */
			if (strstr(line, "  #")) {
				assert_true(mp_text_width(line) <= width);
				bars++;
			}
		}
		/* 40 columns leave no room beside the tables' columns. */
		if (width >= 120)
			assert_true(bars > 0);
		free(buf);
		buf = NULL;
	}
	mp_report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_groups, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_activities_and_months, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_volunteers, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_trainings_and_visits, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_one_community, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_follows_the_bin, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_summaries_follow_plain_sql, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_summaries_read, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_bad_period, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_written, setup, mp_fx_teardown),
		cmocka_unit_test_setup_teardown(test_bars_fit, setup, mp_fx_teardown),
	};
	setenv("LC_ALL", "C.UTF-8", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
