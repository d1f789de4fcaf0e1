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
#include "mp_registry.h"
#include "mp_text.h"
#include "mp_workflow.h"
#include "record_internal.h"

int mp_wf_state_index(const mp_workflow *w, const char *name)
{
	for (int i = 0; w && name && i < w->nstates; i++)
		if (strcmp(w->states[i], name) == 0)
			return i;
	return -1;
}

int mp_wf_nstates(const mp_workflow *w, const mp_config *cfg)
{
	if (!w)
		return 0;
	if (w->states_choice)
		return cfg ? mp_config_choices(cfg, w->states_choice)->n : 0;
	return w->nstates;
}

const char *mp_wf_state_name(const mp_workflow *w, const mp_config *cfg, int i)
{
	if (!w || i < 0 || i >= mp_wf_nstates(w, cfg))
		return "";
	if (w->states_choice)
		return mp_config_choices(cfg, w->states_choice)->v[i];
	return w->states[i];
}

int mp_wf_state_index_cfg(const mp_workflow *w, const mp_config *cfg,
                          const char *name)
{
	if (w && w->states_choice)
		return cfg && name ? mp_strlist_find(mp_config_choices(cfg, w->states_choice), name)
		                   : -1;
	return mp_wf_state_index(w, name);
}

/* The history table's field of k (enum mp_wf_history_field); -1 none. */
static int hf(const mp_workflow *w, int k)
{
	return w->history_map ? w->history_map[k] : k;
}

static void hset(const mp_workflow *w, mp_record *h, int k, const char *v)
{
	if (hf(w, k) >= 0)
		mp_record_set(h, hf(w, k), v ? v : "");
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
	/* Any state to any other: from may be -1 (a state the settings no
	 * longer list, or none yet). */
	if (w && w->any_step)
		return to >= 0 && from != to ? w->any_step : NULL;
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

	/* A settings list of states or a timeline: the record's own field
	 * says where it starts (a group's defaults), or nowhere yet. */
	if (w->states_choice || (w->wflags & MP_WF_TIMELINE))
		return;
	if (!r->v[w->state_field][0])
		mp_record_set(r, w->state_field, w->states[0]);
	if (w->date_field >= 0 && !r->v[w->date_field][0]) {
		mp_today(today);
		mp_record_set(r, w->date_field, today);
	}
}

/* The refusal of a step the workflow does not declare: what may come
 * after the state the record is in. */
static int skipped(const mp_workflow *w, const mp_config *cfg,
                   const mp_record *r, int from, int to, mp_err *e)
{
	const mp_field *f = &r->t->fields[w->state_field];
	const mp_wf_step *next[32];
	char list[512] = "";
	size_t len = 0;
	int n = mp_wf_next_steps(w, from, next, 32);

	if (from == to)
		return mp_err_field(e, MP_EINVAL, w->state_field, _("%s: it is “%s” already"),
		                    mp_field_label(f), mp_wf_state_name(w, cfg, to));
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
                  const char *from, const mp_wf_step *step,
                  const mp_wf_input *in, mp_err *e)
{
	const mp_workflow *w = r->t->workflow;
	mp_record *h = mp_record_new(w->history, cfg);
	char id[24], today[11];
	int ret;

	snprintf(id, sizeof id, "%lld", (long long)r->id);
	hset(w, h, WH_RECORD, id);
	hset(w, h, WH_FROM, from);
	hset(w, h, WH_TO, r->v[w->state_field]);
	mp_today(today);
	hset(w, h, WH_DATE, w->date_field >= 0 && r->v[w->date_field][0] ? r->v[w->date_field]
	                    : in && in->date && in->date[0] ? in->date : today);
	if (w->reason_field >= 0 && (step->needs & MP_WF_REASON))
		hset(w, h, WH_REASON, r->v[w->reason_field]);
	else if (w->reason_field < 0 && in)
		hset(w, h, WH_REASON, in->reason);
	if ((step->needs & MP_WF_AMOUNT) && w->amount_field >= 0)
		hset(w, h, WH_AMOUNT, r->v[w->amount_field]);
	hset(w, h, WH_BY, cfg && cfg->operator_name ? cfg->operator_name
	                  : db->operator_name ? db->operator_name : "");
	ret = mp_record_save(db, cfg, h, e);
	mp_record_free(h);
	if (ret != MP_OK && e)
		e->field = -1;   /* the history's field means nothing to the caller */
	return ret;
}

/* The first entry of a new record of a timeline (from nothing), dated by
 * its start field or today. */
int mp_wf_history_start(mp_db *db, const mp_config *cfg, const mp_record *r,
                        mp_err *e)
{
	const mp_workflow *w = r->t->workflow;
	mp_wf_input in = { "", "", "" };
	char date[11];

	if (!w || !(w->wflags & MP_WF_TIMELINE) || !r->v[w->state_field][0])
		return MP_OK;
	if (w->start_date_field >= 0
	    && mp_date_parse(r->v[w->start_date_field], date) == MP_DATE_OK)
		in.date = date;
	return mp_wf_history(db, cfg, r, "", w->any_step ? w->any_step : &w->steps[0],
	                     &in, e);
}

int mp_wf_on_update(mp_db *db, const mp_config *cfg, const mp_record *stored,
                    mp_record *r, const mp_wf_input *in, char date[11],
                    int *from, const mp_wf_step **step, mp_err *e)
{
	const mp_workflow *w = r->t->workflow;
	int to, ret;

	*step = NULL;
	date[0] = '\0';
	*from = mp_wf_state_index_cfg(w, cfg, stored->v[w->state_field]);
	if (!strcmp(stored->v[w->state_field], r->v[w->state_field]))
		return MP_OK;
	to = mp_wf_state_index_cfg(w, cfg, r->v[w->state_field]);
	if (to < 0)
		return mp_err_field(e, MP_EINVAL, w->state_field, _("%s: no such state"),
		                    mp_field_label(&r->t->fields[w->state_field]));
	*step = mp_wf_step_between(w, *from, to);
	if (!*step)
		return skipped(w, cfg, r, *from, to, e);
	if (((*step)->needs & MP_WF_REASON) && w->reason_field >= 0
	    && !r->v[w->reason_field][0])
		return mp_err_field(e, MP_EINVAL, w->reason_field,
		                    _("%s: say why it becomes “%s”"),
		                    mp_field_label(&r->t->fields[w->reason_field]),
		                    mp_wf_state_name(w, cfg, to));
	/* Kept in the history only: the reason and date come with the save. */
	if (((*step)->needs & MP_WF_REASON) && w->reason_field < 0
	    && (!in || !in->reason || !in->reason[0]))
		return mp_err_field(e, MP_EINVAL, w->state_field,
		                    _("%s: say why it becomes “%s”"),
		                    mp_field_label(&r->t->fields[w->state_field]),
		                    mp_wf_state_name(w, cfg, to));
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
	} else {
		ret = mp_wf_check_date(db, stored, in ? in->date : "", date, e);
		if (ret != MP_OK)
			return ret;
	}
	ret = w->check ? w->check(db, cfg, r, *step, e) : MP_OK;
	if (ret == MP_OK)
		ret = mp_wf_unmet(db, cfg, stored, *step, NULL, e);
	return ret;
}

int mp_wf_asks_on_save(const mp_record *stored, const mp_record *r)
{
	const mp_workflow *w = r ? r->t->workflow : NULL;

	return w && (w->wflags & MP_WF_TIMELINE) && w->date_field < 0
	       && stored && stored->id > 0
	       && strcmp(stored->v[w->state_field], r->v[w->state_field]) != 0;
}

int mp_wf_last_date(mp_db *db, const mp_record *r, char last[11], mp_err *e)
{
	const mp_workflow *w = r->t->workflow;
	const mp_table *ht;
	sqlite3_stmt *st = NULL;
	char sql[300];
	int ret, rc;

	last[0] = '\0';
	if (!w || r->id <= 0)
		return MP_OK;
	ht = w->history;
	/* The names come from the declarations, never from typing. */
	snprintf(sql, sizeof sql, "SELECT max(%s) FROM %s WHERE %s = ?1"
	         " AND deleted_at IS NULL", ht->fields[hf(w, WH_DATE)].col, ht->name,
	         ht->fields[hf(w, WH_RECORD)].col);
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, r->id);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		snprintf(last, 11, "%s", v ? v : "");
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

int mp_wf_check_date(mp_db *db, const mp_record *r, const char *typed,
                     char out[11], mp_err *e)
{
	char last[11];
	int ret;

	if (!typed || !typed[0])
		mp_today(out);
	else if (mp_date_parse(typed, out) != MP_DATE_OK)
		return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_DATE,
		                    _("Date: “%s” is not a date; type it as 2024-03-05"), typed);
	ret = mp_wf_last_date(db, r, last, e);
	if (ret != MP_OK)
		return ret;
	/* The first entry of a timeline is where it was found, not a step:
	 * any later date may follow it, none earlier. */
	return date_ok(out, last, 1, e);
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
	if (to < 0 || to >= mp_wf_nstates(w, cfg))
		return mp_err_field(e, MP_EINVAL, w->state_field, _("%s: no such state"),
		                    mp_field_label(&r->t->fields[w->state_field]));
	from = mp_wf_state_index_cfg(w, cfg, r->v[w->state_field]);
	step = mp_wf_step_between(w, from, to);
	if (!step)
		return skipped(w, cfg, r, from, to, e);

	/* The date: typed as people type dates, not after today, not before
	 * the last change. */
	if (w->date_field < 0 && (w->wflags & MP_WF_TIMELINE)) {
		ret = mp_wf_check_date(db, r, in->date, date, e);
	} else if (!in->date || !in->date[0]) {
		mp_today(date);
		ret = MP_OK;
	} else if (mp_date_parse(in->date, date) != MP_DATE_OK) {
		return mp_err_field(e, MP_EINVAL, MP_WF_FIELD_DATE,
		                    _("Date: “%s” is not a date; type it as 2024-03-05"), in->date);
	} else {
		ret = date_ok(date, w->date_field >= 0 ? r->v[w->date_field] : "", from, e);
	}
	if (ret != MP_OK)
		return ret;
	if ((step->needs & MP_WF_REASON) && (!in->reason || !in->reason[0]))
		return mp_err_field(e, MP_EINVAL,
		                    w->reason_field >= 0 ? w->reason_field : w->state_field,
		                    _("%s: say why it becomes “%s”"),
		                    mp_field_label(&r->t->fields[w->reason_field >= 0
		                                                 ? w->reason_field : w->state_field]),
		                    mp_wf_state_name(w, cfg, to));

	n = mp_record_dup(r);
	mp_record_set(n, w->state_field, mp_wf_state_name(w, cfg, to));
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
	if (ret == MP_OK) {
		mp_wf_input done = { date, in->reason, in->amount };

		ret = mp_wf_history(db, cfg, n, r->v[w->state_field], step, &done, e);
	}
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

/* ---- a timeline's entries saved, binned and restored on their own ---- */

/* One row of sql (its parameters: the record's id, then text a and b when
 * not NULL): the first column's integer into *id (when id is not NULL)
 * and the second's text into out; *found 1 or 0. */
static int row_of(mp_db *db, const char *sql, int64_t rid, const char *a,
                  const char *b, int64_t *id, char *out, size_t size,
                  int *found, mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int ret, rc;

	*found = 0;
	out[0] = '\0';
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, rid);
	if (rc == SQLITE_OK && a)
		rc = sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && b)
		rc = sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 1);

		*found = 1;
		if (id)
			*id = sqlite3_column_int64(st, 0);
		snprintf(out, size, "%s", v ? v : "");
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

/* Run one write (?1 text or NULL for none, ?2 the id). */
static int write_of(mp_db *db, const char *sql, const char *v, int64_t id,
                    mp_err *e)
{
	sqlite3_stmt *st = NULL;
	int ret, rc;

	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = v ? sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, 1);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	return ret;
}

/* The record's state becomes state (when it is another). */
static int set_state(mp_db *db, const mp_workflow *w, const mp_table *rt,
                     int64_t rid, const char *state, mp_err *e)
{
	char sql[300];

	snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?1, version = version + 1"
	         " WHERE id = ?2 AND %s IS NOT ?1", rt->name,
	         rt->fields[w->state_field].col, rt->fields[w->state_field].col);
	return write_of(db, sql, state, rid, e);
}

int mp_wf_entry_prepare(mp_db *db, const mp_config *cfg,
                        const mp_workflow *w, mp_record *h, mp_err *e)
{
	const mp_table *ht = w->history, *rt = ht->fields[hf(w, WH_RECORD)].ref;
	const char *rcol = ht->fields[hf(w, WH_RECORD)].col;
	const char *dcol = ht->fields[hf(w, WH_DATE)].col;
	const char *fcol = ht->fields[hf(w, WH_FROM)].col;
	const char *tcol = ht->fields[hf(w, WH_TO)].col;
	const char *to = h->v[hf(w, WH_TO)];
	char sql[400], prev[256], next[256], date[11];
	int64_t rid = strtoll(h->v[hf(w, WH_RECORD)], NULL, 10), next_id = 0;
	int ret, found, has_next;

	if (hf(w, WH_BY) >= 0 && !h->v[hf(w, WH_BY)][0] && h->id == 0)
		hset(w, h, WH_BY, cfg && cfg->operator_name ? cfg->operator_name
		                  : db->operator_name ? db->operator_name : "");
	if (h->id > 0) {
		/* Saved already: what it says happened stays; only the words
		 * about it (the reason) may be corrected. */
		mp_record *old = NULL;
		static const int fixed[] = { WH_RECORD, WH_TO, WH_DATE };

		ret = mp_record_load(db, ht, h->id, &old, e);
		if (ret != MP_OK)
			return ret;
		for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
			if (strcmp(old->v[hf(w, fixed[k])], h->v[hf(w, fixed[k])])) {
				int f = hf(w, fixed[k]);

				mp_record_free(old);
				return mp_err_field(e, MP_EINVAL, f,
				                    _("%s: a recorded change keeps it; move the change to the recycle bin and add it again"),
				                    mp_field_label(&ht->fields[f]));
			}
		hset(w, h, WH_FROM, old->v[hf(w, WH_FROM)]);
		mp_record_free(old);
		return MP_OK;
	}
	if (mp_date_parse(h->v[hf(w, WH_DATE)], date) != MP_DATE_OK || rid <= 0 || !rt)
		return MP_OK;   /* the field checks refuse it */
	/* Where the entry falls: the change before it (on its date or
	 * earlier, the one saved last first) and the one after it. */
	snprintf(sql, sizeof sql, "SELECT id, %s FROM %s WHERE %s = ?1 AND deleted_at IS NULL"
	         " AND %s <= ?2 ORDER BY %s DESC, id DESC LIMIT 1", tcol, ht->name, rcol,
	         dcol, dcol);
	ret = row_of(db, sql, rid, date, NULL, NULL, prev, sizeof prev, &found, e);
	if (ret == MP_OK) {
		snprintf(sql, sizeof sql, "SELECT id, %s FROM %s WHERE %s = ?1 AND deleted_at IS NULL"
		         " AND %s > ?2 ORDER BY %s, id LIMIT 1", tcol, ht->name, rcol, dcol, dcol);
		ret = row_of(db, sql, rid, date, NULL, &next_id, next, sizeof next, &has_next, e);
	}
	if (ret != MP_OK)
		return ret;
	if (!strcmp(prev, to))
		return mp_err_field(e, MP_EINVAL, hf(w, WH_TO),
		                    _("%s: it was “%s” already on %s"),
		                    mp_field_label(&ht->fields[hf(w, WH_TO)]), to, date);
	if (has_next && !strcmp(next, to))
		return mp_err_field(e, MP_EINVAL, hf(w, WH_TO),
		                    _("%s: the next change recorded, after %s, is to “%s” too"),
		                    mp_field_label(&ht->fields[hf(w, WH_TO)]), date, to);
	/* The timeline mended: this entry starts where the one before it
	 * ended, the next one starts where this one ends. */
	hset(w, h, WH_FROM, prev);
	if (has_next) {
		snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?1 WHERE id = ?2", ht->name, fcol);
		return write_of(db, sql, to, next_id, e);
	}
	return set_state(db, w, rt, rid, to, e);
}

/* The workflow whose history t is; NULL when none. */
static const mp_workflow *history_of(const mp_table *t)
{
	for (int i = 0; i < mp_registry_count(); i++) {
		const mp_table *rt = mp_registry_get(i);

		if (rt->workflow && rt->workflow->history == t)
			return rt->workflow;
	}
	return NULL;
}

int mp_wf_entry_binned(mp_db *db, const mp_table *t, int64_t id, mp_err *e)
{
	const mp_workflow *w = history_of(t);
	const mp_table *rt;
	sqlite3_stmt *st = NULL;
	char sql[400], prev[256] = "", to[256];
	int64_t rid, *fix = NULL;
	char **fixv = NULL;
	size_t nfix = 0, cap = 0;
	int ret, rc, found, n = 0;

	if (!w || !(w->wflags & MP_WF_TIMELINE))
		return MP_OK;
	rt = t->fields[hf(w, WH_RECORD)].ref;
	snprintf(sql, sizeof sql, "SELECT %s, '' FROM %s WHERE id = ?1",
	         t->fields[hf(w, WH_RECORD)].col, t->name);
	ret = row_of(db, sql, id, NULL, NULL, &rid, to, sizeof to, &found, e);
	if (ret != MP_OK || !found)
		return ret;
	/* The live entries in order: each must start where the one before it
	 * ended; those that do not are mended after the walk. */
	snprintf(sql, sizeof sql, "SELECT id, ifnull(%s, ''), ifnull(%s, '') FROM %s"
	         " WHERE %s = ?1 AND deleted_at IS NULL ORDER BY %s, id",
	         t->fields[hf(w, WH_FROM)].col, t->fields[hf(w, WH_TO)].col, t->name,
	         t->fields[hf(w, WH_RECORD)].col, t->fields[hf(w, WH_DATE)].col);
	ret = mp_db_cached(db, sql, &st, e);
	if (ret != MP_OK)
		return ret;
	rc = sqlite3_bind_int64(st, 1, rid);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *from = (const char *)sqlite3_column_text(st, 1);

		if (strcmp(from, prev)) {
			if (nfix == cap) {
				cap = cap ? 2 * cap : 8;
				int64_t *nf = realloc(fix, cap * sizeof *fix);
				char **nv = nf ? realloc(fixv, cap * sizeof *fixv) : NULL;

				if (!nf || !nv)
					mp_oom();
				fix = nf;
				fixv = nv;
			}
			fix[nfix] = sqlite3_column_int64(st, 0);
			fixv[nfix++] = mp_strdup(prev);
		}
		snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(st, 2));
		n++;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		ret = mp_db_fail(db, rc, e);
	mp_db_done(db, st);
	snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?1 WHERE id = ?2", t->name,
	         t->fields[hf(w, WH_FROM)].col);
	for (size_t k = 0; k < nfix; k++) {
		if (ret == MP_OK)
			ret = write_of(db, sql, fixv[k], fix[k], e);
		free(fixv[k]);
	}
	free(fix);
	free(fixv);
	if (ret == MP_OK && n > 0)
		ret = set_state(db, w, rt, rid, prev, e);
	return ret;
}

int mp_wf_purge_history(mp_db *db, const mp_table *t, int64_t id, mp_err *e)
{
	const mp_workflow *w = t->workflow;
	char sql[300];

	if (!w || !(w->wflags & MP_WF_TIMELINE))
		return MP_OK;
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ?2 AND ?1 IS NULL",
	         w->history->name, w->history->fields[hf(w, WH_RECORD)].col);
	return write_of(db, sql, NULL, id, e);
}

int mp_wf_offers_steps(const mp_table *t)
{
	return t && t->workflow && !(t->workflow->wflags & MP_WF_TIMELINE);
}
