/* mp_notice.h — the public notice (公示) of a round's approved projects,
 * and the working days its period is counted in.
 *
 * A round publishes the projects it means to fund for a number of working
 * days (工作日) so that anyone may object before agreements are signed.
 * Working days are Monday to Friday, less the public holidays the State
 * Council announces each year and plus the weekend days it makes working
 * days in exchange (调休上班); the built-in calendar holds those of the
 * years miaopu knows, and the settings may add more. */
#ifndef MP_NOTICE_H
#define MP_NOTICE_H

#include <stdint.h>
#include <stdio.h>
#include "mp_config.h"
#include "mp_err.h"
#include "mp_record.h"

/* ---- working days ---- */

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

/* 1 when date (YYYY-MM-DD) is a working day in cal (NULL: mp_calendar_cn),
 * 0 when it is not, -1 when date is not a date. */
int mp_workday_is(const mp_calendar *cal, const char *date);

/* The public-notice period of days working days (1 to 60) published on
 * from: it starts on the first working day on or after from and ends on
 * the days-th working day counting that one.  Returns MP_OK, or MP_EINVAL
 * with e saying why (from not a date, days out of range). */
int mp_notice_period(const mp_calendar *cal, const char *from, int days,
                     char start[11], char end[11], mp_err *e);

/* ---- the page ---- */

/* One approved project on the notice. */
typedef struct mp_notice_project {
	const char *name;        /* 项目名称 */
	const char *group;       /* 申报组织 */
	const char *category;    /* 项目类别, "" if none */
	const char *community;   /* 服务社区, "" if none */
	int64_t score;           /* mean weighted score in hundredths; -1: none */
	int64_t requested;       /* fen */
	int64_t granted;         /* fen: 拟资助金额 */
} mp_notice_project;

/* One reviewer named on the notice. */
typedef struct mp_notice_reviewer {
	const char *name;
	const char *unit;        /* 工作单位, "" if none */
} mp_notice_reviewer;

typedef struct mp_notice {
	const char *round;       /* the round's name: "2026年幸福街道公益创投" */
	const char *organiser;   /* 主办单位, "" if none */
	const char *operator_;   /* 运营机构, "" if none */
	const char *start, *end; /* the period (mp_notice_period) */
	int days;                /* its length in working days */
	const char *issued;      /* the date of the notice, YYYY-MM-DD */
	const char *contact;     /* where objections go (the station), "" */
	const char *phone;       /* its phone, "" */
	const mp_notice_project *p;
	int np;
	const mp_notice_reviewer *r;
	int nr;
} mp_notice;

/* Write n as one self-contained HTML page (inline CSS, no images, no
 * scripts) laid out for A4, in Chinese whatever the operator's language
 * (it is a public document, like the certificate): the projects with
 * their groups, scores and amounts, the total granted, the period in
 * working days, where objections go, and the reviewers.  Returns MP_OK, or
 * MP_EINVAL when there is no project to publish, or MP_EIO when out
 * cannot be written. */
int mp_notice_write(FILE *out, const mp_notice *n, mp_err *e);

#endif
