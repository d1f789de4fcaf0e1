/* evaluation.c — a funded project's mid-term and closing evaluations
 * (中期评估, 结项评估), each scored on its round's criteria.
 *
 * The result is never stored: it is the weighted total of the scores
 * against the round's pass mark, worked out when asked
 * (mp_evaluation_outcome), so that a corrected score or weight can never
 * leave a stale "passed" behind that would let a tranche be paid. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_text.h"

#define MAX_CRITERIA 32

static const mp_field evaluation_fields[EV__COUNT] = {
	[EV_KIND] = { .col = "kind", .label_zh = "评估类型", .label_en = N_("Evaluation type"),
		.kind = MP_K_CHOICE, .choice = MP_CH_EVAL_KIND,
		.flags = MP_F_REQUIRED | MP_F_LIST | MP_F_FILTER, .list_width = 8,
		.hint = FD_HINT_CHOICE },
	[EV_APP] = { .col = "app_id", .label_zh = "项目", .label_en = N_("Project"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 16, .hint = N_("Enter: pick the project evaluated"),
		.ref = &mp_applications },
	[EV_DATE] = { .col = "date", .label_zh = "评估日期", .label_en = N_("Evaluated on"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = FD_HINT_DATE },
	[EV_EVALUATOR] = { .col = "evaluator", .label_zh = "评估方", .label_en = N_("Evaluated by"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 12,
		.hint = N_("The evaluating experts or agency") },
	[EV_SESSIONS] = { .col = "sessions", .label_zh = "服务场次", .label_en = N_("Service sessions held"),
		.kind = MP_K_COUNT, .maxlen = 7,
		.hint = N_("At closing: sessions held; empty: the project's activities held") },
	[EV_SERVED] = { .col = "served", .label_zh = "服务人次", .label_en = N_("People served"),
		.kind = MP_K_COUNT, .maxlen = 9,
		.hint = N_("At closing: people served (人次); empty: those of its activities") },
	[EV_GROUPS] = { .col = "groups_incubated", .label_zh = "孵化组织数", .label_en = N_("Groups incubated"),
		.kind = MP_K_COUNT, .maxlen = 5,
		.hint = N_("At closing: groups incubated; empty: those the project names") },
	[EV_TEAMS] = { .col = "teams_formed", .label_zh = "组建志愿服务队数", .label_en = N_("Volunteer teams formed"),
		.kind = MP_K_COUNT, .maxlen = 5,
		.hint = N_("At closing: volunteer teams formed; empty: those the project names") },
	[EV_MATCHED] = { .col = "matched_raised", .label_zh = "实际配套资金", .label_en = N_("Matched funds raised"),
		.kind = MP_K_MONEY, .hint = N_("元: the matched funds actually raised") },
	[EV_NOTES] = { .col = "notes", .label_zh = "评估意见", .label_en = N_("Evaluation findings"),
		.kind = MP_K_LONGTEXT, .maxlen = 500 },
};

static const mp_sort evaluation_sorts[] = {
	{ N_("by date evaluated"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static const mp_index evaluation_indexes[] = {
	{ "evaluations_app_kind", "app_id, kind, date", 0, NULL },
};

/* At closing, figures left empty are the project's own: its activities
 * held, the people they served, the groups and teams it names. */
static int evaluation_prepare(mp_db *db, const mp_config *cfg, mp_record *r,
                              mp_err *e)
{
	static const int fields[] = { EV_SESSIONS, EV_SERVED, EV_GROUPS, EV_TEAMS };
	mp_project_outcome o;
	long v[4];
	int i;

	(void)cfg;
	(void)e;
	if (strcmp(r->v[EV_KIND], MP_EVAL_CLOSING) || !fd_id(r->v[EV_APP]) ||
	    mp_project_outcome_get(db, fd_id(r->v[EV_APP]), &o, NULL) != MP_OK)
		return MP_OK;
	v[0] = o.sessions;
	v[1] = o.served;
	v[2] = o.groups;
	v[3] = o.teams;
	for (i = 0; i < 4; i++) {
		char buf[24];

		if (r->v[fields[i]][0])
			continue;
		snprintf(buf, sizeof buf, "%ld", v[i]);
		mp_record_set(r, fields[i], buf);
	}
	return MP_OK;
}

/* The date of the latest (closing: earliest) evaluation of kind of the
 * project other than id, "" when none. */
static int other_eval(mp_db *db, int64_t app, const char *kind, int64_t id,
                      int latest, char date[11], mp_err *e)
{
	return fd_text(db, latest
	               ? "SELECT max(date) FROM evaluations WHERE deleted_at IS NULL"
	                 " AND app_id = ?1 AND kind = ?2 AND id <> ?3"
	               : "SELECT min(date) FROM evaluations WHERE deleted_at IS NULL"
	                 " AND app_id = ?1 AND kind = ?2 AND id <> ?3",
	               app, kind, id, date, 11, e);
}

static int evaluation_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                            mp_err *e)
{
	const mp_field *f = evaluation_fields;
	char *const *v = r->v;
	int64_t app = fd_id(v[EV_APP]);
	char other[11];
	fd_project p;
	int ret;

	(void)cfg;
	ret = fd_project_get(db, app, &p, EV_APP, e);
	if (ret == MP_OK)
		ret = fd_after_agreement(db, app, v[EV_DATE], EV_APP, EV_DATE,
		                         mp_field_label(&f[EV_DATE]), e);
	if (ret != MP_OK)
		return ret;
	/* The closing evaluation comes after every mid-term one. */
	if (!strcmp(v[EV_KIND], MP_EVAL_CLOSING)) {
		ret = other_eval(db, app, MP_EVAL_MIDTERM, r->id, 1, other, e);
		if (ret == MP_OK && other[0] && strcmp(v[EV_DATE], other) < 0)
			return mp_err_field(e, MP_EINVAL, EV_DATE,
			                    _("%s: %s is before the mid-term evaluation of %s"),
			                    mp_field_label(&f[EV_DATE]), v[EV_DATE], other);
	} else {
		ret = other_eval(db, app, MP_EVAL_CLOSING, r->id, 0, other, e);
		if (ret == MP_OK && other[0] && strcmp(v[EV_DATE], other) > 0)
			return mp_err_field(e, MP_EINVAL, EV_DATE,
			                    _("%s: %s is after the closing evaluation of %s"),
			                    mp_field_label(&f[EV_DATE]), v[EV_DATE], other);
	}
	return ret;
}

int mp_evaluation_outcome(mp_db *db, int64_t eval_id, mp_eval_outcome *o,
                          mp_err *e)
{
	mp_criterion c[MAX_CRITERIA];
	int64_t tenths[MAX_CRITERIA], weights[MAX_CRITERIA];
	mp_record *ev = NULL, *round = NULL;
	fd_project p;
	int nc = 0, i, ret;

	memset(o, 0, sizeof *o);
	ret = mp_record_load(db, &mp_evaluations, eval_id, &ev, e);
	if (ret == MP_OK)
		ret = fd_project_get(db, fd_id(ev->v[EV_APP]), &p, -1, e);
	if (ret == MP_OK)
		ret = mp_record_load(db, &mp_rounds, p.round, &round, e);
	if (ret == MP_OK)
		ret = mp_round_criteria_get(db, p.round, c, MAX_CRITERIA, &nc, e);
	if (ret == MP_OK)
		o->mark = fd_tenths(round->v[R_PASS_MARK]);
	for (i = 0; ret == MP_OK && i < nc; i++) {
		int found = 0;

		weights[i] = c[i].weight;
		ret = fd_int(db, "SELECT score FROM eval_scores WHERE deleted_at IS NULL"
		             " AND eval_id = ?1 AND criterion = ?2 ORDER BY id LIMIT 1",
		             eval_id, c[i].name, 0, &tenths[i], &found, e);
		if (ret == MP_OK && !found && !o->missing[0])
			snprintf(o->missing, sizeof o->missing, "%s", c[i].name);
	}
	mp_record_free(ev);
	mp_record_free(round);
	if (ret != MP_OK)
		return ret;
	if (nc == 0) {
		snprintf(o->missing, sizeof o->missing, "%s", _("the round's criteria"));
		return MP_OK;
	}
	o->total = mp_weighted_total(tenths, weights, nc);
	if (!o->missing[0])
		o->result = o->total >= o->mark ? MP_EV_PASS : MP_EV_FAIL;
	return MP_OK;
}

/* At closing, what the project left behind, after what buf holds. */
static void closing_outcome(mp_db *db, const mp_record *r, char *buf,
                            size_t size)
{
	mp_project_outcome out;
	size_t used = strlen(buf);

	if (strcmp(r->v[EV_KIND], MP_EVAL_CLOSING) ||
	    mp_project_outcome_get(db, fd_id(r->v[EV_APP]), &out, NULL) != MP_OK)
		return;
	snprintf(buf + used, size - used,
	         _("%sactivities %ld, people served %ld, groups incubated %ld, volunteer teams %ld"),
	         used ? " · " : "", out.sessions, out.served, out.groups, out.teams);
}

/* "加权总分 83（合格分 60）：通过", or which criterion is not scored. */
static void evaluation_summary(mp_db *db, const mp_record *r, char *buf,
                               size_t size)
{
	mp_eval_outcome o;
	char total[16], mark[16];

	buf[0] = '\0';
	if (!r->id || mp_evaluation_outcome(db, r->id, &o, NULL) != MP_OK)
		return;
	if (o.result == MP_EV_NONE) {
		snprintf(buf, size, _("Not scored yet on: %s"), o.missing);
		closing_outcome(db, r, buf, size);
		return;
	}
	mp_decimal_format(o.total, 1, total, sizeof total);
	mp_decimal_format(o.mark, 1, mark, sizeof mark);
	snprintf(buf, size, o.result == MP_EV_PASS
	         ? _("Weighted total %s (pass mark %s): passed")
	         : _("Weighted total %s (pass mark %s): not passed"), total, mark);
	closing_outcome(db, r, buf, size);
}

/* "阳光助老 中期评估 2024-09-10". */
static void evaluation_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { EV_APP, EV_KIND, EV_DATE };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const mp_child evaluation_children[] = {
	{ N_("Scores"), &mp_evaluation_scores, ES_EVAL },
};

static const int evaluation_dupkey[] = { EV_APP, EV_KIND, EV_DATE };

const mp_table mp_evaluations = {
	.name = "evaluations",
	.title_en = N_("Evaluations"),
	.unit_en = N_("evaluation"),
	.fields = evaluation_fields,
	.nfields = EV__COUNT,
	.sorts = evaluation_sorts,
	.nsorts = sizeof evaluation_sorts / sizeof evaluation_sorts[0],
	.check = evaluation_check,
	.prepare = evaluation_prepare,
	.summary = evaluation_summary,
	.children = evaluation_children,
	.nchildren = sizeof evaluation_children / sizeof evaluation_children[0],
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.dupkey = evaluation_dupkey,
	.ndupkey = sizeof evaluation_dupkey / sizeof evaluation_dupkey[0],
	.indexes = evaluation_indexes,
	.nindexes = sizeof evaluation_indexes / sizeof evaluation_indexes[0],
	.describe = evaluation_describe,
};

/* ---- one criterion's score ---- */

static const mp_field score_fields[ES__COUNT] = {
	[ES_EVAL] = { .col = "eval_id", .label_zh = "评估", .label_en = N_("Evaluation"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED, .hint = N_("The evaluation scored"),
		.ref = &mp_evaluations },
	[ES_CRITERION] = { .col = "criterion", .label_zh = "评审指标", .label_en = N_("Criterion"),
		.kind = MP_K_CHOICE, .choice = MP_CH_CRITERION,
		.flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 12,
		.hint = N_("Enter: pick one of the round's criteria") },
	[ES_SCORE] = { .col = "score", .label_zh = "得分", .label_en = N_("Score"),
		.kind = MP_K_SCORE, .flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 6,
		.hint = N_("0-100, one decimal at most") },
	[ES_NOTES] = { .col = "notes", .label_zh = "评语", .label_en = N_("Comment"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_LIST, .maxlen = 300, .list_width = 20 },
};

static const mp_sort score_sorts[] = {
	{ N_("by date added"), "id", 0 },
	{ N_("by criterion"), "criterion", 0 },
};

static const mp_index score_indexes[] = {
	{ "eval_scores_live_unique", "eval_id, criterion", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

static int score_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	const mp_field *f = score_fields;
	char *const *v = r->v;
	mp_criterion c[MAX_CRITERIA];
	mp_record *ev = NULL;
	fd_project p;
	char names[512];
	size_t used = 0;
	int64_t other = 0;
	int nc = 0, i, ret;

	(void)cfg;
	ret = mp_record_load(db, &mp_evaluations, fd_id(v[ES_EVAL]), &ev, e);
	if (ret == MP_OK)
		ret = fd_project_get(db, fd_id(ev->v[EV_APP]), &p, ES_EVAL, e);
	mp_record_free(ev);
	if (ret == MP_OK)
		ret = mp_round_criteria_get(db, p.round, c, MAX_CRITERIA, &nc, e);
	if (ret != MP_OK)
		return ret;
	names[0] = '\0';
	for (i = 0; i < nc; i++) {
		if (!strcmp(c[i].name, v[ES_CRITERION]))
			break;
		used += (size_t)snprintf(names + used, used < sizeof names ? sizeof names - used : 0,
		                         "%s%s", i ? "、" : "", c[i].name);
		if (used >= sizeof names)
			used = sizeof names - 1;
	}
	if (i == nc)
		return mp_err_field(e, MP_EINVAL, ES_CRITERION,
		                    _("%s: “%s” is not one of the round's criteria (%s)"),
		                    mp_field_label(&f[ES_CRITERION]), v[ES_CRITERION],
		                    nc ? names : _("none yet"));
	ret = fd_int(db, "SELECT id FROM eval_scores WHERE deleted_at IS NULL"
	             " AND eval_id = ?1 AND criterion = ?2 AND id <> ?3 LIMIT 1",
	             fd_id(v[ES_EVAL]), v[ES_CRITERION], r->id, &other, NULL, e);
	if (ret == MP_OK && other)
		return mp_err_field(e, MP_EDUP, ES_CRITERION,
		                    _("%s: “%s” is scored already in this evaluation"),
		                    mp_field_label(&f[ES_CRITERION]), v[ES_CRITERION]);
	return ret;
}

static void score_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { ES_CRITERION, ES_SCORE };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_evaluation_scores = {
	.name = "eval_scores",
	.title_en = N_("Evaluation scores"),
	.unit_en = N_("score"),
	.fields = score_fields,
	.nfields = ES__COUNT,
	.sorts = score_sorts,
	.nsorts = sizeof score_sorts / sizeof score_sorts[0],
	.check = score_check,
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.indexes = score_indexes,
	.nindexes = sizeof score_indexes / sizeof score_indexes[0],
	.describe = score_describe,
};

/* A scored evaluation of kind for the project moving (the guards of
 * 已中期评估 and 已结项评估): met when one has a result; else the latest one
 * entered but not scored is offered its missing score, or, none entered,
 * a new evaluation of the kind. */
static int eval_guard(mp_db *db, const mp_config *cfg, const mp_record *app,
                      const char *kind, mp_record **offer, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t ids[16];
	char dates[16][11];
	int n = 0, i, rc, ret;
	char id[24];
	mp_eval_outcome o, first;

	memset(&first, 0, sizeof first);
	ret = mp_db_cached(db, "SELECT id, ifnull(date, '') FROM evaluations"
	                   " WHERE deleted_at IS NULL AND app_id = ?1 AND kind = ?2"
	                   " ORDER BY date DESC, id DESC LIMIT 16", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, app->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(dates[n], sizeof dates[n], "%s", (const char *)sqlite3_column_text(st, 1));
		ids[n++] = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	for (i = 0; ret == MP_OK && i < n; i++) {
		ret = mp_evaluation_outcome(db, ids[i], &o, e);
		if (ret == MP_OK && o.result != MP_EV_NONE)
			return MP_OK;
		if (i == 0)
			first = o;
	}
	if (ret != MP_OK)
		return ret;
	if (n == 0) {
		if (offer) {
			*offer = mp_record_new(&mp_evaluations, cfg);
			snprintf(id, sizeof id, "%lld", (long long)app->id);
			mp_record_set(*offer, EV_APP, id);
			mp_record_set(*offer, EV_KIND, kind);
		}
		/* TRANSLATORS: %s is 中期评估 or 结项评估 */
		return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_GUARD,
		                    _("Register the %s and score it first"), kind);
	}
	if (offer && first.missing[0]) {
		*offer = mp_record_new(&mp_evaluation_scores, cfg);
		snprintf(id, sizeof id, "%lld", (long long)ids[0]);
		mp_record_set(*offer, ES_EVAL, id);
		mp_record_set(*offer, ES_CRITERION, first.missing);
	}
	/* TRANSLATORS: 中期评估（2024-09-10）还没有“参与性”的评分，先评分 */
	return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_GUARD,
	                    _("The %s (%s) has no score for “%s” yet; score it first"),
	                    kind, dates[0][0] ? dates[0] : "…", first.missing);
}

static int midterm_guard(mp_db *db, const mp_config *cfg, const mp_record *app,
                         mp_record **offer, mp_err *e)
{
	return eval_guard(db, cfg, app, MP_EVAL_MIDTERM, offer, e);
}

static int closing_guard(mp_db *db, const mp_config *cfg, const mp_record *app,
                         mp_record **offer, mp_err *e)
{
	return eval_guard(db, cfg, app, MP_EVAL_CLOSING, offer, e);
}

const mp_wf_guard mp_guard_midterm = { .test = midterm_guard };
const mp_wf_guard mp_guard_closing = { .test = closing_guard };
