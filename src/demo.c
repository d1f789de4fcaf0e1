/* demo.c — a sample station and its groups, for --demo and for tests.
 *
 * The groups are the kinds the field reports describe (volunteer teams,
 * neighbourhood mutual-aid societies, elders' associations, property
 * councils, hub federations of a street or a village...), spread over
 * every category, legal status, type, grade and stage.  The data is fixed:
 * phone numbers and credit codes come from a seeded generator, so every
 * run gives the same ledger apart from UUIDs and timestamps. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_demo.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_text.h"

#define DEMO_STATION  "青溪区幸福街道社会工作服务站"
#define DEMO_TOWNSHIP "幸福街道"
#define DEMO_OPERATOR "陈静"
#define DEMO_BASE     "幸福街道社区社会组织孵化基地"

static const char *const communities[] = {
	"幸福里社区", "向阳社区", "桂花园社区", "滨河社区", "光明社区",
	"东湖村", "柳塘村",
};
#define NCOMM ((int)(sizeof communities / sizeof communities[0]))

enum { XFL, XYY, GHY, BH, GM, DH, LT };     /* indexes into communities */

/* One sample group.  legal: 0 未登记, 1 备案, 2 登记 (2 with type 1 is a
 * 社会团体, type 2 a 社会服务机构: it decides the credit code's second
 * character). */
struct demo_group {
	const char *name, *short_name, *category;
	int legal, type;
	int comm;
	const char *kind, *grade, *stage, *founded, *leader;
	int members;
	const char *moved_in, *moved_out;    /* NULL: never incubated */
	const char *observation, *state, *place, *notes;
};

static const char *const legal_names[] = { "未登记", "备案", "登记" };

static const struct demo_group groups[] = {
	{ "幸福街道社区社会组织联合会", "街道社联会", "社区事务类", 2, 1, XFL,
	  "枢纽型", "4A", "示范型", "2016-05-18", "王建国", 31, NULL, NULL,
	  "市级", "活跃", "幸福街道党群服务中心三楼",
	  "街道级枢纽组织，运营孵化基地和“幸福微创投”，联系全街道社区社会组织" },
	{ "青溪区益邻社会工作服务中心", "益邻社工", "公益慈善类", 2, 2, XFL,
	  "支持型", "3A", "成长期", "2017-09-06", "孙丽娟", 14, NULL, NULL,
	  "无", "活跃", "幸福里社区幸福路88号二楼",
	  "承接社工站项目，为社区社会组织提供督导、培训和财务指导" },
	{ "向阳社区社会组织服务中心", "向阳社服中心", "社区事务类", 2, 2, XYY,
	  "枢纽型", "3A", "成长期", "2018-03-12", "李秀英", 9, NULL, NULL,
	  "县级", "活跃", "向阳社区党群服务中心一楼", NULL },
	{ "滨河社区社会组织联合会", NULL, "社区事务类", 1, 0, BH,
	  "枢纽型", "无", "成长期", "2019-04-22", "赵志刚", 12, NULL, NULL,
	  "无", "活跃", "滨河社区党群服务中心", "2023年起承接“三社联动”示范社区项目" },
	{ "东湖村社区社会组织联合会", NULL, "社区事务类", 1, 0, DH,
	  "枢纽型", "无", "初创期", "2022-06-30", "郑国强", 7, NULL, NULL,
	  "无", "活跃", "东湖村村民委员会二楼", NULL },
	{ "幸福里夕阳红志愿服务队", "夕阳红", "公益慈善类", 1, 0, XFL,
	  "普通", "无", "示范型", "2014-09-01", "张桂芳", 36, NULL, NULL,
	  "市级", "活跃", "幸福里社区老年活动中心",
	  "每周二、四上门探访空巢老人；2021年获评区优秀志愿服务组织" },
	{ "幸福里邻里互助会", NULL, "生活服务类", 1, 0, XFL,
	  "普通", "无", "成长期", "2018-11-15", "陈淑珍", 48, NULL, NULL,
	  "无", "活跃", "幸福里社区7栋架空层", "邻里守望，代收快递、照看孩子、互借工具" },
	{ "向阳社区巾帼志愿服务队", "巾帼队", "公益慈善类", 1, 0, XYY,
	  "普通", "无", "成长期", "2015-03-08", "吴海燕", 27, NULL, NULL,
	  "无", "活跃", "向阳社区妇女之家", NULL },
	{ "桂花园社区书画社", NULL, "文体活动类", 0, 0, GHY,
	  "普通", "无", "萌芽期", "2023-10-09", "周明", 15, NULL, NULL,
	  "无", "活跃", "桂花园社区文化活动室", "每月一次书法公益课，春节写春联送居民" },
	{ "滨河社区老年协会", NULL, "生活服务类", 2, 1, BH,
	  "普通", "2A", "成长期", "2013-06-20", "黄美玲", 86, NULL, NULL,
	  "无", "活跃", "滨河社区老年活动中心", NULL },
	{ "光明社区楼道自治小组", NULL, "社区事务类", 0, 0, GM,
	  "普通", "无", "萌芽期", "2024-03-18", "林晓东", 11, NULL, NULL,
	  "无", "活跃", "光明社区3号楼", "楼道堆物清理、电动车充电议事，楼门长牵头" },
	{ "桂花园红色物业议事会", "红色物业议事会", "社区事务类", 1, 0, GHY,
	  "普通", "无", "成长期", "2020-08-01", "何玉兰", 13, NULL, NULL,
	  "县级", "活跃", "桂花园社区物业服务中心",
	  "社区党委、业委会、物业公司三方议事，化解停车和维修资金纠纷" },
	{ "向阳青少年成长营", NULL, "公益慈善类", 1, 0, XYY,
	  "普通", "无", "初创期", "2022-07-10", "马春梅", 18, "2022-09-01",
	  NULL, "无", "活跃", "向阳社区四点半课堂",
	  "大学生志愿者暑期托管、课业辅导和心理健康小组" },
	{ "东湖村乡贤参事会", NULL, "社区事务类", 1, 0, DH,
	  "普通", "无", "成长期", "2019-12-28", "胡建军", 21, NULL, NULL,
	  "无", "活跃", "东湖村文化礼堂", NULL },
	{ "柳塘村红白理事会", NULL, "社区事务类", 1, 0, LT,
	  "普通", "无", "示范型", "2012-04-16", "朱红霞", 9, NULL, NULL,
	  "无", "活跃", "柳塘村村民委员会", "移风易俗，红白喜事简办，订立村规民约" },
	{ "滨河风韵舞蹈队", NULL, "文体活动类", 0, 0, BH,
	  "普通", "无", "成长期", "2016-05-04", "高文斌", 32, NULL, NULL,
	  "无", "活跃", "滨河公园广场", NULL },
	{ "光明社区银龄志愿服务队", "银龄队", "公益慈善类", 1, 0, GM,
	  "普通", "无", "成长期", "2021-01-20", "罗素芬", 25, NULL, NULL,
	  "无", "活跃", "光明社区党群服务中心",
	  "低龄老人帮高龄老人，调解邻里纠纷，陪同就医" },
	{ "幸福里和谐爱心团", NULL, "公益慈善类", 1, 0, XFL,
	  "普通", "无", "成长期", "2020-02-14", "梁志勇", 19, NULL, NULL,
	  "无", "活跃", "幸福里社区12栋", "疫情期间消杀和代购，定期公开资金使用情况" },
	{ "桂花园垃圾分类督导队", NULL, "社区事务类", 1, 0, GHY,
	  "普通", "无", "成长期", "2019-07-01", "宋秀兰", 22, NULL, NULL,
	  "无", "活跃", "桂花园社区各投放点", NULL },
	{ "向阳社区平安巡逻队", NULL, "社区事务类", 1, 0, XYY,
	  "普通", "无", "成长期", "2017-05-12", "谢宏伟", 30, NULL, NULL,
	  "无", "活跃", "向阳社区警务室", NULL },
	{ "东湖村留守儿童关爱之家", NULL, "公益慈善类", 1, 0, DH,
	  "普通", "无", "初创期", "2021-09-10", "韩冬梅", 12, "2021-10-15",
	  "2023-06-30", "无", "活跃", "东湖村小学旁村部二楼",
	  "2023年出壳，由村联合会托管，周末开展阅读和手工活动" },
	{ "柳塘村农家书屋读书会", NULL, "文体活动类", 0, 0, LT,
	  "普通", "无", "萌芽期", "2023-04-23", "唐立新", 10, NULL, NULL,
	  "无", "活跃", "柳塘村农家书屋", NULL },
	{ "滨河星儿家长互助中心", "星儿家长", "公益慈善类", 2, 2, BH,
	  "普通", "1A", "成长期", "2018-04-02", "冯桂兰", 24, "2018-05-01",
	  "2020-05-01", "省级", "活跃", "滨河社区康园工作站",
	  "自闭症儿童家长互助，康复训练陪伴与大龄孤独症青年就业支持" },
	{ "光明心灵驿站志愿服务队", NULL, "公益慈善类", 1, 0, GM,
	  "普通", "无", "初创期", "2022-03-05", "许志华", 8, "2022-04-01",
	  NULL, "无", "活跃", "光明社区心理服务室", "心理咨询师志愿者每月坐诊两次" },
	{ "幸福里老年大学合唱团", NULL, "文体活动类", 1, 0, XFL,
	  "普通", "无", "成长期", "2015-10-10", "曹振华", 40, NULL, NULL,
	  "无", "活跃", "幸福里社区老年大学", NULL },
	{ "向阳社区太极拳协会", NULL, "文体活动类", 2, 1, XYY,
	  "普通", "无", "成长期", "2014-05-06", "彭雪梅", 52, NULL, NULL,
	  "无", "活跃", "向阳公园东门", NULL },
	{ "桂花园便民维修服务队", NULL, "生活服务类", 1, 0, GHY,
	  "普通", "无", "成长期", "2018-09-18", "曾凡荣", 11, NULL, NULL,
	  "无", "活跃", "桂花园社区服务站", "每月第一个周六义务修家电、磨剪刀、配钥匙" },
	{ "滨河老娘舅调解队", NULL, "社区事务类", 1, 0, BH,
	  "普通", "无", "示范型", "2013-11-11", "田玉珍", 7, NULL, NULL,
	  "县级", "活跃", "滨河社区人民调解室", NULL },
	{ "东湖村妇女手工编织社", NULL, "生活服务类", 0, 0, DH,
	  "普通", "无", "萌芽期", "2024-01-12", "董建平", 16, "2024-02-26",
	  NULL, "无", "活跃", "东湖村文化礼堂", NULL },
	{ "柳塘村老年协会", NULL, "其他", 2, 1, LT,
	  "普通", "1A", "成长期", "2012-10-23", "袁淑芬", 124, NULL, NULL,
	  "无", "活跃", "柳塘村老年活动室", NULL },
	{ "光明长者助餐服务队", NULL, "生活服务类", 1, 0, GM,
	  "普通", "无", "初创期", "2023-05-15", "潘小燕", 14, "2023-06-01",
	  NULL, "无", "活跃", "光明社区长者食堂", "为80岁以上独居老人送餐上门" },
	{ "幸福街道青年志愿者协会", "青志协", "公益慈善类", 2, 1, XFL,
	  "普通", "3A", "示范型", "2015-12-05", "蒋德明", 168, NULL, NULL,
	  "无", "活跃", "幸福街道团工委", NULL },
	{ "向阳社区普法宣讲团", NULL, "其他", 1, 0, XYY,
	  "普通", "无", "成长期", "2019-03-15", "蔡金花", 6, NULL, NULL,
	  "无", "活跃", "向阳社区法律服务室", "律师和退休法官志愿者，每季度一次法治讲座" },
	{ "桂花园亲子阅读会", NULL, "文体活动类", 0, 0, GHY,
	  "普通", "无", "初创期", "2022-11-19", "余海波", 23, NULL, NULL,
	  "无", "活跃", "桂花园社区图书角", NULL },
	{ "滨河护河志愿服务队", NULL, "公益慈善类", 1, 0, BH,
	  "普通", "无", "成长期", "2020-06-05", "杜秋菊", 20, NULL, NULL,
	  "无", "活跃", "滨河社区河长制公示牌处", NULL },
	{ "东湖村文艺宣传队", NULL, "文体活动类", 1, 0, DH,
	  "普通", "无", "成长期", "2017-01-21", "叶志明", 26, NULL, NULL,
	  "无", "活跃", "东湖村文化礼堂", NULL },
	{ "光明阳光助残服务队", NULL, "公益慈善类", 1, 0, GM,
	  "普通", "无", "初创期", "2021-12-03", "程凤英", 9, "2022-01-10",
	  "2023-12-29", "无", "活跃", "光明社区残疾人之家", NULL },
	{ "柳塘村新时代文明实践志愿服务队", "柳塘文明实践队", "公益慈善类", 1, 0,
	  LT, "普通", "无", "成长期", "2019-08-16", "魏国庆", 35, NULL, NULL,
	  "无", "活跃", "柳塘村新时代文明实践站", NULL },
	{ "幸福里健康自我管理小组", NULL, "生活服务类", 0, 0, XFL,
	  "普通", "无", "萌芽期", "2023-08-08", "苏丽萍", 17, NULL, NULL,
	  "无", "活跃", "幸福里社区卫生服务站", "高血压、糖尿病居民互助，社区医生每月指导" },
	{ "桂花园象棋协会", NULL, "文体活动类", 0, 0, GHY,
	  "普通", "无", "萌芽期", "2016-09-09", "吕永红", 12, NULL, NULL,
	  "无", "休眠", "桂花园社区棋牌室", "负责人搬离，2023年起暂停活动" },
	{ "柳塘村腰鼓队", NULL, "文体活动类", 1, 0, LT,
	  "普通", "无", "成长期", "2013-02-20", "韦春兰", 0, NULL, NULL,
	  "无", "注销", "柳塘村村民委员会", "成员并入东湖村文艺宣传队，2022年注销备案" },
	{ "向阳社区助老服务社", NULL, "生活服务类", 2, 2, XYY,
	  "普通", "2A", "成长期", "2019-10-09", "邵建华", 15, "2019-11-01",
	  "2021-10-31", "无", "活跃", "向阳社区日间照料中心",
	  "承接居家养老“五助”服务，2021年出壳后独立运营" },
};
#define NGROUPS ((int)(sizeof groups / sizeof groups[0]))

/* ---- a fixed-seed generator ---- */

/* Numerical Recipes' 32-bit LCG: the data must not change between runs or
 * machines, so neither rand() nor the clock is used. */
static uint32_t next(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static void make_phone(uint32_t *s, char out[12])
{
	static const char *const prefix[] = {
		"138", "139", "135", "137", "136", "150", "151", "152",
		"158", "159", "186", "187", "188", "189", "177", "199",
	};
	const char *p = prefix[next(s) % (sizeof prefix / sizeof prefix[0])];

	snprintf(out, 12, "%s%04u%04u", p, (unsigned)(next(s) % 10000),
	         (unsigned)(next(s) % 10000));
}

/* 5 (civil affairs), 1 social association / 2 social-service agency, the
 * division code, "MJ" plus seven characters, then the check character. */
static void make_uscc(uint32_t *s, int type, char out[19])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char *p = out;
	int i;

	p += sprintf(p, "5%d330283MJ", type == 2 ? 2 : 1);
	*p++ = alphabet[10 + next(s) % 21];         /* a letter */
	for (i = 0; i < 6; i++)
		*p++ = (char)('0' + next(s) % 10);
	*p = '\0';
	out[17] = mp_uscc_check_char(out);
	out[18] = '\0';
}

/* The value for choice list id: v when the settings offer it, else the
 * settings' k-th choice (the user may have renamed, say, the stages). */
static const char *choice(const mp_config *c, int id, const char *v, int k)
{
	const mp_strlist *l = mp_config_choices(c, id);

	if (l->n == 0 || mp_strlist_find(l, v) >= 0)
		return v;
	return l->v[k % l->n];
}

/* ---- the settings of the sample station ---- */

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = mp_strdup(v);
}

void mp_demo_config(mp_config *c)
{
	mp_strlist *l = &c->choices[MP_CH_COMMUNITY];
	int i;

	set_str(&c->station, DEMO_STATION);
	set_str(&c->township, DEMO_TOWNSHIP);
	set_str(&c->operator_name, DEMO_OPERATOR);
	mp_strlist_free(l);
	l->v = NULL;
	l->n = 0;
	for (i = 0; i < NCOMM; i++)
		mp_strlist_add(l, communities[i]);
}

/* ---- the groups ---- */

static mp_record *make_group(const mp_config *c, const struct demo_group *g,
                             int k, uint32_t *seed)
{
	mp_record *r = mp_record_new(&mp_groups, c);
	const mp_field *inc = &mp_groups.fields[G_INCUBATED];
	char buf[64], members[16];

	mp_record_set(r, G_NAME, g->name);
	mp_record_set(r, G_SHORT, g->short_name);
	mp_record_set(r, G_CATEGORY, choice(c, MP_CH_CATEGORY, g->category, k));
	mp_record_set(r, G_LEGAL, legal_names[g->legal]);
	if (g->legal == 2) {
		make_uscc(seed, g->type, buf);
		mp_record_set(r, G_USCC, buf);
	} else if (g->legal == 1) {
		snprintf(buf, sizeof buf, "幸福备〔%.4s〕%03d号", g->founded,
		         k + 1);
		mp_record_set(r, G_FILING, buf);
	}
	mp_record_set(r, G_TOWNSHIP, DEMO_TOWNSHIP);
	mp_record_set(r, G_COMMUNITY,
	              choice(c, MP_CH_COMMUNITY, communities[g->comm], k));
	mp_record_set(r, G_KIND, choice(c, MP_CH_KIND, g->kind, k));
	mp_record_set(r, G_GRADE, choice(c, MP_CH_GRADE, g->grade, 0));
	mp_record_set(r, G_STAGE, choice(c, MP_CH_STAGE, g->stage, k));
	mp_record_set(r, G_FOUNDED, g->founded);
	mp_record_set(r, G_LEADER, g->leader);
	make_phone(seed, buf);
	mp_record_set(r, G_PHONE, buf);
	snprintf(members, sizeof members, "%d", g->members);
	mp_record_set(r, G_MEMBERS, members);
	/* The base is a yes/no choice or, in a table that names it, text. */
	if (inc->kind == MP_K_CHOICE)
		mp_record_set(r, G_INCUBATED, choice(c, inc->choice,
		              g->moved_in ? "是" : "否", g->moved_in ? 1 : 0));
	else
		mp_record_set(r, G_INCUBATED, g->moved_in ? DEMO_BASE : "");
	mp_record_set(r, G_MOVED_IN, g->moved_in);
	mp_record_set(r, G_MOVED_OUT, g->moved_out);
	mp_record_set(r, G_OBSERVATION,
	              choice(c, MP_CH_OBSERVATION, g->observation, 0));
	mp_record_set(r, G_STATE, choice(c, MP_CH_GROUP_STATE, g->state, 0));
	snprintf(buf, sizeof buf, "%s", g->place);
	mp_record_set(r, G_ADDRESS, buf);
	mp_record_set(r, G_NOTES, g->notes);
	return r;
}

/* Prefix e's message with the sample group's name. */
static int blame(mp_err *e, int rc, const char *name)
{
	char why[sizeof e->msg];

	if (!e)
		return rc;
	snprintf(why, sizeof why, "%s", e->msg);
	return mp_err_set(e, rc, _("sample group “%s”: %s"), name, why);
}

int mp_demo_fill(mp_db *db, const mp_config *c, mp_err *e)
{
	mp_record *r[NGROUPS];
	uint32_t seed = 20240601u;
	int i, rc = MP_OK;

	mp_err_clear(e);
	for (i = 0; i < NGROUPS; i++)
		r[i] = make_group(c, &groups[i], i, &seed);

	/* Check everything before writing anything, so that a group the
	 * settings refuse leaves the ledger untouched. */
	for (i = 0; i < NGROUPS; i++) {
		rc = mp_record_check(db, c, r[i], e);
		if (rc != MP_OK) {
			blame(e, rc, groups[i].name);
			goto out;
		}
	}

	/* One transaction for all: each mp_record_save nests inside it. */
	rc = mp_db_begin(db, e);
	if (rc != MP_OK)
		goto out;
	for (i = 0; i < NGROUPS; i++) {
		rc = mp_record_save(db, c, r[i], e);
		if (rc != MP_OK) {
			blame(e, rc, groups[i].name);
			mp_db_rollback(db);
			goto out;
		}
	}
	rc = mp_db_commit(db, e);
	if (rc != MP_OK)
		mp_db_rollback(db);
out:
	for (i = 0; i < NGROUPS; i++)
		mp_record_free(r[i]);
	return rc;
}
