/* demo_obs.c — the sample station's two observation points (观察点): 幸福里
 * 社区, a city point since three years ago, and 幸福街道, a provincial one,
 * each observed every half year by its third party and scored on the five
 * dimensions, the scores growing as a community's groups grow (with a dip
 * where the field reports say it happens: the year the first backbone
 * volunteers leave).  Every record goes through mp_record_save. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "demo_internal.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_obs.h"

struct demo_point {
	const char *target, *place, *level, *designated, *third, *observer;
	int years_ago_days;        /* the period starts this many days ago */
	int nobs;                  /* observations made */
	int ended_ago;             /* > 0: its period ended this many days ago:
	                              期满 then, 遴选为示范 a month later */
	int scores[6][5];          /* each half year's, on the five dimensions */
	const char *problems[6], *experience[6];
	const char *notes;
};

static const struct demo_point points[] = {
	{ "社区", "幸福里社区", "市级", "青溪市民政局", "青溪市恒爱社会工作发展中心",
	  "恒爱社工 刘敏", 1110, 6, 0,
	  { { 58, 52, 55, 50, 45 }, { 63, 58, 60, 57, 52 }, { 66, 61, 66, 63, 60 },
	    { 64, 60, 70, 66, 63 }, { 72, 68, 76, 72, 70 }, { 78, 74, 82, 80, 77 } },
	  { "社区社会组织数量少，多为文体类，服务类组织不足",
	    "骨干依赖社区干部，组织负责人缺少独立开展活动的能力",
	    "活动台账不全，经费使用凭证未按项目归档",
	    "两支服务队骨干志愿者外出务工，活动次数下降",
	    "备案组织的年度报告提交不及时",
	    "议事会成员中青年居民偏少" },
	  { "",
	    "“社区+社工+社会组织”联动，每月固定一次组织负责人沙龙",
	    "由枢纽型组织代管小额经费，统一建账",
	    "老带新结对培养骨干，新骨干三个月内能独立带队",
	    "居民点单、组织接单的“幸福微创投”，一年孵化四个新组织",
	    "红色物业议事会把楼道议题带进社区议事协商，可在老旧小区推广" },
	  "省级观察点培育计划（2024—2026）的市级观察点，第三方跟踪督导和绩效评估" },
	{ "乡镇(街道)", "幸福街道", "省级", "省民政厅", "省社会组织发展研究中心",
	  "研究中心 周立新", 1080, 6, 0,
	  { { 62, 55, 58, 60, 50 }, { 66, 60, 62, 64, 55 }, { 70, 66, 68, 67, 61 },
	    { 74, 70, 72, 73, 66 }, { 77, 73, 77, 76, 72 }, { 82, 79, 83, 81, 78 } },
	  { "街道层面缺少统一的社区社会组织服务平台",
	    "孵化基地入驻组织出壳后缺少跟踪",
	    "部分社区仍把社会组织当作活动队伍，作用发挥不充分",
	    "组织等级评估参与率不高",
	    "经验总结多停留在活动报道，缺少可复制的做法提炼",
	    "个别社区培育资金到位较晚" },
	  { "街道社联会牵头，统筹各社区培育工作",
	    "社工站、孵化基地、社联会“三位一体”支持平台",
	    "把社区社会组织参与纳入社区议事协商目录",
	    "以评促建：组织评估结果与微创投资助挂钩",
	    "形成《社区社会组织培育工作指引》，在全区推广",
	    "“一社区一品牌”，示范组织结对帮扶新组织" },
	  "全省培育发展社区社会组织观察点之一" },
	/* An earlier county point, its period over, picked as a model. */
	{ "社区", "滨河社区", "县级", "青溪区民政局", "青溪市恒爱社会工作发展中心",
	  "恒爱社工 王海燕", 1500, 2, 400,
	  { { 70, 64, 72, 68, 60 }, { 80, 76, 85, 79, 74 } },
	  { "特殊儿童家庭互助组织专业支持不足", "" },
	  { "", "康园工作站与家长互助中心共建，残障家庭互助经验可推广" },
	  "首批县级观察点，期满后遴选为示范" },
};

static int save(mp_db *db, const mp_config *c, mp_record *r, mp_err *e)
{
	int rc = mp_record_save(db, c, r, e);

	if (rc != MP_OK) {
		char why[sizeof e->msg];

		snprintf(why, sizeof why, "%s", e->msg);
		mp_err_set(e, rc, _("sample observation data “%s”: %s"), r->v[0], why);
	}
	return rc;
}

/* The point's period ended on day ended: 期满 then, 遴选为示范 on day picked. */
static int move(mp_db *db, const mp_config *c, int64_t point, long ended,
                long picked, mp_err *e)
{
	char d1[11], d2[11];
	mp_wf_input in = { d1, "", "" };
	mp_record *r = NULL;
	int rc;

	mp_day_string(ended, d1);
	mp_day_string(picked, d2);
	rc = mp_record_load(db, &mp_obs_points, point, &r, e);
	if (rc == MP_OK)
		rc = mp_wf_move(db, c, r, OPS_EXPIRED, &in, NULL, e);
	in.date = d2;
	if (rc == MP_OK)
		rc = mp_wf_move(db, c, r, OPS_MODEL, &in, NULL, e);
	mp_record_free(r);
	return rc;
}

/* One observation of point on day, scored on the settings' dimensions
 * from base up. */
static int observe(mp_db *db, const mp_config *c, int64_t point, long day,
                   const char *observer, const char *problems,
                   const char *experience, const int *scores, mp_err *e)
{
	const mp_strlist *dims = mp_config_choices(c, MP_CH_OBS_DIMENSION);
	mp_record *o = mp_record_new(&mp_observations, c);
	char date[11], id[24], num[16];
	int64_t obs;
	int rc;

	mp_day_string(day, date);
	snprintf(id, sizeof id, "%lld", (long long)point);
	mp_record_set(o, OR_POINT, id);
	mp_record_set(o, OR_DATE, date);
	mp_record_set(o, OR_OBSERVER, observer);
	mp_record_set(o, OR_PROBLEMS, problems);
	mp_record_set(o, OR_EXPERIENCE, experience);
	rc = save(db, c, o, e);
	obs = o->id;
	mp_record_free(o);
	for (int m = 0; rc == MP_OK && m < 5 && m < dims->n; m++) {
		mp_record *s = mp_record_new(&mp_obs_scores, c);

		snprintf(id, sizeof id, "%lld", (long long)obs);
		snprintf(num, sizeof num, "%d", scores[m]);
		mp_record_set(s, OS_OBS, id);
		mp_record_set(s, OS_DIMENSION, dims->v[m]);
		mp_record_set(s, OS_SCORE, num);
		rc = save(db, c, s, e);
		mp_record_free(s);
	}
	return rc;
}

/* The groups' points (made from their 观察点 as the groups were saved):
 * each observed once in the last few months, so that none is overdue. */
static int observe_groups(mp_db *db, const mp_config *c, long today, mp_err *e)
{
	static const int scores[][5] = {
		{ 76, 70, 81, 74, 68 }, { 69, 64, 72, 70, 60 }, { 83, 78, 85, 80, 76 },
		{ 72, 66, 75, 71, 63 }, { 80, 74, 86, 77, 72 }, { 74, 69, 79, 73, 66 },
	};
	sqlite3_stmt *st = NULL;
	int64_t ids[16];
	int n = 0, rc;

	rc = mp_db_prepare(db, "SELECT id FROM obs_points WHERE deleted_at IS NULL"
	                   " AND group_id IS NOT NULL ORDER BY id LIMIT 16", &st, e);
	if (rc != MP_OK)
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (int i = 0; rc == MP_OK && i < n; i++)
		rc = observe(db, c, ids[i], today - 35 - 19 * i, "社工站 陈静",
		             i % 2 ? "骨干老化，新成员参与不足" : "活动记录和经费台账需要规范",
		             i % 3 ? "" : "组织负责人带头议事，居民参与度高",
		             scores[i % 6], e);
	return rc;
}

int demo_fill_obs(mp_db *db, const mp_config *c, long today, mp_err *e)
{
	const mp_strlist *dims = mp_config_choices(c, MP_CH_OBS_DIMENSION);
	char date[11], to[11], id[24], num[16];
	int rc = MP_OK;

	for (size_t p = 0; rc == MP_OK && p < sizeof points / sizeof points[0]; p++) {
		const struct demo_point *d = &points[p];
		mp_record *r = mp_record_new(&mp_obs_points, c);
		long from = today - d->years_ago_days;
		int64_t point;

		mp_day_string(from, date);
		/* Four years in all. */
		mp_day_string(d->ended_ago > 0 ? today - d->ended_ago : from + 4 * 365, to);
		mp_record_set(r, OP_TARGET, d->target);
		mp_record_set(r, OP_PLACE, d->place);
		mp_record_set(r, OP_NAME, d->place);
		mp_record_set(r, OP_LEVEL, d->level);
		mp_record_set(r, OP_DESIGNATED, d->designated);
		mp_record_set(r, OP_THIRD_PARTY, d->third);
		mp_record_set(r, OP_FROM, date);
		mp_record_set(r, OP_TO, to);
		mp_record_set(r, OP_NOTES, d->notes);
		rc = save(db, c, r, e);
		point = r->id;
		mp_record_free(r);
		/* Every half year, a month into it. */
		for (int k = 0; rc == MP_OK && k < d->nobs; k++) {
			long day = from + 30 + k * 182;
			mp_record *o;
			int64_t obs;

			if (day > today)
				break;
			o = mp_record_new(&mp_observations, c);
			mp_day_string(day, date);
			snprintf(id, sizeof id, "%lld", (long long)point);
			mp_record_set(o, OR_POINT, id);
			mp_record_set(o, OR_DATE, date);
			mp_record_set(o, OR_OBSERVER, d->observer);
			mp_record_set(o, OR_PROBLEMS, d->problems[k]);
			mp_record_set(o, OR_EXPERIENCE, d->experience[k]);
			rc = save(db, c, o, e);
			obs = o->id;
			mp_record_free(o);
			for (int m = 0; rc == MP_OK && m < 5 && m < dims->n; m++) {
				mp_record *s = mp_record_new(&mp_obs_scores, c);

				snprintf(id, sizeof id, "%lld", (long long)obs);
				snprintf(num, sizeof num, "%d", d->scores[k][m]);
				mp_record_set(s, OS_OBS, id);
				mp_record_set(s, OS_DIMENSION, dims->v[m]);
				mp_record_set(s, OS_SCORE, num);
				rc = save(db, c, s, e);
				mp_record_free(s);
			}
		}
		if (rc == MP_OK && d->ended_ago > 0)
			rc = move(db, c, point, today - d->ended_ago, today - d->ended_ago + 30, e);
	}
	if (rc == MP_OK)
		rc = observe_groups(db, c, today, e);
	return rc;
}
