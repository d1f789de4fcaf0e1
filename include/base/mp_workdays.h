/* mp_workdays.h — working days (工作日), in which a public notice's period
 * (公示期) and other official periods are counted.
 *
 * Working days are Monday to Friday, less the public holidays the State
 * Council announces each year and plus the weekend days it makes working
 * days in exchange (调休上班); the built-in calendar holds those of the
 * years miaopu knows.  Day arithmetic is mp_check.h's day numbers. */
#ifndef MP_WORKDAYS_H
#define MP_WORKDAYS_H

#include "mp_config.h"
#include "mp_err.h"

/* The days that differ from Monday-to-Friday: holidays (days off, on
 * weekdays or not) and make-up working days (weekend days worked), both
 * "YYYY-MM-DD" and sorted.  The built-in calendar is mp_calendar_cn. */
typedef struct mp_calendar {
	const char *const *holidays;
	int nholidays;
	const char *const *workdays;
	int nworkdays;
} mp_calendar;

extern const mp_calendar mp_calendar_cn;

/* mp_calendar_cn with the settings' holidays and workdays added (lists
 * MP_CH_HOLIDAYS and MP_CH_WORKDAYS; dates as people type them, those
 * that are not dates left out).  cfg NULL: the built-in calendar alone.
 * Free with mp_calendar_free (never NULL). */
mp_calendar *mp_calendar_new(const mp_config *cfg);
void mp_calendar_free(mp_calendar *c);

/* 1 when date (YYYY-MM-DD) is a working day in cal (NULL: mp_calendar_cn),
 * 0 when it is not, -1 when date is not a date. */
int mp_workday_is(const mp_calendar *cal, const char *date);

/* The period of days working days (1 to 60; a public notice's) from
 * from: it starts on the first working day on or after from and ends on
 * the days-th working day counting that one.  Returns MP_OK, or MP_EINVAL
 * with e saying why (from not a date, days out of range). */
int mp_workdays_period(const mp_calendar *cal, const char *from, int days,
                       char start[11], char end[11], mp_err *e);

#endif
