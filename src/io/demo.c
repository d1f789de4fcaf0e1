/* demo.c — a sample station, for --demo and for tests.
 *
 * The groups are the kinds the field reports describe (volunteer teams,
 * neighbourhood mutual-aid societies, elders' associations, property
 * councils, hub federations of a street or a village...), spread over
 * every category, legal status, type, grade and stage.  Around them, sixty
 * volunteers (a few leading their group, a few paused or gone, one station
 * worker whose hours do not count), their memberships, eighty activities of
 * the last eighteen months and the service records entered from them;
 * twenty-five trainings of the same months with the groups and people who
 * attended, and sixty supervision visits by third-party agencies whose
 * follow-ups are mostly done, a few overdue and a few due this week.
 * The data is fixed: phone, ID and credit-code digits come from a seeded
 * generator and the dates count back from today, so every run on the same
 * day gives the same ledger apart from UUIDs and timestamps. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_activity.h"
#include "mp_check.h"
#include "mp_demo.h"
#include "demo_internal.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_text.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"

#define DEMO_STATION  "青溪区幸福街道社会工作服务站"
#define DEMO_TOWNSHIP "幸福街道"
#define DEMO_OPERATOR "陈静"
#define DEMO_BASE     "幸福街道社区社会组织孵化基地"
#define DEMO_HEAD     "孙丽娟"       /* also leads 益邻社工, which runs the station */
#define DEMO_PHONE    "0574-88265120"

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

/* ---- the volunteers ---- */

/* One sample volunteer.  The first sixteen lead a group above (they carry
 * its leader's name and phone); id_type: 0 居民身份证, 1 港澳台居民居住证,
 * 2 护照.  The birth day, ID number, phone and registration day come from
 * the seeded generator. */
struct demo_volunteer {
	const char *name;
	int male;
	int born, comm, registered;     /* years; comm indexes communities */
	const char *skills, *kind;      /* 专业技能, 服务类别 */
	const char *leads;              /* the group led, or NULL */
	int id_type;
	const char *state, *notes;
};

static const struct demo_volunteer volunteers[] = {
	{ "张桂芳", 0, 1956, XFL, 2015, "量血压、手工", "扶老助残",
	  "幸福里夕阳红志愿服务队", 0, "在册", NULL },
	{ "陈淑珍", 0, 1962, XFL, 2018, "邻里调解、烹饪", "社区治理",
	  "幸福里邻里互助会", 0, "在册", NULL },
	{ "梁志勇", 1, 1975, XFL, 2020, "驾驶、电工", "应急救援",
	  "幸福里和谐爱心团", 0, "在册", NULL },
	{ "蒋德明", 1, 1988, XFL, 2016, "活动策划、摄影", "文明实践",
	  "幸福街道青年志愿者协会", 0, "在册", NULL },
	{ "吴海燕", 0, 1970, XYY, 2016, "手工、烹饪", "关爱儿童",
	  "向阳社区巾帼志愿服务队", 0, "在册", NULL },
	{ "马春梅", 0, 1993, XYY, 2022, "课业辅导、心理健康", "关爱儿童",
	  "向阳青少年成长营", 0, "在册", NULL },
	{ "谢宏伟", 1, 1966, XYY, 2017, "治安巡逻、驾驶", "社区治理",
	  "向阳社区平安巡逻队", 0, "在册", NULL },
	{ "宋秀兰", 0, 1960, GHY, 2019, "垃圾分类宣传", "环境保护",
	  "桂花园垃圾分类督导队", 0, "在册", NULL },
	{ "曾凡荣", 1, 1958, GHY, 2018, "家电维修、电工", "扶老助残",
	  "桂花园便民维修服务队", 0, "在册", NULL },
	{ "杜秋菊", 0, 1964, BH, 2020, "巡河、摄影", "环境保护",
	  "滨河护河志愿服务队", 0, "在册", NULL },
	{ "罗素芬", 0, 1955, GM, 2021, "调解、陪诊", "扶老助残",
	  "光明社区银龄志愿服务队", 0, "在册", NULL },
	{ "许志华", 1, 1979, GM, 2022, "心理咨询（国家二级心理咨询师）", "其他",
	  "光明心灵驿站志愿服务队", 0, "在册", NULL },
	{ "潘小燕", 0, 1972, GM, 2023, "烹饪、营养配餐", "扶老助残",
	  "光明长者助餐服务队", 0, "在册", NULL },
	{ "程凤英", 0, 1968, GM, 2021, "康复护理、手语", "扶老助残",
	  "光明阳光助残服务队", 0, "在册", NULL },
	{ "韩冬梅", 0, 1983, DH, 2021, "阅读推广、手工", "关爱儿童",
	  "东湖村留守儿童关爱之家", 0, "在册", NULL },
	{ "魏国庆", 1, 1963, LT, 2019, "理论宣讲、书法", "文明实践",
	  "柳塘村新时代文明实践志愿服务队", 0, "在册", NULL },
	{ "王秀珍", 0, 1952, XFL, 2015, "编织", "扶老助残", NULL, 0, "在册", NULL },
	{ "李建华", 1, 1957, XFL, 2016, "二胡、合唱", "文化体育", NULL, 0, "在册", NULL },
	{ "刘丽", 0, 1985, XFL, 2019, "护理（执业护士）", "扶老助残", NULL, 0,
	  "在册", NULL },
	{ "杨帆", 1, 2002, XFL, 2021, "摄影、视频剪辑", "文明实践", NULL, 0,
	  "在册", "大学在读，寒暑假参加服务" },
	{ "赵敏", 0, 1998, XFL, 2020, "英语辅导", "关爱儿童", NULL, 0, "在册", NULL },
	{ "黄国平", 1, 1961, XFL, 2017, "理发", "扶老助残", NULL, 0,
	  "暂停", "腿伤休养，暂停服务" },
	{ "周晓燕", 0, 1979, XFL, 2019, "会计", "社区治理", NULL, 0, "在册", NULL },
	{ "孙浩然", 1, 2004, XFL, 2025, "计算机", "文明实践", NULL, 0, "在册", NULL },
	{ "徐凤英", 0, 1953, XYY, 2016, "剪纸", "文化体育", NULL, 0, "在册", NULL },
	{ "朱志强", 1, 1969, XYY, 2017, "驾驶", "应急救援", NULL, 0, "在册", NULL },
	{ "胡婷婷", 0, 1991, XYY, 2019, "法律咨询（执业律师）", "社区治理", NULL, 0,
	  "在册", NULL },
	{ "郭晓明", 1, 1981, XYY, 2020, "急救（红十字救护员）", "应急救援", NULL, 0,
	  "在册", NULL },
	{ "林秀英", 0, 1950, XYY, 2014, "太极拳", "文化体育", NULL, 0,
	  "退出", "年事已高，本人申请退出" },
	{ "何俊", 1, 2003, XYY, 2024, "课业辅导", "关爱儿童", NULL, 0, "在册", NULL },
	{ "高淑华", 0, 1958, GHY, 2017, "书法、国画", "文化体育", NULL, 0, "在册", NULL },
	{ "郑伟", 1, 1976, GHY, 2020, "物业管理", "社区治理", NULL, 0, "在册", NULL },
	{ "罗丹", 0, 1990, GHY, 2022, "绘本阅读", "关爱儿童", NULL, 0, "在册", NULL },
	{ "梁宏", 1, 1965, GHY, 2018, "水电维修", "扶老助残", NULL, 0, "在册", NULL },
	{ "谢玉梅", 0, 1972, GHY, 2019, "垃圾分类宣传", "环境保护", NULL, 0, "在册", NULL },
	{ "韩磊", 1, 1999, GHY, 2021, "摄影", "文明实践", NULL, 0,
	  "退出", "工作调动到外地" },
	{ "唐桂英", 0, 1954, BH, 2016, "广场舞", "文化体育", NULL, 0, "在册", NULL },
	{ "冯志明", 1, 1960, BH, 2015, "人民调解", "社区治理", NULL, 0, "在册", NULL },
	{ "于洋", 1, 1987, BH, 2018, "特殊教育", "关爱儿童", NULL, 0, "在册", NULL },
	{ "董丽娟", 0, 1980, BH, 2018, "康复训练", "关爱儿童", NULL, 0, "在册", NULL },
	{ "萧建军", 1, 1967, BH, 2020, "游泳、水上救生", "应急救援", NULL, 0,
	  "暂停", "外出务工，年底回来" },
	{ "程静", 0, 2001, BH, 2023, "环保宣传", "环境保护", NULL, 0, "在册", NULL },
	{ "曹秀兰", 0, 1951, GM, 2021, "烹饪", "扶老助残", NULL, 0, "在册", NULL },
	{ "袁志刚", 1, 1962, GM, 2021, "调解、陪诊", "扶老助残", NULL, 0, "在册", NULL },
	{ "邓洁", 0, 1995, GM, 2022, "社会工作（助理社会工作师）", "其他", NULL, 0,
	  "在册", "社工站驻点社工，工作时间内的服务不计入志愿服务时长" },
	{ "许明", 1, 2005, GM, 2025, "计算机", "文明实践", NULL, 0, "在册", NULL },
	{ "傅玉兰", 0, 1957, GM, 2022, "手语", "扶老助残", NULL, 0, "在册", NULL },
	{ "沈国强", 1, 1959, DH, 2019, "农技", "社区治理", NULL, 0, "在册", NULL },
	{ "曾丽华", 0, 1974, DH, 2017, "腰鼓、舞蹈", "文化体育", NULL, 0, "在册", NULL },
	{ "彭小红", 0, 1986, DH, 2021, "手工编织", "关爱儿童", NULL, 0, "在册", NULL },
	{ "吕建国", 1, 1956, DH, 2019, "村务、调解", "社区治理", NULL, 0, "在册", NULL },
	{ "苏晓雯", 0, 2000, DH, 2023, "课业辅导", "关爱儿童", NULL, 0,
	  "在册", "师范大学毕业，回村任教" },
	{ "卢春华", 0, 1963, LT, 2020, "读书分享", "文化体育", NULL, 0, "在册", NULL },
	{ "蒋建平", 1, 1958, LT, 2015, "红白事操办", "文明实践", NULL, 0, "在册", NULL },
	{ "蔡文静", 0, 1989, LT, 2019, "理论宣讲", "文明实践", NULL, 0, "在册", NULL },
	{ "贾志军", 1, 1971, LT, 2020, "驾驶、电工", "应急救援", NULL, 0, "在册", NULL },
	{ "丁秀梅", 0, 1961, LT, 2019, "烹饪", "扶老助残", NULL, 0, "在册", NULL },
	{ "陈嘉欣", 0, 1996, XFL, 2023, "粤语、英语", "关爱儿童", NULL, 1,
	  "在册", "香港居民，在幸福街道工作" },
	{ "李思远", 1, 1992, XFL, 2024, "英语、日语翻译", "其他", NULL, 2,
	  "在册", "华侨，持护照登记" },
	{ "郝建设", 1, 1950, XFL, 2015, "书法", "文化体育", NULL, 0, "在册", NULL },
};
#define NVOL ((int)(sizeof volunteers / sizeof volunteers[0]))

static const char *const id_type_names[] = {
	"居民身份证", "港澳台居民居住证", "护照"
};

/* The volunteer whose service is part of the job (邓洁, a station social
 * worker): her records are kept but do not count. */
#define STAFF_VOLUNTEER "邓洁"

/* ---- the activities ---- */

/* A kind of activity a group holds again and again.  place NULL: the
 * group's own place; beneficiaries 0: nobody outside the group served. */
struct demo_activity {
	const char *group, *name, *type, *start;
	int minutes;
	const char *place;
	int participants, beneficiaries;
	const char *content;
};

#define STREET_HUB "幸福街道社区社会组织联合会"

static const struct demo_activity activities[] = {
	{ "幸福里夕阳红志愿服务队", "空巢老人上门探访", "走访慰问", "09:00", 150,
	  NULL, 12, 30, "分组上门探访空巢、独居老人，测量血压，登记生活需求" },
	{ "幸福里夕阳红志愿服务队", "重阳节敬老茶话会", "文体活动", "14:00", 120,
	  NULL, 60, 80, "为社区80岁以上老人祝寿，合唱、戏曲表演" },
	{ "幸福里邻里互助会", "邻里互助工具借用日", "志愿服务", "09:00", 180,
	  NULL, 25, 60, "整理共享工具柜，登记借用，教居民安全使用" },
	{ "幸福里邻里互助会", "楼道邻里议事会", "议事协商", "19:00", 90,
	  "幸福里社区7栋架空层", 18, 40, "商议楼道堆物清理和快递代收点设置" },
	{ "幸福里和谐爱心团", "爱心义卖", "志愿服务", "09:00", 210,
	  "幸福里社区广场", 40, 150, "义卖旧物和手工品，善款用于困难家庭帮扶，当场公示" },
	{ "幸福里和谐爱心团", "困难家庭节日慰问", "走访慰问", "14:30", 150,
	  NULL, 10, 20, "为低保、残疾人家庭送米油和慰问金" },
	{ "幸福里老年大学合唱团", "社区合唱公益演出", "文体活动", "19:00", 90,
	  "幸福里社区广场", 45, 200, NULL },
	{ "幸福街道青年志愿者协会", "文明交通劝导", "宣传倡导", "07:00", 120,
	  "幸福路与桂花路交叉口", 20, 500, "早高峰路口劝导行人和电动车遵守信号灯" },
	{ "幸福街道青年志愿者协会", "志愿者骨干培训", "培训讲座", "14:00", 150,
	  "幸福街道党群服务中心三楼", 50, 50, "志愿服务礼仪、应急救护和服务记录填写" },
	{ "幸福里健康自我管理小组", "高血压健康讲座", "培训讲座", "09:30", 90,
	  NULL, 30, 30, "社区医生讲解用药和饮食，现场测血压" },
	{ STREET_HUB, "幸福街道志愿服务集中日", "志愿服务", "08:30", 240,
	  "幸福街道党群服务中心广场", 120, 600,
	  "各社区志愿服务队集中摆摊：义诊、义剪、维修、法律咨询、政策宣传" },
	{ STREET_HUB, "社区社会组织公益创投路演", "议事协商", "13:30", 210,
	  "幸福街道党群服务中心三楼", 80, 0, "12个项目路演，评审打分，确定资助名单" },
	{ "向阳社区巾帼志愿服务队", "巾帼家政技能培训", "培训讲座", "14:00", 120,
	  NULL, 30, 30, "收纳整理和家庭护理技能" },
	{ "向阳社区巾帼志愿服务队", "四点半课堂手工课", "志愿服务", "16:30", 90,
	  "向阳社区四点半课堂", 8, 25, "带孩子做香包、剪纸" },
	{ "向阳青少年成长营", "暑期托管课业辅导", "志愿服务", "08:30", 210,
	  NULL, 12, 40, "大学生志愿者辅导暑假作业，午间安全看护" },
	{ "向阳青少年成长营", "青少年心理健康小组", "培训讲座", "14:00", 120,
	  NULL, 10, 12, "情绪认识与同伴交往，小组游戏" },
	{ "向阳社区平安巡逻队", "夜间平安巡逻", "志愿服务", "19:30", 120,
	  "向阳社区各小区", 12, 800, "巡查楼道消防通道、电动车充电和门禁" },
	{ "向阳社区平安巡逻队", "防诈骗宣传", "宣传倡导", "09:00", 120,
	  "向阳社区菜市场门口", 10, 300, "发放防诈骗手册，帮助老人安装反诈App" },
	{ "向阳社区太极拳协会", "太极拳公益教学", "文体活动", "07:00", 90,
	  NULL, 40, 40, NULL },
	{ "向阳社区普法宣讲团", "民法典进社区讲座", "培训讲座", "14:30", 90,
	  NULL, 6, 60, "婚姻家庭编和继承编常见问题，现场答疑" },
	{ "桂花园社区书画社", "写春联送万家", "文体活动", "09:00", 180,
	  NULL, 15, 200, "书画社成员现场写春联、福字，免费赠送居民" },
	{ "桂花园社区书画社", "书法公益课", "培训讲座", "14:00", 120,
	  NULL, 18, 18, NULL },
	{ "桂花园垃圾分类督导队", "垃圾分类定时定点督导", "志愿服务", "07:00", 120,
	  NULL, 15, 400, "早间在投放点督导分类，纠正混投" },
	{ "桂花园垃圾分类督导队", "垃圾分类入户宣传", "宣传倡导", "09:00", 150,
	  "桂花园社区各楼栋", 12, 260, "入户发放分类指南和厨余垃圾桶" },
	{ "桂花园便民维修服务队", "便民维修服务日", "志愿服务", "08:30", 210,
	  NULL, 10, 80, "义务修家电、磨剪刀、配钥匙，为独居老人上门修水电" },
	{ "桂花园亲子阅读会", "周末亲子绘本共读", "文体活动", "15:00", 90,
	  NULL, 20, 30, NULL },
	{ "桂花园红色物业议事会", "停车难问题三方议事会", "议事协商", "19:00", 120,
	  NULL, 15, 0, "社区党委、业委会、物业公司商议夜间停车和收费方案" },
	{ "滨河风韵舞蹈队", "广场舞公益教学", "文体活动", "19:00", 90,
	  NULL, 35, 35, NULL },
	{ "滨河老娘舅调解队", "邻里纠纷调解接待日", "志愿服务", "09:00", 180,
	  NULL, 5, 12, "接待居民来访，调解漏水、噪音和赡养纠纷" },
	{ "滨河星儿家长互助中心", "星儿康复训练陪伴", "志愿服务", "09:00", 180,
	  NULL, 10, 15, "陪伴自闭症儿童进行感统和语言训练" },
	{ "滨河星儿家长互助中心", "家长喘息服务沙龙", "其他", "14:00", 120,
	  NULL, 12, 12, "志愿者照看孩子，家长参加减压沙龙" },
	{ "滨河护河志愿服务队", "护河巡河与清理", "志愿服务", "08:00", 150,
	  "滨河沿岸", 15, 0, "巡查排污口，打捞漂浮物，记录水质" },
	{ "滨河护河志愿服务队", "节水护水宣传", "宣传倡导", "09:30", 120,
	  "滨河公园广场", 12, 150, NULL },
	{ "光明社区银龄志愿服务队", "高龄老人陪同就医", "志愿服务", "08:00", 180,
	  "青溪区人民医院", 6, 8, "陪同挂号、取药，帮助使用自助机" },
	{ "光明社区银龄志愿服务队", "银龄互助结对探访", "走访慰问", "09:00", 120,
	  "光明社区各楼栋", 12, 24, "低龄老人结对探访高龄老人" },
	{ "光明心灵驿站志愿服务队", "心理咨询公益坐诊", "志愿服务", "14:00", 180,
	  NULL, 3, 10, NULL },
	{ "光明长者助餐服务队", "长者助餐送餐上门", "志愿服务", "10:30", 120,
	  NULL, 8, 45, "为80岁以上独居老人送午餐上门" },
	{ "光明阳光助残服务队", "残疾人康复陪伴", "志愿服务", "09:00", 120,
	  NULL, 6, 15, NULL },
	{ "光明阳光助残服务队", "助残日文体联谊", "文体活动", "14:00", 150,
	  "光明社区党群服务中心", 30, 45, "全国助残日主题游园和联谊演出" },
	{ "东湖村留守儿童关爱之家", "周末阅读和手工", "志愿服务", "09:00", 150,
	  NULL, 8, 30, NULL },
	{ "东湖村留守儿童关爱之家", "留守儿童暑期夏令营", "文体活动", "08:30", 240,
	  "东湖村文化礼堂", 15, 40, "安全教育、非遗手工和趣味运动会" },
	{ "东湖村文艺宣传队", "移风易俗文艺汇演", "宣传倡导", "19:00", 120,
	  NULL, 30, 300, "小品、快板宣传红白事简办" },
	{ "东湖村妇女手工编织社", "手工编织技能培训", "培训讲座", "14:00", 150,
	  NULL, 20, 20, NULL },
	{ "柳塘村新时代文明实践志愿服务队", "新时代文明实践理论宣讲", "宣传倡导",
	  "19:00", 90, NULL, 8, 80, "用方言宣讲惠农政策" },
	{ "柳塘村新时代文明实践志愿服务队", "村庄环境整治", "志愿服务", "07:30",
	  180, "柳塘村主干道和河塘", 30, 0, "清理卫生死角和河塘垃圾" },
	{ "柳塘村农家书屋读书会", "农家书屋读书分享会", "文体活动", "19:00", 90,
	  NULL, 15, 15, NULL },
};
#define NACT_KINDS ((int)(sizeof activities / sizeof activities[0]))

/* How many activities the demo holds, over how many days before today. */
#define NACT 80
#define ACT_SPAN_DAYS 540

/* Services given outside any activity: a visit, a meal delivered, a
 * repair, a dispute settled. */
struct demo_service {
	const char *group, *content;
};

static const struct demo_service services[] = {
	{ "幸福里夕阳红志愿服务队", "上门探访独居老人" },
	{ "幸福里邻里互助会", "帮邻居照看孩子" },
	{ "光明社区银龄志愿服务队", "陪同高龄老人就医" },
	{ "光明长者助餐服务队", "送餐上门" },
	{ "桂花园便民维修服务队", "上门维修水电" },
	{ "滨河老娘舅调解队", "调解邻里纠纷" },
	{ "光明心灵驿站志愿服务队", "心理疏导（一对一）" },
	{ "东湖村留守儿童关爱之家", "留守儿童作业辅导" },
};
#define NSERVICE_KINDS ((int)(sizeof services / sizeof services[0]))
#define NSOLO 90

/* ---- trainings and supervision visits ---- */

/* Who organizes the station's trainings. */
#define ORG_STATION "幸福街道社会工作服务站"
#define ORG_BUREAU  "青溪区民政局"
#define ORG_CENTER  "青溪区社会组织发展中心"
#define ORG_YILIN   "青溪区益邻社会工作服务中心"

/* One training.  place NULL: online (线上), which needs no place; the
 * trainers are the support organizations' staff, a college teacher, an
 * accountant, and volunteers with a profession. */
struct demo_training {
	const char *name, *topic, *hours, *place, *trainer, *organizer, *notes;
};

static const struct demo_training trainings[] = {
	{ "社区社会组织项目申报书撰写培训", "项目申报", "3",
	  "幸福街道党群服务中心三楼", "王晓红", ORG_CENTER,
	  "讲解项目书的需求分析、目标、活动设计和预算，现场修改两份项目书" },
	{ "社区社会组织财务规范与票据管理", "财务管理", "3",
	  "幸福街道社区社会组织孵化基地", "刘建明", ORG_STATION,
	  "收支登记簿、票据粘贴、现金管理和资金使用公示" },
	{ "志愿者招募、激励与服务记录", "志愿者管理", "2",
	  "幸福街道社区社会组织孵化基地", "孙丽娟", ORG_YILIN,
	  "志愿者招募渠道、星级激励和服务时长的规范记录" },
	{ "社区协商议事规则与技巧", "社区协商议事", "3",
	  "向阳社区党群服务中心一楼", "陈志远", ORG_STATION,
	  "罗伯特议事规则简化版，模拟停车难议题的议事会" },
	{ "社区社会组织备案与登记政策解读", "组织建设", "1.5", NULL,
	  "王晓红", ORG_BUREAU, "线上直播，回放链接发至各社区工作群" },
	{ "“幸福微创投”项目路演辅导", "公益创投路演", "2.5",
	  "幸福街道党群服务中心三楼", "周慧敏", STREET_HUB,
	  "路演PPT制作和五分钟陈述，评委提问模拟" },
	{ "社区活动策划与安全预案", "活动策划", "2.5",
	  "滨河社区党群服务中心", "孙丽娟", ORG_YILIN, NULL },
	{ "社区社会组织档案台账规范", "档案台账", "2",
	  "幸福街道社区社会组织孵化基地", "周慧敏", ORG_STATION,
	  "会议记录、活动台账、成员名册和财务档案的整理归档" },
	{ "公益项目宣传与新媒体运营", "宣传推广", "2", NULL,
	  "杨晓峰", ORG_CENTER, "微信公众号排版、短视频拍摄和活动简报写作" },
	{ "互联网公益筹款入门", "资源筹措", "1.5", NULL,
	  "杨晓峰", ORG_CENTER, "腾讯公益平台项目上线和“99公益日”配捐规则" },
	{ "参与式社区需求调研方法", "需求评估", "3",
	  "东湖村文化礼堂", "陈志远", ORG_STATION,
	  "问卷设计、入户访谈和社区资产地图" },
	{ "党建引领社区社会组织发展", "党建引领", "2",
	  "幸福街道党群服务中心三楼", "李国华", ORG_BUREAU, NULL },
	{ "项目执行与结项评估要点", "项目申报", "2.5",
	  "幸福街道社区社会组织孵化基地", "王晓红", ORG_CENTER,
	  "过程资料留存、中期检查和结项报告撰写" },
	{ "志愿服务礼仪与应急救护", "志愿者管理", "4",
	  "向阳社区党群服务中心一楼", "郭晓明", STREET_HUB,
	  "心肺复苏和AED使用实操，每人考核过关" },
	{ "社区社会组织负责人领导力工作坊", "组织建设", "6",
	  "青溪区社会组织服务中心培训室", "陈志远", ORG_CENTER,
	  "全天工作坊：团队分工、骨干培养和组织发展规划" },
	{ "公益创投路演实战演练", "公益创投路演", "3",
	  "幸福街道党群服务中心三楼", "周慧敏", STREET_HUB,
	  "12个入围项目逐一试讲，评委点评" },
	{ "社会组织年度工作报告填报", "财务管理", "1.5", NULL,
	  "刘建明", ORG_BUREAU, "年报系统填报演示和常见退回原因" },
	{ "居民议事会主持人培训", "社区协商议事", "3",
	  "桂花园社区物业服务中心", "陈志远", ORG_STATION, NULL },
	{ "项目预算编制与资金使用公示", "财务管理", "2.5",
	  "幸福街道社区社会组织孵化基地", "刘建明", ORG_YILIN,
	  "预算科目、劳务费比例和公示格式" },
	{ "为老服务规范与安全", "服务规范", "2",
	  "光明社区党群服务中心", "孙丽娟", ORG_YILIN,
	  "上门探访的安全要点、老人突发情况处置和服务记录" },
	{ "儿童保护与青少年服务伦理", "服务规范", "2",
	  "向阳社区四点半课堂", "许志华", ORG_YILIN, NULL },
	{ "志愿服务信息平台操作", "志愿者管理", "1.5", NULL,
	  "邓洁", ORG_STATION, "志愿者注册、活动发布和时长录入" },
	{ "社区社会组织等级评估指标解读", "组织建设", "2",
	  "幸福街道党群服务中心三楼", "王晓红", ORG_CENTER,
	  "评估指标逐条讲解，准备材料清单" },
	{ "社区矛盾纠纷调解技巧", "社区协商议事", "2.5",
	  "滨河社区人民调解室", "胡婷婷", STREET_HUB,
	  "邻里纠纷的情绪疏导、调解话术和调解协议书" },
	{ "公益创投项目申报辅导", "项目申报", "3",
	  "幸福街道社区社会组织孵化基地", "王晓红", STREET_HUB,
	  "本年度“幸福微创投”申报指南解读，一对一修改项目书" },
};
#define NTRAIN ((int)(sizeof trainings / sizeof trainings[0]))

/* The trainings spread over the last TRAIN_SPAN_DAYS days, the last one
 * about a week ago. */
#define TRAIN_SPAN_DAYS 530

/* What a supervisor found and asked for.  days: the follow-up period
 * (0: nothing to follow up); done: what the group reported when done. */
struct demo_finding {
	const char *findings, *advice, *rating;
	int days;
	const char *done;
};

static const struct demo_finding findings[] = {
	{ "活动台账不完整，近三个月有4次活动缺少签到表和照片",
	  "建立活动台账，每次活动留存签到表、照片和活动简报，每月底交社工站",
	  "中", 30, "已补齐活动台账，抽查近两次活动资料齐全" },
	{ "收支未单独记账，资金使用情况未向成员和居民公示",
	  "设立收支登记簿，票据粘贴规范，每季度在公示栏公开资金使用情况",
	  "中", 30, "已建立收支登记簿，本季度收支已在社区公示栏公示" },
	{ "志愿服务时长录入滞后，部分记录超过一个月未录入",
	  "指定专人每周录入服务记录，每月与社工站核对一次",
	  "良", 14, "已指定骨干专人录入，本月记录已全部核对" },
	{ "负责人已变更但未办理变更备案，章程仍为成立时的版本",
	  "召开成员大会修订章程，向街道办理负责人变更备案",
	  "中", 45, "章程已修订，负责人变更备案已办结" },
	{ "骨干成员年龄偏大，近一年没有新成员加入",
	  "联合青年志愿者协会开展招募，培养两名后备骨干",
	  "良", 60, "新招募成员6名，确定后备骨干2名" },
	{ "活动场地消防通道堆放杂物，户外活动未制定安全预案",
	  "立即清理消防通道，制定活动安全预案并张贴，户外活动前检查场地",
	  "差", 14, "通道已清理，安全预案已张贴上墙" },
	{ "微创投项目执行进度滞后，计划的6次活动只完成2次",
	  "调整项目实施计划，按月报送进度，确有困难的按程序申请延期",
	  "中", 30, "已调整计划并补开活动3次，进度按月报送" },
	{ "对服务对象的需求掌握不清，活动内容较为单一",
	  "开展一次入户需求调研，根据调研结果调整服务内容",
	  "良", 45, "完成入户调研32户，新增两项服务内容" },
	{ "议事会议记录不规范，议事结果没有向居民反馈",
	  "使用统一的议事记录表，议事结果在楼道公示栏和居民群公开",
	  "良", 30, "已启用统一记录表，最近两次议事结果已公示" },
	{ "宣传渠道少，居民对组织的知晓率不高",
	  "在社区微信群定期发布活动预告和简报，每季度至少一篇",
	  "良", 60, "已在社区公众号开设专栏，本季度发布简报3篇" },
	{ "上门服务的志愿者没有购买意外保险",
	  "为参与上门服务的志愿者统一购买志愿者意外险",
	  "中", 30, "已为18名志愿者购买意外险，保单复印件存档" },
	{ "团队运作规范，台账齐全，居民满意度高",
	  "总结服务经验，准备申报区级优秀社区社会组织", "优", 0, NULL },
	{ "制度健全，骨干稳定，服务成效明显",
	  "可作为示范点接待其他社区社会组织交流学习", "优", 0, NULL },
	{ "回访上次督导的整改情况：大部分问题已整改，资金公示没有坚持",
	  "资金使用情况坚持每季度公示，社工站下季度再抽查",
	  "良", 30, "已按季度公示，社工站抽查无问题" },
};
#define NFINDINGS ((int)(sizeof findings / sizeof findings[0]))
#define FINDING_REVISIT (NFINDINGS - 1)     /* a 回访 */

/* Who supervises: two third-party agencies the district buys the service
 * from, and the station's own social worker for return visits. */
static const struct { const char *supervisor, *agency; } supervisors[] = {
	{ "王晓红", ORG_CENTER },
	{ "刘建明", ORG_CENTER },
	{ "周慧敏", "青溪区明德社会工作事务所" },
	{ "陈志远", "青溪区明德社会工作事务所" },
};
#define NSUPERVISORS ((int)(sizeof supervisors / sizeof supervisors[0]))
#define REVISITOR "陈静"

/* Visits whose follow-ups are still open, by how many days ago the visit
 * was and in how many days its follow-up is due: four overdue, three due
 * within the week, three later.  The others (NVISIT_DONE of them, over
 * the eighteen months before) were all followed up. */
static const struct { int ago, due_in; } open_visits[] = {
	{ 45, -15 }, { 40, -10 }, { 36, -6 }, { 31, -2 },
	{ 28, 1 }, { 24, 4 }, { 18, 6 },
	{ 12, 18 }, { 7, 23 }, { 3, 27 },
};
#define NOPEN ((int)(sizeof open_visits / sizeof open_visits[0]))
#define NVISIT_DONE 50
#define VISIT_SPAN_DAYS 540


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
	/* Drawn in this order so that the numbers stay those of
	 * share/sample-groups.csv (made when the two draws sat in one call,
	 * where the compiler took the last one first). */
	unsigned b = (unsigned)(next(s) % 10000);
	unsigned a = (unsigned)(next(s) % 10000);

	snprintf(out, 12, "%s%04u%04u", p, a, b);
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
	set_str(&c->station_head, DEMO_HEAD);
	set_str(&c->station_phone, DEMO_PHONE);
	set_str(&c->base_name, DEMO_BASE);
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

/* ---- the fill ---- */

struct member {
	int vol, group;
	long joined;
};

struct fill {
	mp_db *db;
	const mp_config *c;
	mp_err *e;
	uint32_t seed;
	long today;
	mp_record *group[NGROUPS];
	int busy[NGROUPS];          /* holds activities or services */
	int64_t vol_id[NVOL];
	long registered[NVOL];
	struct member member[NVOL * 3];
	int nmembers;
};

static int group_index(const char *name)
{
	int i;

	for (i = 0; i < NGROUPS; i++)
		if (strcmp(groups[i].name, name) == 0)
			return i;
	return -1;
}

enum what { W_GROUP, W_VOLUNTEER, W_MEMBERSHIP, W_ACTIVITY, W_SERVICE,
             W_TRAINING, W_ATTENDANCE, W_VISIT };

/* Prefix e's message with the sample record it is about. */
static int blame(mp_err *e, int rc, enum what w, const char *name)
{
	char why[sizeof e->msg];

	if (!e)
		return rc;
	snprintf(why, sizeof why, "%s", e->msg);
	switch (w) {
	case W_GROUP:
		return mp_err_set(e, rc, _("sample group “%s”: %s"), name, why);
	case W_VOLUNTEER:
		return mp_err_set(e, rc, _("sample volunteer “%s”: %s"), name, why);
	case W_MEMBERSHIP:
		return mp_err_set(e, rc, _("sample membership of “%s”: %s"),
		                  name, why);
	case W_ACTIVITY:
		return mp_err_set(e, rc, _("sample activity “%s”: %s"), name, why);
	case W_TRAINING:
		return mp_err_set(e, rc, _("sample training “%s”: %s"), name, why);
	case W_ATTENDANCE:
		return mp_err_set(e, rc, _("sample attendance of “%s”: %s"),
		                  name, why);
	case W_VISIT:
		return mp_err_set(e, rc, _("sample supervision visit to “%s”: %s"),
		                  name, why);
	case W_SERVICE:
		break;
	}
	return mp_err_set(e, rc, _("sample service record of “%s”: %s"),
	                  name, why);
}

static int fill_groups(struct fill *f)
{
	int i, rc;

	for (i = 0; i < NGROUPS; i++) {
		f->group[i] = make_group(f->c, &groups[i], i, &f->seed);
		rc = mp_record_save(f->db, f->c, f->group[i], f->e);
		if (rc != MP_OK)
			return blame(f->e, rc, W_GROUP, groups[i].name);
	}
	for (i = 0; i < NACT_KINDS; i++)
		if (group_index(activities[i].group) >= 0)
			f->busy[group_index(activities[i].group)] = 1;
	for (i = 0; i < NSERVICE_KINDS; i++)
		if (group_index(services[i].group) >= 0)
			f->busy[group_index(services[i].group)] = 1;
	return MP_OK;
}

/* An 18-character resident ID number (GB 11643-1999): area, birth date,
 * a sequence whose last digit is odd for men and even for women, and the
 * ISO 7064 MOD 11-2 check character. */
static void make_id_no(uint32_t *s, const char *area, const char *birth,
                       int male, char out[19])
{
	static const int weights[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	unsigned seq = (unsigned)(next(s) % 100);
	unsigned sex = (unsigned)(2 * (next(s) % 5) + (male ? 1 : 0));
	int i, sum = 0;

	snprintf(out, 19, "%.6s%.4s%.2s%.2s%02u%u", area, birth, birth + 5,
	         birth + 8, seq % 100u, sex % 10u);
	for (i = 0; i < 17; i++)
		sum += (out[i] - '0') * weights[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

static mp_record *make_volunteer(struct fill *f, int k, const int rank[])
{
	static const char *const areas[] = {
		"330283", "330281", "330282", "330212", "330211", "330206",
		"330106", "360102", "420106", "510104",
	};
	static const char *const states[] = { "在册", "暂停", "退出" };
	const struct demo_volunteer *v = &volunteers[k];
	mp_record *r = mp_record_new(&mp_volunteers, f->c);
	unsigned month = 1 + next(&f->seed) % 12;
	unsigned mday = 1 + next(&f->seed) % 28;
	char birth[11], reg[11], buf[64];
	int lead, st;

	snprintf(birth, sizeof birth, "%04u-%02u-%02u", (unsigned)v->born % 10000u,
	         month % 100u, mday % 100u);
	mp_day_string(f->registered[k], reg);
	mp_record_set(r, V_NAME, v->name);
	mp_record_set(r, V_GENDER, v->male ? "男" : "女");
	mp_record_set(r, V_BIRTH, birth);
	mp_record_set(r, V_ID_TYPE, id_type_names[v->id_type]);
	if (v->id_type == 2) {
		snprintf(buf, sizeof buf, "E%08u",
		         (unsigned)(next(&f->seed) % 100000000u));
	} else {
		const char *area = v->id_type == 1 ? "810000" :
			areas[next(&f->seed) % (sizeof areas / sizeof areas[0])];

		make_id_no(&f->seed, area, birth, v->male, buf);
	}
	mp_record_set(r, V_ID_NO, buf);
	snprintf(buf, sizeof buf, "XF%.4s-%04d", reg, rank[k] + 1);
	mp_record_set(r, V_VOL_NO, buf);
	lead = v->leads ? group_index(v->leads) : -1;
	if (lead >= 0) {
		/* A group's leader is reached on the group's phone. */
		mp_record_set(r, V_PHONE, f->group[lead]->v[G_PHONE]);
	} else {
		make_phone(&f->seed, buf);
		mp_record_set(r, V_PHONE, buf);
	}
	mp_record_set(r, V_COMMUNITY,
	              choice(f->c, MP_CH_COMMUNITY, communities[v->comm], k));
	mp_record_set(r, V_SKILLS, v->skills);
	mp_record_set(r, V_SERVICE_KIND,
	              choice(f->c, MP_CH_SERVICE_KIND, v->kind, k));
	for (st = 0; st < 2 && strcmp(states[st], v->state); st++)
		;
	mp_record_set(r, V_STATE, choice(f->c, MP_CH_VOL_STATE, v->state, st));
	mp_record_set(r, V_REGISTERED, reg);
	mp_record_set(r, V_NOTES, v->notes);
	return r;
}

static int fill_volunteers(struct fill *f)
{
	int rank[NVOL];
	int i, j, rc = MP_OK;

	/* Registered on a day of the year given; never in the last week, so
	 * that every newcomer has had a chance to serve. */
	for (i = 0; i < NVOL; i++) {
		int month = 1 + (int)(next(&f->seed) % 12);
		int mday = 1 + (int)(next(&f->seed) % 28);
		long d = mp_civil_day(volunteers[i].registered, month, mday);

		f->registered[i] = d < f->today - 7 ? d : f->today - 7;
	}
	/* Volunteer numbers run in the order people registered. */
	for (i = 0; i < NVOL; i++) {
		rank[i] = 0;
		for (j = 0; j < NVOL; j++)
			if (f->registered[j] < f->registered[i] ||
			    (f->registered[j] == f->registered[i] && j < i))
				rank[i]++;
	}
	for (i = 0; i < NVOL && rc == MP_OK; i++) {
		mp_record *r = make_volunteer(f, i, rank);

		rc = mp_record_save(f->db, f->c, r, f->e);
		if (rc != MP_OK)
			blame(f->e, rc, W_VOLUNTEER, volunteers[i].name);
		f->vol_id[i] = r->id;
		mp_record_free(r);
	}
	return rc;
}

static int add_member(struct fill *f, int vol, int group, const char *role,
                      int k)
{
	long founded = mp_day_number(groups[group].founded, NULL);
	long joined = f->registered[vol] > founded ? f->registered[vol] : founded;
	mp_record *r;
	char buf[32];
	int rc;

	if (strcmp(role, "负责人"))
		joined += next(&f->seed) % 60;
	if (joined > f->today)
		joined = f->today;
	r = mp_record_new(&mp_memberships, f->c);
	snprintf(buf, sizeof buf, "%lld", (long long)f->vol_id[vol]);
	mp_record_set(r, M_VOLUNTEER, buf);
	snprintf(buf, sizeof buf, "%lld", (long long)f->group[group]->id);
	mp_record_set(r, M_GROUP, buf);
	mp_record_set(r, M_ROLE, choice(f->c, MP_CH_ROLE, role, k));
	mp_day_string(joined, buf);
	mp_record_set(r, M_JOINED, buf);
	rc = mp_record_save(f->db, f->c, r, f->e);
	mp_record_free(r);
	if (rc != MP_OK)
		return blame(f->e, rc, W_MEMBERSHIP,
		             volunteers[vol].name);
	f->member[f->nmembers].vol = vol;
	f->member[f->nmembers].group = group;
	f->member[f->nmembers].joined = joined;
	f->nmembers++;
	return MP_OK;
}

/* Each volunteer belongs to one to three groups of their community that
 * are active (the young also to the street's youth volunteer association);
 * a leader leads their own group. */
static int fill_memberships(struct fill *f)
{
	int youth = group_index("幸福街道青年志愿者协会");
	int hub = group_index(STREET_HUB);
	int i, j, rc;

	for (i = 0; i < NVOL; i++) {
		const struct demo_volunteer *v = &volunteers[i];
		int cand[NGROUPS], ncand = 0, want, lead, start;

		lead = v->leads ? group_index(v->leads) : -1;
		for (j = 0; j < NGROUPS; j++)
			if (f->busy[j] && groups[j].comm == v->comm && j != lead &&
			    j != hub && j != youth)
				cand[ncand++] = j;
		if (v->born >= 1980 && youth >= 0 && youth != lead)
			cand[ncand++] = youth;
		want = lead >= 0 ? (int)(next(&f->seed) % 3)
		                 : 1 + (int)(next(&f->seed) % 3);
		if (want > ncand)
			want = ncand;
		if (lead >= 0) {
			rc = add_member(f, i, lead, "负责人", 0);
			if (rc != MP_OK)
				return rc;
		}
		start = ncand ? (int)(next(&f->seed) % (uint32_t)ncand) : 0;
		for (j = 0; j < want; j++) {
			int key = next(&f->seed) % 4 == 0;

			rc = add_member(f, i, cand[(start + j) % ncand],
			                key ? "骨干" : "成员", key ? 1 : 2);
			if (rc != MP_OK)
				return rc;
		}
	}
	return MP_OK;
}

/* Can volunteer k serve on day?  Those who paused or left served only
 * until some nine months ago. */
static int can_serve(const struct fill *f, int k, long day)
{
	if (day < f->registered[k])
		return 0;
	return !strcmp(volunteers[k].state, "在册") || day < f->today - 270;
}

/* Service records are entered some days after the service, as a station
 * does; mp_hours stamps the entry with mp_today(), which honours
 * $MIAOPU_TODAY, so the fill names the day of entry there. */
static void enter_on(const struct fill *f, long day)
{
	char d[11];

	mp_day_string(day < f->today ? day : f->today, d);
	setenv("MIAOPU_TODAY", d, 1);
}

static void mark_staff(const struct fill *f, mp_record *r, int k)
{
	if (!strcmp(volunteers[k].name, STAFF_VOLUNTEER))
		mp_record_set(r, H_COUNTS, choice(f->c, MP_CH_YESNO, "否", 0));
}

/* The volunteers who served at activity i of group g on day: the group's
 * members then (for the street's hub, every fifth volunteer of the
 * station), eight at most.  Returns how many, indexes into who[]. */
static int serving(const struct fill *f, int i, int g, long day, int who[8])
{
	int j, n = 0;

	if (!strcmp(groups[g].name, STREET_HUB)) {
		for (j = 0; j < NVOL && n < 8; j++)
			if ((j + i) % 5 == 0 && can_serve(f, j, day))
				who[n++] = j;
		return n;
	}
	for (j = 0; j < f->nmembers && n < 8; j++)
		if (f->member[j].group == g && f->member[j].joined <= day &&
		    can_serve(f, f->member[j].vol, day))
			who[n++] = f->member[j].vol;
	return n;
}

static mp_record *make_activity(struct fill *f, const struct demo_activity *t,
                                int g, long day, int nserving, int k)
{
	mp_record *r = mp_record_new(&mp_activities, f->c);
	char buf[32];
	int h, m, end, n;

	mp_record_set(r, ACT_NAME, t->name);
	snprintf(buf, sizeof buf, "%lld", (long long)f->group[g]->id);
	mp_record_set(r, ACT_GROUP, buf);
	mp_record_set(r, ACT_TYPE, choice(f->c, MP_CH_ACTIVITY_TYPE, t->type, k));
	mp_day_string(day, buf);
	mp_record_set(r, ACT_DATE, buf);
	mp_record_set(r, ACT_START, t->start);
	if (sscanf(t->start, "%d:%d", &h, &m) != 2)
		h = m = 0;
	end = h * 60 + m + t->minutes;
	snprintf(buf, sizeof buf, "%02d:%02d", end / 60 % 24, end % 60);
	mp_record_set(r, ACT_END, buf);
	mp_record_set(r, ACT_PLACE, t->place ? t->place : groups[g].place);
	n = t->participants + (int)(next(&f->seed) % (uint32_t)(t->participants / 3 + 1));
	snprintf(buf, sizeof buf, "%d", n > nserving ? n : nserving);
	mp_record_set(r, ACT_PARTICIPANTS, buf);
	n = t->beneficiaries ? t->beneficiaries +
	    (int)(next(&f->seed) % (uint32_t)(t->beneficiaries / 3 + 1)) : 0;
	snprintf(buf, sizeof buf, "%d", n);
	mp_record_set(r, ACT_BENEFICIARIES, buf);
	mp_record_set(r, ACT_CONTENT, t->content);
	return r;
}

/* NACT activities spread over the last ACT_SPAN_DAYS days, each with the
 * service records of the volunteers who served, entered together from
 * the activity.  Every thirteenth batch is entered three weeks late. */
static int fill_activities(struct fill *f)
{
	int i, j, rc = MP_OK;

	for (i = 0; i < NACT && rc == MP_OK; i++) {
		/* 17 is prime to the number of kinds: every kind comes round. */
		const struct demo_activity *t = &activities[(i * 17 + 5) % NACT_KINDS];
		int g = group_index(t->group), who[8], n;
		long day = f->today - (ACT_SPAN_DAYS - (long)i * ACT_SPAN_DAYS / NACT)
		           + (long)(next(&f->seed) % 7);
		long late = i % 13 == 6 ? 18 + next(&f->seed) % 10
		                        : next(&f->seed) % 4;
		mp_record *act, *recs[8];

		if (g < 0 || day > f->today || day < mp_day_number(groups[g].founded, NULL))
			continue;
		n = serving(f, i, g, day, who);
		act = make_activity(f, t, g, day, n, i);
		rc = mp_record_save(f->db, f->c, act, f->e);
		if (rc != MP_OK) {
			blame(f->e, rc, W_ACTIVITY, t->name);
			mp_record_free(act);
			break;
		}
		for (j = 0; j < n; j++) {
			recs[j] = mp_hours_from_activity(f->c, act, f->vol_id[who[j]]);
			mark_staff(f, recs[j], who[j]);
		}
		enter_on(f, day + late);
		rc = mp_hours_save_batch(f->db, f->c, recs, n, f->e);
		if (rc != MP_OK)
			blame(f->e, rc, W_ACTIVITY, t->name);
		for (j = 0; j < n; j++)
			mp_record_free(recs[j]);
		mp_record_free(act);
	}
	return rc;
}

/* NSOLO services outside any activity, by members of the groups that
 * give them. */
static int fill_services(struct fill *f)
{
	static const char *const hours[] = { "1", "1.5", "2", "2.5", "3" };
	int i, j, rc = MP_OK;

	for (i = 0; i < NSOLO && rc == MP_OK; i++) {
		const struct demo_service *s = &services[next(&f->seed) % NSERVICE_KINDS];
		int g = group_index(s->group), pick[NVOL * 3], n = 0, k;
		long day = f->today - (long)(next(&f->seed) % ACT_SPAN_DAYS);
		long late = next(&f->seed) % 3;
		const struct member *m;
		mp_record *r;
		char buf[32];

		for (j = 0; j < f->nmembers; j++)
			if (f->member[j].group == g)
				pick[n++] = j;
		if (n == 0)
			continue;
		m = &f->member[pick[next(&f->seed) % (uint32_t)n]];
		k = m->vol;
		if (day < m->joined)
			day = m->joined + (long)(next(&f->seed) % 30);
		if (day > f->today || !can_serve(f, k, day))
			continue;
		r = mp_record_new(&mp_hours, f->c);
		snprintf(buf, sizeof buf, "%lld", (long long)f->vol_id[k]);
		mp_record_set(r, H_VOLUNTEER, buf);
		snprintf(buf, sizeof buf, "%lld", (long long)f->group[g]->id);
		mp_record_set(r, H_GROUP, buf);
		mp_day_string(day, buf);
		mp_record_set(r, H_DATE, buf);
		mp_record_set(r, H_CONTENT, s->content);
		mp_record_set(r, H_PLACE, groups[g].place);
		mp_record_set(r, H_HOURS, hours[next(&f->seed) % 5]);
		mark_staff(f, r, k);
		enter_on(f, day + late);
		rc = mp_record_save(f->db, f->c, r, f->e);
		if (rc != MP_OK)
			blame(f->e, rc, W_SERVICE,
			      volunteers[k].name);
		mp_record_free(r);
	}
	return rc;
}

/* ---- trainings and who attended ---- */

static void set_ref(mp_record *r, int i, int64_t id)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	mp_record_set(r, i, buf);
}

static int save_or_blame(struct fill *f, mp_record *r, enum what w,
                         const char *name)
{
	int rc = mp_record_save(f->db, f->c, r, f->e);

	if (rc != MP_OK)
		blame(f->e, rc, w, name);
	return rc;
}

/* The volunteer who leads group g (and had registered by day), or -1. */
static int leader_of(const struct fill *f, int g, long day)
{
	int k;

	for (k = 0; k < NVOL; k++)
		if (volunteers[k].leads && !strcmp(volunteers[k].leads, groups[g].name))
			return f->registered[k] <= day ? k : -1;
	return -1;
}

/* One attending person: volunteer k, or (k < 0) the group's leader by
 * name. */
static int add_trainee(struct fill *f, int64_t training, int g, int k)
{
	mp_record *r = mp_record_new(&mp_training_people, f->c);
	int rc;

	set_ref(r, TP_TRAINING, training);
	if (k >= 0)
		set_ref(r, TP_VOLUNTEER, f->vol_id[k]);
	else
		mp_record_set(r, TP_NAME, groups[g].leader);
	set_ref(r, TP_GROUP, f->group[g]->id);
	rc = save_or_blame(f, r, W_ATTENDANCE,
	                   k >= 0 ? volunteers[k].name : groups[g].leader);
	mp_record_free(r);
	return rc;
}

/* Group g at a training on day: its leader (as a volunteer when the
 * leader is one) and, every other time, one more member who could come;
 * nobody twice at one training (listed[] marks the volunteers already
 * there, who may belong to two attending groups).  The group says how
 * many came, at times a few more than those named. */
static int attend(struct fill *f, int64_t training, int g, long day, int k,
                  int listed[NVOL])
{
	int lead = leader_of(f, g, day), other = -1, named = 0, j, rc;
	mp_record *r;
	char buf[16];

	if (k % 2 == 0)
		for (j = 0; j < f->nmembers; j++) {
			const struct member *m = &f->member[(j + k) % f->nmembers];

			if (m->group == g && m->vol != lead && !listed[m->vol] &&
			    m->joined <= day && can_serve(f, m->vol, day)) {
				other = m->vol;
				break;
			}
		}
	r = mp_record_new(&mp_training_groups, f->c);
	set_ref(r, TG_TRAINING, training);
	set_ref(r, TG_GROUP, f->group[g]->id);
	named = (lead < 0 || !listed[lead]) + (other >= 0);
	snprintf(buf, sizeof buf, "%d",
	         (named ? named : 1) + (int)(next(&f->seed) % 2));
	mp_record_set(r, TG_PEOPLE, buf);
	rc = save_or_blame(f, r, W_ATTENDANCE, groups[g].name);
	mp_record_free(r);
	if (rc == MP_OK && (lead < 0 || !listed[lead]))
		rc = add_trainee(f, training, g, lead);
	if (lead >= 0)
		listed[lead] = 1;
	if (rc == MP_OK && other >= 0) {
		rc = add_trainee(f, training, g, other);
		listed[other] = 1;
	}
	return rc;
}

/* Can group g take part in something on day: active, and founded by
 * then. */
static int group_open(int g, long day)
{
	return !strcmp(groups[g].state, "活跃") && mp_day_number(groups[g].founded, NULL) <= day;
}

/* NTRAIN trainings over the last TRAIN_SPAN_DAYS days, each attended by
 * two to eight groups drawn from those active at the time. */
static int fill_trainings(struct fill *f)
{
	int i, j, rc = MP_OK;

	for (i = 0; i < NTRAIN && rc == MP_OK; i++) {
		const struct demo_training *t = &trainings[i];
		long day = f->today - TRAIN_SPAN_DAYS
		           + (long)i * (TRAIN_SPAN_DAYS - 10) / (NTRAIN - 1)
		           + (long)(next(&f->seed) % 4);
		int cand[NGROUPS], ncand = 0, want, listed[NVOL] = { 0 };
		mp_record *r;
		char buf[16];

		for (j = 0; j < NGROUPS; j++)
			if (group_open(j, day))
				cand[ncand++] = j;
		r = mp_record_new(&mp_trainings, f->c);
		mp_record_set(r, T_NAME, t->name);
		mp_record_set(r, T_TOPIC, t->topic);
		mp_day_string(day, buf);
		mp_record_set(r, T_DATE, buf);
		mp_record_set(r, T_HOURS, t->hours);
		mp_record_set(r, T_MODE, t->place ? "线下" : "线上");
		mp_record_set(r, T_PLACE, t->place);
		mp_record_set(r, T_TRAINER, t->trainer);
		mp_record_set(r, T_ORGANIZER, t->organizer);
		mp_record_set(r, T_NOTES, t->notes);
		rc = save_or_blame(f, r, W_TRAINING, t->name);
		/* A partial shuffle of the candidates picks the groups. */
		want = 2 + (int)(next(&f->seed) % 7);
		if (want > ncand)
			want = ncand;
		for (j = 0; j < want && rc == MP_OK; j++) {
			int pick = j + (int)(next(&f->seed) % (uint32_t)(ncand - j));
			int g = cand[pick];

			cand[pick] = cand[j];
			cand[j] = g;
			rc = attend(f, r->id, g, day, i + j, listed);
		}
		mp_record_free(r);
	}
	return rc;
}

/* ---- supervision visits ---- */

/* A visit to group g on day with finding k; due: the follow-up date (0:
 * none); done: the day it was completed (0: still open). */
static int add_visit(struct fill *f, int g, long day, int k, int who,
                     long due, long done)
{
	const struct demo_finding *d = &findings[k];
	mp_record *r = mp_record_new(&mp_visits, f->c);
	const char *kind;
	char buf[16];
	int rc;

	set_ref(r, VI_GROUP, f->group[g]->id);
	mp_day_string(day, buf);
	mp_record_set(r, VI_DATE, buf);
	if (k == FINDING_REVISIT) {
		mp_record_set(r, VI_SUPERVISOR, REVISITOR);
		mp_record_set(r, VI_AGENCY, ORG_STATION);
		kind = "回访";
	} else {
		mp_record_set(r, VI_SUPERVISOR, supervisors[who].supervisor);
		mp_record_set(r, VI_AGENCY, supervisors[who].agency);
		/* The district's agency also does the yearly assessments. */
		kind = who < 2 && k >= NFINDINGS - 3 ? "评估" : "督导";
	}
	mp_record_set(r, VI_KIND, choice(f->c, MP_CH_VISIT_KIND, kind, 0));
	mp_record_set(r, VI_FINDINGS, d->findings);
	mp_record_set(r, VI_ADVICE, d->advice);
	mp_record_set(r, VI_RATING, choice(f->c, MP_CH_RATING, d->rating, 1));
	if (due) {
		mp_day_string(due, buf);
		mp_record_set(r, VI_DUE, buf);
	}
	if (done) {
		mp_day_string(done, buf);
		mp_record_set(r, VI_DONE_DATE, buf);
		mp_record_set(r, VI_DONE_NOTE, d->done);
	}
	rc = save_or_blame(f, r, W_VISIT, groups[g].name);
	mp_record_free(r);
	return rc;
}

/* A group to visit on day: one of the active groups founded a month or
 * more before, and not marked in avoid[] (NULL: any). */
static int visit_group(struct fill *f, long day, const int *avoid)
{
	int cand[NGROUPS], n = 0, j;

	for (j = 0; j < NGROUPS; j++)
		if (group_open(j, day - 30) && !(avoid && avoid[j]))
			cand[n++] = j;
	return n ? cand[next(&f->seed) % (uint32_t)n] : -1;
}

/* NVISIT_DONE visits over the eighteen months before the last fifty days,
 * every follow-up done (one in six after its date); then the NOPEN
 * visits whose follow-ups are open. */
static int fill_visits(struct fill *f)
{
	int used[NGROUPS] = { 0 };
	int i, base, rc = MP_OK;

	for (i = 0; i < NVISIT_DONE && rc == MP_OK; i++) {
		long day = f->today - VISIT_SPAN_DAYS
		           + (long)i * (VISIT_SPAN_DAYS - 50) / NVISIT_DONE
		           + (long)(next(&f->seed) % 5);
		int k = (int)(next(&f->seed) % NFINDINGS);
		int who = (int)(next(&f->seed) % NSUPERVISORS);
		int g = visit_group(f, day, NULL);
		long due = 0, done = 0;

		if (g < 0)
			continue;
		if (findings[k].days) {
			due = day + findings[k].days;
			done = i % 6 == 5 ? due + 2 + (long)(next(&f->seed) % 5)
			                  : due - (long)(next(&f->seed) % 10);
			if (done > f->today)
				done = f->today;
		}
		rc = add_visit(f, g, day, k, who, due, done);
	}
	/* The open ones: each at another group, each asking for something
	 * else (findings that ask for something: not the 优 ones nor the
	 * return visit; 5 is prime to their number, so k runs through them). */
	base = (int)(next(&f->seed) % (NFINDINGS - 3));
	for (i = 0; i < NOPEN && rc == MP_OK; i++) {
		long day = f->today - open_visits[i].ago;
		int k = (base + 5 * i) % (NFINDINGS - 3);
		int who = (int)(next(&f->seed) % NSUPERVISORS);
		int g = visit_group(f, day, used);

		if (g < 0)
			continue;
		used[g] = 1;
		rc = add_visit(f, g, day, k, who,
		               f->today + open_visits[i].due_in, 0);
	}
	return rc;
}

int mp_demo_fill(mp_db *db, const mp_config *c, mp_err *e)
{
	const char *env = getenv("MIAOPU_TODAY");
	char *was = env ? mp_strdup(env) : NULL;
	char today[11];
	struct fill *f;
	int i, rc, begun;

	mp_err_clear(e);
	f = calloc(1, sizeof *f);
	if (!f) {
		free(was);
		return mp_err_set(e, MP_ENOMEM, _("out of memory"));
	}
	f->db = db;
	f->c = c;
	f->e = e;
	f->seed = 20240601u;
	mp_today(today);
	f->today = mp_day_number(today, NULL);

	/* One transaction for all: each save nests inside it, so a record the
	 * settings refuse leaves the ledger untouched. */
	rc = mp_db_begin(db, e);
	begun = rc == MP_OK;
	if (rc == MP_OK)
		rc = fill_groups(f);
	if (rc == MP_OK)
		rc = fill_volunteers(f);
	if (rc == MP_OK)
		rc = fill_memberships(f);
	if (rc == MP_OK)
		rc = fill_activities(f);
	if (rc == MP_OK)
		rc = fill_services(f);
	/* Trainings and visits are recorded today: their dates and follow-ups
	 * are judged against the real day, not the last day of entry. */
	enter_on(f, f->today);
	if (rc == MP_OK)
		rc = fill_trainings(f);
	if (rc == MP_OK)
		rc = fill_visits(f);
	if (rc == MP_OK)
		rc = demo_fill_projects(db, c, f->today, e);
	if (rc == MP_OK)
		rc = demo_fill_bases(db, c, f->today, e);
	if (rc == MP_OK)
		rc = demo_fill_stages(db, c, e);
	/* Back to the caller's day before anything else asks for it. */
	if (was)
		setenv("MIAOPU_TODAY", was, 1);
	else
		unsetenv("MIAOPU_TODAY");
	if (rc == MP_OK)
		rc = mp_db_commit(db, e);
	if (rc != MP_OK && begun)
		mp_db_rollback(db);
	for (i = 0; i < NGROUPS; i++)
		mp_record_free(f->group[i]);
	free(f);
	free(was);
	return rc;
}
