/* statedlg.c — moving a record on to its next state (mp_workflow.h):
 * which step, then what the step needs — its date, a reason, an amount —
 * each asked on its own line; the core refuses what is wrong and the same
 * line is asked again with the reason under it and what was typed kept.
 *
 * The steps the workflow allows come first; the other states follow, so
 * that someone who means to jump ahead is told what must come before. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_record.h"
#include "mp_text.h"
#include "mp_workflow.h"
#include "screen.h"
#include "ui.h"
#include "widgets.h"

#define MAXITEMS 40

static struct {
	mp_record *r;                /* the record, as loaded */
	const mp_workflow *w;
	int to[MAXITEMS];            /* each pick list item's state */
	int n;
	int target;
	const mp_wf_step *step;      /* NULL: a state no step leads to */
	char *date, *reason, *amount;
	void (*done)(void *arg);
	void *arg;
} st;

static void finish(void)
{
	mp_record_free(st.r);
	free(st.date);
	free(st.reason);
	free(st.amount);
	st.r = NULL;
	st.date = st.reason = st.amount = NULL;
}

static void keep(char **slot, const char *text)
{
	free(*slot);
	*slot = mp_strdup(text ? text : "");
}

static void ask_date(const char *why);
static void ask_reason(const char *why);
static void ask_amount(const char *why);

static void move_now(void)
{
	mp_wf_input in = { st.date ? st.date : "", st.reason ? st.reason : "",
	                   st.amount ? st.amount : "" };
	const mp_workflow *w = st.w;
	mp_record *theirs = NULL;
	char name[256];
	mp_err e;
	int ret;

	mp_err_clear(&e);
	ret = mp_wf_move(ui->db, ui->cfg, st.r, st.target, &in, &theirs, &e);
	mp_record_free(theirs);
	if (ret == MP_OK) {
		void (*done)(void *) = st.done;
		void *arg = st.arg;

		mp_record_describe(ui->db, st.r, name, sizeof name);
		ui_status(_("%s is now “%s”, since %s."), name,
		          st.r->v[w->state_field],
		          w->date_field >= 0 ? st.r->v[w->date_field] : "");
		finish();
		if (done)
			done(arg);
		return;
	}
	ui_error("%s", e.msg);
	/* The line that was refused is asked again, holding what was typed. */
	if (ret == MP_EINVAL && st.step && e.field == MP_WF_FIELD_DATE)
		ask_date(e.msg);
	else if (ret == MP_EINVAL && st.step && e.field >= 0 && e.field == w->reason_field
	         && (st.step->needs & MP_WF_REASON))
		ask_reason(e.msg);
	else if (ret == MP_EINVAL && st.step && e.field >= 0 && e.field == w->amount_field
	         && (st.step->needs & MP_WF_AMOUNT))
		ask_amount(e.msg);
	else
		finish();
}

static void amount_typed(void *arg, const char *text)
{
	(void)arg;
	if (!text) {
		finish();
		return;
	}
	keep(&st.amount, text);
	move_now();
}

static void ask_amount(const char *why)
{
	char title[256];

	snprintf(title, sizeof title, _("%s (yuan)"), _(st.w->amount_en));
	ui_prompt(title, st.amount ? st.amount : "",
	          why ? why : _("In yuan, e.g. 50000 or 5万"), amount_typed, NULL);
}

static void reason_typed(void *arg, const char *text)
{
	(void)arg;
	if (!text) {
		finish();
		return;
	}
	keep(&st.reason, text);
	if (st.step->needs & MP_WF_AMOUNT)
		ask_amount(NULL);
	else
		move_now();
}

static void ask_reason(const char *why)
{
	char title[256];

	snprintf(title, sizeof title, _("Why it becomes “%s”"), st.w->states[st.target]);
	ui_prompt(title, st.reason ? st.reason : "",
	          why ? why : _("Say why in a line; it is kept with the change"),
	          reason_typed, NULL);
}

static void date_typed(void *arg, const char *text)
{
	(void)arg;
	if (!text) {
		finish();
		return;
	}
	keep(&st.date, text);
	if (st.step->needs & MP_WF_REASON)
		ask_reason(NULL);
	else if (st.step->needs & MP_WF_AMOUNT)
		ask_amount(NULL);
	else
		move_now();
}

static void ask_date(const char *why)
{
	char title[256];

	snprintf(title, sizeof title, _("Date it became “%s”"), st.w->states[st.target]);
	ui_prompt(title, st.date ? st.date : "",
	          why ? why : _("YYYY-MM-DD; not after today"), date_typed, NULL);
}

static void step_go_on(void);

/* The record the step required was saved: the step goes on (asked
 * again, in case it still lacks something). */
static void offer_saved(void *arg, long long id)
{
	(void)arg;
	(void)id;
	if (st.r)
		step_go_on();
}

static void offer_answered(void *arg, int yes)
{
	mp_record *offer = arg;

	if (!yes || !st.r) {
		mp_record_free(offer);
		finish();
		return;
	}
	form_open_record(offer, offer_saved, NULL);
}

/* Before the date: what the step stands for (mp_workflow.h's guards).
 * When it lacks a record, the screen says which and offers to make it. */
static void step_go_on(void)
{
	mp_record *offer = NULL;
	char today[11], question[600];
	mp_err e;
	int ret;

	mp_err_clear(&e);
	ret = mp_wf_unmet(ui->db, ui->cfg, st.r, st.step, &offer, &e);
	if (ret != MP_OK) {
		ui_error("%s", e.msg);
		if (!offer) {
			finish();
			return;
		}
		/* TRANSLATORS: 先登记资助协议。现在登记吗？ */
		snprintf(question, sizeof question, _("%s. Enter it now?"), e.msg);
		ui_confirm(question, 1, offer_answered, offer);
		return;
	}
	mp_today(today);
	keep(&st.date, today);
	ask_date(NULL);
}

static void step_chosen(void *arg, int index)
{
	(void)arg;
	if (index < 0 || index >= st.n) {
		finish();
		return;
	}
	st.target = st.to[index];
	st.step = mp_wf_step_between(st.w, mp_wf_state_index(st.w, st.r->v[st.w->state_field]),
	                             st.target);
	if (!st.step) {
		/* A state skipped: the core says what must come first. */
		move_now();
		return;
	}
	step_go_on();
}

void state_dialog(const mp_table *t, long long id, void (*done)(void *arg),
                  void *arg)
{
	const mp_wf_step *next[MAXITEMS];
	char *items[MAXITEMS], name[256], title[400];
	int from, k, n;
	mp_err e;

	if (!t->workflow)
		return;
	finish();
	mp_err_clear(&e);
	if (mp_record_load(ui->db, t, id, &st.r, &e) != MP_OK) {
		ui_error("%s", e.msg);
		return;
	}
	if (st.r->deleted[0]) {
		ui_error(_("This record is in the recycle bin; restore it first."));
		finish();
		return;
	}
	st.w = t->workflow;
	st.done = done;
	st.arg = arg;
	st.n = 0;
	from = mp_wf_state_index(st.w, st.r->v[st.w->state_field]);
	n = mp_wf_next_steps(st.w, from, next, MAXITEMS);
	mp_record_describe(ui->db, st.r, name, sizeof name);
	if (n == 0) {
		ui_status(_("%s is “%s”: nothing comes after it."), name,
		          st.r->v[st.w->state_field]);
		finish();
		return;
	}
	for (k = 0; k < n; k++) {
		items[st.n] = mp_asprintf("%s → %s", _(next[k]->label_en),
		                          st.w->states[next[k]->to]);
		st.to[st.n++] = next[k]->to;
	}
	/* Then every other state, for the one who would skip ahead. */
	for (k = 0; k < st.w->nstates && st.n < MAXITEMS; k++) {
		int listed = k == from;

		for (int j = 0; j < n; j++)
			listed |= next[j]->to == k;
		if (listed)
			continue;
		items[st.n] = mp_asprintf(_("→ %s (not next)"), st.w->states[k]);
		st.to[st.n++] = k;
	}
	snprintf(title, sizeof title, _("Next step: %s, now “%s”"), name,
	         st.r->v[st.w->state_field]);
	ui_pick(title, (const char *const *)items, st.n, 0, step_chosen, NULL);
	for (k = 0; k < st.n; k++)
		free(items[k]);
}
