/* mp_notice.h — the public notice (公示) of a round's approved projects.
 *
 * A round publishes the projects it means to fund for a number of working
 * days (工作日, mp_workdays.h) so that anyone may object before agreements
 * are signed. */
#ifndef MP_NOTICE_H
#define MP_NOTICE_H

#include <stdint.h>
#include <stdio.h>
#include "mp_config.h"
#include "mp_err.h"
#include "mp_record.h"
#include "mp_workdays.h"

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
	const char *start, *end; /* the period (mp_workdays_period) */
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

/* The public notice of round_id from the ledger, written to out: its
 * approved applications (拟立项 and the states after it, 已终止 left out),
 * best ranked first, with their mean scores and amounts granted; the
 * reviewers who scored the round; the period from the day the round's
 * applications went into public notice (公示中), or from from when given
 * ("" or NULL: that day, or today when none has yet), the round's notice
 * days long (5 when it says none), in working days (mp_calendar_new:
 * the settings' holidays too); the station (cfg) as where objections
 * go.  The period is put into start and end.  MP_EINVAL when the round
 * has no approved application. */
int mp_notice_make(mp_db *db, const mp_config *cfg, int64_t round_id,
                   const char *from, FILE *out, char start[11], char end[11],
                   mp_err *e);

#endif
