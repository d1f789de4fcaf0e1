/* mp_visit.h — supervision visits (督导) and their follow-ups. */
#ifndef MP_VISIT_H
#define MP_VISIT_H

#include <stdio.h>
#include "mp_record.h"

enum mp_visit_field {
	VI_GROUP, VI_DATE, VI_SUPERVISOR, VI_AGENCY, VI_KIND, VI_FINDINGS,
	VI_ADVICE, VI_RATING, VI_DUE, VI_DONE_DATE, VI_DONE_NOTE,
	VI__COUNT
};

/* Presets of mp_visits (indexes into mp_visits.presets). */
enum { VI_PRESET_OVERDUE, VI_PRESET_DUE_SOON };

extern const mp_table mp_visits;

/* A follow-up is open until it has both a completion date and a note;
 * an open one whose due date is before today is overdue; one due from
 * today to today + days is due soon. */
enum mp_followup { MP_FU_NONE, MP_FU_DONE, MP_FU_OVERDUE, MP_FU_DUE_SOON,
                   MP_FU_OPEN };
enum mp_followup mp_visit_followup(const mp_record *visit, const char *today,
                                   int days);

/* One open follow-up, for the overview and `miaopu due`. */
typedef struct mp_due {
	int64_t visit_id;
	char due[11];
	char *group;       /* the group's name */
	char *supervisor;
	char *advice;      /* what was asked (改进建议) */
	int overdue;
} mp_due;

/* Open follow-ups due before today + days (overdue ones included), the
 * most overdue first, at most max; free with mp_dues_free. */
int mp_visits_due(mp_db *db, int days, int max, mp_due **out, int *n,
                  mp_err *e);
void mp_dues_free(mp_due *d, int n);

/* A group's latest rating ("" if none) and its next open follow-up date
 * ("" if none). */
int mp_group_visits(mp_db *db, int64_t group_id, char rating[8],
                    char next_due[11], mp_err *e);

#endif
