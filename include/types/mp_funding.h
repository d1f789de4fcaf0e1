/* mp_funding.h — the money of a funded project (公益创投, 微创投) and its
 * evaluations: agreements, the tranches of the round's plan, payments,
 * expenditure, amounts reclaimed; mid-term and closing evaluations.
 *
 * The rules live here as plain functions of plain values (what is due on
 * each tranche, whether a tranche's trigger has happened, whether a
 * payment fits what is due) so that they are tested without a ledger;
 * the record types' checks call them with what they read. */
#ifndef MP_FUNDING_H
#define MP_FUNDING_H

#include <stdint.h>
#include "mp_err.h"

/* What must happen before a tranche may be paid. */
enum mp_trigger {
	MP_TRIG_AGREEMENT,   /* 协议签订: the agreement is signed */
	MP_TRIG_MIDTERM,     /* 中期评估通过: a mid-term evaluation passed */
	MP_TRIG_CLOSING,     /* 结项评估通过: the closing evaluation passed */
	MP_TRIG__COUNT
};

/* The trigger's name as the round's plan writes it ("协议签订"); the
 * kept form, untranslated. */
const char *mp_trigger_word(enum mp_trigger t);

/* The trigger's name in the user's language, for messages. */
const char *mp_trigger_label(enum mp_trigger t);

/* The trigger a plan's cell names: the kept word, its English label
 * ("mid-term evaluation passed") or a short form ("中期", "midterm");
 * -1 when it names none. */
int mp_trigger_parse(const char *s);

/* The result of the latest evaluation of a kind. */
enum mp_eval_result { MP_EV_NONE, MP_EV_PASS, MP_EV_FAIL };

/* What has happened to a project, as the triggers read it. */
typedef struct mp_project_facts {
	char agreement_date[11];      /* "" : no agreement signed */
	enum mp_eval_result midterm;  /* the latest mid-term evaluation's */
	char midterm_date[11];        /* its date ("" when none) */
	enum mp_eval_result closing;  /* the latest closing evaluation's */
	char closing_date[11];
} mp_project_facts;

enum mp_tranche_state {
	MP_TS_READY,    /* its trigger happened: it may be paid */
	MP_TS_WAITING,  /* its trigger has not happened yet */
	MP_TS_HELD      /* a failed evaluation holds it (mp_tranche_state) */
};

/* Whether a tranche with trigger t may be paid, given facts f; when it
 * may, *since (if given) is the date its trigger happened.  A failed
 * latest mid-term evaluation holds every tranche after the agreement's
 * until a mid-term evaluation passes; a failed closing evaluation holds
 * the closing tranche. */
enum mp_tranche_state mp_tranche_state(enum mp_trigger t,
                                       const mp_project_facts *f,
                                       char since[11]);

/* What is due on each of n tranches of an amount granted (fen), from
 * their shares in hundredths of a percent (5000 = 50%): each tranche
 * its share rounded down to the fen, the last one what is left, so that
 * the tranches add up to the grant exactly.  The shares must each be
 * above 0 and add up to exactly 100%; else MP_EINVAL saying so (nothing
 * written to due). */
int mp_tranche_split(int64_t granted, const int64_t *shares, int n,
                     int64_t *due, mp_err *e);

/* Whether a payment of amount (fen) on date may be made on tranche
 * number tranche (1, 2 ...) whose trigger is t and on which due is due
 * and paid is paid already (by other payments), given facts f.  Refused
 * with MP_EINVAL, naming the missing trigger, the failed evaluation, or
 * what is still due; e->field is field_amount for an amount and
 * field_date for a date before the trigger happened. */
int mp_payment_check(int tranche, enum mp_trigger t, const mp_project_facts *f,
                     int64_t due, int64_t paid, int64_t amount,
                     const char *date, int field_amount, int field_date,
                     mp_err *e);

/* Whether amount (fen) may be reclaimed from a project paid paid of
 * which reclaimed was reclaimed already: never more than was paid and
 * not yet reclaimed.  MP_EINVAL with field set otherwise. */
int mp_reclaim_check(int64_t paid, int64_t reclaimed, int64_t amount,
                     int field, mp_err *e);

/* The weighted total of n scores (tenths of a point) with their weights
 * (any unit, e.g. hundredths of a percent): the sum of score times
 * weight over the sum of the weights, in tenths, rounded half up; 0 when
 * the weights add up to 0.  Integer arithmetic only. */
int64_t mp_weighted_total(const int64_t *tenths, const int64_t *weights,
                          int n);

#endif
