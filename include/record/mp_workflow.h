/* mp_workflow.h — the states a record goes through, declared per table.
 *
 * A record type with a workflow names it in its mp_table (.workflow): its
 * states (the stored values of one field), the steps allowed between
 * them and what each step asks (a reason, an amount), and a history
 * table in which every change of state is kept with its date.  Two ways
 * to move, both one declared step at a time, the record and its history
 * row written in one transaction, a skipped state refused with a message
 * naming the states that may come next:
 * - the state field and the fields a step sets are MP_F_AUTO (an
 *   application): no form or import changes them; only mp_wf_move does
 *   (the screen's F6 asks what the step needs);
 * - the state field is an ordinary field the form edits (a group's
 *   stage): any save that changes it is taken as the step between the
 *   stored state and the new one (the date field, unless typed anew,
 *   becomes today), and mp_wf_move works too.
 * Applications (mp_project.h) use it; anything with stages can. */
#ifndef MP_WORKFLOW_H
#define MP_WORKFLOW_H

#include "mp_record.h"

/* What a step asks for beside its date. */
enum mp_wf_needs {
	MP_WF_REASON = 1 << 0,   /* a reason (kept in reason_field) */
	MP_WF_AMOUNT = 1 << 1    /* an amount of money (kept in amount_field) */
};

typedef struct mp_wf_step {
	int from, to;            /* indexes into the workflow's states */
	const char *label_en;    /* gettext msgid: what the step does, "Submit" */
	unsigned needs;          /* enum mp_wf_needs */
} mp_wf_step;

/* The fields of a history table, in this order (its own mp_table, a
 * record type like any other, so that it is listed, exported and
 * imported): the record it is about (MP_K_REF to the workflow's table),
 * the state before and after, the date of the change, the reason and the
 * amount the step asked (if any), and who recorded it. */
enum mp_wf_history_field {
	WH_RECORD, WH_FROM, WH_TO, WH_DATE, WH_REASON, WH_AMOUNT, WH_BY,
	WH__COUNT
};

typedef struct mp_workflow {
	const char *const *states;   /* the stored values, states[0] first */
	int nstates;
	const mp_wf_step *steps;
	int nsteps;
	int state_field;             /* the table's field holding the state */
	int date_field;              /* the date of the last change; -1 none */
	int reason_field;            /* where MP_WF_REASON goes; -1 none */
	int amount_field;            /* where MP_WF_AMOUNT goes; -1 none */
	const char *amount_en;       /* gettext msgid: what the amount is */
	const mp_table *history;     /* fields as enum mp_wf_history_field */
	/* The type's rules for a step, after the engine has set the new
	 * state, date, reason and amount in r (a copy; stored is the record
	 * as the ledger holds it).  NULL if none.  MP_OK or fills e. */
	int (*check)(mp_db *db, const mp_config *cfg, const mp_record *r,
	             const mp_wf_step *step, mp_err *e);
} mp_workflow;

/* The index of state name in w; -1 if none. */
int mp_wf_state_index(const mp_workflow *w, const char *name);

/* The steps that may be taken from state from, into out (at most max);
 * their number. */
int mp_wf_next_steps(const mp_workflow *w, int from, const mp_wf_step **out,
                     int max);

/* The step from from to to; NULL when there is none. */
const mp_wf_step *mp_wf_step_between(const mp_workflow *w, int from, int to);

/* What a move hands the engine: the date of the change (YYYY-MM-DD or
 * a form people type; "" = today), and the reason and amount the step
 * asks for ("" when it asks for none). */
typedef struct mp_wf_input {
	const char *date;
	const char *reason;
	const char *amount;
} mp_wf_input;

/* Move r (a loaded record of a table with a workflow) to state to: the
 * step must be declared (else MP_EINVAL: "…后只能是…", the skipped state
 * named), what it needs given, the date not before the last change nor
 * after today, the table's checks and the workflow's check passed.  The
 * record and one history row are written in one transaction; on success
 * r holds the new values and version.  When another window changed r
 * since it was loaded: MP_ECONFLICT, *theirs as mp_record_save_checked.
 * On failure r is unchanged and nothing is written; e names the field
 * (the state field, or the reason/amount/date asked). */
int mp_wf_move(mp_db *db, const mp_config *cfg, mp_record *r, int to,
               const mp_wf_input *in, mp_record **theirs, mp_err *e);

/* e's field when the date of a move was refused (the reason and amount
 * are refused with their own fields). */
#define MP_WF_FIELD_DATE (-2)

#endif
