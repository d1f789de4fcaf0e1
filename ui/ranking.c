/* ranking.c — a round's ranking (评审排名), reached from the round's form
 * (F5): each application's reviewers' weighted totals, mean, spread,
 * votes, whether it reaches the pass mark, its state and the amount
 * granted, best first; Enter opens the application, e a reviewer's
 * record, x writes the public notice.  The figures are the core's (mp_ranking.h); the ranking is
 * loaded again when the ledger changed. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_file.h"
#include "mp_i18n.h"
#include "mp_money.h"
#include "mp_notice.h"
#include "mp_path.h"
#include "mp_ranking.h"
#include "mp_review.h"
#include "mp_text.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

struct ranking_screen {
	struct ui_screen s;
	long long round;
	mp_ranking *rk;
	long long generation;
	int cur, first, height;
	char *save_path;
};

static void load(struct ranking_screen *rs)
{
	mp_err e;

	mp_ranking_free(rs->rk);
	rs->rk = NULL;
	rs->generation = mp_db_generation(ui->db);
	mp_err_clear(&e);
	if (mp_ranking_load(ui->db, rs->round, &rs->rk, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	if (rs->cur >= rs->rk->nrows)
		rs->cur = rs->rk->nrows > 0 ? rs->rk->nrows - 1 : 0;
}

/* A score in hundredths as "85.5" ("-" when none). */
static const char *score_str(int64_t v, char *buf, size_t size)
{
	if (v < 0)
		return "-";
	return mp_decimal_format(v, 2, buf, size);
}

/* A column's heading over figures: to the right of its cols columns, a
 * blank before it. */
static void header(int y, int x, const char *text, int cols)
{
	char cut[128], h[160];
	int w;

	mp_text_ellipsis(cut, sizeof cut, text, cols - 1);
	w = mp_text_width(cut);
	snprintf(h, sizeof h, "%*s%s", cols - w, "", cut);
	ui_put(y, x, h, cols, R_HEADER);
}

/* The columns: 名次 5, 项目 and 组织 share what is left, a reviewer 7
 * each (as many as fit), 平均 7, 极差 6, 票数 6 (rounds with votes),
 * 结果 5, 资助金额 11. */
static void rk_draw(struct ui_screen *s, int top, int height)
{
	struct ranking_screen *rs = (struct ranking_screen *)s;
	const mp_ranking *rk;
	char line[512], buf[64], b2[64];
	int fixed, nrev, name_w, x, y, j;

	if (!rs->rk || rs->generation != mp_db_generation(ui->db))
		load(rs);
	rk = rs->rk;
	rs->height = height;
	if (!rk) {
		ui_put(top, 0, _("The ranking could not be made."), COLS, R_TITLE);
		for (y = 1; y < height; y++)
			ui_put(top + y, 0, "", COLS, R_NORMAL);
		return;
	}
	if (rk->pass_mark > 0)
		snprintf(buf, sizeof buf, "%s", mp_decimal_format(rk->pass_mark, 1, b2, sizeof b2));
	else
		snprintf(buf, sizeof buf, "%s", _("none"));
	snprintf(line, sizeof line, _("Ranking: %s · pass mark %s · pool left %s"),
	         rk->round, buf, mp_money_format(rk->pool_left, 1, b2, sizeof b2));
	ui_put_cut(top, 0, line, COLS, R_TITLE);

	fixed = 5 + 7 + 6 + (rk->votes_used ? 6 : 0) + 5 + 11;
	nrev = rk->nrev;
	while (nrev > 0 && COLS - fixed - nrev * 7 < 16)
		nrev--;
	name_w = COLS - fixed - nrev * 7;

	x = 0;
	ui_put(top + 1, x, _("No."), 5, R_HEADER); x += 5;
	ui_put_cut(top + 1, x, _("Project (group)"), name_w, R_HEADER); x += name_w;
	for (j = 0; j < nrev; j++) {
		header(top + 1, x, rk->rev_name[j], 7);
		x += 7;
	}
	header(top + 1, x, _("Mean"), 7); x += 7;
	header(top + 1, x, _("Range"), 6); x += 6;
	if (rk->votes_used) {
		header(top + 1, x, _("Votes"), 6);
		x += 6;
	}
	header(top + 1, x, _("Pass"), 5); x += 5;
	header(top + 1, x, _("Granted"), 11);

	if (rk->nrows == 0) {
		ui_put(top + 2, 0, _("No application of this round has passed the eligibility check yet."),
		       COLS, R_DIM);
		for (y = 3; y < height; y++)
			ui_put(top + y, 0, "", COLS, R_NORMAL);
		return;
	}
	if (rs->cur < rs->first)
		rs->first = rs->cur;
	if (rs->cur >= rs->first + height - 2)
		rs->first = rs->cur - (height - 3);
	for (y = 2; y < height; y++) {
		int row = rs->first + y - 2;
		const mp_rank_row *w;
		enum ui_role role;
		char name[256], cell[64];

		if (row >= rk->nrows) {
			ui_put(top + y, 0, "", COLS, R_NORMAL);
			continue;
		}
		w = &rk->rows[row];
		role = row == rs->cur ? R_SELECTED : R_NORMAL;
		x = 0;
		snprintf(cell, sizeof cell, "%3d", row + 1);
		ui_put(top + y, x, cell, 5, role); x += 5;
		snprintf(name, sizeof name, "%s（%s）", w->name, w->group);
		ui_put_cut(top + y, x, name, name_w, role); x += name_w;
		for (j = 0; j < nrev; j++) {
			snprintf(cell, sizeof cell, "%7s", score_str(w->totals[j], buf, sizeof buf));
			ui_put(top + y, x, cell, 7, role);
			x += 7;
		}
		snprintf(cell, sizeof cell, "%7s", score_str(w->st.mean, buf, sizeof buf));
		ui_put(top + y, x, cell, 7, role); x += 7;
		snprintf(cell, sizeof cell, "%6s", score_str(w->st.spread, buf, sizeof buf));
		ui_put(top + y, x, cell, 6, role); x += 6;
		if (rk->votes_used) {
			snprintf(cell, sizeof cell, "%6lld", (long long)w->votes);
			ui_put(top + y, x, cell, 6, role);
			x += 6;
		}
		snprintf(cell, sizeof cell, " %s", w->st.mean < 0 ? "" : w->pass ? _("yes") : _("no"));
		ui_put(top + y, x, cell, 5, role); x += 5;
		if (w->granted >= 0) {
			char m[32];

			snprintf(cell, sizeof cell, "%11s", mp_money_format(w->granted, 1, m, sizeof m));
		} else {
			snprintf(cell, sizeof cell, "%11s", "");
		}
		ui_put(top + y, x, cell, 11, role);
	}
	/* The state of the application under the cursor, on the status line's
	 * behalf: which ones are approved matters as much as the score. */
	if (rs->cur < rk->nrows) {
		const mp_rank_row *w = &rk->rows[rs->cur];
		char m[32];

		snprintf(line, sizeof line, _("%s: %s · requested %s"), w->name, w->state,
		         mp_money_format(w->requested, 1, m, sizeof m));
		ui_put_cut(top + height - 1, 0, line, COLS, R_DIM);
	}
}

/* ---- the public notice ---- */

struct notice_job {
	long long round;
	char start[11], end[11];
};

static int notice_writer(void *ctx, FILE *f, mp_err *e)
{
	struct notice_job *j = ctx;

	return mp_notice_make(ui->db, ui->cfg, j->round, NULL, f, j->start, j->end, e);
}

static void write_notice(struct ranking_screen *rs, const char *typed)
{
	struct notice_job j = { .round = rs->round };
	char *path = mp_path_expand(typed);
	mp_err e;

	mp_err_clear(&e);
	if (mp_write_file(path, notice_writer, &j, &e) == MP_OK)
		ui_status(_("Public notice (%s to %s) written to %s"), j.start, j.end, path);
	else
		ui_error("%s", e.msg);
	free(path);
}

static void replace_answer(void *arg, int yes)
{
	struct ranking_screen *rs = arg;

	if (yes)
		write_notice(rs, rs->save_path);
	else
		ui_status(_("Not saved: the file that is there is kept."));
	free(rs->save_path);
	rs->save_path = NULL;
}

static void got_path(void *arg, const char *text)
{
	struct ranking_screen *rs = arg;

	if (!text || !*text)
		return;
	if (mp_path_exists(text)) {
		char *q = mp_asprintf(_("“%s” is already there. Replace it?"), text);

		free(rs->save_path);
		rs->save_path = mp_strdup(text);
		ui_confirm(q, 0, replace_answer, rs);
		free(q);
		return;
	}
	write_notice(rs, text);
}

static void ask_notice(struct ranking_screen *rs)
{
	char *initial;

	if (!rs->rk)
		return;
	/* TRANSLATORS: the file name offered for a round's public notice. */
	{
		char *name = mp_asprintf(_("~/%s-public-notice"), rs->rk->round);

		initial = mp_asprintf("%s.html", name);
		free(name);
	}
	for (char *p = initial + 2; *p; p++)
		if (*p == '/')
			*p = '-';
	ui_prompt_path(_("Write the public notice to"), initial,
	               _("A file name; ~ is your home folder; Tab completes"),
	               got_path, rs);
	free(initial);
}

/* ---- the reviewers ---- */

static void reviewer_chosen(void *arg, long long id, const char *name)
{
	(void)arg;
	(void)name;
	if (id > 0)
		form_open(&mp_reviewers, id, NULL, NULL);
}

static int rk_key(struct ui_screen *s, wint_t ch, int is_key)
{
	struct ranking_screen *rs = (struct ranking_screen *)s;
	int n = rs->rk ? rs->rk->nrows : 0;
	int page = rs->height > 3 ? rs->height - 3 : 1;

	switch (keys_lookup(CTX_RANKING, ch, is_key)) {
	case A_UP: if (rs->cur > 0) rs->cur--; break;
	case A_DOWN: if (rs->cur < n - 1) rs->cur++; break;
	case A_PGUP: rs->cur = rs->cur > page ? rs->cur - page : 0; break;
	case A_PGDN: rs->cur = rs->cur + page < n ? rs->cur + page : (n > 0 ? n - 1 : 0); break;
	case A_HOME: rs->cur = 0; break;
	case A_END: rs->cur = n > 0 ? n - 1 : 0; break;
	case A_OPEN:
		if (rs->cur < n)
			/* The applications' table through the scores' reference
			 * to it: mp_project.h's field names clash with keys.h's
			 * actions (A_END, A_COMMUNITY). */
			form_open(mp_review_scores.fields[SC_APP].ref,
			          rs->rk->rows[rs->cur].app_id, NULL, NULL);
		break;
	case A_EXPORT: ask_notice(rs); break;
	case A_EDIT: listview_pick(&mp_reviewers, NULL, reviewer_chosen, NULL); break;
	case A_BACK: ui_pop(); break;
	default: return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static void rk_destroy(struct ui_screen *s)
{
	struct ranking_screen *rs = (struct ranking_screen *)s;

	mp_ranking_free(rs->rk);
	free(rs->save_path);
	free(rs);
}

static unsigned rk_ctx(struct ui_screen *s)
{
	(void)s;
	return CTX_RANKING;
}

static const struct ui_screen_ops ranking_ops = {
	rk_draw, rk_key, rk_destroy, NULL, rk_ctx
};

void ranking_open(long long round_id)
{
	struct ranking_screen *rs = calloc(1, sizeof *rs);

	if (!rs)
		mp_oom();
	rs->s.ops = &ranking_ops;
	rs->round = round_id;
	ui_push(&rs->s);
}
