/* mp_obs.h — observation points (观察点): a group, a community or a
 * township observed for some years on a few dimensions (培育发展, 能力提升
 * …), its observation records (观察记录) and their scores per dimension.
 *
 * A point's state moves by its workflow (观察中 → 期满 / 遴选为示范 / 撤销,
 * dated, 撤销 with a reason).  The group field 观察点 (groups.observation)
 * is the current value, kept by triggers of schema step 13 from the
 * group's live points; a group saved with a level (an import, the demo)
 * gets its point made by the same step's trigger. */
#ifndef MP_OBS_H
#define MP_OBS_H

#include "mp_record.h"
#include "mp_workflow.h"

enum mp_obs_point_field {
	OP_NAME, OP_TARGET, OP_GROUP, OP_PLACE, OP_LEVEL, OP_DESIGNATED,
	OP_FROM, OP_TO, OP_DIMENSIONS, OP_THIRD_PARTY, OP_STATE, OP_STATE_DATE,
	OP_REASON, OP_NOTES,
	OP__COUNT
};

/* The date first: what names an observation record where a score refers
 * to it (an export's 观察记录 column), its point being a reference. */
enum mp_observation_field {
	OR_DATE, OR_POINT, OR_OBSERVER, OR_PROBLEMS, OR_EXPERIENCE,
	OR__COUNT
};

enum mp_obs_score_field {
	OS_OBS, OS_DIMENSION, OS_SCORE, OS_NOTES,
	OS__COUNT
};

/* A point's states, in the order of mp_obs_state_names. */
enum mp_obs_state {
	OPS_OBSERVING, OPS_EXPIRED, OPS_MODEL, OPS_REVOKED,
	OPS__COUNT
};
extern const char *const mp_obs_state_names[OPS__COUNT + 1];

/* What a point observes (对象类型), fixed: a 组织 names its group. */
#define MP_OBS_TARGET_GROUP "组织"

extern const mp_table mp_obs_points;
extern const mp_table mp_obs_point_states;   /* the workflow's history */
extern const mp_table mp_observations;
extern const mp_table mp_obs_scores;
extern const mp_workflow mp_obs_workflow;

/* The dimensions a point is observed on: its own list (观察维度, separated
 * by 、 or commas) or, when empty, the settings'.  At most max names,
 * each copied into names[i] (size 64); their number. */
int mp_obs_dimensions(const mp_config *cfg, const char *list,
                      char names[][64], int max);

/* One dimension's scores over time on a point's screen: one line
 * "培育发展 ▃▅▆█ 58→85" per dimension, a block per observation date (the
 * latest on the right, · where it was not scored; at most width columns
 * in all; a dimension never scored has none), then the first and the
 * latest score shown; lines separated
 * by '\n' into buf.  Empty when the point has no scores. */
void mp_obs_chart(mp_db *db, const mp_config *cfg, int64_t point_id,
                  int width, char *buf, size_t size);

/* A point whose next observation is due (the overview): its last
 * observation's date (or the start of its period when none) plus the
 * settings' observation_interval_months is on or before today + days. */
typedef struct mp_obs_due {
	int64_t point_id;
	char name[128];     /* the point's name */
	char level[32];
	char last[11];      /* its last observation, "" when none */
	char due[11];       /* when the next one is due */
	int overdue;        /* due before today */
} mp_obs_due;

/* Live points in 观察中 due by today + days, the most overdue first, at
 * most max (max <= 0: all); free *out with free(). */
int mp_obs_points_due(mp_db *db, const mp_config *cfg, int days, int max,
                      mp_obs_due **out, int *n, mp_err *e);

/* The report's part (obs_report.c): points by level and state; the mean
 * score per dimension of the observations in the period, beside that of
 * the period of the same length just before it. */
int mp_obs_report(mp_db *db, const mp_config *cfg, struct mp_report *r,
                  mp_err *e);

#endif
