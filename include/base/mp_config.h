/* mp_config.h — settings from a libconfig file, with built-in defaults.
 *
 * One table in src/config.c names every setting, its type, its default and
 * its help; loading walks that table.  A broken file is reported with file
 * and line and the defaults stay in force; an unknown key is a warning. */
#ifndef MP_CONFIG_H
#define MP_CONFIG_H

#include "mp_err.h"

typedef struct mp_strlist {
	char **v;
	int n;
} mp_strlist;

/* The choice lists.  Legal status is fixed (登记 drives the USCC rule). */
enum mp_choice_id {
	MP_CH_NONE = 0,
	MP_CH_CATEGORY,     /* 公益慈善类 生活服务类 社区事务类 文体活动类 其他 */
	MP_CH_LEGAL,        /* 未登记 备案 登记 (fixed) */
	MP_CH_KIND,         /* 普通 枢纽型 支持型 */
	MP_CH_GRADE,        /* 无 1A 2A 3A 4A 5A */
	MP_CH_STAGE,        /* 萌芽期 初创期 成长期 示范型 */
	MP_CH_OBSERVATION,  /* 无 县级 市级 省级 */
	MP_CH_GROUP_STATE,  /* 活跃 休眠 注销 */
	MP_CH_YESNO,        /* 否 是 (fixed) */
	MP_CH_COMMUNITY,    /* the communities the station serves; empty = free text */
	MP_CH_GENDER,       /* 男 女 (fixed) */
	MP_CH_ID_TYPE,      /* 居民身份证 港澳台居民居住证 护照 其他 (fixed) */
	MP_CH_VOL_STATE,    /* 在册 暂停 退出 */
	MP_CH_ROLE,         /* 负责人 骨干 成员 */
	MP_CH_ACTIVITY_TYPE,/* 志愿服务 文体活动 议事协商 培训讲座 走访慰问 宣传倡导 其他 */
	MP_CH_SERVICE_KIND, /* 扶老助残 关爱儿童 社区治理 文明实践 环境保护 应急救援 文化体育 其他 */
	MP_CH_TRAINING_MODE,/* 线下 线上 (fixed: 线上 needs no place) */
	MP_CH_VISIT_KIND,   /* 督导 评估 回访 */
	MP_CH_RATING,       /* 优 良 中 差 */
	/* issue 16 (branch projects): 公益创投 */
	MP_CH_ROUND_KIND,   /* 公益创投 微创投 (fixed: 微创投 has resident votes) */
	MP_CH_ROUND_LEVEL,  /* 市级 区级 街道 社区 */
	MP_CH_FUND_SOURCE,  /* 福彩公益金 专项资金 社区基金 自治创投金 其他 */
	MP_CH_PROJECT_CATEGORY, /* 助老扶幼 助残扶困 社区治理 … */
	MP_CH_CRITERION,    /* 需求契合 在地性 参与性 可行性 创新性 可持续性 预算合理性 */
	MP_CH_TRANCHE_TRIGGER, /* 签订协议 中期评估通过 结项评估通过 (fixed) */
	MP_CH_APP_STATE,    /* an application's states (fixed: its workflow) */
	MP_CH_PAID_BY,      /* 资助资金 配套资金 (fixed) */
	MP_CH_SW_QUALIFICATION, /* 无 助理社会工作师 社会工作师 高级社会工作师 */
	/* issue 16 (branch funding): evaluations */
	MP_CH_EVAL_KIND,    /* 中期评估 结项评估 (fixed: the triggers read them) */
	/* issue 16 (branch review) */
	MP_CH_OBJECTION_OUTCOME, /* 处理中 异议不成立 异议成立 (fixed: 处理中 is open) */
	MP_CH_INCUBATED_KIND, /* 孵化组织 志愿服务队 (fixed: the outcome counts them) */
	/* issue 17 (branch bases): incubation bases */
	MP_CH_BASE_LEVEL,   /* 市级 区级 街道级 社区级 */
	MP_CH_BASE_KIND,    /* 实体 虚拟 (fixed: one physical base at a time) */
	MP_CH_STAY_OUTCOME, /* 已登记 已备案 仍未登记 提前退出 (fixed: the report counts them) */
	MP_CH_BASE_SERVICE, /* 场地设备 能力建设 业务培训 财务指导 协助登记备案 政策咨询 资源链接 */
	MP_CH_HOLIDAYS,     /* not a choice: public holidays beyond the built-in
	                       calendar (mp_workdays.h), YYYY-MM-DD */
	MP_CH_WORKDAYS,     /* not a choice: weekend days worked (调休上班) */
	MP_CH__COUNT
};

typedef struct mp_config {
	char *station;        /* station name, "" if unset */
	char *township;       /* default 所属乡镇(街道) for new groups */
	char *operator_name;  /* who records (记录人) */
	char *station_head;   /* the station's person in charge (certificates) */
	char *station_phone;  /* the station's contact number (certificates) */
	int due_soon_days;    /* a follow-up is "due soon" within this many days (7) */
	int colour;           /* 1 use colour when the terminal has it, 0 never */
	char *backup_folder;  /* where backups go; "" = 苗圃备份 beside the ledger */
	int backup_days;      /* how many daily backups to keep (14) */
	char *base_name;      /* the station's incubation base (stays made from
	                         older ledgers' 孵化基地 field); "" = 未命名基地 */
	int stay_years;       /* a stay's planned move-out, years after moving in (2) */
	mp_strlist choices[MP_CH__COUNT];
	char *path;           /* the file that was read, or NULL */
	mp_strlist warnings;  /* "FILE:LINE: message", translated */
} mp_config;

/* Fill *c with the built-in defaults (never fails). */
void mp_config_defaults(mp_config *c);

/* Load settings from path over the defaults already in *c.  A missing file is
 * not an error unless must_exist (the user named it with --config).  Problems
 * are appended to c->warnings and the affected settings keep their
 * defaults.  Returns MP_OK, or MP_EIO (message in e) when must_exist and the
 * file cannot be read, or MP_EINVAL when it cannot be parsed (the message
 * and a warning name file and line); *c is usable in every case. */
int mp_config_load(mp_config *c, const char *path, int must_exist, mp_err *e);

void mp_config_free(mp_config *c);

/* The list for a choice id (never NULL; may be empty). */
const mp_strlist *mp_config_choices(const mp_config *c, int id);

/* $XDG_CONFIG_HOME/miaopu/miaopu.conf, or ~/.config/miaopu/miaopu.conf.
 * Newly allocated. */
char *mp_config_default_path(void);

void mp_strlist_add(mp_strlist *l, const char *s);
void mp_strlist_free(mp_strlist *l);
int mp_strlist_find(const mp_strlist *l, const char *s); /* index or -1 */

#endif
