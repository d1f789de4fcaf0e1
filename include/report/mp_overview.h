/* mp_overview.h — the figures of the overview screen (概览).
 *
 * They come from indexed lookups and from the monthly figures the core
 * keeps up to date as records are saved (table month_stats), so opening
 * the overview never counts a large table from scratch. */
#ifndef MP_OVERVIEW_H
#define MP_OVERVIEW_H

#include "mp_db.h"

typedef struct mp_month {
	char month[8];       /* YYYY-MM */
	long activities;
	double hours;        /* service hours that count */
} mp_month;

typedef struct mp_overview {
	long groups_active;            /* groups in state 活跃 */
	long groups_registered;        /* ... of which 登记 */
	long groups_filed;             /* ... 备案 */
	long groups_unregistered;      /* ... 未登记 */
	long volunteers;               /* live volunteers in state 在册 */
	long month_activities;         /* this calendar month, held (up to today) */
	double month_hours;
	long month_planned;            /* activities later this month: planned */
	mp_month months[12];           /* the last 12 months, oldest first */
} mp_overview;

/* Fill *o for today (mp_today).  Returns MP_OK or fills e.  What is
 * dated after today is planned and not counted (mp_period.h). */
int mp_overview_get(mp_db *db, mp_overview *o, mp_err *e);

/* An activity as the overview names it. */
typedef struct mp_brief {
	long long id;
	char *name;
	char date[11];                 /* YYYY-MM-DD */
} mp_brief;

/* Up to max live activities: held ones (dated up to today), newest
 * first, or, when upcoming is set, planned ones (dated after today),
 * soonest first.  *out is allocated (free with mp_briefs_free). */
int mp_overview_activities(mp_db *db, int upcoming, int max, mp_brief **out,
                           int *n, mp_err *e);
void mp_briefs_free(mp_brief *b, int n);

#endif
