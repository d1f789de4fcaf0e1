/* demo_bases.c — the sample station's incubation bases (issue 17).
 *
 * The street's base (街道级, run by 益邻社工, as in 常州's township
 * bases: space and equipment, capacity building, training, financial
 * guidance) holds the stays the groups' 入驻日期 made already; it is
 * described here, and given a stay that ended early.  向阳社区's own small
 * base (社区级) had 巾帼队 until it filed, and takes 桂花园's new
 * calligraphy club now.  Services are dated within each stay: the
 * finished ones long ago, the current ones in the last months. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "demo_internal.h"
#include "mp_bases.h"
#include "mp_check.h"
#include "mp_i18n.h"

#define COMMUNITY_BASE "向阳社区社会组织孵化点"

struct db_ {
	mp_db *db;
	const mp_config *c;
	mp_err *e;
	long today;
};

static int save(struct db_ *d, mp_record *r)
{
	int rc = mp_record_save(d->db, d->c, r, d->e);

	if (rc != MP_OK) {
		char what[256], why[sizeof d->e->msg];

		snprintf(why, sizeof why, "%s", d->e->msg);
		mp_record_name(d->db, r, what, sizeof what);
		mp_err_set(d->e, rc, _("sample incubation data “%s”: %s"), what, why);
	}
	return rc;
}

static int64_t id_of(struct db_ *d, const char *table, const char *name)
{
	sqlite3_stmt *st;
	char *sql = sqlite3_mprintf("SELECT id FROM %s WHERE name = ?1"
	                            " AND deleted_at IS NULL", table);
	int64_t id = 0;

	if (!sql)
		mp_oom();
	if (mp_db_prepare(d->db, sql, &st, NULL) == MP_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return id;
}

static void set_id(mp_record *r, int i, int64_t id)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	mp_record_set(r, i, buf);
}

/* A date: a fixed one, or (when NULL) days before the demo's today. */
static const char *day(struct db_ *d, const char *fixed, long ago, char buf[11])
{
	if (fixed)
		return fixed;
	mp_day_string(d->today - ago, buf);
	return buf;
}

static int describe_base(struct db_ *d, int64_t id, const char *level,
                         const char *op, const char *address,
                         const char *capacity, const char *support,
                         const char *notes)
{
	mp_record *b = NULL;
	int rc = mp_record_load(d->db, &mp_bases, id, &b, d->e);

	if (rc != MP_OK)
		return rc;
	mp_record_set(b, B_LEVEL, level);
	mp_record_set(b, B_OPERATOR, op);
	mp_record_set(b, B_ADDRESS, address);
	mp_record_set(b, B_CAPACITY, capacity);
	mp_record_set(b, B_SUPPORT, support);
	mp_record_set(b, B_NOTES, notes);
	rc = save(d, b);
	mp_record_free(b);
	return rc;
}

struct demo_stay {
	const char *group, *base;
	const char *applied, *in, *agreement, *out, *outcome, *reason;
};

static const struct demo_stay stays[] = {
	{ "光明社区楼道自治小组", NULL, "2024-03-25", "2024-04-01", "XFFH-2024-03",
	  "2024-10-31", MP_OUTCOME_LEFT_EARLY,
	  "楼道改造完工后骨干减少，改由光明社区直接指导" },
	{ "向阳社区巾帼志愿服务队", COMMUNITY_BASE, "2019-02-20", "2019-03-01",
	  "XY-2019-01", "2021-02-26", MP_OUTCOME_FILED, NULL },
	{ "桂花园社区书画社", COMMUNITY_BASE, "2024-01-10", "2024-02-01",
	  "XY-2024-02", NULL, NULL, NULL },
};

struct demo_service {
	const char *group, *base;
	const char *date;     /* NULL: ago days before today */
	long ago;
	const char *kind, *hours, *amount, *by, *content;
};

static const struct demo_service services[] = {
	{ "滨河星儿家长互助中心", NULL, "2018-05-01", 0, "场地设备", NULL, "6000",
	  "幸福街道社区社会组织孵化基地", "提供独立办公位一个、共享会议室和打印设备" },
	{ "滨河星儿家长互助中心", NULL, "2019-06-18", 0, "财务指导", "2", NULL,
	  "李会计", "建立收支台账，讲解捐赠票据和专账管理" },
	{ "滨河星儿家长互助中心", NULL, "2020-03-12", 0, "协助登记备案", "3", NULL,
	  "孙丽娟", "准备章程和登记材料，陪同到区民政局办理社会服务机构登记" },
	{ "东湖村留守儿童关爱之家", NULL, "2022-03-15", 0, "能力建设", "3", NULL,
	  "孙丽娟", "项目设计工作坊：把暑期托管写成项目书" },
	{ "东湖村留守儿童关爱之家", NULL, "2023-05-20", 0, "协助登记备案", "2", NULL,
	  "孙丽娟", "整理成员名册和活动记录，向街道办理备案" },
	{ "光明社区楼道自治小组", NULL, "2024-05-16", 0, "政策咨询", "1.5", NULL,
	  "孙丽娟", "解读电动车充电和楼道堆物的管理规定" },
	{ "向阳社区巾帼志愿服务队", COMMUNITY_BASE, "2020-09-08", 0, "业务培训", "2", NULL,
	  "李秀英", "志愿服务记录和时长登记培训" },
	{ "向阳青少年成长营", NULL, NULL, 160, "业务培训", "3", NULL,
	  "益邻社工", "青少年心理健康小组的带领技巧" },
	{ "向阳青少年成长营", NULL, NULL, 95, "财务指导", "2", NULL,
	  "李会计", "暑期托管收费和支出的公示办法" },
	{ "向阳青少年成长营", NULL, NULL, 30, "资源链接", NULL, "3000",
	  "孙丽娟", "对接区图书馆流动书箱和大学生志愿者" },
	{ "光明心灵驿站志愿服务队", NULL, NULL, 120, "能力建设", "3", NULL,
	  "益邻社工", "倾听陪伴技巧与危机转介流程" },
	{ "光明心灵驿站志愿服务队", NULL, NULL, 45, "协助登记备案", "1.5", NULL,
	  "孙丽娟", "准备街道备案材料，修改章程" },
	{ "桂花园社区书画社", COMMUNITY_BASE, NULL, 200, "场地设备", NULL, "1200",
	  "向阳社区社会组织服务中心", "活动室每周两个半天，书画桌和毛毡" },
	{ "桂花园社区书画社", COMMUNITY_BASE, NULL, 20, "业务培训", "2", NULL,
	  "李秀英", "公益课的招募和签到，活动照片和记录的留存" },
};

int demo_fill_bases(mp_db *db, const mp_config *c, long today, mp_err *e)
{
	struct db_ d = { db, c, e, today };
	const char *street = c->base_name && c->base_name[0] ? c->base_name : MP_BASE_UNNAMED;
	int64_t street_id = id_of(&d, "bases", street), comm_id;
	mp_record *r;
	size_t i;
	int rc;

	/* The street's base: made by the groups' 入驻日期 (demo.c); made
	 * here when none of them had one. */
	if (!street_id) {
		r = mp_record_new(&mp_bases, c);
		mp_record_set(r, B_NAME, street);
		rc = save(&d, r);
		street_id = r->id;
		mp_record_free(r);
		if (rc != MP_OK)
			return rc;
	}
	rc = describe_base(&d, street_id, "街道级", "青溪区益邻社会工作服务中心",
	                   "幸福街道党群服务中心三楼", "12", "80000",
	                   "街道购买服务，益邻社工运营；为初创组织提供场地设备、能力建设、业务培训和财务指导");
	if (rc != MP_OK)
		return rc;
	r = mp_record_new(&mp_bases, c);
	mp_record_set(r, B_NAME, COMMUNITY_BASE);
	mp_record_set(r, B_LEVEL, "社区级");
	mp_record_set(r, B_OPERATOR, "向阳社区社会组织服务中心");
	mp_record_set(r, B_ADDRESS, "向阳社区党群服务中心一楼");
	mp_record_set(r, B_CAPACITY, "4");
	mp_record_set(r, B_KIND, MP_BASE_PHYSICAL);
	mp_record_set(r, B_SUPPORT, "20000");
	rc = save(&d, r);
	comm_id = r->id;
	mp_record_free(r);

	for (i = 0; rc == MP_OK && i < sizeof stays / sizeof stays[0]; i++) {
		const struct demo_stay *s = &stays[i];
		int64_t g = id_of(&d, "groups", s->group);

		if (!g)
			continue;
		r = mp_record_new(&mp_stays, c);
		set_id(r, ST_GROUP, g);
		set_id(r, ST_BASE, s->base ? comm_id : street_id);
		mp_record_set(r, ST_APPLIED, s->applied);
		mp_record_set(r, ST_MOVED_IN, s->in);
		mp_record_set(r, ST_AGREEMENT, s->agreement);
		mp_record_set(r, ST_MOVED_OUT, s->out);
		mp_record_set(r, ST_OUTCOME, s->outcome);
		mp_record_set(r, ST_REASON, s->reason);
		rc = save(&d, r);
		mp_record_free(r);
	}
	for (i = 0; rc == MP_OK && i < sizeof services / sizeof services[0]; i++) {
		const struct demo_service *s = &services[i];
		int64_t g = id_of(&d, "groups", s->group);
		char buf[11];

		if (!g)
			continue;
		r = mp_record_new(&mp_base_services, c);
		set_id(r, BS_GROUP, g);
		set_id(r, BS_BASE, s->base ? comm_id : street_id);
		mp_record_set(r, BS_DATE, day(&d, s->date, s->ago, buf));
		mp_record_set(r, BS_KIND, s->kind);
		mp_record_set(r, BS_HOURS, s->hours);
		mp_record_set(r, BS_AMOUNT, s->amount);
		mp_record_set(r, BS_BY, s->by);
		mp_record_set(r, BS_CONTENT, s->content);
		rc = save(&d, r);
		mp_record_free(r);
	}
	return rc;
}
