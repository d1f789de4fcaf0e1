/* mp_project.h — 公益创投 and 微创投: rounds (创投活动) with their funding
 * sources, review criteria and tranche plan; needs (需求征集); applications
 * (项目申报) with their budget lines, team and state history.
 *
 * The contract of issue 16: the review, funding and report parts build on
 * these tables and functions.  Money is whole fen (MP_K_MONEY, kept in
 * a record as "1234.50"); weights and shares are percentages
 * (MP_K_PERCENT, hundredths); the pass mark is a score (MP_K_SCORE,
 * tenths).  An application's state moves only by its workflow
 * (mp_workflow.h): every change is dated and kept in app_states. */
#ifndef MP_PROJECT_H
#define MP_PROJECT_H

#include <stdint.h>

#include "mp_record.h"
#include "mp_workflow.h"

/* ---- rounds (创投活动), SQL "rounds" ---- */
enum mp_round_field {
	R_NAME,          /* 活动名称 */
	R_KIND,          /* 类型: 公益创投 / 微创投 (MP_CH_ROUND_KIND, fixed) */
	R_LEVEL,         /* 层级: 市级 区级 街道 社区 (MP_CH_ROUND_LEVEL) */
	R_ORGANISER,     /* 主办单位: 民政局, a hub organisation, a community */
	R_OPERATOR,      /* 运营机构 */
	R_POOL,          /* 资金总额 (money) */
	R_CAP,           /* 单个项目资助上限 (money; empty = no cap) */
	R_NEEDS_FROM,    /* 需求征集 window (dates) */
	R_NEEDS_TO,
	R_APPLY_FROM,    /* 申报 window (dates) */
	R_APPLY_TO,
	R_PASS_MARK,     /* 合格分 (score 0-100) */
	R_NOTICE_DAYS,   /* 公示期(工作日) */
	R_VOTES,         /* 居民投票: 是/否 (MP_CH_YESNO) */
	R_NOTES,
	R__COUNT
};

/* 资金来源, SQL "round_funds": where a round's money comes from. */
enum mp_round_fund_field {
	RF_ROUND, RF_SOURCE /* MP_CH_FUND_SOURCE */, RF_AMOUNT, RF_NOTES,
	RF__COUNT
};

/* 评审指标, SQL "round_criteria": what the experts score (0-100 each)
 * and its weight; a round's weights add up to 100%. */
enum mp_round_criterion_field {
	RC_ROUND, RC_CRITERION /* MP_CH_CRITERION */, RC_WEIGHT /* percent */,
	RC_NOTES,
	RC__COUNT
};

/* 拨付计划, SQL "round_tranches": tranche n pays share% of the grant once
 * its trigger has happened; a round's shares add up to 100%. */
enum mp_round_tranche_field {
	RT_ROUND, RT_SEQ /* 期次 1, 2 … */, RT_SHARE /* percent */,
	RT_TRIGGER /* MP_CH_TRANCHE_TRIGGER, fixed */,
	RT__COUNT
};

/* ---- needs (需求征集), SQL "needs" ---- */
enum mp_need_field {
	N_TITLE, N_ROUND /* optional ref */, N_COMMUNITY, N_RAISED_BY,
	N_DATE, N_CATEGORY /* MP_CH_PROJECT_CATEGORY */, N_PEOPLE /* 受益人数 */,
	N_DETAIL,
	N__COUNT
};

/* ---- applications (项目申报), SQL "applications" ---- */
enum mp_application_field {
	A_NAME,          /* 项目名称 */
	A_ROUND,         /* ref rounds */
	A_GROUP,         /* 申报组织, ref groups (a new one may be made from
	                    the form: mp_app_new_group) */
	A_LEADER, A_PHONE,
	A_COMMUNITY,     /* 服务社区 (one or more, typed) */
	A_CATEGORY,      /* MP_CH_PROJECT_CATEGORY */
	A_NEED,          /* ref needs, optional */
	A_DIRECT,        /* 直接受益人数 (planned) */
	A_INDIRECT,      /* 间接受益人数 */
	A_START_DATE, A_END_DATE,  /* 项目周期 (not A_END: the screen's key action) */
	A_REQUESTED,     /* 申请资助金额 (money): the grant lines' sum */
	A_STATE,         /* MP_CH_APP_STATE, fixed; moved by the workflow only */
	A_STATE_DATE,    /* the date of the last change of state (auto) */
	A_GRANTED,       /* 资助金额, set by the step to 拟立项 (auto) */
	A_REASON,        /* why not eligible / not approved / stopped (auto) */
	A_NOTES,
	A__COUNT
};

/* The states of an application, in the order of mp_app_state_names[]
 * (the stored values, Chinese, a fixed choice list). */
enum mp_app_state {
	AS_DRAFT,        /* 草稿 */
	AS_SUBMITTED,    /* 已申报 */
	AS_ELIGIBLE,     /* 资格审查通过 */
	AS_INELIGIBLE,   /* 资格审查未通过 (reason) */
	AS_REVIEWED,     /* 已评审 */
	AS_APPROVED,     /* 拟立项 (granted amount) */
	AS_REJECTED,     /* 未立项 (reason) */
	AS_NOTICE,       /* 公示中 */
	AS_AGREEMENT,    /* 已签协议 */
	AS_UNDERWAY,     /* 实施中 */
	AS_MIDTERM,      /* 已中期评估 */
	AS_CLOSING,      /* 已结项评估 */
	AS_CLOSED,       /* 已结项 */
	AS_STOPPED,      /* 已终止 (reason) */
	AS__COUNT
};
extern const char *const mp_app_state_names[AS__COUNT + 1];  /* NULL-ended */

/* 预算明细, SQL "app_budget". */
enum mp_app_budget_field {
	AB_APP, AB_ITEM, AB_AMOUNT, AB_PAID_BY /* 资助资金 / 配套资金, fixed */,
	AB_NOTES,
	AB__COUNT
};
#define MP_PAID_BY_GRANT "资助资金"
#define MP_PAID_BY_MATCHED "配套资金"

/* 项目团队, SQL "app_team". */
enum mp_app_team_field {
	AT_APP, AT_NAME, AT_ROLE, AT_QUALIFICATION /* MP_CH_SW_QUALIFICATION */,
	AT_PHONE,
	AT__COUNT
};

/* 状态记录, SQL "app_states": every change of an application's state
 * (the engine's history layout, enum mp_wf_history_field). */

extern const mp_table mp_rounds;
extern const mp_table mp_round_funds;
extern const mp_table mp_round_criteria;
extern const mp_table mp_round_tranches;
extern const mp_table mp_needs;
extern const mp_table mp_applications;
extern const mp_table mp_app_budget;
extern const mp_table mp_app_team;
extern const mp_table mp_app_states;
extern const mp_workflow mp_app_workflow;

/* ---- what the other parts ask ---- */

/* The state of application app_id (enum mp_app_state); MP_ENOTFOUND when
 * there is no such live application. */
int mp_app_state(mp_db *db, int64_t app_id, int *state, mp_err *e);

/* enum mp_app_state of a stored state name; -1 if none. */
int mp_app_state_index(const char *name);

/* Whether an application in state s has been approved and not refused
 * since (拟立项 and every state after it, 已终止 included): the ones that
 * hold money of the pool. */
int mp_app_state_granted(int s);

/* The round's pool left, in fen: its pool minus what approved
 * applications (mp_app_state_granted) were granted, the application
 * except_app (0: none) left out.  Negative when over-granted. */
int mp_round_pool_left(mp_db *db, int64_t round_id, int64_t except_app,
                       int64_t *fen, mp_err *e);

/* A round's review criteria, in the order entered. */
typedef struct mp_criterion {
	int64_t id;              /* the round_criteria row */
	char name[64];           /* 需求契合 */
	int64_t weight;          /* hundredths of a percent: 2500 = 25% */
} mp_criterion;

/* Up to max criteria of round_id into out, their number into *n.
 * MP_OK. */
int mp_round_criteria_get(mp_db *db, int64_t round_id, mp_criterion *out,
                          int max, int *n, mp_err *e);

/* A round's tranche plan, by sequence. */
typedef struct mp_tranche_plan {
	int64_t id;              /* the round_tranches row */
	int seq;                 /* 1, 2 … */
	int64_t share;           /* hundredths of a percent */
	int trigger;             /* enum mp_tranche_trigger */
} mp_tranche_plan;

enum mp_tranche_trigger {
	TT_AGREEMENT,            /* 签订协议 */
	TT_MIDTERM,              /* 中期评估通过 */
	TT_CLOSING,              /* 结项评估通过 */
	TT__COUNT
};
extern const char *const mp_tranche_trigger_names[TT__COUNT + 1];

int mp_round_tranches_get(mp_db *db, int64_t round_id, mp_tranche_plan *out,
                          int max, int *n, mp_err *e);

/* The amount of a tranche: share of granted, in fen, rounded down; the
 * last tranche (last nonzero) takes what the others leave, so that the
 * tranches add up to the grant exactly. */
int64_t mp_tranche_amount(int64_t granted, int64_t share, int last,
                          int64_t paid_before);

/* MP_OK when the round's plan is whole: its criteria's weights add up to
 * 100% and its tranches' shares too; else MP_EINVAL saying what is
 * missing. */
int mp_round_plan_check(mp_db *db, int64_t round_id, mp_err *e);

/* The sums of an application's budget lines, in fen: paid by the grant
 * and by matched funds. */
int mp_app_budget_sums(mp_db *db, int64_t app_id, int64_t *grant,
                       int64_t *matched, mp_err *e);

/* A group not yet registered, entered then and there from the
 * application form: a new group named name (未登记, its leader and phone
 * the application's), saved; its id into *group_id. */
int mp_app_new_group(mp_db *db, const mp_config *cfg, const mp_record *app,
                     const char *name, int64_t *group_id, mp_err *e);

#endif
