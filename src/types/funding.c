/* funding.c — a funded project's money: what each tranche of the round's
 * plan makes due, when it may be paid, what may be reclaimed.
 *
 * Money is whole fen throughout; the split of a grant into tranches
 * rounds each share down and gives the last tranche the rest, so the
 * tranches always add up to the grant to the fen (the last tranche is
 * the 尾款 the field keeps back until the project is closed anyway). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funding_internal.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_text.h"

/* 100% in hundredths of a percent (MP_K_PERCENT's unit). */
#define ALL_SHARES 10000

static const char *const trigger_words[MP_TRIG__COUNT] = {
	[MP_TRIG_AGREEMENT] = "签订协议",
	[MP_TRIG_MIDTERM] = "中期评估通过",
	[MP_TRIG_CLOSING] = "结项评估通过",
};

static const char *const trigger_labels[MP_TRIG__COUNT] = {
	[MP_TRIG_AGREEMENT] = N_("agreement signed"),
	[MP_TRIG_MIDTERM] = N_("mid-term evaluation passed"),
	[MP_TRIG_CLOSING] = N_("closing evaluation passed"),
};

const char *mp_trigger_word(enum mp_trigger t)
{
	return t >= 0 && t < MP_TRIG__COUNT ? trigger_words[t] : "";
}

const char *mp_trigger_label(enum mp_trigger t)
{
	return t >= 0 && t < MP_TRIG__COUNT ? _(trigger_labels[t]) : "";
}

int mp_trigger_parse(const char *s)
{
	/* Short forms people write in a plan's cell. */
	static const struct { const char *word; enum mp_trigger t; } shortf[] = {
		{ "协议", MP_TRIG_AGREEMENT }, { "签约", MP_TRIG_AGREEMENT },
		{ "协议签订", MP_TRIG_AGREEMENT }, { "agreement", MP_TRIG_AGREEMENT },
		{ "中期", MP_TRIG_MIDTERM }, { "中期评估", MP_TRIG_MIDTERM },
		{ "midterm", MP_TRIG_MIDTERM }, { "mid-term", MP_TRIG_MIDTERM },
		{ "结项", MP_TRIG_CLOSING }, { "结项评估", MP_TRIG_CLOSING },
		{ "closing", MP_TRIG_CLOSING },
	};
	size_t i;

	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	for (i = 0; i < MP_TRIG__COUNT; i++)
		if (!strcmp(s, trigger_words[i]) || !strcmp(s, trigger_labels[i]) ||
		    !strcmp(s, _(trigger_labels[i])))
			return (int)i;
	for (i = 0; i < sizeof shortf / sizeof shortf[0]; i++)
		if (!strcmp(s, shortf[i].word))
			return (int)shortf[i].t;
	return -1;
}

static void set_since(char since[11], const char *date)
{
	if (since)
		snprintf(since, 11, "%s", date);
}

enum mp_tranche_state mp_tranche_state(enum mp_trigger t,
                                       const mp_project_facts *f,
                                       char since[11])
{
	set_since(since, "");
	if (!f->agreement_date[0])
		return MP_TS_WAITING;   /* nothing is paid before an agreement */
	if (t == MP_TRIG_AGREEMENT) {
		set_since(since, f->agreement_date);
		return MP_TS_READY;
	}
	/* Whatever comes after the agreement waits for a mid-term that
	 * failed to be evaluated again and pass. */
	if (f->midterm == MP_EV_FAIL)
		return MP_TS_HELD;
	if (t == MP_TRIG_MIDTERM) {
		if (f->midterm != MP_EV_PASS)
			return MP_TS_WAITING;
		set_since(since, f->midterm_date);
		return MP_TS_READY;
	}
	if (f->closing == MP_EV_FAIL)
		return MP_TS_HELD;
	if (f->closing != MP_EV_PASS)
		return MP_TS_WAITING;
	set_since(since, f->closing_date);
	return MP_TS_READY;
}

int mp_tranche_split(int64_t granted, const int64_t *shares, int n,
                     int64_t *due, mp_err *e)
{
	int64_t sum = 0, given = 0;
	int i;

	if (n <= 0)
		return mp_err_set(e, MP_EINVAL, _("the round has no tranche plan"));
	if (granted < 0 || granted > MP_MONEY_MAX)
		return mp_err_set(e, MP_EINVAL, _("the amount granted is out of range"));
	for (i = 0; i < n; i++) {
		char pct[16];

		if (shares[i] <= 0 || shares[i] > ALL_SHARES) {
			mp_decimal_format(shares[i], 2, pct, sizeof pct);
			return mp_err_set(e, MP_EINVAL,
			                  _("tranche %d's share %s%% is not above 0%% and at most 100%%"),
			                  i + 1, pct);
		}
		sum += shares[i];
	}
	if (sum != ALL_SHARES) {
		char pct[16];

		mp_decimal_format(sum, 2, pct, sizeof pct);
		return mp_err_set(e, MP_EINVAL,
		                  _("the tranches' shares add up to %s%%, not 100%%"), pct);
	}
	/* granted <= MP_MONEY_MAX (1e12) times a share <= 1e4: below 2^63. */
	for (i = 0; i < n - 1; i++) {
		due[i] = granted * shares[i] / ALL_SHARES;
		given += due[i];
	}
	due[n - 1] = granted - given;
	return MP_OK;
}

int mp_payment_check(int tranche, enum mp_trigger t, const mp_project_facts *f,
                     int64_t due, int64_t paid, int64_t amount,
                     const char *date, int field_amount, int field_date,
                     mp_err *e)
{
	char since[11], a[24], d[24], p[24], left[24];

	switch (mp_tranche_state(t, f, since)) {
	case MP_TS_WAITING:
		return mp_err_field(e, MP_EINVAL, field_amount,
		                    _("Tranche %d cannot be paid yet: its trigger “%s” has not happened"),
		                    tranche, mp_trigger_label(t));
	case MP_TS_HELD:
		if (t == MP_TRIG_CLOSING && f->midterm != MP_EV_FAIL)
			return mp_err_field(e, MP_EINVAL, field_amount,
			                    _("Tranche %d is held: the closing evaluation of %s did not pass"),
			                    tranche, f->closing_date);
		return mp_err_field(e, MP_EINVAL, field_amount,
		                    _("Tranche %d is held: the mid-term evaluation of %s did not pass"),
		                    tranche, f->midterm_date);
	case MP_TS_READY:
		break;
	}
	if (date && date[0] && since[0] && strcmp(date, since) < 0)
		return mp_err_field(e, MP_EINVAL, field_date,
		                    _("Payment date: %s is before tranche %d's trigger “%s” happened on %s"),
		                    date, tranche, mp_trigger_label(t), since);
	if (amount <= 0)
		return mp_err_field(e, MP_EINVAL, field_amount,
		                    _("Amount: a payment is more than 0"));
	if (amount > due - paid) {
		mp_money_format(amount, 1, a, sizeof a);
		mp_money_format(due, 1, d, sizeof d);
		mp_money_format(paid, 1, p, sizeof p);
		mp_money_format(due - paid > 0 ? due - paid : 0, 1, left, sizeof left);
		return mp_err_field(e, MP_EINVAL, field_amount,
		                    _("Amount: %s is more than the %s still due on tranche %d (%s due, %s paid)"),
		                    a, left, tranche, d, p);
	}
	return MP_OK;
}

int mp_reclaim_check(int64_t paid, int64_t reclaimed, int64_t amount,
                     int field, mp_err *e)
{
	char a[24], left[24];

	if (amount <= 0)
		return mp_err_field(e, MP_EINVAL, field,
		                    _("Amount: an amount reclaimed is more than 0"));
	if (amount > paid - reclaimed) {
		mp_money_format(amount, 1, a, sizeof a);
		mp_money_format(paid - reclaimed > 0 ? paid - reclaimed : 0, 1,
		                left, sizeof left);
		return mp_err_field(e, MP_EINVAL, field,
		                    _("Amount: %s is more than the %s paid and not yet reclaimed"),
		                    a, left);
	}
	return MP_OK;
}

int64_t mp_weighted_total(const int64_t *tenths, const int64_t *weights,
                          int n)
{
	int64_t num = 0, den = 0;
	int i;

	/* Scores are at most 1000 tenths and weights at most 10,000
	 * hundredths: no overflow for any number of criteria a round has. */
	for (i = 0; i < n; i++) {
		num += tenths[i] * weights[i];
		den += weights[i];
	}
	if (den <= 0)
		return 0;
	return (2 * num + den) / (2 * den);
}

/* ==== the record types ==== */

/* ---- small queries (funding_internal.h) ---- */

static int bind_args(sqlite3_stmt *st, int64_t a, const char *s, int64_t c)
{
	int np = sqlite3_bind_parameter_count(st);
	int rc = sqlite3_bind_int64(st, 1, a);

	if (rc == SQLITE_OK && np >= 2)
		rc = sqlite3_bind_text(st, 2, s ? s : "", -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK && np >= 3)
		rc = sqlite3_bind_int64(st, 3, c);
	return rc;
}

int fd_int(mp_db *db, const char *sql, int64_t a, const char *s, int64_t c,
           int64_t *out, int *found, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*out = 0;
	if (found)
		*found = 0;
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = bind_args(st, a, s, c);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		if (found)
			*found = 1;
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

int fd_text(mp_db *db, const char *sql, int64_t a, const char *s, int64_t c,
            char *buf, size_t size, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	buf[0] = '\0';
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = bind_args(st, a, s, c);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		snprintf(buf, size, "%s", t ? t : "");
	} else if (rc != SQLITE_DONE) {
		ret = mp_db_fail(db, rc, e);
	}
	mp_db_done(db, st);
	return ret;
}

int64_t fd_fen(const char *v)
{
	int64_t fen = 0;

	if (!v || !*v || mp_money_parse(v, 1, &fen) != MP_PARSE_OK)
		return 0;
	return fen;
}

int64_t fd_tenths(const char *v)
{
	int64_t t = 0;

	if (!v || !*v || mp_score_parse(v, &t) != MP_PARSE_OK)
		return 0;
	return t;
}

int64_t fd_id(const char *v)
{
	return v && *v ? strtoll(v, NULL, 10) : 0;
}

int fd_project_get(mp_db *db, int64_t app_id, fd_project *p, int field,
                   mp_err *e)
{
	mp_record *r = NULL;
	int ret;

	memset(p, 0, sizeof *p);
	ret = mp_record_load(db, &mp_applications, app_id, &r, e);
	if (ret == MP_OK && r->deleted[0])
		ret = MP_ENOTFOUND;
	if (ret == MP_ENOTFOUND) {
		mp_record_free(r);
		return mp_err_field(e, MP_EINVAL, field, _("Project: no such project"));
	}
	if (ret != MP_OK)
		return ret;
	p->id = app_id;
	p->round = fd_id(r->v[A_ROUND]);
	p->state = mp_app_state_index(r->v[A_STATE]);
	p->granted = fd_fen(r->v[A_GRANTED]);
	snprintf(p->name, sizeof p->name, "%s", r->v[A_NAME]);
	mp_record_free(r);
	return MP_OK;
}

int fd_agreement_of(mp_db *db, int64_t app_id, int64_t *id, char date[11],
                    mp_err *e)
{
	int ret;

	date[0] = '\0';
	ret = fd_int(db, "SELECT id FROM agreements WHERE deleted_at IS NULL"
	             " AND app_id = ?1 ORDER BY id LIMIT 1", app_id, NULL, 0, id,
	             NULL, e);
	if (ret == MP_OK && *id)
		ret = fd_text(db, "SELECT date FROM agreements WHERE id = ?1", *id,
		              NULL, 0, date, 11, e);
	return ret;
}

int fd_after_agreement(mp_db *db, int64_t app_id, const char *date,
                       int field_app, int field_date, const char *label,
                       mp_err *e)
{
	char signed_on[11];
	int64_t ag;
	int ret = fd_agreement_of(db, app_id, &ag, signed_on, e);

	if (ret != MP_OK)
		return ret;
	if (!ag)
		return mp_err_field(e, MP_EINVAL, field_app,
		                    _("Project: no agreement has been signed for it yet"));
	if (date && date[0] && strcmp(date, signed_on) < 0)
		return mp_err_field(e, MP_EINVAL, field_date,
		                    _("%s: %s is before the agreement was signed on %s"),
		                    label, date, signed_on);
	return MP_OK;
}

/* ---- what a project has had ---- */

/* The latest evaluation of kind (date, then id) that has a result, and
 * that result: one entered but not scored yet changes nothing. */
static int latest_eval(mp_db *db, int64_t app_id, const char *kind,
                       enum mp_eval_result *res, char date[11], mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t ids[16];
	int n = 0, i, rc, ret;

	*res = MP_EV_NONE;
	date[0] = '\0';
	ret = mp_db_cached(db, "SELECT id FROM evaluations WHERE deleted_at IS NULL"
	                   " AND app_id = ?1 AND kind = ?2 ORDER BY date DESC, id DESC"
	                   " LIMIT 16", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, app_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids[n++] = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	for (i = 0; ret == MP_OK && i < n; i++) {
		mp_eval_outcome o;

		ret = mp_evaluation_outcome(db, ids[i], &o, e);
		if (ret != MP_OK || o.result == MP_EV_NONE)
			continue;
		*res = o.result;
		return fd_text(db, "SELECT date FROM evaluations WHERE id = ?1", ids[i],
		               NULL, 0, date, 11, e);
	}
	return ret;
}

int mp_project_facts_get(mp_db *db, int64_t app_id, mp_project_facts *f,
                         mp_err *e)
{
	int64_t ag;
	int ret;

	memset(f, 0, sizeof *f);
	ret = fd_agreement_of(db, app_id, &ag, f->agreement_date, e);
	if (ret == MP_OK)
		ret = latest_eval(db, app_id, MP_EVAL_MIDTERM, &f->midterm,
		                  f->midterm_date, e);
	if (ret == MP_OK)
		ret = latest_eval(db, app_id, MP_EVAL_CLOSING, &f->closing,
		                  f->closing_date, e);
	return ret;
}

_Static_assert((int)TT_AGREEMENT == (int)MP_TRIG_AGREEMENT &&
               (int)TT_MIDTERM == (int)MP_TRIG_MIDTERM &&
               (int)TT_CLOSING == (int)MP_TRIG_CLOSING &&
               (int)TT__COUNT == (int)MP_TRIG__COUNT,
               "the round's triggers are the payments' triggers");

/* What was paid on tranche seq of project app_id, payment except_id (0:
 * none) left out. */
static int paid_on(mp_db *db, int64_t app_id, int seq, int64_t except_id,
                   int64_t *fen, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	*fen = 0;
	ret = mp_db_cached(db, "SELECT sum(amount) FROM payments WHERE deleted_at IS NULL"
	                   " AND app_id = ?1 AND tranche = ?2 AND id <> ?3", &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, app_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 2, seq);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, except_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*fen = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

/* The project's tranches: plan, amounts, what was paid on each except
 * payment except_id. */
static int tranches(mp_db *db, const fd_project *p, int64_t except_id,
                    mp_tranche *out, int max, int *n, mp_err *e)
{
	mp_tranche_plan plan[MP_MAX_TRANCHES];
	int64_t shares[MP_MAX_TRANCHES], due[MP_MAX_TRANCHES], ag = 0, granted = 0;
	mp_project_facts f;
	int np = 0, i, ret;

	*n = 0;
	ret = mp_round_tranches_get(db, p->round, plan, MP_MAX_TRANCHES, &np, e);
	if (ret == MP_OK)
		ret = mp_project_facts_get(db, p->id, &f, e);
	if (ret == MP_OK)
		ret = fd_int(db, "SELECT id FROM agreements WHERE deleted_at IS NULL"
		             " AND app_id = ?1 ORDER BY id LIMIT 1", p->id, NULL, 0,
		             &ag, NULL, e);
	if (ret == MP_OK && ag)
		ret = fd_int(db, "SELECT granted FROM agreements WHERE id = ?1", ag,
		             NULL, 0, &granted, NULL, e);
	if (ret != MP_OK)
		return ret;
	if (np > max)
		np = max;
	for (i = 0; i < np; i++)
		shares[i] = plan[i].share;
	if (np > 0 && ag) {
		ret = mp_tranche_split(granted, shares, np, due, e);
		if (ret != MP_OK)
			return ret;
	} else {
		memset(due, 0, sizeof due);
	}
	for (i = 0; i < np; i++) {
		mp_tranche *t = &out[i];

		memset(t, 0, sizeof *t);
		t->seq = plan[i].seq;
		t->trigger = (enum mp_trigger)plan[i].trigger;
		t->share = plan[i].share;
		t->due = due[i];
		t->state = mp_tranche_state(t->trigger, &f, t->since);
		ret = paid_on(db, p->id, t->seq, except_id, &t->paid, e);
		if (ret != MP_OK)
			return ret;
	}
	*n = np;
	return MP_OK;
}

int mp_project_tranches(mp_db *db, int64_t app_id, mp_tranche *out, int max,
                        int *n, mp_err *e)
{
	fd_project p;
	int ret = fd_project_get(db, app_id, &p, -1, e);

	*n = 0;
	if (ret != MP_OK)
		return ret;
	return tranches(db, &p, 0, out, max, n, e);
}

int mp_project_money_get(mp_db *db, int64_t app_id, mp_project_money *m,
                         mp_err *e)
{
	int64_t ag;
	char date[11];
	int ret;

	memset(m, 0, sizeof *m);
	ret = fd_agreement_of(db, app_id, &ag, date, e);
	if (ret == MP_OK && ag)
		ret = fd_int(db, "SELECT granted FROM agreements WHERE id = ?1", ag,
		             NULL, 0, &m->granted, NULL, e);
	if (ret == MP_OK && ag)
		ret = fd_int(db, "SELECT matched FROM agreements WHERE id = ?1", ag,
		             NULL, 0, &m->matched_promised, NULL, e);
	if (ret == MP_OK)
		ret = fd_int(db, "SELECT sum(amount) FROM payments WHERE deleted_at IS NULL"
		             " AND app_id = ?1", app_id, NULL, 0, &m->paid, NULL, e);
	if (ret == MP_OK)
		ret = fd_int(db, "SELECT sum(amount) FROM expenditures WHERE deleted_at IS NULL"
		             " AND app_id = ?1", app_id, NULL, 0, &m->spent, NULL, e);
	if (ret == MP_OK)
		ret = fd_int(db, "SELECT sum(amount) FROM reclaims WHERE deleted_at IS NULL"
		             " AND app_id = ?1", app_id, NULL, 0, &m->reclaimed, NULL, e);
	return ret;
}

/* ---- agreements (资助协议) ---- */

#define APP_FIELD(lbl_zh, lbl_en, hint_en) \
	{ .col = "app_id", .label_zh = lbl_zh, .label_en = lbl_en, \
	  .kind = MP_K_REF, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH, \
	  .list_width = 16, .hint = hint_en, .ref = &mp_applications }

static const mp_field agreement_fields[AG__COUNT] = {
	[AG_APP] = APP_FIELD("项目", N_("Project"), N_("Enter: pick the approved project")),
	[AG_NUMBER] = { .col = "number", .label_zh = "协议编号", .label_en = N_("Agreement number"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 40, .list_width = 12, .hint = N_("The number on the signed agreement") },
	[AG_DATE] = { .col = "date", .label_zh = "签订日期", .label_en = N_("Signed on"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = FD_HINT_DATE },
	[AG_GRANTED] = { .col = "granted", .label_zh = "资助金额", .label_en = N_("Amount granted"),
		/* Required, but filled in from the application by prepare,
		 * which runs after the fields' own checks: agreement_check. */
		.kind = MP_K_MONEY, .flags = MP_F_LIST, .list_width = 12,
		.hint = N_("元; at most what the project was approved for (filled in from it)") },
	[AG_MATCHED] = { .col = "matched", .label_zh = "承诺配套资金", .label_en = N_("Matched funds promised"),
		.kind = MP_K_MONEY, .flags = MP_F_LIST, .list_width = 12,
		.hint = N_("元: the social funds the applicant promises to raise (配套资金)") },
	[AG_MID_DUE] = { .col = "midterm_due", .label_zh = "中期评估时间", .label_en = N_("Mid-term evaluation due"),
		.kind = MP_K_DATE, .maxlen = 10,
		.hint = N_("YYYY-MM-DD: the overview reminds of it") },
	[AG_CLOSE_DUE] = { .col = "closing_due", .label_zh = "结项评估时间", .label_en = N_("Closing evaluation due"),
		.kind = MP_K_DATE, .maxlen = 10,
		.hint = N_("YYYY-MM-DD: the overview reminds of it") },
	[AG_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500 },
};

static const mp_sort agreement_sorts[] = {
	{ N_("by date signed"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static const mp_index agreement_indexes[] = {
	{ "agreements_live_app", "app_id", MP_I_UNIQUE | MP_I_LIVE, NULL },
};

/* The amounts come from the approved application when left empty: what
 * was granted, and the matched funds its budget lines promise. */
static int agreement_prepare(mp_db *db, const mp_config *cfg, mp_record *r,
                             mp_err *e)
{
	int64_t app = fd_id(r->v[AG_APP]), grant = 0, matched = 0;
	fd_project p;
	char buf[24];

	(void)cfg;
	(void)e;
	if (!app || fd_project_get(db, app, &p, AG_APP, NULL) != MP_OK)
		return MP_OK;   /* the checks say what is wrong */
	if (!r->v[AG_GRANTED][0] && p.granted > 0)
		mp_record_set(r, AG_GRANTED, mp_money_format(p.granted, 0, buf, sizeof buf));
	if (!r->v[AG_MATCHED][0] &&
	    mp_app_budget_sums(db, app, &grant, &matched, NULL) == MP_OK && matched > 0)
		mp_record_set(r, AG_MATCHED, mp_money_format(matched, 0, buf, sizeof buf));
	return MP_OK;
}

static int agreement_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                           mp_err *e)
{
	const mp_field *f = agreement_fields;
	char *const *v = r->v;
	int64_t other = 0, granted = fd_fen(v[AG_GRANTED]);
	char a[24], b[24];
	fd_project p;
	int ret;

	(void)cfg;
	ret = fd_project_get(db, fd_id(v[AG_APP]), &p, AG_APP, e);
	if (ret != MP_OK)
		return ret;
	if (p.state == AS_STOPPED)
		return mp_err_field(e, MP_EINVAL, AG_APP, _("Project: %s was stopped"), p.name);
	if (p.state < 0 || !mp_app_state_granted(p.state))
		return mp_err_field(e, MP_EINVAL, AG_APP,
		                    _("Project: %s has not been approved (it is %s)"), p.name,
		                    p.state >= 0 ? mp_app_state_names[p.state] : "?");
	if (!v[AG_GRANTED][0])
		return mp_err_field(e, MP_EINVAL, AG_GRANTED, _("%s: required"),
		                    mp_field_label(&f[AG_GRANTED]));
	if (granted <= 0)
		return mp_err_field(e, MP_EINVAL, AG_GRANTED, _("%s: more than 0"),
		                    mp_field_label(&f[AG_GRANTED]));
	if (p.granted > 0 && granted > p.granted)
		return mp_err_field(e, MP_EINVAL, AG_GRANTED,
		                    _("%s: %s is more than the %s the project was approved for"),
		                    mp_field_label(&f[AG_GRANTED]),
		                    mp_money_format(granted, 1, a, sizeof a),
		                    mp_money_format(p.granted, 1, b, sizeof b));
	/* Signed once approved: not before the day it was. */
	{
		char approved[11], *sql = mp_asprintf(
			"SELECT max(%s) FROM %s WHERE deleted_at IS NULL AND %s = ?1 AND %s = ?2",
			mp_app_states.fields[WH_DATE].col, mp_app_states.name,
			mp_app_states.fields[WH_RECORD].col, mp_app_states.fields[WH_TO].col);

		ret = fd_text(db, sql, p.id, mp_app_state_names[AS_APPROVED], 0,
		              approved, sizeof approved, e);
		free(sql);
		if (ret != MP_OK)
			return ret;
		if (approved[0] && strcmp(v[AG_DATE], approved) < 0)
			return mp_err_field(e, MP_EINVAL, AG_DATE,
			                    _("%s: %s is before the project was approved on %s"),
			                    mp_field_label(&f[AG_DATE]), v[AG_DATE], approved);
	}
	if (v[AG_MID_DUE][0] && strcmp(v[AG_MID_DUE], v[AG_DATE]) < 0)
		return mp_err_field(e, MP_EINVAL, AG_MID_DUE, _("%s: %s is before the agreement was signed on %s"),
		                    mp_field_label(&f[AG_MID_DUE]), v[AG_MID_DUE], v[AG_DATE]);
	if (v[AG_CLOSE_DUE][0] && strcmp(v[AG_CLOSE_DUE], v[AG_DATE]) < 0)
		return mp_err_field(e, MP_EINVAL, AG_CLOSE_DUE, _("%s: %s is before the agreement was signed on %s"),
		                    mp_field_label(&f[AG_CLOSE_DUE]), v[AG_CLOSE_DUE], v[AG_DATE]);
	if (v[AG_MID_DUE][0] && v[AG_CLOSE_DUE][0] && strcmp(v[AG_CLOSE_DUE], v[AG_MID_DUE]) < 0)
		return mp_err_field(e, MP_EINVAL, AG_CLOSE_DUE, _("%s: %s is before the mid-term evaluation's %s"),
		                    mp_field_label(&f[AG_CLOSE_DUE]), v[AG_CLOSE_DUE], v[AG_MID_DUE]);
	/* One agreement per project (the index agreements_live_app). */
	ret = fd_int(db, "SELECT id FROM agreements WHERE deleted_at IS NULL"
	             " AND app_id = ?1 AND id <> ?3 LIMIT 1", fd_id(v[AG_APP]), "",
	             r->id, &other, NULL, e);
	if (ret != MP_OK)
		return ret;
	if (other) {
		char num[64];

		fd_text(db, "SELECT number FROM agreements WHERE id = ?1", other, NULL, 0,
		        num, sizeof num, NULL);
		return mp_err_field(e, MP_EDUP, AG_APP,
		                    _("Project: %s already has agreement %s"), p.name, num);
	}
	return MP_OK;
}

static void agreement_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { AG_APP, AG_NUMBER };

	mp_describe_fields(db, r, buf, size, 2, fields);
}

/* "第1批 已拨 6,000.00/6,000.00 · 第2批 待中期评估通过": each tranche's state. */
static void tranche_states(mp_db *db, int64_t app, char *buf, size_t size)
{
	mp_tranche t[MP_MAX_TRANCHES];
	size_t used = 0;
	int n = 0, i;

	buf[0] = '\0';
	if (!app || mp_project_tranches(db, app, t, MP_MAX_TRANCHES, &n, NULL) != MP_OK)
		return;
	for (i = 0; i < n && used < size; i++) {
		char due[24], paid[24];

		mp_money_format(t[i].due, 1, due, sizeof due);
		mp_money_format(t[i].paid, 1, paid, sizeof paid);
		if (t[i].state == MP_TS_READY || t[i].paid > 0)
			used += (size_t)snprintf(buf + used, size - used,
			                         _("%sTranche %d paid %s of %s"), i ? " · " : "",
			                         t[i].seq, paid, due);
		else if (t[i].state == MP_TS_HELD)
			used += (size_t)snprintf(buf + used, size - used, _("%sTranche %d held"),
			                         i ? " · " : "", t[i].seq);
		else
			used += (size_t)snprintf(buf + used, size - used,
			                         _("%sTranche %d waits for: %s"), i ? " · " : "",
			                         t[i].seq, mp_trigger_label(t[i].trigger));
	}
}

static void agreement_summary(mp_db *db, const mp_record *r, char *buf,
                              size_t size)
{
	tranche_states(db, fd_id(r->v[AG_APP]), buf, size);
}

/* A payment's screen shows where the project's tranches stand, so that
 * the missing trigger is seen before anything is typed. */
static void payment_summary(mp_db *db, const mp_record *r, char *buf,
                            size_t size)
{
	tranche_states(db, fd_id(r->v[PY_APP]), buf, size);
}

static const mp_findby agreement_findby[] = {
	{ AG_NUMBER, NULL, MP_FIND_CELL },
};

const mp_table mp_agreements = {
	.name = "agreements",
	.title_en = N_("Funding agreements"),
	.unit_en = N_("agreement"),
	.fields = agreement_fields,
	.nfields = AG__COUNT,
	.sorts = agreement_sorts,
	.nsorts = sizeof agreement_sorts / sizeof agreement_sorts[0],
	.check = agreement_check,
	.prepare = agreement_prepare,
	.summary = agreement_summary,
	.tflags = MP_T_DECLARED,
	.findby = agreement_findby,
	.nfindby = sizeof agreement_findby / sizeof agreement_findby[0],
	.indexes = agreement_indexes,
	.nindexes = sizeof agreement_indexes / sizeof agreement_indexes[0],
	.describe = agreement_describe,
};

/* ---- payments (拨付) ---- */

static const mp_field payment_fields[PY__COUNT] = {
	[PY_APP] = APP_FIELD("项目", N_("Project"), N_("Enter: pick the project paid")),
	[PY_TRANCHE] = { .col = "tranche", .label_zh = "期次", .label_en = N_("Tranche"),
		.kind = MP_K_COUNT, .flags = MP_F_LIST, .maxlen = 2, .list_width = 4,
		.hint = N_("Which tranche of the round's plan: 1, 2 …; empty: the first not paid in full") },
	[PY_DATE] = { .col = "date", .label_zh = "拨付日期", .label_en = N_("Paid on"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = FD_HINT_DATE },
	[PY_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = N_("Amount"),
		.kind = MP_K_MONEY, .flags = MP_F_LIST, .list_width = 12,
		.hint = N_("元; empty: what is still due on the tranche") },
	[PY_VOUCHER] = { .col = "voucher", .label_zh = "凭证号", .label_en = N_("Voucher number"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH, .maxlen = 40, .list_width = 10,
		.hint = N_("The number of the payment voucher (记账凭证)") },
	[PY_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500 },
};

static const mp_sort payment_sorts[] = {
	{ N_("by date paid"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

/* An empty tranche is the first not paid in full, an empty amount what
 * is still due on it: a payment that follows the plan is typed as its
 * date alone. */
static int payment_prepare(mp_db *db, const mp_config *cfg, mp_record *r,
                           mp_err *e)
{
	mp_tranche t[MP_MAX_TRANCHES];
	fd_project p;
	char buf[24];
	int n = 0, i, seq;

	(void)cfg;
	(void)e;
	if (r->v[PY_TRANCHE][0] && r->v[PY_AMOUNT][0])
		return MP_OK;
	if (fd_project_get(db, fd_id(r->v[PY_APP]), &p, PY_APP, NULL) != MP_OK ||
	    tranches(db, &p, r->id, t, MP_MAX_TRANCHES, &n, NULL) != MP_OK)
		return MP_OK;   /* the checks say what is wrong */
	seq = atoi(r->v[PY_TRANCHE]);
	for (i = 0; i < n; i++) {
		if (seq ? t[i].seq != seq : t[i].paid >= t[i].due && t[i].due > 0)
			continue;
		if (!seq) {
			snprintf(buf, sizeof buf, "%d", t[i].seq);
			mp_record_set(r, PY_TRANCHE, buf);
		}
		if (!r->v[PY_AMOUNT][0] && t[i].due > t[i].paid)
			mp_record_set(r, PY_AMOUNT,
			              mp_money_format(t[i].due - t[i].paid, 0, buf, sizeof buf));
		break;
	}
	return MP_OK;
}

static int payment_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                         mp_err *e)
{
	const mp_field *f = payment_fields;
	char *const *v = r->v;
	mp_tranche t[MP_MAX_TRANCHES];
	mp_project_facts facts;
	fd_project p;
	int n = 0, i, seq = atoi(v[PY_TRANCHE]), ret;

	(void)cfg;
	ret = fd_project_get(db, fd_id(v[PY_APP]), &p, PY_APP, e);
	if (ret != MP_OK)
		return ret;
	if (p.state == AS_STOPPED)
		return mp_err_field(e, MP_EINVAL, PY_APP, _("Project: %s was stopped"), p.name);
	ret = tranches(db, &p, r->id, t, MP_MAX_TRANCHES, &n, e);
	if (ret != MP_OK) {
		if (e)
			e->field = PY_TRANCHE;   /* the plan does not add up */
		return ret;
	}
	if (n == 0)
		return mp_err_field(e, MP_EINVAL, PY_TRANCHE,
		                    _("Tranche: the project's round has no tranche plan"));
	if (!v[PY_TRANCHE][0])
		return mp_err_field(e, MP_EINVAL, PY_TRANCHE,
		                    _("%s: every tranche of this project is paid in full"),
		                    mp_field_label(&f[PY_TRANCHE]));
	for (i = 0; i < n && t[i].seq != seq; i++)
		;
	if (i == n)
		return mp_err_field(e, MP_EINVAL, PY_TRANCHE,
		                    ngettext("%s: the round's plan has no tranche %d (it has %d tranche)",
		                             "%s: the round's plan has no tranche %d (it has %d tranches)", n),
		                    mp_field_label(&f[PY_TRANCHE]), seq, n);
	ret = mp_project_facts_get(db, p.id, &facts, e);
	if (ret != MP_OK)
		return ret;
	if (!facts.agreement_date[0])
		return mp_err_field(e, MP_EINVAL, PY_APP,
		                    _("Project: no agreement has been signed for it yet"));
	if (strcmp(v[PY_DATE], facts.agreement_date) < 0)
		return mp_err_field(e, MP_EINVAL, PY_DATE,
		                    _("%s: %s is before the agreement was signed on %s"),
		                    mp_field_label(&f[PY_DATE]), v[PY_DATE], facts.agreement_date);
	return mp_payment_check(seq, t[i].trigger, &facts, t[i].due, t[i].paid,
	                        fd_fen(v[PY_AMOUNT]), v[PY_DATE], PY_AMOUNT, PY_DATE, e);
}

/* "阳光助老 第1批 2024-06-05 6,000.00". */
static void payment_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	char name[256], amount[24];

	mp_field_display(db, r, PY_APP, 0, name, sizeof name);
	mp_money_format(fd_fen(r->v[PY_AMOUNT]), 1, amount, sizeof amount);
	snprintf(buf, size, _("%s tranche %s %s %s"), name, r->v[PY_TRANCHE],
	         r->v[PY_DATE], amount);
}

/* An import skips the same voucher paid to the same project. */
static const int payment_dupkey[] = { PY_APP, PY_VOUCHER, PY_DATE, PY_AMOUNT };

const mp_table mp_payments = {
	.name = "payments",
	.title_en = N_("Payments"),
	.unit_en = N_("payment"),
	.fields = payment_fields,
	.nfields = PY__COUNT,
	.sorts = payment_sorts,
	.nsorts = sizeof payment_sorts / sizeof payment_sorts[0],
	.check = payment_check,
	.summary = payment_summary,
	.prepare = payment_prepare,
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.dupkey = payment_dupkey,
	.ndupkey = sizeof payment_dupkey / sizeof payment_dupkey[0],
	.describe = payment_describe,
};

/* ---- expenditure (资金使用) ---- */

static const mp_field expenditure_fields[EX__COUNT] = {
	[EX_APP] = APP_FIELD("项目", N_("Project"), N_("Enter: pick the project")),
	[EX_DATE] = { .col = "date", .label_zh = "支出日期", .label_en = N_("Spent on"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = FD_HINT_DATE },
	[EX_ITEM] = { .col = "item", .label_zh = "预算科目", .label_en = N_("Budget line"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_SEARCH,
		.maxlen = 60, .list_width = 12,
		.hint = N_("The item of one of the project's budget lines, as written there") },
	[EX_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = N_("Amount"),
		.kind = MP_K_MONEY, .flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 12,
		.hint = N_("元") },
	[EX_VOUCHER] = { .col = "voucher", .label_zh = "凭证号", .label_en = N_("Voucher number"),
		.kind = MP_K_TEXT, .flags = MP_F_LIST | MP_F_SEARCH, .maxlen = 40, .list_width = 10,
		.hint = N_("The number of the invoice or voucher") },
	[EX_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500 },
};

static const mp_sort expenditure_sorts[] = {
	{ N_("by date spent"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static int expenditure_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                             mp_err *e)
{
	const mp_field *f = expenditure_fields;
	char *const *v = r->v;
	int64_t app = fd_id(v[EX_APP]), line = 0;
	char *sql;
	fd_project p;
	int ret;

	(void)cfg;
	ret = fd_project_get(db, app, &p, EX_APP, e);
	if (ret == MP_OK)
		ret = fd_after_agreement(db, app, v[EX_DATE], EX_APP, EX_DATE,
		                         mp_field_label(&f[EX_DATE]), e);
	if (ret != MP_OK)
		return ret;
	if (fd_fen(v[EX_AMOUNT]) <= 0)
		return mp_err_field(e, MP_EINVAL, EX_AMOUNT, _("%s: more than 0"),
		                    mp_field_label(&f[EX_AMOUNT]));
	/* Built from the declarations: no user text in it. */
	sql = mp_asprintf("SELECT id FROM %s WHERE deleted_at IS NULL AND %s = ?1"
	                  " AND %s = ?2 LIMIT 1", mp_app_budget.name,
	                  mp_app_budget.fields[AB_APP].col, mp_app_budget.fields[AB_ITEM].col);
	ret = fd_int(db, sql, app, v[EX_ITEM], 0, &line, NULL, e);
	free(sql);
	if (ret != MP_OK)
		return ret;
	if (!line)
		return mp_err_field(e, MP_EINVAL, EX_ITEM,
		                    _("%s: %s has no budget line “%s”"),
		                    mp_field_label(&f[EX_ITEM]), p.name, v[EX_ITEM]);
	return MP_OK;
}

/* Spending past a budget line is worth a second look, not a refusal:
 * the line may be changed with the funder's consent. */
static int expenditure_warn(mp_db *db, const mp_config *cfg, const mp_record *r,
                            char *buf, size_t size, int64_t *other_id)
{
	int64_t app = fd_id(r->v[EX_APP]), line = 0, spent = 0, total;
	char a[24], b[24], *sql;

	(void)cfg;
	*other_id = 0;
	sql = mp_asprintf("SELECT sum(%s) FROM %s WHERE deleted_at IS NULL AND %s = ?1"
	                  " AND %s = ?2", mp_app_budget.fields[AB_AMOUNT].col,
	                  mp_app_budget.name, mp_app_budget.fields[AB_APP].col,
	                  mp_app_budget.fields[AB_ITEM].col);
	if (fd_int(db, sql, app, r->v[EX_ITEM], 0, &line, NULL, NULL) != MP_OK ||
	    fd_int(db, "SELECT sum(amount) FROM expenditures WHERE deleted_at IS NULL"
	           " AND app_id = ?1 AND item = ?2 AND id <> ?3", app, r->v[EX_ITEM],
	           r->id, &spent, NULL, NULL) != MP_OK) {
		free(sql);
		return 0;
	}
	free(sql);
	total = spent + fd_fen(r->v[EX_AMOUNT]);
	if (line <= 0 || total <= line)
		return 0;
	snprintf(buf, size, _("The expenditure on “%s” comes to %s, more than its budget line's %s."),
	         r->v[EX_ITEM], mp_money_format(total, 1, a, sizeof a),
	         mp_money_format(line, 1, b, sizeof b));
	return 1;
}

static void expenditure_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { EX_APP, EX_DATE, EX_ITEM, EX_AMOUNT };

	mp_describe_fields(db, r, buf, size, 4, fields);
}

static const int expenditure_dupkey[] = { EX_APP, EX_DATE, EX_ITEM, EX_AMOUNT };

const mp_table mp_expenditures = {
	.name = "expenditures",
	.title_en = N_("Expenditure"),
	.unit_en = N_("expenditure"),
	.fields = expenditure_fields,
	.nfields = EX__COUNT,
	.sorts = expenditure_sorts,
	.nsorts = sizeof expenditure_sorts / sizeof expenditure_sorts[0],
	.check = expenditure_check,
	.warn = expenditure_warn,
	.tflags = MP_T_DECLARED,
	.dupkey = expenditure_dupkey,
	.ndupkey = sizeof expenditure_dupkey / sizeof expenditure_dupkey[0],
	.describe = expenditure_describe,
};

/* ---- amounts reclaimed (资金收回) ---- */

static const mp_field reclaim_fields[RE__COUNT] = {
	[RE_APP] = APP_FIELD("项目", N_("Project"), N_("Enter: pick the project")),
	[RE_DATE] = { .col = "date", .label_zh = "收回日期", .label_en = N_("Reclaimed on"),
		.kind = MP_K_DATE, .flags = MP_F_REQUIRED | MP_F_LIST | MP_F_NOFUTURE | MP_F_TODAY,
		.maxlen = 10, .list_width = 10, .hint = FD_HINT_DATE },
	[RE_AMOUNT] = { .col = "amount", .label_zh = "金额", .label_en = N_("Amount"),
		.kind = MP_K_MONEY, .flags = MP_F_REQUIRED | MP_F_LIST, .list_width = 12,
		.hint = N_("元; at most what was paid and not yet reclaimed") },
	[RE_REASON] = { .col = "reason", .label_zh = "原因", .label_en = N_("Reason"),
		.kind = MP_K_TEXT, .flags = MP_F_REQUIRED | MP_F_LIST, .maxlen = 100,
		.list_width = 16, .hint = N_("Why: the project stopped, money not spent …") },
	[RE_NOTES] = { .col = "notes", .label_zh = "备注", .label_en = N_("Notes"),
		.kind = MP_K_LONGTEXT, .maxlen = 500 },
};

static const mp_sort reclaim_sorts[] = {
	{ N_("by date reclaimed"), "date", 1 },
	{ N_("by date added"), "id", 1 },
};

static int reclaim_check(mp_db *db, const mp_config *cfg, const mp_record *r,
                         mp_err *e)
{
	const mp_field *f = reclaim_fields;
	char *const *v = r->v;
	int64_t app = fd_id(v[RE_APP]), paid = 0, back = 0;
	fd_project p;
	int ret;

	(void)cfg;
	ret = fd_project_get(db, app, &p, RE_APP, e);
	if (ret == MP_OK)
		ret = fd_after_agreement(db, app, v[RE_DATE], RE_APP, RE_DATE,
		                         mp_field_label(&f[RE_DATE]), e);
	if (ret == MP_OK)
		ret = fd_int(db, "SELECT sum(amount) FROM payments WHERE deleted_at IS NULL"
		             " AND app_id = ?1", app, NULL, 0, &paid, NULL, e);
	if (ret == MP_OK)
		ret = fd_int(db, "SELECT sum(amount) FROM reclaims WHERE deleted_at IS NULL"
		             " AND app_id = ?1 AND id <> ?3", app, "", r->id, &back, NULL, e);
	if (ret != MP_OK)
		return ret;
	return mp_reclaim_check(paid, back, fd_fen(v[RE_AMOUNT]), RE_AMOUNT, e);
}

static void reclaim_describe(mp_db *db, const mp_record *r, char *buf, size_t size)
{
	static const int fields[] = { RE_APP, RE_DATE, RE_AMOUNT };

	mp_describe_fields(db, r, buf, size, 3, fields);
}

static const int reclaim_dupkey[] = { RE_APP, RE_DATE, RE_AMOUNT };

const mp_table mp_reclaims = {
	.name = "reclaims",
	.title_en = N_("Amounts reclaimed"),
	.unit_en = N_("amount reclaimed"),
	.fields = reclaim_fields,
	.nfields = RE__COUNT,
	.sorts = reclaim_sorts,
	.nsorts = sizeof reclaim_sorts / sizeof reclaim_sorts[0],
	.check = reclaim_check,
	.tflags = MP_T_DECLARED | MP_T_CHANGELOG,
	.dupkey = reclaim_dupkey,
	.ndupkey = sizeof reclaim_dupkey / sizeof reclaim_dupkey[0],
	.describe = reclaim_describe,
};

/* ---- what falls due (the overview, `miaopu due`) ---- */

void mp_fund_dues_free(mp_fund_due *d, int n)
{
	int i;

	if (!d)
		return;
	for (i = 0; i < n; i++) {
		free(d[i].project);
		free(d[i].what);
	}
	free(d);
}

struct dues {
	mp_fund_due *d;
	int n, cap;
};

static void due_add(struct dues *l, int64_t app, const char *date,
                    const char *project, const char *what, int overdue)
{
	mp_fund_due *x;

	if (l->n == l->cap) {
		mp_fund_due *bigger;

		l->cap = l->cap ? l->cap * 2 : 16;
		bigger = realloc(l->d, (size_t)l->cap * sizeof *l->d);
		if (!bigger)
			mp_oom();
		l->d = bigger;
	}
	x = &l->d[l->n++];
	memset(x, 0, sizeof *x);
	x->open = &mp_applications;
	x->app_id = app;
	snprintf(x->date, sizeof x->date, "%s", date);
	x->project = mp_strdup(project);
	x->what = mp_strdup(what);
	x->overdue = overdue;
}

static int due_cmp(const void *a, const void *b)
{
	const mp_fund_due *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	if (c)
		return c;
	return x->app_id < y->app_id ? -1 : x->app_id > y->app_id;
}

/* Evaluations whose agreed time is up to until and that have none of
 * their kind yet. */
static int evaluations_due(mp_db *db, const char *today, const char *until,
                           struct dues *l, mp_err *e)
{
	static const struct { const char *col, *kind, *what; } k[] = {
		{ "midterm_due", MP_EVAL_MIDTERM, N_("mid-term evaluation") },
		{ "closing_due", MP_EVAL_CLOSING, N_("closing evaluation") },
	};
	int i, rc, ret = MP_OK;

	for (i = 0; i < 2 && ret == MP_OK; i++) {
		sqlite3_stmt *st = NULL;
		/* Column names from the constant table above, no user text. */
		char *sql = mp_asprintf(
			"SELECT a.app_id, a.%s, p.%s FROM agreements a"
			" JOIN %s p ON p.id = a.app_id AND p.deleted_at IS NULL"
			" WHERE a.deleted_at IS NULL AND a.%s IS NOT NULL AND a.%s <= ?1"
			" AND p.%s NOT IN (?3, ?4)"
			" AND NOT EXISTS (SELECT 1 FROM evaluations v WHERE v.app_id = a.app_id"
			"  AND v.deleted_at IS NULL AND v.kind = ?2)",
			k[i].col, mp_applications.fields[A_NAME].col, mp_applications.name,
			k[i].col, k[i].col, mp_applications.fields[A_STATE].col);

		ret = mp_db_prepare(db, sql, &st, e);
		free(sql);
		if (ret != MP_OK)
			break;
		rc = sqlite3_bind_text(st, 1, until, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, k[i].kind, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 3, mp_app_state_names[AS_CLOSED], -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 4, mp_app_state_names[AS_STOPPED], -1, SQLITE_STATIC);
		while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *date = (const char *)sqlite3_column_text(st, 1);
			const char *name = (const char *)sqlite3_column_text(st, 2);

			due_add(l, sqlite3_column_int64(st, 0), date ? date : "",
			        name ? name : "", _(k[i].what), date && strcmp(date, today) < 0);
			rc = SQLITE_OK;
		}
		if (rc != SQLITE_DONE)
			ret = mp_db_fail(db, rc, e);
		sqlite3_finalize(st);
	}
	return ret;
}

/* Tranches that may be paid and are not paid in full, of projects whose
 * agreement is not paid in full: a round long paid costs nothing. */
static int tranches_due(mp_db *db, struct dues *l, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t *apps = NULL;
	int napps = 0, cap = 0, rc, ret, i;

	ret = mp_db_prepare(db, "SELECT a.app_id FROM agreements a"
	                    " WHERE a.deleted_at IS NULL AND a.granted >"
	                    " (SELECT ifnull(sum(amount), 0) FROM payments y"
	                    "  WHERE y.app_id = a.app_id AND y.deleted_at IS NULL)"
	                    " ORDER BY a.app_id", &st, e);
	if (ret != MP_OK)
		return ret;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (napps == cap) {
			int64_t *bigger;

			cap = cap ? cap * 2 : 64;
			bigger = realloc(apps, (size_t)cap * sizeof *apps);
			if (!bigger)
				mp_oom();
			apps = bigger;
		}
		apps[napps++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	for (i = 0; i < napps && ret == MP_OK; i++) {
		mp_tranche t[MP_MAX_TRANCHES];
		fd_project p;
		int n = 0, k;

		if (fd_project_get(db, apps[i], &p, -1, NULL) != MP_OK ||
		    p.state == AS_STOPPED || p.state == AS_CLOSED)
			continue;
		/* A plan that does not add up is the round's to mend; its
		 * screen says so. */
		if (tranches(db, &p, 0, t, MP_MAX_TRANCHES, &n, NULL) != MP_OK)
			continue;
		for (k = 0; k < n; k++) {
			char what[128], left[24];

			if (t[k].state != MP_TS_READY || t[k].paid >= t[k].due)
				continue;
			mp_money_format(t[k].due - t[k].paid, 1, left, sizeof left);
			snprintf(what, sizeof what, _("tranche %d to pay: %s"), t[k].seq, left);
			due_add(l, p.id, t[k].since, p.name, what, 0);
		}
	}
	free(apps);
	return ret;
}

int mp_funding_due(mp_db *db, int days, int max, mp_fund_due **out, int *n,
                   mp_err *e)
{
	struct dues l = { NULL, 0, 0 };
	char today[11], until[11];
	int ret;

	*out = NULL;
	*n = 0;
	mp_today(today);
	if (mp_date_add_days(today, days, until) != 0)
		return mp_err_set(e, MP_EINVAL, _("today's date %s is not a date"), today);
	ret = evaluations_due(db, today, until, &l, e);
	if (ret == MP_OK)
		ret = tranches_due(db, &l, e);
	if (ret != MP_OK) {
		mp_fund_dues_free(l.d, l.n);
		return ret;
	}
	if (l.n > 1)
		qsort(l.d, (size_t)l.n, sizeof *l.d, due_cmp);
	if (max > 0 && l.n > max) {
		for (int i = max; i < l.n; i++) {
			free(l.d[i].project);
			free(l.d[i].what);
		}
		l.n = max;
	}
	*out = l.d;
	*n = l.n;
	return MP_OK;
}

/* 已签协议 stands for a signed agreement: a live one of the project. */
const mp_wf_guard mp_guard_agreement = {
	.table = &mp_agreements,
	.ref_field = AG_APP,
	/* TRANSLATORS: the refusal of 已签协议 when no agreement is entered */
	.missing_en = N_("Register the funding agreement first"),
};
