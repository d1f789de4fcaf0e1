/* mp_period.h — the one rule for the figures of a period (the overview,
 * the report, the lists' totals and the exports): what happened up to
 * today is held and counts; what is dated later is planned, shown as
 * such and never counted as held.  "Today" is mp_today (MIAOPU_TODAY when
 * set).  The functions are pure, so that a screen uses them too. */
#ifndef MP_PERIOD_H
#define MP_PERIOD_H

#include <stddef.h>

/* The last day of a period ending on `to` whose records count as held:
 * the earlier of to and today (both YYYY-MM-DD). */
const char *mp_held_until(const char *to, const char *today);

/* 1 when date (YYYY-MM-DD) lies after today: planned, not held. */
int mp_date_planned(const char *date, const char *today);

/* A date for a short line: "MM-DD" in today's year, the whole
 * "YYYY-MM-DD" in any other year (so that 2027-01-15 is never read as
 * January of this year); other text as it is. */
const char *mp_date_brief(const char *date, const char *today, char *buf,
                          size_t size);

#endif
