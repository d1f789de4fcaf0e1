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

	snprintf(title, sizeof title, _("Why it becomes “%s”"),
	         mp_wf_state_name(st.w, ui->cfg, st.target));
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

	snprintf(title, sizeof title, _("Date it became “%s”"),
	         mp_wf_state_name(st.w, ui->cfg, st.target));
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
	st.step = mp_wf_step_between(st.w, mp_wf_state_index_cfg(st.w, ui->cfg,
	                                                         st.r->v[st.w->state_field]),
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
	from = mp_wf_state_index_cfg(st.w, ui->cfg, st.r->v[st.w->state_field]);
	n = mp_wf_next_steps(st.w, from, next, MAXITEMS);
	mp_record_describe(ui->db, st.r, name, sizeof name);
	/* Any state to any other (a group's stage): every other state. */
	if (st.w->any_step) {
		for (k = 0; k < mp_wf_nstates(st.w, ui->cfg) && st.n < MAXITEMS; k++)
			if (k != from) {
				items[st.n] = mp_asprintf("%s → %s", _(st.w->any_step->label_en),
				                          mp_wf_state_name(st.w, ui->cfg, k));
				st.to[st.n++] = k;
			}
		n = st.n;
	}
	if (n == 0) {
		ui_status(_("%s is “%s”: nothing comes after it."), name,
		          st.r->v[st.w->state_field]);
		finish();
		return;
	}
	for (k = 0; k < n && !st.w->any_step; k++) {
		items[st.n] = mp_asprintf("%s → %s", _(next[k]->label_en),
		                          st.w->states[next[k]->to]);
		st.to[st.n++] = next[k]->to;
	}
	/* Then every other state, for the one who would skip ahead. */
	for (k = 0; k < st.w->nstates && st.n < MAXITEMS && !st.w->any_step; k++) {
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

/* ---- a form's save that changes the state (mp_wf_asks_on_save) ----
 * The date (today unless typed), then the reason, each refused on its
 * own line with the reason under it and what was typed kept; Esc goes
 * back to the form, which still holds everything typed, and the next
 * save asks again with what was typed here. */

static struct {
	mp_record *stored;           /* the record as the form loaded it */
	char target[128];            /* the new state */
	long long id;                /* whose answers these are */
	char *date, *reason;         /* what was typed, kept past an Esc */
	void (*done)(void *arg, mp_wf_input *in);
	void *arg;
} sv;

static void sv_ask_date(const char *why);
static void sv_ask_reason(const char *why);
static void sv_end(mp_wf_input *in);

/* Esc: what was typed on the line is kept for the next save. */
static void sv_date_left(void *arg, const char *text)
{
	(void)arg;
	keep(&sv.date, text);
	sv_end(NULL);
}

static void sv_reason_left(void *arg, const char *text)
{
	(void)arg;
	keep(&sv.reason, text);
	sv_end(NULL);
}

static void sv_end(mp_wf_input *in)
{
	void (*done)(void *, mp_wf_input *) = sv.done;
	void *arg = sv.arg;

	mp_record_free(sv.stored);
	sv.stored = NULL;
	sv.done = NULL;
	if (done)
		done(arg, in);
}

void state_input_free(mp_wf_input *in)
{
	if (!in)
		return;
	free((char *)in->date);
	free((char *)in->reason);
	free(in);
}

static void sv_reason_typed(void *arg, const char *text)
{
	mp_wf_input *in;
	char *t;

	(void)arg;
	if (!text) {
		sv_end(NULL);
		return;
	}
	keep(&sv.reason, text);
	t = mp_strdup(text);
	if (!mp_trim(t)[0]) {
		free(t);
		ui_error("%s", _("Say why the stage changed; it is kept with the change"));
		sv_ask_reason(_("Say why the stage changed; it is kept with the change"));
		return;
	}
	in = calloc(1, sizeof *in);
	if (!in)
		mp_oom();
	in->date = mp_strdup(sv.date ? sv.date : "");
	in->reason = t;
	in->amount = "";
	sv_end(in);
}

static void sv_ask_reason(const char *why)
{
	char title[256];

	/* TRANSLATORS: 发展阶段变为“成长期”的原因 */
	snprintf(title, sizeof title, _("Why the stage became “%s”"), sv.target);
	ui_prompt_esc(title, sv.reason ? sv.reason : "",
	              why ? why : _("Say why in a line; it is kept with the change"),
	              sv_reason_typed, sv_reason_left, NULL);
}

static void sv_date_typed(void *arg, const char *text)
{
	char date[11];
	mp_err e;

	(void)arg;
	if (!text) {
		sv_end(NULL);
		return;
	}
	keep(&sv.date, text);
	mp_err_clear(&e);
	if (mp_wf_check_date(ui->db, sv.stored, text, date, &e) != MP_OK) {
		ui_error("%s", e.msg);
		sv_ask_date(e.msg);
		return;
	}
	keep(&sv.date, date);
	sv_ask_reason(NULL);
}

static void sv_ask_date(const char *why)
{
	char title[256], hint[256], last[11] = "";
	mp_err e;

	/* TRANSLATORS: 发展阶段变为“成长期”的日期 */
	snprintf(title, sizeof title, _("Date the stage became “%s”"), sv.target);
	mp_err_clear(&e);
	if (mp_wf_last_date(ui->db, sv.stored, last, &e) == MP_OK && last[0])
		snprintf(hint, sizeof hint, _("YYYY-MM-DD; not after today, not before the last change (%s)"),
		         last);
	else
		snprintf(hint, sizeof hint, "%s", _("YYYY-MM-DD; not after today"));
	ui_prompt_esc(title, sv.date ? sv.date : "", why ? why : hint, sv_date_typed,
	              sv_date_left, NULL);
}

void state_ask_on_save(const mp_record *stored, const mp_record *typed,
                       void (*done)(void *arg, mp_wf_input *in), void *arg)
{
	const mp_workflow *w = typed->t->workflow;
	const char *target = typed->v[w->state_field];

	/* Another record or another stage: what was typed before is not
	 * this change's. */
	if (sv.id != stored->id || strcmp(sv.target, target)) {
		char today[11];

		mp_today(today);
		keep(&sv.date, today);
		keep(&sv.reason, "");
	}
	mp_record_free(sv.stored);
	sv.stored = mp_record_dup(stored);
	sv.id = stored->id;
	snprintf(sv.target, sizeof sv.target, "%s", target);
	sv.done = done;
	sv.arg = arg;
	sv_ask_date(NULL);
}

void state_forget_typed(void)
{
	sv.id = 0;
	sv.target[0] = '\0';
}
