/* project_report.c — the figures of 公益创投 and 微创投 rounds in the
 * summary report (mp_project_report.h).
 *
 * The arithmetic first: each application's amounts are added as whole
 * fen in 64-bit integers, so sums are exact to the fen; the leverage
 * ratio is rounded with integer arithmetic; a project serving several
 * communities is counted under each of them but once in the total. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "db_internal.h"
#include "mp_funding.h"
#include "mp_project.h"
#include "mp_project_report.h"
#include "mp_text.h"

/* ---- one application, and sums ---- */

int64_t mp_proj_outstanding(const mp_proj_app *a)
{
	if (!a->submitted || !a->approved || a->stopped || a->granted <= a->paid)
		return 0;
	return a->granted - a->paid;
}

void mp_proj_figs_add(mp_proj_figs *f, const mp_proj_app *a)
{
	if (!a->submitted)
		return;
	f->applications++;
	f->approved += a->approved != 0;
	f->stopped += a->stopped != 0;
	f->requested += a->requested;
	f->granted += a->granted;
	f->paid += a->paid;
	f->reclaimed += a->reclaimed;
	f->outstanding += mp_proj_outstanding(a);
	f->matched_promised += a->matched_promised;
	f->matched_raised += a->matched_raised;
}

char *mp_leverage_format(int64_t matched, int64_t granted, char *buf,
                         size_t size)
{
	int64_t hundredths;

	if (granted <= 0 || matched < 0) {
		snprintf(buf, size, "—");
		return buf;
	}
	/* matched is at most MP_MONEY_MAX times the rows summed; dividing
	 * first keeps matched * 100 from overflowing for any ledger. */
	hundredths = matched / granted * 100
	             + ((matched % granted) * 200 + granted) / (2 * granted);
	snprintf(buf, size, "%lld.%02lld:1", (long long)(hundredths / 100),
	         (long long)(hundredths % 100));
	return buf;
}

/* ---- sums by a key ---- */

static int key_index(const mp_proj_by *b, const char *key)
{
	for (int i = 0; i < b->n; i++)
		if (key ? b->key[i] && strcmp(b->key[i], key) == 0 : !b->key[i])
			return i;
	return -1;
}

static mp_proj_figs *key_figs(mp_proj_by *b, const char *key)
{
	int i;

	if (key && !*key)
		key = NULL;
	if ((i = key_index(b, key)) >= 0)
		return &b->f[i];
	b->key = realloc(b->key, (size_t)(b->n + 1) * sizeof *b->key);
	b->f = realloc(b->f, (size_t)(b->n + 1) * sizeof *b->f);
	if (!b->key || !b->f)
		mp_oom();
	b->key[b->n] = key ? mp_strdup(key) : NULL;
	memset(&b->f[b->n], 0, sizeof b->f[b->n]);
	return &b->f[b->n++];
}

void mp_proj_by_add(mp_proj_by *b, const char *key, const mp_proj_app *a)
{
	if (a->submitted)
		mp_proj_figs_add(key_figs(b, key), a);
}

const mp_proj_figs *mp_proj_by_get(const mp_proj_by *b, const char *key)
{
	int i = key_index(b, key && *key ? key : NULL);

	return i >= 0 ? &b->f[i] : NULL;
}

void mp_proj_by_free(mp_proj_by *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->key[i]);
	free(b->key);
	free(b->f);
	memset(b, 0, sizeof *b);
}

/* The length of the separator at s (、，；　 or an ASCII , ; space or
 * tab), else 0. */
static size_t separator(const char *s)
{
	static const char *const wide[] = { "、", "，", "；", "　" };

	if (*s == ',' || *s == ';' || *s == ' ' || *s == '\t')
		return 1;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (strncmp(s, wide[i], strlen(wide[i])) == 0)
			return strlen(wide[i]);
	return 0;
}

int mp_proj_by_community(mp_proj_by *b, const mp_proj_app *a)
{
	char *names = mp_strdup(a->community ? a->community : "");
	char **seen = NULL;
	int n = 0;
	char *s = names;

	if (!a->submitted) {
		free(names);
		return 0;
	}
	while (*s) {
		size_t sep = separator(s), len;
		char *start = s;
		int dup = 0;

		if (sep) {
			s += sep;
			continue;
		}
		while (*s && !separator(s))
			s++;
		len = (size_t)(s - start);
		sep = separator(s);
		if (sep) {
			/* End the name here; the separator's bytes are skipped. */
			memset(s, 0, sep);
			s += sep;
		}
		start[len] = '\0';
		for (int i = 0; i < n; i++)
			dup |= strcmp(seen[i], start) == 0;
		if (dup)
			continue;
		seen = realloc(seen, (size_t)(n + 1) * sizeof *seen);
		if (!seen)
			mp_oom();
		seen[n++] = start;
		mp_proj_by_add(b, start, a);
	}
	if (n == 0)
		mp_proj_by_add(b, NULL, a);
	free(seen);
	free(names);
	return n;
}

/* ---- tables ---- */

/* Amounts as "1234.50", without the groups of three: CSV and XLSX take
 * them as numbers, exact to the fen. */
static const char *money(int64_t fen, char *buf, size_t size)
{
	return mp_money_format(fen, 0, buf, size);
}

/* A row: key, applied, approved, granted, paid, [matched promised,]
 * ratio.  The tables are kept within 80 columns in Chinese: what is
 * outstanding and reclaimed is in the Summary only, and the table of
 * rounds (long names) has no matched funds column. */
static void by_row(mp_rtable *t, const char *key, const mp_proj_figs *f,
                   int matched)
{
	static const mp_proj_figs none;
	char n[24], ap[24], g[32], p[32], m[32], l[32];

	if (!f)
		f = &none;
	snprintf(n, sizeof n, "%ld", f->applications);
	snprintf(ap, sizeof ap, "%ld", f->approved);
	money(f->granted, g, sizeof g);
	money(f->paid, p, sizeof p);
	money(f->matched_promised, m, sizeof m);
	mp_leverage_format(f->matched_promised, f->granted, l, sizeof l);
	if (matched)
		rt_row(t, key, n, ap, g, p, m, l);
	else
		rt_row(t, key, n, ap, g, p, l);
}

void mp_proj_by_table(mp_report *r, const char *title, const char *head,
                      const mp_proj_by *b, const mp_strlist *order,
                      const mp_proj_figs *total, int matched)
{
	/* Columns 1 to 4 (5) hold numbers; the granted amounts are bars. */
	mp_rtable *t = matched
	        ? rt_new(r, title, 0x3eu, 3, 7, head, _("Applied"), _("Approved"),
	                 _("Granted"), _("Paid"), _("Matched"), _("Matched:granted"))
	        : rt_new(r, title, 0x1eu, 3, 6, head, _("Applied"), _("Approved"),
	                 _("Granted"), _("Paid"), _("Matched:granted"));
	char *done = calloc((size_t)b->n + 1, 1);

	if (!done)
		mp_oom();
	for (int i = 0; order && i < order->n; i++) {
		int k = key_index(b, order->v[i]);

		if (k >= 0)
			done[k] = 1;
		by_row(t, order->v[i], k >= 0 ? &b->f[k] : NULL, matched);
	}
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < b->n; k++) {
			if (done[k] || (pass == 0) != (b->key[k] != NULL))
				continue;
			by_row(t, b->key[k] ? b->key[k] : _("(not filled in)"), &b->f[k],
			       matched);
		}
	by_row(t, _("Total"), total, matched);
	free(done);
}

static void money_row(mp_rtable *t, const char *what, int64_t fen)
{
	char buf[32];

	rt_row(t, what, money(fen, buf, sizeof buf));
}

void mp_proj_figs_rows(mp_rtable *t, const mp_proj_figs *f)
{
	char buf[32];

	rt_count(t, _("Project applications"), f->applications);
	rt_count(t, _("Projects approved"), f->approved);
	money_row(t, _("Amount requested (yuan)"), f->requested);
	money_row(t, _("Amount granted (yuan)"), f->granted);
	money_row(t, _("Amount paid (yuan)"), f->paid);
	money_row(t, _("Amount outstanding (yuan)"), f->outstanding);
	money_row(t, _("Amount reclaimed (yuan)"), f->reclaimed);
	money_row(t, _("Matched funds promised (yuan)"), f->matched_promised);
	money_row(t, _("Matched funds raised (yuan)"), f->matched_raised);
	rt_row(t, _("Leverage ratio, promised (matched : granted)"),
	       mp_leverage_format(f->matched_promised, f->granted, buf, sizeof buf));
	rt_row(t, _("Leverage ratio, raised (matched : granted)"),
	       mp_leverage_format(f->matched_raised, f->granted, buf, sizeof buf));
	rt_count(t, _("Projects stopped"), f->stopped);
	rt_count(t, _("Groups incubated by projects"), f->groups);
	rt_count(t, _("Volunteer teams formed by projects"), f->teams);
	rt_count(t, _("Project service sessions"), f->sessions);
	rt_count(t, _("People served by projects (person-times)"), f->people);
	rt_count(t, _("Mid-term evaluations passed"), f->eval_mid_pass);
	rt_count(t, _("Mid-term evaluations failed"), f->eval_mid_fail);
	rt_count(t, _("Closing evaluations passed"), f->eval_end_pass);
	rt_count(t, _("Closing evaluations failed"), f->eval_end_fail);
}

/* ---- reading the ledger ---- */

/* The applications a report counts, with what each was paid, reclaimed
 * and promised in matched funds as the report's day (?4) stands, and the
 * round it belongs to.  ROUNDS_OF_PERIOD: the rounds whose application
 * window opened in the period (a round without one: its needs call, its
 * deadline, else the day it was entered); ?5: one round.  With a
 * community (?1): the applications serving it (it is named among their
 * communities) or made by a group of it. */
#define APP_COLUMNS \
	"SELECT a.category, a.community, a.state, ifnull(a.requested, 0)," \
	" ifnull(a.granted, 0), " APP_PAID ", " APP_RECLAIMED ", " \
	APP_MATCHED_PROMISED ", r.name, ev.matched_raised," \
	" coalesce(ev.sessions, " APP_SESSIONS ")," \
	" coalesce(ev.served, " APP_SERVED ")," \
	" coalesce(ev.groups_incubated, " APP_INCUBATED(MP_INCUBATED_GROUP) ")," \
	" coalesce(ev.teams_formed, " APP_INCUBATED(MP_INCUBATED_TEAM) ")" \
	" FROM applications a JOIN rounds r ON r.id = a.round_id" \
	LAST_CLOSING APP_WHERE
#define APP_WHERE \
	" WHERE a.deleted_at IS NULL AND r.deleted_at IS NULL" \
	" AND (?1 IS NULL OR instr(a.community, ?1) > 0 OR a.group_id IN" \
	"  (SELECT g.id FROM groups g WHERE g.community = ?1))"
#define ROUND_DAY \
	"coalesce(r.apply_from, r.needs_from, r.apply_to, substr(r.created_at, 1, 10))"
#define ROUNDS_OF_PERIOD " AND " ROUND_DAY " BETWEEN ?2 AND ?3"
/* Payments or reclaims (alias t) of the period, to the report's day, of
 * the applications of the report's community. */
#define APP_FLOW_WHERE(t) \
	" WHERE " t ".deleted_at IS NULL AND a.deleted_at IS NULL" \
	" AND " t ".date BETWEEN ?2 AND ?4" \
	" AND (?1 IS NULL OR instr(a.community, ?1) > 0 OR a.group_id IN" \
	"  (SELECT g.id FROM groups g WHERE g.community = ?1))"
#define ONE_ROUND " AND r.id = ?5"

/* Matched funds promised: the agreement's (signed by the report's day),
 * else the budget lines the matched funds pay in the application. */
#define APP_MATCHED_PROMISED \
	"coalesce((SELECT ag.matched FROM agreements ag WHERE ag.app_id = a.id" \
	"  AND ag.deleted_at IS NULL AND ag.date <= ?4 ORDER BY ag.id DESC LIMIT 1)," \
	" (SELECT ifnull(sum(b.amount), 0) FROM app_budget b WHERE b.app_id = a.id" \
	"  AND b.deleted_at IS NULL AND b.paid_by = '" MP_PAID_BY_MATCHED "'))"
/* Paid and reclaimed by the report's day. */
#define APP_PAID \
	"(SELECT ifnull(sum(p.amount), 0) FROM payments p WHERE p.app_id = a.id" \
	" AND p.deleted_at IS NULL AND p.date <= ?4)"
#define APP_RECLAIMED \
	"(SELECT ifnull(sum(x.amount), 0) FROM reclaims x WHERE x.app_id = a.id" \
	" AND x.deleted_at IS NULL AND x.date <= ?4)"
/* The outcome: the latest closing evaluation's figures (held by the
 * report's day; typed there, or filled in from the project's links when
 * it was saved), else what the links count by the report's day, as the
 * project's screen does (mp_project_outcome_get): the activities it held
 * (proj_activities) and the people they served, the groups it incubated
 * and the volunteer teams it formed (proj_groups; one formed after the
 * day is not counted yet). */
#define PROJECT_ACTIVITIES(what) \
	"(SELECT " what " FROM proj_activities pa JOIN activities x" \
	"  ON x.id = pa.activity_id AND x.deleted_at IS NULL" \
	"  WHERE pa.deleted_at IS NULL AND pa.app_id = a.id AND x.date <= ?4)"
#define APP_SESSIONS PROJECT_ACTIVITIES("count(*)")
#define APP_SERVED PROJECT_ACTIVITIES("ifnull(sum(x.beneficiaries), 0)")
#define APP_INCUBATED(kind) \
	"(SELECT count(*) FROM proj_groups pg WHERE pg.deleted_at IS NULL" \
	"  AND pg.app_id = a.id AND pg.kind = '" kind "'" \
	"  AND ifnull(pg.date, '') <= ?4)"
/* The latest closing evaluation held by the report's day: the matched
 * funds raised, and the outcome figures. */
#define LAST_CLOSING \
	" LEFT JOIN evaluations ev ON ev.id = (SELECT e2.id FROM evaluations e2" \
	"  WHERE e2.app_id = a.id AND e2.deleted_at IS NULL AND e2.kind = '" \
	MP_EVAL_CLOSING "' AND e2.date <= ?4 ORDER BY e2.date DESC, e2.id DESC" \
	"  LIMIT 1)"
/* The evaluations held by the report's day of the applications counted,
 * a row for each criterion of their round: its weight, the evaluation's
 * score of it (the first entered, as mp_evaluation_outcome reads it;
 * NULL when not scored) and the round's pass mark.  One statement for
 * all: an evaluation read on its own costs a dozen. */
#define EVAL_ROWS \
	"SELECT ev.id, ev.kind, rc.weight, (SELECT s.score FROM eval_scores s" \
	"  WHERE s.deleted_at IS NULL AND s.eval_id = ev.id" \
	"  AND s.criterion = rc.criterion ORDER BY s.id LIMIT 1)," \
	" ifnull(r.pass_mark, 0), rc.id IS NULL FROM evaluations ev" \
	" JOIN applications a ON a.id = ev.app_id" \
	" JOIN rounds r ON r.id = a.round_id" \
	" LEFT JOIN round_criteria rc ON rc.round_id = r.id AND rc.deleted_at IS NULL" \
	APP_WHERE " AND ev.deleted_at IS NULL AND ev.date <= ?4"
#define EVAL_ORDER " ORDER BY ev.id, rc.id"

static int64_t col_fen(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* The report's sums: the total, by round, by category, by community. */
struct proj_sums {
	mp_proj_figs total;
	mp_proj_by round, category, community;
};

static void proj_sums_free(struct proj_sums *s)
{
	mp_proj_by_free(&s->round);
	mp_proj_by_free(&s->category);
	mp_proj_by_free(&s->community);
}

static int bind_round(mp_db *db, sqlite3_stmt *st, int64_t round_id,
                      mp_err *e)
{
	if (round_id > 0 && sqlite3_bind_int64(st, 5, round_id) != SQLITE_OK) {
		int rc = mp_db_fail(db, SQLITE_ERROR, e);

		sqlite3_finalize(st);
		return rc;
	}
	return MP_OK;
}

/* Counts one evaluation: passed or failed as mp_evaluation_outcome
 * decides (the weighted total of its scores against the pass mark), or
 * neither while a criterion has no score or the round has none. */
struct eval_acc {
	int64_t id, mark;
	int closing, n, missing;
	int64_t tenths[64], weights[64];
};

static void eval_done(struct eval_acc *a, mp_proj_figs *f)
{
	int64_t total;

	if (!a->id || a->missing || a->n == 0)
		return;
	total = mp_weighted_total(a->tenths, a->weights, a->n);
	if (total >= a->mark)
		(*(a->closing ? &f->eval_end_pass : &f->eval_mid_pass))++;
	else
		(*(a->closing ? &f->eval_end_fail : &f->eval_mid_fail))++;
}

static int read_evals(mp_db *db, const mp_report *r, const char *sql,
                      int64_t round_id, mp_proj_figs *f, mp_err *e)
{
	struct eval_acc acc;
	sqlite3_stmt *st;
	int rc = rp_prep(db, r, sql, &st, e);

	if (rc != MP_OK || (rc = bind_round(db, st, round_id, e)) != MP_OK)
		return rc;
	memset(&acc, 0, sizeof acc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		if (id != acc.id) {
			const char *kind = col_text(st, 1);

			eval_done(&acc, f);
			memset(&acc, 0, sizeof acc);
			acc.id = id;
			acc.closing = kind && strcmp(kind, MP_EVAL_CLOSING) == 0;
			acc.mark = sqlite3_column_int64(st, 4);
		}
		if (sqlite3_column_int(st, 5))   /* the round has no criteria */
			continue;
		if (sqlite3_column_type(st, 3) == SQLITE_NULL || acc.n == 64) {
			acc.missing = 1;
			continue;
		}
		acc.weights[acc.n] = sqlite3_column_int64(st, 2);
		acc.tenths[acc.n++] = sqlite3_column_int64(st, 3);
	}
	eval_done(&acc, f);
	rc = rc == SQLITE_DONE ? MP_OK : mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	return rc;
}

static int read_apps(mp_db *db, const mp_report *r, const char *sql,
                     const char *evals, int64_t round_id, struct proj_sums *s,
                     mp_err *e)
{
	sqlite3_stmt *st;
	int rc = rp_prep(db, r, sql, &st, e);

	if (rc != MP_OK || (rc = bind_round(db, st, round_id, e)) != MP_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mp_proj_app a;
		int state = mp_app_state_index(col_text(st, 2));

		memset(&a, 0, sizeof a);
		a.category = col_text(st, 0);
		a.community = col_text(st, 1);
		a.submitted = state > AS_DRAFT;
		a.approved = state >= 0 && mp_app_state_granted(state);
		a.stopped = state == AS_STOPPED;
		a.requested = col_fen(st, 3);
		a.granted = a.approved ? col_fen(st, 4) : 0;
		a.paid = col_fen(st, 5);
		a.reclaimed = col_fen(st, 6);
		a.matched_promised = a.approved ? col_fen(st, 7) : 0;
		a.matched_raised = a.approved ? col_fen(st, 9) : 0;
		mp_proj_figs_add(&s->total, &a);
		if (a.submitted) {
			s->total.sessions += (long)sqlite3_column_int64(st, 10);
			s->total.people += (long)sqlite3_column_int64(st, 11);
			s->total.groups += (long)sqlite3_column_int64(st, 12);
			s->total.teams += (long)sqlite3_column_int64(st, 13);
		}
		mp_proj_by_add(&s->round, col_text(st, 8), &a);
		mp_proj_by_add(&s->category, a.category, &a);
		mp_proj_by_community(&s->community, &a);
	}
	rc = rc == SQLITE_DONE ? MP_OK : mp_db_fail(db, rc, e);
	sqlite3_finalize(st);
	if (rc == MP_OK)
		rc = read_evals(db, r, evals, round_id, &s->total, e);
	return rc;
}

/* The tables of the applications read into s: the headline rows (in
 * the Summary of a round's report; in a table of their own after the
 * other types' in the summary report, whose Summary they would double),
 * then by round (unless one), by category, by community. */
static void proj_tables(mp_report *r, const mp_config *cfg,
                        const struct proj_sums *s, int one_round)
{
	mp_proj_figs_rows(one_round ? RP_SUMMARY(r)
	                  : rt_new(r, _("Funded projects"), 2, -1, 2, _("Figure"),
	                           _("Value")),
	                  &s->total);
	if (!one_round)
		mp_proj_by_table(r, _("Funded projects by round (yuan)"),
		                 _("Round"), &s->round, NULL, &s->total, 0);
	mp_proj_by_table(r, _("Funded projects by category (yuan)"),
	                 _("Category"), &s->category,
	                 mp_config_choices(cfg, MP_CH_PROJECT_CATEGORY), &s->total, 1);
	mp_proj_by_table(r, _("Funded projects by community (yuan)"),
	                 _("Community"), &s->community, NULL, &s->total, 1);
}

const mp_rtable *mp_proj_table(const mp_report *r)
{
	for (int i = 0; i < r->ntables; i++)
		if (strcmp(r->tables[i].title, _("Funded projects")) == 0)
			return &r->tables[i];
	return NULL;
}

int mp_project_report(mp_db *db, const mp_config *cfg, mp_report *r,
                      mp_err *e)
{
	struct proj_sums s;
	int rc;

	/* The money that moved in the period, whatever round it belongs to
	 * (a round of last year pays its last tranches this year). */
	static const char flows[] =
	        "SELECT (SELECT ifnull(sum(p.amount), 0) FROM payments p"
	        "  JOIN applications a ON a.id = p.app_id" APP_FLOW_WHERE("p") "),"
	        " (SELECT ifnull(sum(x.amount), 0) FROM reclaims x"
	        "  JOIN applications a ON a.id = x.app_id" APP_FLOW_WHERE("x") ")";
	long v[2], rounds = 0;

	/* A station that never ran or joined a round has no such tables. */
	rc = rp_one_row(db, r, "SELECT count(*) FROM rounds WHERE deleted_at IS NULL",
	                &rounds, 1, e);
	if (rc != MP_OK || rounds == 0)
		return rc;
	memset(&s, 0, sizeof s);
	rc = read_apps(db, r, APP_COLUMNS ROUNDS_OF_PERIOD,
	               EVAL_ROWS ROUNDS_OF_PERIOD EVAL_ORDER, 0, &s, e);
	if (rc == MP_OK)
		rc = rp_one_row(db, r, flows, v, 2, e);
	if (rc == MP_OK) {
		char buf[32];

		mp_rtable *t;

		proj_tables(r, cfg, &s, 0);
		/* After the rounds' own rows (proj_tables made the table). */
		t = (mp_rtable *)mp_proj_table(r);
		rt_row(t, _("Paid in the period, every round (yuan)"),
		       money(v[0], buf, sizeof buf));
		rt_row(t, _("Reclaimed in the period, every round (yuan)"),
		       money(v[1], buf, sizeof buf));
	}
	proj_sums_free(&s);
	return rc;
}

int mp_project_find_round(mp_db *db, const char *name, int64_t *id,
                          char *full, size_t size, char from[11], mp_err *e)
{
	static const char sql[] =
	        "SELECT r.id, r.name, " ROUND_DAY " FROM rounds r"
	        " WHERE r.deleted_at IS NULL AND (r.name = ?1 OR r.id = ?2)"
	        " ORDER BY r.name = ?1 DESC LIMIT 1";
	sqlite3_stmt *st;
	char *end;
	long long n = strtoll(name, &end, 10);
	int rc = mp_db_prepare(db, sql, &st, e);

	if (rc != MP_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, *name && *end == '\0' && n > 0 ? n : -1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *d = col_text(st, 2);

		*id = sqlite3_column_int64(st, 0);
		snprintf(full, size, "%s", col_text(st, 1));
		snprintf(from, 11, "%s", d && strlen(d) == 10 ? d : "2000-01-01");
		rc = MP_OK;
	} else if (rc == SQLITE_DONE) {
		rc = mp_err_set(e, MP_ENOTFOUND,
		                _("there is no round named “%s”; the Projects"
		                  " section lists the rounds"), name);
	} else {
		rc = mp_db_fail(db, rc, e);
	}
	sqlite3_finalize(st);
	return rc;
}

int mp_project_round_figures(mp_db *db, const mp_config *cfg, mp_report *r,
                             int64_t round_id, const char *name, mp_err *e)
{
	struct proj_sums s;
	int rc;

	rt_row(RP_SUMMARY(r), _("Round"), name);
	memset(&s, 0, sizeof s);
	rc = read_apps(db, r, APP_COLUMNS ONE_ROUND, EVAL_ROWS ONE_ROUND EVAL_ORDER,
	               round_id, &s, e);
	if (rc == MP_OK)
		proj_tables(r, cfg, &s, 1);
	proj_sums_free(&s);
	return rc;
}
