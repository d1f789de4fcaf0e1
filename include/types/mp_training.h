/* mp_training.h — trainings (培训) and who attended them. */
#ifndef MP_TRAINING_H
#define MP_TRAINING_H

#include "mp_record.h"

/* Field indexes into mp_trainings.fields. */
enum mp_training_field {
	T_NAME, T_TOPIC, T_DATE, T_HOURS, T_MODE, T_PLACE, T_TRAINER,
	T_ORGANIZER, T_NOTES,
	T__COUNT
};

/* 参训组织: one attending group of a training. */
enum mp_training_group_field {
	TG_TRAINING, TG_GROUP, TG_PEOPLE,   /* how many of its people came */
	TG__COUNT
};

/* 参训人员: one attending person — a volunteer, or someone else (a group's
 * leader) by name — with the group they came for. */
enum mp_training_person_field {
	TP_TRAINING, TP_VOLUNTEER, TP_NAME, TP_GROUP,
	TP__COUNT
};

extern const mp_table mp_trainings;
extern const mp_table mp_training_groups;
extern const mp_table mp_training_people;

/* Trainings attended by a volunteer, and their hours in total. */
int mp_volunteer_training(mp_db *db, int64_t volunteer_id, long *count,
                          double *hours, mp_err *e);

#endif
