/* record_internal.h — what the record engine offers the layers above it
 * for bulk work, beside its public interface (mp_record.h). */
#ifndef RECORD_INTERNAL_H
#define RECORD_INTERNAL_H

#include "mp_record.h"
#include "mp_workflow.h"

/* mp_record_save for an import, which has run every field's own check
 * (mp_field_check) already, has found each reference of a new record
 * among the live records (inside the transaction this runs in) and drops
 * r when its save fails: the same save, without those checks again
 * (only references the table's prepare fills are looked up) and without
 * keeping r's values as typed. */
int mp_record_save_batch(mp_db *db, const mp_config *cfg, mp_record *r,
                         mp_err *e);

/* mp_record_save_batch for a new record whose table's bulk_plain has
 * vouched for it: the table's checks against other records (check,
 * clash) are not run again. */
int mp_record_save_plain(mp_db *db, const mp_config *cfg, mp_record *r,
                         mp_err *e);

/* mp_record_save for mp_wf_move: the fields its workflow's steps set
 * (MP_F_AUTO, never taken from a caller otherwise) are written as r holds
 * them. */
int mp_record_save_move(mp_db *db, const mp_config *cfg, mp_record *r,
                        mp_record **theirs, mp_err *e);

/* Whether field i of a table with workflow w is one its steps set (the
 * state, its date, the reason, the amount); 0 when w is NULL. */
int mp_wf_sets(const struct mp_workflow *w, int i);

/* A save that changes the state of a record whose state field a form
 * edits (not MP_F_AUTO): the change must be a declared step (else the
 * skipped state is refused on the state field), with what it needs; the
 * date field, unless typed anew, becomes today.  A workflow without a
 * date field (MP_WF_TIMELINE) takes the date and reason from in (NULL:
 * none), and date is the step's date as checked.  *step is the step
 * (NULL: the state did not change) and *from the state before, for
 * mp_wf_history once the record is written.  MP_OK or fills e. */
int mp_wf_on_update(mp_db *db, const mp_config *cfg, const mp_record *stored,
                    mp_record *r, const mp_wf_input *in, char date[11],
                    int *from, const mp_wf_step **step, mp_err *e);

/* The history row of step, taken from state from (its name, "" none) by
 * r (written); in: the step's date and reason when the record keeps
 * none (NULL: today, none). */
int mp_wf_history(mp_db *db, const mp_config *cfg, const mp_record *r,
                  const char *from, const mp_wf_step *step,
                  const mp_wf_input *in, mp_err *e);

/* A new record of an MP_WF_TIMELINE workflow, written with a state: its
 * first entry, from nothing, dated by the start field or today. */
int mp_wf_history_start(mp_db *db, const mp_config *cfg, const mp_record *r,
                        mp_err *e);

/* Before record id of t is removed for good: when t's workflow is an
 * MP_WF_TIMELINE, its history entries are removed with it. */
int mp_wf_purge_history(mp_db *db, const mp_table *t, int64_t id, mp_err *e);

/* A new record of a table with workflow w starts in its first state
 * unless it carries one (an import), dated today unless it carries a
 * date. */
void mp_wf_start(const struct mp_workflow *w, mp_record *r);

#endif
