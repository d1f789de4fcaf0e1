/* review.c — the review of a round's applications (issue 16): reviewers
 * (评审专家), their scores per criterion (评分), resident votes (居民投票)
 * and objections to the public notice (公示异议).
 *
 * The rules: a reviewer who belongs to the applicant group may not score
 * its application (回避); a score is 0 to 100 (MP_K_SCORE refuses anything
 * else) of a criterion of the application's own round, once per reviewer;
 * votes only in a round that uses them; an objection only to a published
 * application, received before its notice ended (逾期不予受理, as the
 * notice says). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_group.h"
#include "mp_i18n.h"
#include "mp_project.h"
#include "mp_review.h"
#include "mp_text.h"
#include "mp_volunteer.h"
#include "mp_workdays.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

/* ---- a few lookups ---- */

/* The first row of sql (parameters ?1 = a, ?2 = b): its first ncols
 * columns as text into cols[i] (size bytes each, "" for NULL).  *found is
 * 1 when there was a row. */
static int row_text(mp_db *db, const char *sql, int64_t a, int64_t b,
                    int ncols, char cols[][128], int *found, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret, i;

	*found = 0;
	for (i = 0; i < ncols; i++)
		cols[i][0] = '\0';
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, a);
	if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= 2)
		rc = sqlite3_bind_int64(st, 2, b);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 1;
		for (i = 0; i < ncols; i++) {
			const char *s = (const char *)sqlite3_column_text(st, i);

			snprintf(cols[i], 128, "%s", s ? s : "");
		}
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

static int64_t ref_id(const char *v)
{
	return v && *v ? strtoll(v, NULL, 10) : 0;
}

/* ---- reviewers ---- */

static const mp_field reviewer_fields[RV__COUNT] = {
	[RV_NAME] = { .col = "name", .label_zh = "姓名", .label_en = N_("Full name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 30, .list_width = 8, .hint = N_("The expert's name") },
	[RV_UNIT] = { .col = "unit", .label_zh = "工作单位", .label_en = N_("Works for"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 20,
		.hint = N_("The unit the expert works for, e.g. a university or an agency") },
	[RV_FIELD] = { .col = "expertise", .label_zh = "专业领域", .label_en = N_("Field of expertise"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 12,
		.hint = N_("e.g. social work, finance, community governance") },
	[RV_PHONE] = { .col = "phone", .label_zh = "联系电话", .label_en = N_("Phone"),
		.kind = MP_K_PHONE, .flags = MP_F_LIST,
		.maxlen = 20, .list_width = 12, .hint = N_("Digits, e.g. 13812345678") },
	[RV_VOLUNTEER] = { .col = "volunteer_id", .label_zh = "志愿者", .label_en = N_("Volunteer"),
		.kind = MP_K_REF,
		.hint = N_("Enter: the expert's volunteer record, if any: the groups they belong to may not be scored by them"),
		.ref = &mp_volunteers },
	[RV_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort reviewer_sorts[] = {
	{ N_("by name"), "name", 0 },
	{ N_("by date added"), "id", 1 },
};

static const mp_findby reviewer_findby[] = {
	{ RV_NAME, NULL, MP_FIND_CELL },
};
static const int reviewer_dupkey[] = { RV_NAME, RV_UNIT };

/* "王教授 安徽师范大学": a name and where they work. */
static void reviewer_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { RV_NAME, RV_UNIT };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

const mp_table mp_reviewers = {
	.name = "reviewers",
	.title_en = N_("Reviewers"),
	.unit_en = N_("reviewer"),
	.fields = reviewer_fields,
	.nfields = RV__COUNT,
	.sorts = reviewer_sorts,
	.nsorts = sizeof reviewer_sorts / sizeof reviewer_sorts[0],
	.tflags = MP_T_DECLARED,
	.findby = reviewer_findby,
	.nfindby = sizeof reviewer_findby / sizeof reviewer_findby[0],
	.dupkey = reviewer_dupkey,
	.ndupkey = sizeof reviewer_dupkey / sizeof reviewer_dupkey[0],
	.describe = reviewer_describe,
};

/* ---- conflict of interest ---- */

int mp_review_conflict(mp_db *db, int64_t reviewer_id, int64_t app_id,
                       mp_err *e)
{
	/* The reviewer, the application's group and its leaders. */
	char rv[3][128], ap[4][128], m[1][128];
	int found, ret;

	ret = row_text(db, "SELECT name, ifnull(unit, ''), ifnull(volunteer_id, '')"
	               " FROM reviewers WHERE id = ?1", reviewer_id, 0, 3, rv, &found, e);
	if (ret != MP_OK)
		return ret;
	if (!found)
		return mp_err_field(e, MP_EINVAL, SC_REVIEWER, _("no such reviewer"));
	ret = row_text(db, "SELECT g.name, ifnull(g.short_name, ''), ifnull(g.leader, ''),"
	               " ifnull(a.leader, '') FROM applications a"
	               " JOIN groups g ON g.id = a.group_id WHERE a.id = ?1",
	               app_id, 0, 4, ap, &found, e);
	if (ret != MP_OK || !found)
		return ret;
	if (rv[2][0]) {
		ret = row_text(db, "SELECT ifnull(role, '') FROM memberships"
		               " WHERE deleted_at IS NULL AND volunteer_id = ?1"
		               " AND group_id = (SELECT group_id FROM applications WHERE id = ?2)",
		               ref_id(rv[2]), app_id, 1, m, &found, e);
		if (ret != MP_OK)
			return ret;
		if (found)
			return mp_err_field(e, MP_EINVAL, SC_REVIEWER,
			                    _("%s is a member of %s, the applicant group: a reviewer may not score their own group"),
			                    rv[0], ap[0]);
	}
	if (rv[1][0] && (strcmp(rv[1], ap[0]) == 0 || (ap[1][0] && strcmp(rv[1], ap[1]) == 0)))
		return mp_err_field(e, MP_EINVAL, SC_REVIEWER,
		                    _("%s works for %s, the applicant group: a reviewer may not score their own group"),
		                    rv[0], ap[0]);
	return MP_OK;
}

/* A reviewer with the name of the group's or the application's leader:
 * names repeat, so this is a question for the person saving, not a
 * refusal. */
static int score_warn(mp_db *db, const mp_config *cfg, const mp_record *r,
                      char *buf, size_t size, int64_t *other_id)
{
	char a[3][128];
	int found;

	(void)cfg;
	*other_id = 0;
	if (row_text(db, "SELECT v.name, g.name, (SELECT count(*) FROM applications a2"
	             "  WHERE a2.id = a.id AND (ifnull(a2.leader, '') = v.name"
	             "  OR ifnull(g.leader, '') = v.name))"
	             " FROM applications a JOIN groups g ON g.id = a.group_id, reviewers v"
	             " WHERE a.id = ?1 AND v.id = ?2",
	             ref_id(r->v[SC_APP]), ref_id(r->v[SC_REVIEWER]), 3, a, &found, NULL) != MP_OK
	    || !found || strcmp(a[2], "0") == 0)
		return 0;
	snprintf(buf, size, _("The reviewer %s has the name of the leader of %s, the applicant group: if they are the same person, they may not score it."),
	         a[0], a[1]);
	return 1;
}

/* ---- scores ---- */

static const mp_field score_fields[SC__COUNT] = {
	[SC_APP] = { .col = "app_id", .label_zh = "项目", .label_en = N_("Application"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 18, .hint = N_("Enter: pick the application scored"),
		.ref = &mp_applications },
	[SC_REVIEWER] = { .col = "reviewer_id", .label_zh = "评审专家", .label_en = N_("Reviewer"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 8, .hint = N_("Enter: pick the reviewer"),
		.ref = &mp_reviewers },
	[SC_CRITERION] = { .col = "criterion_id", .label_zh = "评审指标", .label_en = N_("Criterion"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST,
		.list_width = 10, .hint = N_("Enter: pick a criterion of the application's round"),
		.ref = &mp_round_criteria },
	[SC_SCORE] = { .col = "score", .label_zh = "得分", .label_en = N_("Score"),
		.kind = MP_K_SCORE, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 6, .list_width = 6, .hint = N_("0 to 100, one decimal at most, e.g. 85.5") },
	[SC_DATE] = { .col = "date", .label_zh = "评分日期", .label_en = N_("Scored on"),
		.kind = MP_K_DATE, .flags = MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[SC_COMMENT] = { .col = "comment", .label_zh = "评语", .label_en = N_("Comment"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("What the reviewer said") },
};

static const mp_sort score_sorts[] = {
	{ N_("by date added"), "id", 1 },
	{ N_("by score"), "score", 1 },
};

static int score_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	int64_t app = ref_id(r->v[SC_APP]);
	char a[2][128], c[1][128];
	int found, ret, s;

	(void)cfg;
	ret = row_text(db, "SELECT round_id, state FROM applications WHERE id = ?1",
	               app, 0, 2, a, &found, e);
	if (ret != MP_OK || !found)
		return ret;
	s = mp_app_state_index(a[1]);
	if (s == AS_DRAFT || s == AS_SUBMITTED || s == AS_INELIGIBLE)
		return mp_err_field(e, MP_EINVAL, SC_APP,
		                    _("%s: the application is %s; only applications that passed the eligibility check are scored"),
		                    mp_field_label(&score_fields[SC_APP]), a[1]);
	ret = row_text(db, "SELECT round_id FROM round_criteria WHERE id = ?1",
	               ref_id(r->v[SC_CRITERION]), 0, 1, c, &found, e);
	if (ret != MP_OK)
		return ret;
	if (found && strcmp(c[0], a[0]) != 0)
		return mp_err_field(e, MP_EINVAL, SC_CRITERION,
		                    _("%s: not a criterion of the application's round"),
		                    mp_field_label(&score_fields[SC_CRITERION]));
	return mp_review_conflict(db, ref_id(r->v[SC_REVIEWER]), app, e);
}

/* One score a reviewer, criterion and application: the lookup behind the
 * unique index review_scores_live_one. */
static int score_clash(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	(void)cfg;
	ret = mp_db_cached(db, "SELECT id FROM review_scores WHERE deleted_at IS NULL"
	                   " AND app_id = ?1 AND reviewer_id = ?2 AND criterion_id = ?3"
	                   " AND id <> ?4 LIMIT 1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, ref_id(r->v[SC_APP]));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, ref_id(r->v[SC_REVIEWER]));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, ref_id(r->v[SC_CRITERION]));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 4, r->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int64_t other = sqlite3_column_int64(st, 0);

		ret = mp_err_field(e, MP_EDUP, SC_CRITERION,
		                   _("%s: this reviewer has scored this criterion of the application already; correct that score instead"),
		                   mp_field_label(&score_fields[SC_CRITERION]));
		if (e)
			e->other_id = other;
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

static const mp_index score_indexes[] = {
	{ "review_scores_live_one", "app_id, reviewer_id, criterion_id",
	  MP_I_UNIQUE | MP_I_LIVE, NULL },
};

/* "银龄互助 王教授 需求契合 85.5". */
static void score_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { SC_APP, SC_REVIEWER, SC_CRITERION, SC_SCORE };

	mp_describe_fields(db, r, buf, size, 4, fields);
}

const mp_table mp_review_scores = {
	.name = "review_scores",
	.title_en = N_("Review scores"),
	.unit_en = N_("score"),
	.fields = score_fields,
	.nfields = SC__COUNT,
	.sorts = score_sorts,
	.nsorts = sizeof score_sorts / sizeof score_sorts[0],
	.check = score_check,
	.warn = score_warn,
	.clash = score_clash,
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.indexes = score_indexes,
	.nindexes = sizeof score_indexes / sizeof score_indexes[0],
	.describe = score_describe,
};

/* ---- resident votes ---- */

static const mp_field vote_fields[VT__COUNT] = {
	[VT_APP] = { .col = "app_id", .label_zh = "项目", .label_en = N_("Application"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 18, .hint = N_("Enter: pick the application voted for"),
		.ref = &mp_applications },
	[VT_DATE] = { .col = "date", .label_zh = "投票日期", .label_en = N_("Vote date"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[VT_VOTES] = { .col = "votes", .label_zh = "票数", .label_en = N_("Votes"),
		.kind = MP_K_COUNT, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 7, .list_width = 6, .hint = N_("How many residents voted for it, a whole number") },
	[VT_OCCASION] = { .col = "occasion", .label_zh = "投票方式", .label_en = N_("Occasion"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST,
		.maxlen = 60, .list_width = 12,
		.hint = N_("e.g. 路演现场 at the pitch, or 线上投票") },
	[VT_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort vote_sorts[] = {
	{ N_("by date"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static int vote_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                      mp_err *e)
{
	char a[2][128];
	int found, ret;

	(void)cfg;
	ret = row_text(db, "SELECT r.name, ifnull(r.votes, '') FROM applications a"
	               " JOIN rounds r ON r.id = a.round_id WHERE a.id = ?1",
	               ref_id(r->v[VT_APP]), 0, 2, a, &found, e);
	if (ret != MP_OK || !found)
		return ret;
	if (strcmp(a[1], "是") != 0)
		return mp_err_field(e, MP_EINVAL, VT_APP,
		                    _("%s: the round %s has no resident votes (set 居民投票 to 是 in the round first)"),
		                    mp_field_label(&vote_fields[VT_APP]), a[0]);
	return MP_OK;
}

static void vote_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { VT_APP, VT_DATE, VT_VOTES };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

const mp_table mp_resident_votes = {
	.name = "resident_votes",
	.title_en = N_("Resident votes"),
	.unit_en = N_("vote"),
	.fields = vote_fields,
	.nfields = VT__COUNT,
	.sorts = vote_sorts,
	.nsorts = sizeof vote_sorts / sizeof vote_sorts[0],
	.check = vote_check,
	.tflags = MP_T_DECLARED,
	.describe = vote_describe,
};

/* ---- objections ---- */

static const mp_field objection_fields[OB__COUNT] = {
	[OB_APP] = { .col = "app_id", .label_zh = "公示项目", .label_en = N_("Project objected to"),
		.kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.list_width = 18, .hint = N_("Enter: pick the application published"),
		.ref = &mp_applications },
	[OB_DATE] = { .col = "date", .label_zh = "收到日期", .label_en = N_("Received on"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[OB_FROM] = { .col = "objector", .label_zh = "异议人", .label_en = N_("Objector"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 8, .hint = N_("Who objected (objections are made in their own name)") },
	[OB_CONTACT] = { .col = "contact", .label_zh = "联系方式", .label_en = N_("Contact"),
		.kind = MP_K_TEXT, .maxlen = 60, .hint = N_("How to reach them") },
	[OB_CONTENT] = { .col = "content", .label_zh = "异议内容", .label_en = N_("Objection"),
		.kind = MP_K_LONGTEXT, .flags = MP_F_REQUIRED,
		.maxlen = 1000, .hint = N_("What they object to, and on what facts") },
	[OB_OUTCOME] = { .col = "outcome", .label_zh = "处理结果", .label_en = N_("Outcome"),
		.kind = MP_K_CHOICE, .initial = MP_OBJECTION_OPEN, .choice = MP_CH_OBJECTION_OUTCOME,
		.flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 10, .hint = HINT_CHOICE },
	[OB_DONE_DATE] = { .col = "done_date", .label_zh = "办结日期", .label_en = N_("Settled on"),
		.kind = MP_K_DATE, .flags = MP_F_LIST | MP_F_NOFUTURE,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[OB_REPLY] = { .col = "reply", .label_zh = "处理情况", .label_en = N_("How it was settled"),
		.kind = MP_K_LONGTEXT, .maxlen = 1000,
		.hint = N_("What was checked and what the objector was told") },
};

static const mp_sort objection_sorts[] = {
	{ N_("by date"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

/* When application app went into public notice (its first move to 公示中),
 * and how many working days the notice runs; *found 0 when never. */
static int app_notice(mp_db *db, int64_t app, char from[11], int *days,
                      int *found, mp_err *e)
{
	char a[2][128];
	int ret;

	from[0] = '\0';
	*days = 0;
	ret = row_text(db, "SELECT s.date, ifnull(r.notice_days, '')"
	               " FROM app_states s JOIN applications a ON a.id = s.app_id"
	               " JOIN rounds r ON r.id = a.round_id"
	               " WHERE s.deleted_at IS NULL AND s.app_id = ?1 AND s.to_state = '公示中'"
	               " ORDER BY s.date, s.id LIMIT 1", app, 0, 2, a, found, e);
	if (ret != MP_OK || !*found)
		return ret;
	snprintf(from, 11, "%.10s", a[0]);
	*days = atoi(a[1]);
	if (*days <= 0)
		*days = 5;
	return MP_OK;
}

static int objection_check(mp_db *db, const mp_config *cfg,
                           const mp_record *r, mp_err *e)
{
	const mp_field *f = objection_fields;
	char *const *v = r->v;
	char from[11], start[11], end[11];
	mp_calendar *cal;
	int days, found, ret;

	ret = app_notice(db, ref_id(v[OB_APP]), from, &days, &found, e);
	if (ret != MP_OK)
		return ret;
	if (!found)
		return mp_err_field(e, MP_EINVAL, OB_APP,
		                    _("%s: the application has not been published (公示) yet"),
		                    mp_field_label(&f[OB_APP]));
	cal = mp_calendar_new(cfg);
	ret = mp_workdays_period(cal, from, days, start, end, e);
	mp_calendar_free(cal);
	if (ret != MP_OK)
		return ret;
	if (strcmp(v[OB_DATE], from) < 0)
		return mp_err_field(e, MP_EINVAL, OB_DATE,
		                    _("%s: %s is before the public notice began (%s)"),
		                    mp_field_label(&f[OB_DATE]), v[OB_DATE], from);
	if (strcmp(v[OB_DATE], end) > 0)
		return mp_err_field(e, MP_EINVAL, OB_DATE,
		                    _("%s: %s is after the public notice ended (%s); late objections are not taken"),
		                    mp_field_label(&f[OB_DATE]), v[OB_DATE], end);
	if (v[OB_DONE_DATE][0] && strcmp(v[OB_DONE_DATE], v[OB_DATE]) < 0)
		return mp_err_field(e, MP_EINVAL, OB_DONE_DATE, _("%s: %s is before it was received (%s)"),
		                    mp_field_label(&f[OB_DONE_DATE]), v[OB_DONE_DATE], v[OB_DATE]);
	if (strcmp(v[OB_OUTCOME], MP_OBJECTION_OPEN) != 0 && (!v[OB_DONE_DATE][0] || !v[OB_REPLY][0]))
		return mp_err_field(e, MP_EINVAL, v[OB_DONE_DATE][0] ? OB_REPLY : OB_DONE_DATE,
		                    _("%s: an objection settled as %s needs the date it was settled and how"),
		                    mp_field_label(&f[v[OB_DONE_DATE][0] ? OB_REPLY : OB_DONE_DATE]),
		                    v[OB_OUTCOME]);
	return MP_OK;
}

static void objection_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { OB_APP, OB_FROM, OB_DATE };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const mp_preset objection_presets[] = {
	{ N_("Objections not settled"), "outcome = '" MP_OBJECTION_OPEN "'" },
};

const mp_table mp_objections = {
	.name = "objections",
	.title_en = N_("Objections"),
	.unit_en = N_("objection"),
	.fields = objection_fields,
	.nfields = OB__COUNT,
	.sorts = objection_sorts,
	.nsorts = sizeof objection_sorts / sizeof objection_sorts[0],
	.check = objection_check,
	.presets = objection_presets,
	.npresets = sizeof objection_presets / sizeof objection_presets[0],
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.describe = objection_describe,
};

int mp_round_notice_period(mp_db *db, const mp_calendar *cal, int64_t round_id,
                           char start[11], char end[11], int *days, mp_err *e)
{
	char a[1][128], from[11];
	int found, ret;

	start[0] = end[0] = '\0';
	ret = row_text(db, "SELECT s.app_id FROM app_states s"
	               " JOIN applications a ON a.id = s.app_id"
	               " WHERE s.deleted_at IS NULL AND a.round_id = ?1 AND s.to_state = '公示中'"
	               " ORDER BY s.date, s.id LIMIT 1", round_id, 0, 1, a, &found, e);
	if (ret != MP_OK)
		return ret;
	if (!found)
		return mp_err_set(e, MP_ENOTFOUND, _("no application of the round has been published (公示) yet"));
	ret = app_notice(db, ref_id(a[0]), from, days, &found, e);
	if (ret == MP_OK)
		ret = mp_workdays_period(cal, from, *days, start, end, e);
	return ret;
}

/* 已评审: scored by at least one expert, and no expert's sheet half done
 * (mp_review.h). */
static int reviewed_guard(mp_db *db, const mp_config *cfg, const mp_record *app,
                          mp_record **offer, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	char reviewer[128] = "", criterion[128] = "", rid[24] = "", cid[24] = "";
	int rc, ret, any = 0, gap = 0;

	ret = mp_db_cached(db, "SELECT count(*) FROM review_scores"
	                   " WHERE deleted_at IS NULL AND app_id = ?1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, app->id);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		any = sqlite3_column_int(st, 0) > 0;
	else
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	if (ret != MP_OK)
		return ret;
	if (!any) {
		if (offer) {
			snprintf(rid, sizeof rid, "%lld", (long long)app->id);
			*offer = mp_record_new(&mp_review_scores, cfg);
			mp_record_set(*offer, SC_APP, rid);
		}
		/* TRANSLATORS: the refusal of 已评审 when no expert has scored it */
		return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_GUARD, "%s",
		                    _("Enter the experts' scores first"));
	}
	/* A reviewer who scored it, and a criterion of its round they have
	 * not scored. */
	ret = mp_db_cached(db, "SELECT r.id, r.name, c.id, c.criterion"
	                   " FROM reviewers r, round_criteria c, applications a"
	                   " WHERE a.id = ?1 AND c.round_id = a.round_id"
	                   " AND c.deleted_at IS NULL"
	                   " AND r.id IN (SELECT reviewer_id FROM review_scores"
	                   "  WHERE deleted_at IS NULL AND app_id = ?1)"
	                   " AND NOT EXISTS (SELECT 1 FROM review_scores s"
	                   "  WHERE s.deleted_at IS NULL AND s.app_id = ?1"
	                   "  AND s.reviewer_id = r.id AND s.criterion_id = c.id)"
	                   " ORDER BY r.id, c.id LIMIT 1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, app->id);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		gap = 1;
		snprintf(rid, sizeof rid, "%lld", (long long)sqlite3_column_int64(st, 0));
		snprintf(reviewer, sizeof reviewer, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(cid, sizeof cid, "%lld", (long long)sqlite3_column_int64(st, 2));
		snprintf(criterion, sizeof criterion, "%s", (const char *)sqlite3_column_text(st, 3));
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	if (ret != MP_OK || !gap)
		return ret;
	if (offer) {
		char aid[24];

		snprintf(aid, sizeof aid, "%lld", (long long)app->id);
		*offer = mp_record_new(&mp_review_scores, cfg);
		mp_record_set(*offer, SC_APP, aid);
		mp_record_set(*offer, SC_REVIEWER, rid);
		mp_record_set(*offer, SC_CRITERION, cid);
	}
	/* TRANSLATORS: 张敏还没有给“参与性”评分，先补上评分 */
	return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_GUARD,
	                    _("%s has not scored “%s” yet; enter the score first"),
	                    reviewer, criterion);
}

const mp_wf_guard mp_guard_reviewed = { .test = reviewed_guard };
