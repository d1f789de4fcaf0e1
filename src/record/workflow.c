/* workflow.c — a record's states, moved one declared step at a time, each
 * change dated and kept in the type's history table (mp_workflow.h).
 *
 * The state and the fields a step sets are MP_F_AUTO, so that a form, an
 * import or the command line cannot jump a record from one state to any
 * other: the only way is mp_wf_move, which refuses a step the workflow
 * does not declare and names the states that may come next. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "mp_check.h"
#include "mp_i18n.h"
#include "mp_workflow.h"
#include "record_internal.h"

int mp_wf_state_index(const mp_workflow *w, const char *name)
{
	for (int i = 0; w && name && i < w->nstates; i++)
		if (strcmp(w->states[i], name) == 0)
			return i;
	return -1;
}

int mp_wf_next_steps(const mp_workflow *w, int from, const mp_wf_step **out,
                     int max)
{
	int n = 0;

	for (int i = 0; w && i < w->nsteps; i++)
		if (w->steps[i].from == from && n < max)
			out[n++] = &w->steps[i];
	return n;
}

const mp_wf_step *mp_wf_step_between(const mp_workflow *w, int from, int to)
{
	for (int i = 0; w && i < w->nsteps; i++)
		if (w->steps[i].from == from && w->steps[i].to == to)
			return &w->steps[i];
	return NULL;
}

int mp_wf_sets(const mp_workflow *w, int i)
{
	return w && (i == w->state_field || i == w->date_field
	             || i == w->reason_field || i == w->amount_field);
}

void mp_wf_start(const mp_workflow *w, mp_record *r)
{
	char today[11];

	if (!r->v[w->state_field][0])
		mp_record_set(r, w->state_field, w->states[0]);
	if (w->date_field >= 0 && !r->v[w->date_field][0]) {
		mp_today(today);
		mp_record_set(r, w->date_field, today);
	}
}

/* The refusal of a step the workflow does not declare: what may come
 * after the state the record is in. */
static int skipped(const mp_workflow *w, const mp_record *r, int from, int to,
                   mp_err *e)
{
	const mp_field *f = &r->t->fields[w->state_field];
	const mp_wf_step *next[32];
	char list[512] = "";
	size_t len = 0;
	int n = mp_wf_next_steps(w, from, next, 32);

	if (from == to)
		return mp_err_field(e, MP_EINVAL, w->state_field, _("%s: it is “%s” already"),
		                    mp_field_label(f), w->states[to]);
	for (int i = 0; i < n && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s“%s”",
		                        i == 0 ? "" : i == n - 1 ? _(" or ") : _(", "),
		                        w->states[next[i]->to]);
	if (n == 0)
		return mp_err_field(e, MP_EINVAL, w->state_field,
		                    _("%s: “%s” is the last state; it cannot become “%s”"),
		                    mp_field_label(f), from >= 0 ? w->states[from] : "",
		                    w->states[to]);
	/* TRANSLATORS: a state skipped: 状态：“草稿”之后只能是“已申报”，不能直接改为“已评审” */
	return mp_err_field(e, MP_EINVAL, w->state_field,
	                    _("%s: after “%s” comes %s; it cannot go straight to “%s”"),
	                    mp_field_label(f), w->states[from], list, w->states[to]);
}

/* A step's date (already YYYY-MM-DD): not after today, and not before
 * the last change (last, "" when none) unless the record was in its first
 * state, whose date is only the day it was typed in. */
static int date_ok(const char *date, const char *last, int from, mp_err *e)
{
	char today[11];

	mp_today(today);
	if (strcmp(date, today) > 0)
		return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_DATE,
		                    _("Date: %s is after today"), date);
	if (from > 0 && last && last[0] && strcmp(date, last) < 0)
		return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_DATE,
		                    _("Date: %s is before the last change of state (%s)"),
		                    date, last);
	return MP_OK;
}

/* Whether a declared guard is met: a live record of g->table pointing
 * at r by g->ref_field, which g->pass (if any) takes.  *met 1 or 0. */
static int declared_met(mp_db *db, const mp_wf_guard *g, const mp_record *r,
                        int *met, mp_err *e)
{
	int64_t ids[64];
	char sql[256];
	sqlite3_stmt *st = NULL;
	int n = 0, rc, ret, i;

	*met = 0;
	/* Both names come from the table's declaration, never from typing. */
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ?1"
	         " AND deleted_at IS NULL ORDER BY id DESC LIMIT 64",
	         g->table->name, g->table->fields[g->ref_field].col);
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, r->id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n < 64) {
			ids[n++] = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	if (ret != MP_OK || n == 0 || !g->pass) {
		*met = ret == MP_OK && n > 0;
		return ret;
	}
	for (i = 0; i < n && !*met; i++) {
		mp_record *rec = NULL;

		ret = mp_record_load(db, g->table, ids[i], &rec, e);
		if (ret != MP_OK)
			return ret;
		*met = g->pass(db, r, rec);
		mp_record_free(rec);
	}
	return MP_OK;
}

int mp_wf_unmet(mp_db *db, const mp_config *cfg, const mp_record *r,
                const mp_wf_step *step, mp_record **offer, mp_err *e)
{
	if (offer)
		*offer = NULL;
	for (int i = 0; step && step->guards && step->guards[i]; i++) {
		const mp_wf_guard *g = step->guards[i];
		int met = 0, ret;

		if (g->test) {
			ret = g->test(db, cfg, r, offer, e);
			if (ret != MP_OK && e && ret == MP_EINVAL)
				e->field = MP_WF_FIELD_GUARD;
			if (ret != MP_OK)
				return ret;
			continue;
		}
		ret = declared_met(db, g, r, &met, e);
		if (ret != MP_OK)
			return ret;
		if (met)
			continue;
		if (offer) {
			char id[24];

			*offer = mp_record_new(g->table, cfg);
			snprintf(id, sizeof id, "%lld", (long long)r->id);
			mp_record_set(*offer, g->ref_field, id);
			if (g->preset)
				mp_record_set(*offer, g->preset_field, g->preset);
		}
		return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_GUARD, "%s", _(g->missing_en));
	}
	return MP_OK;
}

/* The history row of a move, from r (moved) and the state before. */
int mp_wf_history(mp_db *db, const mp_config *cfg, const mp_record *r,
                  int from, const mp_wf_step *step, mp_err *e)
{
	const mp_workflow *w = r->t->workflow;
	mp_record *h = mp_record_new(w->history, cfg);
	char id[24];
	int ret;

	snprintf(id, sizeof id, "%lld", (long long)r->id);
	mp_record_set(h, WH_RECORD, id);
	mp_record_set(h, WH_FROM, from >= 0 ? w->states[from] : "");
	mp_record_set(h, WH_TO, r->v[w->state_field]);
	mp_record_set(h, WH_DATE, w->date_field >= 0 ? r->v[w->date_field] : "");
	if (!h->v[WH_DATE][0]) {
		char today[11];

		mp_today(today);
		mp_record_set(h, WH_DATE, today);
	}
	if ((step->needs & MP_WF_REASON) && w->reason_field >= 0)
		mp_record_set(h, WH_REASON, r->v[w->reason_field]);
	if ((step->needs & MP_WF_AMOUNT) && w->amount_field >= 0)
		mp_record_set(h, WH_AMOUNT, r->v[w->amount_field]);
	mp_record_set(h, WH_BY, cfg && cfg->operator_name ? cfg->operator_name
	                        : db->operator_name ? db->operator_name : "");
	ret = mp_record_save(db, cfg, h, e);
	mp_record_free(h);
	if (ret != MP_OK && e)
		e->field = -1;   /* the history's field means nothing to the caller */
	return ret;
}

int mp_wf_on_update(mp_db *db, const mp_config *cfg, const mp_record *stored,
                    mp_record *r, int *from, const mp_wf_step **step,
                    mp_err *e)
{
	const mp_workflow *w = r->t->workflow;
	int to, ret;

	*step = NULL;
	*from = mp_wf_state_index(w, stored->v[w->state_field]);
	if (!strcmp(stored->v[w->state_field], r->v[w->state_field]))
		return MP_OK;
	to = mp_wf_state_index(w, r->v[w->state_field]);
	if (to < 0)
		return mp_err_field(e, MP_EINVAL, w->state_field, _("%s: no such state"),
		                    mp_field_label(&r->t->fields[w->state_field]));
	*step = mp_wf_step_between(w, *from, to);
	if (!*step)
		return skipped(w, r, *from, to, e);
	if (((*step)->needs & MP_WF_REASON) && w->reason_field >= 0
	    && !r->v[w->reason_field][0])
		return mp_err_field(e, MP_EINVAL, w->reason_field,
		                    _("%s: say why it becomes “%s”"),
		                    mp_field_label(&r->t->fields[w->reason_field]), w->states[to]);
	if (((*step)->needs & MP_WF_AMOUNT) && w->amount_field >= 0
	    && !r->v[w->amount_field][0])
		return mp_err_field(e, MP_EINVAL, w->amount_field, _("%s: required for this step"),
		                    mp_field_label(&r->t->fields[w->amount_field]));
	if (w->date_field >= 0) {
		/* The date of the change: typed with it, else today. */
		if (!r->v[w->date_field][0]
		    || !strcmp(r->v[w->date_field], stored->v[w->date_field])) {
			char today[11];

			mp_today(today);
			mp_record_set(r, w->date_field, today);
		}
		ret = date_ok(r->v[w->date_field], stored->v[w->date_field], *from, e);
		if (ret != MP_OK) {
			if (e)
				e->field = w->date_field;
			return ret;
		}
	}
	ret = w->check ? w->check(db, cfg, r, *step, e) : MP_OK;
	if (ret == MP_OK)
		ret = mp_wf_unmet(db, cfg, stored, *step, NULL, e);
	return ret;
}

int mp_wf_move(mp_db *db, const mp_config *cfg, mp_record *r, int to,
               const mp_wf_input *in, mp_record **theirs, mp_err *e)
{
	const mp_workflow *w = r->t->workflow;
	const mp_wf_step *step;
	static const mp_wf_input none = { "", "", "" };
	mp_record *n;
	char date[11];
	int from, ret, i;

	if (theirs)
		*theirs = NULL;
	mp_err_clear(e);
	if (!in)
		in = &none;
	if (!w || r->id <= 0)
		return mp_err_set(e, MP_EINVAL, _("this record has no states to move through"));
	if (to < 0 || to >= w->nstates)
		return mp_err_field(e, MP_EINVAL, w->state_field, _("%s: no such state"),
		                    mp_field_label(&r->t->fields[w->state_field]));
	from = mp_wf_state_index(w, r->v[w->state_field]);
	step = mp_wf_step_between(w, from, to);
	if (!step)
		return skipped(w, r, from, to, e);

	/* The date: typed as people type dates, not after today, not before
	 * the last change. */
	if (!in->date || !in->date[0])
		mp_today(date);
	else if (mp_date_parse(in->date, date) != MP_DATE_OK)
		return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_DATE,
		                    _("Date: “%s” is not a date; type it as 2024-03-05"), in->date);
	ret = date_ok(date, w->date_field >= 0 ? r->v[w->date_field] : "", from, e);
	if (ret != MP_OK)
		return ret;
	if ((step->needs & MP_WF_REASON) && (!in->reason || !in->reason[0]))
		return mp_err_field(e, MP_EINVAL, w->reason_field,
		                    _("%s: say why it becomes “%s”"),
		                    mp_field_label(&r->t->fields[w->reason_field]), w->states[to]);

	n = mp_record_dup(r);
	mp_record_set(n, w->state_field, w->states[to]);
	if (w->date_field >= 0)
		mp_record_set(n, w->date_field, date);
	if ((step->needs & MP_WF_REASON) && w->reason_field >= 0)
		mp_record_set(n, w->reason_field, in->reason);
	ret = MP_OK;
	if ((step->needs & MP_WF_AMOUNT) && w->amount_field >= 0) {
		mp_record_set(n, w->amount_field, in->amount ? in->amount : "");
		if (!n->v[w->amount_field][0])
			ret = mp_err_field(e, MP_EINVAL, w->amount_field, _("%s: required for this step"),
			                   mp_field_label(&r->t->fields[w->amount_field]));
		else
			ret = mp_field_check(cfg, n, w->amount_field, e);
	}
	if (ret == MP_OK)
		ret = mp_db_begin(db, e);
	if (ret != MP_OK) {
		mp_record_free(n);
		return ret;
	}
	if (w->check)
		ret = w->check(db, cfg, n, step, e);
	/* What the step stands for, asked of the record as it stands. */
	if (ret == MP_OK)
		ret = mp_wf_unmet(db, cfg, r, step, NULL, e);
	if (ret == MP_OK)
		ret = mp_record_save_move(db, cfg, n, theirs, e);
	if (ret == MP_OK)
		ret = mp_wf_history(db, cfg, n, from, step, e);
	if (ret == MP_OK)
		ret = mp_db_commit(db, e);
	if (ret != MP_OK) {
		mp_db_rollback(db);
		mp_record_free(n);
		return ret;
	}
	for (i = 0; i < r->t->nfields; i++)
		mp_record_set(r, i, n->v[i]);
	r->version = n->version;
	memcpy(r->updated, n->updated, sizeof r->updated);
	memcpy(r->updated_by, n->updated_by, sizeof r->updated_by);
	mp_record_free(n);
	return MP_OK;
}
