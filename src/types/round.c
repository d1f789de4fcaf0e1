/* round.c — 创投活动: a round of 公益创投 or 微创投, with its funding
 * sources (资金来源), review criteria with weights (评审指标) and tranche
 * plan (拨付计划); and the needs raised before it (需求征集).
 *
 * A round's sources never add up to more than its pool, its weights and
 * shares to more than 100%; the review and the payments (other files)
 * read the plan through mp_round_criteria_get and mp_round_tranches_get,
 * and wait for mp_round_plan_check to say it is whole. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_project_report.h"
#include "project_internal.h"

#define HINT_CHOICE N_("Enter: pick from the list")
#define HINT_DATE N_("YYYY-MM-DD, e.g. 2024-03-05")

const char *const mp_tranche_trigger_names[TT__COUNT + 1] = {
	"签订协议", "中期评估通过", "结项评估通过", NULL,
};

/* ---- shared small queries ---- */

int pj_int(mp_db *db, const char *sql, int64_t a, int64_t b, int64_t *out,
           mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*out = 0;
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, a);
	if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= 2)
		rc = sqlite3_bind_int64(st, 2, b);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

int64_t pj_fen(const char *v)
{
	int64_t fen = 0;

	if (!v || !*v || mp_money_parse(v, 1, &fen) != MP_PARSE_OK)
		return 0;
	return fen;
}

int64_t pj_pct(const char *v)
{
	int64_t h = 0;

	if (!v || !*v || mp_percent_parse(v, &h) != MP_PARSE_OK)
		return 0;
	return h;
}

const char *pj_money(int64_t fen, char *buf, size_t size)
{
	return mp_money_format(fen, 1, buf, size);
}

int64_t pj_id(const char *v)
{
	return v && *v ? strtoll(v, NULL, 10) : 0;
}

/* ---- rounds ---- */

static const mp_field round_fields[R__COUNT] = {
	[R_NAME] = { .col = "name", .label_zh = "活动名称", .label_en = N_("Round name"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 22,
		.hint = N_("e.g. 2026年第三届社区公益创投") },
	[R_KIND] = { .col = "kind", .label_zh = "类型", .label_en = N_("Round type"),
		.kind = MP_K_CHOICE, .initial = "公益创投", .choice = MP_CH_ROUND_KIND,
		.flags = MP_F_REQUIRED | MP_F_LIST | MP_F_FILTER, .list_width = 8,
		.hint = N_("Enter: 公益创投, or 微创投 (small grants, often with resident votes)") },
	[R_LEVEL] = { .col = "level", .label_zh = "层级", .label_en = N_("Level"),
		.kind = MP_K_CHOICE, .choice = MP_CH_ROUND_LEVEL,
		.flags = MP_F_LIST | MP_F_FILTER, .list_width = 4, .hint = HINT_CHOICE },
	[R_ORGANISER] = { .col = "organiser", .label_zh = "主办单位", .label_en = N_("Organiser"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH, .maxlen = 60,
		.hint = N_("Who calls the round: the civil affairs bureau, a hub organisation, a community") },
	[R_OPERATOR] = { .col = "operator", .label_zh = "运营机构", .label_en = N_("Operating agency"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH, .maxlen = 60,
		.hint = N_("The professional agency that runs the round") },
	[R_POOL] = { .col = "pool", .label_zh = "资金总额", .label_en = N_("Total pool"),
		.kind = MP_K_MONEY, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 20, .list_width = 12,
		.hint = N_("In yuan, e.g. 300000 or 30万") },
	[R_CAP] = { .col = "cap", .label_zh = "单项资助上限", .label_en = N_("Cap per project"),
		.kind = MP_K_MONEY, .flags = MP_F_LIST, .maxlen = 20, .list_width = 10,
		.hint = N_("The most one project may ask for, in yuan; empty: no cap") },
	[R_NEEDS_FROM] = { .col = "needs_from", .label_zh = "需求征集开始", .label_en = N_("Needs call opens"),
		.kind = MP_K_DATE, .maxlen = 10, .hint = HINT_DATE },
	[R_NEEDS_TO] = { .col = "needs_to", .label_zh = "需求征集截止", .label_en = N_("Needs call closes"),
		.kind = MP_K_DATE, .maxlen = 10, .hint = HINT_DATE },
	[R_APPLY_FROM] = { .col = "apply_from", .label_zh = "申报开始", .label_en = N_("Applications open"),
		.kind = MP_K_DATE, .maxlen = 10, .hint = HINT_DATE },
	[R_APPLY_TO] = { .col = "apply_to", .label_zh = "申报截止", .label_en = N_("Applications close"),
		.kind = MP_K_DATE, .flags = MP_F_LIST, .maxlen = 10, .list_width = 10,
		.hint = HINT_DATE },
	[R_PASS_MARK] = { .col = "pass_mark", .label_zh = "合格分", .label_en = N_("Pass mark"),
		.kind = MP_K_SCORE, .initial = "60", .maxlen = 5,
		.hint = N_("The weighted total an application needs, 0 to 100, e.g. 60") },
	[R_NOTICE_DAYS] = { .col = "notice_days", .label_zh = "公示期(工作日)", .label_en = N_("Public notice (working days)"),
		.kind = MP_K_COUNT, .initial = "5", .maxlen = 3,
		.hint = N_("How many working days the list of approved projects is posted, e.g. 5") },
	[R_VOTES] = { .col = "votes", .label_zh = "居民投票", .label_en = N_("Resident votes"),
		.kind = MP_K_CHOICE, .initial = "否", .choice = MP_CH_YESNO,
		.hint = N_("Enter: 是 when residents vote on the applications (微创投)") },
	[R_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("Anything else worth keeping") },
};

static const mp_sort round_sorts[] = {
	{ N_("by date added"), "id", 1 },
	{ N_("by name"), "name", 0 },
	{ N_("by application deadline"), "apply_to", 1 },
};

/* from and to, both given, must be in order. */
static int in_order(const mp_record *r, int from, int to, mp_err *e)
{
	const mp_field *f = r->t->fields;

	if (r->v[from][0] && r->v[to][0] && strcmp(r->v[from], r->v[to]) > 0)
		return mp_err_field(e, MP_EINVAL, to, _("%s: %s is before %s (%s)"),
		                    mp_field_label(&f[to]), r->v[to],
		                    mp_field_label(&f[from]), r->v[from]);
	return MP_OK;
}

static int round_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	const mp_field *f = round_fields;
	int64_t pool = pj_fen(r->v[R_POOL]), cap = pj_fen(r->v[R_CAP]);
	int64_t granted = 0, sources = 0;
	char a[32], b[32];
	int ret;

	(void)cfg;
	if (r->v[R_CAP][0] && cap > pool)
		return mp_err_field(e, MP_EINVAL, R_CAP,
		                    _("%s: %s yuan is more than the total pool (%s yuan)"),
		                    mp_field_label(&f[R_CAP]), pj_money(cap, a, sizeof a),
		                    pj_money(pool, b, sizeof b));
	if ((ret = in_order(r, R_NEEDS_FROM, R_NEEDS_TO, e)) != MP_OK
	    || (ret = in_order(r, R_APPLY_FROM, R_APPLY_TO, e)) != MP_OK
	    || (ret = in_order(r, R_NEEDS_FROM, R_APPLY_FROM, e)) != MP_OK)
		return ret;
	if (r->id <= 0)
		return MP_OK;
	/* A smaller pool may not leave approved projects without money, nor
	 * fall below the sources already entered. */
	ret = pj_int(db, "SELECT ifnull(sum(granted), 0) FROM applications"
	             " WHERE deleted_at IS NULL AND round_id = ?1 AND granted IS NOT NULL"
	             " AND state IN ('拟立项', '公示中', '已签协议', '实施中',"
	             " '已中期评估', '已结项评估', '已结项', '已终止')",
	             r->id, 0, &granted, e);
	if (ret != MP_OK)
		return ret;
	if (granted > pool)
		return mp_err_field(e, MP_EINVAL, R_POOL,
		                    _("%s: %s yuan is less than what approved projects were granted (%s yuan)"),
		                    mp_field_label(&f[R_POOL]), pj_money(pool, a, sizeof a),
		                    pj_money(granted, b, sizeof b));
	ret = pj_int(db, "SELECT ifnull(sum(amount), 0) FROM round_funds"
	             " WHERE deleted_at IS NULL AND round_id = ?1", r->id, 0, &sources, e);
	if (ret != MP_OK)
		return ret;
	if (sources > pool)
		return mp_err_field(e, MP_EINVAL, R_POOL,
		                    _("%s: %s yuan is less than its funding sources add up to (%s yuan)"),
		                    mp_field_label(&f[R_POOL]), pj_money(pool, a, sizeof a),
		                    pj_money(sources, b, sizeof b));
	return MP_OK;
}

static void round_summary(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	int64_t apps = 0, approved = 0, left = 0;
	char a[32];

	if (size > 0)
		buf[0] = '\0';
	if (r->id <= 0)
		return;
	if (pj_int(db, "SELECT count(*) FROM applications WHERE deleted_at IS NULL"
	           " AND round_id = ?1", r->id, 0, &apps, NULL) != MP_OK
	    || pj_int(db, "SELECT count(*) FROM applications WHERE deleted_at IS NULL"
	              " AND round_id = ?1 AND state IN ('拟立项', '公示中', '已签协议',"
	              " '实施中', '已中期评估', '已结项评估', '已结项', '已终止')",
	              r->id, 0, &approved, NULL) != MP_OK
	    || mp_round_pool_left(db, r->id, 0, &left, NULL) != MP_OK)
		return;
	snprintf(buf, size, _("Applications: %lld · approved: %lld · pool left: %s yuan"),
	         (long long)apps, (long long)approved, pj_money(left, a, sizeof a));
}

static const int round_dupkey[] = { R_NAME };

static const mp_findby round_findby[] = {
	{ R_NAME, NULL, MP_FIND_CELL },
};

static const mp_index round_indexes[] = {
	{ "rounds_live_unique_name", "name", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

static int round_clash(mp_db *db, const mp_config *cfg, const mp_record *r,
                       mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	(void)cfg;
	ret = mp_db_cached(db, "SELECT id FROM rounds WHERE deleted_at IS NULL"
	                   " AND name = ?1 AND id <> ?2", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_text(st, 1, r->v[R_NAME], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, r->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int64_t other = sqlite3_column_int64(st, 0);

		ret = mp_err_field(e, MP_EDUP, R_NAME, _("%s: a round named “%s” is already in the ledger"),
		                   mp_field_label(&round_fields[R_NAME]), r->v[R_NAME]);
		if (e)
			e->other_id = other;
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

static const mp_child round_children[] = {
	{ N_("Applications"), &mp_applications, A_ROUND },
	{ N_("Funding sources"), &mp_round_funds, RF_ROUND },
	{ N_("Review criteria"), &mp_round_criteria, RC_ROUND },
	{ N_("Tranche plan"), &mp_round_tranches, RT_ROUND },
	{ N_("Needs"), &mp_needs, N_ROUND },
};

const mp_table mp_rounds = {
	.name = "rounds",
	.title_en = N_("Funding rounds"),
	.unit_en = N_("funding round"),
	.fields = round_fields,
	.nfields = R__COUNT,
	.sorts = round_sorts,
	.nsorts = sizeof round_sorts / sizeof round_sorts[0],
	.check = round_check,
	.tflags = MP_T_DECLARED,
	.summary = round_summary,
	.report = mp_project_report,   /* branch projreport */
	.children = round_children,
	.nchildren = sizeof round_children / sizeof round_children[0],
	.clash = round_clash,
	.findby = round_findby,
	.nfindby = sizeof round_findby / sizeof round_findby[0],
	.dupkey = round_dupkey,
	.ndupkey = sizeof round_dupkey / sizeof round_dupkey[0],
	.indexes = round_indexes,
	.nindexes = sizeof round_indexes / sizeof round_indexes[0],
	/* branch review: the ranking screen from the round's form */
	.actions = MP_ACT_RANKING,
};

/* ---- a round's children ---- */

#define ROUND_REF(hint_en) \
	{ .col = "round_id", .label_zh = "创投活动", .label_en = N_("Funding round"), \
	  .kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 16, \
	  .hint = hint_en, .ref = &mp_rounds }

static const mp_field fund_fields[RF__COUNT] = {
	[RF_ROUND] = ROUND_REF(N_("Enter: pick the round")),
	[RF_SOURCE] = { .col = "source", .label_zh = "资金来源", .label_en = N_("Funding source"),
		.kind = MP_K_CHOICE, .choice = MP_CH_FUND_SOURCE,
		.flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 10, .hint = HINT_CHOICE },
	[RF_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = N_("Amount"),
		.kind = MP_K_MONEY, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 20, .list_width = 12, .hint = N_("In yuan, e.g. 100000 or 10万") },
	[RF_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 300, .hint = N_("Anything else worth keeping") },
};

static const mp_sort child_sorts[] = {
	{ N_("by date added"), "id", 0 },
};

/* The sum of a round's live rows of one of its child tables (sql: ?1 the
 * round, ?2 the row left out) plus this row's own value must stay within
 * limit. */
static int fund_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                      mp_err *e)
{
	int64_t others = 0, pool = 0, amount = pj_fen(r->v[RF_AMOUNT]);
	char a[32], b[32];
	int ret;

	(void)cfg;
	ret = pj_int(db, "SELECT ifnull(sum(amount), 0) FROM round_funds WHERE deleted_at IS NULL"
	             " AND round_id = ?1 AND id <> ?2", pj_id(r->v[RF_ROUND]), r->id, &others, e);
	if (ret == MP_OK)
		ret = pj_int(db, "SELECT pool FROM rounds WHERE id = ?1",
		             pj_id(r->v[RF_ROUND]), 0, &pool, e);
	if (ret != MP_OK)
		return ret;
	if (others + amount > pool)
		return mp_err_field(e, MP_EINVAL, RF_AMOUNT,
		                    _("%s: the round's funding sources would add up to %s yuan, more than its total pool (%s yuan)"),
		                    mp_field_label(&fund_fields[RF_AMOUNT]),
		                    pj_money(others + amount, a, sizeof a), pj_money(pool, b, sizeof b));
	return MP_OK;
}

static void fund_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { RF_SOURCE, RF_AMOUNT, RF_ROUND };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const int fund_dupkey[] = { RF_ROUND, RF_SOURCE, RF_AMOUNT };

const mp_table mp_round_funds = {
	.name = "round_funds",
	.title_en = N_("Funding sources"),
	.unit_en = N_("funding source"),
	.fields = fund_fields,
	.nfields = RF__COUNT,
	.sorts = child_sorts,
	.nsorts = 1,
	.check = fund_check,
	.tflags = MP_T_DECLARED,
	.dupkey = fund_dupkey,
	.ndupkey = 3,
	.describe = fund_describe,
};

static const mp_field criterion_fields[RC__COUNT] = {
	[RC_ROUND] = ROUND_REF(N_("Enter: pick the round")),
	[RC_CRITERION] = { .col = "criterion", .label_zh = "评审指标", .label_en = N_("Criterion"),
		.kind = MP_K_CHOICE, .choice = MP_CH_CRITERION,
		.flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 10,
		.hint = N_("Enter: pick what the experts score (the list is a setting)") },
	[RC_WEIGHT] = { .col = "weight", .label_zh = "权重", .label_en = N_("Weight"),
		.kind = MP_K_PERCENT, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 6, .list_width = 6,
		.hint = N_("Its share of the total, e.g. 30 for 30%; a round's weights add up to 100") },
	[RC_NOTES] = { .col = "notes", .label_zh = "评分说明", .label_en = N_("Scoring notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 300,
		.hint = N_("What earns a high score, for the experts") },
};

static int share_sum_check(mp_db *db, const mp_record *r, const char *sql,
                           int round_field, int share_field, mp_err *e)
{
	int64_t others = 0, mine = pj_pct(r->v[share_field]);
	char a[16];
	int ret;

	if (mine <= 0)
		return mp_err_field(e, MP_EINVAL, share_field, _("%s: must be above 0"),
		                    mp_field_label(&r->t->fields[share_field]));
	ret = pj_int(db, sql, pj_id(r->v[round_field]), r->id, &others, e);
	if (ret != MP_OK)
		return ret;
	if (others + mine > 10000)
		return mp_err_field(e, MP_EINVAL, share_field,
		                    _("%s: the round's would add up to %s%%, more than 100%%"),
		                    mp_field_label(&r->t->fields[share_field]),
		                    mp_decimal_format(others + mine, 2, a, sizeof a));
	return MP_OK;
}

static int criterion_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                           mp_err *e)
{
	int64_t other = 0;
	int ret;
	sqlite3_stmt *st = NULL;
	int rc;

	(void)cfg;
	ret = mp_db_cached(db, "SELECT id FROM round_criteria WHERE deleted_at IS NULL"
	                   " AND round_id = ?1 AND criterion = ?2 AND id <> ?3", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, pj_id(r->v[RC_ROUND]));
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, r->v[RC_CRITERION], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, r->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		other = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	if (ret != MP_OK)
		return ret;
	if (other) {
		mp_err_field(e, MP_EDUP, RC_CRITERION, _("%s: “%s” is already a criterion of this round"),
		             mp_field_label(&criterion_fields[RC_CRITERION]), r->v[RC_CRITERION]);
		if (e)
			e->other_id = other;
		return MP_EDUP;
	}
	return share_sum_check(db, r, "SELECT ifnull(sum(weight), 0) FROM round_criteria"
	                       " WHERE deleted_at IS NULL AND round_id = ?1 AND id <> ?2",
	                       RC_ROUND, RC_WEIGHT, e);
}

static void criterion_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { RC_CRITERION, RC_WEIGHT, RC_ROUND };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const mp_index criterion_indexes[] = {
	{ "round_criteria_live_unique", "round_id, criterion", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

const mp_table mp_round_criteria = {
	.name = "round_criteria",
	.title_en = N_("Review criteria"),
	.unit_en = N_("review criterion"),
	.fields = criterion_fields,
	.nfields = RC__COUNT,
	.sorts = child_sorts,
	.nsorts = 1,
	.check = criterion_check,
	.tflags = MP_T_DECLARED,
	.indexes = criterion_indexes,
	.nindexes = 1,
	.describe = criterion_describe,
};

static const mp_field tranche_fields[RT__COUNT] = {
	[RT_ROUND] = ROUND_REF(N_("Enter: pick the round")),
	[RT_SEQ] = { .col = "seq", .label_zh = "期次", .label_en = N_("Tranche"),
		.kind = MP_K_COUNT, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 2, .list_width = 4, .hint = N_("1 for the first payment, 2 for the next …") },
	[RT_SHARE] = { .col = "share", .label_zh = "拨付比例", .label_en = N_("Share of the grant"),
		.kind = MP_K_PERCENT, .flags = MP_F_REQUIRED | MP_F_LIST,
		.maxlen = 6, .list_width = 6,
		.hint = N_("Its share of the grant, e.g. 60 for 60%; a round's shares add up to 100") },
	[RT_TRIGGER] = { .col = "trigger_on", .label_zh = "拨付条件", .label_en = N_("Paid once"),
		.kind = MP_K_CHOICE, .choice = MP_CH_TRANCHE_TRIGGER,
		.flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 12,
		.hint = N_("Enter: what must happen before it is paid") },
};

static int trigger_index(const char *name)
{
	for (int i = 0; i < TT__COUNT; i++)
		if (strcmp(mp_tranche_trigger_names[i], name) == 0)
			return i;
	return -1;
}

static int tranche_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                         mp_err *e)
{
	int64_t round = pj_id(r->v[RT_ROUND]), seq = atoll(r->v[RT_SEQ]);
	int64_t other = 0, before = -1, after = TT__COUNT;
	mp_tranche_plan plan[16];
	int n = 0, ret, mine = trigger_index(r->v[RT_TRIGGER]);

	(void)cfg;
	if (seq < 1)
		return mp_err_field(e, MP_EINVAL, RT_SEQ, _("%s: must be 1 or more"),
		                    mp_field_label(&tranche_fields[RT_SEQ]));
	ret = pj_int(db, "SELECT id FROM round_tranches WHERE deleted_at IS NULL"
	             " AND round_id = ?1 AND seq = ?2", round, seq, &other, e);
	if (ret != MP_OK)
		return ret;
	if (other && other != r->id) {
		mp_err_field(e, MP_EDUP, RT_SEQ, _("%s: this round has a tranche %lld already"),
		             mp_field_label(&tranche_fields[RT_SEQ]), (long long)seq);
		if (e)
			e->other_id = other;
		return MP_EDUP;
	}
	/* A later tranche waits for a later (or the same) event. */
	ret = mp_round_tranches_get(db, round, plan, 16, &n, e);
	if (ret != MP_OK)
		return ret;
	for (int i = 0; i < n; i++) {
		if (plan[i].id == r->id)
			continue;
		if (plan[i].seq < seq && plan[i].trigger > before)
			before = plan[i].trigger;
		if (plan[i].seq > seq && plan[i].trigger < after)
			after = plan[i].trigger;
	}
	if (mine < before || mine > after)
		return mp_err_field(e, MP_EINVAL, RT_TRIGGER,
		                    _("%s: tranche %lld cannot wait for “%s” when an earlier tranche waits for a later event or a later one for an earlier event"),
		                    mp_field_label(&tranche_fields[RT_TRIGGER]), (long long)seq,
		                    r->v[RT_TRIGGER]);
	return share_sum_check(db, r, "SELECT ifnull(sum(share), 0) FROM round_tranches"
	                       " WHERE deleted_at IS NULL AND round_id = ?1 AND id <> ?2",
	                       RT_ROUND, RT_SHARE, e);
}

static void tranche_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { RT_ROUND, RT_SEQ, RT_SHARE };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const mp_index tranche_indexes[] = {
	{ "round_tranches_live_unique", "round_id, seq", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

static const mp_sort tranche_sorts[] = {
	{ N_("by tranche"), "seq", 0 },
};

const mp_table mp_round_tranches = {
	.name = "round_tranches",
	.title_en = N_("Tranche plans"),
	.unit_en = N_("planned tranche"),
	.fields = tranche_fields,
	.nfields = RT__COUNT,
	.sorts = tranche_sorts,
	.nsorts = 1,
	.check = tranche_check,
	.tflags = MP_T_DECLARED,
	.indexes = tranche_indexes,
	.nindexes = 1,
	.describe = tranche_describe,
};

/* ---- the plan, read by the review and the payments ---- */

int mp_round_criteria_get(mp_db *db, int64_t round_id, mp_criterion *out,
                          int max, int *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*n = 0;
	ret = mp_db_cached(db, "SELECT id, criterion, ifnull(weight, 0) FROM round_criteria"
	                   " WHERE deleted_at IS NULL AND round_id = ?1 ORDER BY id", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, round_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 1);

		if (*n < max) {
			out[*n].id = sqlite3_column_int64(st, 0);
			snprintf(out[*n].name, sizeof out[*n].name, "%s", s ? s : "");
			out[*n].weight = sqlite3_column_int64(st, 2);
			(*n)++;
		}
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

int mp_round_tranches_get(mp_db *db, int64_t round_id, mp_tranche_plan *out,
                          int max, int *n, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*n = 0;
	ret = mp_db_cached(db, "SELECT id, seq, ifnull(share, 0), trigger_on FROM round_tranches"
	                   " WHERE deleted_at IS NULL AND round_id = ?1 ORDER BY seq", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, round_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 3);

		if (*n < max) {
			out[*n].id = sqlite3_column_int64(st, 0);
			out[*n].seq = (int)sqlite3_column_int64(st, 1);
			out[*n].share = sqlite3_column_int64(st, 2);
			out[*n].trigger = trigger_index(s ? s : "");
			(*n)++;
		}
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

int64_t mp_tranche_amount(int64_t granted, int64_t share, int last,
                          int64_t paid_before)
{
	/* Whole fen, rounded down; the last takes the remainder so that the
	 * tranches add up to the grant to the fen. */
	if (last)
		return granted - paid_before;
	return granted * share / 10000;
}

int mp_round_plan_check(mp_db *db, int64_t round_id, mp_err *e)
{
	int64_t w = 0, s = 0;
	char a[16];
	int ret;

	ret = pj_int(db, "SELECT ifnull(sum(weight), 0) FROM round_criteria"
	             " WHERE deleted_at IS NULL AND round_id = ?1", round_id, 0, &w, e);
	if (ret == MP_OK)
		ret = pj_int(db, "SELECT ifnull(sum(share), 0) FROM round_tranches"
		             " WHERE deleted_at IS NULL AND round_id = ?1", round_id, 0, &s, e);
	if (ret != MP_OK)
		return ret;
	if (w != 10000)
		return mp_err_set(e, MP_EINVAL, _("The round's review criteria weigh %s%% in all; they must add up to 100%%"),
		                  mp_decimal_format(w, 2, a, sizeof a));
	if (s != 10000)
		return mp_err_set(e, MP_EINVAL, _("The round's tranches pay %s%% of the grant in all; they must add up to 100%%"),
		                  mp_decimal_format(s, 2, a, sizeof a));
	return MP_OK;
}

/* ---- needs (需求征集) ---- */

static const mp_field need_fields[N__COUNT] = {
	[N_TITLE] = { .col = "title", .label_zh = "需求", .label_en = N_("Need"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 20,
		.hint = N_("What residents or the community need, in a line") },
	[N_ROUND] = { .col = "round_id", .label_zh = "创投活动", .label_en = N_("Funding round"),
		.kind = MP_K_REF, .flags = MP_F_LIST, .list_width = 14,
		.hint = N_("Enter: the round whose needs call it answered"), .ref = &mp_rounds },
	[N_COMMUNITY] = { .col = "community", .label_zh = "所属社区(村)", .label_en = N_("Community"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH | MP_F_FILTER,
		.maxlen = 30, .list_width = 8, .hint = N_("Where the need is") },
	[N_RAISED_BY] = { .col = "raised_by", .label_zh = "提出人", .label_en = N_("Raised by"),
		.kind = MP_K_TEXT, .flags = MP_F_SEARCH, .maxlen = 60,
		.hint = N_("The resident, community or group who raised it") },
	[N_DATE] = { .col = "date", .label_zh = "提出日期", .label_en = N_("Raised on"),
		.kind = MP_K_DATE, .flags = MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = HINT_DATE },
	[N_CATEGORY] = { .col = "category", .label_zh = "项目领域", .label_en = N_("Project category"),
		.kind = MP_K_CHOICE, .choice = MP_CH_PROJECT_CATEGORY, .flags = MP_F_FILTER,
		.hint = HINT_CHOICE },
	[N_PEOPLE] = { .col = "people", .label_zh = "涉及人数", .label_en = N_("People concerned"),
		.kind = MP_K_COUNT, .maxlen = 7, .hint = N_("About how many people it concerns") },
	[N_DETAIL] = { .col = "detail", .label_zh = "需求描述", .label_en = N_("Description"),
		.kind = MP_K_LONGTEXT, .maxlen = 500, .hint = N_("The need in the residents' words") },
};

static const mp_sort need_sorts[] = {
	{ N_("by date added"), "id", 1 },
	{ N_("by date raised"), "date", 1 },
};

static int need_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                      mp_err *e)
{
	char from[16] = "", to[16] = "";
	sqlite3_stmt *st = NULL;
	int rc, ret;

	(void)cfg;
	if (!r->v[N_ROUND][0] || !r->v[N_DATE][0])
		return MP_OK;
	/* A need raised for a round falls within its needs call. */
	ret = mp_db_cached(db, "SELECT ifnull(needs_from, ''), ifnull(needs_to, '')"
	                   " FROM rounds WHERE id = ?1", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, pj_id(r->v[N_ROUND]));
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(from, sizeof from, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(to, sizeof to, "%s", (const char *)sqlite3_column_text(st, 1));
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	if (ret != MP_OK)
		return ret;
	if ((from[0] && strcmp(r->v[N_DATE], from) < 0) || (to[0] && strcmp(r->v[N_DATE], to) > 0))
		return mp_err_field(e, MP_EINVAL, N_DATE,
		                    _("%s: %s is outside the round's needs call (%s to %s)"),
		                    mp_field_label(&need_fields[N_DATE]), r->v[N_DATE],
		                    from[0] ? from : "…", to[0] ? to : "…");
	return MP_OK;
}

static const int need_dupkey[] = { N_TITLE, N_COMMUNITY };

static const mp_findby need_findby[] = {
	{ N_TITLE, NULL, MP_FIND_CELL },
};

const mp_table mp_needs = {
	.name = "needs",
	.title_en = N_("Needs"),
	.unit_en = N_("need"),
	.fields = need_fields,
	.nfields = N__COUNT,
	.sorts = need_sorts,
	.nsorts = sizeof need_sorts / sizeof need_sorts[0],
	.check = need_check,
	.tflags = MP_T_DECLARED,
	.findby = need_findby,
	.nfindby = 1,
	.dupkey = need_dupkey,
	.ndupkey = 2,
};
