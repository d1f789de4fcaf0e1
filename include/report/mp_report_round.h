/* mp_report_round.h — the report of one funding round (公益创投, 微创投):
 * `miaopu report --round NAME`. */
#ifndef MP_REPORT_ROUND_H
#define MP_REPORT_ROUND_H

#include "mp_report.h"

/* Build the report of the round named round (or numbered so) as it
 * stands at to (YYYY-MM-DD), for community (NULL or "": all): its
 * applications, approved, money granted, paid, outstanding, reclaimed,
 * matched funds and the leverage ratio, outcomes and evaluations, by
 * category and by community.  The period runs from the day the round
 * began to to.  MP_ENOTFOUND naming the round when there is none,
 * MP_EINVAL for a bad date; free r with mp_report_free. */
int mp_report_build_round(mp_db *db, const mp_config *cfg, const char *round,
                          const char *to, const char *community,
                          mp_report *r, mp_err *e);

/* Append to out the names of the ledger's live funding rounds, in order
 * (the screen's choice of a round's report). */
int mp_report_round_names(mp_db *db, mp_strlist *out, mp_err *e);

#endif
