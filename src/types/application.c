/* application.c — 项目申报: an application to a round, its budget lines
 * (预算明细), its team (项目团队) and the history of its states (状态记录).
 *
 * An application's state moves by its workflow (mp_workflow.h), one
 * declared step at a time: draft → submitted → eligible / not eligible →
 * reviewed → approved / not approved → public notice → agreement → under
 * way → mid-term evaluated → closing evaluated → closed, or stopped.  The
 * rules of each step are here (app_step_check): a submission's request
 * within the cap and equal to its grant lines, a grant within the request
 * and the pool left. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_check.h"
#include "mp_funding.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_review.h"
#include "project_internal.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

const char *const mp_app_state_names[AS__COUNT + 1] = {
	[AS_DRAFT] = "草稿",
	[AS_SUBMITTED] = "已申报",
	[AS_ELIGIBLE] = "资格审查通过",
	[AS_INELIGIBLE] = "资格审查未通过",
	[AS_REVIEWED] = "已评审",
	[AS_APPROVED] = "拟立项",
	[AS_REJECTED] = "未立项",
	[AS_NOTICE] = "公示中",
	[AS_AGREEMENT] = "已签协议",
	[AS_UNDERWAY] = "实施中",
	[AS_MIDTERM] = "已中期评估",
	[AS_CLOSING] = "已结项评估",
	[AS_CLOSED] = "已结项",
	[AS_STOPPED] = "已终止",
	[AS__COUNT] = NULL,
};

/* The states that hold money of the pool, as SQL (the same as
 * mp_app_state_granted). */
#define GRANTED_STATES "('拟立项', '公示中', '已签协议', '实施中', '已中期评估'," \
	" '已结项评估', '已结项', '已终止')"

int mp_app_state_index(const char *name)
{
	for (int i = 0; i < AS__COUNT; i++)
		if (name && strcmp(mp_app_state_names[i], name) == 0)
			return i;
	return -1;
}

int mp_app_state_granted(int s)
{
	return s == AS_APPROVED || s == AS_NOTICE || s == AS_AGREEMENT
	    || s == AS_UNDERWAY || s == AS_MIDTERM || s == AS_CLOSING
	    || s == AS_CLOSED || s == AS_STOPPED;
}

static const mp_field app_fields[A__COUNT] = {
	[A_NAME] = { .col = "name", .label_zh = "项目名称", .label_en = N_("Project name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 18, .hint = N_("What the project is called") },
	[A_ROUND] = { .col = "round_id", .label_zh = "创投活动", .label_en = N_("Funding round"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_FILTER,
		.hint = N_("Enter: pick the round applied to"), .ref = &mp_rounds },
	[A_GROUP] = { .col = "group_id", .label_zh = "申报组织", .label_en = N_("Applicant group"),
		.kind = MP_K_REF, .flags = MP_F_LIST | MP_F_SEARCH, .list_width = 14,
		.hint = N_("Enter: pick the group; Ctrl-N: a group not registered yet, entered now"),
		.ref = &mp_groups },
	[A_LEADER] = { .col = "leader", .label_zh = "项目负责人", .label_en = N_("Project leader"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH, .maxlen = 30,
		.hint = N_("Who answers for the project") },
	[A_PHONE] = { .col = "phone", .label_zh = "联系电话", .label_en = N_("Contact phone"),
		.kind = MP_K_PHONE, .maxlen = 20, .hint = N_("The leader's phone number") },
	[A_COMMUNITY] = { .col = "community", .label_zh = "服务社区", .label_en = N_("Communities served"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH | MP_F_FILTER, .maxlen = 100,
		.hint = N_("The community or communities served, separated by 、") },
	[A_CATEGORY] = { .col = "category", .label_zh = "项目领域", .label_en = N_("Project category"),
		.kind = MP_K_CHOICE, .choice = MP_CH_PROJECT_CATEGORY, .flags = MP_F_FILTER,
		.hint = HINT_CHOICE },
	[A_NEED] = { .col = "need_id", .label_zh = "回应需求", .label_en = N_("Need answered"),
		.kind = MP_K_REF, .hint = N_("Enter: the need from the needs call it answers"),
		.ref = &mp_needs },
	[A_DIRECT] = { .col = "direct", .label_zh = "直接受益人数", .label_en = N_("Direct beneficiaries"),
		.kind = MP_K_COUNT, .maxlen = 7, .hint = N_("People the project serves directly (planned)") },
	[A_INDIRECT] = { .col = "indirect", .label_zh = "间接受益人数", .label_en = N_("Indirect beneficiaries"),
		.kind = MP_K_COUNT, .maxlen = 7, .hint = N_("People it reaches indirectly (planned)") },
	[A_START_DATE] = { .col = "start", .label_zh = "项目开始", .label_en = N_("Project starts"),
		.kind = MP_K_DATE, .maxlen = 10, .hint = HINT_DATE },
	[A_END_DATE] = { .col = "end_date", .label_zh = "项目结束", .label_en = N_("Project ends"),
		.kind = MP_K_DATE, .maxlen = 10, .hint = HINT_DATE },
	[A_REQUESTED] = { .col = "requested", .label_zh = "申请金额", .label_en = N_("Amount requested"),
		.kind = MP_K_MONEY, .flags = MP_F_LIST, .maxlen = 20, .list_width = 10,
		.hint = N_("In yuan: at most the round's cap, and what the budget lines paid by the grant add up to") },
	[A_STATE] = { .col = "state", .label_zh = "状态", .label_en = N_("State"),
		.kind = MP_K_CHOICE, .choice = MP_CH_APP_STATE,
		.flags = MP_F_AUTO | MP_F_LIST | MP_F_FILTER, .list_width = 14,
		.hint = N_("Moved on with the key for the next step, never typed") },
	[A_STATE_DATE] = { .col = "state_date", .label_zh = "状态日期", .label_en = N_("State since"),
		.kind = MP_K_DATE, .flags = MP_F_AUTO, .maxlen = 10,
		.hint = N_("The date of the last change of state") },
	[A_GRANTED] = { .col = "granted", .label_zh = "资助金额", .label_en = N_("Amount granted"),
		.kind = MP_K_MONEY, .flags = MP_F_AUTO | MP_F_LIST, .list_width = 10,
		.hint = N_("Set when the project is approved") },
	[A_REASON] = { .col = "reason", .label_zh = "原因", .label_en = N_("Reason"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_AUTO, .maxlen = 300,
		.hint = N_("Why it was not eligible, not approved or stopped") },
	[A_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort app_sorts[] = {
	{ N_("by date added"), "id", 1 },
	{ N_("by name"), "name", 0 },
	{ N_("by state"), "state", 0 },
};

static void app_defaults(const mp_config *cfg, mp_record *r)
{
	(void)cfg;
	mp_record_set(r, A_STATE, mp_app_state_names[AS_DRAFT]);
}

static int app_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                     mp_err *e)
{
	const mp_field *f = app_fields;
	int64_t cap = 0, requested = pj_fen(r->v[A_REQUESTED]);
	char a[32], b[32];
	int ret;

	(void)cfg;
	if (r->v[A_START_DATE][0] && r->v[A_END_DATE][0] && strcmp(r->v[A_START_DATE], r->v[A_END_DATE]) > 0)
		return mp_err_field(e, MP_EINVAL, A_END_DATE, _("%s: %s is before %s (%s)"),
		                    mp_field_label(&f[A_END_DATE]), r->v[A_END_DATE],
		                    mp_field_label(&f[A_START_DATE]), r->v[A_START_DATE]);
	ret = pj_int(db, "SELECT ifnull(cap, -1) FROM rounds WHERE id = ?1",
	             pj_id(r->v[A_ROUND]), 0, &cap, e);
	if (ret != MP_OK)
		return ret;
	if (cap >= 0 && r->v[A_REQUESTED][0] && requested > cap)
		return mp_err_field(e, MP_EINVAL, A_REQUESTED,
		                    _("%s: %s yuan is above the round's cap per project (%s yuan)"),
		                    mp_field_label(&f[A_REQUESTED]), pj_money(requested, a, sizeof a),
		                    pj_money(cap, b, sizeof b));
	if (r->v[A_NEED][0]) {
		int64_t need_round = 0;

		/* A need raised in another round's call answers that round. */
		ret = pj_int(db, "SELECT ifnull(round_id, 0) FROM needs WHERE id = ?1",
		             pj_id(r->v[A_NEED]), 0, &need_round, e);
		if (ret != MP_OK)
			return ret;
		if (need_round && need_round != pj_id(r->v[A_ROUND]))
			return mp_err_field(e, MP_EINVAL, A_NEED,
			                    _("%s: the need was raised in another round's needs call"),
			                    mp_field_label(&f[A_NEED]));
	}
	if (r->v[A_GRANTED][0] && pj_fen(r->v[A_GRANTED]) > requested)
		return mp_err_field(e, MP_EINVAL, A_REQUESTED,
		                    _("%s: %s yuan is less than the amount granted (%s yuan)"),
		                    mp_field_label(&f[A_REQUESTED]), pj_money(requested, a, sizeof a),
		                    pj_money(pj_fen(r->v[A_GRANTED]), b, sizeof b));
	return MP_OK;
}

int mp_app_budget_sums(mp_db *db, int64_t app_id, int64_t *grant,
                       int64_t *matched, mp_err *e)
{
	int ret = pj_int(db, "SELECT ifnull(sum(amount), 0) FROM app_budget WHERE deleted_at IS NULL"
	                 " AND app_id = ?1 AND paid_by = '资助资金'", app_id, 0, grant, e);

	if (ret == MP_OK)
		ret = pj_int(db, "SELECT ifnull(sum(amount), 0) FROM app_budget WHERE deleted_at IS NULL"
		             " AND app_id = ?1 AND paid_by = '配套资金'", app_id, 0, matched, e);
	return ret;
}

int mp_round_pool_left(mp_db *db, int64_t round_id, int64_t except_app,
                       int64_t *fen, mp_err *e)
{
	int64_t pool = 0, granted = 0;
	int ret;

	*fen = 0;
	ret = pj_int(db, "SELECT pool FROM rounds WHERE id = ?1", round_id, 0, &pool, e);
	if (ret == MP_OK)
		ret = pj_int(db, "SELECT ifnull(sum(granted), 0) FROM applications"
		             " WHERE deleted_at IS NULL AND round_id = ?1 AND id <> ?2"
		             " AND state IN " GRANTED_STATES, round_id, except_app, &granted, e);
	if (ret == MP_OK)
		*fen = pool - granted;
	return ret;
}

int mp_app_state(mp_db *db, int64_t app_id, int *state, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*state = -1;
	ret = mp_db_cached(db, "SELECT state FROM applications WHERE id = ?1"
	                   " AND deleted_at IS NULL", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, app_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*state = mp_app_state_index((const char *)sqlite3_column_text(st, 0));
	else if (rc == SQLITE_DONE)
		ret = mp_err_set(e, MP_ENOTFOUND, _("this record no longer exists in the ledger"));
	else
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

/* The rules of a step, with r holding the state it moves to. */
static int app_step_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                          const mp_wf_step *step, mp_err *e)
{
	const mp_field *f = app_fields;
	int64_t requested = pj_fen(r->v[A_REQUESTED]), grant = 0, matched = 0;
	int64_t round = pj_id(r->v[A_ROUND]), left = 0, amount;
	char a[32], b[32], from[16] = "", to[16] = "";
	sqlite3_stmt *st = NULL;
	int ret, rc;

	(void)cfg;
	switch (step->to) {
	case AS_SUBMITTED:
		if (!r->v[A_GROUP][0])
			return mp_err_field(e, MP_EINVAL, A_GROUP,
			                    _("%s: required before the application is submitted"),
			                    mp_field_label(&f[A_GROUP]));
		if (requested <= 0)
			return mp_err_field(e, MP_EINVAL, A_REQUESTED,
			                    _("%s: required before the application is submitted"),
			                    mp_field_label(&f[A_REQUESTED]));
		ret = mp_app_budget_sums(db, r->id, &grant, &matched, e);
		if (ret != MP_OK)
			return ret;
		if (grant != requested)
			return mp_err_field(e, MP_EINVAL, A_REQUESTED,
			                    _("%s: %s yuan, but the budget lines paid by the grant add up to %s yuan"),
			                    mp_field_label(&f[A_REQUESTED]), pj_money(requested, a, sizeof a),
			                    pj_money(grant, b, sizeof b));
		/* Submitted within the round's application window. */
		ret = mp_db_cached(db, "SELECT ifnull(apply_from, ''), ifnull(apply_to, '')"
		                   " FROM rounds WHERE id = ?1", &st, e);
		if (ret != MP_OK)
			return ret;
		rc = sqlite3_bind_int64(st, 1, round);
		if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			snprintf(from, sizeof from, "%s", (const char *)sqlite3_column_text(st, 0));
			snprintf(to, sizeof to, "%s", (const char *)sqlite3_column_text(st, 1));
		} else if (rc != SQLITE_DONE) {
			ret = mp_db_fail(db, rc, e);
		}
		mp_db_done(db, st);
		if (ret != MP_OK)
			return ret;
		if ((from[0] && strcmp(r->v[A_STATE_DATE], from) < 0)
		    || (to[0] && strcmp(r->v[A_STATE_DATE], to) > 0))
			return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_DATE,
			                    _("Submitted on %s: outside the round's application window (%s to %s)"),
			                    r->v[A_STATE_DATE], from[0] ? from : "…", to[0] ? to : "…");
		return MP_OK;
	case AS_APPROVED:
		amount = pj_fen(r->v[A_GRANTED]);
		if (amount <= 0)
			return mp_err_field(e, MP_EINVAL, A_GRANTED, _("%s: must be above 0"),
			                    mp_field_label(&f[A_GRANTED]));
		if (amount > requested)
			return mp_err_field(e, MP_EINVAL, A_GRANTED,
			                    _("%s: %s yuan is more than was requested (%s yuan)"),
			                    mp_field_label(&f[A_GRANTED]), pj_money(amount, a, sizeof a),
			                    pj_money(requested, b, sizeof b));
		ret = mp_round_pool_left(db, round, r->id, &left, e);
		if (ret != MP_OK)
			return ret;
		if (amount > left)
			return mp_err_field(e, MP_EINVAL, A_GRANTED,
			                    _("%s: %s yuan is more than the round's pool has left (%s yuan)"),
			                    mp_field_label(&f[A_GRANTED]), pj_money(amount, a, sizeof a),
			                    pj_money(left, b, sizeof b));
		return MP_OK;
	default:
		return MP_OK;
	}
}

/* "社区老年食堂 已申报": the name and where it stands. */
static void app_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { A_NAME };

	mp_describe_fields(db, r, buf, size, 1, fields);
}

static void app_summary(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	int64_t grant = 0, matched = 0;
	char a[32], b[32];

	if (size > 0)
		buf[0] = '\0';
	if (r->id <= 0 || mp_app_budget_sums(db, r->id, &grant, &matched, NULL) != MP_OK)
		return;
	snprintf(buf, size, _("Budget: %s yuan from the grant, %s yuan matched · state: %s since %s"),
	         pj_money(grant, a, sizeof a), pj_money(matched, b, sizeof b),
	         r->v[A_STATE], r->v[A_STATE_DATE][0] ? r->v[A_STATE_DATE] : "…");
}

static const mp_child app_children[] = {
	{ N_("Budget lines"), &mp_app_budget, AB_APP },
	{ N_("Project team"), &mp_app_team, AT_APP },
	{ N_("State history"), &mp_app_states, WH_RECORD },
	/* branch funding: the project's agreement, money and evaluations */
	{ N_("Funding agreements"), &mp_agreements, AG_APP },
	{ N_("Payments"), &mp_payments, PY_APP },
	{ N_("Expenditure"), &mp_expenditures, EX_APP },
	{ N_("Amounts reclaimed"), &mp_reclaims, RE_APP },
	{ N_("Evaluations"), &mp_evaluations, EV_APP },
	/* branch review */
	{ N_("Review scores"), &mp_review_scores, SC_APP },
	{ N_("Resident votes"), &mp_resident_votes, VT_APP },
	{ N_("Objections"), &mp_objections, OB_APP },
	{ N_("Project activities"), &mp_project_activities, PA_APP },
	{ N_("Groups and teams incubated"), &mp_project_groups, PG_APP },
};

static const mp_findby app_findby[] = {
	{ A_NAME, NULL, MP_FIND_CELL },
};
static const int app_dupkey[] = { A_NAME, A_ROUND };

static const mp_index app_indexes[] = {
	{ "applications_live_round_state", "round_id, state", MP_I_LIVE, NULL },
};

/* 公示中 stands for a decision to fund: an amount granted above 0 (the
 * approval sets it; a ledger imported from elsewhere may not have). */
static int notice_guard(mp_db *db, const mp_config *cfg, const mp_record *r,
                        mp_record **offer, mp_err *e)
{
	(void)db;
	(void)cfg;
	(void)offer;
	if (r->v[A_STATE][0] && !strcmp(r->v[A_STATE], mp_app_state_names[AS_APPROVED])
	    && pj_fen(r->v[A_GRANTED]) > 0)
		return MP_OK;
	/* TRANSLATORS: the refusal of 公示中 before the project is approved */
	return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_GUARD, "%s",
	                    _("Approve it with the amount granted first"));
}

static const mp_wf_guard notice_approved = { .test = notice_guard };

/* What each step stands for (mp_workflow.h's guards), from the types that
 * keep those records. */
static const mp_wf_guard *const needs_scores[] = { &mp_guard_reviewed, NULL };
static const mp_wf_guard *const needs_approval[] = { &notice_approved, NULL };
static const mp_wf_guard *const needs_agreement[] = { &mp_guard_agreement, NULL };
static const mp_wf_guard *const needs_midterm[] = { &mp_guard_midterm, NULL };
static const mp_wf_guard *const needs_closing[] = { &mp_guard_closing, NULL };

/* The way forward first: the screen offers the steps in this order. */
static const mp_wf_step app_steps[] = {
	{ AS_DRAFT, AS_SUBMITTED, N_("Submit the application"), 0 , NULL },
	{ AS_SUBMITTED, AS_ELIGIBLE, N_("Eligible"), 0 , NULL },
	{ AS_SUBMITTED, AS_INELIGIBLE, N_("Not eligible"), MP_WF_REASON , NULL },
	{ AS_SUBMITTED, AS_DRAFT, N_("Return it for changes"), MP_WF_REASON , NULL },
	{ AS_ELIGIBLE, AS_REVIEWED, N_("Reviewed by the experts"), 0, needs_scores },
	{ AS_REVIEWED, AS_APPROVED, N_("Approve, with the amount granted"), MP_WF_AMOUNT , NULL },
	{ AS_REVIEWED, AS_REJECTED, N_("Not approved"), MP_WF_REASON , NULL },
	{ AS_APPROVED, AS_NOTICE, N_("Posted for public notice"), 0, needs_approval },
	{ AS_NOTICE, AS_AGREEMENT, N_("Agreement signed"), 0, needs_agreement },
	{ AS_NOTICE, AS_REJECTED, N_("Not approved after an objection"), MP_WF_REASON , NULL },
	{ AS_AGREEMENT, AS_UNDERWAY, N_("Under way"), 0 , NULL },
	{ AS_UNDERWAY, AS_MIDTERM, N_("Mid-term evaluation done"), 0, needs_midterm },
	{ AS_MIDTERM, AS_CLOSING, N_("Closing evaluation done"), 0, needs_closing },
	{ AS_CLOSING, AS_CLOSED, N_("Closed"), 0 , NULL },
	{ AS_AGREEMENT, AS_STOPPED, N_("Stopped"), MP_WF_REASON , NULL },
	{ AS_UNDERWAY, AS_STOPPED, N_("Stopped"), MP_WF_REASON , NULL },
	{ AS_MIDTERM, AS_STOPPED, N_("Stopped"), MP_WF_REASON , NULL },
	{ AS_CLOSING, AS_STOPPED, N_("Stopped"), MP_WF_REASON , NULL },
};

const mp_workflow mp_app_workflow = {
	.states = mp_app_state_names,
	.nstates = AS__COUNT,
	.steps = app_steps,
	.nsteps = sizeof app_steps / sizeof app_steps[0],
	.state_field = A_STATE,
	.date_field = A_STATE_DATE,
	.reason_field = A_REASON,
	.amount_field = A_GRANTED,
	.amount_en = N_("Amount granted"),
	.history = &mp_app_states,
	.check = app_step_check,
};

const mp_table mp_applications = {
	.name = "applications",
	.title_en = N_("Applications"),
	.unit_en = N_("application"),
	.fields = app_fields,
	.nfields = A__COUNT,
	.sorts = app_sorts,
	.nsorts = sizeof app_sorts / sizeof app_sorts[0],
	.check = app_check,
	.defaults = app_defaults,
	.tflags = MP_T_DECLARED,
	.summary = app_summary,
	.children = app_children,
	.nchildren = sizeof app_children / sizeof app_children[0],
	.findby = app_findby,
	.nfindby = 1,
	.dupkey = app_dupkey,
	.ndupkey = 2,
	.indexes = app_indexes,
	.nindexes = 1,
	.describe = app_describe,
	.workflow = &mp_app_workflow,
};

/* ---- budget lines and team ---- */

#define APP_REF \
	{ .col = "app_id", .label_zh = "项目", .label_en = N_("Application"), \
	  .kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 16, \
	  .hint = N_("Enter: pick the application"), .ref = &mp_applications }

static const mp_field budget_fields[AB__COUNT] = {
	[AB_APP] = APP_REF,
	[AB_ITEM] = { .col = "item", .label_zh = "支出科目", .label_en = N_("Budget item"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST, .maxlen = 60,
		.list_width = 16, .hint = N_("e.g. 活动物料, 志愿者交通补贴, 专家督导费") },
	[AB_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = N_("Amount"),
		.kind = MP_K_MONEY, .flags = MP_F_REQUIRED | MP_F_LIST, .maxlen = 20,
		.list_width = 10, .hint = N_("In yuan, e.g. 1200 or 1,200.50") },
	[AB_PAID_BY] = { .col = "paid_by", .label_zh = "资金来源", .label_en = N_("Paid by"),
		.kind = MP_K_CHOICE, .initial = MP_PAID_BY_GRANT, .choice = MP_CH_PAID_BY, .flags = MP_F_REQUIRED | MP_F_LIST,
		.list_width = 8, .hint = N_("Enter: 资助资金 (the grant) or 配套资金 (matched funds)") },
	[AB_NOTES] = { .col = "notes", .label_zh = "测算依据", .label_en = N_("How it was worked out"),
		.kind = MP_K_LONGTEXT, .maxlen = 300, .hint = N_("e.g. 20 sessions x 60 yuan") },
};

static const mp_sort line_sorts[] = {
	{ N_("by date added"), "id", 0 },
};

static void budget_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { AB_ITEM, AB_AMOUNT, AB_APP };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const int budget_dupkey[] = { AB_APP, AB_ITEM, AB_AMOUNT, AB_PAID_BY };

const mp_table mp_app_budget = {
	.name = "app_budget",
	.title_en = N_("Budget lines"),
	.unit_en = N_("budget line"),
	.fields = budget_fields,
	.nfields = AB__COUNT,
	.sorts = line_sorts,
	.nsorts = 1,
	.tflags = MP_T_DECLARED,
	.dupkey = budget_dupkey,
	.ndupkey = 4,
	.describe = budget_describe,
};

static const mp_field team_fields[AT__COUNT] = {
	[AT_APP] = APP_REF,
	[AT_NAME] = { .col = "name", .label_zh = "姓名", .label_en = N_("Full name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 30, .list_width = 8, .hint = N_("A member of the project's team") },
	[AT_ROLE] = { .col = "role", .label_zh = "分工", .label_en = N_("Role in the project"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST, .maxlen = 30, .list_width = 10,
		.hint = N_("e.g. 负责人, 执行, 财务, 志愿者") },
	[AT_QUALIFICATION] = { .col = "qualification", .label_zh = "社工资格", .label_en = N_("Social-work qualification"),
		.kind = MP_K_CHOICE, .choice = MP_CH_SW_QUALIFICATION, .flags = MP_F_LIST,
		.list_width = 12, .hint = HINT_CHOICE },
	[AT_PHONE] = { .col = "phone", .label_zh = "联系电话", .label_en = N_("Phone"),
		.kind = MP_K_PHONE, .maxlen = 20, .hint = N_("Digits, e.g. 13812345678") },
};

static void team_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { AT_NAME, AT_APP };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

static const int team_dupkey[] = { AT_APP, AT_NAME };

const mp_table mp_app_team = {
	.name = "app_team",
	.title_en = N_("Project teams"),
	.unit_en = N_("team member"),
	.fields = team_fields,
	.nfields = AT__COUNT,
	.sorts = line_sorts,
	.nsorts = 1,
	.tflags = MP_T_DECLARED,
	.dupkey = team_dupkey,
	.ndupkey = 2,
	.describe = team_describe,
};

/* ---- the history of states ---- */

static const mp_field state_fields[WH__COUNT] = {
	[WH_RECORD] = APP_REF,
	[WH_FROM] = { .col = "from_state", .label_zh = "原状态", .label_en = N_("From"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST, .maxlen = 20, .list_width = 10,
		.hint = N_("The state before the change") },
	[WH_TO] = { .col = "to_state", .label_zh = "新状态", .label_en = N_("To"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST, .maxlen = 20, .list_width = 10,
		.hint = N_("The state after the change") },
	[WH_DATE] = { .col = "date", .label_zh = "日期", .label_en = N_("Date"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST, .maxlen = 10,
		.list_width = 10, .hint = HINT_DATE },
	[WH_REASON] = { .col = "reason", .label_zh = "原因", .label_en = N_("Reason"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_LIST, .maxlen = 300, .list_width = 14,
		.hint = N_("Why, when the step asked") },
	[WH_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = N_("Amount"),
		.kind = MP_K_MONEY, .maxlen = 20, .hint = N_("The amount the step set") },
	[WH_BY] = { .col = "recorded_by", .label_zh = "记录人", .label_en = N_("Recorded by"),
		.kind = MP_K_TEXT, .maxlen = 60, .hint = N_("Who recorded the change") },
};

static const mp_sort state_sorts[] = {
	{ N_("by date added"), "id", 0 },
};

static void state_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { WH_RECORD, WH_TO, WH_DATE };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

/* The history is what happened: a row is written by the step and never
 * corrected afterwards (a wrong step is followed by another one). */
static int state_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	(void)db;
	(void)cfg;
	if (r->id > 0)
		return mp_err_set(e, MP_EINVAL, _("A change of state is kept as it was recorded; it cannot be corrected"));
	return MP_OK;
}

static const int state_dupkey[] = { WH_RECORD, WH_TO, WH_DATE };

/* What the report of a period asks: which applications reached a state
 * (approved, agreement …) between two dates. */
static const mp_index state_indexes[] = {
	{ "app_states_live_to_date", "to_state, date", MP_I_LIVE, NULL },
};

const mp_table mp_app_states = {
	.name = "app_states",
	.title_en = N_("Application states"),
	.unit_en = N_("change of state"),
	.fields = state_fields,
	.nfields = WH__COUNT,
	.sorts = state_sorts,
	.nsorts = 1,
	.check = state_check,
	.tflags = MP_T_DECLARED,
	.dupkey = state_dupkey,
	.ndupkey = 3,
	.indexes = state_indexes,
	.nindexes = 1,
	.describe = state_describe,
};

/* ---- a group entered then and there ---- */

int mp_app_new_group(mp_db *db, const mp_config *cfg, const mp_record *app,
                     const char *name, int64_t *group_id, mp_err *e)
{
	mp_record *g = mp_record_new(&mp_groups, cfg);
	int ret;

	*group_id = 0;
	mp_record_set(g, G_NAME, name);
	mp_record_set(g, G_LEGAL, "未登记");
	if (app) {
		mp_record_set(g, G_LEADER, app->v[A_LEADER]);
		mp_record_set(g, G_PHONE, app->v[A_PHONE]);
	}
	ret = mp_record_save(db, cfg, g, e);
	if (ret == MP_OK)
		*group_id = g->id;
	else if (e)
		e->field = A_GROUP;   /* the group's own field means nothing here */
	mp_record_free(g);
	return ret;
}
