/* mp_funding.h — the money of a funded project (公益创投, 微创投) and its
 * evaluations: agreements, the tranches of the round's plan, payments,
 * expenditure, amounts reclaimed; mid-term and closing evaluations.
 *
 * The rules live here as plain functions of plain values (what is due on
 * each tranche, whether a tranche's trigger has happened, whether a
 * payment fits what is due) so that they are tested without a ledger;
 * the record types' checks call them with what they read. */
#ifndef MP_FUNDING_H
#define MP_FUNDING_H

#include <stdint.h>
#include "mp_err.h"
#include "mp_record.h"

/* What must happen before a tranche may be paid. */
enum mp_trigger {
	MP_TRIG_AGREEMENT,   /* 签订协议: the agreement is signed */
	MP_TRIG_MIDTERM,     /* 中期评估通过: a mid-term evaluation passed */
	MP_TRIG_CLOSING,     /* 结项评估通过: the closing evaluation passed */
	MP_TRIG__COUNT
};

/* The trigger's name as the round's plan writes it ("协议签订"); the
 * kept form, untranslated. */
const char *mp_trigger_word(enum mp_trigger t);

/* The trigger's name in the user's language, for messages. */
const char *mp_trigger_label(enum mp_trigger t);

/* The trigger a plan's cell names: the kept word, its English label
 * ("mid-term evaluation passed") or a short form ("中期", "midterm");
 * -1 when it names none. */
int mp_trigger_parse(const char *s);

/* The result of the latest evaluation of a kind. */
enum mp_eval_result { MP_EV_NONE, MP_EV_PASS, MP_EV_FAIL };

/* What has happened to a project, as the triggers read it. */
typedef struct mp_project_facts {
	char agreement_date[11];      /* "" : no agreement signed */
	enum mp_eval_result midterm;  /* the latest mid-term evaluation's */
	char midterm_date[11];        /* its date ("" when none) */
	enum mp_eval_result closing;  /* the latest closing evaluation's */
	char closing_date[11];
} mp_project_facts;

enum mp_tranche_state {
	MP_TS_READY,    /* its trigger happened: it may be paid */
	MP_TS_WAITING,  /* its trigger has not happened yet */
	MP_TS_HELD      /* a failed evaluation holds it (mp_tranche_state) */
};

/* Whether a tranche with trigger t may be paid, given facts f; when it
 * may, *since (if given) is the date its trigger happened.  A failed
 * latest mid-term evaluation holds every tranche after the agreement's
 * until a mid-term evaluation passes; a failed closing evaluation holds
 * the closing tranche. */
enum mp_tranche_state mp_tranche_state(enum mp_trigger t,
                                       const mp_project_facts *f,
                                       char since[11]);

/* What is due on each of n tranches of an amount granted (fen), from
 * their shares in hundredths of a percent (5000 = 50%): each tranche
 * its share rounded down to the fen, the last one what is left, so that
 * the tranches add up to the grant exactly.  The shares must each be
 * above 0 and add up to exactly 100%; else MP_EINVAL saying so (nothing
 * written to due). */
int mp_tranche_split(int64_t granted, const int64_t *shares, int n,
                     int64_t *due, mp_err *e);

/* Whether a payment of amount (fen) on date may be made on tranche
 * number tranche (1, 2 ...) whose trigger is t and on which due is due
 * and paid is paid already (by other payments), given facts f.  Refused
 * with MP_EINVAL, naming the missing trigger, the failed evaluation, or
 * what is still due; e->field is field_amount for an amount and
 * field_date for a date before the trigger happened. */
int mp_payment_check(int tranche, enum mp_trigger t, const mp_project_facts *f,
                     int64_t due, int64_t paid, int64_t amount,
                     const char *date, int field_amount, int field_date,
                     mp_err *e);

/* Whether amount (fen) may be reclaimed from a project paid paid of
 * which reclaimed was reclaimed already: never more than was paid and
 * not yet reclaimed.  MP_EINVAL with field set otherwise. */
int mp_reclaim_check(int64_t paid, int64_t reclaimed, int64_t amount,
                     int field, mp_err *e);

/* The weighted total of n scores (tenths of a point) with their weights
 * (any unit, e.g. hundredths of a percent): the sum of score times
 * weight over the sum of the weights, in tenths, rounded half up; 0 when
 * the weights add up to 0.  Integer arithmetic only. */
int64_t mp_weighted_total(const int64_t *tenths, const int64_t *weights,
                          int n);

/* ---- the record types (a project is an application, mp_project.h) ---- */

/* 资助协议, SQL "agreements": one live agreement per project. */
enum mp_agreement_field {
	AG_APP,          /* 项目: ref applications (approved) */
	AG_NUMBER,       /* 协议编号 */
	AG_DATE,         /* 签订日期 */
	AG_GRANTED,      /* 资助金额 (money; the application's by default) */
	AG_MATCHED,      /* 承诺配套资金 (money) */
	AG_MID_DUE,      /* 中期评估时间: when the mid-term evaluation is due */
	AG_CLOSE_DUE,    /* 结项评估时间 */
	AG_NOTES,
	AG__COUNT
};

/* 拨付记录, SQL "payments": money paid on tranche n of the round's plan. */
enum mp_payment_field {
	PY_APP, PY_TRANCHE /* 批次 1, 2 … */, PY_DATE, PY_AMOUNT,
	PY_VOUCHER /* 凭证号 */, PY_NOTES,
	PY__COUNT
};

/* 资金使用, SQL "expenditures": money spent against a budget line. */
enum mp_expenditure_field {
	EX_APP, EX_DATE, EX_ITEM /* a budget line's item */, EX_AMOUNT,
	EX_VOUCHER, EX_NOTES,
	EX__COUNT
};

/* 资金收回, SQL "reclaims": money taken back (a project stopped, money
 * not spent). */
enum mp_reclaim_field {
	RE_APP, RE_DATE, RE_AMOUNT, RE_REASON, RE_NOTES,
	RE__COUNT
};

/* 项目评估, SQL "evaluations": mid-term or closing, scored on the round's
 * criteria (evaluation_scores); outcome figures at closing. */
enum mp_evaluation_field {
	/* The kind first: a score's form names its evaluation by it. */
	EV_KIND /* MP_CH_EVAL_KIND: 中期评估 结项评估 */, EV_APP, EV_DATE,
	EV_EVALUATOR /* the experts or the agency */,
	/* The outcome at closing, as the evaluation confirms it; left empty,
	 * filled in from the project's links (mp_project_outcome_get). */
	EV_SESSIONS /* 服务场次 */, EV_SERVED /* 服务人次 */,
	EV_GROUPS /* 孵化组织 */, EV_TEAMS /* 志愿服务队 */,
	EV_MATCHED /* 实际配套资金 */, EV_NOTES,
	EV__COUNT
};
#define MP_EVAL_MIDTERM "中期评估"
#define MP_EVAL_CLOSING "结项评估"

/* 评估评分, SQL "evaluation_scores": one criterion's score. */
enum mp_evaluation_score_field {
	ES_EVAL, ES_CRITERION /* MP_CH_CRITERION: one of the round's */,
	ES_SCORE, ES_NOTES,
	ES__COUNT
};

/* 项目活动, SQL "project_activities": an activity held by a project; its
 * sessions and people served are the project's (mp_project_outcome_get).
 * A link of its own rather than a column of activities: the record types
 * refer only to types registered before them, and activities come before
 * applications (so an export imports in order, and no schema step). */
enum mp_project_activity_field {
	PA_APP, PA_ACTIVITY, PA_NOTES,
	PA__COUNT
};

/* 孵化成果, SQL "project_groups": a group a project incubated, or a
 * volunteer team it formed (MP_CH_INCUBATED_KIND). */
enum mp_project_group_field {
	PG_APP, PG_GROUP, PG_KIND, PG_DATE /* 成立日期 */, PG_NOTES,
	PG__COUNT
};
#define MP_INCUBATED_GROUP "孵化组织"
#define MP_INCUBATED_TEAM "志愿服务队"

extern const mp_table mp_project_activities;
extern const mp_table mp_project_groups;

/* A project's outcome: its held activities (dated up to today), the
 * people they served (受益人次), the groups it incubated and the volunteer
 * teams it formed. */
typedef struct mp_project_outcome {
	long sessions, served, groups, teams;
} mp_project_outcome;
int mp_project_outcome_get(mp_db *db, int64_t app_id, mp_project_outcome *o,
                           mp_err *e);

extern const mp_table mp_agreements;
extern const mp_table mp_payments;
extern const mp_table mp_expenditures;
extern const mp_table mp_reclaims;
extern const mp_table mp_evaluations;
extern const mp_table mp_evaluation_scores;

/* An evaluation's weighted total (tenths) on its round's criteria, the
 * round's pass mark (tenths) and so its result: MP_EV_NONE while a
 * criterion has no score (its name into missing, "" else). */
typedef struct mp_eval_outcome {
	int64_t total, mark;
	enum mp_eval_result result;
	char missing[64];
} mp_eval_outcome;
int mp_evaluation_outcome(mp_db *db, int64_t eval_id, mp_eval_outcome *o,
                          mp_err *e);

/* What has happened to project app_id (its agreement, its latest mid-term
 * and closing evaluations' results). */
int mp_project_facts_get(mp_db *db, int64_t app_id, mp_project_facts *f,
                         mp_err *e);

/* One tranche of a project: the round's plan with the agreement's
 * amount. */
typedef struct mp_tranche {
	int seq;
	enum mp_trigger trigger;
	int64_t share;               /* hundredths of a percent */
	int64_t due, paid;           /* fen; due is 0 before an agreement */
	enum mp_tranche_state state;
	char since[11];              /* when its trigger happened */
} mp_tranche;

#define MP_MAX_TRANCHES 12

/* Project app_id's tranches, by sequence, at most max. */
int mp_project_tranches(mp_db *db, int64_t app_id, mp_tranche *out, int max,
                        int *n, mp_err *e);

/* A project's money, in fen. */
typedef struct mp_project_money {
	int64_t granted, matched_promised, paid, spent, reclaimed;
} mp_project_money;
int mp_project_money_get(mp_db *db, int64_t app_id, mp_project_money *m,
                         mp_err *e);

/* An evaluation or a tranche falling due, for the overview and `miaopu
 * due`: evaluations whose agreed time is before today + days and that
 * have not been held; tranches whose trigger has happened and that are
 * not paid in full. */
typedef struct mp_fund_due {
	const mp_table *open;  /* the project's table (its form opens) */
	int64_t app_id;
	char date[11];    /* the evaluation's agreed time; the day a tranche
	                     became payable */
	char *project;    /* the project's name */
	char *what;       /* "中期评估", "第 2 批拨付 4,000.00" (translated) */
	int overdue;      /* an evaluation past its time */
} mp_fund_due;

/* The earliest first, at most max (max <= 0: all); free with
 * mp_fund_dues_free. */
int mp_funding_due(mp_db *db, int days, int max, mp_fund_due **out, int *n,
                   mp_err *e);
void mp_fund_dues_free(mp_fund_due *d, int n);

/* What the application's steps stand for (mp_workflow.h's guards): a
 * live funding agreement before 已签协议; a scored mid-term evaluation
 * before 已中期评估, a scored closing one before 已结项评估 (scored: every
 * criterion of the round has its score, so that it has a result; a
 * failed one still counts: the step records that it was held, and the
 * failure holds the next tranche).  Unmet, each offers the record that
 * would meet it: a new agreement, a new evaluation of its kind, or the
 * missing score of the evaluation entered but not scored. */
#include "mp_workflow.h"
extern const mp_wf_guard mp_guard_agreement;
extern const mp_wf_guard mp_guard_midterm;
extern const mp_wf_guard mp_guard_closing;

#endif
