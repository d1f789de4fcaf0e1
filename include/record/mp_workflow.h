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

/* What a step stands for, declared with the step: the records that must
 * be there before the record may take it (an agreement before 已签协议, a
 * scored mid-term evaluation before 已中期评估).  Two ways to say it:
 * - declared: a live record of table whose field ref_field holds the
 *   moving record's id, and for which pass (when not NULL) says 1; when
 *   there is none, missing_en (a gettext msgid, said as what to do:
 *   "Register the funding agreement first") is the refusal, and the
 *   record offered to make it is a new one of table with ref_field set
 *   (and preset_field to preset, when preset is not NULL);
 * - test (when not NULL, instead): the guard's own function, for what a
 *   declaration cannot say.  MP_OK when met; else MP_EINVAL with e's
 *   message saying what is missing, and *offer (when offer is not NULL)
 *   a new record to make it (or NULL), which the caller frees.
 * Each type declares its guards where it keeps its records (funding.c's
 * agreement, evaluation.c's evaluations); the step lists them. */
typedef struct mp_wf_guard {
	const struct mp_table *table;
	int ref_field;
	int (*pass)(mp_db *db, const mp_record *moving, const mp_record *rec);
	int preset_field;
	const char *preset;
	const char *missing_en;
	int (*test)(mp_db *db, const mp_config *cfg, const mp_record *moving,
	            mp_record **offer, mp_err *e);
} mp_wf_guard;

typedef struct mp_wf_step {
	int from, to;            /* indexes into the workflow's states */
	const char *label_en;    /* gettext msgid: what the step does, "Submit" */
	unsigned needs;          /* enum mp_wf_needs */
	const mp_wf_guard *const *guards;   /* what it requires, NULL-ended; NULL none */
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

	/* What a workflow of another shape says (all zero for one like the
	 * application's): */
	/* MP_CH_* (not MP_CH_NONE): the states are that settings list, as the
	 * station names them; states and nstates are then unused. */
	int states_choice;
	/* Not NULL: a move from any state to any other is this step (a
	 * group's stage may go forward, skip or go back); steps unused. */
	const mp_wf_step *any_step;
	unsigned wflags;             /* enum mp_wf_flags */
	/* MP_WF_TIMELINE: the field whose date a new record's first entry
	 * takes (a group's founding), -1: the day it is saved. */
	int start_date_field;
	/* The history table's field of each enum mp_wf_history_field (-1: it
	 * has none, e.g. no amount); NULL: the history has them all, in that
	 * order. */
	const int *history_map;
} mp_workflow;

enum mp_wf_flags {
	/* The history is the record's timeline, and its state only the
	 * latest entry's: a new record with a state gets its first entry
	 * (from nothing; not one imported with its UUID, whose history comes
	 * in its own file); entries may be added afterwards for the past,
	 * between others (mp_wf_entry_prepare mends the timeline); binning or
	 * restoring one mends it too; the record's state is always the latest
	 * entry's new state.  Without a date field on the record, a step's
	 * date and reason come with the save (mp_wf_save) and "the last
	 * change" is the latest entry's date. */
	MP_WF_TIMELINE = 1 << 0
};

/* The index of state name in w; -1 if none.  A workflow whose states
 * are a settings list (states_choice) is asked through the _cfg forms. */
int mp_wf_state_index(const mp_workflow *w, const char *name);

/* w's states under the settings cfg (its own list, or the settings'
 * list of states_choice): their number, and the name of state i ("" when
 * out of range), the index of a name (-1 if none). */
int mp_wf_nstates(const mp_workflow *w, const mp_config *cfg);
const char *mp_wf_state_name(const mp_workflow *w, const mp_config *cfg, int i);
int mp_wf_state_index_cfg(const mp_workflow *w, const mp_config *cfg,
                          const char *name);

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

/* Whether the screen offers t's records the next-step key (F6): a
 * workflow whose states are moved by steps, not a timeline whose state
 * the form edits. */
int mp_wf_offers_steps(const mp_table *t);

/* Save r (mp_record_save_checked) when r's state field is one a form
 * edits and its workflow keeps the step's date and reason in the history
 * only (MP_WF_TIMELINE without a date field): in, when not NULL, is the
 * step's date ("" today) and reason, written in the history entry of the
 * same transaction.  A change of state with no in (or no reason when the
 * step asks one) is refused on the state field; a date after today or
 * before the latest entry's is refused with MP_WF_FIELD_DATE. */
int mp_wf_save(mp_db *db, const mp_config *cfg, mp_record *r,
               const mp_wf_input *in, mp_record **theirs, mp_err *e);

/* Whether saving r over stored (as loaded; NULL or id 0 for a new
 * record) changes the state of a workflow that takes the step's date and
 * reason with the save (mp_wf_save): the screen asks them first. */
int mp_wf_asks_on_save(const mp_record *stored, const mp_record *r);

/* The date of r's latest live history entry into last (YYYY-MM-DD; ""
 * when none).  MP_OK or fills e. */
int mp_wf_last_date(mp_db *db, const mp_record *r, char last[11], mp_err *e);

/* The date a step of r is typed with (as people type dates; "" today),
 * checked as the move will check it: a date, not after today, not before
 * r's latest entry.  MP_OK with out the date as stored, or MP_EINVAL with
 * e's field MP_WF_FIELD_DATE. */
int mp_wf_check_date(mp_db *db, const mp_record *r, const char *typed,
                     char out[11], mp_err *e);

/* The prepare of an MP_WF_TIMELINE history table (h, an entry saved on
 * its own: added for the past, imported): its original state is the one
 * the timeline had at its date (the previous entry's new state, "" when
 * first), the entry after it is mended to start from h's new state, and
 * when h is the latest the record's state becomes h's.  An entry whose new
 * state is the one it starts from, or the one the next entry moves to, is
 * refused; a saved entry's record, new state and date are not changed
 * (bin it and add it again).  w is the record type's workflow. */
int mp_wf_entry_prepare(mp_db *db, const mp_config *cfg,
                        const mp_workflow *w, mp_record *h, mp_err *e);

/* After an entry of table t went to the recycle bin or came back (id):
 * when t is the history of an MP_WF_TIMELINE workflow, the entry after it
 * is mended to follow the one before it, and the record's state is the
 * latest live entry's.  Called by the recycle bin inside its
 * transaction; MP_OK for any other table. */
int mp_wf_entry_binned(mp_db *db, const mp_table *t, int64_t id, mp_err *e);

/* e's field when a step's guard was not met (a record it requires is
 * missing): e's message says what to do. */
#define MP_WF_FIELD_GUARD (-3)

/* Whether r (loaded, in the step's from state) has what step requires:
 * MP_OK when every guard of the step is met; else MP_EINVAL, e's message
 * the first unmet guard's ("先登记资助协议") and its field
 * MP_WF_FIELD_GUARD, and *offer (when offer is not NULL) a new record
 * that would meet it, its fields preset (NULL when the guard offers
 * none; the caller frees it).  mp_wf_move asks this itself; the screen
 * asks it first, to offer the record before asking the step's date. */
int mp_wf_unmet(mp_db *db, const mp_config *cfg, const mp_record *r,
                const mp_wf_step *step, mp_record **offer, mp_err *e);

#endif
