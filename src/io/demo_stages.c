/* demo_stages.c — the sample station's stage histories (阶段变更): eight
 * groups whose 发展阶段 moved over the years as groups really move — one
 * step at a time, skipping one when a project made them grow fast, and
 * going back when the people who carried them left.  Each group keeps
 * the stage demo.c gave it as its latest; the entry demo.c's save made
 * (its stage since its founding) gives way to the whole path, whose
 * entries are saved in order through the core (stages.c mends nothing
 * here: each is the latest when it is saved). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "demo_internal.h"
#include "mp_group.h"
#include "mp_stages.h"

struct demo_step {
	const char *stage, *date, *reason;
};

struct demo_path {
	const char *group;
	struct demo_step step[6];    /* the first: where it started */
};

static const struct demo_path paths[] = {
	{ "幸福街道社区社会组织联合会", {
		{ "萌芽期", "2016-05-18", "街道牵头成立，各社区社会组织负责人参加" },
		{ "初创期", "2016-11-20", "在街道备案，每月召开一次联席会议" },
		{ "成长期", "2018-09-03", "在区民政局登记为社会团体，接手运营街道孵化基地" },
		{ "示范型", "2022-12-15", "获评市级示范枢纽型社会组织，经验在全区推广" } } },
	{ "幸福里夕阳红志愿服务队", {
		{ "萌芽期", "2014-09-01", "几位退休党员自发探访空巢老人" },
		{ "初创期", "2015-06-10", "固定每周二、四上门探访，排出值班表" },
		{ "成长期", "2017-03-05", "在街道备案，建立志愿服务时长记录" },
		{ "示范型", "2021-12-05", "获评区优秀志愿服务组织" } } },
	{ "向阳青少年成长营", {
		{ "萌芽期", "2022-07-10", "大学生志愿者暑期托管" },
		{ "初创期", "2022-09-01", "入驻街道孵化基地，开办四点半课堂" } } },
	{ "东湖村留守儿童关爱之家", {
		{ "萌芽期", "2021-09-10", "村妇联组织周末陪伴" },
		{ "初创期", "2021-10-15", "入驻孵化基地，接受财务和活动策划辅导" },
		{ "成长期", "2023-06-30", "出壳，由村联合会托管，活动常态化" },
		{ "初创期", "2024-09-01", "两名骨干外出务工，活动减少，重新培育骨干" } } },
	{ "滨河社区社会组织联合会", {
		{ "萌芽期", "2019-04-22", "社区党委牵头成立" },
		{ "成长期", "2023-03-01", "承接“三社联动”示范社区项目，在街道备案" } } },
	{ "桂花园红色物业议事会", {
		{ "萌芽期", "2020-08-01", "社区党委、业委会、物业公司首次三方议事" },
		{ "初创期", "2021-04-12", "制定议事规则，每月一次三方协商" },
		{ "成长期", "2023-05-20", "化解停车和维修资金纠纷，议事经验在街道交流" } } },
	{ "光明社区银龄志愿服务队", {
		{ "萌芽期", "2021-01-20", "低龄老人结对帮扶高龄老人" },
		{ "初创期", "2021-07-01", "在社区备案，设立调解小组" },
		{ "成长期", "2024-01-10", "承接社区微创投项目“银龄陪诊”" } } },
	{ "幸福里和谐爱心团", {
		{ "萌芽期", "2020-02-14", "疫情期间居民自发组织消杀和代购" },
		{ "成长期", "2020-10-30", "骨干稳定，定期公开资金使用情况，在街道备案" } } },
};

/* The group's id and stage; 0 when there is none of that name. */
static int64_t find_group(mp_db *db, const char *name, char *stage, size_t size,
                          mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t id = 0;

	stage[0] = '\0';
	if (mp_db_cached(db, "SELECT id, ifnull(stage, '') FROM groups"
	                 " WHERE name = ?1 AND deleted_at IS NULL", &st, e) != MP_OK)
		return -1;
	if (sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		snprintf(stage, size, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	mp_db_done(db, st);
	return id;
}

/* Remove the entries the group's save made (they give way to its path). */
static int clear_entries(mp_db *db, int64_t gid, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t ids[16];
	int n = 0, ret;

	ret = mp_db_cached(db, "SELECT id FROM stage_history WHERE group_id = ?1", &st, e);
	if (ret != MP_OK)
		return ret;
	if (sqlite3_bind_int64(st, 1, gid) == SQLITE_OK)
		while (n < 16 && sqlite3_step(st) == SQLITE_ROW)
			ids[n++] = sqlite3_column_int64(st, 0);
	mp_db_done(db, st);
	for (int i = 0; i < n && ret == MP_OK; i++) {
		ret = mp_record_delete(db, &mp_stage_history, ids[i], e);
		if (ret == MP_OK)
			ret = mp_record_purge(db, &mp_stage_history, ids[i], e);
	}
	return ret;
}

int demo_fill_stages(mp_db *db, const mp_config *c, mp_err *e)
{
	const mp_strlist *stages = mp_config_choices(c, MP_CH_STAGE);
	int ret = MP_OK;

	for (size_t p = 0; p < sizeof paths / sizeof paths[0] && ret == MP_OK; p++) {
		const struct demo_path *d = &paths[p];
		char stage[64], id[24];
		int64_t gid = find_group(db, d->group, stage, sizeof stage, e);
		int n = 0, known = 1;

		if (gid < 0)
			return MP_EIO;
		while (n < 6 && d->step[n].stage)
			n++;
		/* Only where the station names its stages as the demo does, and
		 * the path ends where the group is. */
		for (int k = 0; k < n; k++)
			known &= mp_strlist_find(stages, d->step[k].stage) >= 0;
		if (gid == 0 || !known || n == 0 || strcmp(stage, d->step[n - 1].stage))
			continue;
		ret = clear_entries(db, gid, e);
		snprintf(id, sizeof id, "%lld", (long long)gid);
		for (int k = 0; k < n && ret == MP_OK; k++) {
			mp_record *h = mp_record_new(&mp_stage_history, c);

			mp_record_set(h, SH_GROUP, id);
			mp_record_set(h, SH_TO, d->step[k].stage);
			mp_record_set(h, SH_DATE, d->step[k].date);
			mp_record_set(h, SH_REASON, d->step[k].reason);
			ret = mp_record_save(db, c, h, e);
			mp_record_free(h);
		}
	}
	return ret;
}
