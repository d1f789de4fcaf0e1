/* mp_activity.h — activities (活动) and volunteer service records (服务记录). */
#ifndef MP_ACTIVITY_H
#define MP_ACTIVITY_H

#include "mp_record.h"

/* Field indexes into mp_activities.fields. */
enum mp_activity_field {
	ACT_NAME, ACT_GROUP, ACT_TYPE, ACT_DATE, ACT_START, ACT_END, ACT_PLACE,
	ACT_PARTICIPANTS, ACT_BENEFICIARIES, ACT_CONTENT,
	ACT__COUNT
};

/* Field indexes into mp_hours.fields (服务记录). */
enum mp_hours_field {
	H_VOLUNTEER, H_GROUP, H_ACTIVITY, H_DATE, H_CONTENT, H_PLACE, H_HOURS,
	H_COUNTS,      /* 计入志愿服务时长: 是/否 — 否 never counts anywhere */
	H_RECORDER, H_RECORDED_AT, H_LATE,   /* MP_F_AUTO */
	H__COUNT
};

extern const mp_table mp_activities;
extern const mp_table mp_hours;

/* The activity's duration in hours from its start and end times (0 when
 * either is empty), as a normalised MP_K_HOURS string in buf. */
const char *mp_activity_duration(const mp_record *activity, char *buf,
                                 size_t size);

/* A service record for volunteer_id prefilled from the activity: its group,
 * date, place, content (activity name) and duration. */
mp_record *mp_hours_from_activity(const mp_config *cfg,
                                  const mp_record *activity,
                                  int64_t volunteer_id);

/* Save n service records in one transaction: all or none.  On failure
 * e->index says which record failed and e->msg begins with the
 * volunteer's name. */
int mp_hours_save_batch(mp_db *db, const mp_config *cfg, mp_record **recs,
                        int n, mp_err *e);

/* The live service record that r would repeat exactly — the same
 * volunteer, activity (or none), service date and hours — other than r
 * itself: its id in *found (0 when none) and, when desc is not NULL, a
 * line naming it ("陈丽华 2026-11-28 “重阳敬老入户探访” 2.5 hours",
 * translated).  mp_hours_save_batch refuses such a record (MP_EDUP,
 * e->other_id); a form is warned (mp_table.warn). */
int mp_hours_duplicate(mp_db *db, const mp_record *r, int64_t *found,
                       char *desc, size_t size, mp_err *e);

/* A service record already there for an activity on a day. */
typedef struct mp_hours_there {
	int64_t record, volunteer;
	char *name;           /* the volunteer's */
	char hours[16];       /* as the forms show them */
	char desc[512];       /* as mp_hours_duplicate names it */
} mp_hours_there;

/* The live service records of activity on date, oldest first; *out is
 * allocated (free with mp_hours_there_free). */
int mp_hours_of_activity(mp_db *db, int64_t activity, const char *date,
                         mp_hours_there **out, int *n, mp_err *e);
void mp_hours_there_free(mp_hours_there *h, int n);

/* Number of working days (Monday to Friday) after date `from` up to and
 * including `to` (both YYYY-MM-DD); 0 when to <= from. */
int mp_working_days_between(const char *from, const char *to);

/* Hours that count (计入 = 是, live records) of one volunteer: in total and
 * in the calendar year of today.  Either pointer may be NULL. */
int mp_volunteer_hours(mp_db *db, int64_t volunteer_id, double *total,
                       double *this_year, mp_err *e);

/* Service hours that count for a group (its records) and how many
 * volunteers gave them. */
int mp_group_hours(mp_db *db, int64_t group_id, double *total,
                   long *volunteers, mp_err *e);

/* Format hours for people: "12.5", "3", "0". */
const char *mp_hours_str(double h, char *buf, size_t size);

#endif
